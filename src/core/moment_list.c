/*
 * Reading contact moments: one, a list, a range for the calendar, and the
 * inbox's (planned today, follow-ups due).  A list reads one index or a
 * few (the caller's departments), newest day first, and stops once the
 * page is full: what it reads does not grow with the register.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "keys.h"
#include "moment_internal.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "timeline.h"

void
sd_moment_view_free(struct sd_moment_view *v)
{
	sd_moment_free(&v->m);
	sd_enterprise_free(&v->ent);
	sd_journal_entries_free(v->journal, v->njournal);
	memset(v, 0, sizeof *v);
}

sd_status
sd_moment_get(struct sd_desk *d, const char *id, struct sd_moment_view *out,
    struct sd_error *err)
{
	struct sd_txn t;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	if ((s = moment_resolve(&t, d, id, &out->m, err)) == SD_OK &&
	    (s = ent_load(&t, out->m.enterprise, &out->ent, err)) == SD_OK)
		s = sd_journal_read(&t, SD_SUBJECT_MOMENT, out->m.id, SD_UUID_LEN, &out->journal,
		    &out->njournal, err);
	sd_txn_abort(&t);
	if (s != SD_OK)
		sd_moment_view_free(out);
	return s;
}

void
sd_moment_rows_free(struct sd_moment_rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		sd_moment_free(&r->items[i].m);
		free(r->items[i].enterprise_name);
	}
	free(r->items);
	memset(r, 0, sizeof *r);
}

/* --- walking an index ------------------------------------------------------------- */

/* An index to walk: its keys are prefix, then day(4) uuid(16); or the timeline's. */
struct source {
	enum sd_dbi	 db;
	struct sd_key	 prefix;
	bool		 timeline;	/* ent(16) when(8) kind(1) uuid(16) */
};

struct walk {
	struct sd_desk		*d;
	struct sd_txn		*t;
	const struct sd_moment_filter *f;
	const uint8_t		*ent;		/* the filter's enterprise, resolved */
	bool			 planned_only;
	size_t			 limit;
	struct sd_moment_rows	*out;
	size_t			 cap;
};

static bool
have(const struct sd_moment_rows *r, const uint8_t id[SD_UUID_LEN])
{
	for (size_t i = 0; i < r->n; i++)
		if (memcmp(r->items[i].m.id, id, SD_UUID_LEN) == 0)
			return true;
	return false;
}

/* Loads one moment and keeps it when the caller sees it and it passes the filter. */
static sd_status
consider(struct walk *w, const uint8_t id[SD_UUID_LEN], bool *kept, struct sd_error *err)
{
	const struct sd_moment_filter *f = w->f;
	struct sd_moment_row row = { 0 };
	struct sd_enterprise e;
	const char *me = w->d->me->login;
	sd_status s;

	*kept = false;
	if (have(w->out, id))
		return SD_OK;
	if ((s = moment_load(w->t, id, &row.m, err)) != SD_OK)
		return s == SD_NOTFOUND ? SD_OK : s;	/* a stale entry: check mends it */
	if (!sd_sees_moment(w->d, &row.m) ||
	    (f->kind != SD_CHANNEL_NONE && row.m.kind != f->kind) ||
	    (w->ent != NULL && memcmp(row.m.enterprise, w->ent, SD_UUID_LEN) != 0) ||
	    (w->planned_only && row.m.state != SD_MOMENT_PLANNED) ||
	    (f->mine && !moment_involves(&row.m, me))) {
		sd_moment_free(&row.m);
		return SD_OK;
	}
	if (ent_load(w->t, row.m.enterprise, &e, NULL) == SD_OK) {
		row.enterprise_name = sd_xstrdup(e.f[SD_EF_NAME]);
		sd_enterprise_free(&e);
	}
	if (w->out->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->out->items = sd_xrealloc(w->out->items, w->cap * sizeof *w->out->items);
	}
	w->out->items[w->out->n++] = row;
	*kept = true;
	return SD_OK;
}

/*
 * Walks src from day `to` back to day `from`, keeping up to limit + 1
 * moments and then the rest of the last day (a day's entries are not in
 * time order, so the page ends at a day's end).
 */
static sd_status
walk_source(struct walk *w, const struct source *src, sd_day from, sd_day to,
    struct sd_error *err)
{
	struct sd_iter it;
	struct sd_key resume;
	size_t kept = 0;
	sd_day stop_after = SD_NO_DAY;
	sd_status s = SD_OK;

	resume = src->prefix;
	if (to != SD_NO_DAY) {
		if (src->timeline)
			sd_key_u64(&resume, (uint64_t)((int64_t)(to + 1) * 86400) ^
			    UINT64_C(0x8000000000000000));
		else
			sd_key_i32(&resume, to + 1);
	}
	sd_iter_start(&it, w->t, src->db, src->prefix.b, src->prefix.len, true,
	    to != SD_NO_DAY ? resume.b : NULL, to != SD_NO_DAY ? resume.len : 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		const uint8_t *k = (const uint8_t *)it.key.mv_data + src->prefix.len;
		size_t rest = it.key.mv_size - src->prefix.len;
		const uint8_t *id;
		sd_day day;
		bool ok;

		if (src->timeline) {
			if (rest != 8 + 1 + SD_UUID_LEN || k[8] != TL_MOMENT)
				continue;
			day = sd_day_from_time((int64_t)(sd_be64(k) ^ UINT64_C(0x8000000000000000)));
			id = k + 9;
		} else {
			if (rest != 4 + SD_UUID_LEN)
				continue;
			day = sd_key_get_i32(k);
			id = k + 4;
		}
		if (to != SD_NO_DAY && day > to)
			continue;
		if (from != SD_NO_DAY && day < from)
			break;
		if (stop_after != SD_NO_DAY && day < stop_after) {
			w->out->more = true;
			break;
		}
		if ((s = consider(w, id, &ok, err)) != SD_OK)
			break;
		if (ok && ++kept > w->limit && stop_after == SD_NO_DAY)
			stop_after = day;
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("contact moment"), err);
	sd_iter_end(&it);
	return s;
}

static int
newest_first(const void *pa, const void *pb)
{
	const struct sd_moment_row *a = pa, *b = pb;

	if (a->m.at != b->m.at)
		return a->m.at > b->m.at ? -1 : 1;
	return memcmp(a->m.id, b->m.id, SD_UUID_LEN);
}

static void
named_source(struct source *src, enum sd_dbi db, const char *name)
{
	src->db = db;
	src->timeline = false;
	sd_key_reset(&src->prefix);
	sd_key_str(&src->prefix, name);
}

/*
 * The indexes that hold what the caller may list: the enterprise's
 * timeline, the caller's own (mine, or dept), an officer's departments
 * and his own, or every day.
 */
static size_t
sources(struct sd_desk *d, const struct sd_moment_filter *f, const uint8_t *ent,
    const char *dept, struct source **out)
{
	const struct sd_officer *me = d->me;
	struct source *src = sd_xcalloc(me->ndepartments + 2, sizeof *src);
	size_t n = 0;

	if (ent != NULL) {
		src[n].db = SD_DB_TIMELINE;
		src[n].timeline = true;
		sd_key_reset(&src[n].prefix);
		sd_key_bytes(&src[n].prefix, ent, SD_UUID_LEN);
		n++;
	} else if (dept != NULL) {
		named_source(&src[n++], SD_DB_MOMENT_BY_DEPT, dept);
	} else if (f->mine) {
		named_source(&src[n++], SD_DB_MOMENT_BY_PERSON, me->login);
	} else if (me->role == SD_ROLE_OFFICER) {
		for (size_t i = 0; i < me->ndepartments; i++)
			named_source(&src[n++], SD_DB_MOMENT_BY_DEPT, me->departments[i]);
		named_source(&src[n++], SD_DB_MOMENT_BY_PERSON, me->login);
	} else {
		src[n].db = SD_DB_MOMENT_BY_DAY;
		sd_key_reset(&src[n].prefix);
		n++;
	}
	*out = src;
	return n;
}

static sd_status
list_in(struct sd_desk *d, const struct sd_moment_filter *f, const char *dept, size_t limit,
    struct sd_moment_rows *out, struct sd_error *err)
{
	struct walk w = { .d = d, .f = f, .limit = limit, .out = out };
	uint8_t ent[SD_UUID_LEN];
	struct source *src;
	struct sd_txn t;
	size_t n;
	sd_status s;

	memset(out, 0, sizeof *out);
	if (f->from != SD_NO_DAY && f->to != SD_NO_DAY && f->from > f->to)
		return sd_fail(err, SD_INVALID, _("--from lies after --to."));
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	w.t = &t;
	if (f->enterprise != NULL) {
		if ((s = ent_resolve(&t, f->enterprise, ent, err)) != SD_OK) {
			sd_txn_abort(&t);
			return s;
		}
		w.ent = ent;
	}
	n = sources(d, f, w.ent, dept, &src);
	for (size_t i = 0; i < n && s == SD_OK; i++)
		s = walk_source(&w, &src[i], f->from, f->to, err);
	free(src);
	sd_txn_abort(&t);
	if (s != SD_OK) {
		sd_moment_rows_free(out);
		return s;
	}
	if (out->n > 1)
		qsort(out->items, out->n, sizeof *out->items, newest_first);
	while (out->n > limit) {
		out->more = true;
		out->n--;
		sd_moment_free(&out->items[out->n].m);
		free(out->items[out->n].enterprise_name);
	}
	return SD_OK;
}

sd_status
sd_moment_list(struct sd_desk *d, const struct sd_moment_filter *f, size_t limit,
    struct sd_moment_rows *out, struct sd_error *err)
{
	return list_in(d, f, NULL, limit, out, err);
}

sd_status
sd_moment_range(struct sd_desk *d, sd_day from, sd_day to, bool mine, const char *dept,
    size_t limit, struct sd_moment_rows *out, struct sd_error *err)
{
	struct sd_moment_filter f = { .from = from, .to = to, .mine = mine && dept == NULL };
	sd_status s;

	if (dept != NULL && (s = sd_desk_known_department(d, dept, err)) != SD_OK)
		return s;
	if ((s = list_in(d, &f, dept, limit, out, err)) != SD_OK)
		return s;
	/* A calendar reads forward. */
	for (size_t i = 0; i < out->n / 2; i++) {
		struct sd_moment_row tmp = out->items[i];
		out->items[i] = out->items[out->n - 1 - i];
		out->items[out->n - 1 - i] = tmp;
	}
	return SD_OK;
}

/* --- the inbox ------------------------------------------------------------------- */

/* The caller's follow-ups whose day has come: only those days are read. */
static sd_status
follow_ups_due(struct walk *w, sd_day today, struct sd_error *err)
{
	struct sd_key prefix, limit;
	struct sd_iter it;
	size_t kept = 0;
	sd_status s = SD_OK;

	sd_key_reset(&prefix);
	sd_key_str(&prefix, w->d->me->login);
	limit = prefix;
	sd_key_i32(&limit, today + 1);
	sd_iter_start(&it, w->t, SD_DB_MOMENT_FOLLOWUP, prefix.b, prefix.len, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		const uint8_t *k = (const uint8_t *)it.key.mv_data + prefix.len;
		size_t i;
		bool ok;

		if (it.key.mv_size != prefix.len + 4 + SD_UUID_LEN)
			continue;
		if (memcmp(it.key.mv_data, limit.b, limit.len) >= 0)
			break;
		if (kept == w->limit) {
			w->out->more = true;
			break;
		}
		for (i = 0; i < w->out->n; i++)
			if (memcmp(w->out->items[i].m.id, k + 4, SD_UUID_LEN) == 0)
				break;
		if (i == w->out->n) {
			if ((s = consider(w, k + 4, &ok, err)) != SD_OK || !ok)
				continue;
		}
		/* The entry must still be the moment's day and its owner the caller. */
		struct sd_moment *m = &w->out->items[i].m;
		if (m->follow_up == sd_key_get_i32(k) && m->owner != NULL &&
		    strcmp(m->owner, w->d->me->login) == 0) {
			w->out->items[i].follow_up_due = true;
			kept++;
		} else if (!w->out->items[i].today) {
			sd_moment_free(m);
			free(w->out->items[i].enterprise_name);
			w->out->items[i] = w->out->items[--w->out->n];
		}
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("inbox"), err);
	sd_iter_end(&it);
	return s;
}

sd_status
sd_moment_inbox(struct sd_desk *d, size_t limit, struct sd_moment_rows *out,
    struct sd_error *err)
{
	struct sd_moment_filter f = { .from = SD_NO_DAY, .to = SD_NO_DAY, .mine = true };
	struct walk w = { .d = d, .f = &f, .limit = limit, .out = out, .planned_only = true };
	sd_day today = sd_day_from_time(sd_moment_now(d));
	struct source src;
	struct sd_txn t;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	w.t = &t;
	/* Planned for today, recorded by or with the caller. */
	named_source(&src, SD_DB_MOMENT_BY_PERSON, d->me->login);
	s = walk_source(&w, &src, today, today, err);
	for (size_t i = 0; i < out->n; i++)
		out->items[i].today = true;
	if (s == SD_OK) {
		w.planned_only = false;
		w.f = &(struct sd_moment_filter){ .from = SD_NO_DAY, .to = SD_NO_DAY };
		s = follow_ups_due(&w, today, err);
	}
	sd_txn_abort(&t);
	if (s != SD_OK) {
		sd_moment_rows_free(out);
		return s;
	}
	/* Today's in time order, then the follow-ups, oldest first. */
	if (out->n > 1)
		qsort(out->items, out->n, sizeof *out->items, newest_first);
	for (size_t i = 0; i < out->n / 2; i++) {
		struct sd_moment_row tmp = out->items[i];
		out->items[i] = out->items[out->n - 1 - i];
		out->items[out->n - 1 - i] = tmp;
	}
	return SD_OK;
}
