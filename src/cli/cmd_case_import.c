/*
 * sedesk case import FILE.csv|FILE.jsonl [--skip-bad] [--format csv|jsonl]
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "sedesk/i18n.h"
#include "sedesk/import.h"
#include "sedesk/userfile.h"

struct bad_lines {
	const char	*file;
	json_t		*list;		/* --json: the lines and why; NULL: told on stderr */
};

static void
on_bad(void *arg, long line, const char *why)
{
	struct bad_lines *b = arg;
	char *safe;

	if (b->list != NULL) {
		json_array_append_new(b->list, json_pack("{s:I, s:s}", "line", (json_int_t)line,
		    "reason", why));
		return;
	}
	safe = cli_safe(why);
	fprintf(stderr, "sedesk: %s:%ld: %s\n", b->file, line, safe);
	free(safe);
}

int
cmd_case_import(struct cli *cli, const struct cli_args *a)
{
	const char *file = a->argv[0], *format = cli_opt(a, "format");
	bool skip_bad = cli_flag(a, "skip-bad");
	struct bad_lines bad = { file, NULL };
	struct sd_case_import_result res;
	struct sd_error err;
	enum sd_ci_format fmt;
	FILE *f;
	sd_status s;
	int rc;

	if (format != NULL) {
		if (strcmp(format, "csv") == 0)
			fmt = SD_CI_CSV;
		else if (strcmp(format, "jsonl") == 0)
			fmt = SD_CI_JSONL;
		else
			return cli_usage(a->cmd, _("--format %s: use csv or jsonl."), format);
	} else if (!sd_ci_format_of(file, &fmt)) {
		return cli_usage(a->cmd, _("%s: name a .csv or .jsonl file, or say --format csv|jsonl."),
		    file);
	}
	/* With the user's own rights: the group's files are not the user's to import. */
	if (sd_user_fopen(file, &f, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json)
		bad.list = json_array();
	s = sd_case_import(&cli->desk, f, file, fmt, skip_bad, on_bad, &bad, &res, &err);
	if (f != stdin)
		fclose(f);
	if (s != SD_OK) {
		/* The bad lines were the reason: --json lists them on stdout all the same. */
		if (bad.list != NULL && json_array_size(bad.list) > 0)
			cli_json_print(json_pack("{s:I, s:I, s:o}", "imported", (json_int_t)0,
			    "skipped", (json_int_t)0, "bad_lines", bad.list));
		else
			json_decref(bad.list);
		rc = cli_report(&err);
		if (res.committed_upto > 0)
			fprintf(stderr, _("sedesk: %s: only the cases being written were undone; "
			    "the cases up to line %ld were imported before them. Run the same "
			    "import again to continue after them.\n"), file, res.committed_upto);
		return rc;
	}
	if (res.already != 0) {
		char day[11];
		struct tm tm;
		localtime_r(&res.already, &tm);
		strftime(day, sizeof day, "%Y-%m-%d", &tm);
		if (cli->json) {
			cli_json_print(json_pack("{s:I, s:I, s:s, s:o}", "imported",
			    (json_int_t)res.imported, "skipped", (json_int_t)res.skipped,
			    "already_imported", day, "bad_lines", bad.list));
			return 0;
		}
		printf(_("%s was imported whole on %s (imported %zu cases); nothing was changed. "
		    "To import it again, change the file or touch it.\n"), file, day, res.imported);
		return 0;
	}
	if (cli->json) {
		cli_json_print(json_pack("{s:I, s:I, s:I, s:o}", "imported", (json_int_t)res.imported,
		    "skipped", (json_int_t)res.skipped, "resumed_after",
		    (json_int_t)res.resumed_after, "bad_lines", bad.list));
		return 0;
	}
	if (res.resumed_after > 0)
		fprintf(stderr, _("sedesk: %s: resumed after line %ld, where an earlier run "
		    "stopped; the counts are the whole file's.\n"), file, res.resumed_after);
	if (skip_bad)
		printf(_("imported %zu cases, skipped %zu lines\n"), res.imported, res.skipped);
	else
		printf(_("imported %zu cases\n"), res.imported);
	return 0;
}
