/* Locale and text-domain set-up. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

static int
env_names_language(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		/* "C.UTF-8" picks a character set, not a language. */
		if (v != NULL && *v != '\0' && strcmp(v, "C") != 0 && strcmp(v, "POSIX") != 0 &&
		    strncmp(v, "C.", 2) != 0)
			return 1;
	}
	return 0;
}

void
sd_i18n_init(const char *default_language)
{
	/*
	 * gettext ignores LANGUAGE under the plain "C" locale, so when the
	 * environment says nothing we select C.UTF-8 for messages and name
	 * the configured language through LANGUAGE.
	 */
	if (setlocale(LC_ALL, "") == NULL)
		setlocale(LC_ALL, "C.UTF-8");
	if (default_language != NULL && *default_language != '\0' &&
	    !env_names_language()) {
		setenv("LANGUAGE", default_language, 1);
		/* gettext ignores LANGUAGE under the plain C locale. */
		if (strcmp(setlocale(LC_MESSAGES, NULL), "C") == 0)
			setlocale(LC_ALL, "C.UTF-8");
	}
	bindtextdomain("sedesk", LOCALEDIR);
	bind_textdomain_codeset("sedesk", "UTF-8");
	textdomain("sedesk");
}
