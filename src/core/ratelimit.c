/*
 * The per-login write rate: one user must not fill the shared disk (or
 * keep the writer busy) with thousands of notes a minute.
 *
 * Each login's record in the meta table ("rate:LOGIN") holds the times,
 * ascending, of their changes in the last minute: at most the limit, so
 * at most 8 KB.  It is read and rewritten inside the write transaction of
 * the change itself, so it holds across any number of processes (LMDB has
 * one writer at a time), and a change that fails or is refused leaves no
 * trace in it.  A sliding minute, not a calendar one: no burst of twice
 * the limit across a minute's end, and the wait it names is exact.
 */
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/store.h"
#include "sedesk/text.h"

#define WINDOW	60	/* seconds */

sd_status
sd_store_rate_charge(struct sd_txn *t, struct sd_error *err)
{
	struct sd_store *st = t->st;
	struct sd_buf key = { 0 };
	int64_t now, *times;
	size_t n = 0;
	MDB_val v;
	int rc;

	if (st->rate_limit == 0 || st->rate_login == NULL || st->rate_clock == NULL ||
	    st->batch != NULL)
		return SD_OK;
	now = st->rate_clock(st->rate_ctx);
	sd_buf_addf(&key, "rate:%s", st->rate_login);
	times = sd_xcalloc((size_t)st->rate_limit + 1, sizeof *times);
	rc = sd_get(t, SD_DB_META, key.data, key.len, &v);
	if (rc == 0) {
		/*
		 * Only the last minute counts.  Times ahead of the clock (it was
		 * set back) are forgotten rather than blocking for their future.
		 */
		for (size_t i = 0; i < v.mv_size / sizeof *times; i++) {
			int64_t at;
			memcpy(&at, (const char *)v.mv_data + i * sizeof at, sizeof at);
			if (at > now - WINDOW && at <= now && n < st->rate_limit)
				times[n++] = at;
		}
	} else if (rc != MDB_NOTFOUND) {
		free(times);
		sd_buf_free(&key);
		return sd_store_error(rc, _("write rate"), err);
	}
	if (n >= st->rate_limit) {
		/* times[0] is the oldest: the minute frees a change when it leaves. */
		long wait = (long)(times[0] + WINDOW - now);
		free(times);
		sd_buf_free(&key);
		return sd_fail(err, SD_DENIED,
		    _("you have made %zu changes in the last minute; the limit is %u a minute "
		    "([limits] writes_per_minute); wait %ld seconds and try again. Nothing "
		    "was changed."), n, st->rate_limit, wait > 0 ? wait : 1);
	}
	times[n++] = now;
	rc = sd_put(t, SD_DB_META, key.data, key.len, times, n * sizeof *times);
	free(times);
	sd_buf_free(&key);
	return rc == 0 ? SD_OK : sd_store_error(rc, _("write rate"), err);
}
