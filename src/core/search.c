/*
 * Answering a search: parse the query, walk the postings of its rarest
 * term newest first (a word, or the terms the word being typed begins,
 * merged), look the other words up on each candidate (a seek each), rank
 * exact number or name matches first, and make snippets only for the hits
 * shown.  Nothing is cached between searches: every answer is read in its
 * own read transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "event_internal.h"
#include "sedesk/i18n.h"
#include "keys.h"
#include "record.h"
#include "moment_internal.h"
#include "opportunity_internal.h"
#include "search_read.h"
#include "sedesk/number.h"
#include "sedesk/search.h"
#include "sedesk/text.h"

/*
 * What a failing read names: translated once per search (search_run sets
 * it), not on each of the thousand reads a search makes (gettext was 7% of
 * a rare word's search).
 */
static const char *what_search;
#define WHAT	what_search

#define MAX_WORDS	16
#define MAX_PHRASES	4
#define PREFIX_TERMS	64	/* terms a prefix may expand to (its commonest) */
#define PREFIX_SCAN	4096	/* terms a prefix's expansion reads at most */
#define PREFIX_PROBE	8	/* up to so many, a document is asked for each */

struct query {
	char	*words[MAX_WORDS];	/* every one must be a term of the document */
	size_t	 nwords;
	char	*prefix;		/* the last word, still being typed */
	char	*phrases[MAX_PHRASES];	/* folded words joined by one space */
	size_t	 nphrases;
	char	 ent_number[SD_NUMBER_MAX];
	bool	 is_case_number;
	struct sd_case_key case_key;
	char	*folded;		/* the whole query, for exact names */
	bool	 too_many;		/* more than MAX_WORDS words */
	/*
	 * The terms the prefix begins, read in the search's transaction: the
	 * commonest PREFIX_TERMS of them, with their document counts;
	 * pcomplete when that is every one.
	 */
	char	*pterms[PREFIX_TERMS];
	uint32_t pdf[PREFIX_TERMS];
	size_t	 npterms;
	bool	 pcomplete;
	uint64_t pdf_sum;
};

static void
query_free(struct query *q)
{
	for (size_t i = 0; i < q->nwords; i++)
		free(q->words[i]);
	for (size_t i = 0; i < q->nphrases; i++)
		free(q->phrases[i]);
	for (size_t i = 0; i < q->npterms; i++)
		free(q->pterms[i]);
	free(q->prefix);
	free(q->folded);
	memset(q, 0, sizeof *q);
}

static void
add_word(struct query *q, const char *w, size_t n)
{
	if (n < 2)
		return;
	if (q->nwords == MAX_WORDS) {
		q->too_many = true;
		return;
	}
	q->words[q->nwords++] = sd_xstrndup(w, n);
}

static int
collect(const char *w, size_t n, void *arg)
{
	add_word(arg, w, n);
	return 0;
}

struct phrase_build {
	struct query	*q;
	struct sd_buf	 b;
};

static int
collect_phrase(const char *w, size_t n, void *arg)
{
	struct phrase_build *pb = arg;

	if (pb->b.len > 0)
		sd_buf_adds(&pb->b, " ");
	sd_buf_add(&pb->b, w, n);
	add_word(pb->q, w, n);
	return 0;
}

/*
 * Splits the query into words, phrases, numbers and the prefix being
 * typed; false when it has more words than a search takes.
 */
static bool
parse(const char *text, struct query *q)
{
	const char *p = text;
	bool last_plain = false;
	char *trimmed = sd_trim(sd_xstrdup(text));

	memset(q, 0, sizeof *q);
	q->folded = sd_fold(trimmed);
	/*
	 * A whole query that is a number is that number alone ("BE 0403.170.701"
	 * too).  Case numbers first: the digits of 2026-00039 would also pass
	 * as an old KBO number.
	 */
	if (sd_case_number_parse(trimmed, &q->case_key)) {
		char cn[SD_CASE_NUMBER_MAX];
		q->is_case_number = true;
		sd_case_number_format(q->case_key, cn);
		add_word(q, cn, strlen(cn));
		free(trimmed);
		return true;
	}
	if (sd_number_normalise(trimmed, q->ent_number, NULL) != SD_NUMBER_NONE) {
		char digits[SD_NUMBER_MAX];
		size_t n = 0;
		for (char *d = q->ent_number; *d; d++)
			if (*d >= '0' && *d <= '9')
				digits[n++] = *d;
		add_word(q, digits, n);
		free(trimmed);
		return true;
	}
	q->ent_number[0] = '\0';
	free(trimmed);
	while (*p != '\0') {
		const char *start;
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (*p == '\0')
			break;
		if (*p == '"') {
			struct phrase_build pb = { q, { 0 } };
			char *inner, *folded;
			start = ++p;
			while (*p != '\0' && *p != '"')
				p++;
			inner = sd_xstrndup(start, (size_t)(p - start));
			folded = sd_fold(inner);
			fold_words(folded, collect_phrase, &pb);
			if (pb.b.len > 0 && q->nphrases < MAX_PHRASES)
				q->phrases[q->nphrases++] = sd_buf_take(&pb.b);
			sd_buf_free(&pb.b);
			free(inner);
			free(folded);
			if (*p == '"')
				p++;
			last_plain = false;
			continue;
		}
		start = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '"')
			p++;
		{
			char *token = sd_xstrndup(start, (size_t)(p - start)), num[SD_NUMBER_MAX];
			struct sd_case_key key;
			last_plain = false;
			if (sd_number_normalise(token, num, NULL) != SD_NUMBER_NONE) {
				/* Indexed as bare digits; see add_number_terms(). */
				char digits[SD_NUMBER_MAX];
				size_t n = 0;
				for (char *d = num; *d; d++)
					if (*d >= '0' && *d <= '9')
						digits[n++] = *d;
				add_word(q, digits, n);
			} else if (sd_case_number_parse(token, &key)) {
				char cn[SD_CASE_NUMBER_MAX];
				sd_case_number_format(key, cn);
				add_word(q, cn, strlen(cn));
			} else {
				char *folded = sd_fold(token);
				size_t before = q->nwords;
				fold_words(folded, collect, q);
				free(folded);
				last_plain = q->nwords > before;
			}
			free(token);
		}
	}
	/* The word still being typed (no space after it) matches as a prefix. */
	if (last_plain && q->nwords > 0 && *text != '\0' &&
	    strchr(" \t\n\"", text[strlen(text) - 1]) == NULL) {
		q->prefix = q->words[--q->nwords];
	}
	return !q->too_many;
}

/* --- candidates ------------------------------------------------------------------ */

/*
 * The lookups below say yes or no in *yes; a key that is absent is a no,
 * and only a failing store is an error.
 */
static sd_status
found(sd_status s, bool *yes)
{
	*yes = s == SD_OK;
	return s == SD_NOTFOUND ? SD_OK : s;
}

/* The number of documents with term (0 when none). */
static sd_status
doc_freq(struct sd_txn *t, const char *term, uint32_t *df, struct sd_error *err)
{
	MDB_val v;
	bool yes;
	sd_status s;

	*df = 0;
	s = found(sd_db_get(t, SD_DB_SEARCH_DF, term, strlen(term), &v, WHAT, err), &yes);
	if (yes && v.mv_size == sizeof *df)
		memcpy(df, v.mv_data, sizeof *df);
	return s;
}

static sd_status
has_term(struct sd_txn *t, const char *term, const uint8_t *docid, size_t dlen, bool *yes,
    struct sd_error *err)
{
	struct sd_key k;
	MDB_val v;

	sd_key_reset(&k);
	sd_key_str(&k, term);
	sd_key_bytes(&k, docid, dlen);
	return found(sd_db_get(t, SD_DB_SEARCH_POST, k.b, k.len, &v, WHAT, err), yes);
}

/*
 * Reads the terms the prefix begins from the document counts (in term
 * order, so a prefix's terms stand together), keeping the commonest
 * PREFIX_TERMS: a walk driven by the prefix merges their postings.  At most
 * PREFIX_SCAN are read, so a prefix of two letters costs a bounded read.
 */
static sd_status
expand_prefix(struct sd_txn *t, struct query *q, struct sd_error *err)
{
	struct sd_iter it;
	size_t seen = 0;
	sd_status s;

	q->pcomplete = true;
	if (q->prefix == NULL)
		return SD_OK;
	sd_iter_start(&it, t, SD_DB_SEARCH_DF, q->prefix, strlen(q->prefix), false, NULL, 0);
	while (sd_iter_next(&it)) {
		uint32_t df = 0;
		size_t at = q->npterms;
		if (++seen > PREFIX_SCAN)
			break;
		if (it.val.mv_size == sizeof df)
			memcpy(&df, it.val.mv_data, sizeof df);
		if (q->npterms == PREFIX_TERMS) {
			/* Full: the new term takes the place of the least common, if rarer still. */
			at = 0;
			for (size_t i = 1; i < q->npterms; i++)
				if (q->pdf[i] < q->pdf[at])
					at = i;
			if (df <= q->pdf[at])
				continue;
			free(q->pterms[at]);
		} else {
			q->npterms++;
		}
		q->pterms[at] = sd_xstrndup(it.key.mv_data, it.key.mv_size);
		q->pdf[at] = df;
	}
	q->pcomplete = seen <= PREFIX_TERMS;
	s = sd_iter_status(&it, WHAT, err);
	sd_iter_end(&it);
	for (size_t i = 0; i < q->npterms; i++)
		q->pdf_sum += q->pdf[i];
	return s;
}

/*
 * Whether the document holds a term the prefix begins: a point lookup per
 * term when the prefix begins only a few, else a look through the
 * document's own terms (sorted: the walk stops after the prefix's run).
 */
static sd_status
has_prefix_term(struct sd_txn *t, const struct query *q, const uint8_t *docid, size_t dlen,
    bool *yes, struct sd_error *err)
{
	const char *prefix = q->prefix;
	size_t pl = strlen(prefix);
	MDB_val v;
	sd_status s;

	if (q->pcomplete && q->npterms <= PREFIX_PROBE) {
		*yes = false;
		for (size_t i = 0; i < q->npterms && !*yes; i++)
			if ((s = has_term(t, q->pterms[i], docid, dlen, yes, err)) != SD_OK)
				return s;
		return SD_OK;
	}
	s = found(sd_db_get(t, SD_DB_SEARCH_DOC, docid, dlen, &v, WHAT, err), yes);
	if (!*yes)
		return s;
	*yes = false;
	for (const char *p = v.mv_data, *end = p + v.mv_size; p < end && !*yes; ) {
		size_t n = strnlen(p, (size_t)(end - p));
		int c = memcmp(p, prefix, n < pl ? n : pl);
		if (c > 0)
			break;
		*yes = c == 0 && n >= pl;
		p += n + 1;
	}
	return SD_OK;
}

/* A phrase stands in the text when its words follow each other. */
static bool
has_phrase(const char *folded_text, const char *phrase)
{
	struct sd_buf words = { 0 };
	bool found;

	/* Normalise the text's word separators to single spaces first. */
	for (const char *p = folded_text; *p != '\0'; ) {
		const char *start;
		while (*p != '\0' && !((unsigned char)*p >= 0x80 || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9')))
			p++;
		start = p;
		while (*p != '\0' && ((unsigned char)*p >= 0x80 || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9')))
			p++;
		if (p > start) {
			sd_buf_adds(&words, " ");
			sd_buf_add(&words, start, (size_t)(p - start));
		}
	}
	sd_buf_adds(&words, " ");
	{
		struct sd_buf needle = { 0 };
		sd_buf_addf(&needle, " %s ", phrase);
		found = strstr(words.data, needle.data) != NULL;
		sd_buf_free(&needle);
	}
	sd_buf_free(&words);
	return found;
}

/* --- hits ------------------------------------------------------------------------- */

struct candidate {
	struct sd_hit	 hit;
	bool		 in_name;	/* every word stands in the enterprise's name */
	int64_t		 when;
	uint8_t		 docid[SD_DOCID_ENT_LEN];	/* the longest kind of id */
	size_t		 dlen;
	bool		 has_snippet;	/* made (it may be NULL: no word in the text) */
	bool		 journal_left;	/* a case's snippet can only be in its journal */
};

/* The length of a document id, from its kind. */
static size_t
docid_len(const uint8_t *docid)
{
	if (docid[0] == 'E')
		return SD_DOCID_ENT_LEN;
	if (docid[0] == 'C')
		return 1 + SD_CASE_KEY_LEN;
	return 1 + SD_UUID_LEN;
}

/*
 * The documents already among the results, as a hash set: a search walks
 * many postings, and looking each up in the list of results made a large
 * --limit quadratic (73 s over 200,000 enterprises).  The key is what
 * makes a hit the same: 'E' and the enterprise's uuid, or 'C' and the
 * case key.  Open addressing with linear probing; removed keys leave a
 * tombstone so that later probes still pass them.
 */
#define HIT_KEY_LEN	(1 + SD_UUID_LEN)

struct hit_slot {
	uint8_t	 key[HIT_KEY_LEN];
	uint8_t	 state;		/* 0 empty, 1 used, 2 removed */
};

struct hit_set {
	struct hit_slot	*slot;
	size_t		 cap, used;	/* used: slots not empty (removed ones too) */
};

struct results {
	struct candidate *c;
	size_t		  n, cap;
	size_t		  eager;	/* the first so many get their snippet at once */
	struct hit_set	  seen;
};

static void
hit_key_of_docid(const uint8_t *docid, uint8_t key[HIT_KEY_LEN])
{
	memset(key, 0, HIT_KEY_LEN);
	key[0] = docid[0];
	if (docid[0] == 'E')
		memcpy(key + 1, docid + SD_DOCID_ENT_LEN - SD_UUID_LEN, SD_UUID_LEN);
	else if (docid[0] == 'V' || docid[0] == 'M' || docid[0] == 'O')
		memcpy(key + 1, docid + 1, SD_UUID_LEN);
	else
		memcpy(key + 1, docid + 1, SD_CASE_KEY_LEN);
}

static void
hit_key_of_hit(const struct sd_hit *h, uint8_t key[HIT_KEY_LEN])
{
	memset(key, 0, HIT_KEY_LEN);
	if (h->kind == SD_HIT_ENTERPRISE) {
		key[0] = 'E';
		memcpy(key + 1, h->ent, SD_UUID_LEN);
	} else if (h->kind == SD_HIT_EVENT) {
		key[0] = 'V';
		memcpy(key + 1, h->event, SD_UUID_LEN);
	} else if (h->kind == SD_HIT_MOMENT) {
		key[0] = 'M';
		memcpy(key + 1, h->moment, SD_UUID_LEN);
	} else if (h->kind == SD_HIT_OPPORTUNITY) {
		key[0] = 'O';
		memcpy(key + 1, h->opp, SD_UUID_LEN);
	} else {
		key[0] = 'C';
		sd_case_key_pack(h->key, key + 1);
	}
}

/* FNV-1a. */
static size_t
hit_hash(const uint8_t key[HIT_KEY_LEN])
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < HIT_KEY_LEN; i++) {
		h ^= key[i];
		h *= 1099511628211ull;
	}
	return (size_t)(h ^ (h >> 32));
}

/* The slot holding key, or the empty slot where it would go. */
static struct hit_slot *
hit_find(const struct hit_set *s, const uint8_t key[HIT_KEY_LEN])
{
	size_t i = hit_hash(key) & (s->cap - 1);

	while (s->slot[i].state != 0 &&
	    !(s->slot[i].state == 1 && memcmp(s->slot[i].key, key, HIT_KEY_LEN) == 0))
		i = (i + 1) & (s->cap - 1);
	return &s->slot[i];
}

static void
hit_set_add(struct hit_set *s, const uint8_t key[HIT_KEY_LEN])
{
	struct hit_slot *sl;

	/* At most half full, counting tombstones, so every probe ends. */
	if (2 * (s->used + 1) > s->cap) {
		struct hit_slot *old = s->slot;
		size_t oldcap = s->cap;
		s->cap = oldcap ? oldcap * 2 : 64;
		s->slot = sd_xcalloc(s->cap, sizeof *s->slot);
		s->used = 0;
		for (size_t i = 0; i < oldcap; i++) {
			if (old[i].state == 1) {
				*hit_find(s, old[i].key) = old[i];
				s->used++;
			}
		}
		free(old);
	}
	sl = hit_find(s, key);
	if (sl->state == 1)
		return;
	memcpy(sl->key, key, HIT_KEY_LEN);
	sl->state = 1;
	s->used++;
}

static void
hit_set_remove(struct hit_set *s, const uint8_t key[HIT_KEY_LEN])
{
	struct hit_slot *sl;

	if (s->cap == 0)
		return;
	if ((sl = hit_find(s, key))->state == 1)
		sl->state = 2;
}

static bool
results_have(const struct results *r, const uint8_t *docid)
{
	uint8_t key[HIT_KEY_LEN];

	if (r->seen.cap == 0)
		return false;
	hit_key_of_docid(docid, key);
	return hit_find(&r->seen, key)->state == 1;
}

/* Takes the last result back out (seen only to know there is more). */
static void
results_drop_last(struct results *r)
{
	uint8_t key[HIT_KEY_LEN];

	r->n--;
	hit_key_of_hit(&r->c[r->n].hit, key);
	hit_set_remove(&r->seen, key);
	free(r->c[r->n].hit.title);
	free(r->c[r->n].hit.snippet);
}

/* The original text around the first place where a query word starts a word. */
static char *
snippet_of(const char *text, const struct query *q)
{
	char *folded, *best = NULL;
	size_t len, at, from, to;

	if (text == NULL)
		return NULL;
	folded = sd_fold(text);
	for (size_t i = 0; i <= q->nwords; i++) {
		const char *w = i < q->nwords ? q->words[i] : q->prefix;
		char *hit;
		if (w == NULL)
			continue;
		for (hit = strstr(folded, w); hit != NULL; hit = strstr(hit + 1, w)) {
			unsigned char before = hit == folded ? ' ' : (unsigned char)hit[-1];
			if (!(before >= 0x80 || (before >= 'a' && before <= 'z') ||
			    (before >= '0' && before <= '9')))
				break;
		}
		if (hit != NULL && (best == NULL || hit < best))
			best = hit;
	}
	if (best == NULL) {
		free(folded);
		return NULL;
	}
	/* Folding keeps Latin text about as long: map the offset proportionally. */
	len = strlen(text);
	at = (size_t)((double)(best - folded) * (double)len / (double)(strlen(folded) ? strlen(folded) : 1));
	free(folded);
	from = at > 30 ? at - 30 : 0;
	to = at + 70 < len ? at + 70 : len;
	while (from > 0 && ((unsigned char)text[from] & 0xc0) == 0x80)
		from--;
	while (to < len && ((unsigned char)text[to] & 0xc0) == 0x80)
		to++;
	{
		struct sd_buf b = { 0 };
		if (from > 0)
			sd_buf_adds(&b, "…");
		/*
		 * A snippet is shown as one line under its hit: every line break
		 * (also CR, VT, FF, NEL, U+2028 and U+2029) and other ASCII
		 * control character becomes a space, so that the text cannot
		 * start a line of its own on the reader's screen.  Format
		 * characters (bidi, zero-width) are left to the fronts, which show
		 * them inert (sd_visible).
		 */
		const unsigned char *p = (const unsigned char *)text;
		for (size_t i = from; i < to; i++) {
			if (p[i] < 0x20 || p[i] == 0x7f)
				sd_buf_add(&b, " ", 1);
			else if (p[i] == 0xc2 && i + 1 < to && p[i + 1] == 0x85) {
				sd_buf_add(&b, " ", 1);
				i++;
			} else if (p[i] == 0xe2 && i + 2 < to && p[i + 1] == 0x80 &&
			    (p[i + 2] == 0xa8 || p[i + 2] == 0xa9)) {
				sd_buf_add(&b, " ", 1);
				i += 2;
			} else
				sd_buf_add(&b, &p[i], 1);
		}
		if (to < len)
			sd_buf_adds(&b, "…");
		return sd_buf_take(&b);
	}
}

static char *
first_snippet(const char *const *texts, size_t n, const struct query *q)
{
	for (size_t i = 0; i < n; i++) {
		char *s = snippet_of(texts[i], q);
		if (s != NULL)
			return s;
	}
	return NULL;
}

static bool
phrases_in(const char *const *texts, size_t n, const struct query *q)
{
	struct sd_buf all = { 0 };
	char *folded;
	bool ok = true;

	if (q->nphrases == 0)
		return true;
	for (size_t i = 0; i < n; i++)
		sd_buf_addf(&all, "%s\n", texts[i] ? texts[i] : "");
	folded = sd_fold(all.data);
	for (size_t i = 0; i < q->nphrases && ok; i++)
		ok = has_phrase(folded, q->phrases[i]);
	free(folded);
	sd_buf_free(&all);
	return ok;
}

static int
starts_word(const char *w, size_t n, void *arg)
{
	const char *want = arg;
	size_t wl = strlen(want);

	return n >= wl && memcmp(w, want, wl) == 0;
}

/* True when each query word begins a word of the (folded) name. */
static bool
words_in_name(const char *fname, const struct query *q)
{
	for (size_t i = 0; i <= q->nwords; i++) {
		const char *w = i < q->nwords ? q->words[i] : q->prefix;
		if (w != NULL && !fold_words(fname, starts_word, (void *)w))
			return false;
	}
	return true;
}

/* A journal entry whose text is the case's (a note, an answer), as the index takes it. */
static bool
journal_text(const struct sd_journal_entry *e)
{
	return e->field == NULL && e->kind && strcmp(e->kind, "created") != 0;
}

/*
 * The snippet from a case's notes and answers: the first of them, oldest
 * first, with a word of the query.  Entries are read one by one until one
 * has it (a note near the start does not cost the whole journal), and of
 * each only its kind, field and text (what journal_text asks), not the
 * whole entry.
 */
static sd_status
journal_snippet(struct sd_txn *t, const uint8_t ck[SD_CASE_KEY_LEN], const struct query *q,
    char **out, struct sd_error *err)
{
	static uint8_t kind_tag, field_tag, text_tag;
	struct sd_iter it;
	struct sd_key k;
	sd_status s = SD_OK;

	*out = NULL;
	if (text_tag == 0) {
		kind_tag = sd_rec_field(&sd_journal_record, "kind")->tag;
		field_tag = sd_rec_field(&sd_journal_record, "field")->tag;
		text_tag = sd_rec_field(&sd_journal_record, "text")->tag;
	}
	sd_key_reset(&k);
	sd_key_u8(&k, SD_SUBJECT_CASE);
	sd_key_bytes(&k, ck, SD_CASE_KEY_LEN);
	sd_iter_start(&it, t, SD_DB_JOURNAL_BY_SUBJECT, k.b, k.len, false, NULL, 0);
	while (*out == NULL && sd_iter_next(&it)) {
		const uint8_t *p, *kind = NULL, *text = NULL;
		size_t n, klen = 0, tlen = 0;
		bool field = false;
		struct sd_rec_reader r;
		uint8_t tag;
		MDB_val v;

		if (it.key.mv_size != k.len + 8)
			continue;
		if ((s = sd_db_get(t, SD_DB_JOURNAL, (const uint8_t *)it.key.mv_data + k.len, 8, &v,
		    _("journal"), err)) != SD_OK) {
			if (s == SD_NOTFOUND)	/* the index names an entry that is not there */
				s = sd_txn_error(t, MDB_CORRUPTED, _("journal"), err);
			break;
		}
		if (!sd_rec_open(&r, v.mv_data, v.mv_size, sd_journal_record.type))
			continue;
		/* The last of a repeated tag, as decoding keeps it. */
		while (sd_rec_next(&r, &tag, &p, &n)) {
			if (tag == kind_tag) {
				kind = p;
				klen = n;
			} else if (tag == field_tag) {
				field = true;
			} else if (tag == text_tag) {
				text = p;
				tlen = n;
			}
		}
		/* journal_text: a note or an answer, not a field change or the creation. */
		if (r.bad || field || kind == NULL || text == NULL ||
		    (klen == 7 && memcmp(kind, "created", 7) == 0))
			continue;
		{
			char *str = sd_rec_as_str(text, tlen);
			*out = snippet_of(str, q);
			free(str);
		}
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("journal"), err);
	sd_iter_end(&it);
	return s;
}

/* What load_candidate makes of a hit's snippet. */
enum snippet_mode {
	SNIPPET_NONE,		/* none: made after ranking, if the hit is shown */
	SNIPPET_CHEAP,		/* from the loaded record only: not a case's journal */
	SNIPPET_FULL		/* the hit is shown: wherever its text has the word */
};

/*
 * Loads a candidate that passed the term checks and applies visibility and
 * phrases: *keep says whether it is a hit.  The snippet is made as mode
 * says: a case's journal (when no phrase asks for it) is read only for
 * the hits that are shown, after ranking.
 */
static sd_status
load_candidate(struct sd_desk *d, struct sd_txn *t, const uint8_t *docid, const struct query *q,
    enum snippet_mode mode, struct candidate *out, bool *keep, struct sd_error *err)
{
	struct candidate c = { 0 };
	bool snippet = mode != SNIPPET_NONE;
	sd_status s;

	*keep = false;
	c.has_snippet = snippet;
	c.dlen = docid_len(docid);
	memcpy(c.docid, docid, c.dlen);
	if (docid[0] == 'E') {
		struct sd_enterprise e;
		const char *texts[8];
		if (!ent_visible(t, d, docid + SD_DOCID_ENT_LEN - SD_UUID_LEN))
			return SD_OK;
		if ((s = ent_load(t, docid + SD_DOCID_ENT_LEN - SD_UUID_LEN, &e, err)) != SD_OK)
			return s == SD_NOTFOUND ? SD_OK : s;
		texts[0] = e.f[SD_EF_NAME]; texts[1] = e.f[SD_EF_CITY];
		texts[2] = e.f[SD_EF_STREET]; texts[3] = e.f[SD_EF_TAGS];
		texts[4] = e.f[SD_EF_OFFERS]; texts[5] = e.f[SD_EF_NOTES];
		texts[6] = e.f[SD_EF_CONTACTS]; texts[7] = e.f[SD_EF_NUMBER];
		if (!phrases_in(texts, 8, q)) {
			sd_enterprise_free(&e);
			return SD_OK;
		}
		c.hit.kind = SD_HIT_ENTERPRISE;
		memcpy(c.hit.ent, e.id, SD_UUID_LEN);
		c.hit.title = sd_xstrdup(e.f[SD_EF_NAME]);
		if (snippet)
			c.hit.snippet = first_snippet(texts + 1, 7, q);
		c.when = e.updated;
		{
			char *fname = sd_fold(e.f[SD_EF_NAME]);
			c.hit.exact = strcmp(fname, q->folded) == 0 || (q->ent_number[0] != '\0' &&
			    e.f[SD_EF_NUMBER] != NULL && strcmp(e.f[SD_EF_NUMBER], q->ent_number) == 0);
			c.in_name = words_in_name(fname, q);
			free(fname);
		}
		sd_enterprise_free(&e);
	} else if (docid[0] == 'V') {
		/* An event: its title, place and description; only one the caller sees. */
		struct sd_event ev;
		const char *texts[3];
		if ((s = event_load(t, docid + 1, &ev, NULL)) != SD_OK || !sd_sees_event(d, ev.depts)) {
			if (s == SD_OK)
				sd_event_free(&ev);
			return s == SD_OK || s == SD_NOTFOUND ? SD_OK : s;
		}
		texts[0] = ev.title;
		texts[1] = ev.place;
		texts[2] = ev.description;
		if (!phrases_in(texts, 3, q)) {
			sd_event_free(&ev);
			return SD_OK;
		}
		c.hit.kind = SD_HIT_EVENT;
		memcpy(c.hit.event, ev.id, SD_UUID_LEN);
		c.hit.title = sd_xstrdup(ev.title);
		if (snippet)
			c.hit.snippet = first_snippet(texts + 1, 2, q);
		c.when = ev.updated;
		sd_event_free(&ev);
	} else if (docid[0] == 'O') {
		/* An opportunity the caller sees: its words, department and codes. */
		struct sd_opportunity o;
		const char *texts[6];
		if ((s = opp_load(t, docid + 1, &o, NULL)) != SD_OK ||
		    !sd_sees_opportunity(d, o.dept)) {
			if (s == SD_OK)
				sd_opportunity_free(&o);
			return s == SD_OK || s == SD_NOTFOUND ? SD_OK : s;
		}
		texts[0] = o.title;
		texts[1] = o.needs;
		texts[2] = o.procedure;
		texts[3] = o.description;
		texts[4] = o.dept;
		texts[5] = o.nace;
		if (!phrases_in(texts, 6, q)) {
			sd_opportunity_free(&o);
			return SD_OK;
		}
		c.hit.kind = SD_HIT_OPPORTUNITY;
		memcpy(c.hit.opp, o.id, SD_UUID_LEN);
		c.hit.title = sd_xstrdup(o.title);
		if (snippet)
			c.hit.snippet = first_snippet(texts + 1, 3, q);
		c.when = o.updated;
		sd_opportunity_free(&o);
	} else if (docid[0] == 'M') {
		/* A contact moment: its kind and the first line of its report, as lists show it. */
		struct sd_moment m;
		const char *texts[1];
		struct sd_buf b = { 0 };
		char *first;
		if ((s = moment_load(t, docid + 1, &m, err)) != SD_OK)
			return s == SD_NOTFOUND ? SD_OK : s;
		texts[0] = m.text;
		if (!sd_sees_moment(d, &m) || !phrases_in(texts, 1, q)) {
			sd_moment_free(&m);
			return SD_OK;
		}
		c.hit.kind = SD_HIT_MOMENT;
		memcpy(c.hit.moment, m.id, SD_UUID_LEN);
		memcpy(c.hit.ent, m.enterprise, SD_UUID_LEN);
		first = moment_first_line(m.text, 80);
		sd_buf_addf(&b, "%s%s%s", sd_channel_label(m.kind), *first ? ": " : "", first);
		free(first);
		c.hit.title = sd_buf_take(&b);
		if (snippet)
			c.hit.snippet = first_snippet(texts, 1, q);
		c.when = m.at;
		sd_moment_free(&m);
	} else {
		struct sd_case cs;
		struct sd_route *routes;
		size_t nroutes;
		char num[SD_CASE_NUMBER_MAX];
		/*
		 * Who sees every case needs no routes; an officer's are read
		 * first, so a case he does not see is not loaded.
		 */
		if (!sd_sees_all_cases(d)) {
			bool visible;
			if ((s = routes_load(t, sd_case_key_unpack(docid + 1), false, &routes, &nroutes,
			    err)) != SD_OK)
				return s;
			visible = sd_sees_case(d, routes, nroutes);
			routes_free(routes, nroutes);
			if (!visible)
				return SD_OK;
		}
		if ((s = case_load(t, sd_case_key_unpack(docid + 1), &cs, err)) != SD_OK)
			return s == SD_NOTFOUND ? SD_OK : s;
		/* Notes and answers count as the case's text, as in the index. */
		struct sd_journal_entry *j = NULL;
		size_t nj = 0, ntexts = 0;
		uint8_t ck[SD_CASE_KEY_LEN];
		/*
		 * The whole journal is read only when a phrase asks for it.  A
		 * snippet is the first text with a word, in this order:
		 * description, resolution, then the notes and answers oldest
		 * first; those are read a few at a time until one has a word,
		 * and only for a hit that is shown (SNIPPET_FULL).
		 */
		const char *own[2] = { cs.description, cs.resolution };
		char *first = NULL;
		bool need_journal = q->nphrases > 0;
		sd_case_key_pack(cs.key, ck);
		if (snippet && !need_journal && (first = first_snippet(own, 2, q)) == NULL) {
			if (mode == SNIPPET_FULL)
				s = journal_snippet(t, ck, q, &first, err);
			else {
				c.has_snippet = false;
				c.journal_left = true;
			}
			if (s != SD_OK) {
				sd_case_free(&cs);
				return s;
			}
		}
		if (need_journal &&
		    (s = sd_journal_read(t, SD_SUBJECT_CASE, ck, sizeof ck, &j, &nj, err)) != SD_OK) {
			sd_case_free(&cs);
			return s;
		}
		const char **texts = sd_xcalloc(nj + 3, sizeof *texts);
		texts[ntexts++] = cs.subject;
		texts[ntexts++] = cs.description;
		texts[ntexts++] = cs.resolution;
		for (size_t i = 0; i < nj; i++) {
			if (journal_text(&j[i]))
				texts[ntexts++] = j[i].text;
		}
		if (!phrases_in(texts, ntexts, q)) {
			free(first);
			free(texts);
			sd_journal_entries_free(j, nj);
			sd_case_free(&cs);
			return SD_OK;
		}
		sd_case_number_format(cs.key, num);
		c.hit.kind = SD_HIT_CASE;
		c.hit.key = cs.key;
		{
			struct sd_buf b = { 0 };
			sd_buf_addf(&b, "%s %s", num, cs.subject ? cs.subject : "");
			c.hit.title = sd_buf_take(&b);
		}
		if (c.has_snippet)
			c.hit.snippet = first != NULL || !need_journal ? first :
			    first_snippet(texts + 1, ntexts - 1, q);
		else
			free(first);
		free(texts);
		sd_journal_entries_free(j, nj);
		c.when = cs.created;
		c.hit.exact = q->is_case_number && cs.key.year == q->case_key.year &&
		    cs.key.seq == q->case_key.seq;
		sd_case_free(&cs);
	}
	*out = c;
	*keep = true;
	return SD_OK;
}

/* Adds a candidate that passed the term checks as a hit, if the caller sees it. */
static sd_status
add_candidate(struct sd_desk *d, struct sd_txn *t, const uint8_t *docid, const struct query *q,
    struct results *r, struct sd_error *err)
{
	struct candidate c;
	bool keep;
	sd_status s;

	/*
	 * While fewer than a page are found, each is likely shown: its snippet
	 * is made now, while its record is loaded; the rest get theirs after
	 * ranking, if shown.
	 */
	if ((s = load_candidate(d, t, docid, q, r->n < r->eager ? SNIPPET_CHEAP : SNIPPET_NONE,
	    &c, &keep, err)) != SD_OK ||
	    !keep)
		return s;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->c = sd_xrealloc(r->c, r->cap * sizeof *r->c);
	}
	{
		uint8_t key[HIT_KEY_LEN];
		hit_key_of_hit(&c.hit, key);
		hit_set_add(&r->seen, key);
	}
	r->c[r->n++] = c;
	return SD_OK;
}

/* Checks every query term except the one driving the walk. */
static sd_status
matches_terms(struct sd_txn *t, const struct query *q, const char *driver, const uint8_t *docid,
    size_t dlen, bool *yes, struct sd_error *err)
{
	sd_status s;

	*yes = true;
	for (size_t i = 0; i < q->nwords; i++) {
		if (q->words[i] != driver &&
		    ((s = has_term(t, q->words[i], docid, dlen, yes, err)) != SD_OK || !*yes))
			return s;
	}
	if (q->prefix == NULL || q->prefix == driver)
		return SD_OK;
	return has_prefix_term(t, q, docid, dlen, yes, err);
}

/*
 * How many documents of one kind hold term, counted up to cap: enough to
 * tell which word is rarest there without reading a common word's list.
 */
#define KIND_COUNT_CAP	64
static sd_status
postings_in_kind(struct sd_txn *t, const char *term, uint8_t kind, uint32_t cap, uint32_t *n,
    struct sd_error *err)
{
	struct sd_key k;
	struct sd_iter it;
	sd_status s;

	sd_key_reset(&k);
	sd_key_str(&k, term);
	sd_key_u8(&k, kind);
	*n = 0;
	sd_iter_start(&it, t, SD_DB_SEARCH_POST, k.b, k.len, false, NULL, 0);
	while (*n < cap && sd_iter_next(&it))
		(*n)++;
	s = sd_iter_status(&it, WHAT, err);
	sd_iter_end(&it);
	return s;
}

/*
 * How many documents of one kind hold the terms a prefix begins, counted up
 * to cap; cap when it begins more terms than its walk would take (such a
 * walk is not whole, so it never drives when a word can).
 */
static sd_status
prefix_in_kind(struct sd_txn *t, const struct query *q, uint8_t kind, uint32_t cap,
    uint32_t *n, struct sd_error *err)
{
	sd_status s = SD_OK;

	*n = 0;
	if (!q->pcomplete) {
		*n = cap;
		return SD_OK;
	}
	for (size_t i = 0; i < q->npterms && s == SD_OK && *n < cap; i++) {
		uint32_t c;
		s = postings_in_kind(t, q->pterms[i], kind, cap - *n, &c, err);
		*n += c;
	}
	return s;
}

/*
 * What drives the walk of one kind of document: the query's whole word, or
 * the word being typed, that the fewest documents of this kind hold.  The
 * counts grow together (each candidate counted up to 4, then 16, … up to
 * KIND_COUNT_CAP), so choosing reads a few times what the rarest has, never
 * a common word's whole list: a word in every contact moment must not make
 * the moments walk that list for a word they do not have.  When every
 * candidate is common here, the rarest word over every kind drives, as the
 * counts in SD_DB_SEARCH_DF say.  *none: no document of this kind can match.
 */
static sd_status
choose_driver(struct sd_txn *t, const struct query *q, uint8_t kind, const char **driver,
    bool *prefix, bool *none, struct sd_error *err)
{
	uint32_t df, best_df = UINT32_MAX;
	sd_status s;

	*driver = NULL;
	*prefix = q->nwords == 0;
	*none = q->prefix != NULL && q->pcomplete && q->npterms == 0;
	if (q->nwords == 0 || *none)
		return SD_OK;
	for (size_t i = 0; i < q->nwords; i++) {
		if ((s = doc_freq(t, q->words[i], &df, err)) != SD_OK)
			return s;
		if (df < best_df) {
			best_df = df;
			*driver = q->words[i];
		}
	}
	if (best_df == 0) {
		*none = true;
		return SD_OK;
	}
	/* One word alone drives, whatever its count. */
	if (q->nwords == 1 && q->prefix == NULL)
		return SD_OK;
	for (uint32_t cap = 4; cap <= KIND_COUNT_CAP; cap *= 4) {
		uint32_t best = cap, c;
		for (size_t i = 0; i < q->nwords; i++) {
			if ((s = postings_in_kind(t, q->words[i], kind, cap, &c, err)) != SD_OK)
				return s;
			if (c < best) {
				best = c;
				*driver = q->words[i];
				*prefix = false;
			}
		}
		if (q->prefix != NULL) {
			if ((s = prefix_in_kind(t, q, kind, cap, &c, err)) != SD_OK)
				return s;
			if (c < best) {
				best = c;
				*prefix = true;
			}
		}
		if (best < cap) {
			*none = best == 0;
			return SD_OK;
		}
	}
	/*
	 * Common here, every one: the prefix drives when its terms together
	 * are in fewer documents than the rarest word (the sum of their
	 * counts bounds the documents it is in).
	 */
	if (q->prefix != NULL && q->pcomplete && q->pdf_sum < best_df)
		*prefix = true;
	return SD_OK;
}

/* One term's postings of one kind, walked newest first. */
struct posting_walk {
	struct sd_key	 k;
	struct sd_iter	 it;
	bool		 live;	/* it stands on a posting */
};

static const uint8_t *
walk_docid(const struct posting_walk *w, size_t *dlen)
{
	*dlen = w->it.key.mv_size - (w->k.len - 1);
	return (const uint8_t *)w->it.key.mv_data + w->k.len - 1;
}

/* Orders document ids of one kind: the same length, except a damaged key. */
static int
docid_cmp(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	return c != 0 ? c : (alen > blen) - (alen < blen);
}

/*
 * Walks the postings of the terms (one word, or the terms a prefix begins)
 * for one kind of document, newest first, merged so that a document in
 * several comes once: adds up to want hits that match the whole query.
 * Only the next posting of each term is held, so the walk reads what it
 * needs for want hits, however many documents the terms are in.
 */
static sd_status
walk_terms(struct sd_desk *d, struct sd_txn *t, char *const *terms, size_t nterms,
    uint8_t kind, const struct query *q, const char *driver, size_t want, struct results *r,
    bool *more, struct sd_error *err)
{
	struct posting_walk *w = sd_xcalloc(nterms ? nterms : 1, sizeof *w);
	size_t added = 0;
	sd_status s = SD_OK;

	for (size_t i = 0; i < nterms; i++) {
		sd_key_reset(&w[i].k);
		sd_key_str(&w[i].k, terms[i]);
		sd_key_u8(&w[i].k, kind);
		sd_iter_start(&w[i].it, t, SD_DB_SEARCH_POST, w[i].k.b, w[i].k.len, true, NULL, 0);
		w[i].live = sd_iter_next(&w[i].it);
	}
	while (s == SD_OK) {
		uint8_t docid[SD_DOCID_ENT_LEN];
		const uint8_t *top = NULL;
		size_t tlen = 0, dlen, before = r->n;
		bool match;

		/* The newest document any term is at. */
		for (size_t i = 0; i < nterms; i++) {
			const uint8_t *id;
			if (!w[i].live)
				continue;
			id = walk_docid(&w[i], &dlen);
			if (top == NULL || docid_cmp(id, dlen, top, tlen) > 0) {
				top = id;
				tlen = dlen;
			}
		}
		if (top == NULL || tlen > sizeof docid)
			break;
		memcpy(docid, top, tlen);
		/* Every term standing on it moves on. */
		for (size_t i = 0; i < nterms; i++) {
			const uint8_t *id;
			if (!w[i].live)
				continue;
			id = walk_docid(&w[i], &dlen);
			if (docid_cmp(id, dlen, docid, tlen) == 0)
				w[i].live = sd_iter_next(&w[i].it);
		}
		if (results_have(r, docid))
			continue;
		if ((s = matches_terms(t, q, driver, docid, tlen, &match, err)) != SD_OK)
			break;
		if (!match)
			continue;
		s = add_candidate(d, t, docid, q, r, err);
		if (r->n > before && added == want) {
			/* One beyond the page, seen only to say there is more: drop it. */
			results_drop_last(r);
			*more = true;
			break;
		}
		added += r->n - before;
	}
	for (size_t i = 0; i < nterms; i++) {
		if (s == SD_OK)
			s = sd_iter_status(&w[i].it, WHAT, err);
		sd_iter_end(&w[i].it);
	}
	free(w);
	return s;
}

/*
 * The same answer read the slow way, for the tests (search_brute): every
 * document of the kind, newest first, its own list of terms asked for each
 * word and the prefix.  What the walks above must find, without postings,
 * counts or choices.
 */
static sd_status
walk_documents(struct sd_desk *d, struct sd_txn *t, uint8_t kind, const struct query *q,
    size_t want, struct results *r, bool *more, struct sd_error *err)
{
	struct sd_iter it;
	size_t added = 0;
	sd_status s = SD_OK;

	sd_iter_start(&it, t, SD_DB_SEARCH_DOC, &kind, 1, true, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		const uint8_t *docid = it.key.mv_data;
		const char *end = (const char *)it.val.mv_data + it.val.mv_size;
		size_t before = r->n, nfound = 0;
		bool prefix_found = q->prefix == NULL;

		if (results_have(r, docid))
			continue;
		for (size_t i = 0; i < q->nwords; i++) {
			for (const char *p = it.val.mv_data; p < end; p += strnlen(p, (size_t)(end - p)) + 1) {
				if (strnlen(p, (size_t)(end - p)) == strlen(q->words[i]) &&
				    memcmp(p, q->words[i], strlen(q->words[i])) == 0) {
					nfound++;
					break;
				}
			}
		}
		for (const char *p = it.val.mv_data; !prefix_found && p < end;
		    p += strnlen(p, (size_t)(end - p)) + 1)
			prefix_found = strnlen(p, (size_t)(end - p)) >= strlen(q->prefix) &&
			    memcmp(p, q->prefix, strlen(q->prefix)) == 0;
		if (nfound < q->nwords || !prefix_found)
			continue;
		s = add_candidate(d, t, docid, q, r, err);
		if (r->n > before && added == want) {
			results_drop_last(r);
			*more = true;
			break;
		}
		added += r->n - before;
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, WHAT, err);
	sd_iter_end(&it);
	return s;
}

/* The document id of an enterprise, as the index keys it; 0 when it is gone. */
static size_t
ent_docid(struct sd_txn *t, const uint8_t id[SD_UUID_LEN], uint8_t out[SD_DOCID_ENT_LEN])
{
	struct sd_enterprise e;
	size_t n;

	if (ent_load(t, id, &e, NULL) != SD_OK)
		return 0;
	n = docid_ent(out, &e);
	sd_enterprise_free(&e);
	return n;
}

static sd_status
exact_matches(struct sd_desk *d, struct sd_txn *t, const struct query *q, enum sd_hit_kind kind,
    struct results *r, struct sd_error *err)
{
	uint8_t docid[SD_DOCID_ENT_LEN];
	sd_status s = SD_OK;
	MDB_val v;

	if (q->is_case_number && (kind == SD_HIT_ANY || kind == SD_HIT_CASE)) {
		docid[0] = 'C';
		sd_case_key_pack(q->case_key, docid + 1);
		s = sd_db_get(t, SD_DB_CASE, docid + 1, SD_CASE_KEY_LEN, &v, WHAT, err);
		if (s == SD_OK)
			s = add_candidate(d, t, docid, q, r, err);
		else if (s == SD_NOTFOUND)
			s = SD_OK;
	}
	if ((kind != SD_HIT_ANY && kind != SD_HIT_ENTERPRISE) || s != SD_OK)
		return s;
	if (q->ent_number[0] != '\0') {
		s = sd_db_get(t, SD_DB_ENT_BY_NUMBER, q->ent_number, strlen(q->ent_number), &v,
		    WHAT, err);
		if (s == SD_OK && v.mv_size == SD_UUID_LEN && ent_docid(t, v.mv_data, docid) > 0)
			s = add_candidate(d, t, docid, q, r, err);
		else if (s == SD_NOTFOUND)
			s = SD_OK;
	}
	/* Enterprises named exactly so (the name index is keyed by the folded name). */
	if (s == SD_OK && q->folded[0] != '\0') {
		struct sd_key k;
		struct sd_iter it;
		size_t n = 0;
		sd_key_reset(&k);
		sd_key_str(&k, q->folded);
		sd_iter_start(&it, t, SD_DB_ENT_BY_NAME, k.b, k.len, false, NULL, 0);
		while (s == SD_OK && n++ < 20 && sd_iter_next(&it)) {
			const uint8_t *id = (const uint8_t *)it.key.mv_data + it.key.mv_size - SD_UUID_LEN;
			if (it.key.mv_size == k.len + SD_UUID_LEN && ent_docid(t, id, docid) > 0 &&
			    !results_have(r, docid))
				s = add_candidate(d, t, docid, q, r, err);
		}
		if (s == SD_OK)
			s = sd_iter_status(&it, WHAT, err);
		sd_iter_end(&it);
	}
	return s;
}

static int
rank(const void *pa, const void *pb)
{
	const struct candidate *a = pa, *b = pb;

	if (a->hit.exact != b->hit.exact)
		return a->hit.exact ? -1 : 1;
	/* An enterprise whose name holds the words is what people look for. */
	if (a->in_name != b->in_name)
		return a->in_name ? -1 : 1;
	if (a->when != b->when)
		return a->when > b->when ? -1 : 1;
	/* The same time: the later document first, so that the order is one. */
	return -docid_cmp(a->docid, a->dlen, b->docid, b->dlen);
}

/*
 * The snippet of a hit that is shown, made from its record again; of a
 * case whose description and resolution had none, from its journal only.
 */
static sd_status
add_snippet(struct sd_desk *d, struct sd_txn *t, const struct query *q, struct candidate *hc,
    struct sd_error *err)
{
	struct candidate c;
	bool keep;
	sd_status s;

	if (hc->journal_left) {
		hc->has_snippet = true;
		return journal_snippet(t, hc->docid + 1, q, &hc->hit.snippet, err);
	}
	if ((s = load_candidate(d, t, hc->docid, q, SNIPPET_FULL, &c, &keep, err)) != SD_OK ||
	    !keep)
		return s;
	hc->hit.snippet = c.hit.snippet;
	hc->has_snippet = true;
	free(c.hit.title);
	return SD_OK;
}

static sd_status
search_run(struct sd_desk *d, const char *query, enum sd_hit_kind kind, size_t limit,
    bool brute, struct sd_hits *out, struct sd_error *err)
{
	struct results r = { 0 };
	struct query q;
	struct sd_txn t;
	const char *driver = NULL;
	bool more = false;
	sd_status s = SD_OK;
	uint8_t kinds[5];
	size_t nkinds = 0;

	memset(out, 0, sizeof *out);
	if (limit == 0 || limit > SD_SEARCH_LIMIT_MAX)
		return sd_fail(err, SD_INVALID,
		    _("a search shows at most %d results; add words to narrow it."),
		    SD_SEARCH_LIMIT_MAX);
	if (query == NULL || strlen(query) > 1000)
		return sd_fail(err, SD_INVALID, _("a search is at most 1000 bytes."));
	if (!parse(query, &q)) {
		query_free(&q);
		return sd_fail(err, SD_INVALID, _("a search takes at most %d words."), MAX_WORDS);
	}
	if (q.nwords == 0 && q.prefix == NULL) {
		query_free(&q);
		return SD_OK;
	}
	if (kind == SD_HIT_ANY || kind == SD_HIT_CASE)
		kinds[nkinds++] = 'C';
	if (kind == SD_HIT_ANY || kind == SD_HIT_ENTERPRISE)
		kinds[nkinds++] = 'E';
	if (kind == SD_HIT_ANY || kind == SD_HIT_EVENT)
		kinds[nkinds++] = 'V';
	if (kind == SD_HIT_ANY || kind == SD_HIT_MOMENT)
		kinds[nkinds++] = 'M';
	if (kind == SD_HIT_ANY || kind == SD_HIT_OPPORTUNITY)
		kinds[nkinds++] = 'O';
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK) {
		query_free(&q);
		return s;
	}
	/* Exact matches are looked up directly, so no limit can hide them. */
	what_search = _("search");
	r.eager = limit;
	s = expand_prefix(&t, &q, err);
	if (s == SD_OK)
		s = exact_matches(d, &t, &q, kind, &r, err);
	for (size_t k = 0; k < nkinds && s == SD_OK; k++) {
		/* The rarest word in this kind drives; the others are looked up per candidate. */
		bool by_prefix, none;
		if (brute) {
			s = walk_documents(d, &t, kinds[k], &q, limit, &r, &more, err);
			continue;
		}
		if ((s = choose_driver(&t, &q, kinds[k], &driver, &by_prefix, &none, err)) != SD_OK ||
		    none)
			continue;
		if (!by_prefix) {
			s = walk_terms(d, &t, (char *const *)&driver, 1, kinds[k], &q, driver, limit,
			    &r, &more, err);
			continue;
		}
		/* The word being typed drives: the newest documents of the terms it begins. */
		s = walk_terms(d, &t, q.pterms, q.npterms, kinds[k], &q, q.prefix, limit, &r, &more,
		    err);
		if (!q.pcomplete)
			more = true;
	}
	if (s == SD_OK) {
		if (r.n > 1)
			qsort(r.c, r.n, sizeof *r.c, rank);
		/* Only the hits shown get a snippet (made from their text again). */
		for (size_t i = 0; i < r.n && i < limit && s == SD_OK; i++)
			if (!r.c[i].has_snippet)
				s = add_snippet(d, &t, &q, &r.c[i], err);
	}
	sd_txn_abort(&t);
	if (s == SD_OK) {
		out->items = sd_xcalloc(r.n ? r.n : 1, sizeof *out->items);
		for (size_t i = 0; i < r.n; i++) {
			if (out->n < limit)
				out->items[out->n++] = r.c[i].hit;
			else {
				free(r.c[i].hit.title);
				free(r.c[i].hit.snippet);
				more = true;
			}
		}
		out->more = more;
	} else {
		for (size_t i = 0; i < r.n; i++) {
			free(r.c[i].hit.title);
			free(r.c[i].hit.snippet);
		}
	}
	free(r.c);
	free(r.seen.slot);
	query_free(&q);
	return s;
}

sd_status
sd_search(struct sd_desk *d, const char *query, enum sd_hit_kind kind, size_t limit,
    struct sd_hits *out, struct sd_error *err)
{
	return search_run(d, query, kind, limit, false, out, err);
}

sd_status
search_brute(struct sd_desk *d, const char *query, enum sd_hit_kind kind, size_t limit,
    struct sd_hits *out, struct sd_error *err)
{
	return search_run(d, query, kind, limit, true, out, err);
}

void
sd_hits_free(struct sd_hits *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->items[i].title);
		free(h->items[i].snippet);
	}
	free(h->items);
	memset(h, 0, sizeof *h);
}
