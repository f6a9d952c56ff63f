/*
 * The NACE picker: the sections and divisions that match what is typed
 * in a field of NACE codes (its last item, after the last comma), shown
 * under the field; ↓ ↑ choose and Enter puts the chosen code in place of
 * what was typed.  "81" and "reiniging" or "landscape" narrow the list
 * alike (sd_nace_row_matches).
 */
#ifndef SEDESK_TUI_NACE_PICKER_H
#define SEDESK_TUI_NACE_PICKER_H

#include "sedesk/profile.h"
#include "tui.h"

#define NACE_PICKER_MAX 120

struct nace_picker {
	const struct sd_nace_row *rows[NACE_PICKER_MAX];
	size_t		 n;
	struct listview	 lv;
	char		*query;		/* the typed item the rows are for */
	char		*taken;		/* the item Enter last put in: no list for it */
};

/* Narrows the rows to the last item of line; true when there are rows to show. */
bool	nace_picker_update(struct nace_picker *p, const char *line);
/* Whether the list shows (and takes ↓ ↑ Enter). */
bool	nace_picker_open(const struct nace_picker *p);
/* The line with its last item replaced by the chosen code (malloc'd). */
char	*nace_picker_take(struct nace_picker *p, const char *line);
/* Draws the list from screen line y: a title and up to height - 1 rows. */
void	nace_picker_draw(struct nace_picker *p, int y, int height);
void	nace_picker_free(struct nace_picker *p);

#endif
