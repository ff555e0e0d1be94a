# Health checks (doc/health.md), appended to the collect library.
src_collect_libplcollect_a_SOURCES += \
	src/collect/health.c src/collect/health.h \
	src/collect/health_small_files.c src/collect/health_retention.c \
	src/collect/health_orphans.c src/collect/health_drift.c \
	src/collect/health_facet.c src/collect/health_facet.h
