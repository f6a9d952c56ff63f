/*
 * Help: the keys of the screen below, generated from the key tables that
 * dispatch them, so help and behaviour cannot drift apart.
 */
#include <stdlib.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "tui.h"

struct help {
	struct screen		 base;
	const struct screen	*of;
	struct listview		 lv;
	const struct tui_key	*rows[128];
	const char		*section[128];
};

static const struct tui_key help_keys[] = { { 0 } };

static void
collect_group(struct help *h, const struct tui_key *keys, const char *group,
    const char *section)
{
	for (const struct tui_key *k = keys; k != NULL && k->key != 0; k++) {
		/*
		 * Only what acts here: a row another table shadows (the case
		 * screen's j over the lists' j) or the caller may not use now
		 * is not listed.
		 */
		if (k->label == NULL || k->help == NULL || h->lv.n >= 128 ||
		    tui_action_group(k->action) != group ||
		    tui_key_find(h->of, k->key) != k || !tui_key_permitted(h->of, k, NULL))
			continue;
		h->section[h->lv.n] = group != NULL ? group : section;
		h->rows[h->lv.n++] = k;
	}
}

/* A table's rows, those of a kind of their own (filters, actions) under their heading. */
static void
collect(struct help *h, const struct tui_key *keys, const char *section)
{
	static const enum tui_action grouped[] = { ACT_FILTER_STATUS, ACT_ROUTE, ACT_TYPE,
	    ACT_EDIT_MOMENT };

	collect_group(h, keys, NULL, section);
	for (size_t i = 0; i < sizeof grouped / sizeof grouped[0]; i++)
		collect_group(h, keys, tui_action_group(grouped[i]), section);
}

/* The lines a row takes: its description wraps under itself, no word is cut. */
static int
row_lines(const struct tui_key *k)
{
	int n = tui_put_wrapped(-1, 19, COLS - 20, 8, _(k->help), A_NORMAL);

	return n > 0 ? n : 1;
}

/* The lines rows top..sel take, with the section headings drawn among them. */
static int
lines_to_sel(const struct help *h)
{
	const char *last = NULL;
	int used = 0;

	for (size_t i = h->lv.top; i <= h->lv.sel && i < h->lv.n; i++) {
		if (h->section[i] != last) {
			last = h->section[i];
			used++;
		}
		used += row_lines(h->rows[i]);
	}
	return used;
}

static void
help_draw(struct screen *s, int top, int height)
{
	struct help *h = (struct help *)s;
	const char *last = NULL;
	int y = top + 1;

	struct sd_buf head = { 0 };

	/* The database is named here, not in the title bar where it took the room. */
	tui_put(top, 1, COLS - 2, _(h->of->ops->name), tui_attr(ROLE_HEADER));
	sd_buf_addf(&head, _("database: %s"), s->tui->desk->db_dir);
	if (tui_width(_(h->of->ops->name)) + 4 < COLS - 2)
		tui_put(top, tui_width(_(h->of->ops->name)) + 4,
		    COLS - 3 - tui_width(_(h->of->ops->name)) - 3, head.data, tui_attr(ROLE_DIM));
	sd_buf_free(&head);
	lv_scroll(&h->lv, height - 2);
	/* Wrapped rows take more lines than the list counts: keep the selection in sight. */
	while (h->lv.top < h->lv.sel && lines_to_sel(h) > height - 1)
		h->lv.top++;
	for (size_t i = h->lv.top; i < h->lv.n && y < top + height; i++) {
		const struct tui_key *k = h->rows[i];
		attr_t a = tui_attr(i == h->lv.sel ? ROLE_SELECTED : ROLE_NORMAL);
		int n = row_lines(k);

		if (h->section[i] != last) {
			last = h->section[i];
			tui_put(y++, 2, COLS - 3, _(last), tui_attr(ROLE_DIM));
			if (y >= top + height)
				break;
		}
		/*
		 * A row that does not fit whole waits for the next page (j, PgDn):
		 * cut, its last words would read as the whole help.
		 */
		if (n > top + height - y) {
			if (i > h->lv.top)
				break;
			n = top + height - y;
		}
		tui_put(y, 4, 14, k->label, tui_attr(i == h->lv.sel ? ROLE_SELECTED : ROLE_HEADER));
		for (int l = 1; l < n; l++)
			tui_put(y + l, 4, 14, "", a);
		tui_put_wrapped(y, 19, COLS - 20, n, _(k->help), a);
		y += n;
	}
}

static bool
help_action(struct screen *s, enum tui_action a)
{
	struct help *h = (struct help *)s;

	if (a == ACT_HELP || a == ACT_OPEN) {
		tui_pop(s->tui);
		return true;
	}
	/* Moving is the help's own; back, Q, redraw are the frame's. */
	lv_action(&h->lv, a);
	return a >= ACT_UP && a <= ACT_END;
}

static void
help_destroy(struct screen *s)
{
	free(s);
}

static const struct screen_ops help_ops = {
	.name = N_("Help"),
	.keys = help_keys,
	.list_keys = true,
	.draw = help_draw,
	.action = help_action,
	.destroy = help_destroy,
};

struct screen *
scr_help_new(struct tui *t, const struct screen *of)
{
	struct help *h = sd_xcalloc(1, sizeof *h);

	h->base.ops = &help_ops;
	h->base.tui = t;
	h->of = of;
	collect(h, of->ops->keys, N_("This screen"));
	if (of->ops->list_keys)
		collect(h, tui_list_keys, N_("Lists"));
	/* Where letters are typed, the screen's own keys and the line editor's are all. */
	if (of->ops->typing)
		collect(h, tui_line_keys, N_("Editing text"));
	else
		collect(h, tui_global_keys, N_("Everywhere"));
	return &h->base;
}
