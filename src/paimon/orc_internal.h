/* Shared state of the ORC reader's two halves: orc_reader.c (file tail,
 * type tree, row assembly) and orc_column.c (stripe loading and column
 * decoding). Not for use outside src/paimon/orc_*.c. */
#ifndef PL_PAIMON_ORC_INTERNAL_H
#define PL_PAIMON_ORC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "paimon/codec.h"
#include "paimon/orc_proto.h"
#include "paimon/records.h"
#include "util/arena.h"
#include "util/err.h"

/* Stream kinds PRESENT..SECONDARY are the ones that carry column data. */
#define PL_ORC_NSTREAMS 6

struct pl_orc_stream_ref {
	int found;
	uint64_t offset, length;      /* compressed, in the file */
	struct pl_bytes buf;          /* decompressed; reused across stripes */
	const uint8_t *p;             /* decompressed bytes (buf or the file) */
	size_t n;
};

/* One column of the type tree and its decoded values for the current
 * stripe. Values exist only for slots whose PRESENT bit is set, and a
 * column has one slot per value of its parent (per list element for
 * list/map children). */
struct pl_orc_col {
	uint32_t id;
	uint32_t parent;               /* UINT32_MAX for the root */
	const char *label;             /* dotted field path for messages */
	const struct pl_orc_type *type;
	const struct pl_rtype *rtype;

	struct pl_orc_stream_ref streams[PL_ORC_NSTREAMS];
	uint64_t encoding, dictionary_size;
	size_t nslots;
	const uint8_t *present;        /* NULL: every slot present */
	size_t nvalues;
	int64_t *ints;                 /* ints, bools, days, millis, lengths, dict indexes */
	double *dbls;
	const uint8_t *bytes;          /* string/binary bytes or dictionary entries */
	uint64_t *offs;                /* value (or dictionary entry) k is offs[k]..offs[k+1] */
	int dict;
	size_t slot, val;              /* row assembly cursors */

	/* Columns nobody reads are not decoded (their streams are never
	 * decompressed) and read as null: skip comes from skip_fields,
	 * unselected from select; skipped is their union for the current
	 * stripe, fixed when the stripe is loaded. */
	int skip, unselected, skipped;
	int sel_null;                  /* selected reading: this row's value is null */
};

/* How a selected column's value is read in the current stripe, worked out
 * once per stripe instead of once per row. */
enum pl_orc_sel_mode { PL_ORC_SEL_NULL, PL_ORC_SEL_INT, PL_ORC_SEL_BOOL, PL_ORC_SEL_DOUBLE,
		       PL_ORC_SEL_BYTES, PL_ORC_SEL_DICT, PL_ORC_SEL_TREE };
struct pl_orc_sel_leaf {
	struct pl_orc_col *c;
	enum pl_orc_sel_mode mode;
	enum pl_vkind vkind;
};

struct pl_orc_reader {
	const uint8_t *data;
	size_t len;
	char *name;
	uint64_t compression;          /* enum pl_orc_compression */
	enum pl_codec codec;
	uint64_t block_size;
	size_t content_end;            /* stripes lie in [3, content_end) */
	struct pl_orc_footer footer;
	struct pl_arena meta;          /* footer, rtypes, labels */
	size_t ncols;
	struct pl_orc_col *cols;
	struct pl_bytes scratch, footer_buf, stripe_footer_buf;

	/* the current stripe */
	size_t next_stripe;
	uint64_t stripe_offset;
	size_t stripe_rows, row;
	struct pl_arena stripe_arena;  /* value arrays, stripe footer */
	struct pl_arena row_arena;

	/* selected reading (pl_record_reader_select) */
	int selecting;
	size_t nsel;
	struct pl_orc_col **sel_cols;  /* per path: its column, or NULL */
	struct pl_orc_sel_leaf *sel_leaves;   /* per path, for the current stripe */
	size_t nsel_order;
	uint32_t *sel_order;           /* the structs on the paths, in id order */
	int sel_plain;                 /* this stripe: no struct on a path can be null */

	int failed;
	struct pl_error saved_err;
};

/* Decompresses [offset, offset+length) of the file with ORC's chunk framing
 * (none when the file is uncompressed) into buf, refusing more than max_out
 * bytes; *out may point into the file itself. what names the region. */
int pl_orc_decompress(struct pl_orc_reader *r, uint64_t offset, uint64_t length,
		      size_t max_out, struct pl_bytes *buf, const uint8_t **out, size_t *out_len,
		      const char *what, struct pl_error *err);
/* Validates a StripeInformation against the file (at open). */
int pl_orc_check_stripe(struct pl_orc_reader *r, size_t index, struct pl_error *err);
/* Reads stripe index's footer and decodes all its columns. */
int pl_orc_load_stripe(struct pl_orc_reader *r, size_t index, struct pl_error *err);

#endif
