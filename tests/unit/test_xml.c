/* XML bodies of S3 and OSS: listing pages (both namespaces, URL encoding,
 * tokens), error bodies, and hostile or broken documents. */
#include "test.h"

#include <stdlib.h>
#include <string.h>

#include "io/xml_list.h"
#include "util/strbuf.h"

static const char oss_page[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<ListBucketResult>\n"
	"  <Name>examplebucket</Name>\n"
	"  <Prefix>a%2F</Prefix>\n"
	"  <MaxKeys>3</MaxKeys>\n"
	"  <Delimiter>%2F</Delimiter>\n"
	"  <EncodingType>url</EncodingType>\n"
	"  <IsTruncated>true</IsTruncated>\n"
	"  <NextContinuationToken>CgJi%2BYw--</NextContinuationToken>\n"
	"  <Contents>\n"
	"    <Key>a/data+file%C3%BC%2B1</Key>\n"
	"    <LastModified>2020-05-18T05:45:47.123Z</LastModified>\n"
	"    <ETag>\"35A27C2B9EAEEB6F48FD7FB5861D****\"</ETag>\n"
	"    <Type>Normal</Type>\n"
	"    <Size>25</Size>\n"
	"    <StorageClass>STANDARD</StorageClass>\n"
	"  </Contents>\n"
	"  <CommonPrefixes><Prefix>a/b%3D1/</Prefix></CommonPrefixes>\n"
	"  <KeyCount>2</KeyCount>\n"
	"</ListBucketResult>\n";

TEST(oss_page_with_url_encoding)
{
	struct pl_list_page p;
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_xml_parse_list(oss_page, strlen(oss_page), 1, &p, &err), 0);
	CHECK_INT_EQ(p.n_objects, 1);
	CHECK_INT_EQ(p.n_prefixes, 1);
	if (p.n_objects == 1) {
		CHECK_STR_EQ(p.objects[0].key, "a/data file\xc3\xbc+1");
		CHECK_INT_EQ(p.objects[0].size, 25);
		CHECK_INT_EQ(p.objects[0].mtime_ms, 1589780747123LL);
	}
	if (p.n_prefixes == 1)
		CHECK_STR_EQ(p.prefixes[0], "a/b=1/");
	CHECK(p.is_truncated);
	CHECK(p.has_key_count);
	CHECK_STR_EQ(p.next_token, "CgJi+Yw--");
	pl_list_page_free(&p);

	/* S3 tokens are base64: never decoded. */
	CHECK_INT_EQ(pl_xml_parse_list(oss_page, strlen(oss_page), 0, &p, &err), 0);
	CHECK_STR_EQ(p.next_token, "CgJi%2BYw--");
	pl_list_page_free(&p);
}

TEST(s3_page_with_namespace_and_no_encoding)
{
	const char *doc =
		"<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
		"<Name>lake</Name><Prefix>wh/</Prefix><KeyCount>3</KeyCount><MaxKeys>1000</MaxKeys>"
		"<Delimiter>/</Delimiter><IsTruncated>false</IsTruncated>"
		"<Contents><Key>wh/a+b%41</Key><Size>0</Size></Contents>"
		"<Contents><Key>wh/c</Key><Size>18446744073709551615</Size></Contents>"
		"<CommonPrefixes><Prefix>wh/db1.db/</Prefix></CommonPrefixes>"
		"<CommonPrefixes><Prefix>wh/db2.db/</Prefix></CommonPrefixes>"
		"</ListBucketResult>";
	struct pl_list_page p;
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_xml_parse_list(doc, strlen(doc), 0, &p, &err), 0);
	CHECK_INT_EQ(p.n_objects, 2);
	CHECK_INT_EQ(p.n_prefixes, 2);
	if (p.n_objects == 2) {
		/* no EncodingType in the answer: keys are raw */
		CHECK_STR_EQ(p.objects[0].key, "wh/a+b%41");
		CHECK_INT_EQ(p.objects[0].mtime_ms, -1);
		CHECK(p.objects[1].size == UINT64_MAX);
	}
	CHECK(!p.is_truncated);
	CHECK(p.next_token == NULL);
	pl_list_page_free(&p);
}

static int parse_fails(const char *doc, const char *want_in_msg)
{
	struct pl_list_page p;
	struct pl_error err = { 0 };
	int rc = pl_xml_parse_list(doc, strlen(doc), 1, &p, &err);
	if (rc == 0) {
		pl_list_page_free(&p);
		return 0;
	}
	return err.code == PL_ERR_CORRUPT && (!want_in_msg || strstr(err.msg, want_in_msg));
}

TEST(broken_and_hostile_listings)
{
	CHECK(parse_fails("", NULL));
	CHECK(parse_fails("<ListBucketResult><Contents><Key>a</Key>", NULL));
	CHECK(parse_fails("<Error><Code>x</Code></Error>", "ListBucketResult"));
	CHECK(parse_fails("<html><body>proxy says no</body></html>", "ListBucketResult"));
	CHECK(parse_fails("<ListBucketResult><Contents><Size>1</Size></Contents></ListBucketResult>",
			  "without a Key"));
	CHECK(parse_fails("<ListBucketResult><Contents><Key>a</Key><Size>-1</Size></Contents></ListBucketResult>",
			  "Size"));
	CHECK(parse_fails("<ListBucketResult><Contents><Key>a</Key><Size>99999999999999999999999</Size></Contents></ListBucketResult>",
			  "Size"));
	CHECK(parse_fails("<ListBucketResult><EncodingType>url</EncodingType><Contents><Key>a%2</Key><Size>1</Size></Contents></ListBucketResult>",
			  "URL encoding"));
	CHECK(parse_fails("<ListBucketResult><EncodingType>url</EncodingType><Contents><Key>a%00b</Key><Size>1</Size></Contents></ListBucketResult>",
			  "URL encoding"));
	/* entity expansion ("billion laughs") is refused outright */
	CHECK(parse_fails("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
			  "<ListBucketResult><Prefix>&b;</Prefix></ListBucketResult>", "entity"));
	/* one huge text node */
	struct pl_strbuf sb = PL_STRBUF_INIT;
	pl_strbuf_addstr(&sb, "<ListBucketResult><Contents><Key>");
	for (int i = 0; i < 70000; i++)
		pl_strbuf_addch(&sb, 'k');
	pl_strbuf_addstr(&sb, "</Key></Contents></ListBucketResult>");
	CHECK(parse_fails(sb.buf, "64 KiB"));
	/* very deep nesting is ignored below the depth limit, not a crash */
	pl_strbuf_reset(&sb);
	pl_strbuf_addstr(&sb, "<ListBucketResult>");
	for (int i = 0; i < 5000; i++)
		pl_strbuf_addstr(&sb, "<x>");
	for (int i = 0; i < 5000; i++)
		pl_strbuf_addstr(&sb, "</x>");
	pl_strbuf_addstr(&sb, "</ListBucketResult>");
	struct pl_list_page p;
	struct pl_error err = { 0 };
	CHECK_INT_EQ(pl_xml_parse_list(sb.buf, sb.len, 1, &p, &err), 0);
	CHECK_INT_EQ(p.n_objects, 0);
	pl_list_page_free(&p);
	pl_strbuf_free(&sb);
	/* every truncation of a valid page fails cleanly or parses */
	for (size_t n = 0; n < sizeof(oss_page) - 1; n++) {
		int rc = pl_xml_parse_list(oss_page, n, 1, &p, &err);
		if (rc == 0)
			pl_list_page_free(&p);
		CHECK(rc == -1 || n > sizeof(oss_page) - 4);
	}
}

TEST(error_bodies)
{
	const char *oss = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n"
			  "  <Code>NoSuchBucket</Code>\n  <Message>The specified bucket does not exist.</Message>\n"
			  "  <RequestId>5C3D9175B6FC201293AD****</RequestId>\n"
			  "  <HostId>test.oss-cn-hangzhou.aliyuncs.com</HostId>\n  <BucketName>test</BucketName>\n"
			  "  <EC>0015-00000101</EC>\n</Error>\n";
	struct pl_store_error e;
	CHECK_INT_EQ(pl_xml_parse_error(oss, strlen(oss), &e), 0);
	CHECK_STR_EQ(e.code, "NoSuchBucket");
	CHECK_STR_EQ(e.message, "The specified bucket does not exist.");
	CHECK_STR_EQ(e.request_id, "5C3D9175B6FC201293AD****");
	CHECK_STR_EQ(e.ec, "0015-00000101");

	const char *s3 = "<Error><Code>AuthorizationHeaderMalformed</Code><Message>bad region</Message>"
			 "<Region>eu-west-1</Region><StringToSign>AWS4-HMAC-SHA256\n2013</StringToSign></Error>";
	CHECK_INT_EQ(pl_xml_parse_error(s3, strlen(s3), &e), 0);
	CHECK_STR_EQ(e.region, "eu-west-1");
	CHECK_STR_EQ(e.string_to_sign, "AWS4-HMAC-SHA256\n2013");

	CHECK_INT_EQ(pl_xml_parse_error("<html>502 Bad Gateway</html>", 28, &e), -1);
	CHECK_INT_EQ(pl_xml_parse_error("", 0, &e), -1);
	CHECK_INT_EQ(pl_xml_parse_error("<Error><Message>no code</Message></Error>", 41, &e), -1);
	CHECK_INT_EQ(pl_xml_parse_error("<Error><Code>x", 14, &e), -1);
}

TEST(first_text_and_url_decoding)
{
	const char *loc = "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">eu-west-1</LocationConstraint>";
	char *t = pl_xml_first_text(loc, strlen(loc), "LocationConstraint");
	CHECK_STR_EQ(t, "eu-west-1");
	free(t);
	CHECK(pl_xml_first_text("<a>", 3, "a") == NULL);
	CHECK(pl_xml_first_text("<a>x</a>", 8, "b") == NULL);
	char s[] = "a%20b+c%2b";
	CHECK_INT_EQ(pl_url_decode_inplace(s), 0);
	CHECK_STR_EQ(s, "a b c+");
	char bad[] = "%zz";
	CHECK_INT_EQ(pl_url_decode_inplace(bad), -1);
}

int main(void)
{
	RUN(oss_page_with_url_encoding);
	RUN(s3_page_with_namespace_and_no_encoding);
	RUN(broken_and_hostile_listings);
	RUN(error_bodies);
	RUN(first_text_and_url_decoding);
	return pl_test_done();
}
