/*
 * The bulk write path: chunked, resumable jobs (bulk.h says why and how).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "bulk.h"
#include "chunk.h"
#include "internal.h"
#include "report_agg.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

#define DEF_CHUNK_MS	750
/*
 * Rows: LMDB keeps a chunk's dirty pages in memory and, committed, keeps
 * them for the next chunk (its list of free dirty pages never shrinks):
 * the process's memory is the largest chunk's pages.  How many pages a
 * row dirties depends on the rows and on the database (a row of the
 * register dirties 25-30 pages once the database is large, its keys
 * landing on different pages; a case of a history far fewer, its keys
 * mostly in sequence).  So the rows of a chunk are steered by what the
 * heap shows (mallinfo2): from START_ROWS, while the heap is below the
 * job's start plus max_heap, they grow by as many times as that budget
 * holds what the job uses (2 to GROW_MAX: steer); after that they stay, and shrink
 * by a third whenever a chunk needed new pages beyond those kept.  The
 * kept pages so stay near max_heap whatever the input's size.  Without
 * mallinfo2 (another libc, a sanitizer) the heap reads 0: the rows grow
 * to max_rows and time bounds the chunk.
 */
#define START_ROWS	64
#define GROW_MAX	64	/* a chunk has at most this many times its predecessor's rows */
#define MIN_ROWS	16
#define DEF_MAX_ROWS	20000
/*
 * The kept pages' size: memory against speed.  A chunk writes every page it
 * dirtied, and the fewer rows share a page, the more a row costs (an index
 * of the register's 100,000 enterprises spreads a chunk's keys over
 * thousands of pages): 128 MiB wrote 100,000 rows several times faster
 * than 32.  $SEDESK_BULK_MEMORY (MiB, 4 to 1024) sets it for a run.
 */
#define DEF_MAX_HEAP	((size_t)128 << 20)
#define DEF_ROOM	((size_t)256 << 20)
/* The heap is looked at every so many rows: mallinfo2 walks the arenas. */
/* Heap a chunk may take beyond LMDB's kept pages (the reader's buffers, …). */
#define HEAP_SLACK	((size_t)256 << 10)
/* A chunk's kept index writes (search_batch.c) are written when they pass this. */
#define BATCH_MAX	((size_t)16 << 20)

#define REC_VERSION	1
/*
 * A job done and kept (sd_bulk_finish_keep): the same layout, its offset
 * the time it was completed.
 */
#define REC_DONE	2
#define REC_LEN		(8 + 8 * (2 + SD_BULK_COUNTERS))

size_t
sd_bulk_heap(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
	struct mallinfo2 mi = mallinfo2();

	return mi.uordblks + mi.hblkhd;
#else
	return 0;
#endif
}

static size_t
job_key(const struct sd_bulk *b, char *out, size_t outlen)
{
	int n = snprintf(out, outlen, "bulk:%s", b->name);

	return n < 0 ? 0 : (size_t)n < outlen ? (size_t)n : outlen - 1;
}

static void
pos_encode(const struct sd_bulk_pos *p, uint32_t ver, unsigned char out[REC_LEN])
{
	uint32_t n = SD_BULK_COUNTERS;
	uint64_t v[2 + SD_BULK_COUNTERS];

	v[0] = p->row;
	v[1] = p->offset;
	for (int i = 0; i < SD_BULK_COUNTERS; i++)
		v[2 + i] = p->count[i];
	memcpy(out, &ver, 4);
	memcpy(out + 4, &n, 4);
	memcpy(out + 8, v, sizeof v);
}

static bool
pos_decode(const MDB_val *val, struct sd_bulk_pos *p, bool *done)
{
	uint32_t ver, n;
	uint64_t v[2 + SD_BULK_COUNTERS];

	if (val->mv_size != REC_LEN)
		return false;
	memcpy(&ver, val->mv_data, 4);
	memcpy(&n, (const char *)val->mv_data + 4, 4);
	if ((ver != REC_VERSION && ver != REC_DONE) || n != SD_BULK_COUNTERS)
		return false;
	*done = ver == REC_DONE;
	memcpy(v, (const char *)val->mv_data + 8, sizeof v);
	p->row = v[0];
	p->offset = v[1];
	for (int i = 0; i < SD_BULK_COUNTERS; i++)
		p->count[i] = v[2 + i];
	return true;
}

static size_t
heap_now(void)
{
	return sd_bulk_heap();
}

sd_status
sd_bulk_begin(struct sd_bulk *b, struct sd_store *st, const char *name,
    const struct sd_bulk_limits *lim, struct sd_error *err)
{
	char key[SD_BULK_NAME_MAX + 8];
	struct sd_txn t;
	MDB_val v;
	sd_status s;

	memset(b, 0, sizeof *b);
	b->st = st;
	if (strlen(name) > SD_BULK_NAME_MAX)
		return sd_fail(err, SD_FAIL, "bulk job name too long");
	strcpy(b->name, name);
	if (lim != NULL)
		b->lim = *lim;
	b->lim.chunk_ms = sd_chunk_ms(b->lim.chunk_ms != 0 ? b->lim.chunk_ms : DEF_CHUNK_MS);
	if (b->lim.max_rows == 0)
		b->lim.max_rows = DEF_MAX_ROWS;
	if (b->lim.max_rows > sd_chunk_env_rows())
		b->lim.max_rows = sd_chunk_env_rows();
	/* $SEDESK_BULK_MEMORY sets it for a run, over the job's own. */
	{
		const char *m = getenv("SEDESK_BULK_MEMORY");
		long mib = m != NULL ? strtol(m, NULL, 10) : 0;
		if (mib >= 4 && mib <= 1024)
			b->lim.max_heap = (size_t)mib << 20;
		else if (b->lim.max_heap == 0)
			b->lim.max_heap = DEF_MAX_HEAP;
	}
	if (b->lim.room == 0)
		b->lim.room = DEF_ROOM;
	/* A dry run reads only: no write rate, and nothing to resume. */
	if (b->lim.dry) {
		b->heap_base = heap_now();
		b->rows_cap = START_ROWS < b->lim.max_rows ? START_ROWS : b->lim.max_rows;
		return SD_OK;
	}
	/* A caller over the write rate is refused before anything starts. */
	if ((s = sd_store_rate_precheck(st, err)) != SD_OK)
		return s;
	if ((s = sd_txn_begin(st, false, &t, err)) != SD_OK)
		return s;
	s = sd_db_get(&t, SD_DB_META, key, job_key(b, key, sizeof key), &v, _("bulk job"), err);
	if (s == SD_OK) {
		/* A record this build cannot read starts the job over. */
		b->resumed = pos_decode(&v, &b->resume, &b->done);
		if (!b->resumed)
			memset(&b->resume, 0, sizeof b->resume);
		/* Done and kept: the caller says so and writes nothing. */
		if (b->done) {
			b->done_at = (time_t)b->resume.offset;
			b->resumed = false;
		}
	}
	sd_txn_abort(&t);
	if (s != SD_OK && s != SD_NOTFOUND)
		return s;
	b->pos = b->committed = b->resume;
	b->heap_base = heap_now();
	b->heap_closed = b->heap_base;
	b->rows_cap = START_ROWS < b->lim.max_rows ? START_ROWS : b->lim.max_rows;
	return SD_OK;
}

/* Grows the map, with no transaction of ours open, until room bytes are free. */
static void
make_room(struct sd_bulk *b)
{
	struct sd_store *st = b->st;
	MDB_envinfo info;
	MDB_stat ms;
	size_t used, want;

	if (mdb_env_info(st->env, &info) != 0 || mdb_env_stat(st->env, &ms) != 0)
		return;
	if (info.me_mapsize > st->mapsize)
		st->mapsize = info.me_mapsize;	/* another process grew it */
	used = (size_t)(info.me_last_pgno + 1) * ms.ms_psize;
	want = st->mapsize;
	while (want - used < b->lim.room && want < st->map_limit)
		want = want * 2 > st->map_limit ? st->map_limit : want * 2;
	if (want != info.me_mapsize && mdb_env_set_mapsize(st->env, want) == 0)
		st->mapsize = want;
}

static sd_status
open_chunk(struct sd_bulk *b, struct sd_error *err)
{
	struct sd_store *st = b->st;
	sd_status s;

	if (b->lim.dry) {
		if ((s = sd_txn_begin(st, false, &b->txn, err)) != SD_OK)
			return s;
		clock_gettime(CLOCK_MONOTONIC, &b->chunk_start);
		b->chunk_rows = 0;
		b->heap_start = heap_now();
		return SD_OK;
	}
again:
	if (st->wlock.path != NULL &&
	    (s = sd_writelock_take(&st->wlock, st->lock_timeout_ms, st->who, err)) != SD_OK)
		return s;
	/*
	 * What the heap did between two chunks is the caller's (a KBO load
	 * gathers its next partition's tables there, 160 MiB at 1.9M): the
	 * rows are steered by the bulk path's own memory, so the base moves
	 * with it.  Without this a caller's tables kept every chunk at a
	 * few dozen rows, each a commit of its own.
	 */
	{
		size_t h = heap_now();
		if (h >= b->heap_closed)
			b->heap_base += h - b->heap_closed;
		else
			b->heap_base -= b->heap_base > b->heap_closed - h ?
			    b->heap_closed - h : b->heap_base;
	}
	make_room(b);
	st->map_full = false;
	if ((s = sd_txn_begin(st, true, &b->txn, err)) != SD_OK)
		goto fail;
	/*
	 * Another job's merge under way (it stopped, or runs between its
	 * chunks): this chunk's run could hold keys the merge has passed
	 * (bulk_run.c), so the merge is finished first, here.
	 */
	if (st->runlog != NULL && sd_runs_merging(&b->txn)) {
		sd_txn_abort(&b->txn);
		sd_writelock_release(&st->wlock);
		if ((s = sd_runs_finish(st, err)) != SD_OK)
			return s;
		goto again;
	}
	/*
	 * From the job's second chunk on, or while runs are pending (the
	 * store logs then: store.c), the chunk's index writes are appended
	 * as a run and merged when the job ends (bulk_run.c says why).  The
	 * first chunk's too, once it is known that the job goes on past it
	 * (close_chunk; flush_kept): written directly, its keys would lie
	 * between the merge's, which could then not append them.  A job of
	 * one chunk writes them at once.
	 */
	b->to_runs = b->chunks > 0 || b->resumed || st->runlog != NULL;
	search_batch_free(st->runlog);
	st->runlog = NULL;
	/* The job's one write, in its first chunk: undone with it if that fails. */
	if (!b->charged && (s = sd_store_rate_charge(&b->txn, err)) != SD_OK)
		goto fail;
	/*
	 * The chunk's index writes are kept and written sorted when it
	 * commits (search_batch.c); the batch's memory is kept from chunk
	 * to chunk, so that the heap the rows are steered by counts it.
	 */
	if (b->sb == NULL)
		b->sb = search_batch_new();
	search_batch_undo(b->sb, 0);
	b->st->sb = b->sb;
	/* And its report counts' differences, summed per key (report_agg_batch.c). */
	if (b->agg == NULL)
		b->agg = agg_batch_new();
	agg_batch_clear(b->agg);
	b->st->agg = b->agg;
	clock_gettime(CLOCK_MONOTONIC, &b->chunk_start);
	b->chunk_rows = 0;
	b->heap_start = heap_now();
	return SD_OK;
fail:
	b->st->sb = NULL;
	b->st->agg = NULL;
	sd_txn_abort(&b->txn);
	sd_writelock_release(&st->wlock);
	return s;
}

static long
elapsed_ms(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

static bool
chunk_full(struct sd_bulk *b)
{
	long ms;

	if (b->chunk_rows >= b->rows_cap)
		return true;
	/* The time the kept index writes will take at the commit counts too. */
	ms = elapsed_ms(&b->chunk_start) +
	    (long)(b->flush_ns * (double)search_batch_mark(b->sb) / 1e6);
	if (ms >= (long)b->lim.chunk_ms)
		return true;
	return false;
}

/* The next chunk's rows, from what this one did to the heap (see START_ROWS). */
static void
steer(struct sd_bulk *b)
{
	size_t h = heap_now();

	if (h < b->heap_base + b->lim.max_heap) {
		/*
		 * Below the budget: as many times the rows as the budget holds
		 * what the job uses now (2 to 64 times).  A chunk's pages are
		 * about its rows times a row's, so the next stays within it;
		 * each commit saved is a sync, a rewrite of the pages the
		 * chunks share and a write of the report counts they share.
		 */
		size_t used = h > b->heap_base ? h - b->heap_base : 0;
		size_t grow = used > 0 ? b->lim.max_heap / used : GROW_MAX;

		grow = grow < 2 ? 2 : grow > GROW_MAX ? GROW_MAX : grow;
		if (b->chunk_rows >= b->rows_cap)
			b->rows_cap = b->rows_cap * grow < b->lim.max_rows ? b->rows_cap * grow :
			    b->lim.max_rows;
	} else if (h > b->heap_start + HEAP_SLACK) {
		b->rows_cap = b->rows_cap * 2 / 3 > MIN_ROWS ? b->rows_cap * 2 / 3 : MIN_ROWS;
	}
}

/*
 * The kept index writes: into their tables, or appended as a run.  last:
 * the job ends with this chunk (sd_bulk_finish); else it goes on, and a
 * first chunk's writes go to a run as well.
 */
static sd_status
flush_kept(struct sd_bulk *b, bool last, struct sd_error *err)
{
	if (!last)
		b->to_runs = true;
	return b->to_runs ? search_batch_run(&b->txn, b->sb, err) :
	    search_batch_flush(&b->txn, b->sb, err);
}

/* The job's record in t: its position, or done (removed, or kept as done). */
static sd_status
record_write(struct sd_bulk *b, struct sd_txn *t, bool done, bool keep, struct sd_error *err)
{
	char key[SD_BULK_NAME_MAX + 8];
	unsigned char rec[REC_LEN];
	size_t klen = job_key(b, key, sizeof key);

	if (done && keep) {
		struct sd_bulk_pos p = b->pos;
		p.offset = (uint64_t)time(NULL);
		pos_encode(&p, REC_DONE, rec);
		return sd_db_put(t, SD_DB_META, key, klen, rec, sizeof rec, _("bulk job"), err);
	}
	if (done)
		return sd_db_del(t, SD_DB_META, key, klen, _("bulk job"), err);
	pos_encode(&b->pos, REC_VERSION, rec);
	return sd_db_put(t, SD_DB_META, key, klen, rec, sizeof rec, _("bulk job"), err);
}

/* Commits the open chunk with the position (or, done, without the job's record). */
static sd_status
close_chunk(struct sd_bulk *b, bool done, bool keep, struct sd_error *err)
{
	sd_status s = SD_OK;

	/* A dry run's chunk wrote nothing: it ends as it began. */
	if (b->lim.dry) {
		sd_txn_abort(&b->txn);
		b->committed = b->pos;
		steer(b);
		b->chunks++;
		if (b->chunk_rows > b->max_chunk_rows)
			b->max_chunk_rows = b->chunk_rows;
		return SD_OK;
	}

	if (b->st->sb != NULL) {
		sd_chunk_trace("bulk: %zu rows in %ld ms, then the postings", b->chunk_rows,
		    elapsed_ms(&b->chunk_start));
		size_t n = search_batch_mark(b->sb);
		struct timespec t0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		s = agg_batch_flush(&b->txn, b->agg, err);
		b->st->agg = NULL;
		if (s == SD_OK)
			s = flush_kept(b, done, err);
		b->st->sb = NULL;
		if (n >= 1000)
			b->flush_ns = (double)elapsed_ms(&t0) * 1e6 / (double)n;
	}
	if (s == SD_OK)
		s = record_write(b, &b->txn, done, keep, err);
	if (s != SD_OK) {
		/* The chunk's postings may fill the map: grown, the job can run again. */
		bool full = b->st->map_full;
		sd_bulk_abort(b);
		b->st->map_full = full;
		b->retry = sd_store_batch_grow(b->st);
		return s;
	}
	sd_chunk_trace("bulk: before commit at %ld ms", elapsed_ms(&b->chunk_start));
	s = sd_txn_commit(&b->txn, err);
	sd_chunk_trace("bulk: committed at %ld ms", elapsed_ms(&b->chunk_start));
	sd_writelock_release(&b->st->wlock);
	if (s != SD_OK)
		return s;
	b->charged = true;
	b->committed = b->pos;
	steer(b);
	b->heap_closed = heap_now();
	b->chunks++;
	if (b->chunk_rows > b->max_chunk_rows)
		b->max_chunk_rows = b->chunk_rows;
	/* A writer of another process that waits goes first. */
	if (!done) {
		sd_chunk_pause();
		sd_store_yield(b->st);
	}
	return SD_OK;
}

sd_status
sd_bulk_row(struct sd_bulk *b, sd_write_fn fn, void *arg, uint64_t row, uint64_t offset,
    struct sd_error *err)
{
	sd_status s, rs;
	size_t mark;

	if (b->txn.txn == NULL && (s = open_chunk(b, err)) != SD_OK)
		return s;
	mark = search_batch_mark(b->st->sb);
	agg_batch_row(b->st->agg);
	rs = fn(&b->txn, arg, err);
	/* A refused row wrote nothing: nor does it leave postings or counts behind. */
	if (rs == SD_INVALID) {
		search_batch_undo(b->st->sb, mark);
		agg_batch_undo(b->st->agg);
	}
	/*
	 * Kept writes past BATCH_MAX are written now, in the open chunk: the
	 * heap stays bounded when a row has many (a KBO enterprise with its
	 * activities' words) or the chunk many rows.
	 */
	if ((rs == SD_OK || rs == SD_INVALID) && search_batch_bytes(b->st->sb) > BATCH_MAX &&
	    (s = flush_kept(b, false, err)) != SD_OK)
		rs = s;
	if ((rs == SD_OK || rs == SD_INVALID) && agg_batch_bytes(b->st->agg) > BATCH_MAX &&
	    (s = agg_batch_flush(&b->txn, b->st->agg, err)) != SD_OK)
		rs = s;
	if (rs != SD_OK && rs != SD_INVALID) {
		bool full = b->st->map_full;
		sd_bulk_abort(b);
		b->st->map_full = full;
		b->retry = sd_store_batch_grow(b->st);
		return rs;
	}
	b->pos.row = row;
	b->pos.offset = offset;
	b->chunk_rows++;
	if (chunk_full(b) && (s = close_chunk(b, false, false, err)) != SD_OK)
		return s;
	return rs;
}

sd_status
sd_bulk_commit(struct sd_bulk *b, struct sd_error *err)
{
	if (b->txn.txn == NULL)
		return SD_OK;
	return close_chunk(b, false, false, err);
}

struct job_end {
	struct sd_bulk	*b;
	bool		 keep;
};

/* In the merge's commit that empties the run table: the job is done. */
static sd_status
job_end(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct job_end *je = arg;

	return record_write(je->b, t, true, je->keep, err);
}

static sd_status
finish(struct sd_bulk *b, bool keep, struct sd_error *err)
{
	struct job_end je = { b, keep };
	sd_status s;

	if (b->txn.txn == NULL) {
		/* Nothing open: a record to remove only when one was written. */
		if (b->lim.dry || (!keep && !b->resumed && b->chunks == 0)) {
			search_batch_free(b->sb);
			b->sb = NULL;
			agg_batch_free(b->agg);
			b->agg = NULL;
			return SD_OK;
		}
		if ((s = open_chunk(b, err)) != SD_OK)
			return s;
	}
	/*
	 * With runs, the last chunk stores the position like any other and
	 * the merge removes the record when it has emptied the run table: a
	 * crash in between leaves the job to finish (bulk_run.c).
	 */
	if (b->to_runs) {
		s = close_chunk(b, false, false, err);
		/* The kept writes' memory is the merge's now. */
		search_batch_free(b->sb);
		b->sb = NULL;
		agg_batch_free(b->agg);
		b->agg = NULL;
		if (s == SD_OK)
			s = sd_runs_merge(b->st, b->lim.chunk_ms, b->heap_base + b->lim.max_heap,
			    job_end, &je, err);
	} else {
		s = close_chunk(b, true, keep, err);
	}
	search_batch_free(b->sb);
	b->sb = NULL;
	agg_batch_free(b->agg);
	b->agg = NULL;
	return s;
}

sd_status
sd_bulk_finish(struct sd_bulk *b, struct sd_error *err)
{
	return finish(b, false, err);
}

sd_status
sd_bulk_finish_keep(struct sd_bulk *b, struct sd_error *err)
{
	return finish(b, true, err);
}

void
sd_bulk_abort(struct sd_bulk *b)
{
	if (b->st != NULL && b->st->sb == b->sb)
		b->st->sb = NULL;
	search_batch_free(b->sb);
	b->sb = NULL;
	if (b->st != NULL && b->st->agg == b->agg)
		b->st->agg = NULL;
	agg_batch_free(b->agg);
	b->agg = NULL;
	if (b->txn.txn != NULL) {
		sd_txn_abort(&b->txn);
		if (!b->lim.dry)
			sd_writelock_release(&b->st->wlock);
	}
	b->pos = b->committed;
}

bool
sd_bulk_retry(const struct sd_bulk *b)
{
	return b->retry;
}

static sd_status
forget(struct sd_txn *t, void *arg, struct sd_error *err)
{
	const char *key = arg;

	return sd_db_del(t, SD_DB_META, key, strlen(key), _("bulk job"), err);
}

sd_status
sd_bulk_forget(struct sd_store *st, const char *name, struct sd_error *err)
{
	char key[SD_BULK_NAME_MAX + 8];

	snprintf(key, sizeof key, "bulk:%s", name);
	return sd_store_write(st, forget, key, err);
}

sd_status
sd_bulk_file_identity(FILE *f, char *out, size_t outlen, struct sd_error *err)
{
	unsigned char buf[8192];
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t total = 0, n;
	struct stat sb;

	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode))
		return sd_fail(err, SD_INVALID, _("not a regular file"));
	if (fseeko(f, 0, SEEK_SET) != 0)
		return sd_fail(err, SD_FAIL, "%s", strerror(errno));
	while (total < (64 << 10) && (n = fread(buf, 1, sizeof buf, f)) > 0) {
		for (size_t i = 0; i < n; i++) {
			h ^= buf[i];
			h *= 0x100000001b3ULL;
		}
		total += n;
	}
	if (ferror(f) || fseeko(f, 0, SEEK_SET) != 0)
		return sd_fail(err, SD_FAIL, "%s", strerror(errno));
	clearerr(f);
	snprintf(out, outlen, "%jd-%jd.%09ld-%016" PRIx64, (intmax_t)sb.st_size,
	    (intmax_t)sb.st_mtim.tv_sec, (long)sb.st_mtim.tv_nsec, h);
	return SD_OK;
}
