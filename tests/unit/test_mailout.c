/*
 * Unit tests of outgoing mail (mailout, issue 16): the notification texts
 * (mail_text) in both languages, the back-off, and the outbox the journal
 * hook writes in the action's own transaction.  Fixture: testdesk.h; the
 * mail keys are set on the open desk's configuration.
 */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "mail_int.h"
#include "sedesk/config.h"
#include "sedesk/i18n.h"
#include "sedesk/mail.h"
#include "sedesk/text.h"
#include "testdesk.h"

#define has(hay, needle) has_at(__FILE__, __LINE__, (hay), (needle))
static void
has_at(const char *file, int line, const char *hay, const char *needle)
{
	if (hay != NULL && strstr(hay, needle) != NULL)
		return;
	print_error("\"%s\" not in:\n%s\n", needle, hay != NULL ? hay : "(null)");
	_fail(file, line);
}

static const struct mail_facts routed = {
	.kind = MAIL_ROUTED, .number = "2026-00123", .subject = "Terras “zomer”",
	.enterprise = "Café De Zon", .dept = "Economie", .actor = "Ann Peeters",
	.due = 0, .to_dept = true,
};

static void
test_text_each_kind(void **state)
{
	static const struct {
		enum mail_kind	 kind;
		const char	*subject, *said, *todo;
	} want[] = {
		{ MAIL_ROUTED, "[sedesk 2026-00123] New route: Terras “zomer”",
		  "Ann Peeters routed this case to Economie.", "Pick the route up" },
		{ MAIL_REMINDED, "[sedesk 2026-00123] Reminder: Terras “zomer”",
		  "Ann Peeters reminds Economie of this case", "Answer the route" },
		{ MAIL_ANSWERED, "[sedesk 2026-00123] Answered by Economie: Terras “zomer”",
		  "Ann Peeters answered the route of Economie.", "answer the enterprise" },
		{ MAIL_DECLINED, "[sedesk 2026-00123] Declined by Economie: Terras “zomer”",
		  "Ann Peeters declined the route of Economie.", "route the case to another" },
		{ MAIL_REOPENED, "[sedesk 2026-00123] Reopened: Terras “zomer”",
		  "Ann Peeters reopened this case, which you own.", "in your inbox again" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct mail_facts f = routed;
		char *subject, *body;

		f.kind = want[i].kind;
		f.due = td_day("2026-03-06");
		mail_text(&f, "en", &subject, &body);
		td_str(subject, want[i].subject);
		has(body, want[i].said);
		has(body, want[i].todo);
		has(body, "Enterprise:   Café De Zon");
		has(body, "Due:          2026-03-06");
		has(body, "  sedesk case show 2026-00123\n");
		has(body, "press / and type 2026-00123, then Enter.");
		has(body, "\n-- \n");
		free(subject);
		free(body);
	}
}

static void
test_text_without_optional_facts(void **state)
{
	struct mail_facts f = routed;
	char *subject, *body;

	(void)state;
	f.kind = MAIL_REOPENED;
	f.enterprise = NULL;
	f.dept = NULL;
	f.due = SD_NO_DAY;
	mail_text(&f, NULL, &subject, &body);
	assert_null(strstr(body, "Enterprise:"));
	assert_null(strstr(body, "Department:"));
	assert_null(strstr(body, "Due:"));
	free(subject);
	free(body);
}

static void
test_text_dutch_and_back(void **state)
{
	char *subject, *body;

	(void)state;
	if (!td_dutch_available())
		skip();		/* make check builds the catalogue first; check-unit may not */
	sd_i18n_init("en");
	mail_text(&routed, "nl", &subject, &body);
	td_str(subject, "[sedesk 2026-00123] Nieuwe doorverwijzing: Terras “zomer”");
	has(body, "Ann Peeters verwees deze zaak door naar Economie.");
	has(body, "Wat te doen:");
	has(body, "  sedesk case show 2026-00123\n");
	free(subject);
	free(body);
	/* The process speaks its own language again. */
	td_str(_("What to do:"), "What to do:");
}

static void
test_backoff_grows_to_six_hours(void **state)
{
	(void)state;
	assert_int_equal(mail_backoff(1), 60);
	assert_int_equal(mail_backoff(2), 120);
	assert_int_equal(mail_backoff(3), 240);
	assert_int_equal(mail_backoff(9), 60 << 8);
	assert_int_equal(mail_backoff(10), 6 * 3600);
	assert_int_equal(mail_backoff(1000), 6 * 3600);
}

/* --- the outbox the hook writes ---------------------------------------------------- */

static void
mail_on(struct td *t)
{
	free(t->d.cfg.mail_from);
	t->d.cfg.mail_from = sd_xstrdup("desk@example.be");
}

static json_t *
first_entry(struct td *t)
{
	struct sd_iter it;
	struct sd_txn x;
	json_t *j = NULL;

	assert_int_equal(sd_txn_begin(t->d.store, false, &x, NULL), SD_OK);
	sd_iter_start(&it, &x, SD_DB_OUTBOX, NULL, 0, false, NULL, 0);
	if (sd_iter_next(&it))
		j = json_loadb(it.val.mv_data, it.val.mv_size, 0, NULL);
	sd_iter_end(&it);
	sd_txn_abort(&x);
	assert_non_null(j);
	return j;
}

static void
test_route_queues_in_its_transaction(void **state)
{
	struct td *t = *state;
	char num[SD_CASE_NUMBER_MAX];
	json_t *e, *msg;

	mail_on(t);
	td_case(t, t->ent, "Terras", NULL, SD_PRIORITY_NORMAL, num);
	assert_int_equal(td_count(t, SD_DB_OUTBOX), 0);
	td_route(t, num, "eco");
	/* The department's address; bram (eco) has none in the fixture. */
	assert_int_equal(td_count(t, SD_DB_OUTBOX), 1);
	assert_int_equal(td_count(t, SD_DB_OUTBOX_DUE), 1);
	assert_true(sd_mail_queued());
	e = first_entry(t);
	td_str(json_string_value(json_object_get(e, "to")), "economie@example.be");
	td_str(json_string_value(json_object_get(e, "kind")), "routed");
	td_str(json_string_value(json_object_get(e, "case")), num);
	td_str(json_string_value(json_object_get(e, "state")), "pending");
	msg = json_object_get(e, "msg");
	td_str(json_string_value(json_object_get(msg, "from")), "desk@example.be");
	has(json_string_value(json_object_get(msg, "subject")), "New route: Terras");
	has(json_string_value(json_object_get(msg, "message_id")), "@example.be>");
	td_str(json_string_value(json_object_get(msg, "message_id")),
	    json_string_value(json_object_get(e, "message_id")));
	has(json_string_value(json_object_get(msg, "in_reply_to")), "<sedesk-case-");
	td_str(json_string_value(json_array_get(json_object_get(msg, "references"), 0)),
	    json_string_value(json_object_get(msg, "in_reply_to")));
	assert_int_equal(json_integer_value(json_object_get(msg, "date")), td_time(TD_NOW));
	json_decref(e);
}

static void
test_refused_action_queues_nothing(void **state)
{
	struct td *t = *state;
	char num[SD_CASE_NUMBER_MAX];
	const char *eco = "eco";
	struct sd_error err;
	uint64_t before;

	mail_on(t);
	td_case(t, t->ent, "Terras", NULL, SD_PRIORITY_NORMAL, num);
	td_route(t, num, "eco");
	before = td_fingerprint(t);
	/* Routed already: refused, and its mail with it. */
	td_expect(SD_INVALID, sd_case_route(&t->d, num, &eco, 1, NULL, 0, &err), &err);
	assert_true(td_fingerprint(t) == before);
	assert_int_equal(td_count(t, SD_DB_OUTBOX), 1);
}

static void
test_preferences_and_actor(void **state)
{
	struct td *t = *state;
	char num[SD_CASE_NUMBER_MAX];
	struct sd_officer *bram = (struct sd_officer *)sd_config_officer(&t->d.cfg, "bram");
	struct sd_officer *els = (struct sd_officer *)sd_config_officer(&t->d.cfg, "els");
	struct sd_officer *ann = (struct sd_officer *)sd_config_officer(&t->d.cfg, "ann");

	mail_on(t);
	bram->email = sd_xstrdup("bram@example.be");
	bram->mail = SD_MAIL_EACH;
	els->email = sd_xstrdup("els@example.be");
	els->mail = SD_MAIL_DIGEST;
	ann->email = sd_xstrdup("ann@example.be");
	ann->mail = SD_MAIL_NONE;
	td_case(t, t->ent, "Terras", NULL, SD_PRIORITY_NORMAL, num);
	td_route(t, num, "eco");
	/* economie@ and bram (each); not els (digest). */
	assert_int_equal(td_count(t, SD_DB_OUTBOX), 2);
	/* bram answers: ann owns the case but chose none. */
	td_answer(t, "bram", num, "eco", "Antwoord");
	assert_int_equal(td_count(t, SD_DB_OUTBOX), 2);
	ann->mail = SD_MAIL_EACH;
	td_route(t, num, "wel");
	td_decline(t, "chris", num, "wel", "Niet voor ons");
	/* welzijn@ for the route, ann for the decline. */
	assert_int_equal(td_count(t, SD_DB_OUTBOX), 4);
	/* Nobody hears of their own action: bram routes nothing, ann declines nothing. */
}

static sd_status
add_hostile(struct sd_txn *x, void *arg, struct sd_error *err)
{
	struct td *t = arg;

	return outbox_add(x, &t->d, "x@example.be", "Name\r\nBcc: evil@example.be", "routed",
	    "2026-00001", NULL, "Subject\r\nBcc: evil@example.be", "line\x1b[31m red\n\tnext",
	    err);
}

/* Text from records cannot add a header or reach a terminal mail client. */
static void
test_control_characters_cleaned(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	json_t *e, *msg;

	mail_on(t);
	td_expect(SD_OK, sd_store_write(t->d.store, add_hostile, t, &err), &err);
	e = first_entry(t);
	msg = json_object_get(e, "msg");
	td_str(json_string_value(json_object_get(msg, "subject")), "Subject  Bcc: evil@example.be");
	td_str(json_string_value(json_object_get(msg, "to_name")), "Name  Bcc: evil@example.be");
	td_str(json_string_value(json_object_get(msg, "body")), "line [31m red\n\tnext");
	json_decref(e);
}

static void
test_no_from_no_mail(void **state)
{
	struct td *t = *state;
	char num[SD_CASE_NUMBER_MAX];

	td_case(t, t->ent, "Terras", NULL, SD_PRIORITY_NORMAL, num);
	td_route(t, num, "eco");
	assert_int_equal(td_count(t, SD_DB_OUTBOX), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_each_kind),
		cmocka_unit_test(test_text_without_optional_facts),
		cmocka_unit_test(test_text_dutch_and_back),
		cmocka_unit_test(test_backoff_grows_to_six_hours),
		cmocka_unit_test_setup_teardown(test_route_queues_in_its_transaction, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_refused_action_queues_nothing, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_preferences_and_actor, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_no_from_no_mail, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_control_characters_cleaned, td_setup,
		    td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
