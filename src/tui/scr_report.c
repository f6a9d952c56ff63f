/*
 * The reports screen: one report at a time as rows of bars (block
 * characters in eighths) with their numbers, for a period the user picks;
 * Enter on a bar lists the cases behind it (spend: no cases behind its
 * bars).  The numbers are the core's
 * (report.h): this screen only draws them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/money.h"
#include "sedesk/opportunity.h"
#include "sedesk/report.h"
#include "sedesk/share.h"
#include "sedesk/text.h"
#include "tui.h"

/* One bar: what it shows, and the figure behind it for Enter. */
struct brow {
	char			*label;
	double			 v;
	char			*value;
	char			*extra;
	enum sd_report_kind	 kind;
	char			 measure[32];	/* "" when it lists nothing */
	struct sd_report_filter	 f;
};

struct report_scr {
	struct screen		 base;
	enum sd_report_kind	 kind;
	int			 period;	/* index into the period choices */
	struct sd_report_filter	 f;
	char			 plabel[64];
	char			*summary;	/* a line above the bars (sparkline) */
	struct brow		*rows;
	size_t			 n;
	struct listview		 lv;
};

static const enum sd_report_kind kinds[] = {
	SD_REPORT_DEPARTMENTS, SD_REPORT_SILOS, SD_REPORT_RECOGNITION, SD_REPORT_BACKLOG,
	SD_REPORT_CHANNELS, SD_REPORT_SPEND,
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static const struct tui_key report_keys[] = {
	{ TK(KEY_RIGHT), ACT_RIGHT, "→ ← Tab", N_("next / previous report"), N_("report") },
	{ '\t', ACT_RIGHT, NULL, NULL, NULL },
	{ TK(KEY_LEFT), ACT_LEFT, NULL, NULL, NULL },
	{ TK(KEY_BTAB), ACT_LEFT, NULL, NULL, NULL },
	{ 'p', ACT_REPORT_PERIOD, "p", N_("choose the period"), N_("period") },
	{ 0 },
};

/* --- the period ------------------------------------------------------------------- */

static const char *const period_names[] = {
	N_("this year"), N_("last year"), N_("the last 12 months"), N_("this month"),
	N_("all time"),
};
#define NPERIODS (sizeof period_names / sizeof period_names[0])

static void
set_period(struct report_scr *r)
{
	sd_day today = sd_desk_today(r->base.tui->desk);
	int y, m, d;

	sd_day_to_ymd(today, &y, &m, &d);
	r->f.from = r->f.to = SD_NO_DAY;
	switch (r->period) {
	case 0:
		r->f.from = sd_day_from_ymd(y, 1, 1);
		r->f.to = sd_day_from_ymd(y, 12, 31);
		snprintf(r->plabel, sizeof r->plabel, "%d", y);
		return;
	case 1:
		r->f.from = sd_day_from_ymd(y - 1, 1, 1);
		r->f.to = sd_day_from_ymd(y - 1, 12, 31);
		snprintf(r->plabel, sizeof r->plabel, "%d", y - 1);
		return;
	case 2:
		r->f.from = sd_day_from_ymd(m == 12 ? y : y - 1, m == 12 ? 1 : m + 1, 1);
		r->f.to = today;
		break;
	case 3:
		r->f.from = sd_day_from_ymd(y, m, 1);
		r->f.to = today;
		break;
	default:
		break;
	}
	snprintf(r->plabel, sizeof r->plabel, "%s", _(period_names[r->period]));
}

/* --- rows ----------------------------------------------------------------------------- */

static char *
fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *
fmt(const char *f, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, f);
	vsnprintf(buf, sizeof buf, f, ap);
	va_end(ap);
	return sd_xstrdup(buf);
}

static struct brow *
add_row(struct report_scr *r, const char *label, uint64_t v, const char *measure)
{
	struct brow *b;

	r->rows = sd_xrealloc(r->rows, (r->n + 1) * sizeof *r->rows);
	b = &r->rows[r->n++];
	memset(b, 0, sizeof *b);
	b->label = sd_xstrdup(label);
	b->v = (double)v;
	b->value = fmt("%llu", (unsigned long long)v);
	b->kind = r->kind;
	b->f = r->f;
	snprintf(b->measure, sizeof b->measure, "%s", measure != NULL ? measure : "");
	return b;
}

static void
clear_rows(struct report_scr *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->rows[i].label);
		free(r->rows[i].value);
		free(r->rows[i].extra);
	}
	free(r->rows);
	r->rows = NULL;
	r->n = 0;
	free(r->summary);
	r->summary = NULL;
}

static char *
days(int v)
{
	return v < 0 ? sd_xstrdup("-") : fmt("%d", v);
}

static sd_status
load_departments(struct report_scr *r, struct sd_error *err)
{
	struct sd_report_departments x;
	sd_status s;

	if ((s = sd_report_departments(r->base.tui->desk, &r->f, &x, err)) != SD_OK)
		return s;
	r->summary = sd_xstrdup(_("Routes received per department; working days from routing "
	    "to answer against the service level."));
	for (size_t i = 0; i < x.n; i++) {
		const struct sd_report_dept *d = &x.rows[i];
		struct brow *b = add_row(r, d->dept->name != NULL ? d->dept->name : d->dept->id,
		    d->received, "received");
		char *med = days(d->answer.median), *p90 = days(d->answer.p90);
		b->f.dept = d->dept->id;
		b->extra = fmt(_("answered %llu · declined %llu · open %llu · overdue %llu · "
		    "median %s, p90 %s (norm %d)"), (unsigned long long)d->answered,
		    (unsigned long long)d->declined, (unsigned long long)d->open_now,
		    (unsigned long long)d->overdue_now, med, p90, d->dept->service_days);
		free(med);
		free(p90);
	}
	sd_report_departments_free(&x);
	return SD_OK;
}

static char *
share(uint64_t part, uint64_t whole)
{
	char b[SD_SHARE_STR];

	sd_share_format(part, whole, b);
	return sd_xstrdup(b);
}

static sd_status
load_silos(struct report_scr *r, struct sd_error *err)
{
	static const char *const labels[5] = { N_("no department"), N_("1 department"),
	    N_("2 departments"), N_("3 departments"), N_("4 or more departments") };
	struct sd_report_silos x;
	sd_status s;
	char *sh;

	if ((s = sd_report_silos(r->base.tui->desk, &r->f, &x, err)) != SD_OK)
		return s;
	sh = share(x.multi, x.cases);
	r->summary = fmt(_("%llu of %llu enquiries needed two or more departments (%s); "
	    "hand-offs: %llu."), (unsigned long long)x.multi, (unsigned long long)x.cases, sh,
	    (unsigned long long)x.handoffs);
	free(sh);
	for (int k = 0; k < 5; k++) {
		char m[32];
		snprintf(m, sizeof m, "touched:%d", k);
		add_row(r, _(labels[k]), x.by_depts[k], m)->extra = share(x.by_depts[k], x.cases);
	}
	for (size_t i = 0; i < x.npairs; i++) {
		const struct sd_department *a = sd_config_department(&r->base.tui->desk->cfg,
		    x.pairs[i].a), *b = sd_config_department(&r->base.tui->desk->cfg, x.pairs[i].b);
		char *l = fmt("%s + %s", a != NULL && a->name ? a->name : x.pairs[i].a,
		    b != NULL && b->name ? b->name : x.pairs[i].b);
		add_row(r, l, x.pairs[i].n, NULL);
		free(l);
	}
	sd_report_silos_free(&x);
	return SD_OK;
}

static sd_status
load_recognition(struct report_scr *r, struct sd_error *err)
{
	struct sd_report_recognition x;
	sd_status s;
	uint64_t ns, no;

	if ((s = sd_report_recognition(r->base.tui->desk, &r->f, &x, err)) != SD_OK)
		return s;
	ns = x.total.closed - x.total.sat[0];
	no = x.total.closed - x.total.own[0];
	r->summary = fmt(_("%llu closed; average: the enterprise %.1f, the contact point %.1f; "
	    "reached %llu of %llu enterprises."), (unsigned long long)x.total.closed,
	    ns ? (double)x.total.sum_sat / (double)ns : 0.0,
	    no ? (double)x.total.sum_own / (double)no : 0.0, (unsigned long long)x.reached,
	    (unsigned long long)x.register_size);
	for (int k = 5; k >= 1; k--) {
		char m[32], *l = fmt(_("the enterprise: %d"), k);
		snprintf(m, sizeof m, "satisfaction:%d", k);
		add_row(r, l, x.total.sat[k], m);
		free(l);
	}
	for (int k = 5; k >= 1; k--) {
		char m[32], *l = fmt(_("the contact point: %d"), k);
		snprintf(m, sizeof m, "own_view:%d", k);
		add_row(r, l, x.total.own[k], m);
		free(l);
	}
	sd_report_recognition_free(&x);
	return SD_OK;
}

static sd_status
load_backlog(struct report_scr *r, struct sd_error *err)
{
	struct sd_report_backlog x;
	sd_status s;

	if ((s = sd_report_backlog(r->base.tui->desk, &r->f, &x, err)) != SD_OK)
		return s;
	r->summary = fmt(_("%llu open, %llu running past their due day; %zu waiting on the "
	    "enterprise."), (unsigned long long)x.open, (unsigned long long)x.overdue,
	    x.nwaiting);
	for (int st = SD_CASE_NEW; st < SD_CASE_CLOSED; st++) {
		uint64_t tot = 0;
		char m[32];
		struct brow *b;
		for (int k = 0; k < SD_REPORT_AGE_BANDS; k++)
			tot += x.by_status[st][k];
		snprintf(m, sizeof m, "open:%s", sd_case_status_name(st));
		b = add_row(r, sd_case_status_label(st), tot, m);
		b->extra = fmt(_("days open: 0–7 %llu · 8–30 %llu · 31–90 %llu · 91–365 %llu · "
		    "older %llu"), (unsigned long long)x.by_status[st][0],
		    (unsigned long long)x.by_status[st][1], (unsigned long long)x.by_status[st][2],
		    (unsigned long long)x.by_status[st][3], (unsigned long long)x.by_status[st][4]);
	}
	for (size_t i = 0; i < x.ndepts; i++) {
		char *l = fmt(_("overdue: %s"), x.depts[i].dept->name != NULL ?
		    x.depts[i].dept->name : x.depts[i].dept->id);
		struct brow *b = add_row(r, l, x.depts[i].overdue, "overdue");
		b->kind = SD_REPORT_DEPARTMENTS;
		b->f.dept = x.depts[i].dept->id;
		b->extra = fmt(_("open routes %llu"), (unsigned long long)x.depts[i].open);
		free(l);
	}
	sd_report_backlog_free(&x);
	return SD_OK;
}

static sd_status
load_channels(struct report_scr *r, struct sd_error *err)
{
	static const char *const lv[8] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	struct sd_report_channels x;
	struct sd_buf sp = { 0 };
	double max = 0;
	sd_status s;

	if ((s = sd_report_channels(r->base.tui->desk, &r->f, &x, err)) != SD_OK)
		return s;
	for (size_t m = 0; m < x.nmonths; m++)
		if ((double)x.months[m].total > max)
			max = (double)x.months[m].total;
	sd_buf_addf(&sp, "%s ", _("Enquiries per month:"));
	for (size_t m = 0; m < x.nmonths; m++)
		sd_buf_adds(&sp, lv[max > 0 ? (int)((double)x.months[m].total / max * 7 + 0.5) : 0]);
	r->summary = sd_buf_take(&sp);
	for (size_t m = 0; m < x.nmonths; m++) {
		const struct sd_report_month *mo = &x.months[m];
		struct sd_buf e = { 0 };
		char l[16];
		struct brow *b;
		int last;
		snprintf(l, sizeof l, "%04d-%02d", mo->year, mo->month);
		b = add_row(r, l, mo->total, "opened");
		/* The month alone, for the cases behind it. */
		last = mo->month == 12 ? 31 : sd_day_from_ymd(mo->year, mo->month + 1, 1) -
		    sd_day_from_ymd(mo->year, mo->month, 1);
		b->f.from = sd_day_from_ymd(mo->year, mo->month, 1);
		b->f.to = b->f.from + last - 1;
		for (int c = 1; c < SD_CHANNEL_COUNT; c++)
			if (mo->channel[c] > 0)
				sd_buf_addf(&e, "%s%s %llu", e.len ? " · " : "", sd_channel_label(c),
				    (unsigned long long)mo->channel[c]);
		b->extra = e.data != NULL ? sd_buf_take(&e) : sd_xstrdup("");
	}
	sd_report_channels_free(&x);
	return SD_OK;
}

/*
 * The spend: a bar per department of the value awarded in the period's
 * years (sd_opp_spend; an officer's departments only), the part to social
 * enterprises, reserved contracts and social return (SROI spent/due, the
 * obligations unfulfilled when their contract ended) in the details.  Awards
 * count per calendar year: the periods of months show none.  No bar lists
 * cases (awards are not cases).
 */
static sd_status
load_spend(struct report_scr *r, struct sd_error *err)
{
	struct sd_spend x;
	struct sd_spend_row *sum;
	size_t n = 0;
	int year = 0, m, dd;
	int64_t total = 0, social = 0;
	sd_status s;

	if (r->period != 0 && r->period != 1 && r->f.from != SD_NO_DAY) {
		r->summary = fmt("%s", _("the spend is counted per calendar year: press p for "
		    "this year, last year or all time."));
		return SD_OK;
	}
	if (r->f.from != SD_NO_DAY)
		sd_day_to_ymd(r->f.from, &year, &m, &dd);
	if ((s = sd_opp_spend(r->base.tui->desk, year, &x, err)) != SD_OK)
		return s;
	/* All time: a department's years in one bar. */
	sum = sd_xcalloc(x.n + 1, sizeof *sum);
	for (size_t i = 0; i < x.n; i++) {
		size_t k;
		for (k = 0; k < n && strcmp(sum[k].dept, x.rows[i].dept) != 0; k++)
			;
		if (k == n)
			sum[n++].dept = x.rows[i].dept;
		sum[k].awards += x.rows[i].awards;
		sum[k].total += x.rows[i].total;
		sum[k].social += x.rows[i].social;
		sum[k].reserved += x.rows[i].reserved;
		sum[k].sroi_due += x.rows[i].sroi_due;
		sum[k].sroi_spent += x.rows[i].sroi_spent;
		sum[k].sroi_open += x.rows[i].sroi_open;
		sum[k].sroi_unfulfilled += x.rows[i].sroi_unfulfilled;
		total += x.rows[i].total;
		social += x.rows[i].social;
	}
	{
		char t[SD_MONEY_STR], so[SD_MONEY_STR];
		sd_money_format(total, t);
		sd_money_format(social, so);
		char pc[SD_SHARE_STR];
		sd_share_format(social > 0 ? (uint64_t)social : 0, total > 0 ? (uint64_t)total : 0, pc);
		r->summary = fmt(_("%s awarded, %s (%s) to social enterprises."), t, so, pc);
	}
	for (size_t k = 0; k < n; k++) {
		const struct sd_department *dp = sd_config_department(&r->base.tui->desk->cfg,
		    sum[k].dept);
		char v[SD_MONEY_STR], due[SD_MONEY_STR], sp[SD_MONEY_STR];
		struct brow *b = add_row(r, dp != NULL && dp->name != NULL ? dp->name :
		    *sum[k].dept ? sum[k].dept : _("(no department)"), 0, NULL);
		b->v = (double)sum[k].total;
		sd_money_format(sum[k].total, v);
		free(b->value);
		b->value = sd_xstrdup(v);
		sd_money_format(sum[k].sroi_due, due);
		sd_money_format(sum[k].sroi_spent, sp);
		/* The share first: at 80 columns the details show their start. */
		char pc[SD_SHARE_STR];
		sd_share_format(sum[k].social > 0 ? (uint64_t)sum[k].social : 0,
		    sum[k].total > 0 ? (uint64_t)sum[k].total : 0, pc);
		b->extra = fmt(_("%s social · %zu reserved · SROI %s/%s · %zu unfulfilled"),
		    pc, sum[k].reserved, sp, due, sum[k].sroi_unfulfilled);
	}
	free(sum);
	sd_spend_free(&x);
	return SD_OK;
}

static void
report_reload(struct screen *s)
{
	struct report_scr *r = (struct report_scr *)s;
	struct sd_error err;
	sd_status st;

	clear_rows(r);
	set_period(r);
	switch (r->kind) {
	case SD_REPORT_DEPARTMENTS:	st = load_departments(r, &err); break;
	case SD_REPORT_SILOS:		st = load_silos(r, &err); break;
	case SD_REPORT_RECOGNITION:	st = load_recognition(r, &err); break;
	case SD_REPORT_BACKLOG:		st = load_backlog(r, &err); break;
	case SD_REPORT_SPEND:		st = load_spend(r, &err); break;
	default:			st = load_channels(r, &err); break;
	}
	if (st != SD_OK)
		tui_error(s->tui, &err);
	r->lv.n = r->n;
	if (r->lv.sel >= r->lv.n)
		r->lv.sel = r->lv.n > 0 ? r->lv.n - 1 : 0;
	lv_scroll(&r->lv, r->lv.height);
}

/* --- drawing -------------------------------------------------------------------------- */

/* A bar of width columns for v of max, in eighths of a column. */
static void
bar(struct sd_buf *b, double v, double max, int width)
{
	static const char *const part[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	long e;

	if (max <= 0 || v <= 0)
		return;
	e = (long)(v / max * width * 8 + 0.5);
	if (e == 0)
		e = 1;
	for (long i = 0; i < e / 8; i++)
		sd_buf_adds(b, "█");
	sd_buf_adds(b, part[e % 8]);
}

static void
report_draw(struct screen *s, int top, int height)
{
	struct report_scr *r = (struct report_scr *)s;
	int x = 1, lw = 0, vw = 0, bw, ew, rows;
	size_t first = 0, cur = 0;
	double max = 0;

	/*
	 * The reports as tabs, the one shown marked; the period after them.
	 * When they do not all fit, they start late enough to show the one shown.
	 */
	for (size_t k = 0; k < NKINDS; k++)
		if (kinds[k] == r->kind)
			cur = k;
	for (;;) {
		int w = 1;
		for (size_t k = first; k <= cur; k++)
			w += tui_width(sd_report_label(kinds[k])) + 3;
		if (w < COLS - 1 || first == cur)
			break;
		first++;
	}
	for (size_t k = first; k < NKINDS; k++) {
		const char *l = sd_report_label(kinds[k]);
		int w = tui_width(l) + 2;
		if (x + w >= COLS - 1)
			break;
		tui_put(top, x, w, l, tui_attr(kinds[k] == r->kind ? ROLE_SELECTED : ROLE_HEADER));
		x += w + 1;
	}
	{
		/* The period first on the line under the tabs: it always shows. */
		struct sd_buf p = { 0 };
		sd_buf_addf(&p, "%s: %s · %s", _("period"), r->plabel,
		    r->summary != NULL ? r->summary : "");
		tui_put(top + 1, 1, COLS - 2, p.data, tui_attr(ROLE_NORMAL));
		sd_buf_free(&p);
	}
	rows = height - 3;
	r->lv.y0 = top + 3;
	r->lv.height = rows;
	lv_scroll(&r->lv, rows);
	if (r->n == 0) {
		tui_put(top + 3, 3, COLS - 4, _("Nothing in this period."), tui_attr(ROLE_DIM));
		return;
	}
	for (size_t i = 0; i < r->n; i++) {
		lw = max_int(lw, tui_width(r->rows[i].label));
		vw = max_int(vw, tui_width(r->rows[i].value));
		if (r->rows[i].v > max)
			max = r->rows[i].v;
	}
	lw = lw > 28 ? 28 : lw;
	/* What is left after label and number: bars take a quarter, the rest the details. */
	bw = (COLS - 2 - lw - 2 - vw - 2) / 4;
	bw = bw < 10 ? 10 : bw > 40 ? 40 : bw;
	ew = COLS - 2 - lw - 2 - vw - 2 - bw - 2;
	for (int i = 0; i < rows && r->lv.top + (size_t)i < r->n; i++) {
		size_t k = r->lv.top + (size_t)i;
		const struct brow *b = &r->rows[k];
		bool sel = k == r->lv.sel;
		attr_t base = tui_attr(sel ? ROLE_SELECTED : ROLE_NORMAL);
		struct sd_buf bb = { 0 };
		char num[32];
		int y = top + 3 + i, cx = 1;

		tui_fill(y, 1, COLS - 2, base);
		tui_put(y, cx, lw, b->label, base);
		cx += lw + 2;
		snprintf(num, sizeof num, "%*s", vw - tui_width(b->value) + (int)strlen(b->value),
		    b->value);
		tui_put(y, cx, vw, num, base);
		cx += vw + 2;
		bar(&bb, b->v, max, bw);
		tui_put(y, cx, bw, bb.data != NULL ? bb.data : "",
		    sel ? base : tui_attr(ROLE_GOOD));
		sd_buf_free(&bb);
		cx += bw + 2;
		if (ew > 4 && b->extra != NULL)
			tui_put(y, cx, ew, b->extra, sel ? base : tui_attr(ROLE_DIM));
	}
}

/* --- the cases behind a bar -------------------------------------------------------- */

struct cases_behind {
	struct screen	 base;
	char		*title;
	char		(*nums)[SD_CASE_NUMBER_MAX];
	char		**subjects;
	size_t		 n;
	struct listview	 lv;
};

static const struct tui_key behind_keys[] = { { 0 } };

static void
behind_row(size_t i, struct sd_buf *b, void *arg)
{
	struct cases_behind *c = arg;

	sd_buf_add_padded(b, c->nums[i], 12);
	sd_buf_adds(b, c->subjects[i] != NULL ? c->subjects[i] : "");
}

static void
behind_draw(struct screen *s, int top, int height)
{
	struct cases_behind *c = (struct cases_behind *)s;
	char head[256];

	snprintf(head, sizeof head, "%s (%zu)", c->title, c->n);
	tui_put(top, 1, COLS - 2, head, tui_attr(ROLE_HEADER));
	if (c->n == 0)
		tui_put(top + 2, 3, COLS - 4, _("No cases."), tui_attr(ROLE_DIM));
	lv_draw(&c->lv, top + 2, 1, COLS - 2, height - 2, behind_row, c);
}

static bool
behind_action(struct screen *s, enum tui_action a)
{
	struct cases_behind *c = (struct cases_behind *)s;
	struct sd_case_key key;

	if (a == ACT_OPEN) {
		if (c->n > 0 && sd_case_number_parse(c->nums[c->lv.sel], &key))
			tui_push(s->tui, scr_case_new(s->tui, key));
		return true;
	}
	lv_action(&c->lv, a);
	return a >= ACT_UP && a <= ACT_END;
}

static void
behind_destroy(struct screen *s)
{
	struct cases_behind *c = (struct cases_behind *)s;

	for (size_t i = 0; i < c->n; i++)
		free(c->subjects[i]);
	free(c->subjects);
	free(c->nums);
	free(c->title);
	free(c);
}

static const struct screen_ops behind_ops = {
	.name = N_("Cases behind a figure"),
	.keys = behind_keys,
	.list_keys = true,
	.draw = behind_draw,
	.action = behind_action,
	.destroy = behind_destroy,
};

static void
open_behind(struct report_scr *r)
{
	struct tui *t = r->base.tui;
	const struct brow *b;
	struct cases_behind *c;
	struct sd_error err;

	if (r->n == 0)
		return;
	b = &r->rows[r->lv.sel];
	if (b->measure[0] == '\0') {
		tui_message(t, ROLE_DIM, "%s", _("This bar has no list of cases."));
		return;
	}
	c = sd_xcalloc(1, sizeof *c);
	if (sd_report_cases(t->desk, b->kind, b->measure, &b->f, &c->nums, &c->n, &err) !=
	    SD_OK) {
		free(c);
		tui_error(t, &err);
		return;
	}
	c->base.ops = &behind_ops;
	c->base.tui = t;
	c->title = sd_xstrdup(b->label);
	c->subjects = sd_xcalloc(c->n + 1, sizeof *c->subjects);
	/* The subjects of the first ones: a list the eye reads, not every case of a year. */
	for (size_t i = 0; i < c->n && i < 500; i++) {
		struct sd_case_view v;
		if (sd_case_get_page(t->desk, c->nums[i], 0, &v, NULL) == SD_OK) {
			c->subjects[i] = sd_xstrdup(v.c.subject);
			sd_case_view_free(&v);
		}
	}
	c->lv.n = c->n;
	c->lv.height = tui_content_height() - 2;
	tui_push(t, &c->base);
}

/* --- the screen ------------------------------------------------------------------------ */

static bool
report_action(struct screen *s, enum tui_action a)
{
	struct report_scr *r = (struct report_scr *)s;
	size_t k;

	switch (a) {
	case ACT_RIGHT:
	case ACT_LEFT:
		for (k = 0; k < NKINDS && kinds[k] != r->kind; k++)
			;
		/* An officer sees the departments report only: the others are not offered. */
		for (size_t step = 0; step < NKINDS; step++) {
			k = a == ACT_RIGHT ? (k + 1) % NKINDS : (k + NKINDS - 1) % NKINDS;
			if (sd_report_permit(s->tui->desk, kinds[k], NULL) == SD_OK)
				break;
		}
		r->kind = kinds[k];
		r->lv.sel = r->lv.top = 0;
		report_reload(s);
		return true;
	case ACT_REPORT_PERIOD: {
		const char *items[NPERIODS];
		int c;
		for (size_t i = 0; i < NPERIODS; i++)
			items[i] = _(period_names[i]);
		if ((c = tui_choose(s->tui, _("Which period?"), items, NPERIODS, r->period)) >= 0) {
			r->period = c;
			report_reload(s);
		}
		return true;
	}
	case ACT_OPEN:
		open_behind(r);
		return true;
	default:
		lv_action(&r->lv, a);
		return a >= ACT_UP && a <= ACT_END;
	}
}

static void
report_destroy(struct screen *s)
{
	struct report_scr *r = (struct report_scr *)s;

	clear_rows(r);
	free(r);
}

static const struct screen_ops report_ops = {
	.name = N_("Reports"),
	.keys = report_keys,
	.list_keys = true,
	.draw = report_draw,
	.action = report_action,
	.reload = report_reload,
	.destroy = report_destroy,
};

struct screen *
scr_report_new(struct tui *t)
{
	struct report_scr *r = sd_xcalloc(1, sizeof *r);

	r->base.ops = &report_ops;
	r->base.tui = t;
	r->kind = SD_REPORT_DEPARTMENTS;
	r->lv.height = tui_content_height() - 3;
	report_reload(&r->base);
	return &r->base;
}
