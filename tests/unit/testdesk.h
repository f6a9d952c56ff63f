/*
 * A test fixture for the core's unit tests: a fresh temporary directory
 * with the fixture's sedesk.ini and a real LMDB environment beside it, a
 * desk opened on them with a fixed clock (tests/fixture/fixture.h), and
 * helpers that create enterprises and cases, read them back and prove that
 * nothing changed.
 *
 * The configuration (tests/fixture/sedesk.ini, shared by every suite):
 *   departments  eco (3 working days), wel (2), spa (7)
 *   officers     ann contact, gert contact, bram officer of eco,
 *                chris officer of wel, els officer of eco and wel,
 *                dina manager, root admin
 *   categories   funding (5 working days), permit (10);
 *                cases without a category: 8 ([general] service_days)
 *   holidays     2026-03-04 (a Wednesday), 2026-04-06 (Easter Monday),
 *                2026-12-25, 2027-01-01
 *   rules        category funding -> eco; keywords zorg, kwetsbare -> wel
 * The clock: Monday 2026-03-02T09:00:00Z (TD_NOW).  The caller: ann.
 *
 * Used with cmocka: td_setup / td_teardown as a test's setup and
 * teardown put a struct td in *state.
 */
#ifndef SEDESK_TESTDESK_H
#define SEDESK_TESTDESK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sedesk/case.h"
#include "sedesk/desk.h"
#include "sedesk/enterprise.h"
#include "store.h"	/* the core's private store: the tests look inside */

#define TD_NOW	"2026-03-02T09:00:00Z"

struct td {
	char		 dir[64];	/* the temporary directory (TMPDIR must be short) */
	char		 ini[96];	/* dir/sedesk.ini */
	struct sd_desk	 d;
	bool		 open;		/* d is open */
	char		 login[32];	/* who d->me is */
	int64_t		 now;		/* d->fixed_now */
	char		 ent[SD_UUID_STR];	/* "Café De Kroon", KBO 0403.170.701 */
};

/* cmocka setup and teardown: a fresh fixture per test in *state. */
int	 td_setup(void **state);
int	 td_teardown(void **state);

/* The same without cmocka's state (NULL when something failed). */
struct td *td_new(void);
void	 td_free(struct td *t);

/* Acts as another configured officer from now on. */
void	 td_as(struct td *t, const char *login);
/* Moves the fixed clock ("2026-03-02T09:00:00Z"). */
void	 td_at(struct td *t, const char *rfc3339);

/* Closes the desk (before a fork) and opens it again (user and clock kept). */
void	 td_close_desk(struct td *t);
void	 td_open_desk(struct td *t);

/*
 * Forks a process with a desk of its own as login, as another person's
 * sedesk.  Ours is closed around the fork (no LMDB environment may cross
 * one) and open again when this returns in the parent, with the child's
 * pid.  In the child it returns 0 with *d open on the same configuration
 * (the child exits 2 when it does not open); with login NULL, without a
 * desk (d unused).
 */
pid_t	 td_fork_desk(struct td *t, const char *login, struct sd_desk *d);

int64_t	 td_time(const char *rfc3339);
sd_day	 td_day(const char *ymd);

/*
 * Checks a core call's status; on a mismatch fails the test with the
 * error message.  Use as td_expect(SD_OK, sd_case_…(…, &err), &err).
 */
#define td_expect(want, got, errp) td_expect_at(__FILE__, __LINE__, (want), (got), (errp))
void	 td_expect_at(const char *file, int line, sd_status want, sd_status got,
	    const struct sd_error *err);
/* Like td_expect, and the message must contain fragment. */
#define td_expect_msg(want, got, errp, frag) \
	td_expect_msg_at(__FILE__, __LINE__, (want), (got), (errp), (frag))
void	 td_expect_msg_at(const char *file, int line, sd_status want, sd_status got,
	    const struct sd_error *err, const char *fragment);

/* Strings equal, NULL only equal to NULL; on a mismatch fails with both. */
#define td_str(got, want) td_str_at(__FILE__, __LINE__, (got), (want))
void	 td_str_at(const char *file, int line, const char *got, const char *want);

/* A valid KBO number ("0xxx.xxx.xxx") made from n (n < 10^7). */
void	 td_kbo(unsigned n, char out[16]);

/*
 * Adds an enterprise (as root; the caller is restored) and writes its id
 * to id (may be NULL).  number and tags may be NULL.
 */
void	 td_enterprise(struct td *t, const char *name, const char *number, const char *tags,
	    char id[SD_UUID_STR]);

/* Creates a case on enterprise ent as the current caller; writes its number. */
void	 td_case_as_me(struct td *t, const char *ent, const char *subject, const char *category,
	    enum sd_priority priority, char num[SD_CASE_NUMBER_MAX]);
/* The same as ann (the caller is restored). */
void	 td_case(struct td *t, const char *ent, const char *subject, const char *category,
	    enum sd_priority priority, char num[SD_CASE_NUMBER_MAX]);

/* Runs a route-changing call as login (the caller is restored); asserts SD_OK. */
void	 td_route(struct td *t, const char *num, const char *dept);
void	 td_pickup(struct td *t, const char *login, const char *num, const char *dept);
void	 td_answer(struct td *t, const char *login, const char *num, const char *dept,
	    const char *text);
void	 td_decline(struct td *t, const char *login, const char *num, const char *dept,
	    const char *reason);

/*
 * Reads a case as root, who sees every case (asserting it exists); free
 * with sd_case_view_free.  The td_version … helpers below read the same way.
 */
void	 td_view(struct td *t, const char *num, struct sd_case_view *v);
/* Facts about a case, read fresh. */
uint32_t td_version(struct td *t, const char *num);
size_t	 td_journal_len(struct td *t, const char *num);
enum sd_case_status td_status(struct td *t, const char *num);
/* The state of the case's route to dept (SD_ROUTE_NONE: no route). */
enum sd_route_state td_route_state(struct td *t, const char *num, const char *dept);

/* The route of a view to dept, or NULL. */
const struct sd_route *td_find_route(const struct sd_case_view *v, const char *dept);

/*
 * A digest of the whole content of every named database: equal digests
 * before and after a call mean the call wrote nothing.
 */
uint64_t td_fingerprint(struct td *t);
/* Number of entries in one named database. */
size_t	 td_count(struct td *t, enum sd_dbi db);

/*
 * Whether the Dutch catalogue is built (make check builds it first; a
 * bare check-unit may not): tests of Dutch words skip without it.
 */
bool	 td_dutch_available(void);

#endif
