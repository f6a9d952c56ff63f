/*
 * Lists of cases and the inbox.  A list is driven by the most selective
 * index its filter allows and reads only as far as its page needs; the
 * other conditions are checked on the records it reads.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "sedesk/i18n.h"
#include "keys.h"
#include "page_read.h"
#include "record.h"
#include "sedesk/text.h"

/* --- drivers: where the candidate case keys come from ---------------------------- */

/* Enough for an officer's departments times the route states. */
#define MAX_STREAMS 64

struct driver {
	struct sd_iter	 it[MAX_STREAMS];
	struct sd_key	 prefix[MAX_STREAMS];
	struct sd_key	 resume[MAX_STREAMS];
	bool		 head[MAX_STREAMS];	/* it[i] holds an unconsumed key */
	size_t		 n;
	bool		 backward;
	bool		 whole_key_cursor;	/* cursor is the full index key */
	bool		 by_due;		/* walking the due-date index */
};

static bool
driver_full(const struct driver *dr)
{
	return dr->n >= MAX_STREAMS;
}

static void
driver_add(struct driver *dr, struct sd_txn *t, enum sd_dbi db, const struct sd_key *prefix,
    const struct sd_page_cursor *from)
{
	size_t i = dr->n++;
	const void *resume = NULL;
	size_t rlen = 0;

	dr->prefix[i] = *prefix;
	if (from != NULL && from->len > 0) {
		if (dr->whole_key_cursor) {
			sd_key_reset(&dr->resume[i]);
			sd_key_bytes(&dr->resume[i], from->key, from->len);
		} else {
			dr->resume[i] = *prefix;
			sd_key_bytes(&dr->resume[i], from->key + from->len - SD_CASE_KEY_LEN,
			    SD_CASE_KEY_LEN);
		}
		resume = dr->resume[i].b;
		rlen = dr->resume[i].len;
	}
	sd_iter_start(&dr->it[i], t, db, dr->prefix[i].b, dr->prefix[i].len, dr->backward,
	    resume, rlen);
	dr->head[i] = false;
}

/*
 * The next case key over all streams (the largest when walking backward),
 * with the index key it came from.  Streams of one driver never share a key.
 */
static bool
driver_next(struct driver *dr, uint8_t ck[SD_CASE_KEY_LEN], struct sd_page_cursor *pos)
{
	int best = -1;

	for (size_t i = 0; i < dr->n; i++) {
		if (!dr->head[i])
			dr->head[i] = sd_iter_next(&dr->it[i]);
		if (!dr->head[i] || dr->it[i].key.mv_size < SD_CASE_KEY_LEN)
			continue;
		if (best < 0) {
			best = (int)i;
			continue;
		}
		const uint8_t *a = (const uint8_t *)dr->it[i].key.mv_data +
		    dr->it[i].key.mv_size - SD_CASE_KEY_LEN;
		const uint8_t *b = (const uint8_t *)dr->it[best].key.mv_data +
		    dr->it[best].key.mv_size - SD_CASE_KEY_LEN;
		int cmp = memcmp(a, b, SD_CASE_KEY_LEN);
		if (dr->backward ? cmp > 0 : cmp < 0)
			best = (int)i;
	}
	if (best < 0)
		return false;
	{
		MDB_val *k = &dr->it[best].key;
		memcpy(ck, (const uint8_t *)k->mv_data + k->mv_size - SD_CASE_KEY_LEN,
		    SD_CASE_KEY_LEN);
		pos->len = k->mv_size < sizeof pos->key ? k->mv_size : sizeof pos->key;
		memcpy(pos->key, (const uint8_t *)k->mv_data + k->mv_size - pos->len, pos->len);
		dr->head[best] = false;
	}
	return true;
}

static void
driver_end(struct driver *dr)
{
	for (size_t i = 0; i < dr->n; i++)
		sd_iter_end(&dr->it[i]);
}

/* --- rows ------------------------------------------------------------------------ */

void
sd_case_rows_free(struct sd_case_rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		sd_case_free(&r->items[i].c);
		free(r->items[i].enterprise_name);
		routes_free(r->items[i].routes, r->items[i].nroutes);
	}
	free(r->items);
	memset(r, 0, sizeof *r);
}

static void row_free(struct sd_case_row *row);

/*
 * The name of enterprise id, the only field of it a row shows: read from
 * the record's bytes without decoding the rest (its notes, addresses).
 */
static sd_status
ent_name_load(struct sd_peek *pk, struct sd_buf *v, const uint8_t id[SD_UUID_LEN], char **name,
    struct sd_error *err)
{
	static uint8_t name_tag;
	struct sd_rec_reader r;
	const uint8_t *p, *np = NULL;
	uint8_t tag;
	size_t n, nlen = 0;
	/* A point read of a big table: by pread, not through the map (page_read.c). */
	sd_status s = sd_peek_get(pk, SD_DB_ENT, id, SD_UUID_LEN, v, _("enterprise"), err);

	*name = NULL;
	if (name_tag == 0)
		name_tag = sd_rec_field(&sd_ent_record, "name")->tag;
	if (s == SD_NOTFOUND) {
		char ids[SD_UUID_STR];
		sd_uuid_format(id, ids);
		return sd_fail(err, SD_NOTFOUND, _("no enterprise %s."), ids);
	}
	if (s != SD_OK)
		return s;
	if (sd_rec_open(&r, (const uint8_t *)v->data, v->len, sd_ent_record.type)) {
		while (sd_rec_next(&r, &tag, &p, &n)) {
			if (tag == name_tag) {	/* the last of a repeated tag, as decoding */
				np = p;
				nlen = n;
			}
		}
	}
	if (r.bad)
		return sd_fail(err, SD_FAIL,
		    _("an enterprise record cannot be read; run `sedesk check`."));
	if (np != NULL)
		*name = sd_rec_as_str(np, nlen);
	return SD_OK;
}

/* A transaction's reads of rows: point reads by pread (page_read.c). */
struct rowread {
	struct sd_peek	 pk;
	struct sd_buf	 v;
};

static void
rowread_begin(struct rowread *rr, struct sd_txn *t)
{
	sd_peek_begin(&rr->pk, t);
	memset(&rr->v, 0, sizeof rr->v);
}

static void
rowread_end(struct rowread *rr)
{
	sd_peek_end(&rr->pk);
	sd_buf_free(&rr->v);
}

/* case_load's record and messages, the record read by pread. */
static sd_status
case_read(struct rowread *rr, struct sd_case_key key, struct sd_case *out,
    struct sd_error *err)
{
	uint8_t k[SD_CASE_KEY_LEN];
	sd_status s;
	MDB_val v;

	sd_case_key_pack(key, k);
	s = sd_peek_get(&rr->pk, SD_DB_CASE, k, sizeof k, &rr->v, _("case"), err);
	v.mv_size = rr->v.len;
	v.mv_data = rr->v.data;
	return case_from_record(s, key, &v, out, err);
}

/* Collects a case's routes for routes_read. */
struct route_list {
	struct sd_route	*list;
	size_t		 n, cap;
	bool		 bad;
};

static bool
route_add(void *arg, const void *key, size_t klen, const void *val, size_t vlen)
{
	struct route_list *rl = arg;
	MDB_val v = { vlen, (void *)val };

	(void)key;
	(void)klen;
	if (rl->n == rl->cap) {
		rl->cap = rl->cap ? rl->cap * 2 : 4;
		rl->list = sd_xrealloc(rl->list, rl->cap * sizeof *rl->list);
	}
	if (!route_decode_as(&v, &rl->list[rl->n], false)) {
		rl->bad = true;
		return false;
	}
	rl->n++;
	return true;
}

/* routes_load(…, false, …)'s routes and messages, the records read by pread. */
static sd_status
routes_read(struct rowread *rr, struct sd_case_key key, struct sd_route **out, size_t *n,
    struct sd_error *err)
{
	uint8_t k[SD_CASE_KEY_LEN];
	struct route_list rl = { 0 };
	sd_status s;

	sd_case_key_pack(key, k);
	s = sd_peek_prefix(&rr->pk, SD_DB_ROUTE, k, sizeof k, route_add, &rl, _("route"), err);
	if (s == SD_OK && rl.bad)
		s = sd_fail(err, SD_FAIL, _("a route record cannot be read; run `sedesk check`."));
	if (s != SD_OK) {
		routes_free(rl.list, rl.n);
		return s;
	}
	*out = rl.list;
	*n = rl.n;
	return SD_OK;
}

/*
 * Reads the case at ck and, when routes is set (a filter or the caller's
 * view needs them), its routes; leaves row empty on failure.  The rest a
 * row shows (its enterprise's name, its routes) is read by rows_fill,
 * once the rows kept are known.
 */
static sd_status
load_row(struct sd_desk *d, struct rowread *rr, const uint8_t ck[SD_CASE_KEY_LEN],
    struct sd_case_row *row, bool routes, struct sd_error *err)
{
	sd_status s;

	if ((s = case_read(rr, sd_case_key_unpack(ck), &row->c, err)) != SD_OK)
		goto fail;
	row->due = row->c.due;
	row->overdue = sd_case_overdue(&row->c, sd_desk_today(d));
	if (!routes || (s = routes_read(rr, row->c.key, &row->routes, &row->nroutes, err)) ==
	    SD_OK)
		return SD_OK;
fail:
	row_free(row);
	return s;
}

/* The enterprise names and routes of the rows that have none yet. */
static sd_status
rows_fill(struct sd_txn *t, struct sd_case_rows *rows, struct sd_error *err)
{
	struct rowread rr;
	sd_status s = SD_OK;

	rowread_begin(&rr, t);
	for (size_t i = 0; i < rows->n && s == SD_OK; i++) {
		struct sd_case_row *r = &rows->items[i];
		if (r->enterprise_name == NULL &&
		    (s = ent_name_load(&rr.pk, &rr.v, r->c.enterprise, &r->enterprise_name,
		    err)) != SD_OK)
			break;
		if (r->routes == NULL)
			s = routes_read(&rr, r->c.key, &r->routes, &r->nroutes, err);
	}
	rowread_end(&rr);
	return s;
}

static bool
row_has_dept(const struct sd_case_row *row, const char *dept)
{
	for (size_t i = 0; i < row->nroutes; i++) {
		if (strcmp(row->routes[i].dept, dept) == 0)
			return true;
	}
	return false;
}

/*
 * In a department's list a case is late when that department's route is:
 * the case's own date is the contact point's, and a department that
 * answered in time is not behind because another one is.
 */
static bool
row_dept_overdue(const struct sd_desk *d, const struct sd_case_row *row, const char *dept)
{
	for (size_t i = 0; i < row->nroutes; i++) {
		if (strcmp(row->routes[i].dept, dept) == 0 &&
		    sd_route_overdue(&row->routes[i], sd_desk_today(d)))
			return true;
	}
	return false;
}

static bool
row_matches(const struct sd_desk *d, const struct sd_case_row *row,
    const struct sd_case_filter *f, const uint8_t *ent)
{
	const struct sd_case *c = &row->c;

	if (f->status != SD_CASE_NONE && c->status != f->status)
		return false;
	if (f->category != NULL && (c->category == NULL || strcmp(c->category, f->category) != 0))
		return false;
	if (f->overdue && !(f->dept != NULL ? row_dept_overdue(d, row, f->dept) : row->overdue))
		return false;
	if (ent != NULL && memcmp(c->enterprise, ent, SD_UUID_LEN) != 0)
		return false;
	if (f->dept != NULL && !row_has_dept(row, f->dept))
		return false;
	if (f->mine && (c->owner == NULL || strcmp(c->owner, d->me->login) != 0))
		return false;
	return sd_sees_case(d, row->routes, row->nroutes);
}

static void
rows_push(struct sd_case_rows *out, size_t *cap, struct sd_case_row *row)
{
	if (out->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		out->items = sd_xrealloc(out->items, *cap * sizeof *out->items);
	}
	out->items[out->n++] = *row;
	memset(row, 0, sizeof *row);
}

static void
row_free(struct sd_case_row *row)
{
	sd_case_free(&row->c);
	free(row->enterprise_name);
	routes_free(row->routes, row->nroutes);
	memset(row, 0, sizeof *row);
}

/* --- case list ------------------------------------------------------------------ */

static void
setup_driver(struct sd_desk *d, struct sd_txn *t, struct driver *dr,
    const struct sd_case_filter *f, const uint8_t *ent, const struct sd_page_cursor *from)
{
	struct sd_key k;

	memset(dr, 0, sizeof *dr);
	dr->backward = true;
	sd_key_reset(&k);
	if (ent != NULL) {
		sd_key_bytes(&k, ent, SD_UUID_LEN);
		driver_add(dr, t, SD_DB_CASE_BY_ENT, &k, from);
	} else if (f->dept != NULL || !sd_sees_all_cases(d)) {
		/*
		 * One stream per department and route state, merged newest
		 * first; an officer's lists start from their departments, so
		 * they never walk cases they may not see.
		 */
		const struct sd_officer *me = d->me;
		size_t ndepts = f->dept != NULL ? 1 : me->ndepartments;
		for (size_t i = 0; i < ndepts; i++) {
			const char *dept = f->dept != NULL ? f->dept : me->departments[i];
			for (int st = SD_ROUTE_PENDING; st < SD_ROUTE_STATE_COUNT &&
			    !driver_full(dr); st++) {
				sd_key_reset(&k);
				sd_key_str(&k, dept);
				sd_key_u8(&k, (uint8_t)st);
				driver_add(dr, t, SD_DB_ROUTE_BY_DEPT, &k, from);
			}
		}
	} else if (f->status != SD_CASE_NONE) {
		sd_key_u8(&k, (uint8_t)f->status);
		driver_add(dr, t, SD_DB_CASE_BY_STATUS, &k, from);
	} else if (f->overdue) {
		/* Most overdue first: the due index walked forward. */
		dr->backward = false;
		dr->whole_key_cursor = true;
		dr->by_due = true;
		driver_add(dr, t, SD_DB_CASE_OPEN_BY_DUE, &k, from);
	} else if (f->mine) {
		sd_key_str(&k, d->me->login);
		driver_add(dr, t, SD_DB_CASE_BY_OWNER, &k, from);
	} else {
		dr->whole_key_cursor = true;
		driver_add(dr, t, SD_DB_CASE, &k, from);
	}
}

/*
 * The list; fill: read the kept rows' enterprise names and routes (the
 * inbox reads them only for the rows it keeps of its several lists).
 * Routes are read with each case only when the filter or the caller's
 * view asks for them.
 */
static sd_status
case_list(struct sd_desk *d, const struct sd_case_filter *f,
    const struct sd_page_cursor *from, size_t limit, bool fill, struct sd_case_rows *out,
    struct sd_error *err)
{
	bool routes = f->dept != NULL || !sd_sees_all_cases(d);
	uint8_t entid[SD_UUID_LEN], *ent = NULL;
	struct sd_page_cursor pos = { 0 };
	struct rowread rr;
	struct sd_txn t;
	struct driver dr;
	size_t cap = 0;
	sd_status s;

	memset(out, 0, sizeof *out);
	/* A filter on a name that does not exist is a mistake, not an empty list. */
	if ((f->dept != NULL && (s = sd_desk_known_department(d, f->dept, err)) != SD_OK) ||
	    (s = sd_desk_known_category(d, f->category, err)) != SD_OK)
		return s;
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	if (f->enterprise != NULL) {
		/* An officer asking for an enterprise they may not see learns nothing. */
		if ((s = ent_resolve_visible(&t, d, f->enterprise, entid, err)) != SD_OK) {
			sd_txn_abort(&t);
			return s;
		}
		ent = entid;
	}
	setup_driver(d, &t, &dr, f, ent, from);
	rowread_begin(&rr, &t);
	for (uint8_t last[SD_CASE_KEY_LEN] = { 0 };;) {
		struct sd_case_row row = { 0 };
		uint8_t ck[SD_CASE_KEY_LEN];
		struct sd_page_cursor here;

		if (!driver_next(&dr, ck, &here))
			break;
		/* A case routed to two of the streams' departments comes twice, together. */
		if (memcmp(ck, last, sizeof ck) == 0)
			continue;
		memcpy(last, ck, sizeof ck);
		/* The overdue index is ordered by due date: stop at today. */
		if (dr.by_due && sd_key_get_i32(here.key) >= sd_desk_today(d))
			break;
		if ((s = load_row(d, &rr, ck, &row, routes, err)) != SD_OK)
			break;
		/*
		 * Beyond the page, "more" is said for a row the caller may see:
		 * rows hidden from them are neither shown nor counted, so they
		 * are passed over.  The first one they may see ends the page
		 * (whether it matches the filter or not, the next page reads on
		 * from it), so the page reads no further than before.
		 */
		if (out->n == limit) {
			bool seen = sd_sees_case(d, row.routes, row.nroutes);
			row_free(&row);
			if (seen) {
				out->more = true;
				break;
			}
			pos = here;
			continue;
		}
		pos = here;
		if (!row_matches(d, &row, f, ent)) {
			row_free(&row);
			continue;
		}
		/* The mark says what the filter means: the department's own route. */
		if (f->dept != NULL)
			row.overdue = row_dept_overdue(d, &row, f->dept);
		rows_push(out, &cap, &row);
	}
	/* A stream that ended on an error, not at its end. */
	for (size_t i = 0; i < dr.n && s == SD_OK; i++)
		s = sd_iter_status(&dr.it[i], _("case list"), err);
	driver_end(&dr);
	rowread_end(&rr);
	if (s == SD_OK && fill)
		s = rows_fill(&t, out, err);
	sd_txn_abort(&t);
	if (s != SD_OK) {
		sd_case_rows_free(out);
		return s;
	}
	out->next = pos;
	return SD_OK;
}

sd_status
sd_case_list(struct sd_desk *d, const struct sd_case_filter *f,
    const struct sd_page_cursor *from, size_t limit, struct sd_case_rows *out,
    struct sd_error *err)
{
	return case_list(d, f, from, limit, true, out, err);
}

/* --- inbox ---------------------------------------------------------------------- */

static int
urgency_cmp(const void *pa, const void *pb)
{
	const struct sd_case_row *a = pa, *b = pb;

	if (a->overdue != b->overdue)
		return a->overdue ? -1 : 1;
	if (a->c.priority != b->c.priority)
		return a->c.priority > b->c.priority ? -1 : 1;
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	{
		uint8_t ka[SD_CASE_KEY_LEN], kb[SD_CASE_KEY_LEN];
		sd_case_key_pack(a->c.key, ka);
		sd_case_key_pack(b->c.key, kb);
		return -memcmp(ka, kb, sizeof ka);	/* newest first */
	}
}

static bool
rows_have(const struct sd_case_rows *r, struct sd_case_key k, const char *dept)
{
	for (size_t i = 0; i < r->n; i++) {
		if (r->items[i].c.key.year == k.year && r->items[i].c.key.seq == k.seq &&
		    (dept == NULL || (r->items[i].dept && strcmp(r->items[i].dept, dept) == 0)))
			return true;
	}
	return false;
}

/* Adds up to limit rows of one case list to the inbox, tagged with reason. */
static sd_status
inbox_add_list(struct sd_desk *d, struct sd_case_rows *out, size_t *cap,
    const struct sd_case_filter *f, size_t limit, enum sd_inbox_reason reason,
    struct sd_error *err)
{
	struct sd_case_rows part;
	sd_status s;

	if ((s = case_list(d, f, NULL, limit, false, &part, err)) != SD_OK)
		return s;
	for (size_t i = 0; i < part.n; i++) {
		if (rows_have(out, part.items[i].c.key, NULL)) {
			row_free(&part.items[i]);
			continue;
		}
		part.items[i].reason = reason;
		rows_push(out, cap, &part.items[i]);
	}
	free(part.items);
	out->more |= part.more;
	return SD_OK;
}

/*
 * Adds the overdue cases of one priority and due day, newest first (the
 * index's prefix day, walked backward), until the limit; *full when a
 * case remains beyond it.
 */
static sd_status
overdue_day_add(struct sd_desk *d, struct rowread *rr, const struct sd_key *day,
    struct sd_case_rows *out, size_t *cap, size_t limit, size_t *added, bool *full,
    struct sd_error *err)
{
	struct sd_iter it;
	sd_status s = SD_OK;

	sd_iter_start(&it, rr->pk.t, SD_DB_CASE_OPEN_BY_PRIO, day->b, day->len, true, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		const uint8_t *ck = (const uint8_t *)it.key.mv_data + day->len;
		struct sd_case_row row = { 0 };

		if (it.key.mv_size != day->len + SD_CASE_KEY_LEN)
			continue;
		if (*added == limit) {
			*full = true;
			break;
		}
		if (rows_have(out, sd_case_key_unpack(ck), NULL))
			continue;
		if ((s = load_row(d, rr, ck, &row, false, err)) != SD_OK)
			break;
		if (!row.overdue) {
			row_free(&row);
			continue;
		}
		row.reason = SD_REASON_OVERDUE;
		rows_push(out, cap, &row);
		(*added)++;
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("inbox"), err);
	sd_iter_end(&it);
	return s;
}

/*
 * The overdue cases in the inbox's own order: the most urgent first, then
 * the oldest due day, on one day the newest case first.  The list by due
 * day (case list --overdue) would give the limit's oldest and drop a
 * later, more urgent one below them: the priority index (case_store.c)
 * gives exactly the rows the inbox's order shows, each priority's overdue
 * days and no further.  The index holds a day's cases oldest first, so
 * each day is walked backward: a limit that cuts a day takes the cases
 * the order puts there (not the day's oldest), and reads no further.
 *
 * *full: more cases are overdue than the limit.  Then every row another
 * list could add comes after these in the inbox's order (overdue ones are
 * here or after them, the rest after every overdue one), so the caller
 * reads no other list.
 */
static sd_status
inbox_add_overdue(struct sd_desk *d, struct sd_case_rows *out, size_t *cap, size_t limit,
    bool *full, struct sd_error *err)
{
	sd_day today = sd_desk_today(d);
	size_t added = 0;
	struct rowread rr;
	struct sd_txn t;
	sd_status s;

	*full = false;
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	rowread_begin(&rr, &t);
	/* The priority bytes: route_due_priority_byte's, 0 the most urgent. */
	for (int p = 0; s == SD_OK && p < SD_PRIORITY_COUNT && !*full; p++) {
		uint8_t prefix = (uint8_t)p;
		struct sd_key from, day;

		sd_key_reset(&from);	/* empty: from the priority's first day */
		for (;;) {
			struct sd_iter it;
			bool found = false;
			sd_day due = 0;

			/* The next due day of this priority: its first key. */
			sd_iter_start(&it, &t, SD_DB_CASE_OPEN_BY_PRIO, &prefix, 1, false,
			    from.len > 0 ? from.b : NULL, from.len);
			while (!found && sd_iter_next(&it)) {
				if (it.key.mv_size != 1 + 4 + SD_CASE_KEY_LEN)
					continue;
				due = sd_key_get_i32((const uint8_t *)it.key.mv_data + 1);
				found = true;
			}
			s = sd_iter_status(&it, _("inbox"), err);
			sd_iter_end(&it);
			if (s != SD_OK || !found || due >= today)
				break;	/* this priority's overdue ones are done */
			if (added == limit) {
				*full = true;	/* a case beyond the limit */
				break;
			}
			sd_key_reset(&day);
			sd_key_u8(&day, prefix);
			sd_key_i32(&day, due);
			if ((s = overdue_day_add(d, &rr, &day, out, cap, limit, &added, full,
			    err)) != SD_OK || *full)
				break;
			/* On from the next day (no key is that short: none is skipped). */
			sd_key_reset(&from);
			sd_key_u8(&from, prefix);
			sd_key_i32(&from, due + 1);
		}
	}
	rowread_end(&rr);
	sd_txn_abort(&t);
	if (*full)
		out->more = true;
	return s;
}

/* A day (wait until, follow up on) that has come: the case is back. */
static bool
day_come(sd_day day, sd_day today)
{
	return day != SD_NO_DAY && day <= today;
}

/* Whether a case from a day index is back in the caller's inbox today. */
static bool
day_is_back(const struct sd_desk *d, const char *prefix, const struct sd_case *c, sd_day today)
{
	if (strcmp(prefix, SD_DAYS_WAIT) == 0)
		return c->status == SD_CASE_WAITING && day_come(c->wait_until, today);
	/* A follow-up day is its owner's. */
	return c->status != SD_CASE_CLOSED && day_come(c->follow_up, today) &&
	    c->owner != NULL && strcmp(c->owner, d->me->login) == 0;
}

/*
 * Adds the cases whose day in the index prefix has come (a waiting case
 * back, the caller's follow-up due), reading only the days that have come.
 */
static sd_status
inbox_add_days(struct sd_desk *d, const char *prefix, enum sd_inbox_reason reason,
    struct sd_case_rows *out, size_t *cap, struct sd_error *err)
{
	uint8_t limit[SD_FOLLOWUP_KEY_LEN];
	struct rowread rr;
	struct sd_iter it;
	struct sd_txn t;
	sd_day today = sd_desk_today(d);
	sd_status s;

	day_index_key(limit, prefix, today + 1, (struct sd_case_key){ 0, 0 });
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	rowread_begin(&rr, &t);
	sd_iter_start(&it, &t, SD_DB_CASE_BY_DAY, prefix, 9, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_case_row row = { 0 };
		const uint8_t *k = it.key.mv_data;

		if (it.key.mv_size != SD_FOLLOWUP_KEY_LEN)
			continue;
		if (memcmp(k, limit, SD_FOLLOWUP_KEY_LEN) >= 0)
			break;
		if (rows_have(out, sd_case_key_unpack(k + 13), NULL))
			continue;
		if ((s = load_row(d, &rr, k + 13, &row, false, err)) != SD_OK)
			break;
		if (!day_is_back(d, prefix, &row.c, today)) {
			row_free(&row);
			continue;
		}
		row.reason = reason;
		rows_push(out, cap, &row);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("inbox"), err);
	sd_iter_end(&it);
	rowread_end(&rr);
	sd_txn_abort(&t);
	return s;
}

/*
 * An officer's inbox, first from the keys: each candidate's route (due,
 * reminder) and its case's priority, read without loading the row.
 */
struct candidate {
	uint8_t			 ck[SD_CASE_KEY_LEN];
	const char		*dept;
	enum sd_inbox_reason	 reason;
	bool			 overdue;
	int			 priority;
	sd_day			 due;
};

/* urgency_cmp's order on what a row would show. */
static int
candidate_cmp(const void *pa, const void *pb)
{
	const struct candidate *a = pa, *b = pb;

	if (a->overdue != b->overdue)
		return a->overdue ? -1 : 1;
	if (a->priority != b->priority)
		return a->priority > b->priority ? -1 : 1;
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	return -memcmp(a->ck, b->ck, sizeof a->ck);	/* newest first */
}

/* One (department, state, priority) run of the open routes' due index. */
struct stream {
	struct sd_iter		 it;
	struct sd_key		 k;	/* the prefix: the iterator points into it */
	size_t			 plen;
	bool			 live;	/* head holds its next candidate */
	struct candidate	 head;
};

/* Reads the stream's next candidate into its head; false at its end. */
static bool
stream_next(struct stream *st, sd_day today)
{
	while (sd_iter_next(&st->it)) {
		const uint8_t *kb = st->it.key.mv_data;

		if (st->it.key.mv_size != st->plen + 4 + SD_CASE_KEY_LEN)
			continue;
		/* The case key is stored inverted (route_due_key). */
		for (size_t b = 0; b < SD_CASE_KEY_LEN; b++)
			st->head.ck[b] = (uint8_t)~kb[st->plen + 4 + b];
		st->head.due = sd_key_get_i32(kb + st->plen);
		st->head.overdue = st->head.due != SD_NO_DAY && st->head.due < today;
		return true;
	}
	return false;
}

/*
 * An officer's work: pending and picked-up routes of their departments.
 * The open routes' due index holds them by department, state and their
 * case's priority, each by due day (on one day the newest first): each
 * such run is already in the inbox's order (within one priority the
 * overdue come first, then by due day), so the runs are merged and only
 * the first limit keys of them all are read, however many older or newer
 * routes there are (an older route that is overdue or due first is among
 * them).  What orders the inbox (overdue, the priority, the due day) is in
 * those keys; only the limit rows shown are loaded (case, enterprise,
 * routes).
 */
static sd_status
inbox_officer(struct sd_desk *d, struct sd_case_rows *out, size_t *cap, size_t limit,
    struct sd_error *err)
{
	const struct sd_officer *me = d->me;
	static const enum sd_route_state states[] = { SD_ROUTE_PENDING, SD_ROUTE_PICKED_UP };
	static const enum sd_inbox_reason reasons[] = { SD_REASON_PENDING, SD_REASON_PICKED_UP };
	size_t nst = me->ndepartments * 2 * (SD_PRIORITY_COUNT - SD_PRIORITY_LOW), ns = 0, n = 0;
	struct stream *sts = sd_xcalloc(nst ? nst : 1, sizeof *sts);
	struct candidate *cs = sd_xcalloc(limit ? limit : 1, sizeof *cs);
	sd_day today = sd_desk_today(d);
	struct rowread rr;
	struct sd_txn t;
	sd_status s = SD_OK;

	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK) {
		free(sts);
		free(cs);
		return s;
	}
	for (size_t i = 0; i < me->ndepartments; i++) {
		const char *dept = sd_config_department(&d->cfg, me->departments[i])->id;
		for (size_t j = 0; j < 2; j++) {
			for (int p = SD_PRIORITY_LOW; p < SD_PRIORITY_COUNT; p++) {
				struct stream *st = &sts[ns++];
				struct sd_key *k = &st->k;

				sd_key_reset(k);
				sd_key_str(k, dept);
				sd_key_u8(k, (uint8_t)states[j]);
				sd_key_u8(k, route_due_priority_byte(p));
				st->plen = k->len;
				st->head.dept = dept;
				st->head.reason = reasons[j];
				st->head.priority = p;
				sd_iter_start(&st->it, &t, SD_DB_ROUTE_OPEN_BY_DUE, k->b, k->len,
				    false, NULL, 0);
				st->live = stream_next(st, today);
			}
		}
	}
	/* The most urgent head of all runs, limit times. */
	for (;;) {
		struct stream *best = NULL;
		for (size_t i = 0; i < ns; i++) {
			if (sts[i].live && (best == NULL ||
			    candidate_cmp(&sts[i].head, &best->head) < 0))
				best = &sts[i];
		}
		if (best == NULL)
			break;
		if (n == limit) {
			out->more = true;
			break;
		}
		cs[n++] = best->head;
		best->live = stream_next(best, today);
	}
	for (size_t i = 0; i < ns; i++) {
		if (s == SD_OK)
			s = sd_iter_status(&sts[i].it, _("inbox"), err);
		sd_iter_end(&sts[i].it);
	}
	free(sts);
	rowread_begin(&rr, &t);
	for (size_t i = 0; i < n && s == SD_OK; i++) {
		struct sd_case_row row = { 0 };
		if ((s = load_row(d, &rr, cs[i].ck, &row, true, err)) != SD_OK)
			break;
		row.dept = cs[i].dept;
		row.reason = cs[i].reason;
		row.due = cs[i].due;
		row.overdue = cs[i].overdue;
		/* The last reminder, from the route the row has loaded anyway. */
		for (size_t r = 0; r < row.nroutes; r++) {
			if (strcmp(row.routes[r].dept, cs[i].dept) == 0 &&
			    row.routes[r].reminded != 0) {
				row.reminded = row.routes[r].reminded;
				row.reason = SD_REASON_REMINDED;
			}
		}
		rows_push(out, cap, &row);
	}
	rowread_end(&rr);
	free(cs);
	sd_txn_abort(&t);
	return s;
}

sd_status
sd_inbox(struct sd_desk *d, size_t limit, struct sd_case_rows *out, struct sd_error *err)
{
	size_t cap = 0;
	sd_status s = SD_OK;

	memset(out, 0, sizeof *out);
	/*
	 * An officer's work is their departments' routes.  Everyone else
	 * watches what is overdue, and who routes cases also has the new
	 * ones to route and the answered ones to reply to (permit.c says who).
	 */
	if (!sd_sees_all_cases(d)) {
		s = inbox_officer(d, out, &cap, limit, err);
	} else {
		struct sd_case_filter fresh = { .status = SD_CASE_NEW };
		struct sd_case_filter answered = { .status = SD_CASE_ANSWERED };
		bool routes = sd_permit(d, SD_ACT_CASE_ROUTE, NULL, NULL) == SD_OK;
		bool full;
		s = inbox_add_overdue(d, out, &cap, limit, &full, err);
		/* More overdue than the limit: nothing else would be shown. */
		routes = routes && !full;
		/* A day set to come back: "bel terug op …" for the owner, a wait's end for all. */
		if (s == SD_OK && routes)
			s = inbox_add_days(d, SD_DAYS_FOLLOWUP, SD_REASON_FOLLOW_UP, out, &cap, err);
		if (s == SD_OK && routes)
			s = inbox_add_days(d, SD_DAYS_WAIT, SD_REASON_WAIT_OVER, out, &cap, err);
		if (s == SD_OK && routes)
			s = inbox_add_list(d, out, &cap, &answered, limit, SD_REASON_ANSWERED, err);
		if (s == SD_OK && routes)
			s = inbox_add_list(d, out, &cap, &fresh, limit, SD_REASON_NEW, err);
	}
	if (s != SD_OK) {
		sd_case_rows_free(out);
		return s;
	}
	if (out->n > 1)
		qsort(out->items, out->n, sizeof *out->items, urgency_cmp);
	while (out->n > limit) {
		out->more = true;
		row_free(&out->items[--out->n]);
	}
	/* Only the rows kept: their enterprises' names and their routes. */
	{
		struct sd_txn t;
		if ((s = sd_txn_begin(d->store, false, &t, err)) == SD_OK) {
			s = rows_fill(&t, out, err);
			sd_txn_abort(&t);
		}
	}
	if (s == SD_OK)
		s = case_rows_mark_changed(d, out, err);
	if (s != SD_OK)
		sd_case_rows_free(out);
	return s;
}
