"""A synthetic sources/ folder N times the size of the real one, for the benchmarks.

Copy 0 is sources/ itself, file for file. Each further copy k repeats every file in its own
format (CSV stays CSV, YAML stays YAML) with every identifier and every reference to one given
the suffix `-r<k>`, so each copy is a complete, valid corpus of its own and the whole folder
builds without a problem. The same input always gives the same bytes.

The quote rule's list of exceptions (docs/quote-rule-exceptions.csv) is written for the copies
too, beside the folder, so the copies are held to the rule exactly as sources/ is.

The founding review's claims stay in copy 0 only: a claim is a query over the whole database,
so copying them would grow the claims' cost with the square of the corpus, which no real corpus
does.

Every file of a copy is rendered once with a placeholder suffix, and each copy replaces the
placeholder: writing 1000 copies costs little more than writing the files.

    python bench/generate.py OUT COPIES    (writes OUT and OUT.exceptions.csv)
"""

import csv
import io
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from almanac import quote_rule  # noqa: E402
from almanac.load import load_sources  # noqa: E402
from almanac.schema import SLUG, TABLES_BY_NAME  # noqa: E402

# Not a character any identifier or text of the corpus holds, so replacing it touches only the
# suffixes put there.
PLACEHOLDER = "\u2063r\u2063"
NOT_COPIED = {"claims"}
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def renamed_values(record, suffix):
    """The record's values with every identifier and reference given `suffix`."""
    table = TABLES_BY_NAME[record.table]
    values = dict(record.values)
    for column in table.recorded:
        value = values.get(column.name)
        if isinstance(value, str) and column.type == SLUG and column.name != "leaderboard":
            values[column.name] = value + suffix
    if record.table == "leaderboard_scores":
        values["entry"] = values["entry"] + suffix
    if isinstance(values.get("source"), str):
        values["source"] += suffix
    cite = values.get("cite")
    if isinstance(cite, str) and cite.lstrip().startswith("{"):  # a CSV cell holding a flow mapping
        mapping = {field: renamed_cite(spec, suffix) for field, spec in yaml.safe_load(cite).items()}
        values["cite"] = yaml.dump(mapping, Dumper=Dumper, default_flow_style=True, allow_unicode=True, width=10_000).strip()
    elif isinstance(cite, str):
        values["cite"] = "; ".join(f"{part.strip()}{suffix}" for part in cite.split(";") if part.strip())
    elif isinstance(cite, dict):
        values["cite"] = {field: renamed_cite(spec, suffix) for field, spec in cite.items()}
    return values


def renamed_cite(spec, suffix):
    """A `cite` entry (a source id, {source, quote}, or a list of them) with its sources renamed."""
    if isinstance(spec, list):
        return [renamed_cite(item, suffix) for item in spec]
    if isinstance(spec, dict):
        return {**spec, "source": spec["source"] + suffix}
    return spec + suffix


def render(path, records):
    """The text of one file of a copy, its suffixes written as the placeholder."""
    rows = [renamed_values(record, PLACEHOLDER) for record in records]
    if path.suffix == ".csv":
        header = list(rows[0])
        output = io.StringIO(newline="")
        writer = csv.writer(output, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([["" if row.get(name) is None else row[name] for name in header] for row in rows])
        return output.getvalue()
    rows = [{key: value for key, value in row.items() if value is not None} for row in rows]
    return yaml.dump(rows, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=10_000)


def generate(out, copies, sources=ROOT / "sources", exceptions=ROOT / quote_rule.EXCEPTIONS):
    """Write `copies` copies of `sources` to `out` (replaced if it exists), and the quote rule's
    `exceptions` for them beside it (none when it is None). Returns the number of records."""
    records, problems = load_sources(sources)
    if problems:
        raise SystemExit(f"{sources} has problems; fix them before benchmarking: {problems[0]}")
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(sources, out)
    by_file = {}
    for record in records:
        by_file.setdefault(record.where.path, []).append(record)
    written = len(records)
    for shown, file_records in by_file.items():
        if file_records[0].table in NOT_COPIED:
            continue
        path = out.joinpath(*Path(shown).parts[1:])
        template = render(path, file_records)
        for copy in range(1, copies):
            target = path.with_name(f"{path.stem}-r{copy}{path.suffix}")
            target.write_text(template.replace(PLACEHOLDER, f"-r{copy}"), encoding="utf-8")
            written += len(file_records)
    write_exceptions(exceptions, exceptions_path(out), copies)
    return written


def exceptions_path(out):
    return Path(out).with_name(Path(out).name + ".exceptions.csv")


def write_exceptions(exceptions, path, copies):
    """The quote rule's exceptions for every copy: each row's record and source renamed."""
    header = ",".join(quote_rule.EXCEPTIONS_HEADER) + "\n"
    text = Path(exceptions).read_text(encoding="utf-8") if exceptions else header
    rows = list(csv.reader(io.StringIO(text, newline="")))
    template = io.StringIO(newline="")
    writer = csv.writer(template, lineterminator="\n")
    for table, record, field, source, reason in rows[1:]:
        writer.writerow([table, renamed_key(table, record, PLACEHOLDER), field, source + PLACEHOLDER, reason])
    template = template.getvalue()
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(text if text.endswith("\n") else text + "\n")
        for copy in range(1, copies):
            out.write(template.replace(PLACEHOLDER, f"-r{copy}"))


def renamed_key(table_name, record_id, suffix):
    """A record id (its key's values joined by commas) as renamed_values renames the record."""
    table = TABLES_BY_NAME[table_name]
    parts = record_id.split(",")
    if len(parts) != len(table.key):
        return record_id
    types = {column.name: column.type for column in table.columns}
    return ",".join(
        part + suffix if types[name] == SLUG and name != "leaderboard" or (table_name, name) == ("leaderboard_scores", "entry") else part
        for name, part in zip(table.key, parts)
    )


if __name__ == "__main__":
    print(generate(Path(sys.argv[1]), int(sys.argv[2])))
