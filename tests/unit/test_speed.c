/*
 * The write path's pieces of session 5 (helper "speed"): _()'s cache of
 * translations (src/core/gettext_cache.c) follows every change of
 * language, and a reused buffer gets its own words' translation.
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

#include "sedesk/i18n.h"
#include "testdesk.h"

extern int _nl_msg_cat_cntr;

static void
test_cache_follows_language(void **state)
{
	(void)state;
	if (!td_dutch_available())
		skip();
	setenv("LANGUAGE", "en", 1);
	sd_i18n_init(NULL);
	assert_string_equal(_("new"), "new");
	assert_string_equal(_("new"), "new");	/* now from the cache */
	/* $LANGUAGE set anew (another string), as sd_i18n_init does. */
	setenv("LANGUAGE", "nl", 1);
	sd_i18n_init(NULL);
	assert_string_equal(_("new"), "nieuw");
	assert_string_equal(_("new"), "nieuw");
	/* A switch for a moment that only bumps glibc's counter (the mail's way). */
	setenv("LANGUAGE", "en", 1);
	++_nl_msg_cat_cntr;
	assert_string_equal(_("new"), "new");
	setenv("LANGUAGE", "nl", 1);
	++_nl_msg_cat_cntr;
	assert_string_equal(_("new"), "nieuw");
	setenv("LANGUAGE", "en", 1);
	sd_i18n_init(NULL);
	assert_string_equal(_("new"), "new");
}

static void
test_cache_reused_buffer(void **state)
{
	char buf[32];

	(void)state;
	if (!td_dutch_available())
		skip();
	setenv("LANGUAGE", "nl", 1);
	sd_i18n_init(NULL);
	/* One address, two msgids: each gets its own translation. */
	strcpy(buf, "new");
	assert_string_equal(_(buf), "nieuw");
	strcpy(buf, "no such message");
	assert_string_equal(_(buf), "no such message");
	strcpy(buf, "new");
	assert_string_equal(_(buf), "nieuw");
	setenv("LANGUAGE", "en", 1);
	sd_i18n_init(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cache_follows_language),
		cmocka_unit_test(test_cache_reused_buffer),
	};

	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
