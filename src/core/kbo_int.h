/*
 * Shared by the KBO import's files (kbo_*.c); not for front ends.
 */
#ifndef SEDESK_KBO_INT_H
#define SEDESK_KBO_INT_H

#include <stddef.h>

struct kbo_postcode {
	const char	*postcode, *nis, *nl, *fr;
};
/* The compiled-in list (kbo_postcodes.c, from share/kbo/be-postcodes.csv). */
size_t	kbo_postcodes(const struct kbo_postcode **out);


/* --- the import's working set (kbo_import.c reads, kbo_build.c maps) ----------------- */

#include <stdbool.h>
#include <stdint.h>

#include "sedesk/enterprise.h"
#include "sedesk/kbo.h"

/* Numbers from 2.000.000.000 up are establishments'; below, enterprises'. */
#define KBO_EST_MIN	2000000000ULL

/* Strings of one partition live in an arena, freed at once. */
struct kbo_arena {
	struct kbo_block *head;
	size_t	 bytes;		/* allocated, for the memory budget */
};
void	*kbo_alloc(struct kbo_arena *a, size_t n);
char	*kbo_strdup(struct kbo_arena *a, const char *s);
void	 kbo_arena_free(struct kbo_arena *a);

struct kbo_den {
	struct kbo_den	*next;
	uint64_t	 entity;
	char		 lang, type[4];
	char		*name;
};
struct kbo_adr {
	struct kbo_adr	*next;
	uint64_t	 entity;
	char		 type[5];
	/* The row's columns packed in one string each ended by NUL: KBO_ADR(a, col). */
	uint16_t	 off[SD_KBO_MAX_COLUMNS];
	char		*buf;
};
#define KBO_ADR(a, col)	((a)->buf + (a)->off[col])
struct kbo_con {
	struct kbo_con	*next;
	uint64_t	 entity;
	char		 type[6];
	char		*value;
};
struct kbo_act {
	struct kbo_act	*next;
	uint32_t	 code;		/* 5 (or 7) digits as a number */
	uint8_t		 digits;
	uint16_t	 version;
	bool		 main;
	char		 cls[5];
};
/* An update: an entity whose rows of a file were replaced (deleted, maybe inserted). */
struct kbo_touch {
	struct kbo_touch *next;
	uint64_t	 entity;
	enum sd_kbo_file file;
};

/* One kept enterprise, as the files of the extract describe it. */
struct kbo_acc {
	uint64_t	 number;
	bool		 seen;		/* a row in enterprise.csv (update: _insert) */
	bool		 deleted;	/* update: in enterprise_delete.csv */
	char		 type[2], situation[4], form[4];
	sd_day		 start;
	bool		 has_start;
	struct kbo_den	*dens;
	struct kbo_adr	*adrs;
	struct kbo_con	*cons;
	struct kbo_act	*acts;
	struct kbo_touch *touched;
	bool		 in_place;	/* seat or establishment in the chosen places */
};

struct kbo_build_ctx {
	const struct sd_kbo_codes *codes;
	bool		 update;	/* merge into the stored lines */
	const char	*snapshot;	/* yyyy-mm-dd of the extract, for "ceased" */
};

/*
 * The KBO fields of a record from acc: into out[] (malloc'd, NULL for
 * empty) for every field KBO owns (kbo_owned), over old (NULL: a new
 * enterprise; an update delivery keeps old's lines of entities it does
 * not touch).  False when acc has no name (a new one cannot be added).
 */
bool	kbo_build(const struct kbo_build_ctx *c, const struct kbo_acc *acc,
	    const struct sd_enterprise *old, char *out[SD_EF_COUNT]);
/* Whether the import owns field f (it may overwrite it on an update). */
bool	kbo_owned(enum sd_ent_field f);
/* Whether acc has an activity code that starts with one of the prefixes (digits only). */
bool	kbo_nace_match(const struct kbo_acc *acc, const char *const *prefixes, size_t n);

/* The extract as a ZIP file (kbo_zip.c): each CSV a stream, by its name. */
#include <stdio.h>
#include "sedesk/status.h"
struct kbo_zip;
sd_status kbo_zip_open(const char *path, struct kbo_zip **out, struct sd_error *err);
bool	kbo_zip_has(struct kbo_zip *z, const char *name);
sd_status kbo_zip_fopen(struct kbo_zip *z, const char *name, FILE **f, uint64_t *size,
	    struct sd_error *err);
void	kbo_zip_close(struct kbo_zip *z);

#endif
