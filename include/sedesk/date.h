/*
 * Dates and times.  A date is a day number (days since 1970-01-01, UTC,
 * proleptic Gregorian); a time is seconds since the epoch (int64).
 */
#ifndef SEDESK_DATE_H
#define SEDESK_DATE_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

typedef int32_t sd_day;
#define SD_NO_DAY INT32_MIN

sd_day	sd_day_from_ymd(int y, int m, int d);
void	sd_day_to_ymd(sd_day day, int *y, int *m, int *d);
/* 0 = Monday … 6 = Sunday. */
int	sd_day_weekday(sd_day day);
sd_day	sd_day_from_time(int64_t t);	/* UTC date of a time */

/*
 * The years sedesk keeps: a case number has a four-digit year, and a
 * clock before 1970 or after 9999 is a wrong clock, never a real date.
 * Every time and date that enters from outside (the clock, $SEDESK_NOW,
 * the configuration) is checked against them.
 */
#define SD_YEAR_MIN	1970
#define SD_YEAR_MAX	9999
bool	sd_day_in_range(sd_day day);
bool	sd_time_in_range(int64_t t);

/* Parses "YYYY-MM-DD" exactly (a real calendar date); false otherwise. */
bool	sd_day_parse(const char *s, sd_day *out);
/* Writes "YYYY-MM-DD" (11 bytes with NUL). */
void	sd_day_format(sd_day day, char out[11]);
/* Writes RFC 3339 UTC "YYYY-MM-DDTHH:MM:SSZ" (21 bytes with NUL). */
void	sd_time_format(int64_t t, char out[21]);

/*
 * Adds n working days to start: Monday–Friday, skipping the sorted
 * holidays[].  n = 0 gives start itself; day 1 is the first working day
 * after start.
 */
sd_day	sd_workdays_add(sd_day start, int n, const sd_day *holidays, size_t nholidays);

/* Milliseconds of a clock that never jumps: for waits and time slices. */
int64_t	sd_monotonic_ms(void);

#endif
