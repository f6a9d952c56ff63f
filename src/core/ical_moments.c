/*
 * The contact moments as calendar items (sedesk ical --moments): a planned
 * site visit or pitch conversation goes into the municipal calendar with
 * the events.  A moment has a time of day or only a day; it has no end,
 * so a timed one is written without DTEND (it ends when it starts, as RFC
 * 5545 reads it) rather than with a length nobody gave.
 */
#include <stdlib.h>

#include "sedesk/i18n.h"
#include "sedesk/ical.h"
#include "sedesk/moment.h"
#include "sedesk/text.h"

sd_status
sd_ical_add_moments(struct sd_desk *d, struct sd_ical *c, sd_day from, sd_day to, bool mine,
    const char *dept, struct sd_error *err)
{
	struct sd_moment_rows rows;
	sd_status s;

	if ((s = sd_moment_range(d, from, to, mine, dept, SD_ICAL_MAX, &rows, err)) != SD_OK)
		return s;
	for (size_t i = 0; i < rows.n; i++) {
		const struct sd_moment_row *r = &rows.items[i];
		struct sd_ical_item it = { 0 };
		struct sd_buf summary = { 0 };
		char uid[SD_UUID_STR];

		sd_uuid_format(r->m.id, uid);
		/* "Site visit: Café De Kroon": what it is and with whom. */
		sd_buf_addf(&summary, "%s: %s", sd_channel_label(r->m.kind),
		    r->enterprise_name ? r->enterprise_name : "?");
		it.uid = uid;
		it.start = r->m.at;
		it.all_day = !r->m.timed;
		it.sequence = r->m.version > 0 ? r->m.version - 1 : 0;
		it.summary = summary.data;
		it.description = r->m.text;
		it.category = _("contact moment");
		sd_ical_add(c, &it);
		sd_buf_free(&summary);
	}
	sd_moment_rows_free(&rows);
	return SD_OK;
}
