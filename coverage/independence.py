"""What counts as independent: outlets that republish one another are one source.

Five outlets running one wire story are one confirmation, not five. Every page that
counts sources asks this module. Outlets are grouped as not independent when their
articles share text, when one credits another ("This story was first published by
VSNA", "(CPA) -", matched to the event's outlets in any form articles write them),
or when they credit the same outside source ("Read Full Article at RT.com").

The comparison itself is coverage.analysis.syndication. It reads every text and, with
MiniLM, aligns their sentences: seconds for a large event, so it never runs in a page
request. The task worker runs prepare() when articles are added or analysed, or when
a page finds the result missing (coverage.tasks), and keeps it in Django's cache under
the event with a fingerprint of the articles (ids, text lengths, publication dates,
outlet names and homepages). Adding, removing or editing an article changes the
fingerprint; until the worker has compared the texts again, pages say so and count
every outlet as its own source. Nothing is stored in the models, so nothing can go
stale there. The syndication layer (coverage.readings.syndication) shows the pairs.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db.models.functions import Length

from coverage.analysis import syndication
from coverage.analysis.embeddings import CachingEncoder, get_embedder
from coverage.analysis.errors import ModelNotInstalled
from coverage.analysis.names import NameMatcher
from coverage.analysis.segment import split_sentences
from coverage.analysis.syndication import Credit, Overlap
from coverage.models import Article, Event

if TYPE_CHECKING:
    from coverage.origins import KeptOrigins, TracingFailure
    from coverage.selectors.matrix import OutletCell

logger = logging.getLogger(__name__)

# Bump when the analysis changes, so cached results of the old one are not reused.
CACHE_VERSION = 5
# Bump when tracing origins (coverage.origins) changes what it finds.
ORIGINS_VERSION = 3
# A failed comparison is remembered for a while, then tried again.
FAILURE_SECONDS = 15 * 60
# Aligned sentences kept per pair as its evidence, each cut to this many characters:
# enough to check a rewrite, bounded however long the articles are.
ALIGNED_SHOWN = 12
ALIGNED_CHARS = 400


@dataclass(frozen=True)
class ArticleFacts:
    """What the fingerprint and the grouping need of an article, without its text."""

    pk: int
    outlet_id: int
    length: int
    published_at: datetime | None
    outlet_name: str
    outlet_homepage: str


@dataclass(frozen=True)
class AlignedText:
    """A sentence of the original and the republished sentence that renders it."""

    original: str
    republished: str
    similarity: float
    # Numbers, names and quotations both sentences give.
    shared: tuple[str, ...] = ()


@dataclass
class TextAnalysis:
    """The worker's result: pairs that share text, what each article credits, and the
    aligned sentences of each pair (keyed by original and republished article id)."""

    overlaps: list[Overlap]
    credits: dict[int, list[Credit]] = field(default_factory=dict)
    aligned: dict[tuple[int, int], list[AlignedText]] = field(default_factory=dict)


@dataclass(frozen=True)
class ComparisonFailure:
    """The worker could not compare the texts; the message says so, for the reader."""

    message: str


@dataclass(frozen=True)
class Stored:
    """What the worker has kept for the event's current articles, in one cache read.

    ``analysis`` is None until the worker has compared these texts (or when it could
    not: ``failure``); ``queue_key`` is then what to queue the comparison under, empty
    once it is queued. ``origins`` is the worker's last tracing of the rows' origins
    (coverage.origins), read in the same query; it may be for other articles or cells,
    or say that tracing failed.
    """

    analysis: TextAnalysis | None
    failure: str = ""
    queue_key: str = ""
    origins: KeptOrigins | TracingFailure | None = None


@dataclass(frozen=True)
class OutletGroups:
    """Outlet id -> group key, or None while the worker has not compared the texts."""

    groups: dict[int, int] | None
    queue_key: str = ""


def article_facts(articles: Iterable[Article]) -> list[ArticleFacts]:
    """Facts of articles already loaded with their outlet and their text (as the matrix
    loads them) or its length (annotated as ``text_length``, the text deferred)."""
    return [
        ArticleFacts(
            article.pk,
            article.outlet_id,
            article.text_length if hasattr(article, "text_length") else len(article.text),
            article.published_at,
            article.outlet.name,
            article.outlet.homepage,
        )
        for article in articles
    ]


def load_facts(event: Event) -> list[ArticleFacts]:
    """The facts of the event's articles, in one query that reads no text."""
    return [
        ArticleFacts(*row)
        for row in event.articles.order_by("pk").values_list(
            "pk", "outlet_id", Length("text"), "published_at", "outlet__name", "outlet__homepage"
        )
    ]


def fingerprint(facts: Sequence[ArticleFacts]) -> str:
    # Outlet names and homepages count: the comparison reads them to tell which
    # article of a pair names the other's outlet.
    described = ";".join(
        f"{f.pk}:{f.length}:{f.published_at.isoformat() if f.published_at else ''}"
        f":{f.outlet_name}:{f.outlet_homepage}"
        for f in sorted(facts, key=lambda f: f.pk)
    )
    return hashlib.sha256(described.encode()).hexdigest()


def _cache_key(event: Event) -> str:
    return f"syndication:v{CACHE_VERSION}:event:{event.pk}"


def _queued_key(event: Event, current: str) -> str:
    return f"syndication:v{CACHE_VERSION}:queued:{event.pk}:{current}"


def origins_key(event: Event) -> str:
    """Where coverage.origins keeps the event's traced origins; read with the comparison."""
    return f"origins:v{CACHE_VERSION}.{ORIGINS_VERSION}:event:{event.pk}"


def stored_analysis(event: Event, facts: Sequence[ArticleFacts]) -> Stored:
    """The worker's comparison of these articles, if it has made it: one cache read,
    which also tells whether the comparison is queued already."""
    current = fingerprint(facts)
    key, queued, origins = _cache_key(event), _queued_key(event, current), origins_key(event)
    found = cache.get_many([key, queued, origins])
    kept = found.get(key)
    if kept is not None and kept[0] == current:
        if isinstance(kept[1], ComparisonFailure):
            return Stored(None, failure=kept[1].message)
        return Stored(kept[1], origins=found.get(origins))
    return Stored(None, queue_key="" if queued in found else queued)


def prepare(event: Event) -> bool:
    """Compare the event's texts unless the kept result is for its current articles:
    the worker's job. Returns whether it kept a new result (a comparison or its failure)."""
    facts = load_facts(event)
    kept = cache.get(_cache_key(event))
    if kept is not None and kept[0] == fingerprint(facts):
        return False
    try:
        text_analysis(event, facts)
    except Exception:
        logger.exception("Could not compare the texts of event %s", event.pk)
        failure = ComparisonFailure(
            "Parallax could not compare these articles’ texts. Tell the administrator; "
            "it is tried again in a quarter of an hour."
        )
        cache.set(_cache_key(event), (fingerprint(facts), failure), FAILURE_SECONDS)
        # A kept failure is a new result too: pages counted while the comparison was
        # pending must be counted again, to say so and stop asking.
    return True


def text_analysis(event: Event, facts: Sequence[ArticleFacts]) -> TextAnalysis:
    """The event's shared texts and credits, compared now unless kept: for the worker
    (see prepare), never for a page. Reads the texts in one query."""
    current = fingerprint(facts)
    kept = cache.get(_cache_key(event))
    if kept is not None and kept[0] == current and isinstance(kept[1], TextAnalysis):
        return kept[1]
    by_pk = {f.pk: f for f in facts}
    texts = dict(Article.objects.filter(pk__in=by_pk).order_by("pk").values_list("pk", "text"))
    documents = [
        syndication.Document(
            key=pk,
            text=text,
            source=by_pk[pk].outlet_id,
            published_at=by_pk[pk].published_at,
            order=pk,
            names=(by_pk[pk].outlet_name, by_pk[pk].outlet_homepage),
        )
        for pk, text in texts.items()
    ]
    overlaps = syndication.find_overlaps(documents, encoder=_sentence_encoder())
    analysis = TextAnalysis(
        overlaps=overlaps,
        credits={
            document.key: found
            for document in documents
            if (found := syndication.credits(document.text))
        },
        aligned=_aligned_texts(overlaps, texts),
    )
    # The key holds the fingerprint, so a result never goes stale: it is replaced
    # when the articles change.
    cache.set(_cache_key(event), (current, analysis), None)
    return analysis


def _sentence_encoder() -> CachingEncoder | None:
    """MiniLM for finding paraphrased rewrites; without it, word overlap only."""
    try:
        return CachingEncoder(get_embedder())
    except ModelNotInstalled:
        return None


def _aligned_texts(
    overlaps: Iterable[Overlap], texts: dict[int, str]
) -> dict[tuple[int, int], list[AlignedText]]:
    """Each pair's first aligned sentences as text, so a page shows them unparsed."""
    sentences: dict[int, dict[int, str]] = {}

    def sentence(article: int, index: int) -> str:
        if article not in sentences:
            sentences[article] = {s.index: s.text for s in split_sentences(texts[article])}
        return sentences[article].get(index, "")[:ALIGNED_CHARS]

    return {
        (overlap.original, overlap.republished): [
            AlignedText(
                original=sentence(overlap.original, pair.original),
                republished=sentence(overlap.republished, pair.republished),
                similarity=pair.similarity,
                shared=pair.shared,
            )
            for pair in overlap.aligned[:ALIGNED_SHOWN]
        ]
        for overlap in overlaps
        if overlap.aligned
    }


def credited_outlets(
    facts: Sequence[ArticleFacts], analysis: TextAnalysis
) -> list[tuple[ArticleFacts, Credit, int | None]]:
    """Each credit with the event's outlet it names, if any, in any form an article
    writes it ("(CPA)" for the Continental Press Agency); an outlet's credit to
    itself (its own dateline) is left out."""
    matcher = _outlet_matcher(
        tuple(sorted({(f.outlet_id, f.outlet_name, f.outlet_homepage) for f in facts}))
    )
    credited = []
    for fact in facts:
        for credit in analysis.credits.get(fact.pk, []):
            outlet = matcher.match(credit.source)
            if outlet != fact.outlet_id:
                credited.append((fact, credit, outlet))
    return credited


@functools.lru_cache(maxsize=64)
def _outlet_matcher(outlets: tuple[tuple[int, str, str], ...]) -> NameMatcher:
    """The event's outlets by id, in the forms articles write them."""
    return NameMatcher({pk: (name, homepage) for pk, name, homepage in outlets})


def grouped(facts: Sequence[ArticleFacts], analysis: TextAnalysis) -> syndication.Groups:
    """Articles, and outlets, that are not independent of each other."""
    documents = [syndication.Document(key=f.pk, text="", source=f.outlet_id) for f in facts]
    shared: list[tuple[int, Hashable]] = []
    for fact, credit, outlet in credited_outlets(facts, analysis):
        if outlet is None:
            shared.append((fact.outlet_id, credit.key))
        else:
            shared += [(fact.outlet_id, ("outlet", outlet)), (outlet, ("outlet", outlet))]
    return syndication.independent_groups(documents, analysis.overlaps, shared)


def groups_of_outlets(
    facts: Sequence[ArticleFacts],
    analysis: TextAnalysis,
    found: syndication.Groups | None = None,
) -> dict[int, int]:
    """Outlet id -> a group key shared by outlets that republish one another or one
    source; an outlet that does neither is its own group, keyed by its id. ``found``
    is grouped(facts, analysis) when the caller has it already."""
    groups = {f.outlet_id: f.outlet_id for f in facts}
    for outlets in (found or grouped(facts, analysis)).sources:
        groups.update(dict.fromkeys(outlets, min(outlets)))
    return groups


def outlet_groups(event: Event, articles: Iterable[Article] | None = None) -> OutletGroups:
    """Outlet id -> a group key shared by outlets that republish one another or one
    source, as far as the worker has compared the texts; see independent_outlet_groups.
    """
    facts = article_facts(articles) if articles is not None else load_facts(event)
    if not facts:
        return OutletGroups({})
    stored = stored_analysis(event, facts)
    if stored.analysis is None:
        return OutletGroups(None, queue_key=stored.queue_key)
    return OutletGroups(groups_of_outlets(facts, stored.analysis))


def independent_outlet_groups(
    event: Event, articles: Iterable[Article] | None = None
) -> dict[int, int] | None:
    """Outlet id -> a group key shared by outlets that republish one another or one
    source; None until the worker has compared the event's current texts.

    Outlets that copy from no one and are copied by no one are their own group (the
    key is their own id). Pass all the event's articles, with their outlets, when they
    are already loaded (``build_matrix`` loads them): the result then costs one
    query, the cache read; without them one more query reads the articles' ids and
    lengths.
    """
    return outlet_groups(event, articles).groups


def independent_source_count(groups: dict[int, int]) -> int:
    """How many independent sources an event's outlets are: its "9 outlets, 5
    independent sources"."""
    return len(set(groups.values()))


def independent_count(cells: Iterable[OutletCell], groups: dict[int, int]) -> int:
    """How many independent sources these cells are: outlets that republish one
    another count once. For "✔ 5 outlets (2 independent)" in a matrix row."""
    return len({groups.get(cell.outlet.pk, cell.outlet.pk) for cell in cells})
