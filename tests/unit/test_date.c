/* Unit tests for dates, times and working days (src/core/date.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sedesk/date.h"

/*
 * The Belgian legal holidays of 2026 and 2027, with the Flemish community
 * holiday, from shared/data/holidays.md; sorted, as the configuration
 * loader hands them over.
 */
static sd_day holidays[22];
static size_t nholidays;

static int
setup_holidays(void **state)
{
	static const int ymd[][3] = {
		{ 2026, 1, 1 }, { 2026, 4, 6 }, { 2026, 5, 1 }, { 2026, 5, 14 },
		{ 2026, 5, 25 }, { 2026, 7, 11 }, { 2026, 7, 21 },
		{ 2026, 8, 15 }, { 2026, 11, 1 }, { 2026, 11, 11 },
		{ 2026, 12, 25 },
		{ 2027, 1, 1 }, { 2027, 3, 29 }, { 2027, 5, 1 }, { 2027, 5, 6 },
		{ 2027, 5, 17 }, { 2027, 7, 11 }, { 2027, 7, 21 },
		{ 2027, 8, 15 }, { 2027, 11, 1 }, { 2027, 11, 11 },
		{ 2027, 12, 25 },
	};

	(void)state;
	for (nholidays = 0; nholidays < sizeof ymd / sizeof ymd[0]; nholidays++)
		holidays[nholidays] = sd_day_from_ymd(ymd[nholidays][0],
		    ymd[nholidays][1], ymd[nholidays][2]);
	return 0;
}

static sd_day
day(const char *s)
{
	sd_day d = SD_NO_DAY;

	assert_true(sd_day_parse(s, &d));
	return d;
}

static void
check_add(const char *start, int n, const char *want, const sd_day *h,
    size_t nh)
{
	char got[11];

	sd_day_format(sd_workdays_add(day(start), n, h, nh), got);
	assert_string_equal(got, want);
}

static void
test_known_days(void **state)
{
	(void)state;
	assert_int_equal(sd_day_from_ymd(1970, 1, 1), 0);
	assert_int_equal(sd_day_from_ymd(1970, 1, 2), 1);
	assert_int_equal(sd_day_from_ymd(1969, 12, 31), -1);
	assert_int_equal(sd_day_from_ymd(1969, 12, 28), -4);
	assert_int_equal(sd_day_from_ymd(2000, 3, 1), 11017);
	assert_int_equal(sd_day_from_ymd(2026, 4, 2), 20545);
	assert_int_equal(sd_day_from_ymd(1600, 2, 29), -135081);
	assert_int_equal(sd_day_from_ymd(1, 1, 1), -719162);
	assert_int_equal(sd_day_from_ymd(9999, 12, 31), 2932896);
}

static void
test_invalid_ymd(void **state)
{
	(void)state;
	assert_int_equal(sd_day_from_ymd(2026, 2, 29), SD_NO_DAY);
	assert_int_equal(sd_day_from_ymd(1900, 2, 29), SD_NO_DAY);
	assert_int_not_equal(sd_day_from_ymd(2000, 2, 29), SD_NO_DAY);
	assert_int_not_equal(sd_day_from_ymd(2024, 2, 29), SD_NO_DAY);
	assert_int_equal(sd_day_from_ymd(2026, 4, 31), SD_NO_DAY);
	assert_int_equal(sd_day_from_ymd(2026, 13, 1), SD_NO_DAY);
	assert_int_equal(sd_day_from_ymd(2026, 0, 1), SD_NO_DAY);
	assert_int_equal(sd_day_from_ymd(2026, 1, 0), SD_NO_DAY);
	assert_int_equal(sd_day_from_ymd(2026, 1, 32), SD_NO_DAY);
}

/*
 * Walks the calendar one day at a time from 1600 to 2400, counting by
 * hand, and checks both conversions against the count: every month
 * length and every leap rule is crossed.
 */
static void
test_calendar_walk(void **state)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int y = 1600, m = 1, d = 1, gy, gm, gd, len;
	sd_day n = sd_day_from_ymd(1600, 1, 1);

	(void)state;
	while (y < 2400) {
		assert_int_equal(sd_day_from_ymd(y, m, d), n);
		sd_day_to_ymd(n, &gy, &gm, &gd);
		if (gy != y || gm != m || gd != d)
			fail_msg("day %d gave %d-%d-%d, want %d-%d-%d",
			    (int)n, gy, gm, gd, y, m, d);
		len = mdays[m - 1];
		if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
			len = 29;
		n++;
		if (++d > len) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
}

static void
test_weekday(void **state)
{
	(void)state;
	assert_int_equal(sd_day_weekday(0), 3);		/* Thu 1970-01-01 */
	assert_int_equal(sd_day_weekday(day("2026-04-02")), 3);
	assert_int_equal(sd_day_weekday(day("2026-04-04")), 5);
	assert_int_equal(sd_day_weekday(day("2026-04-05")), 6);
	assert_int_equal(sd_day_weekday(day("2026-04-06")), 0);
	assert_int_equal(sd_day_weekday(day("1969-12-28")), 6);	/* Sunday */
	assert_int_equal(sd_day_weekday(day("1969-12-29")), 0);
	assert_int_equal(sd_day_weekday(day("1600-01-01")), 5);	/* Saturday */
}

static void
test_from_time(void **state)
{
	(void)state;
	assert_int_equal(sd_day_from_time(0), 0);
	assert_int_equal(sd_day_from_time(86399), 0);
	assert_int_equal(sd_day_from_time(86400), 1);
	assert_int_equal(sd_day_from_time(-1), -1);
	assert_int_equal(sd_day_from_time(-86400), -1);
	assert_int_equal(sd_day_from_time(-86401), -2);
	assert_int_equal(sd_day_from_time(1775135696), day("2026-04-02"));
	assert_int_equal(sd_day_from_time(INT64_MAX), SD_NO_DAY);
}

static void
test_parse(void **state)
{
	static const char *const bad[] = {
		"2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10",
		"2026-01-00", "2026-04-31", "2026-4-2", "2026-04-2",
		"2026-04-02x", "2026-04-02 ", " 2026-04-02", "2026/04/02",
		"20260402", "2026-04-0a", "+026-04-02", "-026-04-02", "",
		"2026-04", "2026-04-02T10:00:00Z",
	};
	sd_day d;
	size_t i;

	(void)state;
	assert_true(sd_day_parse("2026-04-02", &d));
	assert_int_equal(d, 20545);
	assert_true(sd_day_parse("2024-02-29", &d));
	assert_int_equal(d, sd_day_from_ymd(2024, 2, 29));
	assert_true(sd_day_parse("1970-01-01", &d));
	assert_int_equal(d, 0);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		d = 12345;
		if (sd_day_parse(bad[i], &d))
			fail_msg("\"%s\" was accepted", bad[i]);
		/* A failed parse leaves the output alone. */
		assert_int_equal(d, 12345);
	}
	assert_false(sd_day_parse(NULL, &d));
}

static void
test_format(void **state)
{
	char out[11];

	(void)state;
	sd_day_format(0, out);
	assert_string_equal(out, "1970-01-01");
	sd_day_format(20545, out);
	assert_string_equal(out, "2026-04-02");
	sd_day_format(-1, out);
	assert_string_equal(out, "1969-12-31");
	sd_day_format(sd_day_from_ymd(5, 3, 7), out);
	assert_string_equal(out, "0005-03-07");
	sd_day_format(sd_day_from_ymd(9999, 12, 31), out);
	assert_string_equal(out, "9999-12-31");
	sd_day_format(sd_day_from_ymd(9999, 12, 31) + 1, out);
	assert_string_equal(out, "");
	sd_day_format(SD_NO_DAY, out);
	assert_string_equal(out, "");
}

static void
test_time_format(void **state)
{
	char out[21];

	(void)state;
	sd_time_format(0, out);
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	sd_time_format(1775135696, out);
	assert_string_equal(out, "2026-04-02T13:14:56Z");
	sd_time_format(1000000000, out);
	assert_string_equal(out, "2001-09-09T01:46:40Z");
	sd_time_format(-1, out);
	assert_string_equal(out, "1969-12-31T23:59:59Z");
	assert_int_equal(strlen(out), 20);
	/* 10000-01-01T00:00:00Z does not fit the format. */
	sd_time_format(253402300800LL, out);
	assert_string_equal(out, "");
	sd_time_format(253402300799LL, out);
	assert_string_equal(out, "9999-12-31T23:59:59Z");
}

static void
test_workdays_easter(void **state)
{
	(void)state;
	/* Thursday before Easter: Friday, then Tuesday, Wednesday. */
	check_add("2026-04-02", 3, "2026-04-08", holidays, nholidays);
	/* The same without holidays lands a day earlier. */
	check_add("2026-04-02", 3, "2026-04-07", NULL, 0);
	check_add("2026-04-02", 1, "2026-04-03", holidays, nholidays);
	check_add("2026-04-03", 1, "2026-04-07", holidays, nholidays);
}

static void
test_workdays_zero(void **state)
{
	(void)state;
	/* n = 0 is the start itself, even on a weekend or a holiday. */
	check_add("2026-04-02", 0, "2026-04-02", holidays, nholidays);
	check_add("2026-04-04", 0, "2026-04-04", holidays, nholidays);
	check_add("2026-04-06", 0, "2026-04-06", holidays, nholidays);
	assert_int_equal(sd_workdays_add(SD_NO_DAY, 3, holidays, nholidays),
	    SD_NO_DAY);
}

static void
test_workdays_weekend_start(void **state)
{
	(void)state;
	/* Saturday before Easter Monday: the first working day is Tuesday. */
	check_add("2026-04-04", 1, "2026-04-07", holidays, nholidays);
	check_add("2026-04-04", 1, "2026-04-06", NULL, 0);
	/* An ordinary Saturday and Sunday. */
	check_add("2026-03-07", 1, "2026-03-09", holidays, nholidays);
	check_add("2026-03-08", 5, "2026-03-13", holidays, nholidays);
	/* A holiday as start: 1 May 2026 is a Friday. */
	check_add("2026-05-01", 1, "2026-05-04", holidays, nholidays);
}

static void
test_workdays_new_year(void **state)
{
	(void)state;
	/* Thu 31 Dec, Fri 1 Jan is a holiday, weekend, Mon, Tue. */
	check_add("2026-12-30", 3, "2027-01-05", holidays, nholidays);
	/* Christmas on Friday 2026-12-25. */
	check_add("2026-12-24", 1, "2026-12-28", holidays, nholidays);
	check_add("2026-12-24", 5, "2027-01-04", holidays, nholidays);
}

static void
test_workdays_longer(void **state)
{
	(void)state;
	/* Ascension Thursday 2026-05-14. */
	check_add("2026-05-13", 1, "2026-05-15", holidays, nholidays);
	/*
	 * Ten days from Friday 10 July: 11 July is a Saturday, so only
	 * 21 July costs a day.
	 */
	check_add("2026-07-10", 10, "2026-07-27", holidays, nholidays);
	check_add("2026-07-10", 10, "2026-07-24", NULL, 0);
	/* 15 August 2026 is a Saturday: nothing extra to skip. */
	check_add("2026-08-14", 1, "2026-08-17", holidays, nholidays);
	/* Twenty working days, May 2026: 1, 14 and 25 May are skipped. */
	check_add("2026-04-30", 20, "2026-06-02", holidays, nholidays);
}

static void
test_workdays_backwards(void **state)
{
	(void)state;
	check_add("2026-04-08", -3, "2026-04-02", holidays, nholidays);
	check_add("2026-04-07", -1, "2026-04-03", holidays, nholidays);
	check_add("2027-01-04", -1, "2026-12-31", holidays, nholidays);
}

/* The years sedesk keeps (issue 9, finding 10): 1970 to 9999, both whole. */
static void
test_years_in_range(void **state)
{
	(void)state;
	assert_true(sd_day_in_range(sd_day_from_ymd(1970, 1, 1)));
	assert_true(sd_day_in_range(sd_day_from_ymd(9999, 12, 31)));
	assert_false(sd_day_in_range(sd_day_from_ymd(1969, 12, 31)));
	assert_false(sd_day_in_range(sd_day_from_ymd(9999, 12, 31) + 1));
	assert_false(sd_day_in_range(sd_day_from_ymd(0, 6, 1)));
	assert_false(sd_day_in_range(SD_NO_DAY));
	assert_true(sd_time_in_range(0));
	assert_true(sd_time_in_range(253402300799));	/* 9999-12-31T23:59:59Z */
	assert_false(sd_time_in_range(253402300800));	/* 10000-01-01 */
	assert_false(sd_time_in_range(-1));
	assert_false(sd_time_in_range(INT64_MAX));
	assert_false(sd_time_in_range(INT64_MIN));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_days),
		cmocka_unit_test(test_invalid_ymd),
		cmocka_unit_test(test_calendar_walk),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_from_time),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_time_format),
		cmocka_unit_test(test_workdays_easter),
		cmocka_unit_test(test_workdays_zero),
		cmocka_unit_test(test_workdays_weekend_start),
		cmocka_unit_test(test_workdays_new_year),
		cmocka_unit_test(test_workdays_longer),
		cmocka_unit_test(test_workdays_backwards),
		cmocka_unit_test(test_years_in_range),
	};

	return cmocka_run_group_tests(tests, setup_holidays, NULL);
}
