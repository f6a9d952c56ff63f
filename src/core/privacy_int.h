/*
 * Personal data inside the core (privacy_*.c): the register's rows with
 * their record definitions, and the run an export or erasure is, which
 * the personal stores' callbacks (sedesk/privacy.h) are given.
 */
#ifndef SEDESK_PRIVACY_INT_H
#define SEDESK_PRIVACY_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "sedesk/case.h"
#include "sedesk/privacy.h"
#include "record.h"
#include "store.h"

struct privacy_reg {
	const struct sd_record_def *def;
	struct sd_privacy_field pub;
};
size_t	privacy_reg_count(void);
const struct privacy_reg *privacy_reg_row(size_t i);
/*
 * Whether a field of def's records is the personal data of the people
 * the desk serves (not the staff's); sole: the enterprise is a sole
 * proprietor's, so its name counts.
 */
bool	privacy_reg_client(const struct sd_record_def *def, const char *field, bool sole);

/* An export or an erasure in progress. */
struct sd_privacy_run {
	struct sd_desk	*d;
	struct sd_txn	*t;		/* read (export) or write (erase) */
	const struct sd_privacy_query *q;
	bool		 erase;
	char		 tomb[64];	/* the tombstone */
	struct sd_privacy_report *out;	/* what was found (export and erase) */
	size_t		 changed;	/* values replaced (erase) */
};

/* Whether text names the person asked for (case-insensitive in ASCII). */
bool	sd_privacy_run_matches(const struct sd_privacy_run *r, const char *text);
/* Lists one item found (copies the strings). */
void	sd_privacy_run_found(struct sd_privacy_run *r, const char *record, const char *ref,
	    const char *field, const char *text, bool exact);
/*
 * The text with every occurrence of the person replaced by the tombstone
 * (malloc'd); NULL when text does not name them.
 */
char	*sd_privacy_run_scrub(struct sd_privacy_run *r, const char *text);

/*
 * The erasure itself (privacy_walk.c), permission asked by the caller:
 * one write transaction that also marks the compaction pending; out (may
 * be NULL) lists what was erased, *changed counts the values.
 */
sd_status privacy_erase_in(struct sd_desk *d, const struct sd_privacy_query *q,
	    struct sd_privacy_report *out, size_t *changed, struct sd_error *err);
/*
 * Retention of one closed case inside write transaction t
 * (privacy_walk.c): its personal fields, routes' answers and journal
 * text replaced with the tombstone (anonymise), or its journal removed
 * too (destroy); the figures stay, the case is marked erased.
 */
sd_status privacy_case_retire(struct sd_desk *d, struct sd_txn *t, struct sd_case_key key,
	    enum sd_retention_action action, size_t *changed, struct sd_error *err);
/* Retention (privacy_retention.c): whether any is configured; how many cases are due (up to max). */
bool	privacy_retention_configured(const struct sd_config *cfg);
size_t	privacy_retention_due_count(struct sd_desk *d, size_t max);
#define PRIVACY_PENDING_KEY	"privacy:compact"

#endif
