/*
 * Reading enterprises from CSV (a header row of field names, then one
 * enterprise per row), for `sedesk enterprise import`.
 */
#ifndef SEDESK_IMPORT_H
#define SEDESK_IMPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "enterprise.h"

/*
 * Called with each usable row as soon as it is read.  The row belongs
 * to the reader and is cleared after the call: take what you keep (or
 * move the strings out and NULL them).  A status other than SD_OK
 * stops the reading and is returned.
 */
typedef sd_status (*sd_import_row_fn)(void *arg, struct sd_import_row *row,
    struct sd_error *err);

/*
 * Parses the CSV in f (name is used in messages; latin1: the file is
 * ISO 8859-1, as many spreadsheets export it, and every line is
 * converted to UTF-8 first), handing each row to each.  Rows that cannot
 * be used (not UTF-8, too many fields) are reported through reject and
 * left out; a file that cannot be used at all (no or bad header,
 * malformed quoting) fails with SD_INVALID and "FILE:LINE: what" --
 * possibly after rows were handed on, so a caller that writes them does
 * so in a transaction it can abort.
 */
sd_status sd_csv_each_enterprise(FILE *f, const char *name, bool latin1, sd_import_row_fn each,
    void *each_arg, sd_reject_fn reject, void *arg, size_t *rejected, struct sd_error *err);
/*
 * Reads f whole as sd_csv_each_enterprise does and fails as it would on
 * a file that cannot be used at all, without copying or checking a row
 * (the first pass of a chunked import: about a tenth of the work).
 */
sd_status sd_csv_check_enterprises(FILE *f, const char *name, bool latin1,
    struct sd_error *err);

/*
 * The same reader for other records: the header's names must be among
 * cols->names (required, when not NULL, among them; help lists them for
 * messages); each record is handed on as cols->n values (NULL: empty or
 * no such column), which belong to the reader.
 */
struct sd_csv_columns {
	const char *const	*names;
	size_t			 n;
	const char		*required;
	const char		*help;
};
typedef sd_status (*sd_csv_record_fn)(void *arg, long line, char **values,
    struct sd_error *err);
sd_status sd_csv_each_record(FILE *f, const char *name, bool latin1,
    const struct sd_csv_columns *cols, sd_csv_record_fn each, void *each_arg,
    sd_reject_fn reject, void *arg, size_t *rejected, struct sd_error *err);

/*
 * `sedesk enterprise import`: the CSV in f added as it is read, one row
 * at a time (see sd_enterprise_import_file for the transactions).  A row that fails is reported through reject with its
 * line and skipped; with strict, any rejected row -- or a file that
 * cannot be read to its end -- makes the whole import change nothing.
 * *rejected counts both the rows the reader refused and those the
 * register refused.
 */
sd_status sd_enterprise_import_csv(struct sd_desk *d, FILE *f, const char *name, bool latin1,
    bool strict, sd_reject_fn reject, void *arg, size_t *imported, size_t *rejected,
    struct sd_error *err);

/* What an import did; a resumed job counts the whole job, earlier runs too. */
struct sd_import_result {
	size_t		imported, rejected;
	long		resumed_after;	/* a rerun: the line an earlier run committed; 0: none */
	long		committed_upto;	/* failed: the last line committed (a rerun resumes there) */
	unsigned long	chunks;		/* chunks committed by this run */
	time_t		already;	/* not 0: the same file was imported whole then; this
					   run did nothing (the counts are that run's) */
};

/*
 * sd_enterprise_import_csv with its result.  From a regular file without
 * strict, the rows are committed in chunks (the bulk write path,
 * src/core/bulk.h): memory stays flat, other users' writes get through
 * between chunks, and a run that was killed or failed (a full disk) has
 * committed a prefix of the file; running the same file again resumes
 * after it and completes, nothing lost or doubled.  A file that cannot be
 * read to its end (header, quoting) still changes nothing: a new job
 * reads it whole first.  A file imported whole is remembered (its size,
 * time and first bytes): the same file again does nothing and sets
 * res->already (its rows without a number would otherwise come twice).
 * With strict, or from a pipe: one transaction.
 */
sd_status sd_enterprise_import_file(struct sd_desk *d, FILE *f, const char *name, bool latin1,
    bool strict, sd_reject_fn reject, void *arg, struct sd_import_result *res,
    struct sd_error *err);

/* --- case import: a history of enquiries (case_import*.c) ----------------------- */

/*
 * One enquiry as read from the file, every field the file's text (NULL:
 * empty or absent).  A CSV file names these columns in its header; a
 * JSONL file has one object a line with the same keys and "routes": an
 * array of objects with the keys of a route.  In CSV the routes are the
 * numbered columns dept1, state1, routed1, answer1, answered1 … up to 8.
 */
#define SD_CI_ROUTES	8
struct sd_ci_route {
	const char	*dept, *state, *routed, *answer, *answered;
};
struct sd_ci_record {
	long		 line;
	const char	*created, *enterprise, *subject, *description, *category, *channel,
			*priority, *status, *closed, *resolution, *satisfaction, *own_view;
	struct sd_ci_route routes[SD_CI_ROUTES];
};
enum sd_ci_format { SD_CI_CSV, SD_CI_JSONL };

/* The format a file's name says (".csv", ".jsonl", ".ndjson"); false: none. */
bool	sd_ci_format_of(const char *name, enum sd_ci_format *out);

typedef sd_status (*sd_ci_record_fn)(void *arg, const struct sd_ci_record *rec,
    struct sd_error *err);
/*
 * Reads the records of f, handing each on (the record and its strings
 * belong to the reader).  A line that cannot be read as a record (not
 * UTF-8, not a JSON object, an unknown key, a value of the wrong kind) is
 * reported through reject and counted in *rejected; a file that cannot
 * be used at all (no header, an unknown column, a quote left open) fails
 * with SD_INVALID and "FILE:LINE: what".
 */
sd_status sd_case_import_each(FILE *f, const char *name, enum sd_ci_format fmt,
    sd_ci_record_fn each, void *arg, sd_reject_fn reject, void *rarg, size_t *rejected,
    struct sd_error *err);

struct sd_case_import_result {
	size_t		imported, skipped;
	long		resumed_after;	/* a rerun: the line an earlier run committed; 0: none */
	long		committed_upto;	/* failed after chunks: the last line committed */
	time_t		already;	/* not 0: the same file was imported whole then; this
					   run did nothing (the counts are that run's) */
};

/*
 * `sedesk case import`: checks every record of the file first (the
 * workflow's rules: an enterprise that exists, by number, id or exact
 * name; departments that exist; a closed case has a resolution; dates
 * in order; scores 1-5 on closed cases), reporting each bad line through
 * reject.  Without skip_bad, one bad line and nothing is written
 * (SD_INVALID).  Then writes the cases on the bulk path (src/core/bulk.h):
 * the record, its routes, indexes and search terms once, and journal
 * entries with the history's dates and one saying it was imported from
 * the file's line; in chunks, resumable by a rerun of the same file.
 * The caller needs the right to create cases and to import (enterprise
 * write).
 */
sd_status sd_case_import(struct sd_desk *d, FILE *f, const char *name, enum sd_ci_format fmt,
    bool skip_bad, sd_reject_fn reject, void *arg, struct sd_case_import_result *res,
    struct sd_error *err);

/* The whole file as an array: for tests and tools that look at the rows. */
struct sd_import_rows {
	struct sd_import_row	*rows;
	size_t			 n;
};

sd_status sd_csv_read_enterprises(FILE *f, const char *name, struct sd_import_rows *out,
    sd_reject_fn reject, void *arg, size_t *rejected, struct sd_error *err);
void	sd_import_rows_free(struct sd_import_rows *r);

sd_status sd_csv_read_enterprises_latin1(FILE *f, const char *name, struct sd_import_rows *out,
    sd_reject_fn reject, void *arg, size_t *rejected, struct sd_error *err);

#endif
