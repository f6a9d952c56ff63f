/*
 * What people do to events: add, edit, invite, register, attend, and a
 * follow-up case for one of the enterprises.  Each is one write
 * transaction; every action on a stored event runs in the record frame
 * (action.h), so it is versioned and its edits journaled like a case's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "action.h"
#include "event_internal.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

#define CAPACITY_MAX	100000
#define PEOPLE_MAX	1000

static size_t
field_max(const char *name)
{
	return sd_record_field_named(SD_RECORD_EVENT, name)->max;
}

/* --- checking the input ----------------------------------------------------------- */

/* One line of text within its field's limit (required: not empty); *out malloc'd or NULL. */
static sd_status
check_line(const char *field, const char *label, const char *in, bool required, char **out,
    struct sd_error *err)
{
	char *v;

	*out = NULL;
	if (in == NULL)
		return SD_OK;
	if (!sd_utf8_valid(in, strlen(in)))
		return sd_fail_field(err, SD_INVALID, field, _("%s: not valid UTF-8 text."), label);
	if (strlen(in) > field_max(field))
		return sd_fail_field(err, SD_INVALID, field,
		    _("%s: too long (%zu bytes; at most %zu)."), label, strlen(in), field_max(field));
	v = sd_trim(sd_xstrdup(in));
	if (sd_line_check(field, label, v, err) != SD_OK) {
		free(v);
		return SD_INVALID;
	}
	if (*v == '\0') {
		free(v);
		if (required)
			return sd_fail_field(err, SD_INVALID, field, _("%s: must not be empty."),
			    label);
		return SD_OK;
	}
	*out = v;
	return SD_OK;
}

static sd_status
parse_time(const char *field, const char *in, int64_t *out, struct sd_error *err)
{
	if (!sd_event_time_parse(in, out))
		return sd_fail_field(err, SD_INVALID, field,
		    _("--%s %s: give a date and time as YYYY-MM-DDTHH:MM, e.g. 2026-03-12T14:00."),
		    field, in);
	return SD_OK;
}

/* A comma-separated list of configured departments, normalised; NULL for none. */
static sd_status
check_depts(const struct sd_desk *d, const char *in, char **out, struct sd_error *err)
{
	char *list = sd_list_normalise(in), *p, *save = NULL;
	char *copy;
	sd_status s = SD_OK;

	*out = NULL;
	copy = sd_xstrdup(list);
	for (p = strtok_r(copy, ",", &save); p != NULL && s == SD_OK;
	    p = strtok_r(NULL, ",", &save))
		s = sd_desk_known_department(d, p, err);
	free(copy);
	if (s != SD_OK || *list == '\0') {
		free(list);
		return s;
	}
	*out = list;
	return SD_OK;
}

/*
 * Applies the input to e (add: every required field; edit: the ones
 * given).  The platform is checked in the transaction (apply_platform).
 */
static sd_status
apply_input(const struct sd_desk *d, const struct sd_event_input *in, struct sd_event *e,
    bool add, struct sd_error *err)
{
	char *v;
	int64_t t;
	sd_status s;

	if (in->title != NULL || add) {
		if ((s = check_line("title", _("title"), in->title, true, &v, err)) != SD_OK)
			return s;
		free(e->title);
		e->title = v;
	}
	if (in->kind != SD_EVENT_NONE)
		e->kind = in->kind;
	else if (add)
		return sd_fail_field(err, SD_INVALID, "kind",
		    _("an event needs a kind: workshop, acquaintance, network, info, pitch-day "
		    "or platform."));
	if (in->start != NULL || add) {
		if (in->start == NULL)
			return sd_fail_field(err, SD_INVALID, "start",
			    _("an event needs a start (--start YYYY-MM-DDTHH:MM)."));
		if ((s = parse_time("start", in->start, &t, err)) != SD_OK)
			return s;
		e->start = t;
	}
	if (in->end != NULL) {
		if (*in->end == '\0')
			e->end = 0;
		else if ((s = parse_time("end", in->end, &t, err)) != SD_OK)
			return s;
		else
			e->end = t;
	}
	if (e->end != 0 && e->end < e->start) {
		char a[17], b[17];
		sd_event_time_format(e->start, a);
		sd_event_time_format(e->end, b);
		return sd_fail_field(err, SD_INVALID, "end",
		    _("the event would end (%s) before it starts (%s)."), b, a);
	}
	if (in->place != NULL || add) {
		if ((s = check_line("place", _("place"), in->place, add, &v, err)) != SD_OK)
			return s;
		if (v == NULL && add)
			return sd_fail_field(err, SD_INVALID, "place",
			    _("an event needs a place (--place P)."));
		free(e->place);
		e->place = v;
	}
	if (in->depts != NULL) {
		if ((s = check_depts(d, in->depts, &v, err)) != SD_OK)
			return s;
		free(e->depts);
		e->depts = v;
	}
	if (in->capacity >= 0) {
		if (in->capacity > CAPACITY_MAX)
			return sd_fail_field(err, SD_INVALID, "capacity",
			    _("capacity: at most %d people."), CAPACITY_MAX);
		e->capacity = (uint32_t)in->capacity;
	}
	if (in->description != NULL) {
		if (!sd_utf8_valid(in->description, strlen(in->description)))
			return sd_fail_field(err, SD_INVALID, "description",
			    _("%s: not valid UTF-8 text."), _("description"));
		if (strlen(in->description) > field_max("description"))
			return sd_fail_field(err, SD_INVALID, "description",
			    _("%s: too long (%zu bytes; at most %zu)."), _("description"),
			    strlen(in->description), field_max("description"));
		free(e->description);
		e->description = *in->description ? sd_xstrdup(in->description) : NULL;
	}
	return SD_OK;
}

/* An officer organises only events that name one of his departments. */
static sd_status
permit_depts(const struct sd_desk *d, const struct sd_event *e, struct sd_error *err)
{
	if (d->me->role == SD_ROLE_OFFICER && !sd_sees_event(d, e->depts))
		return sd_fail_field(err, SD_DENIED, "departments",
		    _("%s organises events of his own departments only; name one of them "
		    "(--dept)."), d->me->login);
	return SD_OK;
}

/* The platform a meeting belongs to: an event of kind platform the caller sees. */
static sd_status
apply_platform(struct sd_txn *t, const struct sd_desk *d, const char *ref, struct sd_event *e,
    struct sd_error *err)
{
	struct sd_event p;
	sd_status s;

	if (ref == NULL)
		return SD_OK;
	if (*ref == '\0') {
		memset(e->platform, 0, SD_UUID_LEN);
		return SD_OK;
	}
	if ((s = event_resolve_visible(t, d, ref, &p, err)) != SD_OK)
		return s;
	if (p.kind != SD_EVENT_PLATFORM)
		s = sd_fail_field(err, SD_INVALID, "platform",
		    _("%s is a %s, not a platform; a meeting names a platform (kind platform)."),
		    p.title, sd_event_kind_label(p.kind));
	else if (e->kind == SD_EVENT_PLATFORM)
		s = sd_fail_field(err, SD_INVALID, "platform",
		    _("a platform cannot be a meeting of another platform."));
	else if (memcmp(p.id, e->id, SD_UUID_LEN) == 0)
		s = sd_fail_field(err, SD_INVALID, "platform", _("an event cannot be its own platform."));
	else
		memcpy(e->platform, p.id, SD_UUID_LEN);
	sd_event_free(&p);
	return s;
}

/* An enterprise's name and number for the journal ("Café De Kroon (0403.170.701)"). */
static char *
ent_words(struct sd_txn *t, const uint8_t id[SD_UUID_LEN])
{
	struct sd_enterprise e;
	struct sd_buf b = { 0 };

	if (ent_load(t, id, &e, NULL) != SD_OK)
		return sd_xstrdup("?");
	sd_buf_adds(&b, e.f[SD_EF_NAME] ? e.f[SD_EF_NAME] : "?");
	if (e.f[SD_EF_NUMBER] != NULL)
		sd_buf_addf(&b, " (%s)", e.f[SD_EF_NUMBER]);
	sd_enterprise_free(&e);
	return sd_buf_take(&b);
}

/* Sets an attendance's state (new when old is NULL) and journals it. */
static sd_status
set_attendance(struct sd_txn *t, const struct sd_desk *d, const struct sd_event *ev,
    const struct sd_attendance *old, struct sd_attendance *a, const char *kind,
    struct sd_error *err)
{
	char *who;
	sd_status s;

	if ((s = attend_save(t, ev->start, old, a, err)) != SD_OK)
		return s;
	who = ent_words(t, a->enterprise);
	s = journal_event(t, d, ev->id, kind, who, err);
	free(who);
	return s;
}

/* Invites the platform's members to a new meeting of it. */
static sd_status
invite_members(struct sd_txn *t, const struct sd_desk *d, const struct sd_event *ev,
    struct sd_error *err)
{
	struct sd_iter it;
	sd_status s = SD_OK;

	sd_iter_start(&it, t, SD_DB_ATTEND, ev->platform, SD_UUID_LEN, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_attendance m, a = { 0 };
		if (!attend_decode(&it.val, &m)) {
			s = sd_fail(err, SD_FAIL,
			    _("an attendance record cannot be read; run `sedesk check`."));
			break;
		}
		if (m.state != SD_ATTEND_MEMBER)
			continue;
		memcpy(a.event, ev->id, SD_UUID_LEN);
		memcpy(a.enterprise, m.enterprise, SD_UUID_LEN);
		a.state = SD_ATTEND_INVITED;
		a.invited = sd_desk_now(d);
		s = set_attendance(t, d, ev, NULL, &a, "invited", err);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("attendance"), err);
	sd_iter_end(&it);
	return s;
}

/* --- add ------------------------------------------------------------------------- */

struct add_args {
	struct sd_desk			*d;
	const struct sd_event_input	*in;
	uint8_t				*id_out;
};

static sd_status
add_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct add_args *a = arg;
	struct sd_event e = { 0 };
	sd_status s;

	if ((s = apply_input(a->d, a->in, &e, true, err)) != SD_OK ||
	    (s = permit_depts(a->d, &e, err)) != SD_OK)
		goto out;
	uuid_generate(e.id);
	if ((s = apply_platform(t, a->d, a->in->platform, &e, err)) != SD_OK)
		goto out;
	e.version = 1;
	e.created = e.updated = sd_desk_now(a->d);
	e.organiser = sd_xstrdup(a->d->me->login);
	if ((s = event_save(t, NULL, &e, err)) != SD_OK ||
	    (s = journal_event(t, a->d, e.id, "created", e.title, err)) != SD_OK)
		goto out;
	if (sd_event_has_platform(&e) && (s = invite_members(t, a->d, &e, err)) != SD_OK)
		goto out;
	if (a->id_out != NULL)
		memcpy(a->id_out, e.id, SD_UUID_LEN);
out:
	sd_event_free(&e);
	return s;
}

sd_status
sd_event_add(struct sd_desk *d, const struct sd_event_input *in, uint8_t id_out[SD_UUID_LEN],
    struct sd_error *err)
{
	struct add_args a = { d, in, id_out };
	struct sd_event e = { 0 };
	sd_status s;

	if ((s = sd_permit(d, SD_ACT_EVENT_WRITE, NULL, err)) != SD_OK)
		return s;
	/* The input's own errors before the writer is waited for. */
	s = apply_input(d, in, &e, true, err);
	if (s == SD_OK)
		s = permit_depts(d, &e, err);
	sd_event_free(&e);
	if (s != SD_OK)
		return s;
	return sd_store_write(d->store, add_action, &a, err);
}

/* --- the event in the frame every action on a stored record runs in ------------------ */

struct event_op;
typedef sd_status (*event_apply_fn)(struct event_op *op, struct sd_txn *t, struct sd_event *e,
    struct sd_error *err);

struct event_op {
	struct rec_op		 base;
	event_apply_fn		 apply;
	const struct sd_event_input *in;
	const char *const	*ents;
	size_t			 nents;
	unsigned		 people;
	size_t			*added;
};

static sd_status
ev_load(struct rec_op *op, struct sd_txn *t, void *rec, struct sd_error *err)
{
	return event_resolve_visible(t, op->d, op->ref, rec, err);
}

static sd_status
ev_conflict(struct rec_op *op, const void *rec, struct sd_error *err)
{
	const struct sd_event *e = rec;

	return sd_fail(err, SD_CONFLICT,
	    _("event %s changed since you read it (now version %u, you had %u); "
	    "show it again and redo your change."), e->title, e->version, op->expect);
}

static size_t
ev_subject(const void *rec, uint8_t key[16])
{
	memcpy(key, ((const struct sd_event *)rec)->id, SD_UUID_LEN);
	return SD_UUID_LEN;
}

static sd_status
ev_apply(struct rec_op *base, struct sd_txn *t, void *rec, struct sd_error *err)
{
	struct event_op *op = (struct event_op *)base;
	sd_status s;

	/* An officer changes only the events of his departments (he sees no others). */
	if ((s = permit_depts(op->base.d, rec, err)) != SD_OK)
		return s;
	return op->apply(op, t, rec, err);
}

static sd_status
ev_save(struct rec_op *op, struct sd_txn *t, const void *old, const void *rec, uint64_t since,
    struct sd_error *err)
{
	(void)op;
	(void)since;
	return event_save(t, old, rec, err);
}

static const struct rec_kind event_kind = {
	&sd_event_record, SD_SUBJECT_EVENT, ev_load, ev_conflict, ev_subject, ev_apply, NULL,
	ev_save, NULL,
};

static const struct rec_action ev_edit_action = { SD_ACT_EVENT_WRITE, RA_EDITS | RA_REWRITES };
static const struct rec_action ev_attend_action = { SD_ACT_EVENT_WRITE, 0 };

static sd_status
run_event_op(struct event_op *op, struct sd_error *err)
{
	op->base.kind = &event_kind;
	return rec_op_run(&op->base, err);
}

/* --- edit ------------------------------------------------------------------------ */

static sd_status people_count(struct sd_txn *t, const uint8_t ev[SD_UUID_LEN], uint32_t *out,
    struct sd_error *err);

static sd_status
apply_edit(struct event_op *op, struct sd_txn *t, struct sd_event *e, struct sd_error *err)
{
	uint32_t used;
	sd_status s;

	if ((s = apply_input(op->base.d, op->in, e, false, err)) != SD_OK ||
	    (s = permit_depts(op->base.d, e, err)) != SD_OK)
		return s;
	/* A capacity below the people already coming would leave the event over full. */
	if (op->in->capacity > 0) {
		if ((s = people_count(t, e->id, &used, err)) != SD_OK)
			return s;
		if (used > e->capacity)
			return sd_fail_field(err, SD_INVALID, "capacity",
			    _("%u people are registered for %s already; a capacity of %u is "
			    "below that. Give at least %u, or 0 for no limit."), used, e->title,
			    e->capacity, used);
	}
	if (op->in->kind == SD_EVENT_PLATFORM && sd_event_has_platform(e) &&
	    op->in->platform == NULL)
		return sd_fail_field(err, SD_INVALID, "kind",
		    _("a meeting of a platform cannot become a platform itself."));
	return apply_platform(t, op->base.d, op->in->platform, e, err);
}

sd_status
sd_event_edit(struct sd_desk *d, const char *ref, const struct sd_event_input *in,
    uint32_t expect_version, struct sd_error *err)
{
	struct event_op op = { .base = { d, NULL, &ev_edit_action, ref, expect_version, NULL,
	    false }, .apply = apply_edit, .in = in };

	return run_event_op(&op, err);
}

/* --- attendance ------------------------------------------------------------------ */

/* People registered (and attended, and members) on an event. */
static sd_status
people_count(struct sd_txn *t, const uint8_t ev[SD_UUID_LEN], uint32_t *out,
    struct sd_error *err)
{
	struct sd_iter it;
	sd_status s = SD_OK;

	*out = 0;
	sd_iter_start(&it, t, SD_DB_ATTEND, ev, SD_UUID_LEN, false, NULL, 0);
	while (sd_iter_next(&it)) {
		struct sd_attendance a;
		if (!attend_decode(&it.val, &a)) {
			s = sd_fail(err, SD_FAIL,
			    _("an attendance record cannot be read; run `sedesk check`."));
			break;
		}
		if (a.state != SD_ATTEND_INVITED)
			*out += a.people;
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("attendance"), err);
	sd_iter_end(&it);
	return s;
}

sd_status
event_people(struct sd_txn *t, const uint8_t ev[SD_UUID_LEN], uint32_t *out,
    struct sd_error *err)
{
	return people_count(t, ev, out, err);
}

/*
 * The enterprise ref names and its record on the event (state NONE: none
 * yet).  One already on the event's lists is seen by whoever sees the
 * event (an officer ticks attendance at his department's event); one not
 * yet on them only when the caller may see the enterprise (an officer:
 * those of his cases), else it is "not found" in the same words.
 */
static sd_status
guest(struct event_op *op, struct sd_txn *t, const struct sd_event *e, const char *ref,
    struct sd_attendance *a, bool *had, struct sd_error *err)
{
	uint8_t ent[SD_UUID_LEN];
	sd_status s;

	if ((s = ent_resolve(t, ref, ent, err)) != SD_OK)
		return s;
	s = attend_load(t, e->id, ent, a, err);
	if (s == SD_NOTFOUND && !ent_visible(t, op->base.d, ent))
		return ent_resolve_visible(t, op->base.d, ref, ent, err);
	if (s == SD_NOTFOUND) {
		memset(a, 0, sizeof *a);
		memcpy(a->event, e->id, SD_UUID_LEN);
		memcpy(a->enterprise, ent, SD_UUID_LEN);
		*had = false;
		return SD_OK;
	}
	*had = true;
	return s;
}

static sd_status
apply_invite(struct event_op *op, struct sd_txn *t, struct sd_event *e, struct sd_error *err)
{
	size_t added = 0;
	sd_status s = SD_OK;

	for (size_t i = 0; i < op->nents && s == SD_OK; i++) {
		struct sd_attendance a;
		bool had;
		if ((s = guest(op, t, e, op->ents[i], &a, &had, err)) != SD_OK || had)
			continue;
		a.state = SD_ATTEND_INVITED;
		a.invited = sd_desk_now(op->base.d);
		s = set_attendance(t, op->base.d, e, NULL, &a, "invited", err);
		added++;
	}
	*op->added = added;
	if (s == SD_OK && added == 0)
		op->base.unchanged = true;
	return s;
}

sd_status
sd_event_invite(struct sd_desk *d, const char *ref, const char *const *ents, size_t n,
    size_t *added, struct sd_error *err)
{
	size_t dummy;
	struct event_op op = { .base = { d, NULL, &ev_attend_action, ref, 0, NULL, false },
	    .apply = apply_invite, .ents = ents, .nents = n, .added = added ? added : &dummy };

	return run_event_op(&op, err);
}

static sd_status
apply_register(struct event_op *op, struct sd_txn *t, struct sd_event *e, struct sd_error *err)
{
	struct sd_attendance a, old;
	uint32_t used;
	char *who;
	bool had;
	sd_status s;

	if ((s = guest(op, t, e, op->ents[0], &a, &had, err)) != SD_OK)
		return s;
	if (a.state == SD_ATTEND_REGISTERED || a.state == SD_ATTEND_ATTENDED ||
	    a.state == SD_ATTEND_MEMBER) {
		who = ent_words(t, a.enterprise);
		s = sd_fail(err, SD_INVALID, _("%s is already %s for %s (%u people); nothing was "
		    "changed."), who, sd_attend_state_label(a.state), e->title, a.people);
		free(who);
		return s;
	}
	if ((s = people_count(t, e->id, &used, err)) != SD_OK)
		return s;
	if (e->capacity > 0 && used + op->people > e->capacity) {
		who = ent_words(t, a.enterprise);
		s = sd_fail(err, SD_INVALID,
		    _("%s is full: %u of %u places are taken, so %u more for %s do not fit; "
		    "nothing was changed."), e->title, used, e->capacity, op->people, who);
		free(who);
		return s;
	}
	old = a;
	a.state = e->kind == SD_EVENT_PLATFORM ? SD_ATTEND_MEMBER : SD_ATTEND_REGISTERED;
	a.people = op->people;
	a.registered = sd_desk_now(op->base.d);
	return set_attendance(t, op->base.d, e, had ? &old : NULL, &a,
	    a.state == SD_ATTEND_MEMBER ? "member" : "registered", err);
}

sd_status
sd_event_register(struct sd_desk *d, const char *ref, const char *ent, unsigned people,
    struct sd_error *err)
{
	const char *ents[1] = { ent };
	struct event_op op = { .base = { d, NULL, &ev_attend_action, ref, 0, NULL, false },
	    .apply = apply_register, .ents = ents, .nents = 1, .people = people };

	if (people < 1 || people > PEOPLE_MAX)
		return sd_fail_field(err, SD_INVALID, "people",
		    _("people: give a number from 1 to %d."), PEOPLE_MAX);
	return run_event_op(&op, err);
}

/* Attendance is ticked once the event started (by Brussels' clock). */
static sd_status
started(const struct sd_desk *d, const struct sd_event *e, struct sd_error *err)
{
	char when[17];

	if (e->kind == SD_EVENT_PLATFORM)
		return sd_fail(err, SD_INVALID,
		    _("%s is a platform: it has members, not attendance; tick attendance at its "
		    "meetings."), e->title);
	if (sd_brussels_local(sd_desk_now(d)) >= e->start)
		return SD_OK;
	sd_event_time_format(e->start, when);
	return sd_fail(err, SD_INVALID,
	    _("%s has not started yet (it starts %s); attendance is ticked once it has."),
	    e->title, when);
}

static sd_status
apply_attend(struct event_op *op, struct sd_txn *t, struct sd_event *e, struct sd_error *err)
{
	size_t added = 0;
	sd_status s;

	if ((s = started(op->base.d, e, err)) != SD_OK)
		return s;
	for (size_t i = 0; i < op->nents && s == SD_OK; i++) {
		struct sd_attendance a, old;
		bool had;
		if ((s = guest(op, t, e, op->ents[i], &a, &had, err)) != SD_OK ||
		    a.state == SD_ATTEND_ATTENDED)
			continue;
		old = a;
		a.state = SD_ATTEND_ATTENDED;
		/* Who came without registering counts as one. */
		if (a.people == 0)
			a.people = 1;
		a.attended = sd_desk_now(op->base.d);
		s = set_attendance(t, op->base.d, e, had ? &old : NULL, &a, "attended", err);
		added++;
	}
	*op->added = added;
	if (s == SD_OK && added == 0)
		op->base.unchanged = true;
	return s;
}

sd_status
sd_event_attend(struct sd_desk *d, const char *ref, const char *const *ents, size_t n,
    size_t *added, struct sd_error *err)
{
	size_t dummy;
	struct event_op op = { .base = { d, NULL, &ev_attend_action, ref, 0, NULL, false },
	    .apply = apply_attend, .ents = ents, .nents = n, .added = added ? added : &dummy };

	return run_event_op(&op, err);
}

/* A tick taken back: registered again (or invited), as it was before. */
static sd_status
apply_unattend(struct event_op *op, struct sd_txn *t, struct sd_event *e, struct sd_error *err)
{
	struct sd_attendance a, old;
	bool had;
	sd_status s;

	if ((s = started(op->base.d, e, err)) != SD_OK ||
	    (s = guest(op, t, e, op->ents[0], &a, &had, err)) != SD_OK)
		return s;
	if (a.state != SD_ATTEND_ATTENDED) {
		op->base.unchanged = true;
		return SD_OK;
	}
	old = a;
	a.attended = 0;
	if (a.registered != 0) {
		a.state = SD_ATTEND_REGISTERED;
	} else {
		a.state = SD_ATTEND_INVITED;
		a.people = 0;
	}
	return set_attendance(t, op->base.d, e, &old, &a, "not-attended", err);
}

sd_status
sd_event_unattend(struct sd_desk *d, const char *ref, const char *ent, struct sd_error *err)
{
	const char *ents[1] = { ent };
	struct event_op op = { .base = { d, NULL, &ev_attend_action, ref, 0, NULL, false },
	    .apply = apply_unattend, .ents = ents, .nents = 1 };

	return run_event_op(&op, err);
}

/* --- a follow-up case ------------------------------------------------------------ */

struct case_args {
	struct sd_desk		*d;
	const char		*ref;
	const struct sd_case_input *in;
	struct sd_case_key	*out;
};

static sd_status
case_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct case_args *a = arg;
	struct sd_event e;
	struct sd_attendance at;
	uint8_t ent[SD_UUID_LEN];
	char num[SD_CASE_NUMBER_MAX];
	sd_status s;

	if ((s = event_resolve_visible(t, a->d, a->ref, &e, err)) != SD_OK)
		return s;
	if ((s = ent_resolve_visible(t, a->d, a->in->enterprise, ent, err)) != SD_OK)
		goto out;
	if ((s = attend_load(t, e.id, ent, &at, err)) == SD_NOTFOUND) {
		char *who = ent_words(t, ent);
		s = sd_fail(err, SD_INVALID,
		    _("%s is not on the lists of %s; invite it first (`sedesk event invite`)."),
		    who, e.title);
		free(who);
	}
	if (s != SD_OK)
		goto out;
	if ((s = case_new_in_txn(t, a->d, a->in, e.id, NULL, a->out, err)) != SD_OK)
		goto out;
	sd_case_number_format(*a->out, num);
	{
		char *who = ent_words(t, ent);
		struct sd_buf b = { 0 };
		sd_buf_addf(&b, "%s: %s", num, who);
		free(who);
		s = journal_event(t, a->d, e.id, "case", b.data, err);
		sd_buf_free(&b);
	}
out:
	sd_event_free(&e);
	return s;
}

sd_status
sd_event_case(struct sd_desk *d, const char *ref, const char *ent, const char *subject,
    const char *description, struct sd_case_key *out, struct sd_error *err)
{
	struct sd_case_input in = { .enterprise = ent, .subject = subject,
	    .description = description, .channel = SD_CHANNEL_EVENT };
	struct case_args a = { d, ref, &in, out };
	sd_status s;

	if ((s = sd_permit(d, SD_ACT_CASE_CREATE, NULL, err)) != SD_OK ||
	    (s = case_new_check(d, &in, err)) != SD_OK)
		return s;
	return sd_store_write(d->store, case_action, &a, err);
}

bool
sd_event_may_write(const struct sd_desk *d, const struct sd_event *e)
{
	if (sd_permit(d, SD_ACT_EVENT_WRITE, NULL, NULL) != SD_OK)
		return false;
	return e == NULL || d->me->role != SD_ROLE_OFFICER || sd_sees_event(d, e->depts);
}
