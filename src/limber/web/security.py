"""The checks every request passes before the web app sees it.

Takes: the ASGI app, the names this server answers to (``host:port``), and the most bytes a
request body may have. Gives: ``Guard``, an ASGI middleware that

- refuses a request whose ``Host`` is not one of the server's names (421): a page of another
  site that points a name of its own at 127.0.0.1 (DNS rebinding) cannot reach the app;
- refuses a post, put or delete whose ``Origin`` (or, without one, ``Referer``) is another
  site's (403), so that another page open in the same browser cannot drive the app; forms
  of the page also carry a token (``csrf_ok``: the ``limber_csrf`` cookie, set here on first
  visit with ``SameSite=Strict``, and the same value in the form or an ``X-CSRF-Token``
  header), which the page's handlers check;
- refuses a body over ``max_body`` bytes (413), by its ``Content-Length`` or, when it has
  none, as soon as that many bytes have come;
- adds headers that keep the page to itself: a content security policy allowing only its
  own scripts, styles, images and fonts, no framing, no sniffing of content types.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Mapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

from .errors import body

CSRF_COOKIE = "limber_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


class _TooLarge(Exception):
    pass


def host_names(host: str, port: int, extra: Iterable[str] = ()) -> set[str]:
    """The ``Host`` values this server answers to when it listens on ``host``:``port``; each of
    the ``extra`` names (``--allow-host``) also without a port, as a proxy in front sends it."""
    names = {"127.0.0.1", "localhost", "[::1]"} if host in ("127.0.0.1", "localhost", "::1") else set()
    if host in ("0.0.0.0", "::", ""):
        import socket

        names |= {"127.0.0.1", "localhost", "[::1]", socket.gethostname().lower(), socket.getfqdn().lower()}
    else:
        names.add(f"[{host}]" if ":" in host else host.lower())
    out = set()
    for name in names:
        out.add(f"{name}:{port}")
        if port == 80:
            out.add(name)
    for name in extra:  # a name given for a proxy in front is reached on the proxy's own port
        out |= {name.lower(), f"{name.lower()}:{port}"}
    return out


def csrf_ok(scope: Mapping[str, Any], given: str | None) -> bool:
    """The form's (or header's) token is the one of this browser's cookie."""
    token = scope.get("limber_csrf_cookie")
    return bool(token) and given is not None and secrets.compare_digest(str(token), str(given))


def _cookie(headers: dict[bytes, bytes], name: str) -> str | None:
    raw = headers.get(b"cookie")
    if not raw:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw.decode("latin-1"))
    except Exception:  # a malformed cookie header is no cookie
        return None
    morsel = jar.get(name)
    return morsel.value if morsel and len(morsel.value) <= 100 else None


class Guard:
    def __init__(self, app, hosts: Iterable[str], max_body: int):
        self.app = app
        self.hosts = {h.lower() for h in hosts}
        self.origins = {f"http://{h}" for h in self.hosts} | {f"https://{h}" for h in self.hosts}
        self.max_body = max_body

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        host = headers.get(b"host", b"").decode("latin-1").lower()
        if host not in self.hosts:
            await _refuse(send, "host", f"this server does not answer to the name '{host[:100]}'")
            return
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get(b"origin")
            referer = headers.get(b"referer")
            if origin is not None:
                if origin.decode("latin-1").lower() not in self.origins:
                    await _refuse(send, "origin", "a request from another site's page is refused")
                    return
            elif referer is not None:
                parts = urlsplit(referer.decode("latin-1"))
                if f"{parts.scheme}://{parts.netloc}".lower() not in self.origins:
                    await _refuse(send, "origin", "a request from another site's page is refused")
                    return
            length = headers.get(b"content-length")
            if length is not None:
                try:
                    size = int(length)
                except ValueError:
                    size = self.max_body + 1
                if size > self.max_body:
                    await _refuse(send, "too-large", _too_large(self.max_body))
                    return
        token = _cookie(headers, CSRF_COOKIE)
        new_token = None
        if token is None:
            token = new_token = secrets.token_urlsafe(24)
        scope["limber_csrf_cookie"] = token
        started = False
        received = 0
        overflow = False

        async def counted_receive():
            nonlocal received, overflow
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    overflow = True
                    raise _TooLarge()
            return message

        async def guarded_send(message):
            nonlocal started
            if overflow:  # the app's own error page for the exception raised above: ours instead
                if not started:
                    started = True
                    await _refuse(send, "too-large", _too_large(self.max_body))
                return
            if message["type"] == "http.response.start":
                started = True
                extra = list(HEADERS)
                if new_token is not None:
                    cookie = f"{CSRF_COOKIE}={new_token}; Path=/; HttpOnly; SameSite=Strict"
                    extra.append((b"set-cookie", cookie.encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except _TooLarge:
            if not started:
                await _refuse(send, "too-large", _too_large(self.max_body))


def _too_large(limit: int) -> str:
    return f"the request is over {limit // 2**20} MB, the most this server takes"


async def _refuse(send, error: str, message: str) -> None:
    found = body(error, message)
    data = json.dumps(found).encode()
    await send(
        {
            "type": "http.response.start",
            "status": found["status"],
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})
