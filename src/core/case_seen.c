/*
 * What a user has seen of a case: per login and case, the sequence of the
 * last journal entry there was when they last opened it.  The inbox marks a
 * case whose journal has moved on since, by someone else.
 *
 * The marks live in the meta table ("seen:" login \0 casekey(6) -> seq(8)):
 * one small record per login and case, no new table and so no schema
 * change; an old database simply has none (everything new to everyone).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "journal.h"
#include "keys.h"
#include "page_read.h"
#include "record.h"
#include "sedesk/i18n.h"
#include "store.h"

size_t
day_index_key(uint8_t out[SD_FOLLOWUP_KEY_LEN], const char *prefix, sd_day day,
    struct sd_case_key key)
{
	/* Offset so that the days sort as unsigned big-endian numbers. */
	uint32_t u = (uint32_t)day ^ 0x80000000u;

	memcpy(out, prefix, 9);
	out[9] = u >> 24;
	out[10] = u >> 16;
	out[11] = u >> 8;
	out[12] = u;
	sd_case_key_pack(key, out + 13);
	return SD_FOLLOWUP_KEY_LEN;
}

static void
seen_key(struct sd_key *k, const char *login, struct sd_case_key key)
{
	uint8_t ck[SD_CASE_KEY_LEN];

	sd_case_key_pack(key, ck);
	sd_key_reset(k);
	sd_key_bytes(k, "seen:", 5);
	sd_key_str(k, login);
	sd_key_bytes(k, ck, sizeof ck);
}

/* The mark, 0 when the user never opened the case. */
static uint64_t
seen_get(struct sd_txn *t, const char *login, struct sd_case_key key)
{
	struct sd_key k;
	uint64_t seq = 0;
	MDB_val v;

	seen_key(&k, login, key);
	if (sd_db_get(t, SD_DB_META, k.b, k.len, &v, NULL, NULL) == SD_OK &&
	    v.mv_size == sizeof seq)
		memcpy(&seq, v.mv_data, sizeof seq);
	return seq;
}

/* The prefix of the case's entries in the journal's subject index. */
static void
subject_key(struct sd_key *k, struct sd_case_key key)
{
	uint8_t ck[SD_CASE_KEY_LEN];

	sd_case_key_pack(key, ck);
	sd_key_reset(k);
	sd_key_u8(k, SD_SUBJECT_CASE);
	sd_key_bytes(k, ck, sizeof ck);
}

/*
 * The sequence of the case's last journal entry (0: none), from the
 * subject index alone: it is ordered by sequence, so this is one step of
 * a cursor from the end.
 */
static sd_status
last_entry(struct sd_txn *t, struct sd_case_key key, uint64_t *seq, struct sd_error *err)
{
	struct sd_iter it;
	struct sd_key k;
	sd_status s;

	*seq = 0;
	subject_key(&k, key);
	sd_iter_start(&it, t, SD_DB_JOURNAL_BY_SUBJECT, k.b, k.len, true, NULL, 0);
	while (sd_iter_next(&it)) {
		if (it.key.mv_size != k.len + 8)
			continue;
		*seq = sd_be64((const uint8_t *)it.key.mv_data + k.len);
		break;
	}
	s = sd_iter_status(&it, _("journal"), err);
	sd_iter_end(&it);
	return s;
}

/*
 * last_entry by pread (page_read.c), for the inbox's rows: the subject
 * index's last key of the case.  A key of another length than an entry's
 * leaves it to last_entry's walk, which passes over such keys.
 */
static sd_status
last_entry_peek(struct sd_peek *pk, struct sd_buf *kb, struct sd_case_key key, uint64_t *seq,
    struct sd_error *err)
{
	struct sd_key k;
	sd_status s;

	*seq = 0;
	subject_key(&k, key);
	s = sd_peek_last(pk, SD_DB_JOURNAL_BY_SUBJECT, k.b, k.len, kb, _("journal"), err);
	if (s == SD_NOTFOUND)
		return SD_OK;
	if (s != SD_OK)
		return s;
	if (kb->len != k.len + 8)
		return last_entry(pk->t, key, seq, err);
	*seq = sd_be64((const uint8_t *)kb->data + k.len);
	return SD_OK;
}

/*
 * Whether someone other than login wrote journal entry seq.  Only its
 * actor is read, not the whole entry (an inbox asks this for every row);
 * an entry that cannot be read counts as nobody's change.
 */
static sd_status
entry_by_other(struct sd_peek *pk, struct sd_buf *v, uint64_t seq, const char *login,
    bool *other, struct sd_error *err)
{
	static uint8_t actor_tag;
	struct sd_rec_reader r;
	const uint8_t *p, *actor = NULL;
	uint8_t seqb[8], tag;
	size_t n, alen = 0;
	sd_status s;

	*other = false;
	if (actor_tag == 0)
		actor_tag = sd_rec_field(&sd_journal_record, "actor")->tag;
	for (int i = 0; i < 8; i++)
		seqb[i] = (uint8_t)(seq >> (56 - 8 * i));	/* the journal's key */
	/* A point read of a big table: by pread, not through the map (page_read.c). */
	if ((s = sd_peek_get(pk, SD_DB_JOURNAL, seqb, 8, v, _("journal"), err)) != SD_OK)
		return s;
	if (!sd_rec_open(&r, (const uint8_t *)v->data, v->len, sd_journal_record.type))
		return SD_OK;
	while (sd_rec_next(&r, &tag, &p, &n)) {
		if (tag == actor_tag) {		/* the last of a repeated tag, as decoding */
			actor = p;
			alen = n;
		}
	}
	if (r.bad)
		return SD_OK;
	*other = actor == NULL || alen != strlen(login) || memcmp(actor, login, alen) != 0;
	return SD_OK;
}

/*
 * Marks are for those who work on cases (who may add notes): a manager's
 * interface writes nothing at all (tests/multiuser), so it keeps no marks
 * and its inbox shows none.
 */
static bool
keeps_marks(const struct sd_desk *d)
{
	return sd_officer_may(d->me, SD_ACT_CASE_NOTE);
}

sd_status
case_rows_mark_changed(struct sd_desk *d, struct sd_case_rows *rows, struct sd_error *err)
{
	struct sd_buf v = { 0 };
	struct sd_peek pk;
	struct sd_txn t;
	sd_status s;

	if (rows->n == 0 || !keeps_marks(d))
		return SD_OK;
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	sd_peek_begin(&pk, &t);
	for (size_t i = 0; i < rows->n && s == SD_OK; i++) {
		struct sd_case_row *r = &rows->items[i];
		uint64_t last;
		bool other = false;

		/* Who wrote the last entry matters only when it is newer than the mark. */
		if ((s = last_entry_peek(&pk, &v, r->c.key, &last, err)) == SD_OK &&
		    last > seen_get(&t, d->me->login, r->c.key))
			s = entry_by_other(&pk, &v, last, d->me->login, &other, err);
		r->changed = other;
	}
	sd_peek_end(&pk);
	sd_buf_free(&v);
	sd_txn_abort(&t);
	return s;
}

struct seen_op {
	struct sd_desk		*d;
	const char		*number;
};

static sd_status
seen_write(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct seen_op *op = arg;
	struct sd_case c;
	struct sd_key k;
	uint64_t last;
	sd_status s;

	/* Only a case the user may see gets a mark. */
	if ((s = case_resolve_visible(t, op->d, op->number, &c, err)) != SD_OK)
		return s;
	if ((s = last_entry(t, c.key, &last, err)) == SD_OK &&
	    last > seen_get(t, op->d->me->login, c.key)) {
		seen_key(&k, op->d->me->login, c.key);
		s = sd_db_put(t, SD_DB_META, k.b, k.len, &last, sizeof last, _("seen"), err);
	}
	sd_case_free(&c);
	return s;
}

sd_status
sd_case_seen(struct sd_desk *d, const char *number, struct sd_error *err)
{
	struct seen_op op = { d, number };
	struct sd_case_key key;
	struct sd_txn t;
	uint64_t last;
	bool fresh;
	sd_status s;

	if (!sd_case_number_parse(number, &key))
		return sd_fail(err, SD_INVALID, _("%s is not a case number."), number);
	if (!keeps_marks(d))
		return SD_OK;
	/* Opening a case is a read: write only when the journal moved on. */
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	s = last_entry(&t, key, &last, err);
	fresh = s == SD_OK && last > seen_get(&t, d->me->login, key);
	sd_txn_abort(&t);
	if (s != SD_OK || !fresh)
		return s;
	return sd_store_write_bookmark(d->store, seen_write, &op, err);
}
