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
	const char *names[32];
	struct sd_buf what = { 0 };
	size_t n;
	int k;

	n = c->kind->diff(c->before, c->now, names, sizeof names / sizeof names[0]);
	for (size_t i = 0; i < n; i++) {
		const char *label = form_label(c->form, names[i]);
		sd_buf_addf(&what, " %s", label != NULL ? label : names[i]);
	}
	if (n == 0 && c->kind->otherwise != NULL)
		sd_buf_adds(&what, _(c->kind->otherwise));
	tui_message(t, ROLE_ERROR, _(c->kind->changed), c->what, c->from, c->to,
	    what.len ? what.data : "");
	sd_buf_free(&what);
	k = tui_choose(t, _(c->kind->title), items, 3, 0);
	return k == 0 ? CONFLICT_REAPPLY : k == 1 ? CONFLICT_RELOAD : CONFLICT_CANCEL;
}
