/*
 * The council's report: every report of a period in one document, as
 * text, CSV, JSON, or one self-contained HTML page (inline CSS, SVG
 * charts with titles and axis labels, no scripts, no external files)
 * made to be printed on A4 portrait and attached to a council note.
 * The words are the caller's language (the configuration's).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report_out.h"
#include "sedesk/i18n.h"
#include "sedesk/money.h"
#include "sedesk/opportunity.h"
#include "sedesk/report.h"
#include "sedesk/share.h"

/* --- HTML pieces ---------------------------------------------------------------------- */

static void
esc(struct sd_buf *b, const char *s)
{
	for (; s != NULL && *s; s++) {
		switch (*s) {
		case '&':	sd_buf_adds(b, "&amp;"); break;
		case '<':	sd_buf_adds(b, "&lt;"); break;
		case '>':	sd_buf_adds(b, "&gt;"); break;
		case '"':	sd_buf_adds(b, "&quot;"); break;
		default:	sd_buf_add(b, s, 1); break;
		}
	}
}

/*
 * A label cut to fit px pixels at font size fs (an average glyph is about
 * 0.6 of the size wide; 0.62 leaves room), with an ellipsis when cut.
 */
static void
esc_fit(struct sd_buf *b, const char *s, double px, double fs)
{
	int max = (int)(px / (fs * 0.62)), w = sd_text_width(s);
	size_t n;

	if (w <= max || max < 2) {
		esc(b, s);
		return;
	}
	/* Cut at a character boundary, leaving one column for the ellipsis. */
	n = 0;
	for (int cols = 0; s[n] != '\0' && cols < max - 1; cols++) {
		n++;
		while (((unsigned char)s[n] & 0xC0) == 0x80)
			n++;
	}
	{
		char *cut = sd_xstrndup(s, n);
		esc(b, cut);
		free(cut);
	}
	sd_buf_adds(b, "…");
}

/* A step of 1, 2 or 5 times a power of ten giving at most five ticks up to max. */
static double
nice_step(double max)
{
	double p = 1, steps[3] = { 1, 2, 5 };

	/* Counts and days: whole steps, from 1 up. */
	for (;;) {
		for (int i = 0; i < 3; i++)
			if (max / (steps[i] * p) <= 5)
				return steps[i] * p;
		p *= 10;
	}
}

static const char *const colours[2] = { "#2b6ca3", "#e08a2c" };

#define SVG_W	640.0
#define FS	10.0

/* The opening of a chart: its title (for readers and printers) and its caption. */
static void
svg_open(struct sd_buf *b, const char *id, const char *title, double h)
{
	sd_buf_addf(b, "<figure><svg class=\"chart\" id=\"%s\" role=\"img\" "
	    "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
	    "xmlns=\"http://www.w3.org/2000/svg\" font-family=\"DejaVu Sans, Arial, sans-serif\" "
	    "font-size=\"%.0f\"><title>", id, SVG_W, h, SVG_W, h, FS);
	esc(b, title);
	sd_buf_addf(b, "</title><text class=\"ct\" x=\"%.0f\" y=\"16\" font-size=\"12\" "
	    "font-weight=\"bold\" text-anchor=\"middle\">", SVG_W / 2);
	esc_fit(b, title, SVG_W - 20, 12);
	sd_buf_adds(b, "</text>");
}

static void
legend(struct sd_buf *b, const char *const *names, size_t nseries, double y)
{
	double x = SVG_W - 10;

	if (nseries < 2)
		return;
	for (size_t s = nseries; s-- > 0;) {
		double w = sd_text_width(names[s]) * FS * 0.62 + 18;
		x -= w;
		sd_buf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>"
		    "<text x=\"%.1f\" y=\"%.1f\">", x, y - 9, colours[s], x + 13, y);
		esc(b, names[s]);
		sd_buf_adds(b, "</text>");
		x -= 6;
	}
}

/*
 * Columns: ncat categories along x, nseries side by side, a y axis of
 * counts with ticks; the axis labels under and beside.
 */
static void
svg_columns(struct sd_buf *b, const char *id, const char *title, const char *xlabel,
    const char *ylabel, size_t ncat, const char *const *labels, size_t nseries,
    const char *const *names, const double *v)
{
	const double h = 260, left = 56, right = 10, top = 44, bottom = 56;
	double max = 0, step, pw = SVG_W - left - right, ph = h - top - bottom, cw, bw;
	size_t every = 1;

	for (size_t i = 0; i < ncat * nseries; i++)
		if (v[i] > max)
			max = v[i];
	step = nice_step(max);
	max = step * (double)(long)((max + step - 1e-9) / step);
	if (max <= 0)
		max = step;
	svg_open(b, id, title, h);
	legend(b, names, nseries, 34);
	for (double t = 0; t <= max + step / 2; t += step) {
		double y = top + ph - t / max * ph;
		sd_buf_addf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"#ddd\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>",
		    left, y, left + pw, y, left - 4, y + 3.5, t);
	}
	cw = ncat > 0 ? pw / (double)ncat : pw;
	bw = cw * 0.7 / (double)(nseries ? nseries : 1);
	/* Labels that would not fit under every column go under every second, third, … */
	while (ncat > 0 && every < ncat && cw * (double)every < 8 * FS * 0.62 + 4)
		every++;
	for (size_t c = 0; c < ncat; c++) {
		double x0 = left + cw * (double)c + cw * 0.15;
		for (size_t s = 0; s < nseries; s++) {
			double val = v[s * ncat + c], bh = val / max * ph;
			sd_buf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			    "fill=\"%s\"><title>", x0 + bw * (double)s, top + ph - bh, bw, bh,
			    colours[s % 2]);
			esc(b, labels[c]);
			sd_buf_addf(b, ": %.0f</title></rect>", val);
		}
		if (c % every == 0) {
			sd_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
			    left + cw * ((double)c + 0.5), top + ph + 14);
			esc_fit(b, labels[c], cw * (double)every - 4, FS);
			sd_buf_adds(b, "</text>");
		}
	}
	sd_buf_addf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>",
	    left, top + ph, left + pw, top + ph);
	sd_buf_addf(b, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
	    left + pw / 2, h - 14);
	esc(b, xlabel);
	sd_buf_addf(b, "</text><text class=\"axis\" x=\"14\" y=\"%.1f\" text-anchor=\"middle\" "
	    "transform=\"rotate(-90 14 %.1f)\">", top + ph / 2, top + ph / 2);
	esc_fit(b, ylabel, ph, FS);
	sd_buf_adds(b, "</text></svg><figcaption>");
	esc(b, title);
	sd_buf_adds(b, "</figcaption></figure>\n");
}

/*
 * Horizontal bars: a row per label, nseries bars per row, an x axis with
 * ticks; marker[row] >= 0 draws a line there (the service level).
 */
static void
svg_hbars(struct sd_buf *b, const char *id, const char *title, const char *xlabel, size_t nrow,
    const char *const *labels, size_t nseries, const char *const *names, const double *v,
    const double *marker, const char *marker_name)
{
	const double left = 170, right = 16, top = 44, rowh = 16.0 * (double)nseries + 12;
	double h = top + rowh * (double)nrow + 48, pw = SVG_W - left - right, max = 0, step;

	for (size_t i = 0; i < nrow * nseries; i++)
		if (v[i] > max)
			max = v[i];
	for (size_t r = 0; r < nrow; r++)
		if (marker != NULL && marker[r] > max)
			max = marker[r];
	step = nice_step(max);
	max = step * (double)(long)((max + step - 1e-9) / step);
	if (max <= 0)
		max = step;
	svg_open(b, id, title, h);
	legend(b, names, nseries, 34);
	for (double t = 0; t <= max + step / 2; t += step) {
		double x = left + t / max * pw;
		sd_buf_addf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		    "stroke=\"#ddd\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%.0f</text>",
		    x, top, x, top + rowh * (double)nrow, x, top + rowh * (double)nrow + 14, t);
	}
	for (size_t r = 0; r < nrow; r++) {
		double y0 = top + rowh * (double)r + 6;
		sd_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", left - 6,
		    y0 + 8.0 * (double)nseries + 3);
		esc_fit(b, labels[r], left - 12, FS);
		sd_buf_adds(b, "</text>");
		for (size_t s = 0; s < nseries; s++) {
			double val = v[s * nrow + r];
			sd_buf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" "
			    "fill=\"%s\"><title>", left, y0 + 16.0 * (double)s, val / max * pw,
			    colours[s % 2]);
			esc(b, labels[r]);
			sd_buf_addf(b, ": %.0f</title></rect>", val);
		}
		if (marker != NULL && marker[r] >= 0) {
			double x = left + marker[r] / max * pw;
			sd_buf_addf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			    "stroke=\"#c00\" stroke-width=\"2\"><title>", x, y0 - 3, x,
			    y0 + 16.0 * (double)nseries + 1);
			esc(b, marker_name);
			sd_buf_addf(b, ": %.0f</title></line>", marker[r]);
		}
	}
	sd_buf_addf(b, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
	    left + pw / 2, h - 12);
	esc(b, xlabel);
	sd_buf_adds(b, "</text></svg><figcaption>");
	esc(b, title);
	if (marker_name != NULL) {
		sd_buf_adds(b, " — ");
		esc(b, _("the red line is the service level"));
	}
	sd_buf_adds(b, "</figcaption></figure>\n");
}

static void
html_table(struct sd_buf *b, const struct rtable *t)
{
	sd_buf_adds(b, "<table><caption>");
	esc(b, t->title);
	sd_buf_adds(b, "</caption><thead><tr>");
	for (size_t c = 0; c < t->ncols; c++) {
		if (t->barcol[c])
			continue;
		sd_buf_addf(b, "<th%s>", t->num[c] ? " class=\"n\"" : "");
		esc(b, t->head[c]);
		sd_buf_adds(b, "</th>");
	}
	sd_buf_adds(b, "</tr></thead><tbody>");
	for (size_t r = 0; r < t->nrows; r++) {
		sd_buf_adds(b, "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			if (t->barcol[c])
				continue;
			sd_buf_addf(b, "<td%s>", t->num[c] ? " class=\"n\"" : "");
			esc(b, t->cells[r * t->ncols + c]);
			sd_buf_adds(b, "</td>");
		}
		sd_buf_adds(b, "</tr>");
	}
	if (t->nrows == 0) {
		sd_buf_addf(b, "<tr><td colspan=\"%zu\">", t->ncols);
		esc(b, _("(nothing in this period)"));
		sd_buf_adds(b, "</td></tr>");
	}
	sd_buf_adds(b, "</tbody></table>\n");
	if (t->note != NULL) {
		sd_buf_adds(b, "<p class=\"note\">");
		esc(b, t->note);
		sd_buf_adds(b, "</p>\n");
	}
}

static const char css[] =
	"@page{size:A4 portrait;margin:16mm 15mm}"
	"*{box-sizing:border-box}"
	"body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:9.5pt;color:#222;"
	"margin:0 auto;max-width:180mm;line-height:1.35}"
	"h1{font-size:17pt;margin:0 0 .3em}"
	"h2{font-size:12.5pt;margin:1.2em 0 .4em;border-bottom:1px solid #999;"
	"break-after:avoid}"
	"p.intro{font-size:10.5pt}"
	"table{border-collapse:collapse;width:100%;margin:.4em 0 .8em;table-layout:fixed;"
	"font-size:8pt;break-inside:avoid}"
	"caption{text-align:left;font-weight:bold;padding:2px 0}"
	"th,td{border-bottom:1px solid #ddd;padding:2px 3px;text-align:left;vertical-align:top;"
	"overflow-wrap:anywhere;hyphens:auto}"
	"th{border-bottom:1px solid #666}"
	".n{text-align:right}"
	"figure{margin:.6em 0;break-inside:avoid}"
	"figure svg{width:100%;height:auto;display:block}"
	"figcaption{font-size:8pt;color:#555}"
	"p.note{font-size:8pt;color:#555;margin:.2em 0 .8em}"
	"footer{font-size:7.5pt;color:#777;margin-top:2em}";

void
report_html(const struct sd_desk *d, const struct rdoc *doc, const char *intro,
    struct sd_buf *out)
{
	/* The language the words are in, as the translation says (not the configuration). */
	const char *lang = _("html-lang:en");

	lang = strncmp(lang, "html-lang:", 10) == 0 && lang[10] != '\0' ? lang + 10 : "en";
	(void)d;

	sd_buf_addf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"generator\" content=\"sedesk\">\n<title>", lang);
	esc(out, doc->title);
	sd_buf_addf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", css);
	esc(out, doc->title);
	sd_buf_adds(out, "</h1>\n");
	if (intro != NULL)
		sd_buf_adds(out, intro);
	for (size_t k = 0; k < doc->n; k++)
		html_table(out, &doc->t[k]);
	sd_buf_adds(out, "</body>\n</html>\n");
}

/* --- the council's document ----------------------------------------------------------- */

static char *
one(double v)
{
	char b[32];

	snprintf(b, sizeof b, "%.1f", v);
	return sd_xstrdup(b);
}

/* The generated text: the main figures in sentences. */
static void
summary(struct sd_buf *b, const char *period, const struct sd_report_silos *si,
    const struct sd_report_departments *de, const struct sd_report_recognition *re)
{
	uint64_t routes = 0, answered = 0, within = 0, declined = 0;
	struct sd_report_times worst = { 0 };
	const char *worst_dept = NULL;
	struct sd_buf s = { 0 };
	char pc[SD_SHARE_STR];

	for (size_t i = 0; i < de->n; i++) {
		routes += de->rows[i].received;
		answered += de->rows[i].answered;
		declined += de->rows[i].declined;
		within += de->rows[i].answer.within;
		if (de->rows[i].answer.n > 0 && de->rows[i].answer.median > worst.median) {
			worst = de->rows[i].answer;
			worst_dept = de->rows[i].dept->name;
		}
	}
	sd_buf_addf(&s, _("In %s the contact point registered %llu enquiries from enterprises. "),
	    period, (unsigned long long)si->cases);
	if (si->cases > 0) {
		sd_share_format(si->multi, si->cases, pc);
		sd_buf_addf(&s, _("%s of them needed two or more departments; hand-offs "
		    "between departments: %llu. "), pc, (unsigned long long)si->handoffs);
	}
	sd_buf_addf(&s, _("The departments received %llu routes, answered %llu and declined %llu"),
	    (unsigned long long)routes, (unsigned long long)answered, (unsigned long long)declined);
	if (answered > 0) {
		sd_share_format(within, answered, pc);
		sd_buf_addf(&s, _("; %s of the answers came within the service level"), pc);
	}
	sd_buf_adds(&s, ". ");
	if (worst_dept != NULL)
		sd_buf_addf(&s, _("The slowest department to answer, %s, took a median of %d "
		    "working days (p90 %d). "), worst_dept, worst.median, worst.p90);
	if (re->total.both > 0) {
		uint64_t ns = re->total.closed - re->total.sat[0];
		uint64_t no = re->total.closed - re->total.own[0];
		char *a = one(ns ? (double)re->total.sum_sat / (double)ns : 0);
		char *c = one(no ? (double)re->total.sum_own / (double)no : 0);
		char *g = one((double)re->total.sum_gap / (double)re->total.both);
		sd_buf_addf(&s, _("At closing, enterprises gave an average score of %s out of 5; "
		    "the contact point rated its own help %s, a gap of %s points. "), a, c, g);
		free(a);
		free(c);
		free(g);
	}
	if (re->register_size > 0) {
		sd_share_format(re->reached, re->register_size, pc);
		sd_buf_addf(&s, _("The contact point reached %llu of the %llu enterprises in the "
		    "register (%s) with a case, a contact moment or an event."),
		    (unsigned long long)re->reached, (unsigned long long)re->register_size, pc);
	}
	sd_buf_adds(b, "<p class=\"intro\">");
	esc(b, s.data);
	sd_buf_adds(b, "</p>\n");
	sd_buf_free(&s);
}

static void
charts(struct sd_buf *b, const struct sd_desk *d, const struct sd_report_silos *si,
    const struct sd_report_departments *de, const struct sd_report_recognition *re,
    const struct sd_report_channels *ch)
{
	{
		const char *labels[5] = { _("none"), "1", "2", "3", _("4 or more") };
		double v[5];
		for (int i = 0; i < 5; i++)
			v[i] = (double)si->by_depts[i];
		sd_buf_addf(b, "<h2>%s</h2>\n", _("Silos"));
		svg_columns(b, "chart-silos", _("Enquiries by the number of departments they "
		    "needed"), _("departments touched"), _("enquiries"), 5, labels, 1, NULL, v);
	}
	{
		const char **labels = sd_xcalloc(de->n + 1, sizeof *labels);
		double *v = sd_xcalloc(2 * de->n + 1, sizeof *v), *mark = sd_xcalloc(de->n + 1,
		    sizeof *mark);
		const char *names[2] = { _("median"), _("p90") };
		for (size_t i = 0; i < de->n; i++) {
			labels[i] = de->rows[i].dept->name != NULL ? de->rows[i].dept->name :
			    de->rows[i].dept->id;
			v[i] = de->rows[i].answer.median > 0 ? de->rows[i].answer.median : 0;
			v[de->n + i] = de->rows[i].answer.p90 > 0 ? de->rows[i].answer.p90 : 0;
			mark[i] = de->rows[i].dept->service_days;
		}
		sd_buf_addf(b, "<h2>%s</h2>\n", _("Departments"));
		svg_hbars(b, "chart-departments", _("Working days to answer, per department"),
		    _("working days from routing to answer"), de->n, labels, 2, names, v, mark,
		    _("service level"));
		free(labels);
		free(v);
		free(mark);
	}
	{
		const char *labels[5] = { "1", "2", "3", "4", "5" };
		const char *names[2] = { _("the enterprise"), _("the contact point") };
		double v[10];
		for (int i = 0; i < 5; i++) {
			v[i] = (double)re->total.sat[i + 1];
			v[5 + i] = (double)re->total.own[i + 1];
		}
		sd_buf_addf(b, "<h2>%s</h2>\n", _("Recognition"));
		svg_columns(b, "chart-recognition", _("Scores at closing: the enterprise and the "
		    "contact point"), _("score (1 to 5)"), _("cases"), 5, labels, 2, names, v);
	}
	{
		char (*lbl)[16] = sd_xcalloc(ch->nmonths + 1, sizeof *lbl);
		const char **labels = sd_xcalloc(ch->nmonths + 1, sizeof *labels);
		double *v = sd_xcalloc(ch->nmonths + 1, sizeof *v);
		for (size_t m = 0; m < ch->nmonths; m++) {
			snprintf(lbl[m], sizeof lbl[m], "%04d-%02d", ch->months[m].year,
			    ch->months[m].month);
			labels[m] = lbl[m];
			v[m] = (double)ch->months[m].total;
		}
		sd_buf_addf(b, "<h2>%s</h2>\n", _("Channels and categories"));
		svg_columns(b, "chart-months", _("Enquiries per month"), _("month"),
		    _("enquiries"), ch->nmonths, labels, 1, NULL, v);
		free(lbl);
		free(labels);
		free(v);
	}
	(void)d;
}

/*
 * The spend: a sentence and the value awarded per department, all of it
 * and the part to social enterprises, over the period's years.
 */
static void
spend_part(struct sd_buf *b, const struct sd_desk *d, const struct sd_spend *sp)
{
	const char **labels = sd_xcalloc(sp->n + 1, sizeof *labels);
	double *v = sd_xcalloc(2 * sp->n + 1, sizeof *v);
	const char *names[2] = { _("awarded"), _("to social enterprises") };
	int64_t total = 0, social = 0;
	size_t n = 0, reserved = 0;
	char t[SD_MONEY_STR], so[SD_MONEY_STR], pc[SD_SHARE_STR];
	struct sd_buf s = { 0 };

	for (size_t i = 0; i < sp->n; i++) {
		const struct sd_department *dp = sd_config_department(&d->cfg, sp->rows[i].dept);
		const char *l = dp != NULL && dp->name != NULL ? dp->name :
		    *sp->rows[i].dept ? sp->rows[i].dept : _("(no department)");
		size_t k;
		/* A department of several years: one bar of their sum. */
		for (k = 0; k < n && strcmp(labels[k], l) != 0; k++)
			;
		if (k == n)
			labels[n++] = l;
		v[k] += (double)sp->rows[i].total / 100.0;
		v[sp->n + k] += (double)sp->rows[i].social / 100.0;
		total += sp->rows[i].total;
		social += sp->rows[i].social;
		reserved += sp->rows[i].reserved;
	}
	/* The series follow each other: the second one's place for n rows. */
	memmove(&v[n], &v[sp->n], n * sizeof *v);
	sd_money_format(total, t);
	sd_money_format(social, so);
	sd_buf_addf(b, "<h2>%s</h2>\n", _("Spend"));
	sd_share_format(social > 0 ? (uint64_t)social : 0, total > 0 ? (uint64_t)total : 0, pc);
	sd_buf_addf(&s, _("The municipality awarded %s in contracts, %s of it (%s) to "
	    "registered social enterprises. Contracts or lots reserved for them: %zu."),
	    t, so, pc, reserved);
	sd_buf_adds(b, "<p class=\"intro\">");
	esc(b, s.data);
	sd_buf_adds(b, "</p>\n");
	svg_hbars(b, "chart-spend", _("Value awarded per department, and to social "
	    "enterprises"), _("euro"), n, labels, 2, names, v, NULL, NULL);
	sd_buf_free(&s);
	free(labels);
	free(v);
}

int
report_council(struct cli *cli, const struct sd_report_filter *fin, const char *fmt,
    struct sd_buf *out)
{
	static const enum sd_report_kind parts[] = {
		SD_REPORT_DEPARTMENTS, SD_REPORT_SILOS, SD_REPORT_RECOGNITION, SD_REPORT_BACKLOG,
		SD_REPORT_CHANNELS,
	};
	struct sd_desk *d = &cli->desk;
	struct sd_report_filter f = *fin;
	struct rdoc doc = { 0 };
	struct sd_buf title = { 0 }, period = { 0 };
	struct sd_spend sp = { 0 };
	json_t *all = json_object();
	int rc = 0;

	/* Without a period, the year of today: the council reads a year. */
	if (f.from == SD_NO_DAY && f.to == SD_NO_DAY) {
		int y, m, dd;
		sd_day_to_ymd(sd_desk_today(d), &y, &m, &dd);
		f.from = sd_day_from_ymd(y, 1, 1);
		f.to = sd_day_from_ymd(y, 12, 31);
	}
	report_period_words(&f, &period);
	{
		int y1, y2, m1, m2, d1, d2;
		sd_day_to_ymd(f.from, &y1, &m1, &d1);
		sd_day_to_ymd(f.to, &y2, &m2, &d2);
		/* A calendar year says itself in its number. */
		if (y1 == y2 && m1 == 1 && d1 == 1 && m2 == 12 && d2 == 31) {
			sd_buf_reset(&period);
			sd_buf_addf(&period, "%d", y1);
		}
	}
	sd_buf_addf(&title, "%s — %s", sd_report_label(SD_REPORT_COUNCIL), period.data);
	doc.title = sd_buf_take(&title);
	doc.plain = strcmp(fmt, "csv") == 0;
	/*
	 * The spend counts awards per calendar year: in the document when the
	 * period is whole years (a council's year is) and had awards; a
	 * period of months or a category leaves it out.
	 */
	if (f.category == NULL && report_whole_years(&f) &&
	    (rc = report_spend_load(cli, &f, &sp)) != 0)
		goto out;
	for (size_t i = 0; rc == 0 && i < sizeof parts / sizeof parts[0]; i++) {
		json_t *j = NULL;
		if ((rc = report_build(cli, parts[i], &f, &doc, &j)) == 0)
			json_object_set_new(all, sd_report_name(parts[i]), j);
	}
	if (rc == 0 && sp.n > 0) {
		json_t *j = NULL;
		if ((rc = report_build(cli, SD_REPORT_SPEND, &f, &doc, &j)) == 0)
			json_object_set_new(all, sd_report_name(SD_REPORT_SPEND), j);
	}
	if (rc != 0)
		goto out;
	if (strcmp(fmt, "json") == 0) {
		json_t *root = json_pack("{s:s,s:o,s:o}", "report", "council", "from",
		    cli_jday(f.from), "to", cli_jday(f.to));
		char *s;
		json_object_update(root, all);
		s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		sd_buf_addf(out, "%s\n", s);
		free(s);
		json_decref(root);
	} else if (strcmp(fmt, "csv") == 0)
		rdoc_csv(&doc, out, ',', false);
	else if (strcmp(fmt, "text") == 0)
		rdoc_text(&doc, out);
	else {
		struct sd_report_silos si;
		struct sd_report_departments de;
		struct sd_report_recognition re;
		struct sd_report_channels ch;
		struct sd_buf intro = { 0 };
		struct sd_error err;
		/* The numbers again for the charts: the same aggregates, read in milliseconds. */
		if (sd_report_silos(d, &f, &si, &err) != SD_OK)
			rc = cli_report(&err);
		else if (sd_report_departments(d, &f, &de, &err) != SD_OK) {
			sd_report_silos_free(&si);
			rc = cli_report(&err);
		} else if (sd_report_recognition(d, &f, &re, &err) != SD_OK) {
			sd_report_silos_free(&si);
			sd_report_departments_free(&de);
			rc = cli_report(&err);
		} else if (sd_report_channels(d, &f, &ch, &err) != SD_OK) {
			sd_report_silos_free(&si);
			sd_report_departments_free(&de);
			sd_report_recognition_free(&re);
			rc = cli_report(&err);
		} else {
			summary(&intro, period.data, &si, &de, &re);
			charts(&intro, d, &si, &de, &re, &ch);
			if (sp.n > 0)
				spend_part(&intro, d, &sp);
			sd_buf_addf(&intro, "<h2>%s</h2>\n", _("The figures"));
			report_html(d, &doc, intro.data, out);
			sd_buf_free(&intro);
			sd_report_silos_free(&si);
			sd_report_departments_free(&de);
			sd_report_recognition_free(&re);
			sd_report_channels_free(&ch);
		}
	}
out:
	sd_spend_free(&sp);
	json_decref(all);
	rdoc_free(&doc);
	sd_buf_free(&period);
	return rc;
}
