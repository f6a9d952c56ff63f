/*
 * The enterprise list (by name, paged), the enterprise screen (its fields
 * and its cases, open and closed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/access_log.h"
#include "sedesk/i18n.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"
#include "sedesk/words.h"
#include "tui.h"

#define PAGE 100

/* --- the list ---------------------------------------------------------------------- */

struct entlist {
	struct screen		 base;
	struct sd_enterprise	*items;
	struct sd_ent_cursor	 next;
	struct listview		 lv;
	char			*query;		/* `/` narrows by name or number */
	sd_day			 since;		/* c: not contacted since (SD_NO_DAY: off) */
	sd_day			*last;		/* with since: each row's last contact */
};

static const struct tui_key entlist_keys[] = {
	{ 'a', ACT_NEW_ENTERPRISE, "a", N_("add an enterprise"), N_("add") },
	{ '/', ACT_SEARCH, "/", N_("find by name or number (empty: all)"), N_("find") },
	{ 'c', ACT_NOT_CONTACTED, "c",
	    N_("only those not contacted since a day, never contacted first (empty: all)"),
	    N_("not contacted") },
	{ 0 },
};

static void
entlist_clear(struct entlist *l)
{
	for (size_t i = 0; i < l->lv.n; i++)
		sd_enterprise_free(&l->items[i]);
	free(l->items);
	l->items = NULL;
	free(l->last);
	l->last = NULL;
	l->lv.n = 0;
	l->lv.more = false;
	memset(&l->next, 0, sizeof l->next);
}

static void
entlist_append(struct entlist *l, struct sd_enterprise_list *page)
{
	l->items = sd_xrealloc(l->items, (l->lv.n + page->n + 1) * sizeof *l->items);
	memcpy(l->items + l->lv.n, page->items, page->n * sizeof *page->items);
	l->lv.n += page->n;
	l->lv.more = page->more;
	l->next = page->next;
	free(page->items);
}

static void entlist_load(struct entlist *l, bool more);

/* --- reach: not contacted since a day (sd_enterprise_not_contacted) --- */

static void
entlist_load_reach(struct entlist *l, bool more)
{
	struct sd_ent_contact_list page;
	struct sd_error err;

	if (sd_enterprise_not_contacted(l->base.tui->desk, l->since, more ? &l->next : NULL, PAGE,
	    &page, &err) != SD_OK) {
		tui_error(l->base.tui, &err);
		return;
	}
	l->items = sd_xrealloc(l->items, (l->lv.n + page.n + 1) * sizeof *l->items);
	l->last = sd_xrealloc(l->last, (l->lv.n + page.n + 1) * sizeof *l->last);
	for (size_t i = 0; i < page.n; i++) {
		l->items[l->lv.n + i] = page.items[i].e;
		l->last[l->lv.n + i] = page.items[i].last;
	}
	l->lv.n += page.n;
	l->lv.more = page.more;
	l->next = page.next;
	free(page.items);
	lv_scroll(&l->lv, l->lv.height);
}

/* Asks for the day (default: a year ago); an empty answer shows every enterprise again. */
static void
entlist_ask_reach(struct entlist *l)
{
	struct tui *t = l->base.tui;
	char def[11], *q;
	sd_day today = sd_desk_today(t->desk), day;
	int y, m, d;

	sd_day_to_ymd(today, &y, &m, &d);
	/* A year ago; 29 February falls back to the 28th. */
	day = sd_day_from_ymd(y - 1, m, m == 2 && d == 29 ? 28 : d);
	sd_day_format(l->since != SD_NO_DAY ? l->since : day, def);
	if ((q = tui_prompt(t, _("Not contacted since (YYYY-MM-DD; empty: all enterprises)"),
	    def)) == NULL)
		return;
	sd_trim(q);
	if (*q && !sd_day_parse(q, &day)) {
		tui_message(t, ROLE_ERROR, _("%s is not a date (YYYY-MM-DD); the list is unchanged."),
		    q);
		free(q);
		return;
	}
	l->since = *q ? day : SD_NO_DAY;
	free(q);
	/* One filter at a time: the day replaces a name search. */
	free(l->query);
	l->query = NULL;
	l->lv.sel = l->lv.top = 0;
	entlist_load(l, false);
}

static void
entlist_load(struct entlist *l, bool more)
{
	struct sd_enterprise_list page;
	struct sd_error err;
	sd_status s;

	if (!more)
		entlist_clear(l);
	if (l->since != SD_NO_DAY) {
		entlist_load_reach(l, more);
		return;
	}
	if (l->query != NULL)
		s = more ? SD_OK : sd_enterprise_find(l->base.tui->desk, l->query, 500, &page, &err);
	else
		s = sd_enterprise_list(l->base.tui->desk, NULL, more ? &l->next : NULL, PAGE, &page,
		    &err);
	if (more && l->query != NULL)
		return;
	if (s != SD_OK) {
		tui_error(l->base.tui, &err);
		return;
	}
	entlist_append(l, &page);
	if (l->query != NULL)
		l->lv.more = false;
	lv_scroll(&l->lv, l->lv.height);
}

static void
entlist_reload(struct screen *s)
{
	struct entlist *l = (struct entlist *)s;
	size_t sel = l->lv.sel;

	entlist_load(l, false);
	while (l->lv.more && l->lv.n <= sel)
		entlist_load(l, true);
	l->lv.sel = sel;
	lv_scroll(&l->lv, l->lv.height);
}

static void
entlist_draw(struct screen *s, int top, int height)
{
	struct entlist *l = (struct entlist *)s;
	struct sd_buf b = { 0 };
	int wn = 14, wc = 18, wname = COLS - 2 - wn - wc - 2;

	if (l->since != SD_NO_DAY) {
		char day[11];
		sd_day_format(l->since, day);
		sd_buf_addf(&b, _("Enterprises not contacted since %s (%zu%s)"), day, l->lv.n,
		    l->lv.more ? "+" : "");
	} else if (l->query != NULL)
		sd_buf_addf(&b, _("Enterprises matching \"%s\" (%zu)"), l->query, l->lv.n);
	else
		sd_buf_addf(&b, _("Enterprises (%zu%s)"), l->lv.n, l->lv.more ? "+" : "");
	tui_put(top, 1, COLS - 2, b.data, tui_attr(ROLE_HEADER));
	sd_buf_free(&b);
	tui_put(top + 1, 1, wname, _("Name"), tui_attr(ROLE_DIM));
	tui_put(top + 1, 2 + wname, wn, _("Number"), tui_attr(ROLE_DIM));
	tui_put(top + 1, 3 + wname + wn, wc, l->since != SD_NO_DAY ? _("Last contact") : _("City"),
	    tui_attr(ROLE_DIM));
	l->lv.y0 = top + 2;
	lv_scroll(&l->lv, height - 2);
	if (l->lv.n == 0 && l->since != SD_NO_DAY)
		tui_put(top + 3, 3, COLS - 4, _("Every enterprise was contacted since then."),
		    tui_attr(ROLE_DIM));
	else if (l->lv.n == 0)
		tui_put(top + 3, 3, COLS - 4, _("No enterprises (a adds one)."), tui_attr(ROLE_DIM));
	for (int i = 0; i < height - 2 && l->lv.top + (size_t)i < l->lv.n; i++) {
		size_t r = l->lv.top + (size_t)i;
		const struct sd_enterprise *e = &l->items[r];
		attr_t a = tui_attr(r == l->lv.sel ? ROLE_SELECTED : ROLE_NORMAL);
		int y = top + 2 + i;
		tui_fill(y, 0, COLS, a);
		tui_put(y, 1, wname, e->f[SD_EF_NAME], a);
		tui_put(y, 2 + wname, wn, e->f[SD_EF_NUMBER] ? e->f[SD_EF_NUMBER] : "", a);
		if (l->since != SD_NO_DAY) {
			char day[11];
			if (l->last[r] != SD_NO_DAY)
				sd_day_format(l->last[r], day);
			tui_put(y, 3 + wname + wn, wc, l->last[r] != SD_NO_DAY ? day : _("never"), a);
		} else
			tui_put(y, 3 + wname + wn, wc, e->f[SD_EF_CITY] ? e->f[SD_EF_CITY] : "", a);
	}
}

static bool
entlist_action(struct screen *s, enum tui_action a)
{
	struct entlist *l = (struct entlist *)s;
	struct tui *t = s->tui;
	char *q;

	switch (a) {
	case ACT_OPEN:
		if (l->lv.n > 0)
			tui_push(t, scr_enterprise_new(t, l->items[l->lv.sel].id));
		return true;
	case ACT_NEW_ENTERPRISE:
		tui_push(t, scr_entform_new(t, NULL));
		return true;
	case ACT_NOT_CONTACTED:
		entlist_ask_reach(l);
		return true;
	case ACT_SEARCH:
		if ((q = tui_prompt(t, _("Name or number (empty: all enterprises)"),
		    l->query ? l->query : "")) == NULL)
			return true;
		sd_trim(q);
		free(l->query);
		l->query = *q ? q : NULL;
		if (!*q)
			free(q);
		l->since = SD_NO_DAY;
		l->lv.sel = l->lv.top = 0;
		entlist_load(l, false);
		return true;
	default:
		if (lv_action(&l->lv, a))
			entlist_load(l, true);
		return a >= ACT_UP && a <= ACT_END;
	}
}

static void
entlist_click(struct screen *s, int y)
{
	lv_click(&((struct entlist *)s)->lv, y);
}

static void
entlist_destroy(struct screen *s)
{
	struct entlist *l = (struct entlist *)s;

	entlist_clear(l);
	free(l->query);
	free(l);
}

static const struct screen_ops entlist_ops = {
	.name = N_("Enterprises"),
	.keys = entlist_keys,
	.list_keys = true,
	.draw = entlist_draw,
	.action = entlist_action,
	.click = entlist_click,
	.reload = entlist_reload,
	.destroy = entlist_destroy,
};

struct screen *
scr_enterprises_new(struct tui *t)
{
	struct entlist *l = sd_xcalloc(1, sizeof *l);

	l->base.ops = &entlist_ops;
	l->base.tui = t;
	l->lv.height = tui_content_height() - 2;
	l->since = SD_NO_DAY;
	entlist_load(l, false);
	return &l->base;
}

/* --- one enterprise ------------------------------------------------------------------ */

struct entscr {
	struct screen		 base;
	uint8_t			 id[SD_UUID_LEN];
	struct sd_enterprise	 e;
	bool			 loaded;
	struct sd_case_rows	 cases;
	struct listview		 lv;
	bool			 show_timeline;	/* t: the timeline instead of the cases */
	struct tl_view		 tl;
};

static const struct tui_key ent_keys[] = {
	{ 'e', ACT_EDIT_ENTERPRISE, "e", N_("edit the enterprise"), N_("edit") },
	{ 'n', ACT_NEW_CASE, "n", N_("new case for this enterprise"), N_("new case") },
	{ 'M', ACT_MOMENTS, "M", N_("the enterprise's contact moments"), N_("moments") },
	{ 'a', ACT_NEW_MOMENT, "a", N_("plan or record a contact moment with it"), NULL },
	{ 't', ACT_TIMELINE, "t",
	    N_("the timeline: cases, contact moments, events, newest first (again: the cases)"),
	    N_("timeline") },
	{ 'O', ACT_OPPORTUNITIES, "O", N_("opportunities to offer it (its awards: the timeline)"),
	    NULL },
	{ 0 },
};

static void
ent_reload(struct screen *s)
{
	struct entscr *c = (struct entscr *)s;
	struct sd_case_filter f = { 0 };
	char id[SD_UUID_STR];
	struct sd_error err;

	if (c->loaded) {
		sd_enterprise_free(&c->e);
		sd_case_rows_free(&c->cases);
	}
	c->loaded = false;
	c->lv.n = 0;
	sd_uuid_format(c->id, id);
	if (sd_enterprise_get(s->tui->desk, id, &c->e, &err) != SD_OK) {
		tui_error(s->tui, &err);
		return;
	}
	f.enterprise = id;
	if (sd_case_list(s->tui->desk, &f, NULL, 500, &c->cases, &err) != SD_OK) {
		tui_error(s->tui, &err);
		sd_enterprise_free(&c->e);
		return;
	}
	c->loaded = true;
	c->lv.n = c->cases.n;
	lv_scroll(&c->lv, c->lv.height);
	if (c->show_timeline)
		tlv_load(s->tui, &c->tl, c->id, false);
}

/* One labelled value of the profile, its lines under each other; returns the next row. */
static int
profile_lines(int y, int bottom, const char *label, const char *text)
{
	size_t n;
	char **lines;

	if (text == NULL || *text == '\0' || y >= bottom)
		return y;
	lines = tui_wrap(text, COLS - 17, &n);
	tui_put(y, 3, 12, label, tui_attr(ROLE_DIM));
	for (size_t l = 0; l < n && y < bottom; l++)
		tui_put(y++, 16, COLS - 17, lines[l], tui_attr(ROLE_NORMAL));
	tui_wrap_free(lines, n);
	return y;
}

/*
 * The enterprise's profile in words (sedesk/profile.h): kind, recognitions,
 * NACE codes with their labels, needs, contact persons one a line, and the
 * employment figures; rows from y up to bottom.  Returns the next row.
 */
static int
profile_draw(struct screen *s, int y, int bottom)
{
	struct entscr *c = (struct entscr *)s;
	const struct sd_config *cfg = &s->tui->desk->cfg;
	const struct sd_enterprise *e = &c->e;
	struct sd_buf b = { 0 };
	struct sd_error err;
	size_t n;

	if (e->f[SD_EF_KIND] != NULL)
		y = profile_lines(y, bottom, _("Kind"),
		    sd_profile_code_label(cfg, SD_LIST_KINDS, e->f[SD_EF_KIND]));
	{
		struct sd_recognition *r;
		sd_enterprise_recognitions(e, &r, &n);
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				sd_buf_adds(&b, "\n");
			sd_recognition_words(cfg, &r[i], &b);
		}
		sd_recognitions_free(r, n);
		y = profile_lines(y, bottom, _("Recognised"), b.data);
		sd_buf_reset(&b);
	}
	{
		struct sd_nace *nc;
		if (sd_nace_read(e->f[SD_EF_NACE], &nc, &n, &err) == SD_OK) {
			for (size_t i = 0; i < n; i++) {
				if (i > 0)
					sd_buf_adds(&b, "\n");
				sd_nace_words_with(&nc[i], e->f[SD_EF_ACTIVITIES], &b);
			}
			free(nc);
		}
		y = profile_lines(y, bottom, _("NACE"), b.data);
		sd_buf_reset(&b);
	}
	y = profile_lines(y, bottom, _("Needs"), e->f[SD_EF_NEEDS]);
	{
		struct sd_person *p;
		if (sd_persons_read(e->f[SD_EF_PERSONS], &p, &n, &err) == SD_OK) {
			for (size_t i = 0; i < n; i++) {
				if (i > 0)
					sd_buf_adds(&b, "\n");
				sd_person_words(&p[i], &b);
			}
			sd_persons_free(p, n);
		}
		y = profile_lines(y, bottom, _("Persons"), b.data);
		sd_buf_reset(&b);
	}
	{
		struct sd_employment em;
		if (e->f[SD_EF_EMPLOYMENT] != NULL &&
		    sd_employment_read(e->f[SD_EF_EMPLOYMENT], &em, &err) == SD_OK)
			sd_employment_words(&em, &b);
		y = profile_lines(y, bottom, _("Staff"), b.data);
	}
	sd_buf_free(&b);
	return y;
}

static void
ent_draw(struct screen *s, int top, int height)
{
	struct entscr *c = (struct entscr *)s;
	static const enum sd_ent_field shown[] = {
		SD_EF_NUMBER, SD_EF_LEGAL_FORM, SD_EF_EMAIL, SD_EF_PHONE, SD_EF_STREET,
		SD_EF_POSTCODE, SD_EF_CITY, SD_EF_TAGS, SD_EF_OFFERS, SD_EF_NOTES,
	};
	static const char *const labels[] = {
		N_("Number"), N_("Legal form"), N_("E-mail"), N_("Phone"), N_("Street"),
		N_("Postcode"), N_("City"), N_("Tags"), N_("Offers"), N_("Notes"),
	};
	int y = top, open = 0, wnum, wday, wstate, wend;

	if (!c->loaded)
		return;
	tui_put(y++, 1, COLS - 2, c->e.f[SD_EF_NAME], tui_attr(ROLE_HEADER));
	for (size_t i = 0; i < sizeof shown / sizeof shown[0] && y < top + height / 2; i++) {
		char *first;
		if (c->e.f[shown[i]] == NULL)
			continue;
		first = sd_first_line(c->e.f[shown[i]]);
		tui_put(y, 3, 12, _(labels[i]), tui_attr(ROLE_DIM));
		tui_put(y++, 16, COLS - 17, first, tui_attr(ROLE_NORMAL));
		free(first);
	}
	y = profile_draw(s, y, top + height - 5);
	/* From the KBO open data (kbo_import.c): the short ones, as far as there is room. */
	{
		static const enum sd_ent_field kbo[] = { SD_EF_CEASED, SD_EF_SITUATION,
			SD_EF_START_DATE, SD_EF_ALT_NAMES };
		static const char *const kbo_labels[] = { N_("Ceased"), N_("Situation"),
			N_("Started"), N_("Other names") };
		for (size_t i = 0; i < sizeof kbo / sizeof kbo[0]; i++)
			y = profile_lines(y, top + height - 5, _(kbo_labels[i]), c->e.f[kbo[i]]);
	}
	/* The free-text contacts of older records, every line (wrapped), as far as there is room. */
	if (c->e.f[SD_EF_CONTACTS] != NULL) {
		size_t n;
		char **lines = tui_wrap(c->e.f[SD_EF_CONTACTS], COLS - 17, &n);

		tui_put(y, 3, 12, _("Contact notes"), tui_attr(ROLE_DIM));
		for (size_t l = 0; l < n && y < top + height - 5; l++)
			tui_put(y++, 16, COLS - 17, lines[l], tui_attr(ROLE_NORMAL));
		tui_wrap_free(lines, n);
	}
	/* The timeline takes the cases' place (ent_timeline.c). */
	if (c->show_timeline) {
		tlv_draw(&c->tl, y, top + height);
		return;
	}
	for (size_t i = 0; i < c->cases.n; i++)
		open += c->cases.items[i].c.status != SD_CASE_CLOSED;
	{
		struct sd_buf b = { 0 };
		sd_buf_addf(&b, _("Cases: %d open, %zu closed"), open, c->cases.n - (size_t)open);
		tui_put(++y, 1, COLS - 2, b.data, tui_attr(ROLE_HEADER));
		sd_buf_reset(&b);
		y++;
		/*
		 * Each case with the day it came in and its due (or closing) day,
		 * in columns as wide as their translated heads and words.
		 */
		wnum = max_int(10, tui_width(_("Number")));
		wday = max_int(10, tui_width(_("Received")));
		wstate = tui_width(_("Status"));
		for (size_t i = 0; i < c->cases.n; i++)
			wstate = max_int(wstate, tui_width(sd_case_state_words(&c->cases.items[i].c,
			    c->cases.items[i].routes, c->cases.items[i].nroutes)));
		wend = max_int(11, tui_width(_("Due/closed")));
		sd_buf_add_padded(&b, _("Number"), wnum + 2);
		sd_buf_add_padded(&b, _("Received"), wday + 2);
		sd_buf_add_padded(&b, _("Status"), wstate + 1);
		sd_buf_add_padded(&b, _("Due/closed"), wend + 1);
		sd_buf_adds(&b, _("Subject"));
		tui_put(y++, 3, COLS - 4, b.data, tui_attr(ROLE_DIM));
		sd_buf_free(&b);
	}
	c->lv.y0 = y;
	lv_scroll(&c->lv, top + height - y);
	for (int i = 0; y < top + height && c->lv.top + (size_t)i < c->lv.n; i++, y++) {
		size_t r = c->lv.top + (size_t)i;
		const struct sd_case_row *row = &c->cases.items[r];
		char num[SD_CASE_NUMBER_MAX], routes[128], created[21], end[21];
		struct sd_buf b = { 0 };
		attr_t a = tui_attr(r == c->lv.sel ? ROLE_SELECTED :
		    row->overdue ? ROLE_OVERDUE : ROLE_NORMAL);
		sd_case_number_format(row->c.key, num);
		tui_route_summary(row->routes, row->nroutes, routes, sizeof routes);
		sd_time_format(row->c.created, created);
		created[10] = '\0';
		if (row->c.status == SD_CASE_CLOSED && row->c.closed != 0) {
			sd_time_format(row->c.closed, end);
			end[10] = '\0';
		} else {
			sd_day_format(row->c.due, end);
		}
		sd_buf_add_padded(&b, num, wnum + 2);
		sd_buf_add_padded(&b, created, wday + 2);
		sd_buf_add_padded(&b, sd_case_state_words(&row->c, row->routes, row->nroutes),
		    wstate + 1);
		sd_buf_addf(&b, "%s%s", end, row->overdue ? "!" : "");
		sd_buf_add_padded(&b, "", wend + 1 - (int)strlen(end) - (row->overdue ? 1 : 0));
		sd_buf_addf(&b, "%s  %s", row->c.subject, routes);
		tui_fill(y, 0, COLS, a);
		tui_put(y, 3, COLS - 4, b.data, a);
		sd_buf_free(&b);
	}
}

static bool
ent_action(struct screen *s, enum tui_action a)
{
	struct entscr *c = (struct entscr *)s;
	struct tui *t = s->tui;

	switch (a) {
	case ACT_EDIT_ENTERPRISE:
		tui_push(t, scr_entform_new(t, c->id));
		return true;
	case ACT_NEW_CASE:
		tui_push(t, scr_newcase_new(t, c->id));
		return true;
	case ACT_MOMENTS:
		tui_push(t, scr_moments_new(t, c->id));
		return true;
	case ACT_OPPORTUNITIES:
		tui_push(t, scr_opportunities_new(t));
		return true;
	case ACT_NEW_MOMENT:
		tui_push(t, scr_momentform_new(t, c->id, NULL));
		return true;
	case ACT_TIMELINE:
		c->show_timeline = !c->show_timeline;
		if (c->show_timeline) {
			c->tl.lv.sel = c->tl.lv.top = 0;
			tlv_load(t, &c->tl, c->id, false);
		}
		return true;
	case ACT_OPEN:
		if (c->show_timeline)
			tlv_open(t, &c->tl);
		else if (c->lv.n > 0)
			tui_push(t, scr_case_new(t, c->cases.items[c->lv.sel].c.key));
		return true;
	default:
		if (c->show_timeline) {
			if (lv_action(&c->tl.lv, a))
				tlv_load(t, &c->tl, c->id, true);
		} else
			lv_action(&c->lv, a);
		return a >= ACT_UP && a <= ACT_END;
	}
}

static void
ent_click(struct screen *s, int y)
{
	struct entscr *c = (struct entscr *)s;

	lv_click(c->show_timeline ? &c->tl.lv : &c->lv, y);
}

static void
ent_destroy(struct screen *s)
{
	struct entscr *c = (struct entscr *)s;

	if (c->loaded) {
		sd_enterprise_free(&c->e);
		sd_case_rows_free(&c->cases);
	}
	tlv_free(&c->tl);
	free(c);
}

static const struct screen_ops ent_ops = {
	.name = N_("Enterprise"),
	.keys = ent_keys,
	.list_keys = true,
	.draw = ent_draw,
	.action = ent_action,
	.click = ent_click,
	.reload = ent_reload,
	.destroy = ent_destroy,
};

struct screen *
scr_enterprise_new(struct tui *t, const uint8_t id[SD_UUID_LEN])
{
	struct entscr *c = sd_xcalloc(1, sizeof *c);

	c->base.ops = &ent_ops;
	c->base.tui = t;
	memcpy(c->id, id, SD_UUID_LEN);
	c->lv.height = 5;
	c->tl.lv.height = 5;
	ent_reload(&c->base);
	/* Who looked (issue 17): once when opened, not at each reload. */
	if (c->loaded)
		sd_access_enterprise(t->desk, &c->e, SD_FRONT_TUI);
	return &c->base;
}
