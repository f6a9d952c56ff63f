/*
 * The one frame of every write action on a stored record (an edit of an
 * enterprise, each action on a case): the permission is asked first, then
 * in one write transaction the record is loaded, its version checked, the
 * action applied, the field changes journaled, the record saved and its
 * indexes and search entries moved.
 *
 * What differs between record types is a struct rec_kind; what differs
 * between actions is a struct rec_action, whose flags are the properties
 * the frame asks about (not which function the action is).
 */
#ifndef SEDESK_CORE_ACTION_H
#define SEDESK_CORE_ACTION_H

#include <stdbool.h>
#include <stdint.h>

#include "sedesk/desk.h"
#include "record.h"
#include "store.h"

struct rec_op;

/* An action: its permission and properties (the apply is the record type's). */
struct rec_action {
	enum sd_action	 permit;	/* asked before the transaction */
	unsigned	 flags;
};
/*
 * The action sets fields: every field the table marks SD_FF_JOURNAL that
 * changed is journaled with its old and new value; when none changed,
 * nothing is journaled or saved.
 */
#define RA_EDITS	0x01
/* The action may take words away: the search entry is rebuilt, not extended. */
#define RA_REWRITES	0x02

/* A record type as the frame handles it. */
struct rec_kind {
	const struct sd_record_def *def;
	uint8_t		 subject_kind;	/* of its journal entries */
	/* Loads the record op->ref names (as the caller may see it). */
	sd_status	(*load)(struct rec_op *op, struct sd_txn *t, void *rec,
			    struct sd_error *err);
	/* Fails with SD_CONFLICT: rec moved on from op->expect. */
	sd_status	(*conflict)(struct rec_op *op, const void *rec, struct sd_error *err);
	/* The key of rec's journal subject; returns its length. */
	size_t		(*subject)(const void *rec, uint8_t key[16]);
	/* Runs the action on rec (a copy of the loaded record). */
	sd_status	(*apply)(struct rec_op *op, struct sd_txn *t, void *rec,
			    struct sd_error *err);
	/* After apply and the field journal, before the save (NULL: nothing). */
	sd_status	(*settle)(struct rec_op *op, struct sd_txn *t, const void *old, void *rec,
			    struct sd_error *err);
	/*
	 * Writes rec over old with their index and search entries; since is
	 * the journal's last entry before the action.
	 */
	sd_status	(*save)(struct rec_op *op, struct sd_txn *t, const void *old,
			    const void *rec, uint64_t since, struct sd_error *err);
	/* Frees what apply loaded, at the end of each attempt (NULL: nothing). */
	void		(*done)(struct rec_op *op);
};

struct rec_op {
	struct sd_desk		*d;
	const struct rec_kind	*kind;
	const struct rec_action	*action;
	const char		*ref;		/* the record: id, number */
	uint32_t		 expect;	/* the version read; 0: any */
	const char		*dept;		/* the permission's department, or NULL */
	bool			 unchanged;	/* set by an apply that changed nothing */
};

/* Runs op's action in the frame. */
sd_status rec_op_run(struct rec_op *op, struct sd_error *err);
/* The same inside write transaction t, which the caller commits. */
sd_status rec_op_run_in(struct rec_op *op, struct sd_txn *t, struct sd_error *err);

#endif
