/*
 * The mail parser of sedesk-mailparse (src/mailparse/mailparse.h): any
 * bytes as a raw message, with small limits so that the limits themselves
 * are reached.  Besides crashes, leaks and undefined behaviour, a finding
 * is a description that is not inert: a string that is not valid UTF-8 or
 * holds a control character (text: other than newline and tab), a text or
 * attachment over its limit, more attachments than allowed.
 *
 * Standalone: it links the parser and GMime, not sedesk's core.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

#include "mailparse.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what, const char *s)
{
	fprintf(stderr, "fuzz_mail: %s: \"%.200s\"\n", what, s != NULL ? s : "(null)");
	abort();
}

/* Valid UTF-8 without C0 (text: but \n, \t), DEL, C1 controls or ESC. */
static void
check_inert(const char *s, bool multiline)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!g_utf8_validate(s, -1, NULL))
		fail("not UTF-8", s);
	for (; *p != '\0'; p++) {
		if (*p < 0x20 && !(multiline && (*p == '\n' || *p == '\t')))
			fail("control character", s);
		if (*p == 0x7f)
			fail("DEL", s);
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0)
			fail("C1 control", s);
	}
}

static void
check_strings(json_t *v, const char *key)
{
	const char *k;
	json_t *x;
	size_t i;

	switch (json_typeof(v)) {
	case JSON_STRING:
		/* Attachment data is base64: checked as any other string. */
		check_inert(json_string_value(v), key != NULL && strcmp(key, "text") == 0);
		break;
	case JSON_OBJECT:
		json_object_foreach(v, k, x)
			check_strings(x, k);
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, x)
			check_strings(x, key);
		break;
	default:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool init;
	struct mp_limits lim;
	json_t *d, *atts, *a, *text;
	size_t i;

	if (!init) {
		g_mime_init();
		init = true;
	}
	mp_limits_default(&lim);
	lim.message_max = 3000;
	lim.attachment_max = 200;
	lim.attachments_max = 300;
	lim.text_max = 500;
	lim.parts_max = 12;
	lim.depth_max = 3;
	lim.nattach_max = 3;
	d = mp_parse((const char *)data, size, &lim);
	if (d == NULL)
		fail("no description", NULL);
	check_strings(d, NULL);
	if ((text = json_object_get(d, "text")) != NULL && json_string_length(text) > lim.text_max)
		fail("text over its limit", json_string_value(text));
	atts = json_object_get(d, "attachments");
	if (!json_is_array(atts) || json_array_size(atts) > lim.nattach_max)
		fail("attachments", NULL);
	json_array_foreach(atts, i, a) {
		json_t *b64 = json_object_get(a, "data");
		if (b64 != NULL && json_string_length(b64) > (lim.attachment_max + 2) / 3 * 4)
			fail("attachment over its limit", json_string_value(
			    json_object_get(a, "name")));
		if (strchr(json_string_value(json_object_get(a, "name")), '/') != NULL)
			fail("a path in a file name", json_string_value(
			    json_object_get(a, "name")));
	}
	json_decref(d);
	return 0;
}
