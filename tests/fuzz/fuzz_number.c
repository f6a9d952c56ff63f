/*
 * Fuzz target: the small parsers of typed input — enterprise numbers
 * (sd_number_normalise), case numbers (sd_case_number_parse), dates
 * (sd_day_parse) and times (sd_parse_time) — on the input as one string.
 *
 * What they accept must come out in one canonical form that they accept
 * again to the same value; what they refuse gets a message that is safe to
 * print (it quotes the input).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sedesk/date.h"
#include "sedesk/number.h"

static bool
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static void
enterprise_number(const char *s)
{
	char out[SD_NUMBER_MAX], again[SD_NUMBER_MAX];
	struct sd_error err = { 0 };
	enum sd_number_kind k, k2;

	memset(out, 0x5a, sizeof out);
	k = sd_number_normalise(s, out, &err);
	FZ_ASSERT(memchr(out, '\0', sizeof out) != NULL);
	if (k == SD_NUMBER_NONE) {
		FZ_ASSERT(out[0] == '\0');
		FZ_ASSERT(err.code == SD_INVALID && err.msg[0] != '\0');
		FZ_MESSAGE(err.msg);
		FZ_ASSERT(sd_number_normalise(s, out, NULL) == SD_NUMBER_NONE);
		return;
	}
	if (k == SD_NUMBER_KBO) {
		char digits[10];
		FZ_ASSERT(strlen(out) == 12 && out[4] == '.' && out[8] == '.');
		FZ_ASSERT(all_digits(out, 4) && all_digits(out + 5, 3) && all_digits(out + 9, 3));
		FZ_ASSERT(out[0] == '0' || out[0] == '1');
		memcpy(digits, out, 4);
		memcpy(digits + 4, out + 5, 3);
		memcpy(digits + 7, out + 9, 3);
		FZ_ASSERT(sd_kbo_check(digits));
	} else {
		FZ_ASSERT(k == SD_NUMBER_KVK);
		FZ_ASSERT(strlen(out) == 8 && all_digits(out, 8));
	}
	/* The canonical form is a fixed point. */
	k2 = sd_number_normalise(out, again, NULL);
	FZ_ASSERT(k2 == k && strcmp(again, out) == 0);
}

static void
case_number(const char *s)
{
	struct sd_case_key key, again;
	char num[SD_CASE_NUMBER_MAX];

	if (!sd_case_number_parse(s, &key))
		return;
	FZ_ASSERT(key.year >= 1000 && key.year <= 9999 && key.seq > 0);
	sd_case_number_format(key, num);
	FZ_ASSERT(sd_case_number_parse(num, &again));
	FZ_ASSERT(again.year == key.year && again.seq == key.seq);
}

static void
day(const char *s)
{
	sd_day d = 0;
	char out[11];
	int y, m, dd;

	if (!sd_day_parse(s, &d))
		return;
	/* The format is exact, so the day writes back as the input. */
	sd_day_format(d, out);
	FZ_ASSERT(strcmp(out, s) == 0);
	sd_day_to_ymd(d, &y, &m, &dd);
	FZ_ASSERT(sd_day_from_ymd(y, m, dd) == d);
	FZ_ASSERT(sd_day_weekday(d) >= 0 && sd_day_weekday(d) <= 6);
}

static void
time_(const char *s)
{
	int64_t t = 0, again = 0;
	char out[21];

	if (!sd_parse_time(s, &t))
		return;
	sd_time_format(t, out);
	/* Times that have a four-digit year write back and read again. */
	if (out[0] != '\0' && strlen(out) == 20) {
		FZ_ASSERT(sd_parse_time(out, &again));
		FZ_ASSERT(again == t);
	}
	(void)sd_day_from_time(t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fz_strndup(data, size);

	enterprise_number(s);
	case_number(s);
	day(s);
	time_(s);
	free(s);
	return 0;
}
