/*
 * The NACE picker (see nace_picker.h): a type-ahead list over the shipped
 * sections and divisions, in the user's language.
 */
#include <stdlib.h>
#include <string.h>

#include "nace_picker.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

/* The last comma-separated item of line, trimmed, without a main mark '*'. */
static char *
last_item(const char *line)
{
	const char *p = strrchr(line, ',');
	char *item = sd_xstrdup(p ? p + 1 : line);

	sd_trim(item);
	if (item[0] == '*')
		memmove(item, item + 1, strlen(item));
	return sd_trim(item);
}

bool
nace_picker_update(struct nace_picker *p, const char *line)
{
	const struct sd_nace_row *rows;
	size_t n = sd_nace_rows(&rows);
	char *q = last_item(line ? line : "");

	if (p->query != NULL && strcmp(p->query, q) == 0) {
		free(q);
		return nace_picker_open(p);
	}
	free(p->query);
	p->query = q;
	p->n = 0;
	p->lv = (struct listview){ 0 };
	/* A full code or the item just taken needs no list. */
	if (*q == '\0' || (p->taken != NULL && strcmp(p->taken, q) == 0))
		return false;
	for (size_t i = 0; i < n && p->n < NACE_PICKER_MAX; i++)
		if (sd_nace_row_matches(&rows[i], q))
			p->rows[p->n++] = &rows[i];
	p->lv.n = p->n;
	return p->n > 0;
}

bool
nace_picker_open(const struct nace_picker *p)
{
	return p->n > 0;
}

char *
nace_picker_take(struct nace_picker *p, const char *line)
{
	const char *comma = strrchr(line, ',');
	const char *item = comma ? comma + 1 : line;
	const struct sd_nace_row *r = p->rows[p->lv.sel];
	struct sd_buf b = { 0 };
	bool main;

	while (*item == ' ')
		item++;
	main = *item == '*';
	/* A section stands for its divisions: its first one is the code taken. */
	if (r->code[1] == '\0') {
		const struct sd_nace_row *rows;
		size_t n = sd_nace_rows(&rows);
		for (size_t i = 0; i < n; i++)
			if (rows[i].section == r->section && rows[i].code[1] != '\0') {
				r = &rows[i];
				break;
			}
	}
	if (comma != NULL)
		sd_buf_addf(&b, "%.*s, ", (int)(comma - line), line);
	sd_buf_addf(&b, "%s%s", main ? "*" : "", r->code);
	free(p->taken);
	p->taken = sd_xstrdup(r->code);
	free(p->query);
	p->query = NULL;
	p->n = 0;
	p->lv = (struct listview){ 0 };
	return sd_buf_take(&b);
}

static void
row_text(size_t i, struct sd_buf *b, void *arg)
{
	const struct sd_nace_row *r = ((struct nace_picker *)arg)->rows[i];
	/* TRANSLATORS: the language of the NACE labels: "nl" in Dutch. */
	bool nl = strcmp(_("NACE labels: en"), "nl") == 0;

	sd_buf_addf(b, "%s%-3s %s", r->code[1] == '\0' ? "" : "  ", r->code,
	    nl && r->nl[0] != '\0' ? r->nl : r->en);
}

void
nace_picker_draw(struct nace_picker *p, int y, int height)
{
	if (!nace_picker_open(p) || height < 2)
		return;
	tui_fill(y, 3, COLS - 4, tui_attr(ROLE_DIM));
	tui_put(y, 3, COLS - 4, _("NACE sections and divisions (↓ ↑ to choose, Enter to take):"),
	    tui_attr(ROLE_DIM));
	for (int i = 1; i < height; i++)
		tui_fill(y + i, 3, COLS - 4, tui_attr(ROLE_NORMAL));
	lv_draw(&p->lv, y + 1, 5, COLS - 8, height - 1, row_text, p);
}

void
nace_picker_free(struct nace_picker *p)
{
	free(p->query);
	free(p->taken);
	memset(p, 0, sizeof *p);
}
