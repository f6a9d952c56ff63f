/*
 * The profile's structured fields changed one item at a time, as the
 * command line gives them (sd_profile_apply, sedesk/profile.h).  The
 * result is whole field texts, which the enterprise's edit checks again
 * and journals like any other field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"

static sd_status
apply_recognitions(const struct sd_config *cfg, const char *cur, const struct sd_profile_ops *ops,
    char **out, struct sd_error *err)
{
	struct sd_recognition *r;
	size_t n;
	sd_status s;

	if (ops->nrecognitions == 0 && ops->nno_recognitions == 0)
		return SD_OK;
	/* What is stored stays readable even when the configuration changed since. */
	sd_enterprise_recognitions(&(struct sd_enterprise){ .f[SD_EF_RECOGNITIONS] =
	    (char *)cur }, &r, &n);
	r = sd_xrealloc(r, (n + ops->nrecognitions + 1) * sizeof *r);
	for (size_t i = 0; i < ops->nno_recognitions; i++) {
		size_t k;
		for (k = 0; k < n && strcmp(r[k].name, ops->no_recognitions[i]) != 0; k++)
			;
		if (k == n) {
			s = sd_fail_field(err, SD_INVALID, "recognitions",
			    _("--no-recognition %s: the enterprise has no such recognition."),
			    ops->no_recognitions[i]);
			goto fail;
		}
		free(r[k].name);
		memmove(&r[k], &r[k + 1], (n - k - 1) * sizeof *r);
		n--;
	}
	for (size_t i = 0; i < ops->nrecognitions; i++) {
		const char *eq = strchr(ops->recognitions[i], '=');
		char *name;
		sd_day d;
		size_t k;

		if (eq == NULL || eq == ops->recognitions[i]) {
			s = sd_fail_field(err, SD_INVALID, "recognitions",
			    _("--recognition %s: write NAME=YYYY-MM-DD, e.g. "
			    "maatwerkbedrijf=2019-01-01."), ops->recognitions[i]);
			goto fail;
		}
		name = sd_xstrndup(ops->recognitions[i], (size_t)(eq - ops->recognitions[i]));
		if (!sd_profile_code_known(cfg, SD_LIST_RECOGNITIONS, name) ||
		    !sd_day_parse(eq + 1, &d) || !sd_day_in_range(d)) {
			/* The reader says which rule, in the words every front uses. */
			struct sd_recognition *tmp;
			size_t nt;
			char *line;
			if (asprintf(&line, "name=%s;since=%s", name, eq + 1) < 0)
				abort();
			s = sd_recognitions_read(cfg, line, &tmp, &nt, err);
			sd_recognitions_free(tmp, nt);
			free(line);
			free(name);
			if (s == SD_OK)
				s = sd_fail_field(err, SD_INVALID, "recognitions",
				    _("--recognition %s: write NAME=YYYY-MM-DD."), ops->recognitions[i]);
			goto fail;
		}
		for (k = 0; k < n && strcmp(r[k].name, name) != 0; k++)
			;
		if (k == n)
			r[n++].name = name;
		else
			free(name);
		r[k].since = d;
	}
	*out = sd_recognitions_text(r, n);
	if (*out == NULL)
		*out = sd_xstrdup("");
	sd_recognitions_free(r, n);
	return SD_OK;
fail:
	sd_recognitions_free(r, n);
	return s;
}

static bool
same_code(const struct sd_nace *a, const struct sd_nace *b)
{
	return strcmp(a->code, b->code) == 0 && a->version == b->version;
}

static sd_status
apply_nace(const char *cur, const struct sd_profile_ops *ops, char **out, struct sd_error *err)
{
	struct sd_nace *c, x;
	size_t n;
	sd_status s;

	if (ops->nnace == 0 && ops->nno_nace == 0 && ops->main_nace == NULL)
		return SD_OK;
	if ((s = sd_nace_read(cur, &c, &n, err)) != SD_OK)
		return s;
	c = sd_xrealloc(c, (n + ops->nnace + 2) * sizeof *c);
	for (size_t i = 0; i < ops->nno_nace; i++) {
		size_t k;
		if ((s = sd_nace_parse(ops->no_nace[i], &x, err)) != SD_OK)
			goto fail;
		for (k = 0; k < n && !same_code(&c[k], &x); k++)
			;
		if (k == n) {
			s = sd_fail_field(err, SD_INVALID, "nace",
			    _("--no-nace %s: the enterprise has no such NACE code."), ops->no_nace[i]);
			goto fail;
		}
		memmove(&c[k], &c[k + 1], (n - k - 1) * sizeof *c);
		n--;
	}
	for (size_t i = 0; i < ops->nnace + (ops->main_nace != NULL); i++) {
		bool main = i == ops->nnace;
		size_t k;

		if ((s = sd_nace_parse(main ? ops->main_nace : ops->nace[i], &x, err)) != SD_OK)
			goto fail;
		for (k = 0; k < n && !same_code(&c[k], &x); k++)
			;
		if (k == n)
			c[n++] = x;
		if (main) {
			for (size_t j = 0; j < n; j++)
				c[j].main = j == k;
		}
	}
	*out = sd_nace_text(c, n);
	if (*out == NULL)
		*out = sd_xstrdup("");
	free(c);
	return SD_OK;
fail:
	free(c);
	return s;
}

static sd_status
apply_persons(const char *cur, const struct sd_profile_ops *ops, char **out,
    struct sd_error *err)
{
	struct sd_person *p, *one;
	size_t n, none;
	sd_status s;

	if (ops->npersons == 0 && ops->nno_persons == 0)
		return SD_OK;
	if ((s = sd_persons_read(cur, &p, &n, err)) != SD_OK)
		return s;
	p = sd_xrealloc(p, (n + ops->npersons + 1) * sizeof *p);
	for (size_t i = 0; i < ops->nno_persons; i++) {
		size_t k;
		for (k = 0; k < n && strcmp(p[k].name, ops->no_persons[i]) != 0; k++)
			;
		if (k == n) {
			s = sd_fail_field(err, SD_INVALID, "persons",
			    _("--no-person %s: the enterprise has no contact person of that name."),
			    ops->no_persons[i]);
			goto fail;
		}
		free(p[k].name);
		free(p[k].role);
		free(p[k].email);
		free(p[k].phone);
		memmove(&p[k], &p[k + 1], (n - k - 1) * sizeof *p);
		n--;
	}
	for (size_t i = 0; i < ops->npersons; i++) {
		size_t k;

		if (strchr(ops->persons[i], '\n') != NULL) {
			s = sd_fail_field(err, SD_INVALID, "persons",
			    _("--person: one person per option."));
			goto fail;
		}
		if ((s = sd_persons_read(ops->persons[i], &one, &none, err)) != SD_OK)
			goto fail;
		if (none != 1) {
			sd_persons_free(one, none);
			s = sd_fail_field(err, SD_INVALID, "persons",
			    _("--person: write name=…;role=…;email=…;phone=…;lang=nl."));
			goto fail;
		}
		for (k = 0; k < n && strcmp(p[k].name, one[0].name) != 0; k++)
			;
		if (k < n) {
			free(p[k].name);
			free(p[k].role);
			free(p[k].email);
			free(p[k].phone);
		} else
			n++;
		p[k] = one[0];
		free(one);
	}
	*out = sd_persons_text(p, n);
	if (*out == NULL)
		*out = sd_xstrdup("");
	sd_persons_free(p, n);
	return SD_OK;
fail:
	sd_persons_free(p, n);
	return s;
}

sd_status
sd_profile_apply(const struct sd_config *cfg, const struct sd_enterprise *cur,
    const struct sd_profile_ops *ops, char *out[SD_EF_COUNT], struct sd_error *err)
{
	const struct sd_enterprise none = { 0 };
	sd_status s;

	if (cur == NULL)
		cur = &none;
	out[SD_EF_RECOGNITIONS] = out[SD_EF_NACE] = out[SD_EF_PERSONS] = NULL;
	if ((s = apply_recognitions(cfg, cur->f[SD_EF_RECOGNITIONS], ops,
	    &out[SD_EF_RECOGNITIONS], err)) != SD_OK ||
	    (s = apply_nace(cur->f[SD_EF_NACE], ops, &out[SD_EF_NACE], err)) != SD_OK ||
	    (s = apply_persons(cur->f[SD_EF_PERSONS], ops, &out[SD_EF_PERSONS], err)) != SD_OK) {
		free(out[SD_EF_RECOGNITIONS]);
		free(out[SD_EF_NACE]);
		free(out[SD_EF_PERSONS]);
		out[SD_EF_RECOGNITIONS] = out[SD_EF_NACE] = out[SD_EF_PERSONS] = NULL;
	}
	return s;
}

/* --- one line ------------------------------------------------------------------------ */

char *
sd_recognitions_line(const char *text)
{
	struct sd_recognition *r;
	struct sd_buf b = { 0 };
	size_t n;

	sd_enterprise_recognitions(&(struct sd_enterprise){ .f[SD_EF_RECOGNITIONS] =
	    (char *)text }, &r, &n);
	for (size_t i = 0; i < n; i++) {
		char day[11];
		sd_day_format(r[i].since, day);
		sd_buf_addf(&b, "%s%s=%s", i ? ", " : "", r[i].name, day);
	}
	sd_recognitions_free(r, n);
	return sd_buf_take(&b);
}

/* The comma-separated items of line, trimmed, empty ones left out. */
static size_t
split_line(const char *line, char ***out)
{
	char *copy = sd_xstrdup(line ? line : ""), *save = NULL;
	size_t n = 0;

	*out = NULL;
	for (char *t = strtok_r(copy, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
		sd_trim(t);
		if (*t == '\0')
			continue;
		*out = sd_xrealloc(*out, (n + 1) * sizeof **out);
		(*out)[n++] = sd_xstrdup(t);
	}
	free(copy);
	return n;
}

static void
split_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

sd_status
sd_recognitions_from_line(const struct sd_config *cfg, const char *line, char **text,
    struct sd_error *err)
{
	struct sd_profile_ops ops = { 0 };
	char **v;
	size_t n = split_line(line, &v);
	sd_status s;

	*text = NULL;
	ops.recognitions = (const char **)v;
	ops.nrecognitions = n;
	if (n == 0) {
		*text = sd_xstrdup("");
		return SD_OK;
	}
	s = apply_recognitions(cfg, NULL, &ops, text, err);
	split_free(v, n);
	return s;
}

char *
sd_nace_line(const char *text)
{
	struct sd_nace *c;
	struct sd_error err;
	struct sd_buf b = { 0 };
	size_t n;

	if (sd_nace_read(text, &c, &n, &err) != SD_OK)
		return sd_xstrdup(text ? text : "");
	for (size_t i = 0; i < n; i++) {
		sd_buf_addf(&b, "%s%s%s", i ? ", " : "", c[i].main ? "*" : "", c[i].code);
		if (c[i].version != 2008)
			sd_buf_addf(&b, ":%d", c[i].version);
	}
	free(c);
	return sd_buf_take(&b);
}

sd_status
sd_nace_from_line(const char *line, char **text, struct sd_error *err)
{
	struct sd_profile_ops ops = { 0 };
	const char **codes;
	char **v;
	size_t n = split_line(line, &v), nc = 0;
	sd_status s;

	*text = NULL;
	if (n == 0) {
		*text = sd_xstrdup("");
		return SD_OK;
	}
	codes = sd_xcalloc(n, sizeof *codes);
	for (size_t i = 0; i < n; i++) {
		if (v[i][0] != '*') {
			codes[nc++] = v[i];
			continue;
		}
		if (ops.main_nace != NULL) {
			s = sd_fail_field(err, SD_INVALID, "nace",
			    _("only one NACE code is the main activity; %s is a second one."),
			    v[i] + 1);
			goto out;
		}
		ops.main_nace = sd_trim(v[i] + 1);
	}
	ops.nace = codes;
	ops.nnace = nc;
	s = apply_nace(NULL, &ops, text, err);
out:
	free(codes);
	split_free(v, n);
	return s;
}
