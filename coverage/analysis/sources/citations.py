"""The citations in one article's sentences, read from each sentence's parse.

"according to X", a speech verb's subject or "by" agent, "X told Sputnik", "X,
which referenced Y", and a participle that borrows the speaker of its clause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from coverage.analysis.names import ParsedSentence, fold_names
from coverage.analysis.sources.model import UNATTRIBUTED, Citation, SourceKind
from coverage.analysis.sources.speakers import Speaker, find_speaker
from coverage.analysis.sources.words import (
    ATTRIBUTION_VERBS,
    CITED_REASONS,
    CITING_VERBS,
    MEDIA_FINDING,
    PUBLISHED_BY,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

# Words that open a relative clause.
_RELATIVE_WORDS = frozenset({"which", "who", "whom", "whose", "where", "when", "that"})
# Verbs that give people a name, reporting the namer's words when a name follows.
_NAMING_VERBS = frozenset({"call", "brand", "dub", "label", "term"})
# Verbs of outlets that things do too: a newspaper carries a report, a pipeline gas.
_THING_VERBS = frozenset({"carry", "cover"})
# What a speaker talks to a news organisation in: "in an interview with X".
_TALKS = frozenset({"interview", "comment", "remark", "conversation", "statement"})


def find_citations(sentences: Sequence[ParsedSentence]) -> list[Citation]:
    """Every citation in one article's sentences, in reading order."""
    citations: list[Citation] = []
    for sentence in sentences:
        citations.extend(_sentence_citations(sentence, citations))
    return citations


def _sentence_citations(sentence: ParsedSentence, earlier: Sequence[Citation]) -> list[Citation]:
    found: list[tuple[int, Citation]] = []

    def add(speaker: Speaker, via: tuple[str, ...] = (), clause: str = "") -> None:
        for position, (_, known) in enumerate(found):
            if known.source == speaker.name and known.via == via:
                if known.clause and not clause:
                    # "X, which first reported it, said ...": X speaks for the sentence.
                    found[position] = (found[position][0], replace(known, clause=""))
                return
        citation = Citation(
            source=speaker.name,
            kind=speaker.kind,
            sentence_index=sentence.index,
            quote=sentence.text,
            via=via,
            wording=speaker.wording,
            clause=clause,
        )
        found.append((speaker.token_index, citation))

    def preceding_speaker(before: int) -> Speaker | None:
        named = [(index, c) for index, c in found if index < before and not c.via]
        if not named:
            return None
        index, citation = max(named, key=lambda item: item[0])
        return Speaker(citation.source, citation.kind, citation.wording, index)

    def resolve(head: Token, verb: Token | None = None) -> Speaker | None:
        return find_speaker(head, verb, [*earlier, *(c for _, c in found)])

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
        if token.lower_ in PUBLISHED_BY and not _is_attribution_verb(token):
            for agent in (child for child in token.children if child.dep_ == "agent"):
                for head in (pobj for pobj in agent.children if pobj.dep_ == "pobj"):
                    for each in (head, *_conjuncts(head)):
                        if (speaker := resolve(each, token)) is not None:
                            add(speaker)
            continue
        if token.lemma_.lower() in MEDIA_FINDING and token.pos_ == "VERB":
            # "The Ostby Courier has learned that ...": an outlet's own finding.
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            found_by = resolve(subject, token) if subject is not None else None
            if found_by is not None and found_by.kind == SourceKind.MEDIA:
                add(found_by)
            continue
        if not _is_attribution_verb(token) or _cites_only_reasons(token):
            continue
        speaker = None
        also: list[Speaker] = []
        subjects: list[Speaker] = []
        for child in token.children:
            if child.dep_ == "nsubj":
                if child.tag_ in {"WDT", "WP"} and token.dep_ == "relcl":
                    speaker = resolve(token.head, token)
                else:
                    speaker = resolve(child, token)
                    if speaker is not None:
                        subjects.append(speaker)
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
                speaker = Speaker(UNATTRIBUTED, SourceKind.ANONYMOUS, child.text, child.i)
        if (
            speaker is not None
            and speaker.kind == SourceKind.OTHER
            and speaker.name[:1].isupper()
            and any(other.kind == SourceKind.MEDIA for other in subjects)
        ):
            # "Dravenia's state broadcaster DTV reported": the parser makes the description
            # and the name two subjects; the name is the broadcaster's.
            speaker = Speaker(speaker.name, SourceKind.MEDIA, speaker.wording, speaker.token_index)
        if speaker is None and (before := _trailing_phrase(token)) is not None:
            # ", the Nordvik News Agency first reported.": the words before the verb
            # speak, though the parse hangs them on the last noun of the clause.
            speaker = resolve(before, token)
        if speaker is None and token.dep_ in {"advcl", "xcomp", "conj", "acl"}:
            speaker = preceding_speaker(token.i) or _inherited_speaker(token, resolve)
            if speaker is not None and speaker.kind == SourceKind.OTHER and speaker.name.islower():
                speaker = None  # "more pain is on the way, telling reporters": no speaker
        if speaker is None and (before := _phrase_before(token)) is not None:
            speaker = resolve(before, token)
        if speaker is None:
            continue
        if token.lemma_ in _THING_VERBS and not _is_medium(sentence.doc[speaker.token_index]):
            continue  # "the pipeline, which carries a third of the gas": no outlet
        if token.dep_ == "acl" and token.head.dep_ == "pobj" and token.head.head.lower_ == "to":
            continue  # "according to the source cited by RIA" is handled above
        medium = (
            _medium_told(token, resolve, anonymous=speaker.kind == SourceKind.ANONYMOUS)
            if token.lemma_ == "tell"
            else _medium_spoken_to(token, resolve)
        )
        if medium is not None and medium.name != speaker.name:
            # "a source in Kavar told Glasník": the sentence cites Glasník, and its source.
            add(medium)
            add(speaker, via=(medium.name,))
            continue
        add(speaker, via=_via_of(speaker, earlier), clause=_covered_clause(token))
        for other in also:
            if other.kind == SourceKind.OTHER:
                # "the agencies Glasník and VolkPress": one description for both.
                other = Speaker(other.name, speaker.kind, other.wording, other.token_index)
            add(other, via=_via_of(other, earlier))
        for citing in _citing_participles(token):
            # "Citing Harbour Radio, the agency said ...": the agency passes it on.
            for cited in _cited_objects(citing):
                source = resolve(cited)
                if source is not None and source.name.startswith(f"{citing.text} "):
                    # The misparse puts the participle into the name.
                    name = source.name[len(citing.text) + 1 :]
                    source = Speaker(name, source.kind, source.wording, source.token_index)
                if source is not None and source.name != speaker.name:
                    add(source, via=(*_via_of(speaker, earlier), speaker.name))
        if token.lemma_ in CITING_VERBS:
            for cited in _cited_objects(token):
                source = resolve(cited)
                if source is not None and source.name != speaker.name:
                    add(source, via=(*_via_of(speaker, earlier), speaker.name))
    found.sort(key=lambda item: item[0])
    return [citation for _, citation in found]


def _is_medium(head: Token) -> bool:
    """A news organisation by its own words ("the newspaper", "Kasvian state TV"), not
    only by the verb it does."""
    speaker = find_speaker(head, None, ())
    return speaker is not None and speaker.kind == SourceKind.MEDIA


def _covered_clause(verb: Token) -> str:
    """The part of the sentence a speech verb's citation covers when it is less than the
    sentence: the relative clause it sits in ("Rescuers searched the block, where
    neighbours said two people were missing"), or the conjunct it closes ("Officers were
    hurt, a spokesman said, and 31 people were arrested"); empty for the whole sentence."""
    node = verb
    while node.dep_ != "ROOT" and node.head is not node:
        if node.dep_ == "relcl":
            clause = list(node.subtree)
            if clause[0].lower_ not in _RELATIVE_WORDS:
                return ""  # ", the newspaper X reported.": a trailing attribution misparsed
            return "".join(token.text_with_ws for token in clause).strip()
        node = node.head
    if verb.dep_ in {"parataxis", "ccomp"} and verb.i > verb.head.i:
        end = max(token.i for token in verb.subtree)
        if any(child.dep_ == "conj" and child.i > end for child in verb.head.children):
            return verb.doc[: end + 1].text.strip(" ,")
    return ""


def _conjuncts(head: Token) -> list[Token]:
    """ "Glasník and VolkPress", "the agencies Glasník and VolkPress": the names
    joined to ``head`` or to the name in apposition to it."""
    named = [head, *(child for child in head.children if child.dep_ == "appos")]
    return [token for each in named for token in each.conjuncts if token.i > each.i]


def _medium_told(verb: Token, resolve, *, anonymous: bool = False) -> Speaker | None:
    """The news organisation in "… told Sputnik", "told the Nordvik newspaper
    Dagbladet Nørre", "told Sputnik's correspondent", "told state radio KSR"."""
    media: list[Speaker] = []
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
            if (
                told is not None
                and told.kind == SourceKind.MEDIA
                and told.name.split()[-1].islower()
            ):
                told = _name_after(head, verb, told)
            if told is not None and (
                told.kind == SourceKind.MEDIA
                # Anonymous sources talk to news media: "a source in Kavar told Glasník".
                or (anonymous and head.pos_ == "PROPN" and head.ent_type_ != "GPE")
                # So does anyone told an agency by its initials: "told NNA", "told KNA".
                or _initials(head)
            ):
                media.append(Speaker(told.name, SourceKind.MEDIA, told.wording, told.token_index))
    # "told the newspaper Dagbladet Nørre" parsed as two objects: the named one.
    named = [speaker for speaker in media if speaker.name[:1].isupper()]
    return (named or media or [None])[0]


def _name_after(head: Token, verb: Token, told: Speaker) -> Speaker:
    """ "told the Selmian news site Selmia Today": the parser hangs the name after the
    description on the verb; the medium is called by that name."""
    doc = head.doc
    position = max(token.i for token in head.subtree) + 1
    name: list[Token] = []
    while (
        position < len(doc)
        and doc[position].text[:1].isupper()
        and doc[position].pos_ in {"PROPN", "NOUN"}
        and (doc[position].head == verb or (name and doc[position].head == name[-1]))
    ):
        name.append(doc[position])
        position += 1
    if not name:
        return told
    return Speaker(
        " ".join(token.text for token in name), SourceKind.MEDIA, told.wording, told.token_index
    )


def _initials(head: Token) -> bool:
    """A bare name in capitals, as news agencies are called: "NNA", not "the UN"."""
    return (
        head.pos_ == "PROPN"
        and head.text.isalpha()
        and head.text.isupper()
        and 2 <= len(head.text) <= 6
        and head.ent_type_ not in {"GPE", "PERSON"}
        and not any(child.dep_ in {"det", "compound", "amod"} for child in head.children)
    )


def _medium_spoken_to(verb: Token, resolve) -> Speaker | None:
    """The news organisation a speaker talked to: "in an interview with the Ostby
    Courier, the mayor said", "said in comments to Harbour Radio", "speaking to
    Harbour Radio, the mayor said"."""
    for child in verb.children:
        heads: list[Token] = []
        if child.dep_ == "prep" and child.lower_ in {"in", "during"}:
            heads = [
                pobj
                for talk in child.children
                if talk.dep_ == "pobj" and talk.lemma_.lower() in _TALKS
                for prep in talk.children
                if prep.dep_ == "prep" and prep.lower_ in {"with", "to"}
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ]
        elif child.dep_ == "advcl" and child.lemma_.lower() in {"speak", "talk"}:
            heads = [
                pobj
                for prep in child.children
                if prep.dep_ == "prep" and prep.lower_ in {"to", "with"}
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ]
        for head in heads:
            medium = resolve(head)
            if medium is not None and medium.kind == SourceKind.MEDIA:
                return medium
    return None


def _citing_participles(verb: Token) -> list[Token]:
    """ "Citing X" or "quoting X" hung on the speech verb, which the parser may take
    for a name at the start of a sentence."""
    return [
        child
        for child in verb.children
        if child.dep_ == "advcl" and child.lower_ in {"citing", "quoting"}
    ]


def _is_attribution_verb(token: Token) -> bool:
    deps = {child.dep_ for child in token.children}
    if token.pos_ == "VERB" and token.lemma_.lower() in _NAMING_VERBS:
        # "Kolb called the protesters "thugs" who would face the law": Kolb's words. A
        # name alone ("called them thugs", "dubbed "Red Mira" by port bosses") is a label,
        # which the wording layer shows, not a claim passed on.
        return "neg" not in deps and any(
            child.dep_ == "oprd"
            and any(clause.dep_ in {"relcl", "acl"} for clause in child.children)
            for child in token.children
        )
    if token.pos_ != "VERB" or token.lemma_.lower() not in ATTRIBUTION_VERBS:
        return False
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
    return (
        bool(deps & {"ccomp", "xcomp", "dobj", "prep", "agent", "nsubjpass"})
        or token.dep_ in {"parataxis", "advcl", "relcl", "acl"}
        # "..., the Norvane Press Agency reported, citing final results."
        or _trailing_phrase(token) is not None
    )


def _is_subjunctive(verb: Token, deps: set[str]) -> bool:
    if "aux" in deps:
        return False
    if verb.tag_ == "VB":
        return True
    # A plain form after a singular subject: "that the ministry publish".
    return verb.tag_ == "VBP" and any(
        child.dep_ == "nsubj" and child.tag_ in {"NN", "NNP"} for child in verb.children
    )


def _cites_only_reasons(verb: Token) -> bool:
    """ "The bank cut its rate, citing a fall in inflation": a reason given, nobody cited,
    so the bank passes nothing on."""
    return (
        verb.lemma_ in CITING_VERBS
        and not _cited_objects(verb)
        and any(child.dep_ == "dobj" for child in verb.children)
        and not any(child.dep_ in {"ccomp", "xcomp"} for child in verb.children)
    )


def _cited_objects(verb: Token) -> list[Token]:
    """What a verb cites, leaving out a reason it gives ("citing a fall in inflation")."""
    return [
        child
        for child in verb.children
        if child.dep_ == "dobj"
        and not (child.pos_ == "NOUN" and child.lemma_.lower() in CITED_REASONS)
    ]


def _relay(head: Token, resolve) -> Speaker | None:
    """ "the source cited by RIA": the outlet that passed the source on."""
    for child in head.children:
        if child.dep_ == "acl" and child.lemma_ in ATTRIBUTION_VERBS:
            for agent in child.children:
                if agent.dep_ == "agent":
                    for pobj in agent.children:
                        if pobj.dep_ == "pobj":
                            return resolve(pobj)
    return None


def _inherited_speaker(verb: Token, resolve) -> Speaker | None:
    """The subject of the clause a subjectless participle hangs on."""
    head = verb.head
    while head is not verb and head.dep_ in {"advcl", "xcomp", "conj"}:
        if subject := next((c for c in head.children if c.dep_ == "nsubj"), None):
            return resolve(subject, head)
        head = head.head
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return resolve(subject, head) if subject is not None and head is not verb else None


def _trailing_phrase(verb: Token) -> Token | None:
    """The speaker of a subjectless speech verb that closes its sentence after a comma,
    ", the Nordvik News Agency first reported.": the name between the comma and the
    verb, adverbs ("first", "earlier") left out."""
    doc = verb.doc
    if any(child.dep_ in {"nsubj", "nsubjpass", "agent"} for child in verb.children):
        return None
    # ", the agency reported, citing final results.": whom it cites is part of the frame.
    citing = {token.i for participle in _citing_participles(verb) for token in participle.subtree}
    if any(not token.is_punct and token.i not in citing for token in doc[verb.i + 1 :]):
        return None
    end = verb.i
    while end > 0 and doc[end - 1].pos_ in {"ADV", "AUX"}:
        end -= 1
    start = end
    while start > 0 and doc[start - 1].text not in {",", ";", "\u2014", "\u2013"}:
        start -= 1
    if start == 0 or start == end or end - start > 8:
        return None
    names = [token for token in doc[start:end] if token.pos_ in {"NOUN", "PROPN"}]
    heads = [token for token in names if not start <= token.head.i < end]
    return heads[0] if len(heads) == 1 else None


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


def _via_of(speaker: Speaker, earlier: Sequence[Citation]) -> tuple[str, ...]:
    """An anaphor keeps the chain of what it points back to: "the source" stays RIA's."""
    for citation in reversed(earlier):
        if citation.source == speaker.name:
            return citation.via
    return ()


def _with_via_of(speaker: Speaker, earlier: Sequence[Citation], relay: str) -> Speaker:
    """ "According to the source cited by RIA": the source RIA referenced before, if any."""
    if speaker.kind != SourceKind.ANONYMOUS:
        return speaker
    for citation in reversed(earlier):
        if citation.kind == SourceKind.ANONYMOUS and citation.via:
            names = fold_names([relay, citation.via[-1]])
            if names[relay] == names[citation.via[-1]]:
                return Speaker(citation.source, citation.kind, speaker.wording, speaker.token_index)
    return speaker
