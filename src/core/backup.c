/*
 * Backup and restore (see ops.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sedesk/i18n.h"
#include "sedesk/ops.h"
#include "sedesk/text.h"

sd_status
sd_backup(struct sd_desk *d, const char *file, struct sd_error *err)
{
	struct sd_buf tmp = { 0 };
	sd_status s = SD_OK;
	int fd, rc;

	if (d->me->role != SD_ROLE_ADMIN)
		return sd_fail(err, SD_DENIED, _("only an administrator makes backups."));
	sd_buf_addf(&tmp, "%s.tmp-%ld", file, (long)getpid());
	fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		s = sd_fail(err, SD_FAIL, _("cannot write %s: %s"), tmp.data, strerror(errno));
		goto out;
	}
	/* A read transaction inside: others go on writing while it copies. */
	rc = mdb_env_copyfd2(d->store.env, fd, MDB_CP_COMPACT);
	if (rc == 0 && fsync(fd) != 0)
		rc = errno;
	if (close(fd) != 0 && rc == 0)
		rc = errno;
	if (rc != 0) {
		s = sd_store_error(rc, tmp.data, err);
		unlink(tmp.data);
		goto out;
	}
	if (rename(tmp.data, file) != 0) {
		s = sd_fail(err, SD_FAIL, _("cannot rename %s to %s: %s"), tmp.data, file,
		    strerror(errno));
		unlink(tmp.data);
	}
out:
	sd_buf_free(&tmp);
	return s;
}

/*
 * True when some process has the environment open: LMDB holds a shared
 * lock on the lock file's first byte for as long as it is open.
 */
static bool
in_use(const char *dir)
{
	struct sd_buf lock = { 0 };
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
	bool busy = false;
	int fd;

	sd_buf_addf(&lock, "%s/lock.mdb", dir);
	if ((fd = open(lock.data, O_RDWR)) >= 0) {
		busy = fcntl(fd, F_SETLK, &fl) != 0;
		close(fd);
	}
	sd_buf_free(&lock);
	return busy;
}

/* Opens the backup read-only and reads its schema: a damaged file fails here. */
static sd_status
check_backup(const char *file, struct sd_error *err)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi meta;
	MDB_val k = { 6, (void *)"schema" }, v;
	uint32_t ver = 0;
	int rc;

	{
		/* A cut-off copy maps pages past its end: reading them would fault. */
		struct stat sb;
		if (stat(file, &sb) != 0)
			return sd_fail(err, SD_INVALID, _("cannot read %s: %s"), file, strerror(errno));
		if (sb.st_size < 2 * 4096 || sb.st_size % 4096 != 0)
			return sd_fail(err, SD_INVALID,
			    _("%s is not a sedesk backup (its size is not whole pages)."), file);
	}
	if ((rc = mdb_env_create(&env)) != 0)
		return sd_store_error(rc, file, err);
	mdb_env_set_maxdbs(env, SD_DB_COUNT * 2 + 8);
	rc = mdb_env_open(env, file, MDB_NOSUBDIR | MDB_RDONLY | MDB_NOLOCK, 0600);
	if (rc == 0) {
		MDB_envinfo info;
		MDB_stat st;
		struct stat sb;
		mdb_env_info(env, &info);
		mdb_env_stat(env, &st);
		if (stat(file, &sb) == 0 &&
		    (off_t)((info.me_last_pgno + 1) * st.ms_psize) > sb.st_size) {
			mdb_env_close(env);
			return sd_fail(err, SD_INVALID,
			    _("%s is cut off: it ends before its last page; use a complete backup."),
			    file);
		}
		rc = mdb_txn_begin(env, NULL, MDB_RDONLY, &txn);
	}
	if (rc != 0) {
		mdb_env_close(env);
		return sd_fail(err, SD_INVALID, _("%s is not a sedesk backup: %s"), file,
		    mdb_strerror(rc));
	}
	rc = mdb_dbi_open(txn, "meta", 0, &meta);
	if (rc == 0)
		rc = mdb_get(txn, meta, &k, &v);
	if (rc == 0 && v.mv_size == sizeof ver)
		memcpy(&ver, v.mv_data, sizeof ver);
	mdb_txn_abort(txn);
	mdb_env_close(env);
	if (rc != 0 || ver == 0)
		return sd_fail(err, SD_INVALID, _("%s is not a sedesk backup (no schema version)."),
		    file);
	if (ver > SD_SCHEMA_VERSION)
		return sd_fail(err, SD_INVALID,
		    _("%s has schema version %u, newer than this sedesk understands (%u)."),
		    file, ver, SD_SCHEMA_VERSION);
	return SD_OK;
}

static sd_status
copy_file(const char *from, const char *to, struct sd_error *err)
{
	char buf[1 << 16];
	int in = open(from, O_RDONLY), out;
	ssize_t n;

	if (in < 0)
		return sd_fail(err, SD_INVALID, _("cannot read %s: %s"), from, strerror(errno));
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0660);
	if (out < 0) {
		close(in);
		return sd_fail(err, SD_FAIL, _("cannot write %s: %s"), to, strerror(errno));
	}
	while ((n = read(in, buf, sizeof buf)) > 0) {
		if (write(out, buf, (size_t)n) != n) {
			n = -1;
			break;
		}
	}
	if (n == 0 && fsync(out) != 0)
		n = -1;
	close(in);
	if (close(out) != 0 || n < 0) {
		unlink(to);
		return sd_fail(err, SD_FAIL, _("cannot write %s: %s"), to, strerror(errno));
	}
	return SD_OK;
}

sd_status
sd_restore(const char *dir, const char *file, struct sd_error *err)
{
	struct sd_buf data = { 0 }, tmp = { 0 }, lock = { 0 };
	sd_status s;

	if ((s = check_backup(file, err)) != SD_OK)
		return s;
	/* Every page must read before it replaces anything. */
	if ((s = sd_verify_file(file, true, err)) != SD_OK) {
		err->code = SD_INVALID;
		return SD_INVALID;
	}
	if (mkdir(dir, 02770) != 0 && errno != EEXIST)
		return sd_fail(err, SD_FAIL, _("cannot create database directory %s: %s"), dir,
		    strerror(errno));
	if (in_use(dir))
		return sd_fail(err, SD_FAIL,
		    _("the database in %s is in use; ask everyone to leave sedesk (and stop its "
		    "cron jobs), then restore again."), dir);
	sd_buf_addf(&data, "%s/data.mdb", dir);
	sd_buf_addf(&tmp, "%s/data.mdb.restore-%ld", dir, (long)getpid());
	sd_buf_addf(&lock, "%s/lock.mdb", dir);
	if ((s = copy_file(file, tmp.data, err)) == SD_OK) {
		/* The old lock file describes the old map; the next opener makes a new one. */
		unlink(lock.data);
		if (rename(tmp.data, data.data) != 0) {
			s = sd_fail(err, SD_FAIL, _("cannot rename %s to %s: %s"), tmp.data, data.data,
			    strerror(errno));
			unlink(tmp.data);
		}
	}
	sd_buf_free(&data);
	sd_buf_free(&tmp);
	sd_buf_free(&lock);
	return s;
}
