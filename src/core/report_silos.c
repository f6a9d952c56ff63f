/*
 * The silos report: how many departments the cases opened in a period
 * touched, the hand-offs between them, and the pairs most often routed
 * together.
 */
#include <stdlib.h>
#include <string.h>

#include "sedesk/text.h"
#include "report_int.h"

struct pair_count {
	char		*a, *b;
	uint64_t	 n;
};

struct silo_walk {
	const struct sd_report_filter	*f;
	struct sd_report_silos		*out;
	struct pair_count		*pairs;
	size_t				 npairs;
};

static bool
on_entry(void *arg, const struct agg_entry *e)
{
	struct silo_walk *w = arg;
	const char *want = w->f->dept != NULL ? w->f->dept : "";

	if (!report_cat_match(w->f, e->cat))
		return true;
	switch (e->kind) {
	case AGG_TOUCHED:
		if (strcmp(e->dept, want) != 0 || e->nextra != 1)
			break;
		w->out->cases += (uint64_t)e->n;
		w->out->by_depts[e->extra[0] > 4 ? 4 : e->extra[0]] += (uint64_t)e->n;
		if (e->extra[0] >= 2)
			w->out->multi += (uint64_t)e->n;
		break;
	case AGG_HANDOFF:
		if (strcmp(e->dept, want) == 0)
			w->out->handoffs += (uint64_t)e->n;
		break;
	case AGG_PAIR: {
		const char *a = (const char *)e->extra, *b;
		const void *z = memchr(e->extra, 0, e->nextra);
		size_t j;
		if (z == NULL)
			break;
		b = (const char *)z + 1;
		if (memchr(b, 0, e->nextra - (size_t)(b - a)) == NULL)
			break;
		if (w->f->dept != NULL && strcmp(a, want) != 0 && strcmp(b, want) != 0)
			break;
		for (j = 0; j < w->npairs; j++)
			if (strcmp(w->pairs[j].a, a) == 0 && strcmp(w->pairs[j].b, b) == 0)
				break;
		if (j == w->npairs) {
			w->pairs = sd_xrealloc(w->pairs, ++w->npairs * sizeof *w->pairs);
			w->pairs[j].a = sd_xstrdup(a);
			w->pairs[j].b = sd_xstrdup(b);
			w->pairs[j].n = 0;
		}
		w->pairs[j].n += (uint64_t)e->n;
		break;
	}
	default:
		break;
	}
	return true;
}

static int
pair_cmp(const void *x, const void *y)
{
	const struct pair_count *a = x, *b = y;
	int c;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return (c = strcmp(a->a, b->a)) != 0 ? c : strcmp(a->b, b->b);
}

sd_status
sd_report_silos(struct sd_desk *d, const struct sd_report_filter *f, struct sd_report_silos *out,
    struct sd_error *err)
{
	struct silo_walk w = { .f = f, .out = out };
	struct sd_txn t;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = report_filter_check(d, f, err)) != SD_OK ||
	    (s = sd_report_permit(d, SD_REPORT_SILOS, err)) != SD_OK)
		return s;
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	s = agg_walk_period(&t, AGG_TOUCHED, f->from, f->to, f->category, NULL, 0, on_entry, &w, err);
	if (s == SD_OK)
		s = agg_walk_period(&t, AGG_HANDOFF, f->from, f->to, f->category, NULL, 0, on_entry, &w, err);
	if (s == SD_OK)
		s = agg_walk_period(&t, AGG_PAIR, f->from, f->to, f->category, NULL, 0, on_entry, &w, err);
	sd_txn_abort(&t);
	if (w.npairs > 1)
		qsort(w.pairs, w.npairs, sizeof *w.pairs, pair_cmp);
	for (size_t j = 0; j < w.npairs; j++) {
		if (s == SD_OK && out->npairs < SD_REPORT_TOP_PAIRS) {
			out->pairs[out->npairs].a = w.pairs[j].a;
			out->pairs[out->npairs].b = w.pairs[j].b;
			out->pairs[out->npairs++].n = w.pairs[j].n;
			continue;
		}
		free(w.pairs[j].a);
		free(w.pairs[j].b);
	}
	free(w.pairs);
	if (s != SD_OK)
		sd_report_silos_free(out);
	return s;
}

void
sd_report_silos_free(struct sd_report_silos *r)
{
	for (size_t i = 0; i < r->npairs; i++) {
		free(r->pairs[i].a);
		free(r->pairs[i].b);
	}
	memset(r, 0, sizeof *r);
}
