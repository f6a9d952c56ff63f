/*
 * sedesk reindex: the search index rebuilt from the records (search.h).
 *
 * It empties the index in chunks, then rebuilds it in chunks, each its
 * own write transaction of at most CHUNK_MS (chunk.h) and CHUNK_DOCS
 * documents (DROP_ENTRIES entries while emptying), with the writer
 * released in between, so others' changes go on.  The index is emptied
 * entry by entry rather than with one mdb_drop: mdb_drop reads every
 * branch page of the tables in one call (at 1M cases 14,000 pages spread
 * over the file, each fault mapping 64 KiB around it) before the map can
 * be given back, and frees the whole trees in one transaction that holds
 * the writer throughout.  Every chunk of the emptying starts again
 * at the postings and ends only when one chunk finds all three tables
 * empty, so what another writer indexed between two chunks is emptied
 * too and the rebuild starts from nothing, as after one drop.  While it
 * empties, search finds fewer documents (the postings go first, so a
 * search never meets a document's terms without them).  That is safe
 * with writers in between because every change updates a document's
 * postings against the terms stored for it: a document changed before
 * the rebuild reaches it is indexed by that change and again,
 * identically, by the rebuild; one changed after, as usual.
 *
 * Every chunk stores where it got to in meta "reindex" (the table, the
 * documents so far and the last key; EMPTYING while the index is being
 * emptied), in its own commit; the last chunk removes it.  A reindex that
 * was stopped (killed, the machine down) is continued by the next one
 * from there, not started over.  Until it
 * completes, search finds only the documents it has reached: LMDB cannot
 * rename a table, so a complete index under a new name could only be
 * swapped in by copying it in one transaction as large as the index
 * itself, the very thing the chunks avoid; and an index that is partial
 * for a while is no danger (`sedesk check` names it, the rerun completes
 * it), while one that holds the writer for minutes stops everyone.
 *
 * A kind of document is one row in docs[] with a function that indexes
 * one record of its table.
 */
#include <stdint.h>
#include <string.h>

#include "internal.h"
#include "chunk.h"
#include "event_internal.h"
#include "sedesk/i18n.h"
#include "keys.h"
#include "moment_internal.h"
#include "opportunity_internal.h"
#include "sedesk/search.h"

#define WHAT	_("search index")
#define KEY_MAX	512
/* At most this many documents a chunk too: their changed pages stay few. */
#define CHUNK_DOCS	1000
/*
 * At most this many index entries a chunk of the emptying deletes (and
 * 64 per row of SEDESK_CHUNK_ROWS: a document has about that many): the
 * pages it changes stay a few thousand.
 */
#define DROP_ENTRIES	100000
#define DROP_PER_ROW	64
/*
 * And at most this many bytes of keys and values: a document's list of
 * terms is large (8 to a page at 1M), so 100,000 of them were 12,500
 * pages changed and 800 MiB of the map touched in one chunk.
 */
#define DROP_BYTES	(16u << 20)
/*
 * The map's pages are given back (sd_chunk_shed) once this process has
 * more of them than this: a document's words land on leaves all over the
 * postings, and a chunk of them mapped 700 MiB at 1M cases.
 */
#define SHED_BYTES	(48u << 20)

/* Indexes one record (key) of its table; SD_NOTFOUND: not a document. */
typedef sd_status (*reindex_fn)(struct sd_txn *t, const MDB_val *key, struct sd_error *err);

static sd_status
reindex_enterprise(struct sd_txn *t, const MDB_val *key, struct sd_error *err)
{
	struct sd_enterprise e;
	sd_status s;

	if (key->mv_size != SD_UUID_LEN)
		return SD_NOTFOUND;
	if ((s = ent_load(t, key->mv_data, &e, err)) == SD_OK) {
		s = search_index_enterprise(t, NULL, &e, err);
		sd_enterprise_free(&e);
	}
	return s;
}

static sd_status
reindex_case(struct sd_txn *t, const MDB_val *key, struct sd_error *err)
{
	struct sd_case c;
	sd_status s;

	if (key->mv_size != SD_CASE_KEY_LEN)
		return SD_NOTFOUND;
	if ((s = case_load(t, sd_case_key_unpack(key->mv_data), &c, err)) == SD_OK) {
		s = search_index_case(t, &c, err);
		sd_case_free(&c);
	}
	return s;
}

static sd_status
reindex_event(struct sd_txn *t, const MDB_val *key, struct sd_error *err)
{
	struct sd_event ev;
	sd_status s;

	if (key->mv_size != SD_UUID_LEN)
		return SD_NOTFOUND;
	if ((s = event_load(t, key->mv_data, &ev, err)) == SD_OK) {
		s = search_index_event(t, &ev, err);
		sd_event_free(&ev);
	}
	return s;
}

static sd_status
reindex_moment(struct sd_txn *t, const MDB_val *key, struct sd_error *err)
{
	struct sd_moment m;
	sd_status s;

	if (key->mv_size != SD_UUID_LEN)
		return SD_NOTFOUND;
	if ((s = moment_load(t, key->mv_data, &m, err)) == SD_OK) {
		s = search_index_moment(t, &m, err);
		sd_moment_free(&m);
	}
	return s;
}

static sd_status
reindex_opportunity(struct sd_txn *t, const MDB_val *key, struct sd_error *err)
{
	struct sd_opportunity o;
	sd_status s;

	if (key->mv_size != SD_UUID_LEN)
		return SD_NOTFOUND;
	if ((s = opp_load(t, key->mv_data, &o, err)) == SD_OK) {
		s = search_index_opp(t, &o, err);
		sd_opportunity_free(&o);
	}
	return s;
}

static const struct {
	enum sd_dbi	db;
	reindex_fn	one;
} docs[] = {
	{ SD_DB_ENT, reindex_enterprise },
	{ SD_DB_CASE, reindex_case },
	{ SD_DB_EVENT, reindex_event },
	{ SD_DB_MOMENT, reindex_moment },
	{ SD_DB_OPP, reindex_opportunity },
};
#define NDOCS (sizeof docs / sizeof docs[0])

/* Where the rebuild stands: meta "reindex" = row(4) documents(8) last key. */
#define EMPTYING	UINT32_MAX	/* row while the index is being emptied */
struct progress {
	uint32_t	row;		/* in docs[]; NDOCS when done; EMPTYING */
	uint64_t	docs;		/* documents indexed so far */
	size_t		klen;		/* the last key done; 0 at a row's start */
	uint8_t		key[KEY_MAX];
};

static bool
progress_read(struct sd_txn *t, struct progress *p)
{
	MDB_val v;

	if (sd_db_get(t, SD_DB_META, "reindex", 7, &v, NULL, NULL) != SD_OK || v.mv_size < 12 ||
	    v.mv_size > 12 + KEY_MAX)
		return false;
	memcpy(&p->row, v.mv_data, 4);
	memcpy(&p->docs, (const uint8_t *)v.mv_data + 4, 8);
	p->klen = v.mv_size - 12;
	memcpy(p->key, (const uint8_t *)v.mv_data + 12, p->klen);
	return p->row <= NDOCS || p->row == EMPTYING;
}

static sd_status
progress_write(struct sd_txn *t, const struct progress *p, struct sd_error *err)
{
	uint8_t rec[12 + KEY_MAX];

	if (p->row == NDOCS)
		return sd_db_del(t, SD_DB_META, "reindex", 7, WHAT, err);
	memcpy(rec, &p->row, 4);
	memcpy(rec + 4, &p->docs, 8);
	memcpy(rec + 12, p->key, p->klen);
	return sd_db_put(t, SD_DB_META, "reindex", 7, rec, 12 + p->klen, WHAT, err);
}

struct reindex {
	struct progress	cur;		/* committed */
	struct progress	next;		/* where the chunk being written got to */
	uint64_t	deleted;	/* entries the emptying's chunk deleted */
};

/*
 * One chunk of the emptying: deletes entries from the start of each
 * table, postings first, until the chunk is full; the emptying is done
 * when this chunk leaves all three empty.
 */
static sd_status
drop_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	static const enum sd_dbi dbs[] = { SD_DB_SEARCH_POST, SD_DB_SEARCH_DOC, SD_DB_SEARCH_DF };
	struct reindex *r = arg;
	struct sd_chunk ch;
	size_t left = 0, bytes = 0;
	int rc = 0;

	r->next = r->cur;
	r->deleted = 0;
	sd_chunk_start(&ch, CHUNK_MS);
	ch.max_rows = ch.max_rows == SIZE_MAX || ch.max_rows > DROP_ENTRIES / DROP_PER_ROW ?
	    DROP_ENTRIES : ch.max_rows * DROP_PER_ROW;
	for (size_t i = 0; i < sizeof dbs / sizeof dbs[0] && rc == 0; i++) {
		MDB_cursor *cur;
		MDB_val k, v;

		if ((rc = mdb_cursor_open(t->txn, t->st->dbi[dbs[i]], &cur)) != 0)
			break;
		/* After a delete the cursor is on the next entry: MDB_NEXT returns it. */
		for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
		    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
			if (bytes > DROP_BYTES || sd_chunk_full(&ch)) {
				left++;
				break;
			}
			bytes += k.mv_size + v.mv_size;
			if ((rc = mdb_cursor_del(cur, 0)) != 0)
				break;
			if (++r->deleted % 1024 == 0 && sd_chunk_mapped_over(SHED_BYTES))
				sd_chunk_shed(t->st->env);
		}
		mdb_cursor_close(cur);
		if (rc == MDB_NOTFOUND)
			rc = 0;
	}
	if (rc != 0)
		return sd_txn_error(t, rc, WHAT, err);
	if (left == 0) {
		/* Empty: the rebuild starts from the first table. */
		memset(&r->next, 0, sizeof r->next);
	}
	return progress_write(t, &r->next, err);
}

static sd_status
chunk_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct reindex *r = arg;
	struct progress *p = &r->next;
	struct sd_chunk ch;
	sd_status s = SD_OK;

	/* Run again after the map grew, a chunk starts over from the same key. */
	*p = r->cur;
	sd_chunk_start(&ch, CHUNK_MS);
	if (ch.max_rows > CHUNK_DOCS)
		ch.max_rows = CHUNK_DOCS;
	for (; s == SD_OK && p->row < NDOCS; p->row++, p->klen = 0) {
		struct sd_iter it;
		bool full = false;

		sd_iter_start(&it, t, docs[p->row].db, NULL, 0, false,
		    p->klen > 0 ? p->key : NULL, p->klen);
		while (s == SD_OK && sd_iter_next(&it)) {
			if ((full = sd_chunk_full(&ch)))
				break;
			if (it.key.mv_size > KEY_MAX || it.key.mv_size == 0)
				continue;
			memcpy(p->key, it.key.mv_data, it.key.mv_size);
			p->klen = it.key.mv_size;
			s = docs[p->row].one(t, &it.key, err);
			if (s == SD_OK)
				p->docs++;
			else if (s == SD_NOTFOUND)
				s = SD_OK;
			if (sd_chunk_mapped_over(SHED_BYTES))
				sd_chunk_shed(t->st->env);
		}
		if (s == SD_OK)
			s = sd_iter_status(&it, WHAT, err);
		sd_iter_end(&it);
		if (full)
			break;
	}
	return s == SD_OK ? progress_write(t, p, err) : s;
}

sd_status
sd_reindex(struct sd_desk *d, size_t *documents, struct sd_error *err)
{
	struct reindex r = { 0 };
	struct sd_txn t;
	bool first = true, resume;
	sd_status s;

	*documents = 0;
	if ((s = sd_permit(d, SD_ACT_REINDEX, NULL, err)) != SD_OK)
		return s;
	/* runs: an unfinished import's index writes go in first (bulk_run.c). */
	if ((s = sd_runs_finish(d->store, err)) != SD_OK)
		return s;
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	resume = progress_read(&t, &r.cur);
	sd_txn_abort(&t);
	if (!resume) {
		memset(&r.cur, 0, sizeof r.cur);
		r.cur.row = EMPTYING;
	}
	if (r.cur.row == EMPTYING) {
		sd_chunk_trace("reindex: %s emptying the index", resume ? "resumed" : "started");
		uint64_t deleted = 0;
		do {
			if ((s = sd_chunk_write(d->store, first, drop_action, &r, err)) != SD_OK)
				return s;
			first = false;
			r.cur = r.next;
			deleted += r.deleted;
			sd_chunk_shed(d->store->env);
		} while (r.cur.row == EMPTYING);
		sd_chunk_trace("reindex: emptied, %llu index entries deleted",
		    (unsigned long long)deleted);
	}
	sd_chunk_trace("reindex: %s at table %u, %llu documents", resume ? "resumed" : "started",
	    (unsigned)r.cur.row, (unsigned long long)r.cur.docs);
	do {
		if ((s = sd_chunk_write(d->store, first, chunk_action, &r, err)) != SD_OK)
			return s;
		first = false;
		r.cur = r.next;
		sd_chunk_shed(d->store->env);
	} while (r.cur.row < NDOCS);
	*documents = r.cur.docs;
	sd_chunk_trace("reindex: done, %llu documents", (unsigned long long)r.cur.docs);
	return SD_OK;
}
