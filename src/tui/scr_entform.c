/*
 * The enterprise form, for adding and editing: validation messages beside
 * the fields, the KBO/KvK number checked as soon as the field is left.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflict.h"
#include "form.h"
#include "nace_picker.h"
#include "sedesk/i18n.h"
#include "sedesk/number.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"

struct entform {
	struct screen	 base;
	bool		 edit;
	uint8_t		 id[SD_UUID_LEN];
	uint32_t	 version;
	struct form	 form;
	struct sd_enterprise orig;	/* edit: as the form was filled */
	/* The kind: "(none)" and the configured kinds' labels, and their codes. */
	const char	**kinds, **kind_codes;
	size_t		 nkinds;
	char		*old_kind;	/* a stored kind the configuration no longer has */
	struct nace_picker nace;
};

static void fill_from(struct entform *e, const struct sd_enterprise *ent, bool keep_edits);
static void kind_choices(struct entform *e, const char *stored);

/*
 * The fields people edit, in the form's order; those after them come from
 * the KBO open data and are kept current by its import (shown, not edited).
 */
#define FORM_FIELDS	(SD_EF_EMPLOYMENT + 1)

static const char *const field_labels[FORM_FIELDS] = {
	N_("Name"), N_("Number (KBO/KvK)"), N_("Legal form"), N_("E-mail"), N_("Phone"),
	N_("Street"), N_("Postcode"), N_("City"), N_("Tags"), N_("Offers"), N_("Contact notes"),
	N_("Notes"), N_("Kind"), N_("Recognitions"), N_("NACE codes"), N_("Needs"),
	N_("Contact persons"), N_("Employment"),
};

/*
 * The profile's fields in the form: recognitions and NACE codes on one
 * line as the command line spells them ("lde=2021-06-01, …", "*81.300,
 * 56.101"), contact persons as their stored lines in the editor, the
 * employment figures as their one stored line.  Into the stored text
 * (*out malloc'd) before a save, checked by the core as any input is.
 */
static sd_status
profile_value(struct entform *e, size_t i, char **out, struct sd_error *err)
{
	const char *v = form_text(&e->form, i);

	*out = NULL;
	if (i == SD_EF_KIND) {
		int k = e->form.fields[i].choice;
		*out = sd_xstrdup(k > 0 ? e->kind_codes[k] : "");
		return SD_OK;
	}
	if (i == SD_EF_RECOGNITIONS)
		return sd_recognitions_from_line(&e->base.tui->desk->cfg, v, out, err);
	if (i == SD_EF_NACE)
		return sd_nace_from_line(v, out, err);
	return SD_OK;
}

static void
check_field(struct form *f, size_t i, void *arg)
{
	struct form_field *fl = &f->fields[i];
	char num[SD_NUMBER_MAX];
	struct sd_error err;

	fl->error[0] = '\0';
	if (i == SD_EF_NAME && *form_text(f, i) == '\0')
		form_set_error(f, i, _("a name is required"));
	if (i == SD_EF_RECOGNITIONS || i == SD_EF_NACE || i == SD_EF_EMPLOYMENT) {
		struct entform *e = arg;
		char *v = NULL;
		sd_status st = i == SD_EF_EMPLOYMENT ?
		    sd_profile_normalise(&e->base.tui->desk->cfg, SD_EF_EMPLOYMENT, form_text(f, i),
		    &v, &err) : profile_value(e, i, &v, &err);
		if (st != SD_OK)
			form_set_error(f, i, err.msg);
		free(v);
	}
	if (i == SD_EF_NUMBER && *form_text(f, i) != '\0') {
		if (sd_number_normalise(form_text(f, i), num, &err) == SD_NUMBER_NONE)
			form_set_error(f, i, err.msg);
		else
			tui_line_set(&fl->line, num);	/* shown as it will be stored */
	}
}

static void
entform_draw(struct screen *s, int top, int height)
{
	struct entform *e = (struct entform *)s;

	tui_put(top, 1, COLS - 2, e->edit ? _("Edit enterprise") : _("New enterprise"),
	    tui_attr(ROLE_HEADER));
	form_draw(&e->form, top + 2, FORM_FIELDS);
	/*
	 * The form fills a 24-line terminal, leaving no room below it for the
	 * messages in full: the first one takes the hint's line.
	 */
	for (size_t i = 0; i < e->form.n; i++) {
		struct sd_buf b = { 0 };
		if (e->form.fields[i].error[0] == '\0')
			continue;
		sd_buf_addf(&b, "%s: %s", e->form.fields[i].label, e->form.fields[i].error);
		tui_fill(top + height - 1, 0, COLS, tui_attr(ROLE_NORMAL));
		tui_put(top + height - 1, 1, COLS - 2, b.data, tui_attr(ROLE_ERROR));
		sd_buf_free(&b);
		goto picker;
	}
	tui_put(top + height - 1, 3, COLS - 4, e->form.focus == SD_EF_NACE ?
	    _("NACE: type a code or a word of its label; * before the main activity.") :
	    _("Lists: separate with commas.  Notes and persons: Enter opens your editor."),
	    tui_attr(ROLE_DIM));
picker:
	/* The picker opens under the NACE field, over the fields below it. */
	if (e->form.focus == SD_EF_NACE && nace_picker_open(&e->nace)) {
		int y = top + 2 + SD_EF_NACE + 1, h = top + height - 1 - y;
		nace_picker_draw(&e->nace, y, h > 9 ? 9 : h);
	}
}

static void save(void *arg);

static const struct conflict_kind ent_conflict = {
	.title = N_("Someone else saved this enterprise meanwhile"),
	.changed = N_("%s changed since you opened it (version %u → %u):%s."),
	.record = SD_RECORD_ENTERPRISE,
};

/*
 * The enterprise was saved by someone else after the form was opened.
 * True when the form should be saved again.
 */
static bool
resolve_conflict(struct entform *e)
{
	struct tui *t = e->base.tui;
	struct sd_enterprise now;
	struct sd_error err;
	char ids[SD_UUID_STR];
	enum conflict_choice k;

	sd_uuid_format(e->id, ids);
	if (sd_enterprise_get(t->desk, ids, &now, &err) != SD_OK) {
		tui_error(t, &err);
		return false;
	}
	k = conflict_resolve(t, &(struct conflict){ .kind = &ent_conflict, .form = &e->form,
	    .what = now.f[SD_EF_NAME], .from = e->version, .to = now.version,
	    .before = &e->orig, .now = &now });
	if (k != CONFLICT_CANCEL)
		fill_from(e, &now, k == CONFLICT_REAPPLY);
	sd_enterprise_free(&now);
	return k == CONFLICT_REAPPLY;
}

static void
save(void *arg)
{
	struct entform *e = arg;
	struct tui *t = e->base.tui;
	const char *values[SD_EF_COUNT] = { 0 };
	uint8_t id[SD_UUID_LEN];
	struct sd_error err;
	char ids[SD_UUID_STR];
	sd_status s;

	char *profile[SD_EF_COUNT] = { 0 };

	for (int i = 0; i < FORM_FIELDS; i++) {
		/* An edit sends what changed; "" clears a field. */
		if (!e->edit || e->form.fields[i].changed)
			values[i] = form_text(&e->form, (size_t)i);
		if (values[i] != NULL && (i == SD_EF_KIND || i == SD_EF_RECOGNITIONS ||
		    i == SD_EF_NACE)) {
			if (profile_value(e, (size_t)i, &profile[i], &err) != SD_OK) {
				for (int k = 0; k < SD_EF_COUNT; k++)
					free(profile[k]);
				tui_error(t, &err);
				form_show_error(&e->form, &err);
				return;
			}
			values[i] = profile[i];
		}
		if (!e->edit && *values[i] == '\0')
			values[i] = NULL;
	}
	sd_uuid_format(e->id, ids);
	s = e->edit ? sd_enterprise_edit(t->desk, ids, (char *const *)values, e->version, &err) :
	    sd_enterprise_add(t->desk, (char *const *)values, id, &err);
	for (int k = 0; k < SD_EF_COUNT; k++)
		free(profile[k]);
	if (s == SD_CONFLICT && e->edit) {
		if (resolve_conflict(e))
			save(e);
		return;
	}
	if (s != SD_OK) {
		tui_error(t, &err);
		form_show_error(&e->form, &err);
		return;
	}
	e->form.dirty = false;
	tui_message(t, ROLE_GOOD, e->edit ? _("saved.") : _("enterprise registered."));
	if (e->edit) {
		tui_pop(t);	/* frees e */
		return;
	}
	tui_pop(t);
	tui_push(t, scr_enterprise_new(t, id));
}

static bool
entform_input(struct screen *s, int key)
{
	struct entform *e = (struct entform *)s;

	if (!form_input(s, &e->form, key))
		return false;
	/* What is typed into the NACE field narrows the picker. */
	if (e->form.focus == SD_EF_NACE)
		nace_picker_update(&e->nace, form_text(&e->form, SD_EF_NACE));
	return true;
}

static bool
entform_action(struct screen *s, enum tui_action a)
{
	struct entform *e = (struct entform *)s;
	struct form_field *f = &e->form.fields[SD_EF_NACE];

	if (e->form.focus == SD_EF_NACE && nace_picker_open(&e->nace)) {
		if (a == ACT_DOWN || a == ACT_UP) {
			lv_action(&e->nace.lv, a);
			return true;
		}
		if (a == ACT_FIELD_ENTER) {
			char *line = nace_picker_take(&e->nace, form_text(&e->form, SD_EF_NACE));
			tui_line_set(&f->line, line);
			f->changed = e->form.dirty = true;
			f->error[0] = '\0';
			free(line);
			return true;
		}
	}
	return form_action(s->tui, &e->form, a);
}

static bool
entform_dirty(struct screen *s)
{
	return ((struct entform *)s)->form.dirty;
}

static void
entform_destroy(struct screen *s)
{
	struct entform *e = (struct entform *)s;

	form_free(&e->form);
	sd_enterprise_free(&e->orig);
	nace_picker_free(&e->nace);
	free(e->kinds);
	free(e->kind_codes);
	free(e->old_kind);
	free(e);
}

static const struct screen_ops entform_ops = {
	.name = N_("Enterprise form"),
	.keys = tui_form_keys,
	.typing = true,
	.draw = entform_draw,
	.input = entform_input,
	.action = entform_action,
	.dirty = entform_dirty,
	.destroy = entform_destroy,
};

struct screen *
scr_entform_new(struct tui *t, const uint8_t *id)
{
	struct entform *e;
	struct sd_enterprise ent = { 0 };
	struct sd_error perr;

	/* Opens only for a role that may save it (see the keys that lead here). */
	if (sd_permit(t->desk, SD_ACT_ENTERPRISE_WRITE, NULL, &perr) != SD_OK) {
		tui_error(t, &perr);
		return NULL;
	}
	e = sd_xcalloc(1, sizeof *e);
	e->base.ops = &entform_ops;
	e->base.tui = t;
	e->form.n = FORM_FIELDS;
	e->form.fields = sd_xcalloc(FORM_FIELDS, sizeof *e->form.fields);
	e->form.leave = check_field;
	e->form.save = save;
	e->form.arg = e;
	if (id != NULL) {
		struct sd_error err;
		char ids[SD_UUID_STR];
		sd_uuid_format(id, ids);
		if (sd_enterprise_get(t->desk, ids, &ent, &err) != SD_OK) {
			tui_error(t, &err);
			entform_destroy(&e->base);
			return NULL;
		}
		e->edit = true;
		memcpy(e->id, id, SD_UUID_LEN);
	}
	for (int i = 0; i < FORM_FIELDS; i++) {
		struct form_field *f = &e->form.fields[i];
		f->label = _(field_labels[i]);
		f->name = sd_ent_field_name(i);
		f->words = sd_ent_field_label(i);
		f->kind = i == SD_EF_NOTES || i == SD_EF_CONTACTS || i == SD_EF_PERSONS ?
		    FIELD_LONG : FIELD_TEXT;
		f->line.max = sd_ent_field_max(i);
	}
	kind_choices(e, ent.f[SD_EF_KIND]);
	fill_from(e, &ent, false);
	sd_enterprise_free(&ent);
	return &e->base;
}

/*
 * The kinds offered: "(none)", the configured ones, and a stored kind the
 * configuration no longer offers (so that an edit keeps it).
 */
static void
kind_choices(struct entform *e, const char *stored)
{
	const struct sd_config *cfg = &e->base.tui->desk->cfg;
	const char *code, *label;
	size_t n = 0;
	bool seen = stored == NULL;

	while (sd_profile_code(cfg, SD_LIST_KINDS, n, &code, &label))
		n++;
	e->kinds = sd_xcalloc(n + 2, sizeof *e->kinds);
	e->kind_codes = sd_xcalloc(n + 2, sizeof *e->kind_codes);
	e->kinds[0] = _("(none)");
	e->kind_codes[0] = "";
	for (size_t i = 0; sd_profile_code(cfg, SD_LIST_KINDS, i, &code, &label); i++) {
		e->kinds[i + 1] = label;
		e->kind_codes[i + 1] = code;
		seen |= stored != NULL && strcmp(code, stored) == 0;
	}
	e->nkinds = n + 1;
	if (!seen) {
		e->old_kind = sd_xstrdup(stored);
		e->kinds[e->nkinds] = sd_profile_code_label(cfg, SD_LIST_KINDS, e->old_kind);
		e->kind_codes[e->nkinds++] = e->old_kind;
	}
	e->form.fields[SD_EF_KIND].kind = FIELD_CHOICE;
	e->form.fields[SD_EF_KIND].choices = e->kinds;
	e->form.fields[SD_EF_KIND].nchoices = e->nkinds;
}

/* Fills the fields from ent; with keep_edits the ones the user changed stay. */
static void
fill_from(struct entform *e, const struct sd_enterprise *ent, bool keep_edits)
{
	e->version = ent->version;
	sd_enterprise_free(&e->orig);
	for (int i = 0; i < FORM_FIELDS; i++) {
		struct form_field *f = &e->form.fields[i];
		e->orig.f[i] = sd_xstrdup(ent->f[i]);
		if (keep_edits && f->changed)
			continue;
		if (f->kind == FIELD_LONG) {
			free(f->text);
			f->text = sd_xstrdup(ent->f[i]);
		} else if (f->kind == FIELD_CHOICE) {
			f->choice = 0;
			for (size_t k = 1; k < e->nkinds && ent->f[i] != NULL; k++)
				if (strcmp(e->kind_codes[k], ent->f[i]) == 0)
					f->choice = (int)k;
		} else if (i == SD_EF_RECOGNITIONS || i == SD_EF_NACE) {
			char *line = i == SD_EF_NACE ? sd_nace_line(ent->f[i]) :
			    sd_recognitions_line(ent->f[i]);
			tui_line_set(&f->line, line);
			free(line);
		} else {
			tui_line_set(&f->line, ent->f[i]);
		}
		f->changed = false;
	}
	if (!keep_edits)
		e->form.dirty = false;
}
