# meta sources (appended to src_paimon_libplpaimon_a_SOURCES)
src_paimon_libplpaimon_a_SOURCES += src/paimon/types.c src/paimon/types.h \
	src/paimon/types_parse.c
src_paimon_libplpaimon_a_SOURCES += src/paimon/schema.c src/paimon/schema.h \
	src/paimon/schema_diff.c
