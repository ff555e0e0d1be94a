# systables sources (appended to src_paimon_libplpaimon_a_SOURCES)
