/*
 * Who is calling.  Identity is the Unix login of the real user: in a
 * shared install sedesk runs setgid to reach the database, and the real
 * ids are the ones the user cannot choose.
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sedesk/config.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

int
sd_privileged(void)
{
	return getuid() != geteuid() || getgid() != getegid();
}

/*
 * $SEDESK_USER lets a test, a demo or an unprivileged single-user install
 * act as another configured officer.  With elevated privileges it is
 * ignored: it would let anyone act as anyone.
 */
sd_status
sd_identity_resolve(const struct sd_config *cfg,
    const struct sd_officer **out, struct sd_error *err)
{
	const struct sd_officer *o;
	const struct passwd *pw;
	const char *login, *from = NULL, *dept;
	char *shown;
	uid_t uid = getuid();

	*out = NULL;
	login = sd_privileged() ? NULL : getenv("SEDESK_USER");
	if (login != NULL && *login != '\0')
		from = "$SEDESK_USER";
	else {
		errno = 0;
		if ((pw = getpwuid(uid)) == NULL)
			return sd_fail(err, SD_FAIL, _("cannot find the login "
			    "of user id %lu: %s; check the system's user "
			    "database"), (unsigned long)uid, errno != 0 ?
			    strerror(errno) : _("no such user"));
		login = pw->pw_name;
	}
	if ((o = sd_config_officer(cfg, login)) != NULL) {
		*out = o;
		return SD_OK;
	}

	/*
	 * The login may come from the environment: show it harmlessly.  The
	 * message tells the person what to ask for and the administrator
	 * what to write, in the file this sedesk reads: a real server's
	 * configuration holds no people until an admin adds them.
	 */
	shown = sd_visible(login, false);
	dept = cfg->ndepartments > 0 ? cfg->departments[0].id : "eco";
	if (from != NULL)
		sd_fail(err, SD_DENIED, _("user %s (from %s) is not an officer "
		    "in %s; an administrator adds the login to that file with "
		    "the lines \"[officer:%s]\", \"role = officer\" (or contact, "
		    "manager, admin) and \"departments = %s\" (the ids of the "
		    "departments the person serves, separated by commas)."),
		    shown, from, cfg->file, shown, dept);
	else
		sd_fail(err, SD_DENIED, _("user %s is not an officer in %s; "
		    "an administrator adds the login to that file with the "
		    "lines \"[officer:%s]\", \"role = officer\" (or contact, "
		    "manager, admin) and \"departments = %s\" (the ids of the "
		    "departments the person serves, separated by commas)."),
		    shown, cfg->file, shown, dept);
	free(shown);
	return SD_DENIED;
}

void
sd_sanitize_env(void)
{
	static const char *const keep[] = {
		"TERM", "TERMINFO", "COLUMNS", "LINES", "LANG", "LANGUAGE", "LC_ALL",
		"LC_MESSAGES", "LC_CTYPE", "LC_COLLATE", "LC_TIME", "LC_NUMERIC", "TZ",
		"HOME", "USER", "LOGNAME", "VISUAL", "EDITOR", "NO_COLOR", "ESCDELAY",
	};
	extern char **environ;
	char **saved;
	size_t n = 0, m = 0;

	if (!sd_privileged())
		return;
	for (char **e = environ; *e != NULL; e++)
		n++;
	saved = calloc(n + 1, sizeof *saved);
	if (saved == NULL)
		abort();
	for (char **e = environ; *e != NULL; e++) {
		for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
			size_t len = strlen(keep[i]);
			if (strncmp(*e, keep[i], len) == 0 && (*e)[len] == '=') {
				saved[m++] = strdup(*e);
				break;
			}
		}
	}
	clearenv();
	for (size_t i = 0; i < m; i++) {
		if (saved[i] != NULL)
			putenv(saved[i]);	/* the strings now belong to the environment */
	}
	free(saved);
	setenv("PATH", "/usr/bin:/bin", 1);
}
