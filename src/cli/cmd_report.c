/*
 * sedesk report NAME: the core's report numbers as aligned text with bars
 * and sparklines, CSV for a spreadsheet, JSON with codes for scripts, or
 * the council's HTML (cmd_report_html.c); --cases lists the cases behind
 * one number.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "export_notice_cli.h"
#include "report_out.h"
#include "sedesk/i18n.h"
#include "sedesk/money.h"
#include "sedesk/opportunity.h"
#include "sedesk/report.h"
#include "sedesk/share.h"
#include "sedesk/userfile.h"

/* --- words for codes ------------------------------------------------------------ */

static const char *
cat_label(const struct sd_desk *d, const char *id)
{
	const struct sd_category *c;

	if (id == NULL || *id == '\0')
		return _("(no category)");
	c = sd_config_category(&d->cfg, id);
	return c != NULL && c->name != NULL ? c->name : id;
}

static const char *
dept_label(const struct sd_desk *d, const char *id)
{
	const struct sd_department *dp = sd_config_department(&d->cfg, id);

	return dp != NULL && dp->name != NULL ? dp->name : id;
}

static double
avg(int64_t sum, uint64_t n)
{
	return n > 0 ? (double)sum / (double)n : 0;
}

static char *
fmt1(double v, uint64_t n, bool sign)
{
	char b[32];

	if (n == 0)
		return sd_xstrdup("-");
	snprintf(b, sizeof b, sign ? "%+.1f" : "%.1f", v);
	return sd_xstrdup(b);
}

static json_t *
jtimes(const struct sd_report_times *t)
{
	return json_pack("{s:I,s:o,s:o,s:o,s:I}", "n", (json_int_t)t->n,
	    "median", t->median < 0 ? json_null() : json_integer(t->median),
	    "p90", t->p90 < 0 ? json_null() : json_integer(t->p90),
	    "max", t->max < 0 ? json_null() : json_integer(t->max),
	    "within_service_level", (json_int_t)t->within);
}

static json_t *
jscores(const struct sd_report_scores *s)
{
	json_t *sat = json_object(), *own = json_object();

	for (int i = 1; i <= 5; i++) {
		char k[2] = { (char)('0' + i), 0 };
		json_object_set_new(sat, k, json_integer((json_int_t)s->sat[i]));
		json_object_set_new(own, k, json_integer((json_int_t)s->own[i]));
	}
	json_object_set_new(sat, "none", json_integer((json_int_t)s->sat[0]));
	json_object_set_new(own, "none", json_integer((json_int_t)s->own[0]));
	return json_pack("{s:I,s:o,s:o,s:I,s:o,s:o,s:o}", "closed", (json_int_t)s->closed,
	    "satisfaction", sat, "own_view", own, "both", (json_int_t)s->both,
	    "satisfaction_mean", s->sat[0] < s->closed ?
	    json_real(avg(s->sum_sat, s->closed - s->sat[0])) : json_null(),
	    "own_view_mean", s->own[0] < s->closed ?
	    json_real(avg(s->sum_own, s->closed - s->own[0])) : json_null(),
	    "gap_mean", s->both ? json_real(avg(s->sum_gap, s->both)) : json_null());
}

/* --- the reports ------------------------------------------------------------------ */

static int
build_departments(struct cli *cli, const struct sd_report_filter *f, struct rdoc *doc,
    json_t **j)
{
	struct sd_desk *d = &cli->desk;
	struct sd_report_departments r;
	struct sd_error err;
	struct rtable *t;
	json_t *rows;

	if (sd_report_departments(d, f, &r, &err) != SD_OK)
		return cli_report(&err);
	t = rdoc_table(doc, _("Routes per department"), 9, _("Department"), _("Received"),
	    _("Picked up"), _("Answered"), _("Declined"), _("Withdrawn"), _("Routed again"),
	    _("Open now"), _("Overdue now"));
	for (size_t c = 1; c < 9; c++)
		rt_num(t, c);
	for (size_t i = 0; i < r.n; i++) {
		const struct sd_report_dept *x = &r.rows[i];
		rt_row(t, (double)x->received, sd_xstrdup(dept_label(d, x->dept->id)),
		    rt_u(x->received), rt_u(x->picked_up), rt_u(x->answered), rt_u(x->declined),
		    rt_u(x->withdrawn), rt_u(x->rerouted), rt_u(x->open_now),
		    rt_u(x->overdue_now));
	}
	t = rdoc_table(doc, _("Working days to pick up and to answer"), 9, _("Department"),
	    _("Service level"), _("Pick-up median"), _("p90"), _("max"), _("Answer median"),
	    _("p90"), _("max"), _("In time"));
	for (size_t c = 1; c < 9; c++)
		rt_num(t, c);
	for (size_t i = 0; i < r.n; i++) {
		const struct sd_report_dept *x = &r.rows[i];
		rt_row(t, x->answer.p90 >= 0 ? x->answer.p90 : -1,
		    sd_xstrdup(dept_label(d, x->dept->id)), rt_days(x->dept->service_days),
		    rt_days(x->pickup.median), rt_days(x->pickup.p90), rt_days(x->pickup.max),
		    rt_days(x->answer.median), rt_days(x->answer.p90), rt_days(x->answer.max),
		    rt_pct(x->answer.within, x->answer.n));
	}
	rt_note(t, "%s", _("Working days from routing; in time: answered within the "
	    "department's service level. The bar is the p90 to answer."));
	t = rdoc_table(doc, _("Most frequent reasons to decline"), 3, _("Department"),
	    _("Reason"), _("Declined"));
	rt_num(t, 2);
	for (size_t i = 0; i < r.n; i++)
		for (size_t k = 0; k < r.rows[i].nreasons; k++)
			rt_row(t, (double)r.rows[i].reasons[k].n,
			    sd_xstrdup(dept_label(d, r.rows[i].dept->id)),
			    sd_xstrdup(*r.rows[i].reasons[k].reason ? r.rows[i].reasons[k].reason :
			    _("(no reason given)")), rt_u(r.rows[i].reasons[k].n));
	rows = json_array();
	for (size_t i = 0; i < r.n; i++) {
		const struct sd_report_dept *x = &r.rows[i];
		json_t *reasons = json_array();
		for (size_t k = 0; k < x->nreasons; k++)
			json_array_append_new(reasons, json_pack("{s:s,s:I}", "reason",
			    x->reasons[k].reason, "n", (json_int_t)x->reasons[k].n));
		json_array_append_new(rows, json_pack("{s:s,s:i,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,"
		    "s:o,s:o,s:o}", "department", x->dept->id, "service_days",
		    x->dept->service_days, "received", (json_int_t)x->received,
		    "picked_up", (json_int_t)x->picked_up, "answered", (json_int_t)x->answered,
		    "declined", (json_int_t)x->declined, "withdrawn", (json_int_t)x->withdrawn,
		    "rerouted", (json_int_t)x->rerouted, "open_now", (json_int_t)x->open_now,
		    "overdue_now", (json_int_t)x->overdue_now, "pickup_days", jtimes(&x->pickup),
		    "answer_days", jtimes(&x->answer), "decline_reasons", reasons));
	}
	*j = json_pack("{s:o,s:o}", "today", cli_jday(r.today), "departments", rows);
	sd_report_departments_free(&r);
	return 0;
}

static int
build_silos(struct cli *cli, const struct sd_report_filter *f, struct rdoc *doc, json_t **j)
{
	static const char *const n_label[5] = { N_("none"), "1", "2", "3", N_("4 or more") };
	struct sd_desk *d = &cli->desk;
	struct sd_report_silos r;
	struct sd_error err;
	struct rtable *t;
	json_t *pairs, *by;

	if (sd_report_silos(d, f, &r, &err) != SD_OK)
		return cli_report(&err);
	t = rdoc_table(doc, _("Departments each case touched"), 3, _("Departments"), _("Cases"),
	    _("Share"));
	rt_num(t, 1);
	rt_num(t, 2);
	for (int k = 0; k < 5; k++)
		rt_row(t, (double)r.by_depts[k], sd_xstrdup(k == 0 || k == 4 ? _(n_label[k]) :
		    n_label[k]), rt_u(r.by_depts[k]), rt_pct(r.by_depts[k], r.cases));
	{
		char *share = rt_pct(r.multi, r.cases);
		rt_note(t, _("%llu of %llu cases needed two or more departments (%s). Hand-offs "
		    "(routed again, or declined and routed elsewhere): %llu."),
		    (unsigned long long)r.multi, (unsigned long long)r.cases, share,
		    (unsigned long long)r.handoffs);
		free(share);
	}
	t = rdoc_table(doc, _("Departments most often routed together"), 2, _("Departments"),
	    _("Cases"));
	rt_num(t, 1);
	pairs = json_array();
	for (size_t i = 0; i < r.npairs; i++) {
		struct sd_buf b = { 0 };
		sd_buf_addf(&b, "%s + %s", dept_label(d, r.pairs[i].a), dept_label(d, r.pairs[i].b));
		rt_row(t, (double)r.pairs[i].n, sd_buf_take(&b), rt_u(r.pairs[i].n));
		json_array_append_new(pairs, json_pack("{s:[s,s],s:I}", "departments",
		    r.pairs[i].a, r.pairs[i].b, "cases", (json_int_t)r.pairs[i].n));
	}
	by = json_pack("{s:I,s:I,s:I,s:I,s:I}", "0", (json_int_t)r.by_depts[0],
	    "1", (json_int_t)r.by_depts[1], "2", (json_int_t)r.by_depts[2],
	    "3", (json_int_t)r.by_depts[3], "4+", (json_int_t)r.by_depts[4]);
	*j = json_pack("{s:I,s:o,s:I,s:I,s:o}", "cases", (json_int_t)r.cases, "by_departments", by,
	    "two_or_more", (json_int_t)r.multi, "handoffs", (json_int_t)r.handoffs,
	    "pairs", pairs);
	sd_report_silos_free(&r);
	return 0;
}

static void
score_rows(const struct sd_desk *d, struct rtable *t, const struct sd_report_score_row *rows,
    size_t n, bool cats, json_t *arr, const char *key)
{
	for (size_t i = 0; i < n; i++) {
		const struct sd_report_scores *s = &rows[i].s;
		uint64_t ns = s->closed - s->sat[0], no = s->closed - s->own[0];
		rt_row(t, -1, sd_xstrdup(cats ? cat_label(d, rows[i].label) : rows[i].label),
		    rt_u(s->closed), fmt1(avg(s->sum_sat, ns), ns, false),
		    fmt1(avg(s->sum_own, no), no, false), fmt1(avg(s->sum_gap, s->both), s->both,
		    true));
		json_t *o = jscores(s);
		json_object_set_new(o, key, json_string(rows[i].label));
		json_array_append_new(arr, o);
	}
}

static int
build_recognition(struct cli *cli, const struct sd_report_filter *f, struct rdoc *doc,
    json_t **j)
{
	struct sd_desk *d = &cli->desk;
	struct sd_report_recognition r;
	struct sd_error err;
	struct rtable *t;
	json_t *months = json_array(), *cats = json_array();
	double max = 0;
	uint64_t ns, no;

	if (sd_report_recognition(d, f, &r, &err) != SD_OK) {
		json_decref(months);
		json_decref(cats);
		return cli_report(&err);
	}
	t = rdoc_table(doc, _("Scores at closing: the enterprise and the contact point"), 5,
	    _("Score"), _("Enterprise"), "", _("Contact point"), "");
	rt_num(t, 1);
	rt_num(t, 3);
	rt_barcol(t, 2);
	rt_barcol(t, 4);
	for (int i = 0; i <= 5; i++) {
		if ((double)r.total.sat[i] > max)
			max = (double)r.total.sat[i];
		if ((double)r.total.own[i] > max)
			max = (double)r.total.own[i];
	}
	for (int i = 5; i >= 0; i--) {
		char lbl[16];
		snprintf(lbl, sizeof lbl, "%d", i);
		rt_row(t, -1, sd_xstrdup(i ? lbl : _("not given")), rt_u(r.total.sat[i]),
		    rt_barcell((double)r.total.sat[i], max), rt_u(r.total.own[i]),
		    rt_barcell((double)r.total.own[i], max));
	}
	ns = r.total.closed - r.total.sat[0];
	no = r.total.closed - r.total.own[0];
	{
		char *a = fmt1(avg(r.total.sum_sat, ns), ns, false);
		char *b = fmt1(avg(r.total.sum_own, no), no, false);
		char *g = fmt1(avg(r.total.sum_gap, r.total.both), r.total.both, true);
		rt_note(t, _("%llu cases closed. Average: the enterprise %s, the contact point %s; "
		    "the contact point's view minus the enterprise's: %s (over %llu cases with "
		    "both)."), (unsigned long long)r.total.closed, a, b, g,
		    (unsigned long long)r.total.both);
		free(a);
		free(b);
		free(g);
	}
	t = rdoc_table(doc, _("Scores per month"), 5, _("Month"), _("Closed"), _("Enterprise"),
	    _("Contact point"), _("Gap"));
	for (size_t c = 1; c < 5; c++)
		rt_num(t, c);
	score_rows(d, t, r.months, r.nmonths, false, months, "month");
	t = rdoc_table(doc, _("Scores per category"), 5, _("Category"), _("Closed"),
	    _("Enterprise"), _("Contact point"), _("Gap"));
	for (size_t c = 1; c < 5; c++)
		rt_num(t, c);
	score_rows(d, t, r.categories, r.ncategories, true, cats, "category");
	t = rdoc_table(doc, _("Reach: enterprises of the register with a contact"), 3,
	    _("Contact"), _("Enterprises"), _("Share of the register"));
	rt_num(t, 1);
	rt_num(t, 2);
	rt_row(t, (double)r.reached_case, sd_xstrdup(_("a case")), rt_u(r.reached_case),
	    rt_pct(r.reached_case, r.register_size));
	rt_row(t, (double)r.reached_moment, sd_xstrdup(_("a contact moment")),
	    rt_u(r.reached_moment), rt_pct(r.reached_moment, r.register_size));
	rt_row(t, (double)r.reached_event, sd_xstrdup(_("an event attended")),
	    rt_u(r.reached_event), rt_pct(r.reached_event, r.register_size));
	rt_row(t, (double)r.reached, sd_xstrdup(_("any of these")), rt_u(r.reached),
	    rt_pct(r.reached, r.register_size));
	rt_note(t, _("The register holds %llu enterprises."),
	    (unsigned long long)r.register_size);
	*j = json_pack("{s:o,s:o,s:o,s:{s:I,s:I,s:I,s:I,s:I}}", "total", jscores(&r.total),
	    "months", months, "categories", cats, "reach", "register", (json_int_t)r.register_size,
	    "any", (json_int_t)r.reached, "case", (json_int_t)r.reached_case,
	    "moment", (json_int_t)r.reached_moment, "event", (json_int_t)r.reached_event);
	sd_report_recognition_free(&r);
	return 0;
}

static int
build_backlog(struct cli *cli, const struct sd_report_filter *f, struct rdoc *doc, json_t **j)
{
	struct sd_desk *d = &cli->desk;
	struct sd_report_backlog r;
	struct sd_error err;
	struct rtable *t;
	json_t *st = json_object(), *depts = json_array(), *wait = json_array();

	if (sd_report_backlog(d, f, &r, &err) != SD_OK) {
		json_decref(st);
		json_decref(depts);
		json_decref(wait);
		return cli_report(&err);
	}
	t = rdoc_table(doc, _("Open cases by status and age (days since opened)"), 7,
	    _("Status"), "0–7", "8–30", "31–90", "91–365", _("older"), _("Total"));
	for (size_t c = 1; c < 7; c++)
		rt_num(t, c);
	for (int s = 1; s < SD_CASE_STATUS_COUNT; s++) {
		uint64_t tot = 0;
		json_t *bands;
		if (s == SD_CASE_CLOSED)
			continue;
		bands = json_array();
		for (int b = 0; b < SD_REPORT_AGE_BANDS; b++) {
			tot += r.by_status[s][b];
			json_array_append_new(bands, json_integer((json_int_t)r.by_status[s][b]));
		}
		rt_row(t, (double)tot, sd_xstrdup(sd_case_status_label(s)), rt_u(r.by_status[s][0]),
		    rt_u(r.by_status[s][1]), rt_u(r.by_status[s][2]), rt_u(r.by_status[s][3]),
		    rt_u(r.by_status[s][4]), rt_u(tot));
		json_object_set_new(st, sd_case_status_name(s), bands);
	}
	rt_note(t, _("%llu cases open, %llu of them running past their due day."),
	    (unsigned long long)r.open, (unsigned long long)r.overdue);
	t = rdoc_table(doc, _("Open routes per department"), 3, _("Department"), _("Open"),
	    _("Overdue"));
	rt_num(t, 1);
	rt_num(t, 2);
	for (size_t i = 0; i < r.ndepts; i++) {
		rt_row(t, (double)r.depts[i].overdue, sd_xstrdup(dept_label(d, r.depts[i].dept->id)),
		    rt_u(r.depts[i].open), rt_u(r.depts[i].overdue));
		json_array_append_new(depts, json_pack("{s:s,s:I,s:I}", "department",
		    r.depts[i].dept->id, "open", (json_int_t)r.depts[i].open, "overdue",
		    (json_int_t)r.depts[i].overdue));
	}
	t = rdoc_table(doc, _("Waiting on the enterprise"), 4, _("Case"), _("Subject"),
	    _("Waiting since"), _("Back on"));
	for (size_t i = 0; i < r.nwaiting; i++) {
		char since[11], until[11];
		sd_day_format(r.waiting[i].since, since);
		if (r.waiting[i].until != SD_NO_DAY)
			sd_day_format(r.waiting[i].until, until);
		else
			snprintf(until, sizeof until, "-");
		rt_row(t, -1, sd_xstrdup(r.waiting[i].number), cli_safe(r.waiting[i].subject),
		    sd_xstrdup(since), sd_xstrdup(until));
		json_array_append_new(wait, json_pack("{s:s,s:s,s:o,s:o}", "number",
		    r.waiting[i].number, "subject", r.waiting[i].subject, "since",
		    cli_jday(r.waiting[i].since), "until", cli_jday(r.waiting[i].until)));
	}
	{
		uint64_t all = 0;
		for (int b = 0; b < SD_REPORT_AGE_BANDS; b++)
			all += r.by_status[SD_CASE_WAITING][b];
		if (all > r.nwaiting)
			rt_note(t, _("The %zu longest waiting of %llu."), r.nwaiting,
			    (unsigned long long)all);
	}
	*j = json_pack("{s:o,s:I,s:I,s:o,s:o,s:o}", "today", cli_jday(r.today), "open",
	    (json_int_t)r.open, "overdue", (json_int_t)r.overdue, "by_status_and_age", st,
	    "departments", depts, "waiting", wait);
	sd_report_backlog_free(&r);
	return 0;
}

static int
build_channels(struct cli *cli, const struct sd_report_filter *f, struct rdoc *doc, json_t **j)
{
	struct sd_desk *d = &cli->desk;
	struct sd_report_channels r;
	struct sd_error err;
	uint64_t chan_tot[SD_CHANNEL_COUNT] = { 0 }, *cat_tot;
	int chans[SD_CHANNEL_COUNT];
	size_t nch = 0, cols[RT_MAXCOLS], ncat = 0;
	json_t *months = json_array();

	if (sd_report_channels(d, f, &r, &err) != SD_OK) {
		json_decref(months);
		return cli_report(&err);
	}
	cat_tot = sd_xcalloc(r.ncategories + 1, sizeof *cat_tot);
	for (size_t m = 0; m < r.nmonths; m++) {
		for (int c = 0; c < SD_CHANNEL_COUNT; c++)
			chan_tot[c] += r.months[m].channel[c];
		for (size_t k = 0; k < r.ncategories; k++)
			cat_tot[k] += r.months[m].category[k];
	}
	/* The columns that have cases: a channel nobody used takes no room. */
	for (int c = 0; c < SD_CHANNEL_COUNT; c++)
		if (chan_tot[c] > 0 && nch < RT_MAXCOLS - 2)
			chans[nch++] = c;
	for (size_t k = 0; k < r.ncategories; k++)
		if (cat_tot[k] > 0 && ncat < RT_MAXCOLS - 2)
			cols[ncat++] = k;
	/* Tables have their columns at creation: made here with the heads found above. */
	{
		struct rtable *tc, *tk;
		double *spark = sd_xcalloc(r.nmonths + 1, sizeof *spark);
		struct sd_buf sp = { 0 };
		tc = rdoc_table(doc, _("Cases opened per month, by channel"), 0);
		tc->ncols = nch + 2;
		tc->head[0] = sd_xstrdup(_("Month"));
		tc->head[1] = sd_xstrdup(_("Total"));
		for (size_t i = 0; i < nch; i++)
			tc->head[2 + i] = sd_xstrdup(sd_channel_label(chans[i]));
		tk = rdoc_table(doc, _("Cases opened per month, by category"), 0);
		/* Adding a table moves the others: the first one's place again. */
		tc = &doc->t[doc->n - 2];
		tk->ncols = ncat + 1;
		tk->head[0] = sd_xstrdup(_("Month"));
		for (size_t i = 0; i < ncat; i++)
			tk->head[1 + i] = sd_xstrdup(cat_label(d, r.categories[cols[i]]));
		for (size_t c = 1; c < tc->ncols; c++)
			rt_num(tc, c);
		for (size_t c = 1; c < tk->ncols; c++)
			rt_num(tk, c);
		for (size_t m = 0; m < r.nmonths; m++) {
			const struct sd_report_month *mo = &r.months[m];
			char lbl[16];
			json_t *jc = json_object(), *jk = json_object();
			snprintf(lbl, sizeof lbl, "%04d-%02d", mo->year, mo->month);
			spark[m] = (double)mo->total;
			tc->cells = sd_xrealloc(tc->cells, (tc->nrows + 1) * tc->ncols *
			    sizeof *tc->cells);
			tc->bar = sd_xrealloc(tc->bar, (tc->nrows + 1) * sizeof *tc->bar);
			tc->bar[tc->nrows] = (double)mo->total;
			tc->cells[tc->nrows * tc->ncols] = sd_xstrdup(lbl);
			tc->cells[tc->nrows * tc->ncols + 1] = rt_u(mo->total);
			for (size_t i = 0; i < nch; i++)
				tc->cells[tc->nrows * tc->ncols + 2 + i] = rt_u(mo->channel[chans[i]]);
			tc->nrows++;
			tk->cells = sd_xrealloc(tk->cells, (tk->nrows + 1) * tk->ncols *
			    sizeof *tk->cells);
			tk->bar = sd_xrealloc(tk->bar, (tk->nrows + 1) * sizeof *tk->bar);
			tk->bar[tk->nrows] = -1;
			tk->cells[tk->nrows * tk->ncols] = sd_xstrdup(lbl);
			for (size_t i = 0; i < ncat; i++)
				tk->cells[tk->nrows * tk->ncols + 1 + i] = rt_u(mo->category[cols[i]]);
			tk->nrows++;
			for (int c = 1; c < SD_CHANNEL_COUNT; c++)
				if (mo->channel[c] > 0)
					json_object_set_new(jc, sd_channel_name(c),
					    json_integer((json_int_t)mo->channel[c]));
			for (size_t k = 0; k < r.ncategories; k++)
				if (mo->category[k] > 0)
					json_object_set_new(jk, *r.categories[k] ? r.categories[k] : "-",
					    json_integer((json_int_t)mo->category[k]));
			json_array_append_new(months, json_pack("{s:s,s:I,s:o,s:o}", "month", lbl,
			    "total", (json_int_t)mo->total, "channels", jc, "categories", jk));
		}
		if (r.nmonths > 1) {
			sd_buf_addf(&sp, "%s ", _("Cases per month:"));
			rt_spark(&sp, spark, r.nmonths);
			tc->spark = sd_buf_take(&sp);
		}
		free(spark);
	}
	free(cat_tot);
	*j = json_pack("{s:o}", "months", months);
	sd_report_channels_free(&r);
	return 0;
}

/* --- spend (issue 13: the opportunities' awards) ----------------------------------------- */

bool
report_whole_years(const struct sd_report_filter *f)
{
	int y, m, dd;

	if (f->from != SD_NO_DAY) {
		sd_day_to_ymd(f->from, &y, &m, &dd);
		if (m != 1 || dd != 1)
			return false;
	}
	if (f->to != SD_NO_DAY) {
		sd_day_to_ymd(f->to, &y, &m, &dd);
		if (m != 12 || dd != 31)
			return false;
	}
	return true;
}

int
report_spend_load(struct cli *cli, const struct sd_report_filter *f, struct sd_spend *out)
{
	struct sd_desk *d = &cli->desk;
	struct sd_spend all;
	struct sd_error err;
	int fy = 0, ty = 0, m, dd;

	memset(out, 0, sizeof *out);
	/* Awards are counted per year of their day: a period is whole years. */
	if (!report_whole_years(f)) {
		fprintf(stderr, _("sedesk: report spend: the spend figures are per calendar "
		    "year; give --year, or --from on a 1 January and --to on a 31 December; "
		    "nothing was reported.\n"));
		return 2;
	}
	if (f->category != NULL) {
		fprintf(stderr, _("sedesk: report spend: awards have no category; leave out "
		    "--category.\n"));
		return 2;
	}
	if (f->from != SD_NO_DAY && f->to != SD_NO_DAY && f->from > f->to) {
		fprintf(stderr, _("sedesk: report spend: --from is after --to.\n"));
		return 2;
	}
	if (f->dept != NULL) {
		if (sd_desk_known_department(d, f->dept, &err) != SD_OK)
			return cli_report(&err);
		/* An officer asks for one of his own departments (not an empty table). */
		if (sd_permit(d, SD_ACT_REPORT_DEPT, f->dept, &err) != SD_OK)
			return cli_report(&err);
	}
	if (f->from != SD_NO_DAY)
		sd_day_to_ymd(f->from, &fy, &m, &dd);
	if (f->to != SD_NO_DAY)
		sd_day_to_ymd(f->to, &ty, &m, &dd);
	/* One year: the core's own filter; a range: every year, then the range. */
	if (sd_opp_spend(d, fy != 0 && fy == ty ? fy : 0, &all, &err) != SD_OK)
		return cli_report(&err);
	for (size_t i = 0; i < all.n; i++) {
		struct sd_spend_row *r = &all.rows[i];
		if ((fy != 0 && r->year < fy) || (ty != 0 && r->year > ty) ||
		    (f->dept != NULL && strcmp(r->dept, f->dept) != 0)) {
			free(r->dept);
			continue;
		}
		out->rows = sd_xrealloc(out->rows, (out->n + 1) * sizeof *out->rows);
		out->rows[out->n++] = *r;
	}
	free(all.rows);
	return 0;
}

static char *
money_cell(const struct rdoc *doc, int64_t cents)
{
	char b[SD_MONEY_STR];

	if (doc->plain)
		sd_money_plain(cents, b);
	else
		sd_money_format(cents, b);
	return sd_xstrdup(b);
}

static char *
share_cell(int64_t part, int64_t whole)
{
	char b[SD_SHARE_STR];

	sd_share_format(part > 0 ? (uint64_t)part : 0, whole > 0 ? (uint64_t)whole : 0, b);
	return sd_xstrdup(b);
}

static json_t *
jspend(const struct sd_spend_row *r)
{
	return json_pack("{s:I,s:I,s:I,s:o,s:I,s:I,s:I,s:I,s:I}", "awards", (json_int_t)r->awards,
	    "total_cents", (json_int_t)r->total, "social_cents", (json_int_t)r->social,
	    "social_share", r->total > 0 ? json_real((double)r->social / (double)r->total) :
	    json_null(), "reserved", (json_int_t)r->reserved,
	    "sroi_due_cents", (json_int_t)r->sroi_due, "sroi_spent_cents",
	    (json_int_t)r->sroi_spent, "sroi_open", (json_int_t)r->sroi_open,
	    "sroi_unfulfilled", (json_int_t)r->sroi_unfulfilled);
}

static void
spend_rows(struct rdoc *doc, struct rtable *a, struct rtable *b, const char *year,
    const char *dept, const struct sd_spend_row *r)
{
	char yb[16];

	if (year == NULL) {
		snprintf(yb, sizeof yb, "%d", r->year);
		year = yb;
	}
	rt_row(a, -1, sd_xstrdup(year), sd_xstrdup(dept), rt_u(r->awards),
	    money_cell(doc, r->total), money_cell(doc, r->social),
	    share_cell(r->social, r->total),
	    rt_barcell(r->total > 0 ? (double)r->social / (double)r->total : 0, 1),
	    rt_u(r->reserved));
	rt_row(b, -1, sd_xstrdup(year), sd_xstrdup(dept), money_cell(doc, r->sroi_due),
	    money_cell(doc, r->sroi_spent), share_cell(r->sroi_spent, r->sroi_due),
	    rt_u(r->sroi_open), rt_u(r->sroi_unfulfilled));
}

static int
build_spend(struct cli *cli, const struct sd_report_filter *f, struct rdoc *doc, json_t **j)
{
	struct sd_desk *d = &cli->desk;
	struct sd_spend sp;
	struct sd_spend_row tot = { 0 };
	struct rtable *a, *b;
	json_t *rows;
	int rc;

	if ((rc = report_spend_load(cli, f, &sp)) != 0)
		return rc;
	a = rdoc_table(doc, _("Awards per year and department"), 8, _("Year"), _("Department"),
	    _("Awards"), _("Awarded"), _("To social enterprises"), _("Share"), "",
	    _("Reserved"));
	b = rdoc_table(doc, _("Social return per year and department"), 7, _("Year"),
	    _("Department"), _("Owed"), _("Spent"), _("Fulfilled"), _("Open"),
	    _("Unfulfilled"));
	/* Adding a table moves the others: the first one's place again. */
	a = &doc->t[doc->n - 2];
	/* The bar (column 6) grows from the left, beside its share. */
	for (size_t c = 2; c < 8; c++)
		if (c != 6)
			rt_num(a, c);
	rt_barcol(a, 6);
	for (size_t c = 2; c < 7; c++)
		rt_num(b, c);
	rows = json_array();
	for (size_t i = 0; i < sp.n; i++) {
		const struct sd_spend_row *r = &sp.rows[i];
		json_t *o;
		spend_rows(doc, a, b, NULL, *r->dept ? dept_label(d, r->dept) :
		    _("(no department)"), r);
		o = jspend(r);
		json_object_set_new(o, "year", json_integer(r->year));
		json_object_set_new(o, "department", json_string(r->dept));
		json_array_append_new(rows, o);
		tot.awards += r->awards;
		tot.total += r->total;
		tot.social += r->social;
		tot.reserved += r->reserved;
		tot.sroi_due += r->sroi_due;
		tot.sroi_spent += r->sroi_spent;
		tot.sroi_open += r->sroi_open;
		tot.sroi_unfulfilled += r->sroi_unfulfilled;
	}
	if (sp.n > 1)
		spend_rows(doc, a, b, _("Total"), "", &tot);
	if (sp.n == 0)
		rt_note(a, "%s", _("No awards in this period."));
	else {
		char *t = money_cell(doc, tot.total), *s = money_cell(doc, tot.social);
		char *p = share_cell(tot.social, tot.total);
		rt_note(a, ngettext("%zu award worth %s; %s of it (%s) to registered social "
		    "enterprises. Reserved contracts or lots awarded: %zu.",
		    "%zu awards worth %s; %s of it (%s) to registered social "
		    "enterprises. Reserved contracts or lots awarded: %zu.", tot.awards),
		    tot.awards, t, s, p, tot.reserved);
		rt_note(b, "%s", _("Social return: the share of an award the contractor spends "
		    "on social value; open: not yet spent in full; unfulfilled: not spent in "
		    "full when the contract ended."));
		free(t);
		free(s);
		free(p);
	}
	*j = json_pack("{s:o,s:o}", "rows", rows, "total", jspend(&tot));
	sd_spend_free(&sp);
	return 0;
}

int
report_build(struct cli *cli, enum sd_report_kind k, const struct sd_report_filter *f,
    struct rdoc *doc, json_t **j)
{
	switch (k) {
	case SD_REPORT_DEPARTMENTS:	return build_departments(cli, f, doc, j);
	case SD_REPORT_SILOS:		return build_silos(cli, f, doc, j);
	case SD_REPORT_RECOGNITION:	return build_recognition(cli, f, doc, j);
	case SD_REPORT_BACKLOG:		return build_backlog(cli, f, doc, j);
	case SD_REPORT_CHANNELS:	return build_channels(cli, f, doc, j);
	case SD_REPORT_SPEND:		return build_spend(cli, f, doc, j);
	default:			return 2;
	}
}

/* --- the command ----------------------------------------------------------------- */

static int
parse_day(const struct cli_args *a, const char *opt, sd_day *out)
{
	const char *v = cli_opt(a, opt);

	if (v == NULL)
		return 0;
	if (!sd_day_parse(v, out) || !sd_day_in_range(*out))
		return cli_usage(a->cmd, _("--%s %s: give a day as YYYY-MM-DD."), opt, v);
	return 0;
}

static int
write_out(const char *path, const struct sd_buf *b)
{
	int fd;
	size_t off = 0;

	if (path == NULL || strcmp(path, "-") == 0)
		return b->len > 0 && fwrite(b->data, 1, b->len, stdout) != b->len ? SD_FAIL : 0;
	/* The user's file, with the user's rights and umask; never through a symlink. */
	fd = sd_user_open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NOCTTY,
	    0666 & ~sd_caller_umask());
	if (fd < 0) {
		fprintf(stderr, _("sedesk: cannot write %s: %s; nothing was written.\n"), path,
		    strerror(errno));
		return SD_FAIL;
	}
	while (off < b->len) {
		ssize_t w = write(fd, b->data + off, b->len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			fprintf(stderr, _("sedesk: cannot write %s: %s\n"), path, strerror(errno));
			close(fd);
			return SD_FAIL;
		}
		off += (size_t)w;
	}
	if (close(fd) != 0) {
		fprintf(stderr, _("sedesk: cannot write %s: %s\n"), path, strerror(errno));
		return SD_FAIL;
	}
	return 0;
}

void
report_period_words(const struct sd_report_filter *f, struct sd_buf *b)
{
	char from[11], to[11];

	if (f->from != SD_NO_DAY)
		sd_day_format(f->from, from);
	if (f->to != SD_NO_DAY)
		sd_day_format(f->to, to);
	if (f->from == SD_NO_DAY && f->to == SD_NO_DAY)
		sd_buf_adds(b, _("all time"));
	else if (f->to == SD_NO_DAY)
		sd_buf_addf(b, _("from %s"), from);
	else if (f->from == SD_NO_DAY)
		sd_buf_addf(b, _("until %s"), to);
	else
		sd_buf_addf(b, _("%s to %s"), from, to);
}

int
cmd_report(struct cli *cli, const struct cli_args *a)
{
	struct sd_report_filter f = { SD_NO_DAY, SD_NO_DAY, cli_opt(a, "dept"),
		cli_opt(a, "category") };
	enum sd_report_kind k = sd_report_parse(a->argv[0]);
	const char *fmt = cli_opt(a, "format"), *sep = cli_opt(a, "separator");
	const char *year = cli_opt(a, "year"), *measure = cli_opt(a, "cases");
	struct rdoc doc = { 0 };
	struct sd_buf out = { 0 }, title = { 0 };
	struct sd_error err;
	json_t *j = NULL;
	int rc;

	if (k == SD_REPORT_NONE)
		return cli_usage(a->cmd, _("no report %s; the reports are departments, silos, "
		    "recognition, backlog, channels, spend and council."), a->argv[0]);
	if (fmt == NULL)
		fmt = cli->json ? "json" : k == SD_REPORT_COUNCIL ? "html" : "text";
	if (strcmp(fmt, "text") != 0 && strcmp(fmt, "csv") != 0 && strcmp(fmt, "json") != 0 &&
	    strcmp(fmt, "html") != 0)
		return cli_usage(a->cmd, _("--format %s: give text, csv, json or html."), fmt);
	if (sep != NULL && strcmp(sep, ",") != 0 && strcmp(sep, ";") != 0)
		return cli_usage(a->cmd, _("--separator %s: give , or ;."), sep);
	if (year != NULL) {
		unsigned long y;
		if (cli_opt(a, "from") != NULL || cli_opt(a, "to") != NULL)
			return cli_usage(a->cmd, _("give --year or --from/--to, not both."));
		if (!cli_parse_uint(year, SD_YEAR_MAX, &y) || y < SD_YEAR_MIN)
			return cli_usage(a->cmd, _("--year %s: give a year such as 2026."), year);
		f.from = sd_day_from_ymd((int)y, 1, 1);
		f.to = sd_day_from_ymd((int)y, 12, 31);
	}
	if ((rc = parse_day(a, "from", &f.from)) != 0 || (rc = parse_day(a, "to", &f.to)) != 0)
		return rc;
	if ((rc = sd_report_permit(&cli->desk, k, &err)) != SD_OK)
		return cli_report(&err);
	if (measure != NULL) {
		char (*nums)[SD_CASE_NUMBER_MAX];
		size_t n;
		if (sd_report_cases(&cli->desk, k, measure, &f, &nums, &n, &err) != SD_OK)
			return cli_report(&err);
		if (strcmp(fmt, "json") == 0) {
			json_t *arr = json_array();
			for (size_t i = 0; i < n; i++)
				json_array_append_new(arr, json_string(nums[i]));
			cli_json_print(arr);
		} else
			for (size_t i = 0; i < n; i++)
				printf("%s\n", nums[i]);
		free(nums);
		return 0;
	}
	if (k == SD_REPORT_COUNCIL) {
		/* The council's report: every figure of the period in one document. */
		rc = report_council(cli, &f, fmt, &out);
		goto write;
	}
	/* CSV holds amounts a spreadsheet reads as numbers. */
	doc.plain = strcmp(fmt, "csv") == 0;
	if ((rc = report_build(cli, k, &f, &doc, &j)) != 0)
		goto done;
	sd_buf_addf(&title, "%s — ", sd_report_label(k));
	report_period_words(&f, &title);
	if (f.dept != NULL)
		sd_buf_addf(&title, " — %s", dept_label(&cli->desk, f.dept));
	if (f.category != NULL)
		sd_buf_addf(&title, " — %s", cat_label(&cli->desk,
		    strcmp(f.category, "-") == 0 ? "" : f.category));
	doc.title = sd_buf_take(&title);
	if (strcmp(fmt, "json") == 0) {
		json_t *root = json_pack("{s:s,s:o,s:o,s:o,s:o}", "report", sd_report_name(k),
		    "from", cli_jday(f.from), "to", cli_jday(f.to), "department",
		    cli_jstr(f.dept), "category", cli_jstr(f.category));
		json_object_update(root, j);
		char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		sd_buf_addf(&out, "%s\n", s);
		free(s);
		json_decref(root);
	} else if (strcmp(fmt, "csv") == 0)
		rdoc_csv(&doc, &out, sep != NULL ? *sep : ',', cli_flag(a, "bom"));
	else if (strcmp(fmt, "html") == 0)
		report_html(&cli->desk, &doc, NULL, &out);
	else
		rdoc_text(&doc, &out);
write:
	/* accesslog: whether the export holds personal data, at its top (issue 17). */
	if (rc == 0)
		cli_export_notice(&out, fmt, cli_report_columns(k));
	if (rc == 0)
		rc = write_out(cli_opt(a, "output"), &out);
done:
	json_decref(j);
	rdoc_free(&doc);
	sd_buf_free(&out);
	sd_buf_free(&title);
	return rc;
}
