/*
 * Contact moments inside the core's transactions (moment_store.c).
 */
#ifndef SEDESK_CORE_MOMENT_INTERNAL_H
#define SEDESK_CORE_MOMENT_INTERNAL_H

#include "sedesk/moment.h"
#include "store.h"

/* Loads a moment by its id (whoever the caller). */
sd_status moment_load(struct sd_txn *t, const uint8_t id[SD_UUID_LEN], struct sd_moment *out,
    struct sd_error *err);
/* A moment the caller may see, by id or its first 8+ hex digits; else "not found". */
sd_status moment_resolve(struct sd_txn *t, const struct sd_desk *d, const char *ref,
    struct sd_moment *out, struct sd_error *err);
/* Its index and timeline entries, added (put) or removed. */
sd_status moment_index(struct sd_txn *t, const struct sd_moment *m, bool put,
    struct sd_error *err);
/* Writes m (version already set) with its index and search entries, moved from old (NULL: new). */
sd_status moment_save(struct sd_txn *t, const struct sd_moment *old, const struct sd_moment *m,
    struct sd_error *err);
/* The search document of a moment ('M' uuid) (search_index.c). */
sd_status search_index_moment(struct sd_txn *t, const struct sd_moment *m, struct sd_error *err);
/* Sets the moment's time (at, timed and the same as typed). */
void	moment_set_time(struct sd_moment *m, int64_t at, int timed);
/* Whether login recorded the moment or took part in it. */
bool	moment_involves(const struct sd_moment *m, const char *login);
/* The first line of a text, cut to max bytes (malloc'd). */
char	*moment_first_line(const char *text, size_t max);

#endif
