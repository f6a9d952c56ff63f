/*
 * Reports for the manager and the council: numbers only, no formatting.
 * Each is computed from the aggregates the index functions of cases and
 * routes keep (src/core/report_agg.h), not by reading every case: for any
 * period they read the counts of its days.
 *
 * Durations are in working days (Monday–Friday without the configured
 * holidays) from the day a route was routed to the day it was picked up
 * or answered; medians and p90s are exact nearest-rank values of the
 * period's histogram (the median is the lower one).  A route routed
 * again counts in its latest round; earlier rounds show as hand-offs.
 */
#ifndef SEDESK_REPORT_H
#define SEDESK_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "case.h"
#include "date.h"
#include "desk.h"
#include "status.h"

/*
 * What a report counts.  The period selects by the day a figure happened
 * (routed, picked up, answered; a case opened or closed); the category is
 * the case's; the department selects the departments report's rows, the
 * silos report's cases that touched it, and the backlog's route rows
 * (recognition and channels count cases and ignore it).  "Now" figures
 * (open, overdue) are as of today whatever the period.
 */
struct sd_report_filter {
	sd_day		 from, to;	/* inclusive; SD_NO_DAY: open-ended */
	const char	*dept;		/* a department id, or NULL: all */
	const char	*category;	/* a category id, "-" for none, or NULL: all */
};

/* The reports by name, for the command line and the interface. */
enum sd_report_kind {
	SD_REPORT_NONE = 0,
	SD_REPORT_DEPARTMENTS, SD_REPORT_SILOS, SD_REPORT_RECOGNITION, SD_REPORT_BACKLOG,
	SD_REPORT_CHANNELS, SD_REPORT_SPEND, SD_REPORT_COUNCIL,
	SD_REPORT_KIND_COUNT
};
const char *sd_report_name(enum sd_report_kind k);	/* "departments", … */
const char *sd_report_label(enum sd_report_kind k);	/* translated title */
enum sd_report_kind sd_report_parse(const char *s);	/* SD_REPORT_NONE if unknown */

/*
 * Whether the caller may see report k (sd_permit with SD_ACT_REPORT):
 * managers, the contact point and the administrator see every report; an
 * officer only `departments` and `spend`, and only for their own
 * departments (sd_opp_spend leaves out the awards he may not read).
 */
sd_status sd_report_permit(const struct sd_desk *d, enum sd_report_kind k,
    struct sd_error *err);

/* Working days after a up to and including b, with the configured holidays. */
int	sd_report_workdays(const struct sd_desk *d, sd_day a, sd_day b);

/* Durations in working days: n measured, median, p90, max (-1 when n is 0). */
struct sd_report_times {
	uint64_t	n;
	int		median, p90, max;
	uint64_t	within;		/* at most the service level */
};

struct sd_report_reason {
	char		*reason;	/* the reason's first line */
	uint64_t	 n;
};

#define SD_REPORT_TOP_REASONS 3

struct sd_report_dept {
	const struct sd_department *dept;	/* the configuration's */
	uint64_t	received, picked_up, answered, declined, withdrawn, rerouted;
	uint64_t	open_now, overdue_now;
	struct sd_report_times pickup, answer;
	struct sd_report_reason reasons[SD_REPORT_TOP_REASONS];
	size_t		nreasons;
};

struct sd_report_departments {
	struct sd_report_dept	*rows;	/* configuration order */
	size_t			 n;
	sd_day			 today;
};
sd_status sd_report_departments(struct sd_desk *d, const struct sd_report_filter *f,
    struct sd_report_departments *out, struct sd_error *err);
void	sd_report_departments_free(struct sd_report_departments *r);

#define SD_REPORT_TOP_PAIRS 5

struct sd_report_pair {
	char		*a, *b;		/* department ids, a before b */
	uint64_t	 n;
};

/* Cases opened in the period (filters: category; department: cases it touched). */
struct sd_report_silos {
	uint64_t	cases;
	uint64_t	by_depts[5];	/* cases that touched 0, 1, 2, 3, 4+ departments */
	uint64_t	handoffs;	/* re-routes and declines another department followed */
	uint64_t	multi;		/* touched 2 or more */
	struct sd_report_pair pairs[SD_REPORT_TOP_PAIRS];
	size_t		npairs;
};
sd_status sd_report_silos(struct sd_desk *d, const struct sd_report_filter *f,
    struct sd_report_silos *out, struct sd_error *err);
void	sd_report_silos_free(struct sd_report_silos *r);

/* The two closing scores of the cases closed in a period or a category. */
struct sd_report_scores {
	uint64_t	closed;
	uint64_t	sat[6], own[6];	/* [0]: not given; [1..5] */
	uint64_t	both;		/* cases with both scores */
	int64_t		sum_gap;	/* sum over those of own view - satisfaction */
	int64_t		sum_sat, sum_own; /* over the given ones */
};

struct sd_report_score_row {
	char		*label;		/* "2026-03", or a category id ("" none) */
	struct sd_report_scores s;
};

struct sd_report_recognition {
	struct sd_report_scores	 total;
	struct sd_report_score_row *months, *categories;
	size_t			 nmonths, ncategories;
	/* Reach: enterprises of the register with a contact in the period. */
	uint64_t		 register_size, reached;
	uint64_t		 reached_case, reached_moment, reached_event;
};
sd_status sd_report_recognition(struct sd_desk *d, const struct sd_report_filter *f,
    struct sd_report_recognition *out, struct sd_error *err);
void	sd_report_recognition_free(struct sd_report_recognition *r);

/* Age bands of open cases, in calendar days since opened. */
#define SD_REPORT_AGE_BANDS 5	/* 0–7, 8–30, 31–90, 91–365, more */
extern const int sd_report_age_limits[SD_REPORT_AGE_BANDS - 1];

struct sd_report_waiting {
	char		 number[SD_CASE_NUMBER_MAX];
	char		*subject;
	sd_day		 since;		/* the day it was last changed */
	sd_day		 until;		/* back in the inbox (SD_NO_DAY: none) */
};

/* The waiting cases a backlog lists (by_status counts them all). */
#define SD_REPORT_WAITING_MAX 100

/* Now, as of today; the period filters the day cases were opened. */
struct sd_report_backlog {
	uint64_t	by_status[SD_CASE_STATUS_COUNT][SD_REPORT_AGE_BANDS];
	uint64_t	open, overdue;		/* cases not closed; running past due */
	struct {
		const struct sd_department *dept;
		uint64_t open, overdue;
	}		*depts;
	size_t		 ndepts;
	struct sd_report_waiting *waiting;	/* the longest waiting first, at most */
	size_t		 nwaiting;		/* SD_REPORT_WAITING_MAX of them */
	sd_day		 today;
};
sd_status sd_report_backlog(struct sd_desk *d, const struct sd_report_filter *f,
    struct sd_report_backlog *out, struct sd_error *err);
void	sd_report_backlog_free(struct sd_report_backlog *r);

/* Cases opened per month: by channel and by category. */
struct sd_report_month {
	int		 year, month;
	uint64_t	 total;
	uint64_t	 channel[SD_CHANNEL_COUNT];
	uint64_t	*category;	/* per sd_report_channels.categories */
};
struct sd_report_channels {
	struct sd_report_month *months;
	size_t		 nmonths;
	char		**categories;	/* the configuration's ids, then "" for none */
	size_t		 ncategories;
};
sd_status sd_report_channels(struct sd_desk *d, const struct sd_report_filter *f,
    struct sd_report_channels *out, struct sd_error *err);
void	sd_report_channels_free(struct sd_report_channels *r);

/*
 * The cases behind a number of a report: measure names it
 * ("received", "answered", "declined", "picked_up", "withdrawn",
 * "open", "overdue" for departments with f->dept; "opened", "touched:N",
 * "handoffs", "closed", "satisfaction:N", "own_view:N" for the others),
 * under the same filter.  Reads the cases' facts one by one: a list, not
 * a report.  *out: malloc'd case numbers.
 */
sd_status sd_report_cases(struct sd_desk *d, enum sd_report_kind k, const char *measure,
    const struct sd_report_filter *f, char (**out)[SD_CASE_NUMBER_MAX], size_t *n,
    struct sd_error *err);

#endif
