"""Signing asset hrefs with Microsoft Planetary Computer SAS tokens.

The token service ``GET <token_url>/<collection>`` answers ``{"msft:expiry": "<ISO time>", "token": "<query>"}``;
the token is appended to an asset URL as its query string (Planetary Computer data access documentation,
"Using tokens for data access"). An optional subscription key goes in the ``Ocp-Apim-Subscription-Key`` header.
One token is kept per collection and renewed ``margin`` seconds before its expiry, or on demand after a 403.
Tokens are held in memory only: nothing here writes them anywhere, and :func:`unsign` strips them.
"""
import datetime as dt
import threading
import time

from .errors import CoreError, Text
from .http import HttpError, redact

PC_TOKEN_URL = "https://planetarycomputer.microsoft.com/api/sas/v1/token"
#: Renew a token this many seconds before its expiry.
RENEW_MARGIN = 300.0


class TokenRefused(CoreError):
    """The token service refused to give a token, or the asset server refused a fresh one."""


def _parse_expiry(text):
    try:
        when = dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.timestamp()


class NoSigner:
    """Hrefs used as they are (public or pre-signed)."""

    renewals = 0

    def sign(self, href, collection):
        return href

    def invalidate(self, collection, signed_href=None):
        return False

    def secrets(self):
        return ()


class SasSigner:
    """Planetary Computer SAS tokens, cached per collection, renewed before expiry."""

    def __init__(self, client, token_url=PC_TOKEN_URL, subscription_key=None, margin=RENEW_MARGIN, clock=time.time):
        self.client = client
        self.token_url = token_url.rstrip("/")
        self.subscription_key = subscription_key or None
        self.margin = float(margin)
        self._clock = clock
        self._tokens = {}       # collection → (token, expiry timestamp)
        self._lock = threading.Lock()
        self.renewals = 0       # tokens fetched (first one included)
        self._issued = []       # every token handed out (for redaction checks only)

    def token(self, collection):
        with self._lock:
            held = self._tokens.get(collection)
            if held and held[1] - self.margin > self._clock():
                return held[0]
            headers = {"Ocp-Apim-Subscription-Key": self.subscription_key} if self.subscription_key else None
            url = f"{self.token_url}/{collection}"
            try:
                reply = self.client.get_json(url, headers=headers, max_bytes=64 * 1024, what=Text("SAS token"))
            except HttpError as exc:
                if exc.status in (401, 403):
                    if self.subscription_key:
                        raise TokenRefused("The token service {address} refused to give a SAS token for the "
                                           "collection '{collection}' (HTTP {code}); check the subscription key.",
                                           address=redact(url), collection=collection, code=exc.status) from None
                    raise TokenRefused("The token service {address} refused to give a SAS token for the collection "
                                       "'{collection}' (HTTP {code}).", address=redact(url), collection=collection,
                                       code=exc.status) from None
                raise
            token = reply.get("token") if isinstance(reply, dict) else None
            expiry = _parse_expiry(reply.get("msft:expiry")) if isinstance(reply, dict) else None
            if not isinstance(token, str) or not token or expiry is None:
                raise CoreError("The token service {address} did not answer with a token and its 'msft:expiry' (the "
                                "Planetary Computer SAS response shape).", address=redact(url))
            token = token.lstrip("?")
            self._tokens[collection] = (token, expiry)
            self._issued.append(token)
            self.renewals += 1
            return token

    def sign(self, href, collection):
        token = self.token(collection)
        return href + ("&" if "?" in href else "?") + token

    def invalidate(self, collection, signed_href=None):
        """After a 403 on ``signed_href``: forget the collection's token if that href carries it (so the next
        sign() fetches a new one). True when a retry may help (a token was dropped, or another thread renewed it
        already); concurrent 403s with one old token thus cause one renewal."""
        with self._lock:
            held = self._tokens.get(collection)
            if held is None:
                return bool(self._issued) and signed_href is not None
            if signed_href is None or held[0] in signed_href:
                del self._tokens[collection]
            return True

    def secrets(self):
        """Strings that must never be written out (tokens issued, the subscription key)."""
        out = list(self._issued)
        if self.subscription_key:
            out.append(self.subscription_key)
        return tuple(out)


def unsign(href):
    """The href without a query string (what goes into tables, sidecars, caches and logs)."""
    return redact(href)
