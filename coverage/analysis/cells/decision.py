"""``decide_cell`` and ``compare_statements``: the three steps put together, with the reason
in words.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from coverage.analysis.cells.attribution import window_hedging
from coverage.analysis.cells.casualties import casualty_conflict
from coverage.analysis.cells.conflicts import find_conflict
from coverage.analysis.cells.model import (
    AGREE,
    CONTRADICT,
    SILENT,
    CellConfig,
    CellDecision,
    Window,
)
from coverage.analysis.cells.parses import in_parse_run, slots_of
from coverage.analysis.cells.participants import other_agent, other_spot, swapped_roles
from coverage.analysis.cells.stating import (
    each_sentence_adds,
    not_stated_reason,
    unstated_predicate,
)
from coverage.analysis.cells.windows import closest_windows, read_windows, sub_windows
from coverage.analysis.embeddings import TextEncoder
from coverage.analysis.hedging import Hedging
from coverage.analysis.slots import COMPATIBLE, CONFLICT, SlotComparison, compare_slots

if TYPE_CHECKING:
    pass


_REASON_ORDER = ("quantity", "time", "place", "polarity", "agent", "target")


@in_parse_run
def decide_cell(
    claim: str,
    sentences: Sequence[str],
    *,
    encoder: TextEncoder,
    hedging: Sequence[Hedging | None] | None = None,
    config: CellConfig | None = None,
) -> CellDecision:
    """Decide a cell from the row's claim and the outlet's sentences, in article order.

    ``hedging`` may give each sentence's hedging when the caller has it (from its own
    parse); missing entries are detected here. Parses, slots and vectors are cached
    per text, so deciding one article against many claims reads each sentence once.
    """
    config = config or CellConfig()
    if not claim.strip() or not sentences:
        return CellDecision(SILENT, (), 1.0, "the article has no text to compare")
    windows = read_windows(claim, sentences, encoder)
    singles, pairs = closest_windows(windows, config)
    if not singles:
        best = max((w.similarity for w in windows), default=0.0)
        return _casualty_decision(claim, sentences, windows, hedging) or CellDecision(
            SILENT, (), _clip(1 - best), "no sentence is about the claim"
        )

    # A window's hedging is asked for by several steps of one decision; read it once.
    about = {w.indexes[0] for w in windows if len(w.indexes) == 1 and w.similarity >= config.floor}

    @functools.cache
    def hedging_of(window: Window) -> Hedging:
        return window_hedging(window, sentences, hedging, claim, about)

    claim_slots = slots_of(claim)
    article = " ".join(sentences).lower()
    compared = {w.indexes: compare_slots(claim_slots, slots_of(w.text)) for w in singles}

    def conflict_reason(window: Window) -> str | None:
        comparison = compared[window.indexes]
        if window.similarity >= config.contradict_above or (
            window.similarity >= config.slot_conflict_above and comparison.verdict == CONFLICT
        ):
            reason = (
                find_conflict(claim, window.text, comparison, window.similarity, config, encoder)
                or other_agent(claim_slots, slots_of(window.text), window.text, encoder, config)
                or other_spot(claim, claim_slots, window.text, encoder, config)
            )
            if reason is not None:
                return reason
        # The same act the other way round reads further from the claim than a
        # restatement does ("a fuel tanker smashed into the plane" for "the turboprop hit
        # a fuel truck"), so it is looked for as far as a slot conflict is.
        if window.similarity >= config.slot_conflict_above:
            return swapped_roles(claim_slots, slots_of(window.text), window.text, encoder, config)
        return None

    conflicts = [(w, reason) for w in singles if (reason := conflict_reason(w)) is not None]
    conflicting = {w.indexes for w, _ in conflicts}
    worded: list[tuple[Window, SlotComparison]] = []
    gaps: dict[tuple[int, ...], str] = {}
    for window in [*singles, *pairs]:
        # A pair too far to state the claim is never parsed (texts_to_read leaves it out).
        if window.similarity < config.agree_above:
            continue
        if len(window.indexes) > 1 and not each_sentence_adds(
            claim, [sentences[i] for i in window.indexes], encoder, config
        ):
            continue
        comparison = compared.get(window.indexes) or compare_slots(
            claim_slots, slots_of(window.text)
        )
        if comparison.verdict == CONFLICT or conflicting.intersection(sub_windows(window)):
            continue
        gap = not_stated_reason(
            claim, claim_slots, window.text, article, comparison, encoder, config
        )
        if gap is None:
            worded.append((window, comparison))
        else:
            gaps[window.indexes] = gap
    worded.sort(key=lambda item: -item[0].similarity)
    # Whether a window reports the claim's act costs embeddings, so windows are read
    # closest first and only as far as the decision needs: the first in the outlet's
    # own voice; none when an unhedged conflict decides the cell anyway.
    stating: list[tuple[Window, SlotComparison]] = []
    needed = not conflicts or hedging_of(conflicts[0][0]).hedged
    for window, comparison in worded if needed else []:
        if conflicts and window.similarity < conflicts[0][0].similarity:
            break
        gap = unstated_predicate(claim_slots, window.text, encoder, config)
        if gap is not None:
            gaps[window.indexes] = gap
            continue
        stating.append((window, comparison))
        if not hedging_of(window).hedged:
            break

    if conflicts:
        conflict, conflict_reason = conflicts[0]
        conflict_hedging = hedging_of(conflict)
        # An outlet that states the claim in its own voice and then reports a party's
        # denial agrees: it passes the denial on without adopting it.
        own_voice = next(
            (
                (w, c)
                for w, c in stating
                if w.similarity >= conflict.similarity and not hedging_of(w).hedged
            ),
            None,
        )
        if own_voice is None or not conflict_hedging.hedged:
            return _decision(CONTRADICT, conflict, conflict_reason, conflict_hedging)
        window, comparison = own_voice
        return _decision(AGREE, window, _agree_reason(window, comparison), hedging_of(window))
    if stating:
        window, comparison = stating[0]
        return _decision(AGREE, window, _agree_reason(window, comparison), hedging_of(window))
    reason = next(
        (gaps[w.indexes] for w in [*singles, *pairs] if w.indexes in gaps),
        "no sentence states the claim",
    )
    return _casualty_decision(claim, sentences, windows, hedging) or CellDecision(
        SILENT, (), _clip(1 - singles[0].similarity), reason
    )


def _casualty_decision(
    claim: str,
    sentences: Sequence[str],
    windows: list[Window],
    hedging: Sequence[Hedging | None] | None,
) -> CellDecision | None:
    """Contradict when the outlet says no one was hurt where the claim reports a victim,
    or the reverse: words too far apart for the topic filter (casualties.py)."""
    found = casualty_conflict(claim, sentences)
    if found is None:
        return None
    index, reason = found
    window = next(w for w in windows if w.indexes == (index,))
    return _decision(CONTRADICT, window, reason, window_hedging(window, sentences, hedging, claim))


@in_parse_run
def compare_statements(
    claim: str, statement: str, encoder: TextEncoder | None = None
) -> tuple[str, str]:
    """Agree or contradict, with the reason, for a statement aligned with the claim's row.

    The aligner already put ``statement`` in the claim's row, so it is about the same
    fact; what is left is whether its figures, date, place, agent or polarity conflict,
    and, given an encoder to tell participants apart, whether it has the act's doer and
    what it was done to the other way round.
    """
    config = CellConfig()
    claim_slots, statement_slots = slots_of(claim), slots_of(statement)
    reason = find_conflict(
        claim, statement, compare_slots(claim_slots, statement_slots), 1.0, config
    )
    if reason is None and encoder is not None:
        reason = swapped_roles(claim_slots, statement_slots, statement, encoder, config)
    if reason is not None:
        return CONTRADICT, reason
    return AGREE, "states the row's claim in its own words"


def _agree_reason(window: Window, comparison: SlotComparison) -> str:
    agreeing = [f for f in comparison.findings if f.outcome == COMPATIBLE]
    if agreeing:
        # The most telling agreement first: a figure, then a date or place, then the act.
        return min(agreeing, key=lambda f: _REASON_ORDER.index(f.slot)).reason
    quoted = window.text if len(window.text) <= 90 else window.text[:87].rstrip() + "..."
    return f"states it: '{quoted}'"


def _decision(label: str, window: Window, reason: str, hedging: Hedging) -> CellDecision:
    return CellDecision(
        label=label,
        evidence=window.indexes,
        confidence=_clip(window.similarity),
        reason=reason,
        hedged=hedging.hedged,
        cues=hedging.cues,
        attributed_to=hedging.attributed_to,
    )


def _clip(value: float) -> float:
    return round(min(max(value, 0.0), 1.0), 4)
