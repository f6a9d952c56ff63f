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
 * Reach: the enterprises with a contact in the period, overall and per
 * kind, counted from the links between their contact days
 * (report_agg_reach.c), not from a set of every enterprise of the period.
 */
static sd_status
reach(struct sd_txn *t, const struct sd_report_filter *f, struct sd_report_recognition *out,
    struct sd_error *err)
{
	uint64_t n[AGG_REACH_CHAINS];
	MDB_stat ms;
	sd_status s;
	int rc;

	if ((rc = mdb_stat(t->txn, t->st->dbi[SD_DB_ENT], &ms)) != 0)
		return sd_txn_error(t, rc, "report", err);
	out->register_size = ms.ms_entries;
	if ((s = agg_reach_count(t, f->from, f->to, n, err)) != SD_OK)
		return s;
	out->reached = n[0];
	out->reached_case = n[1];
	out->reached_moment = n[2];
	out->reached_event = n[3];
	return SD_OK;
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
	s = agg_walk_period(&t, AGG_CLOSED, f->from, f->to, "", NULL, 0, on_closed,
	    &w, err);
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
