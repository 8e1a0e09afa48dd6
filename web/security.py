"""Safe defaults for the workbench: an access token (header, cookie or a one-time ?token=), an Origin
check on state-changing requests (CSRF), and a Content-Security-Policy on every response."""
from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response

TOKEN_COOKIE = "duibiao_token"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
_OPEN_PATHS = ("/login", "/static/")


class SecurityMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, token: str | None):
        super().__init__(app)
        self.token = token

    async def dispatch(self, request: Request, call_next) -> Response:
        response = self._refusal(request)
        if response is None and self.token and request.query_params.get("token"):
            response = self._login_by_link(request)
        if response is None:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"  # "no-referrer" would make Origin "null"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    def _refusal(self, request: Request) -> Response | None:
        if request.method not in _SAFE_METHODS and not same_origin(request):
            return PlainTextResponse("拒绝：请求来自其他网站（跨站请求）", status_code=403)
        if not self.token or request.url.path.startswith(_OPEN_PATHS) or self.authorised(request):
            return None
        if request.query_params.get("token"):
            return None  # checked by _login_by_link
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "需要访问令牌"}, status_code=401)
        return RedirectResponse("/login?next=" + _local(request.url.path), status_code=303)

    def authorised(self, request: Request) -> bool:
        bearer = request.headers.get("authorization", "")
        given = bearer[7:] if bearer.lower().startswith("bearer ") else request.cookies.get(TOKEN_COOKIE, "")
        return token_matches(given, self.token)

    def _login_by_link(self, request: Request) -> Response:
        """A link with ?token= (printed at start): the token is kept in a cookie and left out of the URL."""
        if not token_matches(request.query_params["token"], self.token):
            return PlainTextResponse("访问令牌不正确", status_code=403)
        response = RedirectResponse(_local(request.url.path), status_code=303)
        remember(response, self.token)
        return response


def token_matches(given: str, token: str | None) -> bool:
    return bool(token) and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def remember(response: Response, token: str) -> None:
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", max_age=30 * 24 * 3600)


def same_origin(request: Request) -> bool:
    """A browser names the page a request comes from (Origin, else Referer); it must be this server.
    Scripts that send neither (curl, the API tests) pass: the token is what guards them."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if request.headers.get("sec-fetch-site") == "cross-site":
        return False
    if not origin:
        return True
    parts = urlsplit(origin)
    return f"{parts.scheme}://{parts.netloc}" == f"{request.url.scheme}://{request.headers.get('host', '')}"


def _local(path: str) -> str:
    """Only a path on this server (never //evil.example) as a redirect target."""
    return path if path.startswith("/") and not path.startswith("//") else "/"
