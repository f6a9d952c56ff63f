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

bool
sd_privacy_run_matches(const struct sd_privacy_run *r, const char *text)
{
	const char *v = r->q->value;

	if (text == NULL || v == NULL || *v == '\0')
		return false;
	return strcasestr(text, v) != NULL;
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
	const char *v = r->q->value, *p = text, *m;
	size_t vlen = strlen(v);
	struct sd_buf b = { 0 };

	if (!sd_privacy_run_matches(r, text))
		return NULL;
	while ((m = strcasestr(p, v)) != NULL) {
		sd_buf_add(&b, p, (size_t)(m - p));
		sd_buf_adds(&b, r->tomb);
		p = m + vlen;
	}
	sd_buf_adds(&b, p);
	/*
	 * --person: the addresses the notes gave as theirs ("E-mail from NAME
	 * <ADDRESS>", found by the attachments' read pass) go with the name.
	 */
	for (size_t i = 0; i < r->naddrs; i++) {
		struct sd_buf o = { 0 };
		size_t alen = strlen(r->addrs[i]);

		if (alen == 0 || strcasestr(b.data, r->addrs[i]) == NULL)
			continue;
		for (p = b.data; (m = strcasestr(p, r->addrs[i])) != NULL; p = m + alen) {
			sd_buf_add(&o, p, (size_t)(m - p));
			sd_buf_adds(&o, r->tomb);
		}
		sd_buf_adds(&o, p);
		sd_buf_free(&b);
		b = o;
	}
	return b.data;
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
