/*
 * An enterprise's timeline and its last contact, as index entries that the
 * records of every module write from their own index functions (case_index,
 * the moments', the attendances'), so `check` rebuilds them like any index
 * and the timeline and the "not contacted since" list read one index page
 * by page, whatever the register's size.  Internal to the core.
 *
 *   SD_DB_TIMELINE:        ent(16) when(8) kind(1) ref(n) -> flags(1)
 *   SD_DB_ENT_CONTACT:     ent(16) -> day(4, as sd_key_i32): its last contact
 *   SD_DB_ENT_BY_CONTACT:  day(4, as sd_key_i32) ent(16) -> -
 *
 * An enterprise never contacted stands at SD_NO_DAY, which sorts first: the
 * list a contact point works through starts with those nobody has seen.
 */
#ifndef SEDESK_TIMELINE_H
#define SEDESK_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sedesk/date.h"
#include "sedesk/enterprise.h"
#include "keys.h"
#include "store.h"

/* What an entry is about: its kind byte, and what ref holds. */
enum tl_kind {
	TL_CASE = 'C',		/* ref: the case key (6 bytes) */
	TL_MOMENT = 'M',	/* ref: the moment's uuid */
	TL_EVENT = 'V',		/* ref: the event's uuid (an invitation, registration or attendance) */
	TL_AWARD = 'W',		/* ref: the opportunity's uuid and the lot (4 bytes): an award */
};

/* Entry flags (the value byte). */
#define TL_CONTACT	0x01	/* counts as contact: a case, a moment that took place, attendance */

/*
 * Adds (put) or removes the entry of one record on enterprise ent's
 * timeline at time when (seconds since 1970).  An entry with TL_CONTACT
 * moves the enterprise's last contact forward (put) or back to the newest
 * contact left (removed).  A record's index function calls it with the
 * same arguments for put and for removal.
 */
sd_status timeline_index(struct sd_txn *t, const uint8_t ent[SD_UUID_LEN], int64_t when,
    enum tl_kind kind, const void *ref, size_t reflen, unsigned flags, bool put,
    struct sd_error *err);

/*
 * Gives a new enterprise its place in the last-contact index ("never");
 * an enterprise that has one keeps it (ent_index calls this on every put).
 */
sd_status timeline_enterprise(struct sd_txn *t, const uint8_t ent[SD_UUID_LEN],
    struct sd_error *err);

/* The day of an enterprise's last contact, SD_NO_DAY for never. */
sd_status timeline_last_contact(struct sd_txn *t, const uint8_t ent[SD_UUID_LEN], sd_day *out,
    struct sd_error *err);

/* Builds the key of a timeline entry (also a resume point for readers). */
void	timeline_key(struct sd_key *k, const uint8_t ent[SD_UUID_LEN], int64_t when,
    enum tl_kind kind, const void *ref, size_t reflen);

/*
 * Reading: each kind's module turns its entry into a struct
 * sd_timeline_item (include/sedesk/timeline.h) for the caller d.  It
 * returns SD_NOTFOUND for a record the caller may not see (the reader
 * skips it: an officer's timeline holds what his departments see).
 * ent is the timeline's enterprise, ref/reflen the entry's ref.
 */
struct sd_timeline_item;
typedef sd_status (*tl_describe_fn)(struct sd_txn *t, const struct sd_desk *d,
    const uint8_t ent[SD_UUID_LEN], int64_t when, const void *ref, size_t reflen,
    struct sd_timeline_item *out, struct sd_error *err);
sd_status case_describe(struct sd_txn *t, const struct sd_desk *d, const uint8_t ent[SD_UUID_LEN],
    int64_t when, const void *ref, size_t reflen, struct sd_timeline_item *out,
    struct sd_error *err);	/* the timeline's reader */
sd_status moment_describe(struct sd_txn *t, const struct sd_desk *d,
    const uint8_t ent[SD_UUID_LEN], int64_t when, const void *ref, size_t reflen,
    struct sd_timeline_item *out, struct sd_error *err);	/* the moments */
sd_status event_describe(struct sd_txn *t, const struct sd_desk *d,
    const uint8_t ent[SD_UUID_LEN], int64_t when, const void *ref, size_t reflen,
    struct sd_timeline_item *out, struct sd_error *err);	/* the events */
sd_status opp_award_describe(struct sd_txn *t, const struct sd_desk *d,
    const uint8_t ent[SD_UUID_LEN], int64_t when, const void *ref, size_t reflen,
    struct sd_timeline_item *out, struct sd_error *err);	/* the awards (opportunities) */

/*
 * The enterprise's recognitions as timeline items (malloc'd array of *n,
 * each kind SD_TL_RECOGNITION, when its day at 00:00 UTC, ref unique within
 * the enterprise): the reader merges them by date.  The default reads them
 * from the enterprise's record (its profile); tests may point the hook at
 * their own.
 */
typedef sd_status (*tl_recognitions_fn)(struct sd_txn *t, const struct sd_desk *d,
    const uint8_t ent[SD_UUID_LEN], struct sd_timeline_item **out, size_t *n,
    struct sd_error *err);
extern tl_recognitions_fn timeline_recognitions;

/* Whether the caller sees a moment or an event of the enterprise (ent_visible). */
bool	timeline_visible(struct sd_txn *t, const struct sd_desk *d, const uint8_t ent[SD_UUID_LEN]);

#endif
