/* Locale and text-domain set-up. */
#include <locale.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sedesk/i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

/*
 * True when sedesk speaks the language of a locale name or a $LANGUAGE
 * entry ("nl_BE.UTF-8", "nl"): English is its own, any other needs its
 * catalogue.
 */
static int
speaks(const char *v, size_t len)
{
	char lang[64], path[sizeof LOCALEDIR + 96];
	size_t n = strcspn(v, "_.@:");

	/* Not a language tag (a path, say): gettext's to judge, not ours. */
	if (memchr(v, '/', len) != NULL)
		return 1;
	if (n > len)
		n = len;
	if (n == 0 || n >= sizeof lang)
		return 0;
	memcpy(lang, v, n);
	lang[n] = '\0';
	if (strcmp(lang, "en") == 0)
		return 1;
	snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/sedesk.mo", LOCALEDIR, lang);
	return access(path, R_OK) == 0;
}

/*
 * True when the environment names a language sedesk speaks.  The locale
 * that chooses messages is the first of LC_ALL, LC_MESSAGES, LANG that
 * is set; LANGUAGE, a list, counts when one of its entries is spoken.  A
 * language without a catalogue (LANG=fr_BE.UTF-8) does not count: the
 * configured language is better than English for someone who reads
 * neither.
 */
static int
env_names_language(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v = getenv("LANGUAGE");

	for (const char *p = v; p != NULL && *p != '\0'; p += strcspn(p, ":"), p += *p == ':') {
		if (speaks(p, strcspn(p, ":")))
			return 1;
	}
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		if ((v = getenv(vars[i])) == NULL || *v == '\0')
			continue;
		/* "C.UTF-8" picks a character set, not a language. */
		if (strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0 || strncmp(v, "C.", 2) == 0)
			return 0;
		return speaks(v, strlen(v));
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
	const char *list = getenv("LANGUAGE");
	int spoken = 0;

	/* A $LANGUAGE of only unspoken languages would hide every other choice. */
	for (const char *p = list; p != NULL && *p != '\0'; p += strcspn(p, ":"), p += *p == ':')
		spoken |= speaks(p, strcspn(p, ":"));
	if (list != NULL && !spoken)
		unsetenv("LANGUAGE");
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
