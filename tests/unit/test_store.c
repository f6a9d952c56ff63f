/*
 * Unit tests of the store's one error currency (store.h): every write
 * helper turns LMDB's code into a status where it arises, and a full map
 * met by any of them is noted, so sd_store_write grows the map and runs
 * the action again instead of failing.  A store of its own with a small
 * map, beside the fixture's desk (testdesk.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "testdesk.h"

#define SMALL_MAP	((size_t)256 << 10)
#define NKEYS		2000	/* 2000 keys of 400 bytes with 1 KiB values: some MiB */

enum helper { H_PUT, H_PUT_NEW, H_PUT_FLAG };

struct fill {
	enum helper	how;
	unsigned	runs;	/* how often sd_store_write ran the action */
};

static sd_status
fill_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct fill *f = arg;
	char key[400], val[1024];
	sd_status s = SD_OK;

	f->runs++;
	memset(val, 'v', sizeof val);
	for (unsigned i = 0; i < NKEYS && s == SD_OK; i++) {
		memset(key, 'k', sizeof key);
		snprintf(key, sizeof key, "%06u", i);
		switch (f->how) {
		case H_PUT:
			s = sd_db_put(t, SD_DB_META, key, sizeof key, val, sizeof val, "test", err);
			break;
		case H_PUT_NEW:
			s = sd_db_put_new(t, SD_DB_META, key, sizeof key, val, sizeof val, "test",
			    err);
			break;
		case H_PUT_FLAG:
			s = sd_db_put_flag(t, SD_DB_META, key, sizeof key, "test", err);
			break;
		}
	}
	return s;
}

static void
fills_small_map(struct td *t, enum helper how)
{
	char dir[128];
	struct sd_store st;
	struct sd_error err;
	struct fill f = { how, 0 };

	snprintf(dir, sizeof dir, "%s/small", t->dir);
	td_expect(SD_OK, sd_store_open(&st, dir, SMALL_MAP, 1000, "ann", true, &err), &err);
	td_expect(SD_OK, sd_store_write(&st, fill_action, &f, &err), &err);
	/* The first run met the full map; a later one in a larger map got through. */
	assert_true(f.runs > 1);
	assert_true(st.mapsize > SMALL_MAP);
	sd_store_close(&st);
}

static void
test_put_grows_map(void **state)
{
	fills_small_map(*state, H_PUT);
}

static void
test_put_new_grows_map(void **state)
{
	fills_small_map(*state, H_PUT_NEW);
}

static void
test_put_flag_grows_map(void **state)
{
	fills_small_map(*state, H_PUT_FLAG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_put_grows_map, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_put_new_grows_map, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_put_flag_grows_map, td_setup, td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
