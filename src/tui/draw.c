/*
 * Drawing text by display width, and the colour roles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "sedesk/text.h"
#include "tui.h"

static bool use_color;

void
tui_colors_init(bool color);
void
tui_colors_init(bool color)
{
	use_color = color;
	if (!color)
		return;
	start_color();
	use_default_colors();
#define X(name, fg, bg, color_attr, mono_attr) \
	init_pair(ROLE_##name + 1, (fg), (bg));
	TUI_ROLES
#undef X
}

attr_t
tui_attr(enum tui_role role)
{
	static const attr_t color_attrs[] = {
#define X(name, fg, bg, color_attr, mono_attr) color_attr,
		TUI_ROLES
#undef X
	};
	static const attr_t mono_attrs[] = {
#define X(name, fg, bg, color_attr, mono_attr) mono_attr,
		TUI_ROLES
#undef X
	};

	if (!use_color)
		return mono_attrs[role];
	if (role == ROLE_NORMAL)
		return A_NORMAL;
	return color_attrs[role] | COLOR_PAIR(role + 1);
}

/* Width of one code point on the terminal: 0 for combining marks, 2 for wide. */
static int
cp_width(utf8proc_int32_t cp)
{
	int w = utf8proc_charwidth(cp);

	return w < 0 ? 1 : w;
}

/*
 * Walks the visible form of s, calling back with each character's bytes
 * and width; stops when fn returns false.
 */
static void
walk(const char *v, bool (*fn)(const char *p, size_t n, int w, void *arg), void *arg)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)v;

	while (*p != '\0') {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0) {
			n = 1;
			cp = '?';
		}
		if (!fn((const char *)p, (size_t)n, cp_width(cp), arg))
			return;
		p += n;
	}
}

static bool
add_width(const char *p, size_t n, int w, void *arg)
{
	(void)p;
	(void)n;
	*(int *)arg += w;
	return true;
}

int
tui_width(const char *s)
{
	return sd_text_width(s);
}

struct cut_state {
	struct sd_buf	*b;
	int		 left;
};

static bool
cut_char(const char *p, size_t n, int w, void *arg)
{
	struct cut_state *st = arg;

	if (w > st->left)
		return false;
	sd_buf_add(st->b, p, n);
	st->left -= w;
	return true;
}

void
tui_cut(const char *s, int width, char *out, size_t size)
{
	struct sd_buf b = { 0 };
	char *v = sd_visible(s != NULL ? s : "", false);
	struct cut_state st = { &b, width };

	/* Room for "…" when the whole does not fit. */
	if (tui_width(v) > width)
		st.left = width - 1;
	walk(v, cut_char, &st);
	if (tui_width(v) > width)
		sd_buf_adds(&b, "…");
	snprintf(out, size, "%s", b.data != NULL ? b.data : "");
	sd_buf_free(&b);
	free(v);
}

struct put_state {
	int	left;		/* columns still free */
	int	total;		/* the text's full width */
	int	used;
	bool	cut;
};

static bool
put_char(const char *p, size_t n, int w, void *arg)
{
	struct put_state *st = arg;

	/* Keep one column for "…" when the text does not fit. */
	if (st->used + w > st->left - (st->total > st->left ? 1 : 0)) {
		st->cut = true;
		return false;
	}
	addnstr(p, (int)n);
	st->used += w;
	return true;
}

void
tui_put(int y, int x, int width, const char *s, attr_t a)
{
	struct put_state st = { 0 };
	char *v;

	if (width <= 0)
		return;
	v = sd_visible(s ? s : "", false);
	/* Tabs and newlines became ^I/^J; a list shows one line. */
	st.left = width;
	walk(v, add_width, &st.total);
	attrset(a);
	move(y, x);
	walk(v, put_char, &st);
	if (st.cut && st.used < width) {
		addstr("…");
		st.used++;
	}
	for (; st.used < width; st.used++)
		addch(' ');
	attrset(A_NORMAL);
	free(v);
}

void
tui_fill(int y, int x, int width, attr_t a)
{
	attrset(a);
	mvhline(y, x, ' ', width);
	attrset(A_NORMAL);
}

void
tui_dept_code(const char *id, char *out, size_t n)
{
	size_t i;

	for (i = 0; id[i] != '\0' && i + 1 < n; i++)
		out[i] = (id[i] >= 'a' && id[i] <= 'z') ? (char)(id[i] - 'a' + 'A') : id[i];
	out[i] = '\0';
}

void
tui_route_summary(const struct sd_route *r, size_t n, char *out, size_t size)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && len + 1 < size; i++) {
		char code[16];
		tui_dept_code(r[i].dept, code, sizeof code);
		len += (size_t)snprintf(out + len, size - len, "%s%s%s", i ? " " : "", code,
		    sd_route_symbol(r[i].state));
		if (len >= size)
			len = size - 1;
	}
}

int
tui_put_wrapped(int y, int x, int width, int max_lines, const char *s, attr_t a)
{
	char *copy = sd_visible(s ? s : "", false), *save = NULL;
	struct sd_buf line = { 0 };
	int lines = 0;

	for (char *w = strtok_r(copy, " ", &save); w != NULL && lines < max_lines;
	    w = strtok_r(NULL, " ", &save)) {
		struct sd_buf next = { 0 };
		sd_buf_addf(&next, "%s%s%s", line.data ? line.data : "", line.len ? " " : "", w);
		if (line.len > 0 && tui_width(next.data) > width && lines + 1 < max_lines) {
			if (y >= 0)
				tui_put(y + lines, x, width, line.data, a);
			lines++;
			sd_buf_reset(&line);
			sd_buf_adds(&line, w);
		} else {
			sd_buf_reset(&line);
			sd_buf_adds(&line, next.data);
		}
		sd_buf_free(&next);
	}
	if (line.len > 0 && lines < max_lines) {
		if (y >= 0)
			tui_put(y + lines, x, width, line.data, a);
		lines++;
	}
	sd_buf_free(&line);
	free(copy);
	return lines;
}

static struct {
	bool	want;
	int	y, x;
} cursor;

void
tui_cursor_forget(void)
{
	cursor.want = false;
}

void
tui_cursor_want(int y, int x)
{
	cursor.want = true;
	cursor.y = y;
	cursor.x = x;
	move(y, x);
	curs_set(1);
}

void
tui_cursor_place(void)
{
	if (cursor.want) {
		move(cursor.y, cursor.x);
		curs_set(1);
	} else
		curs_set(0);
}
