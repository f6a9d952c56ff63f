/*
 * The reports' output on the command line: tables of words and numbers
 * that render as aligned text with bars, as CSV, or as HTML (cmd_report*.c).
 */
#ifndef SEDESK_REPORT_OUT_H
#define SEDESK_REPORT_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sedesk/text.h"

#define RT_MAXCOLS 16

struct rtable {
	char	*title;
	size_t	 ncols;
	char	*head[RT_MAXCOLS];
	bool	 num[RT_MAXCOLS];	/* right-aligned */
	bool	 barcol[RT_MAXCOLS];	/* a bar drawn in the cell: text only */
	char	**cells;		/* nrows * ncols */
	double	*bar;			/* per row: the bar's value (< 0: none) */
	size_t	 nrows;
	char	*note;			/* a line under the table (text and HTML), or NULL */
	char	*spark;			/* a sparkline line (text only), or NULL */
};

struct rdoc {
	char		*title;		/* "Departments — 2026" */
	struct rtable	*t;
	size_t		 n;
	bool		 plain;		/* amounts as "12500.50" (CSV), not "€12,500.50" */
};

struct rtable *rdoc_table(struct rdoc *d, const char *title, size_t ncols, ...);
void	rt_num(struct rtable *t, size_t col);		/* right-align a column */
void	rt_barcol(struct rtable *t, size_t col);	/* a column of bars (not in CSV) */
/* A bar as a cell. */
char	*rt_barcell(double v, double max);
/* Adds a row of ncols cells (strings copied), with a bar value (< 0: none). */
void	rt_row(struct rtable *t, double bar, ...);
void	rt_note(struct rtable *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void	rdoc_free(struct rdoc *d);

/* Cell helpers: a number, a share, a duration in days (- for none). */
char	*rt_u(uint64_t v);
char	*rt_pct(uint64_t part, uint64_t whole);
char	*rt_days(int v);

/* A bar of width columns for v of max, in eighths (▏▎▍▌▋▊▉█). */
void	rt_bar(struct sd_buf *b, double v, double max, int width);
/* A sparkline (▁▂▃▄▅▆▇█), one character per value. */
void	rt_spark(struct sd_buf *b, const double *v, size_t n);

void	rdoc_text(const struct rdoc *d, struct sd_buf *out);
void	rdoc_csv(const struct rdoc *d, struct sd_buf *out, char sep, bool bom);

/* The reports' builders (cmd_report.c) and the council's document (cmd_report_html.c). */
struct cli;
struct sd_desk;
struct sd_report_filter;
#include <jansson.h>
#include "sedesk/report.h"
int	report_build(struct cli *cli, enum sd_report_kind k, const struct sd_report_filter *f,
	    struct rdoc *doc, json_t **j);
void	report_period_words(const struct sd_report_filter *f, struct sd_buf *b);
/*
 * The spend figures of a period of whole years (filter's from/to) and
 * department: 0, or the exit code after saying why not (a period that is
 * not whole years, a department the caller does not serve).
 */
struct sd_spend;
int	report_spend_load(struct cli *cli, const struct sd_report_filter *f,
	    struct sd_spend *out);
/* Whether the period is whole calendar years (open ends count as whole). */
bool	report_whole_years(const struct sd_report_filter *f);
int	report_council(struct cli *cli, const struct sd_report_filter *f, const char *fmt,
	    struct sd_buf *out);
/* The document as one self-contained HTML page; intro (may be NULL) a paragraph on top. */
void	report_html(const struct sd_desk *d, const struct rdoc *doc, const char *intro,
	    struct sd_buf *out);

#endif
