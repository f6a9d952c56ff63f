/*
 * Unit tests of a bulk chunk's kept index writes (src/core/search_batch.c
 * and its sort, search_batch_sort.c), against a simple oracle: sort the
 * operations by table, key and the order they came, keep the last one of
 * each key.  Random sequences of puts and deletes on keys that share long
 * prefixes (terms that are prefixes of others, keys without their NUL or
 * with nothing after it, docids with a NUL inside, the same key many
 * times), in postings and other tables mixed, with rows refused after a
 * mark (search_batch_undo).  search_batch_run must append exactly the
 * oracle's operations, in its order, to the run table; search_batch_flush
 * must leave the tables as the oracle's operations applied one by one,
 * and each term's document count moved by the postings that appeared and
 * disappeared.  One batch serves every round, as a bulk job's does.
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
#include "search_batch.h"
#include "testdesk.h"

#define KMAX	64
#define VMAX	8

/* An operation as the test made it (val NULL: a delete). */
struct rop {
	enum sd_dbi	db;
	uint8_t		key[KMAX];
	size_t		klen;
	bool		put;
	uint8_t		val[VMAX];
	size_t		vlen;
	size_t		seq;
};

/* An entry of a table, as the model holds it. */
struct ent {
	enum sd_dbi	db;
	uint8_t		key[KMAX];
	size_t		klen;
	uint8_t		val[VMAX];
	size_t		vlen;
};

struct model {
	struct ent	*e;
	size_t		 n, cap;
};

static const enum sd_dbi tables[] = {
	SD_DB_SEARCH_POST, SD_DB_ENT_BY_WORD, SD_DB_ENT_BY_NAME, SD_DB_ENT_BY_EMAIL,
};

static uint64_t rng;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

/* A key: terms that are prefixes of each other or tie for long, docids alike. */
static size_t
make_key(uint8_t *k)
{
	static const char *terms[] = {
		"a", "ab", "abc", "abd", "b", "zzzzzzzzzzzzzzzzzzzzzz1",
		"zzzzzzzzzzzzzzzzzzzzzz2", "zzzzzzzzzzzzzzzzzzzzzz", "\xc3\xa9t\xc3\xa9",
	};
	const char *term = terms[rnd(sizeof terms / sizeof *terms)];
	size_t n = strlen(term), form = rnd(10);

	memcpy(k, term, n);
	/* Or a long term that differs from its like in one byte, at any place. */
	if (rnd(4) == 0) {
		n = 18;
		memset(k, 'q', n);
		k[rnd(18)] = (uint8_t)"pr"[rnd(2)];
	}
	if (form == 0)
		return n;		/* no NUL */
	k[n++] = '\0';
	if (form == 1)
		return n;		/* nothing after the NUL */
	/* Or a long docid that differs from its like in one byte, at any place. */
	if (rnd(3) == 0) {
		memset(k + n, 'E', 20);
		k[n + rnd(20)] = (uint8_t)"\0\1\x7f\xff"[rnd(4)];
		return n + 20;
	}
	/* 'E', an updated second that many share, a short "uuid". */
	memcpy(k + n, "E\0\0\0\0\x69\x2e\x5a", 8);
	n += 8;
	if (rnd(8) == 0)
		k[n - 1] = (uint8_t)rnd(3);
	for (uint32_t i = 0, len = 1 + rnd(3); i < len; i++)
		k[n++] = (uint8_t)"\0\1\x7f\x80\xff"[rnd(5)];
	return n;
}

static int
rop_cmp(const void *a, const void *b)
{
	const struct rop *x = a, *y = b;
	int c;

	if (x->db != y->db)
		return x->db < y->db ? -1 : 1;
	if ((c = memcmp(x->key, y->key, x->klen < y->klen ? x->klen : y->klen)) != 0)
		return c;
	if (x->klen != y->klen)
		return x->klen < y->klen ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The oracle: sorted by table, key and order; the last operation of each key. */
static size_t
oracle(struct rop *ops, size_t n)
{
	size_t m = 0;

	qsort(ops, n, sizeof *ops, rop_cmp);
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n && ops[i].db == ops[i + 1].db && ops[i].klen == ops[i + 1].klen &&
		    memcmp(ops[i].key, ops[i + 1].key, ops[i].klen) == 0)
			continue;
		ops[m++] = ops[i];
	}
	return m;
}

static struct ent *
model_find(struct model *m, enum sd_dbi db, const uint8_t *key, size_t klen)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->e[i].db == db && m->e[i].klen == klen &&
		    memcmp(m->e[i].key, key, klen) == 0)
			return &m->e[i];
	return NULL;
}

static void
model_set(struct model *m, enum sd_dbi db, const uint8_t *key, size_t klen, const uint8_t *val,
    size_t vlen)
{
	struct ent *e = model_find(m, db, key, klen);

	assert_true(klen <= KMAX && vlen <= VMAX);
	if (e == NULL) {
		if (m->n == m->cap) {
			m->cap = m->cap ? m->cap * 2 : 256;
			m->e = realloc(m->e, m->cap * sizeof *m->e);
			assert_non_null(m->e);
		}
		e = &m->e[m->n++];
		e->db = db;
		memcpy(e->key, key, klen);
		e->klen = klen;
	}
	memcpy(e->val, val, vlen);
	e->vlen = vlen;
}

static void
model_del(struct model *m, struct ent *e)
{
	*e = m->e[--m->n];
}

/* The model's count of a term, moved by delta (none left: no entry). */
static void
model_df(struct model *m, const uint8_t *term, size_t tlen, long delta)
{
	struct ent *e = model_find(m, SD_DB_SEARCH_DF, term, tlen);
	uint32_t df = 0;
	long n;

	if (e != NULL && e->vlen == sizeof df)
		memcpy(&df, e->val, sizeof df);
	n = (long)df + delta;
	if (n <= 0) {
		if (e != NULL)
			model_del(m, e);
		return;
	}
	df = (uint32_t)n;
	model_set(m, SD_DB_SEARCH_DF, term, tlen, (const uint8_t *)&df, sizeof df);
}

/*
 * The oracle's operations applied one by one, as search_batch_flush must;
 * a term's count moved once by the sum of its postings' changes.
 */
static void
model_apply(struct model *m, const struct rop *ops, size_t n)
{
	const uint8_t *term = NULL;
	size_t ctlen = 0;
	long sum = 0;

	for (size_t i = 0; i < n; i++) {
		struct ent *e = model_find(m, ops[i].db, ops[i].key, ops[i].klen);
		const uint8_t *z = memchr(ops[i].key, 0, ops[i].klen);
		size_t tlen = z != NULL ? (size_t)(z - ops[i].key) : ops[i].klen;
		bool post = ops[i].db == SD_DB_SEARCH_POST;
		long delta = 0;

		if (term != NULL && (!post || tlen != ctlen || memcmp(term, ops[i].key, tlen) != 0)) {
			if (sum != 0)
				model_df(m, term, ctlen, sum);
			term = NULL;
		}
		if (post && term == NULL) {
			term = ops[i].key;
			ctlen = tlen;
			sum = 0;
		}
		if (ops[i].put) {
			delta = e == NULL;
			model_set(m, ops[i].db, ops[i].key, ops[i].klen, ops[i].val, ops[i].vlen);
		} else if (e != NULL) {
			delta = -1;
			model_del(m, e);
		}
		if (post)
			sum += delta;
	}
	if (term != NULL && sum != 0)
		model_df(m, term, ctlen, sum);
}

/* Every entry of a table, read through the store. */
static void
read_table(struct sd_txn *txn, enum sd_dbi db, struct model *into)
{
	MDB_cursor *c;
	MDB_val k, v;
	int rc;

	assert_int_equal(mdb_cursor_open(txn->txn, txn->st->dbi[db], &c), 0);
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		/* The fixture's own enterprise has longer values: they stay as they are. */
		uint8_t val[VMAX] = { 0 };
		size_t vlen = v.mv_size;

		if (vlen > VMAX) {
			uint32_t h = 2166136261u;

			for (size_t i = 0; i < v.mv_size; i++)
				h = (h ^ ((const uint8_t *)v.mv_data)[i]) * 16777619u;
			memcpy(val, &h, sizeof h);
			vlen = VMAX;
		} else
			memcpy(val, v.mv_data, vlen);
		if (k.mv_size <= KMAX)
			model_set(into, db, k.mv_data, k.mv_size, val, vlen);
	}
	assert_int_equal(rc, MDB_NOTFOUND);
	mdb_cursor_close(c);
}

static int
ent_cmp(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;
	int c;

	if (x->db != y->db)
		return x->db < y->db ? -1 : 1;
	if ((c = memcmp(x->key, y->key, x->klen < y->klen ? x->klen : y->klen)) != 0)
		return c;
	return x->klen < y->klen ? -1 : x->klen > y->klen;
}

/* The tables (and the document counts) hold what the model holds. */
static void
assert_tables(struct td *t, struct model *m, uint64_t seed, int round)
{
	struct model got = { 0 };
	struct sd_txn txn;
	struct sd_error err;

	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
		read_table(&txn, tables[i], &got);
	read_table(&txn, SD_DB_SEARCH_DF, &got);
	sd_txn_abort(&txn);
	qsort(got.e, got.n, sizeof *got.e, ent_cmp);
	qsort(m->e, m->n, sizeof *m->e, ent_cmp);
	if (got.n != m->n)
		fail_msg("seed %llu round %d: %zu entries, the oracle %zu",
		    (unsigned long long)seed, round, got.n, m->n);
	for (size_t i = 0; i < m->n; i++)
		if (ent_cmp(&got.e[i], &m->e[i]) != 0 || got.e[i].vlen != m->e[i].vlen ||
		    memcmp(got.e[i].val, m->e[i].val, m->e[i].vlen) != 0)
			fail_msg("seed %llu round %d: entry %zu of table %d differs",
			    (unsigned long long)seed, round, i, (int)m->e[i].db);
	free(got.e);
}

/* Operation i of the run is the oracle's: table, key, put or delete, value. */
static void
assert_op(const struct rop *o, const uint8_t *tk, size_t tklen, uint8_t put, const uint8_t *val,
    size_t vlen, size_t i, uint64_t seed, int round)
{
	if (tklen != 1 + o->klen || tk[0] != (uint8_t)o->db || memcmp(tk + 1, o->key, o->klen) != 0)
		fail_msg("seed %llu round %d: operation %zu is on another key",
		    (unsigned long long)seed, round, i);
	if (put != (o->put ? 'p' : 'd') || vlen != (o->put ? o->vlen : 0) ||
	    (o->put && memcmp(val, o->val, o->vlen) != 0))
		fail_msg("seed %llu round %d: operation %zu is another operation",
		    (unsigned long long)seed, round, i);
}

/*
 * The run search_batch_run appended is the oracle's operations, in order,
 * in blocks (search_batch.h): each entry's key is the run's number, the
 * table and key of its first operation, and no entry is larger than a
 * leaf keeps.
 */
static void
assert_run(struct sd_txn *txn, const struct rop *ops, size_t n, uint64_t seed, int round)
{
	size_t max = run_entry_max(txn->st->env);
	MDB_cursor *c;
	MDB_val k, v;
	size_t i = 0;
	int rc;

	assert_int_equal(mdb_cursor_open(txn->txn, txn->st->dbi[SD_DB_BULK_RUN], &c), 0);
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0;
	    rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		const uint8_t *kb = k.mv_data, *p = v.mv_data, *end = p + v.mv_size;
		bool first = true;

		if (k.mv_size + v.mv_size > max)
			fail_msg("seed %llu round %d: an entry of %zu bytes, more than %zu",
			    (unsigned long long)seed, round, k.mv_size + v.mv_size, max);
		assert_true(v.mv_size > 1 && p[0] == RUN_BLOCK);
		for (p++; p < end; i++, first = false) {
			size_t tl, vl;
			assert_true(end - p >= 2);
			tl = (size_t)p[0] << 8 | p[1];
			assert_true((size_t)(end - p) >= 2 + tl + 3);
			vl = (size_t)p[2 + tl + 1] << 8 | p[2 + tl + 2];
			assert_true((size_t)(end - p) >= 2 + tl + 3 + vl);
			if (i >= n)
				fail_msg("seed %llu round %d: more than the oracle's %zu operations",
				    (unsigned long long)seed, round, n);
			if (first && (k.mv_size != 8 + tl || memcmp(kb + 8, p + 2, tl) != 0))
				fail_msg("seed %llu round %d: a block's key is not its first's",
				    (unsigned long long)seed, round);
			assert_op(&ops[i], p + 2, tl, p[2 + tl], p + 2 + tl + 3, vl, i, seed, round);
			p += 2 + tl + 3 + vl;
		}
	}
	assert_int_equal(rc, MDB_NOTFOUND);
	mdb_cursor_close(c);
	if (i != n)
		fail_msg("seed %llu round %d: %zu operations, the oracle %zu",
		    (unsigned long long)seed, round, i, n);
}

/*
 * One round: random operations into sb (some forgotten by an undo to a
 * mark), the oracle's made beside them.
 */
static size_t
fill(struct search_batch *sb, struct rop *ops, size_t max)
{
	size_t n = 0, total = 1 + rnd((uint32_t)max);
	size_t mark = 0, omark = 0;
	bool marked = false;

	for (size_t i = 0; i < total && n < max; i++) {
		struct rop *o = &ops[n];
		uint32_t pick = rnd(10);

		/* A refused row: its operations are forgotten. */
		if (marked && rnd(16) == 0) {
			search_batch_undo(sb, mark);
			assert_int_equal(search_batch_mark(sb), mark);
			n = omark;
			marked = false;
			continue;
		}
		if (!marked && rnd(8) == 0) {
			mark = search_batch_mark(sb);
			omark = n;
			marked = true;
		}
		o->db = pick < 6 ? SD_DB_SEARCH_POST : tables[1 + rnd(3)];
		o->klen = make_key(o->key);
		o->put = rnd(3) != 0;
		o->vlen = o->put ? (o->db == SD_DB_SEARCH_POST && rnd(2) ? 1 : rnd(VMAX + 1)) : 0;
		for (size_t j = 0; j < o->vlen; j++)
			o->val[j] = (uint8_t)rnd(4);
		o->seq = n;
		assert_true(search_batch_add(sb, o->db, o->key, o->klen, o->put ? o->val : NULL,
		    o->vlen));
		n++;
		/* The same key again, at once. */
		if (rnd(6) == 0 && n < max) {
			ops[n] = *o;
			ops[n].put = !o->put;
			ops[n].vlen = 0;
			ops[n].seq = n;
			assert_true(search_batch_add(sb, o->db, o->key, o->klen,
			    ops[n].put ? "" : NULL, 0));
			n++;
		}
	}
	assert_int_equal(search_batch_mark(sb), n);
	return n;
}

/* Random rounds, each written as a run or flushed into the tables. */
static void
test_against_oracle(void **state)
{
	struct td *t = *state;
	struct search_batch *sb = search_batch_new();
	struct model m = { 0 };
	struct sd_txn txn;
	struct sd_error err;
	enum { MAXOPS = 3000 };
	struct rop *ops = calloc(MAXOPS, sizeof *ops);

	assert_non_null(ops);
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	assert_int_equal(sd_runs_pending(&txn), 0);
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
		read_table(&txn, tables[i], &m);
	read_table(&txn, SD_DB_SEARCH_DF, &m);
	sd_txn_abort(&txn);
	for (uint64_t seed = 1; seed <= 12; seed++) {
		rng = seed * 0x9e3779b97f4a7c15ULL;
		for (int round = 0; round < 12; round++) {
			/* Small rounds too: a few operations, one key many times. */
			size_t n = fill(sb, ops, round % 3 == 0 ? 20 : MAXOPS), kept;
			bool as_run = rnd(2) == 0;

			kept = oracle(ops, n);
			td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
			if (as_run) {
				td_expect(SD_OK, search_batch_run(&txn, sb, &err), &err);
				assert_run(&txn, ops, kept, seed, round);
				/* The run is not merged: the tables stay as they are. */
				sd_txn_abort(&txn);
			} else {
				td_expect(SD_OK, search_batch_flush(&txn, sb, &err), &err);
				td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
				model_apply(&m, ops, kept);
			}
			/* Written, the batch is empty for the next chunk. */
			assert_int_equal(search_batch_mark(sb), 0);
			assert_int_equal(search_batch_bytes(sb), 0);
			assert_tables(t, &m, seed, round);
		}
	}
	free(ops);
	free(m.e);
	search_batch_free(sb);
}

/*
 * A posting key without its NUL and one with it share a term: one count
 * for the term moved by both ("abc" and "abc" NUL docid), and "ab" NUL
 * is before "abc" though "ab" NUL docid is longer.
 */
static void
test_term_without_nul(void **state)
{
	struct td *t = *state;
	struct search_batch *sb = search_batch_new();
	struct sd_txn txn;
	struct sd_error err;
	MDB_val v;
	uint32_t df = 0;

	assert_true(search_batch_add(sb, SD_DB_SEARCH_POST, "abc\0E1", 6, "", 1));
	assert_true(search_batch_add(sb, SD_DB_SEARCH_POST, "abc", 3, "", 1));
	assert_true(search_batch_add(sb, SD_DB_SEARCH_POST, "ab\0E1", 5, "", 1));
	assert_true(search_batch_add(sb, SD_DB_SEARCH_POST, "abc\0", 4, "", 1));
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &txn, &err), &err);
	td_expect(SD_OK, search_batch_flush(&txn, sb, &err), &err);
	td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &txn, &err), &err);
	td_expect(SD_OK, sd_db_get(&txn, SD_DB_SEARCH_DF, "abc", 3, &v, "test", &err), &err);
	assert_int_equal(v.mv_size, sizeof df);
	memcpy(&df, v.mv_data, sizeof df);
	assert_int_equal(df, 3);
	td_expect(SD_OK, sd_db_get(&txn, SD_DB_SEARCH_DF, "ab", 2, &v, "test", &err), &err);
	memcpy(&df, v.mv_data, sizeof df);
	assert_int_equal(df, 1);
	sd_txn_abort(&txn);
	search_batch_free(sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_against_oracle, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_term_without_nul, td_setup, td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
