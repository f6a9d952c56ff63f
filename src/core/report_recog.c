/*
 * The recognition report: the enterprise's satisfaction and the contact
 * point's own view recorded at closing, side by side, per month and per
 * category; and the reach: how much of the register had a case, a
 * contact moment or an attended event in the period.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/text.h"
#include "report_int.h"
#include "timeline.h"

struct recog_walk {
	const struct sd_report_filter	*f;
	struct sd_report_recognition	*out;
};

static void
scores_add(struct sd_report_scores *s, int sat, int own, uint64_t n)
{
	s->closed += n;
	s->sat[sat] += n;
	s->own[own] += n;
	if (sat > 0)
		s->sum_sat += (int64_t)n * sat;
	if (own > 0)
		s->sum_own += (int64_t)n * own;
	if (sat > 0 && own > 0) {
		s->both += n;
		s->sum_gap += (int64_t)n * (own - sat);
	}
}

static struct sd_report_scores *
row(struct sd_report_score_row **rows, size_t *n, const char *label)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*rows)[i].label, label) == 0)
			return &(*rows)[i].s;
	*rows = sd_xrealloc(*rows, (*n + 1) * sizeof **rows);
	memset(&(*rows)[*n], 0, sizeof **rows);
	(*rows)[*n].label = sd_xstrdup(label);
	return &(*rows)[(*n)++].s;
}

static bool
on_closed(void *arg, const struct agg_entry *e)
{
	struct recog_walk *w = arg;
	char month[16];
	int y, m, dd, sat, own;

	if (!report_cat_match(w->f, e->cat) || e->nextra != 2)
		return true;
	sat = e->extra[0] <= 5 ? e->extra[0] : 0;
	own = e->extra[1] <= 5 ? e->extra[1] : 0;
	sd_day_to_ymd(e->day, &y, &m, &dd);
	snprintf(month, sizeof month, "%04d-%02d", y, m);
	scores_add(&w->out->total, sat, own, (uint64_t)e->n);
	scores_add(row(&w->out->months, &w->out->nmonths, month), sat, own, (uint64_t)e->n);
	scores_add(row(&w->out->categories, &w->out->ncategories, e->cat), sat, own,
	    (uint64_t)e->n);
	return true;
}

static int
row_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sd_report_score_row *)a)->label,
	    ((const struct sd_report_score_row *)b)->label);
}

/*
 * Reach: the enterprises whose last contact is in the period or later are
 * the only candidates; each one's timeline is looked at over the period.
 */
static sd_status
reach(struct sd_txn *t, const struct sd_report_filter *f, struct sd_report_recognition *out,
    struct sd_error *err)
{
	int64_t from = f->from == SD_NO_DAY ? INT64_MIN / 2 : (int64_t)f->from * 86400;
	int64_t to = f->to == SD_NO_DAY ? INT64_MAX / 2 : (int64_t)f->to * 86400 + 86399;
	struct sd_key start;
	MDB_stat ms;
	MDB_cursor *cur, *byc;
	MDB_val ck, cv;
	int rc, rc2;

	if ((rc = mdb_stat(t->txn, t->st->dbi[SD_DB_ENT], &ms)) != 0)
		return sd_txn_error(t, rc, "report", err);
	out->register_size = ms.ms_entries;
	if ((rc = mdb_cursor_open(t->txn, t->st->dbi[SD_DB_TIMELINE], &cur)) != 0)
		return sd_txn_error(t, rc, "report", err);
	if ((rc = mdb_cursor_open(t->txn, t->st->dbi[SD_DB_ENT_BY_CONTACT], &byc)) != 0) {
		mdb_cursor_close(cur);
		return sd_txn_error(t, rc, "report", err);
	}
	/* From the first enterprise last contacted on the period's first day or later. */
	sd_key_reset(&start);
	sd_key_i32(&start, f->from == SD_NO_DAY ? INT32_MIN : f->from);
	ck.mv_data = start.b;
	ck.mv_size = start.len;
	for (rc2 = mdb_cursor_get(byc, &ck, &cv, MDB_SET_RANGE); rc2 == 0;
	    rc2 = mdb_cursor_get(byc, &ck, &cv, MDB_NEXT)) {
		const uint8_t *ent;
		bool c = false, m = false, v = false;
		struct sd_key k;
		MDB_val kk, vv;

		t->st->reads++;
		if (ck.mv_size != 4 + SD_UUID_LEN)
			continue;
		ent = (const uint8_t *)ck.mv_data + 4;
		/* No ref: the first entry at or after the period's start (a pointer, though empty). */
		timeline_key(&k, ent, from, (enum tl_kind)0, "", 0);
		kk.mv_data = k.b;
		kk.mv_size = k.len;
		for (rc = mdb_cursor_get(cur, &kk, &vv, MDB_SET_RANGE); rc == 0;
		    rc = mdb_cursor_get(cur, &kk, &vv, MDB_NEXT)) {
			const uint8_t *p = kk.mv_data;
			int64_t when;
			t->st->reads++;
			if (kk.mv_size < SD_UUID_LEN + 9 || memcmp(p, ent, SD_UUID_LEN) != 0)
				break;
			when = (int64_t)(sd_be64(p + SD_UUID_LEN) ^ UINT64_C(0x8000000000000000));
			if (when > to)
				break;
			if (vv.mv_size < 1 || !(((const uint8_t *)vv.mv_data)[0] & TL_CONTACT))
				continue;
			switch (p[SD_UUID_LEN + 8]) {
			case TL_CASE:	c = true; break;
			case TL_MOMENT:	m = true; break;
			case TL_EVENT:	v = true; break;
			default:	break;
			}
		}
		if (rc != 0 && rc != MDB_NOTFOUND)
			break;
		rc = 0;
		out->reached += c || m || v;
		out->reached_case += c;
		out->reached_moment += m;
		out->reached_event += v;
	}
	mdb_cursor_close(cur);
	mdb_cursor_close(byc);
	if (rc == 0 && rc2 != 0 && rc2 != MDB_NOTFOUND)
		rc = rc2;
	return rc != 0 ? sd_txn_error(t, rc, "report", err) : SD_OK;
}

sd_status
sd_report_recognition(struct sd_desk *d, const struct sd_report_filter *f,
    struct sd_report_recognition *out, struct sd_error *err)
{
	struct recog_walk w = { .f = f, .out = out };
	struct sd_txn t;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = report_filter_check(d, f, err)) != SD_OK ||
	    (s = sd_report_permit(d, SD_REPORT_RECOGNITION, err)) != SD_OK)
		return s;
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	s = agg_walk(&t, AGG_CLOSED, f->from, f->to, on_closed, &w, err);
	if (s == SD_OK)
		s = reach(&t, f, out, err);
	sd_txn_abort(&t);
	if (out->nmonths > 1)
		qsort(out->months, out->nmonths, sizeof *out->months, row_cmp);
	if (out->ncategories > 1)
		qsort(out->categories, out->ncategories, sizeof *out->categories, row_cmp);
	if (s != SD_OK)
		sd_report_recognition_free(out);
	return s;
}

void
sd_report_recognition_free(struct sd_report_recognition *r)
{
	for (size_t i = 0; i < r->nmonths; i++)
		free(r->months[i].label);
	for (size_t i = 0; i < r->ncategories; i++)
		free(r->categories[i].label);
	free(r->months);
	free(r->categories);
	memset(r, 0, sizeof *r);
}
