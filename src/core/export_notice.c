/*
 * Whether an exported list holds personal data, from the field tables'
 * SD_FF_PERSONAL marks (sedesk/export_notice.h).
 */
#include <stdio.h>
#include <string.h>

#include "sedesk/export_notice.h"

static const char *const kind_names[SD_RECORD_KIND_COUNT] = {
	[SD_RECORD_ENTERPRISE] = "enterprise",
	[SD_RECORD_CASE] = "case",
	[SD_RECORD_ROUTE] = "route",
	[SD_RECORD_JOURNAL] = "journal",
	[SD_RECORD_EVENT] = "event",
	[SD_RECORD_ATTENDANCE] = "attendance",
	[SD_RECORD_MOMENT] = "moment",
	[SD_RECORD_OPPORTUNITY] = "opportunity",
};

const char *
sd_record_kind_name(enum sd_record_kind kind)
{
	return (unsigned)kind < SD_RECORD_KIND_COUNT && kind_names[kind] != NULL ?
	    kind_names[kind] : "?";
}

static bool
personal(const struct sd_export_column *c)
{
	const struct sd_field_info *f = sd_record_field_named(c->kind, c->field);

	return f != NULL && (f->flags & SD_FF_PERSONAL) != 0;
}

bool
sd_export_personal(const struct sd_export_column *cols)
{
	for (; cols != NULL && cols->field != NULL; cols++)
		if (personal(cols))
			return true;
	return false;
}

size_t
sd_export_personal_names(const struct sd_export_column *cols, char *out, size_t size)
{
	size_t n = 0, len = 0;

	if (size > 0)
		out[0] = '\0';
	for (; cols != NULL && cols->field != NULL; cols++) {
		int w;

		if (!personal(cols))
			continue;
		w = snprintf(out + len, size > len ? size - len : 0, "%s%s.%s", n > 0 ? "," : "",
		    sd_record_kind_name(cols->kind), cols->field);
		if (w > 0 && len + (size_t)w < size)
			len += (size_t)w;
		n++;
	}
	return n;
}
