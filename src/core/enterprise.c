/*
 * The enterprise register: records, validation, indexes, edits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "internal.h"
#include "sedesk/i18n.h"
#include "keys.h"
#include "sedesk/number.h"
#include "record.h"
#include "sedesk/text.h"

enum { ET_ID = 1, ET_VERSION, ET_CREATED, ET_UPDATED, ET_FIELD0 = 16 };

/*
 * label: the field in words, for messages.  multiline: the field holds
 * text of several lines (contacts, one per line, and notes); every other
 * field is one line.
 */
static const struct {
	const char	*name;
	const char	*label;
	size_t		 max;
	bool		 multiline;
} fields[SD_EF_COUNT] = {
	/* KBO's denomination limit */
	[SD_EF_NAME] = { "name", N_("the enterprise's name"), 320, false },
	[SD_EF_NUMBER] = { "number", N_("the enterprise number"), 32, false },
	[SD_EF_LEGAL_FORM] = { "legal_form", N_("the legal form"), 80, false },
	[SD_EF_EMAIL] = { "email", N_("the e-mail address"), 254, false },
	[SD_EF_PHONE] = { "phone", N_("the phone number"), 40, false },
	[SD_EF_STREET] = { "street", N_("the street"), 200, false },
	[SD_EF_POSTCODE] = { "postcode", N_("the postcode"), 20, false },
	[SD_EF_CITY] = { "city", N_("the city"), 200, false },
	[SD_EF_TAGS] = { "tags", N_("the tags"), 1000, false },
	[SD_EF_OFFERS] = { "offers", N_("the offers"), 2000, false },
	[SD_EF_CONTACTS] = { "contacts", N_("the contacts"), 4000, true },
	[SD_EF_NOTES] = { "notes", N_("the notes"), 20000, true },
};

const char *
sd_ent_field_name(enum sd_ent_field f)
{
	return f < SD_EF_COUNT ? fields[f].name : "?";
}

int
sd_ent_field_parse(const char *name)
{
	for (int i = 0; i < SD_EF_COUNT; i++) {
		if (strcmp(fields[i].name, name) == 0)
			return i;
	}
	/* The CLI spells it with a dash. */
	if (strcmp(name, "legal-form") == 0)
		return SD_EF_LEGAL_FORM;
	return -1;
}

size_t
sd_ent_field_max(enum sd_ent_field f)
{
	return fields[f].max;
}

const char *
sd_ent_field_label(enum sd_ent_field f)
{
	return f < SD_EF_COUNT ? _(fields[f].label) : "?";
}

bool
sd_ent_field_multiline(enum sd_ent_field f)
{
	return f < SD_EF_COUNT && fields[f].multiline;
}

void
sd_uuid_format(const uint8_t id[SD_UUID_LEN], char out[SD_UUID_STR])
{
	uuid_unparse_lower(id, out);
}

bool
sd_uuid_parse(const char *s, uint8_t out[SD_UUID_LEN])
{
	return strlen(s) == 36 && uuid_parse(s, out) == 0;
}

void
sd_enterprise_free(struct sd_enterprise *e)
{
	for (int i = 0; i < SD_EF_COUNT; i++)
		free(e->f[i]);
	memset(e, 0, sizeof *e);
}

/* --- records ------------------------------------------------------------------ */

static void
encode(struct sd_buf *b, const struct sd_enterprise *e)
{
	sd_rec_begin(b, SD_REC_ENTERPRISE);
	sd_rec_bytes(b, ET_ID, e->id, SD_UUID_LEN);
	sd_rec_u64(b, ET_VERSION, e->version);
	sd_rec_i64(b, ET_CREATED, e->created);
	sd_rec_i64(b, ET_UPDATED, e->updated);
	for (int i = 0; i < SD_EF_COUNT; i++)
		sd_rec_str(b, (uint8_t)(ET_FIELD0 + i), e->f[i]);
}

static bool
decode(const MDB_val *v, struct sd_enterprise *e)
{
	struct sd_rec_reader r;
	const uint8_t *p;
	uint64_t u;
	uint8_t tag;
	size_t n;

	memset(e, 0, sizeof *e);
	if (!sd_rec_open(&r, v->mv_data, v->mv_size, SD_REC_ENTERPRISE))
		return false;
	while (sd_rec_next(&r, &tag, &p, &n)) {
		if (tag == ET_ID && n == SD_UUID_LEN)
			memcpy(e->id, p, n);
		else if (tag == ET_VERSION && sd_rec_as_u64(p, n, &u))
			e->version = (uint32_t)u;
		else if (tag == ET_CREATED)
			sd_rec_as_i64(p, n, &e->created);
		else if (tag == ET_UPDATED)
			sd_rec_as_i64(p, n, &e->updated);
		else if (tag >= ET_FIELD0 && tag < ET_FIELD0 + SD_EF_COUNT) {
			free(e->f[tag - ET_FIELD0]);
			e->f[tag - ET_FIELD0] = sd_rec_as_str(p, n);
		}
	}
	return !r.bad;
}

sd_status
ent_load(struct sd_txn *t, const uint8_t id[SD_UUID_LEN], struct sd_enterprise *out,
    struct sd_error *err)
{
	MDB_val v;
	int rc = sd_get(t, SD_DB_ENT, id, SD_UUID_LEN, &v);

	if (rc == MDB_NOTFOUND) {
		char s[SD_UUID_STR];
		sd_uuid_format(id, s);
		return sd_fail(err, SD_NOTFOUND, _("no enterprise %s."), s);
	}
	if (rc != 0)
		return sd_store_error(rc, _("enterprise"), err);
	if (!decode(&v, out)) {
		sd_enterprise_free(out);
		return sd_fail(err, SD_FAIL,
		    _("an enterprise record cannot be read; run `sedesk check`."));
	}
	return SD_OK;
}

sd_status
ent_resolve(struct sd_txn *t, const char *ref, uint8_t id[SD_UUID_LEN], struct sd_error *err)
{
	char num[SD_NUMBER_MAX];
	MDB_val v;
	int rc;

	if (sd_uuid_parse(ref, id)) {
		rc = sd_get(t, SD_DB_ENT, id, SD_UUID_LEN, &v);
		if (rc == 0)
			return SD_OK;
		if (rc != MDB_NOTFOUND)
			return sd_store_error(rc, _("enterprise"), err);
	} else if (sd_number_normalise(ref, num, NULL) != SD_NUMBER_NONE) {
		rc = sd_get(t, SD_DB_ENT_BY_NUMBER, num, strlen(num), &v);
		if (rc == 0 && v.mv_size == SD_UUID_LEN) {
			memcpy(id, v.mv_data, SD_UUID_LEN);
			return SD_OK;
		}
		if (rc != 0 && rc != MDB_NOTFOUND)
			return sd_store_error(rc, _("enterprise"), err);
	}
	return sd_fail(err, SD_NOTFOUND,
	    _("no enterprise %s; give its id or its KBO/KvK number (see `sedesk enterprise list`)."),
	    ref);
}

/* --- validation ---------------------------------------------------------------- */

/*
 * Checks and normalises one field value in place: valid UTF-8, within its
 * size limit, number and lists normalised.  Returns a malloc'd value or
 * NULL for an empty one.
 */
static sd_status
normalise_field(enum sd_ent_field f, const char *in, char **out, struct sd_error *err)
{
	char *v;

	*out = NULL;
	if (in == NULL)
		return SD_OK;
	if (!sd_utf8_valid(in, strlen(in)))
		return sd_fail(err, SD_INVALID, _("%s: not valid UTF-8 text."), fields[f].name);
	if (strlen(in) > fields[f].max)
		return sd_fail(err, SD_INVALID, _("%s: too long (%zu bytes; at most %zu)."),
		    fields[f].name, strlen(in), fields[f].max);
	v = sd_xstrdup(in);
	if (!fields[f].multiline) {
		sd_trim(v);
		/*
		 * What is stored must be one line; white space around it is
		 * trimmed first, so a CSV cell's trailing CR does no harm.
		 */
		if (sd_single_line_check(_(fields[f].label), v, err) != SD_OK) {
			free(v);
			return SD_INVALID;
		}
	}
	if (f == SD_EF_NUMBER && *v != '\0') {
		char num[SD_NUMBER_MAX];
		struct sd_error e;
		if (sd_number_normalise(v, num, &e) == SD_NUMBER_NONE) {
			free(v);
			return sd_fail(err, SD_INVALID, _("number: %s"), e.msg);
		}
		free(v);
		v = sd_xstrdup(num);
	} else if (f == SD_EF_TAGS || f == SD_EF_OFFERS) {
		/* Spreadsheets often separate with ';'. */
		for (char *p = v; *p; p++)
			if (*p == ';')
				*p = ',';
		char *l = sd_list_normalise(v);
		free(v);
		v = l;
	} else if (f == SD_EF_EMAIL && *v != '\0' && strchr(v, '@') == NULL) {
		free(v);
		return sd_fail(err, SD_INVALID, _("email %s: an e-mail address needs an @."), in);
	}
	if (*v == '\0') {
		free(v);
		v = NULL;
	}
	if (f == SD_EF_NAME && v == NULL)
		return sd_fail(err, SD_INVALID, _("name: an enterprise needs a name."));
	*out = v;
	return SD_OK;
}

/* --- indexes ------------------------------------------------------------------- */

/* Bytes of a word: ASCII letters and digits, and every byte of non-ASCII text. */
static bool
word_char(char c)
{
	unsigned char u = (unsigned char)c;

	return u >= 0x80 || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9');
}

static void
name_key(struct sd_key *k, const struct sd_enterprise *e)
{
	char *folded = sd_fold(e->f[SD_EF_NAME] ? e->f[SD_EF_NAME] : "");

	sd_key_reset(k);
	sd_key_str(k, folded);
	sd_key_bytes(k, e->id, SD_UUID_LEN);
	free(folded);
}

/* Calls fn for every word (letters and digits) of the folded text. */
static int
each_word(const char *folded, int (*fn)(const char *word, void *arg), void *arg)
{
	char *copy = sd_xstrdup(folded), *p = copy;
	int rc = 0;

	while (*p != '\0' && rc == 0) {
		char *start;
		while (*p != '\0' && !word_char(*p))
			p++;
		start = p;
		while (*p != '\0' && word_char(*p))
			p++;
		if (p > start) {
			char save = *p;
			*p = '\0';
			rc = fn(start, arg);
			*p = save;
		}
	}
	free(copy);
	return rc;
}

struct word_arg {
	struct sd_txn			*t;
	const struct sd_enterprise	*e;
	bool				 put;
};

static int
word_entry(const char *word, void *arg)
{
	struct word_arg *a = arg;
	struct sd_key k;

	sd_key_reset(&k);
	sd_key_str(&k, word);
	sd_key_bytes(&k, a->e->id, SD_UUID_LEN);
	return a->put ? sd_put_flag(a->t, SD_DB_ENT_BY_WORD, k.b, k.len) :
	    sd_del(a->t, SD_DB_ENT_BY_WORD, k.b, k.len);
}

/* Adds (put) or removes the index entries of e. */
int
ent_index(struct sd_txn *t, const struct sd_enterprise *e, bool put)
{
	struct word_arg wa = { t, e, put };
	struct sd_key k;
	char *folded;
	int rc;

	folded = sd_fold(e->f[SD_EF_NAME] ? e->f[SD_EF_NAME] : "");
	rc = each_word(folded, word_entry, &wa);
	free(folded);
	if (rc != 0)
		return rc;
	name_key(&k, e);
	rc = put ? sd_put_flag(t, SD_DB_ENT_BY_NAME, k.b, k.len) :
	    sd_del(t, SD_DB_ENT_BY_NAME, k.b, k.len);
	if (rc == 0 && e->f[SD_EF_NUMBER] != NULL) {
		const char *n = e->f[SD_EF_NUMBER];
		rc = put ? sd_put(t, SD_DB_ENT_BY_NUMBER, n, strlen(n), e->id, SD_UUID_LEN) :
		    sd_del(t, SD_DB_ENT_BY_NUMBER, n, strlen(n));
	}
	if (rc == 0 && e->f[SD_EF_TAGS] != NULL) {
		char *tags = sd_xstrdup(e->f[SD_EF_TAGS]), *save = NULL;
		for (char *tag = strtok_r(tags, ",", &save); tag && rc == 0;
		    tag = strtok_r(NULL, ",", &save)) {
			char *ftag = sd_fold(tag), *fname = sd_fold(e->f[SD_EF_NAME]);
			/* Tag, then name: a tag's list comes out in name order. */
			sd_key_reset(&k);
			sd_key_str(&k, ftag);
			sd_key_str(&k, fname);
			sd_key_bytes(&k, e->id, SD_UUID_LEN);
			free(ftag);
			free(fname);
			rc = put ? sd_put_flag(t, SD_DB_ENT_BY_TAG, k.b, k.len) :
			    sd_del(t, SD_DB_ENT_BY_TAG, k.b, k.len);
		}
		free(tags);
	}
	return rc;
}

static sd_status
check_number_free(struct sd_txn *t, const char *number, const uint8_t *self,
    struct sd_error *err)
{
	struct sd_enterprise other;
	MDB_val v;
	sd_status s;
	int rc;

	if (number == NULL)
		return SD_OK;
	rc = sd_get(t, SD_DB_ENT_BY_NUMBER, number, strlen(number), &v);
	if (rc == MDB_NOTFOUND)
		return SD_OK;
	if (rc != 0)
		return sd_store_error(rc, _("enterprise"), err);
	if (v.mv_size != SD_UUID_LEN || (self && memcmp(v.mv_data, self, SD_UUID_LEN) == 0))
		return SD_OK;
	if ((s = ent_load(t, v.mv_data, &other, err)) != SD_OK)
		return s;
	s = sd_fail(err, SD_INVALID, _("number %s is already registered for %s."),
	    number, other.f[SD_EF_NAME] ? other.f[SD_EF_NAME] : "?");
	sd_enterprise_free(&other);
	return s;
}

static sd_status
put_record(struct sd_txn *t, const struct sd_enterprise *e, struct sd_error *err)
{
	struct sd_buf rec = { 0 };
	int rc;

	encode(&rec, e);
	rc = sd_put(t, SD_DB_ENT, e->id, SD_UUID_LEN, rec.data, rec.len);
	sd_buf_free(&rec);
	return sd_store_error(rc, _("enterprise"), err);
}

/* --- add ------------------------------------------------------------------------- */

struct add_args {
	struct sd_desk	*d;
	char *const	*in;
	uint8_t		*id_out;
};

/* Validates and inserts one enterprise inside t; writes nothing when invalid. */
static sd_status
add_in_txn(struct sd_txn *t, struct sd_desk *d, char *const in[SD_EF_COUNT],
    uint8_t id_out[SD_UUID_LEN], struct sd_error *err)
{
	struct sd_enterprise e = { 0 };
	struct sd_journal_entry j = { 0 };
	sd_status s = SD_OK;

	for (int i = 0; i < SD_EF_COUNT && s == SD_OK; i++)
		s = normalise_field(i, in[i], &e.f[i], err);
	if (s == SD_OK && e.f[SD_EF_NAME] == NULL)
		s = sd_fail(err, SD_INVALID, _("name: an enterprise needs a name."));
	if (s == SD_OK)
		s = check_number_free(t, e.f[SD_EF_NUMBER], NULL, err);
	if (s != SD_OK)
		goto out;
	uuid_generate(e.id);
	e.version = 1;
	e.created = e.updated = sd_desk_now(d);
	if ((s = put_record(t, &e, err)) != SD_OK)
		goto out;
	if ((s = sd_store_error(ent_index(t, &e, true), _("enterprise"), err)) != SD_OK)
		goto out;
	j.at = e.created;
	j.actor = d->me->login;
	j.kind = (char *)"created";
	j.text = e.f[SD_EF_NAME];
	j.subject_kind = SD_SUBJECT_ENTERPRISE;
	memcpy(j.subject, e.id, SD_UUID_LEN);
	j.subject_len = SD_UUID_LEN;
	if ((s = sd_journal_append(t, &j, err)) != SD_OK ||
	    (s = search_index_enterprise(t, NULL, &e, err)) != SD_OK)
		goto out;
	if (id_out != NULL)
		memcpy(id_out, e.id, SD_UUID_LEN);
out:
	sd_enterprise_free(&e);
	return s;
}

static sd_status
add_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct add_args *a = arg;

	return add_in_txn(t, a->d, a->in, a->id_out, err);
}

sd_status
sd_enterprise_add(struct sd_desk *d, char *const f[SD_EF_COUNT], uint8_t id_out[SD_UUID_LEN],
    struct sd_error *err)
{
	struct add_args a = { d, f, id_out };
	sd_status s;

	if ((s = sd_permit(d, SD_ACT_ENTERPRISE_WRITE, NULL, err)) != SD_OK)
		return s;
	return sd_store_write(d->store, add_action, &a, err);
}

/* --- edit ---------------------------------------------------------------------- */

struct edit_args {
	struct sd_desk	*d;
	const char	*ref;
	char *const	*in;
	uint32_t	 expect;
};

static sd_status
edit_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct edit_args *a = arg;
	struct sd_enterprise old = { 0 }, e = { 0 };
	uint8_t id[SD_UUID_LEN];
	bool changed = false;
	sd_status s;
	int rc;

	if ((s = ent_resolve(t, a->ref, id, err)) != SD_OK ||
	    (s = ent_load(t, id, &old, err)) != SD_OK)
		return s;
	if (a->expect != 0 && a->expect != old.version) {
		s = sd_fail(err, SD_CONFLICT,
		    _("%s changed since you read it (now version %u, you had %u); "
		    "show it again and redo your change."),
		    old.f[SD_EF_NAME], old.version, a->expect);
		goto out;
	}
	e = old;
	for (int i = 0; i < SD_EF_COUNT; i++)
		e.f[i] = sd_xstrdup(old.f[i]);
	for (int i = 0; i < SD_EF_COUNT; i++) {
		char *v;
		if (a->in[i] == NULL)
			continue;
		if ((s = normalise_field(i, a->in[i], &v, err)) != SD_OK)
			goto out;
		if ((v == NULL && e.f[i] == NULL) ||
		    (v != NULL && e.f[i] != NULL && strcmp(v, e.f[i]) == 0)) {
			free(v);
			continue;
		}
		if ((s = journal_field(t, a->d, SD_SUBJECT_ENTERPRISE, id, SD_UUID_LEN,
		    fields[i].name, e.f[i], v, err)) != SD_OK) {
			free(v);
			goto out;
		}
		free(e.f[i]);
		e.f[i] = v;
		changed = true;
	}
	if (!changed)
		goto out;
	if ((s = check_number_free(t, e.f[SD_EF_NUMBER], id, err)) != SD_OK)
		goto out;
	e.version = old.version + 1;
	e.updated = sd_desk_now(a->d);
	rc = ent_index(t, &old, false);
	if (rc == 0)
		rc = ent_index(t, &e, true);
	if ((s = sd_store_error(rc, _("enterprise"), err)) == SD_OK &&
	    (s = put_record(t, &e, err)) == SD_OK)
		s = search_index_enterprise(t, &old, &e, err);
out:
	sd_enterprise_free(&old);
	sd_enterprise_free(&e);
	return s;
}

sd_status
sd_enterprise_edit(struct sd_desk *d, const char *ref, char *const f[SD_EF_COUNT],
    uint32_t expect_version, struct sd_error *err)
{
	struct edit_args a = { d, ref, f, expect_version };
	sd_status s;

	if ((s = sd_permit(d, SD_ACT_ENTERPRISE_WRITE, NULL, err)) != SD_OK)
		return s;
	return sd_store_write(d->store, edit_action, &a, err);
}

/* --- reading ------------------------------------------------------------------- */

sd_status
sd_enterprise_get(struct sd_desk *d, const char *ref, struct sd_enterprise *out,
    struct sd_error *err)
{
	uint8_t id[SD_UUID_LEN];
	struct sd_txn t;
	sd_status s;

	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	if ((s = ent_resolve(&t, ref, id, err)) == SD_OK) {
		if (!ent_visible(&t, d, id))
			s = sd_fail(err, SD_NOTFOUND,
			    _("no enterprise %s; give its id or its KBO/KvK number (see `sedesk "
			    "enterprise list`)."), ref);
		else
			s = ent_load(&t, id, out, err);
	}
	sd_txn_abort(&t);
	return s;
}

sd_status
sd_enterprise_list(struct sd_desk *d, const char *tag, const struct sd_ent_cursor *from,
    size_t limit, struct sd_enterprise_list *out, struct sd_error *err)
{
	bool resume = from != NULL && from->len > 0;
	enum sd_dbi db = SD_DB_ENT_BY_NAME;
	struct sd_key prefix;
	struct sd_iter it;
	struct sd_txn t;
	sd_status s;

	memset(out, 0, sizeof *out);
	sd_key_reset(&prefix);
	if (tag != NULL) {
		char *folded = sd_fold(tag);
		sd_key_str(&prefix, folded);
		free(folded);
		db = SD_DB_ENT_BY_TAG;
	}
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	out->items = sd_xcalloc(limit ? limit : 1, sizeof *out->items);
	sd_iter_start(&it, &t, db, prefix.b, prefix.len, false, resume ? from->key : NULL,
	    resume ? from->len : 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		const uint8_t *id = (const uint8_t *)it.key.mv_data + it.key.mv_size - SD_UUID_LEN;
		if (it.key.mv_size < SD_UUID_LEN || it.key.mv_size > sizeof out->next.key)
			continue;
		if (!ent_visible(&t, d, id))
			continue;
		if (out->n == limit) {
			out->more = true;
			break;
		}
		if ((s = ent_load(&t, id, &out->items[out->n], err)) == SD_OK) {
			out->n++;
			memcpy(out->next.key, it.key.mv_data, it.key.mv_size);
			out->next.len = it.key.mv_size;
		}
	}
	if (s == SD_OK && it.rc != 0)
		s = sd_store_error(it.rc, _("enterprise"), err);
	sd_iter_end(&it);
	sd_txn_abort(&t);
	if (s != SD_OK)
		sd_enterprise_list_free(out);
	return s;
}

struct find_words {
	char	*words[16];
	size_t	 n;
};

static int
collect_word(const char *word, void *arg)
{
	struct find_words *fw = arg;

	if (fw->n < sizeof fw->words / sizeof fw->words[0])
		fw->words[fw->n++] = sd_xstrdup(word);
	return 0;
}

/* True when every query word starts some word of the folded name. */
static int
starts_a_word(const char *word, void *arg)
{
	const char *q = arg;

	return strncmp(word, q, strlen(q)) == 0 ? 1 : 0;
}

static bool
name_matches(const struct sd_enterprise *e, const struct find_words *fw)
{
	char *folded = sd_fold(e->f[SD_EF_NAME] ? e->f[SD_EF_NAME] : "");
	bool ok = true;

	for (size_t i = 1; i < fw->n && ok; i++)
		ok = each_word(folded, starts_a_word, fw->words[i]) == 1;
	free(folded);
	return ok;
}

sd_status
sd_enterprise_find(struct sd_desk *d, const char *query, size_t limit,
    struct sd_enterprise_list *out, struct sd_error *err)
{
	struct find_words fw = { 0 };
	char num[SD_NUMBER_MAX], *folded;
	uint8_t last[SD_UUID_LEN] = { 0 };
	struct sd_iter it;
	struct sd_txn t;
	sd_status s;

	memset(out, 0, sizeof *out);
	out->items = sd_xcalloc(limit ? limit : 1, sizeof *out->items);
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK) {
		sd_enterprise_list_free(out);
		return s;
	}
	if (sd_number_normalise(query, num, NULL) != SD_NUMBER_NONE) {
		MDB_val v;
		if (sd_get(&t, SD_DB_ENT_BY_NUMBER, num, strlen(num), &v) == 0 &&
		    v.mv_size == SD_UUID_LEN && limit > 0 && ent_visible(&t, d, v.mv_data) &&
		    (s = ent_load(&t, v.mv_data, &out->items[0], err)) == SD_OK)
			out->n = 1;
		sd_txn_abort(&t);
		return s;
	}
	folded = sd_fold(query);
	each_word(folded, collect_word, &fw);
	free(folded);
	if (fw.n == 0) {
		sd_txn_abort(&t);
		return SD_OK;
	}
	/* The first word drives the word index; the others are checked on the name. */
	sd_iter_start(&it, &t, SD_DB_ENT_BY_WORD, fw.words[0], strlen(fw.words[0]), false,
	    NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		const uint8_t *id = (const uint8_t *)it.key.mv_data + it.key.mv_size - SD_UUID_LEN;
		struct sd_enterprise e;
		bool dup = false;

		if (it.key.mv_size < SD_UUID_LEN + 1)
			continue;
		/* A name with the word twice has two entries; they come together. */
		for (size_t i = 0; i < out->n && !dup; i++)
			dup = memcmp(out->items[i].id, id, SD_UUID_LEN) == 0;
		if (dup || memcmp(last, id, SD_UUID_LEN) == 0)
			continue;
		memcpy(last, id, SD_UUID_LEN);
		if (!ent_visible(&t, d, id))
			continue;
		if ((s = ent_load(&t, id, &e, err)) != SD_OK)
			break;
		if (!name_matches(&e, &fw)) {
			sd_enterprise_free(&e);
			continue;
		}
		if (out->n == limit) {
			sd_enterprise_free(&e);
			out->more = true;
			break;
		}
		out->items[out->n++] = e;
	}
	if (s == SD_OK && it.rc != 0)
		s = sd_store_error(it.rc, _("enterprise"), err);
	sd_iter_end(&it);
	sd_txn_abort(&t);
	for (size_t i = 0; i < fw.n; i++)
		free(fw.words[i]);
	if (s != SD_OK)
		sd_enterprise_list_free(out);
	return s;
}

void
sd_enterprise_list_free(struct sd_enterprise_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		sd_enterprise_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* --- import -------------------------------------------------------------------- */

struct import_args {
	struct sd_desk		*d;
	struct sd_import_row	*rows;
	size_t			 nrows;
	bool			 strict;
	sd_reject_fn		 reject;
	void			*arg;
	size_t			 imported, rejected;
};

static sd_status
import_action(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct import_args *a = arg;

	a->imported = a->rejected = 0;
	for (size_t i = 0; i < a->nrows; i++) {
		struct sd_error e;
		sd_status s = add_in_txn(t, a->d, a->rows[i].f, NULL, &e);
		if (s == SD_INVALID) {
			a->rejected++;
			if (a->reject != NULL)
				a->reject(a->arg, a->rows[i].line, e.msg);
			continue;
		}
		if (s != SD_OK) {
			if (err != NULL)
				*err = e;
			return s;
		}
		a->imported++;
	}
	if (a->strict && a->rejected > 0)
		return sd_fail(err, SD_INVALID,
		    _("%zu rows are invalid; nothing was imported (--strict)."), a->rejected);
	return SD_OK;
}

sd_status
sd_enterprise_import(struct sd_desk *d, struct sd_import_row *rows, size_t nrows, bool strict,
    sd_reject_fn reject, void *arg, size_t *imported, size_t *rejected, struct sd_error *err)
{
	struct import_args a = { d, rows, nrows, strict, reject, arg, 0, 0 };
	sd_status s;

	if ((s = sd_permit(d, SD_ACT_ENTERPRISE_WRITE, NULL, err)) != SD_OK)
		return s;
	s = sd_store_write(d->store, import_action, &a, err);
	*imported = s == SD_OK ? a.imported : 0;
	*rejected = a.rejected;
	return s;
}
