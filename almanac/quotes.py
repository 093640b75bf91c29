"""The quote rule: a citation's quote is the passage of the cited page that states the field's
value, as the page writes it. This module decides whether a quote states a value.

Every form a quote may state a value in is declared here, in the tables below, and nowhere
else; docs/provenance.md shows them (a test keeps it in step with `forms_markdown()`).

- Which columns are checked follows from the schema's column types (`kind_of`): integer and
  number facts are quantities, dates are dates, `license` is a licence, a modality a modality.
  Only a few columns need a unit, declared in UNITS by their name's ending.
- A number glued to letters (GPT-4o, o1, Qwen2.5, 8x7B) or a version after a model-name word
  (Gemini 1.5, Llama 3.1) is part of a name and never states a plain number. A number with a
  unit in a name still states it: "Llama 3.1 405B" states 405 billion, never 3.1 or 4.

It is longer than the other modules because it is the one place where every accepted form is
declared, beside the table of examples (ACCEPTED, REFUSED) that documents and tests them.
"""

import csv
import datetime
import functools
import math
import re
from dataclasses import dataclass

from . import schema

# Kinds of checked value.
QUANTITY = "quantity"  # a count or measure: tokens, hours, FLOP, dollars, votes...
BILLIONS = "billions"  # a count recorded in billions (parameters)
PRICE = "price"  # per million tokens, in the record's currency
DATE = "date"
LICENCE = "licence"
MODALITY = "modality"
MINUTES = "minutes"  # a duration in minutes

# Columns whose unit is not the plain figure their type implies, by the ending of their name.
UNITS = (
    ("_per_mtok", PRICE),  # prices per million tokens: stated per million, or per thousand
    ("parameters_b", BILLIONS),  # parameters_b, active_parameters_b: billions of parameters
    ("_minutes", MINUTES),  # durations: 5m, 5 minutes, 1h
)
TYPE_KINDS = {schema.INTEGER: QUANTITY, schema.NUMBER: QUANTITY, schema.DATE: DATE}
NEVER_CHECKED = ("proprietary",)  # a closed model's licence: the column's default, not a quote
# A quote of a data file's row under its header: three columns at least, so that prose with
# one comma ("128,000\ntokens") is never read as a table.
MIN_DATA_COLUMNS = 3
TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]*-[\s:|-]*\|?\s*$")  # a Markdown table's |:---:|---| line
THOUSANDS_HEADER = re.compile(r"[(（]\s*K\s*[)）]")  # a column header giving its unit as thousands


def kind_of(table, column):
    """The kind of value a quote must state for this column, or None if it is not checked
    (booleans and free text: descriptions, titles, bases)."""
    if not column.fact or column.derived:
        return None
    if column.name == "license":
        return LICENCE
    if table.name == "model_modalities" and column.name == "modality":
        return MODALITY
    for ending, kind in UNITS:
        if column.name.endswith(ending):
            return kind
    return TYPE_KINDS.get(column.type)


# --- Numbers -----------------------------------------------------------------------------

# A unit after a number, and the values it may mean. K and M mean what the page means by them:
# 128K is 128,000 or 131,072 (128 x 1,024), 1M is 1,000,000 or 1,048,576.
MULTIPLIERS = {
    "k": (1e3, 1024),
    "thousand": (1e3,),
    "m": (1e6, 1024**2),
    "mn": (1e6,),
    "million": (1e6,),
    "b": (1e9,),
    "bn": (1e9,),
    "billion": (1e9,),
    "t": (1e12,),
    "trillion": (1e12,),
    "千": (1e3,),
    "万": (1e4,),
    "百万": (1e6,),
    "千万": (1e7,),
    "亿": (1e8,),
    "万亿": (1e12,),
    "萬": (1e4,),  # traditional characters
    "億": (1e8,),
    "萬億": (1e12,),
}
# Lower-case m is minutes or metres on most pages: only the capital M abbreviates million.
UNIT = re.compile(
    r"(?:\*\*)?(?:\s?(万亿|萬億|千万|百万|千|万|亿|萬|億)"
    r"|[\s-]?((?i:thousand|million|billion|trillion))(?![A-Za-z])"
    r"|\s?((?i:mn|bn)|[kKMbBT])(?![A-Za-z0-9]))"
)
# Thousands grouped by commas or spaces (128,000; 128 000), or by dots in at least two groups
# (1.048.576), so that a decimal point is never read as a separator.
GROUPED = (
    r"\d{1,3}(?:(?P<sep>[,\u00a0\u202f\u2009 ])\d{3}(?!\d))(?:(?P=sep)\d{3}(?!\d))*"
    r"|\d{1,3}(?:\.\d{3}(?!\d)){2,}"
)
POWER_OF_TEN = re.compile(r"(?:\s*(?:\^|\*\*)\s*\(?([+-]?\d+)\)?|([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+))")
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
NUMBER = re.compile(
    rf"(?P<int>{GROUPED}|\d+)(?P<frac>\.\d+)?"
    r"(?:(?P<exp>[eE][+-]?\d+)"
    r"|\s*[x×*·]\s*10\s*(?:\^|\*\*)\s*\(?(?P<pow>[+-]?\d+)\)?"
    r"|\s*[x×*·]\s*10(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+))?"
)
# A price stated per thousand tokens: "$0.01 / 1K tokens", "per 1,000 tokens", "0.03元/千tokens".
PER_THOUSAND = re.compile(
    r"\s*(?:元|yuan|rmb|cny|usd|dollars?|us\$|\$|€|eur)?\s*(?:/|per|每)\s*(?:1\s?[kK]|[kK]|1[,\u00a0\u202f ]?000|one thousand|thousand|千)(?![0-9]|[,.\u00a0\u202f ]\d{3})",
    re.I,
)
# The same, where the page says once that its prices are per thousand tokens or per token.
THOUSAND_TOKENS = re.compile(r"(?<![\d,.])(?:1\s?[kK]|1[,\u00a0 ]?000|千)\s*(?:input |output |prompt |completion )?tokens", re.I)
PER_TOKEN = re.compile(r"per[_ ]token\b", re.I)
THOUSANDTH_UNIT = re.compile(r"\bunit:\s*['\"]?0\.001['\"]?")  # a price file's prices per 1,000 tokens
PER_TOKEN_AFTER = re.compile(r"\s*(?:/|per|a)\s*(?:input |output )?token\b", re.I)
FREE = re.compile(r"\bfree\b|免费", re.I)  # a price of 0
CENTS = re.compile(r"\s?(?:cents?\b|c(?![A-Za-z])|¢)", re.I)
# Words a model's name starts with: a version number after one of them is part of the name.
NAME_WORDS = (
    "abab", "aya", "baichuan", "chatglm", "chatgpt", "claude", "codestral", "command", "deep", "deepseek",
    "dolly", "doubao", "ernie", "exaone", "fable", "falcon", "gemini", "gemma", "glm", "gpt",
    "granite", "grok", "haiku", "hunyuan", "hy", "instant", "internlm", "internvl", "jamba", "kimi",
    "large", "leanstral", "learnlm", "ling", "llama", "llava", "medium", "mini", "minicpm",
    "ministral", "mistral", "mixtral", "molmo", "mpt", "mythos", "nemotron", "nova", "nvlm", "olmo",
    "opus", "palm", "phi", "pixtral", "qwen", "reka", "seed", "skywork", "small", "smollm", "solar",
    "sonnet", "stablelm", "starcoder", "step", "tulu", "version", "vicuna", "wizardlm", "xverse",
    "yi",
)
AFTER_NAME_WORD = re.compile(r"(?:^|[^A-Za-z])(?:" + "|".join(NAME_WORDS) + r")[ -]?$", re.I)


@dataclass(frozen=True)
class Mention:
    """A number as a page writes it: its candidate values and what follows it."""

    values: tuple  # the figures it may mean, units applied
    written: float  # the figure as written, before any unit
    unit: bool  # written with a unit (K, M, B, million, 万...)
    tail: str  # the text right after it


# Cached: one record's quote is checked for each of the fields it covers.
@functools.lru_cache(maxsize=4096)
def mentions(text):
    """Every number written in `text`, starting anywhere a number can start."""
    found = []
    for start in range(len(text)):
        if text[start] not in "0123456789" or not can_start(text, start):
            continue
        mention = mention_at(text, NUMBER.match(text, start))
        if mention is not None:
            found.append(mention)
    return tuple(found)


def can_start(text, start):
    before = text[start - 1] if start else " "
    if before.isascii() and (before.isalnum() or before == "_"):
        return False  # glued to letters or inside a number: o1, GPT4, the 05 of 2405
    if before in ".," and start >= 2 and text[start - 2].isdigit():
        return False  # the decimals of 2.5, the 000 of 128,000, the 5 of Qwen2.5
    return True


def mention_at(text, match):
    digits = re.sub(r"\D", "", match.group("int"))
    written = float(digits + (match.group("frac") or ""))
    exponent = match.group("exp") and match.group("exp")[1:] or match.group("pow") or match.group("sup")
    end = match.end()
    power = POWER_OF_TEN.match(text, end) if digits == "10" and not exponent else None
    if power:  # 10^25, 10²⁵
        written, exponent, end = 1.0, power.group(1) or power.group(2), power.end()
    unit = None
    if exponent:
        exponent = int(exponent.translate(SUPERSCRIPTS))
        if abs(exponent) > 300:
            return None  # no page states a figure that large; beyond what a float holds
        written *= 10.0**exponent
    else:
        unit = UNIT.match(text, end)
    if unit:
        end = unit.end()
        name = next(group for group in unit.groups() if group)
        values = tuple(written * factor for factor in MULTIPLIERS[name.lower()])
    else:
        values = (written,)
        follower = text[end] if end < len(text) else " "
        if follower.isascii() and follower.isalpha() and not CENTS.match(text, end):
            return None  # 4o, 3rd, 12x: a name or an ordinal, not a figure
        start = match.start()
        before = text[max(0, start - 2) : start]
        if len(before) == 2 and before[1] == "-" and before[0].isascii() and before[0].isalnum():
            return None  # GPT-4, Phi-3: a version glued to a name by a hyphen
        if AFTER_NAME_WORD.search(text[max(0, start - 20) : start]):
            return None  # Gemini 1.5, Llama 3: a version after a model-name word
    return Mention(values, written, unit is not None, text[end : end + 40])


def same(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def states_quantity(value, quote):
    return any(same(value, v) for m in mentions(quote) for v in m.values)


# A data file's parameter count in billions: parameters: '24', active: '6.5'.
LABELLED_BILLIONS = re.compile(r"\b(?:parameters|params|active)['\"]?\s*[:=]\s*['\"]?(\d+(?:\.\d+)?)['\"]?(?![\d.])", re.I)


def states_billions(value, quote):
    """70 (billion) is stated by 70B, 70 billion, 70,000,000,000 or 0.07T, never by a bare 70
    (except after a data file's parameters: label)."""
    count = value * 1e9
    if any(same(value, float(m.group(1))) for m in LABELLED_BILLIONS.finditer(quote)):
        return True
    return any(same(count, v) for m in mentions(quote) for v in m.values if m.unit or v >= 1e6)


def states_price(value, quote):
    """A price per million tokens, stated by its figure (with or without a currency sign or
    "/ MTok"), by its per-thousand figure (followed by per 1K / 1,000 tokens, or on a page that
    says its prices are per thousand tokens), by its per-token figure, or in cents."""
    per_thousand = THOUSAND_TOKENS.search(quote) is not None or THOUSANDTH_UNIT.search(quote) is not None
    per_token = PER_TOKEN.search(quote) is not None
    for mention in mentions(quote):
        if mention.unit:
            continue
        written = mention.written
        if PER_THOUSAND.match(mention.tail):
            stated = (written * 1000,)
        elif PER_TOKEN_AFTER.match(mention.tail):
            stated = (written * 1e6,)
        elif CENTS.match(mention.tail):
            stated = (written / 100,)
        else:
            stated = (written,) + ((written * 1000,) if per_thousand else ()) + ((written * 1e6,) if per_token else ())
        if any(same(value, figure) for figure in stated):
            return True
    return value == 0 and FREE.search(quote) is not None


# A duration: 5m, 5-minute, 5 minutes, 1h, 1 hour.
DURATION = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*-?\s*(m|mins?|minutes?|h|hrs?|hours?)\b", re.I)


def states_minutes(value, quote):
    for match in DURATION.finditer(quote):
        factor = 60 if match.group(2).lower().startswith("h") else 1
        if same(value, float(match.group(1)) * factor):
            return True
    return False


# --- Dates -------------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        # English, and the Spanish, Italian, French and German of localized docs pages.
        (("january", "jan", "enero", "gennaio", "janvier", "januar", "janeiro"),
         ("february", "feb", "febrero", "febbraio", "février", "februar", "fevereiro"),
         ("march", "mar", "marzo", "mars", "märz", "março"),
         ("april", "apr", "abril", "aprile", "avril"),
         ("may", "mayo", "maggio", "mai", "maio"),
         ("june", "jun", "junio", "giugno", "juin", "juni", "junho"),
         ("july", "jul", "julio", "luglio", "juillet", "juli", "julho"),
         ("august", "aug", "agosto", "août"),
         ("september", "sept", "sep", "septiembre", "settembre", "septembre", "setembro"),
         ("october", "oct", "octubre", "ottobre", "octobre", "oktober", "outubro"),
         ("november", "nov", "noviembre", "novembre", "novembro"),
         ("december", "dec", "diciembre", "dicembre", "décembre", "dezember", "dezembro")),
        start=1,
    )
    for name in names
}
US_DATE = "month/day/year"
MONTH = r"(?P<month_name>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
ORDINAL = r"(?:st|nd|rd|th)?"
# How pages write dates: (what it is, pattern, example). Each gives a year, a month, a day, or
# a year and month, or a year; a date states every less precise value it contains.
DATE_FORMS = (
    ("ISO date", r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})", "2024-05-13"),
    ("date with dots or slashes", r"(?P<year>\d{4})[./](?P<month>\d{1,2})[./](?P<day>\d{1,2})", "2024.05.13, 2024/05/13"),
    ("Chinese date", r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]", "2024年5月13日"),
    ("day.month.year", r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})", "13.05.2024"),
    (US_DATE, r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})", "11/29/2023 (only with a day over 12: 04/05/2024 could be either)"),
    ("month day, year", MONTH + r"\s+(?P<day>\d{1,2})" + ORDINAL + r",?\s+(?P<year>\d{4})", "May 13, 2024; May 13 2024; Sept. 5th, 2024"),
    ("day month year", r"(?P<day>\d{1,2})" + ORDINAL + r"\.?\s+(?:of\s+|de\s+)?" + MONTH + r",?\s+(?:de\s+)?(?P<year>\d{4})", "13 May 2024; Mon, 13 May 2024; 22 de enero de 2026"),
    ("month year", MONTH + r",?\s+(?P<year>\d{4})", "May 2024"),
    ("ISO month", r"(?P<year>\d{4})-(?P<month>\d{1,2})(?![\d-])", "2024-05"),
    ("year/month", r"(?P<year>\d{4})/(?P<month>\d{1,2})(?![\d/])", "2024/05"),
    ("Chinese month", r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月", "2024年5月"),
    ("year", r"(?P<year>(?:19|20)\d{2})", "2024"),
)
DATE_PATTERNS = tuple(re.compile(pattern, re.I) for _, pattern, _ in DATE_FORMS)
US_PATTERN = DATE_PATTERNS[[name for name, _, _ in DATE_FORMS].index(US_DATE)]
# A launch post's own words for "on the day of this post": they state the day it was published.
TODAY_WORDS = (
    "today", "tonight", "now available", "now generally available", "available now", "now live",
    "now rolling out",
    "introducing", "announcing", "we announce", "we are releasing", "we're releasing",
    "we are excited to announce", "we're excited to announce", "we are thrilled to announce",
    "we're thrilled to announce", "we are pleased to announce", "we're pleased to announce",
)
TODAY = re.compile(r"\b(?:" + "|".join(w.replace("'", "['’]").replace(" ", r"\s+") for w in TODAY_WORDS) + r")\b", re.I)


# A changelog's month heading ("August, 2025") and an entry's day under it ("Aug 28").
MONTH_DAY = re.compile(MONTH + r"\s+(?P<day>\d{1,2})" + ORDINAL + r"(?!\d|\s*,?\s*\d{4})", re.I)
# A Chinese day without its year: 9月1日, 7 月 31 日.
CHINESE_MONTH_DAY = re.compile(r"(?<![\d年])\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]")


@functools.lru_cache(maxsize=4096)
def dates(text):
    """Every (year, month, day) a text writes; month and day are None where it does not say."""
    if not any(c.isdigit() for c in text):
        return ()
    # Month names are looked for only in a text that has one: those patterns are the slow ones.
    named = not MONTHS.keys().isdisjoint(re.findall(r"[a-zà-öø-ÿ]+", text.lower()))
    found = list(written_dates(text, named))
    headings = {(year, month) for year, month, day in found if month and not day}
    for match in MONTH_DAY.finditer(text) if named else ():
        month = MONTHS[match.group("month_name").lower()]
        for year, heading_month in headings:
            if heading_month == month and 1 <= int(match.group("day")) <= 31:
                found.append((year, month, int(match.group("day"))))
    return tuple(found)


def written_dates(text, named):
    for pattern in DATE_PATTERNS:
        if not named and "month_name" in pattern.groupindex:
            continue
        for match in pattern.finditer(text):
            if not date_can_start(text, match):
                continue
            found = match.groupdict()
            month = MONTHS.get((found.get("month_name") or "").lower()) or (int(found["month"]) if found.get("month") else None)
            day = int(found["day"]) if found.get("day") else None
            if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
                continue
            if pattern is US_PATTERN and day <= 12:
                continue  # 04/05/2024 is April 5 or 4 May: it states neither
            yield int(found["year"]), month, day


def date_can_start(text, match):
    start, end = match.span()
    before = text[max(0, start - 2) : start]
    after = text[end : end + 1]
    if before and before[-1].isascii() and (before[-1].isalnum() or before[-1] == "_"):
        return False  # inside a word or a longer number
    if len(before) == 2 and before[1] in ",." and before[0].isdigit():
        return False  # the 2024 of 128,2024
    if len(before) == 2 and before[1] in "-." and before[0].isascii() and before[0].isalnum():
        return False  # gpt-4o-2024-05-13: a snapshot's name, not a date the page states
    if after == "T" and text[end + 1 : end + 2].isdigit():
        return True  # 2023-03-01T19:36:09: a date and its time
    return not (after and after.isascii() and (after.isalnum() or after == "_"))


def parts(value):
    pieces = [int(p) for p in value.split("-")]
    return tuple(pieces + [None] * (3 - len(pieces)))


def states_date(value, quote, published=None):
    """A quote states a date when it writes that date (or a more precise one within it), or
    says 'today' / 'now available' on a page published on it."""
    wanted = parts(value)
    precision = sum(p is not None for p in wanted)
    for found in dates(quote):
        if found[:precision] == wanted[:precision]:
            return True
    if published and TODAY.search(quote) and len(published) >= len(value) and published.startswith(value):
        return True
    return published is not None and any(day[:precision] == wanted[:precision] for day in days_near(quote, published))


# How far from its page's publication a day written without its year may be: "on June 27th"
# on a page of June 13 is this June 27; "January 4th" on a page of December 20, next January 4.
NEAR_DAYS = 183


def year_before(text, start):
    """Whether a Chinese month-day is the end of a full date (2024年9月1日)."""
    return re.search(r"\d{4}\s*年\s*$", text[max(0, start - 8) : start]) is not None


def days_near(quote, published):
    """The (year, month, day) a day written without a year means on a page published that day:
    the one within NEAR_DAYS of its publication."""
    try:
        on = datetime.date.fromisoformat(published)
    except ValueError:
        return set()
    found = set()
    written = [(MONTHS[m.group("month_name").lower()], int(m.group("day"))) for m in MONTH_DAY.finditer(quote)]
    written += [(int(m.group("month")), int(m.group("day"))) for m in CHINESE_MONTH_DAY.finditer(quote) if not year_before(quote, m.start())]
    for month, day in written:
        for year in (on.year - 1, on.year, on.year + 1):
            try:
                candidate = datetime.date(year, month, day)
            except ValueError:
                continue
            if abs((candidate - on).days) <= NEAR_DAYS:
                found.add((year, month, day))
    return found


# --- Licences and modalities -------------------------------------------------------------

# Licence ids and the names pages give them, compared after normalize() (lower case, words
# only, licence spelled license).
LICENCE_NAMES = {
    "Apache-2.0": ("apache 2 0", "apache 2", "apache license 2 0", "apache license version 2 0"),
    "MIT": ("mit",),
    "CC-BY-4.0": ("cc by 4 0", "creative commons attribution 4 0"),
    "CC-BY-SA-4.0": ("cc by sa 4 0", "creative commons attribution sharealike 4 0", "creative commons attribution share alike 4 0"),
    "CC-BY-NC-4.0": ("cc by nc 4 0", "creative commons attribution noncommercial 4 0", "creative commons attribution non commercial 4 0"),
    "CC-BY-NC-SA-4.0": ("cc by nc sa 4 0", "creative commons attribution noncommercial sharealike 4 0"),
    "Gemma Terms of Use": ("license gemma",),  # the model hub's tag
}
# A Llama licence is stated by its name or by the model hub's tag for it (license: llama3.1).
LLAMA_LICENCE = re.compile(r"^(?:meta )?llama (\d(?: \d)?) community license$")
MODALITY_WORDS = {
    # A language model takes and writes text: that is what the words mean.
    "text": ("text", "textual", "language model", "language models", "LLM", "LLMs", "文本", "文字", "语言模型"),
    "image": ("image", "images", "vision", "visual", "photo", "photos", "图片", "图像", "视觉"),
    "audio": ("audio", "speech", "voice", "音频", "语音"),
    "video": ("video", "videos", "视频"),
    "pdf": ("pdf", "pdfs", "document", "documents"),
}


def normalize(text):
    """Lower case, words and numbers apart (llama3.1 -> llama 3 1), licence spelled license."""
    text = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", text.lower().replace("licence", "license"))
    return " " + " ".join(re.sub(r"[^0-9a-z]+", " ", text).split()) + " "


def licence_names(value):
    names = [normalize(value), normalize(value.split("(")[0])]
    names += [f" {alias} " for alias in LICENCE_NAMES.get(value, ())]
    llama = LLAMA_LICENCE.match(normalize(value).strip())
    if llama:
        names.append(f" license llama {llama.group(1)} ")
    return [name for name in names if name.strip()]


def states_licence(value, quote):
    text = normalize(quote)
    return any(name in text for name in licence_names(value))


def states_modality(value, quote):
    def said(word):  # Chinese words have no spaces around them
        return word in quote if not word.isascii() else re.search(rf"\b{word}\b", quote, re.I)

    return any(said(word) for word in MODALITY_WORDS.get(value, (value,)))


# Pages write hyphens as non-breaking hyphens or dashes too (2026‑03‑26, GPT‑4).
DASHES = str.maketrans({dash: "-" for dash in "\u2010\u2011\u2012\u2013"})


# --- The rule ----------------------------------------------------------------------------


def data_row_cells(quote):
    """The cells of a quote that is a row of a data file or table under its header line, or
    None: a CSV row (commas separate cells, not thousands) or a Markdown table row (its
    separator line may stay between). Each cell is read on its own; a column whose header gives
    its unit as (K) or （K） has that unit on each of its cells (128 under "上下文窗口大小（K）")."""
    lines = [line for line in quote.strip().splitlines() if not TABLE_RULE.match(line)]
    if len(lines) != 2:
        return None
    if all(line.strip().startswith("|") for line in lines):
        header, row = ([cell.strip().strip("*").strip() for cell in line.strip().strip("|").split("|")] for line in lines)
    else:
        header, row = (next(csv.reader([line])) for line in lines)
    if len(header) < MIN_DATA_COLUMNS or len(header) != len(row):
        return None
    return [cell.strip() + ("K" if THOUSANDS_HEADER.search(name) else "") for name, cell in zip(header, row)]


def states(kind, value, quote, published=None):
    """True when `quote` states `value` as a value of this kind. `published` is the cited
    source's publication date, which a quote saying 'today' refers to."""
    if not quote:
        return False
    quote = quote.translate(DASHES)
    cells = data_row_cells(quote)
    if cells is not None:
        return any(states(kind, value, cell, published) for cell in cells)
    if kind == QUANTITY:
        return states_quantity(float(value), quote)
    if kind == BILLIONS:
        return states_billions(float(value), quote)
    if kind == PRICE:
        return states_price(float(value), quote)
    if kind == DATE:
        return states_date(str(value), quote, published)
    if kind == LICENCE:
        return str(value).lower() in NEVER_CHECKED or states_licence(str(value), quote)
    if kind == MODALITY:
        return states_modality(str(value), quote)
    if kind == MINUTES:
        return states_minutes(float(value), quote)
    raise ValueError(f"unknown kind of value: {kind}")


def checked(kind, value):
    """Whether this value is held to the rule at all (a proprietary licence never is)."""
    return kind is not None and not (kind == LICENCE and str(value).lower() in NEVER_CHECKED)


# --- The accepted forms, as documented ---------------------------------------------------

# (kind, value, quote, what it shows): every form the rule accepts, with an example quote that
# states the value. docs/provenance.md shows this table; tests/test_quotes.py checks each row.
ACCEPTED = (
    (QUANTITY, 128000, "128000 tokens", "a plain figure"),
    (QUANTITY, 128000, "a 128,000-token context window", "thousands separated by commas"),
    (QUANTITY, 128000, "128 000 tokens", "or by spaces"),
    (QUANTITY, 1048576, "Limite di token di input 1.048.576", "or by dots, in two groups or more"),
    (QUANTITY, 128000, "128K context", "K as thousand"),
    (QUANTITY, 131072, "128k context", "or as 1,024, as the page means it"),
    (QUANTITY, 204800, "200K tokens", "200K may be 204,800"),
    (QUANTITY, 1000000, "1M tokens", "M as million"),
    (QUANTITY, 1048576, "a 1M token context window", "or as 1,048,576"),
    (QUANTITY, 1000000, "up to 1 million tokens", "million, billion, trillion in words"),
    (QUANTITY, 1500000, "1.5 million tokens", "with decimals"),
    (QUANTITY, 15000000000000, "trained on 15T tokens", "B and T"),
    (QUANTITY, 2788000, "2.788M H800 GPU hours", "decimals before a unit"),
    (QUANTITY, 3.8e25, "3.8e25 FLOP", "scientific notation"),
    (QUANTITY, 3.8e25, "3.8 × 10^25 FLOP", "times ten to a power"),
    (QUANTITY, 1e25, "~10²⁵ FLOPs", "a power of ten in superscript"),
    (QUANTITY, 10000000, "长达1,000万Token", "Chinese units: 万 (ten thousand)"),
    (QUANTITY, 100000000, "1亿 tokens", "亿 (a hundred million)"),
    (BILLIONS, 2400, "总参数量达到2.4万亿", "万亿 (a million million); traditional 萬, 億 too"),
    (BILLIONS, 355, "**355** billion total parameters", "a figure in bold before its unit"),
    (QUANTITY, 405000000000, "Llama 3.1 405B", "a figure with a unit inside a name"),
    (BILLIONS, 70, "Llama 3 70B", "parameters in billions: 70B"),
    (BILLIONS, 70, "70 billion parameters", "70 billion"),
    (BILLIONS, 35, "a 35-billion version", "35-billion"),
    (BILLIONS, 70, "70,000,000,000 parameters", "the full count"),
    (BILLIONS, 1800, "1.8T parameters", "in trillions"),
    (BILLIONS, 24, "parameters: '24'", "a data file's count in billions"),
    (MINUTES, 5, "5m Cache Writes", "a duration: 5m, 5 minutes"),
    (MINUTES, 60, "1h Cache Writes", "1h, 1 hour"),
    (PRICE, 2.5, "$2.50 / 1M input tokens", "a price per million tokens"),
    (PRICE, 2.5, "2.5", "with or without a currency sign"),
    (PRICE, 15, "$15 / MTok", "per MTok"),
    (PRICE, 0.14, "0.14€ / 1M tokens", "in euros"),
    (PRICE, 0.15, "15 cents per million input tokens", "in cents"),
    (PRICE, 0.075, "7.5c/million", "cents as c"),
    (PRICE, 10, "$0.0100 per 1,000 tokens", "a price per thousand tokens states 1,000 times it per million"),
    (PRICE, 10, "$0.01 / 1K tokens", "per 1K tokens"),
    (PRICE, 0.025, "$0.025 / 1,000,000 tokens", "per 1,000,000 tokens, written out, is per million"),
    (PRICE, 30, "¥0.03 per 1,000 tokens", "in yuan"),
    (PRICE, 30, "0.03元/千tokens", "元/千tokens"),
    (PRICE, 3, "Input unit price (1,000 tokens) ... $0.0030", "a page that says once its prices are per 1,000 tokens"),
    (PRICE, 0.15, '"input_cost_per_token": 1.5e-07', "per token (a price file)"),
    (PRICE, 5, "input: '0.005' output: '0.020' unit: '0.001'", "a price file's prices per unit of 0.001 (per 1,000 tokens)"),
    (PRICE, 0, "免费开放使用", "free (a price of 0)"),
    (QUANTITY, 117891, "rank,model,arena_score,votes\n13,GPT-4o-2024-05-13,1285,117891", "a row of a CSV data file under its header line: each cell read on its own"),
    (QUANTITY, 128000, "| 模型 | 输入 | 输出 | 上下文窗口大小（K） |\n|:--:|:--:|:--:|:--:|\n| GLM-4-Air | 1 | 1 | 128 |", "a Markdown table row under its header; a column headed (K) is in thousands"),
    (DATE, "2024-05-13", "2024-05-13", "ISO date"),
    (DATE, "2024-05-13", "May 13, 2024", "month day, year"),
    (DATE, "2024-05-13", "May 13 2024", "without the comma"),
    (DATE, "2024-09-05", "Sept. 5th, 2024", "abbreviated month, ordinal day"),
    (DATE, "2024-05-13", "13 May 2024", "day month year"),
    (DATE, "2024-05-13", "Mon, 13 May 2024 17:00:00 GMT", "with the weekday"),
    (DATE, "2024-05-13", "2024.05.13", "with dots"),
    (DATE, "2024-05-13", "2024/05/13", "with slashes"),
    (DATE, "2024-05-13", "2024年5月13日", "Chinese date"),
    (DATE, "2024-05-13", "13.05.2024", "day.month.year"),
    (DATE, "2026-01-22", "22 de enero de 2026", "months in Spanish, Italian, French, German or Portuguese"),
    (DATE, "2025-08-28", "August, 2025 ... Aug 28 ... now generally available", "a changelog's month heading and an entry's day"),
    (DATE, "2023-03-01", "2023-03-01T19:36:09", "an ISO date and time"),
    (DATE, "2026-02-20", "20 de fevereiro de 2026", "and in Portuguese"),
    (DATE, "2023-11-29", "11/29/2023", "month/day/year, where the day is over 12"),
    (DATE, "2024-05", "May 2024", "a month"),
    (DATE, "2024-05", "2024-05", "ISO month"),
    (DATE, "2024-05", "2024年5月", "Chinese month"),
    (DATE, "2023-10", "Oct 01, 2023 knowledge cutoff", "a day states its month"),
    (DATE, "2024", "released in 2024", "a year"),
    (LICENCE, "Apache-2.0", "licensed under Apache 2.0", "Apache 2.0"),
    (LICENCE, "Apache-2.0", "Apache License, Version 2.0", "Apache License 2.0"),
    (LICENCE, "Apache-2.0", "license: apache-2.0", "a model hub's licence tag"),
    (LICENCE, "MIT", "This project is released under the MIT license.", "MIT"),
    (LICENCE, "CC-BY-NC-4.0", "CC BY-NC 4.0", "Creative Commons by its short name"),
    (LICENCE, "Llama 3.1 Community License", "the Llama 3.1 Community License Agreement", "a licence by its name"),
    (LICENCE, "Meta Llama 3 Community License", "META LLAMA 3 COMMUNITY LICENSE AGREEMENT", "in any case"),
    (LICENCE, "Llama 3.1 Community License", "license: llama3.1", "a Llama licence by its model hub tag"),
    (LICENCE, "Stability AI licence (commercial use requires a membership)", "the Stability AI License", "the name before a parenthesis; licence or license"),
    (LICENCE, "proprietary", "", "proprietary is never checked: it is the default of a closed model"),
    (MODALITY, "image", "accepts images and text", "image: image, images, vision, visual, photo(s)"),
    (MODALITY, "audio", "speech in, speech out", "audio: audio, speech, voice"),
    (MODALITY, "video", "understands video", "video: video(s)"),
    (MODALITY, "pdf", "upload PDF documents", "pdf: PDF(s), document(s)"),
    (MODALITY, "text", "text in, text out", "text: text"),
    (MODALITY, "text", "a large language model", "or a language model (LLM), which takes and writes text"),
    (MODALITY, "video", "输入源：文本、图片、视频、音频", "in Chinese: 文本, 图片/图像, 视频, 音频/语音"),
)
# (kind, value, quote, why it is refused).
REFUSED = (
    (QUANTITY, 4, "GPT-4o", "a figure glued to a name (GPT-4o, GPT-4, o1, Qwen2.5)"),
    (QUANTITY, 1.5, "Gemini 1.5 Pro", "a version after a model-name word"),
    (QUANTITY, 3.1, "Llama 3.1 405B", "Llama 3.1 405B states 405B, never 3.1"),
    (QUANTITY, 7, "Mixtral 8x7B", "8x7B is a name, not 7 or 8"),
    (QUANTITY, 128, "128K tokens", "128K is 128,000, not 128"),
    (QUANTITY, 1285, "13,11,GPT-4o-2024-05-13,1285,+3/-2,117891", "a data file's row without its header line: commas read as thousands"),
    (BILLIONS, 3, "Llama 3", "a bare figure is not billions of parameters"),
    (PRICE, 0.01, "$0.01 per input token", "a price per token is not per million"),
    (PRICE, 0.01, "$0.01 / 1K tokens", "per thousand is not per million"),
    (DATE, "2024-05-13", "gpt-4o-2024-05-13", "a date inside a snapshot's name"),
    (DATE, "2024-05-13", "May 2024", "a month does not state a day"),
    (DATE, "2024-05-13", "available today", "'today', on a page not published that day"),
    (DATE, "2024-04-05", "04/05/2024", "a day and month of 12 or less in either order: April 5 or 4 May"),
    (LICENCE, "CC-BY-NC-4.0", "License: CC-BY-NC", "a licence without its version"),
    (MODALITY, "text", "a chatbot for coding", "text is stated by the word text, or by language model"),
)


def forms_markdown():
    """The accepted and refused forms as Markdown tables, for docs/provenance.md."""
    def cell(text):
        return str(text).replace("|", "\\|").replace("\n", " ⏎ ")

    lines = ["| kind | value | quote | form |", "| --- | --- | --- | --- |"]
    lines += [f"| {kind} | {cell(value)} | `{cell(quote)}` | {cell(note)} |" for kind, value, quote, note in ACCEPTED]
    lines += ["", "Refused:", "", "| kind | value | quote | why |", "| --- | --- | --- | --- |"]
    lines += [f"| {kind} | {cell(value)} | `{cell(quote)}` | {cell(note)} |" for kind, value, quote, note in REFUSED]
    return "\n".join(lines) + "\n"
