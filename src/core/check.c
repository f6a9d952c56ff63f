/*
 * The integrity check (see ops.h).  Rather than restate how every index is
 * keyed, it rebuilds the indexes from the records with the same functions
 * that maintain them, and compares the result with what is stored.
 *
 * It works in bounded chunks at any size, and the check itself never
 * takes the writer:
 *
 *  1. In one read transaction (a snapshot; nobody waits for it) it copies
 *     the records -- every table that is not in indexes[] -- into a
 *     scratch environment of its own, committing every half second.
 *  2. It rebuilds every index there from the copied records, record by
 *     record, committing every half second: memory holds one chunk's
 *     changed pages, never the whole rebuild.
 *  3. It walks each rebuilt index and the snapshot's side by side in key
 *     order and counts the entries that are extra, missing or different.
 *  4. A repair then applies exactly those differences to the live index,
 *     in chunks of at most CHUNK_MS (chunk.h) under the writer, released
 *     between chunks so that others write.  An entry that another user's
 *     write changed since the snapshot (it differs from the snapshot's) is
 *     left as they made it; when anybody wrote during the repair, the
 *     check runs again on a new snapshot and repairs what is left, until a
 *     round finds nothing or nobody wrote (MAX_ROUNDS).  Every chunk
 *     writes meta "repair" (the index and key it reached): a repair that
 *     was killed keeps the chunks it committed, and a rerun finds only
 *     what is left.  Readers see each entry either as damaged as before or
 *     repaired, never an index emptied for a rebuild.
 *
 * Adding a table's rebuild is one row in rebuilds[] with a function that
 * re-indexes ONE record of that table, and its index tables in indexes[]:
 *
 *	static sd_status
 *	rebuild_X_one(struct check *c, struct sd_txn *t, const MDB_val *key,
 *	    const MDB_val *val, struct sd_error *err)
 *
 * t is the scratch transaction holding the copied records and the indexes
 * rebuilt so far (rows run in the order of rebuilds[]); key and val are
 * the record's.  It loads the record, report()s what is wrong with it
 * (and returns SD_OK: a bad record is a problem, not a failure), and calls
 * the record's index functions with put = true.  A failure of t (a full
 * map) is returned: the chunk then runs again from its start, with the
 * problems and struct carry as they were before it.  Whatever passes from
 * one record to the next (the run of case numbers) lives in struct carry.
 * An optional begin function runs once before the row's first record.
 * Values maintained by index functions (counts, aggregates) are rebuilt
 * and compared like any index: list their tables in indexes[].
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "chunk.h"
#include "sedesk/profile.h"
#include "event_internal.h"
#include "sedesk/i18n.h"
#include "keys.h"
#include "mailgate_int.h"
#include "moment_internal.h"
#include "opportunity_internal.h"
#include "sedesk/ops.h"
#include "sedesk/text.h"

static const enum sd_dbi indexes[] = {
	SD_DB_ENT_BY_NUMBER, SD_DB_ENT_BY_NAME, SD_DB_ENT_BY_TAG, SD_DB_ENT_BY_WORD,
	SD_DB_CASE_BY_UUID, SD_DB_CASE_BY_STATUS, SD_DB_CASE_BY_ENT, SD_DB_CASE_BY_OWNER,
	SD_DB_CASE_OPEN_BY_DUE, SD_DB_ROUTE_BY_DEPT, SD_DB_JOURNAL_BY_SUBJECT,
	SD_DB_SEARCH_POST, SD_DB_SEARCH_DOC, SD_DB_SEARCH_DF,
	SD_DB_TIMELINE, SD_DB_ENT_CONTACT, SD_DB_ENT_BY_CONTACT, SD_DB_CASE_BY_DAY,
	/* Events (rebuild_event_one, rebuild_attend_one). */
	SD_DB_EVENT_BY_START, SD_DB_EVENT_BY_PLATFORM,
	/* Contact moments (rebuild_moment_one). */
	SD_DB_MOMENT_BY_DAY, SD_DB_MOMENT_BY_PERSON, SD_DB_MOMENT_BY_DEPT, SD_DB_MOMENT_FOLLOWUP,
	/* The reports' figures: rebuilt by case_index and route_index (report_agg.c). */
	SD_DB_REPORT_AGG, SD_DB_REPORT_CASE, SD_DB_REPORT_ROUTE,
	/* Opportunities (rebuild_opp_one, rebuild_award_one); enterprises' by ent_index. */
	SD_DB_OPP_BY_DEADLINE, SD_DB_AWARD_BY_ENT, SD_DB_ENT_BY_NACE, SD_DB_ENT_BY_OFFER,
	/* scale: the reports' figures by month (report_agg_month.c), kept with report_agg. */
	SD_DB_REPORT_MONTH,
	/* inboxfix: the open routes by due day, kept by route_index. */
	SD_DB_ROUTE_OPEN_BY_DUE,
	/* The enterprises by e-mail address, kept by ent_index. */
	SD_DB_ENT_BY_EMAIL,
	/* The running cases by priority and due day, kept by case_index. */
	SD_DB_CASE_OPEN_BY_PRIO,
};
#define NINDEXES (sizeof indexes / sizeof indexes[0])

/* The scratch environment is the check's own: longer chunks, bounded by memory only. */
#define SCRATCH_MS	500
/* How often a repair starts over on a new snapshot because others wrote meanwhile. */
#define MAX_ROUNDS	8
/*
 * The file pages (the two LMDB maps) this process may keep resident
 * before it gives them back (shed), and how often it asks: after every
 * record of a rebuild, every SHED_STEPS entries of a copy, compare, repair
 * or page walk (asking is a pread of /proc/self/statm, 1 us).  A record's
 * index entries land on leaf pages all over the big indexes (search
 * postings above all), and the kernel maps a faulted page's neighbours
 * with it (fault-around, 64 KiB): one record of many words touches
 * hundreds of leaves, 32 such records reached 580 MiB, and a whole
 * half-second chunk left alone showed as 0.9-1.6 GiB resident at 1M
 * cases, growing with the database and with the machine's speed.  The
 * pages a chunk changed are its transaction's own copies (anonymous
 * memory, bounded by COPY_BYTES and the chunk's length), which shedding
 * does not touch.
 */
#define SHED_BYTES	((size_t)48 << 20)
#define SHED_STEPS	1024
/*
 * The record bytes one copy chunk writes: LMDB keeps the pages a
 * transaction changed in memory until it commits, and keeps them for
 * reuse after (its free list of dirty pages is never given back), so a
 * half-second chunk of MDB_APPEND -- ~200 MiB -- stayed allocated for the
 * whole check.
 */
#define COPY_BYTES	((size_t)32 << 20)
/* LMDB's longest key (mdb_env_get_maxkeysize) */
#define KEY_MAX		512

/* What passes from one record to the next within a row of rebuilds[]. */
struct carry {
	uint16_t	year;		/* cases: the year of the last case number */
	uint32_t	expect;		/* and the number that should follow it */
};

struct check {
	struct sd_desk	*d;
	bool		 repair;
	size_t		 problems;
	/* Problems are told only once the check has run whole (a chunk may run again). */
	char		**msgs;
	size_t		 nmsgs;
	struct carry	 carry;
	struct sd_store	 sc;		/* the scratch environment */
	struct sd_txn	 from;		/* the snapshot of the live database */
	uint64_t	 snap;		/* its transaction id */
	size_t		 differ[NINDEXES];	/* differences found in each index */
	uint64_t	 pending;	/* index writes of an unfinished import (bulk_run.c) */
};

/* The problems and carry before a chunk, restored when it runs again. */
struct mark {
	size_t		 nmsgs;
	size_t		 problems;
	struct carry	 carry;
};

static void
report(struct check *c, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	c->problems++;
	c->msgs = sd_xrealloc(c->msgs, (c->nmsgs + 1) * sizeof *c->msgs);
	c->msgs[c->nmsgs++] = sd_xstrdup(buf);
}

static void
mark_save(const struct check *c, struct mark *m)
{
	m->nmsgs = c->nmsgs;
	m->problems = c->problems;
	m->carry = c->carry;
}

static void
mark_restore(struct check *c, const struct mark *m)
{
	while (c->nmsgs > m->nmsgs)
		free(c->msgs[--c->nmsgs]);
	c->problems = m->problems;
	c->carry = m->carry;
}

static void
forget_problems(struct check *c)
{
	for (size_t i = 0; i < c->nmsgs; i++)
		free(c->msgs[i]);
	free(c->msgs);
	c->msgs = NULL;
	c->nmsgs = 0;
	c->problems = 0;
}

static bool
is_index(int db)
{
	for (size_t i = 0; i < NINDEXES; i++)
		if ((int)indexes[i] == db)
			return true;
	return false;
}

/* --- the per-record rebuilds ------------------------------------------------------ */

/* The journal's sequence must stand at its last entry or beyond. */
static sd_status
journal_begin(struct check *c, struct sd_txn *t, struct sd_error *err)
{
	struct sd_iter it;
	uint64_t seq = 0, last = 0;
	MDB_val v;

	sd_iter_start(&it, t, SD_DB_JOURNAL, NULL, 0, true, NULL, 0);
	if (sd_iter_next(&it) && it.key.mv_size == 8)
		last = sd_be64(it.key.mv_data);
	sd_iter_end(&it);
	if (sd_db_get(t, SD_DB_META, "journalseq", 10, &v, NULL, NULL) == SD_OK &&
	    v.mv_size == 8)
		memcpy(&seq, v.mv_data, 8);
	if (seq < last) {
		report(c, _("the journal sequence stands at %llu, below its last entry %llu"),
		    (unsigned long long)seq, (unsigned long long)last);
		return sd_db_put(t, SD_DB_META, "journalseq", 10, &last, 8, _("check"), err);
	}
	return SD_OK;
}

static sd_status
rebuild_journal_one(struct check *c, struct sd_txn *t, const MDB_val *key, const MDB_val *val,
    struct sd_error *err)
{
	struct sd_journal_entry e;
	unsigned long long seq = key->mv_size == 8 ? sd_be64(key->mv_data) : 0;
	struct sd_key k;
	sd_status s;

	if (key->mv_size != 8 || !journal_decode(val, &e) || e.subject_len == 0) {
		if (key->mv_size == 8)
			sd_journal_entry_free(&e);
		report(c, _("journal entry %llu cannot be read"), seq);
		return SD_OK;
	}
	if (e.actor == NULL || *e.actor == '\0' || e.kind == NULL || *e.kind == '\0')
		report(c, _("journal entry %llu has no actor or kind"), seq);
	/* Order is the sequence itself; times follow clocks, which may step back. */
	if (e.at <= 0)
		report(c, _("journal entry %llu has no time"), seq);
	sd_key_reset(&k);
	sd_key_u8(&k, e.subject_kind);
	sd_key_bytes(&k, e.subject, e.subject_len);
	sd_key_bytes(&k, key->mv_data, 8);
	s = sd_db_put_flag(t, SD_DB_JOURNAL_BY_SUBJECT, k.b, k.len, _("check"), err);
	sd_journal_entry_free(&e);
	return s;
}

/*
 * A record's search index failed: a full map stops the check (the map
 * grows and it starts over); anything else is a problem of the record.
 */
static sd_status
search_failed(struct check *c, struct sd_txn *t, sd_status s, const struct sd_error *why,
    struct sd_error *err)
{
	if (!t->st->map_full) {
		report(c, "%s", why->msg);
		return SD_OK;
	}
	if (err != NULL)
		*err = *why;
	return s;
}

/*
 * The profile's fields by their rules today: a malformed line, a kind or
 * recognition the configuration no longer offers, a division that does
 * not exist.  The record stays as it is; the message says what to fix.
 */
static void
check_profile(struct check *c, const struct sd_enterprise *e)
{
	for (int f = 0; f < SD_EF_COUNT; f++) {
		struct sd_error why;
		char *v;

		if (!sd_profile_field(f) || e->f[f] == NULL)
			continue;
		if (sd_profile_normalise(&c->d->cfg, f, e->f[f], &v, &why) != SD_OK)
			report(c, _("enterprise %s: %s"), e->f[SD_EF_NAME], why.msg);
		else
			free(v);
	}
}

static sd_status
rebuild_enterprise_one(struct check *c, struct sd_txn *t, const MDB_val *key,
    const MDB_val *val, struct sd_error *err)
{
	struct sd_enterprise e;
	struct sd_error err1;
	sd_status s;

	(void)val;
	if (key->mv_size != SD_UUID_LEN || ent_load(t, key->mv_data, &e, &err1) != SD_OK) {
		report(c, _("an enterprise record cannot be read"));
		return SD_OK;
	}
	check_profile(c, &e);
	s = ent_index(t, &e, true, err);
	if (s == SD_OK && (s = search_index_enterprise(t, NULL, &e, &err1)) != SD_OK)
		s = search_failed(c, t, s, &err1, err);
	sd_enterprise_free(&e);
	return s;
}

static sd_status
rebuild_case_one(struct check *c, struct sd_txn *t, const MDB_val *mkey, const MDB_val *val,
    struct sd_error *err)
{
	struct sd_case cs;
	struct sd_error err1;
	struct sd_case_key key;
	char num[SD_CASE_NUMBER_MAX], meta[32];
	uint32_t seq = 0;
	MDB_val v;
	sd_status s;

	(void)val;
	if (mkey->mv_size != SD_CASE_KEY_LEN) {
		report(c, _("a case key has the wrong size"));
		return SD_OK;
	}
	key = sd_case_key_unpack(mkey->mv_data);
	sd_case_number_format(key, num);
	/* Numbers of a year run 1, 2, 3, … */
	if (key.year != c->carry.year) {
		c->carry.year = key.year;
		c->carry.expect = 1;
	}
	if (key.seq != c->carry.expect)
		report(c, _("case numbers of %u skip from %05lu to %s"), (unsigned)key.year,
		    (unsigned long)(c->carry.expect - 1), num);
	c->carry.expect = key.seq + 1;
	if (case_load(t, key, &cs, &err1) != SD_OK) {
		report(c, _("case %s cannot be read"), num);
		return SD_OK;
	}
	if (sd_db_get(t, SD_DB_ENT, cs.enterprise, SD_UUID_LEN, &v, NULL, NULL) != SD_OK)
		report(c, _("case %s belongs to an enterprise that does not exist"), num);
	s = case_index(t, &cs, true, err);
	if (s == SD_OK && (s = search_index_case(t, &cs, &err1)) != SD_OK)
		s = search_failed(c, t, s, &err1, err);
	sd_case_free(&cs);
	/* The year's sequence must stand at its last number. */
	snprintf(meta, sizeof meta, "caseseq:%04u", (unsigned)key.year);
	if (sd_db_get(t, SD_DB_META, meta, strlen(meta), &v, NULL, NULL) == SD_OK && v.mv_size == 4)
		memcpy(&seq, v.mv_data, 4);
	if (seq < key.seq) {
		report(c, _("the case sequence of %u stands at %u, below case %s"),
		    (unsigned)key.year, seq, num);
		/* A repair moves it up (fix_sequences), so no new case takes an old number. */
		seq = key.seq;
		if (s == SD_OK)
			s = sd_db_put(t, SD_DB_META, meta, strlen(meta), &seq, sizeof seq,
			    _("check"), err);
	}
	return s;
}

static sd_status
rebuild_route_one(struct check *c, struct sd_txn *t, const MDB_val *mkey, const MDB_val *val,
    struct sd_error *err)
{
	struct sd_route r;
	struct sd_case_key key;
	char num[SD_CASE_NUMBER_MAX];
	MDB_val v;
	sd_status s;

	if (mkey->mv_size <= SD_CASE_KEY_LEN || !route_decode(val, &r)) {
		/* route_decode may have read some fields before it failed. */
		if (mkey->mv_size > SD_CASE_KEY_LEN)
			sd_route_free(&r);
		report(c, _("a route record cannot be read"));
		return SD_OK;
	}
	key = sd_case_key_unpack(mkey->mv_data);
	sd_case_number_format(key, num);
	if (sd_db_get(t, SD_DB_CASE, mkey->mv_data, SD_CASE_KEY_LEN, &v, NULL, NULL) != SD_OK)
		report(c, _("a route to %s belongs to case %s, which does not exist"), r.dept, num);
	if (sd_config_department(&c->d->cfg, r.dept) == NULL)
		report(c, _("case %s is routed to %s, a department the configuration no "
		    "longer has"), num, r.dept);
	s = route_index(t, key, &r, true, err);
	sd_route_free(&r);
	return s;
}

/* Events: their start and platform entries and search documents. */
static sd_status
rebuild_event_one(struct check *c, struct sd_txn *t, const MDB_val *key, const MDB_val *val,
    struct sd_error *err)
{
	struct sd_event e;
	struct sd_error err1;
	sd_status s;

	(void)val;
	if (key->mv_size != SD_UUID_LEN || event_load(t, key->mv_data, &e, &err1) != SD_OK) {
		report(c, _("an event record cannot be read"));
		return SD_OK;
	}
	s = event_index(t, &e, true, err);
	if (s == SD_OK && (s = search_index_event(t, &e, &err1)) != SD_OK)
		s = search_failed(c, t, s, &err1, err);
	sd_event_free(&e);
	return s;
}

/* An attendance's timeline entry, at its event's start. */
static sd_status
rebuild_attend_one(struct check *c, struct sd_txn *t, const MDB_val *key, const MDB_val *val,
    struct sd_error *err)
{
	struct sd_attendance a;
	struct sd_event e;
	MDB_val v;
	sd_status s;

	if (key->mv_size != 2 * SD_UUID_LEN || !attend_decode(val, &a)) {
		report(c, _("an attendance record cannot be read"));
		return SD_OK;
	}
	if (event_load(t, a.event, &e, NULL) != SD_OK) {
		report(c, _("an attendance belongs to an event that does not exist"));
		return SD_OK;
	}
	if (sd_db_get(t, SD_DB_ENT, a.enterprise, SD_UUID_LEN, &v, NULL, NULL) != SD_OK)
		report(c, _("an attendance of %s belongs to an enterprise that does not exist"),
		    e.title);
	s = attend_index(t, e.start, &a, true, err);
	sd_event_free(&e);
	return s;
}

/* Contact moments: their indexes, timeline entries and search documents. */
static sd_status
rebuild_moment_one(struct check *c, struct sd_txn *t, const MDB_val *key, const MDB_val *val,
    struct sd_error *err)
{
	struct sd_moment m;
	struct sd_error err1;
	MDB_val v;
	sd_status s;

	(void)val;
	if (key->mv_size != SD_UUID_LEN || moment_load(t, key->mv_data, &m, &err1) != SD_OK) {
		report(c, _("a contact moment record cannot be read"));
		return SD_OK;
	}
	if (sd_db_get(t, SD_DB_ENT, m.enterprise, SD_UUID_LEN, &v, NULL, NULL) != SD_OK)
		report(c, _("a contact moment belongs to an enterprise that does not exist"));
	s = moment_index(t, &m, true, err);
	if (s == SD_OK && (s = search_index_moment(t, &m, &err1)) != SD_OK)
		s = search_failed(c, t, s, &err1, err);
	sd_moment_free(&m);
	return s;
}

/* One opportunity: its deadline entry and its search document. */
static sd_status
rebuild_opp_one(struct check *c, struct sd_txn *t, const MDB_val *key, const MDB_val *val,
    struct sd_error *err)
{
	struct sd_opportunity o;
	struct sd_error err1;
	sd_status s;

	(void)val;
	if (key->mv_size != SD_UUID_LEN || opp_load(t, key->mv_data, &o, &err1) != SD_OK) {
		report(c, _("an opportunity record cannot be read"));
		return SD_OK;
	}
	s = opp_index(t, &o, true, err);
	if (s == SD_OK && (s = search_index_opp(t, &o, &err1)) != SD_OK)
		s = search_failed(c, t, s, &err1, err);
	sd_opportunity_free(&o);
	return s;
}

/* One award: its past-award entry and its place on the enterprise's timeline. */
static sd_status
rebuild_award_one(struct check *c, struct sd_txn *t, const MDB_val *key, const MDB_val *val,
    struct sd_error *err)
{
	struct sd_opp_award a;
	MDB_val v;
	sd_status s;

	if (key->mv_size != SD_UUID_LEN + 4 || !opp_award_decode(val, &a)) {
		report(c, _("an award record cannot be read"));
		return SD_OK;
	}
	if (sd_db_get(t, SD_DB_OPP, a.opp, SD_UUID_LEN, &v, NULL, NULL) != SD_OK)
		report(c, _("an award belongs to an opportunity that does not exist"));
	s = opp_award_index(t, &a, true, err);
	sd_opp_award_free(&a);
	return s;
}

/*
 * An attachment kept from a mail (mail_attach.c): nothing indexes it, but
 * it belongs to a case, and one whose case is gone would be personal data
 * that no case, export or erasure reaches.
 */
static sd_status
rebuild_attach_one(struct check *c, struct sd_txn *t, const MDB_val *key, const MDB_val *val,
    struct sd_error *err)
{
	struct sd_attachment a = { 0 };
	MDB_val v;

	(void)err;
	if (!mail_attach_decode(key, val, &a)) {
		report(c, _("an attachment record cannot be read"));
		return SD_OK;
	}
	if (sd_db_get(t, SD_DB_CASE, key->mv_data, SD_CASE_KEY_LEN, &v, NULL, NULL) != SD_OK)
		report(c, _("an attachment belongs to a case that does not exist"));
	sd_attachment_free(&a);
	return SD_OK;
}

typedef sd_status (*rebuild_one_fn)(struct check *, struct sd_txn *, const MDB_val *,
    const MDB_val *, struct sd_error *);
typedef sd_status (*rebuild_begin_fn)(struct check *, struct sd_txn *, struct sd_error *);

/*
 * The rebuild, row by row in this order: the journal's index first (the
 * search index reads a case's journal), the records after it.
 */
static const struct rebuild {
	enum sd_dbi		 db;	/* the records */
	rebuild_one_fn		 one;	/* re-indexes one of them */
	rebuild_begin_fn	 begin;	/* NULL, or once before the first */
} rebuilds[] = {
	{ SD_DB_JOURNAL, rebuild_journal_one, journal_begin },
	{ SD_DB_ENT, rebuild_enterprise_one, NULL },
	{ SD_DB_CASE, rebuild_case_one, NULL },
	{ SD_DB_ROUTE, rebuild_route_one, NULL },
	{ SD_DB_EVENT, rebuild_event_one, NULL },
	{ SD_DB_ATTEND, rebuild_attend_one, NULL },
	{ SD_DB_MOMENT, rebuild_moment_one, NULL },
	{ SD_DB_OPP, rebuild_opp_one, NULL },
	{ SD_DB_OPP_AWARD, rebuild_award_one, NULL },
	{ SD_DB_MAIL_ATTACH, rebuild_attach_one, NULL },
};
#define NREBUILDS (sizeof rebuilds / sizeof rebuilds[0])

/* --- chunked passes ---------------------------------------------------------------- */

/* Where a chunked pass stands: a row (table, rebuild, index) and the last key done. */
struct pos {
	size_t		 row;
	bool		 begun;		/* the row's begin function ran */
	bool		 at;		/* key holds the last key done */
	size_t		 klen;
	uint8_t		 key[KEY_MAX];
};

static void
pos_set(struct pos *p, const MDB_val *k)
{
	p->klen = k->mv_size < KEY_MAX ? k->mv_size : KEY_MAX;
	memcpy(p->key, k->mv_data, p->klen);
	p->at = true;
}

static void
pos_next_row(struct pos *p)
{
	p->row++;
	p->begun = p->at = false;
}

/* Puts cursor on the first key after the position (the first key at all at a row's start). */
static int
pos_seek(MDB_cursor *cur, const struct pos *p, MDB_val *k, MDB_val *v)
{
	int rc;

	if (!p->at)
		return mdb_cursor_get(cur, k, v, MDB_FIRST);
	k->mv_size = p->klen;
	k->mv_data = (void *)p->key;
	rc = mdb_cursor_get(cur, k, v, MDB_SET_RANGE);
	if (rc == 0 && k->mv_size == p->klen && memcmp(k->mv_data, p->key, p->klen) == 0)
		rc = mdb_cursor_get(cur, k, v, MDB_NEXT);
	return rc;
}

struct pass {
	struct check	*c;
	struct pos	 cur;		/* where the pass stands (committed) */
	struct pos	 next;		/* where the chunk being written got to */
	struct mark	 mark;
};

/* Gives back the maps' pages when they are over SHED_BYTES. */
static void
shed(struct check *c)
{
	if (!sd_chunk_mapped_over(SHED_BYTES))
		return;
	sd_chunk_shed(c->d->store->env);
	sd_chunk_shed(c->sc.env);
}

/* Step 1: the records of the snapshot into the scratch copy, a chunk at a time. */
static sd_status
copy_chunk(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct pass *p = arg;
	struct sd_txn *from = &p->c->from;
	struct sd_chunk ch;
	size_t bytes = 0;
	int rc = 0;

	p->next = p->cur;
	sd_chunk_start(&ch, SCRATCH_MS);
	for (; rc == 0 && p->next.row < SD_DB_COUNT; pos_next_row(&p->next)) {
		MDB_cursor *cur;
		MDB_val k, v;
		int r;

		/* Pending runs are not records: the rebuild neither needs nor logs them. */
		if (is_index((int)p->next.row) || p->next.row == SD_DB_BULK_RUN)
			continue;
		if ((rc = mdb_cursor_open(from->txn, from->st->dbi[p->next.row], &cur)) != 0)
			break;
		for (r = pos_seek(cur, &p->next, &k, &v); r == 0 && rc == 0;
		    r = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
			if (sd_chunk_full(&ch) || (bytes > COPY_BYTES && ch.rows > 1)) {
				mdb_cursor_close(cur);
				return SD_OK;
			}
			if (ch.rows % SHED_STEPS == 0)
				shed(p->c);
			bytes += k.mv_size + v.mv_size;
			rc = mdb_put(t->txn, t->st->dbi[p->next.row], &k, &v, MDB_APPEND);
			pos_set(&p->next, &k);
		}
		if (rc == 0 && r != MDB_NOTFOUND)
			rc = r;
		mdb_cursor_close(cur);
		if (rc != 0)
			break;
	}
	return sd_txn_error(t, rc, _("check"), err);
}

/* Step 2: the indexes from the copied records, a chunk at a time. */
static sd_status
rebuild_chunk(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct pass *p = arg;
	struct check *c = p->c;
	struct sd_chunk ch;
	sd_status s = SD_OK;

	/* Run again after the map grew: the problems and carry as before the chunk. */
	mark_restore(c, &p->mark);
	p->next = p->cur;
	sd_chunk_start(&ch, SCRATCH_MS);
	for (; s == SD_OK && p->next.row < NREBUILDS; pos_next_row(&p->next)) {
		const struct rebuild *r = &rebuilds[p->next.row];
		struct sd_iter it;
		bool full = false;

		if (!p->next.begun) {
			p->next.begun = true;
			if (r->begin != NULL && (s = r->begin(c, t, err)) != SD_OK)
				break;
		}
		sd_iter_start(&it, t, r->db, NULL, 0, false, p->next.at ? p->next.key : NULL,
		    p->next.klen);
		while (s == SD_OK && sd_iter_next(&it)) {
			if ((full = sd_chunk_full(&ch)))
				break;
			shed(c);
			pos_set(&p->next, &it.key);
			s = r->one(c, t, &it.key, &it.val, err);
		}
		if (s == SD_OK)
			s = sd_iter_status(&it, _("check"), err);
		sd_iter_end(&it);
		if (full)
			break;
	}
	return s;
}

static sd_status
run_pass(struct check *c, sd_write_fn chunk, size_t rows, struct sd_error *err)
{
	struct pass p = { .c = c };
	sd_status s;

	do {
		mark_save(c, &p.mark);
		if ((s = sd_store_write(&c->sc, chunk, &p, err)) != SD_OK)
			return s;
		p.cur = p.next;
		shed(c);
	} while (p.cur.row < rows);
	return SD_OK;
}

/* Step 3: the rebuilt index and the snapshot's side by side, counting differences. */
static sd_status
compare(struct check *c, struct sd_txn *t, size_t i, struct sd_error *err)
{
	MDB_cursor *a, *b;
	MDB_val ka, va, kb, vb;
	MDB_dbi dbi = t->st->dbi[indexes[i]];
	size_t extra = 0, missing = 0, changed = 0, steps = 0;
	struct pos prev = { 0 };	/* the live index's last key */
	int ra, rb, rc;

	if ((rc = mdb_cursor_open(c->from.txn, c->from.st->dbi[indexes[i]], &a)) != 0)
		return sd_txn_error(&c->from, rc, _("check"), err);
	if ((rc = mdb_cursor_open(t->txn, dbi, &b)) != 0) {
		mdb_cursor_close(a);
		return sd_txn_error(t, rc, _("check"), err);
	}
	ra = mdb_cursor_get(a, &ka, &va, MDB_FIRST);
	rb = mdb_cursor_get(b, &kb, &vb, MDB_FIRST);
	while (ra == 0 || rb == 0) {
		int cmp;
		if (++steps % SHED_STEPS == 0)
			shed(c);
		if (ra != 0)
			cmp = 1;
		else if (rb != 0)
			cmp = -1;
		else
			cmp = mdb_cmp(t->txn, dbi, &ka, &kb);
		if (ra == 0) {
			/*
			 * Damaged pages of the live index read as keys out of
			 * order or of impossible sizes: that is damage, not a
			 * matter of the records.
			 */
			if (ka.mv_size == 0 || ka.mv_size > KEY_MAX - 1 || (prev.at &&
			    mdb_cmp(t->txn, dbi, &(MDB_val){ prev.klen, prev.key }, &ka) >= 0)) {
				mdb_cursor_close(a);
				mdb_cursor_close(b);
				return sd_store_error(MDB_CORRUPTED, _("check"), err);
			}
		}
		if (cmp < 0) {
			extra++;
			pos_set(&prev, &ka);
			ra = mdb_cursor_get(a, &ka, &va, MDB_NEXT);
		} else if (cmp > 0) {
			missing++;
			rb = mdb_cursor_get(b, &kb, &vb, MDB_NEXT);
		} else {
			if (va.mv_size != vb.mv_size || memcmp(va.mv_data, vb.mv_data, va.mv_size) != 0)
				changed++;
			pos_set(&prev, &ka);
			ra = mdb_cursor_get(a, &ka, &va, MDB_NEXT);
			rb = mdb_cursor_get(b, &kb, &vb, MDB_NEXT);
		}
	}
	mdb_cursor_close(a);
	mdb_cursor_close(b);
	if (ra != MDB_NOTFOUND)
		return sd_txn_error(&c->from, ra, _("check"), err);
	if (rb != MDB_NOTFOUND)
		return sd_txn_error(t, rb, _("check"), err);
	if (extra > 0)
		report(c, _("index %s: %zu entries that no record explains"),
		    sd_store_db_name(indexes[i]), extra);
	if (missing > 0)
		report(c, _("index %s: %zu entries missing"), sd_store_db_name(indexes[i]), missing);
	if (changed > 0)
		report(c, _("index %s: %zu entries differ from the records"),
		    sd_store_db_name(indexes[i]), changed);
	c->differ[i] = extra + missing + changed;
	return SD_OK;
}

/* --- step 4: the repair ------------------------------------------------------------ */

struct apply {
	struct check	*c;
	struct pos	 cur, next;
	bool		 seqs, next_seqs;	/* the sequences were moved up */
	uint64_t	 txnid, next_txnid;	/* the last transaction that we know of */
	bool		 others;		/* somebody else wrote meanwhile */
	size_t		 skipped, next_skipped;	/* entries left to the next round */
};

/*
 * The sequences in meta that the rebuild moved up (journalseq,
 * caseseq:YYYY): the same in the live database, never down.
 */
static sd_status
fix_sequences(struct sd_txn *t, struct sd_txn *sc, struct sd_error *err)
{
	struct sd_iter it;
	sd_status s = SD_OK;

	sd_iter_start(&it, sc, SD_DB_META, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		bool journal = it.key.mv_size == 10 && memcmp(it.key.mv_data, "journalseq", 10) == 0;
		uint64_t want = 0, have = 0;
		MDB_val v;

		if (!(journal && it.val.mv_size == 8) && !(it.key.mv_size > 8 &&
		    memcmp(it.key.mv_data, "caseseq:", 8) == 0 && it.val.mv_size == 4))
			continue;
		if (journal)
			memcpy(&want, it.val.mv_data, 8);
		else {
			uint32_t w;
			memcpy(&w, it.val.mv_data, 4);
			want = w;
		}
		if (sd_db_get(t, SD_DB_META, it.key.mv_data, it.key.mv_size, &v, NULL, NULL) ==
		    SD_OK && v.mv_size == it.val.mv_size) {
			if (journal)
				memcpy(&have, v.mv_data, 8);
			else {
				uint32_t h;
				memcpy(&h, v.mv_data, 4);
				have = h;
			}
		}
		if (want > have)
			s = sd_db_put(t, SD_DB_META, it.key.mv_data, it.key.mv_size, it.val.mv_data,
			    it.val.mv_size, _("check"), err);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("check"), err);
	sd_iter_end(&it);
	return s;
}

/*
 * Whether the live entry k (lv, or absent when lv is NULL) is still as the
 * snapshot had it: one that another user's write changed since is left
 * as they made it (the next round compares it again).
 */
static bool
as_compared(struct check *c, MDB_dbi sdbi, const MDB_val *k, const MDB_val *lv)
{
	MDB_val key = *k, sv;
	int rc = mdb_get(c->from.txn, sdbi, &key, &sv);

	if (rc != 0)
		return lv == NULL;
	return lv != NULL && lv->mv_size == sv.mv_size &&
	    memcmp(lv->mv_data, sv.mv_data, sv.mv_size) == 0;
}

/*
 * Makes the live index i equal to the rebuilt one from the position on,
 * until the chunk is full (*full) or the index ends.  Entries that others
 * changed since the snapshot are skipped (*skipped).
 */
static sd_status
apply_index(struct check *c, struct sd_txn *t, struct sd_txn *sc, size_t i, struct pos *p,
    struct sd_chunk *ch, bool *full, size_t *skipped, struct sd_error *err)
{
	MDB_dbi dbi = t->st->dbi[indexes[i]], sdbi = c->from.st->dbi[indexes[i]];
	MDB_cursor *ec, *lc;
	MDB_val ek, ev, lk, lv;
	int re, rl, rc;

	if ((rc = mdb_cursor_open(sc->txn, sc->st->dbi[indexes[i]], &ec)) != 0)
		return sd_txn_error(t, rc, _("check"), err);
	if ((rc = mdb_cursor_open(t->txn, dbi, &lc)) != 0) {
		mdb_cursor_close(ec);
		return sd_txn_error(t, rc, _("check"), err);
	}
	re = pos_seek(ec, p, &ek, &ev);
	rl = pos_seek(lc, p, &lk, &lv);
	while (rc == 0 && (re == 0 || rl == 0)) {
		int cmp;

		if ((*full = sd_chunk_full(ch)))
			break;
		if (ch->rows % SHED_STEPS == 0)
			shed(c);
		cmp = re != 0 ? 1 : rl != 0 ? -1 : mdb_cmp(t->txn, dbi, &ek, &lk);
		if (cmp > 0) {
			/* No record explains it. */
			pos_set(p, &lk);
			if (!as_compared(c, sdbi, &lk, &lv)) {
				(*skipped)++;
				rl = mdb_cursor_get(lc, &lk, &lv, MDB_NEXT);
			} else if ((rc = mdb_cursor_del(lc, 0)) == 0) {
				rl = pos_seek(lc, p, &lk, &lv);
			}
			continue;
		}
		pos_set(p, &ek);
		if (cmp < 0 || lv.mv_size != ev.mv_size ||
		    memcmp(lv.mv_data, ev.mv_data, ev.mv_size) != 0) {
			/* Missing, or not what the record gives. */
			if (!as_compared(c, sdbi, &ek, cmp < 0 ? NULL : &lv)) {
				(*skipped)++;
				if (cmp == 0)
					rl = mdb_cursor_get(lc, &lk, &lv, MDB_NEXT);
			} else if ((rc = mdb_put(t->txn, dbi, &ek, &ev, 0)) == 0) {
				rl = pos_seek(lc, p, &lk, &lv);
			}
		} else {
			rl = mdb_cursor_get(lc, &lk, &lv, MDB_NEXT);
		}
		if (rc == 0)
			re = mdb_cursor_get(ec, &ek, &ev, MDB_NEXT);
	}
	if (rc == 0 && re != 0 && re != MDB_NOTFOUND)
		rc = re;
	if (rc == 0 && rl != 0 && rl != MDB_NOTFOUND)
		rc = rl;
	mdb_cursor_close(ec);
	mdb_cursor_close(lc);
	return sd_txn_error(t, rc, _("check"), err);
}

/* One chunk of the repair, under the writer. */
static sd_status
apply_chunk(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct apply *a = arg;
	struct check *c = a->c;
	struct sd_txn sc;
	struct sd_chunk ch;
	sd_status s;

	/* Somebody wrote since the snapshot or our last chunk: check again after. */
	if (mdb_txn_id(t->txn) != a->txnid + 1)
		a->others = true;
	a->next_txnid = mdb_txn_id(t->txn);
	a->next = a->cur;
	a->next_seqs = a->seqs;
	a->next_skipped = a->skipped;
	if ((s = sd_txn_begin(&c->sc, false, &sc, err)) != SD_OK)
		return s;
	if (!a->next_seqs) {
		a->next_seqs = true;
		s = fix_sequences(t, &sc, err);
	}
	sd_chunk_start(&ch, CHUNK_MS);
	for (; s == SD_OK && a->next.row < NINDEXES; pos_next_row(&a->next)) {
		bool full = false;

		if (c->differ[a->next.row] == 0)
			continue;
		s = apply_index(c, t, &sc, a->next.row, &a->next, &ch, &full, &a->next_skipped,
		    err);
		if (full)
			break;
	}
	sd_txn_abort(&sc);
	/*
	 * The progress record, in the chunk's own commit: it shows that a
	 * repair stopped halfway (a rerun goes on), and it makes every chunk
	 * a change, so that the transaction ids above follow each other
	 * (LMDB does not count a commit without changes).
	 */
	if (s == SD_OK && a->next.row < NINDEXES) {
		uint8_t rec[8 + KEY_MAX];
		uint64_t row = a->next.row;
		memcpy(rec, &row, 8);
		memcpy(rec + 8, a->next.key, a->next.klen);
		s = sd_db_put(t, SD_DB_META, "repair", 6, rec, 8 + a->next.klen, _("check"), err);
	} else if (s == SD_OK) {
		s = sd_db_del(t, SD_DB_META, "repair", 6, _("check"), err);
	}
	return s;
}

/*
 * Applies the differences in chunks; *again when others wrote meanwhile,
 * so that another round must compare again (and repair what is left).
 */
static sd_status
repair(struct check *c, bool *again, struct sd_error *err)
{
	struct apply a = { .c = c, .txnid = c->snap };
	bool first = true;
	sd_status s;

	do {
		s = sd_chunk_write(c->d->store, first, apply_chunk, &a, err);
		if (s != SD_OK)
			return s;
		first = false;
		a.cur = a.next;
		a.seqs = a.next_seqs;
		a.txnid = a.next_txnid;
		a.skipped = a.next_skipped;
		shed(c);
	} while (a.cur.row < NINDEXES);
	*again = a.others || a.skipped > 0;
	sd_chunk_trace("repair: applied; others wrote meanwhile: %s, entries left: %zu",
	    a.others ? "yes" : "no", a.skipped);
	return SD_OK;
}

/*
 * Reads every page of every table in a child process: LMDB trusts its file
 * and may abort or fault on a damaged page, which must not take the
 * checking process down with it.  The child opens its own environment
 * (one must never be used across fork).
 */
static sd_status
verify_readable(const char *path, unsigned flags, struct sd_error *err)
{
	pid_t pid;
	int status;

	fflush(NULL);
	if ((pid = fork()) < 0)
		return sd_fail(err, SD_FAIL, _("cannot start the check: %s"), strerror(errno));
	if (pid == 0) {
		MDB_env *env;
		MDB_txn *txn;
		MDB_dbi main_db;
		MDB_cursor *cur;
		MDB_val k, v;
		size_t steps = 0;
		int rc;

		if (mdb_env_create(&env) != 0)
			_exit(2);
		mdb_env_set_maxdbs(env, SD_DB_COUNT * 2 + 8);
		if (mdb_env_open(env, path, flags | MDB_RDONLY, 0600) != 0 ||
		    mdb_txn_begin(env, NULL, MDB_RDONLY, &txn) != 0 ||
		    mdb_dbi_open(txn, NULL, 0, &main_db) != 0 ||
		    mdb_cursor_open(txn, main_db, &cur) != 0)
			_exit(1);
		/* The main table lists the named tables; walk each one whole. */
		while ((rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) == 0) {
			char name[128];
			MDB_dbi dbi;
			MDB_cursor *c2;
			MDB_val k2, v2;
			if (k.mv_size >= sizeof name)
				_exit(1);
			memcpy(name, k.mv_data, k.mv_size);
			name[k.mv_size] = '\0';
			if (mdb_dbi_open(txn, name, 0, &dbi) != 0 ||
			    mdb_cursor_open(txn, dbi, &c2) != 0)
				_exit(1);
			while ((rc = mdb_cursor_get(c2, &k2, &v2, MDB_NEXT)) == 0) {
				volatile unsigned char sink = 0;
				/* Read whole, the file would all count as resident. */
				if (++steps % SHED_STEPS == 0 &&
				    sd_chunk_mapped_over(SHED_BYTES))
					sd_chunk_shed(env);
				for (size_t i = 0; i < v2.mv_size; i += 512)
					sink ^= ((unsigned char *)v2.mv_data)[i];
				(void)sink;
			}
			if (rc != MDB_NOTFOUND)
				_exit(1);
			mdb_cursor_close(c2);
		}
		/* Closing frees the child's reader slot in the shared lock file. */
		mdb_cursor_close(cur);
		mdb_txn_abort(txn);
		mdb_env_close(env);
		_exit(rc == MDB_NOTFOUND ? 0 : 1);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return sd_fail(err, SD_FAIL, _("cannot wait for the check: %s"), strerror(errno));
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return SD_OK;
	return sd_fail(err, SD_FAIL,
	    _("%s: the database file is damaged (%s); restore the last backup "
	    "(`sedesk restore FILE`)."), path,
	    WIFSIGNALED(status) ? _("reading it crashes") : _("pages cannot be read"));
}

sd_status
sd_verify_file(const char *path, bool single_file, struct sd_error *err)
{
	return verify_readable(path, single_file ? MDB_NOSUBDIR | MDB_NOLOCK : 0, err);
}

/*
 * The scratch environment's file, which LMDB opens by path.  Preferably an
 * unnamed file in the temporary directory (O_TMPFILE, opened again through
 * /proc/self/fd): nobody can open it by name, nothing is left behind
 * however the check ends, and it does not take the database disk's space.
 * Else a file in the database directory (only the group reaches it),
 * removed as soon as LMDB has it open.  Returns the descriptor to close
 * once the environment is open; *unlink_after says to remove path then.
 */
static int
scratch_file(const char *dbdir, struct sd_buf *path, bool *unlink_after)
{
	const char *tmp = !sd_privileged() && getenv("TMPDIR") != NULL &&
	    getenv("TMPDIR")[0] == '/' ? getenv("TMPDIR") : "/tmp";
	int fd;

	*unlink_after = false;
	if ((fd = open(tmp, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) >= 0) {
		sd_buf_addf(path, "/proc/self/fd/%d", fd);
		return fd;
	}
	sd_buf_addf(path, "%s/check-XXXXXX", dbdir);
	if ((fd = mkstemp(path->data)) >= 0)
		*unlink_after = true;
	return fd;
}

/* The scratch environment: a private copy with no lock file and no other user. */
static sd_status
scratch_open(struct sd_desk *d, struct sd_store *sc, struct sd_error *err)
{
	struct sd_buf path = { 0 };
	MDB_envinfo info;
	MDB_stat ms;
	MDB_txn *txn = NULL;
	sd_status s = SD_OK;
	size_t used;
	bool unlink_after;
	int fd, rc;

	memset(sc, 0, sizeof *sc);
	mdb_env_info(d->store->env, &info);
	mdb_env_stat(d->store->env, &ms);
	used = (size_t)(info.me_last_pgno + 1) * ms.ms_psize;
	/* The records and the rebuilt indexes; sd_store_write grows it if need be. */
	sc->mapsize = used * 2 + ((size_t)16 << 20);
	sc->map_limit = sc->mapsize * 16 > d->store->map_limit ? sc->mapsize * 16 :
	    d->store->map_limit;
	if ((fd = scratch_file(d->store->path, &path, &unlink_after)) < 0) {
		s = sd_fail(err, SD_FAIL, _("cannot make the check's scratch copy in %s: %s"),
		    d->store->path, strerror(errno));
		goto out;
	}
	rc = mdb_env_create(&sc->env);
	if (rc == 0)
		rc = mdb_env_set_maxdbs(sc->env, SD_DB_COUNT * 2 + 8);
	if (rc == 0)
		rc = mdb_env_set_mapsize(sc->env, sc->mapsize);
	if (rc == 0)
		rc = mdb_env_open(sc->env, path.data, MDB_NOSUBDIR | MDB_NOLOCK | MDB_NOSYNC |
		    MDB_NOMETASYNC, 0600);
	if (unlink_after)
		unlink(path.data);
	close(fd);
	if (rc == 0) {
		mdb_filehandle_t efd;
		int fl;
		if (mdb_env_get_fd(sc->env, &efd) == 0 && (fl = fcntl(efd, F_GETFD)) >= 0)
			fcntl(efd, F_SETFD, fl | FD_CLOEXEC);
		rc = mdb_txn_begin(sc->env, NULL, 0, &txn);
	}
	for (int i = 0; rc == 0 && i < SD_DB_COUNT; i++)
		rc = mdb_dbi_open(txn, sd_store_db_name(i), MDB_CREATE, &sc->dbi[i]);
	if (rc == 0)
		rc = mdb_txn_commit(txn);
	else if (txn != NULL)
		mdb_txn_abort(txn);
	if (rc != 0)
		s = sd_store_error(rc, _("check"), err);
out:
	sc->path = path.data;
	if (s != SD_OK) {
		if (sc->env != NULL)
			mdb_env_close(sc->env);
		sc->env = NULL;
	}
	return s;
}

static void
scratch_close(struct sd_store *sc)
{
	if (sc->env != NULL)
		mdb_env_close(sc->env);
	sc->env = NULL;
	free(sc->path);
	sc->path = NULL;
}

static void
round_end(struct check *c)
{
	sd_txn_abort(&c->from);
	scratch_close(&c->sc);
}

/* Steps 1-3 on a new snapshot; the scratch copy and the snapshot stay open. */
static sd_status
check_round(struct check *c, struct sd_error *err)
{
	struct sd_txn t;
	sd_status s;

	forget_problems(c);
	memset(&c->carry, 0, sizeof c->carry);
	memset(c->differ, 0, sizeof c->differ);
	c->from.txn = NULL;
	if ((s = scratch_open(c->d, &c->sc, err)) != SD_OK)
		return s;
	if ((s = sd_txn_begin(c->d->store, false, &c->from, err)) != SD_OK)
		return s;
	c->snap = mdb_txn_id(c->from.txn);
	sd_chunk_trace("check: snapshot at transaction %llu", (unsigned long long)c->snap);
	if ((s = run_pass(c, copy_chunk, SD_DB_COUNT, err)) != SD_OK)
		return s;
	sd_chunk_trace("check: records copied");
	if ((s = run_pass(c, rebuild_chunk, NREBUILDS, err)) != SD_OK)
		return s;
	sd_chunk_trace("check: indexes rebuilt");
	if ((s = sd_txn_begin(&c->sc, false, &t, err)) != SD_OK)
		return s;
	/*
	 * Index writes waiting in runs (an import not finished) are not in
	 * their tables yet: those tables, and the document counts, are not
	 * compared (check says so instead; --repair merged them first).
	 */
	c->pending = sd_runs_left(&c->from);
	for (size_t i = 0; s == SD_OK && i < NINDEXES; i++)
		if (c->pending == 0 || (!search_batch_defers(indexes[i]) &&
		    indexes[i] != SD_DB_SEARCH_DF))
			s = compare(c, &t, i, err);
	sd_txn_abort(&t);
	sd_chunk_trace("check: compared, %zu problems", c->problems);
	return s;
}

sd_status
sd_check(struct sd_desk *d, bool repair_it, sd_problem_fn problem, void *arg, size_t *problems,
    struct sd_error *err)
{
	struct check c = { .d = d, .repair = repair_it };
	char **told = NULL;
	size_t ntold = 0, found = 0;
	sd_status s;

	*problems = 0;
	if ((s = sd_permit(d, SD_ACT_CHECK, NULL, err)) != SD_OK ||
	    (repair_it && (s = sd_permit(d, SD_ACT_REPAIR, NULL, err)) != SD_OK))
		return s;
	sd_chunk_trace("check: start");
	if ((s = verify_readable(d->store->path, 0, err)) != SD_OK)
		return s;
	sd_chunk_trace("check: every page read");
	/* An unfinished import's index writes are merged first (bulk_run.c). */
	if (repair_it && (s = sd_runs_finish(d->store, err)) != SD_OK)
		return s;
	for (int round = 0;; round++) {
		bool again = false;

		s = check_round(&c, err);
		if (round == 0) {
			/* What is told is what the first snapshot showed. */
			told = c.msgs;
			ntold = c.nmsgs;
			found = c.problems;
			c.msgs = NULL;
			c.nmsgs = 0;
			c.problems = 0;
		}
		if (s == SD_OK && repair_it && c.problems + (round == 0 ? found : 0) > 0)
			s = repair(&c, &again, err);
		round_end(&c);
		if (s != SD_OK || !again)
			break;
		if (round + 1 == MAX_ROUNDS) {
			s = sd_fail(err, SD_BUSY, _("the database changed during the repair %d times, "
			    "while others wrote; what was repaired stays. Run `sedesk check --repair` "
			    "again at a quieter time."), MAX_ROUNDS);
			break;
		}
	}
	if (s == SD_OK) {
		*problems = found;
		for (size_t i = 0; i < ntold && problem != NULL; i++)
			problem(arg, told[i]);
		/* Told, not counted: the import's rerun or a repair finishes them. */
		if (c.pending > 0 && problem != NULL) {
			char line[256];
			snprintf(line, sizeof line, _("%llu index writes of an unfinished import "
			    "are pending; run the import again, or `sedesk check --repair`."),
			    (unsigned long long)c.pending);
			problem(arg, line);
		}
	}
	forget_problems(&c);
	c.msgs = told;
	c.nmsgs = ntold;
	forget_problems(&c);
	return s;
}
