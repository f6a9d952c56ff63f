/*
 * Unit tests of the mail parser's description (src/mailparse/mailparse.h),
 * through mp_parse as sedesk-mailparse runs it: the messages of
 * tests/data/mail (a Thunderbird multipart with an attachment, an Outlook
 * HTML-only mail in Windows-1252, an auto-reply, hostile ones) and
 * messages made here to reach the limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gmime/gmime.h>

#include "mailparse.h"

#ifndef MAIL_SAMPLES
#define MAIL_SAMPLES "tests/data/mail"
#endif

static char *
slurp(const char *name, size_t *len)
{
	char path[512];
	FILE *fp;
	char *buf;
	long n;

	snprintf(path, sizeof path, "%s/%s", MAIL_SAMPLES, name);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static json_t *
parse_file(const char *name, const struct mp_limits *lim)
{
	struct mp_limits def;
	size_t len;
	char *buf = slurp(name, &len);
	json_t *d;

	if (lim == NULL) {
		mp_limits_default(&def);
		lim = &def;
	}
	d = mp_parse(buf, len, lim);
	free(buf);
	return d;
}

static const char *
str(json_t *d, const char *key)
{
	return json_string_value(json_object_get(d, key));
}

static json_int_t
dropped(json_t *d, const char *what)
{
	return json_integer_value(json_object_get(json_object_get(d, "dropped"), what));
}

static void
test_thunderbird(void **state)
{
	json_t *d = parse_file("thunderbird.eml", NULL), *from, *a;
	char *pdf;
	gsize n;

	(void)state;
	from = json_object_get(d, "from");
	/* The address lower-cased, the encoded name decoded. */
	assert_string_equal(str(from, "address"), "an.peeters@dekroon.be");
	assert_string_equal(str(from, "name"), "An Peeters \xe2\x80\x93 Caf\xc3\xa9 De Kroon");
	/* A folded, encoded subject in two words. */
	assert_string_equal(str(d, "subject"),
	    "Vraag over een terras en een subsidie voor het caf\xc3\xa9");
	assert_string_equal(str(d, "message_id"),
	    "5f3c2a10-8d1e-4b7a-9c11-3e2f1a0b9d42@dekroon.be");
	/* The plain part wins over the HTML alternative; quoted-printable undone, CRLF gone. */
	assert_string_equal(str(d, "text_source"), "plain");
	assert_non_null(strstr(str(d, "text"), "ons caf\xc3\xa9 en vragen"));
	assert_null(strstr(str(d, "text"), "HTML-versie"));
	assert_null(strchr(str(d, "text"), '\r'));
	assert_int_equal(json_array_size(json_object_get(d, "attachments")), 1);
	a = json_array_get(json_object_get(d, "attachments"), 0);
	assert_string_equal(str(a, "name"), "terrasplan.pdf");
	assert_string_equal(str(a, "type"), "application/pdf");
	pdf = (char *)g_base64_decode(str(a, "data"), &n);
	assert_int_equal(json_integer_value(json_object_get(a, "size")), (json_int_t)n);
	assert_memory_equal(pdf, "%PDF-1.4", 8);
	g_free(pdf);
	assert_null(json_object_get(d, "error"));
	json_decref(d);
}

static void
test_outlook_html(void **state)
{
	json_t *d = parse_file("outlook-html.eml", NULL);
	const char *t;

	(void)state;
	/* Windows-1252 quotes, dash and euro sign, in the subject and the text. */
	assert_string_equal(str(d, "subject"),
	    "Aanvraag \xe2\x80\x9c" "caf\xc3\xa9\xe2\x80\x9d ruimte \xe2\x80\x93 dringend");
	assert_string_equal(str(d, "text_source"), "html");
	t = str(d, "text");
	assert_non_null(strstr(t, "Goedemorgen,\n"));
	assert_non_null(strstr(t, "werknemers & vrijwilligers"));
	assert_non_null(strstr(t, "300 \xe2\x82\xac per maand"));
	assert_non_null(strstr(t, "Groeten,\nPiet Jansens"));
	/* The style sheet and the tags are gone. */
	assert_null(strstr(t, "MsoNormal"));
	assert_null(strchr(t, '<'));
	assert_string_equal(str(json_object_get(d, "from"), "name"), "Jansens, Piet");
	json_decref(d);
}

static void
test_autoreply_headers(void **state)
{
	json_t *d = parse_file("autoreply.eml", NULL);

	(void)state;
	assert_string_equal(str(d, "auto_submitted"), "auto-replied");
	json_decref(d);
	d = parse_file("reply.eml", NULL);
	assert_string_equal(str(d, "in_reply_to"), "sedesk-CASENUMBER-1@gemeente.example");
	assert_string_equal(json_string_value(json_array_get(json_object_get(d, "references"), 0)),
	    "sedesk-CASENUMBER-1@gemeente.example");
	assert_null(json_object_get(d, "auto_submitted"));
	json_decref(d);
}

/* No byte below 0x20 (but \n, \t where allowed), no DEL, no C1 control. */
static void
assert_inert(const char *s, bool multiline)
{
	const unsigned char *p = (const unsigned char *)s;

	assert_true(g_utf8_validate(s, -1, NULL));
	for (; *p != '\0'; p++) {
		if (multiline && (*p == '\n' || *p == '\t'))
			continue;
		assert_true(*p >= 0x20 && *p != 0x7f);
		assert_false(p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0);
		/* No bidi override (U+202E is e2 80 ae). */
		assert_false(p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xae);
	}
}

/* 8-bit text that names no charset: Windows-1252 when it is not UTF-8. */
static void
test_undeclared_charset(void **state)
{
	struct mp_limits lim;
	const char *m1 = "From: Jos\xe9 <a@b.be>\nSubject: Caf\xe9\nContent-Type: text/plain\n\n"
	    "Het caf\xe9 kost 5 \x80.\n";
	const char *m2 = "From: a@b.be\nSubject: x\n\nAl UTF-8: caf\xc3\xa9.\n";
	json_t *d;

	(void)state;
	mp_limits_default(&lim);
	d = mp_parse(m1, strlen(m1), &lim);
	assert_string_equal(str(json_object_get(d, "from"), "name"), "Jos\xc3\xa9");
	assert_string_equal(str(d, "subject"), "Caf\xc3\xa9");
	assert_string_equal(str(d, "text"), "Het caf\xc3\xa9 kost 5 \xe2\x82\xac.\n");
	json_decref(d);
	d = mp_parse(m2, strlen(m2), &lim);
	assert_string_equal(str(d, "text"), "Al UTF-8: caf\xc3\xa9.\n");
	json_decref(d);
}

static void
test_hostile_escapes(void **state)
{
	json_t *d = parse_file("hostile-escape.eml", NULL), *a;

	(void)state;
	assert_inert(str(d, "subject"), false);
	assert_string_equal(str(d, "subject"), "Hello RED txt.exe");
	assert_inert(str(d, "text"), true);
	assert_null(strstr(str(d, "text"), "52;c"));
	a = json_array_get(json_object_get(d, "attachments"), 0);
	/* No path, no escape, not hidden. */
	assert_string_equal(str(a, "name"), "bashrc");
	json_decref(d);
}

static void
test_forged_headers(void **state)
{
	json_t *d = parse_file("forged.eml", NULL);

	(void)state;
	/* An encoded CR LF does not make a header: the subject stays one line. */
	assert_string_equal(str(d, "subject"), "Forged X-Injected: yes");
	/* Two From lines: the first, and the second counted as dropped. */
	assert_string_equal(str(json_object_get(d, "from"), "address"), "an.peeters@dekroon.be");
	assert_true(dropped(d, "headers") >= 1);
	assert_string_equal(str(d, "message_id"), "forged-1@attacker.example");
	json_decref(d);
}

static void
test_malformed(void **state)
{
	json_t *d = parse_file("malformed.eml", NULL);

	(void)state;
	assert_string_equal(str(d, "subject"), "malformed tree");
	if (str(d, "text") != NULL)
		assert_inert(str(d, "text"), true);
	json_decref(d);
	/* Not a message at all, and nothing. */
	struct mp_limits lim;
	mp_limits_default(&lim);
	d = mp_parse("\0\0\xff\xfe", 4, &lim);
	assert_non_null(d);
	assert_non_null(json_object_get(d, "attachments"));
	json_decref(d);
	d = mp_parse("", 0, &lim);
	assert_non_null(d);
	json_decref(d);
}

/* A message with n parts, each an attachment of size bytes. */
static char *
many_parts(size_t n, size_t size, size_t *len)
{
	GString *s = g_string_new("From: a@b.be\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=\"B\"\r\n\r\n");

	for (size_t i = 0; i < n; i++) {
		g_string_append_printf(s, "--B\r\nContent-Type: application/octet-stream\r\n"
		    "Content-Disposition: attachment; filename=\"f%zu.bin\"\r\n\r\n", i);
		for (size_t k = 0; k < size; k++)
			g_string_append_c(s, 'x');
		g_string_append(s, "\r\n");
	}
	g_string_append(s, "--B--\r\n");
	*len = s->len;
	return g_string_free(s, FALSE);
}

static void
test_limits(void **state)
{
	struct mp_limits lim;
	json_t *d, *atts;
	size_t len;
	char *m;

	(void)state;
	mp_limits_default(&lim);
	/*
	 * Five thousand parts in one multipart: 200 parts walked (the
	 * multipart and 199 of its parts), 20 of them kept as attachments.
	 */
	m = many_parts(5000, 1, &len);
	d = mp_parse(m, len, &lim);
	assert_int_equal(json_array_size(json_object_get(d, "attachments")), 20);
	assert_int_equal(dropped(d, "attachments"), 179);
	assert_int_equal(dropped(d, "parts"), 5001 - 200);
	json_decref(d);
	/* Walked parts beyond the limit are counted, not kept. */
	lim.parts_max = 5;
	d = mp_parse(m, len, &lim);
	assert_true(json_array_size(json_object_get(d, "attachments")) <= 4);
	assert_true(dropped(d, "parts") > 0);
	json_decref(d);
	free(m);

	/* Attachments over the limit: listed with their size, no content. */
	mp_limits_default(&lim);
	lim.attachment_max = 100;
	m = many_parts(2, 150, &len);
	d = mp_parse(m, len, &lim);
	atts = json_object_get(d, "attachments");
	assert_int_equal(json_array_size(atts), 2);
	assert_string_equal(str(json_array_get(atts, 0), "refused"), "too-large");
	/* Its whole size, not the part read before the cut. */
	assert_int_equal(json_integer_value(json_object_get(json_array_get(atts, 0), "size")), 150);
	assert_null(json_object_get(json_array_get(atts, 0), "data"));
	json_decref(d);
	free(m);

	/* More attachments than allowed: counted as dropped. */
	mp_limits_default(&lim);
	lim.nattach_max = 3;
	m = many_parts(10, 5, &len);
	d = mp_parse(m, len, &lim);
	assert_int_equal(json_array_size(json_object_get(d, "attachments")), 3);
	assert_int_equal(dropped(d, "attachments"), 7);
	json_decref(d);
	free(m);

	/* A message over the limit is refused whole. */
	mp_limits_default(&lim);
	lim.message_max = 10;
	d = mp_parse("From: a@b.be\r\n\r\nhello", 21, &lim);
	assert_string_equal(str(d, "error"), "too-large");
	assert_null(json_object_get(d, "text"));
	json_decref(d);

	/* The text is cut on a character boundary and the cut counted. */
	mp_limits_default(&lim);
	lim.text_max = 6;
	d = mp_parse("From: a@b.be\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
	    "caf\xc3\xa9 caf\xc3\xa9", 69, &lim);
	assert_string_equal(str(d, "text"), "caf\xc3\xa9 ");
	assert_int_equal(dropped(d, "text_bytes"), 5);
	json_decref(d);
}

static void
test_deep_nesting(void **state)
{
	struct mp_limits lim;
	GString *s = g_string_new("From: a@b.be\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
	json_t *d;

	(void)state;
	/* 100,000 levels: refused before GMime builds (and recurses into) the tree. */
	for (int i = 1; i <= 100000; i++)
		g_string_append_printf(s, "--b%d\r\nContent-Type: multipart/mixed; "
		    "boundary=\"b%d\"\r\n\r\n", i - 1, i);
	mp_limits_default(&lim);
	d = mp_parse(s->str, s->len, &lim);
	assert_string_equal(str(d, "error"), "too-complex");
	assert_true(dropped(d, "parts") > 0);
	json_decref(d);
	g_string_free(s, TRUE);

	/* Ten levels with the limit at 8: the inner ones are dropped, no crash. */
	s = g_string_new("From: a@b.be\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
	for (int i = 1; i <= 10; i++)
		g_string_append_printf(s, "--b%d\r\nContent-Type: multipart/mixed; "
		    "boundary=\"b%d\"\r\n\r\n", i - 1, i);
	g_string_append(s, "--b10\r\nContent-Type: text/plain\r\n\r\ndeep\r\n");
	d = mp_parse(s->str, s->len, &lim);
	assert_null(json_object_get(d, "text"));
	assert_true(dropped(d, "parts") > 0);
	json_decref(d);
	g_string_free(s, TRUE);
}

static void
test_clean(void **state)
{
	size_t drop = 0;
	char *c;

	(void)state;
	c = mp_clean("a\x1b[31mb\x1b]0;title\x07" "c\r\nd\re\x7f\x01",
	    strlen("a\x1b[31mb\x1b]0;title\x07" "c\r\nd\re\x7f\x01"), true, 100, &drop);
	assert_string_equal(c, "abc\nd\ne");
	free(c);
	c = mp_clean("  one\n\ttwo  ", 12, false, 100, NULL);
	assert_string_equal(c, "one two");
	free(c);
	/* Invalid UTF-8 becomes U+FFFD; a bidi override disappears. */
	c = mp_clean("x\xffy\xe2\x80\xaez", 7, false, 100, NULL);
	assert_string_equal(c, "x\xef\xbf\xbdyz");
	free(c);
	c = mp_clean_filename("C:\\Users\\evil\\..\\.profile");
	assert_string_equal(c, "profile");
	free(c);
	c = mp_clean_filename("...");
	assert_string_equal(c, "attachment");
	free(c);
}

static void
test_html(void **state)
{
	size_t n;
	char *t;
	const char *h = "<p>a&amp;b &#233;&#x20AC;</p><script>alert(1)</script>"
	    "<ul><li>one<li>two</ul><!-- <p>hidden</p> -->x &bogus; <";

	(void)state;
	t = mp_html_to_text(h, strlen(h), &n);
	assert_string_equal(t, "a&b \xc3\xa9\xe2\x82\xac\n\n- one\n- two\nx &bogus; <");
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thunderbird),
		cmocka_unit_test(test_outlook_html),
		cmocka_unit_test(test_autoreply_headers),
		cmocka_unit_test(test_undeclared_charset),
		cmocka_unit_test(test_hostile_escapes),
		cmocka_unit_test(test_forged_headers),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_html),
	};

	g_mime_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
