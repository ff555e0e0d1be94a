# generator tests
