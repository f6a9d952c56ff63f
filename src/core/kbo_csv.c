/*
 * Reading the KBO extract's files as a stream: a line at a time (more
 * only while a quoted field runs over lines), fields split in place.
 * The layout is narrow (quotes, doubled quotes, unquoted dates and empty
 * values), and the activity file alone has 36 million rows, so this is a
 * small reader of its own rather than the general one of csv_import.c.
 */
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/kbo.h"
#include "sedesk/text.h"

static const char *const meta_cols[] = { "Variable", "Value" };
static const char *const code_cols[] = { "Category", "Code", "Language", "Description" };
static const char *const ent_cols[] = { "EnterpriseNumber", "Status", "JuridicalSituation",
	"TypeOfEnterprise", "JuridicalForm", "JuridicalFormCAC", "StartDate" };
static const char *const est_cols[] = { "EstablishmentNumber", "StartDate",
	"EnterpriseNumber" };
static const char *const den_cols[] = { "EntityNumber", "Language", "TypeOfDenomination",
	"Denomination" };
static const char *const adr_cols[] = { "EntityNumber", "TypeOfAddress", "CountryNL",
	"CountryFR", "Zipcode", "MunicipalityNL", "MunicipalityFR", "StreetNL", "StreetFR",
	"HouseNumber", "Box", "ExtraAddressInfo", "DateStrikingOff" };
static const char *const con_cols[] = { "EntityNumber", "EntityContact", "ContactType",
	"Value" };
static const char *const act_cols[] = { "EntityNumber", "ActivityGroup", "NaceVersion",
	"NaceCode", "Classification" };
static const char *const bra_cols[] = { "Id", "StartDate", "EnterpriseNumber" };

static const struct {
	const char		*name;
	const char *const	*cols;
	size_t			 n;
} files[SD_KBO_NFILES] = {
#define F(name, cols) { name, cols, sizeof cols / sizeof cols[0] }
	F("meta", meta_cols), F("code", code_cols), F("enterprise", ent_cols),
	F("establishment", est_cols), F("denomination", den_cols), F("address", adr_cols),
	F("contact", con_cols), F("activity", act_cols), F("branch", bra_cols),
#undef F
};

struct sd_kbo_reader {
	FILE		*f;
	const char	*name;
	enum sd_kbo_file kind;
	size_t		 ncols;
	char		*line;		/* the current row's text, split in place */
	size_t		 cap, len;
	char		*more;		/* getline's buffer for continuation lines */
	size_t		 morecap;
	long		 lineno;	/* lines read */
	uint64_t	 offset;
	bool		(*keep)(void *, uint64_t);
	void		*keep_arg;
};

const char *
sd_kbo_file_name(enum sd_kbo_file f)
{
	return f < SD_KBO_NFILES ? files[f].name : "?";
}

size_t
sd_kbo_columns(enum sd_kbo_file f, const char *const **names)
{
	*names = files[f].cols;
	return files[f].n;
}

/* Reads one line into r->line (without its end); false at the end of the file. */
static bool
read_line(struct sd_kbo_reader *r, bool append)
{
	ssize_t n = getline(&r->more, &r->morecap, r->f);

	if (n < 0)
		return false;
	r->lineno++;
	r->offset += (uint64_t)n;
	if (n > 0 && r->more[n - 1] == '\n')
		r->more[--n] = '\0';
	if (!append)
		r->len = 0;
	else {
		/* The line break inside a quoted field is part of the value. */
		if (r->len + 1 >= r->cap) {
			r->cap = r->cap * 2 + 2;
			r->line = sd_xrealloc(r->line, r->cap);
		}
		r->line[r->len++] = '\n';
	}
	if (r->len + (size_t)n + 1 > r->cap) {
		r->cap = r->len + (size_t)n + 1 + r->cap / 2;
		r->line = sd_xrealloc(r->line, r->cap);
	}
	memcpy(r->line + r->len, r->more, (size_t)n);
	r->len += (size_t)n;
	r->line[r->len] = '\0';
	return true;
}

/* Whether the text so far leaves a quoted field open. */
static bool
quote_open(const char *s, size_t len)
{
	bool inq = false, start = true;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (inq) {
			if (c == '"') {
				if (i + 1 < len && s[i + 1] == '"')
					i++;
				else
					inq = false;
			}
		} else if (c == '"' && start)
			inq = true;
		start = c == ',';
	}
	return inq;
}

/*
 * Splits r->line into fields in place.  Returns the number of fields,
 * or -1 when the quoting is broken (text after a closing quote, a quote
 * inside an unquoted field).
 */
static int
split(char *s, const char **f, size_t max, size_t *over)
{
	size_t n = 0;
	char *w = s;

	*over = 0;
	for (;;) {
		char *start = w;
		if (*s == '"') {
			s++;
			for (;;) {
				if (*s == '\0')
					return -1;
				if (*s == '"') {
					if (s[1] == '"') {
						*w++ = '"';
						s += 2;
						continue;
					}
					s++;
					break;
				}
				*w++ = *s++;
			}
			if (*s != ',' && *s != '\0' && *s != '\r')
				return -1;
		} else {
			while (*s != ',' && *s != '\0') {
				if (*s == '"')
					return -1;
				*w++ = *s++;
			}
		}
		/* A CRLF file: the CR is not part of the last field. */
		if (*s == '\r' && s[1] == '\0')
			s++;
		else if (w > start && w[-1] == '\r' && *s == '\0')
			w--;
		if (n < max)
			f[n] = start;
		else
			(*over)++;
		n++;
		if (*s == '\0') {
			*w = '\0';
			return (int)n;
		}
		s++;		/* the ',' */
		*w++ = '\0';
	}
}

/* Reads a whole row (over several lines when a quoted field holds line breaks). */
static bool
read_row(struct sd_kbo_reader *r, long *start)
{
	if (!read_line(r, false))
		return false;
	*start = r->lineno;
	/* A runaway quote stops at 64 KiB: the longest field is 320 bytes. */
	while (quote_open(r->line, r->len) && r->len < 65536)
		if (!read_line(r, true))
			break;
	return true;
}

sd_status
sd_kbo_open(FILE *f, const char *name, enum sd_kbo_file kind, bool deletes,
    struct sd_kbo_reader **out, struct sd_error *err)
{
	struct sd_kbo_reader *r = sd_xmalloc(sizeof *r);
	const char *h[SD_KBO_MAX_COLUMNS];
	size_t over, want;
	long start;
	int n;

	memset(r, 0, sizeof *r);
	r->f = f;
	r->name = name;
	r->kind = kind;
	r->ncols = deletes ? 1 : files[kind].n;
	*out = NULL;
	if (!read_row(r, &start)) {
		sd_kbo_close(r);
		return sd_fail(err, SD_INVALID, _("%s: the file is empty; a KBO file starts with "
		    "its header row."), name);
	}
	/* A byte order mark is no part of the first column's name. */
	if (strncmp(r->line, "\xEF\xBB\xBF", 3) == 0)
		memmove(r->line, r->line + 3, r->len - 2);
	n = split(r->line, h, SD_KBO_MAX_COLUMNS, &over);
	want = r->ncols;
	if (n != (int)want)
		goto bad;
	for (size_t i = 0; i < want; i++) {
		/* The delete file's key column may be named as the entity's ("EntityNumber"). */
		if (strcmp(h[i], files[kind].cols[i]) != 0 &&
		    !(deletes && strcmp(h[i], "EntityNumber") == 0))
			goto bad;
	}
	*out = r;
	return SD_OK;
bad:
	{
		struct sd_buf b = { 0 };
		for (size_t i = 0; i < want; i++)
			sd_buf_addf(&b, "%s\"%s\"", i ? "," : "", files[kind].cols[i]);
		sd_buf_adds(&b, "");
		sd_fail(err, SD_INVALID, _("%s:1: not the header of the KBO file %s%s; it should "
		    "be %s."), name, files[kind].name, deletes ? "_delete.csv" : ".csv", b.data);
		sd_buf_free(&b);
	}
	sd_kbo_close(r);
	return SD_INVALID;
}

void
sd_kbo_set_keep(struct sd_kbo_reader *r, bool (*keep)(void *, uint64_t), void *arg)
{
	r->keep = keep;
	r->keep_arg = arg;
}

/* The number the row starts with ("0200.065.765" or unquoted), or false. */
static bool
first_number(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	int digits = 0;

	if (*s == '"')
		s++;
	for (; *s != '"' && *s != ',' && *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9') {
			v = v * 10 + (uint64_t)(*s - '0');
			digits++;
		} else if (*s != '.')
			return false;
	}
	if (digits != 10)
		return false;
	*out = v;
	return true;
}

sd_status
sd_kbo_next(struct sd_kbo_reader *r, struct sd_kbo_row *row, struct sd_error *err)
{
	size_t over;
	long start;
	int n;

again:
	if (!read_row(r, &start)) {
		if (ferror(r->f))
			return sd_fail(err, SD_FAIL, _("%s:%ld: cannot be read."), r->name,
			    r->lineno + 1);
		return SD_NOTFOUND;
	}
	row->line = start;
	if (r->keep != NULL) {
		uint64_t e;
		if (first_number(r->line, &e) && !r->keep(r->keep_arg, e))
			goto again;
	}
	if (r->len == 0 || (r->len == 1 && r->line[0] == '\r'))
		return sd_fail(err, SD_INVALID, _("%s:%ld: an empty line."), r->name, start);
	if (!sd_utf8_valid(r->line, r->len))
		return sd_fail(err, SD_INVALID, _("%s:%ld: not valid UTF-8 text."), r->name,
		    start);
	n = split(r->line, row->f, SD_KBO_MAX_COLUMNS, &over);
	if (n < 0)
		return sd_fail(err, SD_INVALID,
		    _("%s:%ld: the quotes do not close where a field ends."), r->name, start);
	if ((size_t)n != r->ncols)
		return sd_fail(err, SD_INVALID, _("%s:%ld: %d fields where the file has %zu."),
		    r->name, start, n, r->ncols);
	row->n = (size_t)n;
	return SD_OK;
}

uint64_t
sd_kbo_offset(const struct sd_kbo_reader *r)
{
	return r->offset;
}

void
sd_kbo_close(struct sd_kbo_reader *r)
{
	if (r == NULL)
		return;
	free(r->line);
	free(r->more);
	free(r);
}

/* --- numbers and dates --------------------------------------------------------------- */

bool
sd_kbo_number(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	int digits = 0;

	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9') {
			v = v * 10 + (uint64_t)(*s - '0');
			digits++;
		} else if (*s != '.' && *s != ' ')
			return false;
	}
	if (digits != 10)
		return false;
	*out = v;
	return true;
}

void
sd_kbo_number_format(uint64_t n, bool establishment, char out[16])
{
	char d[11];

	snprintf(d, sizeof d, "%010llu", (unsigned long long)(n % 10000000000ULL));
	if (establishment)
		snprintf(out, 16, "%.1s.%.3s.%.3s.%.3s", d, d + 1, d + 4, d + 7);
	else
		snprintf(out, 16, "%.4s.%.3s.%.3s", d, d + 4, d + 7);
}

bool
sd_kbo_date(const char *s, sd_day *out)
{
	int dd, mm, yy;

	if (strlen(s) != 10 || s[2] != '-' || s[5] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 2 && i != 5 && (s[i] < '0' || s[i] > '9'))
			return false;
	dd = (s[0] - '0') * 10 + (s[1] - '0');
	mm = (s[3] - '0') * 10 + (s[4] - '0');
	yy = atoi(s + 6);
	if (mm < 1 || mm > 12 || dd < 1 || dd > 31)
		return false;
	*out = sd_day_from_ymd(yy, mm, dd);
	{
		int y2, m2, d2;
		/* 31-02-2020 is no day. */
		sd_day_to_ymd(*out, &y2, &m2, &d2);
		if (y2 != yy || m2 != mm || d2 != dd)
			return false;
	}
	return true;
}
