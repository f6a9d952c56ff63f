/* Unit tests for the text helpers (src/core/text.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "sedesk/text.h"

#if defined(__SANITIZE_ADDRESS__)
/*
 * ASan stops the program on an impossible allocation size; let malloc
 * return NULL instead, so the out-of-memory path is tested under it too.
 */
const char	*__asan_default_options(void);

const char *
__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}
#endif

/* Checks that f(in) gives want and frees the result. */
static void
check_fold(const char *in, const char *want)
{
	char *got = sd_fold(in);

	assert_string_equal(got, want);
	free(got);
}

static void
check_visible(const char *in, bool keep, const char *want)
{
	char *got = sd_visible(in, keep);

	assert_string_equal(got, want);
	free(got);
}

static void
check_list(const char *in, const char *want)
{
	char *got = sd_list_normalise(in);

	assert_string_equal(got, want);
	free(got);
}

static void
test_buf_add(void **state)
{
	struct sd_buf b = { 0 };

	(void)state;
	sd_buf_add(&b, "abc", 2);
	assert_int_equal(b.len, 2);
	assert_string_equal(b.data, "ab");
	sd_buf_adds(&b, "cd");
	assert_string_equal(b.data, "abcd");
	/* Embedded NUL bytes are data like any other. */
	sd_buf_add(&b, "x\0y", 3);
	assert_int_equal(b.len, 7);
	assert_memory_equal(b.data, "abcdx\0y", 8);
	sd_buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
}

static void
test_buf_addf_grows(void **state)
{
	struct sd_buf b = { 0 };
	char big[5001];
	size_t i;

	(void)state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	sd_buf_addf(&b, "%d-%s", 42, "a");
	assert_string_equal(b.data, "42-a");
	/* Far more than the first allocation: the retry path must grow. */
	sd_buf_addf(&b, "[%s]", big);
	assert_int_equal(b.len, 4 + 5002);
	assert_int_equal(b.data[4], '[');
	for (i = 5; i < 5005; i++)
		assert_int_equal(b.data[i], 'x');
	assert_string_equal(b.data + 5005, "]");
	assert_true(b.cap > b.len);
	sd_buf_free(&b);
}

static void
test_buf_reset_take(void **state)
{
	struct sd_buf b = { 0 };
	char *s;
	size_t cap;

	(void)state;
	s = sd_buf_take(&b);
	assert_string_equal(s, "");
	free(s);

	sd_buf_adds(&b, "hello");
	cap = b.cap;
	sd_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, cap);
	assert_string_equal(b.data, "");
	sd_buf_adds(&b, "bye");
	s = sd_buf_take(&b);
	assert_string_equal(s, "bye");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	free(s);
	/* The buffer is usable again after take. */
	sd_buf_adds(&b, "again");
	assert_string_equal(b.data, "again");
	sd_buf_free(&b);
}

static void
test_xstrdup(void **state)
{
	char *s;

	(void)state;
	assert_null(sd_xstrdup(NULL));
	assert_null(sd_xstrndup(NULL, 3));
	s = sd_xstrdup("Café");
	assert_string_equal(s, "Café");
	free(s);
	s = sd_xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
	s = sd_xstrndup("ab", 10);
	assert_string_equal(s, "ab");
	free(s);
	s = sd_xmalloc(0);
	assert_non_null(s);
	free(s);
	s = sd_xcalloc(4, 4);
	assert_memory_equal(s, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
	s = sd_xrealloc(s, 32);
	assert_non_null(s);
	free(s);
}

static void
test_out_of_memory_exits(void **state)
{
	int fds[2], status;
	char msg[1024];
	size_t len;
	ssize_t n;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	/* The child exits through exit(): it must not print our output twice. */
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 2);
		(void)sd_xmalloc(SIZE_MAX - 16);
		_exit(99);
	}
	close(fds[1]);
	/* Read to the end: a closed pipe would kill the child with SIGPIPE. */
	len = 0;
	while ((n = read(fds[0], msg + len, sizeof msg - 1 - len)) > 0)
		len += (size_t)n;
	close(fds[0]);
	msg[len] = '\0';
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status))
		fail_msg("status %#x, stderr \"%s\"", status, msg);
	assert_int_equal(WEXITSTATUS(status), 1);
	assert_non_null(strstr(msg, "sedesk: out of memory"));
}

/*
 * A single line: every byte value alone and after ASCII text, against the
 * rule (printable ASCII and valid UTF-8 pass; controls, DEL, C1 controls,
 * line breaks, tabs and bad bytes do not) -- the ASCII fast path must not
 * let a byte through that the decoder would stop.
 */
static void
test_single_line_bytes(void **state)
{
	(void)state;
	for (int b = 1; b < 256; b++) {
		char one[2] = { (char)b, 0 }, after[8] = "ab c";
		bool want = b >= 0x20 && b < 0x7f;

		after[4] = (char)b;
		if ((sd_single_line_check("f", one, NULL) == SD_OK) != want)
			fail_msg("byte 0x%02x alone: %s", b, want ? "refused" : "passed");
		if ((sd_single_line_check("f", after, NULL) == SD_OK) != want)
			fail_msg("byte 0x%02x after ASCII: %s", b, want ? "refused" : "passed");
		if (sd_utf8_valid(after, 5) != (b < 0x80))
			fail_msg("byte 0x%02x after ASCII: utf8_valid wrong", b);
	}
	assert_int_equal(sd_single_line_check("f", "Caf\xc3\xa9 \xe2\x82\xac 1", NULL), SD_OK);
	assert_int_equal(sd_single_line_check("f", "a\xc2\x85" "b", NULL), SD_INVALID);	/* NEL */
	assert_int_equal(sd_single_line_check("f", "a\xe2\x80\xa8" "b", NULL), SD_INVALID);	/* LS */
	assert_int_equal(sd_single_line_check("f", "a\xc2\x9f" "b", NULL), SD_INVALID);	/* C1 */
}

static void
test_utf8_valid(void **state)
{
	(void)state;
	assert_true(sd_utf8_valid("", 0));
	assert_true(sd_utf8_valid("Café", strlen("Café")));
	assert_true(sd_utf8_valid("\xf0\x9f\x98\x80", 4));	/* U+1F600 */
	assert_true(sd_utf8_valid("a\0b", 3));
	assert_false(sd_utf8_valid("\xff", 1));
	assert_false(sd_utf8_valid("\x80", 1));		/* stray continuation */
	assert_false(sd_utf8_valid("\xc3", 1));		/* truncated */
	assert_false(sd_utf8_valid("Caf\xc3", 4));
	assert_false(sd_utf8_valid("\xc0\xaf", 2));		/* overlong '/' */
	assert_false(sd_utf8_valid("\xe0\x80\xaf", 3));	/* overlong '/' */
	assert_false(sd_utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	assert_false(sd_utf8_valid("\xf4\x90\x80\x80", 4));	/* > U+10FFFF */
	assert_false(sd_utf8_valid("Caf\xe9", 4));		/* Latin-1 é */
	/* Only the n bytes given are looked at. */
	assert_true(sd_utf8_valid("ab\xff", 2));
}

static void
test_fold(void **state)
{
	(void)state;
	check_fold("Café", "cafe");
	check_fold("CAFE", "cafe");
	check_fold("CAFÉ", "cafe");
	check_fold("Coöperatie", "cooperatie");
	check_fold("Brouwerij 't Hoekske", "brouwerij 't hoekske");
	check_fold("Straße", "strasse");
	check_fold("\xef\xac\x81" "ets", "fiets");	/* U+FB01 ligature */
	check_fold("Ca\xc2\xad" "fe", "cafe");		/* soft hyphen */
	check_fold("Ça va, Œuvre", "ca va, œuvre");
	check_fold("", "");
	check_fold(NULL, "");
}

static void
test_fold_invalid_utf8(void **state)
{
	(void)state;
	/* Bad bytes are dropped; the rest still folds. */
	check_fold("Ca\xff" "f\xc3\xa9", "cafe");
	check_fold("Caf\xe9", "caf");
	check_fold("\xff\xfe", "");
	check_fold("\xc0\xaf" "A", "a");
}

static void
test_visible(void **state)
{
	(void)state;
	check_visible("Café", false, "Café");
	check_visible("a\x1b[31mb", false, "a^[[31mb");
	check_visible("\x01\x1f", false, "^A^_");
	check_visible("x\x7fy", false, "x^?y");
	check_visible("\xc2\x85", false, "<U+0085>");
	check_visible("\xc2\x9b" "2J", false, "<U+009B>2J");
	check_visible("\xc2\xa0", false, "\xc2\xa0");	/* NBSP is printable */
	check_visible("bad\xff\xc3", false, "bad<FF><C3>");
	check_visible("\xc0\xaf", false, "<C0><AF>");
	check_visible("a\nb\tc", false, "a^Jb^Ic");
	check_visible("a\nb\tc", true, "a\nb\tc");
	check_visible("a\r\nb", true, "a^M\nb");
	check_visible("", true, "");
	check_visible(NULL, true, "");
}

/* Format characters (Cf) and the line/paragraph separators are shown inert. */
static void
test_visible_format(void **state)
{
	(void)state;
	/* Bidi: embeddings, overrides, isolates, marks. */
	check_visible("a\u202eb\u202cc", false, "a<U+202E>b<U+202C>c");
	check_visible("\u202a\u202b\u202d", false, "<U+202A><U+202B><U+202D>");
	check_visible("\u2066\u2067\u2068\u2069", false, "<U+2066><U+2067><U+2068><U+2069>");
	check_visible("\u200e\u200f\u061c", false, "<U+200E><U+200F><U+061C>");
	/* Zero-width and other invisible format characters. */
	check_visible("a\u200bb", false, "a<U+200B>b");
	check_visible("\u2060\u2061\u2062\u2063\u2064", false,
	    "<U+2060><U+2061><U+2062><U+2063><U+2064>");
	check_visible("\ufeffx", false, "<U+FEFF>x");
	check_visible("soft\u00adhyphen", false, "soft<U+00AD>hyphen");
	check_visible("tag\U000E0041", false, "tag<U+E0041>");
	/* Line and paragraph separators break lines in some programs. */
	check_visible("a\u2028b\u2029c", true, "a<U+2028>b<U+2029>c");
	/* The same with newlines kept: a newline stays, a format character does not. */
	check_visible("x\n\u202ey", true, "x\n<U+202E>y");
	/* Joiners: kept between characters of scripts that need them. */
	check_visible("\U0001F469\u200d\u2695\ufe0f", false,
	    "\U0001F469\u200d\u2695\ufe0f");			/* emoji sequence */
	check_visible("\U0001F3F3\ufe0f\u200d\U0001F308", false,
	    "\U0001F3F3\ufe0f\u200d\U0001F308");		/* after a variation selector */
	check_visible("\u0645\u06cc\u200c\u062e", false,
	    "\u0645\u06cc\u200c\u062e");			/* Persian ZWNJ */
	check_visible("\u0915\u094d\u200d\u0937", false,
	    "\u0915\u094d\u200d\u0937");			/* Devanagari, after a virama */
	/* … and shown elsewhere: Latin, Vietnamese, the ends, next to a space. */
	check_visible("a\u200db", false, "a<U+200D>b");
	check_visible("\u00e9\u200c\u00e9", false, "\u00e9<U+200C>\u00e9");
	check_visible("\u1ebf\u200d\u1ebf", false, "\u1ebf<U+200D>\u1ebf");
	check_visible("\u200d\u0645", false, "<U+200D>\u0645");
	check_visible("\u0645\u200d", false, "\u0645<U+200D>");
	check_visible("\u0645\u200d \u0645", false, "\u0645<U+200D> \u0645");
	check_visible("\u0645\u200d\u200d\u0645", false, "\u0645<U+200D><U+200D>\u0645");
	/* Printable characters that are not format characters stay. */
	check_visible("\u0301e\u0301 \u05d0 \u0627 \u4e2d \u00a0", false,
	    "\u0301e\u0301 \u05d0 \u0627 \u4e2d \u00a0");
}

/* check_line(value, want_ok, want_in_message) */
static void
check_line(const char *value, bool want_ok, const char *want)
{
	struct sd_error err;

	sd_error_clear(&err);
	if (want_ok) {
		assert_int_equal(sd_single_line_check("the city", value, &err), SD_OK);
		assert_string_equal(err.msg, "");
		return;
	}
	assert_int_equal(sd_single_line_check("the city", value, &err), SD_INVALID);
	assert_int_equal(err.code, SD_INVALID);
	assert_non_null(strstr(err.msg, "the city"));
	assert_non_null(strstr(err.msg, want));
}

static void
test_single_line_check(void **state)
{
	(void)state;
	check_line(NULL, true, NULL);
	check_line("", true, NULL);
	check_line("Gent", true, NULL);
	check_line("Liège  Sint-Pieters", true, NULL);
	/* Format characters are allowed (shown inert): RTL names need some. */
	check_line("\u0645\u06cc\u200c\u062e \u202e", true, NULL);
	check_line("\xc2\xa0nbsp", true, NULL);
	/* Every kind of line break. */
	check_line("Gent\n  2026-03-02 forged", false, "single line: remove the line break");
	check_line("\nGent", false, "remove the line break");
	check_line("Gent\n", false, "remove the line break");
	check_line("a\rb", false, "remove the line break");
	check_line("a\vb", false, "remove the line break");
	check_line("a\fb", false, "remove the line break");
	check_line("a\xc2\x85" "b", false, "remove the line break");
	check_line("a\u2028b", false, "remove the line break");
	check_line("a\u2029b", false, "remove the line break");
	check_line("a\tb", false, "must not hold a tab: replace it with a space");
	/* Other controls, named visibly. */
	check_line("a\x1b[31mb", false, "the control character ^[");
	check_line("a\x01", false, "the control character ^A");
	check_line("a\x7f", false, "the control character ^?");
	check_line("a\xc2\x9b" "2J", false, "the control character <U+009B>");
	check_line("bad\xff", false, "not valid UTF-8");
	/* err may be NULL. */
	assert_int_equal(sd_single_line_check("x", "a\nb", NULL), SD_INVALID);
}

static void
test_trim(void **state)
{
	char a[] = "  a b \t\r\n";
	char b[] = "   ";
	char c[] = "";
	char d[] = "x";
	char e[] = "\xc2\xa0x\xc2\xa0";

	(void)state;
	assert_string_equal(sd_trim(a), "a b");
	assert_ptr_equal(sd_trim(a), a);
	assert_string_equal(sd_trim(b), "");
	assert_string_equal(sd_trim(c), "");
	assert_string_equal(sd_trim(d), "x");
	/* Only ASCII white space: a no-break space stays. */
	assert_string_equal(sd_trim(e), "\xc2\xa0x\xc2\xa0");
	assert_null(sd_trim(NULL));
}

static void
test_first_line(void **state)
{
	char *s;

	(void)state;
	s = sd_first_line("Subject\nbody\nmore");
	assert_string_equal(s, "Subject");
	free(s);
	s = sd_first_line("only");
	assert_string_equal(s, "only");
	free(s);
	s = sd_first_line("crlf\r\nnext");
	assert_string_equal(s, "crlf");
	free(s);
	s = sd_first_line("\nsecond");
	assert_string_equal(s, "");
	free(s);
	s = sd_first_line("");
	assert_string_equal(s, "");
	free(s);
}

static void
test_list_normalise(void **state)
{
	(void)state;
	check_list("a, b,,A", "a,b");
	check_list(" Café ,cafe, koffie ,CAFÉ", "Café,koffie");
	check_list("b,a,B", "b,a");
	check_list("  catering  ,  schoonmaak", "catering,schoonmaak");
	check_list("groen onderhoud,Groen Onderhoud", "groen onderhoud");
	check_list("", "");
	check_list(",, ,", "");
	check_list("single", "single");
	check_list(NULL, "");
}

static void
test_list_contains(void **state)
{
	(void)state;
	assert_true(sd_list_contains("a,Café,b", "cafe"));
	assert_true(sd_list_contains("a, Café ,b", " CAFÉ "));
	assert_true(sd_list_contains("x", "X"));
	assert_true(sd_list_contains("a,,b", "b"));
	assert_false(sd_list_contains("a,Café,b", "caf"));
	assert_false(sd_list_contains("a,Café,b", "c"));
	assert_false(sd_list_contains("a,,b", ""));
	assert_false(sd_list_contains("", ""));
	assert_false(sd_list_contains("", "a"));
	assert_false(sd_list_contains(NULL, "a"));
	assert_false(sd_list_contains("a", NULL));
}

/* find TEXT NEEDLE: the matched bytes of text, "" when none. */
static char *
found(const char *text, size_t from, const char *needle)
{
	char *f = sd_fold(needle), *out;
	size_t a, b;

	if (sd_fold_find(text, from, f, &a, &b))
		out = sd_xstrndup(text + a, b - a);
	else
		out = sd_xstrdup("");
	free(f);
	return out;
}

static void
is_found(const char *text, size_t from, const char *needle, const char *want)
{
	char *got = found(text, from, needle);

	if (strcmp(got, want) != 0)
		fail_msg("\"%s\" in \"%s\": \"%s\", want \"%s\"", needle, text, got, want);
	free(got);
}

/* Matching as sd_fold compares, cut out of the text as the reader sees it. */
static void
test_fold_find(void **state)
{
	(void)state;
	/* Case and accents either way, whole characters of the original. */
	is_found("Nota van HÉLÈNE Dubois, 3 maart", 0, "helene dubois", "HÉLÈNE Dubois");
	is_found("Nota van Helene Dubois", 0, "Hélène", "Helene");
	is_found("Coöperatie De Zon", 0, "cooperatie", "Coöperatie");
	/* A decomposed accent (e + U+0301) goes with its letter. */
	is_found("Rene\xcc\x81 Claes belde", 0, "rené", "Rene\xcc\x81");
	/* Compatibility forms: the ligature ﬁ (U+FB01) is "fi". */
	is_found("de \xef\xac\x81rma Zon", 0, "firma", "\xef\xac\x81rma");
	/* From an offset on; nothing before it counts. */
	is_found("Jan en Jan", 1, "jan", "Jan");
	{
		size_t a, b;
		char *f = sd_fold("jan");
		assert_true(sd_fold_find("Jan en Jan", 1, f, &a, &b));
		assert_int_equal(a, 7);
		assert_int_equal(b, 10);
		free(f);
	}
	/* None, and the edges of the input. */
	is_found("Nota van Hélène", 0, "dubois", "");
	is_found("", 0, "x", "");
	is_found("abc", 0, "", "");
	/* A bad byte is skipped, as sd_fold drops it. */
	is_found("Ann\xff Peeters", 0, "ann peeters", "Ann\xff Peeters");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_add),
		cmocka_unit_test(test_buf_addf_grows),
		cmocka_unit_test(test_buf_reset_take),
		cmocka_unit_test(test_xstrdup),
		cmocka_unit_test(test_out_of_memory_exits),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_single_line_bytes),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_fold_invalid_utf8),
		cmocka_unit_test(test_fold_find),
		cmocka_unit_test(test_visible),
		cmocka_unit_test(test_visible_format),
		cmocka_unit_test(test_single_line_check),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_first_line),
		cmocka_unit_test(test_list_normalise),
		cmocka_unit_test(test_list_contains),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
