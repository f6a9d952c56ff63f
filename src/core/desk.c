/*
 * Opening the desk: configuration, identity, store, clock.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sedesk/desk.h"
#include "sedesk/i18n.h"
#include "sedesk/mailgate.h"
#include "sedesk/text.h"
#include "store.h"

bool
sd_parse_time(const char *s, int64_t *out)
{
	int y, mo, da, h, mi, se, n = 0;
	char *end;

	if (s == NULL || *s == '\0')
		return false;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &da, &h, &mi, &se, &n) == 6 &&
	    s[n] == '\0') {
		sd_day day;
		char tmp[11];
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, mo, da);
		if (!sd_day_parse(tmp, &day) || h > 23 || mi > 59 || se > 60)
			return false;
		*out = (int64_t)day * 86400 + h * 3600 + mi * 60 + se;
		return true;
	}
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0 || !isdigit((unsigned char)*s))
		return false;
	*out = v;
	return true;
}

static int64_t
desk_clock(const void *ctx)
{
	return sd_desk_now(ctx);
}

sd_status
sd_desk_open(struct sd_desk *d, const struct sd_desk_options *o, struct sd_error *err)
{
	const char *db = o->db;
	char *file;
	sd_status s;

	memset(d, 0, sizeof *d);
	if ((file = sd_config_locate(o->config, err)) == NULL)
		return err != NULL ? err->code : SD_INVALID;
	/* Named after locating: the file this build reads, wherever it was installed. */
	if (sd_privileged() && o->db != NULL) {
		s = sd_fail(err, SD_DENIED,
		    _("--db is not allowed when sedesk runs with group privileges; "
		    "the database is the one in %s."), file);
		free(file);
		return s;
	}
	s = sd_config_load(file, &d->cfg, err);
	free(file);
	if (s != SD_OK)
		goto fail;
	if (o->mailgate) {
		/* The mail gate: only the MTA's Unix user, acting as [mail] gate_user. */
		if ((s = sd_mailgate_caller(&d->cfg, err)) != SD_OK)
			goto fail;
		d->me = sd_config_officer(&d->cfg, d->cfg.gate_user);
	} else if ((s = sd_identity_resolve(&d->cfg, &d->me, err)) != SD_OK)
		goto fail;
	else if (d->me->role == SD_ROLE_GATE) {
		s = sd_fail(err, SD_DENIED, _("%s is the login of the mail gate; it is used only "
		    "by sedesk mailgate, not by a person."), d->me->login);
		goto fail;
	}
	if (!sd_privileged()) {
		const char *now = getenv("SEDESK_NOW");
		if (db == NULL && getenv("SEDESK_DB") != NULL && *getenv("SEDESK_DB") != '\0')
			db = getenv("SEDESK_DB");
		if (now != NULL && *now != '\0' && !sd_parse_time(now, &d->fixed_now)) {
			s = sd_fail(err, SD_INVALID,
			    _("SEDESK_NOW=%s is not a time; use 2026-03-02T09:00:00Z or epoch seconds."),
			    now);
			goto fail;
		}
		/* A year sedesk cannot write would wrap case numbers (0000-, 10000-). */
		if (now != NULL && *now != '\0' && !sd_time_in_range(d->fixed_now)) {
			s = sd_fail(err, SD_INVALID,
			    _("SEDESK_NOW=%s is outside the years %d to %d that sedesk keeps; "
			    "use a time such as 2026-03-02T09:00:00Z."), now, SD_YEAR_MIN, SD_YEAR_MAX);
			goto fail;
		}
	}
	if (!sd_time_in_range(sd_desk_now(d))) {
		s = sd_fail(err, SD_FAIL,
		    _("the system clock is outside the years %d to %d that sedesk keeps; "
		    "ask the administrator to set the clock."), SD_YEAR_MIN, SD_YEAR_MAX);
		goto fail;
	}
	if (db == NULL)
		db = d->cfg.db_path;
	d->db_dir = db;
	if (o->no_store)
		return SD_OK;
	/*
	 * Creating the database is the admin's: on an empty database folder
	 * anyone's init would make a database that person owns and everyone
	 * then uses.  Checked before the store is touched, so a refusal
	 * creates nothing.
	 */
	if (o->create && (s = sd_permit(d, SD_ACT_INIT, NULL, err)) != SD_OK)
		goto fail;
	d->store = sd_xcalloc(1, sizeof *d->store);
	if ((s = sd_store_open(d->store, db, d->cfg.mapsize, d->cfg.lock_timeout * 1000u,
	    d->me->login, o->create, err)) != SD_OK)
		goto fail;
	/* Who writes without the limit is a rule of the roles (permit.c). */
	if (d->cfg.writes_per_minute > 0 &&
	    sd_permit(d, SD_ACT_WRITE_UNLIMITED, NULL, NULL) != SD_OK) {
		d->store->rate_login = d->me->login;
		d->store->rate_limit = d->cfg.writes_per_minute;
		d->store->rate_clock = desk_clock;
		d->store->rate_ctx = d;
	}
	return SD_OK;
fail:
	free(d->store);
	d->store = NULL;
	sd_config_free(&d->cfg);
	d->me = NULL;
	return s;
}

void
sd_desk_close(struct sd_desk *d)
{
	if (d->store != NULL) {
		sd_store_close(d->store);
		free(d->store);
		d->store = NULL;
	}
	sd_config_free(&d->cfg);
	d->me = NULL;
}

uint64_t
sd_desk_changes(const struct sd_desk *d)
{
	return d->store != NULL ? sd_store_last_txn(d->store) : 0;
}

void
sd_desk_tick(struct sd_desk *d)
{
	/* The real clock: a fixed SEDESK_NOW would never move on. */
	int64_t now = (int64_t)time(NULL);

	if (d->store == NULL || (d->last_tick != 0 && now - d->last_tick < 60))
		return;
	if (d->last_tick != 0)
		sd_store_reader_check(d->store);
	d->last_tick = now;
}

int64_t
sd_desk_now(const struct sd_desk *d)
{
	return d->fixed_now != 0 ? d->fixed_now : (int64_t)time(NULL);
}

sd_day
sd_desk_today(const struct sd_desk *d)
{
	return sd_day_from_time(sd_desk_now(d));
}

sd_day
sd_desk_due(const struct sd_desk *d, sd_day start, int days)
{
	return sd_workdays_add(start, days, d->cfg.holidays, d->cfg.nholidays);
}

const char *
sd_role_label(enum sd_role role)
{
	switch (role) {
	case SD_ROLE_CONTACT:	return _("contact point");
	case SD_ROLE_OFFICER:	return _("department officer");
	case SD_ROLE_MANAGER:	return _("manager");
	case SD_ROLE_ADMIN:	return _("administrator");
	case SD_ROLE_DPO:	return _("data protection officer");
	case SD_ROLE_GATE:	return _("mail gate");
	case SD_ROLE_NONE:	break;
	}
	return "?";
}
