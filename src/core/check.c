/*
 * The integrity check (see ops.h).  Rather than restate how every index is
 * keyed, it rebuilds the indexes from the records with the same functions
 * that maintain them, inside a write transaction, and compares the result
 * with what was stored.  The check must not hold the writer (it takes
 * seconds on a large register, and anyone may be waiting to write), so it
 * copies the database in one read transaction into a scratch environment
 * of its own and rebuilds there.  A repair, when that found problems, does
 * it all again in the database and keeps it.
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
#include "sedesk/profile.h"
#include "event_internal.h"
#include "sedesk/i18n.h"
#include "keys.h"
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
	/* Events (rebuild_events). */
	SD_DB_EVENT_BY_START, SD_DB_EVENT_BY_PLATFORM,
	/* Contact moments (rebuild_moments). */
	SD_DB_MOMENT_BY_DAY, SD_DB_MOMENT_BY_PERSON, SD_DB_MOMENT_BY_DEPT, SD_DB_MOMENT_FOLLOWUP,
	/* The reports' figures: rebuilt by case_index and route_index (report_agg.c). */
	SD_DB_REPORT_AGG, SD_DB_REPORT_CASE, SD_DB_REPORT_ROUTE,
	/* Opportunities (rebuild_opp_one, rebuild_award_one); enterprises' by ent_index. */
	SD_DB_OPP_BY_DEADLINE, SD_DB_AWARD_BY_ENT, SD_DB_ENT_BY_NACE, SD_DB_ENT_BY_OFFER,
};
#define NINDEXES (sizeof indexes / sizeof indexes[0])

struct check {
	struct sd_desk	*d;
	bool		 repair;
	sd_problem_fn	 problem;
	void		*arg;
	size_t		 problems;
	MDB_dbi		 saved[NINDEXES];
	/* Problems are told only once the check has run whole (it may restart). */
	char		**msgs;
	size_t		 nmsgs;
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
forget_problems(struct check *c)
{
	for (size_t i = 0; i < c->nmsgs; i++)
		free(c->msgs[i]);
	free(c->msgs);
	c->msgs = NULL;
	c->nmsgs = 0;
	c->problems = 0;
}

/* Copies each index into a scratch table of the transaction, then empties it. */
static sd_status
save_indexes(struct check *c, struct sd_txn *t, struct sd_error *err)
{
	for (size_t i = 0; i < NINDEXES; i++) {
		char name[64];
		struct sd_iter it;
		sd_status s;
		int rc;

		snprintf(name, sizeof name, "check_%s", sd_store_db_name(indexes[i]));
		if ((rc = mdb_dbi_open(t->txn, name, MDB_CREATE, &c->saved[i])) != 0 ||
		    (rc = mdb_drop(t->txn, c->saved[i], 0)) != 0)
			return sd_txn_error(t, rc, _("check"), err);
		sd_iter_start(&it, t, indexes[i], NULL, 0, false, NULL, 0);
		while (rc == 0 && sd_iter_next(&it))
			rc = mdb_put(t->txn, c->saved[i], &it.key, &it.val, MDB_APPEND);
		s = rc != 0 ? sd_txn_error(t, rc, _("check"), err) :
		    sd_iter_status(&it, _("check"), err);
		sd_iter_end(&it);
		if (s == SD_OK)
			s = sd_db_drop(t, indexes[i], _("check"), err);
		if (s != SD_OK)
			return s;
	}
	return SD_OK;
}

static sd_status
rebuild_journal_index(struct check *c, struct sd_txn *t, struct sd_error *err)
{
	struct sd_iter it;
	sd_status s = SD_OK;

	{
		/* The journal's sequence must stand at its last entry or beyond. */
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
			if ((s = sd_db_put(t, SD_DB_META, "journalseq", 10, &last, 8, _("check"),
			    err)) != SD_OK)
				return s;
		}
	}
	sd_iter_start(&it, t, SD_DB_JOURNAL, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_journal_entry e;
		unsigned long long seq = it.key.mv_size == 8 ? sd_be64(it.key.mv_data) : 0;

		if (it.key.mv_size != 8 || !journal_decode(&it.val, &e) || e.subject_len == 0) {
			if (it.key.mv_size == 8)
				sd_journal_entry_free(&e);
			report(c, _("journal entry %llu cannot be read"), seq);
			continue;
		}
		if (e.actor == NULL || *e.actor == '\0' || e.kind == NULL || *e.kind == '\0')
			report(c, _("journal entry %llu has no actor or kind"), seq);
		/* Order is the sequence itself; times follow clocks, which may step back. */
		if (e.at <= 0)
			report(c, _("journal entry %llu has no time"), seq);
		{
			struct sd_key k;
			sd_key_reset(&k);
			sd_key_u8(&k, e.subject_kind);
			sd_key_bytes(&k, e.subject, e.subject_len);
			sd_key_bytes(&k, it.key.mv_data, 8);
			s = sd_db_put_flag(t, SD_DB_JOURNAL_BY_SUBJECT, k.b, k.len, _("check"), err);
		}
		sd_journal_entry_free(&e);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("check"), err);
	sd_iter_end(&it);
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
rebuild_enterprises(struct check *c, struct sd_txn *t, struct sd_error *err)
{
	struct sd_iter it;
	sd_status s = SD_OK;

	sd_iter_start(&it, t, SD_DB_ENT, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_enterprise e;
		struct sd_error err1;
		if (it.key.mv_size != SD_UUID_LEN ||
		    ent_load(t, it.key.mv_data, &e, &err1) != SD_OK) {
			report(c, _("an enterprise record cannot be read"));
			continue;
		}
		check_profile(c, &e);
		s = ent_index(t, &e, true, err);
		if (s == SD_OK && (s = search_index_enterprise(t, NULL, &e, &err1)) != SD_OK)
			s = search_failed(c, t, s, &err1, err);
		sd_enterprise_free(&e);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("check"), err);
	sd_iter_end(&it);
	return s;
}

static sd_status
rebuild_cases(struct check *c, struct sd_txn *t, struct sd_error *err)
{
	struct sd_iter it;
	uint16_t year = 0;
	uint32_t expect = 0;
	sd_status s = SD_OK;

	sd_iter_start(&it, t, SD_DB_CASE, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_case cs;
		struct sd_error err1;
		struct sd_case_key key;
		char num[SD_CASE_NUMBER_MAX];
		MDB_val v;

		if (it.key.mv_size != SD_CASE_KEY_LEN) {
			report(c, _("a case key has the wrong size"));
			continue;
		}
		key = sd_case_key_unpack(it.key.mv_data);
		sd_case_number_format(key, num);
		/* Numbers of a year run 1, 2, 3, … */
		if (key.year != year) {
			year = key.year;
			expect = 1;
		}
		if (key.seq != expect)
			report(c, _("case numbers of %u skip from %05lu to %s"), (unsigned)year,
			    (unsigned long)(expect - 1), num);
		expect = key.seq + 1;
		if (case_load(t, key, &cs, &err1) != SD_OK) {
			report(c, _("case %s cannot be read"), num);
			continue;
		}
		if (sd_db_get(t, SD_DB_ENT, cs.enterprise, SD_UUID_LEN, &v, NULL, NULL) != SD_OK)
			report(c, _("case %s belongs to an enterprise that does not exist"), num);
		s = case_index(t, &cs, true, err);
		if (s == SD_OK && (s = search_index_case(t, &cs, &err1)) != SD_OK)
			s = search_failed(c, t, s, &err1, err);
		sd_case_free(&cs);
		{
			/* The year's sequence must stand at its last number. */
			char meta[32];
			uint32_t seq = 0;
			snprintf(meta, sizeof meta, "caseseq:%04u", (unsigned)key.year);
			if (sd_db_get(t, SD_DB_META, meta, strlen(meta), &v, NULL, NULL) == SD_OK &&
			    v.mv_size == 4)
				memcpy(&seq, v.mv_data, 4);
			if (seq < key.seq) {
				report(c, _("the case sequence of %u stands at %u, below case %s"),
				    (unsigned)key.year, seq, num);
				/* A repair moves it up, so no new case takes an old number. */
				seq = key.seq;
				if (s == SD_OK)
					s = sd_db_put(t, SD_DB_META, meta, strlen(meta), &seq,
					    sizeof seq, _("check"), err);
			}
		}
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("check"), err);
	sd_iter_end(&it);
	return s;
}

static sd_status
rebuild_routes(struct check *c, struct sd_txn *t, struct sd_error *err)
{
	struct sd_iter it;
	sd_status s = SD_OK;

	sd_iter_start(&it, t, SD_DB_ROUTE, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_route r;
		struct sd_case_key key;
		char num[SD_CASE_NUMBER_MAX];
		MDB_val v;

		if (it.key.mv_size <= SD_CASE_KEY_LEN || !route_decode(&it.val, &r)) {
			/* route_decode may have read some fields before it failed. */
			if (it.key.mv_size > SD_CASE_KEY_LEN)
				sd_route_free(&r);
			report(c, _("a route record cannot be read"));
			continue;
		}
		key = sd_case_key_unpack(it.key.mv_data);
		sd_case_number_format(key, num);
		if (sd_db_get(t, SD_DB_CASE, it.key.mv_data, SD_CASE_KEY_LEN, &v, NULL, NULL) != SD_OK)
			report(c, _("a route to %s belongs to case %s, which does not exist"), r.dept,
			    num);
		if (sd_config_department(&c->d->cfg, r.dept) == NULL)
			report(c, _("case %s is routed to %s, a department the configuration no "
			    "longer has"), num, r.dept);
		s = route_index(t, key, &r, true, err);
		sd_route_free(&r);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("check"), err);
	sd_iter_end(&it);
	return s;
}

/*
 * Events: their start and platform entries and search documents; then
 * each attendance's timeline entry, at its event's start.
 */
static sd_status
rebuild_events(struct check *c, struct sd_txn *t, struct sd_error *err)
{
	struct sd_iter it;
	sd_status s = SD_OK;

	sd_iter_start(&it, t, SD_DB_EVENT, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_event e;
		struct sd_error err1;
		if (it.key.mv_size != SD_UUID_LEN || event_load(t, it.key.mv_data, &e, &err1) != SD_OK) {
			report(c, _("an event record cannot be read"));
			continue;
		}
		s = event_index(t, &e, true, err);
		if (s == SD_OK && (s = search_index_event(t, &e, &err1)) != SD_OK)
			s = search_failed(c, t, s, &err1, err);
		sd_event_free(&e);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("check"), err);
	sd_iter_end(&it);
	sd_iter_start(&it, t, SD_DB_ATTEND, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_attendance a;
		struct sd_event e;
		MDB_val v;
		if (it.key.mv_size != 2 * SD_UUID_LEN || !attend_decode(&it.val, &a)) {
			report(c, _("an attendance record cannot be read"));
			continue;
		}
		if (event_load(t, a.event, &e, NULL) != SD_OK) {
			report(c, _("an attendance belongs to an event that does not exist"));
			continue;
		}
		if (sd_db_get(t, SD_DB_ENT, a.enterprise, SD_UUID_LEN, &v, NULL, NULL) != SD_OK)
			report(c, _("an attendance of %s belongs to an enterprise that does not exist"),
			    e.title);
		s = attend_index(t, e.start, &a, true, err);
		sd_event_free(&e);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("check"), err);
	sd_iter_end(&it);
	return s;
}


/* Contact moments: their indexes, timeline entries and search documents. */
static sd_status
rebuild_moments(struct check *c, struct sd_txn *t, struct sd_error *err)
{
	struct sd_iter it;
	sd_status s = SD_OK;

	sd_iter_start(&it, t, SD_DB_MOMENT, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_moment m;
		struct sd_error err1;
		MDB_val v;

		if (it.key.mv_size != SD_UUID_LEN || moment_load(t, it.key.mv_data, &m, &err1) !=
		    SD_OK) {
			report(c, _("a contact moment record cannot be read"));
			continue;
		}
		if (sd_db_get(t, SD_DB_ENT, m.enterprise, SD_UUID_LEN, &v, NULL, NULL) != SD_OK)
			report(c, _("a contact moment belongs to an enterprise that does not exist"));
		s = moment_index(t, &m, true, err);
		if (s == SD_OK && (s = search_index_moment(t, &m, &err1)) != SD_OK)
			s = search_failed(c, t, s, &err1, err);
		sd_moment_free(&m);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("check"), err);
	sd_iter_end(&it);
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

/* Runs one per-record rebuild over every record of db. */
static sd_status
rebuild_each(struct check *c, struct sd_txn *t, enum sd_dbi db,
    sd_status (*one)(struct check *, struct sd_txn *, const MDB_val *, const MDB_val *,
    struct sd_error *), struct sd_error *err)
{
	struct sd_iter it;
	sd_status s = SD_OK;

	sd_iter_start(&it, t, db, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it))
		s = one(c, t, &it.key, &it.val, err);
	if (s == SD_OK)
		s = sd_iter_status(&it, _("check"), err);
	sd_iter_end(&it);
	return s;
}

/* Walks the saved and the rebuilt index side by side, counting differences. */
static sd_status
compare(struct check *c, struct sd_txn *t, size_t i, struct sd_error *err)
{
	MDB_cursor *a, *b;
	MDB_val ka, va, kb, vb;
	size_t extra = 0, missing = 0, changed = 0;
	int ra, rb, rc;

	if ((rc = mdb_cursor_open(t->txn, c->saved[i], &a)) != 0)
		return sd_txn_error(t, rc, _("check"), err);
	if ((rc = mdb_cursor_open(t->txn, t->st->dbi[indexes[i]], &b)) != 0) {
		mdb_cursor_close(a);
		return sd_txn_error(t, rc, _("check"), err);
	}
	ra = mdb_cursor_get(a, &ka, &va, MDB_FIRST);
	rb = mdb_cursor_get(b, &kb, &vb, MDB_FIRST);
	while (ra == 0 || rb == 0) {
		int cmp;
		if (ra != 0)
			cmp = 1;
		else if (rb != 0)
			cmp = -1;
		else
			cmp = mdb_cmp(t->txn, t->st->dbi[indexes[i]], &ka, &kb);
		if (cmp < 0) {
			extra++;
			ra = mdb_cursor_get(a, &ka, &va, MDB_NEXT);
		} else if (cmp > 0) {
			missing++;
			rb = mdb_cursor_get(b, &kb, &vb, MDB_NEXT);
		} else {
			if (va.mv_size != vb.mv_size || memcmp(va.mv_data, vb.mv_data, va.mv_size) != 0)
				changed++;
			ra = mdb_cursor_get(a, &ka, &va, MDB_NEXT);
			rb = mdb_cursor_get(b, &kb, &vb, MDB_NEXT);
		}
	}
	mdb_cursor_close(a);
	mdb_cursor_close(b);
	if (extra > 0)
		report(c, _("index %s: %zu entries that no record explains"),
		    sd_store_db_name(indexes[i]), extra);
	if (missing > 0)
		report(c, _("index %s: %zu entries missing"), sd_store_db_name(indexes[i]), missing);
	if (changed > 0)
		report(c, _("index %s: %zu entries differ from the records"),
		    sd_store_db_name(indexes[i]), changed);
	return SD_OK;
}

static sd_status
check_in(struct check *c, struct sd_txn *t, struct sd_error *err)
{
	sd_status s = save_indexes(c, t, err);

	/* The journal's index first: the search index reads a case's journal. */
	if (s == SD_OK)
		s = rebuild_journal_index(c, t, err);
	if (s == SD_OK)
		s = rebuild_enterprises(c, t, err);
	if (s == SD_OK)
		s = rebuild_cases(c, t, err);
	if (s == SD_OK)
		s = rebuild_routes(c, t, err);
	if (s == SD_OK)
		s = rebuild_events(c, t, err);
	if (s == SD_OK)
		s = rebuild_moments(c, t, err);
	if (s == SD_OK)
		s = rebuild_each(c, t, SD_DB_OPP, rebuild_opp_one, err);
	if (s == SD_OK)
		s = rebuild_each(c, t, SD_DB_OPP_AWARD, rebuild_award_one, err);
	for (size_t i = 0; s == SD_OK && i < NINDEXES; i++)
		s = compare(c, t, i, err);
	/* The scratch copies need room too: sd_txn_error lets sd_store_write grow the map. */
	for (size_t i = 0; s == SD_OK && i < NINDEXES; i++)
		s = sd_txn_error(t, mdb_drop(t->txn, c->saved[i], 1), _("check"), err);
	return s;
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
 * The rebuild runs as a write action; without repair (in the scratch
 * copy) it ends with CHECK_DONE, which makes sd_store_write throw it away.
 */
#define CHECK_DONE SD_CONFLICT

static sd_status
check_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct check *c = arg;
	sd_status s;

	forget_problems(c);
	s = check_in(c, t, err);
	return s == SD_OK && !c->repair ? CHECK_DONE : s;
}

/* Copies every table of the database, as one snapshot, into the scratch store. */
struct copy {
	struct sd_txn	*from;
};

static sd_status
copy_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct copy *cp = arg;
	int rc = 0;

	for (int i = 0; rc == 0 && i < SD_DB_COUNT; i++) {
		MDB_cursor *cur;
		MDB_val k, v;
		int r;

		if ((rc = mdb_cursor_open(cp->from->txn, cp->from->st->dbi[i], &cur)) != 0)
			break;
		for (r = mdb_cursor_get(cur, &k, &v, MDB_FIRST); r == 0 && rc == 0;
		    r = mdb_cursor_get(cur, &k, &v, MDB_NEXT))
			rc = mdb_put(t->txn, t->st->dbi[i], &k, &v, MDB_APPEND);
		if (rc == 0 && r != MDB_NOTFOUND)
			rc = r;
		mdb_cursor_close(cur);
	}
	return sd_txn_error(t, rc, _("check"), err);
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
	/* The copy, the saved indexes and the rebuilt ones; sd_store_write grows it if need be. */
	sc->mapsize = used * 4 + ((size_t)16 << 20);
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

/* The plain check: a snapshot copied under a read transaction, rebuilt in the copy. */
static sd_status
check_snapshot(struct check *c, struct sd_error *err)
{
	struct sd_store sc;
	struct sd_txn from;
	struct copy cp = { .from = &from };
	sd_status s;

	if ((s = scratch_open(c->d, &sc, err)) != SD_OK) {
		scratch_close(&sc);
		return s;
	}
	if ((s = sd_txn_begin(c->d->store, false, &from, err)) == SD_OK) {
		s = sd_store_write(&sc, copy_action, &cp, err);
		sd_txn_abort(&from);
	}
	if (s == SD_OK)
		s = sd_store_write(&sc, check_action, c, err);
	scratch_close(&sc);
	return s;
}

sd_status
sd_check(struct sd_desk *d, bool repair, sd_problem_fn problem, void *arg, size_t *problems,
    struct sd_error *err)
{
	struct check c = { .d = d, .repair = repair, .problem = problem, .arg = arg };
	sd_status s;

	*problems = 0;
	if ((s = sd_permit(d, SD_ACT_CHECK, NULL, err)) != SD_OK ||
	    (repair && (s = sd_permit(d, SD_ACT_REPAIR, NULL, err)) != SD_OK))
		return s;
	if ((s = verify_readable(d->store->path, 0, err)) != SD_OK)
		return s;
	/*
	 * First in the snapshot, which holds nobody up; only a repair of a
	 * database with problems then takes the writer, for one transaction.
	 */
	c.repair = false;
	s = check_snapshot(&c, err);
	if (s == CHECK_DONE && repair && c.problems > 0) {
		sd_error_clear(err);
		forget_problems(&c);
		c.repair = true;
		s = sd_store_write(d->store, check_action, &c, err);
	}
	if (s == CHECK_DONE) {
		sd_error_clear(err);
		s = SD_OK;
	}
	if (s == SD_OK) {
		*problems = c.problems;
		for (size_t i = 0; i < c.nmsgs && problem != NULL; i++)
			problem(arg, c.msgs[i]);
	}
	forget_problems(&c);
	return s;
}
