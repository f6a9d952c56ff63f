/*
 * Reading and checking sedesk.ini.
 *
 * iniparser reads the values (quotes, comments, continuation lines), but
 * it silently merges a section written twice and it does not list
 * sections whose name holds a ':' (as [department:eco] does).  So a small
 * scan of the file's lines comes first: it finds the sections in file
 * order with their line numbers and keys, and catches duplicates.  The
 * values are then taken from iniparser's dictionary.  The file is read
 * once: the scan and iniparser parse the same bytes (iniparser 4.1 loads
 * only by name, so it is given a memory file holding them), so an edit
 * between the two cannot make them disagree.
 *
 * Every error is "FILE: [section] key: what is wrong; what to do", with
 * SD_INVALID.  Things that are merely unknown (a [foo] section, a typo in
 * a key) are warnings on stderr, so that an older sedesk can read a newer
 * file.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <iniparser.h>

#include "sedesk/config.h"
#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "writelock.h"

#ifndef SD_SYSTEM_CONFIG
#define SD_SYSTEM_CONFIG	"/etc/sedesk/sedesk.ini"
#endif

/* Smallest map that makes sense; LMDB grows it when it fills up. */
#define MIN_MAPSIZE		((size_t)1 << 20)
#define MAX_LOCK_TIMEOUT	3600
#define MAX_SERVICE_DAYS	365

/* A key = value line as the scan saw it. */
struct ini_key {
	char	*name;		/* trimmed, lower case (as iniparser has it) */
	int	 line;
};

/* A [section] line and the keys under it. */
struct ini_section {
	char	*raw;		/* as iniparser has it: trimmed, lower case */
	char	*type;		/* the part before ':' (or all), trimmed */
	char	*id;		/* the part after ':', trimmed, or NULL */
	char	*label;		/* "type:id" or "type", for messages */
	int	 line;
	struct ini_key *keys;
	size_t	 nkeys;
};

struct scan {
	struct ini_section *sections;
	size_t	 nsections;
};

struct loader {
	const char *file;
	dictionary *ini;
	struct scan scan;
	struct sd_config *cfg;
	struct sd_error *err;
};

/* The keys each kind of section knows; anything else gets a warning. */
static const char *const database_keys[] = { "path", "mapsize", "lock_timeout", NULL };
static const char *const general_keys[] = {
	"language", "service_days", "holidays", NULL
};
static const char *const department_keys[] = {
	"name", "email", "service_days", NULL
};
static const char *const officer_keys[] = {
	"name", "role", "departments",
	"email", "language", "mail",	/* mailout */
	NULL
};
static const char *const category_keys[] = {
	"name", "service_days", "retention", "retention_action", NULL
};
static const char *const rule_keys[] = {
	"category", "keywords", "departments", NULL
};
static const char *const limits_keys[] = { "writes_per_minute", NULL };
static const char *const profile_keys[] = { "kinds", "recognitions", NULL };
static const char *const procurement_keys[] = { "criteria", "municipality", NULL };
/*
 * [privacy]: the desk's default retention of a closed case's personal data
 * (privacy); how long the access log keeps who looked (accesslog).
 */
static const char *const privacy_keys[] = {
	"retention", "retention_action",	/* privacy */
	"access_log_days",			/* accesslog */
	NULL,
};

/* [mail]: incoming (mailgate), then outgoing (mailout). */
static const char *const mail_keys[] = {
	"gate_user", "gate_unix_users", "attachment_max", "message_max",
	"from", "sendmail", "timeout",
	NULL
};

static const struct section_kind {
	const char		*type;
	bool			 has_id;
	const char *const	*keys;
} kinds[] = {
	{ "database",	false,	database_keys },
	{ "general",	false,	general_keys },
	{ "department",	true,	department_keys },
	{ "officer",	true,	officer_keys },
	{ "category",	true,	category_keys },
	{ "rule",	true,	rule_keys },
	{ "limits",	false,	limits_keys },
	{ "profile",	false,	profile_keys },
	{ "procurement", false,	procurement_keys },
	{ "privacy",	false,	privacy_keys },
	{ "mail",	false,	mail_keys },
};

static const char *const role_names[] = {
	[SD_ROLE_NONE] = "none",
	[SD_ROLE_CONTACT] = "contact",
	[SD_ROLE_OFFICER] = "officer",
	[SD_ROLE_MANAGER] = "manager",
	[SD_ROLE_ADMIN] = "admin",
	[SD_ROLE_DPO] = "dpo",
	[SD_ROLE_GATE] = "gate",
};

static void	 lower(char *);
static void	 scan_free(struct scan *);
static sd_status read_file(const char *, struct sd_buf *, struct sd_error *);
static sd_status scan_text(const char *, const struct sd_buf *, struct scan *,
		    struct sd_error *);
static dictionary *ini_load(const char *, const struct sd_buf *);
static sd_status scan_line(const char *, struct scan *, char *, int,
		    struct sd_error *);
static int	 ini_error(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
static const struct section_kind *kind_of(const struct ini_section *);
static sd_status bad(struct loader *, const char *, const char *,
		    const char *, ...)
		    __attribute__((format(printf, 4, 5)));
static void	 config_warn(struct loader *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static bool	 valid_id(const char *, bool);
static sd_status check_sections(struct loader *);
static struct ini_section *find_section(struct loader *, const char *);
static sd_status get(struct loader *, const struct ini_section *,
		    const char *, const char **);
static sd_status get_retention(struct loader *, const struct ini_section *,
		    const struct sd_retention *, struct sd_retention *);
static sd_status get_days(struct loader *, const struct ini_section *,
		    const char *, int, int *);
static sd_status get_list(struct loader *, const struct ini_section *,
		    const char *, bool, char ***, size_t *);
static void	 list_free(char **, size_t);
static bool	 parse_size(const char *, size_t *);
static bool	 valid_email(const char *);
static int	 day_cmp(const void *, const void *);
static sd_status load_database(struct loader *);
static sd_status load_general(struct loader *);
static sd_status load_department(struct loader *, struct ini_section *);
static sd_status load_category(struct loader *, struct ini_section *);
static sd_status load_officer(struct loader *, struct ini_section *);
static sd_status load_rule(struct loader *, struct ini_section *);
static sd_status load_limits(struct loader *);
static sd_status load_profile(struct loader *);
static sd_status load_procurement(struct loader *);
static sd_status load_access_log(struct loader *);
static sd_status load_mailgate(struct loader *);
static sd_status check_mailgate(struct loader *);
static sd_status load_mail(struct loader *);
static sd_status load_officer_mail(struct loader *, struct ini_section *,
		    struct sd_officer *);
static sd_status check_departments(struct loader *,
		    const struct ini_section *, char **, size_t);
static size_t	 count_type(const struct scan *, const char *);
static bool	 exists(const char *);

/* ASCII lower case in place, as iniparser does to names and keys. */
static void
lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

static void
scan_free(struct scan *sc)
{
	for (size_t i = 0; i < sc->nsections; i++) {
		struct ini_section *s = &sc->sections[i];

		free(s->raw);
		free(s->type);
		free(s->id);
		free(s->label);
		for (size_t k = 0; k < s->nkeys; k++)
			free(s->keys[k].name);
		free(s->keys);
	}
	free(sc->sections);
	sc->sections = NULL;
	sc->nsections = 0;
}

/*
 * Looks at one logical line the way iniparser's iniparser_line() does:
 * "[name]" opens a section, "key = value" adds a key, the rest is left
 * for iniparser to judge.
 */
static sd_status
scan_line(const char *file, struct scan *sc, char *line, int lineno,
    struct sd_error *err)
{
	struct ini_section n = { 0 }, *s;
	size_t len;
	char *p, *colon;

	sd_trim(line);
	len = strlen(line);
	if (len == 0 || line[0] == '#' || line[0] == ';')
		return SD_OK;
	if (line[0] != '[' || line[len - 1] != ']') {
		if ((p = strchr(line, '=')) == NULL || sc->nsections == 0)
			return SD_OK;	/* iniparser judges the rest */
		*p = '\0';
		sd_trim(line);
		lower(line);
		s = &sc->sections[sc->nsections - 1];
		s->keys = sd_xrealloc(s->keys,
		    (s->nkeys + 1) * sizeof *s->keys);
		s->keys[s->nkeys].name = sd_xstrdup(line);
		s->keys[s->nkeys].line = lineno;
		s->nkeys++;
		return SD_OK;
	}

	p = line + 1;
	p[strcspn(p, "]")] = '\0';
	sd_trim(p);
	lower(p);
	n.raw = sd_xstrdup(p);
	n.line = lineno;

	/*
	 * The id is what makes a section unique, so "[department : eco]" is
	 * the same as "[department:eco]" although iniparser keeps them apart.
	 */
	if ((colon = strchr(p, ':')) != NULL) {
		*colon = '\0';
		n.type = sd_xstrdup(sd_trim(p));
		n.id = sd_xstrdup(sd_trim(colon + 1));
		len = strlen(n.type) + strlen(n.id) + 2;
		n.label = sd_xmalloc(len);
		snprintf(n.label, len, "%s:%s", n.type, n.id);
	} else {
		n.type = sd_xstrdup(p);
		n.label = sd_xstrdup(p);
	}
	for (size_t i = 0; i < sc->nsections; i++) {
		if (strcmp(sc->sections[i].label, n.label) != 0)
			continue;
		sd_fail(err, SD_INVALID, _("%s: [%s]: duplicate section at "
		    "line %d (first at line %d); every id may be used once, "
		    "so merge the two or rename one"), file, n.label, lineno,
		    sc->sections[i].line);
		free(n.raw);
		free(n.type);
		free(n.id);
		free(n.label);
		return SD_INVALID;
	}
	sc->sections = sd_xrealloc(sc->sections,
	    (sc->nsections + 1) * sizeof *sc->sections);
	sc->sections[sc->nsections++] = n;
	return SD_OK;
}

/*
 * Reads the whole file.  This is where a missing or unreadable file is
 * reported, with the system's reason.
 */
static sd_status
read_file(const char *file, struct sd_buf *text, struct sd_error *err)
{
	FILE *fp;
	struct stat st;
	char chunk[4096];
	size_t n;
	sd_status rc = SD_OK;

	if ((fp = fopen(file, "r")) == NULL)
		return sd_fail(err, SD_INVALID,
		    _("%s: cannot read the configuration: %s; check the "
		    "path and its permissions"), file, strerror(errno));
	if (fstat(fileno(fp), &st) == -1 || !S_ISREG(st.st_mode)) {
		fclose(fp);
		return sd_fail(err, SD_INVALID,
		    _("%s: not a regular file; give the path of sedesk.ini"),
		    file);
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		sd_buf_add(text, chunk, n);
	if (ferror(fp))
		rc = sd_fail(err, SD_INVALID,
		    _("%s: cannot read the configuration: %s; check the "
		    "path and its permissions"), file, strerror(errno));
	fclose(fp);
	return rc;
}

/* Scans the text line by line, joining lines that end in a backslash as iniparser does. */
static sd_status
scan_text(const char *file, const struct sd_buf *text, struct scan *sc, struct sd_error *err)
{
	struct sd_buf logical = { 0 };
	const char *p = text->data, *end = p;
	int lineno = 0, start = 0;
	sd_status rc = SD_OK;

	if (text->len == 0)
		return SD_OK;
	end = p + text->len;
	if (text->len >= 3 && strncmp(p, "\xef\xbb\xbf", 3) == 0)
		return sd_fail(err, SD_INVALID,
		    _("%s: the file starts with a byte order mark, "
		    "which iniparser cannot read; save it as UTF-8 "
		    "without BOM"), file);
	while (rc == SD_OK && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);

		lineno++;
		if (logical.len == 0)
			start = lineno;
		while (n > 0 && isspace((unsigned char)p[n - 1]))
			n--;
		if (n > 0 && p[n - 1] == '\\') {
			sd_buf_add(&logical, p, n - 1);
		} else {
			sd_buf_add(&logical, p, n);
			rc = scan_line(file, sc, logical.data, start, err);
			sd_buf_reset(&logical);
		}
		p = nl != NULL ? nl + 1 : end;
	}
	if (rc == SD_OK && logical.len > 0)
		rc = scan_line(file, sc, logical.data, start, err);
	sd_buf_free(&logical);
	if (rc != SD_OK)
		scan_free(sc);
	return rc;
}

/*
 * iniparser's messages would go straight to stderr; they are kept here
 * instead and reported as one error naming the file.  The callback takes
 * no argument of ours, hence the static buffer.
 */
static char ini_message[512];

static int
ini_error(const char *fmt, ...)
{
	va_list ap;
	size_t len = strlen(ini_message);
	int n;

	if (len >= sizeof ini_message - 1)
		return 0;
	va_start(ap, fmt);
	n = vsnprintf(ini_message + len, sizeof ini_message - len, fmt, ap);
	va_end(ap);
	return n;
}

/*
 * iniparser's dictionary of the text read: iniparser loads by name only,
 * so it reads the text from a memory file, and names in its messages are
 * put back as the configuration's (a system without memory files reads
 * the file again by its name).
 */
static dictionary *
ini_load(const char *file, const struct sd_buf *text)
{
	char path[64], *at;
	struct stat st;
	dictionary *ini;
	size_t off = 0;
	int fd;

	if ((fd = memfd_create("sedesk.ini", MFD_CLOEXEC)) == -1)
		return iniparser_load(file);
	while (off < text->len) {
		ssize_t w = write(fd, text->data + off, text->len - off);
		if (w <= 0) {
			close(fd);
			return iniparser_load(file);
		}
		off += (size_t)w;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (stat(path, &st) == -1) {
		/* No /proc. */
		close(fd);
		return iniparser_load(file);
	}
	ini = iniparser_load(path);
	close(fd);
	if (ini == NULL && (at = strstr(ini_message, path)) != NULL) {
		char rest[sizeof ini_message];

		snprintf(rest, sizeof rest, "%s", at + strlen(path));
		*at = '\0';
		snprintf(at, sizeof ini_message - (size_t)(at - ini_message), "%s%s", file, rest);
	}
	return ini;
}

static const struct section_kind *
kind_of(const struct ini_section *s)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].type, s->type) == 0)
			return &kinds[i];
	return NULL;
}

static sd_status
bad(struct loader *l, const char *label, const char *key,
    const char *fmt, ...)
{
	char what[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (key == NULL)
		return sd_fail(l->err, SD_INVALID, "%s: [%s]: %s", l->file,
		    label, what);
	return sd_fail(l->err, SD_INVALID, "%s: [%s] %s: %s", l->file,
	    label, key, what);
}

static void
config_warn(struct loader *l, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "sedesk: warning: %s:%d: ", l->file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * Ids are used in keys of the store and on command lines, so they stay
 * plain: a-z, 0-9, '_' and '-'.  Unix logins may also hold a '.'.
 */
static bool
valid_id(const char *id, bool login)
{
	if (*id == '\0')
		return false;
	for (; *id != '\0'; id++) {
		if ((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9') ||
		    *id == '_' || *id == '-')
			continue;
		if (login && *id == '.')
			continue;
		return false;
	}
	return true;
}

/* Checks ids and warns about what this version does not know. */
static sd_status
check_sections(struct loader *l)
{
	for (size_t i = 0; i < l->scan.nsections; i++) {
		struct ini_section *s = &l->scan.sections[i];
		const struct section_kind *k = kind_of(s);
		bool login;

		if (k == NULL) {
			config_warn(l, s->line,
			    _("[%s]: unknown section, ignored"), s->raw);
			continue;
		}
		if (k->has_id && s->id == NULL)
			return bad(l, s->label, NULL,
			    _("the section needs an id; write [%s:ID]"),
			    s->type);
		if (!k->has_id && s->id != NULL) {
			config_warn(l, s->line,
			    _("[%s]: unknown section, ignored (did you mean "
			    "[%s]?)"), s->raw, s->type);
			continue;
		}
		login = strcmp(s->type, "officer") == 0;
		if (k->has_id && !valid_id(s->id, login))
			return bad(l, s->label, NULL, login ?
			    _("\"%s\" is not a valid login; use only a-z, "
			    "0-9, '.', '_' and '-'") :
			    _("\"%s\" is not a valid id; use only a-z, 0-9, "
			    "'_' and '-'"), s->id);
		for (size_t j = 0; j < s->nkeys; j++) {
			const char *const *known;
			bool found = false;

			for (known = k->keys; *known != NULL; known++)
				if (strcmp(*known, s->keys[j].name) == 0)
					found = true;
			if (!found)
				config_warn(l, s->keys[j].line,
				    _("[%s] %s: unknown key, ignored"),
				    s->label, s->keys[j].name);
			for (size_t m = 0; m < j; m++) {
				if (strcmp(s->keys[m].name,
				    s->keys[j].name) != 0)
					continue;
				config_warn(l, s->keys[j].line,
				    _("[%s] %s: given again (first at line "
				    "%d); the last one counts"), s->label,
				    s->keys[j].name, s->keys[m].line);
				break;
			}
		}
	}
	return SD_OK;
}

static struct ini_section *
find_section(struct loader *l, const char *label)
{
	for (size_t i = 0; i < l->scan.nsections; i++)
		if (strcmp(l->scan.sections[i].label, label) == 0)
			return &l->scan.sections[i];
	return NULL;
}

/*
 * The value of key in section s, NULL when the key is absent or empty.
 * Values must be UTF-8: they end up on terminals and in JSON.
 */
static sd_status
get(struct loader *l, const struct ini_section *s, const char *key,
    const char **out)
{
	char name[1200];
	const char *v;

	*out = NULL;
	if (s == NULL)
		return SD_OK;
	snprintf(name, sizeof name, "%s:%s", s->raw, key);
	v = iniparser_getstring(l->ini, name, NULL);
	if (v == NULL || *v == '\0')
		return SD_OK;
	if (!sd_utf8_valid(v, strlen(v)))
		return bad(l, s->label, key,
		    _("not valid UTF-8; save the file as UTF-8"));
	*out = v;
	return SD_OK;
}

/* A service level: a whole number of working days, 1 to 365. */
static sd_status
get_days(struct loader *l, const struct ini_section *s, const char *key,
    int def, int *out)
{
	const char *v;
	char *end;
	long n;

	*out = def;
	if (get(l, s, key, &v) != SD_OK)
		return SD_INVALID;
	if (v == NULL)
		return SD_OK;
	errno = 0;
	n = strtol(v, &end, 10);
	if (!isdigit((unsigned char)*v) || *end != '\0' || errno != 0 ||
	    n < 1 || n > MAX_SERVICE_DAYS)
		return bad(l, s->label, key,
		    _("\"%s\" is not a number of working days; give a whole "
		    "number from 1 to %d"), v, MAX_SERVICE_DAYS);
	*out = (int)n;
	return SD_OK;
}

/*
 * retention = N y|m|d (years, months, days after a case closed) and
 * retention_action = anonymise|destroy of a section (s may be NULL),
 * each defaulting to def's (NULL: none, anonymise).
 */
static sd_status
get_retention(struct loader *l, const struct ini_section *s, const struct sd_retention *def,
    struct sd_retention *out)
{
	const char *v, *a;
	char *end;
	long n;

	if (def != NULL)
		*out = *def;
	else
		*out = (struct sd_retention){ 0, 'y', SD_RETAIN_ANONYMISE };
	if (s == NULL)
		return SD_OK;
	if (get(l, s, "retention", &v) != SD_OK || get(l, s, "retention_action", &a) != SD_OK)
		return SD_INVALID;
	if (v != NULL) {
		errno = 0;
		n = strtol(v, &end, 10);
		while (*end == ' ')
			end++;
		if (!isdigit((unsigned char)*v) || errno != 0 || n < 1 || n > 36500 ||
		    end[0] == '\0' || end[1] != '\0' || strchr("ymd", end[0]) == NULL ||
		    (end[0] == 'y' && n > 100) || (end[0] == 'm' && n > 1200))
			return bad(l, s->label, "retention",
			    _("\"%s\" is not a period; give years, months or days after "
			    "a case closed, e.g. 5y, 18m or 90d"), v);
		out->n = (int)n;
		out->unit = end[0];
	}
	if (a != NULL) {
		if (strcasecmp(a, "anonymise") == 0 || strcasecmp(a, "anonymize") == 0)
			out->action = SD_RETAIN_ANONYMISE;
		else if (strcasecmp(a, "destroy") == 0)
			out->action = SD_RETAIN_DESTROY;
		else
			return bad(l, s->label, "retention_action",
			    _("\"%s\" is not what retention does; give anonymise or destroy"), a);
	}
	return SD_OK;
}

/*
 * A comma-separated list: items trimmed, empty ones and repeats dropped.
 * Ids (refs) are compared in lower case, as iniparser stores section names.
 */
static sd_status
get_list(struct loader *l, const struct ini_section *s, const char *key,
    bool refs, char ***out, size_t *nout)
{
	const char *v;
	char *copy, *item, *next;
	char **items = NULL;
	size_t n = 0;

	*out = NULL;
	*nout = 0;
	if (get(l, s, key, &v) != SD_OK)
		return SD_INVALID;
	if (v == NULL)
		return SD_OK;
	copy = sd_xstrdup(v);
	for (item = copy; item != NULL; item = next) {
		bool seen = false;

		if ((next = strchr(item, ',')) != NULL)
			*next++ = '\0';
		sd_trim(item);
		if (*item == '\0')
			continue;
		if (refs)
			lower(item);
		for (size_t i = 0; i < n; i++)
			if (strcmp(items[i], item) == 0)
				seen = true;
		if (seen)
			continue;
		items = sd_xrealloc(items, (n + 1) * sizeof *items);
		items[n++] = sd_xstrdup(item);
	}
	free(copy);
	*out = items;
	*nout = n;
	return SD_OK;
}

static void
list_free(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

/* "1073741824", "64K", "512M", "1G", "1 GB": a size in bytes. */
static bool
parse_size(const char *s, size_t *out)
{
	unsigned long long n, mult = 1;
	char *end;

	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno != 0)
		return false;
	while (*end == ' ' || *end == '\t')
		end++;
	switch (tolower((unsigned char)*end)) {
	case 'k':
		mult = 1ULL << 10;
		end++;
		break;
	case 'm':
		mult = 1ULL << 20;
		end++;
		break;
	case 'g':
		mult = 1ULL << 30;
		end++;
		break;
	case 't':
		mult = 1ULL << 40;
		end++;
		break;
	}
	if (mult > 1 && tolower((unsigned char)*end) == 'b')
		end++;
	if (*end != '\0' || n > SIZE_MAX / mult)
		return false;
	*out = (size_t)(n * mult);
	return true;
}

/*
 * Addresses are handed to sendmail, so they must be a plain addr-spec:
 * something@domain, with no spaces, commas or angle brackets.
 */
static bool
valid_email(const char *s)
{
	const char *at = strchr(s, '@');

	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@'))
		return false;
	if (s[0] == '-')
		return false;
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || strchr(",<>;\"()\\", *s))
			return false;
	return true;
}

static int
day_cmp(const void *a, const void *b)
{
	sd_day x = *(const sd_day *)a, y = *(const sd_day *)b;

	return (x > y) - (x < y);
}

static sd_status
load_database(struct loader *l)
{
	struct ini_section *s = find_section(l, "database");
	const char *path, *mapsize, *timeout;
	char *dir, *slash, *real;

	if (get(l, s, "path", &path) != SD_OK ||
	    get(l, s, "mapsize", &mapsize) != SD_OK ||
	    get(l, s, "lock_timeout", &timeout) != SD_OK)
		return SD_INVALID;
	if (path == NULL)
		return bad(l, "database", "path",
		    _("missing; say where the database directory is, e.g. "
		    "path = ./sedesk-db"));

	/*
	 * A relative path is relative to the file's folder, so the same
	 * configuration works from any working directory.  The folder is
	 * made absolute for the same reason.  "./db" is written as "db".
	 */
	while (path[0] == '.' && path[1] == '/')
		for (path += 2; *path == '/'; path++)
			;
	if (path[0] == '/') {
		l->cfg->db_path = sd_xstrdup(path);
	} else {
		dir = sd_xstrdup(l->file);
		if ((slash = strrchr(dir, '/')) == NULL) {
			free(dir);
			dir = sd_xstrdup(".");
		} else if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
		if ((real = realpath(dir, NULL)) != NULL) {
			free(dir);
			dir = real;
		}
		if (*path == '\0' || strcmp(path, ".") == 0)
			l->cfg->db_path = sd_xstrdup(dir);
		else {
			size_t len = strlen(dir) + strlen(path) + 2;

			l->cfg->db_path = sd_xmalloc(len);
			snprintf(l->cfg->db_path, len, "%s%s%s", dir,
			    dir[strlen(dir) - 1] == '/' ? "" : "/", path);
		}
		free(dir);
	}

	l->cfg->mapsize = SD_DEFAULT_MAPSIZE;
	if (mapsize != NULL && (!parse_size(mapsize, &l->cfg->mapsize) ||
	    l->cfg->mapsize < MIN_MAPSIZE))
		return bad(l, s->label, "mapsize",
		    _("\"%s\" is not a map size; give bytes or a number with "
		    "K, M or G, at least 1M, e.g. mapsize = 1G"), mapsize);
	l->cfg->lock_timeout = SD_DEFAULT_LOCK_TIMEOUT;
	if (timeout != NULL) {
		char *end;
		unsigned long v;
		errno = 0;
		v = strtoul(timeout, &end, 10);
		if (!isdigit((unsigned char)*timeout) || *end != '\0' || errno != 0 ||
		    v > MAX_LOCK_TIMEOUT)
			return bad(l, s->label, "lock_timeout",
			    _("\"%s\" is not a number of seconds from 0 to %d; it is how long a "
			    "change waits while another user's change is written, e.g. lock_timeout = 10"), timeout,
			    MAX_LOCK_TIMEOUT);
		l->cfg->lock_timeout = (unsigned)v;
	}
	return SD_OK;
}

/*
 * [limits] writes_per_minute: how many changes one login may make in a
 * minute (0: no limit).  Unset, a shared (setgid) install limits to
 * SD_DEFAULT_WRITES_PER_MINUTE and a private one does not limit.
 */
static sd_status
load_limits(struct loader *l)
{
	struct ini_section *s = find_section(l, "limits");
	const char *v;
	char *end;
	long n;

	l->cfg->writes_per_minute = sd_privileged() ? SD_DEFAULT_WRITES_PER_MINUTE : 0;
	if (get(l, s, "writes_per_minute", &v) != SD_OK)
		return SD_INVALID;
	if (v == NULL)
		return SD_OK;
	errno = 0;
	n = strtol(v, &end, 10);
	if (!isdigit((unsigned char)*v) || *end != '\0' || errno != 0 || n < 0 ||
	    n > SD_MAX_WRITES_PER_MINUTE)
		return bad(l, s->label, "writes_per_minute",
		    _("\"%s\" is not a number of changes a minute; give a whole number "
		    "from 0 (no limit) to %d"), v, SD_MAX_WRITES_PER_MINUTE);
	l->cfg->writes_per_minute = (unsigned)n;
	return SD_OK;
}

/*
 * [privacy] access_log_days: how many days the access log keeps (the
 * files of older days are removed; sedesk/access_log.h).
 */
static sd_status
load_access_log(struct loader *l)
{
	struct ini_section *s = find_section(l, "privacy");
	const char *v;
	char *end;
	long n;

	l->cfg->access_log_days = SD_DEFAULT_ACCESS_LOG_DAYS;
	if (get(l, s, "access_log_days", &v) != SD_OK)
		return SD_INVALID;
	if (v == NULL)
		return SD_OK;
	errno = 0;
	n = strtol(v, &end, 10);
	if (!isdigit((unsigned char)*v) || *end != '\0' || errno != 0 || n < 1 ||
	    n > SD_MAX_ACCESS_LOG_DAYS)
		return bad(l, s->label, "access_log_days",
		    _("\"%s\" is not a number of days; give a whole number from 1 to %d, "
		    "how long the access log keeps who looked at what, e.g. access_log_days = 365"),
		    v, SD_MAX_ACCESS_LOG_DAYS);
	l->cfg->access_log_days = (unsigned)n;
	return SD_OK;
}

/*
 * One list of [profile]: "CODE" or "CODE: Label" items.  A code is an id
 * (a-z, 0-9, _ and -) because records store it; a code without a label
 * shows the built-in label when it is one of profile.h's, else itself.
 */
static sd_status
get_codes(struct loader *l, const struct ini_section *s, const char *key,
    struct sd_code **out, size_t *nout)
{
	char **items;
	size_t n;

	if (get_list(l, s, key, false, &items, &n) != SD_OK)
		return SD_INVALID;
	*out = n > 0 ? sd_xcalloc(n, sizeof **out) : NULL;
	*nout = 0;
	for (size_t i = 0; i < n; i++) {
		char *colon = strchr(items[i], ':'), *name = NULL;
		bool seen = false;

		if (colon != NULL) {
			*colon = '\0';
			name = sd_trim(colon + 1);
			sd_trim(items[i]);
		}
		if (!valid_id(items[i], false) || (name != NULL && *name == '\0')) {
			sd_status st = bad(l, s->label, key,
			    _("\"%s\" is not a code; write codes of a-z, 0-9, _ and -, each "
			    "optionally followed by \": Label\", separated by commas"), items[i]);
			list_free(items, n);
			return st;
		}
		for (size_t k = 0; k < *nout; k++)
			seen |= strcmp((*out)[k].id, items[i]) == 0;
		if (seen)
			continue;
		(*out)[*nout].id = sd_xstrdup(items[i]);
		(*out)[*nout].name = sd_xstrdup(name);
		(*nout)++;
	}
	list_free(items, n);
	return SD_OK;
}

static sd_status
load_profile(struct loader *l)
{
	struct ini_section *s = find_section(l, "profile");

	if (get_codes(l, s, "kinds", &l->cfg->kinds, &l->cfg->nkinds) != SD_OK ||
	    get_codes(l, s, "recognitions", &l->cfg->recognitions,
	    &l->cfg->nrecognitions) != SD_OK)
		return SD_INVALID;
	return SD_OK;
}

/* [procurement]: the CSR criteria (codes as [profile]'s) and the municipality's name. */
static sd_status
load_procurement(struct loader *l)
{
	struct ini_section *s = find_section(l, "procurement");
	const char *m;

	if (get_codes(l, s, "criteria", &l->cfg->criteria, &l->cfg->ncriteria) != SD_OK ||
	    get(l, s, "municipality", &m) != SD_OK)
		return SD_INVALID;
	if (m != NULL)
		l->cfg->municipality = sd_xstrdup(m);
	return SD_OK;
}

/*
 * [mail], incoming (sedesk mailgate): the login mail arrives as
 * (gate_user, an officer of role gate), the Unix users the MTA runs
 * mailgate as (gate_unix_users; no one else may), the largest attachment
 * stored and the largest message read.
 */
static sd_status
load_mailgate(struct loader *l)
{
	struct ini_section *s = find_section(l, "mail");
	const char *user, *att, *msg;

	l->cfg->attachment_max = SD_DEFAULT_ATTACHMENT_MAX;
	l->cfg->message_max = SD_DEFAULT_MESSAGE_MAX;
	if (get(l, s, "gate_user", &user) != SD_OK ||
	    get(l, s, "attachment_max", &att) != SD_OK ||
	    get(l, s, "message_max", &msg) != SD_OK ||
	    get_list(l, s, "gate_unix_users", false, &l->cfg->gate_unix_users,
	    &l->cfg->ngate_unix_users) != SD_OK)
		return SD_INVALID;
	if (att != NULL && (!parse_size(att, &l->cfg->attachment_max) ||
	    l->cfg->attachment_max > SD_MAX_MESSAGE_MAX))
		return bad(l, s->label, "attachment_max",
		    _("\"%s\" is not a size up to 64M; give bytes or a size such as 10M"), att);
	if (msg != NULL && (!parse_size(msg, &l->cfg->message_max) ||
	    l->cfg->message_max < 1024 || l->cfg->message_max > SD_MAX_MESSAGE_MAX))
		return bad(l, s->label, "message_max",
		    _("\"%s\" is not a size from 1K to 64M; give bytes or a size such as 25M"),
		    msg);
	if (user != NULL)
		l->cfg->gate_user = sd_xstrdup(user);
	return SD_OK;
}

/* After the officers: the gate's login must be one, of role gate, and only it. */
static sd_status
check_mailgate(struct loader *l)
{
	struct ini_section *s = find_section(l, "mail");
	const struct sd_officer *o;

	if (l->cfg->gate_user == NULL) {
		if (l->cfg->ngate_unix_users > 0)
			return bad(l, s->label, "gate_unix_users",
			    _("given without gate_user; name the login mail arrives as "
			    "(an [officer:LOGIN] of role gate)"));
		return SD_OK;
	}
	o = sd_config_officer(l->cfg, l->cfg->gate_user);
	if (o == NULL || o->role != SD_ROLE_GATE)
		return bad(l, s->label, "gate_user",
		    _("\"%s\" is not an officer of role gate; add a section "
		    "[officer:%s] with role = gate"), l->cfg->gate_user, l->cfg->gate_user);
	if (l->cfg->ngate_unix_users == 0)
		return bad(l, s->label, "gate_unix_users",
		    _("missing; name the Unix user the mail server runs sedesk mailgate as "
		    "(Postfix: the owner of the aliases file, often nobody)"));
	return SD_OK;
}

/* --- mailout: [mail] (outgoing) and the officers' mail keys ------------------ */

/*
 * [mail] sendmail is run without a shell (mail_deliver.c splits it at
 * blanks), so it must start with the program's absolute path and hold no
 * quotes: what the administrator writes is what runs.
 */
static sd_status
load_mail(struct loader *l)
{
	struct ini_section *s = find_section(l, "mail");
	struct sd_config *cfg = l->cfg;
	const char *from, *cmd, *timeout;
	char *end;
	long n;

	cfg->mail_timeout = SD_DEFAULT_MAIL_TIMEOUT;
	if (get(l, s, "from", &from) != SD_OK || get(l, s, "sendmail", &cmd) != SD_OK ||
	    get(l, s, "timeout", &timeout) != SD_OK)
		return SD_INVALID;
	if (from != NULL && !valid_email(from))
		return bad(l, "mail", "from", _("\"%s\" is not an e-mail address; write the "
		    "desk's own address, such as ondernemen@gemeente.be"), from);
	cfg->mail_from = from != NULL ? sd_xstrdup(from) : NULL;
	if (cmd == NULL)
		cmd = SD_DEFAULT_SENDMAIL;
	if (cmd[0] != '/' || strpbrk(cmd, "\"'`$|;&<>\\") != NULL)
		return bad(l, "mail", "sendmail", _("\"%s\" is not a command sedesk can run; "
		    "give the program's full path and its options, without quotes or "
		    "shell characters, e.g. /usr/sbin/sendmail -t -i"), cmd);
	cfg->mail_sendmail = sd_xstrdup(cmd);
	if (timeout != NULL) {
		errno = 0;
		n = strtol(timeout, &end, 10);
		if (!isdigit((unsigned char)*timeout) || *end != '\0' || errno != 0 ||
		    n < 1 || n > 600)
			return bad(l, "mail", "timeout", _("\"%s\" is not a number of "
			    "seconds; give a whole number from 1 to 600"), timeout);
		cfg->mail_timeout = (unsigned)n;
	}
	return SD_OK;
}

static sd_status
load_officer_mail(struct loader *l, struct ini_section *s, struct sd_officer *o)
{
	const char *email, *lang, *mail;

	if (get(l, s, "email", &email) != SD_OK || get(l, s, "language", &lang) != SD_OK ||
	    get(l, s, "mail", &mail) != SD_OK)
		return SD_INVALID;
	if (email != NULL && !valid_email(email))
		return bad(l, s->label, "email", _("\"%s\" is not an e-mail address; write "
		    "one plain address such as an@gemeente.be"), email);
	o->email = email != NULL ? sd_xstrdup(email) : NULL;
	if (lang != NULL && strcmp(lang, "nl") != 0 && strcmp(lang, "en") != 0)
		return bad(l, s->label, "language", _("unknown language \"%s\"; give nl "
		    "(Dutch) or en (English)"), lang);
	o->language = lang != NULL ? sd_xstrdup(lang) : NULL;
	o->mail = SD_MAIL_EACH;
	if (mail == NULL)
		return SD_OK;
	if (strcmp(mail, "each") == 0)
		o->mail = SD_MAIL_EACH;
	else if (strcmp(mail, "digest") == 0)
		o->mail = SD_MAIL_DIGEST;
	else if (strcmp(mail, "none") == 0)
		o->mail = SD_MAIL_NONE;
	else
		return bad(l, s->label, "mail", _("unknown choice \"%s\"; give each (every "
		    "notification), digest (one mail a day) or none"), mail);
	if (o->mail != SD_MAIL_NONE && o->email == NULL)
		return bad(l, s->label, "mail", _("mail = %s needs an address; add email = "
		    "… to this section, or write mail = none"), mail);
	return SD_OK;
}

static sd_status
load_general(struct loader *l)
{
	struct ini_section *s = find_section(l, "general");
	struct sd_config *cfg = l->cfg;
	const char *language;
	char **days;
	size_t ndays;

	if (get(l, s, "language", &language) != SD_OK)
		return SD_INVALID;
	cfg->language = sd_xstrdup(language != NULL ? language : "");
	if (get_days(l, s, "service_days", SD_DEFAULT_SERVICE_DAYS,
	    &cfg->service_days) != SD_OK)
		return SD_INVALID;
	if (get_list(l, s, "holidays", false, &days, &ndays) != SD_OK)
		return SD_INVALID;
	if (ndays == 0)
		return SD_OK;
	cfg->holidays = sd_xcalloc(ndays, sizeof *cfg->holidays);
	for (size_t i = 0; i < ndays; i++) {
		if (!sd_day_parse(days[i], &cfg->holidays[i])) {
			bad(l, s->label, "holidays",
			    _("\"%s\" is not a date; write dates as "
			    "YYYY-MM-DD, separated by commas"), days[i]);
			list_free(days, ndays);
			return SD_INVALID;
		}
		if (!sd_day_in_range(cfg->holidays[i])) {
			bad(l, s->label, "holidays",
			    _("\"%s\" is outside the years %d to %d that sedesk "
			    "keeps"), days[i], SD_YEAR_MIN, SD_YEAR_MAX);
			list_free(days, ndays);
			return SD_INVALID;
		}
	}
	list_free(days, ndays);

	/* Working-day counting wants them sorted; repeats are harmless. */
	qsort(cfg->holidays, ndays, sizeof *cfg->holidays, day_cmp);
	cfg->nholidays = 0;
	for (size_t i = 0; i < ndays; i++)
		if (i == 0 || cfg->holidays[i] != cfg->holidays[i - 1])
			cfg->holidays[cfg->nholidays++] = cfg->holidays[i];
	return SD_OK;
}

static sd_status
load_department(struct loader *l, struct ini_section *s)
{
	struct sd_department *d;
	const char *name, *email;

	d = &l->cfg->departments[l->cfg->ndepartments++];
	d->id = sd_xstrdup(s->id);
	if (get(l, s, "name", &name) != SD_OK ||
	    get(l, s, "email", &email) != SD_OK)
		return SD_INVALID;
	d->name = sd_xstrdup(name != NULL ? name : s->id);
	if (email != NULL && !valid_email(email))
		return bad(l, s->label, "email",
		    _("\"%s\" is not an e-mail address; write one plain "
		    "address such as eco@gemeente.be"), email);
	d->email = sd_xstrdup(email);
	return get_days(l, s, "service_days", l->cfg->service_days,
	    &d->service_days);
}

static sd_status
load_category(struct loader *l, struct ini_section *s)
{
	struct sd_category *c;
	const char *name;

	c = &l->cfg->categories[l->cfg->ncategories++];
	c->id = sd_xstrdup(s->id);
	if (get(l, s, "name", &name) != SD_OK)
		return SD_INVALID;
	c->name = sd_xstrdup(name != NULL ? name : s->id);
	if (get_retention(l, s, &l->cfg->retention, &c->retention) != SD_OK)
		return SD_INVALID;
	return get_days(l, s, "service_days", l->cfg->service_days,
	    &c->service_days);
}

static sd_status
check_departments(struct loader *l, const struct ini_section *s,
    char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (sd_config_department(l->cfg, ids[i]) == NULL)
			return bad(l, s->label, "departments",
			    _("unknown department \"%s\"; add a "
			    "[department:%s] section or correct the list"),
			    ids[i], ids[i]);
	return SD_OK;
}

static sd_status
load_officer(struct loader *l, struct ini_section *s)
{
	struct sd_officer *o;
	const char *name, *role;

	o = &l->cfg->officers[l->cfg->nofficers++];
	o->login = sd_xstrdup(s->id);
	if (get(l, s, "name", &name) != SD_OK ||
	    get(l, s, "role", &role) != SD_OK)
		return SD_INVALID;
	o->name = sd_xstrdup(name != NULL ? name : s->id);
	if (role == NULL)
		return bad(l, s->label, "role", _("missing; give one of "
		    "contact, officer, manager, admin, dpo or gate"));
	if ((o->role = sd_role_parse(role)) == SD_ROLE_NONE)
		return bad(l, s->label, "role", _("unknown role \"%s\"; give "
		    "one of contact, officer, manager, admin, dpo or gate"), role);
	if (get_list(l, s, "departments", true, &o->departments,
	    &o->ndepartments) != SD_OK)
		return SD_INVALID;
	if (o->role == SD_ROLE_OFFICER && o->ndepartments == 0)
		return bad(l, s->label, "departments",
		    _("an officer needs at least one department; list the "
		    "department ids, e.g. departments = eco, wel"));
	if (load_officer_mail(l, s, o) != SD_OK)
		return SD_INVALID;
	return check_departments(l, s, o->departments, o->ndepartments);
}

static sd_status
load_rule(struct loader *l, struct ini_section *s)
{
	struct sd_rule *r;
	const char *category;
	char **words;
	size_t nwords;

	r = &l->cfg->rules[l->cfg->nrules++];
	r->name = sd_xstrdup(s->id);
	if (get(l, s, "category", &category) != SD_OK)
		return SD_INVALID;
	if (category != NULL) {
		r->category = sd_xstrdup(category);
		lower(r->category);
		if (sd_config_category(l->cfg, r->category) == NULL)
			return bad(l, s->label, "category",
			    _("unknown category \"%s\"; add a [category:%s] "
			    "section or correct the rule"), r->category,
			    r->category);
	}

	/* Keywords are matched against folded text, so fold them once here. */
	if (get_list(l, s, "keywords", false, &words, &nwords) != SD_OK)
		return SD_INVALID;
	for (size_t i = 0; i < nwords; i++) {
		char *f = sd_fold(words[i]);
		bool seen = *sd_trim(f) == '\0';

		for (size_t j = 0; j < r->nkeywords && !seen; j++)
			seen = strcmp(r->keywords[j], f) == 0;
		if (seen) {
			free(f);
			continue;
		}
		r->keywords = sd_xrealloc(r->keywords,
		    (r->nkeywords + 1) * sizeof *r->keywords);
		r->keywords[r->nkeywords++] = f;
	}
	list_free(words, nwords);

	if (r->category == NULL && r->nkeywords == 0)
		config_warn(l, s->line, _("[%s]: neither category nor "
		    "keywords, so the rule never applies"), s->label);

	if (get_list(l, s, "departments", true, &r->departments,
	    &r->ndepartments) != SD_OK)
		return SD_INVALID;
	if (r->ndepartments == 0)
		return bad(l, s->label, "departments", _("missing; a rule "
		    "suggests departments, e.g. departments = eco, fin"));
	return check_departments(l, s, r->departments, r->ndepartments);
}

static size_t
count_type(const struct scan *sc, const char *type)
{
	size_t n = 0;

	for (size_t i = 0; i < sc->nsections; i++)
		if (strcmp(sc->sections[i].type, type) == 0 &&
		    sc->sections[i].id != NULL)
			n++;
	return n;
}

/*
 * The dictionary sd_config_language parsed, kept for the sd_config_load
 * of the same file that follows it in every command (cli.c): iniparser's
 * parse (through a memory file) is a tenth of a millisecond of every
 * process, twice.  Taken only when the text read again is the same, byte
 * for byte, so the load reads what the file says then, as before.
 */
static struct {
	char		*file;
	struct sd_buf	 text;
	dictionary	*ini;
} parsed;

static void
parsed_forget(void)
{
	free(parsed.file);
	sd_buf_free(&parsed.text);
	if (parsed.ini != NULL)
		iniparser_freedict(parsed.ini);
	memset(&parsed, 0, sizeof parsed);
}

/* The kept dictionary of file if its text is text, else NULL; forgets it either way. */
static dictionary *
parsed_take(const char *file, const struct sd_buf *text)
{
	dictionary *ini = NULL;

	if (parsed.ini != NULL && strcmp(parsed.file, file) == 0 &&
	    parsed.text.len == text->len &&
	    (text->len == 0 || memcmp(parsed.text.data, text->data, text->len) == 0)) {
		ini = parsed.ini;
		parsed.ini = NULL;
	}
	parsed_forget();
	return ini;
}

sd_status
sd_config_load(const char *file, struct sd_config *cfg, struct sd_error *err)
{
	struct loader l = { .file = file, .cfg = cfg, .err = err };
	struct sd_buf text = { 0 };
	sd_status rc = SD_INVALID;
	size_t n;

	memset(cfg, 0, sizeof *cfg);
	cfg->file = sd_xstrdup(file);
	if (read_file(file, &text, err) != SD_OK || scan_text(file, &text, &l.scan, err) != SD_OK)
		goto out;

	if ((l.ini = parsed_take(file, &text)) == NULL) {
		ini_message[0] = '\0';
		iniparser_set_error_callback(ini_error);
		l.ini = ini_load(file, &text);
		iniparser_set_error_callback(NULL);
	}
	if (l.ini == NULL) {
		const char *why = ini_message;
		char *p;

		/* "iniparser: syntax error in F (12):\n-> text" on one line. */
		for (p = ini_message; *p != '\0'; p++)
			if (*p == '\n')
				*p = ' ';
		sd_trim(ini_message);
		if (strncmp(why, "iniparser: ", 11) == 0)
			why += 11;
		sd_fail(err, SD_INVALID, _("%s: cannot be read as an ini file "
		    "(%s); fix the line it names: every line is a [section], a "
		    "key = value or a # comment, of at most 1024 bytes"), file,
		    *why != '\0' ? why : _("unknown reason"));
		goto out;
	}

	if (check_sections(&l) != SD_OK || load_database(&l) != SD_OK ||
	    load_general(&l) != SD_OK || load_limits(&l) != SD_OK ||
	    load_profile(&l) != SD_OK || load_procurement(&l) != SD_OK ||
	    get_retention(&l, find_section(&l, "privacy"), NULL, &cfg->retention) != SD_OK ||
	    load_access_log(&l) != SD_OK ||
	    load_mailgate(&l) != SD_OK || load_mail(&l) != SD_OK)
		goto out;

	/* Sizes are known from the scan, so the arrays never move. */
	if ((n = count_type(&l.scan, "department")) > 0)
		cfg->departments = sd_xcalloc(n, sizeof *cfg->departments);
	if ((n = count_type(&l.scan, "category")) > 0)
		cfg->categories = sd_xcalloc(n, sizeof *cfg->categories);
	if ((n = count_type(&l.scan, "officer")) > 0)
		cfg->officers = sd_xcalloc(n, sizeof *cfg->officers);
	if ((n = count_type(&l.scan, "rule")) > 0)
		cfg->rules = sd_xcalloc(n, sizeof *cfg->rules);

	/* Departments and categories first: officers and rules name them. */
	for (size_t i = 0; i < l.scan.nsections; i++) {
		struct ini_section *s = &l.scan.sections[i];

		if (s->id == NULL)
			continue;
		if (strcmp(s->type, "department") == 0 &&
		    load_department(&l, s) != SD_OK)
			goto out;
		if (strcmp(s->type, "category") == 0 &&
		    load_category(&l, s) != SD_OK)
			goto out;
	}
	if (cfg->ndepartments == 0) {
		sd_fail(err, SD_INVALID, _("%s: no departments; add at least "
		    "one [department:ID] section with a name"), file);
		goto out;
	}
	for (size_t i = 0; i < l.scan.nsections; i++) {
		struct ini_section *s = &l.scan.sections[i];

		if (s->id == NULL)
			continue;
		if (strcmp(s->type, "officer") == 0 &&
		    load_officer(&l, s) != SD_OK)
			goto out;
		if (strcmp(s->type, "rule") == 0 && load_rule(&l, s) != SD_OK)
			goto out;
	}
	if (check_mailgate(&l) != SD_OK)
		goto out;
	rc = SD_OK;
out:
	if (l.ini != NULL)
		iniparser_freedict(l.ini);
	scan_free(&l.scan);
	sd_buf_free(&text);
	if (rc != SD_OK)
		sd_config_free(cfg);
	return rc;
}

void
sd_config_free(struct sd_config *cfg)
{
	if (cfg == NULL)
		return;
	free(cfg->file);
	free(cfg->db_path);
	free(cfg->language);
	free(cfg->holidays);
	free(cfg->mail_from);
	free(cfg->mail_sendmail);
	for (size_t i = 0; i < cfg->ndepartments; i++) {
		free(cfg->departments[i].id);
		free(cfg->departments[i].name);
		free(cfg->departments[i].email);
	}
	free(cfg->departments);
	for (size_t i = 0; i < cfg->nofficers; i++) {
		free(cfg->officers[i].login);
		free(cfg->officers[i].name);
		list_free(cfg->officers[i].departments,
		    cfg->officers[i].ndepartments);
		free(cfg->officers[i].email);
		free(cfg->officers[i].language);
	}
	free(cfg->officers);
	for (size_t i = 0; i < cfg->ncategories; i++) {
		free(cfg->categories[i].id);
		free(cfg->categories[i].name);
	}
	free(cfg->categories);
	for (size_t i = 0; i < cfg->nrules; i++) {
		free(cfg->rules[i].name);
		free(cfg->rules[i].category);
		list_free(cfg->rules[i].keywords, cfg->rules[i].nkeywords);
		list_free(cfg->rules[i].departments,
		    cfg->rules[i].ndepartments);
	}
	free(cfg->rules);
	for (size_t i = 0; i < cfg->nkinds; i++) {
		free(cfg->kinds[i].id);
		free(cfg->kinds[i].name);
	}
	free(cfg->kinds);
	for (size_t i = 0; i < cfg->nrecognitions; i++) {
		free(cfg->recognitions[i].id);
		free(cfg->recognitions[i].name);
	}
	free(cfg->recognitions);
	for (size_t i = 0; i < cfg->ncriteria; i++) {
		free(cfg->criteria[i].id);
		free(cfg->criteria[i].name);
	}
	free(cfg->criteria);
	free(cfg->municipality);
	free(cfg->gate_user);
	list_free(cfg->gate_unix_users, cfg->ngate_unix_users);
	memset(cfg, 0, sizeof *cfg);
}

const struct sd_department *
sd_config_department(const struct sd_config *cfg, const char *id)
{
	for (size_t i = 0; i < cfg->ndepartments; i++)
		if (strcmp(cfg->departments[i].id, id) == 0)
			return &cfg->departments[i];
	return NULL;
}

const struct sd_officer *
sd_config_officer(const struct sd_config *cfg, const char *login)
{
	for (size_t i = 0; i < cfg->nofficers; i++)
		if (strcmp(cfg->officers[i].login, login) == 0)
			return &cfg->officers[i];
	return NULL;
}

const struct sd_category *
sd_config_category(const struct sd_config *cfg, const char *id)
{
	for (size_t i = 0; i < cfg->ncategories; i++)
		if (strcmp(cfg->categories[i].id, id) == 0)
			return &cfg->categories[i];
	return NULL;
}

const char *
sd_role_name(enum sd_role role)
{
	if ((size_t)role >= sizeof role_names / sizeof role_names[0])
		return role_names[SD_ROLE_NONE];
	return role_names[role];
}

enum sd_role
sd_role_parse(const char *s)
{
	for (size_t i = SD_ROLE_CONTACT; i < sizeof role_names /
	    sizeof role_names[0]; i++)
		if (strcasecmp(role_names[i], s) == 0)
			return (enum sd_role)i;
	return SD_ROLE_NONE;
}

/* Membership only: what an admin may do is the permission code's call. */
int
sd_officer_serves(const struct sd_officer *o, const char *dept)
{
	if (o == NULL || dept == NULL)
		return 0;
	for (size_t i = 0; i < o->ndepartments; i++)
		if (strcmp(o->departments[i], dept) == 0)
			return 1;
	return 0;
}

static bool
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/*
 * An explicit choice (-c, $SEDESK_CONFIG) that does not exist is an error
 * rather than a reason to look further: quietly reading another file would
 * open another database.
 */
char *
sd_config_locate(const char *explicit, struct sd_error *err)
{
	struct sd_buf looked = { 0 };
	const char *env, *xdg, *home, *reason;

	if (sd_privileged()) {
		/* The user's files and environment are not trusted then. */
		if (explicit != NULL) {
			sd_fail(err, SD_DENIED, _("-c is not allowed when "
			    "sedesk runs setgid; it reads only %s"),
			    SD_SYSTEM_CONFIG);
			return NULL;
		}
		if (exists(SD_SYSTEM_CONFIG))
			return sd_xstrdup(SD_SYSTEM_CONFIG);
		sd_fail(err, SD_INVALID, _("no configuration: %s does not "
		    "exist (a setgid sedesk reads no other file); ask the "
		    "administrator to create it from sedesk.ini.example"),
		    SD_SYSTEM_CONFIG);
		return NULL;
	}

	if (explicit != NULL) {
		if (exists(explicit))
			return sd_xstrdup(explicit);
		reason = strerror(errno);
		sd_fail(err, SD_INVALID, _("%s: cannot use this configuration "
		    "(given with -c): %s"), explicit, reason);
		return NULL;
	}
	if ((env = getenv("SEDESK_CONFIG")) != NULL && *env != '\0') {
		if (exists(env))
			return sd_xstrdup(env);
		reason = strerror(errno);
		sd_fail(err, SD_INVALID, _("%s: cannot use this configuration "
		    "(from $SEDESK_CONFIG): %s"), env, reason);
		return NULL;
	}

	/* The XDG spec says to ignore a relative $XDG_CONFIG_HOME. */
	xdg = getenv("XDG_CONFIG_HOME");
	home = getenv("HOME");
	if (xdg != NULL && xdg[0] == '/')
		sd_buf_addf(&looked, "%s/sedesk/sedesk.ini", xdg);
	else if (home != NULL && *home != '\0')
		sd_buf_addf(&looked, "%s/.config/sedesk/sedesk.ini", home);
	if (looked.len > 0 && exists(looked.data))
		return sd_buf_take(&looked);
	if (exists(SD_SYSTEM_CONFIG)) {
		sd_buf_free(&looked);
		return sd_xstrdup(SD_SYSTEM_CONFIG);
	}
	if (looked.len > 0)
		sd_buf_adds(&looked, ", ");
	sd_buf_adds(&looked, SD_SYSTEM_CONFIG);
	sd_fail(err, SD_INVALID, _("no configuration found (looked in %s); "
	    "give one with -c FILE or $SEDESK_CONFIG, or copy "
	    "sedesk.ini.example to one of those places"), looked.data);
	sd_buf_free(&looked);
	return NULL;
}

/*
 * The [general] language of file, read before anything else of the
 * configuration so that the first message, even one about the rest of
 * the file or the command line, is in that language.  Quiet: whatever
 * is wrong with the file is said when it is loaded.
 */
char *
sd_config_language(const char *file)
{
	struct sd_buf text = { 0 };
	struct sd_error err;
	dictionary *ini = NULL;
	const char *v;
	char *lang = NULL;

	if (file == NULL || read_file(file, &text, &err) != SD_OK)
		goto out;
	ini_message[0] = '\0';
	iniparser_set_error_callback(ini_error);
	ini = ini_load(file, &text);
	iniparser_set_error_callback(NULL);
	if (ini == NULL)
		goto out;
	v = iniparser_getstring(ini, "general:language", NULL);
	/* It becomes $LANGUAGE: a language tag, nothing else. */
	if (v != NULL && *v != '\0' && strlen(v) < 32 &&
	    strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-.@") == strlen(v))
		lang = sd_xstrdup(v);
	/* Kept for the load that follows (parsed, above). */
	parsed_forget();
	parsed.file = sd_xstrdup(file);
	parsed.text = text;
	parsed.ini = ini;
	return lang;
out:
	sd_buf_free(&text);
	return lang;
}
