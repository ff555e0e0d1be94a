/* Shared body of the Avro and ORC targets. Every value of every row is
 * visited so a reader that hands out a dangling or short value is caught
 * by ASan here rather than in the browser. */
#include "fuzz.h"
#include "fuzz_records.h"

#include <stdio.h>
#include <string.h>

#include "paimon/records.h"

static uint64_t touch(const struct pl_value *v, int depth)
{
	uint64_t h = 0;
	size_t i;
	if (!v || depth > 100)
		return 0;
	switch (v->kind) {
	case PL_VK_STRING:
	case PL_VK_BYTES:
		for (i = 0; i < v->u.bytes.n; i++)
			h += v->u.bytes.p[i];
		break;
	case PL_VK_ARRAY:
	case PL_VK_MAP:
		for (i = 0; i < v->u.array.n; i++)
			h += touch(&v->u.array.items[i], depth + 1);
		break;
	case PL_VK_RECORD:
		for (i = 0; i < v->u.record.type->nfields; i++)
			h += touch(&v->u.record.fields[i], depth + 1);
		break;
	case PL_VK_INT:
	case PL_VK_TIMESTAMP_MS:
		h += (uint64_t)v->u.i;
		break;
	default:
		break;
	}
	return h;
}

static volatile uint64_t sink;

#define MAX_SELECTED 64

/* Selected reading over the same file: some fields of the root and some
 * of its records (the rest stepped over), so the compiled skip steps see
 * every shape the fuzzer builds. */
static void read_selected(const uint8_t *data, size_t size)
{
	struct pl_record_reader *r = NULL;
	struct pl_error err;
	char names[MAX_SELECTED][128];
	const char *paths[MAX_SELECTED];
	struct pl_value vals[MAX_SELECTED];
	size_t n = 0, rows = 0;

	if (pl_record_reader_open(data, size, "fuzz", &r, &err))
		return;
	const struct pl_rtype *t = pl_record_reader_type(r);
	for (size_t i = 0; t && t->kind == PL_VK_RECORD && i < t->nfields && n < MAX_SELECTED; i++) {
		const struct pl_rtype *ft = t->fields[i].type;
		if (ft && ft->kind == PL_VK_RECORD && i % 2 == 0) {
			for (size_t j = 1; j < ft->nfields && n < MAX_SELECTED; j += 2) {
				snprintf(names[n], sizeof(names[n]), "%s/%s", t->fields[i].name,
					 ft->fields[j].name);
				paths[n] = names[n];
				n++;
			}
		} else if (i % 3 != 1) {
			snprintf(names[n], sizeof(names[n]), "%s", t->fields[i].name);
			paths[n] = names[n];
			n++;
		}
	}
	if (pl_record_reader_select(r, paths, n, &err) == 0)
		while (rows++ < PL_FUZZ_MAX_ROWS && pl_record_reader_next_selected(r, vals, &err) == 1)
			for (size_t k = 0; k < n; k++)
				sink += touch(&vals[k], 0);
	pl_record_reader_close(r);
}

int pl_fuzz_records(const uint8_t *data, size_t size, const char *magic)
{
	struct pl_record_reader *r = NULL;
	struct pl_error err;
	const struct pl_value *row;
	size_t rows = 0;

	if (size < strlen(magic) || memcmp(data, magic, strlen(magic)) != 0)
		return -1;
	if (pl_record_reader_open(data, size, "fuzz", &r, &err))
		return 0;
	(void)pl_record_reader_type(r);
	(void)pl_record_reader_codec(r);
	while (rows++ < PL_FUZZ_MAX_ROWS && pl_record_reader_next(r, &row, &err) == 1)
		sink += touch(row, 0);
	pl_record_reader_close(r);
	read_selected(data, size);
	return 0;
}
