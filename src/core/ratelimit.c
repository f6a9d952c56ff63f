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
#include "store.h"
#include "sedesk/text.h"

#define WINDOW	60	/* seconds */

/*
 * The times of the caller's changes in the minute before now, ascending,
 * in times[] (room for the limit); their number in *n.
 */
static sd_status
rate_window(struct sd_txn *t, const struct sd_buf *key, int64_t now, int64_t *times,
    size_t *n, struct sd_error *err)
{
	unsigned limit = t->st->rate_limit;
	MDB_val v;
	sd_status s;

	*n = 0;
	s = sd_db_get(t, SD_DB_META, key->data, key->len, &v, _("write rate"), err);
	if (s != SD_OK)
		return s == SD_NOTFOUND ? SD_OK : s;
	/*
	 * Only the last minute counts.  Times ahead of the clock (it was set
	 * back) are forgotten rather than blocking for their future.
	 */
	for (size_t i = 0; i < v.mv_size / sizeof *times; i++) {
		int64_t at;
		memcpy(&at, (const char *)v.mv_data + i * sizeof at, sizeof at);
		if (at > now - WINDOW && at <= now && *n < limit)
			times[(*n)++] = at;
	}
	return SD_OK;
}

static sd_status
rate_refuse(const struct sd_store *st, size_t n, int64_t oldest, int64_t now,
    struct sd_error *err)
{
	/* The oldest change frees a place when it leaves the minute. */
	long wait = (long)(oldest + WINDOW - now);

	return sd_fail(err, SD_DENIED,
	    /* Numbers after colons and "s": no plural forms needed. */
	    _("too many changes: %zu in the last minute, where the limit ([limits] "
	    "writes_per_minute) is %u; try again in %ld s. Nothing was changed."),
	    n, st->rate_limit, wait > 0 ? wait : 1);
}

static bool
rate_applies(const struct sd_store *st)
{
	return st->rate_limit > 0 && st->rate_login != NULL && st->rate_clock != NULL &&
	    st->batch == NULL;
}

sd_status
sd_store_rate_precheck(struct sd_store *st, struct sd_error *err)
{
	struct sd_buf key = { 0 };
	struct sd_txn t;
	int64_t now, *times;
	size_t n;
	sd_status s;

	if (!rate_applies(st))
		return SD_OK;
	if ((s = sd_txn_begin(st, false, &t, err)) != SD_OK)
		return s;
	now = st->rate_clock(st->rate_ctx);
	sd_buf_addf(&key, "rate:%s", st->rate_login);
	times = sd_xcalloc((size_t)st->rate_limit + 1, sizeof *times);
	if ((s = rate_window(&t, &key, now, times, &n, err)) == SD_OK && n >= st->rate_limit)
		s = rate_refuse(st, n, times[0], now, err);
	sd_txn_abort(&t);
	free(times);
	sd_buf_free(&key);
	return s;
}

sd_status
sd_store_rate_charge(struct sd_txn *t, struct sd_error *err)
{
	struct sd_store *st = t->st;
	struct sd_buf key = { 0 };
	int64_t now, *times;
	size_t n;
	sd_status s;

	if (!rate_applies(st))
		return SD_OK;
	now = st->rate_clock(st->rate_ctx);
	sd_buf_addf(&key, "rate:%s", st->rate_login);
	times = sd_xcalloc((size_t)st->rate_limit + 1, sizeof *times);
	if ((s = rate_window(t, &key, now, times, &n, err)) == SD_OK) {
		if (n >= st->rate_limit) {
			s = rate_refuse(st, n, times[0], now, err);
		} else {
			times[n++] = now;
			s = sd_db_put(t, SD_DB_META, key.data, key.len, times,
			    n * sizeof *times, _("write rate"), err);
		}
	}
	free(times);
	sd_buf_free(&key);
	return s;
}

/*
 * A seen mark is not counted: it is the reader's own bookmark, one small
 * record per login and case, written only when the case's journal moved on
 * since the last mark (case_seen.c).  So the marks grow no faster than the
 * journal entries they follow, which were each counted when written; and
 * counting them would refuse a user's real change because they read their
 * inbox quickly.  Nor does it wait for another process's write: opening a
 * case is reading, and a stopped writer must not freeze everyone's case
 * screen for lock_timeout; a mark not written now is written next time.
 */
sd_status
sd_store_write_bookmark(struct sd_store *st, sd_write_fn action, void *arg,
    struct sd_error *err)
{
	unsigned limit = st->rate_limit, wait = st->lock_timeout_ms;
	sd_status s;

	st->rate_limit = 0;
	st->lock_timeout_ms = 0;
	s = sd_store_write(st, action, arg, err);
	st->rate_limit = limit;
	st->lock_timeout_ms = wait;
	return s;
}
