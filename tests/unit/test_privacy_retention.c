/*
 * Retention in the core (privacy_retention.c) with a fixed clock: the
 * due day of a period in years, months (the 31st in a shorter month) and
 * days; and the administrator's inbox, which after an applied run reads
 * the note it left instead of every closed case until a case can be due.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sedesk/privacy.h"
#include "testdesk.h"
#include "../fixture/fixture.h"

struct rt {
	char		 dir[128], ini[192];
	struct sd_desk	 d;
};

/* Twenty closed cases on 2026-03-31 of category funding (retention 1m), one of permit (1y). */
static int
setup(void **state)
{
	struct rt *r = calloc(1, sizeof *r);
	struct sd_error err;
	uint8_t ent[SD_UUID_LEN];
	char id[SD_UUID_STR], num[SD_CASE_NUMBER_MAX];

	if (r == NULL || !fx_mkdtemp(r->dir, sizeof r->dir, "retention") ||
	    !fx_write_config(r->dir, "[privacy]\nretention = 1y\n", r->ini, sizeof r->ini))
		return -1;
	if (fx_open(&r->d, r->ini, td_time("2026-03-31T09:00:00Z"), &err) != SD_OK ||
	    fx_enterprise(&r->d, "Café De Kroon", NULL, NULL, NULL, NULL, ent, &err) != SD_OK)
		return -1;
	sd_uuid_format(ent, id);
	fx_as(&r->d, "ann");
	for (int i = 0; i < 21; i++) {
		struct sd_case_input in = { .enterprise = id, .subject = "Vraag van Jan Peeters",
		    .category = i < 20 ? "funding" : "permit" };
		if (fx_case(&r->d, &in, num, &err) != SD_OK ||
		    sd_case_close(&r->d, num, "klaar", 4, 0, &err) != SD_OK)
			return -1;
	}
	*state = r;
	return 0;
}

static int
teardown(void **state)
{
	struct rt *r = *state;

	sd_desk_close(&r->d);
	fx_rmtree(r->dir);
	free(r);
	return 0;
}

static void
at(struct rt *r, const char *when)
{
	r->d.fixed_now = td_time(when);
}

static void
test_due_days(void **state)
{
	struct rt *r = *state;
	struct sd_retention_list l;
	struct sd_error err;

	fx_as(&r->d, "root");
	/* The desk's default (1y) for both categories: not before 2027-03-31. */
	at(r, "2027-03-30T09:00:00Z");
	td_expect(SD_OK, sd_privacy_retention(&r->d, false, &l, &err), &err);
	assert_int_equal(l.n, 0);
	sd_retention_list_free(&l);
	at(r, "2027-03-31T09:00:00Z");
	td_expect(SD_OK, sd_privacy_retention(&r->d, false, &l, &err), &err);
	assert_int_equal(l.n, 21);
	assert_int_equal(l.due[0].due, td_day("2027-03-31"));
	assert_int_equal(l.due[0].closed, td_day("2026-03-31"));
	assert_int_equal(l.due[0].action, SD_RETAIN_ANONYMISE);
	sd_retention_list_free(&l);
	/* One month after the 31st of March is the 30th of April. */
	r->d.cfg.categories[0].retention = (struct sd_retention){ 1, 'm', SD_RETAIN_DESTROY };
	assert_string_equal(r->d.cfg.categories[0].id, "funding");
	at(r, "2026-04-29T09:00:00Z");
	td_expect(SD_OK, sd_privacy_retention(&r->d, false, &l, &err), &err);
	assert_int_equal(l.n, 0);
	sd_retention_list_free(&l);
	at(r, "2026-04-30T09:00:00Z");
	td_expect(SD_OK, sd_privacy_retention(&r->d, false, &l, &err), &err);
	assert_int_equal(l.n, 20);
	assert_int_equal(l.due[0].action, SD_RETAIN_DESTROY);
	sd_retention_list_free(&l);
	/* Days: 10d after the 31st of March. */
	r->d.cfg.categories[0].retention = (struct sd_retention){ 10, 'd', SD_RETAIN_ANONYMISE };
	at(r, "2026-04-10T09:00:00Z");
	td_expect(SD_OK, sd_privacy_retention(&r->d, false, &l, &err), &err);
	assert_int_equal(l.n, 20);
	assert_int_equal(l.due[0].due, td_day("2026-04-10"));
	sd_retention_list_free(&l);
}

/* After an applied run the inbox reads its note, not the closed cases, until one can be due. */
static void
test_inbox_reads_the_note(void **state)
{
	struct rt *r = *state;
	struct sd_retention_list l;
	struct sd_error err;
	unsigned long before, scan, quiet;
	char **lines;
	size_t n;

	fx_as(&r->d, "root");
	at(r, "2026-06-01T09:00:00Z");
	before = r->d.store->reads;
	n = sd_privacy_inbox(&r->d, &lines);
	scan = r->d.store->reads - before;
	assert_int_equal(n, 0);
	sd_privacy_inbox_free(lines, n);
	/* Without a note it reads every closed case (and its index entry). */
	assert_true(scan >= 21);
	td_expect(SD_OK, sd_privacy_retention(&r->d, true, &l, &err), &err);
	assert_int_equal(l.n, 0);
	sd_retention_list_free(&l);
	before = r->d.store->reads;
	n = sd_privacy_inbox(&r->d, &lines);
	quiet = r->d.store->reads - before;
	assert_int_equal(n, 0);
	sd_privacy_inbox_free(lines, n);
	assert_true(quiet <= 2);
	/* The day the cases are due it looks again, and says so. */
	at(r, "2027-03-31T09:00:00Z");
	n = sd_privacy_inbox(&r->d, &lines);
	assert_int_equal(n, 1);
	assert_non_null(strstr(lines[0], "21 closed cases are past their retention"));
	sd_privacy_inbox_free(lines, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_due_days, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inbox_reads_the_note, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
