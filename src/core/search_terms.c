/*
 * Words for the search index: folded text split into terms.  A term is a
 * run of ASCII letters and digits or of non-ASCII bytes (folding has
 * already removed accents), 2 to 64 bytes long.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "sedesk/text.h"

#define TERM_MIN 2
#define TERM_MAX 64
#define DOC_TERMS_MAX 2000	/* a document's distinct terms beyond this are not indexed */

static bool
word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

int
fold_words(const char *folded, int (*fn)(const char *w, size_t n, void *arg), void *arg)
{
	const char *p = folded;
	int rc = 0;

	while (*p != '\0' && rc == 0) {
		const char *start;
		while (*p != '\0' && !word_byte((unsigned char)*p))
			p++;
		start = p;
		while (*p != '\0' && word_byte((unsigned char)*p))
			p++;
		if (p > start)
			rc = fn(start, (size_t)(p - start), arg);
	}
	return rc;
}

/*
 * A document's terms are kept distinct as they come (a hash of the ones
 * kept so far) and their bytes in blocks of the set's own: a document of
 * thirty-odd words made two allocations and a free per word and sorted
 * every repeat, a tenth of an enterprise import's time.
 */
struct term_block {
	struct term_block	*next;
	size_t			 used, cap;
	char			 data[];
};

#define BLOCK_MIN 4096

static uint32_t
term_hash(const char *w, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)w[i]) * 16777619u;
	return h;
}

static char *
term_copy(struct termset *ts, const char *w, size_t n)
{
	struct term_block *b = ts->blocks;
	char *out;

	if (b == NULL || b->cap - b->used < n + 1) {
		size_t cap = n + 1 > BLOCK_MIN ? n + 1 : BLOCK_MIN;
		b = sd_xmalloc(sizeof *b + cap);
		b->next = ts->blocks;
		b->used = 0;
		b->cap = cap;
		ts->blocks = b;
	}
	out = b->data + b->used;
	memcpy(out, w, n);
	out[n] = '\0';
	b->used += n + 1;
	return out;
}

static void
blocks_free(struct term_block *b)
{
	while (b != NULL) {
		struct term_block *next = b->next;
		free(b);
		b = next;
	}
}

/* The slot of w: the one that holds it, or the empty one where it would go. */
static uint32_t *
term_slot(const struct termset *ts, const char *w, size_t n)
{
	size_t mask = ts->nslots - 1, i = term_hash(w, n) & mask;

	for (;; i = (i + 1) & mask) {
		uint32_t *sl = &ts->slots[i];
		const char *t;
		if (*sl == 0)
			return sl;
		t = ts->terms[*sl - 1];
		if (strncmp(t, w, n) == 0 && t[n] == '\0')
			return sl;
	}
}

/* (Re)builds the hash for the terms kept, with room for twice as many. */
static void
slots_build(struct termset *ts, size_t want)
{
	size_t nslots = 64;

	while (nslots < 2 * want)
		nslots *= 2;
	free(ts->slots);
	ts->slots = sd_xcalloc(nslots, sizeof *ts->slots);
	ts->nslots = nslots;
	for (size_t i = 0; i < ts->n; i++)
		*term_slot(ts, ts->terms[i], strlen(ts->terms[i])) = (uint32_t)(i + 1);
	ts->stale = false;
}

void
terms_add_n(struct termset *ts, const char *w, size_t n)
{
	uint32_t *sl;

	if (n < TERM_MIN || n > TERM_MAX)
		return;
	/*
	 * Keep memory bounded without changing the outcome: the first
	 * DOC_TERMS_MAX of the sorted, distinct terms are the same whether the
	 * set is trimmed on the way or only at the end (so an update that adds
	 * entries gives what a rebuild gives).
	 */
	if (ts->n >= DOC_TERMS_MAX * 4)
		terms_finish(ts);
	if (ts->stale || 2 * (ts->n + 1) > ts->nslots)
		slots_build(ts, ts->n + 1 > ts->cap ? ts->n + 1 : ts->cap);
	sl = term_slot(ts, w, n);
	if (*sl != 0)
		return;		/* already there */
	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? ts->cap * 2 : 32;
		ts->terms = sd_xrealloc(ts->terms, ts->cap * sizeof *ts->terms);
	}
	ts->terms[ts->n] = term_copy(ts, w, n);
	*sl = (uint32_t)++ts->n;
}

void
terms_add(struct termset *ts, const char *term)
{
	terms_add_n(ts, term, strlen(term));
}

static int
add_word(const char *w, size_t n, void *arg)
{
	terms_add_n(arg, w, n);
	return 0;
}

void
terms_add_text(struct termset *ts, const char *text)
{
	char *folded;

	if (text == NULL || *text == '\0')
		return;
	folded = sd_fold(text);
	fold_words(folded, add_word, ts);
	free(folded);
}

/* A term and its first 8 bytes as a big-endian number: most comparisons end there. */
struct keyed {
	uint64_t	 head;
	char		*term;
};

static uint64_t
head_of(const char *t)
{
	uint64_t h = 0;
	size_t i = 0;

	for (; i < 8 && t[i] != '\0'; i++)
		h = h << 8 | (uint8_t)t[i];
	return h << (8 * (8 - i));
}

static int
keyed_cmp(const struct keyed *a, const struct keyed *b)
{
	if (a->head != b->head)
		return a->head < b->head ? -1 : 1;
	/* Equal heads: both are at least 8 bytes long, or they are the same word. */
	return strcmp(a->term, b->term);
}

static int
keyed_qcmp(const void *a, const void *b)
{
	return keyed_cmp(a, b);
}

/*
 * Sorts the terms in byte order (strcmp's).  A document has some thirty:
 * an insertion sort on the heads; a long one, qsort.  (qsort with strcmp
 * on the pointers was 3 % of an enterprise import.)
 */
static void
terms_sort(struct termset *ts)
{
	struct keyed small[64], *k = ts->n <= 64 ? small : sd_xmalloc(ts->n * sizeof *k);

	for (size_t i = 0; i < ts->n; i++) {
		k[i].head = head_of(ts->terms[i]);
		k[i].term = ts->terms[i];
	}
	if (ts->n <= 64) {
		for (size_t i = 1; i < ts->n; i++) {
			struct keyed x = k[i];
			size_t j = i;
			for (; j > 0 && keyed_cmp(&k[j - 1], &x) > 0; j--)
				k[j] = k[j - 1];
			k[j] = x;
		}
	} else {
		qsort(k, ts->n, sizeof *k, keyed_qcmp);
	}
	for (size_t i = 0; i < ts->n; i++)
		ts->terms[i] = k[i].term;
	if (k != small)
		free(k);
}

void
terms_finish(struct termset *ts)
{
	if (ts->n > 1)
		terms_sort(ts);
	ts->stale = true;	/* the hash holds positions before the sort */
	if (ts->n > DOC_TERMS_MAX) {
		/* The first DOC_TERMS_MAX kept, copied out of the blocks that go. */
		struct term_block *old = ts->blocks;

		ts->blocks = NULL;
		ts->n = DOC_TERMS_MAX;
		for (size_t i = 0; i < ts->n; i++)
			ts->terms[i] = term_copy(ts, ts->terms[i], strlen(ts->terms[i]));
		blocks_free(old);
	}
}

void
terms_free(struct termset *ts)
{
	blocks_free(ts->blocks);
	free(ts->terms);
	free(ts->slots);
	memset(ts, 0, sizeof *ts);
}
