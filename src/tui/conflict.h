/*
 * The resolver both forms use when the record was saved by someone else
 * after the form was opened: it says which fields they changed, and asks
 * whether to re-apply the user's changes on the new version (only the
 * fields the user changed are sent, so the others' changes stay), reload
 * it, or keep editing.
 */
#ifndef SEDESK_TUI_CONFLICT_H
#define SEDESK_TUI_CONFLICT_H

#include "form.h"
#include "sedesk/fields.h"

enum conflict_choice {
	CONFLICT_REAPPLY,	/* fill in the new version, keep my edits, save again */
	CONFLICT_RELOAD,	/* fill in the new version, drop my edits */
	CONFLICT_CANCEL,	/* nothing: keep editing */
};

/*
 * One record type's wording.  Which fields differ between the version the
 * form was filled from and the one now comes from the core's field tables
 * (sd_record_diff over the fields people edit).
 */
struct conflict_kind {
	const char		*title;		/* N_() the dialog's title */
	const char		*changed;	/* N_() "%s changed … (version %u → %u):%s." */
	const char		*otherwise;	/* N_() when no field differs, or NULL */
	enum sd_record_kind	 record;
};

struct conflict {
	const struct conflict_kind *kind;
	const struct form *form;	/* says the fields in words, by their labels */
	const char	*what;		/* the record, for the message */
	uint32_t	 from, to;	/* the form's version and the one now */
	const void	*before, *now;	/* as the adapter takes them */
};

enum conflict_choice conflict_resolve(struct tui *t, const struct conflict *c);

#endif
