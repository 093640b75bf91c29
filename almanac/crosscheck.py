"""Compare the almanac with public reference datasets and report where they disagree.

A maintainer tool: `make crosscheck REF=path/to/reference` reads the built database and, from the
folder REF, whichever of these it finds:

- models.dev (`models.dev*/providers/<provider>/models/*.toml`): release date, knowledge cutoff,
  context and output limits, open weights, input modalities, current prices;
- LiteLLM's price file (`litellm/litellm/*.json`): context and output limits, current prices;
- Epoch AI's database (`epoch/data/All ML Systems - full view.csv`): parameters, training compute,
  chip-hours, publication date;
- genai-prices (`genai-prices/prices/providers/*.yml`): current prices, and the prices it dates
  (`constraint: start_date`), each compared with the almanac's price in force on that day, so the
  2025-2026 price changes are checked as periods, not only as today's price.

A disagreement is a reason to look again, not proof of an error: the datasets disagree with each
other and with the makers. Reasons for the disagreements kept are written in
docs/crosscheck-reasons.yml (by model, field and dataset); the report shows each beside its row.
"""

import csv
import datetime
import json
import re
import sqlite3
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml

# Our organization -> the folder (models.dev) or provider name (LiteLLM) of its own API.
MODELS_DEV_PROVIDERS = {
    "openai": "openai", "anthropic": "anthropic", "google": "google", "mistral": "mistral",
    "deepseek": "deepseek", "xai": "xai", "alibaba": "alibaba", "amazon": "amazon-bedrock",
    "zhipu-ai": "zhipuai", "moonshot-ai": "moonshotai", "meta": "llama",
}
LITELLM_PROVIDERS = {
    "openai": "openai", "anthropic": "anthropic", "google": "gemini", "mistral": "mistral",
    "deepseek": "deepseek", "xai": "xai", "cohere": "cohere_chat", "ai21-labs": "ai21_chat",
    "perplexity": "perplexity", "amazon": "bedrock_converse",
}
GENAI_PRICES_PROVIDERS = {
    "openai": "openai", "anthropic": "anthropic", "google": "google", "mistral": "mistral",
    "deepseek": "deepseek", "xai": "x_ai", "cohere": "cohere", "perplexity": "perplexity",
    "moonshot-ai": "moonshotai", "zhipu-ai": "zhipuai", "minimax": "minimax",
}
# A field compared on a day: "input_usd_per_mtok on 2025-06-10".
ON_DAY = " on "
DATE_SUFFIX = re.compile(r"-(\d{8}|\d{4}-\d{2}-\d{2}|\d{4}|\d{2}-20\d{2}|latest|001|002)$")  # MM-YYYY, not 4.20-0309


@dataclass(frozen=True)
class Disagreement:
    model_id: str
    field: str
    ours: object
    theirs: object
    dataset: str
    reason: str = ""


def normalize(name):
    """A dataset's model name as an almanac id: 'Gemini 1.5 Flash-8B' -> 'gemini-1-5-flash-8b'."""
    name = name.lower().split("/")[-1]
    name = re.sub(r"[^a-z0-9]+", "-", name).strip("-")
    previous = None
    while previous != name:
        previous, name = name, DATE_SUFFIX.sub("", name)
    return name


def read_ours(db_path):
    """{model_id: {field: value}} from the built database: the latest limits and the latest
    standard price on the maker's own API."""
    db = sqlite3.connect(db_path)
    db.row_factory = sqlite3.Row
    ours = {}
    for row in db.execute("select * from models"):
        ours[row["id"]] = {
            "organization_id": row["organization_id"],
            "release_date": row["release_date"],
            "knowledge_cutoff": row["knowledge_cutoff"],
            "context_window": row["context_window"],
            "max_output_tokens": row["max_output_tokens"],
            "open_weights": bool(row["open_weights"]),
            "parameters_b": row["parameters_b"],
        }
    for row in db.execute("select model_id, group_concat(modality) as modalities from (select * from model_modalities where direction = 'input' order by modality) group by model_id"):
        ours[row["model_id"]]["input_modalities"] = set(row["modalities"].split(","))
    latest = "select p.* from prices p join models m on m.id = p.model_id where p.tier = 'standard' and p.provider_id = m.organization_id and p.effective_to is null"
    for row in db.execute(latest):
        ours[row["model_id"]]["input_usd_per_mtok"] = row["input_usd_per_mtok"]
        ours[row["model_id"]]["output_usd_per_mtok"] = row["output_usd_per_mtok"]
    for row in db.execute("select * from training_runs"):
        ours[row["model_id"]]["gpu_hours"] = row["gpu_hours"]
        ours[row["model_id"]]["training_compute_flop"] = row["training_compute_flop"]
    return ours


def read_models_dev(ref):
    found = {}
    for folder in sorted(Path(ref).glob("models.dev*/providers")):
        for organization, provider in MODELS_DEV_PROVIDERS.items():
            for path in sorted((folder / provider / "models").glob("*.toml")):
                try:
                    data = tomllib.loads(path.read_text(encoding="utf-8"))
                except tomllib.TOMLDecodeError:
                    continue  # a symbolic link stored as text ("../../zai/models/glm-4.5.toml")
                key = normalize(path.stem)
                if key in found:
                    continue  # the first (undated or earliest) snapshot stands for the model
                limit, cost, modalities = data.get("limit", {}), data.get("cost", {}), data.get("modalities", {})
                found[key] = {
                    "organization_id": organization,
                    "release_date": data.get("release_date"),
                    "knowledge_cutoff": data.get("knowledge"),
                    "context_window": limit.get("context"),
                    "max_output_tokens": limit.get("output"),
                    "open_weights": data.get("open_weights"),
                    "input_modalities": set(modalities.get("input", [])) or None,
                    "input_usd_per_mtok": cost.get("input"),
                    "output_usd_per_mtok": cost.get("output"),
                }
    return found


def per_million(per_token):
    """LiteLLM's USD per token as USD per million tokens."""
    return None if per_token is None else round(per_token * 1e6, 6)


def read_litellm(ref):
    found = {}
    providers = {provider: organization for organization, provider in LITELLM_PROVIDERS.items()}
    for path in sorted(Path(ref).glob("litellm/litellm/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for name, entry in sorted(data.items()):
            if not isinstance(entry, dict) or entry.get("mode") != "chat" or entry.get("litellm_provider") not in providers:
                continue
            key = normalize(name)
            if key in found:
                continue
            found[key] = {
                "organization_id": providers[entry["litellm_provider"]],
                "context_window": entry.get("max_input_tokens"),
                "max_output_tokens": entry.get("max_output_tokens"),
                "input_usd_per_mtok": per_million(entry.get("input_cost_per_token")),
                "output_usd_per_mtok": per_million(entry.get("output_cost_per_token")),
            }
    return found


def read_epoch(ref):
    found = {}
    for path in sorted(Path(ref).glob("epoch/data/All ML Systems - full view.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                key = normalize(row["Model"])
                number = lambda name: float(row[name]) if row.get(name) not in (None, "") else None  # noqa: E731
                parameters = number("Parameters")
                found.setdefault(key, {
                    "parameters_b": None if parameters is None else round(parameters / 1e9, 3),
                    "training_compute_flop": number("Training compute (FLOP)"),
                    "gpu_hours": number("Training chip-hours"),
                    "release_date": row.get("Publication date") or None,
                })
    return found


def genai_price(prices, field):
    """A genai-prices price: a figure, or tiers whose base is the price below the first tier."""
    value = prices.get(field)
    return value.get("base") if isinstance(value, dict) else value


def read_genai_prices(ref):
    found = {}
    for organization, provider in GENAI_PRICES_PROVIDERS.items():
        for path in sorted(Path(ref).glob(f"genai-prices/prices/providers/{provider}.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for model in data.get("models") or []:
                key = normalize(str(model.get("id", "")))
                if not key or key in found:
                    continue
                periods = model.get("prices")
                periods = periods if isinstance(periods, list) else [{"prices": periods or {}}]
                fields = {"organization_id": organization}
                for period in periods:
                    start = (period.get("constraint") or {}).get("start_date")
                    prices = period.get("prices") or {}
                    if period.get("constraint") and not start:
                        continue  # a constraint by time of day or by region: no price of the day
                    for name, mine in (("input_mtok", "input_usd_per_mtok"), ("output_mtok", "output_usd_per_mtok")):
                        value = genai_price(prices, name)
                        if value is None:
                            continue
                        fields[mine] = value  # the last period listed is the price today
                        if start:
                            fields[f"{mine}{ON_DAY}{start}"] = value
                found[key] = fields
    return found


def add_prices_on_days(db_path, ours, datasets):
    """Our standard list price in dollars on each day a dataset dates a price of."""
    db = sqlite3.connect(db_path)
    query = (
        "select input_usd_per_mtok, output_usd_per_mtok from prices p join models m on m.id = p.model_id "
        "where p.model_id = ? and p.provider_id = m.organization_id and p.tier = 'standard' and p.offer = 'list' "
        "and p.input_usd_per_mtok is not null and p.effective_from <= ? and (p.effective_to is null or p.effective_to > ?)"
    )
    for theirs in datasets.values():
        for model_id, fields in theirs.items():
            if model_id not in ours:
                continue
            for field in fields:
                if ON_DAY in field:
                    column, day = field.split(ON_DAY)
                    row = db.execute(query, (model_id, str(day), str(day))).fetchone()
                    ours[model_id][field] = None if row is None else row[0 if column.startswith("input") else 1]
    db.close()


def same(field, ours, theirs):
    if field in ("release_date", "knowledge_cutoff"):
        # Compare only as precisely as the less precise of the two dates.
        a, b = str(ours).replace("/", "-"), str(theirs).replace("/", "-")
        length = min(len(a), len(b))
        return a[:length] == b[:length]
    if field == "input_modalities":
        return set(ours) == set(theirs)
    if isinstance(ours, bool) or isinstance(theirs, bool):
        return bool(ours) == bool(theirs)
    if isinstance(ours, (int, float)) and isinstance(theirs, (int, float)):
        if field in ("parameters_b", "training_compute_flop", "gpu_hours"):
            return abs(ours - theirs) <= 0.02 * max(abs(ours), abs(theirs))  # Epoch rounds
        return abs(ours - theirs) < 1e-9
    return ours == theirs


def compare(ours, datasets):
    """Every field where a dataset's value for one of our models differs from ours (both known)."""
    found = []
    for dataset, theirs in datasets.items():
        for model_id, mine in sorted(ours.items()):
            other = theirs.get(model_id)
            if other is None:
                continue
            if other.get("organization_id") not in (None, mine["organization_id"]):
                continue  # a namesake from another maker
            for field, value in other.items():
                if field == "organization_id" or value is None or mine.get(field) is None:
                    continue
                if not same(field, mine[field], value):
                    found.append(Disagreement(model_id, field, mine[field], value, dataset))
    return found


def explain(disagreement, reasons):
    """The reason kept for a disagreement: one written for it, or one of the standing patterns."""
    for key in ((disagreement.model_id, disagreement.field, disagreement.dataset), (disagreement.model_id, disagreement.field, "*"), ("*", disagreement.field, disagreement.dataset)):
        if key in reasons:
            return reasons[key]
    ours, theirs = disagreement.ours, disagreement.theirs
    days = days_apart(ours, theirs) if disagreement.field == "release_date" else None
    if days is not None and days <= 2:
        return "Within two days: the maker's post and the dataset date the release in different time zones, or by different posts of the same week."
    if disagreement.field in ("context_window", "max_output_tokens") and isinstance(ours, int) and isinstance(theirs, (int, float)):
        if ours % 1000 == 0 and theirs % 1024 == 0 and ours // 1000 == theirs // 1024:
            return f'The source states "{ours // 1000}K", recorded as {ours}; the dataset has the power-of-two figure.'
    return ""


def days_apart(a, b):
    """Days between two full dates, or None when either is less precise than a day."""
    try:
        return abs((datetime.date.fromisoformat(str(a)) - datetime.date.fromisoformat(str(b))).days)
    except ValueError:
        return None


def read_reasons(path):
    reasons = {}
    if path and Path(path).exists():
        for entry in yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []:
            reasons[(entry["model_id"], entry["field"], entry.get("dataset", "*"))] = entry["reason"]
    return reasons


def show(value):
    if isinstance(value, set):
        return ", ".join(sorted(value))
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def report(disagreements, datasets_read):
    explained = sum(1 for d in disagreements if d.reason)
    lines = [
        "# Cross-check against reference datasets",
        "",
        "Written by `make crosscheck REF=...` from the built database. Each row is a field where a public",
        "dataset's value for one of the almanac's models differs from the almanac's; the reason says why",
        "the almanac's value stands (reasons live in docs/crosscheck-reasons.yml).",
        "",
        f"Datasets read: {', '.join(datasets_read) or 'none'}. {len(disagreements)} disagreements, {explained} with a reason.",
        "",
        "| model | field | ours | theirs | dataset | reason |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for d in disagreements:
        cells = [d.model_id, d.field, show(d.ours), show(d.theirs), d.dataset, d.reason or "**unexplained**"]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def crosscheck(db_path, ref, reasons_path=None):
    """Returns (disagreements with their reasons, names of the datasets found in `ref`)."""
    readers = {"models.dev": read_models_dev, "litellm": read_litellm, "epoch": read_epoch, "genai-prices": read_genai_prices}
    datasets = {name: reader(ref) for name, reader in readers.items()}
    datasets = {name: data for name, data in datasets.items() if data}
    reasons = read_reasons(reasons_path)
    ours = read_ours(db_path)
    add_prices_on_days(db_path, ours, datasets)
    found = [Disagreement(d.model_id, d.field, d.ours, d.theirs, d.dataset, explain(d, reasons)) for d in compare(ours, datasets)]
    return found, sorted(datasets)
