/*
 * The pread reader (page_read.c) gives what LMDB gives, byte for byte:
 *   - every key of a table of 20,000 random keys (1 to 40 bytes, values
 *     of 0 to 300 bytes and some of 2 to 9 KiB on overflow pages), keys
 *     that are not there (random, one byte shorter or longer than one
 *     that is), an empty table;
 *   - a read transaction keeps its snapshot while three commits change,
 *     delete and add keys (LMDB reuses pages only after the oldest
 *     reader); a transaction begun after them reads the new values;
 *   - in a write transaction it answers as LMDB (its own uncommitted
 *     writes included);
 *   - the last key with a prefix (the changed mark's last journal entry)
 *     is the one a scan of the whole table finds, also where deletions
 *     left subtrees without keys below a separator, for prefixes that end
 *     in 0xff bytes (carried) and ones no key has;
 *   - the keys with a prefix and their values (a case's routes) are the
 *     ones a scan finds, in order, also across leaves and where deletions
 *     emptied subtrees; a walk the callback stops ends there;
 *   - each answer counts as one read (the inbox's read bounds hold), and
 *     all but the key LMDB refuses are read by the reader itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "page_read.h"
#include "sedesk/readonce.h"
#include "testdesk.h"

#define NKEYS	20000
#define DB	SD_DB_JOURNAL

struct kv {
	uint8_t	 k[40];
	size_t	 klen;
};

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static void
random_key(struct kv *e)
{
	e->klen = 1 + rnd() % 40;
	for (size_t i = 0; i < e->klen; i++)
		e->k[i] = (uint8_t)(rnd() % 7 == 0 ? 0 : rnd());	/* zeros: long shared prefixes */
}

static void
value_of(const struct kv *e, unsigned gen, uint8_t *buf, size_t *len)
{
	uint32_t h = gen * 2654435761u;

	for (size_t i = 0; i < e->klen; i++)
		h = (h ^ e->k[i]) * 16777619u;
	*len = h % 20 == 0 ? 2048 + h % 7000 : h % 301;
	for (size_t i = 0; i < *len; i++)
		buf[i] = (uint8_t)(h + i * 31);
}

/* Peek and LMDB agree on e in t (found or not). */
static void
assert_same(struct sd_peek *pk, struct sd_txn *t, const void *k, size_t klen)
{
	struct sd_buf v = { 0 };
	struct sd_error err;
	MDB_val mk = { klen, (void *)k }, mv;
	unsigned long before = t->st->reads;
	int rc = mdb_get(t->txn, t->st->dbi[DB], &mk, &mv);
	sd_status s = sd_peek_get(pk, DB, k, klen, &v, "test", &err);

	assert_int_equal(t->st->reads, before + 1);
	if (rc != 0 && rc != MDB_NOTFOUND) {		/* a key LMDB refuses (empty) */
		assert_true(s != SD_OK && s != SD_NOTFOUND);
	} else if (rc == MDB_NOTFOUND) {
		assert_int_equal(s, SD_NOTFOUND);
	} else {
		assert_int_equal(rc, 0);
		assert_int_equal(s, SD_OK);
		assert_int_equal(v.len, mv.mv_size);
		if (v.len > 0)
			assert_memory_equal(v.data, mv.mv_data, v.len);
	}
	sd_buf_free(&v);
}

static void
put_all(struct td *t, struct kv *keys, size_t n, unsigned gen)
{
	static uint8_t buf[10000];
	struct sd_txn w;
	struct sd_error err;

	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &w, &err), &err);
	for (size_t i = 0; i < n; i++) {
		MDB_val k = { keys[i].klen, keys[i].k }, v = { 0, buf };
		value_of(&keys[i], gen, buf, &v.mv_size);
		assert_int_equal(mdb_put(w.txn, w.st->dbi[DB], &k, &v, 0), 0);
	}
	td_expect(SD_OK, sd_txn_commit(&w, &err), &err);
}

static void
test_same_as_lmdb(void **state)
{
	struct td *t = *state;
	struct kv *keys = calloc(NKEYS, sizeof *keys);
	struct sd_peek pk;
	struct sd_txn r;
	struct sd_error err;
	MDB_stat ms;

	for (size_t i = 0; i < NKEYS; i++)
		random_key(&keys[i]);
	put_all(t, keys, NKEYS, 1);
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &r, &err), &err);
	assert_int_equal(mdb_stat(r.txn, r.st->dbi[DB], &ms), 0);
	print_message("depth %u, %zu leaf and %zu overflow pages\n", ms.ms_depth,
	    (size_t)ms.ms_leaf_pages, (size_t)ms.ms_overflow_pages);
	assert_true(ms.ms_depth >= 3 && ms.ms_overflow_pages > 0);
	sd_peek_begin(&pk, &r);
	assert_true(pk.fd >= 0);	/* read here, not handed to LMDB */
	for (size_t i = 0; i < NKEYS; i++) {
		struct kv e = keys[i];
		assert_same(&pk, &r, e.k, e.klen);
		if (e.klen > 1)
			assert_same(&pk, &r, e.k, e.klen - 1);
		if (e.klen < sizeof e.k) {
			e.k[e.klen] = (uint8_t)rnd();
			assert_same(&pk, &r, e.k, e.klen + 1);
		}
		random_key(&e);
		assert_same(&pk, &r, e.k, e.klen);
	}
	assert_int_equal(pk.handed, 0);	/* every one read here */
	assert_same(&pk, &r, "", 0);
	assert_int_equal(pk.handed, 1);
	/* An empty table. */
	{
		struct sd_buf v = { 0 };
		assert_int_equal(sd_peek_get(&pk, SD_DB_OPP_SROI, "x", 1, &v, "test", &err),
		    SD_NOTFOUND);
		sd_buf_free(&v);
	}
	sd_peek_end(&pk);
	sd_txn_abort(&r);
	free(keys);
}

static void
test_snapshot_kept(void **state)
{
	struct td *t = *state;
	struct kv *keys = calloc(NKEYS, sizeof *keys);
	static uint8_t buf[10000];
	struct sd_peek old, now;
	struct sd_txn r, r2;
	size_t changed = 0;
	struct sd_error err;

	for (size_t i = 0; i < NKEYS; i++)
		random_key(&keys[i]);
	put_all(t, keys, NKEYS / 2, 1);
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &r, &err), &err);
	sd_peek_begin(&old, &r);
	/* Three commits: new values for a third, a third deleted, the rest added. */
	for (unsigned gen = 2; gen <= 4; gen++) {
		struct sd_txn w;
		td_expect(SD_OK, sd_txn_begin(t->d.store, true, &w, &err), &err);
		for (size_t i = 0; i < NKEYS; i++) {
			MDB_val k = { keys[i].klen, keys[i].k }, v = { 0, buf };
			if (i % 3 == 1 && i < NKEYS / 2) {
				(void)mdb_del(w.txn, w.st->dbi[DB], &k, NULL);
				continue;
			}
			if (i % 3 == 2 && i < NKEYS / 2)
				continue;
			value_of(&keys[i], gen, buf, &v.mv_size);
			assert_int_equal(mdb_put(w.txn, w.st->dbi[DB], &k, &v, 0), 0);
		}
		/* In a write transaction: LMDB's answers, its own writes included. */
		{
			struct sd_peek pw;
			sd_peek_begin(&pw, &w);
			assert_true(pw.fd < 0);
			for (size_t i = 0; i < NKEYS; i += 97)
				assert_same(&pw, &w, keys[i].k, keys[i].klen);
			sd_peek_end(&pw);
		}
		td_expect(SD_OK, sd_txn_commit(&w, &err), &err);
	}
	/* The old transaction reads its snapshot, the new one the last commit. */
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &r2, &err), &err);
	sd_peek_begin(&now, &r2);
	for (size_t i = 0; i < NKEYS; i++) {
		MDB_val k = { keys[i].klen, keys[i].k }, a, b;
		int ra = mdb_get(r.txn, r.st->dbi[DB], &k, &a);
		int rb = mdb_get(r2.txn, r2.st->dbi[DB], &k, &b);

		if (ra != rb || (ra == 0 && (a.mv_size != b.mv_size ||
		    memcmp(a.mv_data, b.mv_data, a.mv_size) != 0)))
			changed++;
		assert_same(&old, &r, keys[i].k, keys[i].klen);
		assert_same(&now, &r2, keys[i].k, keys[i].klen);
	}
	print_message("%zu of %d keys read differently by the two snapshots\n", changed, NKEYS);
	assert_int_equal(old.handed, 0);
	assert_int_equal(now.handed, 0);
	assert_true(changed > NKEYS / 2);
	sd_peek_end(&old);
	sd_peek_end(&now);
	sd_txn_abort(&r);
	sd_txn_abort(&r2);
	free(keys);
}

/* The last of n sorted keys with the prefix, by a scan: the oracle. */
static const struct kv *
scan_last(const struct kv *all, size_t n, const uint8_t *prefix, size_t plen)
{
	const struct kv *found = NULL;

	for (size_t i = 0; i < n; i++) {
		if (all[i].klen >= plen && memcmp(all[i].k, prefix, plen) == 0)
			found = &all[i];
	}
	return found;
}

static void
assert_last(struct sd_peek *pk, const struct kv *all, size_t n, const uint8_t *prefix,
    size_t plen)
{
	const struct kv *want = scan_last(all, n, prefix, plen);
	struct sd_buf got = { 0 };
	struct sd_error err;
	unsigned long before = pk->t->st->reads, handed = pk->handed;
	sd_status s = sd_peek_last(pk, DB, prefix, plen, &got, "test", &err);
	size_t ff = 0;

	/* Read here unless the prefix is all 0xff (no key just past it): LMDB's walk then. */
	while (ff < plen && prefix[ff] == 0xff)
		ff++;
	assert_int_equal(pk->handed, handed + (ff == plen));
	assert_int_equal(pk->t->st->reads, before + 1);
	if (want == NULL) {
		assert_int_equal(s, SD_NOTFOUND);
	} else {
		assert_int_equal(s, SD_OK);
		assert_int_equal(got.len, want->klen);
		assert_memory_equal(got.data, want->k, want->klen);
	}
	sd_buf_free(&got);
}

/* keys: NKEYS random keys put, then runs of them deleted; all: what is left, in order. */
static size_t
thinned_table(struct td *t, struct kv *keys, struct kv *all)
{
	struct sd_txn w, r;
	struct sd_error err;
	MDB_cursor *cur;
	MDB_val k, v;
	size_t n = 0;

	for (size_t i = 0; i < NKEYS; i++)
		random_key(&keys[i]);
	put_all(t, keys, NKEYS, 1);
	/* Deleted in runs: whole leaves and subtrees go, separators stay behind. */
	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &w, &err), &err);
	assert_int_equal(mdb_cursor_open(w.txn, w.st->dbi[DB], &cur), 0);
	for (size_t i = 0; mdb_cursor_get(cur, &k, &v, i == 0 ? MDB_FIRST : MDB_NEXT) == 0; i++) {
		if ((i / 500) % 3 != 0 || i % 7 == 0)
			assert_int_equal(mdb_cursor_del(cur, 0), 0);
	}
	mdb_cursor_close(cur);
	td_expect(SD_OK, sd_txn_commit(&w, &err), &err);
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &r, &err), &err);
	assert_int_equal(mdb_cursor_open(r.txn, r.st->dbi[DB], &cur), 0);
	while (mdb_cursor_get(cur, &k, &v, n == 0 ? MDB_FIRST : MDB_NEXT) == 0) {
		all[n].klen = k.mv_size;
		memcpy(all[n++].k, k.mv_data, k.mv_size);
	}
	mdb_cursor_close(cur);
	sd_txn_abort(&r);
	print_message("%zu keys left of %d\n", n, NKEYS);
	assert_true(n > 1000 && n < NKEYS / 2);
	return n;
}

struct got {
	struct sd_buf	 b;
	size_t		 n, stop;
};

static bool
collect(void *arg, const void *k, size_t kl, const void *v, size_t vl)
{
	struct got *g = arg;
	uint8_t len[2] = { (uint8_t)(kl >> 8), (uint8_t)kl };

	sd_buf_add(&g->b, len, 2);
	sd_buf_add(&g->b, k, kl);
	sd_buf_add(&g->b, &vl, sizeof vl);
	sd_buf_add(&g->b, v, vl);
	return ++g->n != g->stop;
}

/* sd_peek_prefix gives what a scan gives (stop: after that many, 0: all). */
static void
assert_prefix(struct sd_peek *pk, const struct kv *all, size_t n, const uint8_t *prefix,
    size_t plen, size_t stop)
{
	struct got want = { .stop = stop }, got = { .stop = stop };
	struct sd_error err;
	unsigned long before = pk->t->st->reads, handed = pk->handed;

	for (size_t i = 0; i < n && (stop == 0 || want.n < stop); i++) {
		MDB_val k = { all[i].klen, (void *)all[i].k }, v;
		if (all[i].klen < plen || memcmp(all[i].k, prefix, plen) != 0)
			continue;
		assert_int_equal(mdb_get(pk->t->txn, pk->t->st->dbi[DB], &k, &v), 0);
		collect(&want, k.mv_data, k.mv_size, v.mv_data, v.mv_size);
	}
	td_expect(SD_OK, sd_peek_prefix(pk, DB, prefix, plen, collect, &got, "test", &err), &err);
	assert_int_equal(pk->handed, handed);
	assert_int_equal(got.n, want.n);
	assert_int_equal(got.b.len, want.b.len);
	if (got.b.len > 0)
		assert_memory_equal(got.b.data, want.b.data, got.b.len);
	if (stop == 0)
		assert_int_equal(pk->t->st->reads, before + want.n);
	sd_buf_free(&want.b);
	sd_buf_free(&got.b);
}

static void
test_prefix_as_scan(void **state)
{
	struct td *t = *state;
	struct kv *keys = calloc(NKEYS, sizeof *keys), *all = calloc(NKEYS, sizeof *all), e;
	size_t n = thinned_table(t, keys, all), many = 0;
	struct sd_peek pk;
	struct sd_txn r;
	struct sd_error err;

	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &r, &err), &err);
	sd_peek_begin(&pk, &r);
	for (size_t i = 0; i < n; i += 5) {
		for (size_t plen = 1; plen <= all[i].klen; plen += 1 + plen / 3)
			assert_prefix(&pk, all, n, all[i].k, plen, 0);
		assert_prefix(&pk, all, n, all[i].k, 1, 3);
		e = all[i];
		e.k[e.klen - 1] = 0xff;
		assert_prefix(&pk, all, n, e.k, e.klen, 0);
		random_key(&e);
		assert_prefix(&pk, all, n, e.k, e.klen, 0);
	}
	/* A prefix that many keys share: the walk crosses leaves. */
	for (size_t i = 0; i < n; i++)
		many += all[i].k[0] == 0;
	print_message("%zu keys start with a zero byte\n", many);
	assert_true(many > 200);
	assert_prefix(&pk, all, n, (const uint8_t *)"", 1, 0);
	sd_peek_end(&pk);
	sd_txn_abort(&r);
	free(keys);
	free(all);
}

static void
test_last_as_scan(void **state)
{
	struct td *t = *state;
	struct kv *keys = calloc(NKEYS, sizeof *keys), *all = calloc(NKEYS, sizeof *all);
	size_t n = thinned_table(t, keys, all);
	struct sd_peek pk;
	struct sd_txn r;
	struct sd_error err;

	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &r, &err), &err);
	sd_peek_begin(&pk, &r);
	for (size_t i = 0; i < NKEYS; i += 3) {
		struct kv e = keys[i];
		for (size_t plen = 1; plen <= e.klen; plen += 1 + plen / 4)
			assert_last(&pk, all, n, e.k, plen);
		/* Ending in 0xff: the bound is carried to an earlier byte. */
		e.k[e.klen - 1] = 0xff;
		assert_last(&pk, all, n, e.k, e.klen);
		random_key(&e);
		assert_last(&pk, all, n, e.k, e.klen);
	}
	{
		/* Only 0xff: no key after the prefix's keys; LMDB's walk answers. */
		uint8_t p[3] = { 0xff, 0xff, 0xff };
		for (size_t plen = 1; plen <= 3; plen++)
			assert_last(&pk, all, n, p, plen);
		assert_last(&pk, all, n, all[0].k, all[0].klen);
		assert_last(&pk, all, n, all[n - 1].k, all[n - 1].klen);
	}
	sd_peek_end(&pk);
	sd_txn_abort(&r);
	free(keys);
	free(all);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_as_lmdb, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_snapshot_kept, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_last_as_scan, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_prefix_as_scan, td_setup, td_teardown),
	};

	setenv("LANGUAGE", "en", 1);
	sd_read_once();		/* as a command does: the reader reads */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
