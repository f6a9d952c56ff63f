/* Unit tests for amounts of money (src/core/money.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sedesk/money.h"

static void
check_ok(const char *in, int64_t want)
{
	struct sd_error err = { .code = SD_OK };
	int64_t got = -1;

	if (sd_money_parse(in, "--value", &got, &err) != SD_OK)
		fail_msg("\"%s\" refused: %s", in, err.msg);
	if (got != want)
		fail_msg("\"%s\": %lld cents, want %lld", in, (long long)got, (long long)want);
}

/* in is refused and the message holds frag (and quotes the option). */
static void
check_bad(const char *in, const char *frag)
{
	struct sd_error err = { .code = SD_OK };
	int64_t got = 7;

	assert_int_equal(sd_money_parse(in, "--value", &got, &err), SD_INVALID);
	assert_int_equal(got, 0);
	if (strstr(err.msg, frag) == NULL || strstr(err.msg, "--value") == NULL)
		fail_msg("\"%s\": message \"%s\" lacks \"%s\"", in, err.msg, frag);
}

static void
test_parse_forms(void **state)
{
	(void)state;
	check_ok("12.500,50", 1250050);
	check_ok("12500.50", 1250050);
	check_ok("12,500.50", 1250050);
	check_ok("€ 12 500", 1250000);
	check_ok("€12,500.50", 1250050);
	check_ok("12 500,50 €", 1250050);
	check_ok("12500 EUR", 1250000);
	check_ok("12\xc2\xa0" "500", 1250000);	/* a no-break space from a web page */
	check_ok("  30000  ", 3000000);
	check_ok("1.234.567", 123456700);
	check_ok("1,234,567.8", 123456780);
	check_ok("12,5", 1250);
	check_ok("12.5", 1250);
	check_ok("0", 0);
	check_ok("0,05", 5);
	/* A lone separator before three digits groups thousands in both languages. */
	check_ok("12.500", 1250000);
	check_ok("12,500", 1250000);
	check_ok("+100", 10000);
	check_ok("999.999.999.999,99", SD_MONEY_MAX);
}

static void
test_parse_refused(void **state)
{
	(void)state;
	check_bad("-5", "negative");
	check_bad("€ -12.500", "negative");
	check_bad("abc", "not an amount");
	check_bad("", "not an amount");
	check_bad("12x", "not an amount");
	check_bad("1e5", "not an amount");
	check_bad("€", "not an amount");
	check_bad("12.5055", "two decimals");
	check_bad("12.500,505", "two decimals");
	check_bad("1,2,3", "misplaced");
	check_bad("1.23,456.78", "misplaced");
	check_bad("12..5", "misplaced");
	check_bad("1 2", "misplaced");
	check_bad("0,001", "misplaced");
	check_bad(",50", "misplaced");
	check_bad("1000000000000", "too large");
	check_bad("99999999999999999999999999", "too large");
	check_bad("9223372036854775807", "too large");
}

static void
test_format(void **state)
{
	char out[SD_MONEY_STR];

	(void)state;
	sd_money_format_lang(1250050, "nl", out);
	assert_string_equal(out, "€ 12.500,50");
	sd_money_format_lang(1250050, "en", out);
	assert_string_equal(out, "€12,500.50");
	sd_money_format_lang(5, "nl", out);
	assert_string_equal(out, "€ 0,05");
	sd_money_format_lang(100000000, "en", out);
	assert_string_equal(out, "€1,000,000.00");
	sd_money_format_lang(SD_MONEY_MAX, "nl", out);
	assert_string_equal(out, "€ 999.999.999.999,99");
	sd_money_plain(1250050, out);
	assert_string_equal(out, "12500.50");
	sd_money_plain(0, out);
	assert_string_equal(out, "0.00");
}

/* What is written reads back to the same cents, in every form. */
static void
test_round_trip(void **state)
{
	static const int64_t v[] = { 0, 1, 99, 100, 123456, 100000000, 2999999, SD_MONEY_MAX };
	char out[SD_MONEY_STR];
	int64_t back;

	(void)state;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		sd_money_plain(v[i], out);
		assert_int_equal(sd_money_parse(out, "x", &back, NULL), SD_OK);
		assert_int_equal(back, v[i]);
		sd_money_format_lang(v[i], "nl", out);
		assert_int_equal(sd_money_parse(out, "x", &back, NULL), SD_OK);
		assert_int_equal(back, v[i]);
		sd_money_format_lang(v[i], "en", out);
		assert_int_equal(sd_money_parse(out, "x", &back, NULL), SD_OK);
		assert_int_equal(back, v[i]);
	}
}

static void
test_percent(void **state)
{
	(void)state;
	assert_int_equal(sd_money_percent(10000000, 5), 500000);
	/* Half a cent rounds up: 5% of €0,10 is 0,5 cent. */
	assert_int_equal(sd_money_percent(10, 5), 1);
	assert_int_equal(sd_money_percent(9, 5), 0);
	assert_int_equal(sd_money_percent(SD_MONEY_MAX, 100), SD_MONEY_MAX);
	assert_int_equal(sd_money_percent(1000, 0), 0);
	assert_int_equal(sd_money_percent(1000, 101), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_parse_refused),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_percent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
