/*
 * The reports' monthly figures: the daily counts of the period kinds
 * summed by month (report_agg.h), so that a report over years reads a
 * few entries a month instead of a few hundred a day.
 *
 * Why the weekday in a duration's key: working days are counted at report
 * time with the holidays configured then (a new holiday needs no rebuild),
 * and the working days of a duration depend on its end day, not only on
 * its length.  Without holidays they depend only on the length and the end
 * day's weekday, which the key keeps.  With holidays, a monthly count is
 * exact when every day of the month with that weekday gives the same
 * working days for that length (usually: no holiday near); where not, the
 * daily counts of those four or five days are read (exact gets).
 */
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "keys.h"
#include "report_agg.h"

static bool
month_kind(unsigned k)
{
	switch (k) {
	case AGG_OPENED: case AGG_CLOSED: case AGG_TOUCHED: case AGG_HANDOFF: case AGG_PAIR:
	case AGG_RECEIVED: case AGG_REROUTED: case AGG_PICKED: case AGG_ANSWERED:
	case AGG_DECLINED: case AGG_WITHDRAWN: case AGG_REACH_PREV:
		return true;
	default:
		return false;
	}
}

static bool
duration_kind(unsigned k)
{
	return k == AGG_PICKED || k == AGG_ANSWERED;
}

static sd_day
month_start(sd_day d)
{
	int y, m, dd;

	sd_day_to_ymd(d, &y, &m, &dd);
	return sd_day_from_ymd(y, m, 1);
}

static sd_day
next_month(sd_day d)
{
	int y, m, dd;

	sd_day_to_ymd(d, &y, &m, &dd);
	return m == 12 ? sd_day_from_ymd(y + 1, 1, 1) : sd_day_from_ymd(y, m + 1, 1);
}

static sd_day
key_day(const uint8_t *p)
{
	return sd_key_get_i32(p);
}

bool
agg_month_key(const struct sd_key *daily, struct sd_key *month)
{
	struct sd_key day;
	sd_day d;

	if (daily->len < 7 || !month_kind(daily->b[0]))
		return false;
	d = key_day(daily->b + 1);
	if (d == SD_NO_DAY)
		return false;
	sd_key_reset(&day);
	sd_key_i32(&day, month_start(d));
	memcpy(month->b, daily->b, daily->len);
	memcpy(month->b + 1, day.b, 4);
	month->len = daily->len;
	/* A reach link keeps its day before by its month too (report_agg_reach.c). */
	if (daily->b[0] == AGG_REACH_PREV && daily->len == 7 + 5) {
		sd_day p = key_day(month->b + 8);
		if (p != SD_NO_DAY) {
			sd_key_reset(&day);
			sd_key_i32(&day, month_start(p));
			memcpy(month->b + 8, day.b, 4);
		}
	}
	if (duration_kind(daily->b[0])) {
		if (month->len + 1 > sizeof month->b)
			return false;
		month->b[month->len++] = (uint8_t)sd_day_weekday(d);
	}
	return true;
}

bool
agg_month_all(struct sd_key *month)
{
	uint8_t *p = month->b, *end = p + month->len, *dept_end, *cat_end;

	/* Reach links have no category: they need no second count. */
	if (month->len < 7 || (p[0] & AGG_ALL_CATS) || !month_kind(p[0]) || p[0] == AGG_REACH_PREV)
		return false;
	if ((dept_end = memchr(p + 5, 0, (size_t)(end - (p + 5)))) == NULL ||
	    (cat_end = memchr(dept_end + 1, 0, (size_t)(end - (dept_end + 1)))) == NULL)
		return false;
	/* The category's bytes out: dept \0 \0 extra. */
	memmove(dept_end + 1, cat_end, (size_t)(end - cat_end));
	month->len -= (size_t)(cat_end - (dept_end + 1));
	p[0] |= AGG_ALL_CATS;
	return true;
}

bool
agg_day_all(const struct sd_key *daily, struct sd_key *all)
{
	if (daily->len < 7 || !duration_kind(daily->b[0]))
		return false;
	memcpy(all->b, daily->b, daily->len);
	all->len = daily->len;
	/* The same stripping as a month's: dept \0 \0 extra, the kind marked. */
	all->b[0] = AGG_PICKED;
	if (!agg_month_all(all))
		return false;
	all->b[0] = (uint8_t)(daily->b[0] | AGG_ALL_CATS);
	return true;
}

/*
 * The daily counts of all categories of the durations, for a database
 * from before them: a day of a kind at a time (the cursor is closed while
 * the day's sums are written).
 */
sd_status
agg_day_all_fill(struct sd_txn *t, struct sd_error *err)
{
	static const enum agg_kind kinds[] = { AGG_PICKED, AGG_ANSWERED };
	sd_status s = SD_OK;

	for (size_t i = 0; s == SD_OK && i < sizeof kinds / sizeof kinds[0]; i++) {
		sd_day day = SD_NO_DAY;
		for (;;) {
			struct deltas dl = { 0 };
			struct sd_key start, ak;
			MDB_cursor *cur;
			MDB_val k, v;
			sd_day first = SD_NO_DAY;
			int rc;

			sd_key_reset(&start);
			sd_key_u8(&start, (uint8_t)kinds[i]);
			sd_key_i32(&start, day);
			if ((rc = mdb_cursor_open(t->txn, t->st->dbi[SD_DB_REPORT_AGG], &cur)) != 0)
				return sd_txn_error(t, rc, _("report figures"), err);
			k.mv_data = start.b;
			k.mv_size = start.len;
			for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0;
			    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
				struct sd_key dk;
				int64_t n;
				sd_day d;
				if (k.mv_size < 7 || k.mv_size > sizeof dk.b ||
				    ((const uint8_t *)k.mv_data)[0] != kinds[i])
					break;
				d = key_day((const uint8_t *)k.mv_data + 1);
				if (first == SD_NO_DAY)
					first = d;
				else if (d != first)
					break;
				if (v.mv_size != sizeof n)
					continue;
				memcpy(&n, v.mv_data, sizeof n);
				memcpy(dk.b, k.mv_data, k.mv_size);
				dk.len = k.mv_size;
				if (agg_day_all(&dk, &ak))
					agg_delta_add(&dl, &ak, n);
			}
			mdb_cursor_close(cur);
			if (rc != 0 && rc != MDB_NOTFOUND) {
				free(dl.v);
				return sd_txn_error(t, rc, _("report figures"), err);
			}
			if (first == SD_NO_DAY) {
				free(dl.v);
				break;
			}
			/* Written to the daily table only: their months come from the categories'. */
			s = agg_deltas_apply_daily(t, &dl, err);
			free(dl.v);
			if (s != SD_OK)
				break;
			day = first + 1;
		}
	}
	return s;
}

/* --- reading ------------------------------------------------------------------------ */

struct month_walk {
	struct sd_txn	*t;
	const sd_day	*hol;
	size_t		 nhol;
	agg_fn		 fn;
	void		*arg;
	sd_status	 s;
	struct sd_error	*err;
	bool		 stopped;
	const char	*what;		/* _("report figures"), once a walk */
	bool		 all;		/* the counts of all categories together */
	sd_day		 month, month_end;	/* the last month seen and the next one's first day */
};

/*
 * The daily count of kind on day for e's department, category and length
 * (e->extra's two bytes); with all categories (all), their sum.
 */
static sd_status
daily_count(struct month_walk *w, const struct agg_entry *e, sd_day day, int64_t *n)
{
	struct sd_key k;
	MDB_val v;
	sd_status s;

	sd_key_reset(&k);
	sd_key_u8(&k, (uint8_t)e->kind);
	sd_key_i32(&k, day);
	sd_key_str(&k, e->dept);
	*n = 0;
	if (!w->all) {
		sd_key_str(&k, e->cat);
		sd_key_bytes(&k, e->extra, 2);
		s = sd_db_get(w->t, SD_DB_REPORT_AGG, k.b, k.len, &v, w->what, w->err);
		if (s == SD_OK && v.mv_size == sizeof *n)
			memcpy(n, v.mv_data, sizeof *n);
		return s == SD_NOTFOUND ? SD_OK : s;
	}
	/* All categories: the day's count of them all (agg_day_all). */
	sd_key_reset(&k);
	sd_key_u8(&k, (uint8_t)(e->kind | AGG_ALL_CATS));
	sd_key_i32(&k, day);
	sd_key_str(&k, e->dept);
	sd_key_str(&k, "");
	sd_key_bytes(&k, e->extra, 2);
	s = sd_db_get(w->t, SD_DB_REPORT_AGG, k.b, k.len, &v, w->what, w->err);
	if (s == SD_OK && v.mv_size == sizeof *n)
		memcpy(n, v.mv_data, sizeof *n);
	return s == SD_NOTFOUND ? SD_OK : s;
}

/* Whether a holiday falls after a up to b (holidays sorted). */
static bool
holiday_between(const sd_day *hol, size_t n, sd_day a, sd_day b)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t m = (lo + hi) / 2;
		if (hol[m] <= a)
			lo = m + 1;
		else
			hi = m;
	}
	return lo < n && hol[lo] <= b;
}

static bool
on_month(void *arg, const struct agg_entry *e)
{
	struct month_walk *w = arg;
	struct agg_entry x = *e;
	sd_day days[6], end;
	size_t nd = 0;
	int cal, first = 0;
	bool same = true;

	if (!duration_kind(e->kind)) {
		if (!w->fn(w->arg, e))
			w->stopped = true;
		return !w->stopped;
	}
	if (e->nextra != 3)
		return true;	/* not a key of ours: check names it */
	cal = e->extra[0] << 8 | e->extra[1];
	x.nextra = 2;
	/*
	 * The days of the month with the end day's weekday.  Their working
	 * days differ only when a holiday lies within the length before one
	 * of them: without one near, the first day stands for them all.
	 */
	if (e->day != w->month) {
		w->month = e->day;
		w->month_end = next_month(e->day);
	}
	end = w->month_end;
	for (sd_day d = e->day + (e->extra[2] - sd_day_weekday(e->day) + 7) % 7; d < end && nd < 6;
	    d += 7)
		days[nd++] = d;
	if (nd > 1 && holiday_between(w->hol, w->nhol, e->day - cal, end)) {
		first = agg_workdays_between(days[0] - cal, days[0], w->hol, w->nhol);
		for (size_t i = 1; i < nd && same; i++)
			same = agg_workdays_between(days[i] - cal, days[i], w->hol, w->nhol) == first;
	}
	if (nd == 0)
		return true;
	if (same) {
		x.day = days[0];
		if (!w->fn(w->arg, &x))
			w->stopped = true;
		return !w->stopped;
	}
	/* A holiday makes these days differ: their own counts. */
	for (size_t i = 0; i < nd; i++) {
		int64_t n;
		if ((w->s = daily_count(w, e, days[i], &n)) != SD_OK)
			return false;
		if (n == 0)
			continue;
		x.day = days[i];
		x.n = n;
		if (!w->fn(w->arg, &x)) {
			w->stopped = true;
			return false;
		}
	}
	return true;
}

sd_status
agg_walk_period(struct sd_txn *t, enum agg_kind kind, sd_day from, sd_day to, const char *cat,
    const sd_day *holidays, size_t nholidays, agg_fn fn, void *arg, struct sd_error *err)
{
	struct month_walk w = { t, holidays, nholidays, fn, arg, SD_OK, err, false,
		_("report figures"), cat == NULL && kind != AGG_REACH_PREV, SD_NO_DAY, SD_NO_DAY };
	sd_day first, after;
	sd_status s;

	if (!month_kind(kind) || (from != SD_NO_DAY && to != SD_NO_DAY && to < from))
		return agg_walk(t, kind, from, to, fn, arg, err);
	/* The whole months: from the first that begins in the period to the last that ends in it. */
	first = from == SD_NO_DAY ? SD_NO_DAY : month_start(from) == from ? from : next_month(from);
	after = to == SD_NO_DAY ? SD_NO_DAY : month_start(to + 1);
	if (first != SD_NO_DAY && after != SD_NO_DAY && first >= after)
		return agg_walk(t, kind, from, to, fn, arg, err);
	/* The days before the first whole month, the months, the days after the last. */
	if (first != SD_NO_DAY && from < first &&
	    (s = agg_walk(t, kind, from, first - 1, fn, arg, err)) != SD_OK)
		return s;
	s = agg_walk_db(t, SD_DB_REPORT_MONTH, w.all ? (enum agg_kind)(kind | AGG_ALL_CATS) : kind,
	    first,
	    after == SD_NO_DAY ? SD_NO_DAY : after - 1, on_month, &w, err);
	if (s == SD_OK)
		s = w.s;
	if (s != SD_OK || w.stopped)
		return s;
	if (after != SD_NO_DAY && after <= to)
		s = agg_walk(t, kind, after, to, fn, arg, err);
	return s;
}

/* Every daily count of kind taken out. */
static int
drop_kind(struct sd_txn *t, int kind)
{
	MDB_cursor *cur;
	MDB_val k, v;
	uint8_t b = (uint8_t)kind;
	int rc;

	if ((rc = mdb_cursor_open(t->txn, t->st->dbi[SD_DB_REPORT_AGG], &cur)) != 0)
		return rc;
	k.mv_data = &b;
	k.mv_size = 1;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_GET_CURRENT)) {
		if (k.mv_size < 1 || ((const uint8_t *)k.mv_data)[0] != kind)
			break;
		if ((rc = mdb_cursor_del(cur, 0)) != 0)
			break;
	}
	mdb_cursor_close(cur);
	return rc == MDB_NOTFOUND || rc == 0 ? 0 : rc;
}

/*
 * A database whose monthly table did not exist yet (made before it, at
 * schema 3): filled from the daily counts when it is created (store.c),
 * in the same write transaction.  0 or an LMDB code, as migrations.
 */
int
report_agg_month_fill(MDB_txn *txn, struct sd_store *st)
{
	struct sd_txn t = { .st = st, .txn = txn, .write = true };
	struct sd_error err;

	/*
	 * The reach's links from the timeline, whole (any there are taken out
	 * first), then the months of the daily counts; the links write their
	 * months themselves.
	 */
	if (drop_kind(&t, AGG_REACH_PREV) != 0 || drop_kind(&t, AGG_REACH_NEXT) != 0 ||
	    drop_kind(&t, AGG_PICKED | AGG_ALL_CATS) != 0 ||
	    drop_kind(&t, AGG_ANSWERED | AGG_ALL_CATS) != 0 ||
	    agg_month_fill(&t, &err) != SD_OK || agg_day_all_fill(&t, &err) != SD_OK ||
	    agg_reach_build(&t, &err) != SD_OK)
		return MDB_PANIC;
	return 0;
}
