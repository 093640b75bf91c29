"""Parse one text value by its column type. Each parser returns the typed value or raises
ValueError with a message that says what was expected."""

import calendar
import datetime
import math
import re

from . import schema
from .countries import ISO_3166_ALPHA_2

# Patterns are ASCII-only: in Python `\d` also matches other scripts' digits ('２０２４'), which
# int() and float() would then read as numbers.
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)
INTEGER_PATTERN = re.compile(r"^\d+$", re.ASCII)
NUMBER_PATTERN = re.compile(r"^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$", re.ASCII)
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.ASCII)
# SQLite stores integers in 64 bits: a larger one cannot be written.
MAX_INTEGER = 2**63 - 1
# The largest real figure is training compute, about 5e26 FLOP for the largest runs; a number
# past 1e30 is a typo.
MAX_NUMBER = 1e30


def parse_text(raw):
    return raw


def parse_slug(raw):
    if not SLUG_PATTERN.match(raw):
        raise ValueError(f"expected an identifier of lowercase letters, digits and single hyphens (no dots or spaces), got {raw!r}")
    return raw


def parse_integer(raw):
    text = raw.replace("_", "")
    if INTEGER_PATTERN.match(text):
        number = int(text)
    elif NUMBER_PATTERN.match(text):
        # Allow exact scientific notation for large counts (1.48e13), but never a fraction.
        exact = float(text)
        if not math.isfinite(exact) or exact != int(exact):
            raise ValueError(f"expected a whole number of 0 or more, got {raw!r}")
        number = int(exact)
    else:
        raise ValueError(f"expected a whole number of 0 or more, got {raw!r}")
    if number > MAX_INTEGER:
        raise ValueError(f"expected a whole number of at most {MAX_INTEGER} (SQLite's largest integer), got {raw!r}")
    return number


def parse_number(raw):
    if not NUMBER_PATTERN.match(raw):
        raise ValueError(f"expected a number of 0 or more (no units or currency signs), got {raw!r}")
    number = float(raw)
    if not math.isfinite(number) or number > MAX_NUMBER:
        raise ValueError(f"expected a number of 0 or more and at most {MAX_NUMBER:g}, got {raw!r}")
    return number


def parse_boolean(raw):
    lowered = raw.lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    raise ValueError(f"expected true or false, got {raw!r}")


def parse_date(raw):
    match = DATE_PATTERN.match(raw)
    if not match:
        raise ValueError(f"expected a date written YYYY-MM-DD, YYYY-MM or YYYY, got {raw!r}")
    year, month, day = match.groups()
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"{raw!r} is not a real date") from None
    return raw


def parse_url(raw):
    if not URL_PATTERN.match(raw):
        raise ValueError(f"expected an http:// or https:// address without spaces, got {raw!r}")
    return raw


def parse_country(raw):
    if raw not in ISO_3166_ALPHA_2:
        raise ValueError(f"expected an ISO 3166-1 alpha-2 country code such as US, CN or FR, got {raw!r}")
    return raw


PARSERS = {
    schema.TEXT: parse_text,
    schema.SLUG: parse_slug,
    schema.INTEGER: parse_integer,
    schema.NUMBER: parse_number,
    schema.BOOLEAN: parse_boolean,
    schema.DATE: parse_date,
    schema.URL: parse_url,
    schema.COUNTRY: parse_country,
}


def parse(column, raw):
    value = PARSERS[column.type](raw)
    if column.vocabulary and value not in column.vocabulary:
        raise ValueError(f"expected one of {', '.join(column.vocabulary)}, got {raw!r}")
    return value


def date_precision(value):
    return {4: "year", 7: "month", 10: "day"}[len(value)]


def date_floor(value):
    """The first day a reduced-precision date can mean: 2024-05 -> 2024-05-01."""
    return (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]


def date_ceiling(value):
    """The last day a reduced-precision date can mean: 2024 -> 2024-12-31, 2024-02 -> 2024-02-29."""
    if len(value) == 4:
        return value + "-12-31"
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        return f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    return value
