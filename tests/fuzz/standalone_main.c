/* Runs the fuzz targets without libFuzzer, so their code is built and run
 * by `make check` and cannot rot:
 *   fuzz_standalone TARGET FILE...   runs TARGET over each file
 *   fuzz_standalone                  every target over its hand-made seeds
 *                                    in $top_srcdir/tests/fuzz/seeds
 * Prints one TAP line per file; an input that crashes a reader crashes this
 * program, which the test runner reports. */

#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/test.h"

int pl_fuzz_avro(const uint8_t *data, size_t size);
int pl_fuzz_orc(const uint8_t *data, size_t size);
int pl_fuzz_manifest(const uint8_t *data, size_t size);
int pl_fuzz_binrow(const uint8_t *data, size_t size);
int pl_fuzz_types(const uint8_t *data, size_t size);
int pl_fuzz_json(const uint8_t *data, size_t size);
int pl_fuzz_schema(const uint8_t *data, size_t size);
int pl_fuzz_snapshot(const uint8_t *data, size_t size);
int pl_fuzz_dv(const uint8_t *data, size_t size);
int pl_fuzz_xml(const uint8_t *data, size_t size);

static const struct {
	const char *name;
	int (*fn)(const uint8_t *data, size_t size);
} targets[] = {
	{ "avro", pl_fuzz_avro },
	{ "orc", pl_fuzz_orc },
	{ "manifest", pl_fuzz_manifest },
	{ "binrow", pl_fuzz_binrow },
	{ "types", pl_fuzz_types },
	{ "json", pl_fuzz_json },
	{ "schema", pl_fuzz_schema },
	{ "snapshot", pl_fuzz_snapshot },
	{ "dv", pl_fuzz_dv },
	{ "xml", pl_fuzz_xml },
};

static int n_tap;

static void run_file(const char *target, int (*fn)(const uint8_t *, size_t), const char *path)
{
	size_t len;
	uint8_t *data = pl_test_slurp(path, &len);

	if (!data) {
		printf("not ok %d - %s: cannot read %s\n", ++n_tap, target, path);
		return;
	}
	fn(data, len);
	free(data);
	printf("ok %d - %s survives %s\n", ++n_tap, target, path);
}

/* The test runner starts check programs without arguments. */
static int run_seed_dirs(void)
{
	const char *top = getenv("top_srcdir");
	char dir[4096], path[8192];

	for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		snprintf(dir, sizeof(dir), "%s/tests/fuzz/seeds/%s", top ? top : ".",
			 targets[i].name);
		DIR *d = opendir(dir);
		struct dirent *e;
		if (!d)
			continue;
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			run_file(targets[i].name, targets[i].fn, path);
		}
		closedir(d);
	}
	if (n_tap == 0)
		printf("ok 1 - seeds # SKIP no seed folder under %s\n", top ? top : ".");
	printf("1..%d\n", n_tap ? n_tap : 1);
	return 0;
}

int main(int argc, char **argv)
{
	int (*fn)(const uint8_t *, size_t) = NULL;
	size_t i;

	if (argc < 2)
		return run_seed_dirs();
	for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
		if (strcmp(argv[1], targets[i].name) == 0)
			fn = targets[i].fn;
	if (!fn) {
		fprintf(stderr, "%s: unknown target %s\n", argv[0], argv[1]);
		return 2;
	}
	for (int a = 2; a < argc; a++)
		run_file(argv[1], fn, argv[a]);
	printf("1..%d\n", n_tap);
	return 0;
}
