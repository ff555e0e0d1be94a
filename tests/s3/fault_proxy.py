#!/usr/bin/python3
"""A fault-injecting HTTP proxy for the object-store tests (stdlib only).

  fault_proxy.py PORT_FILE UPSTREAM_PORT MODE [DELAY_MS]

Listens on a free port of 127.0.0.1 (written to PORT_FILE) and forwards
each request to 127.0.0.1:UPSTREAM_PORT. MODE:
  first   the first attempt of every distinct request (method + target)
          fails, cycling through: connection reset, 503 SlowDown, a body
          cut short, a 500, a delay; later attempts pass
  always  every request gets 503 SlowDown
  delay   every request passes, DELAY_MS (default 20) late: a round trip to
          a cloud region, for the benchmarks (0: a plain counting relay);
          the peak number of requests in flight is kept in PORT_FILE.peak
Every connection has a thread of its own, so parallel requests overlap
(delays included) as they would at a real store, and is kept alive (with
one kept-alive connection to the server behind it) unless the client asks
for Connection: close. Request bodies are passed on. Each request line is
appended to PORT_FILE.requests, for tests that count requests.
The Host header is passed on untouched, so SigV4 signatures stay valid."""
import http.client
import os
import socket
import socketserver
import struct
import sys
import threading
import time

FAULTS = ["reset", "503", "truncate", "500", "delay"]
seen = {}
lock = threading.Lock()
counter = [0]
active = [0, 0]  # now, peak


def read_head(f):
    lines = []
    while True:
        line = f.readline(65536)
        if not line:
            return None
        lines.append(line)
        if line in (b"\r\n", b"\n"):
            return b"".join(lines)


def parse_request(head):
    """(method, target, headers to pass on, body length, client wants close)"""
    lines = head.split(b"\r\n")
    method, target, version = lines[0].split(b" ", 2)
    close = version.strip() == b"HTTP/1.0"
    headers, length = [], 0
    for line in lines[1:]:
        name, sep, value = line.partition(b":")
        if not sep:
            continue
        key = name.strip().lower()
        if key in (b"connection", b"keep-alive", b"proxy-connection"):
            if key == b"connection":
                close = b"close" in value.lower() or (close and b"keep-alive" not in value.lower())
            continue
        if key == b"content-length":
            length = int(value)
        headers.append((name.strip(), value.strip()))
    return method, target, headers, length, close


class Upstream:
    """One keep-alive connection to the server per client connection: a
    client that reuses its connection (as the reader does) pays no new
    connect on either side, so the sequential loop and the parallel path
    cost the same per request, as at a real store."""

    def __init__(self, port):
        self.port, self.conn = port, None

    def close(self):
        if self.conn:
            self.conn.close()
            self.conn = None

    def send(self, method, target, headers, body):
        reused = self.conn is not None
        if not reused:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            self.conn.putrequest(method.decode("latin-1"), target.decode("latin-1"),
                                 skip_host=True, skip_accept_encoding=True)
            for name, value in headers:
                self.conn.putheader(name, value)
            self.conn.endheaders(body or None)
            resp = self.conn.getresponse()
            return resp, resp.read()
        except (http.client.HTTPException, OSError):
            self.close()
            if not reused:
                raise
            # the server closed the idle connection meanwhile: once more
            return self.send(method, target, headers, body)


def forward(upstream, method, target, headers, body, close):
    """The answer, re-framed with a Content-Length (and Connection: close
    when the client asked for it)."""
    resp, data = upstream.send(method, target, headers, body)
    out = [b"HTTP/1.1 %d %s" % (resp.status, resp.reason.encode("latin-1"))]
    for name, value in resp.getheaders():
        key = name.lower()
        if key in ("connection", "keep-alive", "transfer-encoding") or \
                (key == "content-length" and method != b"HEAD"):
            continue
        out.append(("%s: %s" % (name, value)).encode("latin-1"))
    if method != b"HEAD":
        out.append(b"Content-Length: %d" % len(data))
    if close:
        out.append(b"Connection: close")
    if resp.will_close:
        upstream.close()
    return b"\r\n".join(out) + b"\r\n\r\n" + data


def error(status, code):
    body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>%s</Code>"
            "<Message>injected by fault_proxy</Message></Error>" % code).encode()
    return (b"HTTP/1.1 %d Injected\r\nContent-Type: application/xml\r\nContent-Length: %d\r\n\r\n"
            % (status, len(body))) + body


def track(step):
    """Requests in flight (delay mode): the peak goes to PORT_FILE.peak,
    for the test that --max-parallel bounds the concurrency."""
    with lock:
        active[0] += step
        if active[0] > active[1]:
            active[1] = active[0]
            with open(PORT_FILE + ".peak", "w") as f:
                f.write(str(active[1]))


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        upstream = Upstream(UPSTREAM)
        try:
            self.serve(upstream)
        finally:
            upstream.close()

    def serve(self, upstream):
        while True:
            head = read_head(self.rfile)
            if not head:
                return
            request_line = head.split(b"\r\n", 1)[0]
            method, target, headers, length, close = parse_request(head)
            body = self.rfile.read(length) if length else b""
            with lock:
                LOG.write(request_line + b"\n")
                if MODE == "delay":
                    fault = "latency"
                elif MODE == "always":
                    fault = "503"
                elif request_line in seen:
                    fault = None
                else:
                    fault = FAULTS[counter[0] % len(FAULTS)]
                    counter[0] += 1
                    # the test checks that faults really happened
                    with open(PORT_FILE + ".faults", "w") as f:
                        f.write(str(counter[0]))
                seen[request_line] = seen.get(request_line, 0) + 1
            if fault == "reset":
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                           struct.pack("ii", 1, 0))
                self.connection.close()
                return
            if fault == "503":
                self.wfile.write(error(503, "SlowDown"))
                continue
            if fault == "500":
                self.wfile.write(error(500, "InternalError"))
                continue
            if fault == "latency":
                track(1)
                time.sleep(DELAY)
            try:
                answer = forward(upstream, method, target, headers, body, close)
            finally:
                if fault == "latency":
                    track(-1)
            if fault == "delay":
                time.sleep(0.3)
            if fault == "truncate":
                split = answer.find(b"\r\n\r\n") + 4
                body = answer[split:]
                if not request_line.startswith(b"HEAD") and len(body) > 1:
                    self.wfile.write(answer[:split + len(body) // 2])
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
            self.wfile.write(answer)
            if close:
                return


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    # 64 clients connecting at once must not overflow the listen queue
    # (a dropped SYN costs a second)
    request_queue_size = 256
    allow_reuse_address = True


if __name__ == "__main__":
    PORT_FILE, UPSTREAM, MODE = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    DELAY = (float(sys.argv[4]) if len(sys.argv) > 4 else 20.0) / 1000.0
    LOG = open(PORT_FILE + ".requests", "ab", buffering=0)
    srv = Server(("127.0.0.1", 0), Handler)
    with open(PORT_FILE + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(PORT_FILE + ".tmp", PORT_FILE)
    srv.serve_forever()
