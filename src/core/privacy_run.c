/*
 * The run of an export or erasure (privacy_int.h): whether a text names
 * the person, the list of what was found, and the tombstone that
 * replaces it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sedesk/date.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "privacy_int.h"

void
sd_privacy_tombstone(const struct sd_desk *d, char *buf, size_t size)
{
	char day[16];

	sd_day_format(sd_desk_today(d), day);
	/* TRANSLATORS: what stands where erased personal data was; %s is the day. */
	snprintf(buf, size, _("[erased %s]"), day);
}

static bool
ascii(const char *s)
{
	while (*s != '\0' && (unsigned char)*s < 0x80)
		s++;
	return *s == '\0';
}

bool
sd_privacy_text_has(const char *text, const char *word)
{
	char *fw;
	size_t a, b;
	bool yes;

	if (text == NULL || word == NULL || *word == '\0')
		return false;
	/* Both ASCII (most are): folding is lowering, strcasestr does it in place. */
	if (ascii(word) && ascii(text))
		return strcasestr(text, word) != NULL;
	fw = sd_fold(word);
	yes = sd_fold_find(text, 0, fw, &a, &b);
	free(fw);
	return yes;
}

char *
sd_privacy_replace(const char *text, const char *word, const char *tomb)
{
	struct sd_buf b = { 0 };
	size_t pos = 0, from, to;
	char *fw;

	if (text == NULL || word == NULL || *word == '\0')
		return NULL;
	fw = sd_fold(word);
	/* A word the tombstone holds ("erased") would be found again in it. */
	if (*fw != '\0' && !sd_fold_find(tomb, 0, fw, &from, &to)) {
		while (sd_fold_find(text, pos, fw, &from, &to)) {
			sd_buf_add(&b, text + pos, from - pos);
			sd_buf_adds(&b, tomb);
			pos = to;
		}
	}
	free(fw);
	if (b.data == NULL)
		return NULL;
	sd_buf_adds(&b, text + pos);
	return sd_buf_take(&b);
}

bool
sd_privacy_same(const char *a, const char *b)
{
	char *fa, *fb;
	bool same;

	if (a == NULL || b == NULL)
		return false;
	fa = sd_fold(a);
	fb = sd_fold(b);
	same = strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return same;
}

/* Whether text names the person or address asked for (case and accents aside). */
bool
sd_privacy_run_matches(const struct sd_privacy_run *r, const char *text)
{
	return sd_privacy_text_has(text, r->q->value);
}

void
sd_privacy_run_found(struct sd_privacy_run *r, const char *record, const char *ref,
    const char *field, const char *text, bool exact)
{
	struct sd_privacy_report *o = r->out;
	struct sd_privacy_hit *h;

	if (o == NULL)
		return;
	o->hits = sd_xrealloc(o->hits, (o->nhits + 1) * sizeof *o->hits);
	h = &o->hits[o->nhits++];
	h->record = sd_xstrdup(record);
	h->ref = sd_xstrdup(ref);
	h->field = sd_xstrdup(field);
	h->text = sd_xstrdup(text);
	h->exact = exact;
}

char *
sd_privacy_run_scrub(struct sd_privacy_run *r, const char *text)
{
	char *out = sd_privacy_replace(text, r->q->value, r->tomb);

	if (out == NULL)
		return NULL;
	/*
	 * --person: the addresses the notes gave as theirs ("E-mail from NAME
	 * <ADDRESS>", found by the attachments' read pass) go with the name.
	 */
	for (size_t i = 0; i < r->naddrs; i++) {
		char *more = sd_privacy_replace(out, r->addrs[i], r->tomb);

		if (more != NULL) {
			free(out);
			out = more;
		}
	}
	return out;
}

void
sd_privacy_report_free(struct sd_privacy_report *r)
{
	for (size_t i = 0; i < r->nhits; i++) {
		free(r->hits[i].record);
		free(r->hits[i].ref);
		free(r->hits[i].field);
		free(r->hits[i].text);
	}
	free(r->hits);
	r->hits = NULL;
	r->nhits = 0;
}

bool
sd_privacy_run_has_case(const struct sd_privacy_run *r, struct sd_case_key key, bool target)
{
	if (target) {
		for (size_t i = 0; i < r->ntcases; i++)
			if (r->tcases[i].key.year == key.year && r->tcases[i].key.seq == key.seq)
				return true;
		return false;
	}
	for (size_t i = 0; i < r->ncases; i++)
		if (r->cases[i].year == key.year && r->cases[i].seq == key.seq)
			return true;
	return false;
}

void
privacy_run_targets_free(struct sd_privacy_run *r)
{
	free(r->target_name);
	r->target_name = NULL;
	for (size_t i = 0; i < r->ntcases; i++)
		free(r->tcases[i].subject);
	free(r->tcases);
	r->tcases = NULL;
	r->ntcases = 0;
	r->has_target = false;
}
