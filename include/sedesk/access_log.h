/*
 * Who looked (issue 17): every time someone opens a case, an enterprise
 * with personal data or a contact moment to read it, one line is appended
 * to the access log; `sedesk privacy log` reads it back for the
 * administrator and the data protection officer.
 *
 * The log is not in the database.  A view is a read: it must never wait
 * for the database's writer lock nor pay for a durable commit, and must
 * never fail because the log could not be written.  So each view appends
 * one short line with one O_APPEND write(2) to a file of the day,
 *
 *   DBDIR/access/YYYY-MM-DD.log     (UTC day; mode 0660, group of the
 *                                    database: 2770 folder, setgid run)
 *
 * which the kernel does without interleaving other processes' lines (one
 * write of a line far below PIPE_BUF to a file opened O_APPEND).  Lines
 * are never fsync'd: a power cut may lose the last seconds of views, never
 * the database, and never make a line half-written in the middle.
 *
 * A failure is counted in DBDIR/access-failures (a record of fixed size
 * rewritten in place: no new disk block is needed, so it is counted even
 * when the disk is full) and shown to the administrator (sedesk inbox, the
 * interface's inbox) until acknowledged (`sedesk privacy log --acknowledge`).
 *
 * Retention: [privacy] access_log_days (default 365).  The process that
 * writes a day's first line (it creates the day's file) removes the files
 * of days older than that; so does `sedesk privacy log`.
 */
#ifndef SEDESK_ACCESS_LOG_H
#define SEDESK_ACCESS_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "case.h"
#include "desk.h"
#include "enterprise.h"
#include "moment.h"

/* From which front end a record was opened. */
enum sd_front {
	SD_FRONT_CLI = 'c',	/* sedesk COMMAND */
	SD_FRONT_TUI = 't',	/* the interface */
};

/* What was opened. */
enum sd_access_kind {
	SD_ACCESS_CASE = 'c',
	SD_ACCESS_ENTERPRISE = 'e',
	SD_ACCESS_MOMENT = 'm',
};

/*
 * Notes that the caller opened a record to read it.  Never fails and never
 * blocks on the database: a failure to write is counted (see above).  An
 * enterprise is noted only when it holds personal data (a non-empty field
 * marked SD_FF_PERSONAL in its field table); a case and a contact moment
 * always (their texts name people).
 */
void	sd_access_case(struct sd_desk *d, const struct sd_case *c, enum sd_front front);
void	sd_access_enterprise(struct sd_desk *d, const struct sd_enterprise *e,
	    enum sd_front front);
void	sd_access_moment(struct sd_desk *d, const struct sd_moment *m, enum sd_front front);

/* Whether an enterprise holds personal data (a non-empty personal field). */
bool	sd_enterprise_has_personal(const struct sd_enterprise *e);

/* One line of the log. */
struct sd_access_entry {
	int64_t		 at;
	char		 login[64];
	enum sd_front	 front;
	enum sd_access_kind kind;
	char		 key[SD_UUID_STR];	/* case number, enterprise or moment id */
	char		 enterprise[SD_UUID_STR];	/* the record's enterprise, "" if none */
};

struct sd_access_entries {
	struct sd_access_entry *items;
	size_t		 n;
	size_t		 bad;	/* lines that could not be read (reported, not shown) */
};

/*
 * Records that name one person (`privacy log --person`): an entry matches
 * when its case is one of cases, its moment one of moments, or its record's
 * enterprise one of ents (the enterprise's contact persons show with it).
 */
struct sd_access_set {
	const struct sd_case_key *cases;
	size_t		 ncases;
	const uint8_t	(*ents)[SD_UUID_LEN];
	size_t		 nents;
	const uint8_t	(*moments)[SD_UUID_LEN];
	size_t		 nmoments;
};

/* Which entries to read: every criterion given narrows (NULL / SD_NO_DAY: any). */
struct sd_access_filter {
	const char	*login;
	sd_day		 from, to;	/* inclusive */
	const struct sd_case_key *case_key;	/* views of this case */
	const uint8_t	*enterprise;	/* views of it, its cases and moments */
	const struct sd_access_set *person;
};

/*
 * Calls fn with each entry that matches, oldest first, without keeping
 * them (a year of a busy desk is millions of lines); fn returns non-zero
 * to stop.  *bad: lines that could not be read.  Asks sd_permit
 * (SD_ACT_PRIVACY_READ) first; applies the retention.  SD_FAIL when the
 * log's folder exists but cannot be read.
 */
sd_status sd_access_each(struct sd_desk *d, const struct sd_access_filter *f,
    int (*fn)(const struct sd_access_entry *e, void *arg), void *arg, size_t *bad,
    struct sd_error *err);
/*
 * The same, collected (for small periods and the tests): reads the entries that match, oldest first.  Asks sd_permit
 * (SD_ACT_PRIVACY_READ) first.  SD_FAIL when the log's folder exists but
 * cannot be read.
 */
sd_status sd_access_read(struct sd_desk *d, const struct sd_access_filter *f,
    struct sd_access_entries *out, struct sd_error *err);
void	sd_access_entries_free(struct sd_access_entries *e);

/* The failures to write the log, for the administrator. */
struct sd_access_health {
	uint64_t	 failures;	/* since the log began */
	uint64_t	 seen;		/* of them acknowledged */
	int64_t		 last;		/* time of the last failure, 0: none */
	int		 last_errno;
};

/* Reads the counter; false when there is none (no failure ever counted). */
bool	sd_access_health(const struct sd_desk *d, struct sd_access_health *h);
/* How many failures the administrator has not yet acknowledged (0 when none or unknown). */
uint64_t sd_access_unseen(const struct sd_desk *d);
/* Marks every failure so far as seen (SD_ACT_PRIVACY_WRITE). */
sd_status sd_access_acknowledge(struct sd_desk *d, struct sd_error *err);

/*
 * Removes the day files older than [privacy] access_log_days before today;
 * *removed: how many (may be NULL).  Done by the writer of a day's first
 * line and by `privacy log`; failures are ignored (tried again tomorrow).
 */
void	sd_access_sweep(struct sd_desk *d, size_t *removed);

#endif
