/*
 * What people do to contact moments: add, edit, report as held, make a
 * case from one.  Each is one write transaction; the actions on a stored
 * moment run in the action frame (action.h), which checks the version,
 * journals the fields that changed and saves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "action.h"
#include "internal.h"
#include "moment_internal.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

static size_t
field_max(const char *name)
{
	return sd_record_field_named(SD_RECORD_MOMENT, name)->max;
}

/* --- checks before the transaction ------------------------------------------------- */

static sd_status
check_text(const char *text, struct sd_error *err)
{
	if (text == NULL || *text == '\0')
		return SD_OK;
	if (!sd_utf8_valid(text, strlen(text)))
		return sd_fail_field(err, SD_INVALID, "text", _("report: not valid UTF-8 text."));
	if (strlen(text) > field_max("text"))
		return sd_fail_field(err, SD_INVALID, "text",
		    _("report: too long (%zu bytes; at most %zu)."), strlen(text), field_max("text"));
	return SD_OK;
}

/*
 * A list of configured names (departments, officers' logins): each known,
 * each once, normalised to "a,b"; *out NULL for an empty list.
 */
static sd_status
check_names(struct sd_desk *d, const char *field, const char *in, bool depts, char **out,
    struct sd_error *err)
{
	struct sd_buf b = { 0 };
	char *copy, *save = NULL;
	sd_status s = SD_OK;

	*out = NULL;
	if (in == NULL)
		return SD_OK;
	if (!sd_utf8_valid(in, strlen(in)) || strlen(in) > field_max(field))
		return sd_fail_field(err, SD_INVALID, field, _("%s: not a list of names."), field);
	copy = sd_xstrdup(in);
	for (char *w = strtok_r(copy, ", ", &save); w != NULL && s == SD_OK;
	    w = strtok_r(NULL, ", ", &save)) {
		const char *name;
		if (depts) {
			const struct sd_department *dp = sd_config_department(&d->cfg, w);
			if (dp == NULL) {
				s = sd_desk_known_department(d, w, err);
				break;
			}
			name = dp->id;
		} else {
			const struct sd_officer *o = sd_config_officer(&d->cfg, w);
			if (o == NULL) {
				s = sd_fail_field(err, SD_INVALID, field,
				    _("%s is not a configured officer (see `sedesk officers`)."), w);
				break;
			}
			name = o->login;
		}
		/* Once each, in the order first named. */
		bool dup = false;
		for (const char *p = b.data; p != NULL && *p && !dup; ) {
			size_t n = strcspn(p, ",");
			dup = n == strlen(name) && strncmp(p, name, n) == 0;
			p = p[n] == ',' ? p + n + 1 : p + n;
		}
		if (!dup)
			sd_buf_addf(&b, "%s%s", b.len ? "," : "", name);
	}
	free(copy);
	if (s != SD_OK) {
		sd_buf_free(&b);
		return s;
	}
	*out = b.data;
	return SD_OK;
}

/* An officer records the moments of his own departments. */
static sd_status
check_own_departments(const struct sd_desk *d, const char *depts, struct sd_error *err)
{
	const struct sd_officer *me = d->me;
	struct sd_moment probe = { .departments = (char *)depts };

	if (me->role != SD_ROLE_OFFICER)
		return SD_OK;
	/* sd_sees_moment on the departments alone: owner and participants left out. */
	if (depts != NULL && sd_sees_moment(d, &probe))
		return SD_OK;
	return sd_fail_field(err, SD_DENIED, "departments",
	    _("%s may only record contact moments of their own departments; name one of them "
	    "(--dept)."), me->login);
}

static sd_status
parse_follow_up(const char *s, sd_day *out, struct sd_error *err)
{
	*out = SD_NO_DAY;
	if (s == NULL || *s == '\0')
		return SD_OK;
	if (!sd_day_parse(s, out) || !sd_day_in_range(*out))
		return sd_fail_field(err, SD_INVALID, "follow_up",
		    _("follow-up: %s is not a date; write it as YYYY-MM-DD."), s);
	return SD_OK;
}

/* The follow-up lies on or after the moment's day and not in the past. */
static sd_status
check_follow_up(const struct sd_desk *d, const struct sd_moment *m, struct sd_error *err)
{
	char day[11];

	if (m->follow_up == SD_NO_DAY)
		return SD_OK;
	if (m->follow_up < sd_moment_day(m)) {
		sd_day_format(sd_moment_day(m), day);
		return sd_fail_field(err, SD_INVALID, "follow_up",
		    _("the follow-up day lies before the moment itself (%s); nothing was "
		    "changed."), day);
	}
	if (m->follow_up < sd_day_from_time(sd_moment_now(d))) {
		sd_day_format(sd_day_from_time(sd_moment_now(d)), day);
		return sd_fail_field(err, SD_INVALID, "follow_up",
		    _("the follow-up day lies in the past (today is %s); nothing was changed."),
		    day);
	}
	return SD_OK;
}

/* Whether a moment at this time is still to come. */
static bool
in_future(const struct sd_desk *d, int64_t at, int timed)
{
	int64_t now = sd_moment_now(d);

	return timed ? at > now : sd_day_from_time(at) > sd_day_from_time(now);
}

/* --- linking a case -------------------------------------------------------------- */

/*
 * Links case number to moment m both ways, inside t: the case names the
 * moment (its field `moment`, journaled on the case), m names the case
 * (the caller saves m).  The caller must be allowed to write on the case
 * as on a note, and it must be the same enterprise's.
 */
static sd_status
link_case(struct sd_txn *t, struct sd_desk *d, struct sd_moment *m, const char *number,
    struct sd_error *err)
{
	struct sd_case c, nc;
	struct sd_route *routes = NULL;
	size_t nroutes = 0;
	char id[SD_UUID_STR], num[SD_CASE_NUMBER_MAX];
	uint8_t ck[SD_CASE_KEY_LEN];
	sd_status s;

	sd_uuid_format(m->id, id);
	if ((s = case_resolve_visible(t, d, number, &c, err)) != SD_OK)
		return s;
	sd_case_number_format(c.key, num);
	if ((s = routes_load(t, c.key, false, &routes, &nroutes, err)) != SD_OK)
		goto out;
	if ((s = sd_permit_case(d, SD_ACT_CASE_NOTE, &c, routes, nroutes, NULL, err)) != SD_OK)
		goto out;
	if (memcmp(c.enterprise, m->enterprise, SD_UUID_LEN) != 0) {
		s = sd_fail_field(err, SD_INVALID, "case",
		    _("case %s is about another enterprise than the contact moment."), num);
		goto out;
	}
	if (m->case_number != NULL && strcmp(m->case_number, num) != 0) {
		s = sd_fail_field(err, SD_INVALID, "case",
		    _("the contact moment is already linked to case %s."), m->case_number);
		goto out;
	}
	if (c.moment != NULL) {
		if (strcmp(c.moment, id) != 0)
			s = sd_fail_field(err, SD_INVALID, "case",
			    _("case %s is already linked to another contact moment (%s)."), num,
			    c.moment);
		goto out;	/* linked to this one already: nothing to do */
	}
	sd_rec_copy(&sd_case_record, &nc, &c);
	nc.key = c.key;
	nc.moment = (free(nc.moment), sd_xstrdup(id));
	nc.version = c.version + 1;
	nc.updated = sd_desk_now(d);
	sd_case_key_pack(c.key, ck);
	if ((s = journal_field(t, d, SD_SUBJECT_CASE, ck, sizeof ck, "moment", NULL, id,
	    err)) == SD_OK)
		s = case_save(t, &c, &nc, err);
	sd_case_free(&nc);
	if (s == SD_OK) {
		free(m->case_number);
		m->case_number = sd_xstrdup(num);
	}
out:
	routes_free(routes, nroutes);
	sd_case_free(&c);
	return s;
}

/* --- add ------------------------------------------------------------------------- */

struct add_args {
	struct sd_desk			*d;
	const struct sd_moment_input	*in;
	struct sd_moment		*m;	/* checked fields */
	uint8_t				*out;
};

static sd_status
add_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct add_args *a = arg;
	struct sd_desk *d = a->d;
	struct sd_moment m;
	struct sd_journal_entry j = { 0 };
	sd_status s;

	sd_rec_copy(&sd_moment_record, &m, a->m);
	/*
	 * Any enterprise of the register (an officer visits those no case
	 * brought to his department yet).
	 */
	if ((s = ent_resolve(t, a->in->enterprise, m.enterprise, err)) != SD_OK)
		goto out;
	uuid_generate(m.id);
	if (a->in->case_number != NULL && *a->in->case_number != '\0' &&
	    (s = link_case(t, d, &m, a->in->case_number, err)) != SD_OK)
		goto out;
	j.at = m.created;
	j.actor = d->me->login;
	j.kind = (char *)"created";
	j.text = (char *)sd_channel_name(m.kind);
	j.subject_kind = SD_SUBJECT_MOMENT;
	memcpy(j.subject, m.id, SD_UUID_LEN);
	j.subject_len = SD_UUID_LEN;
	if ((s = sd_journal_append(t, &j, err)) != SD_OK ||
	    (s = moment_save(t, NULL, &m, err)) != SD_OK)
		goto out;
	memcpy(a->out, m.id, SD_UUID_LEN);
out:
	sd_moment_free(&m);
	return s;
}

sd_status
sd_moment_add(struct sd_desk *d, const struct sd_moment_input *in, uint8_t out[SD_UUID_LEN],
    struct sd_error *err)
{
	struct sd_moment m = { .follow_up = SD_NO_DAY };
	struct add_args a = { d, in, &m, out };
	sd_status s;

	if ((s = sd_permit(d, SD_ACT_MOMENT_WRITE, NULL, err)) != SD_OK)
		return s;
	if (in->enterprise == NULL || *in->enterprise == '\0')
		return sd_fail_field(err, SD_INVALID, "enterprise",
		    _("a contact moment needs an enterprise (--enterprise ID|NUMBER)."));
	if (in->kind == SD_CHANNEL_NONE)
		return sd_fail_field(err, SD_INVALID, "kind",
		    _("a contact moment needs its kind (--kind site-visit, phone, …)."));
	m.kind = in->kind;
	if (in->time != NULL && *in->time != '\0') {
		int64_t at;
		int timed;
		if (!sd_moment_time_parse(in->time, &at, &timed))
			return sd_fail_field(err, SD_INVALID, "time",
			    _("%s is not a date or time; write YYYY-MM-DD or YYYY-MM-DDTHH:MM."),
			    in->time);
		moment_set_time(&m, at, timed);
	} else {
		/* Without a time it happens now: recorded as it took place. */
		moment_set_time(&m, sd_moment_now(d) / 60 * 60, 1);
	}
	if ((s = check_text(in->text, err)) != SD_OK ||
	    (s = check_names(d, "departments", in->departments, true, &m.departments, err)) !=
	    SD_OK ||
	    (s = check_names(d, "participants", in->participants, false, &m.participants, err)) !=
	    SD_OK ||
	    (s = parse_follow_up(in->follow_up, &m.follow_up, err)) != SD_OK)
		goto out;
	/* An officer's moment is his departments' unless he names them. */
	if (m.departments == NULL && d->me->role == SD_ROLE_OFFICER && d->me->ndepartments > 0) {
		struct sd_buf b = { 0 };
		for (size_t i = 0; i < d->me->ndepartments; i++)
			sd_buf_addf(&b, "%s%s", i ? "," : "", d->me->departments[i]);
		m.departments = b.data;
	}
	if ((s = check_own_departments(d, m.departments, err)) != SD_OK ||
	    (s = check_follow_up(d, &m, err)) != SD_OK)
		goto out;
	m.text = in->text != NULL && *in->text != '\0' ? sd_xstrdup(in->text) : NULL;
	m.state = in_future(d, m.at, m.timed) ? SD_MOMENT_PLANNED : SD_MOMENT_HELD;
	m.owner = sd_xstrdup(d->me->login);
	m.version = 1;
	m.created = m.updated = sd_desk_now(d);
	if (m.state == SD_MOMENT_HELD)
		m.held = m.created;
	s = sd_store_write(d->store, add_action, &a, err);
out:
	sd_moment_free(&m);
	return s;
}

/* --- the frame for actions on a stored moment ------------------------------------- */

struct moment_op;
typedef sd_status (*moment_apply_fn)(struct moment_op *op, struct sd_txn *t,
    struct sd_moment *m, struct sd_error *err);

struct moment_action {
	struct rec_action	 base;
	moment_apply_fn		 apply;
};

struct moment_op {
	struct rec_op		 base;
	const struct moment_action *act;
	const struct sd_moment_input *in;	/* edit */
	/* checked before the transaction */
	char			*departments, *participants;
	int64_t			 at;
	int			 timed;
	bool			 has_time;
	sd_day			 follow_up;
	const char		*text;
	/* make a case */
	const struct sd_case_input *case_in;
	struct sd_case_key	*case_out;
};

static sd_status
moment_load_op(struct rec_op *base, struct sd_txn *t, void *rec, struct sd_error *err)
{
	return moment_resolve(t, base->d, base->ref, rec, err);
}

static sd_status
moment_conflict(struct rec_op *base, const void *rec, struct sd_error *err)
{
	const struct sd_moment *m = rec;
	char id[SD_UUID_STR];

	sd_uuid_format(m->id, id);
	return sd_fail(err, SD_CONFLICT,
	    _("contact moment %s changed since you read it (now version %u, you had %u); "
	    "show it again and redo your change."), id, m->version, base->expect);
}

static size_t
moment_subject(const void *rec, uint8_t key[16])
{
	memcpy(key, ((const struct sd_moment *)rec)->id, SD_UUID_LEN);
	return SD_UUID_LEN;
}

static sd_status
moment_apply(struct rec_op *base, struct sd_txn *t, void *rec, struct sd_error *err)
{
	struct moment_op *op = (struct moment_op *)base;
	sd_status s;

	/* The role again, and what the moment's state allows now. */
	if ((s = sd_permit_moment(base->d, op->act->base.permit, rec, err)) != SD_OK)
		return s;
	return op->act->apply(op, t, rec, err);
}

static sd_status
moment_save_op(struct rec_op *base, struct sd_txn *t, const void *old, const void *rec,
    uint64_t since, struct sd_error *err)
{
	(void)base;
	(void)since;
	return moment_save(t, old, rec, err);
}

static const struct rec_kind moment_kind = {
	&sd_moment_record, SD_SUBJECT_MOMENT, moment_load_op, moment_conflict, moment_subject,
	moment_apply, NULL, moment_save_op, NULL,
};

static sd_status
run_moment_op(struct moment_op *op, struct sd_desk *d, const char *id, uint32_t expect,
    struct sd_error *err)
{
	op->base.d = d;
	op->base.kind = &moment_kind;
	op->base.action = &op->act->base;
	op->base.ref = id;
	op->base.expect = expect;
	return rec_op_run(&op->base, err);
}

/* --- edit ------------------------------------------------------------------------ */

static void
set_text(char **field, const char *value)
{
	if (value == NULL)
		return;
	free(*field);
	*field = *value != '\0' ? sd_xstrdup(value) : NULL;
}

static sd_status
apply_edit(struct moment_op *op, struct sd_txn *t, struct sd_moment *m, struct sd_error *err)
{
	const struct sd_moment_input *in = op->in;
	struct sd_desk *d = op->base.d;
	sd_day old_follow = m->follow_up;
	sd_status s;

	if (in->kind != SD_CHANNEL_NONE)
		m->kind = in->kind;
	if (op->has_time) {
		/* What took place cannot move to days still to come. */
		if (m->state == SD_MOMENT_HELD && in_future(d, op->at, op->timed))
			return sd_fail_field(err, SD_INVALID, "time",
			    _("the contact moment took place; its time cannot lie in the future."));
		moment_set_time(m, op->at, op->timed);
	}
	if (in->departments != NULL) {
		set_text(&m->departments, op->departments ? op->departments : "");
		if ((s = check_own_departments(d, m->departments, err)) != SD_OK)
			return s;
	}
	if (in->participants != NULL)
		set_text(&m->participants, op->participants ? op->participants : "");
	set_text(&m->text, in->text);
	if (in->follow_up != NULL)
		m->follow_up = op->follow_up;
	/* The follow-up is checked when it or the moment's day moved. */
	if ((m->follow_up != old_follow || op->has_time) && m->follow_up != SD_NO_DAY &&
	    (s = check_follow_up(d, m, err)) != SD_OK) {
		/* A moment moved after a follow-up that already passed: only the order counts. */
		if (m->follow_up == old_follow && m->follow_up >= sd_moment_day(m))
			sd_error_clear(err);
		else
			return s;
	}
	if (in->case_number != NULL && *in->case_number != '\0')
		return link_case(t, d, m, in->case_number, err);
	return SD_OK;
}

static const struct moment_action moment_edit = {
	{ SD_ACT_MOMENT_WRITE, RA_EDITS | RA_REWRITES }, apply_edit,
};

sd_status
sd_moment_edit(struct sd_desk *d, const char *id, const struct sd_moment_input *in,
    uint32_t expect_version, struct sd_error *err)
{
	struct moment_op op = { .act = &moment_edit, .in = in, .follow_up = SD_NO_DAY };
	sd_status s;

	if (in->time != NULL) {
		if (!sd_moment_time_parse(in->time, &op.at, &op.timed))
			return sd_fail_field(err, SD_INVALID, "time",
			    _("%s is not a date or time; write YYYY-MM-DD or YYYY-MM-DDTHH:MM."),
			    in->time);
		op.has_time = true;
	}
	if ((s = check_text(in->text, err)) != SD_OK ||
	    (s = check_names(d, "departments", in->departments, true, &op.departments, err)) !=
	    SD_OK ||
	    (s = check_names(d, "participants", in->participants, false, &op.participants,
	    err)) != SD_OK ||
	    (s = parse_follow_up(in->follow_up, &op.follow_up, err)) != SD_OK)
		goto out;
	s = run_moment_op(&op, d, id, expect_version, err);
	if (s == SD_OK && op.base.unchanged)
		s = sd_fail(err, SD_INVALID, _("nothing to change: the values are the same."));
out:
	free(op.departments);
	free(op.participants);
	return s;
}

/* --- done ------------------------------------------------------------------------ */

static sd_status
apply_done(struct moment_op *op, struct sd_txn *t, struct sd_moment *m, struct sd_error *err)
{
	struct sd_desk *d = op->base.d;
	char day[11];

	(void)t;
	/* The same day counts: a visit at 14:00 is reported that afternoon or earlier. */
	if (sd_moment_day(m) > sd_day_from_time(sd_moment_now(d))) {
		sd_day_format(sd_moment_day(m), day);
		return sd_fail(err, SD_INVALID,
		    _("the contact moment is planned for %s; it cannot have taken place yet "
		    "(change its date first)."), day);
	}
	set_text(&m->text, op->text);
	if (m->text == NULL)
		return sd_fail_field(err, SD_INVALID, "text",
		    _("report: a moment that took place needs its report (--text or --text-file)."));
	m->state = SD_MOMENT_HELD;
	m->held = sd_desk_now(d);
	return SD_OK;
}

static const struct moment_action moment_done = {
	{ SD_ACT_MOMENT_DONE, RA_EDITS | RA_REWRITES }, apply_done,
};

sd_status
sd_moment_done(struct sd_desk *d, const char *id, const char *text, uint32_t expect_version,
    struct sd_error *err)
{
	struct moment_op op = { .act = &moment_done, .text = text };
	sd_status s;

	if ((s = check_text(text, err)) != SD_OK)
		return s;
	return run_moment_op(&op, d, id, expect_version, err);
}

/* --- a case from a moment -------------------------------------------------------- */

static sd_status
apply_case(struct moment_op *op, struct sd_txn *t, struct sd_moment *m, struct sd_error *err)
{
	struct sd_case_input in = *op->case_in;
	char ent[SD_UUID_STR], id[SD_UUID_STR], num[SD_CASE_NUMBER_MAX];
	sd_status s;

	sd_uuid_format(m->enterprise, ent);
	sd_uuid_format(m->id, id);
	in.enterprise = ent;
	in.channel = m->kind;
	if ((s = case_new_in_txn(t, op->base.d, &in, NULL, id, op->case_out, err)) != SD_OK)
		return s;
	sd_case_number_format(*op->case_out, num);
	free(m->case_number);
	m->case_number = sd_xstrdup(num);
	return SD_OK;
}

static const struct moment_action moment_case = {
	{ SD_ACT_MOMENT_CASE, RA_EDITS }, apply_case,
};

sd_status
sd_moment_make_case(struct sd_desk *d, const char *id, const char *subject,
    const char *category, const char *description, uint32_t expect_version,
    struct sd_case_key *out, struct sd_error *err)
{
	struct sd_case_input in = { .enterprise = "-", .subject = subject,
	    .category = category, .description = description };
	struct moment_op op = { .act = &moment_case, .case_in = &in, .case_out = out };
	sd_status s;

	if ((s = sd_permit(d, SD_ACT_CASE_CREATE, NULL, err)) != SD_OK ||
	    (s = case_new_check(d, &in, err)) != SD_OK)
		return s;
	return run_moment_op(&op, d, id, expect_version, err);
}
