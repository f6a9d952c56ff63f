/*
 * Unit tests for contact moments (src/core/moment_*.c): planned and held,
 * the dates they refuse, who sees and writes them (an officer outside the
 * moment's departments gets "not found", a manager reads but may not
 * write), done twice, version conflicts, a case made from a moment and one
 * linked to it (both ways), the inbox's moments, the timeline entry and
 * `check` after all of it.
 *
 * The clock: Monday 2026-03-02T09:00:00Z, TZ=UTC (local time is UTC).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "../../src/core/internal.h"
#include "../../src/core/moment_internal.h"
#include "../../src/core/timeline.h"
#include "sedesk/moment.h"
#include "sedesk/ops.h"
#include "sedesk/timeline.h"
#include "testdesk.h"

/* Adds a moment as the current caller; returns the status, id in out. */
static sd_status
add(struct td *t, const char *kind, const char *time, const char *depts, const char *with,
    const char *follow_up, char out[SD_UUID_STR], struct sd_error *err)
{
	struct sd_moment_input in = { .enterprise = t->ent, .kind = sd_channel_parse(kind),
	    .time = time, .departments = depts, .participants = with, .follow_up = follow_up };
	uint8_t id[SD_UUID_LEN];
	sd_status s = sd_moment_add(&t->d, &in, id, err);

	if (s == SD_OK && out != NULL)
		sd_uuid_format(id, out);
	return s;
}

static void
get(struct td *t, const char *id, struct sd_moment_view *v)
{
	struct sd_error err;

	td_expect(SD_OK, sd_moment_get(&t->d, id, v, &err), &err);
}

static void
test_planned_and_held(void **state)
{
	struct td *t = *state;
	struct sd_moment_view v;
	struct sd_error err;
	char a[SD_UUID_STR], b[SD_UUID_STR], c[SD_UUID_STR], tm[17];

	td_expect(SD_OK, add(t, "site-visit", "2026-03-10T14:00", "eco,wel", NULL, NULL, a, &err),
	    &err);
	get(t, a, &v);
	assert_int_equal(v.m.state, SD_MOMENT_PLANNED);
	assert_int_equal(v.m.kind, SD_CHANNEL_SITE_VISIT);
	td_str(v.m.departments, "eco,wel");
	td_str(v.m.owner, "ann");
	sd_moment_time_format(v.m.at, v.m.timed, tm);
	td_str(tm, "2026-03-10T14:00");
	assert_int_equal(v.m.version, 1);
	assert_int_equal(v.njournal, 1);
	td_str(v.journal[0].kind, "created");
	sd_moment_view_free(&v);
	/* Without a time: now, and so it took place. */
	td_expect(SD_OK, add(t, "phone", NULL, NULL, NULL, NULL, b, &err), &err);
	get(t, b, &v);
	assert_int_equal(v.m.state, SD_MOMENT_HELD);
	sd_moment_time_format(v.m.at, v.m.timed, tm);
	td_str(tm, "2026-03-02T09:00");
	sd_moment_view_free(&v);
	/* A day past: held; today without a time: held (the day has come). */
	td_expect(SD_OK, add(t, "meeting", "2026-02-20", NULL, NULL, NULL, c, &err), &err);
	get(t, c, &v);
	assert_int_equal(v.m.state, SD_MOMENT_HELD);
	assert_int_equal(v.m.kind, SD_CHANNEL_MEETING);
	assert_int_equal(v.m.timed, 0);
	sd_moment_view_free(&v);
	/* Found by the first 8 digits of the id, as lists show it. */
	{
		char shortid[9];
		memcpy(shortid, a, 8);
		shortid[8] = '\0';
		get(t, shortid, &v);
		assert_int_equal(v.m.state, SD_MOMENT_PLANNED);
		sd_moment_view_free(&v);
	}
}

static void
test_bad_dates(void **state)
{
	struct td *t = *state;
	struct sd_error err;
	uint64_t before = td_fingerprint(t);

	td_expect_msg(SD_INVALID, add(t, "site-visit", "2026-02-30", NULL, NULL, NULL, NULL, &err),
	    &err, "not a date or time");
	td_expect_msg(SD_INVALID, add(t, "site-visit", "2026-03-10T25:00", NULL, NULL, NULL, NULL,
	    &err), &err, "YYYY-MM-DDTHH:MM");
	td_expect(SD_INVALID, add(t, "site-visit", "2026-03-10T14", NULL, NULL, NULL, NULL, &err),
	    &err);
	td_expect(SD_INVALID, add(t, "site-visit", "next tuesday", NULL, NULL, NULL, NULL, &err),
	    &err);
	td_expect_msg(SD_INVALID, add(t, "site-visit", "2026-03-10", NULL, NULL, "2026-03-40", NULL,
	    &err), &err, "follow-up");
	/* A follow-up before the moment, and one in the past. */
	td_expect_msg(SD_INVALID, add(t, "site-visit", "2026-03-10", NULL, NULL, "2026-03-09", NULL,
	    &err), &err, "before the moment");
	td_expect_msg(SD_INVALID, add(t, "phone", "2026-02-10", NULL, NULL, "2026-02-11", NULL,
	    &err), &err, "in the past");
	td_expect(SD_INVALID, add(t, "fax", "2026-03-10", NULL, NULL, NULL, NULL, &err), &err);
	td_expect(SD_INVALID, add(t, "phone", NULL, "nosuch", NULL, NULL, NULL, &err), &err);
	td_expect_msg(SD_INVALID, add(t, "phone", NULL, NULL, "nobody", NULL, NULL, &err), &err,
	    "nobody");
	assert_true(td_fingerprint(t) == before);
}

static void
test_officer_outside_departments(void **state)
{
	struct td *t = *state;
	struct sd_moment_view v;
	struct sd_moment_rows rows;
	struct sd_moment_filter f = { .from = SD_NO_DAY, .to = SD_NO_DAY };
	struct sd_moment_input in = { .text = "changed" };
	struct sd_error err, err2;
	char a[SD_UUID_STR];

	td_expect(SD_OK, add(t, "site-visit", "2026-03-10T14:00", "wel", NULL, NULL, a, &err), &err);
	/* bram (eco) does not see it: the words of an id that does not exist. */
	td_as(t, "bram");
	td_expect(SD_NOTFOUND, sd_moment_get(&t->d, a, &v, &err), &err);
	td_expect(SD_NOTFOUND, sd_moment_get(&t->d, "00000000-0000-4000-8000-000000000000", &v,
	    &err2), &err2);
	assert_non_null(strstr(err.msg, "no contact moment"));
	assert_non_null(strstr(err2.msg, "no contact moment"));
	td_expect(SD_NOTFOUND, sd_moment_edit(&t->d, a, &in, 0, &err), &err);
	td_expect(SD_NOTFOUND, sd_moment_done(&t->d, a, "x", 0, &err), &err);
	td_expect(SD_OK, sd_moment_list(&t->d, &f, 50, &rows, &err), &err);
	assert_int_equal(rows.n, 0);
	sd_moment_rows_free(&rows);
	/* chris (wel) sees it, lists it and may record on it. */
	td_as(t, "chris");
	get(t, a, &v);
	sd_moment_view_free(&v);
	td_expect(SD_OK, sd_moment_list(&t->d, &f, 50, &rows, &err), &err);
	assert_int_equal(rows.n, 1);
	sd_moment_rows_free(&rows);
	td_expect(SD_OK, sd_moment_edit(&t->d, a, &in, 1, &err), &err);
	/* An officer records the moments of his own departments. */
	td_as(t, "bram");
	td_expect_msg(SD_DENIED, add(t, "phone", NULL, "wel", NULL, NULL, NULL, &err), &err,
	    "own departments");
	td_expect(SD_OK, add(t, "phone", NULL, NULL, NULL, NULL, a, &err), &err);
	get(t, a, &v);
	td_str(v.m.departments, "eco");
	sd_moment_view_free(&v);
	/* A participant sees it too, outside his departments. */
	td_as(t, "ann");
	td_expect(SD_OK, add(t, "pitch", "2026-03-11", "wel", "bram", NULL, a, &err), &err);
	td_as(t, "bram");
	get(t, a, &v);
	sd_moment_view_free(&v);
}

static void
test_manager_reads_not_writes(void **state)
{
	struct td *t = *state;
	struct sd_moment_view v;
	struct sd_moment_input in = { .text = "x" };
	struct sd_error err;
	char a[SD_UUID_STR];

	td_expect(SD_OK, add(t, "site-visit", "2026-03-10T14:00", "wel", NULL, NULL, a, &err), &err);
	td_as(t, "dina");
	get(t, a, &v);
	sd_moment_view_free(&v);
	td_expect(SD_DENIED, add(t, "phone", NULL, NULL, NULL, NULL, NULL, &err), &err);
	td_expect(SD_DENIED, sd_moment_edit(&t->d, a, &in, 0, &err), &err);
	td_expect(SD_DENIED, sd_moment_done(&t->d, a, "x", 0, &err), &err);
	/* Officers do not make cases: a case from a moment is the contact point's. */
	td_as(t, "chris");
	td_expect(SD_DENIED, sd_moment_make_case(&t->d, a, "q", NULL, NULL, 0, NULL, &err), &err);
}

static void
test_done(void **state)
{
	struct td *t = *state;
	struct sd_moment_view v;
	struct sd_error err;
	char a[SD_UUID_STR], b[SD_UUID_STR];
	uint8_t id[SD_UUID_LEN];
	sd_day last;
	struct sd_txn x;

	td_expect(SD_OK, add(t, "site-visit", "2026-03-02T14:00", "eco,wel", NULL, NULL, a, &err),
	    &err);
	td_expect(SD_OK, add(t, "site-visit", "2026-03-09T14:00", "eco", NULL, NULL, b, &err),
	    &err);
	/* Planned, so no contact yet. */
	assert_true(sd_uuid_parse(t->ent, id));
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &x, &err), &err);
	td_expect(SD_OK, timeline_last_contact(&x, id, &last, &err), &err);
	sd_txn_abort(&x);
	assert_int_equal(last, SD_NO_DAY);
	/* Done needs its report, and a day that has come. */
	td_expect_msg(SD_INVALID, sd_moment_done(&t->d, a, NULL, 0, &err), &err, "report");
	td_expect_msg(SD_INVALID, sd_moment_done(&t->d, b, "went well", 0, &err), &err,
	    "cannot have taken place");
	td_expect(SD_OK, sd_moment_done(&t->d, a, "Visited the kitchen.\nThey need space.", 1,
	    &err), &err);
	get(t, a, &v);
	assert_int_equal(v.m.state, SD_MOMENT_HELD);
	assert_int_equal(v.m.version, 2);
	td_str(v.m.text, "Visited the kitchen.\nThey need space.");
	assert_true(v.m.held == td_time(TD_NOW));
	sd_moment_view_free(&v);
	/* Done twice. */
	td_expect_msg(SD_INVALID, sd_moment_done(&t->d, a, "again", 0, &err), &err,
	    "already took place");
	/* Now a contact on the enterprise's timeline. */
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &x, &err), &err);
	td_expect(SD_OK, timeline_last_contact(&x, id, &last, &err), &err);
	{
		struct sd_timeline_item it;
		uint8_t mid[SD_UUID_LEN];
		assert_true(sd_uuid_parse(a, mid));
		td_expect(SD_OK, moment_describe(&x, &t->d, id, 0, mid, SD_UUID_LEN, &it, &err),
		    &err);
		assert_true(it.contact);
		td_str(it.code, "held");
		td_str(it.ref, a);
		assert_non_null(strstr(it.title, "Visited the kitchen."));
		free(it.title);
		free(it.state);
		/* An officer outside its departments: not found, so the reader skips it. */
		td_as(t, "chris");
		assert_true(sd_uuid_parse(b, mid));
		assert_int_equal(moment_describe(&x, &t->d, id, 0, mid, SD_UUID_LEN, &it, &err),
		    SD_NOTFOUND);
		td_as(t, "ann");
	}
	sd_txn_abort(&x);
	assert_int_equal(last, td_day("2026-03-02"));
}

static void
test_version_conflict(void **state)
{
	struct td *t = *state;
	struct sd_moment_input in = { .text = "first" }, in2 = { .text = "second" };
	struct sd_moment_view v;
	struct sd_error err;
	char a[SD_UUID_STR];
	uint64_t before;

	td_expect(SD_OK, add(t, "phone", NULL, NULL, NULL, NULL, a, &err), &err);
	td_expect(SD_OK, sd_moment_edit(&t->d, a, &in, 1, &err), &err);
	before = td_fingerprint(t);
	td_expect_msg(SD_CONFLICT, sd_moment_edit(&t->d, a, &in2, 1, &err), &err,
	    "changed since you read it");
	assert_true(td_fingerprint(t) == before);
	/* Only the time moved: a change, saved and journaled in words. */
	td_expect(SD_OK, sd_moment_edit(&t->d, a, &(struct sd_moment_input){
	    .time = "2026-03-02T08:30" }, 2, &err), &err);
	get(t, a, &v);
	assert_int_equal(v.m.version, 3);
	{
		char tm[17];
		sd_moment_time_format(v.m.at, v.m.timed, tm);
		td_str(tm, "2026-03-02T08:30");
	}
	td_str(v.journal[v.njournal - 1].field, "time");
	td_str(v.journal[v.njournal - 1].old_value, "2026-03-02T09:00");
	td_str(v.journal[v.njournal - 1].new_value, "2026-03-02T08:30");
	sd_moment_view_free(&v);
	before = td_fingerprint(t);
	/* The same values: nothing to change, nothing written. */
	td_expect(SD_INVALID, sd_moment_edit(&t->d, a, &in, 3, &err), &err);
	assert_true(td_fingerprint(t) == before);
	get(t, a, &v);
	td_str(v.m.text, "first");
	/* created, the report's change with old and new value, the time's */
	assert_int_equal(v.njournal, 3);
	td_str(v.journal[1].field, "text");
	td_str(v.journal[1].new_value, "first");
	sd_moment_view_free(&v);
}

static void
test_case_both_ways(void **state)
{
	struct td *t = *state;
	struct sd_moment_view v;
	struct sd_case_view cv;
	struct sd_moment_input in = { 0 };
	struct sd_case_key key;
	struct sd_error err;
	char a[SD_UUID_STR], b[SD_UUID_STR], num[SD_CASE_NUMBER_MAX], num2[SD_CASE_NUMBER_MAX];
	char other[SD_UUID_STR], onum[SD_CASE_NUMBER_MAX];

	td_expect(SD_OK, add(t, "site-visit", "2026-02-27T10:00", "eco", NULL, NULL, a, &err),
	    &err);
	td_expect(SD_OK, sd_moment_make_case(&t->d, a, "Looking for a workshop", "funding",
	    NULL, 1, &key, &err), &err);
	sd_case_number_format(key, num);
	td_view(t, num, &cv);
	td_str(cv.c.moment, a);
	assert_int_equal(cv.c.channel, SD_CHANNEL_SITE_VISIT);
	sd_case_view_free(&cv);
	get(t, a, &v);
	td_str(v.m.case_number, num);
	assert_int_equal(v.m.version, 2);
	sd_moment_view_free(&v);
	/* Once only. */
	td_expect_msg(SD_INVALID, sd_moment_make_case(&t->d, a, "Again", NULL, NULL, 0, &key,
	    &err), &err, "already linked");
	/* An existing case linked on add: both ways, journaled on the case. */
	td_case(t, t->ent, "Question by phone", NULL, SD_PRIORITY_NORMAL, num2);
	in.enterprise = t->ent;
	in.kind = SD_CHANNEL_PHONE;
	in.case_number = num2;
	{
		uint8_t id[SD_UUID_LEN];
		td_expect(SD_OK, sd_moment_add(&t->d, &in, id, &err), &err);
		sd_uuid_format(id, b);
	}
	td_view(t, num2, &cv);
	td_str(cv.c.moment, b);
	assert_int_equal(cv.c.version, 2);
	td_str(cv.journal[cv.njournal - 1].field, "moment");
	sd_case_view_free(&cv);
	get(t, b, &v);
	td_str(v.m.case_number, num2);
	sd_moment_view_free(&v);
	/* A case linked to another moment, or of another enterprise: refused. */
	td_expect_msg(SD_INVALID, sd_moment_edit(&t->d, b,
	    &(struct sd_moment_input){ .case_number = num }, 0, &err), &err, "already linked");
	td_enterprise(t, "Other bv", NULL, NULL, other);
	td_case(t, other, "Elsewhere", NULL, SD_PRIORITY_NORMAL, onum);
	in.case_number = onum;
	{
		uint8_t id[SD_UUID_LEN];
		uint64_t before = td_fingerprint(t);
		td_expect_msg(SD_INVALID, sd_moment_add(&t->d, &in, id, &err), &err,
		    "another enterprise");
		assert_true(td_fingerprint(t) == before);
	}
}

static void
test_inbox(void **state)
{
	struct td *t = *state;
	struct sd_moment_rows rows;
	struct sd_error err;
	char a[SD_UUID_STR], b[SD_UUID_STR], c[SD_UUID_STR];

	/* ann plans a visit today with bram; another tomorrow; gert one today. */
	td_expect(SD_OK, add(t, "site-visit", "2026-03-02T14:00", "eco", "bram", NULL, a, &err),
	    &err);
	td_expect(SD_OK, add(t, "pitch", "2026-03-03T10:00", "eco", NULL, "2026-03-04", b, &err),
	    &err);
	td_as(t, "gert");
	td_expect(SD_OK, add(t, "site-visit", "2026-03-02T16:00", "wel", NULL, NULL, c, &err),
	    &err);
	td_as(t, "ann");
	td_expect(SD_OK, sd_moment_inbox(&t->d, 50, &rows, &err), &err);
	assert_int_equal(rows.n, 1);
	assert_true(rows.items[0].today);
	assert_false(rows.items[0].follow_up_due);
	sd_moment_rows_free(&rows);
	/* The participant has it too. */
	td_as(t, "bram");
	td_expect(SD_OK, sd_moment_inbox(&t->d, 50, &rows, &err), &err);
	assert_int_equal(rows.n, 1);
	sd_moment_rows_free(&rows);
	/* Two days on: today's is gone, ann's follow-up has come (not bram's). */
	td_at(t, "2026-03-04T08:00:00Z");
	td_expect(SD_OK, sd_moment_inbox(&t->d, 50, &rows, &err), &err);
	assert_int_equal(rows.n, 0);
	sd_moment_rows_free(&rows);
	td_as(t, "ann");
	td_expect(SD_OK, sd_moment_inbox(&t->d, 50, &rows, &err), &err);
	assert_int_equal(rows.n, 1);
	assert_true(rows.items[0].follow_up_due);
	sd_moment_rows_free(&rows);
	/* Cleared, it is gone. */
	td_expect(SD_OK, sd_moment_edit(&t->d, b, &(struct sd_moment_input){ .follow_up = "" }, 0,
	    &err), &err);
	td_expect(SD_OK, sd_moment_inbox(&t->d, 50, &rows, &err), &err);
	assert_int_equal(rows.n, 0);
	sd_moment_rows_free(&rows);
}

static void
test_list_and_check(void **state)
{
	struct td *t = *state;
	struct sd_moment_rows rows;
	struct sd_moment_filter f = { .from = SD_NO_DAY, .to = SD_NO_DAY };
	struct sd_error err;
	char a[SD_UUID_STR];
	size_t problems;

	td_expect(SD_OK, add(t, "site-visit", "2026-03-10T14:00", "eco", NULL, NULL, a, &err), &err);
	td_expect(SD_OK, add(t, "phone", "2026-02-10", "wel", NULL, NULL, NULL, &err), &err);
	td_expect(SD_OK, add(t, "pitch", "2026-03-20", NULL, NULL, "2026-03-25", NULL, &err), &err);
	td_expect(SD_OK, sd_moment_list(&t->d, &f, 50, &rows, &err), &err);
	assert_int_equal(rows.n, 3);
	/* Newest first. */
	assert_int_equal(rows.items[0].m.kind, SD_CHANNEL_PITCH);
	assert_int_equal(rows.items[2].m.kind, SD_CHANNEL_PHONE);
	sd_moment_rows_free(&rows);
	f.from = td_day("2026-03-01");
	f.to = td_day("2026-03-15");
	td_expect(SD_OK, sd_moment_list(&t->d, &f, 50, &rows, &err), &err);
	assert_int_equal(rows.n, 1);
	sd_moment_rows_free(&rows);
	f.from = f.to = SD_NO_DAY;
	f.kind = SD_CHANNEL_PHONE;
	td_expect(SD_OK, sd_moment_list(&t->d, &f, 50, &rows, &err), &err);
	assert_int_equal(rows.n, 1);
	sd_moment_rows_free(&rows);
	/* A page: limit 2 of 3, more follow. */
	f.kind = SD_CHANNEL_NONE;
	td_expect(SD_OK, sd_moment_list(&t->d, &f, 2, &rows, &err), &err);
	assert_int_equal(rows.n, 2);
	assert_true(rows.more);
	sd_moment_rows_free(&rows);
	/* The range for the calendar: forward. */
	td_expect(SD_OK, sd_moment_range(&t->d, td_day("2026-01-01"), td_day("2026-12-31"), false,
	    NULL, 50, &rows, &err), &err);
	assert_int_equal(rows.n, 3);
	assert_int_equal(rows.items[0].m.kind, SD_CHANNEL_PHONE);
	sd_moment_rows_free(&rows);
	/* Every index the check rebuilds from the records matches. */
	td_as(t, "root");
	td_expect(SD_OK, sd_check(&t->d, false, NULL, NULL, &problems, &err), &err);
	assert_int_equal(problems, 0);
}

/* Moments n from..to-1, one a day going back from 2026-03-01, eco and wel by turns. */
static void
make_moments(struct td *t, int from, int to)
{
	struct sd_error err;
	char when[11];

	for (int i = from; i < to; i++) {
		sd_day_format(td_day("2026-03-01") - i, when);
		td_expect(SD_OK, add(t, i % 3 ? "phone" : "site-visit", when, i % 2 ? "wel" : "eco",
		    NULL, NULL, NULL, &err), &err);
	}
}

static unsigned long
reads_of(struct td *t, const char *login, const struct sd_moment_filter *f, size_t want)
{
	struct sd_moment_rows rows;
	struct sd_error err;
	unsigned long before;

	td_as(t, login);
	before = t->d.store->reads;
	td_expect(SD_OK, sd_moment_list(&t->d, f, 5, &rows, &err), &err);
	assert_int_equal(rows.n, want);
	sd_moment_rows_free(&rows);
	td_as(t, "ann");
	return t->d.store->reads - before;
}

/*
 * A page of moments reads what the page needs: the same at 40 moments as
 * at 240 (all, --mine, one enterprise's, an officer's departments).
 */
static void
test_page_bound(void **state)
{
	struct td *t = *state;
	struct sd_moment_filter all = { .from = SD_NO_DAY, .to = SD_NO_DAY };
	struct sd_moment_filter mine = { .from = SD_NO_DAY, .to = SD_NO_DAY, .mine = true };
	struct sd_moment_filter ent = { .from = SD_NO_DAY, .to = SD_NO_DAY, .enterprise = t->ent };
	unsigned long small[4], big[4];

	make_moments(t, 0, 40);
	small[0] = reads_of(t, "ann", &all, 5);
	small[1] = reads_of(t, "ann", &mine, 5);
	small[2] = reads_of(t, "ann", &ent, 5);
	small[3] = reads_of(t, "chris", &all, 5);
	make_moments(t, 40, 240);
	big[0] = reads_of(t, "ann", &all, 5);
	big[1] = reads_of(t, "ann", &mine, 5);
	big[2] = reads_of(t, "ann", &ent, 5);
	big[3] = reads_of(t, "chris", &all, 5);
	for (int i = 0; i < 4; i++) {
		if (getenv("TD_SHOW") != NULL)
			print_message("list %d: %lu reads at 40, %lu at 240\n", i, small[i], big[i]);
		if (big[i] > small[i] + 2 || big[i] > 60)
			fail_msg("list %d: %lu reads at 240 moments, %lu at 40", i, big[i], small[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_planned_and_held, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_bad_dates, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_officer_outside_departments, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_manager_reads_not_writes, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_done, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_version_conflict, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_case_both_ways, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_inbox, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_list_and_check, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_page_bound, td_setup, td_teardown),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
