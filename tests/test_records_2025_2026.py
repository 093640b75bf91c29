"""A dozen figures of 2025-2026 in the built database, each checked by hand against the quote it
cites and, where one could be read, against a second page (named in the comment). If one of these
moves, the record changed: look at its diff and its quote before changing the expectation."""

import pytest

from test_records import almanac  # noqa: F401 (the real corpus, built once)


def periods(db, model, tier="standard", currency="USD", provider=None):
    return [
        (row["effective_from"], row["effective_to"], row["input_per_mtok"], row["output_per_mtok"], row["offer"])
        for row in db.query(
            "select p.* from prices p join models m on m.id = p.model_id where p.model_id = ? and p.tier = ? "
            "and p.currency = ? and p.provider_id = coalesce(?, m.organization_id) order by p.effective_from",
            [model, tier, currency, provider],
        )
    ]


def model(db, model_id):
    return next(db.query("select * from models where id = ?", [model_id]))


# A price change: OpenAI's changelog of June 10, 2025 ("Prices for the o3 model have also been
# reduced"); simonw/llm-prices at its commits of 2025-04-16 (input: 10, output: 40) and of
# 2025-06-10 (input: 2, output: 8) agree.
def test_o3_cost_10_and_40_until_its_cut_to_2_and_8_on_june_10_2025(almanac):  # noqa: F811
    assert periods(almanac, "o3") == [
        ("2025-04-16", "2025-06-10", 10.0, 40.0, "list"),
        ("2025-06-10", None, 2.0, 8.0, "list"),
    ]


# A price change that was announced and then cancelled: Anthropic's release notes of June 30,
# 2026 (introductory $2 / $10) and of August 10, 2026 ("is now the standard price: the previously
# scheduled increase to $3 / $15 per MTok on September 1, 2026 will not occur").
def test_claude_sonnet_5_kept_its_introductory_price_and_never_cost_3_and_15(almanac):  # noqa: F811
    rows = periods(almanac, "claude-sonnet-5")
    assert rows[0] == ("2026-06-30", "2026-07-21", 2.0, 10.0, "introductory")
    assert rows[-1] == ("2026-08-10", None, 2.0, 10.0, "list")
    assert all((i, o) == (2.0, 10.0) for _, _, i, o, _ in rows)


# A retirement: OpenAI's deprecations page, "| 2025-07-14 | gpt-4.5-preview | gpt-4.1 |".
def test_gpt_4_5_retired_on_july_14_2025_replaced_by_gpt_4_1(almanac):  # noqa: F811
    gpt45 = model(almanac, "gpt-4-5")
    assert (gpt45["release_date"], gpt45["retirement_date"], gpt45["replacement_model_id"]) == ("2025-02-27", "2025-07-14", "gpt-4-1")
    # ...and it is priced no more after it (prices.in_force_to).
    assert not list(almanac.query("select 1 from prices where model_id = 'gpt-4-5' and (in_force_to is null or in_force_to > '2025-07-14')"))


# OpenAI's changelog, "Apr 14 ... Added gpt-4.1"; its model page "Input $2.00 Cached input $0.50
# Output $8.00"; llm-prices at its commit of 2025-04-14 agrees.
def test_gpt_4_1_launched_at_2_and_8_with_cached_input_at_0_50(almanac):  # noqa: F811
    [row] = almanac.query("select * from prices where model_id = 'gpt-4-1' and tier = 'standard' and effective_from = '2025-04-14'")
    assert (row["input_per_mtok"], row["cached_input_per_mtok"], row["output_per_mtok"]) == (2.0, 0.5, 8.0)


# Anthropic's announcement: "Pricing is now $5/$25 per million tokens".
def test_claude_opus_4_5_launched_at_5_and_25(almanac):  # noqa: F811
    assert periods(almanac, "claude-opus-4-5")[0][:4] == ("2025-11-24", "2025-11-26", 5.0, 25.0)


# Mistral's post: "($0.4 input / $2 output per M token)"; its changelog dates it 2025-05-07.
def test_mistral_medium_3_at_0_40_and_2(almanac):  # noqa: F811
    assert periods(almanac, "mistral-medium-3")[0][:4] == ("2025-05-07", None, 0.4, 2.0)


# Google's pricing page (its version in force on 2026-05-07): "$1.25, prompts <= 200k tokens
# $2.50, prompts > 200k tokens", output "$10.00 ... $15.00".
def test_gemini_2_5_pro_charges_more_above_200k_tokens(almanac):  # noqa: F811
    [row] = almanac.query("select * from prices where model_id = 'gemini-2-5-pro' and tier = 'long-context'")
    assert (row["tier_min_input_tokens"], row["input_per_mtok"], row["output_per_mtok"]) == (200000, 2.5, 15.0)
    assert periods(almanac, "gemini-2-5-pro")[0][2:4] == (1.25, 10.0)


@pytest.mark.parametrize(
    "model_id,total,active,licence,released",
    [
        # Meta's Llama 4 model card: "17B (Activated) ... 400B (Total)", "Model Release Date: April 5, 2025".
        ("llama-4-maverick", 400.0, 17.0, "Llama 4 Community License", "2025-04-05"),
        # Qwen's Qwen3 post: "235 billion total parameters and 22 billion activated parameters";
        # the README: "2025.04.29: We released the Qwen3 series", "licensed under Apache 2.0".
        ("qwen3-235b-a22b", 235.0, 22.0, "Apache-2.0", "2025-04-29"),
        # OpenAI's gpt-oss README: "117B parameters with 5.1B active parameters", "Apache 2.0 license".
        ("gpt-oss-120b", 117.0, 5.1, "Apache-2.0", "2025-08-05"),
        # Moonshot's Kimi K2 README: "32 billion activated parameters and 1 trillion total
        # parameters", "released under the Modified MIT License".
        ("kimi-k2", 1000.0, 32.0, "Modified MIT License", "2025-07-11"),
    ],
)
def test_open_weights_of_2025_with_their_sizes_and_licences(almanac, model_id, total, active, licence, released):  # noqa: F811
    row = model(almanac, model_id)
    assert (row["parameters_b"], row["active_parameters_b"], row["license"], row["release_date"], row["open_weights"]) == (total, active, licence, released, 1)
