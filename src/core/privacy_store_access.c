/*
 * The access log as a personal store (privacy_stores.c): who opened which
 * case, enterprise or contact moment, and when (access_log.c; files
 * DBDIR/access/YYYY-MM-DD.log, outside data.mdb).  A line holds a time,
 * a login, the front, the kind, a case number or an id and the record's
 * enterprise id: no name, no address, no text.
 *
 * Export (art. 15: the recipients of the person's data): with
 * --enterprise every view of the enterprise, its cases and its contact
 * moments (exact); with --person and --email the views of the cases,
 * enterprises and moments the walk found (for review, as those are).
 * It is one read of the log's files within [privacy] access_log_days
 * (sd_access_each with the filter of `sedesk privacy log`), streamed,
 * no heavier than the export's own walk of the journal.
 *
 * Erasure: nothing to replace.  The lines name no one; once the records
 * they point to are erased, a case number or an id leads to the
 * tombstone.  They go with the log's own retention, and the erasure's
 * read pass does not read them (an export lists them).
 */
#include <stdio.h>

#include "sedesk/access_log.h"
#include "sedesk/date.h"
#include "sedesk/i18n.h"
#include "privacy_int.h"

static int
view_found(const struct sd_access_entry *e, void *arg)
{
	struct sd_privacy_run *r = arg;
	char at[32], ref[SD_UUID_STR + 32], text[160];

	snprintf(ref, sizeof ref, "%s %s", e->kind == SD_ACCESS_CASE ? "case" :
	    e->kind == SD_ACCESS_ENTERPRISE ? "enterprise" : "moment", e->key);
	sd_time_format(e->at, at);
	snprintf(text, sizeof text, "%s %s (%s)", at, e->login,
	    e->front == SD_FRONT_TUI ? _("interface") : _("command line"));
	sd_privacy_run_found(r, "access_log", ref, "view", text,
	    r->q->by == SD_PRIVACY_ENTERPRISE);
	return 0;
}

sd_status
privacy_access_find(struct sd_privacy_run *r, struct sd_error *err)
{
	struct sd_access_filter f = { .from = SD_NO_DAY, .to = SD_NO_DAY };
	struct sd_access_set set = { 0 };
	size_t bad;

	if (r->erasing)
		return SD_OK;
	if (r->has_target) {
		f.enterprise = r->target;
	} else {
		set.cases = r->cases;
		set.ncases = r->ncases;
		set.ents = r->ents;
		set.nents = r->nents;
		set.moments = r->moments;
		set.nmoments = r->nmoments;
		if (set.ncases + set.nents + set.nmoments == 0)
			return SD_OK;
		f.person = &set;
	}
	return sd_access_each(r->d, &f, view_found, r, &bad, err);
}
