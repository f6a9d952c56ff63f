/*
 * The contact moments list: every moment the caller sees, or one
 * enterprise's, newest first; Enter opens one, a plans or records one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "tui.h"

#define PAGE 200

struct moments {
	struct screen		 base;
	bool			 of_ent;
	uint8_t			 ent[SD_UUID_LEN];
	char			*ent_name;
	struct sd_moment_filter	 filter;
	struct sd_moment_rows	 rows;
	struct listview		 lv;
};

static const struct tui_key moments_keys[] = {
	{ 'a', ACT_NEW_MOMENT, "a", N_("plan or record a contact moment"), N_("add") },
	{ 'm', ACT_FILTER_MINE, "m", N_("only my moments (again: all)"), N_("mine") },
	{ 0 },
};

static void
moments_reload(struct screen *s)
{
	struct moments *c = (struct moments *)s;
	char id[SD_UUID_STR];
	struct sd_error err;

	sd_moment_rows_free(&c->rows);
	c->lv.n = 0;
	if (c->of_ent) {
		sd_uuid_format(c->ent, id);
		c->filter.enterprise = id;
	}
	if (sd_moment_list(s->tui->desk, &c->filter, PAGE, &c->rows, &err) != SD_OK) {
		c->filter.enterprise = NULL;
		tui_error(s->tui, &err);
		return;
	}
	c->filter.enterprise = NULL;
	c->lv.n = c->rows.n;
	c->lv.more = false;
	if (c->lv.sel >= c->lv.n)
		c->lv.sel = c->lv.n > 0 ? c->lv.n - 1 : 0;
	lv_scroll(&c->lv, c->lv.height);
}

/*
 * The widths of the state and kind columns: their translated heads and
 * every word they can hold, in terminal columns (printf pads bytes).
 */
static void
moment_widths(int *wstate, int *wkind)
{
	*wstate = tui_width(_("State"));
	for (int i = SD_MOMENT_PLANNED; i < SD_MOMENT_STATE_COUNT; i++)
		*wstate = max_int(*wstate, tui_width(sd_moment_state_label(i)));
	*wkind = tui_width(_("Kind"));
	for (int i = SD_CHANNEL_NONE + 1; i < SD_CHANNEL_COUNT; i++)
		*wkind = max_int(*wkind, tui_width(sd_channel_label(i)));
}

/* One row: time, state, kind, enterprise, the report's first line. */
void
tui_moment_row(const struct sd_moment_row *r, struct sd_buf *b)
{
	char tm[17], *first = sd_first_line(r->m.text ? r->m.text : ""), ent[128];
	int wstate, wkind;

	moment_widths(&wstate, &wkind);
	sd_moment_time_format(r->m.at, r->m.timed, tm);
	if (r->m.timed)
		tm[10] = ' ';
	sd_buf_add_padded(b, tm, 18);
	sd_buf_add_padded(b, sd_moment_state_label(r->m.state), wstate + 1);
	sd_buf_add_padded(b, sd_channel_label(r->m.kind), wkind + 1);
	/* The enterprise's name cut to its column, at a character's edge. */
	tui_cut(r->enterprise_name ? r->enterprise_name : "", 24, ent, sizeof ent);
	sd_buf_add_padded(b, ent, 26);
	sd_buf_adds(b, first);
	free(first);
}

static void
row_text(size_t i, struct sd_buf *b, void *arg)
{
	tui_moment_row(&((struct moments *)arg)->rows.items[i], b);
}

static void
moments_draw(struct screen *s, int top, int height)
{
	struct moments *c = (struct moments *)s;
	struct sd_buf b = { 0 };

	sd_buf_adds(&b, _("Contact moments"));
	if (c->of_ent && c->ent_name != NULL)
		sd_buf_addf(&b, " · %s", c->ent_name);
	if (c->filter.mine)
		sd_buf_addf(&b, " · %s", _("mine"));
	if (c->lv.n > 0)
		sd_buf_addf(&b, "  (%zu%s)", c->lv.n, c->rows.more ? "+" : "");
	tui_put(top, 1, COLS - 2, b.data, tui_attr(ROLE_HEADER));
	sd_buf_reset(&b);
	{
		int wstate, wkind;
		moment_widths(&wstate, &wkind);
		sd_buf_add_padded(&b, _("Time"), 18);
		sd_buf_add_padded(&b, _("State"), wstate + 1);
		sd_buf_add_padded(&b, _("Kind"), wkind + 1);
		sd_buf_add_padded(&b, _("Enterprise"), 26);
		sd_buf_adds(&b, _("Report"));
	}
	tui_put(top + 1, 1, COLS - 2, b.data, tui_attr(ROLE_DIM));
	sd_buf_free(&b);
	if (c->lv.n == 0)
		tui_put(top + 3, 3, COLS - 4, _("No contact moments."), tui_attr(ROLE_DIM));
	lv_draw(&c->lv, top + 2, 1, COLS - 2, height - 2, row_text, c);
}

static bool
moments_action(struct screen *s, enum tui_action a)
{
	struct moments *c = (struct moments *)s;
	struct tui *t = s->tui;

	switch (a) {
	case ACT_OPEN:
		if (c->lv.n > 0)
			tui_push(t, scr_moment_new(t, c->rows.items[c->lv.sel].m.id));
		return true;
	case ACT_NEW_MOMENT:
		tui_push(t, scr_momentform_new(t, c->of_ent ? c->ent : NULL, NULL));
		return true;
	case ACT_FILTER_MINE:
		c->filter.mine = !c->filter.mine;
		c->lv.sel = c->lv.top = 0;
		moments_reload(s);
		return true;
	default:
		lv_action(&c->lv, a);
		return a >= ACT_UP && a <= ACT_END;
	}
}

static void
moments_click(struct screen *s, int y)
{
	lv_click(&((struct moments *)s)->lv, y);
}

static void
moments_destroy(struct screen *s)
{
	struct moments *c = (struct moments *)s;

	sd_moment_rows_free(&c->rows);
	free(c->ent_name);
	free(c);
}

static const struct screen_ops moments_ops = {
	.name = N_("Contact moments"),
	.keys = moments_keys,
	.list_keys = true,
	.draw = moments_draw,
	.action = moments_action,
	.click = moments_click,
	.reload = moments_reload,
	.destroy = moments_destroy,
};

struct screen *
scr_moments_new(struct tui *t, const uint8_t *ent)
{
	struct moments *c = sd_xcalloc(1, sizeof *c);

	c->base.ops = &moments_ops;
	c->base.tui = t;
	c->filter.from = c->filter.to = SD_NO_DAY;
	c->lv.height = tui_content_height() - 2;
	if (ent != NULL) {
		struct sd_enterprise e;
		struct sd_error err;
		char id[SD_UUID_STR];

		c->of_ent = true;
		memcpy(c->ent, ent, SD_UUID_LEN);
		sd_uuid_format(ent, id);
		if (sd_enterprise_get(t->desk, id, &e, &err) == SD_OK) {
			c->ent_name = sd_xstrdup(e.f[SD_EF_NAME]);
			sd_enterprise_free(&e);
		}
	}
	moments_reload(&c->base);
	return &c->base;
}
