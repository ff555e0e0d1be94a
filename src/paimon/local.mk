noinst_LIBRARIES += src/paimon/libplpaimon.a
src_paimon_libplpaimon_a_CFLAGS = $(AM_CFLAGS) $(ZSTD_CFLAGS) $(ZLIB_CFLAGS) $(LZ4_CFLAGS)
src_paimon_libplpaimon_a_SOURCES = \
	src/paimon/value.c src/paimon/value.h \
	src/paimon/records.c src/paimon/records.h
# One fragment per area so parallel work does not collide.
include src/paimon/avro.mk
include src/paimon/orc.mk
include src/paimon/meta.mk
include src/paimon/manifest.mk
include src/paimon/systables.mk

# Link order for anything that uses the library layers (no curses).
PL_CORE_LIBS = src/paimon/libplpaimon.a src/io/libplio.a src/util/libplutil.a
PL_CORE_LDADD = $(PL_CORE_LIBS) $(CJSON_LIBS) $(ZSTD_LIBS) $(ZLIB_LIBS) $(SNAPPY_LIBS) \
	$(LZ4_LIBS) $(CURL_LIBS) $(OPENSSL_LIBS) $(EXPAT_LIBS) $(PTHREAD_LIBS) $(MATH_LIBS)
