/*
 * Retention (issue 17): a closed case's personal data is kept for its
 * category's period after it closed ([category:ID] retention, else the
 * desk's [privacy] retention; none configured: kept), then anonymised
 * (the personal fields, answers and journal text become the tombstone)
 * or destroyed (its journal goes too; a stub of the figures stays, so the
 * reports and the run of case numbers do not change).  A case done is
 * marked (its "erased" time) and not due again.
 *
 * Listing reads the closed cases (the status index) in one read
 * transaction; applying works in slices of SLICE cases, each its own
 * write transaction, so others' changes go on in between, and a stopped
 * run is finished by the next (each case is done whole or not at all).
 * Then the database is compacted, or the compaction left pending, as
 * after an erasure.
 */
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "internal.h"
#include "privacy_int.h"

#define SLICE	100
#define WHAT	_("personal data")

static const struct sd_retention *
rule_of(const struct sd_config *cfg, const char *category)
{
	const struct sd_category *c = category != NULL ? sd_config_category(cfg, category) : NULL;
	const struct sd_retention *r = c != NULL ? &c->retention : &cfg->retention;

	return r->n > 0 ? r : NULL;
}

bool
privacy_retention_configured(const struct sd_config *cfg)
{
	if (cfg->retention.n > 0)
		return true;
	for (size_t i = 0; i < cfg->ncategories; i++)
		if (cfg->categories[i].retention.n > 0)
			return true;
	return false;
}

/* The day the period after closed ends (the 31st of a shorter month: its last day). */
static sd_day
due_after(sd_day closed, const struct sd_retention *r)
{
	int y, m, d, months;
	sd_day due;

	if (r->unit == 'd')
		return closed + r->n;
	months = r->unit == 'y' ? 12 * r->n : r->n;
	sd_day_to_ymd(closed, &y, &m, &d);
	m += months;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	while ((due = sd_day_from_ymd(y, m, d)) == SD_NO_DAY && d > 28)
		d--;
	return due;
}

static void
list_add(struct sd_retention_list *l, const struct sd_case *c, sd_day due,
    const struct sd_retention *r)
{
	struct sd_retention_due *x;

	l->due = sd_xrealloc(l->due, (l->n + 1) * sizeof *l->due);
	x = &l->due[l->n++];
	memset(x, 0, sizeof *x);
	sd_case_number_format(c->key, x->number);
	x->category = sd_xstrdup(c->category);
	x->closed = sd_day_from_time(c->closed);
	x->due = due;
	x->action = r->action;
}

/* Whether closed case c is past its retention today; its rule in *rp. */
static bool
is_due(const struct sd_desk *d, const struct sd_case *c, sd_day *due,
    const struct sd_retention **rp)
{
	const struct sd_retention *r;

	if (c->status != SD_CASE_CLOSED || c->closed == 0 || c->erased != 0 ||
	    (r = rule_of(&d->cfg, c->category)) == NULL)
		return false;
	*due = due_after(sd_day_from_time(c->closed), r);
	*rp = r;
	return *due <= sd_desk_today(d);
}

static sd_status
list_due(struct sd_desk *d, size_t max, struct sd_retention_list *out, struct sd_error *err)
{
	uint8_t prefix = (uint8_t)SD_CASE_CLOSED;
	struct sd_txn t;
	struct sd_iter it;
	sd_status s;

	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	sd_iter_start(&it, &t, SD_DB_CASE_BY_STATUS, &prefix, 1, false, NULL, 0);
	while (out->n < max && sd_iter_next(&it)) {
		const struct sd_retention *r;
		struct sd_case c;
		sd_day due;

		if (it.key.mv_size != 1 + SD_CASE_KEY_LEN)
			continue;
		if (case_load(&t, sd_case_key_unpack((const uint8_t *)it.key.mv_data + 1), &c,
		    NULL) != SD_OK)
			continue;
		if (is_due(d, &c, &due, &r))
			list_add(out, &c, due, r);
		sd_case_free(&c);
	}
	s = sd_iter_status(&it, WHAT, err);
	sd_iter_end(&it);
	sd_txn_abort(&t);
	return s;
}

struct slice {
	struct sd_desk	*d;
	const struct sd_retention_list *l;
	size_t		 from, to;
	size_t		 changed;
};

static sd_status
slice_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct slice *sl = arg;
	sd_status s = SD_OK;

	sl->changed = 0;
	for (size_t i = sl->from; s == SD_OK && i < sl->to; i++) {
		const struct sd_retention *r;
		struct sd_case_key key;
		struct sd_case c;
		sd_day due;
		size_t n = 0;

		/* Asked again inside: someone may have reopened it meanwhile. */
		if (!sd_case_number_parse(sl->l->due[i].number, &key) ||
		    case_load(t, key, &c, NULL) != SD_OK)
			continue;
		if (is_due(sl->d, &c, &due, &r))
			s = privacy_case_retire(sl->d, t, key, r->action, &n, err);
		sd_case_free(&c);
		sl->changed += n;
	}
	if (s == SD_OK)
		s = sd_db_put(t, SD_DB_META, PRIVACY_PENDING_KEY, strlen(PRIVACY_PENDING_KEY),
		    "1", 1, WHAT, err);
	return s;
}

sd_status
sd_privacy_retention(struct sd_desk *d, bool apply, struct sd_retention_list *out,
    struct sd_error *err)
{
	struct sd_error cerr;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = sd_permit(d, apply ? SD_ACT_PRIVACY_WRITE : SD_ACT_PRIVACY_READ, NULL,
	    err)) != SD_OK)
		return s;
	if (!privacy_retention_configured(&d->cfg))
		return SD_OK;
	if ((s = list_due(d, SIZE_MAX, out, err)) != SD_OK || !apply || out->n == 0)
		goto out;
	for (size_t i = 0; s == SD_OK && i < out->n; i += SLICE) {
		struct slice sl = { d, out, i, i + SLICE < out->n ? i + SLICE : out->n, 0 };
		s = sd_store_write(d->store, slice_action, &sl, err);
		sd_store_yield(d->store);
	}
	if (s != SD_OK)
		goto out;
	out->applied = true;
	s = sd_privacy_compact(d, &cerr);
	if (s == SD_BUSY) {
		out->pending = true;
		s = SD_OK;
	} else if (s != SD_OK)
		*err = cerr;
out:
	if (s != SD_OK)
		sd_retention_list_free(out);
	return s;
}

size_t
privacy_retention_due_count(struct sd_desk *d, size_t max)
{
	struct sd_retention_list l = { 0 };
	size_t n;

	if (!privacy_retention_configured(&d->cfg) || list_due(d, max, &l, NULL) != SD_OK)
		n = 0;
	else
		n = l.n;
	sd_retention_list_free(&l);
	return n;
}

void
sd_retention_list_free(struct sd_retention_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->due[i].category);
	free(l->due);
	memset(l, 0, sizeof *l);
}
