/*
 * The event form, for organising and editing an event: the core checks
 * every field and its refusal shows beside the field it names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflict.h"
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
	struct sd_event	 orig;		/* edit: the event as the form was filled */
};

static void fill_from(struct eventform *e, const struct sd_event *ev, bool keep_edits);

static const struct conflict_kind event_conflict = {
	.title = N_("Someone else saved this event meanwhile"),
	.changed = N_("%s changed since you opened it (version %u → %u):%s."),
	.otherwise = N_(" its lists of enterprises"),
	.record = SD_RECORD_EVENT,
};

/* The event was saved by someone else after the form was opened; true: save again. */
static bool
resolve_conflict(struct eventform *e)
{
	struct tui *t = e->base.tui;
	struct sd_event_view now;
	struct sd_error err;
	char ids[SD_UUID_STR];
	enum conflict_choice k;

	sd_uuid_format(e->id, ids);
	if (sd_event_get(t->desk, ids, &now, &err) != SD_OK) {
		tui_error(t, &err);
		return false;
	}
	k = conflict_resolve(t, &(struct conflict){ .kind = &event_conflict, .form = &e->form,
	    .what = now.ev.title, .from = e->version, .to = now.ev.version, .before = &e->orig,
	    .now = &now.ev });
	if (k != CONFLICT_CANCEL)
		fill_from(e, &now.ev, k == CONFLICT_REAPPLY);
	sd_event_view_free(&now);
	return k == CONFLICT_REAPPLY;
}

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
	sd_event_free(&e->orig);
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
		e->edit = true;
		memcpy(e->id, id, SD_UUID_LEN);
		fill_from(e, &v.ev, false);
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

/* Fills the fields from ev; with keep_edits the ones the user changed stay. */
static void
fill_from(struct eventform *e, const struct sd_event *ev, bool keep_edits)
{
	struct form_field *f = e->form.fields;
	char cap[16];

	e->version = ev->version;
	sd_event_free(&e->orig);
	sd_event_copy(&e->orig, ev);
#define KEEP(i)	(keep_edits && f[i].changed)
	if (!KEEP(F_TITLE))
		tui_line_set(&f[F_TITLE].line, ev->title);
	if (!KEEP(F_KIND))
		f[F_KIND].choice = (int)ev->kind - 1;
	if (!KEEP(F_START))
		set_time(&f[F_START], ev->start);
	if (!KEEP(F_END))
		set_time(&f[F_END], ev->end);
	if (!KEEP(F_PLACE))
		tui_line_set(&f[F_PLACE].line, ev->place);
	if (!KEEP(F_DEPTS))
		tui_line_set(&f[F_DEPTS].line, ev->depts);
	snprintf(cap, sizeof cap, "%u", ev->capacity);
	if (!KEEP(F_CAPACITY))
		tui_line_set(&f[F_CAPACITY].line, ev->capacity ? cap : "");
	if (!KEEP(F_DESCRIPTION)) {
		free(f[F_DESCRIPTION].text);
		f[F_DESCRIPTION].text = sd_xstrdup(ev->description);
	}
	for (size_t i = 0; i < F_COUNT; i++)
		if (!KEEP(i))
			f[i].changed = false;
#undef KEEP
	if (!keep_edits)
		e->form.dirty = false;
}
