/*
 * Events inside the core: loading, index entries and saving of events and
 * attendances (event_store.c), used by the actions, the lists, the check
 * and the search index.
 */
#ifndef SEDESK_CORE_EVENT_INTERNAL_H
#define SEDESK_CORE_EVENT_INTERNAL_H

#include "internal.h"
#include "keys.h"
#include "sedesk/event.h"

sd_status event_load(struct sd_txn *t, const uint8_t id[SD_UUID_LEN], struct sd_event *out,
    struct sd_error *err);
/* Loads the event ref names when the caller may see it; else "not found". */
sd_status event_resolve_visible(struct sd_txn *t, const struct sd_desk *d, const char *ref,
    struct sd_event *out, struct sd_error *err);
/* SD_NOTFOUND (err untouched) when the enterprise has no record on the event. */
sd_status attend_load(struct sd_txn *t, const uint8_t ev[SD_UUID_LEN],
    const uint8_t ent[SD_UUID_LEN], struct sd_attendance *out, struct sd_error *err);
bool	attend_decode(const MDB_val *v, struct sd_attendance *out);

void	event_start_key(struct sd_key *k, int64_t start, const uint8_t id[SD_UUID_LEN]);
/* Index entries of one event, and of one attendance (its timeline entry). */
sd_status event_index(struct sd_txn *t, const struct sd_event *e, bool put,
    struct sd_error *err);
sd_status attend_index(struct sd_txn *t, int64_t start, const struct sd_attendance *a,
    bool put, struct sd_error *err);
sd_status event_save(struct sd_txn *t, const struct sd_event *old, const struct sd_event *e,
    struct sd_error *err);
sd_status attend_save(struct sd_txn *t, int64_t start, const struct sd_attendance *old,
    const struct sd_attendance *a, struct sd_error *err);
/* People registered, attended or members on an event (event_actions.c). */
sd_status event_people(struct sd_txn *t, const uint8_t ev[SD_UUID_LEN], uint32_t *out,
    struct sd_error *err);
sd_status journal_event(struct sd_txn *t, const struct sd_desk *d,
    const uint8_t id[SD_UUID_LEN], const char *kind, const char *text, struct sd_error *err);

/* The search document of an event: 'V' and its uuid (search_index.c). */
sd_status search_index_event(struct sd_txn *t, const struct sd_event *e, struct sd_error *err);


#endif
