/*
 * Unit tests of a bulk chunk's report counts (report_agg_batch.c): the
 * differences summed per key in memory and written once per key before
 * the chunk commits.
 *   - sums per key across rows, a sum of zero writes nothing and a count
 *     that reaches zero leaves no key, as the index functions would;
 *   - a refused row's differences are taken back, also after the table
 *     grew in that row;
 *   - a case import of many cases in several chunks (whose days, months,
 *     departments and categories meet across rows and chunks) leaves the
 *     counts that `check` rebuilds from the records.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bulk.h"
#include "report_agg.h"
#include "sedesk/import.h"
#include "sedesk/ops.h"
#include "testdesk.h"

static struct sd_key
key_of(const char *s)
{
	struct sd_key k;

	sd_key_reset(&k);
	sd_key_bytes(&k, s, strlen(s));
	return k;
}

/* The count of key s in table db (0: no key), in a read transaction. */
static int64_t
count(struct td *t, enum sd_dbi db, const char *s)
{
	struct sd_txn txn;
	struct sd_error err;
	MDB_val v;
	int64_t n = 0;
	sd_status st;

	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	st = sd_db_get(&txn, db, s, strlen(s), &v, "test", &err);
	if (st == SD_OK) {
		assert_int_equal(v.mv_size, sizeof n);
		memcpy(&n, v.mv_data, sizeof n);
	} else
		assert_int_equal(st, SD_NOTFOUND);
	sd_txn_abort(&txn);
	return n;
}

static void
put_count(struct td *t, const char *s, int64_t n)
{
	struct sd_txn txn;
	struct sd_error err;

	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	td_expect(SD_OK, sd_db_put(&txn, SD_DB_REPORT_AGG, s, strlen(s), &n, sizeof n, "test",
	    &err), &err);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
}

static void
test_sums_and_undo(void **state)
{
	struct td *t = *state;
	struct agg_batch *ab = agg_batch_new();
	struct sd_txn txn;
	struct sd_error err;
	struct sd_key k;
	char name[32];

	/* Stored before: "gone" reaches zero, "kept" does not move. */
	put_count(t, "zzgone", 3);
	put_count(t, "zzkept", 5);

	/* Row 1: sums per key, in two tables. */
	agg_batch_row(ab);
	k = key_of("zza");
	agg_batch_add(ab, SD_DB_REPORT_AGG, &k, 2);
	agg_batch_add(ab, SD_DB_REPORT_MONTH, &k, 7);
	k = key_of("zzgone");
	agg_batch_add(ab, SD_DB_REPORT_AGG, &k, -1);
	k = key_of("zzkept");
	agg_batch_add(ab, SD_DB_REPORT_AGG, &k, 4);
	agg_batch_add(ab, SD_DB_REPORT_AGG, &k, -4);
	/* Row 2: the same keys again. */
	agg_batch_row(ab);
	k = key_of("zza");
	agg_batch_add(ab, SD_DB_REPORT_AGG, &k, 3);
	k = key_of("zzgone");
	agg_batch_add(ab, SD_DB_REPORT_AGG, &k, -2);
	/* Row 3, refused: its differences, over enough keys to grow the table, go. */
	agg_batch_row(ab);
	k = key_of("zza");
	agg_batch_add(ab, SD_DB_REPORT_AGG, &k, 100);
	for (int i = 0; i < 3000; i++) {
		snprintf(name, sizeof name, "zzrow3-%d", i);
		k = key_of(name);
		agg_batch_add(ab, SD_DB_REPORT_AGG, &k, 1);
	}
	k = key_of("zzgone");
	agg_batch_add(ab, SD_DB_REPORT_AGG, &k, 50);
	agg_batch_undo(ab);

	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	td_expect(SD_OK, agg_batch_flush(&txn, ab, &err), &err);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
	assert_int_equal(count(t, SD_DB_REPORT_AGG, "zza"), 5);
	assert_int_equal(count(t, SD_DB_REPORT_MONTH, "zza"), 7);
	assert_int_equal(count(t, SD_DB_REPORT_AGG, "zzgone"), 0);	/* 3 - 1 - 2: no key */
	assert_int_equal(count(t, SD_DB_REPORT_AGG, "zzkept"), 5);
	assert_int_equal(count(t, SD_DB_REPORT_AGG, "zzrow3-0"), 0);
	assert_int_equal(count(t, SD_DB_REPORT_AGG, "zzrow3-2999"), 0);

	/* Flushed: empty, a second flush writes nothing. */
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	td_expect(SD_OK, agg_batch_flush(&txn, ab, &err), &err);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
	assert_int_equal(count(t, SD_DB_REPORT_AGG, "zza"), 5);
	agg_batch_free(ab);

	/* The test's keys out again, so that check finds the counts it rebuilds. */
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	td_expect(SD_OK, sd_db_del(&txn, SD_DB_REPORT_AGG, "zza", 3, "test", &err), &err);
	td_expect(SD_OK, sd_db_del(&txn, SD_DB_REPORT_MONTH, "zza", 3, "test", &err), &err);
	td_expect(SD_OK, sd_db_del(&txn, SD_DB_REPORT_AGG, "zzkept", 6, "test", &err), &err);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
}

static void
problem(void *arg, const char *what)
{
	(void)arg;
	print_message("check: %s\n", what);
}

static void
test_import_counts_equal_rebuild(void **state)
{
	struct td *t = *state;
	struct sd_case_import_result res;
	struct sd_error err;
	size_t problems = 99;
	char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/history.csv", t->dir);
	f = fopen(path, "w+");
	assert_non_null(f);
	fputs("created,enterprise,subject,category,closed,resolution,satisfaction,"
	    "dept1,state1,answer1,answered1,dept2,state2,answer2,answered2\n", f);
	/* Few days and months, three departments, two categories: keys meet often. */
	for (int i = 1; i <= 3000; i++) {
		int m = 1 + i % 3, d = 1 + i % 5;
		bool closed = i % 2 == 0, declined = i % 3 == 0;
		fprintf(f, "2019-%02d-%02d,0403.170.701,Vraag %d,%s,%s,%s,%s,%s,answered,Ja %d,"
		    "2019-%02d-%02d,%s,%s,%s,%s\n", m, d, i, i % 4 ? "funding" : "permit",
		    closed ? "2019-05-01" : "", closed ? "Opgelost" : "", closed ? "4" : "",
		    i % 2 ? "eco" : "spa", i, m, d + 2, i % 2 ? "wel" : "eco",
		    declined ? "declined" : "pending", declined ? "Niet voor ons" : "",
		    declined ? "2019-04-30" : "");
	}
	fflush(f);
	rewind(f);
	td_expect(SD_OK, sd_case_import(&t->d, f, "h.csv", SD_CI_CSV, false, NULL, NULL, &res,
	    &err), &err);
	fclose(f);
	assert_int_equal(res.imported, 3000);
	td_as(t, "root");
	td_expect(SD_OK, sd_check(&t->d, false, problem, NULL, &problems, &err), &err);
	assert_int_equal(problems, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sums_and_undo, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_import_counts_equal_rebuild, td_setup,
		    td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
