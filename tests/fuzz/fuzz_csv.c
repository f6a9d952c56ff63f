/*
 * Fuzz target: `sedesk enterprise import` — the CSV reader
 * (sd_csv_read_enterprises) on the input as a file through fmemopen, then
 * the import of the rows it returns (sd_enterprise_import: field limits,
 * numbers, duplicates) into the fixture's database (fuzz.h) inside a
 * batch that is thrown away, so every input meets the same database.
 *
 * The file's shape alone (sd_csv_check_enterprises, the first pass of a
 * chunked import) must fail exactly as the whole reading does.
 *
 * Besides not crashing, what it hands on must be usable: every field it
 * keeps is UTF-8, rows come in file order with a line number,
 * and a failure or a rejected row says why in a message that is safe to
 * print (the file is outside input: its bytes must not reach a terminal
 * raw through a message either).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sedesk/import.h"
#include "store.h"
#include "sedesk/text.h"

struct rejects {
	size_t	 n;
	long	 last_line;
};

static void
on_reject(void *arg, long line, const char *why)
{
	struct rejects *r = arg;

	FZ_ASSERT(why != NULL && *why != '\0');
	FZ_MESSAGE(why);
	FZ_ASSERT(line >= 1);
	r->n++;
	r->last_line = line;
}

/* The rows into the database, in a batch that is aborted afterwards. */
static void
import(struct sd_import_rows *rows)
{
	struct sd_desk *d = fz_desk();
	struct rejects rej = { 0 };
	struct sd_error err = { 0 };
	size_t imported = 0, rejected = 0;
	sd_status s;

	if (sd_store_batch_begin(d->store, &err) != SD_OK)
		abort();
	s = sd_enterprise_import(d, rows->rows, rows->n, false, on_reject, &rej, &imported,
	    &rejected, &err);
	sd_store_batch_abort(d->store);
	if (s != SD_OK) {
		FZ_ASSERT(err.msg[0] != '\0');
		FZ_MESSAGE(err.msg);
		return;
	}
	FZ_ASSERT(rejected == rej.n);
	FZ_ASSERT(imported + rejected == rows->n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sd_import_rows rows;
	struct rejects rej = { 0 };
	struct sd_error err = { 0 };
	size_t rejected = 99;
	char *buf;
	FILE *f;
	sd_status s;

	/* A copy of exactly size bytes, so that reading past it is caught. */
	buf = sd_xmalloc(size > 0 ? size : 1);
	if (size > 0)
		memcpy(buf, data, size);
	if ((f = fmemopen(buf, size, "r")) == NULL) {
		free(buf);
		return 0;
	}
	s = sd_csv_read_enterprises(f, "fuzz.csv", &rows, on_reject, &rej, &rejected, &err);
	fclose(f);
	/*
	 * The first pass of a chunked import (sd_csv_check_enterprises) looks
	 * at no row: it must fail exactly when, and as, the whole reading does.
	 */
	if ((f = fmemopen(buf, size, "r")) != NULL) {
		struct sd_error cerr = { 0 };
		sd_status cs = sd_csv_check_enterprises(f, "fuzz.csv", false, &cerr);
		fclose(f);
		FZ_ASSERT(cs == s);
		FZ_ASSERT(s == SD_OK || strcmp(cerr.msg, err.msg) == 0);
	}
	free(buf);

	FZ_ASSERT(rejected == rej.n);
	if (s != SD_OK) {
		FZ_ASSERT(err.msg[0] != '\0');
		FZ_MESSAGE(err.msg);
		FZ_ASSERT(rows.n == 0 && rows.rows == NULL);
		return 0;
	}
	for (size_t i = 0; i < rows.n; i++) {
		/* Lines count '\n'; libcsv also ends records at a lone '\r'. */
		FZ_ASSERT(rows.rows[i].line >= 1);
		FZ_ASSERT(i == 0 || rows.rows[i].line >= rows.rows[i - 1].line);
		/*
		 * Fields are UTF-8.  (One that starts with a NUL byte comes out
		 * as "" rather than NULL: a NUL ends the copy; see the report.)
		 */
		for (int k = 0; k < SD_EF_COUNT; k++) {
			const char *v = rows.rows[i].f[k];
			if (v != NULL)
				FZ_ASSERT(sd_utf8_valid(v, strlen(v)));
		}
	}
	if (rows.n > 0)
		import(&rows);
	sd_import_rows_free(&rows);
	return 0;
}
