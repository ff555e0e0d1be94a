/* libFuzzer target: S3/OSS XML bodies (listing pages, <Error> documents,
 * single values) and the URL decoding of keys. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "io/xml_list.h"

PL_FUZZ_TARGET(xml)
{
	struct pl_error err;
	struct pl_list_page page;
	struct pl_store_error store_err;
	char *text, *copy;

	if (size < 1)
		return 0;
	text = (char *)data + 1;
	memset(&page, 0, sizeof(page));
	if (pl_xml_parse_list(text, size - 1, data[0] & 1, &page, &err) == 0)
		pl_list_page_free(&page);
	(void)pl_xml_parse_error(text, size - 1, &store_err);
	free(pl_xml_first_text(text, size - 1, "LocationConstraint"));
	copy = malloc(size);
	memcpy(copy, text, size - 1);
	copy[size - 1] = '\0';
	(void)pl_url_decode_inplace(copy);
	free(copy);
	return 0;
}
