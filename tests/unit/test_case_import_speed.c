/*
 * The per-case cuts of session 6 (helper "caseimp2") keep what they
 * replaced:
 * - _()'s cache (gettext_cache.c) no longer reads $LANGUAGE per call: it
 *   answers what gettext() itself answers through every kind of language
 *   change (a new $LANGUAGE alone, a counter bump, setlocale, i18n_init).
 * - case ids are uuid7 from a per-process pool of kernel randomness
 *   (uuid7.c): unique, rising, version 7; and a forked child never hands
 *   out its parent's random bytes.
 */
#include <locale.h>
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

#include "internal.h"
#include "sedesk/i18n.h"

extern int _nl_msg_cat_cntr;

static int
dutch_available(void)
{
	char mo[4096];

	snprintf(mo, sizeof mo, "%s/nl/LC_MESSAGES/sedesk.mo", LOCALEDIR);
	return access(mo, R_OK) == 0;
}

/* _() first (it may fill its cache), then gettext itself: the same words. */
static void
same_as_gettext(void)
{
	static const char *const ids[] = { "new", "routed", "closed", "case", "journal",
	    "no such message at all" };

	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		const char *ours = _(ids[i]);
		assert_string_equal(ours, gettext(ids[i]));
		assert_string_equal(_(ids[i]), ours);	/* and again, from the cache */
	}
}

static void
test_gettext_cache_is_gettext(void **state)
{
	(void)state;
	if (!dutch_available())
		skip();
	setenv("LANGUAGE", "en", 1);
	sd_i18n_init(NULL);
	same_as_gettext();
	assert_string_equal(_("new"), "new");
	/* The sanctioned switch: a new $LANGUAGE and the counter moved. */
	setenv("LANGUAGE", "nl", 1);
	++_nl_msg_cat_cntr;
	same_as_gettext();
	assert_string_equal(_("new"), "nieuw");
	/* $LANGUAGE alone: gettext keeps what it had, and so does _(). */
	setenv("LANGUAGE", "en", 1);
	same_as_gettext();
	unsetenv("LANGUAGE");
	same_as_gettext();
	/* setlocale to the locale in use moves nothing, in either. */
	setenv("LANGUAGE", "en", 1);
	setlocale(LC_MESSAGES, "C.UTF-8");
	same_as_gettext();
	/* sd_i18n_init moves the counter (textdomain, bindtextdomain). */
	setenv("LANGUAGE", "nl", 1);
	sd_i18n_init(NULL);
	same_as_gettext();
	assert_string_equal(_("new"), "nieuw");
	setenv("LANGUAGE", "en", 1);
	sd_i18n_init(NULL);
	same_as_gettext();
	assert_string_equal(_("routed"), "routed");
}

static void
test_uuid7_unique_rising(void **state)
{
	enum { N = 200000 };
	uint8_t (*id)[SD_UUID_LEN] = malloc(N * sizeof *id);

	(void)state;
	assert_non_null(id);
	for (size_t i = 0; i < N; i++)
		sd_uuid7(id[i]);
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(id[i][6] >> 4, 7);		/* version 7 */
		assert_int_equal(id[i][8] >> 6, 2);		/* RFC 4122 variant */
		/* Each above the one before: unique, and the tables take them at their end. */
		if (i > 0)
			assert_true(memcmp(id[i - 1], id[i], SD_UUID_LEN) < 0);
	}
	free(id);
}

/* The random half of an id (bytes 8-15 without the variant and sequence bits). */
static uint64_t
random_half(const uint8_t id[SD_UUID_LEN])
{
	uint64_t v = id[8] & 0x0F;

	for (int i = 9; i < 16; i++)
		v = v << 8 | id[i];
	return v;
}

static void
test_uuid7_fork(void **state)
{
	enum { N = 64 };
	uint64_t mine[N], theirs[N];
	uint8_t id[SD_UUID_LEN];
	int fd[2], status;
	pid_t pid;

	(void)state;
	sd_uuid7(id);		/* the pool is filled before the fork */
	assert_int_equal(pipe(fd), 0);
	if ((pid = fork()) == 0) {
		for (int i = 0; i < N; i++) {
			sd_uuid7(id);
			theirs[i] = random_half(id);
		}
		_exit(write(fd[1], theirs, sizeof theirs) == sizeof theirs ? 0 : 1);
	}
	assert_true(pid > 0);
	close(fd[1]);
	for (int i = 0; i < N; i++) {
		sd_uuid7(id);
		mine[i] = random_half(id);
	}
	assert_int_equal(read(fd[0], theirs, sizeof theirs), (ssize_t)sizeof theirs);
	close(fd[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++)
			assert_true(mine[i] != theirs[j]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gettext_cache_is_gettext),
		cmocka_unit_test(test_uuid7_unique_rising),
		cmocka_unit_test(test_uuid7_fork),
	};

	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
