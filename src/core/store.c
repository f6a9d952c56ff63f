/*
 * The LMDB environment, its named databases and transactions.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "sedesk/i18n.h"
#include "internal.h"
#include "store.h"
#include "report_agg.h"
#include "sedesk/text.h"

static const char *const db_names[SD_DB_COUNT] = {
	[SD_DB_META] = "meta",
	[SD_DB_ENT] = "ent",
	[SD_DB_ENT_BY_NUMBER] = "ent_by_number",
	[SD_DB_ENT_BY_NAME] = "ent_by_name",
	[SD_DB_ENT_BY_TAG] = "ent_by_tag",
	[SD_DB_ENT_BY_WORD] = "ent_by_word",
	[SD_DB_CASE] = "case",
	[SD_DB_CASE_BY_UUID] = "case_by_uuid",
	[SD_DB_CASE_BY_STATUS] = "case_by_status",
	[SD_DB_CASE_BY_ENT] = "case_by_ent",
	[SD_DB_CASE_BY_OWNER] = "case_by_owner",
	[SD_DB_CASE_OPEN_BY_DUE] = "case_open_by_due",
	[SD_DB_ROUTE] = "route",
	[SD_DB_ROUTE_BY_DEPT] = "route_by_dept",
	[SD_DB_JOURNAL] = "journal",
	[SD_DB_JOURNAL_BY_SUBJECT] = "journal_by_subject",
	[SD_DB_SEARCH_POST] = "search_post",
	[SD_DB_SEARCH_DOC] = "search_doc",
	[SD_DB_SEARCH_DF] = "search_df",
	[SD_DB_TIMELINE] = "timeline",
	[SD_DB_ENT_CONTACT] = "ent_contact",
	[SD_DB_ENT_BY_CONTACT] = "ent_by_contact",
	[SD_DB_CASE_BY_DAY] = "case_by_day",
	/* Events (event_store.c). */
	[SD_DB_EVENT] = "event",
	[SD_DB_EVENT_BY_START] = "event_by_start",
	[SD_DB_EVENT_BY_PLATFORM] = "event_by_platform",
	[SD_DB_ATTEND] = "attend",
	/* Contact moments. */
	[SD_DB_MOMENT] = "moment",
	[SD_DB_MOMENT_BY_DAY] = "moment_by_day",
	[SD_DB_MOMENT_BY_PERSON] = "moment_by_person",
	[SD_DB_MOMENT_BY_DEPT] = "moment_by_dept",
	[SD_DB_MOMENT_FOLLOWUP] = "moment_followup",
	/* The reports' figures (report_agg.c). */
	[SD_DB_REPORT_AGG] = "report_agg",
	[SD_DB_REPORT_CASE] = "report_case",
	[SD_DB_REPORT_ROUTE] = "report_route",
	/* Opportunities (procure). */
	[SD_DB_OPP] = "opp",
	[SD_DB_OPP_BY_DEADLINE] = "opp_by_deadline",
	[SD_DB_OPP_LOT] = "opp_lot",
	[SD_DB_OPP_INVITE] = "opp_invite",
	[SD_DB_OPP_RESPONSE] = "opp_response",
	[SD_DB_OPP_AWARD] = "opp_award",
	[SD_DB_OPP_SROI] = "opp_sroi",
	[SD_DB_AWARD_BY_ENT] = "award_by_ent",
	[SD_DB_ENT_BY_NACE] = "ent_by_nace",
	[SD_DB_ENT_BY_OFFER] = "ent_by_offer",
	/* scale: the reports' figures by month (report_agg_month.c). */
	[SD_DB_REPORT_MONTH] = "report_month",
	/* mailgate */
	[SD_DB_MAIL_ATTACH] = "mail_attach",
	/* mailout */
	[SD_DB_OUTBOX] = "outbox",
	[SD_DB_OUTBOX_DUE] = "outbox_due",
	[SD_DB_DIGEST_SENT] = "digest_sent",
	/* inboxfix */
	[SD_DB_ROUTE_OPEN_BY_DUE] = "route_open_by_due",
	[SD_DB_ENT_BY_EMAIL] = "ent_by_email",
	/* runs: a bulk job's pending index writes (bulk_run.c) */
	[SD_DB_BULK_RUN] = "bulk_run",
	[SD_DB_CASE_OPEN_BY_PRIO] = "case_open_by_prio",
};

const char *
sd_store_db_name(enum sd_dbi db)
{
	return db < SD_DB_COUNT ? db_names[db] : "?";
}

sd_status
sd_store_error(int rc, const char *what, struct sd_error *err)
{
	switch (rc) {
	case 0:
		return SD_OK;
	case MDB_MAP_FULL:
		return sd_fail(err, SD_FAIL,
		    _("%s: the database is full; nothing was changed. "
		    "Raise [database] mapsize in the configuration."), what);
	case ENOSPC:
		return sd_fail(err, SD_FAIL,
		    _("%s: disk full; nothing was changed. Free disk space and try again."),
		    what);
	case MDB_KEYEXIST:
		return sd_fail(err, SD_FAIL,
		    _("%s: a record with this key exists already, so a sequence is behind; "
		    "nothing was changed. Run `sedesk check --repair`."), what);
	case MDB_CORRUPTED:
	case MDB_PAGE_NOTFOUND:
	case MDB_INVALID:
	case MDB_BAD_VALSIZE:
	case MDB_BAD_TXN:
		return sd_fail(err, SD_FAIL,
		    _("%s: the database file is damaged (%s); restore the last backup "
		    "(`sedesk restore FILE`)."), what, mdb_strerror(rc));
	case EACCES:
		return sd_fail(err, SD_FAIL,
		    _("%s: permission denied; check the database directory's owner and mode."),
		    what);
	default:
		return sd_fail(err, SD_FAIL, _("%s: database error: %s"), what,
		    mdb_strerror(rc));
	}
}

sd_status
sd_txn_error(struct sd_txn *t, int rc, const char *what, struct sd_error *err)
{
	t->st->map_full |= rc == MDB_MAP_FULL;
	return sd_store_error(rc, what, err);
}

/*
 * Schema migrations: migrations[v] turns a database of schema v into one of
 * v + 1.  They run in order, in the one write transaction that opens an
 * older database, so an upgrade happens whole or not at all.  Records carry
 * their fields by tag, so adding a field needs no migration; a migration is
 * for new tables that must be filled, or changed keys.
 */
typedef int (*migration_fn)(MDB_txn *txn, struct sd_store *st);
static const migration_fn migrations[SD_SCHEMA_VERSION] = {
	NULL,		/* 0: no database */
	/* 1 is the first released schema. */
	sd_migrate_timeline,	/* 1 -> 2: the timeline of the cases there are */
	sd_migrate_reports,	/* 2 -> 3: the reports' figures; the matching indexes */
};

/*
 * sedesk's writer lock, before LMDB's: LMDB's mutex would wait for a
 * stopped writer forever.
 */
static sd_status
lock_writer(struct sd_store *st, struct sd_error *err)
{
	/* A private environment (check's scratch copy) has no lock to share. */
	if (st->wlock.path == NULL)
		return SD_OK;
	return sd_writelock_take(&st->wlock, st->lock_timeout_ms, st->who, err);
}

/*
 * Tables added after schema 3 that are made from the records already
 * there when a database without them opens (in the write transaction
 * that creates them), each marked in the meta table when it has been: a
 * new database and one upgraded from schema 1 or 2 get the mark too, and
 * the index functions keep the table from there on.
 *	report_month	the monthly report figures, from the daily ones
 *	route_due	the open routes by due day, from the routes
 *	ent_by_email	the enterprises by e-mail address, from the register
 *	case_open_by_prio the running cases by priority and due day, from the due index
 */
static const struct filled_table {
	enum sd_dbi	 db;
	const char	*mark;
	int		(*fill)(MDB_txn *, struct sd_store *);
} filled_tables[] = {
	{ SD_DB_REPORT_MONTH, "report_month", report_agg_month_fill },
	{ SD_DB_ROUTE_OPEN_BY_DUE, "route_due", route_due_fill },
	{ SD_DB_ENT_BY_EMAIL, "ent_by_email", ent_email_fill },
	{ SD_DB_CASE_OPEN_BY_PRIO, "case_open_by_prio", case_prio_fill },
};

/* Fills table db when it is one of filled_tables and not marked yet; 0 or an LMDB code. */
static int
fill_if_new(MDB_txn *txn, struct sd_store *st, enum sd_dbi db)
{
	for (size_t i = 0; i < sizeof filled_tables / sizeof filled_tables[0]; i++) {
		const struct filled_table *f = &filled_tables[i];
		MDB_val k = { strlen(f->mark), (void *)f->mark }, v;
		int rc;

		if (f->db != db)
			continue;
		if ((rc = mdb_get(txn, st->dbi[SD_DB_META], &k, &v)) != MDB_NOTFOUND)
			return rc;
		v.mv_size = 1;
		v.mv_data = (void *)"1";
		if ((rc = mdb_put(txn, st->dbi[SD_DB_META], &k, &v, 0)) != 0)
			return rc;
		return f->fill(txn, st);
	}
	return 0;
}

/*
 * The schema a database holds, 0 for none; an LMDB code on failure.
 * *tables: whether the file holds sedesk's tables (without a schema, a
 * damaged sedesk database rather than an empty or another program's file).
 */
static int
read_schema(MDB_env *env, uint32_t *ver, bool *tables)
{
	MDB_txn *txn;
	MDB_dbi meta, other;
	MDB_val k = { 6, (void *)"schema" }, v;
	int rc;

	*ver = 0;
	*tables = false;
	if ((rc = mdb_txn_begin(env, NULL, MDB_RDONLY, &txn)) != 0)
		return rc;
	rc = mdb_dbi_open(txn, "meta", 0, &meta);
	if (rc == 0 && mdb_get(txn, meta, &k, &v) == 0 && v.mv_size == sizeof *ver)
		memcpy(ver, v.mv_data, sizeof *ver);
	/* sedesk's own tables, not any LMDB file's keys. */
	*tables = mdb_dbi_open(txn, "ent", 0, &other) == 0 ||
	    mdb_dbi_open(txn, "case", 0, &other) == 0;
	mdb_txn_abort(txn);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

static sd_status
open_dbis(struct sd_store *st, bool create, struct sd_error *err)
{
	MDB_txn *txn;
	uint32_t ver;
	bool tables;
	bool write;
	sd_status s;
	int rc;

	if ((rc = read_schema(st->env, &ver, &tables)) != 0)
		return sd_store_error(rc, st->path, err);
	if (ver > SD_SCHEMA_VERSION)
		return sd_fail(err, SD_FAIL,
		    _("%s has schema version %u, newer than this sedesk understands (%u); "
		    "use a newer sedesk."), st->path, ver, SD_SCHEMA_VERSION);
	if (ver == 0 && !create && tables)
		return sd_fail(err, SD_FAIL,
		    _("%s is damaged: it holds tables but no schema version can be read; "
		    "restore the last backup (`sedesk restore FILE`)."), st->path);
	if (ver == 0 && !create)
		return sd_fail(err, SD_FAIL,
		    _("%s is not a sedesk database (it has no schema version); "
		    "run `sedesk init` to create one."), st->path);
	/*
	 * Creating, or upgrading an older schema, needs the writer.  So does
	 * `init` of a current database only when a table is missing: otherwise
	 * it would wait for (or, busy, fail behind) every other user's write.
	 */
	write = ver < SD_SCHEMA_VERSION;
again:
	if (write && (s = lock_writer(st, err)) != SD_OK)
		return s;
	rc = mdb_txn_begin(st->env, NULL, write ? 0 : MDB_RDONLY, &txn);
	if (rc != 0) {
		sd_writelock_release(&st->wlock);
		return sd_store_error(rc, st->path, err);
	}
	for (int i = 0; i < SD_DB_COUNT && rc == 0; i++) {
		rc = mdb_dbi_open(txn, db_names[i], write ? MDB_CREATE : 0, &st->dbi[i]);
		/* A table added since schema 3 is made when a database without it opens. */
		if (rc == MDB_NOTFOUND && !write && (create || (i >= SD_DB_ADDED_FIRST && ver > 0))) {
			mdb_txn_abort(txn);
			write = true;
			goto again;
		}
		if (rc == 0 && write)
			rc = fill_if_new(txn, st, (enum sd_dbi)i);
		if (rc == MDB_NOTFOUND && create && !write) {
			mdb_txn_abort(txn);
			write = true;
			goto again;
		}
		if (rc == MDB_NOTFOUND) {
			mdb_txn_abort(txn);
			sd_writelock_release(&st->wlock);
			return sd_fail(err, SD_FAIL,
			    _("%s is damaged: table %s is missing; restore a backup, or run "
			    "`sedesk init` for a new database."), st->path, db_names[i]);
		}
	}
	for (uint32_t v = ver == 0 ? SD_SCHEMA_VERSION : ver; rc == 0 && v < SD_SCHEMA_VERSION; v++) {
		if (migrations[v] != NULL)
			rc = migrations[v](txn, st);
	}
	if (rc == 0 && write) {
		uint32_t now = SD_SCHEMA_VERSION;
		MDB_val k = { 6, (void *)"schema" }, v = { sizeof now, &now };
		rc = mdb_put(txn, st->dbi[SD_DB_META], &k, &v, 0);
	}
	if (rc != 0) {
		mdb_txn_abort(txn);
		sd_writelock_release(&st->wlock);
		return sd_store_error(rc, st->path, err);
	}
	/* Handles opened in a transaction survive only if it commits. */
	rc = mdb_txn_commit(txn);
	sd_writelock_release(&st->wlock);
	if (rc != 0)
		return sd_store_error(rc, st->path, err);
	return SD_OK;
}

sd_status
sd_store_open(struct sd_store *st, const char *path, size_t mapsize,
    unsigned lock_timeout_ms, const char *who, bool create, struct sd_error *err)
{
	struct sd_buf data = { 0 };
	struct stat sb;
	sd_status s;
	int rc;

	memset(st, 0, sizeof *st);
	st->path = sd_xstrdup(path);
	st->mapsize = mapsize;
	st->lock_timeout_ms = lock_timeout_ms;
	st->who = sd_xstrdup(who != NULL ? who : "?");
	sd_writelock_init(&st->wlock, path);
	/* Room to grow: far beyond any municipality, still a bound. */
	st->map_limit = mapsize * 64 > ((size_t)64 << 30) ? mapsize * 64 : (size_t)64 << 30;

	sd_buf_addf(&data, "%s/data.mdb", path);
	if (create) {
		if (mkdir(path, 02770) != 0 && errno != EEXIST) {
			s = sd_fail(err, SD_FAIL, _("cannot create database directory %s: %s"),
			    path, strerror(errno));
			goto fail;
		}
	} else if (stat(data.data, &sb) != 0) {
		s = sd_fail(err, SD_FAIL,
		    _("no database at %s (%s); run `sedesk init` to create it."),
		    path, strerror(errno));
		goto fail;
	}
	if ((rc = mdb_env_create(&st->env)) != 0 ||
	    (rc = mdb_env_set_maxdbs(st->env, SD_DB_COUNT * 2 + 8)) != 0 ||
	    (rc = mdb_env_set_mapsize(st->env, mapsize)) != 0) {
		s = sd_store_error(rc, path, err);
		goto fail;
	}
	/*
	 * Group-writable files: every member process needs write access to
	 * the lock file, readers included.
	 */
	rc = mdb_env_open(st->env, path, MDB_NOTLS, 0660);
	if (rc != 0) {
		s = sd_store_error(rc, path, err);
		goto fail;
	}
	/*
	 * LMDB opens its lock file and its writing descriptor close-on-exec,
	 * but not the descriptor it reads data.mdb with: no program sedesk
	 * starts may inherit the database (children also close everything
	 * above 2 before exec; see sd_child_prepare).
	 */
	{
		mdb_filehandle_t fd;
		int fl;
		if (mdb_env_get_fd(st->env, &fd) == 0 && (fl = fcntl(fd, F_GETFD)) >= 0)
			fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
	}
	/*
	 * A process that died inside a read transaction would keep pages
	 * from being reused; clear such readers now.
	 */
	{
		int dead = 0;
		mdb_reader_check(st->env, &dead);
	}
	/*
	 * Another process may have grown the map; adopt the larger size.  A
	 * map that the data already nearly fills would make this process's
	 * first write fail and run again: give it room at once.
	 */
	{
		MDB_envinfo info;
		MDB_stat ms;
		mdb_env_info(st->env, &info);
		mdb_env_stat(st->env, &ms);
		st->mapsize = info.me_mapsize;
		if ((size_t)(info.me_last_pgno + 1) * ms.ms_psize > st->mapsize / 4 * 3 &&
		    mdb_env_set_mapsize(st->env, st->mapsize * 2) == 0)
			st->mapsize *= 2;
		if (st->map_limit < st->mapsize)
			st->map_limit = st->mapsize;
	}
	if ((s = open_dbis(st, create, err)) != SD_OK)
		goto fail;
	st->reads = 0;
	sd_buf_free(&data);
	return SD_OK;
fail:
	sd_buf_free(&data);
	sd_store_close(st);
	return s;
}

void
sd_store_close(struct sd_store *st)
{
	sd_store_batch_abort(st);
	if (st->env != NULL)
		mdb_env_close(st->env);
	st->env = NULL;
	if (st->wlock.path != NULL)
		sd_writelock_close(&st->wlock);
	free(st->path);
	st->path = NULL;
	free(st->who);
	st->who = NULL;
}

uint64_t
sd_store_last_txn(struct sd_store *st)
{
	MDB_envinfo info;

	if (mdb_env_info(st->env, &info) != 0)
		return 0;
	return (uint64_t)info.me_last_txnid;
}

void
sd_store_reader_check(struct sd_store *st)
{
	int dead = 0;

	if (st->env != NULL)
		mdb_reader_check(st->env, &dead);
}

/*
 * Runs pending (bulk_run.c): a write transaction writes the indexes a
 * bulk job keeps in runs directly, as always (its own reads see them),
 * and logs those writes, appended as a run when it commits, so that the
 * merge, which replays the runs in order, ends where this write left
 * them.  Tested once per write transaction (the run table's count).
 */
static void
runlog_begin(struct sd_store *st, MDB_txn *txn)
{
	struct sd_txn t = { .st = st, .txn = txn, .write = true };

	search_batch_free(st->runlog);
	st->runlog = sd_runs_pending(&t) > 0 ? search_batch_new() : NULL;
}

static void
runlog_end(struct sd_store *st)
{
	search_batch_free(st->runlog);
	st->runlog = NULL;
}

/* Appends the logged writes as a run in t (the top transaction), before it commits. */
static sd_status
runlog_commit(struct sd_txn *t, struct sd_error *err)
{
	sd_status s = SD_OK;

	if (t->st->runlog != NULL)
		s = search_batch_run(t, t->st->runlog, err);
	runlog_end(t->st);
	return s;
}

sd_status
sd_txn_begin(struct sd_store *st, bool write, struct sd_txn *t, struct sd_error *err)
{
	int rc;

	t->st = st;
	t->write = write;
	t->txn = NULL;
	memset(t->cur, 0, sizeof t->cur);
	rc = mdb_txn_begin(st->env, NULL, write ? 0 : MDB_RDONLY, &t->txn);
	if (rc == MDB_MAP_RESIZED) {
		/* Another process grew the map: adopt it and try once more. */
		MDB_envinfo info;
		mdb_env_set_mapsize(st->env, 0);
		if (mdb_env_info(st->env, &info) == 0)
			st->mapsize = info.me_mapsize;
		rc = mdb_txn_begin(st->env, NULL, write ? 0 : MDB_RDONLY, &t->txn);
	}
	if (rc != 0) {
		t->txn = NULL;
		return sd_store_error(rc, st->path, err);
	}
	if (write && st->batch == NULL)
		runlog_begin(st, t->txn);
	return SD_OK;
}

/*
 * LMDB reports a write that the disk could only partly take as EIO; when
 * the disk is (nearly) full that is what it means.
 */
static int
commit_rc(struct sd_store *st, int rc)
{
	struct statvfs vfs;

	if (rc == EIO && statvfs(st->path, &vfs) == 0 &&
	    (unsigned long long)vfs.f_bavail * vfs.f_frsize < ((unsigned long long)16 << 20))
		return ENOSPC;
	return rc;
}

sd_status
sd_txn_commit(struct sd_txn *t, struct sd_error *err)
{
	int rc;

	/* A nested transaction's logged writes are its batch's, appended at its commit. */
	if (t->write && t->st->batch == NULL) {
		sd_status s = runlog_commit(t, err);
		if (s != SD_OK) {
			sd_txn_abort(t);
			return s;
		}
	}
	rc = commit_rc(t->st, mdb_txn_commit(t->txn));
	t->txn = NULL;
	memset(t->cur, 0, sizeof t->cur);	/* freed by LMDB with the transaction */
	return sd_store_error(rc, t->st->path, err);
}

void
sd_txn_abort(struct sd_txn *t)
{
	if (t->txn != NULL)
		mdb_txn_abort(t->txn);
	t->txn = NULL;
	memset(t->cur, 0, sizeof t->cur);
	if (t->write && t->st != NULL && t->st->batch == NULL)
		runlog_end(t->st);
}

/* Doubles the map after a full one; false when it may not grow further. */
static bool
grow_map(struct sd_store *st)
{
	size_t want = st->mapsize * 2;

	if (st->mapsize >= st->map_limit)
		return false;
	if (want > st->map_limit)
		want = st->map_limit;
	if (mdb_env_set_mapsize(st->env, want) != 0)
		return false;
	st->mapsize = want;
	return true;
}

sd_status
sd_store_write(struct sd_store *st, sd_write_fn action, void *arg, struct sd_error *err)
{
	struct sd_txn t;
	sd_status s;

	if (st->batch != NULL) {
		/* Inside a batch: a nested transaction, so a failure undoes only this action. */
		int rc = mdb_txn_begin(st->env, st->batch, 0, &t.txn);
		if (rc != 0)
			return sd_store_error(rc, st->path, err);
		size_t mark = search_batch_mark(st->runlog);

		t.st = st;
		t.write = true;
		memset(t.cur, 0, sizeof t.cur);
		if ((s = action(&t, arg, err)) != SD_OK) {
			sd_txn_abort(&t);
			search_batch_undo(st->runlog, mark);
			return s;
		}
		if ((s = sd_txn_commit(&t, err)) != SD_OK)
			search_batch_undo(st->runlog, mark);
		return s;
	}
	/* Over the rate limit is refused without waiting for the writer. */
	if ((s = sd_store_rate_precheck(st, err)) != SD_OK)
		return s;
	if ((s = lock_writer(st, err)) != SD_OK)
		return s;
	for (;;) {
		st->map_full = false;
		if ((s = sd_txn_begin(st, true, &t, err)) != SD_OK)
			break;
		/* Counted in the action's transaction: refused or undone, it counts nothing. */
		if ((s = sd_store_rate_charge(&t, err)) == SD_OK)
			s = action(&t, arg, err);
		if (s == SD_OK)
			s = runlog_commit(&t, err);
		if (s != SD_OK) {
			sd_txn_abort(&t);
		} else {
			int rc = commit_rc(st, mdb_txn_commit(t.txn));
			t.txn = NULL;
			st->map_full |= rc == MDB_MAP_FULL;
			s = sd_store_error(rc, st->path, err);
		}
		/* Nothing was written; with a larger map the same action starts over. */
		if (s == SD_OK || !st->map_full || !grow_map(st))
			break;
		sd_error_clear(err);
	}
	sd_writelock_release(&st->wlock);
	return s;
}

void
sd_store_yield(struct sd_store *st)
{
	if (st->wlock.path != NULL)
		sd_writelock_yield(&st->wlock, 250);
}

MDB_cursor *
sd_txn_cursor(struct sd_txn *t, enum sd_dbi db)
{
	if (!t->write)
		return NULL;
	if (t->cur[db] == NULL && mdb_cursor_open(t->txn, t->st->dbi[db], &t->cur[db]) != 0)
		t->cur[db] = NULL;
	return t->cur[db];
}

/* mdb_put through the transaction's cursor on db where it has one. */
static int
txn_put(struct sd_txn *t, enum sd_dbi db, MDB_val *k, MDB_val *v, unsigned flags)
{
	MDB_cursor *c = sd_txn_cursor(t, db);

	return c != NULL ? mdb_cursor_put(c, k, v, flags) : mdb_put(t->txn, t->st->dbi[db], k, v,
	    flags);
}

/*
 * The raw calls stay here: what comes back from LMDB is turned into a status
 * at once, through sd_txn_error, which also notes a full map for
 * sd_store_write.
 */
sd_status
sd_db_get(struct sd_txn *t, enum sd_dbi db, const void *key, size_t klen, MDB_val *out,
    const char *what, struct sd_error *err)
{
	MDB_val k = { klen, (void *)key };
	MDB_cursor *c = sd_txn_cursor(t, db);
	int rc;

	t->st->reads++;
	rc = c != NULL ? mdb_cursor_get(c, &k, out, MDB_SET) : mdb_get(t->txn, t->st->dbi[db], &k,
	    out);
	return rc == MDB_NOTFOUND ? SD_NOTFOUND : sd_txn_error(t, rc, what, err);
}

/*
 * A write to an index that runs keep, while runs are pending: logged too
 * (runlog_begin).  A key too long to log (none is: keys.h) is only written.
 */
static void
runlog_add(struct sd_txn *t, enum sd_dbi db, const void *key, size_t klen, const void *data,
    size_t dlen, unsigned flags)
{
	if (t->st->runlog != NULL && t->st->sb == NULL && t->write && flags == 0 &&
	    search_batch_defers(db))
		(void)search_batch_add(t->st->runlog, db, key, klen, data, dlen);
}

static sd_status
db_put(struct sd_txn *t, enum sd_dbi db, const void *key, size_t klen, const void *data,
    size_t dlen, unsigned flags, const char *what, struct sd_error *err)
{
	MDB_val k = { klen, (void *)key }, v = { dlen, (void *)data };

	/* A bulk chunk keeps it, to write its index sorted at the end (search_batch.c). */
	if (t->st->sb != NULL && t->write && flags == 0 && db != SD_DB_SEARCH_POST &&
	    search_batch_defers(db) &&
	    search_batch_add(t->st->sb, db, key, klen, data != NULL ? data : "", dlen))
		return SD_OK;
	runlog_add(t, db, key, klen, data != NULL ? data : "", dlen, flags);
	return sd_txn_error(t, txn_put(t, db, &k, &v, flags), what, err);
}

sd_status
sd_db_put(struct sd_txn *t, enum sd_dbi db, const void *key, size_t klen, const void *data,
    size_t dlen, const char *what, struct sd_error *err)
{
	return db_put(t, db, key, klen, data, dlen, 0, what, err);
}

sd_status
sd_db_put_new(struct sd_txn *t, enum sd_dbi db, const void *key, size_t klen,
    const void *data, size_t dlen, const char *what, struct sd_error *err)
{
	return db_put(t, db, key, klen, data, dlen, MDB_NOOVERWRITE, what, err);
}

sd_status
sd_db_put_flag(struct sd_txn *t, enum sd_dbi db, const void *key, size_t klen,
    const char *what, struct sd_error *err)
{
	return db_put(t, db, key, klen, "", 1, 0, what, err);
}

sd_status
sd_db_del(struct sd_txn *t, enum sd_dbi db, const void *key, size_t klen, const char *what,
    struct sd_error *err)
{
	MDB_val k = { klen, (void *)key };
	int rc;

	if (t->st->sb != NULL && t->write && db != SD_DB_SEARCH_POST && search_batch_defers(db) &&
	    search_batch_add(t->st->sb, db, key, klen, NULL, 0))
		return SD_OK;
	runlog_add(t, db, key, klen, NULL, 0, 0);
	rc = mdb_del(t->txn, t->st->dbi[db], &k, NULL);

	return rc == MDB_NOTFOUND ? SD_OK : sd_txn_error(t, rc, what, err);
}

sd_status
sd_db_put_absent(struct sd_txn *t, enum sd_dbi db, const void *key, size_t klen, bool *changed,
    const char *what, struct sd_error *err)
{
	MDB_val k = { klen, (void *)key }, v = { 1, (void *)"" };
	int rc = txn_put(t, db, &k, &v, MDB_NOOVERWRITE);

	*changed = rc == 0;
	if (rc != 0 && rc != MDB_KEYEXIST)
		return sd_txn_error(t, rc, what, err);
	/* Logged even when it was there: the merge replays it after older runs. */
	runlog_add(t, db, key, klen, "", 1, 0);
	return SD_OK;
}

sd_status
sd_db_del_found(struct sd_txn *t, enum sd_dbi db, const void *key, size_t klen, bool *changed,
    const char *what, struct sd_error *err)
{
	MDB_val k = { klen, (void *)key };
	int rc = mdb_del(t->txn, t->st->dbi[db], &k, NULL);

	*changed = rc == 0;
	if (rc != 0 && rc != MDB_NOTFOUND)
		return sd_txn_error(t, rc, what, err);
	runlog_add(t, db, key, klen, NULL, 0, 0);
	return SD_OK;
}

sd_status
sd_db_drop(struct sd_txn *t, enum sd_dbi db, const char *what, struct sd_error *err)
{
	return sd_txn_error(t, mdb_drop(t->txn, t->st->dbi[db], 0), what, err);
}

/* --- prefix iteration -------------------------------------------------------- */

static bool
has_prefix(const MDB_val *k, const void *prefix, size_t plen)
{
	return plen == 0 || (k->mv_size >= plen && memcmp(k->mv_data, prefix, plen) == 0);
}

/* Positions a backward walk on the last key <= bound (or the very last key). */
static int
seek_last_at_or_before(MDB_cursor *cur, MDB_val *k, MDB_val *v, const void *bound,
    size_t blen, bool inclusive)
{
	int rc;

	k->mv_size = blen;
	k->mv_data = (void *)bound;
	rc = mdb_cursor_get(cur, k, v, MDB_SET_RANGE);
	if (rc == MDB_NOTFOUND)
		return mdb_cursor_get(cur, k, v, MDB_LAST);
	if (rc != 0)
		return rc;
	if (inclusive && k->mv_size == blen && memcmp(k->mv_data, bound, blen) == 0)
		return 0;
	return mdb_cursor_get(cur, k, v, MDB_PREV);
}

void
sd_iter_start(struct sd_iter *it, struct sd_txn *t, enum sd_dbi db, const void *prefix,
    size_t plen, bool backward, const void *resume, size_t rlen)
{
	memset(it, 0, sizeof *it);
	it->t = t;
	it->prefix = prefix;
	it->plen = plen;
	it->backward = backward;
	it->resume = resume;
	it->rlen = rlen;
	it->rc = mdb_cursor_open(t->txn, t->st->dbi[db], &it->cur);
	if (it->rc != 0)
		it->done = true;
}

static int
first_position(struct sd_iter *it)
{
	MDB_val *k = &it->key, *v = &it->val;
	int rc;

	if (!it->backward) {
		if (it->resume != NULL) {
			k->mv_size = it->rlen;
			k->mv_data = (void *)it->resume;
			rc = mdb_cursor_get(it->cur, k, v, MDB_SET_RANGE);
			if (rc == 0 && k->mv_size == it->rlen &&
			    memcmp(k->mv_data, it->resume, it->rlen) == 0)
				rc = mdb_cursor_get(it->cur, k, v, MDB_NEXT);
			return rc;
		}
		if (it->plen == 0)
			return mdb_cursor_get(it->cur, k, v, MDB_FIRST);
		k->mv_size = it->plen;
		k->mv_data = (void *)it->prefix;
		return mdb_cursor_get(it->cur, k, v, MDB_SET_RANGE);
	}
	if (it->resume != NULL)
		return seek_last_at_or_before(it->cur, k, v, it->resume, it->rlen, false);
	if (it->plen == 0)
		return mdb_cursor_get(it->cur, k, v, MDB_LAST);
	/* The key just past every key with this prefix: prefix + 1, carried. */
	{
		unsigned char bound[512];
		size_t n = it->plen < sizeof bound ? it->plen : sizeof bound;
		memcpy(bound, it->prefix, n);
		while (n > 0 && bound[n - 1] == 0xff)
			n--;
		if (n == 0)
			return mdb_cursor_get(it->cur, k, v, MDB_LAST);
		bound[n - 1]++;
		return seek_last_at_or_before(it->cur, k, v, bound, n, false);
	}
}

bool
sd_iter_next(struct sd_iter *it)
{
	int rc;

	if (it->done)
		return false;
	if (!it->started) {
		it->started = true;
		rc = first_position(it);
	} else {
		rc = mdb_cursor_get(it->cur, &it->key, &it->val,
		    it->backward ? MDB_PREV : MDB_NEXT);
	}
	if (rc != 0 || !has_prefix(&it->key, it->prefix, it->plen)) {
		if (rc != 0 && rc != MDB_NOTFOUND)
			it->rc = rc;
		it->done = true;
		return false;
	}
	it->t->st->reads++;
	return true;
}

sd_status
sd_iter_status(const struct sd_iter *it, const char *what, struct sd_error *err)
{
	return sd_store_error(it->rc, what, err);
}

void
sd_iter_end(struct sd_iter *it)
{
	if (it->cur != NULL)
		mdb_cursor_close(it->cur);
	it->cur = NULL;
}

sd_status
sd_store_batch_begin(struct sd_store *st, struct sd_error *err)
{
	sd_status s;
	int rc;

	if (st->batch != NULL)
		return sd_fail(err, SD_FAIL, "a batch is already open");
	if ((s = lock_writer(st, err)) != SD_OK)
		return s;
	st->map_full = false;
	rc = mdb_txn_begin(st->env, NULL, 0, &st->batch);
	if (rc != 0) {
		st->batch = NULL;
		sd_writelock_release(&st->wlock);
		return sd_store_error(rc, st->path, err);
	}
	runlog_begin(st, st->batch);
	return SD_OK;
}

sd_status
sd_store_batch_commit(struct sd_store *st, struct sd_error *err)
{
	int rc;

	if (st->batch == NULL)
		return SD_OK;
	if (st->runlog != NULL) {
		struct sd_txn t = { .st = st, .txn = st->batch, .write = true };
		MDB_txn *txn = st->batch;
		sd_status s;

		st->batch = NULL;	/* runlog_commit appends to the top transaction */
		s = runlog_commit(&t, err);
		st->batch = txn;
		if (s != SD_OK) {
			sd_store_batch_abort(st);
			return s;
		}
	}
	/* A full disk is said as such, as for one transaction (sd_store_write). */
	rc = commit_rc(st, mdb_txn_commit(st->batch));
	st->batch = NULL;
	sd_writelock_release(&st->wlock);
	return sd_store_error(rc, st->path, err);
}

bool
sd_store_batch_grow(struct sd_store *st)
{
	bool full = st->map_full;

	st->map_full = false;
	return st->batch == NULL && full && grow_map(st);
}

void
sd_store_batch_abort(struct sd_store *st)
{
	if (st->batch != NULL) {
		mdb_txn_abort(st->batch);
		sd_writelock_release(&st->wlock);
		runlog_end(st);
	}
	st->batch = NULL;
}
