/*
 * The form widget (see form.h).
 */
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

static int
label_width(const struct form *f)
{
	int w = 0;

	for (size_t i = 0; i < f->n; i++) {
		int lw = tui_width(f->fields[i].label);
		if (lw > w)
			w = lw;
	}
	return w + 2;
}

void
form_draw(struct form *f, int top, int height)
{
	int lw = label_width(f), fw = COLS - lw - 4, cy = -1, cx = 0;

	/* Leave room beside the fields for their messages. */
	fw = (COLS - lw - 4) * 3 / 5;
	if (fw > 60)
		fw = 60;
	for (size_t i = 0; i < f->n && (int)i < height; i++) {
		struct form_field *fl = &f->fields[i];
		bool focus = i == f->focus;
		int y = top + (int)i, x = lw + 2;
		int ew = COLS - x - fw - 2;

		tui_put(y, 1, lw, fl->label, tui_attr(focus ? ROLE_HEADER : ROLE_NORMAL));
		switch (fl->kind) {
		case FIELD_TEXT:
		case FIELD_PICKER:
			if (fl->readonly) {
				tui_put(y, x, fw, fl->line.buf, tui_attr(ROLE_DIM));
				break;
			}
			tui_line_draw(&fl->line, y, x, fw, false);
			if (focus)
				cy = y;
			break;
		case FIELD_CHOICE: {
			struct sd_buf b = { 0 };
			sd_buf_addf(&b, "‹ %s ›", fl->nchoices ? fl->choices[fl->choice] : "");
			tui_put(y, x, fw, b.data, tui_attr(focus ? ROLE_FOCUS : ROLE_FIELD));
			sd_buf_free(&b);
			break;
		}
		case FIELD_LONG: {
			char *first = sd_first_line(fl->text);
			struct sd_buf b = { 0 };
			sd_buf_addf(&b, "%s%s", *first ? first : _("(Enter: write in the editor)"),
			    fl->text && strchr(fl->text, '\n') ? " …" : "");
			tui_put(y, x, fw, b.data, tui_attr(focus ? ROLE_FOCUS : ROLE_FIELD));
			sd_buf_free(&b);
			free(first);
			break;
		}
		}
		if (fl->error[0] != '\0' && ew > 4)
			tui_put(y, x + fw + 2, ew, fl->error, tui_attr(ROLE_ERROR));
		if (focus && cy == y)
			cx = x;
	}
	/* The messages in full below the form: beside a field they may be cut. */
	for (size_t i = 0, y = (size_t)top + f->n + 1; i < f->n; i++) {
		struct sd_buf b = { 0 };
		if (f->fields[i].error[0] == '\0' || (int)y >= LINES - 2)
			continue;
		sd_buf_addf(&b, "%s: %s", f->fields[i].label, f->fields[i].error);
		y += (size_t)tui_put_wrapped((int)y, 1, COLS - 2, 3, b.data, tui_attr(ROLE_ERROR));
		sd_buf_free(&b);
	}
	if (cy >= 0) {
		struct form_field *fl = &f->fields[f->focus];
		tui_line_draw(&fl->line, cy, cx, fw, true);
	}
}

void
form_focus(struct form *f, size_t i)
{
	if (i >= f->n || i == f->focus)
		return;
	if (f->leave != NULL)
		f->leave(f, f->focus, f->arg);
	f->focus = i;
	if (f->fields[i].line.buf != NULL)
		f->fields[i].line.cursor = f->fields[i].line.len;
}

const char *
form_text(const struct form *f, size_t i)
{
	const struct form_field *fl = &f->fields[i];

	if (fl->kind == FIELD_LONG)
		return fl->text ? fl->text : "";
	return fl->line.buf ? fl->line.buf : "";
}

const char *
form_label(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++) {
		if (f->fields[i].name != NULL && strcmp(f->fields[i].name, name) == 0)
			return f->fields[i].label;
	}
	return NULL;
}

/* The next field in direction dir (+1/-1) that takes focus, wrapping. */
static size_t
step(const struct form *f, int dir)
{
	size_t i = f->focus;

	for (size_t n = 0; n < f->n; n++) {
		i = (i + f->n + (size_t)dir) % f->n;
		if (!f->fields[i].readonly)
			return i;
	}
	return f->focus;
}

/* Marks field fl changed when its text differs from old; its message goes. */
static void
note_edit(struct form *f, struct form_field *fl, const char *old)
{
	if (strcmp(old, fl->line.buf ? fl->line.buf : "") != 0) {
		fl->changed = f->dirty = true;
		fl->error[0] = '\0';
	}
}

/* Runs the line editor on the focused field for key; true when it used it. */
static bool
edit_line(struct form *f, int key)
{
	struct form_field *fl = &f->fields[f->focus];
	char *old;
	bool used;

	if (fl->readonly || (fl->kind != FIELD_TEXT && fl->kind != FIELD_PICKER))
		return false;
	old = sd_xstrdup(fl->line.buf ? fl->line.buf : "");
	used = tui_line_key(&fl->line, key);
	if (used)
		note_edit(f, fl, old);
	free(old);
	return used;
}

bool
form_input(struct screen *s, struct form *f, int key)
{
	const struct tui_key *k = tui_key_find(s, key);

	/* The table's keys are actions; only its editing keys reach the text. */
	if (k != NULL && k->action != ACT_TYPE)
		return false;
	/* An editing key on a field without text does nothing, silently. */
	return edit_line(f, key) || k != NULL;
}

/* ← and → on a choice pick the neighbour; on text they move the cursor. */
static void
sideways(struct form *f, int dir)
{
	struct form_field *fl = &f->fields[f->focus];

	if (fl->readonly)
		return;
	if (fl->kind == FIELD_CHOICE) {
		if (dir < 0 && fl->choice > 0)
			fl->choice--;
		else if (dir > 0 && (size_t)fl->choice + 1 < fl->nchoices)
			fl->choice++;
		else
			return;
		fl->changed = f->dirty = true;
		return;
	}
	edit_line(f, dir < 0 ? TK(KEY_LEFT) : TK(KEY_RIGHT));
}

/* Enter: the editor for long text, the list of choices, or the next field. */
static bool
enter(struct tui *t, struct form *f)
{
	struct form_field *fl = &f->fields[f->focus];

	if (fl->kind == FIELD_LONG) {
		char *text = tui_edit_text(t, fl->text);
		if (text != NULL) {
			free(fl->text);
			fl->text = text;
			fl->changed = f->dirty = true;
		}
		return true;
	}
	if (fl->kind == FIELD_CHOICE && fl->nchoices > 0) {
		int c = tui_choose(t, fl->label, fl->choices, fl->nchoices, fl->choice);
		if (c >= 0 && c != fl->choice) {
			fl->choice = c;
			fl->changed = f->dirty = true;
		}
		return true;
	}
	if (step(f, 1) > f->focus) {
		form_focus(f, step(f, 1));
		return true;
	}
	return false;
}

bool
form_action(struct tui *t, struct form *f, enum tui_action a)
{
	switch (a) {
	case ACT_NEXT_FIELD:
	case ACT_DOWN:
		form_focus(f, step(f, 1));
		return true;
	case ACT_PREV_FIELD:
	case ACT_UP:
		form_focus(f, step(f, -1));
		return true;
	case ACT_LEFT:
	case ACT_RIGHT:
		sideways(f, a == ACT_LEFT ? -1 : 1);
		return true;
	case ACT_FIELD_ENTER:
		/* Enter on the last field saves, as F2 does. */
		if (!enter(t, f))
			f->save(f->arg);
		return true;
	case ACT_SAVE:
		f->save(f->arg);
		return true;
	default:
		return false;
	}
}

/* Whether msg begins with words followed by a space. */
static bool
begins_with_words(const char *msg, const char *words)
{
	size_t n = strlen(words);

	return n > 0 && strncmp(msg, words, n) == 0 && msg[n] == ' ';
}

bool
form_show_error(struct form *f, const struct sd_error *err)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct form_field *fl = &f->fields[i];
		/*
		 * A refusal that names no field yet may still say which in
		 * words (sd_single_line_check: "the city must be …"), in any
		 * language, since the words are translated with the message.
		 */
		if (err->field[0] != '\0' ? fl->name != NULL && strcmp(err->field, fl->name) == 0 :
		    fl->words != NULL && begins_with_words(err->msg, fl->words)) {
			form_set_error(f, i, err->msg);
			return true;
		}
	}
	return false;
}

void
form_free(struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		tui_line_free(&f->fields[i].line);
		free(f->fields[i].text);
	}
	free(f->fields);
	memset(f, 0, sizeof *f);
}

void
form_set_error(struct form *f, size_t i, const char *msg)
{
	char *e = f->fields[i].error;
	size_t n = strlen(msg), max = sizeof f->fields[i].error - 1;

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)msg[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(e, msg, n);
	e[n] = '\0';
}
