/*
 * Reading enterprises from CSV (a header row of field names, then one
 * enterprise per row), for `sedesk enterprise import`.
 */
#ifndef SEDESK_IMPORT_H
#define SEDESK_IMPORT_H

#include <stdio.h>

#include "enterprise.h"

struct sd_import_rows {
	struct sd_import_row	*rows;
	size_t			 n;
};

/*
 * Parses the CSV in f (name is used in messages).  Rows that cannot be
 * used (not UTF-8, too many fields) are reported through reject and
 * left out; a file that cannot be used at all (no or bad header,
 * malformed quoting) fails with SD_INVALID and "FILE:LINE: what".
 */
sd_status sd_csv_read_enterprises(FILE *f, const char *name, struct sd_import_rows *out,
    sd_reject_fn reject, void *arg, size_t *rejected, struct sd_error *err);
void	sd_import_rows_free(struct sd_import_rows *r);

/*
 * The same, for a file in Latin-1 (ISO 8859-1, what many spreadsheets
 * export): every line is converted to UTF-8 before it is read.
 */
sd_status sd_csv_read_enterprises_latin1(FILE *f, const char *name, struct sd_import_rows *out,
    sd_reject_fn reject, void *arg, size_t *rejected, struct sd_error *err);

#endif
