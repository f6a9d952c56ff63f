/*
 * Case and route records, their keys and their index entries.
 */
#include <stddef.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "sedesk/i18n.h"
#include "keys.h"
#include "record.h"
#include "report_agg.h"
#include "timeline.h"

enum {
	CT_ID = 1, CT_VERSION, CT_ENTERPRISE, CT_SUBJECT, CT_DESCRIPTION, CT_CATEGORY,
	CT_OWNER, CT_RESOLUTION, CT_CHANNEL, CT_PRIORITY, CT_STATUS, CT_CREATED,
	CT_UPDATED, CT_CLOSED, CT_DUE, CT_SATISFACTION, CT_OWN_VIEW,
	CT_WAIT_UNTIL, CT_FOLLOW_UP, CT_MOMENT,
	CT_EVENT = 40,
	/* Privacy (privacy_walk.c, privacy_retention.c): a block of its own. */
	CT_ERASED = 60,
};
enum {
	RT_DEPT = 1, RT_STATE, RT_OFFICER, RT_DUE, RT_ANSWER, RT_ROUTED, RT_PICKED,
	RT_FINISHED, RT_ROUND, RT_REMINDED,
};

/* The tables read enums as int. */
_Static_assert(sizeof(enum sd_channel) == sizeof(int), "enum size");
_Static_assert(sizeof(enum sd_case_status) == sizeof(int), "enum size");
_Static_assert(sizeof(sd_day) == sizeof(int32_t), "sd_day size");

static const char *
channel_name(int v)
{
	return sd_channel_name((enum sd_channel)v);
}

static const char *
priority_name(int v)
{
	return sd_priority_name((enum sd_priority)v);
}

static const char *
status_name(int v)
{
	return sd_case_status_name((enum sd_case_status)v);
}

static const char *
state_name(int v)
{
	return sd_route_state_name((enum sd_route_state)v);
}

#define C(m)	offsetof(struct sd_case, m)
#define ROW(tag, name, label, kind, flags, max, off) \
	{ { name, label, kind, (flags), (max) }, tag, off, 0, NULL, NULL }
#define CHOICE(tag, name, label, flags, count, off, fn) \
	{ { name, label, SD_FK_CHOICE, (flags), (count) }, tag, off, 0, fn, NULL }

/*
 * A case's fields in tag order.  The status must be there for the record
 * to be read; a case closed or rated has those fields, others do not.
 */
static const struct sd_field_def case_fields[] = {
	ROW(CT_ID, "id", N_("id"), SD_FK_ID, 0, 16, C(id)),
	ROW(CT_VERSION, "version", N_("version"), SD_FK_COUNT, 0, 0, C(version)),
	/* Journaled: `case edit --enterprise` links a case (mailgate's unknown sender's). */
	ROW(CT_ENTERPRISE, "enterprise", N_("enterprise"), SD_FK_ID, SD_FF_JOURNAL, 16,
	    C(enterprise)),
	ROW(CT_SUBJECT, "subject", N_("subject"), SD_FK_TEXT,
	    SD_FF_EDIT | SD_FF_JOURNAL | SD_FF_SEARCH | SD_FF_NONEMPTY | SD_FF_PERSONAL, 200,
	    C(subject)),
	ROW(CT_DESCRIPTION, "description", N_("description"), SD_FK_TEXT,
	    SD_FF_EDIT | SD_FF_JOURNAL | SD_FF_SEARCH | SD_FF_PERSONAL | SD_FF_MULTILINE, 20000,
	    C(description)),
	/* One of the configured categories; the configuration bounds it. */
	ROW(CT_CATEGORY, "category", N_("category"), SD_FK_TEXT, SD_FF_EDIT | SD_FF_JOURNAL, 0,
	    C(category)),
	ROW(CT_OWNER, "owner", N_("owner"), SD_FK_TEXT,
	    SD_FF_EDIT | SD_FF_JOURNAL | SD_FF_PERSONAL, 0, C(owner)),
	ROW(CT_RESOLUTION, "resolution", N_("resolution"), SD_FK_TEXT,
	    SD_FF_SEARCH | SD_FF_PERSONAL | SD_FF_MULTILINE, 20000, C(resolution)),
	CHOICE(CT_CHANNEL, "channel", N_("channel"), SD_FF_EDIT | SD_FF_JOURNAL, SD_CHANNEL_COUNT,
	    C(channel), channel_name),
	CHOICE(CT_PRIORITY, "priority", N_("priority"), SD_FF_EDIT | SD_FF_JOURNAL,
	    SD_PRIORITY_COUNT, C(priority), priority_name),
	CHOICE(CT_STATUS, "status", N_("status"), SD_FF_REQUIRED, SD_CASE_STATUS_COUNT,
	    C(status), status_name),
	ROW(CT_CREATED, "created", N_("created"), SD_FK_TIME, 0, 0, C(created)),
	ROW(CT_UPDATED, "updated", N_("updated"), SD_FK_TIME, 0, 0, C(updated)),
	ROW(CT_CLOSED, "closed", N_("closed"), SD_FK_TIME, SD_FF_OMIT_ZERO, 0, C(closed)),
	/* Follows the category: journaled when an edit moves it. */
	ROW(CT_DUE, "due", N_("due"), SD_FK_DAY, SD_FF_JOURNAL, 0, C(due)),
	ROW(CT_SATISFACTION, "satisfaction", N_("satisfaction"), SD_FK_SMALL, SD_FF_OMIT_ZERO, 5,
	    C(satisfaction)),
	/* The contact point's own view of the same case; older records lack it (not given). */
	ROW(CT_OWN_VIEW, "own_view", N_("own view"), SD_FK_SMALL, SD_FF_OMIT_ZERO, 5, C(own_view)),
	/* A waiting case comes back to the inbox on this day; absent: no day set. */
	ROW(CT_WAIT_UNTIL, "wait_until", N_("waiting until"), SD_FK_DAY,
	    SD_FF_JOURNAL | SD_FF_OMIT_ZERO, 0, C(wait_until)),
	/* "Call back on …": the case comes to its owner's inbox on this day. */
	ROW(CT_FOLLOW_UP, "follow_up", N_("follow-up"), SD_FK_DAY,
	    SD_FF_JOURNAL | SD_FF_OMIT_ZERO, 0, C(follow_up)),
	/* The contact moment the case was made from or linked to (its uuid); absent: none. */
	ROW(CT_MOMENT, "moment", N_("contact moment"), SD_FK_TEXT, SD_FF_JOURNAL, 0, C(moment)),
	/* A follow-up of an event: the event's uuid (absent: none). */
	ROW(CT_EVENT, "event", N_("event"), SD_FK_ID, SD_FF_OMIT_ZERO, 16, C(event)),
	/* When its personal data was erased, by an erasure or by retention (absent: never). */
	ROW(CT_ERASED, "erased", N_("personal data erased"), SD_FK_TIME, SD_FF_OMIT_ZERO, 0,
	    C(erased)),
};
#undef C

const struct sd_record_def sd_case_record =
    SD_RECORD_DEF(SD_REC_CASE, case_fields, struct sd_case);

#define R(m)	offsetof(struct sd_route, m)
/* A route's fields in tag order; without department and state it cannot be read. */
static const struct sd_field_def route_fields[] = {
	ROW(RT_DEPT, "department", N_("department"), SD_FK_TEXT, SD_FF_REQUIRED, 0, R(dept)),
	CHOICE(RT_STATE, "status", N_("status"), SD_FF_REQUIRED, SD_ROUTE_STATE_COUNT, R(state),
	    state_name),
	ROW(RT_OFFICER, "officer", N_("officer"), SD_FK_TEXT, SD_FF_PERSONAL, 0, R(officer)),
	ROW(RT_DUE, "due", N_("due"), SD_FK_DAY, 0, 0, R(due)),
	ROW(RT_ANSWER, "answer", N_("answer"), SD_FK_TEXT,
	    SD_FF_PERSONAL | SD_FF_MULTILINE, 20000, R(answer)),
	ROW(RT_ROUTED, "routed", N_("routed"), SD_FK_TIME, 0, 0, R(routed)),
	ROW(RT_PICKED, "picked_up", N_("picked up"), SD_FK_TIME, SD_FF_OMIT_ZERO, 0, R(picked_up)),
	ROW(RT_FINISHED, "finished", N_("finished"), SD_FK_TIME, SD_FF_OMIT_ZERO, 0, R(finished)),
	ROW(RT_ROUND, "round", N_("round"), SD_FK_COUNT, 0, 0, R(round)),
	/* The last reminder to the department; older records lack it (none). */
	ROW(RT_REMINDED, "reminded", N_("reminded"), SD_FK_TIME, SD_FF_OMIT_ZERO, 0, R(reminded)),
};
#undef R
#undef ROW
#undef CHOICE

const struct sd_record_def sd_route_record =
    SD_RECORD_DEF(SD_REC_ROUTE, route_fields, struct sd_route);

/* --- keys and numbers ------------------------------------------------------------ */

void
sd_case_key_pack(struct sd_case_key k, uint8_t out[SD_CASE_KEY_LEN])
{
	out[0] = k.year >> 8;
	out[1] = k.year;
	out[2] = k.seq >> 24;
	out[3] = k.seq >> 16;
	out[4] = k.seq >> 8;
	out[5] = k.seq;
}

struct sd_case_key
sd_case_key_unpack(const uint8_t in[SD_CASE_KEY_LEN])
{
	struct sd_case_key k;

	k.year = (uint16_t)(in[0] << 8 | in[1]);
	k.seq = sd_be32(in + 2);
	return k;
}

void
sd_case_number_format(struct sd_case_key k, char out[SD_CASE_NUMBER_MAX])
{
	snprintf(out, SD_CASE_NUMBER_MAX, "%04u-%05lu", (unsigned)k.year, (unsigned long)k.seq);
}

bool
sd_case_number_parse(const char *s, struct sd_case_key *out)
{
	unsigned year;
	unsigned long seq;
	int n = 0;

	if (sscanf(s, "%4u-%8lu%n", &year, &seq, &n) != 2 || s[n] != '\0' ||
	    strlen(s) < 7 || s[4] != '-' || year < 1000 || seq == 0)
		return false;
	for (const char *p = s; *p; p++)
		if ((*p < '0' || *p > '9') && p != s + 4)
			return false;
	out->year = (uint16_t)year;
	out->seq = (uint32_t)seq;
	return true;
}

/* --- records --------------------------------------------------------------------- */

void
sd_case_free(struct sd_case *c)
{
	sd_rec_free(&sd_case_record, c);
}

void
sd_route_free(struct sd_route *r)
{
	sd_rec_free(&sd_route_record, r);
}

void
routes_free(struct sd_route *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sd_route_free(&r[i]);
	free(r);
}

static bool
case_decode(const MDB_val *v, struct sd_case *c)
{
	return sd_rec_decode(&sd_case_record, v->mv_data, v->mv_size, c);
}

bool
route_decode(const MDB_val *v, struct sd_route *r)
{
	return sd_rec_decode(&sd_route_record, v->mv_data, v->mv_size, r);
}

bool
route_decode_as(const MDB_val *v, struct sd_route *r, bool full)
{
	if (!route_decode(v, r)) {
		sd_route_free(r);
		return false;
	}
	if (!full) {
		/* Lists show department and state only. */
		free(r->officer);
		free(r->answer);
		r->officer = r->answer = NULL;
	}
	return true;
}

/* --- loading ------------------------------------------------------------------- */

sd_status
case_from_record(sd_status s, struct sd_case_key key, const MDB_val *v, struct sd_case *out,
    struct sd_error *err)
{
	char num[SD_CASE_NUMBER_MAX];

	if (s != SD_OK && s != SD_NOTFOUND)
		return s;
	if (s == SD_OK && case_decode(v, out)) {
		out->key = key;
		return SD_OK;
	}
	sd_case_number_format(key, num);
	if (s == SD_NOTFOUND)
		return sd_fail(err, SD_NOTFOUND, _("no case %s."), num);
	sd_case_free(out);
	return sd_fail(err, SD_FAIL, _("case %s cannot be read; run `sedesk check`."), num);
}

sd_status
case_load(struct sd_txn *t, struct sd_case_key key, struct sd_case *out, struct sd_error *err)
{
	uint8_t k[SD_CASE_KEY_LEN];
	MDB_val v;

	sd_case_key_pack(key, k);
	return case_from_record(sd_db_get(t, SD_DB_CASE, k, sizeof k, &v, _("case"), err), key,
	    &v, out, err);
}

sd_status
case_resolve(struct sd_txn *t, const char *number, struct sd_case *out, struct sd_error *err)
{
	struct sd_case_key key;

	if (number == NULL || !sd_case_number_parse(number, &key))
		return sd_fail(err, SD_INVALID,
		    _("%s is not a case number; case numbers look like 2026-00042."),
		    number ? number : "");
	return case_load(t, key, out, err);
}

bool
ent_visible(struct sd_txn *t, const struct sd_desk *d, const uint8_t id[SD_UUID_LEN])
{
	struct sd_iter it;
	bool ok = false;

	if (sd_sees_all_cases(d))
		return true;
	/* Otherwise the caller sees the enterprises of the cases they see. */
	sd_iter_start(&it, t, SD_DB_CASE_BY_ENT, id, SD_UUID_LEN, false, NULL, 0);
	while (!ok && sd_iter_next(&it)) {
		struct sd_route *routes;
		size_t n;
		if (it.key.mv_size != SD_UUID_LEN + SD_CASE_KEY_LEN)
			continue;
		if (routes_load(t, sd_case_key_unpack((const uint8_t *)it.key.mv_data + SD_UUID_LEN),
		    false, &routes, &n, NULL) != SD_OK)
			continue;
		ok = sd_sees_case(d, routes, n);
		routes_free(routes, n);
	}
	sd_iter_end(&it);
	/* Or the enterprise of a contact moment or an event they see. */
	return ok || timeline_visible(t, d, id);
}

sd_status
ent_resolve_visible(struct sd_txn *t, const struct sd_desk *d, const char *ref,
    uint8_t id[SD_UUID_LEN], struct sd_error *err)
{
	sd_status s;

	if ((s = ent_resolve(t, ref, id, err)) != SD_OK)
		return s;
	if (!ent_visible(t, d, id))
		/* The words of ent_resolve for an unknown one: nothing leaks. */
		return sd_fail(err, SD_NOTFOUND,
		    _("no enterprise %s; give its id or its KBO/KvK number (see `sedesk "
		    "enterprise list`)."), ref);
	return SD_OK;
}

sd_status
case_resolve_visible(struct sd_txn *t, const struct sd_desk *d, const char *number,
    struct sd_case *out, struct sd_error *err)
{
	struct sd_route *routes;
	size_t n;
	sd_status s;
	bool ok;

	if ((s = case_resolve(t, number, out, err)) != SD_OK)
		return s;
	if ((s = routes_load(t, out->key, false, &routes, &n, err)) != SD_OK) {
		sd_case_free(out);
		return s;
	}
	ok = sd_sees_case(d, routes, n);
	routes_free(routes, n);
	if (!ok) {
		sd_case_free(out);
		/* The same answer as for a number that does not exist: nothing leaks. */
		return sd_fail(err, SD_NOTFOUND, _("no case %s."), number);
	}
	return SD_OK;
}

bool
case_is_running(enum sd_case_status s)
{
	return s != SD_CASE_CLOSED && s != SD_CASE_WAITING;
}

sd_status
routes_load(struct sd_txn *t, struct sd_case_key key, bool full, struct sd_route **out,
    size_t *n, struct sd_error *err)
{
	uint8_t k[SD_CASE_KEY_LEN];
	struct sd_route *list = NULL;
	size_t count = 0, cap = 0;
	struct sd_iter it;
	sd_status s = SD_OK;

	sd_case_key_pack(key, k);
	sd_iter_start(&it, t, SD_DB_ROUTE, k, sizeof k, false, NULL, 0);
	while (sd_iter_next(&it)) {
		if (count == cap) {
			cap = cap ? cap * 2 : 4;
			list = sd_xrealloc(list, cap * sizeof *list);
		}
		if (!route_decode_as(&it.val, &list[count], full)) {
			s = sd_fail(err, SD_FAIL, _("a route record cannot be read; run `sedesk check`."));
			break;
		}
		count++;
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("route"), err);
	sd_iter_end(&it);
	if (s != SD_OK) {
		routes_free(list, count);
		return s;
	}
	*out = list;
	*n = count;
	return SD_OK;
}

/* --- saving and indexes -------------------------------------------------------- */

sd_status
case_day_index(struct sd_txn *t, const struct sd_case *c, bool put, struct sd_error *err)
{
	uint8_t k[SD_FOLLOWUP_KEY_LEN];
	sd_status s = SD_OK;

	/* A closed case does not come back; a follow-up day comes back on reopening. */
	if (c->follow_up != SD_NO_DAY && c->status != SD_CASE_CLOSED) {
		day_index_key(k, SD_DAYS_FOLLOWUP, c->follow_up, c->key);
		s = put ? sd_db_put_flag(t, SD_DB_CASE_BY_DAY, k, sizeof k, _("case"), err) :
		    sd_db_del(t, SD_DB_CASE_BY_DAY, k, sizeof k, _("case"), err);
	}
	if (s == SD_OK && c->wait_until != SD_NO_DAY && c->status == SD_CASE_WAITING) {
		day_index_key(k, SD_DAYS_WAIT, c->wait_until, c->key);
		s = put ? sd_db_put_flag(t, SD_DB_CASE_BY_DAY, k, sizeof k, _("case"), err) :
		    sd_db_del(t, SD_DB_CASE_BY_DAY, k, sizeof k, _("case"), err);
	}
	return s;
}

/*
 * agg: also the reports' figures.  A save moves them in one step with the
 * new record's put (report_agg_case takes the indexed record's share away
 * itself), so what did not change is not written twice.
 */
static sd_status
case_index_agg(struct sd_txn *t, const struct sd_case *c, bool put, bool agg,
    struct sd_error *err)
{
	uint8_t ck[SD_CASE_KEY_LEN];
	struct sd_key k;
	sd_status s;

#define PUT_OR_DEL(db) (put ? sd_db_put_flag(t, (db), k.b, k.len, _("case"), err) : \
	sd_db_del(t, (db), k.b, k.len, _("case"), err))
	sd_case_key_pack(c->key, ck);
	sd_key_reset(&k);
	sd_key_u8(&k, (uint8_t)c->status);
	sd_key_bytes(&k, ck, sizeof ck);
	if ((s = PUT_OR_DEL(SD_DB_CASE_BY_STATUS)) != SD_OK)
		return s;
	sd_key_reset(&k);
	sd_key_bytes(&k, c->enterprise, SD_UUID_LEN);
	sd_key_bytes(&k, ck, sizeof ck);
	if ((s = PUT_OR_DEL(SD_DB_CASE_BY_ENT)) != SD_OK)
		return s;
	if ((s = case_day_index(t, c, put, err)) != SD_OK)
		return s;
	/* A case is a contact with its enterprise, on the day it was opened. */
	if ((s = timeline_index(t, c->enterprise, c->created, TL_CASE, ck, sizeof ck, TL_CONTACT,
	    put, err)) != SD_OK)
		return s;
	if (c->owner != NULL) {
		sd_key_reset(&k);
		sd_key_str(&k, c->owner);
		sd_key_bytes(&k, ck, sizeof ck);
		if ((s = PUT_OR_DEL(SD_DB_CASE_BY_OWNER)) != SD_OK)
			return s;
	}
	if (case_is_running(c->status) && c->due != SD_NO_DAY) {
		sd_key_reset(&k);
		sd_key_i32(&k, c->due);
		sd_key_bytes(&k, ck, sizeof ck);
		if ((s = PUT_OR_DEL(SD_DB_CASE_OPEN_BY_DUE)) != SD_OK)
			return s;
		/* And by priority first: the contact point's overdue list (case_list.c). */
		case_prio_key(&k, ck, c->priority, c->due);
		if ((s = PUT_OR_DEL(SD_DB_CASE_OPEN_BY_PRIO)) != SD_OK)
			return s;
	}
#undef PUT_OR_DEL
	/* The reports' figures (report_agg.c). */
	if (agg && (s = report_agg_case(t, c, put, err)) != SD_OK)
		return s;
	return put ? sd_db_put(t, SD_DB_CASE_BY_UUID, c->id, SD_UUID_LEN, ck, sizeof ck,
	    _("case"), err) : sd_db_del(t, SD_DB_CASE_BY_UUID, c->id, SD_UUID_LEN, _("case"), err);
}

sd_status
case_index(struct sd_txn *t, const struct sd_case *c, bool put, struct sd_error *err)
{
	return case_index_agg(t, c, put, true, err);
}

static sd_status routes_reprioritise(struct sd_txn *t, const struct sd_case *c,
    struct sd_error *err);

/* The last guard before the record: its year is a case number's year. */
static sd_status
case_guard(const struct sd_case *c, struct sd_error *err)
{
	if (c->key.year < SD_YEAR_MIN || c->key.year > SD_YEAR_MAX ||
	    !sd_time_in_range(c->created) || !sd_time_in_range(c->updated))
		return sd_fail(err, SD_INVALID,
		    _("the clock is outside the years %d to %d that sedesk keeps; nothing was "
		    "changed."), SD_YEAR_MIN, SD_YEAR_MAX);
	if (c->due != SD_NO_DAY && !sd_day_in_range(c->due))
		return sd_fail(err, SD_INVALID,
		    _("the case would be due after %d-12-31, the last day sedesk keeps; "
		    "nothing was changed."), SD_YEAR_MAX);
	return SD_OK;
}

sd_status
case_save(struct sd_txn *t, const struct sd_case *old, const struct sd_case *c,
    struct sd_error *err)
{
	uint8_t ck[SD_CASE_KEY_LEN];
	struct sd_buf rec = { 0 };
	sd_status s;

	if ((s = case_guard(c, err)) != SD_OK)
		return s;
	if (old != NULL)
		s = case_index_agg(t, old, false, false, err);
	if (s == SD_OK)
		s = case_index(t, c, true, err);
	/* The due index files open routes under their case's priority. */
	if (s == SD_OK && (old == NULL || old->priority != c->priority))
		s = routes_reprioritise(t, c, err);
	if (s == SD_OK) {
		sd_case_key_pack(c->key, ck);
		sd_rec_encode(&rec, &sd_case_record, c);
		/* A new case never replaces one: its number comes from a sequence. */
		s = old == NULL ?
		    sd_db_put_new(t, SD_DB_CASE, ck, sizeof ck, rec.data, rec.len, _("case"), err) :
		    sd_db_put(t, SD_DB_CASE, ck, sizeof ck, rec.data, rec.len, _("case"), err);
		sd_buf_free(&rec);
	}
	return s;
}

static void
route_index_key(struct sd_key *k, struct sd_case_key key, const struct sd_route *r)
{
	uint8_t ck[SD_CASE_KEY_LEN];

	sd_case_key_pack(key, ck);
	sd_key_reset(k);
	sd_key_str(k, r->dept);
	sd_key_u8(k, (uint8_t)r->state);
	sd_key_bytes(k, ck, sizeof ck);
}

/* The priority field of a stored case, without decoding the rest. */
int
case_peek_priority(const MDB_val *v)
{
	static const struct sd_field_def *f;
	struct sd_rec_reader r;
	const uint8_t *p;
	uint64_t u;
	uint8_t tag;
	size_t n;

	if (f == NULL)
		f = sd_rec_field(&sd_case_record, "priority");
	if (!sd_rec_open(&r, v->mv_data, v->mv_size, sd_case_record.type))
		return SD_PRIORITY_NORMAL;
	while (sd_rec_next(&r, &tag, &p, &n))
		if (tag == f->tag && sd_rec_as_u64(p, n, &u) && u < SD_PRIORITY_COUNT)
			return (int)u;
	return SD_PRIORITY_NORMAL;
}

/* A priority in the due index: the most urgent first; none counts as normal. */
uint8_t
route_due_priority_byte(int p)
{
	if (p <= SD_PRIORITY_NONE || p >= SD_PRIORITY_COUNT)
		p = SD_PRIORITY_NORMAL;
	return (uint8_t)(SD_PRIORITY_COUNT - 1 - p);
}

/* The priority of the case as stored in t (normal when it is not there). */
static int
stored_priority(struct sd_txn *t, struct sd_case_key key)
{
	uint8_t ck[SD_CASE_KEY_LEN];
	MDB_val v;

	sd_case_key_pack(key, ck);
	if (sd_db_get(t, SD_DB_CASE, ck, sizeof ck, &v, NULL, NULL) != SD_OK)
		return SD_PRIORITY_NORMAL;
	return case_peek_priority(&v);
}

void
case_prio_key(struct sd_key *k, const uint8_t ck[SD_CASE_KEY_LEN], int priority, sd_day due)
{
	sd_key_reset(k);
	sd_key_u8(k, route_due_priority_byte(priority));
	sd_key_i32(k, due);
	sd_key_bytes(k, ck, SD_CASE_KEY_LEN);
}

int
case_prio_fill(MDB_txn *txn, struct sd_store *st)
{
	struct sd_txn t = { .st = st, .txn = txn, .write = true };
	struct sd_iter it;
	struct sd_error err;
	sd_status s = SD_OK;

	/* The due index holds exactly the running cases with a due day: its key is due(4) ck(6). */
	sd_iter_start(&it, &t, SD_DB_CASE_OPEN_BY_DUE, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		const uint8_t *p = it.key.mv_data;
		struct sd_key k;

		if (it.key.mv_size != 4 + SD_CASE_KEY_LEN)
			continue;
		case_prio_key(&k, p + 4, stored_priority(&t, sd_case_key_unpack(p + 4)),
		    sd_key_get_i32(p));
		s = sd_db_put_flag(&t, SD_DB_CASE_OPEN_BY_PRIO, k.b, k.len, "case", &err);
	}
	if (s == SD_OK && it.rc != 0)
		s = SD_FAIL;
	sd_iter_end(&it);
	return s == SD_OK ? 0 : st->map_full ? MDB_MAP_FULL : EIO;
}

/*
 * An open route in its department's inbox order: by its case's priority,
 * then by due day, and on one day the newest case first (the case key
 * inverted), so that the first keys of a department, state and priority
 * are the ones its inbox shows first (case_list.c inbox_officer).
 */
void
route_due_key(struct sd_key *k, struct sd_case_key key, const struct sd_route *r, int priority)
{
	uint8_t ck[SD_CASE_KEY_LEN];

	sd_case_key_pack(key, ck);
	for (size_t i = 0; i < sizeof ck; i++)
		ck[i] = (uint8_t)~ck[i];
	sd_key_reset(k);
	sd_key_str(k, r->dept);
	sd_key_u8(k, (uint8_t)r->state);
	sd_key_u8(k, route_due_priority_byte(priority));
	sd_key_i32(k, r->due);
	sd_key_bytes(k, ck, sizeof ck);
}

/*
 * A case whose priority changes moves its open routes in the due index,
 * from the priority it had (stored in t: routes saved earlier in the same
 * step were filed under it) to the new one.
 */
static sd_status
routes_reprioritise(struct sd_txn *t, const struct sd_case *c, struct sd_error *err)
{
	int was = stored_priority(t, c->key);
	struct sd_route *rs;
	struct sd_key k;
	size_t n;
	sd_status s;

	if (route_due_priority_byte(was) == route_due_priority_byte(c->priority))
		return SD_OK;
	if ((s = routes_load(t, c->key, false, &rs, &n, err)) != SD_OK)
		return s;
	for (size_t i = 0; i < n && s == SD_OK; i++) {
		if (!route_is_open(rs[i].state))
			continue;
		route_due_key(&k, c->key, &rs[i], was);
		s = sd_db_del(t, SD_DB_ROUTE_OPEN_BY_DUE, k.b, k.len, _("route"), err);
		route_due_key(&k, c->key, &rs[i], c->priority);
		if (s == SD_OK)
			s = sd_db_put_flag(t, SD_DB_ROUTE_OPEN_BY_DUE, k.b, k.len, _("route"), err);
	}
	routes_free(rs, n);
	return s;
}

/*
 * agg: also the reports' figures (as case_index_agg).  priority: the
 * case's, or -1 to read it from the stored case.
 */
static sd_status
route_index_prio(struct sd_txn *t, struct sd_case_key key, const struct sd_route *r, bool put,
    bool agg, int priority, struct sd_error *err)
{
	struct sd_key k;
	sd_status s;

	route_index_key(&k, key, r);
	s = put ? sd_db_put_flag(t, SD_DB_ROUTE_BY_DEPT, k.b, k.len, _("route"), err) :
	    sd_db_del(t, SD_DB_ROUTE_BY_DEPT, k.b, k.len, _("route"), err);
	if (s == SD_OK && route_is_open(r->state)) {
		route_due_key(&k, key, r, priority >= 0 ? priority : stored_priority(t, key));
		s = put ? sd_db_put_flag(t, SD_DB_ROUTE_OPEN_BY_DUE, k.b, k.len, _("route"), err) :
		    sd_db_del(t, SD_DB_ROUTE_OPEN_BY_DUE, k.b, k.len, _("route"), err);
	}
	/* The reports' figures (report_agg.c). */
	return s == SD_OK && agg ? report_agg_route(t, key, r, put, err) : s;
}

static sd_status
route_index_agg(struct sd_txn *t, struct sd_case_key key, const struct sd_route *r, bool put,
    bool agg, struct sd_error *err)
{
	return route_index_prio(t, key, r, put, agg, -1, err);
}

sd_status
route_index(struct sd_txn *t, struct sd_case_key key, const struct sd_route *r, bool put,
    struct sd_error *err)
{
	return route_index_agg(t, key, r, put, true, err);
}

int
route_due_fill(MDB_txn *txn, struct sd_store *st)
{
	struct sd_txn t = { .st = st, .txn = txn, .write = true };
	struct sd_iter it;
	struct sd_error err;
	sd_status s = SD_OK;

	sd_iter_start(&it, &t, SD_DB_ROUTE, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_route r;
		struct sd_key k;

		/* An unreadable route is left to `check`, which rebuilds the index. */
		if (it.key.mv_size <= SD_CASE_KEY_LEN)
			continue;
		if (!route_decode(&it.val, &r)) {
			/* route_decode may have read some fields before it failed. */
			sd_route_free(&r);
			continue;
		}
		if (route_is_open(r.state)) {
			struct sd_case_key key = sd_case_key_unpack(it.key.mv_data);
			route_due_key(&k, key, &r, stored_priority(&t, key));
			s = sd_db_put_flag(&t, SD_DB_ROUTE_OPEN_BY_DUE, k.b, k.len, "route", &err);
		}
		sd_route_free(&r);
	}
	if (s == SD_OK && it.rc != 0)
		s = SD_FAIL;
	sd_iter_end(&it);
	return s == SD_OK ? 0 : MDB_PANIC;
}

static sd_status
route_guard(const struct sd_route *r, struct sd_error *err)
{
	if (r->due != SD_NO_DAY && !sd_day_in_range(r->due))
		return sd_fail(err, SD_INVALID,
		    _("the route would be due after %d-12-31, the last day sedesk keeps; "
		    "nothing was changed."), SD_YEAR_MAX);
	return SD_OK;
}

/* The route's record (rec: a buffer to encode it in). */
static sd_status
route_put(struct sd_txn *t, struct sd_case_key key, const struct sd_route *r,
    struct sd_buf *rec, struct sd_error *err)
{
	uint8_t ck[SD_CASE_KEY_LEN];
	struct sd_key k;

	sd_case_key_pack(key, ck);
	sd_key_reset(&k);
	sd_key_bytes(&k, ck, sizeof ck);
	sd_key_bytes(&k, r->dept, strlen(r->dept));
	sd_rec_encode(rec, &sd_route_record, r);
	return sd_db_put(t, SD_DB_ROUTE, k.b, k.len, rec->data, rec->len, _("route"), err);
}

sd_status
route_save(struct sd_txn *t, struct sd_case_key key, const struct sd_route *old,
    const struct sd_route *r, struct sd_error *err)
{
	struct sd_buf rec = { 0 };
	sd_status s;

	if ((s = route_guard(r, err)) != SD_OK)
		return s;
	if (old != NULL)
		s = route_index_agg(t, key, old, false, false, err);
	if (s == SD_OK)
		s = route_index(t, key, r, true, err);
	if (s == SD_OK)
		s = route_put(t, key, r, &rec, err);
	sd_buf_free(&rec);
	return s;
}

/*
 * What case_save(NULL, c) and route_save(NULL, r) for each route write,
 * in one step: the index entries, the records and the reports' facts,
 * with the reports' counts added once for the whole case instead of
 * taken away and added back at every route (report_agg_case_new), the
 * due index filed under the priority known here instead of read back,
 * and no reprioritising (a new case has no routes stored before).
 * check rebuilds all of it from the records (test_case_import_speed).
 */
sd_status
case_add(struct sd_txn *t, const struct sd_case *c, const struct sd_route *r, size_t n,
    struct sd_error *err)
{
	uint8_t ck[SD_CASE_KEY_LEN];
	struct sd_buf rec = { 0 };
	sd_status s;

	if ((s = case_guard(c, err)) != SD_OK)
		return s;
	for (size_t i = 0; i < n; i++)
		if ((s = route_guard(&r[i], err)) != SD_OK)
			return s;
	s = case_index_agg(t, c, true, false, err);
	if (s == SD_OK) {
		sd_case_key_pack(c->key, ck);
		sd_rec_encode(&rec, &sd_case_record, c);
		/* A new case never replaces one: its number comes from a sequence. */
		s = sd_db_put_new(t, SD_DB_CASE, ck, sizeof ck, rec.data, rec.len, _("case"), err);
	}
	for (size_t i = 0; s == SD_OK && i < n; i++) {
		s = route_index_prio(t, c->key, &r[i], true, false, c->priority, err);
		if (s == SD_OK)
			s = route_put(t, c->key, &r[i], &rec, err);
	}
	if (s == SD_OK)
		s = report_agg_case_new(t, c, r, n, err);
	sd_buf_free(&rec);
	return s;
}

void
sd_case_view_free(struct sd_case_view *v)
{
	sd_case_free(&v->c);
	sd_enterprise_free(&v->ent);
	routes_free(v->routes, v->nroutes);
	sd_journal_entries_free(v->journal, v->njournal);
	memset(v, 0, sizeof *v);
}

sd_status
sd_case_get(struct sd_desk *d, const char *number, struct sd_case_view *out,
    struct sd_error *err)
{
	return sd_case_get_page(d, number, SIZE_MAX, out, err);
}

sd_status
sd_case_journal_more(struct sd_desk *d, struct sd_case_view *v, size_t limit,
    struct sd_error *err)
{
	uint8_t ck[SD_CASE_KEY_LEN];
	char num[SD_CASE_NUMBER_MAX];
	struct sd_journal_entry *page;
	struct sd_case c;
	struct sd_txn t;
	size_t n;
	sd_status s;

	sd_case_number_format(v->c.key, num);
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	if ((s = case_resolve_visible(&t, d, num, &c, err)) != SD_OK) {
		sd_txn_abort(&t);
		return s;
	}
	sd_case_free(&c);
	sd_case_key_pack(v->c.key, ck);
	s = sd_journal_read_page(&t, SD_SUBJECT_CASE, ck, sizeof ck,
	    v->njournal > 0 ? v->journal[v->njournal - 1].seq : 0, limit, &page, &n,
	    &v->journal_more, err);
	sd_txn_abort(&t);
	if (s != SD_OK)
		return s;
	if (n > 0) {
		v->journal = sd_xrealloc(v->journal, (v->njournal + n) * sizeof *v->journal);
		memcpy(v->journal + v->njournal, page, n * sizeof *page);
		v->njournal += n;
	}
	free(page);
	return SD_OK;
}

sd_status
sd_case_get_page(struct sd_desk *d, const char *number, size_t journal_limit,
    struct sd_case_view *out, struct sd_error *err)
{
	uint8_t ck[SD_CASE_KEY_LEN];
	struct sd_txn t;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	if ((s = case_resolve_visible(&t, d, number, &out->c, err)) != SD_OK)
		goto out;
	if ((s = ent_load(&t, out->c.enterprise, &out->ent, err)) != SD_OK)
		goto out;
	if ((s = routes_load(&t, out->c.key, true, &out->routes, &out->nroutes, err)) != SD_OK)
		goto out;
	sd_case_key_pack(out->c.key, ck);
	s = sd_journal_read_page(&t, SD_SUBJECT_CASE, ck, sizeof ck, 0, journal_limit,
	    &out->journal, &out->njournal, &out->journal_more, err);
out:
	sd_txn_abort(&t);
	if (s != SD_OK)
		sd_case_view_free(out);
	return s;
}
