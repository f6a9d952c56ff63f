/*
 * Runs sedesk-mailparse on the message (mailgate.h, sd_mailgate_parse).
 * The child gets the message as its standard input (the MTA's pipe, so
 * sedesk never holds the raw bytes), a pipe as its standard output and
 * nothing of the program: sd_child_prepare closes every descriptor above 2
 * (the database's among them) and gives the group up.  What it prints is
 * read within a bound and a time, then checked (sd_mail_decode).
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sedesk/i18n.h"
#include "sedesk/libexec.h"
#include "sedesk/mailgate.h"
#include "sedesk/text.h"
#include "sedesk/userfile.h"

/* The parser stops itself after 30 s; the gate waits a little longer, then kills it. */
#define PARSE_SECONDS	40

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

sd_status
sd_mailgate_parse(struct sd_desk *d, int in, struct sd_mail *out, struct sd_error *err)
{
	char prog[4096], amax[32], mmax[32];
	struct sd_buf b = { 0 };
	/* Base64 of the attachments kept (at most twice the limit) and the rest. */
	size_t cap = d->cfg.attachment_max * 2 / 3 * 4 + 8 + (1u << 20) + 4 * 20000;
	int p[2], status = 0;
	int64_t deadline;
	bool timeout = false, toolong = false;
	pid_t pid;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = sd_libexec_path("sedesk-mailparse", prog, sizeof prog, err)) != SD_OK)
		return s;
	snprintf(amax, sizeof amax, "%zu", d->cfg.attachment_max);
	snprintf(mmax, sizeof mmax, "%zu", d->cfg.message_max);
	if (pipe(p) != 0)
		return sd_fail(err, SD_FAIL, _("cannot start the mail parser: %s."),
		    strerror(errno));
	fflush(NULL);
	if ((pid = fork()) < 0) {
		close(p[0]);
		close(p[1]);
		return sd_fail(err, SD_FAIL, _("cannot start the mail parser: %s."),
		    strerror(errno));
	}
	if (pid == 0) {
		if ((in != 0 && dup2(in, 0) < 0) || dup2(p[1], 1) < 0)
			_exit(126);
		/* Nothing of sedesk: no database descriptor, not the group. */
		if (sd_child_prepare() != 0)
			_exit(126);
		signal(SIGPIPE, SIG_DFL);
		execl(prog, "sedesk-mailparse", "--message-max", mmax, "--attachment-max", amax,
		    "--text-max", "20000", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	deadline = now_ms() + PARSE_SECONDS * 1000;
	for (;;) {
		struct pollfd pf = { p[0], POLLIN, 0 };
		char chunk[65536];
		int64_t left = deadline - now_ms();
		ssize_t r;
		int n;

		if (left <= 0) {
			timeout = true;
			break;
		}
		n = poll(&pf, 1, (int)left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			timeout = n == 0;
			break;
		}
		r = read(p[0], chunk, sizeof chunk);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (b.len + (size_t)r > cap) {
			toolong = true;
			break;
		}
		sd_buf_add(&b, chunk, (size_t)r);
	}
	close(p[0]);
	if (timeout || toolong)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (timeout)
		s = sd_fail(err, SD_FAIL, _("the mail parser took more than %d seconds and was "
		    "stopped; nothing was stored."), PARSE_SECONDS);
	else if (toolong)
		s = sd_fail(err, SD_FAIL, _("the mail parser wrote more than it may; nothing was "
		    "stored."));
	else if (WIFSIGNALED(status))
		s = sd_fail(err, SD_FAIL, _("the mail parser stopped on signal %d; nothing was "
		    "stored."), WTERMSIG(status));
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		s = sd_fail(err, SD_FAIL, _("the mail parser failed (exit status %d); nothing "
		    "was stored."), WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	else
		s = sd_mail_decode(b.data != NULL ? b.data : "", b.len, d->cfg.attachment_max,
		    out, err);
	sd_buf_free(&b);
	return s;
}
