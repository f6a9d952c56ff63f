/*
 * CSV to enterprise rows, with libcsv doing the quoting rules (quotes,
 * doubled quotes, embedded commas and newlines).
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/import.h"
#include "sedesk/text.h"

#define MAX_COLUMNS 64

struct reader {
	const char		*name;
	int			 column_field[MAX_COLUMNS];	/* -1: not a field */
	size_t			 ncolumns;
	bool			 header_done;
	bool			 between_records;
	bool			 record_pending;	/* the next non-blank line starts a record */
	long			 line, record_line;
	size_t			 col;		/* current column in the record */
	struct sd_import_row	 row;
	bool			 row_bad;
	char			 why[256];
	sd_import_row_fn	 each;
	void			*each_arg;
	sd_reject_fn		 reject;
	void			*arg;
	size_t			*rejected;
	sd_status		 status;
	struct sd_error		*err;
	/* The generic form (sd_csv_each_record): columns named by the caller. */
	const struct sd_csv_columns *cols;
	char			**vals;		/* cols->n values of the record */
	sd_csv_record_fn	 each_rec;
	/* The file's shape only (sd_csv_check_enterprises): rows are not looked at. */
	bool			 check_only;
};

static void
row_clear(struct sd_import_row *row)
{
	for (int i = 0; i < SD_EF_COUNT; i++)
		free(row->f[i]);
	memset(row, 0, sizeof *row);
}

static int
column_of(const struct sd_csv_columns *cols, const char *name)
{
	for (size_t i = 0; i < cols->n; i++)
		if (strcmp(cols->names[i], name) == 0)
			return (int)i;
	return -1;
}

static void
vals_clear(struct reader *r)
{
	if (r->vals == NULL)
		return;
	for (size_t i = 0; i < r->cols->n; i++) {
		free(r->vals[i]);
		r->vals[i] = NULL;
	}
}

static void
header_field(struct reader *r, const char *s, size_t n)
{
	char *name = sd_xstrndup(s, n);
	int f;

	sd_trim(name);
	f = r->cols != NULL ? column_of(r->cols, name) : sd_ent_field_parse(name);
	if (r->ncolumns == MAX_COLUMNS) {
		if (r->status == SD_OK)
			r->status = sd_fail(r->err, SD_INVALID, _("%s:%ld: more than %d columns."),
			    r->name, r->record_line, MAX_COLUMNS);
	} else if (f < 0 && r->cols != NULL) {
		if (r->status == SD_OK)
			r->status = sd_fail(r->err, SD_INVALID,
			    _("%s:%ld: unknown column \"%s\"; the header names fields: %s."),
			    r->name, r->record_line, name, r->cols->help);
	} else if (f < 0) {
		if (r->status == SD_OK)
			r->status = sd_fail(r->err, SD_INVALID,
			    _("%s:%ld: unknown column \"%s\"; the header names fields: "
			    "name, number, legal_form, email, phone, street, postcode, city, "
			    "tags, offers, contacts, notes."), r->name, r->record_line, name);
	} else {
		for (size_t i = 0; i < r->ncolumns; i++) {
			if (r->column_field[i] == f && r->status == SD_OK)
				r->status = sd_fail(r->err, SD_INVALID,
				    _("%s:%ld: column \"%s\" appears twice."), r->name,
				    r->record_line, name);
		}
		r->column_field[r->ncolumns++] = f;
	}
	free(name);
}

static void
on_field(void *s, size_t n, void *data)
{
	struct reader *r = data;

	if (r->between_records) {
		r->between_records = false;
		r->col = 0;
	}
	if (!r->header_done) {
		/* A UTF-8 byte-order mark from a spreadsheet is not part of the name. */
		if (r->col == 0 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s = (char *)s + 3;
			n -= 3;
		}
		header_field(r, s, n);
	} else if (r->check_only) {
		/* Nothing of a row can make the file unusable: not copied, not checked. */
	} else if (r->col >= r->ncolumns) {
		if (!r->row_bad)
			snprintf(r->why, sizeof r->why, _("more fields than the header has (%zu)."),
			    r->ncolumns);
		r->row_bad = true;
	} else if (!sd_utf8_valid(s, n)) {
		if (!r->row_bad)
			snprintf(r->why, sizeof r->why,
			    _("column %s is not UTF-8 text (a Latin-1 export from a spreadsheet? "
			    "import it with --encoding latin1)."),
			    r->cols != NULL ? r->cols->names[r->column_field[r->col]] :
			    sd_ent_field_name(r->column_field[r->col]));
		r->row_bad = true;
	} else if (n > 0 && r->cols != NULL) {
		int f = r->column_field[r->col];
		free(r->vals[f]);
		r->vals[f] = sd_xstrndup(s, n);
	} else if (n > 0) {
		int f = r->column_field[r->col];
		free(r->row.f[f]);
		r->row.f[f] = sd_xstrndup(s, n);
	}
	r->col++;
}

static void
on_record(int c, void *data)
{
	struct reader *r = data;

	(void)c;
	if (r->between_records)
		return;		/* an empty line */
	r->between_records = true;
	r->record_pending = true;
	if (!r->header_done) {
		bool has_name = false;
		r->header_done = true;
		for (size_t i = 0; i < r->ncolumns; i++)
			has_name |= r->cols != NULL ? r->cols->required == NULL ||
			    strcmp(r->cols->names[r->column_field[i]], r->cols->required) == 0 :
			    r->column_field[i] == SD_EF_NAME;
		if (!has_name && r->status == SD_OK && r->cols != NULL)
			r->status = sd_fail(r->err, SD_INVALID,
			    _("%s:%ld: the header has no \"%s\" column; the first row must "
			    "name the fields: %s."), r->name, r->record_line, r->cols->required,
			    r->cols->help);
		else if (!has_name && r->status == SD_OK)
			r->status = sd_fail(r->err, SD_INVALID,
			    _("%s:%ld: the header has no \"name\" column; the first row must "
			    "name the fields, e.g. name,number,city."), r->name, r->record_line);
		return;
	}
	if (r->check_only)
		return;
	if (r->row_bad) {
		(*r->rejected)++;
		if (r->reject != NULL)
			r->reject(r->arg, r->record_line, r->why);
		row_clear(&r->row);
		vals_clear(r);
		r->row_bad = false;
		return;
	}
	if (r->cols != NULL) {
		if (r->status == SD_OK)
			r->status = r->each_rec(r->each_arg, r->record_line, r->vals, r->err);
		vals_clear(r);
		return;
	}
	/* Handed on and dropped: the reader keeps no row, whatever the file's size. */
	r->row.line = r->record_line;
	if (r->status == SD_OK)
		r->status = r->each(r->each_arg, &r->row, r->err);
	row_clear(&r->row);
}

/* Latin-1 bytes are code points: 0x80–0xFF become two UTF-8 bytes. */
static void
latin1_to_utf8(const char *in, size_t n, struct sd_buf *out)
{
	sd_buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];
		if (c < 0x80) {
			sd_buf_add(out, &in[i], 1);
		} else {
			char two[2] = { (char)(0xc0 | (c >> 6)), (char)(0x80 | (c & 0x3f)) };
			sd_buf_add(out, two, 2);
		}
	}
}

static sd_status read_csv(struct reader *r0, FILE *f, const char *name, bool latin1,
    void *each_arg, sd_reject_fn reject, void *arg, size_t *rejected, struct sd_error *err);

sd_status
sd_csv_each_enterprise(FILE *f, const char *name, bool latin1, sd_import_row_fn each,
    void *each_arg, sd_reject_fn reject, void *arg, size_t *rejected, struct sd_error *err)
{
	struct reader r = { 0 };

	r.each = each;
	return read_csv(&r, f, name, latin1, each_arg, reject, arg, rejected, err);
}

sd_status
sd_csv_check_enterprises(FILE *f, const char *name, bool latin1, struct sd_error *err)
{
	struct reader r = { 0 };
	size_t rejected;

	r.check_only = true;
	return read_csv(&r, f, name, latin1, NULL, NULL, NULL, &rejected, err);
}

sd_status
sd_csv_each_record(FILE *f, const char *name, bool latin1, const struct sd_csv_columns *cols,
    sd_csv_record_fn each, void *each_arg, sd_reject_fn reject, void *arg, size_t *rejected,
    struct sd_error *err)
{
	struct reader r = { 0 };
	sd_status s;

	r.cols = cols;
	r.each_rec = each;
	r.vals = sd_xcalloc(cols->n, sizeof *r.vals);
	s = read_csv(&r, f, name, latin1, each_arg, reject, arg, rejected, err);
	vals_clear(&r);
	free(r.vals);
	return s;
}

static sd_status
read_csv(struct reader *r0, FILE *f, const char *name, bool latin1, void *each_arg,
    sd_reject_fn reject, void *arg, size_t *rejected, struct sd_error *err)
{
	struct sd_buf conv = { 0 };
	struct reader r = *r0;
	struct csv_parser p;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	*rejected = 0;
	r.name = name;
	r.between_records = true;
	r.record_pending = true;
	r.each_arg = each_arg;
	r.reject = reject;
	r.arg = arg;
	r.rejected = rejected;
	r.err = err;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return sd_fail(err, SD_FAIL, _("cannot start the CSV reader."));
	/* Line by line, so that every row knows the line it started on. */
	while (r.status == SD_OK && (len = getline(&line, &cap, f)) > 0) {
		r.line++;
		/*
		 * A record starts on the first non-blank line after the last
		 * one ended, even when its first field spans lines (libcsv
		 * reports a field only when it ends).
		 */
		if (r.record_pending && strspn(line, "\r\n") != (size_t)len) {
			r.record_line = r.line;
			r.record_pending = false;
		}
		const char *feed = line;
		size_t flen = (size_t)len;
		if (latin1) {
			latin1_to_utf8(line, flen, &conv);
			feed = conv.data;
			flen = conv.len;
		}
		if (csv_parse(&p, feed, flen, on_field, on_record, &r) != flen && r.status == SD_OK) {
			r.status = sd_fail(err, SD_INVALID, _("%s:%ld: %s (check the quotes)."),
			    name, r.line, csv_strerror(csv_error(&p)));
		}
	}
	if (r.status == SD_OK && ferror(f))
		r.status = sd_fail(err, SD_FAIL, _("%s: read error."), name);
	if (r.status == SD_OK && csv_fini(&p, on_field, on_record, &r) != 0)
		r.status = sd_fail(err, SD_INVALID,
		    _("%s:%ld: the file ends inside a quoted field (check the quotes)."),
		    name, r.record_line);
	if (r.status == SD_OK && !r.header_done)
		r.status = sd_fail(err, SD_INVALID, _("%s: the file is empty; it needs a header row."),
		    name);
	csv_free(&p);
	free(line);
	sd_buf_free(&conv);
	row_clear(&r.row);
	*r0 = r;
	return r.status;
}

/* The array form, for tests and tools that look at the rows themselves. */
static sd_status
collect(void *arg, struct sd_import_row *row, struct sd_error *err)
{
	struct sd_import_rows *out = arg;

	(void)err;
	if ((out->n & (out->n - 1)) == 0)	/* 0, 1, 2, 4, …: double */
		out->rows = sd_xrealloc(out->rows, (out->n ? out->n * 2 : 1) * sizeof *out->rows);
	out->rows[out->n++] = *row;
	memset(row, 0, sizeof *row);
	return SD_OK;
}

static sd_status
read_all(FILE *f, const char *name, bool latin1, struct sd_import_rows *out,
    sd_reject_fn reject, void *arg, size_t *rejected, struct sd_error *err)
{
	sd_status s;

	memset(out, 0, sizeof *out);
	s = sd_csv_each_enterprise(f, name, latin1, collect, out, reject, arg, rejected, err);
	if (s != SD_OK)
		sd_import_rows_free(out);
	return s;
}

sd_status
sd_csv_read_enterprises(FILE *f, const char *name, struct sd_import_rows *out,
    sd_reject_fn reject, void *arg, size_t *rejected, struct sd_error *err)
{
	return read_all(f, name, false, out, reject, arg, rejected, err);
}

sd_status
sd_csv_read_enterprises_latin1(FILE *f, const char *name, struct sd_import_rows *out,
    sd_reject_fn reject, void *arg, size_t *rejected, struct sd_error *err)
{
	return read_all(f, name, true, out, reject, arg, rejected, err);
}

void
sd_import_rows_free(struct sd_import_rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		row_clear(&r->rows[i]);
	free(r->rows);
	memset(r, 0, sizeof *r);
}
