"""Day and month names, in calendar order: one list for every step that reads dates.

Times read them as dates (``slots.times``), while names (``wording.mentions``) and cited
sources (``hedging``) must not mistake "Monday" or "March" for an actor.
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
