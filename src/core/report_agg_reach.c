/*
 * The reach of the recognition report, kept as links between each
 * enterprise's contact days (report_agg.h says what the keys hold).
 *
 * Why links: reach counts the enterprises with a contact in a period.
 * From the contacts themselves that is a set of every enterprise of the
 * period -- at a million cases, a decade's 1.7 million contacts.  With
 * each contact day linked to the enterprise's contact day before it, an
 * enterprise counts once: at its first contact day in the period, the one
 * whose day before lies before the period.  So reach is a count of links,
 * and links add up by month like every other count (the monthly table
 * keeps the day before by its month), so a report over years reads the
 * months and the days at its ends.
 *
 * The links follow the timeline (SD_DB_TIMELINE: enterprise, time, kind,
 * ref -> flags): when an enterprise's first contact of a chain on a day
 * arrives, or its last one goes, the day is linked in between its
 * neighbours, or taken out and they are linked again.  The neighbours are
 * read from the timeline as it is then, so the links are a function of the
 * timeline, whatever order its entries came in (actions, imports, check's
 * rebuild).
 */
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "keys.h"
#include "report_agg.h"
#include "timeline.h"

const uint8_t agg_reach_chain[AGG_REACH_CHAINS] = { 0, TL_CASE, TL_MOMENT, TL_EVENT };

#define NO_NEXT	INT32_MAX

static void
link_key(struct sd_key *k, enum agg_kind kind, sd_day day, uint8_t chain, sd_day other)
{
	sd_key_reset(k);
	sd_key_u8(k, (uint8_t)kind);
	sd_key_i32(k, day);
	sd_key_str(k, "");
	sd_key_str(k, "");
	sd_key_u8(k, chain);
	sd_key_i32(k, other);
}

/*
 * A chain is the sequence none, d1, ..., dk, end of an enterprise's
 * contact days; each consecutive pair (p, n) is one link: n's day before
 * is p (when n is a day) and p's day after is n (when p is a day).
 */
static void
link_pair(struct deltas *dl, uint8_t chain, sd_day p, sd_day n, int sign)
{
	struct sd_key k;

	if (n != NO_NEXT) {
		link_key(&k, AGG_REACH_PREV, n, chain, p);
		agg_delta_add(dl, &k, sign);
	}
	if (p != SD_NO_DAY) {
		link_key(&k, AGG_REACH_NEXT, p, chain, n);
		agg_delta_add(dl, &k, sign);
	}
}

static bool
in_chain(uint8_t chain, uint8_t kind)
{
	return chain == 0 || chain == kind;
}

/* A timeline key's day and kind; false when it is not ent's or not a contact. */
static bool
tl_entry(const MDB_val *k, const MDB_val *v, const uint8_t ent[SD_UUID_LEN], sd_day *day,
    uint8_t *kind, bool *contact)
{
	const uint8_t *p = k->mv_data;

	if (k->mv_size < SD_UUID_LEN + 9 || memcmp(p, ent, SD_UUID_LEN) != 0)
		return false;
	*day = sd_day_from_time((int64_t)(sd_be64(p + SD_UUID_LEN) ^ UINT64_C(0x8000000000000000)));
	*kind = p[SD_UUID_LEN + 8];
	*contact = v->mv_size >= 1 && (((const uint8_t *)v->mv_data)[0] & TL_CONTACT);
	return true;
}

static void
tl_seek_key(struct sd_key *k, const uint8_t ent[SD_UUID_LEN], sd_day day)
{
	sd_key_reset(k);
	sd_key_bytes(k, ent, SD_UUID_LEN);
	sd_key_u64(k, (uint64_t)((int64_t)day * 86400) ^ UINT64_C(0x8000000000000000));
}

sd_status
agg_reach_update(struct sd_txn *t, const uint8_t ent[SD_UUID_LEN], sd_day day, int kind,
    bool put, struct deltas *dl, struct sd_error *err)
{
	MDB_cursor *cur;
	MDB_val k, v;
	struct sd_key start;
	size_t on_day[2] = { 0, 0 };	/* chain 0, chain kind: contacts that day now */
	uint8_t chains[2] = { 0, (uint8_t)kind };
	sd_day prev[2] = { SD_NO_DAY, SD_NO_DAY }, next[2] = { NO_NEXT, NO_NEXT };
	bool flip[2];
	int rc;

	if ((rc = mdb_cursor_open(t->txn, t->st->dbi[SD_DB_TIMELINE], &cur)) != 0)
		return sd_txn_error(t, rc, _("report figures"), err);
	/* The day and the days after it, until both chains have their next day. */
	tl_seek_key(&start, ent, day);
	k.mv_data = start.b;
	k.mv_size = start.len;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		sd_day d;
		uint8_t kd;
		bool contact;
		t->st->reads++;
		if (!tl_entry(&k, &v, ent, &d, &kd, &contact))
			break;
		if (!contact)
			continue;
		for (int c = 0; c < 2; c++) {
			if (!in_chain(chains[c], kd))
				continue;
			if (d == day)
				on_day[c]++;
			else if (next[c] == NO_NEXT)
				next[c] = d;
		}
		if (next[0] != NO_NEXT && next[1] != NO_NEXT)
			break;
	}
	if (rc != 0 && rc != MDB_NOTFOUND) {
		mdb_cursor_close(cur);
		return sd_txn_error(t, rc, _("report figures"), err);
	}
	/* The days before it, until both chains have their day before. */
	k.mv_data = start.b;
	k.mv_size = start.len;
	rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	rc = rc == 0 ? mdb_cursor_get(cur, &k, &v, MDB_PREV) :
	    rc == MDB_NOTFOUND ? mdb_cursor_get(cur, &k, &v, MDB_LAST) : rc;
	for (; rc == 0; rc = mdb_cursor_get(cur, &k, &v, MDB_PREV)) {
		sd_day d;
		uint8_t kd;
		bool contact;
		t->st->reads++;
		if (!tl_entry(&k, &v, ent, &d, &kd, &contact))
			break;
		if (!contact || d >= day)
			continue;
		for (int c = 0; c < 2; c++)
			if (in_chain(chains[c], kd) && prev[c] == SD_NO_DAY)
				prev[c] = d;
		if (prev[0] != SD_NO_DAY && prev[1] != SD_NO_DAY)
			break;
	}
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return sd_txn_error(t, rc, _("report figures"), err);
	/*
	 * The change is in the timeline already: a put made the day's first
	 * contact of a chain when it is the only one now; a removal took the
	 * last when none is left.
	 */
	for (int c = 0; c < 2; c++) {
		flip[c] = put ? on_day[c] == 1 : on_day[c] == 0;
		if (!flip[c] || (c == 1 && chains[1] == 0))
			continue;
		link_pair(dl, chains[c], prev[c], next[c], put ? -1 : 1);
		link_pair(dl, chains[c], prev[c], day, put ? 1 : -1);
		link_pair(dl, chains[c], day, next[c], put ? 1 : -1);
	}
	return SD_OK;
}

/* --- every link from the timeline -------------------------------------------------- */

struct chain_state {
	sd_day	 last;		/* the chain's last day so far (SD_NO_DAY: none) */
	uint8_t	 chain;
};

sd_status
agg_reach_build(struct sd_txn *t, struct sd_error *err)
{
	struct deltas dl = { 0 };
	MDB_cursor *cur;
	MDB_val k, v;
	uint8_t ent[SD_UUID_LEN];
	struct chain_state st[8];
	size_t nst = 0;
	bool have = false;
	sd_status s = SD_OK;
	int rc;

	if ((rc = mdb_cursor_open(t->txn, t->st->dbi[SD_DB_TIMELINE], &cur)) != 0)
		return sd_txn_error(t, rc, _("report figures"), err);
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); s == SD_OK; ) {
		bool more = rc == 0;
		const uint8_t *p = more ? k.mv_data : NULL;
		bool same = more && have && k.mv_size >= SD_UUID_LEN &&
		    memcmp(p, ent, SD_UUID_LEN) == 0;
		/* An enterprise ends: its chains' last days have no day after. */
		if (have && !same) {
			for (size_t i = 0; i < nst; i++)
				link_pair(&dl, st[i].chain, st[i].last, NO_NEXT, 1);
			nst = 0;
			have = false;
			/* Written now and then: memory stays bounded. */
			if (dl.n > 100000)
				s = deltas_apply(t, &dl, err);
		}
		if (!more || s != SD_OK)
			break;
		if (k.mv_size >= SD_UUID_LEN + 9 && v.mv_size >= 1 &&
		    (((const uint8_t *)v.mv_data)[0] & TL_CONTACT)) {
			sd_day d = sd_day_from_time((int64_t)(sd_be64(p + SD_UUID_LEN) ^
			    UINT64_C(0x8000000000000000)));
			uint8_t chains[2] = { 0, p[SD_UUID_LEN + 8] };
			if (!have) {
				memcpy(ent, p, SD_UUID_LEN);
				have = true;
			}
			for (int c = 0; c < 2; c++) {
				size_t i;
				for (i = 0; i < nst && st[i].chain != chains[c]; i++)
					;
				if (i == nst) {
					if (nst == sizeof st / sizeof st[0])
						continue;
					st[nst++] = (struct chain_state){ SD_NO_DAY, chains[c] };
				}
				if (st[i].last == d)
					continue;	/* the same day again */
				link_pair(&dl, chains[c], st[i].last, d, 1);
				st[i].last = d;
			}
		}
		rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
		if (rc != 0 && rc != MDB_NOTFOUND)
			s = sd_txn_error(t, rc, _("report figures"), err);
	}
	mdb_cursor_close(cur);
	if (s == SD_OK)
		s = deltas_apply(t, &dl, err);
	free(dl.v);
	return s;
}

/* --- reading -------------------------------------------------------------------------- */

struct reach_walk {
	sd_day		 before;	/* links whose day before is before this */
	bool		 by_month;	/* the monthly table: the day before is a month's first */
	sd_day		 lo, hi;	/* AGG_REACH_NEXT: days after in [lo, hi] */
	uint64_t	*out;
};

static int
chain_index(uint8_t chain)
{
	for (int i = 0; i < AGG_REACH_CHAINS; i++)
		if (agg_reach_chain[i] == chain)
			return i;
	return -1;
}

static sd_day
link_other(const struct agg_entry *e)
{
	return sd_key_get_i32(e->extra + 1);
}

static bool
on_prev(void *arg, const struct agg_entry *e)
{
	struct reach_walk *w = arg;
	int i;

	if (e->nextra != 5 || e->n <= 0 || (i = chain_index(e->extra[0])) < 0)
		return true;
	if (link_other(e) < w->before)
		w->out[i] += (uint64_t)e->n;
	return true;
}

static bool
on_next(void *arg, const struct agg_entry *e)
{
	struct reach_walk *w = arg;
	sd_day n;
	int i;

	if (e->nextra != 5 || e->n <= 0 || (i = chain_index(e->extra[0])) < 0)
		return true;
	n = link_other(e);
	if (n != NO_NEXT && n >= w->lo && (w->hi == SD_NO_DAY || n <= w->hi))
		w->out[i] += (uint64_t)e->n;
	return true;
}

static sd_day
first_of_month(sd_day d)
{
	int y, m, dd;

	sd_day_to_ymd(d, &y, &m, &dd);
	return sd_day_from_ymd(y, m, 1);
}

static sd_day
month_after(sd_day d)
{
	int y, m, dd;

	sd_day_to_ymd(d, &y, &m, &dd);
	return m == 12 ? sd_day_from_ymd(y + 1, 1, 1) : sd_day_from_ymd(y, m + 1, 1);
}

sd_status
agg_reach_count(struct sd_txn *t, sd_day from, sd_day to, uint64_t out[AGG_REACH_CHAINS],
    struct sd_error *err)
{
	/* Before an open start only "none" lies: SD_NO_DAY is the smallest day. */
	struct reach_walk w = { from == SD_NO_DAY ? SD_NO_DAY + 1 : from, false, 0, 0, out };
	sd_day first, after;
	sd_status s;

	memset(out, 0, AGG_REACH_CHAINS * sizeof *out);
	if (from != SD_NO_DAY && to != SD_NO_DAY && to < from)
		return SD_OK;
	first = from == SD_NO_DAY ? SD_NO_DAY : first_of_month(from) == from ? from :
	    month_after(from);
	after = to == SD_NO_DAY ? SD_NO_DAY : first_of_month(to + 1);
	if (first != SD_NO_DAY && after != SD_NO_DAY && first >= after)
		return agg_walk(t, AGG_REACH_PREV, from, to, on_prev, &w, err);
	/* The days before the first whole month and after the last. */
	if (first != SD_NO_DAY && from < first &&
	    (s = agg_walk(t, AGG_REACH_PREV, from, first - 1, on_prev, &w, err)) != SD_OK)
		return s;
	if (after != SD_NO_DAY && after <= to &&
	    (s = agg_walk(t, AGG_REACH_PREV, after, to, on_prev, &w, err)) != SD_OK)
		return s;
	/*
	 * The whole months: links whose day before lies in a month before
	 * from's (the monthly table keeps it by month), and those whose day
	 * before is in from's month before from: counted from that side, as
	 * the days there whose day after falls in the whole months.
	 */
	{
		struct reach_walk m = { from == SD_NO_DAY ? SD_NO_DAY + 1 : first_of_month(from),
			true, 0, 0, out };
		if ((s = agg_walk_db(t, SD_DB_REPORT_MONTH, AGG_REACH_PREV, first,
		    after == SD_NO_DAY ? SD_NO_DAY : after - 1, on_prev, &m, err)) != SD_OK)
			return s;
	}
	if (from != SD_NO_DAY && first_of_month(from) < from) {
		struct reach_walk n = { 0, false, first, after == SD_NO_DAY ? SD_NO_DAY : after - 1,
			out };
		if ((s = agg_walk(t, AGG_REACH_NEXT, first_of_month(from), from - 1, on_next, &n,
		    err)) != SD_OK)
			return s;
	}
	return SD_OK;
}
