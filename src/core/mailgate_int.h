/* Incoming mail inside the core (mailgate.c, mail_attach.c). */
#ifndef SEDESK_CORE_MAILGATE_INT_H
#define SEDESK_CORE_MAILGATE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "sedesk/case.h"
#include "store.h"

/* Adds an attachment to case key inside t, numbered after the case's last. */
sd_status mail_attach_put(struct sd_txn *t, struct sd_case_key key, const char *name,
    const char *type, const char *from, int64_t when, const unsigned char *data, size_t size,
    struct sd_error *err);

#endif
