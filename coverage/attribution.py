"""Whom a stored cell attributes its claim to, decided in one place for the tracing
(coverage.origins), the explainer and classroom (coverage.readings), the API and the
exports, so a hedged cell is attributed alike everywhere."""

from __future__ import annotations

import re

from coverage.analysis.hedging import detect_hedging
from coverage.models import Stance


def attribution(*, attributed_to: str, hedged: bool, evidence: str | None) -> str:
    """Whom a cell attributes its claim to: what the analysis or a person recorded,
    else, for a hedged cell, the source its evidence sentence names ("according to
    the Kyiv Post"). The explainer, the API, the exports and the tracing all ask here,
    so a hedged cell is attributed alike everywhere."""
    if attributed_to or not hedged or not evidence:
        return attributed_to
    found = detect_hedging(evidence)
    return _full_name(found.attributed_to, evidence) if found.attributed_to else ""


def cell_attribution(stance: Stance) -> str:
    """Whom a stored cell attributes its claim to, read from its whole evidence: the
    analysis quotes a second sentence when it names the source ("That was confirmed
    by the roads office."). Load the cell with ``select_related("evidence",
    "evidence_through")``."""
    return attribution(
        attributed_to=stance.attributed_to, hedged=stance.hedged, evidence=stance.evidence_text
    )


def _full_name(source: str, text: str) -> str:
    """The source with the words the cue detector cut off: it reads names as runs of
    capitalised words, so "the Ministry of Transport said" gives only "Transport"."""
    match = re.search(
        r"((?:the\s+)?(?:[A-Z][\w'’.-]*\s+)+(?:of|for|on)\s+(?:the\s+)?)"
        + re.escape(source)
        + r"\b",
        text,
    )
    return match.group(1) + source if match else source
