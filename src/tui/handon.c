/*
 * Text for reading and handing on: wrapping at the window's width, piping
 * to a command of the user's (mutt's `|`) and saving to a file (mutt's
 * `s`).  What runs or is written gets the user's rights, not sedesk's.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "sedesk/i18n.h"
#include "sedesk/text.h"
#include "sedesk/userfile.h"
#include "tui.h"

static void
add_line(char ***lines, size_t *n, const char *p, size_t len)
{
	*lines = sd_xrealloc(*lines, (*n + 1) * sizeof **lines);
	(*lines)[(*n)++] = sd_xstrndup(p, len);
}

/* Greedy wrapping of one line (no newline in it) by display width. */
static void
wrap_line(const char *p, size_t len, int width, char ***lines, size_t *n)
{
	size_t start = 0, i = 0, last_space = 0;
	bool have_space = false;
	int col = 0, col_at_space = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p + i,
		    (utf8proc_ssize_t)(len - i), &cp);
		int w;

		if (k <= 0) {
			k = 1;
			cp = '?';
		}
		w = utf8proc_charwidth(cp);
		if (w < 0)
			w = 1;
		if (cp == ' ') {
			last_space = i;
			col_at_space = col;
			have_space = true;
		}
		if (col + w > width && i > start) {
			if (have_space && last_space > start) {
				/* Break at the last space; the space itself goes. */
				add_line(lines, n, p + start, last_space - start);
				start = last_space + 1;
				col -= col_at_space + 1;
			} else {
				add_line(lines, n, p + start, i - start);
				start = i;
				col = 0;
			}
			have_space = false;
			continue;	/* this character again, on the new line */
		}
		col += w;
		i += (size_t)k;
	}
	add_line(lines, n, p + start, len - start);
}

char **
tui_wrap(const char *s, int width, size_t *n)
{
	char *v = sd_visible(s != NULL ? s : "", true);
	char **lines = NULL;
	const char *p = v;

	*n = 0;
	if (width < 1)
		width = 1;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		wrap_line(p, len, width, &lines, n);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	free(v);
	return lines;
}

void
tui_wrap_free(char **lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* Writes all of text to fd; a reader that stops early is no error. */
static void
write_all(int fd, const char *text)
{
	size_t len = strlen(text), off = 0;

	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		off += (size_t)w;
	}
}

void
tui_pipe_text(struct tui *t, const char *text)
{
	static char *last;
	char *cmd = tui_prompt(t, _("Pipe to command"), last != NULL ? last : "");
	void (*old_pipe)(int);
	int fds[2], status = -1, c;
	pid_t pid;

	if (cmd == NULL)
		return;
	if (*sd_trim(cmd) == '\0') {
		free(cmd);
		return;
	}
	free(last);
	last = sd_xstrdup(cmd);
	if (pipe(fds) != 0) {
		tui_message(t, ROLE_ERROR, _("cannot run the command: %s"), strerror(errno));
		free(cmd);
		return;
	}
	def_prog_mode();
	endwin();
	fflush(NULL);
	/* A command that reads only part of the text must not end sedesk. */
	old_pipe = signal(SIGPIPE, SIG_IGN);
	pid = tui_spawn_shell(cmd, NULL, fds[0]);
	close(fds[0]);
	if (pid > 0) {
		write_all(fds[1], text);
		close(fds[1]);
		status = tui_wait_child(pid);
	} else {
		close(fds[1]);
	}
	signal(SIGPIPE, old_pipe);
	/* As mutt does: the command's output stays until the user has read it. */
	printf("\n%s", _("Press Enter to return to sedesk."));
	fflush(stdout);
	while ((c = getchar()) != EOF && c != '\n' && c != '\r')
		;
	clearerr(stdin);
	reset_prog_mode();
	refresh();
	if (pid < 0)
		tui_message(t, ROLE_ERROR, _("cannot run the command: %s"), strerror(errno));
	else if (status == 0)
		tui_message(t, ROLE_GOOD, _("piped to %s."), cmd);
	else
		tui_message(t, ROLE_ERROR, _("the command %s failed (status %d)."), cmd, status);
	free(cmd);
}

void
tui_save_text(struct tui *t, const char *text)
{
	char *path = tui_prompt(t, _("Save to file"), "");
	char q[600];
	int fd;

	if (path == NULL)
		return;
	if (*sd_trim(path) == '\0') {
		free(path);
		return;
	}
	/*
	 * Opened as the user: sedesk's group gives no right to write anywhere,
	 * and the file gets the caller's umask, not the program's (007).
	 */
	fd = sd_user_open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY,
	    0666 & ~sd_caller_umask());
	if (fd < 0 && errno == EEXIST) {
		snprintf(q, sizeof q, _("%s exists. Overwrite it?"), path);
		if (!tui_confirm(t, q)) {
			tui_message(t, ROLE_NORMAL, _("not saved."));
			free(path);
			return;
		}
		fd = sd_user_open(path, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_NOCTTY, 0);
	}
	if (fd < 0) {
		tui_message(t, ROLE_ERROR, _("cannot write %s: %s; nothing was saved."), path,
		    strerror(errno));
		free(path);
		return;
	}
	{
		size_t len = strlen(text), off = 0;
		ssize_t w = 0;

		while (off < len && ((w = write(fd, text + off, len - off)) > 0 ||
		    (w < 0 && errno == EINTR)))
			off += w > 0 ? (size_t)w : 0;
		if (close(fd) != 0 || off < len)
			tui_message(t, ROLE_ERROR, _("cannot write %s: %s"), path, strerror(errno));
		else
			tui_message(t, ROLE_GOOD, _("saved to %s."), path);
	}
	free(path);
}
