/*
 * The access log's reading side: the day files in the period, oldest
 * first, each line parsed and matched against the filter.  Read by the
 * administrator and the data protection officer only (sd_permit).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "access_log_int.h"
#include "sedesk/access_log.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

/* Longer lines are not the log's (its lines are below 256 bytes). */
#define LINE_COPY	512

static int
day_cmp(const void *a, const void *b)
{
	sd_day x = *(const sd_day *)a, y = *(const sd_day *)b;

	return x < y ? -1 : x > y;
}

/* Splits a line at tabs into at most n fields; the number found. */
static size_t
split(char *line, char **f, size_t n)
{
	size_t k = 0;

	f[k++] = line;
	for (char *p = line; *p != '\0' && k < n + 1; p++)
		if (*p == '\t') {
			*p = '\0';
			if (k == n)
				return n + 1;	/* too many */
			f[k++] = p + 1;
		}
	return k;
}

static bool
parse_line(char *line, sd_day day, struct sd_access_entry *e)
{
	char *f[6];
	int h, m, s;
	char end;

	memset(e, 0, sizeof *e);
	if (split(line, f, 6) != 6)
		return false;
	if (sscanf(f[0], "%2d:%2d:%2d%c", &h, &m, &s, &end) != 3 || h < 0 || h > 23 ||
	    m < 0 || m > 59 || s < 0 || s > 60)
		return false;
	e->at = (int64_t)day * 86400 + h * 3600 + m * 60 + s;
	if (strlen(f[1]) >= sizeof e->login || strlen(f[2]) != 1 || strlen(f[3]) != 1 ||
	    strlen(f[4]) >= sizeof e->key || strlen(f[5]) >= sizeof e->enterprise)
		return false;
	snprintf(e->login, sizeof e->login, "%s", f[1]);
	if (f[2][0] != SD_FRONT_CLI && f[2][0] != SD_FRONT_TUI)
		return false;
	e->front = (enum sd_front)f[2][0];
	if (f[3][0] != SD_ACCESS_CASE && f[3][0] != SD_ACCESS_ENTERPRISE &&
	    f[3][0] != SD_ACCESS_MOMENT)
		return false;
	e->kind = (enum sd_access_kind)f[3][0];
	snprintf(e->key, sizeof e->key, "%s", f[4]);
	if (e->kind == SD_ACCESS_ENTERPRISE)
		snprintf(e->enterprise, sizeof e->enterprise, "%s", e->key);
	else if (strcmp(f[5], "-") != 0)
		snprintf(e->enterprise, sizeof e->enterprise, "%s", f[5]);
	return true;
}

static bool
in_ids(const char *s, const uint8_t (*ids)[SD_UUID_LEN], size_t n)
{
	uint8_t id[SD_UUID_LEN];

	if (*s == '\0' || !sd_uuid_parse(s, id))
		return false;
	for (size_t i = 0; i < n; i++)
		if (memcmp(ids[i], id, SD_UUID_LEN) == 0)
			return true;
	return false;
}

static bool
same_case(const struct sd_case_key *k, const char *number)
{
	struct sd_case_key n;

	return sd_case_number_parse(number, &n) && n.year == k->year && n.seq == k->seq;
}

static bool
in_set(const struct sd_access_set *p, const struct sd_access_entry *e)
{
	if (e->kind == SD_ACCESS_CASE)
		for (size_t i = 0; i < p->ncases; i++)
			if (same_case(&p->cases[i], e->key))
				return true;
	if (e->kind == SD_ACCESS_MOMENT && in_ids(e->key, p->moments, p->nmoments))
		return true;
	/* A view of the enterprise, or of a case or moment of it (its persons show). */
	return in_ids(e->enterprise, p->ents, p->nents);
}

static bool
matches(const struct sd_access_filter *f, const struct sd_access_entry *e)
{
	if (f->login != NULL && strcmp(f->login, e->login) != 0)
		return false;
	if (f->case_key != NULL && (e->kind != SD_ACCESS_CASE || !same_case(f->case_key, e->key)))
		return false;
	if (f->enterprise != NULL && !in_ids(e->enterprise,
	    (const uint8_t (*)[SD_UUID_LEN])f->enterprise, 1))
		return false;
	if (f->person != NULL && !in_set(f->person, e))
		return false;
	return true;
}

/*
 * A write cut short by a full disk leaves a piece of a line without its
 * end, and the next process's line is appended to it: "09:00:0310:15:00\t…".
 * The whole line that follows the piece is found again where a time starts
 * and parses; the piece itself is counted as unreadable.
 */
static bool
recover(const char *line, size_t len, sd_day day, struct sd_access_entry *e)
{
	static const char shape[] = "00:00:00\t";
	char copy[LINE_COPY];
	bool ok = false;

	for (size_t i = 1; i + sizeof shape - 1 <= len && !ok; i++) {
		size_t k;

		for (k = 0; k < sizeof shape - 1; k++)
			if (shape[k] == '0' ? !isdigit((unsigned char)line[i + k]) :
			    line[i + k] != shape[k])
				break;
		if (k < sizeof shape - 1)
			continue;
		memcpy(copy, line + i, len - i + 1);
		ok = parse_line(copy, day, e);
	}
	return ok;
}

/* What a read is doing: the filter, and where each matching entry goes. */
struct reader {
	const struct sd_access_filter *f;
	int	(*fn)(const struct sd_access_entry *e, void *arg);
	void	*arg;
	size_t	 bad;
	bool	 stopped;
};

static sd_status
read_day(int dfd, sd_day day, struct reader *r, struct sd_error *err)
{
	char name[ACCESS_NAME_MAX], *line = NULL;
	size_t size = 0;
	ssize_t len;
	FILE *fp;
	int fd;

	access_day_name(day, name);
	if ((fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY)) < 0) {
		if (errno == ENOENT)
			return SD_OK;	/* removed by the retention meanwhile */
		return sd_fail(err, SD_FAIL, _("cannot read the access log of %s: %s."), name,
		    strerror(errno));
	}
	if ((fp = fdopen(fd, "r")) == NULL) {
		close(fd);
		return sd_fail(err, SD_FAIL, _("cannot read the access log of %s: %s."), name,
		    strerror(errno));
	}
	while (!r->stopped && (len = getline(&line, &size, fp)) > 0) {
		char copy[LINE_COPY];
		bool whole;
		struct sd_access_entry e;

		/* A line without its end is one still being written, or cut short. */
		if (line[len - 1] != '\n') {
			r->bad++;
			continue;
		}
		line[len - 1] = '\0';
		/* Parsed in a copy: a piece cut short is looked into again (recover). */
		if ((size_t)len > LINE_COPY) {
			r->bad++;
			continue;
		}
		memcpy(copy, line, (size_t)len);
		whole = parse_line(copy, day, &e);
		if (!whole) {
			/* The piece is unreadable; the line appended to it is not lost. */
			r->bad++;
			if (!recover(line, (size_t)len - 1, day, &e))
				continue;
		}
		if (matches(r->f, &e) && r->fn(&e, r->arg) != 0)
			r->stopped = true;
	}
	free(line);
	fclose(fp);
	return SD_OK;
}

sd_status
sd_access_each(struct sd_desk *d, const struct sd_access_filter *f,
    int (*fn)(const struct sd_access_entry *e, void *arg), void *arg, size_t *bad,
    struct sd_error *err)
{
	struct reader r = { .f = f, .fn = fn, .arg = arg };
	sd_day *days = NULL;
	size_t ndays = 0, cap = 0;
	struct dirent *de;
	sd_status s;
	DIR *dir;
	int dfd;

	if (bad != NULL)
		*bad = 0;
	if ((s = sd_permit(d, SD_ACT_PRIVACY_READ, NULL, err)) != SD_OK)
		return s;
	sd_access_sweep(d, NULL);
	if ((dfd = access_dir_open(d, false)) < 0) {
		if (errno == ENOENT)
			return SD_OK;	/* nobody has looked at anything yet */
		return sd_fail(err, SD_FAIL, _("cannot read the access log in %s/%s: %s."),
		    d->db_dir, ACCESS_DIR, strerror(errno));
	}
	if ((dir = fdopendir(dfd)) == NULL) {
		close(dfd);
		return sd_fail(err, SD_FAIL, _("cannot read the access log in %s/%s: %s."),
		    d->db_dir, ACCESS_DIR, strerror(errno));
	}
	while ((de = readdir(dir)) != NULL) {
		sd_day day = access_name_day(de->d_name);

		if (day == SD_NO_DAY || (f->from != SD_NO_DAY && day < f->from) ||
		    (f->to != SD_NO_DAY && day > f->to))
			continue;
		if (ndays == cap) {
			cap = cap ? cap * 2 : 32;
			days = sd_xrealloc(days, cap * sizeof *days);
		}
		days[ndays++] = day;
	}
	/* No day files in the period: no array (qsort may not get NULL). */
	if (ndays > 1)
		qsort(days, ndays, sizeof *days, day_cmp);
	s = SD_OK;
	for (size_t i = 0; i < ndays && s == SD_OK && !r.stopped; i++)
		s = read_day(dirfd(dir), days[i], &r, err);
	closedir(dir);
	free(days);
	if (bad != NULL)
		*bad = r.bad;
	return s;
}

static int
collect(const struct sd_access_entry *e, void *arg)
{
	struct sd_access_entries *out = arg;

	if ((out->n & (out->n - 1)) == 0)	/* 0, 1, 2, 4, …: grow */
		out->items = sd_xrealloc(out->items, (out->n ? out->n * 2 : 1) * sizeof *out->items);
	out->items[out->n++] = *e;
	return 0;
}

sd_status
sd_access_read(struct sd_desk *d, const struct sd_access_filter *f,
    struct sd_access_entries *out, struct sd_error *err)
{
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = sd_access_each(d, f, collect, out, &out->bad, err)) != SD_OK)
		sd_access_entries_free(out);
	return s;
}

void
sd_access_entries_free(struct sd_access_entries *e)
{
	free(e->items);
	memset(e, 0, sizeof *e);
}
