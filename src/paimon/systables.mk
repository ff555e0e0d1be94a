# systables sources (appended to src_paimon_libplpaimon_a_SOURCES)
src_paimon_libplpaimon_a_SOURCES += \
	src/paimon/rowset.c src/paimon/rowset.h \
	src/paimon/systables.c src/paimon/systables.h src/paimon/systables_internal.h \
	src/paimon/systables_json.c src/paimon/systables_history.c \
	src/paimon/systables_files.c src/paimon/systables_parts.c \
	src/paimon/systables_overview.c \
	src/paimon/snapshot_files.c src/paimon/snapshot_files.h
