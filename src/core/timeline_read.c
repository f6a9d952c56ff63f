/*
 * Reading an enterprise's timeline and the "not contacted since" list
 * (include/sedesk/timeline.h) from the index entries of timeline.c.
 *
 * The timeline walks SD_DB_TIMELINE backward from the enterprise's newest
 * entry; each entry's kind byte picks the function that turns it into a
 * line (describers[] below), and one the caller may not see is skipped.
 * The not-contacted list walks SD_DB_ENT_BY_CONTACT forward: "never"
 * first, then the oldest contact, and stops at the first contact on or
 * after the day asked.  Neither reads more than its page needs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "sedesk/i18n.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"
#include "sedesk/timeline.h"
#include "keys.h"
#include "timeline.h"
#include "event_internal.h"
#include "moment_internal.h"

/* --- names ------------------------------------------------------------------------ */

static const char *const kind_names[] = {
	[SD_TL_CASE] = "case",
	[SD_TL_MOMENT] = "moment",
	[SD_TL_EVENT] = "event",
	[SD_TL_RECOGNITION] = "recognition",
	[SD_TL_AWARD] = "award",
};
static const char *const kind_labels[] = {
	[SD_TL_CASE] = N_("case"),
	[SD_TL_MOMENT] = N_("contact moment"),
	[SD_TL_EVENT] = N_("event"),
	[SD_TL_RECOGNITION] = N_("recognition"),
	[SD_TL_AWARD] = N_("award"),
};

const char *
sd_timeline_kind_name(enum sd_timeline_kind k)
{
	return (unsigned)k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : "";
}

const char *
sd_timeline_kind_label(enum sd_timeline_kind k)
{
	return (unsigned)k < sizeof kind_labels / sizeof kind_labels[0] ? _(kind_labels[k]) :
	    "";
}

void
sd_timeline_item_free(struct sd_timeline_item *it)
{
	free(it->title);
	free(it->state);
	memset(it, 0, sizeof *it);
}

void
sd_timeline_page_free(struct sd_timeline_page *p)
{
	for (size_t i = 0; i < p->n; i++)
		sd_timeline_item_free(&p->items[i]);
	free(p->items);
	memset(p, 0, sizeof *p);
}

void
sd_ent_contact_list_free(struct sd_ent_contact_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		sd_enterprise_free(&l->items[i].e);
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* --- the cases' entries ------------------------------------------------------------- */

sd_status
case_describe(struct sd_txn *t, const struct sd_desk *d, const uint8_t ent[SD_UUID_LEN],
    int64_t when, const void *ref, size_t reflen, struct sd_timeline_item *out,
    struct sd_error *err)
{
	struct sd_case c;
	struct sd_route *routes;
	size_t n;
	sd_status s;
	bool seen;

	(void)ent;
	if (reflen != SD_CASE_KEY_LEN)
		return SD_NOTFOUND;
	if ((s = case_load(t, sd_case_key_unpack(ref), &c, err)) != SD_OK)
		return s;
	if ((s = routes_load(t, c.key, false, &routes, &n, err)) != SD_OK) {
		sd_case_free(&c);
		return s;
	}
	/* An officer's timeline holds the cases of his departments. */
	seen = sd_sees_case(d, routes, n);
	routes_free(routes, n);
	if (!seen) {
		sd_case_free(&c);
		return SD_NOTFOUND;
	}
	memset(out, 0, sizeof *out);
	out->kind = SD_TL_CASE;
	out->when = when;
	sd_case_number_format(c.key, out->ref);
	out->title = sd_xstrdup(c.subject != NULL ? c.subject : "");
	out->state = sd_xstrdup(sd_case_status_label(c.status));
	out->code = sd_case_status_name(c.status);
	out->contact = true;
	sd_case_free(&c);
	return SD_OK;
}

/*
 * Kind byte -> describer.  An entry of a kind not listed is skipped, so
 * entries written by a module whose reader is not wired in yet stay
 * invisible rather than wrong.
 */
static const struct {
	enum tl_kind	kind;
	tl_describe_fn	describe;
} describers[] = {
	{ TL_CASE, case_describe },
	{ TL_MOMENT, moment_describe },
	{ TL_EVENT, event_describe },
	{ TL_AWARD, opp_award_describe },
};

static tl_describe_fn
describer(uint8_t kind)
{
	for (size_t i = 0; i < sizeof describers / sizeof describers[0]; i++) {
		if ((uint8_t)describers[i].kind == kind)
			return describers[i].describe;
	}
	return NULL;
}

/* --- recognitions ------------------------------------------------------------------- */

/* The kind byte of a recognition's place among the index entries (never stored). */
#define TL_RECOGNITION 'R'

/*
 * The enterprise's recognitions, read from its record (the profile), as
 * timeline items: the reader places each by its date among the index
 * entries (recognition_key) and pages through them with the same cursor.
 * A recognition's ref is its place in the record's list, which is stable
 * while the record is.
 */
static sd_status
profile_recognitions(struct sd_txn *t, const struct sd_desk *d, const uint8_t ent[SD_UUID_LEN],
    struct sd_timeline_item **out, size_t *n, struct sd_error *err)
{
	struct sd_enterprise e;
	struct sd_recognition *r = NULL;
	size_t nr = 0, k = 0;
	sd_status s;

	*out = NULL;
	*n = 0;
	if ((s = ent_load(t, ent, &e, err)) != SD_OK)
		return s;
	s = sd_enterprise_recognitions(&e, &r, &nr);
	sd_enterprise_free(&e);
	if (s != SD_OK || nr == 0) {
		sd_recognitions_free(r, nr);
		/* An unreadable list is check's to report; the timeline goes on without it. */
		return SD_OK;
	}
	*out = sd_xcalloc(nr, sizeof **out);
	for (size_t i = 0; i < nr; i++) {
		struct sd_timeline_item *it = &(*out)[k];
		if (r[i].since == SD_NO_DAY)
			continue;
		it->kind = SD_TL_RECOGNITION;
		it->when = (int64_t)r[i].since * 86400;
		snprintf(it->ref, sizeof it->ref, "%zu", i + 1);
		it->title = sd_xstrdup(sd_profile_code_label(&d->cfg, SD_LIST_RECOGNITIONS,
		    r[i].name));
		it->state = sd_xstrdup(_("recognised"));
		it->code = "recognised";
		k++;
	}
	*n = k;
	sd_recognitions_free(r, nr);
	return SD_OK;
}

tl_recognitions_fn timeline_recognitions = profile_recognitions;

/* The key a recognition would have in SD_DB_TIMELINE: where it sorts. */
static void
recognition_key(struct sd_key *k, const uint8_t ent[SD_UUID_LEN],
    const struct sd_timeline_item *it)
{
	timeline_key(k, ent, it->when, TL_RECOGNITION, it->ref, strnlen(it->ref,
	    sizeof it->ref));
}

/* The recognitions, each with the key it would have: newest first. */
struct recog {
	struct sd_timeline_item	 item;
	struct sd_key		 key;
};

static void
recog_sort(struct recog *r, size_t n)
{
	/* Insertion sort: an enterprise has a handful of recognitions. */
	for (size_t i = 1; i < n; i++) {
		struct recog x = r[i];
		size_t j = i;
		for (; j > 0 && sd_key_cmp(r[j - 1].key.b, r[j - 1].key.len, x.key.b,
		    x.key.len) < 0; j--)
			r[j] = r[j - 1];
		r[j] = x;
	}
}

static void
recog_free(struct recog *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sd_timeline_item_free(&r[i].item);
	free(r);
}

/* --- the timeline ------------------------------------------------------------------- */

static void
page_push(struct sd_timeline_page *out, size_t *cap, struct sd_timeline_item *it,
    const void *key, size_t klen)
{
	if (out->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		out->items = sd_xrealloc(out->items, *cap * sizeof *out->items);
	}
	out->items[out->n++] = *it;
	memcpy(out->next.key, key, klen);
	out->next.len = klen;
}

sd_status
sd_enterprise_timeline(struct sd_desk *d, const char *ref, const struct sd_ent_cursor *from,
    size_t limit, struct sd_timeline_page *out, struct sd_error *err)
{
	bool resume = from != NULL && from->len > 0;
	uint8_t ent[SD_UUID_LEN];
	struct sd_timeline_item *ritems;
	struct recog *rec;
	size_t nrec, ri = 0, cap = 0;
	struct sd_iter it;
	struct sd_txn t;
	sd_status s;
	bool have;

	memset(out, 0, sizeof *out);
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	/* An enterprise the caller may not see is not found, as everywhere. */
	if ((s = ent_resolve_visible(&t, d, ref, ent, err)) != SD_OK) {
		sd_txn_abort(&t);
		return s;
	}
	/* A cursor of another enterprise's timeline starts this one afresh. */
	if (resume && (from->len < SD_UUID_LEN || memcmp(from->key, ent, SD_UUID_LEN) != 0))
		resume = false;
	if ((s = timeline_recognitions(&t, d, ent, &ritems, &nrec, err)) != SD_OK) {
		sd_txn_abort(&t);
		return s;
	}
	rec = sd_xcalloc(nrec ? nrec : 1, sizeof *rec);
	for (size_t i = 0; i < nrec; i++) {
		rec[i].item = ritems[i];
		recognition_key(&rec[i].key, ent, &rec[i].item);
	}
	free(ritems);
	recog_sort(rec, nrec);
	/* Those at or after the cursor were on the pages before. */
	while (resume && ri < nrec &&
	    sd_key_cmp(rec[ri].key.b, rec[ri].key.len, from->key, from->len) >= 0)
		ri++;

	sd_iter_start(&it, &t, SD_DB_TIMELINE, ent, SD_UUID_LEN, true,
	    resume ? from->key : NULL, resume ? from->len : 0);
	have = sd_iter_next(&it);
	while (s == SD_OK) {
		struct sd_timeline_item item;
		uint8_t key[sizeof out->next.key];
		size_t klen;

		if (ri < nrec && (!have || sd_key_cmp(rec[ri].key.b, rec[ri].key.len,
		    it.key.mv_data, it.key.mv_size) > 0)) {
			/* A recognition newer than the next entry comes first. */
			item = rec[ri].item;
			memset(&rec[ri].item, 0, sizeof rec[ri].item);
			klen = rec[ri].key.len;
			memcpy(key, rec[ri].key.b, klen);
			ri++;
		} else if (have) {
			const uint8_t *k = it.key.mv_data;
			size_t kl = it.key.mv_size;
			tl_describe_fn fn;
			int64_t when;

			if (kl < SD_UUID_LEN + 9 || kl > sizeof key || it.val.mv_size < 1 ||
			    (fn = describer(k[SD_UUID_LEN + 8])) == NULL) {
				have = sd_iter_next(&it);
				continue;
			}
			when = (int64_t)(sd_be64(k + SD_UUID_LEN) ^ UINT64_C(0x8000000000000000));
			memset(&item, 0, sizeof item);
			s = fn(&t, d, ent, when, k + SD_UUID_LEN + 9, kl - SD_UUID_LEN - 9, &item,
			    err);
			if (s != SD_OK)
				/* Whatever a describer left half-filled. */
				sd_timeline_item_free(&item);
			if (s == SD_NOTFOUND) {
				/* Not the caller's (or gone): skipped, as the lists do. */
				s = SD_OK;
				have = sd_iter_next(&it);
				continue;
			}
			if (s != SD_OK)
				break;
			/* The index says what counts as contact (a planned moment does not). */
			item.contact = (((const uint8_t *)it.val.mv_data)[0] & TL_CONTACT) != 0;
			klen = kl;
			memcpy(key, k, kl);
			have = sd_iter_next(&it);
		} else
			break;
		if (out->n == limit) {
			sd_timeline_item_free(&item);
			out->more = true;
			break;
		}
		page_push(out, &cap, &item, key, klen);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("enterprise"), err);
	sd_iter_end(&it);
	sd_txn_abort(&t);
	recog_free(rec, nrec);
	if (s != SD_OK)
		sd_timeline_page_free(out);
	return s;
}

/* --- reach ------------------------------------------------------------------------ */

sd_status
sd_enterprise_not_contacted(struct sd_desk *d, sd_day since, const struct sd_ent_cursor *from,
    size_t limit, struct sd_ent_contact_list *out, struct sd_error *err)
{
	bool resume = from != NULL && from->len == 4 + SD_UUID_LEN;
	struct sd_iter it;
	struct sd_txn t;
	size_t cap = 0;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	sd_iter_start(&it, &t, SD_DB_ENT_BY_CONTACT, NULL, 0, false, resume ? from->key : NULL,
	    resume ? from->len : 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		const uint8_t *k = it.key.mv_data;
		const uint8_t *id = k + 4;
		sd_day day;

		if (it.key.mv_size != 4 + SD_UUID_LEN)
			continue;
		day = sd_key_get_i32(k);
		/* Ordered by day: the first contacted since ends the list. */
		if (day != SD_NO_DAY && day >= since)
			break;
		if (!ent_visible(&t, d, id))
			continue;
		if (out->n == limit) {
			out->more = true;
			break;
		}
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			out->items = sd_xrealloc(out->items, cap * sizeof *out->items);
		}
		if ((s = ent_load(&t, id, &out->items[out->n].e, err)) != SD_OK)
			break;
		out->items[out->n++].last = day;
		memcpy(out->next.key, k, it.key.mv_size);
		out->next.len = it.key.mv_size;
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("enterprise"), err);
	sd_iter_end(&it);
	sd_txn_abort(&t);
	if (s != SD_OK)
		sd_ent_contact_list_free(out);
	return s;
}

/*
 * Whether the caller sees a contact moment or an event on the enterprise's
 * timeline: an officer who visited an enterprise with his department, or
 * whose department's event it attended, sees the enterprise too (cases are
 * ent_visible's own first test).  Reads the enterprise's timeline, no more.
 */
bool
timeline_visible(struct sd_txn *t, const struct sd_desk *d, const uint8_t ent[SD_UUID_LEN])
{
	struct sd_iter it;
	bool ok = false;

	sd_iter_start(&it, t, SD_DB_TIMELINE, ent, SD_UUID_LEN, true, NULL, 0);
	while (!ok && sd_iter_next(&it)) {
		const uint8_t *k = it.key.mv_data;
		if (it.key.mv_size != SD_UUID_LEN + 9 + SD_UUID_LEN)
			continue;
		if (k[SD_UUID_LEN + 8] == TL_MOMENT) {
			struct sd_moment m;
			if (moment_load(t, k + SD_UUID_LEN + 9, &m, NULL) != SD_OK)
				continue;
			ok = sd_sees_moment(d, &m);
			sd_moment_free(&m);
		} else if (k[SD_UUID_LEN + 8] == TL_EVENT) {
			struct sd_event e;
			if (event_load(t, k + SD_UUID_LEN + 9, &e, NULL) != SD_OK)
				continue;
			ok = sd_sees_event(d, e.depts);
			sd_event_free(&e);
		}
	}
	sd_iter_end(&it);
	return ok;
}
