/* Helpers for the Avro tests (test_avro, test_avro_real). */
#ifndef PL_TEST_AVRO_TESTLIB_H
#define PL_TEST_AVRO_TESTLIB_H

#include <stddef.h>
#include <stdint.h>

#include "paimon/records.h"
#include "paimon/value.h"
#include "util/err.h"

/* A growable byte buffer to write Avro files into. */
struct wbuf {
	uint8_t *d;
	size_t n, cap;
};

extern const uint8_t test_sync[16];

void put(struct wbuf *b, const void *p, size_t n);
void put_byte(struct wbuf *b, uint8_t c);
void put_long(struct wbuf *b, int64_t v);          /* zig-zag varint */
void put_blob(struct wbuf *b, const void *p, size_t n);
void put_str(struct wbuf *b, const char *s);
void put_float(struct wbuf *b, float f);
void put_double(struct wbuf *b, double d);
/* Magic, metadata (schema, codec unless NULL), test_sync. */
void put_header(struct wbuf *b, const char *schema, const char *codec);
void put_block(struct wbuf *b, int64_t count, const uint8_t *payload, size_t n);

struct rd {
	void *impl;
	const struct pl_record_reader_ops *ops;
};

int rd_open(struct rd *r, const struct wbuf *b, const char *name, struct pl_error *err);
int rd_next(struct rd *r, const struct pl_value **row, struct pl_error *err);
void rd_close(struct rd *r);
/* Reads every record; returns the count or -1. */
long read_all(const uint8_t *d, size_t n, const char *name, struct pl_error *err);

/* Every Avro type and schema shape in one record type, and two records
 * of it (test_avro.c checks their values). */
extern const char all_types_schema[];
void put_all_types_record1(struct wbuf *p);
void put_all_types_record2(struct wbuf *p);

int str_is(const struct pl_value *v, const char *s);
int64_t int_of(const struct pl_value *v);          /* -999999 when not an int */
const struct pl_value *F(const struct pl_value *rec, const char *name);
/* strstr that prints both strings on a miss. */
int contains(const char *hay, const char *needle);

#endif
