/*
 * Event and attendance records: their field tables, names, times, keys
 * and index entries (see sedesk/event.h).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event_internal.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "keys.h"
#include "record.h"
#include "timeline.h"

enum {
	VT_ID = 1, VT_VERSION, VT_TITLE, VT_KIND, VT_START, VT_END, VT_PLACE, VT_DEPTS,
	VT_CAPACITY, VT_DESCRIPTION, VT_PLATFORM, VT_CREATED, VT_UPDATED, VT_ORGANISER,
};
enum {
	AT_EVENT = 1, AT_ENTERPRISE, AT_STATE, AT_PEOPLE, AT_INVITED, AT_REGISTERED, AT_ATTENDED,
};

_Static_assert(sizeof(enum sd_event_kind) == sizeof(int), "enum size");
_Static_assert(sizeof(enum sd_attend_state) == sizeof(int), "enum size");

/* --- names ------------------------------------------------------------------------ */

static const char *const kind_names[SD_EVENT_KIND_COUNT] = {
	NULL, "workshop", "acquaintance", "network", "info", "pitch-day", "platform",
};
static const char *const kind_labels[SD_EVENT_KIND_COUNT] = {
	NULL, N_("workshop"), N_("acquaintance day"), N_("network meeting"),
	N_("information session"), N_("pitch day"), N_("platform"),
};
static const char *const state_names[SD_ATTEND_STATE_COUNT] = {
	NULL, "invited", "registered", "attended", "member",
};
static const char *const state_labels[SD_ATTEND_STATE_COUNT] = {
	NULL, N_("invited"), N_("registered"), N_("attended"), N_("member"),
};

const char *
sd_event_kind_name(enum sd_event_kind k)
{
	return k > 0 && k < SD_EVENT_KIND_COUNT ? kind_names[k] : NULL;
}

const char *
sd_event_kind_label(enum sd_event_kind k)
{
	return k > 0 && k < SD_EVENT_KIND_COUNT ? _(kind_labels[k]) : "?";
}

enum sd_event_kind
sd_event_kind_parse(const char *s)
{
	for (int i = 1; s != NULL && i < SD_EVENT_KIND_COUNT; i++)
		if (strcmp(s, kind_names[i]) == 0)
			return (enum sd_event_kind)i;
	return SD_EVENT_NONE;
}

const char *
sd_attend_state_name(enum sd_attend_state s)
{
	return s > 0 && s < SD_ATTEND_STATE_COUNT ? state_names[s] : NULL;
}

const char *
sd_attend_state_label(enum sd_attend_state s)
{
	return s > 0 && s < SD_ATTEND_STATE_COUNT ? _(state_labels[s]) : "?";
}

static const char *
kind_name(int v)
{
	return sd_event_kind_name((enum sd_event_kind)v);
}

static const char *
state_name(int v)
{
	return sd_attend_state_name((enum sd_attend_state)v);
}

/* --- field tables ----------------------------------------------------------------- */

#define ROW(tag, name, label, kind, flags, max, off) \
	{ { name, label, kind, (flags), (max) }, tag, off, 0, NULL, NULL }
#define CHOICE(tag, name, label, flags, count, off, fn) \
	{ { name, label, SD_FK_CHOICE, (flags), (count) }, tag, off, 0, fn, NULL }

#define V(m)	offsetof(struct sd_event, m)
/*
 * An event's fields in tag order.  Times are floating local time (see
 * sedesk/event.h); the title and the kind must be there to read it.
 */
static const struct sd_field_def event_fields[] = {
	ROW(VT_ID, "id", N_("id"), SD_FK_ID, SD_FF_SUMMARY, 16, V(id)),
	ROW(VT_VERSION, "version", N_("version"), SD_FK_COUNT, 0, 0, V(version)),
	ROW(VT_TITLE, "title", N_("title"), SD_FK_TEXT,
	    SD_FF_EDIT | SD_FF_JOURNAL | SD_FF_SEARCH | SD_FF_NONEMPTY | SD_FF_REQUIRED |
	    SD_FF_SUMMARY, 200, V(title)),
	CHOICE(VT_KIND, "kind", N_("kind"), SD_FF_EDIT | SD_FF_JOURNAL | SD_FF_REQUIRED |
	    SD_FF_SUMMARY, SD_EVENT_KIND_COUNT, V(kind), kind_name),
	ROW(VT_START, "start", N_("start"), SD_FK_TIME, SD_FF_EDIT | SD_FF_JOURNAL | SD_FF_SUMMARY,
	    0, V(start)),
	ROW(VT_END, "end", N_("end"), SD_FK_TIME, SD_FF_EDIT | SD_FF_JOURNAL | SD_FF_OMIT_ZERO, 0,
	    V(end)),
	ROW(VT_PLACE, "place", N_("place"), SD_FK_TEXT,
	    SD_FF_EDIT | SD_FF_JOURNAL | SD_FF_SEARCH | SD_FF_SUMMARY, 200, V(place)),
	ROW(VT_DEPTS, "departments", N_("departments"), SD_FK_LIST, SD_FF_EDIT | SD_FF_JOURNAL,
	    1000, V(depts)),
	ROW(VT_CAPACITY, "capacity", N_("capacity"), SD_FK_COUNT,
	    SD_FF_EDIT | SD_FF_JOURNAL | SD_FF_OMIT_ZERO, 0, V(capacity)),
	ROW(VT_DESCRIPTION, "description", N_("description"), SD_FK_TEXT,
	    SD_FF_EDIT | SD_FF_JOURNAL | SD_FF_SEARCH | SD_FF_MULTILINE, 20000, V(description)),
	ROW(VT_PLATFORM, "platform", N_("platform"), SD_FK_ID, SD_FF_OMIT_ZERO, 16, V(platform)),
	ROW(VT_CREATED, "created", N_("created"), SD_FK_TIME, 0, 0, V(created)),
	ROW(VT_UPDATED, "updated", N_("updated"), SD_FK_TIME, 0, 0, V(updated)),
	ROW(VT_ORGANISER, "organiser", N_("organiser"), SD_FK_TEXT, SD_FF_PERSONAL, 0,
	    V(organiser)),
};
#undef V

const struct sd_record_def sd_event_record =
    SD_RECORD_DEF(SD_REC_EVENT, event_fields, struct sd_event);

#define A(m)	offsetof(struct sd_attendance, m)
/* An attendance's fields in tag order; without its state it cannot be read. */
static const struct sd_field_def attend_fields[] = {
	ROW(AT_EVENT, "event", N_("event"), SD_FK_ID, 0, 16, A(event)),
	ROW(AT_ENTERPRISE, "enterprise", N_("enterprise"), SD_FK_ID, 0, 16, A(enterprise)),
	CHOICE(AT_STATE, "state", N_("state"), SD_FF_REQUIRED, SD_ATTEND_STATE_COUNT, A(state),
	    state_name),
	ROW(AT_PEOPLE, "people", N_("people"), SD_FK_COUNT, SD_FF_OMIT_ZERO, 0, A(people)),
	ROW(AT_INVITED, "invited", N_("invited"), SD_FK_TIME, SD_FF_OMIT_ZERO, 0, A(invited)),
	ROW(AT_REGISTERED, "registered", N_("registered"), SD_FK_TIME, SD_FF_OMIT_ZERO, 0,
	    A(registered)),
	ROW(AT_ATTENDED, "attended", N_("attended"), SD_FK_TIME, SD_FF_OMIT_ZERO, 0, A(attended)),
};
#undef A
#undef ROW
#undef CHOICE

const struct sd_record_def sd_attendance_record =
    SD_RECORD_DEF(SD_REC_ATTENDANCE, attend_fields, struct sd_attendance);

void
sd_event_free(struct sd_event *e)
{
	sd_rec_free(&sd_event_record, e);
}

void
sd_event_copy(struct sd_event *dst, const struct sd_event *src)
{
	sd_rec_copy(&sd_event_record, dst, src);
}

bool
sd_event_has_platform(const struct sd_event *e)
{
	static const uint8_t zero[SD_UUID_LEN];

	return memcmp(e->platform, zero, SD_UUID_LEN) != 0;
}

/* --- times ------------------------------------------------------------------------ */

bool
sd_event_time_parse(const char *s, int64_t *out)
{
	char day[11];
	unsigned hh, mm;
	int n = 0;
	sd_day d;

	if (s == NULL || strlen(s) != 16 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':')
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!sd_day_parse(day, &d) || !sd_day_in_range(d))
		return false;
	for (int i = 11; i < 16; i++)
		if (i != 13 && (s[i] < '0' || s[i] > '9'))
			return false;
	if (sscanf(s + 11, "%2u:%2u%n", &hh, &mm, &n) != 2 || n != 5 || hh > 23 || mm > 59)
		return false;
	*out = (int64_t)d * 86400 + hh * 3600 + mm * 60;
	return true;
}

void
sd_event_time_format(int64_t t, char out[17])
{
	sd_day d = sd_day_from_time(t);
	int64_t s = t - (int64_t)d * 86400;
	int y, m, dd;

	char buf[40];

	sd_day_to_ymd(d, &y, &m, &dd);
	snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", y % 10000, m % 100, dd % 100,
	    (int)(s / 3600 % 100), (int)(s / 60 % 60));
	memcpy(out, buf, 16);
	out[16] = '\0';
}

/* The last Sunday of a month, at 01:00 UTC: when the EU changes its clocks. */
static int64_t
last_sunday_0100(int y, int m)
{
	sd_day d = sd_day_from_ymd(y, m, 31);

	while (sd_day_weekday(d) != 6)
		d--;
	return (int64_t)d * 86400 + 3600;
}

int64_t
sd_brussels_local(int64_t utc)
{
	int y, m, dd;

	sd_day_to_ymd(sd_day_from_time(utc), &y, &m, &dd);
	/* CEST from the last Sunday of March to the last of October, 01:00 UTC both. */
	if (utc >= last_sunday_0100(y, 3) && utc < last_sunday_0100(y, 10))
		return utc + 7200;
	return utc + 3600;
}

/* --- loading ---------------------------------------------------------------------- */

sd_status
event_load(struct sd_txn *t, const uint8_t id[SD_UUID_LEN], struct sd_event *out,
    struct sd_error *err)
{
	char ids[SD_UUID_STR];
	MDB_val v;
	sd_status s;

	sd_uuid_format(id, ids);
	s = sd_db_get(t, SD_DB_EVENT, id, SD_UUID_LEN, &v, _("event"), err);
	if (s == SD_NOTFOUND)
		return sd_fail(err, SD_NOTFOUND, _("no event %s; see `sedesk event list`."), ids);
	if (s != SD_OK)
		return s;
	if (!sd_rec_decode(&sd_event_record, v.mv_data, v.mv_size, out))
		return sd_fail(err, SD_FAIL, _("event %s cannot be read; run `sedesk check`."), ids);
	return SD_OK;
}

sd_status
event_resolve_visible(struct sd_txn *t, const struct sd_desk *d, const char *ref,
    struct sd_event *out, struct sd_error *err)
{
	uint8_t id[SD_UUID_LEN];
	sd_status s;

	memset(out, 0, sizeof *out);
	if (ref == NULL || !sd_uuid_parse(ref, id))
		return sd_fail(err, SD_INVALID,
		    _("%s is not an event id; `sedesk event list` shows them."), ref ? ref : "");
	if ((s = event_load(t, id, out, err)) != SD_OK)
		return s;
	if (!sd_sees_event(d, out->depts)) {
		sd_event_free(out);
		/* The same answer as for an id that does not exist: nothing leaks. */
		return sd_fail(err, SD_NOTFOUND, _("no event %s; see `sedesk event list`."), ref);
	}
	return SD_OK;
}

static void
attend_key(uint8_t k[2 * SD_UUID_LEN], const uint8_t ev[SD_UUID_LEN],
    const uint8_t ent[SD_UUID_LEN])
{
	memcpy(k, ev, SD_UUID_LEN);
	memcpy(k + SD_UUID_LEN, ent, SD_UUID_LEN);
}

sd_status
attend_load(struct sd_txn *t, const uint8_t ev[SD_UUID_LEN], const uint8_t ent[SD_UUID_LEN],
    struct sd_attendance *out, struct sd_error *err)
{
	uint8_t k[2 * SD_UUID_LEN];
	MDB_val v;
	sd_status s;

	memset(out, 0, sizeof *out);
	attend_key(k, ev, ent);
	if ((s = sd_db_get(t, SD_DB_ATTEND, k, sizeof k, &v, _("attendance"), err)) != SD_OK)
		return s;
	if (!attend_decode(&v, out))
		return sd_fail(err, SD_FAIL,
		    _("an attendance record cannot be read; run `sedesk check`."));
	return SD_OK;
}

bool
attend_decode(const MDB_val *v, struct sd_attendance *out)
{
	return sd_rec_decode(&sd_attendance_record, v->mv_data, v->mv_size, out);
}

/* --- indexes and saving ----------------------------------------------------------- */

static void
time_part(struct sd_key *k, int64_t when)
{
	sd_key_u64(k, (uint64_t)when ^ UINT64_C(0x8000000000000000));
}

void
event_start_key(struct sd_key *k, int64_t start, const uint8_t id[SD_UUID_LEN])
{
	sd_key_reset(k);
	time_part(k, start);
	sd_key_bytes(k, id, SD_UUID_LEN);
}

sd_status
event_index(struct sd_txn *t, const struct sd_event *e, bool put, struct sd_error *err)
{
	struct sd_key k;
	sd_status s;

	event_start_key(&k, e->start, e->id);
	s = put ? sd_db_put_flag(t, SD_DB_EVENT_BY_START, k.b, k.len, _("event"), err) :
	    sd_db_del(t, SD_DB_EVENT_BY_START, k.b, k.len, _("event"), err);
	if (s != SD_OK || !sd_event_has_platform(e))
		return s;
	sd_key_reset(&k);
	sd_key_bytes(&k, e->platform, SD_UUID_LEN);
	time_part(&k, e->start);
	sd_key_bytes(&k, e->id, SD_UUID_LEN);
	return put ? sd_db_put_flag(t, SD_DB_EVENT_BY_PLATFORM, k.b, k.len, _("event"), err) :
	    sd_db_del(t, SD_DB_EVENT_BY_PLATFORM, k.b, k.len, _("event"), err);
}

/*
 * An attendance on its enterprise's timeline: at the event's start, a
 * contact once attended (PLAN12: TL_EVENT, ref the event's uuid).
 */
sd_status
attend_index(struct sd_txn *t, int64_t start, const struct sd_attendance *a, bool put,
    struct sd_error *err)
{
	return timeline_index(t, a->enterprise, start, TL_EVENT, a->event, SD_UUID_LEN,
	    a->state == SD_ATTEND_ATTENDED ? TL_CONTACT : 0, put, err);
}

sd_status
attend_save(struct sd_txn *t, int64_t start, const struct sd_attendance *old,
    const struct sd_attendance *a, struct sd_error *err)
{
	uint8_t k[2 * SD_UUID_LEN];
	struct sd_buf rec = { 0 };
	sd_status s = SD_OK;

	if (old != NULL)
		s = attend_index(t, start, old, false, err);
	if (s == SD_OK)
		s = attend_index(t, start, a, true, err);
	if (s != SD_OK)
		return s;
	attend_key(k, a->event, a->enterprise);
	sd_rec_encode(&rec, &sd_attendance_record, a);
	s = sd_db_put(t, SD_DB_ATTEND, k, sizeof k, rec.data, rec.len, _("attendance"), err);
	sd_buf_free(&rec);
	return s;
}

/*
 * Writes e over old (NULL: new) with its index and search entries; when
 * the start moved, every attendance's timeline entry moves with it.
 */
sd_status
event_save(struct sd_txn *t, const struct sd_event *old, const struct sd_event *e,
    struct sd_error *err)
{
	struct sd_buf rec = { 0 };
	sd_status s = SD_OK;

	if (!sd_time_in_range(e->start) || (e->end != 0 && !sd_time_in_range(e->end)))
		return sd_fail(err, SD_INVALID,
		    _("an event must fall within the years %d to %d; nothing was changed."),
		    SD_YEAR_MIN, SD_YEAR_MAX);
	if (old != NULL)
		s = event_index(t, old, false, err);
	if (s == SD_OK)
		s = event_index(t, e, true, err);
	if (s == SD_OK && old != NULL && old->start != e->start) {
		struct sd_iter it;
		sd_iter_start(&it, t, SD_DB_ATTEND, e->id, SD_UUID_LEN, false, NULL, 0);
		while (s == SD_OK && sd_iter_next(&it)) {
			struct sd_attendance a;
			if (!attend_decode(&it.val, &a)) {
				s = sd_fail(err, SD_FAIL,
				    _("an attendance record cannot be read; run `sedesk check`."));
				break;
			}
			if ((s = attend_index(t, old->start, &a, false, err)) == SD_OK)
				s = attend_index(t, e->start, &a, true, err);
		}
		if (s == SD_OK)
			s = sd_iter_status(&it, _("attendance"), err);
		sd_iter_end(&it);
	}
	if (s != SD_OK)
		return s;
	sd_rec_encode(&rec, &sd_event_record, e);
	s = sd_db_put(t, SD_DB_EVENT, e->id, SD_UUID_LEN, rec.data, rec.len, _("event"), err);
	sd_buf_free(&rec);
	if (s == SD_OK)
		s = search_index_event(t, e, err);
	return s;
}

sd_status
journal_event(struct sd_txn *t, const struct sd_desk *d, const uint8_t id[SD_UUID_LEN],
    const char *kind, const char *text, struct sd_error *err)
{
	struct sd_journal_entry j = { 0 };

	j.at = sd_desk_now(d);
	j.actor = d->me->login;
	j.kind = (char *)kind;
	j.text = (char *)text;
	j.subject_kind = SD_SUBJECT_EVENT;
	memcpy(j.subject, id, SD_UUID_LEN);
	j.subject_len = SD_UUID_LEN;
	return sd_journal_append(t, &j, err);
}
