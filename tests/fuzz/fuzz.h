/*
 * Shared by the fuzz targets (tests/fuzz/fuzz_*.c) and their replay
 * driver: the libFuzzer entry point, a private temporary directory per
 * process, and a small desk with a few enterprises and cases for the
 * targets that need a database.
 *
 * Each target is built twice: with clang and libFuzzer for `make fuzz`,
 * and with the regular compiler and sanitizers around replay.c, which
 * feeds saved inputs (the seed corpus, tests/fuzz/regress/) to the same
 * entry point in `make check`.
 */
#ifndef SEDESK_FUZZ_H
#define SEDESK_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "sedesk/case.h"
#include "sedesk/desk.h"
#include "sedesk/enterprise.h"
#include "store.h"	/* the core's private store: the targets reach inside */

/* The entry point every target defines (libFuzzer's name and signature). */
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the run when a property does not hold: a finding, like a crash. */
#define FZ_ASSERT(cond) \
	((cond) ? (void)0 : fz_fail(__FILE__, __LINE__, #cond))
void	fz_fail(const char *file, int line, const char *what)
	    __attribute__((noreturn));

/*
 * A directory of this process's own, made on first use and removed (with
 * everything in it) when the process exits normally.
 */
const char *fz_tmpdir(void);

/*
 * The fuzzing desk, built once per process in fz_tmpdir(): the suites'
 * fixture (tests/fixture/sedesk.ini: departments eco, wel, spa; contacts
 * ann and gert, officers bram of eco, chris of wel, els of both, manager
 * dina, admin root), a fixed clock (2026-03-02T09:00:00Z) and:
 *   enterprises  Café De Kroon (0403.170.701), Brouwerij 't Hoekske
 *                (0200.068.636), Koffie, Thee & Zo (0200.065.765),
 *                Écluse Atelier (KvK 69599084), Kringwinkel West
 *   cases        2026-00001 … 2026-00006 over every status, routed to
 *                eco and wel, with notes, answers and a closed one
 *   profile      on Café De Kroon: a kind, a recognition, two NACE codes
 *                (one main), needs, a contact person, employment figures
 *   moments      on Café De Kroon, departments eco, both on 2026-03-02
 *                (Brussels wall-clock): a visit at 14:00 reported as held,
 *                a phone call at 16:00 still planned (ann's inbox today)
 *   event        "Netwerkdag sociale economie" (network, eco) on
 *                2026-02-26 14:00–17:00, Café De Kroon invited and attended
 * The caller is ann.  The store writes without fsync (nothing here needs
 * to survive a crash), so a target may commit on every input.
 */
struct sd_desk *fz_desk(void);

/* Acts as another configured officer (the login must exist). */
void	fz_as(struct sd_desk *d, const char *login);

/* The fixture's first enterprise and case. */
extern uint8_t	fz_ent_id[SD_UUID_LEN];
extern struct sd_case_key fz_case_key;
/* Its planned and its held contact moment, and the event it attended. */
extern uint8_t	fz_moment_id[SD_UUID_LEN];
extern uint8_t	fz_held_id[SD_UUID_LEN];
extern uint8_t	fz_event_id[SD_UUID_LEN];

/*
 * True when a message is safe to print on a terminal: valid UTF-8 without
 * C0 controls (other than '\n'), DEL or C1 controls.  Messages that quote
 * outside input (CSV files, typed numbers) must make it visible first
 * (sd_visible), as the issue on hostile input asks.  Skipped with
 * FUZZ_SKIP=messages (see fz_skip).
 */
bool	fz_message_safe(const char *msg);
/* Stops the run, showing the message made visible, when it is not safe. */
#define FZ_MESSAGE(msg) fz_message_check(__FILE__, __LINE__, (msg))
void	fz_message_check(const char *file, int line, const char *msg);

/*
 * True when $FUZZ_SKIP (a comma-separated list) names this check, so that
 * a long run can go on past a known, reported failure of it:
 *   messages  messages safe for a terminal (fz_message_safe)
 *   readers   sd_check leaves no reader slot behind (fuzz_record)
 * Leaks are skipped with LeakSanitizer's own suppressions instead.
 */
bool	fz_skip(const char *check);

/* A NUL-terminated malloc'd copy of data (embedded NULs stay). */
char	*fz_strndup(const uint8_t *data, size_t size);

#endif
