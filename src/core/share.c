/*
 * Shares of a whole in words people read (include/sedesk/share.h says why
 * the two ends are not rounded).
 */
#include <stdint.h>
#include <stdio.h>

#include "sedesk/share.h"

void
sd_share_format(uint64_t part, uint64_t whole, char out[SD_SHARE_STR])
{
	long double x;
	unsigned pct;

	if (whole == 0) {
		snprintf(out, SD_SHARE_STR, "-");
		return;
	}
	/* 100 * part / whole, half up, in long double (no overflow). */
	x = 100.0L * (long double)part / (long double)whole + 0.5L;
	pct = x >= 1000.0L ? 1000u : (unsigned)x;
	if (part > 0 && pct == 0)
		snprintf(out, SD_SHARE_STR, "<1%%");
	else if (part < whole && pct >= 100)
		snprintf(out, SD_SHARE_STR, ">99%%");
	else if (pct > 999)
		snprintf(out, SD_SHARE_STR, ">999%%");	/* more than the whole: a bug's figure, kept short */
	else
		snprintf(out, SD_SHARE_STR, "%u%%", pct);
}
