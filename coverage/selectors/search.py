"""Full-text search over the rows and articles of the events a reader can see.

On PostgreSQL this is the database's full-text search: stemmed English words, web
search syntax ("quoted phrases", -excluded, or), ranking and highlighted snippets.
SQLite has none of that, so there every word or phrase must appear as written
(ignoring ASCII case) and snippets are highlighted here. Either way the snippet of an
article is the sentence that best matches, so a result links straight to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django import forms
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from coverage.models import Article, Assertion, Event, Sentence, Stance
from coverage.selectors.stats import DateRangeForm

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 200
# What a result may quote of a row or a sentence, in characters: a page of results
# stays small whatever was imported (a sentence of 273,000 characters once made a
# 14 MB page).
SNIPPET_CHARS = 300
SEARCH_CONFIG = "english"
# Private-use characters that never occur in articles mark PostgreSQL's highlights, so
# the snippet can be escaped whole and only these marks turned into <mark> tags.
MARK_START, MARK_STOP = "\ue000", "\ue001"
_TOKENS = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD_EDGES = re.compile(r"^[^\w]+|[^\w]+$")


class QueryProblem(ValueError):
    """The query cannot be searched; the message tells the reader what to type."""


@dataclass(frozen=True)
class ParsedQuery:
    """The reader's query: the raw text for PostgreSQL, the parts for everything else."""

    raw: str
    terms: tuple[str, ...] = ()  # words and "quoted phrases" that must all appear
    excluded: tuple[str, ...] = ()  # -words that must not appear


def parse_query(raw: str) -> ParsedQuery:
    """Split a query into required words and phrases and -excluded ones.

    Raises QueryProblem when nothing searchable is left: too short, too long, or
    only punctuation.
    """
    raw = " ".join(raw.split())
    if len(raw) > MAX_QUERY_LENGTH:
        raise QueryProblem(
            f"The search is {len(raw)} characters long; use at most {MAX_QUERY_LENGTH}, "
            "a few distinctive words are enough."
        )
    terms: list[str] = []
    excluded: list[str] = []
    for match in _TOKENS.finditer(raw):
        negated, phrase, word = match.groups()
        if word is not None:
            negated, word = ("-", word[1:]) if word.startswith("-") else ("", word)
        text = " ".join((phrase or "").split()) if word is None else _WORD_EDGES.sub("", word)
        if not text:
            continue
        (excluded if negated else terms).append(text)
    if not any(len(term) >= MIN_QUERY_LENGTH for term in terms):
        if not raw:
            raise QueryProblem("Type a word or two to search for.")
        if terms or len(raw) < MIN_QUERY_LENGTH:
            raise QueryProblem(
                f"Type at least {MIN_QUERY_LENGTH} letters: one letter matches almost everything."
            )
        raise QueryProblem(
            "There is no word to search for in that: type words, e.g. "
            "Idlib training or “military instructors”."
        )
    return ParsedQuery(raw=raw, terms=tuple(terms), excluded=tuple(excluded))


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def _websearch(query: ParsedQuery) -> SearchQuery:
    return SearchQuery(query.raw, search_type="websearch", config=SEARCH_CONFIG)


def _any_term(query: ParsedQuery) -> SearchQuery:
    """Matches text holding any of the required terms: how a snippet sentence is chosen,
    since the terms of a match may be spread over several sentences."""
    combined: SearchQuery | None = None
    for term in query.terms:
        part = SearchQuery(term, search_type="phrase", config=SEARCH_CONFIG)
        combined = part if combined is None else combined | part
    assert combined is not None  # parse_query guarantees a term
    return combined


def _headline(field: str | Substr, search: SearchQuery, **options) -> SearchHeadline:
    return SearchHeadline(
        field,
        search,
        config=SEARCH_CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_STOP,
        **options,
    )


def marks_to_html(text: str) -> SafeString:
    """A PostgreSQL headline as HTML: everything escaped, then the marks made <mark>."""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    # Escaped above; the only tags are the ones added here.
    return mark_safe(html)


def highlight(text: str, terms: Iterable[str]) -> SafeString:
    """The text, escaped, with every case-insensitive occurrence of the terms marked."""
    spans: list[tuple[int, int]] = []
    for term in terms:
        spans.extend(
            (found.start(), found.end())
            for found in re.finditer(re.escape(term), text, re.IGNORECASE)
        )
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, position = [], 0
    for start, end in merged:
        parts.append(f"{escape(text[position:start])}<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


def highlighted_snippet(text: str, terms: Iterable[str], width: int = SNIPPET_CHARS) -> SafeString:
    """At most ``width`` characters of the text around its first match, highlighted,
    with "…" where it was cut."""
    if len(text) <= width:
        return highlight(text, terms)
    lowered = text.lower()
    found = [at for term in terms if (at := lowered.find(term.lower())) >= 0]
    start = max(0, min(min(found, default=0) - width // 3, len(text) - width))
    end = start + width
    return mark_safe(
        ("…" if start else "")
        + highlight(text[start:end], terms)
        + ("…" if end < len(text) else "")
    )


def _bounded(field_name: str) -> Substr:
    """The field cut to what a result may show, before PostgreSQL highlights it."""
    return Substr(field_name, 1, SNIPPET_CHARS)


def _contains_all(fields: list[str], query: ParsedQuery) -> Q:
    """Every term in one of the fields, no excluded term in any (the SQLite fallback)."""
    condition = Q()
    for term in query.terms:
        condition &= _in_any(fields, term)
    for term in query.excluded:
        condition &= ~_in_any(fields, term)
    return condition


def _in_any(fields: list[str], term: str) -> Q:
    found = Q()
    for name in fields:
        found |= Q(**{f"{name}__icontains": term})
    return found


def search_assertions(
    query: ParsedQuery, events: QuerySet[Event], *, outlet_slug: str = ""
) -> QuerySet[Assertion]:
    """Rows matching the query, best first; with an outlet, only rows it speaks about.

    On PostgreSQL each row has ``headline``: its text with the matches marked.
    """
    rows = Assertion.objects.filter(event__in=events).select_related("event")
    if outlet_slug:
        rows = rows.filter(
            Exists(
                Stance.objects.filter(
                    assertion=OuterRef("pk"),
                    article__outlet__slug=outlet_slug,
                    label__in=[Stance.Label.AGREE, Stance.Label.CONTRADICT],
                )
            )
        )
    if not uses_full_text():
        return rows.filter(_contains_all(["text"], query)).order_by(
            "-event__date", "event_id", "position", "pk"
        )
    search = _websearch(query)
    vector = SearchVector("text", config=SEARCH_CONFIG)
    return (
        rows.annotate(vector=vector)
        .filter(vector=search)
        .annotate(
            rank=SearchRank(vector, search),
            headline=_headline(_bounded("text"), search, highlight_all=True),
        )
        .order_by("-rank", "-event__date", "event_id", "position", "pk")
    )


def search_articles(
    query: ParsedQuery, events: QuerySet[Event], *, outlet_slug: str = ""
) -> QuerySet[Article]:
    """Articles whose title or text matches, best first, without their (long) text.

    On PostgreSQL each article has ``title_headline``; a title match ranks higher.
    """
    articles = (
        Article.objects.filter(event__in=events).select_related("event", "outlet").defer("text")
    )
    if outlet_slug:
        articles = articles.filter(outlet__slug=outlet_slug)
    if not uses_full_text():
        return articles.filter(_contains_all(["title", "text"], query)).order_by(
            "-event__date", "event_id", "outlet__name", "pk"
        )
    search = _websearch(query)
    vector = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "text", weight="B", config=SEARCH_CONFIG
    )
    return (
        articles.annotate(vector=vector)
        .filter(vector=search)
        .annotate(
            rank=SearchRank(vector, search),
            title_headline=_headline("title", search, highlight_all=True),
        )
        .order_by("-rank", "-event__date", "event_id", "pk")
    )


@dataclass
class ArticleHit:
    article: Article
    title_html: SafeString
    sentence: Sentence | None = None
    snippet_html: SafeString = field(default_factory=lambda: mark_safe(""))
    # The cells that quote the matching sentence as their evidence.
    cells: list[Stance] = field(default_factory=list)

    def cell_url(self, stance: Stance) -> str:
        return reverse(
            "cell_detail",
            args=[self.article.event.slug, stance.assertion_id, self.article.outlet.slug],
        )

    @property
    def cell_links(self) -> list[tuple[Stance, str]]:
        return [(stance, self.cell_url(stance)) for stance in self.cells]

    @property
    def url(self) -> str:
        """The article, scrolled to the matching sentence and marking it."""
        url = reverse("article_detail", args=[self.article.event.slug, self.article.pk])
        if self.sentence is None:
            return url
        return f"{url}?sentence={self.sentence.index}#s{self.sentence.index}"


@dataclass
class AssertionHit:
    assertion: Assertion
    text_html: SafeString

    @property
    def url(self) -> str:
        return reverse("assertion_detail", args=[self.assertion.event.slug, self.assertion.pk])


def assertion_hits(query: ParsedQuery, rows: Iterable[Assertion]) -> list[AssertionHit]:
    return [
        AssertionHit(
            assertion=row,
            text_html=marks_to_html(row.headline)
            if uses_full_text()
            else highlighted_snippet(row.text, query.terms),
        )
        for row in rows
    ]


def article_hits(query: ParsedQuery, articles: Iterable[Article]) -> list[ArticleHit]:
    """The articles with their best matching sentence and the cells quoting it, in two
    queries for all of them."""
    hits = _with_sentences(query, articles)
    chosen = {hit.sentence.pk: hit for hit in hits if hit.sentence is not None}
    for stance in (
        Stance.objects.filter(evidence__in=list(chosen))
        .select_related("assertion")
        .order_by("assertion__position", "assertion_id")
    ):
        chosen[stance.evidence_id].cells.append(stance)
    return hits


def _with_sentences(query: ParsedQuery, articles: Iterable[Article]) -> list[ArticleHit]:
    articles = list(articles)
    full_text = uses_full_text()
    hits = {
        article.pk: ArticleHit(
            article=article,
            title_html=marks_to_html(article.title_headline)
            if full_text
            else highlight(article.title, query.terms),
        )
        for article in articles
    }
    sentences = Sentence.objects.filter(article__in=[article.pk for article in articles]).only(
        "article_id", "index", "text"
    )
    if full_text:
        search = _any_term(query)
        vector = SearchVector("text", config=SEARCH_CONFIG)
        sentences = (
            sentences.annotate(vector=vector)
            .filter(vector=search)
            .annotate(
                rank=SearchRank(vector, search),
                # A fragment of at most 35 words around the match, from a bounded text.
                headline=_headline(Substr("text", 1, SNIPPET_CHARS * 8), search),
            )
            .order_by("article_id", "-rank", "index")
        )
        for sentence in sentences:
            hit = hits[sentence.article_id]
            if hit.sentence is None:
                hit.sentence, hit.snippet_html = sentence, marks_to_html(sentence.headline)
        return list(hits.values())

    best: dict[int, tuple[int, Sentence]] = {}
    any_term = Q()
    for term in query.terms:
        any_term |= Q(text__icontains=term)
    for sentence in sentences.filter(any_term):
        lowered = sentence.text.lower()
        found = sum(term.lower() in lowered for term in query.terms)
        current = best.get(sentence.article_id)
        if current is None or (found, -sentence.index) > (current[0], -current[1].index):
            best[sentence.article_id] = (found, sentence)
    for article_id, (_, sentence) in best.items():
        hits[article_id].sentence = sentence
        hits[article_id].snippet_html = highlighted_snippet(sentence.text, query.terms)
    return list(hits.values())


class SearchFilterForm(DateRangeForm):
    """The search page's query string. Event and outlet choices are the reader's own."""

    KINDS = {"all": "Rows and articles", "rows": "Rows only", "articles": "Articles only"}

    q = forms.CharField(label="Search for", required=False, max_length=1000)
    kind = forms.ChoiceField(label="Show", choices=list(KINDS.items()), required=False)
    event = forms.ChoiceField(label="Event", required=False)
    outlet = forms.ChoiceField(label="Outlet", required=False)
    field_order = ["q", "kind", "event", "outlet", "start", "end"]

    def __init__(self, data, *, events: list[tuple[str, str]], outlets: list[tuple[str, str]]):
        super().__init__(data)
        self.fields["event"].choices = [("", "All events"), *events]
        self.fields["outlet"].choices = [("", "All outlets"), *outlets]
