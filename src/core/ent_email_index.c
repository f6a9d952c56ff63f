/*
 * The enterprises by e-mail address: their own address and their contact
 * persons', so that incoming mail (mailgate.c) finds the sender's
 * enterprise without reading the register.
 *
 * Why an index: the gate used to read every enterprise record looking for
 * the sender's domain; with the KBO register of a whole country (1.9M
 * enterprises) that is seconds per message.  The key is the address
 * split at its last '@', domain first, both in ASCII lower case (the gate
 * compared addresses without regard to case), then the enterprise:
 *	domain \0 local part \0 uuid(16) -> -
 * so that the sender's own address is one prefix ("domain\0local\0") and
 * the enterprises with the sender's domain another ("domain\0").
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "keys.h"
#include "sedesk/i18n.h"
#include "sedesk/profile.h"

#define WHAT _("enterprise")

/* Its key's address part: "domain\0local\0" in lower case; false when addr is none. */
static bool
address_key(struct sd_key *k, const char *addr)
{
	const char *at = addr != NULL ? strrchr(addr, '@') : NULL;
	char part[SD_KEY_STR_MAX + 1];
	size_t n;

	if (at == NULL || at == addr || at[1] == '\0')
		return false;
	sd_key_reset(k);
	/* The domain, then the local part: each cut to what a key holds. */
	for (int i = 0; i < 2; i++) {
		const char *from = i == 0 ? at + 1 : addr;
		size_t len = i == 0 ? strlen(at + 1) : (size_t)(at - addr);

		n = len < SD_KEY_STR_MAX ? len : SD_KEY_STR_MAX;
		for (size_t j = 0; j < n; j++)
			part[j] = (char)tolower((unsigned char)from[j]);
		part[n] = '\0';
		sd_key_str(k, part);
	}
	return true;
}

static sd_status
one(struct sd_txn *t, const char *addr, const uint8_t id[SD_UUID_LEN], bool put,
    struct sd_error *err)
{
	struct sd_key k;

	if (!address_key(&k, addr))
		return SD_OK;
	sd_key_bytes(&k, id, SD_UUID_LEN);
	return put ? sd_db_put_flag(t, SD_DB_ENT_BY_EMAIL, k.b, k.len, WHAT, err) :
	    sd_db_del(t, SD_DB_ENT_BY_EMAIL, k.b, k.len, WHAT, err);
}

sd_status
ent_email_index(struct sd_txn *t, const struct sd_enterprise *e, bool put,
    struct sd_error *err)
{
	struct sd_person *p = NULL;
	size_t n = 0;
	sd_status s;

	if ((s = one(t, e->f[SD_EF_EMAIL], e->id, put, err)) != SD_OK)
		return s;
	/* A list that cannot be read has no addresses (check reports the record). */
	if (e->f[SD_EF_PERSONS] == NULL ||
	    sd_persons_read(e->f[SD_EF_PERSONS], &p, &n, NULL) != SD_OK)
		return SD_OK;
	for (size_t i = 0; i < n && s == SD_OK; i++) {
		/* Two persons with one address: one entry (a delete finds it gone). */
		bool again = false;
		for (size_t j = 0; j < i && !again; j++)
			again = p[j].email != NULL && p[i].email != NULL &&
			    strcasecmp(p[j].email, p[i].email) == 0;
		if (!again && (e->f[SD_EF_EMAIL] == NULL || p[i].email == NULL ||
		    strcasecmp(e->f[SD_EF_EMAIL], p[i].email) != 0))
			s = one(t, p[i].email, e->id, put, err);
	}
	sd_persons_free(p, n);
	return s;
}

sd_status
ent_by_email(struct sd_txn *t, const char *addr, bool domain_only,
    uint8_t first[SD_UUID_LEN], size_t *count, struct sd_error *err)
{
	uint8_t last[SD_UUID_LEN];
	struct sd_key k;
	struct sd_iter it;
	sd_status s;

	*count = 0;
	if (!address_key(&k, addr))
		return SD_OK;
	/* The domain's prefix: its string and NUL (sd_key_str's form) without the local part. */
	if (domain_only)
		k.len = strlen((const char *)k.b) + 1;
	sd_iter_start(&it, t, SD_DB_ENT_BY_EMAIL, k.b, k.len, false, NULL, 0);
	while (*count < 2 && sd_iter_next(&it)) {
		const uint8_t *id;

		if (it.key.mv_size < k.len + SD_UUID_LEN)
			continue;
		id = (const uint8_t *)it.key.mv_data + it.key.mv_size - SD_UUID_LEN;
		/* A domain's entries come by local part: the same enterprise counts once. */
		if (*count > 0 && memcmp(id, last, SD_UUID_LEN) == 0)
			continue;
		if (*count == 0)
			memcpy(first, id, SD_UUID_LEN);
		memcpy(last, id, SD_UUID_LEN);
		(*count)++;
	}
	s = sd_iter_status(&it, WHAT, err);
	sd_iter_end(&it);
	return s;
}

int
ent_email_fill(MDB_txn *txn, struct sd_store *st)
{
	return migrate_each_enterprise(txn, st, ent_email_index);
}
