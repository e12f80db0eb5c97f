#!/usr/bin/env python3
"""A stand-in for Meta's Conversions API for the ingest benchmark.

Answers POST /<version>/<pixel id>/events the way the Graph API does when it accepts a batch
({"events_received": N, "messages": [], "fbtrace_id": "..."}), whether the batch comes as JSON or as a
form with a "data" field, and refuses requests without an access token with a Graph API error.
GET /stats answers {"requests": ..., "events": ...}: what was delivered so far, for the benchmark to
check that publishing keeps up. Standard library only; one thread per connection.

Usage: fake-capi.py PORT
"""
import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

EVENTS_PATH = re.compile(r"^/v[0-9]+\.[0-9]+/[0-9]+/events$")
lock = threading.Lock()
totals = {"requests": 0, "events": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def answer(self, status, document):
        body = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/stats":
            with lock:
                self.answer(200, dict(totals))
        else:
            self.answer(404, {"error": {"message": "Unknown path", "type": "GraphMethodException", "code": 100}})

    def do_POST(self):
        url = urlsplit(self.path)
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if not EVENTS_PATH.match(url.path):
            self.answer(404, {"error": {"message": "Unknown path", "type": "GraphMethodException", "code": 100}})
            return
        fields = {k: v[0] for k, v in parse_qs(url.query).items()}
        if self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
            fields.update({k: v[0] for k, v in parse_qs(raw.decode()).items()})
            data = json.loads(fields.get("data", "[]"))
        else:
            document = json.loads(raw or b"{}")
            fields.update({k: v for k, v in document.items() if k == "access_token"})
            data = document.get("data", [])
        token = fields.get("access_token") or self.headers.get("Authorization", "").removeprefix("Bearer ")
        if not token:
            self.answer(400, {"error": {"message": "An access token is required", "type": "OAuthException",
                                        "code": 190, "fbtrace_id": "bench"}})
            return
        with lock:
            totals["requests"] += 1
            totals["events"] += len(data)
        self.answer(200, {"events_received": len(data), "messages": [], "fbtrace_id": "bench"})


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    server.serve_forever()
