/*
 * sedesk-mailmake: builds one mail from a description and hands it to
 * sendmail (mailout, issue 16).
 *
 *   sedesk-mailmake [--print] -- /usr/sbin/sendmail -t -i
 *
 * Standard input: one JSON object (sedesk's outbox entry's "msg"):
 *   from, from_name, to, to_name, subject, body (UTF-8), message_id
 *   ("<…>"), references (array of "<…>"), in_reply_to, date (seconds).
 * The message: UTF-8 text/plain, quoted-printable or base64 as the text
 * needs, RFC 2047 encoded subject and names, the given Message-ID (so a
 * mail sent twice after a crash is recognisably the same), References
 * and In-Reply-To (a mail client threads a case's mails), Auto-Submitted:
 * auto-generated (no auto-reply answers it), Date in RFC 5322 form.
 * With --print it is written to standard output instead.
 *
 * Exit status: 0 sendmail took the message; 1 the description is bad;
 * 2 sendmail could not be run; 3 sendmail failed (its own words on
 * standard error).  What goes wrong here is said on standard error as one
 * line in a fixed form, "sedesk-mailmake", a tab, a kind (read,
 * description, build, start, run, wait, status, signal), and a tab before
 * each detail (the program; a number: errno, status or signal; a reason):
 * this program has no message catalogue, so sedesk puts it in words in its
 * reader's language (mail_deliver.c).  sedesk runs this program without its group
 * and without any descriptor of the database; this program is a separate
 * one because GMime and GLib would cost every sedesk process ~3 ms at
 * start (see include/sedesk/libexec.h).
 */
#include <errno.h>
#include <gmime/gmime.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define DESC_MAX	(4 << 20)

/* A failure in the fixed form the header describes; detail may be NULL. */
static void
say(const char *kind, const char *prog, const char *detail)
{
	fprintf(stderr, "sedesk-mailmake\t%s\t%s\t%s\n", kind, prog != NULL ? prog : "",
	    detail != NULL ? detail : "");
}

static void
say_number(const char *kind, const char *prog, int n)
{
	char b[16];

	snprintf(b, sizeof b, "%d", n);
	say(kind, prog, b);
}

static const char *
jstr(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* A header value that would break the header block: a line break or a NUL. */
static int
one_line(const char *s)
{
	return s == NULL || strpbrk(s, "\r\n") == NULL;
}

/* A plain addr-spec (sedesk's configuration checked it; checked again here). */
static int
plain_addr(const char *s)
{
	const char *at;

	if (s == NULL || (at = strchr(s, '@')) == NULL || at == s || at[1] == '\0' ||
	    *s == '-')
		return 0;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || strchr(",<>;\"()\\", *s) != NULL)
			return 0;
	return 1;
}

/* "<id@host>": a msg-id without spaces or line breaks. */
static int
msg_id(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	if (n < 3 || s[0] != '<' || s[n - 1] != '>' || strchr(s, '@') == NULL)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7f)
			return 0;
	return 1;
}

static int
ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* A name and address; a name outside ASCII is encoded as UTF-8 (RFC 2047). */
static void
add_mailbox(GMimeMessage *m, GMimeAddressType type, const char *name, const char *addr)
{
	InternetAddress *ia = internet_address_mailbox_new(name, addr);

	internet_address_set_charset(ia, "utf-8");
	internet_address_list_add(g_mime_message_get_addresses(m, type), ia);
	g_object_unref(ia);
}

static GMimeMessage *
build(json_t *d, const char **why)
{
	const char *from = jstr(d, "from"), *to = jstr(d, "to"), *subject = jstr(d, "subject");
	const char *body = jstr(d, "body"), *id = jstr(d, "message_id");
	const char *irt = jstr(d, "in_reply_to");
	json_t *refs = json_object_get(d, "references"), *date = json_object_get(d, "date");
	GMimeMessage *m;
	GMimeTextPart *text;
	GMimeDataWrapper *content;
	GMimeStream *stream;
	GDateTime *dt;
	char idbuf[1024];
	GString *rs;

	if (!plain_addr(from) || !plain_addr(to)) {
		*why = "from and to must be plain addresses";
		return NULL;
	}
	if (subject == NULL || body == NULL || !one_line(subject) ||
	    !one_line(jstr(d, "from_name")) || !one_line(jstr(d, "to_name"))) {
		*why = "subject and body are needed, the subject and names on one line";
		return NULL;
	}
	if (!msg_id(id) || strlen(id) >= sizeof idbuf || (irt != NULL && !msg_id(irt)) ||
	    !json_is_integer(date)) {
		*why = "message_id (and in_reply_to) must be <id@host>, date a number";
		return NULL;
	}
	m = g_mime_message_new(TRUE);
	add_mailbox(m, GMIME_ADDRESS_TYPE_FROM, jstr(d, "from_name"), from);
	add_mailbox(m, GMIME_ADDRESS_TYPE_TO, jstr(d, "to_name"), to);
	g_mime_message_set_subject(m, subject, "utf-8");
	/* GMime takes the id without its angle brackets. */
	snprintf(idbuf, sizeof idbuf, "%.*s", (int)strlen(id) - 2, id + 1);
	g_mime_message_set_message_id(m, idbuf);
	dt = g_date_time_new_from_unix_utc((gint64)json_integer_value(date));
	g_mime_message_set_date(m, dt);
	g_date_time_unref(dt);
	if (json_is_array(refs) && json_array_size(refs) > 0) {
		size_t i;
		json_t *r;

		rs = g_string_new(NULL);
		json_array_foreach(refs, i, r) {
			if (!msg_id(json_string_value(r)))
				continue;
			if (rs->len > 0)
				g_string_append_c(rs, ' ');
			g_string_append(rs, json_string_value(r));
		}
		if (rs->len > 0)
			g_mime_object_set_header(GMIME_OBJECT(m), "References", rs->str, NULL);
		g_string_free(rs, TRUE);
	}
	if (irt != NULL)
		g_mime_object_set_header(GMIME_OBJECT(m), "In-Reply-To", irt, NULL);
	/* RFC 3834: no vacation message or other automatic answer to this one. */
	g_mime_object_set_header(GMIME_OBJECT(m), "Auto-Submitted", "auto-generated", NULL);
	g_mime_object_set_header(GMIME_OBJECT(m), "X-Auto-Response-Suppress", "All", NULL);

	/*
	 * The body's bytes as they are, labelled UTF-8: g_mime_text_part_set_text
	 * would convert them to the "best" charset (Latin-1 for "Café") while
	 * set_charset afterwards only changes the label.
	 */
	text = g_mime_text_part_new_with_subtype("plain");
	stream = g_mime_stream_mem_new_with_buffer(body, strlen(body));
	content = g_mime_data_wrapper_new_with_stream(stream, GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(GMIME_PART(text), content);
	g_object_unref(content);
	g_object_unref(stream);
	g_mime_text_part_set_charset(text, "utf-8");
	/* Quoted-printable keeps a Dutch text readable in the raw message. */
	g_mime_part_set_content_encoding(GMIME_PART(text), ascii(body) ?
	    GMIME_CONTENT_ENCODING_7BIT : GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
	g_mime_message_set_mime_part(m, GMIME_OBJECT(text));
	g_object_unref(text);
	return m;
}

static int
write_message(GMimeMessage *m, int fd)
{
	GMimeStream *s = g_mime_stream_pipe_new(fd);	/* fs streams seek: not on a pipe */
	GMimeFormatOptions *o = g_mime_format_options_new();
	ssize_t n;

	g_mime_format_options_set_newline_format(o, GMIME_NEWLINE_FORMAT_UNIX);
	n = g_mime_object_write_to_stream(GMIME_OBJECT(m), o, s);
	if (n >= 0 && g_mime_stream_flush(s) != 0)
		n = -1;
	g_mime_format_options_free(o);
	g_object_unref(s);	/* closes fd */
	return n < 0 ? -1 : 0;
}

int
main(int argc, char **argv)
{
	static char in[DESC_MAX + 1];
	int print = 0, first = 1, p[2], status;
	const char *why = NULL;
	size_t len = 0;
	ssize_t r;
	json_error_t je;
	GMimeMessage *m;
	json_t *d;
	pid_t pid;

	if (argc > 1 && strcmp(argv[1], "--print") == 0) {
		print = 1;
		first = 2;
	}
	if (argc > first && strcmp(argv[first], "--") == 0)
		first++;
	if (!print && (first >= argc || argv[first][0] != '/')) {
		fprintf(stderr, "usage: sedesk-mailmake [--print] -- /path/to/sendmail [ARG…]\n");
		return 1;
	}
	while (len < DESC_MAX && (r = read(0, in + len, DESC_MAX - len)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			say_number("read", NULL, errno);
			return 1;
		}
		len += (size_t)r;
	}
	if ((d = json_loadb(in, len, 0, &je)) == NULL || !json_is_object(d)) {
		say("description", NULL, NULL);
		return 1;
	}
	g_mime_init();
	if ((m = build(d, &why)) == NULL) {
		say("build", NULL, why);
		return 1;
	}
	if (print)
		return write_message(m, dup(1)) == 0 ? 0 : 3;

	if (pipe(p) != 0 || (pid = fork()) == -1) {
		say_number("start", argv[first], errno);
		return 2;
	}
	if (pid == 0) {
		close(p[1]);
		if (dup2(p[0], 0) == -1)
			_exit(127);
		close(p[0]);
		execv(argv[first], argv + first);
		say_number("run", argv[first], errno);
		_exit(127);
	}
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	(void)write_message(m, p[1]);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			say_number("wait", argv[first], errno);
			return 2;
		}
	g_object_unref(m);
	json_decref(d);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return 2;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		say_number("status", argv[first], WEXITSTATUS(status));
	else
		say_number("signal", argv[first], WTERMSIG(status));
	return 3;
}
