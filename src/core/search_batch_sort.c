/*
 * The sort of a bulk chunk's kept index writes (search_batch.c): by
 * table and key, the operations on one key in the order they came.
 *
 * Why not a comparison sort: a chunk holds up to some 300,000
 * operations, and most of them are postings, term NUL docid, whose keys
 * tie for long (an enterprise's docid is 'E', the second it was updated,
 * which thousands of imported rows share, and its uuid).  qsort_r spent
 * some twenty comparisons per operation, each a call and a memcmp deep
 * into the arena, and the dedup and the term grouping compared the keys
 * again (a third of a 100,000-row import's search_batch_run time went
 * to cache misses on the arena read in sorted order).
 *
 * Instead every key is cut in two at its first NUL: the head (the bytes
 * up to and with that NUL, or the whole key when it has none) and the
 * tail (the rest).  The byte order of two keys is the order of their
 * heads, then of their tails: two different heads differ inside both,
 * or one has no NUL and is the whole of a shorter key, which comes
 * first in both orders.  A chunk has few distinct heads (its terms,
 * names, words: ~28,000 in a chunk of 300,000 operations) and few
 * distinct tails (its documents and ids: ~34,000), so each part is
 * looked up once per operation in a hash table (a document's postings
 * come together: its tail is looked up once), only the distinct parts
 * are sorted (a radix sort on 8 bytes of their keys at a time), and the
 * operations are put in order by two stable counting passes over the
 * parts' ranks (tail, then table and head).  Equal keys have equal
 * ranks: the dedup reads no key, and the keys written are made from the
 * parts, laid out in their order (search_batch.h, op_read).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "search_batch.h"
#include "sedesk/text.h"

static uint32_t
part_hash(const uint8_t *p, size_t len, uint8_t db)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ ((uint64_t)len << 8 | db), w;

	for (; len >= 8; p += 8, len -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	if (len > 0) {
		w = 0;
		memcpy(&w, p, len);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
	}
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return (uint32_t)h;
}

static void
parts_grow(struct parts *ps)
{
	size_t mask;

	ps->nslot = ps->nslot ? ps->nslot * 2 : 4096;
	mask = ps->nslot - 1;
	free(ps->slot);
	ps->slot = sd_xcalloc(ps->nslot, sizeof *ps->slot);
	for (size_t id = 0; id < ps->n; id++) {
		size_t i = ps->v[id].hash & mask;

		while (ps->slot[i] != 0)
			i = (i + 1) & mask;
		ps->slot[i] = (uint32_t)id + 1;
	}
}

/* The id of the part (p, len) of table db, added when it is new. */
static uint32_t
part_id(struct parts *ps, const uint8_t *p, size_t len, uint8_t db)
{
	uint32_t h = part_hash(p, len, db);
	size_t mask, i;

	if (2 * (ps->n + 1) > ps->nslot)
		parts_grow(ps);
	mask = ps->nslot - 1;
	for (i = h & mask; ps->slot[i] != 0; i = (i + 1) & mask) {
		const struct part *e = &ps->v[ps->slot[i] - 1];

		if (e->hash == h && e->len == len && e->db == db &&
		    memcmp(ps->pool + e->off, p, len) == 0)
			return ps->slot[i] - 1;
	}
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 1024;
		ps->v = sd_xrealloc(ps->v, ps->cap * sizeof *ps->v);
	}
	/* Kept together, the distinct parts are compared and copied from cache. */
	/* Allocated with the first part, an empty one too: no NULL pool reaches memcpy. */
	while (ps->pool == NULL || ps->poollen + len > ps->poolcap) {
		ps->poolcap = ps->poolcap ? ps->poolcap * 2 : 65536;
		ps->pool = sd_xrealloc(ps->pool, ps->poolcap);
	}
	memcpy(ps->pool + ps->poollen, p, len);
	ps->v[ps->n] = (struct part){ (uint32_t)ps->poollen, h, (uint16_t)len, db };
	ps->poollen += len;
	ps->slot[i] = (uint32_t)ps->n + 1;
	return (uint32_t)ps->n++;
}

/* A part and the 8 bytes of its sort key at a depth. */
struct rk {
	uint64_t	w;
	uint32_t	id;
};

/*
 * Bytes d to d + 8 of a part's sort key, its table then its bytes (zero
 * past its end), as a number: numbers compare as the bytes.
 */
static uint64_t
part_word(const struct parts *ps, const struct part *e, size_t d)
{
	uint8_t b[8] = { 0 };
	size_t n;
	uint64_t w = 0;

	if (d == 0) {
		b[0] = e->db;
		memcpy(b + 1, ps->pool + e->off, e->len < 7 ? e->len : 7);
	} else if (d - 1 < e->len) {
		n = e->len - (d - 1);
		memcpy(b, ps->pool + e->off + d - 1, n < 8 ? n : 8);
	}
	for (int i = 0; i < 8; i++)
		w = w << 8 | b[i];
	return w;
}

static void
rk_by_len(const struct parts *ps, struct rk *a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct rk x = a[i];
		size_t j = i;

		for (; j > 0 && ps->v[a[j - 1].id].len > ps->v[x.id].len; j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

/*
 * Sorts a[0..n), whose keys are equal before depth d: by the 8 bytes at
 * d (a radix sort, least significant byte first, skipping bytes that
 * all share), then each group that ties there by the next 8.  Parts
 * equal in every byte of their keys differ in length: the shorter
 * first.  No comparison calls, no memcmp: a chunk's docids tie for 9
 * bytes or more, its terms differ early.
 */
static void
rank_range(struct parts *ps, struct rk *a, struct rk *tmp, size_t n, size_t d)
{
	uint32_t (*count)[256] = ps->radix;	/* not on the stack: a depth per 8 bytes */
	struct rk *src = a, *dst = tmp, *x;

	if (n < 2)
		return;
	for (size_t i = 0; i < n; i++)
		a[i].w = part_word(ps, &ps->v[a[i].id], d);
	if (n <= 16) {
		for (size_t i = 1; i < n; i++) {
			struct rk y = a[i];
			size_t j = i;

			for (; j > 0 && a[j - 1].w > y.w; j--)
				a[j] = a[j - 1];
			a[j] = y;
		}
	} else {
		memset(ps->radix, 0, sizeof ps->radix);
		for (size_t i = 0; i < n; i++)
			for (int b = 0; b < 8; b++)
				count[b][a[i].w >> (8 * b) & 0xff]++;
		for (int b = 0; b < 8; b++) {
			uint32_t sum = 0;

			if (count[b][a[0].w >> (8 * b) & 0xff] == n)
				continue;	/* every key has this byte */
			for (int k = 0; k < 256; k++) {
				uint32_t c = count[b][k];

				count[b][k] = sum;
				sum += c;
			}
			for (size_t i = 0; i < n; i++)
				dst[count[b][src[i].w >> (8 * b) & 0xff]++] = src[i];
			x = src;
			src = dst;
			dst = x;
		}
		if (src != a)
			memcpy(a, src, n * sizeof *a);
	}
	for (size_t i = 0, j; i < n; i = j) {
		bool longer = false;

		for (j = i + 1; j < n && a[j].w == a[i].w; j++)
			;
		if (j - i < 2)
			continue;
		for (size_t k = i; k < j && !longer; k++)
			longer = (size_t)ps->v[a[k].id].len + 1 > d + 8;
		if (longer)
			rank_range(ps, a + i, tmp, j - i, d + 8);
		else
			rk_by_len(ps, a + i, j - i);
	}
}

/* Sorts the distinct parts: ps->rank[id] is a part's place, ps->sorted[place] the part. */
static void
parts_rank(struct parts *ps)
{
	size_t m = ps->n ? ps->n : 1;

	ps->rank = sd_xrealloc(ps->rank, m * sizeof *ps->rank);
	ps->sorted = sd_xrealloc(ps->sorted, m * sizeof *ps->sorted);
	ps->rk = sd_xrealloc(ps->rk, 2 * m * sizeof *ps->rk);
	for (size_t id = 0; id < ps->n; id++)
		ps->rk[id].id = (uint32_t)id;
	rank_range(ps, ps->rk, ps->rk + m, ps->n, 0);
	if (ps->spool == NULL || ps->spoolcap < ps->poollen) {
		ps->spoolcap = ps->poolcap;
		ps->spool = sd_xrealloc(ps->spool, ps->spoolcap);
	}
	for (size_t r = 0, off = 0; r < ps->n; r++) {
		const struct part *e = &ps->v[ps->rk[r].id];

		ps->rank[ps->rk[r].id] = (uint32_t)r;
		ps->sorted[r] = *e;
		ps->sorted[r].off = (uint32_t)off;
		memcpy(ps->spool + off, ps->pool + e->off, e->len);
		off += e->len;
	}
}

static void
parts_clear(struct parts *ps)
{
	ps->n = 0;
	ps->poollen = 0;
	if (ps->slot != NULL)
		memset(ps->slot, 0, ps->nslot * sizeof *ps->slot);
}

static void
parts_free(struct parts *ps)
{
	free(ps->v);
	free(ps->slot);
	free(ps->rank);
	free(ps->rk);
	free(ps->sorted);
	free(ps->pool);
	free(ps->spool);
	memset(ps, 0, sizeof *ps);
}

/* A stable counting pass from src to dst by the ops' tail ranks (else head ranks). */
static void
count_pass(struct search_batch *sb, const struct op *src, struct op *dst, size_t nkeys,
    bool tail)
{
	uint32_t *count = sb->count, sum = 0;

	memset(count, 0, nkeys * sizeof *count);
	for (size_t i = 0; i < sb->n; i++)
		count[tail ? src[i].tail : src[i].head]++;
	for (size_t k = 0; k < nkeys; k++) {
		uint32_t c = count[k];

		count[k] = sum;
		sum += c;
	}
	for (size_t i = 0; i < sb->n; i++)
		dst[count[tail ? src[i].tail : src[i].head]++] = src[i];
}

void
search_batch_sort(struct search_batch *sb)
{
	const uint8_t *base = sb->arena;
	const uint8_t *ptail = NULL;
	size_t ptlen = 0, need;
	uint32_t ptid = 0;

	if (sb->n == 0)
		return;
	parts_clear(&sb->heads);
	parts_clear(&sb->tails);
	for (size_t i = 0; i < sb->n; i++) {
		struct op *o = &sb->ops[i];
		const uint8_t *p = base + o->off, *k = OP_KEY(p), *z;
		size_t klen = OP_KLEN(p), hlen;

		z = memchr(k, 0, klen);
		hlen = z != NULL ? (size_t)(z - k) + 1 : klen;
		o->head = part_id(&sb->heads, k, hlen, (uint8_t)OP_DB(p));
		/* A document's postings come together: its docid is the last one's. */
		if (ptail == NULL || ptlen != klen - hlen || memcmp(ptail, k + hlen, ptlen) != 0) {
			ptail = k + hlen;
			ptlen = klen - hlen;
			ptid = part_id(&sb->tails, ptail, ptlen, 0);
		}
		o->tail = ptid;
	}
	parts_rank(&sb->heads);
	parts_rank(&sb->tails);
	for (size_t i = 0; i < sb->n; i++) {
		sb->ops[i].head = sb->heads.rank[sb->ops[i].head];
		sb->ops[i].tail = sb->tails.rank[sb->ops[i].tail];
	}
	if (sb->tmpcap < sb->n) {
		sb->tmpcap = sb->cap;
		sb->tmp = sd_xrealloc(sb->tmp, sb->tmpcap * sizeof *sb->tmp);
	}
	need = sb->heads.n > sb->tails.n ? sb->heads.n : sb->tails.n;
	if (sb->countcap < need) {
		sb->countcap = need;
		sb->count = sd_xrealloc(sb->count, need * sizeof *sb->count);
	}
	/* Least significant first: both passes keep the order of equal keys. */
	count_pass(sb, sb->ops, sb->tmp, sb->tails.n, true);
	count_pass(sb, sb->tmp, sb->ops, sb->heads.n, false);
}

void
search_batch_sort_free(struct search_batch *sb)
{
	parts_free(&sb->heads);
	parts_free(&sb->tails);
	free(sb->tmp);
	free(sb->count);
	sb->tmp = NULL;
	sb->count = NULL;
	sb->tmpcap = sb->countcap = 0;
}
