/*
 * A record that cannot be read leaves nothing behind: sd_rec_decode frees
 * the text fields it had read before it found the damage, so a caller that
 * only reports the failure (search_index_case_since did) leaks nothing.
 * Fails before the fix: the fields read so far stayed in the record.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "sedesk/case.h"
#include "sedesk/journal_entry.h"
#include "record.h"

/* A journal entry whose actor is read, then a field whose length runs past the end. */
static void
test_truncated_record_freed(void **state)
{
	struct sd_journal_entry e;
	struct sd_buf b = { 0 };
	const uint8_t torn[] = { 3, 0x7f, 'x' };	/* kind: 127 bytes announced, 1 there */

	(void)state;
	sd_rec_begin(&b, SD_REC_JOURNAL);
	sd_rec_str(&b, 2, "ann");
	sd_buf_add(&b, torn, sizeof torn);
	assert_false(sd_rec_decode(&sd_journal_record, b.data, b.len, &e));
	assert_null(e.actor);
	assert_null(e.kind);
	/* Freeing it again, as most callers do, does no harm. */
	sd_journal_entry_free(&e);
	sd_buf_free(&b);
}

/* A case whose text fields are whole but whose status (required) is missing. */
static void
test_missing_required_freed(void **state)
{
	struct sd_case c;
	struct sd_buf b = { 0 };

	(void)state;
	sd_rec_begin(&b, SD_REC_CASE);
	sd_rec_str(&b, 4, "zonder status");
	sd_rec_str(&b, 7, "ann");
	assert_false(sd_rec_decode(&sd_case_record, b.data, b.len, &c));
	assert_null(c.subject);
	assert_null(c.owner);
	sd_case_free(&c);
	sd_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_truncated_record_freed),
		cmocka_unit_test(test_missing_required_freed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
