"""Who may read the corpus, and what a page may do: the token check and the security headers.

With a token (`telex serve --token T`, or `TELEX_TOKEN`), every request (pages, API, static
files, API docs) must carry it: API clients send `Authorization: Bearer T`; a browser opens any
page once with `?token=T`, gets it as a cookie and is sent on to the same page without it in the
address (so it stays out of the history, bookmarks and screenshots). Anything else gets a 401:
a small page with a token field for browsers, JSON for the rest.

Every HTML page of the dashboard also gets a Content-Security-Policy that allows scripts, styles
and images from the server only: even text that escaped the templates' escaping could not run.
"""

from __future__ import annotations

import hmac
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import MutableHeaders
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "telex_token"
QUERY = "token"
# A browser keeps the token this long (30 days); opening `?token=T` again renews it.
COOKIE_AGE = 30 * 24 * 3600
# Tokens shorter than this are refused: without rate limits, a short one can be guessed.
MIN_TOKEN = 12
# Pages that run their own inline scripts (the API docs) get no Content-Security-Policy.
_DOCS = ("/docs", "/redoc")
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_ASK = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>telex: token needed</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main>
<h1>{title}</h1>
<p>It was given to <code>telex serve --token</code>. Enter it once; this browser keeps it for
30 days. API clients send it as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<form method="get" action="/"><label>Token <input type="password" name="token" required
autocomplete="current-password" autofocus></label> <button>Open</button></form>
</main></body></html>
"""


def _same(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


class TokenAuth:
    """ASGI middleware: lets a request through only when it carries the token."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)  # lifespan events carry no request
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        offered = [value for key, value in query if key == QUERY]
        if offered:
            response = self._from_address(scope, headers, query, offered[-1])
        elif self._carries_token(headers):
            await self.app(scope, receive, send)
            return
        else:
            response = self._refused(headers)
        await response(scope, receive, send)

    def _carries_token(self, headers: dict[str, str]) -> bool:
        scheme, _, credentials = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and _same(credentials.strip(), self.token):
            return True
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except CookieError:  # a malformed cookie header carries no token
            return False
        morsel = cookie.get(COOKIE)
        return morsel is not None and _same(morsel.value, self.token)

    def _from_address(
        self, scope: Scope, headers: dict[str, str], query: list[tuple[str, str]], offered: str
    ) -> Response:
        """`?token=T`: keep it as a cookie and go on to the same address without it."""
        if not _same(offered, self.token):
            return self._refused(headers, wrong=True)
        rest = urlencode([(k, v) for k, v in query if k != QUERY])
        path = scope.get("root_path", "") + scope["path"]
        response = RedirectResponse(path + (f"?{rest}" if rest else ""), status_code=303)
        response.set_cookie(
            COOKIE, self.token, max_age=COOKIE_AGE, httponly=True, samesite="lax", path="/"
        )
        return response

    @staticmethod
    def _refused(headers: dict[str, str], *, wrong: bool = False) -> Response:
        challenge = {"WWW-Authenticate": 'Bearer realm="telex"'}
        if "text/html" in headers.get("accept", ""):
            title = "Wrong token" if wrong else "This corpus needs a token"
            return HTMLResponse(_ASK.format(title=title), status_code=401, headers=challenge)
        detail = (
            "wrong token"
            if wrong
            else "this corpus needs a token: send 'Authorization: Bearer <token>'"
        )
        return JSONResponse({"detail": detail}, status_code=401, headers=challenge)


class SecurityHeaders:
    """ASGI middleware: headers that keep pages from being framed, sniffed or referred."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope["path"].startswith(_DOCS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                headers.setdefault("X-Frame-Options", "DENY")
                html = headers.get("content-type", "").startswith("text/html")
                if html and not docs:
                    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            await send(message)

        await self.app(scope, receive, send_with_headers)
