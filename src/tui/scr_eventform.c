/*
 * The event form, for organising and editing an event: the core checks
 * every field and its refusal shows beside the field it names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "sedesk/event.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

enum { F_TITLE, F_KIND, F_START, F_END, F_PLACE, F_DEPTS, F_CAPACITY, F_DESCRIPTION, F_COUNT };

struct eventform {
	struct screen	 base;
	bool		 edit;
	uint8_t		 id[SD_UUID_LEN];
	uint32_t	 version;
	struct form	 form;
	const char	*kinds[SD_EVENT_KIND_COUNT - 1];
};

static void
eventform_draw(struct screen *s, int top, int height)
{
	struct eventform *e = (struct eventform *)s;

	tui_put(top, 1, COLS - 2, e->edit ? _("Edit event") : _("New event"),
	    tui_attr(ROLE_HEADER));
	tui_put(top + height - 1, 3, COLS - 4,
	    _("Times: YYYY-MM-DDTHH:MM, Brussels time.  Departments: ids, separated by commas."),
	    tui_attr(ROLE_DIM));
	form_draw(&e->form, top + 2, F_COUNT);
}

static void
save(void *arg)
{
	struct eventform *e = arg;
	struct tui *t = e->base.tui;
	struct sd_event_input in = { .capacity = -1 };
	const char *v[F_COUNT];
	uint8_t id[SD_UUID_LEN];
	struct sd_error err;
	char ids[SD_UUID_STR];
	sd_status s;

	for (size_t i = 0; i < F_COUNT; i++) {
		/* An edit sends what changed; "" clears a field. */
		v[i] = NULL;
		if (i != F_KIND && (!e->edit || e->form.fields[i].changed))
			v[i] = form_text(&e->form, i);
		if (!e->edit && v[i] != NULL && *v[i] == '\0')
			v[i] = NULL;
	}
	in.title = v[F_TITLE];
	if (!e->edit || e->form.fields[F_KIND].changed)
		in.kind = (enum sd_event_kind)(e->form.fields[F_KIND].choice + 1);
	in.start = v[F_START];
	in.end = v[F_END];
	in.place = v[F_PLACE];
	in.depts = v[F_DEPTS];
	in.description = v[F_DESCRIPTION];
	if (v[F_CAPACITY] != NULL) {
		char *end;
		long c = *v[F_CAPACITY] ? strtol(v[F_CAPACITY], &end, 10) : 0;
		if (*v[F_CAPACITY] && (*end != '\0' || c < 0)) {
			form_set_error(&e->form, F_CAPACITY, _("a number of people (0: no limit)"));
			form_focus(&e->form, F_CAPACITY);
			return;
		}
		in.capacity = c;
	}
	sd_uuid_format(e->id, ids);
	s = e->edit ? sd_event_edit(t->desk, ids, &in, e->version, &err) :
	    sd_event_add(t->desk, &in, id, &err);
	if (s != SD_OK) {
		tui_error(t, &err);
		form_show_error(&e->form, &err);
		return;
	}
	e->form.dirty = false;
	tui_message(t, ROLE_GOOD, e->edit ? _("saved.") : _("event organised."));
	if (e->edit) {
		tui_pop(t);	/* frees e */
		return;
	}
	tui_pop(t);	/* frees e */
	tui_push(t, scr_event_new(t, id));
}

static bool
eventform_input(struct screen *s, int key)
{
	return form_input(s, &((struct eventform *)s)->form, key);
}

static bool
eventform_action(struct screen *s, enum tui_action a)
{
	return form_action(s->tui, &((struct eventform *)s)->form, a);
}

static bool
eventform_dirty(struct screen *s)
{
	return ((struct eventform *)s)->form.dirty;
}

static void
eventform_destroy(struct screen *s)
{
	struct eventform *e = (struct eventform *)s;

	form_free(&e->form);
	free(e);
}

static const struct screen_ops eventform_ops = {
	.name = N_("Event form"),
	.keys = tui_form_keys,
	.typing = true,
	.draw = eventform_draw,
	.input = eventform_input,
	.action = eventform_action,
	.dirty = eventform_dirty,
	.destroy = eventform_destroy,
};

static void
set_time(struct form_field *f, int64_t t)
{
	char buf[17];

	if (t == 0) {
		tui_line_set(&f->line, "");
		return;
	}
	sd_event_time_format(t, buf);
	buf[10] = 'T';
	tui_line_set(&f->line, buf);
}

struct screen *
scr_eventform_new(struct tui *t, const uint8_t *id)
{
	static const char *const labels[F_COUNT] = {
		N_("Title"), N_("Kind"), N_("Start"), N_("End"), N_("Place"), N_("Departments"),
		N_("Capacity"), N_("Description"),
	};
	static const char *const names[F_COUNT] = {
		"title", "kind", "start", "end", "place", "departments", "capacity", "description",
	};
	struct eventform *e;
	struct sd_event_view v = { 0 };
	struct sd_error err;

	/* Opens only for a role that may save it (see the keys that lead here). */
	if (sd_permit(t->desk, SD_ACT_EVENT_WRITE, NULL, &err) != SD_OK) {
		tui_error(t, &err);
		return NULL;
	}
	if (id != NULL) {
		char ids[SD_UUID_STR];
		sd_uuid_format(id, ids);
		if (sd_event_get(t->desk, ids, &v, &err) != SD_OK) {
			tui_error(t, &err);
			return NULL;
		}
	}
	e = sd_xcalloc(1, sizeof *e);
	e->base.ops = &eventform_ops;
	e->base.tui = t;
	e->form.n = F_COUNT;
	e->form.fields = sd_xcalloc(F_COUNT, sizeof *e->form.fields);
	e->form.save = save;
	e->form.arg = e;
	for (int k = 1; k < SD_EVENT_KIND_COUNT; k++)
		e->kinds[k - 1] = sd_event_kind_label((enum sd_event_kind)k);
	for (size_t i = 0; i < F_COUNT; i++) {
		struct form_field *f = &e->form.fields[i];
		f->label = _(labels[i]);
		f->name = names[i];
		f->kind = i == F_KIND ? FIELD_CHOICE : i == F_DESCRIPTION ? FIELD_LONG : FIELD_TEXT;
		f->line.max = i == F_TITLE || i == F_PLACE ? 200 : 1000;
	}
	e->form.fields[F_KIND].choices = e->kinds;
	e->form.fields[F_KIND].nchoices = SD_EVENT_KIND_COUNT - 1;
	if (id != NULL) {
		char cap[16];
		e->edit = true;
		memcpy(e->id, id, SD_UUID_LEN);
		e->version = v.ev.version;
		tui_line_set(&e->form.fields[F_TITLE].line, v.ev.title);
		e->form.fields[F_KIND].choice = (int)v.ev.kind - 1;
		set_time(&e->form.fields[F_START], v.ev.start);
		set_time(&e->form.fields[F_END], v.ev.end);
		tui_line_set(&e->form.fields[F_PLACE].line, v.ev.place);
		tui_line_set(&e->form.fields[F_DEPTS].line, v.ev.depts);
		snprintf(cap, sizeof cap, "%u", v.ev.capacity);
		tui_line_set(&e->form.fields[F_CAPACITY].line, v.ev.capacity ? cap : "");
		e->form.fields[F_DESCRIPTION].text = sd_xstrdup(v.ev.description);
		sd_event_view_free(&v);
	} else {
		/* An officer's events are his department's: his first one is filled in. */
		const struct sd_officer *me = t->desk->me;
		if (me->role == SD_ROLE_OFFICER && me->ndepartments > 0)
			tui_line_set(&e->form.fields[F_DEPTS].line, me->departments[0]);
	}
	for (size_t i = 0; i < F_COUNT; i++)
		e->form.fields[i].changed = false;
	e->form.dirty = false;
	return &e->base;
}
