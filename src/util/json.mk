# JSON reader (exact int64); owned by the metadata-readers work.
src_util_libplutil_a_SOURCES += src/util/json.h
src_util_libplutil_a_SOURCES += src/util/json.c
