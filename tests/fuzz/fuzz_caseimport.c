/*
 * Fuzz target: `sedesk case import` -- the history reader
 * (sd_case_import_each) in both formats, then the whole import
 * (sd_case_import: the checks against the workflow's rules and the
 * fixture's database, then the bulk write) of the same bytes as a file.
 * The first byte picks the format (even: CSV, odd: JSONL); the rest is
 * the file.
 *
 * Besides not crashing: records come in file order with their line,
 * every value is UTF-8 text without a NUL, a refused line and a failure
 * say why in a message safe to print, and a file the import refused
 * changed nothing (the database's last transaction stays).  (That an
 * import leaves `sedesk check` clean is the CLI suite's: too slow here.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sedesk/import.h"
#include "sedesk/text.h"
#include "store.h"

struct seen {
	size_t	 records, rejected;
	long	 last_line;
};

static void
on_reject(void *arg, long line, const char *why)
{
	struct seen *s = arg;

	FZ_ASSERT(why != NULL && *why != '\0');
	FZ_MESSAGE(why);
	FZ_ASSERT(line >= 1);
	if (s != NULL)
		s->rejected++;
}

static void
value_ok(const char *v)
{
	if (v != NULL)
		FZ_ASSERT(*v != '\0' && sd_utf8_valid(v, strlen(v)));
}

static sd_status
on_record(void *arg, const struct sd_ci_record *r, struct sd_error *err)
{
	struct seen *s = arg;
	const char *const v[] = { r->created, r->enterprise, r->subject, r->description,
	    r->category, r->channel, r->priority, r->status, r->closed, r->resolution,
	    r->satisfaction, r->own_view };

	(void)err;
	FZ_ASSERT(r->line >= 1 && r->line >= s->last_line);
	s->last_line = r->line;
	s->records++;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		value_ok(v[i]);
	for (int k = 0; k < SD_CI_ROUTES; k++) {
		value_ok(r->routes[k].dept);
		value_ok(r->routes[k].state);
		value_ok(r->routes[k].routed);
		value_ok(r->routes[k].answer);
		value_ok(r->routes[k].answered);
	}
	return SD_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum sd_ci_format fmt;
	struct sd_case_import_result res;
	struct sd_error err = { 0 };
	struct seen seen = { 0 };
	struct sd_desk *d;
	char path[512];
	size_t rejected = 99;
	uint64_t before;
	FILE *f;
	sd_status s;

	if (size < 1)
		return 0;
	fmt = data[0] % 2 ? SD_CI_JSONL : SD_CI_CSV;
	d = fz_desk();
	snprintf(path, sizeof path, "%s/history", fz_tmpdir());
	if ((f = fopen(path, "w+")) == NULL)
		abort();
	if (size > 1 && fwrite(data + 1, 1, size - 1, f) != size - 1)
		abort();
	fflush(f);
	rewind(f);

	s = sd_case_import_each(f, "fuzz", fmt, on_record, &seen, on_reject, &seen, &rejected,
	    &err);
	FZ_ASSERT(rejected == seen.rejected);
	if (s != SD_OK) {
		FZ_ASSERT(err.msg[0] != '\0');
		FZ_MESSAGE(err.msg);
	}

	/* The whole import: refused, it wrote nothing. */
	rewind(f);
	before = sd_store_last_txn(d->store);
	memset(&err, 0, sizeof err);
	s = sd_case_import(d, f, "fuzz", fmt, size % 3 == 0, on_reject, NULL, &res, &err);
	if (s != SD_OK) {
		FZ_ASSERT(err.msg[0] != '\0');
		FZ_MESSAGE(err.msg);
		FZ_ASSERT(res.committed_upto > 0 || sd_store_last_txn(d->store) == before);
	} else {
		FZ_ASSERT(res.imported <= seen.records);
	}
	fclose(f);
	return 0;
}
