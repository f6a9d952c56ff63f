/*
 * Unit tests of case lists and the inbox: filters and their combinations,
 * order, paging, the inbox of each role, and that a page reads a bounded
 * number of records.  Fixture: testdesk.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sedesk/case.h"
#include "sedesk/text.h"
#include "testdesk.h"

/*
 * The data set of most tests (made by setup):
 *
 *   case  made        enterprise  category  prio    what happened          status
 *   c1    Mon 02-16   A           funding   normal  -                      new
 *   c2    Mon 03-02   A           permit    normal  eco                    routed
 *   c3    03-02       B           funding   urgent  wel picked up (chris)  in_progress
 *   c4    03-02       B           funding   normal  eco, wel answered      answered
 *   c5    03-02       C           permit    normal  eco picked up, wait    waiting
 *   c6    03-02       C           funding   normal  spa, eco; closed       closed
 *   c7    03-02 root  A           -         normal  -                      new
 *   c8    03-02       C           permit    high    eco answered           answered
 *
 * Due dates: c1 02-23; funding 03-10; permit 03-17; c7 03-13.  Routes
 * routed on 03-02 are due eco 03-06, wel 03-05.  The clock is then set to
 * Thursday 2026-03-12, so c1, c3 and c4 are overdue (c6 is closed, c5
 * waits), and every open route is overdue.
 * A is the fixture's Café De Kroon (0403.170.701); B and C are added.
 */
struct data {
	struct td	*t;
	char		 a[SD_UUID_STR], b[SD_UUID_STR], c[SD_UUID_STR];
	char		 n[9][SD_CASE_NUMBER_MAX];	/* n[1] … n[8] */
};

static void
make_data(struct data *x)
{
	struct td *t = x->t;
	struct sd_error err;

	memcpy(x->a, t->ent, sizeof x->a);
	td_enterprise(t, "Brouwerij 't Hoekske", "0200.065.765", NULL, x->b);
	td_enterprise(t, "Coöperatie Zonnewerf", "0200.068.636", NULL, x->c);

	td_at(t, "2026-02-16T09:00:00Z");
	td_case(t, x->a, "Subsidie voor een bakfiets", "funding", 0, x->n[1]);
	td_at(t, TD_NOW);
	td_case(t, x->a, "Terrasvergunning", "permit", 0, x->n[2]);
	td_route(t, x->n[2], "eco");
	td_case(t, x->b, "Loonkostsubsidie", "funding", SD_PRIORITY_URGENT, x->n[3]);
	td_route(t, x->n[3], "wel");
	td_pickup(t, "chris", x->n[3], "wel");
	td_case(t, x->b, "Premie en begeleiding", "funding", 0, x->n[4]);
	td_route(t, x->n[4], "eco");
	td_route(t, x->n[4], "wel");
	td_answer(t, "bram", x->n[4], "eco", "Ja.");
	td_answer(t, "chris", x->n[4], "wel", "Ook ja.");
	td_case(t, x->c, "Bouwaanvraag werkplaats", "permit", 0, x->n[5]);
	td_route(t, x->n[5], "eco");
	td_pickup(t, "bram", x->n[5], "eco");
	td_expect(SD_OK, sd_case_wait(&t->d, x->n[5], 0, &err), &err);
	td_case(t, x->c, "Crowdfunding", "funding", 0, x->n[6]);
	td_route(t, x->n[6], "spa");
	td_route(t, x->n[6], "eco");
	td_expect(SD_OK, sd_case_close(&t->d, x->n[6], "Ingetrokken.", 0, 0, &err), &err);
	td_as(t, "root");
	td_case_as_me(t, x->a, "Vraag van de beheerder", NULL, 0, x->n[7]);
	td_as(t, "ann");
	td_case(t, x->c, "Opslagruimte", "permit", SD_PRIORITY_HIGH, x->n[8]);
	td_route(t, x->n[8], "eco");
	td_answer(t, "bram", x->n[8], "eco", "Zie het aanbod van de stad.");
	td_at(t, "2026-03-12T09:00:00Z");
}

static int
setup(void **state)
{
	struct data *x = calloc(1, sizeof *x);

	if (x == NULL || (x->t = td_new()) == NULL) {
		free(x);
		return -1;
	}
	*state = x;
	make_data(x);
	return 0;
}

static int
teardown(void **state)
{
	struct data *x = *state;

	if (x != NULL) {
		td_free(x->t);
		free(x);
	}
	return 0;
}

/* The case numbers of rows as "c8 c6 …" (by the data set's names). */
static char *
row_names(const struct data *x, const struct sd_case_rows *r, bool reasons)
{
	struct sd_buf b = { 0 };
	char num[SD_CASE_NUMBER_MAX];

	for (size_t i = 0; i < r->n; i++) {
		int which = 0;
		sd_case_number_format(r->items[i].c.key, num);
		for (int k = 1; k <= 8; k++) {
			if (strcmp(num, x->n[k]) == 0)
				which = k;
		}
		if (which)
			sd_buf_addf(&b, "%sc%d", i ? " " : "", which);
		else
			sd_buf_addf(&b, "%s%s", i ? " " : "", num);
		if (reasons)
			sd_buf_addf(&b, ":%s", r->items[i].reason ? sd_inbox_reason_name(r->items[i].reason) : "-");
	}
	return sd_buf_take(&b);
}

/* Lists with filter f (as the caller) and checks the rows are want. */
#define list_is(x, f, want) list_is_at(__FILE__, __LINE__, (x), (f), (want))
static void
list_is_at(const char *file, int line, struct data *x, const struct sd_case_filter *f,
    const char *want)
{
	struct sd_case_rows rows;
	struct sd_error err = { 0 };
	char *got;
	bool same;

	td_expect_at(file, line, SD_OK, sd_case_list(&x->t->d, f, NULL, 1000, &rows, &err), &err);
	got = row_names(x, &rows, false);
	same = strcmp(got, want) == 0 && !rows.more;
	if (!same)
		print_error("%s:%d: got \"%s\"%s, wanted \"%s\"\n", file, line, got,
		    rows.more ? " (more)" : "", want);
	free(got);
	sd_case_rows_free(&rows);
	if (!same)
		_fail(file, line);
}

#define inbox_is(x, login, limit, want) inbox_is_at(__FILE__, __LINE__, (x), (login), (limit), (want))
static void
inbox_is_at(const char *file, int line, struct data *x, const char *login, size_t limit,
    const char *want)
{
	struct sd_case_rows rows;
	struct sd_error err = { 0 };
	char *got;
	bool same;

	td_as(x->t, login);
	td_expect_at(file, line, SD_OK, sd_inbox(&x->t->d, limit, &rows, &err), &err);
	got = row_names(x, &rows, true);
	same = strcmp(got, want) == 0;
	if (!same)
		print_error("%s:%d: inbox of %s: got \"%s\", wanted \"%s\"\n", file, line, login,
		    got, want);
	free(got);
	sd_case_rows_free(&rows);
	td_as(x->t, "ann");
	if (!same)
		_fail(file, line);
}

/*
 * Every index holds one entry per case (or route), no stale ones: lists
 * filter what they read, so a stale entry would not show in their rows.
 */
#define indexes_consistent(x) indexes_consistent_at(__FILE__, __LINE__, (x))
static void
indexes_consistent_at(const char *file, int line, struct data *x)
{
	struct td *t = x->t;
	const struct sd_officer *me = t->d.me;
	struct sd_case_filter f = { 0 };
	struct sd_case_rows rows;
	struct sd_error err = { 0 };
	size_t cases = td_count(t, SD_DB_CASE), running = 0;

	t->d.me = sd_config_officer(&t->d.cfg, "root");
	td_expect_at(file, line, SD_OK, sd_case_list(&t->d, &f, NULL, 100000, &rows, &err), &err);
	t->d.me = me;
	for (size_t i = 0; i < rows.n; i++) {
		enum sd_case_status st = rows.items[i].c.status;
		running += st != SD_CASE_CLOSED && st != SD_CASE_WAITING;
	}
	sd_case_rows_free(&rows);
	if (td_count(t, SD_DB_CASE_BY_STATUS) != cases ||
	    td_count(t, SD_DB_CASE_BY_ENT) != cases ||
	    td_count(t, SD_DB_CASE_BY_OWNER) != cases ||
	    td_count(t, SD_DB_CASE_BY_UUID) != cases ||
	    td_count(t, SD_DB_CASE_OPEN_BY_DUE) != running ||
	    td_count(t, SD_DB_ROUTE_BY_DEPT) != td_count(t, SD_DB_ROUTE)) {
		print_error("%s:%d: %zu cases (%zu running): by status %zu, by enterprise %zu, "
		    "by owner %zu, by uuid %zu, open by due %zu; %zu routes, by dept %zu\n",
		    file, line, cases, running, td_count(t, SD_DB_CASE_BY_STATUS),
		    td_count(t, SD_DB_CASE_BY_ENT), td_count(t, SD_DB_CASE_BY_OWNER),
		    td_count(t, SD_DB_CASE_BY_UUID), td_count(t, SD_DB_CASE_OPEN_BY_DUE),
		    td_count(t, SD_DB_ROUTE), td_count(t, SD_DB_ROUTE_BY_DEPT));
		_fail(file, line);
	}
}

/* --- lists ------------------------------------------------------------------------ */

static void
test_all_newest_first(void **state)
{
	struct data *x = *state;
	struct sd_case_filter f = { 0 };

	list_is(x, &f, "c8 c7 c6 c5 c4 c3 c2 c1");
	indexes_consistent(x);
}

static void
test_row_contents(void **state)
{
	struct data *x = *state;
	struct sd_case_filter f = { .enterprise = "0200.065.765" };
	struct sd_case_rows rows;
	struct sd_error err;
	const struct sd_case_row *r;

	td_expect(SD_OK, sd_case_list(&x->t->d, &f, NULL, 10, &rows, &err), &err);
	assert_int_equal(rows.n, 2);
	r = &rows.items[0];		/* c4 */
	td_str(r->enterprise_name, "Brouwerij 't Hoekske");
	td_str(r->c.subject, "Premie en begeleiding");
	assert_int_equal(r->c.status, SD_CASE_ANSWERED);
	assert_int_equal(r->nroutes, 2);
	for (size_t i = 0; i < r->nroutes; i++) {
		assert_int_equal(r->routes[i].state, SD_ROUTE_ANSWERED);
		td_str(r->routes[i].officer, NULL);	/* lists carry dept and state only */
		td_str(r->routes[i].answer, NULL);
	}
	assert_int_equal(r->due, td_day("2026-03-10"));
	assert_true(r->overdue);
	r = &rows.items[1];		/* c3 */
	assert_int_equal(r->c.priority, SD_PRIORITY_URGENT);
	assert_true(r->overdue);
	assert_int_equal(r->nroutes, 1);
	td_str(r->routes[0].dept, "wel");
	assert_int_equal(r->routes[0].state, SD_ROUTE_PICKED_UP);
	sd_case_rows_free(&rows);

	/* A waiting case with a past due date is not overdue: it waits on the enterprise. */
	f.enterprise = x->c;
	td_at(x->t, "2026-04-30T09:00:00Z");
	td_expect(SD_OK, sd_case_list(&x->t->d, &f, NULL, 10, &rows, &err), &err);
	assert_int_equal(rows.n, 3);
	assert_true(rows.items[0].overdue);	/* c8: answered to us, not yet to them */
	assert_false(rows.items[1].overdue);	/* c6: closed */
	assert_false(rows.items[2].overdue);	/* c5: waiting */
	sd_case_rows_free(&rows);
}

static void
test_filter_status(void **state)
{
	struct data *x = *state;
	struct sd_case_filter f = { 0 };
	static const char *const want[SD_CASE_STATUS_COUNT] = {
		[SD_CASE_NEW] = "c7 c1",
		[SD_CASE_ROUTED] = "c2",
		[SD_CASE_IN_PROGRESS] = "c3",
		[SD_CASE_ANSWERED] = "c8 c4",
		[SD_CASE_WAITING] = "c5",
		[SD_CASE_CLOSED] = "c6",
	};

	for (int s = SD_CASE_NEW; s < SD_CASE_STATUS_COUNT; s++) {
		f.status = s;
		list_is(x, &f, want[s]);
	}
}

static void
test_filter_dept(void **state)
{
	struct data *x = *state;
	struct sd_case_filter f = { .dept = "eco" };

	list_is(x, &f, "c8 c6 c5 c4 c2");	/* every state, withdrawn included */
	f.dept = "wel";
	list_is(x, &f, "c4 c3");
	f.dept = "spa";
	list_is(x, &f, "c6");
}

static void
test_filter_enterprise(void **state)
{
	struct data *x = *state;
	struct sd_case_filter f = { .enterprise = x->a };
	struct sd_case_rows rows;
	struct sd_error err;

	list_is(x, &f, "c7 c2 c1");
	f.enterprise = "403170701";
	list_is(x, &f, "c7 c2 c1");
	f.enterprise = "0200068636";
	list_is(x, &f, "c8 c6 c5");
	f.enterprise = "0200.171.970";
	td_expect(SD_NOTFOUND, sd_case_list(&x->t->d, &f, NULL, 10, &rows, &err), &err);
	assert_int_equal(rows.n, 0);
}

/*
 * An officer learns nothing of cases they may not see (issue 9, finding 6):
 * an enterprise with only other departments' cases is "not found" as an
 * unknown one is, and "more" means a row they would see, not a hidden one.
 */
static void
test_officer_hidden_rows(void **state)
{
	struct data *x = *state;
	struct sd_case_filter f = { .enterprise = x->b };
	struct sd_case_rows rows;
	struct sd_error err, unknown;
	char shown[sizeof err.msg];

	td_as(x->t, "chris");		/* wel: c3 and c4 of B, nothing of A */
	f.enterprise = "0200.171.970";
	td_expect(SD_NOTFOUND, sd_case_list(&x->t->d, &f, NULL, 10, &rows, &unknown), &unknown);
	f.enterprise = "0403.170.701";
	td_expect(SD_NOTFOUND, sd_case_list(&x->t->d, &f, NULL, 10, &rows, &err), &err);
	assert_int_equal(rows.n, 0);
	snprintf(shown, sizeof shown, "%s", err.msg);
	{
		/* The same words, the number asked for aside. */
		char *p = strstr(shown, "0403.170.701"), *q = strstr(unknown.msg, "0200.171.970");
		assert_non_null(p);
		assert_non_null(q);
		assert_int_equal(p - shown, q - unknown.msg);
		assert_string_equal(p + 12, q + 12);
		assert_memory_equal(shown, unknown.msg, (size_t)(p - shown));
	}
	f.enterprise = x->a;
	td_expect(SD_NOTFOUND, sd_case_list(&x->t->d, &f, NULL, 10, &rows, &err), &err);

	/* C: c8, c6, c5, all routed to eco only: chris sees none of them. */
	td_as(x->t, "bram");
	f.enterprise = x->b;		/* c4 (eco and wel), c3 (wel only) */
	td_expect(SD_OK, sd_case_list(&x->t->d, &f, NULL, 1, &rows, &err), &err);
	assert_int_equal(rows.n, 1);
	td_str(rows.items[0].c.subject, "Premie en begeleiding");
	assert_false(rows.more);	/* c3 is wel's alone */
	sd_case_rows_free(&rows);
	td_as(x->t, "chris");
	td_expect(SD_OK, sd_case_list(&x->t->d, &f, NULL, 1, &rows, &err), &err);
	assert_int_equal(rows.n, 1);
	assert_true(rows.more);		/* c3 follows c4, and chris sees it */
	{
		struct sd_page_cursor next = rows.next;
		sd_case_rows_free(&rows);
		td_expect(SD_OK, sd_case_list(&x->t->d, &f, &next, 1, &rows, &err), &err);
		assert_int_equal(rows.n, 1);
		td_str(rows.items[0].c.subject, "Loonkostsubsidie");
		assert_false(rows.more);
		sd_case_rows_free(&rows);
	}
	td_as(x->t, "ann");
}

static void
test_filter_overdue(void **state)
{
	struct data *x = *state;
	struct sd_case_filter f = { .overdue = true };

	/* Most overdue first. */
	list_is(x, &f, "c1 c3 c4");
	/* On 03-11 the funding cases (due 03-10) are overdue; on 03-10 itself not yet. */
	td_at(x->t, "2026-03-10T23:00:00Z");
	list_is(x, &f, "c1");
	td_at(x->t, "2026-03-18T09:00:00Z");
	list_is(x, &f, "c1 c3 c4 c7 c2 c8");
}

static void
test_filter_mine(void **state)
{
	struct data *x = *state;
	struct sd_case_filter f = { .mine = true };
	struct sd_case_input in = { .owner = "gert" };
	struct sd_error err;

	list_is(x, &f, "c8 c6 c5 c4 c3 c2 c1");
	td_as(x->t, "root");
	list_is(x, &f, "c7");
	td_as(x->t, "gert");
	list_is(x, &f, "");

	/* A new owner: the case moves to their list. */
	td_as(x->t, "ann");
	td_expect(SD_OK, sd_case_edit(&x->t->d, x->n[4], &in, 0, &err), &err);
	list_is(x, &f, "c8 c6 c5 c3 c2 c1");
	td_as(x->t, "gert");
	list_is(x, &f, "c4");
	indexes_consistent(x);
}

static void
test_filter_category(void **state)
{
	struct data *x = *state;
	struct sd_case_filter f = { .category = "funding" };

	list_is(x, &f, "c6 c4 c3 c1");
	f.category = "permit";
	list_is(x, &f, "c8 c5 c2");
}

static void
test_filter_combinations(void **state)
{
	struct data *x = *state;
	struct sd_case_filter f;

	f = (struct sd_case_filter){ .status = SD_CASE_NEW, .enterprise = x->a };
	list_is(x, &f, "c7 c1");
	f = (struct sd_case_filter){ .status = SD_CASE_ANSWERED, .dept = "eco" };
	list_is(x, &f, "c8 c4");
	f = (struct sd_case_filter){ .overdue = true, .enterprise = "0200.065.765" };
	list_is(x, &f, "c4 c3");
	f = (struct sd_case_filter){ .category = "funding", .overdue = true };
	list_is(x, &f, "c1 c3 c4");
	/*
	 * For a department, "overdue" is its own route's: wel answered c4
	 * (the case is late, wel is not); c3's wel route is open and late.
	 */
	f = (struct sd_case_filter){ .dept = "wel", .overdue = true };
	list_is(x, &f, "c3");
	f = (struct sd_case_filter){ .status = SD_CASE_CLOSED, .category = "funding" };
	list_is(x, &f, "c6");
	f = (struct sd_case_filter){ .status = SD_CASE_CLOSED, .category = "permit" };
	list_is(x, &f, "");
	f = (struct sd_case_filter){ .dept = "eco", .enterprise = x->c };
	list_is(x, &f, "c8 c6 c5");
	f = (struct sd_case_filter){ .dept = "eco", .mine = true, .status = SD_CASE_ANSWERED };
	list_is(x, &f, "c8 c4");
	f = (struct sd_case_filter){ .status = SD_CASE_NEW, .mine = true };
	list_is(x, &f, "c1");
	td_as(x->t, "root");
	list_is(x, &f, "c7");
	f = (struct sd_case_filter){ .overdue = true, .mine = true };
	list_is(x, &f, "");
	td_as(x->t, "ann");
	list_is(x, &f, "c1 c3 c4");
	f = (struct sd_case_filter){ .overdue = true, .status = SD_CASE_ANSWERED };
	list_is(x, &f, "c4");
}

/* Lists follow changes: the indexes move with the case. */
static void
test_lists_follow_changes(void **state)
{
	struct data *x = *state;
	struct td *t = x->t;
	struct sd_case_filter f = { .status = SD_CASE_NEW };
	struct sd_error err;

	td_route(t, x->n[1], "wel");
	list_is(x, &f, "c7");
	f.status = SD_CASE_ROUTED;
	list_is(x, &f, "c2 c1");
	f = (struct sd_case_filter){ .dept = "wel" };
	list_is(x, &f, "c4 c3 c1");
	td_expect(SD_OK, sd_case_close(&t->d, x->n[1], "Klaar.", 0, 0, &err), &err);
	f = (struct sd_case_filter){ .overdue = true };
	list_is(x, &f, "c3 c4");
	f = (struct sd_case_filter){ .status = SD_CASE_CLOSED };
	list_is(x, &f, "c6 c1");
	td_expect(SD_OK, sd_case_reopen(&t->d, x->n[6], 0, &err), &err);
	f = (struct sd_case_filter){ .overdue = true };
	list_is(x, &f, "c3 c4 c6");
	indexes_consistent(x);
}

/* --- paging -------------------------------------------------------------------------- */

/*
 * Pages of size `size` from the first, following `next`, must give the
 * rows of one big list, each exactly once and in the same order.
 */
#define pages_agree(x, f, size) pages_agree_at(__FILE__, __LINE__, (x), (f), (size))
static void
pages_agree_at(const char *file, int line, struct data *x, const struct sd_case_filter *f,
    size_t size)
{
	struct sd_case_rows all, page;
	struct sd_page_cursor cur;
	struct sd_error err = { 0 };
	char *want, *got;
	struct sd_buf b = { 0 };
	bool more = true, same;
	int pages = 0;

	td_expect_at(file, line, SD_OK, sd_case_list(&x->t->d, f, NULL, 100000, &all, &err), &err);
	want = row_names(x, &all, false);
	memset(&cur, 0, sizeof cur);
	while (more && pages <= 100) {
		char *names;

		td_expect_at(file, line, SD_OK, sd_case_list(&x->t->d, f, &cur, size, &page, &err),
		    &err);
		if (page.n > size) {
			print_error("%s:%d: a page of %zu rows, asked %zu\n", file, line, page.n,
			    size);
			_fail(file, line);
		}
		names = row_names(x, &page, false);
		if (*names != '\0')
			sd_buf_addf(&b, "%s%s", b.len ? " " : "", names);
		free(names);
		more = page.more;
		cur = page.next;
		sd_case_rows_free(&page);
		pages++;
	}
	got = sd_buf_take(&b);
	same = strcmp(got, want) == 0;
	if (!same)
		print_error("%s:%d: pages of %zu gave\n  %s\nwanted\n  %s\n", file, line, size, got,
		    want);
	free(got);
	free(want);
	sd_case_rows_free(&all);
	if (!same)
		_fail(file, line);
}

static void
test_paging(void **state)
{
	struct data *x = *state;
	struct td *t = x->t;
	struct sd_case_filter f;
	struct sd_case_rows all;
	struct sd_error err;
	char num[SD_CASE_NUMBER_MAX];

	/* 22 more cases, made on 03-02: 30 in all. */
	td_at(t, TD_NOW);
	for (int i = 0; i < 22; i++) {
		char subject[32];
		snprintf(subject, sizeof subject, "Vraag %d", i);
		td_case(t, i % 2 ? x->a : x->b, subject, i % 4 < 2 ? "funding" : "permit",
		    0, num);
		if (i % 3 == 0)
			td_route(t, num, "eco");
		if (i % 3 == 1) {
			td_route(t, num, "eco");
			td_route(t, num, "wel");
			td_pickup(t, "bram", num, "eco");
		}
	}
	td_at(t, "2026-03-12T09:00:00Z");

	f = (struct sd_case_filter){ 0 };
	td_expect(SD_OK, sd_case_list(&t->d, &f, NULL, 1000, &all, &err), &err);
	assert_int_equal(all.n, 30);
	for (size_t i = 0; i < all.n; i++)
		assert_int_equal(all.items[i].c.key.seq, 30 - i);
	sd_case_rows_free(&all);

	for (size_t size = 1; size <= 8; size++)
		pages_agree(x, &f, size);
	pages_agree(x, &f, 30);
	pages_agree(x, &f, 31);
	f = (struct sd_case_filter){ .status = SD_CASE_NEW };
	pages_agree(x, &f, 3);
	f = (struct sd_case_filter){ .status = SD_CASE_IN_PROGRESS };
	pages_agree(x, &f, 4);
	f = (struct sd_case_filter){ .dept = "eco" };
	pages_agree(x, &f, 3);
	pages_agree(x, &f, 4);
	f = (struct sd_case_filter){ .dept = "wel" };
	pages_agree(x, &f, 2);
	f = (struct sd_case_filter){ .enterprise = x->a };
	pages_agree(x, &f, 4);
	f = (struct sd_case_filter){ .mine = true };
	pages_agree(x, &f, 5);
	f = (struct sd_case_filter){ .overdue = true };
	pages_agree(x, &f, 3);
	f = (struct sd_case_filter){ .category = "permit" };
	pages_agree(x, &f, 4);
	f = (struct sd_case_filter){ .dept = "eco", .status = SD_CASE_IN_PROGRESS };
	pages_agree(x, &f, 2);
	f = (struct sd_case_filter){ .overdue = true, .category = "funding" };
	pages_agree(x, &f, 2);
}

/* The pages' total is right too, not only agreeing with the long list. */
static void
test_paging_counts(void **state)
{
	struct data *x = *state;
	struct sd_case_filter f = { .dept = "eco" };
	struct sd_page_cursor cur = { .len = 0 };
	struct sd_case_rows page;
	struct sd_error err;
	size_t total = 0;
	int pages = 0;
	bool more = true;

	while (more && pages < 20) {
		td_expect(SD_OK, sd_case_list(&x->t->d, &f, &cur, 2, &page, &err), &err);
		total += page.n;
		more = page.more;
		cur = page.next;
		sd_case_rows_free(&page);
		pages++;
	}
	assert_int_equal(total, 5);
	assert_int_equal(pages, 3);
}

/* --- inbox ------------------------------------------------------------------------- */

static void
test_inbox_contact(void **state)
{
	struct data *x = *state;

	/* Overdue first (urgent before normal, earliest due first), then the rest. */
	inbox_is(x, "ann", 50, "c3:overdue c1:overdue c4:overdue c8:answered c7:new");
	inbox_is(x, "gert", 50, "c3:overdue c1:overdue c4:overdue c8:answered c7:new");
	inbox_is(x, "root", 50, "c3:overdue c1:overdue c4:overdue c8:answered c7:new");
	inbox_is(x, "ann", 2, "c3:overdue c1:overdue");

	/* A week earlier nothing was overdue. */
	td_at(x->t, "2026-02-18T09:00:00Z");
	inbox_is(x, "ann", 50, "c8:answered c1:new c4:answered c7:new");
}

static void
test_inbox_contact_more(void **state)
{
	struct data *x = *state;
	struct sd_case_rows rows;
	struct sd_error err;

	td_expect(SD_OK, sd_inbox(&x->t->d, 2, &rows, &err), &err);
	assert_int_equal(rows.n, 2);
	assert_true(rows.more);
	sd_case_rows_free(&rows);
	td_expect(SD_OK, sd_inbox(&x->t->d, 5, &rows, &err), &err);
	assert_int_equal(rows.n, 5);
	assert_false(rows.more);
	sd_case_rows_free(&rows);
}

static void
test_inbox_officer(void **state)
{
	struct data *x = *state;
	struct sd_case_rows rows;
	struct sd_error err;

	/* Pending and picked-up routes of their own departments only. */
	inbox_is(x, "bram", 50, "c5:picked_up c2:pending");
	inbox_is(x, "chris", 50, "c3:picked_up");
	inbox_is(x, "els", 50, "c3:picked_up c5:picked_up c2:pending");

	/* The row carries the route's department and due date. */
	td_as(x->t, "bram");
	td_expect(SD_OK, sd_inbox(&x->t->d, 50, &rows, &err), &err);
	assert_int_equal(rows.n, 2);
	td_str(rows.items[1].dept, "eco");
	assert_int_equal(rows.items[1].due, td_day("2026-03-06"));
	assert_true(rows.items[1].overdue);
	sd_case_rows_free(&rows);
	td_as(x->t, "ann");

	/* Answering takes a route out; routing puts one in. */
	td_answer(x->t, "bram", x->n[2], "eco", "Klaar.");
	inbox_is(x, "bram", 50, "c5:picked_up");
	td_route(x->t, x->n[7], "eco");		/* due 03-17: not overdue */
	inbox_is(x, "bram", 50, "c5:picked_up c7:pending");
}

static void
test_inbox_manager(void **state)
{
	struct data *x = *state;

	inbox_is(x, "dina", 50, "c3:overdue c1:overdue c4:overdue");
}

/* An empty inbox is an empty list (the last test: it once crashed the sanitizer run). */
static void
test_inbox_empty(void **state)
{
	struct td *t = *state;
	struct sd_case_rows rows;
	struct sd_error err;
	static const char *const who[] = { "ann", "bram", "dina", "root" };

	for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
		td_as(t, who[i]);
		td_expect(SD_OK, sd_inbox(&t->d, 10, &rows, &err), &err);
		assert_int_equal(rows.n, 0);
		assert_false(rows.more);
		sd_case_rows_free(&rows);
	}
}

/* --- bounded reads --------------------------------------------------------------------- */

/* Cases from..to-1: even ones new, odd ones routed to eco; on two enterprises. */
static void
make_cases(struct td *t, const char *other, int from, int to)
{
	char num[SD_CASE_NUMBER_MAX], subject[32];

	for (int i = from; i < to; i++) {
		snprintf(subject, sizeof subject, "Vraag %d", i);
		td_case(t, i % 4 < 2 ? t->ent : other, subject, i % 3 ? "funding" : NULL, 0, num);
		if (i % 2)
			td_route(t, num, "eco");
	}
}

/* Store reads of one page of 10 for each kind of list, as login. */
struct reads {
	unsigned long all, status_new, status_routed, dept, ent, mine, inbox_contact, inbox_officer;
};

static unsigned long
reads_of_list(struct td *t, const struct sd_case_filter *f)
{
	struct sd_case_rows rows;
	struct sd_error err;
	unsigned long before = t->d.store->reads;

	td_expect(SD_OK, sd_case_list(&t->d, f, NULL, 10, &rows, &err), &err);
	assert_int_equal(rows.n, 10);
	sd_case_rows_free(&rows);
	return t->d.store->reads - before;
}

static unsigned long
reads_of_inbox(struct td *t, const char *login)
{
	struct sd_case_rows rows;
	struct sd_error err;
	unsigned long before;

	td_as(t, login);
	before = t->d.store->reads;
	td_expect(SD_OK, sd_inbox(&t->d, 10, &rows, &err), &err);
	assert_int_equal(rows.n, 10);
	sd_case_rows_free(&rows);
	td_as(t, "ann");
	return t->d.store->reads - before;
}

static void
measure(struct td *t, const char *other, struct reads *r)
{
	struct sd_case_filter f;

	f = (struct sd_case_filter){ 0 };
	r->all = reads_of_list(t, &f);
	f = (struct sd_case_filter){ .status = SD_CASE_NEW };
	r->status_new = reads_of_list(t, &f);
	f = (struct sd_case_filter){ .status = SD_CASE_ROUTED };
	r->status_routed = reads_of_list(t, &f);
	f = (struct sd_case_filter){ .dept = "eco" };
	r->dept = reads_of_list(t, &f);
	f = (struct sd_case_filter){ .enterprise = other };
	r->ent = reads_of_list(t, &f);
	f = (struct sd_case_filter){ .mine = true };
	r->mine = reads_of_list(t, &f);
	r->inbox_contact = reads_of_inbox(t, "ann");
	r->inbox_officer = reads_of_inbox(t, "bram");
}

#define bounded(what, small, big) bounded_at(__FILE__, __LINE__, (what), (small), (big))
static void
bounded_at(const char *file, int line, const char *what, unsigned long small, unsigned long big)
{
	/* A page of 10 rows may read a little further (to know there is more). */
	if (small == 0 || big > small + 6) {
		print_error("%s:%d: %s: %lu reads with 20 cases, %lu with 400\n", file, line, what,
		    small, big);
		_fail(file, line);
	}
}

static void
test_page_reads_are_bounded(void **state)
{
	struct td *t = *state;
	struct reads r20, r400;
	char other[SD_UUID_STR];

	td_enterprise(t, "Coöperatie Zonnewerf", "0200.068.636", NULL, other);
	make_cases(t, other, 0, 20);
	measure(t, other, &r20);
	make_cases(t, other, 20, 400);
	measure(t, other, &r400);

	bounded("all cases", r20.all, r400.all);
	bounded("status new", r20.status_new, r400.status_new);
	bounded("status routed", r20.status_routed, r400.status_routed);
	bounded("department", r20.dept, r400.dept);
	bounded("enterprise", r20.ent, r400.ent);
	bounded("mine", r20.mine, r400.mine);
	bounded("inbox of a contact", r20.inbox_contact, r400.inbox_contact);
	bounded("inbox of an officer", r20.inbox_officer, r400.inbox_officer);
	/* And far below the size of the database. */
	assert_true(r400.all < 100);
}

/* A filter naming what is not configured is refused by the core, naming the field. */
static void
test_filter_unknown_names(void **state)
{
	struct data *x = *state;
	struct sd_case_filter f = { .dept = "atlantis" };
	struct sd_case_rows rows;
	struct sd_error err;

	td_expect(SD_INVALID, sd_case_list(&x->t->d, &f, NULL, 10, &rows, &err), &err);
	assert_string_equal(err.field, "department");
	assert_non_null(strstr(err.msg, "eco"));
	f.dept = NULL;
	f.category = "atlantis";
	td_expect(SD_INVALID, sd_case_list(&x->t->d, &f, NULL, 10, &rows, &err), &err);
	assert_string_equal(err.field, "category");
	f.category = "funding";
	td_expect(SD_OK, sd_case_list(&x->t->d, &f, NULL, 10, &rows, &err), &err);
	sd_case_rows_free(&rows);
}


/* Whether the row of case c is marked changed in login's inbox. */
static bool
inbox_changed(struct data *x, const char *login, const char *num)
{
	struct sd_case_rows rows;
	struct sd_error err;
	bool changed = false, found = false;
	char n[SD_CASE_NUMBER_MAX];

	td_as(x->t, login);
	td_expect(SD_OK, sd_inbox(&x->t->d, 50, &rows, &err), &err);
	for (size_t i = 0; i < rows.n; i++) {
		sd_case_number_format(rows.items[i].c.key, n);
		if (strcmp(n, num) == 0) {
			found = true;
			changed = rows.items[i].changed;
		}
	}
	sd_case_rows_free(&rows);
	td_as(x->t, "ann");
	assert_true(found);
	return changed;
}

static int64_t
fixed_clock(const void *ctx)
{
	return *(const int64_t *)ctx;
}

/*
 * The inbox marks a case someone else wrote on since the user last opened
 * it (issue 10); opening writes the mark only when there is something new,
 * and the mark does not count against the write rate.
 */
static void
test_inbox_changed(void **state)
{
	struct data *x = *state;
	struct sd_error err;
	int64_t now = td_time("2026-03-09T10:00:00Z");
	uint64_t before;

	/* Routed by ann: new to bram. */
	assert_true(inbox_changed(x, "bram", x->n[2]));
	assert_true(inbox_changed(x, "bram", x->n[5]));
	/* A case ann made herself is not news to her; bram's answer on c8 is. */
	assert_false(inbox_changed(x, "ann", x->n[1]));
	assert_true(inbox_changed(x, "ann", x->n[8]));

	/* With a write limit of 1: marks do not use it up. */
	x->t->d.store->rate_login = "bram";
	x->t->d.store->rate_limit = 1;
	x->t->d.store->rate_clock = fixed_clock;
	x->t->d.store->rate_ctx = &now;
	td_as(x->t, "bram");
	td_expect(SD_OK, sd_case_seen(&x->t->d, x->n[2], &err), &err);
	td_expect(SD_OK, sd_case_seen(&x->t->d, x->n[5], &err), &err);
	/* Nothing new since: opening again writes nothing. */
	before = td_fingerprint(x->t);
	td_expect(SD_OK, sd_case_seen(&x->t->d, x->n[2], &err), &err);
	assert_true(td_fingerprint(x->t) == before);
	/* bram's one real change of the minute still goes through, the next does not. */
	td_expect(SD_OK, sd_case_note(&x->t->d, x->n[5], "Bezig.", 0, &err), &err);
	td_expect(SD_DENIED, sd_case_note(&x->t->d, x->n[5], "Nog eens.", 0, &err), &err);
	x->t->d.store->rate_limit = 0;
	td_as(x->t, "ann");

	assert_false(inbox_changed(x, "bram", x->n[2]));
	/* His own note is not news to him. */
	assert_false(inbox_changed(x, "bram", x->n[5]));
	/* ann writes on c2: marked again for bram, until he opens it. */
	td_expect(SD_OK, sd_case_note(&x->t->d, x->n[2], "Haast graag.", 0, &err), &err);
	assert_true(inbox_changed(x, "bram", x->n[2]));
	td_as(x->t, "bram");
	td_expect(SD_OK, sd_case_seen(&x->t->d, x->n[2], &err), &err);
	/* A case he may not see gets no mark: not found. */
	td_expect(SD_NOTFOUND, sd_case_seen(&x->t->d, x->n[7], &err), &err);
	td_as(x->t, "ann");
	assert_false(inbox_changed(x, "bram", x->n[2]));
	/* Marks are per login: els (eco too) has not opened c2. */
	assert_true(inbox_changed(x, "els", x->n[2]));
	/* A manager writes nothing, not even a mark, and is shown none. */
	td_as(x->t, "dina");
	before = td_fingerprint(x->t);
	td_expect(SD_OK, sd_case_seen(&x->t->d, x->n[3], &err), &err);
	assert_true(td_fingerprint(x->t) == before);
	td_as(x->t, "ann");
	assert_false(inbox_changed(x, "dina", x->n[3]));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_all_newest_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_row_contents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_status, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_dept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_enterprise, setup, teardown),
		cmocka_unit_test_setup_teardown(test_officer_hidden_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_overdue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_mine, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_category, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_unknown_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_combinations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lists_follow_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paging, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paging_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inbox_contact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inbox_contact_more, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inbox_officer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inbox_manager, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inbox_changed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_reads_are_bounded, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_inbox_empty, td_setup, td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
