/*
 * A case as plain text or Markdown, for a letter or an e-mail: what the
 * enterprise asked and what the municipality answered, without the
 * desk's internal journal.
 */
#include <stdlib.h>
#include <string.h>

#include "sedesk/case_text.h"
#include "sedesk/config.h"
#include "sedesk/date.h"
#include "sedesk/i18n.h"
#include "sedesk/words.h"

/* A heading: Markdown's "## ", or the plain text's underline. */
static void
heading(struct sd_buf *out, bool markdown, int level, const char *title)
{
	if (markdown) {
		sd_buf_addf(out, "%s %s\n\n", level == 1 ? "#" : "##", title);
		return;
	}
	sd_buf_addf(out, "%s\n", title);
	/* The underline as long as the title, counted in characters. */
	for (const unsigned char *p = (const unsigned char *)title; *p != '\0'; p++) {
		if ((*p & 0xc0) != 0x80)
			sd_buf_adds(out, level == 1 ? "=" : "-");
	}
	sd_buf_adds(out, "\n\n");
}

/* One "label: value" line; Markdown ends it with two spaces (a line break). */
static void
fact(struct sd_buf *out, bool markdown, const char *label, const char *value)
{
	char *v = sd_visible(value, false);

	if (markdown)
		sd_buf_addf(out, "**%s:** %s  \n", label, v);
	else
		sd_buf_addf(out, "%s: %s\n", label, v);
	free(v);
}

/*
 * Stored text, its lines kept (in Markdown by a hard break: two spaces
 * before the newline); ends with an empty line.
 */
static void
body(struct sd_buf *out, bool markdown, const char *text)
{
	char *v = sd_visible(text, true);
	size_t len = strlen(v);

	while (len > 0 && v[len - 1] == '\n')
		v[--len] = '\0';
	for (char *line = v, *nl; line != NULL; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		sd_buf_adds(out, line);
		if (markdown && nl != NULL && *line != '\0' && *nl != '\n' && *nl != '\0')
			sd_buf_adds(out, "  ");
		sd_buf_adds(out, "\n");
	}
	sd_buf_adds(out, "\n");
	free(v);
}

static void
day_of(int64_t t, char out[21])
{
	if (t == 0) {
		strcpy(out, "-");
		return;
	}
	sd_time_format(t, out);
	out[10] = '\0';
}

sd_status
sd_case_text(struct sd_desk *d, const struct sd_case_view *v, bool markdown, struct sd_buf *out)
{
	const struct sd_case *c = &v->c;
	char num[SD_CASE_NUMBER_MAX], day[21];
	struct sd_buf b = { 0 };

	sd_case_number_format(c->key, num);
	sd_buf_addf(&b, _("Case %s: %s"), num, c->subject ? c->subject : "");
	{
		char *t = sd_visible(b.data, false);
		heading(out, markdown, 1, t);
		free(t);
	}
	sd_buf_reset(&b);
	sd_buf_addf(&b, "%s%s%s%s", v->ent.f[SD_EF_NAME] ? v->ent.f[SD_EF_NAME] : "",
	    v->ent.f[SD_EF_NUMBER] ? " (" : "", v->ent.f[SD_EF_NUMBER] ? v->ent.f[SD_EF_NUMBER] : "",
	    v->ent.f[SD_EF_NUMBER] ? ")" : "");
	fact(out, markdown, _("Enterprise"), b.data);
	day_of(c->created, day);
	fact(out, markdown, _("Received"), day);
	fact(out, markdown, _("Status"), sd_case_state_words(c, v->routes, v->nroutes));
	sd_buf_adds(out, "\n");

	heading(out, markdown, 2, _("Question"));
	body(out, markdown, c->subject ? c->subject : "");
	if (c->description != NULL)
		body(out, markdown, c->description);

	for (size_t i = 0; i < v->nroutes; i++) {
		const struct sd_route *r = &v->routes[i];
		const struct sd_department *dep = sd_config_department(&d->cfg, r->dept);
		const char *name = dep != NULL && dep->name != NULL ? dep->name : r->dept;

		day_of(r->finished, day);
		sd_buf_reset(&b);
		switch (r->state) {
		case SD_ROUTE_ANSWERED:
			sd_buf_addf(&b, _("Answer of %s (%s)"), name, day);
			break;
		case SD_ROUTE_DECLINED:
			sd_buf_addf(&b, _("%s did not take this up (%s)"), name, day);
			break;
		default:
			sd_buf_addf(&b, _("%s: no answer yet"), name);
			break;
		}
		{
			char *t = sd_visible(b.data, false);
			heading(out, markdown, 2, t);
			free(t);
		}
		if (r->answer != NULL &&
		    (r->state == SD_ROUTE_ANSWERED || r->state == SD_ROUTE_DECLINED))
			body(out, markdown, r->answer);
	}

	if (c->status == SD_CASE_CLOSED) {
		day_of(c->closed, day);
		sd_buf_reset(&b);
		sd_buf_addf(&b, _("Resolution (%s)"), day);
		heading(out, markdown, 2, b.data);
		body(out, markdown, c->resolution ? c->resolution : "");
	}
	sd_buf_free(&b);
	/* One newline at the end, not an empty line. */
	while (out->len >= 2 && out->data[out->len - 1] == '\n' && out->data[out->len - 2] == '\n')
		out->data[--out->len] = '\0';
	return SD_OK;
}
