/*
 * Translation: every user-visible string goes through _() (or N_() where it
 * must be a constant, translated later with _()).
 */
#ifndef SEDESK_I18N_H
#define SEDESK_I18N_H

#include <libintl.h>

/* gettext, with a cache of its answers (src/core/gettext_cache.c says why). */
char	*sd_gettext(const char *msgid) __attribute__((format_arg(1)));
#define _(s)	sd_gettext(s)
#define N_(s)	(s)

/*
 * Sets the locale from the environment and binds the "sedesk" text domain.
 * When none of LANGUAGE, LC_ALL, LC_MESSAGES and LANG names a language,
 * default_language (the configuration's, e.g. "nl") is used; NULL or ""
 * means English.  Safe to call twice (the second call applies the default
 * once the configuration is known).
 */
void sd_i18n_init(const char *default_language);

#endif
