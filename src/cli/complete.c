/*
 * sedesk complete -- WORD...: the candidates for the last word of a
 * command line, for share/completion/sedesk.bash.  Commands and options
 * come from the command table; departments and categories from the
 * configuration; case numbers from the database, as the caller may see
 * them (the core's visibility rules hold: an officer is offered only the
 * cases routed to their departments).
 *
 * The first line of the output says what follows: "words", then one
 * candidate a line, or "files" (let the shell complete a file name).
 *
 * sedesk complete --table prints every command with its options, for the
 * man page check (tests/man/t_man.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sedesk/profile.h"

static void	offer(const char *);
static void	offer_option(const struct cli_option *);
static bool	open_quietly(struct cli *, enum cli_desk);
static void	offer_kind(struct cli *, enum cli_kind);
static const struct cli_option *find_option(const struct cli_args *, const char *);
static void	print_table(void);

static const char *cur;		/* the word being completed */

static void
offer(const char *word)
{
	if (strncmp(word, cur, strlen(cur)) == 0)
		printf("%s\n", word);
}

static void
offer_option(const struct cli_option *o)
{
	char buf[64];

	snprintf(buf, sizeof buf, "--%s", o->name);
	offer(buf);
}

/* Quietly: a completion that cannot open the desk offers nothing. */
static bool
open_quietly(struct cli *cli, enum cli_desk how)
{
	struct sd_error err;

	if (cli->desk_open)
		return true;
	cli->opts.no_store = how == CLI_DESK_CONFIG;
	if (sd_desk_open(&cli->desk, &cli->opts, &err) != SD_OK)
		return false;
	cli->desk_open = true;
	return true;
}

static void
offer_kind(struct cli *cli, enum cli_kind kind)
{
	struct sd_case_filter f = { 0 };
	struct sd_case_rows rows;
	struct sd_error err;

	if (kind == CLI_K_FILE) {
		printf("files\n");
		return;
	}
	printf("words\n");
	switch (kind) {
	case CLI_K_DEPT:
		if (open_quietly(cli, CLI_DESK_CONFIG))
			for (size_t i = 0; i < cli->desk.cfg.ndepartments; i++)
				offer(cli->desk.cfg.departments[i].id);
		break;
	case CLI_K_CATEGORY:
		if (open_quietly(cli, CLI_DESK_CONFIG))
			for (size_t i = 0; i < cli->desk.cfg.ncategories; i++)
				offer(cli->desk.cfg.categories[i].id);
		break;
	case CLI_K_CASE:
		/* The newest the caller may see; the core filters by role. */
		if (!open_quietly(cli, CLI_DESK_OPEN) ||
		    sd_case_list(&cli->desk, &f, NULL, 500, &rows, &err) != SD_OK)
			break;
		for (size_t i = 0; i < rows.n; i++) {
			char num[SD_CASE_NUMBER_MAX];
			sd_case_number_format(rows.items[i].c.key, num);
			offer(num);
		}
		sd_case_rows_free(&rows);
		break;
	case CLI_K_KIND:
	case CLI_K_RECOGNITION: {
		enum sd_code_list l = kind == CLI_K_KIND ? SD_LIST_KINDS : SD_LIST_RECOGNITIONS;
		const char *code, *label;
		if (!open_quietly(cli, CLI_DESK_CONFIG))
			break;
		for (size_t i = 0; sd_profile_code(&cli->desk.cfg, l, i, &code, &label); i++) {
			char buf[128];
			/* A recognition's day follows: NAME=YYYY-MM-DD. */
			snprintf(buf, sizeof buf, "%s%s", code, kind == CLI_K_RECOGNITION ? "=" : "");
			offer(buf);
		}
		break;
	}
	case CLI_K_NONE:
	case CLI_K_FILE:
		break;
	}
}

/* The option among opts (or the global ones) that word names, or NULL. */
static const struct cli_option *
find_option(const struct cli_args *a, const char *word)
{
	if (strncmp(word, "--", 2) == 0) {
		for (size_t i = 0; a != NULL && i < a->nopts; i++)
			if (strcmp(a->opts[i]->name, word + 2) == 0)
				return a->opts[i];
	}
	for (const struct cli_option *o = cli_global_options; o->name != NULL; o++) {
		if (word[0] == '-' && o->letter != 0 && word[1] == o->letter && word[2] == '\0')
			return o;
		if (strncmp(word, "--", 2) == 0 && strcmp(o->name, word + 2) == 0)
			return o;
	}
	return NULL;
}

static void
print_table(void)
{
	printf("global\t");
	for (const struct cli_option *o = cli_global_options; o->name != NULL; o++) {
		if (o->letter != 0)
			printf("-%c ", o->letter);
		printf("--%s%s", o->name, o[1].name != NULL ? " " : "\n");
	}
	for (const struct cli_command *c = cli_commands; c->name != NULL; c++) {
		struct cli_args a;

		if (c->hidden)
			continue;
		cli_args_options(&a, c);
		printf("command\t%s%s%s\t", c->group ? c->group : "", c->group ? " " : "", c->name);
		for (size_t i = 0; i < a.nopts; i++)
			printf("%s--%s", i ? " " : "", a.opts[i]->name);
		printf("%s%s\n", a.nopts && c->json ? " " : "", c->json ? "--json" : "");
	}
}

int
cmd_complete(struct cli *cli, const struct cli_args *in)
{
	const struct cli_command *cmd = NULL;
	struct cli_args a = { 0 };
	const char *group = NULL;
	int n = in->argc, operands = 0;

	if (n == 1 && strcmp(in->argv[0], "--table") == 0) {
		print_table();
		return 0;
	}
	cur = n > 0 ? in->argv[n - 1] : "";
	/* Walk the words before the last: the command, options and operands. */
	for (int i = 0; i < n - 1; i++) {
		const char *w = in->argv[i];
		const struct cli_option *o;

		if (w[0] == '-' && w[1] != '\0') {
			o = find_option(cmd != NULL ? &a : NULL, w);
			if (o == NULL || o->arg == NULL || strchr(w, '=') != NULL)
				continue;
			if (i + 1 == n - 1) {
				/* The last word is this option's value. */
				offer_kind(cli, o->kind);
				return 0;
			}
			/* A global one (-c, --db) also chooses what the completion reads. */
			if (find_option(NULL, w) == o)
				cli_global_set(cli, o, in->argv[i + 1]);
			i++;
		} else if (cmd != NULL) {
			operands++;
		} else if (group != NULL) {
			if ((cmd = cli_find(group, w)) == NULL)
				return 0;
			cli_args_options(&a, cmd);
		} else if (cli_is_group(w)) {
			group = w;
		} else if ((cmd = cli_find(NULL, w)) == NULL || cmd->hidden) {
			return 0;
		} else {
			cli_args_options(&a, cmd);
		}
	}
	if (cur[0] == '-') {
		printf("words\n");
		for (size_t i = 0; cmd != NULL && i < a.nopts; i++)
			offer_option(a.opts[i]);
		for (const struct cli_option *o = cli_global_options; o->name != NULL; o++)
			if (!(o->flags & CLI_LEADING) || cmd == NULL || strcmp(o->name, "help") == 0)
				offer_option(o);
		return 0;
	}
	if (cmd != NULL) {
		if (cmd->max != CLI_MANY && operands >= cmd->max)
			printf("words\n");
		else
			offer_kind(cli, operands == 0 ? cmd->first_kind : cmd->rest_kind);
		return 0;
	}
	printf("words\n");
	for (const struct cli_command *c = cli_commands; c->name != NULL; c++) {
		if (c->hidden)
			continue;
		if (group != NULL && c->group != NULL && strcmp(c->group, group) == 0)
			offer(c->name);
		/* A group's name once, at its first command. */
		if (group == NULL && (c->group == NULL || c == cli_commands ||
		    c[-1].group == NULL || strcmp(c[-1].group, c->group) != 0))
			offer(c->group != NULL ? c->group : c->name);
	}
	if (group == NULL)
		offer("help");
	return 0;
}
