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

Apart from shared text, an article may say where it comes from ("Read Full
Article at RT.com", "LONDON (Reuters) -"); ``credits`` finds those statements.

Thresholds were tuned on FNC-1 article bodies (the tests build the same kinds of
pairs from tests/fixtures/syndication_fnc1.json). Measured on 300 bodies:

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

Cost: all pairs of signatures are compared with numpy, about n² × 128 integer
comparisons, which is milliseconds for the hundreds of articles an event has.
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

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})
_QUOTES.update(str.maketrans({"«": '"', "»": '"', "‹": "'", "›": "'", "–": "-", "—": "-"}))
# A quotation within one paragraph; a stray quote mark must not swallow the article.
_QUOTED = re.compile(r'"[^"\n]{1,800}"')
_WORD = re.compile(r"\w+(?:'\w+)?")


class Kind(StrEnum):
    COPY = "copy"
    REWRITE = "rewrite"
    UNRELATED = "unrelated"


class Basis(StrEnum):
    """Why one article of a pair is taken for the one that republishes the other."""

    PUBLISHED = "published"  # it was published later
    CREDIT = "credit"  # no dates: it says it republishes someone, the other does not
    LENGTH = "length"  # no dates: it is the shorter, trimmed text
    ADDED = "added"  # no dates, same length: it was added to the event later


@dataclass(frozen=True)
class Document:
    """An article as this step sees it. ``source`` is its outlet; ``order`` says which
    was added first, for pairs without publication dates."""

    key: Hashable
    text: str
    source: Hashable = None
    published_at: datetime | None = None
    order: int = 0


@dataclass(frozen=True)
class Fingerprint:
    shingles: np.ndarray  # sorted unique uint64 hashes
    own_shingles: np.ndarray  # the same without quotations
    sentences: frozenset[str]  # normalised, without quotations
    words: int
    credits: bool  # the text says it comes from elsewhere ("Read Full Article at RT.com")


@dataclass(frozen=True)
class Overlap:
    """Two articles that share text: ``republished`` takes from ``original``."""

    original: Hashable
    republished: Hashable
    containment: float
    jaccard: float
    shared_sentences: int
    kind: Kind
    basis: Basis

    @property
    def percent(self) -> int:
        return round(100 * self.containment)


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


def compare(first: Document, second: Document) -> Overlap:
    """Compare two articles exactly; the pair's direction as in ``direction``."""
    return _compare(first, fingerprint(first.text), second, fingerprint(second.text))


def _compare(
    first: Document, first_print: Fingerprint, second: Document, second_print: Fingerprint
) -> Overlap:
    share = containment(first_print.shingles, second_print.shingles)
    own_share = containment(first_print.own_shingles, second_print.own_shingles)
    shared_sentences = len(first_print.sentences & second_print.sentences)
    original, republished, basis = direction(first, first_print, second, second_print)
    return Overlap(
        original=original.key,
        republished=republished.key,
        containment=share,
        jaccard=jaccard(first_print.shingles, second_print.shingles),
        shared_sentences=shared_sentences,
        kind=classify(share, own_share, shared_sentences),
        basis=basis,
    )


def direction(
    first: Document, first_print: Fingerprint, second: Document, second_print: Fingerprint
) -> tuple[Document, Document, Basis]:
    """(original, republished, basis): the later article takes from the earlier one.

    Without both dates: the one that credits another source, if only one does; else
    the shorter text (copies are trimmed more often than padded); at equal length the
    one added later.
    """
    if first.published_at and second.published_at and first.published_at != second.published_at:
        ordered = sorted((first, second), key=lambda document: document.published_at)
        return ordered[0], ordered[1], Basis.PUBLISHED
    if first_print.credits != second_print.credits:
        crediting, other = (first, second) if first_print.credits else (second, first)
        return other, crediting, Basis.CREDIT
    if first_print.words != second_print.words:
        longer, shorter = (
            (first, second) if first_print.words > second_print.words else (second, first)
        )
        return longer, shorter, Basis.LENGTH
    earlier, later = (first, second) if first.order <= second.order else (second, first)
    return earlier, later, Basis.ADDED


def find_overlaps(documents: Sequence[Document]) -> list[Overlap]:
    """Copy and rewrite pairs among the documents, strongest first."""
    if len(documents) < 2:
        return []
    prints = [fingerprint(document.text) for document in documents]
    signatures = np.stack([minhash(p.shingles) for p in prints])
    sizes = np.array([len(p.shingles) for p in prints], dtype=float)
    overlaps = []
    for index in range(len(documents) - 1):
        similar = (signatures[index + 1 :] == signatures[index]).mean(axis=1)
        others = sizes[index + 1 :]
        # |A∩B| = J/(1+J)·(|A|+|B|), and containment divides it by the smaller set.
        shared = similar / (1 + similar) * (sizes[index] + others)
        smaller = np.maximum(np.minimum(sizes[index], others), 1)
        for offset in np.flatnonzero(shared / smaller >= CANDIDATE_CONTAINMENT):
            other = index + 1 + int(offset)
            overlap = _compare(documents[index], prints[index], documents[other], prints[other])
            if overlap.kind != Kind.UNRELATED:
                overlaps.append(overlap)
    return sorted(overlaps, key=lambda overlap: (-overlap.containment, str(overlap.republished)))


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
    for overlap in overlaps:
        rank = (round(overlap.containment, 2), overlap.original not in republished)
        current = best.get(overlap.republished)
        if current is None or rank > (
            round(current.containment, 2),
            current.original not in republished,
        ):
            best[overlap.republished] = overlap
    return [overlap for overlap in overlaps if best[overlap.republished] is overlap]


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

    @property
    def key(self) -> str:
        return source_key(self.source)


def credits(text: str) -> list[Credit]:
    """Where the article says its text comes from: "Read Full Article at RT.com",
    "This story was first published by …", "(Reuters) –" datelines. One per source."""
    found: dict[str, Credit] = {}
    text = unicodedata.normalize("NFKC", text)
    for pattern in _CREDIT_PATTERNS:
        for match in pattern.finditer(text):
            source = match.group("source").strip(" .,;:")
            credit = Credit(source=source, quote=match.group(0).strip(" -–—"))
            found.setdefault(credit.key, credit)
    return list(found.values())


def source_key(name: str) -> str:
    """ "RT.com", "www.rt.com" and "RT" -> "rt": how credits match outlet names and
    homepages."""
    name = name.lower().strip()
    name = re.sub(r"^(?:https?://)?(?:www\.)?(?:the )?", "", name).split("/")[0]
    name = re.sub(r"\.(?:com|org|net|co\.uk|co|info|news|ru|ua|uk|example)$", "", name)
    return re.sub(r"\W+", "", name)


# A source name as an article writes it: capitalised words or a domain.
_SOURCE = r"(?P<source>[A-Z0-9][\w&'’-]*(?:[ .][A-Z0-9][\w&'’-]*){0,4}(?:\.[a-z]{2,6})?)"
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
        r"(?i:\b(?:republished|reproduced|reprinted|syndicated) (?:with permission )?"
        r"(?:from|courtesy of|by) )" + _SOURCE
    ),
    # An agency dateline at the start: "LONDON (Reuters) -".
    re.compile(r"\A[^\S\n]*[A-Z][^\n()]{0,60}\(" + _SOURCE + r"\)[^\S\n]*[-–—]"),
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
