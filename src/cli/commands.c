/*
 * The command table: per command its options, operands, the desk it needs,
 * the permission it asks for and one line of help.  `sedesk --help`,
 * `sedesk COMMAND --help`, bash completion and the man page check
 * (tests/man/t_man.sh) all follow these rows: a new command or option is
 * one row here.
 */
#include <stddef.h>

#include "cli.h"
#include "sedesk/i18n.h"

/* Options that stand anywhere on the line; cli_globals takes them out. */
const struct cli_option cli_global_options[] = {
	{ "config", 'c', "FILE", N_("read the configuration from FILE"), NULL, 0, CLI_K_FILE },
	{ "db", 0, "DIR", N_("use the database in DIR"), NULL, 0, CLI_K_FILE },
	{ "json", 0, NULL, N_("write JSON instead of text"), NULL, 0, CLI_K_NONE },
	{ "help", 'h', NULL, N_("print the commands, or a command's usage"), NULL, CLI_LEADING,
	  CLI_K_NONE },
	{ "version", 0, NULL, N_("print the version"), NULL, CLI_LEADING, CLI_K_NONE },
	{ NULL },
};

/* Options several commands share. */
#define O_EXPECT { "expect-version", 0, "V", \
	N_("refuse the change when the version is no longer V"), NULL, 0, CLI_K_NONE }
#define O_LIMIT(help) { "limit", 0, "N", help, NULL, 0, CLI_K_NONE }

static const struct cli_option no_opts[] = { { NULL } };

static const struct cli_option inbox_opts[] = {
	O_LIMIT(N_("at most N rows (default 50)")),
	{ NULL },
};

static const struct cli_option ent_edit_opts[] = {
	O_EXPECT,
	{ NULL },
};

static const struct cli_option ent_list_opts[] = {
	{ "tag", 0, "T", N_("only enterprises with tag T"), NULL, 0, CLI_K_NONE },
	O_LIMIT(N_("at most N enterprises (default 100)")),
	{ "not-contacted-since", 0, "YYYY-MM-DD",
	  N_("only those with no contact since that day, never contacted first"), NULL, 0,
	  CLI_K_NONE },
	{ NULL },
};

static const struct cli_option ent_timeline_opts[] = {
	O_LIMIT(N_("at most N entries (default 50)")),
	{ NULL },
};

static const struct cli_option ent_import_opts[] = {
	{ "strict", 0, NULL, N_("import nothing when a row is invalid"), NULL, 0, CLI_K_NONE },
	{ "encoding", 0, "utf-8|latin1", N_("the file's character encoding (default utf-8)"),
	  NULL, 0, CLI_K_NONE },
	{ NULL },
};

#define O_DESCRIPTION \
	{ "description", 0, "TEXT", N_("the description"), NULL, 0, CLI_K_NONE }, \
	{ "description-file", 0, "F|-", N_("read the description from a file"), NULL, CLI_OR, \
	  CLI_K_FILE }
#define O_CASE_FIELDS \
	{ "category", 0, "C", N_("a category of the configuration"), NULL, 0, CLI_K_CATEGORY }, \
	{ "channel", 0, "C", N_("phone, email, desk, site-visit, pitch, event or web"), NULL, 0, \
	  CLI_K_NONE }, \
	{ "priority", 0, "P", N_("low, normal, high or urgent"), NULL, 0, CLI_K_NONE }

static const char need_ent_subject[] = N_("--enterprise and --subject are required.");

static const struct cli_option case_new_opts[] = {
	{ "enterprise", 0, "ID|NUMBER", N_("the enterprise the enquiry comes from"),
	  need_ent_subject, 0, CLI_K_NONE },
	{ "subject", 0, "S", N_("the subject, one line"), need_ent_subject, 0, CLI_K_NONE },
	O_DESCRIPTION,
	O_CASE_FIELDS,
	{ NULL },
};

static const struct cli_option case_edit_opts[] = {
	{ "subject", 0, "S", N_("the subject, one line"), NULL, 0, CLI_K_NONE },
	O_DESCRIPTION,
	O_CASE_FIELDS,
	{ "owner", 0, "LOGIN", N_("a contact or admin who owns the case"), NULL, 0, CLI_K_NONE },
	O_EXPECT,
	{ NULL },
};

static const struct cli_option case_show_opts[] = {
	O_LIMIT(N_("at most N journal entries (default all)")),
	{ NULL },
};

static const struct cli_option case_export_opts[] = {
	{ "markdown", 0, NULL, N_("write Markdown instead of plain text"), NULL, 0, CLI_K_NONE },
	{ "output", 'o', "FILE", N_("write to FILE (with your rights) instead of the output"),
	  NULL, 0, CLI_K_FILE },
	{ NULL },
};

static const struct cli_option case_list_opts[] = {
	{ "status", 0, "S", N_("new, routed, in_progress, answered, waiting or closed"), NULL, 0,
	  CLI_K_NONE },
	{ "dept", 0, "D", N_("cases routed to department D"), NULL, 0, CLI_K_DEPT },
	{ "enterprise", 0, "ID|NUMBER", N_("cases of one enterprise"), NULL, 0, CLI_K_NONE },
	{ "category", 0, "C", N_("cases of category C"), NULL, 0, CLI_K_CATEGORY },
	{ "overdue", 0, NULL, N_("only overdue cases, most overdue first"), NULL, 0, CLI_K_NONE },
	{ "mine", 0, NULL, N_("only your own cases"), NULL, 0, CLI_K_NONE },
	O_LIMIT(N_("at most N rows (default 50)")),
	{ NULL },
};

static const struct cli_option route_opts[] = {
	{ "note", 0, "TEXT", N_("a note for the departments"), NULL, 0, CLI_K_NONE },
	O_EXPECT,
	{ NULL },
};

#define O_DEPT { "dept", 0, "D", N_("your department whose route it is"), \
	N_("--dept is required."), 0, CLI_K_DEPT }

static const struct cli_option pickup_opts[] = {
	O_DEPT,
	O_EXPECT,
	{ NULL },
};

static const struct cli_option answer_opts[] = {
	O_DEPT,
	{ "text", 0, "TEXT", N_("the answer"), NULL, CLI_ONE_OF, CLI_K_NONE },
	{ "text-file", 0, "F|-", N_("read the answer from a file"), NULL, CLI_OR, CLI_K_FILE },
	O_EXPECT,
	{ NULL },
};

static const struct cli_option decline_opts[] = {
	O_DEPT,
	{ "reason", 0, "TEXT", N_("why the department declines"), NULL, CLI_ONE_OF, CLI_K_NONE },
	{ "reason-file", 0, "F|-", N_("read the reason from a file"), NULL, CLI_OR, CLI_K_FILE },
	O_EXPECT,
	{ NULL },
};

static const struct cli_option note_opts[] = {
	{ "text-file", 0, "F|-", N_("read the note from a file instead"), NULL, 0, CLI_K_FILE },
	O_EXPECT,
	{ NULL },
};

static const struct cli_option expect_opts[] = {
	O_EXPECT,
	{ NULL },
};

static const struct cli_option close_opts[] = {
	{ "resolution", 0, "TEXT", N_("how the enquiry was resolved"),
	  N_("--resolution is required: say how the enquiry was resolved."), 0, CLI_K_NONE },
	{ "satisfaction", 0, "1-5", N_("the enterprise's satisfaction"), NULL, 0, CLI_K_NONE },
	{ "own-view", 0, "1-5", N_("the contact point's own view: did we help well?"), NULL, 0,
	  CLI_K_NONE },
	O_EXPECT,
	{ NULL },
};

static const struct cli_option withdraw_opts[] = {
	{ "dept", 0, "D", N_("the department whose open route is taken back"),
	  N_("--dept is required: say which department's route to withdraw."), 0, CLI_K_DEPT },
	{ "reason", 0, "TEXT", N_("why the route is withdrawn"),
	  N_("--reason is required: say why the route is withdrawn."), 0, CLI_K_NONE },
	O_EXPECT,
	{ NULL },
};

static const struct cli_option remind_opts[] = {
	{ "dept", 0, "D", N_("the department to remind of its open route"),
	  N_("--dept is required: say which department to remind."), 0, CLI_K_DEPT },
	{ "text", 0, "TEXT", N_("what the reminder says (optional)"), NULL, 0, CLI_K_NONE },
	O_EXPECT,
	{ NULL },
};

static const struct cli_option wait_opts[] = {
	{ "until", 0, "YYYY-MM-DD", N_("the day the case comes back to the inbox"), NULL, 0,
	  CLI_K_NONE },
	{ "reason", 0, "TEXT", N_("what the case waits for"), NULL, 0, CLI_K_NONE },
	O_EXPECT,
	{ NULL },
};

static const struct cli_option follow_up_opts[] = {
	{ "on", 0, "YYYY-MM-DD", N_("the day the case comes back to its owner's inbox"),
	  N_("--on is required: say on which day (YYYY-MM-DD)."), 0, CLI_K_NONE },
	{ "text", 0, "TEXT", N_("what to do then, e.g. call back (optional)"), NULL, 0,
	  CLI_K_NONE },
	O_EXPECT,
	{ NULL },
};

static const struct cli_option search_opts[] = {
	{ "kind", 0, "enterprise|case", N_("only enterprises or only cases"), NULL, 0,
	  CLI_K_NONE },
	O_LIMIT(N_("at most N results (default 20)")),
	{ NULL },
};

static const struct cli_option check_opts[] = {
	{ "repair", 0, NULL, N_("rebuild the indexes when there are problems (admin)"), NULL, 0,
	  CLI_K_NONE },
	{ NULL },
};

static const char one_case[] = N_("give one case number.");

#define CASE_NUM .operands = "NUM", .min = 1, .max = 1, .operand_msg = one_case, \
	.first_kind = CLI_K_CASE

/* Every command opens the desk unless its row says otherwise. */
const struct cli_command cli_commands[] = {
	{ .name = "init", .help = N_("create the database (safe to repeat)"), .opts = no_opts,
	  .desk = CLI_DESK_CREATE, .permit = true, .need = SD_ACT_INIT,
	  .run = cmd_init },
	{ .name = "departments", .help = N_("list the configured departments"), .opts = no_opts,
	  .json = true, .run = cmd_departments },
	{ .name = "officers", .help = N_("list the configured officers and roles"),
	  .opts = no_opts, .json = true, .run = cmd_officers },
	{ .name = "whoami", .help = N_("show who you are to sedesk"), .opts = no_opts,
	  .json = true, .run = cmd_whoami },
	{ .name = "inbox", .help = N_("the cases that need you, most urgent first"),
	  .opts = inbox_opts, .json = true, .run = cmd_inbox },

	{ .group = "enterprise", .name = "add", .help = N_("register an enterprise; prints its id"),
	  .opts = no_opts, .fields = CLI_FIELDS_NEW, .permit = true, .need = SD_ACT_ENTERPRISE_WRITE,
	  .run = cmd_enterprise_add },
	{ .group = "enterprise", .name = "list", .help = N_("list enterprises by name"),
	  .opts = ent_list_opts, .json = true, .run = cmd_enterprise_list },
	{ .group = "enterprise", .name = "show", .help = N_("show an enterprise and its cases"),
	  .opts = no_opts, .json = true, .operands = "ID|NUMBER", .min = 1, .max = 1,
	  .operand_msg = N_("give one enterprise id or number."), .run = cmd_enterprise_show },
	{ .group = "enterprise", .name = "timeline",
	  .help = N_("an enterprise's cases, contact moments and events, newest first"),
	  .opts = ent_timeline_opts, .json = true, .operands = "ID|NUMBER", .min = 1, .max = 1,
	  .operand_msg = N_("give one enterprise id or number."),
	  .run = cmd_enterprise_timeline },
	{ .group = "enterprise", .name = "edit",
	  .help = N_("change fields of an enterprise (an empty value clears)"),
	  .opts = ent_edit_opts, .fields = CLI_FIELDS_CHANGE, .operands = "ID|NUMBER", .min = 1, .max = 1,
	  .operand_msg = N_("give one enterprise id or number."), .permit = true,
	  .need = SD_ACT_ENTERPRISE_WRITE, .run = cmd_enterprise_edit },
	/* Asked before a large file is read that the role could not import. */
	{ .group = "enterprise", .name = "import",
	  .help = N_("import enterprises from CSV with a header row of field names"),
	  .opts = ent_import_opts, .operands = "FILE.csv", .min = 1, .max = 1,
	  .operand_msg = N_("give one CSV file."), .first_kind = CLI_K_FILE, .permit = true,
	  .need = SD_ACT_ENTERPRISE_WRITE, .run = cmd_enterprise_import },

	{ .group = "case", .name = "new", .help = N_("register an enquiry; prints its number"),
	  .opts = case_new_opts, .permit = true, .need = SD_ACT_CASE_CREATE, .run = cmd_case_new },
	{ .group = "case", .name = "edit", .help = N_("change fields of a case"),
	  .opts = case_edit_opts, CASE_NUM, .permit = true, .need = SD_ACT_CASE_EDIT,
	  .run = cmd_case_edit },
	{ .group = "case", .name = "show", .help = N_("show a case with its routes and journal"),
	  .opts = case_show_opts, .json = true, CASE_NUM, .run = cmd_case_show },
	{ .group = "case", .name = "export",
	  .help = N_("the case as text for the enterprise: question, answers, resolution"),
	  .opts = case_export_opts, CASE_NUM, .run = cmd_case_export },
	{ .group = "case", .name = "list", .help = N_("list cases, newest first"),
	  .opts = case_list_opts, .json = true, .run = cmd_case_list },
	{ .group = "case", .name = "suggest", .help = N_("departments the routing rules suggest"),
	  .opts = no_opts, .json = true, CASE_NUM, .run = cmd_case_suggest },
	{ .group = "case", .name = "route", .help = N_("route a case to one or more departments"),
	  .opts = route_opts, .operands = "NUM DEPT...", .min = 2, .max = CLI_MANY,
	  .operand_msg = N_("give the case number and at least one department."),
	  .first_kind = CLI_K_CASE, .rest_kind = CLI_K_DEPT, .permit = true,
	  .need = SD_ACT_CASE_ROUTE, .run = cmd_case_route },
	/* Whether the caller serves the department, the core asks with the route. */
	{ .group = "case", .name = "pickup", .help = N_("pick up your department's route"),
	  .opts = pickup_opts, CASE_NUM, .permit = true, .need = SD_ACT_ROUTE_WORK,
	  .run = cmd_case_pickup },
	{ .group = "case", .name = "answer", .help = N_("answer your department's route"),
	  .opts = answer_opts, CASE_NUM, .permit = true, .need = SD_ACT_ROUTE_WORK,
	  .run = cmd_case_answer },
	{ .group = "case", .name = "decline",
	  .help = N_("decline your department's route, with the reason"), .opts = decline_opts,
	  CASE_NUM, .permit = true, .need = SD_ACT_ROUTE_WORK, .run = cmd_case_decline },
	{ .group = "case", .name = "note", .help = N_("add a note to the journal"),
	  .opts = note_opts, .operands = "NUM [TEXT]", .min = 1, .max = 2,
	  .operand_msg = N_("give the case number and the note (quoted), or --text-file."),
	  .first_kind = CLI_K_CASE, .permit = true, .need = SD_ACT_CASE_NOTE,
	  .run = cmd_case_note },
	{ .group = "case", .name = "wait", .help = N_("mark the case as waiting on the enterprise"),
	  .opts = wait_opts, CASE_NUM, .permit = true, .need = SD_ACT_CASE_EDIT,
	  .run = cmd_case_wait },
	{ .group = "case", .name = "reopen", .help = N_("reopen a waiting or closed case"),
	  .opts = expect_opts, CASE_NUM, .permit = true, .need = SD_ACT_CASE_EDIT,
	  .run = cmd_case_reopen },
	{ .group = "case", .name = "close", .help = N_("close a case with its resolution"),
	  .opts = close_opts, CASE_NUM, .permit = true, .need = SD_ACT_CASE_EDIT,
	  .run = cmd_case_close },
	{ .group = "case", .name = "withdraw",
	  .help = N_("take back a department's open route, with the reason"),
	  .opts = withdraw_opts, CASE_NUM, .permit = true, .need = SD_ACT_ROUTE_WITHDRAW,
	  .run = cmd_case_withdraw },
	{ .group = "case", .name = "remind", .help = N_("remind a department of its open route"),
	  .opts = remind_opts, CASE_NUM, .permit = true, .need = SD_ACT_ROUTE_REMIND,
	  .run = cmd_case_remind },
	{ .group = "case", .name = "follow-up",
	  .help = N_("set the day the case comes back to its owner's inbox"),
	  .opts = follow_up_opts, CASE_NUM, .permit = true, .need = SD_ACT_CASE_FOLLOW_UP,
	  .run = cmd_case_follow_up },

	{ .name = "search", .help = N_("find enterprises and cases by words, names or numbers"),
	  .opts = search_opts, .json = true, .operands = "WORDS...", .min = 1, .max = CLI_MANY,
	  .operand_msg = N_("say what to search for."), .run = cmd_search },
	{ .name = "reindex", .help = N_("rebuild the search index from the records (admin)"),
	  .opts = no_opts, .permit = true, .need = SD_ACT_REINDEX, .run = cmd_reindex },
	{ .name = "backup",
	  .help = N_("write a consistent, compacted copy of the database (admin)"),
	  .opts = no_opts, .operands = "FILE", .min = 1, .max = 1,
	  .operand_msg = N_("give the file to write the backup to."), .first_kind = CLI_K_FILE,
	  .permit = true, .need = SD_ACT_BACKUP, .run = cmd_backup },
	/* Without the store: nobody, this process included, may hold it. */
	{ .name = "restore",
	  .help = N_("replace the database with a backup, when nobody uses it (admin)"),
	  .opts = no_opts, .operands = "FILE", .min = 1, .max = 1,
	  .operand_msg = N_("give the backup file to restore."), .first_kind = CLI_K_FILE,
	  .desk = CLI_DESK_CONFIG, .permit = true, .need = SD_ACT_RESTORE, .run = cmd_restore },
	/* A manager may check; --repair is the administrator's (the core says so). */
	{ .name = "check",
	  .help = N_("verify records and indexes; --repair rebuilds the indexes (admin)"),
	  .opts = check_opts, .json = true, .permit = true, .need = SD_ACT_CHECK,
	  .run = cmd_check },

	/*
	 * For bash completion (share/completion/sedesk.bash): the words typed
	 * so far in, the candidates for the last one out.  It opens the desk
	 * itself, and only when a candidate needs it.
	 */
	{ .name = "complete", .help = "", .opts = no_opts, .hidden = true,
	  .operands = "WORDS...", .min = 0, .max = CLI_MANY, .desk = CLI_DESK_NONE,
	  .run = cmd_complete },
	{ .name = NULL },
};
