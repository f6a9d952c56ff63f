/*
 * The enterprise screen's timeline (t on that screen): its cases, contact
 * moments, events and recognitions in one list, newest first, paged from
 * the core (sd_enterprise_timeline); Enter opens what a row refers to.
 */
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "tui.h"

#define TL_PAGE 100

void
tlv_free(struct tl_view *v)
{
	for (size_t i = 0; i < v->lv.n; i++)
		sd_timeline_item_free(&v->items[i]);
	free(v->items);
	v->items = NULL;
	v->lv.n = 0;
	v->lv.more = false;
	memset(&v->next, 0, sizeof v->next);
}

/* Loads the first page (more: the next one); keeps the selection on a reload. */
void
tlv_load(struct tui *t, struct tl_view *v, const uint8_t ent[SD_UUID_LEN], bool more)
{
	struct sd_timeline_page page;
	struct sd_error err;
	char id[SD_UUID_STR];
	size_t sel = v->lv.sel;

	if (!more)
		tlv_free(v);
	sd_uuid_format(ent, id);
	if (sd_enterprise_timeline(t->desk, id, more ? &v->next : NULL, TL_PAGE, &page, &err) !=
	    SD_OK) {
		tui_error(t, &err);
		return;
	}
	v->items = sd_xrealloc(v->items, (v->lv.n + page.n + 1) * sizeof *v->items);
	memcpy(v->items + v->lv.n, page.items, page.n * sizeof *page.items);
	v->lv.n += page.n;
	v->lv.more = page.more;
	v->next = page.next;
	free(page.items);
	v->lv.sel = sel;
	lv_scroll(&v->lv, v->lv.height);
}

void
tlv_draw(struct tl_view *v, int y, int bottom)
{
	struct sd_buf b = { 0 };
	int wkind, wstate, x[4];

	/*
	 * Columns measured in what they show (translated kinds and states).
	 * A case's number is the one reference a person reads, so it leads
	 * its title; moments and events are named by their title, never by
	 * their uuid.
	 */
	wkind = tui_width(_("Kind"));
	for (int k = SD_TL_CASE; k <= SD_TL_AWARD; k++)
		wkind = max_int(wkind, tui_width(sd_timeline_kind_label(k)));
	wstate = tui_width(_("Status"));
	for (size_t r = 0; r < v->lv.n; r++)
		wstate = max_int(wstate, tui_width(v->items[r].state ? v->items[r].state : ""));
	x[0] = 3;
	x[1] = x[0] + 10 + 2;
	x[2] = x[1] + wkind + 2;
	x[3] = x[2] + wstate + 2;
	sd_buf_addf(&b, _("Timeline, newest first (%zu%s)"), v->lv.n, v->lv.more ? "+" : "");
	tui_put(++y, 1, COLS - 2, b.data, tui_attr(ROLE_HEADER));
	sd_buf_free(&b);
	y++;
	tui_put(y, x[0], 10, _("Date"), tui_attr(ROLE_DIM));
	tui_put(y, x[1], wkind, _("Kind"), tui_attr(ROLE_DIM));
	tui_put(y, x[2], wstate, _("Status"), tui_attr(ROLE_DIM));
	tui_put(y++, x[3], COLS - x[3], _("Title"), tui_attr(ROLE_DIM));
	if (v->lv.n == 0 && y < bottom)
		tui_put(y, 3, COLS - 4, _("Nothing on the timeline yet."), tui_attr(ROLE_DIM));
	v->lv.y0 = y;
	lv_scroll(&v->lv, bottom - y);
	for (int i = 0; y < bottom && v->lv.top + (size_t)i < v->lv.n; i++, y++) {
		size_t r = v->lv.top + (size_t)i;
		const struct sd_timeline_item *it = &v->items[r];
		attr_t a = tui_attr(r == v->lv.sel ? ROLE_SELECTED : ROLE_NORMAL);
		char day[11];

		sd_day_format(sd_day_from_time(it->when), day);
		tui_fill(y, 0, COLS, a);
		tui_put(y, x[0], 10, day, a);
		tui_put(y, x[1], wkind, sd_timeline_kind_label(it->kind), a);
		tui_put(y, x[2], wstate, it->state ? it->state : "", a);
		b = (struct sd_buf){ 0 };
		sd_buf_addf(&b, "%s%s%s", it->kind == SD_TL_CASE ? it->ref : "",
		    it->kind == SD_TL_CASE ? " " : "", it->title ? it->title : "");
		tui_put(y, x[3], COLS - x[3], b.data, a);
		sd_buf_free(&b);
	}
}

/* Opens the selected row's record in its own screen. */
void
tlv_open(struct tui *t, struct tl_view *v)
{
	const struct sd_timeline_item *it;
	struct sd_case_key key;

	if (v->lv.n == 0)
		return;
	it = &v->items[v->lv.sel];
	switch (it->kind) {
	case SD_TL_CASE:
		if (sd_case_number_parse(it->ref, &key))
			tui_push(t, scr_case_new(t, key));
		return;
	case SD_TL_MOMENT:
	case SD_TL_EVENT: {
		uint8_t id[SD_UUID_LEN];
		if (!sd_uuid_parse(it->ref, id))
			break;
		tui_push(t, it->kind == SD_TL_MOMENT ? scr_moment_new(t, id) : scr_event_new(t, id));
		return;
	}
	/* A recognition is part of the enterprise itself: nothing else to open. */
	case SD_TL_AWARD: {
		uint8_t id[SD_UUID_LEN];
		if (!sd_uuid_parse(it->ref, id))
			break;
		tui_push(t, scr_opportunity_new(t, id));
		return;
	}
	case SD_TL_RECOGNITION:
		break;
	}
	tui_message(t, ROLE_DIM, _("This entry has no screen of its own to open."));
}
