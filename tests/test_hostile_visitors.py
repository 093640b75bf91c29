"""Attacks on a served instance, against a real server on 127.0.0.1: runaway and oversized
queries while pages keep answering, dangerous functions, forged Host headers, spreadsheet
formulas in CSV exports, security headers, and a bounded loopback load test."""

import concurrent.futures
import http.client
import json
import time
from urllib.parse import urlencode

import pytest
import yaml

from browser import serve

RUNAWAY = "with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r"
PAGES = ["/", "/almanac/models.json", "/almanac/cost_estimate.json", "/almanac/models/gpt-4o", "/almanac/prices.csv", "/about"]


@pytest.fixture(scope="module")
def server(fixture_site):
    process, url = serve(fixture_site)
    yield process, url.removeprefix("http://")
    process.terminate()
    process.wait(timeout=10)


def get(address, path, headers=None, timeout=30):
    """(status, headers, body) of one GET to the server; only ever 127.0.0.1."""
    host, port = address.split(":")
    assert host == "127.0.0.1"
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def sql(query, extension=".json", **extra):
    return f"/almanac{extension}?" + urlencode({"sql": query, **extra})


def rss_kb(process):
    with open(f"/proc/{process.pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def test_pages_and_canned_queries_keep_answering_while_runaway_queries_run(server):
    process, address = server
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        runaway = [pool.submit(get, address, sql(RUNAWAY)) for _ in range(3)]  # each runs its full 3 s
        time.sleep(0.3)  # let them take the SQL threads
        pages = [get(address, path)[0] for path in PAGES * 2]
        assert not all(f.done() for f in runaway), "the runaway queries ended before the pages were asked for"
        assert pages == [200] * len(pages)
        statuses = [f.result()[0] for f in runaway]
    assert set(statuses) <= {400, 503} and 400 in statuses  # stopped at the time limit, or refused


def curated_chart_sql(site):
    meta = yaml.safe_load((site / "metadata.yml").read_text())
    board = next(iter(meta["plugins"]["datasette-dashboards"].values()))
    return next(iter(board["charts"].values()))["query"]


def test_a_flood_of_sql_is_answered_503_beyond_the_queue_while_curated_charts_answer(server, fixture_site):
    process, address = server
    chart = sql(curated_chart_sql(fixture_site), _shape="objects")
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        flood = [pool.submit(get, address, sql(RUNAWAY, _timelimit=1000)) for _ in range(14)]
        time.sleep(0.3)
        charts = list(pool.map(lambda _: get(address, chart)[0], range(6)))
        results = [f.result() for f in flood]
    assert charts == [200] * 6  # datasette-dashboards fetches its charts' SQL as ?sql=
    busy = [headers for status, headers, _ in results if status == 503]
    assert busy and all(h["retry-after"] == "5" for h in busy)
    assert all("frame-ancestors 'none'" in h["content-security-policy"] for h in busy)
    assert {status for status, _, _ in results} <= {400, 503}


def test_an_oversized_value_is_refused_without_growing_the_server(server):
    process, address = server
    before = rss_kb(process)
    status, _, body = get(address, sql("select hex(randomblob(125000000)) as x"))
    assert status == 400
    assert "too big" in json.loads(body)["error"]
    assert rss_kb(process) - before < 100_000


def test_an_oversized_result_is_refused(server):
    process, address = server
    query = "with recursive r(n) as (select 1 union all select n + 1 from r where n < 5000) select hex(randomblob(400000)) from r"
    status, _, body = get(address, sql(query))
    assert status == 400
    assert "larger than 10 MB" in json.loads(body)["error"]


def test_memory_addresses_cannot_be_read(server):
    _, address = server
    status, _, body = get(address, sql("select hex(fts3_tokenizer('simple')) as pointer"))
    assert status == 400
    assert "not authorized" in json.loads(body)["error"]


def test_a_forged_host_never_reaches_the_links(server):
    _, address = server
    status, _, body = get(address, "/almanac/prices.json?_size=2", headers={"Host": "evil.example"})
    assert status == 200
    next_url = json.loads(body)["next_url"]
    assert next_url.startswith(f"http://{address}/almanac/prices.json?")
    assert b"evil.example" not in body


def test_csv_exports_neutralise_formulas_and_keep_numbers(server):
    _, address = server
    query = """select '=HYPERLINK("http://x","y")' as a, '@SUM(A1)' as b, '-2+3' as c, -1.5 as d, 'plain' as e"""
    status, _, body = get(address, sql(query, extension=".csv"))
    assert status == 200
    assert body.decode().splitlines()[1] == """"'=HYPERLINK(""http://x"",""y"")",'@SUM(A1),'-2+3,-1.5,plain"""


@pytest.mark.parametrize("path", ["/", "/almanac/models.json", "/almanac/prices.csv", "/static/almanac.css", "/no-such-page", "/almanac/price_history?model=Not+A+Slug"])
def test_security_headers_on_every_response(server, path):
    _, address = server
    _, headers, _ = get(address, path)
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    assert "'unsafe-eval'" in policy and "'wasm-unsafe-eval'" in policy and "worker-src 'self' blob:" in policy
    assert headers["x-content-type-options"] == "nosniff"
    # Datasette's own no-referrer on JSON is stricter and is kept.
    assert headers["referrer-policy"] in ("strict-origin-when-cross-origin", "no-referrer")


def load(address, clients=32, rounds=6):
    """Every client asks for every key page `rounds` times: bounded in count (and by each
    request's timeout in time). Returns the failures."""

    def client(number):
        failures = []
        for round_ in range(rounds):
            path = PAGES[(number + round_) % len(PAGES)]
            try:
                status, _, _ = get(address, path, timeout=60)
            except OSError as error:
                failures.append((path, repr(error)))
                continue
            if status != 200:
                failures.append((path, status))
        return failures

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        return [failure for failures in pool.map(client, range(clients)) for failure in failures]


def test_thirty_two_clients_get_every_key_page_without_an_error(server):
    _, address = server
    assert load(address) == []
