"""A measuring aid, not an engine: an HTTP server on a unix socket that reads each request whole (its
body too, chunked or sized) and answers at once, /_ping with OK and anything else with one build-stream
line. Timing `docker build` against it gives what the client alone costs (walking, tarring and sending the
context), the floor under any daemon's time through that client.

    python3 answer-at-once.py SOCKET
"""
import os
import socket
import sys
import threading

BUILT = b'{"stream":"Successfully built 0123456789ab\\n"}\r\n'


def read_body(f, headers):
    if headers.get("transfer-encoding") == "chunked":
        while True:
            size = int(f.readline().split(b";")[0], 16)
            f.read(size + 2)  # the chunk and its CRLF
            if size == 0:
                return
    elif "content-length" in headers:
        f.read(int(headers["content-length"]))


def serve(conn):
    with conn, conn.makefile("rb") as f:
        while True:
            line = f.readline()
            if not line:
                return
            method, target = line.decode().split(" ")[:2]
            headers = {}
            while True:
                h = f.readline().decode()
                if h in ("\r\n", "\n", ""):
                    break
                k, v = h.split(":", 1)
                headers[k.strip().lower()] = v.strip()
            read_body(f, headers)
            if target.endswith("/_ping"):
                conn.sendall(b"HTTP/1.1 200 OK\r\nApi-Version: 1.50\r\nContent-Type: text/plain\r\n"
                             b"Content-Length: 2\r\n\r\n" + (b"" if method == "HEAD" else b"OK"))
            else:
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                             % len(BUILT) + BUILT)


def main():
    path = sys.argv[1]
    if os.path.exists(path):
        os.unlink(path)
    server = socket.socket(socket.AF_UNIX)
    server.bind(path)
    server.listen(16)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
