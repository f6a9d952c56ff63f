/*
 * `sedesk --help`, `sedesk help [GROUP]` and `sedesk COMMAND --help`,
 * written from the command table, so that they cannot drift from what the
 * parser accepts.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

static void	add_option(struct sd_buf *, const struct cli_option *, bool);
static void	global_usage(struct sd_buf *);
static void	command_line(struct sd_buf *, const struct cli_args *);

/* "--name ARG", or "-c ARG" for an option with a short form when short. */
static void
add_option(struct sd_buf *b, const struct cli_option *o, bool shortform)
{
	if (shortform && o->letter != 0)
		sd_buf_addf(b, "-%c", o->letter);
	else
		sd_buf_addf(b, "--%s", o->name);
	if (o->arg != NULL)
		sd_buf_addf(b, " %s", o->arg);
}

/* " [-c FILE] [--db DIR] [--json]": the options that stand anywhere. */
static void
global_usage(struct sd_buf *b)
{
	for (const struct cli_option *o = cli_global_options; o->name != NULL; o++) {
		if (o->flags & CLI_LEADING)
			continue;
		sd_buf_adds(b, " [");
		add_option(b, o, true);
		sd_buf_adds(b, "]");
	}
}

/* The words after "sedesk": "case new NUM --dept D [--note TEXT] [--json]". */
static void
command_line(struct sd_buf *b, const struct cli_args *a)
{
	const struct cli_command *cmd = a->cmd;

	if (cmd->group != NULL)
		sd_buf_addf(b, "%s ", cmd->group);
	sd_buf_adds(b, cmd->name);
	if (cmd->operands != NULL && *cmd->operands != '\0')
		sd_buf_addf(b, " %s", cmd->operands);
	for (size_t i = 0; i < a->nopts; i++) {
		const struct cli_option *o = a->opts[i];
		bool group = i + 1 < a->nopts && (a->opts[i + 1]->flags & CLI_OR);

		if (o->flags & CLI_OR)
			continue;	/* written with the option it is an alternative to */
		if (o->required != NULL && !group) {
			sd_buf_adds(b, " ");
			add_option(b, o, false);
			continue;
		}
		sd_buf_adds(b, (o->flags & CLI_ONE_OF) ? " (" : " [");
		add_option(b, o, false);
		for (size_t j = i + 1; j < a->nopts && (a->opts[j]->flags & CLI_OR); j++) {
			sd_buf_adds(b, " | ");
			add_option(b, a->opts[j], false);
		}
		sd_buf_adds(b, (o->flags & CLI_ONE_OF) ? ")" : "]");
	}
	if (cmd->json)
		sd_buf_adds(b, " [--json]");
}

void
cli_command_usage(FILE *out, const struct cli_command *cmd)
{
	struct cli_args a;
	struct sd_buf b = { 0 };

	cli_args_options(&a, cmd);
	command_line(&b, &a);
	fprintf(out, _("usage: sedesk %s\n"), b.data);
	sd_buf_free(&b);
}

void
cli_command_help(FILE *out, const struct cli_command *cmd)
{
	struct cli_args a;
	struct sd_buf g = { 0 };

	cli_command_usage(out, cmd);
	fprintf(out, "  %s\n", _(cmd->help));
	cli_args_options(&a, cmd);
	if (a.nopts > 0)
		fprintf(out, _("\nOptions:\n"));
	for (size_t i = 0; i < a.nopts; i++) {
		struct sd_buf b = { 0 };

		add_option(&b, a.opts[i], false);
		fprintf(out, "  %-28s %s\n", b.data, _(a.opts[i]->help));
		sd_buf_free(&b);
	}
	global_usage(&g);
	fprintf(out, _("\nGlobal options:%s (see `sedesk --help`)\n"), g.data);
	sd_buf_free(&g);
}

void
cli_help(FILE *out, const char *group)
{
	struct sd_buf b = { 0 };

	global_usage(&b);
	fprintf(out, _("usage: sedesk%s COMMAND [ARGS]\n"), b.data);
	fprintf(out, _("       sedesk            (no command: the inbox)\n\n"));
	sd_buf_free(&b);
	fprintf(out, _("Options, before or after the command:\n"));
	for (const struct cli_option *o = cli_global_options; o->name != NULL; o++) {
		struct sd_buf ob = { 0 };

		if (o->letter != 0) {
			add_option(&ob, o, true);
			sd_buf_adds(&ob, ", ");
		}
		add_option(&ob, o, false);
		fprintf(out, "  %-24s %s\n", ob.data, _(o->help));
		sd_buf_free(&ob);
	}
	fprintf(out, _("\nCommands:\n"));
	for (const struct cli_command *c = cli_commands; c->name != NULL; c++) {
		struct cli_args a;
		struct sd_buf line = { 0 };

		if (c->hidden)
			continue;
		if (group != NULL && (c->group == NULL || strcmp(c->group, group) != 0))
			continue;
		cli_args_options(&a, c);
		command_line(&line, &a);
		fprintf(out, "  %s\n      %s\n", line.data, _(c->help));
		sd_buf_free(&line);
	}
	fprintf(out, _("\nExit codes: 0 success, 1 failure, 2 bad usage or input, 3 not found,\n"
	    "4 not permitted, 5 version conflict, 6 database busy.  See sedesk(1).\n"));
}
