/*
 * Mail attachments as a personal store (privacy_stores.c): the files
 * mailgate kept with a case (mail_attach.c), each with its sender's
 * address and its file name.
 *
 * Which ones name the person:
 *   --email       those the address sent (exact), and the others on the
 *                 cases the walk found (listed for review);
 *   --person      those on the cases the walk found, for review, but
 *                 exact when the case's text or a note says the person
 *                 sent mail from the attachment's address ("E-mail from
 *                 NAME <ADDRESS>", as mailgate writes it);
 *   --enterprise  every one on the enterprise's cases (exact);
 * and a file name holding the name or address (review).
 *
 * Erasure: one the person sent, or of the sole proprietor's case, loses
 * its content, its name and sender become the tombstone; its size, type,
 * time and number stay (the figures).  One that is only on a case the
 * walk found keeps its content: the file may be someone else's, so the
 * export lists it for the officer to review, and only a file name that
 * names the person is replaced.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sedesk/i18n.h"
#include "sedesk/journal_entry.h"
#include "sedesk/text.h"
#include "internal.h"
#include "mailgate_int.h"
#include "privacy_int.h"

enum att_match { ATT_NONE, ATT_REVIEW, ATT_NAMED, ATT_WHOLE };

static bool
has_addr(const struct sd_privacy_run *r, const char *from)
{
	for (size_t i = 0; i < r->naddrs; i++)
		if (strcasecmp(r->addrs[i], from) == 0)
			return true;
	return false;
}

/*
 * --person, the read pass: whether the case's description or one of its
 * journal entries has "NAME <from>" (mailgate's "E-mail from NAME
 * <ADDRESS>"): then from is the person's address, noted for the write
 * pass, which runs after the walk erased the name.
 */
static sd_status
sender_is_person(struct sd_privacy_run *r, struct sd_case_key key, const char *from,
    bool *yes, struct sd_error *err)
{
	uint8_t prefix[1 + SD_CASE_KEY_LEN];
	struct sd_buf pat = { 0 };
	struct sd_case c;
	struct sd_iter it;
	sd_status s;

	*yes = false;
	if (has_addr(r, from)) {
		*yes = true;
		return SD_OK;
	}
	sd_buf_addf(&pat, "%s <%s>", r->q->value, from);
	if ((s = case_load(r->t, key, &c, err)) == SD_OK) {
		*yes = sd_privacy_text_has(c.description, pat.data);
		sd_case_free(&c);
	} else if (s == SD_NOTFOUND)
		s = SD_OK;
	prefix[0] = SD_SUBJECT_CASE;
	sd_case_key_pack(key, prefix + 1);
	sd_iter_start(&it, r->t, SD_DB_JOURNAL_BY_SUBJECT, prefix, sizeof prefix, false, NULL, 0);
	while (s == SD_OK && !*yes && sd_iter_next(&it)) {
		struct sd_journal_entry e;
		MDB_val v;

		if (it.key.mv_size != sizeof prefix + 8 ||
		    sd_db_get(r->t, SD_DB_JOURNAL, (const uint8_t *)it.key.mv_data + sizeof prefix,
		    8, &v, _("personal data"), NULL) != SD_OK || !journal_decode(&v, &e))
			continue;
		*yes = sd_privacy_text_has(e.text, pat.data);
		sd_journal_entry_free(&e);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("personal data"), err);
	sd_iter_end(&it);
	sd_buf_free(&pat);
	if (s == SD_OK && *yes) {
		r->addrs = sd_xrealloc(r->addrs, (r->naddrs + 1) * sizeof *r->addrs);
		r->addrs[r->naddrs++] = sd_xstrdup(from);
	}
	return s;
}

static enum att_match
att_match(const struct sd_privacy_run *r, struct sd_case_key key, const struct sd_attachment *a)
{
	if (r->has_target && sd_privacy_run_has_case(r, key, true))
		return ATT_WHOLE;
	if (r->q->by == SD_PRIVACY_ENTERPRISE)
		return ATT_NONE;
	if (r->q->by == SD_PRIVACY_EMAIL && a->from != NULL && strcasecmp(a->from, r->q->value) == 0)
		return ATT_WHOLE;
	if (r->q->by == SD_PRIVACY_PERSON && a->from != NULL && has_addr(r, a->from) &&
	    sd_privacy_run_has_case(r, key, false))
		return ATT_WHOLE;
	if (sd_privacy_run_matches(r, a->name))
		return ATT_NAMED;
	return sd_privacy_run_has_case(r, key, false) ? ATT_REVIEW : ATT_NONE;
}

static void
att_found(struct sd_privacy_run *r, struct sd_case_key key, const struct sd_attachment *a,
    bool exact)
{
	char num[SD_CASE_NUMBER_MAX], ref[SD_CASE_NUMBER_MAX + 16];
	struct sd_buf b = { 0 };

	sd_case_number_format(key, num);
	snprintf(ref, sizeof ref, "%s #%u", num, a->no);
	/* TRANSLATORS: an e-mail attachment: file name, type, size, sender's address. */
	sd_buf_addf(&b, _("%s (%s, %zu bytes) from %s"), a->name != NULL ? a->name : "",
	    a->type != NULL ? a->type : "", a->size, a->from != NULL && *a->from != '\0' ?
	    a->from : "?");
	sd_privacy_run_found(r, "attachment", ref, "attachment", b.data, exact);
	sd_buf_free(&b);
}

struct att_todo {
	struct sd_case_key key;
	unsigned	 no;
	enum att_match	 m;
	char		*newname;	/* ATT_NAMED: the name scrubbed */
};

/*
 * Lists (and erasing, rewrites) the attachments that name the person: of
 * one case (one, not NULL: retention), else of every case, in one pass
 * over the table (attachments are few beside the cases they belong to).
 */
static sd_status
att_walk(struct sd_privacy_run *r, const struct sd_case_key *one, struct sd_error *err)
{
	struct att_todo *todo = NULL;
	uint8_t prefix[SD_CASE_KEY_LEN];
	size_t n = 0;
	struct sd_iter it;
	sd_status s = SD_OK;

	if (one != NULL)
		sd_case_key_pack(*one, prefix);
	sd_iter_start(&it, r->t, SD_DB_MAIL_ATTACH, one != NULL ? prefix : NULL,
	    one != NULL ? sizeof prefix : 0, false, NULL, 0);
	while (sd_iter_next(&it)) {
		struct sd_attachment a;
		struct sd_case_key key;
		enum att_match m;

		if (it.key.mv_size < SD_CASE_KEY_LEN || !mail_attach_decode(&it.key, &it.val, &a))
			continue;
		key = sd_case_key_unpack(it.key.mv_data);
		/* --person, reading: is the sender the person (the notes say so)? */
		if (!r->erase && !a.erased && r->q->by == SD_PRIVACY_PERSON && a.from != NULL &&
		    *a.from != '\0' && sd_privacy_run_has_case(r, key, false)) {
			bool yes;
			if ((s = sender_is_person(r, key, a.from, &yes, err)) != SD_OK) {
				sd_attachment_free(&a);
				break;
			}
		}
		m = a.erased ? ATT_NONE : att_match(r, key, &a);
		if (m != ATT_NONE)
			att_found(r, key, &a, m == ATT_WHOLE);
		if (r->erase && (m == ATT_WHOLE || m == ATT_NAMED)) {
			todo = sd_xrealloc(todo, (n + 1) * sizeof *todo);
			todo[n].key = key;
			todo[n].no = a.no;
			todo[n].m = m;
			todo[n++].newname = m == ATT_NAMED ? sd_privacy_run_scrub(r, a.name) : NULL;
		}
		sd_attachment_free(&a);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("attachment"), err);
	sd_iter_end(&it);
	/* Written after the cursor is done with the table. */
	for (size_t i = 0; s == SD_OK && i < n; i++) {
		bool whole = todo[i].m == ATT_WHOLE;

		s = mail_attach_rewrite(r->t, todo[i].key, todo[i].no,
		    whole ? r->tomb : todo[i].newname, whole ? r->tomb : NULL, whole, err);
		if (s == SD_OK)
			r->changed++;
	}
	for (size_t i = 0; i < n; i++)
		free(todo[i].newname);
	free(todo);
	return s;
}

sd_status
privacy_attach_find(struct sd_privacy_run *r, struct sd_error *err)
{
	return att_walk(r, NULL, err);
}

sd_status
privacy_attach_erase(struct sd_privacy_run *r, struct sd_error *err)
{
	return att_walk(r, NULL, err);
}

/*
 * Retention of one case (privacy_case_retire): its attachments are the
 * case's, whole, whether it is anonymised or destroyed: the content
 * goes, name and sender become the tombstone, the figures stay.
 */
sd_status
privacy_attach_retire(struct sd_privacy_run *r, struct sd_case_key key, struct sd_error *err)
{
	struct privacy_target_case tc = { .key = key };
	sd_status s;

	r->has_target = true;
	r->tcases = &tc;
	r->ntcases = 1;
	s = att_walk(r, &key, err);
	r->tcases = NULL;
	r->ntcases = 0;
	r->has_target = false;
	return s;
}
