/* The DataHub and OpenMetadata mappings over events that lack facets or
 * carry members of the wrong type: they map what is there and never crash. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "collect/map.h"
#include "test.h"

static const char *const hostile[] = {
	"{}",
	"[]",
	"{\"dataset\":null}",
	"{\"dataset\":{\"facets\":[]}}",
	"{\"dataset\":{\"facets\":{\"symlinks\":{\"identifiers\":[{\"name\":7}]}}}}",
	"{\"dataset\":{\"facets\":{\"hierarchy\":{\"hierarchy\":[1,2,3]}}}}",
	"{\"dataset\":{\"facets\":{\"symlinks\":{\"identifiers\":[{\"name\":\"d.t\"}]},"
	"\"hierarchy\":{\"hierarchy\":[{\"name\":\"c\"},{\"name\":\"d\"},{\"name\":\"t\"}]},"
	"\"schema\":{\"fields\":[{\"name\":1},{\"type\":\"INT\"},{\"name\":\"x\",\"type\":\"VARCHAR(\"},"
	"{\"name\":\"y\",\"type\":\"DECIMAL(-1, x)\"},{\"name\":\"z\",\"type\":\"\"}]},"
	"\"paimonLens_table\":{\"options\":[1],\"primaryKeys\":{\"a\":1},\"partitionKeys\":[null,3]},"
	"\"dataQualityMetrics\":{\"columnMetrics\":{\"x\":{\"min\":{\"a\":[1]},\"max\":null}}},"
	"\"ownership\":{\"owners\":[{\"name\":null},{\"name\":\"team:\"}]}}}}",
	"{\"dataset\":{\"facets\":{\"symlinks\":{\"identifiers\":[{\"name\":\"d.t\"}]},"
	"\"hierarchy\":{\"hierarchy\":[{\"name\":\"c\"},{\"name\":\"d\"},{\"name\":\"t\"}]},"
	"\"paimonLens_table\":{\"options\":[\"a\"],\"primaryKeys\":[\"x\",5]},"
	"\"dataQualityMetrics\":{\"columnMetrics\":[{\"min\":1}]}}}}",
};
#define NAMED_FROM 6

TEST(test_hostile_events)
{
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		cJSON *e = cJSON_Parse(hostile[i]);
		CHECK(e != NULL);
		cJSON *dh = pl_map_datahub(e), *om = pl_map_openmetadata(e);
		/* Only the last events name a table; the others map to nothing. */
		CHECK_INT_EQ(dh != NULL, i >= NAMED_FROM);
		CHECK_INT_EQ(om != NULL, i >= NAMED_FROM);
		cJSON_Delete(dh);
		cJSON_Delete(om);
		cJSON_Delete(e);
	}
}

TEST(test_fields_of_the_last_event)
{
	cJSON *e = cJSON_Parse(hostile[NAMED_FROM]);
	cJSON *om = pl_map_openmetadata(e);
	cJSON *cols = cJSON_GetObjectItem(om, "columns");
	/* Fields without a name or type are left out. */
	CHECK_INT_EQ(cJSON_GetArraySize(cols), 3);
	CHECK_STR_EQ(pl_map_str(cJSON_GetArrayItem(cols, 0), "dataType"), "VARCHAR");
	CHECK(cJSON_GetObjectItem(cJSON_GetArrayItem(cols, 0), "dataLength") == NULL);
	CHECK_STR_EQ(pl_map_str(cJSON_GetArrayItem(cols, 2), "dataType"), "UNKNOWN");
	CHECK(cJSON_GetObjectItem(om, "tableConstraints") == NULL);
	CHECK_STR_EQ(pl_map_str(om, "fullyQualifiedName"), "c.c.d.t");
	cJSON_Delete(om);
	cJSON_Delete(e);

	/* Non-string keys are dropped from the constraint. */
	e = cJSON_Parse(hostile[NAMED_FROM + 1]);
	om = pl_map_openmetadata(e);
	cJSON *pk = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(om, "tableConstraints"), 0),
					"columns");
	CHECK_INT_EQ(cJSON_GetArraySize(pk), 1);
	cJSON *dh = pl_map_datahub(e);
	/* properties, schema, profile, subTypes: no DATABASE, no container. */
	CHECK_INT_EQ(cJSON_GetArraySize(dh), 4);
	cJSON_Delete(dh);
	cJSON_Delete(om);
	cJSON_Delete(e);
}

TEST(test_base_type)
{
	char buf[32];
	pl_map_base_type("DECIMAL(18, 2) NOT NULL", buf, sizeof(buf));
	CHECK_STR_EQ(buf, "DECIMAL");
	pl_map_base_type("TIMESTAMP(3) WITH LOCAL TIME ZONE", buf, sizeof(buf));
	CHECK_STR_EQ(buf, "TIMESTAMP_LTZ");
	pl_map_base_type("ARRAY<INT>", buf, sizeof(buf));
	CHECK_STR_EQ(buf, "ARRAY");
	pl_map_base_type("averyveryveryveryveryverylongtypename", buf, 8);
	CHECK_STR_EQ(buf, "AVERYVE");
	pl_map_base_type(NULL, buf, sizeof(buf));
	CHECK_STR_EQ(buf, "");
}

int main(void)
{
	RUN(test_hostile_events);
	RUN(test_fields_of_the_last_event);
	RUN(test_base_type);
	return pl_test_done();
}
