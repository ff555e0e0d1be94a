# avro unit tests (check_PROGRAMS += ...)
