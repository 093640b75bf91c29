"""Named parameters of canned queries: safe defaults and clear errors.

A canned query may declare its parameters in metadata (`parameters: {name: {type, default,
description}}`). Before Datasette runs it, this wrapper fills in the default of every parameter
that is missing or empty (so the form shows it and the SQL never sees ''), writes values the way
the SQL wants them (a token count of "1M", "200k" or "1,000" as a whole number; a model named by
its name, id or alias as its id), and answers 400 with a message naming the parameter when a
value is malformed: in JSON or CSV as the error alone, in HTML as the query's own page with the
form showing the value typed and the message beside its field. SQL values always travel as bound
parameters; nothing here builds SQL.
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

COUNT = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*([kKmMbB]?)$")
MULTIPLIERS = {"": 1, "k": 10**3, "m": 10**6, "b": 10**9}
# The one resolver of model names: name_lookup, the derived table of every id, name and alias.
# A model asked for without a day is the model whose id it is, else the best-ranked name.
RESOLVE_MODEL = """
select model_id from name_lookup where name = lower(trim(:name))
order by rank <> 2, rank, used_by limit 1
"""
DATABASE = "almanac"

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MONTH = re.compile(r"^\d{4}-\d{2}$")
DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def check_integer(value):
    """'1M' -> '1000000', '200k' -> '200000', '1,000' -> '1000'."""
    match = COUNT.match(value)
    if match:
        digits, suffix = match.groups()
        number = float(digits.replace(",", "")) * MULTIPLIERS[suffix.lower()]
        if number.is_integer() and number <= MAX_INTEGER:
            return str(int(number))
    raise ValueError(f"expected a whole number from 0 to {MAX_INTEGER:,} (1,000, 200k and 1M are fine)")


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


def check_model(value):
    """Models are resolved against the database in `resolve_models`; here only the length."""


CHECKS = {
    "model": check_model,
    "model_name": check_model,
    "integer": check_integer,
    "number": check_number,
    "date": check_date,
    "month": check_month,
    "slug": check_slug,
    "text": check_text,
    "search": check_text,
}


def resolve(parameters, args):
    """Returns (args with defaults filled in and values normalised, {parameter: problem})."""
    resolved = dict(args)
    problems = {}
    for name, spec in parameters.items():
        value = (args.get(name) or "").strip()
        if value == "":
            resolved[name] = str(spec.get("default", ""))
            continue
        if len(value) > MAX_LENGTH:
            problems[name] = f"longer than {MAX_LENGTH} characters"
            continue
        try:
            normalised = CHECKS[spec.get("type", "text")](value)
            if spec.get("choices") and value not in spec["choices"]:
                raise ValueError(f"expected one of {', '.join(spec['choices'])}")
        except ValueError as error:
            problems[name] = f"{error}, got {value!r}"
            continue
        resolved[name] = value if normalised is None else normalised
    return resolved, problems


async def resolve_models(datasette, parameters, resolved, problems):
    """A `model` parameter becomes the id of the model it names; a `model_name` stays as typed
    (its query resolves it on its own day) but must name something."""
    for name, spec in parameters.items():
        if spec.get("type") not in ("model", "model_name") or name in problems or resolved.get(name, "") == "":
            continue
        if resolved[name] == str(spec.get("default", "")):
            continue
        result = await datasette.get_database(DATABASE).execute(RESOLVE_MODEL, {"name": resolved[name]})
        if not result.rows:
            problems[name] = f"no model, name or alias {resolved[name]!r} is known (pick one from the list)"
        elif spec["type"] == "model":
            resolved[name] = result.rows[0][0]


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
            await resolve_models(datasette, parameters, resolved, problems)
            if problems and parts[2]:
                response = await error_response(parts[2], name, problems)
                return await response.asgi_send(send)
            if problems:
                # The query's page again, run with the defaults in place of the refused values
                # (templates/query.html shows the typed values and the reasons, not the rows).
                for parameter in problems:
                    resolved[parameter] = str(parameters[parameter].get("default", ""))
                scope = dict(scope, almanac_problems=problems, almanac_typed={p: args.get(p, "") for p in problems})
                send = with_status(send, 400)
            scope = dict(scope, query_string=urlencode(resolved).encode("utf-8"))
            return await app(scope, receive, send)

        return checked

    return wrap


def with_status(send, status):
    async def sending(message):
        if message["type"] == "http.response.start":
            message = dict(message, status=status)
        await send(message)

    return sending


async def error_response(extension, name, problems):
    message = f"Invalid parameter for {name}: " + "; ".join(f"{parameter}: {problem}" for parameter, problem in problems.items())
    if extension == ".json":
        return Response(json.dumps({"ok": False, "error": message, "status": 400}), status=400, content_type="application/json; charset=utf-8")
    return Response.text(message + "\n", status=400)
