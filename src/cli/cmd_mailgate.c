/*
 * sedesk mailgate: one message on standard input, from an MTA's alias pipe
 * (see the man page, MAIL GATE), into a case or a note (mailgate.h).  The
 * exit status is one an MTA understands (sysexits): 0 stored or dropped on
 * purpose (a loop, an auto-reply: no bounce), 75 try again later (the
 * database is busy, the write limit is reached, the store failed), 65 the
 * message cannot be read (too large, malformed: bounced), 77 the caller is
 * not the MTA's user, 78 the configuration lacks the gate (deferred until
 * an administrator sets it).  What happened goes to standard error and to
 * syslog (facility mail), naming the message by its Message-ID only.
 */
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "cli.h"
#include "sedesk/i18n.h"
#include "sedesk/libexec.h"
#include "sedesk/mailgate.h"

static void
say(int prio, const struct sd_mail *m, const char *fmt, const char *what)
{
	char line[1200];

	snprintf(line, sizeof line, fmt, what);
	fprintf(stderr, "sedesk mailgate: %s\n", line);
	/* Not the sender or the subject: personal data stays out of the system log. */
	syslog(prio, "%s (message-id %s)", line,
	    m != NULL && m->message_id != NULL ? m->message_id : "-");
}

/* The exit status of a failure to store: the MTA retries what may pass later. */
static int
store_status(sd_status s)
{
	switch (s) {
	case SD_BUSY:
	case SD_FAIL:
	case SD_DENIED:		/* the write limit: later */
	case SD_CONFLICT:
		return SD_EX_TEMPFAIL;
	default:
		return SD_EX_DATAERR;
	}
}

int
cmd_mailgate(struct cli *cli, const struct cli_args *a)
{
	struct sd_mailgate_result r;
	struct sd_error err;
	struct sd_mail m;
	char num[SD_CASE_NUMBER_MAX], was[SD_CASE_NUMBER_MAX], line[200], prog[4096];
	const char *what;
	int rc;

	(void)a;
	openlog("sedesk-mailgate", LOG_PID, LOG_MAIL);
	cli->opts.mailgate = true;
	if ((rc = cli_open(cli, CLI_DESK_OPEN)) != 0) {
		syslog(LOG_WARNING, "refused to run (status %d)", rc);
		return rc == SD_DENIED ? SD_EX_NOPERM : rc == SD_BUSY || rc == SD_FAIL ?
		    SD_EX_TEMPFAIL : SD_EX_CONFIG;
	}
	if (sd_libexec_path("sedesk-mailparse", prog, sizeof prog, &err) != SD_OK) {
		cli_report(&err);
		cli_close(cli);
		return SD_EX_CONFIG;
	}
	if (sd_mailgate_parse(&cli->desk, STDIN_FILENO, &m, &err) != SD_OK) {
		say(LOG_ERR, NULL, "%s", err.msg);
		cli_close(cli);
		return SD_EX_DATAERR;
	}
	if (m.error != NULL && (strcmp(m.error, "too-large") == 0 ||
	    strcmp(m.error, "malformed") == 0)) {
		say(LOG_NOTICE, &m, _("the message was not stored: %s"),
		    strcmp(m.error, "too-large") == 0 ?
		    _("it is larger than [mail] message_max") : _("it is not a mail message"));
		sd_mail_free(&m);
		cli_close(cli);
		return SD_EX_DATAERR;
	}
	if (sd_mailgate_deliver(&cli->desk, &m, &r, &err) != SD_OK) {
		say(LOG_ERR, &m, _("the message was not stored: %s"), err.msg);
		rc = store_status(err.code);
		sd_mail_free(&m);
		cli_close(cli);
		return rc;
	}
	sd_case_number_format(r.key, num);
	switch (r.outcome) {
	case SD_MAILGATE_DROPPED:
		say(LOG_INFO, &m, _("dropped, not turned into a case: %s"), r.why);
		what = "dropped";
		break;
	case SD_MAILGATE_NEW_CASE:
		say(LOG_INFO, &m, r.enterprise_known ? _("new case %s") :
		    _("new case %s, its enterprise unknown"), num);
		what = "case";
		break;
	case SD_MAILGATE_FOLLOW_UP:
		sd_case_number_format(r.follows, was);
		snprintf(line, sizeof line, _("new case %s, a follow-up of the closed case %s"),
		    num, was);
		say(LOG_INFO, &m, "%s", line);
		what = "follow-up";
		break;
	case SD_MAILGATE_NOTE:
		say(LOG_INFO, &m, _("a note on case %s"), num);
		what = "note";
		break;
	default:
		say(LOG_INFO, &m, _("a note on case %s, the sender to be confirmed"), num);
		what = "unconfirmed";
		break;
	}
	if (cli->json)
		cli_json_print(json_pack("{s:s, s:s?, s:s?, s:b, s:I, s:I, s:s?}", "outcome", what,
		    "case", r.outcome == SD_MAILGATE_DROPPED ? NULL : num,
		    "follows", r.outcome == SD_MAILGATE_FOLLOW_UP ? was : NULL,
		    "enterprise_known", r.enterprise_known, "attachments", (json_int_t)r.stored,
		    "refused", (json_int_t)r.refused, "reason", r.why));
	else if (r.outcome != SD_MAILGATE_DROPPED)
		puts(num);
	sd_mail_free(&m);
	cli_close(cli);
	return SD_EX_OK;
}
