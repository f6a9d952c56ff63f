/* Unit tests for enterprise numbers (src/core/number.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sedesk/number.h"

/* Normalises in and checks the kind and the canonical form. */
static void
check_ok(const char *in, enum sd_number_kind kind, const char *want)
{
	char out[SD_NUMBER_MAX];
	struct sd_error err = { 0 };
	enum sd_number_kind got;

	got = sd_number_normalise(in, out, &err);
	if (got != kind)
		fail_msg("\"%s\": kind %d, want %d (%s)", in, got, kind,
		    err.msg);
	assert_string_equal(out, want);
	assert_int_equal(err.code, SD_OK);
}

/*
 * Checks that in is refused with SD_INVALID and that the message contains
 * each of the given fragments (NULL-terminated).
 */
static void
check_bad(const char *in, ...)
{
	char out[SD_NUMBER_MAX];
	struct sd_error err = { 0 };
	const char *frag;
	va_list ap;

	memset(out, 'x', sizeof out);
	assert_int_equal(sd_number_normalise(in, out, &err), SD_NUMBER_NONE);
	assert_int_equal(err.code, SD_INVALID);
	assert_string_equal(out, "");
	va_start(ap, in);
	while ((frag = va_arg(ap, const char *)) != NULL)
		if (strstr(err.msg, frag) == NULL)
			fail_msg("\"%s\": message \"%s\" lacks \"%s\"", in,
			    err.msg, frag);
	va_end(ap);
}

static void
test_kbo_check(void **state)
{
	(void)state;
	/* Real numbers from the KBO open-data sample. */
	assert_true(sd_kbo_check("0200065765"));
	assert_true(sd_kbo_check("0200068636"));
	assert_true(sd_kbo_check("0200171970"));
	assert_true(sd_kbo_check("0220815847"));
	assert_true(sd_kbo_check("0403170701"));
	/* 10234567 mod 97 is 0, so the check digits are 97. */
	assert_true(sd_kbo_check("1023456797"));
	assert_true(sd_kbo_check("1000000021"));
	assert_false(sd_kbo_check("0403170702"));
	assert_false(sd_kbo_check("0403170710"));
	assert_false(sd_kbo_check("0200065756"));
	assert_false(sd_kbo_check("1023456700"));
	assert_false(sd_kbo_check("04031707a1"));
}

static void
test_kbo_forms(void **state)
{
	(void)state;
	check_ok("0200.065.765", SD_NUMBER_KBO, "0200.065.765");
	check_ok("0200065765", SD_NUMBER_KBO, "0200.065.765");
	check_ok("0200 065 765", SD_NUMBER_KBO, "0200.065.765");
	check_ok("BE0200065765", SD_NUMBER_KBO, "0200.065.765");
	check_ok("BE 0200.065.765", SD_NUMBER_KBO, "0200.065.765");
	check_ok("be0220.815.847", SD_NUMBER_KBO, "0220.815.847");
	check_ok("0200-171-970", SD_NUMBER_KBO, "0200.171.970");
	check_ok("0200/245/711", SD_NUMBER_KBO, "0200.245.711");
	check_ok("  0200.068.636\t", SD_NUMBER_KBO, "0200.068.636");
	check_ok("0403.170.701", SD_NUMBER_KBO, "0403.170.701");
	/* A no-break space, as copied from a web page. */
	check_ok("0403\xc2\xa0" "170\xc2\xa0" "701", SD_NUMBER_KBO,
	    "0403.170.701");
	check_ok("1023.456.797", SD_NUMBER_KBO, "1023.456.797");
}

static void
test_kbo_old_nine_digits(void **state)
{
	(void)state;
	check_ok("403.170.701", SD_NUMBER_KBO, "0403.170.701");
	check_ok("403170701", SD_NUMBER_KBO, "0403.170.701");
	check_ok("BE 200.065.765", SD_NUMBER_KBO, "0200.065.765");
	/* The leading 0 is part of the check: a bad 9-digit one fails. */
	check_bad("403.170.702", "check digits 02", "expected 01", NULL);
}

static void
test_kvk(void **state)
{
	(void)state;
	check_ok("12345678", SD_NUMBER_KVK, "12345678");
	check_ok("1234 5678", SD_NUMBER_KVK, "12345678");
	check_ok("NL 12345678", SD_NUMBER_KVK, "12345678");
	check_ok("nl12.34.56.78", SD_NUMBER_KVK, "12345678");
	check_ok("01234567", SD_NUMBER_KVK, "01234567");
}

static void
test_check_digits_message(void **state)
{
	(void)state;
	check_bad("0403.170.702", "0403.170.702", "check digits 02",
	    "do not match", "expected 01", "mistyped", NULL);
	check_bad("0200065756", "0200.065.756", "check digits 56",
	    "expected 65", NULL);
	check_bad("1023.456.700", "check digits 00", "expected 97", NULL);
}

static void
test_first_digit(void **state)
{
	(void)state;
	/* These pass mod 97; only the first digit is wrong. */
	assert_true(sd_kbo_check("2403170743"));
	assert_true(sd_kbo_check("9200065760"));
	check_bad("2403.170.743", "starts with 2", "0 or 1", NULL);
	check_bad("9200065760", "starts with 9", "0 or 1", NULL);
}

static void
test_wrong_length(void **state)
{
	(void)state;
	check_bad("1234567", "\"1234567\"", "has 7 digits",
	    "a KBO number has 10 (0xxx.xxx.xxx), a KvK number 8", NULL);
	check_bad("0403.170.7011", "has 11 digits", "KBO", "KvK", NULL);
	check_bad("1", "has 1 digit;", NULL);
	check_bad("", "no digits", NULL);
	check_bad("  . - ", "no digits", NULL);
	check_bad(NULL, "no digits", NULL);
}

static void
test_prefix_mismatch(void **state)
{
	(void)state;
	check_bad("BE12345678", "BE", "8 digits", "10", NULL);
	check_bad("NL0403170701", "NL", "10 digits", "KvK number has 8",
	    NULL);
	check_bad("NL403170701", "NL", "9 digits", NULL);
}

static void
test_letters(void **state)
{
	(void)state;
	check_bad("0403.17O.701", "letter \"O\"", "only contain digits", NULL);
	check_bad("KvK 12345678", "letter \"K\"", NULL);
	check_bad("0403170701BE", "letter \"B\"", NULL);
	check_bad("0403,170,701", "\",\"", "not a digit", NULL);
	/* A whole non-ASCII character is quoted, and controls made visible. */
	check_bad("0403\xc3\xa9" "170701", "\"\xc3\xa9\"", "not a digit", NULL);
	check_bad("0403\x1b[2J", "^[", "not a digit", NULL);
	check_bad("0403\xff", "<FF>", NULL);
}

static void
test_long_input_quoted_short(void **state)
{
	char in[400], out[SD_NUMBER_MAX];
	struct sd_error err = { 0 };

	(void)state;
	memset(in, '1', sizeof in - 1);
	in[sizeof in - 1] = '\0';
	assert_int_equal(sd_number_normalise(in, out, &err), SD_NUMBER_NONE);
	assert_non_null(strstr(err.msg, "has 399 digits"));
	assert_non_null(strstr(err.msg, "…"));
	assert_true(strlen(err.msg) < 200);
}

static void
test_no_err_record(void **state)
{
	char out[SD_NUMBER_MAX];

	(void)state;
	/* err may be NULL. */
	assert_int_equal(sd_number_normalise("123", out, NULL),
	    SD_NUMBER_NONE);
	assert_int_equal(sd_number_normalise("0403170701", out, NULL),
	    SD_NUMBER_KBO);
	assert_string_equal(out, "0403.170.701");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kbo_check),
		cmocka_unit_test(test_kbo_forms),
		cmocka_unit_test(test_kbo_old_nine_digits),
		cmocka_unit_test(test_kvk),
		cmocka_unit_test(test_check_digits_message),
		cmocka_unit_test(test_first_digit),
		cmocka_unit_test(test_wrong_length),
		cmocka_unit_test(test_prefix_mismatch),
		cmocka_unit_test(test_letters),
		cmocka_unit_test(test_long_input_quoted_short),
		cmocka_unit_test(test_no_err_record),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
