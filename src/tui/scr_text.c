/*
 * The full-text view: an answer, a reason, a description, a resolution, a
 * journal entry or a whole case, read to its last word as in less(1):
 * wrapped at the window's width, scrolled, searched with / n N, piped
 * with | and saved with s.
 */
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "tui.h"

struct textscr {
	struct screen	 base;
	char		*title;
	char		*text;
	char		**lines;	/* text wrapped at width */
	size_t		 nlines;
	int		 width;		/* the width lines were wrapped at; 0: not yet */
	size_t		 top;		/* first line shown */
	int		 height;	/* text lines shown at the last draw */
	char		*query;		/* the last search, folded; NULL: none */
	char		*query_typed;	/* as typed, offered again */
	size_t		 match;		/* line of the current match */
	bool		 matched;
};

static const struct tui_key text_keys[] = {
	{ 'j', ACT_SCROLL_DOWN, "j ↓ Enter", N_("one line down"), NULL },
	{ TK(KEY_DOWN), ACT_SCROLL_DOWN, NULL, NULL, NULL },
	{ '\n', ACT_SCROLL_DOWN, NULL, NULL, NULL },
	{ 'k', ACT_SCROLL_UP, "k ↑", N_("one line up"), NULL },
	{ TK(KEY_UP), ACT_SCROLL_UP, NULL, NULL, NULL },
	{ ' ', ACT_PGDN, "space PgDn", N_("next page"), N_("page") },
	{ TK(KEY_NPAGE), ACT_PGDN, NULL, NULL, NULL },
	{ 'b', ACT_PGUP, "b PgUp", N_("previous page"), NULL },
	{ TK(KEY_PPAGE), ACT_PGUP, NULL, NULL, NULL },
	{ 'g', ACT_HOME, "g Home", N_("to the start"), NULL },
	{ TK(KEY_HOME), ACT_HOME, NULL, NULL, NULL },
	{ 'G', ACT_END, "G End", N_("to the end"), NULL },
	{ TK(KEY_END), ACT_END, NULL, NULL, NULL },
	{ '/', ACT_FIND, "/", N_("search the text (case and accents ignored)"), N_("search") },
	{ 'n', ACT_FIND_NEXT, "n", N_("next match"), NULL },
	{ 'N', ACT_FIND_PREV, "N", N_("previous match"), NULL },
	{ '|', ACT_PIPE, "|", N_("pipe the text to a command"), N_("pipe") },
	{ 's', ACT_SAVE_TEXT, "s", N_("save the text to a file"), N_("save") },
	{ 0 },
};

/* Wraps anew when the window's width changed. */
static void
text_layout(struct textscr *x)
{
	int width = COLS - 2;

	if (width < 10)
		width = 10;
	if (x->lines != NULL && x->width == width)
		return;
	if (x->lines != NULL)
		tui_wrap_free(x->lines, x->nlines);
	x->lines = tui_wrap(x->text, width, &x->nlines);
	x->width = width;
	x->matched = false;
}

static size_t
last_top(const struct textscr *x)
{
	size_t h = x->height > 0 ? (size_t)x->height : 1;

	return x->nlines > h ? x->nlines - h : 0;
}

static void
text_draw(struct screen *s, int top, int height)
{
	struct textscr *x = (struct textscr *)s;
	struct sd_buf b = { 0 };
	int y = top + 1;

	text_layout(x);
	x->height = height - 2;
	if (x->top > last_top(x))
		x->top = last_top(x);
	tui_put(top, 1, COLS - 2, x->title, tui_attr(ROLE_HEADER));
	for (size_t i = x->top; i < x->nlines && y < top + height - 1; i++, y++) {
		bool hit = x->matched && i == x->match;
		tui_put(y, 1, COLS - 2, x->lines[i], tui_attr(hit ? ROLE_SELECTED : ROLE_NORMAL));
	}
	/* Where the reader is, as less says it. */
	if (x->nlines == 0 || x->top + (size_t)x->height >= x->nlines)
		sd_buf_addf(&b, _("lines %zu–%zu of %zu (end)"), x->nlines ? x->top + 1 : 0,
		    x->nlines, x->nlines);
	else
		sd_buf_addf(&b, _("lines %zu–%zu of %zu"), x->top + 1, x->top + (size_t)x->height,
		    x->nlines);
	if (x->matched)
		sd_buf_addf(&b, _(" · match on line %zu"), x->match + 1);
	sd_buf_adds(&b, _(" · / search  | pipe  s save  q back"));
	tui_put(top + height - 1, 1, COLS - 2, b.data, tui_attr(ROLE_DIM));
	sd_buf_free(&b);
}

/* Finds the query from line from on, forward or back; true when found. */
static bool
find(struct textscr *x, size_t from, bool forward)
{
	if (x->query == NULL || x->nlines == 0)
		return false;
	for (size_t k = 0; k < x->nlines; k++) {
		size_t i = forward ? from + k : from - k;
		char *f;
		bool hit;

		if (i >= x->nlines)	/* past either end: unsigned wrap included */
			break;
		f = sd_fold(x->lines[i]);
		hit = strstr(f, x->query) != NULL;
		free(f);
		if (hit) {
			x->match = i;
			x->matched = true;
			/* The match on the first line shown, as less does. */
			x->top = i > last_top(x) ? last_top(x) : i;
			return true;
		}
	}
	return false;
}

static void
search(struct textscr *x, bool forward, bool again)
{
	struct tui *t = x->base.tui;
	size_t from;

	if (x->query == NULL) {
		tui_message(t, ROLE_NORMAL, _("no search yet: / searches."));
		return;
	}
	if (!again)
		from = x->top;
	else if (x->matched)
		from = forward ? x->match + 1 : x->match - 1;
	else
		from = forward ? x->top : x->top - 1;
	if (!again || !x->matched || (forward ? x->match + 1 < x->nlines : x->match > 0)) {
		if (find(x, from, forward))
			return;
	}
	tui_message(t, ROLE_ERROR, forward ? _("not found further on: %s") :
	    _("not found further back: %s"), x->query_typed);
}

static bool
text_action(struct screen *s, enum tui_action a)
{
	struct textscr *x = (struct textscr *)s;
	size_t page = x->height > 1 ? (size_t)x->height - 1 : 1;
	char *q;

	text_layout(x);
	switch (a) {
	case ACT_SCROLL_DOWN:
		if (x->top < last_top(x))
			x->top++;
		return true;
	case ACT_SCROLL_UP:
		if (x->top > 0)
			x->top--;
		return true;
	case ACT_PGDN:
		x->top = x->top + page > last_top(x) ? last_top(x) : x->top + page;
		return true;
	case ACT_PGUP:
		x->top = x->top > page ? x->top - page : 0;
		return true;
	case ACT_HOME:
		x->top = 0;
		return true;
	case ACT_END:
		x->top = last_top(x);
		return true;
	case ACT_FIND:
		if ((q = tui_prompt(s->tui, _("Search for"), x->query_typed ? x->query_typed : ""))
		    == NULL)
			return true;
		if (*q == '\0') {
			free(q);
			return true;
		}
		free(x->query);
		free(x->query_typed);
		x->query_typed = q;
		x->query = sd_fold(q);
		x->matched = false;
		search(x, true, false);
		return true;
	case ACT_FIND_NEXT:
		search(x, true, true);
		return true;
	case ACT_FIND_PREV:
		search(x, false, true);
		return true;
	case ACT_PIPE:
		tui_pipe_text(s->tui, x->text);
		return true;
	case ACT_SAVE_TEXT:
		tui_save_text(s->tui, x->text);
		return true;
	default:
		return false;
	}
}

static void
text_destroy(struct screen *s)
{
	struct textscr *x = (struct textscr *)s;

	if (x->lines != NULL)
		tui_wrap_free(x->lines, x->nlines);
	free(x->title);
	free(x->text);
	free(x->query);
	free(x->query_typed);
	free(x);
}

static const struct screen_ops text_ops = {
	.name = N_("Text"),
	.keys = text_keys,
	.draw = text_draw,
	.action = text_action,
	.destroy = text_destroy,
};

struct screen *
scr_text_new(struct tui *t, const char *title, const char *text)
{
	struct textscr *x = sd_xcalloc(1, sizeof *x);

	x->base.ops = &text_ops;
	x->base.tui = t;
	x->title = sd_xstrdup(title);
	x->text = sd_xstrdup(text != NULL ? text : "");
	return &x->base;
}
