/*
 * Schema migrations that fill a new table from the records already there.
 * They reuse the index functions that keep the table afterwards, so an
 * upgraded database holds exactly what `check` would rebuild.
 */
#include <errno.h>

#include "internal.h"
#include "keys.h"
#include "sedesk/text.h"
#include "timeline.h"
#include "report_agg.h"

/*
 * Schema 1 kept the day indexes in the meta table; they are the cases' own
 * table now.  The keys are gathered first: a delete under an open cursor
 * would move it.
 */
static sd_status
drop_meta_days(struct sd_txn *t, struct sd_error *err)
{
	static const char *const prefixes[] = { SD_DAYS_FOLLOWUP, SD_DAYS_WAIT };
	struct sd_buf keys = { 0 };
	sd_status s = SD_OK;

	for (size_t i = 0; s == SD_OK && i < 2; i++) {
		struct sd_iter it;
		sd_iter_start(&it, t, SD_DB_META, prefixes[i], 9, false, NULL, 0);
		while (sd_iter_next(&it)) {
			if (it.key.mv_size == SD_FOLLOWUP_KEY_LEN)
				sd_buf_add(&keys, it.key.mv_data, SD_FOLLOWUP_KEY_LEN);
		}
		s = sd_iter_status(&it, "migrate", err);
		sd_iter_end(&it);
	}
	for (size_t off = 0; s == SD_OK && off < keys.len; off += SD_FOLLOWUP_KEY_LEN)
		s = sd_db_del(t, SD_DB_META, keys.data + off, SD_FOLLOWUP_KEY_LEN, "migrate", err);
	sd_buf_free(&keys);
	return s;
}

int
migrate_each_enterprise(MDB_txn *txn, struct sd_store *st,
    sd_status (*index)(struct sd_txn *, const struct sd_enterprise *, bool, struct sd_error *))
{
	struct sd_txn t = { .st = st, .txn = txn, .write = true };
	struct sd_iter it;
	struct sd_error err;
	sd_status s = SD_OK;

	sd_iter_start(&it, &t, SD_DB_ENT, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_enterprise e;
		/* An unreadable enterprise is left to `check`, as before the upgrade. */
		if (it.key.mv_size != SD_UUID_LEN || ent_load(&t, it.key.mv_data, &e, NULL) != SD_OK)
			continue;
		s = index(&t, &e, true, &err);
		sd_enterprise_free(&e);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, "migrate", &err);
	sd_iter_end(&it);
	return s == SD_OK ? 0 : st->map_full ? MDB_MAP_FULL : EIO;
}

/* Schema 1 -> 2: every enterprise gets a last contact, every case a timeline entry,
 * the day indexes move out of the meta table. */
int
sd_migrate_timeline(MDB_txn *txn, struct sd_store *st)
{
	struct sd_txn t = { .st = st, .txn = txn, .write = true };
	struct sd_iter it;
	struct sd_error err;
	sd_status s = SD_OK;

	sd_iter_start(&it, &t, SD_DB_ENT, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		if (it.key.mv_size == SD_UUID_LEN)
			s = timeline_enterprise(&t, it.key.mv_data, &err);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, "migrate", &err);
	sd_iter_end(&it);
	sd_iter_start(&it, &t, SD_DB_CASE, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_case c;
		/* An unreadable case is left to `check`, as before the upgrade. */
		if (it.key.mv_size != SD_CASE_KEY_LEN ||
		    case_load(&t, sd_case_key_unpack(it.key.mv_data), &c, &err) != SD_OK)
			continue;
		s = timeline_index(&t, c.enterprise, c.created, TL_CASE, it.key.mv_data,
		    SD_CASE_KEY_LEN, TL_CONTACT, true, &err);
		if (s == SD_OK)
			s = case_day_index(&t, &c, true, &err);
		sd_case_free(&c);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, "migrate", &err);
	sd_iter_end(&it);
	if (s == SD_OK)
		s = drop_meta_days(&t, &err);
	return s == SD_OK ? 0 : t.st->map_full ? MDB_MAP_FULL : EIO;
}

/*
 * Schema 2 -> 3: the reports' figures (report_agg.c) from the cases and
 * routes there are, through the functions that keep them afterwards; and
 * the opportunities' matching indexes of the enterprises there are.
 */
int
sd_migrate_reports(MDB_txn *txn, struct sd_store *st)
{
	struct sd_txn t = { .st = st, .txn = txn, .write = true };
	struct sd_iter it;
	struct sd_error err;
	sd_status s = SD_OK;

	/*
	 * From empty: an upgrade from schema 1 has just counted the contacts
	 * through timeline_index, which the walk of the timeline below counts.
	 */
	if ((s = sd_db_drop(&t, SD_DB_REPORT_AGG, "migrate", &err)) == SD_OK &&
	    (s = sd_db_drop(&t, SD_DB_REPORT_CASE, "migrate", &err)) == SD_OK &&
	    (s = sd_db_drop(&t, SD_DB_REPORT_MONTH, "migrate", &err)) == SD_OK)
		s = sd_db_drop(&t, SD_DB_REPORT_ROUTE, "migrate", &err);
	sd_iter_start(&it, &t, SD_DB_CASE, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_case c;
		/* An unreadable case is left to `check`, as before the upgrade. */
		if (it.key.mv_size != SD_CASE_KEY_LEN ||
		    case_load(&t, sd_case_key_unpack(it.key.mv_data), &c, &err) != SD_OK)
			continue;
		s = report_agg_case(&t, &c, true, &err);
		sd_case_free(&c);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, "migrate", &err);
	sd_iter_end(&it);
	sd_iter_start(&it, &t, SD_DB_ROUTE, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		struct sd_route r;
		if (it.key.mv_size <= SD_CASE_KEY_LEN)
			continue;
		if (!route_decode(&it.val, &r)) {
			sd_route_free(&r);
			continue;
		}
		s = report_agg_route(&t, sd_case_key_unpack(it.key.mv_data), &r, true, &err);
		sd_route_free(&r);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, "migrate", &err);
	sd_iter_end(&it);
	/* The contacts of the timeline (ent(16) when(8) kind(1) ref -> flags): the reach. */
	sd_iter_start(&it, &t, SD_DB_TIMELINE, NULL, 0, false, NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		const uint8_t *p = it.key.mv_data;
		if (it.key.mv_size < SD_UUID_LEN + 9 || it.val.mv_size < 1 ||
		    !(((const uint8_t *)it.val.mv_data)[0] & TL_CONTACT))
			continue;
		s = report_agg_contact_count(&t, p, (int64_t)(sd_be64(p + SD_UUID_LEN) ^
		    UINT64_C(0x8000000000000000)), p[SD_UUID_LEN + 8], true, &err);
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, "migrate", &err);
	sd_iter_end(&it);
	/* The reach's links between each enterprise's contact days, whole (report_agg_reach.c). */
	if (s == SD_OK)
		s = agg_reach_build(&t, &err);
	if (s != SD_OK)
		return t.st->map_full ? MDB_MAP_FULL : EIO;
	/* The opportunities' matching indexes (issue 13), whose tables schema 3 brings empty. */
	return sd_migrate_opp_indexes(txn, st);
}
