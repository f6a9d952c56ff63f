/*
 * Unit tests of the mail gate's checks (src/core/mailgate.c): what
 * sd_mail_decode accepts from the parser child (which is trusted no more
 * than the message: control characters, invalid UTF-8, malformed base64,
 * content beyond its stated size or the limit, a path in a file name are
 * refused whole), and which messages sd_mail_drop_reason drops as loops
 * and auto-replies.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sedesk/mailgate.h"
#include "testdesk.h"

static sd_status
decode(const char *json, struct sd_mail *m)
{
	struct sd_error err;

	return sd_mail_decode(json, strlen(json), 1000, m, &err);
}

static void
test_decode_valid(void **state)
{
	struct sd_mail m;

	(void)state;
	assert_int_equal(decode("{\"from\":{\"address\":\"an@x.be\",\"name\":\"An\"},"
	    "\"subject\":\"Caf\\u00e9\",\"message_id\":\"a@b\",\"references\":[\"r1@x\",\"r2@x\"],"
	    "\"autoreply\":false,\"text\":\"line 1\\n\\tline 2\",\"text_source\":\"plain\","
	    "\"attachments\":[{\"name\":\"a.txt\",\"type\":\"text/plain\",\"size\":5,"
	    "\"data\":\"aGVsbG8=\"},{\"name\":\"big.bin\",\"type\":\"application/octet-stream\","
	    "\"size\":5000,\"refused\":\"too-large\"}],"
	    "\"dropped\":{\"parts\":1,\"attachments\":2,\"text_bytes\":3,\"headers\":4}}", &m),
	    SD_OK);
	assert_string_equal(m.from_addr, "an@x.be");
	assert_string_equal(m.subject, "Caf\xc3\xa9");
	assert_int_equal(m.nrefs, 2);
	assert_string_equal(m.text, "line 1\n\tline 2");
	assert_int_equal(m.natt, 2);
	assert_int_equal(m.att[0].size, 5);
	assert_memory_equal(m.att[0].data, "hello", 5);
	assert_null(m.att[1].data);
	assert_string_equal(m.att[1].refused, "too-large");
	assert_int_equal(m.dropped_atts, 2);
	assert_int_equal(m.dropped_headers, 4);
	sd_mail_free(&m);
	/* Nothing at all is a message without sender, subject or text. */
	assert_int_equal(decode("{}", &m), SD_OK);
	assert_null(m.from_addr);
	sd_mail_free(&m);
}

static void
test_decode_refuses(void **state)
{
	static const char *const bad[] = {
		"",
		"not json",
		"[]",
		/* controls in a one-line field, in the text (but \n \t), DEL, a C1 control */
		"{\"subject\":\"a\\u001b[2Jb\"}",
		"{\"subject\":\"a\\nb\"}",
		"{\"text\":\"a\\u0007b\"}",
		"{\"subject\":\"a\\u007fb\"}",
		"{\"subject\":\"a\\u009bb\"}",
		"{\"subject\":\"a\\u0000b\"}",
		"{\"from\":{\"address\":\"no at sign\"}}",
		"{\"from\":{\"address\":\"a @b\"}}",
		"{\"from\":\"an@x.be\"}",
		"{\"subject\":5}",
		"{\"subject\":\"a\",\"subject\":\"b\"}",
		"{\"autoreply\":\"yes\"}",
		"{\"references\":[\"a\\u0001\"]}",
		"{\"dropped\":{\"parts\":-1}}",
		/* attachments: bad base64, a size that is not the content's, over the limit */
		"{\"attachments\":[{\"name\":\"a\",\"type\":\"t\",\"size\":5,\"data\":\"aGVsbG8\"}]}",
		"{\"attachments\":[{\"name\":\"a\",\"type\":\"t\",\"size\":4,\"data\":\"aGVsbG8=\"}]}",
		"{\"attachments\":[{\"name\":\"a\",\"type\":\"t\",\"size\":5,\"data\":\"aGV*bG8=\"}]}",
		"{\"attachments\":[{\"name\":\"a\",\"type\":\"t\",\"size\":2000,\"data\":\"\"}]}",
		/* no content and no reason, a path in the name, no name */
		"{\"attachments\":[{\"name\":\"a\",\"type\":\"t\",\"size\":5}]}",
		"{\"attachments\":[{\"name\":\"../a\",\"type\":\"t\",\"size\":5,\"data\":\"aGVsbG8=\"}]}",
		"{\"attachments\":[{\"name\":\"\",\"type\":\"t\",\"size\":5,\"data\":\"aGVsbG8=\"}]}",
		"{\"attachments\":[{\"type\":\"t\",\"size\":5,\"data\":\"aGVsbG8=\"}]}",
	};
	struct sd_mail m;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (decode(bad[i], &m) != SD_INVALID)
			fail_msg("accepted: %s", bad[i]);
		/* Refused whole: nothing is left to free. */
		assert_null(m.subject);
		assert_null(m.att);
	}
	/* Invalid UTF-8 (raw bytes, which jansson refuses as JSON too). */
	assert_int_equal(decode("{\"subject\":\"\xff\"}", &m), SD_INVALID);
	/* A text over the case's limit. */
	{
		size_t n = 20001 + 20;
		char *big = malloc(n + 1);
		memset(big, 'x', n);
		memcpy(big, "{\"text\":\"", 9);
		memcpy(big + n - 2, "\"}", 2);
		big[n] = '\0';
		assert_int_equal(decode(big, &m), SD_INVALID);
		free(big);
	}
}

static void
test_drop_reasons(void **state)
{
	struct sd_config cfg = { 0 };
	struct sd_mail m = { 0 };
	char from[] = "an@x.be", no[] = "no", auto_[] = "auto-replied", bulk[] = "bulk",
	    first[] = "first-class", own[] = "sedesk-2026-00001-3.1@gemeente.be",
	    other[] = "abc@x.be", daemon[] = "mailer-daemon@mx.example", desk[] = "loket@g.be";

	(void)state;
	m.from_addr = from;
	assert_null(sd_mail_drop_reason(&cfg, &m));
	m.auto_submitted = no;
	assert_null(sd_mail_drop_reason(&cfg, &m));
	m.auto_submitted = auto_;
	assert_non_null(sd_mail_drop_reason(&cfg, &m));
	m.auto_submitted = NULL;
	m.precedence = bulk;
	assert_non_null(sd_mail_drop_reason(&cfg, &m));
	m.precedence = first;
	assert_null(sd_mail_drop_reason(&cfg, &m));
	m.autoreply = true;
	assert_non_null(sd_mail_drop_reason(&cfg, &m));
	m.autoreply = false;
	m.message_id = own;
	assert_non_null(sd_mail_drop_reason(&cfg, &m));
	m.message_id = other;
	assert_null(sd_mail_drop_reason(&cfg, &m));
	m.from_addr = daemon;
	assert_non_null(sd_mail_drop_reason(&cfg, &m));
	m.from_addr = desk;
	assert_null(sd_mail_drop_reason(&cfg, &m));
	cfg.mail_from = (char *)"LOKET@g.be";
	assert_non_null(sd_mail_drop_reason(&cfg, &m));
}

/*
 * A database made before the attachments' table (schema 3 as main wrote
 * it) gets the table when it is opened, empty, and is read as before.
 */
static void
test_table_made_when_missing(void **state)
{
	struct td *t = *state;
	struct sd_attachment *a = NULL;
	struct sd_store st = { 0 };
	struct sd_error err;
	MDB_txn *txn;
	MDB_dbi dbi;
	char num[SD_CASE_NUMBER_MAX], db[256];
	size_t n = 99;

	td_case(t, t->ent, "Zonder bijlagen", NULL, SD_PRIORITY_NORMAL, num);
	snprintf(db, sizeof db, "%s", t->d.db_dir);
	assert_int_equal(mdb_txn_begin(t->d.store->env, NULL, 0, &txn), 0);
	assert_int_equal(mdb_drop(txn, t->d.store->dbi[SD_DB_MAIL_ATTACH], 1), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	td_close_desk(t);
	/* Opened as every command opens it: not creating. */
	assert_int_equal(sd_store_open(&st, db, (size_t)64 << 20, 1000, "ann", false, &err),
	    SD_OK);
	assert_int_equal(mdb_txn_begin(st.env, NULL, MDB_RDONLY, &txn), 0);
	assert_int_equal(mdb_dbi_open(txn, "mail_attach", 0, &dbi), 0);
	mdb_txn_abort(txn);
	sd_store_close(&st);
	td_open_desk(t);
	assert_int_equal(sd_case_attachments(&t->d, num, &a, &n, &err), SD_OK);
	assert_int_equal(n, 0);
	sd_attachments_free(a, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_refuses),
		cmocka_unit_test(test_drop_reasons),
		cmocka_unit_test_setup_teardown(test_table_made_when_missing, td_setup,
		    td_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
