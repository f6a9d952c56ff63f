/*
 * The interface's frame: set-up, the screen stack, title bar, status line,
 * message line, the too-small screen, and the key loop.
 */
#include <locale.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "tui.h"

#define MIN_COLS 80
#define MIN_LINES 24

void	tui_colors_init(bool color);

bool
tui_too_small(void)
{
	return COLS < MIN_COLS || LINES < MIN_LINES;
}

int
tui_content_height(void)
{
	return LINES - 3;
}

struct screen *
tui_top(struct tui *t)
{
	return t->depth > 0 ? t->stack[t->depth - 1] : NULL;
}

void
tui_push(struct tui *t, struct screen *s)
{
	if (s == NULL)
		return;
	if (t->depth == (int)(sizeof t->stack / sizeof t->stack[0])) {
		s->ops->destroy(s);
		tui_message(t, ROLE_ERROR, _("too many screens open; go back first."));
		return;
	}
	s->tui = t;
	t->stack[t->depth++] = s;
}

void
tui_pop(struct tui *t)
{
	struct screen *s;

	if (t->depth == 0)
		return;
	s = t->stack[--t->depth];
	s->ops->destroy(s);
	/* What we return to may be out of date after what happened above it. */
	if (t->depth > 0 && t->stack[t->depth - 1]->ops->reload != NULL)
		t->stack[t->depth - 1]->ops->reload(t->stack[t->depth - 1]);
}

void
tui_message(struct tui *t, enum tui_role role, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->message, sizeof t->message, fmt, ap);
	va_end(ap);
	t->message_role = role;
}

void
tui_error(struct tui *t, const struct sd_error *err)
{
	tui_message(t, ROLE_ERROR, "%s", err->msg);
}

/*
 * Who is at the desk and where in the program: the role label is never
 * cut (a long name is), and the database path, which says nothing at the
 * desk, is in the help instead.
 */
static void
draw_title(struct tui *t, struct screen *s)
{
	const struct sd_officer *me = t->desk->me;
	const char *name = me->name ? me->name : me->login;
	struct sd_buf right = { 0 }, who = { 0 };
	int wr, room, wn;

	tui_mail_mark(t, &right);
	if (t->arrived > 0 && t->depth > 1)
		sd_buf_addf(&right, ngettext("%zu new in the inbox · ",
		    "%zu new in the inbox · ", t->arrived), t->arrived);
	sd_buf_addf(&right, "%s ", _(s->ops->name));
	wr = tui_width(right.data);
	if (wr > COLS / 2)
		wr = COLS / 2;
	sd_buf_addf(&who, " (%s, %s)", me->login, sd_role_label(me->role));
	room = COLS - wr - 1 - tui_width(" sedesk — ");
	wn = room - tui_width(who.data);
	/* Too narrow for the login as well: the name and the role. */
	if (wn < 8) {
		sd_buf_free(&who);
		sd_buf_addf(&who, " (%s)", sd_role_label(me->role));
		wn = room - tui_width(who.data);
	}
	if (wn > tui_width(name))
		wn = tui_width(name);
	tui_fill(0, 0, COLS, tui_attr(ROLE_TITLE));
	tui_put(0, 0, COLS - wr, " sedesk — ", tui_attr(ROLE_TITLE));
	if (wn > 0)
		tui_put(0, tui_width(" sedesk — "), wn, name, tui_attr(ROLE_TITLE));
	tui_put(0, tui_width(" sedesk — ") + (wn > 0 ? wn : 0), room - (wn > 0 ? wn : 0),
	    who.data, tui_attr(ROLE_TITLE));
	tui_put(0, COLS - wr, wr, right.data, tui_attr(ROLE_TITLE));
	sd_buf_free(&who);
	sd_buf_free(&right);
}

/*
 * The keys of a table the caller may use now; the others are not offered.
 * A hint that does not fit whole in what is left of the line (*room
 * columns) is not begun, nor any after it: a cut hint ("s:beware…") reads
 * as a word; help (? and F1, first on the line) lists them all.
 */
static void
add_status_keys(const struct screen *s, struct sd_buf *b, const struct tui_key *keys,
    int *room)
{
	const char *group = NULL;
	struct sd_buf hint = { 0 };

	for (const struct tui_key *k = keys; k != NULL && k->key != 0 && *room > 0; k++) {
		int w;
		if (k->brief == NULL || k->label == NULL || tui_key_find(s, k->key) != k ||
		    !tui_key_permitted(s, k, NULL))
			continue;
		sd_buf_reset(&hint);
		/* Where a letter filters rather than acts, the line says so once. */
		if (tui_action_group(k->action) != group) {
			group = tui_action_group(k->action);
			if (group != NULL && k->action <= ACT_FILTER_CLEAR)
				/* TRANSLATORS: before the filter keys on the status line. */
				sd_buf_addf(&hint, "%s ", _("filter"));
		}
		sd_buf_addf(&hint, "%s:%s", k->label, _(k->brief));
		w = tui_width(hint.data);
		if (w > *room) {
			*room = 0;
			break;
		}
		sd_buf_addf(b, "%s  ", hint.data);
		*room -= w + 2;
	}
	sd_buf_free(&hint);
}

static void
draw_status(struct screen *s)
{
	struct sd_buf b = { 0 };
	int room = COLS - 1;	/* the line begins with a space */

	/* Help and back first: they must never be cut off. */
	sd_buf_adds(&b, " ");
	if (!s->ops->typing)
		add_status_keys(s, &b, tui_global_keys, &room);
	add_status_keys(s, &b, s->ops->keys, &room);
	if (s->ops->list_keys)
		add_status_keys(s, &b, tui_list_keys, &room);
	/* The spaces after the last hint are no part of it. */
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	tui_put(LINES - 2, 0, COLS, b.data, tui_attr(ROLE_BAR));
	sd_buf_free(&b);
}

void
tui_draw(struct tui *t)
{
	struct screen *s = tui_top(t);
	char msg[128];

	erase();
	tui_cursor_forget();
	if (tui_too_small()) {
		snprintf(msg, sizeof msg, _("The terminal is too small (%d×%d); sedesk needs %d×%d."),
		    COLS, LINES, MIN_COLS, MIN_LINES);
		mvaddnstr(LINES / 2, 0, msg, COLS);
		return;
	}
	if (s == NULL)
		return;
	draw_title(t, s);
	s->ops->draw(s, TUI_TOP, tui_content_height());
	draw_status(s);
	tui_put(LINES - 1, 0, COLS, t->message, tui_attr(t->message_role));
	/* A text field with focus gets the cursor back last; elsewhere it is hidden. */
	tui_cursor_place();
}

int
tui_getkey(struct tui *t)
{
	wint_t ch;
	int rc;

	for (;;) {
		rc = get_wch(&ch);
		if (rc == ERR) {
			if (t->live)
				return TUI_TICK;
			continue;
		}
		if (rc == KEY_CODE_YES)
			return TK((int)ch);
		/* Esc alone (not the start of a sequence) is a key of its own. */
		return (int)ch;
	}
}

static void	help_or_action(struct tui *, struct screen *, int);

/* Whether a screen on the stack would lose typed input. */
static bool
tui_dirty(struct tui *t)
{
	for (int i = 0; i < t->depth; i++) {
		if (t->stack[i]->ops->dirty != NULL && t->stack[i]->ops->dirty(t->stack[i]))
			return true;
	}
	return false;
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * The wheel moves as ↑ and ↓ do on the screen (a list's selection, the
 * case screen's journal), three rows a notch; a click selects, and a
 * second click on the same row within the double-click interval opens it
 * as Enter does.
 */
static void
mouse(struct tui *t, struct screen *s)
{
	static long last_ms;
	static int last_y = -1;
	static const struct screen *last_s;
	MEVENT ev;
	long ms;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		for (int i = 0; i < 3; i++)
			help_or_action(t, s, TK((ev.bstate & BUTTON4_PRESSED) ? KEY_UP : KEY_DOWN));
		last_y = -1;
		return;
	}
	if (s->ops->click == NULL || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED |
	    BUTTON1_DOUBLE_CLICKED)))
		return;
	s->ops->click(s, ev.y);
	ms = now_ms();
	if ((ev.bstate & BUTTON1_DOUBLE_CLICKED) ||
	    (ev.y == last_y && s == last_s && ms - last_ms <= TUI_DOUBLE_CLICK_MS)) {
		last_y = -1;
		help_or_action(t, s, '\n');
		return;
	}
	last_y = ev.y;
	last_s = s;
	last_ms = ms;
}

static void
help_or_action(struct tui *t, struct screen *s, int key)
{
	const struct tui_key *k;
	struct sd_error err;
	enum tui_action a;

	if (key == TK(KEY_MOUSE)) {
		mouse(t, s);
		return;
	}
	if (s->ops->input != NULL && s->ops->input(s, key))
		return;
	if ((k = tui_key_find(s, key)) == NULL || (a = k->action) == ACT_NONE)
		return;
	/* Asked before any form, dialog or editor opens, not when saving. */
	if (!tui_key_permitted(s, k, &err)) {
		tui_error(t, &err);
		return;
	}
	if (s->ops->action != NULL && s->ops->action(s, a))
		return;
	switch (a) {
	case ACT_BACK:
		if (s->ops->dirty != NULL && s->ops->dirty(s) &&
		    !tui_confirm(t, _("Leave and lose what you typed?")))
			return;
		/* Leaving the program is asked once; Q needs no question. */
		if (t->depth == 1)
			t->quit = tui_confirm(t, _("Quit sedesk?"));
		else
			tui_pop(t);
		break;
	case ACT_QUIT:
		t->quit = !tui_dirty(t) || tui_confirm(t, _("Quit and lose what you typed?"));
		break;
	case ACT_HELP:
		tui_push(t, scr_help_new(t, s));
		break;
	case ACT_REFRESH:
		if (s->ops->reload != NULL)
			s->ops->reload(s);
		tui_message(t, ROLE_NORMAL, _("refreshed."));
		break;
	case ACT_REDRAW:
		clearok(stdscr, TRUE);
		break;
	default:
		break;
	}
}

/*
 * Others (another officer, a cron job) may have changed the database: the
 * last transaction id tells, without reading anything.  The screen on top
 * reloads, keeping its selection; the ones below reload when uncovered.
 */
static bool
was_seen(const struct tui *t, struct sd_case_key k)
{
	for (size_t i = 0; i < t->nseen; i++) {
		if (t->seen[i].year == k.year && t->seen[i].seq == k.seq)
			return true;
	}
	return false;
}

void
tui_inbox_seen(struct tui *t, const struct sd_case_rows *rows)
{
	t->seen = sd_xrealloc(t->seen, (rows->n + 1) * sizeof *t->seen);
	for (size_t i = 0; i < rows->n; i++)
		t->seen[i] = rows->items[i].c.key;
	t->nseen = rows->n;
	t->arrived = 0;
}

/* Counts the caller's inbox items that were not there when they last looked. */
static void
count_arrivals(struct tui *t)
{
	struct sd_case_rows rows;
	struct sd_error err;

	if (sd_inbox(t->desk, 500, &rows, &err) != SD_OK)
		return;
	t->arrived = 0;
	for (size_t i = 0; i < rows.n; i++)
		t->arrived += !was_seen(t, rows.items[i].c.key);
	sd_case_rows_free(&rows);
}

static void
notice_changes(struct tui *t)
{
	uint64_t txn = sd_desk_changes(t->desk);
	struct screen *s = tui_top(t);

	sd_desk_tick(t->desk);
	if (txn == t->last_txn)
		return;
	t->last_txn = txn;
	if (s != NULL && s->ops->reload != NULL)
		s->ops->reload(s);
	/* The inbox on top counts itself as seen when it reloads. */
	if (t->depth > 1)
		count_arrivals(t);
}

static bool
want_color(void)
{
	const char *nc = getenv("NO_COLOR");

	return (nc == NULL || *nc == '\0') && has_colors();
}

int
tui_main(struct sd_desk *desk)
{
	struct tui t = { 0 };

	/* Wide characters need a UTF-8 character type; fall back to C.UTF-8. */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	t.desk = desk;
	/* Esc should answer at once, not after a second. */
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	if (initscr() == NULL) {
		fprintf(stderr, _("sedesk: cannot start the terminal interface.\n"));
		return 1;
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	/* Presses as they come: the double click is timed here (see mouse()). */
	mouseinterval(0);
	t.color = want_color();
	tui_colors_init(t.color);
	curs_set(0);

	/* Wake once a second to notice others' changes; idle otherwise. */
	timeout(1000);
	t.last_txn = sd_desk_changes(desk);
	tui_push(&t, scr_inbox_new(&t));
	while (!t.quit && t.depth > 0) {
		struct screen *s = tui_top(&t);
		int key;

		tui_draw(&t);
		refresh();
		/* Only here, between actions: a dialog keeps the data it was opened on. */
		t.live = true;
		key = tui_getkey(&t);
		t.live = false;
		if (key == TUI_TICK) {
			notice_changes(&t);
			tui_mail_tick(&t);
			continue;
		}
		if (key == TK(KEY_RESIZE))
			continue;
		if (key == TUI_CTRL('c')) {
			t.quit = !tui_dirty(&t) || tui_confirm(&t, _("Quit and lose what you typed?"));
			continue;
		}
		if (tui_too_small()) {
			if (key == 'q')
				t.quit = true;
			continue;
		}
		/* A key clears the last message unless it sets a new one. */
		t.message[0] = '\0';
		if (key == '\r')
			key = '\n';
		help_or_action(&t, s, key);
		tui_mail_tick(&t);
	}
	tui_mail_end();
	while (t.depth > 0) {
		struct screen *s = t.stack[--t.depth];
		s->ops->destroy(s);
	}
	endwin();
	free(t.seen);
	return 0;
}
