/*
 * The parser child's description checked and read (mailgate.h,
 * sd_mail_decode): the child is trusted no more than the message, so every
 * string must be inert and within its limit, every attachment base64 of
 * its stated size, or the whole description is refused.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "sedesk/i18n.h"
#include "sedesk/mailgate.h"
#include "sedesk/text.h"

/* Bytes of a case's description and a note (the field tables' limit), of a header. */
#define MAIL_TEXT_MAX	20000
#define MAIL_FIELD_MAX	998

static void
free_att(struct sd_mail_attachment *a)
{
	free(a->name);
	free(a->type);
	free(a->data);
	free(a->refused);
}

void
sd_mail_free(struct sd_mail *m)
{
	free(m->from_addr);
	free(m->from_name);
	free(m->subject);
	free(m->message_id);
	free(m->in_reply_to);
	for (size_t i = 0; i < m->nrefs; i++)
		free(m->refs[i]);
	free(m->refs);
	free(m->auto_submitted);
	free(m->precedence);
	free(m->text);
	free(m->text_source);
	for (size_t i = 0; i < m->natt; i++)
		free_att(&m->att[i]);
	free(m->att);
	free(m->error);
	memset(m, 0, sizeof *m);
}

/* Valid UTF-8 without a control character (multiline: but \n and \t). */
static bool
inert(const char *s, bool multiline)
{
	if (!sd_utf8_valid(s, strlen(s)))
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 && !(multiline && (*p == '\n' || *p == '\t')))
			return false;
		if (*p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0))
			return false;
	}
	return true;
}

/* A string member: absent is fine (NULL); anything but an inert string within max is not. */
static bool
take_str(json_t *o, const char *key, size_t max, bool multiline, char **out)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL)
		return true;
	if (!json_is_string(v) || json_string_length(v) > max ||
	    strlen(json_string_value(v)) != json_string_length(v) ||
	    !inert(json_string_value(v), multiline))
		return false;
	*out = sd_xstrdup(json_string_value(v));
	return true;
}

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Strict base64 (padded, no white space) into *out; false when malformed. */
static bool
b64_decode(const char *s, size_t n, unsigned char **out, size_t *len)
{
	unsigned char *d;
	size_t o = 0;

	if (n % 4 != 0)
		return false;
	d = sd_xmalloc(n / 4 * 3 + 1);
	for (size_t i = 0; i < n; i += 4) {
		int a = b64val(s[i]), b = b64val(s[i + 1]), c = b64val(s[i + 2]),
		    e = b64val(s[i + 3]);
		bool last = i + 4 == n;
		if (a < 0 || b < 0 || (c < 0 && !(last && s[i + 2] == '=' && s[i + 3] == '=')) ||
		    (e < 0 && !(last && s[i + 3] == '='))) {
			free(d);
			return false;
		}
		d[o++] = (unsigned char)(a << 2 | b >> 4);
		if (c >= 0)
			d[o++] = (unsigned char)((b & 0xf) << 4 | c >> 2);
		if (c >= 0 && e >= 0)
			d[o++] = (unsigned char)((c & 3) << 6 | e);
	}
	*out = d;
	*len = o;
	return true;
}

static bool
take_count(json_t *o, const char *key, long long *out)
{
	json_t *v = json_object_get(o, key);

	*out = 0;
	if (v == NULL)
		return true;
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return false;
	*out = json_integer_value(v);
	return true;
}

static bool
decode_atts(json_t *arr, size_t attachment_max, struct sd_mail *m)
{
	json_t *a;
	size_t i;

	if (arr == NULL)
		return true;
	if (!json_is_array(arr) || json_array_size(arr) > 100)
		return false;
	m->att = sd_xcalloc(json_array_size(arr) + 1, sizeof *m->att);
	json_array_foreach(arr, i, a) {
		struct sd_mail_attachment *x = &m->att[m->natt++];
		json_t *size = json_object_get(a, "size"), *data = json_object_get(a, "data");
		size_t got;

		if (!json_is_object(a) || !take_str(a, "name", 255, false, &x->name) ||
		    !take_str(a, "type", 127, false, &x->type) ||
		    !take_str(a, "refused", 40, false, &x->refused) || x->name == NULL ||
		    x->name[0] == '\0' || strchr(x->name, '/') != NULL || x->type == NULL ||
		    !json_is_integer(size) || json_integer_value(size) < 0)
			return false;
		x->size = (size_t)json_integer_value(size);
		if (data == NULL) {
			if (x->refused == NULL)
				return false;
			continue;
		}
		/* Content the parser should have refused is refused here. */
		if (!json_is_string(data) || x->size > attachment_max ||
		    !b64_decode(json_string_value(data), json_string_length(data), &x->data,
		    &got) || got != x->size)
			return false;
	}
	return true;
}

sd_status
sd_mail_decode(const char *text, size_t len, size_t attachment_max, struct sd_mail *m,
    struct sd_error *err)
{
	json_t *o, *from, *refs, *dropped, *v;
	json_error_t je;
	bool ok;
	size_t i;

	memset(m, 0, sizeof *m);
	o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		return sd_fail(err, SD_INVALID, _("the mail parser's description cannot be "
		    "read; nothing was stored."));
	}
	from = json_object_get(o, "from");
	dropped = json_object_get(o, "dropped");
	ok = (from == NULL || (json_is_object(from) &&
	    take_str(from, "address", MAIL_FIELD_MAX, false, &m->from_addr) &&
	    take_str(from, "name", MAIL_FIELD_MAX, false, &m->from_name))) &&
	    take_str(o, "subject", MAIL_FIELD_MAX, false, &m->subject) &&
	    take_str(o, "message_id", MAIL_FIELD_MAX, false, &m->message_id) &&
	    take_str(o, "in_reply_to", MAIL_FIELD_MAX, false, &m->in_reply_to) &&
	    take_str(o, "auto_submitted", MAIL_FIELD_MAX, false, &m->auto_submitted) &&
	    take_str(o, "precedence", MAIL_FIELD_MAX, false, &m->precedence) &&
	    take_str(o, "text", MAIL_TEXT_MAX, true, &m->text) &&
	    take_str(o, "text_source", 10, false, &m->text_source) &&
	    take_str(o, "error", 40, false, &m->error) &&
	    decode_atts(json_object_get(o, "attachments"), attachment_max, m);
	if (ok && m->from_addr != NULL && (strchr(m->from_addr, '@') == NULL ||
	    strchr(m->from_addr, ' ') != NULL))
		ok = false;
	if (ok && (v = json_object_get(o, "autoreply")) != NULL) {
		if (!json_is_boolean(v))
			ok = false;
		m->autoreply = json_is_true(v);
	}
	if (ok && (refs = json_object_get(o, "references")) != NULL) {
		json_t *r;
		if (!json_is_array(refs) || json_array_size(refs) > 50)
			ok = false;
		m->refs = sd_xcalloc(json_array_size(refs) + 1, sizeof *m->refs);
		json_array_foreach(refs, i, r) {
			if (!ok || !json_is_string(r) || json_string_length(r) > MAIL_FIELD_MAX ||
			    !inert(json_string_value(r), false)) {
				ok = false;
				break;
			}
			m->refs[m->nrefs++] = sd_xstrdup(json_string_value(r));
		}
	}
	if (ok && dropped != NULL)
		ok = json_is_object(dropped) && take_count(dropped, "parts", &m->dropped_parts) &&
		    take_count(dropped, "attachments", &m->dropped_atts) &&
		    take_count(dropped, "text_bytes", &m->dropped_text) &&
		    take_count(dropped, "headers", &m->dropped_headers);
	json_decref(o);
	if (!ok) {
		sd_mail_free(m);
		return sd_fail(err, SD_INVALID, _("the mail parser's description is not what "
		    "sedesk expects; nothing was stored."));
	}
	return SD_OK;
}

