/*
 * Unit tests for an import's cache of enterprise references
 * (src/core/ent_refs.c): a reference is resolved once per snapshot, the
 * answers are the resolver's (also past the table's growth), a new
 * snapshot (another process's commit) resolves again, and a reference
 * that fails is never kept.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/core/ent_refs.h"
#include "testdesk.h"

/* The resolver: "missing" is not found; another ref's id is its text and the generation. */
static int calls, generation;

static sd_status
fake_resolve(struct sd_txn *t, const char *ref, uint8_t id[SD_UUID_LEN], struct sd_error *err)
{
	(void)t;
	calls++;
	if (strcmp(ref, "missing") == 0)
		return sd_fail(err, SD_INVALID, "no enterprise %s", ref);
	memset(id, 0, SD_UUID_LEN);
	snprintf((char *)id, SD_UUID_LEN, "%d:%.12s", generation, ref);
	return SD_OK;
}

static void
expect_id(struct ent_refs *c, struct sd_txn *t, const char *ref, int gen)
{
	uint8_t id[SD_UUID_LEN], want[SD_UUID_LEN] = { 0 };
	struct sd_error err;

	td_expect(SD_OK, ent_refs_find(c, t, ref, id, fake_resolve, &err), &err);
	snprintf((char *)want, SD_UUID_LEN, "%d:%.12s", gen, ref);
	assert_memory_equal(id, want, SD_UUID_LEN);
}

static sd_status
touch(struct sd_txn *t, void *arg, struct sd_error *err)
{
	(void)arg;
	return sd_db_put(t, SD_DB_META, "test-touch", 10, "x", 1, "meta", err);
}

static void
test_once_per_snapshot(void **state)
{
	struct td *t = *state;
	struct ent_refs c = { 0 };
	struct sd_error err;
	struct sd_txn txn;
	char ref[32];

	calls = 0;
	generation = 1;
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	/* 1,000 references (the table grows past its first 256 slots), each twice. */
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 1000; i++) {
			snprintf(ref, sizeof ref, "0%09d", 200000000 + i);
			expect_id(&c, &txn, ref, 1);
		}
	assert_int_equal(calls, 1000);
	sd_txn_abort(&txn);

	/* Another snapshot after a commit: resolved again, the new answers. */
	td_expect(SD_OK, sd_store_write(t->d.store, touch, NULL, &err), &err);
	generation = 2;
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	expect_id(&c, &txn, "0200000007", 2);
	expect_id(&c, &txn, "0200000007", 2);
	assert_int_equal(calls, 1001);
	sd_txn_abort(&txn);
	ent_refs_free(&c);
}

static void
test_failure_not_kept(void **state)
{
	struct td *t = *state;
	struct ent_refs c = { 0 };
	uint8_t id[SD_UUID_LEN];
	struct sd_error err;
	struct sd_txn txn;

	calls = 0;
	generation = 1;
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(ent_refs_find(&c, &txn, "missing", id, fake_resolve, &err),
		    SD_INVALID);
		assert_string_equal(err.msg, "no enterprise missing");
	}
	assert_int_equal(calls, 3);
	expect_id(&c, &txn, "De Kroon", 1);
	expect_id(&c, &txn, "De Kroon", 1);
	assert_int_equal(calls, 4);
	sd_txn_abort(&txn);
	ent_refs_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_once_per_snapshot, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_failure_not_kept, td_setup, td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
