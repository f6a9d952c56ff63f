/*
 * Unit tests of the personal-data statement of exports (issue 17, minimal
 * by default; sedesk/export_notice.h): the decision follows the field
 * tables' SD_FF_PERSONAL marks, column by column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sedesk/export_notice.h"

static void
test_decision(void **state)
{
	static const struct sd_export_column figures[] = {
		{ SD_RECORD_ROUTE, "department" }, { SD_RECORD_CASE, "category" },
		{ SD_RECORD_CASE, "satisfaction" }, { SD_RECORD_KIND_COUNT, NULL },
	};
	static const struct sd_export_column reasons[] = {
		{ SD_RECORD_ROUTE, "department" }, { SD_RECORD_ROUTE, "answer" },
		{ SD_RECORD_KIND_COUNT, NULL },
	};
	static const struct sd_export_column contacts[] = {
		{ SD_RECORD_ENTERPRISE, "name" }, { SD_RECORD_ENTERPRISE, "city" },
		{ SD_RECORD_ENTERPRISE, "email" }, { SD_RECORD_ENTERPRISE, "persons" },
		{ SD_RECORD_KIND_COUNT, NULL },
	};
	static const struct sd_export_column unknown[] = {
		{ SD_RECORD_CASE, "no_such_field" }, { SD_RECORD_KIND_COUNT, NULL },
	};
	char names[128];

	(void)state;
	assert_false(sd_export_personal(figures));
	assert_int_equal(sd_export_personal_names(figures, names, sizeof names), 0);
	assert_string_equal(names, "");
	assert_true(sd_export_personal(reasons));
	assert_int_equal(sd_export_personal_names(reasons, names, sizeof names), 1);
	assert_string_equal(names, "route.answer");
	assert_true(sd_export_personal(contacts));
	assert_int_equal(sd_export_personal_names(contacts, names, sizeof names), 2);
	assert_string_equal(names, "enterprise.email,enterprise.persons");
	assert_false(sd_export_personal(unknown));
	assert_false(sd_export_personal(NULL));
	/* A buffer too small stays a string. */
	assert_int_equal(sd_export_personal_names(contacts, names, 8), 2);
	assert_true(strlen(names) < 8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decision),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
