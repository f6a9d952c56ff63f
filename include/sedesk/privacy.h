/*
 * Personal data (issue 17, the GDPR): what sedesk holds about people, the
 * data protection officer's register, access (art. 15), erasure that
 * keeps the statistics (art. 17), compaction and retention.
 *
 * Who may: SD_ACT_PRIVACY_READ (role dpo and admin: the register, an
 * export, what retention would do) and SD_ACT_PRIVACY_WRITE (admin only:
 * erase, compact, apply retention), both asked of sd_permit by every
 * function below before it reads anything.
 *
 * HOW A FIELD IS MARKED PERSONAL
 *
 * A field of a record (enterprise, case, route, journal entry, event,
 * attendance, moment, opportunity: sedesk/fields.h) is personal when its
 * row in the record's field table carries SD_FF_PERSONAL.  That flag is
 * the whole rule for export and erasure: an export shows every personal
 * field of the records that name the person, an erasure replaces them
 * with the tombstone.  Its purpose and retention, for the register, are a
 * row of the register table in src/core/privacy_register.c (record kind,
 * field name, purpose, retention); the unit test test_privacy_register
 * fails when a field is flagged without a register row or a row names a
 * field that is not flagged, so adding a personal field is two rows:
 * the field with SD_FF_PERSONAL, and its purpose.  Fields that are not
 * personal (dates, departments, categories, satisfaction, counts) are
 * what erasure keeps, so the reports stay equal.
 *
 * HOW ANOTHER STORE JOINS EXPORT AND ERASURE
 *
 * Data that is not a field-table record (KBO person contacts inside an
 * enterprise's text, the outbox, mail attachments, the access log, …)
 * joins with one row in the table of personal stores,
 * src/core/privacy_stores.c (struct sd_privacy_store below), whose
 * callbacks get the run in progress (struct sd_privacy_run, private to
 * the core: src/core/privacy_int.h gives them its LMDB transaction, the
 * person asked for, what the walk of the records found (the cases,
 * enterprises and moments naming the person; with --enterprise its name
 * and its cases' subjects as they were before the erasure),
 * sd_privacy_run_matches to test a text, sd_privacy_run_found to list an
 * item and sd_privacy_run_scrub to make the tombstoned text; the stores
 * run after the records, in the same transaction):
 *   find   lists every item of the store naming the person (export and
 *          the erasure's own list);
 *   erase  replaces them in the same write transaction as the records
 *          (data.mdb), or, for a store outside data.mdb (a log file),
 *          after that transaction committed (after_commit set), and
 *          writes no erased value anywhere (not in the journal);
 * plus its name, purpose and retention for `sedesk privacy fields`.
 * A store a module keeps in its own LMDB tables erases in place and says
 * so; compaction then removes the old pages (sd_privacy_compact).
 */
#ifndef SEDESK_PRIVACY_H
#define SEDESK_PRIVACY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "desk.h"
#include "case.h"
#include "fields.h"
#include "status.h"

/* --- the register ---------------------------------------------------------------- */

/* One personal field: a record's field flagged SD_FF_PERSONAL, with why and how long. */
struct sd_privacy_field {
	enum sd_record_kind	 kind;
	const char		*record;	/* stable: "enterprise", "case", … */
	const char		*field;		/* the field's stable name */
	const char		*purpose;	/* untranslated (N_()); _() to show */
	const char		*retention;	/* untranslated (N_()) */
	/*
	 * About the staff (an officer's login: who did what, kept for
	 * accountability) rather than the people the desk serves; an
	 * erasure for a person of an enterprise leaves these.
	 */
	bool			 staff;
	/*
	 * Personal only for a sole proprietor (the enterprise is a natural
	 * person): not flagged SD_FF_PERSONAL, erased with --enterprise.
	 */
	bool			 sole_proprietor;
};

/* The register's rows in record order (out of *n); SD_DENIED without PRIVACY_READ. */
sd_status sd_privacy_fields(const struct sd_desk *d, const struct sd_privacy_field **out,
    size_t *n, struct sd_error *err);
/* The row of one field (record is the row's stable record name), or NULL: not personal. */
const struct sd_privacy_field *sd_privacy_field_of(const char *record, const char *field);

/* --- the other personal stores --------------------------------------------------- */

struct sd_privacy_run;		/* an export or erasure in progress (privacy_int.h) */

struct sd_privacy_store {
	const char	*name;		/* stable: "kbo_person_contacts", "outbox", … */
	const char	*label;		/* untranslated (N_()) */
	const char	*purpose;	/* untranslated (N_()) */
	const char	*retention;	/* untranslated (N_()) */
	sd_status	(*find)(struct sd_privacy_run *r, struct sd_error *err);
	sd_status	(*erase)(struct sd_privacy_run *r, struct sd_error *err);
	bool		 after_commit;	/* erase runs after the records' transaction */
};

/* The table of personal stores (privacy_stores.c). */
size_t	sd_privacy_nstores(void);
const struct sd_privacy_store *sd_privacy_store(size_t i);

/* --- access and erasure ---------------------------------------------------------- */

enum sd_privacy_by {
	SD_PRIVACY_PERSON = 1,	/* --person TEXT: a name */
	SD_PRIVACY_EMAIL,	/* --email ADDR */
	SD_PRIVACY_ENTERPRISE,	/* --enterprise NUM: a sole proprietor, all of it */
};

struct sd_privacy_query {
	enum sd_privacy_by by;
	const char	*value;
};

/*
 * One place that names the person.  exact: a structured field holding
 * exactly the name or address (or a record of the enterprise asked
 * for); otherwise free text the search index found, listed for review.
 */
struct sd_privacy_hit {
	char		*record;	/* "enterprise", "case", "journal", "moment", … or a store */
	char		*ref;		/* what people use to find it: a case number, an id */
	char		*field;		/* the field's stable name */
	char		*text;		/* its value as stored */
	bool		 exact;
};

struct sd_privacy_report {
	struct sd_privacy_hit *hits;
	size_t		 nhits;
};
void	sd_privacy_report_free(struct sd_privacy_report *r);

/* Art. 15: every record naming the person (PRIVACY_READ). */
sd_status sd_privacy_export(struct sd_desk *d, const struct sd_privacy_query *q,
    struct sd_privacy_report *out, struct sd_error *err);

/*
 * The tombstone that replaces erased data: "[erased 2026-12-01]" in the
 * desk's language ("[gewist 2026-12-01]"), the day the erasure ran.
 */
void	sd_privacy_tombstone(const struct sd_desk *d, char *buf, size_t size);

/*
 * Art. 17 (PRIVACY_WRITE): replaces every personal value that names the
 * person, in records, journal entries, search terms and the stores
 * above, with the tombstone, in one write transaction; keeps counts,
 * dates, departments, categories and satisfaction; journals the erasure
 * without the erased data.  out (may be NULL): what was erased, as an
 * export lists it; *changed: how many values were replaced.
 * Then compacts (sd_privacy_compact) when no other process has the
 * database open; otherwise marks the compaction pending (*pending).
 */
sd_status sd_privacy_erase(struct sd_desk *d, const struct sd_privacy_query *q,
    struct sd_privacy_report *out, size_t *changed, bool *pending, struct sd_error *err);

/*
 * Rewrites data.mdb as LMDB's compacting copy, so that no old page keeps
 * erased bytes, and clears the lock file's reader table; SD_BUSY when
 * another process has the database open (as restore decides), the
 * compaction then stays pending.  PRIVACY_WRITE.
 */
sd_status sd_privacy_compact(struct sd_desk *d, struct sd_error *err);
/* Whether an erasure left a compaction to do (for the admin's inbox). */
bool	sd_privacy_compact_pending(struct sd_desk *d);

/*
 * The lines of the administrator's inbox about personal data (a
 * compaction pending, closed cases past their retention), translated;
 * none for a role that may not act on them (PRIVACY_WRITE).  Returns how
 * many; free with sd_privacy_inbox_free.
 */
size_t	sd_privacy_inbox(struct sd_desk *d, char ***lines);
void	sd_privacy_inbox_free(char **lines, size_t n);

/* --- retention ------------------------------------------------------------------- */

/* The periods and actions are the configuration's (config.h: struct sd_retention). */
struct sd_retention_due {
	char		 number[SD_CASE_NUMBER_MAX];	/* the case */
	char		*category;	/* NULL: none */
	sd_day		 closed;
	sd_day		 due;		/* closed + the category's period */
	enum sd_retention_action action;
};

struct sd_retention_list {
	struct sd_retention_due *due;
	size_t		 n;
	bool		 applied;	/* done (apply) */
	bool		 pending;	/* applied, the compaction left pending */
};
void	sd_retention_list_free(struct sd_retention_list *l);

/*
 * The closed cases whose retention period has passed today (desk clock),
 * not yet done; with apply (PRIVACY_WRITE) anonymises or destroys them
 * in slices of a hundred cases, each one write transaction, then
 * compacts (or leaves the compaction pending); else only lists
 * (PRIVACY_READ).  Nothing without a retention configured.
 */
sd_status sd_privacy_retention(struct sd_desk *d, bool apply, struct sd_retention_list *out,
    struct sd_error *err);

#endif
