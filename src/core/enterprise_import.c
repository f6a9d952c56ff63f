/*
 * Importing enterprises: rows read from a file (csv_import.c) added in one
 * write transaction, each checked as an add is.
 */
#include <stdbool.h>
#include <stddef.h>

#include "internal.h"
#include "sedesk/i18n.h"

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
