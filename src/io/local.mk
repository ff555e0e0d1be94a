noinst_LIBRARIES += src/io/libplio.a
src_io_libplio_a_SOURCES = \
	src/io/storage.c src/io/storage.h \
	src/io/storage_local.c
src_io_libplio_a_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS) $(OPENSSL_CFLAGS) $(EXPAT_CFLAGS)
