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
	void			*arg;
};

void	form_draw(struct form *f, int top, int height);
/*
 * Handles a key: moving, editing, choosing, the editor.  Returns true when
 * consumed.  Enter on the last field is not consumed (the screen saves).
 */
bool	form_key(struct tui *t, struct form *f, int key);
void	form_focus(struct form *f, size_t i);
void	form_free(struct form *f);
/* Sets the message shown beside field i (cut to fit, at a character boundary). */
void	form_set_error(struct form *f, size_t i, const char *msg);
const char *form_text(const struct form *f, size_t i);	/* TEXT, PICKER, LONG; "" when empty */

#endif
