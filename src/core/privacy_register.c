/*
 * The register of personal data (issue 17): for every field a record's
 * table flags SD_FF_PERSONAL, why the desk holds it and for how long.
 * The flag on the field's row is the rule export and erasure follow;
 * this table only says purpose and retention, and test_privacy_register
 * fails when the two disagree (a flagged field without a row here, or a
 * row for a field that is not flagged).
 */
#include <stddef.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/privacy.h"
#include "internal.h"
#include "privacy_int.h"
#include "record.h"

/* The retentions, said once. */
#define R_ENT	N_("while the enterprise is registered; erased on request " \
		    "(sedesk privacy erase)")
#define R_KBO	N_("replaced by each KBO import; erased on request")
#define R_CASE	N_("the retention of the case's category after it closes " \
		    "([category:ID] retention, else [privacy] retention); then " \
		    "anonymised or destroyed (sedesk privacy retention)")
#define R_MOM	N_("while the enterprise is registered; erased on request")
#define R_STAFF	N_("as long as the record it is on: who did what, for accountability")
#define R_OPP	N_("as long as the opportunity: who recorded what, for accountability")
#define R_BID	N_("as long as the opportunity; erased on request (sedesk privacy erase)")

#define ROW(def, kind, rec, field, purpose, ret, staff, sole) \
	{ &(def), { (kind), (rec), (field), (purpose), (ret), (staff), (sole) } }

static const struct privacy_reg reg[] = {
	ROW(sd_ent_record, SD_RECORD_ENTERPRISE, "enterprise", "name",
	    N_("the enterprise's name, which for a sole proprietor is a person's name"),
	    R_ENT, false, true),
	ROW(sd_ent_record, SD_RECORD_ENTERPRISE, "enterprise", "email",
	    N_("to reach the enterprise; a sole proprietor's own address"), R_ENT, false, false),
	ROW(sd_ent_record, SD_RECORD_ENTERPRISE, "enterprise", "phone",
	    N_("to reach the enterprise; a sole proprietor's own number"), R_ENT, false, false),
	ROW(sd_ent_record, SD_RECORD_ENTERPRISE, "enterprise", "contacts",
	    N_("the contact point's notes on whom to reach (older records)"), R_ENT, false,
	    false),
	ROW(sd_ent_record, SD_RECORD_ENTERPRISE, "enterprise", "notes",
	    N_("the contact point's notes on the enterprise"), R_ENT, false, false),
	ROW(sd_ent_record, SD_RECORD_ENTERPRISE, "enterprise", "persons",
	    N_("the enterprise's contact persons: name, role, e-mail, phone, language"), R_ENT,
	    false, false),
	ROW(sd_ent_record, SD_RECORD_ENTERPRISE, "enterprise", "kbo_person_contacts",
	    N_("a natural person's contact data from the KBO open data"), R_KBO, false, false),
	ROW(sd_case_record, SD_RECORD_CASE, "case", "subject",
	    N_("the enquiry in a line, as the enterprise put it"), R_CASE, false, false),
	ROW(sd_case_record, SD_RECORD_CASE, "case", "description",
	    N_("the enquiry as the enterprise put it"), R_CASE, false, false),
	ROW(sd_case_record, SD_RECORD_CASE, "case", "owner",
	    N_("the officer responsible for the case"), R_STAFF, true, false),
	ROW(sd_case_record, SD_RECORD_CASE, "case", "resolution",
	    N_("the answer the enterprise was given"), R_CASE, false, false),
	ROW(sd_route_record, SD_RECORD_ROUTE, "route", "officer",
	    N_("the officer who works the route"), R_STAFF, true, false),
	ROW(sd_route_record, SD_RECORD_ROUTE, "route", "answer",
	    N_("a department's answer or its reason for declining"), R_CASE, false, false),
	ROW(sd_journal_record, SD_RECORD_JOURNAL, "journal", "actor",
	    N_("who made a change"), R_STAFF, true, false),
	ROW(sd_journal_record, SD_RECORD_JOURNAL, "journal", "text",
	    N_("notes, answers and reasons in a record's history"), R_CASE, false, false),
	ROW(sd_journal_record, SD_RECORD_JOURNAL, "journal", "old",
	    N_("the value a field had before an edit"), R_CASE, false, false),
	ROW(sd_journal_record, SD_RECORD_JOURNAL, "journal", "new",
	    N_("the value a field was given by an edit"), R_CASE, false, false),
	ROW(sd_event_record, SD_RECORD_EVENT, "event", "organiser",
	    N_("the officer who organises the event"), R_STAFF, true, false),
	ROW(sd_moment_record, SD_RECORD_MOMENT, "moment", "participants",
	    N_("the officers who took part in the contact moment"), R_STAFF, true, false),
	ROW(sd_moment_record, SD_RECORD_MOMENT, "moment", "text",
	    N_("the report of a contact moment: who was met, what was said"), R_MOM, false,
	    false),
	ROW(sd_moment_record, SD_RECORD_MOMENT, "moment", "owner",
	    N_("the officer who recorded the contact moment"), R_STAFF, true, false),
	ROW(sd_opp_record, SD_RECORD_OPPORTUNITY, "opportunity", "author",
	    N_("the officer who recorded the opportunity"), R_OPP, true, false),
	ROW(sd_opp_invite_record, SD_RECORD_OPPORTUNITY, "opportunity_invite", "by",
	    N_("the officer who invited the enterprise"), R_OPP, true, false),
	ROW(sd_opp_response_record, SD_RECORD_OPPORTUNITY, "opportunity_response", "by",
	    N_("the officer who recorded the response"), R_OPP, true, false),
	ROW(sd_opp_response_record, SD_RECORD_OPPORTUNITY, "opportunity_response", "text",
	    N_("an enterprise's response to an opportunity, as it put it"), R_BID, false, false),
	ROW(sd_opp_award_record, SD_RECORD_OPPORTUNITY, "opportunity_award", "name",
	    N_("the contractor's name, which for a sole proprietor is a person's name"), R_BID,
	    false, false),
	ROW(sd_opp_sroi_record, SD_RECORD_OPPORTUNITY, "opportunity_sroi", "text",
	    N_("what a contractor reported of the social return, with whom"), R_BID, false,
	    false),
	ROW(sd_opp_award_record, SD_RECORD_OPPORTUNITY, "opportunity_award", "by",
	    N_("the officer who recorded the award"), R_OPP, true, false),
	ROW(sd_opp_sroi_record, SD_RECORD_OPPORTUNITY, "opportunity_sroi", "by",
	    N_("the officer who recorded the SROI report"), R_OPP, true, false),
};

static struct sd_privacy_field pub[sizeof reg / sizeof reg[0]];

size_t
privacy_reg_count(void)
{
	return sizeof reg / sizeof reg[0];
}

const struct privacy_reg *
privacy_reg_row(size_t i)
{
	return i < privacy_reg_count() ? &reg[i] : NULL;
}

sd_status
sd_privacy_fields(const struct sd_desk *d, const struct sd_privacy_field **out, size_t *n,
    struct sd_error *err)
{
	sd_status s;

	if ((s = sd_permit(d, SD_ACT_PRIVACY_READ, NULL, err)) != SD_OK)
		return s;
	for (size_t i = 0; i < privacy_reg_count(); i++)
		pub[i] = reg[i].pub;
	*out = pub;
	*n = privacy_reg_count();
	return SD_OK;
}

const struct sd_privacy_field *
sd_privacy_field_of(const char *record, const char *field)
{
	for (size_t i = 0; i < privacy_reg_count(); i++)
		if (strcmp(reg[i].pub.record, record) == 0 && strcmp(reg[i].pub.field, field) == 0)
			return &reg[i].pub;
	return NULL;
}

/* Whether field of records of def is personal data of the people served (not staff). */
bool
privacy_reg_client(const struct sd_record_def *def, const char *field, bool sole)
{
	for (size_t i = 0; i < privacy_reg_count(); i++)
		if (reg[i].def == def && strcmp(reg[i].pub.field, field) == 0)
			return !reg[i].pub.staff && (sole || !reg[i].pub.sole_proprietor);
	return false;
}
