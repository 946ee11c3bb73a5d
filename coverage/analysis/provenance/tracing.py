"""Following each carrying outlet of a row back to its origin, and counting origins once."""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coverage.analysis.names import NameMatcher, fold_names, known_news_organisation, name_key
from coverage.analysis.provenance.model import (
    CARRYING_LABELS,
    OWN_REPORTING,
    Chain,
    Origin,
    OriginKind,
    RowOrigins,
)
from coverage.analysis.sources import Citation, SourceKind

if TYPE_CHECKING:
    from coverage.analysis.provenance.model import ArticleSources, Cell, Row
    from coverage.analysis.syndication import TextGroup

# Heads of unnamed sources that may all be one person: "a source", "an informant".
_ANONYMOUS_SOURCE_WORDS = frozenset({"source", "sources", "informant", "insider", "insiders"})
# Unnamed people who went through the event alike: a reader cannot tell "several
# passengers" from "survivors", or "witnesses" from "fishermen" who watched from the
# shore, so each such group is one origin of a row however outlets word it.
_EYEWITNESS_GROUPS = {
    "aboard": frozenset({"passenger", "survivor", "traveller", "commuter"}),
    "onlookers": frozenset({"witness", "eyewitness", "onlooker", "bystander", "fisherman"}),
}
_PLURALS = {"witnesses": "witness", "eyewitnesses": "eyewitness", "fishermen": "fisherman"}
# Words before the head that leave the people unnamed: "several passengers", "two survivors".
_QUANTIFIERS = frozenset(
    {"a", "the", "some", "several", "many", "other", "few", "two", "three", "dozens", "of"}
)
# A chain longer than this is a loop in the data, not a chain of outlets.
_MAX_STEPS = 8
# Words after a source that name what it issued: "police estimate", "union statement".
_AUTHORED_WORDS = frozenset({"estimate", "estimates", "figures", "statement", "data", "report"})
# A sentence this short after a claim can attribute it: "A source in Kavar told Glasník."
_BARE_ATTRIBUTION_WORDS = 10
# How many sentences away the other end of a quotation is looked for.
_QUOTE_SENTENCES = 3
# A spokesperson speaks for the body named before the role: "Interior Ministry
# spokeswoman Ilse Marren" is the ministry speaking.
_AFFILIATION = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w-]*['’]s?\s+)?(?P<body>(?:[A-Z][\w-]*\s+){0,4}(?:Ministry|Office|"
    r"Service|Institute|Agency|Police|Council|Department|Board|Authority|Bank|Company|"
    r"Hospital|Union|Government|Army|Commission)(?:\s+of(?:\s+[A-Z][\w-]*)+)?)\s+"
    r"(?:spokes(?:wo)?man|spokesperson|spokespeople|minister|chief|head|director|officials?"
    r"|governor|engineers?|inspectors?|experts?|staff)\b"
)


# The same for a service or body named in lower case: "police spokesman Lars Ekdal",
# "port authority director Henrik Aas", or unnamed, "a police spokesperson" (a bare
# "ministry spokeswoman" names no body).
_SERVICE_ROLE = re.compile(
    r"^(?:[Tt]he\s+|[Aa]n?\s+)?(?P<body>police|army|military|navy|coast ?guard|fire service"
    r"|government|company|firm"
    r"|(?:[a-z]+\s+){1,2}(?:authority|ministry|agency|council|board|commission|department))\s+"
    r"(?:spokes(?:wo)?man|spokesperson|chief|official|director|head)\b"
)


# Words by which an article points back to a body it has named: "the company" is the
# Halberg Timber the article named before. (Ministries and services are matched by the
# last word of their names instead: "the ministry", "Interior Ministry".)
_GENERIC_BODIES = frozenset(
    {"company", "firm", "group", "union", "operator", "airline", "alliance", "coalition"}
    | {"campaign", "organisation", "organization", "party", "movement", "utility", "owner"}
    | {"developer", "employer", "manufacturer", "carrier", "insurer", "charity", "club"}
)


# The same in an apposition after the name: "Ilse Ranta, a spokeswoman for the Orvan
# Regional Emergency Service", "Teodor Brink, the company's operations manager".
_ROLES = r"(?:spokes(?:wo)?man|spokesperson|manager|director|chief|head|official)"
_ROLE_FOR = (
    r"(?:an?|the)\s+(?:[\w-]+\s+){0,2}?" + _ROLES + r"\s+(?:for|of|at)\s+(?:the\s+)?"
    r"(?P<body>[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*)"
)
_ROLE_OF = (
    r"the\s+(?P<body>[a-z]+|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)['’]s\s+(?:[\w-]+\s+){0,2}?"
    + _ROLES
    + r"\b"
)


# A minister speaks for the ministry: "Interior Minister Dara Koss" says what the
# Interior Ministry says, so the two are one origin (a prime minister heads no ministry).
_MINISTER = re.compile(
    r"^(?:the\s+)?(?:Deputy\s+)?(?P<portfolio>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})\s+"
    r"Minister\s+[A-Z]"
)


@dataclass(frozen=True)
class _Trace:
    steps: tuple[str, ...]
    name: str
    kind: OriginKind
    # The event outlet the origin is, for keying "CPA" and "Continental Press Agency" alike.
    outlet: str | None = None


def trace_origins(
    rows: Sequence[Row],
    articles: Sequence[ArticleSources],
    groups: Sequence[TextGroup] = (),
) -> list[RowOrigins]:
    """Every row's chains from each carrying outlet to an origin, and the distinct origins."""
    tracer = _Tracer(articles, groups)
    return [tracer.row(row) for row in rows]


class _Tracer:
    def __init__(self, articles: Sequence[ArticleSources], groups: Sequence[TextGroup]) -> None:
        self.articles = {article.key: article for article in articles}
        self.claim = ""
        self.outlets = NameMatcher(
            {article.outlet: [article.outlet, article.homepage] for article in articles}
        )
        # "the Gazette" for the Haldor Valley Gazette: the last word of one outlet's name.
        last_words: dict[str, list[str]] = {}
        for article in articles:
            words = name_key(article.outlet).split()
            if len(words) > 1 and article.outlet not in last_words.get(words[-1], []):
                last_words.setdefault(words[-1], []).append(article.outlet)
        self.short_names = {word: found[0] for word, found in last_words.items() if len(found) == 1}
        # The sentences of each article that cite anyone, to tell which bodies it names.
        self.cited_text = {
            article.key: " ".join(citation.quote for citation in article.citations)
            for article in articles
        }
        self.articles_of: dict[str, list[Hashable]] = {}
        for article in articles:
            self.articles_of.setdefault(article.outlet, []).append(article.key)
        self.citations: dict[tuple[Hashable, int], list[Citation]] = {}
        for article in articles:
            for citation in article.citations:
                key = (article.key, citation.sentence_index)
                self.citations.setdefault(key, []).append(citation)
        # A spokesperson named once with the body they speak for ("Interior Ministry
        # spokeswoman Ilse Marren") speaks for it wherever an outlet names them alone.
        self.speaks_for: dict[str, str] = {}
        surnames: dict[str, set[str]] = {}
        for article in articles:
            for citation in article.citations:
                if citation.kind != SourceKind.ANONYMOUS and (body := _affiliation(citation)):
                    self.speaks_for.setdefault(name_key(citation.source), body)
                    if len(words := name_key(citation.source).split()) > 1:
                        surnames.setdefault(words[-1], set()).add(body)
        # "Koss said" after "Interior Minister Dara Koss": the surname alone, when it
        # stands for one body only.
        for surname, bodies in surnames.items():
            if len(bodies) == 1:
                self.speaks_for.setdefault(surname, next(iter(bodies)))
        self.parent: dict[Hashable, Hashable] = {}
        self.outside: dict[Hashable, str] = {}
        # Copied article -> {its sentence index: the original's}; None when unknown.
        self.renders: dict[Hashable, dict[int, int] | None] = {}
        for group in groups:
            for article, parent in group.parent.items():
                if parent is not None:
                    self.parent[article] = parent
                elif group.outside_source:
                    self.outside[article] = group.outside_source
            for overlap in group.overlaps:
                if overlap.siblings:
                    continue
                self.renders[overlap.republished] = (
                    {pair.republished: pair.original for pair in overlap.aligned}
                    if overlap.aligned
                    else None
                )
        # Sentences of a rewrite between two aligned ones are rewritten too, only less
        # alike; those before the first or after the last may be the copier's own.
        self.span: dict[Hashable, tuple[int, int]] = {
            article: (min(renders), max(renders))
            for article, renders in self.renders.items()
            if renders
        }

    def row(self, row: Row) -> RowOrigins:
        cells = {cell.article: cell for cell in row.cells}
        # A citation covering a relative clause counts for the row's claim only when
        # the claim is in that clause (see _covers).
        self.claim = row.text
        traces = []
        for cell in row.cells:
            if cell.label not in CARRYING_LABELS or cell.article not in self.articles:
                continue
            trace = self._trace(cell.article, cell.sentence_index, cells, cell.attributed_to, ())
            traces.append((cell, trace))
        traces = [(cell, _issuer_of_document(trace)) for cell, trace in _continued(traces)]
        keys = self._origin_keys([trace for _, trace in traces])
        chains = tuple(
            Chain(
                article=cell.article,
                outlet=self.articles[cell.article].outlet,
                label=cell.label,
                steps=trace.steps,
                origin=Origin(keys[trace][1], trace.kind, keys[trace][0]),
                evidence=cell.evidence,
            )
            for cell, trace in traces
        )
        by_key: dict[str, Origin] = {}
        counts: dict[str, int] = {}
        for chain in chains:
            by_key.setdefault(chain.origin.key, chain.origin)
            counts[chain.origin.key] = counts.get(chain.origin.key, 0) + 1
        origins = tuple(sorted(by_key.values(), key=lambda o: (-counts[o.key], o.name.lower())))
        return RowOrigins(row=row.key, chains=chains, origins=origins)

    def _trace(
        self,
        article: Hashable,
        sentence: int | None,
        cells: Mapping[Hashable, Cell],
        attributed_to: str | None,
        seen: tuple[Hashable, ...],
    ) -> _Trace:
        outlet = self.articles[article].outlet
        seen = (*seen, article)
        if len(seen) > _MAX_STEPS:
            return _Trace((outlet, OWN_REPORTING), outlet, OriginKind.OWN_REPORTING, outlet)
        parent = self.parent.get(article)
        if parent is not None and parent not in seen and parent in self.articles:
            renders = self.renders.get(article)
            first, last = self.span.get(article, (0, -1))
            parent_cell = cells.get(parent)
            # An unaligned sentence that cites a source of its own, on a claim the
            # original does not carry, is the copier's own reporting ("Mira Lund told
            # The Greenline that ..."), though it stands between two aligned ones.
            own = (
                bool(renders)
                and sentence is not None
                and sentence not in renders
                and (parent_cell is None or parent_cell.label not in CARRYING_LABELS)
                and self._citation(article, sentence) is not None
            )
            inside = renders is None or sentence is None or first <= sentence <= last
            carried = parent_cell is not None and parent_cell.label in CARRYING_LABELS
            # A rewrite's new lead or ending, outside the aligned span, still takes a claim
            # the original carries from it, unless it cites a source of its own.
            outside_but_carried = (
                not inside and carried and self._citation(article, sentence) is None
            )
            if not own and (inside or outside_but_carried):
                if carried:
                    parent_sentence, parent_attribution = (
                        parent_cell.sentence_index,
                        parent_cell.attributed_to,
                    )
                else:
                    parent_sentence = _rendered(renders, sentence)
                    parent_attribution = attributed_to
                found = self._trace(parent, parent_sentence, cells, parent_attribution, seen)
                return _Trace((outlet, *found.steps), found.name, found.kind, found.outlet)
        prefix: tuple[str, ...] = (outlet,)
        if article in self.outside:
            prefix = (outlet, self.outside[article])
        cell = cells.get(article)
        evidence = cell.evidence if cell is not None and cell.sentence_index == sentence else None
        citation = self._citation(article, sentence, evidence)
        if citation is not None:
            return self._follow(citation, prefix, cells, seen)
        if attributed_to and not self._is_self(article, attributed_to):
            # The cell's own attribution ("Kolb") speaks for a body as a citation would.
            speaker = self.speaks_for.get(name_key(attributed_to), attributed_to)
            return self._named(speaker, SourceKind.OTHER, prefix, cells, seen)
        if article in self.outside:
            source = self.outside[article]
            return _Trace((*prefix, OWN_REPORTING), source, OriginKind.MEDIA)
        return _Trace((outlet, OWN_REPORTING), outlet, OriginKind.OWN_REPORTING, outlet)

    def _citation(
        self, article: Hashable, sentence: int | None, evidence: str | None = None
    ) -> Citation | None:
        """The citation a sentence's claim rests on, leaving out the outlet naming
        itself ("a source told Glasník" in Glasník): the one with the longest chain,
        then one naming an outlet of the event, then the first. A sentence without
        one may be attributed by another sentence of the cell's evidence, by the
        sentence of the same quotation that names its speaker ('"The Tessarians took
        our prisoners. The deliveries took place over the summer," the source said.'),
        or by a bare sentence after it ("A source in Kavar told Glasník.")."""
        if sentence is None:
            return None
        found = self._citations_in(article, sentence)
        for other in self._attributing_sentences(article, sentence, evidence):
            if found:
                break
            found = self._citations_in(article, other)
        if not found:
            after = self._citations_in(article, sentence + 1)
            if after and len(after[0].quote.split()) <= _BARE_ATTRIBUTION_WORDS:
                found = after
        found = [citation for citation in found if _covers(citation, self.claim)]
        if not found:
            return None
        return max(
            found,
            key=lambda citation: (
                len(citation.via),
                self._outlet(citation.source) is not None,
                -found.index(citation),
            ),
        )

    def _attributing_sentences(
        self, article: Hashable, sentence: int, evidence: str | None
    ) -> list[int]:
        """Sentences near ``sentence`` whose citation covers it too: the next ones
        the cell's evidence quotes, and, when the evidence opens a quotation it does
        not close, the sentence that closes it, or when it closes one it did not open,
        the sentence that opened it (up to _QUOTE_SENTENCES away)."""
        found = []
        if evidence:
            for other in range(sentence + 1, sentence + _QUOTE_SENTENCES + 1):
                quotes = {c.quote for c in self.citations.get((article, other), [])}
                if any(quote and quote in evidence for quote in quotes):
                    found.append(other)
            balance = _quote_balance(evidence)
            nearby: range = range(0)
            if balance > 0:
                nearby = range(sentence + 1, sentence + _QUOTE_SENTENCES + 1)
            elif balance < 0:
                nearby = range(sentence - 1, max(sentence - _QUOTE_SENTENCES, 0) - 1, -1)
            for other in nearby:
                quotes = [c.quote for c in self.citations.get((article, other), [])]
                if quotes and _quote_balance(quotes[0]) * balance < 0:
                    found.append(other)
                    break
        return found

    def _citations_in(self, article: Hashable, sentence: int) -> list[Citation]:
        found = []
        for citation in self.citations.get((article, sentence), []):
            if self._is_self(article, citation.source):
                continue
            via = tuple(name for name in citation.via if not self._is_self(article, name))
            source = citation.source
            body = _affiliation(citation) or self.speaks_for.get(name_key(source), "")
            if citation.kind != SourceKind.ANONYMOUS and body:
                source = body  # "Interior Ministry spokeswoman Ilse Marren": the ministry
            found.append(
                Citation(
                    source,
                    citation.kind,
                    citation.sentence_index,
                    citation.quote,
                    via,
                    citation.wording,
                    citation.clause,
                )
            )
        return found

    def _follow(
        self,
        citation: Citation,
        prefix: tuple[str, ...],
        cells: Mapping[Hashable, Cell],
        seen: tuple[Hashable, ...],
    ) -> _Trace:
        """The chain through a citation: into a cited outlet of the event, or to the source."""
        for position, relay in enumerate(citation.via):
            outlet = self._outlet(relay)
            if outlet is None:
                continue
            followed = self._into_outlet(outlet, cells, seen)
            if followed is not None:
                return _Trace(
                    (*prefix, *followed.steps), followed.name, followed.kind, followed.outlet
                )
            prefix = (*prefix, *citation.via[: position + 1])
            return self._source(citation, (*prefix[:-1], outlet), cells, seen)
        prefix = (*prefix, *citation.via)
        return self._source(citation, prefix, cells, seen)

    def _source(
        self,
        citation: Citation,
        prefix: tuple[str, ...],
        cells: Mapping[Hashable, Cell],
        seen: tuple[Hashable, ...],
    ) -> _Trace:
        if citation.kind == SourceKind.ANONYMOUS:
            return _Trace((*prefix, citation.source), citation.source, OriginKind.ANONYMOUS)
        return self._named(citation.source, citation.kind, prefix, cells, seen)

    def _named(
        self,
        name: str,
        kind: SourceKind,
        prefix: tuple[str, ...],
        cells: Mapping[Hashable, Cell],
        seen: tuple[Hashable, ...],
    ) -> _Trace:
        outlet = self._outlet(name)
        if outlet is not None:
            followed = self._into_outlet(outlet, cells, seen)
            if followed is not None:
                return _Trace(
                    (*prefix, *followed.steps), followed.name, followed.kind, followed.outlet
                )
            return _Trace((*prefix, outlet), outlet, OriginKind.MEDIA, outlet)
        if known_news_organisation(name) is not None:
            kind = SourceKind.MEDIA
        return _Trace((*prefix, name), name, OriginKind(kind.value), None)

    def _into_outlet(
        self, outlet: str, cells: Mapping[Hashable, Cell], seen: tuple[Hashable, ...]
    ) -> _Trace | None:
        """The cited outlet's own chain for the row, if one of its articles carries it."""
        for article in self.articles_of.get(outlet, []):
            cell = cells.get(article)
            if article in seen or cell is None or cell.label not in CARRYING_LABELS:
                continue
            return self._trace(article, cell.sentence_index, cells, cell.attributed_to, seen)
        return None

    def _outlet(self, name: str) -> str | None:
        """The event's outlet a name stands for: in any form its articles write it, or
        a capitalised last word of its name that no other outlet's name ends with."""
        found = self.outlets.match(name)
        words = name_key(name).split()
        if found is None and name[:1].isupper() and len(words) == 1:
            found = self.short_names.get(words[0])
        if found is None and len(words) >= 2:
            # "state television" for Drevania State Television: the last words of one
            # outlet's name, and of no other's.
            ending = [
                outlet
                for outlet in self.articles_of
                if len(outlet_words := name_key(outlet).split()) > len(words)
                and outlet_words[-len(words) :] == words
            ]
            if len(ending) == 1:
                found = ending[0]
        return found

    def _is_self(self, article: Hashable, name: str) -> bool:
        """The article's own outlet, also by the last word of its name: "the Courier"
        in the Sarnesk Courier, "told the Flash" in The Evening Flash."""
        outlet = self.articles[article].outlet
        if self.outlets.match(name) == outlet:
            return True
        words = name_key(name).split()
        return len(words) == 1 and name_key(outlet).split()[-1] == words[0]

    def _origin_keys(self, traces: Sequence[_Trace]) -> dict[_Trace, tuple[str, str]]:
        """(key, display name) for each trace's origin, folded across the row."""
        named = [t.name for t in traces if t.outlet is None and t.kind != OriginKind.ANONYMOUS]
        folded = fold_names(named)
        for name in named:
            # "Vukan" is the "Petar Vukan" another outlet names in full, and "the union"
            # or "a police estimate" the "Kaldmark Dockworkers' Union" or "Police".
            words = name_key(name).split()
            while len(words) > 1 and words[-1] in _AUTHORED_WORDS:
                words = words[:-1]
            issuer = [o for o in named if o != name and name_key(o) == " ".join(words)]
            if issuer:  # "a police estimate" where another outlet names the police
                folded[name] = folded.get(issuer[0], issuer[0])
                continue
            single = len(words) == 1 and (name[:1].isupper() or name.islower())
            if not single:
                continue
            longer = {
                other
                for other in named
                if other != name
                and name_key(other).split()[-1] == words[0]
                and (len(other.split()) > 1 or not other.islower())
            }
            if len(longer) == 1:
                full = next(iter(longer))
                folded[name] = folded.get(full, full)
        for trace in traces:
            # "the company" in an article that names one body the row also ends at.
            if trace.outlet is not None or name_key(trace.name) not in _GENERIC_BODIES:
                continue
            bodies = {
                folded.get(other, other)
                for other in named
                if other[:1].isupper() and name_key(other) not in _GENERIC_BODIES
            }
            citing = trace.steps[-2] if len(trace.steps) > 1 else ""
            if len(bodies) == 1 and any(
                next(iter(bodies)) in self.cited_text.get(article, "")
                for article in self.articles_of.get(citing, [])
            ):
                folded[trace.name] = next(iter(bodies))
        anonymous = [t for t in traces if _is_anonymous_source(t)]
        eyewitnesses: dict[str, str] = {}
        for trace in traces:
            if trace.outlet is None and (group := _eyewitness_group(trace.name)):
                eyewitnesses.setdefault(group, trace.name)
        keys: dict[_Trace, tuple[str, str]] = {}
        for trace in traces:
            if trace.outlet is not None:
                keys[trace] = (f"outlet:{trace.outlet}", trace.outlet)
            elif _is_anonymous_source(trace):
                keys[trace] = ("anonymous source", anonymous[0].name)
            elif group := _eyewitness_group(trace.name):
                keys[trace] = (f"eyewitnesses:{group}", eyewitnesses[group])
            elif trace.kind == OriginKind.ANONYMOUS:
                keys[trace] = (f"anonymous:{name_key(trace.name)}", trace.name)
            else:
                name = folded.get(trace.name, trace.name)
                organisation = known_news_organisation(name)
                if organisation is not None:
                    name = organisation.name
                keys[trace] = (f"named:{name_key(name)}", name)
        return keys


# Words of a document a body issued: "final results", "official figures", "a statement".
_DOCUMENT_WORDS = _AUTHORED_WORDS | frozenset(
    {"final", "official", "preliminary", "provisional", "latest", "initial", "its", "their"}
    | {"results", "records", "count", "tally", "a", "the", "written"}
)


def _issuer_of_document(trace: _Trace) -> _Trace:
    """ "According to final results announced by the District Electoral Commission": the
    commission is the origin, not the results it issued."""
    words = name_key(trace.name).split()
    if (
        trace.outlet is None
        and len(trace.steps) >= 3
        and words
        and set(words) <= _DOCUMENT_WORDS
        and trace.steps[-2] != OWN_REPORTING
    ):
        return _Trace(trace.steps[:-1], trace.steps[-2], OriginKind.OTHER)
    return trace


def _continued(traces: list[tuple[Cell, _Trace]]) -> list[tuple[Cell, _Trace]]:
    """Chains that end at a source another chain of the row passes through, carried on
    to where that one ends: "Observer → Sjöposten" is "Observer → Sjöposten → Police"
    when another outlet shows that Sjøposten has it from the police."""
    onwards: dict[str, set[_Trace]] = {}
    for _, trace in traces:
        for position in range(1, len(trace.steps) - 1):
            rest = trace.steps[position + 1 :]
            onwards.setdefault(name_key(trace.steps[position]), set()).add(
                _Trace(rest, trace.name, trace.kind, trace.outlet)
            )
    continued = []
    for cell, trace in traces:
        found = onwards.get(name_key(trace.name))
        ends_at_source = trace.kind not in (OriginKind.OWN_REPORTING, OriginKind.ANONYMOUS)
        if ends_at_source and found and len({(t.name, t.kind) for t in found}) == 1:
            rest = min(found, key=lambda t: len(t.steps))
            if rest.steps and rest.steps[-1] != trace.steps[-1]:
                trace = _Trace((*trace.steps, *rest.steps), rest.name, rest.kind, rest.outlet)
        continued.append((cell, trace))
    return continued


def _quote_balance(text: str) -> int:
    """Quotation marks a sentence opens (+1), closes (-1) or leaves as they were (0):
    curly marks by their shape, straight ones by what stands beside them."""
    opened = closed = 0
    for match in re.finditer(r'[“”"]', text):
        mark, at = match.group(), match.start()
        before = text[at - 1] if at else " "
        if mark == "“" or (mark == '"' and (before.isspace() or before in "([—–-:")):
            opened += 1
        else:
            closed += 1
    return (opened > closed) - (closed > opened)


def _covers(citation: Citation, claim: str) -> bool:
    """Whether a citation covers the claim: always, unless it covers only part of the
    sentence (a relative clause, one conjunct) and the claim shares more words with the
    rest of the sentence."""
    if not citation.clause or not claim:
        return True
    claim_words = _content_words(claim)
    clause_words = _content_words(citation.clause)
    rest_words = _content_words(citation.quote) - clause_words
    return len(claim_words & clause_words) >= len(claim_words & rest_words)


def _content_words(text: str) -> set[str]:
    return {
        word
        for word in re.findall(r"\w+", text.lower())
        if len(word) > 3 and word not in _FUNCTION_WORDS
    }


# Words of four letters or more that say nothing of what a clause is about.
_FUNCTION_WORDS = frozenset(
    {"were", "have", "been", "with", "that", "this", "they", "their", "from", "will", "would"}
    | {"said", "says", "told", "also", "after", "before", "about", "there", "which", "where"}
)


def _rendered(renders: dict[int, int] | None, sentence: int | None) -> int | None:
    """The original's sentence a copied sentence renders: aligned, or the aligned one
    before it."""
    if not renders or sentence is None:
        return sentence
    if sentence in renders:
        return renders[sentence]
    before = [index for index in renders if index < sentence]
    return renders[max(before)] if before else sentence


def _affiliation(citation: Citation) -> str:
    match = _AFFILIATION.match(citation.wording) or _SERVICE_ROLE.match(citation.wording)
    if match:
        return match.group("body")
    if citation.source[:1].isupper():
        after = re.escape(citation.source) + r",\s+"
        match = re.search(after + _ROLE_FOR, citation.quote) or re.search(
            after + _ROLE_OF, citation.quote
        )
        if match:
            return match.group("body")
    minister = _MINISTER.match(citation.wording)
    if minister and minister.group("portfolio").split()[-1] != "Prime":
        return f"{minister.group('portfolio')} Ministry"
    return ""


def _is_anonymous_source(trace: _Trace) -> bool:
    words = set(name_key(trace.name).split())
    return trace.kind == OriginKind.ANONYMOUS and bool(words & _ANONYMOUS_SOURCE_WORDS)


def _eyewitness_group(name: str) -> str | None:
    """The eyewitness group unnamed people belong to: "Several passengers" and
    "survivors" are both aboard; a named person or a body belongs to none."""
    words = re.split(r"\s+(?:in|at|on|from|near)\s+", name.strip(), maxsplit=1)[0].split()
    if not words or any(word[:1].isupper() for word in words[1:]):
        return None
    *before, head = (word.lower() for word in words)
    if any(word not in _QUANTIFIERS for word in before):
        return None
    head = _PLURALS.get(head, head.removesuffix("s"))
    return next((group for group, heads in _EYEWITNESS_GROUPS.items() if head in heads), None)
