/*
 * The writer lock (see writelock.h).
 *
 * A classic fcntl(2) lock, not an open-file-description one: its owner is
 * the process, so F_GETLK names the holder's pid, a forked child (the
 * editor) never holds it, and the kernel drops it when the holder exits
 * or is killed.  The one catch of process locks, that closing any
 * descriptor of the file drops them, is avoided by opening the file once
 * and reading the holder's record through the same descriptor.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sedesk/date.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "writelock.h"

#define LOCK_FILE	"writer.lock"
#define RECORD_MAX	256

void
sd_writelock_init(struct sd_writelock *l, const char *dir)
{
	struct sd_buf b = { 0 };

	sd_buf_addf(&b, "%s/%s", dir, LOCK_FILE);
	l->fd = -1;
	l->held = false;
	l->path = b.data;
}

static sd_status
open_file(struct sd_writelock *l, struct sd_error *err)
{
	int fd;

	if (l->fd >= 0)
		return SD_OK;
	fd = open(l->path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 && errno == ENOENT) {
		/*
		 * Made by whoever writes first, like LMDB's files: every member
		 * of the group must be able to lock it (the program's umask is
		 * 007 when it runs setgid).
		 */
		fd = open(l->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0660);
		if (fd < 0 && errno == EEXIST)
			fd = open(l->path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	}
	if (fd < 0)
		return sd_fail(err, SD_FAIL,
		    _("cannot open the database's writer lock %s: %s; nothing was changed. "
		    "Check the database directory's owner and mode."), l->path, strerror(errno));
	l->fd = fd;
	return SD_OK;
}

/*
 * Byte 0 is the lock itself.  A writer that has to wait holds a shared
 * lock on byte 1 meanwhile, so that a long job that takes the lock again
 * and again (reindex) can see it and let it in first: polling alone would
 * almost never find the lock free between two of the job's transactions.
 */
#define BYTE_LOCK	0
#define BYTE_WAITING	1

static int
lock_byte_at(int fd, off_t at, short type)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = at, .l_len = 1 };

	return fcntl(fd, F_SETLK, &fl);
}

static int
lock_byte(int fd, short type)
{
	return lock_byte_at(fd, BYTE_LOCK, type);
}

static void
sleep_ms(unsigned ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Writes "pid uid since login" for a writer that waits in vain to read. */
static void
write_record(struct sd_writelock *l, const char *who)
{
	char rec[RECORD_MAX];
	int n;

	n = snprintf(rec, sizeof rec, "%ld %ld %lld %s\n", (long)getpid(), (long)getuid(),
	    (long long)time(NULL), who != NULL && *who != '\0' ? who : "?");
	if (n < 0 || (size_t)n >= sizeof rec)
		n = (int)sizeof rec - 1;
	/* Only a courtesy to waiters: a failed write leaves them the pid alone. */
	if (pwrite(l->fd, rec, (size_t)n, 0) == n)
		(void)ftruncate(l->fd, n);
}

/* The process that holds the lock now, 0 when nobody does. */
static pid_t
holder(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };

	if (fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type == F_UNLCK)
		return 0;
	return fl.l_pid;
}

static sd_status
busy(struct sd_writelock *l, pid_t pid, unsigned timeout_ms, struct sd_error *err)
{
	char rec[RECORD_MAX], login[RECORD_MAX], when[64];
	long rpid, ruid;
	long long since;
	ssize_t n;

	n = pread(l->fd, rec, sizeof rec - 1, 0);
	rec[n > 0 ? n : 0] = '\0';
	/* The record is the holder's only while it names the pid the kernel names. */
	if (pid > 0 && sscanf(rec, "%ld %ld %lld %255s", &rpid, &ruid, &since, login) == 4 &&
	    rpid == (long)pid && since > 0) {
		time_t t = (time_t)since, now = time(NULL);
		struct tm tm, today;
		localtime_r(&t, &tm);
		localtime_r(&now, &today);
		strftime(when, sizeof when, tm.tm_year == today.tm_year &&
		    tm.tm_yday == today.tm_yday ? "%H:%M:%S" : "%Y-%m-%d %H:%M:%S", &tm);
		return sd_fail(err, SD_BUSY,
		    _("the database is busy: %s (process %ld) has been writing since %s; "
		    "nothing was changed. Try again, or ask that person or an administrator."),
		    login, (long)pid, when);
	}
	if (pid > 0)
		return sd_fail(err, SD_BUSY,
		    _("the database is busy: process %ld is writing (this change waited %u s); "
		    "nothing was changed. Try again, or ask an administrator."),
		    (long)pid, (timeout_ms + 999) / 1000);
	return sd_fail(err, SD_BUSY,
	    _("the database is busy: another sedesk is writing (this change waited %u s); "
	    "nothing was changed. Try again, or ask an administrator."),
	    (timeout_ms + 999) / 1000);
}

sd_status
sd_writelock_take(struct sd_writelock *l, unsigned timeout_ms, const char *who,
    struct sd_error *err)
{
	int64_t deadline;
	unsigned pause = 1;
	sd_status s;

	if (l->held)
		return SD_OK;
	if ((s = open_file(l, err)) != SD_OK)
		return s;
	deadline = sd_monotonic_ms() + timeout_ms;
	for (bool waiting = false;; waiting = true) {
		int64_t left;

		if (lock_byte(l->fd, F_WRLCK) == 0)
			break;
		if (errno != EACCES && errno != EAGAIN && errno != EINTR) {
			s = sd_fail(err, SD_FAIL,
			    _("cannot lock the database's writer lock %s: %s; nothing was changed."),
			    l->path, strerror(errno));
			goto out;
		}
		if (!waiting)
			(void)lock_byte_at(l->fd, BYTE_WAITING, F_RDLCK);
		if ((left = deadline - sd_monotonic_ms()) <= 0) {
			/* One last look: the holder may have let go meanwhile. */
			pid_t pid = holder(l->fd);
			if (pid == 0 && lock_byte(l->fd, F_WRLCK) == 0)
				break;
			s = busy(l, pid, timeout_ms, err);
			goto out;
		}
		/* Short pauses first, so a writer waits little behind a short one. */
		sleep_ms(pause < left ? pause : (unsigned)left);
		if (pause < 16)
			pause *= 2;
	}
	s = SD_OK;
	l->held = true;
	write_record(l, who);
out:
	(void)lock_byte_at(l->fd, BYTE_WAITING, F_UNLCK);
	return s;
}

void
sd_writelock_yield(struct sd_writelock *l, unsigned max_ms)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = BYTE_WAITING,
	    .l_len = 1 };
	int64_t until = sd_monotonic_ms() + max_ms;

	if (l->held || l->fd < 0)
		return;
	while (sd_monotonic_ms() < until) {
		fl.l_type = F_WRLCK;
		if (fcntl(l->fd, F_GETLK, &fl) != 0 || fl.l_type == F_UNLCK)
			return;
		sleep_ms(1);
	}
}

void
sd_writelock_release(struct sd_writelock *l)
{
	if (!l->held)
		return;
	lock_byte(l->fd, F_UNLCK);
	l->held = false;
}

void
sd_writelock_close(struct sd_writelock *l)
{
	sd_writelock_release(l);
	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
	free(l->path);
	l->path = NULL;
}
