/*
 * From the rows of one enterprise in the KBO extract to the fields of its
 * record: the name (Dutch, else French, else any), its other names, the
 * legal form, type and situation and the labels of the activities in the
 * words of the extract's own code.csv, the addresses and contact data
 * one a line, each line starting with the number of its entity so that
 * an update delivery replaces the lines of the entities it names and
 * keeps the others.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kbo_int.h"
#include "profile_int.h"
#include "sedesk/fields.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"

bool
kbo_owned(enum sd_ent_field f)
{
	switch (f) {
	case SD_EF_NAME:
	case SD_EF_LEGAL_FORM:
	case SD_EF_STREET:
	case SD_EF_POSTCODE:
	case SD_EF_CITY:
	case SD_EF_NACE:
		return true;
	default:
		return f >= SD_EF_ALT_NAMES && f < SD_EF_COUNT;
	}
}

/* One line: line breaks and tabs of a value become spaces, spaces trimmed. */
static char *
one_line(const char *s)
{
	char *v = sd_xstrdup(s != NULL ? s : "");

	for (char *p = v; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	sd_trim(v);
	return v;
}

static void
set(char *out[SD_EF_COUNT], enum sd_ent_field f, char *v)
{
	free(out[f]);
	if (v != NULL && *v == '\0') {
		free(v);
		v = NULL;
	}
	/* A value longer than its field is cut at a character's start. */
	if (v != NULL && strlen(v) > sd_ent_field_max(f)) {
		size_t n = sd_ent_field_max(f);
		while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80)
			n--;
		v[n] = '\0';
	}
	out[f] = v;
}

static const char *
code_words(const struct kbo_build_ctx *c, const char *category, const char *code)
{
	const char *d = sd_kbo_code(c->codes, category, code, "NL");

	/* Not described by this extract: the code as it is, never a made-up word. */
	return d != NULL ? d : code;
}

/* --- lines ------------------------------------------------------------------------- */

struct lines {
	char	**l;
	size_t	  n, cap;
};

static void
lines_add(struct lines *ls, char *line)
{
	for (size_t i = 0; i < ls->n; i++)
		if (strcmp(ls->l[i], line) == 0) {
			free(line);
			return;
		}
	if (ls->n == ls->cap) {
		ls->cap = ls->cap * 2 + 8;
		ls->l = sd_xrealloc(ls->l, ls->cap * sizeof *ls->l);
	}
	ls->l[ls->n++] = line;
}

static int
cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines joined (sorted when sort), as many as fit the field; NULL for none. */
static char *
lines_take(struct lines *ls, enum sd_ent_field f, bool sort)
{
	struct sd_buf b = { 0 };
	size_t max = sd_ent_field_max(f);

	if (sort && ls->n > 0)
		qsort(ls->l, ls->n, sizeof *ls->l, cmp_line);
	for (size_t i = 0; i < ls->n; i++) {
		if (b.len + strlen(ls->l[i]) + 1 <= max) {
			if (b.len > 0)
				sd_buf_adds(&b, "\n");
			sd_buf_adds(&b, ls->l[i]);
		}
		free(ls->l[i]);
	}
	free(ls->l);
	memset(ls, 0, sizeof *ls);
	return b.len > 0 ? sd_buf_take(&b) : (sd_buf_free(&b), NULL);
}

/* The entity number a stored line starts with (0: none). */
static uint64_t
line_entity(const char *line)
{
	char num[20];
	size_t n = strcspn(line, " ");
	uint64_t v;

	if (n == 0 || n >= sizeof num)
		return 0;
	memcpy(num, line, n);
	num[n] = '\0';
	return sd_kbo_number(num, &v) ? v : 0;
}

static bool
touched(const struct kbo_acc *acc, enum sd_kbo_file file, uint64_t entity)
{
	for (const struct kbo_touch *t = acc->touched; t != NULL; t = t->next)
		if (t->file == file && t->entity == entity)
			return true;
	return false;
}

/* An update keeps the stored lines of the entities it does not name. */
static void
keep_lines(struct lines *ls, const char *stored, const struct kbo_acc *acc,
    enum sd_kbo_file file)
{
	char *copy, *save = NULL;

	if (stored == NULL)
		return;
	copy = sd_xstrdup(stored);
	for (char *l = strtok_r(copy, "\n", &save); l != NULL; l = strtok_r(NULL, "\n", &save)) {
		uint64_t e = line_entity(l);
		if (e != 0 && !touched(acc, file, e))
			lines_add(ls, sd_xstrdup(l));
	}
	free(copy);
}

static void
entity_words(uint64_t n, char out[16])
{
	sd_kbo_number_format(n, n >= KBO_EST_MIN, out);
}

/* --- names -------------------------------------------------------------------------- */

/* Dutch (2) first, then French (1), then any: the one name; the rest are alternatives. */
static const struct kbo_den *
best_name(const struct kbo_acc *acc)
{
	static const char pref[] = { '2', '1', 0 };

	for (int p = 0; p < 3; p++)
		for (const struct kbo_den *d = acc->dens; d != NULL; d = d->next)
			if (d->entity == acc->number && strcmp(d->type, "001") == 0 &&
			    (pref[p] == 0 || d->lang == pref[p]) && d->name[0] != '\0')
				return d;
	/* No name of the kind "name": an abbreviation or a commercial one. */
	for (const struct kbo_den *d = acc->dens; d != NULL; d = d->next)
		if (d->entity == acc->number && d->name[0] != '\0')
			return d;
	/*
	 * A natural person's enterprise may have no name of its own in the
	 * open data, only its establishments' commercial names.
	 */
	for (const struct kbo_den *d = acc->dens; d != NULL; d = d->next)
		if (d->name[0] != '\0')
			return d;
	return NULL;
}

static void
names(const struct kbo_build_ctx *c, const struct kbo_acc *acc,
    const struct sd_enterprise *old, char *out[SD_EF_COUNT])
{
	bool own = !c->update || old == NULL || touched(acc, SD_KBO_DENOMINATION, acc->number);
	const struct kbo_den *best = best_name(acc);
	struct lines ls = { 0 };
	char *name = NULL;

	if (own && best != NULL)
		name = one_line(best->name);
	else if (old != NULL && old->f[SD_EF_NAME] != NULL)
		name = sd_xstrdup(old->f[SD_EF_NAME]);
	/* An update keeps the stored names: own ones unless renamed, establishments' unless named. */
	if (c->update && old != NULL && old->f[SD_EF_ALT_NAMES] != NULL) {
		char *copy = sd_xstrdup(old->f[SD_EF_ALT_NAMES]), *save = NULL;
		for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			const char *br = strrchr(l, '[');
			uint64_t e = 0;
			if (br != NULL && l[strlen(l) - 1] == ']') {
				char num[20];
				snprintf(num, sizeof num, "%.*s", (int)(strlen(br) - 2), br + 1);
				(void)sd_kbo_number(num, &e);
			}
			if (e != 0 ? !touched(acc, SD_KBO_DENOMINATION, e) : !own)
				lines_add(&ls, sd_xstrdup(l));
		}
		free(copy);
	}
	for (const struct kbo_den *d = acc->dens; d != NULL; d = d->next) {
		char *v = one_line(d->name);
		if (*v == '\0' || (name != NULL && strcmp(v, name) == 0)) {
			free(v);
			continue;
		}
		if (d->entity != acc->number) {
			/* An establishment's name says whose it is. */
			char num[16], *l;
			entity_words(d->entity, num);
			l = sd_xmalloc(strlen(v) + strlen(num) + 4);
			sprintf(l, "%s [%s]", v, num);
			free(v);
			v = l;
		}
		lines_add(&ls, v);
	}
	set(out, SD_EF_NAME, name);
	set(out, SD_EF_ALT_NAMES, lines_take(&ls, SD_EF_ALT_NAMES, false));
}

/* --- addresses and contacts ----------------------------------------------------------- */

static char *
address_text(const struct kbo_adr *a)
{
	const char *street = KBO_ADR(a, KBO_ADR_STREET_NL)[0] ? KBO_ADR(a, KBO_ADR_STREET_NL) :
	    KBO_ADR(a, KBO_ADR_STREET_FR);
	const char *city = KBO_ADR(a, KBO_ADR_MUNICIPALITY_NL)[0] ? KBO_ADR(a, KBO_ADR_MUNICIPALITY_NL) :
	    KBO_ADR(a, KBO_ADR_MUNICIPALITY_FR);
	const char *country = KBO_ADR(a, KBO_ADR_COUNTRY_NL)[0] ? KBO_ADR(a, KBO_ADR_COUNTRY_NL) :
	    KBO_ADR(a, KBO_ADR_COUNTRY_FR);
	struct sd_buf b = { 0 };
	char *v;

	sd_buf_adds(&b, street);
	if (KBO_ADR(a, KBO_ADR_HOUSE)[0] != '\0')
		sd_buf_addf(&b, " %s", KBO_ADR(a, KBO_ADR_HOUSE));
	if (KBO_ADR(a, KBO_ADR_BOX)[0] != '\0')
		sd_buf_addf(&b, " bus %s", KBO_ADR(a, KBO_ADR_BOX));
	sd_buf_addf(&b, ", %s%s%s", KBO_ADR(a, KBO_ADR_ZIPCODE), KBO_ADR(a, KBO_ADR_ZIPCODE)[0] ? " " : "",
	    city);
	if (country[0] != '\0')
		sd_buf_addf(&b, ", %s", country);
	v = one_line(b.data);
	sd_buf_free(&b);
	return v;
}

static void
street_place(const struct kbo_adr *a, char *out[SD_EF_COUNT])
{
	const char *street = KBO_ADR(a, KBO_ADR_STREET_NL)[0] ? KBO_ADR(a, KBO_ADR_STREET_NL) :
	    KBO_ADR(a, KBO_ADR_STREET_FR);
	const char *city = KBO_ADR(a, KBO_ADR_MUNICIPALITY_NL)[0] ? KBO_ADR(a, KBO_ADR_MUNICIPALITY_NL) :
	    KBO_ADR(a, KBO_ADR_MUNICIPALITY_FR);
	struct sd_buf b = { 0 };

	sd_buf_adds(&b, street);
	if (KBO_ADR(a, KBO_ADR_HOUSE)[0] != '\0')
		sd_buf_addf(&b, " %s", KBO_ADR(a, KBO_ADR_HOUSE));
	if (KBO_ADR(a, KBO_ADR_BOX)[0] != '\0')
		sd_buf_addf(&b, " bus %s", KBO_ADR(a, KBO_ADR_BOX));
	set(out, SD_EF_STREET, one_line(b.data));
	sd_buf_free(&b);
	set(out, SD_EF_POSTCODE, one_line(KBO_ADR(a, KBO_ADR_ZIPCODE)));
	set(out, SD_EF_CITY, one_line(city));
}

static void
addresses(const struct kbo_build_ctx *c, const struct kbo_acc *acc,
    const struct sd_enterprise *old, char *out[SD_EF_COUNT])
{
	const struct kbo_adr *seat = NULL, *first = NULL;
	struct lines ls = { 0 };

	if (c->update && old != NULL)
		keep_lines(&ls, old->f[SD_EF_ADDRESSES], acc, SD_KBO_ADDRESS);
	for (const struct kbo_adr *a = acc->adrs; a != NULL; a = a->next) {
		char num[16], *text, *l;
		/* An address struck off is no longer where it is. */
		if (KBO_ADR(a, KBO_ADR_STRUCK_OFF)[0] != '\0')
			continue;
		if (a->entity == acc->number && strcmp(a->type, "REGO") == 0 && seat == NULL)
			seat = a;
		if (first == NULL || a->entity < first->entity)
			first = a;
		entity_words(a->entity, num);
		text = address_text(a);
		l = sd_xmalloc(strlen(num) + strlen(text) + 200);
		sprintf(l, "%s %s: %s", num, code_words(c, "TypeOfAddress", a->type), text);
		free(text);
		lines_add(&ls, l);
	}
	set(out, SD_EF_ADDRESSES, lines_take(&ls, SD_EF_ADDRESSES, true));
	/* The seat; a natural person has none: the first establishment's. */
	if (seat != NULL)
		street_place(seat, out);
	else if (first != NULL && (old == NULL || !c->update ||
	    touched(acc, SD_KBO_ADDRESS, acc->number) || old->f[SD_EF_CITY] == NULL))
		street_place(first, out);
	else if (old != NULL && (c->update || first != NULL)) {
		set(out, SD_EF_STREET, sd_xstrdup(old->f[SD_EF_STREET]));
		set(out, SD_EF_POSTCODE, sd_xstrdup(old->f[SD_EF_POSTCODE]));
		set(out, SD_EF_CITY, sd_xstrdup(old->f[SD_EF_CITY]));
	}
}

static void
contacts(const struct kbo_build_ctx *c, const struct kbo_acc *acc,
    const struct sd_enterprise *old, char *out[SD_EF_COUNT])
{
	/* A natural person's phone and e-mail are personal data: the field says so. */
	bool person = acc->type[0] == '1' || (acc->type[0] == '\0' && old != NULL &&
	    old->f[SD_EF_KBO_PERSON_CONTACTS] != NULL);
	enum sd_ent_field f = person ? SD_EF_KBO_PERSON_CONTACTS : SD_EF_KBO_CONTACTS;
	struct lines ls = { 0 };

	if (c->update && old != NULL) {
		keep_lines(&ls, old->f[SD_EF_KBO_CONTACTS], acc, SD_KBO_CONTACT);
		keep_lines(&ls, old->f[SD_EF_KBO_PERSON_CONTACTS], acc, SD_KBO_CONTACT);
	}
	for (const struct kbo_con *k = acc->cons; k != NULL; k = k->next) {
		char num[16], *v = one_line(k->value), *l;
		if (*v == '\0') {
			free(v);
			continue;
		}
		entity_words(k->entity, num);
		l = sd_xmalloc(strlen(num) + strlen(v) + 200);
		sprintf(l, "%s %s: %s", num, code_words(c, "ContactType", k->type), v);
		free(v);
		lines_add(&ls, l);
	}
	set(out, f, lines_take(&ls, f, true));
	set(out, f == SD_EF_KBO_CONTACTS ? SD_EF_KBO_PERSON_CONTACTS : SD_EF_KBO_CONTACTS, NULL);
	/* A new enterprise gets the first e-mail and phone the register accepts. */
	if (old == NULL) {
		for (const struct kbo_con *k = acc->cons; k != NULL; k = k->next) {
			if (k->entity != acc->number)
				continue;
			if (out[SD_EF_EMAIL] == NULL && strcmp(k->type, "EMAIL") == 0 &&
			    ent_check_email("email", k->value, NULL) == SD_OK &&
			    strlen(k->value) <= sd_ent_field_max(SD_EF_EMAIL))
				set(out, SD_EF_EMAIL, one_line(k->value));
			if (out[SD_EF_PHONE] == NULL && strcmp(k->type, "TEL") == 0 &&
			    ent_check_phone("phone", k->value, NULL) == SD_OK &&
			    strlen(k->value) <= sd_ent_field_max(SD_EF_PHONE))
				set(out, SD_EF_PHONE, one_line(k->value));
		}
	}
}

/* --- activities ------------------------------------------------------------------------- */

static void
code_digits(const struct kbo_act *a, char out[12])
{
	snprintf(out, 12, "%0*u", (int)a->digits, a->code);
}

bool
kbo_nace_match(const struct kbo_acc *acc, const char *const *prefixes, size_t n)
{
	for (const struct kbo_act *a = acc->acts; a != NULL; a = a->next) {
		char d[12];
		if (a->version == 2003)
			continue;
		code_digits(a, d);
		for (size_t i = 0; i < n; i++)
			if (strncmp(d, prefixes[i], strlen(prefixes[i])) == 0)
				return true;
	}
	return false;
}

static void
activities(const struct kbo_build_ctx *c, const struct kbo_acc *acc,
    const struct sd_enterprise *old, char *out[SD_EF_COUNT])
{
	struct sd_nace codes[64];
	struct lines ls = { 0 };
	size_t n = 0;
	int version = 0;
	bool main_set = false;

	if (c->update && old != NULL && !touched(acc, SD_KBO_ACTIVITY, acc->number)) {
		set(out, SD_EF_NACE, sd_xstrdup(old->f[SD_EF_NACE]));
		set(out, SD_EF_ACTIVITIES, sd_xstrdup(old->f[SD_EF_ACTIVITIES]));
		return;
	}
	/* The newest version the extract gives (2025, else 2008, else 2003). */
	for (const struct kbo_act *a = acc->acts; a != NULL; a = a->next)
		if (a->version > version)
			version = a->version;
	/* Main activities first, then the others, each code once. */
	for (int pass = 0; pass < 2; pass++) {
		for (const struct kbo_act *a = acc->acts; a != NULL; a = a->next) {
			char d[12], cat[16], spelt[SD_NACE_CODE_MAX], *l;
			const char *label;
			bool dup = false;
			if (a->version != version || a->main != (pass == 0))
				continue;
			code_digits(a, d);
			d[5] = '\0';
			if (nace_normalise_version(d, version, spelt, NULL) != SD_OK)
				continue;
			for (size_t i = 0; i < n; i++)
				dup |= strcmp(codes[i].code, spelt) == 0;
			if (dup || n == sizeof codes / sizeof codes[0])
				continue;
			memset(&codes[n], 0, sizeof codes[n]);
			memcpy(codes[n].code, spelt, sizeof spelt);
			codes[n].version = version;
			/* The profile has one main activity. */
			codes[n].main = a->main && !main_set;
			main_set |= codes[n].main;
			n++;
			code_digits(a, d);
			snprintf(cat, sizeof cat, "Nace%d", version);
			label = sd_kbo_code(c->codes, cat, d, "NL");
			l = sd_xmalloc(strlen(spelt) + (label ? strlen(label) : 0) + 200);
			sprintf(l, "%s (NACE %d, %s)%s%s", spelt, version,
			    code_words(c, "Classification", a->cls), label ? ": " : "",
			    label ? label : "");
			lines_add(&ls, l);
		}
	}
	set(out, SD_EF_NACE, n > 0 ? sd_nace_text(codes, n) : NULL);
	set(out, SD_EF_ACTIVITIES, lines_take(&ls, SD_EF_ACTIVITIES, false));
}

/* --- the record ------------------------------------------------------------------------ */

bool
kbo_build(const struct kbo_build_ctx *c, const struct kbo_acc *acc,
    const struct sd_enterprise *old, char *out[SD_EF_COUNT])
{
	char num[16];

	memset(out, 0, SD_EF_COUNT * sizeof *out);
	entity_words(acc->number, num);
	set(out, SD_EF_NUMBER, sd_xstrdup(num));
	names(c, acc, old, out);
	if (out[SD_EF_NAME] == NULL) {
		for (int i = 0; i < SD_EF_COUNT; i++)
			free(out[i]);
		memset(out, 0, SD_EF_COUNT * sizeof *out);
		return false;
	}
	if (acc->seen || old == NULL || !c->update) {
		char day[11];
		set(out, SD_EF_LEGAL_FORM, acc->form[0] ?
		    sd_xstrdup(code_words(c, "JuridicalForm", acc->form)) : NULL);
		set(out, SD_EF_KBO_TYPE, acc->type[0] ?
		    sd_xstrdup(code_words(c, "TypeOfEnterprise", acc->type)) : NULL);
		set(out, SD_EF_SITUATION, acc->situation[0] ?
		    sd_xstrdup(code_words(c, "JuridicalSituation", acc->situation)) : NULL);
		if (acc->has_start) {
			sd_day_format(acc->start, day);
			set(out, SD_EF_START_DATE, sd_xstrdup(day));
		}
	} else {
		static const enum sd_ent_field keep[] = { SD_EF_LEGAL_FORM, SD_EF_KBO_TYPE,
			SD_EF_SITUATION, SD_EF_START_DATE };
		for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
			set(out, keep[i], sd_xstrdup(old->f[keep[i]]));
	}
	addresses(c, acc, old, out);
	contacts(c, acc, old, out);
	activities(c, acc, old, out);
	/* In the extract again: no longer ceased. */
	set(out, SD_EF_CEASED, NULL);
	return true;
}
