/*
 * The report counts' differences of a bulk chunk (report_agg.c), summed
 * in memory per key and written once per key, in key order, when the
 * chunk commits (or when they pass bulk.c's BATCH_MAX, in the open
 * chunk).  bulk.c sets st->agg while a chunk's write transaction is
 * open; deltas_apply adds to it instead of reading and rewriting each
 * count.
 *
 * Why: every case and every route of an import takes its case's whole
 * contribution away and adds it back (report_agg.h): some fifty counts
 * per case, each a read and a write of a key in the daily and the
 * monthly table, and the monthly ones (one per kind, month, department
 * and category) are the same few keys for thousands of cases.  Summed
 * here, a key is read and written once per chunk, through one cursor per
 * table that walks it from left to right.
 *
 * Nothing in a chunk reads these counts (they are read by the reports,
 * check and the migration, never by an index function: those read the
 * facts tables SD_DB_REPORT_CASE and SD_DB_REPORT_ROUTE, which are
 * written at once), so keeping them changes no answer inside the chunk;
 * and they are written before the chunk's commit, so a crash loses them
 * with the chunk's rows.  Actions (no st->agg) write them at once.
 *
 * A row the job refuses wrote nothing: the differences a row added are
 * logged from agg_batch_row on, and agg_batch_undo takes them back.
 *
 * A daily count's monthly companions are not summed per difference: a
 * daily key given with agg_batch_add_daily is kept under its table's
 * byte with MONTHS set, and the flush adds each such key's sum to its
 * months (agg_month_key, agg_month_all) before it writes.  The month of
 * a daily key is a function of the key, so the sums are the same; a
 * chunk has about a tenth as many daily keys as differences.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report_agg.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

/* A daily key whose months are summed at the flush: the table's byte with this set. */
#define MONTHS	0x80
_Static_assert(SD_DB_COUNT < MONTHS, "table numbers fit below the months bit");

/* One key's sum: its key at off in the arena, as [table][key]. */
struct slot {
	uint64_t	hash;	/* 0: empty */
	uint32_t	off;
	uint16_t	len;	/* the table's byte and the key */
	int64_t		n;
};

/* A row's difference, by its key in the arena (the slots move when they grow). */
struct undo {
	uint32_t	off;
	uint16_t	len;
	int64_t		n;
};

struct agg_batch {
	struct sd_buf	 arena;
	struct slot	*slot;
	size_t		 nslot, used;	/* nslot: a power of two */
	struct undo	*log;
	size_t		 nlog, caplog;
};

struct agg_batch *
agg_batch_new(void)
{
	return sd_xcalloc(1, sizeof(struct agg_batch));
}

void
agg_batch_free(struct agg_batch *ab)
{
	if (ab == NULL)
		return;
	sd_buf_free(&ab->arena);
	free(ab->slot);
	free(ab->log);
	free(ab);
}

/*
 * The memory the kept sums take, by the keys held (not by the table's
 * size, which stays from chunk to chunk: a large table once must not
 * make every later row flush).
 */
size_t
agg_batch_bytes(const struct agg_batch *ab)
{
	return ab != NULL ? ab->arena.len + ab->used * 2 * sizeof *ab->slot : 0;
}

/* Empties the batch (a chunk begins, or its sums were written). */
void
agg_batch_clear(struct agg_batch *ab)
{
	if (ab == NULL)
		return;
	if (ab->slot != NULL)
		memset(ab->slot, 0, ab->nslot * sizeof *ab->slot);
	ab->used = 0;
	ab->arena.len = 0;
	ab->nlog = 0;
}

/* A row begins: the differences from here on are the ones agg_batch_undo takes back. */
void
agg_batch_row(struct agg_batch *ab)
{
	if (ab != NULL)
		ab->nlog = 0;
}

static uint64_t
hash(const uint8_t *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h != 0 ? h : 1;
}

/* The slot of key buf (len bytes, hash h), or the empty one where it goes. */
static size_t
find(const struct agg_batch *ab, const uint8_t *buf, size_t len, uint64_t h)
{
	size_t i;

	for (i = h & (ab->nslot - 1); ab->slot[i].hash != 0; i = (i + 1) & (ab->nslot - 1)) {
		const struct slot *s = &ab->slot[i];
		if (s->hash == h && s->len == len &&
		    memcmp((const uint8_t *)ab->arena.data + s->off, buf, len) == 0)
			break;
	}
	return i;
}

static void
grow(struct agg_batch *ab)
{
	size_t n = ab->nslot ? ab->nslot * 2 : 1024;
	struct slot *v = sd_xcalloc(n, sizeof *v);

	for (size_t i = 0; i < ab->nslot; i++) {
		size_t j;

		if (ab->slot[i].hash == 0)
			continue;
		for (j = ab->slot[i].hash & (n - 1); v[j].hash != 0; j = (j + 1) & (n - 1))
			;
		v[j] = ab->slot[i];
	}
	free(ab->slot);
	ab->slot = v;
	ab->nslot = n;
}

/* Adds n to the count of key in table db (summed with the chunk's others). */
void
agg_batch_add(struct agg_batch *ab, enum sd_dbi db, const struct sd_key *key, int64_t n)
{
	uint8_t buf[1 + sizeof key->b];
	size_t len = 1 + key->len, i;
	uint64_t h;

	buf[0] = (uint8_t)db;
	memcpy(buf + 1, key->b, key->len);
	h = hash(buf, len);
	if ((ab->used + 1) * 4 > ab->nslot * 3)
		grow(ab);
	i = find(ab, buf, len, h);
	if (ab->slot[i].hash == 0) {
		ab->slot[i].hash = h;
		ab->slot[i].off = (uint32_t)ab->arena.len;
		ab->slot[i].len = (uint16_t)len;
		ab->slot[i].n = 0;
		sd_buf_add(&ab->arena, buf, len);
		ab->used++;
	}
	ab->slot[i].n += n;
	if (ab->nlog == ab->caplog) {
		ab->caplog = ab->caplog ? ab->caplog * 2 : 256;
		ab->log = sd_xrealloc(ab->log, ab->caplog * sizeof *ab->log);
	}
	ab->log[ab->nlog].off = ab->slot[i].off;
	ab->log[ab->nlog].len = (uint16_t)len;
	ab->log[ab->nlog].n = n;
	ab->nlog++;
}

void
agg_batch_add_daily(struct agg_batch *ab, const struct sd_key *key, int64_t n)
{
	agg_batch_add(ab, (enum sd_dbi)(SD_DB_REPORT_AGG | MONTHS), key, n);
}

/* The months of the daily sums kept with MONTHS (before the flush writes). */
static void
add_months(struct agg_batch *ab)
{
	struct undo *d = NULL;
	size_t nd = 0;

	/* Collected first: adding may grow (move) the slots. */
	for (size_t i = 0; i < ab->nslot; i++) {
		const struct slot *s = &ab->slot[i];

		if (s->hash == 0 || s->n == 0 ||
		    ((const uint8_t *)ab->arena.data)[s->off] != (SD_DB_REPORT_AGG | MONTHS))
			continue;
		if (nd % 1024 == 0)
			d = sd_xrealloc(d, (nd + 1024) * sizeof *d);
		d[nd].off = s->off;
		d[nd].len = s->len;
		d[nd].n = s->n;
		nd++;
	}
	for (size_t i = 0; i < nd; i++) {
		struct sd_key k, mk;

		/* The arena may move as keys are added: the key is copied out first. */
		k.len = d[i].len - 1u;
		memcpy(k.b, (const uint8_t *)ab->arena.data + d[i].off + 1, k.len);
		if (agg_month_key(&k, &mk)) {
			agg_batch_add(ab, SD_DB_REPORT_MONTH, &mk, d[i].n);
			if (agg_month_all(&mk))
				agg_batch_add(ab, SD_DB_REPORT_MONTH, &mk, d[i].n);
		}
	}
	free(d);
}

/* Takes back the differences added since agg_batch_row (a refused row). */
void
agg_batch_undo(struct agg_batch *ab)
{
	if (ab == NULL)
		return;
	while (ab->nlog > 0) {
		const struct undo *u = &ab->log[--ab->nlog];
		const uint8_t *key = (const uint8_t *)ab->arena.data + u->off;

		ab->slot[find(ab, key, u->len, hash(key, u->len))].n -= u->n;
	}
}

static int
slot_cmp(const void *a, const void *b, void *arg)
{
	const uint8_t *base = arg;
	const struct slot *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(base + x->off, base + y->off, n);

	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

/* One count plus its sum through cursor c: a count that reaches zero leaves no key. */
static int
put_sum(MDB_cursor *c, const uint8_t *key, size_t klen, int64_t sum)
{
	MDB_val k = { klen, (void *)key }, v;
	int64_t cur = 0;
	int rc = mdb_cursor_get(c, &k, &v, MDB_SET_KEY);

	if (rc == 0 && v.mv_size == sizeof cur)
		memcpy(&cur, v.mv_data, sizeof cur);
	else if (rc != 0 && rc != MDB_NOTFOUND)
		return rc;
	cur += sum;
	if (cur == 0)
		return rc == 0 ? mdb_cursor_del(c, 0) : 0;
	k.mv_size = klen;
	k.mv_data = (void *)key;
	v.mv_size = sizeof cur;
	v.mv_data = &cur;
	return mdb_cursor_put(c, &k, &v, 0);
}

/* Writes the sums that do not cancel out, in key order, and empties the batch. */
sd_status
agg_batch_flush(struct sd_txn *t, struct agg_batch *ab, struct sd_error *err)
{
	const uint8_t *base;
	MDB_cursor *c = NULL;
	int cdb = -1, rc = 0;
	size_t n = 0;

	if (ab == NULL || ab->used == 0)
		return SD_OK;
	add_months(ab);
	base = (const uint8_t *)ab->arena.data;
	/* The slots in use to the front, sorted by table and key. */
	for (size_t i = 0; i < ab->nslot; i++)
		if (ab->slot[i].hash != 0 && ab->slot[i].n != 0)
			ab->slot[n++] = ab->slot[i];
	qsort_r(ab->slot, n, sizeof *ab->slot, slot_cmp, (void *)base);
	for (size_t i = 0; i < n && rc == 0; i++) {
		const uint8_t *p = base + ab->slot[i].off;

		if ((int)(p[0] & ~MONTHS) != cdb) {
			if (c != NULL)
				mdb_cursor_close(c);
			c = NULL;
			cdb = (int)(p[0] & ~MONTHS);
			if ((rc = mdb_cursor_open(t->txn, t->st->dbi[cdb], &c)) != 0)
				break;
		}
		rc = put_sum(c, p + 1, ab->slot[i].len - 1u, ab->slot[i].n);
	}
	if (c != NULL)
		mdb_cursor_close(c);
	agg_batch_clear(ab);
	return rc == 0 ? SD_OK : sd_txn_error(t, rc, _("report figures"), err);
}
