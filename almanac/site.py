"""Write the Datasette configuration: metadata.yml and settings.json.

metadata.yml = config/site.yml (title, licence, links, plugin settings)
             + the description of every table and column, from the schema
             + display defaults of every table (sort, facets, label column), from the schema
             + the canned queries, one per file in queries/*.sql
             + the curated charts of config/dashboards.yml, each with its canned query's SQL
             + the public address and the list of discovery files (almanac/discovery.py).
settings.json = config/settings.yml (each limit with the comment giving its reason).
"""

import json
import re
from pathlib import Path

import yaml

from .discovery import configure
from .files import write_text_atomically
from .schema import TABLES

DATABASE = "almanac"
# A line of a canned query that stands for a SQL file of the project, written into its place: one
# SQL (almanac/price_usage.sql) serves a canned query, a command and the static snapshot.
INCLUDE = re.compile(r"^[ \t]*-- include: (\S+\.sql)[ \t]*$", re.MULTILINE)


class TextDatesLoader(yaml.SafeLoader):
    """YAML as written in config/ and query headers, except that dates stay text (2024-12-31 is a
    parameter default, not a Python date that JSON cannot carry)."""


TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text):
    return yaml.load(text, Loader=TextDatesLoader)


def table_metadata(table):
    meta = {
        "description": table.description,
        "columns": {column.name: column.description for column in table.columns},
    }
    if table.label_column:
        meta["label_column"] = table.label_column
    if table.sort:
        meta["sort_desc" if table.sort_desc else "sort"] = table.sort
    if table.facets:
        meta["facets"] = list(table.facets)
    return meta


def read_query(path):
    """A canned query file: a header of '-- key: value' lines (YAML), then the SQL."""
    header, sql = [], []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if line.startswith("--"):
            header.append(line[2:].removeprefix(" "))
        else:
            sql = lines[index:]
            break
    meta = load_yaml("\n".join(header)) or {}
    if not isinstance(meta, dict):
        raise ValueError(f"{path}: the '-- key: value' header must be a mapping")
    meta["sql"] = include("\n".join(sql).strip(), Path(path).resolve().parent.parent)
    return meta


def include(sql, project):
    """The SQL with every `-- include: path.sql` line replaced by that file of the project."""

    def contents(match):
        target = (project / match.group(1)).resolve()
        if not target.is_relative_to(project) or not target.is_file():
            raise ValueError(f"include: {match.group(1)} is not a SQL file of the project")
        return target.read_text(encoding="utf-8").strip()

    return INCLUDE.sub(contents, sql)


def queries(folder):
    return {path.stem: read_query(path) for path in sorted(Path(folder).glob("*.sql"))}


def dashboards(config_dir, canned):
    """datasette-dashboards configuration: every chart gets the SQL of the canned query it names,
    and the dashboard a filter (with the query's default) for every parameter its charts use."""
    boards = load_yaml((Path(config_dir) / "dashboards.yml").read_text(encoding="utf-8")) or {}
    for slug, board in boards.items():
        filters = {}
        for chart_slug, chart in board.get("charts", {}).items():
            name = chart.pop("query")
            if name not in canned:
                raise ValueError(f"config/dashboards.yml: chart {slug}/{chart_slug} names unknown query {name!r}")
            query = canned[name]
            chart.update({"db": DATABASE, "query": query["sql"], "library": "vega-lite"})
            chart.setdefault("title", query.get("title", name))
            for param, spec in (query.get("parameters") or {}).items():
                filters[param] = {"name": spec.get("description", param), "type": "text", "default": str(spec.get("default", ""))}
        board["filters"] = filters
    return boards


def metadata(config_dir, queries_dir):
    site = load_yaml((Path(config_dir) / "site.yml").read_text(encoding="utf-8"))
    database = site.setdefault("databases", {}).setdefault(DATABASE, {})
    database.setdefault("tables", {}).update({table.name: table_metadata(table) for table in TABLES})
    database["queries"] = queries(queries_dir)
    site.setdefault("plugins", {})["datasette-dashboards"] = dashboards(config_dir, database["queries"])
    return configure(site, DATABASE, [table.name for table in TABLES], database["queries"])


def settings(config_dir):
    return load_yaml((Path(config_dir) / "settings.yml").read_text(encoding="utf-8"))


def write_site(project, target=None):
    """Write metadata.yml and settings.json, from the project's config/ and queries/, into the
    Datasette configuration folder `target` (the project itself by default)."""
    project = Path(project)
    target = Path(target or project)
    meta = metadata(project / "config", project / "queries")
    header = "# Written by `python build_db.py site` from almanac/schema.py, config/ and queries/: edit those.\n"
    write_text_atomically(target / "metadata.yml", header + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100))
    write_text_atomically(target / "settings.json", json.dumps(settings(project / "config"), indent=2) + "\n")

