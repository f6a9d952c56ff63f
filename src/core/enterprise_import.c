/*
 * Importing enterprises: rows read from a file (csv_import.c) added in one
 * write transaction, each checked as an add is.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

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

struct stream_args {
	struct sd_desk		*d;
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
		return SD_OK;
	}
	if (s != SD_OK) {
		if (err != NULL)
			*err = e;
		return s;
	}
	a->imported++;
	return SD_OK;
}

/*
 * A batch bypasses the write rate that sd_store_write charges: the import
 * counts as one write, charged in its own transaction (refused or undone,
 * it counts nothing), as when it was one sd_store_write.
 */
static sd_status
charge_rate(struct sd_txn *t, void *arg, struct sd_error *err)
{
	(void)arg;
	return sd_store_rate_charge(t, err);
}

static sd_status import_batch(struct stream_args *a, FILE *f, const char *name, bool latin1,
    bool strict, size_t *imported, size_t *rejected, struct sd_error *err);

sd_status
sd_enterprise_import_csv(struct sd_desk *d, FILE *f, const char *name, bool latin1, bool strict,
    sd_reject_fn reject, void *arg, size_t *imported, size_t *rejected, struct sd_error *err)
{
	struct stream_args a = { .d = d, .reject = reject, .arg = arg };
	sd_status s;

	*imported = *rejected = 0;
	if ((s = sd_permit(d, SD_ACT_ENTERPRISE_WRITE, NULL, err)) != SD_OK)
		return s;
	/* Over the rate limit is refused without waiting for the writer. */
	if ((s = sd_store_rate_precheck(d->store, err)) != SD_OK)
		return s;
	return import_batch(&a, f, name, latin1, strict, imported, rejected, err);
}

static sd_status
import_batch(struct stream_args *ap, FILE *f, const char *name, bool latin1, bool strict,
    size_t *imported, size_t *rejected, struct sd_error *err)
{
	struct stream_args a = *ap;
	struct sd_desk *d = a.d;
	size_t bad_rows = 0;
	sd_status s;

	/*
	 * One write transaction (a batch) for the whole file, each row in a
	 * transaction nested in it: the rows are written as they are read
	 * and not kept, and the import still commits or changes nothing
	 * (also when the process is killed).
	 */
	for (;;) {
		if ((s = sd_store_batch_begin(d->store, err)) != SD_OK)
			return s;
		a.imported = a.rejected = bad_rows = 0;
		s = sd_store_write(d->store, charge_rate, NULL, err);
		if (s == SD_OK)
			s = sd_csv_each_enterprise(f, name, latin1, stream_row, &a, stream_reject,
			    &a, &bad_rows, err);
		*rejected = a.rejected + bad_rows;
		if (s == SD_OK && strict && *rejected > 0)
			s = sd_fail(err, SD_INVALID,
			    _("%zu rows are invalid; nothing was imported (--strict)."), *rejected);
		if (s == SD_OK)
			break;
		sd_store_batch_abort(d->store);
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
