/*
 * The enterprises by e-mail address (src/core/ent_email_index.c) against
 * a brute force over the register: random registers of enterprises with
 * an address and contact persons (a few domains, a provider's among them,
 * addresses in mixed case, two persons sharing one), random edits that
 * change and clear them; for every address of the pool, the index gives
 * the same first enterprise and the same count as reading every record
 * (what the mail gate did before).  Then `check` finds the kept index
 * equal to a rebuilt one, and a database from before the index gets it
 * made when it opens.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "testdesk.h"
#include "internal.h"
#include "record.h"
#include "sedesk/ops.h"
#include "sedesk/profile.h"

static const char *const domains[] = { "zon.be", "Kring.BE", "gmail.com", "wiel.org" };
static const char *const locals[] = { "info", "An.Peeters", "jan", "boekhouding", "INFO" };
#define NDOM	(sizeof domains / sizeof domains[0])
#define NLOC	(sizeof locals / sizeof locals[0])

static void
random_address(char *out, size_t size)
{
	snprintf(out, size, "%s@%s", locals[rand() % NLOC], domains[rand() % NDOM]);
}

/* Fields f of a random profile: maybe an address, 0–3 persons (maybe sharing one). */
static void
random_fields(char *f[SD_EF_COUNT], char *email, char *persons, size_t size, int n)
{
	size_t len = 0;
	int np = rand() % 4;

	memset(f, 0, SD_EF_COUNT * sizeof *f);
	snprintf(email, 64, "%s", "");
	if (rand() % 4 != 0)
		random_address(email, 64);
	persons[0] = '\0';
	for (int i = 0; i < np && len + 128 < size; i++) {
		char a[64];
		random_address(a, sizeof a);
		len += (size_t)snprintf(persons + len, size - len, "name=Persoon %d %d;email=%s\n",
		    n, i, rand() % 5 == 0 && *email ? email : a);
	}
	f[SD_EF_EMAIL] = email;
	f[SD_EF_PERSONS] = persons;
}

/* The gate's old answer: read every record (ent_knows: 2 the address, 1 the domain). */
static void
brute(struct td *t, const char *addr, bool domain_only, uint8_t first[SD_UUID_LEN],
    size_t *count)
{
	const char *dom = strrchr(addr, '@') + 1;
	struct sd_error err = { 0 };
	struct sd_txn x;
	struct sd_iter it;

	*count = 0;
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &x, &err), &err);
	sd_iter_start(&it, &x, SD_DB_ENT, NULL, 0, false, NULL, 0);
	while (*count < 2 && sd_iter_next(&it)) {
		struct sd_enterprise e = { 0 };
		struct sd_person *p = NULL;
		size_t n = 0;
		bool hit = false;

		assert_true(sd_rec_decode(&sd_ent_record, it.val.mv_data, it.val.mv_size, &e));
		const char *ea = e.f[SD_EF_EMAIL];
		if (ea != NULL)
			hit = domain_only ? strcasecmp(strrchr(ea, '@') + 1, dom) == 0 :
			    strcasecmp(ea, addr) == 0;
		if (e.f[SD_EF_PERSONS] != NULL &&
		    sd_persons_read(e.f[SD_EF_PERSONS], &p, &n, NULL) == SD_OK) {
			for (size_t i = 0; i < n && !hit; i++)
				if (p[i].email != NULL)
					hit = domain_only ?
					    strcasecmp(strrchr(p[i].email, '@') + 1, dom) == 0 :
					    strcasecmp(p[i].email, addr) == 0;
			sd_persons_free(p, n);
		}
		if (hit && (*count)++ == 0)
			memcpy(first, it.key.mv_data, SD_UUID_LEN);
		sd_enterprise_free(&e);
	}
	sd_iter_end(&it);
	sd_txn_abort(&x);
}

/* Every address of the pool, and one nobody has: index and brute force agree. */
static void
compare_all(struct td *t)
{
	for (size_t d = 0; d <= NDOM; d++) {
		for (size_t l = 0; l < NLOC; l++) {
			char addr[96];
			snprintf(addr, sizeof addr, "%s@%s", locals[l],
			    d < NDOM ? domains[d] : "nergens.be");
			for (int only = 0; only < 2; only++) {
				uint8_t a[SD_UUID_LEN] = { 0 }, b[SD_UUID_LEN] = { 0 };
				size_t na, nb;
				struct sd_error err = { 0 };
				struct sd_txn x;

				brute(t, addr, only, a, &na);
				td_expect(SD_OK, sd_txn_begin(t->d.store, false, &x, &err), &err);
				td_expect(SD_OK, ent_by_email(&x, addr, only, b, &nb, &err), &err);
				sd_txn_abort(&x);
				/* Of several with the domain the gate takes none: no first to compare. */
				if (na != nb || ((!only || na == 1) && memcmp(a, b, SD_UUID_LEN) != 0))
					fail_msg("%s (%s): index %zu, register %zu%s", addr,
					    only ? "domain" : "address", nb, na,
					    na == nb ? ", another first enterprise" : "");
			}
		}
	}
}

static size_t
check_problems(struct td *t)
{
	const struct sd_officer *me = t->d.me;
	struct sd_error err = { 0 };
	size_t problems = 0;

	t->d.me = sd_config_officer(&t->d.cfg, "root");
	td_expect(SD_OK, sd_check(&t->d, false, NULL, NULL, &problems, &err), &err);
	t->d.me = me;
	return problems;
}

static void
test_index_equals_register(void **state)
{
	struct td *t = *state;
	char ids[40][SD_UUID_STR];

	srand(20261202);
	td_as(t, "root");
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 40; i++) {
			char *f[SD_EF_COUNT], email[64], persons[1024], name[32];
			struct sd_error err = { 0 };
			uint8_t id[SD_UUID_LEN];

			random_fields(f, email, persons, sizeof persons, i);
			if (round == 0) {
				snprintf(name, sizeof name, "Onderneming %02d", i);
				f[SD_EF_NAME] = name;
				td_expect(SD_OK, sd_enterprise_add(&t->d, f, id, &err), &err);
				sd_uuid_format(id, ids[i]);
			} else if (rand() % 2 == 0) {
				/* An edit: new addresses, or (empty) none. */
				td_expect(SD_OK, sd_enterprise_edit(&t->d, ids[i], f, 0, &err), &err);
			}
		}
		compare_all(t);
	}
	assert_int_equal(check_problems(t), 0);
}

/* A database from before the index: the table made from the register when it opens. */
static void
test_made_when_missing(void **state)
{
	struct td *t = *state;
	char *f[SD_EF_COUNT] = { 0 };
	struct sd_error err = { 0 };
	uint8_t id[SD_UUID_LEN], got[SD_UUID_LEN];
	MDB_txn *txn;
	MDB_val k = { 12, (void *)"ent_by_email" };
	struct sd_txn x;
	size_t n;

	td_as(t, "root");
	f[SD_EF_NAME] = (char *)"Bakkerij Zon";
	f[SD_EF_EMAIL] = (char *)"Info@Zon.be";
	td_expect(SD_OK, sd_enterprise_add(&t->d, f, id, &err), &err);
	/* As a database of before: no table, no mark. */
	assert_int_equal(mdb_txn_begin(t->d.store->env, NULL, 0, &txn), 0);
	assert_int_equal(mdb_drop(txn, t->d.store->dbi[SD_DB_ENT_BY_EMAIL], 1), 0);
	assert_int_equal(mdb_del(txn, t->d.store->dbi[SD_DB_META], &k, NULL), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	td_close_desk(t);
	td_open_desk(t);
	td_expect(SD_OK, sd_txn_begin(t->d.store, false, &x, &err), &err);
	td_expect(SD_OK, ent_by_email(&x, "info@zon.BE", false, got, &n, &err), &err);
	sd_txn_abort(&x);
	assert_int_equal(n, 1);
	assert_memory_equal(got, id, SD_UUID_LEN);
	assert_int_equal(check_problems(t), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_index_equals_register, td_setup, td_teardown),
		cmocka_unit_test_setup_teardown(test_made_when_missing, td_setup, td_teardown),
	};

	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
