/*
 * Incoming mail (issue 16): `sedesk mailgate` reads one message on
 * standard input (an MTA's alias pipe), has the helper program
 * sedesk-mailparse describe it in a child without the group, checks the
 * description and turns it into a case or a note in one write
 * transaction, as the login of [mail] gate_user (role gate).
 *
 * What happens to a message:
 *   - an auto-reply or a loop (Auto-Submitted other than "no",
 *     Precedence bulk/junk/list, an X-Autoreply header, a delivery report,
 *     mail from the desk's own address ([mail] from), or a Message-ID of
 *     our own: its left part starts with "sedesk." or "sedesk-") is
 *     dropped: nothing is stored, the reason is said on stderr;
 *   - a subject with the tag of a case that exists ("[sedesk 2026-00123]")
 *     becomes a note on that case: "E-mail from NAME <ADDRESS>:" and the
 *     text; when the sender is neither the enterprise's e-mail address nor
 *     one of its contact persons, the note says so on its first line and
 *     asks the contact point to confirm the sender before relying on it;
 *   - anything else becomes a new case, status new, channel e-mail, owner
 *     the gate's login, its enterprise the one whose address (or, when
 *     only one enterprise has it, whose domain) the sender has, else the
 *     desk's "unknown enterprise" for the contact point to link.
 * Attachments up to [mail] attachment_max are stored with the case (see
 * sd_case_attachments); a larger one is named in a note instead.
 */
#ifndef SEDESK_MAILGATE_H
#define SEDESK_MAILGATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "case.h"
#include "desk.h"
#include "status.h"

/* Exit codes an MTA understands (sysexits.h). */
#define SD_EX_OK		0
#define SD_EX_USAGE		64
#define SD_EX_DATAERR		65
#define SD_EX_NOUSER		67
#define SD_EX_SOFTWARE		70
#define SD_EX_TEMPFAIL		75
#define SD_EX_NOPERM		77
#define SD_EX_CONFIG		78

struct sd_mail_attachment {
	char	*name, *type;
	size_t	 size;
	unsigned char *data;	/* NULL: refused */
	char	*refused;	/* why (the parser's word), or NULL */
};

/* The description sedesk-mailparse gives, checked (sd_mail_decode). */
struct sd_mail {
	char	*from_addr, *from_name;		/* NULL: none */
	char	*subject, *message_id, *in_reply_to;
	char	**refs;
	size_t	 nrefs;
	char	*auto_submitted, *precedence;
	bool	 autoreply;
	char	*text;
	char	*text_source;
	struct sd_mail_attachment *att;
	size_t	 natt;
	long long dropped_parts, dropped_atts, dropped_text, dropped_headers;
	char	*error;				/* "too-large", … or NULL */
};

/*
 * Checks and reads a description (JSON text of len bytes): every string
 * must be valid UTF-8 without control characters (the text may hold
 * newlines and tabs), each within its limit, attachments base64 of their
 * stated size.  SD_INVALID when anything is wrong: the child is not
 * trusted more than the message.
 */
sd_status sd_mail_decode(const char *json, size_t len, size_t attachment_max,
    struct sd_mail *out, struct sd_error *err);
void	sd_mail_free(struct sd_mail *m);

/*
 * Runs sedesk-mailparse on descriptor in (the message), through
 * sd_child_prepare, with the configured limits, and decodes what it
 * prints.  SD_FAIL when the parser failed or took too long.
 */
sd_status sd_mailgate_parse(struct sd_desk *d, int in, struct sd_mail *out,
    struct sd_error *err);

/* Why a message is not turned into a case (NULL: it is). */
const char *sd_mail_drop_reason(const struct sd_config *cfg, const struct sd_mail *m);

enum sd_mailgate_outcome {
	SD_MAILGATE_DROPPED,	/* a loop or an auto-reply: nothing stored */
	SD_MAILGATE_NEW_CASE,
	SD_MAILGATE_NOTE,	/* on a case, from a known sender */
	SD_MAILGATE_NOTE_UNCONFIRMED,	/* on a case, the sender to be confirmed */
	SD_MAILGATE_FOLLOW_UP,	/* a reply to a closed case: a new case that follows it */
};

struct sd_mailgate_result {
	enum sd_mailgate_outcome outcome;
	struct sd_case_key key;
	struct sd_case_key follows;	/* a follow-up: the closed case it follows */
	bool	 enterprise_known;	/* new case: the sender's enterprise was found */
	size_t	 stored, refused;	/* attachments */
	const char *why;		/* dropped: the reason, in words */
};

/* Stores the mail as the gate (d->me, role gate): one write transaction. */
sd_status sd_mailgate_deliver(struct sd_desk *d, const struct sd_mail *m,
    struct sd_mailgate_result *r, struct sd_error *err);

/*
 * Whether the caller (the real uid's login) may run mailgate: one of
 * [mail] gate_unix_users.  SD_DENIED with a message otherwise, and
 * SD_INVALID when no gate is configured.
 */
sd_status sd_mailgate_caller(const struct sd_config *cfg, struct sd_error *err);

/* --- attachments stored with a case ----------------------------------------------- */

struct sd_attachment {
	unsigned no;		/* 1, 2, … in the case */
	char	*name, *type, *from;
	size_t	 size;
	int64_t	 received;
	unsigned char *data;	/* only from sd_case_attachment_get */
	bool	 erased;	/* for a person's privacy: no content, name and sender gone */
};

/* A case's attachments (the caller must see the case), without their content. */
sd_status sd_case_attachments(struct sd_desk *d, const char *number,
    struct sd_attachment **out, size_t *n, struct sd_error *err);
/* One with its content. */
sd_status sd_case_attachment_get(struct sd_desk *d, const char *number, unsigned no,
    struct sd_attachment *out, struct sd_error *err);
/*
 * Writes attachment no of the case to path, opened with the user's rights
 * (sd_user_open: the real group), never over an existing file.
 */
sd_status sd_case_attachment_save(struct sd_desk *d, const char *number, unsigned no,
    const char *path, struct sd_error *err);
void	sd_attachments_free(struct sd_attachment *a, size_t n);
void	sd_attachment_free(struct sd_attachment *a);

#endif
