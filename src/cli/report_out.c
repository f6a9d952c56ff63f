/*
 * Report tables as aligned text with block-character bars, and as CSV.
 * Alignment counts display columns (sd_text_width), never bytes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_out.h"
#include "sedesk/i18n.h"
#include "sedesk/share.h"

struct rtable *
rdoc_table(struct rdoc *d, const char *title, size_t ncols, ...)
{
	struct rtable *t;
	va_list ap;

	d->t = sd_xrealloc(d->t, (d->n + 1) * sizeof *d->t);
	t = &d->t[d->n++];
	memset(t, 0, sizeof *t);
	t->title = sd_xstrdup(title);
	t->ncols = ncols > RT_MAXCOLS ? RT_MAXCOLS : ncols;
	va_start(ap, ncols);
	for (size_t i = 0; i < t->ncols; i++)
		t->head[i] = sd_xstrdup(va_arg(ap, const char *));
	va_end(ap);
	return t;
}

void
rt_num(struct rtable *t, size_t col)
{
	if (col < t->ncols)
		t->num[col] = true;
}

void
rt_barcol(struct rtable *t, size_t col)
{
	if (col < t->ncols)
		t->barcol[col] = true;
}

void
rt_row(struct rtable *t, double bar, ...)
{
	va_list ap;

	t->cells = sd_xrealloc(t->cells, (t->nrows + 1) * t->ncols * sizeof *t->cells);
	t->bar = sd_xrealloc(t->bar, (t->nrows + 1) * sizeof *t->bar);
	t->bar[t->nrows] = bar;
	va_start(ap, bar);
	for (size_t i = 0; i < t->ncols; i++) {
		/* Cells are handed over: the helpers below make them. */
		char *c = va_arg(ap, char *);
		t->cells[t->nrows * t->ncols + i] = c != NULL ? c : sd_xstrdup("");
	}
	va_end(ap);
	t->nrows++;
}

void
rt_note(struct rtable *t, const char *fmt, ...)
{
	struct sd_buf b = { 0 };
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = sd_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (t->note != NULL) {
		sd_buf_addf(&b, "%s\n%s", t->note, s);
		free(t->note);
		free(s);
		s = sd_buf_take(&b);
	}
	t->note = s;
}

void
rdoc_free(struct rdoc *d)
{
	for (size_t k = 0; k < d->n; k++) {
		struct rtable *t = &d->t[k];
		for (size_t i = 0; i < t->ncols; i++)
			free(t->head[i]);
		for (size_t i = 0; i < t->nrows * t->ncols; i++)
			free(t->cells[i]);
		free(t->cells);
		free(t->bar);
		free(t->title);
		free(t->note);
		free(t->spark);
	}
	free(d->t);
	free(d->title);
	memset(d, 0, sizeof *d);
}

char *
rt_u(uint64_t v)
{
	char b[32];

	snprintf(b, sizeof b, "%llu", (unsigned long long)v);
	return sd_xstrdup(b);
}

char *
rt_pct(uint64_t part, uint64_t whole)
{
	char b[SD_SHARE_STR];

	sd_share_format(part, whole, b);
	return sd_xstrdup(b);
}

char *
rt_days(int v)
{
	char b[16];

	if (v < 0)
		return sd_xstrdup("-");
	snprintf(b, sizeof b, "%d", v);
	return sd_xstrdup(b);
}

void
rt_bar(struct sd_buf *b, double v, double max, int width)
{
	static const char *const part[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	long eighths;

	if (max <= 0 || v <= 0)
		return;
	eighths = (long)(v / max * width * 8 + 0.5);
	/* Anything above zero shows. */
	if (eighths == 0)
		eighths = 1;
	for (long i = 0; i < eighths / 8; i++)
		sd_buf_adds(b, "█");
	sd_buf_adds(b, part[eighths % 8]);
}

void
rt_spark(struct sd_buf *b, const double *v, size_t n)
{
	static const char *const lv[8] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	double max = 0;

	for (size_t i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	for (size_t i = 0; i < n; i++)
		sd_buf_adds(b, lv[max > 0 ? (int)(v[i] / max * 7 + 0.5) : 0]);
}

#define BAR_WIDTH 20

char *
rt_barcell(double v, double max)
{
	struct sd_buf b = { 0 };

	rt_bar(&b, v, max, BAR_WIDTH / 2);
	return b.data != NULL ? sd_buf_take(&b) : sd_xstrdup("");
}

void
rdoc_text(const struct rdoc *d, struct sd_buf *out)
{
	if (d->title != NULL)
		sd_buf_addf(out, "%s\n", d->title);
	for (size_t k = 0; k < d->n; k++) {
		const struct rtable *t = &d->t[k];
		int w[RT_MAXCOLS];
		double max = 0;
		bool bars = false;

		sd_buf_addf(out, "\n%s\n", t->title);
		if (t->spark != NULL)
			sd_buf_addf(out, "%s\n", t->spark);
		for (size_t c = 0; c < t->ncols; c++) {
			w[c] = sd_text_width(t->head[c]);
			for (size_t r = 0; r < t->nrows; r++) {
				int x = sd_text_width(t->cells[r * t->ncols + c]);
				if (x > w[c])
					w[c] = x;
			}
		}
		for (size_t r = 0; r < t->nrows; r++) {
			if (t->bar[r] >= 0)
				bars = true;
			if (t->bar[r] > max)
				max = t->bar[r];
		}
		for (size_t r = 0; r <= t->nrows; r++) {
			struct sd_buf line = { 0 };
			for (size_t c = 0; c < t->ncols; c++) {
				const char *s = r == 0 ? t->head[c] : t->cells[(r - 1) * t->ncols + c];
				if (c > 0)
					sd_buf_adds(&line, "  ");
				if (t->num[c]) {
					for (int x = sd_text_width(s); x < w[c]; x++)
						sd_buf_adds(&line, " ");
					sd_buf_adds(&line, s);
				} else
					sd_buf_add_padded(&line, s, c + 1 < t->ncols || bars ? w[c] : 0);
			}
			if (bars && r > 0 && t->bar[r - 1] >= 0) {
				sd_buf_adds(&line, "  ");
				rt_bar(&line, t->bar[r - 1], max, BAR_WIDTH);
			}
			/* No spaces at the end of a line. */
			while (line.len > 0 && line.data[line.len - 1] == ' ')
				line.len--;
			sd_buf_add(out, line.data != NULL ? line.data : "", line.len);
			sd_buf_adds(out, "\n");
			sd_buf_free(&line);
		}
		if (t->nrows == 0)
			sd_buf_addf(out, "%s\n", _("(nothing in this period)"));
		if (t->note != NULL)
			sd_buf_addf(out, "%s\n", t->note);
	}
}

static void
csv_cell(struct sd_buf *out, const char *s, char sep)
{
	if (strchr(s, sep) == NULL && strchr(s, '"') == NULL && strchr(s, '\n') == NULL &&
	    strchr(s, '\r') == NULL) {
		sd_buf_adds(out, s);
		return;
	}
	sd_buf_adds(out, "\"");
	for (; *s; s++) {
		if (*s == '"')
			sd_buf_adds(out, "\"");
		sd_buf_add(out, s, 1);
	}
	sd_buf_adds(out, "\"");
}

/*
 * One CSV with the tables one after another, each with its title in the
 * first column of a row of its own and a blank line between: what opens
 * as one sheet in a spreadsheet.
 */
void
rdoc_csv(const struct rdoc *d, struct sd_buf *out, char sep, bool bom)
{
	if (bom)
		sd_buf_adds(out, "\xEF\xBB\xBF");
	for (size_t k = 0; k < d->n; k++) {
		const struct rtable *t = &d->t[k];
		if (k > 0)
			sd_buf_adds(out, "\r\n");
		csv_cell(out, t->title, sep);
		sd_buf_adds(out, "\r\n");
		for (size_t r = 0; r <= t->nrows; r++) {
			bool first = true;
			for (size_t c = 0; c < t->ncols; c++) {
				if (t->barcol[c])
					continue;
				if (!first)
					sd_buf_add(out, &sep, 1);
				first = false;
				csv_cell(out, r == 0 ? t->head[c] : t->cells[(r - 1) * t->ncols + c],
				    sep);
			}
			sd_buf_adds(out, "\r\n");
		}
	}
}
