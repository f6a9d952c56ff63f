/*
 * The list widget's movement: selection, scrolling and when to load more.
 * The rows themselves belong to the screen; the widget only counts them.
 */
#include "sedesk/text.h"
#include "tui.h"

void
lv_scroll(struct listview *lv, int height)
{
	if (height < 1)
		height = 1;
	lv->height = height;
	if (lv->n == 0) {
		lv->sel = lv->top = 0;
		return;
	}
	if (lv->sel >= lv->n)
		lv->sel = lv->n - 1;
	if (lv->sel < lv->top)
		lv->top = lv->sel;
	if (lv->sel >= lv->top + (size_t)height)
		lv->top = lv->sel - (size_t)height + 1;
	/* After the window grew, show as many rows as fit instead of blank lines. */
	if (lv->n - lv->top < (size_t)height)
		lv->top = lv->n > (size_t)height ? lv->n - (size_t)height : 0;
}

bool
lv_action(struct listview *lv, enum tui_action a)
{
	size_t page = lv->height > 1 ? (size_t)lv->height - 1 : 1;

	if (lv->n == 0)
		return false;
	switch (a) {
	case ACT_DOWN:
		if (lv->sel + 1 < lv->n)
			lv->sel++;
		break;
	case ACT_UP:
		if (lv->sel > 0)
			lv->sel--;
		break;
	case ACT_PGDN:
		lv->sel = lv->sel + page < lv->n ? lv->sel + page : lv->n - 1;
		lv->top = lv->top + page < lv->n ? lv->top + page : lv->top;
		break;
	case ACT_PGUP:
		lv->sel = lv->sel > page ? lv->sel - page : 0;
		lv->top = lv->top > page ? lv->top - page : 0;
		break;
	case ACT_HOME:
		lv->sel = lv->top = 0;
		break;
	case ACT_END:
		lv->sel = lv->n - 1;
		break;
	default:
		return false;
	}
	lv_scroll(lv, lv->height);
	/* Load ahead when the selection comes within a page of the end. */
	return lv->more && (a == ACT_END || lv->sel + page >= lv->n);
}

bool
lv_click(struct listview *lv, int y)
{
	size_t row;

	if (y < lv->y0 || y >= lv->y0 + lv->height)
		return false;
	row = lv->top + (size_t)(y - lv->y0);
	if (row >= lv->n)
		return false;
	lv->sel = row;
	return true;
}

void
lv_draw(struct listview *lv, int y, int x, int width, int height,
    void (*row)(size_t i, struct sd_buf *b, void *arg), void *arg)
{
	lv->y0 = y;
	lv_scroll(lv, height);
	for (int r = 0; r < height && lv->top + (size_t)r < lv->n; r++) {
		size_t i = lv->top + (size_t)r;
		struct sd_buf b = { 0 };

		row(i, &b, arg);
		tui_put(y + r, x, width, b.data ? b.data : "",
		    tui_attr(i == lv->sel ? ROLE_SELECTED : ROLE_NORMAL));
		sd_buf_free(&b);
	}
}
