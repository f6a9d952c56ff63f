/*
 * `sedesk case import`: a history of enquiries checked whole, then written
 * on the bulk path (bulk.h) -- each case's record, routes, indexes and
 * search terms once, and its journal with the history's own dates; no
 * workflow action is replayed.  The reading is case_import_parse.c's.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulk.h"
#include "ent_refs.h"
#include "internal.h"
#include "keys.h"
#include "sedesk/config.h"
#include "sedesk/fields.h"
#include "sedesk/i18n.h"
#include "sedesk/import.h"
#include "sedesk/text.h"

/* A route as checked. */
struct ci_route {
	const char		*dept;
	enum sd_route_state	 state;
	int64_t			 routed, finished;
	const char		*answer;
};

/* A record as checked: what the write needs. */
struct ci_case {
	const struct sd_ci_record *rec;
	uint8_t			 ent[SD_UUID_LEN];
	int64_t			 created, closed, updated;
	enum sd_channel		 channel;
	enum sd_priority	 priority;
	enum sd_case_status	 status;
	int			 satisfaction, own_view;
	struct ci_route		 routes[SD_CI_ROUTES];
	size_t			 nroutes;
};

/* A date (2019-03-14, taken at noon UTC) or a time (RFC 3339). */
static bool
parse_when(const char *s, int64_t *out)
{
	sd_day day;

	if (sd_day_parse(s, &day)) {
		*out = (int64_t)day * 86400 + 12 * 3600;
		return sd_time_in_range(*out);
	}
	return sd_parse_time(s, out) && sd_time_in_range(*out);
}

static sd_status
when(const char *field, const char *s, int64_t now, int64_t *out, struct sd_error *err)
{
	if (!parse_when(s, out))
		return sd_fail_field(err, SD_INVALID, field,
		    _("%s: \"%s\" is not a date (2019-03-14) or a time (2019-03-14T10:30:00Z)."),
		    field, s);
	if (*out > now)
		return sd_fail_field(err, SD_INVALID, field,
		    _("%s: %s is in the future; a history has only past dates."), field, s);
	return SD_OK;
}

static sd_status
score(const char *field, const char *s, int *out, struct sd_error *err)
{
	char *end;
	long v;

	*out = 0;
	if (s == NULL)
		return SD_OK;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s || v < 1 || v > 5)
		return sd_fail_field(err, SD_INVALID, field,
		    _("%s: \"%s\" is not a score from 1 to 5."), field, s);
	*out = (int)v;
	return SD_OK;
}

/* An enterprise by id or number, else by its exact name (unique). */
static sd_status
find_enterprise(struct sd_txn *t, const char *ref, uint8_t id[SD_UUID_LEN],
    struct sd_error *err)
{
	struct sd_key k;
	struct sd_iter it;
	char *folded;
	size_t n = 0;
	sd_status s;

	s = ent_resolve(t, ref, id, NULL);
	if (s != SD_NOTFOUND)
		return s == SD_OK ? s : ent_resolve(t, ref, id, err);
	folded = sd_fold(ref);
	sd_key_reset(&k);
	sd_key_str(&k, folded);
	free(folded);
	sd_iter_start(&it, t, SD_DB_ENT_BY_NAME, k.b, k.len, false, NULL, 0);
	while (n < 2 && sd_iter_next(&it)) {
		if (it.key.mv_size != k.len + SD_UUID_LEN)
			continue;
		memcpy(id, (const uint8_t *)it.key.mv_data + k.len, SD_UUID_LEN);
		n++;
	}
	s = sd_iter_status(&it, _("enterprise"), err);
	sd_iter_end(&it);
	if (s != SD_OK)
		return s;
	if (n == 1)
		return SD_OK;
	if (n > 1)
		return sd_fail_field(err, SD_INVALID, "enterprise",
		    _("enterprise: several enterprises are named \"%s\"; give its number."), ref);
	return sd_fail_field(err, SD_INVALID, "enterprise",
	    _("enterprise: no enterprise has the number, id or name \"%s\"."), ref);
}

/* What the workflow makes of these routes (derive_status in case_actions.c). */
static enum sd_case_status
status_of_routes(const struct ci_case *c)
{
	size_t worked = 0, done = 0;

	for (size_t i = 0; i < c->nroutes; i++) {
		enum sd_route_state st = c->routes[i].state;
		worked += st != SD_ROUTE_PENDING;
		done += st == SD_ROUTE_ANSWERED || st == SD_ROUTE_DECLINED;
	}
	if (c->nroutes == 0)
		return SD_CASE_NEW;
	if (done == c->nroutes)
		return SD_CASE_ANSWERED;
	return worked > 0 ? SD_CASE_IN_PROGRESS : SD_CASE_ROUTED;
}

/*
 * "deptN", the field of route n (1 to SD_CI_ROUTES), as the error names it:
 * made for every route of every row twice (checked, then written), where
 * snprintf cost as much as the rest of the check.
 */
static void
route_field(char out[16], int n)
{
	char digits[12];
	size_t nd = 0;

	memcpy(out, "dept", 4);
	do
		digits[nd++] = (char)('0' + n % 10);
	while ((n /= 10) > 0 && nd < sizeof digits);
	for (size_t i = 0; i < nd; i++)
		out[4 + i] = digits[nd - 1 - i];
	out[4 + nd] = '\0';
}

static sd_status
check_route(struct sd_desk *d, const struct sd_ci_route *in, int n, struct ci_case *c,
    int64_t now, struct sd_error *err)
{
	struct ci_route *r = &c->routes[c->nroutes];
	char field[16];
	sd_status s;

	route_field(field, n);
	if (in->dept == NULL)
		return sd_fail_field(err, SD_INVALID, field,
		    _("route %d has no department (%s)."), n, field);
	if ((s = sd_desk_known_department(d, in->dept, err)) != SD_OK)
		return s;
	for (size_t i = 0; i < c->nroutes; i++)
		if (strcmp(c->routes[i].dept, in->dept) == 0)
			return sd_fail_field(err, SD_INVALID, field,
			    _("department %s is routed twice."), in->dept);
	r->dept = in->dept;
	r->answer = in->answer;
	if (in->state == NULL)
		r->state = in->answer != NULL ? SD_ROUTE_ANSWERED : SD_ROUTE_PENDING;
	else
		r->state = sd_route_state_parse(in->state);
	if (r->state != SD_ROUTE_PENDING && r->state != SD_ROUTE_PICKED_UP &&
	    r->state != SD_ROUTE_ANSWERED && r->state != SD_ROUTE_DECLINED)
		return sd_fail_field(err, SD_INVALID, field,
		    _("route %d: state \"%s\" is not one of pending, picked_up, answered, "
		    "declined."), n, in->state);
	if ((r->state == SD_ROUTE_ANSWERED || r->state == SD_ROUTE_DECLINED) && r->answer == NULL)
		return sd_fail_field(err, SD_INVALID, field,
		    _("route %d to %s is %s but has no answer (answer%d): an answer or the "
		    "reason it was declined."), n, in->dept, sd_route_state_name(r->state), n);
	if ((r->state == SD_ROUTE_PENDING || r->state == SD_ROUTE_PICKED_UP) && r->answer != NULL)
		return sd_fail_field(err, SD_INVALID, field,
		    _("route %d to %s has an answer but is %s."), n, in->dept,
		    sd_route_state_name(r->state));
	r->routed = c->created;
	if (in->routed != NULL && (s = when("routed", in->routed, now, &r->routed, err)) != SD_OK)
		return s;
	if (r->routed < c->created)
		return sd_fail_field(err, SD_INVALID, field,
		    _("route %d to %s was routed before the case was created."), n, in->dept);
	r->finished = 0;
	if (r->state == SD_ROUTE_ANSWERED || r->state == SD_ROUTE_DECLINED) {
		r->finished = r->routed;
		if (in->answered != NULL &&
		    (s = when("answered", in->answered, now, &r->finished, err)) != SD_OK)
			return s;
		if (r->finished < r->routed)
			return sd_fail_field(err, SD_INVALID, field,
			    _("route %d to %s was answered before it was routed."), n, in->dept);
	} else if (in->answered != NULL) {
		return sd_fail_field(err, SD_INVALID, field,
		    _("route %d to %s has an answer date but is %s."), n, in->dept,
		    sd_route_state_name(r->state));
	}
	c->nroutes++;
	return SD_OK;
}

/*
 * The rules a case of the workflow keeps, on one record; out is filled
 * when it passes.  In t (read or write): the enterprise must exist.
 */
static sd_status
check_record(struct sd_txn *t, struct sd_desk *d, struct ent_refs *refs,
    const struct sd_ci_record *in, struct ci_case *c, struct sd_error *err)
{
	struct sd_case_input ci = { 0 };
	int64_t now = sd_desk_now(d), last;
	bool routes_ended = false;
	sd_status s;

	memset(c, 0, sizeof *c);
	c->rec = in;
	if (in->created == NULL)
		return sd_fail_field(err, SD_INVALID, "created",
		    _("created: a case needs the date it came in."));
	if ((s = when("created", in->created, now, &c->created, err)) != SD_OK)
		return s;
	ci.enterprise = in->enterprise;
	ci.subject = in->subject;
	ci.description = in->description;
	ci.category = in->category;
	if ((s = case_new_check(d, &ci, err)) != SD_OK ||
	    (s = ent_refs_find(refs, t, in->enterprise, c->ent, find_enterprise, err)) != SD_OK)
		return s;
	c->channel = in->channel ? sd_channel_parse(in->channel) : SD_CHANNEL_PHONE;
	if (c->channel == SD_CHANNEL_NONE)
		return sd_fail_field(err, SD_INVALID, "channel",
		    _("channel: \"%s\" is not a channel (phone, email, desk, site-visit, pitch, "
		    "event, web, meeting)."), in->channel);
	c->priority = in->priority ? sd_priority_parse(in->priority) : SD_PRIORITY_NORMAL;
	if (c->priority == SD_PRIORITY_NONE)
		return sd_fail_field(err, SD_INVALID, "priority",
		    _("priority: \"%s\" is not a priority (low, normal, high, urgent)."),
		    in->priority);
	for (int i = 0; i < SD_CI_ROUTES; i++) {
		const struct sd_ci_route *r = &in->routes[i];
		bool any = r->dept || r->state || r->routed || r->answer || r->answered;
		if (!any) {
			routes_ended = true;
			continue;
		}
		if (routes_ended)
			return sd_fail_field(err, SD_INVALID, "routes",
			    _("route %d follows an empty route: number the routes from 1 on."), i + 1);
		if ((s = check_route(d, r, i + 1, c, now, err)) != SD_OK)
			return s;
	}
	/* The status: closed and waiting are said; the others follow from the routes. */
	if (in->status == NULL)
		c->status = in->resolution != NULL ? SD_CASE_CLOSED : status_of_routes(c);
	else if ((c->status = sd_case_status_parse(in->status)) == SD_CASE_NONE)
		return sd_fail_field(err, SD_INVALID, "status",
		    _("status: \"%s\" is not a status (new, routed, in_progress, answered, "
		    "waiting, closed)."), in->status);
	if (c->status != SD_CASE_CLOSED && c->status != SD_CASE_WAITING &&
	    c->status != status_of_routes(c))
		return sd_fail_field(err, SD_INVALID, "status",
		    _("status: a case with these routes is %s, not %s."),
		    sd_case_status_name(status_of_routes(c)), sd_case_status_name(c->status));
	if (c->status != SD_CASE_CLOSED && (in->resolution != NULL || in->closed != NULL))
		return sd_fail_field(err, SD_INVALID, "resolution",
		    _("resolution: only a closed case has a resolution and a closing date."));
	if (c->status != SD_CASE_CLOSED && (in->satisfaction != NULL || in->own_view != NULL))
		return sd_fail_field(err, SD_INVALID, "satisfaction",
		    _("satisfaction: scores are given when a case is closed."));
	if ((s = score("satisfaction", in->satisfaction, &c->satisfaction, err)) != SD_OK ||
	    (s = score("own_view", in->own_view, &c->own_view, err)) != SD_OK)
		return s;
	last = c->created;
	for (size_t i = 0; i < c->nroutes; i++) {
		if (c->routes[i].routed > last)
			last = c->routes[i].routed;
		if (c->routes[i].finished > last)
			last = c->routes[i].finished;
	}
	if (c->status == SD_CASE_CLOSED) {
		if (in->resolution == NULL)
			return sd_fail_field(err, SD_INVALID, "resolution",
			    _("resolution: a closed case needs its resolution."));
		if (strlen(in->resolution) > sd_record_field_named(SD_RECORD_CASE, "resolution")->max)
			return sd_fail_field(err, SD_INVALID, "resolution",
			    _("resolution: too long (%zu bytes; at most %zu)."), strlen(in->resolution),
			    sd_record_field_named(SD_RECORD_CASE, "resolution")->max);
		if (!sd_utf8_valid(in->resolution, strlen(in->resolution)))
			return sd_fail_field(err, SD_INVALID, "resolution",
			    _("resolution: not valid UTF-8 text."));
		c->closed = last;
		if (in->closed != NULL && (s = when("closed", in->closed, now, &c->closed, err)) != SD_OK)
			return s;
		if (c->closed < last)
			return sd_fail_field(err, SD_INVALID, "closed",
			    _("closed: the case was closed before its last route or answer."));
		last = c->closed;
	}
	c->updated = last;
	return SD_OK;
}

/* --- writing ------------------------------------------------------------------------- */

static int
service_days(const struct sd_desk *d, const char *category)
{
	const struct sd_category *c = category ? sd_config_category(&d->cfg, category) : NULL;

	return c != NULL ? c->service_days : d->cfg.service_days;
}

/*
 * What the writing pass remembers from row to row: a history's rows share
 * a handful of days and departments, and a chunk's rows mostly a year.
 *   - due days by start and service days (sd_desk_due counts working days
 *     one by one against the holidays: three a row);
 *   - the last case number given in this write transaction (mdb_txn_id),
 *     so the next of the same year needs neither the counter nor the
 *     year's last case read again.  Forgotten when a row fails (its
 *     number went with it) and when the job starts over after a full map
 *     (the new transaction has the aborted one's id).
 */
#define DUE_MEMO	64
struct write_memo {
	struct { sd_day start, due; int days; } due[DUE_MEMO];
	size_t	 txn;
	int	 year;
	uint32_t seq;
};

static sd_day
due_of(struct write_memo *m, const struct sd_desk *d, sd_day start, int days)
{
	size_t i = ((size_t)(uint32_t)start * 31u + (size_t)(uint32_t)days) % DUE_MEMO;

	if (m->due[i].start != start || m->due[i].days != days || m->due[i].start == 0) {
		m->due[i].start = start;
		m->due[i].days = days;
		m->due[i].due = sd_desk_due(d, start, days);
	}
	return m->due[i].due;
}

/* The next number of the year (the same rule as case_new_in_txn). */
static sd_status
next_key(struct sd_txn *t, struct write_memo *m, int year, struct sd_case_key *out,
    struct sd_error *err)
{
	uint8_t y2[2] = { (uint8_t)(year >> 8), (uint8_t)year };
	struct sd_iter it;
	char meta[32];
	uint32_t seq = 0;
	MDB_val v;
	sd_status s;

	snprintf(meta, sizeof meta, "caseseq:%04d", year);
	if (m->txn == mdb_txn_id(t->txn) && m->year == year) {
		seq = m->seq + 1;
		goto found;
	}
	s = sd_db_get(t, SD_DB_META, meta, strlen(meta), &v, _("case"), err);
	if (s == SD_OK && v.mv_size == sizeof seq)
		memcpy(&seq, v.mv_data, sizeof seq);
	else if (s != SD_OK && s != SD_NOTFOUND)
		return s;
	sd_iter_start(&it, t, SD_DB_CASE, y2, sizeof y2, true, NULL, 0);
	if (sd_iter_next(&it) && it.key.mv_size == SD_CASE_KEY_LEN) {
		uint32_t last = sd_case_key_unpack(it.key.mv_data).seq;
		if (last > seq)
			seq = last;
	}
	s = sd_iter_status(&it, _("case"), err);
	sd_iter_end(&it);
	if (s != SD_OK)
		return s;
	seq++;
found:
	out->year = (uint16_t)year;
	out->seq = seq;
	m->txn = mdb_txn_id(t->txn);
	m->year = year;
	m->seq = seq;
	return sd_db_put(t, SD_DB_META, meta, strlen(meta), &seq, sizeof seq, _("case"), err);
}

/* One of a case's journal entries, with the history's own time. */
static void
journal_at(struct sd_journal_entry *e, const struct sd_desk *d, struct sd_case_key key,
    int64_t at, const char *kind, const char *dept, const char *text)
{
	memset(e, 0, sizeof *e);
	e->at = at;
	e->actor = d->me->login;
	e->kind = (char *)kind;
	e->dept = (char *)dept;
	e->text = (char *)text;
	e->subject_kind = SD_SUBJECT_CASE;
	sd_case_key_pack(key, e->subject);
	e->subject_len = SD_CASE_KEY_LEN;
}

/*
 * A case, its routes and its journal: the records and indexes in one step
 * (case_add: the reports' counts once per case), then the journal's
 * entries in one append (one read of its counter), then the search terms
 * from the case and those entries.
 */
static sd_status
write_case(struct sd_txn *t, struct sd_desk *d, struct write_memo *memo, const char *file,
    const struct ci_case *ic, struct sd_error *err)
{
	const struct sd_ci_record *in = ic->rec;
	struct sd_case c = { .wait_until = SD_NO_DAY, .follow_up = SD_NO_DAY };
	struct sd_route routes[SD_CI_ROUTES];
	/* created, routed and answered/declined per route, closed or waiting, imported */
	struct sd_journal_entry je[3 + 2 * SD_CI_ROUTES];
	size_t nje = 0;
	char note[512];
	int y, m, dd;
	sd_status s;

	sd_day_to_ymd(sd_day_from_time(ic->created), &y, &m, &dd);
	if ((s = next_key(t, memo, y, &c.key, err)) != SD_OK)
		return s;
	sd_uuid7(c.id);
	c.version = 1;
	memcpy(c.enterprise, ic->ent, SD_UUID_LEN);
	c.subject = sd_trim(sd_xstrdup(in->subject));
	c.description = sd_xstrdup(in->description);
	c.category = sd_xstrdup(in->category);
	c.owner = sd_xstrdup(d->me->login);
	c.resolution = sd_xstrdup(ic->status == SD_CASE_CLOSED ? in->resolution : NULL);
	c.channel = ic->channel;
	c.priority = ic->priority;
	c.status = ic->status;
	c.created = ic->created;
	c.updated = ic->updated;
	c.closed = ic->status == SD_CASE_CLOSED ? ic->closed : 0;
	c.due = due_of(memo, d, sd_day_from_time(c.created), service_days(d, c.category));
	c.satisfaction = ic->satisfaction;
	c.own_view = ic->own_view;
	journal_at(&je[nje++], d, c.key, c.created, "created", NULL, c.subject);
	for (size_t i = 0; i < ic->nroutes; i++) {
		const struct ci_route *ir = &ic->routes[i];
		const struct sd_department *dep = sd_config_department(&d->cfg, ir->dept);
		struct sd_route *r = &routes[i];

		memset(r, 0, sizeof *r);
		r->dept = (char *)ir->dept;
		r->state = ir->state;
		r->answer = (char *)ir->answer;
		r->routed = ir->routed;
		r->round = 1;
		r->due = due_of(memo, d, sd_day_from_time(ir->routed),
		    dep != NULL ? dep->service_days : d->cfg.service_days);
		if (ir->state == SD_ROUTE_PICKED_UP)
			r->picked_up = ir->routed;
		r->finished = ir->finished;
		/* A closed case's open routes were withdrawn when it closed. */
		if (c.status == SD_CASE_CLOSED && route_is_open(r->state)) {
			r->state = SD_ROUTE_WITHDRAWN;
			r->finished = c.closed;
		}
		journal_at(&je[nje++], d, c.key, r->routed, "routed", r->dept, NULL);
		if (ir->state == SD_ROUTE_ANSWERED || ir->state == SD_ROUTE_DECLINED)
			journal_at(&je[nje++], d, c.key, r->finished,
			    ir->state == SD_ROUTE_ANSWERED ? "answered" : "declined", r->dept,
			    r->answer);
	}
	if (c.status == SD_CASE_CLOSED)
		journal_at(&je[nje++], d, c.key, c.closed, "closed", NULL, c.resolution);
	if (c.status == SD_CASE_WAITING)
		journal_at(&je[nje++], d, c.key, c.updated, "waiting", NULL, NULL);
	snprintf(note, sizeof note, _("from %s line %ld"), file, in->line);
	journal_at(&je[nje++], d, c.key, sd_desk_now(d), "imported", NULL, note);
	s = case_add(t, &c, routes, ic->nroutes, err);
	if (s == SD_OK)
		s = sd_journal_append_n(t, je, nje, err);
	/* Its words from the entries just written (the whole journal of a new case). */
	if (s == SD_OK)
		s = search_index_case_journal(t, &c, je, nje, err);
	sd_case_free(&c);
	/* Checked before: a refusal now is the store's, not the row's. */
	return s == SD_INVALID ? SD_FAIL : s;
}

/* --- the two passes ------------------------------------------------------------------- */

struct run {
	struct sd_desk		*d;
	const char		*name;
	sd_reject_fn		 reject;
	void			*arg;
	struct sd_txn		*rtxn;		/* the checking pass's read transaction */
	struct sd_bulk		*b;		/* the writing pass's job */
	size_t			 bad;
	long			 quiet_upto;	/* lines reported by the checking pass */
	struct ent_refs		 refs;		/* the rows' enterprises, resolved once a snapshot */
	struct write_memo	 memo;
};

enum { N_IMPORTED, N_SKIPPED };

static void
report(struct run *r, long line, const char *why)
{
	/* Messages quote the file's values (a date, a name): made visible. */
	char *safe = sd_visible(why, false);

	r->bad++;
	if (r->reject != NULL && line > r->quiet_upto)
		r->reject(r->arg, line, safe);
	free(safe);
}

static void
reader_reject(void *arg, long line, const char *why)
{
	struct run *r = arg;

	if (r->b != NULL) {
		/* The writing pass: skipped (reported by the checking pass). */
		if ((uint64_t)line > r->b->pos.row)
			r->b->pos.count[N_SKIPPED]++;
		return;
	}
	report(r, line, why);
}

static sd_status
check_each(void *arg, const struct sd_ci_record *rec, struct sd_error *err)
{
	struct run *r = arg;
	struct ci_case c;
	struct sd_error e;
	sd_status s = check_record(r->rtxn, r->d, &r->refs, rec, &c, &e);

	(void)err;
	if (s == SD_INVALID || s == SD_NOTFOUND) {
		report(r, rec->line, e.msg);
		return SD_OK;
	}
	if (s != SD_OK && err != NULL)
		*err = e;
	return s;
}

struct row {
	struct run			*r;
	const struct sd_ci_record	*rec;
};

static sd_status
write_row(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct row *w = arg;
	struct ci_case c;
	sd_status s = check_record(t, w->r->d, &w->r->refs, w->rec, &c, err);

	if (s == SD_INVALID || s == SD_NOTFOUND) {
		w->r->b->pos.count[N_SKIPPED]++;
		return SD_INVALID;
	}
	if (s == SD_OK)
		s = write_case(t, w->r->d, &w->r->memo, w->r->name, &c, err);
	if (s == SD_OK)
		w->r->b->pos.count[N_IMPORTED]++;
	else
		w->r->memo.txn = 0;
	return s;
}

static sd_status
write_each(void *arg, const struct sd_ci_record *rec, struct sd_error *err)
{
	struct run *r = arg;
	struct row w = { r, rec };
	struct sd_error e;
	sd_status s;

	if ((uint64_t)rec->line <= r->b->resume.row)
		return SD_OK;
	s = sd_bulk_row(r->b, write_row, &w, (uint64_t)rec->line, 0, &e);
	if (s == SD_INVALID)
		return SD_OK;		/* reported by the checking pass */
	if (s != SD_OK && err != NULL)
		*err = e;
	return s;
}

static sd_status
import_file(struct run *r, FILE *f, const char *name, enum sd_ci_format fmt, bool skip_bad,
    struct sd_case_import_result *res, struct sd_error *err)
{
	struct sd_desk *d = r->d;
	char job[SD_BULK_NAME_MAX + 1], id[96];
	struct sd_txn t;
	struct sd_bulk b;
	size_t unread = 0;
	sd_status s;

	memset(res, 0, sizeof *res);
	if ((s = sd_permit(d, SD_ACT_CASE_CREATE, NULL, err)) != SD_OK ||
	    (s = sd_permit(d, SD_ACT_ENTERPRISE_WRITE, NULL, err)) != SD_OK)
		return s;
	/* Read twice (checked, then written) and resumed by its identity: a file, not a pipe. */
	if (sd_bulk_file_identity(f, id, sizeof id, NULL) != SD_OK)
		return sd_fail(err, SD_INVALID,
		    _("%s: case import reads a file twice (checks it whole, then writes): give "
		    "a file, not a pipe."), name);
	snprintf(job, sizeof job, "case-import:%s", id);
	/* The same file imported whole before: its cases would come twice. */
	if ((s = sd_bulk_begin(&b, d->store, job, NULL, err)) != SD_OK)
		return s;
	if (b.done) {
		res->already = b.done_at;
		res->imported = b.resume.count[N_IMPORTED];
		res->skipped = b.resume.count[N_SKIPPED];
		return SD_OK;
	}

	/* 1. Every record checked, in one read transaction; nothing written. */
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	r->rtxn = &t;
	s = sd_case_import_each(f, name, fmt, check_each, r, reader_reject, r, &unread, err);
	sd_txn_abort(&t);
	r->rtxn = NULL;
	if (s != SD_OK)
		return s;
	if (r->bad > 0 && !skip_bad)
		return sd_fail(err, SD_INVALID,
		    _("%s: %zu lines are invalid (above); nothing was imported. Correct them, "
		    "or import the others with --skip-bad."), name, r->bad);
	r->quiet_upto = LONG_MAX;

	/* 2. Written in chunks; a rerun of the same file resumes after the last. */
	for (;;) {
		if (fseeko(f, 0, SEEK_SET) != 0)
			return sd_fail(err, SD_FAIL, _("%s: cannot read the file again: %s"), name,
			    strerror(errno));
		clearerr(f);
		r->memo.txn = 0;
		if ((s = sd_bulk_begin(&b, d->store, job, NULL, err)) != SD_OK)
			return s;
		r->b = &b;
		s = sd_case_import_each(f, name, fmt, write_each, r, reader_reject, r, &unread,
		    err);
		if (s == SD_OK)
			s = sd_bulk_finish_keep(&b, err);
		if (s == SD_OK)
			break;
		sd_bulk_abort(&b);
		if (!sd_bulk_retry(&b)) {
			res->imported = b.committed.count[N_IMPORTED];
			res->skipped = b.committed.count[N_SKIPPED];
			res->resumed_after = b.resumed ? (long)b.resume.row : 0;
			res->committed_upto = (long)b.committed.row;
			return s;
		}
		sd_error_clear(err);
	}
	res->imported = b.pos.count[N_IMPORTED];
	res->skipped = b.pos.count[N_SKIPPED];
	res->resumed_after = b.resumed ? (long)b.resume.row : 0;
	return SD_OK;
}

sd_status
sd_case_import(struct sd_desk *d, FILE *f, const char *name, enum sd_ci_format fmt,
    bool skip_bad, sd_reject_fn reject, void *arg, struct sd_case_import_result *res,
    struct sd_error *err)
{
	struct run r = { .d = d, .name = name, .reject = reject, .arg = arg };
	sd_status s = import_file(&r, f, name, fmt, skip_bad, res, err);

	ent_refs_free(&r.refs);
	return s;
}
