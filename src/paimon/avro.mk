# avro sources (appended to src_paimon_libplpaimon_a_SOURCES)
src_paimon_libplpaimon_a_SOURCES += src/paimon/codec.c src/paimon/codec.h
src_paimon_libplpaimon_a_SOURCES += src/paimon/avro.c src/paimon/avro_value.c src/paimon/avro_select.c \
	src/paimon/avro_blocks.c \
	src/paimon/avro_internal.h \
	src/paimon/avro_schema.c src/paimon/avro_schema.h
