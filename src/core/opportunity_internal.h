/*
 * Opportunities inside the core: loading, keys, index entries and saving
 * of opportunities and their lots, invitations, responses, awards and
 * SROI reports (opportunity_store.c), used by the actions, the lists, the
 * matching, the check and the search index.
 */
#ifndef SEDESK_CORE_OPPORTUNITY_INTERNAL_H
#define SEDESK_CORE_OPPORTUNITY_INTERNAL_H

#include "internal.h"
#include "keys.h"
#include "sedesk/opportunity.h"

sd_status opp_load(struct sd_txn *t, const uint8_t id[SD_UUID_LEN], struct sd_opportunity *out,
    struct sd_error *err);
/* The opportunity ref names when the caller may see it; else "not found". */
sd_status opp_resolve_visible(struct sd_txn *t, const struct sd_desk *d, const char *ref,
    struct sd_opportunity *out, struct sd_error *err);

/* Writes o over old (NULL: new) with its index and search entries. */
sd_status opp_save(struct sd_txn *t, const struct sd_opportunity *old,
    const struct sd_opportunity *o, struct sd_error *err);
sd_status opp_index(struct sd_txn *t, const struct sd_opportunity *o, bool put,
    struct sd_error *err);
sd_status journal_opp(struct sd_txn *t, const struct sd_desk *d, const uint8_t id[SD_UUID_LEN],
    const char *kind, const char *text, struct sd_error *err);

/* Lots (key: opp, no). */
sd_status opp_lots_load(struct sd_txn *t, const uint8_t opp[SD_UUID_LEN],
    struct sd_opp_lot **out, size_t *n, struct sd_error *err);
void	opp_lots_free(struct sd_opp_lot *l, size_t n);
sd_status opp_lot_put(struct sd_txn *t, const struct sd_opp_lot *l, struct sd_error *err);
sd_status opp_lots_delete(struct sd_txn *t, const uint8_t opp[SD_UUID_LEN],
    struct sd_error *err);

/* Invitations and responses. */
sd_status opp_invite_get(struct sd_txn *t, const uint8_t opp[SD_UUID_LEN],
    const uint8_t ent[SD_UUID_LEN], struct sd_opp_invite *out, struct sd_error *err);
sd_status opp_invite_put(struct sd_txn *t, const struct sd_opp_invite *iv, struct sd_error *err);
sd_status opp_response_put(struct sd_txn *t, const struct sd_opp_response *r,
    struct sd_error *err);

/* Awards: the record, its past-award entry and its timeline entry. */
sd_status opp_award_get(struct sd_txn *t, const uint8_t opp[SD_UUID_LEN], uint32_t lot,
    struct sd_opp_award *out, struct sd_error *err);
sd_status opp_award_save(struct sd_txn *t, const struct sd_opp_award *old,
    const struct sd_opp_award *a, struct sd_error *err);
sd_status opp_award_index(struct sd_txn *t, const struct sd_opp_award *a, bool put,
    struct sd_error *err);
bool	opp_award_decode(const MDB_val *v, struct sd_opp_award *out);
sd_status opp_sroi_put(struct sd_txn *t, const struct sd_opp_sroi *s, struct sd_error *err);

/*
 * The matching's entries of one enterprise (its NACE codes, the words of
 * its offers), called from ent_index (opportunity_match.c).
 */
sd_status opp_ent_index(struct sd_txn *t, const struct sd_enterprise *e, bool put,
    struct sd_error *err);

/* Whether the enterprise's recognitions qualify for a reservation listing qualify (NULL: any). */
bool	opp_qualifies(const struct sd_config *cfg, const struct sd_enterprise *e,
    const char *qualify, char **which);

/* The search document of an opportunity: 'O' and its uuid (search_index.c). */
sd_status search_index_opp(struct sd_txn *t, const struct sd_opportunity *o,
    struct sd_error *err);

/* An enterprise in words for the journal: "Name (number)" (malloc'd). */
char	*opp_ent_words(struct sd_txn *t, const uint8_t id[SD_UUID_LEN]);

#endif
