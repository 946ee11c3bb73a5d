"""Who a noun phrase is as a source: its name, kind and wording, or nobody.

A definite description ("the source", "the diplomat") points back to the latest
citation of the same sort; the author of "a report from X" is X; names are tidied
the way a table shows them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coverage.analysis.hedging import MEDIA_NOUNS, source_name
from coverage.analysis.names import display_name, known_news_organisation
from coverage.analysis.sources.model import UNATTRIBUTED, UNNAMED_REPORTS, Citation, SourceKind
from coverage.analysis.sources.words import (
    ANAPHOR_KINDS,
    ANONYMOUS_HEADS,
    AUTHORED,
    MEDIA_NAME_WORDS,
    MEDIA_VERBS,
    OFFICIAL_WORDS,
    SOCIAL_MEDIA_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True)
class Speaker:
    """A source as one phrase of a sentence names it, and the token that heads it."""

    name: str
    kind: SourceKind
    wording: str
    token_index: int


def find_speaker(head: Token, verb: Token | None, earlier: Sequence[Citation]) -> Speaker | None:
    """Name, kind and wording of the noun phrase headed by ``head``, or None if it is nobody."""
    if head.lower_ in _PERSONAL_PRONOUNS or (head.lower_ == "it" and head.dep_ == "nsubj"):
        # "He said ..." after "..., the mill's manager Tomas Ek said": Ek speaks again;
        # "..., it said" after "..., the regional fire service said": the service.
        found = _latest_person(earlier) if head.lower_ != "it" else _latest_body(earlier)
        if found is None:
            return None
        return Speaker(found.source, found.kind, found.wording, head.i)
    if head.pos_ == "PRON" or head.lower_ in {"this", "that", "nobody", "none"}:
        return None
    if any(child.dep_ == "det" and child.lower_ == "no" for child in head.children):
        return None  # "No group has claimed responsibility": nobody is cited
    if any(child.dep_ == "det" and child.lower_ in _EACH for child in head.children):
        return None  # "Each government accused the other ...": two sources, neither named
    wording = _wording(head)
    if head.pos_ not in {"NOUN", "PROPN"} and known_news_organisation(head.text) is not None:
        return Speaker(head.text, SourceKind.MEDIA, wording, head.i)  # "dpa", tagged a verb
    if _is_anaphor(head):
        kind = ANAPHOR_KINDS[head.lower_]
        referred = [c for c in reversed(earlier) if _refers_back(c, kind)]
        # "The agency said" after the Kesteria News Agency and the broadcaster Kesteria
        # One: the one whose name is an agency, else the latest of the kind.
        antecedent = next(
            (c for c in referred if head.lower_ in c.source.lower().split()),
            next(iter(referred), None),
        )
        if antecedent is not None:
            return Speaker(antecedent.source, antecedent.kind, wording, head.i)
    words = {token.lemma_.lower() for token in head.subtree} | {
        token.lower_ for token in head.subtree
    }
    if words & SOCIAL_MEDIA_WORDS:
        return Speaker(display_name(_unnamed(head)), SourceKind.SOCIAL_MEDIA, wording, head.i)
    if not _has_name(head) and (author := _author(head)) is not None:
        # "Reports from the Syrian newspaper Al Watan claim …": Al Watan claims it.
        return find_speaker(author, verb, earlier)
    if not _has_name(head):
        if head.lemma_.lower() == "report" or head.lower_ == "reports":
            return Speaker(UNNAMED_REPORTS, SourceKind.ANONYMOUS, wording, head.i)
        if head.lemma_.lower() in ANONYMOUS_HEADS:
            return Speaker(_unnamed(head), SourceKind.ANONYMOUS, wording, head.i)
        if head.pos_ not in {"NOUN", "PROPN"}:
            return None
    name = tidy_name(source_name(head), head)
    if not name:
        return None
    return Speaker(name, _kind(head, words, verb, name), wording, head.i)


# Determiners by which a phrase speaks of several parties one at a time.
_EACH = frozenset({"each", "either", "neither"})
# Pronouns that stand for one person a reader has met before: "he said", "she told".
_PERSONAL_PRONOUNS = frozenset({"he", "she"})
# Words in the names of bodies rather than people: "Sarnesk District Hospital".
_BODY_WORDS = (
    OFFICIAL_WORDS
    | MEDIA_NAME_WORDS
    | {"office", "service", "institute", "department", "council", "board", "bank", "company"}
    | {"hospital", "union", "commission", "agency", "group", "front", "court", "lines", "air"}
)


def _people(earlier: Sequence[Citation]) -> list[Citation]:
    """The sources cited by a person's name: two to four capitalised words naming no
    body ("Tomas Ek", not "Interior Ministry"), or the surname alone of one named so
    before ("Ek")."""
    surnames: set[str] = set()
    people = []
    for citation in earlier:
        if citation.kind in {SourceKind.MEDIA, SourceKind.ANONYMOUS, SourceKind.SOCIAL_MEDIA}:
            continue
        words = citation.source.split()
        if not all(re.fullmatch(r"[A-Z][\w'’-]*", word) for word in words):
            continue
        if any(word.lower() in _BODY_WORDS for word in words):
            continue
        if 2 <= len(words) <= 4:
            surnames.add(words[-1])
            people.append(citation)
        elif len(words) == 1 and words[0] in surnames:
            people.append(citation)
    return people


def _latest_person(earlier: Sequence[Citation]) -> Citation | None:
    people = _people(earlier)
    return people[-1] if people else None


def _latest_body(earlier: Sequence[Citation]) -> Citation | None:
    """The latest source cited that is no person and no unnamed one: a ministry, a
    service, a company or a news organisation."""
    people = {id(citation) for citation in _people(earlier)}
    bodies = [
        citation
        for citation in earlier
        if citation.kind not in {SourceKind.ANONYMOUS, SourceKind.SOCIAL_MEDIA}
        and id(citation) not in people
    ]
    return bodies[-1] if bodies else None


def _author(head: Token) -> Token | None:
    """The named author of "a report from X" or "a poll by X", if any."""
    if head.lemma_.lower() not in AUTHORED:
        return None
    for child in head.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in {"by", "from", "of", "in"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and _has_name(pobj):
                    return pobj
    return None


_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_TRAILING_DATE = re.compile(
    rf"(?:\s+(?:on|in|last|this))?(?:\s+\d{{1,2}}\s+(?:{_MONTH_NAMES})"
    rf"|\s+(?:{_MONTH_NAMES})(?:\s+\d{{1,2}})?"
    r"|\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))+$"
)


def tidy_name(name: str, head: Token | None = None) -> str:
    """A source's name as a table shows it: no article or possessive, hyphens kept
    ("state-owned"), no description before a capitalised name ("agency CPA" -> "CPA"),
    no date after it, even one glued on ("Sergei Lavrovon 12 September" -> "Sergei
    Lavrov")."""
    if head is not None:
        # The parse splits "state-owned" into three tokens and the name lost the hyphen.
        subtree = "".join(token.text_with_ws for token in head.subtree)
        for hyphenated in re.findall(r"\w+(?:-\w+)+", subtree):
            joined = hyphenated.replace("-", "")
            name = re.sub(rf"\b{re.escape(joined)}\b", hyphenated, name)
    name = display_name(name)
    if head is not None and _glued_to_date(head):
        name = re.sub(r"\s\d{1,2}$", "", name)  # "Sergei Lavrovon 12" of "... 12 September"
        if name.endswith(head.text):
            name = name[:-2]
    words = name.split()
    while len(words) > 1 and words[0] in MEDIA_NOUNS and words[1][:1].isupper():
        words = words[1:]
    name = " ".join(words)
    dated = _TRAILING_DATE.search(name)
    if dated and dated.start() > 0:
        name = name[: dated.start()]
        if re.search(r"[a-z]on$", name) and dated.group(0).split()[0].lower() != "on":
            name = name[:-2]  # the "on" before the date was glued to the name
    return name.strip()


def _is_anaphor(head: Token) -> bool:
    determiners = {child.lower_ for child in head.children if child.dep_ == "det"}
    return (
        head.lower_ in ANAPHOR_KINDS
        and bool(determiners & {"the", "this", "that"})
        and not _has_name(head)
        and not any(child.dep_ in {"prep", "acl", "relcl", "amod"} for child in head.children)
        and not _names_the_body(head)
    )


def _names_the_body(head: Token) -> bool:
    """ "the port authority", "the harbour board": an official body described by what
    it runs, not a pointer back to the last official ("the police spokesman" still is)."""
    return ANAPHOR_KINDS[head.lower_] == SourceKind.OFFICIAL and any(
        child.dep_ == "compound" and child.pos_ == "NOUN" and child.lower_ not in OFFICIAL_WORDS
        for child in head.children
    )


def _refers_back(citation: Citation, kind: SourceKind) -> bool:
    if kind == SourceKind.ANONYMOUS:
        return citation.kind == SourceKind.ANONYMOUS and citation.source not in {
            UNNAMED_REPORTS,
            UNATTRIBUTED,
        }
    return citation.kind == kind


def _has_name(head: Token) -> bool:
    """A proper name in the phrase itself, not in a place after a preposition."""
    if head.pos_ == "PROPN":
        return True
    return any(
        child.pos_ == "PROPN" or (child.text.isupper() and len(child.text) > 1)
        for child in head.children
        if child.dep_ in {"compound", "appos", "nmod", "amod"}
    )


def _glued_to_date(head: Token) -> bool:
    """ "Lavrovon 12 September": a name with "on" glued to it, a date after it."""
    following = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    return (
        following is not None
        and bool(re.search(r"[a-z]{3}on$", head.text))
        and (following.like_num or following.text in _MONTH_NAMES.split("|"))
        and following.ent_type_ in {"DATE", "PERSON", ""}
    )


def _kind(head: Token, words: set[str], verb: Token | None, name: str = "") -> SourceKind:
    if words & MEDIA_NOUNS - {"statement", "report"} or words & MEDIA_NAME_WORDS:
        return SourceKind.MEDIA
    if name and known_news_organisation(name) is not None:
        return SourceKind.MEDIA
    if head.dep_ == "appos" and head.head.lemma_.lower() in MEDIA_NOUNS:
        return SourceKind.MEDIA
    if verb is not None and verb.lemma_ in MEDIA_VERBS:
        return SourceKind.MEDIA
    if words & OFFICIAL_WORDS or head.ent_type_ == "GPE":
        # A capital speaking is its government: "Damascus accused Kyiv …".
        return SourceKind.OFFICIAL
    return SourceKind.OTHER


_CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"})


def _subtree_text(head: Token, skip: frozenset[str]) -> str:
    kept: list[Token] = []

    def visit(token: Token) -> None:
        kept.append(token)
        for child in token.children:
            # Hyphens belong to names: "Al-Watan".
            if child.dep_ not in skip or child.text in {"-", "‑"}:
                visit(child)

    visit(head)
    kept.sort(key=lambda token: token.i)
    text = ""
    for before, token in zip([None, *kept], kept, strict=False):
        if before is not None and token.i > before.i + 1 and not before.whitespace_:
            # A left-out comma carried the space: "a little-known group, the Front".
            text += " "
        text += token.text_with_ws
    return text.strip()


def _wording(head: Token) -> str:
    if head.pos_ == "PROPN":
        return _subtree_text(head, _CLAUSE_DEPS)
    # "the Syrian newspaper Al-Watan": the description and the name it introduces.
    return _subtree_text(head, _CLAUSE_DEPS - {"appos"})


def _unnamed(head: Token) -> str:
    """An anonymous source in its own words, without "its"/"the": "sources in Idlib"."""
    text = _subtree_text(head, _CLAUSE_DEPS | {"poss"})
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words)
