/*
 * Unit tests of the access log (issue 17, who looked; sedesk/access_log.h):
 * what a view writes and reads back; eight processes viewing at once while
 * another holds the writer (sedesk's lock and LMDB's): every entry there,
 * no torn line, no view waits; what a view costs with and without the log
 * (printed, and bounded); the failure counter rewritten in place.
 * Fixture: testdesk.h.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <fcntl.h>
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

#include "sedesk/access_log.h"
#include "sedesk/case.h"
#include "sedesk/config.h"
#include "sedesk/text.h"
#include "testdesk.h"

#define READERS		8
#define VIEWS_EACH	200

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
read_all(struct td *t, const struct sd_access_filter *f, struct sd_access_entries *es)
{
	struct sd_error err = { 0 };
	char login[32];

	/* Read as the administrator; the caller is restored. */
	snprintf(login, sizeof login, "%s", t->login);
	td_as(t, "root");
	td_expect(SD_OK, sd_access_read(&t->d, f, es, &err), &err);
	td_as(t, login);
}

static void
view(struct td *t, const char *num)
{
	struct sd_case_view v;
	struct sd_error err = { 0 };

	td_expect(SD_OK, sd_case_get_page(&t->d, num, 0, &v, &err), &err);
	sd_access_case(&t->d, &v.c, SD_FRONT_CLI);
	sd_case_view_free(&v);
}

/* A view's line: who, when, what, from where; read back by the filters. */
static void
test_lines(void **state)
{
	struct td *t = *state;
	struct sd_access_filter all = { .from = SD_NO_DAY, .to = SD_NO_DAY };
	struct sd_access_filter by = all;
	struct sd_access_entries es;
	struct sd_enterprise e;
	struct sd_error err = { 0 };
	char num[SD_CASE_NUMBER_MAX], plain[SD_UUID_STR];
	struct sd_case_key k;

	td_case(t, t->ent, "Vraag over subsidies", NULL, 0, num);
	td_as(t, "dina");
	view(t, num);
	td_at(t, "2026-03-03T10:11:12Z");
	td_as(t, "root");
	view(t, num);
	/* An enterprise without personal data is not logged; with, it is. */
	td_enterprise(t, "Zonder Personen", NULL, NULL, plain);
	td_expect(SD_OK, sd_enterprise_get(&t->d, plain, &e, &err), &err);
	assert_false(sd_enterprise_has_personal(&e));
	sd_access_enterprise(&t->d, &e, SD_FRONT_TUI);
	free(e.f[SD_EF_EMAIL]);
	e.f[SD_EF_EMAIL] = sd_xstrdup("jan@example.be");
	assert_true(sd_enterprise_has_personal(&e));
	sd_access_enterprise(&t->d, &e, SD_FRONT_TUI);
	sd_enterprise_free(&e);

	read_all(t, &all, &es);
	assert_int_equal(es.n, 3);
	assert_int_equal(es.bad, 0);
	td_str(es.items[0].login, "dina");
	assert_int_equal(es.items[0].at, td_time("2026-03-02T09:00:00Z"));
	assert_int_equal(es.items[0].kind, SD_ACCESS_CASE);
	assert_int_equal(es.items[0].front, SD_FRONT_CLI);
	td_str(es.items[0].key, num);
	td_str(es.items[0].enterprise, t->ent);
	assert_int_equal(es.items[1].at, td_time("2026-03-03T10:11:12Z"));
	assert_int_equal(es.items[2].kind, SD_ACCESS_ENTERPRISE);
	assert_int_equal(es.items[2].front, SD_FRONT_TUI);
	td_str(es.items[2].enterprise, plain);
	sd_access_entries_free(&es);

	by.login = "root";
	read_all(t, &by, &es);
	assert_int_equal(es.n, 2);
	sd_access_entries_free(&es);
	by = all;
	by.from = td_day("2026-03-03");
	read_all(t, &by, &es);
	assert_int_equal(es.n, 2);
	sd_access_entries_free(&es);
	by = all;
	assert_true(sd_case_number_parse(num, &k));
	by.case_key = &k;
	read_all(t, &by, &es);
	assert_int_equal(es.n, 2);
	sd_access_entries_free(&es);

	/* Only admin and dpo read it. */
	td_as(t, "dina");
	td_expect(SD_DENIED, sd_access_read(&t->d, &all, &es, &err), &err);
	td_as(t, "bram");
	td_expect(SD_DENIED, sd_access_read(&t->d, &all, &es, &err), &err);
}

/*
 * Eight processes view at once, 200 views each, while a ninth holds the
 * writer (sedesk's lock and an LMDB write transaction, as an import
 * does): every view returns, none waits for the writer, every entry is
 * there and whole.
 */
static void
test_eight_readers(void **state)
{
	struct td *t = *state;
	struct sd_access_filter all = { .from = SD_NO_DAY, .to = SD_NO_DAY };
	struct sd_access_entries es;
	char num[SD_CASE_NUMBER_MAX];
	pid_t holder, readers[READERS];
	int ready[2], status;
	double t0, took;
	char c;

	td_case(t, t->ent, "Vraag over subsidies", NULL, 0, num);
	assert_int_equal(pipe(ready), 0);
	{
		struct sd_desk d;
		if ((holder = td_fork_desk(t, "root", &d)) == 0) {
			struct sd_error err = { 0 };
			if (sd_store_batch_begin(d.store, &err) != SD_OK)
				_exit(3);
			if (write(ready[1], "x", 1) != 1)
				_exit(4);
			for (;;)
				pause();
		}
	}
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);

	t0 = seconds();
	for (int r = 0; r < READERS; r++) {
		struct sd_desk d;
		static const char *const who[] = { "ann", "dina", "root", "gert" };
		if ((readers[r] = td_fork_desk(t, who[r % 4], &d)) == 0) {
			for (int i = 0; i < VIEWS_EACH; i++) {
				struct sd_case_view v;
				struct sd_error err = { 0 };
				if (sd_case_get_page(&d, num, 0, &v, &err) != SD_OK)
					_exit(5);
				sd_access_case(&d, &v.c, SD_FRONT_TUI);
				sd_case_view_free(&v);
			}
			sd_desk_close(&d);
			_exit(0);
		}
	}
	for (int r = 0; r < READERS; r++) {
		assert_int_equal(waitpid(readers[r], &status, 0), readers[r]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	took = seconds() - t0;
	kill(holder, SIGKILL);
	assert_int_equal(waitpid(holder, &status, 0), holder);
	printf("# %d readers x %d views with the writer held: %.3f s, %.1f us a view\n",
	    READERS, VIEWS_EACH, took, took * 1e6 / (READERS * VIEWS_EACH));
	/* Waiting for the writer would take the lock timeout (10 s) at least. */
	assert_true(took < 8.0);

	read_all(t, &all, &es);
	assert_int_equal(es.n, READERS * VIEWS_EACH);
	assert_int_equal(es.bad, 0);
	for (size_t i = 0; i < es.n; i++) {
		td_str(es.items[i].key, num);
		assert_int_equal(es.items[i].front, SD_FRONT_TUI);
	}
	sd_access_entries_free(&es);
	assert_int_equal(sd_access_unseen(&t->d), 0);
}

/* What the log adds to a view, measured in one process (printed; bounded generously). */
static void
test_cost(void **state)
{
	struct td *t = *state;
	char num[SD_CASE_NUMBER_MAX];
	double t0, bare, logged;
	enum { N = 2000 };

	td_case(t, t->ent, "Vraag over subsidies", NULL, 0, num);
	td_as(t, "dina");
	t0 = seconds();
	for (int i = 0; i < N; i++) {
		struct sd_case_view v;
		struct sd_error err = { 0 };
		td_expect(SD_OK, sd_case_get_page(&t->d, num, 0, &v, &err), &err);
		sd_case_view_free(&v);
	}
	bare = (seconds() - t0) / N;
	t0 = seconds();
	for (int i = 0; i < N; i++)
		view(t, num);
	logged = (seconds() - t0) / N;
	printf("# a case view: %.1f us without the log, %.1f us with it (+%.1f us)\n",
	    bare * 1e6, logged * 1e6, (logged - bare) * 1e6);
	/* One open, write and close: far below a millisecond even on a busy machine. */
	assert_true(logged - bare < 0.001);
}

/*
 * A failure is counted in a record of fixed size: the count goes up, the
 * file keeps its size (no block to allocate on a full disk), and an
 * acknowledgement (the administrator's) clears what is unseen.
 */
static void
test_failure_counted(void **state)
{
	struct td *t = *state;
	struct sd_access_health h;
	struct sd_error err = { 0 };
	char num[SD_CASE_NUMBER_MAX], path[256], moved[256];
	struct stat sb, sb2;

	td_case(t, t->ent, "Vraag over subsidies", NULL, 0, num);
	view(t, num);	/* the day's first line makes the counter */
	snprintf(path, sizeof path, "%s/access-failures", t->d.db_dir);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_size, 128);
	assert_true(sd_access_health(&t->d, &h));
	assert_int_equal(h.failures, 0);

	/* The folder replaced by a file: every view fails to log, none fails. */
	snprintf(path, sizeof path, "%s/access", t->d.db_dir);
	snprintf(moved, sizeof moved, "%s/access.away", t->d.db_dir);
	assert_int_equal(rename(path, moved), 0);
	{
		int fd = open(path, O_WRONLY | O_CREAT, 0600);
		assert_true(fd >= 0);
		close(fd);
	}
	view(t, num);
	view(t, num);
	view(t, num);
	assert_true(sd_access_health(&t->d, &h));
	assert_int_equal(h.failures, 3);
	assert_int_equal(h.seen, 0);
	assert_int_equal(h.last, td_time(TD_NOW));
	assert_int_equal(sd_access_unseen(&t->d), 3);
	snprintf(path, sizeof path, "%s/access-failures", t->d.db_dir);
	assert_int_equal(stat(path, &sb2), 0);
	assert_int_equal(sb2.st_size, 128);

	td_as(t, "dina");
	td_expect(SD_DENIED, sd_access_acknowledge(&t->d, &err), &err);
	td_as(t, "root");
	td_expect(SD_OK, sd_access_acknowledge(&t->d, &err), &err);
	assert_int_equal(sd_access_unseen(&t->d), 0);
	assert_true(sd_access_health(&t->d, &h));
	assert_int_equal(h.failures, 3);
}

/* The retention: the day's first writer removes the days older than access_log_days. */
static void
test_sweep(void **state)
{
	struct td *t = *state;
	char num[SD_CASE_NUMBER_MAX], path[256];
	size_t removed;

	td_case(t, t->ent, "Vraag over subsidies", NULL, 0, num);
	t->d.cfg.access_log_days = 10;
	td_at(t, "2026-03-01T09:00:00Z");
	view(t, num);
	td_at(t, "2026-03-11T09:00:00Z");	/* ten days later: kept */
	view(t, num);
	snprintf(path, sizeof path, "%s/access/2026-03-01.log", t->d.db_dir);
	assert_int_equal(access(path, F_OK), 0);
	td_at(t, "2026-03-12T09:00:00Z");	/* eleven: removed by this day's first view */
	view(t, num);
	assert_int_equal(access(path, F_OK), -1);
	td_at(t, "2026-03-30T09:00:00Z");
	sd_access_sweep(&t->d, &removed);
	assert_int_equal(removed, 2);
}

/*
 * A write cut short by a full disk leaves a piece without its end; the
 * next process's line is appended to it.  The piece is counted as
 * unreadable, the line after it is read; a line of garbage is counted.
 */
static void
test_cut_line(void **state)
{
	struct td *t = *state;
	struct sd_access_filter all = { .from = SD_NO_DAY, .to = SD_NO_DAY };
	struct sd_access_entries es;
	char num[SD_CASE_NUMBER_MAX], path[256];
	FILE *fp;

	td_case(t, t->ent, "Vraag over subsidies", NULL, 0, num);
	view(t, num);	/* makes the folder and the day's file */
	snprintf(path, sizeof path, "%s/access/2026-03-02.log", t->d.db_dir);
	assert_non_null(fp = fopen(path, "a"));
	fprintf(fp, "09:00:01\tdina\tc\tc\t%s\t%s\n", num, t->ent);
	fprintf(fp, "09:00:0");	/* cut short */
	fprintf(fp, "09:00:02\tbram\tt\tc\t%s\t-\n", num);
	fprintf(fp, "no line of the log\n");
	fprintf(fp, "09:00:03\tgert\tc\tx\t%s\t-\n", num);	/* unknown kind */
	fclose(fp);
	read_all(t, &all, &es);
	assert_int_equal(es.n, 3);
	assert_int_equal(es.bad, 3);
	td_str(es.items[1].login, "dina");
	td_str(es.items[2].login, "bram");
	assert_int_equal(es.items[2].at, td_time("2026-03-02T09:00:02Z"));
	assert_int_equal(es.items[2].front, SD_FRONT_TUI);
	td_str(es.items[2].enterprise, "");
	sd_access_entries_free(&es);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lines, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_eight_readers, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_cost, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_failure_counted, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_sweep, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_cut_line, td_setup, td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
