/*
 * A share of a whole as people read it beside a figure: "37%".
 *
 * Why not "%.0f%%": a share that is not nothing must not read as nothing
 * (1 enterprise of 400 reached is not "0%", a report's reader would take
 * it for none), and a share short of the whole must not read as all of
 * it (399 of 400 answered in time is not "100%").  So those two ends say
 * "<1%" and ">99%"; the rest is rounded half up to a whole percent.
 */
#ifndef SEDESK_SHARE_H
#define SEDESK_SHARE_H

#include <stdint.h>

/* "-", "0%" … "100%", "<1%", ">99%", and the NUL. */
#define SD_SHARE_STR 8

/* part of whole into out; "-" when whole is 0 (no share to give). */
void	sd_share_format(uint64_t part, uint64_t whole, char out[SD_SHARE_STR]);

#endif
