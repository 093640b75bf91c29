"""One set of formatting filters for every page: prices with their currency, counts with
separators, compute in powers of ten, yes/no for flags, dates as their precision allows.

Templates use them as filters (`{{ row.input_per_mtok|money(row.currency) }}`); table and query
pages in HTML get the same through render_cell, chosen by column name. JSON and CSV are never
formatted: they keep the raw numbers.
"""

import datetime
import math

import markupsafe
from datasette import hookimpl

SYMBOLS = {"USD": "$", "EUR": "€", "CNY": "¥"}
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")

# Flags stored as 0/1 (SQLite has no boolean type), by column name.
FLAG_COLUMNS = {"open_weights", "reasoning", "effective_from_confirmed"}
# Whole-number columns that read better with separators, by column name; any other whole number
# of five digits or more gets them too, except ids and row ids.
COUNT_COLUMNS = {"context_window", "max_output_tokens", "gpu_hours", "gpu_count", "training_tokens", "largest_context_window"}


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def plain_number(value):
    """30 -> '30', 2.5 -> '2.50', 0.0375 -> '0.0375', 1234.5 -> '1,234.50': cents unless the
    amount is whole, more digits only where the price has them."""
    if float(value).is_integer():
        return f"{int(value):,}"
    if value == round(value, 2):
        return f"{value:,.2f}"
    return f"{value:,.6f}".rstrip("0")


def money(value, currency="USD"):
    if not is_number(value):
        return "" if value is None else value
    currency = (currency or "USD").upper()
    sign = "-" if value < 0 else ""
    text = plain_number(abs(value))
    if currency in SYMBOLS:
        return f"{sign}{SYMBOLS[currency]}{text}"
    return f"{sign}{text} {currency}"


def per_mtok(value, currency="USD"):
    """A price per million tokens: '$2.50 /M tokens' (the unit in a smaller span)."""
    if not is_number(value):
        return "" if value is None else value
    return markupsafe.Markup('{}<span class="unit"> /M tokens</span>').format(money(value, currency))


def count(value):
    if not is_number(value):
        return "" if value is None else value
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def flop(value):
    """3.8e25 -> '3.8 × 10²⁵ FLOP'."""
    if not is_number(value) or value <= 0:
        return "" if value is None else value
    exponent = math.floor(math.log10(value))
    mantissa = f"{value / 10**exponent:.2g}"
    if mantissa == "10":  # rounding carried over: 9.99e24 is 1 × 10²⁵
        mantissa, exponent = "1", exponent + 1
    return f"{mantissa} × 10{str(exponent).translate(SUPERSCRIPT)} FLOP"


def yesno(value):
    if value is None or value == "":
        return ""
    return "yes" if value in (1, True, "1", "true") else "no"


def long_date(value):
    """'2024-05-13' -> '13 May 2024', '2024-05' -> 'May 2024', '2024' -> '2024'."""
    if not isinstance(value, str):
        return "" if value is None else value
    parts = value.split("-")
    try:
        if len(parts) == 3:
            day = datetime.date(*map(int, parts))
            return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return value


def abbreviated(value):
    """A token count the way people say it: 128000 -> '128k', 2000000 -> '2M'."""
    if not is_number(value):
        return "" if value is None else value
    for size, suffix in ((10**6, "M"), (10**3, "k")):
        if value >= size:
            return f"{value / size:.3g}{suffix}"
    return str(value)


# Column-name endings and the unit they stand for, in the order they are tried.
UNITS = (
    ("_usd_per_mtok", " ($/M tokens)"),
    ("_per_mtok", " (per M tokens)"),
    ("_cost_usd", " cost ($)"),
    ("_usd", " ($)"),
    ("_flop", " (FLOP)"),
    ("_gb", " (GB)"),
)


def capitalize_first(text):
    text = str(text)
    return text[:1].upper() + text[1:]


def column_label(name):
    """A column name in words: 'input_usd_per_mtok' -> 'Input ($/M tokens)'."""
    unit = ""
    for ending, words in UNITS:
        if name.endswith(ending) and len(name) > len(ending):
            name, unit = name[: -len(ending)], words
            break
    return capitalize_first(name.replace("_", " ") + unit)


# The model page's fields in words (the column names stay in the record and the API).
FIELD_LABELS = {
    "name": "Name",
    "organization_id": "Maker",
    "family": "Family",
    "release_date": "Released",
    "announced_date": "Announced",
    "general_availability_date": "Generally available",
    "deprecation_date": "Deprecation announced",
    "retirement_date": "Retired",
    "replacement_model_id": "Replaced by",
    "snapshot_of": "Dated snapshot of",
    "open_weights": "Open weights",
    "license": "Licence",
    "parameters_b": "Parameters",
    "active_parameters_b": "Active parameters",
    "context_window": "Context window",
    "max_output_tokens": "Longest output",
    "knowledge_cutoff": "Knowledge cutoff",
    "reasoning": "Reasoning model",
    "description": "Description",
    "note": "Note",
    "input": "Takes",
    "output": "Gives",
}
DATE_FIELDS = {"release_date", "announced_date", "general_availability_date", "deprecation_date", "retirement_date", "knowledge_cutoff"}


def field_label(field):
    return FIELD_LABELS.get(field, capitalize_first(str(field).replace("_", " ")))


def field_value(value, field):
    """A model's field as a reader wants it: dates in words, flags as yes/no, sizes with units."""
    if field in DATE_FIELDS:
        return long_date(value)
    if field in FLAG_COLUMNS:
        return yesno(value)
    if field in ("parameters_b", "active_parameters_b") and is_number(value):
        return f"{value:g} billion"
    if field in ("context_window", "max_output_tokens") and is_number(value):
        return f"{count(value)} tokens"
    return value


FILTERS = {"field_label": field_label, "field_value": field_value, "capitalize_first": capitalize_first, "column_label": column_label, "money": money, "per_mtok": per_mtok, "count": count, "flop": flop, "yesno": yesno, "long_date": long_date, "abbreviated": abbreviated}


@hookimpl
def prepare_jinja2_environment(env):
    env.filters.update(FILTERS)


def cell(row, value, column):
    """The formatted HTML of one cell, or None to leave it to Datasette."""
    keys = row.keys() if hasattr(row, "keys") else []
    if column == "path" and isinstance(value, str) and value.startswith("/"):
        return markupsafe.Markup('<a href="{}">{}</a>').format(value, value)
    if column == "title" and "path" in keys and isinstance(row["path"], str) and row["path"].startswith("/"):
        return markupsafe.Markup('<a href="{}">{}</a>').format(row["path"], value)
    if not is_number(value):
        return None
    if column.endswith("_per_mtok"):  # the unit is in the column's name and label
        currency = "USD" if "_usd_" in column or "currency" not in keys else row["currency"]
        return money(value, currency)
    if column.endswith("_cost_usd") or column.endswith("_usd"):
        return money(value, "USD")
    if column.endswith("_flop"):
        return flop(value)
    if column in FLAG_COLUMNS:
        return yesno(value)
    if column in COUNT_COLUMNS or (isinstance(value, int) and abs(value) >= 10000 and column != "rowid" and not column.endswith("id")):
        return count(value)
    return None


@hookimpl
def render_cell(row, value, column):
    return cell(row, value, column)
