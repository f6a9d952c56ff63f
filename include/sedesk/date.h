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

#endif
