/*
 * Tests of the words people read for stored codes (sedesk/words.h): a
 * journaled field change with its label and values, departments by name,
 * and a case whose every route was declined.  Entries are built by hand
 * against the fixture's configuration; the real journal's lines are in
 * tests/cli/t_words.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sedesk/i18n.h"
#include "sedesk/words.h"
#include "testdesk.h"


static char *
change(struct td *t, uint8_t subject, const char *kind, const char *field, const char *old,
    const char *new)
{
	struct sd_journal_entry e = { 0 };

	e.subject_kind = subject;
	e.kind = (char *)kind;
	e.field = (char *)field;
	e.old_value = (char *)old;
	e.new_value = (char *)new;
	return sd_journal_change_words(&t->d, &e);
}

static void
expect_change(struct td *t, uint8_t subject, const char *kind, const char *field,
    const char *old, const char *new, const char *want)
{
	char *got = change(t, subject, kind, field, old, new);

	td_str(got, want);
	free(got);
}

static void
test_choices_by_label(void **state)
{
	struct td *t = *state;

	expect_change(t, SD_SUBJECT_CASE, "status", "status", "new", "routed",
	    "status: new → routed");
	expect_change(t, SD_SUBJECT_CASE, "status", "status", "routed", "in_progress",
	    "status: routed → in progress");
	expect_change(t, SD_SUBJECT_CASE, "field", "priority", "normal", "high",
	    "changed priority: normal → high");
	expect_change(t, SD_SUBJECT_CASE, "field", "channel", "phone", "site-visit",
	    "changed channel: phone → site visit");
}

static void
test_names_from_configuration(void **state)
{
	struct td *t = *state;

	expect_change(t, SD_SUBJECT_CASE, "field", "category", NULL, "funding",
	    "changed category: - → Subsidies en financiering");
	/* A category no longer configured is shown as stored, not dropped. */
	expect_change(t, SD_SUBJECT_CASE, "field", "category", "funding", "gone",
	    "changed category: Subsidies en financiering → gone");
	td_str(sd_dept_words(&t->d.cfg, "eco"), "Economie en ondernemen");
	td_str(sd_dept_words(&t->d.cfg, "nowhere"), "nowhere");
}

static void
test_text_dates_and_enterprise(void **state)
{
	struct td *t = *state;
	char *none;

	expect_change(t, SD_SUBJECT_CASE, "field", "due", "2026-03-10", "2026-03-12",
	    "changed due: 2026-03-10 → 2026-03-12");
	expect_change(t, SD_SUBJECT_CASE, "field", "subject", "Terras", "Terras en subsidie",
	    "changed subject: Terras → Terras en subsidie");
	/* Plain text that happens to spell a code stays itself. */
	expect_change(t, SD_SUBJECT_CASE, "field", "subject", "new", "high",
	    "changed subject: new → high");
	expect_change(t, SD_SUBJECT_ENTERPRISE, "field", "legal_form", "bv", "vzw",
	    "changed Legal form: bv → vzw");
	none = change(t, SD_SUBJECT_CASE, "note", NULL, NULL, NULL);
	assert_null(none);
}

/*
 * A case moved to another enterprise: the journal keeps both whole ids
 * (before 2026-12 it kept eight hex digits, which two uuid7 ids of the
 * same minute share), and people read the enterprises' names.
 */
static void
test_case_enterprise_by_name(void **state)
{
	struct td *t = *state;
	struct sd_case_input in = { 0 };
	struct sd_case_view v = { 0 };
	struct sd_error err = { 0 };
	char num[SD_CASE_NUMBER_MAX], other[SD_UUID_STR];
	const struct sd_journal_entry *e = NULL;
	char *words;

	td_enterprise(t, "Bakkerij Twee", NULL, NULL, other);
	td_case(t, t->ent, "Oven", NULL, SD_PRIORITY_NORMAL, num);
	in.enterprise = other;
	td_expect(SD_OK, sd_case_edit(&t->d, num, &in, 0, &err), &err);
	td_expect(SD_OK, sd_case_get(&t->d, num, &v, &err), &err);
	for (size_t i = 0; i < v.njournal; i++)
		if (v.journal[i].field != NULL && strcmp(v.journal[i].field, "enterprise") == 0)
			e = &v.journal[i];
	assert_non_null(e);
	td_str(e->old_value, t->ent);
	td_str(e->new_value, other);
	words = sd_journal_change_words(&t->d, e);
	td_str(words, "changed enterprise: Café De Kroon (0403.170.701) → Bakkerij Twee");
	free(words);
	sd_case_view_free(&v);
}

/* Journals before 2026-12: eight hex digits, named when one enterprise has them. */
static void
test_case_enterprise_old_journal(void **state)
{
	struct td *t = *state;
	char kroon[9], twee[9], other[SD_UUID_STR];

	snprintf(kroon, sizeof kroon, "%.8s", t->ent);
	expect_change(t, SD_SUBJECT_CASE, "field", "enterprise", kroon, NULL,
	    "changed enterprise: Café De Kroon (0403.170.701) → -");
	expect_change(t, SD_SUBJECT_CASE, "field", "enterprise", "00000000",
	    "00000000-0000-7000-8000-000000000000",
	    "changed enterprise: an enterprise no longer in the register → "
	    "an enterprise no longer in the register");
	td_enterprise(t, "Bakkerij Twee", NULL, NULL, other);
	snprintf(twee, sizeof twee, "%.8s", other);
	if (strcmp(kroon, twee) != 0)
		skip();		/* created in another 65-second span: no shared prefix to test */
	expect_change(t, SD_SUBJECT_CASE, "field", "enterprise", kroon, twee,
	    "changed enterprise: an enterprise the journal of the time did not name → "
	    "an enterprise the journal of the time did not name");
}

static void
test_dutch(void **state)
{
	struct td *t = *state;

	if (!td_dutch_available())
		skip();
	setenv("LANGUAGE", "nl", 1);
	sd_i18n_init(NULL);
	expect_change(t, SD_SUBJECT_CASE, "status", "status", "new", "routed",
	    "status: nieuw → doorverwezen");
	expect_change(t, SD_SUBJECT_CASE, "field", "priority", "normal", "high",
	    "gewijzigd prioriteit: normaal → hoog");
	expect_change(t, SD_SUBJECT_ENTERPRISE, "field", "city", "Gent", "Brugge",
	    "gewijzigd Plaats: Gent → Brugge");
	setenv("LANGUAGE", "en", 1);
	sd_i18n_init(NULL);
}

static void
test_all_declined(void **state)
{
	struct sd_route r[3] = { { 0 } };
	struct sd_case c = { 0 };

	(void)state;
	assert_false(sd_case_all_declined(r, 0));
	r[0].state = SD_ROUTE_DECLINED;
	r[1].state = SD_ROUTE_DECLINED;
	assert_true(sd_case_all_declined(r, 2));
	r[2].state = SD_ROUTE_WITHDRAWN;
	assert_true(sd_case_all_declined(r, 3));	/* a withdrawn route asked nobody */
	r[1].state = SD_ROUTE_ANSWERED;
	assert_false(sd_case_all_declined(r, 3));
	r[0].state = SD_ROUTE_WITHDRAWN;
	r[1].state = SD_ROUTE_WITHDRAWN;
	assert_false(sd_case_all_declined(r, 3));	/* nobody declined either */

	c.status = SD_CASE_ANSWERED;
	r[0].state = SD_ROUTE_DECLINED;
	td_str(sd_case_state_words(&c, r, 1), "every department declined");
	r[1].state = SD_ROUTE_ANSWERED;
	td_str(sd_case_state_words(&c, r, 2), "answered");
	/* Reopened and routed again: the status says what happens now. */
	c.status = SD_CASE_ROUTED;
	r[1].state = SD_ROUTE_PENDING;
	td_str(sd_case_state_words(&c, r, 2), "routed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_choices_by_label, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_names_from_configuration, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_text_dates_and_enterprise, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_case_enterprise_by_name, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_case_enterprise_old_journal, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_dutch, td_setup, td_teardown),
		cmocka_unit_test(test_all_declined),
	};

	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
