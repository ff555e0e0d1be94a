# orc sources (appended to src_paimon_libplpaimon_a_SOURCES)
src_paimon_libplpaimon_a_SOURCES += \
	src/paimon/orc_proto.c src/paimon/orc_proto.h \
	src/paimon/orc_rle.c src/paimon/orc_rle.h \
	src/paimon/orc_reader.c src/paimon/orc_column.c src/paimon/orc_internal.h
