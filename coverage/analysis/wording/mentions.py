"""Named actors in one sentence: entities, proper-noun runs and acronyms, merged."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coverage.analysis.calendar_words import MONTH_NAMES, WEEKDAY_NAMES
from coverage.analysis.names import ParsedSentence, display_name
from coverage.analysis.wording.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


_NAME_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC", "LOC"})
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
_CALENDAR = frozenset((*WEEKDAY_NAMES, *MONTH_NAMES))
# Titles before a person's name are not part of the name.
_TITLE_WORDS = frozenset(
    {
        "president",
        "prime",
        "minister",
        "deputy",
        "foreign",
        "defence",
        "defense",
        "general",
        "gen",
        "colonel",
        "commander",
        "spokesman",
        "spokeswoman",
        "secretary",
        "mr",
        "mrs",
        "ms",
        "dr",
        "leader",
        "head",
        "chief",
    }
)
_NAME_GLUE = frozenset({"-", "al", "el", "ad", "ash", "bin", "ibn", "de", "of"})


def find_mentions(sentence: ParsedSentence) -> list[Mention]:
    """Named actors in one sentence: entities and proper-noun runs, merged."""
    doc = sentence.doc
    spans: list[tuple[int, int]] = []
    for entity in doc.ents:
        if entity.label_ not in _NAME_LABELS:
            continue
        if entity.label_ == "NORP" and entity.root.pos_ == "ADJ":
            continue  # "Ukrainian", "Islamist": qualities, not parties
        spans.append((entity.start, entity.end))
    # In a headline every word is capitalised and the tagger calls them all proper
    # nouns, so only the entities it recognised are names there.
    index = len(doc) if is_headline(doc) else 0
    while index < len(doc):
        if _is_name_token(doc[index]):
            end = index + 1
            while end < len(doc) and (_is_name_token(doc[end]) or doc[end].lower_ in _NAME_GLUE):
                end += 1
            while doc[end - 1].lower_ in _NAME_GLUE:
                end -= 1
            spans.append((index, end))
            index = end
        else:
            index += 1
    mentions = []
    for start, end in _merge(spans):
        # "Ukraine’s Main Intelligence Directorate" names the directorate.
        possessive = [i for i in range(start, end) if doc[i].dep_ == "case"]
        if possessive and possessive[-1] < end - 1:
            start = possessive[-1] + 1
        while start < end and (
            doc[start].lower_ in _TITLE_WORDS or doc[start].lower_ in {"the", "a", "an"}
        ):
            start += 1
        while end > start and doc[end - 1].dep_ == "case":
            end -= 1
        if start >= end or any(doc[i].ent_type_ in _NOT_NAMES for i in range(start, end)):
            continue
        name = display_name(doc[start:end].text)
        if name and name.lower() not in _CALENDAR and any(c.isalpha() for c in name):
            mentions.append(Mention(name, sentence.index, start, end))
    return mentions


def is_headline(doc: Doc) -> bool:
    words = [token for token in doc if token.is_alpha]
    capitalised = [token for token in words if token.text[:1].isupper()]
    return len(words) >= 4 and len(capitalised) >= 0.6 * len(words)


def _is_name_token(token: Token) -> bool:
    if token.ent_type_ in _NOT_NAMES or token.lower_ in _CALENDAR:
        return False
    if token.pos_ == "PROPN" and token.text[:1].isupper():
        return True
    return token.text.isupper() and token.text.isalpha() and len(token.text) > 1


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
