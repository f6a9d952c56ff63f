/*
 * The read side of search against a brute force: random desks of cases,
 * enterprises and contact moments written from a small vocabulary (words
 * that begin one another, so a prefix begins several), then random
 * queries — words, the word being typed, a phrase, a kind, a limit, as
 * officers who see different cases — each answered by sd_search (postings
 * of the rarest term, seeks into the others, prefix expansions merged) and
 * by search_brute (every document of each kind newest first, its own terms
 * asked).  Both must give the same hits, in the same order, with the same
 * titles, snippets and "more".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "sedesk/case.h"
#include "sedesk/moment.h"
#include "sedesk/search.h"
#include "search_read.h"
#include "store.h"
#include "sedesk/text.h"
#include "testdesk.h"
#include "../fixture/fixture.h"

static const char *const vocab[] = {
	"fiets", "fietser", "fietspad", "fietsenstalling", "fiat", "fietsbel", "fietsles",
	"fietstocht", "fietskaart", "fietshelm", "fietsenmaker", "opleiding", "opleidingen",
	"opleider", "onderwerp", "onderneming", "subsidie", "subsidies", "vergunning", "verhuis",
	"werk", "werkplaats", "werkgever", "zeldzaam", "kroon", "koffie", "ko", "café", "Bakkerij",
};
#define NVOCAB (sizeof vocab / sizeof vocab[0])

/* xorshift: the same desk and queries for a seed. */
static uint64_t rng;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* n words of the vocabulary, some twice. */
static void
words(char *out, size_t size, int n)
{
	size_t o = 0;

	out[0] = '\0';
	for (int i = 0; i < n && o + 1 < size; i++)
		o += (size_t)snprintf(out + o, size - o, "%s%s", i ? " " : "", vocab[rnd(NVOCAB)]);
}

static void
at_minute(struct td *t, int minutes)
{
	t->now = td_time("2026-03-02T09:00:00Z") + (int64_t)minutes * 60;
	t->d.fixed_now = t->now;
}

/* A desk of random documents: cases (some routed, some answered), enterprises, moments. */
static void
fill(struct td *t, int ndocs)
{
	struct sd_error err;
	char ents[8][SD_UUID_STR];
	int nents = 0;

	strcpy(ents[nents++], t->ent);
	for (int i = 0; i < ndocs; i++) {
		char subject[160], text[400];
		at_minute(t, i);
		words(subject, sizeof subject, 1 + (int)rnd(3));
		words(text, sizeof text, 2 + (int)rnd(8));
		switch (rnd(6)) {
		case 0:
			if (nents < 8) {
				char name[200], tags[100];
				snprintf(name, sizeof name, "%s %d", subject, i);
				words(tags, sizeof tags, 2);
				td_enterprise(t, name, NULL, tags, ents[nents++]);
				break;
			}
			/* FALLTHROUGH */
		case 1: {
			struct sd_moment_input in = { .enterprise = ents[rnd((unsigned)nents)],
			    .kind = SD_CHANNEL_SITE_VISIT, .time = "2026-02-20T10:00",
			    .departments = rnd(2) ? "eco" : "wel", .text = text };
			uint8_t id[SD_UUID_LEN];
			td_as(t, "ann");
			td_expect(SD_OK, sd_moment_add(&t->d, &in, id, &err), &err);
			break;
		}
		default: {
			struct sd_case_input in = { 0 };
			struct sd_case_key key;
			char num[SD_CASE_NUMBER_MAX];
			in.enterprise = ents[rnd((unsigned)nents)];
			in.subject = subject;
			in.description = text;
			td_as(t, "ann");
			td_expect(SD_OK, sd_case_new(&t->d, &in, &key, &err), &err);
			sd_case_number_format(key, num);
			if (rnd(3) == 0)
				td_route(t, num, rnd(2) ? "eco" : "wel");
			break;
		}
		}
	}
}

/* A random query: words, perhaps a phrase, the last perhaps still being typed. */
static void
random_query(char *q, size_t size)
{
	int n = 1 + (int)rnd(3);
	size_t o = 0;

	q[0] = '\0';
	for (int i = 0; i < n; i++) {
		const char *w = vocab[rnd(NVOCAB)];
		if (i == n - 1 && rnd(2)) {
			/* A prefix of 2 to 5 letters. */
			int len = 2 + (int)rnd(4);
			o += (size_t)snprintf(q + o, size - o, "%s%.*s", i ? " " : "", len, w);
			return;
		}
		if (rnd(8) == 0)
			o += (size_t)snprintf(q + o, size - o, "%s\"%s %s\"", i ? " " : "", w,
			    vocab[rnd(NVOCAB)]);
		else
			o += (size_t)snprintf(q + o, size - o, "%s%s", i ? " " : "", w);
	}
	if (rnd(2))
		snprintf(q + o, size - o, " ");
}

static bool
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void
describe(const struct sd_hits *h, const char *name)
{
	print_error("  %s: %zu hits, more %d\n", name, h->n, h->more);
	for (size_t i = 0; i < h->n; i++)
		print_error("    %d %s | %s\n", h->items[i].kind, h->items[i].title,
		    h->items[i].snippet ? h->items[i].snippet : "(none)");
}

/* Same hits, same order, same titles and snippets, same "more". */
static void
compare(struct td *t, const char *login, const char *query, enum sd_hit_kind kind, size_t limit)
{
	struct sd_hits a, b;
	struct sd_error err;
	bool same;

	td_as(t, login);
	td_expect(SD_OK, sd_search(&t->d, query, kind, limit, &a, &err), &err);
	td_expect(SD_OK, search_brute(&t->d, query, kind, limit, &b, &err), &err);
	same = a.n == b.n && a.more == b.more;
	for (size_t i = 0; same && i < a.n; i++) {
		const struct sd_hit *x = &a.items[i], *y = &b.items[i];
		same = x->kind == y->kind && x->exact == y->exact && same_str(x->title, y->title) &&
		    same_str(x->snippet, y->snippet);
	}
	if (!same) {
		print_error("search \"%s\" as %s, kind %d, limit %zu:\n", query, login, kind, limit);
		describe(&a, "sd_search");
		describe(&b, "brute force");
	}
	sd_hits_free(&a);
	sd_hits_free(&b);
	assert_true(same);
}

static void
test_search_equals_brute_force(void **state)
{
	static const char *const logins[] = { "ann", "bram", "chris", "root" };
	static const enum sd_hit_kind kinds[] = { SD_HIT_ANY, SD_HIT_ANY, SD_HIT_CASE,
	    SD_HIT_ENTERPRISE, SD_HIT_MOMENT };
	static const size_t limits[] = { 1, 3, 10, 50 };
	struct td *t = *state;
	int queries = 0, nonempty = 0;

	(void)state;
	for (uint64_t seed = 1; seed <= 4; seed++) {
		struct td *u = seed == 1 ? t : td_new();
		assert_non_null(u);
		rng = 0x9e3779b97f4a7c15ull * seed;
		fill(u, 60 + (int)rnd(120));
		for (int i = 0; i < 120; i++) {
			char q[200];
			struct sd_hits h;
			struct sd_error err;
			const char *login = logins[rnd(4)];
			enum sd_hit_kind kind = kinds[rnd(5)];
			size_t limit = limits[rnd(4)];
			random_query(q, sizeof q);
			compare(u, login, q, kind, limit);
			td_as(u, login);
			td_expect(SD_OK, sd_search(&u->d, q, kind, limit, &h, &err), &err);
			nonempty += h.n > 0;
			sd_hits_free(&h);
			queries++;
		}
		if (u != t)
			td_free(u);
	}
	/* The queries found something often enough to mean anything. */
	assert_true(nonempty > queries / 3);
}

/*
 * A prefix that begins many terms, each in many cases: one page of hits
 * merged from them all, the same as the brute force (the walk took each
 * term's own page before: 50 terms × a page of cases).
 */
static void
test_prefix_of_many_terms(void **state)
{
	struct td *t = *state;
	struct sd_error err;

	td_expect(SD_OK, sd_store_batch_begin(t->d.store, &err), &err);
	for (int i = 0; i < 600; i++) {
		char subject[64], num[SD_CASE_NUMBER_MAX];
		snprintf(subject, sizeof subject, "Vraag over fietsroute%c%c", 'a' + i % 25,
		    'a' + (i / 25) % 2);
		at_minute(t, i);
		td_case(t, t->ent, subject, NULL, SD_PRIORITY_NORMAL, num);
	}
	td_expect(SD_OK, sd_store_batch_commit(t->d.store, &err), &err);
	compare(t, "ann", "fiet", SD_HIT_ANY, 10);
	compare(t, "ann", "vraag fietsroutec", SD_HIT_ANY, 10);
	/* The word drives; the prefix's 50 terms are looked for in each case's own. */
	compare(t, "ann", "vraag fiet", SD_HIT_ANY, 10);
	compare(t, "ann", "vraag fietsroutey", SD_HIT_ANY, 10);
	compare(t, "ann", "fietsrouteb", SD_HIT_CASE, 50);
	compare(t, "bram", "fiet", SD_HIT_ANY, 10);
}

/*
 * sd_fold lowers ASCII runs itself and hands only the runs between them to
 * utf8proc: the same as utf8proc on the whole string, for random strings
 * of ASCII and characters that decompose, fold, combine or vanish (é as one
 * character and as e + U+0301, ß, the ligature ﬁ, Ⅻ, Σ, İ, a soft hyphen,
 * a zero-width joiner, Ǆ, ㎏, Hangul, a run of combining marks).
 */
static void
test_fold_runs_as_utf8proc(void **state)
{
	static const char *const pieces[] = {
		"\xc3\xa9", "\xcc\x81", "\xc3\x9f", "\xef\xac\x81", "\xe2\x85\xab",
		"\xce\xa3", "\xc4\xb0", "\xc2\xad", "\xe2\x80\x8d", "\xc7\x84", "\xe3\x8e\x8f",
		"\xed\x95\x9c", "\xcc\xa3\xcc\x81\xcc\x88", "\xc3\x85", "\xe2\x82\xac",
	};
	(void)state;
	rng = 42;
	for (int i = 0; i < 3000; i++) {
		char in[256];
		size_t o = 0;
		utf8proc_uint8_t *want = NULL;
		char *got;
		int n = 1 + (int)rnd(30);
		for (int k = 0; k < n && o + 16 < sizeof in; k++) {
			if (rnd(3) == 0) {
				const char *pc = pieces[rnd(sizeof pieces / sizeof pieces[0])];
				memcpy(in + o, pc, strlen(pc));
				o += strlen(pc);
			} else {
				in[o++] = (char)(1 + rnd(127));
			}
		}
		in[o] = '\0';
		assert_true(utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)o, &want,
		    UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
		    UTF8PROC_STRIPMARK | UTF8PROC_IGNORE) >= 0);
		got = sd_fold(in);
		assert_string_equal(got, (const char *)want);
		free(got);
		free(want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_search_equals_brute_force, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_prefix_of_many_terms, td_setup, td_teardown),
		cmocka_unit_test(test_fold_runs_as_utf8proc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
