# S3 integration tests
