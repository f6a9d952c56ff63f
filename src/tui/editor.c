/*
 * Long text in the user's editor, as mail clients do: leave curses, run
 * $VISUAL, $EDITOR or vi on a private temporary file, read it back.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "tui.h"

static const char *
editor_command(void)
{
	const char *e = getenv("VISUAL");

	if (e == NULL || *e == '\0')
		e = getenv("EDITOR");
	return e != NULL && *e != '\0' ? e : "vi";
}

/* Runs the editor on path in a child without the program's group privilege. */
static int
run_editor(const char *path)
{
	pid_t pid;
	int status;

	fflush(NULL);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		/* Whatever the user runs must not carry the sedesk group. */
		if (setgid(getgid()) != 0 || (getegid() != getgid()))
			_exit(126);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		/* The shell splits "$EDITOR" as users expect (e.g. "vim -u NONE"). */
		execl("/bin/sh", "sh", "-c", "exec $SEDESK_EDITOR \"$1\"", "sh", path, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *
tui_edit_text(struct tui *t, const char *initial)
{
	char path[] = "/tmp/sedesk-XXXXXX";
	struct sd_buf dir = { 0 };
	char *text = NULL;
	int fd, rc;
	FILE *f;

	if ((fd = mkstemp(path)) < 0) {
		tui_message(t, ROLE_ERROR, _("cannot make a temporary file: %s"), strerror(errno));
		return NULL;
	}
	if (initial != NULL && write(fd, initial, strlen(initial)) < 0) {
		close(fd);
		unlink(path);
		tui_message(t, ROLE_ERROR, _("cannot write a temporary file: %s"), strerror(errno));
		return NULL;
	}
	close(fd);
	setenv("SEDESK_EDITOR", editor_command(), 1);
	def_prog_mode();
	endwin();
	rc = run_editor(path);
	reset_prog_mode();
	refresh();
	if (rc != 0) {
		tui_message(t, ROLE_ERROR, _("the editor (%s) failed (status %d); nothing was saved."),
		    editor_command(), rc);
	} else if ((f = fopen(path, "r")) != NULL) {
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			sd_buf_add(&dir, chunk, n);
		fclose(f);
		text = sd_buf_take(&dir);
		/* Trailing newlines are the editor's, not the user's. */
		for (size_t len = strlen(text); len > 0 && (text[len - 1] == '\n' ||
		    text[len - 1] == '\r'); len--)
			text[len - 1] = '\0';
		if (*text == '\0') {
			free(text);
			text = NULL;
			tui_message(t, ROLE_NORMAL, _("the text is empty; nothing was saved."));
		}
	}
	unlink(path);
	sd_buf_free(&dir);
	return text;
}
