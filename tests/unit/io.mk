# io unit tests
