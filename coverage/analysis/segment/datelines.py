"""Datelines: "LONDON (Reuters) -", "PORT AVERLY, March 14 --", "KYIV, Nov 28 (Wire) —".

Before an article's first sentence a dateline is left out of that sentence, which
starts after the dash; a dateline alone on its line is a furniture sentence.
"""

from __future__ import annotations

import re

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = rf"(?:{WEEKDAY},?\s+)?(?:{MONTH}\s+{_DAY}|{_DAY}\s+{MONTH}|{WEEKDAY})(?:,?\s+\d{{4}})?"
# An upper-case place: "LONDON", "PORT AVERLY", "ST. LOUIS", "RIO DE JANEIRO".
_CAPS_PLACE = r"[A-Z][A-Z'’.-]*[A-Z.](?:[ \t]+[A-Z][A-Z'’.-]*[A-Z.]?){0,3}"
_PLACE = rf"(?:{_CAPS_PLACE}|[A-Z][a-z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){{0,2}})"
_REGION = r"(?:,[ \t]*[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2})?"
_AGENCY = r"\((?:dpa|[A-Z][\w&.'’/ -]{0,38})\)"
_DASH = r"(?:--|[-–—―])"
# What follows a dateline: a sentence starting with a capital, digit or quote, or nothing.
_AFTER_DATELINE = r"(?:[ \t]*\n?[ \t]*(?=[\"“‘(]?[A-Z0-9])|[ \t]*$)"
# Datelines that say so without doubt: with an agency or a date, or the agency alone.
_STRONG_DATELINE = re.compile(
    r"[ \t]*(?:"
    rf"{_PLACE}{_REGION}(?:,?[ \t]+{_DATE})?[ \t]*{_AGENCY}"
    rf"|{_PLACE}{_REGION},?[ \t]+{_DATE}(?:[ \t]*{_AGENCY})?"
    rf"|{_AGENCY}"
    rf")[ \t]*{_DASH}(?=\s|$){_AFTER_DATELINE}"
)
# Before a colon, a place of one word needs five letters: "DUBAI:", not "KFC:".
_LONG_CAPS_PLACE = (
    r"(?:[A-Z][A-Z'’.-]{3,}[A-Z]|[A-Z][A-Z'’.-]*[A-Z.](?:[ \t]+[A-Z][A-Z'’.-]*[A-Z.]?){1,3})"
)
# A bare upper-case place and a dash or colon: "BEIRUT —", "NEW DELHI:". Only before
# the article's first sentence, where "NATO — the alliance ..." is not expected.
_BARE_DATELINE = re.compile(
    rf"[ \t]*(?:{_CAPS_PLACE}{_REGION}[ \t]*{_DASH}(?=\s|$)|{_LONG_CAPS_PLACE}{_REGION}:(?=\s))"
    rf"{_AFTER_DATELINE}"
)

# The dash or colon that ends a dateline, within DATELINE_REACH characters of its start.
DATELINE_HINT = re.compile(r"(?:--|[-–—―])(?=\s|$)|:\s")
DATELINE_REACH = 140
# Cheap tests that a sentence may open with a dateline, before the full patterns: it
# starts with an agency in brackets, an upper-case word, or capitalised words and a
# comma or bracket; and a dash or colon comes soon after.
DATELINE_START = re.compile(
    r"\(|[A-Z][A-Z.'’-]|[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2}[ \t]*[,(]"
)
DATELINE_ENDS = frozenset("-–—―:")


def strip_dateline(
    text: str, start: int = 0, end: int | None = None, *, leading: bool = True
) -> int:
    """Where the reporting in ``text[start:end]`` begins, after any dateline there.

    Returns ``start`` when there is no dateline, and ``end`` when the span is a
    dateline alone. ``leading`` says the span comes before the article's first
    sentence, which also admits a bare place ("BEIRUT —"); otherwise only datelines
    with an agency or a date count.
    """
    end = len(text) if end is None else end
    match = _STRONG_DATELINE.match(text, start, end)
    if match is None and leading:
        match = _BARE_DATELINE.match(text, start, end)
    if match is None:
        return start
    position = match.end()
    while position < end and text[position].isspace():
        position += 1
    return position
