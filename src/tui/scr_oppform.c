/*
 * The form of a new opportunity, with its lots and CSR criteria: the core
 * checks every field and its refusal shows beside the field it names.
 * Lots are written "Title=EUR" (";reserved" for a reserved lot),
 * separated by "|"; lists by commas.  Changes afterwards: `sedesk
 * opportunity edit`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "sedesk/i18n.h"
#include "sedesk/opportunity.h"
#include "sedesk/text.h"

enum {
	F_TITLE, F_KIND, F_DEPT, F_VALUE, F_DEADLINE, F_LOTS, F_RESERVED, F_QUALIFY, F_SROI,
	F_CRITERIA, F_NACE, F_NEEDS, F_DESCRIPTION, F_COUNT
};

struct oppform {
	struct screen	 base;
	struct form	 form;
	const char	*kinds[SD_OPP_KIND_COUNT - 1];
	const char	*yesno[2];
	char		*criteria;	/* the codes offered, for the hint */
};

static void
oppform_draw(struct screen *s, int top, int height)
{
	struct oppform *e = (struct oppform *)s;
	struct sd_buf b = { 0 };

	tui_put(top, 1, COLS - 2, _("New opportunity"), tui_attr(ROLE_HEADER));
	sd_buf_addf(&b, _("Lots: Title=EUR, \";reserved\" for a reserved one, separated by |.  "
	    "CSR criteria: %s."), e->criteria);
	tui_put(top + height - 1, 3, COLS - 4, b.data, tui_attr(ROLE_DIM));
	sd_buf_free(&b);
	form_draw(&e->form, top + 2, F_COUNT);
}

static const char *
given(const struct oppform *e, size_t i)
{
	const char *v = form_text(&e->form, i);

	return *v != '\0' ? v : NULL;
}

static void
save(void *arg)
{
	struct oppform *e = arg;
	struct tui *t = e->base.tui;
	struct sd_opp_input in = { .reserved = -1, .sroi = -1 };
	const char *lots[SD_OPP_LOTS_MAX + 1];
	char *lotcopy = NULL, *p, *save_p = NULL;
	uint8_t id[SD_UUID_LEN];
	struct sd_error err;
	sd_status s;

	in.title = given(e, F_TITLE);
	in.kind = (enum sd_opp_kind)(e->form.fields[F_KIND].choice + 1);
	in.dept = given(e, F_DEPT);
	in.value = given(e, F_VALUE);
	in.deadline = given(e, F_DEADLINE);
	in.reserved = e->form.fields[F_RESERVED].choice;
	in.qualify = given(e, F_QUALIFY);
	in.criteria = given(e, F_CRITERIA);
	in.nace = given(e, F_NACE);
	in.needs = given(e, F_NEEDS);
	in.description = given(e, F_DESCRIPTION);
	if (given(e, F_SROI) != NULL) {
		char *end;
		long v = strtol(given(e, F_SROI), &end, 10);
		if (*end != '\0' || v < 0 || v > 100) {
			form_set_error(&e->form, F_SROI, _("a percent from 0 to 100"));
			form_focus(&e->form, F_SROI);
			return;
		}
		in.sroi = (int)v;
	}
	if (given(e, F_LOTS) != NULL) {
		lotcopy = sd_xstrdup(given(e, F_LOTS));
		for (p = strtok_r(lotcopy, "|", &save_p); p != NULL && in.nlots <= SD_OPP_LOTS_MAX;
		    p = strtok_r(NULL, "|", &save_p))
			if (*sd_trim(p) != '\0')
				lots[in.nlots++] = p;
		in.lots = lots;
	}
	s = sd_opp_add(t->desk, &in, id, &err);
	free(lotcopy);
	if (s != SD_OK) {
		/* The lots' messages name the lot option; they belong to the lots field. */
		if (strcmp(err.field, "lot") == 0)
			snprintf(err.field, sizeof err.field, "lots");
		tui_error(t, &err);
		form_show_error(&e->form, &err);
		return;
	}
	e->form.dirty = false;
	tui_message(t, ROLE_GOOD, _("opportunity recorded."));
	tui_pop(t);	/* frees e */
	tui_push(t, scr_opportunity_new(t, id));
}

static bool
oppform_input(struct screen *s, int key)
{
	return form_input(s, &((struct oppform *)s)->form, key);
}

static bool
oppform_action(struct screen *s, enum tui_action a)
{
	return form_action(s->tui, &((struct oppform *)s)->form, a);
}

static bool
oppform_dirty(struct screen *s)
{
	return ((struct oppform *)s)->form.dirty;
}

static void
oppform_destroy(struct screen *s)
{
	struct oppform *e = (struct oppform *)s;

	form_free(&e->form);
	free(e->criteria);
	free(e);
}

static const struct screen_ops oppform_ops = {
	.name = N_("Opportunity form"),
	.keys = tui_form_keys,
	.typing = true,
	.draw = oppform_draw,
	.input = oppform_input,
	.action = oppform_action,
	.dirty = oppform_dirty,
	.destroy = oppform_destroy,
};

struct screen *
scr_oppform_new(struct tui *t)
{
	static const char *const labels[F_COUNT] = {
		N_("Title"), N_("Kind"), N_("Department"), N_("Value (euro)"), N_("Deadline"),
		N_("Lots"), N_("Reserved"), N_("Reserved for"), N_("Social return %"),
		N_("CSR criteria"), N_("NACE codes"), N_("Needs"), N_("Description"),
	};
	static const char *const names[F_COUNT] = {
		"title", "kind", "department", "value", "deadline", "lots", "reserved", "qualify",
		"sroi", "criteria", "nace", "needs", "description",
	};
	struct oppform *e;
	struct sd_error err;
	struct sd_buf b = { 0 };
	const char *code, *label;
	const struct sd_officer *me = t->desk->me;

	/* Opens only for a role that may save it (see the keys that lead here). */
	if (sd_permit(t->desk, SD_ACT_OPP_WRITE, NULL, &err) != SD_OK) {
		tui_error(t, &err);
		return NULL;
	}
	e = sd_xcalloc(1, sizeof *e);
	e->base.ops = &oppform_ops;
	e->base.tui = t;
	e->form.n = F_COUNT;
	e->form.fields = sd_xcalloc(F_COUNT, sizeof *e->form.fields);
	e->form.save = save;
	e->form.arg = e;
	for (int k = 1; k < SD_OPP_KIND_COUNT; k++)
		e->kinds[k - 1] = sd_opp_kind_label((enum sd_opp_kind)k);
	e->yesno[0] = _("no");
	e->yesno[1] = _("yes, the whole contract");
	for (size_t i = 0; sd_opp_criterion(&t->desk->cfg, i, &code, &label); i++)
		sd_buf_addf(&b, "%s%s", i ? ", " : "", code);
	e->criteria = sd_buf_take(&b);
	for (size_t i = 0; i < F_COUNT; i++) {
		struct form_field *f = &e->form.fields[i];
		f->label = _(labels[i]);
		f->name = names[i];
		f->kind = i == F_KIND || i == F_RESERVED ? FIELD_CHOICE :
		    i == F_DESCRIPTION ? FIELD_LONG : FIELD_TEXT;
		f->line.max = i == F_TITLE ? 200 : 1000;
	}
	e->form.fields[F_KIND].choices = e->kinds;
	e->form.fields[F_KIND].nchoices = SD_OPP_KIND_COUNT - 1;
	e->form.fields[F_RESERVED].choices = e->yesno;
	e->form.fields[F_RESERVED].nchoices = 2;
	/* An officer's opportunities are his department's: his first one is filled in. */
	if (me->role == SD_ROLE_OFFICER && me->ndepartments > 0)
		tui_line_set(&e->form.fields[F_DEPT].line, me->departments[0]);
	for (size_t i = 0; i < F_COUNT; i++)
		e->form.fields[i].changed = false;
	e->form.dirty = false;
	return &e->base;
}
