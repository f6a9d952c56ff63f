/*
 * The search screen: results follow the query as it is typed (the last
 * word matches as a prefix), Enter opens the selected case or enterprise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/search.h"
#include "sedesk/text.h"
#include "tui.h"

struct search {
	struct screen	 base;
	struct tui_line	 line;
	char		*shown;		/* the query the results are for */
	enum sd_hit_kind kind;
	struct sd_hits	 hits;
	struct listview	 lv;
};

/*
 * Letters belong to the query (q and ? too), so this table and the line
 * editor's are all the keys there are: the status line and help say so.
 */
static const struct tui_key search_keys[] = {
	{ TUI_ESC, ACT_BACK, "Esc", N_("back"), N_("back") },
	{ TK(KEY_F(1)), ACT_HELP, "F1", N_("help: the keys of this screen"), N_("help") },
	{ '\n', ACT_OPEN, "Enter", N_("open the result"), N_("open") },
	{ TK(KEY_ENTER), ACT_OPEN, NULL, NULL, NULL },
	{ '\t', ACT_FILTER_STATUS, "Tab", N_("everything / enterprises / cases / events / contact moments"), N_("kind") },
	{ TK(KEY_DOWN), ACT_DOWN, "↓ ↑", N_("move through the results"), NULL },
	{ TK(KEY_UP), ACT_UP, NULL, NULL, NULL },
	{ TK(KEY_NPAGE), ACT_PGDN, "PgDn PgUp", N_("next / previous page of results"), NULL },
	{ TK(KEY_PPAGE), ACT_PGUP, NULL, NULL, NULL },
	{ TUI_CTRL('l'), ACT_REDRAW, "ctrl-l", N_("redraw the screen"), NULL },
	{ 0 },
};

static void
run_query(struct search *s)
{
	struct sd_error err;
	const char *q = s->line.buf ? s->line.buf : "";

	sd_hits_free(&s->hits);
	s->lv.n = 0;
	s->lv.sel = s->lv.top = 0;
	free(s->shown);
	s->shown = sd_xstrdup(q);
	if (*q == '\0')
		return;
	if (sd_search(s->base.tui->desk, q, s->kind, 200, &s->hits, &err) != SD_OK) {
		tui_error(s->base.tui, &err);
		return;
	}
	s->lv.n = s->hits.n;
}

static void
search_reload(struct screen *sc)
{
	struct search *s = (struct search *)sc;
	size_t sel = s->lv.sel;

	run_query(s);
	s->lv.sel = sel < s->lv.n ? sel : 0;
}

static void
search_draw(struct screen *sc, int top, int height)
{
	struct search *s = (struct search *)sc;
	/* In the order of enum sd_hit_kind, which Tab goes through. */
	static const char *const kinds[] = {
		N_("everything"), N_("enterprises"), N_("cases"), N_("events"),
		N_("contact moments"), N_("opportunities"),
	};
	struct sd_buf b = { 0 };
	int y = top + 2;

	tui_put(top, 1, 8, _("Search"), tui_attr(ROLE_HEADER));
	sd_buf_addf(&b, "%s%s", _(kinds[s->kind]),
	    s->hits.more ? _(" · more than shown: type more") : "");
	tui_put(top + 1, 10, COLS - 11, b.data, tui_attr(ROLE_DIM));
	sd_buf_free(&b);
	s->lv.y0 = y;
	lv_scroll(&s->lv, (height - 2) / 2);
	if (s->lv.n == 0 && s->shown && *s->shown)
		tui_put(y + 1, 3, COLS - 4, _("Nothing found."), tui_attr(ROLE_DIM));
	for (size_t i = s->lv.top; i < s->lv.n && y + 1 < top + height; i++, y += 2) {
		const struct sd_hit *h = &s->hits.items[i];
		attr_t a = tui_attr(i == s->lv.sel ? ROLE_SELECTED : ROLE_NORMAL);
		struct sd_buf t = { 0 };
		sd_buf_addf(&t, "%s %s", h->kind == SD_HIT_CASE ? "▪" : h->kind == SD_HIT_EVENT ?
		    "●" : h->kind == SD_HIT_MOMENT ? "○" : h->kind == SD_HIT_OPPORTUNITY ? "€" : "◆",
		    h->title);
		tui_fill(y, 0, COLS, a);
		tui_put(y, 1, COLS - 2, t.data, a | (h->exact ? A_BOLD : 0));
		tui_put(y + 1, 5, COLS - 6, h->snippet ? h->snippet : "", tui_attr(ROLE_DIM));
		sd_buf_free(&t);
	}
	/* The cursor stays in the query field. */
	tui_line_draw(&s->line, top, 10, COLS - 11, true);
}

static void
open_hit(struct search *s)
{
	struct tui *t = s->base.tui;
	const struct sd_hit *h;

	if (s->lv.n == 0)
		return;
	h = &s->hits.items[s->lv.sel];
	if (h->kind == SD_HIT_CASE)
		tui_push(t, scr_case_new(t, h->key));
	else if (h->kind == SD_HIT_EVENT)
		tui_push(t, scr_event_new(t, h->event));
	else if (h->kind == SD_HIT_MOMENT)
		tui_push(t, scr_moment_new(t, h->moment));
	else if (h->kind == SD_HIT_OPPORTUNITY)
		tui_push(t, scr_opportunity_new(t, h->opp));
	else
		tui_push(t, scr_enterprise_new(t, h->ent));
}

static bool
search_input(struct screen *sc, int key)
{
	struct search *s = (struct search *)sc;
	const struct tui_key *k = tui_key_find(sc, key);

	if (k != NULL && k->action != ACT_TYPE)
		return false;		/* an action: search_action or the frame */
	/* Everything else edits the query, and the results follow. */
	if (tui_line_key(&s->line, key) &&
	    strcmp(s->shown ? s->shown : "", s->line.buf) != 0)
		run_query(s);
	/* A key that is neither an action nor text does nothing, silently. */
	return true;
}

static bool
search_action(struct screen *sc, enum tui_action a)
{
	struct search *s = (struct search *)sc;

	switch (a) {
	case ACT_DOWN:
	case ACT_UP:
	case ACT_PGDN:
	case ACT_PGUP:
		lv_action(&s->lv, a);
		return true;
	case ACT_OPEN:
		open_hit(s);
		return true;
	case ACT_FILTER_STATUS:
		s->kind = (enum sd_hit_kind)((s->kind + 1) % (SD_HIT_OPPORTUNITY + 1));
		run_query(s);
		return true;
	default:
		return false;
	}
}

static void
search_click(struct screen *sc, int y)
{
	struct search *s = (struct search *)sc;

	if (y >= s->lv.y0 && (y - s->lv.y0) / 2 + s->lv.top < s->lv.n)
		s->lv.sel = s->lv.top + (size_t)((y - s->lv.y0) / 2);
}

static void
search_destroy(struct screen *sc)
{
	struct search *s = (struct search *)sc;

	tui_line_free(&s->line);
	sd_hits_free(&s->hits);
	free(s->shown);
	free(s);
}

static const struct screen_ops search_ops = {
	.name = N_("Search"),
	.keys = search_keys,
	.typing = true,
	.draw = search_draw,
	.input = search_input,
	.action = search_action,
	.click = search_click,
	.reload = search_reload,
	.destroy = search_destroy,
};

struct screen *
scr_search_new(struct tui *t)
{
	struct search *s = sd_xcalloc(1, sizeof *s);

	s->base.ops = &search_ops;
	s->base.tui = t;
	s->line.max = 200;
	tui_line_set(&s->line, "");
	return &s->base;
}
