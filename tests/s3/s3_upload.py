#!/usr/bin/python3
"""Uploads local folders to the test S3 server (standard library only).

  s3_upload.py ENDPOINT BUCKET [LOCAL_DIR KEY_PREFIX]...

Creates BUCKET if needed, then PUTs every file below each LOCAL_DIR under
KEY_PREFIX/<relative path>. Signing comes from the shared s3sig.py (found
via $S3SIG_DIR), which reads S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY."""
import os
from urllib.parse import quote
import sys

sys.path.insert(0, os.environ.get("S3SIG_DIR", ""))
import s3sig  # noqa: E402


def put(url, body=b""):
    status, _, text = s3sig.request("PUT", url, body)
    if status not in (200, 201):
        sys.exit("PUT %s: HTTP %s %s" % (url, status, text[:300]))


def main():
    if len(sys.argv) < 3 or len(sys.argv) % 2 == 0:
        sys.exit(__doc__)
    endpoint, bucket = sys.argv[1].rstrip("/"), sys.argv[2]
    status, _, _ = s3sig.request("PUT", "%s/%s" % (endpoint, bucket))
    if status not in (200, 409):
        sys.exit("cannot create bucket %s: HTTP %s" % (bucket, status))
    n = 0
    for local, prefix in zip(sys.argv[3::2], sys.argv[4::2]):
        for root, _, files in os.walk(local):
            for f in files:
                path = os.path.join(root, f)
                key = os.path.relpath(path, local)
                if prefix:
                    key = prefix.rstrip("/") + "/" + key
                with open(path, "rb") as fh:
                    put("%s/%s/%s" % (endpoint, bucket, quote(key)), fh.read())
                n += 1
    print("uploaded %d files" % n)


main()
