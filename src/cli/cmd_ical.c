/*
 * sedesk ical: the events and the contact moments as an RFC 5545
 * calendar, on the output or into a file of the user's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "sedesk/i18n.h"
#include "sedesk/ical.h"
#include "sedesk/userfile.h"

/* Writes all of b to fd; false on an error (errno set). */
static bool
write_all(int fd, const struct sd_buf *b)
{
	size_t off = 0;

	while (off < b->len) {
		ssize_t w = write(fd, b->data + off, b->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		off += (size_t)w;
	}
	return true;
}

int
cmd_ical(struct cli *cli, const struct cli_args *a)
{
	const char *from = cli_opt(a, "from"), *to = cli_opt(a, "to"), *path = cli_opt(a, "output");
	bool events = cli_flag(a, "events"), moments = cli_flag(a, "moments");
	struct sd_event_filter f = { 0 };
	struct sd_ical cal = { 0 };
	struct sd_buf out = { 0 };
	struct sd_error err;
	sd_day d;
	int rc = 0;

	if (from != NULL) {
		if (!sd_day_parse(from, &d) || !sd_day_in_range(d))
			return cli_usage(a->cmd, _("--from %s: give a day as YYYY-MM-DD."), from);
		f.from = (int64_t)d * 86400;
	}
	if (to != NULL) {
		if (!sd_day_parse(to, &d) || !sd_day_in_range(d))
			return cli_usage(a->cmd, _("--to %s: give a day as YYYY-MM-DD."), to);
		f.to = ((int64_t)d + 1) * 86400;
	}
	if (f.from != 0 && f.to != 0 && f.to <= f.from)
		return cli_usage(a->cmd, _("--to %s lies before --from %s."), to, from);
	f.dept = cli_opt(a, "dept");
	if (f.dept != NULL && sd_desk_known_department(&cli->desk, f.dept, &err) != SD_OK)
		return cli_report(&err);
	/* Neither named: the events, as before moments existed. */
	if (!moments)
		events = true;
	if (events && sd_ical_add_events(&cli->desk, &cal, &f, cli_flag(a, "mine"), &err) != SD_OK) {
		sd_ical_free(&cal);
		return cli_report(&err);
	}
	if (moments && sd_ical_add_moments(&cli->desk, &cal,
	    f.from != 0 ? (sd_day)(f.from / 86400) : SD_NO_DAY,
	    f.to != 0 ? (sd_day)(f.to / 86400 - 1) : SD_NO_DAY, cli_flag(a, "mine"), f.dept,
	    &err) != SD_OK) {
		sd_ical_free(&cal);
		return cli_report(&err);
	}
	sd_ical_write(&cal, sd_desk_now(&cli->desk), &out);
	sd_ical_free(&cal);
	if (path != NULL && strcmp(path, "-") != 0) {
		/* The user's file, with the user's rights and umask; never through a symlink. */
		int fd = sd_user_open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NOCTTY,
		    0666 & ~sd_caller_umask());
		if (fd < 0) {
			fprintf(stderr, _("sedesk: cannot write %s: %s; nothing was written.\n"), path,
			    strerror(errno));
			rc = SD_FAIL;
		} else if (!write_all(fd, &out) | (close(fd) != 0)) {
			fprintf(stderr, _("sedesk: cannot write %s: %s\n"), path, strerror(errno));
			rc = SD_FAIL;
		}
	} else if (out.len > 0 && fwrite(out.data, 1, out.len, stdout) != out.len) {
		rc = SD_FAIL;
	}
	sd_buf_free(&out);
	return rc;
}
