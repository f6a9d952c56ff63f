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
	bool		 erasing;	/* an erasure, its read pass too */
	/*
	 * What the walk found, for the stores (set before they run): the
	 * cases, enterprises and moments that name the person (with
	 * --enterprise every case of it), and with --enterprise the target
	 * and its texts as they were before the erasure changed them (its
	 * name, each case's subject: a store's copies of them are erased by
	 * these words, as the records' are whole).
	 */
	const struct sd_case_key *cases;
	size_t		 ncases;
	const uint8_t	(*ents)[SD_UUID_LEN];
	size_t		 nents;
	const uint8_t	(*moments)[SD_UUID_LEN];
	size_t		 nmoments;
	bool		 has_target;
	uint8_t		 target[SD_UUID_LEN];
	char		*target_name;
	struct privacy_target_case {
		struct sd_case_key key;
		char	*subject;
	} *tcases;
	size_t		 ntcases;
	/*
	 * --person: the addresses the person's mail came from, as the notes
	 * made from it say ("E-mail from NAME <ADDRESS>"), found by the
	 * attachments' read pass (privacy_store_attach.c) before the walk
	 * erased the name, for the write pass; freed by the walk's end.
	 */
	char		**addrs;
	size_t		 naddrs;
};

/*
 * Whether text holds word, compared as search compares (sd_fold: case and
 * accents aside, so "Helene Dubois" finds "HÉLÈNE Dubois"): a person's
 * name is written both ways, and an erasure must find them all.
 */
bool	sd_privacy_text_has(const char *text, const char *word);
/*
 * text with every occurrence of word (compared so) replaced by tomb,
 * whole characters; NULL when it has none, or when tomb itself holds word.
 */
char	*sd_privacy_replace(const char *text, const char *word, const char *tomb);
/* Whether a and b are the same when folded (a name written with or without accents). */
bool	sd_privacy_same(const char *a, const char *b);
/* Whether text names the person asked for (sd_privacy_text_has). */
bool	sd_privacy_run_matches(const struct sd_privacy_run *r, const char *text);
/* Lists one item found (copies the strings). */
void	sd_privacy_run_found(struct sd_privacy_run *r, const char *record, const char *ref,
	    const char *field, const char *text, bool exact);
/*
 * The text with every occurrence of the person replaced by the tombstone
 * (malloc'd); NULL when text does not name them.
 */
char	*sd_privacy_run_scrub(struct sd_privacy_run *r, const char *text);
/* Whether key is one of the cases the walk found (r->cases), or --enterprise's (target). */
bool	sd_privacy_run_has_case(const struct sd_privacy_run *r, struct sd_case_key key,
	    bool target);
/* Frees what the walk set for the stores. */
void	privacy_run_targets_free(struct sd_privacy_run *r);

/* The stores (privacy_store_*.c), rows of privacy_stores.c. */
sd_status privacy_attach_find(struct sd_privacy_run *r, struct sd_error *err);
sd_status privacy_attach_erase(struct sd_privacy_run *r, struct sd_error *err);
sd_status privacy_attach_retire(struct sd_privacy_run *r, struct sd_case_key key,
	    struct sd_error *err);
sd_status privacy_outbox_find(struct sd_privacy_run *r, struct sd_error *err);
sd_status privacy_outbox_erase(struct sd_privacy_run *r, struct sd_error *err);
sd_status privacy_access_find(struct sd_privacy_run *r, struct sd_error *err);

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
