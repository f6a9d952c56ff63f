/*
 * Shared by the reports' files (report_*.c), internal to the core.
 */
#ifndef SEDESK_REPORT_INT_H
#define SEDESK_REPORT_INT_H

#include "sedesk/report.h"
#include "report_agg.h"

/* Counts per working day: c[v] values equal to v. */
struct hist {
	uint64_t	*c;
	size_t		 n;
	uint64_t	 total;
};
void	hist_add(struct hist *h, int v, uint64_t n);
/* Median, p90, max and how many at most service. */
void	hist_times(const struct hist *h, int service, struct sd_report_times *out);
void	hist_free(struct hist *h);

/* Whether a count's category passes the filter. */
bool	report_cat_match(const struct sd_report_filter *f, const char *cat);
/* Department and category known, the period in order. */
sd_status report_filter_check(struct sd_desk *d, const struct sd_report_filter *f,
    struct sd_error *err);
/* The working days of a duration count (AGG_PICKED, AGG_ANSWERED). */
int	report_workdays(const struct sd_desk *d, const struct agg_entry *e);

#endif
