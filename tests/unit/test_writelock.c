/*
 * Unit tests of the writer lock (issue 9, finding 2): a write waits a
 * bounded time for another process's write and then fails naming the
 * holder, changing nothing; readers and a plain check go on; a holder
 * that dies frees the lock at once; many department names route quickly.
 * The holder is a forked child with its own desk.  Fixture: testdesk.h.
 */
#include <sys/wait.h>

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "sedesk/case.h"
#include "sedesk/config.h"
#include "sedesk/ops.h"
#include "sedesk/search.h"
#include "writelock.h"
#include "testdesk.h"

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Forks a child that opens its own desk as login and holds the writer the
 * way a long import does (a batch: sedesk's lock and LMDB's), or only
 * sedesk's lock when lmdb is false; returns once it holds it.  The child
 * waits until killed.
 */
static pid_t
hold_writer(struct td *t, const char *login, bool lmdb)
{
	int ready[2];
	pid_t pid;
	char c;

	struct sd_desk d;

	assert_int_equal(pipe(ready), 0);
	if ((pid = td_fork_desk(t, login, &d)) == 0) {
		struct sd_writelock l;
		struct sd_error err = { 0 };

		close(ready[0]);
		if (lmdb) {
			if (sd_store_batch_begin(d.store, &err) != SD_OK)
				_exit(3);
		} else {
			sd_writelock_init(&l, d.store->path);
			if (sd_writelock_take(&l, 0, login, &err) != SD_OK)
				_exit(3);
		}
		if (write(ready[1], "x", 1) != 1)
			_exit(4);
		for (;;)
			pause();
	}
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	return pid;
}

static void
end_child(pid_t pid)
{
	int status;

	kill(pid, SIGCONT);
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
}

/* A write waits its timeout, then fails naming the holder; nothing changes; reads go on. */
static void
test_busy_names_holder(void **state)
{
	struct td *t = *state;
	struct sd_error err = { 0 };
	struct sd_case_filter f = { 0 };
	struct sd_case_rows rows = { 0 };
	char num[SD_CASE_NUMBER_MAX], pidtext[32];
	uint64_t before;
	double t0, took;
	pid_t pid;

	td_case(t, t->ent, "Vraag over subsidies", NULL, 0, num);
	pid = hold_writer(t, "bram", true);
	/* Stopped, as a hostile user would: LMDB alone would make us wait forever. */
	assert_int_equal(kill(pid, SIGSTOP), 0);
	t->d.store->lock_timeout_ms = 400;
	before = td_fingerprint(t);
	t0 = seconds();
	td_expect_msg(SD_BUSY, sd_case_note(&t->d, num, "een notitie", 0, &err), &err,
	    "bram");
	took = seconds() - t0;
	snprintf(pidtext, sizeof pidtext, "process %ld", (long)pid);
	td_expect_msg(SD_BUSY, err.code, &err, pidtext);
	td_expect_msg(SD_BUSY, err.code, &err, "nothing was changed");
	td_expect_msg(SD_BUSY, err.code, &err, "writing since");
	assert_true(took >= 0.35);
	assert_true(took < 3.0);
	assert_int_equal(td_fingerprint(t), before);

	/* Readers never wait. */
	t0 = seconds();
	td_expect(SD_OK, sd_case_list(&t->d, &f, NULL, 10, &rows, &err), &err);
	assert_int_equal(rows.n, 1);
	sd_case_rows_free(&rows);
	assert_true(seconds() - t0 < 1.0);

	/* Killed, the holder frees the lock (and LMDB its mutex) at once. */
	end_child(pid);
	t0 = seconds();
	td_expect(SD_OK, sd_case_note(&t->d, num, "een notitie", 0, &err), &err);
	assert_true(seconds() - t0 < 2.0);
	assert_true(td_journal_len(t, num) >= 2);
	sd_error_clear(&err);
	{
		size_t problems = 0;
		td_as(t, "root");
		td_expect(SD_OK, sd_check(&t->d, false, NULL, NULL, &problems, &err), &err);
		assert_int_equal(problems, 0);
	}
}

/*
 * Opening a case only reads: its "seen" mark is a bookmark that never
 * waits for another process's write (a stopped writer must not freeze
 * everyone's case screen for lock_timeout); it is simply not set then.
 */
static void
test_seen_mark_does_not_wait(void **state)
{
	struct td *t = *state;
	struct sd_error err = { 0 };
	char num[SD_CASE_NUMBER_MAX];
	double t0, took;
	pid_t pid;

	td_case(t, t->ent, "Vraag over een terras", NULL, 0, num);
	td_as(t, "root");
	td_expect(SD_OK, sd_case_note(&t->d, num, "iets nieuws", 0, &err), &err);
	td_as(t, "ann");
	pid = hold_writer(t, "bram", true);
	assert_int_equal(kill(pid, SIGSTOP), 0);
	t->d.store->lock_timeout_ms = 5000;
	t0 = seconds();
	(void)sd_case_seen(&t->d, num, &err);
	took = seconds() - t0;
	end_child(pid);		/* before asserting: a failure must not leave it stopped */
	assert_true(took < 1.0);
	/* With the writer free, the mark is written. */
	td_expect(SD_OK, sd_case_seen(&t->d, num, &err), &err);
}

/* lock_timeout 0 gives up at once. */
static void
test_timeout_zero(void **state)
{
	struct td *t = *state;
	struct sd_error err = { 0 };
	char num[SD_CASE_NUMBER_MAX];
	double t0;
	pid_t pid;

	td_case(t, t->ent, "Vraag", NULL, 0, num);
	pid = hold_writer(t, "chris", false);
	t->d.store->lock_timeout_ms = 0;
	t0 = seconds();
	td_expect_msg(SD_BUSY, sd_case_note(&t->d, num, "nu", 0, &err), &err, "chris");
	assert_true(seconds() - t0 < 0.3);
	end_child(pid);
}

/* A holder that exits (without letting go) frees the lock: the kernel drops it. */
static void
test_dead_holder_frees(void **state)
{
	struct td *t = *state;
	struct sd_writelock l;
	struct sd_error err = { 0 };
	int status;
	pid_t pid;

	if ((pid = td_fork_desk(t, NULL, NULL)) == 0) {
		sd_writelock_init(&l, t->dir);
		if (sd_writelock_take(&l, 0, "els", NULL) != SD_OK)
			_exit(3);
		sleep(1);
		_exit(0);	/* no release: death must free it */
	}
	usleep(300000);
	sd_writelock_init(&l, t->dir);
	/* Held now: a short wait fails and names the holder. */
	td_expect_msg(SD_BUSY, sd_writelock_take(&l, 50, "ann", &err), &err, "els");
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	td_expect(SD_OK, sd_writelock_take(&l, 0, "ann", &err), &err);
	sd_writelock_close(&l);
}

/* A manager's plain check, and a repair with nothing to repair, run while another process writes. */
static void
test_check_does_not_wait(void **state)
{
	struct td *t = *state;
	struct sd_error err = { 0 };
	char num[SD_CASE_NUMBER_MAX];
	size_t problems = 99;
	double t0;
	pid_t pid;

	td_case(t, t->ent, "Vraag", NULL, 0, num);
	pid = hold_writer(t, "bram", true);
	t->d.store->lock_timeout_ms = 60000;
	td_as(t, "dina");
	/* A check that waited for the writer would hang: let the alarm end it. */
	alarm(20);
	t0 = seconds();
	td_expect(SD_OK, sd_check(&t->d, false, NULL, NULL, &problems, &err), &err);
	alarm(0);
	assert_true(seconds() - t0 < 5.0);
	assert_int_equal(problems, 0);
	/* Nor does an administrator's repair of a sound database. */
	td_as(t, "root");
	problems = 99;
	alarm(20);
	t0 = seconds();
	td_expect(SD_OK, sd_check(&t->d, true, NULL, NULL, &problems, &err), &err);
	alarm(0);
	assert_true(seconds() - t0 < 5.0);
	assert_int_equal(problems, 0);
	end_child(pid);
}

/* 150,000 department names route once each, quickly. */
static void
test_route_many_names(void **state)
{
	struct td *t = *state;
	struct sd_error err = { 0 };
	enum { N = 150000 };
	static const char *names[N];
	static const char *const three[] = { "spa", "eco", "wel" };
	char num[SD_CASE_NUMBER_MAX];
	size_t before;
	double t0;

	td_case(t, t->ent, "Vraag", NULL, 0, num);
	before = td_journal_len(t, num);
	for (size_t i = 0; i < N; i++)
		names[i] = three[i % 3];
	t0 = seconds();
	td_expect(SD_OK, sd_case_route(&t->d, num, names, N, NULL, 0, &err), &err);
	assert_true(seconds() - t0 < 2.0);
	assert_int_equal(td_route_state(t, num, "eco"), SD_ROUTE_PENDING);
	assert_int_equal(td_route_state(t, num, "wel"), SD_ROUTE_PENDING);
	assert_int_equal(td_route_state(t, num, "spa"), SD_ROUTE_PENDING);
	/* Three routings and the status change, no more. */
	assert_int_equal(td_journal_len(t, num), before + 4);

	/* One unknown name among many changes nothing. */
	names[N - 1] = "nope";
	td_case(t, t->ent, "Tweede", NULL, 0, num);
	before = td_journal_len(t, num);
	td_expect_msg(SD_INVALID, sd_case_route(&t->d, num, names, N, NULL, 0, &err), &err,
	    "nope");
	assert_int_equal(td_journal_len(t, num), before);
}

/*
 * reindex commits in slices (others' writes go on between them) and still
 * rebuilds the index exactly; a write of another process during it
 * succeeds, and the result checks clean.
 */
static void
test_reindex_in_slices(void **state)
{
	struct td *t = *state;
	struct sd_error err = { 0 };
	enum { CASES = 2500 };
	char num[SD_CASE_NUMBER_MAX];
	uint64_t before, txn0;
	size_t docs = 0, problems = 99;
	struct sd_desk d;
	int status;
	pid_t pid;

	td_expect(SD_OK, sd_store_batch_begin(t->d.store, &err), &err);
	for (int i = 0; i < CASES; i++) {
		char subject[48];
		snprintf(subject, sizeof subject, "Vraag nummer%d", i);
		td_case(t, t->ent, subject, NULL, 0, num);
	}
	td_expect(SD_OK, sd_store_batch_commit(t->d.store, &err), &err);
	before = td_fingerprint(t);
	txn0 = sd_store_last_txn(t->d.store);
	td_as(t, "root");
	td_expect(SD_OK, sd_reindex(&t->d, &docs, &err), &err);
	assert_int_equal(docs, CASES + 1);
	/* The emptying, then 2,501 documents in chunks of at most 1,000 (reindex.c). */
	assert_true(sd_store_last_txn(t->d.store) - txn0 >= 4);
	assert_true(td_fingerprint(t) == before);

	/* A child adds notes, with a short lock_timeout, while the index is rebuilt. */
	if ((pid = td_fork_desk(t, "ann", &d)) == 0) {
		d.store->lock_timeout_ms = 300;
		for (int i = 0; i < 20; i++) {
			char text[32];
			snprintf(text, sizeof text, "tussendoor %d", i);
			if (sd_case_note(&d, "2026-00001", text, 0, &err) != SD_OK)
				_exit(3);
			usleep(10000);
		}
		sd_desk_close(&d);
		_exit(0);
	}
	td_expect(SD_OK, sd_reindex(&t->d, &docs, &err), &err);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(td_journal_len(t, "2026-00001"), 1 + 20);
	td_as(t, "dina");
	td_expect(SD_OK, sd_check(&t->d, false, NULL, NULL, &problems, &err), &err);
	assert_int_equal(problems, 0);
}

/* Loads the fixture's configuration with line added under [database]. */
static sd_status
load_with(struct td *t, const char *line, struct sd_config *cfg, struct sd_error *err)
{
	char path[128], buf[8192];
	FILE *in, *out;
	size_t n;

	snprintf(path, sizeof path, "%s/lt.ini", t->dir);
	assert_non_null(in = fopen(t->ini, "r"));
	n = fread(buf, 1, sizeof buf - 1, in);
	fclose(in);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "[database]\n"));
	assert_non_null(out = fopen(path, "w"));
	{
		char *at = strstr(buf, "[database]\n") + strlen("[database]\n");
		fwrite(buf, 1, (size_t)(at - buf), out);
		fprintf(out, "%s\n%s", line, at);
	}
	fclose(out);
	memset(cfg, 0, sizeof *cfg);
	return sd_config_load(path, cfg, err);
}

/* [database] lock_timeout: seconds 0..3600, default 10; anything else names file, section, key. */
static void
test_config_lock_timeout(void **state)
{
	struct td *t = *state;
	struct sd_config cfg;
	struct sd_error err = { 0 };
	static const char *const bad[] = { "lock_timeout = soon", "lock_timeout = -1",
	    "lock_timeout = 3601", "lock_timeout = 1.5", "lock_timeout = 99999999999999999999" };

	td_expect(SD_OK, load_with(t, "", &cfg, &err), &err);
	assert_int_equal(cfg.lock_timeout, SD_DEFAULT_LOCK_TIMEOUT);
	sd_config_free(&cfg);
	td_expect(SD_OK, load_with(t, "lock_timeout = 0", &cfg, &err), &err);
	assert_int_equal(cfg.lock_timeout, 0);
	sd_config_free(&cfg);
	td_expect(SD_OK, load_with(t, "lock_timeout = 3600", &cfg, &err), &err);
	assert_int_equal(cfg.lock_timeout, 3600);
	sd_config_free(&cfg);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		td_expect_msg(SD_INVALID, load_with(t, bad[i], &cfg, &err), &err,
		    "lt.ini: [database] lock_timeout: ");
		sd_config_free(&cfg);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_busy_names_holder, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_seen_mark_does_not_wait, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_timeout_zero, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_dead_holder_frees, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_check_does_not_wait, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_route_many_names, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_config_lock_timeout, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_reindex_in_slices, td_setup, td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
