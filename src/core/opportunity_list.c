/*
 * Reading opportunities: one with its lots, invitations, responses,
 * awards, SROI reports and journal (sd_opp_get), and the list by deadline.
 */
#include <stdlib.h>
#include <string.h>

#include "opportunity_internal.h"
#include "record.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

static void
party_fill(struct sd_txn *t, const uint8_t id[SD_UUID_LEN], struct sd_opp_party *p)
{
	struct sd_enterprise e;

	memcpy(p->enterprise, id, SD_UUID_LEN);
	if (ent_load(t, id, &e, NULL) != SD_OK) {
		p->name = sd_xstrdup("?");
		return;
	}
	p->name = sd_xstrdup(e.f[SD_EF_NAME] ? e.f[SD_EF_NAME] : "?");
	p->number = e.f[SD_EF_NUMBER] ? sd_xstrdup(e.f[SD_EF_NUMBER]) : NULL;
	sd_enterprise_free(&e);
}

/* Reads every record under the opportunity's prefix of db into a growing array. */
static sd_status
load_all(struct sd_txn *t, enum sd_dbi db, const uint8_t id[SD_UUID_LEN],
    const struct sd_record_def *def, void **out, size_t *n, struct sd_error *err)
{
	struct sd_iter it;
	size_t cap = 0;
	char *items = NULL;
	sd_status s = SD_OK;

	*n = 0;
	sd_iter_start(&it, t, db, id, SD_UUID_LEN, false, NULL, 0);
	while (sd_iter_next(&it)) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			items = sd_xrealloc(items, cap * def->size);
		}
		if (!sd_rec_decode(def, it.val.mv_data, it.val.mv_size, items + *n * def->size)) {
			s = sd_fail(err, SD_FAIL,
			    _("a record of an opportunity cannot be read; run `sedesk check`."));
			break;
		}
		(*n)++;
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("opportunity"), err);
	sd_iter_end(&it);
	*out = items;
	return s;
}

sd_status
sd_opp_get(struct sd_desk *d, const char *ref, struct sd_opp_view *out, struct sd_error *err)
{
	struct sd_txn t;
	void *p;
	sd_status s;

	memset(out, 0, sizeof *out);
	out->days_left = INT32_MIN;
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	if ((s = opp_resolve_visible(&t, d, ref, &out->o, err)) != SD_OK)
		goto out;
	if ((s = opp_lots_load(&t, out->o.id, &out->lots, &out->nlots, err)) != SD_OK)
		goto out;
	s = load_all(&t, SD_DB_OPP_INVITE, out->o.id, &sd_opp_invite_record, &p, &out->ninvites,
	    err);
	out->invites = p;
	if (s != SD_OK)
		goto out;
	out->invited = sd_xcalloc(out->ninvites + 1, sizeof *out->invited);
	for (size_t i = 0; i < out->ninvites; i++)
		party_fill(&t, out->invites[i].enterprise, &out->invited[i]);
	s = load_all(&t, SD_DB_OPP_RESPONSE, out->o.id, &sd_opp_response_record, &p,
	    &out->nresponses, err);
	out->responses = p;
	if (s != SD_OK)
		goto out;
	out->responders = sd_xcalloc(out->nresponses + 1, sizeof *out->responders);
	for (size_t i = 0; i < out->nresponses; i++)
		party_fill(&t, out->responses[i].enterprise, &out->responders[i]);
	s = load_all(&t, SD_DB_OPP_AWARD, out->o.id, &sd_opp_award_record, &p, &out->nawards,
	    err);
	out->awards = p;
	if (s != SD_OK)
		goto out;
	s = load_all(&t, SD_DB_OPP_SROI, out->o.id, &sd_opp_sroi_record, &p, &out->nsroi, err);
	out->sroi = p;
	if (s != SD_OK)
		goto out;
	if ((s = sd_journal_read(&t, SD_SUBJECT_OPPORTUNITY, out->o.id, SD_UUID_LEN,
	    &out->journal, &out->njournal, err)) != SD_OK)
		goto out;
	if (out->o.deadline != SD_NO_DAY)
		out->days_left = out->o.deadline - sd_desk_today(d);
out:
	sd_txn_abort(&t);
	if (s != SD_OK)
		sd_opp_view_free(out);
	return s;
}

static void
parties_free(struct sd_opp_party *p, size_t n)
{
	for (size_t i = 0; p != NULL && i < n; i++) {
		free(p[i].name);
		free(p[i].number);
	}
	free(p);
}

void
sd_opp_view_free(struct sd_opp_view *v)
{
	sd_opportunity_free(&v->o);
	opp_lots_free(v->lots, v->nlots);
	for (size_t i = 0; i < v->ninvites; i++)
		sd_rec_free(&sd_opp_invite_record, &v->invites[i]);
	free(v->invites);
	parties_free(v->invited, v->ninvites);
	for (size_t i = 0; i < v->nresponses; i++)
		sd_rec_free(&sd_opp_response_record, &v->responses[i]);
	free(v->responses);
	parties_free(v->responders, v->nresponses);
	for (size_t i = 0; i < v->nawards; i++)
		sd_opp_award_free(&v->awards[i]);
	free(v->awards);
	for (size_t i = 0; i < v->nsroi; i++)
		sd_rec_free(&sd_opp_sroi_record, &v->sroi[i]);
	free(v->sroi);
	sd_journal_entries_free(v->journal, v->njournal);
	memset(v, 0, sizeof *v);
}

void
sd_opp_rows_free(struct sd_opp_rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		sd_opportunity_free(&r->items[i]);
	free(r->items);
	memset(r, 0, sizeof *r);
}

/*
 * By deadline, those without one last; each read once from the index
 * and its record, skipping what the caller may not see or the filter
 * leaves out.
 */
sd_status
sd_opp_list(struct sd_desk *d, const struct sd_opp_filter *f, size_t limit,
    struct sd_opp_rows *out, struct sd_error *err)
{
	struct sd_txn t;
	struct sd_iter it;
	size_t cap = 0;
	sd_status s;

	memset(out, 0, sizeof *out);
	if (f->dept != NULL && (s = sd_desk_known_department(d, f->dept, err)) != SD_OK)
		return s;
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	sd_iter_start(&it, &t, SD_DB_OPP_BY_DEADLINE, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_opportunity o;
		if (it.key.mv_size != 4 + SD_UUID_LEN)
			continue;
		if ((s = opp_load(&t, (const uint8_t *)it.key.mv_data + 4, &o, err)) != SD_OK)
			break;
		if (!sd_sees_opportunity(d, o.dept) || (f->open && o.status != SD_OPP_OPEN) ||
		    (f->dept != NULL && (o.dept == NULL || strcmp(o.dept, f->dept) != 0))) {
			sd_opportunity_free(&o);
			continue;
		}
		if (out->n == limit) {
			out->more = true;
			sd_opportunity_free(&o);
			break;
		}
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			out->items = sd_xrealloc(out->items, cap * sizeof *out->items);
		}
		out->items[out->n++] = o;
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("opportunity"), err);
	sd_iter_end(&it);
	sd_txn_abort(&t);
	if (s != SD_OK)
		sd_opp_rows_free(out);
	return s;
}
