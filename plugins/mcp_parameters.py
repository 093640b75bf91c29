"""Canned queries called over MCP get the web API's parameter defaults and checks.

datasette-mcp's execute_canned_query runs a canned query with the parameters it is given and
every other one as ''. This wrapper gives each JSON-RPC call the same treatment a web request
gets from plugins/query_parameters.py (its `resolve`): a parameter left out takes its declared
default, and a malformed one is refused, here as a tool error naming it. Every other MCP request
passes unchanged; read-only SQL runs on the web's SQL pool with its limits (plugins/sql_limits.py).
"""

import json

from datasette import hookimpl
from datasette.plugins import pm
from datasette.utils.asgi import Response

# datasette-mcp's Streamable HTTP endpoint; JSON-RPC requests arrive there as POST bodies.
MCP_PATH = "/-/mcp"
# A JSON-RPC request calling a canned query is a few hundred bytes; a body above this is passed
# on unread (MCP refuses what it cannot parse), so no request can make this wrapper hold megabytes.
MAX_BODY = 64 * 1024


def canned_query_arguments(call):
    """The arguments of a JSON-RPC tools/call of execute_canned_query, else None."""
    if not isinstance(call, dict) or call.get("method") != "tools/call":
        return None
    params = call.get("params")
    if not isinstance(params, dict) or params.get("name") != "execute_canned_query":
        return None
    arguments = params.get("arguments")
    return arguments if isinstance(arguments, dict) else None


def parse_json(body):
    try:
        return json.loads(body)
    except ValueError:
        return None


async def read_body(receive):
    """(body, more): `more` is true when the body is longer than MAX_BODY and was not all read."""
    body, more = b"", True
    while more and len(body) <= MAX_BODY:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
    return body, more


async def resolved_call(datasette, call):
    """(the call with its parameters resolved, None) or (None, the problems)."""
    arguments = canned_query_arguments(call)
    if arguments is None or arguments.get("database") not in datasette.databases:
        return call, None
    query = await datasette.get_canned_query(arguments["database"], str(arguments.get("query")), None)
    parameters = (query or {}).get("parameters")
    given = arguments.get("parameters") or {}
    if not parameters or not isinstance(given, dict):
        return call, None
    web = pm.get_plugin("query_parameters.py")
    resolved, problems = web.resolve(parameters, {key: "" if value is None else str(value) for key, value in given.items()})
    # Model names resolve as on the web: a `model` parameter becomes the id of the model it names.
    await web.resolve_models(datasette, parameters, resolved, problems)
    if problems:
        return None, f"Invalid parameter for {arguments.get('query')}: " + "; ".join(f"{name}: {problem}" for name, problem in problems.items())
    arguments["parameters"] = resolved
    return call, None


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def checked(scope, receive, send):
            if scope["type"] != "http" or scope.get("method") != "POST" or scope["path"] != MCP_PATH:
                return await app(scope, receive, send)
            body, more = await read_body(receive)
            call = None if more else parse_json(body)
            if call is not None:
                resolved, problem = await resolved_call(datasette, call)
                if problem:
                    error = {"jsonrpc": "2.0", "id": call.get("id"), "result": {"content": [{"type": "text", "text": problem}], "isError": True}}
                    return await Response.json(error).asgi_send(send)
                body = json.dumps(resolved).encode("utf-8")
                headers = [(k, v) for k, v in scope["headers"] if k != b"content-length"]
                scope = dict(scope, headers=[*headers, (b"content-length", str(len(body)).encode())])
            replayed = False

            async def replay():
                nonlocal replayed
                if replayed:
                    return await receive()
                replayed = True
                return {"type": "http.request", "body": body, "more_body": more}

            return await app(scope, replay, send)

        return checked

    return wrap
