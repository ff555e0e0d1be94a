noinst_LIBRARIES += src/util/libplutil.a
src_util_libplutil_a_SOURCES = \
	src/util/alloc.c src/util/alloc.h \
	src/util/arena.c src/util/arena.h \
	src/util/err.c src/util/err.h \
	src/util/json_safe.c src/util/json_safe.h \
	src/util/sanitize.c src/util/sanitize.h \
	src/util/strbuf.c src/util/strbuf.h
include src/util/json.mk
