/*
 * The KBO open data extract (Crossroads Bank for Enterprises): its files
 * in their published layout, read as a stream, and `sedesk enterprise
 * import-kbo`.
 *
 * Layout (FOD Economie, "Cookbook KBO Open data" R018): one CSV per kind
 * of row, a header row of column names, ',' between fields, text in
 * double quotes (a quote doubled inside), dates dd-mm-yyyy unquoted, an
 * empty value is the next ',' at once.  A full delivery has FILE.csv; an
 * update delivery FILE_delete.csv (the key column only: every row of
 * that entity in FILE goes) and FILE_insert.csv (the full layout: the
 * entity's new rows), applied deletes first.  code.csv (descriptions of
 * every code in NL, FR and sometimes DE) and meta.csv always come whole.
 * The files are not promised to be sorted: nothing here relies on it.
 */
#ifndef SEDESK_KBO_H
#define SEDESK_KBO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sedesk/date.h"
#include "sedesk/desk.h"
#include "sedesk/status.h"

enum sd_kbo_file {
	SD_KBO_META,
	SD_KBO_CODE,
	SD_KBO_ENTERPRISE,
	SD_KBO_ESTABLISHMENT,
	SD_KBO_DENOMINATION,
	SD_KBO_ADDRESS,
	SD_KBO_CONTACT,
	SD_KBO_ACTIVITY,
	SD_KBO_BRANCH,
	SD_KBO_NFILES
};

/* Columns of each file, in their order. */
enum { KBO_META_VARIABLE, KBO_META_VALUE };
enum { KBO_CODE_CATEGORY, KBO_CODE_CODE, KBO_CODE_LANGUAGE, KBO_CODE_DESCRIPTION };
enum { KBO_ENT_NUMBER, KBO_ENT_STATUS, KBO_ENT_SITUATION, KBO_ENT_TYPE, KBO_ENT_FORM,
	KBO_ENT_FORM_CAC, KBO_ENT_START };
enum { KBO_EST_NUMBER, KBO_EST_START, KBO_EST_ENTERPRISE };
enum { KBO_DEN_ENTITY, KBO_DEN_LANGUAGE, KBO_DEN_TYPE, KBO_DEN_NAME };
enum { KBO_ADR_ENTITY, KBO_ADR_TYPE, KBO_ADR_COUNTRY_NL, KBO_ADR_COUNTRY_FR, KBO_ADR_ZIPCODE,
	KBO_ADR_MUNICIPALITY_NL, KBO_ADR_MUNICIPALITY_FR, KBO_ADR_STREET_NL, KBO_ADR_STREET_FR,
	KBO_ADR_HOUSE, KBO_ADR_BOX, KBO_ADR_EXTRA, KBO_ADR_STRUCK_OFF };
enum { KBO_CON_ENTITY, KBO_CON_ENTITY_KIND, KBO_CON_TYPE, KBO_CON_VALUE };
enum { KBO_ACT_ENTITY, KBO_ACT_GROUP, KBO_ACT_VERSION, KBO_ACT_CODE, KBO_ACT_CLASS };
enum { KBO_BRA_ID, KBO_BRA_START, KBO_BRA_ENTERPRISE };

#define SD_KBO_MAX_COLUMNS 13

/* The file's name without extension ("enterprise"), and its columns. */
const char *sd_kbo_file_name(enum sd_kbo_file f);
size_t	sd_kbo_columns(enum sd_kbo_file f, const char *const **names);

/* One row as read: the fields unquoted, valid until the next read. */
struct sd_kbo_row {
	long		 line;		/* where it started in the file */
	size_t		 n;		/* columns: the file's, or 1 for a delete file */
	const char	*f[SD_KBO_MAX_COLUMNS];	/* "" when empty */
};

/*
 * A reader of one file, as a stream: one line (or a quoted field's
 * lines) in memory at a time.  deletes: a *_delete.csv (one key column).
 * Fails with SD_INVALID and "NAME:1: ..." when the header is not the
 * file's.
 */
struct sd_kbo_reader;
sd_status sd_kbo_open(FILE *f, const char *name, enum sd_kbo_file kind, bool deletes,
    struct sd_kbo_reader **out, struct sd_error *err);
/*
 * The next row: SD_OK, SD_NOTFOUND at the end, SD_INVALID for a row that
 * cannot be used (wrong number of fields, a quote not closed, not UTF-8):
 * the message says "NAME:LINE: why" and the next call reads on after it.
 * SD_FAIL when the file cannot be read.
 */
sd_status sd_kbo_next(struct sd_kbo_reader *r, struct sd_kbo_row *row, struct sd_error *err);
/*
 * Rows whose first field is a number keep() refuses are passed over
 * before they are checked or split (a reader that wants only some
 * entities' rows, on a file it has read whole before); NULL: every row.
 */
void	sd_kbo_set_keep(struct sd_kbo_reader *r, bool (*keep)(void *arg, uint64_t entity),
	    void *arg);
/* Bytes read so far (for progress). */
uint64_t sd_kbo_offset(const struct sd_kbo_reader *r);
void	sd_kbo_close(struct sd_kbo_reader *r);

/*
 * Numbers: an enterprise number "0200.065.765" (10 digits, dots
 * optional) or an establishment number "2.000.000.339" as an integer;
 * false when it is not 10 digits.
 */
bool	sd_kbo_number(const char *s, uint64_t *out);
/* The enterprise number's one spelling in sedesk ("0200.065.765"), from the integer. */
void	sd_kbo_number_format(uint64_t n, bool establishment, char out[16]);
/* "09-08-1960" as a day; false when it is not a date dd-mm-yyyy. */
bool	sd_kbo_date(const char *s, sd_day *out);

/*
 * code.csv: the description of a code of a category in a language
 * ("NL", "FR"), the other language when it has none, any language last;
 * NULL when the extract does not describe it (never made up).
 */
struct sd_kbo_codes;
sd_status sd_kbo_codes_read(struct sd_kbo_reader *r, struct sd_kbo_codes **out,
    size_t *bad_rows, struct sd_error *err);
const char *sd_kbo_code(const struct sd_kbo_codes *c, const char *category, const char *code,
    const char *lang);
size_t	sd_kbo_codes_count(const struct sd_kbo_codes *c);
void	sd_kbo_codes_free(struct sd_kbo_codes *c);

/* --- the import ------------------------------------------------------------------ */

struct sd_kbo_options {
	const char	*const *postcodes;	/* kept places, by postcode */
	size_t		 npostcodes;
	const char	*const *nace;		/* NACE code prefixes ("88", "81.2") */
	size_t		 nnace;
	const char	*const *forms;		/* juridical form codes ("116") */
	size_t		 nforms;
	bool		 dry_run;
	/* Progress, about once a second (may be NULL). */
	void		(*progress)(void *arg, const char *stage, uint64_t rows,
			    uint64_t done_bytes, uint64_t total_bytes);
	void		*progress_arg;
	/* Each skipped enterprise or row with its reason (may be NULL). */
	void		(*skip)(void *arg, const char *what, const char *why);
	void		*skip_arg;
};

enum sd_kbo_skip {
	SD_KBO_SKIP_PLACE,	/* neither seat nor establishment in the places */
	SD_KBO_SKIP_NACE,	/* no activity with the NACE prefixes */
	SD_KBO_SKIP_FORM,	/* another juridical form */
	SD_KBO_SKIP_NONAME,	/* no denomination */
	SD_KBO_SKIP_NOROW,	/* named by other files, not in enterprise.csv */
	SD_KBO_SKIP_BADROW,	/* a row that could not be read */
	SD_KBO_SKIP_INVALID,	/* refused by the register (its message reported) */
	SD_KBO_SKIP_COUNT
};

struct sd_kbo_report {
	bool		 update;		/* an update delivery */
	char		 snapshot[11];		/* meta.csv's SnapshotDate, yyyy-mm-dd */
	char		 extract[16];		/* its ExtractNumber */
	uint64_t	 enterprises;		/* in the extract (full) or delivered (update) */
	uint64_t	 kept;			/* chosen by the filters */
	uint64_t	 added, updated, unchanged, ceased;
	uint64_t	 skipped[SD_KBO_SKIP_COUNT];
	uint64_t	 rows;			/* rows read over all files */
	bool		 resumed;		/* continued an import that stopped */
	/* enterprise.csv had rows that could not be read: none was marked ceased. */
	bool		 ceased_withheld;
	uint64_t	 partitions;		/* passes over the files (memory bound) */
	uint64_t	 heap_peak;		/* bytes of heap in use at most (sampled) */
};

/*
 * Imports the extract in dir (a full or an update delivery): see
 * sedesk(1), "KBO open data".
 */
sd_status sd_kbo_import(struct sd_desk *d, const char *dir, const struct sd_kbo_options *o,
    struct sd_kbo_report *rep, struct sd_error *err);

/*
 * Adds the postcodes of a municipality, by its Dutch or French name
 * (accents and case ignored; the compiled-in list of share/kbo), to
 * *out (n of them, malloc'd strings); SD_INVALID naming it when there
 * is no such municipality.
 */
sd_status sd_kbo_municipality_postcodes(const char *name, char ***out, size_t *n,
    struct sd_error *err);

#endif
