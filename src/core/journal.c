/*
 * The journal: entries keyed by a global sequence (appends at the end of
 * the tree), with an index per subject for a case's or enterprise's history.
 */
#include <stddef.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

#include "internal.h"
#include "sedesk/i18n.h"
#include "journal.h"
#include "keys.h"
#include "mail_int.h"
#include "record.h"

enum {
	JT_AT = 1, JT_ACTOR, JT_KIND, JT_TEXT, JT_FIELD, JT_OLD, JT_NEW, JT_DEPT, JT_SUBJECT,
};

#define J(m)	offsetof(struct sd_journal_entry, m)
#define TEXT(tag, name, label, flags, m) \
	{ { name, label, SD_FK_TEXT, (flags), 0 }, tag, J(m), 0, NULL, NULL }
#define LONG_TEXT(tag, name, label, flags, m) \
	{ { name, label, SD_FK_TEXT, (flags), 20000 }, tag, J(m), 0, NULL, NULL }

/* The subject's key follows its kind byte, as the SUBJECT kind reads it. */
_Static_assert(offsetof(struct sd_journal_entry, subject) ==
    offsetof(struct sd_journal_entry, subject_kind) + 1, "subject layout");

/*
 * A journal entry's fields in tag order.  Its time must be well-formed;
 * old and new values are those of one field change.
 */
static const struct sd_field_def journal_fields[] = {
	{ { "at", N_("time"), SD_FK_TIME, SD_FF_STRICT, 0 }, JT_AT, J(at), 0, NULL, NULL },
	TEXT(JT_ACTOR, "actor", N_("actor"), SD_FF_PERSONAL, actor),
	TEXT(JT_KIND, "kind", N_("kind"), 0, kind),
	/* Notes, answers, reasons: as long as a case's description. */
	LONG_TEXT(JT_TEXT, "text", N_("text"), SD_FF_PERSONAL | SD_FF_MULTILINE | SD_FF_SEARCH, text),
	TEXT(JT_FIELD, "field", N_("field"), 0, field),
	TEXT(JT_OLD, "old", N_("old value"), SD_FF_PERSONAL | SD_FF_MULTILINE, old_value),
	TEXT(JT_NEW, "new", N_("new value"), SD_FF_PERSONAL | SD_FF_MULTILINE, new_value),
	TEXT(JT_DEPT, "department", N_("department"), 0, dept),
	{ { "subject", N_("subject"), SD_FK_SUBJECT, 0, 17 }, JT_SUBJECT, J(subject_kind),
	    J(subject_len), NULL, NULL },
};
#undef TEXT
#undef LONG_TEXT
#undef J

const struct sd_record_def sd_journal_record =
    SD_RECORD_DEF(SD_REC_JOURNAL, journal_fields, struct sd_journal_entry);

static void
subject_key(struct sd_key *k, uint8_t kind, const void *key, size_t klen)
{
	sd_key_reset(k);
	sd_key_u8(k, kind);
	sd_key_bytes(k, key, klen);
}

/*
 * Entries e[0..n) appended in this order with consecutive sequence numbers
 * (each e[i].seq set), in the write transaction t.  The counter is read
 * and written once for them all, one buffer encodes them, and the
 * transaction's cursor on the journal (store.h) puts them with MDB_APPEND
 * (the keys are above every key there: a full page is split by starting
 * a new one, not by moving half of it, and a key that is not above the
 * last is refused rather than replaced).  Their subject index entries go
 * through the transaction's cursor on that index: a subject's keys follow
 * one another, as do a bulk import's new cases', and LMDB puts a key that
 * falls within the cursor's page without a search from the root.  A bulk
 * import writes a case's six or seven entries together; appended alone,
 * each read the counter and the journal's last key and wrote the counter.
 */
sd_status
sd_journal_append_n(struct sd_txn *t, struct sd_journal_entry *e, size_t n,
    struct sd_error *err)
{
	const char *what = _("journal");
	struct sd_buf rec = { 0 };
	struct sd_key k;
	MDB_cursor *cur, *sub;
	MDB_val v, lk;
	uint64_t seq = 0;
	uint8_t seqb[8];
	sd_status s;
	int rc;

	if (n == 0)
		return SD_OK;
	/*
	 * The sequence lives in the meta table; the writer lock makes it safe.
	 * It never goes below the last entry, even if the counter was damaged,
	 * so no entry is ever replaced.
	 */
	s = sd_db_get(t, SD_DB_META, "journalseq", 10, &v, what, err);
	if (s == SD_OK && v.mv_size == 8)
		memcpy(&seq, v.mv_data, 8);
	else if (s != SD_OK && s != SD_NOTFOUND)
		return s;
	/* None: a read transaction (a mistake of the caller), or LMDB out of memory. */
	if ((cur = sd_txn_cursor(t, SD_DB_JOURNAL)) == NULL ||
	    (sub = sd_txn_cursor(t, SD_DB_JOURNAL_BY_SUBJECT)) == NULL)
		return sd_txn_error(t, t->write ? ENOMEM : EINVAL, what, err);
	t->st->reads++;
	rc = mdb_cursor_get(cur, &lk, &v, MDB_LAST);
	if (rc == 0 && lk.mv_size == 8 && sd_be64(lk.mv_data) > seq)
		seq = sd_be64(lk.mv_data);
	if (rc != 0 && rc != MDB_NOTFOUND)
		s = sd_txn_error(t, rc, what, err);
	else {
		uint64_t last = seq + n;
		s = sd_db_put(t, SD_DB_META, "journalseq", 10, &last, 8, what, err);
	}
	for (size_t i = 0; s == SD_OK && i < n; i++) {
		MDB_val kv = { 8, seqb };

		e[i].seq = ++seq;
		sd_rec_encode(&rec, &sd_journal_record, &e[i]);
		sd_key_reset(&k);
		sd_key_u64(&k, seq);
		memcpy(seqb, k.b, 8);
		v.mv_size = rec.len;
		v.mv_data = rec.data;
		if ((rc = mdb_cursor_put(cur, &kv, &v, MDB_APPEND)) != 0)
			s = sd_txn_error(t, rc, what, err);
		if (s == SD_OK) {
			MDB_val sk, one = { 1, (void *)"" };

			subject_key(&k, e[i].subject_kind, e[i].subject, e[i].subject_len);
			sd_key_bytes(&k, seqb, 8);
			sk.mv_size = k.len;
			sk.mv_data = k.b;
			/* As sd_db_put_flag: an empty flag value of one byte. */
			if ((rc = mdb_cursor_put(sub, &sk, &one, 0)) != 0)
				s = sd_txn_error(t, rc, what, err);
		}
	}
	sd_buf_free(&rec);
	return s;
}

sd_status
sd_journal_append(struct sd_txn *t, struct sd_journal_entry *e, struct sd_error *err)
{
	return sd_journal_append_n(t, e, 1, err);
}

bool
journal_decode(const MDB_val *v, struct sd_journal_entry *e)
{
	return sd_rec_decode(&sd_journal_record, v->mv_data, v->mv_size, e);
}

sd_status
sd_journal_read(struct sd_txn *t, enum sd_subject_kind kind, const void *key, size_t klen,
    struct sd_journal_entry **out, size_t *n, struct sd_error *err)
{
	return sd_journal_read_page(t, kind, key, klen, 0, SIZE_MAX, out, n, NULL, err);
}

sd_status
sd_journal_read_page(struct sd_txn *t, enum sd_subject_kind kind, const void *key, size_t klen,
    uint64_t after, size_t limit, struct sd_journal_entry **out, size_t *n, bool *more,
    struct sd_error *err)
{
	struct sd_journal_entry *list = NULL;
	size_t count = 0, cap = 0;
	struct sd_iter it;
	struct sd_key k, from;
	sd_status s = SD_OK;

	*out = NULL;
	*n = 0;
	if (more != NULL)
		*more = false;
	subject_key(&k, kind, key, klen);
	/* The index is ordered by sequence within a subject: start after the last one read. */
	from = k;
	sd_key_u64(&from, after);
	sd_iter_start(&it, t, SD_DB_JOURNAL_BY_SUBJECT, k.b, k.len, false,
	    after > 0 ? from.b : NULL, after > 0 ? from.len : 0);
	while (sd_iter_next(&it)) {
		MDB_val v;
		const uint8_t *seqb = (const uint8_t *)it.key.mv_data + k.len;

		if (it.key.mv_size != k.len + 8)
			continue;
		if (count == limit) {
			if (more != NULL)
				*more = true;
			break;
		}
		if ((s = sd_db_get(t, SD_DB_JOURNAL, seqb, 8, &v, _("journal"), err)) != SD_OK) {
			/* The index names an entry that is not there. */
			if (s == SD_NOTFOUND)
				s = sd_txn_error(t, MDB_CORRUPTED, _("journal"), err);
			break;
		}
		if (count == cap) {
			cap = cap ? cap * 2 : 16;
			list = sd_xrealloc(list, cap * sizeof *list);
		}
		if (!journal_decode(&v, &list[count])) {
			sd_journal_entry_free(&list[count]);
			s = sd_fail(err, SD_FAIL, _("journal entry %llu cannot be read; run `sedesk check`."),
			    (unsigned long long)sd_be64(seqb));
			break;
		}
		list[count++].seq = sd_be64(seqb);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("journal"), err);
	sd_iter_end(&it);
	if (s != SD_OK) {
		sd_journal_entries_free(list, count);
		return s;
	}
	*out = list;
	*n = count;
	return SD_OK;
}

void
sd_journal_entry_free(struct sd_journal_entry *e)
{
	sd_rec_free(&sd_journal_record, e);
}

void
sd_journal_entries_free(struct sd_journal_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sd_journal_entry_free(&e[i]);
	free(e);
}

/* --- helpers for the core's write actions -------------------------------------- */

uint64_t
journal_last_seq(struct sd_txn *t)
{
	struct sd_iter it;
	uint64_t last = 0;

	sd_iter_start(&it, t, SD_DB_JOURNAL, NULL, 0, true, NULL, 0);
	if (sd_iter_next(&it) && it.key.mv_size == 8)
		last = sd_be64(it.key.mv_data);
	sd_iter_end(&it);
	return last;
}

sd_status
journal_case(struct sd_txn *t, const struct sd_desk *d, struct sd_case_key key,
    const char *kind, const char *dept, const char *text, struct sd_error *err)
{
	struct sd_journal_entry e = { 0 };
	sd_status s;

	e.at = sd_desk_now(d);
	e.actor = d->me->login;
	e.kind = (char *)kind;
	e.dept = (char *)dept;
	e.text = (char *)text;
	e.subject_kind = SD_SUBJECT_CASE;
	sd_case_key_pack(key, e.subject);
	e.subject_len = SD_CASE_KEY_LEN;
	if ((s = sd_journal_append(t, &e, err)) != SD_OK)
		return s;
	/* The mail an entry causes is queued with it (mailout: mail_queue.c). */
	return mail_on_case_entry(t, d, key, kind, dept, err);
}

sd_status
journal_field(struct sd_txn *t, const struct sd_desk *d, uint8_t subject_kind,
    const void *subject, size_t slen, const char *field, const char *old_value,
    const char *new_value, struct sd_error *err)
{
	struct sd_journal_entry e = { 0 };

	e.at = sd_desk_now(d);
	e.actor = d->me->login;
	e.kind = (char *)"field";
	e.field = (char *)field;
	e.old_value = (char *)old_value;
	e.new_value = (char *)new_value;
	e.subject_kind = subject_kind;
	memcpy(e.subject, subject, slen);
	e.subject_len = slen;
	return sd_journal_append(t, &e, err);
}
