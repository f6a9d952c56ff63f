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

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
terms_finish(struct termset *ts)
{
	if (ts->n > 1)
		qsort(ts->terms, ts->n, sizeof *ts->terms, cmp_str);
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
