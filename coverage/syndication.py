"""Which articles of an event republish others: loading, caching and grouping.

The comparison itself is coverage.analysis.syndication. Its result depends only on
the event's texts, so it is cached in Django's cache under the event, together with
a fingerprint of the articles (ids, text lengths, publication dates): adding,
removing or editing an article changes the fingerprint, and the next reader
recomputes. Nothing is stored in the models, so nothing can go stale there.

Outlets are grouped as not independent when their articles share text, when one
credits another ("This story was first published by VSNA"), or when they credit
the same outside source ("Read Full Article at RT.com").
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db.models.functions import Length

from coverage.analysis import syndication
from coverage.analysis.embeddings import CachingEncoder, get_embedder
from coverage.analysis.errors import ModelNotInstalled
from coverage.analysis.syndication import Basis, Credit, Kind, Overlap, source_key
from coverage.matrix import OutletCell, blind_labels
from coverage.models import Article, Event

CACHE_SECONDS = 30 * 24 * 3600
# Bump when the analysis changes, so cached results of the old one are not reused.
CACHE_VERSION = 4


@dataclass(frozen=True)
class ArticleFacts:
    """What the fingerprint and the grouping need of an article, without its text."""

    pk: int
    outlet_id: int
    length: int
    published_at: datetime | None
    outlet_name: str
    outlet_homepage: str


@dataclass
class TextAnalysis:
    """The cached result: pairs that share text, and what each article credits."""

    overlaps: list[Overlap]
    credits: dict[int, list[Credit]] = field(default_factory=dict)


@dataclass
class Republication:
    """One pair for the page: ``republished`` takes its text from ``original``.

    The names are what the reader sees: outlet names, or blind letters.
    """

    original: Article
    original_name: str
    republished: Article
    republished_name: str
    overlap: Overlap
    # The republished article's own words naming the original's outlet, if it has any.
    credit: Credit | None = None

    @property
    def is_copy(self) -> bool:
        return self.overlap.kind == Kind.COPY

    @property
    def dated(self) -> bool:
        return self.overlap.basis == Basis.PUBLISHED


@dataclass
class CreditLine:
    """An article that says it republishes a source, which may be an outlet of the
    event (``credited_name``) or one outside it."""

    article: Article
    name: str
    credit: Credit
    credited_name: str = ""


@dataclass
class ArticleGroup:
    """Articles that share one text, earliest first, each with its outlet's name."""

    articles: list[tuple[Article, str]]
    outlet_names: list[str]


@dataclass
class SyndicationReport:
    republications: list[Republication]
    credits: list[CreditLine]
    groups: list[ArticleGroup]
    outlet_count: int
    independent_outlet_count: int
    article_count: int


def _facts(articles: Iterable[Article]) -> list[ArticleFacts]:
    """Facts of articles already loaded with their text and outlet (as the matrix
    loads them)."""
    return [
        ArticleFacts(
            article.pk,
            article.outlet_id,
            len(article.text),
            article.published_at,
            article.outlet.name,
            article.outlet.homepage,
        )
        for article in articles
    ]


def _load_facts(event: Event) -> list[ArticleFacts]:
    return [
        ArticleFacts(*row)
        for row in event.articles.order_by("pk").values_list(
            "pk", "outlet_id", Length("text"), "published_at", "outlet__name", "outlet__homepage"
        )
    ]


def _fingerprint(facts: Sequence[ArticleFacts]) -> str:
    described = ";".join(
        f"{f.pk}:{f.length}:{f.published_at.isoformat() if f.published_at else ''}"
        for f in sorted(facts, key=lambda f: f.pk)
    )
    return hashlib.sha256(described.encode()).hexdigest()


def _cache_key(event: Event) -> str:
    return f"syndication:v{CACHE_VERSION}:event:{event.pk}"


def text_analysis(event: Event, facts: Sequence[ArticleFacts]) -> TextAnalysis:
    """The event's shared texts and credits: one cache read when nothing changed;
    else one more query for the texts, and the comparison, whose result is cached."""
    fingerprint = _fingerprint(facts)
    cached = cache.get(_cache_key(event))
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    by_pk = {f.pk: f for f in facts}
    documents = [
        syndication.Document(
            key=pk,
            text=text,
            source=by_pk[pk].outlet_id,
            published_at=by_pk[pk].published_at,
            order=pk,
            names=(by_pk[pk].outlet_name, by_pk[pk].outlet_homepage),
        )
        for pk, text in Article.objects.filter(pk__in=by_pk)
        .order_by("pk")
        .values_list("pk", "text")
    ]
    analysis = TextAnalysis(
        overlaps=syndication.find_overlaps(documents, encoder=_sentence_encoder()),
        credits={
            document.key: found
            for document in documents
            if (found := syndication.credits(document.text))
        },
    )
    cache.set(_cache_key(event), (fingerprint, analysis), CACHE_SECONDS)
    return analysis


def _sentence_encoder() -> CachingEncoder | None:
    """MiniLM for finding paraphrased rewrites; without it, word overlap only."""
    try:
        return CachingEncoder(get_embedder())
    except ModelNotInstalled:
        return None


def _credited_outlets(
    facts: Sequence[ArticleFacts], analysis: TextAnalysis
) -> list[tuple[ArticleFacts, Credit, int | None]]:
    """Each credit with the event's outlet it names, if any; an outlet's credit to
    itself (its own dateline) is left out."""
    outlet_by_key: dict[str, int] = {}
    for fact in facts:
        for name in (fact.outlet_name, fact.outlet_homepage):
            if key := source_key(name):
                outlet_by_key[key] = fact.outlet_id
    credited = []
    for fact in facts:
        for credit in analysis.credits.get(fact.pk, []):
            outlet = outlet_by_key.get(credit.key)
            if outlet != fact.outlet_id:
                credited.append((fact, credit, outlet))
    return credited


def _groups(facts: Sequence[ArticleFacts], analysis: TextAnalysis) -> syndication.Groups:
    documents = [syndication.Document(key=f.pk, text="", source=f.outlet_id) for f in facts]
    shared: list[tuple[int, Hashable]] = []
    for fact, credit, outlet in _credited_outlets(facts, analysis):
        if outlet is None:
            shared.append((fact.outlet_id, credit.key))
        else:
            shared += [(fact.outlet_id, ("outlet", outlet)), (outlet, ("outlet", outlet))]
    return syndication.independent_groups(documents, analysis.overlaps, shared)


def _outlet_groups(facts: Sequence[ArticleFacts], analysis: TextAnalysis) -> dict[int, int]:
    groups = {f.outlet_id: f.outlet_id for f in facts}
    for outlets in _groups(facts, analysis).sources:
        groups.update(dict.fromkeys(outlets, min(outlets)))
    return groups


def independent_outlet_groups(
    event: Event, articles: Iterable[Article] | None = None
) -> dict[int, int]:
    """Outlet id -> a group key shared by outlets that republish one another or one
    source.

    Outlets that copy from no one and are copied by no one are their own group (the
    key is their own id). Pass all the event's articles, with their outlets, when they
    are already loaded (``build_matrix`` loads them): a cached result then costs one
    query, the cache read; without them one more query reads the articles' ids and
    lengths.
    """
    facts = _facts(articles) if articles is not None else _load_facts(event)
    return _outlet_groups(facts, text_analysis(event, facts))


def independent_count(cells: Iterable[OutletCell], groups: dict[int, int]) -> int:
    """How many independent sources these cells are: outlets that republish one
    another count once. For "✔ 5 outlets (2 independent)" in a matrix row."""
    return len({groups.get(cell.outlet.pk, cell.outlet.pk) for cell in cells})


def syndication_report(event: Event, *, blind: bool = False) -> SyndicationReport:
    """Everything the syndication page shows, in two queries when cached (the
    articles with their outlets, and the cache read). ``blind`` names outlets with
    the matrix's blind letters."""
    articles = list(
        event.articles.select_related("outlet")
        .defer("text")
        .annotate(text_length=Length("text"))
        .order_by("pk")
    )
    facts = [
        ArticleFacts(
            article.pk,
            article.outlet_id,
            article.text_length,
            article.published_at,
            article.outlet.name,
            article.outlet.homepage,
        )
        for article in articles
    ]
    analysis = text_analysis(event, facts)
    outlets = {article.outlet_id: article.outlet for article in articles}
    if blind:
        names = blind_labels(event, list(outlets.values()))
    else:
        names = {pk: outlet.name for pk, outlet in outlets.items()}
    by_pk = {article.pk: article for article in articles}
    grouped = _groups(facts, analysis)
    groups = []
    for members in grouped.articles:
        group = sorted((by_pk[pk] for pk in members), key=_publication_order)
        groups.append(
            ArticleGroup(
                articles=[(article, names[article.outlet_id]) for article in group],
                outlet_names=sorted({names[article.outlet_id] for article in group}),
            )
        )
    # An outlet reusing its own earlier article is no republication; it still joins
    # the articles' group below.
    between_outlets = [
        o
        for o in analysis.overlaps
        if by_pk[o.original].outlet_id != by_pk[o.republished].outlet_id
    ]
    credited = _credited_outlets(facts, analysis)
    credit_for = {(fact.pk, outlet): credit for fact, credit, outlet in credited if outlet}
    republications = [
        Republication(
            original=by_pk[o.original],
            original_name=names[by_pk[o.original].outlet_id],
            republished=by_pk[o.republished],
            republished_name=names[by_pk[o.republished].outlet_id],
            overlap=o,
            credit=credit_for.get((o.republished, by_pk[o.original].outlet_id)),
        )
        for o in syndication.likeliest_sources(between_outlets)
    ]
    shown = {(r.republished.pk, r.original.outlet_id) for r in republications if r.credit}
    return SyndicationReport(
        republications=republications,
        credits=[
            CreditLine(
                article=by_pk[fact.pk],
                name=names[fact.outlet_id],
                credit=credit,
                credited_name=names[outlet] if outlet is not None else "",
            )
            for fact, credit, outlet in credited
            if (fact.pk, outlet) not in shown
        ],
        groups=groups,
        outlet_count=len(outlets),
        independent_outlet_count=len(outlets) - sum(len(g) - 1 for g in grouped.sources),
        article_count=len(articles),
    )


def _publication_order(article: Article) -> tuple[bool, float, int]:
    published = article.published_at.timestamp() if article.published_at else 0.0
    return (article.published_at is None, published, article.pk)
