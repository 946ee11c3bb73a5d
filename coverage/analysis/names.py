"""Names of actors and sources, and when two names mean the same one.

The Sources and Wording layers both have to decide that "the Kyiv Post" and "Kyiv
Post", "RIA" and "RIA Novosti", "HTS" and "Hay’at Tahrir al-Sham", "Aydınlık" and
"Aydinlik", "Sputnik's" and "Sputnik" are one party while "Kyiv" and "Kyiv Post" are
not. Folding is done per event, over the names that actually occur in it, so a
short form only folds into a longer one when that longer name is there to fold
into and the fold is unambiguous.

Two more sources of identity:

- ``known_news_organisation``: a curated list of well-known agencies and
  broadcasters (data/news_agencies.json) with their aliases, country and
  ownership, so "told Sputnik" is recognised as citing an agency anywhere.
- ``NameMatcher``: the outlets of one event in every form articles write them:
  "(CPA)" or "the agency CPA" for Continental Press Agency, "Kasvian state TV" for
  Kasvia State Television, "Glasnik" for Glasník, "rt.com" for RT.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class ParsedSentence:
    """A stored sentence of an article with its spaCy parse."""

    index: int
    text: str
    doc: Doc


# Spellings that differ by the language they were transliterated through. Which one an
# outlet uses is itself a wording choice (Kiev is the Russian-derived form), so both
# fold into one actor and the table shows each outlet's spelling.
SPELLING_VARIANTS = {
    "kiev": "kyiv",
    "kharkov": "kharkiv",
    "odessa": "odesa",
    "lugansk": "luhansk",
    "nikolaev": "mykolaiv",
    "zaporozhye": "zaporizhzhia",
    "artemovsk": "bakhmut",
}

# Particles inside Arabic and other names that initials skip: Hayat Tahrir al-Sham = HTS.
_NAME_PARTICLES = frozenset({"al", "el", "ad", "as", "an", "ash", "of", "the", "and", "de", "bin"})
_LEADING_DETERMINER = re.compile(r"^(?:the|a|an|its|their|his|her)\s+", re.IGNORECASE)
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def display_name(name: str) -> str:
    """The name as the tables show it: no leading article or possessive, tidy spaces."""
    name = " ".join(name.split())
    name = _LEADING_DETERMINER.sub("", name)
    return _TRAILING_POSSESSIVE.sub("", name).strip()


def name_key(name: str) -> str:
    """A comparison key: case, accents, apostrophes, hyphens and transliteration do not count."""
    text = _plain_key(name)
    return SPELLING_VARIANTS.get(text, text)


# Letters that NFKD does not split into a base letter and an accent: "Aydınlık".
_TRANSLITERATION = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss"}
    | {"æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th", "ð": "d"}
)


def _plain_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", display_name(name).translate(_TRANSLITERATION))
    text = "".join(character for character in text if not unicodedata.combining(character))
    text = re.sub(r"['’‘`ʼ]", "", text.lower())
    return re.sub(r"[^\w]+", " ", text).strip()


def initials(name: str) -> str:
    """Upper-case initials of the significant words: "Hayat Tahrir al-Sham" -> "HTS"."""
    words = [word for word in name_key(name).split() if word not in _NAME_PARTICLES]
    return "".join(word[0] for word in words).upper() if len(words) > 1 else ""


def is_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2,6}s?", display_name(name)))


def fold_names(names: Iterable[str]) -> dict[str, str]:
    """Map every name to the display name of the party it stands for.

    Two names fold when their keys are equal, when one is the acronym of the other
    ("HTS"), when one is the upper-case first word of the other ("RIA" -> "RIA
    Novosti"), or when a name of two or more words ends another one ("Tahrir
    al-Sham" -> "Hayat Tahrir al-Sham"). A short form that could belong to two
    longer names stays on its own rather than being guessed.
    """
    names = list(names)
    counts = Counter(display_name(name) for name in names if display_name(name))
    by_key: dict[str, list[str]] = {}
    for name in counts:
        by_key.setdefault(name_key(name), []).append(name)
    # The written form for each key: the standard spelling if it was used ("Kyiv", not
    # "Kiev"), then the most frequent, then the plainest.
    spelling = {
        key: max(
            forms,
            key=lambda form: (_plain_key(form) == key, counts[form], -len(form)),
        )
        for key, forms in by_key.items()
    }
    capitalised = frozenset(name_key(name) for name in counts if is_acronym(name))
    target = {key: key for key in by_key}
    keys = sorted(by_key, key=lambda key: len(key.split()))
    for short in keys:
        candidates = [
            long for long in keys if long != short and _abbreviates(short, long, capitalised)
        ]
        if len(candidates) == 1:
            target[short] = candidates[0]
    result: dict[str, str] = {}
    for key, forms in by_key.items():
        final = key
        while target[final] != final:
            final = target[final]
        for form in forms:
            result[form] = spelling[final]
    for name in names:
        if display_name(name) in result:
            result[name] = result[display_name(name)]
    return result


def _abbreviates(short: str, long: str, capitalised: frozenset[str]) -> bool:
    short_words, long_words = short.split(), long.split()
    if len(short_words) >= len(long_words):
        return False
    if len(short_words) == 1 and short.upper() == initials(long):
        return True
    if len(short_words) == 1 and long_words[0] == short:
        # Only agency-style short forms ("RIA"), not places ("Kyiv" vs "Kyiv Post").
        return short in capitalised
    return len(short_words) >= 2 and long_words[-len(short_words) :] == short_words


NEWS_ORGANISATIONS_FILE = Path(__file__).parent / "data" / "news_agencies.json"


@dataclass(frozen=True)
class NewsOrganisation:
    """A well-known agency, broadcaster or paper from the curated list.

    ``ownership`` takes the values of Outlet.OwnershipKind; ``kind`` is "agency",
    "broadcaster", "newspaper" or "website".
    """

    name: str
    aliases: tuple[str, ...]
    country: str
    ownership: str
    kind: str
    homepage: str
    note: str = ""


@functools.cache
def news_organisations() -> tuple[NewsOrganisation, ...]:
    data = json.loads(NEWS_ORGANISATIONS_FILE.read_text(encoding="utf-8"))
    return tuple(
        NewsOrganisation(
            name=entry["name"],
            aliases=tuple(entry["aliases"]),
            country=entry["country"],
            ownership=entry["ownership"],
            kind=entry["kind"],
            homepage=entry["homepage"],
            note=entry.get("note", ""),
        )
        for entry in data["organisations"]
    )


@functools.cache
def _organisation_index() -> tuple[dict[str, NewsOrganisation], ...]:
    """Organisations by name key, by acronym (which only counts when written in
    capitals: "AP", not "ap") and by homepage."""
    by_key: dict[str, NewsOrganisation] = {}
    by_acronym: dict[str, NewsOrganisation] = {}
    by_domain: dict[str, NewsOrganisation] = {}
    for organisation in news_organisations():
        for alias in (organisation.name, *organisation.aliases):
            if _is_capital_acronym(alias):
                by_acronym[_plain_key(alias)] = organisation
            else:
                by_key.setdefault(name_key(alias), organisation)
        by_domain[domain_key(organisation.homepage)] = organisation
    return by_key, by_acronym, by_domain


def _is_capital_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-ZČ][A-ZŽŠ/&-]{1,5}", name))


def known_news_organisation(name: str) -> NewsOrganisation | None:
    """The curated organisation ``name`` stands for: "Sputnik's", "the AFP", "RIA",
    "rt.com", "Anadolu Ajansi". Acronyms must be written in capitals."""
    by_key, by_acronym, by_domain = _organisation_index()
    shown = display_name(name)
    if domain := domain_key(shown):
        return by_domain.get(domain)
    if _is_capital_acronym(shown):
        return by_acronym.get(_plain_key(shown)) or by_key.get(name_key(shown))
    return by_key.get(name_key(shown))


def domain_key(name: str) -> str:
    """ "https://www.rt.com/news/" and "RT.com" -> "rt"; other names come back empty."""
    text = name.strip().lower()
    match = re.fullmatch(
        r"(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*)\.[a-z]{2,12}(?:/.*)?", text
    )
    if not match:
        return ""
    labels = match.group(1).split(".")
    # "bbc.co.uk" -> "bbc", "news.sky.com" -> "sky", "hpa-news.example" -> "hpa news".
    while len(labels) > 1 and labels[-1] in {"co", "com", "org", "net", "gov", "ac", "or"}:
        labels.pop()
    return labels[-1].replace("-", " ")


# Words an article may write differently from the outlet's own name: "TV" for
# "Television", "Kasvian" for "Kasvia".
_WORD_EQUIVALENTS = {"tv": "television", "intl": "international", "natl": "national"}
_SKIPPED_WORDS = frozenset({"the", "a", "an"})


class NameMatcher:
    """Recognises the parties of one event (its outlets) in the forms articles write them.

    Keyed as the caller likes; each party has one or more names (a homepage counts
    as one). ``match`` accepts, for "Continental Press Agency" with homepage
    cpa.example: "the Continental Press Agency", "CPA", "cpa.example"; for "Kasvia
    State Television": "Kasvian state TV", "KST"; for "Glasník": "Glasnik".
    """

    def __init__(self, names: Mapping[Hashable, Sequence[str]]) -> None:
        self._keys: dict[str, set[Hashable]] = {}
        self._words: list[tuple[Hashable, tuple[str, ...]]] = []
        self._patterns = {party: _mention_patterns(forms) for party, forms in names.items()}
        for party, forms in names.items():
            for form in _written_forms(forms):
                keys = {f"www:{domain}"} if (domain := domain_key(form)) else {name_key(form)}
                if short := _short_form(form):
                    keys.add(name_key(short))
                # Initials only ever match a name written in capitals: "CPA", not "cpa".
                keys |= {f"caps:{initials}" for initials in _initialisms(form)}
                for key in keys - {""}:
                    self._keys.setdefault(key, set()).add(party)
                if not domain_key(form):
                    self._words.append((party, _significant_words(form)))

    def match(self, mention: str) -> Hashable | None:
        """The party ``mention`` names, or None when it names none or is ambiguous."""
        shown = display_name(mention)
        if not shown:
            return None
        if domain := domain_key(shown):
            key = f"www:{domain}"
        elif _is_capital_acronym(shown):
            key = f"caps:{_plain_key(shown).replace(' ', '')}"
        else:
            key = name_key(shown)
        found = self._keys.get(key, set())
        if not found and _is_capital_acronym(shown):
            found = self._keys.get(name_key(shown), set())  # "RT", "VSNA" as names
        if len(found) == 1:
            return next(iter(found))
        words = _significant_words(shown)
        if len(words) < 2 or found:
            return None
        fuzzy = {party for party, name in self._words if _same_words(words, name)}
        return next(iter(fuzzy)) if len(fuzzy) == 1 else None

    def find(self, text: str, party: Hashable) -> str:
        """The first words of ``text`` that name ``party`` ("told Glasnik" finds
        "Glasnik" for Glasník, "(CPA)" finds "CPA"), or ""."""
        folded = _fold_in_place(text)
        for pattern, case_sensitive in self._patterns.get(party, ()):
            for match in pattern.finditer(text if case_sensitive else folded):
                found = text[match.start() : match.end()]
                if case_sensitive or found[:1].isupper() or "." in found:
                    return found
        return ""

    def mentioned(self, text: str) -> set[Hashable]:
        """Every party ``text`` names."""
        return {party for party in self._patterns if self.find(text, party)}


def _fold_in_place(text: str) -> str:
    """Lower case without accents, one character for one, so offsets still hold."""
    return "".join(
        unicodedata.normalize("NFKD", character.translate(_TRANSLITERATION))[:1] or character
        for character in text
    ).lower()


def strip_accents(text: str) -> str:
    """ "Sjøposten" -> "Sjoposten", "Aydınlık" -> "Aydinlik"."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION))
    return "".join(character for character in text if not unicodedata.combining(character))


def _mention_patterns(forms: Sequence[str]) -> list[tuple[re.Pattern[str], bool]]:
    """Regular expressions for the ways a text names a party with these names: the
    name itself (accents and case aside, a demonym for its first word, "TV" for
    "Television"), its initials in capitals, its web address."""
    patterns: list[tuple[re.Pattern[str], bool]] = []
    for form in _written_forms(forms):
        if short := _short_form(form):
            # Written as the name is, so "Kaldmark news channels" is not "Kaldmark News".
            short_words = [re.escape(word) for word in short.split()]
            patterns.append((re.compile(r"\b" + r"[^\S\n]+".join(short_words) + r"\b"), True))
        if domain := domain_key(form):
            host = re.escape(domain.replace(" ", "-"))
            patterns.append((re.compile(rf"\b(?:www\.)?{host}\.[a-z]{{2,12}}\b"), False))
            continue
        words = name_key(form).split()
        if words and words[0] in _SKIPPED_WORDS:
            words = words[1:]
        if not words:
            continue
        parts = []
        for position, word in enumerate(words):
            part = re.escape(word)
            if word == "television":
                part = "(?:television|tv)"
            elif position == 0 and len(words) > 1 and len(word) >= 4:
                part += r"\w{0,3}"
            parts.append(part)
        patterns.append((re.compile(r"\b" + r"[\W_]+".join(parts) + r"\b"), False))
        for initials in _initialisms(form):
            patterns.append((re.compile(rf"\b{initials.upper()}\b"), True))
    return patterns


# Last words of an outlet's name that articles leave out: "Estrava Wire" for the
# "Estrava Wire Service".
_GENERIC_LAST_WORDS = frozenset(
    {"service", "agency", "network", "group", "corporation", "company", "media", "online"}
)


def _written_forms(forms: Sequence[str]) -> list[str]:
    """The names, with a name's abbreviation in brackets as a name of its own:
    "Kaldmark State Radio (KSR)" is "Kaldmark State Radio" and "KSR"."""
    written = []
    for form in forms:
        bracketed = re.fullmatch(r"\s*(.+?)\s*\(\s*([^()]+?)\s*\)\s*", form or "")
        written += [bracketed.group(1), bracketed.group(2)] if bracketed else [form]
    return [form for form in written if form]


def _short_form(form: str) -> str:
    """The name without a generic last word, when two capitalised words or more are
    left ("Estrava Wire Service" -> "Estrava Wire"), else ""."""
    words = form.split()
    if words and words[0].lower() in _SKIPPED_WORDS:
        words = words[1:]
    if len(words) < 3 or words[-1].lower() not in _GENERIC_LAST_WORDS:
        return ""
    kept = words[:-1]
    return " ".join(kept) if all(word[:1].isupper() for word in kept) else ""


def _significant_words(name: str) -> tuple[str, ...]:
    words = [_WORD_EQUIVALENTS.get(word, word) for word in name_key(name).split()]
    return tuple(word for word in words if word not in _SKIPPED_WORDS)


def _same_words(mention: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Word by word, allowing a demonym for a place ("kasvian" for "kasvia")."""
    return len(mention) == len(name) and all(
        first == second
        or (
            min(len(first), len(second)) >= 4
            and (first.startswith(second) or second.startswith(first))
            and abs(len(first) - len(second)) <= 3
        )
        for first, second in zip(mention, name, strict=True)
    )


def _initialisms(name: str) -> list[str]:
    """Lower-case initials an outlet is credited by: "cpa", and "kstv" beside "kst"
    for "Kasvia State Television"."""
    words = [word for word in name_key(name).split() if word not in _NAME_PARTICLES]
    if len(words) < 2:
        return []
    plain = "".join(word[0] for word in words)
    with_tv = "".join("tv" if word == "television" else word[0] for word in words)
    return list(dict.fromkeys([plain, with_tv]))
