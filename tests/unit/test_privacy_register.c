/*
 * The register of personal data agrees with the field tables: every
 * field flagged SD_FF_PERSONAL has a register row with a purpose and a
 * retention, and every row names a flagged field (or, for a sole
 * proprietor's name, an existing one that is not flagged).  A new
 * personal field without its purpose fails here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "privacy_int.h"
#include "record.h"
#include "testdesk.h"

static const struct sd_record_def *const defs[] = {
	&sd_ent_record, &sd_case_record, &sd_route_record, &sd_journal_record,
	&sd_event_record, &sd_attendance_record, &sd_moment_record, &sd_opp_record,
	&sd_opp_lot_record, &sd_opp_invite_record, &sd_opp_response_record,
	&sd_opp_award_record, &sd_opp_sroi_record,
};

static const struct privacy_reg *
row_of(const struct sd_record_def *def, const char *field)
{
	for (size_t i = 0; i < privacy_reg_count(); i++) {
		const struct privacy_reg *r = privacy_reg_row(i);
		if (r->def == def && strcmp(r->pub.field, field) == 0)
			return r;
	}
	return NULL;
}

static void
test_flagged_fields_have_rows(void **state)
{
	size_t flagged = 0;

	(void)state;
	for (size_t d = 0; d < sizeof defs / sizeof defs[0]; d++)
		for (size_t i = 0; i < defs[d]->nfields; i++) {
			const struct sd_field_info *f = &defs[d]->fields[i].info;
			const struct privacy_reg *r = row_of(defs[d], f->name);
			if (!(f->flags & SD_FF_PERSONAL))
				continue;
			flagged++;
			if (r == NULL)
				fail_msg("%c.%s is personal but not in the register",
				    defs[d]->type, f->name);
			assert_non_null(r->pub.purpose);
			assert_non_null(r->pub.retention);
			assert_false(r->pub.sole_proprietor);
		}
	/* What the issue names: contact persons, case text, moment notes, officers… */
	assert_true(flagged >= 20);
}

static void
test_rows_name_flagged_fields(void **state)
{
	(void)state;
	for (size_t i = 0; i < privacy_reg_count(); i++) {
		const struct privacy_reg *r = privacy_reg_row(i);
		const struct sd_field_def *f = sd_rec_field(r->def, r->pub.field);
		if (f == NULL)
			fail_msg("the register names %s.%s, which does not exist", r->pub.record,
			    r->pub.field);
		if (r->pub.sole_proprietor)
			assert_false(f->info.flags & SD_FF_PERSONAL);
		else if (!(f->info.flags & SD_FF_PERSONAL))
			fail_msg("the register names %s.%s, which is not flagged personal",
			    r->pub.record, r->pub.field);
	}
}

/* The fields the issue names are there, the officers' marked as staff. */
static void
test_named_fields(void **state)
{
	static const struct { const char *rec, *field; bool staff; } want[] = {
		{ "enterprise", "persons", false }, { "enterprise", "email", false },
		{ "enterprise", "kbo_person_contacts", false }, { "enterprise", "name", false },
		{ "case", "description", false }, { "case", "subject", false },
		{ "route", "answer", false }, { "journal", "text", false },
		{ "moment", "text", false }, { "case", "owner", true },
		{ "journal", "actor", true }, { "moment", "participants", true },
	};

	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct sd_privacy_field *f = sd_privacy_field_of(want[i].rec, want[i].field);
		if (f == NULL)
			fail_msg("%s.%s is not in the register", want[i].rec, want[i].field);
		assert_int_equal(f->staff, want[i].staff);
	}
	assert_null(sd_privacy_field_of("enterprise", "city"));
	assert_null(sd_privacy_field_of("case", "category"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flagged_fields_have_rows),
		cmocka_unit_test(test_rows_name_flagged_fields),
		cmocka_unit_test(test_named_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
