/*
 * Importing enterprises: rows read from a file (csv_import.c) added in one
 * write transaction, each checked as an add is.
 */
#include <stdbool.h>
#include <stddef.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "sedesk/i18n.h"
#include "sedesk/import.h"

struct import_args {
	struct sd_desk		*d;
	struct sd_import_row	*rows;
	size_t			 nrows;
	bool			 strict;
	sd_reject_fn		 reject;
	void			*arg;
	size_t			 imported, rejected;
};

static sd_status
import_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct import_args *a = arg;

	a->imported = a->rejected = 0;
	for (size_t i = 0; i < a->nrows; i++) {
		struct sd_error e;
		sd_status s = ent_add_in_txn(t, a->d, a->rows[i].f, NULL, &e);
		if (s == SD_INVALID) {
			a->rejected++;
			if (a->reject != NULL)
				a->reject(a->arg, a->rows[i].line, e.msg);
			continue;
		}
		if (s != SD_OK) {
			if (err != NULL)
				*err = e;
			return s;
		}
		a->imported++;
	}
	if (a->strict && a->rejected > 0)
		return sd_fail(err, SD_INVALID,
		    _("%zu rows are invalid; nothing was imported (--strict)."), a->rejected);
	return SD_OK;
}

sd_status
sd_enterprise_import(struct sd_desk *d, struct sd_import_row *rows, size_t nrows, bool strict,
    sd_reject_fn reject, void *arg, size_t *imported, size_t *rejected, struct sd_error *err)
{
	struct import_args a = { d, rows, nrows, strict, reject, arg, 0, 0 };
	sd_status s;

	if ((s = sd_permit(d, SD_ACT_ENTERPRISE_WRITE, NULL, err)) != SD_OK)
		return s;
	s = sd_store_write(d->store, import_action, &a, err);
	*imported = s == SD_OK ? a.imported : 0;
	*rejected = a.rejected;
	return s;
}

/* --- streaming: rows added as the CSV reader hands them on --------------------------- */

/*
 * A non-strict import of a file that can be read twice commits every
 * CHUNK_ROWS rows: LMDB keeps a write transaction's dirty pages in the
 * process's memory (about 5 KiB a row), so one transaction for the
 * whole file would grow with it.  Before each slice the map gets
 * CHUNK_ROOM free bytes, far more than a slice writes.
 */
#define CHUNK_ROWS	100
#define CHUNK_ROOM	((size_t)64 << 20)

struct stream_args {
	struct sd_desk		*d;
	bool			 chunked;
	size_t			 in_chunk;	/* rows read since the last commit */
	size_t			 committed;	/* rows imported and committed */
	sd_reject_fn		 reject;
	void			*arg;
	size_t			 imported, rejected;
	long			 reported;	/* the last line reported */
	long			 quiet_upto;	/* reported by an earlier try */
};

/* A line reported by a try that ran out of map is not reported again. */
static void
stream_reject(void *arg, long line, const char *why)
{
	struct stream_args *a = arg;

	if (line <= a->quiet_upto)
		return;
	a->reported = line;
	if (a->reject != NULL)
		a->reject(a->arg, line, why);
}

struct row_args {
	struct sd_desk		*d;
	struct sd_import_row	*row;
};

static sd_status
add_row(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct row_args *a = arg;

	return ent_add_in_txn(t, a->d, a->row->f, NULL, err);
}

/* In a chunked import, a full slice is committed and the next one begun. */
static sd_status
next_chunk(struct stream_args *a, struct sd_error *err)
{
	sd_status s;

	if (!a->chunked || ++a->in_chunk < CHUNK_ROWS)
		return SD_OK;
	if ((s = sd_store_batch_commit(a->d->store, err)) != SD_OK)
		return s;
	a->committed = a->imported;
	a->in_chunk = 0;
	/* A writer of another process that waits goes first. */
	sd_store_yield(a->d->store);
	sd_store_batch_room(a->d->store, CHUNK_ROOM);
	return sd_store_batch_begin(a->d->store, err);
}

/* The first reading of a chunked import checks the file; it writes nothing. */
static sd_status
skip_row(void *arg, struct sd_import_row *row, struct sd_error *err)
{
	(void)arg;
	(void)row;
	(void)err;
	return SD_OK;
}

static sd_status
stream_row(void *arg, struct sd_import_row *row, struct sd_error *err)
{
	struct stream_args *a = arg;
	struct row_args ra = { a->d, row };
	struct sd_error e;
	sd_status s;

	/* In the open batch: a nested transaction, so a refused row leaves no trace. */
	s = sd_store_write(a->d->store, add_row, &ra, &e);
	if (s == SD_INVALID) {
		a->rejected++;
		stream_reject(a, row->line, e.msg);
		return next_chunk(a, err);
	}
	if (s != SD_OK) {
		if (err != NULL)
			*err = e;
		return s;
	}
	a->imported++;
	return next_chunk(a, err);
}

/* Writes nothing: sd_store_write counts it against the caller's write rate. */
static sd_status
rate_only(struct sd_txn *t, void *arg, struct sd_error *err)
{
	(void)t;
	(void)arg;
	(void)err;
	return SD_OK;
}

static sd_status import_slices(struct stream_args *a, FILE *f, const char *name, bool latin1,
    bool strict, size_t *imported, size_t *rejected, struct sd_error *err);

sd_status
sd_enterprise_import_csv(struct sd_desk *d, FILE *f, const char *name, bool latin1, bool strict,
    sd_reject_fn reject, void *arg, size_t *imported, size_t *rejected, struct sd_error *err)
{
	struct stream_args a = { .d = d, .reject = reject, .arg = arg };
	size_t bad_rows = 0;
	sd_status s, s2;

	*imported = *rejected = 0;
	if ((s = sd_permit(d, SD_ACT_ENTERPRISE_WRITE, NULL, err)) != SD_OK)
		return s;
	/*
	 * A batch bypasses the write rate; the import counts as one write,
	 * as it did in one sd_store_write, and is refused over the limit.
	 */
	if ((s = sd_store_write(d->store, rate_only, NULL, err)) != SD_OK)
		return s;
	/*
	 * Without --strict a rejected row is skipped anyway, so slices may
	 * be committed as they fill -- once a first reading has shown that
	 * the whole file can be read (header, quoting), so that a file
	 * that cannot still changes nothing.  A pipe, or --strict, gets
	 * the one transaction.
	 */
	if (!strict && fseeko(f, 0, SEEK_CUR) == 0) {
		s = sd_csv_each_enterprise(f, name, latin1, skip_row, NULL, NULL, NULL, &bad_rows,
		    err);
		if (s != SD_OK)
			return s;
		if (fseeko(f, 0, SEEK_SET) != 0)
			return sd_fail(err, SD_FAIL, _("%s: cannot read the file again: %s"), name,
			    strerror(errno));
		clearerr(f);
		a.chunked = true;
		sd_store_batch_room(d->store, CHUNK_ROOM);
		/* The slices are flushed to disk once, at the end. */
		if ((s = sd_store_bulk(d->store, true, err)) != SD_OK)
			return s;
	}
	s = import_slices(&a, f, name, latin1, strict, imported, rejected, err);
	if (a.chunked && (s2 = sd_store_bulk(d->store, false, s == SD_OK ? err : NULL)) != SD_OK &&
	    s == SD_OK)
		s = s2;
	return s;
}

static sd_status
import_slices(struct stream_args *ap, FILE *f, const char *name, bool latin1, bool strict,
    size_t *imported, size_t *rejected, struct sd_error *err)
{
	struct stream_args a = *ap;
	struct sd_desk *d = a.d;
	size_t bad_rows = 0;
	sd_status s;

	/*
	 * One write transaction (a batch) for the whole file or, chunked,
	 * for each slice; each row in a transaction nested in it.  The rows
	 * are written as they are read and not kept.
	 */
	for (;;) {
		if ((s = sd_store_batch_begin(d->store, err)) != SD_OK)
			return s;
		a.imported = a.rejected = bad_rows = 0;
		s = sd_csv_each_enterprise(f, name, latin1, stream_row, &a, stream_reject, &a,
		    &bad_rows, err);
		*rejected = a.rejected + bad_rows;
		if (s == SD_OK && strict && *rejected > 0)
			s = sd_fail(err, SD_INVALID,
			    _("%zu rows are invalid; nothing was imported (--strict)."), *rejected);
		if (s == SD_OK)
			break;
		sd_store_batch_abort(d->store);
		if (a.committed > 0) {
			/* Earlier slices stay; the caller says how many. */
			*imported = a.committed;
			return s;
		}
		/*
		 * A full map undid everything: with a larger one, the file
		 * (when it can be read again: not a pipe) starts over.
		 */
		if (!sd_store_batch_grow(d->store) || fseeko(f, 0, SEEK_SET) != 0)
			return s;
		clearerr(f);
		sd_error_clear(err);
		a.quiet_upto = a.reported;
	}
	if ((s = sd_store_batch_commit(d->store, err)) != SD_OK)
		return s;
	*imported = a.imported;
	return SD_OK;
}
