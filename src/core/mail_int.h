/*
 * Outgoing mail inside the core (mailout, issue 16): the notification
 * hook the journal calls, the outbox table, the texts.  The public side
 * (delivery, the outbox list, the digest) is include/sedesk/mail.h.
 *
 * A mail is queued as a whole message description (JSON: from, to,
 * subject, body, Message-ID, References, In-Reply-To, Date) in the same
 * write transaction as the action that causes it, so it exists exactly
 * when the action does; delivery (mail_deliver.c) hands the stored
 * description to sedesk-mailmake after the commit, so a second delivery
 * after a crash sends the same message with the same Message-ID.
 */
#ifndef SEDESK_CORE_MAIL_INT_H
#define SEDESK_CORE_MAIL_INT_H

#include <jansson.h>
#include <stdint.h>

#include "sedesk/case.h"
#include "sedesk/desk.h"
#include "store.h"

/* The kinds of mail, by the journal kind that causes them. */
enum mail_kind {
	MAIL_ROUTED,		/* to the department: a new route */
	MAIL_REMINDED,		/* to the department: a reminder of its route */
	MAIL_ANSWERED,		/* to the owner: a department answered */
	MAIL_DECLINED,		/* to the owner: a department declined */
	MAIL_REOPENED,		/* to the owner: someone reopened the case */
	MAIL_DIGEST,		/* the daily digest */
};

/*
 * What a notification says: only what its reader needs to know which case
 * and what to do (the case's subject, the enterprise's name, the
 * department, who acted, the due day); never a note, an answer's text or a
 * contact person.
 */
struct mail_facts {
	enum mail_kind	 kind;
	const char	*number;	/* "2026-00123" */
	const char	*subject;	/* the case's */
	const char	*enterprise;	/* its name, or NULL */
	const char	*dept;		/* the department's name, or NULL */
	const char	*actor;		/* the name of who did it */
	sd_day		 due;		/* the route's due day, or SD_NO_DAY */
	bool		 to_dept;	/* the reader is (an officer of) the department */
};

/*
 * Builds the subject ("[sedesk 2026-00123] …") and the plain-text body of
 * f in language lang ("nl", "en"; NULL or "": as the process speaks).
 * Both malloc'd.
 */
void	mail_text(const struct mail_facts *f, const char *lang, char **subject, char **body);

/*
 * Runs gettext in language lang until mail_lang_end (nothing when lang is
 * NULL or empty).  Not nested.
 */
void	mail_lang_begin(const char *lang);
/*
 * The language of mail to officer o (NULL: a department's address): the
 * officer's, else the desk's, else English, never the language of the
 * person whose action sends it.
 */
const char *mail_lang_of(const struct sd_desk *d, const struct sd_officer *o);
void	mail_lang_end(void);

/*
 * The hook: journal_case calls it for every case entry it writes, inside
 * the action's transaction; it queues the mail that kind causes (none for
 * most kinds, and none when [mail] from is not set).
 */
sd_status mail_on_case_entry(struct sd_txn *t, const struct sd_desk *d, struct sd_case_key key,
    const char *kind, const char *dept, struct sd_error *err);

/*
 * Queues one message to address to (name may be NULL) in t: msg gets
 * from, to, the Message-ID and Date; thread (may be NULL) is the root id
 * of the case's thread for References and In-Reply-To.  Takes msg.
 */
sd_status outbox_add(struct sd_txn *t, const struct sd_desk *d, const char *to,
    const char *name, const char *kind, const char *number, const char *thread,
    const char *subject, const char *body, struct sd_error *err);

/* The thread root id of a case: "<sedesk-case-UUID@domain>" into out. */
void	mail_thread_id(const struct sd_desk *d, const uint8_t uuid[16], char out[96]);

/* One mail to deliver: its entry and its message description (JSON text). */
struct mail_job {
	uint64_t	 seq;
	char		*msg;
};

/*
 * Takes up to max due mails for delivery in one write transaction: each
 * is held (its next try moved hold seconds on) so that no other process
 * delivers it meanwhile; a holder that dies leaves it due again after
 * hold, and it goes again with the same Message-ID.  *waiting: mails not
 * due yet.
 */
sd_status outbox_claim(struct sd_desk *d, int64_t hold, size_t max, struct mail_job **out,
    size_t *n, unsigned *waiting, struct sd_error *err);
void	mail_jobs_free(struct mail_job *j, size_t n);
/* Whether a mail is due (a read); *waiting: how many are not yet (may be NULL). */
bool	outbox_look(struct sd_desk *d, unsigned *waiting);
/* Marks a held mail sent, or failed with why (tried again after a back-off). */
sd_status outbox_mark(struct sd_desk *d, uint64_t seq, bool sent, const char *why,
    struct sd_error *err);
/* The back-off after the n-th failure: 1 minute, doubling, at most 6 hours. */
int64_t	mail_backoff(unsigned n);

/* Whether this process queued mail since its last delivery (the CLI delivers then). */
extern bool mail_queued;

#endif
