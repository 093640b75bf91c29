"""Propose the names gateways and tools use for the almanac's models, for a person to review.

A maintainer tool, run by `make crosscheck REF=...`: it reads the names in public reference
datasets found under REF,

- OpenRouter's model ids, from pydantic/genai-prices (`genai-prices/prices/providers/openrouter.yml`,
  every `equals:` id with an author prefix, such as openai/gpt-4o);
- LiteLLM's model keys (`litellm/litellm/*.json` and dated copies in `litellm/history/*/`), such
  as gpt-4o, gemini/gemini-1.5-flash or bedrock/anthropic.claude-3-5-sonnet-20241022-v2:0,

finds the almanac model each names (through name_lookup, as usage pricing will), and writes
each name the almanac does not hold yet as a row of model_names, with the dataset's own line as
its quote, to a proposals file. Nothing is added to sources/ by this tool: a person checks each
row against the dataset and copies what is right into sources/model_names/<gateway>.csv.
"""

import csv
import io
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import yaml

from .crosscheck import normalize
from .quotes import DATE, states

# The organization (used_by) whose names each dataset lists.
OPENROUTER = "openrouter"
LITELLM = "berriai"
# LiteLLM providers whose keys name a maker's model itself (not a host's fine-tune or re-packaging).
LITELLM_NAME_PROVIDERS = {
    "openai", "anthropic", "gemini", "vertex_ai-language-models", "vertex_ai-anthropic_models",
    "bedrock", "bedrock_converse", "openrouter", "deepseek", "xai", "mistral",
}
# What to strip from a gateway's name to reach the maker's: a Bedrock region and maker prefix
# (us.anthropic.), a Bedrock version suffix (-v2:0), a Vertex snapshot (@20240620), a variant (:free).
PREFIXES = re.compile(r"^(?:[a-z]{2}\.)?(?:anthropic|meta|mistral|amazon|cohere|ai21|deepseek)\.")
SUFFIXES = re.compile(r"(?:-v\d+(?::\d+)?|:[a-z0-9-]+)$")
JSON_KEY = re.compile(r'"([^"]+)":')
YAML_EQUALS = re.compile(r"^\s*(?:- )?equals: ['\"]?(?P<key>[^'\"\s]+)['\"]?\s*$")
# The citations of one field of one record, quoted ones first.
CITED = """
select c.source_id, c.quote, s.published from citations c left join sources s on s.id = c.source_id
where c.table_name = ? and c.field = ? and lower(c.record_id) = ? order by coalesce(c.quote, '') = '', c.source_id
"""
# Every quoted citation of a record about one model: the model, its names, prices, limits, events.
OF_THE_MODEL = """
select c.source_id, c.quote, s.published from citations c left join sources s on s.id = c.source_id
where coalesce(c.quote, '') <> '' and (
  (c.table_name = 'models' and c.record_id = :model)
  or (c.table_name in ('prices', 'context_windows') and c.record_id like :model || ',%')
  or (c.table_name = 'model_names' and c.record_id in (select used_by || ',' || name || ',' || effective_from from model_names where model_id = :model))
  or (c.table_name = 'events' and c.record_id in (select id from events where model_id = :model)))
order by c.table_name, c.record_id, c.field, c.source_id
"""
FIELDS = ("name", "used_by", "kind", "model_id", "effective_from", "effective_to", "source", "quote", "cite", "note", "matched", "dataset_file", "dataset_line")


@dataclass(frozen=True)
class Listed:
    name: str
    used_by: str
    source: str  # the id the dataset is cited by in sources/sources/datasets.yaml
    path: Path
    line: int
    quote: str


def openrouter_ids(ref):
    found = []
    for path in sorted(Path(ref).glob("genai-prices/prices/providers/openrouter.yml")):
        commit = (path.parents[2] / "SNAPSHOT_COMMIT.txt").read_text(encoding="utf-8").split()[0][:7]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = YAML_EQUALS.match(line)
            if match and "/" in match["key"]:
                found.append(Listed(match["key"], OPENROUTER, f"genai-prices-{commit}", path, number, line.strip()))
    return found


def litellm_keys(ref):
    found = []
    # The current file first: a key it holds is quoted from it, a key only older copies hold from those.
    for path in sorted(Path(ref).glob("litellm/litellm/*.json")) + sorted(Path(ref).glob("litellm/history/*/*.json")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        first_line, listed = {}, []
        for number, line in enumerate(lines, start=1):
            for key in JSON_KEY.findall(line):
                first_line.setdefault(key, number)
        for key, entry in json.loads(text).items():
            if isinstance(entry, dict) and entry.get("mode") == "chat" and entry.get("litellm_provider") in LITELLM_NAME_PROVIDERS:
                number = first_line[key]
                listed.append(Listed(key, LITELLM, litellm_source(path), path, number, lines[number - 1].strip()))
        found.extend(sorted(listed, key=lambda entry: entry.line))
    return found


def litellm_source(path):
    """The id LiteLLM's file is cited by: litellm-prices-<version>, the version from the folder's
    name (pypi-litellm-1.57.0) or from PROVENANCE.txt beside it."""
    provenance = path.parents[1] / "PROVENANCE.txt"
    for text in (path.parent.name, provenance.read_text(encoding="utf-8") if provenance.is_file() else ""):
        version = re.search(r"litellm-(\d+(?:\.\d+)+)", text)
        if version:
            return "litellm-prices-" + version[1].replace(".", "-")
    return "litellm-prices"


def candidates(name):
    """The maker's names a gateway's name may stand for, most literal first."""
    last = name.lower().split("/")[-1]
    bare = SUFFIXES.sub("", PREFIXES.sub("", last.split("@")[0]))
    seen = []
    for candidate in (name.lower(), last, PREFIXES.sub("", last), bare, bare.replace(".", "-")):
        if candidate not in seen:
            seen.append(candidate)
    return seen


def meanings(db, name):
    """The rows of name_lookup a name resolves through (every period of its best-ranked owner),
    and the almanac name matched; or ([], None)."""
    for candidate in candidates(name) + [normalize(name), same_words(db, name)]:
        rows = db.execute("select * from name_lookup where name = ? order by rank, used_by, effective_from", (candidate,)).fetchall()
        if rows:
            best = (rows[0]["rank"], rows[0]["used_by"])
            return [r for r in rows if (r["rank"], r["used_by"]) == best], candidate
    return [], None


def same_words(db, name):
    """The one model id with the same words in another order (gemini-flash-1.5 for
    gemini-1-5-flash), or None."""
    words = sorted(normalize(name).split("-"))
    ids = [row[0] for row in db.execute("select id from models") if sorted(row[0].split("-")) == words]
    return ids[0] if len(ids) == 1 else None


def period_sources(db, row):
    """The `cite` of a proposed period, as a YAML flow mapping: for each of its dates, a citation
    whose quote states it (the quote rule), from the period it copies or else from any record of
    the same model; failing that, the copied period's citation, for the reviewer to mend."""
    if row["rank"] == 1:
        record, table, fields = f"{row['used_by']},{row['name']},{row['effective_from']}", "model_names", ("effective_from", "effective_to")
    else:
        record, table, fields = row["model_id"], "models", ("release_date",)
    cites = {}
    for field in fields:
        target = "effective_from" if field == "release_date" else field
        value = row[target]
        if not value:
            continue
        copied = db.execute(CITED, (table, field, record.lower())).fetchall()
        found = copied + db.execute(OF_THE_MODEL, {"model": row["model_id"]}).fetchall()
        stating = [c for c in found if states(DATE, value, c["quote"], c["published"])]
        best = (stating or copied or [None])[0]
        if best:
            cites[target] = {"source": best["source_id"], "quote": best["quote"]} if best["quote"] else best["source_id"]
    return yaml.safe_dump(cites, default_flow_style=True, sort_keys=False, allow_unicode=True, width=10**6).strip() if cites else ""


def propose(db_path, ref):
    """Proposed model_names rows (dicts of FIELDS) for every listed name the almanac lacks."""
    db = sqlite3.connect(db_path)
    db.row_factory = sqlite3.Row
    held = {(r["used_by"], r["name"]) for r in db.execute("select used_by, name from model_names")}
    proposals, done = [], set()
    for listed in openrouter_ids(ref) + litellm_keys(ref):
        if (listed.used_by, listed.name) in held or (listed.used_by, listed.name) in done:
            continue
        rows, matched = meanings(db, listed.name)
        if not rows:
            continue
        done.add((listed.used_by, listed.name))
        for row in rows:
            owner = "the almanac's own id" if row["rank"] == 2 else "the model's name" if row["rank"] == 3 else f"{row['used_by']}'s name"
            proposals.append({
                "name": listed.name, "used_by": listed.used_by, "kind": "gateway", "model_id": row["model_id"],
                "effective_from": row["effective_from"], "effective_to": row["effective_to"] or "",
                "source": listed.source, "quote": listed.quote, "cite": period_sources(db, row),
                "note": f"The name stands for {matched} ({owner}); its period is that name's.",
                "matched": matched, "dataset_file": str(listed.path.relative_to(ref)), "dataset_line": listed.line,
            })
    return proposals


def proposals_csv(proposals):
    out = io.StringIO()
    writer = csv.DictWriter(out, FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(proposals)
    return out.getvalue()
