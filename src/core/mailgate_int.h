/* Incoming mail inside the core (mailgate.c, mail_attach.c). */
#ifndef SEDESK_CORE_MAILGATE_INT_H
#define SEDESK_CORE_MAILGATE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "sedesk/case.h"
#include "sedesk/mailgate.h"
#include "store.h"

/* Adds an attachment to case key inside t, numbered after the case's last. */
sd_status mail_attach_put(struct sd_txn *t, struct sd_case_key key, const char *name,
    const char *type, const char *from, int64_t when, const unsigned char *data, size_t size,
    struct sd_error *err);

/* One attachment's record (key and value of SD_DB_MAIL_ATTACH), without its content. */
bool	mail_attach_decode(const MDB_val *k, const MDB_val *v, struct sd_attachment *a);
/*
 * Rewrites attachment no of case key inside t (privacy erasure): name
 * and from replaced when not NULL; drop: its content removed (the size,
 * type and time stay, for the figures).
 */
sd_status mail_attach_rewrite(struct sd_txn *t, struct sd_case_key key, unsigned no,
    const char *name, const char *from, bool drop, struct sd_error *err);

#endif
