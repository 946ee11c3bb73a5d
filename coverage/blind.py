"""Blind mode: outlets named "Outlet A", "Outlet B"… so readers judge what is said, not who says it.

Every page that hides names asks this module:

- ``blind_requested`` and ``names_requested``: the one reading of ``?blind=`` and
  ``?names=`` (1, true, yes or on, in any case; anything else is no);
- the letters: ``blind_labels`` gives each outlet of an event a letter that stays the
  same on every page, with ``blind_label_order``, ``blind_slug`` and ``blind_letter``
  for sorting and for links that do not spell out a slug;
- the reveal rules: ``requested_reveals`` reads ``?reveal=``, ``reveals`` says whether
  a reader asked to see one outlet's name, ``hides_names`` whether any name on the
  page is still hidden;
- the one redactor: ``Redactor`` puts the letters in place of the ways an article
  names an outlet, in claims, titles, quotes and notes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from string import ascii_uppercase
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.http import QueryDict
from django.utils.text import slugify

from coverage.models import Event, Outlet

if TYPE_CHECKING:
    from coverage.selectors.matrix import Matrix

# Turns a text into what a blind reader may see of it.
Redact = Callable[[str], str]

YES = frozenset({"1", "true", "yes", "on"})
_REVEAL_TOKEN = re.compile(r"[-a-z0-9_]{1,200}")
_MAX_REVEALS = 100


def is_yes(value: str | None) -> bool:
    """Only an explicit yes counts: anything unexpected leaves the default."""
    return (value or "").strip().lower() in YES


def blind_requested(query: QueryDict) -> bool:
    """``?blind=``: the matrix and its layers hide outlet names only when asked."""
    return is_yes(query.get("blind"))


def names_requested(query: QueryDict) -> bool:
    """``?names=``: classroom pages are blind unless names are asked for."""
    return is_yes(query.get("names"))


def blind_labels(event: Event, outlets: Iterable[Outlet]) -> dict[int, str]:
    """Neutral names for the outlets of one event, stable across pages and reloads.

    Letters follow a shuffle seeded by the event and outlet ids, not the alphabetical
    column order, so students cannot work out which outlet is "Outlet A" from its
    name's initial. The worksheet, its answer key and the matrix use the same letters.
    """
    ordered = sorted(
        outlets,
        key=lambda outlet: hashlib.sha256(f"{event.pk}:{outlet.pk}".encode()).hexdigest(),
    )
    return {outlet.pk: f"Outlet {_letters(index)}" for index, outlet in enumerate(ordered)}


def _letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: enough letters for events with many outlets."""
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = ascii_uppercase[remainder] + name
    return name


def blind_label_order(label: str) -> tuple[int, str]:
    """Outlet B before Outlet AA: shorter letters first, then alphabetical."""
    letters = label.removeprefix("Outlet ")
    return (len(letters), letters)


def blind_slug(label: str) -> str:
    """Outlet B -> outlet-b: how blind links name an outlet without giving it away."""
    return slugify(label)


def blind_letter(label: str) -> str:
    """Outlet B -> b: how ``reveal=`` names an outlet in the links of a blind page."""
    return label.removeprefix("Outlet ").lower()


def requested_reveals(query: QueryDict) -> frozenset[str]:
    """``?reveal=b,c`` (repeatable): blind letters or outlet slugs to show by name, or
    "all". Slugs and letters only, since they come back into the page's links."""
    reveal = set()
    for value in query.getlist("reveal")[:_MAX_REVEALS]:
        for part in value.lower().split(",")[:_MAX_REVEALS]:
            if _REVEAL_TOKEN.fullmatch(part.strip()):
                reveal.add(part.strip())
    return frozenset({"all"} if "all" in reveal else reveal)


def reveals(reveal: frozenset[str], outlet: Outlet, label: str) -> bool:
    """Whether a blind reader asked to see this outlet's real name: ``reveal`` holds
    blind letters ("b"), outlet slugs, or "all"."""
    return bool({"all", outlet.slug, blind_slug(label), blind_letter(label)} & reveal)


def hides_names(*, blind: bool, reveal: frozenset[str] = frozenset()) -> bool:
    """Whether texts on the page must be redacted: blind, and not every name revealed."""
    return blind and "all" not in reveal


def shown_name(outlet: Outlet, label: str, *, revealed: bool) -> str:
    """How a panel names an outlet in blind mode: its letter, or "Outlet B = its name"."""
    return f"{label} = {outlet.name}" if revealed else label


class Redactor:
    """Replaces the ways an article names an outlet with that outlet's blind letter.

    Articles often name their own outlet ("PORT AVERLY (VSNA) –", "reported by the
    Courier"). Caught: full names in any case, names without a leading "The", the
    homepage's domain, and in capitals only short names and initials ("BBC", "VSNA",
    but not "bbc"). A bare word from a longer name is not, because it is too often a
    place or a common word ("Averly", "News"). With ``article``, a "the" before a name
    goes with it ("according to the Daily Planet" -> "according to Outlet A").
    """

    def __init__(
        self, forms: dict[str, str], initials: dict[str, str], *, article: bool = False
    ) -> None:
        self.labels = {form.casefold(): label for form, label in forms.items()} | initials
        alternatives = [
            *(f"(?i:{re.escape(form)})" for form in sorted(forms, key=len, reverse=True)),
            *(re.escape(form) for form in initials),
        ]
        before = r"(?:(?i:the)\s+)?" if article else ""
        names = "|".join(f"(?:{alternative})" for alternative in alternatives)
        self.pattern = (
            re.compile(rf"(?<!\w){before}(?P<name>{names})(?!\w)") if alternatives else None
        )

    def __call__(self, text: str) -> str:
        if self.pattern is None:
            return text
        return self.pattern.sub(self._label, text)

    def _label(self, match: re.Match[str]) -> str:
        found = match.group("name")
        return self.labels.get(found) or self.labels[found.casefold()]


def outlets_redactor(
    outlets: Iterable[Outlet], labels: Mapping[int, str], *, article: bool = False
) -> Redactor:
    """The redactor for these outlets, each replaced by ``labels[outlet.pk]``."""
    forms: dict[str, str] = {}
    initials: dict[str, str] = {}
    for outlet in outlets:
        label = labels[outlet.pk]
        name = outlet.name.strip()
        # "RT" or "BBC" is matched in capitals only, like initials, so "rt" stays.
        if name.isupper() and len(name) <= 4:
            initials.setdefault(name, label)
        else:
            for form in (name, re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)):
                if len(form) >= 3:
                    forms.setdefault(form, label)
        domain = urlsplit(outlet.homepage).hostname or ""
        if domain:
            forms.setdefault(domain.removeprefix("www."), label)
        acronym = _initials(name)
        if acronym:
            initials.setdefault(acronym, label)
    return Redactor(forms, initials, article=article)


def redactor(matrix: Matrix) -> Redactor:
    """The redactor for the outlets of a built matrix, with its letters."""
    return outlets_redactor([column.outlet for column in matrix.columns], matrix.blind_labels)


def _initials(name: str) -> str:
    """ "Veldmark State News Agency" -> "VSNA"; names with small words have none."""
    words = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).split()
    if len(words) < 3 or not all(word[0].isupper() for word in words):
        return ""
    return "".join(word[0] for word in words)


def unchanged(text: str) -> str:
    """The redactor of a page that shows names."""
    return text
