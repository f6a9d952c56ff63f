/*
 * An import's references to enterprises (a number, an id or a name),
 * resolved once per snapshot (ent_refs.c says why).  Zero-initialise;
 * ent_refs_free at the end.
 */
#ifndef SEDESK_CORE_ENT_REFS_H
#define SEDESK_CORE_ENT_REFS_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

struct ent_ref;
struct ent_refs {
	uint64_t	 txnid;		/* the transaction the answers are of */
	struct ent_ref	*slot;
	size_t		 nslot, used;
};

/* Resolves ref in t (SD_OK: id set); the caller's way of finding one. */
typedef sd_status (*ent_refs_fn)(struct sd_txn *t, const char *ref, uint8_t id[SD_UUID_LEN],
    struct sd_error *err);

/* ref's enterprise: kept from an earlier call in the same snapshot, else resolve's. */
sd_status ent_refs_find(struct ent_refs *c, struct sd_txn *t, const char *ref,
    uint8_t id[SD_UUID_LEN], ent_refs_fn resolve, struct sd_error *err);
void	ent_refs_free(struct ent_refs *c);

#endif
