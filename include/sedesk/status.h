/*
 * Status codes and the error record every core function fills.
 *
 * Core functions return an sd_status; on failure they also write a
 * translated, user-facing message into the caller's struct sd_error.  The
 * numeric values are the CLI's exit codes, so a front end can pass them on.
 */
#ifndef SEDESK_STATUS_H
#define SEDESK_STATUS_H

typedef enum sd_status {
	SD_OK = 0,		/* success */
	SD_FAIL = 1,		/* failure of the system or the store */
	SD_INVALID = 2,		/* bad usage or invalid input */
	SD_NOTFOUND = 3,	/* no such record (or not visible to you) */
	SD_DENIED = 4,		/* your role does not permit this */
	SD_CONFLICT = 5,	/* the record changed since you read it */
	SD_BUSY = 6,		/* another user's write holds the database: try again */
} sd_status;

struct sd_error {
	sd_status	code;
	/*
	 * The record field the error is about, by its stable (untranslated)
	 * name as in the field tables and JSON ("name", "number", "subject"),
	 * or "" when it is about no one field: forms put the message beside
	 * that field without reading the translated text.
	 */
	char		field[32];
	char		msg[1024];
};

/* Records code and a printf-style message in err (err may be NULL); returns code. */
sd_status sd_fail(struct sd_error *err, sd_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* As sd_fail, and names the field the error is about. */
sd_status sd_fail_field(struct sd_error *err, sd_status code, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Clears err to SD_OK with an empty message. */
void sd_error_clear(struct sd_error *err);

#endif
