/*
 * The recognition report: the enterprise's satisfaction and the contact
 * point's own view recorded at closing, side by side, per month and per
 * category; and the reach: how much of the register had a case, a
 * contact moment or an attended event in the period.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/text.h"
#include "report_int.h"
#include "timeline.h"

struct recog_walk {
	const struct sd_report_filter	*f;
	struct sd_report_recognition	*out;
};

static void
scores_add(struct sd_report_scores *s, int sat, int own, uint64_t n)
{
	s->closed += n;
	s->sat[sat] += n;
	s->own[own] += n;
	if (sat > 0)
		s->sum_sat += (int64_t)n * sat;
	if (own > 0)
		s->sum_own += (int64_t)n * own;
	if (sat > 0 && own > 0) {
		s->both += n;
		s->sum_gap += (int64_t)n * (own - sat);
	}
}

static struct sd_report_scores *
row(struct sd_report_score_row **rows, size_t *n, const char *label)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*rows)[i].label, label) == 0)
			return &(*rows)[i].s;
	*rows = sd_xrealloc(*rows, (*n + 1) * sizeof **rows);
	memset(&(*rows)[*n], 0, sizeof **rows);
	(*rows)[*n].label = sd_xstrdup(label);
	return &(*rows)[(*n)++].s;
}

static bool
on_closed(void *arg, const struct agg_entry *e)
{
	struct recog_walk *w = arg;
	char month[16];
	int y, m, dd, sat, own;

	if (!report_cat_match(w->f, e->cat) || e->nextra != 2)
		return true;
	sat = e->extra[0] <= 5 ? e->extra[0] : 0;
	own = e->extra[1] <= 5 ? e->extra[1] : 0;
	sd_day_to_ymd(e->day, &y, &m, &dd);
	snprintf(month, sizeof month, "%04d-%02d", y, m);
	scores_add(&w->out->total, sat, own, (uint64_t)e->n);
	scores_add(row(&w->out->months, &w->out->nmonths, month), sat, own, (uint64_t)e->n);
	scores_add(row(&w->out->categories, &w->out->ncategories, e->cat), sat, own,
	    (uint64_t)e->n);
	return true;
}

static int
row_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sd_report_score_row *)a)->label,
	    ((const struct sd_report_score_row *)b)->label);
}

/*
 * Reach: the contacts of the period's days (AGG_CONTACT), each enterprise
 * counted once overall and once per kind, in a hash set of enterprises
 * (open addressing; a bit per kind).
 */
struct reach_set {
	struct reach_slot {
		uint8_t	ent[SD_UUID_LEN];
		uint8_t	used, kinds;
	}	*v;
	size_t	 cap, n;
};

static size_t
reach_hash(const uint8_t *ent, size_t cap)
{
	uint64_t h = 1469598103934665603ULL;

	for (int i = 0; i < SD_UUID_LEN; i++)
		h = (h ^ ent[i]) * 1099511628211ULL;
	return (size_t)h & (cap - 1);
}

static void
reach_add(struct reach_set *r, const uint8_t *ent, uint8_t kind)
{
	size_t i;

	if ((r->n + 1) * 2 > r->cap) {
		struct reach_set g = { sd_xcalloc(r->cap ? r->cap * 2 : 1024, sizeof *g.v),
			r->cap ? r->cap * 2 : 1024, 0 };
		for (size_t j = 0; j < r->cap; j++) {
			if (!r->v[j].used)
				continue;
			for (i = reach_hash(r->v[j].ent, g.cap); g.v[i].used; i = (i + 1) & (g.cap - 1))
				;
			g.v[i] = r->v[j];
			g.n++;
		}
		free(r->v);
		*r = g;
	}
	for (i = reach_hash(ent, r->cap); r->v[i].used; i = (i + 1) & (r->cap - 1)) {
		if (memcmp(r->v[i].ent, ent, SD_UUID_LEN) == 0) {
			r->v[i].kinds |= kind;
			return;
		}
	}
	memcpy(r->v[i].ent, ent, SD_UUID_LEN);
	r->v[i].used = 1;
	r->v[i].kinds = kind;
	r->n++;
}

static bool
on_contact(void *arg, const struct agg_entry *e)
{
	struct reach_set *r = arg;
	uint8_t bit;

	if (e->nextra != 1 + SD_UUID_LEN || e->n <= 0)
		return true;
	switch (e->extra[0]) {
	case TL_CASE:	bit = 1; break;
	case TL_MOMENT:	bit = 2; break;
	case TL_EVENT:	bit = 4; break;
	default:	bit = 0; break;
	}
	reach_add(r, e->extra + 1, bit);
	return true;
}

static sd_status
reach(struct sd_txn *t, const struct sd_report_filter *f, struct sd_report_recognition *out,
    struct sd_error *err)
{
	struct reach_set set = { 0 };
	MDB_stat ms;
	sd_status s;
	int rc;

	if ((rc = mdb_stat(t->txn, t->st->dbi[SD_DB_ENT], &ms)) != 0)
		return sd_txn_error(t, rc, "report", err);
	out->register_size = ms.ms_entries;
	s = agg_walk(t, AGG_CONTACT, f->from, f->to, on_contact, &set, err);
	for (size_t i = 0; i < set.cap; i++) {
		if (!set.v[i].used)
			continue;
		out->reached++;
		out->reached_case += (set.v[i].kinds & 1) != 0;
		out->reached_moment += (set.v[i].kinds & 2) != 0;
		out->reached_event += (set.v[i].kinds & 4) != 0;
	}
	free(set.v);
	return s;
}

sd_status
sd_report_recognition(struct sd_desk *d, const struct sd_report_filter *f,
    struct sd_report_recognition *out, struct sd_error *err)
{
	struct recog_walk w = { .f = f, .out = out };
	struct sd_txn t;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = report_filter_check(d, f, err)) != SD_OK ||
	    (s = sd_report_permit(d, SD_REPORT_RECOGNITION, err)) != SD_OK)
		return s;
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	s = agg_walk_period(&t, AGG_CLOSED, f->from, f->to, NULL, 0, on_closed, &w, err);
	if (s == SD_OK)
		s = reach(&t, f, out, err);
	sd_txn_abort(&t);
	if (out->nmonths > 1)
		qsort(out->months, out->nmonths, sizeof *out->months, row_cmp);
	if (out->ncategories > 1)
		qsort(out->categories, out->ncategories, sizeof *out->categories, row_cmp);
	if (s != SD_OK)
		sd_report_recognition_free(out);
	return s;
}

void
sd_report_recognition_free(struct sd_report_recognition *r)
{
	for (size_t i = 0; i < r->nmonths; i++)
		free(r->months[i].label);
	for (size_t i = 0; i < r->ncategories; i++)
		free(r->categories[i].label);
	free(r->months);
	free(r->categories);
	memset(r, 0, sizeof *r);
}
