/*
 * An officer's inbox merges the runs of the open routes' due index
 * (department, state, priority) and reads only the keys it shows
 * (case_list.c inbox_officer): the rows and their order must be exactly
 * those of every open route of the officer's departments sorted by the
 * inbox's order (overdue first, then priority, then due day, then the
 * newest case), whatever the limit.  Property test against that
 * brute-force order, on a desk of random cases, priorities, days and
 * routes, some picked up; and the keys read stay the runs' first plus
 * the rows shown.
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
#include "sedesk/ops.h"
#include "testdesk.h"

#define NCASES	140

struct want {
	struct sd_case_key	 key;
	const char		*dept;
	bool			 overdue;
	int			 priority;
	sd_day			 due;
	enum sd_route_state	 state;
};

static int
want_cmp(const void *pa, const void *pb)
{
	const struct want *a = pa, *b = pb;

	if (a->overdue != b->overdue)
		return a->overdue ? -1 : 1;
	if (a->priority != b->priority)
		return a->priority > b->priority ? -1 : 1;
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	if (a->key.year != b->key.year)
		return a->key.year > b->key.year ? -1 : 1;
	return a->key.seq > b->key.seq ? -1 : a->key.seq < b->key.seq ? 1 : 0;
}

static unsigned
rnd(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7fff;
}

static void
test_inbox_equals_sorted_routes(void **state)
{
	static const char *const depts[] = { "eco", "wel", "spa" };
	static const size_t limits[] = { 1, 7, 50, 500 };
	struct td *t = *state;
	char (*nums)[SD_CASE_NUMBER_MAX] = calloc(NCASES, SD_CASE_NUMBER_MAX);
	struct want *want = calloc(NCASES * 3, sizeof *want);
	size_t nwant = 0;
	unsigned seed = 20261202;
	sd_day today;

	assert_non_null(nums);
	assert_non_null(want);
	for (int i = 0; i < NCASES; i++) {
		char when[32];
		/* Days from mid-January to today, several cases on one day. */
		snprintf(when, sizeof when, "2026-%02d-%02dT09:00:00Z", 1 + (i % 3 == 0 ? 0 : 1),
		    1 + (int)(rnd(&seed) % 27));
		if (rnd(&seed) % 5 == 0)
			snprintf(when, sizeof when, "%s", TD_NOW);
		td_at(t, when);
		td_case(t, t->ent, "Vraag", NULL,
		    (enum sd_priority)(SD_PRIORITY_LOW + rnd(&seed) % 4), nums[i]);
		for (size_t d = 0; d < 3; d++) {
			if (rnd(&seed) % 2 == 0)
				continue;
			td_route(t, nums[i], depts[d]);
			if (d < 2 && rnd(&seed) % 3 == 0)
				td_pickup(t, "els", nums[i], depts[d]);
		}
	}
	td_at(t, TD_NOW);
	today = sd_desk_today(&t->d);
	/* Brute force: every route of the officer's departments still open. */
	for (int i = 0; i < NCASES; i++) {
		struct sd_case_view v;
		td_view(t, nums[i], &v);
		for (size_t r = 0; r < v.nroutes; r++) {
			const struct sd_route *ro = &v.routes[r];
			struct want *w;
			if ((strcmp(ro->dept, "eco") != 0 && strcmp(ro->dept, "wel") != 0) ||
			    (ro->state != SD_ROUTE_PENDING && ro->state != SD_ROUTE_PICKED_UP))
				continue;
			w = &want[nwant++];
			w->key = v.c.key;
			w->dept = strcmp(ro->dept, "eco") == 0 ? "eco" : "wel";
			w->priority = v.c.priority;
			w->due = ro->due;
			w->overdue = ro->due != SD_NO_DAY && ro->due < today;
			w->state = ro->state;
		}
		sd_case_view_free(&v);
	}
	qsort(want, nwant, sizeof *want, want_cmp);
	print_message("%zu open routes of eco and wel among %d cases\n", nwant, NCASES);
	assert_true(nwant > 60);
	td_as(t, "els");
	for (size_t li = 0; li < sizeof limits / sizeof limits[0]; li++) {
		struct sd_case_rows rows;
		struct sd_error err;
		size_t lim = limits[li], n = lim < nwant ? lim : nwant;
		unsigned long before = t->d.store->reads, reads;

		td_expect(SD_OK, sd_inbox(&t->d, lim, &rows, &err), &err);
		reads = t->d.store->reads - before;
		assert_int_equal(rows.n, n);
		assert_int_equal(rows.more, nwant > lim);
		for (size_t i = 0; i < n; i++) {
			const struct sd_case_row *r = &rows.items[i];
			assert_int_equal(r->c.key.year, want[i].key.year);
			assert_int_equal(r->c.key.seq, want[i].key.seq);
			assert_string_equal(r->dept, want[i].dept);
			assert_int_equal(r->due, want[i].due);
			assert_int_equal(r->overdue, want[i].overdue);
			assert_int_equal(r->reason, want[i].state == SD_ROUTE_PENDING ?
			    SD_REASON_PENDING : SD_REASON_PICKED_UP);
		}
		/*
		 * Keys: the first of each of the 16 runs (2 departments, 2
		 * states, 4 priorities) and one per row shown; then each row's
		 * case, enterprise, routes and journal mark (at most 12).
		 */
		print_message("limit %zu: %lu reads for %zu rows\n", lim, reads, n);
		assert_true(reads <= 16 + n + 12 * n);
		sd_case_rows_free(&rows);
	}
	free(nums);
	free(want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_inbox_equals_sorted_routes, td_setup,
		    td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
