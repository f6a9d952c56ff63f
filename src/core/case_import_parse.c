/*
 * Reading a history of enquiries for `sedesk case import`: CSV through the
 * shared CSV reader (csv_import.c), JSONL (one object a line) through
 * jansson.  Only reading: the checks against the register and the rules
 * are case_import.c's.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/import.h"
#include "sedesk/text.h"

enum {
	C_CREATED, C_ENTERPRISE, C_SUBJECT, C_DESCRIPTION, C_CATEGORY, C_CHANNEL, C_PRIORITY,
	C_STATUS, C_CLOSED, C_RESOLUTION, C_SATISFACTION, C_OWN_VIEW, C_CASE_COUNT
};
enum { R_DEPT, R_STATE, R_ROUTED, R_ANSWER, R_ANSWERED, R_COUNT };
#define NCOLS	(C_CASE_COUNT + R_COUNT * SD_CI_ROUTES)

static const char *const case_keys[C_CASE_COUNT] = {
	"created", "enterprise", "subject", "description", "category", "channel", "priority",
	"status", "closed", "resolution", "satisfaction", "own_view",
};
static const char *const route_keys[R_COUNT] = {
	"dept", "state", "routed", "answer", "answered",
};
/* The CSV header's names: the case's, then dept1 … answered8. */
static const char *const csv_names[NCOLS] = {
	"created", "enterprise", "subject", "description", "category", "channel", "priority",
	"status", "closed", "resolution", "satisfaction", "own_view",
#define ROUTE(n) "dept" #n, "state" #n, "routed" #n, "answer" #n, "answered" #n
	ROUTE(1), ROUTE(2), ROUTE(3), ROUTE(4), ROUTE(5), ROUTE(6), ROUTE(7), ROUTE(8),
#undef ROUTE
};

bool
sd_ci_format_of(const char *name, enum sd_ci_format *out)
{
	size_t n = name != NULL ? strlen(name) : 0;

	if (n > 4 && strcasecmp(name + n - 4, ".csv") == 0)
		*out = SD_CI_CSV;
	else if ((n > 6 && strcasecmp(name + n - 6, ".jsonl") == 0) ||
	    (n > 7 && strcasecmp(name + n - 7, ".ndjson") == 0))
		*out = SD_CI_JSONL;
	else
		return false;
	return true;
}

/* The values in column order as a record (pointers into vals). */
static void
record_of(char **vals, long line, struct sd_ci_record *r)
{
	const char **cf[C_CASE_COUNT] = {
		&r->created, &r->enterprise, &r->subject, &r->description, &r->category,
		&r->channel, &r->priority, &r->status, &r->closed, &r->resolution,
		&r->satisfaction, &r->own_view,
	};

	memset(r, 0, sizeof *r);
	r->line = line;
	for (int i = 0; i < C_CASE_COUNT; i++)
		*cf[i] = vals[i];
	for (int k = 0; k < SD_CI_ROUTES; k++) {
		char **rv = vals + C_CASE_COUNT + k * R_COUNT;
		r->routes[k] = (struct sd_ci_route){ rv[R_DEPT], rv[R_STATE], rv[R_ROUTED],
		    rv[R_ANSWER], rv[R_ANSWERED] };
	}
}

struct pass {
	sd_ci_record_fn	 each;
	void		*arg;
};

static sd_status
csv_record(void *arg, long line, char **vals, struct sd_error *err)
{
	struct pass *p = arg;
	struct sd_ci_record r;

	/* Blank values are no values. */
	for (size_t i = 0; i < NCOLS; i++) {
		if (vals[i] != NULL && *sd_trim(vals[i]) == '\0') {
			free(vals[i]);
			vals[i] = NULL;
		}
	}
	record_of(vals, line, &r);
	return p->each(p->arg, &r, err);
}

static sd_status
read_csv(FILE *f, const char *name, struct pass *p, sd_reject_fn reject, void *rarg,
    size_t *rejected, struct sd_error *err)
{
	static const struct sd_csv_columns cols = {
		csv_names, NCOLS, "subject",
		"created, enterprise, subject, description, category, channel, priority, status, "
		"closed, resolution, satisfaction, own_view, and per route dept1, state1, routed1, "
		"answer1, answered1 … up to 8",
	};

	return sd_csv_each_record(f, name, false, &cols, csv_record, p, reject, rarg, rejected,
	    err);
}

/* --- JSONL -------------------------------------------------------------------------- */

static int
key_index(const char *const *keys, int n, const char *k)
{
	for (int i = 0; i < n; i++)
		if (strcmp(keys[i], k) == 0)
			return i;
	return -1;
}

/* A value as text: a string (blank: none) or an integer; else why not. */
static bool
json_text(json_t *v, char **out, const char *key, char *why, size_t whylen)
{
	*out = NULL;
	if (json_is_null(v))
		return true;
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		size_t n = json_string_length(v);
		if (memchr(s, '\0', n) != NULL) {
			snprintf(why, whylen, _("\"%s\" holds a NUL character."), key);
			return false;
		}
		*out = sd_xstrdup(s);
		if (*sd_trim(*out) == '\0') {
			free(*out);
			*out = NULL;
		}
		return true;
	}
	if (json_is_integer(v)) {
		char buf[32];
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
		*out = sd_xstrdup(buf);
		return true;
	}
	snprintf(why, whylen, _("\"%s\" must be text."), key);
	return false;
}

/* One line's object into vals (column order, as the CSV's); false: why. */
static bool
json_record(json_t *o, char **vals, char *why, size_t whylen)
{
	const char *k;
	json_t *v;

	if (!json_is_object(o)) {
		snprintf(why, whylen, _("a line must be one JSON object."));
		return false;
	}
	json_object_foreach(o, k, v) {
		int i = key_index(case_keys, C_CASE_COUNT, k);
		if (i >= 0) {
			if (!json_text(v, &vals[i], k, why, whylen))
				return false;
			continue;
		}
		if (strcmp(k, "routes") != 0) {
			snprintf(why, whylen, _("unknown key \"%.40s\"."), k);
			return false;
		}
		if (!json_is_array(v)) {
			snprintf(why, whylen, _("\"routes\" must be a list of routes."));
			return false;
		}
		if (json_array_size(v) > SD_CI_ROUTES) {
			snprintf(why, whylen, _("more than %d routes."), SD_CI_ROUTES);
			return false;
		}
		for (size_t n = 0; n < json_array_size(v); n++) {
			json_t *ro = json_array_get(v, n), *rv;
			const char *rk;
			if (!json_is_object(ro)) {
				snprintf(why, whylen, _("each route must be an object."));
				return false;
			}
			json_object_foreach(ro, rk, rv) {
				int j = key_index(route_keys, R_COUNT, rk);
				/* "department" is what people write. */
				if (j < 0 && strcmp(rk, "department") == 0)
					j = R_DEPT;
				if (j < 0) {
					snprintf(why, whylen, _("unknown key \"%.40s\" in a route."), rk);
					return false;
				}
				char **slot = &vals[C_CASE_COUNT + n * R_COUNT + (size_t)j];
				free(*slot);
				if (!json_text(rv, slot, rk, why, whylen))
					return false;
			}
		}
	}
	return true;
}

static sd_status
read_jsonl(FILE *f, const char *name, struct pass *p, sd_reject_fn reject, void *rarg,
    size_t *rejected, struct sd_error *err)
{
	char *vals[NCOLS] = { 0 };
	char *line = NULL, why[256];
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	sd_status s = SD_OK;

	while (s == SD_OK && (len = getline(&line, &cap, f)) > 0) {
		json_error_t je;
		json_t *o;
		bool good;

		lineno++;
		if (strspn(line, " \t\r\n") == (size_t)len)
			continue;
		why[0] = '\0';
		if (!sd_utf8_valid(line, (size_t)len)) {
			snprintf(why, sizeof why, _("the line is not UTF-8 text."));
			good = false;
		} else if ((o = json_loadb(line, (size_t)len, JSON_REJECT_DUPLICATES, &je)) == NULL) {
			snprintf(why, sizeof why, _("not JSON: %s."), je.text);
			good = false;
		} else {
			good = json_record(o, vals, why, sizeof why);
			json_decref(o);
		}
		if (good) {
			struct sd_ci_record r;
			record_of(vals, lineno, &r);
			s = p->each(p->arg, &r, err);
		} else {
			/* why may quote the line (a key, jansson's text): made visible. */
			char *safe = sd_visible(why, false);
			(*rejected)++;
			if (reject != NULL)
				reject(rarg, lineno, safe);
			free(safe);
		}
		for (size_t i = 0; i < NCOLS; i++) {
			free(vals[i]);
			vals[i] = NULL;
		}
	}
	if (s == SD_OK && ferror(f))
		s = sd_fail(err, SD_FAIL, _("%s: read error."), name);
	free(line);
	return s;
}

sd_status
sd_case_import_each(FILE *f, const char *name, enum sd_ci_format fmt, sd_ci_record_fn each,
    void *arg, sd_reject_fn reject, void *rarg, size_t *rejected, struct sd_error *err)
{
	struct pass p = { each, arg };

	*rejected = 0;
	if (fmt == SD_CI_CSV)
		return read_csv(f, name, &p, reject, rarg, rejected, err);
	return read_jsonl(f, name, &p, reject, rarg, rejected, err);
}
