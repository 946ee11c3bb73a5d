"""Sentences, the facts they give, and their alignment between two texts (step 5).

A paraphrased rewrite keeps another text's facts, quotes and order but changes most
words; a monotone alignment of the two texts' sentences finds it, and the aligned
sentences are the evidence a reader can check.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from coverage.analysis.embeddings import TextEncoder
from coverage.analysis.segment import split_sentences
from coverage.analysis.syndication.model import AlignedSentences
from coverage.analysis.syndication.shingles import QUOTES, normalise, words

# Paraphrased rewrites (step 5). Two sentences may be aligned from this cosine up:
# MiniLM puts a paraphrase of one sentence at 0.45-0.9.
ALIGN_SIMILARITY = 0.45
# A rewrite aligns at least this share of one text's own sentences, and of the other's,
MIN_ALIGNED_SENTENCES = 3
PARAPHRASE_COVERAGE = 0.75
PARAPHRASE_OTHER_COVERAGE = 0.5
# its aligned sentences are this close on average,
PARAPHRASE_SIMILARITY = 0.65
# and one of the two texts brings at most this share of facts the other lacks.
PARAPHRASE_NEW_FACTS = 0.22
# A text that names the other's outlet as its source retells it with less: half of
# each text's own sentences aligned, and these alike on average (a rewrite that keeps
# the facts but recasts and drops sentences, "..., the Nordvik News Agency first
# reported"); independent reports that cite the other for one fact bring facts of
# their own, which the new-facts bound keeps out.
CREDITED_COVERAGE = 0.5
CREDITED_SIMILARITY = 0.55
# Words shorter than this in an aligned sentence are not counted as alignment words.
_ALIGN_MIN_WORDS = 4


# In one sentence: a whole quotation, or the part of one that opens or closes there.
_QUOTED_PART = re.compile(r'"[^"]{1,800}"|"[^"]{20,}$|^[^"]{20,}"')


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "dozen": "12",
    "twenty": "20",
    "hundred": "100",
    "thousand": "1000",
    "half": "0.5",
    "quarter": "0.25",
}
_FACT_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d+(?:[.,]\d+)*")


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
_TENS |= {"eighty": 80, "ninety": 90}
# "twenty-three", "forty five": one figure, not a twenty and a three.
_COMPOUND_NUMBER = re.compile(
    rf"\b({'|'.join(_TENS)})[- ](one|two|three|four|five|six|seven|eight|nine)\b"
)


def numbers(text: str) -> frozenset[str]:
    """The figures a sentence gives, as written digits: "1,500" -> "1500",
    "Twenty-three" -> "23"."""
    found = {number.replace(",", "") for number in _NUMBER.findall(text)}
    lowered = text.lower()
    for tens, unit in _COMPOUND_NUMBER.findall(lowered):
        found.add(str(_TENS[tens] + int(_NUMBER_WORDS[unit])))
    lowered = _COMPOUND_NUMBER.sub(" ", lowered)
    found |= {
        _NUMBER_WORDS[word] for word in re.findall(r"[a-z]+", lowered) if word in _NUMBER_WORDS
    }
    found |= {str(_TENS[word]) for word in re.findall(r"[a-z]+", lowered) if word in _TENS}
    return frozenset(found)


def facts(text: str) -> frozenset[str]:
    """Numbers and names (capitalised words past a sentence's first) of a text.

    Names are cut to their first six letters, so "Tessaria" and "Tessarian" or
    "Brede" and "Brede's" count as one fact.
    """
    found: set[str] = set()
    for sentence in split_sentences(text):
        if sentence.furniture is not None:
            continue
        found |= numbers(sentence.text)
        tokens = _FACT_TOKEN.findall(sentence.text)
        for position, token in enumerate(tokens):
            if token[0].isdigit() or token.lower() in _NUMBER_WORDS:
                continue
            if (position > 0 and token[0].isupper()) or (token.isupper() and len(token) > 1):
                found.add(re.sub(r"['’]s$", "", token.lower())[:6])
    return frozenset(found)


def mentions(text: str) -> frozenset[str]:
    """Every word of a text as ``facts`` keys names (lower case, six letters) and its
    figures: a fact of another text is new to this one only when this one does not
    mention it at all, even at the start of a sentence or in lower case ("Interior
    Minister Aalto told ..." opens a sentence; "public radio")."""
    found = {re.sub(r"['’]s$", "", token.lower())[:6] for token in _FACT_TOKEN.findall(text)}
    return frozenset(found | numbers(text))


@dataclass(frozen=True)
class ArticleSentences:
    """An article's reporting sentences, ready to align with another article's."""

    indexes: tuple[int, ...]  # in split_sentences(text)
    texts: tuple[str, ...]
    vectors: np.ndarray
    numbers: tuple[frozenset[str], ...]
    # True for a sentence mostly in the outlet's own words, not a quotation.
    own: np.ndarray
    facts: frozenset[str]
    mentions: frozenset[str]
    # Vectors from a sentence encoder (paraphrases align), or of words (copies only).
    semantic: bool = True


def article_sentences(
    texts: Sequence[str], encoder: TextEncoder | None = None
) -> list[ArticleSentences]:
    """Every text's reporting sentences with their vectors, embedded in one batch.

    Without an encoder the vectors count the sentences' content words, which finds
    the sentences a copy keeps (for its evidence) but no paraphrase.
    """
    chosen = [
        [
            sentence
            for sentence in split_sentences(text)
            if sentence.furniture is None and len(sentence.text.split()) >= _ALIGN_MIN_WORDS
        ]
        for text in texts
    ]
    flat = [sentence.text for sentences in chosen for sentence in sentences]
    if not flat:
        vectors = np.zeros((0, 1), dtype=np.float32)
    elif encoder is not None:
        vectors = encoder.encode(flat)
    else:
        vectors = _word_vectors(flat)
    result = []
    start = 0
    for text, sentences in zip(texts, chosen, strict=True):
        end = start + len(sentences)
        result.append(
            ArticleSentences(
                indexes=tuple(sentence.index for sentence in sentences),
                texts=tuple(sentence.text for sentence in sentences),
                vectors=vectors[start:end],
                numbers=tuple(numbers(sentence.text) for sentence in sentences),
                own=np.array([_quoted_share(s.text) < 0.5 for s in sentences], dtype=bool),
                facts=facts(text),
                mentions=mentions(text),
                semantic=encoder is not None,
            )
        )
        start = end
    return result


_WORD_DIMENSIONS = 4096
_FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "by", "for", "with", "from"}
    | {"that", "this", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it"}
    | {"its", "as", "but", "not", "which", "who", "he", "she", "they", "their", "said"}
)


def _word_vectors(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors of the sentences' content-word counts, hashed to a fixed width."""
    vectors = np.zeros((len(texts), _WORD_DIMENSIONS), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in words(text):
            if word not in _FUNCTION_WORDS:
                vectors[row, zlib.crc32(word.encode()) % _WORD_DIMENSIONS] += 1.0
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


def _quoted_share(sentence: str) -> float:
    sentence = sentence.translate(QUOTES)
    quoted = sum(len(match.group(0).split()) for match in _QUOTED_PART.finditer(sentence))
    return quoted / max(1, len(sentence.split()))


@dataclass(frozen=True)
class Alignment:
    """The sentences two articles share in order, and how much of each they cover."""

    pairs: tuple[AlignedSentences, ...]
    first_coverage: float
    second_coverage: float
    similarity: float
    new_facts: float  # the smaller share of facts one text has and the other lacks
    semantic: bool = True

    @property
    def is_paraphrase(self) -> bool:
        """One text retells the other: same facts, same order, other words."""
        return (
            self.semantic
            and len(self.pairs) >= MIN_ALIGNED_SENTENCES
            and max(self.first_coverage, self.second_coverage) >= PARAPHRASE_COVERAGE
            and min(self.first_coverage, self.second_coverage) >= PARAPHRASE_OTHER_COVERAGE
            and self.similarity >= PARAPHRASE_SIMILARITY
            and self.new_facts <= PARAPHRASE_NEW_FACTS
        )

    @property
    def is_credited_retelling(self) -> bool:
        """One text retells the other with less, as a text naming the other's outlet
        as its source may (the caller checks the credit)."""
        return (
            self.semantic
            and len(self.pairs) >= MIN_ALIGNED_SENTENCES
            and min(self.first_coverage, self.second_coverage) >= CREDITED_COVERAGE
            and self.similarity >= CREDITED_SIMILARITY
            and self.new_facts <= PARAPHRASE_NEW_FACTS
        )


def align(first: ArticleSentences, second: ArticleSentences) -> Alignment:
    """The monotone alignment of two articles' sentences with the greatest total
    similarity, among pairs at least ALIGN_SIMILARITY alike whose figures agree."""
    semantic = first.semantic and second.semantic
    empty = Alignment((), 0.0, 0.0, 0.0, 1.0, semantic)
    if not len(first.texts) or not len(second.texts):
        return empty
    similarity = first.vectors @ second.vectors.T
    candidates = similarity >= ALIGN_SIMILARITY
    if candidates.any(axis=1).sum() < MIN_ALIGNED_SENTENCES:
        return empty
    # Sentences that both give figures must share one: "since 2019" is not "since 2018".
    for i in np.flatnonzero(candidates.any(axis=1)):
        if not first.numbers[i]:
            continue
        for k in np.flatnonzero(candidates[i]):
            other = second.numbers[k]
            if other and not first.numbers[i] & other:
                candidates[i, k] = False
    weights = np.where(candidates, similarity, 0.0)
    rows, columns = weights.shape
    best = np.zeros((rows + 1, columns + 1))
    for i in range(rows):
        # best[i+1][k+1] = max(best[i][k+1], best[i+1][k], best[i][k] + weight): the
        # running maximum along the row takes care of best[i+1][k].
        reach = np.maximum(best[i, 1:], best[i, :-1] + weights[i])
        best[i + 1, 1:] = np.maximum.accumulate(reach)
    matched: list[tuple[int, int]] = []
    i, k = rows, columns
    while i and k:
        if weights[i - 1, k - 1] and best[i, k] == best[i - 1, k - 1] + weights[i - 1, k - 1]:
            matched.append((i - 1, k - 1))
            i, k = i - 1, k - 1
        elif best[i, k] == best[i - 1, k]:
            i -= 1
        else:
            k -= 1
    matched.reverse()
    if not matched:
        return empty
    pairs = tuple(
        AlignedSentences(
            original=first.indexes[i],
            republished=second.indexes[k],
            similarity=round(float(similarity[i, k]), 3),
            shared=_shared_facts(first.texts[i], second.texts[k]),
        )
        for i, k in matched
    )
    own_first = max(1, int(first.own.sum()))
    own_second = max(1, int(second.own.sum()))
    return Alignment(
        pairs=pairs,
        first_coverage=sum(bool(first.own[i]) for i, _ in matched) / own_first,
        second_coverage=sum(bool(second.own[k]) for _, k in matched) / own_second,
        similarity=float(np.mean([similarity[i, k] for i, k in matched])),
        new_facts=min(
            new_share(first.facts, second.mentions), new_share(second.facts, first.mentions)
        ),
        semantic=semantic,
    )


def new_share(facts: frozenset[str], other: frozenset[str]) -> float:
    """The share of one text's facts that the other (its ``mentions``) lacks."""
    return len(facts - other) / max(1, len(facts))


def _shared_facts(first: str, second: str) -> tuple[str, ...]:
    """Figures, quotations and names two sentences both give, for the evidence."""
    shared = sorted(numbers(first) & numbers(second))
    quotes = {normalise(q) for q in re.findall(r'"([^"]{8,})"', first.translate(QUOTES))}
    shared += [
        f"“{q}”"
        for q in re.findall(r'"([^"]{8,})"', second.translate(QUOTES))
        if normalise(q) in quotes
    ]
    names_first = set(re.findall(r"(?<!^)(?<![.!?] )\b[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*", first))
    shared += sorted(
        name
        for name in set(re.findall(r"(?<!^)(?<![.!?] )\b[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*", second))
        if name in names_first
    )
    return tuple(shared)
