/*
 * Reading events: one with its lists (invited, registered, attended), the
 * list by start time, and an attendance as an entry of the enterprise's
 * timeline.
 */
#include <stdlib.h>
#include <string.h>

#include "event_internal.h"
#include "sedesk/i18n.h"
#include "sedesk/ical.h"
#include "sedesk/text.h"
#include "sedesk/timeline.h"
#include "timeline.h"

void
sd_event_view_free(struct sd_event_view *v)
{
	sd_event_free(&v->ev);
	for (size_t i = 0; i < v->nguests; i++) {
		free(v->guests[i].name);
		free(v->guests[i].number);
	}
	free(v->guests);
	free(v->platform_title);
	for (size_t i = 0; i < v->nmeetings; i++)
		sd_event_free(&v->meetings[i]);
	free(v->meetings);
	sd_journal_entries_free(v->journal, v->njournal);
	memset(v, 0, sizeof *v);
}

static int
guest_order(const void *a, const void *b)
{
	const struct sd_event_guest *x = a, *y = b;
	char *fx = sd_fold(x->name), *fy = sd_fold(y->name);
	int c = strcmp(fx, fy);

	free(fx);
	free(fy);
	return c != 0 ? c : memcmp(x->a.enterprise, y->a.enterprise, SD_UUID_LEN);
}

static sd_status
load_guests(struct sd_txn *t, struct sd_event_view *v, struct sd_error *err)
{
	struct sd_iter it;
	size_t cap = 0;
	sd_status s = SD_OK;

	sd_iter_start(&it, t, SD_DB_ATTEND, v->ev.id, SD_UUID_LEN, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_event_guest *g;
		struct sd_enterprise e;
		if (v->nguests == cap) {
			cap = cap ? cap * 2 : 8;
			v->guests = sd_xrealloc(v->guests, cap * sizeof *v->guests);
		}
		g = &v->guests[v->nguests];
		memset(g, 0, sizeof *g);
		if (!attend_decode(&it.val, &g->a)) {
			s = sd_fail(err, SD_FAIL,
			    _("an attendance record cannot be read; run `sedesk check`."));
			break;
		}
		if (ent_load(t, g->a.enterprise, &e, NULL) == SD_OK) {
			g->name = sd_xstrdup(e.f[SD_EF_NAME]);
			g->number = sd_xstrdup(e.f[SD_EF_NUMBER]);
			sd_enterprise_free(&e);
		} else {
			g->name = sd_xstrdup("?");
		}
		if (g->a.state != SD_ATTEND_INVITED)
			v->people += g->a.people;
		v->nguests++;
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("attendance"), err);
	sd_iter_end(&it);
	if (s == SD_OK && v->nguests > 1)
		qsort(v->guests, v->nguests, sizeof *v->guests, guest_order);
	return s;
}

static sd_status
load_meetings(struct sd_txn *t, const struct sd_desk *d, struct sd_event_view *v,
    struct sd_error *err)
{
	struct sd_iter it;
	size_t cap = 0;
	sd_status s = SD_OK;

	sd_iter_start(&it, t, SD_DB_EVENT_BY_PLATFORM, v->ev.id, SD_UUID_LEN, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_event m;
		if (it.key.mv_size != 2 * SD_UUID_LEN + 8)
			continue;
		if ((s = event_load(t, (const uint8_t *)it.key.mv_data + SD_UUID_LEN + 8, &m,
		    err)) != SD_OK)
			break;
		if (!sd_sees_event(d, m.depts)) {
			sd_event_free(&m);
			continue;
		}
		if (v->nmeetings == cap) {
			cap = cap ? cap * 2 : 8;
			v->meetings = sd_xrealloc(v->meetings, cap * sizeof *v->meetings);
		}
		v->meetings[v->nmeetings++] = m;
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("event"), err);
	sd_iter_end(&it);
	return s;
}

sd_status
sd_event_get(struct sd_desk *d, const char *ref, struct sd_event_view *out,
    struct sd_error *err)
{
	struct sd_txn t;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	if ((s = event_resolve_visible(&t, d, ref, &out->ev, err)) != SD_OK)
		goto out;
	if ((s = load_guests(&t, out, err)) != SD_OK)
		goto out;
	if (sd_event_has_platform(&out->ev)) {
		struct sd_event p;
		if (event_load(&t, out->ev.platform, &p, NULL) == SD_OK) {
			out->platform_title = sd_xstrdup(p.title);
			sd_event_free(&p);
		}
	}
	if (out->ev.kind == SD_EVENT_PLATFORM && (s = load_meetings(&t, d, out, err)) != SD_OK)
		goto out;
	if ((s = sd_journal_read(&t, SD_SUBJECT_EVENT, out->ev.id, SD_UUID_LEN, &out->journal,
	    &out->njournal, err)) != SD_OK)
		goto out;
	out->started = sd_brussels_local(sd_desk_now(d)) >= out->ev.start;
out:
	sd_txn_abort(&t);
	if (s != SD_OK)
		sd_event_view_free(out);
	return s;
}

void
sd_event_rows_free(struct sd_event_rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		sd_event_free(&r->items[i]);
	free(r->items);
	free(r->people);
	memset(r, 0, sizeof *r);
}

static bool
matches(const struct sd_desk *d, const struct sd_event_filter *f, const struct sd_event *e)
{
	if (f->kind != SD_EVENT_NONE && e->kind != f->kind)
		return false;
	if (f->dept != NULL && !sd_list_contains(e->depts, f->dept))
		return false;
	return sd_sees_event(d, e->depts);
}

sd_status
sd_event_list(struct sd_desk *d, const struct sd_event_filter *f, size_t limit,
    struct sd_event_rows *out, struct sd_error *err)
{
	struct sd_txn t;
	struct sd_iter it;
	struct sd_key from;
	sd_status s;

	size_t cap = 16;

	memset(out, 0, sizeof *out);
	/* Grown as rows come: a large limit costs only the rows there are. */
	out->items = sd_xcalloc(cap, sizeof *out->items);
	out->people = sd_xcalloc(cap, sizeof *out->people);
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK) {
		sd_event_rows_free(out);
		return s;
	}
	/* From the first event at or after f->from: resume just before its time. */
	sd_key_reset(&from);
	sd_key_u64(&from, ((uint64_t)f->from ^ UINT64_C(0x8000000000000000)) - 1);
	sd_key_bytes(&from, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff",
	    SD_UUID_LEN);
	sd_iter_start(&it, &t, SD_DB_EVENT_BY_START, NULL, 0, false, f->from != 0 ? from.b : NULL,
	    f->from != 0 ? from.len : 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		const uint8_t *k = it.key.mv_data;
		struct sd_event e;
		int64_t start;
		if (it.key.mv_size != 8 + SD_UUID_LEN)
			continue;
		start = (int64_t)(sd_be64(k) ^ UINT64_C(0x8000000000000000));
		if (f->to != 0 && start >= f->to)
			break;
		if ((s = event_load(&t, k + 8, &e, err)) != SD_OK)
			break;
		if (!matches(d, f, &e)) {
			sd_event_free(&e);
			continue;
		}
		if (out->n == limit) {
			sd_event_free(&e);
			out->more = true;
			break;
		}
		if (out->n == cap) {
			cap *= 2;
			out->items = sd_xrealloc(out->items, cap * sizeof *out->items);
			out->people = sd_xrealloc(out->people, cap * sizeof *out->people);
		}
		if ((s = event_people(&t, e.id, &out->people[out->n], err)) != SD_OK) {
			sd_event_free(&e);
			break;
		}
		out->items[out->n++] = e;
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("event"), err);
	sd_iter_end(&it);
	sd_txn_abort(&t);
	if (s != SD_OK)
		sd_event_rows_free(out);
	return s;
}

/* An attendance as an entry of its enterprise's timeline (timeline.h). */
sd_status
event_describe(struct sd_txn *t, const struct sd_desk *d, const uint8_t ent[SD_UUID_LEN],
    int64_t when, const void *ref, size_t reflen, struct sd_timeline_item *out,
    struct sd_error *err)
{
	struct sd_event e;
	struct sd_attendance a;
	struct sd_buf b = { 0 };
	sd_status s;

	memset(out, 0, sizeof *out);
	if (reflen != SD_UUID_LEN)
		return SD_NOTFOUND;
	if ((s = event_load(t, ref, &e, err)) != SD_OK)
		return s;
	if (!sd_sees_event(d, e.depts)) {
		sd_event_free(&e);
		return SD_NOTFOUND;
	}
	if ((s = attend_load(t, e.id, ent, &a, err)) != SD_OK) {
		sd_event_free(&e);
		return s;
	}
	out->kind = SD_TL_EVENT;
	out->when = when;
	sd_uuid_format(e.id, out->ref);
	sd_buf_addf(&b, "%s: %s", sd_event_kind_label(e.kind), e.title);
	out->title = sd_buf_take(&b);
	out->state = sd_xstrdup(sd_attend_state_label(a.state));
	out->code = sd_attend_state_name(a.state);
	out->contact = a.state == SD_ATTEND_ATTENDED;
	sd_event_free(&e);
	return SD_OK;
}

sd_status
sd_ical_add_events(struct sd_desk *d, struct sd_ical *c, const struct sd_event_filter *f,
    bool mine, struct sd_error *err)
{
	struct sd_event_rows rows;
	sd_status s;

	if ((s = sd_event_list(d, f, SD_ICAL_MAX, &rows, err)) != SD_OK)
		return s;
	for (size_t i = 0; i < rows.n; i++) {
		const struct sd_event *e = &rows.items[i];
		char uid[SD_UUID_STR];
		struct sd_ical_item it = { 0 };

		if (mine && (e->organiser == NULL || strcmp(e->organiser, d->me->login) != 0))
			continue;
		sd_uuid_format(e->id, uid);
		it.uid = uid;
		it.start = e->start;
		it.end = e->end;
		it.sequence = e->version > 0 ? e->version - 1 : 0;
		it.summary = e->title;
		it.location = e->place;
		it.description = e->description;
		it.category = sd_event_kind_label(e->kind);
		sd_ical_add(c, &it);
	}
	sd_event_rows_free(&rows);
	return SD_OK;
}
