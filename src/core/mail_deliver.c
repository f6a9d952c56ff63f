/*
 * Delivery of the outbox (mailout): each due mail's description goes to
 * sedesk-mailmake on its standard input; mailmake builds the message and
 * hands it to [mail] sendmail; its exit status says whether sendmail took
 * it.  The child runs through sd_child_prepare (no descriptor above 2, not
 * the group, the caller's umask) in a process group of its own, so that a
 * sendmail that hangs past [mail] timeout is killed with it.
 *
 * Held, handed over, marked: a mail is held in one transaction (no other
 * process takes it for a while), handed over with no transaction open,
 * and marked sent or failed in another.  A crash after the hand-over and
 * before the mark sends it again when the hold ends: at least once, with
 * the Message-ID stored in the entry.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "mail_int.h"
#include "sedesk/config.h"
#include "sedesk/i18n.h"
#include "sedesk/libexec.h"
#include "sedesk/mail.h"
#include "sedesk/text.h"
#include "sedesk/userfile.h"

#define MAX_WORDS	32
#define BATCH		20

static int64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* [mail] sendmail split at blanks (config.c allowed no quotes, so none to honour). */
static size_t
split_words(char *cmd, char *words[MAX_WORDS])
{
	size_t n = 0;

	for (char *w = strtok(cmd, " \t"); w != NULL && n < MAX_WORDS - 1;
	    w = strtok(NULL, " \t"))
		words[n++] = w;
	words[n] = NULL;
	return n;
}

/*
 * mailmake's own failure line ("sedesk-mailmake", tab, kind, tab, program,
 * tab, detail: its header says why) in the reader's words; false when the
 * line is not one (a mailer's own words, kept as it said them).
 */
static bool
mailmake_words(char *line, char *why, size_t whylen)
{
	char *f[4], *p = line, *prog, *detail;
	int n;

	for (int i = 0; i < 4; i++) {
		f[i] = p;
		p += strcspn(p, "\t");
		if (*p == '\0' && i < 3)
			return false;
		if (*p != '\0')
			*p++ = '\0';
	}
	if (strcmp(f[0], "sedesk-mailmake") != 0)
		return false;
	/* Shown on terminals: made safe as any outside text. */
	prog = sd_visible(f[2], false);
	detail = sd_visible(f[3], false);
	n = atoi(f[3]);
	if (strcmp(f[1], "status") == 0)
		snprintf(why, whylen, _("the mail program %s ended with status %d"), prog, n);
	else if (strcmp(f[1], "signal") == 0)
		snprintf(why, whylen, _("the mail program %s was killed by signal %d"), prog, n);
	else if (strcmp(f[1], "run") == 0)
		snprintf(why, whylen, _("the mail program %s cannot be run: %s"), prog, strerror(n));
	else if (strcmp(f[1], "start") == 0 || strcmp(f[1], "wait") == 0)
		snprintf(why, whylen, _("the mail program %s could not be started or waited for: %s"),
		    prog, strerror(n));
	else if (strcmp(f[1], "read") == 0)
		snprintf(why, whylen, _("the mail helper could not read the message: %s"),
		    strerror(n));
	else if (strcmp(f[1], "build") == 0)
		snprintf(why, whylen, _("the mail could not be built (%s); this is a fault in "
		    "sedesk: please report it"), detail);
	else
		snprintf(why, whylen, _("the mail helper could not read the message it was "
		    "given; this is a fault in sedesk: please report it"));
	free(prog);
	free(detail);
	return true;
}

/*
 * Runs mailmake with msg on its stdin; 0 when sendmail took the message,
 * else -1 with why (its first line of error output, or what went wrong).
 */
static int
run_mailmake(const struct sd_desk *d, const char *msg, char *why, size_t whylen)
{
	char path[4096], *cmd, *argv[MAX_WORDS + 3], *words[MAX_WORDS], out[1024];
	struct sd_error err;
	int in[2], errp[2], status = 0, rc = -1;
	size_t nw, off = 0, len = strlen(msg), got = 0;
	int64_t deadline = mono_ms() + (int64_t)d->cfg.mail_timeout * 1000;
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	bool exited = false;
	pid_t pid;

	*why = '\0';
	if (sd_libexec_path("sedesk-mailmake", path, sizeof path, &err) != SD_OK) {
		snprintf(why, whylen, "%s", err.msg);
		return -1;
	}
	cmd = sd_xstrdup(d->cfg.mail_sendmail);
	nw = split_words(cmd, words);
	argv[0] = path;
	argv[1] = (char *)"--";
	for (size_t i = 0; i <= nw; i++)
		argv[2 + i] = words[i];
	if (pipe2(in, O_CLOEXEC) != 0 || pipe2(errp, O_CLOEXEC) != 0) {
		snprintf(why, whylen, "pipe: %s", strerror(errno));
		free(cmd);
		return -1;
	}
	/* A mailmake that dies early must not kill us by a write to its pipe. */
	sigaction(SIGPIPE, &ign, &old);
	if ((pid = fork()) == -1) {
		snprintf(why, whylen, "fork: %s", strerror(errno));
		goto out;
	}
	if (pid == 0) {
		setpgid(0, 0);
		if (dup2(in[0], 0) == -1 || dup2(errp[1], 1) == -1 || dup2(errp[1], 2) == -1 ||
		    sd_child_prepare() != 0)
			_exit(127);
		execv(path, argv);
		_exit(127);
	}
	setpgid(pid, pid);
	close(in[0]);
	close(errp[1]);
	in[0] = errp[1] = -1;
	fcntl(in[1], F_SETFL, O_NONBLOCK);
	fcntl(errp[0], F_SETFL, O_NONBLOCK);
	for (;;) {
		struct pollfd p[2] = { { errp[0], POLLIN, 0 }, { in[1], POLLOUT, 0 } };
		int64_t left = deadline - mono_ms();
		int np = in[1] >= 0 ? 2 : 1;

		if (left <= 0)
			break;
		if (poll(p, (nfds_t)np, (int)(left > 200 ? 200 : left)) < 0 && errno != EINTR)
			break;
		if (np == 2 && (p[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t w = write(in[1], msg + off, len - off);

			if (w > 0)
				off += (size_t)w;
			if (w < 0 && errno != EAGAIN) {
				close(in[1]);
				in[1] = -1;
			}
			if (off == len && in[1] >= 0) {
				close(in[1]);
				in[1] = -1;
			}
		}
		if (p[0].revents & (POLLIN | POLLHUP)) {
			char more[512];
			/* Beyond what we keep, read and drop: a full pipe would stop it. */
			bool room = got < sizeof out - 1;
			ssize_t r = room ? read(errp[0], out + got, sizeof out - 1 - got) :
			    read(errp[0], more, sizeof more);

			if (r > 0 && room)
				got += (size_t)r;
			else if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
				close(errp[0]);
				errp[0] = -1;
				break;
			}
		}
		if (waitpid(pid, &status, WNOHANG) == pid) {
			exited = true;
			break;
		}
	}
	if (!exited) {
		/* Its output ended: it is exiting; wait for it until the deadline. */
		while (mono_ms() < deadline) {
			if (waitpid(pid, &status, WNOHANG) == pid) {
				exited = true;
				break;
			}
			usleep(10000);
		}
	}
	if (!exited) {
		kill(-pid, SIGKILL);
		waitpid(pid, &status, 0);
		snprintf(why, whylen, _("sendmail did not finish within %u seconds ([mail] "
		    "timeout)"), d->cfg.mail_timeout);
		goto out;
	}
	/* What it said just before it ended. */
	while (errp[0] >= 0 && got < sizeof out - 1) {
		ssize_t r = read(errp[0], out + got, sizeof out - 1 - got);

		if (r <= 0)
			break;
		got += (size_t)r;
	}
	out[got] = '\0';
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		rc = 0;
		goto out;
	}
	/* The first line it said, made safe: it is shown on terminals. */
	out[strcspn(out, "\n")] = '\0';
	if (*out != '\0') {
		char *v = sd_visible(out, false);

		if (!mailmake_words(out, why, whylen))
			snprintf(why, whylen, "%s", v);
		free(v);
	} else if (WIFEXITED(status))
		snprintf(why, whylen, _("the mail program ended with status %d"),
		    WEXITSTATUS(status));
	else
		snprintf(why, whylen, _("the mail program was killed by signal %d"),
		    WTERMSIG(status));
out:
	sigaction(SIGPIPE, &old, NULL);
	for (int i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (errp[i] >= 0)
			close(errp[i]);
	}
	free(cmd);
	return rc;
}

sd_status
sd_mail_deliver(struct sd_desk *d, unsigned budget_s, struct sd_mail_result *r,
    struct sd_error *err)
{
	int64_t end = budget_s > 0 ? mono_ms() + (int64_t)budget_s * 1000 : INT64_MAX;
	/* Longer than one hand-over may take, so a living holder always marks first. */
	int64_t hold = (int64_t)d->cfg.mail_timeout + 60;
	sd_status s = SD_OK;

	memset(r, 0, sizeof *r);
	mail_queued = false;
	if (d->store == NULL || d->cfg.mail_from == NULL)
		return SD_OK;
	/* Nothing due (the common case each minute): no write transaction at all. */
	if (!outbox_look(d, &r->waiting))
		return SD_OK;
	while (s == SD_OK && mono_ms() < end) {
		struct mail_job *jobs;
		size_t n, i;
		unsigned waiting;

		if ((s = outbox_claim(d, hold, BATCH, &jobs, &n, &waiting, err)) != SD_OK)
			break;
		r->waiting = waiting;
		for (i = 0; i < n && s == SD_OK; i++) {
			char why[1024];
			bool ok;

			if (mono_ms() >= end) {
				/* Still held: it goes when the hold ends, from cron or the next one. */
				r->waiting += (unsigned)(n - i);
				break;
			}
			ok = run_mailmake(d, jobs[i].msg, why, sizeof why) == 0;
			if (ok)
				r->sent++;
			else
				r->failed++;
			s = outbox_mark(d, jobs[i].seq, ok, why, err);
		}
		mail_jobs_free(jobs, n);
		if (n < BATCH)
			break;
	}
	return s;
}
