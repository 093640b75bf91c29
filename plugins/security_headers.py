"""Security headers on every response.

The policy allows what the almanac's own pages use and nothing from elsewhere: scripts, styles,
images and data from the instance itself. Datasette's templates and datasette-vega use inline
scripts and styles ('unsafe-inline'); datasette-vega's Vega 4 compiles expressions with
new Function() ('unsafe-eval'); the in-browser SQL page runs SQLite compiled to WebAssembly in a
worker ('wasm-unsafe-eval', worker-src blob:). No page may be framed by another site.
"""

from datasette import hookimpl

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def with_security_headers(headers):
    present = {name.lower() for name, _ in headers}
    return list(headers) + [(name, value) for name, value in HEADERS if name not in present]


# trylast: pluggy calls this wrapper last, so Datasette applies it last and it is the outermost,
# whatever order the plugins folder is read in; responses other plugins answer themselves (a
# 503, a parameter error) get the headers too.
@hookimpl(trylast=True)
def asgi_wrapper(datasette):
    def wrap(app):
        async def secured(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)

            async def send_secured(message):
                if message["type"] == "http.response.start":
                    message = dict(message, headers=with_security_headers(message.get("headers", [])))
                await send(message)

            return await app(scope, receive, send_secured)

        return secured

    return wrap
