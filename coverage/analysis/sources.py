"""Who each outlet attributes its claims to, and through whom.

A citation is read from the dependency parse of one sentence:

- "according to X" makes X the source; "according to the source cited by RIA" makes
  the source an anonymous one reached *via* RIA;
- a speech verb ("report", "say", "note", "cover", "publish", "admit", "carry", …)
  makes its subject (each of them: "the agencies Glasník and VolkPress reported")
  or its "by" agent the source ("footage broadcast by Kasvian state TV"); "X, which
  referenced Y" and "X mentioned, referencing its sources in Idlib" make Y a source
  reached via X, as does "X cited Y as its source";
- "X told Sputnik" (a news organisation as the one told) makes Sputnik a source and
  X a source reached via Sputnik: the sentence credits the agency;
- "reports from the Syrian newspaper Al Watan", "a poll by the Business Daily": the
  report's author is the source;
- a participle without its own subject ("…, warning that …") borrows the speaker of
  the clause it hangs on, or the source already named earlier in the sentence.

Names are cleaned the way hedging.source_name does ("the Syrian newspaper Al-Watan"
-> "Al-Watan", "the agency CPA" -> "CPA"), keeping hyphens ("state-owned") and
dropping a date glued to a name ("Sergei Lavrovon 12 September" -> "Sergei
Lavrov"); a bare definite description later in the same article ("the
source", "the diplomat", "the newspaper") is resolved to the latest citation of the
same sort, so "The source also asserted …" counts for RIA's source in Syria. Across
an event, names are folded with names.fold_names ("RIA" = "RIA Novosti").

Each source is roughly classified: a media outlet or agency (by its description,
the verb, or the curated list of agencies in names.known_news_organisation), an official or
government voice, social media, an anonymous source (nobody named: "a source
within Syria", "unnamed reports"), or another party, named or described ("the
terrorists").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from coverage.analysis.hedging import MEDIA_NOUNS, SPEECH_VERBS, source_name
from coverage.analysis.names import (
    ParsedSentence,
    display_name,
    fold_names,
    known_news_organisation,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


class SourceKind(StrEnum):
    MEDIA = "media"
    OFFICIAL = "official"
    SOCIAL_MEDIA = "social"
    ANONYMOUS = "anonymous"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    SourceKind.MEDIA: "Media outlet or agency",
    SourceKind.OFFICIAL: "Official or government",
    SourceKind.SOCIAL_MEDIA: "Social media",
    SourceKind.ANONYMOUS: "Anonymous or unnamed",
    SourceKind.OTHER: "Other party",
}
# When one source is described differently in different sentences, the most telling
# description wins: "Al-Watan" is an outlet because one sentence calls it a newspaper.
_KIND_STRENGTH = [
    SourceKind.MEDIA,
    SourceKind.OFFICIAL,
    SourceKind.SOCIAL_MEDIA,
    SourceKind.OTHER,
    SourceKind.ANONYMOUS,
]


@dataclass(frozen=True)
class Citation:
    """One sentence passing something on from a source.

    ``via`` lists the intermediaries between the outlet and the source, nearest
    the outlet first: TROIB → ("RIA Novosti",) → "a source within Syria".
    ``wording`` is how the sentence names the source ("the Syrian newspaper Al-Watan").
    """

    source: str
    kind: SourceKind
    sentence_index: int
    quote: str
    via: tuple[str, ...] = ()
    wording: str = ""


@dataclass(frozen=True)
class SourceRow:
    """One source across an event: its citations by article, keyed as the caller keyed them."""

    source: str
    kind: SourceKind
    via: tuple[str, ...]
    citations: Mapping[Hashable, tuple[Citation, ...]]

    @property
    def total(self) -> int:
        return sum(len(citations) for citations in self.citations.values())


# Verbs beyond hedging.SPEECH_VERBS that pass on what a source holds to be true.
_MORE_SPEECH_VERBS = frozenset(
    {"acknowledge", "admit", "air", "blame", "broadcast", "carry", "publish", "post"}
)
ATTRIBUTION_VERBS = SPEECH_VERBS | _MORE_SPEECH_VERBS
# Verbs whose object is a source rather than the content passed on.
_CITING_VERBS = frozenset({"cite", "quote", "reference"})
# Verbs only outlets do: their speaker is a media outlet. ("Publish" is not one:
# ministries publish reports too.)
_MEDIA_VERBS = frozenset({"air", "broadcast", "carry", "cover"})
# Participles that pass on what their "by" agent published, whatever their tag:
# "footage broadcast by Kasvian state TV", "the reports, first carried by Glasník".
_PUBLISHED_BY = frozenset(
    {"aired", "broadcast", "carried", "posted", "published", "released", "reported", "shown"}
)
# Nouns for something authored: "reports from Al Watan", "a poll by the Business Daily".
_AUTHORED = frozenset(
    {"report", "poll", "survey", "study", "analysis", "article", "interview", "story"}
)

_ANONYMOUS_HEADS = frozenset(
    {
        "source",
        "report",
        "insider",
        "official",
        "person",
        "people",
        "witness",
        "resident",
        "observer",
        "claim",
        "information",
        "media",
    }
)
_SOCIAL_MEDIA_WORDS = frozenset(
    {
        "social",
        "telegram",
        "twitter",
        "tweet",
        "facebook",
        "vkontakte",
        "youtube",
        "tiktok",
        "instagram",
        "blogger",
        "blog",
        "x.com",
    }
)
_OFFICIAL_WORDS = frozenset(
    {
        "ambassador",
        "army",
        "authorities",
        "authority",
        "commander",
        "defence",
        "defense",
        "diplomat",
        "directorate",
        "embassy",
        "government",
        "governor",
        "kremlin",
        "military",
        "minister",
        "ministry",
        "official",
        "pentagon",
        "police",
        "president",
        "prime",
        "spokesman",
        "spokesperson",
        "spokeswoman",
    }
)
# Words that make up the names of newspapers, agencies and broadcasters.
_MEDIA_NAME_WORDS = frozenset(
    {
        "agency",
        "broadcaster",
        "broadcasting",
        "chronicle",
        "courier",
        "daily",
        "digest",
        "dnevnik",
        "express",
        "gazeta",
        "gazette",
        "herald",
        "journal",
        "monitor",
        "news",
        "novosti",
        "observer",
        "post",
        "press",
        "radio",
        "telegraph",
        "television",
        "times",
        "tribune",
        "tv",
        "wire",
    }
)
# Definite descriptions that point back to an earlier source: "the source", "the diplomat".
_ANAPHOR_KINDS = {
    "source": SourceKind.ANONYMOUS,
    "sources": SourceKind.ANONYMOUS,
    **dict.fromkeys(MEDIA_NOUNS - {"report", "article", "statement"}, SourceKind.MEDIA),
    **dict.fromkeys(_OFFICIAL_WORDS, SourceKind.OFFICIAL),
}
# Stems of the speech verbs and their irregular forms; "note" only as a verb, not "not".
_MAY_CITE = re.compile(
    r"\b(?:said|told|wrote|written|ran|according|by|noted|notes|noting|carri|deni|"
    + "|".join(sorted({verb.rstrip("e") for verb in ATTRIBUTION_VERBS | _CITING_VERBS} - {"not"}))
    + r")\w*",
    re.IGNORECASE,
)
UNNAMED_REPORTS = "unnamed reports"
UNATTRIBUTED = "unattributed (“it has been claimed”)"


def may_cite(text: str) -> bool:
    """Whether a sentence can hold a citation at all, before parsing it: it has a
    speech verb, "according to", or a "by" agent. Most sentences of a report do not."""
    return bool(_MAY_CITE.search(text))


def find_citations(sentences: Sequence[ParsedSentence]) -> list[Citation]:
    """Every citation in one article's sentences, in reading order."""
    citations: list[Citation] = []
    for sentence in sentences:
        citations.extend(_sentence_citations(sentence, citations))
    return citations


def tabulate_sources(
    citations_by_article: Mapping[Hashable, Sequence[Citation]],
) -> list[SourceRow]:
    """One row per source (and chain) across an event, most cited first.

    Names are folded over the whole event, so "RIA" in one sentence joins "RIA
    Novosti" in another, and one kind is settled per source.
    """
    names = [
        name
        for citations in citations_by_article.values()
        for citation in citations
        for name in (citation.source, *citation.via)
        if citation.kind != SourceKind.ANONYMOUS or name != citation.source
    ]
    canonical = fold_names(names)
    kinds: dict[str, list[SourceKind]] = defaultdict(list)
    for citations in citations_by_article.values():
        for citation in citations:
            kinds[canonical.get(citation.source, citation.source)].append(citation.kind)
    grouped: dict[tuple[str, tuple[str, ...]], dict[Hashable, list[Citation]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for article, citations in citations_by_article.items():
        for citation in citations:
            source = canonical.get(citation.source, citation.source)
            via = tuple(canonical.get(name, name) for name in citation.via)
            grouped[(source, via)][article].append(citation)
    rows = [
        SourceRow(
            source=source,
            kind=min(kinds[source], key=_KIND_STRENGTH.index),
            via=via,
            citations={article: tuple(found) for article, found in by_article.items()},
        )
        for (source, via), by_article in grouped.items()
    ]
    rows.sort(key=lambda row: (-row.total, _KIND_STRENGTH.index(row.kind), row.via, row.source))
    return rows


@dataclass(frozen=True)
class _Speaker:
    name: str
    kind: SourceKind
    wording: str
    token_index: int


def _sentence_citations(sentence: ParsedSentence, earlier: Sequence[Citation]) -> list[Citation]:
    found: list[tuple[int, Citation]] = []

    def add(speaker: _Speaker, via: tuple[str, ...] = ()) -> None:
        if any(c.source == speaker.name and c.via == via for _, c in found):
            return
        citation = Citation(
            source=speaker.name,
            kind=speaker.kind,
            sentence_index=sentence.index,
            quote=sentence.text,
            via=via,
            wording=speaker.wording,
        )
        found.append((speaker.token_index, citation))

    def preceding_speaker(before: int) -> _Speaker | None:
        named = [(index, c) for index, c in found if index < before and not c.via]
        if not named:
            return None
        index, citation = max(named, key=lambda item: item[0])
        return _Speaker(citation.source, citation.kind, citation.wording, index)

    def resolve(head: Token, verb: Token | None = None) -> _Speaker | None:
        return _speaker(head, verb, [*earlier, *(c for _, c in found)])

    for token in sentence.doc:
        if token.lower_ == "according":
            for to in token.children:
                if to.dep_ != "prep" or to.lower_ != "to":
                    continue
                for head in (child for child in to.children if child.dep_ == "pobj"):
                    speaker = resolve(head)
                    if speaker is None:
                        continue
                    relay = _relay(head, resolve)
                    if relay is None:
                        add(speaker, via=_via_of(speaker, earlier))
                    else:
                        add(relay)
                        add(_with_via_of(speaker, earlier, relay.name), via=(relay.name,))
        if token.lower_ in _PUBLISHED_BY and not _is_attribution_verb(token):
            for agent in (child for child in token.children if child.dep_ == "agent"):
                for head in (pobj for pobj in agent.children if pobj.dep_ == "pobj"):
                    for each in (head, *_conjuncts(head)):
                        if (speaker := resolve(each, token)) is not None:
                            add(speaker)
            continue
        if not _is_attribution_verb(token):
            continue
        speaker = None
        also: list[_Speaker] = []
        for child in token.children:
            if child.dep_ == "nsubj":
                if child.tag_ in {"WDT", "WP"} and token.dep_ == "relcl":
                    speaker = resolve(token.head, token)
                else:
                    speaker = resolve(child, token)
                    also = [
                        joined
                        for conjunct in _conjuncts(child)
                        if (joined := resolve(conjunct, token)) is not None
                    ]
            elif child.dep_ == "agent":
                heads = [pobj for pobj in child.children if pobj.dep_ == "pobj"]
                if heads:
                    speaker = resolve(heads[0], token)
                    also = [
                        joined
                        for conjunct in _conjuncts(heads[0])
                        if (joined := resolve(conjunct, token)) is not None
                    ]
            elif child.dep_ == "nsubjpass" and child.lower_ == "it":
                speaker = _Speaker(UNATTRIBUTED, SourceKind.ANONYMOUS, child.text, child.i)
        if speaker is None and token.dep_ in {"advcl", "xcomp", "conj", "acl"}:
            speaker = preceding_speaker(token.i) or _inherited_speaker(token, resolve)
            if speaker is not None and speaker.kind == SourceKind.OTHER and speaker.name.islower():
                speaker = None  # "more pain is on the way, telling reporters": no speaker
        if speaker is None and (before := _phrase_before(token)) is not None:
            speaker = resolve(before, token)
        if speaker is None:
            continue
        if token.dep_ == "acl" and token.head.dep_ == "pobj" and token.head.head.lower_ == "to":
            continue  # "according to the source cited by RIA" is handled above
        medium = (
            _medium_told(token, resolve, anonymous=speaker.kind == SourceKind.ANONYMOUS)
            if token.lemma_ == "tell"
            else None
        )
        if medium is not None and medium.name != speaker.name:
            # "a source in Kavar told Glasník": the sentence cites Glasník, and its source.
            add(medium)
            add(speaker, via=(medium.name,))
            continue
        add(speaker, via=_via_of(speaker, earlier))
        for other in also:
            if other.kind == SourceKind.OTHER:
                # "the agencies Glasník and VolkPress": one description for both.
                other = _Speaker(other.name, speaker.kind, other.wording, other.token_index)
            add(other, via=_via_of(other, earlier))
        if token.lemma_ in _CITING_VERBS:
            for cited in _cited_objects(token):
                source = resolve(cited)
                if source is not None and source.name != speaker.name:
                    add(source, via=(*_via_of(speaker, earlier), speaker.name))
    found.sort(key=lambda item: item[0])
    return [citation for _, citation in found]


def _conjuncts(head: Token) -> list[Token]:
    """ "Glasník and VolkPress", "the agencies Glasník and VolkPress": the names
    joined to ``head`` or to the name in apposition to it."""
    named = [head, *(child for child in head.children if child.dep_ == "appos")]
    return [token for each in named for token in each.conjuncts if token.i > each.i]


def _medium_told(verb: Token, resolve, *, anonymous: bool = False) -> _Speaker | None:
    """The news organisation in "… told Sputnik", "told the Nordvik newspaper
    Dagbladet Nørre", "told Sputnik's correspondent", "told state radio KSR"."""
    media: list[_Speaker] = []
    for child in verb.children:
        heads = []
        if child.dep_ in {"dative", "dobj"}:
            heads = [child]
        elif child.dep_ == "prep" and child.lower_ == "to":
            heads = [pobj for pobj in child.children if pobj.dep_ == "pobj"]
        for head in heads:
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            if head.lemma_.lower() in {"correspondent", "reporter", "journalist"} and owner:
                head = owner
            told = resolve(head)
            if told is not None and (
                told.kind == SourceKind.MEDIA
                # Anonymous sources talk to news media: "a source in Kavar told Glasník".
                or (anonymous and head.pos_ == "PROPN" and head.ent_type_ != "GPE")
            ):
                media.append(_Speaker(told.name, SourceKind.MEDIA, told.wording, told.token_index))
    # "told the newspaper Dagbladet Nørre" parsed as two objects: the named one.
    named = [speaker for speaker in media if speaker.name[:1].isupper()]
    return (named or media or [None])[0]


def _is_attribution_verb(token: Token) -> bool:
    if token.pos_ != "VERB" or token.lemma_.lower() not in ATTRIBUTION_VERBS:
        return False
    deps = {child.dep_ for child in token.children}
    if "neg" in deps:
        # "The Russian military has not reported attacks" cites nobody.
        return False
    if _is_subjunctive(token, deps):
        # "The mayor demanded that the ministry publish the report": wished for, not done.
        return False
    if any(
        child.dep_ == "nsubj" and any(c.dep_ == "case" for c in child.children)
        for child in token.children
    ):
        return False  # a misparsed adjective: "the Group's alleged activity"
    return bool(deps & {"ccomp", "xcomp", "dobj", "prep", "agent", "nsubjpass"}) or token.dep_ in {
        "parataxis",
        "advcl",
        "relcl",
        "acl",
    }


def _is_subjunctive(verb: Token, deps: set[str]) -> bool:
    if "aux" in deps:
        return False
    if verb.tag_ == "VB":
        return True
    # A plain form after a singular subject: "that the ministry publish".
    return verb.tag_ == "VBP" and any(
        child.dep_ == "nsubj" and child.tag_ in {"NN", "NNP"} for child in verb.children
    )


def _cited_objects(verb: Token) -> list[Token]:
    return [child for child in verb.children if child.dep_ == "dobj"]


def _relay(head: Token, resolve) -> _Speaker | None:
    """ "the source cited by RIA": the outlet that passed the source on."""
    for child in head.children:
        if child.dep_ == "acl" and child.lemma_ in ATTRIBUTION_VERBS:
            for agent in child.children:
                if agent.dep_ == "agent":
                    for pobj in agent.children:
                        if pobj.dep_ == "pobj":
                            return resolve(pobj)
    return None


def _inherited_speaker(verb: Token, resolve) -> _Speaker | None:
    """The subject of the clause a subjectless participle hangs on."""
    head = verb.head
    while head is not verb and head.dep_ in {"advcl", "xcomp", "conj"}:
        if subject := next((c for c in head.children if c.dep_ == "nsubj"), None):
            return resolve(subject, head)
        head = head.head
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return resolve(subject, head) if subject is not None and head is not verb else None


def _phrase_before(verb: Token) -> Token | None:
    """The subject of a misparsed trailing attribution, ", a source in Kavar told
    Glasník.": the head of the words between the last comma and the verb."""
    doc = verb.doc
    if verb.lemma_ not in {"tell", "say"} or any(
        child.dep_ in {"nsubjpass", "auxpass"} for child in verb.children
    ):
        return None
    # Only at the end of the sentence: "..., a source told Glasník."
    if len([token for token in doc[verb.i + 1 :] if not token.is_punct]) > 4:
        return None
    start = verb.i
    while start > 0 and doc[start - 1].text not in {",", ";", "\u2014", "\u2013"}:
        start -= 1
    if start == 0 or start == verb.i or verb.i - start > 8:
        return None
    span = doc[start : verb.i]
    root = span.root
    return root if root.pos_ in {"NOUN", "PROPN"} else None


def _speaker(head: Token, verb: Token | None, earlier: Sequence[Citation]) -> _Speaker | None:
    """Name, kind and wording of the noun phrase headed by ``head``, or None if it is nobody."""
    if head.pos_ == "PRON" or head.lower_ in {"this", "that"}:
        return None
    wording = _wording(head)
    if head.pos_ not in {"NOUN", "PROPN"} and known_news_organisation(head.text) is not None:
        return _Speaker(head.text, SourceKind.MEDIA, wording, head.i)  # "dpa", tagged a verb
    if _is_anaphor(head):
        kind = _ANAPHOR_KINDS[head.lower_]
        antecedent = next((c for c in reversed(earlier) if _refers_back(c, kind)), None)
        if antecedent is not None:
            return _Speaker(antecedent.source, antecedent.kind, wording, head.i)
    words = {token.lemma_.lower() for token in head.subtree} | {
        token.lower_ for token in head.subtree
    }
    if words & _SOCIAL_MEDIA_WORDS:
        return _Speaker(display_name(_unnamed(head)), SourceKind.SOCIAL_MEDIA, wording, head.i)
    if not _has_name(head) and (author := _author(head)) is not None:
        # "Reports from the Syrian newspaper Al Watan claim …": Al Watan claims it.
        return _speaker(author, verb, earlier)
    if not _has_name(head):
        if head.lemma_.lower() == "report" or head.lower_ == "reports":
            return _Speaker(UNNAMED_REPORTS, SourceKind.ANONYMOUS, wording, head.i)
        if head.lemma_.lower() in _ANONYMOUS_HEADS:
            return _Speaker(_unnamed(head), SourceKind.ANONYMOUS, wording, head.i)
        if head.pos_ not in {"NOUN", "PROPN"}:
            return None
    name = tidy_name(source_name(head), head)
    if not name:
        return None
    return _Speaker(name, _kind(head, words, verb, name), wording, head.i)


def _author(head: Token) -> Token | None:
    """The named author of "a report from X" or "a poll by X", if any."""
    if head.lemma_.lower() not in _AUTHORED:
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
        head.lower_ in _ANAPHOR_KINDS
        and bool(determiners & {"the", "this", "that"})
        and not _has_name(head)
        and not any(child.dep_ in {"prep", "acl", "relcl", "amod"} for child in head.children)
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
    if words & MEDIA_NOUNS - {"statement", "report"} or words & _MEDIA_NAME_WORDS:
        return SourceKind.MEDIA
    if name and known_news_organisation(name) is not None:
        return SourceKind.MEDIA
    if head.dep_ == "appos" and head.head.lemma_.lower() in MEDIA_NOUNS:
        return SourceKind.MEDIA
    if verb is not None and verb.lemma_ in _MEDIA_VERBS:
        return SourceKind.MEDIA
    if words & _OFFICIAL_WORDS or head.ent_type_ == "GPE":
        # A capital speaking is its government: "Damascus accused Kyiv …".
        return SourceKind.OFFICIAL
    return SourceKind.OTHER


def _via_of(speaker: _Speaker, earlier: Sequence[Citation]) -> tuple[str, ...]:
    """An anaphor keeps the chain of what it points back to: "the source" stays RIA's."""
    for citation in reversed(earlier):
        if citation.source == speaker.name:
            return citation.via
    return ()


def _with_via_of(speaker: _Speaker, earlier: Sequence[Citation], relay: str) -> _Speaker:
    """ "According to the source cited by RIA": the source RIA referenced before, if any."""
    if speaker.kind != SourceKind.ANONYMOUS:
        return speaker
    for citation in reversed(earlier):
        if citation.kind == SourceKind.ANONYMOUS and citation.via:
            names = fold_names([relay, citation.via[-1]])
            if names[relay] == names[citation.via[-1]]:
                return _Speaker(
                    citation.source, citation.kind, speaker.wording, speaker.token_index
                )
    return speaker


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
    return "".join(token.text_with_ws for token in kept).strip()


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
