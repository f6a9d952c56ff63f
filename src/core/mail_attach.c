/*
 * Attachments stored with a case (incoming mail, issue 16): the table
 * SD_DB_MAIL_ATTACH, key casekey(6) no(2, big-endian), value
 *
 *   version(1) = 1, received(8), size(4), name, type, from (each a
 *   length(2) and its bytes), then the content (size bytes)
 *
 * (integers big-endian).  Written by mailgate in the transaction that
 * creates the case or adds the note; read by whoever may see the case.
 * An attachment erased for a person (sedesk privacy erase, art. 17) is
 * version 2: the same without the content, size still the size it had,
 * so that counts and sizes stay; its name and sender the tombstone.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "mailgate_int.h"
#include "sedesk/i18n.h"
#include "sedesk/mailgate.h"
#include "sedesk/text.h"
#include "sedesk/userfile.h"

#define ATT_KEY_LEN (SD_CASE_KEY_LEN + 2)

static void
att_key(uint8_t out[ATT_KEY_LEN], struct sd_case_key key, unsigned no)
{
	sd_case_key_pack(key, out);
	out[SD_CASE_KEY_LEN] = (uint8_t)(no >> 8);
	out[SD_CASE_KEY_LEN + 1] = (uint8_t)no;
}

static void
put_be(struct sd_buf *b, uint64_t v, int bytes)
{
	for (int i = bytes - 1; i >= 0; i--) {
		char c = (char)(v >> (8 * i));
		sd_buf_add(b, &c, 1);
	}
}

static uint64_t
get_be(const uint8_t *p, int bytes)
{
	uint64_t v = 0;

	for (int i = 0; i < bytes; i++)
		v = (v << 8) | p[i];
	return v;
}

static void
put_str(struct sd_buf *b, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	if (n > 0xffff)
		n = 0xffff;
	put_be(b, n, 2);
	sd_buf_add(b, s != NULL ? s : "", n);
}

/* Reads a string at *p (end: e); false when the record is short. */
static bool
get_str(const uint8_t **p, const uint8_t *e, char **out)
{
	size_t n;

	if (e - *p < 2)
		return false;
	n = (size_t)get_be(*p, 2);
	*p += 2;
	if ((size_t)(e - *p) < n)
		return false;
	*out = sd_xmalloc(n + 1);
	memcpy(*out, *p, n);
	(*out)[n] = '\0';
	*p += n;
	return true;
}

static bool
att_decode(const MDB_val *k, const MDB_val *v, bool content, struct sd_attachment *a)
{
	const uint8_t *p = v->mv_data, *e = p + v->mv_size;

	memset(a, 0, sizeof *a);
	if (k->mv_size != ATT_KEY_LEN || v->mv_size < 13 || (p[0] != 1 && p[0] != 2))
		return false;
	a->erased = p[0] == 2;
	a->no = (unsigned)get_be((const uint8_t *)k->mv_data + SD_CASE_KEY_LEN, 2);
	a->received = (int64_t)get_be(p + 1, 8);
	a->size = (size_t)get_be(p + 9, 4);
	p += 13;
	if (!get_str(&p, e, &a->name) || !get_str(&p, e, &a->type) || !get_str(&p, e, &a->from) ||
	    (size_t)(e - p) != (a->erased ? 0 : a->size)) {
		sd_attachment_free(a);
		return false;
	}
	if (content && !a->erased) {
		a->data = sd_xmalloc(a->size > 0 ? a->size : 1);
		memcpy(a->data, p, a->size);
	}
	return true;
}

/* The next free number of the case's attachments (1 for the first). */
static sd_status
att_next_no(struct sd_txn *t, struct sd_case_key key, unsigned *no, struct sd_error *err)
{
	uint8_t ck[SD_CASE_KEY_LEN];
	struct sd_iter it;
	sd_status s;

	sd_case_key_pack(key, ck);
	*no = 1;
	sd_iter_start(&it, t, SD_DB_MAIL_ATTACH, ck, sizeof ck, true, NULL, 0);
	if (sd_iter_next(&it) && it.key.mv_size == ATT_KEY_LEN)
		*no = (unsigned)get_be((const uint8_t *)it.key.mv_data + SD_CASE_KEY_LEN, 2) + 1;
	s = sd_iter_status(&it, _("attachment"), err);
	sd_iter_end(&it);
	if (s == SD_OK && *no > 0xffff)
		return sd_fail(err, SD_INVALID, _("the case has too many attachments."));
	return s;
}

/* The record of a (the content: data, or none when erased). */
static void
att_encode(struct sd_buf *b, const struct sd_attachment *a, const unsigned char *data)
{
	put_be(b, a->erased ? 2 : 1, 1);
	put_be(b, (uint64_t)a->received, 8);
	put_be(b, a->size, 4);
	put_str(b, a->name);
	put_str(b, a->type);
	put_str(b, a->from);
	if (!a->erased)
		sd_buf_add(b, (const char *)data, a->size);
}

bool
mail_attach_decode(const MDB_val *k, const MDB_val *v, struct sd_attachment *a)
{
	return att_decode(k, v, false, a);
}

sd_status
mail_attach_rewrite(struct sd_txn *t, struct sd_case_key key, unsigned no, const char *name,
    const char *from, bool drop, struct sd_error *err)
{
	struct sd_attachment a;
	struct sd_buf b = { 0 };
	uint8_t k[ATT_KEY_LEN];
	MDB_val kv, v;
	sd_status s;

	att_key(k, key, no);
	if ((s = sd_db_get(t, SD_DB_MAIL_ATTACH, k, sizeof k, &v, _("attachment"), err)) != SD_OK)
		return s;
	kv.mv_data = k;
	kv.mv_size = sizeof k;
	if (!att_decode(&kv, &v, !drop, &a))
		return SD_OK;	/* not readable: `sedesk check` reports it, nothing to keep */
	if (name != NULL) {
		free(a.name);
		a.name = sd_xstrdup(name);
	}
	if (from != NULL) {
		free(a.from);
		a.from = sd_xstrdup(from);
	}
	if (drop) {
		free(a.data);
		a.data = NULL;
		a.erased = true;
	}
	att_encode(&b, &a, a.data);
	s = sd_db_put(t, SD_DB_MAIL_ATTACH, k, sizeof k, b.data, b.len, _("attachment"), err);
	sd_buf_free(&b);
	sd_attachment_free(&a);
	return s;
}

sd_status
mail_attach_put(struct sd_txn *t, struct sd_case_key key, const char *name, const char *type,
    const char *from, int64_t when, const unsigned char *data, size_t size,
    struct sd_error *err)
{
	struct sd_attachment a = { .name = (char *)name, .type = (char *)type,
	    .from = (char *)from, .size = size, .received = when };
	uint8_t k[ATT_KEY_LEN];
	struct sd_buf b = { 0 };
	unsigned no;
	sd_status s;

	if ((s = att_next_no(t, key, &no, err)) != SD_OK)
		return s;
	att_key(k, key, no);
	att_encode(&b, &a, data);
	s = sd_db_put(t, SD_DB_MAIL_ATTACH, k, sizeof k, b.data, b.len, _("attachment"), err);
	sd_buf_free(&b);
	return s;
}

void
sd_attachment_free(struct sd_attachment *a)
{
	free(a->name);
	free(a->type);
	free(a->from);
	free(a->data);
	memset(a, 0, sizeof *a);
}

void
sd_attachments_free(struct sd_attachment *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sd_attachment_free(&a[i]);
	free(a);
}

/* The case the caller may see, in a read transaction of its own. */
static sd_status
att_begin(struct sd_desk *d, const char *number, struct sd_txn *t, struct sd_case *c,
    struct sd_error *err)
{
	sd_status s;

	if ((s = sd_permit(d, SD_ACT_CASE_ATTACHMENTS, NULL, err)) != SD_OK ||
	    (s = sd_txn_begin(d->store, false, t, err)) != SD_OK)
		return s;
	if ((s = case_resolve_visible(t, d, number, c, err)) != SD_OK)
		sd_txn_abort(t);
	return s;
}

sd_status
sd_case_attachments(struct sd_desk *d, const char *number, struct sd_attachment **out,
    size_t *n, struct sd_error *err)
{
	uint8_t ck[SD_CASE_KEY_LEN];
	struct sd_case c = { 0 };
	struct sd_iter it;
	struct sd_txn t;
	size_t cap = 0;
	sd_status s;

	*out = NULL;
	*n = 0;
	if ((s = att_begin(d, number, &t, &c, err)) != SD_OK)
		return s;
	sd_case_key_pack(c.key, ck);
	sd_case_free(&c);
	sd_iter_start(&it, &t, SD_DB_MAIL_ATTACH, ck, sizeof ck, false, NULL, 0);
	while (sd_iter_next(&it)) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			*out = sd_xrealloc(*out, cap * sizeof **out);
		}
		if (att_decode(&it.key, &it.val, false, &(*out)[*n]))
			(*n)++;
	}
	s = sd_iter_status(&it, _("attachment"), err);
	sd_iter_end(&it);
	sd_txn_abort(&t);
	if (s != SD_OK) {
		sd_attachments_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return s;
}

sd_status
sd_case_attachment_get(struct sd_desk *d, const char *number, unsigned no,
    struct sd_attachment *out, struct sd_error *err)
{
	uint8_t k[ATT_KEY_LEN];
	struct sd_case c = { 0 };
	struct sd_txn t;
	MDB_val key, v;
	sd_status s;

	memset(out, 0, sizeof *out);
	if ((s = att_begin(d, number, &t, &c, err)) != SD_OK)
		return s;
	att_key(k, c.key, no);
	sd_case_free(&c);
	s = no > 0 && no <= 0xffff ? sd_db_get(&t, SD_DB_MAIL_ATTACH, k, sizeof k, &v,
	    _("attachment"), err) : SD_NOTFOUND;
	key.mv_data = k;
	key.mv_size = sizeof k;
	if (s == SD_NOTFOUND)
		s = sd_fail(err, SD_NOTFOUND, _("case %s has no attachment %u; "
		    "`sedesk case show %s` lists them."), number, no, number);
	else if (s == SD_OK && !att_decode(&key, &v, true, out))
		s = sd_fail(err, SD_FAIL, _("attachment %u of case %s cannot be read; "
		    "run `sedesk check`."), no, number);
	else if (s == SD_OK && out->erased) {
		sd_attachment_free(out);
		s = sd_fail(err, SD_NOTFOUND, _("attachment %u of case %s was erased for the "
		    "privacy of the person it was about; its content is no longer kept."), no,
		    number);
	}
	sd_txn_abort(&t);
	return s;
}

sd_status
sd_case_attachment_save(struct sd_desk *d, const char *number, unsigned no, const char *path,
    struct sd_error *err)
{
	struct sd_attachment a;
	size_t off = 0;
	ssize_t w;
	sd_status s;
	int fd;

	if ((s = sd_case_attachment_get(d, number, no, &a, err)) != SD_OK)
		return s;
	/* The user's own rights (the real group), and never over a file that is there. */
	if ((fd = sd_user_open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0666)) < 0) {
		int e = errno;
		sd_attachment_free(&a);
		if (e == EEXIST)
			return sd_fail(err, SD_INVALID, _("%s exists already; give the name of "
			    "a new file."), path);
		return sd_fail(err, SD_INVALID, _("cannot write %s: %s."), path, strerror(e));
	}
	while (off < a.size) {
		w = write(fd, a.data + off, a.size - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (off < a.size || close(fd) != 0) {
		int e = errno;
		if (off < a.size)
			close(fd);
		sd_user_unlinkat(AT_FDCWD, path);
		sd_attachment_free(&a);
		return sd_fail(err, SD_FAIL, _("writing %s failed: %s; nothing was saved."), path,
		    strerror(e));
	}
	sd_attachment_free(&a);
	return SD_OK;
}
