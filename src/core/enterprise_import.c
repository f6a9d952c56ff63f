/*
 * Importing enterprises: rows read from a file (csv_import.c), each checked
 * as an add is.  From a file: in chunks on the bulk write path (bulk.h),
 * resumable; from a pipe or with --strict: in one write transaction.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "bulk.h"
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
	struct sd_bulk		*b;		/* chunked: the job; NULL: one batch */
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
	struct sd_bulk		*b;
	struct sd_error		*why;	/* a refused row's message */
};

enum { N_IMPORTED, N_REJECTED };

static sd_status
add_row(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct row_args *a = arg;
	sd_status s = ent_add_in_txn(t, a->d, a->row->f, NULL, err);

	/* Counted here, so that the chunk that commits the row stores its count. */
	if (a->b != NULL && s == SD_OK)
		a->b->pos.count[N_IMPORTED]++;
	if (a->b != NULL && s == SD_INVALID)
		a->b->pos.count[N_REJECTED]++;
	return s;
}

static sd_status
stream_row(void *arg, struct sd_import_row *row, struct sd_error *err)
{
	struct stream_args *a = arg;
	struct row_args ra = { a->d, row, NULL, NULL };
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
static sd_status import_chunked(struct stream_args *a, FILE *f, const char *name,
    const char *job, bool latin1, struct sd_import_result *res, struct sd_error *err);

sd_status
sd_enterprise_import_csv(struct sd_desk *d, FILE *f, const char *name, bool latin1, bool strict,
    sd_reject_fn reject, void *arg, size_t *imported, size_t *rejected, struct sd_error *err)
{
	struct sd_import_result res;
	sd_status s;

	s = sd_enterprise_import_file(d, f, name, latin1, strict, reject, arg, &res, err);
	*imported = res.imported;
	*rejected = res.rejected;
	return s;
}

sd_status
sd_enterprise_import_file(struct sd_desk *d, FILE *f, const char *name, bool latin1,
    bool strict, sd_reject_fn reject, void *arg, struct sd_import_result *res,
    struct sd_error *err)
{
	struct stream_args a = { .d = d, .reject = reject, .arg = arg };
	char job[SD_BULK_NAME_MAX + 1], id[96];
	sd_status s;

	memset(res, 0, sizeof *res);
	if ((s = sd_permit(d, SD_ACT_ENTERPRISE_WRITE, NULL, err)) != SD_OK)
		return s;
	/* Over the rate limit is refused without waiting for the writer. */
	if ((s = sd_store_rate_precheck(d->store, err)) != SD_OK)
		return s;
	/*
	 * A file is imported in chunks that commit as they fill, and a
	 * rerun of the same file (its identity names the job) resumes after
	 * the last committed row.  --strict promises all or nothing, and a
	 * pipe cannot be read again to resume: those are one transaction.
	 */
	if (!strict && sd_bulk_file_identity(f, id, sizeof id, NULL) == SD_OK) {
		/* Read another way, the same file is another job. */
		snprintf(job, sizeof job, "enterprise-import:%s%s", latin1 ? "latin1:" : "", id);
		return import_chunked(&a, f, name, job, latin1, res, err);
	}
	return import_batch(&a, f, name, latin1, strict, &res->imported, &res->rejected, err);
}

static sd_status
bulk_row(void *arg, struct sd_import_row *row, struct sd_error *err)
{
	struct stream_args *a = arg;
	struct row_args ra = { a->d, row, a->b, NULL };
	struct sd_error e;
	sd_status s;

	/* Committed by an earlier run of the same job. */
	if ((uint64_t)row->line <= a->b->resume.row)
		return SD_OK;
	s = sd_bulk_row(a->b, add_row, &ra, (uint64_t)row->line, 0, &e);
	if (s == SD_INVALID) {
		stream_reject(a, row->line, e.msg);
		return SD_OK;
	}
	if (s != SD_OK && err != NULL)
		*err = e;
	return s;
}

/* A row the reader refused (not UTF-8, too many fields). */
static void
bulk_reject(void *arg, long line, const char *why)
{
	struct stream_args *a = arg;

	if ((uint64_t)line <= a->b->pos.row)
		return;		/* counted and reported by an earlier run */
	a->b->pos.count[N_REJECTED]++;
	stream_reject(a, line, why);
}

static sd_status
import_chunked(struct stream_args *a, FILE *f, const char *name, const char *job, bool latin1,
    struct sd_import_result *res, struct sd_error *err)
{
	struct sd_bulk b;
	size_t bad_rows;
	sd_status s;

	for (;;) {
		if ((s = sd_bulk_begin(&b, a->d->store, job, NULL, err)) != SD_OK)
			return s;
		/*
		 * The same file imported whole before: its rows without a
		 * number would come in twice (nothing else refuses them), so
		 * nothing is done and the caller says so.
		 */
		if (b.done) {
			res->already = b.done_at;
			res->imported = b.resume.count[N_IMPORTED];
			res->rejected = b.resume.count[N_REJECTED];
			return SD_OK;
		}
		a->b = &b;
		/*
		 * A new job first reads the whole file: one that cannot be
		 * read to its end (no header, a quote left open) changes
		 * nothing, as before chunks.  A resumed job was read whole by
		 * the run that began it.
		 */
		if (!b.resumed && a->quiet_upto == 0) {
			s = sd_csv_check_enterprises(f, name, latin1, err);
			if (s != SD_OK)
				return s;
			if (fseeko(f, 0, SEEK_SET) != 0)
				return sd_fail(err, SD_FAIL, _("%s: cannot read the file again: %s"),
				    name, strerror(errno));
			clearerr(f);
		}
		s = sd_csv_each_enterprise(f, name, latin1, bulk_row, a, bulk_reject, a, &bad_rows,
		    err);
		if (s == SD_OK)
			s = sd_bulk_finish_keep(&b, err);
		if (s == SD_OK)
			break;
		sd_bulk_abort(&b);
		/* A full map: the map grew; the job resumes after its last commit. */
		if (!sd_bulk_retry(&b) || fseeko(f, 0, SEEK_SET) != 0) {
			res->imported = b.committed.count[N_IMPORTED];
			res->rejected = b.committed.count[N_REJECTED];
			res->resumed_after = b.resumed ? (long)b.resume.row : 0;
			res->committed_upto = (long)b.committed.row;
			return s;
		}
		clearerr(f);
		sd_error_clear(err);
		a->quiet_upto = a->reported;
	}
	res->imported = b.pos.count[N_IMPORTED];
	res->rejected = b.pos.count[N_REJECTED];
	res->resumed_after = b.resumed ? (long)b.resume.row : 0;
	res->chunks = b.chunks;
	return SD_OK;
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
