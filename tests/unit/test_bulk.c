/*
 * Unit tests of the bulk write path (src/core/bulk.h): a job's rows commit
 * in chunks with the job's position in the same commit; a run that stops
 * (killed: its open chunk is undone) is resumed by a rerun of the same job
 * after the last committed row, nothing lost or doubled; a finished job
 * leaves no record; a refused row writes nothing and the job goes on; a
 * failing row undoes only the open chunk; the writer is free between
 * chunks; the job counts as one write against the caller's rate.
 *
 * Each row N of a job adds one to meta key "t:N" (read, then written), so
 * a row applied twice shows as 2.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "bulk.h"
#include "testdesk.h"

#define JOB	"test-job:1"

struct row {
	uint64_t	 n;
	struct sd_bulk	*b;
	bool		 refuse;	/* SD_INVALID, writing nothing */
	bool		 fail;		/* writes, then SD_FAIL */
};

static sd_status
bump(struct sd_txn *t, uint64_t n, struct sd_error *err)
{
	char key[32];
	uint32_t v = 0;
	MDB_val old;
	size_t klen = (size_t)snprintf(key, sizeof key, "t:%llu", (unsigned long long)n);
	sd_status s = sd_db_get(t, SD_DB_META, key, klen, &old, "test", err);

	if (s == SD_OK && old.mv_size == sizeof v)
		memcpy(&v, old.mv_data, sizeof v);
	else if (s != SD_NOTFOUND && s != SD_OK)
		return s;
	v++;
	return sd_db_put(t, SD_DB_META, key, klen, &v, sizeof v, "test", err);
}

static sd_status
apply(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct row *r = arg;
	sd_status s;

	if (r->refuse) {
		r->b->pos.count[1]++;
		return sd_fail(err, SD_INVALID, "row %llu refused", (unsigned long long)r->n);
	}
	if ((s = bump(t, r->n, err)) != SD_OK)
		return s;
	if (r->fail)
		return sd_fail(err, SD_FAIL, "row %llu failed", (unsigned long long)r->n);
	r->b->pos.count[0]++;
	return SD_OK;
}

/* The value of "t:N" (0: absent). */
static uint32_t
times(struct td *t, uint64_t n)
{
	struct sd_txn txn;
	struct sd_error err;
	char key[32];
	MDB_val v;
	uint32_t got = 0;
	size_t klen = (size_t)snprintf(key, sizeof key, "t:%llu", (unsigned long long)n);

	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	if (sd_db_get(&txn, SD_DB_META, key, klen, &v, "test", &err) == SD_OK &&
	    v.mv_size == sizeof got)
		memcpy(&got, v.mv_data, sizeof got);
	sd_txn_abort(&txn);
	return got;
}

static bool
job_recorded(struct td *t, const char *name)
{
	struct sd_txn txn;
	struct sd_error err;
	char key[256];
	MDB_val v;
	bool there;

	snprintf(key, sizeof key, "bulk:%s", name);
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	there = sd_db_get(&txn, SD_DB_META, key, strlen(key), &v, "test", &err) == SD_OK;
	sd_txn_abort(&txn);
	return there;
}

static const struct sd_bulk_limits TEN = { .chunk_ms = 60000, .max_rows = 10 };

/* Runs rows from..to of job (skipping those an earlier run committed). */
static sd_status
run_rows(struct sd_bulk *b, uint64_t from, uint64_t to, uint64_t refuse, uint64_t fail,
    struct sd_error *err)
{
	for (uint64_t n = from; n <= to; n++) {
		struct row r = { n, b, n == refuse, n == fail };
		sd_status s;
		if (n <= b->resume.row)
			continue;
		s = sd_bulk_row(b, apply, &r, n, n * 100, err);
		if (s != SD_OK && s != SD_INVALID)
			return s;
	}
	return SD_OK;
}

/* Killed after 25 rows of chunks of 10: rows 1-20 stay, the rerun does 21-30 once. */
static void
test_resume_after_last_commit(void **state)
{
	struct td *t = *state;
	struct sd_bulk b;
	struct sd_error err;

	td_expect(SD_OK, sd_bulk_begin(&b, t->d.store, JOB, &TEN, &err), &err);
	assert_false(b.resumed);
	td_expect(SD_OK, run_rows(&b, 1, 25, 0, 0, &err), &err);
	assert_int_equal(b.chunks, 2);
	assert_int_equal(b.committed.row, 20);
	/* The process dies: its open chunk (rows 21-25) never commits. */
	sd_bulk_abort(&b);
	assert_int_equal(times(t, 20), 1);
	assert_int_equal(times(t, 21), 0);
	assert_true(job_recorded(t, JOB));

	td_expect(SD_OK, sd_bulk_begin(&b, t->d.store, JOB, &TEN, &err), &err);
	assert_true(b.resumed);
	assert_int_equal(b.resume.row, 20);
	assert_int_equal(b.resume.offset, 2000);
	assert_int_equal(b.pos.count[0], 20);
	td_expect(SD_OK, run_rows(&b, 1, 30, 0, 0, &err), &err);
	td_expect(SD_OK, sd_bulk_finish(&b, &err), &err);
	for (uint64_t n = 1; n <= 30; n++)
		assert_int_equal(times(t, n), 1);
	/* The counters are the whole job's, across both runs. */
	assert_int_equal(b.pos.count[0], 30);
	assert_false(job_recorded(t, JOB));
}

/*
 * Idempotent: a run killed after its last chunk's commit resumes with
 * nothing left to do; a finished job leaves no record, so the same name
 * starts afresh; another name never sees this job's position.
 */
static void
test_idempotent_rerun(void **state)
{
	struct td *t = *state;
	struct sd_bulk b;
	struct sd_error err;
	uint64_t fp;

	td_expect(SD_OK, sd_bulk_begin(&b, t->d.store, JOB, &TEN, &err), &err);
	td_expect(SD_OK, run_rows(&b, 1, 10, 0, 0, &err), &err);
	assert_int_equal(b.committed.row, 10);
	sd_bulk_abort(&b);	/* killed before finish */

	td_expect(SD_OK, sd_bulk_begin(&b, t->d.store, "test-job:other", &TEN, &err), &err);
	assert_false(b.resumed);
	assert_int_equal(b.resume.row, 0);

	td_expect(SD_OK, sd_bulk_begin(&b, t->d.store, JOB, &TEN, &err), &err);
	assert_true(b.resumed);
	fp = td_fingerprint(t);
	td_expect(SD_OK, run_rows(&b, 1, 10, 0, 0, &err), &err);
	assert_int_equal(td_fingerprint(t), fp);	/* every row was committed: none again */
	td_expect(SD_OK, sd_bulk_finish(&b, &err), &err);
	for (uint64_t n = 1; n <= 10; n++)
		assert_int_equal(times(t, n), 1);
	assert_false(job_recorded(t, JOB));

	/* Done: nothing recorded, so an empty job's finish writes nothing either. */
	td_expect(SD_OK, sd_bulk_begin(&b, t->d.store, JOB, &TEN, &err), &err);
	assert_false(b.resumed);
	fp = td_fingerprint(t);
	td_expect(SD_OK, sd_bulk_finish(&b, &err), &err);
	assert_int_equal(td_fingerprint(t), fp);
}

/*
 * A refused row (SD_INVALID) writes nothing and the job goes on; a failing
 * row undoes the open chunk only, and the rerun completes the job.
 */
static void
test_failing_row(void **state)
{
	struct td *t = *state;
	struct sd_bulk b;
	struct sd_error err;

	td_expect(SD_OK, sd_bulk_begin(&b, t->d.store, JOB, &TEN, &err), &err);
	td_expect_msg(SD_FAIL, run_rows(&b, 1, 30, 5, 15, &err), &err, "row 15 failed");
	assert_false(sd_bulk_retry(&b));	/* not a full map */
	assert_int_equal(times(t, 4), 1);
	assert_int_equal(times(t, 5), 0);	/* refused */
	assert_int_equal(times(t, 10), 1);
	assert_int_equal(times(t, 11), 0);	/* its chunk was undone */
	assert_int_equal(times(t, 15), 0);
	assert_int_equal(b.committed.row, 10);
	assert_int_equal(b.committed.count[0], 9);
	assert_int_equal(b.committed.count[1], 1);
	/* The writer is free again. */
	assert_null(b.txn.txn);
	assert_false(t->d.store->wlock.held);

	/* The cause is gone (row 15 works now): the rerun completes. */
	td_expect(SD_OK, sd_bulk_begin(&b, t->d.store, JOB, &TEN, &err), &err);
	assert_int_equal(b.resume.row, 10);
	td_expect(SD_OK, run_rows(&b, 1, 30, 5, 0, &err), &err);
	td_expect(SD_OK, sd_bulk_finish(&b, &err), &err);
	for (uint64_t n = 1; n <= 30; n++)
		assert_int_equal(times(t, n), n == 5 ? 0 : 1);
	assert_int_equal(b.pos.count[0], 29);
	assert_int_equal(b.pos.count[1], 1);
}

/* Between chunks no transaction is open and the writer lock is not held. */
static void
test_writer_released_between_chunks(void **state)
{
	struct td *t = *state;
	struct sd_bulk b;
	struct sd_error err;

	td_expect(SD_OK, sd_bulk_begin(&b, t->d.store, JOB, &TEN, &err), &err);
	td_expect(SD_OK, run_rows(&b, 1, 9, 0, 0, &err), &err);
	assert_non_null(b.txn.txn);
	assert_true(t->d.store->wlock.held);
	td_expect(SD_OK, run_rows(&b, 10, 10, 0, 0, &err), &err);
	assert_null(b.txn.txn);
	assert_false(t->d.store->wlock.held);
	/* Another write gets through between chunks. */
	td_enterprise(t, "Tussendoor", NULL, NULL, NULL);
	td_expect(SD_OK, run_rows(&b, 11, 25, 0, 0, &err), &err);
	td_expect(SD_OK, sd_bulk_finish(&b, &err), &err);
	assert_false(t->d.store->wlock.held);
	assert_int_equal(times(t, 25), 1);
}

static int64_t
fixed_clock(const void *ctx)
{
	(void)ctx;
	return td_time(TD_NOW);
}

/* With a limit of 2 writes a minute, a job of 5 chunks counts once and is never refused. */
static void
test_rate_counts_the_job_once(void **state)
{
	struct td *t = *state;
	struct sd_store *st = t->d.store;
	struct sd_bulk b;
	struct sd_error err;

	st->rate_login = "ann";
	st->rate_limit = 2;
	st->rate_clock = fixed_clock;
	st->rate_ctx = NULL;
	td_expect(SD_OK, sd_bulk_begin(&b, st, JOB, &TEN, &err), &err);
	td_expect(SD_OK, run_rows(&b, 1, 50, 0, 0, &err), &err);
	td_expect(SD_OK, sd_bulk_finish(&b, &err), &err);
	assert_int_equal(b.chunks, 6);	/* five of rows, the last one removes the record */
	/* The caller's second write of the minute is allowed, a third is not. */
	td_expect(SD_OK, sd_bulk_begin(&b, st, "test-job:2", &TEN, &err), &err);
	td_expect(SD_OK, run_rows(&b, 101, 101, 0, 0, &err), &err);
	td_expect(SD_OK, sd_bulk_finish(&b, &err), &err);
	td_expect_msg(SD_DENIED, sd_bulk_begin(&b, st, "test-job:3", &TEN, &err), &err,
	    "too many changes");
}

/*
 * SEDESK_CHUNK_ROWS (chunk.h) caps a job's chunks below its own limits:
 * the tests kill an import between commits, and a heap that reads 0 (a
 * sanitizer) would grow a chunk 64 times at once.
 */
static void
test_chunk_rows_from_environment(void **state)
{
	struct td *t = *state;
	struct sd_bulk b;
	struct sd_error err;
	const struct sd_bulk_limits wide = { .chunk_ms = 60000, .max_rows = 1000 };

	setenv("SEDESK_CHUNK_ROWS", "7", 1);
	td_expect(SD_OK, sd_bulk_begin(&b, t->d.store, JOB, &wide, &err), &err);
	unsetenv("SEDESK_CHUNK_ROWS");
	td_expect(SD_OK, run_rows(&b, 1, 30, 0, 0, &err), &err);
	td_expect(SD_OK, sd_bulk_finish(&b, &err), &err);
	assert_int_equal(b.max_chunk_rows, 7);
	assert_int_equal(b.chunks, 5);	/* 7, 7, 7, 7 and the last 2 with the job's end */
	for (uint64_t n = 1; n <= 30; n++)
		assert_int_equal(times(t, n), 1);
	/* Unset, the job's own limit: the first chunk's 64 rows (START_ROWS) at once. */
	td_expect(SD_OK, sd_bulk_begin(&b, t->d.store, "test-job:wide", &wide, &err), &err);
	td_expect(SD_OK, run_rows(&b, 101, 130, 0, 0, &err), &err);
	td_expect(SD_OK, sd_bulk_finish(&b, &err), &err);
	assert_int_equal(b.max_chunk_rows, 30);
}

/* A file's identity: the same for the same bytes and times, another for other bytes; no pipes. */
static void
test_file_identity(void **state)
{
	struct td *t = *state;
	char path[128], a[96], b2[96];
	struct sd_error err;
	FILE *f;
	int p[2];

	snprintf(path, sizeof path, "%s/in.csv", t->dir);
	f = fopen(path, "w+");
	assert_non_null(f);
	fputs("name\nEen\nTwee\n", f);
	fflush(f);
	td_expect(SD_OK, sd_bulk_file_identity(f, a, sizeof a, &err), &err);
	assert_int_equal(ftello(f), 0);
	td_expect(SD_OK, sd_bulk_file_identity(f, b2, sizeof b2, &err), &err);
	td_str(a, b2);
	fseeko(f, 6, SEEK_SET);
	fputs("X", f);	/* the same size, another byte */
	fflush(f);
	td_expect(SD_OK, sd_bulk_file_identity(f, b2, sizeof b2, &err), &err);
	assert_string_not_equal(a, b2);
	fclose(f);

	assert_int_equal(pipe(p), 0);
	f = fdopen(p[0], "r");
	td_expect(SD_INVALID, sd_bulk_file_identity(f, a, sizeof a, &err), &err);
	fclose(f);
	close(p[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_resume_after_last_commit, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_idempotent_rerun, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_failing_row, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_writer_released_between_chunks, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_rate_counts_the_job_once, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_chunk_rows_from_environment, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_file_identity, td_setup, td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
