/*
 * Contact moment records, their keys, their index entries and their
 * entry on the enterprise's timeline.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "keys.h"
#include "moment_internal.h"
#include "record.h"
#include "sedesk/i18n.h"
#include "sedesk/timeline.h"
#include "timeline.h"

enum {
	MT_ID = 1, MT_VERSION, MT_ENTERPRISE, MT_KIND, MT_AT, MT_TIMED, MT_DEPTS, MT_WITH,
	MT_TEXT, MT_STATE, MT_FOLLOW_UP, MT_CASE, MT_OWNER, MT_CREATED, MT_UPDATED, MT_HELD,
	MT_WHEN,
};

_Static_assert(sizeof(enum sd_moment_state) == sizeof(int), "enum size");

static const char *const state_names[SD_MOMENT_STATE_COUNT] = { NULL, "planned", "held" };
static const char *const state_labels[SD_MOMENT_STATE_COUNT] = {
	NULL, N_("planned"), N_("held"),
};

const char *
sd_moment_state_name(enum sd_moment_state s)
{
	return s > 0 && s < SD_MOMENT_STATE_COUNT ? state_names[s] : NULL;
}

const char *
sd_moment_state_label(enum sd_moment_state s)
{
	return s > 0 && s < SD_MOMENT_STATE_COUNT ? _(state_labels[s]) : "?";
}

static const char *
kind_name(int v)
{
	return sd_channel_name((enum sd_channel)v);
}

static const char *
state_name(int v)
{
	return sd_moment_state_name((enum sd_moment_state)v);
}

#define M(m)	offsetof(struct sd_moment, m)
#define ROW(tag, name, label, kind, flags, max, off) \
	{ { name, label, kind, (flags), (max) }, tag, off, 0, NULL, NULL }
#define CHOICE(tag, name, label, flags, count, off, fn) \
	{ { name, label, SD_FK_CHOICE, (flags), (count) }, tag, off, 0, fn, NULL }

/*
 * A moment's fields in tag order.  Its time is kept twice: as seconds
 * ("at", for the indexes and order) and as typed ("time", which the
 * journal and a form's conflict name); moment_set_time sets both.
 */
static const struct sd_field_def moment_fields[] = {
	ROW(MT_ID, "id", N_("id"), SD_FK_ID, 0, 16, M(id)),
	ROW(MT_VERSION, "version", N_("version"), SD_FK_COUNT, 0, 0, M(version)),
	ROW(MT_ENTERPRISE, "enterprise", N_("enterprise"), SD_FK_ID, 0, 16, M(enterprise)),
	CHOICE(MT_KIND, "kind", N_("kind"), SD_FF_EDIT | SD_FF_JOURNAL | SD_FF_REQUIRED |
	    SD_FF_SUMMARY, SD_CHANNEL_COUNT, M(kind), kind_name),
	ROW(MT_AT, "at", N_("time"), SD_FK_TIME, 0, 0, M(at)),
	ROW(MT_TIMED, "timed", N_("time of day"), SD_FK_SMALL, SD_FF_OMIT_ZERO, 1, M(timed)),
	ROW(MT_DEPTS, "departments", N_("departments"), SD_FK_LIST, SD_FF_EDIT | SD_FF_JOURNAL,
	    1000, M(departments)),
	ROW(MT_WITH, "participants", N_("participants"), SD_FK_LIST,
	    SD_FF_EDIT | SD_FF_JOURNAL | SD_FF_PERSONAL, 1000, M(participants)),
	ROW(MT_TEXT, "text", N_("report"), SD_FK_TEXT, SD_FF_EDIT | SD_FF_JOURNAL | SD_FF_SEARCH |
	    SD_FF_PERSONAL | SD_FF_MULTILINE, 20000, M(text)),
	CHOICE(MT_STATE, "state", N_("state"), SD_FF_REQUIRED | SD_FF_JOURNAL | SD_FF_SUMMARY,
	    SD_MOMENT_STATE_COUNT, M(state), state_name),
	ROW(MT_FOLLOW_UP, "follow_up", N_("follow-up"), SD_FK_DAY,
	    SD_FF_EDIT | SD_FF_JOURNAL | SD_FF_OMIT_ZERO, 0, M(follow_up)),
	ROW(MT_CASE, "case", N_("case"), SD_FK_TEXT, SD_FF_JOURNAL, 0, M(case_number)),
	ROW(MT_OWNER, "owner", N_("owner"), SD_FK_TEXT, SD_FF_PERSONAL, 0, M(owner)),
	ROW(MT_CREATED, "created", N_("created"), SD_FK_TIME, 0, 0, M(created)),
	ROW(MT_UPDATED, "updated", N_("updated"), SD_FK_TIME, 0, 0, M(updated)),
	ROW(MT_HELD, "held", N_("reported"), SD_FK_TIME, SD_FF_OMIT_ZERO, 0, M(held)),
	ROW(MT_WHEN, "time", N_("time"), SD_FK_TEXT, SD_FF_EDIT | SD_FF_JOURNAL | SD_FF_SUMMARY, 16,
	    M(when)),
};
#undef M
#undef ROW
#undef CHOICE

const struct sd_record_def sd_moment_record =
    SD_RECORD_DEF(SD_REC_MOMENT, moment_fields, struct sd_moment);

void
sd_moment_free(struct sd_moment *m)
{
	sd_rec_free(&sd_moment_record, m);
}

/* --- time ------------------------------------------------------------------------ */

int64_t
sd_moment_now(const struct sd_desk *d)
{
	time_t now = (time_t)sd_desk_now(d);
	struct tm tm;

	/* The local zone's offset at this moment (summer time included). */
	if (localtime_r(&now, &tm) == NULL)
		return (int64_t)now;
	return (int64_t)now + tm.tm_gmtoff;
}

void
moment_set_time(struct sd_moment *m, int64_t at, int timed)
{
	char buf[17];

	m->at = at;
	m->timed = timed ? 1 : 0;
	sd_moment_time_format(at, m->timed, buf);
	free(m->when);
	m->when = sd_xstrdup(buf);
}

sd_day
sd_moment_day(const struct sd_moment *m)
{
	return sd_day_from_time(m->at);
}

bool
sd_moment_time_parse(const char *s, int64_t *at, int *timed)
{
	char day[11];
	sd_day dd;
	unsigned h, mi;
	int n = 0;

	if (s == NULL || strlen(s) < 10)
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!sd_day_parse(day, &dd) || !sd_day_in_range(dd))
		return false;
	if (s[10] == '\0') {
		*at = (int64_t)dd * 86400;
		*timed = 0;
		return true;
	}
	/* Exactly THH:MM (a space as T is what people also type). */
	if ((s[10] != 'T' && s[10] != ' ') || strlen(s) != 16 ||
	    sscanf(s + 11, "%2u:%2u%n", &h, &mi, &n) != 2 || n != 5 ||
	    s[11] < '0' || s[11] > '9' || s[14] < '0' || s[14] > '9' || h > 23 || mi > 59)
		return false;
	*at = (int64_t)dd * 86400 + h * 3600 + mi * 60;
	*timed = 1;
	return true;
}

void
sd_moment_time_format(int64_t at, int timed, char out[17])
{
	char day[11];
	int64_t sec = at - (int64_t)sd_day_from_time(at) * 86400;
	unsigned h = (unsigned)(sec / 3600) % 24u, m = (unsigned)(sec / 60) % 60u;

	sd_day_format(sd_day_from_time(at), day);
	memcpy(out, day, 10);
	out[10] = '\0';
	if (timed) {
		out[10] = 'T';
		out[11] = (char)('0' + h / 10);
		out[12] = (char)('0' + h % 10);
		out[13] = ':';
		out[14] = (char)('0' + m / 10);
		out[15] = (char)('0' + m % 10);
		out[16] = '\0';
	}
}

/* --- loading --------------------------------------------------------------------- */

sd_status
moment_load(struct sd_txn *t, const uint8_t id[SD_UUID_LEN], struct sd_moment *out,
    struct sd_error *err)
{
	char ids[SD_UUID_STR];
	MDB_val v;
	sd_status s = sd_db_get(t, SD_DB_MOMENT, id, SD_UUID_LEN, &v, _("contact moment"), err);

	sd_uuid_format(id, ids);
	if (s == SD_NOTFOUND)
		return sd_fail(err, SD_NOTFOUND, _("no contact moment %s."), ids);
	if (s != SD_OK)
		return s;
	if (!sd_rec_decode(&sd_moment_record, v.mv_data, v.mv_size, out))
		return sd_fail(err, SD_FAIL,
		    _("contact moment %s cannot be read; run `sedesk check`."), ids);
	return SD_OK;
}

/* The hex digits of ref (dashes skipped) as bytes; the count of whole bytes, 0 when not hex. */
static size_t
hex_prefix(const char *ref, uint8_t out[SD_UUID_LEN], size_t *digits)
{
	size_t n = 0;

	memset(out, 0, SD_UUID_LEN);
	for (const char *p = ref; *p != '\0'; p++) {
		int v;
		if (*p == '-')
			continue;
		if (*p >= '0' && *p <= '9')
			v = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			v = *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F')
			v = *p - 'A' + 10;
		else
			return 0;
		if (n == 2 * SD_UUID_LEN)
			return 0;
		out[n / 2] |= (uint8_t)(n % 2 == 0 ? v << 4 : v);
		n++;
	}
	*digits = n;
	return n / 2;
}

/*
 * A moment by its id, or by the first 8 or more hex digits of it (as
 * lists show them) when they name one moment only.
 */
sd_status
moment_resolve(struct sd_txn *t, const struct sd_desk *d, const char *ref,
    struct sd_moment *out, struct sd_error *err)
{
	uint8_t id[SD_UUID_LEN], found[SD_UUID_LEN] = { 0 };
	size_t digits = 0, nbytes, matches = 0;
	struct sd_iter it;
	sd_status s;

	if (ref == NULL || (nbytes = hex_prefix(ref, id, &digits)) == 0 || digits < 8 ||
	    digits % 2 != 0)
		return sd_fail(err, SD_INVALID,
		    _("%s is not a contact moment's id; give its id or its first 8 digits "
		    "(see `sedesk moment list`)."), ref ? ref : "");
	if (nbytes < SD_UUID_LEN) {
		sd_iter_start(&it, t, SD_DB_MOMENT, id, nbytes, false, NULL, 0);
		while (matches < 2 && sd_iter_next(&it)) {
			if (it.key.mv_size == SD_UUID_LEN)
				memcpy(found, it.key.mv_data, SD_UUID_LEN);
			matches++;
		}
		s = sd_iter_status(&it, _("contact moment"), err);
		sd_iter_end(&it);
		if (s != SD_OK)
			return s;
		if (matches == 0)
			return sd_fail(err, SD_NOTFOUND, _("no contact moment %s."), ref);
		if (matches > 1)
			return sd_fail(err, SD_INVALID,
			    _("%s names more than one contact moment; give more of its id."), ref);
		memcpy(id, found, SD_UUID_LEN);
	}
	if ((s = moment_load(t, id, out, err)) != SD_OK) {
		if (s == SD_NOTFOUND)
			return sd_fail(err, SD_NOTFOUND, _("no contact moment %s."), ref);
		return s;
	}
	if (!sd_sees_moment(d, out)) {
		sd_moment_free(out);
		/* The same words as for one that does not exist: nothing leaks. */
		return sd_fail(err, SD_NOTFOUND, _("no contact moment %s."), ref);
	}
	return SD_OK;
}

bool
moment_involves(const struct sd_moment *m, const char *login)
{
	size_t n = strlen(login);

	if (m->owner != NULL && strcmp(m->owner, login) == 0)
		return true;
	for (const char *p = m->participants; p != NULL && *p != '\0'; ) {
		size_t len = strcspn(p, ",");
		if (len == n && strncmp(p, login, n) == 0)
			return true;
		p = p[len] == ',' ? p + len + 1 : NULL;
	}
	return false;
}

/* --- index entries --------------------------------------------------------------- */

/* Each item of a comma-separated list, once. */
static bool
list_next(const char **p, char *out, size_t max)
{
	const char *s = *p, *e;
	size_t n;

	while (s != NULL && *s == ',')
		s++;
	if (s == NULL || *s == '\0')
		return false;
	e = strchr(s, ',');
	n = e != NULL ? (size_t)(e - s) : strlen(s);
	if (n >= max)
		n = max - 1;
	memcpy(out, s, n);
	out[n] = '\0';
	*p = e != NULL ? e + 1 : NULL;
	return true;
}

static sd_status
put_or_del(struct sd_txn *t, enum sd_dbi db, const struct sd_key *k, bool put,
    struct sd_error *err)
{
	return put ? sd_db_put_flag(t, db, k->b, k->len, _("contact moment"), err) :
	    sd_db_del(t, db, k->b, k->len, _("contact moment"), err);
}

/* name \0 day(4) uuid(16) */
static void
named_key(struct sd_key *k, const char *name, sd_day day, const uint8_t id[SD_UUID_LEN])
{
	sd_key_reset(k);
	sd_key_str(k, name);
	sd_key_i32(k, day);
	sd_key_bytes(k, id, SD_UUID_LEN);
}

sd_status
moment_index(struct sd_txn *t, const struct sd_moment *m, bool put, struct sd_error *err)
{
	sd_day day = sd_moment_day(m);
	char item[SD_KEY_STR_MAX + 1];
	const char *p;
	struct sd_key k;
	sd_status s;

	sd_key_reset(&k);
	sd_key_i32(&k, day);
	sd_key_bytes(&k, m->id, SD_UUID_LEN);
	if ((s = put_or_del(t, SD_DB_MOMENT_BY_DAY, &k, put, err)) != SD_OK)
		return s;
	/* The owner and each participant find it under their login (--mine, the inbox). */
	if (m->owner != NULL) {
		named_key(&k, m->owner, day, m->id);
		if ((s = put_or_del(t, SD_DB_MOMENT_BY_PERSON, &k, put, err)) != SD_OK)
			return s;
	}
	for (p = m->participants; list_next(&p, item, sizeof item); ) {
		if (m->owner != NULL && strcmp(item, m->owner) == 0)
			continue;
		named_key(&k, item, day, m->id);
		if ((s = put_or_del(t, SD_DB_MOMENT_BY_PERSON, &k, put, err)) != SD_OK)
			return s;
	}
	for (p = m->departments; list_next(&p, item, sizeof item); ) {
		named_key(&k, item, day, m->id);
		if ((s = put_or_del(t, SD_DB_MOMENT_BY_DEPT, &k, put, err)) != SD_OK)
			return s;
	}
	if (m->follow_up != SD_NO_DAY && m->owner != NULL) {
		named_key(&k, m->owner, m->follow_up, m->id);
		if ((s = put_or_del(t, SD_DB_MOMENT_FOLLOWUP, &k, put, err)) != SD_OK)
			return s;
	}
	/* On the enterprise's timeline; a contact once it took place. */
	return timeline_index(t, m->enterprise, m->at, TL_MOMENT, m->id, SD_UUID_LEN,
	    m->state == SD_MOMENT_HELD ? TL_CONTACT : 0, put, err);
}

sd_status
moment_save(struct sd_txn *t, const struct sd_moment *old, const struct sd_moment *m,
    struct sd_error *err)
{
	struct sd_buf rec = { 0 };
	sd_status s = SD_OK;

	if (!sd_time_in_range(m->created) || !sd_time_in_range(m->updated) ||
	    !sd_time_in_range(m->at))
		return sd_fail(err, SD_INVALID,
		    _("the time is outside the years %d to %d that sedesk keeps; nothing was "
		    "changed."), SD_YEAR_MIN, SD_YEAR_MAX);
	if (old != NULL)
		s = moment_index(t, old, false, err);
	if (s == SD_OK)
		s = moment_index(t, m, true, err);
	if (s == SD_OK) {
		sd_rec_encode(&rec, &sd_moment_record, m);
		s = sd_db_put(t, SD_DB_MOMENT, m->id, SD_UUID_LEN, rec.data, rec.len,
		    _("contact moment"), err);
		sd_buf_free(&rec);
	}
	if (s == SD_OK)
		s = search_index_moment(t, m, err);
	return s;
}

/* --- the timeline ------------------------------------------------------------------ */

/* The first line of text, at most max bytes (cut at a character's start). */
char *
moment_first_line(const char *text, size_t max)
{
	size_t n;

	if (text == NULL)
		return sd_xstrdup("");
	n = strcspn(text, "\r\n");
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
			n--;
	}
	return sd_xstrndup(text, n);
}

sd_status
moment_describe(struct sd_txn *t, const struct sd_desk *d, const uint8_t ent[SD_UUID_LEN],
    int64_t when, const void *ref, size_t reflen, struct sd_timeline_item *out,
    struct sd_error *err)
{
	struct sd_moment m;
	struct sd_buf title = { 0 };
	char *line;
	sd_status s;

	(void)ent;
	(void)when;
	if (reflen != SD_UUID_LEN)
		return sd_fail(err, SD_FAIL, _("a timeline entry cannot be read; run `sedesk check`."));
	if ((s = moment_load(t, ref, &m, err)) != SD_OK)
		return s;
	if (!sd_sees_moment(d, &m)) {
		sd_moment_free(&m);
		return SD_NOTFOUND;
	}
	memset(out, 0, sizeof *out);
	out->kind = SD_TL_MOMENT;
	out->when = m.at;
	sd_uuid_format(m.id, out->ref);
	line = moment_first_line(m.text, 120);
	sd_buf_addf(&title, "%s%s%s", sd_channel_label(m.kind), *line ? ": " : "", line);
	free(line);
	out->title = title.data != NULL ? title.data : sd_xstrdup("");
	out->state = sd_xstrdup(sd_moment_state_label(m.state));
	out->code = sd_moment_state_name(m.state);
	out->contact = m.state == SD_MOMENT_HELD;
	sd_moment_free(&m);
	return SD_OK;
}
