# meta unit tests (check_PROGRAMS += ...)
