/*
 * The outbox (mailout): one entry per mail, in the order queued.
 *
 *   SD_DB_OUTBOX      seq(8) -> the entry (JSON: to, kind, case, subject,
 *                     Message-ID, state, tries, times, last error, and the
 *                     whole message description in "msg")
 *   SD_DB_OUTBOX_DUE  seq(8) -> -: the entries not sent yet, so that a
 *                     delivery with nothing to do reads one empty cursor
 *
 * Entries are JSON because mailmake reads JSON and the outbox is small:
 * sent entries are removed after SENT_KEEP_DAYS by the delivery itself.
 */
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "internal.h"
#include "keys.h"
#include "mail_int.h"
#include "sedesk/config.h"
#include "sedesk/i18n.h"
#include "sedesk/mail.h"
#include "sedesk/text.h"

#define SENT_KEEP_DAYS	30
#define BACKOFF_FIRST	60
#define BACKOFF_MAX	(6 * 3600)

static const char *
domain_of(const struct sd_desk *d)
{
	const char *at = d->cfg.mail_from != NULL ? strrchr(d->cfg.mail_from, '@') : NULL;

	return at != NULL ? at + 1 : "localhost";
}

void
mail_thread_id(const struct sd_desk *d, const uint8_t uuid[16], char out[96])
{
	char hex[33];

	for (int i = 0; i < 16; i++)
		snprintf(hex + 2 * i, 3, "%02x", uuid[i]);
	snprintf(out, 96, "<sedesk-case-%s@%s>", hex, domain_of(d));
}

int64_t
mail_backoff(unsigned n)
{
	int64_t s = BACKOFF_FIRST;

	while (n-- > 1 && s < BACKOFF_MAX)
		s *= 2;
	return s < BACKOFF_MAX ? s : BACKOFF_MAX;
}

static uint64_t
next_seq(struct sd_txn *t)
{
	struct sd_iter it;
	uint64_t seq = 0;
	MDB_val v;

	if (sd_db_get(t, SD_DB_META, "outboxseq", 9, &v, "outbox", NULL) == SD_OK &&
	    v.mv_size == 8)
		memcpy(&seq, v.mv_data, 8);
	/* Never below the last entry, as the journal's sequence. */
	sd_iter_start(&it, t, SD_DB_OUTBOX, NULL, 0, true, NULL, 0);
	if (sd_iter_next(&it) && it.key.mv_size == 8 && sd_be64(it.key.mv_data) > seq)
		seq = sd_be64(it.key.mv_data);
	sd_iter_end(&it);
	return seq + 1;
}

static void
seq_key(uint64_t seq, uint8_t out[8])
{
	struct sd_key k;

	sd_key_reset(&k);
	sd_key_u64(&k, seq);
	memcpy(out, k.b, 8);
}

static sd_status
put_entry(struct sd_txn *t, const uint8_t key[8], json_t *e, struct sd_error *err)
{
	char *text = json_dumps(e, JSON_COMPACT);
	sd_status s;

	if (text == NULL)
		return sd_fail(err, SD_FAIL, _("outbox: out of memory"));
	s = sd_db_put(t, SD_DB_OUTBOX, key, 8, text, strlen(text), _("outbox"), err);
	free(text);
	return s;
}

/*
 * Text from records (a case's subject, an enterprise's name) in a header
 * or a body: control characters become spaces (in a body, line breaks and
 * tabs stay), so no line break can add a header and no escape sequence
 * reaches a reader's terminal mail client.  malloc'd.
 */
static char *
mail_clean(const char *s, bool body)
{
	char *c = sd_xstrdup(s != NULL ? s : "");

	for (unsigned char *p = (unsigned char *)c; *p != '\0'; p++)
		if ((*p < 0x20 || *p == 0x7f) && !(body && (*p == '\n' || *p == '\t')))
			*p = ' ';
	return c;
}

sd_status
outbox_add(struct sd_txn *t, const struct sd_desk *d, const char *to, const char *name_in,
    const char *kind, const char *number, const char *thread, const char *subject_in,
    const char *body_in, struct sd_error *err)
{
	char *name = name_in != NULL ? mail_clean(name_in, false) : NULL;
	char *subject = mail_clean(subject_in, false), *body = mail_clean(body_in, true);
	uint64_t seq = next_seq(t);
	int64_t now = sd_desk_now(d);
	uint8_t key[8];
	char id[160], rnd[13];
	uuid_t u;
	json_t *msg, *e;
	sd_status s;

	/* Unique without the database: the sequence, and random bits for another desk's. */
	uuid_generate_random(u);
	for (int i = 0; i < 6; i++)
		snprintf(rnd + 2 * i, 3, "%02x", u[i]);
	snprintf(id, sizeof id, "<sedesk-%s-%llu.%s@%s>", *number != '\0' ? number : "desk",
	    (unsigned long long)seq, rnd, domain_of(d));
	msg = json_pack("{s:s, s:s, s:s, s:s?, s:s, s:s, s:s, s:I}",
	    "from", d->cfg.mail_from, "from_name", "sedesk", "to", to, "to_name", name,
	    "subject", subject, "body", body, "message_id", id, "date", (json_int_t)now);
	if (msg != NULL && thread != NULL) {
		json_object_set_new(msg, "references", json_pack("[s]", thread));
		json_object_set_new(msg, "in_reply_to", json_string(thread));
	}
	e = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:I, s:I, s:I, s:o}",
	    "to", to, "kind", kind, "case", number, "subject", subject, "message_id", id,
	    "state", "pending", "tries", 0, "created", (json_int_t)now, "next", (json_int_t)now,
	    "sent", (json_int_t)0, "msg", msg);
	if (e == NULL) {
		free(name);
		free(subject);
		free(body);
		return sd_fail(err, SD_FAIL, _("outbox: out of memory"));
	}
	seq_key(seq, key);
	if ((s = sd_db_put(t, SD_DB_META, "outboxseq", 9, &seq, 8, _("outbox"), err)) == SD_OK &&
	    (s = put_entry(t, key, e, err)) == SD_OK)
		s = sd_db_put_flag(t, SD_DB_OUTBOX_DUE, key, 8, _("outbox"), err);
	json_decref(e);
	free(name);
	free(subject);
	free(body);
	if (s == SD_OK)
		mail_queued = true;
	return s;
}

bool
sd_mail_queued(void)
{
	return mail_queued;
}

void
sd_mail_queued_reset(void)
{
	mail_queued = false;
}

static json_t *
load_entry(struct sd_txn *t, const uint8_t key[8])
{
	MDB_val v;

	if (sd_db_get(t, SD_DB_OUTBOX, key, 8, &v, "outbox", NULL) != SD_OK)
		return NULL;
	return json_loadb(v.mv_data, v.mv_size, 0, NULL);
}

static int64_t
num(json_t *e, const char *k)
{
	return (int64_t)json_integer_value(json_object_get(e, k));
}

static char *
str(json_t *e, const char *k)
{
	const char *s = json_string_value(json_object_get(e, k));

	return s != NULL ? sd_xstrdup(s) : NULL;
}

/* --- the list ---------------------------------------------------------------- */

static const char *const state_names[] = { "pending", "failing", "sent" };
static const char *const state_labels[] = { N_("pending"), N_("failing"), N_("sent") };

const char *
sd_outbox_state_name(enum sd_outbox_state s)
{
	return state_names[s];
}

const char *
sd_outbox_state_label(enum sd_outbox_state s)
{
	return _(state_labels[s]);
}

static void
entry_from_json(json_t *j, uint64_t seq, bool due, struct sd_outbox_entry *e)
{
	memset(e, 0, sizeof *e);
	e->seq = seq;
	e->to = str(j, "to");
	e->kind = str(j, "kind");
	e->number = str(j, "case");
	e->subject = str(j, "subject");
	e->message_id = str(j, "message_id");
	e->error = str(j, "error");
	e->created = num(j, "created");
	e->next = num(j, "next");
	e->sent = num(j, "sent");
	e->tries = (unsigned)num(j, "tries");
	e->state = !due ? SD_OUTBOX_SENT : e->tries > 0 ? SD_OUTBOX_FAILING : SD_OUTBOX_PENDING;
}

struct list_op {
	bool all;
	struct sd_outbox_entry *e;
	size_t n;
};

static sd_status
list_in(struct sd_txn *t, struct list_op *op, struct sd_error *err)
{
	struct sd_iter it;
	sd_status s;

	sd_iter_start(&it, t, op->all ? SD_DB_OUTBOX : SD_DB_OUTBOX_DUE, NULL, 0, false, NULL, 0);
	while (sd_iter_next(&it)) {
		MDB_val v;
		json_t *j;
		bool due = !op->all || sd_db_get(t, SD_DB_OUTBOX_DUE, it.key.mv_data, 8, &v,
		    "outbox", NULL) == SD_OK;

		if (it.key.mv_size != 8 || (j = load_entry(t, it.key.mv_data)) == NULL)
			continue;
		op->e = sd_xrealloc(op->e, (op->n + 1) * sizeof *op->e);
		entry_from_json(j, sd_be64(it.key.mv_data), due, &op->e[op->n++]);
		json_decref(j);
	}
	s = sd_iter_status(&it, _("outbox"), err);
	sd_iter_end(&it);
	return s;
}

sd_status
sd_outbox_list(struct sd_desk *d, bool all, struct sd_outbox_entry **out, size_t *n,
    struct sd_error *err)
{
	struct list_op op = { .all = all };
	struct sd_txn t;
	sd_status s;

	*out = NULL;
	*n = 0;
	if ((s = sd_permit(d, SD_ACT_OUTBOX, NULL, err)) != SD_OK)
		return s;
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	s = list_in(&t, &op, err);
	sd_txn_abort(&t);
	if (s != SD_OK) {
		sd_outbox_entries_free(op.e, op.n);
		return s;
	}
	*out = op.e;
	*n = op.n;
	return SD_OK;
}

void
sd_outbox_entries_free(struct sd_outbox_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].to);
		free(e[i].kind);
		free(e[i].number);
		free(e[i].subject);
		free(e[i].message_id);
		free(e[i].error);
	}
	free(e);
}

unsigned
sd_outbox_failing(struct sd_desk *d)
{
	struct sd_iter it;
	struct sd_txn t;
	unsigned n = 0;

	if (d->store == NULL || sd_txn_begin(d->store, false, &t, NULL) != SD_OK)
		return 0;
	sd_iter_start(&it, &t, SD_DB_OUTBOX_DUE, NULL, 0, false, NULL, 0);
	while (sd_iter_next(&it) && n < 1000) {
		json_t *j = it.key.mv_size == 8 ? load_entry(&t, it.key.mv_data) : NULL;

		n += j != NULL && num(j, "tries") > 0;
		json_decref(j);
	}
	sd_iter_end(&it);
	sd_txn_abort(&t);
	return n;
}

/*
 * Whether a mail is due now, read without the writer (a look that finds
 * none writes nothing); *waiting (may be NULL): how many are not due yet.
 */
bool
outbox_look(struct sd_desk *d, unsigned *waiting)
{
	int64_t now = sd_desk_now(d);
	struct sd_iter it;
	struct sd_txn t;
	bool due = false;
	unsigned n = 0;

	if (waiting != NULL)
		*waiting = 0;
	if (d->store == NULL || d->cfg.mail_from == NULL ||
	    sd_txn_begin(d->store, false, &t, NULL) != SD_OK)
		return false;
	sd_iter_start(&it, &t, SD_DB_OUTBOX_DUE, NULL, 0, false, NULL, 0);
	while (sd_iter_next(&it) && !(due && waiting == NULL)) {
		json_t *j = it.key.mv_size == 8 ? load_entry(&t, it.key.mv_data) : NULL;

		if (j != NULL && num(j, "next") <= now)
			due = true;
		else if (j != NULL)
			n++;
		json_decref(j);
	}
	sd_iter_end(&it);
	sd_txn_abort(&t);
	if (waiting != NULL)
		*waiting = n;
	return due;
}

bool
sd_outbox_due(struct sd_desk *d)
{
	return outbox_look(d, NULL);
}

/* --- delivery's transactions ------------------------------------------------------ */

/*
 * Delivery's writes are the desk's housekeeping, not the user's changes:
 * they do not count against [limits] writes_per_minute.
 */
static sd_status
house_write(struct sd_desk *d, sd_write_fn fn, void *arg, struct sd_error *err)
{
	unsigned limit = d->store->rate_limit;
	sd_status s;

	d->store->rate_limit = 0;
	s = sd_store_write(d->store, fn, arg, err);
	d->store->rate_limit = limit;
	return s;
}

struct claim_op {
	struct sd_desk	*d;
	int64_t		 hold;
	size_t		 max;
	struct mail_job	*jobs;
	size_t		 n;
	unsigned	 waiting;
};

static sd_status
claim_in(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct claim_op *op = arg;
	int64_t now = sd_desk_now(op->d);
	struct sd_iter it;
	sd_status s = SD_OK;

	/* A retried transaction (a grown map) starts again from nothing. */
	mail_jobs_free(op->jobs, op->n);
	op->jobs = NULL;
	op->n = 0;
	op->waiting = 0;
	sd_iter_start(&it, t, SD_DB_OUTBOX_DUE, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		uint8_t key[8];
		json_t *j, *msg;
		char *text;

		if (it.key.mv_size != 8)
			continue;
		memcpy(key, it.key.mv_data, 8);
		if ((j = load_entry(t, key)) == NULL)
			continue;
		if (num(j, "next") > now || op->n == op->max) {
			op->waiting++;
			json_decref(j);
			continue;
		}
		msg = json_object_get(j, "msg");
		text = msg != NULL ? json_dumps(msg, JSON_COMPACT) : NULL;
		json_object_set_new(j, "next", json_integer(now + op->hold));
		s = put_entry(t, key, j, err);
		json_decref(j);
		if (text == NULL)
			continue;
		op->jobs = sd_xrealloc(op->jobs, (op->n + 1) * sizeof *op->jobs);
		op->jobs[op->n].seq = sd_be64(key);
		op->jobs[op->n++].msg = text;
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("outbox"), err);
	sd_iter_end(&it);
	return s;
}

sd_status
outbox_claim(struct sd_desk *d, int64_t hold, size_t max, struct mail_job **out, size_t *n,
    unsigned *waiting, struct sd_error *err)
{
	struct claim_op op = { .d = d, .hold = hold, .max = max };
	sd_status s;

	s = house_write(d, claim_in, &op, err);
	if (s != SD_OK) {
		mail_jobs_free(op.jobs, op.n);
		op.jobs = NULL;
		op.n = 0;
	}
	*out = op.jobs;
	*n = op.n;
	*waiting = op.waiting;
	return s;
}

void
mail_jobs_free(struct mail_job *j, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(j[i].msg);
	free(j);
}

struct mark_op {
	struct sd_desk	*d;
	uint64_t	 seq;
	bool		 sent;
	const char	*why;
};

/* Sent entries older than SENT_KEEP_DAYS go: the outbox is not an archive. */
static sd_status
prune(struct sd_txn *t, int64_t now, struct sd_error *err)
{
	struct sd_iter it;
	uint8_t keys[16][8];
	size_t n = 0;
	sd_status s = SD_OK;

	size_t looked = 0;

	/* The oldest first, a few at a time; a mail still failing does not hold the rest. */
	sd_iter_start(&it, t, SD_DB_OUTBOX, NULL, 0, false, NULL, 0);
	while (n < 16 && looked++ < 64 && sd_iter_next(&it)) {
		json_t *j = it.key.mv_size == 8 ? load_entry(t, it.key.mv_data) : NULL;
		bool old = j != NULL && num(j, "sent") != 0 &&
		    num(j, "sent") < now - SENT_KEEP_DAYS * 86400;

		json_decref(j);
		if (old)
			memcpy(keys[n++], it.key.mv_data, 8);
	}
	sd_iter_end(&it);
	for (size_t i = 0; i < n && s == SD_OK; i++)
		s = sd_db_del(t, SD_DB_OUTBOX, keys[i], 8, _("outbox"), err);
	return s;
}

static sd_status
mark_in(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct mark_op *op = arg;
	int64_t now = sd_desk_now(op->d);
	uint8_t key[8];
	json_t *j;
	sd_status s;
	unsigned tries;

	seq_key(op->seq, key);
	if ((j = load_entry(t, key)) == NULL)
		return SD_OK;
	if (op->sent) {
		json_object_set_new(j, "state", json_string("sent"));
		json_object_set_new(j, "sent", json_integer(now));
		json_object_del(j, "error");
		if ((s = put_entry(t, key, j, err)) == SD_OK &&
		    (s = sd_db_del(t, SD_DB_OUTBOX_DUE, key, 8, _("outbox"), err)) == SD_OK)
			s = prune(t, now, err);
	} else {
		tries = (unsigned)num(j, "tries") + 1;
		json_object_set_new(j, "state", json_string("failing"));
		json_object_set_new(j, "tries", json_integer(tries));
		json_object_set_new(j, "next", json_integer(now + mail_backoff(tries)));
		json_object_set_new(j, "error", json_string(op->why != NULL ? op->why : ""));
		s = put_entry(t, key, j, err);
	}
	json_decref(j);
	return s;
}

sd_status
outbox_mark(struct sd_desk *d, uint64_t seq, bool sent, const char *why, struct sd_error *err)
{
	struct mark_op op = { .d = d, .seq = seq, .sent = sent, .why = why };

	return house_write(d, mark_in, &op, err);
}
