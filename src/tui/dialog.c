/*
 * Modal dialogs drawn over the current screen: confirm, prompt, choose,
 * checklist.  Each runs its own small key loop and redraws on resize.
 */
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "tui.h"

struct box {
	int	y, x, h, w;
};

static struct box
box_draw(struct tui *t, int inner_h, int want_w, const char *title)
{
	struct box b;

	tui_draw(t);
	b.w = want_w + 4;
	if (b.w > COLS - 4)
		b.w = COLS - 4;
	b.h = inner_h + 2;
	if (b.h > LINES - 4)
		b.h = LINES - 4;
	b.y = (LINES - b.h) / 2;
	b.x = (COLS - b.w) / 2;
	for (int i = 0; i < b.h; i++)
		tui_fill(b.y + i, b.x, b.w, tui_attr(ROLE_NORMAL));
	attrset(tui_attr(ROLE_HEADER));
	mvaddch(b.y, b.x, ACS_ULCORNER);
	mvhline(b.y, b.x + 1, ACS_HLINE, b.w - 2);
	mvaddch(b.y, b.x + b.w - 1, ACS_URCORNER);
	mvvline(b.y + 1, b.x, ACS_VLINE, b.h - 2);
	mvvline(b.y + 1, b.x + b.w - 1, ACS_VLINE, b.h - 2);
	mvaddch(b.y + b.h - 1, b.x, ACS_LLCORNER);
	mvhline(b.y + b.h - 1, b.x + 1, ACS_HLINE, b.w - 2);
	mvaddch(b.y + b.h - 1, b.x + b.w - 1, ACS_LRCORNER);
	attrset(A_NORMAL);
	if (title != NULL) {
		/* "┌─ Title ───": a space either side, as the frame reads it. */
		struct sd_buf tb = { 0 };
		int tw;
		sd_buf_addf(&tb, " %s ", title);
		tw = tui_width(tb.data);
		if (tw > b.w - 4)
			tw = b.w - 4;
		tui_put(b.y, b.x + 2, tw, tb.data, tui_attr(ROLE_HEADER));
		sd_buf_free(&tb);
	}
	return b;
}

static bool
is_yes(int key)
{
	/* TRANSLATORS: the key that answers "yes" in a confirmation (one letter). */
	const char *yes = _("y");

	return key == 'y' || key == 'Y' || key == (unsigned char)yes[0] ||
	    key == (unsigned char)yes[0] - 'a' + 'A';
}

bool
tui_confirm(struct tui *t, const char *question)
{
	for (;;) {
		int w = tui_width(question);
		struct box b = box_draw(t, 3, w > 30 ? w : 30, _("Confirm"));
		tui_put(b.y + 1, b.x + 2, b.w - 4, question, tui_attr(ROLE_NORMAL));
		tui_put(b.y + 3, b.x + 2, b.w - 4, _("y: yes    n, Esc: no"), tui_attr(ROLE_DIM));
		curs_set(0);
		refresh();
		int key = tui_getkey(t);
		if (key == TK(KEY_RESIZE))
			continue;
		if (is_yes(key))
			return true;
		if (key == 'n' || key == 'N' || key == TUI_ESC || key == 'q')
			return false;
	}
}

char *
tui_prompt(struct tui *t, const char *label, const char *initial)
{
	struct tui_line line = { .max = 2000 };
	char *out = NULL;

	tui_line_set(&line, initial);
	for (;;) {
		struct box b = box_draw(t, 4, 60, label);
		tui_put(b.y + 3, b.x + 2, b.w - 4, _("Enter: accept    Esc: cancel"),
		    tui_attr(ROLE_DIM));
		curs_set(1);
		tui_line_draw(&line, b.y + 2, b.x + 2, b.w - 4, true);
		refresh();
		int key = tui_getkey(t);
		if (key == TK(KEY_RESIZE))
			continue;
		if (key == TUI_ESC)
			break;
		if (key == '\n' || key == '\r' || key == TK(KEY_ENTER)) {
			out = sd_xstrdup(line.buf);
			break;
		}
		tui_line_key(&line, key);
	}
	curs_set(0);
	tui_line_free(&line);
	return out;
}

struct dialog_items {
	const char *const	*items;
	const bool		*checked;	/* NULL: no boxes */
};

static void
item_row(size_t i, struct sd_buf *b, void *arg)
{
	const struct dialog_items *d = arg;

	if (d->checked != NULL)
		sd_buf_addf(b, "[%s] ", d->checked[i] ? "x" : " ");
	sd_buf_adds(b, d->items[i]);
}

/* Shared by choose and checklist: a list of items in a box. */
static int
list_dialog(struct tui *t, const char *title, const char *text, const char *const *items,
    bool *checked, size_t n, int initial, const char *hint)
{
	struct listview lv = { .n = n, .sel = initial >= 0 ? (size_t)initial : 0 };
	int want = tui_width(hint), tw = tui_width(title) + 2;

	if (tw > want)
		want = tw;
	/* Text asks for the whole width there is; it wraps rather than being cut. */
	if (text != NULL && tui_width(text) > want)
		want = tui_width(text);

	for (size_t i = 0; i < n; i++) {
		int w = tui_width(items[i]) + 4;
		if (w > want)
			want = w;
	}
	for (;;) {
		int w = want + 4 > COLS - 4 ? COLS - 8 : want;
		int tl = text != NULL ? tui_put_wrapped(-1, 0, w, LINES / 2, text, A_NORMAL) + 1 : 0;
		int inner = (int)n + 2 + tl < LINES - 8 ? (int)n + 2 + tl : LINES - 8;
		struct box b = box_draw(t, inner, want, title);
		struct dialog_items d = { items, checked };

		if (text != NULL)
			tui_put_wrapped(b.y + 1, b.x + 2, b.w - 4, tl - 1, text, tui_attr(ROLE_NORMAL));
		lv_draw(&lv, b.y + 1 + tl, b.x + 2, b.w - 4, inner - 2 - tl, item_row, &d);
		tui_put(b.y + b.h - 2, b.x + 2, b.w - 4, hint, tui_attr(ROLE_DIM));
		curs_set(0);
		refresh();
		int key = tui_getkey(t);
		switch (key) {
		case TK(KEY_RESIZE):
			continue;
		case TUI_ESC:
		case 'q':
			return -1;
		case '\n':
		case '\r':
		case TK(KEY_ENTER):
			return (int)lv.sel;
		case ' ':
			if (checked != NULL)
				checked[lv.sel] = !checked[lv.sel];
			continue;
		case 'j':
		case TK(KEY_DOWN):
			lv_action(&lv, ACT_DOWN);
			continue;
		case 'k':
		case TK(KEY_UP):
			lv_action(&lv, ACT_UP);
			continue;
		default:
			if (key >= '1' && key <= '9' && (size_t)(key - '1') < n) {
				lv.sel = (size_t)(key - '1');
				if (checked != NULL)
					checked[lv.sel] = !checked[lv.sel];
				else
					return (int)lv.sel;
			}
			continue;
		}
	}
}

int
tui_choose(struct tui *t, const char *title, const char *const *items, size_t n, int initial)
{
	return list_dialog(t, title, NULL, items, NULL, n, initial,
	    _("Enter: choose    Esc: cancel"));
}

int
tui_choose_text(struct tui *t, const char *title, const char *text, const char *const *items,
    size_t n, int initial)
{
	return list_dialog(t, title, text, items, NULL, n, initial,
	    _("Enter: choose    Esc: cancel"));
}

bool
tui_checklist(struct tui *t, const char *title, const char *const *items, bool *checked,
    size_t n)
{
	return list_dialog(t, title, NULL, items, checked, n, 0,
	    _("space: tick    Enter: done    Esc: cancel")) >= 0;
}
