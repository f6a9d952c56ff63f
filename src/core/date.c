/*
 * Dates as day numbers and times as seconds, both UTC.
 *
 * The conversions between a civil date and a day number follow Howard
 * Hinnant's days_from_civil and civil_from_days: the year is shifted to
 * start on 1 March so that the leap day falls at its end, and counted in
 * 400-year eras of 146097 days each.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sedesk/date.h"

/* Far enough for any real date, small enough that no sum overflows. */
#define YEAR_LIMIT	1000000

static int	 is_leap(int64_t);
static int	 month_days(int64_t, int);
static int64_t	 floor_div(int64_t, int64_t);
static int	 is_working_day(int64_t, const sd_day *, size_t);
static int	 day_cmp(const void *, const void *);
static int	 digits(const char *, int);
static void	 put_digits(char *, int, int);

static int
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int64_t y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Division rounding towards minus infinity, for dates before 1970. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/*
 * Gives SD_NO_DAY for a date that does not exist (2026-02-30, month 13),
 * so that a mistake shows instead of silently becoming another date.
 */
sd_day
sd_day_from_ymd(int y, int m, int d)
{
	int64_t yy, era, yoe, doy, doe;

	if (y < -YEAR_LIMIT || y > YEAR_LIMIT || m < 1 || m > 12 ||
	    d < 1 || d > month_days(y, m))
		return SD_NO_DAY;
	yy = (int64_t)y - (m <= 2);
	era = floor_div(yy, 400);
	yoe = yy - era * 400;				/* [0, 399] */
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;	/* [0, 365] */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* [0, 146096] */
	return (sd_day)(era * 146097 + doe - 719468);
}

void
sd_day_to_ymd(sd_day day, int *y, int *m, int *d)
{
	int64_t z, era, doe, yoe, doy, mp, yy;
	int mm, dd;

	if (day == SD_NO_DAY) {
		*y = *m = *d = 0;
		return;
	}
	z = (int64_t)day + 719468;
	era = floor_div(z, 146097);
	doe = z - era * 146097;				/* [0, 146096] */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);	/* [0, 365] */
	mp = (5 * doy + 2) / 153;			/* March = 0 */
	dd = (int)(doy - (153 * mp + 2) / 5 + 1);
	mm = (int)(mp < 10 ? mp + 3 : mp - 9);
	yy = yoe + era * 400 + (mm <= 2);
	*y = (int)yy;
	*m = mm;
	*d = dd;
}

/* 1970-01-01, day 0, was a Thursday. */
int
sd_day_weekday(sd_day day)
{
	return (int)((((int64_t)day + 3) % 7 + 7) % 7);
}

sd_day
sd_day_from_time(int64_t t)
{
	int64_t day = floor_div(t, 86400);

	if (day <= INT32_MIN || day > INT32_MAX)
		return SD_NO_DAY;
	return (sd_day)day;
}

bool
sd_day_in_range(sd_day day)
{
	int y, m, d;

	if (day == SD_NO_DAY)
		return false;
	sd_day_to_ymd(day, &y, &m, &d);
	return y >= SD_YEAR_MIN && y <= SD_YEAR_MAX;
}

bool
sd_time_in_range(int64_t t)
{
	/* Far beyond any year first, so the day number cannot overflow. */
	if (t < 0 || t > (int64_t)400 * 366 * 86400 * 100)
		return false;
	return sd_day_in_range(sd_day_from_time(t));
}

/* True when the n characters at s are all ASCII digits. */
static int
digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Writes v (not negative) as exactly n decimal digits, zero-padded. */
static void
put_digits(char *p, int v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

bool
sd_day_parse(const char *s, sd_day *out)
{
	int y, m, d;
	sd_day day;

	if (s == NULL || strlen(s) != 10 || !digits(s, 4) || s[4] != '-' ||
	    !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if ((day = sd_day_from_ymd(y, m, d)) == SD_NO_DAY)
		return false;
	*out = day;
	return true;
}

/*
 * Days without a four-digit year (and SD_NO_DAY) give "": they cannot be
 * written in the format, and no real case is due in the year 10000.
 */
void
sd_day_format(sd_day day, char out[11])
{
	int y, m, d;

	sd_day_to_ymd(day, &y, &m, &d);
	if (day == SD_NO_DAY || y < 0 || y > 9999) {
		out[0] = '\0';
		return;
	}
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
}

/* As sd_day_format, times outside the years 0000-9999 give "". */
void
sd_time_format(int64_t t, char out[21])
{
	struct tm tm;
	time_t tt = (time_t)t;

	/* strftime's %Y would not pad a year before 1000 to four digits. */
	if ((int64_t)tt != t || gmtime_r(&tt, &tm) == NULL ||
	    tm.tm_year < -1900 || tm.tm_year > 9999 - 1900) {
		out[0] = '\0';
		return;
	}
	put_digits(out, tm.tm_year + 1900, 4);
	out[4] = '-';
	put_digits(out + 5, tm.tm_mon + 1, 2);
	out[7] = '-';
	put_digits(out + 8, tm.tm_mday, 2);
	out[10] = 'T';
	put_digits(out + 11, tm.tm_hour, 2);
	out[13] = ':';
	put_digits(out + 14, tm.tm_min, 2);
	out[16] = ':';
	put_digits(out + 17, tm.tm_sec, 2);
	out[19] = 'Z';
	out[20] = '\0';
}

static int
day_cmp(const void *a, const void *b)
{
	sd_day x = *(const sd_day *)a, y = *(const sd_day *)b;

	return (x > y) - (x < y);
}

static int
is_working_day(int64_t day, const sd_day *holidays, size_t nholidays)
{
	sd_day d = (sd_day)day;

	if (sd_day_weekday(d) >= 5)
		return 0;
	return nholidays == 0 ||
	    bsearch(&d, holidays, nholidays, sizeof *holidays, day_cmp) == NULL;
}

/*
 * Counts working days forward from the day after start; a negative n
 * counts back the same way, from the day before start.
 */
sd_day
sd_workdays_add(sd_day start, int n, const sd_day *holidays, size_t nholidays)
{
	int64_t day = start;
	int step = n < 0 ? -1 : 1;

	if (start == SD_NO_DAY)
		return SD_NO_DAY;
	while (n != 0) {
		day += step;
		if (day <= INT32_MIN || day > INT32_MAX)
			return SD_NO_DAY;
		if (is_working_day(day, holidays, nholidays))
			n -= step;
	}
	return (sd_day)day;
}

int64_t
sd_monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
