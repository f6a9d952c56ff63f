/*
 * The case screen: its fields, one line per route, the journal below, and
 * every action on the case by key.  Each action passes the version the
 * screen shows, so a change made meanwhile by someone else is reported as
 * a conflict instead of being overwritten.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "tui.h"

/*
 * The journal is read a page at a time: a case with thousands of entries
 * opens as fast as a short one, and scrolling reads the next page when
 * the screen nears the end of what it holds.
 */
#define JOURNAL_PAGE	200

struct casescr {
	struct screen		 base;
	struct sd_case_key	 key;
	struct sd_case_view	 v;
	bool			 loaded;
	int			 scroll;	/* first journal entry shown */
};

static const struct tui_key case_keys[] = {
	{ 'R', ACT_ROUTE, "R", N_("route to departments"), N_("route") },
	{ 'p', ACT_PICKUP, "p", N_("pick up (your department)"), N_("pick up") },
	{ 'a', ACT_ANSWER, "a", N_("answer (your department)"), N_("answer") },
	{ 'd', ACT_DECLINE, "d", N_("decline with a reason (your department)"), NULL },
	{ 'n', ACT_NOTE, "n", N_("add a note"), N_("note") },
	{ 'w', ACT_WAIT, "w", N_("wait on the enterprise"), NULL },
	{ 'o', ACT_REOPEN, "o", N_("reopen"), NULL },
	{ 'c', ACT_CLOSE, "c", N_("close with resolution and satisfaction"), N_("close") },
	{ 'e', ACT_EDIT, "e", N_("edit the fields"), NULL },
	{ 'j', ACT_SCROLL_DOWN, "j ↓", N_("scroll the journal"), NULL },
	{ TK(KEY_DOWN), ACT_SCROLL_DOWN, NULL, NULL, NULL },
	{ TK(KEY_NPAGE), ACT_SCROLL_DOWN, NULL, NULL, NULL },
	{ 'k', ACT_SCROLL_UP, "k ↑", N_("scroll the journal back"), NULL },
	{ TK(KEY_UP), ACT_SCROLL_UP, NULL, NULL, NULL },
	{ TK(KEY_PPAGE), ACT_SCROLL_UP, NULL, NULL, NULL },
	{ 'E', ACT_ENTERPRISES, "E", N_("open the enterprise"), NULL },
	{ 0 },
};

static void
case_reload(struct screen *s)
{
	struct casescr *c = (struct casescr *)s;
	char num[SD_CASE_NUMBER_MAX];
	struct sd_error err;

	size_t want = JOURNAL_PAGE;

	/* As many entries as were read before, so the scrolled place stays. */
	if (c->loaded) {
		if (c->v.njournal > want)
			want = c->v.njournal;
		sd_case_view_free(&c->v);
	}
	c->loaded = false;
	sd_case_number_format(c->key, num);
	if (sd_case_get_page(s->tui->desk, num, want, &c->v, &err) != SD_OK) {
		tui_error(s->tui, &err);
		return;
	}
	c->loaded = true;
	/*
	 * The user has now seen the case as it is: the inbox stops marking it.
	 * A bookmark only (written only when the journal moved on, not against
	 * the write rate); if it cannot be written, reading goes on unmarked.
	 */
	if (sd_case_seen(s->tui->desk, num, &err) != SD_OK)
		sd_error_clear(&err);
}

/* Reads the next page of the journal when the screen comes near its end. */
static void
journal_read_ahead(struct casescr *c)
{
	struct sd_error err;

	if (!c->loaded || !c->v.journal_more || (size_t)c->scroll + LINES < c->v.njournal)
		return;
	if (sd_case_journal_more(c->base.tui->desk, &c->v, JOURNAL_PAGE, &err) != SD_OK)
		tui_error(c->base.tui, &err);
}

/* --- drawing ------------------------------------------------------------------- */

static int
field(int y, const char *label, const char *value, attr_t a)
{
	tui_put(y, 1, 12, label, tui_attr(ROLE_DIM));
	tui_put(y, 14, COLS - 15, value, a);
	return y + 1;
}

static void
journal_line(const struct sd_journal_entry *e, struct sd_buf *b)
{
	char at[21];

	sd_time_format(e->at, at);
	at[16] = '\0';		/* minutes are enough on screen */
	at[10] = ' ';
	sd_buf_addf(b, "%s %-7s %s", at, e->actor ? e->actor : "?", sd_journal_kind_label(e->kind));
	if (e->dept != NULL)
		sd_buf_addf(b, " %s", e->dept);
	if (e->field != NULL && (e->kind == NULL || strcmp(e->kind, e->field) != 0))
		sd_buf_addf(b, " %s", e->field);
	if (e->field != NULL)
		sd_buf_addf(b, ": %s → %s", e->old_value ? e->old_value : "-",
		    e->new_value ? e->new_value : "-");
	if (e->text != NULL) {
		char *first = sd_first_line(e->text);
		sd_buf_addf(b, ": %s%s", first, strchr(e->text, '\n') ? " …" : "");
		free(first);
	}
}

static void
case_draw(struct screen *s, int top, int height)
{
	struct casescr *c = (struct casescr *)s;
	const struct sd_case *k = &c->v.c;
	char num[SD_CASE_NUMBER_MAX], due[16], created[21];
	struct sd_buf b = { 0 };
	int y = top, end = top + height;

	sd_case_number_format(c->key, num);
	if (!c->loaded) {
		tui_put(top + 1, 2, COLS - 3, _("This case cannot be shown (see the message below)."),
		    tui_attr(ROLE_DIM));
		return;
	}
	sd_buf_addf(&b, _("Case %s · %s · version %u"), num, sd_case_status_label(k->status),
	    k->version);
	tui_put(y++, 1, COLS - 2, b.data, tui_attr(ROLE_HEADER));
	sd_buf_reset(&b);
	y = field(y, _("Subject"), k->subject, tui_attr(ROLE_NORMAL));
	sd_buf_addf(&b, "%s%s%s%s", c->v.ent.f[SD_EF_NAME], c->v.ent.f[SD_EF_NUMBER] ? " (" : "",
	    c->v.ent.f[SD_EF_NUMBER] ? c->v.ent.f[SD_EF_NUMBER] : "",
	    c->v.ent.f[SD_EF_NUMBER] ? ")" : "");
	y = field(y, _("Enterprise"), b.data, tui_attr(ROLE_NORMAL));
	sd_buf_reset(&b);
	sd_day_format(k->due, due);
	sd_time_format(k->created, created);
	created[10] = '\0';
	{
		const struct sd_category *cat = k->category ?
		    sd_config_category(&s->tui->desk->cfg, k->category) : NULL;
		sd_buf_addf(&b, "%s · %s · %s", cat ? cat->name : (k->category ? k->category : "-"),
		    sd_channel_label(k->channel), sd_priority_label(k->priority));
	}
	y = field(y, _("Category"), b.data, tui_attr(ROLE_NORMAL));
	sd_buf_reset(&b);
	{
		bool overdue = sd_case_overdue(k, sd_desk_today(s->tui->desk));
		sd_buf_addf(&b, _("%s · created %s · due %s%s"), k->owner ? k->owner : "-",
		    created, due, overdue ? _(" ! overdue") : "");
		y = field(y, _("Owner"), b.data, tui_attr(overdue ? ROLE_OVERDUE : ROLE_NORMAL));
	}
	sd_buf_reset(&b);
	if (k->status == SD_CASE_CLOSED) {
		sd_buf_addf(&b, "%s", k->resolution ? k->resolution : "");
		if (k->satisfaction)
			sd_buf_addf(&b, _("  · satisfaction %d/5"), k->satisfaction);
		y = field(y, _("Resolution"), b.data, tui_attr(ROLE_GOOD));
		sd_buf_reset(&b);
	}
	if (k->description != NULL) {
		char *first = sd_first_line(k->description);
		y = field(y, _("Description"), first, tui_attr(ROLE_NORMAL));
		free(first);
	}
	/* Routes: one line each. */
	tui_put(y++, 1, COLS - 2, _("Routes"), tui_attr(ROLE_HEADER));
	if (c->v.nroutes == 0)
		tui_put(y++, 3, COLS - 4, _("not routed yet (R routes it)"), tui_attr(ROLE_DIM));
	for (size_t i = 0; i < c->v.nroutes && y < end - 2; i++) {
		const struct sd_route *r = &c->v.routes[i];
		char code[16], rdue[11], *first = sd_first_line(r->answer);
		bool late = sd_route_overdue(r, sd_desk_today(s->tui->desk));
		enum tui_role role = late ? ROLE_OVERDUE :
		    r->state == SD_ROUTE_ANSWERED ? ROLE_GOOD : ROLE_NORMAL;

		tui_dept_code(r->dept, code, sizeof code);
		sd_day_format(r->due, rdue);
		sd_buf_reset(&b);
		sd_buf_addf(&b, "%-6s %s %-11s %-8s %s%s  %s", code, sd_route_symbol(r->state),
		    sd_route_state_label(r->state), r->officer ? r->officer : "-", rdue,
		    late ? "!" : " ", first);
		tui_put(y++, 3, COLS - 4, b.data, tui_attr(role));
		free(first);
	}
	sd_buf_free(&b);
	/* The journal fills the rest, scrollable. */
	if (y >= end - 1)
		return;
	tui_put(y++, 1, COLS - 2, _("Journal"), tui_attr(ROLE_HEADER));
	if (c->scroll > (int)c->v.njournal - 1)
		c->scroll = c->v.njournal > 0 ? (int)c->v.njournal - 1 : 0;
	for (size_t i = (size_t)c->scroll; i < c->v.njournal && y < end; i++) {
		struct sd_buf line = { 0 };
		journal_line(&c->v.journal[i], &line);
		tui_put(y++, 3, COLS - 4, line.data, tui_attr(ROLE_NORMAL));
		sd_buf_free(&line);
	}
}

/* --- actions ------------------------------------------------------------------- */

/*
 * The open route the caller would work on: among the routed departments
 * they serve (an admin: any), the one they choose when there are several.
 */
static const char *
pick_route(struct casescr *c, enum sd_action a)
{
	const char *names[64];
	const char *ids[64];
	size_t n = 0;

	for (size_t i = 0; i < c->v.nroutes && n < 64; i++) {
		const struct sd_route *r = &c->v.routes[i];
		if (sd_permit_case(c->base.tui->desk, a, &c->v.c, c->v.routes, c->v.nroutes,
		    r->dept, NULL) != SD_OK)
			continue;
		ids[n] = r->dept;
		names[n] = r->dept;
		n++;
	}
	if (n == 0) {
		tui_message(c->base.tui, ROLE_ERROR,
		    _("no open route of your departments on this case."));
		return NULL;
	}
	if (n == 1)
		return ids[0];
	int k = tui_choose(c->base.tui, _("Which department?"), names, n, 0);
	return k < 0 ? NULL : ids[k];
}

static void
done(struct casescr *c, sd_status s, const struct sd_error *err, const char *ok)
{
	struct tui *t = c->base.tui;

	if (s != SD_OK) {
		tui_error(t, err);
		if (s == SD_CONFLICT)
			tui_message(t, ROLE_ERROR, "%s %s", err->msg,
			    _("The screen now shows the current state."));
	} else {
		tui_message(t, ROLE_GOOD, "%s", ok);
	}
	case_reload(&c->base);
}

/* The case's route to department id, or NULL. */
static const struct sd_route *
route_of(const struct casescr *c, const char *id)
{
	for (size_t i = 0; i < c->v.nroutes; i++) {
		if (strcmp(c->v.routes[i].dept, id) == 0)
			return &c->v.routes[i];
	}
	return NULL;
}

static bool
route_open(const struct sd_route *r)
{
	return r != NULL && (r->state == SD_ROUTE_PENDING || r->state == SD_ROUTE_PICKED_UP);
}

/*
 * The checklist lists the departments the case is routed to first, each
 * with its route's state, then the others; an open route is shown as open
 * and ticking it is refused before the note is asked.
 */
static void
do_route(struct casescr *c, const char *num)
{
	struct tui *t = c->base.tui;
	const struct sd_config *cfg = &t->desk->cfg;
	const struct sd_department *suggested[64];
	size_t nsug, n = cfg->ndepartments, count = 0, k = 0;
	const char **items = sd_xcalloc(n + 1, sizeof *items);
	const char **chosen = sd_xcalloc(n + 1, sizeof *chosen);
	bool *ticks = sd_xcalloc(n + 1, sizeof *ticks);
	size_t *order = sd_xcalloc(n + 1, sizeof *order);
	struct sd_error err;
	char **labels = sd_xcalloc(n + 1, sizeof *labels);
	const char *open = NULL;

	nsug = sd_suggest_departments(cfg, c->v.c.category, c->v.c.subject, c->v.c.description,
	    suggested, 64);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			if ((route_of(c, cfg->departments[i].id) != NULL) == (pass == 0))
				order[k++] = i;
		}
	}
	for (size_t row = 0; row < n; row++) {
		size_t i = order[row];
		const struct sd_route *r = route_of(c, cfg->departments[i].id);
		struct sd_buf b = { 0 };
		char code[16];

		tui_dept_code(cfg->departments[i].id, code, sizeof code);
		sd_buf_addf(&b, "%-6s %s", code, cfg->departments[i].name);
		if (route_open(r))
			sd_buf_addf(&b, _("  (already open: %s)"), sd_route_state_label(r->state));
		else if (r != NULL)
			sd_buf_addf(&b, _("  (%s: routes again)"), sd_route_state_label(r->state));
		for (size_t j = 0; j < nsug && !route_open(r); j++) {
			if (suggested[j] == &cfg->departments[i]) {
				ticks[row] = r == NULL;
				sd_buf_adds(&b, _("  (suggested)"));
			}
		}
		labels[row] = sd_buf_take(&b);
		items[row] = labels[row];
	}
	if (tui_checklist(t, _("Route to"), items, ticks, n)) {
		for (size_t row = 0; row < n; row++) {
			const char *id = cfg->departments[order[row]].id;
			if (!ticks[row])
				continue;
			if (route_open(route_of(c, id)) && open == NULL)
				open = id;
			chosen[count++] = id;
		}
		if (open != NULL) {
			tui_message(t, ROLE_ERROR,
			    _("%s already has an open route on this case; untick it. "
			    "Nothing was routed."), open);
		} else if (count == 0) {
			tui_message(t, ROLE_ERROR, _("no department ticked; nothing was routed."));
		} else {
			char *note = tui_prompt(t, _("Note for the departments (optional)"), "");
			if (note != NULL) {
				sd_status s = sd_case_route(t->desk, num, chosen, count,
				    *note ? note : NULL, c->v.c.version, &err);
				done(c, s, &err, _("routed."));
				free(note);
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(items);
	free(chosen);
	free(ticks);
	free(order);
}

/*
 * One score from 1 to 5 with its ends named, as the question is put; the
 * digits pick what they show.  Returns 0 for the last item (not given),
 * -1 on Esc.
 */
static int
ask_score(struct tui *t, const char *question, const char *none)
{
	const char *labels[6] = { _("1  not at all"), "2", "3", "4", _("5  very much"), none };
	int k = tui_choose(t, question, labels, 6, 5);

	return k < 0 ? -1 : k == 5 ? 0 : k + 1;
}

static void
do_close(struct casescr *c, const char *num)
{
	struct tui *t = c->base.tui;
	struct sd_error err;
	char *res, q[160];
	int sat, own;

	if ((res = tui_prompt(t, _("Resolution: how was the enquiry answered?"), "")) == NULL)
		return;
	/* Asked as the enterprise is asked, then the contact point's own view of it. */
	if ((sat = ask_score(t, _("The enterprise: did you feel helped? (1–5)"),
	    _("not asked"))) >= 0 &&
	    (own = ask_score(t, _("Our own view: did we help well? (1–5)"),
	    _("not given"))) >= 0) {
		snprintf(q, sizeof q, _("Close case %s?"), num);
		if (tui_confirm(t, q))
			done(c, sd_case_close_scored(t->desk, num, res, sat, own, c->v.c.version,
			    &err), &err, _("closed."));
	}
	free(res);
}

/* Waiting asks until when (the case comes back to the inbox then) and why. */
static void
do_wait(struct casescr *c, const char *num)
{
	struct tui *t = c->base.tui;
	struct sd_error err;
	char *until, *why = NULL;
	sd_day day = SD_NO_DAY;

	if ((until = tui_prompt(t, _("Wait until (YYYY-MM-DD; empty: no day)"), "")) == NULL)
		return;
	if (*until != '\0' && !sd_day_parse(until, &day)) {
		tui_message(t, ROLE_ERROR, _("%s is not a date (YYYY-MM-DD); nothing was changed."),
		    until);
	} else if ((why = tui_prompt(t, _("What does the case wait for?"), "")) != NULL) {
		done(c, sd_case_wait_until(t->desk, num, day, why, c->v.c.version, &err), &err,
		    _("waiting on the enterprise."));
	}
	free(until);
	free(why);
}

static bool
case_action(struct screen *s, enum tui_action a)
{
	struct casescr *c = (struct casescr *)s;
	struct tui *t = s->tui;
	char num[SD_CASE_NUMBER_MAX], q[200];
	struct sd_error err;
	const char *dept;
	char *text;

	if (!c->loaded)
		return false;
	sd_case_number_format(c->key, num);
	switch (a) {
	case ACT_ROUTE:
		do_route(c, num);
		return true;
	case ACT_PICKUP:
		if ((dept = pick_route(c, SD_ACT_ROUTE_PICKUP)) != NULL)
			done(c, sd_case_pickup(t->desk, num, dept, c->v.c.version, &err), &err,
			    _("picked up."));
		return true;
	case ACT_ANSWER:
		if ((dept = pick_route(c, SD_ACT_ROUTE_WORK)) != NULL &&
		    (text = tui_edit_text(t, NULL)) != NULL) {
			done(c, sd_case_answer(t->desk, num, dept, text, c->v.c.version, &err), &err,
			    _("answered."));
			free(text);
		}
		return true;
	case ACT_DECLINE:
		if ((dept = pick_route(c, SD_ACT_ROUTE_WORK)) == NULL)
			return true;
		if ((text = tui_prompt(t, _("Why does your department decline?"), "")) == NULL)
			return true;
		/* Refused here, not after the confirmation: a decline needs its reason. */
		if (text[strspn(text, " \t")] == '\0') {
			tui_message(t, ROLE_ERROR,
			    _("a decline needs its reason; nothing was declined."));
			free(text);
			return true;
		}
		snprintf(q, sizeof q, _("Decline case %s for %s?"), num, dept);
		if (tui_confirm(t, q))
			done(c, sd_case_decline(t->desk, num, dept, text, c->v.c.version, &err), &err,
			    _("declined."));
		free(text);
		return true;
	case ACT_NOTE:
		if ((text = tui_edit_text(t, NULL)) != NULL) {
			done(c, sd_case_note(t->desk, num, text, c->v.c.version, &err), &err,
			    _("note added."));
			free(text);
		}
		return true;
	case ACT_WAIT:
		do_wait(c, num);
		return true;
	case ACT_REOPEN:
		done(c, sd_case_reopen(t->desk, num, c->v.c.version, &err), &err, _("reopened."));
		return true;
	case ACT_CLOSE:
		do_close(c, num);
		return true;
	case ACT_EDIT:
		tui_push(t, scr_caseform_new(t, c->key));
		return true;
	case ACT_ENTERPRISES:
		tui_push(t, scr_enterprise_new(t, c->v.c.enterprise));
		return true;
	case ACT_SCROLL_DOWN:
		journal_read_ahead(c);
		if ((size_t)c->scroll + 1 < c->v.njournal)
			c->scroll++;
		return true;
	case ACT_SCROLL_UP:
		if (c->scroll > 0)
			c->scroll--;
		return true;
	default:
		return false;
	}
}

static const struct sd_case_view *
case_shown(const struct screen *s)
{
	const struct casescr *c = (const struct casescr *)s;

	return c->loaded ? &c->v : NULL;
}

static void
case_destroy(struct screen *s)
{
	struct casescr *c = (struct casescr *)s;

	if (c->loaded)
		sd_case_view_free(&c->v);
	free(c);
}

static const struct screen_ops case_ops = {
	.name = N_("Case"),
	.keys = case_keys,
	.draw = case_draw,
	.action = case_action,
	.reload = case_reload,
	.shown_case = case_shown,
	.destroy = case_destroy,
};

struct screen *
scr_case_new(struct tui *t, struct sd_case_key key)
{
	struct casescr *c = sd_xcalloc(1, sizeof *c);

	c->base.ops = &case_ops;
	c->base.tui = t;
	c->key = key;
	case_reload(&c->base);
	return &c->base;
}
