/*
 * Unit tests of `sedesk case import` in the core (sd_case_import,
 * include/sedesk/import.h): the whole file checked before the first write,
 * --skip-bad, the resume position of its bulk job, and the job's record
 * gone when it completes.  The fixture's enterprise is Café De Kroon
 * (0403.170.701); departments eco, wel, spa.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "bulk.h"
#include "sedesk/import.h"
#include "testdesk.h"

struct seen {
	long	lines[8];
	size_t	n;
};

static void
on_bad(void *arg, long line, const char *why)
{
	struct seen *s = arg;

	assert_non_null(why);
	if (s->n < 8)
		s->lines[s->n++] = line;
}

static FILE *
history(struct td *t, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/history.csv", t->dir);
	f = fopen(path, "w+");
	assert_non_null(f);
	fputs(text, f);
	fflush(f);
	rewind(f);
	return f;
}

static bool
has_case(struct td *t, const char *num)
{
	struct sd_case_view v;
	struct sd_error err;
	bool there;

	td_as(t, "root");
	there = sd_case_get(&t->d, num, &v, &err) == SD_OK;
	if (there)
		sd_case_view_free(&v);
	td_as(t, "ann");
	return there;
}

static size_t
bulk_records(struct td *t)
{
	struct sd_txn txn;
	struct sd_iter it;
	struct sd_error err;
	size_t n = 0;

	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	sd_iter_start(&it, &txn, SD_DB_META, "bulk:", 5, false, NULL, 0);
	/* Jobs still to finish (version 1); a finished one is kept as done (2, bulk.c). */
	while (sd_iter_next(&it)) {
		uint32_t ver = 0;
		if (it.val.mv_size >= sizeof ver)
			memcpy(&ver, it.val.mv_data, sizeof ver);
		n += ver == 1;
	}
	sd_iter_end(&it);
	sd_txn_abort(&txn);
	return n;
}

#define HEAD "created,enterprise,subject,resolution,satisfaction,dept1,answer1\n"

/* One bad line (line 3) among good ones: reported, and nothing written. */
static void
test_checked_whole_first(void **state)
{
	struct td *t = *state;
	struct sd_case_import_result res;
	struct sd_error err;
	struct seen seen = { 0 };
	FILE *f = history(t, HEAD
	    "2019-01-01,0403.170.701,Een,,,eco,Ja\n"
	    "2019-01-02,0403.170.701,Twee,,7,,\n"
	    "2019-01-03,0403.170.701,Drie,Klaar,3,wel,Nee\n"
	    "2019-01-04,0403.170.701,Vier,,,xyz,\n");
	uint64_t fp = td_fingerprint(t);

	td_expect_msg(SD_INVALID, sd_case_import(&t->d, f, "h.csv", SD_CI_CSV, false, on_bad,
	    &seen, &res, &err), &err, "2 lines are invalid");
	assert_int_equal(seen.n, 2);
	assert_int_equal(seen.lines[0], 3);
	assert_int_equal(seen.lines[1], 5);
	assert_int_equal(td_fingerprint(t), fp);
	assert_int_equal(res.imported, 0);

	/* --skip-bad: the two good lines, the two bad ones counted. */
	rewind(f);
	seen.n = 0;
	td_expect(SD_OK, sd_case_import(&t->d, f, "h.csv", SD_CI_CSV, true, on_bad, &seen, &res,
	    &err), &err);
	assert_int_equal(res.imported, 2);
	assert_int_equal(res.skipped, 2);
	assert_int_equal(seen.n, 2);
	assert_true(has_case(t, "2019-00001"));
	assert_true(has_case(t, "2019-00002"));
	assert_false(has_case(t, "2019-00003"));
	assert_int_equal(bulk_records(t), 0);
	fclose(f);
}

/*
 * A job an earlier run left at line 3 (its chunk committed, then killed):
 * the rerun writes only the lines after it and reports the whole job.
 */
static sd_status
nothing(struct sd_txn *t, void *arg, struct sd_error *err)
{
	(void)t;
	(void)err;
	((struct sd_bulk *)arg)->pos.count[0] += 2;	/* two cases imported by then */
	return SD_OK;
}

static void
test_resumes_after_committed_line(void **state)
{
	struct td *t = *state;
	struct sd_case_import_result res;
	struct sd_error err;
	struct sd_bulk b;
	char id[96], job[128];
	FILE *f = history(t, HEAD
	    "2018-01-01,0403.170.701,Een,,,,\n"
	    "2018-01-02,0403.170.701,Twee,,,,\n"
	    "2018-01-03,0403.170.701,Drie,,,,\n"
	    "2018-01-04,0403.170.701,Vier,,,,\n");

	td_expect(SD_OK, sd_bulk_file_identity(f, id, sizeof id, &err), &err);
	snprintf(job, sizeof job, "case-import:%s", id);
	td_expect(SD_OK, sd_bulk_begin(&b, t->d.store, job, NULL, &err), &err);
	td_expect(SD_OK, sd_bulk_row(&b, nothing, &b, 3, 0, &err), &err);
	td_expect(SD_OK, sd_bulk_commit(&b, &err), &err);
	sd_bulk_abort(&b);	/* nothing open: frees the chunk's kept writes and sums */
	assert_int_equal(bulk_records(t), 1);

	td_expect(SD_OK, sd_case_import(&t->d, f, "h.csv", SD_CI_CSV, false, NULL, NULL, &res,
	    &err), &err);
	assert_int_equal(res.resumed_after, 3);
	assert_int_equal(res.imported, 4);	/* the two before, and two now */
	/* Lines 4 and 5 only: the first two numbers of 2018 are theirs. */
	assert_true(has_case(t, "2018-00001"));
	assert_true(has_case(t, "2018-00002"));
	assert_false(has_case(t, "2018-00003"));
	assert_int_equal(bulk_records(t), 0);

	/*
	 * Finished: the same file again is neither resumed nor imported a
	 * second time (its cases would come twice); it says when it was.
	 */
	rewind(f);
	td_expect(SD_OK, sd_case_import(&t->d, f, "h.csv", SD_CI_CSV, false, NULL, NULL, &res,
	    &err), &err);
	assert_int_equal(res.resumed_after, 0);
	assert_true(res.already != 0);
	assert_int_equal(res.imported, 4);
	assert_false(has_case(t, "2018-00003"));
	fclose(f);
}

/* A pipe is refused before anything: it cannot be read twice nor resumed. */
static void
test_pipe_refused(void **state)
{
	struct td *t = *state;
	struct sd_case_import_result res;
	struct sd_error err;
	int p[2];
	FILE *f;

	assert_int_equal(pipe(p), 0);
	f = fdopen(p[0], "r");
	td_expect_msg(SD_INVALID, sd_case_import(&t->d, f, "-", SD_CI_JSONL, false, NULL, NULL,
	    &res, &err), &err, "not a pipe");
	fclose(f);
	close(p[1]);
}

/* An officer may not import. */
static void
test_officer_denied(void **state)
{
	struct td *t = *state;
	struct sd_case_import_result res;
	struct sd_error err;
	FILE *f = history(t, HEAD "2019-01-01,0403.170.701,Een,,,,\n");

	td_as(t, "bram");
	td_expect(SD_DENIED, sd_case_import(&t->d, f, "h.csv", SD_CI_CSV, false, NULL, NULL, &res,
	    &err), &err);
	fclose(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_checked_whole_first, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_resumes_after_committed_line, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_pipe_refused, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_officer_denied, td_setup, td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
