/*
 * The picker's search by enterprise number (sd_enterprise_find) leaves
 * nothing to free when it fails, as its other ways out do: the interface
 * (scr_enterprise.c) frees a page only when the search succeeded.  Before
 * the fix a record that could not be read left the page's array behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sedesk/enterprise.h"
#include "testdesk.h"

/* Writes bytes no decoder reads over the fixture enterprise's record. */
static sd_status
damage(struct sd_txn *t, void *arg, struct sd_error *err)
{
	return sd_db_put(t, SD_DB_ENT, arg, SD_UUID_LEN, "torn", 4, "enterprise", err);
}

static void
test_find_by_number_fails_clean(void **state)
{
	struct td *t = *state;
	struct sd_enterprise_list l;
	struct sd_error err;
	uint8_t id[SD_UUID_LEN];

	/* Found while whole. */
	td_expect(SD_OK, sd_enterprise_find(&t->d, "0403.170.701", 10, &l, &err), &err);
	assert_int_equal(l.n, 1);
	sd_enterprise_list_free(&l);

	assert_true(sd_uuid_parse(t->ent, id));
	td_expect(SD_OK, sd_store_write(t->d.store, damage, id, &err), &err);
	td_expect_msg(SD_FAIL, sd_enterprise_find(&t->d, "0403.170.701", 10, &l, &err), &err,
	    "cannot be read");
	assert_null(l.items);
	assert_int_equal(l.n, 0);

	/* A number nobody has is nothing found, not an error. */
	td_expect(SD_OK, sd_enterprise_find(&t->d, "0202.239.951", 10, &l, &err), &err);
	assert_int_equal(l.n, 0);
	sd_enterprise_list_free(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_find_by_number_fails_clean, td_setup,
		    td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
