"""Dates and times: reading them from a clause, and comparing two.

A time is read into the fields its text states (weekday, day, month, year, clock
time, part of day) with its role in the clause ("on", "since", "until"). Which day
"yesterday", "last night" or "this morning" means, or "on Monday" in a clause about the
past, depends on the publication date: those are kept apart (``When.offset``,
``When.recent``) and ``dated_times`` makes dates of them once the date is known; other
relative expressions ("last week", "recently") are dropped. ``compare_times`` calls two
times a conflict when a field both state differs.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from typing import TYPE_CHECKING

from coverage.analysis.calendar_words import MONTH_NAMES, MONTH_PATTERN, MONTHS, WEEKDAY_NAMES
from coverage.analysis.slots.model import COMPATIBLE, CONFLICT, Outcome, When
from coverage.analysis.slots.numbers import NUMBER_WORD, parse_number
from coverage.analysis.slots.syntax import not_until

if TYPE_CHECKING:
    from spacy.tokens import Span

    from coverage.analysis.slots.clauses import Clauses

# Weekdays by name: read as times, and never as a name before a figure.
WEEKDAYS = {name: index for index, name in enumerate(WEEKDAY_NAMES)}

# Windows in minutes after midnight; night runs past midnight.
_PARTS_OF_DAY: dict[str, tuple[tuple[int, int], ...]] = {
    "morning": ((300, 720),),
    "afternoon": ((720, 1080),),
    "evening": ((1020, 1320),),
    "night": ((1260, 1440), (0, 300)),
    "overnight": ((1260, 1440), (0, 300)),
    "dawn": ((240, 450),),
    "dusk": ((1020, 1260),),
    # "in the early hours of Saturday", "the small hours": after midnight, before dawn
    "early hours": ((0, 360),),
}
_EARLY_HOURS = re.compile(r"\b(?:early|small|wee)\s+hours\b")
_HOUR_OF_PART = re.compile(
    rf"\b(\d{{1,2}}|{NUMBER_WORD})(?:\s+o'clock)?\s+"
    r"(?:in\s+the\s+(morning|afternoon|evening)|at\s+(night))\b"
)
# "15:30", "3pm", "10.40pm" as one token, which the model may not tag as a time.
_CLOCK_TOKEN = re.compile(r"^\d{1,2}(?::\d{2}|(?:[:.]\d{2})?[ap]\.?m\.?)$", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow|last|next|this|ago|earlier|later|recent|recently|"
    r"past|previous|coming|weekend|week|weeks|month|months|year|years|decade|decades|century|"
    r"fortnight|days?|hours?|minutes?|season|spring|summer|autumn|winter)\b",
    re.IGNORECASE,
)
# Days named from the publication date: "yesterday", "late last night", "this morning".
_RELATIVE_DAY = re.compile(
    r"(?:(?:early|earlier|late|later)\s+)?"
    r"(?:(yesterday|today|tonight|tomorrow)(?:\s+(morning|afternoon|evening|night))?"
    r"|last\s+(night)|this\s+(morning|afternoon|evening))"
)
_DAY_OFFSETS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
# Clauses about what is to come: their weekday is the next one, not the latest.
_FUTURE_AUXILIARIES = frozenset({"will", "'ll", "shall", "wo"})
_APPROXIMATE_TIME = re.compile(
    r"\b(?:about|around|approximately|roughly|shortly|just|early|late|some time)\b", re.I
)
_TIME_ROLES = {
    "on": "at",
    "in": "at",
    "at": "at",
    "during": "at",
    "for": "at",  # "scheduled for September 25"; "for three days" has no date to read
    "since": "from",
    "from": "from",
    "until": "until",
    "till": "until",
    "through": "until",
    "by": "until",
}


def _parse_when(text: str, *, role: str, predicate: int | None) -> When | None:
    """The calendar and clock fields a date or time expression states, or None."""
    lower = text.lower()
    words = re.findall(r"[a-z]+", lower)
    weekdays = {WEEKDAYS[w] for w in words if w in WEEKDAYS}
    if len(weekdays) > 1 or len({MONTHS[w] for w in words if w in MONTHS}) > 1:
        return None  # "Friday to Sunday" is a span; its ends are not read apart
    weekday = next(iter(weekdays), None)
    # Months come from the model's DATE entities, which already tell "May" the month
    # from "may" the verb.
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    day = None
    if month is not None:
        found = re.search(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH_PATTERN})\b"
            rf"|\b(?:{MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b",
            lower,
        )
        if found:
            day = int(found.group(1) or found.group(2))
            if not 1 <= day <= 31:
                return None
    year_match = re.search(r"(?<![\d,.])(1[89]\d\d|20\d\d)(?![\d,.]|s\b)", lower)
    year = int(year_match.group(1)) if year_match else None
    minutes = _clock(lower)
    part = next((w for w in words if w in _PARTS_OF_DAY), None)
    if part is None and _EARLY_HOURS.search(lower):
        part = "early hours"
    offset = None
    if _RELATIVE.search(_EARLY_HOURS.sub("", lower)):
        # "last night", "this morning": the day, and so the part of it, is read only
        # from the publication date; "last week" is not read at all.
        offset, part = _relative_day(lower)
    if all(field is None for field in (weekday, month, day, year, minutes, part, offset)):
        return None
    return When(
        text=text,
        role=role,
        weekday=weekday,
        day=day,
        month=month,
        year=year,
        minutes=minutes,
        part=part,
        approximate=bool(_APPROXIMATE_TIME.search(lower)),
        predicate=predicate,
        offset=offset,
    )


def _relative_day(lower: str) -> tuple[int | None, str | None]:
    """Days from the publication date and the part of the day, for "yesterday morning"
    (-1, "morning") or "last night" (-1, "night"); (None, None) for any other wording."""
    found = _RELATIVE_DAY.fullmatch(lower.strip())
    if found is None:
        return None, None
    if found.group(3):
        return -1, "night"  # "last night"
    if found.group(4):
        return 0, found.group(4)  # "this morning"
    word = found.group(1)
    return _DAY_OFFSETS[word], "night" if word == "tonight" else found.group(2)


def _clock(lower: str) -> int | None:
    if re.search(r"\b(?:noon|midday)\b", lower):
        return 12 * 60
    if "midnight" in lower:
        return 0
    found = re.search(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?", lower)
    if found:
        hour, minute = int(found.group(1)), int(found.group(2) or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        return (hour % 12 + (12 if found.group(3) == "p" else 0)) * 60 + minute
    found = re.search(r"\b(\d{1,2}):(\d{2})\b", lower)
    if found:
        hour, minute = int(found.group(1)), int(found.group(2))
        if hour > 23 or minute > 59:
            return None
        return hour * 60 + minute
    return _hour_of_part(lower)


def _hour_of_part(lower: str) -> int | None:
    """ "Four in the morning", "10 in the evening", "eleven at night": an hour on the
    twelve-hour clock placed by the part of the day named after it."""
    found = _HOUR_OF_PART.search(lower)
    if found is None:
        return None
    value = parse_number(found.group(1))
    if value is None or value not in range(1, 13):
        return None
    hour = int(value)
    part = found.group(2) or found.group(3)
    # "two at night" is after midnight, "ten at night" before it
    afternoon = part in {"afternoon", "evening"} or (part == "night" and hour >= 6)
    return (hour % 12 + (12 if afternoon else 0)) * 60


def _time_role(span: Span) -> tuple[str | None, bool]:
    """The role of a time in its clause, and whether it is only roughly that time."""
    root = span.root
    if root.dep_ == "compound" and root.head.lower_ in _PARTS_OF_DAY:
        # "from Saturday morning": the day is read apart from the part of it it names
        return _time_role(root.doc[root.head.i : root.head.i + 1])
    if root.dep_ != "pobj" or root.head.pos_ not in {"ADP", "SCONJ"}:
        return "at", False
    preposition = root.head
    named = preposition.head
    if preposition.lower_ == "of" and (named.lower_ in _PARTS_OF_DAY or named.lower_ == "day"):
        # "on the night of 12 November": the date names the night, in the night's role
        return _time_role(named.doc[named.i : named.i + 1])
    if preposition.lower_ in {"after", "before"} and any(
        child.lower_ in {"just", "shortly", "soon"} for child in preposition.children
    ):
        return "at", True  # "just after midnight" is about midnight
    until = preposition.head if preposition.lower_ == "after" else preposition
    if until.lower_ in {"until", "till"} and not_until(until.head):
        return "at", True  # "did not arrive until (after) 6pm": it arrived at about 6pm
    return _TIME_ROLES.get(preposition.lower_), False  # "before"/"for" stay uncompared


_WHEN_FIELDS = ("weekday", "day", "month", "year", "minutes", "part", "offset")


def _merge_times(parts: list[When]) -> When | None:
    """One time from the expressions of one clause: "Monday" + "morning", or None."""
    merged = parts[0]
    for part in parts[1:]:
        changes: dict[str, object] = {}
        for name in _WHEN_FIELDS:
            mine, theirs = getattr(merged, name), getattr(part, name)
            if mine is not None and theirs is not None and mine != theirs:
                return None
            if mine is None:
                changes[name] = theirs
        merged = dataclasses.replace(
            merged,
            text=f"{merged.text} {part.text}",
            approximate=merged.approximate or part.approximate,
            **changes,
        )
    return merged


def _with_day_number(entity: Span, clauses: Clauses) -> Span:
    """The entity with the day number the model sometimes leaves out ("of [12] November")."""
    before = entity.start - 1
    if before in clauses.scope:
        token = clauses.doc[before]
        if token.like_num and token.dep_ == "nummod" and entity.start <= token.head.i < entity.end:
            return clauses.doc[before : entity.end]
    return entity


def _with_named_day(span: Span, clauses: Clauses) -> Span:
    """ "the night" with the date it names: "the night of 21 November", which the model
    may not tag as a date at all."""
    root = span.root
    if root.lower_ not in _PARTS_OF_DAY and root.lower_ != "day":
        return span
    of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None or of.i != span.end:
        return span
    end = max(t.i for t in of.subtree) + 1
    if not all(i in clauses.scope for i in range(span.start, end)):
        return span
    return clauses.doc[span.start : end]


def read_times(clauses: Clauses) -> tuple[list[When], list[When]]:
    """The dates and times of a text: one per clause and role, its parts merged
    ("Monday" + "morning"), or none where they disagree.

    Twice: without the times relative to the publication date, as read when that date
    is unknown, and with them, for ``dated_times`` to date.
    """
    spans: list[Span] = [
        _with_named_day(_with_day_number(entity, clauses), clauses)
        for entity in clauses.doc.ents
        if entity.label_ in {"DATE", "TIME"} and entity.start in clauses.scope
    ]
    # A date read into a wider span ("the night of 12 November") is not read twice.
    spans = [
        span
        for span in spans
        if not any(
            other.start <= span.start and span.end <= other.end and len(other) > len(span)
            for other in spans
        )
    ]
    covered = {token.i for span in spans for token in span}
    spans.extend(
        # "about 10.40pm": keep the hedge the model left out of the entity
        clauses.doc[token.i - 1 : token.i + 1]
        if token.i - 1 in clauses.scope
        and _APPROXIMATE_TIME.fullmatch(clauses.doc[token.i - 1].text)
        else clauses.doc[token.i : token.i + 1]
        for token in clauses.tokens
        if token.i not in covered
        and (
            token.lower_ in WEEKDAYS
            or token.lower_ in _PARTS_OF_DAY
            or _CLOCK_TOKEN.match(token.text)
        )
    )
    parsed: list[When] = []
    for span in sorted(spans, key=lambda s: s.start):
        role, roughly = _time_role(span)
        if role is None:
            continue
        when = _parse_when(span.text, role=role, predicate=clauses.predicate_of(span.root))
        if when is not None:
            parsed.append(dataclasses.replace(when, approximate=True) if roughly else when)
    absolute = [when for when in parsed if when.offset is None]
    return _merged(absolute, clauses), _merged(parsed, clauses)


def _merged(parsed: list[When], clauses: Clauses) -> list[When]:
    grouped: dict[tuple[int | None, str], list[When]] = {}
    for when in parsed:
        grouped.setdefault((when.predicate, when.role), []).append(when)
    merged = (_merge_times(parts) for parts in grouped.values())
    # "on Monday and on Tuesday" merges to nothing: which one is meant is not ours to pick.
    return [_with_recency(when, clauses) for when in merged if when is not None]


def _with_recency(when: When, clauses: Clauses) -> When:
    """A bare weekday in a clause about the past marked as the latest such day."""
    if when.weekday is None or any(f is not None for f in (when.day, when.month, when.year)):
        return when
    if when.offset is not None or when.predicate is None:
        return when
    head = clauses.doc[when.predicate]
    if head.tag_ not in {"VBD", "VBN"} or any(
        child.dep_ == "aux" and child.lower_ in _FUTURE_AUXILIARIES for child in head.children
    ):
        return when
    return dataclasses.replace(when, recent=True)


def dated_times(times: tuple[When, ...], published: datetime.date) -> tuple[When, ...]:
    """The times with the publication date read into them: "yesterday" in an article of
    Wednesday 4 March is Tuesday 3 March, "closed on Monday" Monday 2 March."""
    dated = (_dated(when, published) for when in times)
    return tuple(when for when in dated if when is not None)


def _dated(when: When, published: datetime.date) -> When | None:
    if when.offset is not None:
        day = published + datetime.timedelta(days=when.offset)
    elif when.recent and when.weekday is not None:
        day = published - datetime.timedelta(days=(published.weekday() - when.weekday) % 7)
    else:
        return when
    stated = (when.weekday, when.day, when.month, when.year)
    if any(s is not None and s != d for s, d in zip(stated, _fields(day), strict=True)):
        return None  # "yesterday, Monday" in a Monday paper: which one is meant is unknown
    said = f"{day.day} {MONTH_NAMES[day.month - 1].title()}"
    if when.weekday is None:
        said = f"{WEEKDAY_NAMES[day.weekday()].title()} {said}"
    return dataclasses.replace(
        when,
        text=f"{when.text} ({said})",
        weekday=day.weekday(),
        day=day.day,
        month=day.month,
        year=day.year,
        offset=None,
        recent=False,
        from_publication=True,
    )


def _fields(day: datetime.date) -> tuple[int, int, int, int]:
    return day.weekday(), day.day, day.month, day.year


def _weekday(when: When) -> int | None:
    if when.weekday is not None:
        return when.weekday
    date = _date(when)
    return None if date is None else date.weekday()


def _clock_distance(first: int, second: int) -> int:
    difference = abs(first - second) % 1440
    return min(difference, 1440 - difference)


def _in_windows(minutes: int, windows: tuple[tuple[int, int], ...], slack: int) -> bool:
    return any(start - slack <= minutes <= end + slack for start, end in windows)


def _windows_overlap(first: str, second: str) -> bool:
    return any(
        a_start < b_end and b_start < a_end
        for a_start, a_end in _PARTS_OF_DAY[first]
        for b_start, b_end in _PARTS_OF_DAY[second]
    )


# A night runs past midnight: "last night" may be the early hours of the next day.
_NIGHT = frozenset({"night", "overnight"})
_AFTER_MIDNIGHT = frozenset({"early hours", "dawn", "overnight"})


def _across_midnight(first: When, second: When) -> bool:
    """One night named by the day it began ("last night", "Wednesday night") and by the
    day it ended ("in the early hours of Thursday")."""
    first_weekday, second_weekday = _weekday(first), _weekday(second)
    if first_weekday is None or second_weekday is None:
        return False
    apart = (second_weekday - first_weekday) % 7
    if apart not in {1, 6}:
        return False
    earlier, later = (first, second) if apart == 1 else (second, first)
    earlier_date, later_date = _date(earlier), _date(later)
    if (
        earlier_date is not None
        and later_date is not None
        and (later_date - earlier_date).days != 1
    ):
        return False
    return earlier.part in _NIGHT and later.part in _AFTER_MIDNIGHT


def _date(when: When) -> datetime.date | None:
    if when.year and when.month and when.day:
        try:
            return datetime.date(when.year, when.month, when.day)
        except ValueError:
            return None
    return None


def _no_day_to_compare(dated: When, other: When) -> bool:
    """A day read from the publication date against a time that names no day: a bare
    year or month is most often another, earlier event's."""
    return dated.from_publication and other.day is None and other.weekday is None


def compare_times(first: When, second: When) -> Outcome | None:
    """Conflict when a field both state differs; compatible when all shared ones agree."""
    if _across_midnight(first, second):
        return _compare_clocks(first, second, shared=True)
    if _no_day_to_compare(first, second) or _no_day_to_compare(second, first):
        return _compare_clocks(first, second, shared=False)
    shared = False
    if first.year is not None and second.year is not None:
        shared = True
        if first.year != second.year:
            return CONFLICT
    if first.month is not None and second.month is not None:
        shared = True
        if first.month != second.month:
            return CONFLICT
        if first.day is not None and second.day is not None and first.day != second.day:
            return CONFLICT
    first_weekday, second_weekday = _weekday(first), _weekday(second)
    if first_weekday is not None and second_weekday is not None:
        shared = True
        if first_weekday != second_weekday:
            return CONFLICT
    return _compare_clocks(first, second, shared=shared)


def _compare_clocks(first: When, second: When, *, shared: bool) -> Outcome | None:
    slack = 60 if first.approximate or second.approximate else 30
    if first.minutes is not None and second.minutes is not None:
        shared = True
        if _clock_distance(first.minutes, second.minutes) > slack:
            return CONFLICT
    for clock, part, own_part in (
        (first.minutes, second.part, first.part),
        (second.minutes, first.part, second.part),
    ):
        # "four in the morning" is morning by its own words, whatever the window says
        if clock is not None and part is not None and part != own_part:
            shared = True
            if not _in_windows(clock, _PARTS_OF_DAY[part], slack):
                return CONFLICT
    if first.part is not None and second.part is not None:
        shared = True
        if not _windows_overlap(first.part, second.part):
            return CONFLICT
    return COMPATIBLE if shared else None
