/*
 * sedesk outbox | digest (mailout, issue 16): the outgoing mail.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "sedesk/date.h"
#include "sedesk/i18n.h"
#include "sedesk/mail.h"

static int
deliver(struct cli *cli, bool quiet)
{
	struct sd_mail_result r;
	struct sd_error err;

	if (sd_mail_deliver(&cli->desk, 0, &r, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json)
		cli_json_print(json_pack("{s:i, s:i, s:i}", "sent", r.sent, "failed", r.failed,
		    "waiting", r.waiting));
	else if (!quiet || r.failed > 0)
		printf(_("mail: %u sent, %u failed, %u waiting\n"), r.sent, r.failed, r.waiting);
	return r.failed > 0 ? 1 : 0;
}

int
cmd_outbox(struct cli *cli, const struct cli_args *a)
{
	struct sd_outbox_entry *e;
	struct sd_error err;
	json_t *arr = NULL;
	size_t n;

	if (cli->desk.cfg.mail_from == NULL && !cli_flag(a, "quiet"))
		fprintf(stderr, _("sedesk: [mail] from is not set: no mail is queued or sent.\n"));
	if (cli_flag(a, "deliver"))
		return deliver(cli, cli_flag(a, "quiet"));
	if (sd_outbox_list(&cli->desk, cli_flag(a, "all"), &e, &n, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json)
		arr = json_array();
	else if (n == 0)
		printf("%s\n", cli_flag(a, "all") ? _("The outbox is empty.") :
		    _("No mail is waiting."));
	for (size_t i = 0; i < n; i++) {
		char when[32];

		if (arr != NULL) {
			json_array_append_new(arr, json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:o, "
			    "s:i, s:o, s:o, s:o, s:o}",
			    "seq", (json_int_t)e[i].seq, "state", sd_outbox_state_name(e[i].state),
			    "to", cli_jstr(e[i].to), "kind", cli_jstr(e[i].kind),
			    "case", cli_jstr(e[i].number), "subject", cli_jstr(e[i].subject),
			    "message_id", cli_jstr(e[i].message_id), "tries", e[i].tries,
			    "created", cli_jtime(e[i].created),
			    "next", e[i].state == SD_OUTBOX_SENT ? json_null() : cli_jtime(e[i].next),
			    "sent", cli_jtime(e[i].sent), "error", cli_jstr(e[i].error)));
			continue;
		}
		sd_time_format(e[i].state == SD_OUTBOX_SENT ? e[i].sent : e[i].created, when);
		cli_printf("%-8s %s  %s  %s", sd_outbox_state_label(e[i].state), when,
		    e[i].to != NULL ? e[i].to : "", e[i].subject != NULL ? e[i].subject : "");
		if (e[i].state == SD_OUTBOX_FAILING) {
			char next[32];

			sd_time_format(e[i].next, next);
			cli_printf("         %s", e[i].error != NULL ? e[i].error : "");
			cli_printf(ngettext("         tried %u time; next try %s",
			    "         tried %u times; next try %s", e[i].tries), e[i].tries, next);
		}
	}
	if (arr != NULL)
		cli_json_print(arr);
	sd_outbox_entries_free(e, n);
	return 0;
}

int
cmd_digest(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;
	unsigned queued;

	(void)a;
	if (cli->desk.cfg.mail_from == NULL) {
		fprintf(stderr, _("sedesk: [mail] from is not set: no digest is sent.\n"));
		return 0;
	}
	if (sd_mail_digest(&cli->desk, &queued, &err) != SD_OK)
		return cli_report(&err);
	if (!cli->json)
		printf(ngettext("digest: %u mail queued\n", "digest: %u mails queued\n", queued),
		    queued);
	else
		cli_json_print(json_pack("{s:i}", "queued", queued));
	/* cli_close delivers them, as after any command that queued mail. */
	return 0;
}
