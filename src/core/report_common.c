/*
 * What the reports share: their names, who may see them, filters, and
 * medians from histograms.
 */
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/report.h"
#include "sedesk/text.h"
#include "report_int.h"

static const char *const names[SD_REPORT_KIND_COUNT] = {
	[SD_REPORT_DEPARTMENTS] = "departments",
	[SD_REPORT_SILOS] = "silos",
	[SD_REPORT_RECOGNITION] = "recognition",
	[SD_REPORT_BACKLOG] = "backlog",
	[SD_REPORT_CHANNELS] = "channels",
	[SD_REPORT_SPEND] = "spend",
	[SD_REPORT_COUNCIL] = "council",
};

const char *
sd_report_name(enum sd_report_kind k)
{
	return k > SD_REPORT_NONE && k < SD_REPORT_KIND_COUNT ? names[k] : "?";
}

const char *
sd_report_label(enum sd_report_kind k)
{
	switch (k) {
	case SD_REPORT_DEPARTMENTS:	return _("Departments");
	case SD_REPORT_SILOS:		return _("Silos");
	case SD_REPORT_RECOGNITION:	return _("Recognition");
	case SD_REPORT_BACKLOG:		return _("Backlog");
	case SD_REPORT_CHANNELS:	return _("Channels and categories");
	case SD_REPORT_SPEND:		return _("Spend");
	case SD_REPORT_COUNCIL:		return _("Report to the council");
	default:			return "?";
	}
}

enum sd_report_kind
sd_report_parse(const char *s)
{
	for (int k = 1; s != NULL && k < SD_REPORT_KIND_COUNT; k++)
		if (strcmp(s, names[k]) == 0)
			return (enum sd_report_kind)k;
	return SD_REPORT_NONE;
}

sd_status
sd_report_permit(const struct sd_desk *d, enum sd_report_kind k, struct sd_error *err)
{
	/* An officer's departments report holds his own departments only. */
	if (k == SD_REPORT_DEPARTMENTS && sd_officer_may(d->me, SD_ACT_REPORT_DEPT))
		return SD_OK;
	/*
	 * Spend is the opportunities' figures: whoever reads opportunities sees
	 * those he may read (an officer: his departments'; sd_opp_spend).
	 */
	if (k == SD_REPORT_SPEND && sd_officer_may(d->me, SD_ACT_REPORT_DEPT))
		return SD_OK;
	return sd_permit(d, SD_ACT_REPORT_ALL, NULL, err);
}

bool
report_cat_match(const struct sd_report_filter *f, const char *cat)
{
	if (f == NULL || f->category == NULL)
		return true;
	if (strcmp(f->category, "-") == 0)
		return *cat == '\0';
	return strcmp(f->category, cat) == 0;
}

sd_status
report_filter_check(struct sd_desk *d, const struct sd_report_filter *f, struct sd_error *err)
{
	sd_status s;

	if (f->dept != NULL && (s = sd_desk_known_department(d, f->dept, err)) != SD_OK)
		return s;
	if (f->category != NULL && strcmp(f->category, "-") != 0 &&
	    (s = sd_desk_known_category(d, f->category, err)) != SD_OK)
		return s;
	if (f->from != SD_NO_DAY && f->to != SD_NO_DAY && f->from > f->to)
		return sd_fail(err, SD_INVALID,
		    _("the period ends before it starts; give --from before --to."));
	return SD_OK;
}

void
hist_add(struct hist *h, int v, uint64_t n)
{
	if (v < 0)
		v = 0;
	if ((size_t)v >= h->n) {
		size_t nn = (size_t)v + 16;
		h->c = sd_xrealloc(h->c, nn * sizeof *h->c);
		memset(h->c + h->n, 0, (nn - h->n) * sizeof *h->c);
		h->n = nn;
	}
	h->c[v] += n;
	h->total += n;
}

/* The smallest value with at least ceil(p% of n) values at or below it. */
static int
hist_rank(const struct hist *h, unsigned pct)
{
	uint64_t want = (h->total * pct + 99) / 100, seen = 0;

	if (want == 0)
		want = 1;
	for (size_t i = 0; i < h->n; i++) {
		seen += h->c[i];
		if (seen >= want)
			return (int)i;
	}
	return -1;
}

void
hist_times(const struct hist *h, int service, struct sd_report_times *out)
{
	memset(out, 0, sizeof *out);
	out->n = h->total;
	out->median = out->p90 = out->max = -1;
	if (h->total == 0)
		return;
	out->median = hist_rank(h, 50);
	out->p90 = hist_rank(h, 90);
	for (size_t i = 0; i < h->n; i++) {
		if (h->c[i] > 0)
			out->max = (int)i;
		if ((int)i <= service)
			out->within += h->c[i];
	}
}

void
hist_free(struct hist *h)
{
	free(h->c);
	memset(h, 0, sizeof *h);
}

int
report_workdays(const struct sd_desk *d, const struct agg_entry *e)
{
	int cal;

	if (e->nextra < 2)
		return 0;
	cal = e->extra[0] << 8 | e->extra[1];
	return agg_workdays_between(e->day - cal, e->day, d->cfg.holidays, d->cfg.nholidays);
}

int
sd_report_workdays(const struct sd_desk *d, sd_day a, sd_day b)
{
	return agg_workdays_between(a, b, d->cfg.holidays, d->cfg.nholidays);
}
