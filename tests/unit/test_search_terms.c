/*
 * Unit tests for a document's term set (src/core/search_terms.c): the
 * terms kept distinct through a hash as they come, their bytes in the
 * set's own blocks.  The oracle is the definition: the sorted, distinct
 * words of 2 to 64 bytes, the first 2,000 of them, whatever the order in
 * which they came and however often the set was finished on the way.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"

#define KEEP 2000	/* search_terms.c's DOC_TERMS_MAX */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The oracle: words (any lengths, repeats) to the set's expected contents. */
static size_t
expect(char **words, size_t n, char ***out)
{
	char **w = malloc((n ? n : 1) * sizeof *w);
	size_t m = 0, k = 0;

	for (size_t i = 0; i < n; i++)
		if (strlen(words[i]) >= 2 && strlen(words[i]) <= 64)
			w[m++] = words[i];
	qsort(w, m, sizeof *w, cmp_str);
	for (size_t i = 0; i < m; i++)
		if (k == 0 || strcmp(w[k - 1], w[i]) != 0)
			w[k++] = w[i];
	*out = w;
	return k < KEEP ? k : KEEP;
}

static void
same(const struct termset *ts, char **want, size_t n)
{
	if (ts->n != n)
		fail_msg("%zu terms, want %zu", ts->n, n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(ts->terms[i], want[i]) != 0)
			fail_msg("term %zu: \"%s\", want \"%s\"", i, ts->terms[i], want[i]);
}

/* A word from a small alphabet, so that repeats and shared prefixes are common. */
static char *
word(unsigned *seed, size_t vocab)
{
	char buf[80];
	unsigned r = (unsigned)rand_r(seed) % (unsigned)vocab;
	int len = 1 + (int)(r % 7) + (r % 97 == 0 ? 60 : 0);	/* some too short, some too long */

	for (int i = 0; i < len; i++)
		buf[i] = (char)('a' + (r >> (i % 5)) % 4 + (i % 3));
	snprintf(buf + len, sizeof buf - (size_t)len, "%u", r);
	if (r % 11 == 0)
		buf[1] = '\0';		/* one letter: not a term */
	return strdup(buf);
}

static void
run(unsigned seed, size_t nwords, size_t vocab, unsigned finish_every)
{
	char **words = malloc(nwords * sizeof *words), **want;
	struct termset ts = { 0 };
	size_t n;

	for (size_t i = 0; i < nwords; i++) {
		words[i] = word(&seed, vocab);
		terms_add(&ts, words[i]);
		if (finish_every != 0 && (size_t)rand_r(&seed) % finish_every == 0)
			terms_finish(&ts);	/* as an update does between entries */
	}
	terms_finish(&ts);
	n = expect(words, nwords, &want);
	same(&ts, want, n);
	terms_free(&ts);
	for (size_t i = 0; i < nwords; i++)
		free(words[i]);
	free(words);
	free(want);
}

/* Terms of any bytes but NUL (folding keeps non-ASCII letters): byte order, as strcmp. */
static void
test_any_bytes(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 200; seed++) {
		size_t n = 1 + seed % 150;
		char **words = malloc(n * sizeof *words), **want;
		struct termset ts = { 0 };
		unsigned sd = seed;

		for (size_t i = 0; i < n; i++) {
			size_t len = 2 + (size_t)rand_r(&sd) % 14;
			words[i] = malloc(len + 1);
			for (size_t j = 0; j < len; j++)	/* few values: shared heads of 8 bytes */
				words[i][j] = (char)(rand_r(&sd) % 3 == 0 ? 0x80 + rand_r(&sd) % 127 :
				    'a' + rand_r(&sd) % 2);
			words[i][len] = '\0';
			terms_add(&ts, words[i]);
		}
		terms_finish(&ts);
		size_t nwant = expect(words, n, &want);
		same(&ts, want, nwant);
		terms_free(&ts);
		for (size_t i = 0; i < n; i++)
			free(words[i]);
		free(words);
		free(want);
	}
}

/* A document's few words, with repeats, added in any order. */
static void
test_small_documents(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 300; seed++)
		run(seed, 1 + seed % 90, 40, 0);
}

/* Finished on the way (search_index_case_since adds after a finish): same set. */
static void
test_finish_between(void **state)
{
	(void)state;
	for (unsigned seed = 1; seed <= 100; seed++)
		run(seed, 200 + seed, 150, 17);
}

/* More than 8,000 distinct words: trimmed on the way to the first 2,000, as at the end. */
static void
test_trimmed(void **state)
{
	(void)state;
	run(7, 30000, 20000, 0);
	run(8, 30000, 20000, 5000);
	run(9, 12000, 100000, 0);
}

/* terms_add_n takes a word that is not NUL-terminated (a slice of folded text). */
static void
test_slices(void **state)
{
	const char *text = "gentbrugge gent gentbrugge ge g";
	struct termset ts = { 0 };

	(void)state;
	terms_add_n(&ts, text, 10);		/* gentbrugge */
	terms_add_n(&ts, text + 11, 4);		/* gent */
	terms_add_n(&ts, text + 16, 10);	/* gentbrugge again */
	terms_add_n(&ts, text + 27, 2);		/* ge */
	terms_add_n(&ts, text + 30, 1);		/* g: too short */
	terms_add(&ts, "gen");
	terms_finish(&ts);
	assert_int_equal(ts.n, 4);
	assert_string_equal(ts.terms[0], "ge");
	assert_string_equal(ts.terms[1], "gen");
	assert_string_equal(ts.terms[2], "gent");
	assert_string_equal(ts.terms[3], "gentbrugge");
	terms_free(&ts);
	assert_null(ts.terms);
}

/* Folded text: words split as the search splits them, accents gone. */
static void
test_text(void **state)
{
	struct termset ts = { 0 };

	(void)state;
	terms_add_text(&ts, "Café Brasserie, café-brasserie; CAFÉ 2024 a");
	terms_finish(&ts);
	assert_int_equal(ts.n, 3);
	assert_string_equal(ts.terms[0], "2024");
	assert_string_equal(ts.terms[1], "brasserie");
	assert_string_equal(ts.terms[2], "cafe");
	terms_free(&ts);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_documents),
		cmocka_unit_test(test_finish_between),
		cmocka_unit_test(test_trimmed),
		cmocka_unit_test(test_slices),
		cmocka_unit_test(test_any_bytes),
		cmocka_unit_test(test_text),
	};
	return cmocka_run_group_tests_name("search_terms", tests, NULL, NULL);
}
