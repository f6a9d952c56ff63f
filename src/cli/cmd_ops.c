/*
 * sedesk backup | restore
 */
#include <stdio.h>

#include "cli.h"
#include "sedesk/i18n.h"
#include "sedesk/ops.h"

int
cmd_backup(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;

	if (sd_backup(&cli->desk, a->argv[0], &err) != SD_OK)
		return cli_report(&err);
	if (!cli->json)
		printf(_("backup written: %s\n"), a->argv[0]);
	else
		cli_json_print(json_pack("{s:s}", "backup", a->argv[0]));
	return 0;
}

/* The desk is open without its store (the table says so): nobody may hold it. */
int
cmd_restore(struct cli *cli, const struct cli_args *a)
{
	struct sd_error err;

	if (sd_restore(&cli->desk, a->argv[0], &err) != SD_OK)
		return cli_report(&err);
	printf(_("restored %s into %s\n"), a->argv[0], cli->desk.db_dir);
	return 0;
}

static void
print_problem(void *arg, const char *what)
{
	json_t *list = arg;

	if (list != NULL)
		json_array_append_new(list, cli_jstr(what));
	else
		cli_printf("%s", what);
}

int
cmd_check(struct cli *cli, const struct cli_args *a)
{
	bool repair = cli_flag(a, "repair");
	json_t *list = NULL;
	struct sd_error err;
	size_t problems;

	if (cli->json)
		list = json_array();
	if (sd_check(&cli->desk, repair, print_problem, list, &problems, &err) != SD_OK) {
		json_decref(list);
		return cli_report(&err);
	}
	if (cli->json) {
		cli_json_print(json_pack("{s:o, s:b}", "problems", list, "repaired",
		    repair && problems > 0));
	} else if (problems == 0) {
		printf(_("no problems found.\n"));
	} else if (repair) {
		printf(_("%zu problems found; the indexes were rebuilt from the records.\n"),
		    problems);
	} else {
		printf(_("%zu problems found; `sedesk check --repair` rebuilds the indexes from "
		    "the records.\n"), problems);
	}
	/* A repaired database is fine now; a checked one with problems is not. */
	return problems > 0 && !repair ? SD_FAIL : 0;
}
