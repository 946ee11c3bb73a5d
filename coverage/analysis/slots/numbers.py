"""Written numbers as intervals: "at least 30" is [30, inf), "about 80" [72, 88].

``QUANTITY_PATTERN`` finds a figure in text with its bound ("more than", "up to"),
currency, range and unit; ``read_number`` turns a match into the interval it stands
for, ``parse_number`` reads the number words themselves ("one hundred and twenty",
"3.5 million", "half a dozen"). Day numbers, years and clock times are left to the
time slot (``is_date_or_time``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from coverage.analysis.calendar_words import MONTH_PATTERN

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUES = {word: value for value, word in enumerate(_ONES)} | {
    word: 20 + 10 * index for index, word in enumerate(_TENS)
}
_SCALES = {
    "hundred": 100,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
}
_VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (24, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2e6, 999e6),
    "billions": (2e9, 999e9),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "tens of millions": (2e7, 99_999_999),
    "hundreds of millions": (2e8, 999_999_999),
    "several dozen": (24, 99),
    "a few dozen": (24, 99),
    "several hundred": (200, 999),
    "a few hundred": (200, 999),
    "several thousand": (2_000, 9_999),
    "a few thousand": (2_000, 9_999),
}

# One number in words, "seventeen" or "thirty-five"; longest words first, so "seventeen"
# is not read as "seven".
NUMBER_WORD = (
    rf"(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(sorted(_ONES[1:10], key=len, reverse=True))}))?"
    rf"|{'|'.join(sorted(_ONES, key=len, reverse=True))}"
)
_SCALE_WORD = "hundred|thousand|million|billion|trillion"
_DIGITS = r"\d+(?:,\d+)*(?:\.\d+)?(?:\s?(?:m|mn|bn)\b)?"
_AFTER_SCALE = "".join(
    f"(?<={scale})" if i == 0 else f"|(?<={scale})"
    for i, scale in enumerate(_SCALE_WORD.split("|"))
)
_NUMBER = (
    rf"(?:(?:{_DIGITS})(?:\s+(?:{_SCALE_WORD}))*"
    rf"|(?:(?:half\s+)?an?\s+(?=(?:{_SCALE_WORD}|dozen)\b))?"
    rf"(?:{NUMBER_WORD}|{_SCALE_WORD}|dozen)"
    rf"(?:(?:\s+|-|(?:{_AFTER_SCALE})\s+and\s+)(?:{NUMBER_WORD}|{_SCALE_WORD}|dozen)\b)*)"
)
_VAGUE_PATTERN = "|".join(
    sorted((re.escape(k).replace(r"\ ", r"\s+") for k in _VAGUE), key=len, reverse=True)
)
_BOUNDS = {
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "a minimum of": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "above": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "greater than": "more_than",
    "well over": "more_than",
    "just over": "just_over",
    "just under": "just_under",
    "up to": "at_most",
    "as many as": "at_most",
    "at most": "at_most",
    "no more than": "at_most",
    "not more than": "at_most",
    "a maximum of": "at_most",
    "fewer than": "less_than",
    "less than": "less_than",
    "under": "less_than",
    "below": "less_than",
    "about": "approximate",
    "around": "approximate",
    "roughly": "approximate",
    "approximately": "approximate",
    "some": "approximate",
    "an estimated": "approximate",
    "estimated": "approximate",
    "close to": "approximate",
    "circa": "approximate",
    "nearly": "nearly",
    "almost": "nearly",
}
_BOUND_PATTERN = "|".join(
    re.escape(bound).replace(r"\ ", r"\s+") for bound in sorted(_BOUNDS, key=len, reverse=True)
)
_CURRENCY_SYMBOLS = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "rouble": "RUB",
    "ruble": "RUB",
    "rupee": "INR",
    "franc": "CHF",
    # Currencies named by a word of their own, kept as that word: "4.5 million crowns".
    **{
        word: word
        for word in (
            "crown",
            "krona",
            "kronor",
            "krone",
            "kroner",
            "koruna",
            "thaler",
            "lira",
            "lire",
            "dinar",
            "peso",
            "zloty",
            "forint",
            "shekel",
            "hryvnia",
            "shilling",
            "riyal",
            "dirham",
            "baht",
            "naira",
        )
    },
}
_UNIT_PATTERN = (
    r"\s*%|\s+per\s*cent\b|\s+percent\b|\s+percentage\s+points?\b"
    r"|\s+(?:dollars?|euros?|pounds?(?:\s+sterling)?|yen|yuan|roubles?|rubles?|rupees?|francs?"
    r"|crowns?|kronor|krona|kroner|krone|korunas?|koruny|thalers?|lira|lire|dinars?|pesos?"
    r"|zloty|zlotys|forints?|shekels?|hryvnias?|shillings?|riyals?|dirhams?|baht|nairas?)\b"
)
# A figure with its bound, currency, range and unit: "at least US$4.5 billion".
QUANTITY_PATTERN = re.compile(
    rf"(?<![\w.,$€£¥-])"
    # "from 9 to 14" gives two figures with their own roles, not a range.
    rf"(?P<after_from>(?<=from\s))?"
    rf"(?:(?P<bound>{_BOUND_PATTERN})\s+)?"
    rf"(?P<between>between\s+)?"
    rf"(?P<currency>US\$|\$|€|£|¥)?\s?"
    rf"(?P<number>(?P<vague>{_VAGUE_PATTERN})\b|{_NUMBER})"
    rf"(?(after_from)|(?:\s*(?:(?P<to>-|–|—|to|or)|and)\s*(?P=currency)?"
    rf"(?P<high>{_NUMBER}))?)"
    rf"(?P<core>)"
    rf"(?P<unit>{_UNIT_PATTERN})?"
    rf"(?P<suffix>\s+or\s+(?:more|so|fewer|less)\b|-?\s?plus\b)?"
    # Not part of a longer token: "10.40pm", "15:30", "3rd".
    rf"(?![\w:]|\.\d)",
    re.IGNORECASE,
)
# A month or a clock word after a number, or a month before it: the number is a date.
_DATE_AFTER = re.compile(
    rf"\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{MONTH_PATTERN})\b\.?"
    r"|\s*(?:a\.?m\.?|p\.?m\.?|o'clock|hrs|gmt|utc)(?![\w])|:\d"
    # "four in the morning", "ten at night": an hour of the day, not a count
    r"|\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b",
    re.IGNORECASE,
)
_DATE_BEFORE = re.compile(rf"(?:\b(?:{MONTH_PATTERN})\.?|\d:)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class NumberReading:
    """A figure as written and the interval it stands for (see Quantity)."""

    text: str
    low: float
    high: float
    low_closed: bool
    high_closed: bool
    bound: str


def is_date_or_time(text: str, match: re.Match[str]) -> bool:
    """Day numbers, years and clock times belong to the time slot, not to quantities."""
    after = text[match.end("core") : match.end("core") + 20]
    before = text[max(match.start("number") - 12, 0) : match.start("number")]
    if _DATE_AFTER.match(after) or _DATE_BEFORE.search(before):
        return True
    number = match.group("number")
    if re.fullmatch(r"1[89]\d\d|20\d\d", number) and not match.group("unit"):
        # A bare four-digit number in this range is a year; counts that size are
        # written with a thousands separator.
        return not match.group("bound") and not match.group("currency")
    return False


def parse_number(words: str) -> float | None:
    """The value of a written number, or None when it cannot be read for certain.

    Handles digits with thousands separators ("1,200"), decimals with a scale ("3.5
    million", "4.5bn"), number words ("thirty-five", "one hundred and twenty") and
    dozens ("two dozen", "half a dozen").
    """
    text = words.lower().strip()
    half = text.startswith("half ")
    if half:
        text = text.removeprefix("half").strip()
    parts = re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", text.replace("-", " "))
    total, current = 0.0, None
    for part in parts:
        if part == "and":
            continue
        if part[0].isdigit():
            if current is not None or not re.fullmatch(
                r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", part
            ):
                return None
            current = float(part.replace(",", ""))
        elif part in {"a", "an"}:
            if current is not None:
                return None
            current = 1.0
        elif part in _WORD_VALUES:
            value = _WORD_VALUES[part]
            if current is None:
                current = float(value)
            elif (
                current % 100 == 0
                and value < 100
                or (current % 10 == 0 and current % 100 >= 20 and value < 10)
            ):
                current += value
            else:
                return None
        elif part == "dozen":
            current = (current or 1.0) * 12
        elif part == "hundred":
            current = (current or 1.0) * 100
        elif part in _SCALES:
            total += (current or 1.0) * _SCALES[part]
            current = None
        else:
            return None
    if current is None and total == 0:
        return None
    value = total + (current or 0.0)
    return value / 2 if half else value


def _format(value: float) -> str:
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _rounding(value: float, written: str) -> float:
    """Half the rounding unit of a large round figure: "1,200" may stand for 1,187.

    Small counts are exact ("9 dead" vs "10 dead" differ); figures of a thousand or
    more written with trailing zeros or a scale word are roundings, capped at 5%.
    """
    if value < 1000:
        return 0.0
    digits = re.sub(r"[^\d.]", "", written.split()[0]) if written[:1].isdigit() else ""
    significant = digits.replace(".", "").strip("0") or "0"
    places = len(str(int(value))) - len(significant)
    if places <= 0:
        return 0.0
    return min(10**places / 2, value * 0.05)


def read_number(match: re.Match[str]) -> NumberReading | None:
    """The interval a QUANTITY_PATTERN match stands for, or None when it cannot be read."""
    number = " ".join(match.group("number").split())
    bound = (
        _BOUNDS.get(" ".join(match.group("bound").lower().split()))
        if match.group("bound")
        else None
    )
    currency = match.group("currency") or ""
    unit = _display_unit(match.group("unit"))
    suffix = " ".join((match.group("suffix") or "").lower().split())
    prefix = " ".join((match.group("bound") or "").lower().split())

    def shown(value: float, written: str) -> str:
        return written if any(c.isdigit() for c in written) else _format(value)

    if match.group("vague"):
        low, high = _VAGUE[" ".join(number.lower().split())]
        return NumberReading(f"{currency}{number.lower()}{unit}", low, high, True, True, "vague")
    value = parse_number(number)
    if value is None:
        return None
    high_text = match.group("high")
    if high_text and (match.group("to") or match.group("between")):
        high = parse_number(" ".join(high_text.split()))
        if high is None or high <= value:
            return None  # "2-1" is a score, "5 to 3" a ratio: not a range we can read
        text = f"{shown(value, number)}-{currency}{shown(high, high_text)}"
        return NumberReading(f"{currency}{text}{unit}", value, high, True, True, "range")
    if high_text:
        return None  # "12 and 14" without "between": two figures, not one we can read
    text = f"{currency}{shown(value, number)}{unit}"
    if prefix:
        text = f"{prefix} {text}"
    if suffix in {"or more", "plus", "-plus", "- plus"}:
        bound = "at_least"
    elif suffix in {"or fewer", "or less"}:
        bound = "at_most"
    elif suffix == "or so":
        bound = "approximate"
    if suffix:
        text = f"{text} {suffix}"
    rounding = _rounding(value, number)
    tolerance = value * 0.1
    if value.is_integer() and tolerance < 1:
        tolerance = 1.0
    infinity = math.inf
    intervals = {
        # A rounded figure stands for [v - u/2, v + u/2): "3.5 million" excludes 3.45 million,
        # which would be written "3.4 million" by the same rounding.
        None: (value - rounding, value + rounding, True, rounding == 0),
        "approximate": (value - tolerance, value + tolerance, True, True),
        "nearly": (value - tolerance, value, True, True),
        "just_over": (value, value + tolerance, False, True),
        "just_under": (value - tolerance, value, True, False),
        "at_least": (value, infinity, True, False),
        "more_than": (value, infinity, False, False),
        "at_most": (0.0, value, True, True),
        "less_than": (0.0, value, True, False),
    }
    low, high, low_closed, high_closed = intervals[bound]
    return NumberReading(text, low, high, low_closed, high_closed, bound or "exact")


def _display_unit(unit: str | None) -> str:
    if not unit:
        return ""
    words = " ".join(unit.lower().split())
    if words.startswith("percentage"):
        return f" {words}"
    if words in {"%", "percent"} or words.startswith("per"):
        return "%"
    return f" {words}"


def unit_of(match: re.Match[str]) -> str | None:
    """The unit of a QUANTITY_PATTERN match: "%", "percentage point", a currency code."""
    unit = " ".join((match.group("unit") or "").lower().split())
    if unit:
        if unit.startswith("percentage"):
            return "percentage point"
        if unit in {"%", "percent"} or unit.startswith("per"):
            return "%"
        word = unit.split()[0].rstrip("s")
        return _CURRENCY_WORDS.get(word, word)
    currency = (match.group("currency") or "").lower()
    return _CURRENCY_SYMBOLS.get(currency) if currency else None
