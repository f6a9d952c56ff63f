/*
 * Full-text search over enterprises, cases and their journals: an
 * inverted index in LMDB kept in the same write transaction as every
 * change.  Terms are folded (case, accents) with utf8proc; enterprise and
 * case numbers are also indexed whole, in every spelling people type.
 */
#ifndef SEDESK_SEARCH_H
#define SEDESK_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "case.h"
#include "desk.h"
#include "enterprise.h"

enum sd_hit_kind {
	SD_HIT_ANY = 0,
	SD_HIT_ENTERPRISE,
	SD_HIT_CASE,
	SD_HIT_EVENT,
	SD_HIT_MOMENT,		/* a contact moment (moment.h) */
	SD_HIT_OPPORTUNITY,	/* an opportunity (opportunity.h) */
};

struct sd_hit {
	enum sd_hit_kind	 kind;
	uint8_t			 ent[SD_UUID_LEN];	/* enterprise hits */
	struct sd_case_key	 key;			/* case hits */
	uint8_t			 event[SD_UUID_LEN];	/* event hits */
	uint8_t			 moment[SD_UUID_LEN];	/* moment hits (ent: its enterprise) */
	uint8_t			 opp[SD_UUID_LEN];	/* opportunity hits */
	char			*title;		/* name, "2026-00042 subject", an event's title */
	char			*snippet;	/* text around the first match */
	bool			 exact;		/* the number or the whole name */
};

struct sd_hits {
	struct sd_hit	*items;
	size_t		 n;
	bool		 more;
};

/*
 * The most hits one search returns: more is not a list anyone reads, and
 * the cost of a search grows with it.  A larger limit is refused.
 */
#define SD_SEARCH_LIMIT_MAX	1000

/*
 * Searches: several words mean all of them; the last word also matches
 * as a prefix (results narrow while typing); "words in quotes" must stand
 * in that order.  Exact number or name matches first, then newest first.
 * Only what the caller may see is returned.  limit: 1 to SD_SEARCH_LIMIT_MAX.
 */
sd_status sd_search(struct sd_desk *d, const char *query, enum sd_hit_kind kind, size_t limit,
    struct sd_hits *out, struct sd_error *err);
void	sd_hits_free(struct sd_hits *h);

/*
 * Rebuilds the whole index from the records: empties it, then fills it in
 * slices of about a thousand documents, each its own transaction, so that
 * others' changes go on meanwhile.  Until it ends, search finds only what
 * it has reached; stopped halfway, it leaves a partial index (run it again).
 */
sd_status sd_reindex(struct sd_desk *d, size_t *documents, struct sd_error *err);

#endif
