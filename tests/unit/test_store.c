/*
 * Unit tests of the store's one error currency (store.h): every write
 * helper turns LMDB's code into a status where it arises, and a full map
 * met by any of them is noted, so sd_store_write grows the map and runs
 * the action again instead of failing.  A store of its own with a small
 * map, beside the fixture's desk (testdesk.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
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

/*
 * The write transaction's cursors (store.h): gets and puts through them
 * agree with a model of the table across many transactions, each
 * committed or aborted, on the same struct sd_txn (LMDB frees a write
 * transaction's cursors when it ends: one kept would be used after it was
 * freed, which the sanitizer pass sees), with deletes between (a cursor
 * left on a page a delete merged away) and keys in and out of order.
 */
#define MKEYS	600

static uint64_t
rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static void
model_key(char key[16], unsigned i)
{
	snprintf(key, 16, "cur%05u", i);
}

static void
test_txn_cursors_agree_with_a_model(void **state)
{
	struct td *t = *state;
	struct sd_store *st = t->d.store;
	static uint32_t model[MKEYS], work[MKEYS];	/* 0: absent, else the value */
	struct sd_txn txn;
	struct sd_error err;
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	char key[16];
	MDB_val v;

	for (int round = 0; round < 40; round++) {
		bool commit = rnd(&x) % 4 != 0;

		memcpy(work, model, sizeof work);
		td_expect(SD_OK, sd_txn_begin(st, true, &txn, &err), &err);
		for (int op = 0; op < 400; op++) {
			/* Half the time the next key in order, else anywhere. */
			unsigned i = op % 2 ? (unsigned)(op / 2 + round * 7) % MKEYS :
			    (unsigned)(rnd(&x) % MKEYS);
			uint32_t val = (uint32_t)rnd(&x) | 1;
			sd_status s;

			model_key(key, i);
			switch (rnd(&x) % 5) {
			case 0: case 1:
				td_expect(SD_OK, sd_db_put(&txn, SD_DB_META, key, strlen(key), &val,
				    sizeof val, "test", &err), &err);
				work[i] = val;
				break;
			case 2:
				s = sd_db_put_new(&txn, SD_DB_META, key, strlen(key), &val,
				    sizeof val, "test", &err);
				/* MDB_KEYEXIST is SD_FAIL (store.c) */
				assert_int_equal(s, work[i] ? SD_FAIL : SD_OK);
				if (!work[i])
					work[i] = val;
				break;
			case 3:
				td_expect(SD_OK, sd_db_del(&txn, SD_DB_META, key, strlen(key), "test",
				    &err), &err);
				work[i] = 0;
				break;
			default:
				s = sd_db_get(&txn, SD_DB_META, key, strlen(key), &v, "test", &err);
				assert_int_equal(s, work[i] ? SD_OK : SD_NOTFOUND);
				if (work[i]) {
					uint32_t got;
					assert_int_equal(v.mv_size, sizeof got);
					memcpy(&got, v.mv_data, sizeof got);
					assert_int_equal(got, work[i]);
				}
			}
		}
		if (commit) {
			td_expect(SD_OK, sd_txn_commit(&txn, &err), &err);
			memcpy(model, work, sizeof model);
		} else {
			sd_txn_abort(&txn);
		}
	}
	/* What a read transaction sees: the committed rounds only. */
	td_expect(SD_OK, sd_txn_begin(st, false, &txn, &err), &err);
	for (unsigned i = 0; i < MKEYS; i++) {
		sd_status s;

		model_key(key, i);
		s = sd_db_get(&txn, SD_DB_META, key, strlen(key), &v, "test", &err);
		assert_int_equal(s, model[i] ? SD_OK : SD_NOTFOUND);
		if (model[i]) {
			uint32_t got;
			memcpy(&got, v.mv_data, sizeof got);
			assert_int_equal(got, model[i]);
		}
	}
	sd_txn_abort(&txn);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_put_grows_map, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_put_new_grows_map, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_put_flag_grows_map, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_txn_cursors_agree_with_a_model, td_setup,
		    td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
