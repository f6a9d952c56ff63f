/*
 * The extract's own code table (code.csv): every description the import
 * shows comes from it, so a code KBO adds or renames is right the day its
 * extract is imported, and none is made up when it is missing.
 */
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/kbo.h"
#include "sedesk/text.h"

struct code {
	const char	*category, *code, *lang, *desc;	/* one allocation, category first */
};

struct sd_kbo_codes {
	struct code	*c;
	size_t		 n, cap;
};

static int
cmp_code(const void *a, const void *b)
{
	const struct code *x = a, *y = b;
	int c;

	if ((c = strcmp(x->category, y->category)) != 0)
		return c;
	if ((c = strcmp(x->code, y->code)) != 0)
		return c;
	return strcmp(x->lang, y->lang);
}

sd_status
sd_kbo_codes_read(struct sd_kbo_reader *r, struct sd_kbo_codes **out, size_t *bad_rows,
    struct sd_error *err)
{
	struct sd_kbo_codes *t = sd_xmalloc(sizeof *t);
	struct sd_kbo_row row;
	struct sd_error e;
	sd_status s;

	memset(t, 0, sizeof *t);
	*bad_rows = 0;
	while ((s = sd_kbo_next(r, &row, &e)) != SD_NOTFOUND) {
		size_t l[4], total = 0;
		char *p, *f[4];
		if (s == SD_INVALID) {
			(*bad_rows)++;
			continue;
		}
		if (s != SD_OK) {
			if (err != NULL)
				*err = e;
			sd_kbo_codes_free(t);
			return s;
		}
		if (t->n == t->cap) {
			t->cap = t->cap * 2 + 256;
			t->c = sd_xrealloc(t->c, t->cap * sizeof *t->c);
		}
		for (int i = 0; i < 4; i++)
			total += (l[i] = strlen(row.f[i])) + 1;
		p = sd_xmalloc(total);
		for (int i = 0; i < 4; i++) {
			memcpy(p, row.f[i], l[i] + 1);
			f[i] = p;
			p += l[i] + 1;
		}
		/* Descriptions come with stray spaces (" Dénomination de la succursale"). */
		sd_trim(f[3]);
		t->c[t->n].category = f[0];
		t->c[t->n].code = f[1];
		t->c[t->n].lang = f[2];
		t->c[t->n].desc = f[3];
		t->n++;
	}
	/* (qsort and bsearch take no NULL array, even of no rows.) */
	if (t->n > 0)
		qsort(t->c, t->n, sizeof *t->c, cmp_code);
	*out = t;
	return SD_OK;
}

static const char *
find(const struct sd_kbo_codes *t, const char *category, const char *code, const char *lang)
{
	struct code key = { category, code, lang, NULL }, *c;

	if (t->n == 0)
		return NULL;
	c = bsearch(&key, t->c, t->n, sizeof *t->c, cmp_code);
	return c != NULL && c->desc[0] != '\0' ? c->desc : NULL;
}

const char *
sd_kbo_code(const struct sd_kbo_codes *t, const char *category, const char *code,
    const char *lang)
{
	const char *d;

	if (t == NULL || code == NULL || *code == '\0')
		return NULL;
	if (lang != NULL && (d = find(t, category, code, lang)) != NULL)
		return d;
	if ((d = find(t, category, code, "NL")) != NULL ||
	    (d = find(t, category, code, "FR")) != NULL ||
	    (d = find(t, category, code, "DE")) != NULL ||
	    (d = find(t, category, code, "EN")) != NULL)
		return d;
	return NULL;
}

size_t
sd_kbo_codes_count(const struct sd_kbo_codes *t)
{
	return t != NULL ? t->n : 0;
}

void
sd_kbo_codes_free(struct sd_kbo_codes *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n; i++)
		free((char *)t->c[i].category);
	free(t->c);
	free(t);
}
