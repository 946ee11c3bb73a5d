"""The evidence's hedging: the hedges that cover the words stating the claim, counting a bare
attribution sentence right after it.

Parses come from the open parse run (cells.parses), so nothing here is cached apart from
them: what is read from a parse depends on the run's model.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from coverage.analysis.cells.model import Window
from coverage.analysis.cells.parses import cached_hedging, parse
from coverage.analysis.hedging import QUOTE_MARKS, Hedging, hedge_reach
from coverage.analysis.quotes import introduces_the_next, is_bare_attribution, read_quoting
from coverage.analysis.segment import Sentence

# A short sentence that only says who said the one before: "That was confirmed by X."
_BARE_ATTRIBUTION_WORDS = 12
# Content words compared by their lemma's first letters.
_STEM_LETTERS = 5


def window_hedging(
    window: Window,
    sentences: Sequence[str],
    known: Sequence[Hedging | None] | None,
    claim: str | None = None,
    about: Collection[int] | None = None,
) -> Hedging:
    """The evidence's hedging, with a bare attribution sentence right after it counted.

    "... the ship was overloaded. That was confirmed by the coastguard." The second
    sentence says nothing but who said the first. With ``claim``, a hedge counts only
    where it covers the words that state it: in "The fire has burned 5,000 hectares, and
    firefighters said it was partly contained" the burned area is the outlet's own.
    ``about`` may give the sentences that are about the claim on their own (the topic
    filter's): of two, one that is not lends the other a word, not its attribution.
    """
    parts = [_hedging(i, sentences, known, claim) for i in window.indexes]
    if claim is not None and len(parts) > 1:
        # Of two sentences, one may say nothing of the claim ("... the blaze raged out of
        # control. Fire chiefs fear the flames will reach the town."), or only share a
        # word with it ("... started late on Wednesday. Twelve people were hurt in the
        # fire, according to the fire service."): its hedge is not the evidence's. A
        # quotation's sentences share the speaker, so they keep theirs.
        saying = [
            part
            for i, part in zip(window.indexes, parts, strict=True)
            if (_says_some_of(sentences[i], claim) and (about is None or i in about))
            or QUOTE_MARKS & set(sentences[i])
        ]
        parts = saying or parts
    following = window.indexes[-1] + 1
    if following < len(sentences) and (
        _is_bare_attribution(sentences[following])
        or _quotation_goes_on(sentences[window.indexes[-1]], sentences[following])
    ):
        parts.append(_hedging(following, sentences, known, None))
    hedged = [part for part in parts if part.hedged]
    if not hedged:
        return parts[0]
    return Hedging(
        hedged=True,
        cues=tuple(dict.fromkeys(cue for part in hedged for cue in part.cues)),
        # Whoever passes the claim on before the speaker of the act it is.
        attributed_to=next(
            (p.attributed_to for p in hedged if p.attributed_to not in (None, *p.actors)),
            next((p.attributed_to for p in hedged if p.attributed_to), None),
        ),
        sources=tuple(dict.fromkeys(source for part in hedged for source in part.sources)),
    )


def _hedging(
    index: int,
    sentences: Sequence[str],
    known: Sequence[Hedging | None] | None,
    claim: str | None,
) -> Hedging:
    text = sentences[index]
    own = cached_hedging(text)
    given = known[index] if known is not None and index < len(known) else None
    if given is not None and given.hedged and not own.hedged:
        # A quotation attributed where it closes: the caller read it across sentences.
        return given
    if known is None and not own.hedged:
        # Without the caller's reading, read the quotation here.
        frame = _quotation_frames(tuple(sentences)).get(index)
        if frame is not None and cached_hedging(sentences[frame]).hedged:
            return cached_hedging(sentences[frame])
    if claim is not None and own.hedged and not _covers_claim(text, claim):
        return Hedging(hedged=False)
    return own


def _says_some_of(text: str, claim: str) -> bool:
    """Whether the sentence has a word of the claim outside its attribution frames."""
    _, frames = hedge_reach(parse(text))
    wanted = _stems(parse(claim))
    return any(_stem(token) in wanted and token.i not in frames for token in parse(text))


def _covers_claim(text: str, claim: str) -> bool:
    """Whether the sentence's hedges cover where it states the claim: the word of the
    claim's main verb when the sentence uses it, else most of the words they share."""
    claim_doc = parse(claim)
    wanted = _stems(claim_doc)
    doc = parse(text)
    if len(list(doc.sents)) > 1:
        return True  # a quotation of several sentences read as one: its frame covers all
    covered, frames = hedge_reach(doc)
    stating = [token.i for token in doc if _stem(token) in wanted and token.i not in frames]
    if not stating:
        return True
    predicate = {_stem(token) for token in claim_doc if token.dep_ == "ROOT"} - {""}
    acting = [i for i in stating if _stem(doc[i]) in predicate]
    if acting:
        return any(i in covered for i in acting)
    return 2 * sum(i in covered for i in stating) >= len(stating)


def _stems(doc) -> set[str]:
    return {_stem(token) for token in doc} - {""}


def _stem(token) -> str:
    """A content word by its lemma's first letters ("burned" and "burn" meet)."""
    if token.is_stop or not (token.is_alpha or token.like_num):
        return ""
    return token.lemma_.lower()[:_STEM_LETTERS]


def _quotation_frames(sentences: tuple[str, ...]) -> dict[int, int]:
    """For each sentence of a quotation, the sentence whose attribution covers it:
    '"The fire is not under control. The wind is pushing it east," the governor said.'"""
    if not any(QUOTE_MARKS & set(text) for text in sentences):
        return {}
    read = [
        Sentence(index=i, text=text, start=0, end=len(text)) for i, text in enumerate(sentences)
    ]
    quoting, _ = read_quoting(read, {i: parse(text) for i, text in enumerate(sentences)})
    return {i: q.frame for i, q in quoting.items() if q.frame is not None and q.frame != i}


def _is_bare_attribution(sentence: str) -> bool:
    words = sentence.split()
    if len(words) > _BARE_ATTRIBUTION_WORDS:
        return False
    if not cached_hedging(sentence).hedged:
        # "That is the figure the ministry gave.": whose account the sentence before is,
        # with no hedge of its own.
        return is_bare_attribution(sentence, parse(sentence))
    if introduces_the_next(sentence):
        return False  # "The engineer told reporters:" frames what follows it
    if _reports_of_its_own(sentence):
        # "It sank off Tarn, the coastguard said.", "He said the road would reopen.": the
        # attribution covers what this sentence reports, not the one before.
        return False
    first = words[0].lower().strip("\"'“‘")
    return (
        first in {"that", "this", "he", "she", "they", "it", "so"}
        or len(words) <= 6
        # "Defence Minister Oskar Veld said this in a televised address on Wednesday."
        or is_bare_attribution(sentence, parse(sentence))
    )


def _quotation_goes_on(sentence: str, following: str) -> bool:
    """'"These are not vandals. They are our neighbours," the chief said.': a quotation
    left open that the next sentence closes with its attribution."""
    return (
        _quote_marks(sentence) % 2 == 1
        and _quote_marks(following) % 2 == 1
        and cached_hedging(following).hedged
    )


def _quote_marks(text: str) -> int:
    return sum(character in QUOTE_MARKS for character in text)


def _reports_of_its_own(sentence: str) -> bool:
    """Whether the sentence's attribution covers words of its own besides pronouns: a
    reported clause, not only "That was confirmed by X" or "He said this"."""
    doc = parse(sentence)
    covered, _ = hedge_reach(doc, placed_only=True)
    return any(token.i in covered and not token.is_punct and token.pos_ != "PRON" for token in doc)
