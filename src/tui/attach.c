/*
 * A case's e-mail attachments in the interface (mailgate.h): the case
 * screen's A key lists them; the one chosen is saved to a new file the
 * user names, opened with the user's own rights by the core.
 */
#include <stdio.h>
#include <stdlib.h>

#include "sedesk/i18n.h"
#include "sedesk/mailgate.h"
#include "sedesk/text.h"
#include "tui.h"

void
tui_case_attachments(struct tui *t, const char *num)
{
	struct sd_attachment *a;
	struct sd_error err;
	const char **items;
	char **lines, *path;
	size_t n;
	int k;

	if (sd_case_attachments(t->desk, num, &a, &n, &err) != SD_OK) {
		tui_message(t, ROLE_ERROR, "%s", err.msg);
		return;
	}
	if (n == 0) {
		tui_message(t, ROLE_NORMAL, _("case %s has no e-mail attachments."), num);
		sd_attachments_free(a, n);
		return;
	}
	items = sd_xcalloc(n, sizeof *items);
	lines = sd_xcalloc(n, sizeof *lines);
	for (size_t i = 0; i < n; i++) {
		struct sd_buf b = { 0 };
		char *name = sd_visible(a[i].name, false), *type = sd_visible(a[i].type, false);
		sd_buf_addf(&b, _("%u  %s  (%s, %zu bytes)"), a[i].no, name, type, a[i].size);
		free(name);
		free(type);
		items[i] = lines[i] = sd_buf_take(&b);
	}
	k = tui_choose(t, _("Save which attachment?"), items, n, 0);
	if (k >= 0 && (path = tui_prompt(t, _("Save to file"), a[k].name)) != NULL) {
		if (*sd_trim(path) == '\0')
			tui_message(t, ROLE_NORMAL, _("not saved."));
		else if (sd_case_attachment_save(t->desk, num, a[k].no, path, &err) != SD_OK)
			tui_message(t, ROLE_ERROR, "%s", err.msg);
		else
			tui_message(t, ROLE_NORMAL, _("saved to %s."), path);
		free(path);
	}
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	free(items);
	sd_attachments_free(a, n);
}
