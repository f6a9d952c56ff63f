/*
 * The enterprise register's records: the field table, the codec (from the
 * table), loading, and the index entries of one enterprise.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "internal.h"
#include "sedesk/i18n.h"
#include "keys.h"
#include "profile_int.h"
#include "sedesk/number.h"
#include "record.h"
#include "sedesk/text.h"
#include "timeline.h"
#include "opportunity_internal.h"

enum { ET_ID = 1, ET_VERSION, ET_CREATED, ET_UPDATED, ET_FIELD0 = 16 };

/* The number in its one spelling (sd_number_normalise). */
static sd_status
normalise_number(const struct sd_field_info *fi, const char *in, char **v,
    struct sd_error *err)
{
	char num[SD_NUMBER_MAX];
	struct sd_error e;

	(void)in;
	if (sd_number_normalise(*v, num, &e) == SD_NUMBER_NONE)
		return sd_fail_field(err, SD_INVALID, fi->name, _("number: %s"), e.msg);
	free(*v);
	*v = sd_xstrdup(num);
	return SD_OK;
}

/*
 * One @, something before it, and a domain with a dot that neither
 * starts nor ends it ("info@zon.be"); no spaces.  Mail systems accept
 * more, but at a desk these are typing errors.
 */
sd_status
ent_check_email(const char *field, const char *v, struct sd_error *err)
{
	const char *at = strchr(v, '@'), *dot;

	if (at == NULL)
		return sd_fail_field(err, SD_INVALID, field,
		    _("email %s: an e-mail address needs an @."), v);
	dot = strrchr(at + 1, '.');
	if (at == v || strchr(at + 1, '@') != NULL || strpbrk(v, " \t") != NULL ||
	    dot == NULL || dot == at + 1 || dot[1] == '\0' || strstr(at + 1, "..") != NULL)
		return sd_fail_field(err, SD_INVALID, field,
		    _("email %s: give an address such as info@example.be (a name, @, and a "
		    "domain with a dot)."), v);
	return SD_OK;
}

static sd_status
check_email(const struct sd_field_info *fi, const char *in, char **v, struct sd_error *err)
{
	(void)in;
	return ent_check_email(fi->name, *v, err);
}

/* Digits, with the signs people write in phone numbers: + ( ) / . - and spaces. */
sd_status
ent_check_phone(const char *field, const char *v, struct sd_error *err)
{
	bool digit = false;

	for (const char *p = v; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digit = true;
		else if (strchr("+()/.- ", *p) == NULL)
			return sd_fail_field(err, SD_INVALID, field,
			    _("phone %s: use digits and + ( ) / . - or spaces only."), v);
	}
	if (!digit)
		return sd_fail_field(err, SD_INVALID, field,
		    _("phone %s: a phone number needs digits."), v);
	return SD_OK;
}

static sd_status
check_phone(const struct sd_field_info *fi, const char *in, char **v, struct sd_error *err)
{
	(void)in;
	return ent_check_phone(fi->name, *v, err);
}

#define OFF(m)	offsetof(struct sd_enterprise, m)
#define TEXT(i, name, label, max, flags, rule) \
	{ { name, label, SD_FK_TEXT, (flags) | SD_FF_JOURNAL, (max) }, ET_FIELD0 + (i), OFF(f[i]), \
	    0, NULL, rule }
#define LIST(i, name, label, max, flags) \
	{ { name, label, SD_FK_LIST, (flags) | SD_FF_JOURNAL, (max) }, ET_FIELD0 + (i), OFF(f[i]), \
	    0, NULL, NULL }

/*
 * The enterprise's fields in tag order.  The text fields follow ET_FIELD0
 * in the order of enum sd_ent_field (their tag is ET_FIELD0 + the enum);
 * multiline fields hold text of several lines (contacts, one per line, and
 * notes), every other one is a single line.
 */
static const struct sd_field_def ent_fields[] = {
	{ { "id", N_("id"), SD_FK_ID, SD_FF_SUMMARY, 16 }, ET_ID, OFF(id), 0, NULL, NULL },
	{ { "version", N_("version"), SD_FK_COUNT, 0, 0 }, ET_VERSION, OFF(version), 0, NULL, NULL },
	{ { "created", N_("created"), SD_FK_TIME, 0, 0 }, ET_CREATED, OFF(created), 0, NULL, NULL },
	{ { "updated", N_("updated"), SD_FK_TIME, 0, 0 }, ET_UPDATED, OFF(updated), 0, NULL, NULL },
	/* KBO's denomination limit */
	TEXT(SD_EF_NAME, "name", N_("the enterprise's name"), 320,
	    SD_FF_EDIT | SD_FF_SEARCH | SD_FF_NONEMPTY | SD_FF_SUMMARY, NULL),
	TEXT(SD_EF_NUMBER, "number", N_("the enterprise number"), 32,
	    SD_FF_EDIT | SD_FF_SEARCH | SD_FF_SUMMARY, normalise_number),
	TEXT(SD_EF_LEGAL_FORM, "legal_form", N_("the legal form"), 80, SD_FF_EDIT | SD_FF_SEARCH,
	    NULL),
	TEXT(SD_EF_EMAIL, "email", N_("the e-mail address"), 254,
	    SD_FF_EDIT | SD_FF_SEARCH | SD_FF_PERSONAL, check_email),
	TEXT(SD_EF_PHONE, "phone", N_("the phone number"), 40, SD_FF_EDIT | SD_FF_PERSONAL,
	    check_phone),
	TEXT(SD_EF_STREET, "street", N_("the street"), 200, SD_FF_EDIT | SD_FF_SEARCH, NULL),
	TEXT(SD_EF_POSTCODE, "postcode", N_("the postcode"), 20, SD_FF_EDIT | SD_FF_SEARCH, NULL),
	TEXT(SD_EF_CITY, "city", N_("the city"), 200, SD_FF_EDIT | SD_FF_SEARCH | SD_FF_SUMMARY,
	    NULL),
	LIST(SD_EF_TAGS, "tags", N_("the tags"), 1000, SD_FF_EDIT | SD_FF_SEARCH | SD_FF_SUMMARY),
	LIST(SD_EF_OFFERS, "offers", N_("the offers"), 2000, SD_FF_EDIT | SD_FF_SEARCH),
	/* Free text of records before the contact persons: kept, shown as notes. */
	TEXT(SD_EF_CONTACTS, "contacts", N_("the notes on contacts"), 4000,
	    SD_FF_EDIT | SD_FF_SEARCH | SD_FF_PERSONAL | SD_FF_MULTILINE, NULL),
	TEXT(SD_EF_NOTES, "notes", N_("the notes"), 20000,
	    SD_FF_EDIT | SD_FF_SEARCH | SD_FF_PERSONAL | SD_FF_MULTILINE, NULL),
	/*
	 * The profile (sedesk/profile.h): checked against the configuration by
	 * sd_profile_normalise; its words go in the search index through
	 * profile_terms (labels, not the stored keys), so no SD_FF_SEARCH.
	 */
	TEXT(SD_EF_KIND, "kind", N_("the kind of social enterprise"), 40, SD_FF_EDIT, NULL),
	TEXT(SD_EF_RECOGNITIONS, "recognitions", N_("the recognitions"), 2000,
	    SD_FF_EDIT | SD_FF_MULTILINE | SD_FF_ITEMS, NULL),
	TEXT(SD_EF_NACE, "nace", N_("the NACE-BEL activity codes"), 2000,
	    SD_FF_EDIT | SD_FF_MULTILINE | SD_FF_ITEMS, NULL),
	LIST(SD_EF_NEEDS, "needs", N_("the needs"), 2000, SD_FF_EDIT | SD_FF_SEARCH),
	TEXT(SD_EF_PERSONS, "persons", N_("the contact persons"), 8000,
	    SD_FF_EDIT | SD_FF_PERSONAL | SD_FF_MULTILINE | SD_FF_ITEMS, NULL),
	TEXT(SD_EF_EMPLOYMENT, "employment", N_("the employment figures"), 200,
	    SD_FF_EDIT | SD_FF_ITEMS, NULL),
	/*
	 * From the KBO open data (`enterprise import-kbo`, kbo_import.c),
	 * which keeps them current: not edited by hand (no SD_FF_EDIT).  The
	 * contact data of a natural person is personal data, a legal
	 * person's is not: two fields, so the flag says which.
	 */
	TEXT(SD_EF_ALT_NAMES, "alt_names", N_("the alternative names"), 8000,
	    SD_FF_SEARCH | SD_FF_MULTILINE, NULL),
	TEXT(SD_EF_KBO_TYPE, "kbo_type", N_("the type of enterprise"), 200, 0, NULL),
	TEXT(SD_EF_SITUATION, "situation", N_("the juridical situation"), 200, 0, NULL),
	TEXT(SD_EF_START_DATE, "start_date", N_("the start date"), 10, 0, NULL),
	/*
	 * Addresses and activities are not searched: the seat's street and
	 * city are (street, city), and at 1.9M enterprises every word more
	 * is millions of index entries for the import to write.
	 */
	TEXT(SD_EF_ADDRESSES, "addresses", N_("the addresses"), 30000, SD_FF_MULTILINE, NULL),
	TEXT(SD_EF_KBO_CONTACTS, "kbo_contacts", N_("the contact data from KBO"), 8000,
	    SD_FF_MULTILINE, NULL),
	TEXT(SD_EF_KBO_PERSON_CONTACTS, "kbo_person_contacts",
	    N_("the personal contact data from KBO"), 8000, SD_FF_PERSONAL | SD_FF_MULTILINE,
	    NULL),
	TEXT(SD_EF_ACTIVITIES, "activities", N_("the activities"), 8000, SD_FF_MULTILINE, NULL),
	TEXT(SD_EF_CEASED, "ceased", N_("the day it was no longer in KBO"), 10, SD_FF_SUMMARY,
	    NULL),
};
#define ENT_TEXT0	4	/* the row of SD_EF_NAME */

const struct sd_record_def sd_ent_record =
    SD_RECORD_DEF(SD_REC_ENTERPRISE, ent_fields, struct sd_enterprise);

const struct sd_field_def *
ent_field_def(enum sd_ent_field f)
{
	return &ent_fields[ENT_TEXT0 + f];
}

static const struct sd_field_info *
ent_field(enum sd_ent_field f)
{
	return &ent_fields[ENT_TEXT0 + f].info;
}

const char *
sd_ent_field_name(enum sd_ent_field f)
{
	return f < SD_EF_COUNT ? ent_field(f)->name : "?";
}

int
sd_ent_field_parse(const char *name)
{
	for (int i = 0; i < SD_EF_COUNT; i++) {
		if (strcmp(ent_field(i)->name, name) == 0)
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
	return ent_field(f)->max;
}

const char *
sd_ent_field_label(enum sd_ent_field f)
{
	return f < SD_EF_COUNT ? sd_field_label(ent_field(f)) : "?";
}

bool
sd_ent_field_multiline(enum sd_ent_field f)
{
	return f < SD_EF_COUNT && (ent_field(f)->flags & SD_FF_MULTILINE);
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
	sd_rec_free(&sd_ent_record, e);
}

/* --- records ------------------------------------------------------------------ */

sd_status
ent_load(struct sd_txn *t, const uint8_t id[SD_UUID_LEN], struct sd_enterprise *out,
    struct sd_error *err)
{
	MDB_val v;
	sd_status s = sd_db_get(t, SD_DB_ENT, id, SD_UUID_LEN, &v, _("enterprise"), err);

	if (s == SD_NOTFOUND) {
		char ids[SD_UUID_STR];
		sd_uuid_format(id, ids);
		return sd_fail(err, SD_NOTFOUND, _("no enterprise %s."), ids);
	}
	if (s != SD_OK)
		return s;
	if (!sd_rec_decode(&sd_ent_record, v.mv_data, v.mv_size, out)) {
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
	sd_status s;

	if (sd_uuid_parse(ref, id)) {
		s = sd_db_get(t, SD_DB_ENT, id, SD_UUID_LEN, &v, _("enterprise"), err);
		if (s != SD_NOTFOUND)
			return s;
	} else if (sd_number_normalise(ref, num, NULL) != SD_NUMBER_NONE) {
		s = sd_db_get(t, SD_DB_ENT_BY_NUMBER, num, strlen(num), &v, _("enterprise"), err);
		if (s == SD_OK && v.mv_size == SD_UUID_LEN) {
			memcpy(id, v.mv_data, SD_UUID_LEN);
			return SD_OK;
		}
		if (s != SD_OK && s != SD_NOTFOUND)
			return s;
	}
	return sd_fail(err, SD_NOTFOUND,
	    _("no enterprise %s; give its id or its KBO/KvK number (see `sedesk enterprise list`)."),
	    ref);
}

/* --- indexes ------------------------------------------------------------------- */

static void
name_key(struct sd_key *k, const struct sd_enterprise *e)
{
	char *folded = sd_fold(e->f[SD_EF_NAME] ? e->f[SD_EF_NAME] : "");

	sd_key_reset(k);
	sd_key_str(k, folded);
	sd_key_bytes(k, e->id, SD_UUID_LEN);
	free(folded);
}

struct word_arg {
	struct sd_txn			*t;
	const struct sd_enterprise	*e;
	bool				 put;
	struct sd_error			*err;
};

static int
word_entry(const char *w, size_t n, void *arg)
{
	struct word_arg *a = arg;
	char *word = sd_xstrndup(w, n);
	struct sd_key k;

	sd_key_reset(&k);
	sd_key_str(&k, word);
	sd_key_bytes(&k, a->e->id, SD_UUID_LEN);
	free(word);
	/* fold_words stops at the first word that does not return 0. */
	return (int)(a->put ? sd_db_put_flag(a->t, SD_DB_ENT_BY_WORD, k.b, k.len,
	    _("enterprise"), a->err) :
	    sd_db_del(a->t, SD_DB_ENT_BY_WORD, k.b, k.len, _("enterprise"), a->err));
}

/* Adds (put) or removes the index entries of e. */
sd_status
ent_index(struct sd_txn *t, const struct sd_enterprise *e, bool put, struct sd_error *err)
{
	struct word_arg wa = { t, e, put, err };
	struct sd_key k;
	char *folded;
	sd_status s;

	folded = sd_fold(e->f[SD_EF_NAME] ? e->f[SD_EF_NAME] : "");
	s = (sd_status)fold_words(folded, word_entry, &wa);
	free(folded);
	if (s != SD_OK)
		return s;
	/* Its place in the last-contact list stays through edits (timeline.h). */
	if (put && (s = timeline_enterprise(t, e->id, err)) != SD_OK)
		return s;
	/* By NACE code and offer word, for the opportunities' matching. */
	if ((s = opp_ent_index(t, e, put, err)) != SD_OK)
		return s;
	/* By e-mail address, for incoming mail's sender. */
	if ((s = ent_email_index(t, e, put, err)) != SD_OK)
		return s;
	name_key(&k, e);
	s = put ? sd_db_put_flag(t, SD_DB_ENT_BY_NAME, k.b, k.len, _("enterprise"), err) :
	    sd_db_del(t, SD_DB_ENT_BY_NAME, k.b, k.len, _("enterprise"), err);
	if (s == SD_OK && e->f[SD_EF_NUMBER] != NULL) {
		const char *n = e->f[SD_EF_NUMBER];
		s = put ? sd_db_put(t, SD_DB_ENT_BY_NUMBER, n, strlen(n), e->id, SD_UUID_LEN,
		    _("enterprise"), err) :
		    sd_db_del(t, SD_DB_ENT_BY_NUMBER, n, strlen(n), _("enterprise"), err);
	}
	if (s == SD_OK && e->f[SD_EF_TAGS] != NULL) {
		char *tags = sd_xstrdup(e->f[SD_EF_TAGS]), *save = NULL;
		for (char *tag = strtok_r(tags, ",", &save); tag && s == SD_OK;
		    tag = strtok_r(NULL, ",", &save)) {
			char *ftag = sd_fold(tag), *fname = sd_fold(e->f[SD_EF_NAME]);
			/* Tag, then name: a tag's list comes out in name order. */
			sd_key_reset(&k);
			sd_key_str(&k, ftag);
			sd_key_str(&k, fname);
			sd_key_bytes(&k, e->id, SD_UUID_LEN);
			free(ftag);
			free(fname);
			s = put ?
			    sd_db_put_flag(t, SD_DB_ENT_BY_TAG, k.b, k.len, _("enterprise"), err) :
			    sd_db_del(t, SD_DB_ENT_BY_TAG, k.b, k.len, _("enterprise"), err);
		}
		free(tags);
	}
	return s;
}

sd_status
ent_number_free(struct sd_txn *t, const char *number, const uint8_t *self,
    struct sd_error *err)
{
	struct sd_enterprise other;
	MDB_val v;
	sd_status s;

	if (number == NULL)
		return SD_OK;
	s = sd_db_get(t, SD_DB_ENT_BY_NUMBER, number, strlen(number), &v, _("enterprise"), err);
	if (s == SD_NOTFOUND)
		return SD_OK;
	if (s != SD_OK)
		return s;
	if (v.mv_size != SD_UUID_LEN || (self && memcmp(v.mv_data, self, SD_UUID_LEN) == 0))
		return SD_OK;
	if ((s = ent_load(t, v.mv_data, &other, err)) != SD_OK)
		return s;
	s = sd_fail_field(err, SD_INVALID, "number", _("number %s is already registered for %s."),
	    number, other.f[SD_EF_NAME] ? other.f[SD_EF_NAME] : "?");
	sd_enterprise_free(&other);
	return s;
}

sd_status
ent_put(struct sd_txn *t, const struct sd_enterprise *e, struct sd_error *err)
{
	struct sd_buf rec = { 0 };
	sd_status s;

	sd_rec_encode(&rec, &sd_ent_record, e);
	s = sd_db_put(t, SD_DB_ENT, e->id, SD_UUID_LEN, rec.data, rec.len, _("enterprise"), err);
	sd_buf_free(&rec);
	return s;
}

