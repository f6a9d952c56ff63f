/*
 * The personal stores that are not field-table records
 * (src/core/privacy_stores.c): every row says what it is, why and how
 * long (for `sedesk privacy fields`), and the attachments' erasure keeps
 * the figures: an erased attachment is still counted with its size and
 * type, its content and sender gone, while another sender's on the same
 * case is untouched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mailgate_int.h"
#include "privacy_int.h"
#include "sedesk/mailgate.h"
#include "testdesk.h"

static void
test_store_rows(void **state)
{
	static const char *const want[] = { "attendance", "mail_attach", "outbox", "access_log" };

	(void)state;
	for (size_t i = 0; i < sd_privacy_nstores(); i++) {
		const struct sd_privacy_store *st = sd_privacy_store(i);
		assert_non_null(st->name);
		assert_true(st->label != NULL && *st->label != '\0');
		assert_true(st->purpose != NULL && *st->purpose != '\0');
		assert_true(st->retention != NULL && *st->retention != '\0');
		assert_non_null(st->find);
		for (size_t j = 0; j < i; j++)
			if (strcmp(sd_privacy_store(j)->name, st->name) == 0)
				fail_msg("store %s twice", st->name);
	}
	assert_null(sd_privacy_store(sd_privacy_nstores()));
	for (size_t w = 0; w < sizeof want / sizeof want[0]; w++) {
		const struct sd_privacy_store *st = NULL;
		for (size_t i = 0; i < sd_privacy_nstores(); i++)
			if (strcmp(sd_privacy_store(i)->name, want[w]) == 0)
				st = sd_privacy_store(i);
		if (st == NULL)
			fail_msg("store %s is not in the table", want[w]);
		/* Attachments and the outbox are erased; the access log holds no names. */
		if (strcmp(want[w], "mail_attach") == 0 || strcmp(want[w], "outbox") == 0)
			assert_true(st->erase != NULL && !st->after_commit);
		if (strcmp(want[w], "access_log") == 0)
			assert_null(st->erase);
	}
}

struct put_op {
	struct sd_case_key key;
};

static sd_status
put_two(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct put_op *op = arg;
	sd_status s;

	if ((s = mail_attach_put(t, op->key, "plan.pdf", "application/pdf", "iris@voorbeeld.example",
	    td_time(TD_NOW), (const unsigned char *)"%PDF-geheim", 11, err)) != SD_OK)
		return s;
	return mail_attach_put(t, op->key, "ander.txt", "text/plain", "ander@elders.example",
	    td_time(TD_NOW), (const unsigned char *)"ANDERS", 6, err);
}

static void
test_attachment_erased_keeps_figures(void **state)
{
	struct td *t = *state;
	struct sd_privacy_query q = { SD_PRIVACY_EMAIL, "iris@voorbeeld.example" };
	struct sd_privacy_report r;
	char num[SD_CASE_NUMBER_MAX], tomb[64];
	struct sd_attachment *a, one;
	struct put_op op;
	struct sd_error err;
	size_t n, changed;
	bool pending;

	td_case(t, t->ent, "Een bijlage", NULL, SD_PRIORITY_NORMAL, num);
	assert_true(sd_case_number_parse(num, &op.key));
	td_expect(SD_OK, sd_store_write(t->d.store, put_two, &op, &err), &err);
	td_as(t, "root");
	td_expect(SD_OK, sd_privacy_export(&t->d, &q, &r, &err), &err);
	n = 0;
	for (size_t i = 0; i < r.nhits; i++)
		n += strcmp(r.hits[i].record, "attachment") == 0 && r.hits[i].exact;
	assert_int_equal(n, 1);
	sd_privacy_report_free(&r);

	td_expect(SD_OK, sd_privacy_erase(&t->d, &q, NULL, &changed, &pending, &err), &err);
	assert_true(changed >= 1);
	sd_privacy_tombstone(&t->d, tomb, sizeof tomb);
	td_expect(SD_OK, sd_case_attachments(&t->d, num, &a, &n, &err), &err);
	assert_int_equal(n, 2);
	assert_true(a[0].erased);
	td_str(a[0].name, tomb);
	td_str(a[0].from, tomb);
	td_str(a[0].type, "application/pdf");
	assert_int_equal(a[0].size, 11);
	assert_false(a[1].erased);
	td_str(a[1].from, "ander@elders.example");
	sd_attachments_free(a, n);
	td_expect_msg(SD_NOTFOUND, sd_case_attachment_get(&t->d, num, 1, &one, &err), &err,
	    "was erased");
	td_expect(SD_OK, sd_case_attachment_get(&t->d, num, 2, &one, &err), &err);
	assert_memory_equal(one.data, "ANDERS", 6);
	sd_attachment_free(&one);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_rows),
		cmocka_unit_test_setup_teardown(test_attachment_erased_keeps_figures, td_setup,
		    td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
