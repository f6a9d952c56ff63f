/* Filling the error record of core functions. */
#include <stdarg.h>
#include <stdio.h>

#include "sedesk/status.h"

sd_status
sd_fail(struct sd_error *err, sd_status code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return code;
}

void
sd_error_clear(struct sd_error *err)
{
	if (err == NULL)
		return;
	err->code = SD_OK;
	err->msg[0] = '\0';
}
