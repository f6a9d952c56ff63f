/*
 * Outgoing mail from the interface (mailout, issue 16).
 *
 * The interface never delivers in its own loop: a slow or hanging
 * sendmail would stop the keys for up to [mail] timeout per mail.  When
 * an action queued mail, and once a minute when mail is due (retries),
 * it starts `sedesk outbox --deliver --quiet` in the background: a child
 * made by sd_child_prepare (no descriptor above 2, not the group; a
 * setgid sedesk gets its group back only by exec'ing itself, like any
 * user's command), with /dev/null for input and output so that nothing
 * writes over the screen; it is reaped here on the next tick.  One child
 * at a time.
 *
 * For an administrator it also counts, once a minute, the mails that are
 * failing: the title shows it (tui_mail_mark).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sedesk/config.h"
#include "sedesk/desk.h"
#include "sedesk/i18n.h"
#include "sedesk/mail.h"
#include "sedesk/text.h"
#include "sedesk/userfile.h"
#include "tui.h"

static pid_t child = -1;
static time_t last_look;
static unsigned failing;

static void
start_delivery(struct sd_desk *d)
{
	char exe[4096], *argv[10];
	ssize_t n;
	int i = 0, fd;
	pid_t pid;

	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		return;
	exe[n] = '\0';
	argv[i++] = exe;
	/* A setgid sedesk reads only /etc's configuration and its database; else ours. */
	if (!sd_privileged()) {
		argv[i++] = (char *)"-c";
		argv[i++] = d->cfg.file;
		if (d->db_dir != NULL) {
			argv[i++] = (char *)"--db";
			argv[i++] = (char *)d->db_dir;
		}
	}
	argv[i++] = (char *)"outbox";
	argv[i++] = (char *)"--deliver";
	argv[i++] = (char *)"--quiet";
	argv[i] = NULL;
	if ((pid = fork()) == -1)
		return;
	if (pid == 0) {
		if ((fd = open("/dev/null", O_RDWR)) == -1 || dup2(fd, 0) == -1 ||
		    dup2(fd, 1) == -1 || dup2(fd, 2) == -1 || sd_child_prepare() != 0)
			_exit(127);
		execv(exe, argv);
		_exit(127);
	}
	child = pid;
}

void
tui_mail_tick(struct tui *t)
{
	struct sd_desk *d = t->desk;
	time_t now = time(NULL);
	bool look = now - last_look >= 60;

	if (child > 0 && waitpid(child, NULL, WNOHANG) == child)
		child = -1;
	if (d->cfg.mail_from == NULL)
		return;
	if (look) {
		last_look = now;
		/* The outbox is the administrator's (sd_permit: SD_ACT_OUTBOX). */
		if (sd_permit(d, SD_ACT_OUTBOX, NULL, NULL) == SD_OK)
			failing = sd_outbox_failing(d);
	}
	if (child > 0 || !(sd_mail_queued() || (look && sd_outbox_due(d))))
		return;
	sd_mail_queued_reset();
	start_delivery(d);
}

void
tui_mail_mark(struct tui *t, struct sd_buf *b)
{
	if (failing > 0 && sd_permit(t->desk, SD_ACT_OUTBOX, NULL, NULL) == SD_OK)
		/* TRANSLATORS: in the title bar, for administrators. */
		sd_buf_addf(b, ngettext("mail: %u failing · ", "mail: %u failing · ", failing),
		    failing);
}

void
tui_mail_end(void)
{
	/* A delivery still running finishes on its own; it is not ours to wait for. */
	child = -1;
}
