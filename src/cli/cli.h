/*
 * The command-line front end: a table of commands, each a function that
 * parses its own options and calls the core.
 */
#ifndef SEDESK_CLI_H
#define SEDESK_CLI_H

#include <jansson.h>
#include <stdbool.h>

#include "sedesk/case.h"
#include "sedesk/desk.h"
#include "sedesk/fields.h"

struct cli {
	struct sd_desk		 desk;
	struct sd_desk_options	 opts;
	bool			 json;
	bool			 desk_open;
	const char		*prog;
};

struct cli_command {
	const char	*group;		/* "case", "enterprise", or NULL */
	const char	*name;
	const char	*usage;		/* options after the command words */
	const char	*help;		/* one line, translated at display */
	bool		 create;	/* opens the desk with create (init) */
	int		(*run)(struct cli *cli, const struct cli_command *cmd, int argc,
			    char **argv);
};

extern const struct cli_command cli_commands[];

/* The commands (cmd_*.c); the table is in commands.c. */
#define CLI_CMD(name) int name(struct cli *, const struct cli_command *, int, char **)
CLI_CMD(cmd_init);
CLI_CMD(cmd_departments);
CLI_CMD(cmd_officers);
CLI_CMD(cmd_whoami);
CLI_CMD(cmd_inbox);
CLI_CMD(cmd_enterprise_add);
CLI_CMD(cmd_enterprise_list);
CLI_CMD(cmd_enterprise_show);
CLI_CMD(cmd_enterprise_edit);
CLI_CMD(cmd_enterprise_import);
CLI_CMD(cmd_case_new);
CLI_CMD(cmd_case_edit);
CLI_CMD(cmd_case_show);
CLI_CMD(cmd_case_list);
CLI_CMD(cmd_case_suggest);
CLI_CMD(cmd_case_route);
CLI_CMD(cmd_case_pickup);
CLI_CMD(cmd_case_answer);
CLI_CMD(cmd_case_decline);
CLI_CMD(cmd_case_note);
CLI_CMD(cmd_case_wait);
CLI_CMD(cmd_case_reopen);
CLI_CMD(cmd_case_close);
CLI_CMD(cmd_search);
CLI_CMD(cmd_reindex);
CLI_CMD(cmd_backup);
CLI_CMD(cmd_restore);
CLI_CMD(cmd_check);
#undef CLI_CMD

/* The full-screen interface (src/tui), started when there is no command on a terminal. */
int	tui_main(struct sd_desk *desk);

/* Runs the command line; returns the exit code. */
int	cli_main(int argc, char **argv);

/* Opens the desk for a command (once). */
int	cli_open(struct cli *cli, bool create);

/* Reports err as "sedesk: message" and returns its status as exit code. */
int	cli_report(const struct sd_error *err);
/* Reports a usage problem of a command and returns 2. */
int	cli_usage(const struct cli_command *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
const struct cli_command *cli_find(const char *group, const char *name);

/*
 * Parses a command's options with getopt_long.  Each option is given as
 * { long name, has_arg, &string result or NULL for flags, &bool flag }.
 */
struct cli_opt {
	const char	*name;
	bool		 has_arg;
	const char	**value;
	bool		*flag;
};
/* Returns the index of the first operand, or -1 after reporting a usage error. */
int	cli_parse(const struct cli_command *cmd, int argc, char **argv,
	    const struct cli_opt *opts);

bool	cli_parse_uint(const char *s, unsigned long max, unsigned long *out);
/* Parses --limit (default def) and --expect-version; -1 and a message when bad. */
int	cli_limit(const struct cli_command *cmd, const char *s, size_t def, size_t *out);
int	cli_version(const struct cli_command *cmd, const char *s, uint32_t *out);
/* Reads a whole file ("-" is stdin); NULL with a message on stderr. */
char	*cli_read_file(const char *path);

/* Output: plain text made safe for the terminal, and JSON. */
void	cli_print(const char *s);		/* one line: sd_visible(s, false) + newline */
void	cli_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Like cli_printf, but text of several lines: lines after the first indented. */
void	cli_print_lines(int indent, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char	*cli_safe(const char *s);			/* malloc'd sd_visible(s, false) */
void	cli_json_print(json_t *v);			/* dumps and decrefs */
json_t	*cli_jstr(const char *s);			/* null for NULL */
json_t	*cli_jtime(int64_t t);				/* RFC 3339 or null for 0 */
json_t	*cli_jday(sd_day d);				/* YYYY-MM-DD or null */
json_t	*cli_jlist(const char *comma_list);		/* ["a","b"] */
/* A record's field as JSON, as the field table's kind says (sd_record_fields). */
json_t	*cli_jfield(const struct sd_field_value *v);

/* Shared renderers. */
json_t	*cli_case_row_json(const struct sd_case_row *r);
void	cli_case_rows_print(const struct sd_case_rows *rows, bool inbox);

#endif
