/*
 * The one bulk write path of the core: a job that writes many rows (an
 * import, a load) in chunks, each chunk one write transaction, resumable
 * after a crash.
 *
 * Why chunks: LMDB keeps a write transaction's dirty pages in the
 * process's memory and holds the writer for the transaction's whole life.
 * One transaction for a whole file grows with the file and makes every
 * other user wait until it ends.  A chunk commits when it has held the
 * writer for about a second (chunk_ms) or has its rows: steered by the
 * heap so that LMDB's dirty pages (malloc'd, and kept for the next
 * transaction) stay near max_heap (bulk.c says how), never more than
 * max_rows.  So memory stays flat whatever the input's size, and another
 * user's write waits at most a chunk.
 *
 * Why resumable: each chunk stores the job's position (the caller's row
 * number, a byte offset and the job's counters) in the meta table under
 * "bulk:" + the job's name, in the SAME commit as the chunk's rows.  A
 * crash (kill -9, a full disk) loses at most the uncommitted chunk; a
 * rerun of the same job (same name) starts after the last committed row,
 * so nothing is lost or doubled.  The record is removed in the commit of
 * the last chunk (sd_bulk_finish).  A job is named by its caller, e.g.
 * "enterprise-import:" + the file's identity (sd_bulk_file_identity: size,
 * mtime, a hash of its first bytes), so a rerun of the same file resumes
 * and another file does not.
 *
 * Between chunks the writer lock (writelock.h) is released and a waiting
 * writer of another process goes first (sd_store_yield); readers are
 * never held up (LMDB).
 *
 * The write rate (ratelimit.c): a job counts as ONE write of its caller,
 * checked before it starts (sd_bulk_begin refuses a caller over the limit
 * without waiting for the writer) and charged in its first chunk.  Its
 * chunks are not charged: a job must never be refused halfway by the
 * rate of its own chunks (the limit is there against a user's flood of
 * separate changes; a bulk job is one decision, already permitted by
 * sd_permit and its command).
 *
 * Rows are applied by a callback (sd_write_fn) inside the chunk's write
 * transaction, with NO nested transaction per row (a nested commit merges
 * the whole chunk's dirty list: quadratic in the chunk).  The contract of
 * the row function is therefore:
 *   - SD_INVALID means "this row is refused" and the function wrote
 *     NOTHING (check first, then write: ent_add_in_txn and case_new_in_txn
 *     do so).  The job goes on; the caller reports the row.
 *   - any other failure aborts the open chunk (earlier chunks stay
 *     committed) and is returned; the job can be rerun and resumes.
 *   - the function writes the record, its indexes and search terms once
 *     (no replay of workflow actions), with the index functions the
 *     actions use (ent_index, case_index, route_index, search_index_*).
 *     Writes to the indexes no row function reads (the search postings,
 *     the enterprise indexes by word, tag, name, …) are kept and written
 *     sorted when the chunk commits (search_batch.c): a row function must
 *     not read them back in the same chunk.  So are the report counts
 *     (SD_DB_REPORT_AGG, SD_DB_REPORT_MONTH: per day, department and
 *     category, and per month), which every case and route index call
 *     changes: their differences are summed per key in memory and each
 *     key is read and written once, in key order, before the chunk
 *     commits (report_agg_batch.c).  Nothing in a chunk reads those
 *     counts back (the index functions read the facts tables, written at
 *     once); a row function must not either.  Actions write them at once.
 *
 * A full map: before each chunk the map is grown so that it has room
 * (room bytes free, default 256 MiB); a chunk that still fills it fails
 * with SD_FAIL and sd_bulk_retry() true: the map has been grown, the
 * committed prefix stays, and the caller may start the job again (it
 * resumes after the last committed row).
 *
 * Typical use (a reader that hands rows on one by one):
 *	struct sd_bulk b;
 *	sd_bulk_begin(&b, d->store, "enterprise-import:…", NULL, &err);
 *	for each row n (1, 2, …) read:
 *		if (n <= b.resume.row) continue;	(committed by an earlier run)
 *		s = sd_bulk_row(&b, add_fn, &row, n, offset_after_row, &err);
 *		SD_INVALID: report the row, go on; other failure: sd_bulk_abort, stop
 *	sd_bulk_finish(&b, &err);		(commits the rest, removes the job)
 * b.pos.count[] are the caller's counters (imported, rejected, …): they are
 * stored with the position, so a resumed job reports the whole job's
 * totals.  Change them inside fn (it runs before the chunk may commit, and
 * an undone chunk puts them back with the position); a row the caller
 * refuses without fn (a reader's refusal) may change them between rows.
 */
#ifndef SEDESK_CORE_BULK_H
#define SEDESK_CORE_BULK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "store.h"

/* The name's maximum length (the meta key is "bulk:" + name). */
#define SD_BULK_NAME_MAX	200
/* Counters a job carries across chunks and runs; their meaning is the caller's. */
#define SD_BULK_COUNTERS	8

/* Where a job is: what its last committed chunk (or the open one) reached. */
struct sd_bulk_pos {
	uint64_t	row;		/* the caller's last row applied or refused */
	uint64_t	offset;		/* the caller's byte offset after that row */
	uint64_t	count[SD_BULK_COUNTERS];
};

/* Limits of a chunk; 0 in a field: the default. */
struct sd_bulk_limits {
	unsigned	chunk_ms;	/* writer held at most about this long (default 750) */
	size_t		max_rows;	/* rows in one chunk at most (default 20000) */
	size_t		max_heap;	/* LMDB's kept pages: about this much (128 MiB;
					   $SEDESK_BULK_MEMORY MiB over either) */
	size_t		room;		/* free map wanted before each chunk (256 MiB) */
	/*
	 * A dry run of the job: the same rows and chunks, each chunk a read
	 * transaction (no writer lock, no write rate, no job record), never
	 * committed.  The row function must only read (it is told so by its
	 * caller); its counts add up as in a real run.
	 */
	bool		dry;
};

struct sd_bulk {
	struct sd_store		*st;
	char			 name[SD_BULK_NAME_MAX + 1];
	struct sd_bulk_limits	 lim;
	/* The position committed before this run began (all 0: a new job). */
	struct sd_bulk_pos	 resume;
	bool			 resumed;
	/* Done and kept by an earlier run (sd_bulk_finish_keep): resume holds its counts. */
	bool			 done;
	time_t			 done_at;
	/* The position now, committed or not; count[] is the caller's to change. */
	struct sd_bulk_pos	 pos;
	/* The position the last commit stored. */
	struct sd_bulk_pos	 committed;
	/* Statistics of this run (for tests and the bench). */
	uint64_t		 chunks;	/* chunks committed */
	uint64_t		 max_chunk_rows;
	/* Internal. */
	struct sd_txn		 txn;		/* the open chunk (txn.txn NULL: none) */
	struct search_batch	*sb;		/* its kept index writes (search_batch.c) */
	struct agg_batch	*agg;		/* its report counts' sums (report_agg_batch.c) */
	double			 flush_ns;	/* writing one of them took (the last chunk) */
	bool			 charged;	/* the job's one write counted */
	bool			 to_runs;	/* this chunk's index writes go to a run (bulk_run.c) */
	bool			 retry;		/* the map was grown: run the job again */
	struct timespec		 chunk_start;
	size_t			 chunk_rows;
	size_t			 heap_start;
	size_t			 heap_base;	/* at sd_bulk_begin, moved by the caller's own */
	size_t			 heap_closed;	/* after the last commit (or at sd_bulk_begin) */
	size_t			 rows_cap;	/* this chunk's rows (steered, bulk.c) */
};

/*
 * Starts (or resumes) job name on store st: reads its record (b->resume,
 * b->resumed; b->pos starts there) in a read transaction and checks the
 * caller's write rate.  Takes no lock yet: the first sd_bulk_row does.
 * lim may be NULL (defaults).
 */
sd_status sd_bulk_begin(struct sd_bulk *b, struct sd_store *st, const char *name,
    const struct sd_bulk_limits *lim, struct sd_error *err);

/*
 * Applies one row: fn(t, arg, err) in the open chunk (opened first when
 * none is: writer lock, map room, transaction), then b->pos.row = row and
 * b->pos.offset = offset.  When the chunk is full (time, rows or heap)
 * it commits with the position and the lock is released until the next
 * row.  SD_INVALID from fn: the row is refused (fn wrote nothing), the
 * position still moves past it and the chunk stays open; the caller
 * reports it (a rerun reports again only the refusals of the chunk that
 * was not committed).  Any other failure: the open chunk is undone
 * (sd_bulk_abort) and the failure returned.
 */
sd_status sd_bulk_row(struct sd_bulk *b, sd_write_fn fn, void *arg, uint64_t row,
    uint64_t offset, struct sd_error *err);

/* Commits the open chunk now, if any (with the position), and releases the writer. */
sd_status sd_bulk_commit(struct sd_bulk *b, struct sd_error *err);

/*
 * The job is done: commits the open chunk and removes the job's record
 * in the same commit (a job with nothing open still removes it).
 */
sd_status sd_bulk_finish(struct sd_bulk *b, struct sd_error *err);

/*
 * The same, but the job's record stays, marked done with the time and
 * the counts: a later sd_bulk_begin of the same name finds b->done (the
 * caller then writes nothing and says the job was done).  For jobs that
 * must not run twice (a file's rows without a key that would refuse
 * them the second time).
 */
sd_status sd_bulk_finish_keep(struct sd_bulk *b, struct sd_error *err);

/*
 * Undoes the open chunk, if any, and releases the writer; the job's
 * record stays as last committed, for a rerun.  Safe to call twice.
 */
void	sd_bulk_abort(struct sd_bulk *b);

/* After a failure: true when the map was full and has grown; run the job again. */
bool	sd_bulk_retry(const struct sd_bulk *b);

/*
 * Removes job name's record without running it (a caller that decided
 * to start over, or `--restart`).
 */
sd_status sd_bulk_forget(struct sd_store *st, const char *name, struct sd_error *err);

/*
 * A file's identity for a job's name: "SIZE-MTIME-HASH" (hash: FNV-1a of
 * the first 64 KiB) into out.  f is read from its start and left at its
 * start.  SD_INVALID when f is not a regular file (a pipe cannot be read
 * again, so its job cannot resume).
 */
sd_status sd_bulk_file_identity(FILE *f, char *out, size_t outlen, struct sd_error *err);

/*
 * True when a merge of the runs is under way in t (its position is
 * stored: bulk_run.c): a bulk chunk must not append a run then, since the
 * merge has passed keys that run could hold; it finishes the merge first.
 */
bool	sd_runs_merging(struct sd_txn *t);

/*
 * At most n chunks of the runs' merge, as sd_runs_merge without a job's
 * end; *done: the run table was emptied.  A merge stopped there is one
 * killed between two chunks (the tests).
 */
sd_status sd_runs_merge_some(struct sd_store *st, uint64_t n, bool *done,
    struct sd_error *err);

/* The heap in use (mallinfo2; 0 where it cannot be told): bulk chunks and the merge steer by it. */
size_t	sd_bulk_heap(void);

#endif
