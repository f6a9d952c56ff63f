/*
 * The data protection officer's role and the two privacy actions
 * (issue 17): the dpo reads (SD_ACT_PRIVACY_READ) and may do nothing
 * else; only an administrator changes (SD_ACT_PRIVACY_WRITE); every other
 * role is refused both, in the words of sd_permit.  A configuration with
 * "role = dpo" loads and the caller gets that role.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sedesk/desk.h"
#include "sedesk/privacy.h"
#include "testdesk.h"
#include "../fixture/fixture.h"

static void
test_matrix(void **state)
{
	static const struct {
		enum sd_role role;
		bool	 read, write;
	} rows[] = {
		{ SD_ROLE_CONTACT, false, false },
		{ SD_ROLE_OFFICER, false, false },
		{ SD_ROLE_MANAGER, false, false },
		{ SD_ROLE_ADMIN, true, true },
		{ SD_ROLE_DPO, true, false },
	};
	char *depts[] = { (char *)"eco" };

	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct sd_officer o = { .login = (char *)"x", .name = (char *)"X",
		    .role = rows[i].role, .departments = depts, .ndepartments = 1 };
		struct sd_desk d;
		struct sd_error err;

		memset(&d, 0, sizeof d);
		d.me = &o;
		assert_int_equal(sd_officer_may(&o, SD_ACT_PRIVACY_READ), rows[i].read);
		assert_int_equal(sd_officer_may(&o, SD_ACT_PRIVACY_WRITE), rows[i].write);
		if (!rows[i].read)
			td_expect_msg(SD_DENIED, sd_permit(&d, SD_ACT_PRIVACY_READ, NULL, &err),
			    &err, "data protection officer");
		else
			td_expect(SD_OK, sd_permit(&d, SD_ACT_PRIVACY_READ, NULL, &err), &err);
		if (!rows[i].write)
			td_expect_msg(SD_DENIED, sd_permit(&d, SD_ACT_PRIVACY_WRITE, NULL, &err),
			    &err, "only an administrator erases personal data");
		else
			td_expect(SD_OK, sd_permit(&d, SD_ACT_PRIVACY_WRITE, NULL, &err), &err);
	}
}

/* A dpo works no case, reads no report and runs no job: only PRIVACY_READ. */
static void
test_dpo_nothing_else(void **state)
{
	struct sd_officer o = { .login = (char *)"petra", .role = SD_ROLE_DPO };

	(void)state;
	for (int a = SD_ACT_ENTERPRISE_WRITE; a <= SD_ACT_PRIVACY_WRITE; a++)
		assert_int_equal(sd_officer_may(&o, (enum sd_action)a), a == SD_ACT_PRIVACY_READ);
}

static void
test_config_dpo(void **state)
{
	char dir[128], ini[192];
	struct sd_desk d;
	struct sd_error err;

	(void)state;
	assert_true(fx_mkdtemp(dir, sizeof dir, "dpo"));
	assert_true(fx_write_config(dir,
	    "[officer:petra]\nname = Petra Vos\nrole = dpo\n", ini, sizeof ini));
	td_expect(SD_OK, fx_open(&d, ini, td_time(TD_NOW), &err), &err);
	assert_true(fx_as(&d, "petra"));
	assert_int_equal(d.me->role, SD_ROLE_DPO);
	assert_string_equal(sd_role_name(d.me->role), "dpo");
	assert_int_equal(sd_role_parse("DPO"), SD_ROLE_DPO);
	assert_string_equal(sd_role_label(SD_ROLE_DPO), "data protection officer");
	sd_desk_close(&d);
	fx_rmtree(dir);
}

/*
 * The core asks itself, not only the command line's table: every privacy
 * call of a contact, an officer and a manager is refused, and nothing in
 * the database changes.
 */
static void
test_core_refuses(void **state)
{
	static const char *const logins[] = { "ann", "bram", "dina" };
	static const struct sd_privacy_query q = { SD_PRIVACY_PERSON, "Café De Kroon" };
	struct td *t = *state;
	const struct sd_privacy_field *f;
	struct sd_privacy_report r;
	struct sd_retention_list l;
	struct sd_error err;
	char **lines;
	uint64_t before = td_fingerprint(t);
	size_t n;
	bool pending;

	for (size_t i = 0; i < sizeof logins / sizeof logins[0]; i++) {
		td_as(t, logins[i]);
		td_expect(SD_DENIED, sd_privacy_fields(&t->d, &f, &n, &err), &err);
		td_expect(SD_DENIED, sd_privacy_export(&t->d, &q, &r, &err), &err);
		td_expect(SD_DENIED, sd_privacy_erase(&t->d, &q, &r, &n, &pending, &err), &err);
		td_expect(SD_DENIED, sd_privacy_compact(&t->d, &err), &err);
		td_expect(SD_DENIED, sd_privacy_retention(&t->d, false, &l, &err), &err);
		td_expect(SD_DENIED, sd_privacy_retention(&t->d, true, &l, &err), &err);
		assert_int_equal(sd_privacy_inbox(&t->d, &lines), 0);
	}
	assert_true(td_fingerprint(t) == before);
	/* The administrator finds the enterprise by its name. */
	td_as(t, "root");
	td_expect(SD_OK, sd_privacy_export(&t->d, &q, &r, &err), &err);
	assert_true(r.nhits >= 1);
	assert_string_equal(r.hits[0].record, "enterprise");
	sd_privacy_report_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_dpo_nothing_else),
		cmocka_unit_test(test_config_dpo),
		cmocka_unit_test_setup_teardown(test_core_refuses, td_setup, td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
