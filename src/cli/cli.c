/*
 * Command-line dispatch: the global options, finding the command, parsing
 * its options from its row of the table, checking its operands, opening
 * the desk and asking the permission, in that order, before the command
 * runs.  A command that is refused therefore never starts.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "sedesk/mail.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "sedesk/userfile.h"

static int	dispatch(struct cli *, const struct cli_command *, int, char **);
static int	parse_options(struct cli_args *, int, char **);
static int	opt_index(const struct cli_args *, const char *);
static const struct cli_option *global_match(const char *, const char **);
static bool	is_help(const char *);

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

bool
cli_is_group(const char *s)
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
	fputc('\n', stderr);
	if (cmd != NULL)
		cli_command_usage(stderr, cmd);
	else
		fputs(_("see `sedesk --help`.\n"), stderr);
	return SD_INVALID;
}

int
cli_open(struct cli *cli, enum cli_desk how)
{
	struct sd_error err;

	if (cli->desk_open || how == CLI_DESK_NONE)
		return 0;
	cli->opts.create = how == CLI_DESK_CREATE;
	cli->opts.no_store = how == CLI_DESK_CONFIG;
	if (sd_desk_open(&cli->desk, &cli->opts, &err) != SD_OK)
		return cli_report(&err);
	cli->desk_open = true;
	/* The configuration may name the language. */
	sd_i18n_init(cli->desk.cfg.language);
	return 0;
}

void
cli_language(const struct cli *cli)
{
	struct sd_error err;
	char *file, *lang;

	if ((file = sd_config_locate(cli->opts.config, &err)) == NULL)
		return;
	lang = sd_config_language(file);
	sd_i18n_init(lang);
	free(lang);
	free(file);
}

/*
 * Mail this command queued goes now, after the command's own work and
 * output, within a few seconds; what fails or is left waits for the next
 * `sedesk outbox --deliver` (cron) or the interface.  Inline rather than
 * in a background process: a command that ends leaves nothing running,
 * and a local sendmail only queues the mail, which takes milliseconds.
 */
#define CLI_MAIL_BUDGET	10

void
cli_close(struct cli *cli)
{
	if (cli->desk_open && sd_mail_queued()) {
		struct sd_mail_result r;
		struct sd_error err;

		if (sd_mail_deliver(&cli->desk, CLI_MAIL_BUDGET, &r, &err) != SD_OK)
			fprintf(stderr, "sedesk: %s\n", err.msg);
		else if (r.failed > 0)
			fprintf(stderr, ngettext("sedesk: %u mail could not be sent now; it is "
			    "tried again later (sedesk outbox).\n", "sedesk: %u mails could not "
			    "be sent now; they are tried again later (sedesk outbox).\n",
			    r.failed), r.failed);
	}
	if (cli->desk_open)
		sd_desk_close(&cli->desk);
	cli->desk_open = false;
}

/* --- options ---------------------------------------------------------------- */

void
cli_args_options(struct cli_args *a, const struct cli_command *cmd)
{
	memset(a, 0, sizeof *a);
	a->cmd = cmd;
	for (size_t i = 0; i < CLI_MAX_OPTS; i++)
		a->field_of[i] = -1;
	/*
	 * The fields first, spelt as the field with '_' → '-' (--legal-form).
	 * The profile's structured fields have options of their own in the
	 * command's row (--recognition, --nace, --person, …): one item each.
	 */
	for (int i = 0; cmd->fields != CLI_FIELDS_NONE && i < SD_EF_COUNT; i++) {
		struct cli_option *o = &a->field_opts[i];
		const struct sd_field_info *fi = sd_record_field_named(SD_RECORD_ENTERPRISE,
		    sd_ent_field_name(i));

		if (fi != NULL && (fi->flags & SD_FF_ITEMS))
			continue;
		/* The KBO import's fields are not typed in (sedesk/enterprise.h). */
		if (fi != NULL && !(fi->flags & SD_FF_EDIT))
			continue;
		snprintf(a->field_names[i], sizeof a->field_names[i], "%s", sd_ent_field_name(i));
		for (char *p = a->field_names[i]; *p; p++)
			if (*p == '_')
				*p = '-';
		o->name = a->field_names[i];
		o->arg = "VALUE";
		o->help = sd_ent_field_label(i);
		if (cmd->fields == CLI_FIELDS_NEW && i == SD_EF_NAME)
			o->required = N_("--name is required.");
		if (i == SD_EF_KIND)
			o->kind = CLI_K_KIND;
		a->field_of[a->nopts] = i;
		a->opts[a->nopts++] = o;
	}
	for (const struct cli_option *o = cmd->opts; o != NULL && o->name != NULL; o++) {
		if (a->nopts == CLI_MAX_OPTS)
			abort();	/* the table is wrong, not the user */
		a->opts[a->nopts++] = o;
	}
}

static int
opt_index(const struct cli_args *a, const char *name)
{
	for (size_t i = 0; i < a->nopts; i++)
		if (strcmp(a->opts[i]->name, name) == 0)
			return (int)i;
	/* A command asked for an option its row does not have. */
	fprintf(stderr, "sedesk: internal error: %s %s has no option --%s\n",
	    a->cmd->group ? a->cmd->group : "", a->cmd->name, name);
	abort();
}

const char *
cli_opt(const struct cli_args *a, const char *name)
{
	return a->values[opt_index(a, name)];
}

size_t
cli_opt_all(const struct cli_args *a, const char *name, const char **out, size_t max)
{
	size_t idx = (size_t)opt_index(a, name), n = 0;

	for (size_t i = 0; i < a->nrep && n < max; i++)
		if (a->rep_opt[i] == idx)
			out[n++] = a->rep_values[i];
	return n;
}

bool
cli_flag(const struct cli_args *a, const char *name)
{
	return a->values[opt_index(a, name)] != NULL;
}

/*
 * The value of a repeated option as cli_opt gives it: every value so far
 * joined with commas (--dept eco --dept wel reads as "eco,wel");
 * cli_opt_all gives them one by one.
 */
static void
join_repeat(struct cli_args *a, size_t i)
{
	struct sd_buf b = { 0 };
	size_t n = 0;

	for (size_t k = 0; k < a->nrep; k++) {
		if (a->rep_opt[k] != i)
			continue;
		if (n++ > 0)
			sd_buf_adds(&b, ",");
		sd_buf_adds(&b, a->rep_values[k]);
	}
	if (n < 2) {
		sd_buf_free(&b);
		return;
	}
	free(a->joined[i]);
	a->joined[i] = b.data;
	a->values[i] = b.data;
}

static void
cli_args_release(struct cli_args *a)
{
	for (size_t i = 0; i < CLI_MAX_OPTS; i++)
		free(a->joined[i]);
}

/* Returns the index of the first operand, -1 after a usage error, -2 after --help. */
static int
parse_options(struct cli_args *a, int argc, char **argv)
{
	const struct cli_command *cmd = a->cmd;
	struct option lo[CLI_MAX_OPTS + 2];
	char shorts[2 * CLI_MAX_OPTS + 2] = "h";
	size_t n = a->nopts, ns = 1;
	int c, idx;

	for (size_t i = 0; i < n; i++) {
		lo[i].name = a->opts[i]->name;
		lo[i].has_arg = a->opts[i]->arg != NULL ? required_argument : no_argument;
		lo[i].flag = NULL;
		lo[i].val = 1000 + (int)i;
		/* A command's short form (case export -o) stands for its long option. */
		if (a->opts[i]->letter != 0) {
			shorts[ns++] = a->opts[i]->letter;
			if (a->opts[i]->arg != NULL)
				shorts[ns++] = ':';
		}
	}
	shorts[ns] = '\0';
	lo[n] = (struct option){ "help", no_argument, NULL, 'h' };
	lo[n + 1] = (struct option){ 0 };
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, lo, &idx)) != -1) {
		for (size_t i = 0; i < n && c < 1000; i++)
			if (c != 'h' && a->opts[i]->letter == c)
				c = 1000 + (int)i;
		if (c == 'h') {
			cli_command_help(stdout, cmd);
			return -2;
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
			a->values[c - 1000] = optarg != NULL ? optarg : "";
			if (a->opts[c - 1000]->flags & CLI_REPEAT) {
				if (a->nrep == CLI_MAX_REPEAT)
					return cli_usage(cmd, _("too many values of --%s (at most "
					    "%d)."), a->opts[c - 1000]->name, CLI_MAX_REPEAT), -1;
				a->rep_opt[a->nrep] = (size_t)(c - 1000);
				a->rep_values[a->nrep++] = a->values[c - 1000];
				join_repeat(a, (size_t)(c - 1000));
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		if (a->opts[i]->required != NULL && a->values[i] == NULL)
			return cli_usage(cmd, "%s", _(a->opts[i]->required)), -1;
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
cli_limit(const struct cli_args *a, size_t def, size_t *out)
{
	const char *s = cli_opt(a, "limit");
	unsigned long v;

	*out = def;
	if (s == NULL)
		return 0;
	if (!cli_parse_uint(s, 1000000, &v) || v == 0)
		return cli_usage(a->cmd, _("--limit %s: give a whole number from 1 to 1000000."),
		    s), -1;
	*out = v;
	return 0;
}

int
cli_version(const struct cli_args *a, uint32_t *out)
{
	const char *s = cli_opt(a, "expect-version");
	unsigned long v;

	*out = 0;
	if (s == NULL)
		return 0;
	if (!cli_parse_uint(s, UINT32_MAX, &v) || v == 0)
		return cli_usage(a->cmd,
		    _("--expect-version %s: give the version number shown by show."), s), -1;
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

/* --- the command line ------------------------------------------------------------ */

/* Takes a global option's value (NULL for a flag) where it belongs. */
void
cli_global_set(struct cli *cli, const struct cli_option *o, const char *val)
{
	if (strcmp(o->name, "config") == 0)
		cli->opts.config = val;
	else if (strcmp(o->name, "db") == 0)
		cli->opts.db = val;
	else if (strcmp(o->name, "json") == 0)
		cli->json = true;
	else
		abort();	/* a global option in the table that nothing takes */
}

/* The global option that a matches (-c, --db, --db=DIR), or NULL; *val after '='. */
static const struct cli_option *
global_match(const char *a, const char **val)
{
	*val = NULL;
	for (const struct cli_option *o = cli_global_options; o->name != NULL; o++) {
		size_t len = strlen(o->name);

		if (o->flags & CLI_LEADING)
			continue;
		if (o->letter != 0 && a[0] == '-' && a[1] == o->letter && a[2] == '\0')
			return o;
		if (strncmp(a, "--", 2) != 0 || strncmp(a + 2, o->name, len) != 0)
			continue;
		if (a[2 + len] == '\0')
			return o;
		if (a[2 + len] == '=' && o->arg != NULL) {
			*val = a + 3 + len;
			return o;
		}
	}
	return NULL;
}

int
cli_globals(struct cli *cli, int *argc, char **argv)
{
	int out = 1;

	for (int i = 1; i < *argc; i++) {
		const struct cli_option *o;
		const char *val;

		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if ((o = global_match(argv[i], &val)) == NULL) {
			argv[out++] = argv[i];
			continue;
		}
		if (o->arg != NULL && val == NULL) {
			if (i + 1 >= *argc)
				return cli_usage(NULL, _("option %s needs a value."), argv[i]);
			val = argv[++i];
		}
		cli_global_set(cli, o, val);
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
}

bool
cli_wants_interface(const struct cli *cli, int argc)
{
	return argc < 2 && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && !cli->json;
}

static bool
is_help(const char *s)
{
	return strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0;
}

int
cli_main(struct cli *cli, int argc, char **argv)
{
	static char inbox[] = "inbox";
	char *no_args[] = { inbox, NULL };
	const struct cli_command *cmd;
	int skip;

	if (argc < 2) {
		/* No command and no terminal: the inbox, for scripts and cron. */
		return dispatch(cli, cli_find(NULL, "inbox"), 1, no_args);
	} else if (is_help(argv[1]) || strcmp(argv[1], "help") == 0) {
		if (argc > 2 && !cli_is_group(argv[2]))
			return cli_usage(NULL, _("help: %s is not a group of commands."),
			    argv[2]);
		cli_help(stdout, argc > 2 ? argv[2] : NULL);
		return 0;
	} else if (strcmp(argv[1], "--version") == 0) {
		printf("sedesk %s\n", SEDESK_VERSION);
		return 0;
	} else if (cli_is_group(argv[1])) {
		if (argc < 3) {
			fprintf(stderr, _("sedesk: %s needs a subcommand.\n"), argv[1]);
			cli_help(stderr, argv[1]);
			return SD_INVALID;
		}
		if (is_help(argv[2])) {
			cli_help(stdout, argv[1]);
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
	/* The command's words count as argv[0] for getopt. */
	return dispatch(cli, cmd, argc - skip, argv + skip);
}

/*
 * Options, operands, desk, permission, then the command: a command the
 * caller's role may not run fails here with the core's message, before it
 * reads a file or changes anything.
 */
static int
dispatch(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	struct cli_args a;
	struct sd_error err;
	int i, n, rc;

	cli_args_options(&a, cmd);
	i = parse_options(&a, argc, argv);
	n = argc - i;
	if (i == -2)
		rc = 0;
	else if (i < 0)
		rc = SD_INVALID;
	else if (n > 0 && cmd->max == 0)
		rc = cli_usage(cmd, _("unexpected argument %s."), argv[i]);
	else if (n < cmd->min || (cmd->max != CLI_MANY && n > cmd->max))
		rc = cli_usage(cmd, "%s", _(cmd->operand_msg));
	else if ((rc = cli_open(cli, cmd->desk)) == 0) {
		a.argv = argv + i;
		a.argc = n;
		if (cmd->permit && sd_permit(&cli->desk, cmd->need, NULL, &err) != SD_OK)
			rc = cli_report(&err);
		else
			rc = cmd->run(cli, &a);
		cli_close(cli);
	}
	cli_args_release(&a);
	return rc;
}
