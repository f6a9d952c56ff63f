/*
 * CLI output: plain text that can never drive the terminal (control
 * characters made visible), and JSON through jansson (which escapes them).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "sedesk/words.h"

char *
cli_safe(const char *s)
{
	return sd_visible(s ? s : "", false);
}

/*
 * Plain output is read line by line, and a line's start says what it is
 * (a journal entry starts with its time, a field with its label).  Text
 * that users write may hold line breaks; printed raw, its second line
 * would start where the program's own lines start and could pass for one.
 * So a line printed here is always one line: a line break in it shows as
 * ^J.  Text of several lines goes through cli_print_lines.
 */
void
cli_print(const char *s)
{
	char *v = sd_visible(s ? s : "", false);

	puts(v);
	free(v);
}

/* Formats into a malloc'd string; NULL on a bad format. */
static char *
vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	char *p;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	p = sd_xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

void
cli_printf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = vformat(fmt, ap);
	va_end(ap);
	if (p == NULL)
		return;
	cli_print(p);
	free(p);
}

/*
 * Callers choose indent past the column where their own lines carry their
 * mark (a journal entry's time, a field's label), so a continuation line
 * can never look like one of those.  Empty lines stay empty.
 */
void
cli_print_lines(int indent, const char *fmt, ...)
{
	va_list ap;
	char *p, *v;

	va_start(ap, fmt);
	p = vformat(fmt, ap);
	va_end(ap);
	if (p == NULL)
		return;
	v = sd_visible(p, true);
	free(p);
	for (char *line = v, *nl; line != NULL; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		if (line == v || *line == '\0')
			puts(line);
		else
			printf("%*s%s\n", indent, "", line);
	}
	free(v);
}

void
cli_json_print(json_t *v)
{
	json_dumpf(v, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(v);
}

json_t *
cli_jstr(const char *s)
{
	json_t *j;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) == NULL) {
		/* Not valid UTF-8 (should not be stored): show it escaped. */
		char *v = sd_visible(s, true);
		j = json_string(v);
		free(v);
	}
	return j;
}

json_t *
cli_jtime(int64_t t)
{
	char buf[21];

	if (t == 0)
		return json_null();
	sd_time_format(t, buf);
	return json_string(buf);
}

json_t *
cli_jday(sd_day d)
{
	char buf[11];

	if (d == SD_NO_DAY)
		return json_null();
	sd_day_format(d, buf);
	return json_string(buf);
}

json_t *
cli_jlist(const char *list)
{
	json_t *a = json_array();
	char *copy, *save = NULL;

	if (list == NULL)
		return a;
	copy = sd_xstrdup(list);
	for (char *t = strtok_r(copy, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save))
		json_array_append_new(a, cli_jstr(t));
	free(copy);
	return a;
}

json_t *
cli_jfield(const struct sd_field_value *v)
{
	char id[SD_UUID_STR];

	switch (v->info->kind) {
	case SD_FK_TEXT:
		return cli_jstr(v->text);
	case SD_FK_LIST:
		return cli_jlist(v->text);
	case SD_FK_ID:
		/* An optional link that is not set (a case's event) is null. */
		if ((v->info->flags & SD_FF_OMIT_ZERO) && v->bytes[0] == 0 &&
		    memcmp(v->bytes, v->bytes + 1, 15) == 0)
			return json_null();
		sd_uuid_format(v->bytes, id);
		return json_string(id);
	case SD_FK_CHOICE:
		return cli_jstr(v->text);
	case SD_FK_SMALL:
		/* 0 is "not given". */
		return v->num != 0 ? json_integer(v->num) : json_null();
	case SD_FK_TIME:
		return cli_jtime(v->num);
	case SD_FK_DAY:
		return cli_jday((sd_day)v->num);
	case SD_FK_MONEY:
		/* Cents, exact: JSON readers must not meet floating point. */
		return json_integer(v->num);
	case SD_FK_COUNT:
	case SD_FK_SUBJECT:
		break;
	}
	return json_integer(v->num);
}

json_t *
cli_case_row_json(const struct sd_case_row *r)
{
	char num[SD_CASE_NUMBER_MAX], id[SD_UUID_STR];
	json_t *o = json_object(), *routes = json_array();

	sd_case_number_format(r->c.key, num);
	sd_uuid_format(r->c.enterprise, id);
	json_object_set_new(o, "number", json_string(num));
	json_object_set_new(o, "status", json_string(sd_case_status_name(r->c.status)));
	json_object_set_new(o, "subject", cli_jstr(r->c.subject));
	json_object_set_new(o, "enterprise", json_pack("{s:s, s:o}", "id", id, "name",
	    cli_jstr(r->enterprise_name)));
	json_object_set_new(o, "category", cli_jstr(r->c.category));
	json_object_set_new(o, "priority", json_string(sd_priority_name(r->c.priority)));
	json_object_set_new(o, "owner", cli_jstr(r->c.owner));
	json_object_set_new(o, "created", cli_jtime(r->c.created));
	json_object_set_new(o, "due", cli_jday(r->due));
	json_object_set_new(o, "overdue", json_boolean(r->overdue));
	for (size_t i = 0; i < r->nroutes; i++)
		json_array_append_new(routes, json_pack("{s:o, s:s}", "department",
		    cli_jstr(r->routes[i].dept), "status", sd_route_state_name(r->routes[i].state)));
	json_object_set_new(o, "routes", routes);
	if (r->reason != SD_REASON_NONE)
		json_object_set_new(o, "reason", json_string(sd_inbox_reason_name(r->reason)));
	if (r->dept != NULL)
		json_object_set_new(o, "department", json_string(r->dept));
	if (r->reason != SD_REASON_NONE)
		json_object_set_new(o, "changed", json_boolean(r->changed));
	if (r->reminded != 0)
		json_object_set_new(o, "reminded", cli_jtime(r->reminded));
	return o;
}

/* What the inbox says of a row: the department (an officer's) and why. */
static void
row_why(const struct sd_case_row *r, struct sd_buf *b)
{
	char why[96];

	sd_inbox_row_why(r, why, sizeof why);
	sd_buf_addf(b, "%s%s%s", r->dept ? r->dept : "", r->dept ? " " : "", why);
}

void
cli_case_rows_print(const struct sd_case_rows *rows, bool inbox)
{
	struct sd_buf cell = { 0 }, line = { 0 };
	int wwhy = 0, wprio = 0, wstate = 12;

	/* Columns as wide as what they hold, in terminal columns (a reason may carry a day). */
	for (int p = SD_PRIORITY_LOW; p < SD_PRIORITY_COUNT; p++)
		wprio = wprio > sd_text_width(sd_priority_label(p)) ? wprio :
		    sd_text_width(sd_priority_label(p));
	for (size_t i = 0; i < rows->n; i++) {
		const struct sd_case_row *r = &rows->items[i];
		int w;
		sd_buf_reset(&cell);
		if (inbox)
			row_why(r, &cell);
		else
			sd_buf_adds(&cell, sd_case_state_words(&r->c, r->routes, r->nroutes));
		w = sd_text_width(cell.data);
		if (inbox && w > wwhy)
			wwhy = w;
		else if (!inbox && w > wstate)
			wstate = w;
	}
	for (size_t i = 0; i < rows->n; i++) {
		const struct sd_case_row *r = &rows->items[i];
		char num[SD_CASE_NUMBER_MAX], due[11];
		struct sd_buf routes = { 0 };
		char *ent = cli_safe(r->enterprise_name), *subj = cli_safe(r->c.subject);

		sd_case_number_format(r->c.key, num);
		sd_day_format(r->due, due);
		for (size_t j = 0; j < r->nroutes; j++) {
			char *up = sd_xstrdup(r->routes[j].dept);
			for (char *p = up; *p; p++)
				if (*p >= 'a' && *p <= 'z')
					*p = (char)(*p - 'a' + 'A');
			sd_buf_addf(&routes, "%s%s%s", j ? " " : "", up,
			    sd_route_symbol(r->routes[j].state));
			free(up);
		}
		sd_buf_reset(&line);
		sd_buf_reset(&cell);
		/* The inbox says why a case is there and how urgent it is, in sd_inbox's order. */
		/* '*' (as mutt's N): someone else wrote on the case since the caller last opened it. */
		if (inbox) {
			row_why(r, &cell);
			sd_buf_addf(&line, "%s %s ", num, r->changed ? "*" : " ");
			sd_buf_add_padded(&line, cell.data, wwhy);
			sd_buf_adds(&line, " ");
			sd_buf_add_padded(&line, sd_priority_label(r->c.priority), wprio);
			sd_buf_adds(&line, " ");
		} else {
			sd_buf_addf(&line, "%s  ", num);
			sd_buf_add_padded(&line, sd_case_state_words(&r->c, r->routes, r->nroutes),
			    wstate);
			sd_buf_adds(&line, " ");
		}
		sd_buf_addf(&line, "%s%s  %s — %s%s%s", due, r->overdue ? "!" : " ", ent, subj,
		    routes.len ? "  " : "", routes.len ? routes.data : "");
		puts(line.data);
		free(ent);
		free(subj);
		sd_buf_free(&routes);
	}
	sd_buf_free(&cell);
	sd_buf_free(&line);
	if (rows->more)
		printf(_("(more: use --limit to see more)\n"));
}

int
cli_print_made(const struct cli *cli, const char *key, const char *value)
{
	if (cli->json)
		cli_json_print(json_pack("{s:s}", key, value));
	else
		puts(value);
	return 0;
}

void
cli_show_field(int w, const char *label, const char *value)
{
	struct sd_buf b = { 0 };

	sd_buf_adds(&b, "  ");
	sd_buf_add_padded(&b, label, w + 1);
	sd_buf_adds(&b, value != NULL ? value : "");
	cli_print_lines(w + 3, "%s", b.data);
	sd_buf_free(&b);
}

int
cli_label_width(const char *const *labels, size_t n)
{
	int w = 0;

	for (size_t i = 0; i < n; i++)
		if (sd_text_width(labels[i]) > w)
			w = sd_text_width(labels[i]);
	return w;
}
