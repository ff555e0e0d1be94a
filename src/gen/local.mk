# The test and demo lake generator: its own small binary. It links only
# the util layer (its encoders are its own, independent of the readers).
bin_PROGRAMS += paimon-lens-gen
paimon_lens_gen_SOURCES = \
	src/gen/gen_main.c \
	src/gen/gen_model.h \
	src/gen/gen_util.c src/gen/gen_util.h \
	src/gen/avro_writer.c src/gen/avro_writer.h \
	src/gen/orc_writer.c src/gen/orc_writer.h \
	src/gen/binrow_writer.c src/gen/binrow_writer.h \
	src/gen/json_writer.c src/gen/json_writer.h \
	src/gen/dv_writer.c src/gen/dv_writer.h \
	src/gen/manifest_writer.c \
	src/gen/meta_writer.c \
	src/gen/table_templates.c \
	src/gen/table_internal.h \
	src/gen/table_commit.c \
	src/gen/table_writer.c
paimon_lens_gen_CFLAGS = $(AM_CFLAGS) $(CJSON_CFLAGS) $(ZSTD_CFLAGS) $(ZLIB_CFLAGS)
paimon_lens_gen_LDADD = src/util/libplutil.a $(CJSON_LIBS) $(ZSTD_LIBS) $(ZLIB_LIBS)

# `make demo`: the bundled demo lake, deterministic (fixed seed and times).
DEMO_LAKE = $(abs_top_builddir)/demo-lake
demo: paimon-lens-gen$(EXEEXT)
	rm -rf $(DEMO_LAKE).tmp
	./paimon-lens-gen$(EXEEXT) --preset demo --seed 42 --quiet $(DEMO_LAKE).tmp
	rm -rf $(DEMO_LAKE)
	mv $(DEMO_LAKE).tmp $(DEMO_LAKE)
	@echo "demo lake written to $(DEMO_LAKE)"
.PHONY: demo
clean-local: clean-demo
clean-demo:
	rm -rf $(DEMO_LAKE) $(DEMO_LAKE).tmp
.PHONY: clean-demo
