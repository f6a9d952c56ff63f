/*
 * The council's report: every report of a period in one document, and
 * the same tables as one self-contained HTML page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report_out.h"
#include "sedesk/i18n.h"

int
report_council(struct cli *cli, const struct sd_report_filter *f, const char *fmt,
    struct sd_buf *out)
{
	(void)cli; (void)f; (void)fmt; (void)out;
	return 2;
}

void
report_html(const struct sd_desk *d, const struct rdoc *doc, const char *intro,
    struct sd_buf *out)
{
	(void)d; (void)doc; (void)intro; (void)out;
}
