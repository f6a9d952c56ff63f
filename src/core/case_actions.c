/*
 * What people do to cases: create, edit, route, pick up, answer, decline,
 * note, wait, reopen, close.  Each is one write transaction: load the case
 * and its routes, check version and permission, change, journal, save.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "action.h"
#include "internal.h"
#include "event_internal.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

/* Limits come from the field tables. */
static size_t
field_max(enum sd_record_kind kind, const char *name)
{
	return sd_record_field_named(kind, name)->max;
}

/* --- rules about states ---------------------------------------------------------- */

/*
 * The status the routes imply: no live route is new; every live route
 * finished is answered; any work done is in progress; else routed.
 */
static enum sd_case_status
derive_status(const struct sd_route *r, size_t n)
{
	size_t live = 0, worked = 0, done = 0;

	for (size_t i = 0; i < n; i++) {
		switch (r[i].state) {
		case SD_ROUTE_WITHDRAWN:
		case SD_ROUTE_NONE:
		case SD_ROUTE_STATE_COUNT:
			continue;
		case SD_ROUTE_PENDING:
			break;
		case SD_ROUTE_PICKED_UP:
			worked++;
			break;
		case SD_ROUTE_ANSWERED:
		case SD_ROUTE_DECLINED:
			worked++;
			done++;
			break;
		}
		live++;
	}
	if (live == 0)
		return SD_CASE_NEW;
	if (done == live)
		return SD_CASE_ANSWERED;
	return worked > 0 ? SD_CASE_IN_PROGRESS : SD_CASE_ROUTED;
}

/* what: the text in words for the message; field: its stable name for the error. */
static sd_status
check_text(const char *field, const char *what, const char *s, size_t max, bool required,
    struct sd_error *err)
{
	if (s == NULL || *s == '\0' || strspn(s, " \t\r\n") == strlen(s)) {
		if (required)
			return sd_fail_field(err, SD_INVALID, field, _("%s: must not be empty."),
			    what);
		return SD_OK;
	}
	if (!sd_utf8_valid(s, strlen(s)))
		return sd_fail_field(err, SD_INVALID, field, _("%s: not valid UTF-8 text."), what);
	if (strlen(s) > max)
		return sd_fail_field(err, SD_INVALID, field,
		    _("%s: too long (%zu bytes; at most %zu)."), what, strlen(s), max);
	return SD_OK;
}

/*
 * The subject is one line (see sd_single_line_check).  A new case stores
 * it trimmed, so white space around it is no line break; an edit stores it
 * as given, so there every byte counts.
 */
static sd_status
check_subject_line(const char *subject, bool trimmed, struct sd_error *err)
{
	char *v;
	sd_status s;

	if (subject == NULL)
		return SD_OK;
	v = sd_xstrdup(subject);
	if (trimmed)
		sd_trim(v);
	s = sd_line_check("subject", _("the subject"), v, err);
	free(v);
	return s;
}

static int
service_days(const struct sd_desk *d, const char *category)
{
	const struct sd_category *c = category ? sd_config_category(&d->cfg, category) : NULL;

	return c != NULL ? c->service_days : d->cfg.service_days;
}

/* --- the frame every action on an existing case runs in ------------------------- */

struct case_op;
struct sd_txn;
typedef sd_status (*apply_fn)(struct case_op *op, struct sd_txn *t, struct sd_case *c,
    struct sd_error *err);

/* An action on a case: its permission and properties, and its change. */
struct case_action {
	struct rec_action	 base;
	apply_fn		 apply;
};

struct case_op {
	struct rec_op		 base;		/* the frame's part (action.h) */
	struct sd_desk		*d;
	const char		*number;
	uint32_t		 expect;
	const struct case_action *act;
	const char		*dept;		/* for SD_ACT_ROUTE_WORK */
	/* the action's own arguments */
	const char		*text;
	const char *const	*depts;
	size_t			 ndepts;
	int			 satisfaction;
	int			 own_view;
	sd_day			 day;		/* wait until, follow up on */
	const struct sd_case_input *in;
	/* loaded by the frame */
	struct sd_route		*routes;
	size_t			 nroutes;
};

static struct sd_route *
find_route(struct case_op *op, const char *dept)
{
	for (size_t i = 0; i < op->nroutes; i++) {
		if (strcmp(op->routes[i].dept, dept) == 0)
			return &op->routes[i];
	}
	return NULL;
}

static sd_status
journal_status(struct sd_txn *t, const struct sd_desk *d, struct sd_case_key key,
    enum sd_case_status from, enum sd_case_status to, struct sd_error *err)
{
	struct sd_journal_entry e = { 0 };
	uint8_t ck[SD_CASE_KEY_LEN];

	sd_case_key_pack(key, ck);
	e.at = sd_desk_now(d);
	e.actor = d->me->login;
	e.kind = (char *)"status";
	e.field = (char *)"status";
	e.old_value = (char *)sd_case_status_name(from);
	e.new_value = (char *)sd_case_status_name(to);
	e.subject_kind = SD_SUBJECT_CASE;
	memcpy(e.subject, ck, sizeof ck);
	e.subject_len = sizeof ck;
	return sd_journal_append(t, &e, err);
}

/* --- the case in the frame every action on a stored record runs in (action.h) ----- */

static sd_status
case_load_op(struct rec_op *base, struct sd_txn *t, void *rec, struct sd_error *err)
{
	struct case_op *op = (struct case_op *)base;

	return case_resolve_visible(t, op->d, op->number, rec, err);
}

static sd_status
case_conflict(struct rec_op *base, const void *rec, struct sd_error *err)
{
	const struct sd_case *c = rec;
	char num[SD_CASE_NUMBER_MAX];

	sd_case_number_format(c->key, num);
	return sd_fail(err, SD_CONFLICT,
	    _("case %s changed since you read it (now version %u, you had %u); "
	    "show it again and redo your change."), num, c->version, base->expect);
}

static size_t
case_subject(const void *rec, uint8_t key[16])
{
	sd_case_key_pack(((const struct sd_case *)rec)->key, key);
	return SD_CASE_KEY_LEN;
}

/* Every action on a case sees its routes. */
static sd_status
case_apply(struct rec_op *base, struct sd_txn *t, void *rec, struct sd_error *err)
{
	struct case_op *op = (struct case_op *)base;
	struct sd_case *c = rec;
	sd_status s;

	if ((s = routes_load(t, c->key, true, &op->routes, &op->nroutes, err)) != SD_OK)
		return s;
	/* The role again, and what the case's state allows now. */
	if ((s = sd_permit_case(op->d, op->act->base.permit, c, op->routes, op->nroutes,
	    op->dept, err)) != SD_OK)
		return s;
	return op->act->apply(op, t, c, err);
}

static sd_status
case_settle(struct rec_op *base, struct sd_txn *t, const void *old, void *rec,
    struct sd_error *err)
{
	const struct sd_case *o = old, *c = rec;

	if (c->status == o->status)
		return SD_OK;
	return journal_status(t, base->d, c->key, o->status, c->status, err);
}

static sd_status
case_save_op(struct rec_op *base, struct sd_txn *t, const void *old, const void *rec,
    uint64_t since, struct sd_error *err)
{
	const struct sd_case *c = rec;
	sd_status s;

	if ((s = case_save(t, old, c, err)) != SD_OK)
		return s;
	/* An action that may take words away rebuilds; every other one only adds entries. */
	return (base->action->flags & RA_REWRITES) ? search_index_case(t, c, err) :
	    search_index_case_since(t, c, since, err);
}

static void
case_done(struct rec_op *base)
{
	struct case_op *op = (struct case_op *)base;

	routes_free(op->routes, op->nroutes);
	op->routes = NULL;
	op->nroutes = 0;
}

static const struct rec_kind case_kind = {
	&sd_case_record, SD_SUBJECT_CASE, case_load_op, case_conflict, case_subject, case_apply,
	case_settle, case_save_op, case_done,
};

static sd_status
run_case_op(struct case_op *op, struct sd_error *err)
{
	op->base.d = op->d;
	op->base.kind = &case_kind;
	op->base.action = &op->act->base;
	op->base.ref = op->number;
	op->base.expect = op->expect;
	op->base.dept = op->dept;
	return rec_op_run(&op->base, err);
}

/* Status after a route changed: waiting and closed are kept, else derived. */
static void
follow_routes(struct case_op *op, struct sd_case *c)
{
	if (c->status != SD_CASE_WAITING && c->status != SD_CASE_CLOSED)
		c->status = derive_status(op->routes, op->nroutes);
}

/* --- new ----------------------------------------------------------------------- */

struct new_args {
	struct sd_desk			*d;
	const struct sd_case_input	*in;
	struct sd_case_key		*out;
};

static sd_status
new_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct new_args *a = arg;

	return case_new_in_txn(t, a->d, a->in, NULL, NULL, a->out, err);
}

/* A new case inside t (internal.h). */
sd_status
case_new_in_txn(struct sd_txn *t, struct sd_desk *d, const struct sd_case_input *in,
    const uint8_t *event, const char *moment, struct sd_case_key *out, struct sd_error *err)
{
	struct new_args args = { d, in, out }, *a = &args;
	struct sd_case c = { .wait_until = SD_NO_DAY, .follow_up = SD_NO_DAY };
	char meta[32];
	uint32_t seq = 0;
	int y, m, dd;
	MDB_val v;
	sd_status s;

	if ((s = ent_resolve(t, a->in->enterprise, c.enterprise, err)) != SD_OK)
		return s;
	sd_day_to_ymd(sd_desk_today(d), &y, &m, &dd);
	/* One sequence per year; the single writer makes it gap- and duplicate-free. */
	snprintf(meta, sizeof meta, "caseseq:%04d", y);
	s = sd_db_get(t, SD_DB_META, meta, strlen(meta), &v, _("case"), err);
	if (s == SD_OK && v.mv_size == sizeof seq)
		memcpy(&seq, v.mv_data, sizeof seq);
	else if (s != SD_OK && s != SD_NOTFOUND)
		return s;
	{
		/* Never below the year's last case, even with a damaged counter. */
		struct sd_iter it;
		uint8_t year[2] = { (uint8_t)(y >> 8), (uint8_t)y };
		sd_iter_start(&it, t, SD_DB_CASE, year, sizeof year, true, NULL, 0);
		if (sd_iter_next(&it) && it.key.mv_size == SD_CASE_KEY_LEN) {
			uint32_t last = sd_case_key_unpack(it.key.mv_data).seq;
			if (last > seq)
				seq = last;
		}
		s = sd_iter_status(&it, _("case"), err);
		sd_iter_end(&it);
		if (s != SD_OK)
			return s;
	}
	seq++;
	if ((s = sd_db_put(t, SD_DB_META, meta, strlen(meta), &seq, sizeof seq, _("case"),
	    err)) != SD_OK)
		return s;

	c.key.year = (uint16_t)y;
	c.key.seq = seq;
	uuid_generate(c.id);
	c.version = 1;
	c.subject = sd_trim(sd_xstrdup(a->in->subject));
	c.description = sd_xstrdup(a->in->description);
	c.category = sd_xstrdup(a->in->category);
	c.owner = sd_xstrdup(d->me->login);
	c.channel = a->in->channel ? a->in->channel : SD_CHANNEL_PHONE;
	c.priority = a->in->priority ? a->in->priority : SD_PRIORITY_NORMAL;
	c.status = SD_CASE_NEW;
	c.created = c.updated = sd_desk_now(d);
	c.due = sd_desk_due(d, sd_desk_today(d), service_days(d, c.category));
	if (event != NULL)
		memcpy(c.event, event, SD_UUID_LEN);
	c.moment = sd_xstrdup(moment);
	if ((s = case_save(t, NULL, &c, err)) == SD_OK &&
	    (s = journal_case(t, d, c.key, "created", NULL, c.subject, err)) == SD_OK)
		s = search_index_case(t, &c, err);
	if (s == SD_OK)
		*a->out = c.key;
	sd_case_free(&c);
	return s;
}

sd_status
sd_case_new(struct sd_desk *d, const struct sd_case_input *in, struct sd_case_key *out,
    struct sd_error *err)
{
	struct new_args a = { d, in, out };
	sd_status s;

	if ((s = sd_permit(d, SD_ACT_CASE_CREATE, NULL, err)) != SD_OK ||
	    (s = case_new_check(d, in, err)) != SD_OK)
		return s;
	return sd_store_write(d->store, new_action, &a, err);
}

/* The checks of a new case's input before its transaction. */
sd_status
case_new_check(struct sd_desk *d, const struct sd_case_input *in, struct sd_error *err)
{
	sd_status s;

	if (in->enterprise == NULL || *in->enterprise == '\0')
		return sd_fail_field(err, SD_INVALID, "enterprise",
		    _("a case needs an enterprise (--enterprise ID|NUMBER)."));
	if ((s = check_text("subject", _("subject"), in->subject,
	    field_max(SD_RECORD_CASE, "subject"), true, err)) != SD_OK ||
	    (s = check_subject_line(in->subject, true, err)) != SD_OK ||
	    (s = check_text("description", _("description"), in->description,
	    field_max(SD_RECORD_CASE, "description"), false, err)) != SD_OK ||
	    (s = sd_desk_known_category(d, in->category, err)) != SD_OK)
		return s;
	return SD_OK;
}

/* --- edit ---------------------------------------------------------------------- */

/* Sets *field to value when given ("" clears it). */
static void
set_text(char **field, const char *value)
{
	if (value == NULL)
		return;
	free(*field);
	*field = *value != '\0' ? sd_xstrdup(value) : NULL;
}

/*
 * Sets the fields given; the frame journals each one that changed (the
 * table's SD_FF_JOURNAL fields, the due date among them) and saves nothing
 * when none did.
 */
static sd_status
apply_edit(struct case_op *op, struct sd_txn *t, struct sd_case *c, struct sd_error *err)
{
	const struct sd_case_input *in = op->in;
	char *old_category;
	sd_status s;

	if (in->subject != NULL && *in->subject == '\0')
		return sd_fail_field(err, SD_INVALID, "subject", _("subject: must not be empty."));
	/* Another enterprise (a case from mail of an unknown sender is linked so). */
	if (in->enterprise != NULL && (s = ent_resolve_visible(t, op->d, in->enterprise,
	    c->enterprise, err)) != SD_OK)
		return s;
	old_category = sd_xstrdup(c->category);
	set_text(&c->subject, in->subject);
	set_text(&c->description, in->description);
	set_text(&c->category, in->category);
	set_text(&c->owner, in->owner);
	if (in->channel != SD_CHANNEL_NONE)
		c->channel = in->channel;
	if (in->priority != SD_PRIORITY_NONE)
		c->priority = in->priority;
	/* A new category brings its own service level, counted from creation. */
	if (in->category != NULL &&
	    !(old_category && c->category && strcmp(old_category, c->category) == 0))
		c->due = sd_desk_due(op->d, sd_day_from_time(c->created),
		    service_days(op->d, c->category));
	free(old_category);
	return SD_OK;
}

static const struct case_action case_edit = {
	{ SD_ACT_CASE_EDIT, RA_EDITS | RA_REWRITES }, apply_edit,
};

sd_status
sd_case_edit(struct sd_desk *d, const char *number, const struct sd_case_input *in,
    uint32_t expect_version, struct sd_error *err)
{
	struct case_op op = { .d = d, .number = number, .expect = expect_version,
	    .act = &case_edit, .in = in };
	sd_status s;

	if ((s = check_text("subject", _("subject"), in->subject,
	    field_max(SD_RECORD_CASE, "subject"), false, err)) != SD_OK ||
	    (s = check_subject_line(in->subject, false, err)) != SD_OK ||
	    (s = check_text("description", _("description"), in->description,
	    field_max(SD_RECORD_CASE, "description"), false, err)) != SD_OK ||
	    (s = sd_desk_known_category(d, in->category && *in->category ? in->category : NULL, err)) != SD_OK)
		return s;
	if (in->owner != NULL) {
		const struct sd_officer *o = sd_config_officer(&d->cfg, in->owner);
		if (o == NULL || !sd_officer_may(o, SD_ACT_CASE_OWN))
			return sd_fail_field(err, SD_INVALID, "owner",
			    _("owner %s: the owner must be a configured contact or admin."), in->owner);
	}
	return run_case_op(&op, err);
}

/* --- routing --------------------------------------------------------------------- */

static sd_status
apply_route(struct case_op *op, struct sd_txn *t, struct sd_case *c, struct sd_error *err)
{
	sd_status s;

	for (size_t i = 0; i < op->ndepts; i++) {
		const struct sd_department *dept = sd_config_department(&op->d->cfg, op->depts[i]);
		struct sd_route *r = find_route(op, dept->id), old = { 0 }, fresh = { 0 };

		/* sd_case_route left each department once. */
		if (r != NULL && route_is_open(r->state))
			return sd_fail(err, SD_INVALID,
			    _("the case is already routed to %s (%s)."), dept->id,
			    sd_route_state_label(r->state));
		if (r == NULL) {
			op->routes = sd_xrealloc(op->routes, (op->nroutes + 1) * sizeof *op->routes);
			r = &op->routes[op->nroutes++];
			memset(r, 0, sizeof *r);
			r->dept = sd_xstrdup(dept->id);
		} else {
			/* A new round for a finished route; the journal keeps the old answer. */
			old = *r;
		}
		fresh.dept = r->dept;
		fresh.state = SD_ROUTE_PENDING;
		fresh.due = sd_desk_due(op->d, sd_desk_today(op->d), dept->service_days);
		fresh.routed = sd_desk_now(op->d);
		fresh.round = r->round + 1;
		s = route_save(t, c->key, r->state ? &old : NULL, &fresh, err);
		if (s == SD_OK)
			s = journal_case(t, op->d, c->key, "routed", dept->id, op->text, err);
		free(r->officer);
		free(r->answer);
		*r = fresh;
		if (s != SD_OK)
			return s;
	}
	c->status = derive_status(op->routes, op->nroutes);
	return SD_OK;
}

static const struct case_action case_route = { { SD_ACT_CASE_ROUTE, 0 }, apply_route };

sd_status
sd_case_route(struct sd_desk *d, const char *number, const char *const *depts, size_t ndepts,
    const char *note, uint32_t expect_version, struct sd_error *err)
{
	struct case_op op = { .d = d, .number = number, .expect = expect_version,
	    .act = &case_route, .text = note };
	const struct sd_department *dept;
	const char **once;
	bool *seen;
	sd_status s;

	if (ndepts == 0)
		return sd_fail_field(err, SD_INVALID, "department",
		    _("name at least one department to route to."));
	if ((s = check_text("text", _("note"), note, field_max(SD_RECORD_JOURNAL, "text"), false,
	    err)) != SD_OK)
		return s;
	/*
	 * Every name checked and each department kept once, in the order
	 * first named, before the transaction: the writer is held for at most
	 * one route per configured department, however many names were given.
	 */
	seen = sd_xcalloc(d->cfg.ndepartments + 1, sizeof *seen);
	once = sd_xmalloc((d->cfg.ndepartments + 1) * sizeof *once);
	for (size_t i = 0; i < ndepts; i++) {
		if ((dept = sd_config_department(&d->cfg, depts[i])) == NULL) {
			s = sd_desk_known_department(d, depts[i], err);
			goto out;
		}
		if (!seen[dept - d->cfg.departments]) {
			seen[dept - d->cfg.departments] = true;
			once[op.ndepts++] = dept->id;
		}
	}
	op.depts = once;
	s = run_case_op(&op, err);
out:
	free(seen);
	free(once);
	return s;
}

/*
 * The route pick up, answer and decline work on; sd_permit_case made sure
 * in the frame that it exists and is open.
 */
static struct sd_route *
route_for_work(struct case_op *op)
{
	return find_route(op, op->dept);
}

static sd_status
apply_pickup(struct case_op *op, struct sd_txn *t, struct sd_case *c, struct sd_error *err)
{
	struct sd_route *r = route_for_work(op), old;
	sd_status s;

	old = *r;
	r->state = SD_ROUTE_PICKED_UP;
	free(r->officer);
	r->officer = sd_xstrdup(op->d->me->login);
	r->picked_up = sd_desk_now(op->d);
	if ((s = route_save(t, c->key, &old, r, err)) != SD_OK ||
	    (s = journal_case(t, op->d, c->key, "picked_up", op->dept, NULL, err)) != SD_OK)
		return s;
	follow_routes(op, c);
	return SD_OK;
}

static sd_status
apply_finish(struct case_op *op, struct sd_txn *t, struct sd_case *c, enum sd_route_state to,
    struct sd_error *err)
{
	struct sd_route *r = route_for_work(op), old;
	sd_status s;

	old = *r;
	r->state = to;
	free(r->officer);
	r->officer = sd_xstrdup(op->d->me->login);
	if (r->picked_up == 0)
		r->picked_up = sd_desk_now(op->d);
	r->finished = sd_desk_now(op->d);
	free(r->answer);
	r->answer = sd_xstrdup(op->text);
	if ((s = route_save(t, c->key, &old, r, err)) != SD_OK ||
	    (s = journal_case(t, op->d, c->key, sd_route_state_name(to), op->dept, op->text,
	    err)) != SD_OK)
		return s;
	follow_routes(op, c);
	return SD_OK;
}

static sd_status
apply_answer(struct case_op *op, struct sd_txn *t, struct sd_case *c, struct sd_error *err)
{
	return apply_finish(op, t, c, SD_ROUTE_ANSWERED, err);
}

static sd_status
apply_decline(struct case_op *op, struct sd_txn *t, struct sd_case *c, struct sd_error *err)
{
	return apply_finish(op, t, c, SD_ROUTE_DECLINED, err);
}

static sd_status
apply_withdraw(struct case_op *op, struct sd_txn *t, struct sd_case *c, struct sd_error *err)
{
	struct sd_route *r = route_for_work(op), old;
	sd_status s;

	old = *r;
	r->state = SD_ROUTE_WITHDRAWN;
	r->finished = sd_desk_now(op->d);
	if ((s = route_save(t, c->key, &old, r, err)) != SD_OK ||
	    (s = journal_case(t, op->d, c->key, "withdrawn", op->dept, op->text, err)) != SD_OK)
		return s;
	follow_routes(op, c);
	return SD_OK;
}

static sd_status
apply_remind(struct case_op *op, struct sd_txn *t, struct sd_case *c, struct sd_error *err)
{
	struct sd_route *r = route_for_work(op), old;
	sd_status s;

	old = *r;
	r->reminded = sd_desk_now(op->d);
	if ((s = route_save(t, c->key, &old, r, err)) != SD_OK)
		return s;
	return journal_case(t, op->d, c->key, "reminded", op->dept, op->text, err);
}

static const struct case_action case_withdraw = { { SD_ACT_ROUTE_WITHDRAW, 0 }, apply_withdraw };
static const struct case_action case_remind = { { SD_ACT_ROUTE_REMIND, 0 }, apply_remind };

static const struct case_action case_pickup = { { SD_ACT_ROUTE_PICKUP, 0 }, apply_pickup };
static const struct case_action case_answer = { { SD_ACT_ROUTE_WORK, 0 }, apply_answer };
static const struct case_action case_decline = { { SD_ACT_ROUTE_WORK, 0 }, apply_decline };

static sd_status
route_work(struct sd_desk *d, const char *number, const char *dept, const char *text,
    const char *what, uint32_t expect, const struct case_action *act, struct sd_error *err)
{
	struct case_op op = { .d = d, .number = number, .expect = expect,
	    .act = act, .dept = dept, .text = text };
	sd_status s;

	if (dept == NULL || *dept == '\0')
		return sd_fail_field(err, SD_INVALID, "department",
		    _("say which department (--dept D)."));
	if ((s = sd_desk_known_department(d, dept, err)) != SD_OK)
		return s;
	if (what != NULL && (s = check_text("answer", what, text,
	    field_max(SD_RECORD_ROUTE, "answer"), true, err)) != SD_OK)
		return s;
	return run_case_op(&op, err);
}

sd_status
sd_case_withdraw(struct sd_desk *d, const char *number, const char *dept, const char *reason,
    uint32_t expect, struct sd_error *err)
{
	sd_status s;

	if ((s = check_text("text", _("reason"), reason, field_max(SD_RECORD_JOURNAL, "text"),
	    true, err)) != SD_OK)
		return s;
	return route_work(d, number, dept, reason, NULL, expect, &case_withdraw, err);
}

sd_status
sd_case_remind(struct sd_desk *d, const char *number, const char *dept, const char *text,
    uint32_t expect, struct sd_error *err)
{
	sd_status s;

	if (text != NULL && (s = check_text("text", _("reminder"), text,
	    field_max(SD_RECORD_JOURNAL, "text"), false, err)) != SD_OK)
		return s;
	return route_work(d, number, dept, text, NULL, expect, &case_remind, err);
}

sd_status
sd_case_pickup(struct sd_desk *d, const char *number, const char *dept, uint32_t expect,
    struct sd_error *err)
{
	return route_work(d, number, dept, NULL, NULL, expect, &case_pickup, err);
}

sd_status
sd_case_answer(struct sd_desk *d, const char *number, const char *dept, const char *text,
    uint32_t expect, struct sd_error *err)
{
	return route_work(d, number, dept, text, _("answer"), expect, &case_answer, err);
}

sd_status
sd_case_decline(struct sd_desk *d, const char *number, const char *dept, const char *reason,
    uint32_t expect, struct sd_error *err)
{
	return route_work(d, number, dept, reason, _("reason"), expect, &case_decline, err);
}

/* --- notes, waiting, reopening, closing ---------------------------------------------- */

static sd_status
apply_note(struct case_op *op, struct sd_txn *t, struct sd_case *c, struct sd_error *err)
{
	return journal_case(t, op->d, c->key, "note", NULL, op->text, err);
}

static const struct case_action case_note = { { SD_ACT_CASE_NOTE, 0 }, apply_note };

sd_status
sd_case_note(struct sd_desk *d, const char *number, const char *text, uint32_t expect,
    struct sd_error *err)
{
	struct case_op op = { .d = d, .number = number, .expect = expect,
	    .act = &case_note, .text = text };
	sd_status s;

	if ((s = check_text("text", _("note"), text, field_max(SD_RECORD_JOURNAL, "text"), true,
	    err)) != SD_OK)
		return s;
	return run_case_op(&op, err);
}

/*
 * A mail from outside as a note (mailgate): on a case waiting on the
 * enterprise the day it comes back becomes today, so the answer is in the
 * contact point's inbox at once (journaled as any change of that day).
 */
static sd_status journal_day(struct case_op *op, struct sd_txn *t, struct sd_case *c,
    const char *field, sd_day from, sd_day to, struct sd_error *err);

static sd_status
apply_mail_note(struct case_op *op, struct sd_txn *t, struct sd_case *c, struct sd_error *err)
{
	sd_day today = sd_desk_today(op->d);
	sd_status s;

	if ((s = journal_case(t, op->d, c->key, "note", NULL, op->text, err)) != SD_OK)
		return s;
	if (c->status != SD_CASE_WAITING || (c->wait_until != SD_NO_DAY && c->wait_until <= today))
		return SD_OK;
	s = journal_day(op, t, c, "wait_until", c->wait_until, today, err);
	c->wait_until = today;
	return s;
}

static const struct case_action case_mail_note = { { SD_ACT_CASE_NOTE, 0 }, apply_mail_note };

/* A note inside t (internal.h): mailgate adds a mail and its attachments in one transaction. */
sd_status
case_note_in_txn(struct sd_txn *t, struct sd_desk *d, const char *number, const char *text,
    bool from_outside, struct sd_error *err)
{
	struct case_op op = { .d = d, .number = number, .text = text,
	    .act = from_outside ? &case_mail_note : &case_note };
	sd_status s;

	if ((s = check_text("text", _("note"), text, field_max(SD_RECORD_JOURNAL, "text"), true,
	    err)) != SD_OK)
		return s;
	op.base.d = d;
	op.base.kind = &case_kind;
	op.base.action = &op.act->base;
	op.base.ref = number;
	return rec_op_run_in(&op.base, t, err);
}

/* A day as the journal shows it ("" for none). */
static void
day_text(sd_day day, char out[11])
{
	if (day == SD_NO_DAY)
		out[0] = '\0';
	else
		sd_day_format(day, out);
}

static sd_status
journal_day(struct case_op *op, struct sd_txn *t, struct sd_case *c, const char *field,
    sd_day from, sd_day to, struct sd_error *err)
{
	uint8_t ck[SD_CASE_KEY_LEN];
	char a[11], b[11];

	if (from == to)
		return SD_OK;
	day_text(from, a);
	day_text(to, b);
	sd_case_key_pack(c->key, ck);
	return journal_field(t, op->d, SD_SUBJECT_CASE, ck, sizeof ck, field, *a ? a : NULL,
	    *b ? b : NULL, err);
}

static sd_status
apply_wait(struct case_op *op, struct sd_txn *t, struct sd_case *c, struct sd_error *err)
{
	sd_status s;

	if (op->text != NULL &&
	    (s = journal_case(t, op->d, c->key, "waiting", NULL, op->text, err)) != SD_OK)
		return s;
	if ((s = journal_day(op, t, c, "wait_until", c->wait_until, op->day, err)) != SD_OK)
		return s;
	c->wait_until = op->day;
	c->status = SD_CASE_WAITING;
	return SD_OK;
}

static const struct case_action case_wait = { { SD_ACT_CASE_WAIT, 0 }, apply_wait };

sd_status
sd_case_wait(struct sd_desk *d, const char *number, uint32_t expect, struct sd_error *err)
{
	return sd_case_wait_until(d, number, SD_NO_DAY, NULL, expect, err);
}

/* A day to come back must lie ahead: today or past, it would mean nothing. */
static sd_status
check_future(struct sd_desk *d, const char *field, sd_day day, struct sd_error *err)
{
	char today[11];

	if (day == SD_NO_DAY || day > sd_desk_today(d))
		return SD_OK;
	sd_day_format(sd_desk_today(d), today);
	return sd_fail_field(err, SD_INVALID, field,
	    _("the day must lie after today (%s); nothing was changed."), today);
}

sd_status
sd_case_wait_until(struct sd_desk *d, const char *number, sd_day until, const char *reason,
    uint32_t expect, struct sd_error *err)
{
	struct case_op op = { .d = d, .number = number, .expect = expect,
	    .act = &case_wait, .day = until };
	sd_status s;

	if ((s = check_future(d, "wait_until", until, err)) != SD_OK)
		return s;
	if (reason != NULL && *reason == '\0')
		reason = NULL;
	if (reason != NULL && (s = check_text("text", _("reason"), reason,
	    field_max(SD_RECORD_JOURNAL, "text"), false, err)) != SD_OK)
		return s;
	op.text = reason;
	return run_case_op(&op, err);
}


static sd_status
apply_follow_up(struct case_op *op, struct sd_txn *t, struct sd_case *c, struct sd_error *err)
{
	sd_status s;

	if ((s = journal_day(op, t, c, "follow_up", c->follow_up, op->day, err)) != SD_OK)
		return s;
	if (op->text != NULL &&
	    (s = journal_case(t, op->d, c->key, "follow_up", NULL, op->text, err)) != SD_OK)
		return s;
	c->follow_up = op->day;
	return SD_OK;
}

static const struct case_action case_follow_up = { { SD_ACT_CASE_FOLLOW_UP, 0 },
    apply_follow_up };

sd_status
sd_case_follow_up(struct sd_desk *d, const char *number, sd_day on, const char *text,
    uint32_t expect, struct sd_error *err)
{
	struct case_op op = { .d = d, .number = number, .expect = expect,
	    .act = &case_follow_up, .day = on };
	sd_status s;

	if (on == SD_NO_DAY)
		return sd_fail_field(err, SD_INVALID, "follow_up",
		    _("say on which day (--on YYYY-MM-DD)."));
	if ((s = check_future(d, "follow_up", on, err)) != SD_OK)
		return s;
	if (text != NULL && *text == '\0')
		text = NULL;
	if (text != NULL && (s = check_text("text", _("note"), text,
	    field_max(SD_RECORD_JOURNAL, "text"), false, err)) != SD_OK)
		return s;
	op.text = text;
	return run_case_op(&op, err);
}

static sd_status
apply_reopen(struct case_op *op, struct sd_txn *t, struct sd_case *c, struct sd_error *err)
{
	sd_status s;

	if ((s = journal_case(t, op->d, c->key, "reopened", NULL, NULL, err)) != SD_OK)
		return s;
	/*
	 * No longer waiting: the day to come back has no meaning any more.  A
	 * follow-up day counts again (case_day_index keeps the day indexes).
	 */
	c->wait_until = SD_NO_DAY;
	if (c->status == SD_CASE_CLOSED) {
		free(c->resolution);
		c->resolution = NULL;
		c->satisfaction = 0;
		c->own_view = 0;
		c->closed = 0;
	}
	c->status = derive_status(op->routes, op->nroutes);
	return SD_OK;
}

static const struct case_action case_reopen = { { SD_ACT_CASE_REOPEN, 0 }, apply_reopen };

sd_status
sd_case_reopen(struct sd_desk *d, const char *number, uint32_t expect, struct sd_error *err)
{
	struct case_op op = { .d = d, .number = number, .expect = expect,
	    .act = &case_reopen };

	return run_case_op(&op, err);
}

/*
 * A score given at closing goes in the journal as a field change: a
 * reopen clears the case's scores, and a later closing must not lose them.
 */
static sd_status
journal_score(struct sd_txn *t, const struct sd_desk *d, struct sd_case_key key,
    const char *field, int score, struct sd_error *err)
{
	uint8_t ck[SD_CASE_KEY_LEN];
	char v[4];

	if (score == 0)
		return SD_OK;
	sd_case_key_pack(key, ck);
	snprintf(v, sizeof v, "%d", score);
	return journal_field(t, d, SD_SUBJECT_CASE, ck, sizeof ck, field, NULL, v, err);
}

static sd_status
apply_close(struct case_op *op, struct sd_txn *t, struct sd_case *c, struct sd_error *err)
{
	sd_status s;

	/* Open routes end with the case, so they leave the departments' inboxes. */
	for (size_t i = 0; i < op->nroutes; i++) {
		struct sd_route *r = &op->routes[i], old = *r;
		if (!route_is_open(r->state))
			continue;
		r->state = SD_ROUTE_WITHDRAWN;
		r->finished = sd_desk_now(op->d);
		if ((s = route_save(t, c->key, &old, r, err)) != SD_OK ||
		    (s = journal_case(t, op->d, c->key, "withdrawn", r->dept,
		    _("the case was closed"), err)) != SD_OK)
			return s;
	}
	if ((s = journal_case(t, op->d, c->key, "closed", NULL, op->text, err)) != SD_OK ||
	    (s = journal_score(t, op->d, c->key, "satisfaction", op->satisfaction, err)) != SD_OK ||
	    (s = journal_score(t, op->d, c->key, "own_view", op->own_view, err)) != SD_OK)
		return s;
	/* A closed case does not come back: case_day_index drops its days. */
	c->status = SD_CASE_CLOSED;
	c->closed = sd_desk_now(op->d);
	free(c->resolution);
	c->resolution = sd_xstrdup(op->text);
	c->satisfaction = op->satisfaction;
	c->own_view = op->own_view;
	return SD_OK;
}

static const struct case_action case_close = { { SD_ACT_CASE_CLOSE, 0 }, apply_close };

sd_status
sd_case_close(struct sd_desk *d, const char *number, const char *resolution, int satisfaction,
    uint32_t expect, struct sd_error *err)
{
	return sd_case_close_scored(d, number, resolution, satisfaction, 0, expect, err);
}

sd_status
sd_case_close_scored(struct sd_desk *d, const char *number, const char *resolution,
    int satisfaction, int own_view, uint32_t expect, struct sd_error *err)
{
	struct case_op op = { .d = d, .number = number, .expect = expect,
	    .act = &case_close, .text = resolution,
	    .satisfaction = satisfaction, .own_view = own_view };
	sd_status s;

	if ((s = check_text("resolution", _("resolution"), resolution,
	    field_max(SD_RECORD_CASE, "resolution"), true, err)) != SD_OK)
		return s;
	if (satisfaction < 0 || satisfaction > 5)
		return sd_fail_field(err, SD_INVALID, "satisfaction",
		    _("satisfaction must be 1 to 5 (or left out)."));
	if (own_view < 0 || own_view > 5)
		return sd_fail_field(err, SD_INVALID, "own_view",
		    _("own view must be 1 to 5 (or left out)."));
	return run_case_op(&op, err);
}
