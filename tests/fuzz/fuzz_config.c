/*
 * Fuzz target: loading sedesk.ini (sd_config_load), on the input written
 * to a file (one path per process, removed at exit with its directory).
 *
 * A configuration that loads must be one the rest of sedesk can trust:
 * at least one department, valid ids, service levels in range, officers
 * and rules naming departments that exist, holidays sorted, an absolute
 * database path.  One that does not load says why and leaves cfg empty.
 * Run with -close_fd_mask=2: warnings about unknown keys go to stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sedesk/config.h"
#include "sedesk/text.h"

static bool
valid_id(const char *s, bool login)
{
	if (s == NULL || *s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		    *s == '-' || (login && *s == '.'))
			continue;
		return false;
	}
	return true;
}

static bool
text(const char *s)
{
	return s != NULL && sd_utf8_valid(s, strlen(s));
}

static void
check(const struct sd_config *cfg)
{
	FZ_ASSERT(cfg->db_path != NULL && cfg->db_path[0] == '/');
	FZ_ASSERT(cfg->mapsize >= ((size_t)1 << 20));
	FZ_ASSERT(cfg->language != NULL);
	FZ_ASSERT(cfg->service_days >= 1 && cfg->service_days <= 365);
	for (size_t i = 1; i < cfg->nholidays; i++)
		FZ_ASSERT(cfg->holidays[i - 1] < cfg->holidays[i]);
	FZ_ASSERT(cfg->ndepartments >= 1);
	for (size_t i = 0; i < cfg->ndepartments; i++) {
		const struct sd_department *d = &cfg->departments[i];
		FZ_ASSERT(valid_id(d->id, false) && text(d->name));
		FZ_ASSERT(d->email == NULL || text(d->email));
		FZ_ASSERT(d->service_days >= 1 && d->service_days <= 365);
		FZ_ASSERT(sd_config_department(cfg, d->id) == d);
	}
	for (size_t i = 0; i < cfg->ncategories; i++) {
		const struct sd_category *c = &cfg->categories[i];
		FZ_ASSERT(valid_id(c->id, false) && text(c->name));
		FZ_ASSERT(c->service_days >= 1 && c->service_days <= 365);
		FZ_ASSERT(sd_config_category(cfg, c->id) == c);
	}
	for (size_t i = 0; i < cfg->nofficers; i++) {
		const struct sd_officer *o = &cfg->officers[i];
		FZ_ASSERT(valid_id(o->login, true) && text(o->name));
		FZ_ASSERT(o->role >= SD_ROLE_CONTACT && o->role <= SD_ROLE_ADMIN);
		FZ_ASSERT(o->role != SD_ROLE_OFFICER || o->ndepartments > 0);
		FZ_ASSERT(sd_config_officer(cfg, o->login) == o);
		for (size_t k = 0; k < o->ndepartments; k++)
			FZ_ASSERT(sd_config_department(cfg, o->departments[k]) != NULL);
	}
	for (size_t i = 0; i < cfg->nrules; i++) {
		const struct sd_rule *r = &cfg->rules[i];
		FZ_ASSERT(r->name != NULL && r->ndepartments > 0);
		FZ_ASSERT(r->category == NULL || sd_config_category(cfg, r->category) != NULL);
		for (size_t k = 0; k < r->ndepartments; k++)
			FZ_ASSERT(sd_config_department(cfg, r->departments[k]) != NULL);
		for (size_t k = 0; k < r->nkeywords; k++)
			FZ_ASSERT(text(r->keywords[k]) && r->keywords[k][0] != '\0');
	}
	/* What the new-case form does with the rules. */
	{
		const struct sd_department *out[8];
		const char *cat = cfg->ncategories > 0 ? cfg->categories[0].id : NULL;
		size_t n = sd_suggest_departments(cfg, cat, "Zorg voor kwetsbare jongeren",
		    "een vraag over subsidies", out, 8);
		FZ_ASSERT(n <= 8);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[512];
	struct sd_config cfg;
	struct sd_error err = { 0 };
	FILE *fp;

	if (path[0] == '\0')
		snprintf(path, sizeof path, "%s/fuzz.ini", fz_tmpdir());
	if ((fp = fopen(path, "w")) == NULL) {
		perror(path);
		abort();
	}
	if (size > 0 && fwrite(data, 1, size, fp) != size) {
		perror(path);
		abort();
	}
	fclose(fp);

	memset(&cfg, 0xa5, sizeof cfg);		/* sd_config_load must clear it */
	if (sd_config_load(path, &cfg, &err) != SD_OK) {
		FZ_ASSERT(err.code == SD_INVALID && err.msg[0] != '\0');
		FZ_ASSERT(cfg.departments == NULL && cfg.ndepartments == 0 && cfg.file == NULL);
		return 0;
	}
	check(&cfg);
	sd_config_free(&cfg);
	return 0;
}
