/*
 * Unit tests for the iCalendar writer (src/core/ical.c): escaping of TEXT
 * values, folding at 75 octets without splitting a UTF-8 character, CRLF
 * line ends, and the calendar's frame (VTIMEZONE, UID, DTSTAMP, local
 * times with TZID).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sedesk/ical.h"
#include "testdesk.h"

static char *
escaped(const char *in)
{
	struct sd_buf b = { 0 };

	sd_ical_escape(&b, in);
	sd_buf_adds(&b, "");
	return sd_buf_take(&b);
}

static void
test_escape(void **state)
{
	char *s;

	(void)state;
	s = escaped("a,b;c\\d\ne\r\nf\rg");
	td_str(s, "a\\,b\\;c\\\\d\\ne\\nf\\ng");
	free(s);
	/* Other control characters are not TEXT: dropped. */
	s = escaped("x\x01y\x7fz\tw");
	td_str(s, "xyz\tw");
	free(s);
	s = escaped("Café «été»");
	td_str(s, "Café «été»");
	free(s);
}

/* Every physical line of out: at most 75 octets, CRLF ended, valid UTF-8 alone. */
static void
lines_ok(const struct sd_buf *out)
{
	const char *p = out->data, *end = out->data + out->len;

	while (p < end) {
		const char *crlf = strstr(p, "\r\n");
		assert_non_null(crlf);
		assert_true(crlf - p <= 75);
		assert_true(sd_utf8_valid(p, (size_t)(crlf - p)));
		/* No bare LF or CR inside a line. */
		assert_null(memchr(p, '\n', (size_t)(crlf - p)));
		assert_null(memchr(p, '\r', (size_t)(crlf - p)));
		p = crlf + 2;
	}
}

/* Unfolds (RFC 5545 3.1): CRLF followed by one space goes. */
static char *
unfold(const struct sd_buf *out)
{
	struct sd_buf b = { 0 };

	for (size_t i = 0; i < out->len; i++) {
		if (i + 2 < out->len && out->data[i] == '\r' && out->data[i + 1] == '\n' &&
		    out->data[i + 2] == ' ') {
			i += 2;
			continue;
		}
		sd_buf_add(&b, &out->data[i], 1);
	}
	sd_buf_adds(&b, "");
	return sd_buf_take(&b);
}

static void
test_fold(void **state)
{
	struct sd_buf out = { 0 };
	char line[400], *u;
	size_t n = 0;

	(void)state;
	/* "é" is two octets: at odd offsets one would straddle each fold. */
	n += (size_t)snprintf(line, sizeof line, "SUMMARY:x");
	while (n + 2 < 300) {
		memcpy(line + n, "\xc3\xa9", 2);
		n += 2;
	}
	line[n] = '\0';
	sd_ical_line(&out, line, n);
	lines_ok(&out);
	u = unfold(&out);
	assert_int_equal(strlen(u), n + 2);
	assert_memory_equal(u, line, n);
	td_str(u + n, "\r\n");
	free(u);
	/* Exactly 75 octets stay one line; 76 fold. */
	sd_buf_reset(&out);
	memset(line, 'a', 75);
	sd_ical_line(&out, line, 75);
	assert_int_equal(out.len, 77);
	sd_buf_reset(&out);
	memset(line, 'a', 76);
	sd_ical_line(&out, line, 76);
	assert_int_equal(out.len, 75 + 3 + 1 + 2);
	lines_ok(&out);
	sd_buf_free(&out);
}

static void
test_calendar(void **state)
{
	struct sd_ical cal = { 0 };
	struct sd_ical_item it = { .uid = "0f1e2d3c-0000-4000-8000-000000000001",
	    .start = td_time("2026-07-01T14:00:00Z"), .end = td_time("2026-07-01T16:30:00Z"),
	    .sequence = 2, .summary = "Workshop, deel 1; praktijk", .location = "Stadhuis",
	    .description = "Regel één\nRegel twee", .category = "workshop" };
	struct sd_buf out = { 0 };

	(void)state;
	sd_ical_add(&cal, &it);
	sd_ical_write(&cal, td_time("2026-03-02T09:00:00Z"), &out);
	sd_buf_adds(&out, "");
	lines_ok(&out);
	assert_non_null(strstr(out.data, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
	assert_non_null(strstr(out.data, "TZID:Europe/Brussels\r\n"));
	assert_non_null(strstr(out.data, "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"));
	assert_non_null(strstr(out.data, "UID:0f1e2d3c-0000-4000-8000-000000000001@sedesk\r\n"));
	assert_non_null(strstr(out.data, "DTSTAMP:20260302T090000Z\r\n"));
	/* Floating local time as typed, with its zone: summer, yet 14:00 stays 14:00. */
	assert_non_null(strstr(out.data, "DTSTART;TZID=Europe/Brussels:20260701T140000\r\n"));
	assert_non_null(strstr(out.data, "DTEND;TZID=Europe/Brussels:20260701T163000\r\n"));
	assert_non_null(strstr(out.data, "SEQUENCE:2\r\n"));
	assert_non_null(strstr(out.data, "SUMMARY:Workshop\\, deel 1\\; praktijk\r\n"));
	assert_non_null(strstr(out.data, "DESCRIPTION:Regel één\\nRegel twee\r\n"));
	assert_non_null(strstr(out.data, "END:VEVENT\r\nEND:VCALENDAR\r\n"));
	sd_buf_free(&out);
	sd_ical_free(&cal);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_calendar),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
