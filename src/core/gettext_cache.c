/*
 * _(): gettext with a small cache of the translations it gave.
 *
 * Why: glibc's gettext takes a read lock, looks at the environment and
 * searches the catalog on every call, about a microsecond; the bulk
 * paths name what they write (_("case"), _("journal"), …) for a message
 * that is almost never shown, several times per row, so that a case
 * import spent a fifth of its time in gettext.
 *
 * The cache is kept by msgid address and checked against the msgid's
 * text (a buffer that is reused with other words gets their
 * translation).  It is emptied whenever the language may have changed:
 * glibc counts every change of locale, text domain or catalog in
 * _nl_msg_cat_cntr (and who switches the language for a moment, as the
 * mail of another officer's language does, bumps it too).
 *
 * $LANGUAGE is not looked at: glibc's own cache of translations is kept
 * by that counter too, so a $LANGUAGE set anew without a bump changes
 * nothing gettext answers for a msgid it has translated before (GNU
 * gettext's manual says so: change LANGUAGE, then ++_nl_msg_cat_cntr).
 * This cache therefore answers exactly what gettext would, and a
 * getenv() per call (a walk of the environment, ~4 % of a case import)
 * bought nothing; test_case_import_speed compares the two through such
 * changes.
 */
#include <libintl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"

extern int _nl_msg_cat_cntr;

#define SLOTS	1024	/* a power of two */

struct slot {
	const char	*id;	/* the msgid's address */
	char		*text;	/* a copy of its text when cached */
	char		*tr;	/* gettext's answer */
};

static struct slot	 slots[SLOTS];
static int		 stamp_cntr = -1;

static void
forget(void)
{
	for (size_t i = 0; i < SLOTS; i++) {
		free(slots[i].text);
		slots[i].id = slots[i].text = slots[i].tr = NULL;
	}
}

char *
sd_gettext(const char *msgid)
{
	struct slot *s;
	char *tr;

	if (stamp_cntr != _nl_msg_cat_cntr) {
		forget();
		stamp_cntr = _nl_msg_cat_cntr;
	}
	s = &slots[(uintptr_t)msgid * UINT64_C(0x9E3779B97F4A7C15) >> 54 & (SLOTS - 1)];
	if (s->id == msgid && s->text != NULL && strcmp(s->text, msgid) == 0)
		return s->tr;
	tr = gettext(msgid);
	/* gettext may have loaded a catalog (the counter moved): cache from now on. */
	if (stamp_cntr != _nl_msg_cat_cntr) {
		forget();
		stamp_cntr = _nl_msg_cat_cntr;
	}
	free(s->text);
	s->id = msgid;
	s->text = strdup(msgid);
	s->tr = tr;
	return tr;
}
