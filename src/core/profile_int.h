/*
 * What the profile's files share with the enterprise's inside the core.
 */
#ifndef SEDESK_CORE_PROFILE_INT_H
#define SEDESK_CORE_PROFILE_INT_H

#include "sedesk/profile.h"

/* A NACE code's spelling; a 2003 code (only imported) keeps divisions of its own. */
sd_status nace_normalise_version(const char *in, int version, char out[SD_NACE_CODE_MAX],
    struct sd_error *err);

/* The enterprise's own rules for an e-mail address and a phone number (enterprise_store.c). */
sd_status ent_check_email(const char *field, const char *v, struct sd_error *err);
sd_status ent_check_phone(const char *field, const char *v, struct sd_error *err);

/* The profile's words for the search index: kind, recognitions, NACE with labels, persons. */
struct termset;
void	profile_terms(const struct sd_enterprise *e, struct termset *ts);

#endif
