"""Reading CSV and YAML records: values, lines and file-level problems."""

from almanac.load import load_sources


def by_table(records, table):
    return [r for r in records if r.table == table]


def test_fixture_loads_every_table(sources):
    records, problems = load_sources(sources.root)
    assert problems == []
    tables = {r.table for r in records}
    assert tables == {
        "sources",
        "organizations",
        "models",
        "model_modalities",
        "context_windows",
        "prices",
        "model_names",
        "events",
        "training_runs",
        "leaderboard_scores",
        "claims",
    }


def test_csv_rows_remember_their_line_and_empty_cells_are_none(sources):
    records, _ = load_sources(sources.root)
    prices = by_table(records, "prices")
    first = prices[0]
    assert first.where.path == "sources/prices/fixture.csv"
    assert first.where.line == 2
    assert first.values["model_id"] == "gpt-4"
    assert first.values["effective_to"] is None
    assert [p.where.line for p in prices if p.where.path == first.where.path] == [2, 3, 4, 5, 6, 7, 8, 9]


def test_csv_multiline_cell_keeps_the_line_where_the_record_starts(sources):
    sources.write(
        "organizations/more.csv",
        'id,name,country,kind,url,source,quote,cite,note\nmeta,Meta,US,big-tech,,fixture-review,,,"two\nlines"\nmistral,Mistral AI,FR,lab,,fixture-review,,,\n',
    )
    records, problems = load_sources(sources.root)
    assert problems == []
    more = [r for r in records if r.where.path.endswith("more.csv")]
    assert [(r.values["id"], r.where.line) for r in more] == [("meta", 2), ("mistral", 4)]
    assert more[0].values["note"] == "two\nlines"


def test_yaml_values_stay_text_and_fields_know_their_lines(sources):
    records, _ = load_sources(sources.root)
    gpt4o = next(r for r in by_table(records, "models") if r.values["id"] == "gpt-4o")
    # YAML would read these as a date, a boolean and a number: the schema decides instead.
    assert gpt4o.values["release_date"] == "2024-05-13"
    assert gpt4o.values["open_weights"] == "false"
    assert gpt4o.values["knowledge_cutoff"] == "2023-10"
    assert gpt4o.where.line == 10
    assert gpt4o.where.line_of("knowledge_cutoff") == 17


def test_yaml_cite_keeps_its_structure(sources):
    records, _ = load_sources(sources.root)
    v3 = next(r for r in by_table(records, "models") if r.values["id"] == "deepseek-v3")
    assert v3.values["cite"] == {
        "license": {"source": "fixture-review", "quote": "openly licensed under the DeepSeek License"},
        "reasoning": {"source": "fixture-paper", "quote": "not a reasoning model"},
    }


def test_invalid_utf8_names_file_line_and_field(sources):
    sources.write(
        "organizations/bad.csv",
        b"id,name,country,kind,url,source,quote,cite,note\nmeta,Meta,US,big-tech,,fixture-review,,,caf\xe9\n",
    )
    _, problems = load_sources(sources.root)
    [problem] = problems
    assert problem.path == "sources/organizations/bad.csv"
    assert problem.line == 2
    assert problem.field == "note"
    assert "invalid UTF-8" in problem.message


def test_invalid_utf8_in_yaml_names_the_field(sources):
    sources.write("events/bad.yaml", b"- id: x\n  title: caf\xe9\n")
    _, problems = load_sources(sources.root)
    [problem] = problems
    assert (problem.path, problem.line, problem.field) == ("sources/events/bad.yaml", 2, "title")


def test_broken_yaml_is_reported_with_its_line(sources):
    sources.write("events/bad.yaml", "- id: x\n  title: [unclosed\n  kind: release\n")
    _, problems = load_sources(sources.root)
    [problem] = problems
    assert problem.path == "sources/events/bad.yaml"
    assert problem.line is not None
    assert "invalid YAML" in problem.message


def test_yaml_must_be_a_list_of_records(sources):
    sources.write("events/bad.yaml", "id: x\ntitle: not in a list\n")
    _, problems = load_sources(sources.root)
    assert "expected a list of records" in problems[0].message


def test_duplicate_yaml_key_is_an_error(sources):
    sources.write("events/bad.yaml", "- id: x\n  title: one\n  title: two\n")
    _, problems = load_sources(sources.root)
    [problem] = problems
    assert (problem.line, problem.field) == (3, "title")
    assert "more than once" in problem.message


def test_csv_row_with_too_many_cells(sources):
    sources.append("prices/fixture.csv", "gpt-4,openai,standard,,2022-01-01,,true,USD,1,2,,,fixture-review,,,,extra\n")
    _, problems = load_sources(sources.root)
    [problem] = problems
    assert problem.line == 10
    assert "header has 16 columns" in problem.message


def test_file_outside_a_table_folder(sources):
    sources.write("modles/typo.yaml", "- id: x\n")
    sources.write("models/notes.txt", "hello")
    _, problems = load_sources(sources.root)
    messages = {p.path: p.message for p in problems}
    assert "not in a table's folder" in messages["sources/modles/typo.yaml"]
    assert "expected .csv or .yaml" in messages["sources/models/notes.txt"]


def test_derived_tables_have_no_folder(sources):
    sources.write("citations/x.csv", "table_name\n")
    _, problems = load_sources(sources.root)
    assert "not in a table's folder" in problems[0].message
