/*
 * The departments report: routes received, picked up, answered, declined
 * per department in a period, what is open and overdue now, and how long
 * picking up and answering took against the service level.
 */
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "report_int.h"

struct reason_count {
	size_t		 row;
	char		*reason;
	uint64_t	 n;
};

struct dept_walk {
	struct sd_desk			*d;
	const struct sd_report_filter	*f;
	struct sd_report_departments	*out;
	struct hist			*pick, *answer;
	struct reason_count		*reasons;
	size_t				 nreasons;
	sd_day				 today;
};

static struct sd_report_dept *
row_of(struct dept_walk *w, const struct agg_entry *e, size_t *idx)
{
	if (!report_cat_match(w->f, e->cat))
		return NULL;
	for (size_t i = 0; i < w->out->n; i++) {
		if (strcmp(w->out->rows[i].dept->id, e->dept) == 0) {
			if (idx != NULL)
				*idx = i;
			return &w->out->rows[i];
		}
	}
	/* A department the configuration no longer has: `check` names it. */
	return NULL;
}

static bool
on_entry(void *arg, const struct agg_entry *e)
{
	struct dept_walk *w = arg;
	struct sd_report_dept *r;
	size_t i;

	if ((r = row_of(w, e, &i)) == NULL)
		return true;
	switch (e->kind) {
	case AGG_RECEIVED:	r->received += (uint64_t)e->n; break;
	case AGG_REROUTED:	r->rerouted += (uint64_t)e->n; break;
	case AGG_WITHDRAWN:	r->withdrawn += (uint64_t)e->n; break;
	case AGG_PICKED:
		r->picked_up += (uint64_t)e->n;
		hist_add(&w->pick[i], report_workdays(w->d, e), (uint64_t)e->n);
		break;
	case AGG_ANSWERED:
		r->answered += (uint64_t)e->n;
		hist_add(&w->answer[i], report_workdays(w->d, e), (uint64_t)e->n);
		break;
	case AGG_DECLINED: {
		size_t j;
		r->declined += (uint64_t)e->n;
		for (j = 0; j < w->nreasons; j++)
			if (w->reasons[j].row == i && strlen(w->reasons[j].reason) == e->nextra &&
			    memcmp(w->reasons[j].reason, e->extra, e->nextra) == 0)
				break;
		if (j == w->nreasons) {
			w->reasons = sd_xrealloc(w->reasons, ++w->nreasons * sizeof *w->reasons);
			w->reasons[j].row = i;
			w->reasons[j].reason = sd_xstrndup((const char *)e->extra, e->nextra);
			w->reasons[j].n = 0;
		}
		w->reasons[j].n += (uint64_t)e->n;
		break;
	}
	case AGG_ROUTE_OPEN:
		r->open_now += (uint64_t)e->n;
		if (e->day < w->today)
			r->overdue_now += (uint64_t)e->n;
		break;
	default:
		break;
	}
	return true;
}

/* Most frequent first; equal ones by their text, so the order is the same each time. */
static int
reason_cmp(const void *a, const void *b)
{
	const struct reason_count *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->reason, y->reason);
}

sd_status
sd_report_departments(struct sd_desk *d, const struct sd_report_filter *f,
    struct sd_report_departments *out, struct sd_error *err)
{
	static const enum agg_kind period_kinds[] = {
		AGG_RECEIVED, AGG_REROUTED, AGG_PICKED, AGG_ANSWERED, AGG_DECLINED, AGG_WITHDRAWN,
	};
	struct dept_walk w = { .d = d, .f = f, .out = out };
	struct sd_txn t;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = report_filter_check(d, f, err)) != SD_OK ||
	    (s = sd_report_permit(d, SD_REPORT_DEPARTMENTS, err)) != SD_OK)
		return s;
	if (f->dept != NULL && (s = sd_permit(d, SD_ACT_REPORT_DEPT, f->dept, err)) != SD_OK)
		return s;
	out->today = w.today = sd_desk_today(d);
	out->rows = sd_xcalloc(d->cfg.ndepartments + 1, sizeof *out->rows);
	for (size_t i = 0; i < d->cfg.ndepartments; i++) {
		const struct sd_department *dp = &d->cfg.departments[i];
		if (f->dept != NULL && strcmp(f->dept, dp->id) != 0)
			continue;
		/* An officer sees the rows of his own departments. */
		if (sd_permit(d, SD_ACT_REPORT_DEPT, dp->id, NULL) != SD_OK)
			continue;
		out->rows[out->n++].dept = dp;
	}
	w.pick = sd_xcalloc(out->n + 1, sizeof *w.pick);
	w.answer = sd_xcalloc(out->n + 1, sizeof *w.answer);
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		goto out;
	for (size_t k = 0; s == SD_OK && k < sizeof period_kinds / sizeof period_kinds[0]; k++)
		s = agg_walk_period(&t, period_kinds[k], f->from, f->to, f->category, d->cfg.holidays,
		    d->cfg.nholidays, on_entry, &w, err);
	/* Open and overdue as of today, whatever the period. */
	if (s == SD_OK)
		s = agg_walk(&t, AGG_ROUTE_OPEN, SD_NO_DAY, SD_NO_DAY, on_entry, &w, err);
	sd_txn_abort(&t);
	if (s != SD_OK)
		goto out;
	if (w.nreasons > 1)
		qsort(w.reasons, w.nreasons, sizeof *w.reasons, reason_cmp);
	for (size_t j = 0; j < w.nreasons; j++) {
		struct sd_report_dept *r = &out->rows[w.reasons[j].row];
		if (r->nreasons < SD_REPORT_TOP_REASONS) {
			r->reasons[r->nreasons].reason = w.reasons[j].reason;
			r->reasons[r->nreasons++].n = w.reasons[j].n;
			w.reasons[j].reason = NULL;
		}
	}
	for (size_t i = 0; i < out->n; i++) {
		hist_times(&w.pick[i], out->rows[i].dept->service_days, &out->rows[i].pickup);
		hist_times(&w.answer[i], out->rows[i].dept->service_days, &out->rows[i].answer);
	}
out:
	for (size_t i = 0; i < out->n; i++) {
		hist_free(&w.pick[i]);
		hist_free(&w.answer[i]);
	}
	free(w.pick);
	free(w.answer);
	for (size_t j = 0; j < w.nreasons; j++)
		free(w.reasons[j].reason);
	free(w.reasons);
	if (s != SD_OK)
		sd_report_departments_free(out);
	return s;
}

void
sd_report_departments_free(struct sd_report_departments *r)
{
	for (size_t i = 0; i < r->n; i++)
		for (size_t j = 0; j < r->rows[i].nreasons; j++)
			free(r->rows[i].reasons[j].reason);
	free(r->rows);
	memset(r, 0, sizeof *r);
}
