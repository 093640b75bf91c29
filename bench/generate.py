"""A synthetic sources/ folder N times the size of the real one, for the benchmarks.

Copy 0 is sources/ itself, file for file. Each further copy k repeats every file in its own
format (CSV stays CSV, YAML stays YAML) with every identifier and every reference to one given
the suffix `-r<k>`, so each copy is a complete, valid corpus of its own and the whole folder
builds without a problem. The same input always gives the same bytes.

The founding review's claims stay in copy 0 only: a claim is a query over the whole database,
so copying them would grow the claims' cost with the square of the corpus, which no real corpus
does.

Every file of a copy is rendered once with a placeholder suffix, and each copy replaces the
placeholder: writing 1000 copies costs little more than writing the files.

    python bench/generate.py OUT COPIES
"""

import csv
import io
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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
    if isinstance(cite, str):
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


def generate(out, copies, sources=ROOT / "sources"):
    """Write `copies` copies of `sources` to `out` (replaced if it exists). Returns the number
    of records written."""
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
    return written


if __name__ == "__main__":
    print(generate(Path(sys.argv[1]), int(sys.argv[2])))
