/*
 * Unit tests for what the user names and what sedesk starts
 * (src/core/userfile.c).  The setgid side (the real group in force) is
 * tested on a real install in tests/multiuser/t_hostile_files.sh; here,
 * unprivileged, the checks on what is read and the child's preparation.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "sedesk/text.h"
#include "sedesk/userfile.h"

static char dir[] = "/tmp/sedesk-unit-XXXXXX";

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* dir/name, in a static buffer. */
static const char *
at(const char *name)
{
	static char path[256];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

static void
put(const char *name, const void *data, size_t n)
{
	int fd = open(at(name), O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, n), (ssize_t)n);
	close(fd);
}

static void
test_read_regular(void **state)
{
	struct sd_error err;
	char *text;

	(void)state;
	put("note.txt", "twee regels\ntekst\n", 18);
	assert_int_equal(sd_user_read_file(at("note.txt"), &text, &err), SD_OK);
	assert_string_equal(text, "twee regels\ntekst\n");
	free(text);
	put("empty.txt", "", 0);
	assert_int_equal(sd_user_read_file(at("empty.txt"), &text, &err), SD_OK);
	assert_string_equal(text, "");
	free(text);
}

static void
test_read_missing(void **state)
{
	struct sd_error err;
	char *text = (char *)"untouched";

	(void)state;
	assert_int_equal(sd_user_read_file(at("none.txt"), &text, &err), SD_INVALID);
	assert_null(text);
	assert_non_null(strstr(err.msg, "cannot read"));
	assert_non_null(strstr(err.msg, strerror(ENOENT)));
}

static void
test_read_directory(void **state)
{
	struct sd_error err;
	char *text;

	(void)state;
	assert_int_equal(sd_user_read_file(dir, &text, &err), SD_INVALID);
	assert_null(text);
	assert_non_null(strstr(err.msg, "not a regular file"));
}

static void
test_read_nul(void **state)
{
	struct sd_error err;
	char *text;

	(void)state;
	put("nul.txt", "voor\0na", 7);
	assert_int_equal(sd_user_read_file(at("nul.txt"), &text, &err), SD_INVALID);
	assert_null(text);
	assert_non_null(strstr(err.msg, "NUL byte"));
	/* The message names the file, never what it holds. */
	assert_null(strstr(err.msg, "voor"));
}

/* A FIFO nobody writes to: opening must not hang; it reads as empty. */
static void
test_read_fifo_without_writer(void **state)
{
	struct sd_error err;
	char *text;

	(void)state;
	assert_int_equal(mkfifo(at("fifo"), 0600), 0);
	alarm(10);	/* a hang fails the test instead of stopping the suite */
	assert_int_equal(sd_user_read_file(at("fifo"), &text, &err), SD_OK);
	alarm(0);
	assert_string_equal(text, "");
	free(text);
	unlink(at("fifo"));
}

/* Only the file's own descriptor is used, and it is closed again. */
static void
test_read_leaves_no_descriptor(void **state)
{
	struct sd_error err;
	char *text;
	int before, after;

	(void)state;
	put("fd.txt", "x", 1);
	before = dup(0);
	close(before);
	assert_int_equal(sd_user_read_file(at("fd.txt"), &text, &err), SD_OK);
	free(text);
	assert_int_equal(sd_user_read_file(at("none"), &text, &err), SD_INVALID);
	assert_int_equal(sd_user_read_file(dir, &text, &err), SD_INVALID);
	after = dup(0);
	close(after);
	assert_int_equal(after, before);
}

static void
test_fopen(void **state)
{
	struct sd_error err;
	char line[64];
	FILE *f;

	(void)state;
	put("rows.csv", "name,city\nA,Gent\n", 17);
	assert_int_equal(sd_user_fopen(at("rows.csv"), &f, &err), SD_OK);
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f));
	assert_string_equal(line, "name,city\n");
	assert_true(fcntl(fileno(f), F_GETFD) & FD_CLOEXEC);
	fclose(f);
	assert_int_equal(sd_user_fopen("-", &f, &err), SD_OK);
	assert_ptr_equal(f, stdin);
	assert_int_equal(sd_user_fopen(dir, &f, &err), SD_INVALID);
	assert_null(f);
	assert_non_null(strstr(err.msg, "not a regular file"));
	assert_int_equal(sd_user_fopen(at("none.csv"), &f, &err), SD_INVALID);
	assert_null(f);
}

static void
test_open_cloexec(void **state)
{
	char tmpl[256];
	struct stat st;
	int fd;

	(void)state;
	put("c.txt", "c", 1);
	fd = sd_user_open(at("c.txt"), O_RDONLY, 0);
	assert_true(fd >= 0);
	assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);
	snprintf(tmpl, sizeof tmpl, "%s/tmp-XXXXXX", dir);
	fd = sd_user_mkstemp(tmpl);
	assert_true(fd >= 0);
	assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	close(fd);
	unlink(tmpl);
}

static void
test_at_functions(void **state)
{
	struct stat st;
	int dfd, fd;

	(void)state;
	dfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	assert_true(dfd >= 0);
	fd = sd_user_openat(dfd, "new.tmp", O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
	assert_true(fd >= 0);
	assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);
	/* Exclusive: a second create fails, and so does one through a symlink. */
	assert_int_equal(sd_user_openat(dfd, "new.tmp", O_WRONLY | O_CREAT | O_EXCL, 0600), -1);
	assert_int_equal(errno, EEXIST);
	assert_int_equal(symlinkat("new.tmp", dfd, "link"), 0);
	assert_int_equal(sd_user_openat(dfd, "link", O_RDONLY | O_NOFOLLOW, 0), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(sd_user_renameat(dfd, "new.tmp", "final"), 0);
	assert_int_equal(stat(at("final"), &st), 0);
	assert_int_equal(stat(at("new.tmp"), &st), -1);
	assert_int_equal(sd_user_unlinkat(dfd, "final"), 0);
	assert_int_equal(sd_user_unlinkat(dfd, "link"), 0);
	assert_int_equal(sd_user_unlinkat(dfd, "final"), -1);
	assert_int_equal(errno, ENOENT);
	close(dfd);
}

/*
 * In a forked child, as before exec: descriptors above 2 are closed (the
 * ones without close-on-exec too, as LMDB's data descriptor was), the
 * caller's umask is back and the group ids are all the real one.  The
 * child answers in its exit status (it cannot write: its pipe is closed).
 */
static void
test_child_prepare(void **state)
{
	int status, fd, high;
	pid_t pid;

	(void)state;
	umask(027);
	sd_umask_init();	/* unprivileged here: the umask stays the caller's */
	assert_int_equal(sd_caller_umask(), 027);
	umask(007);		/* what a setgid sedesk runs with */
	fd = open(at("."), O_RDONLY);
	assert_true(fd > 2);
	high = fcntl(fd, F_DUPFD, 100);
	assert_true(high >= 100);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int bits = 0;
		gid_t r, e, s;

		if (sd_child_prepare() != 0)
			_exit(64);
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			bits |= 1;
		if (fcntl(high, F_GETFD) != -1 || errno != EBADF)
			bits |= 2;
		if (umask(0) != 027)
			bits |= 4;
		if (getresgid(&r, &e, &s) != 0 || r != getgid() || e != r || s != r)
			bits |= 8;
		if (fcntl(2, F_GETFD) == -1)
			bits |= 16;	/* standard error must stay */
		_exit(bits);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	/* The parent keeps its descriptors and its umask. */
	assert_true(fcntl(fd, F_GETFD) != -1);
	assert_int_equal(umask(007), 007);
	close(fd);
	close(high);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_regular),
		cmocka_unit_test(test_read_missing),
		cmocka_unit_test(test_read_directory),
		cmocka_unit_test(test_read_nul),
		cmocka_unit_test(test_read_fifo_without_writer),
		cmocka_unit_test(test_read_leaves_no_descriptor),
		cmocka_unit_test(test_fopen),
		cmocka_unit_test(test_open_cloexec),
		cmocka_unit_test(test_at_functions),
		cmocka_unit_test(test_child_prepare),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
