"""The MCP endpoint, spoken to over Streamable HTTP (JSON-RPC) on a real server: datasette-mcp
runs its sessions in the ASGI lifespan, which only a served instance has."""

import json

import httpx
import pytest

from browser import serve
from test_front import front  # noqa: F401 (the fixture: nginx in front of Datasette)

PROTOCOL = "2025-06-18"


class Session:
    """An MCP client session: initialize, then JSON-RPC requests with the session's id."""

    def __init__(self, url):
        self.client = httpx.Client(base_url=url, timeout=30)
        self.headers = {"accept": "application/json, text/event-stream", "content-type": "application/json"}
        self.next_id = 0

    def request(self, method, params=None):
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method, **({"params": params} if params is not None else {})}
        response = self.client.post("/-/mcp", content=json.dumps(message), headers=self.headers)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["id"] == self.next_id and "error" not in body, body
        return response, body["result"]

    def initialize(self):
        response, result = self.request("initialize", {"protocolVersion": PROTOCOL, "capabilities": {}, "clientInfo": {"name": "almanac-tests", "version": "1"}})
        self.headers |= {"mcp-session-id": response.headers["mcp-session-id"], "mcp-protocol-version": PROTOCOL}
        notified = self.client.post("/-/mcp", json={"jsonrpc": "2.0", "method": "notifications/initialized"}, headers=self.headers)
        assert notified.status_code == 202
        return result

    def call(self, tool, **arguments):
        _, result = self.request("tools/call", {"name": tool, "arguments": arguments})
        if result.get("isError"):
            return None, result["content"][0]["text"]
        return json.loads(result["content"][0]["text"]), None


@pytest.fixture(scope="module")
def mcp(fixture_site):
    process, url = serve(fixture_site)
    try:
        session = Session(url)
        session.initialized = session.initialize()
        yield session
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_initialize_names_the_server_and_its_tools(mcp):
    result = mcp.initialized
    assert result["protocolVersion"] == PROTOCOL
    assert "tools" in result["capabilities"]
    assert "list_canned_queries" in result["instructions"]


def test_tools_list_offers_read_only_sql_and_the_canned_queries(mcp):
    _, result = mcp.request("tools/list")
    tools = {tool["name"]: tool for tool in result["tools"]}
    assert {"list_databases", "get_database_schema", "execute_sql", "list_canned_queries", "execute_canned_query"} <= set(tools)
    assert tools["execute_sql"]["annotations"]["readOnlyHint"] is True
    listed, _ = mcp.call("list_canned_queries", database="almanac")
    names = {query["name"] for query in listed["queries"]}
    assert {"price_history", "new_models", "cost_estimate", "search"} <= names


def test_a_canned_query_runs_with_its_defaults_and_its_parameters(mcp):
    # No parameters: price_history takes its default model, gpt-4o, as the web page does.
    default, _ = mcp.call("execute_canned_query", database="almanac", query="price_history")
    assert {row["offering"] for row in default["rows"]} == {"gpt-4o", "gpt-4o-2024-05-13", "gpt-4o-2024-08-06"}
    cost, _ = mcp.call("execute_canned_query", database="almanac", query="cost_estimate", parameters={"items": 1000, "input_tokens": 1000000, "output_tokens": 0})
    flash = next(row for row in cost["rows"] if row["model_id"] == "gemini-1-5-flash-8b")
    assert flash["total_cost_usd"] == pytest.approx(37.5)  # 1,000 x 1M tokens at $0.0375
    # The feed queries' links come from the configured public address, not this server's.
    feed, _ = mcp.call("execute_canned_query", database="almanac", query="new_models")
    assert feed["rows"][0]["atom_link"].startswith("http://127.0.0.1:8001/almanac/models/")


def test_a_malformed_parameter_is_refused_as_on_the_web(mcp):
    rows, error = mcp.call("execute_canned_query", database="almanac", query="price_history", parameters={"model": "x" * 500})
    assert rows is None and error == "Invalid parameter for price_history: model: longer than 200 characters"
    _, error = mcp.call("execute_canned_query", database="almanac", query="cost_estimate", parameters={"items": "-3"})
    assert error.startswith("Invalid parameter for cost_estimate: items: expected a whole number")


def test_writes_are_refused_and_reads_are_bounded_like_the_web_api(mcp):
    rows, error = mcp.call("execute_sql", database="almanac", sql="delete from models")
    assert rows is None and "must be a SELECT" in error
    rows, error = mcp.call("execute_sql", database="almanac", sql="update models set name = 'x'; select 1")
    assert rows is None
    count, _ = mcp.call("execute_sql", database="almanac", sql="select count(*) as n from models where name <> 'x'")
    assert count["rows"] == [{"n": 6}]
    # The functions and statements refused to the web's SQL are refused here (plugins/sql_limits.py).
    # A value too long for the web's SQL is too long here too: no 250 MB answer by another door.
    rows, error = mcp.call("execute_sql", database="almanac", sql="select hex(randomblob(125000000)) as x")
    assert rows is None and error
    rows, error = mcp.call("execute_sql", database="almanac", sql="select fts3_tokenizer('simple')")
    assert rows is None and "not authorized" in error
    # max_returned_rows (config/settings.yml) caps an MCP answer as it caps a JSON one.
    many, _ = mcp.call("execute_sql", database="almanac", sql="with recursive n(i) as (select 1 union all select i + 1 from n where i < 6000) select i from n")
    assert len(many["rows"]) == 5000 and many["truncated"] is True


def test_mcp_sql_runs_on_the_web_sql_pool_with_its_result_cap(mcp):
    # 20 values of 900 KB each: every one under the value limit, 18 MB together. The web's SQL
    # pool stops a result past 10 MB; MCP's execute_sql runs on that pool, so it is stopped too.
    sql = "with recursive n(i) as (select 1 union all select i + 1 from n where i < 20) select zeroblob(900000) as b from n"
    rows, error = mcp.call("execute_sql", database="almanac", sql=sql)
    assert rows is None and "larger than 10 MB" in error
    # A smaller answer from the same pool is served whole.
    small, _ = mcp.call("execute_sql", database="almanac", sql="select count(*) as n from models")
    assert small["rows"] == [{"n": 6}]
    # The tool offered to clients is unchanged: same name, same arguments, read-only.
    _, listed = mcp.request("tools/list")
    tool = next(t for t in listed["tools"] if t["name"] == "execute_sql")
    assert set(tool["inputSchema"]["properties"]) == {"database", "sql"}
    assert tool["annotations"]["readOnlyHint"] is True


def test_the_production_front_passes_mcp_requests(front):  # noqa: F811
    session = Session(f"http://{front}")
    assert session.initialize()["protocolVersion"] == PROTOCOL
    rows, _ = session.call("execute_canned_query", database="almanac", query="covered_period")
    assert len(rows["rows"]) == 1
    assert session.client.delete("/-/mcp", headers=session.headers).status_code == 403  # POST only
