/*
 * Unit tests of cases and routes on a real LMDB environment: status
 * transitions, routing to several departments, journal entries, versions
 * and conflicts, due dates in working days.  Fixture: testdesk.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "sedesk/case.h"
#include "journal.h"
#include "testdesk.h"

/* --- helpers ------------------------------------------------------------------ */

#define day_is(got, want) day_is_at(__FILE__, __LINE__, (got), (want))
static void
day_is_at(const char *file, int line, sd_day got, const char *want)
{
	char s[11];

	if (got == SD_NO_DAY)
		snprintf(s, sizeof s, "none");
	else
		sd_day_format(got, s);
	td_str_at(file, line, s, want);
}

/* One journal entry: actor, kind, department and text (NULL: must be absent). */
#define entry_is(e, actor, kind, dept, text) \
	entry_is_at(__FILE__, __LINE__, (e), (actor), (kind), (dept), (text))
static void
entry_is_at(const char *file, int line, const struct sd_journal_entry *e, const char *actor,
    const char *kind, const char *dept, const char *text)
{
	td_str_at(file, line, e->actor, actor);
	td_str_at(file, line, e->kind, kind);
	td_str_at(file, line, e->dept, dept);
	td_str_at(file, line, e->text, text);
}

/* A field-change entry. */
#define field_is(e, actor, kind, field, old, new) \
	field_is_at(__FILE__, __LINE__, (e), (actor), (kind), (field), (old), (new))
static void
field_is_at(const char *file, int line, const struct sd_journal_entry *e, const char *actor,
    const char *kind, const char *field, const char *old, const char *new)
{
	td_str_at(file, line, e->actor, actor);
	td_str_at(file, line, e->kind, kind);
	td_str_at(file, line, e->field, field);
	td_str_at(file, line, e->old_value, old);
	td_str_at(file, line, e->new_value, new);
}

static const char *
status_of(struct td *t, const char *num)
{
	return sd_case_status_name(td_status(t, num));
}

static const char *
route_of(struct td *t, const char *num, const char *dept)
{
	enum sd_route_state s = td_route_state(t, num, dept);

	return s == SD_ROUTE_NONE ? "none" : sd_route_state_name(s);
}

/* --- creating ----------------------------------------------------------------- */

static void
test_new_case(void **state)
{
	struct td *t = *state;
	struct sd_case_input in = { 0 };
	struct sd_case_view v;
	struct sd_error err;
	struct sd_case_key key;
	char num[SD_CASE_NUMBER_MAX];

	in.enterprise = "0403170701";	/* by number, spelled without dots */
	in.subject = "  Subsidie voor een terras  ";
	in.description = "Wij willen een terras.\nKan dat?";
	in.category = "funding";
	in.channel = SD_CHANNEL_EMAIL;
	in.priority = SD_PRIORITY_HIGH;
	td_expect(SD_OK, sd_case_new(&t->d, &in, &key, &err), &err);
	assert_int_equal(key.year, 2026);
	assert_int_equal(key.seq, 1);
	sd_case_number_format(key, num);
	assert_string_equal(num, "2026-00001");

	td_view(t, num, &v);
	assert_int_equal(v.c.key.year, 2026);
	assert_int_equal(v.c.key.seq, 1);
	assert_int_equal(v.c.version, 1);
	assert_int_equal(v.c.status, SD_CASE_NEW);
	td_str(v.c.subject, "Subsidie voor een terras");
	td_str(v.c.description, "Wij willen een terras.\nKan dat?");
	td_str(v.c.category, "funding");
	td_str(v.c.owner, "ann");
	td_str(v.c.resolution, NULL);
	assert_int_equal(v.c.channel, SD_CHANNEL_EMAIL);
	assert_int_equal(v.c.priority, SD_PRIORITY_HIGH);
	assert_int_equal(v.c.created, td_time(TD_NOW));
	assert_int_equal(v.c.updated, td_time(TD_NOW));
	assert_int_equal(v.c.closed, 0);
	assert_int_equal(v.c.satisfaction, 0);
	td_str(v.ent.f[SD_EF_NAME], "Café De Kroon");
	assert_memory_equal(v.c.enterprise, v.ent.id, SD_UUID_LEN);
	assert_int_equal(v.nroutes, 0);
	assert_int_equal(v.njournal, 1);
	entry_is(&v.journal[0], "ann", "created", NULL, "Subsidie voor een terras");
	assert_int_equal(v.journal[0].at, td_time(TD_NOW));
	assert_int_equal(v.journal[0].subject_kind, SD_SUBJECT_CASE);
	sd_case_view_free(&v);
}

/*
 * A case's journal read a page at a time (issue 9, finding 9): the first
 * page reads only its entries, later pages follow on in order, and the
 * pages together are the whole journal.
 */
static void
test_journal_pages(void **state)
{
	struct td *t = *state;
	struct sd_case_view all, v;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX];
	unsigned long reads_page, reads_all;
	size_t n;

	td_case(t, t->ent, "Lang dossier", NULL, 0, num);
	td_route(t, num, "eco");
	for (int i = 0; i < 40; i++) {
		char text[32];
		snprintf(text, sizeof text, "noot %d", i);
		td_expect(SD_OK, sd_case_note(&t->d, num, text, 0, &err), &err);
	}
	td_expect(SD_OK, sd_case_get(&t->d, num, &all, &err), &err);
	/* created, routed (and its status change), the 40 notes */
	n = all.njournal;
	assert_true(n >= 42);
	assert_false(all.journal_more);

	reads_page = t->d.store->reads;
	td_expect(SD_OK, sd_case_get_page(&t->d, num, 10, &v, &err), &err);
	reads_page = t->d.store->reads - reads_page;
	assert_int_equal(v.njournal, 10);
	assert_true(v.journal_more);
	td_str(v.journal[0].kind, "created");
	reads_all = t->d.store->reads;
	sd_case_view_free(&all);
	td_expect(SD_OK, sd_case_get(&t->d, num, &all, &err), &err);
	reads_all = t->d.store->reads - reads_all;
	/* A page of 10 reads about 32 fewer journal records than the whole. */
	assert_true(reads_page + 30 <= reads_all);

	td_expect(SD_OK, sd_case_journal_more(&t->d, &v, 25, &err), &err);
	assert_int_equal(v.njournal, 35);
	assert_true(v.journal_more);
	td_expect(SD_OK, sd_case_journal_more(&t->d, &v, 25, &err), &err);
	assert_int_equal(v.njournal, n);
	assert_false(v.journal_more);
	for (size_t i = 0; i < all.njournal; i++) {
		assert_int_equal(v.journal[i].seq, all.journal[i].seq);
		td_str(v.journal[i].text, all.journal[i].text);
	}
	/* Nothing beyond the end. */
	td_expect(SD_OK, sd_case_journal_more(&t->d, &v, 25, &err), &err);
	assert_int_equal(v.njournal, n);
	sd_case_view_free(&v);

	/* An exact page: no "more". */
	td_expect(SD_OK, sd_case_get_page(&t->d, num, n, &v, &err), &err);
	assert_int_equal(v.njournal, n);
	assert_false(v.journal_more);
	sd_case_view_free(&v);
	/* None at all (a form that needs only the fields). */
	td_expect(SD_OK, sd_case_get_page(&t->d, num, 0, &v, &err), &err);
	assert_int_equal(v.njournal, 0);
	assert_true(v.journal_more);
	td_str(v.c.subject, "Lang dossier");

	/* Reading on checks visibility again: wel's officer sees nothing of it. */
	td_as(t, "chris");
	td_expect(SD_NOTFOUND, sd_case_journal_more(&t->d, &v, 25, &err), &err);
	assert_int_equal(v.njournal, 0);
	td_as(t, "ann");
	sd_case_view_free(&v);
	sd_case_view_free(&all);
}

static void
test_new_case_defaults(void **state)
{
	struct td *t = *state;
	struct sd_case_view v;
	char num[SD_CASE_NUMBER_MAX];

	td_case(t, t->ent, "Vraag", NULL, SD_PRIORITY_NONE, num);
	td_view(t, num, &v);
	assert_int_equal(v.c.channel, SD_CHANNEL_PHONE);
	assert_int_equal(v.c.priority, SD_PRIORITY_NORMAL);
	td_str(v.c.category, NULL);
	td_str(v.c.description, NULL);
	sd_case_view_free(&v);
}

/* Every refused creation writes nothing and uses no number. */
static void
test_new_case_invalid(void **state)
{
	struct td *t = *state;
	struct sd_case_input in = { 0 };
	struct sd_error err;
	struct sd_case_key key;
	char longsub[202], num[SD_CASE_NUMBER_MAX];
	uint64_t fp = td_fingerprint(t);

	in.subject = "Vraag";
	td_expect(SD_INVALID, sd_case_new(&t->d, &in, &key, &err), &err);	/* no enterprise */
	in.enterprise = "0200.065.765";						/* not registered */
	td_expect(SD_NOTFOUND, sd_case_new(&t->d, &in, &key, &err), &err);
	in.enterprise = "00000000-0000-0000-0000-000000000000";
	td_expect(SD_NOTFOUND, sd_case_new(&t->d, &in, &key, &err), &err);
	in.enterprise = t->ent;
	in.subject = NULL;
	td_expect(SD_INVALID, sd_case_new(&t->d, &in, &key, &err), &err);
	in.subject = " \t\n ";
	td_expect(SD_INVALID, sd_case_new(&t->d, &in, &key, &err), &err);
	memset(longsub, 'x', 201);
	longsub[201] = '\0';
	in.subject = longsub;
	td_expect(SD_INVALID, sd_case_new(&t->d, &in, &key, &err), &err);
	in.subject = "Caf\xe9";
	td_expect(SD_INVALID, sd_case_new(&t->d, &in, &key, &err), &err);
	in.subject = "Vraag";
	in.description = "bad \xff byte";
	td_expect(SD_INVALID, sd_case_new(&t->d, &in, &key, &err), &err);
	in.description = NULL;
	in.category = "sport";
	td_expect_msg(SD_INVALID, sd_case_new(&t->d, &in, &key, &err), &err, "funding");
	assert_true(td_fingerprint(t) == fp);

	td_case(t, t->ent, "Vraag", NULL, SD_PRIORITY_NONE, num);
	assert_string_equal(num, "2026-00001");
}

/* --- due dates ------------------------------------------------------------------ */

static void
test_due_from_category(void **state)
{
	struct td *t = *state;
	struct sd_case_view v;
	char a[SD_CASE_NUMBER_MAX], b[SD_CASE_NUMBER_MAX], c[SD_CASE_NUMBER_MAX];

	/* Monday 2026-03-02; Wednesday 03-04 is a holiday. */
	td_case(t, t->ent, "Subsidie", "funding", 0, a);	/* 5 days */
	td_case(t, t->ent, "Vergunning", "permit", 0, b);	/* 10 days */
	td_case(t, t->ent, "Andere vraag", NULL, 0, c);		/* [general] 8 days */
	td_view(t, a, &v);
	day_is(v.c.due, "2026-03-10");	/* Tue 3, Thu 5, Fri 6, Mon 9, Tue 10 */
	sd_case_view_free(&v);
	td_view(t, b, &v);
	day_is(v.c.due, "2026-03-17");
	sd_case_view_free(&v);
	td_view(t, c, &v);
	day_is(v.c.due, "2026-03-13");
	sd_case_view_free(&v);
}

static void
test_due_skips_weekends_and_holidays(void **state)
{
	struct td *t = *state;
	struct sd_case_view v;
	char num[SD_CASE_NUMBER_MAX];

	/* Friday before Easter Monday (a holiday): Tue 7 … Mon 13. */
	td_at(t, "2026-04-03T15:00:00Z");
	td_case(t, t->ent, "Subsidie", "funding", 0, num);
	td_view(t, num, &v);
	day_is(v.c.due, "2026-04-13");
	sd_case_view_free(&v);

	/* Created on a Saturday: the first working day is the Monday after. */
	td_at(t, "2026-03-07T10:00:00Z");
	td_case(t, t->ent, "Subsidie", "funding", 0, num);
	td_view(t, num, &v);
	day_is(v.c.due, "2026-03-13");
	sd_case_view_free(&v);

	/* Over Christmas and New Year, both holidays, into the next year. */
	td_at(t, "2026-12-24T08:00:00Z");
	td_case(t, t->ent, "Subsidie", "funding", 0, num);
	assert_string_equal(num, "2026-00003");
	td_view(t, num, &v);
	day_is(v.c.due, "2027-01-04");	/* Mon 28, Tue 29, Wed 30, Thu 31, Mon 4 */
	sd_case_view_free(&v);
}

static void
test_route_due_from_department(void **state)
{
	struct td *t = *state;
	struct sd_case_view v;
	struct sd_error err;
	const char *depts[] = { "eco", "wel", "spa" };
	char num[SD_CASE_NUMBER_MAX];

	td_case(t, t->ent, "Vraag", "permit", 0, num);
	td_expect(SD_OK, sd_case_route(&t->d, num, depts, 3, NULL, 0, &err), &err);
	td_view(t, num, &v);
	assert_int_equal(v.nroutes, 3);
	day_is(td_find_route(&v, "eco")->due, "2026-03-06");	/* 3 days: Tue, Thu, Fri */
	day_is(td_find_route(&v, "wel")->due, "2026-03-05");	/* 2 days */
	day_is(td_find_route(&v, "spa")->due, "2026-03-12");	/* 7 days */
	day_is(v.c.due, "2026-03-17");				/* the case keeps its own */
	sd_case_view_free(&v);

	/* A route's due date counts from the day it is routed. */
	td_at(t, "2026-04-03T09:00:00Z");
	td_case(t, t->ent, "Vraag", NULL, 0, num);
	td_route(t, num, "eco");
	td_view(t, num, &v);
	day_is(td_find_route(&v, "eco")->due, "2026-04-09");	/* Easter Monday skipped */
	sd_case_view_free(&v);
}

/* --- status transitions --------------------------------------------------------- */

static void
test_status_flow(void **state)
{
	struct td *t = *state;
	struct sd_case_view v;
	struct sd_error err;
	const struct sd_route *r;
	char num[SD_CASE_NUMBER_MAX];

	td_case(t, t->ent, "Vraag", "funding", 0, num);
	assert_string_equal(status_of(t, num), "new");
	assert_int_equal(td_version(t, num), 1);

	td_at(t, "2026-03-02T10:00:00Z");
	td_route(t, num, "eco");
	assert_string_equal(status_of(t, num), "routed");
	assert_string_equal(route_of(t, num, "eco"), "pending");
	assert_int_equal(td_version(t, num), 2);

	td_at(t, "2026-03-03T11:00:00Z");
	td_pickup(t, "bram", num, "eco");
	assert_string_equal(status_of(t, num), "in_progress");
	assert_string_equal(route_of(t, num, "eco"), "picked_up");
	assert_int_equal(td_version(t, num), 3);

	td_at(t, "2026-03-05T12:00:00Z");
	td_answer(t, "bram", num, "eco", "Ja, via het startersbudget.");
	assert_string_equal(status_of(t, num), "answered");
	assert_int_equal(td_version(t, num), 4);

	td_view(t, num, &v);
	r = td_find_route(&v, "eco");
	assert_non_null(r);
	assert_int_equal(r->state, SD_ROUTE_ANSWERED);
	td_str(r->officer, "bram");
	td_str(r->answer, "Ja, via het startersbudget.");
	assert_int_equal(r->routed, td_time("2026-03-02T10:00:00Z"));
	assert_int_equal(r->picked_up, td_time("2026-03-03T11:00:00Z"));
	assert_int_equal(r->finished, td_time("2026-03-05T12:00:00Z"));
	assert_int_equal(r->round, 1);
	assert_int_equal(v.c.updated, td_time("2026-03-05T12:00:00Z"));
	sd_case_view_free(&v);

	td_at(t, "2026-03-06T09:30:00Z");
	td_expect(SD_OK, sd_case_close(&t->d, num, "Doorverwezen naar startersbudget.", 5, 0,
	    &err), &err);
	td_view(t, num, &v);
	assert_int_equal(v.c.status, SD_CASE_CLOSED);
	assert_int_equal(v.c.version, 5);
	td_str(v.c.resolution, "Doorverwezen naar startersbudget.");
	assert_int_equal(v.c.satisfaction, 5);
	assert_int_equal(v.c.closed, td_time("2026-03-06T09:30:00Z"));
	/* An answered route stays answered when the case closes. */
	assert_int_equal(td_find_route(&v, "eco")->state, SD_ROUTE_ANSWERED);
	sd_case_view_free(&v);
}

/* Answering straight from pending (without a pick-up) also counts. */
static void
test_answer_without_pickup(void **state)
{
	struct td *t = *state;
	struct sd_case_view v;
	char num[SD_CASE_NUMBER_MAX];

	td_case(t, t->ent, "Vraag", NULL, 0, num);
	td_route(t, num, "wel");
	td_at(t, "2026-03-03T08:00:00Z");
	td_answer(t, "chris", num, "wel", "Zie het OCMW.");
	td_view(t, num, &v);
	assert_int_equal(v.c.status, SD_CASE_ANSWERED);
	assert_int_equal(td_find_route(&v, "wel")->state, SD_ROUTE_ANSWERED);
	assert_int_equal(td_find_route(&v, "wel")->picked_up, td_time("2026-03-03T08:00:00Z"));
	td_str(td_find_route(&v, "wel")->officer, "chris");
	sd_case_view_free(&v);
}

static void
test_route_to_several_departments(void **state)
{
	struct td *t = *state;
	struct sd_case_view v;
	struct sd_error err;
	const char *depts[] = { "eco", "wel", "spa", "eco" };	/* a repeat is harmless */
	char num[SD_CASE_NUMBER_MAX];

	td_case(t, t->ent, "Sociale kruidenier in leegstaand pand", NULL, 0, num);
	td_expect(SD_OK, sd_case_route(&t->d, num, depts, 4, "Graag advies per dienst.", 0, &err),
	    &err);
	td_view(t, num, &v);
	assert_int_equal(v.c.version, 2);	/* one action, one version */
	assert_int_equal(v.c.status, SD_CASE_ROUTED);
	assert_int_equal(v.nroutes, 3);
	for (size_t i = 0; i < 3; i++) {
		const struct sd_route *r = td_find_route(&v, depts[i]);
		assert_non_null(r);
		assert_int_equal(r->state, SD_ROUTE_PENDING);
		td_str(r->officer, NULL);
		td_str(r->answer, NULL);
		assert_int_equal(r->round, 1);
		assert_int_equal(r->routed, td_time(TD_NOW));
	}
	/* created, routed ×3, status */
	assert_int_equal(v.njournal, 5);
	entry_is(&v.journal[1], "ann", "routed", "eco", "Graag advies per dienst.");
	entry_is(&v.journal[2], "ann", "routed", "wel", "Graag advies per dienst.");
	entry_is(&v.journal[3], "ann", "routed", "spa", "Graag advies per dienst.");
	field_is(&v.journal[4], "ann", "status", "status", "new", "routed");
	sd_case_view_free(&v);

	td_pickup(t, "bram", num, "eco");
	assert_string_equal(status_of(t, num), "in_progress");
	td_answer(t, "bram", num, "eco", "Kan met een premie.");
	assert_string_equal(status_of(t, num), "in_progress");	/* wel and spa still open */
	td_decline(t, "chris", num, "wel", "Geen welzijnsvraag.");
	assert_string_equal(status_of(t, num), "in_progress");
	td_answer(t, "root", num, "spa", "Bestemming laat het toe.");
	assert_string_equal(status_of(t, num), "answered");	/* answered or declined: all */

	td_view(t, num, &v);
	assert_int_equal(td_find_route(&v, "wel")->state, SD_ROUTE_DECLINED);
	td_str(td_find_route(&v, "wel")->answer, "Geen welzijnsvraag.");
	td_str(td_find_route(&v, "wel")->officer, "chris");
	td_str(td_find_route(&v, "spa")->officer, "root");
	sd_case_view_free(&v);
}

static void
test_route_refusals(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	const char *eco[] = { "eco" }, *spa_eco[] = { "spa", "eco" }, *bad[] = { "eco", "sport" };
	char num[SD_CASE_NUMBER_MAX];
	uint64_t fp;

	td_case(t, t->ent, "Vraag", NULL, 0, num);
	td_route(t, num, "eco");
	fp = td_fingerprint(t);
	/* Routing to a route that is still open fails, also when picked up. */
	td_expect_msg(SD_INVALID, sd_case_route(&t->d, num, eco, 1, NULL, 0, &err), &err, "eco");
	/* … and then nothing of the call is kept, not even the other department. */
	td_expect(SD_INVALID, sd_case_route(&t->d, num, spa_eco, 2, NULL, 0, &err), &err);
	td_expect_msg(SD_INVALID, sd_case_route(&t->d, num, bad, 2, NULL, 0, &err), &err, "sport");
	td_expect(SD_INVALID, sd_case_route(&t->d, num, eco, 0, NULL, 0, &err), &err);
	td_expect(SD_NOTFOUND, sd_case_route(&t->d, "2026-00077", eco, 1, NULL, 0, &err), &err);
	td_expect(SD_INVALID, sd_case_route(&t->d, "77", eco, 1, NULL, 0, &err), &err);
	assert_true(td_fingerprint(t) == fp);
	assert_string_equal(route_of(t, num, "spa"), "none");

	td_pickup(t, "bram", num, "eco");
	fp = td_fingerprint(t);
	td_expect(SD_INVALID, sd_case_route(&t->d, num, eco, 1, NULL, 0, &err), &err);
	assert_true(td_fingerprint(t) == fp);
}

/* Routing again to a finished route starts a new round; the journal keeps the old answer. */
static void
test_route_again_new_round(void **state)
{
	struct td *t = *state;
	struct sd_case_view v;
	const struct sd_route *r;
	size_t answered = 0;
	char num[SD_CASE_NUMBER_MAX];

	td_case(t, t->ent, "Vraag", NULL, 0, num);
	td_route(t, num, "eco");
	td_route(t, num, "wel");
	td_pickup(t, "bram", num, "eco");
	td_answer(t, "bram", num, "eco", "Eerste antwoord.");
	td_decline(t, "chris", num, "wel", "Niet voor ons.");
	assert_string_equal(status_of(t, num), "answered");

	td_at(t, "2026-03-09T09:00:00Z");
	td_route(t, num, "eco");
	td_view(t, num, &v);
	/* wel's answer (a decline) is work done, so the case is in progress. */
	assert_int_equal(v.c.status, SD_CASE_IN_PROGRESS);
	assert_int_equal(v.nroutes, 2);
	r = td_find_route(&v, "eco");
	assert_int_equal(r->state, SD_ROUTE_PENDING);
	assert_int_equal(r->round, 2);
	td_str(r->officer, NULL);
	td_str(r->answer, NULL);
	assert_int_equal(r->picked_up, 0);
	assert_int_equal(r->finished, 0);
	assert_int_equal(r->routed, td_time("2026-03-09T09:00:00Z"));
	day_is(r->due, "2026-03-12");
	assert_int_equal(td_find_route(&v, "wel")->state, SD_ROUTE_DECLINED);
	for (size_t i = 0; i < v.njournal; i++) {
		if (strcmp(v.journal[i].kind, "answered") == 0) {
			answered++;
			td_str(v.journal[i].text, "Eerste antwoord.");
		}
	}
	assert_int_equal(answered, 1);
	sd_case_view_free(&v);

	/* A declined route can be routed again too. */
	td_route(t, num, "wel");
	assert_string_equal(route_of(t, num, "wel"), "pending");
	td_pickup(t, "bram", num, "eco");
	td_answer(t, "bram", num, "eco", "Tweede antwoord.");
	td_answer(t, "chris", num, "wel", "Toch wel.");
	td_view(t, num, &v);
	assert_int_equal(v.c.status, SD_CASE_ANSWERED);
	td_str(td_find_route(&v, "eco")->answer, "Tweede antwoord.");
	assert_int_equal(td_find_route(&v, "wel")->round, 2);
	sd_case_view_free(&v);

	/* Only the index of the current state holds the route: one entry per route. */
	assert_int_equal(td_count(t, SD_DB_ROUTE_BY_DEPT), 2);
}

static void
test_route_work_refusals(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX];
	uint64_t fp;

	td_case(t, t->ent, "Vraag", NULL, 0, num);
	td_route(t, num, "eco");
	td_pickup(t, "bram", num, "eco");
	fp = td_fingerprint(t);

	td_as(t, "els");	/* also an officer of eco */
	td_expect_msg(SD_INVALID, sd_case_pickup(&t->d, num, "eco", 0, &err), &err, "bram");
	td_as(t, "bram");
	td_expect(SD_INVALID, sd_case_pickup(&t->d, num, "eco", 0, &err), &err);
	td_expect(SD_INVALID, sd_case_answer(&t->d, num, "eco", "", 0, &err), &err);
	td_expect(SD_INVALID, sd_case_answer(&t->d, num, "eco", NULL, 0, &err), &err);
	td_expect(SD_INVALID, sd_case_decline(&t->d, num, "eco", "  ", 0, &err), &err);
	td_expect(SD_INVALID, sd_case_pickup(&t->d, num, "", 0, &err), &err);
	td_expect(SD_INVALID, sd_case_pickup(&t->d, num, "sport", 0, &err), &err);
	td_as(t, "chris");
	td_expect(SD_NOTFOUND, sd_case_pickup(&t->d, num, "wel", 0, &err), &err);	/* not routed */
	assert_true(td_fingerprint(t) == fp);

	td_answer(t, "bram", num, "eco", "Klaar.");
	fp = td_fingerprint(t);
	td_as(t, "bram");
	td_expect(SD_INVALID, sd_case_answer(&t->d, num, "eco", "Nog eens.", 0, &err), &err);
	td_expect(SD_INVALID, sd_case_decline(&t->d, num, "eco", "Toch niet.", 0, &err), &err);
	td_expect(SD_INVALID, sd_case_pickup(&t->d, num, "eco", 0, &err), &err);
	assert_true(td_fingerprint(t) == fp);
}

static void
test_waiting_and_reopen(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	char a[SD_CASE_NUMBER_MAX], b[SD_CASE_NUMBER_MAX];
	uint64_t fp;

	/* A new case waits and comes back as new. */
	td_case(t, t->ent, "Vraag", NULL, 0, a);
	td_expect(SD_OK, sd_case_wait(&t->d, a, 0, &err), &err);
	assert_string_equal(status_of(t, a), "waiting");
	fp = td_fingerprint(t);
	td_expect(SD_INVALID, sd_case_wait(&t->d, a, 0, &err), &err);
	assert_true(td_fingerprint(t) == fp);
	td_expect(SD_OK, sd_case_reopen(&t->d, a, 0, &err), &err);
	assert_string_equal(status_of(t, a), "new");
	assert_int_equal(td_version(t, a), 3);
	fp = td_fingerprint(t);
	td_expect(SD_INVALID, sd_case_reopen(&t->d, a, 0, &err), &err);	/* not waiting */
	assert_true(td_fingerprint(t) == fp);

	/* Work on routes goes on while waiting; the case stays waiting. */
	td_case(t, t->ent, "Vraag", NULL, 0, b);
	td_route(t, b, "eco");
	td_pickup(t, "bram", b, "eco");
	assert_string_equal(status_of(t, b), "in_progress");
	td_expect(SD_OK, sd_case_wait(&t->d, b, 0, &err), &err);
	assert_string_equal(status_of(t, b), "waiting");
	td_expect(SD_OK, sd_case_reopen(&t->d, b, 0, &err), &err);
	assert_string_equal(status_of(t, b), "in_progress");
	td_expect(SD_OK, sd_case_wait(&t->d, b, 0, &err), &err);
	td_answer(t, "bram", b, "eco", "Antwoord.");
	assert_string_equal(status_of(t, b), "waiting");
	td_expect(SD_OK, sd_case_reopen(&t->d, b, 0, &err), &err);
	assert_string_equal(status_of(t, b), "answered");
}

static void
test_close_withdraws_open_routes(void **state)
{
	struct td *t = *state;
	struct sd_case_view v;
	struct sd_error err;
	const struct sd_route *r;
	const char *eco[] = { "eco" };
	char num[SD_CASE_NUMBER_MAX];
	size_t n;
	uint64_t fp;

	td_case(t, t->ent, "Vraag", NULL, 0, num);
	td_route(t, num, "eco");
	td_route(t, num, "wel");
	td_route(t, num, "spa");
	td_pickup(t, "bram", num, "eco");
	td_answer(t, "root", num, "spa", "Geen probleem.");
	n = td_journal_len(t, num);

	td_at(t, "2026-03-04T16:00:00Z");
	td_expect(SD_OK, sd_case_close(&t->d, num, "De onderneming trok de vraag in.", 0, 0, &err),
	    &err);
	td_view(t, num, &v);
	assert_int_equal(v.c.status, SD_CASE_CLOSED);
	assert_int_equal(v.c.satisfaction, 0);
	r = td_find_route(&v, "eco");
	assert_int_equal(r->state, SD_ROUTE_WITHDRAWN);
	assert_int_equal(r->finished, td_time("2026-03-04T16:00:00Z"));
	td_str(r->officer, "bram");	/* who had it is kept */
	assert_int_equal(td_find_route(&v, "wel")->state, SD_ROUTE_WITHDRAWN);
	assert_int_equal(td_find_route(&v, "spa")->state, SD_ROUTE_ANSWERED);
	/* withdrawn eco, withdrawn wel, closed, status */
	assert_int_equal(v.njournal, n + 4);
	entry_is(&v.journal[n], "ann", "withdrawn", "eco", "the case was closed");
	entry_is(&v.journal[n + 1], "ann", "withdrawn", "wel", "the case was closed");
	entry_is(&v.journal[n + 2], "ann", "closed", NULL, "De onderneming trok de vraag in.");
	field_is(&v.journal[n + 3], "ann", "status", "status", "in_progress", "closed");
	for (size_t i = n; i < v.njournal; i++)
		assert_int_equal(v.journal[i].at, td_time("2026-03-04T16:00:00Z"));
	sd_case_view_free(&v);

	/* A closed case takes no more work. */
	fp = td_fingerprint(t);
	td_expect(SD_INVALID, sd_case_close(&t->d, num, "Nog eens.", 0, 0, &err), &err);
	td_expect(SD_INVALID, sd_case_route(&t->d, num, eco, 1, NULL, 0, &err), &err);
	td_expect(SD_INVALID, sd_case_wait(&t->d, num, 0, &err), &err);
	td_as(t, "bram");
	td_expect(SD_INVALID, sd_case_answer(&t->d, num, "eco", "Te laat.", 0, &err), &err);
	td_as(t, "chris");
	td_expect(SD_INVALID, sd_case_pickup(&t->d, num, "wel", 0, &err), &err);
	td_as(t, "ann");
	assert_true(td_fingerprint(t) == fp);

	/* Reopened: the withdrawn routes are gone, the answered one remains. */
	td_expect(SD_OK, sd_case_reopen(&t->d, num, 0, &err), &err);
	td_view(t, num, &v);
	assert_int_equal(v.c.status, SD_CASE_ANSWERED);
	td_str(v.c.resolution, NULL);
	assert_int_equal(v.c.closed, 0);
	entry_is(&v.journal[v.njournal - 2], "ann", "reopened", NULL, NULL);
	field_is(&v.journal[v.njournal - 1], "ann", "status", "status", "closed", "answered");
	sd_case_view_free(&v);

	/* A withdrawn route can be routed again, in a new round; spa's answer stays. */
	td_route(t, num, "eco");
	td_view(t, num, &v);
	assert_int_equal(v.c.status, SD_CASE_IN_PROGRESS);
	r = td_find_route(&v, "eco");
	assert_int_equal(r->state, SD_ROUTE_PENDING);
	assert_int_equal(r->round, 2);
	sd_case_view_free(&v);
}

static void
test_reopen_closed_without_routes(void **state)
{
	struct td *t = *state;
	struct sd_case_view v;
	struct sd_error err;
	char a[SD_CASE_NUMBER_MAX], b[SD_CASE_NUMBER_MAX];

	td_case(t, t->ent, "Vraag", NULL, 0, a);
	td_expect(SD_OK, sd_case_close(&t->d, a, "Meteen beantwoord aan de telefoon.", 4, 0, &err),
	    &err);
	td_expect(SD_OK, sd_case_reopen(&t->d, a, 0, &err), &err);
	td_view(t, a, &v);
	assert_int_equal(v.c.status, SD_CASE_NEW);
	assert_int_equal(v.c.satisfaction, 0);
	sd_case_view_free(&v);

	/* Routed, all withdrawn on closing: nothing live, so new again. */
	td_case(t, t->ent, "Vraag", NULL, 0, b);
	td_route(t, b, "wel");
	td_expect(SD_OK, sd_case_close(&t->d, b, "Opgelost.", 0, 0, &err), &err);
	td_expect(SD_OK, sd_case_reopen(&t->d, b, 0, &err), &err);
	assert_string_equal(status_of(t, b), "new");

	/* A waiting case can be closed, and reopening gives what the routes say. */
	td_route(t, b, "eco");
	td_expect(SD_OK, sd_case_wait(&t->d, b, 0, &err), &err);
	td_expect(SD_OK, sd_case_close(&t->d, b, "Geen reactie van de onderneming.", 0, 0, &err),
	    &err);
	assert_string_equal(route_of(t, b, "eco"), "withdrawn");
	td_expect(SD_OK, sd_case_reopen(&t->d, b, 0, &err), &err);
	assert_string_equal(status_of(t, b), "new");
}

static void
test_close_validation(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX];
	uint64_t fp;

	td_case(t, t->ent, "Vraag", NULL, 0, num);
	fp = td_fingerprint(t);
	td_expect(SD_INVALID, sd_case_close(&t->d, num, NULL, 3, 0, &err), &err);
	td_expect(SD_INVALID, sd_case_close(&t->d, num, " ", 3, 0, &err), &err);
	td_expect(SD_INVALID, sd_case_close(&t->d, num, "Opgelost.", 6, 0, &err), &err);
	td_expect(SD_INVALID, sd_case_close(&t->d, num, "Opgelost.", -1, 0, &err), &err);
	td_expect(SD_INVALID, sd_case_close(&t->d, num, "Caf\xe9", 3, 0, &err), &err);
	assert_true(td_fingerprint(t) == fp);
	assert_string_equal(status_of(t, num), "new");
	td_expect(SD_OK, sd_case_close(&t->d, num, "Opgelost.", 1, 0, &err), &err);
	assert_string_equal(status_of(t, num), "closed");
}

/* --- journal --------------------------------------------------------------------- */

static void
test_journal_of_a_whole_case(void **state)
{
	struct td *t = *state;
	struct sd_case_view v;
	struct sd_error err;
	const char *depts[] = { "eco", "wel" };
	char num[SD_CASE_NUMBER_MAX];
	static const char *const times[] = {
		"2026-03-02T09:00:00Z", "2026-03-02T09:05:00Z", "2026-03-03T10:00:00Z",
		"2026-03-03T10:30:00Z", "2026-03-05T14:00:00Z", "2026-03-05T15:00:00Z",
		"2026-03-06T09:00:00Z",
	};

	td_case(t, t->ent, "Zorgboerderij zoekt ruimte", NULL, 0, num);
	td_at(t, times[1]);
	td_expect(SD_OK, sd_case_route(&t->d, num, depts, 2, "Dringend.", 0, &err), &err);
	td_at(t, times[2]);
	td_pickup(t, "bram", num, "eco");
	td_at(t, times[3]);
	td_as(t, "chris");
	td_expect(SD_OK, sd_case_note(&t->d, num, "Ik bel hen morgen.", 0, &err), &err);
	td_as(t, "ann");
	td_at(t, times[4]);
	td_answer(t, "bram", num, "eco", "Pand in de Stationsstraat is vrij.");
	td_at(t, times[5]);
	td_decline(t, "chris", num, "wel", "Geen welzijnsvraag.");
	td_at(t, times[6]);
	td_expect(SD_OK, sd_case_close(&t->d, num, "Pand gevonden.", 4, 0, &err), &err);

	td_view(t, num, &v);
	assert_int_equal(v.njournal, 13);
	entry_is(&v.journal[0], "ann", "created", NULL, "Zorgboerderij zoekt ruimte");
	entry_is(&v.journal[1], "ann", "routed", "eco", "Dringend.");
	entry_is(&v.journal[2], "ann", "routed", "wel", "Dringend.");
	field_is(&v.journal[3], "ann", "status", "status", "new", "routed");
	entry_is(&v.journal[4], "bram", "picked_up", "eco", NULL);
	field_is(&v.journal[5], "bram", "status", "status", "routed", "in_progress");
	entry_is(&v.journal[6], "chris", "note", NULL, "Ik bel hen morgen.");
	entry_is(&v.journal[7], "bram", "answered", "eco", "Pand in de Stationsstraat is vrij.");
	entry_is(&v.journal[8], "chris", "declined", "wel", "Geen welzijnsvraag.");
	field_is(&v.journal[9], "chris", "status", "status", "in_progress", "answered");
	entry_is(&v.journal[10], "ann", "closed", NULL, "Pand gevonden.");
	/* The satisfaction given at closing is journaled (issue 10). */
	field_is(&v.journal[11], "ann", "field", "satisfaction", NULL, "4");
	field_is(&v.journal[12], "ann", "status", "status", "answered", "closed");
	assert_int_equal(v.journal[0].at, td_time(times[0]));
	assert_int_equal(v.journal[1].at, td_time(times[1]));
	assert_int_equal(v.journal[4].at, td_time(times[2]));
	assert_int_equal(v.journal[6].at, td_time(times[3]));
	assert_int_equal(v.journal[7].at, td_time(times[4]));
	assert_int_equal(v.journal[8].at, td_time(times[5]));
	assert_int_equal(v.journal[10].at, td_time(times[6]));
	/* Oldest first, each with its own, increasing sequence number. */
	for (size_t i = 1; i < v.njournal; i++) {
		assert_true(v.journal[i].seq > v.journal[i - 1].seq);
		assert_true(v.journal[i].at >= v.journal[i - 1].at);
	}
	sd_case_view_free(&v);
}

static void
test_note(void **state)
{
	struct td *t = *state;
	struct sd_case_view v;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX];

	td_case(t, t->ent, "Vraag", NULL, 0, num);
	td_expect(SD_OK, sd_case_note(&t->d, num, "Eerste notitie.", 0, &err), &err);
	td_expect(SD_INVALID, sd_case_note(&t->d, num, "", 0, &err), &err);
	td_expect(SD_INVALID, sd_case_note(&t->d, num, NULL, 0, &err), &err);
	td_view(t, num, &v);
	assert_int_equal(v.njournal, 2);
	entry_is(&v.journal[1], "ann", "note", NULL, "Eerste notitie.");
	assert_int_equal(v.c.version, 2);
	assert_int_equal(v.c.status, SD_CASE_NEW);
	sd_case_view_free(&v);
}

/* Journals of two cases do not mix. */
static void
test_journal_per_case(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	char a[SD_CASE_NUMBER_MAX], b[SD_CASE_NUMBER_MAX];

	td_case(t, t->ent, "Een", NULL, 0, a);
	td_case(t, t->ent, "Twee", NULL, 0, b);
	td_expect(SD_OK, sd_case_note(&t->d, a, "Notitie bij een.", 0, &err), &err);
	td_expect(SD_OK, sd_case_note(&t->d, a, "Nog een.", 0, &err), &err);
	assert_int_equal(td_journal_len(t, a), 3);
	assert_int_equal(td_journal_len(t, b), 1);
}

/* --- edit --------------------------------------------------------------------------- */

static void
test_edit_journals_fields(void **state)
{
	struct td *t = *state;
	struct sd_case_input in = { 0 };
	struct sd_case_view v;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX];
	size_t n;

	td_case(t, t->ent, "Vraag", "funding", 0, num);
	{
		struct sd_case_input d0 = { .description = "Eerste uitleg." };
		td_expect(SD_OK, sd_case_edit(&t->d, num, &d0, 0, &err), &err);
	}
	n = td_journal_len(t, num);
	td_at(t, "2026-03-03T09:00:00Z");
	in.subject = "Vraag over een vergunning";
	in.description = "";			/* clears */
	in.category = "permit";
	in.owner = "gert";
	in.channel = SD_CHANNEL_DESK;
	in.priority = SD_PRIORITY_URGENT;
	td_expect(SD_OK, sd_case_edit(&t->d, num, &in, 2, &err), &err);

	td_view(t, num, &v);
	assert_int_equal(v.c.version, 3);
	td_str(v.c.subject, "Vraag over een vergunning");
	td_str(v.c.description, NULL);
	td_str(v.c.category, "permit");
	td_str(v.c.owner, "gert");
	assert_int_equal(v.c.channel, SD_CHANNEL_DESK);
	assert_int_equal(v.c.priority, SD_PRIORITY_URGENT);
	day_is(v.c.due, "2026-03-17");	/* permit's 10 days from creation */
	assert_int_equal(v.c.updated, td_time("2026-03-03T09:00:00Z"));
	assert_int_equal(v.njournal, n + 7);
	field_is(&v.journal[n + 0], "ann", "field", "subject", "Vraag", "Vraag over een vergunning");
	field_is(&v.journal[n + 1], "ann", "field", "description", "Eerste uitleg.", NULL);
	field_is(&v.journal[n + 2], "ann", "field", "category", "funding", "permit");
	field_is(&v.journal[n + 3], "ann", "field", "owner", "ann", "gert");
	field_is(&v.journal[n + 4], "ann", "field", "channel", "phone", "desk");
	field_is(&v.journal[n + 5], "ann", "field", "priority", "normal", "urgent");
	field_is(&v.journal[n + 6], "ann", "field", "due", "2026-03-10", "2026-03-17");
	for (size_t i = n; i < v.njournal; i++)
		assert_int_equal(v.journal[i].at, td_time("2026-03-03T09:00:00Z"));
	sd_case_view_free(&v);

	/* Clearing the category brings the general service level. */
	memset(&in, 0, sizeof in);
	in.category = "";
	td_expect(SD_OK, sd_case_edit(&t->d, num, &in, 0, &err), &err);
	td_view(t, num, &v);
	td_str(v.c.category, NULL);
	day_is(v.c.due, "2026-03-13");
	field_is(&v.journal[v.njournal - 2], "ann", "field", "category", "permit", NULL);
	field_is(&v.journal[v.njournal - 1], "ann", "field", "due", "2026-03-17", "2026-03-13");
	sd_case_view_free(&v);
}

static void
test_edit_refusals(void **state)
{
	struct td *t = *state;
	struct sd_case_input in = { 0 };
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX];
	uint64_t fp;

	td_case(t, t->ent, "Vraag", NULL, 0, num);
	fp = td_fingerprint(t);
	in.subject = "";
	td_expect(SD_INVALID, sd_case_edit(&t->d, num, &in, 0, &err), &err);
	in.subject = NULL;
	in.category = "sport";
	td_expect(SD_INVALID, sd_case_edit(&t->d, num, &in, 0, &err), &err);
	in.category = NULL;
	in.owner = "bram";		/* an officer cannot own a case */
	td_expect(SD_INVALID, sd_case_edit(&t->d, num, &in, 0, &err), &err);
	in.owner = "nobody";
	td_expect(SD_INVALID, sd_case_edit(&t->d, num, &in, 0, &err), &err);
	in.owner = NULL;
	in.description = "\xc3(";
	td_expect(SD_INVALID, sd_case_edit(&t->d, num, &in, 0, &err), &err);
	in.description = NULL;
	in.subject = "Nieuw";
	td_expect(SD_NOTFOUND, sd_case_edit(&t->d, "2026-00002", &in, 0, &err), &err);
	assert_true(td_fingerprint(t) == fp);
}

/* An edit that changes nothing is no change: no version, no journal entry. */
static void
test_edit_without_change_writes_nothing(void **state)
{
	struct td *t = *state;
	struct sd_case_input in = { 0 };
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX];
	uint64_t fp;

	td_case(t, t->ent, "Vraag", "funding", SD_PRIORITY_HIGH, num);
	fp = td_fingerprint(t);
	in.subject = "Vraag";
	in.category = "funding";
	in.priority = SD_PRIORITY_HIGH;
	in.owner = "ann";
	td_expect(SD_OK, sd_case_edit(&t->d, num, &in, 1, &err), &err);
	assert_int_equal(td_journal_len(t, num), 1);
	assert_int_equal(td_version(t, num), 1);
	assert_true(td_fingerprint(t) == fp);
}

/* --- versions ------------------------------------------------------------------------ */

static void
test_versions_and_conflicts(void **state)
{
	struct td *t = *state;
	struct sd_case_input in = { .priority = SD_PRIORITY_LOW };
	struct sd_error err;
	const char *eco[] = { "eco" };
	char num[SD_CASE_NUMBER_MAX];
	uint64_t fp;
	uint32_t v;

	td_case(t, t->ent, "Vraag", NULL, 0, num);
	td_as(t, "root");	/* may do every action, so each one can be tried */

	/* Each action with a stale version: SD_CONFLICT and nothing written. */
	fp = td_fingerprint(t);
	td_expect_msg(SD_CONFLICT, sd_case_edit(&t->d, num, &in, 2, &err), &err, num);
	td_expect(SD_CONFLICT, sd_case_route(&t->d, num, eco, 1, NULL, 7, &err), &err);
	td_expect(SD_CONFLICT, sd_case_note(&t->d, num, "Notitie.", 2, &err), &err);
	td_expect(SD_CONFLICT, sd_case_wait(&t->d, num, 2, &err), &err);
	td_expect(SD_CONFLICT, sd_case_close(&t->d, num, "Klaar.", 0, 2, &err), &err);
	assert_true(td_fingerprint(t) == fp);

	/* The right version: the change happens and the version goes up by one. */
	td_expect(SD_OK, sd_case_edit(&t->d, num, &in, 1, &err), &err);
	assert_int_equal(td_version(t, num), 2);
	td_expect(SD_OK, sd_case_route(&t->d, num, eco, 1, NULL, 2, &err), &err);
	assert_int_equal(td_version(t, num), 3);

	fp = td_fingerprint(t);
	td_expect(SD_CONFLICT, sd_case_pickup(&t->d, num, "eco", 2, &err), &err);
	td_expect(SD_CONFLICT, sd_case_answer(&t->d, num, "eco", "Antwoord.", 2, &err), &err);
	td_expect(SD_CONFLICT, sd_case_decline(&t->d, num, "eco", "Nee.", 4, &err), &err);
	assert_true(td_fingerprint(t) == fp);
	assert_string_equal(route_of(t, num, "eco"), "pending");

	td_expect(SD_OK, sd_case_pickup(&t->d, num, "eco", 3, &err), &err);
	td_expect(SD_OK, sd_case_note(&t->d, num, "Notitie.", 4, &err), &err);
	td_expect(SD_OK, sd_case_answer(&t->d, num, "eco", "Antwoord.", 5, &err), &err);
	td_expect(SD_OK, sd_case_wait(&t->d, num, 6, &err), &err);
	fp = td_fingerprint(t);
	td_expect(SD_CONFLICT, sd_case_reopen(&t->d, num, 6, &err), &err);
	assert_true(td_fingerprint(t) == fp);
	td_expect(SD_OK, sd_case_reopen(&t->d, num, 7, &err), &err);
	td_expect(SD_OK, sd_case_close(&t->d, num, "Klaar.", 3, 8, &err), &err);
	v = td_version(t, num);
	assert_int_equal(v, 9);
	/* 0 means "do not check". */
	td_expect(SD_OK, sd_case_reopen(&t->d, num, 0, &err), &err);
	assert_int_equal(td_version(t, num), 10);
}

/* Two people read version 1; the second save is refused and the first survives. */
static void
test_two_editors(void **state)
{
	struct td *t = *state;
	struct sd_case_input a = { .subject = "Onderwerp van Ann" };
	struct sd_case_input g = { .subject = "Onderwerp van Gert" };
	struct sd_case_view v;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX];

	td_case(t, t->ent, "Vraag", NULL, 0, num);
	td_expect(SD_OK, sd_case_edit(&t->d, num, &a, 1, &err), &err);
	td_as(t, "gert");
	td_expect(SD_CONFLICT, sd_case_edit(&t->d, num, &g, 1, &err), &err);
	td_view(t, num, &v);
	td_str(v.c.subject, "Onderwerp van Ann");
	assert_int_equal(v.c.version, 2);
	assert_int_equal(v.njournal, 2);
	sd_case_view_free(&v);
}

/* --- lookups and suggestions ----------------------------------------------------------- */

static void
test_get_and_numbers(void **state)
{
	struct td *t = *state;
	struct sd_case_view v;
	struct sd_error err;
	struct sd_case_key k;
	char num[SD_CASE_NUMBER_MAX];

	td_case(t, t->ent, "Vraag", NULL, 0, num);
	td_expect(SD_NOTFOUND, sd_case_get(&t->d, "2026-00002", &v, &err), &err);
	td_expect(SD_NOTFOUND, sd_case_get(&t->d, "2025-00001", &v, &err), &err);
	td_expect(SD_INVALID, sd_case_get(&t->d, "2026-0000x", &v, &err), &err);
	td_expect(SD_INVALID, sd_case_get(&t->d, "00001", &v, &err), &err);
	td_expect(SD_INVALID, sd_case_get(&t->d, "2026-00000", &v, &err), &err);

	k.year = 2026;
	k.seq = 42;
	sd_case_number_format(k, num);
	assert_string_equal(num, "2026-00042");
	assert_true(sd_case_number_parse("2026-00042", &k));
	assert_int_equal(k.year, 2026);
	assert_int_equal(k.seq, 42);
	assert_false(sd_case_number_parse("2026-", &k));
	assert_false(sd_case_number_parse("2026/00042", &k));
	assert_false(sd_case_number_parse("2026-00042 ", &k));
}

static void
test_suggest(void **state)
{
	struct td *t = *state;
	const struct sd_department **deps = NULL;
	struct sd_case_input in = { .description = "Voor kwetsbare jongeren." };
	struct sd_error err;
	char a[SD_CASE_NUMBER_MAX], b[SD_CASE_NUMBER_MAX];
	size_t n = 99;

	td_case(t, t->ent, "Startersbudget", "funding", 0, a);
	td_case(t, t->ent, "Vraag over zorg", "funding", 0, b);
	td_expect(SD_OK, sd_case_suggest(&t->d, a, &deps, &n, &err), &err);
	assert_int_equal(n, 1);
	assert_string_equal(deps[0]->id, "eco");
	free(deps);
	deps = NULL;
	td_expect(SD_OK, sd_case_suggest(&t->d, b, &deps, &n, &err), &err);
	assert_int_equal(n, 2);
	assert_string_equal(deps[0]->id, "eco");
	assert_string_equal(deps[1]->id, "wel");
	free(deps);
	deps = NULL;

	/* Words of the description count too; the category's rule does not apply here. */
	td_expect(SD_OK, sd_case_edit(&t->d, a, &in, 0, &err), &err);
	in.description = NULL;
	in.category = "";
	td_expect(SD_OK, sd_case_edit(&t->d, a, &in, 0, &err), &err);
	td_expect(SD_OK, sd_case_suggest(&t->d, a, &deps, &n, &err), &err);
	assert_int_equal(n, 1);
	assert_string_equal(deps[0]->id, "wel");
	free(deps);
}

/*
 * What the interface watches to notice others' changes: sd_desk_changes
 * moves with every committed change, of this desk or another process's,
 * and not with reads or with sd_desk_tick's housekeeping.
 */
static void
test_desk_changes(void **state)
{
	struct td *t = *state;
	struct sd_case_view v;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX];
	uint64_t c0, c1;

	c0 = sd_desk_changes(&t->d);
	td_case(t, t->ent, "Vraag", NULL, 0, num);
	c1 = sd_desk_changes(&t->d);
	assert_true(c1 > c0);
	td_expect(SD_OK, sd_case_get(&t->d, num, &v, &err), &err);
	sd_case_view_free(&v);
	sd_desk_tick(&t->d);
	sd_desk_tick(&t->d);
	assert_true(sd_desk_changes(&t->d) == c1);
	/*
	 * Another process's change is seen by this open desk.  No LMDB
	 * environment may cross a fork: ours is closed first and opened again
	 * once the child is on its way; the child writes when told.
	 */
	{
		int go[2], status;
		pid_t pid;
		char c = 'x';

		struct sd_desk d;

		assert_int_equal(pipe(go), 0);
		if ((pid = td_fork_desk(t, "ann", &d)) == 0) {
			close(go[1]);
			if (read(go[0], &c, 1) != 1)
				_exit(2);
			d.fixed_now = t->now;
			if (sd_case_note(&d, num, "Van elders.", 0, &err) != SD_OK)
				_exit(3);
			sd_desk_close(&d);
			_exit(0);
		}
		close(go[0]);
		c1 = sd_desk_changes(&t->d);
		assert_int_equal(write(go[1], &c, 1), 1);
		close(go[1]);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	assert_true(sd_desk_changes(&t->d) > c1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_case, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_desk_changes, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_journal_pages, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_new_case_defaults, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_new_case_invalid, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_due_from_category, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_due_skips_weekends_and_holidays, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_route_due_from_department, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_status_flow, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_answer_without_pickup, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_route_to_several_departments, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_route_refusals, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_route_again_new_round, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_route_work_refusals, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_waiting_and_reopen, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_close_withdraws_open_routes, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_reopen_closed_without_routes, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_close_validation, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_journal_of_a_whole_case, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_note, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_journal_per_case, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_edit_journals_fields, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_edit_refusals, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_edit_without_change_writes_nothing, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_versions_and_conflicts, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_two_editors, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_get_and_numbers, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_suggest, td_setup, td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
