/*
 * Unit tests for reading the timeline and the "not contacted since" list
 * (src/core/timeline_read.c): newest first, pages that follow on with the
 * cursor, an officer's view (the cases of his departments; an enterprise
 * he may not see is not found), entries whose kind has no reader yet are
 * skipped, never-contacted enterprises first, and both lists page-bound:
 * the reads of a first page do not grow with the register.
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
#include "../../src/core/timeline.h"
#include "sedesk/timeline.h"
#include "testdesk.h"

/* Opens a case on ent at time when (the clock moves there and stays). */
static void
case_at(struct td *t, const char *ent, const char *when, const char *subject,
    char num[SD_CASE_NUMBER_MAX])
{
	td_at(t, when);
	td_case(t, ent, subject, NULL, SD_PRIORITY_NORMAL, num);
}

struct entry_arg {
	const char	*ent;
	int64_t		 when;
	uint8_t		 ref[SD_UUID_LEN];
};

static sd_status
moment_entry(struct sd_txn *x, void *arg, struct sd_error *err)
{
	struct entry_arg *a = arg;
	uint8_t id[SD_UUID_LEN];

	sd_uuid_parse(a->ent, id);
	return timeline_index(x, id, a->when, TL_MOMENT, a->ref, sizeof a->ref, TL_CONTACT,
	    true, err);
}

static void
timeline(struct td *t, const char *ent, const struct sd_ent_cursor *from, size_t limit,
    struct sd_timeline_page *p)
{
	struct sd_error err;

	td_expect(SD_OK, sd_enterprise_timeline(&t->d, ent, from, limit, p, &err), &err);
}

static void
test_newest_first(void **state)
{
	struct td *t = *state;
	char a[SD_CASE_NUMBER_MAX], b[SD_CASE_NUMBER_MAX], c[SD_CASE_NUMBER_MAX];
	struct entry_arg m = { t->ent, 0, { 7 } };
	struct sd_timeline_page p;
	struct sd_error err;

	case_at(t, t->ent, "2026-03-02T09:00:00Z", "Terras", a);
	case_at(t, t->ent, "2026-05-10T14:00:00Z", "Subsidie", b);
	case_at(t, t->ent, "2026-04-01T10:00:00Z", "Vergunning", c);
	/* A moment's entry: the moments' reader is not wired in here, so it is skipped. */
	m.when = td_time("2026-04-20T10:00:00Z");
	td_expect(SD_OK, sd_store_write(t->d.store, moment_entry, &m, &err), &err);
	td_route(t, c, "eco");

	timeline(t, t->ent, NULL, 10, &p);
	assert_int_equal(p.n, 3);
	assert_false(p.more);
	td_str(p.items[0].ref, b);
	td_str(p.items[0].title, "Subsidie");
	assert_int_equal(p.items[0].when, td_time("2026-05-10T14:00:00Z"));
	td_str(p.items[1].ref, c);
	td_str(p.items[1].code, "routed");
	td_str(p.items[1].state, "routed");
	td_str(p.items[2].ref, a);
	td_str(p.items[2].code, "new");
	for (size_t i = 0; i < p.n; i++) {
		assert_int_equal(p.items[i].kind, SD_TL_CASE);
		assert_true(p.items[i].contact);
	}
	td_str(sd_timeline_kind_name(p.items[0].kind), "case");
	sd_timeline_page_free(&p);

	/* The enterprise by its number reads the same. */
	timeline(t, "0403.170.701", NULL, 10, &p);
	assert_int_equal(p.n, 3);
	sd_timeline_page_free(&p);
}

static void
test_paging(void **state)
{
	struct td *t = *state;
	char nums[7][SD_CASE_NUMBER_MAX], when[32], subject[32], other[SD_UUID_STR];
	struct sd_timeline_page p;
	struct sd_ent_cursor cur = { 0 };
	size_t seen = 0, pages = 0;

	/* Another enterprise's cases are not on this timeline. */
	td_enterprise(t, "Coöperatie Zonnewerf", "0200.068.636", NULL, other);
	for (int i = 0; i < 7; i++) {
		snprintf(when, sizeof when, "2026-03-%02dT09:00:00Z", 2 + i);
		snprintf(subject, sizeof subject, "Vraag %d", i);
		case_at(t, t->ent, when, subject, nums[i]);
		case_at(t, other, when, "Elders", (char[SD_CASE_NUMBER_MAX]){ 0 });
	}
	do {
		timeline(t, t->ent, &cur, 3, &p);
		for (size_t i = 0; i < p.n; i++) {
			/* Newest first over all pages: case 6, 5, … 0. */
			td_str(p.items[i].ref, nums[6 - seen]);
			seen++;
		}
		pages++;
		assert_int_equal(p.more, seen < 7);
		cur = p.next;
		sd_timeline_page_free(&p);
	} while (seen < 7 && pages < 5);
	assert_int_equal(seen, 7);
	assert_int_equal(pages, 3);

	/* A cursor of another enterprise's timeline starts this one at its head. */
	timeline(t, other, NULL, 2, &p);
	cur = p.next;
	sd_timeline_page_free(&p);
	timeline(t, t->ent, &cur, 2, &p);
	td_str(p.items[0].ref, nums[6]);
	sd_timeline_page_free(&p);
}

static void
test_officer_view(void **state)
{
	struct td *t = *state;
	char a[SD_CASE_NUMBER_MAX], b[SD_CASE_NUMBER_MAX], other[SD_UUID_STR];
	struct sd_timeline_page p;
	struct sd_error err;

	td_enterprise(t, "Coöperatie Zonnewerf", "0200.068.636", NULL, other);
	case_at(t, t->ent, "2026-03-02T09:00:00Z", "Terras", a);
	case_at(t, t->ent, "2026-03-03T09:00:00Z", "Zorgvraag", b);
	td_route(t, a, "eco");

	/* bram (eco) sees the eco case and not the other one. */
	td_as(t, "bram");
	timeline(t, t->ent, NULL, 10, &p);
	assert_int_equal(p.n, 1);
	td_str(p.items[0].ref, a);
	sd_timeline_page_free(&p);
	/* chris (wel) sees no case of it: the enterprise is not found, as an unknown one. */
	td_as(t, "chris");
	td_expect_msg(SD_NOTFOUND, sd_enterprise_timeline(&t->d, t->ent, NULL, 10, &p, &err),
	    &err, "no enterprise");
	/* A manager reads all. */
	td_as(t, "dina");
	timeline(t, t->ent, NULL, 10, &p);
	assert_int_equal(p.n, 2);
	sd_timeline_page_free(&p);
	/* An enterprise with no case at all is not bram's. */
	td_as(t, "bram");
	td_expect(SD_NOTFOUND, sd_enterprise_timeline(&t->d, other, NULL, 10, &p, &err), &err);
}

static void
test_unknown_enterprise(void **state)
{
	struct td *t = *state;
	struct sd_timeline_page p;
	struct sd_error err;

	td_expect_msg(SD_NOTFOUND, sd_enterprise_timeline(&t->d,
	    "00000000-0000-4000-8000-000000000000", NULL, 10, &p, &err), &err, "no enterprise");
	td_expect(SD_NOTFOUND, sd_enterprise_timeline(&t->d, "0200.068.636", NULL, 10, &p,
	    &err), &err);
}

static void
test_empty_timeline(void **state)
{
	struct td *t = *state;
	struct sd_timeline_page p;

	timeline(t, t->ent, NULL, 10, &p);
	assert_int_equal(p.n, 0);
	assert_false(p.more);
	sd_timeline_page_free(&p);
}

/* Two recognitions (the profile's reader is plugged in by the lead; this fake stands in). */
static sd_status
fake_recognitions(struct sd_txn *t, const struct sd_desk *d, const uint8_t ent[SD_UUID_LEN],
    struct sd_timeline_item **out, size_t *n, struct sd_error *err)
{
	struct sd_timeline_item *it = calloc(2, sizeof *it);

	(void)t;
	(void)d;
	(void)ent;
	(void)err;
	it[0] = (struct sd_timeline_item){ .kind = SD_TL_RECOGNITION, .when = td_time(
	    "2020-01-01T00:00:00Z"), .ref = "0", .title = strdup("Maatwerkbedrijf"),
	    .state = strdup("erkend"), .code = "recognised" };
	it[1] = (struct sd_timeline_item){ .kind = SD_TL_RECOGNITION, .when = td_time(
	    "2026-04-15T00:00:00Z"), .ref = "1", .title = strdup("Lokale diensteneconomie"),
	    .state = strdup("erkend"), .code = "recognised" };
	*out = it;
	*n = 2;
	return SD_OK;
}

/* The items of every page of size limit, as "ref" words, and the number of pages. */
static void
all_pages(struct td *t, size_t limit, char *out, size_t outlen, size_t *pages)
{
	struct sd_ent_cursor cur = { 0 };
	struct sd_timeline_page p;

	out[0] = '\0';
	*pages = 0;
	do {
		timeline(t, t->ent, &cur, limit, &p);
		for (size_t i = 0; i < p.n; i++) {
			strncat(out, p.items[i].ref, outlen - strlen(out) - 1);
			strncat(out, " ", outlen - strlen(out) - 1);
		}
		(*pages)++;
		cur = p.next;
		if (!p.more) {
			sd_timeline_page_free(&p);
			break;
		}
		sd_timeline_page_free(&p);
	} while (*pages < 10);
}

static void
test_recognitions_merged_by_date(void **state)
{
	struct td *t = *state;
	char a[SD_CASE_NUMBER_MAX], b[SD_CASE_NUMBER_MAX], want[128], got[128];
	tl_recognitions_fn saved = timeline_recognitions;
	struct sd_timeline_page p;
	size_t pages;

	case_at(t, t->ent, "2026-03-02T09:00:00Z", "Terras", a);
	case_at(t, t->ent, "2026-05-10T14:00:00Z", "Subsidie", b);
	timeline_recognitions = fake_recognitions;

	/* Newest first: b, the recognition of April, a, the one of 2020. */
	timeline(t, t->ent, NULL, 10, &p);
	assert_int_equal(p.n, 4);
	td_str(p.items[0].ref, b);
	assert_int_equal(p.items[1].kind, SD_TL_RECOGNITION);
	td_str(p.items[1].title, "Lokale diensteneconomie");
	td_str(p.items[2].ref, a);
	assert_int_equal(p.items[3].kind, SD_TL_RECOGNITION);
	assert_int_equal(p.items[3].when, td_time("2020-01-01T00:00:00Z"));
	sd_timeline_page_free(&p);

	/* The same order page by page, whatever the page size: the cursor places them. */
	snprintf(want, sizeof want, "%s 1 %s 0 ", b, a);
	for (size_t limit = 1; limit <= 3; limit++) {
		all_pages(t, limit, got, sizeof got, &pages);
		td_str(got, want);
		assert_int_equal(pages, (4 + limit - 1) / limit);
	}
	timeline_recognitions = saved;
}

static void
not_contacted(struct td *t, const char *since, const struct sd_ent_cursor *from, size_t limit,
    struct sd_ent_contact_list *l)
{
	struct sd_error err;

	td_expect(SD_OK, sd_enterprise_not_contacted(&t->d, td_day(since), from, limit, l, &err),
	    &err);
}

static void
test_not_contacted(void **state)
{
	struct td *t = *state;
	char old[SD_UUID_STR], recent[SD_UUID_STR], older[SD_UUID_STR];
	char n1[SD_CASE_NUMBER_MAX], n2[SD_CASE_NUMBER_MAX], n3[SD_CASE_NUMBER_MAX];
	struct sd_ent_contact_list l;
	struct sd_ent_cursor cur;
	char id[SD_UUID_STR];

	/* t->ent: never contacted. */
	td_enterprise(t, "Oud Atelier", "0200.068.636", NULL, old);
	td_enterprise(t, "Nieuw Atelier", NULL, NULL, recent);
	td_enterprise(t, "Ouder Atelier", NULL, NULL, older);
	case_at(t, old, "2025-06-10T09:00:00Z", "Oud", n1);
	case_at(t, older, "2024-02-01T09:00:00Z", "Ouder", n2);
	case_at(t, recent, "2026-02-01T09:00:00Z", "Nieuw", n3);

	not_contacted(t, "2026-01-01", NULL, 10, &l);
	assert_int_equal(l.n, 3);
	assert_false(l.more);
	sd_uuid_format(l.items[0].e.id, id);
	td_str(id, t->ent);
	assert_int_equal(l.items[0].last, SD_NO_DAY);
	sd_uuid_format(l.items[1].e.id, id);
	td_str(id, older);
	assert_int_equal(l.items[1].last, td_day("2024-02-01"));
	sd_uuid_format(l.items[2].e.id, id);
	td_str(id, old);
	assert_int_equal(l.items[2].last, td_day("2025-06-10"));
	td_str(l.items[2].e.f[SD_EF_NAME], "Oud Atelier");
	sd_ent_contact_list_free(&l);

	/* A contact on the day itself is a contact since that day. */
	not_contacted(t, "2025-06-10", NULL, 10, &l);
	assert_int_equal(l.n, 2);
	sd_ent_contact_list_free(&l);
	not_contacted(t, "2025-06-11", NULL, 10, &l);
	assert_int_equal(l.n, 3);
	sd_ent_contact_list_free(&l);

	/* Page by page. */
	not_contacted(t, "2030-01-01", NULL, 2, &l);
	assert_int_equal(l.n, 2);
	assert_true(l.more);
	cur = l.next;
	sd_ent_contact_list_free(&l);
	not_contacted(t, "2030-01-01", &cur, 2, &l);
	assert_int_equal(l.n, 2);
	assert_false(l.more);
	sd_uuid_format(l.items[1].e.id, id);
	td_str(id, recent);
	sd_ent_contact_list_free(&l);

	/* An officer: the enterprises of his cases only. */
	td_route(t, n1, "eco");
	td_as(t, "bram");
	not_contacted(t, "2030-01-01", NULL, 10, &l);
	assert_int_equal(l.n, 1);
	sd_uuid_format(l.items[0].e.id, id);
	td_str(id, old);
	sd_ent_contact_list_free(&l);
}

/* --- page-bound ---------------------------------------------------------------------- */

/* Grows the register: n enterprises never contacted, and per one a case elsewhere. */
static void
grow(struct td *t, unsigned from, unsigned to)
{
	char name[32], kbo[16], id[SD_UUID_STR], num[SD_CASE_NUMBER_MAX];

	for (unsigned i = from; i < to; i++) {
		snprintf(name, sizeof name, "Onderneming %u", i);
		td_kbo(1000 + i, kbo);
		td_enterprise(t, name, kbo, NULL, id);
		/* Every other one has been contacted, and so leaves the list. */
		if (i % 2)
			td_case(t, id, "Vraag", NULL, SD_PRIORITY_NORMAL, num);
		/* And the timeline's own enterprise gets a longer history too. */
		td_case(t, t->ent, "Eigen vraag", NULL, SD_PRIORITY_NORMAL, num);
	}
}

struct page_reads {
	unsigned long timeline, not_contacted;
};

static void
measure(struct td *t, struct page_reads *r)
{
	struct sd_timeline_page p;
	struct sd_ent_contact_list l;
	unsigned long before;

	before = t->d.store->reads;
	timeline(t, t->ent, NULL, 10, &p);
	r->timeline = t->d.store->reads - before;
	assert_int_equal(p.n, 10);
	assert_true(p.more);
	sd_timeline_page_free(&p);

	before = t->d.store->reads;
	not_contacted(t, "2030-01-01", NULL, 10, &l);
	r->not_contacted = t->d.store->reads - before;
	assert_int_equal(l.n, 10);
	assert_true(l.more);
	sd_ent_contact_list_free(&l);
}

static void
test_page_bound(void **state)
{
	struct td *t = *state;
	struct page_reads small, big;

	grow(t, 0, 30);
	measure(t, &small);
	/* Ten times the register: 300 enterprises, 450 cases. */
	grow(t, 30, 300);
	measure(t, &big);
	print_message("first page of 10: timeline %lu -> %lu reads, not contacted %lu -> %lu\n",
	    small.timeline, big.timeline, small.not_contacted, big.not_contacted);
	assert_true(small.timeline > 0 && small.not_contacted > 0);
	assert_true(big.timeline <= small.timeline);
	assert_true(big.not_contacted <= small.not_contacted);
	/* And a few reads per row, not a walk of the register. */
	assert_true(big.timeline < 60);
	assert_true(big.not_contacted < 40);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_newest_first, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_paging, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_officer_view, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_unknown_enterprise, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_empty_timeline, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_recognitions_merged_by_date, td_setup,
		    td_teardown),
		cmocka_unit_test_setup_teardown(test_not_contacted, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_page_bound, td_setup, td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
