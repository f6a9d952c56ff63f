/*
 * Command-line dispatch: global options, the command table, option
 * parsing shared by every command, and exit codes.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "sedesk/userfile.h"

static void
print_help(FILE *out, const char *group)
{
	fprintf(out, _("usage: sedesk [-c FILE] [--db DIR] [--json] COMMAND [ARGS]\n"));
	fprintf(out, _("       sedesk            (no command: the inbox)\n\n"));
	fprintf(out, _("Commands:\n"));
	for (const struct cli_command *c = cli_commands; c->name != NULL; c++) {
		struct sd_buf line = { 0 };
		if (group != NULL && (c->group == NULL || strcmp(c->group, group) != 0))
			continue;
		sd_buf_addf(&line, "%s%s%s %s", c->group ? c->group : "", c->group ? " " : "",
		    c->name, c->usage ? c->usage : "");
		fprintf(out, "  %s\n      %s\n", line.data, _(c->help));
		sd_buf_free(&line);
	}
	fprintf(out, _("\nExit codes: 0 success, 1 failure, 2 bad usage or input, 3 not found,\n"
	    "4 not permitted, 5 version conflict, 6 database busy.  See sedesk(1).\n"));
}

const struct cli_command *
cli_find(const char *group, const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name != NULL; c++) {
		if (group == NULL && c->group == NULL && strcmp(c->name, name) == 0)
			return c;
		if (group != NULL && c->group != NULL && strcmp(c->group, group) == 0 &&
		    name != NULL && strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
}

static bool
is_group(const char *s)
{
	for (const struct cli_command *c = cli_commands; c->name != NULL; c++) {
		if (c->group != NULL && strcmp(c->group, s) == 0)
			return true;
	}
	return false;
}

int
cli_report(const struct sd_error *err)
{
	fprintf(stderr, "sedesk: %s\n", err->msg);
	return err->code != SD_OK ? (int)err->code : 1;
}

int
cli_usage(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("sedesk: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (cmd != NULL)
		fprintf(stderr, _("\nusage: sedesk %s%s%s %s\n"), cmd->group ? cmd->group : "",
		    cmd->group ? " " : "", cmd->name, cmd->usage ? cmd->usage : "");
	else
		fputs(_("\nsee `sedesk --help`.\n"), stderr);
	return SD_INVALID;
}

int
cli_open(struct cli *cli, bool create)
{
	struct sd_error err;

	if (cli->desk_open)
		return 0;
	cli->opts.create = create;
	if (sd_desk_open(&cli->desk, &cli->opts, &err) != SD_OK)
		return cli_report(&err);
	cli->desk_open = true;
	/* The configuration may name the language. */
	sd_i18n_init(cli->desk.cfg.language);
	return 0;
}

int
cli_parse(const struct cli_command *cmd, int argc, char **argv, const struct cli_opt *opts)
{
	struct option lo[32];
	size_t n = 0;
	int c, idx;

	for (; opts != NULL && opts[n].name != NULL && n < 30; n++) {
		lo[n].name = opts[n].name;
		lo[n].has_arg = opts[n].has_arg ? required_argument : no_argument;
		lo[n].flag = NULL;
		lo[n].val = 1000 + (int)n;
	}
	lo[n] = (struct option){ "help", no_argument, NULL, 'h' };
	lo[n + 1] = (struct option){ 0 };
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", lo, &idx)) != -1) {
		if (c == 'h') {
			printf(_("usage: sedesk %s%s%s %s\n  %s\n"), cmd->group ? cmd->group : "",
			    cmd->group ? " " : "", cmd->name, cmd->usage ? cmd->usage : "",
			    _(cmd->help));
			exit(0);
		}
		if (c == '?' || c == ':') {
			if (optopt != 0 && optopt < 1000 && optopt != '?')
				return cli_usage(cmd, _("unknown option -%c."), optopt), -1;
			if (optopt >= 1000)
				return cli_usage(cmd, _("option --%s needs a value."),
				    lo[optopt - 1000].name), -1;
			return cli_usage(cmd, _("unknown option %s."), argv[optind - 1]), -1;
		}
		if (c >= 1000 && c < 1000 + (int)n) {
			const struct cli_opt *o = &opts[c - 1000];
			if (o->value != NULL)
				*o->value = optarg;
			if (o->flag != NULL)
				*o->flag = true;
		}
	}
	return optind;
}

bool
cli_parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (s == NULL || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return false;
	*out = v;
	return true;
}

int
cli_limit(const struct cli_command *cmd, const char *s, size_t def, size_t *out)
{
	unsigned long v;

	*out = def;
	if (s == NULL)
		return 0;
	if (!cli_parse_uint(s, 1000000, &v) || v == 0)
		return cli_usage(cmd, _("--limit %s: give a whole number from 1 to 1000000."), s), -1;
	*out = v;
	return 0;
}

int
cli_version(const struct cli_command *cmd, const char *s, uint32_t *out)
{
	unsigned long v;

	*out = 0;
	if (s == NULL)
		return 0;
	if (!cli_parse_uint(s, UINT32_MAX, &v) || v == 0)
		return cli_usage(cmd, _("--expect-version %s: give the version number shown by show."),
		    s), -1;
	*out = (uint32_t)v;
	return 0;
}

/* A file the user named, read with the user's own rights (see userfile.h). */
char *
cli_read_file(const char *path)
{
	struct sd_error err;
	char *text;

	if (sd_user_read_file(path, &text, &err) != SD_OK) {
		cli_report(&err);
		return NULL;
	}
	return text;
}

/*
 * Takes the global options out of argv wherever they stand (before or
 * after the command), so commands see only their own.
 */
static int
take_global_options(struct cli *cli, int *argc, char **argv)
{
	int out = 1;

	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		const char **target = NULL;

		if (strcmp(a, "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(a, "--json") == 0) {
			cli->json = true;
			continue;
		}
		if (strcmp(a, "-c") == 0 || strcmp(a, "--config") == 0)
			target = &cli->opts.config;
		else if (strcmp(a, "--db") == 0)
			target = &cli->opts.db;
		if (target != NULL) {
			if (i + 1 >= *argc)
				return cli_usage(NULL, _("option %s needs a value."), a);
			*target = argv[++i];
			continue;
		}
		if (strncmp(a, "--config=", 9) == 0) {
			cli->opts.config = a + 9;
			continue;
		}
		if (strncmp(a, "--db=", 5) == 0) {
			cli->opts.db = a + 5;
			continue;
		}
		argv[out++] = argv[i];
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
}

int
cli_main(int argc, char **argv)
{
	struct cli cli = { 0 };
	const struct cli_command *cmd;
	int rc, skip;

	cli.prog = argv[0];
	if ((rc = take_global_options(&cli, &argc, argv)) != 0)
		return rc;
	if (argc < 2 && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && !cli.json) {
		if ((rc = cli_open(&cli, false)) != 0)
			return rc;
		rc = tui_main(&cli.desk);
		sd_desk_close(&cli.desk);
		return rc;
	}
	if (argc < 2) {
		cmd = cli_find(NULL, "inbox");
		skip = 0;
	} else if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		print_help(stdout, argc > 2 ? argv[2] : NULL);
		return 0;
	} else if (strcmp(argv[1], "--version") == 0) {
		printf("sedesk %s\n", SEDESK_VERSION);
		return 0;
	} else if (is_group(argv[1])) {
		if (argc < 3) {
			fprintf(stderr, _("sedesk: %s needs a subcommand.\n"), argv[1]);
			print_help(stderr, argv[1]);
			return SD_INVALID;
		}
		if (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0) {
			print_help(stdout, argv[1]);
			return 0;
		}
		if ((cmd = cli_find(argv[1], argv[2])) == NULL)
			return cli_usage(NULL, _("unknown command: %s %s."), argv[1], argv[2]);
		skip = 2;
	} else {
		if ((cmd = cli_find(NULL, argv[1])) == NULL)
			return cli_usage(NULL, _("unknown command: %s."), argv[1]);
		skip = 1;
	}
	/* The command sees argv[0] = its own name, then its arguments. */
	rc = cmd->run(&cli, cmd, argc - skip, argv + skip);
	if (cli.desk_open)
		sd_desk_close(&cli.desk);
	return rc;
}
