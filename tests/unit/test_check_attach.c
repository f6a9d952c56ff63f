/*
 * `check` and the attachments kept from mail (mail_attach.c): one whose
 * case exists is no problem; one whose case is gone is reported (it would
 * be personal data that no case, export or erasure reaches).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testdesk.h"
#include "mailgate_int.h"
#include "sedesk/ops.h"

static void
collect(void *arg, const char *what)
{
	char *said = arg;
	size_t n = strlen(said);

	snprintf(said + n, 4096 - n, "%s\n", what);
}

static size_t
run_check(struct td *t, char said[4096])
{
	const struct sd_officer *me = t->d.me;
	struct sd_error err = { 0 };
	size_t problems = 0;
	sd_status st;

	said[0] = '\0';
	t->d.me = sd_config_officer(&t->d.cfg, "root");
	st = sd_check(&t->d, false, collect, said, &problems, &err);
	t->d.me = me;
	td_expect(SD_OK, st, &err);
	return problems;
}

/* An attachment for case key, written behind the program's back. */
static void
attach(struct td *t, struct sd_case_key key)
{
	static const unsigned char pdf[] = "%PDF-1.4 plan";
	struct sd_error err = { 0 };
	struct sd_txn x;

	td_expect(SD_OK, sd_txn_begin(t->d.store, true, &x, &err), &err);
	td_expect(SD_OK, mail_attach_put(&x, key, "plan.pdf", "application/pdf",
	    "an@example.be", 0, pdf, sizeof pdf - 1, &err), &err);
	td_expect(SD_OK, sd_txn_commit(&x, &err), &err);
}

static void
test_orphan_attachment_found(void **state)
{
	struct td *t = *state;
	struct sd_case_view v = { 0 };
	struct sd_error err = { 0 };
	struct sd_case_key gone;
	char num[SD_CASE_NUMBER_MAX], said[4096];

	td_case(t, t->ent, "Terras", NULL, SD_PRIORITY_NORMAL, num);
	td_expect(SD_OK, sd_case_get(&t->d, num, &v, &err), &err);
	attach(t, v.c.key);
	assert_int_equal(run_check(t, said), 0);
	/* A case number no case has: the next year's first. */
	gone = v.c.key;
	gone.year++;
	attach(t, gone);
	assert_int_equal(run_check(t, said), 1);
	if (strstr(said, "an attachment belongs to a case that does not exist") == NULL)
		fail_msg("check said: %s", said);
	sd_case_view_free(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_orphan_attachment_found, td_setup, td_teardown),
	};

	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
