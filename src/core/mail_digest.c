/*
 * The daily digest (mailout): `sedesk digest`, from cron once a working
 * day.  Each department's address gets its open routes (the overdue ones
 * marked); each officer who chose mail = digest gets the open routes of
 * their departments, the cases waiting for them as owner, and their
 * contact moments and follow-ups of today; one who chose each (who heard
 * of routes and answers as they came) only today's moments and
 * follow-ups.  Nothing to say: no mail.
 *
 * Everything is gathered and queued in one write transaction, which also
 * notes each recipient in SD_DB_DIGEST_SENT (day, address): a second run
 * on the same day finds them there and queues nothing again, also when
 * two runs overlap (the writer lock puts them one after the other).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "keys.h"
#include "mail_int.h"
#include "moment_internal.h"
#include "sedesk/config.h"
#include "sedesk/date.h"
#include "sedesk/i18n.h"
#include "sedesk/mail.h"
#include "sedesk/moment.h"
#include "sedesk/text.h"

#define SECTION_MAX	50	/* lines per section; the rest is counted */

struct digest_op {
	struct sd_desk	*d;
	sd_day		 today;
	unsigned	 queued;
};

static bool
sent_today(struct sd_txn *t, sd_day today, const char *addr, struct sd_key *k)
{
	MDB_val v;

	sd_key_reset(k);
	sd_key_i32(k, today);
	sd_key_str(k, addr);
	return sd_db_get(t, SD_DB_DIGEST_SENT, k->b, k->len, &v, "digest", NULL) == SD_OK;
}

static void
case_line(struct sd_buf *b, struct sd_txn *t, struct sd_case_key key, const char *extra)
{
	char number[SD_CASE_NUMBER_MAX];
	struct sd_case c = { 0 };

	sd_case_number_format(key, number);
	if (case_load(t, key, &c, NULL) != SD_OK)
		return;
	sd_buf_addf(b, "  %s  %s%s%s\n", number, extra != NULL ? extra : "",
	    extra != NULL ? "  " : "", c.subject != NULL ? c.subject : "");
	sd_case_free(&c);
}

static void
more(struct sd_buf *b, size_t n)
{
	if (n > SECTION_MAX)
		sd_buf_addf(b, ngettext("  … and %zu more\n", "  … and %zu more\n",
		    n - SECTION_MAX), n - SECTION_MAX);
}

/* The open routes of dept: pending and picked up, overdue ones marked. */
static void
dept_routes(struct sd_buf *b, struct sd_txn *t, const struct sd_department *dept, sd_day today)
{
	static const enum sd_route_state open[] = { SD_ROUTE_PENDING, SD_ROUTE_PICKED_UP };
	struct sd_buf lines = { 0 };
	size_t n = 0, late = 0;

	for (size_t o = 0; o < 2; o++) {
		struct sd_key k;
		struct sd_iter it;

		sd_key_reset(&k);
		sd_key_str(&k, dept->id);
		sd_key_u8(&k, (uint8_t)open[o]);
		sd_iter_start(&it, t, SD_DB_ROUTE_BY_DEPT, k.b, k.len, false, NULL, 0);
		while (sd_iter_next(&it)) {
			struct sd_case_key ck;
			struct sd_route *r = NULL;
			size_t nr = 0;
			char due[11] = "", extra[80];
			bool overdue = false;

			if (it.key.mv_size != k.len + SD_CASE_KEY_LEN)
				continue;
			ck = sd_case_key_unpack((const uint8_t *)it.key.mv_data + k.len);
			if (routes_load(t, ck, false, &r, &nr, NULL) == SD_OK)
				for (size_t i = 0; i < nr; i++)
					if (strcmp(r[i].dept, dept->id) == 0 && r[i].due != SD_NO_DAY) {
						sd_day_format(r[i].due, due);
						overdue = r[i].due < today;
					}
			routes_free(r, nr);
			late += overdue;
			if (++n > SECTION_MAX)
				continue;
			snprintf(extra, sizeof extra, "%s %s%s%s", _("due"), due,
			    overdue ? "  " : "", overdue ? _("OVERDUE") : "");
			case_line(&lines, t, ck, extra);
		}
		sd_iter_end(&it);
	}
	if (n > 0) {
		sd_buf_addf(b, "\n");
		sd_buf_addf(b, ngettext("Open routes of %s: %zu, of which %zu overdue\n",
		    "Open routes of %s: %zu, of which %zu overdue\n", n), dept->name, n, late);
		sd_buf_adds(b, lines.data);
		more(b, n);
	}
	sd_buf_free(&lines);
}

/* Cases of owner that wait for the owner: new (not routed) or answered. */
static void
owner_cases(struct sd_buf *b, struct sd_txn *t, const char *login)
{
	struct sd_buf lines = { 0 };
	struct sd_key k;
	struct sd_iter it;
	size_t n = 0;

	sd_key_reset(&k);
	sd_key_str(&k, login);
	sd_iter_start(&it, t, SD_DB_CASE_BY_OWNER, k.b, k.len, false, NULL, 0);
	while (sd_iter_next(&it)) {
		struct sd_case_key ck;
		struct sd_case c = { 0 };
		bool waits;

		if (it.key.mv_size != k.len + SD_CASE_KEY_LEN)
			continue;
		ck = sd_case_key_unpack((const uint8_t *)it.key.mv_data + k.len);
		if (case_load(t, ck, &c, NULL) != SD_OK)
			continue;
		waits = c.status == SD_CASE_NEW || c.status == SD_CASE_ANSWERED;
		if (waits && ++n <= SECTION_MAX)
			case_line(&lines, t, ck, sd_case_status_label(c.status));
		sd_case_free(&c);
	}
	sd_iter_end(&it);
	if (n > 0) {
		sd_buf_addf(b, "\n%s (%zu)\n", _("Cases waiting for you"), n);
		sd_buf_adds(b, lines.data);
		more(b, n);
	}
	sd_buf_free(&lines);
}

/* Today's moments of login (owner or participant), and moment follow-ups. */
static void
moments_today(struct sd_buf *b, struct sd_txn *t, const char *login, sd_day today,
    enum sd_dbi db, const char *title)
{
	struct sd_buf lines = { 0 };
	struct sd_key k;
	struct sd_iter it;
	size_t n = 0;

	sd_key_reset(&k);
	sd_key_str(&k, login);
	sd_key_i32(&k, today);
	sd_iter_start(&it, t, db, k.b, k.len, false, NULL, 0);
	while (sd_iter_next(&it)) {
		struct sd_moment m = { 0 };
		struct sd_enterprise e = { 0 };

		if (it.key.mv_size != k.len + SD_UUID_LEN ||
		    moment_load(t, (const uint8_t *)it.key.mv_data + k.len, &m, NULL) != SD_OK)
			continue;
		if (++n <= SECTION_MAX) {
			bool named = ent_load(t, m.enterprise, &e, NULL) == SD_OK;

			sd_buf_addf(&lines, "  %s  %s  %s\n", m.when != NULL ? m.when : "",
			    sd_channel_label(m.kind), named && e.f[SD_EF_NAME] != NULL ?
			    e.f[SD_EF_NAME] : "");
			sd_enterprise_free(&e);
		}
		sd_moment_free(&m);
	}
	sd_iter_end(&it);
	if (n > 0) {
		sd_buf_addf(b, "\n%s (%zu)\n", title, n);
		sd_buf_adds(b, lines.data);
		more(b, n);
	}
	sd_buf_free(&lines);
}

/* The owner's case follow-ups of today. */
static void
case_followups(struct sd_buf *b, struct sd_txn *t, const char *login, sd_day today)
{
	uint8_t key[SD_FOLLOWUP_KEY_LEN];
	struct sd_buf lines = { 0 };
	struct sd_iter it;
	size_t n = 0, plen = day_index_key(key, SD_DAYS_FOLLOWUP, today,
	    (struct sd_case_key){ 0 }) - SD_CASE_KEY_LEN;

	sd_iter_start(&it, t, SD_DB_CASE_BY_DAY, key, plen, false, NULL, 0);
	while (sd_iter_next(&it)) {
		struct sd_case_key ck;
		struct sd_case c = { 0 };

		if (it.key.mv_size != SD_FOLLOWUP_KEY_LEN)
			continue;
		ck = sd_case_key_unpack((const uint8_t *)it.key.mv_data + plen);
		if (case_load(t, ck, &c, NULL) != SD_OK)
			continue;
		if (c.owner != NULL && strcmp(c.owner, login) == 0 && ++n <= SECTION_MAX)
			case_line(&lines, t, ck, NULL);
		sd_case_free(&c);
	}
	sd_iter_end(&it);
	if (n > 0) {
		sd_buf_addf(b, "\n%s (%zu)\n", _("Follow-ups of your cases today"), n);
		sd_buf_adds(b, lines.data);
		more(b, n);
	}
	sd_buf_free(&lines);
}

static sd_status
queue(struct sd_txn *t, struct digest_op *op, const char *addr, const char *name,
    const char *lang, const char *who, struct sd_buf *content, struct sd_key *k,
    struct sd_error *err)
{
	struct sd_buf subject = { 0 }, body = { 0 };
	char day[11];
	uint64_t seq = 0;
	sd_status s;

	sd_day_format(op->today, day);
	mail_lang_begin(lang);
	sd_buf_addf(&subject, "[sedesk] ");
	/* TRANSLATORS: a digest's subject: the day, and the department or person. */
	sd_buf_addf(&subject, _("Digest of %s: %s"), day, who);
	sd_buf_addf(&body, _("What waits in sedesk on %s."), day);
	sd_buf_adds(&body, "\n");
	sd_buf_adds(&body, content->data);
	sd_buf_addf(&body, "\n%s\n  sedesk case show %s\n%s\n", _("To open a case:"),
	    _("NUMBER"), _("or, in sedesk's interface, press / and type its number, then Enter."));
	sd_buf_addf(&body, "\n-- \n%s\n", _("sedesk sent this mail on its own; replies reach "
	    "the desk's address, not sedesk."));
	mail_lang_end();
	s = outbox_add(t, op->d, addr, name, "digest", "", NULL, subject.data, body.data, err);
	sd_buf_free(&subject);
	sd_buf_free(&body);
	if (s == SD_OK)
		s = sd_db_put(t, SD_DB_DIGEST_SENT, k->b, k->len, &seq, 8, _("digest"), err);
	if (s == SD_OK)
		op->queued++;
	return s;
}

/* The memory of earlier days' digests goes: only today's is asked. */
static sd_status
forget_before(struct sd_txn *t, sd_day today, struct sd_error *err)
{
	struct sd_iter it;
	struct sd_buf keys = { 0 };
	size_t n = 0;
	sd_status s = SD_OK;

	sd_iter_start(&it, t, SD_DB_DIGEST_SENT, NULL, 0, false, NULL, 0);
	while (sd_iter_next(&it) && it.key.mv_size >= 4 &&
	    sd_key_get_i32(it.key.mv_data) < today) {
		uint32_t len = (uint32_t)it.key.mv_size;

		sd_buf_add(&keys, &len, sizeof len);
		sd_buf_add(&keys, it.key.mv_data, len);
		n++;
	}
	sd_iter_end(&it);
	for (size_t off = 0, i = 0; i < n && s == SD_OK; i++) {
		uint32_t len;

		memcpy(&len, keys.data + off, sizeof len);
		s = sd_db_del(t, SD_DB_DIGEST_SENT, keys.data + off + sizeof len, len,
		    _("digest"), err);
		off += sizeof len + len;
	}
	sd_buf_free(&keys);
	return s;
}

static sd_status
digest_in(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct digest_op *op = arg;
	const struct sd_config *cfg = &op->d->cfg;
	sd_status s;
	struct sd_key k;

	op->queued = 0;
	if ((s = forget_before(t, op->today, err)) != SD_OK)
		return s;
	for (size_t i = 0; i < cfg->ndepartments && s == SD_OK; i++) {
		const struct sd_department *dept = &cfg->departments[i];
		struct sd_buf c = { 0 };

		if (dept->email == NULL || sent_today(t, op->today, dept->email, &k))
			continue;
		mail_lang_begin(mail_lang_of(op->d, NULL));
		dept_routes(&c, t, dept, op->today);
		mail_lang_end();
		if (c.len > 0)
			s = queue(t, op, dept->email, dept->name, mail_lang_of(op->d, NULL),
			    dept->name, &c, &k, err);
		sd_buf_free(&c);
	}
	for (size_t i = 0; i < cfg->nofficers && s == SD_OK; i++) {
		const struct sd_officer *o = &cfg->officers[i];
		const char *lang = mail_lang_of(op->d, o);
		struct sd_buf c = { 0 };

		if (o->email == NULL || o->mail == SD_MAIL_NONE ||
		    sent_today(t, op->today, o->email, &k))
			continue;
		mail_lang_begin(lang);
		/* Who has each notification knows of the routes and answers already. */
		for (size_t j = 0; o->mail == SD_MAIL_DIGEST && j < o->ndepartments; j++) {
			const struct sd_department *dept = sd_config_department(cfg,
			    o->departments[j]);

			if (dept != NULL)
				dept_routes(&c, t, dept, op->today);
		}
		if (o->mail == SD_MAIL_DIGEST)
			owner_cases(&c, t, o->login);
		case_followups(&c, t, o->login, op->today);
		moments_today(&c, t, o->login, op->today, SD_DB_MOMENT_BY_PERSON,
		    _("Your contact moments today"));
		moments_today(&c, t, o->login, op->today, SD_DB_MOMENT_FOLLOWUP,
		    _("Follow-ups of your contact moments today"));
		mail_lang_end();
		if (c.len > 0)
			s = queue(t, op, o->email, o->name, lang, o->name, &c, &k, err);
		sd_buf_free(&c);
	}
	return s;
}

sd_status
sd_mail_digest(struct sd_desk *d, unsigned *queued, struct sd_error *err)
{
	struct digest_op op = { .d = d, .today = sd_desk_today(d) };
	sd_status s;

	*queued = 0;
	if ((s = sd_permit(d, SD_ACT_OUTBOX, NULL, err)) != SD_OK)
		return s;
	if (d->cfg.mail_from == NULL)
		return SD_OK;
	s = sd_store_write(d->store, digest_in, &op, err);
	if (s == SD_OK)
		*queued = op.queued;
	return s;
}
