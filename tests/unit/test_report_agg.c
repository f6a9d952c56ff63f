/*
 * The reports' aggregates against a brute-force recount (property test):
 * a random sequence of actions — new cases, routes, pick-ups, answers,
 * declines, re-routes, withdrawals, closings with scores, reopenings,
 * waiting, edits that move the due date — with the clock moving on, then
 *   - `check` rebuilds the aggregates from the records and finds them equal;
 *   - every report's numbers for random periods and categories equal the
 *     same numbers counted here case by case from the records, with
 *     working days counted day by day (not with the core's arithmetic).
 * Many seeds.  Fixture: testdesk.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sedesk/case.h"
#include "sedesk/ops.h"
#include "sedesk/report.h"
#include "testdesk.h"

#define MAXCASES 40

static const char *const depts[] = { "eco", "wel", "spa" };
static const char *const cats[] = { "funding", "permit", NULL };
static const char *const reasons[] = { "not ours", "Not ours", "needs a permit first",
	"  not ours  ", "duplicate" };

struct world {
	struct td	*t;
	char		 ents[3][SD_UUID_STR];
	char		 nums[MAXCASES][SD_CASE_NUMBER_MAX];
	size_t		 n;
	unsigned	 seed;
};

static unsigned
rnd(struct world *w, unsigned n)
{
	/* A small generator of our own: the same sequence on every libc. */
	w->seed = w->seed * 1103515245u + 12345u;
	return (w->seed >> 16) % n;
}

static void
advance(struct world *w)
{
	char when[21];

	/* Hours to a few days; the clock never goes back. */
	w->t->now += (int64_t)(rnd(w, 72) + 1) * 3600;
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

	if (w->n == 0 || (w->n < MAXCASES && rnd(w, 6) == 0)) {
		struct sd_case_input in = { 0 };
		in.enterprise = w->ents[rnd(w, 3)];
		in.subject = "Vraag";
		in.category = cats[rnd(w, 3)];
		in.channel = (enum sd_channel)(1 + rnd(w, SD_CHANNEL_COUNT - 1));
		struct sd_case_key key;
		td_expect(SD_OK, sd_case_new(d, &in, &key, &err), &err);
		sd_case_number_format(key, w->nums[w->n++]);
		return;
	}
	num = w->nums[rnd(w, (unsigned)w->n)];
	dept = depts[rnd(w, 3)];
	ver = td_version(w->t, num);
	/* Refusals (a state that does not allow it) are part of the sequence. */
	switch (rnd(w, 12)) {
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
		(void)sd_case_answer(d, num, dept, "done", ver, &err);
		break;
	case 4:
		(void)sd_case_decline(d, num, dept, reasons[rnd(w, 5)], ver, &err);
		break;
	case 5:
		(void)sd_case_withdraw(d, num, dept, "taken back", ver, &err);
		break;
	case 6:
		(void)sd_case_close_scored(d, num, "solved", (int)rnd(w, 6), (int)rnd(w, 6), ver,
		    &err);
		break;
	case 7:
		(void)sd_case_reopen(d, num, ver, &err);
		break;
	case 8:
		(void)sd_case_wait_until(d, num, sd_desk_today(d) + (sd_day)rnd(w, 20), NULL, ver,
		    &err);
		break;
	case 9: {
		/* A new category moves the due date. */
		struct sd_case_input in = { 0 };
		in.category = cats[rnd(w, 2)];
		(void)sd_case_edit(d, num, &in, ver, &err);
		break;
	}
	case 10:
		(void)sd_case_follow_up(d, num, sd_desk_today(d) + 3, NULL, ver, &err);
		break;
	default:
		advance(w);
		break;
	}
}

/* --- the recount ------------------------------------------------------------------ */

static bool
holiday(const struct sd_desk *d, sd_day x)
{
	for (size_t i = 0; i < d->cfg.nholidays; i++)
		if (d->cfg.holidays[i] == x)
			return true;
	return false;
}

/* Working days after a up to b, one by one. */
static int
workdays(const struct sd_desk *d, sd_day a, sd_day b)
{
	int n = 0;

	for (sd_day x = a + 1; x <= b; x++)
		n += sd_day_weekday(x) < 5 && !holiday(d, x);
	return n;
}

static bool
in_period(sd_day x, sd_day from, sd_day to)
{
	return (from == SD_NO_DAY || x >= from) && (to == SD_NO_DAY || x <= to);
}

static bool
cat_ok(const char *want, const char *cat)
{
	if (want == NULL)
		return true;
	if (strcmp(want, "-") == 0)
		return cat == NULL || *cat == '\0';
	return cat != NULL && strcmp(want, cat) == 0;
}

static int
int_cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Nearest rank: the smallest value with ceil(p% of n) values at or below it. */
static int
rank(int *v, size_t n, unsigned pct)
{
	size_t want;

	if (n == 0)
		return -1;
	qsort(v, n, sizeof *v, int_cmp);
	want = (n * pct + 99) / 100;
	return v[(want ? want : 1) - 1];
}

static void
check_times(const struct sd_report_times *got, int *v, size_t n, int service, const char *what)
{
	uint64_t within = 0;

	for (size_t i = 0; i < n; i++)
		within += v[i] <= service;
	if (got->n != n || got->median != rank(v, n, 50) || got->p90 != rank(v, n, 90) ||
	    got->max != (n ? v[n - 1] : -1) || got->within != within)
		fail_msg("%s: got n=%lu median=%d p90=%d max=%d within=%lu, counted n=%zu "
		    "median=%d p90=%d max=%d within=%lu", what, (unsigned long)got->n, got->median,
		    got->p90, got->max, (unsigned long)got->within, n, rank(v, n, 50),
		    rank(v, n, 90), n ? v[n - 1] : -1, (unsigned long)within);
}

static void
problem(void *arg, const char *msg)
{
	(void)arg;
	print_error("check: %s\n", msg);
}

static void
recount(struct world *w, sd_day from, sd_day to, const char *cat)
{
	struct td *t = w->t;
	struct sd_desk *d = &t->d;
	struct sd_report_filter f = { from, to, NULL, cat };
	struct sd_report_departments rd;
	struct sd_report_silos rs;
	struct sd_report_recognition rr;
	struct sd_report_backlog rb;
	struct sd_report_channels rc;
	struct sd_error err;
	sd_day today = sd_desk_today(d);
	uint64_t recv[3] = { 0 }, decl[3] = { 0 }, wdr[3] = { 0 },
	    open[3] = { 0 }, overdue[3] = { 0 }, rer[3] = { 0 };
	int pick[3][MAXCASES], ans[3][MAXCASES];
	size_t npick[3] = { 0 }, nans[3] = { 0 };
	uint64_t touched[5] = { 0 }, cases = 0, handoffs = 0, closed = 0, sat[6] = { 0 },
	    own[6] = { 0 }, bystatus[SD_CASE_STATUS_COUNT] = { 0 }, opened = 0, case_overdue = 0;
	uint64_t notours = 0;
	char reached[3][SD_UUID_STR];
	size_t nreached = 0;

	for (size_t i = 0; i < w->n; i++) {
		struct sd_case_view v;
		sd_day created;
		td_view(t, w->nums[i], &v);
		created = sd_day_from_time(v.c.created);
		/* Reach counts enterprises, whatever the category. */
		if (in_period(created, from, to)) {
			char id[SD_UUID_STR];
			size_t k;
			sd_uuid_format(v.c.enterprise, id);
			for (k = 0; k < nreached && strcmp(reached[k], id) != 0; k++)
				;
			if (k == nreached)
				snprintf(reached[nreached++], SD_UUID_STR, "%s", id);
		}
		if (!cat_ok(cat, v.c.category)) {
			sd_case_view_free(&v);
			continue;
		}
		if (in_period(created, from, to)) {
			uint64_t h = 0;
			cases++;
			opened++;
			touched[v.nroutes > 4 ? 4 : v.nroutes]++;
			for (size_t j = 0; j < v.nroutes; j++) {
				const struct sd_route *r = &v.routes[j];
				h += r->round > 1 ? r->round - 1 : 0;
				if (r->state == SD_ROUTE_DECLINED)
					for (size_t k = 0; k < v.nroutes; k++)
						if (k != j && v.routes[k].routed > r->finished) {
							h++;
							break;
						}
			}
			handoffs += h;
			if (v.c.status != SD_CASE_CLOSED)
				bystatus[v.c.status]++;
		}
		if (v.c.status != SD_CASE_CLOSED && v.c.status != SD_CASE_WAITING &&
		    v.c.due != SD_NO_DAY && v.c.due < today)
			case_overdue++;
		if (v.c.status == SD_CASE_CLOSED &&
		    in_period(sd_day_from_time(v.c.closed), from, to)) {
			closed++;
			sat[v.c.satisfaction]++;
			own[v.c.own_view]++;
		}
		for (size_t j = 0; j < v.nroutes; j++) {
			const struct sd_route *r = &v.routes[j];
			size_t di;
			sd_day routed = sd_day_from_time(r->routed);
			for (di = 0; strcmp(depts[di], r->dept) != 0; di++)
				;
			if (in_period(routed, from, to)) {
				recv[di]++;
				rer[di] += r->round - 1;
			}
			if (r->picked_up != 0 && in_period(sd_day_from_time(r->picked_up), from, to))
				pick[di][npick[di]++] = workdays(d, routed,
				    sd_day_from_time(r->picked_up));
			if (r->state == SD_ROUTE_ANSWERED &&
			    in_period(sd_day_from_time(r->finished), from, to))
				ans[di][nans[di]++] = workdays(d, routed, sd_day_from_time(r->finished));
			if (r->state == SD_ROUTE_DECLINED &&
			    in_period(sd_day_from_time(r->finished), from, to)) {
				decl[di]++;
				notours += di == 0 && strcmp(r->answer, "not ours") == 0;
				notours += di == 0 && strcmp(r->answer, "  not ours  ") == 0;
			}
			if (r->state == SD_ROUTE_WITHDRAWN &&
			    in_period(sd_day_from_time(r->finished), from, to))
				wdr[di]++;
			if (r->state == SD_ROUTE_PENDING || r->state == SD_ROUTE_PICKED_UP) {
				open[di]++;
				overdue[di] += r->due < today;
			}
		}
		sd_case_view_free(&v);
	}

	td_expect(SD_OK, sd_report_departments(d, &f, &rd, &err), &err);
	assert_int_equal(rd.n, 3);
	for (size_t i = 0; i < 3; i++) {
		const struct sd_report_dept *r = &rd.rows[i];
		char what[64];
		assert_string_equal(r->dept->id, depts[i]);
		assert_int_equal(r->received, recv[i]);
		assert_int_equal(r->rerouted, rer[i]);
		assert_int_equal(r->picked_up, npick[i]);
		assert_int_equal(r->answered, nans[i]);
		assert_int_equal(r->declined, decl[i]);
		assert_int_equal(r->withdrawn, wdr[i]);
		assert_int_equal(r->open_now, open[i]);
		assert_int_equal(r->overdue_now, overdue[i]);
		snprintf(what, sizeof what, "%s pick-up", depts[i]);
		check_times(&r->pickup, pick[i], npick[i], r->dept->service_days, what);
		snprintf(what, sizeof what, "%s answer", depts[i]);
		check_times(&r->answer, ans[i], nans[i], r->dept->service_days, what);
		/* Reasons are kept trimmed: "  not ours  " counts as "not ours". */
		for (size_t j = 0; i == 0 && j < r->nreasons; j++)
			if (strcmp(r->reasons[j].reason, "not ours") == 0)
				assert_int_equal(r->reasons[j].n, notours);
	}
	sd_report_departments_free(&rd);

	td_expect(SD_OK, sd_report_silos(d, &f, &rs, &err), &err);
	assert_int_equal(rs.cases, cases);
	for (int k = 0; k < 5; k++)
		assert_int_equal(rs.by_depts[k], touched[k]);
	assert_int_equal(rs.multi, touched[2] + touched[3] + touched[4]);
	assert_int_equal(rs.handoffs, handoffs);
	sd_report_silos_free(&rs);

	td_expect(SD_OK, sd_report_recognition(d, &f, &rr, &err), &err);
	assert_int_equal(rr.total.closed, closed);
	for (int k = 0; k < 6; k++) {
		assert_int_equal(rr.total.sat[k], sat[k]);
		assert_int_equal(rr.total.own[k], own[k]);
	}
	/* The register: the fixture's enterprise and the three of the history. */
	assert_int_equal(rr.register_size, 4);
	assert_int_equal(rr.reached_case, nreached);
	assert_int_equal(rr.reached, nreached);
	sd_report_recognition_free(&rr);

	td_expect(SD_OK, sd_report_backlog(d, &f, &rb, &err), &err);
	for (int s = 0; s < SD_CASE_STATUS_COUNT; s++) {
		uint64_t sum = 0;
		for (int b = 0; b < SD_REPORT_AGE_BANDS; b++)
			sum += rb.by_status[s][b];
		assert_int_equal(sum, bystatus[s]);
	}
	assert_int_equal(rb.overdue, case_overdue);
	sd_report_backlog_free(&rb);

	td_expect(SD_OK, sd_report_channels(d, &f, &rc, &err), &err);
	{
		uint64_t sum = 0;
		for (size_t m = 0; m < rc.nmonths; m++)
			sum += rc.months[m].total;
		assert_int_equal(sum, opened);
	}
	sd_report_channels_free(&rc);
}

static void
run_seed(unsigned seed, int steps)
{
	struct world w = { 0 };
	struct sd_error err;
	size_t problems = 99;

	w.t = td_new();
	assert_non_null(w.t);
	w.seed = seed;
	td_as(w.t, "root");
	for (int i = 0; i < 3; i++) {
		char kbo[16], name[32];
		td_kbo(100 + (unsigned)i, kbo);
		snprintf(name, sizeof name, "Onderneming %d", i);
		td_enterprise(w.t, name, kbo, NULL, w.ents[i]);
	}
	for (int i = 0; i < steps; i++)
		step(&w);
	/* The check rebuilds the aggregates from the records: they must be equal. */
	td_expect(SD_OK, sd_check(&w.t->d, false, problem, NULL, &problems, &err), &err);
	if (problems != 0)
		fail_msg("seed %u: check found %zu problems", seed, problems);
	/* The whole time, and random periods with and without a category. */
	recount(&w, SD_NO_DAY, SD_NO_DAY, NULL);
	for (int i = 0; i < 4; i++) {
		sd_day from = td_day("2026-03-02") + (sd_day)rnd(&w, 60);
		sd_day to = from + (sd_day)rnd(&w, 60);
		static const char *const want[] = { NULL, "funding", "permit", "-" };
		recount(&w, from, to, want[rnd(&w, 4)]);
	}
	td_free(w.t);
}

static void
test_random_histories(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 24; seed++)
		run_seed(seed, 220);
}

/* The core's working-day arithmetic against counting day by day. */
static void
test_workdays(void **state)
{
	struct td *t = *state;
	struct world w = { .t = t, .seed = 7 };

	for (int i = 0; i < 2000; i++) {
		sd_day a = td_day("2026-01-01") + (sd_day)rnd(&w, 500);
		sd_day b = a + (sd_day)rnd(&w, 60);
		assert_int_equal(sd_report_workdays(&t->d, a, b), workdays(&t->d, a, b));
	}
}

/*
 * The numbers of one known history: a route answered after a holiday,
 * its median in working days; a decline followed by another department
 * is a hand-off; a pair of departments.
 */
static void
test_known_history(void **state)
{
	struct td *t = *state;
	struct sd_report_filter all = { SD_NO_DAY, SD_NO_DAY, NULL, NULL };
	struct sd_report_departments rd;
	struct sd_report_silos rs;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX];

	td_as(t, "root");
	/* Monday 2 March; Wednesday 4 March is a holiday. */
	td_case(t, t->ent, "Vraag", "funding", SD_PRIORITY_NORMAL, num);
	td_route(t, num, "eco");
	td_at(t, "2026-03-05T10:00:00Z");
	td_pickup(t, "bram", num, "eco");
	td_decline(t, "bram", num, "eco", "not ours\nsecond line");
	td_at(t, "2026-03-06T10:00:00Z");
	td_route(t, num, "wel");
	td_at(t, "2026-03-09T10:00:00Z");
	td_answer(t, "chris", num, "wel", "done");

	td_expect(SD_OK, sd_report_departments(&t->d, &all, &rd, &err), &err);
	/* eco: routed Monday, picked up Thursday: Tuesday and Thursday, 2 working days. */
	assert_int_equal(rd.rows[0].picked_up, 1);
	assert_int_equal(rd.rows[0].pickup.median, 2);
	assert_int_equal(rd.rows[0].declined, 1);
	assert_string_equal(rd.rows[0].reasons[0].reason, "not ours");
	/* wel: routed Friday, answered Monday: 1 working day, within its 2. */
	assert_int_equal(rd.rows[1].answered, 1);
	assert_int_equal(rd.rows[1].answer.median, 1);
	assert_int_equal(rd.rows[1].answer.within, 1);
	sd_report_departments_free(&rd);

	td_expect(SD_OK, sd_report_silos(&t->d, &all, &rs, &err), &err);
	assert_int_equal(rs.cases, 1);
	assert_int_equal(rs.by_depts[2], 1);
	assert_int_equal(rs.handoffs, 1);
	assert_int_equal(rs.npairs, 1);
	assert_string_equal(rs.pairs[0].a, "eco");
	assert_string_equal(rs.pairs[0].b, "wel");
	sd_report_silos_free(&rs);
}

/* Officers see their own departments' figures only; the other reports not at all. */
static void
test_permissions(void **state)
{
	struct td *t = *state;
	struct sd_report_filter all = { SD_NO_DAY, SD_NO_DAY, NULL, NULL };
	struct sd_report_filter wel = { SD_NO_DAY, SD_NO_DAY, "wel", NULL };
	struct sd_report_departments rd;
	struct sd_report_silos rs;
	struct sd_error err;

	td_as(t, "bram");
	td_expect(SD_OK, sd_report_departments(&t->d, &all, &rd, &err), &err);
	assert_int_equal(rd.n, 1);
	assert_string_equal(rd.rows[0].dept->id, "eco");
	sd_report_departments_free(&rd);
	td_expect(SD_DENIED, sd_report_departments(&t->d, &wel, &rd, &err), &err);
	td_expect(SD_DENIED, sd_report_silos(&t->d, &all, &rs, &err), &err);
	{
		/* The cases behind a figure: of his own department, named. */
		struct sd_report_filter eco = { SD_NO_DAY, SD_NO_DAY, "eco", NULL };
		char (*nums)[SD_CASE_NUMBER_MAX];
		size_t n;
		td_expect(SD_DENIED, sd_report_cases(&t->d, SD_REPORT_DEPARTMENTS, "received", &all,
		    &nums, &n, &err), &err);
		td_expect(SD_DENIED, sd_report_cases(&t->d, SD_REPORT_DEPARTMENTS, "received", &wel,
		    &nums, &n, &err), &err);
		td_expect(SD_OK, sd_report_cases(&t->d, SD_REPORT_DEPARTMENTS, "received", &eco,
		    &nums, &n, &err), &err);
		free(nums);
	}
	td_as(t, "dina");
	td_expect(SD_OK, sd_report_silos(&t->d, &all, &rs, &err), &err);
	sd_report_silos_free(&rs);
	td_expect(SD_OK, sd_report_departments(&t->d, &all, &rd, &err), &err);
	assert_int_equal(rd.n, 3);
	sd_report_departments_free(&rd);
}

/*
 * A report reads the counts of its period, not the cases: thirty cases
 * routed in March cost a report of April almost nothing, and a report of
 * March reads far fewer entries than the cases' records and indexes hold.
 */
static void
test_reads_counts_not_cases(void **state)
{
	struct td *t = *state;
	struct sd_report_filter april = { td_day("2026-04-01"), td_day("2026-04-30"), NULL, NULL };
	struct sd_report_filter march = { td_day("2026-03-01"), td_day("2026-03-31"), NULL, NULL };
	struct sd_report_departments rd;
	struct sd_error err;
	unsigned long before;
	char num[SD_CASE_NUMBER_MAX];

	td_as(t, "root");
	for (int i = 0; i < 30; i++) {
		td_case(t, t->ent, "Vraag", "funding", SD_PRIORITY_NORMAL, num);
		td_route(t, num, "eco");
		td_route(t, num, "wel");
	}
	before = t->d.store->reads;
	td_expect(SD_OK, sd_report_departments(&t->d, &april, &rd, &err), &err);
	sd_report_departments_free(&rd);
	/* The open routes (two keys), one key past the period per kind of count, and nothing else. */
	print_message("april: %lu reads\n", t->d.store->reads - before);
	assert_true(t->d.store->reads - before < 12);
	before = t->d.store->reads;
	td_expect(SD_OK, sd_report_departments(&t->d, &march, &rd, &err), &err);
	assert_int_equal(rd.rows[0].received, 30);
	sd_report_departments_free(&rd);
	print_message("march: %lu reads\n", t->d.store->reads - before);
	assert_true(t->d.store->reads - before < 20);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_histories),
		cmocka_unit_test_setup_teardown(test_workdays, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_known_history, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_permissions, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_reads_counts_not_cases, td_setup, td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
