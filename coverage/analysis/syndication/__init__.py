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

The modules, in the order a pair goes through them:

- ``model``: documents, overlapping pairs and groups;
- ``shingles``: word shingles, MinHash and the copy / rewrite classification (steps 1-4);
- ``alignment``: sentences, facts and their alignment (step 5);
- ``credits``: where an article says its text comes from;
- ``orientation``: which article of a pair is the original;
- ``pairs``: ``compare`` for one pair, ``find_overlaps`` for an event;
- ``groups``: ``text_groups`` and ``independent_groups``.
"""

from coverage.analysis.syndication.alignment import (
    Alignment,
    ArticleSentences,
    align,
    article_sentences,
    facts,
    numbers,
)
from coverage.analysis.syndication.credits import (
    Credit,
    credits,
    source_key,
)
from coverage.analysis.syndication.groups import (
    TextGroup,
    independent_groups,
    likeliest_sources,
    text_groups,
)
from coverage.analysis.syndication.model import (
    AlignedSentences,
    Basis,
    Document,
    Groups,
    Kind,
    Overlap,
)
from coverage.analysis.syndication.orientation import (
    Orientation,
    direction,
    orient,
)
from coverage.analysis.syndication.pairs import (
    compare,
    find_overlaps,
)
from coverage.analysis.syndication.shingles import (
    Fingerprint,
    classify,
    containment,
    estimated_jaccard,
    fingerprint,
    jaccard,
    minhash,
    normalise,
    own_words,
    words,
)

__all__ = [
    "AlignedSentences",
    "Alignment",
    "ArticleSentences",
    "Basis",
    "Credit",
    "Document",
    "Fingerprint",
    "Groups",
    "Kind",
    "Orientation",
    "Overlap",
    "TextGroup",
    "align",
    "article_sentences",
    "classify",
    "compare",
    "containment",
    "credits",
    "direction",
    "estimated_jaccard",
    "facts",
    "find_overlaps",
    "fingerprint",
    "independent_groups",
    "jaccard",
    "likeliest_sources",
    "minhash",
    "normalise",
    "numbers",
    "orient",
    "own_words",
    "source_key",
    "text_groups",
    "words",
]
