"""Security headers on every HTTP response of the app: pages, NiceGUI's own routes, static
files, documents and "not found" answers alike.

A plain ASGI middleware (not Starlette's BaseHTTPMiddleware, which buffers streamed files and
breaks on disconnects): it adds the headers as the response starts and leaves the websocket
alone.
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The tightest policy NiceGUI 3 runs under (checked in a browser on every page,
# tests/browser/test_browser_security_headers.py; without 'unsafe-eval' no page works, without
# data: images or inline styles Chromium reports violations on every page):
CONTENT_SECURITY_POLICY = "; ".join(
    (
        # Everything else only from the app itself.
        "default-src 'self'",
        # NiceGUI writes its page set-up as inline scripts, and Vue's runtime template compiler
        # (NiceGUI's components are templates compiled in the browser) and run_javascript
        # evaluate code: both need 'unsafe-inline' and 'unsafe-eval'. No other origin.
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        # Quasar, Vue's style bindings and the Tailwind runtime write inline styles.
        "style-src 'self' 'unsafe-inline'",
        # The favicon is a data: SVG, and the mailbox shows e-mails with their images (the eSIM
        # QR code) as data: URIs; the order page draws its QR code as inline SVG.
        "img-src 'self' data:",
        # NiceGUI serves the icon and Roboto fonts itself.
        "font-src 'self'",
        # The websocket (socket.io) and its polling fallback go back to the app only.
        "connect-src 'self'",
        # The app loads no page into a frame (the mailbox's sandboxed srcdoc e-mails load none).
        "frame-src 'none'",
        # No page of the app may be framed by another site (clickjacking).
        "frame-ancestors 'none'",
        "object-src 'none'",
        # An injected <base> or form could send links or answers elsewhere.
        "base-uri 'self'",
        "form-action 'self'",
    )
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "serial",
        "bluetooth",
        "midi",
        "magnetometer",
        "gyroscope",
        "accelerometer",
        "display-capture",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",  # for browsers without frame-ancestors
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
}
# Only over HTTPS: on plain HTTP it would be ignored, and a laptop demo must stay reachable.
HSTS = "max-age=31536000; includeSubDomains"


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every HTTP response, and HSTS when served over HTTPS: the
    request came in as https, or the app's public address is https (behind a TLS proxy)."""

    def __init__(self, app: ASGIApp, *, public_url: str | None = None) -> None:
        self.app = app
        self.always_https = (public_url or "").lower().startswith("https://")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = self.always_https or scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if https:
                    headers["Strict-Transport-Security"] = HSTS
            await send(message)

        await self.app(scope, receive, send_with_headers)
