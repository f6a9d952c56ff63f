/*
 * Chunks of a long job (see chunk.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "chunk.h"
#include "sedesk/date.h"

static size_t
env_number(const char *name)
{
	const char *v = getenv(name);
	char *end;
	unsigned long long n;

	if (v == NULL || *v == '\0')
		return 0;
	errno = 0;
	n = strtoull(v, &end, 10);
	return errno != 0 || *end != '\0' ? 0 : (size_t)n;
}

unsigned
sd_chunk_ms(unsigned ms)
{
	size_t n = env_number("SEDESK_CHUNK_MS");

	return n > 0 && n <= 3600000 ? (unsigned)n : ms;
}

void
sd_chunk_start(struct sd_chunk *ch, unsigned ms)
{
	ch->until = sd_monotonic_ms() + sd_chunk_ms(ms);
	ch->rows = 0;
	ch->max_rows = sd_chunk_env_rows();
}

size_t
sd_chunk_env_rows(void)
{
	size_t n = env_number("SEDESK_CHUNK_ROWS");

	return n == 0 ? SIZE_MAX : n;
}

void
sd_chunk_pause(void)
{
	size_t pause = env_number("SEDESK_CHUNK_PAUSE_MS");
	struct timespec ts = { .tv_sec = (time_t)(pause / 1000),
	    .tv_nsec = (long)(pause % 1000) * 1000000 };

	if (pause == 0)
		return;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

bool
sd_chunk_full(struct sd_chunk *ch)
{
	if (ch->rows > 0 && (ch->rows >= ch->max_rows || sd_monotonic_ms() >= ch->until))
		return true;
	ch->rows++;
	return false;
}

sd_status
sd_chunk_write(struct sd_store *st, bool first, sd_write_fn action, void *arg,
    struct sd_error *err)
{
	unsigned limit = st->rate_limit;
	sd_status s;

	if (!first) {
		sd_chunk_pause();
		sd_store_yield(st);
		st->rate_limit = 0;
	}
	{
		int64_t t0 = sd_monotonic_ms();
		s = sd_store_write(st, action, arg, err);
		if (getenv("SEDESK_CHUNK_TRACE") != NULL)
			fprintf(stderr, "chunk: writer held %lld ms\n",
			    (long long)(sd_monotonic_ms() - t0));
	}
	st->rate_limit = limit;
	return s;
}

void
sd_chunk_shed(MDB_env *env)
{
	struct stat sb;
	mdb_filehandle_t fd;
	FILE *f;
	char line[512];

	if (env == NULL || mdb_env_get_fd(env, &fd) != 0 || fstat(fd, &sb) != 0)
		return;
	/*
	 * LMDB does not say where its map is (mdb_env_info's me_mapaddr is
	 * the fixed address asked for with MDB_FIXEDMAP, else NULL): the
	 * mapping of the data file's inode.  Callers that ask often ask
	 * sd_chunk_mapped_over first.
	 */
	if ((f = fopen("/proc/self/maps", "re")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		uintptr_t lo, hi;
		unsigned long long ino;
		unsigned int major, minor;
		char perms[8];
		if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " %7s %*s %x:%x %llu", &lo, &hi, perms,
		    &major, &minor, &ino) != 6 || ino != (unsigned long long)sb.st_ino ||
		    makedev(major, minor) != sb.st_dev)
			continue;
		/* Only a read-only shared map: its pages come back from the file. */
		if (perms[0] == 'r' && perms[1] == '-' && perms[3] == 's')
			(void)madvise((void *)lo, hi - lo, MADV_DONTNEED);
	}
	fclose(f);
}

void
sd_chunk_memory(size_t *file, size_t *anon)
{
	/*
	 * Kept open: a check asks after every record, and an fopen costs six
	 * times a pread.  Opened again in a forked child, whose "self" differs.
	 */
	static int fd = -1;
	static pid_t owner;
	unsigned long size, resident = 0, shared = 0;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	char buf[128];
	ssize_t n;

	*file = *anon = 0;
	if (fd >= 0 && owner != getpid()) {
		close(fd);
		fd = -1;
	}
	if (fd < 0) {
		if ((fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)) < 0)
			return;
		owner = getpid();
	}
	/* statm: resident pages, and those of them backed by a file (RssFile + RssShmem). */
	if ((n = pread(fd, buf, sizeof buf - 1, 0)) <= 0)
		return;
	buf[n] = '\0';
	if (sscanf(buf, "%lu %lu %lu", &size, &resident, &shared) == 3 && resident >= shared) {
		*file = shared * page;
		*anon = (resident - shared) * page;
	}
}

bool
sd_chunk_mapped_over(size_t bytes)
{
	size_t file, anon;

	sd_chunk_memory(&file, &anon);
	return file > bytes;
}

void
sd_chunk_trace(const char *fmt, ...)
{
	static int64_t t0;
	char line[256];
	long anon = -1, file = -1;
	FILE *f;
	va_list ap;

	if (getenv("SEDESK_CHUNK_TRACE") == NULL)
		return;
	if (t0 == 0)
		t0 = sd_monotonic_ms();
	if ((f = fopen("/proc/self/status", "re")) != NULL) {
		while (fgets(line, sizeof line, f) != NULL) {
			sscanf(line, "RssAnon: %ld", &anon);
			sscanf(line, "RssFile: %ld", &file);
		}
		fclose(f);
	}
	fprintf(stderr, "trace: %7.1f s RssAnon %ld MiB RssFile %ld MiB: ",
	    (double)(sd_monotonic_ms() - t0) / 1000.0, anon / 1024, file / 1024);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
