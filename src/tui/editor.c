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
#include "sedesk/userfile.h"
#include "tui.h"

static const char *
editor_command(void)
{
	const char *e = getenv("VISUAL");

	if (e == NULL || *e == '\0')
		e = getenv("EDITOR");
	return e != NULL && *e != '\0' ? e : "vi";
}

pid_t
tui_spawn_shell(const char *script, const char *arg, int in_fd)
{
	pid_t pid;

	fflush(NULL);
	if ((pid = fork()) != 0)
		return pid;
	if (in_fd >= 0 && dup2(in_fd, 0) < 0)
		_exit(126);
	/* Whatever the user runs gets nothing of sedesk: no database, no group. */
	if (sd_child_prepare() != 0)
		_exit(126);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	execl("/bin/sh", "sh", "-c", script, "sh", arg, (char *)NULL);
	_exit(127);
}

int
tui_wait_child(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Runs the editor on path in a child without the program's group privilege. */
static int
run_editor(const char *path)
{
	/* The shell splits "$EDITOR" as users expect (e.g. "vim -u NONE"). */
	pid_t pid = tui_spawn_shell("exec $SEDESK_EDITOR \"$1\"", path, -1);

	return pid < 0 ? -1 : tui_wait_child(pid);
}

/*
 * Reads the editor's result back with the user's rights.  The path is
 * opened anew (editors that save by writing a new file and renaming it
 * must keep working), never through a symlink, and only a regular file
 * owned by the user is taken: otherwise the editor could make sedesk read
 * a file the user cannot.
 */
static char *
read_result(struct tui *t, const char *path)
{
	struct sd_buf b = { 0 };
	char chunk[4096];
	struct stat st;
	ssize_t n;
	int fd = sd_user_open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY, 0);

	if (fd < 0) {
		tui_message(t, ROLE_ERROR, _("cannot read the edited text: %s; nothing was saved."),
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != getuid()) {
		close(fd);
		tui_message(t, ROLE_ERROR, _("the edited text is no longer a file of yours; "
		    "nothing was saved."));
		return NULL;
	}
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			tui_message(t, ROLE_ERROR, _("cannot read the edited text: %s; "
			    "nothing was saved."), strerror(errno));
			close(fd);
			sd_buf_free(&b);
			return NULL;
		}
		sd_buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	/* As for --text-file: a NUL byte would cut the text short unseen. */
	if (b.data != NULL && memchr(b.data, '\0', b.len) != NULL) {
		tui_message(t, ROLE_ERROR, _("the edited text holds a NUL byte; nothing was saved."));
		sd_buf_free(&b);
		return NULL;
	}
	return sd_buf_take(&b);
}

/* Cuts text at the first line that is the marker: the trailer goes. */
static void
drop_trailer(char *text, const char *marker)
{
	size_t mlen = strlen(marker);

	for (char *line = text; line != NULL && *line != '\0'; ) {
		char *nl = strchr(line, '\n');
		size_t len = nl != NULL ? (size_t)(nl - line) : strlen(line);

		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (len == mlen && memcmp(line, marker, mlen) == 0) {
			*line = '\0';
			return;
		}
		line = nl != NULL ? nl + 1 : NULL;
	}
}

char *
tui_edit_text(struct tui *t, const char *initial)
{
	return tui_edit_text_trailer(t, initial, NULL, NULL);
}

char *
tui_edit_text_trailer(struct tui *t, const char *initial, const char *marker,
    const char *trailer)
{
	char path[] = "/tmp/sedesk-XXXXXX";
	struct sd_buf content = { 0 };
	char *text = NULL;
	int fd, rc;

	/* Made with the user's own group, so the editor owns it as any file of theirs. */
	if ((fd = sd_user_mkstemp(path)) < 0) {
		tui_message(t, ROLE_ERROR, _("cannot make a temporary file: %s"), strerror(errno));
		return NULL;
	}
	if (initial != NULL)
		sd_buf_adds(&content, initial);
	/* Room to write above the marker, as mail clients leave above a quote. */
	if (marker != NULL)
		sd_buf_addf(&content, "%s\n\n%s\n%s", initial != NULL ? "\n" : "", marker,
		    trailer != NULL ? trailer : "");
	if (content.len > 0 && write(fd, content.data, content.len) < 0) {
		sd_buf_free(&content);
		close(fd);
		unlink(path);
		tui_message(t, ROLE_ERROR, _("cannot write a temporary file: %s"), strerror(errno));
		return NULL;
	}
	sd_buf_free(&content);
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
	} else if ((text = read_result(t, path)) != NULL) {
		if (marker != NULL)
			drop_trailer(text, marker);
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
	return text;
}
