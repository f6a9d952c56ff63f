/*
 * The per-case cuts of session 6 (helper "caseimp2") keep what they
 * replaced:
 * - _()'s cache (gettext_cache.c) no longer reads $LANGUAGE per call: it
 *   answers what gettext() itself answers through every kind of language
 *   change (a new $LANGUAGE alone, a counter bump, setlocale, i18n_init).
 */
#include <locale.h>
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gettext_cache_is_gettext),
	};

	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
