/*
 * The outbox as a personal store (privacy_stores.c): the mails sedesk
 * queued (mail_outbox.c), pending ones and those sent in the last 30
 * days.  An entry holds its recipient's address and name (a department
 * or an officer: the staff's, not erased for a client), the mail's
 * subject (the case's subject) and its body (the case's subject, the
 * enterprise's name; a digest lists many cases).  digest_sent holds only
 * days and staff addresses.
 *
 * Which entries name the person: --person, --email: those whose subject
 * or body holds the text (for review, as free text is); --enterprise:
 * those about one of the enterprise's cases (exact), and those whose
 * body names the enterprise or lists one of its cases (a digest).
 *
 * Erasure, in the records' transaction:
 *   - a sent entry is removed: it is only the record that the mail went
 *     out (kept 30 days), and its text is already in the recipient's
 *     mailbox, which the desk does not control (the export says so for
 *     the officer: the copies there are the mail system's);
 *   - a pending (or failing) entry keeps its place and Message-ID and
 *     has the person's text replaced by the tombstone in its stored
 *     description, so it still goes out with the tombstone: it is a
 *     department's or an owner's notice of work to do on a case, which
 *     removing would silently lose, and the case it points to is erased
 *     the same way, so what it says still matches what they will find.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "internal.h"
#include "keys.h"
#include "privacy_int.h"

#define WHAT	_("outbox")

/* text with every occurrence of word (not empty, not part of the tombstone) replaced. */
static char *
replace_word(const struct sd_privacy_run *r, const char *text, const char *word)
{
	return sd_privacy_replace(text, word, r->tomb);
}

/* Replaces *text by repl when repl is not NULL; whether it did. */
static bool
take(char **text, char *repl)
{
	if (repl == NULL)
		return false;
	free(*text);
	*text = repl;
	return true;
}

/*
 * --enterprise: the enterprise's name anywhere; a case's subject where
 * the text is about that case (whole) or on a line that names it (a
 * digest's line "  2026-00012  subject").
 */
static bool
scrub_target(const struct sd_privacy_run *r, char **text, const struct sd_case_key *whole)
{
	bool changed = false;
	struct sd_buf out = { 0 };
	const char *line, *nl;

	if (r->target_name != NULL)
		changed |= take(text, replace_word(r, *text, r->target_name));
	for (size_t i = 0; whole != NULL && i < r->ntcases; i++)
		if (r->tcases[i].key.year == whole->year && r->tcases[i].key.seq == whole->seq &&
		    r->tcases[i].subject != NULL)
			changed |= take(text, replace_word(r, *text, r->tcases[i].subject));
	for (line = *text; *line != '\0'; line = nl) {
		char *l;
		nl = strchr(line, '\n');
		nl = nl != NULL ? nl + 1 : line + strlen(line);
		l = sd_xstrndup(line, (size_t)(nl - line));
		for (size_t i = 0; i < r->ntcases; i++) {
			char num[SD_CASE_NUMBER_MAX];
			sd_case_number_format(r->tcases[i].key, num);
			if (r->tcases[i].subject != NULL && strstr(l, num) != NULL)
				changed |= take(&l, replace_word(r, l, r->tcases[i].subject));
		}
		sd_buf_adds(&out, l);
		free(l);
	}
	if (changed) {
		free(*text);
		*text = out.data != NULL ? out.data : sd_xstrdup("");
	} else
		sd_buf_free(&out);
	return changed;
}

/* Whether a text names --enterprise's target: its name, or a line with one of its cases. */
static bool
names_target(const struct sd_privacy_run *r, const char *text)
{
	if (text == NULL)
		return false;
	if (r->target_name != NULL && sd_privacy_text_has(text, r->target_name))
		return true;
	for (size_t i = 0; i < r->ntcases; i++) {
		char num[SD_CASE_NUMBER_MAX];
		sd_case_number_format(r->tcases[i].key, num);
		if (strstr(text, num) != NULL)
			return true;
	}
	return false;
}

static char *
jstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return sd_xstrdup(s != NULL ? s : "");
}

/* One entry: listed when it names the person; erasing, removed or scrubbed (*put, *del). */
static void
outbox_one(struct sd_privacy_run *r, uint64_t seq, json_t *e, bool pending, bool *put,
    bool *del)
{
	json_t *msg = json_object_get(e, "msg");
	char *subject = jstr(e, "subject"), *body = jstr(msg, "body");
	char *msubject = jstr(msg, "subject");
	struct sd_case_key key;
	const char *num = json_string_value(json_object_get(e, "case"));
	bool whole = false, exact, hit;
	char ref[SD_CASE_NUMBER_MAX + 48];

	*put = *del = false;
	if (r->has_target && num != NULL && sd_case_number_parse(num, &key))
		whole = sd_privacy_run_has_case(r, key, true);
	if (r->q->by == SD_PRIVACY_ENTERPRISE)
		hit = whole || names_target(r, subject) || names_target(r, body);
	else
		hit = sd_privacy_run_matches(r, subject) || sd_privacy_run_matches(r, body);
	if (!hit)
		goto out;
	exact = whole;
	/* TRANSLATORS: an outbox entry in a privacy export: its number and state. */
	snprintf(ref, sizeof ref, _("#%llu (%s)%s%s"), (unsigned long long)seq,
	    pending ? _("pending") : _("sent"), num != NULL && *num != '\0' ? ", " : "",
	    num != NULL ? num : "");
	sd_privacy_run_found(r, "outbox", ref, "subject", subject, exact);
	sd_privacy_run_found(r, "outbox", ref, "body", body, exact);
	if (!r->erase)
		goto out;
	r->changed++;
	if (!pending) {
		*del = true;
		goto out;
	}
	if (r->q->by == SD_PRIVACY_ENTERPRISE) {
		scrub_target(r, &subject, whole ? &key : NULL);
		scrub_target(r, &msubject, whole ? &key : NULL);
		scrub_target(r, &body, whole ? &key : NULL);
	} else {
		take(&subject, sd_privacy_run_scrub(r, subject));
		take(&msubject, sd_privacy_run_scrub(r, msubject));
		take(&body, sd_privacy_run_scrub(r, body));
	}
	json_object_set_new(e, "subject", json_string(subject));
	if (json_is_object(msg)) {
		json_object_set_new(msg, "subject", json_string(msubject));
		json_object_set_new(msg, "body", json_string(body));
	}
	*put = true;
out:
	free(subject);
	free(msubject);
	free(body);
}

static sd_status
outbox_walk(struct sd_privacy_run *r, struct sd_error *err)
{
	struct sd_iter it;
	struct change {
		uint8_t	 key[8];
		char	*text;		/* NULL: remove the entry */
	} *ch = NULL;
	size_t nch = 0;
	sd_status s = SD_OK;

	/* Small: sent entries leave after 30 days. */
	sd_iter_start(&it, r->t, SD_DB_OUTBOX, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		uint8_t key[8];
		MDB_val v;
		json_t *e;
		bool pending, put, del;

		if (it.key.mv_size != 8 ||
		    (e = json_loadb(it.val.mv_data, it.val.mv_size, 0, NULL)) == NULL)
			continue;
		memcpy(key, it.key.mv_data, 8);
		pending = sd_db_get(r->t, SD_DB_OUTBOX_DUE, key, 8, &v, WHAT, NULL) == SD_OK;
		outbox_one(r, sd_be64(key), e, pending, &put, &del);
		if (put || del) {
			ch = sd_xrealloc(ch, (nch + 1) * sizeof *ch);
			memcpy(ch[nch].key, key, 8);
			ch[nch].text = put ? json_dumps(e, JSON_COMPACT) : NULL;
			if (put && ch[nch].text == NULL)
				s = sd_fail(err, SD_FAIL, _("outbox: out of memory"));
			nch++;
		}
		json_decref(e);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, WHAT, err);
	sd_iter_end(&it);
	/* Written after the cursor is done with the table. */
	for (size_t i = 0; s == SD_OK && i < nch; i++)
		s = ch[i].text != NULL ? sd_db_put(r->t, SD_DB_OUTBOX, ch[i].key, 8, ch[i].text,
		    strlen(ch[i].text), WHAT, err) :
		    sd_db_del(r->t, SD_DB_OUTBOX, ch[i].key, 8, WHAT, err);
	for (size_t i = 0; i < nch; i++)
		free(ch[i].text);
	free(ch);
	return s;
}

sd_status
privacy_outbox_find(struct sd_privacy_run *r, struct sd_error *err)
{
	return outbox_walk(r, err);
}

sd_status
privacy_outbox_erase(struct sd_privacy_run *r, struct sd_error *err)
{
	return outbox_walk(r, err);
}
