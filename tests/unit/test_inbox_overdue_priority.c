/*
 * The contact point's overdue cases come in the inbox's own order, the
 * most urgent first, whatever their number: the inbox took the limit's
 * oldest due days from the due index and sorted those by priority, so an
 * urgent case overdue since yesterday, behind fifty normal ones overdue
 * for longer, was not in the inbox at all.
 *   - 60 normal cases overdue since long, then an urgent one overdue since
 *     a day: with a limit of 50 the urgent one comes first;
 *   - a priority raised later moves the case up (the index follows edits);
 *   - a database from before the index gets it made when it opens.
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
#include "testdesk.h"

#define LIMIT	50

/* The number of the first row of ann's inbox, and whether it is there at all. */
static bool
in_inbox(struct td *t, const char *num, size_t *at)
{
	struct sd_case_rows rows;
	struct sd_error err;
	bool found = false;

	td_as(t, "ann");
	td_expect(SD_OK, sd_inbox(&t->d, LIMIT, &rows, &err), &err);
	for (size_t i = 0; i < rows.n && !found; i++) {
		char got[SD_CASE_NUMBER_MAX];
		sd_case_number_format(rows.items[i].c.key, got);
		if (strcmp(got, num) == 0) {
			found = true;
			*at = i;
		}
	}
	sd_case_rows_free(&rows);
	return found;
}

/* 60 normal cases routed on 2026-01-05, one more (priority p) on 2026-02-02; the clock then 2026-06-01. */
static void
backlog(struct td *t, enum sd_priority p, char late[SD_CASE_NUMBER_MAX])
{
	char num[SD_CASE_NUMBER_MAX];

	td_as(t, "ann");
	td_at(t, "2026-01-05T09:00:00Z");
	/* Routed: not new any more, so only the overdue list brings them. */
	for (int i = 0; i < 60; i++) {
		td_case(t, t->ent, "Lang achter", NULL, SD_PRIORITY_NORMAL, num);
		td_route(t, num, "eco");
	}
	td_at(t, "2026-02-02T09:00:00Z");
	td_case(t, t->ent, "Dringend", NULL, p, late);
	td_route(t, late, "eco");
	td_at(t, "2026-06-01T09:00:00Z");
}

static void
test_urgent_overdue_first(void **state)
{
	struct td *t = *state;
	char late[SD_CASE_NUMBER_MAX];
	size_t at = 99;

	backlog(t, SD_PRIORITY_URGENT, late);
	if (!in_inbox(t, late, &at))
		fail_msg("the urgent overdue case %s is not in the inbox", late);
	assert_int_equal(at, 0);
}

static void
test_raised_later(void **state)
{
	struct td *t = *state;
	struct sd_case_input in = { 0 };
	struct sd_error err;
	char late[SD_CASE_NUMBER_MAX];
	size_t at = 99;

	backlog(t, SD_PRIORITY_NORMAL, late);
	assert_false(in_inbox(t, late, &at));	/* the 50 oldest come first: right */
	in.priority = SD_PRIORITY_HIGH;
	td_expect(SD_OK, sd_case_edit(&t->d, late, &in, 0, &err), &err);
	assert_true(in_inbox(t, late, &at));
	assert_int_equal(at, 0);
}

static void
test_made_when_missing(void **state)
{
	struct td *t = *state;
	MDB_val k = { 17, (void *)"case_open_by_prio" };
	char late[SD_CASE_NUMBER_MAX];
	MDB_txn *txn;
	size_t at = 99, problems = 0;
	struct sd_error err;

	backlog(t, SD_PRIORITY_URGENT, late);
	assert_int_equal(mdb_txn_begin(t->d.store->env, NULL, 0, &txn), 0);
	assert_int_equal(mdb_drop(txn, t->d.store->dbi[SD_DB_CASE_OPEN_BY_PRIO], 1), 0);
	assert_int_equal(mdb_del(txn, t->d.store->dbi[SD_DB_META], &k, NULL), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	td_close_desk(t);
	td_open_desk(t);
	assert_true(in_inbox(t, late, &at));
	assert_int_equal(at, 0);
	td_as(t, "root");
	td_expect(SD_OK, sd_check(&t->d, false, NULL, NULL, &problems, &err), &err);
	assert_int_equal(problems, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_urgent_overdue_first, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_raised_later, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_made_when_missing, td_setup, td_teardown),
	};

	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
