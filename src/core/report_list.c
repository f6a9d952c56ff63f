/*
 * The cases behind a number of a report: every indexed case's counts are
 * made again from its facts (report_agg.c) and those that fall under the
 * number are listed.  A list reads case by case; the reports never do.
 */
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "report_int.h"

struct measure {
	enum sd_report_kind report;
	const char	*name;
	enum agg_kind	 kind;
	bool		 dated;		/* by the period; else as of today */
	bool		 by_dept;	/* the count's department is the filter's */
	int		 extra;		/* -1: any; else extra[at] must equal it (4: 4 or more) */
	int		 at;
};

static const struct measure measures[] = {
	{ SD_REPORT_DEPARTMENTS, "received", AGG_RECEIVED, true, true, -1, 0 },
	{ SD_REPORT_DEPARTMENTS, "picked_up", AGG_PICKED, true, true, -1, 0 },
	{ SD_REPORT_DEPARTMENTS, "answered", AGG_ANSWERED, true, true, -1, 0 },
	{ SD_REPORT_DEPARTMENTS, "declined", AGG_DECLINED, true, true, -1, 0 },
	{ SD_REPORT_DEPARTMENTS, "withdrawn", AGG_WITHDRAWN, true, true, -1, 0 },
	{ SD_REPORT_DEPARTMENTS, "rerouted", AGG_REROUTED, true, true, -1, 0 },
	{ SD_REPORT_DEPARTMENTS, "open", AGG_ROUTE_OPEN, false, true, -1, 0 },
	{ SD_REPORT_DEPARTMENTS, "overdue", AGG_ROUTE_OPEN, false, true, -2, 0 },
	{ SD_REPORT_SILOS, "opened", AGG_TOUCHED, true, false, -1, 0 },
	{ SD_REPORT_SILOS, "touched:0", AGG_TOUCHED, true, false, 0, 0 },
	{ SD_REPORT_SILOS, "touched:1", AGG_TOUCHED, true, false, 1, 0 },
	{ SD_REPORT_SILOS, "touched:2", AGG_TOUCHED, true, false, 2, 0 },
	{ SD_REPORT_SILOS, "touched:3", AGG_TOUCHED, true, false, 3, 0 },
	{ SD_REPORT_SILOS, "touched:4", AGG_TOUCHED, true, false, 4, 0 },
	{ SD_REPORT_SILOS, "handoffs", AGG_HANDOFF, true, false, -1, 0 },
	{ SD_REPORT_RECOGNITION, "closed", AGG_CLOSED, true, false, -1, 0 },
	{ SD_REPORT_RECOGNITION, "satisfaction:0", AGG_CLOSED, true, false, 0, 0 },
	{ SD_REPORT_RECOGNITION, "satisfaction:1", AGG_CLOSED, true, false, 1, 0 },
	{ SD_REPORT_RECOGNITION, "satisfaction:2", AGG_CLOSED, true, false, 2, 0 },
	{ SD_REPORT_RECOGNITION, "satisfaction:3", AGG_CLOSED, true, false, 3, 0 },
	{ SD_REPORT_RECOGNITION, "satisfaction:4", AGG_CLOSED, true, false, 4, 0 },
	{ SD_REPORT_RECOGNITION, "satisfaction:5", AGG_CLOSED, true, false, 5, 0 },
	{ SD_REPORT_RECOGNITION, "own_view:0", AGG_CLOSED, true, false, 0, 1 },
	{ SD_REPORT_RECOGNITION, "own_view:1", AGG_CLOSED, true, false, 1, 1 },
	{ SD_REPORT_RECOGNITION, "own_view:2", AGG_CLOSED, true, false, 2, 1 },
	{ SD_REPORT_RECOGNITION, "own_view:3", AGG_CLOSED, true, false, 3, 1 },
	{ SD_REPORT_RECOGNITION, "own_view:4", AGG_CLOSED, true, false, 4, 1 },
	{ SD_REPORT_RECOGNITION, "own_view:5", AGG_CLOSED, true, false, 5, 1 },
	{ SD_REPORT_BACKLOG, "open", AGG_OPEN, true, false, -1, 0 },
	{ SD_REPORT_BACKLOG, "open:new", AGG_OPEN, true, false, SD_CASE_NEW, 0 },
	{ SD_REPORT_BACKLOG, "open:routed", AGG_OPEN, true, false, SD_CASE_ROUTED, 0 },
	{ SD_REPORT_BACKLOG, "open:in_progress", AGG_OPEN, true, false, SD_CASE_IN_PROGRESS, 0 },
	{ SD_REPORT_BACKLOG, "open:answered", AGG_OPEN, true, false, SD_CASE_ANSWERED, 0 },
	{ SD_REPORT_BACKLOG, "open:waiting", AGG_OPEN, true, false, SD_CASE_WAITING, 0 },
	{ SD_REPORT_BACKLOG, "overdue", AGG_CASE_DUE, false, false, -2, 0 },
	{ SD_REPORT_CHANNELS, "opened", AGG_OPENED, true, false, -1, 0 },
};

struct pick {
	const struct measure		*m;
	const struct sd_report_filter	*f;
	sd_day				 today;
	bool				 hit;
};

static bool
on_count(void *arg, const struct agg_entry *e)
{
	struct pick *p = arg;
	const struct measure *m = p->m;
	const char *dept = p->f->dept != NULL ? p->f->dept : "";

	if (e->kind != m->kind || !report_cat_match(p->f, e->cat))
		return true;
	if (m->dated && ((p->f->from != SD_NO_DAY && e->day < p->f->from) ||
	    (p->f->to != SD_NO_DAY && e->day > p->f->to)))
		return true;
	if (m->extra == -2 && e->day >= p->today)
		return true;
	if (m->extra >= 0 && (e->nextra <= (size_t)m->at ||
	    (m->extra == 4 && m->kind == AGG_TOUCHED ? e->extra[m->at] < 4 :
	    e->extra[m->at] != m->extra)))
		return true;
	/* Department figures: its own counts; the case's: under the department it touched. */
	if (m->by_dept ? p->f->dept != NULL && strcmp(e->dept, dept) != 0 :
	    (m->kind == AGG_TOUCHED || m->kind == AGG_HANDOFF) && strcmp(e->dept, dept) != 0)
		return true;
	p->hit = true;
	return true;
}

sd_status
sd_report_cases(struct sd_desk *d, enum sd_report_kind k, const char *measure,
    const struct sd_report_filter *f, char (**out)[SD_CASE_NUMBER_MAX], size_t *n,
    struct sd_error *err)
{
	const struct measure *m = NULL;
	struct sd_txn t;
	struct sd_iter it;
	sd_status s;

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < sizeof measures / sizeof measures[0]; i++)
		if (measures[i].report == k && strcmp(measures[i].name, measure) == 0)
			m = &measures[i];
	if (m == NULL) {
		struct sd_buf names = { 0 };
		for (size_t i = 0; i < sizeof measures / sizeof measures[0]; i++)
			if (measures[i].report == k)
				sd_buf_addf(&names, "%s%s", names.len ? ", " : "", measures[i].name);
		s = sd_fail(err, SD_INVALID, _("the %s report has no figure %s; it has: %s."),
		    sd_report_name(k), measure, names.len ? names.data : "-");
		sd_buf_free(&names);
		return s;
	}
	if ((s = report_filter_check(d, f, err)) != SD_OK ||
	    (s = sd_report_permit(d, k, err)) != SD_OK)
		return s;
	/* An officer lists the cases of one of his own departments' figures. */
	if (k == SD_REPORT_DEPARTMENTS && sd_permit(d, SD_ACT_REPORT_ALL, NULL, NULL) != SD_OK) {
		if (f->dept == NULL)
			return sd_fail(err, SD_DENIED, _("an officer lists the cases behind the "
			    "figures of one of his departments: give the department."));
		if ((s = sd_permit(d, SD_ACT_REPORT_DEPT, f->dept, err)) != SD_OK)
			return s;
	}
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	sd_iter_start(&it, &t, SD_DB_REPORT_CASE, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct pick p = { m, f, sd_desk_today(d), false };
		if (it.key.mv_size != SD_CASE_KEY_LEN)
			continue;
		s = agg_case_counts(&t, it.key.mv_data, on_count, &p, err);
		if (s == SD_OK && p.hit) {
			*out = sd_xrealloc(*out, (*n + 1) * sizeof **out);
			sd_case_number_format(sd_case_key_unpack(it.key.mv_data), (*out)[(*n)++]);
		}
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, "report", err);
	sd_iter_end(&it);
	sd_txn_abort(&t);
	if (s != SD_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return s;
}
