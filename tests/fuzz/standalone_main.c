/* Runs the fuzz targets without libFuzzer, so their code is built and run
 * by `make check` and cannot rot:
 *   fuzz_standalone TARGET FILE...   runs TARGET over each file
 * Prints one TAP line per file; an input that crashes a reader crashes this
 * program, which the test runner reports. */

#include "fuzz.h"

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

int main(int argc, char **argv)
{
	int (*fn)(const uint8_t *, size_t) = NULL;
	size_t i;
	int n = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s TARGET FILE...\n", argv[0]);
		return 2;
	}
	for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
		if (strcmp(argv[1], targets[i].name) == 0)
			fn = targets[i].fn;
	if (!fn) {
		fprintf(stderr, "%s: unknown target %s\n", argv[0], argv[1]);
		return 2;
	}
	for (int a = 2; a < argc; a++) {
		size_t len;
		uint8_t *data = pl_test_slurp(argv[a], &len);
		if (!data) {
			printf("not ok %d - %s: cannot read %s\n", ++n, argv[1], argv[a]);
			continue;
		}
		fn(data, len);
		free(data);
		printf("ok %d - %s survives %s\n", ++n, argv[1], argv[a]);
	}
	printf("1..%d\n", n);
	return 0;
}
