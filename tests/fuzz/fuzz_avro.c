/* libFuzzer target: manifest-type files through pl_record_reader (Avro
 * object container files: header, schema JSON, codecs, blocks, values). */
#include "fuzz.h"
#include "fuzz_records.h"

PL_FUZZ_TARGET(avro)
{
	return pl_fuzz_records(data, size, "Obj\x01");
}
