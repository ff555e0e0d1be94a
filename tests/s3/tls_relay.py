#!/usr/bin/python3
"""A TLS front for the test S3 server (standard library only).

  tls_relay.py PORT_FILE UPSTREAM_PORT CERT_FILE KEY_FILE

Listens on a free port of 127.0.0.1 (written to PORT_FILE), completes a TLS
handshake with CERT_FILE/KEY_FILE and relays the decrypted bytes both ways
to 127.0.0.1:UPSTREAM_PORT, as a load balancer terminating TLS in front of
a store would. The tests make the certificate self-signed, so a client
trusts it only when given it as its CA file."""
import os
import socket
import socketserver
import ssl
import sys
import threading


def pump(src, dst):
    try:
        while True:
            b = src.recv(65536)
            if not b:
                break
            dst.sendall(b)
    except OSError:
        pass
    finally:
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        try:
            tls = CONTEXT.wrap_socket(self.request, server_side=True)
        except (ssl.SSLError, OSError):
            # the client refused the certificate: what the test expects
            return
        up = socket.create_connection(("127.0.0.1", UPSTREAM), timeout=30)
        back = threading.Thread(target=pump, args=(up, tls), daemon=True)
        back.start()
        pump(tls, up)
        back.join(30)
        up.close()
        tls.close()


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


if __name__ == "__main__":
    PORT_FILE, UPSTREAM = sys.argv[1], int(sys.argv[2])
    CONTEXT = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    CONTEXT.load_cert_chain(sys.argv[3], sys.argv[4])
    srv = Server(("127.0.0.1", 0), Handler)
    with open(PORT_FILE + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(PORT_FILE + ".tmp", PORT_FILE)
    srv.serve_forever()
