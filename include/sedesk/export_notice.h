/*
 * Minimal by default (issue 17): a list exported as CSV or JSON says at
 * its top that it holds personal data when it does.  Whether it does
 * follows from the field tables: each export declares the record fields
 * its columns show, and a column whose field is marked SD_FF_PERSONAL
 * (sedesk/fields.h) makes the whole list personal.  A field flagged
 * later makes the lists that show it say so without another change.
 */
#ifndef SEDESK_EXPORT_NOTICE_H
#define SEDESK_EXPORT_NOTICE_H

#include <stdbool.h>
#include <stddef.h>

#include "fields.h"

/* A column of an exported list: the record field it shows. */
struct sd_export_column {
	enum sd_record_kind kind;
	const char	*field;		/* stable name; NULL ends the list */
};

/* Whether any column (up to the one with field NULL) shows a personal field. */
bool	sd_export_personal(const struct sd_export_column *cols);
/*
 * The personal columns as "record.field" (e.g. "route.answer"), comma
 * separated, into out (always NUL-terminated); the number of them.
 */
size_t	sd_export_personal_names(const struct sd_export_column *cols, char *out, size_t size);
/* A record kind's stable name ("enterprise", "case", "route", …). */
const char *sd_record_kind_name(enum sd_record_kind kind);

#endif
