"""The syndication layer: who republishes whom, as the page shows it.

What counts as independent, and the worker's comparison of the texts it rests on, is
coverage.independence; this module lays that comparison out for the page: each pair
with its likeliest source, the reasons and the sentences that correspond, the credit
lines, and the groups of articles that count as one source. In blind mode outlets
are letters, in names and in every quoted text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models.functions import Length

from coverage.analysis import syndication
from coverage.analysis.syndication import Basis, Credit, Kind, Overlap
from coverage.blind import blinding
from coverage.independence import (
    AlignedText,
    ArticleFacts,
    credited_outlets,
    grouped,
    groups_of_outlets,
    independent_source_count,
    stored_analysis,
)
from coverage.models import Article, Event


@dataclass
class Republication:
    """One pair for the page: ``republished`` takes its text from ``original``, or, for
    siblings (``overlap.common_source``), both reprint that outside source.

    The names are what the reader sees: outlet names, or blind letters; so are the
    reasons, the aligned sentences and the common source, redacted in blind mode.
    """

    original: Article
    original_name: str
    republished: Article
    republished_name: str
    overlap: Overlap
    # The republished article's own words naming the original's outlet, if it has any.
    credit: Credit | None = None
    reasons: list[str] = field(default_factory=list)
    aligned: list[AlignedText] = field(default_factory=list)
    common_source: str = ""

    @property
    def is_copy(self) -> bool:
        return self.overlap.kind == Kind.COPY

    @property
    def dated(self) -> bool:
        return self.overlap.basis == Basis.PUBLISHED

    @property
    def siblings(self) -> bool:
        return bool(self.common_source)


@dataclass
class CreditLine:
    """An article that says it republishes a source, which may be an outlet of the
    event (``credited_name``) or one outside it."""

    article: Article
    name: str
    credit: Credit
    credited_name: str = ""
    # The credit as the page shows it: the source's name, empty where blind mode hides
    # it (it names an outlet of the event or one of its aliases), and the quote.
    source: str = ""
    quote: str = ""


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
    # The worker has not compared these articles yet; ``queue_key`` as in Stored.
    pending: bool = False
    error: str = ""
    queue_key: str = ""


def syndication_report(event: Event, *, blind: bool = False) -> SyndicationReport:
    """Everything the syndication page shows, in two queries (the articles with their
    outlets, and the cache read). ``blind`` names outlets with the matrix's blind
    letters and puts them in place of outlet names in quotes and reasons."""
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
    outlets = {article.outlet_id: article.outlet for article in articles}
    report = SyndicationReport([], [], [], len(outlets), len(outlets), len(articles))
    if len(articles) < 2:
        return report
    stored = stored_analysis(event, facts)
    if stored.analysis is None:
        report.pending, report.error = not stored.failure, stored.failure
        report.queue_key = stored.queue_key
        return report
    analysis = stored.analysis
    shown = blinding(event, outlets.values(), hides=blind)
    names = {pk: shown.name(outlet) for pk, outlet in outlets.items()}
    redact = shown.redact
    by_pk = {article.pk: article for article in articles}
    groups = grouped(facts, analysis)
    for members in groups.articles:
        group = sorted((by_pk[pk] for pk in members), key=_publication_order)
        report.groups.append(
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
    credited = credited_outlets(facts, analysis)
    credit_for = {(fact.pk, outlet): credit for fact, credit, outlet in credited if outlet}
    report.republications = [
        Republication(
            original=by_pk[o.original],
            original_name=names[by_pk[o.original].outlet_id],
            republished=by_pk[o.republished],
            republished_name=names[by_pk[o.republished].outlet_id],
            overlap=o,
            credit=credit_for.get((o.republished, by_pk[o.original].outlet_id)),
            reasons=[redact(reason) for reason in o.reasons],
            aligned=[
                AlignedText(
                    redact(pair.original),
                    redact(pair.republished),
                    pair.similarity,
                    tuple(redact(part) for part in pair.shared),
                )
                for pair in analysis.aligned.get((o.original, o.republished), [])
            ],
            common_source=redact(o.common_source),
        )
        for o in syndication.likeliest_sources(between_outlets)
    ]
    shown = {(r.republished.pk, r.original.outlet_id) for r in report.republications if r.credit}
    report.credits = [
        CreditLine(
            article=by_pk[fact.pk],
            name=names[fact.outlet_id],
            credit=credit,
            credited_name=names[outlet] if outlet is not None else "",
            source=credit.source if redact(credit.source) == credit.source else "",
            quote=redact(credit.quote),
        )
        for fact, credit, outlet in credited
        if (fact.pk, outlet) not in shown
    ]
    # The same number as the matrix, the API and the exports (coverage.selectors.counts).
    report.independent_outlet_count = independent_source_count(groups_of_outlets(facts, analysis))
    return report


def _publication_order(article: Article) -> tuple[bool, float, int]:
    published = article.published_at.timestamp() if article.published_at else 0.0
    return (article.published_at is None, published, article.pk)
