/*
 * The inbox (the start screen) and the case list with its filters: one
 * screen type in two modes, paging over the core's indexes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/access_log.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "sedesk/words.h"
#include "tui.h"

#define PAGE 100

struct cases {
	struct screen		 base;
	bool			 inbox;
	struct sd_case_filter	 filter;
	char			*dept, *category;	/* owned filter values */
	struct sd_case_rows	 rows;
	/* The inbox: the caller's moments planned today and follow-ups due, after the cases. */
	struct sd_moment_rows	 moments;
	struct sd_page_cursor	 next;
	struct listview		 lv;
	uint64_t		 access_failures;	/* the admin's: views not logged */
	bool			 privacy_shown;	/* tui_privacy_notice ran */
};

static const struct tui_key inbox_keys[] = {
	{ 'n', ACT_NEW_CASE, "n", N_("new case"), N_("new") },
	{ 'l', ACT_CASES, "l", N_("all cases"), N_("cases") },
	{ 'e', ACT_ENTERPRISES, "e", N_("enterprises"), N_("enterprises") },
	{ 'v', ACT_EVENTS, "v", N_("events: workshops, network meetings, platforms"), N_("events") },
	{ 'M', ACT_MOMENTS, "M", N_("contact moments"), N_("moments") },
	{ 'O', ACT_OPPORTUNITIES, "O", N_("opportunities: what the municipality buys"),
	    N_("buying") },
	{ '/', ACT_SEARCH, "/", N_("search cases and enterprises"), N_("search") },
	{ 'R', ACT_REPORTS, "R", N_("reports: departments, silos, recognition, backlog, "
	    "channels"), NULL },
	{ 0 },
};

static const struct tui_key list_keys[] = {
	{ 'n', ACT_NEW_CASE, "n", N_("new case"), NULL },
	{ 's', ACT_FILTER_STATUS, "s", N_("filter by status"), N_("status") },
	{ 'd', ACT_FILTER_DEPT, "d", N_("filter by department"), N_("dept") },
	{ 'c', ACT_FILTER_CATEGORY, "c", N_("filter by category"), NULL },
	{ 'o', ACT_FILTER_OVERDUE, "o", N_("only overdue cases (again: all)"), NULL },
	{ 'm', ACT_FILTER_MINE, "m", N_("only my cases (again: all)"), NULL },
	{ 'x', ACT_FILTER_CLEAR, "x", N_("clear the filters"), N_("clear") },
	{ 'e', ACT_ENTERPRISES, "e", N_("enterprises"), NULL },
	{ '/', ACT_SEARCH, "/", N_("search cases and enterprises"), NULL },
	{ 0 },
};

/* --- loading ------------------------------------------------------------------- */

static void
free_rows(struct cases *c)
{
	sd_case_rows_free(&c->rows);
	sd_moment_rows_free(&c->moments);
	c->lv.n = 0;
	c->lv.more = false;
}

static bool
same_key(struct sd_case_key a, struct sd_case_key b)
{
	return a.year == b.year && a.seq == b.seq;
}

/* Loads the first `want` rows again, keeping the selected case selected. */
static void
load(struct cases *c, size_t want)
{
	struct sd_case_key keep = { 0, 0 };
	bool had = c->lv.n > 0;
	struct sd_error err;
	sd_status s;

	if (had && c->lv.sel < c->rows.n)
		keep = c->rows.items[c->lv.sel].c.key;
	free_rows(c);
	if (c->inbox)
		s = sd_inbox(c->base.tui->desk, want, &c->rows, &err);
	else
		s = sd_case_list(c->base.tui->desk, &c->filter, NULL, want, &c->rows, &err);
	if (s != SD_OK) {
		tui_error(c->base.tui, &err);
		return;
	}
	c->next = c->rows.next;
	c->lv.n = c->rows.n;
	c->lv.more = c->rows.more;
	if (c->inbox) {
		/* accesslog: the administrator sees when views could not be logged. */
		c->access_failures = sd_permit(c->base.tui->desk, SD_ACT_PRIVACY_WRITE, NULL,
		    NULL) == SD_OK ? sd_access_unseen(c->base.tui->desk) : 0;
		tui_inbox_seen(c->base.tui, &c->rows);
		/* The moments follow the cases; a failure to read them leaves the cases. */
		if (sd_moment_inbox(c->base.tui->desk, want, &c->moments, &err) != SD_OK)
			tui_error(c->base.tui, &err);
		c->lv.n += c->moments.n;
		/* Once, when the inbox first opens: a reload must not hide another message. */
		if (!c->privacy_shown) {
			c->privacy_shown = true;
			tui_privacy_notice(c->base.tui);
		}
	}
	if (had) {
		for (size_t i = 0; i < c->rows.n; i++) {
			if (same_key(c->rows.items[i].c.key, keep)) {
				c->lv.sel = i;
				break;
			}
		}
	}
	lv_scroll(&c->lv, c->lv.height);
}

/* Appends the next page; a list never holds more than it was asked to show. */
static void
load_more(struct cases *c)
{
	struct sd_case_rows more;
	struct sd_error err;

	if (!c->lv.more)
		return;
	/* The inbox is ranked as a whole: ask for a larger one instead of a next page. */
	if (c->inbox) {
		load(c, c->lv.n * 2);
		return;
	}
	if (sd_case_list(c->base.tui->desk, &c->filter, &c->next, PAGE, &more, &err) != SD_OK) {
		tui_error(c->base.tui, &err);
		return;
	}
	c->rows.items = sd_xrealloc(c->rows.items, (c->rows.n + more.n + 1) * sizeof *c->rows.items);
	memcpy(c->rows.items + c->rows.n, more.items, more.n * sizeof *more.items);
	c->rows.n += more.n;
	free(more.items);
	c->next = more.next;
	c->lv.n = c->rows.n;
	c->lv.more = more.more;
}

static void
cases_reload(struct screen *s)
{
	struct cases *c = (struct cases *)s;

	load(c, c->lv.n > PAGE ? c->lv.n : PAGE);
}

/* --- drawing ------------------------------------------------------------------- */

struct columns {
	int num, state, prio, due, ent, subj, routes;
	bool codes;	/* the department's code before an officer's reason */
};

/*
 * Why a row is there (the inbox) or its state (the list).  An officer's
 * row names the department, unless every row is of the same one and the
 * column is short of room (codes false).
 */
static void
row_state(const struct cases *c, const struct sd_case_row *r, bool codes, bool day, char *out,
    size_t n)
{
	char why[96], code[16];

	if (c->inbox && r->reason != SD_REASON_NONE && day)
		sd_inbox_row_why(r, why, sizeof why);
	else if (c->inbox && r->reason != SD_REASON_NONE)
		snprintf(why, sizeof why, "%s", sd_inbox_row_words(r));
	else
		snprintf(why, sizeof why, "%s", sd_case_state_words(&r->c, r->routes, r->nroutes));
	if (c->inbox && r->dept != NULL && codes) {
		tui_dept_code(r->dept, code, sizeof code);
		snprintf(out, n, "%s %s", code, why);
	} else
		snprintf(out, n, "%s", why);
}

static int
widest_state(const struct cases *c, bool codes)
{
	char state[128];
	int w = 0;

	for (size_t i = 0; i < c->rows.n; i++) {
		row_state(c, &c->rows.items[i], codes, true, state, sizeof state);
		if (tui_width(state) > w)
			w = tui_width(state);
	}
	return w;
}

static bool
one_department(const struct cases *c)
{
	for (size_t i = 1; i < c->rows.n; i++) {
		const char *a = c->rows.items[0].dept, *b = c->rows.items[i].dept;
		if (a == NULL || b == NULL || strcmp(a, b) != 0)
			return false;
	}
	return c->rows.n > 0;
}

/*
 * The columns' widths from what they show in the user's language: the
 * priority column fits its header and every priority ("Prioriteit",
 * "dringend"); the reason column its header and its rows ("ECO reminded
 * 2026-03-05"), dropping the department's code when every row has the same.
 * The enterprise keeps the 20 characters (and the "…") it needs to be
 * read; the subject and the routes give way to the reason first (the case
 * screen shows them); a reason that still does not fit loses its day,
 * never half of it (an officer of two departments, in Dutch, at 80 columns).
 */
static struct columns
layout(const struct cases *c)
{
	struct columns k = { 10, 0, 0, 11, 0, 0, 0, true };
	int fixed, rest, want;

	k.prio = tui_width(_("Priority"));
	for (int p = SD_PRIORITY_LOW; p < SD_PRIORITY_COUNT; p++)
		k.prio = max_int(k.prio, tui_width(sd_priority_label(p)));
	k.state = max_int(k.state, tui_width(c->inbox ? _("Why") : _("Status")));
	fixed = COLS - 1 - (k.num + 1) - 1 - (k.prio + 1) - (k.due + 1) - 2;
	want = widest_state(c, true);
	if (fixed - want < 21 && one_department(c)) {
		k.codes = false;
		want = widest_state(c, false);
	}
	/* The inbox's contact moments say why in the same column. */
	if (c->inbox && c->moments.n > 0)
		want = max_int(want, max_int(tui_width(_("planned today")),
		    tui_width(_("follow-up due"))));
	k.state = max_int(k.state, want < fixed - 21 ? want : fixed - 21);
	rest = fixed - k.state;
	k.routes = rest / 5 > 12 ? rest / 5 : 12;
	/*
	 * An enterprise name needs 20 characters (and the "…") to be read: on a narrow
	 * screen the routes give way (the case screen shows them).
	 */
	if ((rest - k.routes) * 2 / 5 < 21)
		k.routes = 0;
	k.ent = (rest - k.routes) * 2 / 5 > 21 ? (rest - k.routes) * 2 / 5 : 21;
	k.subj = rest - k.routes - k.ent;
	return k;
}

static void
draw_row(const struct cases *c, const struct columns *k, const struct sd_case_row *r, int y,
    bool selected)
{
	char num[SD_CASE_NUMBER_MAX], due[16], routes[256], state[128];
	attr_t a = tui_attr(selected ? ROLE_SELECTED : r->overdue ? ROLE_OVERDUE : ROLE_NORMAL);
	int x = 1;

	sd_case_number_format(r->c.key, num);
	sd_day_format(r->due, due);
	/* Overdue is marked by a sign as well as by colour. */
	if (r->overdue)
		strcat(due, "!");
	row_state(c, r, k->codes, true, state, sizeof state);
	/* A day cut in half misleads: where it does not fit, the reason goes without it. */
	if (tui_width(state) > k->state)
		row_state(c, r, k->codes, false, state, sizeof state);
	tui_route_summary(r->routes, r->nroutes, routes, sizeof routes);
	tui_fill(y, 0, COLS, a);
	/* In the margin, as mutt's N: someone else wrote since the user last opened it. */
	if (c->inbox && r->changed)
		tui_put(y, 0, 1, "*", a | A_BOLD);
	tui_put(y, x, k->num, num, a);
	x += k->num + 1;
	tui_put(y, x, k->state, state, a);
	x += k->state + 1;
	tui_put(y, x, k->prio, sd_priority_label(r->c.priority), a);
	x += k->prio + 1;
	tui_put(y, x, k->due, due, a);
	x += k->due + 1;
	tui_put(y, x, k->ent, r->enterprise_name, a);
	x += k->ent + 1;
	tui_put(y, x, k->subj, r->c.subject, a);
	x += k->subj + 1;
	tui_put(y, x, k->routes, routes, a);
}

/* A contact moment in the inbox: marked as one, why it is there, its time and kind. */
static void
draw_moment_row(const struct columns *kp, const struct sd_moment_row *r, int y, bool selected)
{
	struct columns k = *kp;
	struct sd_buf b = { 0 };
	attr_t a = tui_attr(selected ? ROLE_SELECTED : ROLE_NORMAL);
	char tm[17], *first = sd_first_line(r->m.text ? r->m.text : "");
	int x = 1;

	sd_moment_time_format(r->m.at, r->m.timed, tm);
	tui_fill(y, 0, COLS, a);
	tui_put(y, x, k.num, _("moment"), a | A_BOLD);
	x += k.num + 1;
	tui_put(y, x, k.state, r->today ? _("planned today") : _("follow-up due"), a);
	x += k.state + 1;
	tui_put(y, x, k.prio, r->m.timed ? tm + 11 : "", a);
	x += k.prio + 1;
	tm[10] = '\0';
	tui_put(y, x, k.due, tm, a);
	x += k.due + 1;
	tui_put(y, x, k.ent, r->enterprise_name, a);
	x += k.ent + 1;
	sd_buf_addf(&b, "%s%s%s", sd_channel_label(r->m.kind), *first ? ": " : "", first);
	tui_put(y, x, k.subj + 1 + k.routes, b.data, a);
	sd_buf_free(&b);
	free(first);
}

static void
filter_summary(const struct cases *c, struct sd_buf *b)
{
	if (c->inbox) {
		sd_buf_addf(b, ngettext("%zu case needs you", "%zu cases need you", c->rows.n),
		    c->rows.n);
		if (c->moments.n > 0) {
			sd_buf_adds(b, " · ");
			sd_buf_addf(b, ngettext("%zu contact moment today or due",
			    "%zu contact moments today or due", c->moments.n), c->moments.n);
		}
		if (c->access_failures > 0) {
			sd_buf_adds(b, " · ");
			sd_buf_addf(b, ngettext("access log: %llu view not logged",
			    "access log: %llu views not logged", (unsigned long)c->access_failures),
			    (unsigned long long)c->access_failures);
		}
		return;
	}
	sd_buf_adds(b, _("Cases"));
	if (c->filter.status)
		sd_buf_addf(b, " · %s", sd_case_status_label(c->filter.status));
	if (c->dept)
		sd_buf_addf(b, " · %s", sd_dept_words(&c->base.tui->desk->cfg, c->dept));
	if (c->category) {
		const struct sd_category *cat = sd_config_category(&c->base.tui->desk->cfg,
		    c->category);
		sd_buf_addf(b, " · %s", cat != NULL && cat->name ? cat->name : c->category);
	}
	if (c->filter.overdue)
		sd_buf_addf(b, " · %s", _("overdue"));
	if (c->filter.mine)
		sd_buf_addf(b, " · %s", _("mine"));
	if (c->lv.n > 0)
		sd_buf_addf(b, "  (%zu%s)", c->lv.n, c->lv.more ? "+" : "");
}

static void
cases_draw(struct screen *s, int top, int height)
{
	struct cases *c = (struct cases *)s;
	struct columns k = layout(c);
	struct sd_buf b = { 0 };
	int x = 1;

	filter_summary(c, &b);
	tui_put(top, 1, COLS - 2, b.data, tui_attr(ROLE_HEADER));
	sd_buf_free(&b);
	tui_put(top + 1, x, k.num, _("Number"), tui_attr(ROLE_DIM));
	x += k.num + 1;
	tui_put(top + 1, x, k.state, c->inbox ? _("Why") : _("Status"), tui_attr(ROLE_DIM));
	x += k.state + 1;
	tui_put(top + 1, x, k.prio, _("Priority"), tui_attr(ROLE_DIM));
	x += k.prio + 1;
	tui_put(top + 1, x, k.due, _("Due"), tui_attr(ROLE_DIM));
	x += k.due + 1;
	tui_put(top + 1, x, k.ent, _("Enterprise"), tui_attr(ROLE_DIM));
	x += k.ent + 1;
	tui_put(top + 1, x, k.subj, _("Subject"), tui_attr(ROLE_DIM));
	x += k.subj + 1;
	tui_put(top + 1, x, k.routes, _("Routes"), tui_attr(ROLE_DIM));
	c->lv.y0 = top + 2;
	lv_scroll(&c->lv, height - 2);
	if (c->lv.n == 0)
		tui_put(top + 3, 3, COLS - 4, c->inbox ? _("Nothing waits for you.") :
		    _("No cases match."), tui_attr(ROLE_DIM));
	for (int i = 0; i < height - 2 && c->lv.top + (size_t)i < c->lv.n; i++) {
		size_t r = c->lv.top + (size_t)i;
		if (r >= c->rows.n)
			draw_moment_row(&k, &c->moments.items[r - c->rows.n], top + 2 + i,
			    r == c->lv.sel);
		else
			draw_row(c, &k, &c->rows.items[r], top + 2 + i, r == c->lv.sel);
	}
}

/* --- filters ------------------------------------------------------------------- */

static void
choose_status(struct cases *c)
{
	const char *items[SD_CASE_STATUS_COUNT];
	size_t n = 0;

	items[n++] = _("any status");
	for (int i = SD_CASE_NEW; i < SD_CASE_STATUS_COUNT; i++)
		items[n++] = sd_case_status_label(i);
	int k = tui_choose(c->base.tui, _("Status"), items, n, (int)c->filter.status);
	if (k >= 0)
		c->filter.status = (enum sd_case_status)k;
}

static void
choose_config(struct cases *c, bool dept)
{
	const struct sd_config *cfg = &c->base.tui->desk->cfg;
	size_t n = dept ? cfg->ndepartments : cfg->ncategories;
	const char **items = sd_xcalloc(n + 1, sizeof *items);
	char **target = dept ? &c->dept : &c->category;
	int k;

	items[0] = dept ? _("any department") : _("any category");
	for (size_t i = 0; i < n; i++)
		items[i + 1] = dept ? cfg->departments[i].name : cfg->categories[i].name;
	k = tui_choose(c->base.tui, dept ? _("Department") : _("Category"), items, n + 1, 0);
	free(items);
	if (k < 0)
		return;
	free(*target);
	*target = k == 0 ? NULL :
	    sd_xstrdup(dept ? cfg->departments[k - 1].id : cfg->categories[k - 1].id);
	c->filter.dept = c->dept;
	c->filter.category = c->category;
}

static bool
cases_action(struct screen *s, enum tui_action a)
{
	struct cases *c = (struct cases *)s;
	struct tui *t = s->tui;
	bool refilter = true;

	switch (a) {
	case ACT_OPEN:
		if (c->lv.n > 0 && c->lv.sel >= c->rows.n)
			tui_push(t, scr_moment_new(t, c->moments.items[c->lv.sel - c->rows.n].m.id));
		else if (c->lv.n > 0)
			tui_push(t, scr_case_new(t, c->rows.items[c->lv.sel].c.key));
		return true;
	case ACT_MOMENTS:
		tui_push(t, scr_moments_new(t, NULL));
		return true;
	case ACT_NEW_CASE:
		tui_push(t, scr_newcase_new(t, NULL));
		return true;
	case ACT_CASES:
		tui_push(t, scr_cases_new(t));
		return true;
	case ACT_ENTERPRISES:
		tui_push(t, scr_enterprises_new(t));
		return true;
	case ACT_OPPORTUNITIES:
		tui_push(t, scr_opportunities_new(t));
		return true;
	case ACT_EVENTS:
		tui_push(t, scr_events_new(t));
		return true;
	case ACT_REPORTS:
		tui_push(t, scr_report_new(t));
		return true;
	case ACT_SEARCH:
		tui_push(t, scr_search_new(t));
		return true;
	case ACT_FILTER_STATUS:
		choose_status(c);
		break;
	case ACT_FILTER_DEPT:
		choose_config(c, true);
		break;
	case ACT_FILTER_CATEGORY:
		choose_config(c, false);
		break;
	case ACT_FILTER_OVERDUE:
		c->filter.overdue = !c->filter.overdue;
		break;
	case ACT_FILTER_MINE:
		c->filter.mine = !c->filter.mine;
		break;
	case ACT_FILTER_CLEAR:
		free(c->dept);
		free(c->category);
		c->dept = c->category = NULL;
		memset(&c->filter, 0, sizeof c->filter);
		break;
	default:
		refilter = false;
		if (lv_action(&c->lv, a))
			load_more(c);
		return a >= ACT_UP && a <= ACT_END;
	}
	if (refilter) {
		free_rows(c);
		c->lv.sel = c->lv.top = 0;
		load(c, PAGE);
	}
	return true;
}

static void
cases_click(struct screen *s, int y)
{
	struct cases *c = (struct cases *)s;

	lv_click(&c->lv, y);
}

static void
cases_destroy(struct screen *s)
{
	struct cases *c = (struct cases *)s;

	sd_case_rows_free(&c->rows);
	sd_moment_rows_free(&c->moments);
	free(c->dept);
	free(c->category);
	free(c);
}

static const struct screen_ops inbox_ops = {
	.name = N_("Inbox"),
	.keys = inbox_keys,
	.list_keys = true,
	.draw = cases_draw,
	.action = cases_action,
	.click = cases_click,
	.reload = cases_reload,
	.destroy = cases_destroy,
};

static const struct screen_ops list_ops = {
	.name = N_("Cases"),
	.keys = list_keys,
	.list_keys = true,
	.draw = cases_draw,
	.action = cases_action,
	.click = cases_click,
	.reload = cases_reload,
	.destroy = cases_destroy,
};

static struct screen *
make(struct tui *t, bool inbox)
{
	struct cases *c = sd_xcalloc(1, sizeof *c);

	c->base.ops = inbox ? &inbox_ops : &list_ops;
	c->base.tui = t;
	c->inbox = inbox;
	c->lv.height = tui_content_height() - 2;
	load(c, PAGE);
	return &c->base;
}

struct screen *
scr_inbox_new(struct tui *t)
{
	return make(t, true);
}

struct screen *
scr_cases_new(struct tui *t)
{
	return make(t, false);
}
