/* libFuzzer target: ORC files through pl_record_reader (postscript, footer
 * protobufs, stripes, compression chunks, RLE streams, columns). */
#include "fuzz.h"
#include "fuzz_records.h"

PL_FUZZ_TARGET(orc)
{
	return pl_fuzz_records(data, size, "ORC");
}
