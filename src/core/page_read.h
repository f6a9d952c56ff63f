/*
 * Point reads of a read transaction's snapshot with pread(2) instead of
 * through LMDB's map (page_read.c says why).
 */
#ifndef SEDESK_PAGE_READ_H
#define SEDESK_PAGE_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "sedesk/text.h"

#define SD_PEEK_CACHE	8

/* One walk's reader: begin it on a read transaction, end it before the transaction. */
struct sd_peek {
	struct sd_txn	*t;
	int		 fd;		/* -1: every read goes through LMDB */
	size_t		 psize;
	uint8_t		*page;		/* psize bytes: the page being read */
	struct {
		uint64_t root;		/* the table's root page in this snapshot */
		uint16_t depth;
		uint8_t	 state;		/* 0 not looked up, 1 read here, 2 LMDB's, 3 empty */
	}		 db[SD_DB_COUNT];
	struct {
		uint64_t pgno;
		uint8_t	*p;
	}		 cache[SD_PEEK_CACHE];	/* branch pages near the roots */
	size_t		 ncache;
	uint8_t		*lvl[16];	/* a walk's pages below the cached levels, one per level */
	unsigned long	 handed;	/* reads handed to LMDB (the tests look) */
};

void	 sd_peek_begin(struct sd_peek *pk, struct sd_txn *t);
void	 sd_peek_end(struct sd_peek *pk);
/*
 * The value of key in db, copied to val (reset first): SD_OK, SD_NOTFOUND,
 * or LMDB's error as sd_db_get says it.  The same answer as sd_db_get,
 * which it uses itself for anything it does not read (counted as one read
 * either way).
 */
sd_status sd_peek_get(struct sd_peek *pk, enum sd_dbi db, const void *key, size_t klen,
	    struct sd_buf *val, const char *what, struct sd_error *err);

/*
 * The last key of db that starts with prefix (plen > 0), copied to key:
 * SD_OK, SD_NOTFOUND when none does.  As a backward walk from the end of
 * the prefix would find it (counted as one read).
 */
sd_status sd_peek_last(struct sd_peek *pk, enum sd_dbi db, const void *prefix, size_t plen,
	    struct sd_buf *key, const char *what, struct sd_error *err);

/*
 * Calls fn with every key of db that starts with prefix and its value, in
 * key order, until fn returns false: as sd_iter's walk of the prefix
 * (a read per key).
 */
sd_status sd_peek_prefix(struct sd_peek *pk, enum sd_dbi db, const void *prefix, size_t plen,
	    bool (*fn)(void *, const void *, size_t, const void *, size_t), void *arg,
	    const char *what, struct sd_error *err);

#endif
