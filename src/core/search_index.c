/*
 * Keeping the search index: each document (an enterprise, or a case with
 * its journal) has its terms stored beside it, so an update changes only
 * the postings of the terms that came or went, in the same transaction as
 * the change itself.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "profile_int.h"
#include "event_internal.h"
#include "sedesk/fields.h"
#include "sedesk/date.h"
#include "sedesk/i18n.h"
#include "keys.h"
#include "moment_internal.h"
#include "opportunity_internal.h"
#include "sedesk/number.h"
#include "sedesk/search.h"
#include "sedesk/text.h"

/* --- documents ----------------------------------------------------------------- */

static size_t
docid_case(uint8_t out[1 + SD_CASE_KEY_LEN], struct sd_case_key key)
{
	out[0] = 'C';
	sd_case_key_pack(key, out + 1);
	return 1 + SD_CASE_KEY_LEN;
}

/*
 * An enterprise's document id carries the time it last changed before its
 * id, so that a term's postings come most recently active first, as
 * cases' come newest first.
 */
size_t
docid_ent(uint8_t out[SD_DOCID_ENT_LEN], const struct sd_enterprise *e)
{
	struct sd_key k;

	sd_key_reset(&k);
	sd_key_u8(&k, 'E');
	sd_key_u64(&k, (uint64_t)e->updated);
	sd_key_bytes(&k, e->id, SD_UUID_LEN);
	memcpy(out, k.b, k.len);
	return k.len;
}

/* A number in every spelling people type: 0403.170.701, 0403170701, 403170701. */
static void
add_number_terms(struct termset *ts, const char *number)
{
	char digits[SD_NUMBER_MAX];
	size_t n = 0;

	if (number == NULL)
		return;
	for (const char *p = number; *p != '\0' && n + 1 < sizeof digits; p++) {
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	}
	digits[n] = '\0';
	terms_add(ts, digits);
	if (n == 10 && digits[0] == '0')
		terms_add(ts, digits + 1);
}

/* The words of the fields a record's table marks searchable (SD_FF_SEARCH). */
static void
searchable_terms(enum sd_record_kind kind, const void *rec, struct termset *ts)
{
	struct sd_field_iter it;
	struct sd_field_value v;

	sd_record_fields(kind, rec, &it);
	while (sd_field_next(&it, &v))
		if (v.info->flags & SD_FF_SEARCH)
			terms_add_text(ts, v.text);
}

static void
enterprise_terms(const struct sd_enterprise *e, struct termset *ts)
{
	searchable_terms(SD_RECORD_ENTERPRISE, e, ts);
	add_number_terms(ts, e->f[SD_EF_NUMBER]);
	profile_terms(e, ts);
	terms_finish(ts);
}

static sd_status
case_terms(struct sd_txn *t, const struct sd_case *c, const struct sd_journal_entry *given,
    size_t ngiven, struct termset *ts, struct sd_error *err)
{
	uint8_t ck[SD_CASE_KEY_LEN];
	char num[SD_CASE_NUMBER_MAX];
	struct sd_journal_entry *read = NULL;
	const struct sd_journal_entry *j = given;
	size_t nj = ngiven;
	sd_status s;

	sd_case_number_format(c->key, num);
	terms_add(ts, num);
	searchable_terms(SD_RECORD_CASE, c, ts);
	sd_case_key_pack(c->key, ck);
	if (given == NULL) {
		s = sd_journal_read(t, SD_SUBJECT_CASE, ck, sizeof ck, &read, &nj, err);
		if (s != SD_OK)
			return s;
		j = read;
	}
	/* Notes, answers and reasons: a word from the journal finds the case. */
	for (size_t i = 0; i < nj; i++) {
		/* "created" repeats the first subject, which an edit may have replaced. */
		if (j[i].field == NULL && j[i].kind != NULL && strcmp(j[i].kind, "created") != 0)
			terms_add_text(ts, j[i].text);
	}
	if (read != NULL)
		sd_journal_entries_free(read, nj);
	terms_finish(ts);
	return SD_OK;
}

/* --- postings ------------------------------------------------------------------ */

#define WHAT _("search index")

static sd_status
adjust_df(struct sd_txn *t, const char *term, int delta, struct sd_error *err)
{
	uint32_t df = 0;
	MDB_val v;
	sd_status s = sd_db_get(t, SD_DB_SEARCH_DF, term, strlen(term), &v, WHAT, err);

	if (s == SD_OK && v.mv_size == sizeof df)
		memcpy(&df, v.mv_data, sizeof df);
	else if (s != SD_OK && s != SD_NOTFOUND)
		return s;
	df = delta < 0 ? (df > 0 ? df - 1 : 0) : df + 1;
	if (df == 0)
		return sd_db_del(t, SD_DB_SEARCH_DF, term, strlen(term), WHAT, err);
	return sd_db_put(t, SD_DB_SEARCH_DF, term, strlen(term), &df, sizeof df, WHAT, err);
}

static sd_status
posting(struct sd_txn *t, const char *term, const uint8_t *docid, size_t dlen, bool put,
    struct sd_error *err)
{
	struct sd_key k;
	bool changed;
	sd_status s;

	sd_key_reset(&k);
	sd_key_str(&k, term);
	sd_key_bytes(&k, docid, dlen);
	/*
	 * In a bulk chunk: kept, and written in key order when it commits
	 * (its document count from the key's term: one not cut short).
	 */
	if (t->st->sb != NULL && t->write && strlen(term) <= SD_KEY_STR_MAX &&
	    search_batch_add(t->st->sb, SD_DB_SEARCH_POST, k.b, k.len, put ? "" : NULL, put))
		return SD_OK;
	/*
	 * The document count follows the postings the table holds: while a
	 * bulk job's runs are pending (bulk_run.c) a posting may be in a run
	 * and not yet here, and a count moved by the operation instead of by
	 * the table would be off after the merge.
	 */
	s = put ? sd_db_put_absent(t, SD_DB_SEARCH_POST, k.b, k.len, &changed, WHAT, err) :
	    sd_db_del_found(t, SD_DB_SEARCH_POST, k.b, k.len, &changed, WHAT, err);
	if (s != SD_OK || !changed)
		return s;
	return adjust_df(t, term, put ? 1 : -1, err);
}

static bool
in_sorted(char *const *terms, size_t n, const char *term)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(terms[mid], term);
		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/*
 * Replaces a document's terms with ts (sorted, unique): only the difference
 * is written.  fresh: a document that cannot be there yet (a new
 * enterprise's id is new), so its old terms are not looked for.
 */
static sd_status
index_doc_as(struct sd_txn *t, const uint8_t *docid, size_t dlen, const struct termset *ts,
    bool fresh, struct sd_error *err)
{
	struct termset old = { 0 };
	struct sd_buf packed = { 0 };
	MDB_val v;
	sd_status s = fresh ? SD_NOTFOUND : sd_db_get(t, SD_DB_SEARCH_DOC, docid, dlen, &v, WHAT, err);

	if (s == SD_OK) {
		const char *p = v.mv_data, *end = p + v.mv_size;
		while (p < end) {
			size_t n = strnlen(p, (size_t)(end - p));
			terms_add_n(&old, p, n);
			p += n + 1;
		}
		terms_finish(&old);
	} else if (s != SD_NOTFOUND) {
		return s;
	}
	s = SD_OK;
	for (size_t i = 0; i < old.n && s == SD_OK; i++) {
		if (!in_sorted(ts->terms, ts->n, old.terms[i]))
			s = posting(t, old.terms[i], docid, dlen, false, err);
	}
	for (size_t i = 0; i < ts->n && s == SD_OK; i++) {
		if (!in_sorted(old.terms, old.n, ts->terms[i]))
			s = posting(t, ts->terms[i], docid, dlen, true, err);
		sd_buf_add(&packed, ts->terms[i], strlen(ts->terms[i]) + 1);
	}
	if (s == SD_OK)
		s = sd_db_put(t, SD_DB_SEARCH_DOC, docid, dlen, packed.data ? packed.data : "",
		    packed.len, WHAT, err);
	terms_free(&old);
	sd_buf_free(&packed);
	return s;
}

static sd_status
index_doc(struct sd_txn *t, const uint8_t *docid, size_t dlen, const struct termset *ts,
    struct sd_error *err)
{
	return index_doc_as(t, docid, dlen, ts, false, err);
}

static sd_status
index_enterprise(struct sd_txn *t, const struct sd_enterprise *old,
    const struct sd_enterprise *e, bool fresh, struct sd_error *err)
{
	uint8_t docid[SD_DOCID_ENT_LEN];
	struct termset ts = { 0 };
	size_t dlen;
	sd_status s;

	/* The document id moves with the time of change: the old one goes. */
	if (old != NULL && old->updated != e->updated) {
		dlen = docid_ent(docid, old);
		if ((s = index_doc(t, docid, dlen, &ts, err)) != SD_OK)
			return s;
		if ((s = sd_db_del(t, SD_DB_SEARCH_DOC, docid, dlen, WHAT, err)) != SD_OK)
			return s;
	}
	dlen = docid_ent(docid, e);
	enterprise_terms(e, &ts);
	s = index_doc_as(t, docid, dlen, &ts, fresh, err);
	terms_free(&ts);
	return s;
}

sd_status
search_index_enterprise(struct sd_txn *t, const struct sd_enterprise *old,
    const struct sd_enterprise *e, struct sd_error *err)
{
	return index_enterprise(t, old, e, false, err);
}

/* An enterprise just made (its id is new): nothing of it is in the index to compare with. */
sd_status
search_index_enterprise_new(struct sd_txn *t, const struct sd_enterprise *e,
    struct sd_error *err)
{
	return index_enterprise(t, NULL, e, true, err);
}

/* An event's searchable fields (title, place, description) as document 'V' uuid. */
sd_status
search_index_event(struct sd_txn *t, const struct sd_event *e, struct sd_error *err)
{
	uint8_t docid[1 + SD_UUID_LEN];
	struct termset ts = { 0 };
	sd_status s;

	docid[0] = 'V';
	memcpy(docid + 1, e->id, SD_UUID_LEN);
	searchable_terms(SD_RECORD_EVENT, e, &ts);
	terms_finish(&ts);
	s = index_doc(t, docid, sizeof docid, &ts, err);
	terms_free(&ts);
	return s;
}

/* fresh: as index_doc_as's (a case just made has a new key: no document yet). */
static sd_status
index_case(struct sd_txn *t, const struct sd_case *c, const struct sd_journal_entry *j,
    size_t nj, bool fresh, struct sd_error *err)
{
	uint8_t docid[1 + SD_CASE_KEY_LEN];
	struct termset ts = { 0 };
	size_t dlen = docid_case(docid, c->key);
	sd_status s;

	if ((s = case_terms(t, c, j, nj, &ts, err)) == SD_OK)
		s = index_doc_as(t, docid, dlen, &ts, fresh, err);
	terms_free(&ts);
	return s;
}

sd_status
search_index_case(struct sd_txn *t, const struct sd_case *c, struct sd_error *err)
{
	return index_case(t, c, NULL, 0, false, err);
}

/*
 * The same with the case's whole journal given (a bulk import has just
 * written it): not read back and decoded again, 5 % of a case import.
 * The case is new (its key is the sequence's next), so no document of it
 * is looked for either.
 */
sd_status
search_index_case_journal(struct sd_txn *t, const struct sd_case *c,
    const struct sd_journal_entry *j, size_t nj, struct sd_error *err)
{
	static const struct sd_journal_entry none;

	return index_case(t, c, nj > 0 ? j : &none, nj, true, err);
}

/*
 * An opportunity's document: 'O' and its uuid.  Its searchable fields,
 * its kind's stable name, its department and NACE codes (no translated
 * words, as a moment's), so "groenonderhoud" or "81.300" finds it.
 */
sd_status
search_index_opp(struct sd_txn *t, const struct sd_opportunity *o, struct sd_error *err)
{
	uint8_t docid[1 + SD_UUID_LEN];
	struct termset ts = { 0 };
	sd_status s;

	docid[0] = 'O';
	memcpy(docid + 1, o->id, SD_UUID_LEN);
	searchable_terms(SD_RECORD_OPPORTUNITY, o, &ts);
	terms_add_text(&ts, sd_opp_kind_name(o->kind));
	terms_add_text(&ts, o->dept);
	terms_add_text(&ts, o->nace);
	terms_finish(&ts);
	s = index_doc(t, docid, sizeof docid, &ts, err);
	terms_free(&ts);
	return s;
}

/*
 * A contact moment's document: 'M' and its uuid.  Its report, its kind's
 * stable name and its departments (no translated words: `check` rebuilds
 * the index in whatever language it runs in), so "visit" or a department
 * finds it.
 */
sd_status
search_index_moment(struct sd_txn *t, const struct sd_moment *m, struct sd_error *err)
{
	uint8_t docid[1 + SD_UUID_LEN];
	struct termset ts = { 0 };
	char *depts;
	sd_status s;

	docid[0] = 'M';
	memcpy(docid + 1, m->id, SD_UUID_LEN);
	searchable_terms(SD_RECORD_MOMENT, m, &ts);
	terms_add_text(&ts, sd_channel_name(m->kind));
	depts = sd_xstrdup(m->departments);
	for (char *p = depts; p != NULL && *p; p++)
		if (*p == ',')
			*p = ' ';
	terms_add_text(&ts, depts);
	free(depts);
	terms_finish(&ts);
	s = index_doc(t, docid, sizeof docid, &ts, err);
	terms_free(&ts);
	return s;
}

/*
 * After an action that only appended journal entries (everything but an
 * edit of the case's fields), the document keeps its terms and gains those
 * of the new entries: no need to read and fold the whole journal again.
 */
sd_status
search_index_case_since(struct sd_txn *t, const struct sd_case *c, uint64_t since,
    struct sd_error *err)
{
	uint8_t docid[1 + SD_CASE_KEY_LEN], ck[SD_CASE_KEY_LEN];
	size_t dlen = docid_case(docid, c->key);
	struct termset ts = { 0 };
	struct sd_iter it;
	struct sd_key k;
	MDB_val v;
	sd_status s;

	s = sd_db_get(t, SD_DB_SEARCH_DOC, docid, dlen, &v, WHAT, err);
	if (s == SD_NOTFOUND)
		return search_index_case(t, c, err);	/* not indexed yet: all of it */
	if (s != SD_OK)
		return s;
	for (const char *p = v.mv_data, *end = p + v.mv_size; p < end; ) {
		size_t n = strnlen(p, (size_t)(end - p));
		terms_add_n(&ts, p, n);
		p += n + 1;
	}
	/* The case's journal, newest first, down to the entries before the action. */
	sd_case_key_pack(c->key, ck);
	sd_key_reset(&k);
	sd_key_u8(&k, SD_SUBJECT_CASE);
	sd_key_bytes(&k, ck, sizeof ck);
	sd_iter_start(&it, t, SD_DB_JOURNAL_BY_SUBJECT, k.b, k.len, true, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		const uint8_t *seqb = (const uint8_t *)it.key.mv_data + k.len;
		struct sd_journal_entry e;
		if (it.key.mv_size != k.len + 8 || sd_be64(seqb) <= since)
			break;
		if ((s = sd_db_get(t, SD_DB_JOURNAL, seqb, 8, &v, WHAT, err)) == SD_FAIL)
			break;
		if (s != SD_OK || !journal_decode(&v, &e)) {
			s = sd_fail(err, SD_FAIL, _("a journal entry cannot be read; run `sedesk check`."));
			break;
		}
		if (e.field == NULL && e.kind != NULL && strcmp(e.kind, "created") != 0)
			terms_add_text(&ts, e.text);
		sd_journal_entry_free(&e);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, WHAT, err);
	sd_iter_end(&it);
	terms_finish(&ts);
	if (s == SD_OK)
		s = index_doc(t, docid, dlen, &ts, err);
	terms_free(&ts);
	return s;
}

/* The rebuild (sedesk reindex) is in reindex.c. */
