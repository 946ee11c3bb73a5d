"""Names of actors and sources, and when two names mean the same one.

The Sources and Wording layers both have to decide that "the Kyiv Post" and "Kyiv
Post", "RIA" and "RIA Novosti", "HTS" and "Hay’at Tahrir al-Sham" are one party
while "Kyiv" and "Kyiv Post" are not. Folding is done per event, over the names
that actually occur in it, so a short form only folds into a longer one when that
longer name is there to fold into and the fold is unambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
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


def _plain_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", display_name(name))
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
