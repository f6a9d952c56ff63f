/*
 * The conflict resolver of the forms (see conflict.h).
 */
#include "conflict.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

enum conflict_choice
conflict_resolve(struct tui *t, const struct conflict *c)
{
	const char *items[3] = {
		_("re-apply my changes to the new version"),
		_("reload: show the new version, drop my changes"),
		_("cancel: keep editing"),
	};
	const struct sd_field_info *fields[32];
	struct sd_buf what = { 0 }, text = { 0 };
	size_t n;
	int k;

	n = sd_record_diff(c->kind->record, c->before, c->now, SD_FF_EDIT, fields,
	    sizeof fields / sizeof fields[0]);
	if (n > sizeof fields / sizeof fields[0])
		n = sizeof fields / sizeof fields[0];
	/*
	 * Only the fields this form edits, in its words: the version it was
	 * filled from holds no others (a form shows fewer fields than the table).
	 */
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		const char *label = form_label(c->form, fields[i]->name);
		if (label != NULL) {
			sd_buf_addf(&what, " %s", label);
			shown++;
		}
	}
	if (shown == 0 && c->kind->otherwise != NULL)
		sd_buf_adds(&what, _(c->kind->otherwise));
	/* In the dialog, wrapped: on the message line a long list of fields was cut. */
	sd_buf_addf(&text, _(c->kind->changed), c->what, c->from, c->to,
	    what.len ? what.data : "");
	sd_buf_free(&what);
	k = tui_choose_text(t, _(c->kind->title), text.data, items, 3, 0);
	sd_buf_free(&text);
	return k == 0 ? CONFLICT_REAPPLY : k == 1 ? CONFLICT_RELOAD : CONFLICT_CANCEL;
}
