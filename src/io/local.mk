noinst_LIBRARIES += src/io/libplio.a
src_io_libplio_a_SOURCES = \
	src/io/storage.c src/io/storage.h \
	src/io/storage_local.c \
	src/io/storage_args.c \
	src/io/sign.h src/io/sign_util.c src/io/sign_aws.c src/io/sign_oss.c \
	src/io/xml_list.c src/io/xml_list.h \
	src/io/http.c src/io/http.h \
	src/io/ini.c src/io/ini.h \
	src/io/credentials.c src/io/credentials.h \
	src/io/cache.c src/io/cache.h \
	src/io/s3.h src/io/s3_client.c src/io/storage_s3.c \
	src/io/sources.c src/io/sources.h \
	src/io/connection_test.c src/io/connection_test.h
src_io_libplio_a_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS) $(OPENSSL_CFLAGS) $(EXPAT_CFLAGS)
