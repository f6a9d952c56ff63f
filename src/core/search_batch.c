/*
 * The index writes of a bulk chunk (its search postings and document
 * counts, and the enterprise indexes that no row function reads: by
 * word, tag, name, offer, NACE code and last contact), written once, in
 * key order, when the chunk commits (or when they pass bulk.c's
 * BATCH_MAX, in the open chunk).  bulk.c sets st->sb while a chunk's
 * write transaction is open; store.c's sd_db_put/put_flag/del and
 * search_index.c's postings add to it instead of writing.
 *
 * Why: a document adds some thirty postings and as many document counts
 * (df).  Written as each document comes, every one of them is a search
 * from the root of a large tree to a page far from the last one (the
 * terms of one document are spread over the whole index), and every df
 * is read and rewritten once per document that has the term.  Kept until
 * the chunk ends, sorted by table, term and document, they are written
 * through one cursor per table that walks it once from left to right
 * (LMDB finds a key on the cursor's own page without a new search), and
 * each term's df is read and written once per chunk with the sum of its
 * changes.  (What this does not change: the pages a chunk dirties are
 * still those its keys land on; see tests/bench/RESULTS.md, speed.)
 * The sort is search_batch_sort.c's: it compares no keys.
 *
 * Nothing in a chunk reads these tables (the search is a reader of its
 * own; a document's own terms are in search_doc, the enterprise numbers
 * and last contacts, which rows do read, are written at once), so
 * keeping them changes no answer inside the chunk.  The order of the
 * operations on one key is kept: the last one wins.  A table added to
 * search_batch_defers must be one no bulk row function reads.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "search_batch.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

struct search_batch *
search_batch_new(void)
{
	return sd_xcalloc(1, sizeof(struct search_batch));
}

void
search_batch_free(struct search_batch *sb)
{
	if (sb == NULL)
		return;
	free(sb->arena);
	free(sb->ops);
	search_batch_sort_free(sb);
	free(sb);
}

size_t
search_batch_mark(const struct search_batch *sb)
{
	return sb != NULL ? sb->n : 0;
}

/* The memory the kept writes take (a chunk flushes them when it is large). */
size_t
search_batch_bytes(const struct search_batch *sb)
{
	return sb != NULL ? sb->alen + sb->n * sizeof *sb->ops : 0;
}

/* Forgets the operations after mark (a refused row wrote nothing). */
void
search_batch_undo(struct search_batch *sb, size_t mark)
{
	if (sb != NULL && mark < sb->n) {
		sb->alen = sb->ops[mark].off;
		sb->n = mark;
	}
}

/*
 * The tables whose writes a chunk may keep until it commits: indexes that
 * nothing in a bulk chunk reads (the ones a row function reads, such as
 * the enterprise numbers or the last contacts, are written at once).
 */
bool
search_batch_defers(enum sd_dbi db)
{
	switch (db) {
	case SD_DB_SEARCH_POST:
	case SD_DB_ENT_BY_WORD:
	case SD_DB_ENT_BY_TAG:
	case SD_DB_ENT_BY_NAME:
	case SD_DB_ENT_BY_OFFER:
	case SD_DB_ENT_BY_NACE:
	case SD_DB_ENT_BY_CONTACT:
	case SD_DB_ENT_BY_EMAIL:	/* read by the mail gate only */
		return true;
	default:
		return false;
	}
}

/* Keeps a put (val, vlen) or, val NULL, a delete of key in table db. */
bool
search_batch_add(struct search_batch *sb, enum sd_dbi db, const void *key, size_t klen,
    const void *val, size_t vlen)
{
	uint8_t head[6] = { (uint8_t)db, val != NULL, (uint8_t)(klen >> 8), (uint8_t)klen,
	    (uint8_t)(vlen >> 8), (uint8_t)vlen };

	if (klen > 0xFFFF || vlen > 0xFFFF || sb->alen > UINT32_MAX / 2)
		return false;	/* written at once */
	if (sb->n == sb->cap) {
		sb->cap = sb->cap ? sb->cap * 2 : 4096;
		sb->ops = sd_xrealloc(sb->ops, sb->cap * sizeof *sb->ops);
	}
	sb->ops[sb->n].off = (uint32_t)sb->alen;
	sb->ops[sb->n].val = val != NULL ? OV_PUT : 0;
	if (vlen <= 3) {
		sb->ops[sb->n].val |= OV_INLINE | (uint32_t)vlen << 24;
		for (size_t i = 0; i < vlen; i++)
			sb->ops[sb->n].val |= (uint32_t)((const uint8_t *)val)[i] << (8 * i);
	}
	sb->n++;
	if (sb->alen + sizeof head + klen + vlen > sb->acap) {
		sb->acap = sb->acap ? 2 * sb->acap : 65536;
		while (sb->alen + sizeof head + klen + vlen > sb->acap)
			sb->acap *= 2;
		sb->arena = sd_xrealloc(sb->arena, sb->acap);
	}
	memcpy(sb->arena + sb->alen, head, sizeof head);
	memcpy(sb->arena + sb->alen + sizeof head, key, klen);
	if (vlen > 0)
		memcpy(sb->arena + sb->alen + sizeof head + klen, val, vlen);
	sb->alen += sizeof head + klen + vlen;
	return true;
}

/*
 * A sorted operation as it is written: its key made from its head and
 * tail (in kbuf), its value (a short one in vbuf, a longer one in the
 * arena).
 */
struct kept {
	bool	 put;
	MDB_val	 k, v;
};

static void
op_read(const struct search_batch *sb, const struct op *o, uint8_t *kbuf, uint8_t vbuf[3],
    struct kept *out)
{
	const struct part *h = op_head(sb, o), *t = op_tail(sb, o);

	memcpy(kbuf, sb->heads.spool + h->off, h->len);
	memcpy(kbuf + h->len, sb->tails.spool + t->off, t->len);
	out->put = (o->val & OV_PUT) != 0;
	out->k.mv_size = (size_t)h->len + t->len;
	out->k.mv_data = kbuf;
	if (o->val & OV_INLINE) {
		for (size_t i = 0; i < OV_LEN(o->val); i++)
			vbuf[i] = (uint8_t)(o->val >> (8 * i));
		out->v.mv_size = OV_LEN(o->val);
		out->v.mv_data = vbuf;
	} else {
		const uint8_t *p = sb->arena + o->off;

		out->v.mv_size = OP_VLEN(p);
		out->v.mv_data = (void *)OP_VAL(p);
	}
}

/* The term of a posting's head: the bytes before its NUL (none: all). */
static size_t
head_term_len(const struct search_batch *sb, const struct part *h)
{
	return h->len > 0 && sb->heads.spool[h->off + h->len - 1] == '\0' ? h->len - 1u : h->len;
}

/* Two heads of postings with the same term ("abc" and "abc" NUL). */
static bool
same_term(const struct search_batch *sb, const struct part *a, const struct part *b)
{
	size_t la = head_term_len(sb, a);

	return a->db == b->db && la == head_term_len(sb, b) &&
	    memcmp(sb->heads.spool + a->off, sb->heads.spool + b->off, la) == 0;
}

int
search_df_add(MDB_cursor *c, const uint8_t *term, size_t tlen, long delta)
{
	MDB_val k = { tlen, (void *)term }, v;
	uint32_t df = 0;
	long n;
	int rc = mdb_cursor_get(c, &k, &v, MDB_SET_KEY);

	if (rc == 0 && v.mv_size == sizeof df)
		memcpy(&df, v.mv_data, sizeof df);
	else if (rc != 0 && rc != MDB_NOTFOUND)
		return rc;
	n = (long)df + delta;
	if (n <= 0)
		return rc == 0 ? mdb_cursor_del(c, 0) : 0;
	df = (uint32_t)n;
	k.mv_size = tlen;
	k.mv_data = (void *)term;
	v.mv_size = sizeof df;
	v.mv_data = &df;
	return mdb_cursor_put(c, &k, &v, 0);
}

/*
 * The last operation on one key, through cursor c; *delta: +1 when it
 * made a key that was not there, -1 when it removed one that was.  A
 * posting's document count follows what the table holds, not the
 * operations: an operation that a pending run (bulk_run.c) repeats or
 * that found its key already there or gone changes no count.
 */
static int
apply(MDB_cursor *c, const struct kept *last, long *delta)
{
	MDB_val k = last->k, v = last->v;
	int rc;

	/* Another table has no count: its key is written or removed. */
	if (delta == NULL && last->put)
		return mdb_cursor_put(c, &k, &v, 0);
	rc = mdb_cursor_get(c, &k, NULL, MDB_SET);
	if (delta == NULL)
		return rc == 0 ? mdb_cursor_del(c, 0) : rc == MDB_NOTFOUND ? 0 : rc;
	if (rc != 0 && rc != MDB_NOTFOUND)
		return rc;
	if (last->put) {
		*delta += rc == MDB_NOTFOUND;
		k = last->k;
		return mdb_cursor_put(c, &k, &v, 0);
	}
	if (rc == MDB_NOTFOUND)
		return 0;
	*delta -= 1;
	return mdb_cursor_del(c, 0);
}

sd_status
search_batch_flush(struct sd_txn *t, struct search_batch *sb, struct sd_error *err)
{
	MDB_cursor *c = NULL, *cd = NULL;
	uint8_t *kbuf, vbuf[3];
	int cdb = -1, rc = 0;

	if (sb->n == 0)
		return SD_OK;
	search_batch_sort(sb);
	kbuf = sd_xmalloc(0x10000);	/* search_batch_add keeps no longer key */
	for (size_t i = 0; i < sb->n && rc == 0; ) {
		const struct part *h = op_head(sb, &sb->ops[i]);
		size_t j = i;
		long delta = 0;
		bool post = h->db == SD_DB_SEARCH_POST;

		/* One cursor per table, walking it from left to right. */
		if ((int)h->db != cdb) {
			if (c != NULL)
				mdb_cursor_close(c);
			c = NULL;
			cdb = (int)h->db;
			if ((rc = mdb_cursor_open(t->txn, t->st->dbi[cdb], &c)) != 0)
				break;
		}
		if (post && cd == NULL &&
		    (rc = mdb_cursor_open(t->txn, t->st->dbi[SD_DB_SEARCH_DF], &cd)) != 0)
			break;
		/* A posting's term's keys (another table: one key), each one's last operation. */
		while (j < sb->n && rc == 0) {
			size_t m = j + 1;
			struct kept last;

			/*
			 * The same head is the same term; another head may be too
			 * (a key without its NUL: "abc", then "abc" NUL docid).
			 */
			if (j > i && (!post || (sb->ops[j].head != sb->ops[j - 1].head &&
			    !same_term(sb, h, op_head(sb, &sb->ops[j])))))
				break;
			while (m < sb->n && op_same_key(&sb->ops[m], &sb->ops[j]))
				m++;
			op_read(sb, &sb->ops[m - 1], kbuf, vbuf, &last);
			rc = apply(c, &last, post ? &delta : NULL);
			j = m;
		}
		if (rc == 0 && post && delta != 0)
			rc = search_df_add(cd, sb->heads.spool + h->off, head_term_len(sb, h), delta);
		i = j;
	}
	free(kbuf);
	if (c != NULL)
		mdb_cursor_close(c);
	if (cd != NULL)
		mdb_cursor_close(cd);
	sb->n = 0;
	sb->alen = 0;
	return rc == 0 ? SD_OK : sd_txn_error(t, rc, _("search index"), err);
}

/*
 * A run's block being made (search_batch_run): its entry's key (run
 * number, table, first key) and value (RUN_BLOCK, operations).
 */
struct block {
	uint8_t		 key[RUN_KEY_MAX];
	size_t		 klen;
	uint8_t		*val;
	size_t		 vlen;
	size_t		 max;	/* key + value: run_entry_max */
};

/* The block appended as one entry, and emptied. */
static int
block_put(MDB_cursor *c, struct block *b)
{
	MDB_val k = { b->klen, b->key }, v = { b->vlen, b->val };
	int rc;

	if (b->vlen == 0)
		return 0;
	rc = mdb_cursor_put(c, &k, &v, MDB_APPEND);
	b->vlen = 0;
	return rc;
}

/*
 * Adds one operation (tk: table + key) to the block, which is appended
 * first when the operation would take it past b->max.  An operation that
 * fits in no block (never one of the indexes': their keys and values are
 * short) is an entry of its own as the previous sedesk wrote it.
 */
static int
block_add(MDB_cursor *c, struct block *b, const uint8_t *tk, size_t tklen,
    const struct kept *op)
{
	size_t n = 2 + tklen + 1 + 2 + op->v.mv_size;
	uint8_t *p;
	int rc;

	if (b->vlen > 0 && b->klen + b->vlen + n > b->max && (rc = block_put(c, b)) != 0)
		return rc;
	if (b->vlen == 0) {
		memcpy(b->key + 8, tk, tklen);
		b->klen = 8 + tklen;
		if (b->klen + 1 + n > b->max) {
			MDB_val k = { b->klen, b->key }, v = { 1 + op->v.mv_size, b->val };
			b->val[0] = op->put ? 'p' : 'd';
			if (op->v.mv_size > 0)
				memcpy(b->val + 1, op->v.mv_data, op->v.mv_size);
			return mdb_cursor_put(c, &k, &v, MDB_APPEND);
		}
		b->val[b->vlen++] = RUN_BLOCK;
	}
	p = b->val + b->vlen;
	*p++ = (uint8_t)(tklen >> 8);
	*p++ = (uint8_t)tklen;
	memcpy(p, tk, tklen);
	p += tklen;
	*p++ = op->put ? 'p' : 'd';
	*p++ = (uint8_t)(op->v.mv_size >> 8);
	*p++ = (uint8_t)op->v.mv_size;
	if (op->v.mv_size > 0)
		memcpy(p, op->v.mv_data, op->v.mv_size);
	b->vlen += n;
	return 0;
}

/*
 * The kept writes appended as one run to SD_DB_BULK_RUN (bulk_run.c says
 * why): sorted, the last operation of each key, under a new run number,
 * in blocks of consecutive operations (search_batch.h), so every entry's
 * key is greater than the table's last and goes in with MDB_APPEND (new
 * pages only, filled in sequence), one put per block.  The run table's
 * count of operations (meta "runops") grows by the run's in the same
 * commit.  Nothing is written to the tables themselves; the merge does it.
 */
sd_status
search_batch_run(struct sd_txn *t, struct search_batch *sb, struct sd_error *err)
{
	uint8_t tk[RUN_KEY_MAX];
	struct block *b = NULL;
	MDB_cursor *c = NULL;
	uint64_t seq, nops;
	sd_status s;
	int rc = 0;

	if (sb == NULL || sb->n == 0)
		return SD_OK;
	if ((s = run_next_seq(t, &seq, err)) != SD_OK)
		return s;
	if ((rc = run_ops_get(t, &nops)) != 0)
		goto out;
	search_batch_sort(sb);
	b = sd_xcalloc(1, sizeof *b);
	b->max = run_entry_max(t->st->env);
	/* Room for an entry of its own: a value of 0xFFFF at most (search_batch_add). */
	b->val = sd_xmalloc(b->max > 0x10001 ? b->max : 0x10001);
	for (int i = 0; i < 8; i++)
		b->key[i] = (uint8_t)(seq >> (56 - 8 * i));
	if ((rc = mdb_cursor_open(t->txn, t->st->dbi[SD_DB_BULK_RUN], &c)) != 0)
		goto out;
	for (size_t i = 0; i < sb->n && rc == 0; ) {
		const struct op *o;
		size_t m = i + 1;
		struct kept last;
		uint8_t vbuf[3];

		while (m < sb->n && op_same_key(&sb->ops[m], &sb->ops[i]))
			m++;
		o = &sb->ops[m - 1];
		i = m;
		/* No key of the indexes is this long (keys.h cuts strings at 200). */
		if (9 + (size_t)op_head(sb, o)->len + op_tail(sb, o)->len > RUN_KEY_MAX) {
			rc = MDB_BAD_VALSIZE;
			break;
		}
		tk[0] = op_head(sb, o)->db;
		op_read(sb, o, tk + 1, vbuf, &last);
		rc = block_add(c, b, tk, 1 + last.k.mv_size, &last);
		nops++;
	}
	if (rc == 0)
		rc = block_put(c, b);
	if (rc == 0)
		rc = run_ops_put(t, nops);
out:
	if (c != NULL)
		mdb_cursor_close(c);
	if (b != NULL)
		free(b->val);
	free(b);
	sb->n = 0;
	sb->alen = 0;
	return rc == 0 ? SD_OK : sd_txn_error(t, rc, _("search index"), err);
}
