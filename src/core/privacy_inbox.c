/*
 * What the administrator's inbox says about personal data: an erasure's
 * compaction still to do, and the closed cases whose retention has
 * passed.  Only for whoever may act on it (PRIVACY_WRITE).
 */
#include <stdlib.h>

#include "sedesk/i18n.h"
#include "sedesk/privacy.h"
#include "sedesk/text.h"
#include "privacy_int.h"

static void
add(char ***lines, size_t *n, char *s)
{
	*lines = sd_xrealloc(*lines, (*n + 1) * sizeof **lines);
	(*lines)[(*n)++] = s;
}

size_t
sd_privacy_inbox(struct sd_desk *d, char ***lines)
{
	struct sd_buf b = { 0 };
	size_t n = 0, due;

	*lines = NULL;
	if (sd_permit(d, SD_ACT_PRIVACY_WRITE, NULL, NULL) != SD_OK)
		return 0;
	if (sd_privacy_compact_pending(d)) {
		sd_buf_adds(&b, _("Personal data: an erasure is not compacted yet; run `sedesk "
		    "privacy compact` when nobody uses sedesk."));
		add(lines, &n, sd_buf_take(&b));
	}
	/* Only where a retention is configured: the count reads the closed cases. */
	if ((due = privacy_retention_due_count(d, 1000)) > 0) {
		sd_buf_addf(&b, ngettext("Personal data: %zu%s closed case is past its retention; "
		    "`sedesk privacy retention` anonymises or destroys it.",
		    "Personal data: %zu%s closed cases are past their retention; "
		    "`sedesk privacy retention` anonymises or destroys them.", due), due,
		    due >= 1000 ? "+" : "");
		add(lines, &n, sd_buf_take(&b));
	}
	return n;
}

void
sd_privacy_inbox_free(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}
