/*
 * sedesk-mailparse: one raw message in, a bounded and simple description
 * out (issue 16, incoming mail).  The parsing is a function of its own
 * (mp_parse) so that the fuzz target (tests/fuzz/fuzz_mail.c) and the unit
 * tests run exactly what the program runs.
 *
 * The description is a JSON object:
 *   from            { "address": "a@b.be", "name": "Ann" }   (absent: none)
 *   subject, message_id, in_reply_to, auto_submitted, precedence
 *                   strings (absent: none); the ids without < >
 *   references      [ ids ]
 *   autoreply       true when an X-Autoreply/X-Autorespond header is there
 *   text            the message's text: its plain part, else its HTML part
 *                   reduced to text, UTF-8, at most text_max bytes
 *   text_source     "plain", "html" or "none"
 *   attachments     [ { name, type, size, data (base64) } ]: data absent
 *                   and "refused": "too-large" when over attachment_max
 *   dropped         { parts, attachments, text_bytes, headers }: what the
 *                   limits left out
 *   error           "too-large" | "too-complex" | "malformed" (absent: none)
 * Every string is valid UTF-8 without control characters or escape
 * sequences (text and subject: see mp_clean); nothing from the message
 * can drive a terminal.
 */
#ifndef SEDESK_MAILPARSE_H
#define SEDESK_MAILPARSE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

struct mp_limits {
	size_t	message_max;	/* bytes of the raw message */
	size_t	attachment_max;	/* bytes of one attachment's content */
	size_t	attachments_max; /* bytes of all attachments together */
	size_t	text_max;	/* bytes of the text */
	size_t	parts_max;	/* MIME parts walked */
	size_t	depth_max;	/* nesting of multiparts */
	size_t	nattach_max;	/* number of attachments */
};

/* The defaults of sedesk-mailparse (the caller passes the configured ones). */
#define MP_MESSAGE_MAX		(25u << 20)
#define MP_ATTACHMENT_MAX	(10u << 20)
#define MP_TEXT_MAX		20000u
#define MP_PARTS_MAX		200u
#define MP_DEPTH_MAX		8u
#define MP_NATTACH_MAX		20u
#define MP_FIELD_MAX		998u	/* one header line (RFC 5322) */

void	mp_limits_default(struct mp_limits *lim);

/*
 * Parses the raw message data[0..len) (any bytes) within lim; returns the
 * description (never NULL; one with "error" when the message is too large,
 * too complex or not a message at all).  GMime must be initialised
 * (g_mime_init) first.
 */
json_t	*mp_parse(const char *data, size_t len, const struct mp_limits *lim);

/*
 * Cleans text from a message: invalid UTF-8 becomes U+FFFD, CR LF and CR
 * become LF, escape sequences (ESC [ … final, ESC ] … BEL/ST, ESC x), C0
 * and C1 controls, DEL and Unicode format characters that reorder text
 * (bidi overrides and isolates) are removed.  multiline false: line
 * breaks and tabs become one space and the ends are trimmed.  At most max
 * bytes (cut on a character boundary); *dropped (may be NULL) grows by
 * the bytes cut off.  Returns a malloc'd string.
 */
char	*mp_clean(const char *s, size_t n, bool multiline, size_t max, size_t *dropped);

/* HTML reduced to text (tags, scripts, styles gone; entities decoded); malloc'd, not cleaned. */
char	*mp_html_to_text(const char *html, size_t n, size_t *outlen);

/* A file name made safe: no path, no controls, not hidden, at most 200 bytes; malloc'd. */
char	*mp_clean_filename(const char *name);

#endif
