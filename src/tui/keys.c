/*
 * The keys every screen shares, and the lookup that dispatches a key.
 * Help is generated from these same tables.
 */
#include <stdio.h>

#include "sedesk/i18n.h"
#include "tui.h"

const struct tui_key tui_global_keys[] = {
	{ 'q', ACT_BACK, "q", N_("back; quit from the inbox (asks first)"), N_("back/quit") },
	{ TUI_ESC, ACT_BACK, "Esc", N_("back, as q"), NULL },
	{ 'Q', ACT_QUIT, "Q", N_("quit sedesk at once (asks only before losing what you typed)"),
	    NULL },
	{ '?', ACT_HELP, "? F1", N_("help: the keys of this screen"), N_("help") },
	{ TK(KEY_F(1)), ACT_HELP, NULL, NULL, NULL },
	{ 'r', ACT_REFRESH, "r", N_("refresh from the database"), NULL },
	{ TUI_CTRL('l'), ACT_REDRAW, "ctrl-l", N_("redraw the screen"), NULL },
	{ 0 },
};

const struct tui_key tui_list_keys[] = {
	{ 'j', ACT_DOWN, "j ↓", N_("next row"), NULL },
	{ TK(KEY_DOWN), ACT_DOWN, NULL, NULL, NULL },
	{ 'k', ACT_UP, "k ↑", N_("previous row"), NULL },
	{ TK(KEY_UP), ACT_UP, NULL, NULL, NULL },
	{ TK(KEY_NPAGE), ACT_PGDN, "PgDn space", N_("next page"), NULL },
	{ ' ', ACT_PGDN, NULL, NULL, NULL },
	{ TK(KEY_PPAGE), ACT_PGUP, "PgUp", N_("previous page"), NULL },
	{ 'g', ACT_HOME, "g Home", N_("first row"), NULL },
	{ TK(KEY_HOME), ACT_HOME, NULL, NULL, NULL },
	{ 'G', ACT_END, "G End", N_("last row (loads more when there is more)"), NULL },
	{ TK(KEY_END), ACT_END, NULL, NULL, NULL },
	{ '\n', ACT_OPEN, "Enter", N_("open"), N_("open") },
	{ '\r', ACT_OPEN, NULL, NULL, NULL },
	{ TK(KEY_ENTER), ACT_OPEN, NULL, NULL, NULL },
	{ 0 },
};

/*
 * The forms' keys, the only ones that act on a form (letters are typed, so
 * the global q ? r do not apply): the status line and help come from here,
 * and a key here never reaches a field as text.  Back and help come first
 * so the status line never cuts them off.
 */
const struct tui_key tui_form_keys[] = {
	{ TUI_ESC, ACT_BACK, "Esc", N_("back; asks before losing what you typed"), N_("back") },
	{ TK(KEY_F(1)), ACT_HELP, "F1", N_("help: the keys of this screen"), N_("help") },
	{ TK(KEY_F(2)), ACT_SAVE, "F2 ctrl-s", N_("save"), N_("save") },
	{ TUI_CTRL('s'), ACT_SAVE, NULL, NULL, NULL },
	{ '\t', ACT_NEXT_FIELD, "Tab", N_("next field"), N_("next") },
	{ TK(KEY_BTAB), ACT_PREV_FIELD, "shift-Tab", N_("previous field"), NULL },
	{ TK(KEY_DOWN), ACT_DOWN, "↓ ↑",
	    N_("next / previous field, or match in a list of matches"), NULL },
	{ TK(KEY_UP), ACT_UP, NULL, NULL, NULL },
	{ '\n', ACT_FIELD_ENTER, "Enter",
	    N_("take a match, pick a choice, open the editor, or next field"), NULL },
	{ TK(KEY_ENTER), ACT_FIELD_ENTER, NULL, NULL, NULL },
	{ TK(KEY_LEFT), ACT_LEFT, "← → ctrl-b/f",
	    N_("a choice: previous / next; text: move the cursor"), NULL },
	{ TUI_CTRL('b'), ACT_LEFT, NULL, NULL, NULL },
	{ TK(KEY_RIGHT), ACT_RIGHT, NULL, NULL, NULL },
	{ TUI_CTRL('f'), ACT_RIGHT, NULL, NULL, NULL },
	{ TUI_CTRL('l'), ACT_REDRAW, "ctrl-l", N_("redraw the screen"), NULL },
	{ 0 },
};

/*
 * The line editor's keys (tui_line_key), shared by every screen where text
 * is typed: found after the screen's own table, listed in its help.
 */
const struct tui_key tui_line_keys[] = {
	{ TK(KEY_LEFT), ACT_TYPE, "← → ctrl-b/f", N_("move the cursor"), NULL },
	{ TUI_CTRL('b'), ACT_TYPE, NULL, NULL, NULL },
	{ TK(KEY_RIGHT), ACT_TYPE, NULL, NULL, NULL },
	{ TUI_CTRL('f'), ACT_TYPE, NULL, NULL, NULL },
	{ TK(KEY_BACKSPACE), ACT_TYPE, "Backspace", N_("delete the character before the cursor"),
	    NULL },
	{ 127, ACT_TYPE, NULL, NULL, NULL },
	{ TUI_CTRL('h'), ACT_TYPE, NULL, NULL, NULL },
	{ TK(KEY_DC), ACT_TYPE, "Del ctrl-d", N_("delete the character at the cursor"), NULL },
	{ TUI_CTRL('d'), ACT_TYPE, NULL, NULL, NULL },
	{ TK(KEY_HOME), ACT_TYPE, "Home ctrl-a", N_("to the start of the text"), NULL },
	{ TUI_CTRL('a'), ACT_TYPE, NULL, NULL, NULL },
	{ TK(KEY_END), ACT_TYPE, "End ctrl-e", N_("to the end of the text"), NULL },
	{ TUI_CTRL('e'), ACT_TYPE, NULL, NULL, NULL },
	{ TUI_CTRL('u'), ACT_TYPE, "ctrl-u ctrl-k", N_("delete to the start / to the end"), NULL },
	{ TUI_CTRL('k'), ACT_TYPE, NULL, NULL, NULL },
	{ TUI_CTRL('w'), ACT_TYPE, "ctrl-w", N_("delete the word before the cursor"), NULL },
	{ 0 },
};

static const struct tui_key *
lookup(const struct tui_key *table, int key)
{
	for (const struct tui_key *k = table; k != NULL && k->key != 0; k++) {
		if (k->key == key)
			return k;
	}
	return NULL;
}

const struct tui_key *
tui_key_find(const struct screen *s, int key)
{
	const struct tui_key *k = lookup(s->ops->keys, key);

	if (s->ops->typing)
		return k != NULL ? k : lookup(tui_line_keys, key);
	if (k == NULL && s->ops->list_keys)
		k = lookup(tui_list_keys, key);
	if (k == NULL)
		k = lookup(tui_global_keys, key);
	return k;
}

/*
 * Every action that leads to a change, with the core's action it needs: by
 * action rather than by key, so a key bound to one of them anywhere is
 * asked about, and a new key cannot forget to be.
 */
static const struct {
	enum tui_action	a;
	enum sd_action	need;
} needs[] = {
	{ ACT_NEW_CASE,		SD_ACT_CASE_CREATE },
	{ ACT_NEW_ENTERPRISE,	SD_ACT_ENTERPRISE_WRITE },
	{ ACT_EDIT_ENTERPRISE,	SD_ACT_ENTERPRISE_WRITE },
	{ ACT_ROUTE,		SD_ACT_CASE_ROUTE },
	{ ACT_PICKUP,		SD_ACT_ROUTE_PICKUP },
	{ ACT_ANSWER,		SD_ACT_ROUTE_WORK },
	{ ACT_DECLINE,		SD_ACT_ROUTE_WORK },
	{ ACT_NOTE,		SD_ACT_CASE_NOTE },
	{ ACT_WAIT,		SD_ACT_CASE_WAIT },
	{ ACT_REOPEN,		SD_ACT_CASE_REOPEN },
	{ ACT_CLOSE,		SD_ACT_CASE_CLOSE },
	{ ACT_WITHDRAW,		SD_ACT_ROUTE_WITHDRAW },
	{ ACT_REMIND,		SD_ACT_ROUTE_REMIND },
	{ ACT_FOLLOW_UP,	SD_ACT_CASE_FOLLOW_UP },
	{ ACT_EDIT,		SD_ACT_CASE_EDIT },
	/* Events: an officer sees only his departments' events, and may change those. */
	{ ACT_NEW_EVENT,	SD_ACT_EVENT_WRITE },
	{ ACT_EDIT_EVENT,	SD_ACT_EVENT_WRITE },
	{ ACT_INVITE,		SD_ACT_EVENT_WRITE },
	{ ACT_REGISTER,		SD_ACT_EVENT_WRITE },
	{ ACT_TICK_ATTEND,	SD_ACT_EVENT_WRITE },
	{ ACT_EVENT_CASE,	SD_ACT_CASE_CREATE },
	{ ACT_NEW_MOMENT,	SD_ACT_MOMENT_WRITE },
	{ ACT_EDIT_MOMENT,	SD_ACT_MOMENT_WRITE },
	{ ACT_MOMENT_DONE,	SD_ACT_MOMENT_DONE },
	{ ACT_MOMENT_CASE,	SD_ACT_MOMENT_CASE },
	/* Reports: an officer, the figures of his own departments. */
	{ ACT_REPORTS,		SD_ACT_REPORT_DEPT },
	/* Opportunities: an officer sees his departments' only, and may change those. */
	{ ACT_NEW_OPPORTUNITY,	SD_ACT_OPP_WRITE },
	{ ACT_OPP_INVITE,	SD_ACT_OPP_WRITE },
	{ ACT_OPP_AWARD,	SD_ACT_OPP_WRITE },
	/* A case's e-mail attachments: saved to a file, so asked like a change. */
	{ ACT_ATTACHMENTS,	SD_ACT_CASE_ATTACHMENTS },
};

/*
 * On a screen that shows a case the core is asked about that case as the
 * screen shows it (a closed case offers no closing, a route already
 * picked up no picking up); elsewhere about the role alone.  Work on
 * routes is asked without a department: whether some route is one the
 * caller could work on.  Which is chosen, and the core checks it again,
 * when the action runs.
 */
bool
tui_key_permitted(const struct screen *s, const struct tui_key *k, struct sd_error *err)
{
	const struct sd_case_view *v;
	const struct sd_moment *m;

	if (k == NULL)
		return true;
	for (size_t i = 0; i < sizeof needs / sizeof needs[0]; i++) {
		if (needs[i].a != k->action)
			continue;
		/* A moment's screen: what its state allows now (done once, one case). */
		m = s->ops->shown_moment != NULL ? s->ops->shown_moment(s) : NULL;
		if (m != NULL)
			return sd_permit_moment(s->tui->desk, needs[i].need, m, err) == SD_OK;
		v = s->ops->shown_case != NULL ? s->ops->shown_case(s) : NULL;
		if (v != NULL)
			return sd_permit_case(s->tui->desk, needs[i].need, &v->c, v->routes,
			    v->nroutes, NULL, err) == SD_OK;
		return sd_permit(s->tui->desk, needs[i].need, NULL, err) == SD_OK;
	}
	return true;
}


const char *
tui_action_group(enum tui_action a)
{
	if (a >= ACT_FILTER_STATUS && a <= ACT_FILTER_CLEAR)
		return N_("Filter the list");
	if (a >= ACT_ROUTE && a <= ACT_EDIT)
		return N_("Act on this case");
	if (a == ACT_TYPE)
		return N_("Editing text");
	if (a >= ACT_EDIT_MOMENT && a <= ACT_MOMENT_CASE)
		return N_("Act on this moment");
	return NULL;
}
