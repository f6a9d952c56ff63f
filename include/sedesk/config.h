/*
 * The configuration (sedesk.ini, read with iniparser) and the caller's
 * identity.
 *
 * Layout of the file (iniparser lower-cases section names and keys, so ids
 * are lower case; values keep their case):
 *
 *   [database]      path = DIR          (relative paths: to the file's folder)
 *                   mapsize = 1G        (bytes, or with K/M/G suffix)
 *                   lock_timeout = 10   (seconds a write waits for another's)
 *   [general]       language = nl       service_days = 10
 *                   holidays = 2026-01-01, 2026-04-06, …
 *   [department:ID] name, email, service_days
 *   [officer:LOGIN] name, role (contact|officer|manager|admin|dpo|gate),
 *                   departments = ID, ID   (required for role officer)
 *   [category:ID]   name, service_days
 *   [rule:NAME]     category = ID (optional), keywords = w, w (optional),
 *                   departments = ID, ID
 *   [mail]          gate_user = LOGIN (role gate), gate_unix_users = USER, …
 *                   attachment_max = 10M, message_max = 25M  (sedesk mailgate)
 *   [profile]       kinds = CODE[: Label], …   recognitions = CODE[: Label], …
 *   [mail]          from = ADDRESS (mail is sent only when set), sendmail =
 *                   COMMAND, timeout = SECONDS (mailout: mail.h)
 *   [officer:LOGIN] also email, language (nl|en), mail = each|digest|none
 *                   (absent: the built-in lists of profile.h)
 */
#ifndef SEDESK_CONFIG_H
#define SEDESK_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "status.h"

enum sd_role {
	SD_ROLE_NONE = 0,
	SD_ROLE_CONTACT,
	SD_ROLE_OFFICER,
	SD_ROLE_MANAGER,
	SD_ROLE_ADMIN,
	/* Privacy (privacy.h): the data protection officer reads what is personal. */
	SD_ROLE_DPO,
	/* Incoming mail (sedesk mailgate): creates cases and adds notes, nothing else. */
	SD_ROLE_GATE,
};

struct sd_department {
	char	*id;		/* e.g. "eco" */
	char	*name;		/* display name */
	char	*email;
	int	 service_days;	/* working days to answer a route */
};

/* What mail an officer wants ([officer:LOGIN] mail; mailout). */
enum sd_mail_pref {
	SD_MAIL_EACH = 0,	/* each notification as it happens (default with an email) */
	SD_MAIL_DIGEST,		/* only the daily digest */
	SD_MAIL_NONE,		/* nothing */
};

struct sd_officer {
	char	*login;
	char	*name;
	enum sd_role role;
	char	**departments;	/* ids; for role officer at least one */
	size_t	 ndepartments;
	/* Mail (mailout): the address (NULL: none), its language (NULL: the desk's). */
	char	*email;
	char	*language;
	enum sd_mail_pref mail;
};

/*
 * Retention of personal data (privacy.h): how long after a case closes
 * its personal data is kept, and what happens then.  n 0: kept (no
 * retention configured).
 */
enum sd_retention_action {
	SD_RETAIN_ANONYMISE = 1,	/* erase the personal data, keep the figures */
	SD_RETAIN_DESTROY,		/* also the journal: a stub of the figures stays */
};
struct sd_retention {
	int	 n;		/* 0: none */
	char	 unit;		/* 'y', 'm' or 'd' */
	enum sd_retention_action action;
};

struct sd_category {
	char	*id;
	char	*name;
	int	 service_days;
	struct sd_retention retention;	/* [category:ID] retention, else [privacy]'s */
};

struct sd_rule {
	char	*name;
	char	*category;	/* NULL: any category */
	char	**keywords;	/* folded (sd_fold) words; may be empty */
	size_t	 nkeywords;
	char	**departments;
	size_t	 ndepartments;
};

/* A code of a configured list ([profile] kinds): name NULL: the built-in label. */
struct sd_code {
	char	*id;
	char	*name;
};

struct sd_config {
	char	*file;		/* the file it was read from */
	char	*db_path;	/* absolute or relative to the cwd */
	size_t	 mapsize;	/* bytes */
	unsigned lock_timeout;	/* seconds a write waits for the writer lock */
	char	*language;	/* "" when unset */
	int	 service_days;	/* default for cases without a category */
	sd_day	*holidays;	/* sorted ascending */
	size_t	 nholidays;
	struct sd_department *departments;
	size_t	 ndepartments;
	struct sd_officer *officers;
	size_t	 nofficers;
	struct sd_category *categories;
	size_t	 ncategories;
	struct sd_rule *rules;
	size_t	 nrules;
	/* [limits]: changes one login may make a minute; 0: no limit (admins: none). */
	unsigned writes_per_minute;
	/* [profile]: the kinds and recognitions offered; 0 of them: the built-in lists. */
	struct sd_code *kinds;
	size_t	 nkinds;
	struct sd_code *recognitions;
	size_t	 nrecognitions;
	/* [procurement]: the CSR criteria offered (0: the built-in ones), the municipality. */
	struct sd_code *criteria;
	size_t	 ncriteria;
	char	*municipality;	/* NULL: not set */
	/* [privacy] retention, retention_action: for cases of no category or none of their own. */
	struct sd_retention retention;
	/* [privacy] access_log_days (accesslog): days the access log keeps. */
	unsigned access_log_days;
	/*
	 * [mail], incoming (sedesk mailgate): the login mail arrives as (an
	 * officer of role gate; NULL: no mail gate), the Unix users allowed
	 * to run mailgate (the MTA's), the largest attachment stored and the
	 * largest message read, in bytes.
	 */
	char	*gate_user;
	char	**gate_unix_users;
	size_t	 ngate_unix_users;
	size_t	 attachment_max;
	size_t	 message_max;
	/* [mail] (mailout): outgoing mail; mail_from NULL: no mail is queued. */
	char	*mail_from;
	char	*mail_sendmail;	/* the command, never NULL after loading */
	unsigned mail_timeout;	/* seconds one delivery may take */
};

#define SD_DEFAULT_SENDMAIL	"/usr/sbin/sendmail -t -i"
#define SD_DEFAULT_MAIL_TIMEOUT	30

#define SD_DEFAULT_MAPSIZE	((size_t)1 << 30)
#define SD_DEFAULT_SERVICE_DAYS	10
/* [limits] writes_per_minute unset in a shared (setgid) install; 0 otherwise. */
#define SD_DEFAULT_WRITES_PER_MINUTE	120
#define SD_MAX_WRITES_PER_MINUTE	1000
/* [privacy] access_log_days (sedesk/access_log.h). */
#define SD_DEFAULT_ACCESS_LOG_DAYS	365
#define SD_MAX_ACCESS_LOG_DAYS		3650
/* [mail] attachment_max and message_max unset; the largest either may be. */
#define SD_DEFAULT_ATTACHMENT_MAX	((size_t)10 << 20)
#define SD_DEFAULT_MESSAGE_MAX		((size_t)25 << 20)
#define SD_MAX_MESSAGE_MAX		((size_t)64 << 20)

/*
 * Finds the configuration file: explicit (from -c) if given, else
 * $SEDESK_CONFIG, $XDG_CONFIG_HOME/sedesk/sedesk.ini (or
 * ~/.config/sedesk/sedesk.ini), /etc/sedesk/sedesk.ini.  When privileged
 * (sd_privileged()), only /etc/sedesk/sedesk.ini is considered.  Returns a
 * malloc'd path, or NULL with SD_INVALID and a message listing where it
 * looked.
 */
char	*sd_config_locate(const char *explicit, struct sd_error *err);

/*
 * Loads and validates file into cfg (zeroed by the caller).  Every problem
 * is reported as "FILE: [section] key: what is wrong" with SD_INVALID.
 */
sd_status sd_config_load(const char *file, struct sd_config *cfg, struct sd_error *err);
void	sd_config_free(struct sd_config *cfg);

/*
 * Only the [general] language of file (malloc'd; NULL when none or the
 * file cannot be read), so that messages before and while the whole file
 * is loaded are already in it.
 */
char	*sd_config_language(const char *file);

const struct sd_department *sd_config_department(const struct sd_config *cfg, const char *id);
const struct sd_officer *sd_config_officer(const struct sd_config *cfg, const char *login);
const struct sd_category *sd_config_category(const struct sd_config *cfg, const char *id);

const char *sd_role_name(enum sd_role role);		/* "contact", … (not translated) */
const char *sd_role_label(enum sd_role role);		/* translated, for people */
enum sd_role sd_role_parse(const char *s);		/* SD_ROLE_NONE if unknown */

/* True when the officer serves department id. */
int	sd_officer_serves(const struct sd_officer *o, const char *dept);

/* True when real and effective user or group ids differ (setuid/setgid run). */
int	sd_privileged(void);

/*
 * When privileged, keeps only the environment variables a terminal program
 * needs (terminal, language, editor, colours) and drops the rest, so that
 * nothing the caller set steers the program or what it starts.
 */
void	sd_sanitize_env(void);

/*
 * Resolves the caller: the login of the real uid, or $SEDESK_USER when not
 * privileged.  Fails with SD_DENIED when the login is not configured.
 */
sd_status sd_identity_resolve(const struct sd_config *cfg,
    const struct sd_officer **out, struct sd_error *err);

#endif
