/*
 * Routing suggestions: the configuration's rules matched against a case's
 * category and the words of its subject and description.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"

/* True when word occurs in folded text as a whole word (or word prefix of a phrase). */
static bool
has_word(const char *text, const char *word)
{
	size_t n = strlen(word);

	if (n == 0)
		return false;
	for (const char *p = strstr(text, word); p != NULL; p = strstr(p + 1, word)) {
		bool start = p == text || !((unsigned char)p[-1] >= 0x80 ||
		    (p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= '0' && p[-1] <= '9'));
		/*
		 * Only the start must be a word boundary: Dutch builds compounds,
		 * so "terras" should match "terrasvergunning".
		 */
		if (start)
			return true;
	}
	return false;
}

size_t
sd_suggest_departments(const struct sd_config *cfg, const char *category, const char *subject,
    const char *description, const struct sd_department **out, size_t max)
{
	struct sd_buf text = { 0 };
	char *folded;
	size_t n = 0;

	sd_buf_addf(&text, "%s\n%s", subject ? subject : "", description ? description : "");
	folded = sd_fold(text.data);
	sd_buf_free(&text);
	for (size_t i = 0; i < cfg->nrules; i++) {
		const struct sd_rule *r = &cfg->rules[i];
		bool match;

		if (r->category != NULL && (category == NULL || strcmp(r->category, category) != 0))
			continue;
		match = r->nkeywords == 0;
		for (size_t k = 0; k < r->nkeywords && !match; k++)
			match = has_word(folded, r->keywords[k]);
		/* A rule with neither category nor keywords would match everything. */
		if (!match || (r->category == NULL && r->nkeywords == 0))
			continue;
		for (size_t j = 0; j < r->ndepartments; j++) {
			const struct sd_department *dep = sd_config_department(cfg, r->departments[j]);
			bool seen = false;
			for (size_t m = 0; m < n; m++)
				seen |= out[m] == dep;
			if (dep != NULL && !seen && n < max)
				out[n++] = dep;
		}
	}
	free(folded);
	/* Configuration order reads best in a checklist. */
	for (size_t a = 1; a < n; a++) {
		for (size_t b = a; b > 0 && out[b] < out[b - 1]; b--) {
			const struct sd_department *tmp = out[b];
			out[b] = out[b - 1];
			out[b - 1] = tmp;
		}
	}
	return n;
}

sd_status
sd_case_suggest(struct sd_desk *d, const char *number, const struct sd_department ***out,
    size_t *n, struct sd_error *err)
{
	struct sd_case c;
	struct sd_txn t;
	sd_status s;

	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	s = case_resolve_visible(&t, d, number, &c, err);
	sd_txn_abort(&t);
	if (s != SD_OK)
		return s;
	*out = sd_xcalloc(d->cfg.ndepartments + 1, sizeof **out);
	*n = sd_suggest_departments(&d->cfg, c.category, c.subject, c.description, *out,
	    d->cfg.ndepartments);
	sd_case_free(&c);
	return SD_OK;
}
