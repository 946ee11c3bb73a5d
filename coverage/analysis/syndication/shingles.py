"""Word shingles and MinHash: which texts share passages word for word (steps 1-4).

Each text becomes a set of hashed word shingles; MinHash signatures estimate every
pair's similarity cheaply, and the pairs that may share text are compared exactly
and classified as copy, rewrite or unrelated.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np

from coverage.analysis.segment import split_sentences
from coverage.analysis.syndication.credits import credits
from coverage.analysis.syndication.model import Kind

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


QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})
QUOTES.update(str.maketrans({"«": '"', "»": '"', "‹": "'", "›": "'", "–": "-", "—": "-"}))
# A quotation within one paragraph; a stray quote mark must not swallow the article.
_QUOTED = re.compile(r'"[^"\n]{1,800}"')


_WORD = re.compile(r"\w+(?:'\w+)?")


@dataclass(frozen=True)
class Fingerprint:
    shingles: np.ndarray  # sorted unique uint64 hashes
    own_shingles: np.ndarray  # the same without quotations
    sentences: frozenset[str]  # normalised, without quotations
    words: int
    credits: bool  # the text says it comes from elsewhere ("Read Full Article at RT.com")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(QUOTES).lower()
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
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
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
