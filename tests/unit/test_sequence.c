/*
 * Unit tests of case numbers: YYYY-NNNNN, one sequence per year, never
 * reused, and no gaps or duplicates when several processes create cases
 * at the same time.  Fixture: testdesk.h.
 */
#include <sys/wait.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sedesk/case.h"
#include "testdesk.h"

/* Creates a case as the caller and checks it got number want. */
#define new_is(t, subject, want) new_is_at(__FILE__, __LINE__, (t), (subject), (want))
static void
new_is_at(const char *file, int line, struct td *t, const char *subject, const char *want)
{
	char num[SD_CASE_NUMBER_MAX];

	td_case(t, t->ent, subject, NULL, 0, num);
	td_str_at(file, line, num, want);
}

/* The case numbered num exists and has this subject. */
#define subject_is(t, num, want) subject_is_at(__FILE__, __LINE__, (t), (num), (want))
static void
subject_is_at(const char *file, int line, struct td *t, const char *num, const char *want)
{
	struct sd_case_view v;
	char *got;

	td_view(t, num, &v);
	got = v.c.subject;
	v.c.subject = NULL;
	sd_case_view_free(&v);
	if (got == NULL || strcmp(got, want) != 0) {
		print_error("%s:%d: case %s has subject %s, wanted %s\n", file, line, num,
		    got ? got : "NULL", want);
		free(got);
		_fail(file, line);
	}
	free(got);
}

static void
test_sequential(void **state)
{
	struct td *t = *state;
	char want[SD_CASE_NUMBER_MAX], subj[32];

	for (int i = 1; i <= 12; i++) {
		snprintf(want, sizeof want, "2026-%05d", i);
		snprintf(subj, sizeof subj, "Vraag %d", i);
		new_is(t, subj, want);
	}
	for (int i = 1; i <= 12; i++) {
		snprintf(want, sizeof want, "2026-%05d", i);
		snprintf(subj, sizeof subj, "Vraag %d", i);
		subject_is(t, want, subj);
	}
	assert_int_equal(td_count(t, SD_DB_CASE), 12);
}

static void
test_new_year_restarts(void **state)
{
	struct td *t = *state;

	new_is(t, "A", "2026-00001");
	new_is(t, "B", "2026-00002");
	td_at(t, "2026-12-31T23:59:59Z");
	new_is(t, "C", "2026-00003");
	td_at(t, "2027-01-01T00:00:00Z");
	new_is(t, "D", "2027-00001");
	new_is(t, "E", "2027-00002");
	/* A clock set back to the old year continues that year's sequence. */
	td_at(t, "2026-06-01T12:00:00Z");
	new_is(t, "F", "2026-00004");
	td_at(t, "2027-02-01T12:00:00Z");
	new_is(t, "G", "2027-00003");
	td_at(t, "2030-07-01T12:00:00Z");
	new_is(t, "H", "2030-00001");

	subject_is(t, "2026-00001", "A");
	subject_is(t, "2026-00003", "C");
	subject_is(t, "2026-00004", "F");
	subject_is(t, "2027-00001", "D");
	subject_is(t, "2027-00003", "G");
	subject_is(t, "2030-00001", "H");
	assert_int_equal(td_count(t, SD_DB_CASE), 8);
}

/* Numbers survive closing the desk: the sequence is stored, not counted in memory. */
static void
test_sequence_survives_reopen(void **state)
{
	struct td *t = *state;

	new_is(t, "A", "2026-00001");
	new_is(t, "B", "2026-00002");
	td_close_desk(t);
	td_open_desk(t);
	new_is(t, "C", "2026-00003");
	subject_is(t, "2026-00002", "B");
}

/* Refused creations take no number; closing and reopening cases takes none either. */
static void
test_no_gaps_no_reuse(void **state)
{
	struct td *t = *state;
	struct sd_case_input in = { 0 };
	struct sd_case_key k;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX];

	new_is(t, "A", "2026-00001");
	in.enterprise = "0200.065.765";		/* not registered */
	in.subject = "Vraag";
	td_expect(SD_NOTFOUND, sd_case_new(&t->d, &in, &k, &err), &err);
	in.enterprise = t->ent;
	in.subject = "";
	td_expect(SD_INVALID, sd_case_new(&t->d, &in, &k, &err), &err);
	td_as(t, "dina");
	in.subject = "Vraag";
	td_expect(SD_DENIED, sd_case_new(&t->d, &in, &k, &err), &err);
	td_as(t, "ann");
	new_is(t, "B", "2026-00002");

	td_expect(SD_OK, sd_case_close(&t->d, "2026-00002", "Klaar.", 0, 0, &err), &err);
	td_expect(SD_OK, sd_case_reopen(&t->d, "2026-00002", 0, &err), &err);
	new_is(t, "C", "2026-00003");
	subject_is(t, "2026-00002", "B");

	/* The number of the case is its key: the two ways to find it agree. */
	td_case(t, t->ent, "D", NULL, 0, num);
	assert_string_equal(num, "2026-00004");
	subject_is(t, "2026-00004", "D");
	assert_int_equal(td_count(t, SD_DB_CASE), 4);
	assert_int_equal(td_count(t, SD_DB_CASE_BY_UUID), 4);
}

/*
 * A key of a sequence that is taken already is never overwritten
 * (sd_db_put_new): the action fails whole, with the message that names the
 * record and says a sequence is behind, and the earlier write of the same
 * action is undone with it.
 */
static sd_status
put_new_action(struct sd_txn *tx, void *arg, struct sd_error *err)
{
	const char *val = arg;
	sd_status s;

	s = sd_db_put(tx, SD_DB_META, "test:before", 11, val, strlen(val), "test", err);
	if (s == SD_OK)
		s = sd_db_put_new(tx, SD_DB_META, "test:seq", 8, val, strlen(val), "journal",
		    err);
	return s;
}

static void
test_taken_key_refused(void **state)
{
	struct td *t = *state;
	char first[] = "first", second[] = "second";
	struct sd_error err;
	struct sd_txn tx;
	uint64_t before;
	MDB_val v;

	td_expect(SD_OK, sd_store_write(t->d.store, put_new_action, first, &err), &err);
	before = td_fingerprint(t);
	td_expect_msg(SD_FAIL, sd_store_write(t->d.store, put_new_action, second, &err), &err,
	    "journal: a record with this key exists already, so a sequence is behind");
	assert_int_equal(td_fingerprint(t), before);
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &tx, &err), &err);
	td_expect(SD_OK, sd_db_get(&tx, SD_DB_META, "test:seq", 8, &v, "test", &err), &err);
	assert_int_equal(v.mv_size, 5);
	assert_memory_equal(v.mv_data, "first", 5);
	/* An absent key is SD_NOTFOUND and leaves err alone: the caller names it. */
	err.code = SD_OK;
	strcpy(err.msg, "untouched");
	assert_int_equal(sd_db_get(&tx, SD_DB_META, "test:none", 9, &v, "test", &err),
	    SD_NOTFOUND);
	assert_string_equal(err.msg, "untouched");
	sd_txn_abort(&tx);
}

/* --- concurrency -------------------------------------------------------------- */

#define CHILDREN	6
#define PER_CHILD	15

/* In a child: its own desk, M cases, exit status 0 when all went well. */
static void
child(const char *ini, const char *ent, int no, int go_fd)
{
	struct sd_desk_options o = { .config = ini };
	struct sd_desk d;
	struct sd_error err;
	char c;
	int bad = 0;

	/* Wait until every child is there, so that they really run together. */
	if (read(go_fd, &c, 1) < 0)
		_exit(3);
	close(go_fd);
	if (sd_desk_open(&d, &o, &err) != SD_OK) {
		fprintf(stderr, "child %d: %s\n", no, err.msg);
		_exit(2);
	}
	d.fixed_now = td_time(TD_NOW);
	for (int i = 0; i < PER_CHILD; i++) {
		struct sd_case_input in = { 0 };
		struct sd_case_key k;
		char subject[64];

		snprintf(subject, sizeof subject, "child %d case %d", no, i);
		in.enterprise = ent;
		in.subject = subject;
		if (sd_case_new(&d, &in, &k, &err) != SD_OK) {
			fprintf(stderr, "child %d: %s\n", no, err.msg);
			bad = 1;
		}
	}
	sd_desk_close(&d);
	_exit(bad);
}

static void
test_concurrent_writers(void **state)
{
	struct td *t = *state;
	struct sd_case_filter f = { 0 };
	struct sd_case_rows rows;
	struct sd_error err;
	bool seen[CHILDREN][PER_CHILD] = { { false } };
	pid_t pids[CHILDREN];
	int go[2];
	size_t total = CHILDREN * PER_CHILD;

	assert_int_equal(pipe(go), 0);
	/* No LMDB environment may cross a fork: close ours first. */
	setenv("SEDESK_USER", "ann", 1);
	td_close_desk(t);
	fflush(NULL);
	for (int i = 0; i < CHILDREN; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			close(go[1]);
			child(t->ini, t->ent, i, go[0]);
		}
	}
	close(go[0]);
	close(go[1]);		/* end of file: every child starts */
	for (int i = 0; i < CHILDREN; i++) {
		int status = -1;
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	td_open_desk(t);

	/* Exactly N×M cases, numbered 1 … N×M newest first, each subject once. */
	td_expect(SD_OK, sd_case_list(&t->d, &f, NULL, 10000, &rows, &err), &err);
	assert_int_equal(rows.n, total);
	assert_false(rows.more);
	for (size_t i = 0; i < rows.n; i++) {
		const struct sd_case *c = &rows.items[i].c;
		int no = -1, k = -1;

		assert_int_equal(c->key.year, 2026);
		assert_int_equal(c->key.seq, total - i);
		assert_int_equal(sscanf(c->subject, "child %d case %d", &no, &k), 2);
		assert_true(no >= 0 && no < CHILDREN && k >= 0 && k < PER_CHILD);
		assert_false(seen[no][k]);
		seen[no][k] = true;
	}
	sd_case_rows_free(&rows);
	assert_int_equal(td_count(t, SD_DB_CASE), total);
	assert_int_equal(td_count(t, SD_DB_CASE_BY_UUID), total);

	/* Each child's own cases got increasing numbers. */
	{
		char num[SD_CASE_NUMBER_MAX];
		int last[CHILDREN];

		for (int i = 0; i < CHILDREN; i++)
			last[i] = -1;
		for (size_t seq = 1; seq <= total; seq++) {
			struct sd_case_view v;
			int no, k;

			snprintf(num, sizeof num, "2026-%05zu", seq);
			td_view(t, num, &v);
			no = k = -1;
			sscanf(v.c.subject, "child %d case %d", &no, &k);
			sd_case_view_free(&v);
			assert_true(no >= 0 && no < CHILDREN);
			assert_true(k > last[no]);
			last[no] = k;
		}
	}
	/* And the sequence goes on after them. */
	{
		char num[SD_CASE_NUMBER_MAX], want[SD_CASE_NUMBER_MAX];
		td_case(t, t->ent, "Daarna", NULL, 0, num);
		snprintf(want, sizeof want, "2026-%05zu", total + 1);
		assert_string_equal(num, want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sequential, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_new_year_restarts, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_sequence_survives_reopen, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_no_gaps_no_reuse, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_taken_key_refused, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_writers, td_setup, td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
