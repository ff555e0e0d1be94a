# manifest sources (appended to src_paimon_libplpaimon_a_SOURCES)
src_paimon_libplpaimon_a_SOURCES += \
	src/paimon/binrow.c src/paimon/binrow.h \
	src/paimon/manifest.c src/paimon/manifest_entry.c src/paimon/manifest.h \
	src/paimon/dv.c src/paimon/dv.h \
	src/paimon/fileset.c src/paimon/fileset.h \
	src/paimon/fileset_live.c src/paimon/fileset_names.h \
	src/paimon/fileset_paths.c
# snapshot -> fileset source, schema -> path layout (collect owns it)
src_paimon_libplpaimon_a_SOURCES += src/paimon/fileset_source.c src/paimon/fileset_source.h
