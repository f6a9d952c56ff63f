/*
 * Erasure ends with a compaction (issue 17): LMDB leaves the pages an
 * erasure replaced in data.mdb until they are reused, so the erased
 * bytes would still be in the file.  LMDB's compacting copy writes only
 * the pages in use into a new file, which then replaces data.mdb.  Like
 * `restore` that needs every other sedesk process to have closed the
 * database (a running process would go on with the old file): when
 * others are working, the erasure stays done and the compaction pending
 * (the meta key PRIVACY_PENDING_KEY, set by the erasure's own
 * transaction), shown in the administrator's inbox, and `sedesk privacy
 * compact` completes it at a quiet moment.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "privacy_int.h"
#include "store.h"

static sd_status
reopen(struct sd_desk *d, struct sd_error *err)
{
	struct sd_store *st = d->store;
	const char *rl = st->rate_login;
	unsigned limit = st->rate_limit;
	int64_t (*clock)(const void *) = st->rate_clock;
	const void *ctx = st->rate_ctx;
	sd_status s;

	memset(st, 0, sizeof *st);
	s = sd_store_open(st, d->db_dir, d->cfg.mapsize, d->cfg.lock_timeout * 1000u,
	    d->me->login, false, err);
	st->rate_login = rl;
	st->rate_limit = limit;
	st->rate_clock = clock;
	st->rate_ctx = ctx;
	return s;
}

/* The compacting copy of the environment in dir into the new file at to. */
static sd_status
copy_compact(const char *dir, size_t mapsize, const char *to, struct sd_error *err)
{
	MDB_env *env = NULL;
	int rc, fd;

	if ((rc = mdb_env_create(&env)) != 0 ||
	    (rc = mdb_env_set_maxdbs(env, SD_DB_COUNT * 2 + 8)) != 0 ||
	    (rc = mdb_env_set_mapsize(env, mapsize)) != 0 ||
	    (rc = mdb_env_open(env, dir, MDB_NOTLS | MDB_RDONLY, 0660)) != 0) {
		if (env != NULL)
			mdb_env_close(env);
		return sd_store_error(rc, dir, err);
	}
	fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0660);
	if (fd < 0) {
		mdb_env_close(env);
		return sd_fail(err, SD_FAIL, _("cannot write %s: %s"), to, strerror(errno));
	}
	rc = mdb_env_copyfd2(env, fd, MDB_CP_COMPACT);
	if (rc == 0 && fsync(fd) != 0)
		rc = errno;
	if (close(fd) != 0 && rc == 0)
		rc = errno;
	mdb_env_close(env);
	if (rc != 0) {
		unlink(to);
		return sd_store_error(rc, to, err);
	}
	return SD_OK;
}

static sd_status
clear_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	(void)arg;
	return sd_db_del(t, SD_DB_META, PRIVACY_PENDING_KEY, strlen(PRIVACY_PENDING_KEY),
	    _("personal data"), err);
}

static sd_status
busy(const struct sd_desk *d, struct sd_error *err)
{
	return sd_fail(err, SD_BUSY, _("others have the database in %s open, so it cannot be "
	    "compacted now; the erased data stays in its free pages until `sedesk privacy "
	    "compact` runs when nobody uses sedesk (the administrator's inbox reminds you)."),
	    d->db_dir);
}

sd_status
sd_privacy_compact(struct sd_desk *d, struct sd_error *err)
{
	struct sd_buf data = { 0 }, tmp = { 0 }, lock = { 0 };
	size_t mapsize;
	sd_status s, s2;

	if ((s = sd_permit(d, SD_ACT_PRIVACY_WRITE, NULL, err)) != SD_OK)
		return s;
	sd_buf_addf(&data, "%s/data.mdb", d->db_dir);
	sd_buf_addf(&tmp, "%s/data.mdb.compact-%ld", d->db_dir, (long)getpid());
	sd_buf_addf(&lock, "%s/lock.mdb", d->db_dir);
	mapsize = d->store->mapsize;
	/* Ours closed first: only then does the lock say whether others hold it. */
	sd_store_close(d->store);
	if (sd_store_in_use(d->db_dir)) {
		s = busy(d, err);
		goto out;
	}
	if ((s = copy_compact(d->db_dir, mapsize, tmp.data, err)) != SD_OK)
		goto out;
	/* Asked again: someone may have started sedesk while it copied. */
	if (sd_store_in_use(d->db_dir)) {
		unlink(tmp.data);
		s = busy(d, err);
		goto out;
	}
	/* The old lock file describes the old map; the next opener makes a new one. */
	unlink(lock.data);
	if (rename(tmp.data, data.data) != 0) {
		s = sd_fail(err, SD_FAIL, _("cannot rename %s to %s: %s"), tmp.data, data.data,
		    strerror(errno));
		unlink(tmp.data);
	}
out:
	if ((s2 = reopen(d, s == SD_OK ? err : NULL)) != SD_OK && s == SD_OK)
		s = s2;
	if (s == SD_OK)
		s = sd_store_write(d->store, clear_action, NULL, err);
	sd_buf_free(&data);
	sd_buf_free(&tmp);
	sd_buf_free(&lock);
	return s;
}

bool
sd_privacy_compact_pending(struct sd_desk *d)
{
	struct sd_txn t;
	MDB_val v;
	bool pending = false;

	if (d->store == NULL || sd_txn_begin(d->store, false, &t, NULL) != SD_OK)
		return false;
	pending = sd_db_get(&t, SD_DB_META, PRIVACY_PENDING_KEY, strlen(PRIVACY_PENDING_KEY), &v,
	    NULL, NULL) == SD_OK;
	sd_txn_abort(&t);
	return pending;
}

sd_status
sd_privacy_erase(struct sd_desk *d, const struct sd_privacy_query *q,
    struct sd_privacy_report *out, size_t *changed, bool *pending, struct sd_error *err)
{
	struct sd_error cerr;
	sd_status s;

	*changed = 0;
	*pending = false;
	if (out != NULL)
		memset(out, 0, sizeof *out);
	if ((s = sd_permit(d, SD_ACT_PRIVACY_WRITE, NULL, err)) != SD_OK)
		return s;
	if ((s = privacy_erase_in(d, q, out, changed, err)) != SD_OK || *changed == 0)
		return s;
	/* Done; the compaction may have to wait for a quiet moment. */
	s = sd_privacy_compact(d, &cerr);
	if (s == SD_BUSY)
		*pending = true;
	else if (s != SD_OK) {
		*err = cerr;
		return s;
	}
	return SD_OK;
}
