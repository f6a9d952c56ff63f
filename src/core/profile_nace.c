/*
 * NACE-BEL activity codes: their one spelling, their version and their
 * labels.  The shipped table (nace_table.c, from share/nace/nace-bel.csv)
 * holds the sections and two-digit divisions only; the five-digit labels
 * come from the KBO extract's code table once one is imported, through
 * imported_label() below, the one place that will read it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "profile_int.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"

/* Whether w starts a word of text (both folded). */
static bool
word_start(const char *text, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = text; (p = strstr(p, w)) != NULL; p++) {
		if (p == text || !((p[-1] >= 'a' && p[-1] <= 'z') || (unsigned char)p[-1] >= 0x80 ||
		    (p[-1] >= '0' && p[-1] <= '9')))
			return true;
		(void)n;
	}
	return false;
}

static const struct sd_nace_row *
division(const char dd[3])
{
	const struct sd_nace_row *rows;
	size_t n = sd_nace_rows(&rows);

	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].code, dd) == 0)
			return &rows[i];
	return NULL;
}

/* The one spelling of a code; with check_division, its division must exist. */
static sd_status
spell(const char *in, char out[SD_NACE_CODE_MAX], bool check_division, struct sd_error *err)
{
	char digits[8];
	size_t n = 0;
	const char *p = in;

	/* "81.300", "81300", "81.30.0" (as some lists print it), " 81 300 ". */
	for (; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n == 5)
				break;
			digits[n++] = *p;
		} else if (*p != '.' && *p != ' ')
			break;
	}
	if (*p != '\0' || n < 2)
		return sd_fail_field(err, SD_INVALID, "nace",
		    _("NACE code %s: give 2 to 5 digits, e.g. 81.300 or 81300."), in);
	digits[n] = '\0';
	{
		char dd[3] = { digits[0], digits[1], '\0' };
		if (check_division && division(dd) == NULL)
			return sd_fail_field(err, SD_INVALID, "nace",
			    _("NACE code %s: there is no division %s in NACE-BEL; see the "
			    "sections and divisions with `sedesk enterprise nace`."), in, dd);
	}
	/* At most 5 digits and a dot: "81.300". */
	memcpy(out, digits, 2);
	if (n == 2)
		out[2] = '\0';
	else {
		out[2] = '.';
		memcpy(out + 3, digits + 2, n - 2);
		out[n + 1] = '\0';
	}
	return SD_OK;
}

sd_status
sd_nace_normalise(const char *in, char out[SD_NACE_CODE_MAX], struct sd_error *err)
{
	return spell(in, out, true, err);
}

/* A 2003 code (only ever imported) has divisions of its own: only its spelling is checked. */
sd_status
nace_normalise_version(const char *in, int version, char out[SD_NACE_CODE_MAX],
    struct sd_error *err)
{
	return spell(in, out, version != 2003, err);
}

bool
sd_nace_row_matches(const struct sd_nace_row *row, const char *query)
{
	char *q = sd_fold(query), *save = NULL;
	char *nl = sd_fold(row->nl), *en = sd_fold(row->en);
	bool ok = true;

	for (char *w = strtok_r(q, " \t,", &save); w != NULL && ok;
	    w = strtok_r(NULL, " \t,", &save)) {
		size_t n = strlen(w);
		/* A code by its start ("8", "81"), a word by the start of a label's word. */
		if ((w[0] >= '0' && w[0] <= '9') || (n == 1 && row->code[1] == '\0'))
			ok = strncmp(row->code, w, n) == 0 ||
			    (w[0] >= 'a' && w[0] <= 'z' && row->section == w[0] - 'a' + 'A');
		else
			ok = word_start(nl, w) || word_start(en, w);
	}
	free(q);
	free(nl);
	free(en);
	return ok;
}

sd_status
sd_nace_parse(const char *in, struct sd_nace *out, struct sd_error *err)
{
	const char *colon = strchr(in, ':');
	char code[32];
	sd_status s;

	memset(out, 0, sizeof *out);
	out->version = 2008;
	snprintf(code, sizeof code, "%.*s", colon ? (int)(colon - in) : (int)strlen(in), in);
	if ((s = sd_nace_normalise(code, out->code, err)) != SD_OK)
		return s;
	if (colon != NULL) {
		if (strcmp(colon + 1, "2008") == 0)
			out->version = 2008;
		else if (strcmp(colon + 1, "2025") == 0)
			out->version = 2025;
		else
			/* 2003 codes come only from an import, never typed. */
			return sd_fail_field(err, SD_INVALID, "nace",
			    _("NACE code %s: version %s; type 2008 (the default) or 2025."),
			    out->code, colon + 1);
	}
	return SD_OK;
}

/*
 * The seam for the KBO import: the label of the full code of a version
 * from an imported code table.  None is imported yet, so there is none.
 */
static const char *
imported_label(const char *code, int version, const char *lang)
{
	(void)code;
	(void)version;
	(void)lang;
	return NULL;
}

const char *
sd_nace_label(const char *code, int version, const char *lang, bool *exact)
{
	const struct sd_nace_row *row;
	const char *l;
	char dd[3];

	*exact = false;
	if (code == NULL || strlen(code) < 2)
		return NULL;
	if (lang == NULL)
		/* TRANSLATORS: the language of the NACE labels: "nl" in Dutch. */
		lang = _("NACE labels: en");
	lang = strchr(lang, ':') ? strchr(lang, ':') + 2 : lang;
	if ((l = imported_label(code, version, lang)) != NULL) {
		*exact = true;
		return l;
	}
	/* The shipped divisions are those of 2008: a 2025 code waits for the import. */
	if (version != 2008)
		return NULL;
	dd[0] = code[0];
	dd[1] = code[1];
	dd[2] = '\0';
	if ((row = division(dd)) == NULL)
		return NULL;
	*exact = code[2] == '\0';
	return strcmp(lang, "nl") == 0 && row->nl[0] != '\0' ? row->nl : row->en;
}
