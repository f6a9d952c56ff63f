/*
 * The reports' monthly figures (report_agg_month.c) against the daily ones
 * (property test): random histories over most of a year, across the
 * fixture's holidays (2026-03-04, 2026-04-06, 2026-12-25, 2027-01-01),
 * then for random periods -- whole months, partial ends, open ends, a
 * single day -- every kind read through the months (agg_walk_period)
 * hands over the same counts as the daily walk (agg_walk): per kind,
 * department, category, extra, month and, for durations, working days.
 * Then:
 *   - a report over the whole history reads a fraction of the entries;
 *   - a database made before the monthly table (table and mark gone)
 *     gets the table filled when it opens, equal to what the index
 *     functions keep, and `check` finds it whole;
 *   - `check` notices a damaged monthly count and `--repair` mends it;
 *   - reach from the links between contact days (report_agg_reach.c)
 *     equals the enterprises counted from the contacts themselves, for
 *     random histories of cases and contact moments added and moved
 *     between days, and the links rebuilt from the timeline are the
 *     links kept on the way.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report_agg.h"
#include "sedesk/case.h"
#include "sedesk/moment.h"
#include "sedesk/ops.h"
#include "sedesk/report.h"
#include "testdesk.h"

#define MAXCASES 80

static const char *const depts[] = { "eco", "wel", "spa" };
static const char *const cats[] = { "funding", "permit", NULL };

struct world {
	struct td	*t;
	char		 ents[2][SD_UUID_STR];
	char		 nums[MAXCASES][SD_CASE_NUMBER_MAX];
	size_t		 n;
	unsigned	 seed, seed0;
};

static unsigned
rnd(struct world *w, unsigned n)
{
	w->seed = w->seed * 1103515245u + 12345u;
	return (w->seed >> 16) % n;
}

static void
advance(struct world *w, unsigned hours)
{
	char when[21];

	w->t->now += (int64_t)hours * 3600;
	sd_time_format(w->t->now, when);
	td_at(w->t, when);
}

static void
step(struct world *w)
{
	struct sd_desk *d = &w->t->d;
	struct sd_error err;
	const char *num, *dept;
	uint32_t ver;

	if (w->n == 0 || (w->n < MAXCASES && rnd(w, 5) == 0)) {
		struct sd_case_input in = { 0 };
		struct sd_case_key key;
		in.enterprise = w->ents[rnd(w, 2)];
		in.subject = "Vraag";
		in.category = cats[rnd(w, 3)];
		in.channel = (enum sd_channel)(1 + rnd(w, SD_CHANNEL_COUNT - 1));
		td_expect(SD_OK, sd_case_new(d, &in, &key, &err), &err);
		sd_case_number_format(key, w->nums[w->n++]);
		return;
	}
	/* Mostly the newest cases, so that durations stay days to weeks. */
	num = w->nums[w->n - 1 - rnd(w, w->n < 6 ? (unsigned)w->n : 6)];
	dept = depts[rnd(w, 3)];
	ver = td_version(w->t, num);
	switch (rnd(w, 9)) {
	case 0:
	case 1: {
		const char *two[2] = { dept, depts[rnd(w, 3)] };
		(void)sd_case_route(d, num, two, strcmp(two[0], two[1]) ? 1 + rnd(w, 2) : 1,
		    NULL, ver, &err);
		break;
	}
	case 2:
		(void)sd_case_pickup(d, num, dept, ver, &err);
		break;
	case 3:
	case 4:
		(void)sd_case_answer(d, num, dept, "done", ver, &err);
		break;
	case 5:
		(void)sd_case_decline(d, num, dept, rnd(w, 2) ? "not ours" : "duplicate", ver,
		    &err);
		break;
	case 6:
		(void)sd_case_close_scored(d, num, "solved", (int)rnd(w, 6), (int)rnd(w, 6), ver,
		    &err);
		break;
	default:
		/* Hours to five days: the history crosses months and holidays. */
		advance(w, 1 + rnd(w, 120));
		break;
	}
}

/* --- what a walk hands over, in a canonical form ------------------------------------ */

struct seen {
	char	**k;
	int64_t	*n;
	size_t	 len, cap;
	const struct sd_desk *d;
	bool	 nocat;		/* the categories summed */
};

static bool
collect(void *arg, const struct agg_entry *e)
{
	struct seen *s = arg;
	char buf[400], extra[200] = "";
	int y, m, dd, wd = -1;

	sd_day_to_ymd(e->day, &y, &m, &dd);
	for (size_t i = 0; i < e->nextra && 2 * i + 3 < sizeof extra; i++)
		snprintf(extra + 2 * i, 3, "%02x", e->extra[i]);
	/* A reach link's day before is kept by its month in the monthly table. */
	if (e->kind == AGG_REACH_PREV && e->nextra == 5) {
		sd_day p = (sd_day)(((uint32_t)e->extra[1] << 24 | (uint32_t)e->extra[2] << 16 |
		    (uint32_t)e->extra[3] << 8 | e->extra[4]) ^ 0x80000000u);
		int py = 0, pm = 0, pd;
		if (p != SD_NO_DAY)
			sd_day_to_ymd(p, &py, &pm, &pd);
		snprintf(extra, sizeof extra, "%02x:%04d-%02d", e->extra[0], py, pm);
	}
	if (e->kind == AGG_PICKED || e->kind == AGG_ANSWERED) {
		assert_int_equal(e->nextra, 2);
		wd = agg_workdays_between(e->day - (e->extra[0] << 8 | e->extra[1]), e->day,
		    s->d->cfg.holidays, s->d->cfg.nholidays);
	}
	snprintf(buf, sizeof buf, "%d|%04d-%02d|%s|%s|%s|%d", e->kind, y, m, e->dept,
	    s->nocat && e->kind != AGG_REACH_PREV ? "*" : e->cat, extra, wd);
	for (size_t i = 0; i < s->len; i++) {
		if (strcmp(s->k[i], buf) == 0) {
			s->n[i] += e->n;
			return true;
		}
	}
	if (s->len == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->k = realloc(s->k, s->cap * sizeof *s->k);
		s->n = realloc(s->n, s->cap * sizeof *s->n);
	}
	s->k[s->len] = strdup(buf);
	s->n[s->len++] = e->n;
	return true;
}

static void
seen_free(struct seen *s)
{
	for (size_t i = 0; i < s->len; i++)
		free(s->k[i]);
	free(s->k);
	free(s->n);
}

static void
same_counts(struct world *w, sd_day from, sd_day to, size_t *nonempty)
{
	struct sd_desk *d = &w->t->d;
	struct sd_txn t;
	struct sd_error err;

	td_expect(SD_OK, sd_txn_begin(d->store, false, &t, &err), &err);
	for (int kind = AGG_OPENED; kind < 2 * AGG_KIND_MAX; kind++) {
		/* Each kind by category, then all categories together (the second round). */
		bool all = kind >= AGG_KIND_MAX;
		int kd = all ? kind - AGG_KIND_MAX : kind;
		struct seen a = { .d = d, .nocat = all }, b = { .d = d, .nocat = all };
		if (kd < AGG_OPENED)
			continue;
		td_expect(SD_OK, agg_walk(&t, kd, from, to, collect, &a, &err), &err);
		td_expect(SD_OK, agg_walk_period(&t, kd, from, to, all ? NULL : "x",
		    d->cfg.holidays, d->cfg.nholidays, collect, &b, &err), &err);
		/* Both ways the same keys with the same sums (zero sums are no keys). */
		for (size_t i = 0; i < a.len; i++) {
			size_t j;
			for (j = 0; j < b.len && strcmp(a.k[i], b.k[j]) != 0; j++)
				;
			if (j == b.len || a.n[i] != b.n[j])
				fail_msg("seed %u, days %d..%d: %s daily %lld, by month %lld", w->seed0,
				    from, to, a.k[i], (long long)a.n[i],
				    j == b.len ? 0LL : (long long)b.n[j]);
		}
		for (size_t j = 0; j < b.len; j++) {
			size_t i;
			for (i = 0; i < a.len && strcmp(a.k[i], b.k[j]) != 0; i++)
				;
			if (i == a.len && b.n[j] != 0)
				fail_msg("seed %u, days %d..%d: %s only by month (%lld)", w->seed0, from,
				    to, b.k[j], (long long)b.n[j]);
		}
		*nonempty += a.len;
		seen_free(&a);
		seen_free(&b);
	}
	sd_txn_abort(&t);
}

static void
history(struct world *w, unsigned seed, int steps)
{
	memset(w, 0, sizeof *w);
	w->t = td_new();
	assert_non_null(w->t);
	w->seed = w->seed0 = seed;
	td_as(w->t, "root");
	for (int i = 0; i < 2; i++) {
		char kbo[16], name[32];
		td_kbo(200 + (unsigned)i, kbo);
		snprintf(name, sizeof name, "Onderneming %d", i);
		td_enterprise(w->t, name, kbo, NULL, w->ents[i]);
	}
	for (int i = 0; i < steps; i++)
		step(w);
}

static void
test_months_equal_days(void **state)
{
	size_t nonempty = 0;

	(void)state;
	for (unsigned seed = 1; seed <= 10; seed++) {
		struct world w;
		sd_day start = td_day("2026-03-01"), span;
		history(&w, seed, 700);
		span = sd_desk_today(&w.t->d) - start + 10;
		/* The whole history, open ends, whole months, a day, random periods. */
		same_counts(&w, SD_NO_DAY, SD_NO_DAY, &nonempty);
		same_counts(&w, td_day("2026-04-01"), SD_NO_DAY, &nonempty);
		same_counts(&w, SD_NO_DAY, td_day("2026-05-31"), &nonempty);
		same_counts(&w, td_day("2026-04-01"), td_day("2026-06-30"), &nonempty);
		same_counts(&w, td_day("2026-04-06"), td_day("2026-04-06"), &nonempty);
		same_counts(&w, td_day("2026-03-04"), td_day("2027-01-01"), &nonempty);
		for (int i = 0; i < 12; i++) {
			sd_day from = start + (sd_day)rnd(&w, (unsigned)span);
			sd_day to = from + (sd_day)rnd(&w, (unsigned)span);
			same_counts(&w, from, to, &nonempty);
		}
		td_free(w.t);
	}
	/* The histories did count something. */
	assert_true(nonempty > 1000);
}

/*
 * A report over months reads their monthly counts, not their days: a desk
 * that routes cases to eco every working day for four months.
 */
static void
test_months_read_less(void **state)
{
	struct td *t = *state;
	struct sd_report_filter all = { SD_NO_DAY, SD_NO_DAY, NULL, NULL };
	struct sd_report_departments rd;
	struct seen s = { .d = &t->d };
	struct sd_txn x;
	struct sd_error err;
	unsigned long before, by_month;
	char nums[200][SD_CASE_NUMBER_MAX];
	size_t n = 0;

	td_as(t, "root");
	for (sd_day day = td_day("2026-03-02"); day < td_day("2026-07-01"); day++) {
		char when[21];
		if (sd_day_weekday(day) >= 5)
			continue;
		sd_time_format((int64_t)day * 86400 + 9 * 3600, when);
		td_at(t, when);
		/* The case of two working days before is answered. */
		if (n >= 2)
			td_answer(t, "bram", nums[n - 2], "eco", "done");
		td_case(t, t->ent, "Vraag", "funding", SD_PRIORITY_NORMAL, nums[n]);
		td_route(t, nums[n++], "eco");
	}
	before = t->d.store->reads;
	td_expect(SD_OK, sd_report_departments(&t->d, &all, &rd, &err), &err);
	assert_int_equal(rd.rows[0].received, n);
	assert_int_equal(rd.rows[0].answered, n - 2);
	sd_report_departments_free(&rd);
	by_month = t->d.store->reads - before;
	/* The same kinds walked by day. */
	before = t->d.store->reads;
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &x, &err), &err);
	for (int k = AGG_RECEIVED; k <= AGG_WITHDRAWN; k++)
		td_expect(SD_OK, agg_walk(&x, k, SD_NO_DAY, SD_NO_DAY, collect, &s, &err), &err);
	/* Every category is "funding" here: the sums over categories read no fewer. */
	sd_txn_abort(&x);
	print_message("departments over four months: %lu reads by month, %lu by day\n", by_month,
	    t->d.store->reads - before);
	assert_true(by_month * 2 < t->d.store->reads - before);
	seen_free(&s);
}

static uint64_t
table_hash(struct td *t, enum sd_dbi db, size_t *n)
{
	struct sd_txn x;
	struct sd_error err;
	MDB_cursor *c;
	MDB_val k, v;
	uint64_t h = 1469598103934665603ULL;

	*n = 0;
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &x, &err), &err);
	assert_int_equal(mdb_cursor_open(x.txn, t->d.store->dbi[db], &c), 0);
	while (mdb_cursor_get(c, &k, &v, *n ? MDB_NEXT : MDB_FIRST) == 0) {
		for (size_t i = 0; i < k.mv_size; i++)
			h = (h ^ ((const uint8_t *)k.mv_data)[i]) * 1099511628211ULL;
		for (size_t i = 0; i < v.mv_size; i++)
			h = (h ^ ((const uint8_t *)v.mv_data)[i]) * 1099511628211ULL;
		(*n)++;
	}
	mdb_cursor_close(c);
	sd_txn_abort(&x);
	return h;
}

static void
problem(void *arg, const char *msg)
{
	size_t *n = arg;

	(*n)++;
	print_message("check: %s\n", msg);
}

/*
 * A database from before the monthly table: the table and its mark
 * removed.  Opening it makes the table from the daily counts.
 */
static void
test_old_database_filled(void **state)
{
	struct world w;
	struct sd_txn x;
	struct sd_error err;
	uint64_t before, after;
	size_t n0, n1, problems = 99, told = 0;
	MDB_dbi dbi;

	(void)state;
	history(&w, 5, 500);
	before = table_hash(w.t, SD_DB_REPORT_MONTH, &n0);
	assert_true(n0 > 50);
	td_expect(SD_OK, sd_txn_begin(w.t->d.store, true, &x, &err), &err);
	assert_int_equal(mdb_dbi_open(x.txn, "report_month", 0, &dbi), 0);
	assert_int_equal(mdb_drop(x.txn, dbi, 1), 0);
	td_expect(SD_OK, sd_db_del(&x, SD_DB_META, "report_month", 12, "test", &err), &err);
	td_expect(SD_OK, sd_txn_commit(&x, &err), &err);
	td_close_desk(w.t);
	td_open_desk(w.t);
	after = table_hash(w.t, SD_DB_REPORT_MONTH, &n1);
	assert_int_equal(n1, n0);
	assert_true(after == before);
	td_expect(SD_OK, sd_check(&w.t->d, false, problem, &told, &problems, &err), &err);
	assert_int_equal(problems, 0);
	td_free(w.t);
}

/* A damaged monthly count: check says so, --repair mends it, reports agree again. */
static void
test_check_repairs_months(void **state)
{
	struct world w;
	struct sd_txn x;
	struct sd_error err;
	MDB_cursor *c;
	MDB_val k, v;
	int64_t bad = 12345;
	size_t problems = 0, told = 0, n;
	uint64_t before;

	(void)state;
	history(&w, 9, 400);
	before = table_hash(w.t, SD_DB_REPORT_MONTH, &n);
	td_expect(SD_OK, sd_txn_begin(w.t->d.store, true, &x, &err), &err);
	assert_int_equal(mdb_cursor_open(x.txn, w.t->d.store->dbi[SD_DB_REPORT_MONTH], &c), 0);
	assert_int_equal(mdb_cursor_get(c, &k, &v, MDB_FIRST), 0);
	v.mv_data = &bad;
	v.mv_size = sizeof bad;
	assert_int_equal(mdb_cursor_put(c, &k, &v, MDB_CURRENT), 0);
	mdb_cursor_close(c);
	td_expect(SD_OK, sd_txn_commit(&x, &err), &err);
	td_expect(SD_OK, sd_check(&w.t->d, false, problem, &told, &problems, &err), &err);
	assert_true(problems > 0);
	td_expect(SD_OK, sd_check(&w.t->d, true, problem, &told, &problems, &err), &err);
	td_expect(SD_OK, sd_check(&w.t->d, false, problem, &told, &problems, &err), &err);
	assert_int_equal(problems, 0);
	assert_true(table_hash(w.t, SD_DB_REPORT_MONTH, &n) == before);
	td_free(w.t);
}

/* --- reach --------------------------------------------------------------------------- */

struct entset {
	uint8_t	 ent[64][SD_UUID_LEN];
	uint8_t	 kinds[64];
	size_t	 n;
};

static bool
collect_contact(void *arg, const struct agg_entry *e)
{
	struct entset *s = arg;
	size_t i;
	uint8_t bit = e->extra[0] == 'C' ? 1 : e->extra[0] == 'M' ? 2 : e->extra[0] == 'V' ? 4 : 0;

	if (e->nextra != 1 + SD_UUID_LEN || e->n <= 0)
		return true;
	for (i = 0; i < s->n && memcmp(s->ent[i], e->extra + 1, SD_UUID_LEN) != 0; i++)
		;
	if (i == s->n) {
		assert_true(s->n < 64);
		memcpy(s->ent[s->n++], e->extra + 1, SD_UUID_LEN);
		s->kinds[i] = 0;
	}
	s->kinds[i] |= bit;
	return true;
}

static void
same_reach(struct world *w, sd_day from, sd_day to)
{
	struct sd_desk *d = &w->t->d;
	struct entset set = { .n = 0 };
	uint64_t got[AGG_REACH_CHAINS], want[AGG_REACH_CHAINS] = { 0 };
	struct sd_txn t;
	struct sd_error err;

	td_expect(SD_OK, sd_txn_begin(d->store, false, &t, &err), &err);
	td_expect(SD_OK, agg_walk(&t, AGG_CONTACT, from, to, collect_contact, &set, &err), &err);
	td_expect(SD_OK, agg_reach_count(&t, from, to, got, &err), &err);
	sd_txn_abort(&t);
	for (size_t i = 0; i < set.n; i++) {
		want[0]++;
		want[1] += (set.kinds[i] & 1) != 0;
		want[2] += (set.kinds[i] & 2) != 0;
		want[3] += (set.kinds[i] & 4) != 0;
	}
	for (int c = 0; c < AGG_REACH_CHAINS; c++)
		if (got[c] != want[c])
			fail_msg("seed %u, days %d..%d, chain %d: reach %llu, counted %llu", w->seed0,
			    from, to, c, (unsigned long long)got[c], (unsigned long long)want[c]);
}

static void
test_reach_from_links(void **state)
{
	uint64_t seen = 0;

	(void)state;
	for (unsigned seed = 1; seed <= 8; seed++) {
		struct world w;
		struct sd_desk *d;
		char ids[60][SD_UUID_STR], when[20];
		size_t nm = 0, n0, n1;
		uint64_t h0, h1, hm0, hm1;
		size_t problems = 99, told = 0;
		sd_day start = td_day("2026-03-01"), span;
		struct sd_txn x;
		struct sd_error err;
		MDB_dbi dbi;

		history(&w, seed, 300);
		d = &w.t->d;
		span = sd_desk_today(d) - start;
		/* Contact moments on past days, some moved to another day afterwards. */
		for (int i = 0; i < 90; i++) {
			sd_day day = start + (sd_day)rnd(&w, (unsigned)span);
			sd_day_format(day, when);
			strcat(when, "T10:00");
			if (nm == 0 || (nm < 60 && rnd(&w, 3) != 0)) {
				struct sd_moment_input in = { 0 };
				uint8_t id[SD_UUID_LEN];
				in.enterprise = w.ents[rnd(&w, 2)];
				in.kind = SD_CHANNEL_SITE_VISIT;
				in.time = when;
				in.text = "Bezoek";
				td_expect(SD_OK, sd_moment_add(d, &in, id, &err), &err);
				sd_uuid_format(id, ids[nm++]);
			} else {
				struct sd_moment_input in = { 0 };
				in.time = when;
				sd_status st = sd_moment_edit(d, ids[rnd(&w, (unsigned)nm)], &in, 0,
				    &err);
				/* The same day drawn again changes nothing. */
				if (st != SD_OK && st != SD_INVALID)
					td_expect(SD_OK, st, &err);
			}
		}
		same_reach(&w, SD_NO_DAY, SD_NO_DAY);
		same_reach(&w, td_day("2026-04-01"), SD_NO_DAY);
		same_reach(&w, SD_NO_DAY, td_day("2026-06-15"));
		same_reach(&w, td_day("2026-04-01"), td_day("2026-06-30"));
		for (int i = 0; i < 30; i++) {
			sd_day from = start + (sd_day)rnd(&w, (unsigned)span);
			sd_day to = from + (sd_day)rnd(&w, (unsigned)span);
			same_reach(&w, from, to);
		}
		/* The check's rebuild (record by record) makes the same links. */
		td_expect(SD_OK, sd_check(d, false, problem, &told, &problems, &err), &err);
		assert_int_equal(problems, 0);
		/* And so does the build from the timeline of a database without them. */
		h0 = table_hash(w.t, SD_DB_REPORT_AGG, &n0);
		hm0 = table_hash(w.t, SD_DB_REPORT_MONTH, &n1);
		td_expect(SD_OK, sd_txn_begin(d->store, true, &x, &err), &err);
		assert_int_equal(mdb_dbi_open(x.txn, "report_month", 0, &dbi), 0);
		assert_int_equal(mdb_drop(x.txn, dbi, 1), 0);
		td_expect(SD_OK, sd_db_del(&x, SD_DB_META, "report_month", 12, "test", &err), &err);
		td_expect(SD_OK, sd_txn_commit(&x, &err), &err);
		td_close_desk(w.t);
		td_open_desk(w.t);
		h1 = table_hash(w.t, SD_DB_REPORT_AGG, &n0);
		hm1 = table_hash(w.t, SD_DB_REPORT_MONTH, &n1);
		assert_true(h0 == h1);
		assert_true(hm0 == hm1);
		seen += n0;
		td_free(w.t);
	}
	assert_true(seen > 1000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_months_equal_days),
		cmocka_unit_test_setup_teardown(test_months_read_less, td_setup, td_teardown),
		cmocka_unit_test(test_old_database_filled),
		cmocka_unit_test(test_check_repairs_months),
		cmocka_unit_test(test_reach_from_links),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
