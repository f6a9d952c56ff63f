/*
 * The terminal interface: a stack of screens over the core, one key table
 * per screen (which also writes the help), one list widget, one line
 * editor, modal dialogs and the external editor.  No business rules live
 * here: every change is a core call, and its refusal is shown as given.
 */
#ifndef SEDESK_TUI_H
#define SEDESK_TUI_H

#include <ncursesw/curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "sedesk/case.h"
#include "sedesk/desk.h"
#include "sedesk/enterprise.h"
#include "sedesk/moment.h"
#include "sedesk/timeline.h"

/* --- keys and actions --------------------------------------------------------- */

/* Function keys are KEY_* | TUI_FKEY so they never collide with characters. */
#define TUI_FKEY	0x40000000
#define TK(k)		((k) | TUI_FKEY)
#define TUI_CTRL(c)	((c) & 0x1f)
#define TUI_ESC		27
#define TUI_TICK	(TUI_FKEY | 0xfff)	/* a second passed without a key */

enum tui_action {
	ACT_NONE = 0,
	/* everywhere */
	ACT_BACK, ACT_QUIT, ACT_HELP, ACT_REFRESH, ACT_REDRAW,
	/* lists */
	ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END, ACT_OPEN,
	/* going places */
	ACT_INBOX, ACT_CASES, ACT_ENTERPRISES, ACT_NEW_CASE, ACT_NEW_ENTERPRISE, ACT_SEARCH,
	/* case list filters */
	ACT_FILTER_STATUS, ACT_FILTER_DEPT, ACT_FILTER_CATEGORY, ACT_FILTER_OVERDUE,
	ACT_FILTER_MINE, ACT_FILTER_CLEAR,
	/* a case */
	ACT_ROUTE, ACT_PICKUP, ACT_ANSWER, ACT_DECLINE, ACT_NOTE, ACT_WAIT, ACT_REOPEN,
	ACT_CLOSE, ACT_WITHDRAW, ACT_REMIND, ACT_FOLLOW_UP, ACT_EDIT, ACT_SCROLL_UP, ACT_SCROLL_DOWN,
	/* an enterprise */
	ACT_EDIT_ENTERPRISE,
	/* events (scr_events.c) */
	ACT_EVENTS, ACT_NEW_EVENT, ACT_EDIT_EVENT, ACT_INVITE, ACT_REGISTER, ACT_TICK_ATTEND,
	ACT_EVENT_CASE,
	ACT_TIMELINE, ACT_NOT_CONTACTED,	/* its timeline; reach (issue 12) */
	/* reading and handing on text (issue 10) */
	ACT_VIEW, ACT_VIEW_DESCRIPTION, ACT_FIND, ACT_FIND_NEXT, ACT_FIND_PREV, ACT_PIPE,
	ACT_SAVE_TEXT,
	/* forms */
	ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_SAVE,
	ACT_FIELD_ENTER,	/* choose, the editor, take a match, or the next field */
	ACT_LEFT, ACT_RIGHT,	/* a choice: the previous/next; text: the cursor */
	ACT_TYPE,		/* an editing key: goes to the field's line editor */
	/* contact moments */
	ACT_MOMENTS,		/* the moments list (of the enterprise shown) */
	ACT_NEW_MOMENT, ACT_EDIT_MOMENT, ACT_MOMENT_DONE, ACT_MOMENT_CASE,
	ACT_ATTACHMENTS,	/* a case's e-mail attachments: list, save one (mailgate) */
	ACT_OPEN_CASE,		/* the case linked to what is shown */
	/* reports (scr_report.c) */
	ACT_REPORTS, ACT_REPORT_PERIOD,
	/* opportunities (scr_opportunities.c) */
	ACT_OPPORTUNITIES, ACT_NEW_OPPORTUNITY, ACT_OPP_INVITE, ACT_OPP_AWARD,
};

struct tui_key {
	int		 key;
	enum tui_action	 action;
	const char	*label;		/* how help shows the key; NULL: an alias of the row above */
	const char	*help;		/* N_() text */
	const char	*brief;		/* N_() word for the status line, or NULL */
};

/* --- colours: one table, a colour and a monochrome attribute per role ------------- */

#define TUI_ROLES \
	X(NORMAL,   -1,           -1,          A_NORMAL,            A_NORMAL) \
	X(TITLE,    COLOR_WHITE,  COLOR_BLUE,  A_BOLD,              A_REVERSE | A_BOLD) \
	X(BAR,      COLOR_BLACK,  COLOR_CYAN,  A_NORMAL,            A_REVERSE) \
	X(SELECTED, COLOR_BLACK,  COLOR_WHITE, A_NORMAL,            A_REVERSE) \
	X(HEADER,   -1,           -1,          A_BOLD,              A_BOLD) \
	X(OVERDUE,  COLOR_RED,    -1,          A_BOLD,              A_BOLD) \
	X(GOOD,     COLOR_GREEN,  -1,          A_NORMAL,            A_NORMAL) \
	X(DIM,      COLOR_BLUE,   -1,          A_NORMAL,            A_DIM) \
	X(ERROR,    COLOR_RED,    -1,          A_BOLD,              A_BOLD) \
	X(FIELD,    -1,           -1,          A_UNDERLINE,         A_UNDERLINE) \
	X(FOCUS,    COLOR_BLACK,  COLOR_YELLOW, A_NORMAL,           A_REVERSE)

enum tui_role {
#define X(name, fg, bg, color_attr, mono_attr) ROLE_##name,
	TUI_ROLES
#undef X
	ROLE_COUNT
};

attr_t	tui_attr(enum tui_role role);

/* --- screens -------------------------------------------------------------------- */

struct tui;
struct screen;

struct screen_ops {
	const char	*name;		/* for help: "Inbox", … (N_) */
	const struct tui_key *keys;	/* this screen's keys, ended by { 0 } */
	bool		 list_keys;	/* the shared list navigation keys apply */
	/*
	 * Letters are typed here (a form): the global keys (q ? r) do not
	 * apply, and this screen's table names its own way back and to help.
	 */
	bool		 typing;
	void	(*draw)(struct screen *s, int top, int height);
	/* First look at a key (forms take characters); true when consumed. */
	bool	(*input)(struct screen *s, int key);
	/* An action from the key tables; true when handled. */
	bool	(*action)(struct screen *s, enum tui_action a);
	/* Mouse click at screen row y of the content area. */
	void	(*click)(struct screen *s, int y);
	/* Read the data again (after `r`, a change, or returning to it). */
	void	(*reload)(struct screen *s);
	/* True when leaving would lose typed input. */
	bool	(*dirty)(struct screen *s);
	/*
	 * The case the screen shows, or NULL: its keys are offered as the
	 * core permits them on that case now (sd_permit_case).
	 */
	const struct sd_case_view *(*shown_case)(const struct screen *s);
	/* The same for a contact moment (sd_permit_moment), or NULL. */
	const struct sd_moment *(*shown_moment)(const struct screen *s);
	void	(*destroy)(struct screen *s);
};

struct screen {
	const struct screen_ops	*ops;
	struct tui		*tui;
};

struct tui {
	struct sd_desk	*desk;
	struct screen	*stack[16];
	int		 depth;
	char		 message[512];
	enum tui_role	 message_role;
	bool		 quit;
	bool		 color;
	bool		 live;		/* tui_getkey returns TUI_TICK after a quiet second */
	/* The inbox as the user last saw it, to count what arrived since. */
	struct sd_case_key *seen;
	size_t		 nseen;
	size_t		 arrived;	/* inbox items not in seen, shown in the title */
	uint64_t	 last_txn;	/* the store's last transaction when last looked */
};

/*
 * Outgoing mail (mailbg.c, mailout): delivery in a background child after
 * an action queued mail and each minute; the admin's mark in the title.
 */
struct sd_buf;
void	tui_mail_tick(struct tui *t);
void	tui_mail_mark(struct tui *t, struct sd_buf *b);
void	tui_mail_end(void);

/* Runs the interface until the user quits; returns the exit code. */
int	tui_main(struct sd_desk *desk);

void	tui_push(struct tui *t, struct screen *s);
/* The inbox screen reports what it shows: those items count as seen. */
void	tui_inbox_seen(struct tui *t, const struct sd_case_rows *rows);
void	tui_pop(struct tui *t);
struct screen *tui_top(struct tui *t);
void	tui_message(struct tui *t, enum tui_role role, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	tui_error(struct tui *t, const struct sd_error *err);
/* The administrator's line about personal data, if any (privacy_notice.c). */
void	tui_privacy_notice(struct tui *t);
/* Draws every screen's frame and the top screen: for dialogs drawing above it. */
void	tui_draw(struct tui *t);
/* Reads one key (see TUI_FKEY), handling resize by redrawing. */
int	tui_getkey(struct tui *t);

/* A second click on the same row within this many milliseconds opens it. */
#define TUI_DOUBLE_CLICK_MS	400

/*
 * The text cursor: shown only where a focused text field asked for it
 * while the screen was drawn (tui_line_draw), at that field's cursor, and
 * placed after everything else is drawn; hidden on every other screen.
 */
void	tui_cursor_forget(void);
void	tui_cursor_want(int y, int x);
void	tui_cursor_place(void);

/* The content area between the title bar and the status line. */
#define TUI_TOP		1
int	tui_content_height(void);
bool	tui_too_small(void);

/* --- drawing ------------------------------------------------------------------ */

/*
 * Draws s at (y, x) in exactly width columns: control characters made
 * visible, cut with "…" when too long, padded with spaces.  Measures by
 * display width (wide and combining characters included).
 */
void	tui_put(int y, int x, int width, const char *s, attr_t a);
/* Display columns that tui_put would use for s without a limit. */
int	tui_width(const char *s);
/* s cut to width columns at a character's edge, "…" marking a cut (into out). */
void	tui_cut(const char *s, int width, char *out, size_t size);
/* The larger of two widths (columns measured in what they show). */
static inline int
max_int(int a, int b)
{
	return a > b ? a : b;
}
void	tui_fill(int y, int x, int width, attr_t a);
/* Word-wraps s into at most max_lines lines of width; returns the lines used (y < 0: only counts). */
int	tui_put_wrapped(int y, int x, int width, int max_lines, const char *s, attr_t a);
/* A department id as shown in summaries ("ECO"). */
void	tui_dept_code(const char *id, char *out, size_t n);
/* "ECO✓ WEL…" for a row's routes. */
void	tui_route_summary(const struct sd_route *r, size_t n, char *out, size_t size);

/* --- the list widget ------------------------------------------------------------ */

struct listview {
	size_t	n;		/* rows loaded */
	size_t	sel, top;
	bool	more;		/* the source has rows beyond n */
	int	height;		/* rows shown at the last draw */
	int	y0;		/* screen row of the first list row at the last draw */
};

/* Moves the selection; returns true when rows beyond n should be loaded. */
bool	lv_action(struct listview *lv, enum tui_action a);
/* Keeps sel visible within height rows. */
void	lv_scroll(struct listview *lv, int height);
/* Selects the row at screen line y (mouse); true when it hit a row. */
bool	lv_click(struct listview *lv, int y);
struct sd_buf;
/*
 * Draws the rows that fit in height lines from screen line y, x, each
 * width columns wide: row() writes row i's text into b; the selected row
 * is highlighted.  Keeps the selection visible and records y0 for clicks.
 */
void	lv_draw(struct listview *lv, int y, int x, int width, int height,
	    void (*row)(size_t i, struct sd_buf *b, void *arg), void *arg);

/* --- the line editor ------------------------------------------------------------ */

struct tui_line {
	char	*buf;		/* UTF-8, NUL-terminated */
	size_t	 len, cap;
	size_t	 cursor;	/* byte offset, always at a character start */
	size_t	 max;		/* bytes accepted */
};

void	tui_line_set(struct tui_line *l, const char *s);
void	tui_line_free(struct tui_line *l);
/* Edits for key; true when the key was an editing key. */
bool	tui_line_key(struct tui_line *l, int key);
/* Draws the line in width columns; with focus, places the cursor. */
void	tui_line_draw(const struct tui_line *l, int y, int x, int width, bool focus);

/* --- dialogs ------------------------------------------------------------------- */

bool	tui_confirm(struct tui *t, const char *question);
/* One line of text; NULL when cancelled.  malloc'd. */
char	*tui_prompt(struct tui *t, const char *label, const char *initial);
/* One of n items; -1 when cancelled. */
/* The attachments of case num: a list to choose one from, saved to a file (attach.c). */
void	tui_case_attachments(struct tui *t, const char *num);
int	tui_choose(struct tui *t, const char *title, const char *const *items, size_t n,
	    int initial);
/* The same, with text above the items, wrapped to the box and never cut. */
int	tui_choose_text(struct tui *t, const char *title, const char *text,
	    const char *const *items, size_t n, int initial);
/* Ticks in checked[]; false when cancelled. */
bool	tui_checklist(struct tui *t, const char *title, const char *const *items,
	    bool *checked, size_t n);
/*
 * Long text in $VISUAL / $EDITOR / vi on a private temporary file; NULL
 * when the editor failed or the text came back empty.  The editor runs
 * without the program's group privilege.
 */
/*
 * Starts /bin/sh -c script (with $1 = arg, which may be NULL) in a child
 * prepared by sd_child_prepare, its standard input in_fd when >= 0; returns
 * the child's pid or -1.  tui_wait_child returns its exit status, -1 when
 * it did not exit normally.  The caller leaves and restores curses.
 */
pid_t	tui_spawn_shell(const char *script, const char *arg, int in_fd);
int	tui_wait_child(pid_t pid);
char	*tui_edit_text(struct tui *t, const char *initial);
/*
 * The same with a trailer under a marker line (the question quoted, as
 * mail clients do): the marker and all under it are dropped on reading
 * back.  marker: one line without its newline.
 */
char	*tui_edit_text_trailer(struct tui *t, const char *initial, const char *marker,
	    const char *trailer);

/* --- reading and handing on text ---------------------------------------------- */

/*
 * Splits s into lines of at most width display columns: at its newlines,
 * then between words, a word longer than the line cut where it must.
 * Control characters are made visible.  *n lines, each malloc'd.
 */
char	**tui_wrap(const char *s, int width, size_t *n);
void	tui_wrap_free(char **lines, size_t n);
/*
 * Pipes text to a command the user types, run by /bin/sh -c without the
 * program's group, descriptors or umask (sd_child_prepare), outside curses.
 */
void	tui_pipe_text(struct tui *t, const char *text);
/* Asks for a file name and writes text there with the user's rights. */
void	tui_save_text(struct tui *t, const char *text);
/*
 * The full-text view: title above, text wrapped at the window's width,
 * scrolled, searched and piped.
 */
struct screen *scr_text_new(struct tui *t, const char *title, const char *text);

/* --- screens ------------------------------------------------------------------ */

struct screen *scr_inbox_new(struct tui *t);
struct screen *scr_cases_new(struct tui *t);
struct screen *scr_case_new(struct tui *t, struct sd_case_key key);
struct screen *scr_newcase_new(struct tui *t, const uint8_t *enterprise);	/* NULL: pick one */
struct screen *scr_caseform_new(struct tui *t, struct sd_case_key key);
struct screen *scr_help_new(struct tui *t, const struct screen *of);
struct screen *scr_search_new(struct tui *t);
struct screen *scr_enterprises_new(struct tui *t);
struct screen *scr_enterprise_new(struct tui *t, const uint8_t id[SD_UUID_LEN]);
struct screen *scr_entform_new(struct tui *t, const uint8_t *id);	/* NULL: a new one */
struct screen *scr_events_new(struct tui *t);
struct screen *scr_event_new(struct tui *t, const uint8_t id[SD_UUID_LEN]);
struct screen *scr_eventform_new(struct tui *t, const uint8_t *id);	/* NULL: a new one */
/* The reports: bars of one report for a period; Enter lists the cases behind one. */
struct screen *scr_report_new(struct tui *t);
struct screen *scr_opportunities_new(struct tui *t);
struct screen *scr_opportunity_new(struct tui *t, const uint8_t id[SD_UUID_LEN]);
struct screen *scr_oppform_new(struct tui *t);
/* A moment as a list shows it in one line (scr_moments.c). */
void	tui_moment_row(const struct sd_moment_row *r, struct sd_buf *b);
/* Contact moments: the list (ent NULL: all the caller sees), one, the form. */
struct screen *scr_moments_new(struct tui *t, const uint8_t *ent);
struct screen *scr_moment_new(struct tui *t, const uint8_t id[SD_UUID_LEN]);
/* A new moment (of ent, or NULL: typed), or the edit of moment id (ent unused). */
struct screen *scr_momentform_new(struct tui *t, const uint8_t *ent, const uint8_t *id);

/*
 * The enterprise screen's timeline (ent_timeline.c): a list of the
 * enterprise's timeline, loaded page by page.
 */
struct tl_view {
	struct sd_timeline_item	*items;
	struct sd_ent_cursor	 next;
	struct listview		 lv;
};
void	tlv_load(struct tui *t, struct tl_view *v, const uint8_t ent[SD_UUID_LEN], bool more);
/* Draws its heading and rows from screen line y (a blank line first) down to bottom. */
void	tlv_draw(struct tl_view *v, int y, int bottom);
void	tlv_open(struct tui *t, struct tl_view *v);
void	tlv_free(struct tl_view *v);
/* The shared key tables (keys.c). */
extern const struct tui_key tui_global_keys[];
extern const struct tui_key tui_list_keys[];
extern const struct tui_key tui_form_keys[];	/* the forms' (typing) */
extern const struct tui_key tui_line_keys[];	/* the line editor's, for typing screens */
/* The row of key on screen s (its table, then lists, then global), or NULL. */
const struct tui_key *tui_key_find(const struct screen *s, int key);
/*
 * Whether the caller may now do what row k leads to on screen s: the core
 * decides (sd_permit, or sd_permit_case for the case s shows).  What may
 * not be done is never offered (status line, help), and pressing its key
 * opens no form, dialog or editor; err says why.
 */
bool	tui_key_permitted(const struct screen *s, const struct tui_key *k, struct sd_error *err);
/*
 * The kind of thing a's key does, as help heads it and the status line
 * marks it ("Filter the list", "Act on this case"): one letter filters on
 * a list and acts on a case, and the heading says which.  NULL: no heading
 * of its own (the screen's).
 */
const char *tui_action_group(enum tui_action a);

#endif
