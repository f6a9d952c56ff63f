/*
 * `sedesk enterprise import-kbo`: the KBO extract in a directory into the
 * register.
 *
 * The join.  The files are not promised to be sorted, and the activity
 * file alone has 36 million rows, so nothing is held per row and nothing
 * relies on order:
 *   1. the kept enterprises: with places, a pass over address.csv keeps
 *      the entity numbers whose address is in them, a pass over
 *      establishment.csv adds the enterprises of those establishments;
 *      without, every number of enterprise.csv.  The register's own KBO
 *      numbers are added (to update them, and to see which are gone).
 *      A second pass over establishment.csv keeps the establishments of
 *      the kept enterprises.  Both are sorted arrays of numbers: for a
 *      city tens of thousands, a few hundred kilobytes.
 *   2. in partitions of at most PART_MAX kept enterprises (one for a
 *      city), a pass over each file gathers the rows of the partition's
 *      enterprises and establishments (binary search in the arrays) into
 *      one record each (kbo_acc, strings in an arena), then those are
 *      mapped (kbo_build.c) and written, and the arena freed.  Memory is
 *      bounded by the partition, whatever the files' size.
 * An update delivery reads FILE_delete.csv (the entities whose rows of
 * FILE are replaced) then FILE_insert.csv the same way; its enterprises
 * are the register's and those it places in the chosen municipalities.
 *
 * Writing.  In chunks of about half a second, each one write
 * transaction; an enterprise already in the register (by its number) is
 * compared field by field and only what KBO gives is changed and
 * journaled.  So a rerun after a crash or of the same extract finds the
 * done ones unchanged: nothing is lost or doubled.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <uuid/uuid.h>

#include "bulk.h"
#include "internal.h"
#include "kbo_int.h"
#include "sedesk/i18n.h"
#include "sedesk/kbo.h"
#include "sedesk/text.h"
#include "sedesk/userfile.h"

/* Enterprises gathered in one pass over the files (about 250 MiB at most). */
#define PART_MAX	250000
/*
 * The bulk job's pages (bulk.h max_heap): a quarter of the default.  With
 * 128 MiB a city's import (Gent's 28,291 of the full extract) reached
 * 99 MiB of heap, at the limit of 100, its third chunk 16,384
 * enterprises; with 32 MiB 53 MiB, in the same 7 s, and the full load of
 * 1.9M took 104 s against 114 with 207 MiB of heap against 264 (session 9).
 */
#define KBO_BULK_HEAP	((size_t)32 << 20)

/* --- the arena ------------------------------------------------------------------------ */

struct kbo_block {
	struct kbo_block *next;
	size_t	 used, cap;
	char	 data[];
};

void *
kbo_alloc(struct kbo_arena *a, size_t n)
{
	struct kbo_block *b = a->head;

	n = (n + 7) & ~(size_t)7;
	if (b == NULL || b->used + n > b->cap) {
		size_t cap = n > (1 << 20) ? n : (1 << 20);
		b = sd_xmalloc(sizeof *b + cap);
		b->next = a->head;
		b->used = 0;
		b->cap = cap;
		a->head = b;
		a->bytes += cap;
	}
	b->used += n;
	return b->data + b->used - n;
}

char *
kbo_strdup(struct kbo_arena *a, const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(kbo_alloc(a, n), s, n);
}

void
kbo_arena_free(struct kbo_arena *a)
{
	while (a->head != NULL) {
		struct kbo_block *b = a->head;
		a->head = b->next;
		free(b);
	}
	a->bytes = 0;
}

/* --- sets of numbers ---------------------------------------------------------------- */

struct nums {
	uint64_t *v;
	size_t	  n, cap;
};

static void
nums_add(struct nums *s, uint64_t x)
{
	if (s->n == s->cap) {
		s->cap = s->cap * 2 + 1024;
		s->v = sd_xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = x;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void
nums_sort(struct nums *s)
{
	size_t k = 0;

	if (s->n == 0)
		return;
	qsort(s->v, s->n, sizeof *s->v, cmp_u64);
	for (size_t i = 0; i < s->n; i++)
		if (k == 0 || s->v[i] != s->v[k - 1])
			s->v[k++] = s->v[i];
	s->n = k;
}

static ssize_t
nums_find(const struct nums *s, uint64_t x)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->v[lo] == x ? (ssize_t)lo : -1;
}

/* Establishment → enterprise, sorted by establishment. */
struct pair {
	uint64_t est, ent;
};
struct pairs {
	struct pair *v;
	size_t	 n, cap;
};

static void
pairs_add(struct pairs *p, uint64_t est, uint64_t ent)
{
	if (p->n == p->cap) {
		p->cap = p->cap * 2 + 1024;
		p->v = sd_xrealloc(p->v, p->cap * sizeof *p->v);
	}
	p->v[p->n].est = est;
	p->v[p->n++].ent = ent;
}

static int
cmp_pair(const void *a, const void *b)
{
	return cmp_u64(&((const struct pair *)a)->est, &((const struct pair *)b)->est);
}

static uint64_t
pairs_find(const struct pairs *p, uint64_t est)
{
	size_t lo = 0, hi = p->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (p->v[mid].est < est)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->n && p->v[lo].est == est ? p->v[lo].ent : 0;
}

/* --- the import's state -------------------------------------------------------------- */

struct imp {
	struct sd_desk		*d;
	const char		*dir;		/* a folder, or a ZIP file (zip) */
	struct kbo_zip		*zip;
	const struct sd_kbo_options *o;
	struct sd_kbo_report	*rep;
	bool			 update;
	struct sd_kbo_codes	*codes;
	char			 snapshot[11];
	bool			 places[10000];	/* Belgian postcodes chosen */
	bool			 any_place;
	struct nums		 kept;		/* enterprise numbers */
	struct nums		 reg;		/* the register's KBO numbers */
	struct pairs		 est;		/* establishments of kept enterprises */
	struct pairs		 reg_est;	/* update: the register's, from its lines */
	/* The partition being gathered. */
	size_t			 lo, hi;
	struct kbo_acc		*acc;
	struct kbo_arena	 arena;
	bool			 first_part;	/* the first partition being gathered */
	/* Files whose unreadable rows were reported (each file is read more than once). */
	bool			 reported[SD_KBO_NFILES][3];
	bool			 ent_bad;	/* enterprise.csv had bad rows */
	/* The ids of new enterprises (kbo_uuid). */
	uint64_t		 uuid_ms;
	unsigned		 uuid_seq;
	/* Progress. */
	struct timespec		 t0, last;
	uint64_t		 rows;
};

/* The heap in use now (glibc), for the report's peak: the bench's memory figure. */
static void
heap_sample(struct imp *im)
{
	struct mallinfo2 mi = mallinfo2();
	uint64_t now = (uint64_t)mi.uordblks + (uint64_t)mi.hblkhd;

	if (now > im->rep->heap_peak)
		im->rep->heap_peak = now;
}

static double
since(const struct timespec *a)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - a->tv_sec) + (double)(now.tv_nsec - a->tv_nsec) / 1e9;
}

static void
skip(struct imp *im, enum sd_kbo_skip why, const char *what, const char *msg)
{
	im->rep->skipped[why]++;
	if (im->o->skip != NULL)
		im->o->skip(im->o->skip_arg, what, msg);
}

/* Whether the extract (a folder or a ZIP file) has the file name. */
static bool
src_has(struct imp *im, const char *name)
{
	char path[4096];
	int fd;

	if (im->zip != NULL)
		return kbo_zip_has(im->zip, name);
	/* With the caller's rights: the group's folders are not theirs to probe. */
	snprintf(path, sizeof path, "%s/%s", im->dir, name);
	if ((fd = sd_user_open(path, O_RDONLY | O_NONBLOCK, 0)) < 0)
		return false;
	close(fd);
	return true;
}

/* Opens dir/NAME(SUFFIX).csv; *f NULL (and SD_OK) when absent and not required. */
static sd_status
open_file(struct imp *im, enum sd_kbo_file kind, const char *suffix, bool required, FILE **f,
    struct sd_kbo_reader **r, char *path, size_t plen, uint64_t *size, struct sd_error *err)
{
	char name[64];
	sd_status s;

	*f = NULL;
	*r = NULL;
	*size = 0;
	snprintf(name, sizeof name, "%s%s.csv", sd_kbo_file_name(kind), suffix);
	snprintf(path, plen, "%s/%s", im->dir, name);
	if (!src_has(im, name)) {
		if (!required)
			return SD_OK;
		return sd_fail(err, SD_INVALID, _("%s: the extract has no %s%s.csv; give the "
		    "folder of an unpacked KBO open data extract (full or update)."), im->dir,
		    sd_kbo_file_name(kind), suffix);
	}
	if (im->zip != NULL)
		s = kbo_zip_fopen(im->zip, name, f, size, err);
	else if ((s = sd_user_fopen(path, f, err)) == SD_OK) {
		struct stat st;
		if (fstat(fileno(*f), &st) == 0)
			*size = (uint64_t)st.st_size;
	}
	if (s != SD_OK)
		return s;
	if ((s = sd_kbo_open(*f, path, kind, strcmp(suffix, "_delete") == 0, r, err)) != SD_OK) {
		fclose(*f);
		*f = NULL;
	}
	return s;
}

typedef sd_status (*row_fn)(struct imp *im, enum sd_kbo_file kind, bool deletes,
    const struct sd_kbo_row *row, struct sd_error *err);

static void
progress(struct imp *im, const char *stage, struct sd_kbo_reader *r, uint64_t total)
{
	if (im->o->progress == NULL || since(&im->last) < 1.0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &im->last);
	im->o->progress(im->o->progress_arg, stage, im->rows, sd_kbo_offset(r), total);
}

static sd_status p2_row(struct imp *im, enum sd_kbo_file kind, bool deletes,
    const struct sd_kbo_row *row, struct sd_error *err);
static struct kbo_acc *acc_of(struct imp *im, uint64_t entity);

static bool
in_partition(void *arg, uint64_t entity)
{
	return acc_of(arg, entity) != NULL;
}

/* Reads every row of one file through fn; bad rows are reported the first time it is read. */
static sd_status
each_row(struct imp *im, enum sd_kbo_file kind, const char *suffix, bool required, row_fn fn,
    struct sd_error *err)
{
	char path[4096];
	struct sd_kbo_reader *r;
	struct sd_kbo_row row;
	struct sd_error e;
	uint64_t total = 0;
	int sfx = *suffix == '\0' ? 0 : strcmp(suffix, "_delete") == 0 ? 1 : 2;
	bool report = !im->reported[kind][sfx];
	FILE *f;
	sd_status s;

	if ((s = open_file(im, kind, suffix, required, &f, &r, path, sizeof path, &total,
	    err)) != SD_OK)
		return s;
	im->reported[kind][sfx] = true;
	if (f == NULL)
		return SD_OK;
	/*
	 * Gathering a partition from a file read whole before: the rows of
	 * other partitions' entities are passed over unchecked and unsplit.
	 */
	if (!report && fn == p2_row)
		sd_kbo_set_keep(r, in_partition, im);
	while ((s = sd_kbo_next(r, &row, &e)) != SD_NOTFOUND) {
		if (s == SD_INVALID) {
			if (report) {
				skip(im, SD_KBO_SKIP_BADROW, path, e.msg);
				if (kind == SD_KBO_ENTERPRISE)
					im->ent_bad = true;
			}
			continue;
		}
		if (s != SD_OK || (s = fn(im, kind, strcmp(suffix, "_delete") == 0, &row,
		    &e)) != SD_OK) {
			if (err != NULL)
				*err = e;
			break;
		}
		if ((++im->rows & 0xFFFF) == 0)
			heap_sample(im);
		if ((im->rows & 0xFFF) == 0)
			progress(im, sd_kbo_file_name(kind), r, total);
	}
	sd_kbo_close(r);
	fclose(f);
	return s == SD_NOTFOUND ? SD_OK : s;
}

/* --- pass 1: which enterprises ------------------------------------------------------- */

static struct nums place_entities;	/* reset per import (one import per process) */

static bool
in_places(const struct imp *im, const struct sd_kbo_row *row)
{
	const char *z = row->f[KBO_ADR_ZIPCODE];

	if (row->f[KBO_ADR_COUNTRY_NL][0] != '\0' || row->f[KBO_ADR_COUNTRY_FR][0] != '\0')
		return false;
	if (strlen(z) != 4 || z[0] < '1' || z[0] > '9')
		return false;
	for (int i = 0; i < 4; i++)
		if (z[i] < '0' || z[i] > '9')
			return false;
	return im->places[atoi(z)];
}

static sd_status
p1_address(struct imp *im, enum sd_kbo_file kind, bool deletes, const struct sd_kbo_row *row,
    struct sd_error *err)
{
	uint64_t n;

	(void)kind;
	(void)deletes;
	(void)err;
	if (in_places(im, row) && row->f[KBO_ADR_STRUCK_OFF][0] == '\0' &&
	    sd_kbo_number(row->f[KBO_ADR_ENTITY], &n))
		nums_add(&place_entities, n);
	return SD_OK;
}

/* Enterprises of establishments in the places. */
static sd_status
p1_establishment(struct imp *im, enum sd_kbo_file kind, bool deletes,
    const struct sd_kbo_row *row, struct sd_error *err)
{
	uint64_t est, ent;

	(void)kind;
	(void)deletes;
	(void)err;
	if (sd_kbo_number(row->f[KBO_EST_NUMBER], &est) &&
	    sd_kbo_number(row->f[KBO_EST_ENTERPRISE], &ent) &&
	    nums_find(&place_entities, est) >= 0)
		nums_add(&im->kept, ent);
	return SD_OK;
}

static sd_status
p1_enterprise(struct imp *im, enum sd_kbo_file kind, bool deletes,
    const struct sd_kbo_row *row, struct sd_error *err)
{
	uint64_t n;

	(void)kind;
	(void)deletes;
	(void)err;
	if (sd_kbo_number(row->f[KBO_ENT_NUMBER], &n))
		nums_add(&im->kept, n);
	return SD_OK;
}

/* The establishments of the kept enterprises. */
static sd_status
p1_pairs(struct imp *im, enum sd_kbo_file kind, bool deletes, const struct sd_kbo_row *row,
    struct sd_error *err)
{
	uint64_t est, ent;

	(void)kind;
	(void)deletes;
	(void)err;
	if (sd_kbo_number(row->f[KBO_EST_NUMBER], &est) &&
	    sd_kbo_number(row->f[KBO_EST_ENTERPRISE], &ent) && nums_find(&im->kept, ent) >= 0)
		pairs_add(&im->est, est, ent);
	return SD_OK;
}

/* The register's KBO numbers, and (update) its establishments from the stored lines. */
static sd_status
read_register(struct imp *im, struct sd_error *err)
{
	struct sd_txn t;
	struct sd_iter it;
	sd_status s;

	if ((s = sd_txn_begin(im->d->store, false, &t, err)) != SD_OK)
		return s;
	sd_iter_start(&it, &t, SD_DB_ENT_BY_NUMBER, NULL, 0, false, NULL, 0);
	while (sd_iter_next(&it)) {
		char num[32];
		uint64_t n;
		if (it.key.mv_size >= sizeof num)
			continue;
		memcpy(num, it.key.mv_data, it.key.mv_size);
		num[it.key.mv_size] = '\0';
		if (!sd_kbo_number(num, &n) || n >= KBO_EST_MIN)
			continue;
		nums_add(&im->reg, n);
		if (im->update && it.val.mv_size == SD_UUID_LEN) {
			struct sd_enterprise e;
			struct sd_error e1;
			if (ent_load(&t, it.val.mv_data, &e, &e1) != SD_OK)
				continue;
			/* Establishment lines of the stored addresses and contacts. */
			for (int f = SD_EF_ADDRESSES; f <= SD_EF_KBO_PERSON_CONTACTS; f++) {
				for (const char *l = e.f[f]; l != NULL && *l != '\0';) {
					char w[20];
					size_t k = strcspn(l, " \n");
					uint64_t est;
					snprintf(w, sizeof w, "%.*s", (int)(k < 19 ? k : 19), l);
					if (sd_kbo_number(w, &est) && est >= KBO_EST_MIN)
						pairs_add(&im->reg_est, est, n);
					l = strchr(l, '\n');
					l = l != NULL ? l + 1 : NULL;
				}
			}
			sd_enterprise_free(&e);
		}
	}
	s = sd_iter_status(&it, _("enterprise"), err);
	sd_iter_end(&it);
	sd_txn_abort(&t);
	nums_sort(&im->reg);
	if (im->reg_est.n > 0)
		qsort(im->reg_est.v, im->reg_est.n, sizeof *im->reg_est.v, cmp_pair);
	return s;
}

static sd_status
pass_kept(struct imp *im, struct sd_error *err)
{
	const char *ins = im->update ? "_insert" : "";
	sd_status s;

	memset(&place_entities, 0, sizeof place_entities);
	if ((s = read_register(im, err)) != SD_OK)
		return s;
	if (im->any_place) {
		if ((s = each_row(im, SD_KBO_ADDRESS, ins, !im->update, p1_address, err)) != SD_OK)
			return s;
		nums_sort(&place_entities);
		for (size_t i = 0; i < place_entities.n; i++)
			if (place_entities.v[i] < KBO_EST_MIN)
				nums_add(&im->kept, place_entities.v[i]);
		if ((s = each_row(im, SD_KBO_ESTABLISHMENT, ins, !im->update, p1_establishment,
		    err)) != SD_OK)
			return s;
		/* An update may move a known establishment into the places. */
		for (size_t i = 0; i < place_entities.n; i++) {
			uint64_t ent = pairs_find(&im->reg_est, place_entities.v[i]);
			if (place_entities.v[i] >= KBO_EST_MIN && ent != 0)
				nums_add(&im->kept, ent);
		}
	} else if ((s = each_row(im, SD_KBO_ENTERPRISE, ins, !im->update, p1_enterprise,
	    err)) != SD_OK)
		return s;
	free(place_entities.v);
	memset(&place_entities, 0, sizeof place_entities);
	for (size_t i = 0; i < im->reg.n; i++)
		nums_add(&im->kept, im->reg.v[i]);
	nums_sort(&im->kept);
	if ((s = each_row(im, SD_KBO_ESTABLISHMENT, ins, !im->update, p1_pairs, err)) != SD_OK)
		return s;
	if (im->est.n > 0)
		qsort(im->est.v, im->est.n, sizeof *im->est.v, cmp_pair);
	/* The register's establishments, where the delivery does not say otherwise. */
	if (im->reg_est.n > 0) {
		size_t n = im->est.n;
		for (size_t i = 0; i < im->reg_est.n; i++)
			if (pairs_find(&im->est, im->reg_est.v[i].est) == 0 ||
			    im->est.n == 0)
				pairs_add(&im->est, im->reg_est.v[i].est, im->reg_est.v[i].ent);
		if (im->est.n > n)
			qsort(im->est.v, im->est.n, sizeof *im->est.v, cmp_pair);
	}
	return SD_OK;
}

/* --- pass 2: gathering a partition's rows ---------------------------------------------- */

/* The record of the partition the entity belongs to, or NULL. */
static struct kbo_acc *
acc_of(struct imp *im, uint64_t entity)
{
	uint64_t ent = entity >= KBO_EST_MIN ? pairs_find(&im->est, entity) : entity;
	ssize_t i;

	if (ent == 0 || (i = nums_find(&im->kept, ent)) < 0 || (size_t)i < im->lo ||
	    (size_t)i >= im->hi)
		return NULL;
	return &im->acc[(size_t)i - im->lo];
}

static void
touch(struct imp *im, struct kbo_acc *a, enum sd_kbo_file file, uint64_t entity)
{
	struct kbo_touch *t;

	for (t = a->touched; t != NULL; t = t->next)
		if (t->file == file && t->entity == entity)
			return;
	t = kbo_alloc(&im->arena, sizeof *t);
	t->file = file;
	t->entity = entity;
	t->next = a->touched;
	a->touched = t;
}

static void
copy_code(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src);
}

static sd_status
p2_row(struct imp *im, enum sd_kbo_file kind, bool deletes, const struct sd_kbo_row *row,
    struct sd_error *err)
{
	struct kbo_acc *a;
	uint64_t n;

	(void)err;
	if (!sd_kbo_number(row->f[0], &n) || (a = acc_of(im, n)) == NULL)
		return SD_OK;
	if (im->update) {
		touch(im, a, kind, n);
		/* An establishment that goes takes its lines along. */
		if (kind == SD_KBO_ESTABLISHMENT) {
			touch(im, a, SD_KBO_ADDRESS, n);
			touch(im, a, SD_KBO_CONTACT, n);
			touch(im, a, SD_KBO_DENOMINATION, n);
		}
	}
	if (deletes) {
		if (kind == SD_KBO_ENTERPRISE)
			a->deleted = true;
		return SD_OK;
	}
	switch (kind) {
	case SD_KBO_ENTERPRISE:
		if (n != a->number)
			break;
		a->seen = true;
		copy_code(a->type, sizeof a->type, row->f[KBO_ENT_TYPE]);
		copy_code(a->situation, sizeof a->situation, row->f[KBO_ENT_SITUATION]);
		copy_code(a->form, sizeof a->form, row->f[KBO_ENT_FORM]);
		a->has_start = sd_kbo_date(row->f[KBO_ENT_START], &a->start);
		break;
	case SD_KBO_DENOMINATION: {
		struct kbo_den *d = kbo_alloc(&im->arena, sizeof *d);
		d->entity = n;
		d->lang = row->f[KBO_DEN_LANGUAGE][0];
		copy_code(d->type, sizeof d->type, row->f[KBO_DEN_TYPE]);
		d->name = kbo_strdup(&im->arena, row->f[KBO_DEN_NAME]);
		d->next = a->dens;
		a->dens = d;
		break;
	}
	case SD_KBO_ADDRESS: {
		struct kbo_adr *ad = kbo_alloc(&im->arena, sizeof *ad);
		ad->entity = n;
		copy_code(ad->type, sizeof ad->type, row->f[KBO_ADR_TYPE]);
		{
			size_t len = 0;
			for (size_t i = 0; i < row->n; i++)
				len += strlen(row->f[i]) + 1;
			/* A row of the layout's limits is far below 64 KiB (uint16_t offsets). */
			if (len > 65535)
				break;
			ad->buf = kbo_alloc(&im->arena, len);
			len = 0;
			for (size_t i = 0; i < row->n; i++) {
				size_t l = strlen(row->f[i]) + 1;
				ad->off[i] = (uint16_t)len;
				memcpy(ad->buf + len, row->f[i], l);
				len += l;
			}
		}
		ad->next = a->adrs;
		a->adrs = ad;
		if (in_places(im, row))
			a->in_place = true;
		break;
	}
	case SD_KBO_CONTACT: {
		struct kbo_con *c = kbo_alloc(&im->arena, sizeof *c);
		c->entity = n;
		copy_code(c->type, sizeof c->type, row->f[KBO_CON_TYPE]);
		c->value = kbo_strdup(&im->arena, row->f[KBO_CON_VALUE]);
		c->next = a->cons;
		a->cons = c;
		break;
	}
	case SD_KBO_ACTIVITY: {
		const char *code = row->f[KBO_ACT_CODE];
		size_t len = strlen(code);
		struct kbo_act *x;
		int v = atoi(row->f[KBO_ACT_VERSION]);
		/* The enterprise's own activities (its establishments' repeat them). */
		if (n != a->number || len < 2 || len > 7 || strspn(code, "0123456789") != len ||
		    (v != 2003 && v != 2008 && v != 2025))
			break;
		/* Only the newest version is mapped (kbo_build.c): older ones are not kept. */
		if (a->acts != NULL && a->acts->version > v)
			break;
		if (a->acts != NULL && a->acts->version < v)
			a->acts = NULL;	/* (their memory goes with the arena) */
		for (x = a->acts; x != NULL; x = x->next)
			if (x->version == v && x->code == (uint32_t)atol(code) && x->digits == len) {
				x->main |= strcmp(row->f[KBO_ACT_CLASS], "MAIN") == 0;
				if (x->main)
					copy_code(x->cls, sizeof x->cls, "MAIN");
				break;
			}
		if (x != NULL)
			break;
		x = kbo_alloc(&im->arena, sizeof *x);
		x->code = (uint32_t)atol(code);
		x->digits = (uint8_t)len;
		x->version = (uint16_t)v;
		x->main = strcmp(row->f[KBO_ACT_CLASS], "MAIN") == 0;
		copy_code(x->cls, sizeof x->cls, row->f[KBO_ACT_CLASS]);
		/* Kept in file order: append. */
		x->next = NULL;
		{
			struct kbo_act **p = &a->acts;
			while (*p != NULL)
				p = &(*p)->next;
			*p = x;
		}
		break;
	}
	default:
		break;
	}
	return SD_OK;
}

static sd_status
gather(struct imp *im, struct sd_error *err)
{
	static const enum sd_kbo_file files[] = { SD_KBO_ENTERPRISE, SD_KBO_ESTABLISHMENT,
		SD_KBO_DENOMINATION, SD_KBO_ADDRESS, SD_KBO_CONTACT, SD_KBO_ACTIVITY };
	sd_status s;

	for (size_t i = im->lo; i < im->hi; i++) {
		memset(&im->acc[i - im->lo], 0, sizeof im->acc[0]);
		im->acc[i - im->lo].number = im->kept.v[i];
	}
	for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
		/* A full delivery's establishment file is known already (pass 1). */
		if (!im->update && files[k] == SD_KBO_ESTABLISHMENT)
			continue;
		/* Deletes first, then inserts (the cookbook's order). */
		if (im->update &&
		    (s = each_row(im, files[k], "_delete", false, p2_row, err)) != SD_OK)
			return s;
		if ((s = each_row(im, files[k], im->update ? "_insert" : "", !im->update, p2_row,
		    err)) != SD_OK)
			return s;
	}
	return SD_OK;
}

/* --- writing ------------------------------------------------------------------------------ */

/*
 * The counters of the job, carried by the bulk job across chunks and runs
 * (bulk.h: a resumed import reports the whole job's totals).
 */
enum { C_ADDED, C_UPDATED, C_UNCHANGED, C_CEASED, C_NACE, C_FORM, C_NONAME, C_NOROW };

struct chunk {
	struct imp	*im;
	bool		 dry;
	uint64_t	*c;			/* SD_BULK_COUNTERS counters */
	struct kbo_acc	*a;			/* the enterprise of sd_bulk_row */
};

static bool
str_eq(const char *a, const char *b)
{
	return (a == NULL || *a == '\0') ? (b == NULL || *b == '\0') :
	    (b != NULL && strcmp(a, b) == 0);
}

static bool
wanted(const struct imp *im, const struct kbo_acc *a, enum sd_kbo_skip *why)
{
	if (im->o->nforms > 0) {
		bool ok = false;
		for (size_t i = 0; i < im->o->nforms && !ok; i++)
			ok = strcmp(a->form, im->o->forms[i]) == 0;
		if (!ok) {
			*why = SD_KBO_SKIP_FORM;
			return false;
		}
	}
	if (im->o->nnace > 0 && !kbo_nace_match(a, im->o->nace, im->o->nnace)) {
		*why = SD_KBO_SKIP_NACE;
		return false;
	}
	return true;
}

/*
 * The id of a new enterprise: a UUID of version 7 (the time in
 * milliseconds, then a sequence and random bits), so the ids of one
 * import rise and the records and the index entries keyed by them are
 * appended rather than scattered over the tables' pages: at a million
 * enterprises that is most of the import's disk writes.  Still unique
 * (48 random bits per millisecond and sequence) and tells nothing of the
 * machine.
 */
static void
kbo_uuid(struct imp *im, uint8_t id[SD_UUID_LEN])
{
	struct timespec ts;
	uint64_t ms;

	clock_gettime(CLOCK_REALTIME, &ts);
	ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	if (ms <= im->uuid_ms)
		ms = im->uuid_ms;	/* the same millisecond: the sequence goes on */
	else
		im->uuid_seq = 0;
	im->uuid_ms = ms;
	uuid_generate_random(id);
	for (int i = 0; i < 6; i++)
		id[i] = (uint8_t)(ms >> (40 - 8 * i));
	/* 12 bits of sequence after the version nibble, then 2 more in byte 8. */
	id[6] = (uint8_t)(0x70 | ((im->uuid_seq >> 10) & 0x0F));
	id[7] = (uint8_t)(im->uuid_seq >> 2);
	id[8] = (uint8_t)(0x80 | ((im->uuid_seq & 0x03) << 4) | (id[8] & 0x0F));
	if (++im->uuid_seq == 1 << 14) {
		/* 16384 in one millisecond: take the next one. */
		im->uuid_ms++;
		im->uuid_seq = 0;
	}
}

/* A new enterprise: its record, indexes, search terms and "created" in the journal. */
static sd_status
add_new(struct sd_txn *t, struct imp *im, char *f[SD_EF_COUNT], struct sd_error *err)
{
	struct sd_enterprise e = { 0 };
	struct sd_journal_entry j = { 0 };
	sd_status s;

	memcpy(e.f, f, sizeof e.f);
	kbo_uuid(im, e.id);
	e.version = 1;
	e.created = e.updated = sd_desk_now(im->d);
	if ((s = ent_put(t, &e, err)) != SD_OK || (s = ent_index(t, &e, true, err)) != SD_OK)
		return s;
	j.at = e.created;
	j.actor = im->d->me->login;
	j.kind = (char *)"created";
	j.text = e.f[SD_EF_NAME];
	j.subject_kind = SD_SUBJECT_ENTERPRISE;
	memcpy(j.subject, e.id, SD_UUID_LEN);
	j.subject_len = SD_UUID_LEN;
	if ((s = sd_journal_append(t, &j, err)) != SD_OK)
		return s;
	return search_index_enterprise_new(t, &e, err);
}

/* Sets the fields KBO owns that differ, journaling each; *changed says whether any did. */
static sd_status
update_old(struct sd_txn *t, struct imp *im, const struct sd_enterprise *old,
    char *f[SD_EF_COUNT], bool dry, bool *changed, struct sd_error *err)
{
	struct sd_enterprise e;
	sd_status s = SD_OK;

	*changed = false;
	for (int k = 0; k < SD_EF_COUNT; k++)
		if (kbo_owned(k) && !str_eq(old->f[k], f[k]))
			*changed = true;
	if (!*changed || dry)
		return SD_OK;
	if ((s = ent_load(t, old->id, &e, err)) != SD_OK)
		return s;
	for (int k = 0; k < SD_EF_COUNT && s == SD_OK; k++) {
		if (!kbo_owned(k) || str_eq(old->f[k], f[k]))
			continue;
		s = journal_field(t, im->d, SD_SUBJECT_ENTERPRISE, old->id, SD_UUID_LEN,
		    sd_ent_field_name(k), old->f[k], f[k], err);
		free(e.f[k]);
		e.f[k] = f[k];
		f[k] = NULL;
	}
	e.version++;
	e.updated = sd_desk_now(im->d);
	if (s == SD_OK && (s = ent_index(t, old, false, err)) == SD_OK &&
	    (s = ent_index(t, &e, true, err)) == SD_OK && (s = ent_put(t, &e, err)) == SD_OK)
		s = search_index_enterprise(t, old, &e, err);
	sd_enterprise_free(&e);
	return s;
}

static sd_status
one(struct sd_txn *t, struct chunk *ch, struct kbo_acc *a, struct sd_error *err)
{
	struct imp *im = ch->im;
	struct kbo_build_ctx bc = { im->codes, im->update, im->snapshot };
	struct sd_enterprise old = { 0 };
	bool have_old = false, changed;
	char num[16], *f[SD_EF_COUNT];
	enum sd_kbo_skip why;
	MDB_val v;
	sd_status s;

	sd_kbo_number_format(a->number, false, num);
	s = sd_db_get(t, SD_DB_ENT_BY_NUMBER, num, strlen(num), &v, _("enterprise"), err);
	if (s == SD_OK && v.mv_size == SD_UUID_LEN) {
		if ((s = ent_load(t, v.mv_data, &old, err)) != SD_OK)
			return s;
		have_old = true;
	} else if (s != SD_OK && s != SD_NOTFOUND)
		return s;
	/* Gone from KBO: absent from the whole extract, or deleted by an update. */
	if ((!im->update && !a->seen) || (im->update && a->deleted && !a->seen)) {
		if (!have_old) {
			if (!im->update)
				ch->c[C_NOROW]++;
			return SD_OK;
		}
		if (old.f[SD_EF_CEASED] != NULL || im->ent_bad) {
			ch->c[C_UNCHANGED]++;
		} else {
			for (int k = 0; k < SD_EF_COUNT; k++)
				f[k] = kbo_owned(k) ? sd_xstrdup(old.f[k]) : NULL;
			free(f[SD_EF_CEASED]);
			f[SD_EF_CEASED] = sd_xstrdup(im->snapshot);
			s = update_old(t, im, &old, f, ch->dry, &changed, err);
			for (int k = 0; k < SD_EF_COUNT; k++)
				free(f[k]);
			ch->c[C_CEASED]++;
		}
		sd_enterprise_free(&old);
		return s;
	}
	/* An update that does not touch a registered enterprise leaves it alone. */
	if (im->update && have_old && a->touched == NULL) {
		ch->c[C_UNCHANGED]++;
		sd_enterprise_free(&old);
		return SD_OK;
	}
	if (!have_old && !wanted(im, a, &why)) {
		ch->c[why == SD_KBO_SKIP_NACE ? C_NACE : C_FORM]++;
		return SD_OK;
	}
	if (!kbo_build(&bc, a, have_old ? &old : NULL, f)) {
		if (!have_old) {
			ch->c[C_NONAME]++;
			sd_enterprise_free(&old);
			return SD_OK;
		}
		/* No name given by this delivery: the stored one stays (kbo_build keeps it). */
		ch->c[C_UNCHANGED]++;
		sd_enterprise_free(&old);
		return SD_OK;
	}
	if (!have_old) {
		s = ch->dry ? SD_OK : add_new(t, im, f, err);
		if (s == SD_OK)
			ch->c[C_ADDED]++;
	} else {
		s = update_old(t, im, &old, f, ch->dry, &changed, err);
		if (s == SD_OK) {
			if (changed)
				ch->c[C_UPDATED]++;
			else
				ch->c[C_UNCHANGED]++;
		}
	}
	for (int k = 0; k < SD_EF_COUNT; k++)
		free(f[k]);
	sd_enterprise_free(&old);
	return s;
}

/* One enterprise inside the bulk job's open chunk. */
static sd_status
bulk_one(struct sd_txn *t, void *arg, struct sd_error *err)
{
	struct chunk *ch = arg;

	return one(t, ch, ch->a, err);
}

static void
write_progress(struct imp *im, size_t i)
{
	heap_sample(im);
	if (im->o->progress != NULL && since(&im->last) >= 1.0) {
		clock_gettime(CLOCK_MONOTONIC, &im->last);
		im->o->progress(im->o->progress_arg, "write", i, i, im->kept.n);
	}
}

/*
 * Writes the gathered partition: through the bulk job (bulk.h), one row
 * per enterprise, the row being its number (the kept numbers rise), so a
 * rerun after a crash goes on after the last committed one even when the
 * register has grown meanwhile.  A dry run reads only.
 */
static sd_status
write_partition(struct imp *im, struct sd_bulk *b, struct sd_error *err)
{
	struct chunk ch = { .im = im, .dry = im->o->dry_run };
	sd_status s;

	/* A dry run: the same chunks as read transactions (bulk.h), writing nothing. */
	ch.c = b->pos.count;
	for (size_t i = im->lo; i < im->hi; i++) {
		/* Done by the run that stopped. */
		if (b->resumed && im->kept.v[i] <= b->resume.row)
			continue;
		ch.a = &im->acc[i - im->lo];
		if ((s = sd_bulk_row(b, bulk_one, &ch, im->kept.v[i], 0, err)) != SD_OK)
			return s;
		if ((i & 255) == 0)
			write_progress(im, i);
	}
	return SD_OK;
}

/* --- the whole -------------------------------------------------------------------------- */

static sd_status
read_meta(struct imp *im, enum sd_kbo_file kind, const char *suffix, bool deletes,
    const struct sd_kbo_row *row, struct sd_error *err);

static sd_status
meta_row(struct imp *im, enum sd_kbo_file kind, bool deletes, const struct sd_kbo_row *row,
    struct sd_error *err)
{
	return read_meta(im, kind, "", deletes, row, err);
}

static sd_status
read_meta(struct imp *im, enum sd_kbo_file kind, const char *suffix, bool deletes,
    const struct sd_kbo_row *row, struct sd_error *err)
{
	sd_day day;

	(void)kind;
	(void)suffix;
	(void)deletes;
	(void)err;
	if (strcmp(row->f[0], "SnapshotDate") == 0 && sd_kbo_date(row->f[1], &day)) {
		sd_day_format(day, im->snapshot);
		memcpy(im->rep->snapshot, im->snapshot, sizeof im->rep->snapshot);
	} else if (strcmp(row->f[0], "ExtractNumber") == 0)
		snprintf(im->rep->extract, sizeof im->rep->extract, "%s", row->f[1]);
	else if (strcmp(row->f[0], "ExtractType") == 0 && strcmp(row->f[1], "update") == 0 &&
	    !im->update)
		return sd_fail(err, SD_INVALID, _("%s: meta.csv says this is an update delivery, "
		    "but it has enterprise.csv, not enterprise_insert.csv."), im->dir);
	return SD_OK;
}

static sd_status
read_codes(struct imp *im, struct sd_error *err)
{
	char path[4096];
	struct sd_kbo_reader *r;
	size_t bad;
	uint64_t size;
	FILE *f;
	sd_status s;

	if ((s = open_file(im, SD_KBO_CODE, "", true, &f, &r, path, sizeof path, &size,
	    err)) != SD_OK)
		return s;
	s = sd_kbo_codes_read(r, &im->codes, &bad, err);
	sd_kbo_close(r);
	fclose(f);
	return s;
}

/*
 * The bulk job of this extract and these choices: a rerun of the same
 * (after a crash) resumes it, another extract or other filters do not.
 */
static sd_status
job_begin(struct imp *im, struct sd_bulk *b, struct sd_error *err)
{
	char path[4096], id[128], name[SD_BULK_NAME_MAX + 1];
	uint64_t h = 1469598103934665603ULL;
	FILE *f;
	sd_status s;

	/* The archive's identity, or the enterprise file's in a folder. */
	if (im->zip != NULL)
		snprintf(path, sizeof path, "%s", im->dir);
	else
		snprintf(path, sizeof path, "%s/enterprise%s.csv", im->dir,
		    im->update ? "_insert" : "");
	if ((s = sd_user_fopen(path, &f, err)) != SD_OK)
		return s;
	s = sd_bulk_file_identity(f, id, sizeof id, err);
	fclose(f);
	if (s != SD_OK)
		return s;
	for (size_t i = 0; i < 10000; i++)
		if (im->places[i])
			h = (h ^ i) * 1099511628211ULL;
	for (size_t i = 0; i < im->o->nnace; i++)
		for (const char *p = im->o->nace[i]; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	h = (h ^ '|') * 1099511628211ULL;
	for (size_t i = 0; i < im->o->nforms; i++)
		for (const char *p = im->o->forms[i]; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	snprintf(name, sizeof name, "import-kbo:%s:%016llx", id, (unsigned long long)h);
	return sd_bulk_begin(b, im->d->store, name, &(struct sd_bulk_limits){
	    .dry = im->o->dry_run, .max_heap = KBO_BULK_HEAP }, err);
}

static sd_status
kbo_import_try(struct sd_desk *d, const char *dir, const struct sd_kbo_options *o,
    struct sd_kbo_report *rep, int tries, struct sd_error *err)
{
	struct imp *im;
	struct sd_bulk b = { 0 };
	uint64_t *counts;
	struct stat st;
	bool retry = false;
	size_t part;
	sd_status s;

	memset(rep, 0, sizeof *rep);
	if ((s = sd_permit(d, SD_ACT_ENTERPRISE_WRITE, NULL, err)) != SD_OK)
		return s;
	/* What it is, asked with the caller's own rights (a setgid sedesk). */
	{
		int fd = sd_user_open(dir, O_RDONLY | O_NONBLOCK, 0);
		bool ok = fd >= 0 && fstat(fd, &st) == 0;
		if (fd >= 0)
			close(fd);
		if (!ok)
			memset(&st, 0, sizeof st);
	}
	if (!(S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)))
		return sd_fail(err, SD_INVALID, _("%s: neither a folder nor a ZIP file; give a KBO "
		    "open data extract (KboOpenData_…zip) or the folder it was unpacked in."), dir);
	im = sd_xmalloc(sizeof *im);
	memset(im, 0, sizeof *im);
	if (S_ISREG(st.st_mode) && (s = kbo_zip_open(dir, &im->zip, err)) != SD_OK) {
		free(im);
		return s;
	}
	im->d = d;
	im->dir = dir;
	im->o = o;
	im->rep = rep;
	im->first_part = true;
	clock_gettime(CLOCK_MONOTONIC, &im->t0);
	/* A second ago: the first progress line is drawn at once, then one a second. */
	im->last = im->t0;
	im->last.tv_sec -= 1;
	im->update = !src_has(im, "enterprise.csv") && src_has(im, "enterprise_insert.csv");
	rep->update = im->update;
	for (size_t i = 0; i < o->npostcodes; i++) {
		const char *p = o->postcodes[i];
		if (strlen(p) != 4 || strspn(p, "0123456789") != 4 || p[0] == '0') {
			s = sd_fail(err, SD_INVALID, _("postcode %s: a Belgian postcode has four "
			    "digits, e.g. 9000."), p);
			goto out;
		}
		im->places[atoi(p)] = true;
		im->any_place = true;
	}
	/* Today, when the extract does not say its day. */
	sd_day_format(sd_desk_today(d), im->snapshot);
	if ((s = each_row(im, SD_KBO_META, "", false, meta_row, err)) != SD_OK ||
	    (s = read_codes(im, err)) != SD_OK)
		goto out;
	/* A full delivery must have its enterprise file: its absence is no reason to cease all. */
	if (!im->update) {
		if (!src_has(im, "enterprise.csv")) {
			s = sd_fail(err, SD_INVALID, _("%s: the extract has neither enterprise.csv "
			    "(a full delivery) nor enterprise_insert.csv (an update); give the "
			    "folder of an unpacked KBO open data extract."), dir);
			goto out;
		}
	}
	if ((s = job_begin(im, &b, err)) != SD_OK)
		goto out;
	if ((s = pass_kept(im, err)) != SD_OK)
		goto out_job;
	rep->kept = im->kept.n;
	heap_sample(im);
	rep->resumed = b.resumed;
	/* The tests try small partitions (several passes) on small extracts. */
	part = PART_MAX;
	if (getenv("SEDESK_KBO_PARTITION") != NULL && atol(getenv("SEDESK_KBO_PARTITION")) > 0)
		part = (size_t)atol(getenv("SEDESK_KBO_PARTITION"));
	for (im->lo = 0; im->lo < im->kept.n; im->lo = im->hi) {
		im->hi = im->lo + part < im->kept.n ? im->lo + part : im->kept.n;
		/* A partition the stopped run wrote whole is not read again. */
		if (rep->resumed && im->kept.v[im->hi - 1] <= b.resume.row)
			continue;
		im->acc = sd_xrealloc(im->acc, (im->hi - im->lo + 1) * sizeof *im->acc);
		if ((s = gather(im, err)) != SD_OK)
			goto out_job;
		heap_sample(im);
		rep->partitions++;
		if ((s = write_partition(im, &b, err)) != SD_OK)
			goto out_job;
		/*
		 * The next partition's gathering reads the whole extract again
		 * (seconds): the open chunk commits first, or it would hold
		 * the writer all that time (7-9 s seen at 1.9M).
		 */
		if ((s = sd_bulk_commit(&b, err)) != SD_OK)
			goto out_job;
		kbo_arena_free(&im->arena);
		im->first_part = false;
	}
	if ((s = sd_bulk_finish(&b, err)) != SD_OK)
		goto out_job;
	counts = b.pos.count;
	rep->added = counts[C_ADDED];
	rep->updated = counts[C_UPDATED];
	rep->unchanged = counts[C_UNCHANGED];
	rep->ceased = counts[C_CEASED];
	rep->skipped[SD_KBO_SKIP_NACE] = counts[C_NACE];
	rep->skipped[SD_KBO_SKIP_FORM] = counts[C_FORM];
	rep->skipped[SD_KBO_SKIP_NONAME] = counts[C_NONAME];
	rep->skipped[SD_KBO_SKIP_NOROW] = counts[C_NOROW];
	rep->ceased_withheld = im->ent_bad;
	rep->rows = im->rows;
out_job:
	sd_bulk_abort(&b);
	if (s != SD_OK && !o->dry_run && sd_bulk_retry(&b))
		retry = true;
out:
	kbo_arena_free(&im->arena);
	free(im->acc);
	free(im->kept.v);
	free(im->reg.v);
	free(im->est.v);
	free(im->reg_est.v);
	sd_kbo_codes_free(im->codes);
	kbo_zip_close(im->zip);
	free(im);
	/* The map was full and has grown: the job goes on where it stopped. */
	if (retry && tries < 8) {
		sd_error_clear(err);
		return kbo_import_try(d, dir, o, rep, tries + 1, err);
	}
	return s;
}

sd_status
sd_kbo_import(struct sd_desk *d, const char *dir, const struct sd_kbo_options *o,
    struct sd_kbo_report *rep, struct sd_error *err)
{
	return kbo_import_try(d, dir, o, rep, 0, err);
}

/* --- municipalities -------------------------------------------------------------------- */

sd_status
sd_kbo_municipality_postcodes(const char *name, char ***out, size_t *n, struct sd_error *err)
{
	const struct kbo_postcode *pc;
	size_t npc = kbo_postcodes(&pc), found = 0;
	char *want = sd_fold(name);

	for (size_t i = 0; i < npc; i++) {
		char *nl = sd_fold(pc[i].nl), *fr = sd_fold(pc[i].fr);
		if (strcmp(nl, want) == 0 || strcmp(fr, want) == 0) {
			*out = sd_xrealloc(*out, (*n + 1) * sizeof **out);
			(*out)[(*n)++] = sd_xstrdup(pc[i].postcode);
			found++;
		}
		free(nl);
		free(fr);
	}
	free(want);
	if (found == 0)
		return sd_fail(err, SD_INVALID, _("--municipality %s: no Belgian municipality of "
		    "that name (Dutch or French, as since the mergers of 2025); or give its "
		    "postcodes with --postcode."), name);
	return SD_OK;
}
