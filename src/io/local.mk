noinst_LIBRARIES += src/io/libplio.a
src_io_libplio_a_SOURCES = \
	src/io/storage.c src/io/storage.h \
	src/io/storage_local.c \
	src/io/sign.h src/io/sign_util.c src/io/sign_aws.c src/io/sign_oss.c
src_io_libplio_a_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS) $(OPENSSL_CFLAGS) $(EXPAT_CFLAGS)
