/*
 * The reports' aggregates: what a case with its routes counts, kept by
 * the index functions of cases and routes (see report_agg.h).
 */
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "keys.h"
#include "report_agg.h"

/* What the counts read of a case: kept in SD_DB_REPORT_CASE. */
struct agg_case {
	sd_day	 created, closed, due;
	uint8_t	 status, channel, sat, own;
	char	 cat[SD_KEY_STR_MAX + 1];
};

/* What they read of a route: kept in SD_DB_REPORT_ROUTE. */
struct agg_route {
	char	 dept[SD_KEY_STR_MAX + 1];
	uint8_t	 state;
	uint32_t round;
	int64_t	 routed, picked, finished;
	sd_day	 due;
	char	 reason[AGG_REASON_MAX + 1];
};

#define CASE_FACTS_LEN	16
#define ROUTE_FACTS_LEN	33

/* --- facts ------------------------------------------------------------------ */

static void
cut_copy(char *dst, size_t max, const char *src, size_t n)
{
	if (n > max)
		n = max;
	/* Never half a UTF-8 character. */
	while (n > 0 && n < strlen(src) && ((unsigned char)src[n] & 0xC0) == 0x80)
		n--;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void
case_facts(const struct sd_case *c, struct agg_case *a)
{
	memset(a, 0, sizeof *a);
	a->created = sd_day_from_time(c->created);
	a->closed = c->status == SD_CASE_CLOSED && c->closed != 0 ?
	    sd_day_from_time(c->closed) : SD_NO_DAY;
	a->due = c->due;
	a->status = (uint8_t)c->status;
	a->channel = (uint8_t)c->channel;
	a->sat = (uint8_t)(c->satisfaction >= 0 && c->satisfaction <= 5 ? c->satisfaction : 0);
	a->own = (uint8_t)(c->own_view >= 0 && c->own_view <= 5 ? c->own_view : 0);
	if (c->category != NULL)
		cut_copy(a->cat, SD_KEY_STR_MAX, c->category, strlen(c->category));
}

/* The reason's first line without the white space around it, cut. */
static void
reason_copy(char *dst, const char *s)
{
	const char *end;

	dst[0] = '\0';
	if (s == NULL)
		return;
	while (*s == ' ' || *s == '\t')
		s++;
	end = s;
	while (*end != '\0' && *end != '\n' && *end != '\r')
		end++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	cut_copy(dst, AGG_REASON_MAX, s, (size_t)(end - s));
}

static void
route_facts(const struct sd_route *r, struct agg_route *a)
{
	memset(a, 0, sizeof *a);
	cut_copy(a->dept, SD_KEY_STR_MAX, r->dept, strlen(r->dept));
	a->state = (uint8_t)r->state;
	a->round = r->round;
	a->routed = r->routed;
	a->picked = r->picked_up;
	a->finished = r->finished;
	a->due = r->due;
	if (r->state == SD_ROUTE_DECLINED)
		reason_copy(a->reason, r->answer);
}

static void
put32(uint8_t *p, int32_t v)
{
	memcpy(p, &v, 4);
}

static int32_t
get32(const uint8_t *p)
{
	int32_t v;

	memcpy(&v, p, 4);
	return v;
}

static void
case_facts_encode(const struct agg_case *a, struct sd_buf *b)
{
	uint8_t h[CASE_FACTS_LEN];

	put32(h, a->created);
	put32(h + 4, a->closed);
	put32(h + 8, a->due);
	h[12] = a->status;
	h[13] = a->channel;
	h[14] = a->sat;
	h[15] = a->own;
	sd_buf_add(b, h, sizeof h);
	sd_buf_add(b, a->cat, strlen(a->cat));
}

static bool
case_facts_decode(const MDB_val *v, struct agg_case *a)
{
	const uint8_t *p = v->mv_data;

	if (v->mv_size < CASE_FACTS_LEN || v->mv_size - CASE_FACTS_LEN > SD_KEY_STR_MAX)
		return false;
	a->created = get32(p);
	a->closed = get32(p + 4);
	a->due = get32(p + 8);
	a->status = p[12];
	a->channel = p[13];
	a->sat = p[14];
	a->own = p[15];
	memcpy(a->cat, p + CASE_FACTS_LEN, v->mv_size - CASE_FACTS_LEN);
	a->cat[v->mv_size - CASE_FACTS_LEN] = '\0';
	return true;
}

static void
route_facts_encode(const struct agg_route *a, struct sd_buf *b)
{
	uint8_t h[ROUTE_FACTS_LEN];

	h[0] = a->state;
	memcpy(h + 1, &a->round, 4);
	memcpy(h + 5, &a->routed, 8);
	memcpy(h + 13, &a->picked, 8);
	memcpy(h + 21, &a->finished, 8);
	put32(h + 29, a->due);
	sd_buf_add(b, h, sizeof h);
	sd_buf_add(b, a->reason, strlen(a->reason));
}

static bool
route_facts_decode(const MDB_val *k, const MDB_val *v, struct agg_route *a)
{
	const uint8_t *p = v->mv_data;
	size_t dl = k->mv_size - SD_CASE_KEY_LEN;

	if (k->mv_size <= SD_CASE_KEY_LEN || dl > SD_KEY_STR_MAX ||
	    v->mv_size < ROUTE_FACTS_LEN || v->mv_size - ROUTE_FACTS_LEN > AGG_REASON_MAX)
		return false;
	memcpy(a->dept, (const uint8_t *)k->mv_data + SD_CASE_KEY_LEN, dl);
	a->dept[dl] = '\0';
	a->state = p[0];
	memcpy(&a->round, p + 1, 4);
	memcpy(&a->routed, p + 5, 8);
	memcpy(&a->picked, p + 13, 8);
	memcpy(&a->finished, p + 21, 8);
	a->due = get32(p + 29);
	memcpy(a->reason, p + ROUTE_FACTS_LEN, v->mv_size - ROUTE_FACTS_LEN);
	a->reason[v->mv_size - ROUTE_FACTS_LEN] = '\0';
	return true;
}

/* --- what a case counts -------------------------------------------------------- */

typedef void (*emit_fn)(void *ctx, const struct sd_key *k, int64_t n);

static void
agg_key(struct sd_key *k, enum agg_kind kind, sd_day day, const char *dept, const char *cat)
{
	sd_key_reset(k);
	sd_key_u8(k, (uint8_t)kind);
	sd_key_i32(k, day);
	sd_key_str(k, dept);
	sd_key_str(k, cat);
}

static int
days_between(int64_t from, int64_t to)
{
	int d = (int)(sd_day_from_time(to) - sd_day_from_time(from));

	/* A clock set back must not make a negative duration. */
	return d < 0 ? 0 : d > 65535 ? 65535 : d;
}

static void
emit_days(emit_fn emit, void *ctx, enum agg_kind kind, int64_t at, const char *dept,
    const char *cat, int days, int64_t n)
{
	struct sd_key k;
	uint8_t b[2] = { (uint8_t)(days >> 8), (uint8_t)days };

	agg_key(&k, kind, sd_day_from_time(at), dept, cat);
	sd_key_bytes(&k, b, 2);
	emit(ctx, &k, n);
}

/*
 * The counts of case c (NULL: not indexed, and then its routes count
 * nothing) with its routes, each times sign.
 */
static void
contribute(const struct agg_case *c, const struct agg_route *r, size_t n, int sign,
    emit_fn emit, void *ctx)
{
	struct sd_key k;
	int64_t handoffs = 0;

	if (c == NULL)
		return;
	agg_key(&k, AGG_OPENED, c->created, "", c->cat);
	sd_key_u8(&k, c->channel);
	emit(ctx, &k, sign);
	if (c->closed != SD_NO_DAY) {
		agg_key(&k, AGG_CLOSED, c->closed, "", c->cat);
		sd_key_u8(&k, c->sat);
		sd_key_u8(&k, c->own);
		emit(ctx, &k, sign);
	}
	if (c->status != SD_CASE_CLOSED) {
		agg_key(&k, AGG_OPEN, c->created, "", c->cat);
		sd_key_u8(&k, c->status);
		emit(ctx, &k, sign);
	}
	if (c->status != SD_CASE_CLOSED && c->status != SD_CASE_WAITING && c->due != SD_NO_DAY) {
		agg_key(&k, AGG_CASE_DUE, c->due, "", c->cat);
		emit(ctx, &k, sign);
	}
	/* Once for the case, and once under each department it touched (a filter). */
	for (size_t i = 0; i <= n; i++) {
		agg_key(&k, AGG_TOUCHED, c->created, i == 0 ? "" : r[i - 1].dept, c->cat);
		sd_key_u8(&k, (uint8_t)(n > 255 ? 255 : n));
		emit(ctx, &k, sign);
	}
	for (size_t i = 0; i < n; i++) {
		const struct agg_route *a = &r[i];

		/* Hand-offs: each new round, and a decline another department followed. */
		if (a->round > 1)
			handoffs += a->round - 1;
		if (a->state == SD_ROUTE_DECLINED && a->finished != 0) {
			for (size_t j = 0; j < n; j++) {
				if (j != i && r[j].routed > a->finished) {
					handoffs++;
					break;
				}
			}
		}
		for (size_t j = i + 1; j < n; j++) {
			bool lt = strcmp(a->dept, r[j].dept) < 0;
			agg_key(&k, AGG_PAIR, c->created, "", c->cat);
			sd_key_str(&k, lt ? a->dept : r[j].dept);
			sd_key_str(&k, lt ? r[j].dept : a->dept);
			emit(ctx, &k, sign);
		}
		if (a->routed != 0) {
			agg_key(&k, AGG_RECEIVED, sd_day_from_time(a->routed), a->dept, c->cat);
			emit(ctx, &k, sign);
			if (a->round > 1) {
				agg_key(&k, AGG_REROUTED, sd_day_from_time(a->routed), a->dept, c->cat);
				emit(ctx, &k, sign * (int64_t)(a->round - 1));
			}
		}
		if (a->picked != 0)
			emit_days(emit, ctx, AGG_PICKED, a->picked, a->dept, c->cat,
			    days_between(a->routed, a->picked), sign);
		if (a->state == SD_ROUTE_ANSWERED && a->finished != 0)
			emit_days(emit, ctx, AGG_ANSWERED, a->finished, a->dept, c->cat,
			    days_between(a->routed, a->finished), sign);
		if (a->state == SD_ROUTE_DECLINED && a->finished != 0) {
			agg_key(&k, AGG_DECLINED, sd_day_from_time(a->finished), a->dept, c->cat);
			sd_key_bytes(&k, a->reason, strlen(a->reason));
			emit(ctx, &k, sign);
		}
		if (a->state == SD_ROUTE_WITHDRAWN && a->finished != 0) {
			agg_key(&k, AGG_WITHDRAWN, sd_day_from_time(a->finished), a->dept, c->cat);
			emit(ctx, &k, sign);
		}
		if (route_is_open(a->state) && a->due != SD_NO_DAY) {
			agg_key(&k, AGG_ROUTE_OPEN, a->due, a->dept, c->cat);
			sd_key_u8(&k, a->state);
			emit(ctx, &k, sign);
		}
	}
	for (size_t i = 0; handoffs > 0 && i <= n; i++) {
		agg_key(&k, AGG_HANDOFF, c->created, i == 0 ? "" : r[i - 1].dept, c->cat);
		emit(ctx, &k, sign * handoffs);
	}
}

/* --- differences ------------------------------------------------------------------ */

/*
 * One list's array kept for the next: every case, route and contact
 * makes a list of differences (32 at first, 17 KB), and a fresh
 * allocation that size each time made malloc consolidate its free
 * lists every time.  A list freed elsewhere with free() is simply not
 * kept.
 */
static _Thread_local struct delta *spare;
static _Thread_local size_t spare_cap;

static void
deltas_release(struct deltas *dl)
{
	if (spare == NULL && dl->v != NULL) {
		spare = dl->v;
		spare_cap = dl->cap;
	} else
		free(dl->v);
	memset(dl, 0, sizeof *dl);
}

static void
delta_add(void *ctx, const struct sd_key *k, int64_t n)
{
	struct deltas *dl = ctx;

	if (dl->v == NULL && spare != NULL) {
		dl->v = spare;
		dl->cap = spare_cap;
		dl->n = 0;
		spare = NULL;
	}
	if (dl->n == dl->cap) {
		dl->cap = dl->cap ? dl->cap * 2 : 32;
		dl->v = sd_xrealloc(dl->v, dl->cap * sizeof *dl->v);
	}
	/* The key's bytes only: a struct sd_key is 519 bytes, a count's key some 30. */
	memcpy(dl->v[dl->n].k.b, k->b, k->len);
	dl->v[dl->n].k.len = k->len;
	dl->v[dl->n].n = n;
	dl->n++;
}

static int
key_cmp(const struct sd_key *a, const struct sd_key *b)
{
	int c = memcmp(a->b, b->b, a->len < b->len ? a->len : b->len);

	return c != 0 ? c : (a->len > b->len) - (a->len < b->len);
}

static int
delta_cmp(const void *a, const void *b)
{
	return key_cmp(&((const struct delta *)a)->k, &((const struct delta *)b)->k);
}

/* Writes the sums of the differences that do not cancel out into table db. */
static sd_status
deltas_apply_db(struct sd_txn *t, enum sd_dbi db, struct deltas *dl, struct sd_error *err)
{
	sd_status s = SD_OK;

	if (dl->n > 1)
		qsort(dl->v, dl->n, sizeof *dl->v, delta_cmp);
	for (size_t i = 0; s == SD_OK && i < dl->n;) {
		int64_t sum = 0, cur = 0;
		size_t j = i;
		MDB_val v;

		while (j < dl->n && key_cmp(&dl->v[i].k, &dl->v[j].k) == 0)
			sum += dl->v[j++].n;
		/* A bulk chunk sums them and writes them at its end (report_agg_batch.c). */
		if (sum != 0 && t->write && t->st->agg != NULL)
			agg_batch_add(t->st->agg, db, &dl->v[i].k, sum);
		else if (sum != 0) {
			s = sd_db_get(t, db, dl->v[i].k.b, dl->v[i].k.len, &v,
			    _("report figures"), err);
			if (s == SD_OK && v.mv_size == sizeof cur)
				memcpy(&cur, v.mv_data, sizeof cur);
			if (s == SD_OK || s == SD_NOTFOUND) {
				cur += sum;
				/* A count that reaches zero leaves no key behind, as a rebuild would. */
				s = cur == 0 ? sd_db_del(t, db, dl->v[i].k.b,
				    dl->v[i].k.len, _("report figures"), err) :
				    sd_db_put(t, db, dl->v[i].k.b, dl->v[i].k.len, &cur,
				    sizeof cur, _("report figures"), err);
			}
		}
		i = j;
	}
	deltas_release(dl);
	return s;
}

void
agg_delta_add(struct deltas *dl, const struct sd_key *k, int64_t n)
{
	delta_add(dl, k, n);
}

sd_status
agg_deltas_apply_daily(struct sd_txn *t, struct deltas *dl, struct sd_error *err)
{
	return deltas_apply_db(t, SD_DB_REPORT_AGG, dl, err);
}

/*
 * The daily counts' differences, and the same summed by month into the
 * monthly table (report_agg_month.c): both move in the same step, so the
 * monthly figures are always the daily ones summed.
 */
/*
 * One daily difference into a bulk chunk's sums; its months (as
 * deltas_apply adds them) are summed from the daily sums at the flush
 * (report_agg_batch.c): a third of the hash work per difference.
 */
static void
batch_add(struct agg_batch *ab, const struct sd_key *k, int64_t n)
{
	agg_batch_add_daily(ab, k, n);
}

sd_status
deltas_apply(struct sd_txn *t, struct deltas *dl, struct sd_error *err)
{
	struct deltas ml = { 0 };
	struct sd_key mk;
	sd_status s;

	/*
	 * A bulk chunk: the differences go to its sums as they are (the
	 * sums per key are the chunk's; no sort per call), each key with
	 * the same companions as below.
	 */
	if (t->write && t->st->agg != NULL) {
		for (size_t i = 0; i < dl->n; i++) {
			if (dl->v[i].n == 0)
				continue;
			batch_add(t->st->agg, &dl->v[i].k, dl->v[i].n);
			if (agg_day_all(&dl->v[i].k, &mk))
				batch_add(t->st->agg, &mk, dl->v[i].n);
		}
		deltas_release(dl);
		return SD_OK;
	}

	/* A duration's daily count of all categories too (a holiday split reads it). */
	for (size_t i = 0, n = dl->n; i < n; i++)
		if (agg_day_all(&dl->v[i].k, &mk))
			delta_add(dl, &mk, dl->v[i].n);
	for (size_t i = 0; i < dl->n; i++) {
		if (!agg_month_key(&dl->v[i].k, &mk))
			continue;
		delta_add(&ml, &mk, dl->v[i].n);
		/* And summed over the categories, for a report of them all. */
		if (agg_month_all(&mk))
			delta_add(&ml, &mk, dl->v[i].n);
	}
	s = deltas_apply_db(t, SD_DB_REPORT_AGG, dl, err);
	if (s == SD_OK)
		s = deltas_apply_db(t, SD_DB_REPORT_MONTH, &ml, err);
	deltas_release(&ml);
	return s;
}

/*
 * The monthly table from the daily one, for a database that had the daily
 * counts before the monthly table existed (report_agg_month.c): each
 * daily count added to its month as the index functions add it, one kind
 * and month at a time (the daily keys are in that order).
 */
sd_status
agg_month_fill(struct sd_txn *t, struct sd_error *err)
{
	struct deltas ml = { 0 };
	MDB_cursor *cur;
	MDB_val k, v;
	struct sd_key dk, mk, last = { .len = 0 };
	sd_status s = SD_OK;
	int rc;

	if ((rc = mdb_cursor_open(t->txn, t->st->dbi[SD_DB_REPORT_AGG], &cur)) != 0)
		return sd_txn_error(t, rc, _("report figures"), err);
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); s == SD_OK && rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		int64_t n = 0;

		if (k.mv_size > sizeof dk.b || v.mv_size != sizeof n)
			continue;
		memcpy(dk.b, k.mv_data, k.mv_size);
		dk.len = k.mv_size;
		memcpy(&n, v.mv_data, sizeof n);
		if (!agg_month_key(&dk, &mk))
			continue;
		/* A new kind or month: the one before is whole. */
		if (last.len > 0 && memcmp(last.b, mk.b, 5) != 0)
			s = deltas_apply_db(t, SD_DB_REPORT_MONTH, &ml, err);
		memcpy(last.b, mk.b, 5);
		last.len = 5;
		delta_add(&ml, &mk, n);
		if (agg_month_all(&mk))
			delta_add(&ml, &mk, n);
	}
	mdb_cursor_close(cur);
	if (s == SD_OK && rc != 0 && rc != MDB_NOTFOUND)
		s = sd_txn_error(t, rc, _("report figures"), err);
	if (s == SD_OK)
		s = deltas_apply_db(t, SD_DB_REPORT_MONTH, &ml, err);
	deltas_release(&ml);
	return s;
}

static void
contact_delta(struct deltas *dl, const uint8_t ent[SD_UUID_LEN], int64_t when, int kind,
    bool put)
{
	struct sd_key k;

	agg_key(&k, AGG_CONTACT, sd_day_from_time(when), "", "");
	sd_key_u8(&k, (uint8_t)kind);
	sd_key_bytes(&k, ent, SD_UUID_LEN);
	delta_add(dl, &k, put ? 1 : -1);
}

sd_status
report_agg_contact(struct sd_txn *t, const uint8_t ent[SD_UUID_LEN], int64_t when, int kind,
    bool put, struct sd_error *err)
{
	struct deltas dl = { 0 };
	sd_status s;

	contact_delta(&dl, ent, when, kind, put);
	/* The links between the enterprise's contact days (report_agg_reach.c). */
	if ((s = agg_reach_update(t, ent, sd_day_from_time(when), kind, put, &dl, err)) != SD_OK) {
		deltas_release(&dl);
		return s;
	}
	return deltas_apply(t, &dl, err);
}

sd_status
report_agg_contact_count(struct sd_txn *t, const uint8_t ent[SD_UUID_LEN], int64_t when,
    int kind, bool put, struct sd_error *err)
{
	struct deltas dl = { 0 };

	contact_delta(&dl, ent, when, kind, put);
	return deltas_apply(t, &dl, err);
}

/* --- the indexed facts of one case ------------------------------------------------- */

struct facts {
	struct agg_case	 c;
	bool		 have_case;
	struct agg_route *r;
	size_t		 n;
};

static sd_status
facts_load(struct sd_txn *t, const uint8_t ck[SD_CASE_KEY_LEN], struct facts *f,
    struct sd_error *err)
{
	struct sd_iter it;
	MDB_val v;
	sd_status s;

	memset(f, 0, sizeof *f);
	s = sd_db_get(t, SD_DB_REPORT_CASE, ck, SD_CASE_KEY_LEN, &v, _("report figures"), err);
	if (s == SD_OK)
		f->have_case = case_facts_decode(&v, &f->c);
	else if (s != SD_NOTFOUND)
		return s;
	sd_iter_start(&it, t, SD_DB_REPORT_ROUTE, ck, SD_CASE_KEY_LEN, false, NULL, 0);
	while (sd_iter_next(&it)) {
		f->r = sd_xrealloc(f->r, (f->n + 1) * sizeof *f->r);
		if (route_facts_decode(&it.key, &it.val, &f->r[f->n]))
			f->n++;
	}
	s = sd_iter_status(&it, _("report figures"), err);
	sd_iter_end(&it);
	return s;
}

sd_status
report_agg_case(struct sd_txn *t, const struct sd_case *c, bool put, struct sd_error *err)
{
	uint8_t ck[SD_CASE_KEY_LEN];
	struct deltas dl = { 0 };
	struct facts f;
	struct agg_case a;
	struct sd_buf b = { 0 };
	sd_status s;

	sd_case_key_pack(c->key, ck);
	if ((s = facts_load(t, ck, &f, err)) != SD_OK)
		goto out;
	contribute(f.have_case ? &f.c : NULL, f.r, f.n, -1, delta_add, &dl);
	case_facts(c, &a);
	if (put) {
		contribute(&a, f.r, f.n, 1, delta_add, &dl);
		case_facts_encode(&a, &b);
		s = sd_db_put(t, SD_DB_REPORT_CASE, ck, sizeof ck, b.data, b.len,
		    _("report figures"), err);
	} else
		s = sd_db_del(t, SD_DB_REPORT_CASE, ck, sizeof ck, _("report figures"), err);
	if (s == SD_OK)
		s = deltas_apply(t, &dl, err);
out:
	deltas_release(&dl);
	free(f.r);
	sd_buf_free(&b);
	return s;
}

sd_status
report_agg_route(struct sd_txn *t, struct sd_case_key key, const struct sd_route *r, bool put,
    struct sd_error *err)
{
	uint8_t ck[SD_CASE_KEY_LEN];
	struct deltas dl = { 0 };
	struct facts f;
	struct agg_route a;
	struct sd_buf b = { 0 };
	struct sd_key k;
	size_t i;
	sd_status s;

	sd_case_key_pack(key, ck);
	if ((s = facts_load(t, ck, &f, err)) != SD_OK)
		goto out;
	route_facts(r, &a);
	contribute(f.have_case ? &f.c : NULL, f.r, f.n, -1, delta_add, &dl);
	/* The route's own facts in the case's list: replaced, added or taken out. */
	for (i = 0; i < f.n && strcmp(f.r[i].dept, a.dept) != 0; i++)
		;
	if (put) {
		if (i == f.n)
			f.r = sd_xrealloc(f.r, ++f.n * sizeof *f.r);
		f.r[i] = a;
	} else if (i < f.n)
		f.r[i] = f.r[--f.n];
	contribute(f.have_case ? &f.c : NULL, f.r, f.n, 1, delta_add, &dl);
	sd_key_reset(&k);
	sd_key_bytes(&k, ck, sizeof ck);
	sd_key_bytes(&k, a.dept, strlen(a.dept));
	if (put) {
		route_facts_encode(&a, &b);
		s = sd_db_put(t, SD_DB_REPORT_ROUTE, k.b, k.len, b.data, b.len,
		    _("report figures"), err);
	} else
		s = sd_db_del(t, SD_DB_REPORT_ROUTE, k.b, k.len, _("report figures"), err);
	if (s == SD_OK)
		s = deltas_apply(t, &dl, err);
out:
	deltas_release(&dl);
	free(f.r);
	sd_buf_free(&b);
	return s;
}

/*
 * Saved one by one, a new case's share is taken away and added back at
 * every route (the case alone, then with one route, then with two): its
 * facts read back and some fifty differences each time.  Here the facts
 * are written and the whole share added once; the sums are the same
 * (check rebuilds them: test_case_import_speed).
 */
sd_status
report_agg_case_new(struct sd_txn *t, const struct sd_case *c, const struct sd_route *routes,
    size_t n, struct sd_error *err)
{
	uint8_t ck[SD_CASE_KEY_LEN];
	struct deltas dl = { 0 };
	struct agg_case a;
	struct agg_route *r = sd_xcalloc(n > 0 ? n : 1, sizeof *r);
	struct sd_buf b = { 0 };
	struct sd_key k;
	size_t m = 0;
	sd_status s;

	sd_case_key_pack(c->key, ck);
	case_facts(c, &a);
	case_facts_encode(&a, &b);
	s = sd_db_put(t, SD_DB_REPORT_CASE, ck, sizeof ck, b.data, b.len, _("report figures"),
	    err);
	for (size_t i = 0; s == SD_OK && i < n; i++) {
		struct agg_route ra;
		size_t j;

		route_facts(&routes[i], &ra);
		/* A department's second route replaces its first, as its key does. */
		for (j = 0; j < m && strcmp(r[j].dept, ra.dept) != 0; j++)
			;
		r[j] = ra;
		if (j == m)
			m++;
		sd_key_reset(&k);
		sd_key_bytes(&k, ck, sizeof ck);
		sd_key_bytes(&k, ra.dept, strlen(ra.dept));
		sd_buf_reset(&b);
		route_facts_encode(&ra, &b);
		s = sd_db_put(t, SD_DB_REPORT_ROUTE, k.b, k.len, b.data, b.len,
		    _("report figures"), err);
	}
	if (s == SD_OK) {
		contribute(&a, r, m, 1, delta_add, &dl);
		s = deltas_apply(t, &dl, err);
	}
	deltas_release(&dl);
	free(r);
	sd_buf_free(&b);
	return s;
}

/* --- reading ------------------------------------------------------------------------ */

static bool
entry_decode(const void *key, size_t len, int64_t n, struct agg_entry *e)
{
	const uint8_t *p = key, *end = p + len, *z;

	/* A monthly count of all categories has AGG_ALL_CATS in its kind (report_agg_month.c). */
	if (len < 7 || (p[0] & ~AGG_ALL_CATS) == 0 || (p[0] & ~AGG_ALL_CATS) >= AGG_KIND_MAX)
		return false;
	e->kind = p[0] & ~AGG_ALL_CATS;
	e->day = sd_key_get_i32(p + 1);
	p += 5;
	if ((z = memchr(p, 0, (size_t)(end - p))) == NULL)
		return false;
	e->dept = (const char *)p;
	p = z + 1;
	if ((z = memchr(p, 0, (size_t)(end - p))) == NULL)
		return false;
	e->cat = (const char *)p;
	e->extra = z + 1;
	e->nextra = (size_t)(end - e->extra);
	e->n = n;
	return true;
}

sd_status
agg_walk(struct sd_txn *t, enum agg_kind kind, sd_day from, sd_day to, agg_fn fn, void *arg,
    struct sd_error *err)
{
	return agg_walk_db(t, SD_DB_REPORT_AGG, kind, from, to, fn, arg, err);
}

sd_status
agg_walk_db(struct sd_txn *t, enum sd_dbi db, enum agg_kind kind, sd_day from, sd_day to,
    agg_fn fn, void *arg, struct sd_error *err)
{
	MDB_cursor *cur;
	MDB_val k, v;
	struct sd_key start;
	int rc;

	sd_key_reset(&start);
	sd_key_u8(&start, (uint8_t)kind);
	sd_key_i32(&start, from == SD_NO_DAY ? INT32_MIN : from);
	if ((rc = mdb_cursor_open(t->txn, t->st->dbi[db], &cur)) != 0)
		return sd_txn_error(t, rc, _("report figures"), err);
	k.mv_data = start.b;
	k.mv_size = start.len;
	for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0;
	    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		struct agg_entry e;
		int64_t n = 0;

		t->st->reads++;
		if (k.mv_size < 1 || ((const uint8_t *)k.mv_data)[0] != kind)
			break;
		if (v.mv_size == sizeof n)
			memcpy(&n, v.mv_data, sizeof n);
		if (!entry_decode(k.mv_data, k.mv_size, n, &e))
			continue;
		if (to != SD_NO_DAY && e.day > to)
			break;
		if (!fn(arg, &e))
			break;
	}
	mdb_cursor_close(cur);
	if (rc != 0 && rc != MDB_NOTFOUND)
		return sd_txn_error(t, rc, _("report figures"), err);
	return SD_OK;
}

struct listing {
	agg_fn	 fn;
	void	*arg;
};

static void
emit_entry(void *ctx, const struct sd_key *k, int64_t n)
{
	struct listing *l = ctx;
	struct agg_entry e;

	if (entry_decode(k->b, k->len, n, &e))
		l->fn(l->arg, &e);
}

sd_status
agg_case_counts(struct sd_txn *t, const uint8_t ck[SD_CASE_KEY_LEN], agg_fn fn, void *arg,
    struct sd_error *err)
{
	struct listing l = { fn, arg };
	struct facts f;
	sd_status s;

	if ((s = facts_load(t, ck, &f, err)) == SD_OK)
		contribute(f.have_case ? &f.c : NULL, f.r, f.n, 1, emit_entry, &l);
	free(f.r);
	return s;
}

/* Monday–Friday from day 0 (a Thursday, 1970-01-01) up to and including d - 1. */
static int64_t
weekdays_before(sd_day d)
{
	/* 1970-01-01 is weekday 3 (Monday 0); count from the Monday before it. */
	int64_t x = (int64_t)d + 3, w = x >= 0 ? x / 7 : (x - 6) / 7, r = x - w * 7;

	return w * 5 + (r < 5 ? r : 5);
}

int
agg_workdays_between(sd_day a, sd_day b, const sd_day *holidays, size_t nholidays)
{
	int64_t n;
	const sd_day *lo, *p;

	if (b <= a)
		return 0;
	n = weekdays_before(b + 1) - weekdays_before(a + 1);
	if (nholidays == 0)
		return (int)n;
	/* Holidays after a up to b that fall on a weekday. */
	lo = holidays;
	{
		size_t l = 0, h = nholidays;
		while (l < h) {
			size_t m = (l + h) / 2;
			if (holidays[m] <= a)
				l = m + 1;
			else
				h = m;
		}
		lo = holidays + l;
	}
	for (p = lo; p < holidays + nholidays && *p <= b; p++)
		if (sd_day_weekday(*p) < 5 && (p == lo || p[-1] != *p))
			n--;
	return (int)n;
}
