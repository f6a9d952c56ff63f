/*
 * The backlog report (open cases by status and age, overdue by department,
 * waiting cases with their dates) and the channels report (cases opened
 * per month, by channel and by category).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "keys.h"
#include "report_int.h"

const int sd_report_age_limits[SD_REPORT_AGE_BANDS - 1] = { 7, 30, 90, 365 };

struct backlog_walk {
	const struct sd_report_filter	*f;
	struct sd_report_backlog	*out;
};

static bool
on_backlog(void *arg, const struct agg_entry *e)
{
	struct backlog_walk *w = arg;
	struct sd_report_backlog *b = w->out;
	int band = 0;

	if (!report_cat_match(w->f, e->cat))
		return true;
	switch (e->kind) {
	case AGG_OPEN:
		if (e->nextra != 1 || e->extra[0] >= SD_CASE_STATUS_COUNT)
			break;
		while (band < SD_REPORT_AGE_BANDS - 1 &&
		    b->today - e->day > sd_report_age_limits[band])
			band++;
		b->by_status[e->extra[0]][band] += (uint64_t)e->n;
		b->open += (uint64_t)e->n;
		break;
	case AGG_CASE_DUE:
		if (e->day < b->today)
			b->overdue += (uint64_t)e->n;
		break;
	case AGG_ROUTE_OPEN:
		for (size_t i = 0; i < b->ndepts; i++) {
			if (strcmp(b->depts[i].dept->id, e->dept) != 0)
				continue;
			b->depts[i].open += (uint64_t)e->n;
			if (e->day < b->today)
				b->depts[i].overdue += (uint64_t)e->n;
		}
		break;
	default:
		break;
	}
	return true;
}

/* The waiting cases, from the status index: few, and each with its dates. */
static sd_status
waiting(struct sd_txn *t, const struct sd_report_filter *f, struct sd_report_backlog *b,
    struct sd_error *err)
{
	uint8_t st = SD_CASE_WAITING;
	struct sd_iter it;
	sd_status s;

	/* Oldest numbers first: the longest waiting; a list to read, so a page of them. */
	sd_iter_start(&it, t, SD_DB_CASE_BY_STATUS, &st, 1, false, NULL, 0);
	while (b->nwaiting < SD_REPORT_WAITING_MAX && sd_iter_next(&it)) {
		struct sd_case c;
		struct sd_report_waiting *w;
		sd_day created;
		if (it.key.mv_size != 1 + SD_CASE_KEY_LEN ||
		    case_load(t, sd_case_key_unpack((const uint8_t *)it.key.mv_data + 1), &c,
		    NULL) != SD_OK)
			continue;
		created = sd_day_from_time(c.created);
		if (report_cat_match(f, c.category != NULL ? c.category : "") &&
		    (f->from == SD_NO_DAY || created >= f->from) &&
		    (f->to == SD_NO_DAY || created <= f->to)) {
			b->waiting = sd_xrealloc(b->waiting, (b->nwaiting + 1) * sizeof *b->waiting);
			w = &b->waiting[b->nwaiting++];
			sd_case_number_format(c.key, w->number);
			w->subject = sd_xstrdup(c.subject != NULL ? c.subject : "");
			w->since = sd_day_from_time(c.updated);
			w->until = c.wait_until;
		}
		sd_case_free(&c);
	}
	s = sd_iter_status(&it, "report", err);
	sd_iter_end(&it);
	return s;
}

sd_status
sd_report_backlog(struct sd_desk *d, const struct sd_report_filter *f,
    struct sd_report_backlog *out, struct sd_error *err)
{
	struct backlog_walk w = { .f = f, .out = out };
	struct sd_txn t;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = report_filter_check(d, f, err)) != SD_OK ||
	    (s = sd_report_permit(d, SD_REPORT_BACKLOG, err)) != SD_OK)
		return s;
	out->today = sd_desk_today(d);
	out->depts = sd_xcalloc(d->cfg.ndepartments + 1, sizeof *out->depts);
	for (size_t i = 0; i < d->cfg.ndepartments; i++)
		if (f->dept == NULL || strcmp(f->dept, d->cfg.departments[i].id) == 0)
			out->depts[out->ndepts++].dept = &d->cfg.departments[i];
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		goto out;
	s = agg_walk(&t, AGG_OPEN, f->from, f->to, on_backlog, &w, err);
	/* Overdue and open routes are as of today, by due day. */
	if (s == SD_OK)
		s = agg_walk(&t, AGG_CASE_DUE, SD_NO_DAY, out->today - 1, on_backlog, &w, err);
	if (s == SD_OK)
		s = agg_walk(&t, AGG_ROUTE_OPEN, SD_NO_DAY, SD_NO_DAY, on_backlog, &w, err);
	if (s == SD_OK)
		s = waiting(&t, f, out, err);
	sd_txn_abort(&t);
out:
	if (s != SD_OK)
		sd_report_backlog_free(out);
	return s;
}

void
sd_report_backlog_free(struct sd_report_backlog *r)
{
	for (size_t i = 0; i < r->nwaiting; i++)
		free(r->waiting[i].subject);
	free(r->waiting);
	free(r->depts);
	memset(r, 0, sizeof *r);
}

/* --- channels and categories ----------------------------------------------------- */

struct chan_walk {
	const struct sd_report_filter	*f;
	struct sd_report_channels	*out;
};

static bool
on_opened(void *arg, const struct agg_entry *e)
{
	struct chan_walk *w = arg;
	struct sd_report_channels *c = w->out;
	struct sd_report_month *m;
	int y, mo, dd;
	size_t i;

	if (!report_cat_match(w->f, e->cat) || e->nextra != 1)
		return true;
	sd_day_to_ymd(e->day, &y, &mo, &dd);
	/* Days come in order: a month is the last row or a new one. */
	if (c->nmonths == 0 || c->months[c->nmonths - 1].year != y ||
	    c->months[c->nmonths - 1].month != mo) {
		c->months = sd_xrealloc(c->months, (c->nmonths + 1) * sizeof *c->months);
		m = &c->months[c->nmonths++];
		memset(m, 0, sizeof *m);
		m->year = y;
		m->month = mo;
		m->category = sd_xcalloc(c->ncategories, sizeof *m->category);
	}
	m = &c->months[c->nmonths - 1];
	m->total += (uint64_t)e->n;
	if (e->extra[0] < SD_CHANNEL_COUNT)
		m->channel[e->extra[0]] += (uint64_t)e->n;
	for (i = 0; i + 1 < c->ncategories && strcmp(c->categories[i], e->cat) != 0; i++)
		;
	/* The last column is "none" and takes a category no longer configured too. */
	m->category[i] += (uint64_t)e->n;
	return true;
}

/*
 * Every month of the period, those without cases too (a sparkline's
 * months are evenly spaced); without a period, from the first month with
 * cases to the last.  At most twenty years of months.
 */
static void
fill_months(const struct sd_report_filter *f, struct sd_report_channels *c)
{
	struct sd_report_month *all = NULL;
	size_t n = 0, j = 0;
	int y, m, ey, em, dd;

	if (f->from != SD_NO_DAY)
		sd_day_to_ymd(f->from, &y, &m, &dd);
	else if (c->nmonths > 0) {
		y = c->months[0].year;
		m = c->months[0].month;
	} else
		return;
	if (f->to != SD_NO_DAY)
		sd_day_to_ymd(f->to, &ey, &em, &dd);
	else if (c->nmonths > 0) {
		ey = c->months[c->nmonths - 1].year;
		em = c->months[c->nmonths - 1].month;
	} else
		return;
	while ((y < ey || (y == ey && m <= em)) && n < 240) {
		all = sd_xrealloc(all, (n + 1) * sizeof *all);
		if (j < c->nmonths && c->months[j].year == y && c->months[j].month == m)
			all[n] = c->months[j++];
		else {
			memset(&all[n], 0, sizeof all[n]);
			all[n].year = y;
			all[n].month = m;
			all[n].category = sd_xcalloc(c->ncategories, sizeof *all[n].category);
		}
		n++;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	for (; j < c->nmonths; j++)
		free(c->months[j].category);
	free(c->months);
	c->months = all;
	c->nmonths = n;
}

sd_status
sd_report_channels(struct sd_desk *d, const struct sd_report_filter *f,
    struct sd_report_channels *out, struct sd_error *err)
{
	struct chan_walk w = { .f = f, .out = out };
	struct sd_txn t;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = report_filter_check(d, f, err)) != SD_OK ||
	    (s = sd_report_permit(d, SD_REPORT_CHANNELS, err)) != SD_OK)
		return s;
	out->categories = sd_xcalloc(d->cfg.ncategories + 1, sizeof *out->categories);
	for (size_t i = 0; i < d->cfg.ncategories; i++)
		out->categories[out->ncategories++] = sd_xstrdup(d->cfg.categories[i].id);
	out->categories[out->ncategories++] = sd_xstrdup("");
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		goto out;
	s = agg_walk_period(&t, AGG_OPENED, f->from, f->to, "", NULL, 0, on_opened,
	    &w, err);
	sd_txn_abort(&t);
	if (s == SD_OK)
		fill_months(f, out);
out:
	if (s != SD_OK)
		sd_report_channels_free(out);
	return s;
}

void
sd_report_channels_free(struct sd_report_channels *r)
{
	for (size_t i = 0; i < r->nmonths; i++)
		free(r->months[i].category);
	free(r->months);
	for (size_t i = 0; i < r->ncategories; i++)
		free(r->categories[i]);
	free(r->categories);
	memset(r, 0, sizeof *r);
}
