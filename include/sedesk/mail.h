/*
 * Outgoing mail (issue 16, mailout): the outbox, its delivery and the
 * daily digest.
 *
 * Mail is queued in the database in the same write transaction as the
 * action that causes it (src/core/mail_queue.c) and delivered after the
 * commit by sedesk-mailmake, a helper program (GMime builds the MIME
 * message; it hands it to [mail] sendmail), run without the group and
 * without any descriptor of the database.  Delivery is at least once: a
 * mail handed over but not yet marked sent when the process died goes
 * again, with the same Message-ID.
 *
 * Where delivery runs, and why:
 *   - the CLI: after a command that queued mail, before it exits (the
 *     command's output is already written; the mails are few and the
 *     local sendmail only queues them; a time limit bounds the wait);
 *   - the interface: never in its own loop, which would stop the keys;
 *     it starts `sedesk outbox --deliver` as a child in the background
 *     when it has queued mail and, each minute, when mail is due;
 *   - cron: `sedesk outbox --deliver` retries what failed, at its time.
 */
#ifndef SEDESK_MAIL_H
#define SEDESK_MAIL_H

#include <stdbool.h>
#include <stdint.h>

#include "sedesk/desk.h"
#include "sedesk/status.h"

enum sd_outbox_state {
	SD_OUTBOX_PENDING,	/* not yet tried */
	SD_OUTBOX_FAILING,	/* tried and failed; tried again at next */
	SD_OUTBOX_SENT,		/* handed to sendmail */
};

struct sd_outbox_entry {
	uint64_t	 seq;
	enum sd_outbox_state state;
	char		*to;		/* the address */
	char		*kind;		/* routed, answered, …, digest */
	char		*number;	/* the case, or "" */
	char		*subject;
	char		*message_id;
	int64_t		 created, next, sent;
	unsigned	 tries;
	char		*error;		/* the last failure, or NULL */
};

/* Entries, oldest first: those not sent, and with all also the sent ones. */
sd_status sd_outbox_list(struct sd_desk *d, bool all, struct sd_outbox_entry **out,
    size_t *n, struct sd_error *err);
void	sd_outbox_entries_free(struct sd_outbox_entry *e, size_t n);
const char *sd_outbox_state_name(enum sd_outbox_state s);	/* "pending", … */
const char *sd_outbox_state_label(enum sd_outbox_state s);	/* translated */

/* Whether a mail is due for delivery now (a read; false on error). */
bool	sd_outbox_due(struct sd_desk *d);

/* How many mails are failing now (the admin's mark in the interface); 0 on error. */
unsigned sd_outbox_failing(struct sd_desk *d);

struct sd_mail_result {
	unsigned	 sent, failed;	/* this run */
	unsigned	 waiting;	/* left for later (not due yet, or out of time) */
};

/*
 * Delivers the due mails, for at most budget_s seconds (0: no limit but
 * each mail's [mail] timeout).  SD_OK also when some failed: r says how
 * many; they are retried later at growing intervals.
 */
sd_status sd_mail_deliver(struct sd_desk *d, unsigned budget_s, struct sd_mail_result *r,
    struct sd_error *err);

/* Whether this process queued mail that it has not tried to deliver yet. */
bool	sd_mail_queued(void);
/* Forgets it: another process (the interface's child) delivers it. */
void	sd_mail_queued_reset(void);

/*
 * The daily digest: each department its open and overdue routes, each
 * owner the cases waiting for them, each officer their moments and
 * follow-ups due today; a recipient who had today's digest gets none
 * again.  *queued: how many digests were queued (then delivered by the
 * caller).
 */
sd_status sd_mail_digest(struct sd_desk *d, unsigned *queued, struct sd_error *err);

#endif
