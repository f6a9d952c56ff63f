/*
 * Words for the search index: folded text split into terms.  A term is a
 * run of ASCII letters and digits or of non-ASCII bytes (folding has
 * already removed accents), 2 to 64 bytes long.
 */
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

void
terms_add(struct termset *ts, const char *term)
{
	size_t n = strlen(term);

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
	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? ts->cap * 2 : 32;
		ts->terms = sd_xrealloc(ts->terms, ts->cap * sizeof *ts->terms);
	}
	ts->terms[ts->n++] = sd_xstrdup(term);
}

static int
add_word(const char *w, size_t n, void *arg)
{
	char *term = sd_xstrndup(w, n);

	terms_add(arg, term);
	free(term);
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
	size_t out = 0;

	if (ts->n > 1)
		qsort(ts->terms, ts->n, sizeof *ts->terms, cmp_str);
	for (size_t i = 0; i < ts->n; i++) {
		if (out > 0 && strcmp(ts->terms[out - 1], ts->terms[i]) == 0) {
			free(ts->terms[i]);
			continue;
		}
		ts->terms[out++] = ts->terms[i];
	}
	ts->n = out;
	while (ts->n > DOC_TERMS_MAX)
		free(ts->terms[--ts->n]);
}

void
terms_free(struct termset *ts)
{
	for (size_t i = 0; i < ts->n; i++)
		free(ts->terms[i]);
	free(ts->terms);
	memset(ts, 0, sizeof *ts);
}
