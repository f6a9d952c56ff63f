/*
 * What the benchmark's programs share: the clock, statistics over
 * samples, a seeded random source, the benchmark's configuration file and
 * the word lists the generator writes with and the benchmark searches for.
 */
#ifndef SEDESK_BENCHLIB_H
#define SEDESK_BENCHLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sedesk/desk.h"
#include "store.h"	/* the core's private store: the bench reaches inside */

/* --- time ---------------------------------------------------------------------- */

/* CLOCK_MONOTONIC in nanoseconds. */
int64_t	 bl_now_ns(void);

/* Samples in nanoseconds; grows as needed. */
struct bl_samples {
	int64_t	*v;
	size_t	 n, cap;
};
void	 bl_add(struct bl_samples *s, int64_t ns);
void	 bl_clear(struct bl_samples *s);
void	 bl_free(struct bl_samples *s);
/* Sorts the samples (once) and returns the q-quantile (0.5 median, 0.99 p99), in ns. */
int64_t	 bl_quantile(struct bl_samples *s, double q);
int64_t	 bl_max(struct bl_samples *s);

/* "812 ns", "14.2 µs", "3.41 ms", "1.20 s". */
const char *bl_fmt(int64_t ns, char buf[32]);

/* --- randomness ------------------------------------------------------------------ */

struct bl_rng {
	uint64_t s;
};
void	 bl_seed(struct bl_rng *r, uint64_t seed);
uint64_t bl_next(struct bl_rng *r);
/* Uniform in [0, n). */
size_t	 bl_below(struct bl_rng *r, size_t n);
/* Uniform in [0, 1). */
double	 bl_unit(struct bl_rng *r);
/* Index in [0, n) with a Zipf-like skew: rank k with weight 1/(k+1)^s. */
size_t	 bl_zipf(struct bl_rng *r, size_t n, double s);

/* --- the benchmark's desk ---------------------------------------------------------- */

/*
 * Writes DIR/sedesk.ini (database DIR/db, a map of mapsize, the demo's
 * departments, officers and categories, English labels).  Returns false
 * and prints why when it cannot.
 */
bool	 bl_write_config(const char *dir, const char *mapsize);

/* Opens the desk of DIR as login (create: make the database).  Exits on failure. */
void	 bl_open_desk(struct sd_desk *d, const char *dir, const char *login, bool create);
/* Acts as another configured officer. */
void	 bl_as(struct sd_desk *d, const char *login);

/* The benchmark's "now": Monday 2026-03-02 09:00 UTC. */
#define BL_NOW 1772442000LL

/* --- departments and officers of the configuration -------------------------------- */

#define BL_NDEPTS 7
extern const char *const bl_depts[BL_NDEPTS];
/* An officer who serves dept (for pick-ups and answers). */
const char *bl_officer_of(const char *dept, struct bl_rng *r);

/* VmHWM / VmRSS of a process (pid 0: self) in KiB, from /proc/PID/status; -1 if unknown. */
long	 bl_proc_kib(int pid, const char *field);

#endif
