#!/usr/bin/env python3
"""Loopback server for the MediaPipe peer benchmark (see bench-peer.sh). Binds 127.0.0.1 only.

  python3 server.py PORT WEB_DIR FRAMES_DIR OUT_JSON LOG

GET  /...          static files from WEB_DIR (the page, the tasks-vision package, the model bundle)
GET  /meta         FRAMES_DIR/meta.json ({"width","height","frames","timestampsMs"})
GET  /frame?i=N    frame N of FRAMES_DIR/frames.rgb (width*height*3 bytes, RGB24)
POST /result       body (JSON, at most 64 MiB) -> OUT_JSON
POST /log          body (text, at most 64 KiB) -> appended to LOG
"""
import http.server
import json
import os
import sys
import urllib.parse

PORT, WEB, FRAMES, OUT, LOG = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
with open(os.path.join(FRAMES, "meta.json")) as f:
    META = json.load(f)
FRAME_BYTES = META["width"] * META["height"] * 3
MAX_RESULT = 64 << 20
MAX_LOG = 64 << 10


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map)
    extensions_map.update({".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript",
                           ".task": "application/octet-stream"})

    def __init__(self, *a, **kw):
        super().__init__(*a, directory=WEB, **kw)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _bytes(self, body, ctype="application/octet-stream"):
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        u = urllib.parse.urlparse(self.path)
        if u.path == "/meta":
            return self._bytes(json.dumps(META).encode(), "application/json")
        if u.path == "/frame":
            try:
                i = int(urllib.parse.parse_qs(u.query).get("i", ["-1"])[0])
            except ValueError:
                i = -1
            if not 0 <= i < META["frames"]:
                return self.send_error(404)
            with open(os.path.join(FRAMES, "frames.rgb"), "rb") as f:
                f.seek(i * FRAME_BYTES)
                return self._bytes(f.read(FRAME_BYTES))
        return super().do_GET()

    def do_POST(self):
        u = urllib.parse.urlparse(self.path)
        n = int(self.headers.get("Content-Length", "0") or 0)
        limit = MAX_RESULT if u.path == "/result" else MAX_LOG
        if u.path not in ("/result", "/log") or not 0 <= n <= limit:
            return self.send_error(413 if n > limit else 404)
        body = self.rfile.read(n)
        if u.path == "/result":
            tmp = OUT + ".tmp"
            with open(tmp, "wb") as f:
                f.write(body)
            os.replace(tmp, OUT)
        else:
            with open(LOG, "ab") as f:
                f.write(body + b"\n")
        self.send_response(204)
        self.end_headers()

    def log_message(self, fmt, *args):
        pass


if __name__ == "__main__":
    http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
