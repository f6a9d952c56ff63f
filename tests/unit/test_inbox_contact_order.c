/*
 * The contact point's inbox at any limit is the first rows of its own
 * order (overdue first, the most urgent, the oldest due day, on one day
 * the newest case first), and it reads no more than those rows need.
 *   - a limit that cuts the cases overdue since one day takes the newest
 *     of them, as the order shows them: the inbox took the oldest (the
 *     index holds a day's cases oldest first), so `inbox --limit 2` showed
 *     a case that `inbox --limit 3` puts third, and not the second;
 *   - when more cases are overdue than the limit, no other list can add a
 *     row the inbox shows (every other row comes after them): the new and
 *     answered cases are not read at all (they were: twice the limit of
 *     rows loaded and dropped, a third of a large desk's inbox);
 *   - a day of many overdue cases cut by the limit is read no further than
 *     the rows shown (its keys are walked from the newest);
 *   - the rows' case records and routes are read by pread (page_read.c):
 *     a record that cannot be read, or an index entry whose case is gone,
 *     is said as case_load and routes_load say it.
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
#include "sedesk/readonce.h"
#include "testdesk.h"

#define MAXROWS	128

struct inbox {
	size_t	n;
	bool	more;
	char	num[MAXROWS][SD_CASE_NUMBER_MAX];
	enum sd_inbox_reason reason[MAXROWS];
};

/* ann's inbox at limit, as numbers; the store's reads it took in *reads. */
static void
inbox_of(struct td *t, size_t limit, struct inbox *ib, unsigned long *reads)
{
	struct sd_case_rows rows;
	struct sd_error err;
	unsigned long before;

	td_as(t, "ann");
	before = t->d.store->reads;
	td_expect(SD_OK, sd_inbox(&t->d, limit, &rows, &err), &err);
	if (reads != NULL)
		*reads = t->d.store->reads - before;
	assert_true(rows.n <= MAXROWS);
	ib->n = rows.n;
	ib->more = rows.more;
	for (size_t i = 0; i < rows.n; i++) {
		sd_case_number_format(rows.items[i].c.key, ib->num[i]);
		ib->reason[i] = rows.items[i].reason;
	}
	sd_case_rows_free(&rows);
}

/* Every limit from 1 to all + 1 gives the first rows of the whole inbox. */
static void
assert_prefixes(struct td *t, size_t upto)
{
	struct inbox all, part;

	inbox_of(t, MAXROWS, &all, NULL);
	assert_false(all.more);
	for (size_t lim = 1; lim <= upto && lim <= all.n + 1; lim++) {
		inbox_of(t, lim, &part, NULL);
		assert_int_equal(part.n, lim < all.n ? lim : all.n);
		assert_int_equal(part.more, all.n > lim);
		for (size_t i = 0; i < part.n; i++) {
			if (strcmp(part.num[i], all.num[i]) != 0)
				fail_msg("limit %zu, row %zu: %s, where the whole inbox has %s",
				    lim, i + 1, part.num[i], all.num[i]);
			assert_int_equal(part.reason[i], all.reason[i]);
		}
	}
}

/* n cases of priority p made on day (routed: only the overdue list brings them). */
static void
cases_on(struct td *t, const char *day, enum sd_priority p, int n)
{
	char num[SD_CASE_NUMBER_MAX];

	td_at(t, day);
	for (int i = 0; i < n; i++) {
		td_case(t, t->ent, "Achterstand", NULL, p, num);
		td_route(t, num, "eco");
	}
}

static void
test_limit_cuts_a_day(void **state)
{
	struct td *t = *state;

	/* Days of several overdue cases each, two priorities. */
	cases_on(t, "2026-01-05T09:00:00Z", SD_PRIORITY_NORMAL, 5);
	cases_on(t, "2026-01-12T09:00:00Z", SD_PRIORITY_URGENT, 3);
	cases_on(t, "2026-01-19T09:00:00Z", SD_PRIORITY_NORMAL, 4);
	td_at(t, "2026-06-01T09:00:00Z");
	assert_prefixes(t, 13);
}

static void
test_other_lists_not_read(void **state)
{
	struct td *t = *state;
	char num[SD_CASE_NUMBER_MAX];
	struct inbox ib;
	unsigned long reads;

	cases_on(t, "2026-01-05T09:00:00Z", SD_PRIORITY_NORMAL, 12);
	cases_on(t, "2026-01-06T09:00:00Z", SD_PRIORITY_HIGH, 12);
	/* Newer cases, due later: 30 new and 30 answered, none overdue. */
	td_at(t, "2026-05-29T09:00:00Z");
	for (int i = 0; i < 30; i++) {
		td_case(t, t->ent, "Nieuw", NULL, SD_PRIORITY_URGENT, num);
		td_case(t, t->ent, "Beantwoord", NULL, SD_PRIORITY_URGENT, num);
		td_route(t, num, "eco");
		td_answer(t, "bram", num, "eco", "Zo doen we het.");
	}
	td_at(t, "2026-06-01T09:00:00Z");
	/* All of them, then only overdue ones: the same order. */
	inbox_of(t, MAXROWS, &ib, NULL);
	assert_int_equal(ib.n, 84);
	assert_int_equal(ib.reason[0], SD_REASON_OVERDUE);
	assert_int_equal(ib.reason[23], SD_REASON_OVERDUE);
	assert_int_equal(ib.reason[24], SD_REASON_ANSWERED);
	assert_prefixes(t, 25);
	/*
	 * Ten rows when 24 are overdue: the overdue index's keys up to the
	 * eleventh (and the rest of its day), ten cases, then what the rows
	 * show (enterprise, routes, the journal mark: at most 5 a row).  The
	 * new and answered lists would read 20 keys and 20 cases more.
	 */
	inbox_of(t, 10, &ib, &reads);
	assert_int_equal(ib.n, 10);
	assert_true(ib.more);
	print_message("limit 10 of 24 overdue: %lu reads\n", reads);
	assert_true(reads <= 24 + 10 + 5 * 10);
}

static void
test_day_read_no_further(void **state)
{
	struct td *t = *state;
	struct inbox ib;
	unsigned long reads;

	cases_on(t, "2026-01-05T09:00:00Z", SD_PRIORITY_NORMAL, 60);
	td_at(t, "2026-06-01T09:00:00Z");
	assert_prefixes(t, 4);
	/* One key to find the day, four of it, three cases and what they show. */
	inbox_of(t, 3, &ib, &reads);
	assert_int_equal(ib.n, 3);
	assert_true(ib.more);
	print_message("limit 3 of a day of 60: %lu reads\n", reads);
	assert_true(reads <= 6 + 6 * 3);
}

/* Replaces (bytes NULL: deletes) the record of case num, behind the store's back. */
static void
damage(struct td *t, const char *num, const char *bytes)
{
	struct sd_case_key key;
	uint8_t ck[SD_CASE_KEY_LEN];
	MDB_val k = { sizeof ck, ck }, v = { bytes ? strlen(bytes) : 0, (void *)bytes };
	MDB_txn *txn;

	assert_true(sd_case_number_parse(num, &key));
	sd_case_key_pack(key, ck);
	assert_int_equal(mdb_txn_begin(t->d.store->env, NULL, 0, &txn), 0);
	if (bytes != NULL)
		assert_int_equal(mdb_put(txn, t->d.store->dbi[SD_DB_CASE], &k, &v, 0), 0);
	else
		assert_int_equal(mdb_del(txn, t->d.store->dbi[SD_DB_CASE], &k, NULL), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
}

static void
test_record_unreadable(void **state)
{
	struct td *t = *state;
	struct sd_case_rows rows;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX], msg[128];

	td_at(t, "2026-01-05T09:00:00Z");
	td_case(t, t->ent, "Kapot", NULL, SD_PRIORITY_URGENT, num);
	td_route(t, num, "eco");
	td_at(t, "2026-06-01T09:00:00Z");
	td_as(t, "ann");
	/* Its route to eco, then the case itself. */
	{
		struct sd_case_key key;
		uint8_t k[SD_CASE_KEY_LEN + 3];
		MDB_val mk = { sizeof k, k }, mv = { 12, (void *)"not a route!" };
		MDB_txn *txn;

		assert_true(sd_case_number_parse(num, &key));
		sd_case_key_pack(key, k);
		memcpy(k + SD_CASE_KEY_LEN, "eco", 3);
		assert_int_equal(mdb_txn_begin(t->d.store->env, NULL, 0, &txn), 0);
		assert_int_equal(mdb_put(txn, t->d.store->dbi[SD_DB_ROUTE], &mk, &mv, 0), 0);
		assert_int_equal(mdb_txn_commit(txn), 0);
	}
	td_expect_msg(SD_FAIL, sd_inbox(&t->d, 10, &rows, &err), &err,
	    "a route record cannot be read; run `sedesk check`.");
	damage(t, num, "not a record");
	snprintf(msg, sizeof msg, "case %s cannot be read; run `sedesk check`.", num);
	td_expect_msg(SD_FAIL, sd_inbox(&t->d, 10, &rows, &err), &err, msg);
	damage(t, num, NULL);
	snprintf(msg, sizeof msg, "no case %s.", num);
	td_expect_msg(SD_NOTFOUND, sd_inbox(&t->d, 10, &rows, &err), &err, msg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_limit_cuts_a_day, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_other_lists_not_read, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_day_read_no_further, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_record_unreadable, td_setup, td_teardown),
	};

	setenv("LANGUAGE", "en", 1);
	sd_read_once();		/* as `sedesk inbox` does: rows read by pread */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
