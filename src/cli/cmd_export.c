/*
 * sedesk case export: the case as plain text or Markdown, to hand on to
 * the enterprise (sd_case_text, the same text as the interface's s and |).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "sedesk/access_log.h"
#include "sedesk/case_text.h"
#include "sedesk/i18n.h"
#include "sedesk/userfile.h"

/*
 * Writes text to path with the user's rights and umask (not the
 * program's 007 of the setgid install); never through a symlink.
 */
int
cli_write_user_file(const char *path, const char *text)
{
	size_t len = strlen(text), off = 0;
	int fd = sd_user_open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NOCTTY,
	    0666 & ~sd_caller_umask());

	if (fd < 0) {
		fprintf(stderr, _("sedesk: cannot write %s: %s; nothing was written.\n"), path,
		    strerror(errno));
		return SD_FAIL;
	}
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (close(fd) != 0 || off < len) {
		fprintf(stderr, _("sedesk: cannot write %s: %s\n"), path, strerror(errno));
		return SD_FAIL;
	}
	return 0;
}

int
cmd_case_export(struct cli *cli, const struct cli_args *a)
{
	const char *path = cli_opt(a, "output");
	struct sd_buf out = { 0 };
	struct sd_case_view v;
	struct sd_error err;
	sd_status s;
	int rc = 0;

	if (sd_case_get(&cli->desk, a->argv[0], &v, &err) != SD_OK)
		return cli_report(&err);
	sd_access_case(&cli->desk, &v.c, SD_FRONT_CLI);	/* who looked (issue 17) */
	s = sd_case_text(&cli->desk, &v, cli_flag(a, "markdown"), &out);
	sd_case_view_free(&v);
	if (s != SD_OK) {
		sd_buf_free(&out);
		return s;
	}
	sd_buf_adds(&out, "");
	if (path != NULL && strcmp(path, "-") != 0)
		rc = cli_write_user_file(path, out.data);
	else
		fputs(out.data, stdout);
	sd_buf_free(&out);
	return rc;
}
