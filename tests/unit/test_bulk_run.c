/*
 * Unit tests of the runs (src/core/bulk_run.c): a bulk job's index writes
 * from its second chunk on are appended as sorted runs and merged once at
 * its end.  Runs with the same key: the last run's operation wins; a
 * delete removes; document counts follow the postings the table holds
 * (a put of a posting there already, a delete of one not there, change
 * no count); the merge empties the run table and calls the job's end in
 * that commit; small merge chunks give the same result; while runs are
 * pending an ordinary write logs its index writes as a run; and a
 * property test of bulk chunks interleaved with single edits: after the
 * merge `check` finds nothing and search answers as a brute-force search.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bulk.h"
#include "internal.h"
#include "search_batch.h"
#include "sedesk/ops.h"
#include "sedesk/search.h"
#include "sedesk/text.h"
#include "testdesk.h"

#define T(s)	(s), sizeof(s)	/* a posting key: term \0 docid, with its NUL */

/* Appends one run of operations (table, key, value or NULL: delete). */
struct top { enum sd_dbi db; const char *key; size_t klen; const char *val; };

static void
run_of(struct td *t, const struct top *ops, size_t n)
{
	struct search_batch *sb = search_batch_new();
	struct sd_txn txn;
	struct sd_error err;

	for (size_t i = 0; i < n; i++)
		assert_true(search_batch_add(sb, ops[i].db, ops[i].key, ops[i].klen, ops[i].val,
		    ops[i].val != NULL ? strlen(ops[i].val) + 1 : 0));
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	td_expect(SD_OK, search_batch_run(&txn, sb, &err), &err);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
	search_batch_free(sb);
}

static bool
has(struct td *t, enum sd_dbi db, const void *key, size_t klen, char *val, size_t vmax)
{
	struct sd_txn txn;
	struct sd_error err;
	MDB_val v;
	bool there;

	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	there = sd_db_get(&txn, db, key, klen, &v, "test", &err) == SD_OK;
	if (there && val != NULL) {
		size_t n = v.mv_size < vmax - 1 ? v.mv_size : vmax - 1;
		memcpy(val, v.mv_data, n);
		val[n] = '\0';
	}
	sd_txn_abort(&txn);
	return there;
}

static uint32_t
df(struct td *t, const char *term)
{
	struct sd_txn txn;
	struct sd_error err;
	MDB_val v;
	uint32_t n = 0;

	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	if (sd_db_get(&txn, SD_DB_SEARCH_DF, term, strlen(term), &v, "test", &err) == SD_OK &&
	    v.mv_size == sizeof n)
		memcpy(&n, v.mv_data, sizeof n);
	sd_txn_abort(&txn);
	return n;
}

static uint64_t
pending(struct td *t)
{
	struct sd_txn txn;
	struct sd_error err;
	uint64_t n;

	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	n = sd_runs_pending(&txn);
	sd_txn_abort(&txn);
	return n;
}

static int end_calls;
static uint64_t pending_at_end;

static sd_status
on_end(struct sd_txn *t, void *arg, struct sd_error *err)
{
	(void)arg;
	(void)err;
	end_calls++;
	pending_at_end = sd_runs_pending(t);
	return sd_db_put(t, SD_DB_META, "test:end", 8, "1", 1, "test", err);
}

/* Writes a posting and its count 1 directly (a state from before the runs). */
static void
direct_posting(struct td *t, const char *key, size_t klen, const char *term)
{
	struct sd_txn txn;
	struct sd_error err;
	uint32_t one = 1;

	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	td_expect(SD_OK, sd_db_put_flag(&txn, SD_DB_SEARCH_POST, key, klen, "test", &err), &err);
	td_expect(SD_OK, sd_db_put(&txn, SD_DB_SEARCH_DF, term, strlen(term), &one, sizeof one,
	    "test", &err), &err);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
}

static void
test_last_run_wins(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	char v[64];
	/* Run 1: three keys put; run 2: one deleted, one put again; run 3: the deleted one back. */
	const struct top r1[] = {
		{ SD_DB_ENT_BY_WORD, "alpha\0AAAA", 10, "" },
		{ SD_DB_ENT_BY_WORD, "bravo\0BBBB", 10, "" },
		{ SD_DB_ENT_BY_NAME, "carla\0CCCC", 10, "one" },
	};
	const struct top r2[] = {
		{ SD_DB_ENT_BY_WORD, "alpha\0AAAA", 10, NULL },
		{ SD_DB_ENT_BY_NAME, "carla\0CCCC", 10, "two" },
		{ SD_DB_ENT_BY_WORD, "bravo\0BBBB", 10, NULL },
	};
	const struct top r3[] = {
		{ SD_DB_ENT_BY_WORD, "alpha\0AAAA", 10, "" },
	};

	run_of(t, r1, 3);
	run_of(t, r2, 3);
	run_of(t, r3, 1);
	assert_int_equal(pending(t), 7);
	/* Pending: nothing is in the tables yet. */
	assert_false(has(t, SD_DB_ENT_BY_WORD, "alpha\0AAAA", 10, NULL, 0));
	end_calls = 0;
	td_expect(SD_OK, sd_runs_merge(t->d.store, 0, 0, on_end, NULL, &err), &err);
	assert_int_equal(end_calls, 1);
	assert_int_equal(pending_at_end, 0);
	assert_int_equal(pending(t), 0);
	assert_true(has(t, SD_DB_META, "test:end", 8, NULL, 0));
	assert_true(has(t, SD_DB_ENT_BY_WORD, "alpha\0AAAA", 10, NULL, 0));
	assert_false(has(t, SD_DB_ENT_BY_WORD, "bravo\0BBBB", 10, NULL, 0));
	assert_true(has(t, SD_DB_ENT_BY_NAME, "carla\0CCCC", 10, v, sizeof v));
	assert_string_equal(v, "two");
	/* Merged again: nothing pending, nothing changes, the end is told again. */
	td_expect(SD_OK, sd_runs_merge(t->d.store, 0, 0, on_end, NULL, &err), &err);
	assert_int_equal(end_calls, 2);
	assert_true(has(t, SD_DB_ENT_BY_WORD, "alpha\0AAAA", 10, NULL, 0));
}

static void
test_document_counts_follow_the_table(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	/* A posting there already (count 1), put again by a run: still 1. */
	direct_posting(t, T("zzx\0E1234567"), "zzx");
	const struct top r1[] = {
		{ SD_DB_SEARCH_POST, T("yyq\0E0000001"), "" },
		{ SD_DB_SEARCH_POST, T("yyq\0E0000002"), "" },
		{ SD_DB_SEARCH_POST, T("yyq\0E0000003"), "" },
		{ SD_DB_SEARCH_POST, T("zzx\0E1234567"), "" },
		/* A delete of a posting that is not there: no count. */
		{ SD_DB_SEARCH_POST, T("zzx\0E7654321"), NULL },
	};
	const struct top r2[] = {
		{ SD_DB_SEARCH_POST, T("yyq\0E0000002"), NULL },
		{ SD_DB_SEARCH_POST, T("yyq\0E0000003"), "" },	/* twice: counted once */
		{ SD_DB_SEARCH_POST, T("zzx\0E1234567"), NULL },
	};
	const struct top r3[] = {
		{ SD_DB_SEARCH_POST, T("yyq\0E0000002"), NULL },	/* gone already */
		{ SD_DB_SEARCH_POST, T("zzx\0E1234567"), "" },	/* back */
	};

	run_of(t, r1, 5);
	run_of(t, r2, 3);
	run_of(t, r3, 2);
	td_expect(SD_OK, sd_runs_merge(t->d.store, 0, 0, NULL, NULL, &err), &err);
	assert_int_equal(df(t, "yyq"), 2);
	assert_int_equal(df(t, "zzx"), 1);
	assert_true(has(t, SD_DB_SEARCH_POST, T("yyq\0E0000001"), NULL, 0));
	assert_false(has(t, SD_DB_SEARCH_POST, T("yyq\0E0000002"), NULL, 0));
	assert_true(has(t, SD_DB_SEARCH_POST, T("yyq\0E0000003"), NULL, 0));
	assert_true(has(t, SD_DB_SEARCH_POST, T("zzx\0E1234567"), NULL, 0));
	assert_int_equal(pending(t), 0);
}

/* Many runs merged in chunks of 1 ms: the same as in one. */
static void
test_small_chunks_same_result(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	char key[64];
	enum { RUNS = 40, KEYS = 300 };

	for (int r = 0; r < RUNS; r++) {
		struct search_batch *sb = search_batch_new();
		struct sd_txn txn;
		for (int k = 0; k < KEYS; k++) {
			int n = snprintf(key, sizeof key, "w%03d", (k * 7 + r) % KEYS) + 1;
			n += snprintf(key + n, sizeof key - (size_t)n, "E%04d", k);
			/* Run r puts a key when (k + r) is even, deletes it else. */
			assert_true(search_batch_add(sb, SD_DB_SEARCH_POST, key, (size_t)n,
			    (k + r) % 2 == 0 ? "" : NULL, (k + r) % 2 == 0));
		}
		td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
		td_expect(SD_OK, search_batch_run(&txn, sb, &err), &err);
		td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
		search_batch_free(sb);
	}
	assert_int_equal(pending(t), RUNS * KEYS);
	td_expect(SD_OK, sd_runs_merge(t->d.store, 1, 0, NULL, NULL, &err), &err);
	assert_int_equal(pending(t), 0);
	/* Each key's last writer is the last run that named it. */
	{
		uint32_t want_df[KEYS] = { 0 };
		/* Replayed in order into an array: the last run of a key decides. */
		static int8_t state_of[KEYS][KEYS];
		memset(state_of, 0, sizeof state_of);
		for (int r = 0; r < RUNS; r++)
			for (int k = 0; k < KEYS; k++)
				state_of[(k * 7 + r) % KEYS][k] = (k + r) % 2 == 0 ? 1 : -1;
		for (int w = 0; w < KEYS; w++)
			for (int k = 0; k < KEYS; k++) {
				int n = snprintf(key, sizeof key, "w%03d", w) + 1;
				n += snprintf(key + n, sizeof key - (size_t)n, "E%04d", k);
				bool there = has(t, SD_DB_SEARCH_POST, key, (size_t)n, NULL, 0);
				assert_int_equal(there, state_of[w][k] == 1);
				want_df[w] += state_of[w][k] == 1;
			}
		for (int w = 0; w < KEYS; w++) {
			snprintf(key, sizeof key, "w%03d", w);
			assert_int_equal(df(t, key), want_df[w]);
		}
	}
}

/* While runs are pending, an ordinary write also logs its index writes as a run. */
static void
test_edit_while_pending_logs_a_run(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	const struct top r1[] = { { SD_DB_ENT_BY_WORD, "qqq\0AAAA", 9, "" } };
	char *f[SD_EF_COUNT] = { 0 };
	uint8_t id[SD_UUID_LEN];
	uint64_t before;

	f[SD_EF_NAME] = (char *)"Wafelbakkerij Xylofoon";
	/* Nothing pending: an add logs nothing. */
	td_expect(SD_OK, sd_enterprise_add(&t->d, f, id, &err), &err);
	assert_int_equal(pending(t), 0);
	run_of(t, r1, 1);
	before = pending(t);
	f[SD_EF_NAME] = (char *)"Wafelbakkerij Zeppelin";
	td_expect(SD_OK, sd_enterprise_add(&t->d, f, id, &err), &err);
	/* Written directly (found at once) and logged. */
	assert_true(pending(t) > before);
	{
		struct sd_hits h = { 0 };
		td_expect(SD_OK, sd_search(&t->d, "zeppelin", SD_HIT_ANY, 10, &h, &err), &err);
		assert_int_equal(h.n, 1);
		sd_hits_free(&h);
	}
	td_expect(SD_OK, sd_runs_merge(t->d.store, 0, 0, NULL, NULL, &err), &err);
	assert_int_equal(pending(t), 0);
	assert_int_equal(df(t, "zeppelin"), 1);
	assert_int_equal(df(t, "wafelbakkerij"), 2);
}

/* --- the property test ------------------------------------------------------------- */

static const char *const WORDS[] = {
	"ajuin", "boter", "citroen", "dadel", "erwt", "framboos", "gember", "hazelnoot",
	"ijzerkruid", "jeneverbes", "kaneel", "limoen", "mosterd", "nootmuskaat", "olijf",
	"peterselie",
};
#define NWORDS	(sizeof WORDS / sizeof WORDS[0])
/* Tags (searchable too, so from words of their own). */
static const char *const TAGS[] = { "etiketa", "etiketb", "etiketc" };
#define MAXENT	400

struct model {
	uint8_t		 id[MAXENT][SD_UUID_LEN];
	unsigned	 words[MAXENT];		/* a bit per word of its name */
	size_t		 n;
	unsigned	 rnd;
};

static unsigned
rnd(struct model *m)
{
	m->rnd = m->rnd * 1103515245u + 12345u;
	return (m->rnd >> 16) & 0x7fff;
}

/* A name of two to four words of WORDS (bits), unique by a number word. */
static char *
name_of(unsigned bits, size_t n)
{
	struct sd_buf b = { 0 };

	for (size_t w = 0; w < NWORDS; w++)
		if (bits & (1u << w)) {
			sd_buf_adds(&b, WORDS[w]);
			sd_buf_adds(&b, " ");
		}
	char num[32];
	snprintf(num, sizeof num, "nr%zu", n);
	sd_buf_adds(&b, num);
	sd_buf_add(&b, "", 1);
	return b.data;
}

static unsigned
some_words(struct model *m)
{
	unsigned bits = 0;

	while (__builtin_popcount(bits) < 2)
		bits |= 1u << (rnd(m) % NWORDS);
	if (rnd(m) % 2)
		bits |= 1u << (rnd(m) % NWORDS);
	return bits;
}

struct addrow {
	struct model	*m;
	struct sd_desk	*d;
};

static sd_status
bulk_add(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct addrow *a = arg;
	struct model *m = a->m;
	char *f[SD_EF_COUNT] = { 0 };
	unsigned bits = some_words(m);
	sd_status s;

	f[SD_EF_NAME] = name_of(bits, m->n);
	f[SD_EF_TAGS] = (char *)TAGS[rnd(m) % 3];
	s = ent_add_in_txn(t, a->d, f, m->id[m->n], err);
	free(f[SD_EF_NAME]);
	if (s == SD_OK)
		m->words[m->n++] = bits;
	return s;
}

static void
single_edit(struct td *t, struct model *m)
{
	char *f[SD_EF_COUNT] = { 0 };
	struct sd_error err;
	char ref[SD_UUID_STR];
	unsigned what = rnd(m) % 3;

	if (what == 0 || m->n == 0) {
		unsigned bits = some_words(m);
		f[SD_EF_NAME] = name_of(bits, m->n);
		td_expect(SD_OK, sd_enterprise_add(&t->d, f, m->id[m->n], &err), &err);
		m->words[m->n++] = bits;
	} else {
		/* A new name (words come and go) for any enterprise, bulk-made or not. */
		size_t i = rnd(m) % m->n;
		unsigned bits = what == 1 ? some_words(m) : m->words[i] & (m->words[i] - 1);
		if (__builtin_popcount(bits) == 0)
			bits = some_words(m);
		f[SD_EF_NAME] = name_of(bits, i);
		f[SD_EF_TAGS] = what == 2 ? (char *)"" : (char *)TAGS[rnd(m) % 3];
		sd_uuid_format(m->id[i], ref);
		td_expect(SD_OK, sd_enterprise_edit(&t->d, ref, f, 0, &err), &err);
		m->words[i] = bits;
	}
	free(f[SD_EF_NAME]);
}

static void
problem_seen(void *arg, const char *what)
{
	(void)what;
	(*(int *)arg)++;
}

/* Search of every word against the model: the enterprises whose name has it. */
static void
search_equals_brute_force(struct td *t, const struct model *m)
{
	for (size_t w = 0; w < NWORDS; w++) {
		struct sd_hits h = { 0 };
		struct sd_error err;
		size_t want = 0, got = 0;

		for (size_t i = 0; i < m->n; i++)
			want += (m->words[i] >> w) & 1;
		td_expect(SD_OK, sd_search(&t->d, WORDS[w], SD_HIT_ENTERPRISE, 1000, &h, &err),
		    &err);
		for (size_t j = 0; j < h.n; j++) {
			size_t i;
			for (i = 0; i < m->n; i++)
				if (memcmp(h.items[j].ent, m->id[i], SD_UUID_LEN) == 0)
					break;
			assert_true(i < m->n);
			assert_true((m->words[i] >> w) & 1);
			got++;
		}
		if (got != want)
			fail_msg("word %s: %zu hits, %zu enterprises have it", WORDS[w], got, want);
		sd_hits_free(&h);
	}
}

static void
interleave(struct td *t, unsigned seed)
{
	static const struct sd_bulk_limits FEW = { .chunk_ms = 60000, .max_rows = 7 };
	struct model *m = calloc(1, sizeof *m);
	struct addrow a = { m, &t->d };
	struct sd_bulk b;
	struct sd_error err;
	size_t problems;
	int told = 0;
	char when[64];
	uint64_t row = 0;

	m->rnd = seed;
	td_as(t, "root");
	for (int round = 0; round < 3; round++) {
		char name[32];
		snprintf(name, sizeof name, "prop:%u:%d", seed, round);
		td_expect(SD_OK, sd_bulk_begin(&b, t->d.store, name, &FEW, &err), &err);
		for (int i = 0; i < 60 && m->n < MAXENT - 10; i++) {
			snprintf(when, sizeof when, "2026-03-%02dT%02d:%02d:00Z", 3 + round,
			    i / 60, i % 60);
			td_at(t, when);
			row++;
			td_expect(SD_OK, sd_bulk_row(&b, bulk_add, &a, row, row, &err), &err);
			/* Between chunks (the writer is free): someone's single edit. */
			if (b.txn.txn == NULL && rnd(m) % 2)
				single_edit(t, m);
		}
		if (b.chunks > 1)
			assert_true(pending(t) > 0);
		td_expect(SD_OK, sd_bulk_finish(&b, &err), &err);
		assert_int_equal(pending(t), 0);
		single_edit(t, m);
		td_expect(SD_OK, sd_check(&t->d, false, problem_seen, &told, &problems, &err), &err);
		assert_int_equal(problems, 0);
		assert_int_equal(told, 0);
		search_equals_brute_force(t, m);
	}
	free(m);
}

static void
test_interleaved_bulk_and_edits(void **state)
{
	for (unsigned seed = 1; seed <= 3; seed++) {
		struct td *t = td_new();
		assert_non_null(t);
		interleave(t, seed);
		td_free(t);
	}
	(void)state;
}

/* check while runs are pending: told in words, not counted; --repair merges them. */
static void
test_check_tells_pending(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	const struct top r1[] = { { SD_DB_ENT_BY_WORD, "qqq\0AAAA", 9, "" } };
	size_t problems;
	int told = 0;

	run_of(t, r1, 1);
	td_as(t, "root");
	td_expect(SD_OK, sd_check(&t->d, false, problem_seen, &told, &problems, &err), &err);
	assert_int_equal(problems, 0);
	assert_int_equal(told, 1);
	told = 0;
	td_expect(SD_OK, sd_check(&t->d, true, problem_seen, &told, &problems, &err), &err);
	assert_int_equal(pending(t), 0);
	/* Merged, the entry is one no record explains: the repair takes it out. */
	assert_int_equal(problems, 1);
	assert_false(has(t, SD_DB_ENT_BY_WORD, "qqq\0AAAA", 9, NULL, 0));
}

/* --- the merge's position (no delete per operation) --------------------------------- */

static uint64_t
left(struct td *t)
{
	struct sd_txn txn;
	struct sd_error err;
	uint64_t n;

	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	n = sd_runs_left(&txn);
	sd_txn_abort(&txn);
	return n;
}

/* The run table's entries as LMDB counts them (applied or not). */
static uint64_t
run_entries(struct td *t)
{
	struct sd_txn txn;
	struct sd_error err;
	MDB_stat ms;

	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	assert_int_equal(mdb_stat(txn.txn, t->d.store->dbi[SD_DB_BULK_RUN], &ms), 0);
	sd_txn_abort(&txn);
	return ms.ms_entries;
}

/* The run table's operations (meta "runops", or its entries without it). */
static uint64_t
run_ops(struct td *t)
{
	struct sd_txn txn;
	struct sd_error err;
	uint64_t n = 0;

	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	assert_int_equal(run_ops_get(&txn, &n), 0);
	sd_txn_abort(&txn);
	return n;
}

static bool
merging(struct td *t)
{
	struct sd_txn txn;
	struct sd_error err;
	bool m;

	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	m = sd_runs_merging(&txn);
	sd_txn_abort(&txn);
	return m;
}

enum { PKEYS = 100, PRUNS = 3 };

/* Run r of the position tests: every key k%03d, put "r<r>" or (some) deleted. */
static void
position_runs(struct td *t)
{
	for (int r = 0; r < PRUNS; r++) {
		struct search_batch *sb = search_batch_new();
		struct sd_txn txn;
		struct sd_error err;
		char key[16], val[16];
		for (int k = 0; k < PKEYS; k++) {
			snprintf(key, sizeof key, "k%03d", k);
			snprintf(val, sizeof val, "r%d", r);
			bool del = (k + r) % 5 == 0;
			assert_true(search_batch_add(sb, SD_DB_ENT_BY_NAME, key, 5, del ? NULL : val,
			    del ? 0 : strlen(val) + 1));
		}
		td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
		td_expect(SD_OK, search_batch_run(&txn, sb, &err), &err);
		td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
		search_batch_free(sb);
	}
}

/*
 * A merge stopped between chunks keeps its position and the run table
 * whole (nothing deleted per operation); what is left is told exactly;
 * an ordinary write meanwhile (logged as a run) on a key at or before the
 * position is skipped by the merge (it was written directly, after every
 * older operation), one after it is replayed last; the merge's end empties
 * the table and forgets the position.
 */
static void
test_merge_position_and_logged_writes(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	struct sd_txn txn;
	char v[64];
	bool done;

	position_runs(t);
	assert_int_equal(pending(t), PRUNS * PKEYS);
	assert_int_equal(left(t), PRUNS * PKEYS);
	assert_int_equal(run_ops(t), PRUNS * PKEYS);
	/* A run of a hundred short operations: one block each. */
	assert_int_equal(run_entries(t), PRUNS);
	assert_false(merging(t));
	/* Two chunks of ten keys (thirty operations each): killed after them. */
	setenv("SEDESK_CHUNK_ROWS", "10", 1);
	td_expect(SD_OK, sd_runs_merge_some(t->d.store, 2, &done, &err), &err);
	unsetenv("SEDESK_CHUNK_ROWS");
	assert_false(done);
	assert_true(merging(t));
	assert_int_equal(run_entries(t), PRUNS);
	assert_int_equal(run_ops(t), PRUNS * PKEYS);
	assert_int_equal(pending(t), PRUNS * PKEYS - 60);
	assert_int_equal(left(t), PRUNS * PKEYS - 60);
	/* Applied up to k019: k019 is the last run's, k020 not there yet. */
	assert_true(has(t, SD_DB_ENT_BY_NAME, "k019", 5, v, sizeof v));
	assert_string_equal(v, "r2");
	assert_false(has(t, SD_DB_ENT_BY_NAME, "k021", 5, NULL, 0));
	/* An officer's write meanwhile: two keys before the position, two after. */
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	td_expect(SD_OK, sd_db_put(&txn, SD_DB_ENT_BY_NAME, "k005", 5, "mine", 5, "test", &err),
	    &err);
	td_expect(SD_OK, sd_db_del(&txn, SD_DB_ENT_BY_NAME, "k011", 5, "test", &err), &err);
	td_expect(SD_OK, sd_db_put(&txn, SD_DB_ENT_BY_NAME, "k050", 5, "mine", 5, "test", &err),
	    &err);
	td_expect(SD_OK, sd_db_del(&txn, SD_DB_ENT_BY_NAME, "k061", 5, "test", &err), &err);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
	/* Logged: four more in the table (a block), two of them left to merge. */
	assert_int_equal(run_entries(t), PRUNS + 1);
	assert_int_equal(run_ops(t), PRUNS * PKEYS + 4);
	assert_int_equal(left(t), PRUNS * PKEYS - 60 + 2);
	/* One more chunk: it has seen the logged run, and pending is exact again. */
	setenv("SEDESK_CHUNK_ROWS", "10", 1);
	td_expect(SD_OK, sd_runs_merge_some(t->d.store, 1, &done, &err), &err);
	unsetenv("SEDESK_CHUNK_ROWS");
	assert_int_equal(pending(t), PRUNS * PKEYS - 90 + 2);
	assert_int_equal(left(t), PRUNS * PKEYS - 90 + 2);
	/* The rest, resumed from the position; the job's end in the emptying commit. */
	end_calls = 0;
	td_expect(SD_OK, sd_runs_merge(t->d.store, 0, 0, on_end, NULL, &err), &err);
	assert_int_equal(end_calls, 1);
	assert_int_equal(pending_at_end, 0);
	assert_int_equal(run_entries(t), 0);
	assert_false(merging(t));
	assert_false(has(t, SD_DB_META, "runpos", 6, NULL, 0));
	assert_false(has(t, SD_DB_META, "runops", 6, NULL, 0));
	for (int k = 0; k < PKEYS; k++) {
		char key[16];
		bool there;
		snprintf(key, sizeof key, "k%03d", k);
		there = has(t, SD_DB_ENT_BY_NAME, key, 5, v, sizeof v);
		if (k == 5 || k == 50) {
			assert_true(there);
			assert_string_equal(v, "mine");
		} else if (k == 11 || k == 61 || (k + PRUNS - 1) % 5 == 0) {
			assert_false(there);
		} else {
			assert_true(there);
			assert_string_equal(v, "r2");
		}
	}
}

/*
 * A bulk job that starts while another job's merge is under way (killed,
 * or between its chunks) finishes that merge first: a run of its own then
 * would hold keys the merge has passed, and they would be skipped (its
 * enterprises missing from search).  Failed before the bulk chunk
 * finished the merge.
 */
static void
test_bulk_during_a_merge(void **state)
{
	struct td *t = *state;
	static const struct sd_bulk_limits FEW = { .chunk_ms = 60000, .max_rows = 3 };
	struct model *m = calloc(1, sizeof *m);
	struct addrow a = { m, &t->d };
	struct search_batch *sb = search_batch_new();
	struct sd_bulk b;
	struct sd_error err;
	struct sd_txn txn;
	char key[16];
	bool done;
	size_t problems;
	int told = 0;

	/* A merge's position past every key a job writes (the last deferred table). */
	for (int k = 0; k < 50; k++) {
		snprintf(key, sizeof key, "\xff\xff%03d", k);
		assert_true(search_batch_add(sb, SD_DB_ENT_BY_EMAIL, key, 6, "", 1));
	}
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	td_expect(SD_OK, search_batch_run(&txn, sb, &err), &err);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
	search_batch_free(sb);
	setenv("SEDESK_CHUNK_ROWS", "10", 1);
	td_expect(SD_OK, sd_runs_merge_some(t->d.store, 1, &done, &err), &err);
	unsetenv("SEDESK_CHUNK_ROWS");
	assert_true(merging(t));
	m->rnd = 7;
	td_as(t, "root");
	td_expect(SD_OK, sd_bulk_begin(&b, t->d.store, "during", &FEW, &err), &err);
	for (uint64_t row = 1; row <= 10; row++)
		td_expect(SD_OK, sd_bulk_row(&b, bulk_add, &a, row, row, &err), &err);
	td_expect(SD_OK, sd_bulk_finish(&b, &err), &err);
	assert_int_equal(pending(t), 0);
	assert_false(merging(t));
	search_equals_brute_force(t, m);
	/* The made-up entries of the first run are the only problem: repaired, clean. */
	td_expect(SD_OK, sd_check(&t->d, true, problem_seen, &told, &problems, &err), &err);
	assert_int_equal(problems, 1);
	td_expect(SD_OK, sd_check(&t->d, false, problem_seen, &told, &problems, &err), &err);
	assert_int_equal(problems, 0);
	free(m);
}

/*
 * Random runs over tables that already hold keys (before, between and
 * after the runs' keys: the merge appends past a table's last key and
 * searches before it), merged in small chunks: every key as replaying the
 * runs in order on the tables would leave it, document counts as the
 * postings the table holds.
 */
enum { RTERMS = 6, RDOCS = 40, RNAMES = 120, RROUNDS = 4 };

static void
random_key(int which, int i, char *key, size_t *klen)
{
	if (which == 0) {	/* a posting: term \0 docid */
		int n = snprintf(key, 32, "t%d", i / RDOCS) + 1;
		n += snprintf(key + n, (size_t)(32 - n), "E%03d", i % RDOCS);
		*klen = (size_t)n;
	} else {
		*klen = (size_t)snprintf(key, 32, "n%03d", i) + 1;
	}
}

static void
test_random_runs_on_filled_tables(void **state)
{
	for (unsigned seed = 1; seed <= RROUNDS; seed++) {
		struct td *t = td_new();
		struct model rm = { .rnd = seed };
		/* -1 absent, else the value's number (postings: 0) */
		int post[RTERMS * RDOCS], name[RNAMES];
		struct sd_error err;
		char key[32], val[16];
		size_t klen;
		int runs = 3 + (int)(rnd(&rm) % 6);

		assert_non_null(t);
		/* Filled directly: a third of the keys, some low, some high. */
		for (int i = 0; i < RTERMS * RDOCS; i++) {
			post[i] = rnd(&rm) % 3 == 0 ? 0 : -1;
			if (post[i] == 0) {
				char term[16];
				random_key(0, i, key, &klen);
				snprintf(term, sizeof term, "t%d", i / RDOCS);
				struct sd_txn txn;
				uint32_t n = df(t, term) + 1;
				td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
				td_expect(SD_OK, sd_db_put_flag(&txn, SD_DB_SEARCH_POST, key, klen,
				    "test", &err), &err);
				td_expect(SD_OK, sd_db_put(&txn, SD_DB_SEARCH_DF, term, strlen(term),
				    &n, sizeof n, "test", &err), &err);
				td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
			}
		}
		for (int i = 0; i < RNAMES; i++) {
			name[i] = (i < 20 || i > 100) && rnd(&rm) % 2 ? 1000 + i : -1;
			if (name[i] >= 0) {
				struct sd_txn txn;
				random_key(1, i, key, &klen);
				snprintf(val, sizeof val, "v%d", name[i]);
				td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
				td_expect(SD_OK, sd_db_put(&txn, SD_DB_ENT_BY_NAME, key, klen, val,
				    strlen(val) + 1, "test", &err), &err);
				td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
			}
		}
		/* The runs: random puts and deletes, replayed on the model in order. */
		for (int r = 0; r < runs; r++) {
			struct search_batch *sb = search_batch_new();
			struct sd_txn txn;
			int nops = 1 + (int)(rnd(&rm) % 150);
			for (int j = 0; j < nops; j++) {
				int which = rnd(&rm) % 2;
				int i = which == 0 ? (int)(rnd(&rm) % (RTERMS * RDOCS)) :
				    (int)(rnd(&rm) % RNAMES);
				bool put = rnd(&rm) % 3 != 0;
				random_key(which, i, key, &klen);
				if (which == 0) {
					assert_true(search_batch_add(sb, SD_DB_SEARCH_POST, key, klen,
					    put ? "" : NULL, put));
					post[i] = put ? 0 : -1;
				} else {
					int vn = r * 1000 + j;
					snprintf(val, sizeof val, "v%d", vn);
					assert_true(search_batch_add(sb, SD_DB_ENT_BY_NAME, key, klen,
					    put ? val : NULL, put ? strlen(val) + 1 : 0));
					name[i] = put ? vn : -1;
				}
			}
			td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
			td_expect(SD_OK, search_batch_run(&txn, sb, &err), &err);
			td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
			search_batch_free(sb);
		}
		setenv("SEDESK_CHUNK_ROWS", "7", 1);
		td_expect(SD_OK, sd_runs_merge(t->d.store, 0, 0, NULL, NULL, &err), &err);
		unsetenv("SEDESK_CHUNK_ROWS");
		assert_int_equal(pending(t), 0);
		for (int term = 0; term < RTERMS; term++) {
			char tn[16];
			uint32_t want = 0;
			for (int d = 0; d < RDOCS; d++) {
				int i = term * RDOCS + d;
				random_key(0, i, key, &klen);
				bool there = has(t, SD_DB_SEARCH_POST, key, klen, NULL, 0);
				if (there != (post[i] == 0))
					fail_msg("seed %u: posting %d: %d, want %d", seed, i, there,
					    post[i] == 0);
				want += post[i] == 0;
			}
			snprintf(tn, sizeof tn, "t%d", term);
			if (df(t, tn) != want)
				fail_msg("seed %u: count of %s: %u, want %u", seed, tn, df(t, tn), want);
		}
		for (int i = 0; i < RNAMES; i++) {
			char got[16];
			random_key(1, i, key, &klen);
			bool there = has(t, SD_DB_ENT_BY_NAME, key, klen, got, sizeof got);
			if (there != (name[i] >= 0))
				fail_msg("seed %u: name %d: %d, want %d", seed, i, there, name[i] >= 0);
			if (there) {
				snprintf(val, sizeof val, "v%d", name[i]);
				assert_string_equal(got, val);
			}
		}
		td_free(t);
	}
	(void)state;
}

/*
 * A job that goes on past its first chunk appends that chunk's index
 * writes as a run too (failed before: they were written directly); a job
 * of one chunk writes them at once and has nothing to merge.
 */
static void
test_first_chunk_to_a_run(void **state)
{
	struct td *t = *state;
	static const struct sd_bulk_limits FEW = { .chunk_ms = 60000, .max_rows = 4 };
	struct model *m = calloc(1, sizeof *m);
	struct addrow a = { m, &t->d };
	struct sd_bulk b;
	struct sd_error err;
	uint64_t row = 0;

	m->rnd = 11;
	td_as(t, "root");
	/* Three rows, one chunk: written at once, nothing pending at any time. */
	td_expect(SD_OK, sd_bulk_begin(&b, t->d.store, "one", &FEW, &err), &err);
	for (int i = 0; i < 3; i++) {
		row++;
		td_expect(SD_OK, sd_bulk_row(&b, bulk_add, &a, row, row, &err), &err);
	}
	td_expect(SD_OK, sd_bulk_finish(&b, &err), &err);
	assert_int_equal(b.chunks, 1);
	assert_int_equal(pending(t), 0);
	search_equals_brute_force(t, m);
	/* Ten rows, chunks of four: the first chunk's writes wait in a run. */
	td_expect(SD_OK, sd_bulk_begin(&b, t->d.store, "three", &FEW, &err), &err);
	for (int i = 0; i < 4; i++) {
		row++;
		td_expect(SD_OK, sd_bulk_row(&b, bulk_add, &a, row, row, &err), &err);
	}
	assert_int_equal(b.chunks, 1);
	assert_true(pending(t) > 0);
	for (int i = 0; i < 6; i++) {
		row++;
		td_expect(SD_OK, sd_bulk_row(&b, bulk_add, &a, row, row, &err), &err);
	}
	td_expect(SD_OK, sd_bulk_finish(&b, &err), &err);
	assert_int_equal(pending(t), 0);
	search_equals_brute_force(t, m);
	free(m);
}

/*
 * A position left by an older sedesk (it merged by deleting, and left the
 * position of a merge this one had stopped) belongs to no run there: it is
 * ignored, not taken as a point the new runs are merged past.
 */
static void
test_stale_position_ignored(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	struct sd_txn txn;
	/* done 5, seen run 0, past every key: table ENT_BY_EMAIL, 0xff */
	uint8_t stale[18] = { 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0,
	    SD_DB_ENT_BY_EMAIL, 0xff };

	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	td_expect(SD_OK, sd_db_put(&txn, SD_DB_META, "runpos", 6, stale, sizeof stale, "test",
	    &err), &err);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
	position_runs(t);
	assert_false(merging(t));
	assert_int_equal(pending(t), PRUNS * PKEYS);
	assert_int_equal(left(t), PRUNS * PKEYS);
	td_expect(SD_OK, sd_runs_merge(t->d.store, 0, 0, NULL, NULL, &err), &err);
	assert_int_equal(pending(t), 0);
	assert_false(has(t, SD_DB_META, "runpos", 6, NULL, 0));
	for (int k = 0; k < PKEYS; k++) {
		char key[16];
		snprintf(key, sizeof key, "k%03d", k);
		assert_int_equal(has(t, SD_DB_ENT_BY_NAME, key, 5, NULL, 0), (k + PRUNS - 1) % 5 != 0);
	}
}

/* --- runs as blocks of operations (search_batch.h) ------------------------------------ */

/* The key + value bytes of the run table's first entry, and its overflow pages. */
static size_t
first_entry(struct td *t, size_t *overflow)
{
	struct sd_txn txn;
	struct sd_error err;
	MDB_cursor *c;
	MDB_stat ms;
	MDB_val k, v;

	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	assert_int_equal(mdb_cursor_open(txn.txn, t->d.store->dbi[SD_DB_BULK_RUN], &c), 0);
	assert_int_equal(mdb_cursor_get(c, &k, &v, MDB_FIRST), 0);
	mdb_cursor_close(c);
	assert_int_equal(mdb_stat(txn.txn, t->d.store->dbi[SD_DB_BULK_RUN], &ms), 0);
	*overflow = ms.ms_overflow_pages;
	sd_txn_abort(&txn);
	return k.mv_size + v.mv_size;
}

static void
merge_chunks(struct td *t, const char *rows, uint64_t n)
{
	struct sd_error err;
	bool done;

	setenv("SEDESK_CHUNK_ROWS", rows, 1);
	td_expect(SD_OK, sd_runs_merge_some(t->d.store, n, &done, &err), &err);
	unsetenv("SEDESK_CHUNK_ROWS");
	assert_false(done);
}

static char told_line[256];

static void
line_seen(void *arg, const char *what)
{
	(*(int *)arg)++;
	snprintf(told_line, sizeof told_line, "%s", what);
}

/* The count of index writes check tells (its one line), after a partial merge. */
static uint64_t
check_count(struct td *t)
{
	struct sd_error err;
	size_t problems;
	int told = 0;

	told_line[0] = '\0';
	td_expect(SD_OK, sd_check(&t->d, false, line_seen, &told, &problems, &err), &err);
	assert_int_equal(problems, 0);
	assert_int_equal(told, 1);
	assert_non_null(strstr(told_line, "index writes of an unfinished import"));
	return strtoull(told_line, NULL, 10);
}

enum { BKEYS = 400, BRUNS = 3, BROWS = 13 };

/* Run r: every key b%04d, put (a value of 30 bytes naming r) or, some, deleted. */
static void
block_runs(struct td *t)
{
	for (int r = 0; r < BRUNS; r++) {
		struct search_batch *sb = search_batch_new();
		struct sd_txn txn;
		struct sd_error err;
		char key[16], val[48];
		for (int k = 0; k < BKEYS; k++) {
			snprintf(key, sizeof key, "b%04d", k);
			snprintf(val, sizeof val, "r%d-%026d", r, k);
			bool del = (k + r) % 4 == 0;
			assert_true(search_batch_add(sb, SD_DB_ENT_BY_NAME, key, 5, del ? NULL : val,
			    del ? 0 : strlen(val)));
		}
		td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
		td_expect(SD_OK, search_batch_run(&txn, sb, &err), &err);
		td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
		search_batch_free(sb);
	}
}

/*
 * Runs of several blocks each, merged in chunks of 13 keys (39 operations:
 * no block boundary), so that the position lies inside blocks: after every
 * chunk what is left is the operations after it, exactly, and check says
 * that count.  An ordinary write meanwhile, logged as a run of several
 * blocks across the position, counts its operations at or before the
 * position as done (they were written directly) and is replayed last.
 */
static void
test_position_inside_blocks(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	struct sd_txn txn;
	uint64_t total = BRUNS * BKEYS, ops = 0;
	size_t over;
	char key[16], v[64];

	block_runs(t);
	td_as(t, "root");
	/* Several blocks a run, far fewer entries than operations, none on overflow pages. */
	assert_true(run_entries(t) > 3 * BRUNS);
	assert_true(run_entries(t) < total / 20);
	(void)first_entry(t, &over);
	assert_int_equal(over, 0);
	assert_int_equal(left(t), total);
	for (int c = 1; c <= 4; c++) {
		merge_chunks(t, "13", 1);
		ops = (uint64_t)c * BROWS * BRUNS;
		assert_int_equal(pending(t), total - ops);
		assert_int_equal(left(t), total - ops);
		assert_int_equal(check_count(t), total - ops);
	}
	/* Applied up to b0051 (the last run's), b0052 not yet: its first run deleted it. */
	assert_true(has(t, SD_DB_ENT_BY_NAME, "b0051", 5, v, sizeof v));
	assert_int_equal(strncmp(v, "r2-", 3), 0);
	assert_false(has(t, SD_DB_ENT_BY_NAME, "b0053", 5, NULL, 0));
	/* Someone's write: 150 keys, 26 of them at or before the position. */
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	for (int k = 0; k < 300; k += 2) {
		snprintf(key, sizeof key, "b%04d", k);
		snprintf(v, sizeof v, "mine-%025d", k);
		td_expect(SD_OK, sd_db_put(&txn, SD_DB_ENT_BY_NAME, key, 5, v, strlen(v), "test",
		    &err), &err);
	}
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
	assert_int_equal(run_ops(t), total + 150);
	assert_int_equal(left(t), total - ops + 150 - 26);
	assert_int_equal(check_count(t), total - ops + 150 - 26);
	/* The next chunk has seen it: pending is exact again. */
	merge_chunks(t, "13", 1);
	ops += BROWS * BRUNS + 26 + 7;	/* b0052..b0064, of which 7 are logged */
	assert_int_equal(pending(t), total + 150 - ops);
	assert_int_equal(left(t), total + 150 - ops);
	td_expect(SD_OK, sd_runs_merge(t->d.store, 0, 0, NULL, NULL, &err), &err);
	assert_int_equal(pending(t), 0);
	assert_int_equal(run_entries(t), 0);
	assert_false(has(t, SD_DB_META, "runops", 6, NULL, 0));
	for (int k = 0; k < BKEYS; k++) {
		bool there;
		snprintf(key, sizeof key, "b%04d", k);
		there = has(t, SD_DB_ENT_BY_NAME, key, 5, v, sizeof v);
		if (k < 300 && k % 2 == 0) {
			char want[64];
			snprintf(want, sizeof want, "mine-%025d", k);
			assert_true(there);
			assert_string_equal(v, want);
		} else if ((k + BRUNS - 1) % 4 == 0) {
			assert_false(there);
		} else {
			char want[64];
			snprintf(want, sizeof want, "r2-%026d", k);
			assert_true(there);
			assert_string_equal(v, want);
		}
	}
}

/* An entry of the previous sedesk (one operation: 'p' + value, or 'd'), put raw. */
static void
old_entry(MDB_txn *txn, MDB_dbi dbi, uint64_t seq, const char *key, const char *val)
{
	uint8_t k[64], d[64];
	size_t kl = strlen(key), dl = 1;
	MDB_val mk, mv;

	for (int i = 0; i < 8; i++)
		k[i] = (uint8_t)(seq >> (56 - 8 * i));
	k[8] = SD_DB_ENT_BY_NAME;
	memcpy(k + 9, key, kl);
	d[0] = val != NULL ? 'p' : 'd';
	if (val != NULL) {
		memcpy(d + 1, val, strlen(val) + 1);
		dl += strlen(val) + 1;
	}
	mk.mv_size = 9 + kl;
	mk.mv_data = k;
	mv.mv_size = dl;
	mv.mv_data = d;
	assert_int_equal(mdb_put(txn, dbi, &mk, &mv, MDB_APPEND), 0);
}

/*
 * A desk upgraded in the middle of a job: two runs the previous sedesk
 * wrote (an entry per operation, no count in meta) merge alongside a run
 * of blocks appended after them and a logged write during the merge; the
 * counts are exact throughout (the entries are the old runs' operations
 * until the first new run starts the count from them).
 */
static void
test_old_format_runs(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	struct sd_txn txn;
	char key[16], v[32];
	uint64_t seq = 2;
	struct search_batch *sb = search_batch_new();

	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	for (int k = 0; k < 60; k++) {
		snprintf(key, sizeof key, "o%03d", k);
		old_entry(txn.txn, t->d.store->dbi[SD_DB_BULK_RUN], 1, key, k % 7 == 0 ? NULL : "old1");
	}
	for (int k = 0; k < 60; k += 3) {
		snprintf(key, sizeof key, "o%03d", k);
		old_entry(txn.txn, t->d.store->dbi[SD_DB_BULK_RUN], 2, key, "old2");
	}
	td_expect(SD_OK, sd_db_put(&txn, SD_DB_META, "runseq", 6, &seq, sizeof seq, "test", &err),
	    &err);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
	assert_false(has(t, SD_DB_META, "runops", 6, NULL, 0));
	assert_int_equal(pending(t), 80);
	assert_int_equal(left(t), 80);
	/* A run of blocks after them: the count starts from their entries. */
	for (int k = 10; k < 70; k += 2) {
		snprintf(key, sizeof key, "o%03d", k);
		assert_true(search_batch_add(sb, SD_DB_ENT_BY_NAME, key, 4,
		    k % 10 == 0 ? NULL : "new3", k % 10 == 0 ? 0 : 5));
	}
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	td_expect(SD_OK, search_batch_run(&txn, sb, &err), &err);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
	search_batch_free(sb);
	assert_true(has(t, SD_DB_META, "runops", 6, NULL, 0));
	assert_int_equal(run_entries(t), 81);
	assert_int_equal(run_ops(t), 110);
	assert_int_equal(pending(t), 110);
	assert_int_equal(left(t), 110);
	/* Nine keys merged: nine operations of the first run, three of the second. */
	merge_chunks(t, "9", 1);
	assert_int_equal(pending(t), 98);
	assert_int_equal(left(t), 98);
	/* A write meanwhile: one key before the position, one after. */
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	td_expect(SD_OK, sd_db_put(&txn, SD_DB_ENT_BY_NAME, "o004", 4, "mine", 5, "test", &err),
	    &err);
	td_expect(SD_OK, sd_db_put(&txn, SD_DB_ENT_BY_NAME, "o040", 4, "mine", 5, "test", &err),
	    &err);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
	assert_int_equal(run_ops(t), 112);
	assert_int_equal(left(t), 99);
	assert_int_equal(pending(t), 100);	/* the cheap count: the unseen run whole */
	merge_chunks(t, "9", 1);
	assert_int_equal(left(t), pending(t));
	td_expect(SD_OK, sd_runs_merge(t->d.store, 0, 0, NULL, NULL, &err), &err);
	assert_int_equal(pending(t), 0);
	assert_int_equal(run_entries(t), 0);
	assert_false(has(t, SD_DB_META, "runops", 6, NULL, 0));
	assert_false(has(t, SD_DB_META, "runpos", 6, NULL, 0));
	for (int k = 0; k < 70; k++) {
		const char *want;
		bool there;
		if (k == 4 || k == 40)
			want = "mine";
		else if (k >= 10 && k % 2 == 0)
			want = k % 10 == 0 ? NULL : "new3";
		else if (k >= 60)
			want = NULL;
		else if (k % 3 == 0)
			want = "old2";
		else
			want = k % 7 == 0 ? NULL : "old1";
		snprintf(key, sizeof key, "o%03d", k);
		there = has(t, SD_DB_ENT_BY_NAME, key, 4, v, sizeof v);
		if (there != (want != NULL))
			fail_msg("key %s: %s, want %s", key, there ? v : "absent",
			    want != NULL ? want : "absent");
		if (there)
			assert_string_equal(v, want);
	}
}

/*
 * A count left in meta with the run table empty (a previous sedesk's
 * merge drops the table and knows no count) is not taken: the next run
 * counts its own operations only.  Failed before: pending told 1,002.
 */
static void
test_stale_count_ignored(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	struct sd_txn txn;
	uint64_t stale = 999;
	const struct top r1[] = {
		{ SD_DB_ENT_BY_WORD, "alpha\0AAAA", 10, "" },
		{ SD_DB_ENT_BY_WORD, "bravo\0BBBB", 10, "" },
		{ SD_DB_ENT_BY_WORD, "carla\0CCCC", 10, "" },
	};

	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	td_expect(SD_OK, sd_db_put(&txn, SD_DB_META, "runops", 6, &stale, sizeof stale, "test",
	    &err), &err);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
	assert_int_equal(pending(t), 0);
	run_of(t, r1, 3);
	assert_int_equal(run_ops(t), 3);
	assert_int_equal(pending(t), 3);
	assert_int_equal(left(t), 3);
	td_expect(SD_OK, sd_runs_merge(t->d.store, 0, 0, NULL, NULL, &err), &err);
	assert_int_equal(pending(t), 0);
	assert_false(has(t, SD_DB_META, "runops", 6, NULL, 0));
	assert_true(has(t, SD_DB_ENT_BY_WORD, "carla\0CCCC", 10, NULL, 0));
}

/* A value of n bytes for key k (its letter repeated). */
static void
limit_value(char *val, int k, size_t n)
{
	memset(val, 'a' + k % 26, n);
}

/*
 * A run whose first block is as large as an entry LMDB keeps in a leaf
 * (run_entry_max, checked here against LMDB: one byte more goes to an
 * overflow page), then with one byte more in its last operation, which
 * then opens the second block: no entry on an overflow page, and every
 * operation merged.
 */
static void
limit_run(struct td *t, int more)
{
	struct search_batch *sb = search_batch_new();
	struct sd_txn txn;
	struct sd_error err;
	size_t max = run_entry_max(t->d.store->env), budget, nfull, extra, over, first;
	char key[16], val[160], got[160];
	int n;

	/* key: run (8) + table + "c000"; each operation: 2 + 5 + 1 + 2 + 40 bytes. */
	budget = max - (8 + 5) - 1;
	nfull = budget / 50;
	extra = budget - 50 * nfull;
	n = (int)nfull + 10;
	for (int k = 0; k < n; k++) {
		size_t vl = 40 + ((size_t)k == nfull - 1 ? extra + (size_t)more : 0);
		snprintf(key, sizeof key, "c%03d", k);
		limit_value(val, k, vl);
		assert_true(search_batch_add(sb, SD_DB_ENT_BY_NAME, key, 4, val, vl));
	}
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	td_expect(SD_OK, search_batch_run(&txn, sb, &err), &err);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
	search_batch_free(sb);
	first = first_entry(t, &over);
	assert_int_equal(over, 0);
	assert_int_equal(run_entries(t), 2);
	assert_int_equal(run_ops(t), (uint64_t)n);
	assert_int_equal(first, more ? max - 50 - extra : max);
	td_expect(SD_OK, sd_runs_merge(t->d.store, 0, 0, NULL, NULL, &err), &err);
	for (int k = 0; k < n; k++) {
		size_t vl = 40 + ((size_t)k == nfull - 1 ? extra + (size_t)more : 0);
		snprintf(key, sizeof key, "c%03d", k);
		limit_value(val, k, vl);
		assert_true(has(t, SD_DB_ENT_BY_NAME, key, 4, got, sizeof got));
		assert_int_equal(strlen(got), vl);
		assert_memory_equal(got, val, vl);
	}
}

static void
test_block_at_the_node_limit(void **state)
{
	struct td *t = *state;
	struct sd_txn txn;
	struct sd_error err;
	MDB_stat ms;
	uint8_t k[10], *d;
	size_t max = run_entry_max(t->d.store->env);
	MDB_val mk = { sizeof k, k }, mv;

	/* The limit against LMDB itself: max bytes in the leaf, max + 1 not. */
	d = calloc(1, max + 1);
	memset(k, 0xfe, sizeof k);
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	mv.mv_size = max - sizeof k;
	mv.mv_data = d;
	assert_int_equal(mdb_put(txn.txn, t->d.store->dbi[SD_DB_BULK_RUN], &mk, &mv, 0), 0);
	assert_int_equal(mdb_stat(txn.txn, t->d.store->dbi[SD_DB_BULK_RUN], &ms), 0);
	assert_int_equal(ms.ms_overflow_pages, 0);
	k[9] = 0xff;
	mv.mv_size = max - sizeof k + 1;
	assert_int_equal(mdb_put(txn.txn, t->d.store->dbi[SD_DB_BULK_RUN], &mk, &mv, 0), 0);
	assert_int_equal(mdb_stat(txn.txn, t->d.store->dbi[SD_DB_BULK_RUN], &ms), 0);
	assert_true(ms.ms_overflow_pages > 0);
	sd_txn_abort(&txn);
	free(d);
	limit_run(t, 0);
	limit_run(t, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_last_run_wins, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_document_counts_follow_the_table, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_small_chunks_same_result, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_edit_while_pending_logs_a_run, td_setup,
		    td_teardown),
		cmocka_unit_test(test_interleaved_bulk_and_edits),
		cmocka_unit_test_setup_teardown(test_check_tells_pending, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_merge_position_and_logged_writes, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_bulk_during_a_merge, td_setup, td_teardown),
		cmocka_unit_test(test_random_runs_on_filled_tables),
		cmocka_unit_test_setup_teardown(test_first_chunk_to_a_run, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_stale_position_ignored, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_position_inside_blocks, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_old_format_runs, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_block_at_the_node_limit, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_stale_count_ignored, td_setup, td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
