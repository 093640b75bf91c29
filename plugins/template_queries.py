"""Canned queries inside templates: `{% for row in almanac_query("cost_estimate") %}`.

The home page, the model page and the about page state numbers computed from the database when
the page is requested, by running the same canned queries that their links point to. Parameters
not given take the defaults the query declares; values are bound, never pasted into SQL.
"""

from datasette import hookimpl

DATABASE = "almanac"


@hookimpl
def extra_template_vars(datasette):
    async def canned(name):
        query = await datasette.get_canned_query(DATABASE, name, None)
        if query is None:
            raise KeyError(f"no canned query named {name!r}")
        return query

    async def almanac_defaults(name):
        """The default of every parameter the query declares: {name: value as text}."""
        query = await canned(name)
        return {key: str(spec.get("default", "")) for key, spec in (query.get("parameters") or {}).items()}

    async def almanac_query(name, **params):
        query = await canned(name)
        args = await almanac_defaults(name)
        args.update({key: str(value) for key, value in params.items()})
        result = await datasette.get_database(DATABASE).execute(query["sql"], args)
        return [dict(row) for row in result.rows]

    return {"almanac_query": almanac_query, "almanac_defaults": almanac_defaults}
