/*
 * Minimal by default (issue 17): the personal-data statement at the top of
 * the CSV and JSON exports of lists (sedesk/export_notice.h decides from
 * the field tables).
 *
 * CSV: a first line "# Personal data (GDPR): …" before the header, after
 * a byte-order mark.  Spreadsheets show it as one text cell above the
 * table (it holds no separator and no quote, so it stays one cell), and
 * the usual readers skip it as a comment (pandas comment='#', R
 * comment.char, csvkit, Miller): a line of its own is what every one of
 * them tolerates, where a column or a trailer would be read as data.  It
 * is written only when the list holds personal data.
 *
 * JSON: the object's first members "personal_data" (true or false) and,
 * when true, "personal_fields" (["case.subject", …]) and
 * "personal_data_notice".  The `--json` outputs of the list commands are
 * arrays, a documented interface of scripts; they keep their shape and
 * carry no statement (sedesk(1) PRIVACY names what they show).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "export_notice_cli.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

/* What each report's tables show, by the record fields behind the columns. */
static const struct sd_export_column departments_cols[] = {
	{ SD_RECORD_ROUTE, "department" },
	{ SD_RECORD_ROUTE, "answer" },	/* the top reasons for declining */
	{ SD_RECORD_KIND_COUNT, NULL },
};
static const struct sd_export_column backlog_cols[] = {
	{ SD_RECORD_CASE, "id" },
	{ SD_RECORD_CASE, "subject" },	/* the cases waiting on the enterprise */
	{ SD_RECORD_KIND_COUNT, NULL },
};
static const struct sd_export_column spend_cols[] = {
	{ SD_RECORD_ENTERPRISE, "name" },	/* contractors */
	{ SD_RECORD_OPPORTUNITY, "value" },
	{ SD_RECORD_KIND_COUNT, NULL },
};
static const struct sd_export_column council_cols[] = {
	{ SD_RECORD_ROUTE, "answer" },
	{ SD_RECORD_CASE, "subject" },
	{ SD_RECORD_ENTERPRISE, "name" },
	{ SD_RECORD_KIND_COUNT, NULL },
};
/* Figures only: counts per department, channel, recognition. */
static const struct sd_export_column figures_cols[] = {
	{ SD_RECORD_KIND_COUNT, NULL },
};
/* The attendee list of an event (event export). */
const struct sd_export_column cli_attendee_cols[] = {
	{ SD_RECORD_ENTERPRISE, "name" },
	{ SD_RECORD_ENTERPRISE, "number" },
	{ SD_RECORD_ATTENDANCE, "state" },
	{ SD_RECORD_KIND_COUNT, NULL },
};

const struct sd_export_column *
cli_report_columns(enum sd_report_kind k)
{
	switch (k) {
	case SD_REPORT_DEPARTMENTS:	return departments_cols;
	case SD_REPORT_BACKLOG:		return backlog_cols;
	case SD_REPORT_SPEND:		return spend_cols;
	case SD_REPORT_COUNCIL:		return council_cols;
	default:			return figures_cols;
	}
}

/* The statement in words; no comma, semicolon or quote (one CSV cell). */
static void
notice_words(const struct sd_export_column *cols, struct sd_buf *b)
{
	char names[512];

	sd_export_personal_names(cols, names, sizeof names);
	for (char *p = names; *p != '\0'; p++)
		if (*p == ',')
			*p = ' ';
	sd_buf_addf(b, _("Personal data (GDPR): this list shows %s. Keep it no longer than "
	    "needed and pass it to no one who does not need it."), names);
	for (size_t i = 0; i < b->len; i++)
		if (b->data[i] == ',' || b->data[i] == ';' || b->data[i] == '"' ||
		    b->data[i] == '\n' || b->data[i] == '\r')
			b->data[i] = ' ';
}

static void
csv_notice(struct sd_buf *out, const struct sd_export_column *cols)
{
	static const char bom[] = "\xEF\xBB\xBF";
	struct sd_buf line = { 0 }, all = { 0 };
	size_t at = 0;

	if (!sd_export_personal(cols))
		return;
	if (out->len >= 3 && memcmp(out->data, bom, 3) == 0)
		at = 3;
	sd_buf_adds(&line, "# ");
	notice_words(cols, &line);
	sd_buf_adds(&line, "\r\n");
	sd_buf_add(&all, out->data, at);
	sd_buf_add(&all, line.data, line.len);
	sd_buf_add(&all, out->data + at, out->len - at);
	sd_buf_free(out);
	*out = all;
	sd_buf_free(&line);
}

void
cli_json_notice(json_t *obj, const struct sd_export_column *cols)
{
	bool personal = sd_export_personal(cols);
	json_t *head = json_object();

	/* First in the object: a fresh one with the statement, then the rest. */
	json_object_set_new(head, "personal_data", json_boolean(personal));
	if (personal) {
		struct sd_buf b = { 0 };
		char names[512];
		json_t *arr = json_array();
		char *save = NULL;

		sd_export_personal_names(cols, names, sizeof names);
		for (char *w = strtok_r(names, ",", &save); w != NULL; w = strtok_r(NULL, ",", &save))
			json_array_append_new(arr, json_string(w));
		json_object_set_new(head, "personal_fields", arr);
		notice_words(cols, &b);
		json_object_set_new(head, "personal_data_notice", json_string(b.data));
		sd_buf_free(&b);
	}
	json_object_update(head, obj);
	json_object_clear(obj);
	json_object_update(obj, head);
	json_decref(head);
}

void
cli_export_notice(struct sd_buf *out, const char *fmt, const struct sd_export_column *cols)
{
	if (strcmp(fmt, "csv") == 0) {
		csv_notice(out, cols);
	} else if (strcmp(fmt, "json") == 0 && out->len > 0) {
		json_error_t e;
		json_t *o = json_loadb(out->data, out->len, 0, &e);
		char *s;

		/* Only an object can carry a member; an array keeps its shape. */
		if (o == NULL || !json_is_object(o)) {
			json_decref(o);
			return;
		}
		cli_json_notice(o, cols);
		s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		sd_buf_reset(out);
		sd_buf_addf(out, "%s\n", s);
		free(s);
		json_decref(o);
	}
}
