/*
 * The read side of search, for its tests: the same search answered the
 * slow way (every document of each kind, newest first, its own terms asked)
 * to compare sd_search's walks against.
 */
#ifndef SD_SEARCH_READ_H
#define SD_SEARCH_READ_H

#include "sedesk/search.h"

sd_status search_brute(struct sd_desk *d, const char *query, enum sd_hit_kind kind,
    size_t limit, struct sd_hits *out, struct sd_error *err);

#endif
