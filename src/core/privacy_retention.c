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
 *
 * The administrator's inbox asks how many are due, and reading every
 * closed case for that each time would cost the inbox what the register
 * costs to read.  So an applied run leaves a note (meta NOTE_KEY): the day
 * it ran, the first day a case it saw becomes due, and a digest of the
 * retention configuration.  Until that day (or the day a case closed since
 * could be due: the run's day plus the shortest period) the inbox does not
 * look; a changed configuration makes it look again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "internal.h"
#include "privacy_int.h"

#define SLICE	100
#define NOTE_KEY	"privacy:retention"

struct note {
	int32_t		 ran;		/* the day of the run */
	int32_t		 next;		/* the first day a case it saw is due (INT32_MAX: none) */
	uint64_t	 config;	/* digest of the retention configuration */
};
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

	*due = INT32_MAX;
	if (c->status != SD_CASE_CLOSED || c->closed == 0 || c->erased != 0 ||
	    (r = rule_of(&d->cfg, c->category)) == NULL)
		return false;
	*due = due_after(sd_day_from_time(c->closed), r);
	*rp = r;
	return *due <= sd_desk_today(d);
}

static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ ((const uint8_t *)p)[i]) * 1099511628211u;
	return h;
}

static uint64_t
config_digest(const struct sd_config *cfg)
{
	uint64_t h = 14695981039346656037u;

	h = fnv(h, &cfg->retention, sizeof cfg->retention);
	for (size_t i = 0; i < cfg->ncategories; i++) {
		h = fnv(h, cfg->categories[i].id, strlen(cfg->categories[i].id) + 1);
		h = fnv(h, &cfg->categories[i].retention, sizeof cfg->categories[i].retention);
	}
	return h;
}

/* The fewest days any configured period can be (a month: 28, a year: 365). */
static int
shortest_days(const struct sd_config *cfg)
{
	int best = INT32_MAX;
	const struct sd_retention *r;

	for (size_t i = 0; i <= cfg->ncategories; i++) {
		int n;
		r = i < cfg->ncategories ? &cfg->categories[i].retention : &cfg->retention;
		if (r->n <= 0)
			continue;
		n = r->unit == 'd' ? r->n : r->unit == 'm' ? r->n * 28 : r->n * 365;
		if (n < best)
			best = n;
	}
	return best;
}

/*
 * Lists up to max cases due; *next (may be NULL) the first day one of
 * the others becomes due (INT32_MAX: none).
 */
static sd_status
list_due_next(struct sd_desk *d, size_t max, struct sd_retention_list *out, int32_t *next,
    struct sd_error *err);

static sd_status
list_due(struct sd_desk *d, size_t max, struct sd_retention_list *out, struct sd_error *err)
{
	return list_due_next(d, max, out, NULL, err);
}

static sd_status
list_due_next(struct sd_desk *d, size_t max, struct sd_retention_list *out, int32_t *next,
    struct sd_error *err)
{
	uint8_t prefix = (uint8_t)SD_CASE_CLOSED;
	struct sd_txn t;
	struct sd_iter it;
	sd_status s;

	if (next != NULL)
		*next = INT32_MAX;
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
		else if (next != NULL && c.status == SD_CASE_CLOSED && c.erased == 0 &&
		    (r = rule_of(&d->cfg, c.category)) != NULL && due < *next)
			*next = due;
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

static sd_status
note_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	return sd_db_put(t, SD_DB_META, NOTE_KEY, strlen(NOTE_KEY), arg, sizeof(struct note),
	    WHAT, err);
}

/* After an applied run: nothing is due before the note's day (see the top). */
static sd_status
write_note(struct sd_desk *d, struct sd_error *err)
{
	struct sd_retention_list rest = { 0 };
	struct note n;
	sd_status s;

	memset(&n, 0, sizeof n);
	n.ran = sd_desk_today(d);
	n.config = config_digest(&d->cfg);
	if ((s = list_due_next(d, SIZE_MAX, &rest, &n.next, err)) == SD_OK) {
		/* Cases it could not do (another's change meanwhile) are due now. */
		if (rest.n > 0)
			n.next = n.ran;
		s = sd_store_write(d->store, note_action, &n, err);
	}
	sd_retention_list_free(&rest);
	return s;
}

/* Whether the note says nothing can be due today, so the inbox need not look. */
static bool
nothing_due(struct sd_desk *d)
{
	struct sd_txn t;
	struct note n;
	MDB_val v;
	bool quiet = false;
	sd_day today = sd_desk_today(d);
	int64_t fresh;

	if (sd_txn_begin(d->store, false, &t, NULL) != SD_OK)
		return false;
	if (sd_db_get(&t, SD_DB_META, NOTE_KEY, strlen(NOTE_KEY), &v, NULL, NULL) == SD_OK &&
	    v.mv_size == sizeof n) {
		memcpy(&n, v.mv_data, sizeof n);
		fresh = (int64_t)n.ran + shortest_days(&d->cfg);
		quiet = n.config == config_digest(&d->cfg) && today >= n.ran && today < n.next &&
		    today < fresh;
	}
	sd_txn_abort(&t);
	return quiet;
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
	if ((s = list_due(d, SIZE_MAX, out, err)) != SD_OK || !apply)
		goto out;
	if (out->n == 0) {
		s = write_note(d, err);
		goto out;
	}
	for (size_t i = 0; s == SD_OK && i < out->n; i += SLICE) {
		struct slice sl = { d, out, i, i + SLICE < out->n ? i + SLICE : out->n, 0 };
		s = sd_store_write(d->store, slice_action, &sl, err);
		sd_store_yield(d->store);
	}
	if (s != SD_OK)
		goto out;
	out->applied = true;
	if ((s = write_note(d, err)) != SD_OK)
		goto out;
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

	if (!privacy_retention_configured(&d->cfg) || nothing_due(d) ||
	    list_due(d, max, &l, NULL) != SD_OK)
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
