"""Who each outlet attributes its claims to, and through whom.

A citation is read from the dependency parse of one sentence:

- "according to X" makes X the source; "according to the source cited by RIA" makes
  the source an anonymous one reached *via* RIA;
- a speech verb ("report", "say", "note", "cover", "publish", "admit", "carry", …)
  makes its subject (each of them: "the agencies Glasník and VolkPress reported")
  or its "by" agent the source ("footage broadcast by Kasvian state TV"); "X, which
  referenced Y" and "X mentioned, referencing its sources in Idlib" make Y a source
  reached via X, as does "X cited Y as its source";
- "X told Sputnik" (a news organisation as the one told) makes Sputnik a source and
  X a source reached via Sputnik: the sentence credits the agency;
- "reports from the Syrian newspaper Al Watan", "a poll by the Business Daily": the
  report's author is the source;
- a participle without its own subject ("…, warning that …") borrows the speaker of
  the clause it hangs on, or the source already named earlier in the sentence.

Names are cleaned the way hedging.source_name does ("the Syrian newspaper Al-Watan"
-> "Al-Watan", "the agency CPA" -> "CPA"), keeping hyphens ("state-owned") and
dropping a date glued to a name ("Sergei Lavrovon 12 September" -> "Sergei
Lavrov"); a bare definite description later in the same article ("the
source", "the diplomat", "the newspaper") is resolved to the latest citation of the
same sort, so "The source also asserted …" counts for RIA's source in Syria. Across
an event, names are folded with names.fold_names ("RIA" = "RIA Novosti").

Each source is roughly classified: a media outlet or agency (by its description,
the verb, or the curated list of agencies in names.known_news_organisation), an official or
government voice, social media, an anonymous source (nobody named: "a source
within Syria", "unnamed reports"), or another party, named or described ("the
terrorists").

The modules:

- ``model``: ``Citation``, ``SourceRow`` and ``SourceKind``;
- ``words``: the verbs and nouns that mark a citation and a source's kind, ``may_cite``;
- ``speakers``: who a noun phrase is as a source, ``tidy_name``;
- ``citations``: ``find_citations``, every citation in one article;
- ``table``: ``tabulate_sources``, one row per source across an event;
- ``references``: ``resolve_descriptions``, "the group" read as the body named before it.
"""

from coverage.analysis.sources.citations import find_citations
from coverage.analysis.sources.model import (
    UNATTRIBUTED,
    UNNAMED_REPORTS,
    Citation,
    SourceKind,
    SourceRow,
)
from coverage.analysis.sources.references import resolve_descriptions
from coverage.analysis.sources.speakers import tidy_name
from coverage.analysis.sources.table import tabulate_sources
from coverage.analysis.sources.words import ATTRIBUTION_VERBS, may_cite

__all__ = [
    "ATTRIBUTION_VERBS",
    "UNATTRIBUTED",
    "UNNAMED_REPORTS",
    "Citation",
    "SourceKind",
    "SourceRow",
    "find_citations",
    "may_cite",
    "resolve_descriptions",
    "tabulate_sources",
    "tidy_name",
]
