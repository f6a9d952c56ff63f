/*
 * sedesk: the desk of a municipality's contact point for social
 * enterprises.  With a command it runs the CLI; without one, on a
 * terminal, the full-screen interface.
 */
#include "sedesk/config.h"
#include "sedesk/i18n.h"

int	cli_main(int argc, char **argv);

int
main(int argc, char **argv)
{
	/* Under setgid, the caller's environment is not trusted. */
	sd_sanitize_env();
	sd_i18n_init(NULL);
	return cli_main(argc, argv);
}
