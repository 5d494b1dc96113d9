"""A small, bounded HTTP client (stdlib ``urllib`` only) for STAC searches, tokens and metadata files.

* Only ``http`` and ``https`` URLs; TLS certificates are always verified (the default SSL context;
  there is no switch that turns verification off).
* Bounded retries with exponential backoff on 429 (honouring ``Retry-After``, capped), 5xx,
  timeouts and connection resets; other 4xx fail at once.
* Every response body is size-bounded (``max_bytes``); JSON that does not parse is a
  :class:`HttpError` with a clear message, never a traceback.
* An optional proxy (``http://host:port``, credentials separately) is used for both schemes.
* Query strings are never shown in messages (:func:`redact`), so a signed URL's token cannot reach a log.
"""
import email.utils
import http.client
import json
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request

from .errors import CoreError, Text

#: Default size bound of one response (a STAC search page, a token reply, an MTL file).
MAX_BYTES = 16 * 1024 * 1024
RETRY_STATUS = (429, 500, 502, 503, 504)
#: Longest wait honoured from a Retry-After header, in seconds.
MAX_RETRY_AFTER = 60.0


class HttpError(CoreError):
    """An HTTP request failed; ``status`` is the HTTP status (None for a network failure)."""

    def __init__(self, message, status=None, url=None, **values):
        super().__init__(message, **values)
        self.status = status
        self.url = url


def redact(url):
    """``url`` without its query string and credentials (what may be shown or stored)."""
    try:
        p = urllib.parse.urlsplit(str(url))
    except ValueError:
        return "<invalid URL>"
    netloc = p.hostname or ""
    if p.port:
        netloc += f":{p.port}"
    return urllib.parse.urlunsplit((p.scheme, netloc, p.path, "", ""))


def check_url(url, what="URL"):
    """Raise unless ``url`` is an absolute http(s) URL (no file:, /vsi…, s3: or relative paths)."""
    text = str(url or "").strip()
    try:
        p = urllib.parse.urlsplit(text)
    except ValueError:
        p = None
    if p is None or p.scheme.lower() not in ("http", "https") or not p.hostname:
        raise CoreError("{what} '{address}' is not an http(s) URL; only http:// and https:// addresses are accepted.",
                        what=what, address=redact(text) if p else text[:80])
    if any(c in text for c in "\r\n\t "):
        raise CoreError("{what} '{text}' contains white space.", what=what, text=redact(text))
    return text


def proxy_text(proxy):
    return Text(" through the proxy {proxy}", proxy=redact(proxy)) if proxy else ""


class HttpClient:
    """Bounded GET/POST with retries. ``proxy``: ``http://host:port`` or None; ``proxy_auth``: 'user:password'."""

    def __init__(self, timeout=30.0, retries=4, backoff=0.5, max_bytes=MAX_BYTES, proxy=None, proxy_auth=None,
                 headers=None, sleep=time.sleep, user_agent="RSEI-Toolbox"):
        self.timeout = float(timeout)
        self.retries = int(retries)
        self.backoff = float(backoff)
        self.max_bytes = int(max_bytes)
        self.proxy = proxy or None
        self.headers = {"User-Agent": user_agent, **(headers or {})}
        self._sleep = sleep
        handlers = [urllib.request.HTTPSHandler(context=ssl.create_default_context())]
        if self.proxy:
            check_url(self.proxy, Text("Proxy"))
            if proxy_auth:
                user, _, pwd = str(proxy_auth).partition(":")
                p = urllib.parse.urlsplit(self.proxy)
                self.proxy = urllib.parse.urlunsplit(
                    (p.scheme, f"{urllib.parse.quote(user)}:{urllib.parse.quote(pwd)}@{p.netloc}", "", "", ""))
            handlers.append(urllib.request.ProxyHandler({"http": self.proxy, "https": self.proxy}))
        else:
            handlers.append(urllib.request.ProxyHandler({}))  # never the environment's proxies silently
        self._opener = urllib.request.build_opener(*handlers)
        self.bytes_received = 0

    # ------------------------------------------------------------------ requests
    def request(self, method, url, body=None, headers=None, max_bytes=None, what=Text("Request")):
        """``(status, headers, bytes)`` of a successful (2xx) reply; raises :class:`HttpError` otherwise."""
        url = check_url(url, what)
        data = None
        hdrs = dict(self.headers, **(headers or {}))
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            hdrs.setdefault("Content-Type", "application/json")
        limit = int(max_bytes or self.max_bytes)
        attempt = 0
        while True:
            attempt += 1
            delay = self.backoff * 2 ** (attempt - 1)
            try:
                req = urllib.request.Request(url, data=data, headers=hdrs, method=method)
                with self._opener.open(req, timeout=self.timeout) as resp:
                    length = resp.headers.get("Content-Length")
                    if length and length.isdigit() and int(length) > limit:
                        raise HttpError("{what}: the reply from {address} is {length} bytes, more than the {limit} "
                                        "accepted.", resp.status, redact(url), what=what, address=redact(url),
                                        length=int(length), limit=limit)
                    payload = resp.read(limit + 1)
                    if len(payload) > limit:
                        raise HttpError("{what}: the reply from {address} is larger than the {limit} bytes accepted.",
                                        resp.status, redact(url), what=what, address=redact(url), limit=limit)
                    self.bytes_received += len(payload)
                    return resp.status, resp.headers, payload
            except urllib.error.HTTPError as exc:
                status = exc.code
                retry_after = _retry_after(exc.headers.get("Retry-After") if exc.headers else None)
                exc.close()
                if status in RETRY_STATUS and attempt <= self.retries:
                    self._sleep(max(delay, retry_after) if retry_after is not None else delay)
                    continue
                if attempt > 1:
                    raise HttpError("{what}: {address}{proxy} answered HTTP {code} after {attempt} attempts.",
                                    status, redact(url), what=what, address=redact(url),
                                    proxy=proxy_text(self.proxy), code=status, attempt=attempt) from None
                raise HttpError("{what}: {address}{proxy} answered HTTP {code}.", status, redact(url), what=what,
                                address=redact(url), proxy=proxy_text(self.proxy), code=status) from None
            except HttpError:
                raise
            except (urllib.error.URLError, http.client.HTTPException, ConnectionError, socket.timeout,
                    TimeoutError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                if isinstance(reason, ssl.SSLCertVerificationError) or isinstance(exc, ssl.SSLCertVerificationError):
                    raise HttpError("{what}: the TLS certificate of {address} could not be verified ({reason}).",
                                    None, redact(url), what=what, address=redact(url), reason=reason) from None
                if attempt <= self.retries:
                    self._sleep(delay)
                    continue
                raise HttpError("{what}: {address} could not be reached{proxy} after {attempt} attempts ({error_type}: "
                                "{reason}).", None, redact(url), what=what, address=redact(url),
                                proxy=proxy_text(self.proxy), attempt=attempt, error_type=type(reason).__name__,
                                reason=_clean(reason)) from None

    def get_json(self, url, headers=None, max_bytes=None, what=Text("Request")):
        return self._json(self.request("GET", url, None, headers, max_bytes, what), url, what)

    def post_json(self, url, body, headers=None, max_bytes=None, what=Text("Request")):
        return self._json(self.request("POST", url, body, headers, max_bytes, what), url, what)

    def get_bytes(self, url, headers=None, max_bytes=None, what=Text("Request")):
        return self.request("GET", url, None, headers, max_bytes, what)[2]

    @staticmethod
    def _json(reply, url, what):
        payload = reply[2]
        try:
            return json.loads(payload.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise HttpError("{what}: the reply from {address} is not valid JSON ({error_type} at {position}); is it "
                            "the right address?", reply[0], redact(url), what=what, address=redact(url),
                            error_type=type(exc).__name__, position=getattr(exc, 'pos', '?')) from None


def _clean(reason):
    """An exception text without any URL query string it may carry."""
    text = str(reason)
    out = []
    for word in text.split():
        out.append(redact(word) if "://" in word and "?" in word else word)
    return " ".join(out)


def _retry_after(value):
    """Seconds from a Retry-After header (delta seconds or HTTP date), capped; None if absent/invalid."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return min(max(when.timestamp() - time.time(), 0.0), MAX_RETRY_AFTER)
