/*
 * The stores of personal data that are not a field-table record walked
 * by privacy_walk.c (sedesk/privacy.h says how one joins): each row
 * lists, and erases, what it holds about the person asked for.
 *
 * attendance  which events a sole proprietor's enterprise was invited
 *             to, registered for and attended: ids and counts only, so
 *             listed by an export and left by an erasure (the enterprise
 *             record it points to is erased).
 * mail_attach the files mailgate kept with a case: privacy_store_attach.c.
 * outbox      the mails queued and recently sent: privacy_store_outbox.c.
 * access_log  who viewed which record (files outside data.mdb):
 *             privacy_store_access.c; listed, nothing to erase.
 */
#include <stdio.h>
#include <string.h>

#include "sedesk/event.h"
#include "sedesk/i18n.h"
#include "event_internal.h"
#include "internal.h"
#include "privacy_int.h"

static sd_status
attendance_find(struct sd_privacy_run *r, struct sd_error *err)
{
	uint8_t ent[SD_UUID_LEN];
	struct sd_iter it;
	sd_status s;

	if (r->q->by != SD_PRIVACY_ENTERPRISE || r->t == NULL)
		return SD_OK;
	if (ent_resolve(r->t, r->q->value, ent, err) != SD_OK)
		return SD_OK;
	sd_iter_start(&it, r->t, SD_DB_ATTEND, NULL, 0, false, NULL, 0);
	while (sd_iter_next(&it)) {
		struct sd_attendance a;
		char ev[SD_UUID_STR];

		if (it.key.mv_size != 2 * SD_UUID_LEN ||
		    memcmp((const uint8_t *)it.key.mv_data + SD_UUID_LEN, ent, SD_UUID_LEN) != 0 ||
		    !attend_decode(&it.val, &a))
			continue;
		sd_uuid_format(a.event, ev);
		sd_privacy_run_found(r, "attendance", ev, "state", sd_attend_state_name(a.state),
		    true);
	}
	s = sd_iter_status(&it, _("personal data"), err);
	sd_iter_end(&it);
	return s;
}

static const struct sd_privacy_store stores[] = {
	{ "attendance", N_("event attendance"),
	  N_("which events an enterprise was invited to, registered for and attended"),
	  N_("as long as the event"), attendance_find, NULL, false },
	{ "mail_attach", N_("e-mail attachments"),
	  N_("the files an enquiry brought by e-mail, with the sender's address and the file's "
	     "name, kept with the case for the officers who work it"),
	  N_("as long as the case (its retention); erased on request: the content goes, the "
	     "name and sender become \"[erased DATE]\", size and type stay"),
	  privacy_attach_find, privacy_attach_erase, false },
	{ "outbox", N_("outgoing mail"),
	  N_("the notifications and digests sedesk sends the departments and officers: the "
	     "case's subject and the enterprise's name (the recipients' addresses are the "
	     "staff's)"),
	  N_("until sent, then 30 days; erased on request: a sent mail is removed, a pending "
	     "one goes out with \"[erased DATE]\" in the person's place"),
	  privacy_outbox_find, privacy_outbox_erase, false },
	{ "access_log", N_("access log"),
	  N_("who opened which case, enterprise or contact moment, and when, to answer who saw "
	     "a person's data; it holds logins, case numbers and ids, no names, so an erasure "
	     "leaves it: the records it points to are erased"),
	  N_("[privacy] access_log_days (365 days unless configured), then the day's file is "
	     "removed"),
	  privacy_access_find, NULL, false },
};

size_t
sd_privacy_nstores(void)
{
	return sizeof stores / sizeof stores[0];
}

const struct sd_privacy_store *
sd_privacy_store(size_t i)
{
	return i < sd_privacy_nstores() ? &stores[i] : NULL;
}
