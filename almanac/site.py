"""Write the Datasette configuration: metadata.yml and settings.json.

metadata.yml = config/site.yml (title, licence, links, plugin settings)
             + the description of every table and column, from the schema
             + display defaults of every table (sort, facets, label column), from the schema
             + the canned queries, one per file in queries/*.sql.
settings.json = config/settings.yml (each limit with the comment giving its reason).
"""

import json
import os
from pathlib import Path

import yaml

from .schema import TABLES

DATABASE = "almanac"


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
    meta = yaml.safe_load("\n".join(header)) or {}
    if not isinstance(meta, dict):
        raise ValueError(f"{path}: the '-- key: value' header must be a mapping")
    meta["sql"] = "\n".join(sql).strip()
    return meta


def queries(folder):
    return {path.stem: read_query(path) for path in sorted(Path(folder).glob("*.sql"))}


def metadata(config_dir, queries_dir):
    site = yaml.safe_load((Path(config_dir) / "site.yml").read_text(encoding="utf-8"))
    database = site.setdefault("databases", {}).setdefault(DATABASE, {})
    database.setdefault("tables", {}).update({table.name: table_metadata(table) for table in TABLES})
    database["queries"] = queries(queries_dir)
    return site


def settings(config_dir):
    return yaml.safe_load((Path(config_dir) / "settings.yml").read_text(encoding="utf-8"))


def write_site(project, target=None):
    """Write metadata.yml and settings.json, from the project's config/ and queries/, into the
    Datasette configuration folder `target` (the project itself by default)."""
    project = Path(project)
    target = Path(target or project)
    meta = metadata(project / "config", project / "queries")
    header = "# Written by `python build_db.py site` from almanac/schema.py, config/ and queries/: edit those.\n"
    write_atomically(target / "metadata.yml", header + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100))
    write_atomically(target / "settings.json", json.dumps(settings(project / "config"), indent=2) + "\n")


def write_atomically(path, text):
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
