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

/*
 * The case's last journal entry: its sequence (0: none) and whether
 * someone other than login wrote it.  The subject index is ordered by
 * sequence, so this is one step of a cursor from the end.
 */
static sd_status
last_entry(struct sd_txn *t, const char *login, struct sd_case_key key, uint64_t *seq,
    bool *other, struct sd_error *err)
{
	uint8_t ck[SD_CASE_KEY_LEN];
	struct sd_iter it;
	struct sd_key k;
	sd_status s = SD_OK;

	*seq = 0;
	*other = false;
	sd_case_key_pack(key, ck);
	sd_key_reset(&k);
	sd_key_u8(&k, SD_SUBJECT_CASE);
	sd_key_bytes(&k, ck, sizeof ck);
	sd_iter_start(&it, t, SD_DB_JOURNAL_BY_SUBJECT, k.b, k.len, true, NULL, 0);
	while (sd_iter_next(&it)) {
		const uint8_t *seqb = (const uint8_t *)it.key.mv_data + k.len;
		struct sd_journal_entry e;
		MDB_val v;

		if (it.key.mv_size != k.len + 8)
			continue;
		if ((s = sd_db_get(t, SD_DB_JOURNAL, seqb, 8, &v, _("journal"), err)) != SD_OK)
			break;
		if (journal_decode(&v, &e)) {
			*seq = sd_be64(seqb);	/* the key holds it, not the record */
			*other = e.actor == NULL || strcmp(e.actor, login) != 0;
			sd_journal_entry_free(&e);
		}
		break;
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("journal"), err);
	sd_iter_end(&it);
	return s;
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
	struct sd_txn t;
	sd_status s;

	if (rows->n == 0 || !keeps_marks(d))
		return SD_OK;
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	for (size_t i = 0; i < rows->n && s == SD_OK; i++) {
		struct sd_case_row *r = &rows->items[i];
		uint64_t last;
		bool other;

		if ((s = last_entry(&t, d->me->login, r->c.key, &last, &other, err)) == SD_OK)
			r->changed = other && last > seen_get(&t, d->me->login, r->c.key);
	}
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
	bool other;
	sd_status s;

	/* Only a case the user may see gets a mark. */
	if ((s = case_resolve_visible(t, op->d, op->number, &c, err)) != SD_OK)
		return s;
	if ((s = last_entry(t, op->d->me->login, c.key, &last, &other, err)) == SD_OK &&
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
	bool other, fresh;
	sd_status s;

	if (!sd_case_number_parse(number, &key))
		return sd_fail(err, SD_INVALID, _("%s is not a case number."), number);
	if (!keeps_marks(d))
		return SD_OK;
	/* Opening a case is a read: write only when the journal moved on. */
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	s = last_entry(&t, d->me->login, key, &last, &other, err);
	fresh = s == SD_OK && last > seen_get(&t, d->me->login, key);
	sd_txn_abort(&t);
	if (s != SD_OK || !fresh)
		return s;
	return sd_store_write_bookmark(d->store, seen_write, &op, err);
}
