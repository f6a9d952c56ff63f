/*
 * The LMDB store: one environment, named databases for records and their
 * indexes, and transactions with one place that maps LMDB's errors.
 *
 * Every user action is one write transaction, run through sd_store_write(),
 * which begins it, calls the action, commits, and is the one place that
 * handles a full map.  Keys are built from typed parts with big-endian
 * integers so that cursor order is the order lists need (see keys.h).
 */
#ifndef SEDESK_STORE_H
#define SEDESK_STORE_H

#include <lmdb.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sedesk/desk.h"
#include "sedesk/status.h"
#include "writelock.h"

/* SD_SCHEMA_VERSION, the schema this build writes, is in desk.h: `init` names it. */

/*
 * Named databases.  Records: ENT, CASE, ROUTE, JOURNAL.  Everything else
 * is an index whose key carries what the list needs and whose value is
 * empty (one byte) or the primary key.  Later subsystems (events,
 * opportunities, contact moments, search) add entries here.
 */
enum sd_dbi {
	SD_DB_META,		/* "schema" -> u32, "caseseq:YYYY" -> u32, "journalseq" -> u64 */
	SD_DB_ENT,		/* uuid(16) -> enterprise record */
	SD_DB_ENT_BY_NUMBER,	/* normalised number -> uuid(16) */
	SD_DB_ENT_BY_NAME,	/* folded name \0 uuid(16) -> - */
	SD_DB_ENT_BY_TAG,	/* folded tag \0 folded name \0 uuid(16) -> - */
	SD_DB_ENT_BY_WORD,	/* folded word of the name \0 uuid(16) -> - */
	SD_DB_CASE,		/* casekey(6) -> case record */
	SD_DB_CASE_BY_UUID,	/* uuid(16) -> casekey(6) */
	SD_DB_CASE_BY_STATUS,	/* status(1) casekey(6) -> - */
	SD_DB_CASE_BY_ENT,	/* uuid(16) casekey(6) -> - */
	SD_DB_CASE_BY_OWNER,	/* login \0 casekey(6) -> - */
	SD_DB_CASE_OPEN_BY_DUE,	/* due(4) casekey(6) -> -, for cases still running */
	SD_DB_ROUTE,		/* casekey(6) dept -> route record */
	SD_DB_ROUTE_BY_DEPT,	/* dept \0 state(1) casekey(6) -> - */
	SD_DB_JOURNAL,		/* seq(8) -> journal record */
	SD_DB_JOURNAL_BY_SUBJECT, /* kind(1) subject key seq(8) -> - */
	SD_DB_SEARCH_POST,	/* term \0 docid -> -   (docid: 'C' casekey(6) | 'E' uuid(16)) */
	SD_DB_SEARCH_DOC,	/* docid -> the document's terms, each ended by \0 */
	SD_DB_SEARCH_DF,	/* term -> u32 number of documents with it */
	/* Schema 2: the enterprise's timeline and last contact (timeline.h). */
	SD_DB_TIMELINE,		/* uuid(16) when(8) kind(1) ref -> flags(1) */
	SD_DB_ENT_CONTACT,	/* uuid(16) -> day(4): the last contact */
	SD_DB_ENT_BY_CONTACT,	/* day(4) uuid(16) -> - */
	SD_DB_CASE_BY_DAY,	/* "followup:"|"wait-day:" day(4) casekey(6) -> - (internal.h) */
	/* Schema 2: events and their attendance (event_store.c). */
	SD_DB_EVENT,		/* uuid(16) -> event record */
	SD_DB_EVENT_BY_START,	/* start(8) uuid(16) -> - */
	SD_DB_EVENT_BY_PLATFORM, /* platform uuid(16) start(8) uuid(16) -> - */
	SD_DB_ATTEND,		/* event uuid(16) enterprise uuid(16) -> attendance record */
	/* Contact moments (moment_store.c); on the timeline through SD_DB_TIMELINE. */
	SD_DB_MOMENT,		/* uuid(16) -> moment record */
	SD_DB_MOMENT_BY_DAY,	/* day(4) uuid(16) -> - */
	SD_DB_MOMENT_BY_PERSON,	/* login \0 day(4) uuid(16) -> -: its owner and participants */
	SD_DB_MOMENT_BY_DEPT,	/* dept \0 day(4) uuid(16) -> - */
	SD_DB_MOMENT_FOLLOWUP,	/* owner \0 day(4) uuid(16) -> -: the follow-up day */
	/* Schema 3: the reports' figures (report_agg.h), kept by case_index and route_index. */
	SD_DB_REPORT_AGG,	/* kind(1) day(4) dept \0 category \0 extra -> int64 count */
	SD_DB_REPORT_CASE,	/* casekey(6) -> the case's facts the figures count */
	SD_DB_REPORT_ROUTE,	/* casekey(6) dept -> the route's facts the figures count */
	/* Opportunities (procure: opportunity_store.c); created empty in older databases. */
	SD_DB_OPP,		/* uuid(16) -> opportunity record */
	SD_DB_OPP_BY_DEADLINE,	/* deadline(4) uuid(16) -> - */
	SD_DB_OPP_LOT,		/* uuid(16) no(4) -> lot record */
	SD_DB_OPP_INVITE,	/* uuid(16) enterprise(16) -> invitation record */
	SD_DB_OPP_RESPONSE,	/* uuid(16) enterprise(16) lot(4) -> response record */
	SD_DB_OPP_AWARD,	/* uuid(16) lot(4) -> award record */
	SD_DB_OPP_SROI,		/* uuid(16) lot(4) seq(4) -> SROI report record */
	SD_DB_AWARD_BY_ENT,	/* enterprise(16) uuid(16) lot(4) -> -: past awards */
	SD_DB_ENT_BY_NACE,	/* NACE code \0 enterprise(16) -> - (opportunity_match.c) */
	SD_DB_ENT_BY_OFFER,	/* folded offer word \0 enterprise(16) -> - */
	/*
	 * Tables added after schema 3 without a bump (PLAN16 contract 1), from
	 * SD_DB_ADDED_FIRST on: created when a database without them opens
	 * (store.c).
	 */
	/* scale (report_agg_month.c): the reports' figures by month. */
	SD_DB_REPORT_MONTH,	/* as report_agg, the month's first day (a duration: + weekday) */
	/* Incoming mail (mailgate: mail_attach.c): attachments stored with a case. */
	SD_DB_MAIL_ATTACH,	/* casekey(6) no(2) -> attachment record */
	/* mailout (issue 16): outgoing mail (mail_outbox.c, mail_digest.c); created empty. */
	SD_DB_OUTBOX,		/* seq(8) -> outbox entry (JSON, with the whole message) */
	SD_DB_OUTBOX_DUE,	/* seq(8) -> -: the entries not sent yet */
	SD_DB_DIGEST_SENT,	/* day(4) recipient address -> seq(8): the day's digests */
	/* inboxfix: an officer's inbox in due order (case_store.c route_index). */
	SD_DB_ROUTE_OPEN_BY_DUE, /* dept \0 state(1) ~priority(1) due(4) ~casekey(6) -> -: open routes */
	/* Incoming mail's sender (ent_email_index.c), kept by ent_index. */
	SD_DB_ENT_BY_EMAIL,	/* domain \0 local part \0 enterprise(16) -> -, lower case */
	/*
	 * runs (issue 15): a bulk job's index writes, kept as sorted runs
	 * until they are merged into their tables (bulk_run.c).
	 */
	SD_DB_BULK_RUN,		/* run(8) table(1) first key -> block of ops (search_batch.h) */
	/* The contact point's overdue cases, the most urgent first (case_store.c case_index). */
	SD_DB_CASE_OPEN_BY_PRIO, /* ~priority(1) due(4) casekey(6) -> -, for cases still running */
	SD_DB_COUNT
};

/* The first table a schema-3 database may lack (created when it opens). */
#define SD_DB_ADDED_FIRST	SD_DB_REPORT_MONTH

struct sd_store {
	MDB_env	*env;
	MDB_dbi	 dbi[SD_DB_COUNT];
	char	*path;
	size_t	 mapsize;
	/*
	 * Instrumentation: records and index entries read through the
	 * helpers below since open.  Tests use it to prove that a list reads
	 * what its page needs, not the whole database.
	 */
	unsigned long reads;
	/* Set by a write that hit MDB_MAP_FULL, so sd_store_write can grow the map. */
	bool	 map_full;
	size_t	 map_limit;	/* the map never grows beyond this */
	/*
	 * An open batch (sd_store_batch_begin): actions run in nested
	 * transactions inside it and commit together, for bulk loads.
	 */
	MDB_txn	*batch;
	/*
	 * The caller's write rate (ratelimit.c), set by the desk: with
	 * rate_limit > 0 every write counts against rate_login's last minute
	 * in its own transaction, and one beyond the limit is refused.
	 */
	const char *rate_login;
	unsigned rate_limit;
	int64_t	(*rate_clock)(const void *ctx);	/* seconds since the epoch */
	const void *rate_ctx;
	/*
	 * sedesk's writer lock, taken before every write transaction (and
	 * held for a batch's whole life), so a writer waits a bounded time.
	 */
	struct sd_writelock wlock;
	unsigned lock_timeout_ms;
	char	*who;		/* the login the lock names while we hold it */
	/*
	 * The open bulk chunk's kept index writes (search_batch.c, bulk.c):
	 * set only while a chunk's write transaction is open; NULL: written
	 * at once.
	 */
	struct search_batch *sb;
	/*
	 * Its report counts' differences, summed per key and written at its
	 * end (report_agg_batch.c); NULL: written at once.
	 */
	struct agg_batch *agg;
	/*
	 * While runs are pending (bulk_run.c), an ordinary write
	 * transaction's writes to those indexes, logged beside the direct
	 * write and appended as a run at its commit; NULL: none pending.
	 */
	struct search_batch *runlog;
};

struct sd_txn {
	struct sd_store	*st;
	MDB_txn		*txn;
	bool		 write;
	/*
	 * A write transaction's cursor per table for sd_db_get/put (opened
	 * when first used; LMDB frees a write transaction's cursors when it
	 * ends).  mdb_put and mdb_get start each call from the root; a cursor
	 * still on the page of its last key looks there first, so keys in
	 * order (a new case's, a journal's, a record read then written) skip
	 * the descent.
	 */
	MDB_cursor	*cur[SD_DB_COUNT];
};

/*
 * The write transaction's cursor on db (opened on first use, never closed
 * by the caller), or NULL in a read transaction or when LMDB has none to
 * give.  Where it was left is where the next get or put looks first.
 */
MDB_cursor *sd_txn_cursor(struct sd_txn *t, enum sd_dbi db);

/*
 * A bulk chunk's writes to indexes that nothing in the chunk reads (the
 * search postings and their document counts, the enterprise indexes by
 * word, tag, name, offer, NACE code and last contact), kept and written
 * sorted, through one cursor per table, when the chunk commits
 * (search_batch.c says why).  sd_db_put/put_flag/del on such a table in
 * a write transaction of a store with st->sb set add to it.
 */
struct search_batch;
struct search_batch *search_batch_new(void);
void	search_batch_free(struct search_batch *sb);
size_t	search_batch_mark(const struct search_batch *sb);
size_t	search_batch_bytes(const struct search_batch *sb);
void	search_batch_undo(struct search_batch *sb, size_t mark);
bool	search_batch_defers(enum sd_dbi db);
/* Adds delta to term's document count through cursor c on SD_DB_SEARCH_DF (removed at 0). */
int	search_df_add(MDB_cursor *c, const uint8_t *term, size_t tlen, long delta);
bool	search_batch_add(struct search_batch *sb, enum sd_dbi db, const void *key, size_t klen,
	    const void *val, size_t vlen);
sd_status search_batch_flush(struct sd_txn *t, struct search_batch *sb, struct sd_error *err);
/* The same writes appended as one run to SD_DB_BULK_RUN instead (bulk_run.c). */
sd_status search_batch_run(struct sd_txn *t, struct search_batch *sb, struct sd_error *err);


/*
 * Opens the environment in directory path.  With create, makes the
 * directory (mode 2770) and the databases if missing; without it, a
 * directory with no database is an error that says to run `sedesk init`.
 * A database of a newer schema is refused naming both versions.
 * lock_timeout_ms: how long a write waits for another process's write
 * (see writelock.h); who: the login the writer lock names while held.
 */
/*
 * Schema migrations that fill new tables from the records (migrate.c):
 * each runs inside the upgrade's one write transaction and returns an
 * LMDB code.
 */
int	sd_migrate_timeline(MDB_txn *txn, struct sd_store *st);
int	sd_migrate_reports(MDB_txn *txn, struct sd_store *st);
/* The opportunities' matching indexes of the enterprises there are (opportunity_match.c). */
int	sd_migrate_opp_indexes(MDB_txn *txn, struct sd_store *st);

sd_status sd_store_open(struct sd_store *st, const char *path, size_t mapsize,
    unsigned lock_timeout_ms, const char *who, bool create, struct sd_error *err);
void	sd_store_close(struct sd_store *st);

/*
 * The id of the last committed write transaction of any process: a front
 * end compares it on a timer to notice changes made by others.
 */
uint64_t sd_store_last_txn(struct sd_store *st);

/* Frees the reader slots of processes that died (they pin old pages). */
void	sd_store_reader_check(struct sd_store *st);

sd_status sd_txn_begin(struct sd_store *st, bool write, struct sd_txn *t, struct sd_error *err);
sd_status sd_txn_commit(struct sd_txn *t, struct sd_error *err);
void	sd_txn_abort(struct sd_txn *t);

/*
 * Runs action inside one write transaction and commits it when the action
 * returns SD_OK; aborts otherwise, so nothing half-written stays.  The
 * writer lock is taken first: when another process holds it longer than
 * lock_timeout_ms, fails with SD_BUSY before anything starts.  When
 * the map is full, it doubles the map (up to map_limit) and runs the
 * action again from the start; other processes adopt the new size.
 */
typedef sd_status (*sd_write_fn)(struct sd_txn *t, void *arg, struct sd_error *err);
sd_status sd_store_write(struct sd_store *st, sd_write_fn action, void *arg,
    struct sd_error *err);

/*
 * Runs (bulk_run.c): the index writes of a bulk job of more than one
 * chunk, kept in SD_DB_BULK_RUN until they are merged.
 */
#define RUN_KEY_MAX	511
/* The next run's number (meta "runseq"), counted in t. */
sd_status run_next_seq(struct sd_txn *t, uint64_t *seq, struct sd_error *err);
/*
 * The index writes waiting in runs (0: none), as t sees them; cheap (one
 * test per write transaction), so while a merge is under way it may still
 * count writes logged since its last chunk that it will skip.
 */
uint64_t sd_runs_pending(struct sd_txn *t);
/* The same, exactly: what the merge has left to apply (check says it). */
uint64_t sd_runs_left(struct sd_txn *t);
/*
 * Merges every pending run into its tables, in chunks of about chunk_ms
 * (0: the default) each its own write transaction, and ending early when
 * the heap (LMDB's changed pages) passes heap_max bytes (0: 128 MiB more
 * than when it began); last(t, arg, err),
 * when not NULL, runs in the commit that empties the run table (a bulk
 * job removes its record there).  Nothing pending: last runs in a
 * transaction of its own.
 */
sd_status sd_runs_merge(struct sd_store *st, unsigned chunk_ms, size_t heap_max,
    sd_write_fn last, void *arg, struct sd_error *err);
/* Merges the pending runs, if any (check --repair, reindex). */
sd_status sd_runs_finish(struct sd_store *st, struct sd_error *err);

/*
 * Counts one write of the caller in transaction t (meta "rate:LOGIN": the
 * times of their changes in the last minute); SD_DENIED with a message
 * saying how many, the limit and how long to wait when it is reached.
 * Nothing to do without a limit or inside a batch.
 */
sd_status sd_store_rate_charge(struct sd_txn *t, struct sd_error *err);
/*
 * The same check in a read transaction, before waiting for the writer: a
 * user past the limit is refused without holding up anyone's writes.
 * Only a shortcut; sd_store_rate_charge decides.
 */
sd_status sd_store_rate_precheck(struct sd_store *st, struct sd_error *err);
/*
 * sd_store_write for a user's own bookmark (a case's seen mark): it does not
 * count against the write rate and does not wait for another process's
 * write: busy, it fails at once (ratelimit.c says why).
 */
sd_status sd_store_write_bookmark(struct sd_store *st, sd_write_fn action, void *arg,
    struct sd_error *err);

/*
 * Batches for bulk loads (imports, the benchmark's generator): between
 * begin and commit every sd_store_write runs in a nested transaction of
 * one write transaction, so a failing action still changes nothing, and
 * the batch costs one durable commit.  Only for a process that loads; a
 * batch holds the writer lock (both sedesk's and LMDB's) until it commits
 * or aborts.
 */
sd_status sd_store_batch_begin(struct sd_store *st, struct sd_error *err);
sd_status sd_store_batch_commit(struct sd_store *st, struct sd_error *err);
void	sd_store_batch_abort(struct sd_store *st);
/*
 * After a batch that failed and was aborted because the map was full:
 * a larger map for a new try (what sd_store_write does by itself for
 * one transaction).  False when the map cannot grow further or was not
 * full.
 */
bool	sd_store_batch_grow(struct sd_store *st);

/*
 * For bulk jobs that commit in slices, between two of them: lets a writer
 * of another process that is waiting go first (a short pause at most).
 */
void	sd_store_yield(struct sd_store *st);

/* The table's name in the environment ("case_by_status", …). */
const char *sd_store_db_name(enum sd_dbi db);

/* Whether another process has the database in DIR open (backup.c: restore, compaction). */
bool sd_store_in_use(const char *dir);

/*
 * Maps an LMDB return code to a status and a message ("database error: …"),
 * for calls on the environment outside a transaction (open, copy).
 */
sd_status sd_store_error(int rc, const char *what, struct sd_error *err);
/*
 * The same for a code of a raw LMDB call inside transaction t; a full map
 * is noted, so sd_store_write grows the map and runs the action again.
 */
sd_status sd_txn_error(struct sd_txn *t, int rc, const char *what, struct sd_error *err);

/*
 * Reading and writing one key, LMDB's codes turned into a status and a
 * message where they arise; what names the record for the message
 * ("case", "search index").  Every error of a write goes through
 * sd_txn_error, so a full map makes sd_store_write grow it.  sd_db_get
 * returns SD_NOTFOUND for an absent key and leaves err alone then (the
 * caller knows what was missing); sd_db_del of an absent key is SD_OK.
 * Reads are counted (reads above).  There are no int-returning twins: the
 * core has one error currency.
 */
sd_status sd_db_get(struct sd_txn *t, enum sd_dbi db, const void *key, size_t klen,
    MDB_val *out, const char *what, struct sd_error *err);
sd_status sd_db_put(struct sd_txn *t, enum sd_dbi db, const void *key, size_t klen,
    const void *data, size_t dlen, const char *what, struct sd_error *err);
/*
 * Like sd_db_put, but never replaces a record: for keys taken from a
 * sequence (case numbers, the journal).  A sequence is read under the
 * writer lock and never below its table's last key, so a key that exists
 * already means damage that another number would not mend: SD_FAIL, with
 * the message that a sequence is behind and to run `sedesk check --repair`
 * (no caller retries).
 */
sd_status sd_db_put_new(struct sd_txn *t, enum sd_dbi db, const void *key, size_t klen,
    const void *data, size_t dlen, const char *what, struct sd_error *err);
sd_status sd_db_put_flag(struct sd_txn *t, enum sd_dbi db, const void *key, size_t klen,
    const char *what, struct sd_error *err);	/* empty value */
sd_status sd_db_del(struct sd_txn *t, enum sd_dbi db, const void *key, size_t klen,
    const char *what, struct sd_error *err);
/*
 * A flag key written only when absent (*changed: it was), and removed
 * only when present (*changed: it was there): a count kept beside the
 * keys (the search's document counts) follows what the table holds.
 */
sd_status sd_db_put_absent(struct sd_txn *t, enum sd_dbi db, const void *key, size_t klen,
    bool *changed, const char *what, struct sd_error *err);
sd_status sd_db_del_found(struct sd_txn *t, enum sd_dbi db, const void *key, size_t klen,
    bool *changed, const char *what, struct sd_error *err);
/* Empties table db. */
sd_status sd_db_drop(struct sd_txn *t, enum sd_dbi db, const char *what, struct sd_error *err);

/*
 * Walks the keys of db that start with prefix, forward or backward.
 * Typical use:
 *	struct sd_iter it;
 *	sd_iter_start(&it, t, SD_DB_X, prefix, plen, backward, NULL, 0);
 *	while (sd_iter_next(&it)) { … it.key, it.val … }
 *	s = sd_iter_status(&it, "what", err);	(an LMDB error that ended it)
 *	sd_iter_end(&it);
 * resume/rlen: when given, continue strictly after (forward) or before
 * (backward) that key, for paging.
 */
struct sd_iter {
	struct sd_txn	*t;
	MDB_cursor	*cur;
	MDB_val		 key, val;
	const void	*prefix;
	size_t		 plen;
	bool		 backward, started, done;
	const void	*resume;
	size_t		 rlen;
	int		 rc;	/* LMDB's code: read it as a status, sd_iter_status */
};
void	sd_iter_start(struct sd_iter *it, struct sd_txn *t, enum sd_dbi db,
	    const void *prefix, size_t plen, bool backward, const void *resume, size_t rlen);
bool	sd_iter_next(struct sd_iter *it);
void	sd_iter_end(struct sd_iter *it);
/* SD_OK, or the error that ended the walk early, with its message. */
sd_status sd_iter_status(const struct sd_iter *it, const char *what, struct sd_error *err);

#endif
