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
#include "store.h"
#include "sedesk/text.h"
#include "sedesk/userfile.h"

/*
 * True when the directory open at dfd is dir or lies anywhere below it,
 * compared by device and inode all the way up, so that neither a symlink
 * nor ".." nor a second mount of the same folder hides it.
 */
static bool
inside(int dfd, const char *dir)
{
	struct stat top, cur, up;
	int fd, parent;
	bool found = false;

	if (stat(dir, &top) != 0 || (fd = dup(dfd)) < 0)
		return false;
	for (int depth = 0; depth < 4096; depth++) {
		if (fstat(fd, &cur) != 0)
			break;
		if (cur.st_dev == top.st_dev && cur.st_ino == top.st_ino) {
			found = true;
			break;
		}
		parent = openat(fd, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
		close(fd);
		if ((fd = parent) < 0 || fstat(fd, &up) != 0)
			break;
		if (up.st_dev == cur.st_dev && up.st_ino == cur.st_ino)
			break;		/* the root */
	}
	if (fd >= 0)
		close(fd);
	return found;
}

/*
 * The backup is the user's file: made, written and renamed with the
 * user's own rights (never the group's), in a directory the user names,
 * never inside the database directory, whose files (data.mdb, lock.mdb)
 * it could otherwise replace.  Through a temporary name beside it, so a
 * reader never sees half a backup; created exclusively and without
 * following a symlink, 0600.
 */
sd_status
sd_backup(struct sd_desk *d, const char *file, struct sd_error *err)
{
	struct sd_buf dir = { 0 }, tmp = { 0 };
	const char *slash = strrchr(file, '/'), *base;
	sd_status s = SD_OK;
	int dfd = -1, fd, rc;

	if ((s = sd_permit(d, SD_ACT_BACKUP, NULL, err)) != SD_OK)
		return s;
	if (slash == NULL) {
		sd_buf_adds(&dir, ".");
		base = file;
	} else {
		sd_buf_add(&dir, file, slash == file ? 1 : (size_t)(slash - file));
		base = slash + 1;
	}
	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		s = sd_fail(err, SD_INVALID, _("cannot write %s: give the name of a file."), file);
		goto out;
	}
	if ((dfd = sd_user_open(dir.data, O_PATH | O_DIRECTORY, 0)) < 0) {
		s = sd_fail(err, SD_FAIL, _("cannot write %s: %s"), file, strerror(errno));
		goto out;
	}
	if (inside(dfd, d->db_dir)) {
		s = sd_fail(err, SD_INVALID, _("cannot write %s: it is inside the database "
		    "directory %s; write the backup somewhere else."), file, d->db_dir);
		goto out;
	}
	sd_buf_addf(&tmp, ".%s.tmp-%ld", base, (long)getpid());
	fd = sd_user_openat(dfd, tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY,
	    0600);
	if (fd < 0) {
		s = sd_fail(err, SD_FAIL, _("cannot write %s: %s"), file, strerror(errno));
		goto out;
	}
	/* A read transaction inside: others go on writing while it copies. */
	rc = mdb_env_copyfd2(d->store->env, fd, MDB_CP_COMPACT);
	if (rc == 0 && fsync(fd) != 0)
		rc = errno;
	if (close(fd) != 0 && rc == 0)
		rc = errno;
	if (rc != 0) {
		s = sd_store_error(rc, file, err);
		sd_user_unlinkat(dfd, tmp.data);
		goto out;
	}
	if (sd_user_renameat(dfd, tmp.data, base) != 0) {
		s = sd_fail(err, SD_FAIL, _("cannot write %s: %s"), file, strerror(errno));
		sd_user_unlinkat(dfd, tmp.data);
	}
out:
	if (dfd >= 0)
		close(dfd);
	sd_buf_free(&dir);
	sd_buf_free(&tmp);
	return s;
}

/*
 * True when some process has the environment open: LMDB holds a shared
 * lock on the lock file's first byte for as long as it is open.  Ask it
 * only while this process has the environment closed: closing any
 * descriptor of the lock file would drop the process's own LMDB lock.
 * Restore and the privacy compaction replace data.mdb only when it is
 * false (a running process would go on with the old file).
 */
bool
sd_store_in_use(const char *dir)
{
	struct sd_buf lock = { 0 };
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
	bool busy = false;
	int fd;

	sd_buf_addf(&lock, "%s/lock.mdb", dir);
	if ((fd = open(lock.data, O_RDWR | O_NOFOLLOW | O_CLOEXEC)) >= 0) {
		busy = fcntl(fd, F_SETLK, &fl) != 0;
		close(fd);
	}
	sd_buf_free(&lock);
	return busy;
}

/* Opens the backup read-only and reads its schema: a damaged file fails here. */
static sd_status
check_backup(const char *path, const char *file, struct sd_error *err)
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
		if (stat(path, &sb) != 0)
			return sd_fail(err, SD_INVALID, _("cannot read %s: %s"), file, strerror(errno));
		if (sb.st_size < 2 * 4096 || sb.st_size % 4096 != 0)
			return sd_fail(err, SD_INVALID,
			    _("%s is not a sedesk backup (its size is not whole pages)."), file);
	}
	if ((rc = mdb_env_create(&env)) != 0)
		return sd_store_error(rc, file, err);
	mdb_env_set_maxdbs(env, SD_DB_COUNT * 2 + 8);
	rc = mdb_env_open(env, path, MDB_NOSUBDIR | MDB_RDONLY | MDB_NOLOCK, 0600);
	if (rc == 0) {
		MDB_envinfo info;
		MDB_stat st;
		struct stat sb;
		mdb_env_info(env, &info);
		mdb_env_stat(env, &st);
		if (stat(path, &sb) == 0 &&
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

/* Copies the backup the user opened into a new file of the group's at to. */
static sd_status
copy_in(int in, const char *from, const char *to, struct sd_error *err)
{
	char buf[1 << 16];
	ssize_t n;
	int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0660);

	if (out < 0)
		return sd_fail(err, SD_FAIL, _("cannot write %s: %s"), to, strerror(errno));
	while ((n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(out);
			unlink(to);
			return sd_fail(err, SD_INVALID, _("cannot read %s: %s"), from,
			    strerror(errno));
		}
		if (write(out, buf, (size_t)n) != n) {
			n = -1;
			break;
		}
	}
	if (n == 0 && fsync(out) != 0)
		n = -1;
	if (close(out) != 0 || n < 0) {
		unlink(to);
		return sd_fail(err, SD_FAIL, _("cannot write %s: %s"), to, strerror(errno));
	}
	return SD_OK;
}

/*
 * The backup is opened once, with the user's own rights (an admin who is
 * not root restores only a file they could read), and copied into the
 * database directory; the copy is what is checked and then renamed into
 * place, so the file cannot change between the check and its use.
 */
sd_status
sd_restore(const struct sd_desk *d, const char *file, struct sd_error *err)
{
	struct sd_buf data = { 0 }, tmp = { 0 }, lock = { 0 };
	const char *dir = d->db_dir;
	struct stat st;
	bool made_dir = false, copied = false;
	sd_status s = SD_OK;
	int in;

	/* Asked here as backup asks, not only by the command line's table. */
	if ((s = sd_permit(d, SD_ACT_RESTORE, NULL, err)) != SD_OK)
		return s;
	if ((in = sd_user_open(file, O_RDONLY | O_NOCTTY | O_NONBLOCK, 0)) < 0)
		return sd_fail(err, SD_INVALID, _("cannot read %s: %s"), file, strerror(errno));
	if (fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(in);
		return sd_fail(err, SD_INVALID, _("cannot read %s: not a regular file"), file);
	}
	if (mkdir(dir, 02770) == 0)
		made_dir = true;
	else if (errno != EEXIST) {
		close(in);
		return sd_fail(err, SD_FAIL, _("cannot create database directory %s: %s"), dir,
		    strerror(errno));
	}
	sd_buf_addf(&data, "%s/data.mdb", dir);
	sd_buf_addf(&tmp, "%s/data.mdb.restore-%ld", dir, (long)getpid());
	sd_buf_addf(&lock, "%s/lock.mdb", dir);
	if (sd_store_in_use(dir)) {
		s = sd_fail(err, SD_FAIL, _("the database in %s is in use; ask everyone to leave "
		    "sedesk (and stop its cron jobs), then restore again."), dir);
		goto out;
	}
	if ((s = copy_in(in, file, tmp.data, err)) != SD_OK)
		goto out;
	copied = true;
	if ((s = check_backup(tmp.data, file, err)) != SD_OK)
		goto out;
	/* Every page must read before it replaces anything. */
	if (sd_verify_file(tmp.data, true, err) != SD_OK) {
		s = sd_fail(err, SD_INVALID, _("%s is damaged: its pages cannot be read; restore "
		    "another backup."), file);
		goto out;
	}
	/* Checked again: someone may have started sedesk while it copied. */
	if (sd_store_in_use(dir)) {
		s = sd_fail(err, SD_FAIL, _("the database in %s is in use; ask everyone to leave "
		    "sedesk (and stop its cron jobs), then restore again."), dir);
		goto out;
	}
	/* The old lock file describes the old map; the next opener makes a new one. */
	unlink(lock.data);
	if (rename(tmp.data, data.data) != 0)
		s = sd_fail(err, SD_FAIL, _("cannot rename %s to %s: %s"), tmp.data, data.data,
		    strerror(errno));
	else
		copied = false;
out:
	close(in);
	if (copied)
		unlink(tmp.data);
	if (s != SD_OK && made_dir)
		rmdir(dir);
	sd_buf_free(&data);
	sd_buf_free(&tmp);
	sd_buf_free(&lock);
	return s;
}
