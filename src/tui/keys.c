/*
 * The keys every screen shares, and the lookup that dispatches a key.
 * Help is generated from these same tables.
 */
#include <stdio.h>

#include "sedesk/i18n.h"
#include "tui.h"

const struct tui_key tui_global_keys[] = {
	{ 'q', ACT_BACK, "q", N_("back; quit from the inbox"), true },
	{ TUI_ESC, ACT_BACK, NULL, NULL, false },
	{ '?', ACT_HELP, "?", N_("help: the keys of this screen"), true },
	{ 'r', ACT_REFRESH, "r", N_("refresh from the database"), false },
	{ TUI_CTRL('l'), ACT_REDRAW, "ctrl-l", N_("redraw the screen"), false },
	{ 0 },
};

const struct tui_key tui_list_keys[] = {
	{ 'j', ACT_DOWN, "j ↓", N_("next row"), false },
	{ TK(KEY_DOWN), ACT_DOWN, NULL, NULL, false },
	{ 'k', ACT_UP, "k ↑", N_("previous row"), false },
	{ TK(KEY_UP), ACT_UP, NULL, NULL, false },
	{ TK(KEY_NPAGE), ACT_PGDN, "PgDn space", N_("next page"), false },
	{ ' ', ACT_PGDN, NULL, NULL, false },
	{ TK(KEY_PPAGE), ACT_PGUP, "PgUp", N_("previous page"), false },
	{ 'g', ACT_HOME, "g Home", N_("first row"), false },
	{ TK(KEY_HOME), ACT_HOME, NULL, NULL, false },
	{ 'G', ACT_END, "G End", N_("last row (loads more when there is more)"), false },
	{ TK(KEY_END), ACT_END, NULL, NULL, false },
	{ '\n', ACT_OPEN, "Enter", N_("open"), true },
	{ '\r', ACT_OPEN, NULL, NULL, false },
	{ TK(KEY_ENTER), ACT_OPEN, NULL, NULL, false },
	{ 0 },
};

static enum tui_action
lookup(const struct tui_key *table, int key)
{
	for (const struct tui_key *k = table; k != NULL && k->key != 0; k++) {
		if (k->key == key)
			return k->action;
	}
	return ACT_NONE;
}

enum tui_action
tui_key_action(const struct screen *s, int key)
{
	enum tui_action a = lookup(s->ops->keys, key);

	if (a == ACT_NONE && s->ops->list_keys)
		a = lookup(tui_list_keys, key);
	if (a == ACT_NONE)
		a = lookup(tui_global_keys, key);
	return a;
}

const char *
tui_key_name(int key)
{
	static char buf[16];

	if (key == '\n')
		return "Enter";
	if (key == TUI_ESC)
		return "Esc";
	if (key > 0 && key < 32) {
		snprintf(buf, sizeof buf, "ctrl-%c", key + 'a' - 1);
		return buf;
	}
	snprintf(buf, sizeof buf, "%lc", (wint_t)key);
	return buf;
}
