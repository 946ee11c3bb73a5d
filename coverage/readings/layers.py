"""The Sources and Wording layers of an event page: computed by the worker, then presented.

Parsing an event's articles with spaCy takes seconds (and, on a long text, memory), so
it never happens in a page request: the task worker runs prepare() when articles are
added or analysed, or when a page finds its layer missing, and keeps the result in
Django's cache (the database cache by default, shared by every web process and the
worker). Until then a page says the layer is being prepared. Two entries are kept:

- what the articles say (sources cited, actors named), keyed by each article's id,
  text length and creation time, so adding or removing an article computes afresh;
- the verbs of the rows' evidence sentences, keyed also by each row's wording and
  evidence, so a correction to a cell recomputes only these (a few sentences).

Reading a layer costs three small queries and no spaCy. Outlet names, blind letters
and row links are not cached: they are applied on every request, so renaming an
outlet never needs a recompute.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db.models import QuerySet
from django.db.models.functions import Length, Lower

from coverage.analysis.embeddings import CachingEncoder, get_embedder
from coverage.analysis.errors import ModelNotInstalled
from coverage.analysis.names import ParsedSentence, name_key
from coverage.analysis.nlp import get_nlp
from coverage.analysis.sources import (
    Citation,
    SourceKind,
    SourceRow,
    find_citations,
    tabulate_sources,
)
from coverage.analysis.wording import (
    ActorWording,
    LabelUse,
    Predicate,
    Tone,
    Voice,
    describe_actors,
    label_counts,
    predicate,
)
from coverage.blind import Redact, blind_label_order, blind_labels, outlets_redactor, unchanged
from coverage.models import Article, Event, Outlet, Sentence, Stance
from coverage.services.articles import MAX_SENTENCE_CHARS

logger = logging.getLogger(__name__)

# Bump when the analysis changes what it finds, so cached results are recomputed.
ANALYSIS_VERSION = 6
# Sentences parsed per spaCy batch: large enough to be quick, small enough for memory.
_BATCH_SIZE = 256
# A failure (no language model) is remembered for a while, then tried again.
FAILURE_SECONDS = 15 * 60
# A queued preparation is not queued again for this long, unless it has finished.
QUEUED_SECONDS = 10 * 60


@dataclass(frozen=True)
class Evidence:
    """One matrix row's evidence sentence in one article."""

    assertion_id: int
    assertion_text: str
    position: int
    article_id: int
    sentence_index: int


@dataclass(frozen=True)
class ArticleAnalysis:
    """What spaCy found in an event's articles, keyed by article id."""

    sources: list[SourceRow]
    actors: list[ActorWording]


# (assertion id, article id) -> the verb phrase carrying the claim in its evidence.
Verbs = dict[tuple[int, int], Predicate]


@dataclass(frozen=True)
class LayerFailure:
    """The layer could not be computed; the message says why, for the reader."""

    message: str


@dataclass
class EventArticles:
    """The event's articles with their outlets, in matrix column order."""

    articles: list[Article]
    evidence: list[Evidence]
    outlets: list[Outlet] = field(init=False)

    def __post_init__(self) -> None:
        self.outlets = list(
            {article.outlet_id: article.outlet for article in self.articles}.values()
        )

    @property
    def fingerprint(self) -> str:
        """What the articles part depends on."""
        return _articles_fingerprint(
            (article.pk, article.text_length, article.created_at) for article in self.articles
        )

    @property
    def evidence_fingerprint(self) -> str:
        """What the verbs depend on: the articles and every row's wording and evidence."""
        parts = [self.fingerprint]
        parts += [
            f"e{item.assertion_id}:{item.article_id}:{item.sentence_index}:{item.assertion_text}"
            for item in self.evidence
        ]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _articles_fingerprint(articles: Iterable[tuple[int, int, datetime]]) -> str:
    """Of (id, text length, creation time) in matrix column order."""
    parts = [f"v{ANALYSIS_VERSION}"]
    parts += [f"a{pk}:{length}:{created.isoformat()}" for pk, length, created in articles]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def load_event_articles(event: Event) -> EventArticles:
    """Two queries: articles with outlets and text lengths, and the rows' evidence."""
    articles = list(
        event.articles.select_related("outlet")
        .annotate(text_length=Length("text"))
        .defer("text")
        .order_by(Lower("outlet__name"), "pk")
    )
    evidence = [
        Evidence(*values)
        for values in Stance.objects.filter(assertion__event=event, evidence__isnull=False)
        .exclude(label=Stance.Label.SILENT)
        .order_by("assertion__position", "assertion_id", "article_id")
        .values_list(
            "assertion_id",
            "assertion__text",
            "assertion__position",
            "article_id",
            "evidence__index",
        )
    ]
    return EventArticles(articles=articles, evidence=evidence)


def articles_key(event: Event, loaded: EventArticles) -> str:
    return _articles_key(event.pk, loaded.fingerprint)


def _articles_key(event_id: int, fingerprint: str) -> str:
    return f"parallax:layers:articles:{event_id}:{fingerprint}"


def verbs_key(event: Event, loaded: EventArticles) -> str:
    return f"parallax:layers:verbs:{event.pk}:{loaded.evidence_fingerprint}"


def queued_key(event: Event, loaded: EventArticles) -> str:
    """Marks a preparation of this state of the event as queued already."""
    return f"parallax:layers:queued:{event.pk}:{loaded.evidence_fingerprint}"


def prepare(event: Event) -> None:
    """Compute and keep whatever the event's layers are missing: the worker's job.

    Parses every stored sentence when the articles changed, else only the rows'
    evidence sentences. Sentences are at most MAX_SENTENCE_CHARS long since they are
    stored so; older ones are cut there for parsing.
    """
    loaded = load_event_articles(event)
    if not loaded.articles:
        return
    keys = [articles_key(event, loaded), verbs_key(event, loaded)]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if not missing:
        return
    try:
        computed = _compute(loaded, articles=keys[0] in missing)
    except ModelNotInstalled as error:
        failure = LayerFailure(
            f"This layer needs the language model, which is not installed here. {error}"
        )
        cache.set_many(dict.fromkeys(missing, failure), timeout=FAILURE_SECONDS)
        return
    except Exception:
        logger.exception("Could not prepare the layers of event %s", event.pk)
        failure = LayerFailure(
            "This layer could not be prepared from these articles. Tell the administrator; "
            "it is tried again in a quarter of an hour."
        )
        cache.set_many(dict.fromkeys(missing, failure), timeout=FAILURE_SECONDS)
        return
    # The keys change with what they were computed from, so an entry never goes
    # stale; old ones are culled by the cache.
    cache.set_many(
        {key: value for key, value in zip(keys, computed, strict=True) if value is not None},
        timeout=None,
    )


def article_analysis(event: Event) -> ArticleAnalysis | LayerFailure | None:
    """What the worker found in the event's current articles, or None until it has:
    for other worker steps (coverage.origins), which read the citations."""
    return cache.get(articles_key(event, load_event_articles(event)))


def cited_sources(events: QuerySet[Event]) -> dict[int, Counter[str]]:
    """Outlet id -> the sources its articles cite in these events, each with the number
    of sentences citing it, as the Sources layer lists them: in two queries (the
    articles, then one cache read of what the worker found), never parsing anything.
    Events the worker has not prepared yet count nothing."""
    by_event: dict[int, list[tuple[int, int, int, datetime]]] = defaultdict(list)
    for event_id, pk, outlet_id, length, created in (
        Article.objects.filter(event__in=events)
        .order_by("event_id", Lower("outlet__name"), "pk")
        .values_list("event_id", "pk", "outlet_id", Length("text"), "created_at")
    ):
        by_event[event_id].append((pk, outlet_id, length, created))
    keys = [
        _articles_key(event_id, _articles_fingerprint((a[0], a[2], a[3]) for a in articles))
        for event_id, articles in by_event.items()
    ]
    outlet_of = {pk: outlet_id for rows in by_event.values() for pk, outlet_id, _, _ in rows}
    cited: dict[int, Counter[str]] = defaultdict(Counter)
    for analysis in cache.get_many(keys).values():
        if not isinstance(analysis, ArticleAnalysis):
            continue
        for row in analysis.sources:
            for article_id, citations in row.citations.items():
                cited[outlet_of[article_id]][row.source] += len(citations)
    return cited


def _compute(loaded: EventArticles, *, articles: bool) -> tuple[ArticleAnalysis | None, Verbs]:
    nlp = get_nlp()
    stored = Sentence.objects.filter(
        article__in=[article.pk for article in loaded.articles]
    ).order_by("article_id", "index")
    if not articles:
        wanted = {(item.article_id, item.sentence_index) for item in loaded.evidence}
        stored = stored.filter(index__in={index for _, index in wanted})
    rows = [
        row
        for row in stored.values_list("article_id", "index", "text")
        if articles or (row[0], row[1]) in wanted
    ]
    docs = nlp.pipe([text[:MAX_SENTENCE_CHARS] for _, _, text in rows], batch_size=_BATCH_SIZE)
    parsed: dict[int, list[ParsedSentence]] = {article.pk: [] for article in loaded.articles}
    for (article_id, index, text), doc in zip(rows, docs, strict=True):
        parsed[article_id].append(ParsedSentence(index=index, text=text, doc=doc))
    verbs: Verbs = {}
    claims = {item.assertion_id: item.assertion_text for item in loaded.evidence}
    claim_docs = dict(zip(claims, nlp.pipe(claims.values()), strict=True))
    for item in loaded.evidence:
        sentence = next(
            (s for s in parsed.get(item.article_id, []) if s.index == item.sentence_index), None
        )
        if sentence is None:
            continue
        found = predicate(sentence.doc, claim_docs[item.assertion_id])
        if found is not None:
            verbs[(item.assertion_id, item.article_id)] = found
    if not articles:
        return None, verbs
    return (
        ArticleAnalysis(
            sources=tabulate_sources(
                {article_id: find_citations(sentences) for article_id, sentences in parsed.items()}
            ),
            # MiniLM tells a people noun no lexicon lists ("freeloaders") from a thing.
            actors=describe_actors(parsed, encoder=CachingEncoder(get_embedder())),
        ),
        verbs,
    )


# Presentation: the cached analysis laid out as outlet columns for the templates.


@dataclass
class Quote:
    """A sentence to show under a count, linked to its place in the article and its rows."""

    article: Article
    sentence_index: int
    text: str
    rows: list[Evidence]
    note: str = ""


@dataclass
class Column:
    outlet: Outlet
    name: str


@dataclass
class SourceCell:
    quotes: list[Quote]


@dataclass
class SourceTableRow:
    source: str
    kind: SourceKind
    via: tuple[str, ...]
    cells: list[SourceCell]

    @property
    def total(self) -> int:
        return sum(len(cell.quotes) for cell in self.cells)


@dataclass
class Chain:
    outlet: str
    steps: tuple[str, ...]
    count: int


@dataclass
class LabelEntry:
    label: str
    tone: Tone
    quotes: list[Quote]


@dataclass
class ActorCell:
    names: list[tuple[str, int]]
    labels: list[LabelEntry]


@dataclass
class ActorRow:
    actor: str
    cells: list[ActorCell]


@dataclass
class ActionRow:
    assertion_id: int
    assertion_text: str
    position: int
    # Per column: (verb phrase, its sentence, the sentence's hedging cues), or None.
    phrases: list[tuple[str, Quote, tuple[str, ...]] | None]


@dataclass
class Layer:
    """What a layer template needs: columns, rows, and any problem to explain.

    ``pending`` says the worker has not prepared the layer yet (``verbs_pending``: only
    the wording layer's verbs); ``queue_key`` is then what to queue it under.
    """

    columns: list[Column]
    blind: bool
    error: str = ""
    pending: bool = False
    verbs_pending: bool = False
    queue_key: str = ""
    sources: list[SourceTableRow] = field(default_factory=list)
    chains: list[Chain] = field(default_factory=list)
    kinds: list[tuple[SourceKind, int]] = field(default_factory=list)
    actors: list[ActorRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    tones: list[Tone] = field(default_factory=list)


def sources_layer(event: Event, *, blind: bool = False) -> Layer:
    loaded = load_event_articles(event)
    layer, analysis, _ = _start(event, loaded, blind, verbs=False)
    if analysis is None:
        return layer
    context = _Context(loaded, layer)
    for row in analysis.sources:
        cells = [SourceCell(quotes=[]) for _ in layer.columns]
        for article_id, citations in row.citations.items():
            for citation in citations:
                if (
                    quote := context.quote(article_id, citation.sentence_index, citation.quote)
                ) is None:
                    continue
                quote.note = context.mask(_wording_note(citation))
                cells[context.column_of[article_id]].quotes.append(quote)
        table_row = SourceTableRow(
            source=context.hide_outlets(row.source),
            kind=row.kind,
            via=tuple(context.hide_outlets(name) for name in row.via),
            cells=cells,
        )
        if table_row.total:
            layer.sources.append(table_row)
    chains: dict[tuple[str, tuple[str, ...]], int] = defaultdict(int)
    for row in layer.sources:
        if row.via:
            for column, cell in zip(layer.columns, row.cells, strict=True):
                if cell.quotes:
                    chains[(column.name, (*row.via, row.source))] += len(cell.quotes)
    layer.chains = [Chain(outlet, steps, count) for (outlet, steps), count in chains.items()]
    kind_totals: dict[SourceKind, int] = defaultdict(int)
    for row in layer.sources:
        kind_totals[row.kind] += row.total
    layer.kinds = [(kind, kind_totals[kind]) for kind in SourceKind if kind_totals[kind]]
    return layer


def wording_layer(event: Event, *, blind: bool = False) -> Layer:
    loaded = load_event_articles(event)
    layer, analysis, verbs = _start(event, loaded, blind, verbs=True)
    if analysis is None:
        return layer
    context = _Context(loaded, layer)
    for actor in analysis.actors:
        cells = []
        for column in layer.columns:
            article_ids = context.articles_of[column.outlet.pk]
            names: dict[str, int] = defaultdict(int)
            for article_id in article_ids:
                for name, count in actor.names.get(article_id, ()):
                    names[context.hide_outlets(name)] += count
            uses: list[LabelUse] = [
                use for article_id in article_ids for use in actor.labels.get(article_id, ())
            ]
            article_of_use = {
                id(use): article_id
                for article_id in article_ids
                for use in actor.labels.get(article_id, ())
            }
            labels = []
            for text, tone, _, grouped in label_counts(uses):
                quotes = []
                for use in grouped:
                    quote = context.quote(article_of_use[id(use)], use.sentence_index, use.quote)
                    if quote is not None:
                        quote.note = _label_note(use)
                        quotes.append(quote)
                labels.append(LabelEntry(label=text, tone=tone, quotes=quotes))
            cells.append(
                ActorCell(
                    names=sorted(names.items(), key=lambda item: (-item[1], item[0])), labels=labels
                )
            )
        layer.actors.append(ActorRow(actor=context.hide_outlets(actor.actor), cells=cells))
    layer.tones = sorted(
        {entry.tone for row in layer.actors for cell in row.cells for entry in cell.labels},
        key=list(Tone).index,
    )
    if verbs is not None:
        layer.actions = _action_rows(loaded, verbs, context)
    return layer


def _action_rows(loaded: EventArticles, verbs: Verbs, context: _Context) -> list[ActionRow]:
    """Rows where at least two outlets carry the claim with different verb phrases."""
    rows: dict[int, ActionRow] = {}
    for item in loaded.evidence:
        found = verbs.get((item.assertion_id, item.article_id))
        if found is None or item.article_id not in context.column_of:
            continue
        row = rows.setdefault(
            item.assertion_id,
            ActionRow(
                item.assertion_id,
                item.assertion_text,
                item.position,
                [None] * len(context.layer.columns),
            ),
        )
        column = context.column_of[item.article_id]
        if row.phrases[column] is None:
            quote = context.quote(item.article_id, item.sentence_index, "")
            row.phrases[column] = (found.phrase, quote, found.hedges)
    varied = []
    for row in rows.values():
        # The verb phrase or the verb reporting it ("said", "claimed", "admitted") differs.
        phrases = {(entry[0].lower(), entry[2]) for entry in row.phrases if entry}
        if sum(1 for entry in row.phrases if entry) >= 2 and len(phrases) >= 2:
            varied.append(row)
    return sorted(varied, key=lambda row: (row.position, row.assertion_id))


def _start(
    event: Event, loaded: EventArticles, blind: bool, *, verbs: bool
) -> tuple[Layer, ArticleAnalysis | None, Verbs | None]:
    """The layer's columns and what the worker prepared for it, in one cache query."""
    letters = blind_labels(event, loaded.outlets) if blind else {}
    columns = [Column(outlet, letters.get(outlet.pk, outlet.name)) for outlet in loaded.outlets]
    if blind:
        columns.sort(key=lambda column: blind_label_order(column.name))
    layer = Layer(columns=columns, blind=blind)
    if not loaded.articles:
        return layer, None, None
    keys = [articles_key(event, loaded)] + ([verbs_key(event, loaded)] if verbs else [])
    found = cache.get_many(keys)
    analysis, wording = found.get(keys[0]), found.get(keys[-1]) if verbs else None
    for part in (analysis, wording):
        if isinstance(part, LayerFailure):
            layer.error = part.message
            return layer, None, None
    if analysis is None:
        layer.pending = True
    elif verbs and wording is None:
        layer.verbs_pending = True
    if layer.pending or layer.verbs_pending:
        layer.queue_key = queued_key(event, loaded)
    return layer, analysis, wording


class _Context:
    """Lookups shared while laying out one layer: columns, articles, evidence rows."""

    def __init__(self, loaded: EventArticles, layer: Layer) -> None:
        self.layer = layer
        position = {column.outlet.pk: index for index, column in enumerate(layer.columns)}
        self.articles = {article.pk: article for article in loaded.articles}
        self.column_of = {article.pk: position[article.outlet_id] for article in loaded.articles}
        self.articles_of: dict[int, list[int]] = defaultdict(list)
        for article in loaded.articles:
            self.articles_of[article.outlet_id].append(article.pk)
        self.rows: dict[tuple[int, int], list[Evidence]] = defaultdict(list)
        for item in loaded.evidence:
            self.rows[(item.article_id, item.sentence_index)].append(item)
        # In blind mode an outlet cited by another must not give its name away.
        self.blind_names = (
            {name_key(column.outlet.name): column.name for column in layer.columns}
            if layer.blind
            else {}
        )
        # Quotes name outlets too ("according to the Daily Planet", a byline): in blind
        # mode every outlet name in a text becomes its letter.
        self.mask: Redact = (
            outlets_redactor(
                [column.outlet for column in layer.columns],
                {column.outlet.pk: column.name for column in layer.columns},
                article=True,
            )
            if layer.blind
            else unchanged
        )

    def quote(self, article_id: int, sentence_index: int, text: str) -> Quote | None:
        article = self.articles.get(article_id)
        if article is None:
            return None
        return Quote(
            article,
            sentence_index,
            self.mask(text),
            self.rows.get((article_id, sentence_index), []),
        )

    def hide_outlets(self, name: str) -> str:
        return self.blind_names.get(name_key(name), self.mask(name))


def _label_note(use: LabelUse) -> str:
    """Whose word a label is, when not the outlet's own, and how it was tied to the actor."""
    notes = ["by context"] if use.by_context else []
    if use.voice == Voice.QUOTED:
        notes.append(f"quoting {use.speaker}" if use.speaker else "in a quotation")
    elif use.voice == Voice.ATTRIBUTED:
        notes.append(f"attributed to {use.speaker}" if use.speaker else "attributed")
    return "; ".join(notes)


def _wording_note(citation: Citation) -> str:
    """How the sentence itself names the source, when that differs from the row's name."""
    if citation.wording and name_key(citation.wording) != name_key(citation.source):
        return f"as “{citation.wording}”"
    return ""
