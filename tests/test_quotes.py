"""The quote rule's forms: every way a page may state a value that the rule accepts, and the
quotes it refuses, numbers inside names first among them."""

import pytest

from almanac import quotes
from almanac.quotes import BILLIONS, DATE, LICENCE, MODALITY, PRICE, QUANTITY, states
from almanac.schema import TABLES_BY_NAME


@pytest.mark.parametrize("kind,value,quote,form", quotes.ACCEPTED)
def test_every_documented_form_states_its_value(kind, value, quote, form):
    assert quotes.checked(kind, value) is (value != "proprietary")
    if quotes.checked(kind, value):
        assert states(kind, value, quote), form


@pytest.mark.parametrize("kind,value,quote,why", quotes.REFUSED)
def test_every_documented_refusal_is_refused(kind, value, quote, why):
    assert not states(kind, value, quote), why


@pytest.mark.parametrize(
    "value,quote",
    [
        (128000, "128000"),
        (128000, "128,000 tokens"),
        (128000, "128\u202f000 tokens"),
        (128000, "128K"),
        (128000, "128k"),
        (131072, "128K"),
        (1000000, "1M"),
        (1048576, "1M"),
        (2097152, "2M tokens"),
        (200000, "200K"),
        (204800, "200K"),
        (1000000, "1 million"),
        (1500000, "1.5 million"),
        (70000000000, "70B"),
        (15000000000000, "15T"),
        (3.8e25, "3.8e25"),
        (3.8e25, "3.8E+25"),
        (3.8e25, "3.8 × 10^25"),
        (3.8e25, "3.8x10^25"),
        (3.8e25, "3.8×10²⁵"),
        (5.04e22, "5.04*10^(22)"),
        (10000000, "1,000万"),
        (20000, "2万"),
        (100000000, "1亿"),
        (405000000000, "Llama 3.1 405B"),
        (32768, "gpt-4-32k"),
        (8192, "Llama 3 was trained on sequences of 8,192 tokens"),
        (128000, "上下文,128K"),
    ],
)
def test_quantities_in_the_forms_pages_use(value, quote):
    assert states(QUANTITY, value, quote)


@pytest.mark.parametrize(
    "value,quote",
    [
        (4, "GPT-4o"),
        (4, "GPT-4"),
        (3.5, "GPT\u20113.5 Turbo"),
        (4, "GPT 4 Turbo"),
        (1, "o1-preview"),
        (3, "DeepSeek-V3"),
        (1.5, "Gemini 1.5"),
        (1.5, "gemini 1.5 flash"),
        (3.1, "Llama 3.1 405B"),
        (3, "Llama 3.1 405B"),
        (2.5, "Qwen2.5-72B"),
        (2.5, "Qwen 2.5"),
        (3.5, "Claude 3.5 Sonnet"),
        (7, "Mixtral 8x7B"),
        (8, "Mixtral 8x7B"),
        (405, "Llama 3.1 405B"),  # 405 billion, not 405
        (128, "128K"),
        (1, "1M"),
        (2024, "gpt-4o-2024-05-13"),
        (12, "12x cheaper"),
        (3, "the 3rd model"),
        (128000, "a 128000000 token window"),
        (5000000, "5m cache writes"),  # minutes, not a million
        (15000000000000, "15t"),
        (12000, "a 128,000-token window"),
    ],
)
def test_numbers_inside_names_or_other_figures_state_nothing(value, quote):
    assert not states(QUANTITY, value, quote)


def test_a_figure_after_a_name_still_counts_when_it_is_not_part_of_the_name():
    assert states(QUANTITY, 2, "Claude 3 Opus supports 2 languages")
    assert not states(QUANTITY, 3, "Claude 3 Opus supports 2 languages")  # 3 is in the name
    assert states(QUANTITY, 200000, "Claude 3 Opus has a 200K context window")
    assert states(PRICE, 2.5, "gpt-4o 2.50 10.00")  # a price table row after a model id


@pytest.mark.parametrize(
    "value,quote,expected",
    [
        (70, "70B", True),
        (70, "70 billion parameters", True),
        (70, "70,000,000,000 parameters", True),
        (8, "an 8-billion version", True),
        (671, "671B total parameters with 37B activated", True),
        (37, "671B total parameters with 37B activated", True),
        (405, "Llama 3.1 405B", True),
        (3.1, "Llama 3.1 405B", False),
        (70, "70", False),
        (3, "Llama 3", False),
        (7.3, "Mistral 7B", False),
        (46.7, "Mixtral 8x7B", False),
        (12.9, "12.9 billion active parameters", True),
    ],
)
def test_parameters_in_billions(value, quote, expected):
    assert states(BILLIONS, value, quote) is expected


@pytest.mark.parametrize(
    "value,quote,expected",
    [
        (2.5, "$2.50", True),
        (2.5, "2.5", True),
        (2.5, "$2.50 / MTok", True),
        (2.5, "$2.50 per 1M tokens", True),
        (2.5, "€2.50 per million", True),
        (2.5, "¥2.5 / 1M tokens", True),
        (0.15, "15 cents per million input tokens", True),
        (0.6, "60 cents", True),
        (0.075, "7.5c/million", True),
        (10, "$0.0100 per 1,000 tokens", True),
        (10, "$0.01 / 1K tokens", True),
        (10, "$0.01/1k tokens", True),
        (30, "¥0.03 per 1,000 tokens", True),
        (30, "0.03元/千tokens", True),
        (5, "0.005元 / 千tokens", True),
        (0.01, "$0.01 / 1K tokens", False),
        (2, "$0.002 per 1k tokens", True),
        (0.15, '"input_cost_per_token": 1.5e-07', True),
        (0, "free of charge", True),
        (1, "free of charge", False),
        (4, "GPT-4o costs $2.50", False),
        (1.5, "Gemini 1.5 Pro costs $3.50", False),
        (3.5, "Gemini 1.5 Pro costs $3.50", True),
    ],
)
def test_prices_per_million_or_per_thousand_tokens(value, quote, expected):
    assert states(PRICE, value, quote) is expected


@pytest.mark.parametrize(
    "value,quote,expected",
    [
        ("2024-05-13", "2024-05-13", True),
        ("2026-03-26", "| 2026\u201103\u201126 | `gpt-4-0314` |", True),
        ("2024-05-13", "May 13, 2024", True),
        ("2024-05-13", "May 13 2024", True),
        ("2024-05-13", "13 May 2024", True),
        ("2024-05-13", "Mon, 13 May 2024", True),
        ("2024-05-13", "2024.05.13", True),
        ("2024-05-13", "2024/05/13", True),
        ("2024-05-13", "2024年5月13日", True),
        ("2024-05-13", "13.05.2024", True),
        ("2024-05-13", "May 13th, 2024", True),
        ("2024-09-25", "Sept 25, 2024", True),
        ("2026-03-05", "リリース日March 5th, 2026モデルのリリース日。", True),
        ("2024-08", "Knowledge cutoff Agosto 2024", True),
        ("2025-08-28", "August, 2025 ... Aug 28 ... released", True),
        ("2025-08-28", "August, 2025 ... Sep 28 ... released", False),
        ("2024-05-13", "May 14, 2024", False),
        ("2024-05-13", "May 2024", False),
        ("2024-05-13", "gpt-4o-2024-05-13", False),
        ("2024-05", "May 2024", True),
        ("2024-05", "2024-05", True),
        ("2024-05", "2024年5月", True),
        ("2024-05", "May 13, 2024", True),
        ("2024-05", "June 2024", False),
        ("2024", "2024", True),
        ("2024", "in December 2024", True),
        ("2024", "GPT-2024", False),
        ("2024", "128,2024", False),
        ("2024", "2023", False),
    ],
)
def test_dates_in_the_forms_pages_use(value, quote, expected):
    assert states(DATE, value, quote) is expected


def test_today_states_the_day_the_page_was_published_and_no_other():
    assert states(DATE, "2024-05-13", "available today in the API", published="2024-05-13")
    assert states(DATE, "2024-05-13", "GPT-4o is now available", published="2024-05-13")
    assert states(DATE, "2024-05", "Introducing GPT-4o", published="2024-05-13")
    assert not states(DATE, "2024-05-13", "available today", published="2024-05-14")
    assert not states(DATE, "2024-05-13", "available today", published="2024-05")
    assert not states(DATE, "2024-05-13", "available today", published=None)
    assert not states(DATE, "2024-05-13", "will be available soon", published="2024-05-13")


@pytest.mark.parametrize(
    "value,quote,expected",
    [
        ("Apache-2.0", "Apache 2.0", True),
        ("Apache-2.0", "Apache License 2.0", True),
        ("Apache-2.0", "Apache License Version 2.0, January 2004", True),
        ("Apache-2.0", "under [Apache 2 License]", True),
        ("Apache-2.0", "license: apache-2.0", True),
        ("Apache-2.0", "MIT", False),
        ("MIT", "MIT", True),
        ("MIT", "license: mit", True),
        ("MIT", "submitted", False),
        ("Llama 3.1 Community License", "the Llama 3.1 Community License", True),
        ("Llama 3.1 Community License", "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT", True),
        ("Llama 3.1 Community License", "license: llama3.1", True),
        ("Llama 3.1 Community License", "LLAMA 3.2 COMMUNITY LICENSE AGREEMENT", False),
        ("Llama 2 Community License", "LLAMA 2 COMMUNITY LICENSE AGREEMENT", True),
        ("Llama 2 Community License", "Llama 2 is open", False),
        ("CC-BY-NC-4.0", "CC-BY-NC-4.0", True),
        ("CC-BY-NC-4.0", "License: CC-BY-NC", False),
        ("DeepSeek License Agreement", "subject to the DeepSeek License Agreement", True),
        ("DeepSeek License Agreement", "subject to the Model License", False),
        ("Gemma Terms of Use", "Gemma Terms of Use", True),
    ],
)
def test_licences_by_their_names(value, quote, expected):
    assert states(LICENCE, value, quote) is expected


def test_a_proprietary_licence_is_never_checked():
    assert not quotes.checked(LICENCE, "proprietary")
    assert not quotes.checked(LICENCE, "Proprietary")
    assert quotes.checked(LICENCE, "MIT")


@pytest.mark.parametrize(
    "value,quote,expected",
    [
        ("image", "accepts images", True),
        ("image", "with vision capabilities", True),
        ("image", "visual inputs", True),
        ("image", "upload photos", True),
        ("image", "imagination", False),
        ("audio", "audio in and out", True),
        ("audio", "speech-to-speech", True),
        ("audio", "voice mode", True),
        ("video", "video understanding", True),
        ("pdf", "PDF support", True),
        ("pdf", "long documents", True),
        ("text", "text in, text out", True),
        ("text", "a language model", True),  # a language model takes and writes text
        ("text", "an open LLM", True),
        ("text", "a chatbot", False),
        ("text", "context", False),  # a word that holds "text" is not it
        ("image", "text only", False),
    ],
)
def test_modalities_by_their_words(value, quote, expected):
    assert states(MODALITY, value, quote) is expected


def test_an_empty_quote_states_nothing():
    assert not states(QUANTITY, 0, "")
    assert not states(DATE, "2024", None)


def test_checked_columns_follow_the_schema_types_with_units_where_needed():
    def kind(table, column):
        table = TABLES_BY_NAME[table]
        return quotes.kind_of(table, table.column(column))

    assert kind("context_windows", "context_window") == QUANTITY  # integer
    assert kind("training_runs", "training_compute_flop") == QUANTITY  # number, FLOP
    assert kind("models", "parameters_b") == BILLIONS
    assert kind("models", "active_parameters_b") == BILLIONS
    assert kind("prices", "input_per_mtok") == PRICE
    assert kind("prices", "effective_from") == DATE
    assert kind("models", "license") == LICENCE
    assert kind("model_modalities", "modality") == MODALITY
    # Booleans and free text are not checked.
    assert kind("models", "open_weights") is None
    assert kind("models", "description") is None
    assert kind("events", "title") is None
    assert kind("training_runs", "compute_basis") is None
    # Derived columns are never cited, so never checked.
    assert kind("prices", "input_usd_per_mtok") is None


def test_every_model_family_word_before_a_version_is_a_name_word():
    """A new family whose name takes a version (Gemini 1.5) needs its word in NAME_WORDS, or
    its versions would be read as figures."""
    import re

    import yaml

    from conftest import ROOT

    missing = set()
    for path in (ROOT / "sources" / "models").glob("*.yaml"):
        for record in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            for name in (str(record.get("name", "")), str(record.get("family") or "")):
                for match in re.finditer(r"(?:^|\s)([A-Za-z]+) \d+\.\d", name):
                    if match.group(1).lower() not in quotes.NAME_WORDS:
                        missing.add(match.group(1))
    assert not missing, f"add these to quotes.NAME_WORDS: {sorted(missing)}"


def test_a_number_too_large_for_a_float_is_not_a_figure():
    assert not states(QUANTITY, 1, "1e999")


@pytest.mark.parametrize(
    "value,quote,published,expected",
    [
        ("2023-06-27", "will be upgraded on June 27th", "2023-06-13", True),  # later that month
        ("2024-10-02", "moved on October 2nd", "2024-11-18", True),  # earlier that year
        ("2024-01-04", "retired on January 4th", "2023-12-20", True),  # next January
        ("2023-06-27", "on June 27th", "2021-06-13", False),  # two years before the page
        ("2023-06-27", "on June 27th", None, False),  # an undated page gives no year
        ("2023-06", "on June 27th", "2023-06-13", True),  # a day states its month
        ("2024-05-21", "On May 21, the company cut prices", "2024-05-23", True),  # a comma, no year
        ("2025-09-01", "9月1日,美团发布并开源了 LongCat-Flash", "2025-09-02", True),  # Chinese, no year
        ("2025-07-31", "7 月 31 日发布", "2025-08-05", True),
        ("2025-09-01", "2024年9月1日", "2025-09-02", False),  # a full date in another year
    ],
)
def test_a_day_without_its_year_is_the_one_near_the_pages_publication(value, quote, published, expected):
    assert states(DATE, value, quote, published) is expected
