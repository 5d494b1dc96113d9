"""A loopback HTTP gateway in front of nginx or rustac: SAS token service and check, injected faults, and a
forward-proxy mode (absolute-URI requests) whose requests are recorded.

* ``GET /sas/token/<collection>`` answers the Planetary Computer shape ``{"msft:expiry": ..., "token": ...}``
  (``refuse_tokens`` → 403). With ``require_token`` every other request must carry an issued, unexpired token
  in its query string (``...&sig=<random>``), else 403 as Azure Blob Storage does.
* ``faults``: a list of ``[substring of the path, kind, times]``; kinds ``429`` (Retry-After: 1), ``503``,
  ``403``, ``reset`` (headers and half the body, then a TCP reset), ``slow:<seconds>``, ``json:<text>``.
"""
import datetime as dt
import http.client
import http.server
import json
import secrets
import socket
import struct
import threading
import time
import urllib.parse

from .nginx import free_port, wait_port


class Gateway:
    def __init__(self, upstream=None, token_ttl=3600.0):
        self.upstream = upstream
        self.port = free_port()
        self.token_ttl = float(token_ttl)
        self.require_token = False
        self.refuse_tokens = False
        self.faults = []
        self.issued = {}          # sig → expiry timestamp
        self.token_requests = 0
        self.requests = []        # (method, path without query, status)
        self.proxied = []         # absolute URLs seen in forward-proxy mode (no query)
        self.lock = threading.Lock()
        self.server = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        gw = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                gw.handle(self, "GET")

            def do_HEAD(self):
                gw.handle(self, "HEAD")

            def do_POST(self):
                gw.handle(self, "POST")

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        wait_port(self.port, what="gateway")
        return self

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def reset(self):
        with self.lock:
            self.require_token = False
            self.refuse_tokens = False
            self.faults = []
            self.requests = []
            self.proxied = []
            self.token_requests = 0
            self.token_ttl = 3600.0

    # ------------------------------------------------------------------ handling
    def _fault(self, path):
        with self.lock:
            for f in self.faults:
                if f[0] in path and f[2] > 0:
                    f[2] -= 1
                    return f[1]
        return None

    def _reply(self, h, status, body=b"", headers=None, length=None):
        h.send_response(status)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body) if length is None else length))
        h.end_headers()
        if h.command != "HEAD":
            h.wfile.write(body)

    def handle(self, h, method):
        raw = h.path
        forward_proxy = raw.startswith("http://")
        target = urllib.parse.urlsplit(raw if forward_proxy else "http://x" + raw)
        path = target.path
        body = h.rfile.read(int(h.headers.get("Content-Length") or 0)) if method == "POST" else None
        if forward_proxy:
            with self.lock:
                self.proxied.append(f"{target.scheme}://{target.netloc}{path}")
        fault = self._fault(path)
        if fault in ("429", "503", "403"):
            self._log(method, path, int(fault))
            return self._reply(h, int(fault), b"fault", {"Retry-After": "1"} if fault == "429" else None)
        if fault and fault.startswith("slow:"):
            time.sleep(float(fault.split(":", 1)[1]))
        if fault and fault.startswith("json:"):
            self._log(method, path, 200)
            return self._reply(h, 200, fault[5:].encode(), {"Content-Type": "application/json"})
        if path.startswith("/sas/token/"):
            with self.lock:
                self.token_requests += 1
                refuse = self.refuse_tokens
            if refuse:
                return self._reply(h, 403, b'{"message": "forbidden"}', {"Content-Type": "application/json"})
            now = time.time()
            exp = now + self.token_ttl
            sig = secrets.token_urlsafe(24)
            with self.lock:
                self.issued[sig] = exp
            iso = lambda t: dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa
            token = f"st={iso(now)}&se={iso(exp)}&sp=rl&sv=2021-06-08&sr=c&sig={urllib.parse.quote(sig)}"
            data = json.dumps({"msft:expiry": iso(exp), "token": token}).encode()
            return self._reply(h, 200, data, {"Content-Type": "application/json"})
        if self.require_token and not forward_proxy:
            q = urllib.parse.parse_qs(target.query)
            sig = (q.get("sig") or [None])[0]
            with self.lock:
                exp = self.issued.get(sig)
            if exp is None or exp < time.time():
                self._log(method, path, 403)
                return self._reply(h, 403, b"<Error><Code>AuthenticationFailed</Code></Error>",
                                   {"Content-Type": "application/xml"})
        # forward
        if forward_proxy:
            host, port = target.hostname, target.port or 80
            upath = path + ("?" + target.query if target.query else "")
        else:
            up = urllib.parse.urlsplit(self.upstream)
            host, port = up.hostname, up.port or 80
            upath = raw
        headers = {k: v for k, v in h.headers.items()
                   if k.lower() in ("range", "content-type", "accept", "user-agent")}
        conn = http.client.HTTPConnection(host, port, timeout=60)
        try:
            conn.request(method, upath, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
        finally:
            conn.close()
        self._log(method, path, resp.status)
        out_headers = {k: v for k, v in resp.getheaders()
                       if k.lower() in ("content-type", "content-range", "accept-ranges", "last-modified", "etag")}
        if fault == "reset":
            h.send_response(resp.status)
            for k, v in out_headers.items():
                h.send_header(k, v)
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data[: len(data) // 2])
            h.wfile.flush()
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.close_connection = True
            h.connection.close()
            return
        # rewrite links of STAC replies that point at the upstream so that paging comes back through here
        if resp.getheader("Content-Type", "").startswith(("application/json", "application/geo+json")) \
                and not forward_proxy:
            data = data.replace(self.upstream.encode(), self.url.encode())
        length = resp.getheader("Content-Length") if method == "HEAD" else None
        self._reply(h, resp.status, data, out_headers, length)

    def _log(self, method, path, status):
        with self.lock:
            self.requests.append((method, path, status))
