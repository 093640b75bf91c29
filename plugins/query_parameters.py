"""Named parameters of canned queries: safe defaults and clear errors.

A canned query may declare its parameters in metadata (`parameters: {name: {type, default,
description}}`). Before Datasette runs it, this wrapper fills in the default of every parameter
that is missing or empty (so the form shows it and the SQL never sees ''), and answers 400 with a
message naming the parameter when a value is malformed, in HTML, JSON or CSV as asked. SQL values
always travel as bound parameters; nothing here builds SQL.
"""

import datetime
import json
import re
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response

# Longest value accepted for any parameter: enough for a search phrase or an id, short enough
# that no request can make a query scan with a megabyte of text.
MAX_LENGTH = 200
# The largest whole number a parameter may take: far above any real token count or item count,
# and small enough that the product of two such values stays exact in SQLite's 64-bit integers.
MAX_INTEGER = 10**9

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MONTH = re.compile(r"^\d{4}-\d{2}$")
DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def check_integer(value):
    if not re.fullmatch(r"\d+", value) or int(value) > MAX_INTEGER:
        raise ValueError(f"expected a whole number from 0 to {MAX_INTEGER:,}")


def check_number(value):
    try:
        number = float(value)
    except ValueError:
        raise ValueError("expected a number") from None
    if not 0 <= number <= MAX_INTEGER:
        raise ValueError(f"expected a number from 0 to {MAX_INTEGER:,}")


def check_date(value):
    if not DATE.match(value):
        raise ValueError("expected a date written YYYY-MM-DD (or YYYY-MM, YYYY)")
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        datetime.date(*parts[:3])
    except ValueError:
        raise ValueError("is not a real date") from None


def check_month(value):
    if not MONTH.match(value) or not 1 <= int(value[5:]) <= 12:
        raise ValueError("expected a month written YYYY-MM")


def check_slug(value):
    if not SLUG.match(value):
        raise ValueError("expected an id of lowercase letters, digits and hyphens, such as gpt-4o")


def check_text(value):
    pass


CHECKS = {
    "integer": check_integer,
    "number": check_number,
    "date": check_date,
    "month": check_month,
    "slug": check_slug,
    "text": check_text,
    "search": check_text,
}


def resolve(parameters, args):
    """Returns (args with defaults filled in, [problem messages])."""
    resolved = dict(args)
    problems = []
    for name, spec in parameters.items():
        value = (args.get(name) or "").strip()
        if value == "":
            resolved[name] = str(spec.get("default", ""))
            continue
        if len(value) > MAX_LENGTH:
            problems.append(f"{name}: longer than {MAX_LENGTH} characters")
            continue
        try:
            CHECKS[spec.get("type", "text")](value)
            if spec.get("choices") and value not in spec["choices"]:
                raise ValueError(f"expected one of {', '.join(spec['choices'])}")
        except ValueError as error:
            problems.append(f"{name}: {error}, got {value!r}")
            continue
        resolved[name] = value
    return resolved, problems


def split_path(path):
    """('almanac', 'cost_estimate', '.json') for /almanac/cost_estimate.json, else None."""
    match = re.match(r"^/([^/]+)/([^/.]+)(\.json|\.csv)?$", path)
    return match.groups() if match else None


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def checked(scope, receive, send):
            if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
                return await app(scope, receive, send)
            parts = split_path(scope["path"])
            query = None
            if parts:
                database, name, _ = parts
                if database in datasette.databases:
                    query = await datasette.get_canned_query(database, name, None)
            parameters = (query or {}).get("parameters")
            if not parameters:
                return await app(scope, receive, send)
            args = dict(parse_qsl(scope.get("query_string", b"").decode("utf-8", "replace"), keep_blank_values=True))
            resolved, problems = resolve(parameters, args)
            if problems:
                response = await error_response(datasette, parts[2], name, problems)
                return await response.asgi_send(send)
            scope = dict(scope, query_string=urlencode(resolved).encode("utf-8"))
            return await app(scope, receive, send)

        return checked

    return wrap


async def error_response(datasette, extension, name, problems):
    message = f"Invalid parameter for {name}: " + "; ".join(problems)
    if extension == ".json":
        return Response(json.dumps({"ok": False, "error": message, "status": 400}), status=400, content_type="application/json; charset=utf-8")
    if extension == ".csv":
        return Response.text(message + "\n", status=400)
    html = await datasette.render_template("error.html", {"ok": False, "error": message, "status": 400, "title": "Invalid parameter"})
    return Response.html(html, status=400)
