/*
 * Buying with social value: the municipality's opportunities (a purchase,
 * a project call, a subsidy, a concession) with their lots, reservation
 * for social-economy enterprises, social return (SROI) and CSR criteria;
 * the enterprises that fit one (matching), their invitations (a contact
 * moment each) and responses, the awards with their SROI obligations and
 * fulfilment, and the spend figures.
 *
 * Amounts are cents (sedesk/money.h).  An opportunity belongs to one
 * department: the contact point and administrators write every one, an
 * officer those of his own departments (the purchasing department's
 * officers record theirs); managers read all, officers their departments'.
 */
#ifndef SEDESK_OPPORTUNITY_H
#define SEDESK_OPPORTUNITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "date.h"
#include "desk.h"
#include "enterprise.h"
#include "journal_entry.h"

enum sd_opp_kind {
	SD_OPP_KIND_NONE = 0,
	SD_OPP_PURCHASE, SD_OPP_PROJECT_CALL, SD_OPP_SUBSIDY, SD_OPP_CONCESSION,
	SD_OPP_KIND_COUNT
};

enum sd_opp_status {
	SD_OPP_STATUS_NONE = 0,
	SD_OPP_OPEN, SD_OPP_CLOSED,
	SD_OPP_STATUS_COUNT
};

/* Stable names ("project-call", "closed") and translated labels; parse gives 0 when unknown. */
const char *sd_opp_kind_name(enum sd_opp_kind k);
const char *sd_opp_kind_label(enum sd_opp_kind k);
enum sd_opp_kind sd_opp_kind_parse(const char *s);
const char *sd_opp_status_name(enum sd_opp_status s);
const char *sd_opp_status_label(enum sd_opp_status s);

/*
 * The CSR criteria offered ([procurement] criteria, else built-in ones in
 * the spirit of the Flemish MVO scan): the i-th code with its label
 * (false past the end); a code's label (the code when unknown).
 */
bool	sd_opp_criterion(const struct sd_config *cfg, size_t i, const char **code,
	    const char **label);
const char *sd_opp_criterion_label(const struct sd_config *cfg, const char *code);

#define SD_OPP_LOTS_MAX	50

struct sd_opportunity {
	uint8_t		 id[SD_UUID_LEN];
	uint32_t	 version;
	char		*title;
	enum sd_opp_kind kind;
	char		*dept;		/* one department id */
	int64_t		 value;		/* cents: the estimated contract value */
	sd_day		 deadline;	/* answers by this day (SD_NO_DAY: none) */
	char		*procedure;	/* "negotiated", "open", … as the department names it */
	int		 reserved;	/* 1: the whole contract is reserved */
	char		*qualify;	/* comma-separated recognition codes; NULL: any recognition */
	int		 sroi;		/* percent of the value for social return (0: none) */
	char		*criteria;	/* comma-separated CSR criterion codes */
	char		*nace;		/* comma-separated NACE codes ("81.300") */
	char		*needs;		/* comma-separated words of what is bought */
	char		*description;
	enum sd_opp_status status;
	int64_t		 created, updated;
	char		*author;	/* who recorded it */
	char		*lots;		/* the lots in words, "1. Title 30000.00 reserved; 2. …" */
};

struct sd_opp_lot {
	uint8_t		 opp[SD_UUID_LEN];
	uint32_t	 no;		/* 1, 2, … */
	char		*title;
	int64_t		 value;		/* cents */
	int		 reserved;	/* 1: reserved (also when the whole contract is) */
};

/* An invitation: the contact moment (kind e-mail) recorded for one enterprise. */
struct sd_opp_invite {
	uint8_t		 opp[SD_UUID_LEN];
	uint8_t		 enterprise[SD_UUID_LEN];
	uint8_t		 moment[SD_UUID_LEN];
	int64_t		 at;
	char		*by;
};

/* An enterprise's answer: interest or a bid, on the whole (lot 0) or one lot. */
struct sd_opp_response {
	uint8_t		 opp[SD_UUID_LEN];
	uint8_t		 enterprise[SD_UUID_LEN];
	uint32_t	 lot;
	int64_t		 at;
	char		*text;
	char		*by;
};

/* An award of the whole (lot 0) or one lot, with its SROI obligation. */
struct sd_opp_award {
	uint8_t		 opp[SD_UUID_LEN];
	uint32_t	 lot;
	uint8_t		 enterprise[SD_UUID_LEN];	/* zero: outside the register */
	char		*name;		/* the contractor's name (as it was, or as given) */
	int64_t		 value;		/* cents */
	sd_day		 day;		/* the award's day */
	sd_day		 ends;		/* the contract's end (SD_NO_DAY: not given) */
	int		 social;	/* 1: a registered social enterprise (recognised) */
	int		 reserved;	/* 1: a reserved contract or lot */
	int64_t		 sroi_due;	/* cents of social return owed */
	int64_t		 sroi_spent;	/* cents reported so far */
	int64_t		 at;
	char		*by;
};

/* One report of SROI spent on an award. */
struct sd_opp_sroi {
	uint8_t		 opp[SD_UUID_LEN];
	uint32_t	 lot;
	uint32_t	 seq;
	int64_t		 spent;		/* cents */
	char		*text;
	int64_t		 at;
	char		*by;
};

void	sd_opportunity_free(struct sd_opportunity *o);
void	sd_opportunity_copy(struct sd_opportunity *dst, const struct sd_opportunity *src);
void	sd_opp_lot_free(struct sd_opp_lot *l);
void	sd_opp_award_free(struct sd_opp_award *a);
/* Whether an award's SROI obligation is open past the contract's end (on day today). */
bool	sd_opp_award_unfulfilled(const struct sd_opp_award *a, sd_day today);

/*
 * Input of add and edit: NULL not given ("" clears a text or list);
 * reserved, sroi -1: not given.  value: an amount as typed
 * (sd_money_parse); lots: "Title=AMOUNT" or "Title=AMOUNT;reserved" each
 * (edit: given, they replace the lots, while none is awarded).
 */
struct sd_opp_input {
	const char	*title;
	enum sd_opp_kind kind;		/* 0: not given */
	const char	*dept;
	const char	*value;
	const char	*deadline;	/* YYYY-MM-DD */
	const char	*procedure;
	int		 reserved;
	const char	*qualify;	/* comma-separated recognition codes */
	int		 sroi;
	const char	*criteria;	/* comma-separated codes */
	const char	*nace;		/* comma-separated codes */
	const char	*needs;		/* comma-separated words */
	const char	*description;
	const char *const *lots;
	size_t		 nlots;
	bool		 set_lots;	/* edit: lots given (0 of them: none) */
};

/* Adds an opportunity; id_out gets its id.  One write transaction. */
sd_status sd_opp_add(struct sd_desk *d, const struct sd_opp_input *in,
    uint8_t id_out[SD_UUID_LEN], struct sd_error *err);
sd_status sd_opp_edit(struct sd_desk *d, const char *ref, const struct sd_opp_input *in,
    uint32_t expect_version, struct sd_error *err);
/* Closes an open opportunity (no more responses; awards and SROI go on). */
sd_status sd_opp_close(struct sd_desk *d, const char *ref, uint32_t expect_version,
    struct sd_error *err);

/*
 * Invites enterprises (id or number): one contact moment of kind e-mail
 * each, held now, for the opportunity's department, linked to it; those
 * already invited are left (*added: how many were new).
 */
sd_status sd_opp_invite(struct sd_desk *d, const char *ref, const char *const *ents, size_t n,
    size_t *added, struct sd_error *err);
/* Records an enterprise's interest or bid (lot 0: the whole) while the opportunity is open. */
sd_status sd_opp_respond(struct sd_desk *d, const char *ref, const char *ent, unsigned lot,
    const char *text, struct sd_error *err);

/*
 * Awards the whole (lot 0) or a lot: to an enterprise of the register
 * (ent: id or number) or outside it (outside: its name; recorded as
 * regular spend).  value as typed; day NULL: today; ends NULL: not given.
 * A reserved lot goes only to an enterprise whose recognitions qualify
 * (refused with the reason).  With SROI the obligation is the percent of
 * the awarded value.
 */
struct sd_opp_award_input {
	unsigned	 lot;
	const char	*enterprise;
	const char	*outside;
	const char	*value;
	const char	*day;
	const char	*ends;
};
sd_status sd_opp_award(struct sd_desk *d, const char *ref, const struct sd_opp_award_input *in,
    struct sd_error *err);
/* Reports SROI spent on an award (lot 0: the whole). */
sd_status sd_opp_sroi_report(struct sd_desk *d, const char *ref, unsigned lot,
    const char *spent, const char *text, struct sd_error *err);

/* --- reading --------------------------------------------------------------------- */

struct sd_opp_party {
	uint8_t		 enterprise[SD_UUID_LEN];
	char		*name;
	char		*number;
};

struct sd_opp_view {
	struct sd_opportunity	 o;
	struct sd_opp_lot	*lots;
	size_t			 nlots;
	struct sd_opp_invite	*invites;
	struct sd_opp_party	*invited;	/* the same order: who */
	size_t			 ninvites;
	struct sd_opp_response	*responses;
	struct sd_opp_party	*responders;
	size_t			 nresponses;
	struct sd_opp_award	*awards;
	size_t			 nawards;
	struct sd_opp_sroi	*sroi;
	size_t			 nsroi;
	int			 days_left;	/* to the deadline (negative: past); INT32_MIN: none */
	struct sd_journal_entry	*journal;	/* oldest first */
	size_t			 njournal;
};
void	sd_opp_view_free(struct sd_opp_view *v);

/* An opportunity the caller may see (one they may not is "not found"). */
sd_status sd_opp_get(struct sd_desk *d, const char *ref, struct sd_opp_view *out,
    struct sd_error *err);

struct sd_opp_filter {
	bool		 open;		/* only open ones */
	const char	*dept;		/* only this department's */
};

struct sd_opp_rows {
	struct sd_opportunity *items;
	size_t		 n;
	bool		 more;
};
void	sd_opp_rows_free(struct sd_opp_rows *r);

/* The opportunities the caller may see by deadline (none last); at most limit. */
sd_status sd_opp_list(struct sd_desk *d, const struct sd_opp_filter *f, size_t limit,
    struct sd_opp_rows *out, struct sd_error *err);

/* Whether the caller may change opportunities at all (o NULL), and this one. */
bool	sd_opp_may_write(const struct sd_desk *d, const struct sd_opportunity *o);

/* --- matching ---------------------------------------------------------------------- */

struct sd_opp_match {
	uint8_t		 enterprise[SD_UUID_LEN];
	char		*name;
	char		*number;
	int		 score;
	bool		 qualifies;	/* its recognitions qualify for the reserved lots */
	char		*reasons;	/* in words: "NACE 81.300 …; offers groenonderhoud; …" */
};

struct sd_opp_matches {
	struct sd_opp_match *items;
	size_t		 n;
	size_t		 candidates;	/* enterprises the indexes found */
};
void	sd_opp_matches_free(struct sd_opp_matches *m);

/*
 * The register's enterprises ranked by fit: NACE codes (the code itself,
 * or its division), the opportunity's needs among their offers, their
 * recognitions (required when the whole contract is reserved), the
 * municipality ([procurement] municipality) and past awards.  It reads
 * the enterprises the NACE and offer-word indexes name, never the whole
 * register.  At most limit, best first.
 */
sd_status sd_opp_match(struct sd_desk *d, const char *ref, size_t limit,
    struct sd_opp_matches *out, struct sd_error *err);

/* --- spend --------------------------------------------------------------------------- */

/* The figures of one year and department (dept NULL in a total row). */
struct sd_spend_row {
	int		 year;
	char		*dept;
	size_t		 awards;
	int64_t		 total;		/* cents awarded */
	int64_t		 social;	/* cents to registered social enterprises */
	size_t		 reserved;	/* reserved contracts or lots awarded */
	int64_t		 sroi_due, sroi_spent;
	size_t		 sroi_open;	/* obligations not yet met */
	size_t		 sroi_unfulfilled;	/* not met when the contract ended */
};

struct sd_spend {
	struct sd_spend_row *rows;	/* by year, then department */
	size_t		 n;
};
void	sd_spend_free(struct sd_spend *s);

/*
 * Per year (of the award's day) and department: total awarded, the share
 * to social enterprises, reserved contracts used, SROI obligations and
 * their fulfilment.  year 0: every year.  What the caller may see (an
 * officer: his departments').
 */
sd_status sd_opp_spend(struct sd_desk *d, int year, struct sd_spend *out,
    struct sd_error *err);

#endif
