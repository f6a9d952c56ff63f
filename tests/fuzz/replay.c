/*
 * Replays saved inputs through a fuzz target without libFuzzer, so that
 * `make check` can run the seed corpus and every input that once crashed
 * (tests/fuzz/regress/) under the regular compiler and its sanitizers.
 *
 *   replay-TARGET FILE|DIR…
 *
 * Feeds each file (a directory: each regular file in it, in name order)
 * to LLVMFuzzerTestOneInput, naming it on stderr first so that a crash
 * says which input it was.  Exits 0 when every input ran; a crash or a
 * sanitizer report ends the process with its own status.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static int
run_file(const char *path)
{
	FILE *fp;
	uint8_t *data = NULL;
	size_t size = 0, cap = 0, n;

	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	do {
		if (size == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((data = realloc(data, cap)) == NULL) {
				perror("replay");
				exit(1);
			}
		}
		n = fread(data + size, 1, cap - size, fp);
		size += n;
	} while (n > 0);
	if (ferror(fp)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		fclose(fp);
		free(data);
		return -1;
	}
	fclose(fp);
	fprintf(stderr, "replay: %s (%zu bytes)\n", path, size);
	/* Exactly size bytes, as libFuzzer hands them over. */
	{
		uint8_t *exact = malloc(size > 0 ? size : 1);
		if (exact == NULL) {
			perror("replay");
			exit(1);
		}
		if (size > 0)
			memcpy(exact, data, size);
		free(data);
		LLVMFuzzerTestOneInput(exact, size);
		free(exact);
	}
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
run_dir(const char *dir, size_t *count)
{
	DIR *dp;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	int rc = 0;

	if ((dp = opendir(dir)) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((names = realloc(names, (n + 1) * sizeof *names)) == NULL ||
		    (names[n] = malloc(strlen(dir) + strlen(de->d_name) + 2)) == NULL) {
			perror("replay");
			exit(1);
		}
		sprintf(names[n++], "%s/%s", dir, de->d_name);
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
			if (run_file(names[i]) != 0)
				rc = -1;
			else
				(*count)++;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char **argv)
{
	size_t count = 0;
	int rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (run_dir(argv[i], &count) != 0)
				rc = 1;
		} else if (run_file(argv[i]) != 0)
			rc = 1;
		else
			count++;
	}
	fprintf(stderr, "replay: %zu input%s ran\n", count, count == 1 ? "" : "s");
	return rc;
}
