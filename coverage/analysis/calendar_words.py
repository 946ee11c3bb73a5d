"""Day and month names, in calendar order: one list for every step that reads dates.

Times read them as dates (``slots.times``) and figures next to a month as days
(``slots.numbers``), while names (``wording.mentions``) and cited sources (``hedging``)
must not mistake "Monday" or "March" for an actor.
"""

from __future__ import annotations

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

# Months by name and by abbreviation, with their numbers.
MONTHS = {name: index + 1 for index, name in enumerate(MONTH_NAMES)} | {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
