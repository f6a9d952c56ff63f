/*
 * The new-case form (enterprise picked by typing part of its name or its
 * number, matches narrowing as you type) and the case edit form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflict.h"
#include "form.h"
#include "sedesk/i18n.h"
#include "sedesk/search.h"
#include "sedesk/text.h"

/* The owner is last: the new-case form has no such field (its n is F_OWNER). */
enum { F_ENT, F_SUBJECT, F_CATEGORY, F_CHANNEL, F_PRIORITY, F_DESCRIPTION, F_OWNER, F_COUNT };

struct caseform {
	struct screen		 base;
	bool			 edit;		/* editing case `key`, else a new case */
	struct sd_case_key	 key;
	uint32_t		 version;
	struct form		 form;
	const char		**categories;	/* "(none)" + names */
	const char		*channels[SD_CHANNEL_COUNT];
	const char		*priorities[SD_PRIORITY_COUNT];
	/*
	 * edit: the officers who may own cases, by name, and their logins; one
	 * more for a present owner who is not (or no longer) one of them.
	 */
	const char		**owners;
	const char		**owner_logins;
	size_t			 nowners;
	/* the picker */
	struct sd_enterprise_list matches;
	struct listview		 lv;		/* over matches */
	bool			 picked;
	uint8_t			 ent[SD_UUID_LEN];
	char			*query;		/* the text the matches are for */
	bool			 moved;		/* ↓ ↑ chose among the matches */
	/* edit: the case as the form was filled, to tell what others changed */
	struct sd_case		 orig;
};

/* --- the enterprise picker --------------------------------------------------------- */

static void
refresh_matches(struct caseform *c)
{
	const char *q = form_text(&c->form, F_ENT);
	struct sd_error err;

	if (c->query != NULL && strcmp(c->query, q) == 0)
		return;
	free(c->query);
	c->query = sd_xstrdup(q);
	sd_enterprise_list_free(&c->matches);
	c->lv = (struct listview){ 0 };
	c->moved = false;
	if (*q == '\0')
		return;
	/* The same search as `/`, for enterprises only: names, numbers, streets. */
	struct sd_hits hits;
	if (sd_search(c->base.tui->desk, q, SD_HIT_ENTERPRISE, 8, &hits, &err) != SD_OK) {
		tui_error(c->base.tui, &err);
		return;
	}
	c->matches.items = sd_xcalloc(hits.n ? hits.n : 1, sizeof *c->matches.items);
	for (size_t i = 0; i < hits.n; i++) {
		char id[SD_UUID_STR];
		sd_uuid_format(hits.items[i].ent, id);
		if (sd_enterprise_get(c->base.tui->desk, id, &c->matches.items[c->matches.n],
		    &err) == SD_OK)
			c->matches.n++;
	}
	c->matches.more = hits.more;
	c->lv.n = c->matches.n;
	sd_hits_free(&hits);
}

static void
pick(struct caseform *c, size_t i)
{
	struct form_field *f = &c->form.fields[F_ENT];

	memcpy(c->ent, c->matches.items[i].id, SD_UUID_LEN);
	c->picked = true;
	tui_line_set(&f->line, c->matches.items[i].f[SD_EF_NAME]);
	f->error[0] = '\0';
	free(c->query);
	c->query = sd_xstrdup(f->line.buf);
	sd_enterprise_list_free(&c->matches);
	c->lv = (struct listview){ 0 };
}

/*
 * The one match whose name is the typed text (case and accents aside),
 * picked as if chosen from the list: a user who typed the exact name need
 * not pick it.  False when none or several match so.
 */
static bool
pick_exact(struct caseform *c)
{
	char *q;
	size_t found = 0, n = 0;

	if (c->edit || c->picked)
		return false;
	refresh_matches(c);
	q = sd_fold(form_text(&c->form, F_ENT));
	for (size_t i = 0; i < c->matches.n && *q != '\0'; i++) {
		const char *name = c->matches.items[i].f[SD_EF_NAME];
		char *fn = sd_fold(name ? name : "");
		if (strcmp(fn, q) == 0) {
			found = i;
			n++;
		}
		free(fn);
	}
	free(q);
	if (n != 1)
		return false;
	pick(c, found);
	return true;
}

/* Whether the list of matches shows (and takes ↓ ↑ Enter). */
static bool
picking(const struct caseform *c)
{
	return !c->edit && c->form.focus == F_ENT && c->matches.n > 0;
}

static void
match_row(size_t i, struct sd_buf *b, void *arg)
{
	const struct sd_enterprise *e = &((struct caseform *)arg)->matches.items[i];

	sd_buf_addf(b, "%s  %s  %s", e->f[SD_EF_NAME], e->f[SD_EF_NUMBER] ? e->f[SD_EF_NUMBER] : "",
	    e->f[SD_EF_CITY] ? e->f[SD_EF_CITY] : "");
}

static void
leave_field(struct form *f, size_t i, void *arg)
{
	struct caseform *c = arg;

	if (i == F_ENT && !c->edit && !c->picked && *form_text(f, F_ENT) != '\0' &&
	    !pick_exact(c))
		form_set_error(f, F_ENT, _("pick one from the list (↓ and Enter)"));
}

/* --- screen ------------------------------------------------------------------------ */

static void
caseform_draw(struct screen *s, int top, int height)
{
	struct caseform *c = (struct caseform *)s;
	char num[SD_CASE_NUMBER_MAX], title[80];
	int y;

	if (c->edit) {
		sd_case_number_format(c->key, num);
		snprintf(title, sizeof title, _("Edit case %s"), num);
	} else {
		snprintf(title, sizeof title, "%s", _("New case"));
	}
	tui_put(top, 1, COLS - 2, title, tui_attr(ROLE_HEADER));
	y = top + 2 + (int)c->form.n + 1;
	if (picking(c)) {
		tui_put(y - 1, 3, COLS - 4, _("Matches (↓ ↑ to choose, Enter to take):"),
		    tui_attr(ROLE_DIM));
		lv_draw(&c->lv, y, 5, COLS - 6, top + height - y, match_row, c);
	} else if (!c->edit && c->form.focus == F_ENT) {
		tui_put(y - 1, 3, COLS - 4,
		    _("Type part of the enterprise's name or its KBO/KvK number."), tui_attr(ROLE_DIM));
	}
	form_draw(&c->form, top + 2, (int)c->form.n);
}

static sd_status
save_new(struct caseform *c, struct sd_case_key *key, struct sd_error *err)
{
	struct sd_case_input in = { 0 };
	const struct sd_config *cfg = &c->base.tui->desk->cfg;
	char id[SD_UUID_STR];
	int cat = c->form.fields[F_CATEGORY].choice;

	sd_uuid_format(c->ent, id);
	in.enterprise = id;
	in.subject = form_text(&c->form, F_SUBJECT);
	in.description = *form_text(&c->form, F_DESCRIPTION) ? form_text(&c->form, F_DESCRIPTION) : NULL;
	in.category = cat > 0 ? cfg->categories[cat - 1].id : NULL;
	in.channel = (enum sd_channel)(c->form.fields[F_CHANNEL].choice + 1);
	in.priority = (enum sd_priority)(c->form.fields[F_PRIORITY].choice + 1);
	return sd_case_new(c->base.tui->desk, &in, key, err);
}

static sd_status
save_edit(struct caseform *c, struct sd_error *err)
{
	struct sd_case_input in = { 0 };
	const struct sd_config *cfg = &c->base.tui->desk->cfg;
	struct form_field *f = c->form.fields;
	char num[SD_CASE_NUMBER_MAX];
	int cat = f[F_CATEGORY].choice;

	sd_case_number_format(c->key, num);
	/* Only what was changed is sent, so nothing else is touched. */
	if (f[F_SUBJECT].changed)
		in.subject = form_text(&c->form, F_SUBJECT);
	if (f[F_DESCRIPTION].changed)
		in.description = form_text(&c->form, F_DESCRIPTION);
	if (f[F_CATEGORY].changed)
		in.category = cat > 0 ? cfg->categories[cat - 1].id : "";
	if (f[F_CHANNEL].changed)
		in.channel = (enum sd_channel)(f[F_CHANNEL].choice + 1);
	if (f[F_PRIORITY].changed)
		in.priority = (enum sd_priority)(f[F_PRIORITY].choice + 1);
	if (f[F_OWNER].changed && c->nowners > 0) {
		const char *o = c->owner_logins[f[F_OWNER].choice];
		/* The extra entry is the owner as found: nothing to send. */
		if (o != NULL && (c->orig.owner == NULL || strcmp(o, c->orig.owner) != 0))
			in.owner = o;
	}
	return sd_case_edit(c->base.tui->desk, num, &in, c->version, err);
}

static void fill_from(struct caseform *c, const struct sd_case_view *v, bool keep_edits);

/*
 * The owner's choices: the configured officers whose role may own cases,
 * by name, with owner (the case's, NULL for none) chosen; when owner is
 * not one of them, it is one more entry, so that the form shows it as it
 * is.  With keep, the officer the user chose stays chosen.
 */
static void
set_owners(struct caseform *c, const char *owner, bool keep)
{
	const struct sd_config *cfg = &c->base.tui->desk->cfg;
	struct form_field *f = &c->form.fields[F_OWNER];
	const char *kept = NULL;
	size_t n = 0;
	int choice = -1, kchoice = -1;

	if (keep && c->nowners > 0)
		kept = c->owner_logins[f->choice];
	free(c->owners);
	free(c->owner_logins);
	c->owners = sd_xcalloc(cfg->nofficers + 1, sizeof *c->owners);
	c->owner_logins = sd_xcalloc(cfg->nofficers + 1, sizeof *c->owner_logins);
	for (size_t i = 0; i < cfg->nofficers; i++) {
		const struct sd_officer *o = &cfg->officers[i];
		if (!sd_officer_may(o, SD_ACT_CASE_OWN))
			continue;
		if (owner != NULL && strcmp(o->login, owner) == 0)
			choice = (int)n;
		if (kept != NULL && strcmp(o->login, kept) == 0)
			kchoice = (int)n;
		c->owners[n] = o->name && *o->name ? o->name : o->login;
		c->owner_logins[n++] = o->login;
	}
	if (choice < 0) {
		/* The login is the configuration's, which outlives the form. */
		const struct sd_officer *o = owner ? sd_config_officer(cfg, owner) : NULL;
		c->owners[n] = o ? (o->name && *o->name ? o->name : o->login) :
		    owner ? _("(someone no longer configured)") : _("(none)");
		c->owner_logins[n] = NULL;
		choice = (int)n++;
	}
	c->nowners = n;
	f->choices = c->owners;
	f->nchoices = n;
	f->choice = kchoice >= 0 ? kchoice : choice;
}

static const struct conflict_kind case_conflict = {
	.title = N_("Someone else saved this case meanwhile"),
	.changed = N_("case %s changed since you opened it (version %u → %u):%s."),
	.otherwise = N_(" its routes or journal"),
	.record = SD_RECORD_CASE,
};

/*
 * Someone saved the case after this form was opened.  True when the form
 * should be saved again.
 */
static bool
resolve_conflict(struct caseform *c)
{
	struct tui *t = c->base.tui;
	char num[SD_CASE_NUMBER_MAX];
	struct sd_case_view v;
	struct sd_error err;
	enum conflict_choice k;

	sd_case_number_format(c->key, num);
	if (sd_case_get_page(t->desk, num, 0, &v, &err) != SD_OK) {
		tui_error(t, &err);
		return false;
	}
	k = conflict_resolve(t, &(struct conflict){ .kind = &case_conflict, .form = &c->form,
	    .what = num,
	    .from = c->version, .to = v.c.version, .before = &c->orig, .now = &v.c });
	if (k != CONFLICT_CANCEL)
		fill_from(c, &v, k == CONFLICT_REAPPLY);
	sd_case_view_free(&v);
	return k == CONFLICT_REAPPLY;
}

static void
save(void *arg)
{
	struct caseform *c = arg;
	struct tui *t = c->base.tui;
	struct sd_case_key key;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX];
	sd_status s;

	if (!c->edit && !c->picked && !pick_exact(c)) {
		form_focus(&c->form, F_ENT);
		form_set_error(&c->form, F_ENT, _("pick the enterprise first"));
		tui_message(t, ROLE_ERROR, _("a case needs an enterprise: type part of its name."));
		return;
	}
	s = c->edit ? save_edit(c, &err) : save_new(c, &key, &err);
	if (s == SD_CONFLICT && c->edit) {
		if (resolve_conflict(c))
			save(c);
		return;
	}
	if (s != SD_OK) {
		tui_error(t, &err);
		form_show_error(&c->form, &err);
		return;
	}
	c->form.dirty = false;
	if (c->edit) {
		tui_message(t, ROLE_GOOD, _("saved."));
		tui_pop(t);
		return;
	}
	sd_case_number_format(key, num);
	tui_message(t, ROLE_GOOD, _("case %s registered."), num);
	tui_pop(t);
	tui_push(t, scr_case_new(t, key));
}

static bool
caseform_input(struct screen *s, int key)
{
	struct caseform *c = (struct caseform *)s;

	if (!form_input(s, &c->form, key))
		return false;
	/* What is typed into the picker narrows its matches. */
	if (!c->edit && c->form.focus == F_ENT) {
		if (c->query == NULL || strcmp(c->query, form_text(&c->form, F_ENT)) != 0)
			c->picked = false;
		refresh_matches(c);
	}
	return true;
}

static bool
caseform_action(struct screen *s, enum tui_action a)
{
	struct caseform *c = (struct caseform *)s;

	if (picking(c) && (a == ACT_DOWN || a == ACT_UP)) {
		lv_action(&c->lv, a);
		c->moved = true;
		return true;
	}
	if (picking(c) && a == ACT_FIELD_ENTER) {
		/* Unless ↓ ↑ chose another, an exact name is the one meant. */
		if (c->moved || !pick_exact(c))
			pick(c, c->lv.sel);
		form_focus(&c->form, F_SUBJECT);
		return true;
	}
	return form_action(s->tui, &c->form, a);
}

static void
caseform_click(struct screen *s, int y)
{
	struct caseform *c = (struct caseform *)s;

	if (picking(c) && lv_click(&c->lv, y)) {
		pick(c, c->lv.sel);
		form_focus(&c->form, F_SUBJECT);
	}
}

static bool
caseform_dirty(struct screen *s)
{
	return ((struct caseform *)s)->form.dirty;
}

static void
caseform_destroy(struct screen *s)
{
	struct caseform *c = (struct caseform *)s;

	form_free(&c->form);
	sd_case_free(&c->orig);
	sd_enterprise_list_free(&c->matches);
	free(c->categories);
	free(c->owners);
	free(c->owner_logins);
	free(c->query);
	free(c);
}

static const struct screen_ops caseform_ops = {
	.name = N_("Case form"),
	.keys = tui_form_keys,
	.typing = true,
	.draw = caseform_draw,
	.input = caseform_input,
	.action = caseform_action,
	.click = caseform_click,
	.dirty = caseform_dirty,
	.destroy = caseform_destroy,
};

static struct caseform *
make(struct tui *t)
{
	struct caseform *c = sd_xcalloc(1, sizeof *c);
	const struct sd_config *cfg = &t->desk->cfg;
	struct form_field *f;

	c->base.ops = &caseform_ops;
	c->base.tui = t;
	c->categories = sd_xcalloc(cfg->ncategories + 1, sizeof *c->categories);
	c->categories[0] = _("(none)");
	for (size_t i = 0; i < cfg->ncategories; i++)
		c->categories[i + 1] = cfg->categories[i].name;
	for (int i = 1; i < SD_CHANNEL_COUNT; i++)
		c->channels[i - 1] = sd_channel_label(i);
	for (int i = 1; i < SD_PRIORITY_COUNT; i++)
		c->priorities[i - 1] = sd_priority_label(i);
	c->form.n = F_OWNER;
	c->form.fields = f = sd_xcalloc(F_COUNT, sizeof *f);
	c->form.leave = leave_field;
	c->form.save = save;
	c->form.arg = c;
	/* The names are the case's fields as the core and JSON name them. */
	f[F_ENT] = (struct form_field){ .label = _("Enterprise"), .name = "enterprise",
	    .kind = FIELD_PICKER };
	f[F_SUBJECT] = (struct form_field){ .label = _("Subject"), .name = "subject",
	    .words = _("the subject"), .kind = FIELD_TEXT };
	f[F_CATEGORY] = (struct form_field){ .label = _("Category"), .name = "category",
	    .kind = FIELD_CHOICE, .choices = c->categories, .nchoices = cfg->ncategories + 1 };
	f[F_CHANNEL] = (struct form_field){ .label = _("Channel"), .name = "channel",
	    .kind = FIELD_CHOICE, .choices = c->channels, .nchoices = SD_CHANNEL_COUNT - 1 };
	f[F_PRIORITY] = (struct form_field){ .label = _("Priority"), .name = "priority",
	    .kind = FIELD_CHOICE, .choices = c->priorities, .nchoices = SD_PRIORITY_COUNT - 1,
	    .choice = SD_PRIORITY_NORMAL - 1 };
	f[F_DESCRIPTION] = (struct form_field){ .label = _("Description"), .name = "description",
	    .kind = FIELD_LONG };
	f[F_SUBJECT].line.max = 200;
	tui_line_set(&f[F_ENT].line, "");
	tui_line_set(&f[F_SUBJECT].line, "");
	return c;
}

/*
 * The forms open only for a role that may save them: the keys that lead
 * here are not offered to others, and the form asks the core once more.
 */
static bool
may_open(struct tui *t, enum sd_action a)
{
	struct sd_error err;

	if (sd_permit(t->desk, a, NULL, &err) == SD_OK)
		return true;
	tui_error(t, &err);
	return false;
}

struct screen *
scr_newcase_new(struct tui *t, const uint8_t *enterprise)
{
	struct caseform *c;

	if (!may_open(t, SD_ACT_CASE_CREATE))
		return NULL;
	c = make(t);

	if (enterprise != NULL) {
		struct sd_enterprise e;
		struct sd_error err;
		char id[SD_UUID_STR];
		sd_uuid_format(enterprise, id);
		if (sd_enterprise_get(t->desk, id, &e, &err) == SD_OK) {
			tui_line_set(&c->form.fields[F_ENT].line, e.f[SD_EF_NAME]);
			memcpy(c->ent, enterprise, SD_UUID_LEN);
			c->picked = true;
			c->query = sd_xstrdup(e.f[SD_EF_NAME]);
			c->form.focus = F_SUBJECT;
			sd_enterprise_free(&e);
		}
	}
	return &c->base;
}

struct screen *
scr_caseform_new(struct tui *t, struct sd_case_key key)
{
	struct caseform *c;
	struct form_field *f;
	char num[SD_CASE_NUMBER_MAX];
	struct sd_case_view v;
	struct sd_error err;

	if (!may_open(t, SD_ACT_CASE_EDIT))
		return NULL;
	c = make(t);
	f = c->form.fields;
	c->edit = true;
	c->key = key;
	sd_case_number_format(key, num);
	if (sd_case_get_page(t->desk, num, 0, &v, &err) != SD_OK) {
		tui_error(t, &err);
		caseform_destroy(&c->base);
		return NULL;
	}
	/* The enterprise of a case does not change; it is shown, not edited. */
	tui_line_set(&f[F_ENT].line, v.ent.f[SD_EF_NAME]);
	f[F_ENT].kind = FIELD_TEXT;
	f[F_ENT].readonly = true;
	/* The form opens only for those who may edit cases, and so hand them on. */
	f[F_OWNER] = (struct form_field){ .label = _("Owner"), .name = "owner",
	    .kind = FIELD_CHOICE };
	c->form.n = F_COUNT;
	c->form.focus = F_SUBJECT;
	c->picked = true;
	fill_from(c, &v, false);
	sd_case_view_free(&v);
	return &c->base;
}

/*
 * Fills the form from the case as it is now; with keep_edits, the fields
 * the user changed keep their input (to be applied on top).
 */
static void
fill_from(struct caseform *c, const struct sd_case_view *v, bool keep_edits)
{
	const struct sd_config *cfg = &c->base.tui->desk->cfg;
	struct form_field *f = c->form.fields;

	c->version = v->c.version;
	sd_case_free(&c->orig);
	c->orig.subject = sd_xstrdup(v->c.subject);
	c->orig.description = sd_xstrdup(v->c.description);
	c->orig.category = sd_xstrdup(v->c.category);
	c->orig.channel = v->c.channel;
	c->orig.priority = v->c.priority;
	set_owners(c, v->c.owner, keep_edits && f[F_OWNER].changed);
	c->orig.owner = sd_xstrdup(v->c.owner);
	if (!(keep_edits && f[F_SUBJECT].changed))
		tui_line_set(&f[F_SUBJECT].line, v->c.subject);
	if (!(keep_edits && f[F_CATEGORY].changed)) {
		f[F_CATEGORY].choice = 0;
		for (size_t i = 0; i < cfg->ncategories; i++) {
			if (v->c.category && strcmp(v->c.category, cfg->categories[i].id) == 0)
				f[F_CATEGORY].choice = (int)i + 1;
		}
	}
	if (!(keep_edits && f[F_CHANNEL].changed))
		f[F_CHANNEL].choice = v->c.channel ? (int)v->c.channel - 1 : 0;
	if (!(keep_edits && f[F_PRIORITY].changed))
		f[F_PRIORITY].choice = v->c.priority ? (int)v->c.priority - 1 : 1;
	if (!(keep_edits && f[F_DESCRIPTION].changed)) {
		free(f[F_DESCRIPTION].text);
		f[F_DESCRIPTION].text = sd_xstrdup(v->c.description);
	}
	if (!keep_edits) {
		for (size_t i = 0; i < c->form.n; i++)
			f[i].changed = false;
		c->form.dirty = false;
	}
}
