/*
 * The benchmark's generator: a desk full of realistic data, made through
 * the core's own functions in batched transactions.
 *
 *   gen DIR [--cases M] [--enterprises N] [--seed S] [--batch B]
 *	writes DIR/sedesk.ini (a 64 GiB map) and DIR/db, adds N enterprises
 *	and M cases with their routes (1–3 departments) and journals (3–12
 *	entries), commits every B cases (default 2000), prints the rates and
 *	writes them to DIR/gen.txt (key=value lines, for the report).
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
#include <sys/stat.h>

#include "benchlib.h"
#include "sedesk/case.h"
#include "sedesk/enterprise.h"
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
	fprintf(stderr, "usage: gen DIR [--cases M] [--enterprises N] [--seed S] [--batch B]\n"
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
	batch_begin(&d);
	for (size_t i = 0; i < ncases; i++) {
		struct tx_case q;
		struct plan p;
		struct sd_case_key key;
		struct sd_case_input in = { 0 };
		char num[SD_CASE_NUMBER_MAX], text[600];
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
		check(sd_case_new(&d, &in, &key, &err), "case new", q.subject, &err);
		sd_case_number_format(key, num);
		actions++;

		/* The steps follow each other by hours to days, never past now. */
		limit = BL_NOW - 60;
		for (size_t k = 0; k < p.n; k++) {
			const struct event *ev = &p.ev[k];
			const char *dept = p.ndepts ? q.depts[ev->route] : NULL;
			sd_status s = SD_OK;
			int64_t step = ev->kind == EV_ROUTE ? 1800 + (int64_t)bl_below(&r, 4 * 3600) :
			    ev->kind == EV_CLOSE ? 86400 + (int64_t)bl_below(&r, 4 * 86400) :
			    3600 + (int64_t)bl_below(&r, 3 * 86400);
			t += step;
			if (t > limit - (int64_t)(p.n - k) * 60)
				t = limit - (int64_t)(p.n - k) * 60;
			d.fixed_now = t;
			switch (ev->kind) {
			case EV_ROUTE:
				tx_route_note(text, sizeof text, &r, q.depts[0]);
				bl_as(&d, owner);
				s = sd_case_route(&d, num, q.depts, q.ndepts,
				    bl_below(&r, 5) < 3 ? text : NULL, 0, &err);
				routes += q.ndepts;
				break;
			case EV_PICKUP:
				bl_as(&d, bl_officer_of(dept, &r));
				s = sd_case_pickup(&d, num, dept, 0, &err);
				break;
			case EV_ANSWER:
				tx_answer(text, sizeof text, &r, dept, e->name);
				bl_as(&d, bl_officer_of(dept, &r));
				s = sd_case_answer(&d, num, dept, text, 0, &err);
				break;
			case EV_DECLINE:
				tx_decline(text, sizeof text, &r, dept);
				bl_as(&d, bl_officer_of(dept, &r));
				s = sd_case_decline(&d, num, dept, text, 0, &err);
				break;
			case EV_NOTE:
				tx_note(text, sizeof text, &r, e->name);
				bl_as(&d, owner);
				s = sd_case_note(&d, num, text, 0, &err);
				break;
			case EV_WAIT:
				bl_as(&d, owner);
				s = sd_case_wait(&d, num, 0, &err);
				break;
			case EV_CLOSE:
				tx_resolution(text, sizeof text, &r);
				bl_as(&d, owner);
				/* Satisfaction: often not given, mostly 4 or 5. */
				s = sd_case_close(&d, num, text, bl_below(&r, 3) == 0 ? 0 :
				    5 - (int)bl_zipf(&r, 5, 1.5), 0, &err);
				break;
			}
			check(s, "case action on", num, &err);
			actions++;
		}
		if ((i + 1) % batch == 0) {
			batch_commit(&d);
			batch_begin(&d);
		}
		if ((i + 1) % 100000 == 0) {
			double sec = (double)(bl_now_ns() - t0) / 1e9;
			printf("gen: %zu cases, %.0f /s so far\n", i + 1, (double)(i + 1) / sec);
			fflush(stdout);
		}
	}
	batch_commit(&d);
	t_case = bl_now_ns() - t0;

	{
		double sec = (double)t_case / 1e9;
		MDB_envinfo info;
		MDB_stat st, jst;
		MDB_txn *txn;
		size_t used = 0;

		mdb_env_info(d.store->env, &info);
		mdb_env_stat(d.store->env, &st);
		mdb_txn_begin(d.store->env, NULL, MDB_RDONLY, &txn);
		mdb_stat(txn, d.store->dbi[SD_DB_JOURNAL], &jst);
		mdb_txn_abort(txn);
		used = (info.me_last_pgno + 1) * (size_t)st.ms_psize;
		printf("gen: %zu cases (%zu actions, %zu routes, %zu journal entries) in %.1f s: "
		    "%.0f cases/s, %.0f actions/s, %zu commits\n", ncases, actions, routes,
		    (size_t)jst.ms_entries, sec, (double)ncases / sec, (double)actions / sec, nbatch);
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
		    "span_days=%lld\n",
		    ncases, nents, actions, routes, (size_t)jst.ms_entries, journal_planned,
		    (double)t_ent / 1e9, sec, (double)ncases / sec, (double)actions / sec,
		    (double)nents / ((double)t_ent / 1e9), nbatch, batch, used,
		    (long long)(span / 86400));
		for (int i = 0; i < T_COUNT; i++)
			fprintf(out, "status_%s=%zu\n", target_names[i], targets[i]);
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
