"""The cell decision: does an outlet agree with a row's claim, contradict it, or stay silent?

One function, ``decide_cell``, used for every cell of the matrix and by the `stance`
command, so both answer alike. It reads the outlet's sentences (each alone, and each
with its neighbour, since a claim may be stated across two) and decides in three
steps, each of which can say why in words:

1. **Which sentences are about the claim.** MiniLM cosine between the claim and each
   window; only the closest few are read further. This is a topic filter, not a
   verdict: "Twelve people were injured" and "At least 30 people were injured" are
   near-paraphrases to an embedding, and so are "schools stay shut" and "roads stay
   shut".
2. **Contradiction, slot by slot** (coverage.analysis.slots): a figure, date, place or
   agent that cannot hold together with the claim's, a negation or denial of its
   predicate, or an opposite predicate. A figure the parser cannot read is left
   uncompared. A conflicting sentence that the outlet attributes to officials is still
   a contradiction, hedged.
3. **Does a sentence state the claim?** It must not be about other participants
   ("roads" for "schools"), must give the claim's figures, and must not drop a detail
   of the claim while keeping the word it qualifies: "the passenger terminal remains
   closed" keeps "terminal" but not "cargo", so it is about the same event and does
   not state the claim. Paraphrases that reword whole phrases ("quit her post" for
   "resigned") pass, because what they drop has no counterpart word in the sentence.
   It must also report the claim's act: "a fire destroyed the warehouse" is on the
   event of "the fire was started deliberately" but does not say it.

Otherwise the cell is silent: an agree or contradict cell always quotes the sentence
(or two adjacent sentences) that states or denies the claim.

The FNC-1 stance MLP (stance.py) is kept as the FNC-1 baseline only: on the dev split
of eval/stance it answered agree for all 17 same-event-but-silent pairs. A MiniLM
cross-encoder trained on synthetic edits (commit 1a2e14b, removed since) behaved as an
edit detector (0 of 17 paraphrases read as stated); neither settles what these rules
leave open.
No Django imports: callers pass plain text and an encoder.

The modules, in the order a cell is decided: ``model`` (labels, config, decision),
``windows`` (the topic filter), ``conflicts`` and ``participants`` (step 2),
``stating`` (step 3), ``attribution`` (the evidence's hedging), ``decision``
(``decide_cell`` and ``compare_statements``) and ``parses`` (the parses of one run,
``parse_run``, with the slots and hedging read from them).
"""

from coverage.analysis.cells.decision import compare_statements, decide_cell
from coverage.analysis.cells.model import AGREE, CONTRADICT, SILENT, CellConfig, CellDecision
from coverage.analysis.cells.parses import Parses, parse_run
from coverage.analysis.cells.windows import texts_to_read

__all__ = [
    "AGREE",
    "CONTRADICT",
    "SILENT",
    "CellConfig",
    "CellDecision",
    "compare_statements",
    "decide_cell",
    "Parses",
    "parse_run",
    "texts_to_read",
]
