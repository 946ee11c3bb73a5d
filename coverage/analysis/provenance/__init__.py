"""Where each claim comes from: the chain from every outlet back to an origin.

"Nine outlets agree" means little if eight of them copied one agency story that
quotes one anonymous source. For every matrix row this step follows each outlet
that carries the claim (agrees or contradicts) back to where the claim originates:

1. An article that took its text from another (syndication.text_groups) passes
   the claim on from that article, when its evidence sentence is one of the
   copied ones (the sentence alignment says which); the chain continues in the
   original, at its own evidence sentence for the row or at the sentence the
   copy renders. An article that reprints an outside source ("Source: The Steppe
   Observer") passes it on from that source.
2. Otherwise the evidence sentence's citations (sources.find_citations) say whom
   the outlet passes the claim on from: "..., the agency CPA reported, citing the
   Interior Ministry" gives CPA, then the ministry. A cited outlet of the event is
   followed into its own article, so its chain is the same as when it is read
   directly. The pipeline's ``attributed_to`` serves when no citation was parsed.
3. A sentence that attributes the claim to nobody is the outlet's own reporting.

Origins are then counted once each: names are folded across the row ("Interior
Ministry" and "Kasvia's Interior Ministry"), an outlet is one origin however it
is written ("CPA", "Continental Press Agency"), and unnamed sources ("a source in
Kavar", "an informed source told VolkPress") count as one anonymous origin per
row, since nothing tells two anonymous sources apart: the count is the number of
origins a reader can tell apart, not the number of outlets. The result is plain
data for the matrix, explainer, exports and API: each row's chains with their
evidence, its distinct origins and a one-line summary ("9 outlets · 2 origins: an
anonymous source (via Glasník / VolkPress), Tessarian Defence Ministry").

The modules: ``model`` (cells and rows in, chains and origins out), ``tracing``
(``trace_origins``: each chain followed and origins folded across a row) and ``event``
(``event_provenance``: copies, citations and origins of a whole event in one pass).
"""

from coverage.analysis.provenance.event import EventArticle, EventProvenance, event_provenance
from coverage.analysis.provenance.model import (
    CARRYING_LABELS,
    OWN_REPORTING,
    ArticleSources,
    Cell,
    Chain,
    Origin,
    OriginKind,
    Row,
    RowOrigins,
)
from coverage.analysis.provenance.tracing import trace_origins

__all__ = [
    "CARRYING_LABELS",
    "OWN_REPORTING",
    "ArticleSources",
    "Cell",
    "Chain",
    "EventArticle",
    "EventProvenance",
    "Origin",
    "OriginKind",
    "Row",
    "RowOrigins",
    "event_provenance",
    "trace_origins",
]
