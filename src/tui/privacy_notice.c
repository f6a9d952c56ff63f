/*
 * The administrator's inbox says what personal data waits for (issue 17):
 * an erasure's compaction, closed cases past their retention.  The core
 * decides who sees it (sd_privacy_inbox: whoever may act on it).
 */
#include <stdlib.h>

#include "sedesk/privacy.h"
#include "tui.h"

void
tui_privacy_notice(struct tui *t)
{
	char **lines;
	size_t n = sd_privacy_inbox(t->desk, &lines);

	/* One status line: the first thing to do; the CLI's inbox lists them all. */
	if (n > 0)
		tui_message(t, ROLE_OVERDUE, "%s", lines[0]);
	sd_privacy_inbox_free(lines, n);
}
