"""The public schema of the almanac, declared once.

Tables, columns, types, vocabularies, keys, foreign keys, indexes, descriptions and display
defaults all live here. Loading, validation, the database DDL and the column documentation in
`metadata.yml` are derived from this module; it imports nothing else of the project. It is the
longest module because every table is declared here and nowhere else.

A column is either *recorded* (it comes from the files under `sources/`) or *derived* (the build
computes it: date precisions, a model's latest context window, the citations table). A recorded
column marked `fact` is a statement about the world and must be covered by a source.
"""

import functools
from dataclasses import dataclass, field
from typing import Optional

# Vocabularies: the only values these columns accept.
SOURCE_KINDS = (
    "vendor",  # the maker's own announcement, blog or news post
    "docs",  # the maker's documentation, pricing page or model overview
    "model-card",  # a model card or README published by the maker
    "paper",  # a paper or technical report
    "blog",  # a third-party blog post or newsletter
    "news",  # a news article
    "social",  # a post on a social network
    "dataset",  # a public dataset
    "leaderboard",  # a leaderboard or its published snapshot
    "review",  # a review of the field, such as the almanac's founding document
    "other",
)
ORGANIZATION_KINDS = ("lab", "big-tech", "company", "academic", "nonprofit", "government")
DIRECTIONS = ("input", "output")
MODALITIES = ("text", "image", "audio", "video", "pdf")
# A price's tier: its service tier (standard, batch, flex, priority), with `-long-context` when it
# applies to requests longer than tier_min_input_tokens; audio is the price of audio tokens.
SERVICE_TIERS = ("standard", "batch", "flex", "priority")
LONG_CONTEXT_TIERS = ("long-context", "batch-long-context", "flex-long-context", "priority-long-context")
PRICE_TIERS = ("standard", "batch", "flex", "priority", *LONG_CONTEXT_TIERS, "audio")
# Whether a period's price is the list price or a price offered for a limited time.
PRICE_OFFERS = ("list", "introductory", "promotional")
# What kind of name a model goes by (model_names.kind).
NAME_KINDS = (
    "id",  # the model's one stable API id
    "snapshot",  # a fixed, dated API id (gpt-4o-2024-08-06)
    "alias",  # a moving name that points at different snapshots or models over time (gpt-4o)
    "gateway",  # a name a gateway or catalogue uses for it (openai/gpt-4o on OpenRouter)
    "cloud",  # a cloud platform's id for it (anthropic.claude-3-5-sonnet-20241022-v2:0)
)
# Currencies prices are stated in (ISO 4217). Prices are recorded as stated, never converted.
CURRENCIES = ("USD", "EUR", "CNY")
EVENT_KINDS = (
    "release",
    "announcement",
    "price-change",
    "feature",
    "availability",
    "deprecation",
    "research",
    "benchmark",
    "policy",
    "other",
)
DATE_PRECISIONS = ("day", "month", "year")
# How a claim's computed value is held against the value the claim states.
CLAIM_COMPARISONS = (
    "approx",  # |computed - expected| <= tolerance
    "equals",  # computed == expected (numbers or text)
    "at-least",  # computed >= expected
    "at-most",  # computed <= expected
    "more-than",  # computed > expected ("most" is more than half)
    "same-set",  # computed and expected, comma-separated lists, hold the same items
    "true",  # computed is 1 (a yes/no question answered yes)
)
VERDICTS = ("supported", "contradicted", "not-checkable")

# Column types. Every recorded value arrives as text and is parsed by its type.
TEXT = "text"
SLUG = "slug"  # lowercase letters, digits and single hyphens
INTEGER = "integer"  # a whole number >= 0
NUMBER = "number"  # a real number >= 0
BOOLEAN = "boolean"  # true / false
DATE = "date"  # YYYY, YYYY-MM or YYYY-MM-DD, stored as written
URL = "url"  # http(s) address
COUNTRY = "country"  # ISO 3166-1 alpha-2

SQL_TYPES = {
    TEXT: str,
    SLUG: str,
    INTEGER: int,
    NUMBER: float,
    BOOLEAN: int,
    DATE: str,
    URL: str,
    COUNTRY: str,
}


# eq=False: a column or table is the one object declared here, compared and hashed by identity
# (hashing every field of a table for each record was a measurable part of a build).
@dataclass(frozen=True, eq=False)
class Column:
    name: str
    type: str
    description: str
    required: bool = False
    fact: bool = False  # a statement about the world: needs a source
    vocabulary: tuple = ()
    references: Optional[str] = None  # foreign key: the table whose `id` this names
    derived: bool = False  # computed by the build, never written in sources/
    default: object = None  # value used when the record leaves it empty


@dataclass(frozen=True, eq=False)
class Table:
    name: str
    description: str
    columns: tuple
    key: tuple  # primary key columns
    provenance: bool = True  # records carry source / quote / cite / note
    derived: bool = False  # built from other tables, no files in sources/
    label_column: Optional[str] = None
    sort: Optional[str] = None  # default sort column
    sort_desc: bool = False
    facets: tuple = ()
    search: tuple = ()  # columns indexed for full-text search
    indexes: tuple = ()  # tuples of column names

    def column(self, name):
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    # Computed once per table: the build asks for them for every record.
    @functools.cached_property
    def recorded(self):
        return tuple(c for c in self.columns if not c.derived)

    @functools.cached_property
    def facts(self):
        return tuple(c for c in self.recorded if c.fact)


# Derived dollar column -> the price as stated, which it copies when the currency is USD.
STATED_PRICES = ("input_per_mtok", "output_per_mtok", "cached_input_per_mtok", "cache_write_per_mtok", "cache_write_1h_per_mtok")
USD_COPIES = {name.replace("_per_mtok", "_usd_per_mtok"): name for name in STATED_PRICES}


def usd_copy(name):
    return Column(name, NUMBER, f"`{USD_COPIES[name]}` when the price is stated in US dollars, else empty (no currency is converted). Price comparisons use these columns.", derived=True)


def precision_of(date_column):
    return Column(
        f"{date_column}_precision",
        TEXT,
        f"How precise `{date_column}` is: day, month or year (derived from how it is written).",
        vocabulary=DATE_PRECISIONS,
        derived=True,
    )


NOTE = Column("note", TEXT, "Anything a reader should know about this record: disagreements between sources, what could not be confirmed and why.")
SOURCE_ID = Column(
    "source_id",
    SLUG,
    "The source that states this record's facts (see `citations` for sources of single fields).",
    references="sources",
)
# Provenance fields of a record in sources/; they become `source_id`, `note` and `citations` rows.
PROVENANCE_FIELDS = ("source", "quote", "cite", "note")

SOURCES = Table(
    "sources",
    "Every page, paper, document or dataset that a fact in the almanac relies on.",
    (
        Column("id", SLUG, "Stable identifier of the source.", required=True),
        Column("url", URL, "Address of the page that was read (its original address).", required=True),
        Column("title", TEXT, "Title of the page or document.", required=True),
        Column("publisher", TEXT, "Who published it.", required=True),
        Column("published", DATE, "Date of publication, as precise as known."),
        precision_of("published"),
        Column("kind", TEXT, "What sort of source it is: vendor (the maker's announcement), docs (the maker's documentation or pricing page), model-card, paper, blog, news, social, dataset, leaderboard, review, other.", required=True, vocabulary=SOURCE_KINDS),
        Column("organization_id", SLUG, "The organization that published it, when it is one in the almanac.", references="organizations"),
        Column("archived_url", URL, "Address of an archived copy, if one was seen."),
        NOTE,
    ),
    key=("id",),
    provenance=False,
    label_column="title",
    sort="published",
    sort_desc=True,
    facets=("kind", "publisher"),
    search=("title", "publisher", "url", "note"),
    indexes=(("organization_id",),),
)

ORGANIZATIONS = Table(
    "organizations",
    "Companies, labs, universities and others that make or sell language models.",
    (
        Column("id", SLUG, "Stable identifier of the organization.", required=True),
        Column("name", TEXT, "Name of the organization.", required=True),
        Column("country", COUNTRY, "Country of its headquarters, ISO 3166-1 alpha-2 code.", fact=True),
        Column("kind", TEXT, "lab (its main business is its own foundation models), big-tech, company, academic, nonprofit or government.", required=True, vocabulary=ORGANIZATION_KINDS),
        Column("url", URL, "Its website.", fact=True),
        SOURCE_ID,
        NOTE,
    ),
    key=("id",),
    label_column="name",
    sort="name",
    facets=("country", "kind"),
    search=("name", "note"),
)

MODELS = Table(
    "models",
    "Language models: one row per model as its maker names it; a dated API snapshot that was priced, limited or retired differently has a row of its own (`snapshot_of` names its model). The names each goes by are in `model_names`.",
    (
        Column("id", SLUG, "Stable identifier of the model, such as gpt-4o-mini.", required=True),
        Column("name", TEXT, "The name its maker uses.", required=True),
        Column("organization_id", SLUG, "The organization that made it.", required=True, references="organizations"),
        Column("family", TEXT, "The family or generation it belongs to, such as Claude 3 or Llama 3.1."),
        Column("release_date", DATE, "Date it first became publicly available (API, app or downloadable weights).", required=True, fact=True),
        precision_of("release_date"),
        Column("announced_date", DATE, "Date it was announced, when the announcement came before the release.", fact=True),
        precision_of("announced_date"),
        Column("general_availability_date", DATE, "Date it became generally available, when that came after a preview or experimental release.", fact=True),
        precision_of("general_availability_date"),
        Column("deprecation_date", DATE, "Date its maker announced its deprecation (that it will be retired).", fact=True),
        precision_of("deprecation_date"),
        Column("retirement_date", DATE, "Date its maker shut it down (or will shut it down) in its own API; the last day it answered is the day before.", fact=True),
        precision_of("retirement_date"),
        Column("replacement_model_id", SLUG, "The model its maker names as its replacement.", fact=True, references="models"),
        Column("snapshot_of", SLUG, "For a dated API snapshot recorded as its own row (because it was priced, limited or retired differently): the model it is a snapshot of. Empty for a model.", fact=True, references="models"),
        Column("open_weights", BOOLEAN, "1 if its weights can be downloaded; 0 if not, by default (a closed model's 0 is not a cited fact).", fact=True, default=False),
        Column("license", TEXT, "Its licence: an SPDX identifier such as Apache-2.0, or the licence's name; proprietary by default, when the weights were not released (the model is offered only through its maker's API or apps), which is not a cited fact.", fact=True, default="proprietary"),
        Column("parameters_b", NUMBER, "Total parameters in billions, as disclosed by its maker or a paper.", fact=True),
        Column("active_parameters_b", NUMBER, "For mixture-of-experts models, the parameters active per token, in billions.", fact=True),
        Column("context_window", INTEGER, "Latest known context window in tokens (from the latest row of context_windows).", derived=True),
        Column("max_output_tokens", INTEGER, "Latest known limit on output tokens per response (from the latest row of context_windows).", derived=True),
        Column("knowledge_cutoff", DATE, "Date of the most recent data it was trained on, as stated by its maker.", fact=True),
        precision_of("knowledge_cutoff"),
        Column("reasoning", BOOLEAN, "1 for inference-scaling reasoning models that think before they answer (o1, QwQ...); 0 otherwise, by default (a 0 has a citation only where a record states it).", fact=True, default=False),
        Column("description", TEXT, "A sentence or two about it.", fact=True),
        SOURCE_ID,
        NOTE,
    ),
    key=("id",),
    label_column="name",
    sort="release_date",
    sort_desc=True,
    facets=("organization_id", "family", "open_weights", "license", "reasoning"),
    search=("name", "family", "description", "note"),
    indexes=(("organization_id",), ("release_date",), ("snapshot_of",), ("retirement_date",)),
)

MODEL_MODALITIES = Table(
    "model_modalities",
    "What a model accepts as input and produces as output: one row per model, direction and modality.",
    (
        Column("model_id", SLUG, "The model.", required=True, references="models"),
        Column("direction", TEXT, "input or output.", required=True, vocabulary=DIRECTIONS),
        Column("modality", TEXT, "text, image, audio, video or pdf.", required=True, fact=True, vocabulary=MODALITIES),
        Column("effective_from", DATE, "Date the model gained this modality, when that came after its release; empty when it had it from release.", fact=True),
        precision_of("effective_from"),
        SOURCE_ID,
        NOTE,
    ),
    key=("model_id", "direction", "modality"),
    sort="model_id",
    facets=("direction", "modality"),
    indexes=(("modality", "direction"),),
)

CONTEXT_WINDOWS = Table(
    "context_windows",
    "Context window and output limits of each model over time: one row per change, the launch value included.",
    (
        Column("model_id", SLUG, "The model.", required=True, references="models"),
        Column("effective_from", DATE, "Date from which the limits held.", required=True, fact=True),
        precision_of("effective_from"),
        Column("context_window", INTEGER, "Maximum tokens of input and output together, in tokens.", required=True, fact=True),
        Column("max_output_tokens", INTEGER, "Maximum tokens of output per response, in tokens.", fact=True),
        SOURCE_ID,
        NOTE,
    ),
    key=("model_id", "effective_from"),
    sort="effective_from",
    sort_desc=True,
    facets=("model_id",),
)

PRICES = Table(
    "prices",
    "What a provider charged for a model, one row per period in which a price held, per million tokens, in the currency it was stated in (the *_usd_per_mtok columns hold US dollar prices only).",
    (
        Column("model_id", SLUG, "The model.", required=True, references="models"),
        Column("provider_id", SLUG, "The organization selling access (its maker, for the maker's own API).", required=True, references="organizations"),
        Column("tier", TEXT, "standard; batch (asynchronous batch API); flex (slower, cheaper processing); priority (faster processing at a higher price); long-context, batch-long-context, flex-long-context, priority-long-context (the same, for requests whose prompt is longer than tier_min_input_tokens: the whole request is billed at this price once it crosses the threshold); audio (audio tokens).", required=True, vocabulary=PRICE_TIERS, default="standard"),
        Column("service_tier", TEXT, "The service tier of `tier`: standard, batch, flex or priority (audio prices are standard).", vocabulary=SERVICE_TIERS, derived=True),
        Column("tier_min_input_tokens", INTEGER, "For long-context tiers: the prompt length in tokens above which the whole request is billed at this price.", fact=True),
        Column("effective_from", DATE, "Date the price took effect.", required=True, fact=True),
        precision_of("effective_from"),
        Column("effective_from_confirmed", BOOLEAN, "1 when a source states that the price took effect on effective_from (a launch or price-change announcement); 0 when effective_from is only the earliest day a source read shows the price in force, or a day inferred from a release, so the price may have started earlier (the note says which).", required=True),
        Column("effective_to", DATE, "Date the next price took effect (exclusive); empty while it still held at the end of the covered period, or when no source says when it ended (the note then says so).", fact=True),
        Column("in_force_to", DATE, "The day the price stopped being offered (exclusive): effective_to, or, on its maker's own API, the model's retirement_date when that came first; empty while it still held. Every query of the price in force on a day reads it, so a retired model has no price after it stopped answering.", derived=True),
        Column("currency", TEXT, "Currency the price is stated in (ISO 4217): USD, EUR or CNY. Prices are recorded as the seller states them, never converted.", required=True, vocabulary=CURRENCIES, default="USD"),
        Column("input_per_mtok", NUMBER, "Price of input tokens per million tokens, in `currency`.", fact=True),
        Column("output_per_mtok", NUMBER, "Price of output tokens per million tokens, in `currency`.", fact=True),
        Column("cached_input_per_mtok", NUMBER, "Price of cached (prompt-cache hit) input tokens per million tokens, in `currency`.", fact=True),
        Column("cache_write_per_mtok", NUMBER, "Price of writing input tokens to the prompt cache, where it differs from the input price, per million tokens, in `currency`; the cache lifetime it buys is `cache_write_ttl_minutes`.", fact=True),
        Column("cache_write_ttl_minutes", INTEGER, "How long, in minutes, a cache write priced at `cache_write_per_mtok` keeps the prompt cached (5 for Anthropic's default cache writes).", fact=True),
        Column("cache_write_1h_per_mtok", NUMBER, "Price of writing input tokens to the prompt cache for one hour (Anthropic's 1-hour cache writes), per million tokens, in `currency`.", fact=True),
        Column("offer", TEXT, "list (the list price, by default); introductory (a launch price with a stated end) or promotional (a limited-time discount): such a period ends at `effective_to`, when the list price takes over.", required=True, fact=True, vocabulary=PRICE_OFFERS, default="list"),
        *(usd_copy(name) for name in USD_COPIES),
        SOURCE_ID,
        NOTE,
    ),
    key=("model_id", "provider_id", "tier", "currency", "effective_from"),
    sort="effective_from",
    sort_desc=True,
    facets=("provider_id", "tier", "currency", "model_id"),
    indexes=(("effective_from", "effective_to"), ("provider_id",)),
)

MODEL_NAMES = Table(
    "model_names",
    "The names a model goes by, each for the period it pointed at that model: its maker's API ids (dated snapshots, moving aliases such as gpt-4o or deepseek-chat), and the ids gateways and clouds use. On a day, a name resolves to the row whose period covers it.",
    (
        Column("name", TEXT, "The name exactly as an API or tool takes it: gpt-4o-2024-08-06, gpt-4o, claude-3-5-sonnet-latest.", required=True, fact=True),
        Column("used_by", SLUG, "Whose API or catalogue takes this name: the maker for its own API, or a gateway or cloud.", required=True, references="organizations"),
        Column("kind", TEXT, "id (a model's one stable id), snapshot (a fixed, dated id), alias (a moving name that points at different snapshots or models over time), gateway, cloud.", required=True, vocabulary=NAME_KINDS),
        Column("model_id", SLUG, "The model (or snapshot row) the name pointed at in this period.", required=True, fact=True, references="models"),
        Column("effective_from", DATE, "Date from which the name pointed at this model (for a snapshot or id: its release).", required=True, fact=True),
        precision_of("effective_from"),
        Column("effective_to", DATE, "Date from which it no longer did (exclusive): the alias moved, or the name was retired. Empty while it still does.", fact=True),
        precision_of("effective_to"),
        SOURCE_ID,
        NOTE,
    ),
    key=("used_by", "name", "effective_from"),
    label_column="name",
    sort="name",
    facets=("used_by", "kind"),
    search=("name", "note"),
    indexes=(("model_id",), ("name",)),
)

NAME_LOOKUP = Table(
    "name_lookup",
    "Every name a model can be looked up by, in lower case, with the period in which it means that model: first the names in model_names (rank 1), then the almanac's own model ids (rank 2) and model names (rank 3). On a day, a name means the model of its best-ranked row whose period covers the day; every form, the compare page and usage pricing resolve names this one way.",
    (
        Column("name", TEXT, "The name, in lower case.", required=True),
        Column("rank", INTEGER, "1 for a name in model_names, 2 for the almanac's model id, 3 for the model's name: the lowest rank covering a day wins.", required=True),
        Column("used_by", TEXT, "Whose name it is: the organization from model_names, or almanac.", required=True),
        Column("model_id", SLUG, "The model (or snapshot) the name means in the period.", required=True, references="models"),
        Column("effective_from", DATE, "From when the name means that model (for the almanac's ids and names: the model's release).", required=True),
        Column("effective_to", DATE, "Until when (exclusive); empty while it still does."),
    ),
    key=("name", "rank", "used_by", "effective_from"),
    provenance=False,
    derived=True,
    indexes=(("name",),),
)

COVERAGE = Table(
    "coverage",
    "The period the almanac covers, from its data: the earliest and the latest day of a dated fact (a release, an event, a price or a limit taking effect). Scheduled future dates (retirements) do not extend it.",
    (
        Column("covered_from", DATE, "The earliest day of a dated fact.", required=True),
        Column("covered_to", DATE, "The latest day of a dated fact.", required=True),
        Column("latest_month", TEXT, "The month of covered_to, YYYY-MM.", required=True),
    ),
    key=("covered_from",),
    provenance=False,
    derived=True,
)

EVENTS = Table(
    "events",
    "Dated events: releases, announcements, price changes, features, availability changes and more.",
    (
        Column("id", SLUG, "Stable identifier of the event.", required=True),
        Column("date", DATE, "When it happened, as precise as known.", required=True, fact=True),
        precision_of("date"),
        Column("kind", TEXT, "release, announcement, price-change, feature, availability, deprecation, research, benchmark, policy or other.", required=True, vocabulary=EVENT_KINDS),
        Column("title", TEXT, "What happened, in one line.", required=True, fact=True),
        Column("description", TEXT, "What happened, in a few sentences.", fact=True),
        Column("model_id", SLUG, "The model it is about, if any.", references="models"),
        Column("organization_id", SLUG, "The organization it is about, if any.", references="organizations"),
        SOURCE_ID,
        NOTE,
    ),
    key=("id",),
    label_column="title",
    sort="date",
    sort_desc=True,
    facets=("kind", "organization_id", "date_precision"),
    search=("title", "description", "note"),
    indexes=(("date",), ("model_id",), ("organization_id",)),
)

TRAINING_RUNS = Table(
    "training_runs",
    "How a model was trained, where its makers or researchers (such as Epoch AI) published figures; compute_basis and cost_basis say which figures are estimates.",
    (
        Column("model_id", SLUG, "The model.", required=True, references="models"),
        Column("gpu_type", TEXT, "Accelerator used, such as H100, H800 or TPU v5p.", fact=True),
        Column("gpu_count", INTEGER, "Number of accelerators in the training cluster.", fact=True),
        Column("gpu_hours", INTEGER, "Accelerator hours used for training, in hours.", fact=True),
        Column("training_tokens", INTEGER, "Tokens of training data, in tokens.", fact=True),
        Column("training_compute_flop", NUMBER, "Training compute, in floating point operations.", fact=True),
        Column("compute_basis", TEXT, "Where the compute figure comes from: stated by the makers, or estimated (by whom, how, and with what confidence).", fact=True),
        Column("training_cost_usd", NUMBER, "Training cost in US dollars, on the basis given in cost_basis.", fact=True),
        Column("cost_basis", TEXT, "How the cost figure was reached (for example GPU hours times an assumed rental price).", fact=True),
        SOURCE_ID,
        NOTE,
    ),
    key=("model_id",),
    sort="gpu_hours",
    sort_desc=True,
)

LEADERBOARD_SCORES = Table(
    "leaderboard_scores",
    "Entries of a leaderboard (such as the Chatbot Arena) as they stood in a dated, cited snapshot.",
    (
        Column("leaderboard", SLUG, "Which leaderboard, such as chatbot-arena-text.", required=True),
        Column("snapshot_date", DATE, "Date of the snapshot.", required=True, fact=True),
        precision_of("snapshot_date"),
        Column("entry", TEXT, "The model's name as the leaderboard lists it.", required=True, fact=True),
        Column("model_id", SLUG, "The almanac's model this entry is (or is a version of), where it has one.", references="models"),
        Column("organization_id", SLUG, "The organization the leaderboard credits, as an almanac organization.", references="organizations"),
        Column("rank", INTEGER, "Rank on the leaderboard (the Chatbot Arena's upper-bound rank: 1 + the number of models statistically better).", fact=True),
        Column("rank_style_control", INTEGER, "Rank with style control, where the leaderboard gives it.", fact=True),
        Column("score", NUMBER, "Score (the Chatbot Arena's Elo-style Arena Score).", fact=True),
        Column("confidence_interval", TEXT, "95% confidence interval of the score, as listed.", fact=True),
        Column("votes", INTEGER, "Number of votes behind the score.", fact=True),
        Column("license", TEXT, "Licence as the leaderboard lists it.", fact=True),
        SOURCE_ID,
        NOTE,
    ),
    key=("leaderboard", "snapshot_date", "entry"),
    label_column="entry",
    sort="score",
    sort_desc=True,
    facets=("leaderboard", "snapshot_date", "organization_id"),
    indexes=(("model_id",), ("organization_id",)),
)

CLAIMS = Table(
    "claims",
    "Claims made about models and the field, each checked against the almanac's own data by the SQL beside it.",
    (
        Column("id", SLUG, "Stable identifier of the claim.", required=True),
        Column("claim", TEXT, "The claim, in the words of its source.", required=True, fact=True),
        Column("section", TEXT, "Where in the source it is made (section heading).", fact=True),
        Column("quantity", TEXT, "What the SQL computes, in words.", required=True),
        Column("sql", TEXT, "SQL over this database that computes the quantity (one value). Empty when the data to check it does not exist."),
        Column("comparison", TEXT, "How the computed value is held against the expected one: approx (within tolerance), equals, at-least, at-most, more-than, same-set, true.", vocabulary=CLAIM_COMPARISONS),
        Column("expected", TEXT, "The value the claim states: a number, a comma-separated set, or true."),
        Column("tolerance", NUMBER, "For approx: how far the computed value may be from the expected one, in the same unit (the claim's own rounding)."),
        Column("evidence_sql", TEXT, "SQL listing the rows behind the computed value."),
        Column("missing", TEXT, "Which data the claim needs that the almanac does not have (why it is not checkable)."),
        Column("computed", TEXT, "The value the SQL computed from the data, at build time.", derived=True),
        Column("verdict", TEXT, "supported, contradicted or not-checkable: what the data says of the claim.", vocabulary=VERDICTS, derived=True),
        Column("verdict_reason", TEXT, "Why: the computed value against the expected one, or which data is missing.", derived=True),
        SOURCE_ID,
        NOTE,
    ),
    key=("id",),
    label_column="id",
    sort="id",
    facets=("verdict", "section"),
    search=("claim", "quantity", "note"),
)

CITATIONS = Table(
    "citations",
    "Provenance of every fact: one row per field of a record and source that states it.",
    (
        Column("table_name", TEXT, "The table of the record.", required=True),
        Column("record_id", TEXT, "The record's primary key; for compound keys the values joined by commas, as in the record's Datasette address.", required=True),
        Column("field", TEXT, "The column whose value the source states.", required=True),
        Column("source_id", SLUG, "The source that states it.", required=True, references="sources"),
        Column("quote", TEXT, "The words of the source that state it, where recorded."),
    ),
    key=("table_name", "record_id", "field", "source_id"),
    provenance=False,
    derived=True,
    sort="table_name",
    facets=("table_name", "field"),
    search=("quote",),
    indexes=(("source_id",), ("table_name", "record_id")),
)

# In build order. References between tables are checked by the validator, not by SQLite, so
# sources and organizations may name each other.
TABLES = (
    SOURCES,
    ORGANIZATIONS,
    MODELS,
    MODEL_MODALITIES,
    CONTEXT_WINDOWS,
    PRICES,
    MODEL_NAMES,
    EVENTS,
    TRAINING_RUNS,
    LEADERBOARD_SCORES,
    CLAIMS,
    CITATIONS,
    NAME_LOOKUP,
    COVERAGE,
)
TABLES_BY_NAME = {table.name: table for table in TABLES}
