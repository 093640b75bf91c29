"""The real records in sources/: they build, they cover 2023-2024, every fact is cited, and the
founding review's figures come out of the tables. The expected numbers below are the review's and
the cited sources', worked out by hand, never read back from the database."""

import pytest
import sqlite_utils

from almanac.build import build
from almanac.claims import report
from almanac.schema import TABLES
from conftest import ROOT

ON_2023_12 = "2023-12-15"
ON_2024_12 = "2024-12-31"


@pytest.fixture(scope="session")
def almanac(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("real") / "almanac.db"
    problems = build(ROOT / "sources", db_path, quote_exceptions=ROOT / "docs" / "quote-rule-exceptions.csv")
    assert problems == [], "\n".join(map(str, problems))
    return sqlite_utils.Database(db_path)


def price_on(almanac, model, day, tier="standard"):
    rows = list(almanac.query(
        "select input_usd_per_mtok, output_usd_per_mtok from prices where model_id = ? and tier = ? "
        "and currency = 'USD' and effective_from <= ? and (effective_to is null or effective_to > ?)",
        [model, tier, day, day],
    ))
    assert len(rows) == 1, f"{model} has {len(rows)} {tier} prices on {day}"
    return rows[0]["input_usd_per_mtok"], rows[0]["output_usd_per_mtok"]


def test_the_founding_review_is_a_source(almanac):
    review = almanac["sources"].get("willison-llms-in-2024")
    assert review["url"] == "https://simonwillison.net/2024/Dec/31/llms-in-2024/"
    assert review["kind"] == "review"


def test_coverage_of_2023_and_2024(almanac):
    def count(sql):
        return almanac.execute(sql).fetchone()[0]

    assert count("select count(*) from organizations") >= 35
    # A country for every organization; an open collaboration with none says so in its note.
    assert count("select count(*) from organizations where country is null and coalesce(note, '') not like '%country%'") == 0
    assert count("select count(*) from organizations where country is null") <= 1
    assert count("select count(*) from models where release_date >= '2023' and release_date < '2025'") >= 200
    assert count("select count(distinct organization_id) from models") >= 6
    assert count("select count(*) from events where date >= '2023' and date < '2025'") >= 120
    assert count("select count(distinct model_id) from prices") >= 40
    assert count("select count(*) from training_runs") >= 2


@pytest.mark.parametrize(
    "model,day,expected_input",
    [
        ("gpt-4", ON_2023_12, 30),
        ("gpt-4-turbo", ON_2023_12, 10),
        ("gpt-3-5-turbo-1106", ON_2023_12, 1),
        ("gpt-4o-2024-08-06", ON_2024_12, 2.5),
        ("gpt-4o-mini", ON_2024_12, 0.15),
        ("claude-3-haiku", ON_2024_12, 0.25),
        ("gemini-1-5-flash", ON_2024_12, 0.075),
        ("gemini-1-5-flash-8b", ON_2024_12, 0.0375),
    ],
)
def test_the_reviews_price_points(almanac, model, day, expected_input):
    assert price_on(almanac, model, day)[0] == expected_input


@pytest.mark.parametrize("day,snapshot,price", [("2024-09-30", "gpt-4o-2024-05-13", 5), ("2024-10-02", "gpt-4o-2024-08-06", 2.5), (ON_2024_12, "gpt-4o-2024-08-06", 2.5)])
def test_the_gpt_4o_alias_costs_what_its_snapshot_cost_that_day(almanac, day, snapshot, price):
    # OpenAI moved the gpt-4o alias from the launch snapshot to the August one on 2024-10-02.
    [row] = [
        dict(r) for r in almanac.query(
            "select n.model_id, p.input_per_mtok from model_names n join prices p on p.model_id = n.model_id and p.tier = 'standard' "
            "and p.effective_from <= :day and (p.effective_to is null or p.effective_to > :day) "
            "where n.name = 'gpt-4o' and n.used_by = 'openai' and n.effective_from <= :day and (n.effective_to is null or n.effective_to > :day)",
            {"day": day})]
    assert (row["model_id"], row["input_per_mtok"]) == (snapshot, price)


def test_gemini_1_5_flash_8b_output_price(almanac):
    assert price_on(almanac, "gemini-1-5-flash-8b", ON_2024_12) == (0.0375, 0.15)


def test_o1_price_is_what_openai_charged_not_what_the_review_says(almanac):
    # The review says "$30/mTok gets you ... o1"; OpenAI charged $15 input and $60 output.
    assert price_on(almanac, "o1", ON_2024_12) == (15, 60)


def test_the_reviews_ratios(almanac):
    gpt4 = price_on(almanac, "gpt-4", ON_2023_12)[0]
    gpt35 = price_on(almanac, "gpt-3-5-turbo-1106", ON_2023_12)[0]  # the cheapest GPT-3.5 Turbo snapshot then
    assert gpt4 / price_on(almanac, "gpt-4o-2024-08-06", ON_2024_12)[0] == 12  # 30 / 2.5
    assert round(gpt35 / price_on(almanac, "gpt-4o-mini", ON_2024_12)[0], 2) == 6.67  # 1 / 0.15: "nearly 7x"
    assert round(gpt35 / price_on(almanac, "gemini-1-5-flash-8b", ON_2024_12)[0], 2) == 26.67  # 1 / 0.0375: "27x"


def test_price_changes_are_periods_not_overwritten_values(almanac):
    # GPT-4o's snapshots were priced apart: $5 for the launch snapshot, which kept it; $2.50 for August's.
    assert price_on(almanac, "gpt-4o-2024-05-13", ON_2024_12) == (5, 15)
    assert price_on(almanac, "gpt-4o-2024-08-06", ON_2024_12) == (2.5, 10)
    haiku = [row["input_usd_per_mtok"] for row in almanac.query("select input_usd_per_mtok from prices where model_id = 'claude-3-5-haiku' and tier = 'standard' order by effective_from")]
    assert haiku[0] == 1 and haiku[-1] == 0.8  # $1 at launch, cut to $0.80 on 2024-12-03
    for model in ("gemini-1-5-flash", "gemini-1-5-pro"):
        inputs = [row["input_usd_per_mtok"] for row in almanac.query("select input_usd_per_mtok from prices where model_id = ? and tier = 'standard' order by effective_from", [model])]
        assert len(inputs) >= 2 and inputs[-1] < inputs[0], model


def test_the_may_2024_chinese_price_war_in_yuan(almanac):
    # Prices stated in yuan stay in yuan: DeepSeek-V2 at 1 / 2 yuan per million tokens, Doubao Pro
    # (32k) at 0.8 yuan ("0.8厘/千tokens"), ERNIE Speed free from 2024-05-21.
    def yuan(model, day):
        [row] = almanac.query(
            "select input_per_mtok, output_per_mtok, input_usd_per_mtok from prices where model_id = ? and currency = 'CNY' "
            "and tier = 'standard' and effective_from <= ? and (effective_to is null or effective_to > ?)", [model, day, day])
        assert row["input_usd_per_mtok"] is None  # never converted to dollars
        return row["input_per_mtok"], row["output_per_mtok"]
    assert yuan("deepseek-v2", "2024-06-01") == (1, 2)
    assert yuan("doubao-pro", "2024-06-01") == (0.8, 2)
    assert yuan("ernie-speed", "2024-06-01") == (0, 0)
    # DeepSeek's dollar series runs alongside: $0.14 / $0.28.
    assert price_on(almanac, "deepseek-v2", "2024-06-01") == (0.14, 0.28)


def test_a_closed_model_without_a_price_says_why(almanac):
    # Closed weights mean the maker's API or app is the only way in: a missing price needs a reason.
    silent = [row["id"] for row in almanac.query(
        "select id from models m where open_weights = 0 and not exists (select 1 from prices p join models s on s.id = p.model_id "
        "where s.id = m.id or s.snapshot_of = m.id) "
        "and coalesce(note, '') not like '%price%'"
    )]
    assert silent == []


def test_long_context_and_batch_tiers_exist(almanac):
    tiers = {row["tier"] for row in almanac.query("select distinct tier from prices")}
    assert {"standard", "batch", "long-context"} <= tiers


def test_photo_captions_cost_1_68(almanac):
    price_in, price_out = price_on(almanac, "gemini-1-5-flash-8b", ON_2024_12)
    # 260 x 68,000 = 17,680,000 tokens x $0.0375/M = $0.663; 6,800,000 x $0.15/M = $1.02.
    assert round((260 * price_in + 100 * price_out) * 68000 / 1e6, 2) == 1.68


def test_the_eighteen_organizations_above_gpt_4_0314(almanac):
    rows = almanac.query(
        "select distinct organization_id from leaderboard_scores where leaderboard = 'chatbot-arena-text' and snapshot_date = '2024-12-31' "
        "and score > (select score from leaderboard_scores where entry = 'GPT-4-0314' and snapshot_date = '2024-12-31')"
    )
    assert {row["organization_id"] for row in rows} == {
        "google", "openai", "alibaba", "anthropic", "meta", "reka-ai", "01-ai", "amazon", "cohere",
        "deepseek", "nvidia", "mistral", "nexusflow", "zhipu-ai", "xai", "ai21-labs", "princeton", "tencent",
    }


def test_deepseek_v3_against_llama_3_1_405b(almanac):
    deepseek = almanac["training_runs"].get("deepseek-v3")
    llama = almanac["training_runs"].get("llama-3-1-405b")
    assert (deepseek["gpu_hours"], deepseek["gpu_type"], deepseek["training_cost_usd"]) == (2788000, "H800", 5576000)
    assert llama["gpu_hours"] == 30840000
    assert round(llama["gpu_hours"] / deepseek["gpu_hours"], 1) == 11.1  # "11x"
    # Compute: Meta states 3.8e25 FLOP; DeepSeek states none, so Epoch AI's estimate is marked as one.
    assert (llama["training_compute_flop"], llama["compute_basis"].startswith("Reported by the makers")) == (3.8e25, True)
    assert (deepseek["training_compute_flop"], deepseek["compute_basis"].startswith("Estimated by Epoch AI")) == (3.4078e24, True)


def test_every_compute_and_cost_figure_says_how_it_was_reached(almanac):
    unexplained = list(almanac.query(
        "select model_id from training_runs where (training_compute_flop is not null and compute_basis is null) "
        "or (training_cost_usd is not null and cost_basis is null)"
    ))
    assert unexplained == []


def test_training_figures_for_the_2024_frontier(almanac):
    # The issue asks for every 2024 model that its makers or Epoch AI give figures for.
    have = {r["model_id"] for r in almanac.query("select model_id from training_runs where training_compute_flop is not null")}
    assert {"gpt-4o", "claude-3-5-sonnet", "gemini-1-5-pro", "mistral-large-2", "grok-2", "qwen2-5-72b", "deepseek-v3", "llama-3-1-405b"} <= have


@pytest.mark.parametrize(
    "model,month",
    [
        ("claude-3-opus", "2024-03"),
        ("claude-3-5-sonnet", "2024-06"),
        ("qwen2-5-coder-32b", "2024-11"),
        ("llama-3-3-70b", "2024-12"),
        ("gpt-4-vision", "2023-11"),
        ("pixtral-12b", "2024-09"),
        ("llama-3-2-11b-vision", "2024-09"),
        ("smolvlm", "2024-11"),
        ("amazon-nova-pro", "2024-12"),
        ("o1-preview", "2024-09"),
        ("qwq-32b-preview", "2024-11"),
        ("qvq-72b-preview", "2024-12"),
        ("deepseek-v3", "2024-12"),
        ("gemini-2-0-flash-thinking", "2024-12"),
    ],
)
def test_release_months_the_review_gives(almanac, model, month):
    assert almanac["models"].get(model)["release_date"][:7] == month


def test_context_windows_grew(almanac):
    assert almanac["context_windows"].get(("claude-2-1", "2023-11-21"))["context_window"] == 200000
    gemini = [row["context_window"] for row in almanac.query("select context_window from context_windows where model_id = 'gemini-1-5-pro' order by effective_from")]
    assert 1000000 <= gemini[0] <= 1048576 and gemini[-1] >= 2000000  # "1 million (and then later 2 million)"


def test_every_fact_field_has_a_citation(almanac):
    missing = []
    for table in TABLES:
        facts = [c.name for c in table.columns if c.fact] + (["context_window", "max_output_tokens"] if table.name == "models" else [])
        if not facts:
            continue
        # A value equal to its column's default may be the default itself, which no source states.
        defaults = {c.name: int(c.default) if isinstance(c.default, bool) else c.default for c in table.columns if c.fact and c.default is not None}
        for row in almanac[table.name].rows:
            record = ",".join(str(row[k]) for k in table.key)
            cited = {r["field"] for r in almanac.query("select field from citations where table_name = ? and record_id = ?", [table.name, record])}
            missing += [(table.name, record, f) for f in facts if row[f] is not None and f not in cited and not (f in defaults and row[f] == defaults[f])]
    assert missing == []


def test_no_price_periods_overlap(almanac):
    overlaps = list(almanac.query(
        "select a.model_id, a.tier, a.effective_from, b.effective_from as other from prices a join prices b "
        "on a.model_id = b.model_id and a.provider_id = b.provider_id and a.tier = b.tier and a.currency = b.currency "
        "and a.effective_from < b.effective_from "
        "where a.effective_to is null or a.effective_to > b.effective_from"
    ))
    assert overlaps == []


def test_most_facts_rest_on_named_sources_of_every_kind(almanac):
    kinds = {row["kind"] for row in almanac.query("select distinct kind from sources")}
    assert {"vendor", "docs", "paper", "dataset", "review", "leaderboard"} <= kinds
    assert almanac.execute("select count(*) from sources where url not like 'http%'").fetchone()[0] == 0


def test_committed_claims_report_matches_a_fresh_build(almanac):
    """Every change of verdict must show in a diff: rebuild with `make build` and commit
    docs/claims.md."""
    committed = (ROOT / "docs" / "claims.md").read_text(encoding="utf-8")
    assert report(almanac) == committed


# The founding review's claims are about 2024; their verdicts are settled by the 2023-2024 facts
# their SQL reads, so no later record may change one. Every claim not listed here is supported.
# Mistral 7B's first release took 8K tokens, as Mistral's card for v0.1 states (32K came with
# v0.2 in December 2023): with it, 51.5% of 2023 models took 4,096 or 8,192 tokens, and "most"
# is supported.
VERDICTS_NOT_SUPPORTED = {
    "deepseek-v3-685b": "contradicted",
    "deepseek-v3-ranks-7th": "contradicted",
    "earliest-was-gemini-1-5-pro": "not-checkable",
    "every-serious-provider-has-100k": "contradicted",
    "gemini-1-0-announced-december-7": "contradicted",
    "gemini-live-video-a-day-before-chatgpt": "not-checkable",
    "o1-costs-30": "contradicted",
    "o1-most-expensive-openai-model": "contradicted",
    "qwen2-vl-september": "contradicted",
    "seventy-models-above-gpt-4-0314": "contradicted",
}


def test_the_reviews_verdicts_do_not_move_when_later_data_arrives(almanac):
    verdicts = {c["id"]: c["verdict"] for c in almanac["claims"].rows}
    assert len(verdicts) == 82
    assert {k: v for k, v in verdicts.items() if v != "supported"} == VERDICTS_NOT_SUPPORTED


def test_at_least_forty_claims_cover_every_checkable_section(almanac):
    claims = list(almanac["claims"].rows)
    assert len(claims) >= 40
    sections = {c["section"] for c in claims}
    assert len(sections) >= 8
    assert {c["verdict"] for c in claims} <= {"supported", "contradicted", "not-checkable"}
    assert all(c["verdict_reason"] for c in claims)


@pytest.mark.parametrize(
    "claim,computed,verdict",
    [
        ("gpt-4o-12x-cheaper-than-gpt-4", "12", "supported"),  # 30 / 2.5
        ("gpt-4o-mini-7x-cheaper-than-gpt-3-5", "6.66667", "supported"),  # 1 / 0.15
        ("flash-8b-27x-cheaper-than-gpt-3-5", "26.6667", "supported"),  # 1 / 0.0375
        ("photo-captions-input-cost", "0.663", "supported"),  # 17,680,000 x 0.0375 / 1e6
        ("photo-captions-output-cost", "1.02", "supported"),  # 6,800,000 x 0.15 / 1e6
        ("photo-captions-total-1-68", "1.683", "supported"),  # 0.663 + 1.02
        ("one-photo-0-0024-cents", "0.002355", "supported"),  # (260 x 0.0375 + 92 x 0.15) / 1e6 x 100
        ("llama-used-11x-deepseek-gpu-hours", "11.0617", "supported"),  # 30,840,000 / 2,788,000
        ("deepseek-v3-gpu-hours", "2788000", "supported"),
        ("o1-costs-30", "15", "contradicted"),  # OpenAI charged $15 input for o1
        ("deepseek-v3-685b", "671", "contradicted"),  # the paper: 671B total (685B with the MTP module)
        ("eighteen-organizations-above-gpt-4-0314", "18", "supported"),
        ("claude-2-1-200000", "200000", "supported"),
    ],
)
def test_claims_computed_against_hand_arithmetic(almanac, claim, computed, verdict):
    row = almanac["claims"].get(claim)
    assert (row["computed"], row["verdict"]) == (computed, verdict)


def test_provenance_states_the_current_share_of_facts_in_their_makers_own_words(almanac):
    from almanac import quote_rule

    text = (ROOT / quote_rule.DOCS).read_text(encoding="utf-8")
    share = quote_rule.blocks_of(text)["share"]
    assert share == quote_rule.share_markdown(almanac.conn, ROOT), "run: python build_db.py quotes --write-docs"
    # Most facts rest on the makers' own pages; the rest on papers, third parties and datasets.
    rows = {row["table_name"]: row for row in almanac.query(quote_rule.read_query(ROOT / quote_rule.SHARE_QUERY)["sql"])}
    assert 50 < rows["all"]["percent_own_words"] < 100


def test_no_note_is_longer_than_600_characters(almanac):
    # Notes speak to the reader in a sentence or two; long provenance belongs in quotes and sources.
    long_notes = [
        (table, row["note"][:60])
        for table in almanac.table_names()
        if "note" in almanac[table].columns_dict and not table.endswith("_fts") and "_fts_" not in table
        for row in almanac.query(f'select note from "{table}" where length(note) > 600')
    ]
    assert long_notes == []


def test_no_price_is_shown_across_a_change_whose_day_is_unknown(almanac):
    # A new price seen only from a dated copy (start not confirmed) after a different one: the old
    # price must end at the last dated copy showing it, leaving a gap, unless a copy of the new
    # price's own first day still showed the old one (the change came that day).
    shown_across = list(almanac.query("""
        select a.model_id, a.provider_id, a.tier, a.currency, a.effective_to
        from prices a join prices b
          on b.model_id = a.model_id and b.provider_id = a.provider_id and b.tier = a.tier
          and b.currency = a.currency and b.effective_from = a.effective_to
        where b.effective_from_confirmed = 0
          and (a.input_per_mtok is not b.input_per_mtok or a.output_per_mtok is not b.output_per_mtok)
          and not exists (
            select 1 from citations c join sources s on s.id = c.source_id
            where c.table_name = 'prices' and c.field = 'effective_to' and s.published = a.effective_to
              and c.record_id = a.model_id || ',' || a.provider_id || ',' || a.tier || ',' || a.currency || ',' || a.effective_from)
    """))
    assert shown_across == []


@pytest.mark.parametrize(
    "tier,day",
    [
        # Google cut Gemini 1.5 Flash's prices in August 2024; no copy of its post giving the day
        # they took effect could be read, so the days between the old and the new price are a gap.
        ("standard", "2024-08-10"),
        ("long-context", "2024-09-01"),
    ],
)
def test_gemini_1_5_flash_has_no_price_in_the_gap_of_its_august_2024_cut(almanac, tier, day):
    in_force = list(almanac.query(
        "select 1 from prices where model_id = 'gemini-1-5-flash' and tier = ? and effective_from <= ? and (in_force_to is null or in_force_to > ?)",
        [tier, day, day]))
    assert in_force == []
    [after] = almanac.query("select note from prices where model_id = 'gemini-1-5-flash' and tier = ? and effective_from > ? order by effective_from limit 1", [tier, "2024-08-08"])
    assert after["note"]


def test_o1_costs_15_and_60_from_its_api_snapshot_of_december_17_2024(almanac):
    [row] = almanac.query("select * from prices where model_id = 'o1' and tier = 'standard' and input_per_mtok = 15 order by effective_from limit 1")
    assert (row["effective_from"], row["output_per_mtok"]) == ("2024-12-17", 60.0)
