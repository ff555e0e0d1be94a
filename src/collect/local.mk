# The collect layer: governance records built from the paimon readers.
noinst_LIBRARIES += src/collect/libplcollect.a
src_collect_libplcollect_a_CFLAGS = $(AM_CFLAGS) $(CJSON_CFLAGS)
src_collect_libplcollect_a_SOURCES = \
	src/collect/record.c src/collect/record.h \
	src/collect/table_meta.c src/collect/table_meta.h \
	src/collect/facets.h src/collect/facets_std.c src/collect/facets_metrics.c \
	src/collect/facets_table.c src/collect/facets_state.c \
	src/collect/export.c src/collect/export.h \
	src/collect/collect.c src/collect/collect.h \
	src/collect/map.h src/collect/map_common.c src/collect/map_datahub.c \
	src/collect/map_openmetadata.c
PL_COLLECT_LIBS = src/collect/libplcollect.a
include src/collect/health.mk
