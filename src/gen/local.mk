# The test and demo lake generator: its own small binary.
