/*
 * The opportunities list (by deadline, with the days left and the value)
 * and the opportunity screen: its fields and lots with their effect, the
 * enterprises that fit it (the matching, best first, with their reasons),
 * the invited, the responses and the awards.  On a match: i invites it (a
 * contact moment), w awards it the whole or a lot, Enter opens it.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/money.h"
#include "sedesk/opportunity.h"
#include "sedesk/text.h"
#include "sedesk/words.h"
#include "tui.h"

#define OPPS_MAX	500
#define MATCHES_MAX	50
/* A lot under this is within reach of a small enterprise (the example). */
#define SMALL_LOT	3000000

/* "12 days", "today", "3 days ago" or "" (no deadline). */
static void
countdown(sd_day deadline, sd_day today, char *out, size_t n)
{
	int d = deadline - today;

	if (deadline == SD_NO_DAY)
		snprintf(out, n, "-");
	else if (d == 0)
		snprintf(out, n, "%s", _("today"));
	else if (d > 0)
		snprintf(out, n, ngettext("%d day", "%d days", d), d);
	else
		snprintf(out, n, ngettext("%d day ago", "%d days ago", -d), -d);
}

/* --- the list ---------------------------------------------------------------------- */

struct opplist {
	struct screen		 base;
	struct sd_opp_rows	 rows;
	struct listview		 lv;
};

static const struct tui_key opplist_keys[] = {
	{ 'a', ACT_NEW_OPPORTUNITY, "a", N_("record an opportunity"), N_("add") },
	{ 0 },
};

static void
opplist_reload(struct screen *s)
{
	struct opplist *l = (struct opplist *)s;
	struct sd_opp_filter f = { 0 };
	struct sd_error err;

	sd_opp_rows_free(&l->rows);
	l->lv.n = 0;
	if (sd_opp_list(s->tui->desk, &f, OPPS_MAX, &l->rows, &err) != SD_OK) {
		tui_error(s->tui, &err);
		return;
	}
	l->lv.n = l->rows.n;
	lv_scroll(&l->lv, l->lv.height);
}

static void
opplist_draw(struct screen *s, int top, int height)
{
	struct opplist *l = (struct opplist *)s;
	struct sd_buf b = { 0 };
	sd_day today = sd_desk_today(s->tui->desk);
	int wd = 11, wl = 13, wv = 16, ws = 8, wt = COLS - 2 - wd - wl - wv - ws - 4;

	sd_buf_addf(&b, _("Opportunities (%zu%s)"), l->lv.n, l->rows.more ? "+" : "");
	tui_put(top, 1, COLS - 2, b.data, tui_attr(ROLE_HEADER));
	sd_buf_free(&b);
	tui_put(top + 1, 1, wd, _("Deadline"), tui_attr(ROLE_DIM));
	tui_put(top + 1, 2 + wd, wl, _("Left"), tui_attr(ROLE_DIM));
	tui_put(top + 1, 3 + wd + wl, wv, _("Value"), tui_attr(ROLE_DIM));
	tui_put(top + 1, 4 + wd + wl + wv, ws, _("Status"), tui_attr(ROLE_DIM));
	tui_put(top + 1, 5 + wd + wl + wv + ws, wt, _("Title"), tui_attr(ROLE_DIM));
	l->lv.y0 = top + 2;
	lv_scroll(&l->lv, height - 2);
	if (l->lv.n == 0)
		tui_put(top + 3, 3, COLS - 4, _("No opportunities (a records one)."),
		    tui_attr(ROLE_DIM));
	for (int i = 0; i < height - 2 && l->lv.top + (size_t)i < l->lv.n; i++) {
		size_t r = l->lv.top + (size_t)i;
		const struct sd_opportunity *o = &l->rows.items[r];
		attr_t a = tui_attr(r == l->lv.sel ? ROLE_SELECTED : ROLE_NORMAL);
		char day[11] = "-", left[32], value[SD_MONEY_STR];
		int y = top + 2 + i;

		if (o->deadline != SD_NO_DAY)
			sd_day_format(o->deadline, day);
		countdown(o->deadline, today, left, sizeof left);
		sd_money_format(o->value, value);
		sd_buf_addf(&b, "%s%s", o->title, o->reserved ? _(" (reserved)") : "");
		tui_fill(y, 0, COLS, a);
		tui_put(y, 1, wd, day, a);
		tui_put(y, 2 + wd, wl, left, a);
		tui_put(y, 3 + wd + wl, wv, value, a);
		tui_put(y, 4 + wd + wl + wv, ws, sd_opp_status_label(o->status), a);
		tui_put(y, 5 + wd + wl + wv + ws, wt, b.data, a);
		sd_buf_free(&b);
	}
}

static bool
opplist_action(struct screen *s, enum tui_action a)
{
	struct opplist *l = (struct opplist *)s;
	struct tui *t = s->tui;

	switch (a) {
	case ACT_OPEN:
		if (l->lv.n > 0)
			tui_push(t, scr_opportunity_new(t, l->rows.items[l->lv.sel].id));
		return true;
	case ACT_NEW_OPPORTUNITY:
		tui_push(t, scr_oppform_new(t));
		return true;
	default:
		lv_action(&l->lv, a);
		return a >= ACT_UP && a <= ACT_END;
	}
}

static void
opplist_click(struct screen *s, int y)
{
	lv_click(&((struct opplist *)s)->lv, y);
}

static void
opplist_destroy(struct screen *s)
{
	struct opplist *l = (struct opplist *)s;

	sd_opp_rows_free(&l->rows);
	free(l);
}

static const struct screen_ops opplist_ops = {
	.name = N_("Opportunities"),
	.keys = opplist_keys,
	.list_keys = true,
	.draw = opplist_draw,
	.action = opplist_action,
	.click = opplist_click,
	.reload = opplist_reload,
	.destroy = opplist_destroy,
};

struct screen *
scr_opportunities_new(struct tui *t)
{
	struct opplist *l = sd_xcalloc(1, sizeof *l);

	l->base.ops = &opplist_ops;
	l->base.tui = t;
	l->lv.height = tui_content_height() - 2;
	opplist_reload(&l->base);
	return &l->base;
}

/* --- one opportunity ------------------------------------------------------------------- */

struct oppscr {
	struct screen		 base;
	uint8_t			 id[SD_UUID_LEN];
	struct sd_opp_view	 v;
	struct sd_opp_matches	 m;
	bool			 loaded;
	size_t			 sel;		/* among the matches */
	int			 top;
};

static const struct tui_key opp_keys[] = {
	{ 'i', ACT_OPP_INVITE, "i", N_("invite the enterprise (a contact moment)"),
	    N_("invite") },
	{ 'w', ACT_OPP_AWARD, "w", N_("award it the whole or a lot"), N_("award") },
	{ 'j', ACT_DOWN, "j ↓", N_("next enterprise"), NULL },
	{ TK(KEY_DOWN), ACT_DOWN, NULL, NULL, NULL },
	{ 'k', ACT_UP, "k ↑", N_("previous enterprise"), NULL },
	{ TK(KEY_UP), ACT_UP, NULL, NULL, NULL },
	{ '\n', ACT_OPEN, "Enter", N_("open the enterprise"), NULL },
	{ TK(KEY_ENTER), ACT_OPEN, NULL, NULL, NULL },
	{ 0 },
};

static void
opp_reload(struct screen *s)
{
	struct oppscr *c = (struct oppscr *)s;
	struct sd_error err;
	char id[SD_UUID_STR];

	if (c->loaded) {
		sd_opp_view_free(&c->v);
		sd_opp_matches_free(&c->m);
	}
	c->loaded = false;
	sd_uuid_format(c->id, id);
	if (sd_opp_get(s->tui->desk, id, &c->v, &err) != SD_OK) {
		tui_error(s->tui, &err);
		return;
	}
	if (sd_opp_match(s->tui->desk, id, MATCHES_MAX, &c->m, &err) != SD_OK) {
		sd_opp_view_free(&c->v);
		tui_error(s->tui, &err);
		return;
	}
	c->loaded = true;
	if (c->sel >= c->m.n)
		c->sel = c->m.n > 0 ? c->m.n - 1 : 0;
}

static void
field(int *y, const char *label, const char *value)
{
	tui_put(*y, 3, 16, label, tui_attr(ROLE_DIM));
	tui_put((*y)++, 20, COLS - 21, value ? value : "-", tui_attr(ROLE_NORMAL));
}

static bool
invited(const struct sd_opp_view *v, const uint8_t ent[SD_UUID_LEN])
{
	for (size_t i = 0; i < v->ninvites; i++)
		if (memcmp(v->invites[i].enterprise, ent, SD_UUID_LEN) == 0)
			return true;
	return false;
}

static void
opp_draw(struct screen *s, int top, int height)
{
	struct oppscr *c = (struct oppscr *)s;
	const struct sd_opportunity *o = &c->v.o;
	struct sd_buf b = { 0 };
	char day[11], left[32], value[SD_MONEY_STR];
	int y = top, last = top + height - 1;
	size_t small = 0;

	if (!c->loaded)
		return;
	sd_buf_addf(&b, "%s  [%s, %s]", o->title, sd_opp_kind_label(o->kind),
	    sd_opp_status_label(o->status));
	tui_put(y++, 1, COLS - 2, b.data, tui_attr(ROLE_HEADER));
	field(&y, _("Department"), o->dept ? sd_dept_words(&s->tui->desk->cfg, o->dept) : NULL);
	sd_money_format(o->value, value);
	sd_buf_reset(&b);
	sd_buf_adds(&b, value);
	if (o->sroi > 0)
		sd_buf_addf(&b, _("; social return %d%%"), o->sroi);
	field(&y, _("Value"), b.data);
	if (o->deadline != SD_NO_DAY) {
		sd_day_format(o->deadline, day);
		countdown(o->deadline, sd_desk_today(s->tui->desk), left, sizeof left);
		sd_buf_reset(&b);
		sd_buf_addf(&b, "%s (%s)", day, left);
		field(&y, _("Deadline"), b.data);
	}
	if (o->criteria != NULL)
		field(&y, _("CSR criteria"), o->criteria);
	if (o->nace != NULL || o->needs != NULL) {
		sd_buf_reset(&b);
		sd_buf_addf(&b, "%s%s%s", o->nace ? o->nace : "", o->nace && o->needs ? "; " : "",
		    o->needs ? o->needs : "");
		field(&y, _("Looks for"), b.data);
	}
	for (size_t i = 0; i < c->v.nlots && y < last; i++) {
		sd_money_format(c->v.lots[i].value, value);
		sd_buf_reset(&b);
		sd_buf_addf(&b, "%u. %s  %s%s", c->v.lots[i].no, c->v.lots[i].title, value,
		    c->v.lots[i].reserved || o->reserved ? _("  reserved") : "");
		field(&y, i == 0 ? _("Lots") : "", b.data);
		small += c->v.lots[i].value < SMALL_LOT;
	}
	/* The lots' effect: how many are within reach, and of how many that fit. */
	if (small > 0 && y < last) {
		sd_money_format(SMALL_LOT, value);
		sd_buf_reset(&b);
		sd_buf_addf(&b, ngettext("%zu lot under %s: within reach of %zu registered "
		    "enterprises that fit", "%zu lots under %s each: within reach of %zu registered "
		    "enterprises that fit", small), small, value, c->m.n);
		tui_put(y++, 20, COLS - 21, b.data, tui_attr(ROLE_GOOD));
	}
	sd_buf_reset(&b);
	sd_buf_addf(&b, _("Invited %zu · responses %zu · awards %zu"), c->v.ninvites,
	    c->v.nresponses, c->v.nawards);
	field(&y, _("So far"), b.data);
	for (size_t i = 0; i < c->v.nawards && y < last; i++) {
		const struct sd_opp_award *w = &c->v.awards[i];
		sd_money_format(w->value, value);
		sd_buf_reset(&b);
		if (w->lot > 0)
			sd_buf_addf(&b, _("lot %u: "), w->lot);
		sd_buf_addf(&b, "%s  %s", w->name, value);
		if (sd_opp_award_unfulfilled(w, sd_desk_today(s->tui->desk)))
			sd_buf_addf(&b, _(" — UNFULFILLED: the contract ended"));
		field(&y, i == 0 ? _("Awarded") : "", b.data);
	}
	for (size_t i = 0; i < c->v.nresponses && y < last; i++) {
		sd_buf_reset(&b);
		sd_buf_addf(&b, "%s%s%s", c->v.responders[i].name,
		    c->v.responses[i].text ? ": " : "",
		    c->v.responses[i].text ? c->v.responses[i].text : "");
		field(&y, i == 0 ? _("Responses") : "", b.data);
	}
	y++;
	if (y > last) {
		sd_buf_free(&b);
		return;
	}
	sd_buf_reset(&b);
	sd_buf_addf(&b, _("Enterprises that fit (%zu), best first"), c->m.n);
	tui_put(y++, 1, COLS - 2, b.data, tui_attr(ROLE_HEADER));
	if (c->m.n == 0 && y <= last)
		tui_put(y, 3, COLS - 4, _("None: give the opportunity NACE codes or needs."),
		    tui_attr(ROLE_DIM));
	/* Two lines a match: the name, then its reasons; scrolled to keep the selection. */
	{
		int rows = (last - y + 1) / 2;
		if (rows < 1)
			rows = 1;
		if ((int)c->sel < c->top)
			c->top = (int)c->sel;
		if ((int)c->sel >= c->top + rows)
			c->top = (int)c->sel - rows + 1;
	}
	for (size_t i = (size_t)c->top; i < c->m.n && y + 1 <= last; i++) {
		const struct sd_opp_match *m = &c->m.items[i];
		attr_t a = tui_attr(i == c->sel ? ROLE_SELECTED : ROLE_NORMAL);
		sd_buf_reset(&b);
		sd_buf_addf(&b, "%2zu. %s%s%s%s%s", i + 1, m->name, m->number ? " (" : "",
		    m->number ? m->number : "", m->number ? ")" : "",
		    invited(&c->v, m->enterprise) ? _("  · invited") : "");
		tui_fill(y, 0, COLS, a);
		tui_put(y++, 3, COLS - 4, b.data, a);
		tui_put(y++, 7, COLS - 8, m->reasons ? m->reasons : "", tui_attr(ROLE_DIM));
	}
	sd_buf_free(&b);
}

static void
done(struct oppscr *c, sd_status s, const struct sd_error *err, const char *what)
{
	if (s != SD_OK)
		tui_error(c->base.tui, err);
	else
		tui_message(c->base.tui, ROLE_GOOD, "%s", what);
	opp_reload(&c->base);
}

/* Awards the selected enterprise: the lot (when there are lots) and the value asked. */
static void
award(struct oppscr *c, const char *ent, const char *opp)
{
	struct tui *t = c->base.tui;
	struct sd_opp_award_input in = { .enterprise = ent };
	struct sd_error err;
	char *value;

	if (c->v.nlots > 0) {
		const char **items = sd_xcalloc(c->v.nlots, sizeof *items);
		char **texts = sd_xcalloc(c->v.nlots, sizeof *texts);
		int k;
		for (size_t i = 0; i < c->v.nlots; i++) {
			struct sd_buf b = { 0 };
			char v[SD_MONEY_STR];
			sd_money_format(c->v.lots[i].value, v);
			sd_buf_addf(&b, "%u. %s  %s%s", c->v.lots[i].no, c->v.lots[i].title, v,
			    c->v.lots[i].reserved || c->v.o.reserved ? _("  reserved") : "");
			texts[i] = sd_buf_take(&b);
			items[i] = texts[i];
		}
		k = tui_choose(t, _("Which lot?"), items, c->v.nlots, 0);
		for (size_t i = 0; i < c->v.nlots; i++)
			free(texts[i]);
		free(texts);
		free(items);
		if (k < 0)
			return;
		in.lot = c->v.lots[k].no;
	}
	if ((value = tui_prompt(t, _("Awarded value (euro)"), "")) == NULL)
		return;
	in.value = value;
	done(c, sd_opp_award(t->desk, opp, &in, &err), &err, _("awarded."));
	free(value);
}

static bool
opp_action(struct screen *s, enum tui_action a)
{
	struct oppscr *c = (struct oppscr *)s;
	struct tui *t = s->tui;
	const struct sd_opp_match *m = c->loaded && c->sel < c->m.n ? &c->m.items[c->sel] : NULL;
	char opp[SD_UUID_STR], ent[SD_UUID_STR];
	struct sd_error err;
	size_t added;

	sd_uuid_format(c->id, opp);
	if (m != NULL)
		sd_uuid_format(m->enterprise, ent);
	switch (a) {
	case ACT_DOWN:
		if (c->loaded && c->sel + 1 < c->m.n)
			c->sel++;
		return true;
	case ACT_UP:
		if (c->sel > 0)
			c->sel--;
		return true;
	case ACT_OPEN:
		if (m != NULL)
			tui_push(t, scr_enterprise_new(t, m->enterprise));
		return true;
	case ACT_OPP_INVITE:
		if (m == NULL)
			return true;
		done(c, sd_opp_invite(t->desk, opp, (const char *[]){ ent }, 1, &added, &err), &err,
		    added > 0 ? _("invited: a contact moment was recorded.") :
		    _("already invited."));
		return true;
	case ACT_OPP_AWARD:
		if (m != NULL)
			award(c, ent, opp);
		return true;
	default:
		return false;
	}
}

static void
opp_destroy(struct screen *s)
{
	struct oppscr *c = (struct oppscr *)s;

	if (c->loaded) {
		sd_opp_view_free(&c->v);
		sd_opp_matches_free(&c->m);
	}
	free(c);
}

static const struct screen_ops opp_ops = {
	.name = N_("Opportunity"),
	.keys = opp_keys,
	.draw = opp_draw,
	.action = opp_action,
	.reload = opp_reload,
	.destroy = opp_destroy,
};

struct screen *
scr_opportunity_new(struct tui *t, const uint8_t id[SD_UUID_LEN])
{
	struct oppscr *c = sd_xcalloc(1, sizeof *c);

	c->base.ops = &opp_ops;
	c->base.tui = t;
	memcpy(c->id, id, SD_UUID_LEN);
	opp_reload(&c->base);
	if (!c->loaded) {
		free(c);
		return NULL;
	}
	return &c->base;
}
