"""Which articles of an event republish or rewrite another article, and which do not.

Five outlets running one wire story are one source, not five confirmations. This
step finds such pairs from the texts alone:

1. Each text becomes a set of word shingles (every run of SHINGLE_SIZE words,
   after folding case, curly quotes, dashes and whitespace), hashed to 64 bits.
2. A MinHash signature per text (seeded, so the same texts always give the same
   pairs) estimates every pair's Jaccard similarity cheaply; from it and the set
   sizes follows an estimate of how much of the shorter text the longer contains.
3. Pairs whose estimate could reach the rewrite threshold are compared exactly:
   containment of the shorter text's shingles in the longer's, Jaccard, and the
   sentences both share after normalising.
4. A pair is a *copy* when at least COPY_CONTAINMENT of the shorter text is found
   in the longer, a *rewrite* when clearly shared passages remain (enough
   containment, or several identical sentences), otherwise *unrelated*.
5. With a sentence encoder (MiniLM), paraphrased rewrites are found too: texts that
   keep another's facts, quotes and order but change most words (a 4-word-shingle
   Jaccard around 0.1). Both texts' sentences are aligned in order (a monotone
   alignment of sentences at least ALIGN_SIMILARITY alike whose numbers do not
   conflict); a pair is a rewrite when the alignment covers most of both texts'
   own sentences (quotations, which independent reports share, left out), the
   aligned sentences are close on average, and one text brings almost no facts
   (numbers and names) that the other lacks. The aligned sentences are kept as
   the evidence a reader can check.

Which article of a pair is the original (``orient``), in order of strength: one
names the other's outlet ("..., a source in Kavar told Glasník", "(CPA) -",
"Source: Halvia Daily Digest"), then publication dates, then a credit line to a
source outside the event that only one carries, then which text adds facts the
other lacks, then length and the order articles were added. When both carry a
credit line to the same outside source ("This article first appeared in The Steppe
Observer"), neither copies the other: both reprint that source (``common_source``).

Apart from shared text, an article may say where it comes from ("Read Full
Article at RT.com", "LONDON (Reuters) -"); ``credits`` finds those statements.

Thresholds of steps 1-4 were tuned on FNC-1 article bodies (the tests build the
same kinds of pairs from tests/fixtures/syndication_fnc1.json). Measured on 300
bodies:

- against a lightly edited copy (dateline and sign-off added, a word changed in
  three sentences of ten, sometimes the last sentence cut): 300 of 300 found,
  297 called copies and 3 rewrites;
- against a rewrite (a third of the sentences dropped, some moved, one in five
  reworded, two sentences of other material added): 281 of 300 found (recall
  0.94), 274 called rewrites and 7 copies; the misses are short bodies cut down to
  two or three sentences;
- precision of the labels on these: copy 0.98, rewrite 0.99.

Independent reports are the other side. Ten hand-checked pairs of different
outlets' reports of one claim that quote the same people are all left unrelated
(quotes are left out for the rewrite test; see ``own_words``). Over all 11,798
pairs of FNC-1 bodies on the same claim, 399 (3.4%) are flagged; of 20 of them
read by hand, all share verbatim passages: 16 copy or rewrite one another, 4
both reproduce one statement or source text as a block quote, whose quote marks
plain text has lost. So about 0.8 precision for "copied from each other" there,
and 1.0 for "not independent".

The thresholds of step 5 were set on the development events of eval/events (see
scripts/eval_provenance.py and BENCHMARKS.md); of the ten hand-checked
independent FNC-1 pairs, one is taken for a rewrite with the encoder.

Cost: all pairs of signatures are compared with numpy, about n² × 128 integer
comparisons, which is milliseconds for the hundreds of articles an event has; the
alignment embeds each sentence once and compares sentence vectors pair by pair.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zlib
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

import numpy as np

from coverage.analysis.embeddings import TextEncoder
from coverage.analysis.names import NameMatcher, strip_accents
from coverage.analysis.segment import split_sentences

SHINGLE_SIZE = 5
PERMUTATIONS = 128
SEED = 20240917
# Share of the shorter text's shingles found in the longer one: all of its words for
# a copy, the words outside quotations for a rewrite.
COPY_CONTAINMENT = 0.8
REWRITE_CONTAINMENT = 0.3
# Identical sentences (after normalising) that make a rewrite on their own, when at
# least REWRITE_MIN_CONTAINMENT of the text is shared too: independent reports on one
# event share a quoted sentence or two, a rewrite of one story shares many.
REWRITE_SHARED_SENTENCES = 4
REWRITE_MIN_CONTAINMENT = 0.15
# Sentences shorter than this are too generic ("He declined to comment.") to count.
MIN_SENTENCE_WORDS = 6
# Below this many words outside quotes, a text is compared with its quotes.
MIN_OWN_WORDS = 40
# Estimated containment below which a pair is not compared exactly. MinHash with 128
# permutations misjudges a pair by a few points at most; this leaves a wide margin.
CANDIDATE_CONTAINMENT = 0.08

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
# Words shorter than this in an aligned sentence are not counted as alignment words.
_ALIGN_MIN_WORDS = 4

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})
_QUOTES.update(str.maketrans({"«": '"', "»": '"', "‹": "'", "›": "'", "–": "-", "—": "-"}))
# A quotation within one paragraph; a stray quote mark must not swallow the article.
_QUOTED = re.compile(r'"[^"\n]{1,800}"')
# In one sentence: a whole quotation, or the part of one that opens or closes there.
_QUOTED_PART = re.compile(r'"[^"]{1,800}"|"[^"]{20,}$|^[^"]{20,}"')
_WORD = re.compile(r"\w+(?:'\w+)?")


class Kind(StrEnum):
    COPY = "copy"
    REWRITE = "rewrite"
    UNRELATED = "unrelated"


class Basis(StrEnum):
    """Why one article of a pair is taken for the one that republishes the other."""

    PUBLISHED = "published"  # it was published later
    CREDIT = "credit"  # it names the other's outlet, or only it credits an outside source
    LENGTH = "length"  # no dates: it is the shorter, trimmed text
    ADDED = "added"  # no dates, same length: it was added to the event later
    SHARED_SOURCE = "shared_source"  # neither: both reprint one outside source


@dataclass(frozen=True)
class Document:
    """An article as this step sees it. ``source`` is its outlet; ``order`` says which
    was added first, for pairs without publication dates; ``names`` are its outlet's
    name and homepage, to recognise another article naming it ("told Glasník")."""

    key: Hashable
    text: str
    source: Hashable = None
    published_at: datetime | None = None
    order: int = 0
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fingerprint:
    shingles: np.ndarray  # sorted unique uint64 hashes
    own_shingles: np.ndarray  # the same without quotations
    sentences: frozenset[str]  # normalised, without quotations
    words: int
    credits: bool  # the text says it comes from elsewhere ("Read Full Article at RT.com")


@dataclass(frozen=True)
class AlignedSentences:
    """A sentence of the original and the sentence of the republished text that
    renders it, by their indexes in ``split_sentences`` of each text."""

    original: int
    republished: int
    similarity: float
    # Numbers, names and quotations both sentences give.
    shared: tuple[str, ...] = ()


@dataclass(frozen=True)
class Overlap:
    """Two articles that share text: ``republished`` takes from ``original``, or, when
    ``common_source`` is set, both take from that outside source."""

    original: Hashable
    republished: Hashable
    containment: float
    jaccard: float
    shared_sentences: int
    kind: Kind
    basis: Basis
    # The sentences that correspond, in reading order (with a sentence encoder).
    aligned: tuple[AlignedSentences, ...] = ()
    # Share of the shorter text's own sentences that the alignment covers.
    coverage: float = 0.0
    # Why the direction was chosen, as sentences a page can show.
    reasons: tuple[str, ...] = ()
    common_source: str = ""

    @property
    def percent(self) -> int:
        """How much of the shorter text the other repeats: by words, or for a
        paraphrase, by sentences."""
        return round(100 * max(self.containment, self.coverage))

    @property
    def siblings(self) -> bool:
        return bool(self.common_source)


@dataclass
class Groups:
    """Sets of articles (and of their outlets) that are not independent of each other.

    Only sets of two or more are listed; everything else stands alone.
    """

    articles: list[frozenset[Hashable]] = field(default_factory=list)
    sources: list[frozenset[Hashable]] = field(default_factory=list)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return " ".join(text.split())


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def own_words(text: str) -> str:
    """The text without what it quotes, unless quotes are nearly all there is.

    Outlets that report one statement independently all quote it word for word; only
    the words an outlet wrote itself show whether it rewrote another outlet.
    """
    unquoted = _QUOTED.sub(" ", text)
    return unquoted if len(unquoted.split()) >= MIN_OWN_WORDS else text


def fingerprint(text: str, *, shingle_size: int = SHINGLE_SIZE) -> Fingerprint:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    tokens = words(text)
    own_text = own_words(text)
    sentences = frozenset(
        " ".join(sentence_words)
        for sentence in split_sentences(own_text)
        if len(sentence_words := words(sentence.text)) >= MIN_SENTENCE_WORDS
    )
    return Fingerprint(
        shingles=_shingles(tokens, shingle_size),
        own_shingles=_shingles(words(own_text), shingle_size),
        sentences=sentences,
        words=len(tokens),
        credits=bool(credits(text)),
    )


def _shingles(tokens: list[str], size: int) -> np.ndarray:
    """Hashes of every run of ``size`` words; a text shorter than that is one shingle."""
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    # crc32 is stable across processes, unlike hash(); the rolling mix below turns
    # word ids into one 64-bit hash per shingle without building the strings.
    ids = np.array([zlib.crc32(token.encode()) for token in tokens], dtype=np.uint64)
    count = max(1, len(ids) - size + 1)
    mixed = np.zeros(count, dtype=np.uint64)
    for offset in range(min(size, len(ids))):
        mixed = mixed * np.uint64(0x100000001B3) + ids[offset : offset + count]
    return np.unique(mixed)


@functools.cache
def _permutations(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    # Odd multipliers: multiply-add modulo 2**64 is then a bijection on 64-bit values.
    multipliers = rng.integers(1, 2**63, size=count, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    offsets = rng.integers(0, 2**63, size=count, dtype=np.uint64)
    return multipliers, offsets


def minhash(
    shingles: np.ndarray, *, permutations: int = PERMUTATIONS, seed: int = SEED
) -> np.ndarray:
    """The MinHash signature: for each seeded permutation, the smallest permuted hash.

    Two signatures agree in a given position with probability equal to the sets'
    Jaccard similarity. An empty set gets the all-ones signature, equal to no other.
    """
    multipliers, offsets = _permutations(permutations, seed)
    if not len(shingles):
        return np.full(permutations, np.iinfo(np.uint64).max, dtype=np.uint64)
    permuted = shingles[None, :] * multipliers[:, None] + offsets[:, None]
    # The top bits of a multiply-add are the well-mixed ones.
    return (permuted >> np.uint64(16)).min(axis=1)


def estimated_jaccard(first: np.ndarray, second: np.ndarray) -> float:
    return float(np.mean(first == second))


def containment(first: np.ndarray, second: np.ndarray) -> float:
    """Share of the smaller shingle set found in the larger."""
    smaller = min(len(first), len(second))
    if not smaller:
        return 0.0
    return len(np.intersect1d(first, second, assume_unique=True)) / smaller


def jaccard(first: np.ndarray, second: np.ndarray) -> float:
    shared = len(np.intersect1d(first, second, assume_unique=True))
    union = len(first) + len(second) - shared
    return shared / union if union else 0.0


def classify(containment: float, own_containment: float, shared_sentences: int) -> Kind:
    """Copy on all the text (a copy copies its quotes too); rewrite on the words the
    outlets wrote themselves, so two reports of one speech are not taken for a rewrite."""
    if containment >= COPY_CONTAINMENT:
        return Kind.COPY
    if own_containment >= REWRITE_CONTAINMENT or (
        shared_sentences >= REWRITE_SHARED_SENTENCES and own_containment >= REWRITE_MIN_CONTAINMENT
    ):
        return Kind.REWRITE
    return Kind.UNRELATED


# --- Sentences, facts and their alignment ------------------------------------------

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


def numbers(text: str) -> frozenset[str]:
    """The figures a sentence gives, as written digits: "1,500" -> "1500"."""
    found = {number.replace(",", "") for number in _NUMBER.findall(text)}
    found |= {
        _NUMBER_WORDS[word] for word in re.findall(r"[a-z]+", text.lower()) if word in _NUMBER_WORDS
    }
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
    sentence = sentence.translate(_QUOTES)
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
        new_facts=min(_new_share(first.facts, second.facts), _new_share(second.facts, first.facts)),
        semantic=semantic,
    )


def _new_share(facts: frozenset[str], other: frozenset[str]) -> float:
    return len(facts - other) / max(1, len(facts))


def _shared_facts(first: str, second: str) -> tuple[str, ...]:
    """Figures, quotations and names two sentences both give, for the evidence."""
    shared = sorted(numbers(first) & numbers(second))
    quotes = {normalise(q) for q in re.findall(r'"([^"]{8,})"', first.translate(_QUOTES))}
    shared += [
        f"“{q}”"
        for q in re.findall(r'"([^"]{8,})"', second.translate(_QUOTES))
        if normalise(q) in quotes
    ]
    names_first = set(re.findall(r"(?<!^)(?<![.!?] )\b[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*", first))
    shared += sorted(
        name
        for name in set(re.findall(r"(?<!^)(?<![.!?] )\b[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*", second))
        if name in names_first
    )
    return tuple(shared)


# --- Pairs -----------------------------------------------------------------------


def compare(first: Document, second: Document, *, encoder: TextEncoder | None = None) -> Overlap:
    """Compare two articles exactly; the pair's direction as in ``orient``."""
    aligned = align(*article_sentences([first.text, second.text], encoder))
    return _compare(first, fingerprint(first.text), second, fingerprint(second.text), aligned)


def _shares_text(first: Fingerprint, second: Fingerprint) -> bool:
    """Whether word overlap alone makes two texts a copy or a rewrite."""
    return (
        classify(
            containment(first.shingles, second.shingles),
            containment(first.own_shingles, second.own_shingles),
            len(first.sentences & second.sentences),
        )
        != Kind.UNRELATED
    )


def _compare(
    first: Document,
    first_print: Fingerprint,
    second: Document,
    second_print: Fingerprint,
    alignment: Alignment | None = None,
) -> Overlap:
    share = containment(first_print.shingles, second_print.shingles)
    own_share = containment(first_print.own_shingles, second_print.own_shingles)
    shared_sentences = len(first_print.sentences & second_print.sentences)
    kind = classify(share, own_share, shared_sentences)
    if kind == Kind.UNRELATED and alignment is not None and alignment.is_paraphrase:
        kind = Kind.REWRITE
    orientation = orient(first, first_print, second, second_print)
    pairs: tuple[AlignedSentences, ...] = ()
    coverage = 0.0
    if alignment is not None:
        coverage = max(alignment.first_coverage, alignment.second_coverage)
        pairs = alignment.pairs
        if orientation.original is second:
            pairs = tuple(
                AlignedSentences(p.republished, p.original, p.similarity, p.shared) for p in pairs
            )
    return Overlap(
        original=orientation.original.key,
        republished=orientation.republished.key,
        containment=share,
        jaccard=jaccard(first_print.shingles, second_print.shingles),
        shared_sentences=shared_sentences,
        kind=kind,
        basis=orientation.basis,
        aligned=pairs,
        coverage=coverage,
        reasons=orientation.reasons,
        common_source=orientation.common_source,
    )


@dataclass(frozen=True)
class Orientation:
    original: Document
    republished: Document
    basis: Basis
    reasons: tuple[str, ...]
    common_source: str = ""


def orient(
    first: Document,
    first_print: Fingerprint,
    second: Document,
    second_print: Fingerprint,
) -> Orientation:
    """Which of two articles that share text takes it from the other, and why.

    In order: an article naming the other's outlet ("told Glasník", "(CPA) -",
    "Source: Halvia Daily Digest") takes from it; both crediting one outside source
    in a credit line reprint that source; the later article takes from the earlier;
    the only one with a credit line to an outside source republishes; the shorter;
    the one added later.
    """
    first_names, second_names = _names_other(first, second), _names_other(second, first)
    if first_names and not second_names:
        return Orientation(
            second, first, Basis.CREDIT, (f"It names {_outlet(second)}: “{first_names}”.",)
        )
    if second_names and not first_names:
        return Orientation(
            first, second, Basis.CREDIT, (f"It names {_outlet(first)}: “{second_names}”.",)
        )
    first_credits = {credit.key: credit for credit in credits(first.text)}
    second_credits = {credit.key: credit for credit in credits(second.text)}
    outside = [
        key
        for key in first_credits.keys() & second_credits.keys()
        if not _names_outlet(first, first_credits[key].source)
        and not _names_outlet(second, second_credits[key].source)
    ]
    if outside:
        credit = first_credits[outside[0]]
        earlier, later = sorted((first, second), key=_publication_order)
        return Orientation(
            earlier,
            later,
            Basis.SHARED_SOURCE,
            (
                f"Both say they reprint {credit.source}: “{first_credits[outside[0]].quote}” and "
                f"“{second_credits[outside[0]].quote}”.",
            ),
            common_source=credit.source,
        )
    if first.published_at and second.published_at and first.published_at != second.published_at:
        earlier, later = sorted((first, second), key=lambda document: document.published_at)
        hours = (later.published_at - earlier.published_at).total_seconds() / 3600
        return Orientation(
            earlier, later, Basis.PUBLISHED, (f"It was published {_duration(hours)} later.",)
        )
    first_lines, second_lines = _republication_credits(first), _republication_credits(second)
    if bool(first_lines) != bool(second_lines):
        crediting, other = (first, second) if first_lines else (second, first)
        quote = (first_lines or second_lines)[0].quote
        return Orientation(other, crediting, Basis.CREDIT, (f"It credits a source: “{quote}”.",))
    if first_print.words != second_print.words:
        longer, shorter = (
            (first, second) if first_print.words > second_print.words else (second, first)
        )
        return Orientation(longer, shorter, Basis.LENGTH, ("It is the shorter text.",))
    earlier, later = (first, second) if first.order <= second.order else (second, first)
    return Orientation(earlier, later, Basis.ADDED, ("It was added to the event later.",))


def direction(
    first: Document, first_print: Fingerprint, second: Document, second_print: Fingerprint
) -> tuple[Document, Document, Basis]:
    """(original, republished, basis), as ``orient`` decides."""
    found = orient(first, first_print, second, second_print)
    return found.original, found.republished, found.basis


def _names_other(document: Document, other: Document) -> str:
    """The words of ``document`` that name ``other``'s outlet, or ""."""
    if not other.names or set(other.names) & set(document.names):
        return ""
    return _matcher(other.names).find(document.text, "outlet")


@functools.lru_cache(maxsize=256)
def _matcher(names: tuple[str, ...]) -> NameMatcher:
    return NameMatcher({"outlet": names})


def _republication_credits(document: Document) -> list[Credit]:
    """Credit lines saying the text comes from elsewhere: not datelines, which the
    agency's own copy carries too, and not the outlet crediting itself."""
    return [
        credit
        for credit in credits(document.text)
        if not credit.dateline and not _names_outlet(document, credit.source)
    ]


def _names_outlet(document: Document, name: str) -> bool:
    return bool(document.names) and _matcher(document.names).match(name) == "outlet"


def _outlet(document: Document) -> str:
    return document.names[0] if document.names else "the other outlet"


def _publication_order(document: Document) -> tuple[bool, float, int]:
    published = document.published_at.timestamp() if document.published_at else 0.0
    return (document.published_at is None, published, document.order)


def _duration(hours: float) -> str:
    if hours < 1:
        return f"{round(hours * 60)} minutes"
    if hours < 48:
        return f"{hours:.0f} hour{'s' if round(hours) != 1 else ''}"
    return f"{hours / 24:.0f} days"


def find_overlaps(
    documents: Sequence[Document], *, encoder: TextEncoder | None = None
) -> list[Overlap]:
    """Copy and rewrite pairs among the documents, strongest first.

    With ``encoder`` (MiniLM sentence vectors) paraphrased rewrites are found too,
    and every pair carries its aligned sentences as evidence.
    """
    if len(documents) < 2:
        return []
    prints = [fingerprint(document.text) for document in documents]
    signatures = np.stack([minhash(p.shingles) for p in prints])
    sizes = np.array([len(p.shingles) for p in prints], dtype=float)
    candidates: set[tuple[int, int]] = set()
    for index in range(len(documents) - 1):
        similar = (signatures[index + 1 :] == signatures[index]).mean(axis=1)
        others = sizes[index + 1 :]
        # |A∩B| = J/(1+J)·(|A|+|B|), and containment divides it by the smaller set.
        shared = similar / (1 + similar) * (sizes[index] + others)
        smaller = np.maximum(np.minimum(sizes[index], others), 1)
        for offset in np.flatnonzero(shared / smaller >= CANDIDATE_CONTAINMENT):
            candidates.add((index, index + 1 + int(offset)))
    # Every pair that shares text gets its sentences aligned by their words, for the
    # evidence; a paraphrase brings almost no facts of its own, so only pairs whose
    # facts nearly coincide need sentence vectors to find one.
    paraphrases: set[tuple[int, int]] = set()
    if encoder is not None:
        known = [facts(document.text) for document in documents]
        for index in range(len(documents) - 1):
            for other in range(index + 1, len(documents)):
                new_facts = min(
                    _new_share(known[index], known[other]), _new_share(known[other], known[index])
                )
                if new_facts <= PARAPHRASE_NEW_FACTS:
                    paraphrases.add((index, other))
    lexical = sorted({index for pair in candidates - paraphrases for index in pair})
    semantic = sorted({index for pair in paraphrases for index in pair})
    views = {
        "words": dict(
            zip(lexical, article_sentences([documents[i].text for i in lexical]), strict=True)
        ),
        "meaning": dict(
            zip(
                semantic,
                article_sentences([documents[i].text for i in semantic], encoder)
                if semantic
                else [],
                strict=True,
            )
        ),
    }
    overlaps = []
    for index, other in sorted(candidates | paraphrases):
        if (index, other) not in paraphrases and not _shares_text(prints[index], prints[other]):
            continue
        found = views["meaning"] if (index, other) in paraphrases else views["words"]
        alignment = align(found[index], found[other])
        overlap = _compare(
            documents[index], prints[index], documents[other], prints[other], alignment
        )
        if overlap.kind != Kind.UNRELATED:
            overlaps.append(overlap)
    return sorted(overlaps, key=lambda overlap: (-overlap.percent, str(overlap.republished)))


def likeliest_sources(overlaps: Sequence[Overlap]) -> list[Overlap]:
    """For each republished article, only the pair with the article it most likely
    took its text from.

    Two copies of one wire story also overlap with each other; listing "B republishes
    C" beside "B republishes A" and "C republishes A" would invent a chain. The
    likeliest source shares the most text; at (nearly) equal overlap, an article that
    is not itself a republication.
    """
    republished = {overlap.republished for overlap in overlaps}
    best: dict[Hashable, Overlap] = {}

    def rank(overlap: Overlap) -> tuple[float, bool]:
        share = max(overlap.containment, overlap.coverage)
        return (round(share, 2), overlap.original not in republished)

    for overlap in overlaps:
        current = best.get(overlap.republished)
        if current is None or rank(overlap) > rank(current):
            best[overlap.republished] = overlap
    return [overlap for overlap in overlaps if best[overlap.republished] is overlap]


@dataclass(frozen=True)
class TextGroup:
    """Articles that derive from one text, with how each got it.

    ``root`` is the article the others derive from, or None when the text comes
    from outside the event (``outside_source``: "The Steppe Observer"), and
    ``parent`` gives each other article the one it took its text from (None for an
    article that reprints the outside source directly). ``overlaps`` are the
    pairs that make the group, with their evidence.
    """

    articles: frozenset[Hashable]
    root: Hashable | None
    parent: dict[Hashable, Hashable | None]
    outside_source: str = ""
    overlaps: tuple[Overlap, ...] = ()


def text_groups(overlaps: Sequence[Overlap]) -> list[TextGroup]:
    """The articles that derive from one text, largest group first.

    Each republished article hangs on its likeliest source (``likeliest_sources``);
    articles that reprint one outside source hang on that source.
    """
    chosen = likeliest_sources([o for o in overlaps if o.kind != Kind.UNRELATED])
    parent: dict[Hashable, Hashable | None] = {}
    outside: dict[Hashable, str] = {}
    joined = _UnionFind()
    for overlap in chosen:
        joined.union(overlap.original, overlap.republished)
        if overlap.siblings:
            outside[overlap.original] = outside[overlap.republished] = overlap.common_source
            parent.setdefault(overlap.original, None)
            parent[overlap.republished] = None
        else:
            parent[overlap.republished] = overlap.original
            parent.setdefault(overlap.original, None)
    groups = []
    for members in joined.groups():
        roots = [article for article in members if parent.get(article) is None]
        sources = sorted({outside[article] for article in members if article in outside})
        groups.append(
            TextGroup(
                articles=members,
                root=roots[0] if len(roots) == 1 and not sources else None,
                parent={article: parent.get(article) for article in members},
                outside_source=sources[0] if sources else "",
                overlaps=tuple(o for o in chosen if o.republished in members),
            )
        )
    return groups


def independent_groups(
    documents: Iterable[Document],
    overlaps: Iterable[Overlap],
    shared_sources: Iterable[tuple[Hashable, Hashable]] = (),
) -> Groups:
    """Union-find over copy and rewrite pairs: articles joined by any chain of copying
    are one group, and so are their outlets.

    ``shared_sources`` adds (outlet, source key) pairs from credits: outlets that
    credit one source, or credit each other, are one group of outlets too.
    """
    sources = {document.key: document.source for document in documents}
    articles = _UnionFind()
    outlets = _UnionFind()
    for overlap in overlaps:
        if overlap.kind == Kind.UNRELATED:
            continue
        articles.union(overlap.original, overlap.republished)
        first, second = sources.get(overlap.original), sources.get(overlap.republished)
        if first is not None and second is not None and first != second:
            outlets.union(first, second)
    credited = set()
    for outlet, source in shared_sources:
        outlets.union(outlet, _Credited(source))
        credited.add(_Credited(source))
    return Groups(articles=articles.groups(), sources=outlets.groups(leave_out=credited))


@dataclass(frozen=True)
class _Credited:
    """A credited source as a node of the outlets' union-find, never listed itself."""

    key: Hashable


@dataclass(frozen=True)
class Credit:
    """An article's own statement that its text comes from elsewhere."""

    source: str  # as the article names it: "RT.com", "Reuters"
    quote: str  # the words that say so
    # An agency dateline ("LONDON (Reuters) -"): the agency's own copy carries it too.
    dateline: bool = False

    @property
    def key(self) -> str:
        return source_key(self.source)


def credits(text: str) -> list[Credit]:
    """Where the article says its text comes from (see ``_credits``)."""
    return list(_credits(text))


@functools.lru_cache(maxsize=1024)
def _credits(text: str) -> tuple[Credit, ...]:
    """Where the article says its text comes from: "Read Full Article at RT.com",
    "This story was first published by …", "Source: Korlat Times", "Reprinted from
    the Helvane Courier", "— Estrava Wire Service", "with AFP", and agency datelines
    ("LONDON (Reuters) -", "DRESSEL (CPA) -", "STAVRIN, 12 September. /VolkPress/.").
    One per source, in the order found."""
    found: dict[str, Credit] = {}
    text = unicodedata.normalize("NFKC", text)
    for pattern in [*_CREDIT_PATTERNS, _INNER_DATELINE]:
        for match in pattern.finditer(text):
            if pattern is _INNER_DATELINE and not _REPORTING_LINE.search(text, 0, match.start()):
                continue
            for group in ("source", "also"):
                if group not in pattern.groupindex or not match.group(group):
                    continue
                source = match.group(group).strip(" .,;:")
                if source.lower().startswith("the ") and source[4:5].islower():
                    continue
                credit = Credit(
                    source=source,
                    quote=match.group(0).strip(" -–—"),
                    dateline=pattern in _DATELINE_PATTERNS or pattern is _INNER_DATELINE,
                )
                if credit.key:
                    found.setdefault(credit.key, credit)
    return tuple(found.values())


def source_key(name: str) -> str:
    """ "RT.com", "www.rt.com" and "RT" -> "rt": how credits match outlet names and
    homepages; accents do not count ("Sjoposten" is "Sjøposten")."""
    name = strip_accents(name).lower().strip()
    name = re.sub(r"^(?:https?://)?(?:www\.)?(?:the )?", "", name).split("/")[0]
    name = re.sub(r"\.(?:com|org|net|co\.uk|co|info|news|ru|ua|uk|example)$", "", name)
    return re.sub(r"\W+", "", name)


# A source name as an article writes it: capitalised words or a domain, perhaps after
# a lower-case "the" ("Reprinted from the Helvane Courier").
_NAME = r"[A-Z0-9][\w&'’-]*(?:[ .][A-Z0-9][\w&'’-]*){0,4}(?:\.[a-z]{2,6})?"
_SOURCE = rf"(?:the )?(?P<source>{_NAME})"
_ALSO = rf"(?:[^\S\n]*[/,&][^\S\n]*|[^\S\n]+and[^\S\n]+)(?:the )?(?P<also>{_NAME})"
# An upper-case place, perhaps with a date, before an agency's name in a dateline.
_DATELINE_PLACE = r"[A-Z][A-Z'’. -]{2,40}(?:,[^\n()/]{0,40})?"
# An agency dateline: "LONDON (Reuters) -" at the start, "DRESSEL (CPA) -" at the start
# of a line, "STAVRIN, 12 September. /VolkPress/.".
_DATELINE_PATTERNS = [
    re.compile(r"\A[^\S\n]*[A-Z][^\n()]{0,60}\(" + _SOURCE + r"\)[^\S\n]*[-–—]"),
    re.compile(r"(?m)^[^\S\n]*" + _DATELINE_PLACE + r"\.?[^\S\n]*/" + _SOURCE + r"/"),
]
# A dateline further down, under an introduction the republisher wrote: "Families are
# waiting for news. ...\n\nDRESSEL (CPA) - A magnitude 5.8 earthquake ...".
_INNER_DATELINE = re.compile(
    r"(?m)^[^\S\n]*" + _DATELINE_PLACE + r"\(" + _SOURCE + r"\)[^\S\n]*[-–—]"
)
# A line of reporting: words ending a sentence, not a byline or a share button.
_REPORTING_LINE = re.compile(r"(?m)^.*\w.*\w[.!?][\"'”’]?[^\S\n]*$")
_CREDIT_PATTERNS = [
    re.compile(
        r"(?i:\bread (?:the )?(?:full|original|complete|whole|entire) "
        r"(?:article|story|report|text) (?:at|on|in) )" + _SOURCE
    ),
    re.compile(
        r"(?i:\b(?:this|the) (?:article|story|report|piece) (?:was |is )?(?:originally |first )?"
        r"(?:published|appeared|ran) (?:by|on|in|at) )" + _SOURCE
    ),
    re.compile(
        r"(?i:\b(?:this|the) (?:article|story|report|piece) (?:by|from) (?:our )?(?:partner )?"
        r"(?:newspaper |agency |site |website )?)" + _SOURCE
    ),
    re.compile(
        r"(?i:\b(?:republished|reproduced|reprinted|syndicated) (?:here )?(?:with permission )?"
        r"(?:from|courtesy of|by) )" + _SOURCE
    ),
    re.compile(r"(?i:\binformation from )" + _SOURCE + r"(?i: (?:was|were|has been) used)"),
    # A credit line of its own: "Source: Halvia Daily Digest / NNA", "© Sjøposten."
    re.compile(
        r"(?m)^[^\S\n]*(?i:source|sources|via)[^\S\n]*:[^\S\n]*" + _SOURCE + f"(?:{_ALSO})?"
    ),
    re.compile(r"©[^\S\n]*(?:\d{4}[^\S\n]+)?" + _SOURCE),
    # A sign-off: "— Estrava Wire Service", "— Keldan Observer foreign desk, with AFP".
    re.compile(r"(?m)^[^\S\n]*[—–-]{1,2}[^\S\n]*" + _SOURCE + r"[^\S\n]*$"),
    re.compile(
        r"(?i:\bwith (?:additional )?(?:reporting )?(?:from |via )?)"
        + rf"(?P<source>{_NAME})[^\S\n]*\.?[^\S\n]*$",
        re.M,
    ),
    *_DATELINE_PATTERNS,
]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, item: Hashable) -> Hashable:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, first: Hashable, second: Hashable) -> None:
        self.parent[self.find(first)] = self.find(second)

    def groups(self, leave_out: set[Hashable] = frozenset()) -> list[frozenset[Hashable]]:
        members: dict[Hashable, set[Hashable]] = {}
        for item in self.parent:
            if item not in leave_out:
                members.setdefault(self.find(item), set()).add(item)
        return sorted(
            (frozenset(group) for group in members.values() if len(group) > 1),
            key=lambda group: (-len(group), sorted(map(str, group))),
        )
