/*
 * An officer's inbox reads its keys first and loads only the rows it
 * keeps (issue 15: an officer's three-department inbox at 1M cases under
 * 1 ms): the candidates of each department and state are ordered from
 * their route and their case's priority, and only the limit most urgent
 * are loaded with their enterprise and routes.
 *   - els (eco and wel): the urgent cases of eco are kept; the cases of
 *     wel, whose enterprise record is gone, are candidates but not kept,
 *     so the inbox never reads that enterprise (it did: every
 *     department's limit was loaded, then sorted and cut);
 *   - the rows are the same as the whole list ordered by urgency:
 *     overdue first, then priority, then due date, newest first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sedesk/case.h"
#include "testdesk.h"

static void
test_rows_not_kept_are_not_loaded(void **state)
{
	struct td *t = *state;
	struct sd_case_rows rows;
	struct sd_error err;
	char other[SD_UUID_STR], num[SD_CASE_NUMBER_MAX], kbo[16];
	uint8_t id[SD_UUID_LEN];
	struct sd_txn x;

	td_as(t, "root");
	td_kbo(321, kbo);
	td_enterprise(t, "Andere Onderneming", kbo, NULL, other);
	for (int i = 0; i < 5; i++) {
		td_case(t, t->ent, "Dringend", NULL, SD_PRIORITY_URGENT, num);
		td_route(t, num, "eco");
	}
	/* Newer, but of normal priority: candidates that are not kept. */
	for (int i = 0; i < 5; i++) {
		td_case(t, other, "Gewoon", NULL, SD_PRIORITY_NORMAL, num);
		td_route(t, num, "wel");
	}
	td_as(t, "els");
	td_expect(SD_OK, sd_inbox(&t->d, 5, &rows, &err), &err);
	assert_int_equal(rows.n, 5);
	assert_true(rows.more);
	for (size_t i = 0; i < rows.n; i++) {
		assert_int_equal(rows.items[i].c.priority, SD_PRIORITY_URGENT);
		assert_string_equal(rows.items[i].dept, "eco");
	}
	sd_case_rows_free(&rows);

	/* The other enterprise's record gone: a row of it would fail to load. */
	assert_true(sd_uuid_parse(other, id));
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &x, &err), &err);
	td_expect(SD_OK, sd_db_del(&x, SD_DB_ENT, id, SD_UUID_LEN, "test", &err), &err);
	td_expect(SD_OK, sd_txn_commit(&x, &err), &err);
	td_expect(SD_OK, sd_inbox(&t->d, 5, &rows, &err), &err);
	assert_int_equal(rows.n, 5);
	for (size_t i = 0; i < rows.n; i++)
		assert_string_equal(rows.items[i].dept, "eco");
	sd_case_rows_free(&rows);
	/* With room for them, they are loaded, and that fails as it should. */
	assert_int_not_equal(sd_inbox(&t->d, 10, &rows, &err), SD_OK);
}

/* The order: priority, then due date, then the newest; across departments and states. */
static void
test_order_across_departments(void **state)
{
	struct td *t = *state;
	struct sd_case_rows rows;
	struct sd_error err;
	char nums[6][SD_CASE_NUMBER_MAX];
	static const enum sd_priority prio[6] = {
		SD_PRIORITY_LOW, SD_PRIORITY_HIGH, SD_PRIORITY_NORMAL,
		SD_PRIORITY_URGENT, SD_PRIORITY_NORMAL, SD_PRIORITY_HIGH,
	};
	/* wel's service is 2 working days, eco's 3: wel's routes are due first. */
	static const char *const dept[6] = { "eco", "wel", "eco", "wel", "wel", "eco" };
	static const int want[6] = { 3, 1, 5, 4, 2, 0 };

	td_as(t, "root");
	for (int i = 0; i < 6; i++) {
		td_case(t, t->ent, "Vraag", NULL, prio[i], nums[i]);
		td_route(t, nums[i], dept[i]);
	}
	td_pickup(t, "els", nums[2], "eco");
	td_as(t, "els");
	td_expect(SD_OK, sd_inbox(&t->d, 50, &rows, &err), &err);
	assert_int_equal(rows.n, 6);
	for (int i = 0; i < 6; i++) {
		char got[SD_CASE_NUMBER_MAX];
		sd_case_number_format(rows.items[i].c.key, got);
		assert_string_equal(got, nums[want[i]]);
	}
	assert_int_equal(rows.items[2].reason, SD_REASON_PENDING);
	sd_case_rows_free(&rows);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rows_not_kept_are_not_loaded, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_order_across_departments, td_setup,
		    td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
