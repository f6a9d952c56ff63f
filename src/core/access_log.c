/*
 * The access log's writing side (sedesk/access_log.h): one line per view,
 * appended to the day's file, never waiting on the database.
 *
 * Why files and not a second LMDB environment written in batches: a
 * command-line `case show` is a process of its own that lives a few
 * milliseconds, so there is no batch to gather; every view would have to
 * commit its own write transaction, taking that environment's writer lock
 * (one at a time, all users) and, unless it gives up durability, an fsync.
 * One O_APPEND write is one system call, needs no lock (the kernel
 * appends each write whole, at the end, under the file's own lock) and no
 * commit; lines of about 70 bytes keep a year of a busy desk (10,000 views
 * a day) under 250 MB, and days are whole files, so the retention removes
 * files instead of rewriting anything.
 *
 * The shared (setgid) install: the folder access/ is made 02770 like the
 * database's folder (group of the database; the program's umask is 007),
 * its files 0660.  A plain user, not a member of the group, cannot enter
 * the database's folder, so cannot read, write, truncate or replace the
 * files except through sedesk, which writes only lines it made itself
 * from the caller's identity and a record it read (never text the caller
 * typed).  Files are opened relative to the folder's descriptor with
 * O_NOFOLLOW, so a link planted by someone with access changes nothing.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "access_log_int.h"
#include "sedesk/access_log.h"
#include "sedesk/fields.h"
#include "sedesk/text.h"

/* The longest line: time, login, front, kind, key, enterprise (all bounded). */
#define LINE_MAX_BYTES	256

/* Copies s into out as one field of a line: no tab, newline or control byte. */
static void
field_copy(char *out, size_t size, const char *s)
{
	size_t i = 0;

	for (; s != NULL && *s != '\0' && i + 1 < size; s++)
		out[i++] = (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s;
	if (i == 0 && size > 1)
		out[i++] = '-';
	out[i] = '\0';
}

/*
 * Opens (creating when needed) the folder DBDIR/access; -1 with errno.  The
 * folder is never followed through a link.
 */
int
access_dir_open(const struct sd_desk *d, bool create)
{
	struct sd_buf p = { 0 };
	int fd;

	sd_buf_addf(&p, "%s/%s", d->db_dir, ACCESS_DIR);
	fd = open(p.data, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create) {
		if (mkdir(p.data, 02770) != 0 && errno != EEXIST) {
			int e = errno;
			sd_buf_free(&p);
			errno = e;
			return -1;
		}
		fd = open(p.data, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	}
	{
		int e = errno;
		sd_buf_free(&p);
		errno = e;
	}
	return fd;
}

void
access_day_name(sd_day day, char out[ACCESS_NAME_MAX])
{
	char ymd[11];

	sd_day_format(day, ymd);
	snprintf(out, ACCESS_NAME_MAX, "%s%s", ymd, ACCESS_SUFFIX);
}

/* The day a file name stands for, or SD_NO_DAY when it is not a day's file. */
sd_day
access_name_day(const char *name)
{
	char ymd[11];
	sd_day day;

	if (strlen(name) != 10 + strlen(ACCESS_SUFFIX) ||
	    strcmp(name + 10, ACCESS_SUFFIX) != 0)
		return SD_NO_DAY;
	memcpy(ymd, name, 10);
	ymd[10] = '\0';
	if (!sd_day_parse(ymd, &day))
		return SD_NO_DAY;
	return day;
}

/*
 * Appends one line; 0, or an errno value.  One write(2) on a descriptor
 * opened O_APPEND: Linux takes the file's lock for it, so lines of
 * processes writing at once never interleave (on a local file system;
 * the database must be on one anyway, for LMDB's lock file).
 */
static int
append_line(struct sd_desk *d, const char *line, size_t len, bool *created)
{
	char name[ACCESS_NAME_MAX];
	int dfd, fd, e = 0;
	ssize_t w;

	*created = false;
	if ((dfd = access_dir_open(d, true)) < 0)
		return errno;
	access_day_name(sd_desk_today(d), name);
	fd = openat(dfd, name, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 && errno == ENOENT) {
		/* The day's first line: whoever makes the file sweeps the old ones. */
		fd = openat(dfd, name, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC | O_NOCTTY, 0660);
		if (fd >= 0)
			*created = true;
		else if (errno == EEXIST)
			fd = openat(dfd, name, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC |
			    O_NOCTTY);
	}
	if (fd < 0) {
		e = errno;
		close(dfd);
		return e;
	}
	/* One write: the kernel appends it whole or not at all (a full disk: ENOSPC). */
	do
		w = write(fd, line, len);
	while (w < 0 && errno == EINTR);
	if (w < 0)
		e = errno;
	else if ((size_t)w != len)
		e = ENOSPC;	/* a short write: the disk filled up in the middle */
	if (close(fd) != 0 && e == 0)
		e = errno;
	close(dfd);
	return e;
}

static void
note(struct sd_desk *d, enum sd_access_kind kind, const char *key, const uint8_t *ent,
    enum sd_front front)
{
	static const uint8_t none[SD_UUID_LEN];
	char line[LINE_MAX_BYTES], login[64], k[SD_UUID_STR], e[SD_UUID_STR] = "-";
	int64_t now = sd_desk_now(d), sec;
	bool created;
	int n, err;

	if (d == NULL || d->me == NULL || d->db_dir == NULL)
		return;
	field_copy(login, sizeof login, d->me->login);
	field_copy(k, sizeof k, key);
	/* An enterprise's own view does not repeat its id (the reader fills it in). */
	if (kind != SD_ACCESS_ENTERPRISE && ent != NULL && memcmp(ent, none, SD_UUID_LEN) != 0)
		sd_uuid_format(ent, e);
	sec = now - (int64_t)sd_day_from_time(now) * 86400;
	n = snprintf(line, sizeof line, "%02d:%02d:%02d\t%s\t%c\t%c\t%s\t%s\n",
	    (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60), login, (char)front,
	    (char)kind, k, e);
	if (n < 0 || (size_t)n >= sizeof line) {
		access_fail_count(d, EOVERFLOW);
		return;
	}
	if ((err = append_line(d, line, (size_t)n, &created)) != 0) {
		access_fail_count(d, err);
		return;
	}
	if (created) {
		/* Once a day: the counter exists from now on, and old days go. */
		access_fail_prepare(d);
		sd_access_sweep(d, NULL);
	}
}

void
sd_access_case(struct sd_desk *d, const struct sd_case *c, enum sd_front front)
{
	char num[SD_CASE_NUMBER_MAX];

	sd_case_number_format(c->key, num);
	note(d, SD_ACCESS_CASE, num, c->enterprise, front);
}

bool
sd_enterprise_has_personal(const struct sd_enterprise *e)
{
	struct sd_field_iter it;
	struct sd_field_value v;

	sd_record_fields(SD_RECORD_ENTERPRISE, e, &it);
	while (sd_field_next(&it, &v))
		if ((v.info->flags & SD_FF_PERSONAL) && v.text != NULL && *v.text != '\0')
			return true;
	return false;
}

void
sd_access_enterprise(struct sd_desk *d, const struct sd_enterprise *e, enum sd_front front)
{
	char id[SD_UUID_STR];

	if (!sd_enterprise_has_personal(e))
		return;
	sd_uuid_format(e->id, id);
	note(d, SD_ACCESS_ENTERPRISE, id, e->id, front);
}

void
sd_access_moment(struct sd_desk *d, const struct sd_moment *m, enum sd_front front)
{
	char id[SD_UUID_STR];

	sd_uuid_format(m->id, id);
	note(d, SD_ACCESS_MOMENT, id, m->enterprise, front);
}

void
sd_access_sweep(struct sd_desk *d, size_t *removed)
{
	/* A configuration not read from a file (tests) keeps the default. */
	unsigned days = d->cfg.access_log_days > 0 ? d->cfg.access_log_days :
	    SD_DEFAULT_ACCESS_LOG_DAYS;
	sd_day oldest = sd_desk_today(d) - (sd_day)days;
	struct dirent *de;
	DIR *dir;
	int dfd;

	if (removed != NULL)
		*removed = 0;
	if ((dfd = access_dir_open(d, false)) < 0)
		return;
	if ((dir = fdopendir(dfd)) == NULL) {
		close(dfd);
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		sd_day day = access_name_day(de->d_name);

		/* Kept: today and the access_log_days before it. */
		if (day == SD_NO_DAY || day >= oldest)
			continue;
		if (unlinkat(dirfd(dir), de->d_name, 0) == 0 && removed != NULL)
			(*removed)++;
	}
	closedir(dir);
}
