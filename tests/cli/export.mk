# governance export and collection shell tests
SHELL_TESTS += tests/cli/export_fixtures.sh tests/cli/export_cases.sh tests/cli/export_collect.sh \
	tests/cli/export_health.sh
EXTRA_DIST += tests/cli/export_fixtures.sh tests/cli/export_cases.sh tests/cli/export_collect.sh \
	tests/cli/export_health.sh \
	doc/governance.md \
	doc/spec/facets/PaimonLensTableDatasetFacet.json \
	doc/spec/facets/PaimonLensSchemaHistoryDatasetFacet.json \
	doc/spec/facets/PaimonLensPartitionsDatasetFacet.json \
	doc/spec/facets/PaimonLensSnapshotsDatasetFacet.json \
	doc/spec/facets/PaimonLensRefsDatasetFacet.json \
	doc/spec/facets/PaimonLensLifecycleDatasetFacet.json \
	doc/spec/facets/PaimonLensStorageDatasetFacet.json \
	doc/spec/facets/PaimonLensViewDatasetFacet.json \
	doc/spec/facets/PaimonLensErrorDatasetFacet.json
