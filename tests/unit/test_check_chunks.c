/*
 * Unit tests of the chunked check, repair and reindex (check.c, reindex.c,
 * chunk.c): a chunk's budget; the same problems whatever the chunk size,
 * and a repair in one-entry chunks that leaves a clean desk and the
 * records as they were; a reindex that finds a progress record continues
 * after its key instead of emptying the index again.
 * Fixture: testdesk.h (it starts with "Café De Kroon", KBO 0403.170.701).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testdesk.h"
#include "chunk.h"
#include "sedesk/ops.h"
#include "sedesk/search.h"

static void
test_chunk_budget(void **state)
{
	struct sd_chunk ch;

	(void)state;
	setenv("SEDESK_CHUNK_ROWS", "3", 1);
	sd_chunk_start(&ch, 60000);
	assert_false(sd_chunk_full(&ch));
	assert_false(sd_chunk_full(&ch));
	assert_false(sd_chunk_full(&ch));
	assert_true(sd_chunk_full(&ch));
	unsetenv("SEDESK_CHUNK_ROWS");
	/* Out of time at once: still one row, so every chunk moves on. */
	sd_chunk_start(&ch, 0);
	assert_false(sd_chunk_full(&ch));
	assert_true(sd_chunk_full(&ch));
	/* A knob that is not a number is no knob. */
	setenv("SEDESK_CHUNK_ROWS", "many", 1);
	sd_chunk_start(&ch, 60000);
	for (int i = 0; i < 100; i++)
		assert_false(sd_chunk_full(&ch));
	unsetenv("SEDESK_CHUNK_ROWS");
}

struct said {
	char	text[4096];
};

static void
collect(void *arg, const char *what)
{
	struct said *s = arg;
	size_t n = strlen(s->text);

	snprintf(s->text + n, sizeof s->text - n, "%s\n", what);
}

static size_t
run_check(struct td *t, bool repair, struct said *s)
{
	const struct sd_officer *me = t->d.me;
	struct sd_error err = { 0 };
	size_t problems = 0;
	sd_status st;

	memset(s, 0, sizeof *s);
	t->d.me = sd_config_officer(&t->d.cfg, "root");
	st = sd_check(&t->d, repair, collect, s, &problems, &err);
	t->d.me = me;
	td_expect(SD_OK, st, &err);
	return problems;
}

/* Raw damage behind the program's back: n bogus entries, the first n of another index gone. */
static void
damage(struct td *t, int n)
{
	MDB_txn *txn;
	MDB_cursor *cur;
	MDB_val k, v;

	assert_int_equal(mdb_txn_begin(t->d.store->env, NULL, 0, &txn), 0);
	for (int i = 0; i < n; i++) {
		char key[32];
		snprintf(key, sizeof key, "%cbogus%02d", 0, i % 100);
		k = (MDB_val){ 8, key };
		v = (MDB_val){ 1, (void *)"" };
		assert_int_equal(mdb_put(txn, t->d.store->dbi[SD_DB_CASE_BY_STATUS], &k, &v, 0), 0);
	}
	assert_int_equal(mdb_cursor_open(txn, t->d.store->dbi[SD_DB_CASE_BY_ENT], &cur), 0);
	for (int i = 0; i < n; i++) {
		assert_int_equal(mdb_cursor_get(cur, &k, &v, MDB_NEXT), 0);
		assert_int_equal(mdb_cursor_del(cur, 0), 0);
	}
	mdb_cursor_close(cur);
	assert_int_equal(mdb_txn_commit(txn), 0);
}

static void
test_same_verdicts_and_repair_in_chunks(void **state)
{
	struct td *t = *state;
	struct said whole, small, rep, after;
	char num[SD_CASE_NUMBER_MAX];
	uint64_t before;

	for (int i = 0; i < 12; i++)
		td_case(t, t->ent, "Vraag over huisvesting", NULL, SD_PRIORITY_NORMAL, num);
	assert_int_equal(run_check(t, false, &whole), 0);
	damage(t, 5);
	before = td_count(t, SD_DB_CASE);
	assert_int_equal(run_check(t, false, &whole), 2);
	td_str(whole.text, "index case_by_status: 5 entries that no record explains\n"
	    "index case_by_ent: 5 entries missing\n");
	setenv("SEDESK_CHUNK_ROWS", "1", 1);
	assert_int_equal(run_check(t, false, &small), 2);
	td_str(small.text, whole.text);
	/* The repair, one entry a chunk, says what it found and leaves nothing to find. */
	assert_int_equal(run_check(t, true, &rep), 2);
	td_str(rep.text, whole.text);
	unsetenv("SEDESK_CHUNK_ROWS");
	assert_int_equal(run_check(t, false, &after), 0);
	assert_int_equal(td_count(t, SD_DB_CASE), before);
	assert_int_equal(td_count(t, SD_DB_CASE_BY_ENT), 12);
	assert_int_equal(td_count(t, SD_DB_CASE_BY_STATUS), 12);
	{
		/* No progress record is left behind. */
		MDB_txn *txn;
		MDB_val k = { 6, (void *)"repair" }, v;
		assert_int_equal(mdb_txn_begin(t->d.store->env, NULL, MDB_RDONLY, &txn), 0);
		assert_int_equal(mdb_get(txn, t->d.store->dbi[SD_DB_META], &k, &v), MDB_NOTFOUND);
		mdb_txn_abort(txn);
	}
}

static size_t
hits(struct td *t, const char *q)
{
	struct sd_error err = { 0 };
	struct sd_hits h;
	size_t n;

	td_expect(SD_OK, sd_search(&t->d, q, SD_HIT_ANY, 50, &h, &err), &err);
	n = h.n;
	sd_hits_free(&h);
	return n;
}

static void
test_reindex_resumes_after_its_key(void **state)
{
	struct td *t = *state;
	const struct sd_officer *me = t->d.me;
	char id[SD_UUID_STR];
	struct sd_error err = { 0 };
	size_t docs = 0;
	MDB_txn *txn;
	MDB_cursor *cur;
	MDB_val k, v;
	uint8_t rec[12 + SD_UUID_LEN], first[SD_UUID_LEN];
	uint32_t row = 0;
	uint64_t done = 7;

	td_enterprise(t, "Zonnewerf Coöperatie", "0200.068.636", NULL, id);
	assert_int_equal(hits(t, "zonnewerf"), 1);
	/*
	 * As a reindex killed after its first enterprise leaves it: the index
	 * emptied, the progress record naming that enterprise as done.
	 */
	assert_int_equal(mdb_txn_begin(t->d.store->env, NULL, 0, &txn), 0);
	assert_int_equal(mdb_drop(txn, t->d.store->dbi[SD_DB_SEARCH_POST], 0), 0);
	assert_int_equal(mdb_drop(txn, t->d.store->dbi[SD_DB_SEARCH_DOC], 0), 0);
	assert_int_equal(mdb_drop(txn, t->d.store->dbi[SD_DB_SEARCH_DF], 0), 0);
	assert_int_equal(mdb_cursor_open(txn, t->d.store->dbi[SD_DB_ENT], &cur), 0);
	assert_int_equal(mdb_cursor_get(cur, &k, &v, MDB_FIRST), 0);
	assert_int_equal(k.mv_size, SD_UUID_LEN);
	memcpy(first, k.mv_data, SD_UUID_LEN);
	mdb_cursor_close(cur);
	memcpy(rec, &row, 4);
	memcpy(rec + 4, &done, 8);
	memcpy(rec + 12, first, SD_UUID_LEN);
	k = (MDB_val){ 7, (void *)"reindex" };
	v = (MDB_val){ sizeof rec, rec };
	assert_int_equal(mdb_put(txn, t->d.store->dbi[SD_DB_META], &k, &v, 0), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);

	t->d.me = sd_config_officer(&t->d.cfg, "root");
	td_expect(SD_OK, sd_reindex(&t->d, &docs, &err), &err);
	t->d.me = me;
	/* It counted on from 7 and indexed only the enterprise after the first. */
	assert_int_equal(docs, 8);
	assert_int_equal(hits(t, "kroon") + hits(t, "zonnewerf"), 1);
	assert_int_equal(mdb_txn_begin(t->d.store->env, NULL, MDB_RDONLY, &txn), 0);
	assert_int_equal(mdb_get(txn, t->d.store->dbi[SD_DB_META], &k, &v), MDB_NOTFOUND);
	mdb_txn_abort(txn);
	/* A reindex without a progress record starts over: both are found again. */
	t->d.me = sd_config_officer(&t->d.cfg, "root");
	td_expect(SD_OK, sd_reindex(&t->d, &docs, &err), &err);
	t->d.me = me;
	assert_int_equal(docs, 2);
	assert_int_equal(hits(t, "kroon"), 1);
	assert_int_equal(hits(t, "zonnewerf"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chunk_budget),
		cmocka_unit_test_setup_teardown(test_same_verdicts_and_repair_in_chunks, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_reindex_resumes_after_its_key, td_setup,
		    td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
