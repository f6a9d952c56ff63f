/*
 * The message's description (mailparse.h), with GMime.  Everything taken
 * from the message passes mp_clean on its way out and is bounded by the
 * limits: the parser of hostile mail runs in a child without the group,
 * but what it prints is what sedesk stores.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

#include "mailparse.h"

struct walk {
	const struct mp_limits *lim;
	json_t	*atts;
	size_t	 parts, nattach, attbytes;
	size_t	 drop_parts, drop_atts, drop_text, drop_headers;
	char	*plain, *html;	/* the first text of each kind, UTF-8 */
	size_t	 plainlen, htmllen;
	bool	 complex;
};

void
mp_limits_default(struct mp_limits *lim)
{
	lim->message_max = MP_MESSAGE_MAX;
	lim->attachment_max = MP_ATTACHMENT_MAX;
	lim->attachments_max = 2 * (size_t)MP_ATTACHMENT_MAX;
	lim->text_max = MP_TEXT_MAX;
	lim->parts_max = MP_PARTS_MAX;
	lim->depth_max = MP_DEPTH_MAX;
	lim->nattach_max = MP_NATTACH_MAX;
}

/* A one-line field of the description, when the message has it. */
static void
set_line(json_t *o, const char *key, const char *v, struct walk *w)
{
	char *c;

	if (v == NULL)
		return;
	c = mp_clean(v, strlen(v), false, MP_FIELD_MAX, &w->drop_headers);
	if (c[0] != '\0')
		json_object_set_new(o, key, json_string(c));
	free(c);
}

/* A message id without its angle brackets and white space. */
static void
set_id(json_t *o, const char *key, const char *v, struct walk *w)
{
	char *c, *p, *e;

	if (v == NULL)
		return;
	c = mp_clean(v, strlen(v), false, MP_FIELD_MAX, &w->drop_headers);
	p = c;
	while (*p == ' ' || *p == '<')
		p++;
	if ((e = strchr(p, '>')) != NULL)
		*e = '\0';
	for (e = p + strlen(p); e > p && e[-1] == ' '; )
		*--e = '\0';
	if (*p != '\0' && strchr(p, ' ') == NULL)
		json_object_set_new(o, key, json_string(p));
	free(c);
}

static const char *
header(GMimeObject *o, const char *name)
{
	return g_mime_object_get_header(o, name);
}

/* A part's decoded content (transfer encoding undone), at most max bytes + 1; *full: its size. */
static GByteArray *
part_content(GMimePart *part, size_t max, size_t *full)
{
	GMimeDataWrapper *dw = g_mime_part_get_content(part);
	GMimeStream *mem;
	GByteArray *ba;

	if (dw == NULL)
		return NULL;
	ba = g_byte_array_new();
	mem = g_mime_stream_mem_new_with_byte_array(ba);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
	/*
	 * The raw message is bounded, and decoding never makes content
	 * larger than its encoded form, so this is bounded too; the cut
	 * below is what counts.
	 */
	g_mime_data_wrapper_write_to_stream(dw, mem);
	g_object_unref(mem);
	*full = ba->len;
	if (ba->len > max + 1)
		g_byte_array_set_size(ba, (guint)(max + 1));
	return ba;
}

/*
 * A text part as UTF-8: its charset converted by GMime; a part that names
 * none (or only us-ascii) but is not UTF-8 is read as Windows-1252, the
 * usual undeclared 8-bit text (invalid bytes left are mended by mp_clean).
 */
static char *
text_of(GMimePart *part, size_t max, size_t *len)
{
	const char *cs = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
	char *t, *out;
	size_t full;

	if (cs == NULL || g_ascii_strcasecmp(cs, "us-ascii") == 0) {
		GByteArray *ba = part_content(part, max, &full);
		if (ba == NULL) {
			*len = 0;
			return NULL;
		}
		if (g_utf8_validate((const char *)ba->data, ba->len, NULL) ||
		    (t = g_convert((const char *)ba->data, ba->len, "UTF-8", "WINDOWS-1252",
		    NULL, NULL, NULL)) == NULL) {
			g_byte_array_append(ba, (const guint8 *)"", 1);
			t = g_strdup((const char *)ba->data);
		}
		g_byte_array_free(ba, TRUE);
	} else if ((t = g_mime_text_part_get_text(GMIME_TEXT_PART(part))) == NULL) {
		*len = 0;
		return NULL;
	}
	*len = strlen(t);
	out = malloc(*len + 1);
	if (out == NULL)
		abort();
	memcpy(out, t, *len + 1);
	g_free(t);
	return out;
}

static bool
is_attachment(GMimePart *part)
{
	const char *disp = g_mime_object_get_disposition(GMIME_OBJECT(part));

	if (disp != NULL && g_ascii_strcasecmp(disp, "attachment") == 0)
		return true;
	return g_mime_part_get_filename(part) != NULL;
}

static void
add_attachment(struct walk *w, const char *name, const char *type, const guint8 *data,
    size_t size, bool cut)
{
	json_t *a;
	char *n, *t, *b64;

	if (w->nattach >= w->lim->nattach_max) {
		w->drop_atts++;
		return;
	}
	w->nattach++;
	n = mp_clean_filename(name);
	t = mp_clean(type, strlen(type), false, 127, NULL);
	a = json_pack("{s:s, s:s, s:I}", "name", n, "type", t, "size", (json_int_t)size);
	if (cut || size > w->lim->attachment_max) {
		json_object_set_new(a, "refused", json_string("too-large"));
	} else if (w->attbytes + size > w->lim->attachments_max) {
		json_object_set_new(a, "refused", json_string("total-too-large"));
	} else {
		b64 = g_base64_encode(data, size);
		json_object_set_new(a, "data", json_string(b64));
		g_free(b64);
		w->attbytes += size;
	}
	json_array_append_new(w->atts, a);
	free(n);
	free(t);
}

static void walk_object(struct walk *w, GMimeObject *o, size_t depth);

static void
walk_part(struct walk *w, GMimePart *part)
{
	GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
	char *type = ct != NULL ? g_mime_content_type_get_mime_type(ct) : NULL;
	bool text = GMIME_IS_TEXT_PART(part);
	GByteArray *ba;
	size_t full = 0;

	if (text && !is_attachment(part) && ct != NULL &&
	    g_mime_content_type_is_type(ct, "text", "plain") && w->plain == NULL) {
		w->plain = text_of(part, w->lim->message_max, &w->plainlen);
	} else if (text && !is_attachment(part) && ct != NULL &&
	    g_mime_content_type_is_type(ct, "text", "html") && w->html == NULL) {
		w->html = text_of(part, w->lim->message_max, &w->htmllen);
	} else if (is_attachment(part) || !text) {
		ba = part_content(part, w->lim->attachment_max, &full);
		if (ba != NULL) {
			const char *fn = g_mime_part_get_filename(part);
			add_attachment(w, fn != NULL ? fn : "attachment",
			    type != NULL ? type : "application/octet-stream", ba->data,
			    full, full > w->lim->attachment_max);
			g_byte_array_free(ba, TRUE);
		}
	} else {
		/* A second text part of the same kind (an alternative's twin). */
		w->drop_parts++;
	}
	g_free(type);
}

static void
walk_object(struct walk *w, GMimeObject *o, size_t depth)
{
	if (o == NULL)
		return;
	if (++w->parts > w->lim->parts_max || depth > w->lim->depth_max) {
		w->drop_parts++;
		return;
	}
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);
		int n = g_mime_multipart_get_count(mp);
		for (int i = 0; i < n; i++)
			walk_object(w, g_mime_multipart_get_part(mp, i), depth + 1);
	} else if (GMIME_IS_MESSAGE_PART(o)) {
		/* A forwarded message: kept whole, as a file the reader opens. */
		GMimeMessage *m = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
		GByteArray *ba = g_byte_array_new();
		GMimeStream *mem = g_mime_stream_mem_new_with_byte_array(ba);
		g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
		if (m != NULL)
			g_mime_object_write_to_stream(GMIME_OBJECT(m), NULL, mem);
		g_object_unref(mem);
		add_attachment(w, "message.eml", "message/rfc822", ba->data, ba->len, false);
		g_byte_array_free(ba, TRUE);
	} else if (GMIME_IS_PART(o)) {
		walk_part(w, GMIME_PART(o));
	} else {
		w->drop_parts++;
	}
}

/* Case-insensitive count of needle in s, to refuse a tree before GMime builds it. */
static size_t
count_ci(const char *s, size_t n, const char *needle, size_t stop)
{
	size_t k = strlen(needle), c = 0;

	for (size_t i = 0; i + k <= n && c <= stop; i++)
		if (g_ascii_strncasecmp(s + i, needle, k) == 0)
			c++;
	return c;
}

/* Where the header ends (the blank line), or n. */
static size_t
header_end(const char *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (s[i] == '\n' && s[i + 1] == '\n')
			return i + 1;
		if (s[i] == '\n' && s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n')
			return i + 1;
	}
	return n;
}

static void
describe_headers(json_t *out, GMimeMessage *msg, struct walk *w)
{
	InternetAddressList *from = g_mime_message_get_from(msg);
	GMimeObject *o = GMIME_OBJECT(msg);
	const char *v;

	if (from != NULL && internet_address_list_length(from) > 0) {
		InternetAddress *a = internet_address_list_get_address(from, 0);
		if (INTERNET_ADDRESS_IS_MAILBOX(a)) {
			json_t *f = json_object();
			char *addr = g_ascii_strdown(internet_address_mailbox_get_addr(
			    INTERNET_ADDRESS_MAILBOX(a)), -1);
			set_line(f, "address", addr, w);
			set_line(f, "name", internet_address_get_name(a), w);
			g_free(addr);
			if (json_object_get(f, "address") != NULL &&
			    strchr(json_string_value(json_object_get(f, "address")), ' ') == NULL)
				json_object_set_new(out, "from", f);
			else
				json_decref(f);
		}
		if (internet_address_list_length(from) > 1)
			w->drop_headers++;
	}
	set_line(out, "subject", g_mime_message_get_subject(msg), w);
	set_id(out, "message_id", header(o, "Message-ID"), w);
	set_id(out, "in_reply_to", header(o, "In-Reply-To"), w);
	if ((v = header(o, "References")) != NULL) {
		GMimeReferences *r = g_mime_references_parse(NULL, v);
		json_t *refs = json_array();
		int n = r != NULL ? g_mime_references_length(r) : 0;
		for (int i = 0; i < n; i++) {
			if (json_array_size(refs) >= 50) {
				w->drop_headers++;
				break;
			}
			json_t *tmp = json_object();
			set_id(tmp, "id", g_mime_references_get_message_id(r, i), w);
			if (json_object_get(tmp, "id") != NULL)
				json_array_append(refs, json_object_get(tmp, "id"));
			json_decref(tmp);
		}
		if (r != NULL)
			g_mime_references_free(r);
		json_object_set_new(out, "references", refs);
	}
	if ((v = header(o, "Auto-Submitted")) != NULL) {
		char *l = g_ascii_strdown(v, -1);
		set_line(out, "auto_submitted", l, w);
		g_free(l);
	}
	if ((v = header(o, "Precedence")) != NULL) {
		char *l = g_ascii_strdown(v, -1);
		set_line(out, "precedence", l, w);
		g_free(l);
	}
	json_object_set_new(out, "autoreply", json_boolean(header(o, "X-Autoreply") != NULL ||
	    header(o, "X-Autorespond") != NULL || header(o, "X-Autoresponder") != NULL));
}

static GMimeMessage *
construct(const char *data, size_t len)
{
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(data, len);
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	GMimeMessage *msg;

	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	g_object_unref(stream);
	return msg;
}

json_t *
mp_parse(const char *data, size_t len, const struct mp_limits *lim)
{
	struct walk w = { .lim = lim };
	json_t *out = json_object();
	GMimeMessage *msg;
	size_t hend;
	char *text = NULL;
	const char *source = "none";

	w.atts = json_array();
	if (len > lim->message_max) {
		json_object_set_new(out, "error", json_string("too-large"));
		goto done;
	}
	/*
	 * GMime builds the whole tree, recursively, before we walk it: a
	 * message with more boundaries than we would walk parts is read for
	 * its header only, so neither its size nor its depth reaches GMime.
	 */
	hend = header_end(data, len);
	if (count_ci(data + hend, len - hend, "boundary", lim->parts_max) > lim->parts_max) {
		w.complex = true;
		json_object_set_new(out, "error", json_string("too-complex"));
		msg = construct(data, hend);
	} else
		msg = construct(data, len);
	if (msg == NULL) {
		json_object_set_new(out, "error", json_string("malformed"));
		goto done;
	}
	describe_headers(out, msg, &w);
	if (!w.complex)
		walk_object(&w, g_mime_message_get_mime_part(msg), 0);
	else
		w.drop_parts++;
	g_object_unref(msg);

	if (w.plain != NULL) {
		text = mp_clean(w.plain, w.plainlen, true, lim->text_max, &w.drop_text);
		source = "plain";
	} else if (w.html != NULL) {
		size_t n;
		char *t = mp_html_to_text(w.html, w.htmllen, &n);
		text = mp_clean(t, n, true, lim->text_max, &w.drop_text);
		free(t);
		source = "html";
	}
	if (text != NULL) {
		json_object_set_new(out, "text", json_string(text));
		free(text);
	}
done:
	json_object_set_new(out, "text_source", json_string(source));
	json_object_set_new(out, "attachments", w.atts);
	json_object_set_new(out, "dropped", json_pack("{s:I, s:I, s:I, s:I}",
	    "parts", (json_int_t)w.drop_parts, "attachments", (json_int_t)w.drop_atts,
	    "text_bytes", (json_int_t)w.drop_text, "headers", (json_int_t)w.drop_headers));
	free(w.plain);
	free(w.html);
	return out;
}
