"""The response cache's rules: what is kept, what never is, and its bounds; then, on a real
server, that kept answers carry the security headers and ignore a forged Host."""

import asyncio
import importlib.util
import json
from pathlib import Path

import pytest

from test_hostile_visitors import get, server, sql  # noqa: F401 (server is a fixture)

spec = importlib.util.spec_from_file_location("response_cache", Path(__file__).parent.parent / "plugins" / "response_cache.py")
response_cache = importlib.util.module_from_spec(spec)
spec.loader.exec_module(response_cache)


class App:
    """An ASGI app answering every request with a new body, so a kept answer is recognisable."""

    def __init__(self, status=200, headers=(), size=10):
        self.status, self.headers, self.size, self.calls = status, list(headers), size, 0

    async def __call__(self, scope, receive, send):
        self.calls += 1
        body = f"answer {self.calls} ".encode().ljust(self.size, b".")
        await send({"type": "http.response.start", "status": self.status, "headers": self.headers})
        await send({"type": "http.response.body", "body": body[: self.size // 2], "more_body": True})
        await send({"type": "http.response.body", "body": body[self.size // 2 :]})


def request(app, path="/almanac/models.json", query=b"", method="GET", headers=()):
    sent = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "query_string": query, "headers": list(headers)}
    asyncio.run(app(scope, None, send))
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def served_twice(app, cache=None, **request_args):
    wrapped = response_cache.wrapper(cache or response_cache.ResponseCache())(app)
    return request(wrapped, **request_args), request(wrapped, **request_args)


def test_a_page_is_answered_from_the_cache_the_second_time():
    app = App()
    first, second = served_twice(app)
    assert first == second and app.calls == 1


@pytest.mark.parametrize(
    "request_args",
    [
        {"query": b"sql=select+1"},
        {"query": b"_where=id%3D1&_size=2"},
        {"method": "POST"},
        {"path": "/-/threads"},
        {"path": "/-/actor.json"},
        {"headers": [(b"authorization", b"Bearer x")]},
        {"headers": [(b"cookie", b"ds_actor=abc")]},
        {"headers": [(b"cookie", b"ds_csrftoken=abc")]},
    ],
)
def test_sql_credentials_and_server_state_are_never_kept(request_args):
    app = App()
    first, second = served_twice(app, **request_args)
    assert first != second and app.calls == 2


@pytest.mark.parametrize("app", [App(status=404), App(status=500), App(headers=[(b"set-cookie", b"ds_messages=x")])], ids=["404", "500", "cookie"])
def test_errors_and_answers_that_set_cookies_are_never_kept(app):
    first, second = served_twice(app)
    assert first != second and app.calls == 2


def test_the_query_string_is_part_of_the_key():
    app = App()
    wrapped = response_cache.wrapper(response_cache.ResponseCache())(app)
    assert request(wrapped, query=b"_size=1") != request(wrapped, query=b"_size=2")


def test_the_cache_stays_within_its_entries_and_bytes():
    cache = response_cache.ResponseCache(max_entries=3, max_bytes=250, max_entry_bytes=100)
    wrapped = response_cache.wrapper(cache)(App(size=60))
    for page in range(10):
        request(wrapped, path=f"/almanac/models/m{page}")
    assert len(cache.entries) == 3 and cache.bytes == 180
    cache = response_cache.ResponseCache(max_entries=100, max_bytes=250, max_entry_bytes=100)
    wrapped = response_cache.wrapper(cache)(App(size=60))
    for page in range(10):
        request(wrapped, path=f"/almanac/models/m{page}")
    assert len(cache.entries) == 4 and cache.bytes == 240
    large = App(size=150)
    assert served_twice(large, cache)[0] != served_twice(large, cache)[1] and large.calls == 4


def test_kept_answers_carry_the_security_headers(server):  # noqa: F811
    _, address = server
    get(address, "/almanac/organizations.json")
    status, headers, _ = get(address, "/almanac/organizations.json")
    assert status == 200 and headers.get("x-cache") == "hit"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "max-age=3600"  # settings.yml's default_cache_ttl, for a CDN


def test_a_forged_host_cannot_change_what_others_are_sent(server):  # noqa: F811
    _, address = server
    path = "/almanac/sources.json?_size=1"
    status, _, forged = get(address, path, headers={"Host": "evil.example"})
    assert status == 200 and b"evil.example" not in forged
    status, headers, body = get(address, path)
    assert headers.get("x-cache") == "hit"
    assert json.loads(body)["next_url"].startswith(f"http://{address}/")


def test_sql_answers_are_never_served_from_the_cache(server):  # noqa: F811
    _, address = server
    for _ in range(2):
        status, headers, _ = get(address, sql("select 1 as one"))
        assert status == 200 and "x-cache" not in headers
