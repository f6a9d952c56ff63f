/*
 * A case's e-mail attachments (mailgate.h): listed by `case show` and
 * `case attachment list`, saved by `case attachment save` to a new file
 * opened with the user's own rights.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sedesk/i18n.h"
#include "sedesk/mailgate.h"
#include "sedesk/text.h"

static json_t *
att_json(const struct sd_attachment *x)
{
	char when[32];

	sd_time_format(x->received, when);
	return json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:b}", "number", (json_int_t)x->no,
	    "name", x->name, "type", x->type, "size", (json_int_t)x->size,
	    "from", x->from != NULL ? x->from : "", "received", when, "erased", x->erased);
}

static void
att_print(const struct sd_attachment *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *name = sd_visible(a[i].name, false), *type = sd_visible(a[i].type, false);
		printf(_("  %u  %s  (%s, %zu bytes)\n"), a[i].no, name, type, a[i].size);
		free(name);
		free(type);
	}
}

int
cli_case_attachments(struct cli *cli, const char *number, json_t *o)
{
	struct sd_attachment *a;
	struct sd_error err;
	size_t n;

	if (sd_case_attachments(&cli->desk, number, &a, &n, &err) != SD_OK)
		return cli_report(&err);
	if (o != NULL) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, att_json(&a[i]));
		json_object_set_new(o, "attachments", arr);
	} else if (n > 0) {
		printf(_("Attachments (save one: sedesk case attachment save %s N FILE):\n"),
		    number);
		att_print(a, n);
	}
	sd_attachments_free(a, n);
	return 0;
}

int
cmd_case_attachment(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;
	const char *num;
	unsigned long no;
	char *end;

	if (strcmp(a->argv[0], "list") == 0 && a->argc == 2) {
		num = a->argv[1];
		if (cli->json) {
			json_t *o = json_object();
			int rc = cli_case_attachments(cli, num, o);
			if (rc == 0)
				cli_json_print(json_incref(json_object_get(o, "attachments")));
			json_decref(o);
			return rc;
		}
		return cli_case_attachments(cli, num, NULL);
	}
	if (strcmp(a->argv[0], "save") != 0 || a->argc != 4)
		return cli_usage(a->cmd, "%s", _(a->cmd->operand_msg));
	num = a->argv[1];
	errno = 0;
	no = strtoul(a->argv[2], &end, 10);
	if (errno != 0 || *end != '\0' || no == 0 || no > 0xffff)
		return cli_usage(a->cmd, _("%s is not an attachment's number; `sedesk case "
		    "attachment list %s` shows them."), a->argv[2], num);
	if (sd_case_attachment_save(&cli->desk, num, (unsigned)no, a->argv[3], &err) != SD_OK)
		return cli_report(&err);
	if (cli->json)
		cli_json_print(json_pack("{s:s, s:I, s:s}", "case", num, "attachment",
		    (json_int_t)no, "saved", a->argv[3]));
	else
		printf(_("attachment %lu of case %s saved to %s\n"), no, num, a->argv[3]);
	return 0;
}
