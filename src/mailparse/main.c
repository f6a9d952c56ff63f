/*
 * sedesk-mailparse: reads one raw message on standard input and prints its
 * description (mailparse.h) as one JSON object on standard output.  sedesk
 * mailgate runs it as a child without the group and without any
 * descriptor of the database (sd_child_prepare), with the configured
 * limits:
 *
 *   sedesk-mailparse [--message-max N] [--attachment-max N] [--text-max N]
 *
 * Exits 0 when it printed a description (one with "error" too), 64 for a
 * wrong call, 74 when standard input or output fails.  It stops itself
 * after 20 seconds of CPU or 30 of wall clock and may use 2 GiB of address
 * space: no message makes it hang or take the machine's memory.
 */
#include <sys/resource.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gmime/gmime.h>

#include "mailparse.h"

#define EX_USAGE	64
#define EX_IOERR	74

static int
size_arg(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || s[0] == '-' || v > (1ull << 40))
		return -1;
	*out = (size_t)v;
	return 0;
}

int
main(int argc, char **argv)
{
	struct mp_limits lim;
	struct rlimit cpu = { 20, 21 };
	/* Address space: a message of message_max, its tree and its parts, with room. */
	struct rlimit as = { (rlim_t)2 << 30, (rlim_t)2 << 30 };
	char *buf;
	size_t n = 0, cap;
	ssize_t r;
	json_t *desc;

	mp_limits_default(&lim);
	for (int i = 1; i < argc; i++) {
		size_t *dst = NULL;
		if (strcmp(argv[i], "--message-max") == 0)
			dst = &lim.message_max;
		else if (strcmp(argv[i], "--attachment-max") == 0)
			dst = &lim.attachment_max;
		else if (strcmp(argv[i], "--text-max") == 0)
			dst = &lim.text_max;
		if (dst == NULL || i + 1 >= argc || size_arg(argv[++i], dst) != 0) {
			fprintf(stderr, "usage: sedesk-mailparse [--message-max N] "
			    "[--attachment-max N] [--text-max N] < MESSAGE\n");
			return EX_USAGE;
		}
	}
	lim.attachments_max = 2 * lim.attachment_max;
	setrlimit(RLIMIT_CPU, &cpu);
	setrlimit(RLIMIT_AS, &as);
	alarm(30);

	/* One byte beyond the limit tells a message too large from one that fits. */
	cap = lim.message_max + 1;
	if ((buf = malloc(cap > 0 ? cap : 1)) == NULL)
		return EX_IOERR;
	while (n < cap) {
		r = read(STDIN_FILENO, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "sedesk-mailparse: reading the message: %s\n",
			    strerror(errno));
			return EX_IOERR;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	g_mime_init();
	desc = mp_parse(buf, n, &lim);
	free(buf);
	if (json_dumpf(desc, stdout, JSON_COMPACT) != 0 || putchar('\n') == EOF ||
	    fflush(stdout) != 0) {
		fprintf(stderr, "sedesk-mailparse: writing the description failed\n");
		return EX_IOERR;
	}
	json_decref(desc);
	g_mime_shutdown();
	return 0;
}
