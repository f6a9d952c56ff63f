/*
 * Unit tests for opportunities (src/core/opportunity_*.c): adding with
 * lots and the checks of the input (amounts, deadline, NACE codes,
 * departments, criteria), who may write and read which, versions, the
 * reservation rule on award, SROI obligations and their fulfilment, the
 * spend figures, invitations as contact moments, awards on the
 * timeline, matching on a crafted register (and that it reads only what
 * the indexes name), and `check` over all of it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/core/internal.h"
#include "sedesk/moment.h"
#include "sedesk/opportunity.h"
#include "sedesk/ops.h"
#include "sedesk/timeline.h"
#include "testdesk.h"

/* An enterprise with a profile; id gets its id. */
static void
ent(struct td *t, const char *name, const char *kind, const char *recognitions,
    const char *nace, const char *offers, char id[SD_UUID_STR])
{
	char *f[SD_EF_COUNT] = { 0 };
	uint8_t raw[SD_UUID_LEN];
	struct sd_error err;

	f[SD_EF_NAME] = (char *)name;
	f[SD_EF_KIND] = (char *)kind;
	f[SD_EF_RECOGNITIONS] = (char *)recognitions;
	f[SD_EF_NACE] = (char *)nace;
	f[SD_EF_OFFERS] = (char *)offers;
	td_expect(SD_OK, sd_enterprise_add(&t->d, f, raw, &err), &err);
	if (id != NULL)
		sd_uuid_format(raw, id);
}

static struct sd_opp_input
input(const char *title, const char *dept, const char *value)
{
	struct sd_opp_input in = { .title = title, .kind = SD_OPP_PURCHASE, .dept = dept,
	    .value = value, .reserved = -1, .sroi = -1 };

	return in;
}

static void
add(struct td *t, const struct sd_opp_input *in, char id[SD_UUID_STR])
{
	uint8_t raw[SD_UUID_LEN];
	struct sd_error err;

	td_expect(SD_OK, sd_opp_add(&t->d, in, raw, &err), &err);
	sd_uuid_format(raw, id);
}

/* The groenonderhoud of the parks: two lots, the second reserved for maatwerkbedrijven. */
static void
parks(struct td *t, char id[SD_UUID_STR])
{
	static const char *const lots[] = { "Maaien=20000", "Snoeiwerk=10.000,50;reserved" };
	struct sd_opp_input in = input("Groenonderhoud parken", "eco", NULL);

	in.deadline = "2026-04-30";
	in.procedure = "onderhandeling";
	in.qualify = "maatwerkbedrijf";
	in.sroi = 5;
	in.criteria = "fair-work, inclusion";
	in.nace = "81300";
	in.needs = "groenonderhoud";
	in.lots = lots;
	in.nlots = 2;
	add(t, &in, id);
}

static void
no_problems(struct td *t)
{
	struct sd_error err;
	size_t problems = 99;
	char who[16];

	strcpy(who, t->login);
	td_as(t, "root");
	td_expect(SD_OK, sd_check(&t->d, false, NULL, NULL, &problems, &err), &err);
	assert_int_equal(problems, 0);
	td_as(t, who);
}

static void
test_add_with_lots(void **state)
{
	struct td *t = *state;
	struct sd_opp_view v;
	struct sd_error err;
	char id[SD_UUID_STR], day[11];

	parks(t, id);
	td_expect(SD_OK, sd_opp_get(&t->d, id, &v, &err), &err);
	td_str(v.o.title, "Groenonderhoud parken");
	assert_int_equal(v.o.kind, SD_OPP_PURCHASE);
	assert_int_equal(v.o.status, SD_OPP_OPEN);
	td_str(v.o.dept, "eco");
	/* No value given: the lots' sum, to the cent. */
	assert_int_equal(v.o.value, 3000050);
	sd_day_format(v.o.deadline, day);
	td_str(day, "2026-04-30");
	assert_int_equal(v.days_left, 59);
	td_str(v.o.nace, "81.300");
	td_str(v.o.criteria, "fair-work,inclusion");
	assert_int_equal(v.o.sroi, 5);
	assert_int_equal(v.nlots, 2);
	td_str(v.lots[0].title, "Maaien");
	assert_int_equal(v.lots[0].value, 2000000);
	assert_int_equal(v.lots[0].reserved, 0);
	td_str(v.lots[1].title, "Snoeiwerk");
	assert_int_equal(v.lots[1].value, 1000050);
	assert_int_equal(v.lots[1].reserved, 1);
	td_str(v.o.lots, "1. Maaien 20000.00; 2. Snoeiwerk 10000.50 reserved");
	assert_int_equal(v.o.version, 1);
	td_str(v.o.author, "ann");
	assert_int_equal(v.njournal, 1);
	td_str(v.journal[0].kind, "created");
	sd_opp_view_free(&v);
	no_problems(t);
}

static void
refused(struct td *t, const struct sd_opp_input *in, sd_status want, const char *frag)
{
	uint8_t raw[SD_UUID_LEN];
	struct sd_error err;
	struct sd_opp_rows rows;
	struct sd_opp_filter f = { 0 };

	td_expect_msg(want, sd_opp_add(&t->d, in, raw, &err), &err, frag);
	/* Nothing was written. */
	td_expect(SD_OK, sd_opp_list(&t->d, &f, 100, &rows, &err), &err);
	assert_int_equal(rows.n, 0);
	sd_opp_rows_free(&rows);
}

static void
test_add_refuses_bad_input(void **state)
{
	struct td *t = *state;
	struct sd_opp_input in;
	static const char *const bad_lot[] = { "Maaien" };
	static const char *const big_lots[] = { "A=600", "B=500" };

	in = input("Catering", "eco", "-500");
	refused(t, &in, SD_INVALID, "negative");
	in = input("Catering", "eco", "vijfhonderd");
	refused(t, &in, SD_INVALID, "not an amount");
	in = input("Catering", "eco", "12.500,505");
	refused(t, &in, SD_INVALID, "two decimals");
	in = input("Catering", "eco", "999999999999999");
	refused(t, &in, SD_INVALID, "too large");
	in = input("Catering", "eco", "500");
	in.deadline = "2026-03-01";
	refused(t, &in, SD_INVALID, "in the past");
	in = input("Catering", "eco", "500");
	in.deadline = "2026-02-30";
	refused(t, &in, SD_INVALID, "YYYY-MM-DD");
	in = input("Catering", "eco", "500");
	in.nace = "81.300, 04.100";
	refused(t, &in, SD_INVALID, "04");
	in = input("Catering", "nope", "500");
	refused(t, &in, SD_INVALID, "nope");
	in = input("Catering", NULL, "500");
	refused(t, &in, SD_INVALID, "--dept");
	in = input("Catering", "eco", "500");
	in.criteria = "fair-work, cheap";
	refused(t, &in, SD_INVALID, "cheap");
	in = input("Catering", "eco", "500");
	in.qualify = "knighthood";
	refused(t, &in, SD_INVALID, "knighthood");
	in = input("Catering", "eco", "500");
	in.sroi = 101;
	refused(t, &in, SD_INVALID, "0 to 100");
	in = input("Catering", "eco", NULL);
	refused(t, &in, SD_INVALID, "--value");
	in = input("Catering", "eco", NULL);
	in.lots = bad_lot;
	in.nlots = 1;
	refused(t, &in, SD_INVALID, "Title=AMOUNT");
	in = input("Catering", "eco", "1000");
	in.lots = big_lots;
	in.nlots = 2;
	refused(t, &in, SD_INVALID, "more than the opportunity's value");
	in = input("  ", "eco", "1000");
	refused(t, &in, SD_INVALID, "empty");
	in = input("Catering", "eco", "1000");
	in.kind = SD_OPP_KIND_NONE;
	refused(t, &in, SD_INVALID, "kind");
}

static void
test_who_writes_and_reads(void **state)
{
	struct td *t = *state;
	struct sd_opp_input in = input("Drukwerk", "wel", "8000");
	struct sd_opp_view v;
	struct sd_opp_rows rows;
	struct sd_opp_filter f = { 0 };
	struct sd_error err;
	uint8_t raw[SD_UUID_LEN];
	char eco[SD_UUID_STR], wel[SD_UUID_STR];

	/* bram serves eco: an opportunity of wel is not his to record. */
	td_as(t, "bram");
	td_expect_msg(SD_DENIED, sd_opp_add(&t->d, &in, raw, &err), &err, "wel");
	in.dept = "eco";
	add(t, &in, eco);
	td_as(t, "ann");
	in.dept = "wel";
	add(t, &in, wel);
	/* An officer reads his departments' only: another's is "not found". */
	td_as(t, "bram");
	td_expect(SD_NOTFOUND, sd_opp_get(&t->d, wel, &v, &err), &err);
	td_expect(SD_OK, sd_opp_list(&t->d, &f, 100, &rows, &err), &err);
	assert_int_equal(rows.n, 1);
	td_str(rows.items[0].dept, "eco");
	sd_opp_rows_free(&rows);
	td_expect(SD_NOTFOUND, sd_opp_close(&t->d, wel, 0, &err), &err);
	/* els serves both. */
	td_as(t, "els");
	td_expect(SD_OK, sd_opp_list(&t->d, &f, 100, &rows, &err), &err);
	assert_int_equal(rows.n, 2);
	sd_opp_rows_free(&rows);
	/* An officer cannot move his opportunity to a department he does not serve. */
	td_as(t, "bram");
	in = input(NULL, "wel", NULL);
	in.kind = SD_OPP_KIND_NONE;
	td_expect_msg(SD_DENIED, sd_opp_edit(&t->d, eco, &in, 0, &err), &err, "wel");
	/* A manager reads every one and writes none. */
	td_as(t, "dina");
	td_expect(SD_OK, sd_opp_list(&t->d, &f, 100, &rows, &err), &err);
	assert_int_equal(rows.n, 2);
	sd_opp_rows_free(&rows);
	td_expect(SD_DENIED, sd_opp_close(&t->d, eco, 0, &err), &err);
	assert_false(sd_opp_may_write(&t->d, NULL));
	td_as(t, "chris");
	td_expect(SD_OK, sd_opp_get(&t->d, wel, &v, &err), &err);
	assert_true(sd_opp_may_write(&t->d, &v.o));
	sd_opp_view_free(&v);
}

static void
test_edit_versions_close(void **state)
{
	struct td *t = *state;
	struct sd_opp_input in = input("Catering", "eco", "5000");
	struct sd_opp_view v;
	struct sd_error err;
	static const char *const lots[] = { "Soep=1000;reserved" };
	char id[SD_UUID_STR];

	add(t, &in, id);
	in = input(NULL, NULL, "6.000");
	in.kind = SD_OPP_KIND_NONE;
	td_expect(SD_OK, sd_opp_edit(&t->d, id, &in, 1, &err), &err);
	/* Version 1 is gone: a second edit from it conflicts. */
	td_expect_msg(SD_CONFLICT, sd_opp_edit(&t->d, id, &in, 1, &err), &err, "version 2");
	/* Lots alone are a change too: journaled and versioned. */
	in = input(NULL, NULL, NULL);
	in.kind = SD_OPP_KIND_NONE;
	in.lots = lots;
	in.nlots = 1;
	in.set_lots = true;
	td_expect(SD_OK, sd_opp_edit(&t->d, id, &in, 2, &err), &err);
	td_expect(SD_OK, sd_opp_close(&t->d, id, 0, &err), &err);
	td_expect_msg(SD_INVALID, sd_opp_close(&t->d, id, 0, &err), &err, "already closed");
	td_expect(SD_OK, sd_opp_get(&t->d, id, &v, &err), &err);
	assert_int_equal(v.o.version, 4);
	assert_int_equal(v.o.value, 600000);
	assert_int_equal(v.o.status, SD_OPP_CLOSED);
	assert_int_equal(v.nlots, 1);
	assert_int_equal(v.lots[0].reserved, 1);
	/* created, value, lots, status. */
	assert_int_equal(v.njournal, 4);
	td_str(v.journal[1].field, "value");
	td_str(v.journal[1].old_value, "5000.00");
	td_str(v.journal[1].new_value, "6000.00");
	td_str(v.journal[2].field, "lots");
	td_str(v.journal[3].field, "status");
	td_str(v.journal[3].new_value, "closed");
	sd_opp_view_free(&v);
	no_problems(t);
}

/* The timeline of enterprise id as the caller: how many entries of kind k. */
static size_t
on_timeline(struct td *t, const char *id, enum sd_timeline_kind k, const char *title)
{
	struct sd_timeline_page p;
	struct sd_error err;
	size_t n = 0;

	td_expect(SD_OK, sd_enterprise_timeline(&t->d, id, NULL, 50, &p, &err), &err);
	for (size_t i = 0; i < p.n; i++)
		if (p.items[i].kind == k && (title == NULL || strstr(p.items[i].title, title)))
			n++;
	sd_timeline_page_free(&p);
	return n;
}

static void
test_invite_respond(void **state)
{
	struct td *t = *state;
	struct sd_opp_view v;
	struct sd_moment_view mv;
	struct sd_error err;
	char id[SD_UUID_STR], a[SD_UUID_STR], mid[SD_UUID_STR];
	const char *ents[] = { NULL, "0403.170.701", NULL };
	size_t added;

	parks(t, id);
	ent(t, "Groen Atelier", "maatwerkbedrijf", "name=maatwerkbedrijf;since=2019-01-01",
	    "code=81.300;version=2008;main=1", "groenonderhoud", a);
	ents[0] = a;
	ents[2] = a;
	/* bram serves eco, the opportunity's department: he invites. */
	td_as(t, "bram");
	td_expect(SD_OK, sd_opp_invite(&t->d, id, ents, 3, &added, &err), &err);
	assert_int_equal(added, 2);
	td_expect(SD_OK, sd_opp_invite(&t->d, id, ents, 2, &added, &err), &err);
	assert_int_equal(added, 0);
	td_expect_msg(SD_INVALID, sd_opp_respond(&t->d, id, a, 3, "ja", &err), &err, "no lot 3");
	td_expect(SD_OK, sd_opp_respond(&t->d, id, a, 2, "Wij bieden 9.500 euro", &err), &err);
	td_expect(SD_OK, sd_opp_get(&t->d, id, &v, &err), &err);
	assert_int_equal(v.ninvites, 2);
	assert_int_equal(v.nresponses, 1);
	td_str(v.responders[0].name, "Groen Atelier");
	assert_int_equal(v.responses[0].lot, 2);
	/* Each invitation is a contact moment of kind e-mail, for eco, naming the opportunity. */
	sd_uuid_format(v.invites[0].moment, mid);
	td_expect(SD_OK, sd_moment_get(&t->d, mid, &mv, &err), &err);
	assert_int_equal(mv.m.kind, SD_CHANNEL_EMAIL);
	assert_int_equal(mv.m.state, SD_MOMENT_HELD);
	td_str(mv.m.departments, "eco");
	assert_non_null(strstr(mv.m.text, "Groenonderhoud parken"));
	sd_moment_view_free(&mv);
	sd_opp_view_free(&v);
	/* On the enterprise's timeline (bram sees it now: a moment of his department). */
	assert_int_equal(on_timeline(t, a, SD_TL_MOMENT, "Groenonderhoud parken"), 1);
	td_as(t, "ann");
	td_expect(SD_OK, sd_opp_close(&t->d, id, 0, &err), &err);
	td_expect_msg(SD_INVALID, sd_opp_respond(&t->d, id, a, 0, NULL, &err), &err, "closed");
	no_problems(t);
}

static void
test_award_reserved_and_sroi(void **state)
{
	struct td *t = *state;
	struct sd_opp_view v;
	struct sd_spend sp;
	struct sd_error err;
	char id[SD_UUID_STR], mwb[SD_UUID_STR], plain[SD_UUID_STR];
	struct sd_opp_award_input aw = { 0 };

	parks(t, id);
	ent(t, "Groen Atelier", "maatwerkbedrijf", "name=maatwerkbedrijf;since=2019-01-01",
	    NULL, NULL, mwb);
	ent(t, "Tuin & Co", NULL, "name=lde;since=2020-01-01", NULL, NULL, plain);
	/* With lots, an award names one. */
	aw.enterprise = mwb;
	aw.value = "19000";
	td_expect_msg(SD_INVALID, sd_opp_award(&t->d, id, &aw, &err), &err, "--lot 1 to 2");
	/* The reserved lot refuses an enterprise whose recognitions do not qualify. */
	aw.lot = 2;
	aw.enterprise = plain;
	aw.value = "9500";
	td_expect_msg(SD_INVALID, sd_opp_award(&t->d, id, &aw, &err), &err,
	    "lot 2 (Snoeiwerk) is reserved: it goes only to an enterprise with one of these "
	    "recognitions: recognised maatwerkbedrijf.");
	assert_non_null(strstr(err.msg, "Tuin & Co has none of them"));
	aw.enterprise = NULL;
	aw.outside = "Groendienst NV";
	td_expect_msg(SD_INVALID, sd_opp_award(&t->d, id, &aw, &err), &err, "reserved");
	aw.outside = NULL;
	aw.enterprise = mwb;
	aw.value = "-1";
	td_expect_msg(SD_INVALID, sd_opp_award(&t->d, id, &aw, &err), &err, "negative");
	aw.value = "9.500";
	aw.ends = "2026-12-31";
	td_expect(SD_OK, sd_opp_award(&t->d, id, &aw, &err), &err);
	td_expect_msg(SD_INVALID, sd_opp_award(&t->d, id, &aw, &err), &err, "already awarded");
	/* Lot 1 goes outside the register: regular spend. */
	aw.lot = 1;
	aw.enterprise = NULL;
	aw.outside = "Groendienst NV";
	aw.value = "19000";
	aw.day = "2026-03-01";
	aw.ends = "2026-03-01";
	td_expect(SD_OK, sd_opp_award(&t->d, id, &aw, &err), &err);
	/* SROI: 5% of each award; reported on lot 2, in part. */
	td_expect_msg(SD_INVALID, sd_opp_sroi_report(&t->d, id, 2, "0", "x", &err), &err,
	    "above 0");
	td_expect(SD_OK, sd_opp_sroi_report(&t->d, id, 2, "200", "stageplaats", &err), &err);
	td_expect(SD_OK, sd_opp_sroi_report(&t->d, id, 2, "100,50", NULL, &err), &err);
	td_expect(SD_OK, sd_opp_get(&t->d, id, &v, &err), &err);
	assert_int_equal(v.nawards, 2);
	assert_int_equal(v.awards[0].lot, 1);
	assert_int_equal(v.awards[0].social, 0);
	assert_int_equal(v.awards[0].sroi_due, 95000);
	assert_true(sd_opp_award_unfulfilled(&v.awards[0], sd_desk_today(&t->d)));
	assert_int_equal(v.awards[1].lot, 2);
	assert_int_equal(v.awards[1].social, 1);
	assert_int_equal(v.awards[1].reserved, 1);
	assert_int_equal(v.awards[1].sroi_due, 47500);
	assert_int_equal(v.awards[1].sroi_spent, 30050);
	assert_false(sd_opp_award_unfulfilled(&v.awards[1], sd_desk_today(&t->d)));
	assert_int_equal(v.nsroi, 2);
	assert_int_equal(v.sroi[1].seq, 2);
	sd_opp_view_free(&v);
	/* The award is on the enterprise's timeline; the outside one on none. */
	assert_int_equal(on_timeline(t, mwb, SD_TL_AWARD, "Groenonderhoud parken, lot 2"), 1);
	/* The spend figures of 2026. */
	td_expect(SD_OK, sd_opp_spend(&t->d, 2026, &sp, &err), &err);
	assert_int_equal(sp.n, 1);
	assert_int_equal(sp.rows[0].year, 2026);
	td_str(sp.rows[0].dept, "eco");
	assert_int_equal(sp.rows[0].awards, 2);
	assert_int_equal(sp.rows[0].total, 2850000);
	assert_int_equal(sp.rows[0].social, 950000);
	assert_int_equal(sp.rows[0].reserved, 1);
	assert_int_equal(sp.rows[0].sroi_due, 142500);
	assert_int_equal(sp.rows[0].sroi_spent, 30050);
	assert_int_equal(sp.rows[0].sroi_open, 2);
	assert_int_equal(sp.rows[0].sroi_unfulfilled, 1);
	sd_spend_free(&sp);
	td_expect(SD_OK, sd_opp_spend(&t->d, 2025, &sp, &err), &err);
	assert_int_equal(sp.n, 0);
	sd_spend_free(&sp);
	/* chris (wel) sees none of eco's spend. */
	td_as(t, "chris");
	td_expect(SD_OK, sd_opp_spend(&t->d, 0, &sp, &err), &err);
	assert_int_equal(sp.n, 0);
	sd_spend_free(&sp);
	no_problems(t);
}

static void
test_award_whole_reserved(void **state)
{
	struct td *t = *state;
	struct sd_opp_input in = input("Catering", "wel", "5000");
	struct sd_opp_award_input aw = { .value = "5000" };
	struct sd_error err;
	char id[SD_UUID_STR], lde[SD_UUID_STR];

	in.reserved = 1;
	add(t, &in, id);
	ent(t, "Keuken Samen", NULL, "name=lde;since=2020-01-01", NULL, NULL, lde);
	aw.enterprise = t->ent;		/* Café De Kroon: no recognition */
	td_expect_msg(SD_INVALID, sd_opp_award(&t->d, id, &aw, &err), &err,
	    "Catering is reserved: it goes only to an enterprise with one of these "
	    "recognitions: any recognition of the list.");
	aw.lot = 1;
	td_expect_msg(SD_INVALID, sd_opp_award(&t->d, id, &aw, &err), &err, "has no lots");
	aw.lot = 0;
	aw.enterprise = lde;
	td_expect(SD_OK, sd_opp_award(&t->d, id, &aw, &err), &err);
}

/*
 * The crafted register: who fits the parks' groenonderhoud (NACE 81.300,
 * need groenonderhoud, lot 2 reserved for maatwerkbedrijven), and why.
 */
static void
crafted(struct td *t, char a[SD_UUID_STR], char b[SD_UUID_STR], char c[SD_UUID_STR],
    char dd[SD_UUID_STR])
{
	ent(t, "Groen Atelier", "maatwerkbedrijf", "name=maatwerkbedrijf;since=2019-01-01",
	    "code=81.300;version=2008;main=1", "groenonderhoud, snoeiwerk", a);
	ent(t, "Tuin en Co", NULL, NULL, "code=81.300;version=2008;main=1", "groenonderhoud", b);
	ent(t, "Schoon BV", NULL, "name=lde;since=2020-01-01", "code=81.210;version=2008;main=1",
	    "schoonmaak", c);
	ent(t, "Groenkracht", NULL, "name=maatwerkbedrijf;since=2021-01-01", NULL,
	    "Groenonderhoud en tuinaanleg", dd);
	ent(t, "Bakkerij Brood", NULL, NULL, "code=10.710;version=2008;main=1", "brood", NULL);
}

static void
test_match_ranking(void **state)
{
	struct td *t = *state;
	struct sd_opp_matches m;
	struct sd_error err;
	char id[SD_UUID_STR], a[SD_UUID_STR], b[SD_UUID_STR], c[SD_UUID_STR], d[SD_UUID_STR];
	char got[SD_UUID_STR];
	struct sd_opp_input in = input("Groen, gereserveerd", "eco", "1000");

	parks(t, id);
	crafted(t, a, b, c, d);
	td_expect(SD_OK, sd_opp_match(&t->d, id, 10, &m, &err), &err);
	/* The bakery is in no index the opportunity names. */
	assert_int_equal(m.candidates, 4);
	assert_int_equal(m.n, 4);
	sd_uuid_format(m.items[0].enterprise, got);
	td_str(got, a);
	assert_int_equal(m.items[0].score, 3 + 2 + 2 + 1);
	assert_true(m.items[0].qualifies);
	assert_non_null(strstr(m.items[0].reasons, "NACE 81.300"));
	assert_non_null(strstr(m.items[0].reasons, "offers groenonderhoud"));
	assert_non_null(strstr(m.items[0].reasons, "; recognised maatwerkbedrijf"));
	assert_non_null(strstr(m.items[0].reasons, "qualifies for the reserved lots"));
	sd_uuid_format(m.items[1].enterprise, got);
	td_str(got, b);
	assert_int_equal(m.items[1].score, 5);
	assert_false(m.items[1].qualifies);
	sd_uuid_format(m.items[2].enterprise, got);
	td_str(got, d);
	assert_int_equal(m.items[2].score, 4);
	sd_uuid_format(m.items[3].enterprise, got);
	td_str(got, c);
	assert_int_equal(m.items[3].score, 1);
	assert_non_null(strstr(m.items[3].reasons, "NACE division 81"));
	assert_false(m.items[3].qualifies);	/* lde is not maatwerkbedrijf */
	sd_opp_matches_free(&m);
	/* A past award counts, and a reservation as a whole keeps the others out. */
	{
		struct sd_opp_award_input aw = { .lot = 1, .enterprise = b, .value = "20000" };
		char other[SD_UUID_STR];
		td_expect(SD_OK, sd_opp_award(&t->d, id, &aw, &err), &err);
		in.nace = "81.3";
		in.reserved = 1;
		in.qualify = "maatwerkbedrijf, lde";
		add(t, &in, other);
		td_expect(SD_OK, sd_opp_match(&t->d, other, 10, &m, &err), &err);
		/* Reserved as a whole: only the recognised ones; Tuin en Co is out. */
		assert_int_equal(m.n, 2);
		sd_uuid_format(m.items[0].enterprise, got);
		td_str(got, a);
		sd_uuid_format(m.items[1].enterprise, got);
		td_str(got, c);
		/* 81.210 is not within 81.3: its division only, and its recognition. */
		assert_int_equal(m.items[1].score, 1 + 2);
		sd_opp_matches_free(&m);
		in = input("Groen open", "eco", "1000");
		in.nace = "81.3";
		add(t, &in, other);
		td_expect(SD_OK, sd_opp_match(&t->d, other, 10, &m, &err), &err);
		sd_uuid_format(m.items[1].enterprise, got);
		td_str(got, b);
		assert_non_null(strstr(m.items[1].reasons, "1 past award"));
		sd_opp_matches_free(&m);
	}
	no_problems(t);
}

/*
 * Page-bound: with thousands of enterprises elsewhere in the register,
 * matching reads about what it shows (the indexes' entries it names and
 * those enterprises), not the register.
 */
static void
test_match_reads_what_it_names(void **state)
{
	struct td *t = *state;
	struct sd_opp_matches m;
	struct sd_error err;
	char id[SD_UUID_STR], a[SD_UUID_STR], b[SD_UUID_STR], c[SD_UUID_STR], d[SD_UUID_STR];
	unsigned long before, small, large;

	parks(t, id);
	crafted(t, a, b, c, d);
	before = t->d.store->reads;
	td_expect(SD_OK, sd_opp_match(&t->d, id, 10, &m, &err), &err);
	small = t->d.store->reads - before;
	sd_opp_matches_free(&m);
	td_expect(SD_OK, sd_store_batch_begin(t->d.store, &err), &err);
	for (int i = 0; i < 3000; i++) {
		char name[32];
		snprintf(name, sizeof name, "Winkel %d", i);
		ent(t, name, NULL, NULL, "code=47.110;version=2008;main=1", "kruidenierswaren",
		    NULL);
	}
	td_expect(SD_OK, sd_store_batch_commit(t->d.store, &err), &err);
	before = t->d.store->reads;
	td_expect(SD_OK, sd_opp_match(&t->d, id, 10, &m, &err), &err);
	large = t->d.store->reads - before;
	assert_int_equal(m.n, 4);
	sd_opp_matches_free(&m);
	/* The same reads with 3005 enterprises as with 5: none of the 3000 was touched. */
	assert_int_equal(large, small);
	assert_true(small < 40);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_with_lots, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_add_refuses_bad_input, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_who_writes_and_reads, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_edit_versions_close, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_invite_respond, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_award_reserved_and_sroi, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_award_whole_reserved, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_match_ranking, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_match_reads_what_it_names, td_setup,
		    td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
