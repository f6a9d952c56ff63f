/*
 * Matching: the enterprises that could answer an opportunity, ranked by
 * fit, each with its reasons in words.  Two indexes keep it to what is
 * relevant whatever the register's size: enterprises by NACE code and by
 * the words of their offers (opp_ent_index, called from ent_index, so
 * every writer of an enterprise and `check` keep them).  Only the
 * enterprises those name are read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opportunity_internal.h"
#include "sedesk/i18n.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"

/* Words shorter than this say nothing about what an enterprise offers ("de", "en"). */
#define WORD_MIN	3
/* At most this many index entries are read for one code's division or one word. */
#define SCAN_MAX	5000
/* Candidates kept in the table (the best are ranked among them). */
#define CAND_MAX	20000

/* --- the indexes -------------------------------------------------------------------- */

typedef sd_status (*word_fn)(const char *word, void *arg);

/* Calls fn for each folded word of text of WORD_MIN bytes or more. */
static sd_status
each_word(const char *text, word_fn fn, void *arg)
{
	char *f, *p;
	sd_status s = SD_OK;

	if (text == NULL)
		return SD_OK;
	f = sd_fold(text);
	p = f;
	while (*p != '\0' && s == SD_OK) {
		char *start;
		while (*p != '\0' && !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    (unsigned char)*p >= 0x80))
			p++;
		start = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    (unsigned char)*p >= 0x80)
			p++;
		if (p - start >= WORD_MIN) {
			char c = *p;
			*p = '\0';
			s = fn(start, arg);
			*p = c;
		}
	}
	free(f);
	return s;
}

struct ent_arg {
	struct sd_txn		*t;
	const struct sd_enterprise *e;
	enum sd_dbi		 db;
	bool			 put;
	struct sd_error		*err;
};

static sd_status
entry(const char *word, void *arg)
{
	struct ent_arg *a = arg;
	struct sd_key k;

	sd_key_reset(&k);
	sd_key_str(&k, word);
	sd_key_bytes(&k, a->e->id, SD_UUID_LEN);
	return a->put ? sd_db_put_flag(a->t, a->db, k.b, k.len, _("enterprise"), a->err) :
	    sd_db_del(a->t, a->db, k.b, k.len, _("enterprise"), a->err);
}

sd_status
opp_ent_index(struct sd_txn *t, const struct sd_enterprise *e, bool put, struct sd_error *err)
{
	struct ent_arg a = { t, e, SD_DB_ENT_BY_NACE, put, err };
	struct sd_nace *codes = NULL;
	size_t n = 0;
	sd_status s = SD_OK;

	/* A profile that cannot be read has no entries (check reports the profile). */
	if (sd_nace_read(e->f[SD_EF_NACE], &codes, &n, NULL) == SD_OK)
		for (size_t i = 0; i < n && s == SD_OK; i++)
			s = entry(codes[i].code, &a);
	free(codes);
	if (s != SD_OK)
		return s;
	a.db = SD_DB_ENT_BY_OFFER;
	return each_word(e->f[SD_EF_OFFERS], entry, &a);
}

/*
 * Fills the matching's indexes from the enterprises already there, when a
 * database without them is upgraded (an LMDB code, as the migrations).
 */
int
sd_migrate_opp_indexes(MDB_txn *txn, struct sd_store *st)
{
	return migrate_each_enterprise(txn, st, opp_ent_index);
}

/* --- candidates ----------------------------------------------------------------------- */

struct cand {
	uint8_t		 id[SD_UUID_LEN];
	bool		 used;
	int		 score;
	int		 nace_score;		/* the best NACE fit so far: 3 code, 1 division */
	char		*nace_reason;
	struct sd_buf	 offers;		/* "groenonderhoud, snoeiwerk" */
};

struct table {
	struct cand	*c;
	size_t		 cap, n;
	bool		 full;
};

static struct cand *
cand_get(struct table *tb, const uint8_t id[SD_UUID_LEN])
{
	size_t h = 0;

	for (int i = 0; i < 8; i++)
		h = h * 31 + id[i];
	for (size_t i = h % tb->cap; ; i = (i + 1) % tb->cap) {
		if (!tb->c[i].used) {
			if (tb->n + 1 >= tb->cap / 2 || tb->n >= CAND_MAX) {
				tb->full = true;
				return NULL;
			}
			tb->c[i].used = true;
			memcpy(tb->c[i].id, id, SD_UUID_LEN);
			tb->n++;
			return &tb->c[i];
		}
		if (memcmp(tb->c[i].id, id, SD_UUID_LEN) == 0)
			return &tb->c[i];
	}
}

/* Whether two NACE codes are one within the other ("81" and "81.300"). */
static bool
code_fits(const char *want, const char *have)
{
	size_t a = strlen(want), b = strlen(have);

	return strncmp(want, have, a < b ? a : b) == 0;
}

static void
nace_reason(struct cand *c, int score, const char *code)
{
	struct sd_buf b = { 0 };
	const char *label;
	bool exact;

	if (score <= c->nace_score)
		return;
	c->nace_score = score;
	if (score == 3) {
		label = sd_nace_label(code, 2008, NULL, &exact);
		sd_buf_addf(&b, "NACE %s%s%s", code, label ? " " : "", label ? label : "");
	} else {
		char div[3] = { code[0], code[1], '\0' };
		sd_buf_addf(&b, _("NACE division %s"), div);
	}
	free(c->nace_reason);
	c->nace_reason = sd_buf_take(&b);
}

/*
 * The enterprises under the divisions of the opportunity's codes: a code
 * that fits (the same, or one within the other) counts 3, another of
 * its division 1.
 */
static sd_status
scan_nace(struct sd_txn *t, const char *codes, struct table *tb, struct sd_error *err)
{
	char *copy, *p, *save = NULL;
	char done[64][3];
	size_t ndone = 0;
	sd_status s = SD_OK;

	if (codes == NULL)
		return SD_OK;
	copy = sd_xstrdup(codes);
	for (p = strtok_r(copy, ",", &save); p != NULL && s == SD_OK;
	    p = strtok_r(NULL, ",", &save)) {
		char div[3] = { p[0], p[1] ? p[1] : '\0', '\0' };
		struct sd_iter it;
		size_t seen = 0;
		bool dup = false;

		for (size_t i = 0; i < ndone; i++)
			dup |= strcmp(done[i], div) == 0;
		if (dup || strlen(div) != 2 || ndone == 64)
			continue;
		memcpy(done[ndone++], div, 3);
		sd_iter_start(&it, t, SD_DB_ENT_BY_NACE, div, 2, false, NULL, 0);
		while (sd_iter_next(&it) && seen++ < SCAN_MAX) {
			const char *k = it.key.mv_data;
			size_t klen = it.key.mv_size, cl = strnlen(k, klen);
			char code[SD_NACE_CODE_MAX];
			char *q, *save2 = NULL, *all;
			int best = 1;
			struct cand *c;

			if (cl + 1 + SD_UUID_LEN != klen || cl >= sizeof code)
				continue;
			memcpy(code, k, cl);
			code[cl] = '\0';
			all = sd_xstrdup(codes);
			for (q = strtok_r(all, ",", &save2); q != NULL; q = strtok_r(NULL, ",", &save2))
				if (code_fits(q, code))
					best = 3;
			free(all);
			if ((c = cand_get(tb, (const uint8_t *)k + cl + 1)) == NULL)
				break;
			if (best > c->nace_score) {
				c->score += best - c->nace_score;
				nace_reason(c, best, code);
			}
		}
		s = sd_iter_status(&it, _("enterprise"), err);
		sd_iter_end(&it);
	}
	free(copy);
	return s;
}

struct word_scan {
	struct sd_txn	*t;
	struct table	*tb;
	struct sd_error	*err;
};

/* The enterprises offering a word that starts with the need's word: 2 each. */
static sd_status
scan_word(const char *word, void *arg)
{
	struct word_scan *w = arg;
	struct sd_iter it;
	size_t seen = 0, wl = strlen(word);
	sd_status s;

	sd_iter_start(&it, w->t, SD_DB_ENT_BY_OFFER, word, wl, false, NULL, 0);
	while (sd_iter_next(&it) && seen++ < SCAN_MAX) {
		const char *k = it.key.mv_data;
		size_t klen = it.key.mv_size, ol = strnlen(k, klen);
		struct cand *c;
		char *offer;

		if (ol + 1 + SD_UUID_LEN != klen)
			continue;
		if ((c = cand_get(w->tb, (const uint8_t *)k + ol + 1)) == NULL)
			break;
		offer = sd_xstrndup(k, ol);
		/* The same word twice (two needs) counts once. */
		if (c->offers.data == NULL || !sd_list_contains(c->offers.data, offer)) {
			sd_buf_addf(&c->offers, "%s%s", c->offers.len ? "," : "", offer);
			c->score += 2;
		}
		free(offer);
	}
	s = sd_iter_status(&it, _("enterprise"), w->err);
	sd_iter_end(&it);
	return s;
}

/* --- ranking --------------------------------------------------------------------------- */

static int
by_fit(const void *a, const void *b)
{
	const struct sd_opp_match *x = a, *y = b;
	int c;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if ((c = strcoll(x->name ? x->name : "", y->name ? y->name : "")) != 0)
		return c;
	return memcmp(x->enterprise, y->enterprise, SD_UUID_LEN);
}

static bool
same_city(const char *a, const char *b)
{
	char *fa, *fb;
	bool same;

	if (a == NULL || b == NULL)
		return false;
	fa = sd_fold(a);
	fb = sd_fold(b);
	same = strcmp(sd_trim(fa), sd_trim(fb)) == 0;
	free(fa);
	free(fb);
	return same;
}

/* Awards the enterprise had before (at most 10 counted). */
static size_t
past_awards(struct sd_txn *t, const uint8_t id[SD_UUID_LEN], const uint8_t self[SD_UUID_LEN])
{
	struct sd_iter it;
	size_t n = 0;

	sd_iter_start(&it, t, SD_DB_AWARD_BY_ENT, id, SD_UUID_LEN, false, NULL, 0);
	while (n < 10 && sd_iter_next(&it))
		if (it.key.mv_size == 2 * SD_UUID_LEN + 4 &&
		    memcmp((const uint8_t *)it.key.mv_data + SD_UUID_LEN, self, SD_UUID_LEN) != 0)
			n++;
	sd_iter_end(&it);
	return n;
}

/* Turns a candidate into a ranked row; false when it cannot take part (reserved). */
static bool
judge(struct sd_txn *t, const struct sd_desk *d, const struct sd_opportunity *o,
    bool some_reserved, struct cand *c, struct sd_opp_match *m)
{
	struct sd_enterprise e;
	struct sd_buf b = { 0 };
	char *which = NULL;
	size_t awards;

	memset(m, 0, sizeof *m);
	if (ent_load(t, c->id, &e, NULL) != SD_OK)
		return false;
	memcpy(m->enterprise, c->id, SD_UUID_LEN);
	m->score = c->score;
	m->qualifies = opp_qualifies(&d->cfg, &e, o->qualify, &which);
	/* A contract reserved as a whole is for the qualifying enterprises only. */
	if (o->reserved && !m->qualifies) {
		sd_enterprise_free(&e);
		return false;
	}
	if (c->nace_reason != NULL)
		sd_buf_addf(&b, "%s", c->nace_reason);
	if (c->offers.len > 0) {
		char *list = sd_xstrdup(c->offers.data);
		for (char *p = list; *p; p++)
			if (*p == ',')
				*p = '\0';
		sd_buf_addf(&b, "%s", b.len ? "; " : "");
		sd_buf_addf(&b, _("offers %s"), list);
		for (char *p = list + strlen(list) + 1; p < list + c->offers.len; p += strlen(p) + 1)
			sd_buf_addf(&b, ", %s", p);
		free(list);
	}
	if (m->qualifies) {
		m->score += 2;
		sd_buf_addf(&b, "%s", b.len ? "; " : "");
		/* The recognition's label says it: "erkend maatwerkbedrijf". */
		sd_buf_adds(&b, which);
		if (some_reserved && !o->reserved)
			sd_buf_addf(&b, _(" (qualifies for the reserved lots)"));
	}
	free(which);
	if (e.f[SD_EF_KIND] != NULL && strcmp(e.f[SD_EF_KIND], "other") != 0) {
		m->score += 1;
		sd_buf_addf(&b, "%s", b.len ? "; " : "");
		sd_buf_addf(&b, _("kind %s"),
		    sd_profile_code_label(&d->cfg, SD_LIST_KINDS, e.f[SD_EF_KIND]));
	}
	if (d->cfg.municipality != NULL && same_city(e.f[SD_EF_CITY], d->cfg.municipality)) {
		m->score += 1;
		sd_buf_addf(&b, "%s", b.len ? "; " : "");
		sd_buf_addf(&b, _("based in %s"), e.f[SD_EF_CITY]);
	}
	if ((awards = past_awards(t, c->id, o->id)) > 0) {
		m->score += awards > 3 ? 3 : (int)awards;
		sd_buf_addf(&b, "%s", b.len ? "; " : "");
		sd_buf_addf(&b, ngettext("%zu past award", "%zu past awards", awards), awards);
	}
	m->name = sd_xstrdup(e.f[SD_EF_NAME] ? e.f[SD_EF_NAME] : "?");
	m->number = e.f[SD_EF_NUMBER] ? sd_xstrdup(e.f[SD_EF_NUMBER]) : NULL;
	m->reasons = sd_buf_take(&b);
	sd_enterprise_free(&e);
	return true;
}

static void
table_free(struct table *tb)
{
	for (size_t i = 0; i < tb->cap; i++) {
		free(tb->c[i].nace_reason);
		sd_buf_free(&tb->c[i].offers);
	}
	free(tb->c);
}

sd_status
sd_opp_match(struct sd_desk *d, const char *ref, size_t limit, struct sd_opp_matches *out,
    struct sd_error *err)
{
	struct sd_txn t;
	struct sd_opportunity o;
	struct sd_opp_lot *lots = NULL;
	size_t nlots = 0;
	struct table tb = { 0 };
	struct word_scan ws;
	bool some_reserved = false;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	if ((s = opp_resolve_visible(&t, d, ref, &o, err)) != SD_OK) {
		sd_txn_abort(&t);
		return s;
	}
	if ((s = opp_lots_load(&t, o.id, &lots, &nlots, err)) != SD_OK)
		goto out;
	for (size_t i = 0; i < nlots; i++)
		some_reserved |= lots[i].reserved != 0;
	tb.cap = 1024;
	tb.c = sd_xcalloc(tb.cap, sizeof *tb.c);
	for (int round = 0; round < 8; round++) {
		/* Grown and run again when it filled: the scans are cheap next to loading. */
		if ((s = scan_nace(&t, o.nace, &tb, err)) != SD_OK)
			goto out;
		ws = (struct word_scan){ &t, &tb, err };
		if ((s = each_word(o.needs, scan_word, &ws)) != SD_OK)
			goto out;
		if (!tb.full || tb.cap >= 4 * CAND_MAX)
			break;
		table_free(&tb);
		tb.cap *= 4;
		tb.n = 0;
		tb.full = false;
		tb.c = sd_xcalloc(tb.cap, sizeof *tb.c);
	}
	out->candidates = tb.n;
	out->items = sd_xcalloc(tb.n + 1, sizeof *out->items);
	for (size_t i = 0; i < tb.cap; i++) {
		if (!tb.c[i].used)
			continue;
		if (judge(&t, d, &o, some_reserved, &tb.c[i], &out->items[out->n]))
			out->n++;
	}
	if (out->n > 1)
		qsort(out->items, out->n, sizeof *out->items, by_fit);
	while (out->n > limit) {
		struct sd_opp_match *m = &out->items[--out->n];
		free(m->name);
		free(m->number);
		free(m->reasons);
	}
out:
	table_free(&tb);
	opp_lots_free(lots, nlots);
	sd_opportunity_free(&o);
	sd_txn_abort(&t);
	if (s != SD_OK)
		sd_opp_matches_free(out);
	return s;
}

void
sd_opp_matches_free(struct sd_opp_matches *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->items[i].name);
		free(m->items[i].number);
		free(m->items[i].reasons);
	}
	free(m->items);
	memset(m, 0, sizeof *m);
}
