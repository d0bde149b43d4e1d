#!/usr/bin/env python3
"""A local stand-in for a Hugging Face mirror, for scripts/cases/issue14.sh's download rows.

usage: hf_mirror.py FILE PORT_FILE
Serves FILE's bytes at /MODE/NAME for any NAME, as huggingface.co's /resolve/ does: a 302 to
/bytes/ that announces the file's SHA-256 (X-Linked-Etag, quoted) and size (X-Linked-Size).
MODE good: the right SHA-256; bad: another one; none: no X-Linked headers. Writes its port to
PORT_FILE and serves until killed.
"""
import hashlib
import http.server
import sys

data = open(sys.argv[1], "rb").read()
sha = hashlib.sha256(data).hexdigest()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        parts = self.path.split("/")
        mode = parts[1] if len(parts) > 2 else ""
        if mode == "bytes":
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("ETag", '"%s"' % sha)
            self.end_headers()
            self.wfile.write(data)
            return
        if mode not in ("good", "bad", "none"):
            self.send_error(404)
            return
        self.send_response(302)
        if mode != "none":
            announced = sha if mode == "good" else "0" * 64
            self.send_header("X-Linked-Etag", '"%s"' % announced)
            self.send_header("X-Linked-Size", str(len(data)))
        self.send_header("Location", "/bytes/" + parts[-1])
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[2], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
