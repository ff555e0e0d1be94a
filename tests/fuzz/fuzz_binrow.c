/* libFuzzer target: BinaryRow decoding and rendering. Rows are not
 * self-describing, so the input starts with the column types:
 *   byte 0: number of columns - 1 (mod 8)
 *   one byte per column: index into type_strings (mod its size)
 *   the rest: the serialized row, arity prefix included. */
#include "fuzz.h"

#include <stdlib.h>

#include "paimon/binrow.h"
#include "paimon/types.h"
#include "util/arena.h"
#include "util/strbuf.h"

static const char *const type_strings[] = {
	"BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT", "FLOAT", "DOUBLE",
	"DECIMAL(10, 2)", "DECIMAL(38, 18)", "DECIMAL(18, 0)", "DATE", "TIME",
	"TIME(3)", "TIMESTAMP(3)", "TIMESTAMP(6)", "TIMESTAMP(9)",
	"TIMESTAMP(3) WITH LOCAL TIME ZONE", "TIMESTAMP(0)", "CHAR(3)", "VARCHAR(10)",
	"STRING", "BINARY(4)", "BYTES", "ARRAY<INT>", "MAP<STRING, INT>",
	"ROW<`a` INT>", "VARIANT",
};
#define NTYPES (sizeof(type_strings) / sizeof(type_strings[0]))
#define MAX_COLS 8

PL_FUZZ_TARGET(binrow)
{
	struct pl_arena arena;
	struct pl_error err;
	struct pl_binrow row;
	const struct pl_dtype *types[MAX_COLS];
	struct pl_stats_column cols[MAX_COLS];
	size_t ncols, i, idx[MAX_COLS];
	struct pl_strbuf sb = PL_STRBUF_INIT;

	if (size < 1)
		return 0;
	ncols = (size_t)(data[0] % MAX_COLS) + 1;
	if (size < 1 + ncols)
		return 0;
	pl_arena_init(&arena, 0);
	for (i = 0; i < ncols; i++) {
		struct pl_dtype *t;
		if (pl_dtype_parse(type_strings[data[1 + i] % NTYPES], &arena, &t, &err))
			abort();
		types[i] = t;
		cols[i].name = type_strings[data[1 + i] % NTYPES];
		cols[i].type = t;
		cols[i].field = (int32_t)i;
	}
	data += 1 + ncols;
	size -= 1 + ncols;
	if (pl_binrow_open(data, size, "fuzz", 0, &row, &err) == 0) {
		for (i = 0; i < ncols; i++) {
			struct pl_datum d;
			(void)pl_binrow_is_null(&row, (int32_t)i);
			if (pl_binrow_get(&row, (int32_t)i, types[i], &d, &err) == 0) {
				pl_datum_render(&d, types[i], PL_RENDER_CAST, &sb);
				pl_datum_render(&d, types[i], PL_RENDER_OBJECT, &sb);
			}
		}
		(void)pl_binrow_render_cast_row(&row, types, ncols, &sb, &err);
		(void)pl_binrow_render_list(&row, types, ncols, &sb, &err);
		(void)pl_binrow_render_map(&row, cols, ncols, &sb, &err);
		pl_stats_columns_sorted(cols, ncols, idx);
	}
	pl_strbuf_free(&sb);
	pl_arena_free(&arena);
	return 0;
}
