/*
 * The personal-data statement of CSV and JSON exports in the command line
 * (export_notice.c; accesslog, issue 17).
 */
#ifndef SEDESK_CLI_EXPORT_NOTICE_H
#define SEDESK_CLI_EXPORT_NOTICE_H

#include <jansson.h>

#include "sedesk/export_notice.h"
#include "sedesk/report.h"
#include "sedesk/text.h"

/* The columns behind a report's tables, and an event's attendee list. */
const struct sd_export_column *cli_report_columns(enum sd_report_kind k);
extern const struct sd_export_column cli_attendee_cols[];

/* Puts the statement on top of out, a CSV or JSON export ("csv", "json"; else nothing). */
void	cli_export_notice(struct sd_buf *out, const char *fmt, const struct sd_export_column *cols);
/* Puts "personal_data" (and the fields, the notice) first in obj. */
void	cli_json_notice(json_t *obj, const struct sd_export_column *cols);

#endif
