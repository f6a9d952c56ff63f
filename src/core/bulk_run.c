/*
 * Runs: a bulk job's index writes kept in one table until the job ends,
 * then merged into their tables once, in key order.
 *
 * Why: a bulk chunk's writes to the indexes no row function reads (the
 * search postings, the enterprise indexes by word, tag, name, offer, NACE
 * code and last contact: search_batch_defers) are sorted per chunk
 * (search_batch.c), but a chunk of a few thousand enterprises still lands
 * its keys on pages all over those trees, and each chunk dirties and
 * rewrites every such page: loading 1.9 million enterprises wrote some
 * 150 KB per enterprise, 75 GB for a database of 1.5 GB.  So in a job of more
 * than one chunk, every chunk's sorted writes (the last one of each key)
 * are appended to SD_DB_BULK_RUN as a run, in blocks: an entry holds many
 * consecutive operations of the run (search_batch.h: each its table, key,
 * put or delete, and value), its key = run number (8 bytes, big-endian,
 * from meta "runseq") + table (1 byte) + the index's key of its first
 * operation.  An entry per operation cost a B-tree put each (4.3 million
 * for 100,000 enterprises, and LMDB 0.9's MDB_APPEND descends from the
 * root for every put) and a cursor step each to read back: a third of an
 * import.  A block is closed before it would pass the largest entry LMDB
 * keeps in a leaf (run_entry_max: 2,030 bytes of key and value with 4 KiB
 * pages, two entries a page), so no entry has overflow pages (their
 * allocation scans the free list, slow on an old, fragmented desk).  A
 * run's operations are unique and sorted and run numbers grow, so its
 * entries' keys are too, and a run is written with MDB_APPEND: new pages
 * only, filled in sequence.  The entries no longer count the operations:
 * meta "runops" does, added to in the commit that appends a run.  An entry
 * of the previous sedesk (value 'p' + the value, or 'd': one operation,
 * and no "runops", so its entries are its operations) still merges and
 * counts: a desk upgraded in the middle of a job.  When the job ends the
 * runs are merged (sd_runs_merge): k-way, by (table, key, run), each run's
 * blocks decoded where they lie (a merge chunk writes no page of the run
 * table), the last run's operation of a key wins; each target page is then
 * written about once (a page in a merge chunk) however many chunks touched
 * it, and a key past the target table's last goes in with MDB_APPEND (on a
 * fresh desk, all of them: the first chunk is a run too, bulk.c).  A job of
 * one chunk (every small import) writes its indexes directly: it has no
 * runs.
 *
 * Crash safety: the merge works in chunks of about a second, each one
 * write transaction that applies its operations AND stores the merge's
 * position in meta ("runpos": the last table and key whose operations of
 * every run are applied, and how many of the run table's operations lie at
 * or before it).  Nothing is deleted per operation (a delete per operation
 * was a tenth of an import's time, with its rebalancing): each chunk
 * starts every run after the position (inside a block, often: at the block
 * that holds the first key after it, its operations up to the position
 * passed), and the chunk that applies the last operation empties the run
 * table at once (mdb_drop: its pages freed, no work per key) and removes
 * the position and the count.  A merge that was killed resumes by itself
 * from the position at the next one (a rerun of the job, `check --repair`,
 * `reindex`, or another bulk job, which finishes it before its next chunk:
 * a run appended during a merge could hold keys the merge has passed).  A
 * bulk job's record (meta "bulk:NAME") is removed in the commit that
 * empties the run table: while runs are pending a job is unfinished, and
 * its rerun merges.
 *
 * Document counts (SD_DB_SEARCH_DF) are not logged: the merge counts what
 * it changes (a posting put that was not there +1, a delete of one that
 * was -1), so they follow the postings the table holds, whatever was
 * replayed.  That makes the other writers' way safe: while runs are
 * pending, an ordinary write transaction of any process writes these
 * indexes directly, as always (it reads its own writes), and also logs
 * them as a run of its own at its commit (store.c, runlog); the merge
 * replays them after the older runs and before the younger ones, the order
 * in which they were committed, and ends where direct writes of everything
 * would have ended.  Such a write on a key at or before the merge's
 * position came after every older operation on that key had been applied,
 * so the merge skips it (and counts it as done); one after the position is
 * merged in run order.  Its own posting writes count by existence too
 * (search_index.c posting()).
 *
 * While runs are pending (from the first chunk's commit of a job of more
 * than one chunk until the merge's last), the job's new records are not
 * found by search or the lists by name, word, tag, offer, NACE code or
 * e-mail address (a record edited meanwhile is found by its new words at
 * once: written directly); the search reader skips a posting whose
 * document is gone.  `check` says how many index writes are left to merge
 * (sd_runs_left) instead of counting their absence as problems.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bulk.h"
#include "chunk.h"
#include "internal.h"
#include "keys.h"
#include "search_batch.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

#define WHAT		_("search index")
#define DEF_MERGE_MS	750
/* At most this many operations a merge chunk: its dirty pages stay bounded. */
#define MERGE_MAX_OPS	500000
/* The heap a merge chunk may add beyond heap_max, or beyond where it began. */
#define HEAP_SLACK	((size_t)4 << 20)

static void
be64_put(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (56 - 8 * i));
}

static uint64_t
be64_get(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

sd_status
run_next_seq(struct sd_txn *t, uint64_t *seq, struct sd_error *err)
{
	uint64_t n = 0;
	MDB_val v;
	sd_status s = sd_db_get(t, SD_DB_META, "runseq", 6, &v, WHAT, err);

	if (s == SD_OK && v.mv_size == sizeof n)
		memcpy(&n, v.mv_data, sizeof n);
	else if (s != SD_OK && s != SD_NOTFOUND)
		return s;
	n++;
	*seq = n;
	return sd_db_put(t, SD_DB_META, "runseq", 6, &n, sizeof n, WHAT, err);
}

/*
 * LMDB 0.9's leaf node (mdb.c): a page header of 16 bytes (PAGEHDRSZ), a
 * node header of 8 (NODESIZE) and a 2-byte index per node; a node larger
 * than me_nodemax = ((page - PAGEHDRSZ) / MDB_MINKEYS (2), even) - 2 has
 * its value on overflow pages.  With 4 KiB pages: 2,030 bytes of key and
 * value, two entries a page.  (test_bulk_run checks it on the table.)
 */
#define LMDB_PAGEHDRSZ	16	/* 12 with 32-bit page numbers: then this is on the safe side */
#define LMDB_NODESIZE	8

size_t
run_entry_max(MDB_env *env)
{
	MDB_stat ms;
	size_t psize = mdb_env_stat(env, &ms) == 0 ? ms.ms_psize : 4096;

	return ((((psize - LMDB_PAGEHDRSZ) / 2) & ~(size_t)1) - 2) - LMDB_NODESIZE;
}

/*
 * The run table's operations, for sd_runs_pending: meta "runops", added
 * to in the commit that appends a run and removed in the one that drops
 * the table.  Without it the table is one the previous sedesk wrote (one
 * operation an entry, no count): its entries are its operations, and the
 * first run appended to it starts the count from them.  With the table
 * empty a count is not read: one left by a previous sedesk's merge (it
 * drops the table but knows no count) would be too many.
 */
#define OPS_KEY		"runops"

static int
ops_read(MDB_txn *txn, MDB_dbi meta, MDB_dbi rdbi, uint64_t *n)
{
	MDB_val k = { sizeof OPS_KEY - 1, (void *)OPS_KEY }, v;
	MDB_stat ms;
	int rc;

	/* An empty table has none, whatever a program that knew no count left. */
	if ((rc = mdb_stat(txn, rdbi, &ms)) != 0)
		return rc;
	*n = ms.ms_entries;
	if (ms.ms_entries == 0)
		return 0;
	rc = mdb_get(txn, meta, &k, &v);
	if (rc == 0 && v.mv_size == sizeof *n) {
		memcpy(n, v.mv_data, sizeof *n);
		return 0;
	}
	if (rc == 0)
		return MDB_CORRUPTED;
	return rc == MDB_NOTFOUND ? 0 : rc;
}

int
run_ops_get(struct sd_txn *t, uint64_t *n)
{
	return ops_read(t->txn, t->st->dbi[SD_DB_META], t->st->dbi[SD_DB_BULK_RUN], n);
}

int
run_ops_put(struct sd_txn *t, uint64_t n)
{
	MDB_val k = { sizeof OPS_KEY - 1, (void *)OPS_KEY }, v = { sizeof n, &n };

	return mdb_put(t->txn, t->st->dbi[SD_DB_META], &k, &v, 0);
}

/*
 * The merge's position (meta "runpos", only while a merge is under way):
 * done (8 bytes: the run table's operations at or before the position,
 * applied or skipped), seen (8: the highest run number the merge has
 * counted), then the table (1 byte) and key of the last key whose
 * operations of every run are applied.
 */
#define POS_KEY		"runpos"
#define POS_HEAD	16

struct pos {
	bool		 have;
	uint64_t	 done, seen;
	size_t		 len;			/* table + key */
	uint8_t		 tk[RUN_KEY_MAX + 1];
};

/*
 * The position, if a merge is under way: one is only while the runs it
 * has seen are there (nothing is deleted before the merge's end).  One
 * left by a program that merged without it (an older sedesk deletes each
 * operation and knows no position) is ignored: every run there is newer
 * than it.
 */
static int
pos_read(MDB_txn *txn, MDB_dbi meta, MDB_dbi rdbi, struct pos *p)
{
	MDB_val k = { sizeof POS_KEY - 1, (void *)POS_KEY }, v;
	MDB_cursor *c;
	int rc = mdb_get(txn, meta, &k, &v);

	memset(p, 0, offsetof(struct pos, tk));
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	if (v.mv_size < POS_HEAD + 2 || v.mv_size - POS_HEAD > sizeof p->tk)
		return MDB_CORRUPTED;
	p->have = true;
	p->done = be64_get(v.mv_data);
	p->seen = be64_get((const uint8_t *)v.mv_data + 8);
	p->len = v.mv_size - POS_HEAD;
	memcpy(p->tk, (const uint8_t *)v.mv_data + POS_HEAD, p->len);
	if ((rc = mdb_cursor_open(txn, rdbi, &c)) != 0)
		return rc;
	rc = mdb_cursor_get(c, &k, &v, MDB_FIRST);
	mdb_cursor_close(c);
	if (rc == MDB_NOTFOUND || (rc == 0 && (k.mv_size < 8 || be64_get(k.mv_data) > p->seen))) {
		memset(p, 0, offsetof(struct pos, tk));
		rc = 0;
	}
	return rc;
}

static int
pos_write(MDB_txn *txn, MDB_dbi meta, const struct pos *p)
{
	uint8_t buf[POS_HEAD + RUN_KEY_MAX + 1];
	MDB_val k = { sizeof POS_KEY - 1, (void *)POS_KEY }, v = { POS_HEAD + p->len, buf };

	be64_put(buf, p->done);
	be64_put(buf + 8, p->seen);
	memcpy(buf + POS_HEAD, p->tk, p->len);
	return mdb_put(txn, meta, &k, &v, 0);
}

/*
 * What is left to merge: the run table's operations less those at or
 * before the merge's position (applied, or skipped as applied already).
 */
uint64_t
sd_runs_pending(struct sd_txn *t)
{
	MDB_stat ms;
	struct pos p;
	uint64_t n;

	if (t->st->dbi[SD_DB_BULK_RUN] == 0 ||
	    mdb_stat(t->txn, t->st->dbi[SD_DB_BULK_RUN], &ms) != 0 || ms.ms_entries == 0)
		return 0;
	/* A count that cannot be read: each entry is told as one. */
	if (run_ops_get(t, &n) != 0 || n < ms.ms_entries)
		n = ms.ms_entries;
	/* A position that cannot be read: all of the table is told as pending. */
	if (pos_read(t->txn, t->st->dbi[SD_DB_META], t->st->dbi[SD_DB_BULK_RUN], &p) != 0 || !p.have)
		return n;
	/* All of it behind the position: the merge's last chunk empties the table. */
	return p.done < n ? n - p.done : 1;
}

/*
 * An operation of a run entry (search_batch.h), and the rest of its
 * block.  The pointers are into the entry's leaf page, which nothing in a
 * merge chunk changes (the merge writes other tables; the run table is
 * only dropped at its end) nor in a read transaction.
 */
struct rop {
	const uint8_t	*tk;		/* table + key */
	size_t		 tklen;
	bool		 put;
	const uint8_t	*val;
	size_t		 vlen;
	const uint8_t	*p, *end;	/* the block's next operations */
};

/* The block's next operation: 1, or 0 when it has no more, -1 when it is damaged. */
static int
rop_next(struct rop *o)
{
	const uint8_t *p = o->p;
	size_t left = (size_t)(o->end - p), l, vl;

	if (left == 0)
		return 0;
	if (left < 2)
		return -1;
	l = (size_t)p[0] << 8 | p[1];
	/* A table and a key of one byte at least, as short as the entries' keys. */
	if (l < 2 || l > RUN_KEY_MAX - 8 || left < l + RUN_OP_HEAD)
		return -1;
	o->tk = p + 2;
	o->tklen = l;
	p += 2 + l;
	if (p[0] != 'p' && p[0] != 'd')
		return -1;
	o->put = p[0] == 'p';
	vl = (size_t)p[1] << 8 | p[2];
	p += 3;
	if ((size_t)(o->end - p) < vl)
		return -1;
	o->val = p;
	o->vlen = vl;
	o->p = p + vl;
	return 1;
}

/* The entry's first operation: 1, or -1 when it is damaged. */
static int
rop_first(struct rop *o, const MDB_val *k, const MDB_val *v)
{
	const uint8_t *d = v->mv_data;

	if (k->mv_size <= 9)
		return -1;
	if (v->mv_size >= 1 && d[0] == RUN_BLOCK) {
		o->p = d + 1;
		o->end = d + v->mv_size;
		return rop_next(o) == 1 ? 1 : -1;
	}
	/* The previous sedesk's entry: one operation, 'p' + value or 'd'. */
	o->tk = (const uint8_t *)k->mv_data + 8;
	o->tklen = k->mv_size - 8;
	o->put = v->mv_size >= 1 && d[0] == 'p';
	o->val = d + 1;
	o->vlen = o->put ? v->mv_size - 1 : 0;
	o->p = o->end = d + v->mv_size;
	return 1;
}

/* Order of an operation's table and key against the position's. */
static int
rop_cmp(const struct rop *o, const uint8_t *tk, size_t len)
{
	return sd_key_cmp(o->tk, o->tklen, tk, len);
}

/* One run in the merge: its cursor, at its entry, and its next operation. */
struct src {
	MDB_cursor	*c;
	uint64_t	 seq;
	MDB_val		 k, v;
	struct rop	 op;
};

struct merge {
	unsigned	 ms;
	size_t		 heap_max;	/* a chunk ends when the heap passes it */
	sd_write_fn	 last;
	void		*arg;
	bool		 empty;		/* the run table was emptied */
	uint64_t	 applied;	/* operations, for the tests */
};

/* Order of the merge: table and key, then the older run first. */
static int
src_cmp(const struct src *a, const struct src *b)
{
	int c = rop_cmp(&a->op, b->op.tk, b->op.tklen);

	if (c != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void
heap_down(struct src **h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < n && src_cmp(h[l], h[m]) < 0)
			m = l;
		if (r < n && src_cmp(h[r], h[m]) < 0)
			m = r;
		if (m == i)
			return;
		struct src *x = h[i];
		h[i] = h[m];
		h[m] = x;
		i = m;
	}
}

/*
 * Takes the entry the cursor's get returned (*rc) as s's: true at its
 * first operation, false when it is none of s's run.
 */
static bool
src_load(struct src *s, int *rc)
{
	if (*rc == MDB_NOTFOUND) {
		*rc = 0;
		return false;
	}
	if (*rc != 0 || s->k.mv_size <= 9 || be64_get(s->k.mv_data) != s->seq)
		return false;
	if (rop_first(&s->op, &s->k, &s->v) != 1) {
		*rc = MDB_CORRUPTED;
		return false;
	}
	return true;
}

/* Moves src to its run's next operation; false when the run has no more. */
static bool
src_next(struct src *s, int *rc)
{
	int r = rop_next(&s->op);

	if (r != 0) {
		*rc = r < 0 ? MDB_CORRUPTED : 0;
		return r > 0;
	}
	*rc = mdb_cursor_get(s->c, &s->k, &s->v, MDB_NEXT);
	return src_load(s, rc);
}

/*
 * A target table in a merge chunk: its cursor, and its last key until the
 * merge's keys pass it.  From there on (the merge goes in key order) every
 * put goes in with MDB_APPEND (no search; full pages, split at the end)
 * and a delete has nothing to find.
 */
struct target {
	MDB_cursor	*c;
	bool		 append;
	size_t		 lastlen;
	uint8_t		 last[RUN_KEY_MAX + 1];
};

static int
target_open(MDB_txn *txn, MDB_dbi dbi, struct target **tp)
{
	struct target *tg = sd_xcalloc(1, sizeof *tg);
	MDB_val k, v;
	int rc;

	*tp = tg;
	if ((rc = mdb_cursor_open(txn, dbi, &tg->c)) != 0)
		return rc;
	rc = mdb_cursor_get(tg->c, &k, &v, MDB_LAST);
	if (rc == MDB_NOTFOUND) {
		tg->append = true;
		return 0;
	}
	if (rc != 0)
		return rc;
	if (k.mv_size > sizeof tg->last)
		return MDB_CORRUPTED;
	memcpy(tg->last, k.mv_data, k.mv_size);
	tg->lastlen = k.mv_size;
	return 0;
}

static void
target_close(struct target *tg)
{
	if (tg == NULL)
		return;
	if (tg->c != NULL)
		mdb_cursor_close(tg->c);
	free(tg);
}

/*
 * One operation on its table, with one search at most; *delta: the key's
 * existence it changed (postings only: delta not NULL).
 */
static int
apply_op(struct target *tg, const uint8_t *key, size_t klen, const struct rop *op, long *delta)
{
	MDB_val k = { klen, (void *)key }, v;
	bool put = op->put;
	int rc;

	if (!tg->append) {
		size_t n = klen < tg->lastlen ? klen : tg->lastlen;
		int c = memcmp(key, tg->last, n);
		tg->append = c > 0 || (c == 0 && klen > tg->lastlen);
	}
	v.mv_size = op->vlen;
	v.mv_data = (void *)op->val;
	if (tg->append) {
		/* Past the table's last key: not there, a put appends. */
		if (!put)
			return 0;
		if (delta != NULL)
			*delta += 1;
		return mdb_cursor_put(tg->c, &k, &v, MDB_APPEND);
	}
	if (put) {
		/* A table without counts: written whatever was there. */
		if (delta == NULL)
			return mdb_cursor_put(tg->c, &k, &v, 0);
		/* A posting's value is always the same: there already, nothing changes. */
		rc = mdb_cursor_put(tg->c, &k, &v, MDB_NOOVERWRITE);
		if (rc == MDB_KEYEXIST)
			return 0;
		if (rc == 0)
			*delta += 1;
		return rc;
	}
	rc = mdb_cursor_get(tg->c, &k, NULL, MDB_SET);
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	if (delta != NULL)
		*delta -= 1;
	return mdb_cursor_del(tg->c, 0);
}

/*
 * sd_chunk_full for a key of the merge, which costs less than reading the
 * clock: the clock is read every 64 keys (a row limit, the tests', is
 * counted at every key).
 */
static bool
chunk_full(struct sd_chunk *ch)
{
	if (ch->max_rows == SIZE_MAX && ch->rows % 64 != 0) {
		ch->rows++;
		return false;
	}
	return sd_chunk_full(ch);
}

/* Order of two run keys (run number, table, key), as the run table's. */
static int
runkey_cmp(const MDB_val *a, const uint8_t *b, size_t blen)
{
	return sd_key_cmp(a->mv_data, a->mv_size, b, blen);
}

/*
 * Sets s at run s->seq's first operation after the position p (its first
 * without one); false when it has none left.  The position may lie inside
 * a block: the one that holds the first key after it is the last whose
 * first key is at or before it (one step back from MDB_SET_RANGE, when
 * that entry is of the same run), and its operations up to the position
 * are passed.  A run the merge has not seen before (a write logged since
 * its last chunk) is walked from its start, its operations at or before
 * p counted into *skipped: they were written directly after every older
 * operation on their key, so they are not merged, and they are no longer
 * pending.
 */
static bool
src_start(struct src *s, const struct pos *p, uint64_t *skipped, int *rc)
{
	uint8_t at[8 + RUN_KEY_MAX + 1];
	size_t alen = 8;
	bool unseen = p->have && s->seq > p->seen;

	be64_put(at, s->seq);
	if (p->have && !unseen) {
		memcpy(at + 8, p->tk, p->len);
		alen += p->len;
	}
	s->k.mv_size = alen;
	s->k.mv_data = at;
	*rc = mdb_cursor_get(s->c, &s->k, &s->v, MDB_SET_RANGE);
	if (alen > 8 && (*rc == MDB_NOTFOUND || (*rc == 0 && runkey_cmp(&s->k, at, alen) > 0))) {
		int r = mdb_cursor_get(s->c, &s->k, &s->v, *rc == 0 ? MDB_PREV : MDB_LAST);

		if (r == 0 && s->k.mv_size > 9 && be64_get(s->k.mv_data) == s->seq)
			*rc = 0;
		else if (r == 0 || r == MDB_NOTFOUND) {
			/* Not of this run: the first entry after the position is. */
			s->k.mv_size = alen;
			s->k.mv_data = at;
			*rc = mdb_cursor_get(s->c, &s->k, &s->v, MDB_SET_RANGE);
		} else
			*rc = r;
	}
	if (!src_load(s, rc))
		return false;
	if (!p->have)
		return true;
	while (rop_cmp(&s->op, p->tk, p->len) <= 0) {
		if (unseen)
			(*skipped)++;
		if (!src_next(s, rc))
			return false;
	}
	return true;
}

/*
 * One merge chunk: about m->ms of operations applied, and the position
 * after them stored in the same commit; the chunk that applies the last
 * empties the run table at once.
 */
static sd_status
merge_chunk(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct merge *m = arg;
	MDB_dbi rdbi = t->st->dbi[SD_DB_BULK_RUN], meta = t->st->dbi[SD_DB_META];
	struct target *tc[SD_DB_COUNT] = { 0 };
	MDB_cursor *dfc = NULL, *lc = NULL;
	struct src *srcs = NULL, **heap = NULL;
	size_t nsrc = 0, cap = 0, nheap = 0, ops = 0;
	struct sd_chunk ch;
	struct pos *pos = NULL;
	size_t heap_lim;
	uint8_t key[RUN_KEY_MAX + 1], term[RUN_KEY_MAX + 1];
	size_t klen = 0, tlen = 0;
	uint64_t skipped = 0, maxseq = 0;
	long delta = 0;
	bool have_term = false, moved = false;
	enum sd_dbi db = SD_DB_COUNT;
	MDB_val k, v;
	sd_status s = SD_OK;
	int rc;

	/* About m->ms of keys (SEDESK_CHUNK_ROWS keys at most: chunk.h). */
	sd_chunk_start(&ch, m->ms);
	/*
	 * LMDB keeps the pages earlier chunks changed and uses them again:
	 * a chunk that starts above heap_max may fill those, and a little.
	 */
	heap_lim = sd_bulk_heap();
	heap_lim = (heap_lim > m->heap_max ? heap_lim : m->heap_max) + HEAP_SLACK;
	m->empty = false;
	/* The merge's own writes are not logged as a run (store.c). */
	search_batch_free(t->st->runlog);
	t->st->runlog = NULL;
	pos = sd_xcalloc(1, sizeof *pos);
	if ((rc = pos_read(t->txn, meta, rdbi, pos)) != 0)
		goto out;
	/* The runs there are: the first key of each run number. */
	if ((rc = mdb_cursor_open(t->txn, rdbi, &lc)) != 0)
		goto out;
	rc = mdb_cursor_get(lc, &k, &v, MDB_FIRST);
	while (rc == 0) {
		uint8_t next[8];
		if (k.mv_size <= 9) {
			rc = MDB_CORRUPTED;
			break;
		}
		if (nsrc == cap) {
			cap = cap ? cap * 2 : 64;
			srcs = sd_xrealloc(srcs, cap * sizeof *srcs);
		}
		memset(&srcs[nsrc], 0, sizeof srcs[nsrc]);
		srcs[nsrc].seq = be64_get(k.mv_data);
		maxseq = srcs[nsrc].seq;
		nsrc++;
		be64_put(next, be64_get(k.mv_data) + 1);
		k.mv_size = 8;
		k.mv_data = next;
		rc = mdb_cursor_get(lc, &k, &v, MDB_SET_RANGE);
	}
	mdb_cursor_close(lc);
	if (rc != MDB_NOTFOUND)
		goto out;
	rc = 0;
	/* Each run from after the position: what is at or before it is applied. */
	heap = sd_xcalloc(nsrc ? nsrc : 1, sizeof *heap);
	for (size_t i = 0; i < nsrc && rc == 0; i++)
		if ((rc = mdb_cursor_open(t->txn, rdbi, &srcs[i].c)) == 0 &&
		    src_start(&srcs[i], pos, &skipped, &rc))
			heap[nheap++] = &srcs[i];
	for (size_t i = nheap / 2; i-- > 0; )
		heap_down(heap, nheap, i);
	/* Key by key, across the runs; a chunk ends between two keys. */
	while (rc == 0 && nheap > 0) {
		struct src *top = heap[0];
		struct rop op;
		bool post;

		if (ops >= MERGE_MAX_OPS || chunk_full(&ch) ||
		    (ch.rows % 1024 == 0 && sd_bulk_heap() > heap_lim))
			break;
		klen = top->op.tklen - 1;
		db = (enum sd_dbi)top->op.tk[0];
		if (db >= SD_DB_COUNT || !search_batch_defers(db)) {
			rc = MDB_CORRUPTED;
			break;
		}
		memcpy(key, top->op.tk + 1, klen);
		/* Every run's operation on this key, the newest last: it wins. */
		do {
			op = top->op;
			ops++;
			if (src_next(top, &rc))
				heap_down(heap, nheap, 0);
			else {
				heap[0] = heap[--nheap];
				heap_down(heap, nheap, 0);
			}
			if (rc != 0 || nheap == 0)
				break;
			top = heap[0];
		} while (top->op.tklen - 1 == klen && top->op.tk[0] == (uint8_t)db &&
		    memcmp(top->op.tk + 1, key, klen) == 0);
		if (rc != 0)
			break;
		/* op's value is in the run's page, which this chunk does not change. */
		post = db == SD_DB_SEARCH_POST;
		if (post) {
			const uint8_t *z = memchr(key, 0, klen);
			size_t n = z != NULL ? (size_t)(z - key) : klen;
			if (have_term && (n != tlen || memcmp(term, key, n) != 0)) {
				if (delta != 0 && (rc = search_df_add(dfc, term, tlen, delta)) != 0)
					break;
				have_term = false;
			}
			if (!have_term) {
				memcpy(term, key, n);
				tlen = n;
				delta = 0;
				have_term = true;
			}
			if (dfc == NULL &&
			    (rc = mdb_cursor_open(t->txn, t->st->dbi[SD_DB_SEARCH_DF], &dfc)) != 0)
				break;
		}
		if (tc[db] == NULL && (rc = target_open(t->txn, t->st->dbi[db], &tc[db])) != 0)
			break;
		{
			long d = 0;
			rc = apply_op(tc[db], key, klen, &op, post ? &d : NULL);
			if (post)
				delta += d;
		}
		moved = true;
		m->applied++;
	}
	if (rc == 0 && have_term && delta != 0)
		rc = search_df_add(dfc, term, tlen, delta);
	for (size_t i = 0; i < nsrc; i++)
		if (srcs[i].c != NULL)
			mdb_cursor_close(srcs[i].c);
	nsrc = 0;
	if (rc != 0)
		goto out;
	if (nheap == 0) {
		/*
		 * Every run is applied: the table goes at once (its pages freed,
		 * no work per key), with the position and the count of its
		 * operations, in this commit.
		 */
		MDB_val pk = { sizeof POS_KEY - 1, (void *)POS_KEY };
		MDB_val ok = { sizeof OPS_KEY - 1, (void *)OPS_KEY };
		if ((rc = mdb_drop(t->txn, rdbi, 0)) != 0)
			goto out;
		rc = mdb_del(t->txn, meta, &pk, NULL);
		if (rc == MDB_NOTFOUND)
			rc = 0;
		if (rc == 0 && (rc = mdb_del(t->txn, meta, &ok, NULL)) == MDB_NOTFOUND)
			rc = 0;
		if (rc != 0)
			goto out;
		m->empty = true;
		if (m->last != NULL)
			s = m->last(t, m->arg, err);
	} else if (moved || skipped > 0 || maxseq > pos->seen) {
		/* The last key applied: the next chunk starts every run after it. */
		if (moved) {
			pos->tk[0] = (uint8_t)db;
			memcpy(pos->tk + 1, key, klen);
			pos->len = klen + 1;
			pos->have = true;
		}
		pos->done += ops + skipped;
		if (pos->have) {
			pos->seen = maxseq;
			rc = pos_write(t->txn, meta, pos);
		}
	}
out:
	for (size_t i = 0; i < nsrc; i++)
		if (srcs[i].c != NULL)
			mdb_cursor_close(srcs[i].c);
	for (int i = 0; i < SD_DB_COUNT; i++)
		target_close(tc[i]);
	if (dfc != NULL)
		mdb_cursor_close(dfc);
	free(srcs);
	free(heap);
	free(pos);
	if (rc != 0)
		return sd_txn_error(t, rc, WHAT, err);
	return s;
}

sd_status
sd_runs_merge(struct sd_store *st, unsigned chunk_ms, size_t heap_max, sd_write_fn last,
    void *arg, struct sd_error *err)
{
	struct merge m = { .ms = chunk_ms ? chunk_ms : DEF_MERGE_MS, .last = last, .arg = arg,
	    .heap_max = heap_max ? heap_max : sd_bulk_heap() + ((size_t)128 << 20) };
	uint64_t chunks = 0;
	sd_status s;

	do {
		/* Not the first chunk of a job: not charged to the write rate. */
		if ((s = sd_chunk_write(st, false, merge_chunk, &m, err)) != SD_OK)
			return s;
		chunks++;
		if (sd_chunk_mapped_over((size_t)256 << 20))
			sd_chunk_shed(st->env);
	} while (!m.empty);
	sd_chunk_trace("runs: merged %llu operations in %llu chunks",
	    (unsigned long long)m.applied, (unsigned long long)chunks);
	return SD_OK;
}

/*
 * The operations left to merge, exactly: those after the position.  The
 * runs logged since the merge's last chunk are walked (they are small:
 * single edits' writes); the others are counted by the position's done.
 */
uint64_t
sd_runs_left(struct sd_txn *t)
{
	MDB_dbi rdbi = t->st->dbi[SD_DB_BULK_RUN];
	uint64_t n = sd_runs_pending(t), unseen = 0, after = 0;
	MDB_cursor *c = NULL;
	struct pos *p;
	MDB_val k, v;
	int rc;

	if (n == 0)
		return 0;
	p = sd_xcalloc(1, sizeof *p);
	if (pos_read(t->txn, t->st->dbi[SD_DB_META], t->st->dbi[SD_DB_BULK_RUN], p) != 0 || !p->have ||
	    mdb_cursor_open(t->txn, rdbi, &c) != 0)
		goto out;
	{
		uint8_t at[8];
		be64_put(at, p->seen + 1);
		k.mv_size = 8;
		k.mv_data = at;
		rc = mdb_cursor_get(c, &k, &v, MDB_SET_RANGE);
	}
	for (; rc == 0 && k.mv_size > 9; rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		struct rop o;
		int r;
		for (r = rop_first(&o, &k, &v); r == 1; r = rop_next(&o)) {
			unseen++;
			after += rop_cmp(&o, p->tk, p->len) > 0;
		}
		if (r < 0)
			break;
	}
	/* pending counts every unseen operation: those at or before the position go. */
	n = n >= unseen ? n - unseen + after : after;
out:
	if (c != NULL)
		mdb_cursor_close(c);
	free(p);
	return n;
}

bool
sd_runs_merging(struct sd_txn *t)
{
	struct pos p;

	return pos_read(t->txn, t->st->dbi[SD_DB_META], t->st->dbi[SD_DB_BULK_RUN], &p) != 0 || p.have;
}

sd_status
sd_runs_merge_some(struct sd_store *st, uint64_t n, bool *done, struct sd_error *err)
{
	struct merge m = { .ms = DEF_MERGE_MS, .heap_max = sd_bulk_heap() + ((size_t)128 << 20) };
	sd_status s = SD_OK;

	for (uint64_t i = 0; i < n && !m.empty; i++)
		if ((s = sd_chunk_write(st, false, merge_chunk, &m, err)) != SD_OK)
			break;
	*done = m.empty;
	return s;
}

sd_status
sd_runs_finish(struct sd_store *st, struct sd_error *err)
{
	struct sd_txn t;
	uint64_t n;
	sd_status s;

	if ((s = sd_txn_begin(st, false, &t, err)) != SD_OK)
		return s;
	n = sd_runs_pending(&t);
	sd_txn_abort(&t);
	return n > 0 ? sd_runs_merge(st, 0, 0, NULL, NULL, err) : SD_OK;
}
