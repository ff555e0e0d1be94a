/* The credential chain: environment, credential files and profiles, and
 * RAM-role credentials from an ECS metadata service (a small server in a
 * child process stands in for 100.100.100.200). */
#include "test.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/credentials.h"
#include "io/sign.h"

static const char *const vars[] = {
	"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
	"AWS_SHARED_CREDENTIALS_FILE", "OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET",
	"OSS_SESSION_TOKEN", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
	"ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_CREDENTIALS_FILE",
	"ALIBABA_CLOUD_ECS_METADATA", "ALIBABA_CLOUD_IMDSV1_DISABLED", "PAIMON_LENS_ECS_METADATA_URL",
	NULL,
};

static char home[4096];

/* Each test gets an empty HOME of its own. */
static void clean_env(void)
{
	static int n;
	for (int i = 0; vars[i]; i++)
		unsetenv(vars[i]);
	snprintf(home, sizeof(home), "%s/home%d", pl_test_tmpdir(), n++);
	mkdir(home, 0700);
	setenv("HOME", home, 1);
}

static void write_file(const char *rel, const char *text)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/%s", home, rel);
	char *slash = strrchr(path, '/');
	*slash = 0;
	mkdir(path, 0700);
	*slash = '/';
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

TEST(environment_variables)
{
	clean_env();
	struct pl_credentials c;
	struct pl_error err = { 0 };
	struct pl_cred_query s3 = { .kind = PL_STORE_S3 };
	setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE12345", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "s3cr3t-aws", 1);
	CHECK_INT_EQ(pl_credentials_resolve(&s3, &c, &err), 0);
	CHECK_STR_EQ(c.access_key_id, "AKIAEXAMPLE12345");
	CHECK_STR_EQ(c.secret, "s3cr3t-aws");
	CHECK(c.token == NULL);
	CHECK(strstr(c.source, "AWS_ACCESS_KEY_ID") != NULL);
	pl_credentials_free(&c);

	struct pl_cred_query oss = { .kind = PL_STORE_OSS };
	setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIalibaba0001", 1);
	setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ali-secret", 1);
	CHECK_INT_EQ(pl_credentials_resolve(&oss, &c, &err), 0);
	CHECK_STR_EQ(c.access_key_id, "LTAIalibaba0001");
	pl_credentials_free(&c);
	setenv("OSS_ACCESS_KEY_ID", "STS.oss0000001", 1);
	setenv("OSS_ACCESS_KEY_SECRET", "oss-secret", 1);
	setenv("OSS_SESSION_TOKEN", "oss-token", 1);
	CHECK_INT_EQ(pl_credentials_resolve(&oss, &c, &err), 0);
	CHECK_STR_EQ(c.access_key_id, "STS.oss0000001");
	CHECK_STR_EQ(c.token, "oss-token");
	pl_credentials_free(&c);

	/* an id without its secret is a mistake, not a reason to look further */
	unsetenv("OSS_ACCESS_KEY_SECRET");
	CHECK_INT_EQ(pl_credentials_resolve(&oss, &c, &err), -1);
	CHECK(strstr(err.msg, "OSS_ACCESS_KEY_SECRET") != NULL);
}

TEST(credential_files_and_profiles)
{
	clean_env();
	write_file(".aws/credentials", "[default]\naws_access_key_id = AKIADEFAULT00001\n"
				       "aws_secret_access_key = default-secret\n"
				       "[minio]\naws_access_key_id = minioadmin\naws_secret_access_key = minio-secret\n"
				       "aws_session_token = minio-token\n[broken]\naws_access_key_id = x\n");
	struct pl_credentials c;
	struct pl_error err = { 0 };
	struct pl_cred_query q = { .kind = PL_STORE_S3 };
	CHECK_INT_EQ(pl_credentials_resolve(&q, &c, &err), 0);
	CHECK_STR_EQ(c.access_key_id, "AKIADEFAULT00001");
	CHECK(strstr(c.source, "[default]") != NULL);
	pl_credentials_free(&c);

	/* the environment beats the default profile... */
	setenv("AWS_ACCESS_KEY_ID", "AKIAENV000000001", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "env-secret", 1);
	CHECK_INT_EQ(pl_credentials_resolve(&q, &c, &err), 0);
	CHECK_STR_EQ(c.access_key_id, "AKIAENV000000001");
	pl_credentials_free(&c);
	/* ...but not a profile named for the lake */
	q.profile = "minio";
	CHECK_INT_EQ(pl_credentials_resolve(&q, &c, &err), 0);
	CHECK_STR_EQ(c.access_key_id, "minioadmin");
	CHECK_STR_EQ(c.token, "minio-token");
	pl_credentials_free(&c);

	q.profile = "nope";
	CHECK_INT_EQ(pl_credentials_resolve(&q, &c, &err), -1);
	CHECK(strstr(err.msg, "profile 'nope' not found") != NULL);
	q.profile = "broken";
	CHECK_INT_EQ(pl_credentials_resolve(&q, &c, &err), -1);
	CHECK(strstr(err.msg, "lacks") != NULL);

	/* sts mode insists on a token */
	q.profile = NULL;
	q.access_mode = "sts";
	CHECK_INT_EQ(pl_credentials_resolve(&q, &c, &err), -1);
	CHECK(strstr(err.msg, "no security token") != NULL);
	CHECK(strstr(err.msg, "env-secret") == NULL);
	q.access_mode = "root";
	CHECK_INT_EQ(pl_credentials_resolve(&q, &c, &err), -1);
	CHECK(strstr(err.msg, "unknown access-mode") != NULL);

	/* Alibaba Cloud file: types */
	write_file(".alibabacloud/credentials",
		   "[default]\ntype = access_key\naccess_key_id = LTAIfile00000001\naccess_key_secret = file-secret\n"
		   "[tmp]\ntype = sts\naccess_key_id = STS.file0000001\naccess_key_secret = sts-secret\nsecurity_token = sts-token\n"
		   "[arn]\ntype = ram_role_arn\naccess_key_id = a\naccess_key_secret = b\n");
	struct pl_cred_query o = { .kind = PL_STORE_OSS };
	CHECK_INT_EQ(pl_credentials_resolve(&o, &c, &err), 0);
	CHECK_STR_EQ(c.access_key_id, "LTAIfile00000001");
	pl_credentials_free(&c);
	setenv("ALIBABA_CLOUD_PROFILE", "tmp", 1);
	o.access_mode = "sts";
	CHECK_INT_EQ(pl_credentials_resolve(&o, &c, &err), 0);
	CHECK_STR_EQ(c.token, "sts-token");
	pl_credentials_free(&c);
	o.profile = "arn";
	o.access_mode = NULL;
	CHECK_INT_EQ(pl_credentials_resolve(&o, &c, &err), -1);
	CHECK(strstr(err.msg, "not supported") != NULL);
}

TEST(nothing_found_says_what_to_set)
{
	clean_env();
	struct pl_credentials c;
	struct pl_error err = { 0 };
	struct pl_cred_query q = { .kind = PL_STORE_S3 };
	CHECK_INT_EQ(pl_credentials_resolve(&q, &c, &err), -1);
	CHECK(strstr(err.msg, "AWS_ACCESS_KEY_ID") != NULL);
	q.kind = PL_STORE_OSS;
	CHECK_INT_EQ(pl_credentials_resolve(&q, &c, &err), -1);
	CHECK(strstr(err.msg, "OSS_ACCESS_KEY_ID") != NULL);
	char m[24];
	pl_credentials_mask("LTAI5tABCDEFGHwxyz", m);
	CHECK_STR_EQ(m, "LTAI****wxyz");
	pl_credentials_mask("short", m);
	CHECK_STR_EQ(m, "****");
}

/* ---- a fake ECS metadata service ---------------------------------------- */

static pid_t server_pid;
static int server_port;

static void reply(int fd, int status, const char *body)
{
	char head[256];
	snprintf(head, sizeof(head), "HTTP/1.1 %d X\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
		 status, strlen(body));
	if (write(fd, head, strlen(head)) < 0 || write(fd, body, strlen(body)) < 0)
		return;
}

/* expiry: seconds from now of the credentials it hands out */
static void serve(int lfd, long expiry, int fail_code)
{
	for (int served = 0; served < 64; served++) {
		int fd = accept(lfd, NULL, NULL);
		if (fd < 0)
			continue;
		char req[4096] = "";
		ssize_t n = read(fd, req, sizeof(req) - 1);
		if (n <= 0) {
			close(fd);
			continue;
		}
		req[n] = 0;
		if (strncmp(req, "PUT /latest/api/token ", 22) == 0) {
			reply(fd, 200, "tok-123");
		} else if (!strstr(req, "X-aliyun-ecs-metadata-token: tok-123")) {
			reply(fd, 401, "token required");
		} else if (strncmp(req, "GET /latest/meta-data/ram/security-credentials/ ", 48) == 0) {
			reply(fd, 200, "MyRole");
		} else if (strncmp(req, "GET /latest/meta-data/ram/security-credentials/MyRole ", 54) == 0) {
			char body[512], exp[32];
			time_t t = time(NULL) + expiry;
			struct tm tm;
			gmtime_r(&t, &tm);
			strftime(exp, sizeof(exp), "%Y-%m-%dT%H:%M:%SZ", &tm);
			snprintf(body, sizeof(body),
				 "{\"AccessKeyId\":\"STS.role%d\",\"AccessKeySecret\":\"role-secret\","
				 "\"Expiration\":\"%s\",\"SecurityToken\":\"role-token\",\"Code\":\"%s\"}",
				 served, exp, fail_code ? "Failure" : "Success");
			reply(fd, 200, body);
		} else {
			reply(fd, 404, "not found");
		}
		close(fd);
	}
	_exit(0);
}

static int start_server(long expiry, int fail_code)
{
	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof(a)) || listen(lfd, 16) ||
	    getsockname(lfd, (struct sockaddr *)&a, &len))
		return -1;
	server_port = ntohs(a.sin_port);
	fflush(stdout);
	server_pid = fork();
	if (server_pid == 0)
		serve(lfd, expiry, fail_code);
	close(lfd);
	char url[64];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d", server_port);
	setenv("PAIMON_LENS_ECS_METADATA_URL", url, 1);
	return server_pid > 0 ? 0 : -1;
}

static void stop_server(void)
{
	if (server_pid > 0) {
		kill(server_pid, SIGTERM);
		waitpid(server_pid, NULL, 0);
		server_pid = 0;
	}
}

TEST(ram_role_from_the_metadata_service)
{
	clean_env();
	setenv("NO_PROXY", "127.0.0.1", 1);
	if (start_server(3600, 0)) {
		SKIP("cannot listen on 127.0.0.1");
		return;
	}
	struct pl_credentials c;
	struct pl_error err = { 0 };
	struct pl_cred_query q = { .kind = PL_STORE_OSS, .access_mode = "ram-role" };
	CHECK_INT_EQ(pl_credentials_resolve(&q, &c, &err), 0);
	CHECK_STR_EQ(c.access_key_id, "STS.role2");
	CHECK_STR_EQ(c.secret, "role-secret");
	CHECK_STR_EQ(c.token, "role-token");
	CHECK(c.expiration > time(NULL) + 3000);
	CHECK(strstr(c.source, "MyRole") != NULL);
	/* far from expiry: no new request */
	CHECK_INT_EQ(pl_credentials_refresh(&c, time(NULL), &err), 0);
	CHECK_STR_EQ(c.access_key_id, "STS.role2");
	/* within 180 s of expiry: fetched again (role name known: 2 requests) */
	CHECK_INT_EQ(pl_credentials_refresh(&c, c.expiration - 60, &err), 0);
	CHECK_STR_EQ(c.access_key_id, "STS.role4");
	pl_credentials_free(&c);
	stop_server();

	start_server(3600, 1);
	CHECK_INT_EQ(pl_credentials_resolve(&q, &c, &err), -1);
	CHECK(strstr(err.msg, "Failure") != NULL);
	CHECK(strstr(err.msg, "role-secret") == NULL);
	stop_server();

	/* nobody home: a quick, clear failure */
	char url[64];
	snprintf(url, sizeof(url), "http://127.0.0.1:%d", server_port);
	setenv("PAIMON_LENS_ECS_METADATA_URL", url, 1);
	time_t t0 = time(NULL);
	CHECK_INT_EQ(pl_credentials_resolve(&q, &c, &err), -1);
	CHECK(time(NULL) - t0 < 5);
	CHECK(strstr(err.msg, "RAM role") != NULL);
}

int main(void)
{
	RUN(environment_variables);
	RUN(credential_files_and_profiles);
	RUN(nothing_found_says_what_to_set);
	RUN(ram_role_from_the_metadata_service);
	stop_server();
	return pl_test_done();
}
