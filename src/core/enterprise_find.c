/*
 * Reading the enterprise register: one by id or number, pages by name or
 * tag, and the picker's search by the words of the name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "sedesk/i18n.h"
#include "keys.h"
#include "sedesk/number.h"
#include "sedesk/text.h"
#include "sedesk/words.h"

/* --- reading ------------------------------------------------------------------- */

sd_status
sd_enterprise_get(struct sd_desk *d, const char *ref, struct sd_enterprise *out,
    struct sd_error *err)
{
	uint8_t id[SD_UUID_LEN];
	struct sd_txn t;
	sd_status s;

	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	/* One the caller may not see is not found, in ent_resolve's words. */
	if ((s = ent_resolve_visible(&t, d, ref, id, err)) == SD_OK)
		s = ent_load(&t, id, out, err);
	sd_txn_abort(&t);
	return s;
}

/* The one enterprise whose id starts with the 4 bytes of pre (a journal before 2026-12). */
static sd_status
ent_by_prefix(struct sd_txn *t, const uint8_t pre[4], uint8_t id[SD_UUID_LEN],
    struct sd_error *err)
{
	struct sd_iter it;
	size_t n = 0;
	sd_status s;

	sd_iter_start(&it, t, SD_DB_ENT, pre, 4, false, NULL, 0);
	while (n < 2 && sd_iter_next(&it)) {
		if (it.key.mv_size == SD_UUID_LEN)
			memcpy(id, it.key.mv_data, SD_UUID_LEN);
		n++;
	}
	s = sd_iter_status(&it, _("enterprise"), err);
	sd_iter_end(&it);
	return s != SD_OK ? s : n == 1 ? SD_OK : n == 0 ? SD_NOTFOUND : SD_CONFLICT;
}

char *
sd_enterprise_words(struct sd_desk *d, const char *ref)
{
	uint8_t id[SD_UUID_LEN], pre[4];
	struct sd_enterprise e = { 0 };
	struct sd_error err;
	struct sd_txn t;
	char *out = NULL;
	sd_status s;
	unsigned x;

	if (ref == NULL || *ref == '\0')
		return sd_xstrdup("-");
	if (sd_txn_begin(d->store, false, &t, &err) != SD_OK)
		return sd_xstrdup(_("an enterprise that cannot be read now"));
	if (sd_uuid_parse(ref, id))
		s = SD_OK;
	else if (strlen(ref) == 8 && strspn(ref, "0123456789abcdef") == 8) {
		for (int i = 0; i < 4; i++) {
			sscanf(ref + 2 * i, "%2x", &x);
			pre[i] = (uint8_t)x;
		}
		s = ent_by_prefix(&t, pre, id, &err);
	} else
		s = SD_NOTFOUND;
	if (s == SD_OK && ent_visible(&t, d, id) && ent_load(&t, id, &e, &err) == SD_OK) {
		const char *name = e.f[SD_EF_NAME], *num = e.f[SD_EF_NUMBER];
		struct sd_buf b = { 0 };

		sd_buf_adds(&b, name != NULL && *name != '\0' ? name : "?");
		if (num != NULL && *num != '\0')
			sd_buf_addf(&b, " (%s)", num);
		out = sd_buf_take(&b);
		sd_enterprise_free(&e);
	}
	sd_txn_abort(&t);
	if (out == NULL)
		out = sd_xstrdup(s == SD_CONFLICT ? _("an enterprise the journal of the time did "
		    "not name") : _("an enterprise no longer in the register"));
	return out;
}

sd_status
sd_enterprise_list(struct sd_desk *d, const char *tag, const struct sd_ent_cursor *from,
    size_t limit, struct sd_enterprise_list *out, struct sd_error *err)
{
	bool resume = from != NULL && from->len > 0;
	enum sd_dbi db = SD_DB_ENT_BY_NAME;
	struct sd_key prefix;
	struct sd_iter it;
	struct sd_txn t;
	sd_status s;

	memset(out, 0, sizeof *out);
	sd_key_reset(&prefix);
	if (tag != NULL) {
		char *folded = sd_fold(tag);
		sd_key_str(&prefix, folded);
		free(folded);
		db = SD_DB_ENT_BY_TAG;
	}
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK)
		return s;
	out->items = sd_xcalloc(limit ? limit : 1, sizeof *out->items);
	sd_iter_start(&it, &t, db, prefix.b, prefix.len, false, resume ? from->key : NULL,
	    resume ? from->len : 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		const uint8_t *id = (const uint8_t *)it.key.mv_data + it.key.mv_size - SD_UUID_LEN;
		if (it.key.mv_size < SD_UUID_LEN || it.key.mv_size > sizeof out->next.key)
			continue;
		if (!ent_visible(&t, d, id))
			continue;
		if (out->n == limit) {
			out->more = true;
			break;
		}
		if ((s = ent_load(&t, id, &out->items[out->n], err)) == SD_OK) {
			out->n++;
			memcpy(out->next.key, it.key.mv_data, it.key.mv_size);
			out->next.len = it.key.mv_size;
		}
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("enterprise"), err);
	sd_iter_end(&it);
	sd_txn_abort(&t);
	if (s != SD_OK)
		sd_enterprise_list_free(out);
	return s;
}

struct find_words {
	char	*words[16];
	size_t	 n;
};

static int
collect_word(const char *w, size_t n, void *arg)
{
	struct find_words *fw = arg;

	if (fw->n < sizeof fw->words / sizeof fw->words[0])
		fw->words[fw->n++] = sd_xstrndup(w, n);
	return 0;
}

/* True when every query word starts some word of the folded name. */
static int
starts_a_word(const char *w, size_t n, void *arg)
{
	const char *q = arg;
	size_t qn = strlen(q);

	return n >= qn && memcmp(w, q, qn) == 0 ? 1 : 0;
}

static bool
name_matches(const struct sd_enterprise *e, const struct find_words *fw)
{
	char *folded = sd_fold(e->f[SD_EF_NAME] ? e->f[SD_EF_NAME] : "");
	bool ok = true;

	for (size_t i = 1; i < fw->n && ok; i++)
		ok = fold_words(folded, starts_a_word, fw->words[i]) == 1;
	free(folded);
	return ok;
}

sd_status
sd_enterprise_find(struct sd_desk *d, const char *query, size_t limit,
    struct sd_enterprise_list *out, struct sd_error *err)
{
	struct find_words fw = { 0 };
	char num[SD_NUMBER_MAX], *folded;
	uint8_t last[SD_UUID_LEN] = { 0 };
	struct sd_iter it;
	struct sd_txn t;
	sd_status s;

	memset(out, 0, sizeof *out);
	out->items = sd_xcalloc(limit ? limit : 1, sizeof *out->items);
	if ((s = sd_txn_begin(d->store, false, &t, err)) != SD_OK) {
		sd_enterprise_list_free(out);
		return s;
	}
	if (sd_number_normalise(query, num, NULL) != SD_NUMBER_NONE) {
		MDB_val v;
		/* A failing store is its message, not "nothing found". */
		s = sd_db_get(&t, SD_DB_ENT_BY_NUMBER, num, strlen(num), &v, _("enterprise"), err);
		if (s == SD_NOTFOUND)
			s = SD_OK;
		else if (s == SD_OK && v.mv_size == SD_UUID_LEN && limit > 0 &&
		    ent_visible(&t, d, v.mv_data) &&
		    (s = ent_load(&t, v.mv_data, &out->items[0], err)) == SD_OK)
			out->n = 1;
		sd_txn_abort(&t);
		/* As every other way out: on failure nothing is left to free. */
		if (s != SD_OK)
			sd_enterprise_list_free(out);
		return s;
	}
	folded = sd_fold(query);
	fold_words(folded, collect_word, &fw);
	free(folded);
	if (fw.n == 0) {
		sd_txn_abort(&t);
		return SD_OK;
	}
	/* The first word drives the word index; the others are checked on the name. */
	sd_iter_start(&it, &t, SD_DB_ENT_BY_WORD, fw.words[0], strlen(fw.words[0]), false,
	    NULL, 0);
	while (s == SD_OK && sd_iter_next(&it)) {
		const uint8_t *id = (const uint8_t *)it.key.mv_data + it.key.mv_size - SD_UUID_LEN;
		struct sd_enterprise e;
		bool dup = false;

		if (it.key.mv_size < SD_UUID_LEN + 1)
			continue;
		/* A name with the word twice has two entries; they come together. */
		for (size_t i = 0; i < out->n && !dup; i++)
			dup = memcmp(out->items[i].id, id, SD_UUID_LEN) == 0;
		if (dup || memcmp(last, id, SD_UUID_LEN) == 0)
			continue;
		memcpy(last, id, SD_UUID_LEN);
		if (!ent_visible(&t, d, id))
			continue;
		if ((s = ent_load(&t, id, &e, err)) != SD_OK)
			break;
		if (!name_matches(&e, &fw)) {
			sd_enterprise_free(&e);
			continue;
		}
		if (out->n == limit) {
			sd_enterprise_free(&e);
			out->more = true;
			break;
		}
		out->items[out->n++] = e;
	}
	if (s == SD_OK)
		s = sd_iter_status(&it, _("enterprise"), err);
	sd_iter_end(&it);
	sd_txn_abort(&t);
	for (size_t i = 0; i < fw.n; i++)
		free(fw.words[i]);
	if (s != SD_OK)
		sd_enterprise_list_free(out);
	return s;
}

void
sd_enterprise_list_free(struct sd_enterprise_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		sd_enterprise_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

