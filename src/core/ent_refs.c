/*
 * The enterprises a bulk import's rows name, resolved once per snapshot.
 *
 * Why: a history of 20,000 cases names some 1,000 enterprises, each row by
 * number or name, and its two passes (checked, then written) resolved
 * every row's reference from the root of the number index: 2 % of a case
 * import.  A reference resolves to the same enterprise as long as the
 * database is the same, so the answers are kept per transaction id
 * (mdb_txn_id): a read transaction of the same snapshot, or the write
 * transaction that follows it while nothing else was committed, sees the
 * same enterprises (the import's rows never change one), and another id
 * empties the cache.  Only answers are kept; a reference that fails is
 * resolved again (and reported) each time.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ent_refs.h"
#include "sedesk/text.h"

struct ent_ref {
	char	*ref;		/* NULL: a free slot */
	uint64_t hash;
	uint8_t	 id[SD_UUID_LEN];
};

static uint64_t
fnv(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

void
ent_refs_free(struct ent_refs *c)
{
	for (size_t i = 0; i < c->nslot; i++)
		free(c->slot[i].ref);
	free(c->slot);
	memset(c, 0, sizeof *c);
}

/* The slot of ref, or the free slot where it would go. */
static struct ent_ref *
slot_of(const struct ent_refs *c, const char *ref, uint64_t h)
{
	size_t i = (size_t)h & (c->nslot - 1);

	while (c->slot[i].ref != NULL &&
	    (c->slot[i].hash != h || strcmp(c->slot[i].ref, ref) != 0))
		i = (i + 1) & (c->nslot - 1);
	return &c->slot[i];
}

static void
grow(struct ent_refs *c)
{
	struct ent_refs n = { .txnid = c->txnid, .used = c->used };

	n.nslot = c->nslot ? c->nslot * 2 : 256;
	n.slot = sd_xcalloc(n.nslot, sizeof *n.slot);
	for (size_t i = 0; i < c->nslot; i++)
		if (c->slot[i].ref != NULL)
			*slot_of(&n, c->slot[i].ref, c->slot[i].hash) = c->slot[i];
	free(c->slot);
	*c = n;
}

sd_status
ent_refs_find(struct ent_refs *c, struct sd_txn *t, const char *ref,
    uint8_t id[SD_UUID_LEN], ent_refs_fn resolve, struct sd_error *err)
{
	uint64_t tid = mdb_txn_id(t->txn), h;
	struct ent_ref *e;
	sd_status s;

	if (ref == NULL)
		return resolve(t, ref, id, err);
	if (tid != c->txnid) {
		ent_refs_free(c);
		c->txnid = tid;
	}
	h = fnv(ref);
	if (c->nslot > 0 && (e = slot_of(c, ref, h))->ref != NULL) {
		memcpy(id, e->id, SD_UUID_LEN);
		return SD_OK;
	}
	if ((s = resolve(t, ref, id, err)) != SD_OK)
		return s;
	if ((c->used + 1) * 2 > c->nslot)
		grow(c);
	e = slot_of(c, ref, h);
	e->ref = sd_xstrdup(ref);
	e->hash = h;
	memcpy(e->id, id, SD_UUID_LEN);
	c->used++;
	return SD_OK;
}
