/* The few protobuf messages of an ORC file tail and stripe footers that a
 * reader needs (field numbers from ORC's orc_proto.proto). Everything else
 * (statistics, encryption, bloom filters) is skipped. Decoded messages live
 * in the caller's arena. */
#ifndef PL_PAIMON_ORC_PROTO_H
#define PL_PAIMON_ORC_PROTO_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/err.h"

enum pl_orc_compression {
	PL_ORC_NONE = 0,
	PL_ORC_ZLIB = 1,
	PL_ORC_SNAPPY = 2,
	PL_ORC_LZO = 3,
	PL_ORC_LZ4 = 4,
	PL_ORC_ZSTD = 5,
};

enum pl_orc_type_kind {
	PL_ORC_BOOLEAN = 0,
	PL_ORC_BYTE = 1,
	PL_ORC_SHORT = 2,
	PL_ORC_INT = 3,
	PL_ORC_LONG = 4,
	PL_ORC_FLOAT = 5,
	PL_ORC_DOUBLE = 6,
	PL_ORC_STRING = 7,
	PL_ORC_BINARY = 8,
	PL_ORC_TIMESTAMP = 9,
	PL_ORC_LIST = 10,
	PL_ORC_MAP = 11,
	PL_ORC_STRUCT = 12,
	PL_ORC_UNION = 13,
	PL_ORC_DECIMAL = 14,
	PL_ORC_DATE = 15,
	PL_ORC_VARCHAR = 16,
	PL_ORC_CHAR = 17,
	PL_ORC_TIMESTAMP_INSTANT = 18,
};

enum pl_orc_stream_kind {
	PL_ORC_PRESENT = 0,
	PL_ORC_DATA = 1,
	PL_ORC_LENGTH = 2,
	PL_ORC_DICTIONARY_DATA = 3,
	PL_ORC_DICTIONARY_COUNT = 4,
	PL_ORC_SECONDARY = 5,
	PL_ORC_ROW_INDEX = 6,
	PL_ORC_BLOOM_FILTER = 7,
	PL_ORC_BLOOM_FILTER_UTF8 = 8,
};

enum pl_orc_encoding_kind {
	PL_ORC_DIRECT = 0,
	PL_ORC_DICTIONARY = 1,
	PL_ORC_DIRECT_V2 = 2,
	PL_ORC_DICTIONARY_V2 = 3,
};

struct pl_orc_postscript {
	uint64_t footer_length;
	uint64_t compression;         /* enum pl_orc_compression, unchecked */
	uint64_t block_size;          /* 0 when absent (ORC's default is 256 KiB) */
	uint64_t metadata_length;
	uint64_t writer_version;
	uint32_t version[2];          /* major, minor; 0 when absent */
	int has_magic;                /* field 8000 equals "ORC" */
};

struct pl_orc_stripe_info {
	uint64_t offset, index_length, data_length, footer_length, rows;
};

struct pl_orc_type {
	uint64_t kind;                /* enum pl_orc_type_kind, unchecked */
	size_t nsubtypes;
	uint32_t *subtypes;           /* child column ids */
	size_t nnames;
	const char **names;           /* struct field names, NUL-terminated copies */
	uint64_t max_length, precision, scale;
};

struct pl_orc_footer {
	uint64_t header_length, content_length, rows, row_index_stride;
	size_t nstripes;
	struct pl_orc_stripe_info *stripes;
	size_t ntypes;
	struct pl_orc_type *types;
	const char *software_version;  /* NULL when absent */
};

struct pl_orc_stream {
	uint64_t kind;                /* enum pl_orc_stream_kind, unchecked */
	uint64_t column;
	uint64_t length;
};

struct pl_orc_encoding {
	uint64_t kind;                /* enum pl_orc_encoding_kind, unchecked */
	uint64_t dictionary_size;
};

struct pl_orc_stripe_footer {
	size_t nstreams;
	struct pl_orc_stream *streams;
	size_t nencodings;
	struct pl_orc_encoding *encodings;
	const char *writer_timezone;   /* NULL when absent */
};

/* Each parser reads one whole message from buf[0..len). file and offset
 * (the message's file offset, or of its compressed form) go into errors. */
int pl_orc_parse_postscript(const uint8_t *buf, size_t len, struct pl_orc_postscript *out,
			    const char *file, uint64_t offset, struct pl_error *err);
int pl_orc_parse_footer(const uint8_t *buf, size_t len, struct pl_arena *arena,
			struct pl_orc_footer *out, const char *file, uint64_t offset,
			struct pl_error *err);
int pl_orc_parse_stripe_footer(const uint8_t *buf, size_t len, struct pl_arena *arena,
			       struct pl_orc_stripe_footer *out, const char *file,
			       uint64_t offset, struct pl_error *err);

const char *pl_orc_compression_name(uint64_t kind);
const char *pl_orc_type_kind_name(uint64_t kind);
const char *pl_orc_stream_kind_name(uint64_t kind);

#endif
