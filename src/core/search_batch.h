/*
 * The inside of a bulk chunk's kept index writes (search_batch.c), shared
 * with their sort (search_batch_sort.c).
 */
#ifndef SEDESK_SEARCH_BATCH_H
#define SEDESK_SEARCH_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/*
 * One operation: at off in the arena, [table][op][key length, 2 bytes]
 * [value length, 2 bytes][key][value]; a posting's key is term NUL docid.
 * head and tail are set by the sort: the ranks of the key's two parts
 * (search_batch_sort.c), so that two sorted operations are on the same
 * key when both are equal.  val says put or delete and holds a short
 * value (most are empty, a posting's is one NUL): the written keys are
 * made from the parts, and the arena, read in sorted order a cache miss
 * per operation, is read only for a longer value.
 */
struct op {
	uint32_t	off;
	uint32_t	head;
	uint32_t	tail;
	uint32_t	val;	/* OV_*: put, and the value when OV_INLINE */
};

#define OV_PUT		(1u << 31)
#define OV_INLINE	(1u << 30)	/* the value: OV_LEN bytes, lowest first */
#define OV_LEN(v)	((size_t)((v) >> 24 & 3))

struct rk;

/* A distinct part of the chunk's keys (search_batch_sort.c). */
struct part {
	uint32_t	off;	/* its bytes in its table's pool */
	uint32_t	hash;
	uint16_t	len;
	uint8_t		db;	/* a head's table (a tail: 0) */
};

/* The table of one kind of distinct part: open addressing. */
struct parts {
	struct part	*v;	/* the parts, by id */
	uint32_t	*slot;	/* id + 1, or 0: empty */
	uint32_t	*rank;	/* by id, after the sort */
	struct rk	*rk;	/* the sort's */
	uint32_t	 radix[8][256];	/* the sort's counts */
	struct part	*sorted;	/* by rank, after the sort; off: in spool */
	uint8_t		*pool;	/* their bytes, one after the other */
	uint8_t		*spool;	/* the same in their order: written from left to right */
	size_t		 n, cap, nslot, poollen, poolcap, spoolcap;
};

struct search_batch {
	uint8_t		*arena;	/* the operations, one after the other */
	size_t		 alen, acap;
	struct op	*ops;
	size_t		 n, cap;
	/* The sort's memory, kept from chunk to chunk. */
	struct op	*tmp;
	size_t		 tmpcap;
	uint32_t	*count;
	size_t		 countcap;
	struct parts	 heads, tails;
};

#define OP_DB(p)	((enum sd_dbi)(p)[0])
#define OP_PUT(p)	((p)[1])
#define OP_KLEN(p)	((size_t)(p)[2] << 8 | (p)[3])
#define OP_VLEN(p)	((size_t)(p)[4] << 8 | (p)[5])
#define OP_KEY(p)	((p) + 6)
#define OP_VAL(p)	((p) + 6 + OP_KLEN(p))

/*
 * Sorts sb's operations by table and key, the operations on one key in
 * the order they came, and sets their head and tail ranks.
 */
void	search_batch_sort(struct search_batch *sb);
/* Frees the sort's memory. */
void	search_batch_sort_free(struct search_batch *sb);

/* The bytes of a sorted operation's head or tail. */
static inline const struct part *
op_head(const struct search_batch *sb, const struct op *o)
{
	return &sb->heads.sorted[o->head];
}

static inline const struct part *
op_tail(const struct search_batch *sb, const struct op *o)
{
	return &sb->tails.sorted[o->tail];
}

/* Two sorted operations on the same table and key. */
static inline int
op_same_key(const struct op *a, const struct op *b)
{
	return a->head == b->head && a->tail == b->tail;
}

/*
 * A run's entry in SD_DB_BULK_RUN (bulk_run.c says why): key = run number
 * (8 bytes, big-endian) + table + the key of its first operation; value =
 * RUN_BLOCK, then its operations, each [RUN_OP_LEN(table + key), 2 bytes
 * big-endian][table][key]['p' put or 'd' delete][value length, 2][value].
 * An entry of the previous sedesk (value 'p' + value, or 'd') is one
 * operation: table and key are the entry key's; no such value starts
 * with RUN_BLOCK.
 */
#define RUN_BLOCK	'B'
#define RUN_OP_HEAD	5	/* the two lengths and the 'p' or 'd' */
/*
 * The most bytes of key + value of an entry that LMDB keeps in a leaf
 * page (one more and its value goes to an overflow page).
 */
size_t	run_entry_max(MDB_env *env);
/* The run table's operations (meta "runops"; none: its entries), as t sees them. */
int	run_ops_get(struct sd_txn *t, uint64_t *n);
int	run_ops_put(struct sd_txn *t, uint64_t n);

#endif
