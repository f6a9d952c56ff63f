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

/* Personal data (cmd_privacy.c): whom an export or erasure is about. */
#define O_PRIVACY_WHO \
	{ "person", 0, "NAME", N_("a person by name"), NULL, 0, CLI_K_NONE }, \
	{ "email", 0, "ADDRESS", N_("a person by e-mail address"), NULL, CLI_OR, CLI_K_NONE }, \
	{ "enterprise", 0, "NUM", N_("a sole proprietor: the enterprise and all of its records"), \
	  NULL, CLI_OR, CLI_K_NONE }
static const struct cli_option privacy_export_opts[] = {
	O_PRIVACY_WHO,
	{ "output", 'o', "FILE", N_("write the JSON to FILE and the text to FILE.txt (with your "
	  "rights)"), NULL, 0, CLI_K_FILE },
	{ NULL },
};
static const struct cli_option privacy_retention_opts[] = {
	{ "dry-run", 0, NULL, N_("list the cases past their retention; change nothing (dpo too)"),
	  NULL, 0, CLI_K_NONE },
	{ NULL },
};
static const struct cli_option privacy_erase_opts[] = {
	O_PRIVACY_WHO,
	{ NULL },
};

/* mailout */
static const struct cli_option outbox_opts[] = {
	{ "all", 0, NULL, N_("also the mail sent in the last 30 days"), NULL, 0, CLI_K_NONE },
	{ "deliver", 0, NULL, N_("deliver the mail that is due (for cron)"), NULL, 0,
	  CLI_K_NONE },
	{ "quiet", 'q', NULL, N_("with --deliver: say nothing unless a mail failed"), NULL, 0,
	  CLI_K_NONE },
	{ NULL },
};

static const struct cli_option inbox_opts[] = {
	O_LIMIT(N_("at most N rows (default 50)")),
	{ NULL },
};

/* The profile's structured fields, one item per option (sedesk/profile.h). */
#define O_PROFILE_ADD \
	{ "recognition", 0, "NAME=YYYY-MM-DD", N_("a recognition and the day it was granted " \
	  "(repeatable)"), NULL, CLI_REPEAT, CLI_K_RECOGNITION }, \
	{ "nace", 0, "CODE[:2025]", N_("a NACE-BEL activity code, 2008 unless :2025 " \
	  "(repeatable)"), NULL, CLI_REPEAT, CLI_K_NONE }, \
	{ "main-nace", 0, "CODE[:2025]", N_("the NACE code of the main activity"), NULL, 0, \
	  CLI_K_NONE }, \
	{ "person", 0, "name=N;role=R;email=E;phone=P;lang=L", N_("a contact person; the " \
	  "same name replaces one (repeatable)"), NULL, CLI_REPEAT, CLI_K_NONE }, \
	{ "employment", 0, "target=N;fte=N.NN;known=YYYY-MM-DD", N_("the employment figures " \
	  "(\"\" clears)"), NULL, 0, CLI_K_NONE }

static const struct cli_option ent_add_opts[] = {
	O_PROFILE_ADD,
	{ NULL },
};

static const struct cli_option ent_edit_opts[] = {
	O_PROFILE_ADD,
	{ "no-recognition", 0, "NAME", N_("remove a recognition (repeatable)"), NULL, CLI_REPEAT,
	  CLI_K_RECOGNITION },
	{ "no-nace", 0, "CODE[:2025]", N_("remove a NACE code (repeatable)"), NULL, CLI_REPEAT,
	  CLI_K_NONE },
	{ "no-person", 0, "NAME", N_("remove a contact person (repeatable)"), NULL, CLI_REPEAT,
	  CLI_K_NONE },
	O_EXPECT,
	{ NULL },
};

static const struct cli_option ent_list_opts[] = {
	{ "tag", 0, "T", N_("only enterprises with tag T"), NULL, 0, CLI_K_NONE },
	{ "kind", 0, "K", N_("only enterprises of kind K"), NULL, 0, CLI_K_KIND },
	{ "nace", 0, "PREFIX", N_("only enterprises with a NACE code starting with PREFIX"), NULL,
	  0, CLI_K_NONE },
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

/* KBO open data (cmd_kbo.c). */
static const struct cli_option ent_import_kbo_opts[] = {
	{ "postcode", 0, "LIST", N_("keep enterprises with a seat or establishment at these "
	  "postcodes (9000,9030)"), NULL, CLI_REPEAT, CLI_K_NONE },
	{ "municipality", 0, "NAME", N_("the same by municipality (Gent, Gand)"), NULL,
	  CLI_OR | CLI_REPEAT, CLI_K_NONE },
	{ "nace", 0, "PREFIX", N_("only new enterprises with an activity code starting so (88)"),
	  NULL, CLI_REPEAT, CLI_K_NONE },
	{ "juridical-form", 0, "CODE", N_("only new enterprises of this legal form (a KBO code)"),
	  NULL, CLI_REPEAT, CLI_K_NONE },
	{ "dry-run", 0, NULL, N_("say what the import would do; change nothing"), NULL, 0,
	  CLI_K_NONE },
	{ NULL },
};

/* bulk: sedesk case import (cmd_case_import.c). */
static const struct cli_option case_import_opts[] = {
	{ "skip-bad", 0, NULL, N_("import the valid lines and report the others"), NULL, 0,
	  CLI_K_NONE },
	{ "format", 0, "csv|jsonl", N_("the file's format (default: from its name)"), NULL, 0,
	  CLI_K_NONE },
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
	/* mailgate: a case from an unknown sender is linked to its enterprise. */
	{ "enterprise", 0, "ID|NUMBER", N_("the enterprise the enquiry comes from"), NULL, 0,
	  CLI_K_NONE },
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
	{ "kind", 0, "enterprise|case|event|moment|opportunity",
	  N_("only enterprises, cases, events, contact moments or opportunities"), NULL, 0,
	  CLI_K_NONE },
	O_LIMIT(N_("at most N results (default 20)")),
	{ NULL },
};

static const struct cli_option check_opts[] = {
	{ "repair", 0, NULL, N_("rebuild the indexes when there are problems (admin)"), NULL, 0,
	  CLI_K_NONE },
	{ NULL },
};

/* Events (cmd_event.c) and the calendar (cmd_ical.c). */
#define O_EVENT_FIELDS(req) \
	{ "title", 0, "T", N_("the event's title, one line"), req, 0, CLI_K_NONE }, \
	{ "kind", 0, "K", N_("workshop, acquaintance, network, info, pitch-day or platform"), req, 0, \
	  CLI_K_NONE }, \
	{ "start", 0, "YYYY-MM-DDTHH:MM", N_("when it starts (Brussels time)"), req, 0, CLI_K_NONE }, \
	{ "end", 0, "YYYY-MM-DDTHH:MM", N_("when it ends"), NULL, 0, CLI_K_NONE }, \
	{ "place", 0, "P", N_("where it takes place"), req, 0, CLI_K_NONE }, \
	{ "dept", 0, "D", N_("a department that organises it (again for more)"), NULL, CLI_REPEAT, \
	  CLI_K_DEPT }, \
	{ "capacity", 0, "N", N_("how many people can come (0: no limit)"), NULL, 0, CLI_K_NONE }, \
	{ "platform", 0, "ID", N_("the platform this is a meeting of"), NULL, 0, CLI_K_NONE }, \
	{ "text", 0, "TEXT", N_("the description"), NULL, 0, CLI_K_NONE }, \
	{ "text-file", 0, "F|-", N_("read the description from a file"), NULL, CLI_OR, CLI_K_FILE }

static const char need_event[] =
    N_("--title, --kind, --start and --place are required.");

static const struct cli_option event_add_opts[] = {
	O_EVENT_FIELDS(need_event),
	{ NULL },
};

static const struct cli_option event_edit_opts[] = {
	O_EVENT_FIELDS(NULL),
	O_EXPECT,
	{ NULL },
};

/* Contact moments. */
#define O_MOMENT_FIELDS \
	{ "kind", 0, "KIND", N_("phone, email, desk, site-visit, pitch, event, web or meeting"), \
	  NULL, 0, CLI_K_NONE }, \
	{ "date", 0, "YYYY-MM-DD[THH:MM]", N_("when it takes or took place (default: now)"), \
	  NULL, 0, CLI_K_NONE }, \
	{ "dept", 0, "D", N_("a department taking part (again for more)"), NULL, CLI_REPEAT, \
	  CLI_K_DEPT }, \
	{ "with", 0, "LOGIN", N_("an officer taking part (again for more)"), NULL, CLI_REPEAT, \
	  CLI_K_NONE }, \
	{ "text", 0, "T", N_("the report"), NULL, 0, CLI_K_NONE }, \
	{ "text-file", 0, "F|-", N_("read the report from a file"), NULL, CLI_OR, CLI_K_FILE }, \
	{ "follow-up", 0, "YYYY-MM-DD", N_("the day it comes back to your inbox"), NULL, 0, \
	  CLI_K_NONE }, \
	{ "case", 0, "NUM", N_("link an existing case (both ways)"), NULL, 0, CLI_K_CASE }

static const struct cli_option moment_add_opts[] = {
	{ "enterprise", 0, "ID|NUMBER", N_("the enterprise met"),
	  N_("--enterprise and --kind are required."), 0, CLI_K_NONE },
	O_MOMENT_FIELDS,
	{ NULL },
};

static const struct cli_option moment_edit_opts[] = {
	O_MOMENT_FIELDS,
	O_EXPECT,
	{ NULL },
};

static const struct cli_option event_register_opts[] = {
	{ "people", 0, "N", N_("how many people come (default 1)"), NULL, 0, CLI_K_NONE },
	{ NULL },
};

static const struct cli_option event_list_opts[] = {
	{ "from", 0, "YYYY-MM-DD", N_("events from this day on"), NULL, 0, CLI_K_NONE },
	{ "to", 0, "YYYY-MM-DD", N_("events until this day (included)"), NULL, 0, CLI_K_NONE },
	{ "kind", 0, "K", N_("only events of this kind"), NULL, 0, CLI_K_NONE },
	{ "dept", 0, "D", N_("only events of department D"), NULL, 0, CLI_K_DEPT },
	O_LIMIT(N_("at most N events (default 100)")),
	{ NULL },
};

static const struct cli_option event_export_opts[] = {
	{ "format", 0, "csv|json|text", N_("the attendee list as CSV, JSON or text"),
	  N_("--format is required: csv, json or text."), 0, CLI_K_NONE },
	{ NULL },
};

static const struct cli_option event_case_opts[] = {
	{ "subject", 0, "S", N_("the subject, one line"), N_("--subject is required."), 0,
	  CLI_K_NONE },
	{ "description", 0, "TEXT", N_("the description"), NULL, 0, CLI_K_NONE },
	{ NULL },
};

static const struct cli_option ical_opts[] = {
	{ "events", 0, NULL, N_("the events (the default)"), NULL, 0, CLI_K_NONE },
	{ "moments", 0, NULL, N_("the planned contact moments"), NULL, 0, CLI_K_NONE },
	{ "mine", 0, NULL, N_("only what you organise"), NULL, 0, CLI_K_NONE },
	{ "dept", 0, "D", N_("only those of department D"), NULL, 0, CLI_K_DEPT },
	{ "from", 0, "YYYY-MM-DD", N_("from this day on"), NULL, 0, CLI_K_NONE },
	{ "to", 0, "YYYY-MM-DD", N_("until this day (included)"), NULL, 0, CLI_K_NONE },
	{ "output", 'o', "FILE", N_("write to FILE (with your rights) instead of the output"),
	  NULL, 0, CLI_K_FILE },
	{ NULL },
};

/* The reports (cmd_report.c). */
static const struct cli_option report_opts[] = {
	{ "year", 0, "YYYY", N_("the figures of one calendar year"), NULL, 0, CLI_K_NONE },
	{ "from", 0, "YYYY-MM-DD", N_("from this day on"), NULL, 0, CLI_K_NONE },
	{ "to", 0, "YYYY-MM-DD", N_("until this day (included)"), NULL, 0, CLI_K_NONE },
	{ "dept", 0, "D", N_("only department D"), NULL, 0, CLI_K_DEPT },
	{ "category", 0, "C", N_("only category C (- for cases without one)"), NULL, 0,
	  CLI_K_CATEGORY },
	{ "format", 0, "text|csv|json|html", N_("the output's form (default text)"), NULL, 0,
	  CLI_K_NONE },
	{ "separator", 0, ",|;", N_("the CSV separator (default ,)"), NULL, 0, CLI_K_NONE },
	{ "bom", 0, NULL, N_("start the CSV with a byte order mark (for spreadsheets)"), NULL, 0,
	  CLI_K_NONE },
	{ "cases", 0, "FIGURE", N_("list the cases behind one figure instead"), NULL, 0,
	  CLI_K_NONE },
	{ "output", 'o', "FILE", N_("write to FILE (with your rights) instead of the output"),
	  NULL, 0, CLI_K_FILE },
	{ NULL },
};

/* Opportunities (cmd_opportunity.c). */
#define O_OPP_FIELDS(req) \
	{ "title", 0, "T", N_("what is bought or asked, one line"), req, 0, CLI_K_NONE }, \
	{ "kind", 0, "K", N_("purchase, project-call, subsidy or concession"), req, 0, CLI_K_NONE }, \
	{ "dept", 0, "D", N_("the department that buys"), req, 0, CLI_K_DEPT }, \
	{ "value", 0, "EUR", N_("the estimated value (12500, 12.500,50)"), NULL, 0, CLI_K_NONE }, \
	{ "deadline", 0, "YYYY-MM-DD", N_("answers by this day"), NULL, 0, CLI_K_NONE }, \
	{ "procedure", 0, "P", N_("the procedure, as the department names it"), NULL, 0, \
	  CLI_K_NONE }, \
	{ "reserved", 0, NULL, N_("reserved for social-economy enterprises as a whole"), NULL, 0, \
	  CLI_K_NONE }, \
	{ "qualify", 0, "REC", N_("a recognition that qualifies for the reservation (again for " \
	  "more)"), NULL, CLI_REPEAT, CLI_K_NONE }, \
	{ "sroi", 0, "PCT", N_("percent of the value for social return (typically 5)"), NULL, 0, \
	  CLI_K_NONE }, \
	{ "criteria", 0, "C", N_("a CSR criterion ticked (again for more)"), NULL, CLI_REPEAT, \
	  CLI_K_NONE }, \
	{ "nace", 0, "CODE", N_("a NACE code of the work (again for more)"), NULL, CLI_REPEAT, \
	  CLI_K_NONE }, \
	{ "needs", 0, "WORD", N_("a word of what is needed (again for more)"), NULL, CLI_REPEAT, \
	  CLI_K_NONE }, \
	{ "lot", 0, "TITLE=EUR[;reserved]", N_("a lot with its value (again for more)"), NULL, \
	  CLI_REPEAT, CLI_K_NONE }, \
	{ "text", 0, "TEXT", N_("the description"), NULL, 0, CLI_K_NONE }, \
	{ "text-file", 0, "F|-", N_("read the description from a file"), NULL, CLI_OR, CLI_K_FILE }

static const char need_opp[] = N_("--title, --kind and --dept are required.");

static const struct cli_option opp_add_opts[] = {
	O_OPP_FIELDS(need_opp),
	{ NULL },
};

static const struct cli_option opp_edit_opts[] = {
	O_OPP_FIELDS(NULL),
	{ "unreserved", 0, NULL, N_("no longer reserved as a whole"), NULL, 0, CLI_K_NONE },
	{ "no-lots", 0, NULL, N_("remove the lots"), NULL, 0, CLI_K_NONE },
	O_EXPECT,
	{ NULL },
};

static const struct cli_option opp_close_opts[] = {
	O_EXPECT,
	{ NULL },
};

static const struct cli_option opp_list_opts[] = {
	{ "open", 0, NULL, N_("only open opportunities"), NULL, 0, CLI_K_NONE },
	{ "dept", 0, "D", N_("only those of department D"), NULL, 0, CLI_K_DEPT },
	O_LIMIT(N_("at most N opportunities (default 100)")),
	{ NULL },
};

static const struct cli_option opp_match_opts[] = {
	O_LIMIT(N_("at most N enterprises (default 20)")),
	{ NULL },
};

static const struct cli_option opp_respond_opts[] = {
	{ "lot", 0, "N", N_("the lot answered (default: the whole)"), NULL, 0, CLI_K_NONE },
	{ "text", 0, "TEXT", N_("the interest or bid in words"), NULL, 0, CLI_K_NONE },
	{ NULL },
};

static const struct cli_option opp_award_opts[] = {
	{ "lot", 0, "N", N_("the lot awarded (required when there are lots)"), NULL, 0,
	  CLI_K_NONE },
	{ "enterprise", 0, "NUM", N_("the contractor, an enterprise of the register"), NULL,
	  CLI_ONE_OF, CLI_K_NONE },
	{ "outside", 0, "NAME", N_("the contractor, outside the register (regular spend)"), NULL,
	  CLI_OR, CLI_K_NONE },
	{ "value", 0, "EUR", N_("the awarded value"), N_("--value is required."), 0, CLI_K_NONE },
	{ "date", 0, "YYYY-MM-DD", N_("the day of the award (default: today)"), NULL, 0,
	  CLI_K_NONE },
	{ "ends", 0, "YYYY-MM-DD", N_("the day the contract ends"), NULL, 0, CLI_K_NONE },
	{ NULL },
};

static const struct cli_option opp_sroi_opts[] = {
	{ "lot", 0, "N", N_("the lot's award (default: the whole)"), NULL, 0, CLI_K_NONE },
	{ "spent", 0, "EUR", N_("the amount spent on social return"), N_("--spent is required."),
	  0, CLI_K_NONE },
	{ "text", 0, "TEXT", N_("what it was spent on"), NULL, 0, CLI_K_NONE },
	{ NULL },
};

static const char one_opp[] = N_("give one opportunity id.");
#define OPP_ID .operands = "ID", .min = 1, .max = 1, .operand_msg = one_opp

static const char one_event[] = N_("give one event id.");
#define EVENT_ID .operands = "ID", .min = 1, .max = 1, .operand_msg = one_event
static const struct cli_option moment_list_opts[] = {
	{ "enterprise", 0, "ID|NUMBER", N_("moments of one enterprise"), NULL, 0, CLI_K_NONE },
	{ "kind", 0, "KIND", N_("moments of one kind"), NULL, 0, CLI_K_NONE },
	{ "from", 0, "YYYY-MM-DD", N_("moments on or after this day"), NULL, 0, CLI_K_NONE },
	{ "to", 0, "YYYY-MM-DD", N_("moments on or before this day"), NULL, 0, CLI_K_NONE },
	{ "mine", 0, NULL, N_("only moments you recorded or take part in"), NULL, 0, CLI_K_NONE },
	O_LIMIT(N_("at most N rows (default 50)")),
	{ NULL },
};

static const struct cli_option moment_done_opts[] = {
	{ "text", 0, "T", N_("the report (needed unless it has one)"), NULL, 0, CLI_K_NONE },
	{ "text-file", 0, "F|-", N_("read the report from a file"), NULL, CLI_OR, CLI_K_FILE },
	O_EXPECT,
	{ NULL },
};

static const struct cli_option moment_case_opts[] = {
	{ "subject", 0, "S", N_("the case's subject, one line"), N_("--subject is required."), 0,
	  CLI_K_NONE },
	{ "category", 0, "C", N_("a category of the configuration"), NULL, 0, CLI_K_CATEGORY },
	{ "description", 0, "TEXT", N_("the description"), NULL, 0, CLI_K_NONE },
	O_EXPECT,
	{ NULL },
};

/* accesslog: sedesk privacy log (cmd_privacy_log.c). */
static const struct cli_option privacy_log_opts[] = {
	{ "person", 0, "TEXT", N_("views of the records that name the person (the search index)"),
	  NULL, 0, CLI_K_NONE },
	{ "user", 0, "LOGIN", N_("views by one user"), NULL, 0, CLI_K_NONE },
	{ "enterprise", 0, "NUM", N_("views of an enterprise, its cases and contact moments"),
	  NULL, 0, CLI_K_NONE },
	{ "case", 0, "NUM", N_("views of one case"), NULL, 0, CLI_K_CASE },
	{ "from", 0, "YYYY-MM-DD", N_("views on or after this day"), NULL, 0, CLI_K_NONE },
	{ "to", 0, "YYYY-MM-DD", N_("views on or before this day"), NULL, 0, CLI_K_NONE },
	{ "acknowledge", 0, NULL, N_("mark the failures to write the log as seen (admin)"), NULL,
	  0, CLI_K_NONE },
	{ NULL },
};

static const char one_moment[] = N_("give one contact moment's id.");

#define MOMENT_ID .operands = "ID", .min = 1, .max = 1, .operand_msg = one_moment

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
	  .opts = ent_add_opts, .fields = CLI_FIELDS_NEW, .permit = true,
	  .need = SD_ACT_ENTERPRISE_WRITE, .run = cmd_enterprise_add },
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
	{ .group = "enterprise", .name = "import-kbo",
	  .help = N_("import or refresh enterprises from a KBO open data extract (ZIP or folder)"),
	  .opts = ent_import_kbo_opts, .json = true, .operands = "ZIP|DIR", .min = 1, .max = 1,
	  .operand_msg = N_("give one KBO extract: its ZIP file or the folder it was unpacked in."),
	  .first_kind = CLI_K_FILE, .permit = true, .need = SD_ACT_ENTERPRISE_WRITE,
	  .run = cmd_enterprise_import_kbo },
	{ .group = "enterprise", .name = "nace",
	  .help = N_("the NACE-BEL sections and divisions, or those matching WORDS"),
	  .opts = no_opts, .json = true, .operands = "[WORDS...]", .min = 0, .max = CLI_MANY,
	  .desk = CLI_DESK_NONE, .run = cmd_enterprise_nace },

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
	/* bulk: a history of enquiries; asked before the file is read. */
	{ .group = "case", .name = "import",
	  .help = N_("import a history of enquiries from CSV or JSON lines"),
	  .opts = case_import_opts, .json = true, .operands = "FILE.csv|FILE.jsonl", .min = 1,
	  .max = 1, .operand_msg = N_("give one CSV or JSONL file."), .first_kind = CLI_K_FILE,
	  .permit = true, .need = SD_ACT_CASE_CREATE, .run = cmd_case_import },
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
	/* mailgate: the attachments a case's e-mail brought. */
	{ .group = "case", .name = "attachment",
	  .help = N_("list a case's e-mail attachments, or save one to a new file"),
	  .opts = no_opts, .json = true, .operands = "list NUM | save NUM N FILE", .min = 2,
	  .max = 4, .operand_msg = N_("give list and a case number, or save, a case number, "
	  "the attachment's number and a new file."), .run = cmd_case_attachment },
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

	{ .group = "event", .name = "add", .help = N_("organise an event; prints its id"),
	  .opts = event_add_opts, .json = true, .permit = true, .need = SD_ACT_EVENT_WRITE,
	  .run = cmd_event_add },
	{ .group = "event", .name = "edit", .help = N_("change fields of an event"),
	  .opts = event_edit_opts, EVENT_ID, .permit = true, .need = SD_ACT_EVENT_WRITE,
	  .run = cmd_event_edit },
	{ .group = "event", .name = "invite", .help = N_("invite enterprises to an event"),
	  .opts = no_opts, .operands = "ID NUM...", .min = 2, .max = CLI_MANY,
	  .operand_msg = N_("give the event id and at least one enterprise."), .permit = true,
	  .need = SD_ACT_EVENT_WRITE, .run = cmd_event_invite },
	{ .group = "event", .name = "register",
	  .help = N_("register an enterprise for an event (a platform: as a member)"),
	  .opts = event_register_opts, .operands = "ID NUM", .min = 2, .max = 2,
	  .operand_msg = N_("give the event id and one enterprise."), .permit = true,
	  .need = SD_ACT_EVENT_WRITE, .run = cmd_event_register },
	{ .group = "event", .name = "attend",
	  .help = N_("mark enterprises as attended, once the event started"), .opts = no_opts,
	  .operands = "ID NUM...", .min = 2, .max = CLI_MANY,
	  .operand_msg = N_("give the event id and at least one enterprise."), .permit = true,
	  .need = SD_ACT_EVENT_WRITE, .run = cmd_event_attend },
	{ .group = "event", .name = "list", .help = N_("list events by start time"),
	  .opts = event_list_opts, .json = true, .run = cmd_event_list },
	{ .group = "event", .name = "show",
	  .help = N_("show an event: invited, registered and attended enterprises"),
	  .opts = no_opts, .json = true, EVENT_ID, .run = cmd_event_show },
	{ .group = "event", .name = "export", .help = N_("the attendee list of an event"),
	  .opts = event_export_opts, EVENT_ID, .run = cmd_event_export },
	{ .group = "event", .name = "case",
	  .help = N_("a follow-up case from an event for one enterprise; prints its number"),
	  .opts = event_case_opts, .json = true, .operands = "ID NUM", .min = 2, .max = 2,
	  .operand_msg = N_("give the event id and one enterprise."), .permit = true,
	  .need = SD_ACT_CASE_CREATE, .run = cmd_event_case },
	{ .name = "ical",
	  .help = N_("events as an iCalendar file (RFC 5545) for the municipal calendar"),
	  .opts = ical_opts, .run = cmd_ical },
	{ .group = "opportunity", .name = "add",
	  .help = N_("record an opportunity to buy from social enterprises; prints its id"),
	  .opts = opp_add_opts, .json = true, .permit = true, .need = SD_ACT_OPP_WRITE,
	  .run = cmd_opportunity_add },
	{ .group = "opportunity", .name = "list",
	  .help = N_("list opportunities by deadline, with their value"), .opts = opp_list_opts,
	  .json = true, .run = cmd_opportunity_list },
	{ .group = "opportunity", .name = "show",
	  .help = N_("show an opportunity: lots, invitations, responses, awards, social return"),
	  .opts = no_opts, .json = true, OPP_ID, .run = cmd_opportunity_show },
	{ .group = "opportunity", .name = "edit",
	  .help = N_("change fields of an opportunity (an empty value clears)"),
	  .opts = opp_edit_opts, OPP_ID, .permit = true, .need = SD_ACT_OPP_WRITE,
	  .run = cmd_opportunity_edit },
	{ .group = "opportunity", .name = "close",
	  .help = N_("close an opportunity: no more responses"), .opts = opp_close_opts, OPP_ID,
	  .permit = true, .need = SD_ACT_OPP_WRITE, .run = cmd_opportunity_close },
	{ .group = "opportunity", .name = "match",
	  .help = N_("the register's enterprises ranked by fit, with their reasons"),
	  .opts = opp_match_opts, .json = true, OPP_ID, .run = cmd_opportunity_match },
	{ .group = "opportunity", .name = "invite",
	  .help = N_("invite enterprises: a contact moment (e-mail) each"), .opts = no_opts,
	  .operands = "ID NUM...", .min = 2, .max = CLI_MANY,
	  .operand_msg = N_("give the opportunity id and at least one enterprise."),
	  .permit = true, .need = SD_ACT_OPP_WRITE, .run = cmd_opportunity_invite },
	{ .group = "opportunity", .name = "respond",
	  .help = N_("record an enterprise's interest or bid"), .opts = opp_respond_opts,
	  .operands = "ID NUM", .min = 2, .max = 2,
	  .operand_msg = N_("give the opportunity id and one enterprise."), .permit = true,
	  .need = SD_ACT_OPP_WRITE, .run = cmd_opportunity_respond },
	{ .group = "opportunity", .name = "award",
	  .help = N_("record the award of the whole or a lot"), .opts = opp_award_opts, OPP_ID,
	  .permit = true, .need = SD_ACT_OPP_WRITE, .run = cmd_opportunity_award },
	{ .group = "opportunity", .name = "sroi",
	  .help = N_("report social return spent on an award"), .opts = opp_sroi_opts, OPP_ID,
	  .permit = true, .need = SD_ACT_OPP_WRITE, .run = cmd_opportunity_sroi },
	{ .group = "moment", .name = "add",
	  .help = N_("record or plan a contact moment; prints its id"), .opts = moment_add_opts,
	  .permit = true, .need = SD_ACT_MOMENT_WRITE, .run = cmd_moment_add },
	{ .group = "moment", .name = "list", .help = N_("list contact moments, newest first"),
	  .opts = moment_list_opts, .json = true, .run = cmd_moment_list },
	{ .group = "moment", .name = "show", .help = N_("show a contact moment with its report"),
	  .opts = no_opts, .json = true, MOMENT_ID, .run = cmd_moment_show },
	{ .group = "moment", .name = "edit",
	  .help = N_("change a contact moment (an empty value clears)"), .opts = moment_edit_opts,
	  MOMENT_ID, .permit = true, .need = SD_ACT_MOMENT_WRITE, .run = cmd_moment_edit },
	{ .group = "moment", .name = "done",
	  .help = N_("a planned contact moment took place, with its report"),
	  .opts = moment_done_opts, MOMENT_ID, .permit = true, .need = SD_ACT_MOMENT_DONE,
	  .run = cmd_moment_done },
	{ .group = "moment", .name = "case",
	  .help = N_("make a case from a contact moment; prints its number"),
	  .opts = moment_case_opts, MOMENT_ID, .permit = true, .need = SD_ACT_MOMENT_CASE,
	  .run = cmd_moment_case },

	/* accesslog: who looked (issue 17); the other privacy rows are privacy's. */
	{ .group = "privacy", .name = "log",
	  .help = N_("who opened which case, enterprise or contact moment, and when (admin, dpo)"),
	  .opts = privacy_log_opts, .json = true, .permit = true, .need = SD_ACT_PRIVACY_READ,
	  .run = cmd_privacy_log },

	/* Who sees which report, the core says (sd_report_permit). */
	{ .name = "report",
	  .help = N_("figures for managers and the council: departments, silos, recognition, "
	  "backlog, channels, spend, council"), .opts = report_opts, .json = true,
	  .operands = "NAME", .min = 1, .max = 1, .operand_msg = N_("give one report: "
	  "departments, silos, recognition, backlog, channels, spend or council."),
	  .run = cmd_report },

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
	/* mailgate: opens the desk itself, as [mail] gate_user, for the MTA's user only. */
	{ .name = "mailgate",
	  .help = N_("store one e-mail from standard input as a case or a note (for the MTA)"),
	  .opts = no_opts, .json = true, .desk = CLI_DESK_NONE, .run = cmd_mailgate },
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
	/* Outgoing mail (mailout); --deliver is anyone's (the core asks), the list the admin's. */
	{ .name = "outbox",
	  .help = N_("list the mail waiting, failing or sent; --deliver sends what is due"),
	  .opts = outbox_opts, .json = true, .permit = true, .need = SD_ACT_MAIL_DELIVER,
	  .run = cmd_outbox },
	{ .name = "digest",
	  .help = N_("send today's digest to departments and officers, once a day (admin)"),
	  .opts = no_opts, .json = true, .permit = true, .need = SD_ACT_OUTBOX,
	  .run = cmd_digest },

	/* Personal data (issue 17): the dpo reads, the administrator erases. */
	{ .group = "privacy", .name = "fields",
	  .help = N_("the register of personal data: each field, its purpose and retention "
	  "(admin, dpo)"), .opts = no_opts, .json = true, .permit = true,
	  .need = SD_ACT_PRIVACY_READ, .run = cmd_privacy_fields },
	{ .group = "privacy", .name = "export",
	  .help = N_("everything the desk holds about a person, as JSON and text (admin, dpo)"),
	  .opts = privacy_export_opts, .json = true, .permit = true,
	  .need = SD_ACT_PRIVACY_READ, .run = cmd_privacy_export },
	{ .group = "privacy", .name = "erase",
	  .help = N_("erase a person's data, keeping the figures; then compact (admin)"),
	  .opts = privacy_erase_opts, .json = true, .permit = true,
	  .need = SD_ACT_PRIVACY_WRITE, .run = cmd_privacy_erase },
	{ .group = "privacy", .name = "compact",
	  .help = N_("the compaction an erasure left pending, when nobody uses sedesk (admin)"),
	  .opts = no_opts, .json = true, .permit = true, .need = SD_ACT_PRIVACY_WRITE,
	  .run = cmd_privacy_compact },
	/* The core asks PRIVACY_WRITE unless --dry-run. */
	{ .group = "privacy", .name = "retention",
	  .help = N_("anonymise or destroy the closed cases past their category's retention "
	  "(admin; --dry-run: admin, dpo)"), .opts = privacy_retention_opts, .json = true,
	  .permit = true, .need = SD_ACT_PRIVACY_READ, .run = cmd_privacy_retention },

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
