/*
 * Incoming mail turned into cases and notes (mailgate.h): loops and
 * auto-replies, who may run the gate, the sender's enterprise, and the one
 * write transaction that stores a message (the parser's description is
 * checked in mail_decode.c).
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "internal.h"
#include "mailgate_int.h"
#include "record.h"
#include "sedesk/i18n.h"
#include "sedesk/mailgate.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"

/* Bytes of a case's description and a note (the field tables' limit). */
#define MAIL_TEXT_MAX	20000
#define MAIL_SUBJECT_MAX 200

/* --- loops and auto-replies ------------------------------------------------------- */

const char *
sd_mail_drop_reason(const struct sd_config *cfg, const struct sd_mail *m)
{
	if (m->auto_submitted != NULL && strcmp(m->auto_submitted, "no") != 0)
		return _("an automatic message (Auto-Submitted)");
	if (m->precedence != NULL && (strcmp(m->precedence, "bulk") == 0 ||
	    strcmp(m->precedence, "junk") == 0 || strcmp(m->precedence, "list") == 0))
		return _("a bulk or list message (Precedence)");
	if (m->autoreply)
		return _("an automatic reply (X-Autoreply)");
	/* sedesk's own mail (mailout's Message-IDs start so): a loop. */
	if (m->message_id != NULL && (strncasecmp(m->message_id, "sedesk.", 7) == 0 ||
	    strncasecmp(m->message_id, "sedesk-", 7) == 0))
		return _("a message sedesk sent itself (a loop)");
	/* The desk's own address ([mail] from, lower-cased as the parser gives the sender). */
	if (m->from_addr != NULL && cfg->mail_from != NULL &&
	    strcasecmp(m->from_addr, cfg->mail_from) == 0)
		return _("a message from the desk's own address (a loop)");
	if (m->from_addr != NULL && (strncmp(m->from_addr, "mailer-daemon@", 14) == 0 ||
	    strncmp(m->from_addr, "postmaster@", 11) == 0))
		return _("a delivery report (from the mail system)");
	return NULL;
}

/* --- who may run it --------------------------------------------------------------- */

sd_status
sd_mailgate_caller(const struct sd_config *cfg, struct sd_error *err)
{
	const struct passwd *pw;
	char *shown;

	if (cfg->gate_user == NULL)
		return sd_fail(err, SD_INVALID, _("%s has no mail gate: set [mail] gate_user "
		    "and gate_unix_users (see sedesk.ini.example)."), cfg->file);
	/* The real user, never the environment: a setgid gate must not be anyone's. */
	if ((pw = getpwuid(getuid())) != NULL) {
		for (size_t i = 0; i < cfg->ngate_unix_users; i++)
			if (strcmp(cfg->gate_unix_users[i], pw->pw_name) == 0)
				return SD_OK;
	}
	shown = sd_visible(pw != NULL ? pw->pw_name : "?", false);
	sd_fail(err, SD_DENIED, _("user %s may not run sedesk mailgate; only the mail "
	    "server's user ([mail] gate_unix_users in %s) delivers mail to sedesk."), shown,
	    cfg->file);
	free(shown);
	return SD_DENIED;
}

/* --- the sender and the enterprise ------------------------------------------------ */

/* Mail providers whose domain says nothing about the enterprise. */
static bool
shared_domain(const char *dom)
{
	static const char *const shared[] = {
		"gmail.com", "googlemail.com", "hotmail.com", "hotmail.be", "hotmail.nl",
		"outlook.com", "outlook.be", "live.com", "live.be", "live.nl", "msn.com",
		"yahoo.com", "yahoo.fr", "icloud.com", "me.com", "gmx.com", "gmx.net",
		"protonmail.com", "proton.me", "telenet.be", "skynet.be", "proximus.be",
		"scarlet.be", "ziggo.nl", "kpnmail.nl", "hetnet.nl", "planet.nl", "home.nl",
		"xs4all.nl", "orange.fr", "free.fr", "web.de",
	};

	for (size_t i = 0; i < sizeof shared / sizeof shared[0]; i++)
		if (strcasecmp(dom, shared[i]) == 0)
			return true;
	return false;
}

static const char *
domain_of(const char *addr)
{
	const char *at = addr != NULL ? strrchr(addr, '@') : NULL;

	return at != NULL ? at + 1 : NULL;
}

/* 2: the address is the enterprise's or a contact person's; 1: the domain is; 0: neither. */
static int
ent_knows(const struct sd_enterprise *e, const char *addr)
{
	const char *dom = domain_of(addr), *ed;
	struct sd_person *p = NULL;
	size_t n = 0;
	int best = 0;

	if (addr == NULL)
		return 0;
	if (e->f[SD_EF_EMAIL] != NULL) {
		if (strcasecmp(e->f[SD_EF_EMAIL], addr) == 0)
			return 2;
		if ((ed = domain_of(e->f[SD_EF_EMAIL])) != NULL && strcasecmp(ed, dom) == 0)
			best = 1;
	}
	if (e->f[SD_EF_PERSONS] != NULL && sd_persons_read(e->f[SD_EF_PERSONS], &p, &n, NULL) ==
	    SD_OK) {
		for (size_t i = 0; i < n; i++) {
			if (p[i].email == NULL)
				continue;
			if (strcasecmp(p[i].email, addr) == 0)
				best = 2;
			else if ((ed = domain_of(p[i].email)) != NULL && strcasecmp(ed, dom) == 0 &&
			    best < 1)
				best = 1;
		}
		sd_persons_free(p, n);
	}
	return best;
}

/*
 * The enterprise of the sender: one whose address or contact person's is
 * the sender's (the first in id order); else the one enterprise with the
 * sender's domain (a provider's shared domain does not count).  Through
 * the e-mail index (ent_email_index.c), not the register.
 */
static sd_status
find_sender_enterprise(struct sd_txn *t, const char *addr, uint8_t id[SD_UUID_LEN],
    bool *found, struct sd_error *err)
{
	const char *dom = domain_of(addr);
	size_t n;
	sd_status s;

	*found = false;
	if (dom == NULL || *dom == '\0')
		return SD_OK;
	if ((s = ent_by_email(t, addr, false, id, &n, err)) != SD_OK)
		return s;
	if (n == 0 && !shared_domain(dom) &&
	    (s = ent_by_email(t, addr, true, id, &n, err)) == SD_OK && n != 1)
		n = 0;
	*found = n > 0;
	return s;
}

#define UNKNOWN_META "mailgate:unknown-enterprise"

/* The desk's "unknown enterprise" for mail from senders not in the register (made once). */
static sd_status
unknown_enterprise(struct sd_txn *t, struct sd_desk *d, uint8_t id[SD_UUID_LEN],
    struct sd_error *err)
{
	char *f[SD_EF_COUNT] = { 0 };
	MDB_val v;
	sd_status s;

	s = sd_db_get(t, SD_DB_META, UNKNOWN_META, strlen(UNKNOWN_META), &v, _("enterprise"),
	    err);
	if (s == SD_OK && v.mv_size == SD_UUID_LEN) {
		memcpy(id, v.mv_data, SD_UUID_LEN);
		if (sd_db_get(t, SD_DB_ENT, id, SD_UUID_LEN, &v, _("enterprise"), err) == SD_OK)
			return SD_OK;
	} else if (s != SD_OK && s != SD_NOTFOUND)
		return s;
	f[SD_EF_NAME] = (char *)_("Unknown enterprise (e-mail)");
	f[SD_EF_TAGS] = (char *)"mailgate";
	f[SD_EF_NOTES] = (char *)_("Cases made from e-mail whose sender sedesk could not match "
	    "to an enterprise. Link each to its enterprise: sedesk case edit NUMBER "
	    "--enterprise ID.");
	if ((s = ent_add_in_txn(t, d, f, id, err)) != SD_OK)
		return s;
	return sd_db_put(t, SD_DB_META, UNKNOWN_META, strlen(UNKNOWN_META), id, SD_UUID_LEN,
	    _("enterprise"), err);
}

/* --- the message as a case or a note --------------------------------------------- */

/* The case tag of our subjects, "[sedesk 2026-00123]", anywhere in the subject. */
static bool
subject_tag(const char *subject, char num[SD_CASE_NUMBER_MAX])
{
	const char *p = subject;
	struct sd_case_key k;

	while (p != NULL && (p = strchr(p, '[')) != NULL) {
		const char *e;
		size_t n;
		p++;
		if (strncasecmp(p, "sedesk ", 7) != 0)
			continue;
		e = strchr(p + 7, ']');
		n = e != NULL ? (size_t)(e - (p + 7)) : 0;
		if (n == 0 || n >= SD_CASE_NUMBER_MAX)
			continue;
		memcpy(num, p + 7, n);
		num[n] = '\0';
		if (sd_case_number_parse(num, &k)) {
			sd_case_number_format(k, num);
			return true;
		}
	}
	return false;
}

/* "Name <address>", "address" or "an unknown sender", for the notes. */
static void
sender_words(const struct sd_mail *m, struct sd_buf *b)
{
	if (m->from_addr == NULL)
		sd_buf_adds(b, _("an unknown sender"));
	else if (m->from_name != NULL && *m->from_name != '\0')
		sd_buf_addf(b, "%s <%s>", m->from_name, m->from_addr);
	else
		sd_buf_adds(b, m->from_addr);
}

/* Appends text, cut on a character boundary so that b stays within max bytes. */
static void
add_bounded(struct sd_buf *b, const char *text, size_t max)
{
	size_t n = strlen(text);

	if (b->len >= max)
		return;
	if (b->len + n > max) {
		n = max - b->len;
		while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
			n--;
	}
	sd_buf_add(b, text, n);
}

struct deliver {
	struct sd_desk		*d;
	const struct sd_mail	*m;
	struct sd_mailgate_result *r;
	struct sd_buf		 refusals;	/* what was not kept, a line each */
	/* The sender's enterprise, looked up before the write (see sd_mailgate_deliver). */
	bool			 found;
	uint8_t			 ent[SD_UUID_LEN];
};

static void
size_words(size_t n, char out[32])
{
	if (n >= 1 << 20)
		snprintf(out, 32, "%.1f MiB", (double)n / (1 << 20));
	else if (n >= 1 << 10)
		snprintf(out, 32, "%.1f KiB", (double)n / (1 << 10));
	else
		snprintf(out, 32, _("%zu bytes"), n);
}

/* The attachments in t; those refused (and the parser's drops) are listed in a->refusals. */
static sd_status
store_attachments(struct sd_txn *t, struct deliver *a, struct sd_case_key key,
    struct sd_error *err)
{
	const struct sd_mail *m = a->m;
	char sz[32], lim[32];
	sd_status s;

	size_words(a->d->cfg.attachment_max, lim);
	for (size_t i = 0; i < m->natt; i++) {
		const struct sd_mail_attachment *x = &m->att[i];
		size_words(x->size, sz);
		if (x->data == NULL && x->refused != NULL &&
		    strcmp(x->refused, "total-too-large") == 0 &&
		    x->size <= a->d->cfg.attachment_max) {
			sd_buf_addf(&a->refusals, _("- %s (%s): not stored, the message's "
			    "attachments together are more than twice %s ([mail] attachment_max); "
			    "ask the sender for it another way.\n"), x->name, sz, lim);
			a->r->refused++;
			continue;
		}
		if (x->data == NULL || x->size > a->d->cfg.attachment_max) {
			sd_buf_addf(&a->refusals, _("- %s (%s): not stored, larger than the limit "
			    "of %s ([mail] attachment_max); ask the sender for it another way.\n"),
			    x->name, sz, lim);
			a->r->refused++;
			continue;
		}
		if ((s = mail_attach_put(t, key, x->name, x->type, m->from_addr,
		    sd_desk_now(a->d), x->data, x->size, err)) != SD_OK)
			return s;
		a->r->stored++;
	}
	if (m->dropped_atts > 0)
		sd_buf_addf(&a->refusals, _("- %lld more attachments: not stored, more than a "
		    "message may bring.\n"), m->dropped_atts);
	if (m->dropped_parts > 0 && m->error != NULL && strcmp(m->error, "too-complex") == 0)
		sd_buf_adds(&a->refusals, _("- the message's content: not stored, its structure "
		    "is too complex to read safely.\n"));
	if (m->dropped_text > 0)
		sd_buf_addf(&a->refusals, _("- the end of the text (%lld bytes): cut off, longer "
		    "than a case holds.\n"), m->dropped_text);
	return SD_OK;
}

/* The refusals as a note on the case, when there are any. */
static sd_status
note_refusals(struct sd_txn *t, struct deliver *a, const char *num, struct sd_error *err)
{
	struct sd_buf b = { 0 };
	sd_status s;

	if (a->refusals.len == 0)
		return SD_OK;
	sd_buf_adds(&b, _("Not everything of the e-mail was kept:\n"));
	add_bounded(&b, a->refusals.data, MAIL_TEXT_MAX);
	s = case_note_in_txn(t, a->d, num, b.data, false, err);
	sd_buf_free(&b);
	return s;
}

static sd_status
deliver_note(struct sd_txn *t, struct deliver *a, const struct sd_case *c, const char *num,
    struct sd_error *err)
{
	const struct sd_mail *m = a->m;
	struct sd_enterprise e = { 0 };
	struct sd_buf b = { 0 };
	bool known = false;
	sd_status s;

	if ((s = ent_load(t, c->enterprise, &e, err)) != SD_OK)
		return s;
	known = ent_knows(&e, m->from_addr) == 2;
	if (known) {
		sd_buf_adds(&b, _("E-mail from "));
		sender_words(m, &b);
		sd_buf_adds(&b, ":\n\n");
	} else {
		sd_buf_adds(&b, _("E-mail from "));
		sender_words(m, &b);
		sd_buf_addf(&b, _(", who is not a contact person of %s: confirm the sender "
		    "before you rely on it.\n\n"), e.f[SD_EF_NAME] != NULL ? e.f[SD_EF_NAME] : "?");
	}
	sd_enterprise_free(&e);
	add_bounded(&b, m->text != NULL && *m->text != '\0' ? m->text : _("(no text)"),
	    MAIL_TEXT_MAX);
	a->r->outcome = known ? SD_MAILGATE_NOTE : SD_MAILGATE_NOTE_UNCONFIRMED;
	a->r->key = c->key;
	s = case_note_in_txn(t, a->d, num, b.data, true, err);
	sd_buf_free(&b);
	if (s == SD_OK)
		s = store_attachments(t, a, c->key, err);
	if (s == SD_OK)
		s = note_refusals(t, a, num, err);
	return s;
}

/*
 * A new case from the mail.  closed: the case the mail answers, which was
 * closed; the new case is then a follow-up of its enterprise, says so
 * first, and the closed case gets a note that points to it (a note on a
 * closed case alone would be in nobody's inbox).
 */
static sd_status
deliver_case(struct sd_txn *t, struct deliver *a, const struct sd_case *closed,
    struct sd_error *err)
{
	const struct sd_mail *m = a->m;
	struct sd_case_input in = { 0 };
	struct sd_buf desc = { 0 }, subj = { 0 };
	uint8_t id[SD_UUID_LEN];
	char ids[SD_UUID_STR], num[SD_CASE_NUMBER_MAX], was[SD_CASE_NUMBER_MAX];
	bool found = a->found || closed != NULL;
	MDB_val v;
	sd_status s;

	/* The enterprise found before the write (or the closed case's), if it is still there. */
	if (found) {
		memcpy(id, closed != NULL ? closed->enterprise : a->ent, SD_UUID_LEN);
		s = sd_db_get(t, SD_DB_ENT, id, SD_UUID_LEN, &v, _("enterprise"), err);
		if (s != SD_OK && s != SD_NOTFOUND)
			return s;
		found = s == SD_OK;
	}
	if (!found && (s = unknown_enterprise(t, a->d, id, err)) != SD_OK)
		return s;
	sd_uuid_format(id, ids);
	a->r->enterprise_known = found;
	add_bounded(&subj, m->subject != NULL && *m->subject != '\0' ? m->subject :
	    _("(no subject)"), MAIL_SUBJECT_MAX);
	if (closed != NULL) {
		struct sd_buf who = { 0 };
		struct sd_enterprise e = { 0 };

		sd_case_number_format(closed->key, was);
		sender_words(m, &who);
		if (found && (s = ent_load(t, id, &e, err)) != SD_OK) {
			sd_buf_free(&who);
			sd_buf_free(&subj);
			return s;
		}
		if (found && ent_knows(&e, m->from_addr) == 2)
			sd_buf_addf(&desc, _("Follow-up to case %s, which was closed: e-mail from "
			    "%s:\n\n"), was, who.data);
		else
			sd_buf_addf(&desc, _("Follow-up to case %s, which was closed: e-mail from "
			    "%s, who is not a contact person of %s: confirm the sender before you "
			    "rely on it.\n\n"), was, who.data,
			    e.f[SD_EF_NAME] != NULL ? e.f[SD_EF_NAME] : "?");
		sd_enterprise_free(&e);
		sd_buf_free(&who);
	} else {
		sd_buf_adds(&desc, _("E-mail from "));
		sender_words(m, &desc);
		sd_buf_adds(&desc, ":\n\n");
	}
	add_bounded(&desc, m->text != NULL && *m->text != '\0' ? m->text : _("(no text)"),
	    MAIL_TEXT_MAX);
	in.enterprise = ids;
	in.subject = subj.data;
	in.description = desc.data;
	in.channel = SD_CHANNEL_EMAIL;
	s = case_new_check(a->d, &in, err);
	if (s == SD_OK)
		s = case_new_in_txn(t, a->d, &in, NULL, NULL, &a->r->key, err);
	sd_buf_free(&desc);
	sd_buf_free(&subj);
	if (s != SD_OK)
		return s;
	a->r->outcome = closed != NULL ? SD_MAILGATE_FOLLOW_UP : SD_MAILGATE_NEW_CASE;
	sd_case_number_format(a->r->key, num);
	if ((s = store_attachments(t, a, a->r->key, err)) != SD_OK)
		return s;
	if ((s = note_refusals(t, a, num, err)) != SD_OK || closed == NULL)
		return s;
	a->r->follows = closed->key;
	sd_buf_addf(&desc, _("A reply came after this case was closed: it is case %s."), num);
	s = case_note_in_txn(t, a->d, was, desc.data, false, err);
	sd_buf_free(&desc);
	return s;
}

static sd_status
deliver_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct deliver *a = arg;
	char num[SD_CASE_NUMBER_MAX];
	struct sd_case c = { 0 };
	sd_status s;

	/* Each try starts afresh (sd_store_write runs the action again after growing the map). */
	sd_buf_reset(&a->refusals);
	a->r->stored = a->r->refused = 0;
	if (a->m->subject != NULL && subject_tag(a->m->subject, num)) {
		s = case_resolve(t, num, &c, err);
		if (s == SD_OK) {
			s = c.status == SD_CASE_CLOSED ? deliver_case(t, a, &c, err) :
			    deliver_note(t, a, &c, num, err);
			sd_case_free(&c);
			return s;
		}
		if (s != SD_NOTFOUND)
			return s;
		/* A tag of no case of ours: a new enquiry like any other. */
	}
	return deliver_case(t, a, NULL, err);
}

sd_status
sd_mailgate_deliver(struct sd_desk *d, const struct sd_mail *m, struct sd_mailgate_result *r,
    struct sd_error *err)
{
	struct deliver a = { .d = d, .m = m, .r = r };
	sd_status s;

	memset(r, 0, sizeof *r);
	if ((r->why = sd_mail_drop_reason(&d->cfg, m)) != NULL) {
		r->outcome = SD_MAILGATE_DROPPED;
		return SD_OK;
	}
	if ((s = sd_permit(d, SD_ACT_CASE_CREATE, NULL, err)) != SD_OK ||
	    (s = sd_permit(d, SD_ACT_CASE_NOTE, NULL, err)) != SD_OK)
		return s;
	/*
	 * The sender's enterprise is looked up in a read transaction first:
	 * it reads the register, which must not hold up everyone's writes.
	 */
	{
		struct sd_txn t;
		if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
			return s;
		s = find_sender_enterprise(&t, m->from_addr, a.ent, &a.found, err);
		sd_txn_abort(&t);
		if (s != SD_OK)
			return s;
	}
	s = sd_store_write(d->store, deliver_action, &a, err);
	sd_buf_free(&a.refusals);
	return s;
}
