/*
 * The command table: name, usage, one line of help, and the function.
 * `sedesk --help` and the man page's synopsis follow this table.
 */
#include <stddef.h>

#include "cli.h"
#include "sedesk/i18n.h"

const struct cli_command cli_commands[] = {
	{ NULL, "init", "", N_("create the database (safe to repeat)"), true, cmd_init },
	{ NULL, "departments", "[--json]", N_("list the configured departments"), false,
	  cmd_departments },
	{ NULL, "officers", "[--json]", N_("list the configured officers and roles"), false,
	  cmd_officers },
	{ NULL, "whoami", "[--json]", N_("show who you are to sedesk"), false, cmd_whoami },
	{ NULL, "inbox", "[--limit N] [--json]", N_("the cases that need you, most urgent first"),
	  false, cmd_inbox },
	{ "enterprise", "add", "--name N [--number KBO|KvK] [--legal-form F] [--email E] "
	  "[--phone P] [--street S] [--postcode P] [--city C] [--tags a,b] [--offers a,b] "
	  "[--contacts T] [--notes T]", N_("register an enterprise; prints its id"), false,
	  cmd_enterprise_add },
	{ "enterprise", "list", "[--tag T] [--limit N] [--json]",
	  N_("list enterprises by name"), false, cmd_enterprise_list },
	{ "enterprise", "show", "ID|NUMBER [--json]", N_("show an enterprise and its cases"),
	  false, cmd_enterprise_show },
	{ "enterprise", "edit", "ID|NUMBER [--FIELD VALUE]... [--expect-version V]",
	  N_("change fields of an enterprise (an empty value clears)"), false,
	  cmd_enterprise_edit },
	{ "enterprise", "import", "FILE.csv [--strict] [--encoding utf-8|latin1]",
	  N_("import enterprises from CSV with a header row of field names"), false,
	  cmd_enterprise_import },
	{ "case", "new", "--enterprise ID|NUMBER --subject S [--description TEXT | "
	  "--description-file F|-] [--category C] [--channel C] [--priority P]",
	  N_("register an enquiry; prints its number"), false, cmd_case_new },
	{ "case", "edit", "NUM [--subject S] [--description T | --description-file F] "
	  "[--category C] [--channel C] [--priority P] [--owner LOGIN] [--expect-version V]",
	  N_("change fields of a case"), false, cmd_case_edit },
	{ "case", "show", "NUM [--limit N] [--json]",
	  N_("show a case with its routes and journal"), false, cmd_case_show },
	{ "case", "list", "[--status S] [--dept D] [--enterprise ID|NUMBER] [--category C] "
	  "[--overdue] [--mine] [--limit N] [--json]", N_("list cases, newest first"), false,
	  cmd_case_list },
	{ "case", "suggest", "NUM [--json]", N_("departments the routing rules suggest"), false,
	  cmd_case_suggest },
	{ "case", "route", "NUM DEPT... [--note TEXT] [--expect-version V]",
	  N_("route a case to one or more departments"), false, cmd_case_route },
	{ "case", "pickup", "NUM --dept D [--expect-version V]",
	  N_("pick up your department's route"), false, cmd_case_pickup },
	{ "case", "answer", "NUM --dept D (--text TEXT | --text-file F|-) [--expect-version V]",
	  N_("answer your department's route"), false, cmd_case_answer },
	{ "case", "decline", "NUM --dept D --reason TEXT [--expect-version V]",
	  N_("decline your department's route, with the reason"), false, cmd_case_decline },
	{ "case", "note", "NUM (TEXT | --text-file F|-) [--expect-version V]",
	  N_("add a note to the journal"), false, cmd_case_note },
	{ "case", "wait", "NUM [--expect-version V]",
	  N_("mark the case as waiting on the enterprise"), false, cmd_case_wait },
	{ "case", "reopen", "NUM [--expect-version V]", N_("reopen a waiting or closed case"),
	  false, cmd_case_reopen },
	{ "case", "close", "NUM --resolution TEXT [--satisfaction 1-5] [--expect-version V]",
	  N_("close a case with its resolution"), false, cmd_case_close },
	{ NULL, "search", "WORDS... [--kind enterprise|case] [--limit N] [--json]",
	  N_("find enterprises and cases by words, names or numbers"), false, cmd_search },
	{ NULL, "reindex", "", N_("rebuild the search index from the records (admin)"), false,
	  cmd_reindex },
	{ NULL, "backup", "FILE", N_("write a consistent, compacted copy of the database (admin)"),
	  false, cmd_backup },
	{ NULL, "restore", "FILE",
	  N_("replace the database with a backup, when nobody uses it (admin)"), false,
	  cmd_restore },
	{ NULL, "check", "[--repair] [--json]",
	  N_("verify records and indexes; --repair rebuilds the indexes (admin)"), false,
	  cmd_check },
	{ NULL, NULL, NULL, NULL, false, NULL },
};
