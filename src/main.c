/*
 * sedesk: the desk of a municipality's contact point for social
 * enterprises.  With a command it runs the command line; without one, on
 * a terminal, the full-screen interface.  This is the one place that
 * chooses between the two: neither front end calls the other.
 */
#include "cli/cli.h"
#include "sedesk/config.h"
#include "sedesk/i18n.h"
#include "sedesk/userfile.h"
#include "tui/tui.h"

int
main(int argc, char **argv)
{
	struct cli cli = { 0 };
	int rc;

	/*
	 * Under setgid, the caller's environment is not trusted, and the files
	 * the program makes (the database, its lock) must stay usable by every
	 * member of the group, whatever umask the caller has.
	 */
	sd_umask_init();
	sd_sanitize_env();
	sd_i18n_init(NULL);
	/* The global options (-c, --db) also choose the interface's desk. */
	if ((rc = cli_globals(&cli, &argc, argv)) != 0)
		return rc;
	/*
	 * Every message in the configured language from the first one on:
	 * the language is read before the options, the rest of the file
	 * and the database (a -c without a value is said in the
	 * environment's, as nothing else is known yet).
	 */
	cli_language(&cli);
	if (!cli_wants_interface(&cli, argc))
		return cli_main(&cli, argc, argv);
	if ((rc = cli_open(&cli, CLI_DESK_OPEN)) != 0)
		return rc;
	rc = tui_main(&cli.desk);
	cli_close(&cli);
	return rc;
}
