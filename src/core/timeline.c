/*
 * The timeline and last-contact index entries (see timeline.h).
 */
#include <string.h>

#include "sedesk/i18n.h"
#include "timeline.h"
#include "report_agg.h"

void
timeline_key(struct sd_key *k, const uint8_t ent[SD_UUID_LEN], int64_t when, enum tl_kind kind,
    const void *ref, size_t reflen)
{
	sd_key_reset(k);
	sd_key_bytes(k, ent, SD_UUID_LEN);
	/* Times before 1970 never enter (sd_time_in_range); negative ones sort first. */
	sd_key_u64(k, (uint64_t)when ^ UINT64_C(0x8000000000000000));
	sd_key_u8(k, (uint8_t)kind);
	sd_key_bytes(k, ref, reflen);
}

static void
contact_key(struct sd_key *k, sd_day day, const uint8_t ent[SD_UUID_LEN])
{
	sd_key_reset(k);
	sd_key_i32(k, day);
	sd_key_bytes(k, ent, SD_UUID_LEN);
}

sd_status
timeline_last_contact(struct sd_txn *t, const uint8_t ent[SD_UUID_LEN], sd_day *out,
    struct sd_error *err)
{
	MDB_val v;
	sd_status s = sd_db_get(t, SD_DB_ENT_CONTACT, ent, SD_UUID_LEN, &v, _("enterprise"), err);

	*out = SD_NO_DAY;
	if (s == SD_OK && v.mv_size == 4)
		*out = sd_key_get_i32(v.mv_data);
	return s;
}

/* Moves the enterprise's last contact from old to day (either may be SD_NO_DAY). */
static sd_status
set_last_contact(struct sd_txn *t, const uint8_t ent[SD_UUID_LEN], bool had, sd_day old,
    sd_day day, struct sd_error *err)
{
	struct sd_key k, v;
	sd_status s;

	if (had) {
		contact_key(&k, old, ent);
		if ((s = sd_db_del(t, SD_DB_ENT_BY_CONTACT, k.b, k.len, _("enterprise"), err)) !=
		    SD_OK)
			return s;
	}
	contact_key(&k, day, ent);
	if ((s = sd_db_put_flag(t, SD_DB_ENT_BY_CONTACT, k.b, k.len, _("enterprise"), err)) !=
	    SD_OK)
		return s;
	sd_key_reset(&v);
	sd_key_i32(&v, day);
	return sd_db_put(t, SD_DB_ENT_CONTACT, ent, SD_UUID_LEN, v.b, v.len, _("enterprise"), err);
}

sd_status
timeline_enterprise(struct sd_txn *t, const uint8_t ent[SD_UUID_LEN], struct sd_error *err)
{
	sd_day day;
	sd_status s = timeline_last_contact(t, ent, &day, err);

	if (s == SD_NOTFOUND)
		return set_last_contact(t, ent, false, SD_NO_DAY, SD_NO_DAY, err);
	return s;
}

/* The day of the newest contact entry left on ent's timeline (SD_NO_DAY: none). */
static sd_status
newest_contact(struct sd_txn *t, const uint8_t ent[SD_UUID_LEN], sd_day *out,
    struct sd_error *err)
{
	struct sd_iter it;
	sd_status s;

	*out = SD_NO_DAY;
	sd_iter_start(&it, t, SD_DB_TIMELINE, ent, SD_UUID_LEN, true, NULL, 0);
	while (sd_iter_next(&it)) {
		const uint8_t *p = it.key.mv_data;
		if (it.key.mv_size < SD_UUID_LEN + 9 || it.val.mv_size < 1 ||
		    !(((const uint8_t *)it.val.mv_data)[0] & TL_CONTACT))
			continue;
		*out = sd_day_from_time((int64_t)(sd_be64(p + SD_UUID_LEN) ^
		    UINT64_C(0x8000000000000000)));
		break;
	}
	s = sd_iter_status(&it, _("enterprise"), err);
	sd_iter_end(&it);
	return s;
}

sd_status
timeline_index(struct sd_txn *t, const uint8_t ent[SD_UUID_LEN], int64_t when, enum tl_kind kind,
    const void *ref, size_t reflen, unsigned flags, bool put, struct sd_error *err)
{
	struct sd_key k;
	uint8_t fl = (uint8_t)flags;
	sd_day last, day = sd_day_from_time(when);
	bool had;
	sd_status s;

	timeline_key(&k, ent, when, kind, ref, reflen);
	s = put ? sd_db_put(t, SD_DB_TIMELINE, k.b, k.len, &fl, 1, _("enterprise"), err) :
	    sd_db_del(t, SD_DB_TIMELINE, k.b, k.len, _("enterprise"), err);
	if (s != SD_OK || !(flags & TL_CONTACT))
		return s;
	/* The reports' reach (report_agg.c). */
	if ((s = report_agg_contact(t, ent, when, kind, put, err)) != SD_OK)
		return s;
	s = timeline_last_contact(t, ent, &last, err);
	if (s != SD_OK && s != SD_NOTFOUND)
		return s;
	had = s == SD_OK;
	if (put) {
		if (had && last != SD_NO_DAY && last >= day)
			return SD_OK;
		return set_last_contact(t, ent, had, last, day, err);
	}
	/* Removed: only the newest contact moves the day back. */
	if (had && last != day)
		return SD_OK;
	if ((s = newest_contact(t, ent, &day, err)) != SD_OK)
		return s;
	return set_last_contact(t, ent, had, last, day, err);
}
