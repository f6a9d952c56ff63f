/*
 * The benchmark's generator: a desk full of realistic data, made through
 * the core's own functions in batched transactions.
 *
 *   gen DIR [--cases M] [--enterprises N] [--seed S] [--batch B] [--replay]
 *	writes DIR/sedesk.ini (a 64 GiB map) and DIR/db, adds N enterprises
 *	and M cases with their routes (1–3 departments) and journals (3–12
 *	entries) -- each case played in memory and written whole on the
 *	core's bulk path (see "the bulk path" below); with --replay through
 *	the workflow's actions instead, committing every B cases (default
 *	2000), the same desk but about 5× slower -- then about 5 contact
 *	moments and 2 attended events per enterprise (see gen_moments and
 *	gen_events), prints the rates and writes them to DIR/gen.txt
 *	(key=value lines, for the report).
 *   gen --csv FILE --rows N [--seed S]
 *	writes an import file of N enterprises whose numbers differ from
 *	those of any generated desk.
 *
 * Cases are spread over time up to the benchmark's "now" (2026-03-02):
 * old ones mostly closed, recent ones new, routed, in progress, answered
 * or waiting, as a working desk looks.  Each action runs as the officer
 * who would do it (contact point creates, routes and closes; department
 * officers pick up, answer and decline).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <uuid/uuid.h>

#include "benchlib.h"
#include "bulk.h"
#include "internal.h"
#include "journal.h"
#include "sedesk/case.h"
#include "sedesk/enterprise.h"
#include "sedesk/event.h"
#include "sedesk/i18n.h"
#include "sedesk/moment.h"
#include "sedesk/text.h"
#include "text.h"

static void
die(const char *what, const struct sd_error *err)
{
	fprintf(stderr, "gen: %s: %s\n", what, err ? err->msg : strerror(errno));
	exit(1);
}

static void
usage(void)
{
	fprintf(stderr, "usage: gen DIR [--cases M] [--enterprises N] [--seed S] [--batch B] "
	    "[--replay]\n"
	    "       gen --csv FILE --rows N [--seed S]\n");
	exit(2);
}

/* --- the import file ------------------------------------------------------------------ */

static void
csv_field(FILE *f, const char *s, bool last)
{
	if (strpbrk(s, ",\"\n") != NULL) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputc(last ? '\n' : ',', f);
}

static int
write_csv(const char *file, size_t rows, uint64_t seed)
{
	FILE *f = fopen(file, "w");

	if (f == NULL)
		die(file, NULL);
	fputs("name,number,legal_form,email,phone,street,postcode,city,tags,offers,contacts,notes\n", f);
	for (size_t i = 0; i < rows; i++) {
		struct tx_enterprise e;
		/* Numbers from serial 2,000,000 on: never those of a generated desk. */
		tx_enterprise(&e, i, seed + 1, 2000000);
		csv_field(f, e.name, false);
		csv_field(f, e.number, false);
		csv_field(f, e.legal_form, false);
		csv_field(f, e.email, false);
		csv_field(f, e.phone, false);
		csv_field(f, e.street, false);
		csv_field(f, e.postcode, false);
		csv_field(f, e.city, false);
		csv_field(f, e.tags, false);
		csv_field(f, e.offers, false);
		csv_field(f, e.contacts, false);
		csv_field(f, e.notes, true);
	}
	if (fclose(f) != 0)
		die(file, NULL);
	printf("gen: wrote %zu enterprises to %s\n", rows, file);
	return 0;
}

/* --- the plan of one case ---------------------------------------------------------------- */

enum ev_kind { EV_ROUTE, EV_PICKUP, EV_ANSWER, EV_DECLINE, EV_NOTE, EV_WAIT, EV_CLOSE };

struct event {
	enum ev_kind	 kind;
	int		 route;		/* index into the case's departments */
};

#define MAX_EVENTS 24

struct plan {
	struct event	 ev[MAX_EVENTS];
	size_t		 n;
	size_t		 ndepts;
};

enum target { T_NEW, T_ROUTED, T_IN_PROGRESS, T_ANSWERED, T_WAITING, T_CLOSED, T_COUNT };
static const char *const target_names[T_COUNT] = {
	"new", "routed", "in_progress", "answered", "waiting", "closed"
};

static void
push(struct plan *p, enum ev_kind k, int route)
{
	if (p->n < MAX_EVENTS)
		p->ev[p->n++] = (struct event){ k, route };
}

/* Route states as the core keeps them, to count its journal entries. */
enum rs { RS_NONE, RS_PENDING, RS_PICKED, RS_DONE, RS_WITHDRAWN };

static int
derive(const enum rs *st, size_t n)
{
	size_t live = 0, worked = 0, done = 0;

	for (size_t i = 0; i < n; i++) {
		if (st[i] == RS_NONE || st[i] == RS_WITHDRAWN)
			continue;
		live++;
		worked += st[i] == RS_PICKED || st[i] == RS_DONE;
		done += st[i] == RS_DONE;
	}
	if (live == 0)
		return T_NEW;
	if (done == live)
		return T_ANSWERED;
	return worked ? T_IN_PROGRESS : T_ROUTED;
}

/* The journal entries the core writes for this plan (its status entries included). */
static size_t
count_entries(const struct plan *p)
{
	enum rs st[3] = { RS_NONE, RS_NONE, RS_NONE };
	int status = T_NEW;
	size_t n = 1;	/* created */

	for (size_t i = 0; i < p->n; i++) {
		const struct event *e = &p->ev[i];
		int next = status;
		switch (e->kind) {
		case EV_ROUTE:
			for (size_t j = 0; j < p->ndepts; j++)
				st[j] = RS_PENDING;
			n += p->ndepts;
			next = derive(st, p->ndepts);
			break;
		case EV_PICKUP:
			st[e->route] = RS_PICKED;
			n++;
			if (status != T_WAITING && status != T_CLOSED)
				next = derive(st, p->ndepts);
			break;
		case EV_ANSWER:
		case EV_DECLINE:
			st[e->route] = RS_DONE;
			n++;
			if (status != T_WAITING && status != T_CLOSED)
				next = derive(st, p->ndepts);
			break;
		case EV_NOTE:
			n++;
			break;
		case EV_WAIT:
			next = T_WAITING;
			break;
		case EV_CLOSE:
			for (size_t j = 0; j < p->ndepts; j++) {
				if (st[j] == RS_PENDING || st[j] == RS_PICKED) {
					st[j] = RS_WITHDRAWN;
					n++;
				}
			}
			n++;
			next = T_CLOSED;
			break;
		}
		if (next != status)
			n++;
		status = next;
	}
	return n;
}

static enum target
choose_target(struct bl_rng *r, double age_days)
{
	/* Shares per age band: new, routed, in progress, answered, waiting, closed. */
	static const double young[T_COUNT] = { .15, .25, .25, .15, .05, .15 };
	static const double middle[T_COUNT] = { .03, .07, .10, .12, .08, .60 };
	static const double old[T_COUNT] = { .004, .008, .012, .02, .016, .94 };
	const double *w = age_days < 30 ? young : age_days < 90 ? middle : old;
	double u = bl_unit(r), acc = 0;

	for (int i = 0; i < T_COUNT; i++) {
		acc += w[i];
		if (u < acc)
			return (enum target)i;
	}
	return T_CLOSED;
}

static void
make_plan(struct plan *p, struct bl_rng *r, enum target t, size_t ndepts)
{
	size_t notes = bl_below(r, 3);

	memset(p, 0, sizeof *p);
	p->ndepts = ndepts;
	if (t == T_NEW) {
		for (size_t i = 0; i < 2 + bl_below(r, 2); i++)
			push(p, EV_NOTE, 0);
		return;
	}
	if (t == T_CLOSED && bl_below(r, 10) == 0) {
		/* Answered at the desk: closed without routes. */
		for (size_t i = 0; i < notes; i++)
			push(p, EV_NOTE, 0);
		push(p, EV_CLOSE, 0);
		p->ndepts = 0;
		return;
	}
	push(p, EV_ROUTE, 0);
	if (notes > 0 && bl_below(r, 2) == 0) {
		push(p, EV_NOTE, 0);
		notes--;
	}
	switch (t) {
	case T_ROUTED:
		break;
	case T_IN_PROGRESS:
		for (size_t j = 0; j < ndepts; j++) {
			/* The first route is picked up; the others may be, or even finished. */
			unsigned what = j == 0 ? 1 : (unsigned)bl_below(r, 3);
			if (what >= 1)
				push(p, EV_PICKUP, (int)j);
			if (what == 2 && j + 1 < ndepts)
				push(p, EV_ANSWER, (int)j);
		}
		break;
	case T_ANSWERED:
	case T_WAITING:
	case T_CLOSED:
		for (size_t j = 0; j < ndepts; j++) {
			if (t == T_WAITING && j > 0 && bl_below(r, 2) == 0)
				continue;	/* waiting for the enterprise before all answered */
			if (bl_below(r, 3) != 0)
				push(p, EV_PICKUP, (int)j);
			push(p, bl_below(r, 12) == 0 ? EV_DECLINE : EV_ANSWER, (int)j);
		}
		break;
	default:
		break;
	}
	for (size_t i = 0; i < notes; i++)
		push(p, EV_NOTE, 0);
	if (t == T_WAITING)
		push(p, EV_WAIT, 0);
	if (t == T_CLOSED)
		push(p, EV_CLOSE, 0);
}

/* Keeps the journal at 3–12 entries: drops pick-ups and notes, or adds notes. */
static void
fit_plan(struct plan *p)
{
	while (count_entries(p) > 12) {
		size_t drop = p->n;
		for (size_t i = 0; i < p->n && drop == p->n; i++) {
			/* A pick-up right before its route's finish can go (answering picks up). */
			if (p->ev[i].kind == EV_PICKUP && i + 1 < p->n &&
			    (p->ev[i + 1].kind == EV_ANSWER || p->ev[i + 1].kind == EV_DECLINE))
				drop = i;
		}
		for (size_t i = 0; i < p->n && drop == p->n; i++)
			if (p->ev[i].kind == EV_NOTE)
				drop = i;
		if (drop == p->n)
			break;
		memmove(&p->ev[drop], &p->ev[drop + 1], (p->n - drop - 1) * sizeof p->ev[0]);
		p->n--;
	}
	while (count_entries(p) < 3 && p->n < MAX_EVENTS) {
		/* A note before the case's last step. */
		size_t at = p->n > 0 && p->ev[p->n - 1].kind == EV_CLOSE ? p->n - 1 : p->n;
		memmove(&p->ev[at + 1], &p->ev[at], (p->n - at) * sizeof p->ev[0]);
		p->ev[at] = (struct event){ EV_NOTE, 0 };
		p->n++;
	}
}

/* --- generation ----------------------------------------------------------------------- */

struct ent_ref {
	char	 id[SD_UUID_STR];
	char	*name;
	char	*city;
};

static size_t nbatch;

static void
batch_begin(struct sd_desk *d)
{
	struct sd_error err;

	if (sd_store_batch_begin(d->store, &err) != SD_OK)
		die("batch", &err);
}

static void
batch_commit(struct sd_desk *d)
{
	struct sd_error err;

	if (sd_store_batch_commit(d->store, &err) != SD_OK)
		die("commit", &err);
	nbatch++;
}

static void
check(sd_status s, const char *what, const char *number, const struct sd_error *err)
{
	char buf[128];

	if (s == SD_OK)
		return;
	snprintf(buf, sizeof buf, "%s %s", what, number);
	die(buf, err);
}

/* --- the bulk path: a case's whole history written at once ----------------------------- */

/*
 * Replaying every action (sd_case_new, route, pick up, …) in a nested
 * transaction each made about 1,700 cases/s at 1m: an hour for the desk.
 * Instead the generator plays the same plan on a case in memory, with the
 * same rules as the actions (case_actions.c: each action's journal
 * entries, its status entry when the status changes, version + 1 and
 * updated = now), and writes the result through the core's bulk path
 * (bulk.h, as `case import` does): the record, its routes, indexes and
 * aggregates (case_save, route_save), its journal with the actions' own
 * times and actors, and its search terms once.  The random draws are made
 * in the same order as before, so a seed makes the same desk (`--replay`
 * still runs the actions, for comparison: tests/bench/t_gen_same.sh).
 */
#define SIM_JOURNAL 48

struct sim_entry {
	int64_t		 at;
	const char	*actor, *kind, *dept, *field, *old_value, *new_value;
	char		*text;
};

struct sim_case {
	struct sd_case	 c;
	struct sd_route	 rt[3];
	size_t		 nrt;
	struct sim_entry j[SIM_JOURNAL];
	size_t		 nj;
	enum sd_case_status before;	/* the status when the action began */
	sd_day		 day;		/* the local day it was created */
};

static void
sim_journal(struct sim_case *g, const struct sd_desk *d, const char *kind, const char *dept,
    const char *text)
{
	struct sim_entry *e;

	if (g->nj == SIM_JOURNAL) {
		fprintf(stderr, "gen: more than %d journal entries in a case\n", SIM_JOURNAL);
		exit(1);
	}
	e = &g->j[g->nj++];
	memset(e, 0, sizeof *e);
	e->at = sd_desk_now(d);
	e->actor = d->me->login;
	e->kind = kind;
	e->dept = dept;
	e->text = text ? sd_xstrdup(text) : NULL;
}

static void
sim_field(struct sim_case *g, const struct sd_desk *d, const char *kind, const char *field,
    const char *old_value, const char *new_value)
{
	sim_journal(g, d, kind, NULL, NULL);
	g->j[g->nj - 1].field = field;
	g->j[g->nj - 1].old_value = old_value;
	g->j[g->nj - 1].new_value = new_value ? sd_xstrdup(new_value) : NULL;
}

static const char *const score_text[6] = { "0", "1", "2", "3", "4", "5" };

/* derive_status in case_actions.c */
static enum sd_case_status
sim_derive(const struct sim_case *g)
{
	size_t live = 0, worked = 0, done = 0;

	for (size_t i = 0; i < g->nrt; i++) {
		enum sd_route_state s = g->rt[i].state;
		if (s != SD_ROUTE_PENDING && s != SD_ROUTE_PICKED_UP && s != SD_ROUTE_ANSWERED &&
		    s != SD_ROUTE_DECLINED)
			continue;
		live++;
		worked += s != SD_ROUTE_PENDING;
		done += s == SD_ROUTE_ANSWERED || s == SD_ROUTE_DECLINED;
	}
	if (live == 0)
		return SD_CASE_NEW;
	if (done == live)
		return SD_CASE_ANSWERED;
	return worked ? SD_CASE_IN_PROGRESS : SD_CASE_ROUTED;
}

/* follow_routes in case_actions.c */
static void
sim_follow(struct sim_case *g)
{
	if (g->c.status != SD_CASE_WAITING && g->c.status != SD_CASE_CLOSED)
		g->c.status = sim_derive(g);
}

static void
sim_begin(struct sim_case *g)
{
	g->before = g->c.status;
}

/* The frame's end (action.c): the status entry, version + 1, updated now. */
static void
sim_end(struct sim_case *g, const struct sd_desk *d)
{
	if (g->c.status != g->before) {
		sim_field(g, d, "status", "status", sd_case_status_name(g->before),
		    sd_case_status_name(g->c.status));
	}
	g->c.version++;
	g->c.updated = sd_desk_now(d);
}

static int
sim_service_days(const struct sd_desk *d, const char *category)
{
	const struct sd_category *c = category ? sd_config_category(&d->cfg, category) : NULL;

	return c != NULL ? c->service_days : d->cfg.service_days;
}

static void
sim_new(struct sim_case *g, const struct sd_desk *d, const struct sd_case_input *in)
{
	struct sd_case *c = &g->c;

	memset(g, 0, sizeof *g);
	c->wait_until = c->follow_up = SD_NO_DAY;
	if (!sd_uuid_parse(in->enterprise, c->enterprise)) {
		fprintf(stderr, "gen: bad enterprise id %s\n", in->enterprise);
		exit(1);
	}
	c->version = 1;
	c->subject = sd_trim(sd_xstrdup(in->subject));
	c->description = sd_xstrdup(in->description);
	c->category = sd_xstrdup(in->category);
	c->owner = sd_xstrdup(d->me->login);
	c->channel = in->channel ? in->channel : SD_CHANNEL_PHONE;
	c->priority = in->priority ? in->priority : SD_PRIORITY_NORMAL;
	c->status = SD_CASE_NEW;
	c->created = c->updated = sd_desk_now(d);
	c->due = sd_desk_due(d, sd_desk_today(d), sim_service_days(d, c->category));
	g->day = sd_desk_today(d);
	sim_journal(g, d, "created", NULL, c->subject);
}

static struct sd_route *
sim_route_of(struct sim_case *g, const char *dept)
{
	for (size_t i = 0; i < g->nrt; i++)
		if (strcmp(g->rt[i].dept, dept) == 0)
			return &g->rt[i];
	fprintf(stderr, "gen: no route to %s\n", dept);
	exit(1);
}

static void
sim_route(struct sim_case *g, const struct sd_desk *d, const char *const *depts, size_t n,
    const char *note)
{
	sim_begin(g);
	for (size_t i = 0; i < n; i++) {
		const struct sd_department *dep = sd_config_department(&d->cfg, depts[i]);
		struct sd_route *r = &g->rt[g->nrt++];
		memset(r, 0, sizeof *r);
		r->dept = sd_xstrdup(dep->id);
		r->state = SD_ROUTE_PENDING;
		r->due = sd_desk_due(d, sd_desk_today(d), dep->service_days);
		r->routed = sd_desk_now(d);
		r->round = 1;
		sim_journal(g, d, "routed", r->dept, note);
	}
	g->c.status = sim_derive(g);
	sim_end(g, d);
}

static void
sim_pickup(struct sim_case *g, const struct sd_desk *d, const char *dept)
{
	struct sd_route *r = sim_route_of(g, dept);

	sim_begin(g);
	r->state = SD_ROUTE_PICKED_UP;
	free(r->officer);
	r->officer = sd_xstrdup(d->me->login);
	r->picked_up = sd_desk_now(d);
	sim_journal(g, d, "picked_up", r->dept, NULL);
	sim_follow(g);
	sim_end(g, d);
}

static void
sim_finish(struct sim_case *g, const struct sd_desk *d, const char *dept,
    enum sd_route_state to, const char *text)
{
	struct sd_route *r = sim_route_of(g, dept);

	sim_begin(g);
	r->state = to;
	free(r->officer);
	r->officer = sd_xstrdup(d->me->login);
	if (r->picked_up == 0)
		r->picked_up = sd_desk_now(d);
	r->finished = sd_desk_now(d);
	free(r->answer);
	r->answer = sd_xstrdup(text);
	sim_journal(g, d, sd_route_state_name(to), r->dept, text);
	sim_follow(g);
	sim_end(g, d);
}

static void
sim_note(struct sim_case *g, const struct sd_desk *d, const char *text)
{
	sim_begin(g);
	sim_journal(g, d, "note", NULL, text);
	sim_end(g, d);
}

static void
sim_wait(struct sim_case *g, const struct sd_desk *d)
{
	/* sd_case_wait: no reason, no day; only the status changes. */
	sim_begin(g);
	g->c.wait_until = SD_NO_DAY;
	g->c.status = SD_CASE_WAITING;
	sim_end(g, d);
}

static int
by_dept(const void *pa, const void *pb)
{
	const struct sd_route *a = pa, *b = pb;

	return strcmp(a->dept, b->dept);
}

static void
sim_close(struct sim_case *g, const struct sd_desk *d, const char *text, int satisfaction)
{
	sim_begin(g);
	/* The frame loads the routes in key order (by department). */
	qsort(g->rt, g->nrt, sizeof g->rt[0], by_dept);
	for (size_t i = 0; i < g->nrt; i++) {
		struct sd_route *r = &g->rt[i];
		if (r->state != SD_ROUTE_PENDING && r->state != SD_ROUTE_PICKED_UP)
			continue;
		r->state = SD_ROUTE_WITHDRAWN;
		r->finished = sd_desk_now(d);
		sim_journal(g, d, "withdrawn", r->dept, _("the case was closed"));
	}
	sim_journal(g, d, "closed", NULL, text);
	if (satisfaction > 0)
		sim_field(g, d, "field", "satisfaction", NULL, score_text[satisfaction]);
	g->c.status = SD_CASE_CLOSED;
	g->c.closed = sd_desk_now(d);
	free(g->c.resolution);
	g->c.resolution = sd_xstrdup(text);
	g->c.satisfaction = satisfaction;
	sim_end(g, d);
}

static void
sim_free(struct sim_case *g)
{
	sd_case_free(&g->c);
	for (size_t i = 0; i < g->nrt; i++)
		sd_route_free(&g->rt[i]);
	for (size_t i = 0; i < g->nj; i++) {
		free(g->j[i].text);
		if (g->j[i].field != NULL)
			free((char *)g->j[i].new_value);
	}
	g->nrt = g->nj = 0;
}

/* The year's case numbers, as case_new_in_txn counts them (the desk is new). */
static uint32_t sim_seq[SD_YEAR_MAX + 1];

/* One row of the bulk job: the case of g, whole. */
static sd_status
sim_write(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct sim_case *g = arg;
	struct sd_case *c = &g->c;
	char meta[32];
	int y, m, dd;
	sd_status s;

	/* The number's year is the local day's of its creation (sd_desk_today). */
	sd_day_to_ymd(g->day, &y, &m, &dd);
	c->key.year = (uint16_t)y;
	c->key.seq = ++sim_seq[y];
	snprintf(meta, sizeof meta, "caseseq:%04d", y);
	if ((s = sd_db_put(t, SD_DB_META, meta, strlen(meta), &c->key.seq, sizeof c->key.seq,
	    "case", err)) != SD_OK)
		return s;
	uuid_generate(c->id);
	if ((s = case_save(t, NULL, c, err)) != SD_OK)
		return s;
	for (size_t i = 0; i < g->nrt; i++)
		if ((s = route_save(t, c->key, NULL, &g->rt[i], err)) != SD_OK)
			return s;
	for (size_t i = 0; i < g->nj; i++) {
		const struct sim_entry *x = &g->j[i];
		struct sd_journal_entry e = { 0 };
		e.at = x->at;
		e.actor = (char *)x->actor;
		e.kind = (char *)x->kind;
		e.dept = (char *)x->dept;
		e.text = x->text;
		e.field = (char *)x->field;
		e.old_value = (char *)x->old_value;
		e.new_value = (char *)x->new_value;
		e.subject_kind = SD_SUBJECT_CASE;
		sd_case_key_pack(c->key, e.subject);
		e.subject_len = SD_CASE_KEY_LEN;
		if ((s = sd_journal_append(t, &e, err)) != SD_OK)
			return s;
	}
	return search_index_case(t, c, err);
}

/* --- contact moments and events (issue 12) ---------------------------------------------- */

/*
 * Both come after the cases, from their own random stream (seed + 12), so
 * the cases of a seed stay those of earlier runs.  Their times lie over the
 * cases' span (start .. now); floating local times, as people type them.
 */
struct extra_stats {
	size_t	 moments, planned, follow_ups, moment_actions;
	size_t	 events, future, invited, registered, attended, event_actions;
	int64_t	 moment_ns, event_ns;
};

static const enum sd_channel moment_kinds[] = {
	SD_CHANNEL_SITE_VISIT, SD_CHANNEL_SITE_VISIT, SD_CHANNEL_PHONE, SD_CHANNEL_PHONE,
	SD_CHANNEL_MEETING, SD_CHANNEL_MEETING, SD_CHANNEL_EMAIL, SD_CHANNEL_PITCH,
	SD_CHANNEL_DESK, SD_CHANNEL_EVENT,
};

struct moment_plan {
	int64_t	 at;		/* floating local time */
	size_t	 ent;
};

static int
by_time(const void *pa, const void *pb)
{
	const struct moment_plan *a = pa, *b = pb;

	return a->at < b->at ? -1 : a->at > b->at;
}

/* A working day's hour (8:00–17:00) on the day of t. */
static int64_t
office_hour(int64_t t, struct bl_rng *r)
{
	return t - t % 86400 + 8 * 3600 + (int64_t)bl_below(r, 9 * 4) * 900;
}

/*
 * 3–7 moments per enterprise (5 on average), made in time order: nine in
 * ten held (recorded a few hours to a day and a half afterwards), one in
 * ten planned in the two months after now (recorded in the fortnight
 * before it), a third of those with a follow-up a week after.  Most are
 * the contact point's (ann, lotte); a third an officer's, of his own
 * department.
 */
static void
gen_moments(struct sd_desk *d, const struct ent_ref *ents, size_t nents, int64_t start,
    int64_t span, size_t batch, uint64_t seed, struct extra_stats *st)
{
	struct bl_rng r;
	struct moment_plan *plan;
	size_t n = 0, cap = nents * 7;
	struct sd_error err;
	int64_t t0;

	bl_seed(&r, seed + 12);
	plan = calloc(cap, sizeof *plan);
	for (size_t i = 0; i < nents; i++) {
		size_t k = 3 + bl_below(&r, 5);
		for (size_t j = 0; j < k; j++) {
			int64_t at;
			if (bl_below(&r, 10) == 0)
				at = BL_NOW + (1 + (int64_t)bl_below(&r, 60)) * 86400;
			else
				at = start + (int64_t)bl_below(&r, (size_t)(span / 86400 - 2)) * 86400;
			plan[n++] = (struct moment_plan){ office_hour(at, &r), i };
		}
	}
	qsort(plan, n, sizeof *plan, by_time);

	t0 = bl_now_ns();
	batch_begin(d);
	for (size_t i = 0; i < n; i++) {
		struct sd_moment_input in = { 0 };
		char when[17], follow[11], text[600];
		uint8_t id[SD_UUID_LEN];
		const char *dept = bl_depts[bl_below(&r, BL_NDEPTS)];
		bool planned = plan[i].at > BL_NOW;
		unsigned who = (unsigned)bl_below(&r, 3);

		in.enterprise = ents[plan[i].ent].id;
		in.kind = moment_kinds[bl_below(&r, sizeof moment_kinds / sizeof moment_kinds[0])];
		sd_moment_time_format(plan[i].at, 1, when);
		in.time = when;
		if (who == 2) {
			bl_as(d, bl_officer_of(dept, &r));
			in.departments = dept;
		} else {
			bl_as(d, who == 0 ? "ann" : "lotte");
			in.departments = bl_below(&r, 2) == 0 ? dept : NULL;
		}
		if (planned) {
			d->fixed_now = BL_NOW - (int64_t)bl_below(&r, 14 * 86400);
			if (bl_below(&r, 3) == 0) {
				sd_day_format(sd_day_from_time(plan[i].at) + 7, follow);
				in.follow_up = follow;
				st->follow_ups++;
			}
			st->planned++;
		} else {
			tx_note(text, sizeof text, &r, ents[plan[i].ent].name);
			in.text = text;
			d->fixed_now = plan[i].at + 3600 + (int64_t)bl_below(&r, 36 * 3600);
			if (d->fixed_now > BL_NOW - 60)
				d->fixed_now = BL_NOW - 60;
		}
		check(sd_moment_add(d, &in, id, &err), "moment on", ents[plan[i].ent].name, &err);
		st->moments++;
		st->moment_actions++;
		if ((i + 1) % batch == 0) {
			batch_commit(d);
			batch_begin(d);
		}
	}
	batch_commit(d);
	st->moment_ns = bl_now_ns() - t0;
	free(plan);
}

static const char *const event_topics[] = {
	"Sociale economie en overheidsopdrachten", "Kennismaking met de nieuwe ondernemers",
	"Netwerkmoment sociale ondernemers", "Infosessie subsidies en premies",
	"Pitchdag voor aankopers", "Workshop duurzaam ondernemen", "Platform circulaire economie",
	"Workshop digitale vaardigheden", "Infosessie tewerkstelling doelgroepwerknemers",
	"Netwerkontbijt lokale economie", "Workshop werkruimte delen",
	"Kennismaking met de afdeling Aankoop",
};
static const enum sd_event_kind event_kinds[] = {
	SD_EVENT_INFO, SD_EVENT_ACQUAINTANCE, SD_EVENT_NETWORK, SD_EVENT_INFO,
	SD_EVENT_PITCH_DAY, SD_EVENT_WORKSHOP, SD_EVENT_NETWORK, SD_EVENT_WORKSHOP, SD_EVENT_INFO,
	SD_EVENT_NETWORK, SD_EVENT_WORKSHOP, SD_EVENT_ACQUAINTANCE,
};
static const char *const event_places[] = {
	"Stadhuis, Botermarkt 1", "Wijkcentrum De Kring", "Bibliotheek De Krook",
	"Ondernemerscentrum, zaal 2", "Kringwinkel Ateljee, vergaderzaal", "Online (Teams)",
};

/*
 * Events that together give each enterprise 2 attendances: the register is
 * shuffled twice and each shuffle cut into events of 20–50 attendees (the
 * last of a shuffle takes the rest), so nobody attends one event twice; the
 * events are shuffled and spread over the span in that order.  Each is
 * organised by the contact point two to six weeks before (sd_event_add),
 * invites its attendees and a third as many others who do not come
 * (sd_event_invite, one action), takes the registrations of about half
 * its attendees (sd_event_register, one action each) and ticks attendance
 * the morning after (sd_event_attend, one action).  One in ten more events
 * lie in the two months after now, with invitations and registrations
 * only: nobody has attended them yet.
 */
struct chunk {
	size_t	*who;		/* enterprise indexes */
	size_t	 n;
};

static void
gen_events(struct sd_desk *d, const struct ent_ref *ents, size_t nents, int64_t start,
    int64_t span, uint64_t seed, struct extra_stats *st)
{
	struct bl_rng r;
	size_t *perm = calloc(2 * nents, sizeof *perm);
	struct chunk *ch = calloc(2 * nents / 20 + 4, sizeof *ch);
	const char **guests = calloc(50 + 50 / 3 + 1, sizeof *guests);
	struct sd_error err;
	size_t npast = 0, nall;
	int64_t t0;

	bl_seed(&r, seed + 13);
	for (size_t p = 0; p < 2; p++) {
		size_t *q = perm + p * nents;
		for (size_t i = 0; i < nents; i++)
			q[i] = i;
		for (size_t i = nents; i > 1; i--) {
			size_t j = bl_below(&r, i), x = q[i - 1];
			q[i - 1] = q[j];
			q[j] = x;
		}
		for (size_t at = 0; at < nents; ) {
			size_t size = 20 + bl_below(&r, 31);
			if (size > nents - at)
				size = nents - at;
			ch[npast++] = (struct chunk){ q + at, size };
			at += size;
		}
	}
	for (size_t i = npast; i > 1; i--) {
		size_t j = bl_below(&r, i);
		struct chunk x = ch[i - 1];
		ch[i - 1] = ch[j];
		ch[j] = x;
	}
	nall = npast + (npast + 9) / 10;

	t0 = bl_now_ns();
	batch_begin(d);
	for (size_t e = 0; e < nall; e++) {
		struct sd_event_input in = { 0 };
		char sbuf[17], ebuf[17];
		uint8_t id[SD_UUID_LEN];
		char ref[SD_UUID_STR];
		size_t topic = bl_below(&r, sizeof event_topics / sizeof event_topics[0]);
		bool future = e >= npast;
		size_t ninv, nnot, added;
		int64_t when;

		/* Past events over the span, future ones in the two months after now. */
		if (!future)
			when = start + 30 * 86400 + (span - 32 * 86400) * (int64_t)e / (int64_t)npast;
		else
			when = BL_NOW + (1 + (int64_t)bl_below(&r, 60)) * 86400;
		when = when - when % 86400 + (bl_below(&r, 2) ? 14 : 9) * 3600;
		sd_event_time_format(when, sbuf);
		sd_event_time_format(when + (2 + (int64_t)bl_below(&r, 3)) * 3600, ebuf);
		in.title = event_topics[topic];
		in.kind = event_kinds[topic];
		in.start = sbuf;
		in.end = ebuf;
		in.place = event_places[bl_below(&r, sizeof event_places / sizeof event_places[0])];
		in.depts = bl_below(&r, 2) ? bl_depts[bl_below(&r, BL_NDEPTS)] : NULL;
		in.capacity = -1;
		bl_as(d, bl_below(&r, 3) == 0 ? "lotte" : "ann");
		d->fixed_now = (future ? BL_NOW : when) - (int64_t)(14 + bl_below(&r, 30)) * 86400;
		check(sd_event_add(d, &in, id, &err), "event", in.title, &err);
		sd_uuid_format(id, ref);
		st->event_actions++;

		if (future) {
			ninv = 20 + bl_below(&r, 31);
			if (ninv > nents)
				ninv = nents;
			for (size_t i = 0; i < ninv; i++)
				guests[i] = ents[bl_below(&r, nents)].id;
		} else {
			ninv = ch[e].n;
			for (size_t i = 0; i < ninv; i++)
				guests[i] = ents[ch[e].who[i]].id;
		}
		/* Invited who do not come (an invitation of one invited changes nothing). */
		nnot = ninv / 3;
		for (size_t i = 0; i < nnot; i++)
			guests[ninv + i] = ents[bl_below(&r, nents)].id;
		check(sd_event_invite(d, ref, guests, ninv + nnot, &added, &err), "invite to",
		    in.title, &err);
		st->invited += added;
		st->event_actions++;
		for (size_t i = 0; i < ninv; i++) {
			sd_status s;
			if (bl_below(&r, 2) != 0)
				continue;
			d->fixed_now += 600;
			s = sd_event_register(d, ref, guests[i], 1 + (unsigned)bl_below(&r, 3), &err);
			if (s == SD_INVALID && future)
				continue;	/* a future event's guest drawn twice */
			check(s, "register for", in.title, &err);
			st->registered++;
			st->event_actions++;
		}
		if (!future) {
			/* Ticked the morning after (floating time is about UTC + 1). */
			d->fixed_now = when - when % 86400 + 86400 + 8 * 3600;
			if (d->fixed_now > BL_NOW - 60)
				d->fixed_now = BL_NOW - 60;
			check(sd_event_attend(d, ref, guests, ninv, &added, &err), "attendance of",
			    in.title, &err);
			st->attended += added;
			st->event_actions++;
		} else {
			st->future++;
		}
		st->events++;
		/* About 2,000 actions a commit, as for cases. */
		if ((e + 1) % 40 == 0) {
			batch_commit(d);
			batch_begin(d);
		}
	}
	batch_commit(d);
	st->event_ns = bl_now_ns() - t0;
	free(perm);
	free(ch);
	free(guests);
}

/* CPU seconds of this process so far (user + system): a rate on a shared machine. */
static double
cpu_seconds(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* Entries in the journal database (every kind of record's). */
static size_t
journal_entries(struct sd_desk *d)
{
	MDB_stat st;
	MDB_txn *txn;

	mdb_txn_begin(d->store->env, NULL, MDB_RDONLY, &txn);
	mdb_stat(txn, d->store->dbi[SD_DB_JOURNAL], &st);
	mdb_txn_abort(txn);
	return (size_t)st.ms_entries;
}

int
main(int argc, char **argv)
{
	const char *dir = NULL, *csv = NULL;
	size_t ncases = 100000, nents = 10000, rows = 100000, batch = 2000;
	uint64_t seed = 20260302;
	struct sd_desk d;
	struct sd_error err;
	struct ent_ref *ents;
	struct bl_rng r;
	size_t targets[T_COUNT] = { 0 }, routes = 0, actions = 0, journal_planned = 0;
	int64_t t0, t_ent, t_case;
	struct extra_stats xs = { 0 };
	struct sd_bulk bulk;
	/* Chunks of about 2 s: the desk is the generator's alone. */
	struct sd_bulk_limits lim = { .chunk_ms = 2000, .max_rows = 20000 };
	struct sim_case g;
	bool replay = false;
	double cpu0, cpu_case;
	size_t journal_cases;
	int64_t span, start;
	char path[4096];
	FILE *out;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--cases") == 0 && i + 1 < argc)
			ncases = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--enterprises") == 0 && i + 1 < argc)
			nents = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc)
			batch = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--replay") == 0)
			replay = true;
		else if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc)
			csv = argv[++i];
		else if (strcmp(argv[i], "--rows") == 0 && i + 1 < argc)
			rows = strtoul(argv[++i], NULL, 10);
		else if (argv[i][0] != '-' && dir == NULL)
			dir = argv[i];
		else
			usage();
	}
	if (csv != NULL)
		return write_csv(csv, rows, seed);
	if (dir == NULL || nents == 0 || batch == 0)
		usage();
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		die(dir, NULL);
	if (!bl_write_config(dir, "64G"))
		return 1;
	bl_open_desk(&d, dir, "root", true);
	bl_as(&d, "root");
	bl_seed(&r, seed);

	/* Enterprises: registered over the years before the first case. */
	ents = calloc(nents, sizeof *ents);
	t0 = bl_now_ns();
	batch_begin(&d);
	for (size_t i = 0; i < nents; i++) {
		struct tx_enterprise e;
		char *f[SD_EF_COUNT] = { 0 };
		uint8_t id[SD_UUID_LEN];

		tx_enterprise(&e, i, seed, 0);
		f[SD_EF_NAME] = e.name;
		f[SD_EF_NUMBER] = e.number[0] ? e.number : NULL;
		f[SD_EF_LEGAL_FORM] = e.legal_form;
		f[SD_EF_EMAIL] = e.email;
		f[SD_EF_PHONE] = e.phone;
		f[SD_EF_STREET] = e.street;
		f[SD_EF_POSTCODE] = e.postcode;
		f[SD_EF_CITY] = e.city;
		f[SD_EF_TAGS] = e.tags;
		f[SD_EF_OFFERS] = e.offers;
		f[SD_EF_CONTACTS] = e.contacts;
		f[SD_EF_NOTES] = e.notes;
		d.fixed_now = BL_NOW - (int64_t)(nents - i) * 600 - 400LL * 86400;
		check(sd_enterprise_add(&d, f, id, &err), "enterprise", e.name, &err);
		sd_uuid_format(id, ents[i].id);
		ents[i].name = strdup(e.name);
		ents[i].city = strdup(e.city);
		if ((i + 1) % 2000 == 0) {
			batch_commit(&d);
			batch_begin(&d);
		}
	}
	batch_commit(&d);
	t_ent = bl_now_ns() - t0;
	printf("gen: %zu enterprises in %.2f s (%.0f /s)\n", nents, (double)t_ent / 1e9,
	    (double)nents / ((double)t_ent / 1e9));
	fflush(stdout);

	/*
	 * Cases: about 100 a working day for a region's desk; at least a year,
	 * at most ten, ending at the benchmark's now.
	 */
	span = (int64_t)(ncases / 100) * 86400;
	if (span < 365LL * 86400)
		span = 365LL * 86400;
	if (span > 3650LL * 86400)
		span = 3650LL * 86400;
	start = BL_NOW - span;

	t0 = bl_now_ns();
	cpu0 = cpu_seconds();
	if (replay)
		batch_begin(&d);
	else if (sd_bulk_begin(&bulk, d.store, "bench-gen", &lim, &err) != SD_OK)
		die("bulk", &err);
	for (size_t i = 0; i < ncases; i++) {
		struct tx_case q;
		struct plan p;
		struct sd_case_key key;
		struct sd_case_input in = { 0 };
		char num[SD_CASE_NUMBER_MAX] = "", text[600];
		size_t ei = bl_zipf(&r, nents, 0.8);
		struct ent_ref *e;
		int64_t t = start + (int64_t)((double)span * (double)i / (double)ncases);
		int64_t limit;
		enum target tg;
		const char *owner = bl_below(&r, 3) == 0 ? "lotte" : "ann";

		/* Spread the busy enterprises over the register. */
		ei = (ei * 2654435761u) % nents;
		e = &ents[ei];
		/* Office hours. */
		t = t - t % 86400 + 8 * 3600 + (int64_t)bl_below(&r, 9 * 3600);
		if (t > BL_NOW - 3600)
			t = BL_NOW - 3600;
		tg = choose_target(&r, (double)(BL_NOW - t) / 86400.0);
		tx_case(&q, &r, e->name, e->city);
		make_plan(&p, &r, tg, q.ndepts);
		fit_plan(&p);
		targets[tg]++;
		journal_planned += count_entries(&p);

		in.enterprise = e->id;
		in.subject = q.subject;
		in.description = q.description;
		in.category = q.category;
		in.channel = (enum sd_channel)(1 + bl_zipf(&r, SD_CHANNEL_COUNT - 1, 1.0));
		in.priority = (enum sd_priority)(bl_below(&r, 20) == 0 ? SD_PRIORITY_URGENT :
		    bl_below(&r, 6) == 0 ? SD_PRIORITY_HIGH : bl_below(&r, 10) == 0 ?
		    SD_PRIORITY_LOW : SD_PRIORITY_NORMAL);
		bl_as(&d, owner);
		d.fixed_now = t;
		if (replay) {
			check(sd_case_new(&d, &in, &key, &err), "case new", q.subject, &err);
			sd_case_number_format(key, num);
		} else {
			sim_new(&g, &d, &in);
		}
		actions++;

		/* The steps follow each other by hours to days, never past now. */
		limit = BL_NOW - 60;
		for (size_t k = 0; k < p.n; k++) {
			const struct event *ev = &p.ev[k];
			const char *dept = p.ndepts ? q.depts[ev->route] : NULL;
			const char *note;
			int score;
			sd_status s = SD_OK;
			int64_t step = ev->kind == EV_ROUTE ? 1800 + (int64_t)bl_below(&r, 4 * 3600) :
			    ev->kind == EV_CLOSE ? 86400 + (int64_t)bl_below(&r, 4 * 86400) :
			    3600 + (int64_t)bl_below(&r, 3 * 86400);
			t += step;
			if (t > limit - (int64_t)(p.n - k) * 60)
				t = limit - (int64_t)(p.n - k) * 60;
			d.fixed_now = t;
			/* The random draws in the same order on both paths. */
			switch (ev->kind) {
			case EV_ROUTE:
				tx_route_note(text, sizeof text, &r, q.depts[0]);
				bl_as(&d, owner);
				note = bl_below(&r, 5) < 3 ? text : NULL;
				if (replay)
					s = sd_case_route(&d, num, q.depts, q.ndepts, note, 0, &err);
				else
					sim_route(&g, &d, q.depts, q.ndepts, note);
				routes += q.ndepts;
				break;
			case EV_PICKUP:
				bl_as(&d, bl_officer_of(dept, &r));
				if (replay)
					s = sd_case_pickup(&d, num, dept, 0, &err);
				else
					sim_pickup(&g, &d, dept);
				break;
			case EV_ANSWER:
				tx_answer(text, sizeof text, &r, dept, e->name);
				bl_as(&d, bl_officer_of(dept, &r));
				if (replay)
					s = sd_case_answer(&d, num, dept, text, 0, &err);
				else
					sim_finish(&g, &d, dept, SD_ROUTE_ANSWERED, text);
				break;
			case EV_DECLINE:
				tx_decline(text, sizeof text, &r, dept);
				bl_as(&d, bl_officer_of(dept, &r));
				if (replay)
					s = sd_case_decline(&d, num, dept, text, 0, &err);
				else
					sim_finish(&g, &d, dept, SD_ROUTE_DECLINED, text);
				break;
			case EV_NOTE:
				tx_note(text, sizeof text, &r, e->name);
				bl_as(&d, owner);
				if (replay)
					s = sd_case_note(&d, num, text, 0, &err);
				else
					sim_note(&g, &d, text);
				break;
			case EV_WAIT:
				bl_as(&d, owner);
				if (replay)
					s = sd_case_wait(&d, num, 0, &err);
				else
					sim_wait(&g, &d);
				break;
			case EV_CLOSE:
				tx_resolution(text, sizeof text, &r);
				bl_as(&d, owner);
				/* Satisfaction: often not given, mostly 4 or 5. */
				score = bl_below(&r, 3) == 0 ? 0 : 5 - (int)bl_zipf(&r, 5, 1.5);
				if (replay)
					s = sd_case_close(&d, num, text, score, 0, &err);
				else
					sim_close(&g, &d, text, score);
				break;
			}
			check(s, "case action on", num, &err);
			actions++;
		}
		if (replay) {
			if ((i + 1) % batch == 0) {
				batch_commit(&d);
				batch_begin(&d);
			}
		} else {
			if (sd_bulk_row(&bulk, sim_write, &g, i + 1, 0, &err) != SD_OK)
				die("bulk write", &err);
			sim_free(&g);
		}
		if ((i + 1) % 100000 == 0) {
			double sec = (double)(bl_now_ns() - t0) / 1e9;
			printf("gen: %zu cases, %.0f /s so far\n", i + 1, (double)(i + 1) / sec);
			fflush(stdout);
		}
	}
	if (replay) {
		batch_commit(&d);
	} else {
		if (sd_bulk_finish(&bulk, &err) != SD_OK)
			die("bulk finish", &err);
		nbatch += bulk.chunks;
	}
	t_case = bl_now_ns() - t0;
	cpu_case = cpu_seconds() - cpu0;
	journal_cases = journal_entries(&d);
	{
		double sec = (double)t_case / 1e9;
		printf("gen: %zu cases in %.1f s: %.0f cases/s (%.1f s on the CPU: %.0f cases per "
		    "CPU second)\n", ncases, sec, (double)ncases / sec, cpu_case,
		    (double)ncases / cpu_case);
		fflush(stdout);
	}

	gen_moments(&d, ents, nents, start, span, batch, seed, &xs);
	printf("gen: %zu contact moments (%zu planned, %zu with a follow-up) in %.1f s: %.0f /s\n",
	    xs.moments, xs.planned, xs.follow_ups, (double)xs.moment_ns / 1e9,
	    (double)xs.moments / ((double)xs.moment_ns / 1e9));
	fflush(stdout);
	gen_events(&d, ents, nents, start, span, seed, &xs);
	printf("gen: %zu events (%zu still to come): %zu invitations, %zu registrations, "
	    "%zu attendances, %zu actions in %.1f s: %.0f events/s, %.0f actions/s\n",
	    xs.events, xs.future, xs.invited, xs.registered, xs.attended, xs.event_actions,
	    (double)xs.event_ns / 1e9, (double)xs.events / ((double)xs.event_ns / 1e9),
	    (double)xs.event_actions / ((double)xs.event_ns / 1e9));
	fflush(stdout);

	{
		double sec = (double)t_case / 1e9;
		MDB_envinfo info;
		MDB_stat st;
		size_t used = 0, journal_all = journal_entries(&d);

		mdb_env_info(d.store->env, &info);
		mdb_env_stat(d.store->env, &st);
		used = (info.me_last_pgno + 1) * (size_t)st.ms_psize;
		printf("gen: %zu cases (%zu actions, %zu routes, %zu journal entries) in %.1f s: "
		    "%.0f cases/s, %.0f actions/s, %zu commits\n", ncases, actions, routes,
		    journal_cases, sec, (double)ncases / sec, (double)actions / sec, nbatch);
		printf("gen: statuses:");
		for (int i = 0; i < T_COUNT; i++)
			printf(" %s %zu", target_names[i], targets[i]);
		printf("\ngen: database %.1f MiB used\n", (double)used / 1048576.0);
		snprintf(path, sizeof path, "%s/gen.txt", dir);
		if ((out = fopen(path, "w")) == NULL)
			die(path, NULL);
		fprintf(out, "cases=%zu\nenterprises=%zu\nactions=%zu\nroutes=%zu\njournal=%zu\n"
		    "journal_planned=%zu\nent_seconds=%.3f\ncase_seconds=%.3f\ncases_per_s=%.0f\n"
		    "actions_per_s=%.0f\nents_per_s=%.0f\ncommits=%zu\nbatch=%zu\ndb_bytes=%zu\n"
		    "span_days=%lld\njournal_all=%zu\ncase_cpu_seconds=%.3f\n",
		    ncases, nents, actions, routes, journal_cases, journal_planned,
		    (double)t_ent / 1e9, sec, (double)ncases / sec, (double)actions / sec,
		    (double)nents / ((double)t_ent / 1e9), nbatch, batch, used,
		    (long long)(span / 86400), journal_all, cpu_case);
		for (int i = 0; i < T_COUNT; i++)
			fprintf(out, "status_%s=%zu\n", target_names[i], targets[i]);
		fprintf(out, "moments=%zu\nmoments_planned=%zu\nmoment_follow_ups=%zu\n"
		    "moment_seconds=%.3f\nmoments_per_s=%.0f\nevents=%zu\nevents_future=%zu\n"
		    "invitations=%zu\nregistrations=%zu\nattendances=%zu\nevent_actions=%zu\n"
		    "event_seconds=%.3f\nevents_per_s=%.0f\nevent_actions_per_s=%.0f\n",
		    xs.moments, xs.planned, xs.follow_ups, (double)xs.moment_ns / 1e9,
		    (double)xs.moments / ((double)xs.moment_ns / 1e9), xs.events, xs.future,
		    xs.invited, xs.registered, xs.attended, xs.event_actions,
		    (double)xs.event_ns / 1e9, (double)xs.events / ((double)xs.event_ns / 1e9),
		    (double)xs.event_actions / ((double)xs.event_ns / 1e9));
		fclose(out);
	}
	for (size_t i = 0; i < nents; i++) {
		free(ents[i].name);
		free(ents[i].city);
	}
	free(ents);
	sd_desk_close(&d);
	return 0;
}
