/*
 * Point reads of a read transaction's snapshot with pread(2).
 *
 * Why: a command is a fresh process (sd_read_once says so), and a fresh
 * process pays for each page it touches through LMDB's map: the fault maps up to 16 pages
 * around it (the kernel's fault-around) and the exit unmaps them again.
 * Measured on the 1M bench desk (tests/bench/RESULTS.md, block inboxcp):
 * 9.1 us of CPU per random page touched through the map, 1.8 us per page
 * read with pread.  The inbox reads ~7 random pages per row shown; the
 * rows' case records and enterprise names and the changed mark's journal
 * reads (case_list.c, case_seen.c) are read here: point reads, and the
 * last key with a prefix.
 *
 * Safe: the table's root comes from the transaction itself (its entry in
 * LMDB's main table, read through LMDB), so every page read is of the
 * transaction's snapshot, and LMDB never reuses such a page while the
 * transaction's reader slot holds it (pages freed by later commits wait
 * for the oldest reader).  Written pages reach the file through the page
 * cache (sedesk does not map writably), which pread reads.  Anything the
 * reader does not expect (another LMDB version, a table with duplicates
 * or another key order, a page that does not look like one) is read
 * through LMDB instead: the same answer, at the map's price.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keys.h"
#include "page_read.h"
#include "sedesk/readonce.h"
#include "sedesk/text.h"

/* LMDB 0.9's file format (mdb.c) with 64-bit page numbers, what this reader relies on. */
#if MDB_VERSION_MAJOR == 0 && MDB_VERSION_MINOR == 9 && SIZE_MAX == UINT64_MAX
#define PEEK_FORMAT	1
#else
#define PEEK_FORMAT	0
#endif
#define PG_HDR		16	/* pgno(8) pad(2) flags(2) lower(2) upper(2), then the node offsets */
#define P_BRANCH	0x01
#define P_LEAF		0x02
#define P_OVERFLOW	0x04
#define P_LEAF2		0x20
#define NODE_HDR	8	/* lo(2) hi(2) flags(2) ksize(2), then key and data */
#define F_BIGDATA	0x01	/* the data is on overflow pages: its first page number */
#define F_SUBDATA	0x02
#define F_DUPDATA	0x04
#define DB_REC		48	/* MDB_db: pad(4) flags(2) depth(2) 4 counts(8) root(8) */
#define PEEK_MAXDEPTH	16

enum { DB_UNKNOWN, DB_PEEK, DB_LMDB, DB_EMPTY };

static uint16_t
u16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof v);	/* LMDB writes its own byte order */
	return v;
}

static uint64_t
u64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof v);
	return v;
}

/* Whether this process reads once and exits (sedesk/readonce.h). */
static bool once;

void
sd_read_once(void)
{
	once = true;
}

void
sd_peek_begin(struct sd_peek *pk, struct sd_txn *t)
{
	unsigned int envflags;
	MDB_stat ms;
	int fd;

	memset(pk, 0, sizeof *pk);
	pk->t = t;
	pk->fd = -1;
	/*
	 * A long-lived process reads through the map, where its pages stay;
	 * a write transaction's own changes are in memory, not in the file;
	 * without the lock file no reader slot keeps the snapshot's pages.
	 */
	if (!PEEK_FORMAT || !once || t->write || mdb_env_get_flags(t->st->env, &envflags) != 0 ||
	    (envflags & MDB_NOLOCK) || mdb_env_get_fd(t->st->env, &fd) != 0 ||
	    mdb_env_stat(t->st->env, &ms) != 0 || ms.ms_psize < 512)
		return;
	pk->fd = fd;
	pk->psize = ms.ms_psize;
	pk->page = sd_xmalloc(pk->psize);
}

void
sd_peek_end(struct sd_peek *pk)
{
	for (size_t i = 0; i < pk->ncache; i++)
		free(pk->cache[i].p);
	for (size_t i = 0; i < sizeof pk->lvl / sizeof pk->lvl[0]; i++)
		free(pk->lvl[i]);
	free(pk->page);
	memset(pk, 0, sizeof *pk);
	pk->fd = -1;
}

/* The table's root in this snapshot, from its record in LMDB's main table. */
static void
root_lookup(struct sd_peek *pk, enum sd_dbi db)
{
	const char *name = sd_store_db_name(db);
	MDB_val k = { strlen(name), (void *)name }, v;
	MDB_dbi maindb;
	unsigned int flags;
	const uint8_t *rec;

	pk->db[db].state = DB_LMDB;
	if (mdb_dbi_flags(pk->t->txn, pk->t->st->dbi[db], &flags) != 0 ||
	    (flags & (MDB_REVERSEKEY | MDB_DUPSORT | MDB_INTEGERKEY)) != 0 ||
	    mdb_dbi_open(pk->t->txn, NULL, 0, &maindb) != 0 ||
	    mdb_get(pk->t->txn, maindb, &k, &v) != 0 || v.mv_size != DB_REC)
		return;
	rec = v.mv_data;
	if ((u16(rec + 4) & (MDB_REVERSEKEY | MDB_DUPSORT | MDB_INTEGERKEY)) != 0)
		return;
	pk->db[db].depth = u16(rec + 6);
	pk->db[db].root = u64(rec + 40);
	if (pk->db[db].depth == 0 || pk->db[db].root == (uint64_t)-1)
		pk->db[db].state = DB_EMPTY;
	else if (pk->db[db].depth <= PEEK_MAXDEPTH)
		pk->db[db].state = DB_PEEK;
}

/* Page pgno, read (or found in the cache, where near the root it is kept); NULL: not a page. */
static const uint8_t *
page_read_into(struct sd_peek *pk, uint64_t pgno, bool keep, uint8_t *p)
{
	for (size_t i = 0; i < pk->ncache; i++) {
		if (pk->cache[i].pgno == pgno)
			return pk->cache[i].p;
	}
	if (pgno > (uint64_t)INT64_MAX / pk->psize ||
	    pread(pk->fd, p, pk->psize, (off_t)(pgno * pk->psize)) != (ssize_t)pk->psize ||
	    u64(p) != pgno)
		return NULL;
	if (keep && pk->ncache < SD_PEEK_CACHE) {
		uint8_t *c = sd_xmalloc(pk->psize);
		memcpy(c, p, pk->psize);
		pk->cache[pk->ncache].pgno = pgno;
		pk->cache[pk->ncache++].p = c;
		return c;
	}
	return p;
}

static const uint8_t *
page_read(struct sd_peek *pk, uint64_t pgno, bool keep)
{
	return page_read_into(pk, pgno, keep, pk->page);
}

/* The page's key count, its header checked; 0: not a page read here. */
static size_t
page_keys(const struct sd_peek *pk, const uint8_t *p, uint16_t *flags)
{
	size_t lower = u16(p + 12), upper = u16(p + 14);

	*flags = u16(p + 10);
	if (lower < PG_HDR || lower > upper || upper > pk->psize || (*flags & P_LEAF2) ||
	    !(*flags & (P_BRANCH | P_LEAF)))
		return 0;
	return (lower - PG_HDR) / 2;
}

/* Node i of page p, its key checked to lie in the page; NULL when it does not. */
static const uint8_t *
node_at(const struct sd_peek *pk, const uint8_t *p, size_t i, const uint8_t **key,
    size_t *klen)
{
	size_t off = u16(p + PG_HDR + 2 * i);
	const uint8_t *n = p + off;

	if (off < PG_HDR || off + NODE_HDR > pk->psize)
		return NULL;
	*klen = u16(n + 6);
	if (off + NODE_HDR + *klen > pk->psize)
		return NULL;
	*key = n + NODE_HDR;
	return n;
}

/*
 * Level top of a walk down table db: page pgno, read into the level's own
 * buffer (each level's page stays while the walk may come back to it),
 * with its key count and flags; NULL when the walk cannot go there (too
 * deep, not a page read here, an empty page).
 */
static const uint8_t *
level_read(struct sd_peek *pk, enum sd_dbi db, int top, uint64_t pgno, size_t *nkeys,
    uint16_t *flags)
{
	const uint8_t *p;

	if (top >= pk->db[db].depth || top >= PEEK_MAXDEPTH)
		return NULL;
	if (pk->lvl[top] == NULL)
		pk->lvl[top] = sd_xmalloc(pk->psize);
	if ((p = page_read_into(pk, pgno, top < 2, pk->lvl[top])) == NULL ||
	    (*nkeys = page_keys(pk, p, flags)) == 0)
		return NULL;
	return p;
}

/*
 * The first of page p's nodes from..nkeys whose key is not below key
 * (or_equal: not at or below it), by binary search: nkeys when none;
 * SIZE_MAX when a node does not lie in the page.  Both walks below
 * descend with it: a branch's child is the node before it (from 1: child
 * 0's separator is below every key), a leaf's first key of interest it.
 */
static size_t
first_not_below(const struct sd_peek *pk, const uint8_t *p, size_t from, size_t nkeys,
    const void *key, size_t klen, bool or_equal)
{
	size_t lo = from, hi = nkeys;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, kl;
		const uint8_t *k;
		int c;

		if (node_at(pk, p, mid, &k, &kl) == NULL)
			return SIZE_MAX;
		c = sd_key_cmp(k, kl, key, klen);
		if (c < 0 || (or_equal && c == 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A branch node's child: its page number in the data size's and the flags' fields. */
static uint64_t
node_pgno(const uint8_t *n)
{
	return (uint64_t)u16(n) | (uint64_t)u16(n + 2) << 16 | (uint64_t)u16(n + 4) << 32;
}

enum peek_result { PEEK_FOUND, PEEK_ABSENT, PEEK_UNREAD };

/*
 * Appends the value of leaf node n of page p (its data at d) to val: in
 * the page, or on overflow pages (a page header, then the data over as
 * many pages as it needs).
 */
static enum peek_result
leaf_value(struct sd_peek *pk, const uint8_t *p, const uint8_t *n, const uint8_t *d,
    struct sd_buf *val)
{
	uint16_t nflags = u16(n + 4);
	size_t dsize = (size_t)u16(n) | (size_t)u16(n + 2) << 16, total = PG_HDR + dsize;
	uint64_t opg;
	uint8_t *buf;

	if (nflags & (F_SUBDATA | F_DUPDATA))
		return PEEK_UNREAD;
	if (!(nflags & F_BIGDATA)) {
		if ((size_t)(d - p) + dsize > pk->psize)
			return PEEK_UNREAD;
		sd_buf_add(val, d, dsize);
		return PEEK_FOUND;
	}
	if ((size_t)(d - p) + 8 > pk->psize || (opg = u64(d)) > (uint64_t)INT64_MAX / pk->psize)
		return PEEK_UNREAD;
	buf = sd_xmalloc(total);
	if (pread(pk->fd, buf, total, (off_t)(opg * pk->psize)) != (ssize_t)total ||
	    u64(buf) != opg || !(u16(buf + 10) & P_OVERFLOW)) {
		free(buf);
		return PEEK_UNREAD;
	}
	sd_buf_add(val, buf + PG_HDR, dsize);
	free(buf);
	return PEEK_FOUND;
}

/* The walk from the root: PEEK_UNREAD for anything not as expected. */
static enum peek_result
peek_walk(struct sd_peek *pk, enum sd_dbi db, const void *key, size_t klen,
    struct sd_buf *val)
{
	uint64_t pgno = pk->db[db].root;

	for (int level = 0; level <= pk->db[db].depth; level++) {
		const uint8_t *p = page_read(pk, pgno, level < 2), *n, *k;
		size_t nkeys, lo, hi, kl;
		uint16_t flags;

		if (p == NULL || (nkeys = page_keys(pk, p, &flags)) == 0)
			return PEEK_UNREAD;
		if (flags & P_BRANCH) {
			/* The last child whose first key is at most key (child 0's is below all). */
			size_t child = 0;

			lo = 1;
			hi = nkeys;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if ((n = node_at(pk, p, mid, &k, &kl)) == NULL)
					return PEEK_UNREAD;
				if (sd_key_cmp(key, klen, k, kl) >= 0) {
					child = mid;
					lo = mid + 1;
				} else
					hi = mid;
			}
			if ((n = node_at(pk, p, child, &k, &kl)) == NULL)
				return PEEK_UNREAD;
			pgno = node_pgno(n);
			continue;
		}
		lo = 0;
		hi = nkeys;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c;

			if ((n = node_at(pk, p, mid, &k, &kl)) == NULL)
				return PEEK_UNREAD;
			if ((c = sd_key_cmp(key, klen, k, kl)) > 0) {
				lo = mid + 1;
				continue;
			}
			if (c < 0) {
				hi = mid;
				continue;
			}
			sd_buf_reset(val);
			return leaf_value(pk, p, n, k + kl, val);
		}
		return PEEK_ABSENT;
	}
	return PEEK_UNREAD;	/* deeper than the table says */
}

sd_status
sd_peek_get(struct sd_peek *pk, enum sd_dbi db, const void *key, size_t klen,
    struct sd_buf *val, const char *what, struct sd_error *err)
{
	MDB_val v;
	sd_status s;

	sd_buf_reset(val);
	/* Keys LMDB refuses are LMDB's to refuse. */
	if (klen == 0 || klen > (size_t)mdb_env_get_maxkeysize(pk->t->st->env))
		goto lmdb;
	if (pk->fd >= 0 && pk->db[db].state == DB_UNKNOWN)
		root_lookup(pk, db);
	if (pk->fd >= 0 && pk->db[db].state == DB_EMPTY) {
		pk->t->st->reads++;
		return SD_NOTFOUND;
	}
	if (pk->fd >= 0 && pk->db[db].state == DB_PEEK) {
		switch (peek_walk(pk, db, key, klen, val)) {
		case PEEK_FOUND:
			pk->t->st->reads++;
			return SD_OK;
		case PEEK_ABSENT:
			pk->t->st->reads++;
			return SD_NOTFOUND;
		case PEEK_UNREAD:
			break;
		}
	}
lmdb:
	pk->handed++;
	if ((s = sd_db_get(pk->t, db, key, klen, &v, what, err)) == SD_OK) {
		sd_buf_reset(val);
		sd_buf_add(val, v.mv_data, v.mv_size);
	}
	return s;
}

/*
 * The last key below bound, by a walk that keeps each level's page: when
 * the subtree a separator leads to holds none (its keys below the bound
 * were deleted), the walk goes back up and takes the rightmost key of the
 * subtree before it.
 */
static enum peek_result
peek_last_before(struct sd_peek *pk, enum sd_dbi db, const uint8_t *bound, size_t blen,
    struct sd_buf *key)
{
	const uint8_t *pg[PEEK_MAXDEPTH + 1];
	size_t idx[PEEK_MAXDEPTH + 1];
	uint64_t pgno = pk->db[db].root;
	bool rightmost = false;
	int top = 0;

	for (;;) {
		const uint8_t *p, *n, *k;
		size_t nkeys, kl, lo;
		uint16_t flags;

		if ((p = level_read(pk, db, top, pgno, &nkeys, &flags)) == NULL)
			return PEEK_UNREAD;
		if (flags & P_BRANCH) {
			size_t child = 0;

			if (rightmost)
				child = nkeys - 1;
			else {
				/* The last child whose separator is below the bound. */
				if ((lo = first_not_below(pk, p, 1, nkeys, bound, blen, false)) ==
				    SIZE_MAX)
					return PEEK_UNREAD;
				child = lo - 1;
			}
			if ((n = node_at(pk, p, child, &k, &kl)) == NULL)
				return PEEK_UNREAD;
			pg[top] = p;
			idx[top++] = child;
			pgno = node_pgno(n);
			continue;
		}
		/* A leaf: its last key below the bound. */
		if (rightmost)
			lo = nkeys;
		else if ((lo = first_not_below(pk, p, 0, nkeys, bound, blen, false)) == SIZE_MAX)
			return PEEK_UNREAD;
		if (lo > 0) {
			if (node_at(pk, p, lo - 1, &k, &kl) == NULL)
				return PEEK_UNREAD;
			sd_buf_reset(key);
			sd_buf_add(key, k, kl);
			return PEEK_FOUND;
		}
		/* None here: the rightmost key of the subtree before this one. */
		while (top > 0 && idx[top - 1] == 0)
			top--;
		if (top == 0)
			return PEEK_ABSENT;
		top--;
		idx[top]--;
		if ((n = node_at(pk, pg[top], idx[top], &k, &kl)) == NULL)
			return PEEK_UNREAD;
		pgno = node_pgno(n);
		top++;
		rightmost = true;
	}
}

sd_status
sd_peek_last(struct sd_peek *pk, enum sd_dbi db, const void *prefix, size_t plen,
    struct sd_buf *key, const char *what, struct sd_error *err)
{
	uint8_t bound[512];
	size_t blen = plen < sizeof bound ? plen : sizeof bound;
	MDB_cursor *cur;
	MDB_val k, v;
	int rc;

	sd_buf_reset(key);
	/* The key just past every key with the prefix: prefix + 1, carried. */
	memcpy(bound, prefix, blen);
	while (blen > 0 && bound[blen - 1] == 0xff)
		blen--;
	if (blen == 0 || plen > sizeof bound)
		goto lmdb;
	bound[blen - 1]++;
	if (pk->fd >= 0 && pk->db[db].state == DB_UNKNOWN)
		root_lookup(pk, db);
	if (pk->fd >= 0 && pk->db[db].state == DB_EMPTY) {
		pk->t->st->reads++;
		return SD_NOTFOUND;
	}
	if (pk->fd >= 0 && pk->db[db].state == DB_PEEK) {
		switch (peek_last_before(pk, db, bound, blen, key)) {
		case PEEK_FOUND:
			pk->t->st->reads++;
			if (key->len < plen || memcmp(key->data, prefix, plen) != 0) {
				sd_buf_reset(key);
				return SD_NOTFOUND;
			}
			return SD_OK;
		case PEEK_ABSENT:
			pk->t->st->reads++;
			return SD_NOTFOUND;
		case PEEK_UNREAD:
			sd_buf_reset(key);
			break;
		}
	}
lmdb:
	/* LMDB's: the first key at or past the bound, then the one before it. */
	pk->handed++;
	pk->t->st->reads++;
	if ((rc = mdb_cursor_open(pk->t->txn, pk->t->st->dbi[db], &cur)) != 0)
		return sd_store_error(rc, what, err);
	if (blen == 0) {
		rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
	} else {
		k.mv_size = blen;
		k.mv_data = bound;
		rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
		rc = rc == MDB_NOTFOUND ? mdb_cursor_get(cur, &k, &v, MDB_LAST) :
		    rc == 0 ? mdb_cursor_get(cur, &k, &v, MDB_PREV) : rc;
	}
	if (rc == 0 && k.mv_size >= plen && memcmp(k.mv_data, prefix, plen) == 0)
		sd_buf_add(key, k.mv_data, k.mv_size);
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return sd_store_error(rc, what, err);
	return key->len > 0 ? SD_OK : SD_NOTFOUND;
}

/*
 * Every key with the prefix and its value, appended to out as klen(2)
 * key vlen(4) value, counted in *count: the walk goes from the last
 * separator at or below the prefix (its subtree may hold only smaller
 * keys) on through the leaves, back up the kept pages at each leaf's end.
 */
static enum peek_result
peek_prefix(struct sd_peek *pk, enum sd_dbi db, const uint8_t *prefix, size_t plen,
    struct sd_buf *out, size_t *count)
{
	const uint8_t *pg[PEEK_MAXDEPTH + 1];
	size_t idx[PEEK_MAXDEPTH + 1];
	uint64_t pgno = pk->db[db].root;
	bool leftmost = false;
	struct sd_buf v = { 0 };
	int top = 0;

	for (;;) {
		const uint8_t *p, *n, *k;
		size_t nkeys, kl, lo;
		uint16_t flags;

		if ((p = level_read(pk, db, top, pgno, &nkeys, &flags)) == NULL)
			goto unread;
		if (flags & P_BRANCH) {
			size_t child = 0;

			/* The last child whose separator is at or below the prefix. */
			if (!leftmost) {
				if ((lo = first_not_below(pk, p, 1, nkeys, prefix, plen, true)) ==
				    SIZE_MAX)
					goto unread;
				child = lo - 1;
			}
			if ((n = node_at(pk, p, child, &k, &kl)) == NULL)
				goto unread;
			pg[top] = p;
			idx[top++] = child;
			pgno = node_pgno(n);
			continue;
		}
		/* A leaf: from its first key at or past the prefix. */
		lo = 0;
		if (!leftmost &&
		    (lo = first_not_below(pk, p, 0, nkeys, prefix, plen, false)) == SIZE_MAX)
			goto unread;
		for (; lo < nkeys; lo++) {
			uint8_t len[4];

			if ((n = node_at(pk, p, lo, &k, &kl)) == NULL)
				goto unread;
			if (kl < plen || memcmp(k, prefix, plen) != 0) {
				if (sd_key_cmp(k, kl, prefix, plen) > 0) {
					sd_buf_free(&v);
					return PEEK_FOUND;	/* past the prefix: done */
				}
				continue;
			}
			sd_buf_reset(&v);
			if (leaf_value(pk, p, n, k + kl, &v) != PEEK_FOUND || v.len > UINT32_MAX)
				goto unread;
			len[0] = (uint8_t)(kl >> 8);
			len[1] = (uint8_t)kl;
			sd_buf_add(out, len, 2);
			sd_buf_add(out, k, kl);
			len[0] = (uint8_t)(v.len >> 24);
			len[1] = (uint8_t)(v.len >> 16);
			len[2] = (uint8_t)(v.len >> 8);
			len[3] = (uint8_t)v.len;
			sd_buf_add(out, len, 4);
			sd_buf_add(out, v.data, v.len);
			(*count)++;
		}
		/* The leaf's end: the next leaf, from the lowest level with a next child. */
		while (top > 0) {
			size_t pn;
			uint16_t pf;

			if ((pn = page_keys(pk, pg[top - 1], &pf)) == 0)
				goto unread;
			if (idx[top - 1] + 1 < pn)
				break;
			top--;
		}
		if (top == 0) {
			sd_buf_free(&v);
			return PEEK_FOUND;	/* the table's end */
		}
		idx[top - 1]++;
		if ((n = node_at(pk, pg[top - 1], idx[top - 1], &k, &kl)) == NULL)
			goto unread;
		pgno = node_pgno(n);
		leftmost = true;
	}
unread:
	sd_buf_free(&v);
	return PEEK_UNREAD;
}

sd_status
sd_peek_prefix(struct sd_peek *pk, enum sd_dbi db, const void *prefix, size_t plen,
    bool (*fn)(void *, const void *, size_t, const void *, size_t), void *arg,
    const char *what, struct sd_error *err)
{
	struct sd_buf all = { 0 };
	struct sd_iter it;
	size_t count = 0;
	sd_status s;

	if (plen > 0 && plen <= (size_t)mdb_env_get_maxkeysize(pk->t->st->env)) {
		if (pk->fd >= 0 && pk->db[db].state == DB_UNKNOWN)
			root_lookup(pk, db);
		if (pk->fd >= 0 && pk->db[db].state == DB_EMPTY)
			return SD_OK;
		/* Read whole first: a walk that stops half-way is walked again by LMDB. */
		if (pk->fd >= 0 && pk->db[db].state == DB_PEEK &&
		    peek_prefix(pk, db, prefix, plen, &all, &count) == PEEK_FOUND) {
			const uint8_t *q = (const uint8_t *)all.data;
			bool go = true;

			pk->t->st->reads += count;
			for (size_t i = 0; i < count && go; i++) {
				size_t kl = (size_t)q[0] << 8 | q[1], vl;
				const uint8_t *k = q + 2;

				q = k + kl;
				vl = (size_t)q[0] << 24 | (size_t)q[1] << 16 | (size_t)q[2] << 8 | q[3];
				go = fn(arg, k, kl, q + 4, vl);
				q += 4 + vl;
			}
			sd_buf_free(&all);
			return SD_OK;
		}
		sd_buf_free(&all);
	}
	pk->handed++;
	sd_iter_start(&it, pk->t, db, prefix, plen, false, NULL, 0);
	while (sd_iter_next(&it) &&
	    fn(arg, it.key.mv_data, it.key.mv_size, it.val.mv_data, it.val.mv_size))
		;
	s = sd_iter_status(&it, what, err);
	sd_iter_end(&it);
	return s;
}
