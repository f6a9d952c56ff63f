/*
 * Chunks of a long job (check, check --repair, reindex): each chunk is one
 * transaction that stops after about CHUNK_MS of work, so that a job on a
 * register of any size holds the writer (and the dirty pages of one
 * transaction) only that long; between two chunks others write.
 *
 * Two environment variables make chunks small for the tests (and a user
 * may set them; they only make a job slower), also the chunks of an
 * import (bulk.c):
 *	SEDESK_CHUNK_ROWS=N	at most N records (or index entries) a chunk
 *	SEDESK_CHUNK_PAUSE_MS=N	a pause of N ms between two writer chunks,
 *				without the writer (to kill a job halfway)
 * One sets how long a chunk works before it commits, for measurements
 * under valgrind (its clock runs tens of times slower than the program's,
 * so chunks end after far fewer rows than natively):
 *	SEDESK_CHUNK_MS=N	a chunk's (and an import's chunk's) time, ms
 * and one makes a job say what it does, on stderr (the benchmark reads it):
 *	SEDESK_CHUNK_TRACE=1	"chunk: writer held N ms" after each writer
 *				chunk, and the steps of a job with their time
 *				and resident memory
 */
#ifndef SEDESK_CHUNK_H
#define SEDESK_CHUNK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* A chunk that holds the writer: a fifth of a second of work, then the commit. */
#define CHUNK_MS	200

struct sd_chunk {
	int64_t	until;
	size_t	rows;
	size_t	max_rows;
};

/* Starts a chunk of at most ms milliseconds of work (and SEDESK_CHUNK_ROWS rows). */
void	sd_chunk_start(struct sd_chunk *ch, unsigned ms);
/* SEDESK_CHUNK_MS, or ms when it is not set. */
unsigned sd_chunk_ms(unsigned ms);
/* SEDESK_CHUNK_ROWS, or SIZE_MAX when it is not set. */
size_t	sd_chunk_env_rows(void);
/* Sleeps SEDESK_CHUNK_PAUSE_MS between two chunks (when it is set). */
void	sd_chunk_pause(void);
/*
 * Before each row: true when the chunk is full and must commit without
 * it; else counts the row.  A chunk takes at least one row.
 */
bool	sd_chunk_full(struct sd_chunk *ch);

/*
 * One chunk of a job through sd_store_write: only the first chunk of a
 * job counts against the caller's write rate (the job is one request),
 * and the writer is released between chunks (sd_store_yield lets a
 * waiting writer go first; SEDESK_CHUNK_PAUSE_MS pauses).
 */
sd_status sd_chunk_write(struct sd_store *st, bool first, sd_write_fn action, void *arg,
    struct sd_error *err);

/*
 * Gives back the pages of the environment's map that this process has
 * touched: they stay in the page cache, but no longer count as the
 * process's resident memory.  Reading a large database whole (a check)
 * would otherwise show it all as resident.  Only for a map opened
 * without MDB_WRITEMAP (sedesk's), where the map is read-only.
 */
void	sd_chunk_shed(MDB_env *env);

/*
 * Whether more than bytes of this process's resident memory are file
 * pages (mostly LMDB's maps): a cheap read of /proc/self/statm, so that a
 * job can ask often and shed only when it is over.  Reading a page of the
 * map brings its neighbours too (the kernel's fault-around, 64 KiB), so
 * how much a record touches cannot be told from the record.
 */
bool	sd_chunk_mapped_over(size_t bytes);
/* This process's resident bytes backed by files (the maps) and the others (0, 0 if unknown). */
void	sd_chunk_memory(size_t *file, size_t *anon);

/* A step of a job, with SEDESK_CHUNK_TRACE only (not translated: for developers). */
void	sd_chunk_trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
