/*
 * An officer's inbox at scale keeps its order over all of a department's
 * open routes, not only the newest (inboxfix): it read the newest limit
 * routes of each department and state, so an older route that is overdue,
 * or due before all the newer ones, never reached the officer's inbox;
 * the enterprise lost between silos the product exists to prevent.
 *   - overdue: 120 routes to eco, the oldest overdue: it comes first;
 *   - due: the oldest due first of all (not overdue): it comes first;
 *   - reads: the inbox reads as much with 120 routes as with 240
 *     (keys first, only the rows kept are loaded);
 *   - priority: a case raised to high among 120 normal routes comes
 *     second, after an urgent one and before them, and an overdue low
 *     one comes before all (overdue first, then priority, then due day);
 *   - a database from before the due index (table and mark gone) gets it
 *     filled from its routes when it opens; check finds a damaged index
 *     and --repair mends it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sedesk/case.h"
#include "sedesk/ops.h"
#include "testdesk.h"

#define NEWER	120
#define LIMIT	50

/* One case routed to eco at when, then NEWER newer ones routed now. */
static void
old_and_new(struct td *t, const char *when, char old[SD_CASE_NUMBER_MAX], int newer)
{
	char num[SD_CASE_NUMBER_MAX];

	td_as(t, "root");
	td_at(t, when);
	td_case(t, t->ent, "Oud", NULL, SD_PRIORITY_NORMAL, old);
	td_route(t, old, "eco");
	td_at(t, TD_NOW);
	for (int i = 0; i < newer; i++) {
		td_case(t, t->ent, "Nieuw", NULL, SD_PRIORITY_NORMAL, num);
		td_route(t, num, "eco");
	}
}

static void
first_is(struct td *t, const char *old, bool overdue)
{
	struct sd_case_rows rows;
	struct sd_error err;
	char got[SD_CASE_NUMBER_MAX];

	td_as(t, "els");
	td_expect(SD_OK, sd_inbox(&t->d, LIMIT, &rows, &err), &err);
	assert_int_equal(rows.n, LIMIT);
	assert_true(rows.more);
	sd_case_number_format(rows.items[0].c.key, got);
	assert_string_equal(got, old);
	assert_int_equal(rows.items[0].overdue, overdue);
	assert_string_equal(rows.items[0].dept, "eco");
	/* The rest in the inbox's order: due day, then the newest. */
	for (size_t i = 1; i < rows.n; i++) {
		assert_false(rows.items[i].overdue);
		assert_true(rows.items[i - 1].due <= rows.items[i].due);
		assert_true(rows.items[i - 1].due < rows.items[i].due ||
		    rows.items[i - 1].c.key.seq > rows.items[i].c.key.seq ||
		    rows.items[i - 1].c.key.year > rows.items[i].c.key.year);
	}
	sd_case_rows_free(&rows);
}

static void
test_old_overdue_route_first(void **state)
{
	struct td *t = *state;
	char old[SD_CASE_NUMBER_MAX];

	old_and_new(t, "2026-02-02T09:00:00Z", old, NEWER);
	first_is(t, old, true);
}

static void
test_old_route_due_first(void **state)
{
	struct td *t = *state;
	char old[SD_CASE_NUMBER_MAX];
	struct sd_case_view v;

	/* Thursday: eco's 3 working days end on Tuesday 3 March, not yet overdue. */
	old_and_new(t, "2026-02-26T09:00:00Z", old, NEWER);
	td_view(t, old, &v);
	assert_int_equal(td_find_route(&v, "eco")->due, td_day("2026-03-03"));
	sd_case_view_free(&v);
	first_is(t, old, false);
}

static unsigned long
inbox_reads(struct td *t)
{
	struct sd_case_rows rows;
	struct sd_error err;
	unsigned long before;

	td_as(t, "els");
	before = t->d.store->reads;
	td_expect(SD_OK, sd_inbox(&t->d, LIMIT, &rows, &err), &err);
	assert_int_equal(rows.n, LIMIT);
	sd_case_rows_free(&rows);
	return t->d.store->reads - before;
}

static void
test_reads_bounded(void **state)
{
	struct td *t = *state;
	char old[SD_CASE_NUMBER_MAX], num[SD_CASE_NUMBER_MAX];
	unsigned long at120, at240;

	old_and_new(t, "2026-02-02T09:00:00Z", old, NEWER);
	at120 = inbox_reads(t);
	td_as(t, "root");
	for (int i = 0; i < NEWER; i++) {
		td_case(t, t->ent, "Nog nieuwer", NULL, SD_PRIORITY_NORMAL, num);
		td_route(t, num, "eco");
	}
	at240 = inbox_reads(t);
	print_message("inbox reads: %lu with %d routes, %lu with %d\n", at120, NEWER + 1,
	    at240, 2 * NEWER + 1);
	assert_int_equal(at120, at240);
	/*
	 * Two departments, two states, one priority in use: at most limit + 1
	 * keys each (the order is in the keys), and the kept rows loaded.
	 */
	assert_true(at240 <= 4 * (LIMIT + 1) + 8 * LIMIT);
}

static void problem(void *arg, const char *msg);

static void
test_priority_over_due(void **state)
{
	struct td *t = *state;
	char nums[NEWER][SD_CASE_NUMBER_MAX], urgent[SD_CASE_NUMBER_MAX], low[SD_CASE_NUMBER_MAX];
	char got[SD_CASE_NUMBER_MAX];
	struct sd_case_input in;
	struct sd_case_rows rows;
	struct sd_error err;
	size_t problems = 99, told = 0;

	td_as(t, "root");
	td_at(t, "2026-02-26T09:00:00Z");
	for (int i = 0; i < NEWER; i++) {
		td_case(t, t->ent, "Gewoon", NULL, SD_PRIORITY_NORMAL, nums[i]);
		td_route(t, nums[i], "eco");
	}
	td_at(t, TD_NOW);
	td_case(t, t->ent, "Dringend", NULL, SD_PRIORITY_URGENT, urgent);
	td_route(t, urgent, "eco");
	/* Raised after it was routed: its route moves in the due index. */
	memset(&in, 0, sizeof in);
	in.priority = SD_PRIORITY_HIGH;
	td_expect(SD_OK, sd_case_edit(&t->d, nums[0], &in, 0, &err), &err);

	td_as(t, "els");
	td_expect(SD_OK, sd_inbox(&t->d, LIMIT, &rows, &err), &err);
	assert_int_equal(rows.n, LIMIT);
	sd_case_number_format(rows.items[0].c.key, got);
	assert_string_equal(got, urgent);
	/* The oldest of 120 routes due the same day, raised: second. */
	sd_case_number_format(rows.items[1].c.key, got);
	assert_string_equal(got, nums[0]);
	assert_int_equal(rows.items[1].c.priority, SD_PRIORITY_HIGH);
	/* Then the normal ones by due day, the newest first on one day. */
	sd_case_number_format(rows.items[2].c.key, got);
	assert_string_equal(got, nums[NEWER - 1]);
	sd_case_rows_free(&rows);

	/* Overdue, of low priority, before them all. */
	td_as(t, "root");
	td_at(t, "2026-02-02T09:00:00Z");
	td_case(t, t->ent, "Laat", NULL, SD_PRIORITY_LOW, low);
	td_route(t, low, "eco");
	td_at(t, TD_NOW);
	td_as(t, "els");
	td_expect(SD_OK, sd_inbox(&t->d, LIMIT, &rows, &err), &err);
	sd_case_number_format(rows.items[0].c.key, got);
	assert_string_equal(got, low);
	assert_true(rows.items[0].overdue);
	sd_case_number_format(rows.items[1].c.key, got);
	assert_string_equal(got, urgent);
	sd_case_rows_free(&rows);

	/* Lowered again: back among the normal ones, the oldest, not shown. */
	td_as(t, "root");
	in.priority = SD_PRIORITY_NORMAL;
	td_expect(SD_OK, sd_case_edit(&t->d, nums[0], &in, 0, &err), &err);
	td_expect(SD_OK, sd_check(&t->d, false, problem, &told, &problems, &err), &err);
	assert_int_equal(problems, 0);
	td_as(t, "els");
	td_expect(SD_OK, sd_inbox(&t->d, LIMIT, &rows, &err), &err);
	sd_case_number_format(rows.items[2].c.key, got);
	assert_string_equal(got, nums[NEWER - 1]);
	for (size_t i = 0; i < rows.n; i++) {
		sd_case_number_format(rows.items[i].c.key, got);
		assert_string_not_equal(got, nums[0]);
	}
	sd_case_rows_free(&rows);
}

static void
problem(void *arg, const char *msg)
{
	size_t *n = arg;

	(*n)++;
	print_message("check: %s\n", msg);
}

static size_t
due_entries(struct td *t)
{
	return td_count(t, SD_DB_ROUTE_OPEN_BY_DUE);
}

static void
test_old_database_filled(void **state)
{
	struct td *t = *state;
	char old[SD_CASE_NUMBER_MAX];
	size_t problems = 99, told = 0;
	struct sd_error err;
	struct sd_txn x;
	MDB_dbi dbi;

	old_and_new(t, "2026-02-02T09:00:00Z", old, NEWER);
	/* An answered route is not open: not in the index. */
	td_pickup(t, "bram", old, "eco");
	td_answer(t, "bram", old, "eco", "Beantwoord");
	assert_int_equal(due_entries(t), NEWER);
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &x, &err), &err);
	assert_int_equal(mdb_dbi_open(x.txn, "route_open_by_due", 0, &dbi), 0);
	assert_int_equal(mdb_drop(x.txn, dbi, 1), 0);
	td_expect(SD_OK, sd_db_del(&x, SD_DB_META, "route_due", 9, "test", &err), &err);
	td_expect(SD_OK, sd_txn_commit(&x, &err), &err);
	td_close_desk(t);
	td_open_desk(t);
	assert_int_equal(due_entries(t), NEWER);
	td_expect(SD_OK, sd_check(&t->d, false, problem, &told, &problems, &err), &err);
	assert_int_equal(problems, 0);
}

static void
test_check_repairs_due_index(void **state)
{
	struct td *t = *state;
	char old[SD_CASE_NUMBER_MAX];
	size_t problems = 0, told = 0;
	struct sd_error err;
	struct sd_txn x;
	MDB_cursor *c;
	MDB_val k, v;

	old_and_new(t, "2026-02-02T09:00:00Z", old, NEWER);
	/* The old route's entry gone: the inbox would miss it again. */
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &x, &err), &err);
	assert_int_equal(mdb_cursor_open(x.txn, t->d.store->dbi[SD_DB_ROUTE_OPEN_BY_DUE], &c), 0);
	assert_int_equal(mdb_cursor_get(c, &k, &v, MDB_FIRST), 0);
	assert_int_equal(mdb_cursor_del(c, 0), 0);
	mdb_cursor_close(c);
	td_expect(SD_OK, sd_txn_commit(&x, &err), &err);
	td_expect(SD_OK, sd_check(&t->d, false, problem, &told, &problems, &err), &err);
	assert_true(problems > 0);
	td_expect(SD_OK, sd_check(&t->d, true, problem, &told, &problems, &err), &err);
	td_expect(SD_OK, sd_check(&t->d, false, problem, &told, &problems, &err), &err);
	assert_int_equal(problems, 0);
	assert_int_equal(due_entries(t), NEWER + 1);
	first_is(t, old, true);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_old_overdue_route_first, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_old_route_due_first, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_reads_bounded, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_priority_over_due, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_old_database_filled, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_check_repairs_due_index, td_setup,
		    td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
