/*
 * The command-line front end.  Every command is a row of data (commands.c):
 * its options, its operands, the desk it needs and the permission it asks
 * for.  cli_main parses the options from that row, checks the operands,
 * opens the desk, asks sd_permit and only then calls the command with the
 * parsed values.  Help, usage, bash completion and the man page check are
 * all generated from the same rows.
 */
#ifndef SEDESK_CLI_H
#define SEDESK_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "sedesk/case.h"
#include "sedesk/desk.h"
#include "sedesk/enterprise.h"
#include "sedesk/fields.h"

/* What a word may be, for completion: of an option's value or an operand. */
enum cli_kind {
	CLI_K_NONE,		/* free text: nothing to offer */
	CLI_K_CASE,		/* a case number the caller may see */
	CLI_K_DEPT,		/* a configured department */
	CLI_K_CATEGORY,		/* a configured category */
	CLI_K_FILE,		/* a file name: bash completes it */
	CLI_K_KIND,		/* a kind of social enterprise ([profile] kinds) */
	CLI_K_RECOGNITION,	/* a recognition ([profile] recognitions), as NAME= */
};

/* An option of a command, or a global option. */
struct cli_option {
	const char	*name;		/* long name, without "--" */
	char		 letter;	/* short form (-c), or 0 */
	const char	*arg;		/* its value in usage (FILE), NULL for a flag */
	const char	*help;		/* one line, N_() */
	const char	*required;	/* N_() message when it is missing, or NULL */
	unsigned	 flags;
	enum cli_kind	 kind;		/* of its value */
};
#define CLI_OR		0x1	/* an alternative to the option before (usage: a | b) */
#define CLI_ONE_OF	0x2	/* with its CLI_OR followers: one is needed (the command checks) */
#define CLI_LEADING	0x4	/* global: only as the first word, or a command's --help */
#define CLI_REPEAT	0x8	/* may be given again: cli_opt joins the values with commas, cli_opt_all gives each */

/* How a command uses the desk. */
enum cli_desk {
	CLI_DESK_OPEN,		/* configuration, caller and database */
	CLI_DESK_NONE,		/* no configuration, no database */
	CLI_DESK_CREATE,	/* the same, creating the database (init) */
	CLI_DESK_CONFIG,	/* configuration and caller only (restore) */
};

/* Commands that take the enterprise fields as options (--legal-form). */
enum cli_fields {
	CLI_FIELDS_NONE,
	CLI_FIELDS_NEW,		/* --name required */
	CLI_FIELDS_CHANGE,	/* each optional */
};

#define CLI_MAX_OPTS	40
#define CLI_MAX_REPEAT	64	/* values of repeatable options on one line */
#define CLI_MANY	(-1)	/* no upper bound on the operands */

struct cli;
struct cli_args;

struct cli_command {
	const char	*group;		/* "case", "enterprise", or NULL */
	const char	*name;
	const char	*help;		/* one line, N_() */
	const struct cli_option *opts;	/* ends with { NULL } */
	enum cli_fields	 fields;	/* also one option per enterprise field */
	bool		 json;		/* --json changes the output (usage shows it) */
	bool		 hidden;	/* not in help, man page or completion */
	const char	*operands;	/* usage of the operands: "NUM DEPT..." */
	int		 min, max;	/* operand count; max CLI_MANY: no bound */
	const char	*operand_msg;	/* N_() said when the count is wrong */
	enum cli_kind	 first_kind;	/* the first operand, for completion */
	enum cli_kind	 rest_kind;	/* the operands after it */
	enum cli_desk	 desk;
	bool		 permit;	/* ask sd_permit(need) before anything else */
	enum sd_action	 need;
	int		(*run)(struct cli *cli, const struct cli_args *a);
};

/* A command's options as parsed, and its operands. */
struct cli_args {
	const struct cli_command *cmd;
	const struct cli_option	*opts[CLI_MAX_OPTS];	/* the command's, fields included */
	const char		*values[CLI_MAX_OPTS];	/* the value, "" for a given flag */
	size_t			 nopts;
	char			**argv;			/* the operands */
	int			 argc;
	struct cli_option	 field_opts[SD_EF_COUNT];
	char			 field_names[SD_EF_COUNT][32];
	int			 field_of[CLI_MAX_OPTS];	/* opts[i]'s field, or -1 */
	/* Every value of the CLI_REPEAT options, in the order given. */
	const char		*rep_values[CLI_MAX_REPEAT];
	size_t			 rep_opt[CLI_MAX_REPEAT];
	size_t			 nrep;
	char			*joined[CLI_MAX_OPTS];	/* owned: values[i] of a repeated option */
};

struct cli {
	struct sd_desk		 desk;
	struct sd_desk_options	 opts;
	bool			 json;
	bool			 desk_open;
};

/* Applies the configuration's language before anything else is read. */
void	cli_language(const struct cli *cli);

extern const struct cli_command cli_commands[];
extern const struct cli_option cli_global_options[];

/* The commands (cmd_*.c); the table is in commands.c. */
#define CLI_CMD(name) int name(struct cli *, const struct cli_args *)
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
CLI_CMD(cmd_enterprise_import_kbo);	/* cmd_kbo.c */
CLI_CMD(cmd_enterprise_nace);
CLI_CMD(cmd_enterprise_timeline);
CLI_CMD(cmd_enterprise_not_contacted);	/* enterprise list --not-contacted-since */
CLI_CMD(cmd_case_new);
CLI_CMD(cmd_case_edit);
CLI_CMD(cmd_case_show);
CLI_CMD(cmd_case_export);
CLI_CMD(cmd_case_list);
CLI_CMD(cmd_case_import);	/* bulk: cmd_case_import.c */
CLI_CMD(cmd_case_suggest);
CLI_CMD(cmd_case_route);
CLI_CMD(cmd_case_pickup);
CLI_CMD(cmd_case_answer);
CLI_CMD(cmd_case_decline);
CLI_CMD(cmd_case_note);
CLI_CMD(cmd_case_attachment);
/* Adds a case's attachments to o ("attachments"), or prints them when o is NULL (cmd_attach.c). */
int	cli_case_attachments(struct cli *cli, const char *number, json_t *o);
CLI_CMD(cmd_mailgate);
CLI_CMD(cmd_case_wait);
CLI_CMD(cmd_case_reopen);
CLI_CMD(cmd_case_close);
CLI_CMD(cmd_case_withdraw);
CLI_CMD(cmd_case_remind);
CLI_CMD(cmd_case_follow_up);
CLI_CMD(cmd_search);
CLI_CMD(cmd_reindex);
CLI_CMD(cmd_backup);
CLI_CMD(cmd_restore);
CLI_CMD(cmd_check);
CLI_CMD(cmd_complete);
CLI_CMD(cmd_event_add);
CLI_CMD(cmd_event_edit);
CLI_CMD(cmd_event_invite);
CLI_CMD(cmd_event_register);
CLI_CMD(cmd_event_attend);
CLI_CMD(cmd_event_list);
CLI_CMD(cmd_event_show);
CLI_CMD(cmd_event_export);
CLI_CMD(cmd_event_case);
CLI_CMD(cmd_ical);
CLI_CMD(cmd_moment_add);
CLI_CMD(cmd_moment_list);
CLI_CMD(cmd_moment_show);
CLI_CMD(cmd_moment_edit);
CLI_CMD(cmd_moment_done);
CLI_CMD(cmd_moment_case);
CLI_CMD(cmd_report);
CLI_CMD(cmd_privacy_log);	/* accesslog: cmd_privacy_log.c */
/* Opportunities (cmd_opportunity.c). */
CLI_CMD(cmd_opportunity_add);
CLI_CMD(cmd_opportunity_edit);
CLI_CMD(cmd_opportunity_close);
CLI_CMD(cmd_opportunity_list);
CLI_CMD(cmd_opportunity_show);
CLI_CMD(cmd_opportunity_match);
CLI_CMD(cmd_opportunity_invite);
CLI_CMD(cmd_opportunity_respond);
CLI_CMD(cmd_opportunity_award);
CLI_CMD(cmd_opportunity_sroi);
/* Personal data (cmd_privacy.c). */
/* The administrator's inbox lines about personal data: into arr (JSON) or printed. */
void	cli_privacy_inbox(struct cli *cli, json_t *arr, bool *any);
/*
 * Writes text to path with the caller's rights and umask (not the setgid
 * install's 007), never through a symlink; says on stderr what failed (cmd_export.c).
 */
int	cli_write_user_file(const char *path, const char *text);
CLI_CMD(cmd_privacy_fields);
CLI_CMD(cmd_privacy_export);
CLI_CMD(cmd_privacy_erase);
CLI_CMD(cmd_privacy_compact);
CLI_CMD(cmd_privacy_retention);
/* Outgoing mail (cmd_mail.c, mailout). */
CLI_CMD(cmd_outbox);
CLI_CMD(cmd_digest);
#undef CLI_CMD

/*
 * Takes the global options out of argv wherever they stand (before or
 * after the command); 0, or the exit code of a usage error.
 */
int	cli_globals(struct cli *cli, int *argc, char **argv);
/* Takes a global option's value (NULL for a flag) where it belongs. */
void	cli_global_set(struct cli *cli, const struct cli_option *o, const char *val);
/* Whether the command line asks for the full-screen interface. */
bool	cli_wants_interface(const struct cli *cli, int argc);
/* Runs the command line after cli_globals; returns the exit code. */
int	cli_main(struct cli *cli, int argc, char **argv);

/* Opens the desk (once); 0 or the exit code after reporting. */
int	cli_open(struct cli *cli, enum cli_desk how);
void	cli_close(struct cli *cli);

/* Reports err as "sedesk: message" and returns its status as exit code. */
int	cli_report(const struct sd_error *err);
/* Reports a usage problem of a command and returns 2. */
int	cli_usage(const struct cli_command *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
const struct cli_command *cli_find(const char *group, const char *name);
bool	cli_is_group(const char *s);

/* Fills a's option list from cmd (its own and the field options). */
void	cli_args_options(struct cli_args *a, const struct cli_command *cmd);
/* The value of option name (NULL when not given); aborts on a name not in the table. */
const char *cli_opt(const struct cli_args *a, const char *name);
bool	cli_flag(const struct cli_args *a, const char *name);
/* Every value of a CLI_REPEAT option, in order (at most max); returns how many. */
size_t	cli_opt_all(const struct cli_args *a, const char *name, const char **out, size_t max);

bool	cli_parse_uint(const char *s, unsigned long max, unsigned long *out);
/* Parses --limit (default def) and --expect-version; -1 and a message when bad. */
int	cli_limit(const struct cli_args *a, size_t def, size_t *out);
int	cli_version(const struct cli_args *a, uint32_t *out);
/* Reads a whole file ("-" is stdin); NULL with a message on stderr. */
char	*cli_read_file(const char *path);

/* Help and usage from the table (help.c). */
void	cli_help(FILE *out, const char *group);
void	cli_command_usage(FILE *out, const struct cli_command *cmd);
void	cli_command_help(FILE *out, const struct cli_command *cmd);

/* Output: plain text made safe for the terminal, and JSON. */
void	cli_print(const char *s);		/* one line: sd_visible(s, false) + newline */
void	cli_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Like cli_printf, but text of several lines: lines after the first indented. */
void	cli_print_lines(int indent, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * "  LABEL  value" with the label padded to w terminal columns, the value's
 * further lines under the value; cli_label_width gives w for a set of
 * (translated) labels, so every value of a show starts in one column.
 */
void	cli_show_field(int w, const char *label, const char *value);
int	cli_label_width(const char *const *labels, size_t n);
char	*cli_safe(const char *s);			/* malloc'd sd_visible(s, false) */
/*
 * What a command made, for the next command in a script: its id or number
 * alone on a line, or {"KEY": value} with --json.  Returns 0.
 */
int	cli_print_made(const struct cli *cli, const char *key, const char *value);
void	cli_json_print(json_t *v);			/* dumps and decrefs */
json_t	*cli_jstr(const char *s);			/* null for NULL */
json_t	*cli_jtime(int64_t t);				/* RFC 3339 or null for 0 */
json_t	*cli_jday(sd_day d);				/* YYYY-MM-DD or null */
json_t	*cli_jlist(const char *comma_list);		/* ["a","b"] */
/* A record's field as JSON, as the field table's kind says (sd_record_fields). */
json_t	*cli_jfield(const struct sd_field_value *v);

/*
 * The inbox's contact moments (cmd_moment.c): into arr (JSON) or printed
 * as a section after the cases (gap: a blank line first); *any says
 * whether there were some.  0 or the exit code after reporting.
 */
int	cli_inbox_moments(struct cli *cli, size_t limit, json_t *arr, bool gap, bool *any);

/* The administrator's line about failures to write the access log (cmd_privacy_log.c). */
void	cli_access_log_warning(struct cli *cli, json_t *arr, bool *any);

/* Shared renderers. */
/* An enterprise from its field table; a summary unless full (cmd_enterprise.c). */
json_t	*enterprise_json(const struct sd_enterprise *e, bool full);
json_t	*cli_case_row_json(const struct sd_case_row *r);
void	cli_case_rows_print(const struct sd_case_rows *rows, bool inbox);

#endif
