/*
 * The case screen: its fields, one line per route, the journal below, and
 * every action on the case by key.  Each action passes the version the
 * screen shows, so a change made meanwhile by someone else is reported as
 * a conflict instead of being overwritten.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/access_log.h"
#include "sedesk/case_text.h"
#include "sedesk/event.h"
#include "sedesk/i18n.h"
#include "sedesk/mailgate.h"
#include "sedesk/text.h"
#include "sedesk/words.h"
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
	char			*event_title;	/* the event the case follows up, or NULL */
	size_t			 natt;		/* its e-mail's attachments (mailgate) */
	int			 scroll;	/* first journal entry shown */
	/*
	 * The selected line, opened in full by Enter or v: the resolution,
	 * the description, a route (its answer or reason), a journal entry,
	 * in the order of the screen (see item_at).
	 */
	size_t			 sel;
	int			 jrows;		/* journal entries shown at the last draw */
};

enum case_item { IT_NONE, IT_RESOLUTION, IT_DESCRIPTION, IT_ROUTE, IT_JOURNAL };

static const struct tui_key case_keys[] = {
	{ 'R', ACT_ROUTE, "R", N_("route to departments"), N_("route") },
	{ 'p', ACT_PICKUP, "p", N_("pick up (your department)"), N_("pick up") },
	{ 'a', ACT_ANSWER, "a", N_("answer (your department)"), N_("answer") },
	{ 'd', ACT_DECLINE, "d", N_("decline with a reason (your department)"), NULL },
	{ 'n', ACT_NOTE, "n", N_("add a note"), N_("note") },
	{ 'w', ACT_WAIT, "w", N_("wait on the enterprise"), NULL },
	{ 'W', ACT_WITHDRAW, "W", N_("withdraw an open route, with the reason"), NULL },
	{ 'm', ACT_REMIND, "m", N_("remind a department of its open route"), NULL },
	{ 'F', ACT_FOLLOW_UP, "F", N_("set a follow-up day (back in your inbox then)"), NULL },
	{ 'o', ACT_REOPEN, "o", N_("reopen"), NULL },
	{ 'c', ACT_CLOSE, "c", N_("close with resolution and satisfaction"), N_("close") },
	{ 'e', ACT_EDIT, "e", N_("edit the fields"), NULL },
	{ 'j', ACT_SCROLL_DOWN, "j ↓", N_("next line: route or journal entry"), NULL },
	{ TK(KEY_DOWN), ACT_SCROLL_DOWN, NULL, NULL, NULL },
	{ 'k', ACT_SCROLL_UP, "k ↑", N_("previous line"), NULL },
	{ TK(KEY_UP), ACT_SCROLL_UP, NULL, NULL, NULL },
	{ TK(KEY_NPAGE), ACT_PGDN, "PgDn PgUp", N_("a page of the journal down / up"), NULL },
	{ TK(KEY_PPAGE), ACT_PGUP, NULL, NULL, NULL },
	{ '\n', ACT_VIEW, "Enter v",
	    N_("read the selected answer, reason, description or journal entry in full"),
	    N_("read") },
	{ 'v', ACT_VIEW, NULL, NULL, NULL },
	{ TK(KEY_ENTER), ACT_VIEW, NULL, NULL, NULL },
	{ 'D', ACT_VIEW_DESCRIPTION, "D", N_("read the description in full"), NULL },
	{ 's', ACT_SAVE_TEXT, "s", N_("save the whole case as text to a file"), N_("save") },
	{ '|', ACT_PIPE, "|", N_("pipe the whole case as text to a command"), NULL },
	{ 'A', ACT_ATTACHMENTS, "A", N_("the e-mail's attachments: list them, save one to a file"),
	    NULL },
	{ 'E', ACT_ENTERPRISES, "E", N_("open the enterprise"), NULL },
	{ 'M', ACT_MOMENTS, "M", N_("open the contact moment the case was made from"), NULL },
	{ 0 },
};

static size_t item_count(const struct casescr *c);

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
	free(c->event_title);
	c->event_title = NULL;
	{
		/* A follow-up of an event names it (when the caller may see it). */
		static const uint8_t none[SD_UUID_LEN];
		struct sd_event_view ev;
		char id[SD_UUID_STR];
		if (memcmp(c->v.c.event, none, SD_UUID_LEN) != 0) {
			sd_uuid_format(c->v.c.event, id);
			if (sd_event_get(s->tui->desk, id, &ev, &err) == SD_OK) {
				c->event_title = sd_xstrdup(ev.ev.title);
				sd_event_view_free(&ev);
			} else {
				sd_error_clear(&err);
			}
		}
	}
	{
		/* Its e-mail's attachments, when the caller may save them: a line and the A key. */
		struct sd_attachment *a;
		c->natt = 0;
		if (sd_case_attachments(s->tui->desk, num, &a, &c->natt, &err) == SD_OK)
			sd_attachments_free(a, c->natt);
		else
			sd_error_clear(&err);
	}
	if (c->sel >= item_count(c))
		c->sel = item_count(c) > 0 ? item_count(c) - 1 : 0;
	/*
	 * The user has now seen the case as it is: the inbox stops marking it.
	 * A bookmark only (written only when the journal moved on, not against
	 * the write rate); if it cannot be written, reading goes on unmarked.
	 */
	if (sd_case_seen(s->tui->desk, num, &err) != SD_OK)
		sd_error_clear(&err);
}


/* --- the selectable lines ----------------------------------------------------- */

static size_t
item_count(const struct casescr *c)
{
	return (c->v.c.status == SD_CASE_CLOSED) + (c->v.c.description != NULL) +
	    c->v.nroutes + c->v.njournal;
}

/* What the idx-th selectable line is; *i: which route or journal entry. */
static enum case_item
item_at(const struct casescr *c, size_t idx, size_t *i)
{
	*i = 0;
	if (c->v.c.status == SD_CASE_CLOSED && idx-- == 0)
		return IT_RESOLUTION;
	if (c->v.c.description != NULL && idx-- == 0)
		return IT_DESCRIPTION;
	if (idx < c->v.nroutes) {
		*i = idx;
		return IT_ROUTE;
	}
	idx -= c->v.nroutes;
	if (idx < c->v.njournal) {
		*i = idx;
		return IT_JOURNAL;
	}
	return IT_NONE;
}

static bool
selected(const struct casescr *c, enum case_item kind, size_t i)
{
	size_t at;

	return item_at(c, c->sel, &at) == kind && at == i;
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
journal_line(struct sd_desk *d, const struct sd_journal_entry *e, struct sd_buf *b)
{
	const struct sd_config *cfg = &d->cfg;
	char at[21];

	sd_time_format(e->at, at);
	at[16] = '\0';		/* minutes are enough on screen */
	at[10] = ' ';
	sd_buf_addf(b, "%s %-7s ", at, e->actor ? e->actor : "?");
	if (e->field != NULL) {
		/* "prioriteit: normaal → hoog": labels and words, never the codes. */
		char *words = sd_journal_change_words(d, e);
		sd_buf_adds(b, words);
		free(words);
	} else {
		sd_buf_adds(b, sd_journal_kind_label(e->kind));
		if (e->dept != NULL)
			sd_buf_addf(b, " %s", sd_dept_words(cfg, e->dept));
	}
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
	int y = top, end = top + height, per;
	size_t ji;

	sd_case_number_format(c->key, num);
	if (!c->loaded) {
		tui_put(top + 1, 2, COLS - 3, _("This case cannot be shown (see the message below)."),
		    tui_attr(ROLE_DIM));
		return;
	}
	sd_buf_addf(&b, _("Case %s · %s · version %u"), num, sd_case_state_words(k, c->v.routes, c->v.nroutes),
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
	if (c->event_title != NULL)
		y = field(y, _("Event"), c->event_title, tui_attr(ROLE_NORMAL));
	if (c->natt > 0) {
		sd_buf_addf(&b, _("%zu from the e-mail (A: list, save)"), c->natt);
		y = field(y, _("Attachments"), b.data, tui_attr(ROLE_NORMAL));
		sd_buf_reset(&b);
	}
	{
		bool overdue = sd_case_overdue(k, sd_desk_today(s->tui->desk));
		sd_buf_addf(&b, _("%s · created %s · due %s%s"), k->owner ? k->owner : "-",
		    created, due, overdue ? _(" ! overdue") : "");
		y = field(y, _("Owner"), b.data, tui_attr(overdue ? ROLE_OVERDUE : ROLE_NORMAL));
	}
	sd_buf_reset(&b);
	if (k->status == SD_CASE_CLOSED) {
		struct sd_buf scores = { 0 };
		attr_t a = selected(c, IT_RESOLUTION, 0) ? tui_attr(ROLE_SELECTED) :
		    tui_attr(ROLE_GOOD);
		char *first = sd_first_line(k->resolution);
		int room;

		sd_buf_addf(&b, "%s%s", first, k->resolution && strchr(k->resolution, '\n') ?
		    " …" : "");
		free(first);
		if (k->satisfaction)
			sd_buf_addf(&scores, _("  · satisfaction %d/5"), k->satisfaction);
		/* The contact point's own view beside the enterprise's: the two are compared. */
		if (k->own_view)
			sd_buf_addf(&scores, _("  · own view %d/5"), k->own_view);
		/*
		 * The scores stay in sight on a narrow screen: a long resolution
		 * is cut before them (Enter reads it in full).
		 */
		room = tui_width(b.data);
		if (room > COLS - 15 - tui_width(scores.data))
			room = COLS - 15 - tui_width(scores.data) < 10 ? COLS - 15 :
			    COLS - 15 - tui_width(scores.data);
		tui_put(y, 1, 12, _("Resolution"), tui_attr(ROLE_DIM));
		tui_put(y, 14, room, b.data, a);
		tui_put(y, 14 + room, COLS - 15 - room, scores.data, a);
		y++;
		sd_buf_free(&scores);
		sd_buf_reset(&b);
	}
	if (k->follow_up != SD_NO_DAY || k->wait_until != SD_NO_DAY) {
		char day[16];

		if (k->follow_up != SD_NO_DAY) {
			sd_day_format(k->follow_up, day);
			sd_buf_addf(&b, _("follow up on %s"), day);
		}
		if (k->wait_until != SD_NO_DAY) {
			sd_day_format(k->wait_until, day);
			if (b.len > 0)
				sd_buf_adds(&b, " · ");
			sd_buf_addf(&b, _("waits until %s"), day);
		}
		y = field(y, _("Dates"), b.data, tui_attr(ROLE_NORMAL));
		sd_buf_reset(&b);
	}
	/* Made from (or linked to) a contact moment: M opens it. */
	if (k->moment != NULL) {
		sd_buf_addf(&b, _("contact moment %.8s (M opens it)"), k->moment);
		y = field(y, _("Moment"), b.data, tui_attr(ROLE_NORMAL));
		sd_buf_reset(&b);
	}
	if (k->description != NULL) {
		char *first = sd_first_line(k->description);
		sd_buf_addf(&b, "%s%s", first, strchr(k->description, '\n') ? " …" : "");
		y = field(y, _("Description"), b.data, tui_attr(selected(c, IT_DESCRIPTION, 0) ?
		    ROLE_SELECTED : ROLE_NORMAL));
		sd_buf_reset(&b);
		free(first);
	}
	/*
	 * Routes: a line each, the latest answer (or the reason it was
	 * declined) wrapped under it, as many lines as fit while the journal
	 * keeps a header and three entries below.
	 */
	tui_put(y++, 1, COLS - 2, _("Routes"), tui_attr(ROLE_HEADER));
	if (c->v.nroutes == 0)
		tui_put(y++, 3, COLS - 4, _("not routed yet (R routes it)"), tui_attr(ROLE_DIM));
	per = c->v.nroutes > 0 ? (end - y - 4) / (int)c->v.nroutes - 1 : 0;
	if (per < 0)
		per = 0;
	for (size_t i = 0; i < c->v.nroutes && y < end - 2; i++) {
		const struct sd_route *r = &c->v.routes[i];
		char code[16], rdue[11];
		bool late = sd_route_overdue(r, sd_desk_today(s->tui->desk));
		enum tui_role role = late ? ROLE_OVERDUE :
		    r->state == SD_ROUTE_ANSWERED ? ROLE_GOOD : ROLE_NORMAL;

		tui_dept_code(r->dept, code, sizeof code);
		sd_day_format(r->due, rdue);
		sd_buf_reset(&b);
		sd_buf_addf(&b, "%-6s %s %-11s %-8s %s%s", code, sd_route_symbol(r->state),
		    sd_route_state_label(r->state), r->officer ? r->officer : "-", rdue,
		    late ? "!" : " ");
		tui_put(y++, 3, COLS - 4, b.data,
		    tui_attr(selected(c, IT_ROUTE, i) ? ROLE_SELECTED : role));
		if (r->answer != NULL && per > 0) {
			size_t n;
			char **lines = tui_wrap(r->answer, COLS - 8, &n);
			for (size_t l = 0; l < n && (int)l < per && y < end - 2; l++) {
				bool cut = (int)l == per - 1 && l + 1 < n;
				sd_buf_reset(&b);
				sd_buf_addf(&b, "%s%s", lines[l], cut ? " …" : "");
				tui_put(y++, 5, COLS - 6, b.data, tui_attr(ROLE_NORMAL));
			}
			tui_wrap_free(lines, n);
		}
	}
	sd_buf_free(&b);
	/* The journal fills the rest, scrolled to keep the selected entry in sight. */
	if (y >= end - 1)
		return;
	tui_put(y++, 1, COLS - 2, _("Journal"), tui_attr(ROLE_HEADER));
	c->jrows = end - y;
	if (item_at(c, c->sel, &ji) == IT_JOURNAL) {
		if ((int)ji < c->scroll)
			c->scroll = (int)ji;
		else if ((int)ji >= c->scroll + c->jrows)
			c->scroll = (int)ji - c->jrows + 1;
	}
	if (c->scroll > (int)c->v.njournal - 1)
		c->scroll = c->v.njournal > 0 ? (int)c->v.njournal - 1 : 0;
	for (size_t i = (size_t)c->scroll; i < c->v.njournal && y < end; i++) {
		struct sd_buf line = { 0 };
		journal_line(s->tui->desk, &c->v.journal[i], &line);
		tui_put(y++, 3, COLS - 4, line.data,
		    tui_attr(selected(c, IT_JOURNAL, i) ? ROLE_SELECTED : ROLE_NORMAL));
		sd_buf_free(&line);
	}
}

/* --- actions ------------------------------------------------------------------- */

/* A department as people know it: its name, never its code (issue 10). */
static const char *
dept_name(const struct casescr *c, const char *id)
{
	return sd_dept_words(&c->base.tui->desk->cfg, id);
}

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
		names[n] = dept_name(c, r->dept);
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

/* Moves the selection by delta lines, reading more journal near its end. */
static void
move_sel(struct casescr *c, int delta)
{
	size_t n;

	if (delta > 0 && c->loaded && c->v.journal_more &&
	    c->sel + (size_t)delta + (size_t)LINES >= item_count(c)) {
		struct sd_error err;
		if (sd_case_journal_more(c->base.tui->desk, &c->v, JOURNAL_PAGE, &err) != SD_OK)
			tui_error(c->base.tui, &err);
	}
	n = item_count(c);
	if (n == 0)
		return;
	if (delta < 0)
		c->sel = (size_t)-delta > c->sel ? 0 : c->sel - (size_t)-delta;
	else
		c->sel = c->sel + (size_t)delta >= n ? n - 1 : c->sel + (size_t)delta;
}

/* Opens the selected line in the full-text view. */
static void
view_item(struct casescr *c)
{
	struct tui *t = c->base.tui;
	char num[SD_CASE_NUMBER_MAX], code[16];
	struct sd_buf title = { 0 }, text = { 0 };
	size_t i;

	sd_case_number_format(c->key, num);
	switch (item_at(c, c->sel, &i)) {
	case IT_RESOLUTION:
		sd_buf_addf(&title, _("Case %s · resolution"), num);
		sd_buf_adds(&text, c->v.c.resolution ? c->v.c.resolution : "");
		break;
	case IT_DESCRIPTION:
		sd_buf_addf(&title, _("Case %s · description"), num);
		sd_buf_adds(&text, c->v.c.description);
		break;
	case IT_ROUTE: {
		const struct sd_route *r = &c->v.routes[i];
		char at[21] = "";

		if (r->finished != 0) {
			sd_time_format(r->finished, at);
			at[10] = '\0';
		}
		tui_dept_code(r->dept, code, sizeof code);
		if (r->state == SD_ROUTE_DECLINED)
			sd_buf_addf(&title, _("Case %s · %s declined (%s, %s)"), num, code,
			    r->officer ? r->officer : "-", at);
		else
			sd_buf_addf(&title, _("Case %s · answer of %s (%s, %s)"), num, code,
			    r->officer ? r->officer : "-", at);
		if (r->answer == NULL) {
			tui_message(t, ROLE_NORMAL, _("%s has not answered yet."), code);
			sd_buf_free(&title);
			return;
		}
		sd_buf_adds(&text, r->answer);
		break;
	}
	case IT_JOURNAL: {
		const struct sd_journal_entry *e = &c->v.journal[i];
		char at[21];

		sd_time_format(e->at, at);
		at[16] = '\0';
		at[10] = ' ';
		sd_buf_addf(&title, _("Case %s · journal %s %s %s"), num, at,
		    e->actor ? e->actor : "?", sd_journal_kind_label(e->kind));
		/* In people's words, as the journal line on the case screen. */
		if (e->dept != NULL)
			sd_buf_addf(&text, "%s\n", dept_name(c, e->dept));
		if (e->field != NULL) {
			char *words = sd_journal_change_words(t->desk, e);
			sd_buf_addf(&text, "%s\n", words != NULL ? words : e->field);
			free(words);
		}
		if (e->text != NULL)
			sd_buf_adds(&text, e->text);
		break;
	}
	default:
		return;
	}
	tui_push(t, scr_text_new(t, title.data, text.data ? text.data : ""));
	sd_buf_free(&title);
	sd_buf_free(&text);
}

/*
 * The answer in the editor with the question quoted under a marker line,
 * as a mail client quotes the message replied to; what stays under the
 * marker is not saved.
 */
static char *
edit_answer(struct casescr *c)
{
	struct sd_buf q = { 0 };
	char *text;

	for (int part = 0; part < 2; part++) {
		const char *src = part == 0 ? c->v.c.subject : c->v.c.description;
		char *v;

		if (src == NULL)
			continue;
		if (part == 1)
			sd_buf_adds(&q, ">\n");
		v = sd_visible(src, true);
		for (char *line = v, *nl; line != NULL; line = nl) {
			if ((nl = strchr(line, '\n')) != NULL)
				*nl++ = '\0';
			sd_buf_addf(&q, ">%s%s\n", *line != '\0' ? " " : "", line);
		}
		free(v);
	}
	text = tui_edit_text_trailer(c->base.tui, NULL,
	    _("-- Write above this line. The question: --"), q.data);
	sd_buf_free(&q);
	return text;
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

/*
 * Withdrawing a route asks which open route and why; an empty reason is
 * refused before the confirmation, as a decline's is.
 */
static void
do_withdraw(struct casescr *c, const char *num)
{
	struct tui *t = c->base.tui;
	struct sd_error err;
	const char *dept;
	char *why, q[200];

	if ((dept = pick_route(c, SD_ACT_ROUTE_WITHDRAW)) == NULL)
		return;
	snprintf(q, sizeof q, _("Why is the route to %s withdrawn?"), dept_name(c, dept));
	if ((why = tui_prompt(t, q, "")) == NULL)
		return;
	if (why[strspn(why, " \t")] == '\0') {
		tui_message(t, ROLE_ERROR, _("a withdrawal needs its reason; nothing was withdrawn."));
	} else {
		snprintf(q, sizeof q, _("Withdraw the route of case %s to %s?"), num,
		    dept_name(c, dept));
		if (tui_confirm(t, q))
			done(c, sd_case_withdraw(t->desk, num, dept, why, c->v.c.version, &err),
			    &err, _("route withdrawn."));
	}
	free(why);
}

static void
do_remind(struct casescr *c, const char *num)
{
	struct tui *t = c->base.tui;
	struct sd_error err;
	const char *dept;
	char *text, q[200];

	if ((dept = pick_route(c, SD_ACT_ROUTE_REMIND)) == NULL)
		return;
	snprintf(q, sizeof q, _("Reminder to %s (optional)"), dept_name(c, dept));
	if ((text = tui_prompt(t, q, "")) == NULL)
		return;
	done(c, sd_case_remind(t->desk, num, dept, *text ? text : NULL, c->v.c.version, &err),
	    &err, _("reminded."));
	free(text);
}

/* A follow-up day ("call back on …"): the case comes back to its owner's inbox then. */
static void
do_follow_up(struct casescr *c, const char *num)
{
	struct tui *t = c->base.tui;
	struct sd_error err;
	char *on, *text = NULL;
	sd_day day = SD_NO_DAY;

	if ((on = tui_prompt(t, _("Follow up on (YYYY-MM-DD)"), "")) == NULL)
		return;
	if (!sd_day_parse(on, &day)) {
		tui_message(t, ROLE_ERROR, _("%s is not a date (YYYY-MM-DD); nothing was changed."),
		    on);
	} else if ((text = tui_prompt(t, _("What is the follow-up for? (optional)"), "")) !=
	    NULL) {
		done(c, sd_case_follow_up(t->desk, num, day, *text ? text : NULL,
		    c->v.c.version, &err), &err, _("follow-up day set."));
	}
	free(on);
	free(text);
}

static bool
case_action(struct screen *s, enum tui_action a)
{
	struct casescr *c = (struct casescr *)s;
	struct tui *t = s->tui;
	char num[SD_CASE_NUMBER_MAX], q[200];
	struct sd_error err;
	struct sd_buf out = { 0 };
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
		    (text = edit_answer(c)) != NULL) {
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
		snprintf(q, sizeof q, _("Decline case %s for %s?"), num, dept_name(c, dept));
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
	case ACT_WITHDRAW:
		do_withdraw(c, num);
		return true;
	case ACT_REMIND:
		do_remind(c, num);
		return true;
	case ACT_FOLLOW_UP:
		do_follow_up(c, num);
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
	case ACT_MOMENTS: {
		uint8_t mid[SD_UUID_LEN];
		if (c->v.c.moment == NULL || !sd_uuid_parse(c->v.c.moment, mid))
			tui_message(t, ROLE_ERROR, _("the case was not made from a contact moment."));
		else
			tui_push(t, scr_moment_new(t, mid));
		return true;
	}
	case ACT_ATTACHMENTS:
		tui_case_attachments(t, num);
		return true;
	case ACT_SCROLL_DOWN:
		move_sel(c, 1);
		return true;
	case ACT_SCROLL_UP:
		move_sel(c, -1);
		return true;
	case ACT_PGDN:
		move_sel(c, c->jrows > 1 ? c->jrows - 1 : 1);
		return true;
	case ACT_PGUP:
		move_sel(c, -(c->jrows > 1 ? c->jrows - 1 : 1));
		return true;
	case ACT_VIEW:
		view_item(c);
		return true;
	case ACT_VIEW_DESCRIPTION:
		snprintf(q, sizeof q, _("Case %s · description"), num);
		if (c->v.c.description == NULL)
			tui_message(t, ROLE_NORMAL, _("this case has no description."));
		else
			tui_push(t, scr_text_new(t, q, c->v.c.description));
		return true;
	case ACT_SAVE_TEXT:
	case ACT_PIPE:
		if (sd_case_text(t->desk, &c->v, false, &out) != SD_OK) {
			tui_message(t, ROLE_ERROR, _("cannot make the case's text."));
			return true;
		}
		if (a == ACT_PIPE)
			tui_pipe_text(t, out.data);
		else
			tui_save_text(t, out.data);
		sd_buf_free(&out);
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
	free(c->event_title);
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
	/* Who looked (issue 17): once when opened, not at each reload. */
	if (c->loaded)
		sd_access_case(t->desk, &c->v.c, SD_FRONT_TUI);
	return &c->base;
}
