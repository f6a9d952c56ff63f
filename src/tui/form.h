/*
 * The form widget shared by the new-case, case-edit and enterprise forms:
 * labelled fields (text, choice, long text in the editor, a picker),
 * moved through with Tab and the arrows, with a message beside each field.
 */
#ifndef SEDESK_TUI_FORM_H
#define SEDESK_TUI_FORM_H

#include "tui.h"

enum field_kind {
	FIELD_TEXT,
	FIELD_CHOICE,	/* ← → or Enter to pick among choices */
	FIELD_LONG,	/* Enter opens $EDITOR */
	FIELD_PICKER,	/* text that narrows a list of matches below the form */
};

struct form_field {
	const char		*label;		/* translated */
	/* The record's field, by its stable name as in struct sd_error's field. */
	const char		*name;
	/*
	 * The field in words as the core's messages about it begin ("the
	 * subject must be …"), translated, or NULL: for a refusal that does
	 * not name its field yet.
	 */
	const char		*words;
	enum field_kind		 kind;
	struct tui_line		 line;		/* TEXT, PICKER */
	const char *const	*choices;	/* CHOICE (translated labels) */
	size_t			 nchoices;
	int			 choice;
	char			*text;		/* LONG */
	char			 error[256];	/* shown beside the field */
	bool			 changed;
	bool			 readonly;	/* shown, skipped by focus */
};

struct form {
	struct form_field	*fields;
	size_t			 n;
	size_t			 focus;
	bool			 dirty;
	/* Called when focus leaves a field, to check it (may set field->error). */
	void			(*leave)(struct form *f, size_t i, void *arg);
	/* Saves the form: F2, or Enter on the last field.  May free the form. */
	void			(*save)(void *arg);
	void			*arg;
};

void	form_draw(struct form *f, int top, int height);
/*
 * A key that is not an action of screen s's table (tui_form_keys), or one
 * of its editing keys (ACT_TYPE): typed into the focused text field.
 * False for the table's other keys, which the frame dispatches as actions.
 */
bool	form_input(struct screen *s, struct form *f, int key);
/*
 * The table's actions on the form: moving, choosing, the editor, saving
 * (F2, or Enter on the last field).  False for the frame's (back, help).
 */
bool	form_action(struct tui *t, struct form *f, enum tui_action a);
void	form_focus(struct form *f, size_t i);
void	form_free(struct form *f);
/* Sets the message shown beside field i (cut to fit, at a character boundary). */
void	form_set_error(struct form *f, size_t i, const char *msg);
/*
 * Shows a refusal of the core beside the field it is about (err->field);
 * false when it names none of the form's fields.
 */
bool	form_show_error(struct form *f, const struct sd_error *err);
/* The label of the field with stable name name, or NULL. */
const char *form_label(const struct form *f, const char *name);
const char *form_text(const struct form *f, size_t i);	/* TEXT, PICKER, LONG; "" when empty */

#endif
