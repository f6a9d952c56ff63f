/*
 * Where sedesk's own helper programs live.
 *
 * The mail builder and the mail parser link GMime (and GLib), which would
 * cost every sedesk process about 3 ms at start and put a parser of hostile
 * input inside the setgid process; they are separate programs that sedesk
 * runs as children (through sd_child_prepare: no group, no descriptor of the
 * database).  Their folder is fixed when sedesk is built (the build tree's
 * build/libexec for the programs in the tree, $(PREFIX)/lib/sedesk for the
 * installed one), never taken from the environment: a setgid program must
 * not run what the caller names.
 */
#ifndef SEDESK_LIBEXEC_H
#define SEDESK_LIBEXEC_H

#include <stddef.h>

#include "sedesk/status.h"

/* The folder of the helper programs. */
const char *sd_libexec_dir(void);

/*
 * Writes the full path of helper PROGRAM ("sedesk-mailmake") into buf.
 * SD_FAIL with a message naming the path when it is too long for buf or is
 * not an executable file (an incomplete install).
 */
sd_status sd_libexec_path(const char *program, char *buf, size_t size,
    struct sd_error *err);

#endif
