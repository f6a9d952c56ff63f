/*
 * sedesk backup | restore
 */
#include <stdio.h>

#include "cli.h"
#include "sedesk/i18n.h"
#include "sedesk/ops.h"

int
cmd_backup(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	struct sd_error err;
	int i, rc;

	if ((i = cli_parse(cmd, argc, argv, NULL)) < 0)
		return SD_INVALID;
	if (argc - i != 1)
		return cli_usage(cmd, _("give the file to write the backup to."));
	if ((rc = cli_open(cli, false)) != 0)
		return rc;
	if (sd_backup(&cli->desk, argv[i], &err) != SD_OK)
		return cli_report(&err);
	if (!cli->json)
		printf(_("backup written: %s\n"), argv[i]);
	else
		cli_json_print(json_pack("{s:s}", "backup", argv[i]));
	return 0;
}

int
cmd_restore(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	struct sd_error err;
	int i;

	if ((i = cli_parse(cmd, argc, argv, NULL)) < 0)
		return SD_INVALID;
	if (argc - i != 1)
		return cli_usage(cmd, _("give the backup file to restore."));
	/* Without opening the store: nobody, this process included, may hold it. */
	cli->opts.no_store = true;
	if (sd_desk_open(&cli->desk, &cli->opts, &err) != SD_OK)
		return cli_report(&err);
	cli->desk_open = true;
	if (sd_permit(&cli->desk, SD_ACT_RESTORE, NULL, &err) != SD_OK)
		return cli_report(&err);
	if (sd_restore(cli->desk.db_dir, argv[i], &err) != SD_OK)
		return cli_report(&err);
	printf(_("restored %s into %s\n"), argv[i], cli->desk.db_dir);
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
cmd_check(struct cli *cli, const struct cli_command *cmd, int argc, char **argv)
{
	bool repair = false;
	struct cli_opt opts[] = { { "repair", false, NULL, &repair }, { 0 } };
	json_t *list = NULL;
	struct sd_error err;
	size_t problems;
	int i, rc;

	if ((i = cli_parse(cmd, argc, argv, opts)) < 0)
		return SD_INVALID;
	if (i != argc)
		return cli_usage(cmd, _("unexpected argument %s."), argv[i]);
	if ((rc = cli_open(cli, false)) != 0)
		return rc;
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
