"""Whole numbers from the query string, read the same way on every page and in the API.

``str.isdigit()`` accepts "²" and "①", which ``int()`` then refuses, and ``int()``
itself refuses numbers of more than 4,300 digits: both were 500s. Here a number is
one to nine ASCII digits and nothing else; anything else is "not a number", and the
caller either falls back to its default or answers 400.
"""

from __future__ import annotations

import re

from django.http import QueryDict

# Nine digits: more than any page, row or sentence count, well below int()'s limit.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


def parse_int(raw: str | None) -> int | None:
    """The whole number in ``raw`` (surrounding spaces allowed), or None."""
    if raw is None:
        return None
    raw = raw.strip()
    return int(raw) if _WHOLE_NUMBER.fullmatch(raw) else None


def int_or_default(
    query: QueryDict, name: str, default: int, *, minimum: int = 1, maximum: int | None = None
) -> int:
    """``?name=`` as a number within bounds; the default for anything else."""
    value = parse_int(query.get(name))
    if value is None or value < minimum or (maximum is not None and value > maximum):
        return default
    return value


def page_number(query: QueryDict) -> int:
    """``?page=`` for a Paginator: past the end, ``get_page`` shows the last page."""
    return int_or_default(query, "page", 1)


def shown(raw: str, limit: int = 20) -> str:
    """A reader's value quoted back in a message, cut short so a huge one stays short."""
    return repr(raw if len(raw) <= limit else f"{raw[:limit]}…")
