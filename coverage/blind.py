"""Blind mode: outlets named "Outlet A", "Outlet B"… so readers judge what is said, not who says it.

Every page that hides names asks this module:

- ``blind_requested``, ``names_requested`` and ``names_hidden``: the one reading of
  ``?blind=`` and ``?names=`` (1, true, yes or on, in any case; anything else is no);
  ``?blind=`` hides names on every page, the classroom's pages hide them by default;
- the letters: ``blind_labels`` gives each outlet of an event a letter that stays the
  same on every page, with ``blind_label_order``, ``blind_slug`` and ``blind_letter``
  for sorting and for links that do not spell out a slug;
- the reveal rules: ``requested_reveals`` reads ``?reveal=``, ``reveals`` says whether
  a reader asked to see one outlet's name, ``hides_names`` whether any name on the
  page is still hidden;
- the one redactor: ``Redactor`` (made by ``outlets_redactor``) puts the letters in
  place of the ways a text names an outlet: its name, domain, slug, initials, short
  name and the aliases an editor gave it;
- what a page shows: a ``Blinding`` per page (``blinding``) names outlets and their
  link slugs and gives redacted copies of the event, claims, articles and cells;
  ``blinded_matrix`` a whole matrix of such copies for the readings built from one
  (explainer, exports); ``shown_events`` lists of events; ``redacted_data`` plain
  data for downloads and API answers.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from string import ascii_uppercase
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.http import QueryDict
from django.utils.text import slugify

from coverage.models import Article, Assertion, Event, Outlet, Stance

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


def unchanged(text: str) -> str:
    """The redactor of a page that shows names."""
    return text


class Redactor:
    """Replaces the ways a text names an outlet with that outlet's blind letter.

    Articles often name their own outlet ("PORT AVERLY (VSNA) –", "reported by the
    Courier", "Read Full Article at RT.com"). Caught: full names in any case, names
    without a leading "The", domains and slugs, aliases; in capitals only, short names
    and initials ("BBC", "VSNA", but not "bbc"); and, capitalised and not after another
    capitalised word, the last word of a longer name ("the Courier", "a Courier
    reporter", but not "the Kyiv Post" for the "Washington Post"). A possessive keeps
    its "'s". Other bare words from a name are not caught, because they are too often a
    place or a common word ("Averly", "News"). With ``article``, a "the" before a name
    goes with it ("according to the Daily Planet" -> "according to Outlet A").
    """

    def __init__(
        self,
        forms: dict[str, str],
        initials: dict[str, str],
        *,
        article: bool = False,
        short: dict[str, str] | None = None,
    ) -> None:
        short = short or {}
        self.short = short
        self.labels = {form.casefold(): label for form, label in forms.items()} | initials | short
        alternatives = [
            *(f"(?i:{re.escape(form)})" for form in sorted(forms, key=len, reverse=True)),
            *(re.escape(form) for form in sorted((*initials, *short), key=len, reverse=True)),
        ]
        before = r"(?:(?i:the)\s+)?" if article else ""
        names = "|".join(f"(?:{alternative})" for alternative in alternatives)
        # Not inside a word, a slug or an address ("troib" in "introib", "rt" in "rt-2").
        self.pattern = (
            re.compile(rf"(?<![\w-]){before}(?P<name>{names})(?![\w-]|\.\w)")
            if alternatives
            else None
        )

    def __call__(self, text: str) -> str:
        if self.pattern is None or not text:
            return text
        return self.pattern.sub(self._label, text)

    def _label(self, match: re.Match[str]) -> str:
        found = match.group("name")
        if found in self.short and _after_a_proper_name(match.string, match.start("name")):
            return match.group(0)
        return self.labels.get(found) or self.labels[found.casefold()]


# Words that may stand before a short name without making it part of another name.
_DETERMINERS = frozenset({"The", "A", "An", "This", "That", "Its", "Their", "Our", "Every"})
_WORD_BEFORE = re.compile(r"([A-Z][\w’'-]*)\s+$")
# Last words of outlets' names too common to stand for one outlet by themselves.
_GENERIC_LAST_WORDS = frozenset(
    [
        "news",
        "agency",
        "radio",
        "press",
        "media",
        "network",
        "service",
        "services",
        "online",
        "daily",
        "weekly",
        "tv",
        "television",
        "channel",
        "broadcasting",
        "corporation",
        "group",
        "company",
        "com",
        "org",
        "net",
        "info",
        "today",
        "world",
        "international",
        "report",
        "reports",
        "wire",
        "magazine",
        "digital",
        "live",
    ]
)


def _after_a_proper_name(text: str, start: int) -> bool:
    """ "Kyiv Post" rather than "the Post": a capitalised word right before a short name."""
    word = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return bool(word) and word.group(1) not in _DETERMINERS


def outlets_redactor(
    outlets: Iterable[Outlet], labels: Mapping[int, str], *, article: bool = False
) -> Redactor:
    """The redactor for these outlets, each replaced by ``labels[outlet.pk]``."""
    forms: dict[str, str] = {}
    initials: dict[str, str] = {}
    short: dict[str, str] = {}
    for outlet in outlets:
        label = labels[outlet.pk]
        for name in [outlet.name, *outlet_aliases(outlet)]:
            _add_name(name.strip(), label, forms, initials, short)
        if len(outlet.slug) >= 3:
            forms.setdefault(outlet.slug, label)
        domain = (urlsplit(outlet.homepage).hostname or "").removeprefix("www.")
        if domain:
            forms.setdefault(domain, label)
            # "troib" of troib.com in any case; a short stem ("rt", "vsna") only in
            # capitals, like initials, since short lower-case words are often words.
            stem = domain.split(".")[0]
            if len(stem) >= 5 and stem.casefold() not in _GENERIC_LAST_WORDS:
                forms.setdefault(stem, label)
            elif len(stem) >= 2:
                initials.setdefault(stem.upper(), label)
    # A short name that is also another outlet's whole word is no one's short name.
    for form in list(short):
        if form.casefold() in forms:
            del short[form]
    return Redactor(forms, initials, article=article, short=short)


def _add_name(
    name: str, label: str, forms: dict[str, str], initials: dict[str, str], short: dict[str, str]
) -> None:
    # "RT" or "BBC" is matched in capitals only, like initials, so "rt" stays.
    if name.isupper() and len(name) <= 5:
        initials.setdefault(name, label)
        return
    bare = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    for form in (name, bare):
        if len(form) >= 3:
            forms.setdefault(form, label)
    acronym = _initials(name)
    if acronym:
        initials.setdefault(acronym, label)
    words = bare.split()
    last = words[-1] if len(words) >= 2 else ""
    if len(last) >= 4 and last[0].isupper() and last.casefold() not in _GENERIC_LAST_WORDS:
        short.setdefault(last, label)


def outlet_aliases(outlet: Outlet) -> list[str]:
    """The outlet's other names, one a line in its ``aliases``."""
    return [line.strip() for line in outlet.aliases.splitlines() if line.strip()]


def redactor(matrix: Matrix) -> Redactor:
    """The redactor for the outlets of a built matrix, with its letters."""
    return outlets_redactor(
        [column.outlet for column in matrix.columns], matrix.blind_labels, article=True
    )


@dataclass(frozen=True)
class Blinding:
    """How one page names an event's outlets: by letter with every text redacted, or
    (``NAMES_SHOWN``) as they are.

    A view makes one per request and hands it to every part of its page, so nothing on
    a blind page names an outlet in a way of its own: names, link slugs, the event's
    title and summary, articles, and the query string that keeps links blind.
    """

    hides: bool
    labels: Mapping[int, str] = field(default_factory=dict)
    redact: Redact = unchanged

    def name(self, outlet: Outlet) -> str:
        return self.labels[outlet.pk] if self.hides else outlet.name

    def slug(self, outlet: Outlet) -> str:
        """How links name the outlet: its slug, or its letter ("outlet-b")."""
        return blind_slug(self.labels[outlet.pk]) if self.hides else outlet.slug

    def event(self, event: Event) -> Event:
        """The event as the page shows it: in blind mode an unsaved copy whose title
        and summary name no outlet. Only for templates; never saved."""
        return shown_event(event, self.redact) if self.hides else event

    def assertion(self, assertion: Assertion) -> Assertion:
        """The row's claim as the page shows it: an unsaved copy, redacted, when blind."""
        if not self.hides:
            return assertion
        shown = copy.copy(assertion)
        shown.text = self.redact(assertion.text)
        return shown

    def article(self, article: Article) -> Article:
        """The article as the page shows it: in blind mode an unsaved copy with its title
        and text redacted and without its address or author, which name the outlet."""
        if not self.hides:
            return article
        shown = copy.copy(article)
        shown.title, shown.text = self.redact(article.title), self.redact(article.text)
        shown.url = shown.author = ""
        return shown

    def stance(self, stance: Stance) -> Stance:
        """The cell's stance as the page shows it: in blind mode an unsaved copy with its
        evidence sentence, note, reason and source redacted."""
        if not self.hides:
            return stance
        shown = copy.copy(stance)
        shown.note, shown.reason = self.redact(stance.note), self.redact(stance.reason)
        shown.attributed_to = self.redact(stance.attributed_to)
        if stance.evidence is not None:
            shown.evidence = copy.copy(stance.evidence)
            shown.evidence.text = self.redact(stance.evidence.text)
        if stance.evidence_through_id is not None and stance.evidence_through is not None:
            shown.evidence_through = copy.copy(stance.evidence_through)
            shown.evidence_through.text = self.redact(stance.evidence_through.text)
        return shown

    @property
    def query(self) -> str:
        """What keeps a link blind: "?blind=1", or nothing."""
        return "?blind=1" if self.hides else ""


NAMES_SHOWN = Blinding(hides=False)


def shown_event(event: Event, redact: Redact) -> Event:
    """``event`` with its title and summary redacted: an unsaved copy, for templates."""
    if redact is unchanged:
        return event
    shown = copy.copy(event)
    shown.title, shown.summary = redact(event.title), redact(event.summary)
    return shown


def blinding(event: Event, outlets: Iterable[Outlet] | None = None, *, hides: bool) -> Blinding:
    """The page's ``Blinding`` for ``event``; without ``outlets``, costs a query for the
    event's outlets when ``hides``."""
    if not hides:
        return NAMES_SHOWN
    if outlets is None:
        outlets = Outlet.objects.filter(articles__event=event).distinct()
    outlets = list(outlets)
    labels = blind_labels(event, outlets)
    return Blinding(True, labels, outlets_redactor(outlets, labels, article=True))


def shown_events(events: list[Event]) -> list[Event]:
    """Events of a list as a blind reader sees them: titles and summaries redacted with
    each event's own outlets and letters. One query for the outlets of them all."""
    outlets: dict[int, dict[int, Outlet]] = {event.pk: {} for event in events}
    for article in Article.objects.filter(event__in=events).select_related("outlet"):
        outlets[article.event_id][article.outlet_id] = article.outlet
    return [
        blinding(event, outlets[event.pk].values(), hides=True).event(event) for event in events
    ]


def names_hidden(query: QueryDict, *, by_default: bool = False) -> bool:
    """Whether a page hides names: ``?blind=`` says yes on every page; pages blind by
    default (the classroom's) show names only for ``?names=`` and no ``?blind=``."""
    return blind_requested(query) or (by_default and not names_requested(query))


def _initials(name: str) -> str:
    """ "Veldmark State News Agency" -> "VSNA"; names with small words have none."""
    words = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).split()
    if len(words) < 3 or not all(word[0].isupper() for word in words):
        return ""
    return "".join(word[0] for word in words)


def blinded_matrix(matrix: Matrix) -> Matrix:
    """The matrix as a blind reader may see every part of it, in letter order.

    Unsaved copies throughout: outlets named by letter (slug "outlet-b") without their
    homepage, country, ownership, notes or aliases, which can each give them away;
    the event, claims, article titles and texts, evidence sentences, notes and sources
    redacted; articles without address or author. Readings built from a matrix (the
    explainer and its Markdown, exports, the API) then show letters with no blind mode
    of their own. The matrix itself is left as it was: it may be cached.
    """
    # Imported here: coverage.selectors.matrix asks this module for the letters.
    from coverage.selectors.matrix import Column, OutletCell, in_blind_order

    matrix = in_blind_order(matrix)
    labels = matrix.blind_labels
    shown = Blinding(True, labels, redactor(matrix))
    outlets = {column.outlet.pk: lettered(column.outlet, labels) for column in matrix.columns}
    articles = {
        article.pk: _article_of(shown.article(article), outlets)
        for column in matrix.columns
        for article in column.articles
    }
    columns = [
        Column(
            outlets[column.outlet.pk],
            [articles[article.pk] for article in column.articles],
            column.totals,
        )
        for column in matrix.columns
    ]
    rows = []
    for row in matrix.rows:
        assertion = shown.assertion(row.assertion)
        cells = [
            OutletCell(
                assertion,
                outlets[cell.outlet.pk],
                [_stance(stance, assertion, articles, shown) for stance in cell.stances],
            )
            for cell in row.cells
        ]
        # Counts, numbers and origins carry over; texts drawn from origins are redacted
        # where they are put into words.
        origins = _redacted_fields(row.origins, shown.redact)
        rows.append(dataclasses.replace(row, assertion=assertion, cells=cells, origins=origins))
    return dataclasses.replace(matrix, event=shown.event(matrix.event), columns=columns, rows=rows)


def _redacted_fields(value: Any, redact: Redact) -> Any:
    """A frozen value (a row's origins: dataclasses, tuples, texts) with every text in it
    redacted, the same way each time, so keys still match one another. Enumerations
    are texts too, but name no one."""
    if type(value) is str:
        return redact(value)
    if isinstance(value, tuple):
        items = [_redacted_fields(item, redact) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value,
            **{
                field.name: _redacted_fields(getattr(value, field.name), redact)
                for field in dataclasses.fields(value)
                if field.init
            },
        )
    return value


def redacted_data(data: Any, redact: Redact) -> Any:
    """Plain data (dicts, lists, texts) with every text redacted: for downloads and
    answers whose texts come from many places (origins, sources, notes)."""
    if isinstance(data, str):
        return redact(data)
    if isinstance(data, list | tuple):
        return [redacted_data(item, redact) for item in data]
    if isinstance(data, dict):
        return {key: redacted_data(value, redact) for key, value in data.items()}
    return data


def lettered(outlet: Outlet, labels: Mapping[int, str]) -> Outlet:
    """An unsaved stand-in for the outlet named by its letter, with nothing that could
    give it away (homepage, country, ownership, notes, aliases)."""
    label = labels[outlet.pk]
    return Outlet(
        pk=outlet.pk,
        name=label,
        slug=blind_slug(label),
        language=outlet.language,
        ownership_kind=Outlet.OwnershipKind.UNKNOWN,
    )


def _article_of(article: Article, outlets: Mapping[int, Outlet]) -> Article:
    article.outlet = outlets[article.outlet_id]
    return article


def _stance(stance, assertion: Assertion, articles: Mapping[int, Article], shown: Blinding):
    """A copy of a Stance (or a StanceSummary) with its texts redacted."""
    if not isinstance(stance, Stance):
        return stance._replace(attributed_to=shown.redact(stance.attributed_to))
    copied = shown.stance(stance)
    copied.assertion = assertion
    copied.article = articles[stance.article_id]
    return copied
