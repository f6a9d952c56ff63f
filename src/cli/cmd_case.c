/*
 * sedesk case new | edit | suggest | route | pickup | answer | decline |
 * note | wait | reopen | close
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sedesk/i18n.h"

static int
parse_choices(const struct cli_args *a, struct sd_case_input *in)
{
	const char *channel = cli_opt(a, "channel"), *priority = cli_opt(a, "priority");

	if (channel != NULL && (in->channel = sd_channel_parse(channel)) == SD_CHANNEL_NONE)
		return cli_usage(a->cmd, _("unknown channel %s; use phone, email, desk, site-visit, "
		    "pitch, event or web."), channel), -1;
	if (priority != NULL && (in->priority = sd_priority_parse(priority)) == SD_PRIORITY_NONE)
		return cli_usage(a->cmd, _("unknown priority %s; use low, normal, high or urgent."),
		    priority), -1;
	return 0;
}

/* --text TEXT or --text-file F (and the like): at most one, read when a file. */
static int
text_or_file(const struct cli_args *a, const char *opt, const char *text, const char *file,
    char **out)
{
	*out = NULL;
	if (text != NULL && file != NULL)
		return cli_usage(a->cmd, _("give --%s or --%s-file, not both."), opt, opt), -1;
	if (file != NULL) {
		if ((*out = cli_read_file(file)) == NULL)
			return -1;
	} else if (text != NULL) {
		*out = strdup(text);
	}
	return 0;
}

static int
description(const struct cli_args *a, char **out)
{
	return text_or_file(a, "description", cli_opt(a, "description"),
	    cli_opt(a, "description-file"), out);
}

int
cmd_case_new(struct cli *cli, const struct cli_args *a)
{
	struct sd_case_input in = { 0 };
	struct sd_case_key key;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX], *text = NULL;
	int rc;

	if (parse_choices(a, &in) < 0 || description(a, &text) < 0)
		return SD_INVALID;
	in.enterprise = cli_opt(a, "enterprise");
	in.subject = cli_opt(a, "subject");
	in.description = text;
	in.category = cli_opt(a, "category");
	rc = sd_case_new(&cli->desk, &in, &key, &err);
	free(text);
	if (rc != SD_OK)
		return cli_report(&err);
	sd_case_number_format(key, num);
	return cli_print_made(cli, "number", num);
}

int
cmd_case_edit(struct cli *cli, const struct cli_args *a)
{
	struct sd_case_input in = { 0 };
	struct sd_error err;
	uint32_t expect;
	char *text = NULL;
	int rc;

	if (parse_choices(a, &in) < 0 || cli_version(a, &expect) < 0 || description(a, &text) < 0)
		return SD_INVALID;
	in.subject = cli_opt(a, "subject");
	in.description = text;
	in.category = cli_opt(a, "category");
	in.owner = cli_opt(a, "owner");
	in.enterprise = cli_opt(a, "enterprise");
	if (!in.subject && !text && !in.category && !cli_opt(a, "channel") &&
	    !cli_opt(a, "priority") && !in.owner && !in.enterprise)
		return cli_usage(a->cmd, _("say what to change, e.g. --priority high."));
	rc = sd_case_edit(&cli->desk, a->argv[0], &in, expect, &err);
	free(text);
	return rc != SD_OK ? cli_report(&err) : 0;
}

int
cmd_case_suggest(struct cli *cli, const struct cli_args *a)
{
	const struct sd_department **deps;
	struct sd_error err;
	size_t n;

	if (sd_case_suggest(&cli->desk, a->argv[0], &deps, &n, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json) {
		json_t *arr = json_array();
		for (size_t k = 0; k < n; k++)
			json_array_append_new(arr, json_pack("{s:s, s:o}", "department",
			    deps[k]->id, "name", cli_jstr(deps[k]->name)));
		cli_json_print(arr);
	} else {
		for (size_t k = 0; k < n; k++)
			puts(deps[k]->id);
	}
	free(deps);
	return 0;
}

int
cmd_case_route(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;
	uint32_t expect;

	if (cli_version(a, &expect) < 0)
		return SD_INVALID;
	if (sd_case_route(&cli->desk, a->argv[0], (const char *const *)a->argv + 1,
	    (size_t)(a->argc - 1), cli_opt(a, "note"), expect, &err) != SD_OK)
		return cli_report(&err);
	return 0;
}

/* pickup, answer and decline: NUM --dept D, and a text (text_opt) for the last two. */
static int
route_work(struct cli *cli, const struct cli_args *a, const char *text_opt)
{
	const char *dept = cli_opt(a, "dept");
	struct sd_error err;
	uint32_t expect;
	char *body = NULL, file_opt[32];
	sd_status s;

	if (cli_version(a, &expect) < 0)
		return SD_INVALID;
	if (text_opt != NULL) {
		snprintf(file_opt, sizeof file_opt, "%s-file", text_opt);
		if (text_or_file(a, text_opt, cli_opt(a, text_opt), cli_opt(a, file_opt),
		    &body) < 0)
			return SD_INVALID;
		if (body == NULL)
			return cli_usage(a->cmd, _("--%s is required."), text_opt);
	}
	if (text_opt == NULL)
		s = sd_case_pickup(&cli->desk, a->argv[0], dept, expect, &err);
	else if (strcmp(text_opt, "text") == 0)
		s = sd_case_answer(&cli->desk, a->argv[0], dept, body, expect, &err);
	else
		s = sd_case_decline(&cli->desk, a->argv[0], dept, body, expect, &err);
	free(body);
	return s != SD_OK ? cli_report(&err) : 0;
}

int
cmd_case_pickup(struct cli *cli, const struct cli_args *a)
{
	return route_work(cli, a, NULL);
}

int
cmd_case_answer(struct cli *cli, const struct cli_args *a)
{
	return route_work(cli, a, "text");
}

int
cmd_case_decline(struct cli *cli, const struct cli_args *a)
{
	return route_work(cli, a, "reason");
}

int
cmd_case_withdraw(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;
	uint32_t expect;

	if (cli_version(a, &expect) < 0)
		return SD_INVALID;
	if (sd_case_withdraw(&cli->desk, a->argv[0], cli_opt(a, "dept"), cli_opt(a, "reason"),
	    expect, &err) != SD_OK)
		return cli_report(&err);
	return 0;
}

int
cmd_case_remind(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;
	uint32_t expect;

	if (cli_version(a, &expect) < 0)
		return SD_INVALID;
	if (sd_case_remind(&cli->desk, a->argv[0], cli_opt(a, "dept"), cli_opt(a, "text"),
	    expect, &err) != SD_OK)
		return cli_report(&err);
	return 0;
}

int
cmd_case_note(struct cli *cli, const struct cli_args *a)
{
	const char *file = cli_opt(a, "text-file");
	struct sd_error err;
	uint32_t expect;
	char *text = NULL;
	int rc;

	if (cli_version(a, &expect) < 0)
		return SD_INVALID;
	if (a->argc != (file ? 1 : 2))
		return cli_usage(a->cmd, "%s", _(a->cmd->operand_msg));
	if (text_or_file(a, "text", file ? NULL : a->argv[1], file, &text) < 0)
		return SD_INVALID;
	rc = sd_case_note(&cli->desk, a->argv[0], text, expect, &err);
	free(text);
	return rc != SD_OK ? cli_report(&err) : 0;
}

static int
simple_change(struct cli *cli, const struct cli_args *a,
    sd_status (*fn)(struct sd_desk *, const char *, uint32_t, struct sd_error *))
{
	struct sd_error err;
	uint32_t expect;

	if (cli_version(a, &expect) < 0)
		return SD_INVALID;
	return fn(&cli->desk, a->argv[0], expect, &err) != SD_OK ? cli_report(&err) : 0;
}

/* A day option: SD_NO_DAY when not given, -1 after a usage message. */
static int
day_opt(const struct cli_args *a, const char *name, sd_day *out)
{
	const char *s = cli_opt(a, name);

	*out = SD_NO_DAY;
	if (s != NULL && !sd_day_parse(s, out))
		return cli_usage(a->cmd, _("--%s %s: give a date as YYYY-MM-DD."), name, s), -1;
	return 0;
}

int
cmd_case_wait(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;
	uint32_t expect;
	sd_day until;

	if (cli_version(a, &expect) < 0 || day_opt(a, "until", &until) < 0)
		return SD_INVALID;
	if (sd_case_wait_until(&cli->desk, a->argv[0], until, cli_opt(a, "reason"), expect,
	    &err) != SD_OK)
		return cli_report(&err);
	return 0;
}

int
cmd_case_follow_up(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;
	uint32_t expect;
	sd_day on;

	if (cli_version(a, &expect) < 0 || day_opt(a, "on", &on) < 0)
		return SD_INVALID;
	if (sd_case_follow_up(&cli->desk, a->argv[0], on, cli_opt(a, "text"), expect,
	    &err) != SD_OK)
		return cli_report(&err);
	return 0;
}

int
cmd_case_reopen(struct cli *cli, const struct cli_args *a)
{
	return simple_change(cli, a, sd_case_reopen);
}

int
cmd_case_close(struct cli *cli, const struct cli_args *a)
{
	const char *sat_s = cli_opt(a, "satisfaction"), *own_s = cli_opt(a, "own-view");
	struct sd_error err;
	unsigned long sat = 0, own = 0;
	uint32_t expect;

	if (cli_version(a, &expect) < 0)
		return SD_INVALID;
	if (sat_s != NULL && (!cli_parse_uint(sat_s, 5, &sat) || sat < 1))
		return cli_usage(a->cmd, _("--satisfaction %s: give a whole number from 1 to 5."),
		    sat_s);
	if (own_s != NULL && (!cli_parse_uint(own_s, 5, &own) || own < 1))
		return cli_usage(a->cmd, _("--own-view %s: give a whole number from 1 to 5."),
		    own_s);
	if (sd_case_close_scored(&cli->desk, a->argv[0], cli_opt(a, "resolution"), (int)sat,
	    (int)own, expect, &err) != SD_OK)
		return cli_report(&err);
	return 0;
}
