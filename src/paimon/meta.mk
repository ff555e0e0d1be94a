# meta sources (appended to src_paimon_libplpaimon_a_SOURCES)
src_paimon_libplpaimon_a_SOURCES += src/paimon/types.c src/paimon/types.h \
	src/paimon/types_parse.c
src_paimon_libplpaimon_a_SOURCES += src/paimon/schema.c src/paimon/schema.h \
	src/paimon/schema_diff.c
src_paimon_libplpaimon_a_SOURCES += src/paimon/meta_json.c src/paimon/meta_json.h \
	src/paimon/meta_dir.c src/paimon/meta_dir.h \
	src/paimon/snapshot.c src/paimon/snapshot.h
src_paimon_libplpaimon_a_SOURCES += src/paimon/tag.c src/paimon/tag.h \
	src/paimon/branch.c src/paimon/branch.h \
	src/paimon/consumer.c src/paimon/consumer.h \
	src/paimon/statistics.c src/paimon/statistics.h
src_paimon_libplpaimon_a_SOURCES += src/paimon/options.c src/paimon/options.h \
	src/paimon/catalog.c src/paimon/catalog.h
src_paimon_libplpaimon_a_SOURCES += src/paimon/table.c src/paimon/table.h
