/*
 * Opening what the user names, and starting what the user runs, without
 * lending either the program's group (see userfile.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sedesk/config.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "sedesk/userfile.h"

static mode_t caller_umask = 022;

void
sd_umask_init(void)
{
	caller_umask = umask(022);
	umask(sd_privileged() ? 007 : caller_umask);
}

mode_t
sd_caller_umask(void)
{
	return caller_umask;
}

/* Closes every descriptor from 3 up; close_range(2) where the kernel has it. */
static void
close_from_3(void)
{
#ifdef SYS_close_range
	if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0)
		return;
#endif
	long max = sysconf(_SC_OPEN_MAX);

	if (max < 0 || max > 1 << 20)
		max = 1 << 20;
	for (long fd = 3; fd < max; fd++)
		close((int)fd);
}

int
sd_child_prepare(void)
{
	gid_t g = getgid();

	close_from_3();
	umask(caller_umask);
	/* All three ids, so that not even the saved set-group-ID keeps the group. */
	if (setresgid(g, g, g) != 0)
		return -1;
	{
		gid_t r, e, s;
		if (getresgid(&r, &e, &s) != 0 || r != g || e != g || s != g)
			return -1;
	}
	return 0;
}

/*
 * Runs fn with the effective group set to the real one and restores it.
 * sedesk has one thread, so nothing else runs meanwhile.
 */
#define AS_USER(result, call) do {					\
	gid_t egid_ = getegid(), rgid_ = getgid();			\
	int saved_errno_;						\
	if (egid_ != rgid_ && setegid(rgid_) != 0) {			\
		(result) = -1;						\
		break;							\
	}								\
	(result) = (call);						\
	saved_errno_ = errno;						\
	if (egid_ != rgid_ && setegid(egid_) != 0)			\
		abort();	/* cannot happen: the saved id allows it */ \
	errno = saved_errno_;						\
} while (0)

int
sd_user_open(const char *path, int flags, mode_t mode)
{
	int fd;

	/* A file it creates gets the caller's umask, not the program's (007). */
	AS_USER(fd, open(path, flags | O_CLOEXEC, mode & ~caller_umask));
	return fd;
}

int
sd_user_mkstemp(char *template)
{
	int fd;

	AS_USER(fd, mkostemp(template, O_CLOEXEC));
	return fd;
}

int
sd_user_openat(int dirfd, const char *name, int flags, mode_t mode)
{
	int fd;

	AS_USER(fd, openat(dirfd, name, flags | O_CLOEXEC, mode & ~caller_umask));
	return fd;
}

int
sd_user_renameat(int dirfd, const char *from, const char *to)
{
	int rc;

	AS_USER(rc, renameat(dirfd, from, dirfd, to));
	return rc;
}

int
sd_user_unlinkat(int dirfd, const char *name)
{
	int rc;

	AS_USER(rc, unlinkat(dirfd, name, 0));
	return rc;
}

/*
 * Opens path for reading with the user's rights: a regular file or a
 * pipe, in blocking mode.  "-" is standard input, taken as it is.
 */
static sd_status
open_for_reading(const char *path, int *out, struct sd_error *err)
{
	struct stat st;
	int fd, fl;

	*out = -1;
	if (strcmp(path, "-") == 0) {
		*out = 0;
		return SD_OK;
	}
	/* Without blocking: a FIFO without a writer must not hang the open. */
	if ((fd = sd_user_open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK, 0)) < 0)
		return sd_fail(err, SD_INVALID, _("cannot read %s: %s"), path, strerror(errno));
	if (fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode))) {
		close(fd);
		return sd_fail(err, SD_INVALID, _("cannot read %s: not a regular file"), path);
	}
	if ((fl = fcntl(fd, F_GETFL)) >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	*out = fd;
	return SD_OK;
}

sd_status
sd_user_fopen(const char *path, FILE **out, struct sd_error *err)
{
	sd_status s;
	int fd;

	*out = NULL;
	if ((s = open_for_reading(path, &fd, err)) != SD_OK)
		return s;
	if (fd == 0) {
		*out = stdin;
		return SD_OK;
	}
	if ((*out = fdopen(fd, "r")) == NULL) {
		s = sd_fail(err, SD_FAIL, _("cannot read %s: %s"), path, strerror(errno));
		close(fd);
	}
	return s;
}

sd_status
sd_user_read_file(const char *path, char **out, struct sd_error *err)
{
	struct sd_buf b = { 0 };
	char chunk[8192];
	sd_status s;
	ssize_t n;
	int fd;

	*out = NULL;
	if ((s = open_for_reading(path, &fd, err)) != SD_OK)
		return s;
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			s = sd_fail(err, SD_INVALID, _("cannot read %s: %s"), path, strerror(errno));
			goto fail;
		}
		sd_buf_add(&b, chunk, (size_t)n);
	}
	if (memchr(b.data != NULL ? b.data : "", '\0', b.len) != NULL) {
		s = sd_fail(err, SD_INVALID, _("%s holds a NUL byte: give a text file."), path);
		goto fail;
	}
	if (fd != 0)
		close(fd);
	*out = sd_buf_take(&b);
	return SD_OK;
fail:
	if (fd != 0)
		close(fd);
	sd_buf_free(&b);
	return s;
}
