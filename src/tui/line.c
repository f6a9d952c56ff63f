/*
 * A one-line text editor for forms and prompts, working on UTF-8 by
 * characters: Backspace removes a whole character with its accents.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "sedesk/text.h"
#include "tui.h"

void
tui_line_set(struct tui_line *l, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (l->max == 0)
		l->max = 1000;
	if (n > l->max)
		n = l->max;
	if (l->cap < n + 1) {
		l->cap = n + 64;
		l->buf = sd_xrealloc(l->buf, l->cap);
	}
	memcpy(l->buf, s ? s : "", n);
	l->buf[n] = '\0';
	l->len = l->cursor = n;
}

void
tui_line_free(struct tui_line *l)
{
	free(l->buf);
	memset(l, 0, sizeof *l);
}

static bool
is_mark(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME ||
	    c == UTF8PROC_CATEGORY_MC;
}

/* The code point starting at byte i. */
static utf8proc_int32_t
cp_at(const struct tui_line *l, size_t i)
{
	utf8proc_int32_t cp = -1;

	utf8proc_iterate((const utf8proc_uint8_t *)l->buf + i, (utf8proc_ssize_t)(l->len - i), &cp);
	return cp;
}

static size_t
prev_cp(const struct tui_line *l, size_t i)
{
	if (i == 0)
		return 0;
	do
		i--;
	while (i > 0 && ((unsigned char)l->buf[i] & 0xc0) == 0x80);
	return i;
}

static size_t
next_cp(const struct tui_line *l, size_t i)
{
	if (i >= l->len)
		return l->len;
	do
		i++;
	while (i < l->len && ((unsigned char)l->buf[i] & 0xc0) == 0x80);
	return i;
}

/* Character boundaries: a base character and the marks that follow it. */
static size_t
prev_char(const struct tui_line *l, size_t i)
{
	i = prev_cp(l, i);
	while (i > 0 && is_mark(cp_at(l, i)))
		i = prev_cp(l, i);
	return i;
}

static size_t
next_char(const struct tui_line *l, size_t i)
{
	i = next_cp(l, i);
	while (i < l->len && is_mark(cp_at(l, i)))
		i = next_cp(l, i);
	return i;
}

static void
cut(struct tui_line *l, size_t from, size_t to)
{
	memmove(l->buf + from, l->buf + to, l->len - to + 1);
	l->len -= to - from;
	l->cursor = from;
}

static void
insert(struct tui_line *l, int cp)
{
	utf8proc_uint8_t enc[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, enc);

	if (n <= 0 || l->len + (size_t)n > l->max)
		return;
	if (l->cap < l->len + (size_t)n + 1) {
		l->cap = (l->len + (size_t)n + 1) * 2;
		l->buf = sd_xrealloc(l->buf, l->cap);
	}
	memmove(l->buf + l->cursor + n, l->buf + l->cursor, l->len - l->cursor + 1);
	memcpy(l->buf + l->cursor, enc, (size_t)n);
	l->len += (size_t)n;
	l->cursor += (size_t)n;
}

bool
tui_line_key(struct tui_line *l, int key)
{
	if (l->buf == NULL)
		tui_line_set(l, "");
	switch (key) {
	case TK(KEY_BACKSPACE):
	case 127:
	case 8:
		if (l->cursor > 0)
			cut(l, prev_char(l, l->cursor), l->cursor);
		return true;
	case TK(KEY_DC):
	case TUI_CTRL('d'):
		if (l->cursor < l->len) {
			size_t at = l->cursor;
			cut(l, at, next_char(l, at));
		}
		return true;
	case TK(KEY_LEFT):
	case TUI_CTRL('b'):
		l->cursor = prev_char(l, l->cursor);
		return true;
	case TK(KEY_RIGHT):
	case TUI_CTRL('f'):
		l->cursor = next_char(l, l->cursor);
		return true;
	case TK(KEY_HOME):
	case TUI_CTRL('a'):
		l->cursor = 0;
		return true;
	case TK(KEY_END):
	case TUI_CTRL('e'):
		l->cursor = l->len;
		return true;
	case TUI_CTRL('u'):
		cut(l, 0, l->cursor);
		return true;
	case TUI_CTRL('k'):
		l->buf[l->cursor] = '\0';
		l->len = l->cursor;
		return true;
	case TUI_CTRL('w'): {
		size_t i = l->cursor;
		while (i > 0 && l->buf[i - 1] == ' ')
			i--;
		while (i > 0 && l->buf[i - 1] != ' ')
			i--;
		cut(l, i, l->cursor);
		return true;
	}
	default:
		break;
	}
	if ((key & TUI_FKEY) || key < 32 || key == 127 || (key >= 0x80 && key < 0xa0))
		return false;
	insert(l, key);
	return true;
}

void
tui_line_draw(const struct tui_line *l, int y, int x, int width, bool focus)
{
	const char *s = l->buf ? l->buf : "";
	size_t start = 0;
	int before;
	char *head;

	/* Scroll so that the cursor stays inside the field; unfocused, show the start. */
	for (;;) {
		if (!focus) {
			before = 0;
			break;
		}
		head = sd_xstrndup(s + start, l->cursor - start);
		before = tui_width(head);
		free(head);
		if (before < width || start >= l->cursor)
			break;
		start = next_char(l, start);
	}
	tui_put(y, x, width, s + start, tui_attr(focus ? ROLE_FOCUS : ROLE_FIELD));
	if (focus)
		tui_cursor_want(y, x + before);
}
