/*
 * Restoring a backup is an administrator's job, and the core says so
 * itself (sd_restore asks sd_permit, as sd_backup does), not only the
 * command line's table: a front that calls sd_restore for another role
 * is refused before any file is opened or the database folder touched.
 * Before the fix sd_restore took a folder and no desk, so it could not
 * ask: for a contact it went on to open the file and look at the folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "sedesk/ops.h"
#include "testdesk.h"

static void
test_restore_admin_only(void **state)
{
	static const char *const logins[] = { "ann", "bram", "dina" };
	struct td *t = *state;
	struct sd_error err;
	char missing[128], data[128];
	struct stat before, after;

	snprintf(data, sizeof data, "%s/data.mdb", t->d.db_dir);
	assert_int_equal(stat(data, &before), 0);
	/* A file that does not exist: only the permission can be the answer. */
	snprintf(missing, sizeof missing, "%s/no-such-backup.mdb", t->dir);
	for (size_t i = 0; i < sizeof logins / sizeof logins[0]; i++) {
		td_as(t, logins[i]);
		td_expect_msg(SD_DENIED, sd_restore(&t->d, missing, &err), &err,
		    "only an administrator restores backups.");
	}
	assert_int_equal(stat(data, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	assert_int_equal(before.st_mtime, after.st_mtime);
	/* The administrator gets past the permission to the file itself. */
	td_as(t, "root");
	td_expect_msg(SD_INVALID, sd_restore(&t->d, missing, &err), &err, "cannot read");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_restore_admin_only, td_setup, td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
