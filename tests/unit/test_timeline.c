/*
 * Unit tests for the timeline and last-contact index (src/core/timeline.c):
 * a new enterprise stands at "never", a case moves its last contact to the
 * day it was opened, a later contact moves it on and its removal moves it
 * back, an entry that is no contact leaves it, and an edit of the
 * enterprise keeps it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/core/internal.h"
#include "../../src/core/timeline.h"
#include "testdesk.h"

static sd_day
last_contact(struct td *t, const char *ent)
{
	uint8_t id[SD_UUID_LEN];
	struct sd_txn x;
	struct sd_error err;
	sd_day day;

	assert_true(sd_uuid_parse(ent, id));
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &x, &err), &err);
	td_expect(SD_OK, timeline_last_contact(&x, id, &day, &err), &err);
	sd_txn_abort(&x);
	return day;
}

/* Whether the last-contact list holds ent at day (and so sorts it there). */
static bool
listed_at(struct td *t, const char *ent, sd_day day)
{
	uint8_t id[SD_UUID_LEN];
	struct sd_key k;
	struct sd_txn x;
	struct sd_error err;
	MDB_val v;
	sd_status s;

	assert_true(sd_uuid_parse(ent, id));
	sd_key_reset(&k);
	sd_key_i32(&k, day);
	sd_key_bytes(&k, id, SD_UUID_LEN);
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &x, &err), &err);
	s = sd_db_get(&x, SD_DB_ENT_BY_CONTACT, k.b, k.len, &v, NULL, NULL);
	sd_txn_abort(&x);
	return s == SD_OK;
}

struct entry_arg {
	const char	*ent;
	int64_t		 when;
	unsigned	 flags;
	bool		 put;
	uint8_t		 ref[SD_UUID_LEN];
};

static sd_status
entry_action(struct sd_txn *x, void *arg, struct sd_error *err)
{
	struct entry_arg *a = arg;
	uint8_t id[SD_UUID_LEN];

	sd_uuid_parse(a->ent, id);
	return timeline_index(x, id, a->when, TL_MOMENT, a->ref, sizeof a->ref, a->flags, a->put,
	    err);
}

static void
entry(struct td *t, const char *ent, const char *when, unsigned flags, bool put, uint8_t tag)
{
	struct entry_arg a = { ent, td_time(when), flags, put, { tag } };
	struct sd_error err;

	td_expect(SD_OK, sd_store_write(t->d.store, entry_action, &a, &err), &err);
}

static void
test_new_enterprise_never_contacted(void **state)
{
	struct td *t = *state;

	assert_int_equal(last_contact(t, t->ent), SD_NO_DAY);
	assert_true(listed_at(t, t->ent, SD_NO_DAY));
}

static void
test_case_is_contact(void **state)
{
	struct td *t = *state;
	char num[SD_CASE_NUMBER_MAX];

	td_case(t, t->ent, "Terras", NULL, SD_PRIORITY_NORMAL, num);
	assert_int_equal(last_contact(t, t->ent), td_day("2026-03-02"));
	assert_true(listed_at(t, t->ent, td_day("2026-03-02")));
	/* The "never" place is gone: the enterprise is listed once. */
	assert_false(listed_at(t, t->ent, SD_NO_DAY));
}

static void
test_later_contact_moves_and_removal_moves_back(void **state)
{
	struct td *t = *state;
	char num[SD_CASE_NUMBER_MAX];

	td_case(t, t->ent, "Terras", NULL, SD_PRIORITY_NORMAL, num);
	entry(t, t->ent, "2026-05-10T14:00:00Z", TL_CONTACT, true, 1);
	assert_int_equal(last_contact(t, t->ent), td_day("2026-05-10"));
	assert_false(listed_at(t, t->ent, td_day("2026-03-02")));
	/* An earlier contact leaves the later one standing. */
	entry(t, t->ent, "2026-04-01T10:00:00Z", TL_CONTACT, true, 2);
	assert_int_equal(last_contact(t, t->ent), td_day("2026-05-10"));
	entry(t, t->ent, "2026-05-10T14:00:00Z", TL_CONTACT, false, 1);
	assert_int_equal(last_contact(t, t->ent), td_day("2026-04-01"));
	assert_true(listed_at(t, t->ent, td_day("2026-04-01")));
	assert_false(listed_at(t, t->ent, td_day("2026-05-10")));
	entry(t, t->ent, "2026-04-01T10:00:00Z", TL_CONTACT, false, 2);
	assert_int_equal(last_contact(t, t->ent), td_day("2026-03-02"));
}

static void
test_planned_entry_is_no_contact(void **state)
{
	struct td *t = *state;

	entry(t, t->ent, "2026-06-01T14:00:00Z", 0, true, 3);
	assert_int_equal(last_contact(t, t->ent), SD_NO_DAY);
	assert_int_equal(td_count(t, SD_DB_TIMELINE), 1);
}

static void
test_edit_keeps_last_contact(void **state)
{
	struct td *t = *state;
	char num[SD_CASE_NUMBER_MAX];
	char *f[SD_EF_COUNT] = { 0 };
	struct sd_error err;

	td_case(t, t->ent, "Terras", NULL, SD_PRIORITY_NORMAL, num);
	f[SD_EF_CITY] = (char *)"Gent";
	td_as(t, "root");
	td_expect(SD_OK, sd_enterprise_edit(&t->d, t->ent, f, 0, &err), &err);
	assert_int_equal(last_contact(t, t->ent), td_day("2026-03-02"));
	assert_int_equal(td_count(t, SD_DB_ENT_BY_CONTACT), td_count(t, SD_DB_ENT));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_enterprise_never_contacted, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_case_is_contact, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_later_contact_moves_and_removal_moves_back,
		    td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_planned_entry_is_no_contact, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_edit_keeps_last_contact, td_setup,
		    td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
