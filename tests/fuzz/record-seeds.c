/*
 * Writes the seed corpus of fuzz_record: every enterprise, case, route,
 * journal, contact moment, event and attendance record of the fixture's
 * database (fuzz.h), one file each, named by table and number, into DIR
 * (make fuzz-seeds: tests/fuzz/corpus/record).
 *
 *   record-seeds DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "store.h"

/* libFuzzer's entry point is not linked here; fuzz.h declares it. */

static int
dump(struct sd_txn *t, enum sd_dbi db, const char *name, const char *dir)
{
	struct sd_iter it;
	int n = 0;

	/* A non-NULL empty prefix: see the report on store.c has_prefix(). */
	sd_iter_start(&it, t, db, "", 0, false, NULL, 0);
	while (sd_iter_next(&it)) {
		char path[1024];
		FILE *fp;

		snprintf(path, sizeof path, "%s/%s-%02d", dir, name, ++n);
		if ((fp = fopen(path, "wb")) == NULL ||
		    fwrite(it.val.mv_data, 1, it.val.mv_size, fp) != it.val.mv_size ||
		    fclose(fp) != 0) {
			perror(path);
			exit(1);
		}
	}
	sd_iter_end(&it);
	/*
	 * Seeds of a table past its last record are stale (the fixture got
	 * smaller): the GNUmakefile removes only the older tables' files.
	 */
	for (int i = n + 1;; i++) {
		char path[1024];

		snprintf(path, sizeof path, "%s/%s-%02d", dir, name, i);
		if (unlink(path) != 0)
			break;
	}
	return n;
}

int
main(int argc, char **argv)
{
	struct sd_desk *d;
	struct sd_error err = { 0 };
	struct sd_txn t;
	int n = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: record-seeds DIR\n");
		return 2;
	}
	d = fz_desk();
	if (sd_txn_begin(d->store, false, &t, &err) != SD_OK) {
		fprintf(stderr, "record-seeds: %s\n", err.msg);
		return 1;
	}
	n += dump(&t, SD_DB_ENT, "enterprise", argv[1]);
	n += dump(&t, SD_DB_CASE, "case", argv[1]);
	n += dump(&t, SD_DB_ROUTE, "route", argv[1]);
	n += dump(&t, SD_DB_JOURNAL, "journal", argv[1]);
	n += dump(&t, SD_DB_MOMENT, "moment", argv[1]);
	n += dump(&t, SD_DB_EVENT, "event", argv[1]);
	n += dump(&t, SD_DB_ATTEND, "attend", argv[1]);
	sd_txn_abort(&t);
	printf("record-seeds: %d records written to %s\n", n, argv[1]);
	return 0;
}
