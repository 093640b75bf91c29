"""Rules that involve more than one field or more than one record of a table.

Each rule takes the table's records (and all records, for rules across tables) and returns
problems. Records whose fields failed to parse carry None there and are skipped by a rule.
"""

from collections import defaultdict

from .schema import CLAIM_COMPARISONS, LONG_CONTEXT_TIERS
from .values import date_ceiling, date_floor


def limits_fit(records, _all):
    for record in records:
        window, output = record.values["context_window"], record.values["max_output_tokens"]
        if window is not None and output is not None and output > window:
            yield record.problem(f"max_output_tokens ({output}) is larger than context_window ({window})", "max_output_tokens")


def price_has_a_price(records, _all):
    names = ("input_per_mtok", "output_per_mtok", "cached_input_per_mtok")
    for record in records:
        if all(record.values[name] is None for name in names):
            yield record.problem("a price record needs at least an input or an output price", "input_per_mtok")


def price_tier_threshold(records, _all):
    for record in records:
        tier, threshold = record.values["tier"], record.values["tier_min_input_tokens"]
        if tier in LONG_CONTEXT_TIERS and threshold is None:
            yield record.problem(f"tier {tier} needs tier_min_input_tokens: the prompt length above which it applies", "tier_min_input_tokens")
        if tier is not None and tier not in LONG_CONTEXT_TIERS and threshold is not None:
            yield record.problem(f"tier_min_input_tokens only applies to the {' and '.join(LONG_CONTEXT_TIERS)} tiers, not {tier}", "tier_min_input_tokens")


def price_periods(records, _all):
    """effective_to must come after effective_from, and periods of one model, provider, tier and
    currency must not overlap (prices stated in two currencies are two series)."""
    yield from periods_do_not_overlap(records, "price period")


def name_periods(records, _all):
    """A name points at one model at a time: periods of one name, for one user of it, never
    overlap."""
    yield from periods_do_not_overlap(records, "name's period")


def periods_do_not_overlap(records, what):
    """Records whose key is a series plus `effective_from`, with an exclusive `effective_to`."""
    groups = defaultdict(list)
    for record in records:
        start, end = record.values["effective_from"], record.values["effective_to"]
        if start is None:
            continue
        if end is not None and date_floor(end) <= date_floor(start):
            yield record.problem(f"effective_to ({end}) must be after effective_from ({start})", "effective_to")
            continue
        # A series is the table's key without its start: model, provider, tier and currency.
        series = tuple(record.values[n] for n in record.table.key if n != "effective_from")
        groups[series].append(record)
    for group in groups.values():
        group.sort(key=lambda r: date_floor(r.values["effective_from"]))
        for earlier, later in zip(group, group[1:]):
            end = earlier.values["effective_to"]
            if end is None or date_floor(end) > date_floor(later.values["effective_from"]):
                held = f"until {end}" if end else "with no effective_to"
                yield later.problem(
                    f"{what} overlaps the one from {earlier.values['effective_from']} ({held}) "
                    f"at {earlier.where.path}:{earlier.where.line}; set that record's effective_to to {later.values['effective_from']}",
                    "effective_from",
                )


def model_parameters(records, _all):
    for record in records:
        total, active = record.values["parameters_b"], record.values["active_parameters_b"]
        if total is not None and active is not None and active > total:
            yield record.problem(f"active_parameters_b ({active:g}) is larger than parameters_b ({total:g})", "active_parameters_b")


def open_weights_name_their_licence(records, _all):
    """proprietary is the licence of a closed model by default; an open one names its own."""
    for record in records:
        if record.values["open_weights"] and "license" in record.defaulted:
            yield record.problem("an open-weights model needs its licence (proprietary is only the default of a closed model)", "license")


def model_dates(records, _all):
    for record in records:
        announced, released = record.values["announced_date"], record.values["release_date"]
        # Only a contradiction when every day the announcement can mean is after every day the
        # release can mean: an announcement in 2023-06 fits a release known only as 2023.
        if announced and released and date_floor(announced) > date_ceiling(released):
            yield record.problem(f"announced_date ({announced}) is after release_date ({released})", "announced_date")


def model_lifecycle(records, _all):
    """Release, general availability, deprecation and retirement come in that order; a snapshot
    is of a model that is not itself a snapshot; a model does not replace itself."""
    snapshots = {r.values["id"]: r.values["snapshot_of"] for r in records if r.values["snapshot_of"]}
    for record in records:
        values = record.values
        for field, after in (
            ("general_availability_date", "release_date"),
            ("deprecation_date", "release_date"),
            ("retirement_date", "release_date"),
            ("retirement_date", "deprecation_date"),
        ):
            later, earlier = values[field], values[after]
            if later and earlier and date_ceiling(later) < date_floor(earlier):
                yield record.problem(f"{field} ({later}) is before {after} ({earlier})", field)
        for field in ("snapshot_of", "replacement_model_id"):
            if values[field] is not None and values[field] == values["id"]:
                yield record.problem(f"{field} names the model itself", field)
        parent = values["snapshot_of"]
        if parent and parent != values["id"] and parent in snapshots:
            yield record.problem(f"snapshot_of names {parent!r}, which is itself a snapshot of {snapshots[parent]!r}: name the model", "snapshot_of")


def price_cache_writes(records, _all):
    """A cache write is priced for a lifetime: the price and its lifetime come together."""
    for record in records:
        price, ttl = record.values["cache_write_per_mtok"], record.values["cache_write_ttl_minutes"]
        if price is not None and ttl is None:
            yield record.problem("cache_write_per_mtok needs cache_write_ttl_minutes: how long the write keeps the cache (5 for a 5-minute write)", "cache_write_ttl_minutes")
        if ttl is not None and price is None:
            yield record.problem("cache_write_ttl_minutes is the lifetime of a cache write priced in cache_write_per_mtok, which is empty", "cache_write_ttl_minutes")


def price_offers_end(records, _all):
    """An introductory or promotional price is for a limited time: its period says when it ends."""
    for record in records:
        offer = record.values["offer"]
        if offer in ("introductory", "promotional") and record.values["effective_to"] is None:
            yield record.problem(f"an {offer} price needs effective_to: the day the list price takes over", "effective_to")


def training_figures_have_a_basis(records, _all):
    """Compute and cost figures are often estimates: each one says where it comes from."""
    for record in records:
        for figure, basis in (("training_compute_flop", "compute_basis"), ("training_cost_usd", "cost_basis")):
            if record.values[figure] is not None and not record.values[basis]:
                yield record.problem(f"{figure} needs {basis}: stated by the makers, or estimated (by whom, how)", basis)


def claim_is_checkable_or_says_why(records, _all):
    for record in records:
        values = record.values
        if not values["sql"]:
            if not values["missing"]:
                yield record.problem("a claim without sql must say in 'missing' which data it would need", "missing")
            continue
        if values["comparison"] is None:
            yield record.problem("a claim with sql needs a comparison: " + ", ".join(CLAIM_COMPARISONS), "comparison")
        elif values["comparison"] != "true" and values["expected"] is None:
            yield record.problem(f"comparison {values['comparison']} needs the expected value the claim states", "expected")
        if values["comparison"] == "approx" and values["tolerance"] is None:
            yield record.problem("comparison approx needs a tolerance: how much rounding the claim allows", "tolerance")


def sources_are_cited(records, all_records):
    """A source nobody cites is noise in the sources table: cite it or remove it."""
    cited = set()
    for table_records in all_records.values():
        for record in table_records:
            cited.add(record.source)
            cited.update(source for _, source, _ in record.cites)
    for record in records:
        if record.values["id"] is not None and record.values["id"] not in cited:
            yield record.problem("no record cites this source: cite it where it states a fact, or remove it", "id")


RULES = (
    ("context_windows", limits_fit),
    ("prices", price_has_a_price),
    ("prices", price_tier_threshold),
    ("prices", price_periods),
    ("prices", price_cache_writes),
    ("prices", price_offers_end),
    ("model_names", name_periods),
    ("models", model_lifecycle),
    ("models", model_parameters),
    ("models", model_dates),
    ("models", open_weights_name_their_licence),
    ("training_runs", training_figures_have_a_basis),
    ("claims", claim_is_checkable_or_says_why),
    ("sources", sources_are_cited),
)
