/*
 * The journal: an append-only record of every change, written in the same
 * write transaction as the change.  Nothing edits or deletes an entry.
 */
#ifndef SEDESK_JOURNAL_H
#define SEDESK_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sedesk/journal_entry.h"
#include "sedesk/status.h"
#include "store.h"

/* Appends e (seq is assigned) inside the write transaction t. */
sd_status sd_journal_append(struct sd_txn *t, struct sd_journal_entry *e, struct sd_error *err);
/* e[0..n) appended in order, with consecutive sequence numbers (journal.c). */
sd_status sd_journal_append_n(struct sd_txn *t, struct sd_journal_entry *e, size_t n,
    struct sd_error *err);

/* All entries of a subject, oldest first; *out malloc'd. */
sd_status sd_journal_read(struct sd_txn *t, enum sd_subject_kind kind, const void *key,
    size_t klen, struct sd_journal_entry **out, size_t *n, struct sd_error *err);
/*
 * A page of them: up to limit entries with a sequence number above after
 * (0: from the first), oldest first, reading no further than the page;
 * *more (may be NULL) says whether entries follow.  limit 0 reads none.
 */
sd_status sd_journal_read_page(struct sd_txn *t, enum sd_subject_kind kind, const void *key,
    size_t klen, uint64_t after, size_t limit, struct sd_journal_entry **out, size_t *n,
    bool *more, struct sd_error *err);

#endif
