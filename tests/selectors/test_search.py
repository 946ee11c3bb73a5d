from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from coverage.models import Event
from coverage.selectors import search
from coverage.views.research import RESULTS_PER_KIND_PREVIEW
from tests.conftest import make_article, make_assertion, make_event, make_outlet

URL = reverse("search")
ON_POSTGRESQL = connection.vendor == "postgresql"


def results(client, **params):
    return client.get(URL, params)


@pytest.fixture
def draft_event(db, other_editor) -> Event:
    """A draft that only other_editor may see, with words found nowhere else."""
    event = make_event(
        title="Zeppelin landing",
        slug="zeppelin",
        status=Event.Status.DRAFT,
        date=dt.date(2025, 1, 2),
    )
    event.editors.add(other_editor)
    make_article(
        event,
        make_outlet("Secret Times"),
        text="The zeppelin landed in the park. Crowds gathered.",
        title="Zeppelin lands",
    )
    make_assertion(event, "A zeppelin landed in the park.")
    return event


def test_it_parses_words_phrases_and_excluded_words():
    parsed = search.parse_query('  bridge "closed on  Monday" -reopened, (repairs) ')
    assert parsed.terms == ("bridge", "closed on Monday", "repairs")
    assert parsed.excluded == ("reopened",)
    assert parsed.raw == 'bridge "closed on Monday" -reopened, (repairs)'


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a word or two"),
        ("a", "at least 2 letters"),
        ("x y", "at least 2 letters"),
        ("!!! ???", "no word to search for"),
        ("-bridge", "no word to search for"),
        ("b" * 201, "use at most 200"),
    ],
)
def test_it_refuses_queries_with_nothing_to_search(query, message):
    with pytest.raises(search.QueryProblem, match=message):
        search.parse_query(query)


def test_it_highlights_case_insensitively_and_escapes_everything_else():
    html = search.highlight("<b>Bridge</b> & the bridge-keeper", ["bridge"])
    assert html == "&lt;b&gt;<mark>Bridge</mark>&lt;/b&gt; &amp; the <mark>bridge</mark>-keeper"


def test_it_merges_overlapping_highlights():
    assert search.highlight("reopened", ["reopen", "opened"]) == "<mark>reopened</mark>"


def test_it_turns_only_its_own_marks_into_html():
    text = f"<img src=x> {search.MARK_START}bridge{search.MARK_STOP}"
    assert search.marks_to_html(text) == "&lt;img src=x&gt; <mark>bridge</mark>"


def test_it_finds_rows_and_articles_with_their_permalinks(client, event_with_matrix):
    response = results(client, q="bridge closed")
    assert response.status_code == 200
    page = response.content.decode()
    row = event_with_matrix.assertions.get(text="The bridge closed on Monday.")
    assert reverse("assertion_detail", args=["bridge-closure", row.pk]) in page
    assert "<mark>bridge</mark> <mark>closed</mark> on Monday." in page
    article = event_with_matrix.articles.get(url="https://planet.example/1")
    link = reverse("article_detail", args=["bridge-closure", article.pk]) + "?sentence=0#s0"
    assert link in page
    assert 'Rows <span class="muted">(1)</span>' in page
    assert 'Articles <span class="muted">(1)</span>' in page
    # The matching sentence is the evidence of the Daily Planet's cell on that row.
    assert reverse("cell_detail", args=["bridge-closure", row.pk, "daily-planet"]) in page
    assert "agrees: The bridge closed on Monday.</a>" in page


def test_it_shows_the_best_matching_sentence_of_an_article(client, event_with_matrix):
    article = event_with_matrix.articles.get(url="https://planet.example/2")
    page = results(client, q="reopened").content.decode()
    assert "The bridge <mark>reopened</mark> early." in page
    assert reverse("article_detail", args=["bridge-closure", article.pk]) + "?sentence=1#s1" in page
    assert "No row matches “reopened”." in page


def test_it_needs_every_word_and_leaves_out_excluded_ones(client, event_with_matrix):
    assert "Nothing matches" in results(client, q="bridge zebra").content.decode()
    page = results(client, q="bridge -reopened", kind="articles").content.decode()
    assert 'Articles <span class="muted">(2)</span>' in page
    assert "The bridge reopened early." not in page
    assert "Reportedly the <mark>bridge</mark> shut on Monday." in page


def test_it_escapes_what_it_found(client, event_with_matrix):
    make_article(
        event_with_matrix,
        make_outlet("Mischief"),
        title="<script>alert('bridge')</script>",
        text="A <img src=x onerror=alert(1)> bridge sentence.",
    )
    page = results(client, q="bridge", kind="articles").content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&#x27;" in page
    assert "A &lt;img src=x onerror=alert(1)&gt; <mark>bridge</mark> sentence." in page


@pytest.mark.parametrize("who", ["anonymous", "reader", "editor"])
def test_it_never_shows_drafts_to_those_who_may_not_see_them(
    client, who, draft_event, reader, editor
):
    if who != "anonymous":
        client.force_login(reader if who == "reader" else editor)
    page = results(client, q="zeppelin").content.decode()
    assert "Nothing matches “zeppelin”" in page
    assert "Zeppelin landing" not in page
    assert "Secret Times" not in page


def test_it_shows_a_draft_to_its_editor(client, draft_event, other_editor):
    client.force_login(other_editor)
    page = results(client, q="zeppelin").content.decode()
    assert 'Rows <span class="muted">(1)</span>' in page
    assert "<mark>Zeppelin</mark> lands" in page
    assert "badge-draft" in page


def test_it_filters_by_event_outlet_and_event_dates(client, event_with_matrix):
    other = make_event(title="Harbour strike", slug="harbour-strike", date=dt.date(2025, 6, 1))
    make_article(other, make_outlet("Port Gazette"), text="The bridge over the harbour was quiet.")
    make_assertion(other, "The harbour bridge was quiet.")
    Event.objects.filter(slug="bridge-closure").update(date=dt.date(2024, 3, 1))

    def found(**filters) -> int:
        page = results(client, q="bridge", **filters).content.decode()
        return page.count('class="result"')

    # The closure has one matching row and three matching articles, the strike one of each.
    assert found() == 4 + 2
    assert found(event="harbour-strike") == 2
    # An outlet's articles, and the rows it speaks about (the Bugle agrees with one).
    assert found(outlet="port-gazette") == 1
    assert found(outlet="the-bugle") == 1 + 1
    assert found(start="2025-01-01") == 2
    assert found(end="2024-12-31") == 4
    assert found(start="2025-01-01", end="2025-12-31", event="bridge-closure") == 0


def test_it_explains_bad_filters_without_failing(client, event_with_matrix):
    for params, message in [
        ({"q": "bridge", "start": "yesterday"}, "Enter the start date as YYYY-MM-DD"),
        ({"q": "bridge", "start": "2025-02-01", "end": "2025-01-01"}, "start date is after"),
        ({"q": "bridge", "event": "no-such-event"}, "Select a valid choice"),
        ({"q": "bridge", "kind": "everything"}, "Select a valid choice"),
        ({"q": "x"}, "at least 2 letters"),
        ({"q": "bridge", "page": "many"}, "Rows"),
    ]:
        response = results(client, **params)
        assert response.status_code == 200, params
        assert message in response.content.decode(), params


def test_it_paginates_one_kind_at_a_time(client, event_with_matrix):
    for number in range(25):
        make_assertion(event_with_matrix, f"Bridge claim number {number}.")
    page = results(client, q="claim").content.decode()
    assert page.count('class="result"') == RESULTS_PER_KIND_PREVIEW
    assert "All 25 matching rows →" in page
    assert "?q=claim&amp;kind=rows" in page
    second = results(client, q="claim", kind="rows", page=2).content.decode()
    assert second.count('class="result"') == 5
    assert "Page 2 of 2" in second


def test_it_sends_only_the_results_to_htmx(client, event_with_matrix):
    response = client.get(URL, {"q": "bridge"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="search-results"')
    assert "<html" not in page
    assert "<mark>bridge</mark>" in page


def test_it_shows_the_form_without_javascript(client, event_with_matrix):
    page = client.get(URL).content.decode()
    assert '<form class="research-filters" method="get" action="/search/"' in page
    assert 'hx-push-url="true"' in page
    assert '<label for="id_q">' in page
    assert "Type what you are looking for" in page


def test_it_searches_in_a_fixed_number_of_queries(
    client, event_with_matrix, django_assert_num_queries
):
    """Prevents an n+1 over results: sentences for all snippets come in one query."""
    for number in range(3):
        event = make_event(title=f"Bridge {number}", slug=f"bridge-{number}")
        make_article(event, make_outlet(f"Outlet {number}"))
        make_assertion(event, "The bridge closed on Monday.")
    # Event choices, outlet choices, then for rows and for articles a count and a
    # page each, the snippet sentences of the articles and the cells quoting them.
    with django_assert_num_queries(8):
        response = results(client, q="bridge")
    assert response.content.decode().count('class="result"') == 4 + 5


@pytest.mark.skipif(not ON_POSTGRESQL, reason="stemming is PostgreSQL's full-text search")
def test_it_matches_other_forms_of_a_word_on_postgresql(client, event_with_matrix):
    page = results(client, q="closing").content.decode()
    assert "The bridge <mark>closed</mark> on Monday." in page
    ranked = results(client, q='"bridge closed" or injured').content.decode()
    assert "Nobody was <mark>injured</mark>." in ranked


@pytest.mark.skipif(not ON_POSTGRESQL, reason="ranking is PostgreSQL's full-text search")
def test_it_ranks_title_matches_first_on_postgresql(client, event_with_matrix):
    newer = make_event(title="Newer", slug="newer", date=dt.date(2030, 1, 1))
    make_article(newer, make_outlet("Ship News"), text="Ships waited in the harbour.")
    older = make_event(title="Older", slug="older", date=dt.date(2020, 1, 1))
    make_article(
        older,
        make_outlet("Coast Times"),
        title="Harbour reopens",
        text="Boats sailed again this morning.",
    )
    page = results(client, q="harbour", kind="articles").content.decode()
    assert page.index("<mark>Harbour</mark> reopens") < page.index("Ship News on Newer")


@pytest.mark.skipif(ON_POSTGRESQL, reason="the fallback is for SQLite")
def test_it_matches_words_as_written_on_sqlite(client, event_with_matrix):
    assert "Nothing matches" in results(client, q="closing").content.decode()
    page = results(client, q="CLOSED").content.decode()
    assert "The bridge <mark>closed</mark> on Monday." in page


@pytest.mark.parametrize(
    "query",
    [
        '"bridge',
        '"',
        "-",
        "or",
        "bridge or",
        "!!",
        "bridge\x00",
        "ünïcødé brïdge",
        "'; DROP",
        "a" * 1001,
    ],
)
def test_it_never_fails_on_odd_queries(client, event_with_matrix, query):
    response = results(client, q=query)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error"' in page or 'class="result"' in page or "Nothing matches" in page


def test_it_quotes_a_bounded_snippet_of_a_huge_unbroken_article(client, db):
    """One article of a million characters without a sentence break once gave a 14 MB page."""
    event = make_event(slug="huge")
    text = "filler " * 80_000 + "the needle is here " + "filler " * 80_000
    make_article(event, make_outlet("Daily Planet"), text=text.strip())

    response = client.get("/search/", {"q": "needle"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "<mark>needle</mark>" in content
    assert len(content) < 50_000


def test_it_cuts_long_text_around_the_match():
    snippet = search.highlighted_snippet("a " * 500 + "needle" + " b" * 500, ["needle"])
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>needle</mark>" in snippet
    assert len(snippet) < search.SNIPPET_CHARS + 30
