/*
 * The events list (by start time) and the event screen: its fields and
 * its enterprises in three lists (invited, registered, attended; a
 * platform's members), with quick attendance ticking: space ticks the
 * highlighted enterprise as attended, or takes the tick back, one write
 * per tick.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/event.h"
#include "sedesk/i18n.h"
#include "sedesk/search.h"
#include "sedesk/text.h"
#include "sedesk/words.h"
#include "tui.h"

#define EVENTS_MAX	500

/* --- the list ---------------------------------------------------------------------- */

struct evlist {
	struct screen		 base;
	struct sd_event_rows	 rows;
	struct listview		 lv;
};

static const struct tui_key evlist_keys[] = {
	{ 'a', ACT_NEW_EVENT, "a", N_("organise an event"), N_("add") },
	{ 0 },
};

static void
evlist_reload(struct screen *s)
{
	struct evlist *l = (struct evlist *)s;
	struct sd_event_filter f = { 0 };
	struct sd_error err;

	sd_event_rows_free(&l->rows);
	l->lv.n = 0;
	if (sd_event_list(s->tui->desk, &f, EVENTS_MAX, &l->rows, &err) != SD_OK) {
		tui_error(s->tui, &err);
		return;
	}
	l->lv.n = l->rows.n;
	lv_scroll(&l->lv, l->lv.height);
}

static void
evlist_draw(struct screen *s, int top, int height)
{
	struct evlist *l = (struct evlist *)s;
	struct sd_buf b = { 0 };
	int ww = 16, wk = 20, wp = 7, wt = COLS - 2 - ww - wk - wp - 3;

	sd_buf_addf(&b, _("Events (%zu%s)"), l->lv.n, l->rows.more ? "+" : "");
	tui_put(top, 1, COLS - 2, b.data, tui_attr(ROLE_HEADER));
	sd_buf_free(&b);
	tui_put(top + 1, 1, ww, _("Start"), tui_attr(ROLE_DIM));
	tui_put(top + 1, 2 + ww, wk, _("Kind"), tui_attr(ROLE_DIM));
	tui_put(top + 1, 3 + ww + wk, wt, _("Title and place"), tui_attr(ROLE_DIM));
	tui_put(top + 1, 4 + ww + wk + wt, wp, _("People"), tui_attr(ROLE_DIM));
	l->lv.y0 = top + 2;
	lv_scroll(&l->lv, height - 2);
	if (l->lv.n == 0)
		tui_put(top + 3, 3, COLS - 4, _("No events (a organises one)."), tui_attr(ROLE_DIM));
	for (int i = 0; i < height - 2 && l->lv.top + (size_t)i < l->lv.n; i++) {
		size_t r = l->lv.top + (size_t)i;
		const struct sd_event *e = &l->rows.items[r];
		attr_t a = tui_attr(r == l->lv.sel ? ROLE_SELECTED : ROLE_NORMAL);
		char when[17], people[16];
		int y = top + 2 + i;

		sd_event_time_format(e->start, when);
		snprintf(people, sizeof people, "%u", l->rows.people[r]);
		sd_buf_addf(&b, "%s — %s", e->title, e->place ? e->place : "");
		tui_fill(y, 0, COLS, a);
		tui_put(y, 1, ww, when, a);
		tui_put(y, 2 + ww, wk, sd_event_kind_label(e->kind), a);
		tui_put(y, 3 + ww + wk, wt, b.data, a);
		tui_put(y, 4 + ww + wk + wt, wp, people, a);
		sd_buf_free(&b);
	}
}

static bool
evlist_action(struct screen *s, enum tui_action a)
{
	struct evlist *l = (struct evlist *)s;
	struct tui *t = s->tui;

	switch (a) {
	case ACT_OPEN:
		if (l->lv.n > 0)
			tui_push(t, scr_event_new(t, l->rows.items[l->lv.sel].id));
		return true;
	case ACT_NEW_EVENT:
		tui_push(t, scr_eventform_new(t, NULL));
		return true;
	default:
		lv_action(&l->lv, a);
		return a >= ACT_UP && a <= ACT_END;
	}
}

static void
evlist_click(struct screen *s, int y)
{
	lv_click(&((struct evlist *)s)->lv, y);
}

static void
evlist_destroy(struct screen *s)
{
	struct evlist *l = (struct evlist *)s;

	sd_event_rows_free(&l->rows);
	free(l);
}

static const struct screen_ops evlist_ops = {
	.name = N_("Events"),
	.keys = evlist_keys,
	.list_keys = true,
	.draw = evlist_draw,
	.action = evlist_action,
	.click = evlist_click,
	.reload = evlist_reload,
	.destroy = evlist_destroy,
};

struct screen *
scr_events_new(struct tui *t)
{
	struct evlist *l = sd_xcalloc(1, sizeof *l);

	l->base.ops = &evlist_ops;
	l->base.tui = t;
	l->lv.height = tui_content_height() - 2;
	evlist_reload(&l->base);
	return &l->base;
}

/* --- one event ----------------------------------------------------------------------- */

struct evscr {
	struct screen		 base;
	uint8_t			 id[SD_UUID_LEN];
	struct sd_event_view	 v;
	bool			 loaded;
	/* The guests in the order shown: by list (state), then by name. */
	size_t			*order;
	size_t			 sel;
	int			 top;		/* the first guest line shown */
};

static const struct tui_key ev_keys[] = {
	{ ' ', ACT_TICK_ATTEND, "space", N_("tick the enterprise as attended (again: untick)"),
	    N_("tick") },
	{ 'i', ACT_INVITE, "i", N_("invite an enterprise"), N_("invite") },
	{ 'R', ACT_REGISTER, "R", N_("register the enterprise, with its number of people"),
	    N_("register") },
	{ 'n', ACT_EVENT_CASE, "n", N_("new follow-up case for the enterprise"), NULL },
	{ 'e', ACT_EDIT_EVENT, "e", N_("edit the event"), N_("edit") },
	{ 'j', ACT_DOWN, "j ↓", N_("next enterprise"), NULL },
	{ TK(KEY_DOWN), ACT_DOWN, NULL, NULL, NULL },
	{ 'k', ACT_UP, "k ↑", N_("previous enterprise"), NULL },
	{ TK(KEY_UP), ACT_UP, NULL, NULL, NULL },
	{ '\n', ACT_OPEN, "Enter", N_("open the enterprise"), NULL },
	{ TK(KEY_ENTER), ACT_OPEN, NULL, NULL, NULL },
	{ 0 },
};

static const enum sd_attend_state lists[] = {
	SD_ATTEND_MEMBER, SD_ATTEND_INVITED, SD_ATTEND_REGISTERED, SD_ATTEND_ATTENDED,
};

static const char *
list_title(enum sd_attend_state s)
{
	switch (s) {
	case SD_ATTEND_MEMBER:		return _("Members");
	case SD_ATTEND_INVITED:		return _("Invited");
	case SD_ATTEND_REGISTERED:	return _("Registered");
	case SD_ATTEND_ATTENDED:	return _("Attended");
	default:			return "?";
	}
}

/* A platform has members and invitations; its meetings have the rest. */
static bool
list_shown(const struct sd_event *e, enum sd_attend_state s)
{
	if (s == SD_ATTEND_INVITED)
		return true;
	return (s == SD_ATTEND_MEMBER) == (e->kind == SD_EVENT_PLATFORM);
}

static void
ev_reload(struct screen *s)
{
	struct evscr *c = (struct evscr *)s;
	struct sd_error err;
	char id[SD_UUID_STR];
	uint8_t keep[SD_UUID_LEN] = { 0 };
	bool had = c->loaded && c->sel < c->v.nguests;
	size_t n = 0;

	if (had)
		memcpy(keep, c->v.guests[c->order[c->sel]].a.enterprise, SD_UUID_LEN);
	if (c->loaded)
		sd_event_view_free(&c->v);
	free(c->order);
	c->order = NULL;
	c->loaded = false;
	sd_uuid_format(c->id, id);
	if (sd_event_get(s->tui->desk, id, &c->v, &err) != SD_OK) {
		tui_error(s->tui, &err);
		return;
	}
	c->loaded = true;
	c->order = sd_xcalloc(c->v.nguests + 1, sizeof *c->order);
	for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
		for (size_t i = 0; i < c->v.nguests; i++)
			if (c->v.guests[i].a.state == lists[k])
				c->order[n++] = i;
	/* The selection stays on the same enterprise, wherever its list now is. */
	for (size_t i = 0; had && i < n; i++)
		if (memcmp(c->v.guests[c->order[i]].a.enterprise, keep, SD_UUID_LEN) == 0)
			c->sel = i;
	if (c->sel >= n)
		c->sel = n > 0 ? n - 1 : 0;
}

static const struct sd_event_guest *
selected(const struct evscr *c)
{
	return c->loaded && c->sel < c->v.nguests ? &c->v.guests[c->order[c->sel]] : NULL;
}

static void
ev_draw(struct screen *s, int top, int height)
{
	struct evscr *c = (struct evscr *)s;
	const struct sd_event *e = &c->v.ev;
	struct sd_buf b = { 0 };
	char when[17], end[17];
	int y = top, line = 0, first, last;
	size_t gi = 0;

	if (!c->loaded)
		return;
	sd_buf_addf(&b, "%s  [%s]", e->title, sd_event_kind_label(e->kind));
	tui_put(y++, 1, COLS - 2, b.data, tui_attr(ROLE_HEADER));
	sd_buf_reset(&b);
	sd_event_time_format(e->start, when);
	if (e->end != 0) {
		sd_event_time_format(e->end, end);
		sd_buf_addf(&b, "%s – %s", when, end);
	} else {
		sd_buf_adds(&b, when);
	}
	if (!c->v.started)
		sd_buf_addf(&b, "  (%s)", _("not started yet"));
	tui_put(y, 3, 12, _("When"), tui_attr(ROLE_DIM));
	tui_put(y++, 16, COLS - 17, b.data, tui_attr(ROLE_NORMAL));
	tui_put(y, 3, 12, _("Place"), tui_attr(ROLE_DIM));
	tui_put(y++, 16, COLS - 17, e->place ? e->place : "-", tui_attr(ROLE_NORMAL));
	sd_buf_reset(&b);
	{
		char *copy = sd_xstrdup(e->depts), *save = NULL;
		for (char *p = copy ? strtok_r(copy, ",", &save) : NULL; p != NULL;
		    p = strtok_r(NULL, ",", &save))
			sd_buf_addf(&b, "%s%s", b.len ? ", " : "", sd_dept_words(&s->tui->desk->cfg, p));
		free(copy);
	}
	sd_buf_adds(&b, "");
	tui_put(y, 3, 12, _("Departments"), tui_attr(ROLE_DIM));
	tui_put(y++, 16, COLS - 17, b.len ? b.data : "-", tui_attr(ROLE_NORMAL));
	sd_buf_reset(&b);
	if (e->capacity > 0)
		sd_buf_addf(&b, _("%u of %u places taken"), c->v.people, e->capacity);
	else
		sd_buf_addf(&b, _("%u people, no limit"), c->v.people);
	tui_put(y, 3, 12, _("Capacity"), tui_attr(ROLE_DIM));
	tui_put(y++, 16, COLS - 17, b.data, tui_attr(ROLE_NORMAL));
	if (c->v.platform_title != NULL) {
		tui_put(y, 3, 12, _("Platform"), tui_attr(ROLE_DIM));
		tui_put(y++, 16, COLS - 17, c->v.platform_title, tui_attr(ROLE_NORMAL));
	}
	if (e->description != NULL) {
		char *fl = sd_first_line(e->description);
		tui_put(y, 3, 12, _("Description"), tui_attr(ROLE_DIM));
		tui_put(y++, 16, COLS - 17, fl, tui_attr(ROLE_NORMAL));
		free(fl);
	}
	y++;
	/* The three lists, each under its heading, scrolled to keep the selection in view. */
	first = y;
	last = top + height - 1;
	{
		/* The line of the selection among the list lines (headings included). */
		int sel_line = 0, l = 0;
		for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
			if (!list_shown(e, lists[k]))
				continue;
			l++;
			for (size_t i = 0; i < c->v.nguests; i++)
				if (c->v.guests[c->order[i]].a.state == lists[k]) {
					if (i == c->sel)
						sel_line = l;
					l++;
				}
		}
		if (sel_line < c->top)
			c->top = sel_line > 0 ? sel_line - 1 : 0;
		if (sel_line >= c->top + (last - first + 1))
			c->top = sel_line - (last - first);
	}
	for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
		size_t n = 0;
		if (!list_shown(e, lists[k]))
			continue;
		for (size_t i = 0; i < c->v.nguests; i++)
			n += c->v.guests[i].a.state == lists[k];
		if (line >= c->top && y <= last) {
			sd_buf_reset(&b);
			sd_buf_addf(&b, "%s (%zu)", list_title(lists[k]), n);
			tui_put(y++, 1, COLS - 2, b.data, tui_attr(ROLE_HEADER));
		}
		line++;
		for (; gi < c->v.nguests && c->v.guests[c->order[gi]].a.state == lists[k]; gi++) {
			const struct sd_event_guest *g = &c->v.guests[c->order[gi]];
			attr_t a = tui_attr(gi == c->sel ? ROLE_SELECTED :
			    g->a.state == SD_ATTEND_ATTENDED ? ROLE_GOOD : ROLE_NORMAL);
			if (line++ < c->top || y > last)
				continue;
			sd_buf_reset(&b);
			sd_buf_addf(&b, "[%s] %s%s%s%s", g->a.state == SD_ATTEND_ATTENDED ? "x" : " ",
			    g->name, g->number ? " (" : "", g->number ? g->number : "",
			    g->number ? ")" : "");
			if (g->a.state != SD_ATTEND_INVITED)
				sd_buf_addf(&b, ngettext(", %u person", ", %u people", g->a.people),
				    g->a.people);
			tui_fill(y, 0, COLS, a);
			tui_put(y++, 3, COLS - 4, b.data, a);
		}
	}
	if (c->v.nguests == 0 && y <= last)
		tui_put(y, 3, COLS - 4, _("No enterprises yet (i invites one)."), tui_attr(ROLE_DIM));
	sd_buf_free(&b);
}

/* Asks for a name or number and lets the user pick among the matches (the search's). */
static bool
pick_enterprise(struct tui *t, char id[SD_UUID_STR])
{
	struct sd_hits hits;
	struct sd_error err;
	char *q = tui_prompt(t, _("Enterprise (part of its name, or its number)"), "");
	const char **items;
	int k;

	if (q == NULL)
		return false;
	sd_trim(q);
	if (*q == '\0') {
		free(q);
		return false;
	}
	if (sd_search(t->desk, q, SD_HIT_ENTERPRISE, 20, &hits, &err) != SD_OK) {
		free(q);
		tui_error(t, &err);
		return false;
	}
	free(q);
	if (hits.n == 0) {
		sd_hits_free(&hits);
		tui_message(t, ROLE_ERROR, _("no enterprise matches; try other words."));
		return false;
	}
	items = sd_xcalloc(hits.n, sizeof *items);
	for (size_t i = 0; i < hits.n; i++)
		items[i] = hits.items[i].title;
	k = hits.n == 1 ? 0 : tui_choose(t, _("Which enterprise?"), items, hits.n, 0);
	if (k >= 0)
		sd_uuid_format(hits.items[k].ent, id);
	free(items);
	sd_hits_free(&hits);
	return k >= 0;
}

static void
done(struct evscr *c, sd_status s, const struct sd_error *err, const char *what)
{
	struct tui *t = c->base.tui;

	if (s != SD_OK)
		tui_error(t, err);
	else
		tui_message(t, ROLE_GOOD, "%s", what);
	ev_reload(&c->base);
}

static bool
ev_action(struct screen *s, enum tui_action a)
{
	struct evscr *c = (struct evscr *)s;
	struct tui *t = s->tui;
	const struct sd_event_guest *g = selected(c);
	char ev[SD_UUID_STR], ent[SD_UUID_STR];
	struct sd_error err;
	sd_status st;

	sd_uuid_format(c->id, ev);
	if (g != NULL)
		sd_uuid_format(g->a.enterprise, ent);
	switch (a) {
	case ACT_DOWN:
		if (c->loaded && c->sel + 1 < c->v.nguests)
			c->sel++;
		return true;
	case ACT_UP:
		if (c->sel > 0)
			c->sel--;
		return true;
	case ACT_OPEN:
		if (g != NULL)
			tui_push(t, scr_enterprise_new(t, g->a.enterprise));
		return true;
	case ACT_TICK_ATTEND:
		if (g == NULL)
			return true;
		if (g->a.state == SD_ATTEND_ATTENDED)
			st = sd_event_unattend(t->desk, ev, ent, &err);
		else
			st = sd_event_attend(t->desk, ev, (const char *[]){ ent }, 1, NULL, &err);
		done(c, st, &err, g->a.state == SD_ATTEND_ATTENDED ? _("tick taken back.") :
		    _("ticked as attended."));
		return true;
	case ACT_INVITE:
		if (pick_enterprise(t, ent))
			done(c, sd_event_invite(t->desk, ev, (const char *[]){ ent }, 1, NULL, &err),
			    &err, _("invited."));
		return true;
	case ACT_REGISTER: {
		char *p;
		unsigned long people;
		if (g == NULL && !pick_enterprise(t, ent))
			return true;
		if ((p = tui_prompt(t, _("How many people come?"), "1")) == NULL)
			return true;
		if (sd_trim(p), (people = strtoul(p, NULL, 10)) == 0) {
			free(p);
			tui_message(t, ROLE_ERROR, _("give a number of people from 1."));
			return true;
		}
		free(p);
		done(c, sd_event_register(t->desk, ev, ent, (unsigned)people, &err), &err,
		    _("registered."));
		return true;
	}
	case ACT_EVENT_CASE: {
		struct sd_case_key key;
		char *subject;
		if (g == NULL)
			return true;
		if ((subject = tui_prompt(t, _("Subject of the follow-up case"), "")) == NULL)
			return true;
		st = sd_event_case(t->desk, ev, ent, subject, NULL, &key, &err);
		free(subject);
		if (st != SD_OK) {
			tui_error(t, &err);
			return true;
		}
		tui_push(t, scr_case_new(t, key));
		return true;
	}
	case ACT_EDIT_EVENT:
		tui_push(t, scr_eventform_new(t, c->id));
		return true;
	default:
		return false;
	}
}

static void
ev_destroy(struct screen *s)
{
	struct evscr *c = (struct evscr *)s;

	if (c->loaded)
		sd_event_view_free(&c->v);
	free(c->order);
	free(c);
}

static const struct screen_ops ev_ops = {
	.name = N_("Event"),
	.keys = ev_keys,
	.draw = ev_draw,
	.action = ev_action,
	.reload = ev_reload,
	.destroy = ev_destroy,
};

struct screen *
scr_event_new(struct tui *t, const uint8_t id[SD_UUID_LEN])
{
	struct evscr *c = sd_xcalloc(1, sizeof *c);

	c->base.ops = &ev_ops;
	c->base.tui = t;
	memcpy(c->id, id, SD_UUID_LEN);
	ev_reload(&c->base);
	if (!c->loaded) {
		ev_destroy(&c->base);
		return NULL;
	}
	return &c->base;
}
