/*
 * sedesk: the desk of a municipality's contact point for social
 * enterprises.  With a command it runs the CLI; without one, on a
 * terminal, the full-screen interface.
 */
#include "sedesk/config.h"
#include "sedesk/i18n.h"
#include "sedesk/userfile.h"

int	cli_main(int argc, char **argv);

int
main(int argc, char **argv)
{
	/*
	 * Under setgid, the caller's environment is not trusted, and the files
	 * the program makes (the database, its lock) must stay usable by every
	 * member of the group, whatever umask the caller has.
	 */
	sd_umask_init();
	sd_sanitize_env();
	sd_i18n_init(NULL);
	return cli_main(argc, argv);
}
