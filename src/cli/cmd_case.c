/*
 * sedesk case new | edit | suggest | route | pickup | answer | decline |
 * note | wait | reopen | close
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sedesk/i18n.h"

/* Exactly one operand, the case number; the index of it or -1. */
static int
one_number(const struct cli_command *cmd, int i, int argc)
{
	if (i < 0)
		return -1;
	if (argc - i != 1)
		return cli_usage(cmd, argc - i == 0 ? _("give the case number.") :
		    _("give one case number.")), -1;
	return i;
}

static int
parse_choices(const struct cli_command *cmd, const char *channel_s, const char *priority_s,
    struct sd_case_input *in)
{
	if (channel_s != NULL && (in->channel = sd_channel_parse(channel_s)) == SD_CHANNEL_NONE)
		return cli_usage(cmd, _("unknown channel %s; use phone, email, desk, site-visit, "
		    "pitch, event or web."), channel_s), -1;
	if (priority_s != NULL &&
	    (in->priority = sd_priority_parse(priority_s)) == SD_PRIORITY_NONE)
		return cli_usage(cmd, _("unknown priority %s; use low, normal, high or urgent."),
		    priority_s), -1;
	return 0;
}

/* --text TEXT or --text-file F (and the like): exactly one, read when a file. */
static int
text_or_file(const struct cli_command *cmd, const char *opt, const char *text,
    const char *file, char **out)
{
	*out = NULL;
	if (text != NULL && file != NULL)
		return cli_usage(cmd, _("give --%s or --%s-file, not both."), opt, opt), -1;
	if (file != NULL) {
		if ((*out = cli_read_file(file)) == NULL)
			return -1;
	} else if (text != NULL) {
		*out = strdup(text);
	}
	return 0;
}

int
cmd_case_new(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	const char *ent = NULL, *subject = NULL, *desc = NULL, *desc_file = NULL;
	const char *category = NULL, *channel = NULL, *priority = NULL;
	struct cli_opt opts[] = {
		{ "enterprise", true, &ent, NULL }, { "subject", true, &subject, NULL },
		{ "description", true, &desc, NULL }, { "description-file", true, &desc_file, NULL },
		{ "category", true, &category, NULL }, { "channel", true, &channel, NULL },
		{ "priority", true, &priority, NULL }, { 0 },
	};
	struct sd_case_input in = { 0 };
	struct sd_case_key key;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX], *text = NULL;
	int i, rc;

	if ((i = cli_parse(cmd, argc, argv, opts)) < 0 ||
	    parse_choices(cmd, channel, priority, &in) < 0)
		return SD_INVALID;
	if (i != argc)
		return cli_usage(cmd, _("unexpected argument %s."), argv[i]);
	if (ent == NULL || subject == NULL)
		return cli_usage(cmd, _("--enterprise and --subject are required."));
	if (text_or_file(cmd, "description", desc, desc_file, &text) < 0)
		return SD_INVALID;
	if ((rc = cli_open(cli, false)) != 0) {
		free(text);
		return rc;
	}
	in.enterprise = ent;
	in.subject = subject;
	in.description = text;
	in.category = category;
	rc = sd_case_new(&cli->desk, &in, &key, &err);
	free(text);
	if (rc != SD_OK)
		return cli_report(&err);
	sd_case_number_format(key, num);
	if (cli->json)
		cli_json_print(json_pack("{s:s}", "number", num));
	else
		puts(num);
	return 0;
}

int
cmd_case_edit(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	const char *subject = NULL, *desc = NULL, *desc_file = NULL, *category = NULL;
	const char *channel = NULL, *priority = NULL, *owner = NULL, *expect_s = NULL;
	struct cli_opt opts[] = {
		{ "subject", true, &subject, NULL }, { "description", true, &desc, NULL },
		{ "description-file", true, &desc_file, NULL }, { "category", true, &category, NULL },
		{ "channel", true, &channel, NULL }, { "priority", true, &priority, NULL },
		{ "owner", true, &owner, NULL }, { "expect-version", true, &expect_s, NULL }, { 0 },
	};
	struct sd_case_input in = { 0 };
	struct sd_error err;
	uint32_t expect;
	char *text = NULL;
	int i, rc;

	if ((i = one_number(cmd, cli_parse(cmd, argc, argv, opts), argc)) < 0 ||
	    parse_choices(cmd, channel, priority, &in) < 0 ||
	    cli_version(cmd, expect_s, &expect) < 0 ||
	    text_or_file(cmd, "description", desc, desc_file, &text) < 0)
		return SD_INVALID;
	if (!subject && !text && !category && !channel && !priority && !owner)
		return cli_usage(cmd, _("say what to change, e.g. --priority high."));
	if ((rc = cli_open(cli, false)) != 0) {
		free(text);
		return rc;
	}
	in.subject = subject;
	in.description = text;
	in.category = category;
	in.owner = owner;
	rc = sd_case_edit(&cli->desk, argv[i], &in, expect, &err);
	free(text);
	return rc != SD_OK ? cli_report(&err) : 0;
}

int
cmd_case_suggest(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	const struct sd_department **deps;
	struct sd_error err;
	size_t n;
	int i, rc;

	if ((i = one_number(cmd, cli_parse(cmd, argc, argv, NULL), argc)) < 0)
		return SD_INVALID;
	if ((rc = cli_open(cli, false)) != 0)
		return rc;
	if (sd_case_suggest(&cli->desk, argv[i], &deps, &n, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json) {
		json_t *a = json_array();
		for (size_t k = 0; k < n; k++)
			json_array_append_new(a, json_pack("{s:s, s:o}", "department", deps[k]->id,
			    "name", cli_jstr(deps[k]->name)));
		cli_json_print(a);
	} else {
		for (size_t k = 0; k < n; k++)
			puts(deps[k]->id);
	}
	free(deps);
	return 0;
}

int
cmd_case_route(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	const char *note = NULL, *expect_s = NULL;
	struct cli_opt opts[] = {
		{ "note", true, &note, NULL }, { "expect-version", true, &expect_s, NULL }, { 0 },
	};
	struct sd_error err;
	uint32_t expect;
	int i, rc;

	if ((i = cli_parse(cmd, argc, argv, opts)) < 0 || cli_version(cmd, expect_s, &expect) < 0)
		return SD_INVALID;
	if (argc - i < 2)
		return cli_usage(cmd, _("give the case number and at least one department."));
	if ((rc = cli_open(cli, false)) != 0)
		return rc;
	if (sd_case_route(&cli->desk, argv[i], (const char *const *)argv + i + 1,
	    (size_t)(argc - i - 1), note, expect, &err) != SD_OK)
		return cli_report(&err);
	return 0;
}

/* pickup, answer and decline: NUM --dept D, and a text for the last two. */
static int
route_work(struct cli *cli, const struct cli_command *cmd, int argc, char **argv,
    const char *text_opt)
{
	const char *dept = NULL, *text = NULL, *file = NULL, *expect_s = NULL;
	char file_opt[32];
	struct cli_opt opts[] = {
		{ "dept", true, &dept, NULL }, { "expect-version", true, &expect_s, NULL },
		{ text_opt ? text_opt : "", true, &text, NULL },
		{ file_opt, true, &file, NULL }, { 0 },
	};
	struct sd_error err;
	uint32_t expect;
	char *body = NULL;
	int i, rc;
	sd_status s;

	snprintf(file_opt, sizeof file_opt, "%s-file", text_opt ? text_opt : "");
	if (text_opt == NULL)
		opts[2] = (struct cli_opt){ 0 };
	if ((i = one_number(cmd, cli_parse(cmd, argc, argv, opts), argc)) < 0 ||
	    cli_version(cmd, expect_s, &expect) < 0)
		return SD_INVALID;
	if (dept == NULL)
		return cli_usage(cmd, _("--dept is required."));
	if (text_opt != NULL) {
		if (text_or_file(cmd, text_opt, text, file, &body) < 0)
			return SD_INVALID;
		if (body == NULL)
			return cli_usage(cmd, _("--%s is required."), text_opt);
	}
	if ((rc = cli_open(cli, false)) != 0) {
		free(body);
		return rc;
	}
	if (text_opt == NULL)
		s = sd_case_pickup(&cli->desk, argv[i], dept, expect, &err);
	else if (strcmp(text_opt, "text") == 0)
		s = sd_case_answer(&cli->desk, argv[i], dept, body, expect, &err);
	else
		s = sd_case_decline(&cli->desk, argv[i], dept, body, expect, &err);
	free(body);
	return s != SD_OK ? cli_report(&err) : 0;
}

int
cmd_case_pickup(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	return route_work(cli, cmd, argc, argv, NULL);
}

int
cmd_case_answer(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	return route_work(cli, cmd, argc, argv, "text");
}

int
cmd_case_decline(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	return route_work(cli, cmd, argc, argv, "reason");
}

int
cmd_case_note(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	const char *file = NULL, *expect_s = NULL;
	struct cli_opt opts[] = {
		{ "text-file", true, &file, NULL }, { "expect-version", true, &expect_s, NULL },
		{ 0 },
	};
	struct sd_error err;
	uint32_t expect;
	char *text = NULL;
	int i, rc;

	if ((i = cli_parse(cmd, argc, argv, opts)) < 0 || cli_version(cmd, expect_s, &expect) < 0)
		return SD_INVALID;
	if (argc - i != (file ? 1 : 2))
		return cli_usage(cmd, _("give the case number and the note (quoted), or --text-file."));
	if (text_or_file(cmd, "text", file ? NULL : argv[i + 1], file, &text) < 0)
		return SD_INVALID;
	if ((rc = cli_open(cli, false)) != 0) {
		free(text);
		return rc;
	}
	rc = sd_case_note(&cli->desk, argv[i], text, expect, &err);
	free(text);
	return rc != SD_OK ? cli_report(&err) : 0;
}

static int
simple_change(struct cli *cli, const struct cli_command *cmd, int argc, char **argv,
    sd_status (*fn)(struct sd_desk *, const char *, uint32_t, struct sd_error *))
{
	const char *expect_s = NULL;
	struct cli_opt opts[] = { { "expect-version", true, &expect_s, NULL }, { 0 } };
	struct sd_error err;
	uint32_t expect;
	int i, rc;

	if ((i = one_number(cmd, cli_parse(cmd, argc, argv, opts), argc)) < 0 ||
	    cli_version(cmd, expect_s, &expect) < 0)
		return SD_INVALID;
	if ((rc = cli_open(cli, false)) != 0)
		return rc;
	return fn(&cli->desk, argv[i], expect, &err) != SD_OK ? cli_report(&err) : 0;
}

int
cmd_case_wait(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	return simple_change(cli, cmd, argc, argv, sd_case_wait);
}

int
cmd_case_reopen(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	return simple_change(cli, cmd, argc, argv, sd_case_reopen);
}

int
cmd_case_close(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	const char *resolution = NULL, *sat_s = NULL, *expect_s = NULL;
	struct cli_opt opts[] = {
		{ "resolution", true, &resolution, NULL }, { "satisfaction", true, &sat_s, NULL },
		{ "expect-version", true, &expect_s, NULL }, { 0 },
	};
	struct sd_error err;
	unsigned long sat = 0;
	uint32_t expect;
	int i, rc;

	if ((i = one_number(cmd, cli_parse(cmd, argc, argv, opts), argc)) < 0 ||
	    cli_version(cmd, expect_s, &expect) < 0)
		return SD_INVALID;
	if (resolution == NULL)
		return cli_usage(cmd, _("--resolution is required: say how the enquiry was resolved."));
	if (sat_s != NULL && (!cli_parse_uint(sat_s, 5, &sat) || sat < 1))
		return cli_usage(cmd, _("--satisfaction %s: give a whole number from 1 to 5."), sat_s);
	if ((rc = cli_open(cli, false)) != 0)
		return rc;
	if (sd_case_close(&cli->desk, argv[i], resolution, (int)sat, expect, &err) != SD_OK)
		return cli_report(&err);
	return 0;
}
