# CLI sources (appended to paimon_lens_SOURCES)
