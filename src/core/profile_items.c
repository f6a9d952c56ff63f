/*
 * The codec of the profile's structured fields (see sedesk/profile.h):
 * one item a line, key=value pairs separated by ';', '\' and ';' escaped
 * in values.  Every structured field is read and written here and only
 * here, so the format has one definition.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sedesk/i18n.h"
#include "sedesk/profile.h"
#include "sedesk/text.h"

static bool
key_char(char c)
{
	return c >= 'a' && c <= 'z';
}

void
sd_item_set(struct sd_item *it, const char *key, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	it->kv = sd_xrealloc(it->kv, (it->n + 1) * sizeof *it->kv);
	it->kv[it->n].key = sd_xstrdup(key);
	it->kv[it->n].value = sd_xstrdup(value);
	it->n++;
}

const char *
sd_item_get(const struct sd_item *it, const char *key)
{
	for (size_t i = 0; i < it->n; i++)
		if (strcmp(it->kv[i].key, key) == 0)
			return it->kv[i].value;
	return NULL;
}

void
sd_item_free(struct sd_item *it)
{
	for (size_t i = 0; i < it->n; i++) {
		free(it->kv[i].key);
		free(it->kv[i].value);
	}
	free(it->kv);
	it->kv = NULL;
	it->n = 0;
}

void
sd_items_free(struct sd_items *items)
{
	for (size_t i = 0; i < items->n; i++)
		sd_item_free(&items->items[i]);
	free(items->items);
	items->items = NULL;
	items->n = 0;
}

/*
 * key=value;key=value.  A key is lower-case letters; a value runs to the
 * next unescaped ';' with "\\" and "\;" read as '\' and ';'; any other
 * backslash, a key given twice or a pair without '=' is malformed (the
 * format is written by sedesk, so a surprise is damage, not a variant).
 * Spaces around keys and values are trimmed: people type items too.
 */
sd_status
sd_item_parse(const char *line, struct sd_item *out, struct sd_error *err)
{
	const char *p = line;
	struct sd_buf key = { 0 }, val = { 0 };
	sd_status s = SD_OK;

	memset(out, 0, sizeof *out);
	if (strchr(line, '\n') != NULL)
		return sd_fail(err, SD_INVALID, _("an item is one line."));
	while (*p != '\0' && s == SD_OK) {
		sd_buf_reset(&key);
		sd_buf_reset(&val);
		while (*p == ' ' || *p == '\t')
			p++;
		while (key_char(*p))
			sd_buf_add(&key, p++, 1);
		while (*p == ' ' || *p == '\t')
			p++;
		if (key.len == 0 || *p != '=') {
			s = sd_fail(err, SD_INVALID,
			    _("\"%s\": write key=value pairs separated by \";\" (e.g. "
			    "name=…;since=2019-01-01)."), line);
			break;
		}
		p++;
		for (; *p != '\0' && *p != ';'; p++) {
			if (*p == '\\') {
				if (p[1] != '\\' && p[1] != ';') {
					s = sd_fail(err, SD_INVALID,
					    _("\"%s\": a backslash stands only before \\ or ;."),
					    line);
					break;
				}
				p++;
			}
			sd_buf_add(&val, p, 1);
		}
		if (s != SD_OK)
			break;
		if (*p == ';')
			p++;
		if (sd_item_get(out, key.data) != NULL) {
			s = sd_fail(err, SD_INVALID, _("\"%s\": %s is given twice."), line, key.data);
			break;
		}
		sd_item_set(out, key.data, val.data ? sd_trim(val.data) : "");
	}
	sd_buf_free(&key);
	sd_buf_free(&val);
	if (s != SD_OK)
		sd_item_free(out);
	return s;
}

sd_status
sd_items_parse(const char *text, struct sd_items *out, struct sd_error *err)
{
	const char *p = text;

	memset(out, 0, sizeof *out);
	while (p != NULL && *p != '\0') {
		size_t n = strcspn(p, "\n");
		char *line = sd_trim(sd_xstrndup(p, n));

		if (*line != '\0') {
			struct sd_item it;
			sd_status s = sd_item_parse(line, &it, err);

			if (s != SD_OK) {
				char why[sizeof err->msg];

				/* Which line, for someone who edits many. */
				if (err != NULL) {
					snprintf(why, sizeof why, "%s", err->msg);
					sd_fail(err, s, _("line %zu: %s"), out->n + 1, why);
				}
				free(line);
				sd_items_free(out);
				return s;
			}
			out->items = sd_xrealloc(out->items, (out->n + 1) * sizeof *out->items);
			out->items[out->n++] = it;
		}
		free(line);
		p += n;
		if (*p == '\n')
			p++;
	}
	return SD_OK;
}

void
sd_item_format(struct sd_buf *b, const struct sd_item *it)
{
	for (size_t i = 0; i < it->n; i++) {
		if (i > 0)
			sd_buf_add(b, ";", 1);
		sd_buf_addf(b, "%s=", it->kv[i].key);
		for (const char *p = it->kv[i].value; *p != '\0'; p++) {
			if (*p == '\\' || *p == ';')
				sd_buf_add(b, "\\", 1);
			sd_buf_add(b, p, 1);
		}
	}
}
