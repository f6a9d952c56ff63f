/*
 * The enterprise's profile (sedesk/profile.h): the kinds and recognitions
 * offered, the typed items of the structured fields and their rules, and
 * the profile in words.  NACE codes: profile_nace.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "internal.h"
#include "profile_int.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"

/* --- kinds and recognitions ----------------------------------------------------- */

struct builtin {
	const char	*code;
	const char	*label;		/* N_() */
	const char	*words;		/* Dutch words for the search index (any language finds it) */
};

/* Flemish and Dutch kinds of social enterprise; codes are stored, never renamed. */
static const struct builtin kinds[] = {
	{ "maatwerkbedrijf", N_("maatwerkbedrijf (custom employment company)"), "maatwerkbedrijf" },
	{ "lde", N_("local services economy (lokale diensteneconomie)"), "lokale diensteneconomie" },
	{ "sociale-cooperatie", N_("social cooperative"), "sociale coöperatie" },
	{ "arbeidszorg", N_("sheltered work / day activities (arbeidszorg, dagbesteding)"),
	    "arbeidszorg dagbesteding" },
	{ "sociaal-cultureel", N_("socio-cultural enterprise"), "sociaal-cultureel ondernemen" },
	{ "leerwerkbedrijf", N_("work-experience company (leerwerkbedrijf)"), "leerwerkbedrijf" },
	{ "sociale-onderneming-nl", N_("social enterprise (Netherlands)"), "sociale onderneming" },
	{ "other", N_("other kind"), "andere" },
};

/* Recognitions a contact point meets in Flanders and the Netherlands. */
static const struct builtin recognitions[] = {
	{ "maatwerkbedrijf", N_("recognised maatwerkbedrijf"), "erkend maatwerkbedrijf" },
	{ "lde", N_("recognised local services economy enterprise"),
	    "erkend lokale diensteneconomie" },
	{ "arbeidszorg", N_("recognised arbeidszorg initiative"), "erkend arbeidszorginitiatief" },
	{ "leerwerkbedrijf", N_("recognised leerwerkbedrijf"), "erkend leerwerkbedrijf" },
	{ "ncr", N_("accredited cooperative (National Council for Cooperation)"),
	    "erkende coöperatie nationale raad voor de coöperatie" },
	{ "sociale-onderneming", N_("accredited social enterprise (cooperative company)"),
	    "erkend sociale onderneming" },
	{ "code-so-nl", N_("registered under the Code Social Enterprises (NL)"),
	    "code sociale ondernemingen" },
	{ "pso-nl", N_("PSO certificate (NL)"), "pso prestatieladder socialer ondernemen" },
};

static const struct builtin *
builtin_list(enum sd_code_list l, size_t *n)
{
	if (l == SD_LIST_KINDS) {
		*n = sizeof kinds / sizeof kinds[0];
		return kinds;
	}
	*n = sizeof recognitions / sizeof recognitions[0];
	return recognitions;
}

static const char *
builtin_label(enum sd_code_list l, const char *code)
{
	size_t n;
	const struct builtin *b = builtin_list(l, &n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(b[i].code, code) == 0)
			return _(b[i].label);
	return NULL;
}

bool
sd_profile_code(const struct sd_config *cfg, enum sd_code_list l, size_t i, const char **code,
    const char **label)
{
	const struct sd_code *c = NULL;
	size_t nc = 0, nb;
	const struct builtin *b = builtin_list(l, &nb);

	if (cfg != NULL) {
		c = l == SD_LIST_KINDS ? cfg->kinds : cfg->recognitions;
		nc = l == SD_LIST_KINDS ? cfg->nkinds : cfg->nrecognitions;
	}
	if (nc > 0) {
		if (i >= nc)
			return false;
		*code = c[i].id;
		if ((*label = c[i].name) == NULL && (*label = builtin_label(l, c[i].id)) == NULL)
			*label = c[i].id;
		return true;
	}
	if (i >= nb)
		return false;
	*code = b[i].code;
	*label = _(b[i].label);
	return true;
}

const char *
sd_profile_code_label(const struct sd_config *cfg, enum sd_code_list l, const char *code)
{
	const char *c, *label;

	for (size_t i = 0; sd_profile_code(cfg, l, i, &c, &label); i++)
		if (strcmp(c, code) == 0)
			return label;
	/* A code no longer configured still reads as its built-in label. */
	label = builtin_label(l, code);
	return label != NULL ? label : code;
}

bool
sd_profile_code_known(const struct sd_config *cfg, enum sd_code_list l, const char *code)
{
	const char *c, *label;

	for (size_t i = 0; sd_profile_code(cfg, l, i, &c, &label); i++)
		if (strcmp(c, code) == 0)
			return true;
	return false;
}

/* The codes offered, for a message: "a, b, c". */
static void
codes_list(const struct sd_config *cfg, enum sd_code_list l, char *out, size_t size)
{
	struct sd_buf b = { 0 };
	const char *c, *label;

	for (size_t i = 0; sd_profile_code(cfg, l, i, &c, &label); i++)
		sd_buf_addf(&b, "%s%s", i ? ", " : "", c);
	snprintf(out, size, "%s", b.data ? b.data : "");
	sd_buf_free(&b);
}

/* --- FTE ------------------------------------------------------------------------ */

void
sd_fte_format(long h, char out[24])
{
	snprintf(out, 24, "%ld.%02ld", h / 100, h % 100);
}

/* Whole units, then '.' or ',' and one or two decimals: no floating point. */
bool
sd_fte_parse(const char *s, long *out)
{
	long whole = 0, frac = 0;
	int digits = 0, fd = 0;
	const char *p = s;

	for (; *p >= '0' && *p <= '9'; p++, digits++) {
		if (whole > 1000000)
			return false;
		whole = whole * 10 + (*p - '0');
	}
	if (digits == 0)
		return false;
	if (*p == '.' || *p == ',') {
		for (p++; *p >= '0' && *p <= '9'; p++, fd++) {
			if (fd == 2)
				return false;
			frac = frac * 10 + (*p - '0');
		}
		if (fd == 0)
			return false;
		if (fd == 1)
			frac *= 10;
	}
	if (*p != '\0')
		return false;
	*out = whole * 100 + frac;
	return true;
}

/* A whole number from 0 to max; false otherwise. */
static bool
count_parse(const char *s, long max, long *out)
{
	long v = 0;

	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > max / 10)
			return false;
		v = v * 10 + (*s - '0');
	}
	if (v > max)
		return false;
	*out = v;
	return true;
}

/* --- typed items ------------------------------------------------------------------ */

/* Only the keys a field knows: a typo in a key is an error, not a value lost. */
static sd_status
keys_known(const struct sd_item *it, const char *const *keys, const char *field, size_t line,
    struct sd_error *err)
{
	for (size_t i = 0; i < it->n; i++) {
		bool ok = false;
		for (const char *const *k = keys; *k != NULL; k++)
			ok |= strcmp(*k, it->kv[i].key) == 0;
		if (!ok)
			return sd_fail_field(err, SD_INVALID, field,
			    _("%s, line %zu: unknown key %s."), field, line, it->kv[i].key);
	}
	return SD_OK;
}

void
sd_recognitions_free(struct sd_recognition *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(r[i].name);
	free(r);
}

sd_status
sd_recognitions_read(const struct sd_config *cfg, const char *text, struct sd_recognition **out,
    size_t *n, struct sd_error *err)
{
	static const char *const keys[] = { "name", "since", NULL };
	struct sd_items items;
	sd_status s;

	*out = NULL;
	*n = 0;
	if ((s = sd_items_parse(text, &items, err)) != SD_OK)
		return sd_fail_field(err, s, "recognitions", "recognitions: %s", err->msg);
	*out = sd_xcalloc(items.n + 1, sizeof **out);
	for (size_t i = 0; i < items.n && s == SD_OK; i++) {
		const struct sd_item *it = &items.items[i];
		const char *name = sd_item_get(it, "name"), *since = sd_item_get(it, "since");
		char known[512];
		sd_day d;

		if ((s = keys_known(it, keys, "recognitions", i + 1, err)) != SD_OK)
			break;
		if (name == NULL) {
			s = sd_fail_field(err, SD_INVALID, "recognitions",
			    _("recognitions, line %zu: say which recognition (name=…)."), i + 1);
			break;
		}
		if (!sd_profile_code_known(cfg, SD_LIST_RECOGNITIONS, name)) {
			codes_list(cfg, SD_LIST_RECOGNITIONS, known, sizeof known);
			s = sd_fail_field(err, SD_INVALID, "recognitions",
			    _("recognition %s is not known; use one of: %s."), name, known);
			break;
		}
		if (since == NULL || !sd_day_parse(since, &d) || !sd_day_in_range(d)) {
			s = sd_fail_field(err, SD_INVALID, "recognitions",
			    _("recognition %s: give the day it was granted as YYYY-MM-DD, a real "
			    "date (not \"%s\")."), name, since ? since : "");
			break;
		}
		for (size_t k = 0; k < *n; k++)
			if (strcmp((*out)[k].name, name) == 0)
				s = sd_fail_field(err, SD_INVALID, "recognitions",
				    _("recognition %s is given twice."), name);
		if (s != SD_OK)
			break;
		(*out)[*n].name = sd_xstrdup(name);
		(*out)[*n].since = d;
		(*n)++;
	}
	sd_items_free(&items);
	if (s != SD_OK) {
		sd_recognitions_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return s;
}

sd_status
sd_nace_read(const char *text, struct sd_nace **out, size_t *n, struct sd_error *err)
{
	static const char *const keys[] = { "code", "version", "main", NULL };
	struct sd_items items;
	size_t mains = 0;
	sd_status s;

	*out = NULL;
	*n = 0;
	if ((s = sd_items_parse(text, &items, err)) != SD_OK)
		return sd_fail_field(err, s, "nace", "nace: %s", err->msg);
	*out = sd_xcalloc(items.n + 1, sizeof **out);
	for (size_t i = 0; i < items.n && s == SD_OK; i++) {
		const struct sd_item *it = &items.items[i];
		const char *code = sd_item_get(it, "code"), *version = sd_item_get(it, "version");
		const char *main = sd_item_get(it, "main");
		struct sd_nace c = { .version = 2008 };
		long v;

		if ((s = keys_known(it, keys, "nace", i + 1, err)) != SD_OK)
			break;
		if (code == NULL) {
			s = sd_fail_field(err, SD_INVALID, "nace",
			    _("nace, line %zu: give the code (code=81.300)."), i + 1);
			break;
		}
		if (version != NULL) {
			if (!count_parse(version, 9999, &v) ||
			    (v != 2008 && v != 2025 && v != 2003)) {
				s = sd_fail_field(err, SD_INVALID, "nace",
				    _("NACE code %s: version %s is not known; use 2008 or 2025."),
				    code, version);
				break;
			}
			c.version = (int)v;
		}
		if ((s = nace_normalise_version(code, c.version, c.code, err)) != SD_OK)
			break;
		if (main != NULL && strcmp(main, "1") != 0 && strcmp(main, "0") != 0) {
			s = sd_fail_field(err, SD_INVALID, "nace",
			    _("NACE code %s: main is 1 (the main activity) or 0."), c.code);
			break;
		}
		c.main = main != NULL && strcmp(main, "1") == 0;
		mains += c.main;
		for (size_t k = 0; k < *n; k++)
			if (strcmp((*out)[k].code, c.code) == 0 && (*out)[k].version == c.version)
				s = sd_fail_field(err, SD_INVALID, "nace",
				    _("NACE code %s is given twice."), c.code);
		if (s == SD_OK && mains > 1)
			s = sd_fail_field(err, SD_INVALID, "nace",
			    _("only one NACE code is the main activity; %s is a second one."),
			    c.code);
		if (s != SD_OK)
			break;
		(*out)[(*n)++] = c;
	}
	sd_items_free(&items);
	if (s != SD_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return s;
}

void
sd_persons_free(struct sd_person *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].name);
		free(p[i].role);
		free(p[i].email);
		free(p[i].phone);
	}
	free(p);
}


sd_status
sd_persons_read(const char *text, struct sd_person **out, size_t *n, struct sd_error *err)
{
	static const char *const keys[] = { "name", "role", "email", "phone", "lang", NULL };
	static const char *const langs[] = { "nl", "en", "fr", "de", NULL };
	struct sd_items items;
	sd_status s;

	*out = NULL;
	*n = 0;
	if ((s = sd_items_parse(text, &items, err)) != SD_OK)
		return sd_fail_field(err, s, "persons", "persons: %s", err->msg);
	*out = sd_xcalloc(items.n + 1, sizeof **out);
	for (size_t i = 0; i < items.n && s == SD_OK; i++) {
		const struct sd_item *it = &items.items[i];
		const char *name = sd_item_get(it, "name"), *email = sd_item_get(it, "email");
		const char *phone = sd_item_get(it, "phone"), *lang = sd_item_get(it, "lang");
		struct sd_person *p = &(*out)[*n];
		bool ok = lang == NULL;

		if ((s = keys_known(it, keys, "persons", i + 1, err)) != SD_OK)
			break;
		if (name == NULL) {
			s = sd_fail_field(err, SD_INVALID, "persons",
			    _("contact person %zu: give a name (name=…)."), i + 1);
			break;
		}
		if ((email != NULL && (s = ent_check_email("persons", email, err)) != SD_OK) ||
		    (phone != NULL && (s = ent_check_phone("persons", phone, err)) != SD_OK)) {
			char why[sizeof err->msg];
			snprintf(why, sizeof why, "%s", err->msg);
			s = sd_fail_field(err, s, "persons", _("contact person %s: %s"), name, why);
			break;
		}
		for (const char *const *l = langs; lang != NULL && *l != NULL; l++)
			ok |= strcmp(*l, lang) == 0;
		if (!ok) {
			s = sd_fail_field(err, SD_INVALID, "persons",
			    _("contact person %s: language %s; use nl, en, fr or de."), name, lang);
			break;
		}
		p->name = sd_xstrdup(name);
		p->role = sd_xstrdup(sd_item_get(it, "role"));
		p->email = sd_xstrdup(email);
		p->phone = sd_xstrdup(phone);
		snprintf(p->lang, sizeof p->lang, "%s", lang ? lang : "");
		(*n)++;
	}
	sd_items_free(&items);
	if (s != SD_OK) {
		sd_persons_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return s;
}

sd_status
sd_employment_read(const char *text, struct sd_employment *out, struct sd_error *err)
{
	static const char *const keys[] = { "target", "fte", "known", NULL };
	struct sd_items items;
	const struct sd_item *it;
	const char *v;
	sd_status s;

	out->target = out->fte = -1;
	out->known = SD_NO_DAY;
	if ((s = sd_items_parse(text, &items, err)) != SD_OK)
		return sd_fail_field(err, s, "employment", "employment: %s", err->msg);
	if (items.n == 0)
		return SD_OK;
	it = &items.items[0];
	if (items.n > 1)
		s = sd_fail_field(err, SD_INVALID, "employment",
		    _("employment: one line (target=…;fte=…;known=YYYY-MM-DD)."));
	else
		s = keys_known(it, keys, "employment", 1, err);
	if (s == SD_OK && (v = sd_item_get(it, "target")) != NULL &&
	    !count_parse(v, 1000000, &out->target))
		s = sd_fail_field(err, SD_INVALID, "employment",
		    _("employment: %s target-group employees is not a whole number."), v);
	/* Stored in hundredths; people type 10.5 or 10,50. */
	if (s == SD_OK && (v = sd_item_get(it, "fte")) != NULL && !sd_fte_parse(v, &out->fte))
		s = sd_fail_field(err, SD_INVALID, "employment",
		    _("employment: FTE %s: give a number with at most two decimals, e.g. 10.5."),
		    v);
	if (s == SD_OK && (v = sd_item_get(it, "known")) != NULL &&
	    (!sd_day_parse(v, &out->known) || !sd_day_in_range(out->known)))
		s = sd_fail_field(err, SD_INVALID, "employment",
		    _("employment: the day the figures were known is YYYY-MM-DD, a real date "
		    "(not \"%s\")."), v);
	if (s == SD_OK && out->target < 0 && out->fte < 0)
		s = sd_fail_field(err, SD_INVALID, "employment",
		    _("employment: give target-group employees (target=…) or FTE (fte=…)."));
	sd_items_free(&items);
	return s;
}

/* --- canonical text ---------------------------------------------------------------- */

static char *
take(struct sd_buf *b)
{
	if (b->len == 0) {
		sd_buf_free(b);
		return NULL;
	}
	return sd_buf_take(b);
}

static void
add_item(struct sd_buf *b, struct sd_item *it)
{
	if (b->len > 0)
		sd_buf_add(b, "\n", 1);
	sd_item_format(b, it);
	sd_item_free(it);
}

char *
sd_recognitions_text(const struct sd_recognition *r, size_t n)
{
	struct sd_buf b = { 0 };

	for (size_t i = 0; i < n; i++) {
		struct sd_item it = { 0 };
		char day[11];

		sd_day_format(r[i].since, day);
		sd_item_set(&it, "name", r[i].name);
		sd_item_set(&it, "since", day);
		add_item(&b, &it);
	}
	return take(&b);
}

char *
sd_nace_text(const struct sd_nace *c, size_t n)
{
	struct sd_buf b = { 0 };

	for (size_t i = 0; i < n; i++) {
		struct sd_item it = { 0 };
		char v[12];

		snprintf(v, sizeof v, "%d", c[i].version);
		sd_item_set(&it, "code", c[i].code);
		sd_item_set(&it, "version", v);
		if (c[i].main)
			sd_item_set(&it, "main", "1");
		add_item(&b, &it);
	}
	return take(&b);
}

char *
sd_persons_text(const struct sd_person *p, size_t n)
{
	struct sd_buf b = { 0 };

	for (size_t i = 0; i < n; i++) {
		struct sd_item it = { 0 };

		sd_item_set(&it, "name", p[i].name);
		sd_item_set(&it, "role", p[i].role);
		sd_item_set(&it, "email", p[i].email);
		sd_item_set(&it, "phone", p[i].phone);
		sd_item_set(&it, "lang", p[i].lang);
		add_item(&b, &it);
	}
	return take(&b);
}

char *
sd_employment_text(const struct sd_employment *e)
{
	struct sd_buf b = { 0 };
	struct sd_item it = { 0 };
	char v[24];

	if (e->target >= 0) {
		snprintf(v, sizeof v, "%ld", e->target);
		sd_item_set(&it, "target", v);
	}
	/* Hundredths written with their decimal point: exact, and read as typed. */
	if (e->fte >= 0) {
		sd_fte_format(e->fte, v);
		sd_item_set(&it, "fte", v);
	}
	if (e->known != SD_NO_DAY) {
		sd_day_format(e->known, v);
		sd_item_set(&it, "known", v);
	}
	if (it.n > 0)
		add_item(&b, &it);
	return take(&b);
}

/* --- normalising input ------------------------------------------------------------- */

bool
sd_profile_field(enum sd_ent_field f)
{
	return f == SD_EF_KIND || f == SD_EF_RECOGNITIONS || f == SD_EF_NACE ||
	    f == SD_EF_PERSONS || f == SD_EF_EMPLOYMENT;
}

sd_status
sd_profile_normalise(const struct sd_config *cfg, enum sd_ent_field f, const char *in,
    char **out, struct sd_error *err)
{
	char known[512];
	sd_status s = SD_OK;
	size_t n;

	*out = NULL;
	if (in == NULL || *in == '\0')
		return SD_OK;
	switch (f) {
	case SD_EF_KIND:
		if (!sd_profile_code_known(cfg, SD_LIST_KINDS, in)) {
			codes_list(cfg, SD_LIST_KINDS, known, sizeof known);
			return sd_fail_field(err, SD_INVALID, "kind",
			    _("kind %s is not known; use one of: %s."), in, known);
		}
		*out = sd_xstrdup(in);
		break;
	case SD_EF_RECOGNITIONS: {
		struct sd_recognition *r;
		if ((s = sd_recognitions_read(cfg, in, &r, &n, err)) == SD_OK) {
			*out = sd_recognitions_text(r, n);
			sd_recognitions_free(r, n);
		}
		break;
	}
	case SD_EF_NACE: {
		struct sd_nace *c;
		if ((s = sd_nace_read(in, &c, &n, err)) == SD_OK) {
			*out = sd_nace_text(c, n);
			free(c);
		}
		break;
	}
	case SD_EF_PERSONS: {
		struct sd_person *p;
		if ((s = sd_persons_read(in, &p, &n, err)) == SD_OK) {
			*out = sd_persons_text(p, n);
			sd_persons_free(p, n);
		}
		break;
	}
	case SD_EF_EMPLOYMENT: {
		struct sd_employment e;
		if ((s = sd_employment_read(in, &e, err)) == SD_OK)
			*out = sd_employment_text(&e);
		break;
	}
	default:
		*out = sd_xstrdup(in);
		break;
	}
	return s;
}

sd_status
sd_enterprise_recognitions(const struct sd_enterprise *e, struct sd_recognition **out,
    size_t *n)
{
	struct sd_items items;
	struct sd_error err;

	*out = NULL;
	*n = 0;
	/* What the record holds, whatever the configuration offers today. */
	if (sd_items_parse(e->f[SD_EF_RECOGNITIONS], &items, &err) != SD_OK)
		return SD_OK;
	*out = sd_xcalloc(items.n + 1, sizeof **out);
	for (size_t i = 0; i < items.n; i++) {
		const char *name = sd_item_get(&items.items[i], "name");
		const char *since = sd_item_get(&items.items[i], "since");
		sd_day d;

		if (name == NULL || since == NULL || !sd_day_parse(since, &d))
			continue;
		(*out)[*n].name = sd_xstrdup(name);
		(*out)[*n].since = d;
		(*n)++;
	}
	sd_items_free(&items);
	return SD_OK;
}

/* --- in words ---------------------------------------------------------------------- */

void
sd_recognition_words(const struct sd_config *cfg, const struct sd_recognition *r,
    struct sd_buf *b)
{
	char day[11];

	sd_day_format(r->since, day);
	sd_buf_addf(b, _("%s since %s"), sd_profile_code_label(cfg, SD_LIST_RECOGNITIONS, r->name),
	    day);
}

/*
 * The label the KBO extract gave code c, from an enterprise's activities
 * ("55.022 (NACE 2025, Hoofdactiviteit): label", kbo_build.c): sedesk's
 * own table has no labels of every version.  Its length in *len.
 */
static const char *
activity_label(const struct sd_nace *c, const char *activities, size_t *len)
{
	char head[SD_NACE_CODE_MAX + 32];
	size_t hl;

	if (activities == NULL)
		return NULL;
	hl = (size_t)snprintf(head, sizeof head, "%s (NACE %d,", c->code, c->version);
	for (const char *l = activities; *l != '\0'; ) {
		size_t n = strcspn(l, "\n");
		const char *colon;
		if (n > hl && strncmp(l, head, hl) == 0 &&
		    (colon = memchr(l + hl, ')', n - hl)) != NULL &&
		    (size_t)(colon - l) + 3 < n && colon[1] == ':' && colon[2] == ' ') {
			*len = n - (size_t)(colon + 3 - l);
			return colon + 3;
		}
		l += n + (l[n] == '\n');
	}
	return NULL;
}

void
sd_nace_words_with(const struct sd_nace *c, const char *activities, struct sd_buf *b)
{
	bool exact;
	const char *label = sd_nace_label(c->code, c->version, NULL, &exact);
	size_t len;

	sd_buf_adds(b, c->code);
	if (c->version != 2008)
		sd_buf_addf(b, " (%d)", c->version);
	if (label != NULL)
		sd_buf_addf(b, exact ? " %s" : _(" (division: %s)"), label);
	else if ((label = activity_label(c, activities, &len)) != NULL)
		sd_buf_addf(b, " %.*s", (int)len, label);
	if (c->main)
		sd_buf_addf(b, " — %s", _("main activity"));
}

void
sd_nace_words(const struct sd_nace *c, struct sd_buf *b)
{
	sd_nace_words_with(c, NULL, b);
}

void
sd_person_words(const struct sd_person *p, struct sd_buf *b)
{
	sd_buf_adds(b, p->name);
	if (p->role != NULL)
		sd_buf_addf(b, ", %s", p->role);
	if (p->email != NULL)
		sd_buf_addf(b, ", %s", p->email);
	if (p->phone != NULL)
		sd_buf_addf(b, ", %s", p->phone);
	if (p->lang[0] != '\0')
		sd_buf_addf(b, _(", speaks %s"), p->lang);
}

void
sd_employment_words(const struct sd_employment *e, struct sd_buf *b)
{
	char fte[24], day[11];
	bool any = false;

	if (e->target >= 0) {
		sd_buf_addf(b, _("%ld target-group employees"), e->target);
		any = true;
	}
	if (e->fte >= 0) {
		sd_fte_format(e->fte, fte);
		sd_buf_addf(b, _("%s%s FTE"), any ? ", " : "", fte);
	}
	if (e->known != SD_NO_DAY) {
		sd_day_format(e->known, day);
		sd_buf_addf(b, _(" (known on %s)"), day);
	}
}

/* The lines of old that are not in new, in words, after a title. */
static void
lines_not_in(const char *title, const char *a, const char *b, const struct sd_config *cfg,
    const char *field, size_t start, struct sd_buf *out)
{
	struct sd_items ia, ib;
	struct sd_error err;
	bool first = true;

	if (sd_items_parse(a, &ia, &err) != SD_OK)
		return;
	if (sd_items_parse(b, &ib, &err) != SD_OK) {
		sd_items_free(&ia);
		return;
	}
	for (size_t i = 0; i < ia.n; i++) {
		struct sd_buf x = { 0 }, w = { 0 };
		bool found = false;

		sd_item_format(&x, &ia.items[i]);
		for (size_t k = 0; k < ib.n && !found; k++) {
			struct sd_buf y = { 0 };
			sd_item_format(&y, &ib.items[k]);
			found = strcmp(x.data ? x.data : "", y.data ? y.data : "") == 0;
			sd_buf_free(&y);
		}
		if (!found) {
			/* One line's words through the typed reader of its field. */
			if (strcmp(field, "recognitions") == 0) {
				struct sd_recognition *r;
				size_t n;
				/* What the line holds, whatever the configuration offers now. */
				sd_enterprise_recognitions(&(struct sd_enterprise){
				    .f[SD_EF_RECOGNITIONS] = x.data }, &r, &n);
				if (n == 1)
					sd_recognition_words(cfg, r, &w);
				sd_recognitions_free(r, n);
			} else if (strcmp(field, "nace") == 0) {
				struct sd_nace *c;
				size_t n;
				if (sd_nace_read(x.data, &c, &n, &err) == SD_OK && n == 1)
					sd_nace_words(c, &w);
				free(c);
			} else if (strcmp(field, "persons") == 0) {
				struct sd_person *p;
				size_t n;
				if (sd_persons_read(x.data, &p, &n, &err) == SD_OK && n == 1)
					sd_person_words(p, &w);
				sd_persons_free(p, n);
			} else {
				struct sd_employment e;
				if (sd_employment_read(x.data, &e, &err) == SD_OK)
					sd_employment_words(&e, &w);
			}
			if (first)
				sd_buf_addf(out, "%s%s ", out->len > start ? "; " : "", title);
			else
				sd_buf_adds(out, ", ");
			sd_buf_adds(out, w.len ? w.data : (x.data ? x.data : ""));
			first = false;
		}
		sd_buf_free(&x);
		sd_buf_free(&w);
	}
	sd_items_free(&ia);
	sd_items_free(&ib);
}

bool
sd_profile_change_words(const struct sd_config *cfg, const char *field, const char *old,
    const char *new, struct sd_buf *b)
{
	size_t before = b->len;

	if (strcmp(field, "recognitions") != 0 && strcmp(field, "nace") != 0 &&
	    strcmp(field, "persons") != 0 && strcmp(field, "employment") != 0)
		return false;
	lines_not_in(_("removed:"), old, new, cfg, field, before, b);
	lines_not_in(_("added:"), new, old, cfg, field, before, b);
	if (b->len == before)
		sd_buf_adds(b, "-");
	return true;
}

/* --- search ----------------------------------------------------------------------- */

/*
 * The profile's words for the search index.  The index must come out the
 * same whoever rebuilds it (`check` compares), so it holds codes, the
 * built-in labels in English (the msgids) and their Dutch words, and both
 * labels of a NACE division, never a translation of the moment.
 */
static void
code_terms(enum sd_code_list l, const char *code, struct termset *ts)
{
	size_t n;
	const struct builtin *b = builtin_list(l, &n);

	terms_add_text(ts, code);
	for (size_t i = 0; i < n; i++)
		if (strcmp(b[i].code, code) == 0) {
			terms_add_text(ts, b[i].label);
			terms_add_text(ts, b[i].words);
		}
}

void
profile_terms(const struct sd_enterprise *e, struct termset *ts)
{
	struct sd_recognition *r;
	struct sd_items items;
	struct sd_error err;
	size_t n;

	if (e->f[SD_EF_KIND] != NULL)
		code_terms(SD_LIST_KINDS, e->f[SD_EF_KIND], ts);
	sd_enterprise_recognitions(e, &r, &n);
	for (size_t i = 0; i < n; i++)
		code_terms(SD_LIST_RECOGNITIONS, r[i].name, ts);
	sd_recognitions_free(r, n);
	if (sd_items_parse(e->f[SD_EF_NACE], &items, &err) == SD_OK) {
		for (size_t i = 0; i < items.n; i++) {
			const char *code = sd_item_get(&items.items[i], "code");
			const char *v = sd_item_get(&items.items[i], "version");
			char digits[8];
			size_t k = 0;
			bool exact;

			if (code == NULL)
				continue;
			for (const char *p = code; *p && k + 1 < sizeof digits; p++)
				if (*p >= '0' && *p <= '9')
					digits[k++] = *p;
			digits[k] = '\0';
			/* "81300" and its division "81": both versions match by code. */
			terms_add(ts, digits);
			digits[2] = '\0';
			terms_add(ts, digits);
			if (v == NULL || strcmp(v, "2008") == 0) {
				terms_add_text(ts, sd_nace_label(code, 2008, "nl", &exact));
				terms_add_text(ts, sd_nace_label(code, 2008, "en", &exact));
			}
		}
		sd_items_free(&items);
	}
	if (sd_items_parse(e->f[SD_EF_PERSONS], &items, &err) == SD_OK) {
		for (size_t i = 0; i < items.n; i++) {
			terms_add_text(ts, sd_item_get(&items.items[i], "name"));
			terms_add_text(ts, sd_item_get(&items.items[i], "role"));
			terms_add_text(ts, sd_item_get(&items.items[i], "email"));
		}
		sd_items_free(&items);
	}
}
