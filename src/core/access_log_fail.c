/*
 * Failures to write the access log, counted where a full disk or a folder
 * that refuses new files cannot stop the count: one record of fixed size
 * in DBDIR/access-failures, made while things work (with the day's first
 * line) and afterwards only rewritten in place, under a lock of its own
 * held for the read and write of 128 bytes (never the database's).
 *
 *   "sedesk-access-failures failures=N seen=N last=T errno=E\n", padded
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "access_log_int.h"
#include "sedesk/access_log.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

#define RECORD_LEN	128

static int
counter_open(const struct sd_desk *d, bool create)
{
	struct sd_buf p = { 0 };
	int fd;

	sd_buf_addf(&p, "%s/%s", d->db_dir, ACCESS_FAILURES);
	fd = open(p.data, O_RDWR | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 && errno == ENOENT && create)
		fd = open(p.data, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0660);
	sd_buf_free(&p);
	return fd;
}

static int
lock_whole(int fd, short type)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
	int rc;

	while ((rc = fcntl(fd, F_SETLKW, &fl)) < 0 && errno == EINTR)
		;
	return rc;
}

/* An absent or empty record reads as no failures. */
static void
record_read(int fd, struct sd_access_health *h)
{
	char buf[RECORD_LEN + 1];
	unsigned long long f = 0, s = 0;
	long long last = 0;
	int e = 0;
	ssize_t n;

	memset(h, 0, sizeof *h);
	n = pread(fd, buf, RECORD_LEN, 0);
	if (n <= 0)
		return;
	buf[n] = '\0';
	if (sscanf(buf, "sedesk-access-failures failures=%llu seen=%llu last=%lld errno=%d",
	    &f, &s, &last, &e) != 4)
		return;
	h->failures = f;
	h->seen = s <= f ? s : f;
	h->last = last;
	h->last_errno = e;
}

/* Rewrites the record in place: the file keeps its size, so needs no new block. */
static int
record_write(int fd, const struct sd_access_health *h)
{
	char buf[RECORD_LEN + 1];
	int n;

	n = snprintf(buf, sizeof buf, "sedesk-access-failures failures=%llu seen=%llu "
	    "last=%lld errno=%d", (unsigned long long)h->failures, (unsigned long long)h->seen,
	    (long long)h->last, h->last_errno);
	if (n < 0 || n >= RECORD_LEN)
		return -1;
	memset(buf + n, ' ', (size_t)(RECORD_LEN - 1 - n));
	buf[RECORD_LEN - 1] = '\n';
	return pwrite(fd, buf, RECORD_LEN, 0) == RECORD_LEN ? 0 : -1;
}

void
access_fail_prepare(struct sd_desk *d)
{
	struct sd_access_health h;
	int fd;

	if ((fd = counter_open(d, true)) < 0)
		return;
	if (lock_whole(fd, F_WRLCK) == 0) {
		record_read(fd, &h);
		/* Full size now, so that later counts never need the disk to grow. */
		if (lseek(fd, 0, SEEK_END) < RECORD_LEN)
			record_write(fd, &h);
	}
	close(fd);
}

void
access_fail_count(struct sd_desk *d, int e)
{
	struct sd_access_health h;
	int fd, saved = errno;

	/* Made now if it could not be before; a full disk may refuse it (uncounted). */
	if ((fd = counter_open(d, true)) < 0) {
		errno = saved;
		return;
	}
	if (lock_whole(fd, F_WRLCK) == 0) {
		record_read(fd, &h);
		h.failures++;
		h.last = sd_desk_now(d);
		h.last_errno = e;
		record_write(fd, &h);
	}
	close(fd);
	errno = saved;
}

bool
sd_access_health(const struct sd_desk *d, struct sd_access_health *h)
{
	int fd;

	memset(h, 0, sizeof *h);
	if ((fd = counter_open(d, false)) < 0)
		return false;
	if (lock_whole(fd, F_RDLCK) == 0)
		record_read(fd, h);
	close(fd);
	return true;
}

uint64_t
sd_access_unseen(const struct sd_desk *d)
{
	struct sd_access_health h;

	if (!sd_access_health(d, &h))
		return 0;
	return h.failures - h.seen;
}

sd_status
sd_access_acknowledge(struct sd_desk *d, struct sd_error *err)
{
	struct sd_access_health h;
	sd_status s;
	int fd;

	if ((s = sd_permit(d, SD_ACT_PRIVACY_WRITE, NULL, err)) != SD_OK)
		return s;
	if ((fd = counter_open(d, false)) < 0) {
		if (errno == ENOENT)
			return SD_OK;	/* nothing ever failed */
		return sd_fail(err, SD_FAIL, _("cannot open %s/%s: %s; nothing was changed."),
		    d->db_dir, ACCESS_FAILURES, strerror(errno));
	}
	if (lock_whole(fd, F_WRLCK) != 0) {
		s = sd_fail(err, SD_FAIL, _("cannot lock %s/%s: %s; nothing was changed."),
		    d->db_dir, ACCESS_FAILURES, strerror(errno));
		close(fd);
		return s;
	}
	record_read(fd, &h);
	h.seen = h.failures;
	if (record_write(fd, &h) != 0)
		s = sd_fail(err, SD_FAIL, _("cannot write %s/%s: %s; nothing was changed."),
		    d->db_dir, ACCESS_FAILURES, strerror(errno));
	close(fd);
	return s;
}
