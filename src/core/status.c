/* Filling the error record of core functions. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/status.h"
#include "sedesk/text.h"

static sd_status
fail_v(struct sd_error *err, sd_status code, const char *field, const char *fmt,
    va_list ap)
{
	if (err == NULL)
		return code;
	err->code = code;
	snprintf(err->field, sizeof err->field, "%s", field != NULL ? field : "");
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	/*
	 * Messages quote outside input (a CSV header, a typed number): make
	 * control characters and invalid bytes visible once, here, so no front
	 * end can send them to a terminal raw.
	 */
	{
		char *v = sd_visible(err->msg, false);
		size_t n = strlen(v);
		if (n >= sizeof err->msg) {
			n = sizeof err->msg - 1;
			while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
				n--;
		}
		memcpy(err->msg, v, n);
		err->msg[n] = '\0';
		free(v);
	}
	return code;
}

sd_status
sd_fail(struct sd_error *err, sd_status code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	code = fail_v(err, code, NULL, fmt, ap);
	va_end(ap);
	return code;
}

sd_status
sd_fail_field(struct sd_error *err, sd_status code, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	code = fail_v(err, code, field, fmt, ap);
	va_end(ap);
	return code;
}

void
sd_error_clear(struct sd_error *err)
{
	if (err == NULL)
		return;
	err->code = SD_OK;
	err->field[0] = '\0';
	err->msg[0] = '\0';
}
