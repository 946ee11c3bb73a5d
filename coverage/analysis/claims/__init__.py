"""Claim detection: which sentences assert something checkable, split into atomic claims.

A matrix row should hold one assertion, so "X did A, and Y did B" becomes two claims,
while "X did A and then B" keeps its shared subject ("X did B" is written out in full)
so every claim reads on its own. Sentences that assert nothing an outlet could agree
or disagree with are dropped: questions, site furniture, headlines repeated in the
body, fragments, and opinion or exhortation without a factual predicate.

The modules, in the order a sentence goes through them:

- ``model``: ``Claim``, and the clause of a sentence a claim is worded from;
- ``candidates``: ``is_candidate`` before parsing, and whether a parse asserts a fact;
- ``clauses``: a sentence split into atomic clauses with their attribution frame;
- ``attribution``: a clause without who said it, the wording compared across outlets;
- ``rendering``: tokens joined back into a clean sentence;
- ``subjects``: a core's subject pronoun read as who it stands for ("It had sent a team"
  -> "Vennland's environment agency had sent a team");
- ``extraction``: ``find_claims`` and ``extract_claims``, all of the above per article.
"""

from coverage.analysis.claims.candidates import MIN_WORDS, is_candidate
from coverage.analysis.claims.clauses import MIN_CLAUSE_WORDS
from coverage.analysis.claims.extraction import PIPE_BATCH_SIZE, extract_claims, find_claims
from coverage.analysis.claims.model import Claim

__all__ = [
    "MIN_CLAUSE_WORDS",
    "MIN_WORDS",
    "PIPE_BATCH_SIZE",
    "Claim",
    "extract_claims",
    "find_claims",
    "is_candidate",
]
