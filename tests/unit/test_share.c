/* Unit tests for shares of a whole (src/core/share.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sedesk/share.h"

static void
is(uint64_t part, uint64_t whole, const char *want)
{
	char got[SD_SHARE_STR];

	sd_share_format(part, whole, got);
	if (strcmp(got, want) != 0)
		fail_msg("%llu of %llu: \"%s\", want \"%s\"", (unsigned long long)part,
		    (unsigned long long)whole, got, want);
}

/* No whole: no share; nothing of a whole: 0%; all of it: 100%. */
static void
test_ends(void **state)
{
	(void)state;
	is(0, 0, "-");
	is(3, 0, "-");
	is(0, 400, "0%");
	is(400, 400, "100%");
	is(1, 1, "100%");
}

/* Something is never "0%", short of all never "100%" (the reason for the function). */
static void
test_not_nothing_not_all(void **state)
{
	(void)state;
	is(1, 400, "<1%");
	is(1, 1000000, "<1%");
	is(399, 400, ">99%");
	is(999999, 1000000, ">99%");
	is(UINT64_MAX - 1, UINT64_MAX, ">99%");
}

/* Between the ends: rounded half up to a whole percent. */
static void
test_rounding(void **state)
{
	(void)state;
	is(1, 200, "1%");	/* 0.5 % */
	is(1, 3, "33%");
	is(2, 3, "67%");
	is(1, 8, "13%");	/* 12.5 % */
	is(7, 8, "88%");	/* 87.5 % */
	is(197, 200, "99%");	/* 98.5 % */
	is(3, 7, "43%");
}

/* A part over the whole (a bug elsewhere) still prints, short. */
static void
test_over(void **state)
{
	(void)state;
	is(3, 2, "150%");
	is(UINT64_MAX, 1, ">999%");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ends),
		cmocka_unit_test(test_not_nothing_not_all),
		cmocka_unit_test(test_rounding),
		cmocka_unit_test(test_over),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
