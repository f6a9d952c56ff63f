/*
 * The contact moment form: a new moment (of the enterprise it was opened
 * from, or one typed by its number) or the edit of one.  The kind is a
 * choice among the channels, the departments are ticked in a list (Enter),
 * the time is typed as YYYY-MM-DD HH:MM, the report is written in the
 * editor.  The core checks everything; its refusal stands beside the field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflict.h"
#include "form.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

enum { F_ENT, F_KIND, F_TIME, F_DEPTS, F_WITH, F_FOLLOW, F_TEXT, F_COUNT };

struct momentform {
	struct screen		 base;
	bool			 edit;
	uint8_t			 id[SD_UUID_LEN];	/* edit: the moment */
	uint32_t		 version;
	bool			 has_ent;
	uint8_t			 ent[SD_UUID_LEN];	/* new: the enterprise given */
	struct form		 form;
	const char		*kinds[SD_CHANNEL_COUNT];
	/* edit: the moment as the form was filled, to tell what others changed */
	struct sd_moment	 orig;
};

static void fill_from(struct momentform *c, const struct sd_moment_view *v, bool keep_edits);

static const struct conflict_kind moment_conflict = {
	.title = N_("Someone else saved this contact moment meanwhile"),
	.changed = N_("contact moment %s changed since you opened it (version %u → %u):%s."),
	.otherwise = N_(" its case or its state"),
	.record = SD_RECORD_MOMENT,
};

/* Someone saved the moment after the form was opened: true to save again. */
static bool
resolve_conflict(struct momentform *c)
{
	struct tui *t = c->base.tui;
	struct sd_moment_view v;
	struct sd_error err;
	enum conflict_choice k;
	char id[SD_UUID_STR];

	sd_uuid_format(c->id, id);
	if (sd_moment_get(t->desk, id, &v, &err) != SD_OK) {
		tui_error(t, &err);
		return false;
	}
	id[8] = '\0';
	k = conflict_resolve(t, &(struct conflict){ .kind = &moment_conflict, .form = &c->form,
	    .what = id, .from = c->version, .to = v.m.version, .before = &c->orig,
	    .now = &v.m });
	if (k != CONFLICT_CANCEL)
		fill_from(c, &v, k == CONFLICT_REAPPLY);
	sd_moment_view_free(&v);
	return k == CONFLICT_REAPPLY;
}

static void
momentform_draw(struct screen *s, int top, int height)
{
	struct momentform *c = (struct momentform *)s;
	const char *hint = NULL;

	(void)height;
	tui_put(top, 1, COLS - 2, c->edit ? _("Edit the contact moment") :
	    _("New contact moment"), tui_attr(ROLE_HEADER));
	form_draw(&c->form, top + 2, (int)c->form.n);
	switch (c->form.focus) {
	case F_ENT:
		hint = _("The enterprise's KBO/KvK number or id.");
		break;
	case F_TIME:
		hint = _("YYYY-MM-DD HH:MM, or a day only (empty: now). Still to come: planned.");
		break;
	case F_DEPTS:
		hint = _("Enter: tick the departments taking part.");
		break;
	case F_WITH:
		hint = _("The logins of the officers taking part, separated by commas.");
		break;
	case F_FOLLOW:
		hint = _("YYYY-MM-DD: the moment comes back to your inbox that day (empty: none).");
		break;
	}
	if (hint != NULL)
		tui_put(top + 2 + (int)c->form.n + 4, 3, COLS - 4, hint, tui_attr(ROLE_DIM));
}

/* Enter on the departments: tick them in a list of the configured ones. */
static void
choose_departments(struct momentform *c)
{
	const struct sd_config *cfg = &c->base.tui->desk->cfg;
	struct form_field *f = &c->form.fields[F_DEPTS];
	const char **items = sd_xcalloc(cfg->ndepartments + 1, sizeof *items);
	bool *checked = sd_xcalloc(cfg->ndepartments + 1, sizeof *checked);
	struct sd_buf b = { 0 };

	for (size_t i = 0; i < cfg->ndepartments; i++) {
		const char *p = f->line.buf;
		size_t n = strlen(cfg->departments[i].id);
		items[i] = cfg->departments[i].name ? cfg->departments[i].name :
		    cfg->departments[i].id;
		/* Ticked when the typed list names it. */
		while (p != NULL && *p != '\0') {
			p += strspn(p, ", ");
			size_t len = strcspn(p, ", ");
			if (len == n && strncmp(p, cfg->departments[i].id, n) == 0)
				checked[i] = true;
			p += len;
		}
	}
	if (tui_checklist(c->base.tui, _("Departments taking part"), items, checked,
	    cfg->ndepartments)) {
		for (size_t i = 0; i < cfg->ndepartments; i++)
			if (checked[i])
				sd_buf_addf(&b, "%s%s", b.len ? "," : "", cfg->departments[i].id);
		tui_line_set(&f->line, b.data ? b.data : "");
		f->changed = true;
		c->form.dirty = true;
		sd_buf_free(&b);
	}
	free(items);
	free(checked);
}

static const char *
text_or_null(const struct momentform *c, size_t i)
{
	const char *s = form_text(&c->form, i);

	return *s != '\0' ? s : NULL;
}

static void
save(void *arg)
{
	struct momentform *c = arg;
	struct tui *t = c->base.tui;
	struct form_field *f = c->form.fields;
	struct sd_moment_input in = { 0 };
	struct sd_error err;
	char ent[SD_UUID_STR], id[SD_UUID_STR];
	uint8_t nid[SD_UUID_LEN];
	sd_status s;
	bool edit;

	in.kind = (enum sd_channel)(f[F_KIND].choice + 1);
	if (!c->edit) {
		if (c->has_ent) {
			sd_uuid_format(c->ent, ent);
			in.enterprise = ent;
		} else {
			in.enterprise = form_text(&c->form, F_ENT);
		}
		in.time = text_or_null(c, F_TIME);
		in.departments = text_or_null(c, F_DEPTS);
		in.participants = text_or_null(c, F_WITH);
		in.follow_up = text_or_null(c, F_FOLLOW);
		in.text = text_or_null(c, F_TEXT);
		s = sd_moment_add(t->desk, &in, nid, &err);
	} else {
		/* Only what was changed is sent, so nothing else is touched ("" clears). */
		if (!f[F_KIND].changed)
			in.kind = SD_CHANNEL_NONE;
		if (f[F_TIME].changed)
			in.time = form_text(&c->form, F_TIME);
		if (f[F_DEPTS].changed)
			in.departments = form_text(&c->form, F_DEPTS);
		if (f[F_WITH].changed)
			in.participants = form_text(&c->form, F_WITH);
		if (f[F_FOLLOW].changed)
			in.follow_up = form_text(&c->form, F_FOLLOW);
		if (f[F_TEXT].changed)
			in.text = form_text(&c->form, F_TEXT);
		sd_uuid_format(c->id, id);
		s = sd_moment_edit(t->desk, id, &in, c->version, &err);
	}
	if (s == SD_CONFLICT && c->edit) {
		if (resolve_conflict(c))
			save(c);
		return;
	}
	if (s != SD_OK) {
		tui_error(t, &err);
		/* The core names "department" for an unknown one. */
		if (strcmp(err.field, "department") == 0)
			form_set_error(&c->form, F_DEPTS, err.msg);
		else
			form_show_error(&c->form, &err);
		return;
	}
	c->form.dirty = false;
	edit = c->edit;
	tui_message(t, ROLE_GOOD, edit ? _("saved.") : _("contact moment recorded."));
	/* The pop frees the form (c): only locals after it. */
	tui_pop(t);
	if (!edit)
		tui_push(t, scr_moment_new(t, nid));
}

static bool
momentform_input(struct screen *s, int key)
{
	return form_input(s, &((struct momentform *)s)->form, key);
}

static bool
momentform_action(struct screen *s, enum tui_action a)
{
	struct momentform *c = (struct momentform *)s;

	if (a == ACT_FIELD_ENTER && c->form.focus == F_DEPTS) {
		choose_departments(c);
		return true;
	}
	return form_action(s->tui, &c->form, a);
}

static bool
momentform_dirty(struct screen *s)
{
	return ((struct momentform *)s)->form.dirty;
}

static void
momentform_destroy(struct screen *s)
{
	struct momentform *c = (struct momentform *)s;

	form_free(&c->form);
	sd_moment_free(&c->orig);
	free(c);
}

static const struct screen_ops momentform_ops = {
	.name = N_("Contact moment form"),
	.keys = tui_form_keys,
	.typing = true,
	.draw = momentform_draw,
	.input = momentform_input,
	.action = momentform_action,
	.dirty = momentform_dirty,
	.destroy = momentform_destroy,
};

static struct momentform *
make(struct tui *t)
{
	struct momentform *c = sd_xcalloc(1, sizeof *c);
	struct form_field *f;

	c->base.ops = &momentform_ops;
	c->base.tui = t;
	for (int i = 1; i < SD_CHANNEL_COUNT; i++)
		c->kinds[i - 1] = sd_channel_label(i);
	c->form.n = F_COUNT;
	c->form.fields = f = sd_xcalloc(F_COUNT, sizeof *f);
	c->form.save = save;
	c->form.arg = c;
	/* The names are the moment's fields as the core and JSON name them. */
	f[F_ENT] = (struct form_field){ .label = _("Enterprise"), .name = "enterprise",
	    .kind = FIELD_TEXT };
	f[F_KIND] = (struct form_field){ .label = _("Kind"), .name = "kind", .kind = FIELD_CHOICE,
	    .choices = c->kinds, .nchoices = SD_CHANNEL_COUNT - 1,
	    .choice = SD_CHANNEL_SITE_VISIT - 1 };
	f[F_TIME] = (struct form_field){ .label = _("Time"), .name = "time", .kind = FIELD_TEXT };
	f[F_DEPTS] = (struct form_field){ .label = _("Departments"), .name = "departments",
	    .kind = FIELD_TEXT };
	f[F_WITH] = (struct form_field){ .label = _("With"), .name = "participants",
	    .kind = FIELD_TEXT };
	f[F_FOLLOW] = (struct form_field){ .label = _("Follow-up"), .name = "follow_up",
	    .kind = FIELD_TEXT };
	f[F_TEXT] = (struct form_field){ .label = _("Report"), .name = "text", .kind = FIELD_LONG };
	for (size_t i = 0; i < F_COUNT; i++)
		if (f[i].kind == FIELD_TEXT) {
			tui_line_set(&f[i].line, "");
			f[i].line.max = 1000;
		}
	return c;
}

/* The form opens only for a role that may save it. */
static bool
may_open(struct tui *t)
{
	struct sd_error err;

	if (sd_permit(t->desk, SD_ACT_MOMENT_WRITE, NULL, &err) == SD_OK)
		return true;
	tui_error(t, &err);
	return false;
}

struct screen *
scr_momentform_new(struct tui *t, const uint8_t *ent, const uint8_t *id)
{
	struct momentform *c;
	struct form_field *f;
	struct sd_error err;
	char ids[SD_UUID_STR];

	if (!may_open(t))
		return NULL;
	c = make(t);
	f = c->form.fields;
	if (id == NULL) {
		if (ent != NULL) {
			struct sd_enterprise e;
			sd_uuid_format(ent, ids);
			if (sd_enterprise_get(t->desk, ids, &e, &err) == SD_OK) {
				c->has_ent = true;
				memcpy(c->ent, ent, SD_UUID_LEN);
				tui_line_set(&f[F_ENT].line, e.f[SD_EF_NAME]);
				f[F_ENT].readonly = true;
				c->form.focus = F_KIND;
				sd_enterprise_free(&e);
			}
		}
		return &c->base;
	}
	/* Edit: filled from the moment as it is now. */
	{
		struct sd_moment_view v;

		sd_uuid_format(id, ids);
		if (sd_moment_get(t->desk, ids, &v, &err) != SD_OK) {
			tui_error(t, &err);
			momentform_destroy(&c->base);
			return NULL;
		}
		c->edit = true;
		memcpy(c->id, id, SD_UUID_LEN);
		tui_line_set(&f[F_ENT].line, v.ent.f[SD_EF_NAME]);
		f[F_ENT].readonly = true;
		c->form.focus = F_KIND;
		fill_from(c, &v, false);
		sd_moment_view_free(&v);
	}
	return &c->base;
}

/*
 * Fills the form from the moment as it is now; with keep_edits, the fields
 * the user changed keep their input (to be applied on top).
 */
static void
fill_from(struct momentform *c, const struct sd_moment_view *v, bool keep_edits)
{
	struct form_field *f = c->form.fields;
	const struct sd_moment *m = &v->m;
	char tm[17], day[11] = "";

	c->version = m->version;
	sd_moment_free(&c->orig);
	c->orig.kind = m->kind;
	c->orig.at = m->at;
	c->orig.timed = m->timed;
	c->orig.when = sd_xstrdup(m->when);
	c->orig.follow_up = m->follow_up;
	c->orig.departments = sd_xstrdup(m->departments);
	c->orig.participants = sd_xstrdup(m->participants);
	c->orig.text = sd_xstrdup(m->text);
	if (!(keep_edits && f[F_KIND].changed))
		f[F_KIND].choice = m->kind > 0 ? (int)m->kind - 1 : 0;
	sd_moment_time_format(m->at, m->timed, tm);
	if (m->timed)
		tm[10] = ' ';
	if (!(keep_edits && f[F_TIME].changed))
		tui_line_set(&f[F_TIME].line, tm);
	if (!(keep_edits && f[F_DEPTS].changed))
		tui_line_set(&f[F_DEPTS].line, m->departments ? m->departments : "");
	if (!(keep_edits && f[F_WITH].changed))
		tui_line_set(&f[F_WITH].line, m->participants ? m->participants : "");
	if (m->follow_up != SD_NO_DAY)
		sd_day_format(m->follow_up, day);
	if (!(keep_edits && f[F_FOLLOW].changed))
		tui_line_set(&f[F_FOLLOW].line, day);
	if (!(keep_edits && f[F_TEXT].changed)) {
		free(f[F_TEXT].text);
		f[F_TEXT].text = sd_xstrdup(m->text);
	}
	if (!keep_edits) {
		for (size_t i = 0; i < c->form.n; i++)
			f[i].changed = false;
		c->form.dirty = false;
	}
}
