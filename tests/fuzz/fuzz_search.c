/*
 * Fuzz target: search (sd_search) with the input as the query, over the
 * fixture's small database (built once per process; see fuzz.h).  This
 * drives the query parser — words, prefixes, "phrases", enterprise and
 * case numbers in any spelling — and the walk over the index behind it.
 *
 * Searched as the contact-point officer (sees everything) and as the
 * department officers of eco and of wel, who must see only the cases
 * routed to their department; a result list never holds more than the
 * limit and every hit has a title.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "internal.h"
#include "sedesk/search.h"

/* A department officer sees a case only when it is routed to one of theirs. */
static bool
may_see(struct sd_desk *d, struct sd_case_key key)
{
	struct sd_error err = { 0 };
	struct sd_route *routes;
	struct sd_txn t;
	size_t n;
	bool seen = false;

	if (d->me->role != SD_ROLE_OFFICER)
		return true;
	if (sd_txn_begin(d->store, false, &t, &err) != SD_OK)
		abort();
	if (routes_load(&t, key, false, &routes, &n, &err) == SD_OK) {
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < d->me->ndepartments; k++)
				seen |= strcmp(routes[i].dept, d->me->departments[k]) == 0;
		routes_free(routes, n);
	}
	sd_txn_abort(&t);
	return seen;
}

static void
one(struct sd_desk *d, const char *query, enum sd_hit_kind kind, size_t limit)
{
	struct sd_hits hits;
	struct sd_error err = { 0 };
	sd_status s;

	s = sd_search(d, query, kind, limit, &hits, &err);
	if (s != SD_OK) {
		FZ_ASSERT(err.msg[0] != '\0');
		FZ_ASSERT(hits.n == 0 && hits.items == NULL);
		return;
	}
	FZ_ASSERT(hits.n <= limit);
	for (size_t i = 0; i < hits.n; i++) {
		const struct sd_hit *h = &hits.items[i];
		FZ_ASSERT(h->title != NULL);
		FZ_ASSERT(kind == SD_HIT_ANY || h->kind == kind);
		FZ_ASSERT(h->kind == SD_HIT_ENTERPRISE || h->kind == SD_HIT_CASE);
		if (h->kind == SD_HIT_CASE)
			FZ_ASSERT(may_see(d, h->key));
	}
	sd_hits_free(&hits);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sd_desk *d = fz_desk();
	char *q = fz_strndup(data, size);

	one(d, q, SD_HIT_ANY, 20);
	one(d, q, SD_HIT_CASE, 2);
	fz_as(d, "bram");
	one(d, q, SD_HIT_ANY, 3);
	one(d, q, SD_HIT_ENTERPRISE, 1);
	fz_as(d, "chris");
	one(d, q, SD_HIT_CASE, 20);
	fz_as(d, "ann");
	free(q);
	return 0;
}
