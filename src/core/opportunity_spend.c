/*
 * The spend figures (sedesk/opportunity.h, sd_opp_spend): what the
 * municipality bought from the social economy, per year of the award and
 * department.  It reads the awards (a municipality makes hundreds a year,
 * not millions) and their opportunities' departments.
 */
#include <stdlib.h>
#include <string.h>

#include "opportunity_internal.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

static int
by_year_dept(const void *a, const void *b)
{
	const struct sd_spend_row *x = a, *y = b;

	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	return strcmp(x->dept ? x->dept : "", y->dept ? y->dept : "");
}

static struct sd_spend_row *
row_for(struct sd_spend *sp, int year, const char *dept)
{
	for (size_t i = 0; i < sp->n; i++)
		if (sp->rows[i].year == year && strcmp(sp->rows[i].dept, dept) == 0)
			return &sp->rows[i];
	sp->rows = sd_xrealloc(sp->rows, (sp->n + 1) * sizeof *sp->rows);
	memset(&sp->rows[sp->n], 0, sizeof sp->rows[sp->n]);
	sp->rows[sp->n].year = year;
	sp->rows[sp->n].dept = sd_xstrdup(dept);
	return &sp->rows[sp->n++];
}

static void
add_to(int64_t *sum, int64_t v)
{
	/* Each amount is below 10^14 cents: a sum of tens of thousands still fits. */
	*sum += v;
}

sd_status
sd_opp_spend(struct sd_desk *d, int year, struct sd_spend *out, struct sd_error *err)
{
	struct sd_txn t;
	struct sd_iter it;
	struct sd_opportunity o = { 0 };
	uint8_t have[SD_UUID_LEN] = { 0 };
	bool loaded = false, visible = false;
	sd_day today = sd_desk_today(d);
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	/* Awards are keyed by opportunity first: each opportunity is read once. */
	sd_iter_start(&it, &t, SD_DB_OPP_AWARD, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_opp_award a;
		struct sd_spend_row *r;
		int y, m, dd;

		if (it.key.mv_size != SD_UUID_LEN + 4 || !opp_award_decode(&it.val, &a))
			continue;
		if (!loaded || memcmp(have, a.opp, SD_UUID_LEN) != 0) {
			sd_opportunity_free(&o);
			loaded = false;
			if (opp_load(&t, a.opp, &o, NULL) != SD_OK) {
				sd_opp_award_free(&a);
				continue;
			}
			loaded = true;
			memcpy(have, a.opp, SD_UUID_LEN);
			visible = sd_sees_opportunity(d, o.dept);
		}
		sd_day_to_ymd(a.day, &y, &m, &dd);
		if (!visible || (year != 0 && y != year)) {
			sd_opp_award_free(&a);
			continue;
		}
		r = row_for(out, y, o.dept ? o.dept : "");
		r->awards++;
		add_to(&r->total, a.value);
		if (a.social)
			add_to(&r->social, a.value);
		if (a.reserved)
			r->reserved++;
		add_to(&r->sroi_due, a.sroi_due);
		add_to(&r->sroi_spent, a.sroi_spent > a.sroi_due ? a.sroi_due : a.sroi_spent);
		if (a.sroi_spent < a.sroi_due) {
			r->sroi_open++;
			if (sd_opp_award_unfulfilled(&a, today))
				r->sroi_unfulfilled++;
		}
		sd_opp_award_free(&a);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("opportunity"), err);
	sd_iter_end(&it);
	sd_opportunity_free(&o);
	sd_txn_abort(&t);
	if (s != SD_OK) {
		sd_spend_free(out);
		return s;
	}
	if (out->n > 1)
		qsort(out->rows, out->n, sizeof *out->rows, by_year_dept);
	return SD_OK;
}

void
sd_spend_free(struct sd_spend *sp)
{
	for (size_t i = 0; i < sp->n; i++)
		free(sp->rows[i].dept);
	free(sp->rows);
	memset(sp, 0, sizeof *sp);
}
