/*
 * sedesk privacy fields | export | erase | compact | retention: what the
 * desk holds about people, for the data protection officer (issue 17).
 * The core decides who may (sd_permit: PRIVACY_READ, PRIVACY_WRITE).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "sedesk/i18n.h"
#include "sedesk/privacy.h"
#include "sedesk/userfile.h"

int
cmd_privacy_fields(struct cli *cli, const struct cli_args *a)
{
	const struct sd_privacy_field *f;
	struct sd_error err;
	json_t *arr = NULL;
	size_t n;

	(void)a;
	if (sd_privacy_fields(&cli->desk, &f, &n, &err) != SD_OK)
		return cli_report(&err);
	if (cli->json)
		arr = json_array();
	for (size_t i = 0; i < n; i++) {
		if (arr != NULL) {
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:b, s:b}",
			    "record", f[i].record, "field", f[i].field,
			    "purpose", _(f[i].purpose), "retention", _(f[i].retention),
			    "staff", f[i].staff, "sole_proprietor", f[i].sole_proprietor));
			continue;
		}
		printf("%s %s%s\n", f[i].record, f[i].field,
		    f[i].staff ? _(" (staff)") :
		    f[i].sole_proprietor ? _(" (of a sole proprietor)") : "");
		cli_print_lines(4, "    %s: %s", _("purpose"), _(f[i].purpose));
		cli_print_lines(4, "    %s: %s", _("kept"), _(f[i].retention));
	}
	if (arr != NULL)
		cli_json_print(arr);
	return 0;
}
