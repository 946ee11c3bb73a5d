"""The syndication layer: the worker's comparison, independent outlet groups, and the page.

Pages never compare texts: the worker does (independence.prepare), here called directly
for the event a test reads.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from coverage import independence, services
from coverage.blind import blind_labels
from coverage.independence import (
    ArticleFacts,
    independent_count,
    independent_outlet_groups,
    load_facts,
    text_analysis,
)
from coverage.models import Event
from coverage.readings.syndication import syndication_report
from coverage.selectors.matrix import build_matrix
from tests.analysis.test_syndication import BODIES, KARN, SINGLES, lightly_edited, rewritten
from tests.conftest import (
    make_article,
    make_assertion,
    make_event,
    make_outlet,
    run_queued_tasks,
)

HTMX = {"HTTP_HX_REQUEST": "true"}
DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "parallax_cache",
    }
}
WIRE_STORY = BODIES[SINGLES[0]]
NOON = datetime(2025, 3, 14, 12, tzinfo=UTC)


@pytest.fixture
def wire_event(db) -> Event:
    """An agency story, a copy and a rewrite of it, and an outlet reporting on its own."""
    event = make_event()
    agency, courier = make_outlet("Agency Wire"), make_outlet("Courier")
    herald, radio = make_outlet("Herald"), make_outlet("Radio Free")
    make_article(event, agency, WIRE_STORY, title="Agency story", published_at=NOON)
    make_article(
        event,
        courier,
        lightly_edited(WIRE_STORY, 1),
        title="Courier copy",
        published_at=NOON + timedelta(hours=3),
    )
    make_article(
        event, herald, rewritten(WIRE_STORY, 2, BODIES[SINGLES[1]]), title="Herald rewrite"
    )
    make_article(event, radio, BODIES[SINGLES[2]], title="Radio's own report")
    independence.prepare(event)
    return event


def page_url(event: Event, query: str = "") -> str:
    return reverse("event_syndication", args=[event.slug]) + query


def outlet_ids(event: Event) -> dict[str, int]:
    return {article.outlet.name: article.outlet_id for article in event.articles.all()}


def test_it_groups_outlets_that_republish_one_another(wire_event) -> None:
    ids = outlet_ids(wire_event)
    groups = independent_outlet_groups(wire_event)
    agency = groups[ids["Agency Wire"]]
    assert groups[ids["Courier"]] == groups[ids["Herald"]] == agency
    assert groups[ids["Radio Free"]] == ids["Radio Free"] != agency


def test_it_counts_copies_once_among_the_outlets_of_a_row(wire_event) -> None:
    make_assertion(wire_event, "The agency reported it first.")
    [row] = build_matrix(wire_event).rows
    groups = independent_outlet_groups(wire_event)
    assert len(row.cells) == 4
    assert independent_count(row.cells, groups) == 2
    agency_and_radio = [c for c in row.cells if c.outlet.name in {"Agency Wire", "Radio Free"}]
    assert independent_count(agency_and_radio, groups) == 2
    assert independent_count([c for c in row.cells if c.outlet.name != "Radio Free"], groups) == 1
    assert independent_count([], groups) == 0


def test_it_reads_the_cache_in_one_query_given_the_matrix_articles(
    wire_event, settings, django_assert_num_queries
) -> None:
    settings.CACHES = DATABASE_CACHE
    expected = independent_outlet_groups(wire_event)
    articles = [a for column in build_matrix(wire_event).columns for a in column.articles]
    with django_assert_num_queries(1):
        assert independent_outlet_groups(wire_event, articles) == expected
    # Without the articles, one more query reads their ids and lengths.
    with django_assert_num_queries(2):
        assert independent_outlet_groups(wire_event) == expected


def test_an_added_article_invalidates_the_cached_pairs(wire_event, settings) -> None:
    settings.CACHES = DATABASE_CACHE
    ids = outlet_ids(wire_event)
    assert independent_outlet_groups(wire_event)[ids["Radio Free"]] == ids["Radio Free"]
    radio_story = wire_event.articles.get(outlet__name="Radio Free").text
    gazette = make_outlet("Gazette")
    make_article(wire_event, gazette, lightly_edited(radio_story, 5), title="Gazette copy")
    assert independent_outlet_groups(wire_event) is None  # until the worker compares again
    independence.prepare(wire_event)
    groups = independent_outlet_groups(wire_event)
    assert groups[gazette.pk] == groups[ids["Radio Free"]]


def test_an_edited_article_invalidates_the_cached_pairs(wire_event, settings) -> None:
    settings.CACHES = DATABASE_CACHE
    ids = outlet_ids(wire_event)
    assert independent_outlet_groups(wire_event)[ids["Herald"]] != ids["Herald"]
    wire_event.articles.filter(outlet__name="Herald").update(text=BODIES[SINGLES[3]])
    independence.prepare(wire_event)
    assert independent_outlet_groups(wire_event)[ids["Herald"]] == ids["Herald"]


def test_lengths_from_loaded_articles_match_the_database_ones(db, settings) -> None:
    """Both ways of fingerprinting must agree, or the matrix and the page would keep
    replacing each other's cached result."""
    settings.CACHES = DATABASE_CACHE
    event = make_event()
    make_article(event, make_outlet(), "Ünïcødé “quotes” — and an emoji 🚧 in the text.")
    loaded = [a for column in build_matrix(event).columns for a in column.articles]
    independent_outlet_groups(event)
    facts = [
        ArticleFacts(a.pk, a.outlet_id, len(a.text), a.published_at, a.outlet.name, "")
        for a in loaded
    ]
    assert load_facts(event) == facts
    assert text_analysis(event, facts).overlaps == []


def test_the_report_lists_each_republished_article_once_with_its_likeliest_source(
    wire_event,
) -> None:
    report = syndication_report(wire_event)
    lines = {
        (pair.republished_name, pair.original_name, pair.overlap.kind)
        for pair in report.republications
    }
    assert lines == {("Courier", "Agency Wire", "copy"), ("Herald", "Agency Wire", "rewrite")}
    assert (report.outlet_count, report.independent_outlet_count) == (4, 2)
    [group] = report.groups
    assert [name for _, name in group.articles][0] == "Agency Wire"  # published first
    assert group.outlet_names == ["Agency Wire", "Courier", "Herald"]


def test_it_shows_who_republishes_whom_with_links_to_both_articles(client, wire_event) -> None:
    response = client.get(page_url(wire_event))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Courier</strong> republishes <strong>Agency Wire</strong>, " in html
    assert "<strong>Herald</strong> rewrites <strong>Agency Wire</strong>" in html
    for article in wire_event.articles.exclude(outlet__name="Radio Free"):
        assert reverse("article_detail", args=[wire_event.slug, article.pk]) in html
    assert "4 outlets, 2 independent sources." in html
    assert "published later" in html  # the Courier pair is dated
    # The Herald's pair is not dated.
    assert "Without both publication dates, the shorter text is taken" in html
    assert "Why five copies are not five confirmations" in html


def test_it_says_so_when_no_article_repeats_another(client, db) -> None:
    event = make_event()
    for key, name in zip(SINGLES[:3], ["One", "Two", "Three"], strict=True):
        make_article(event, make_outlet(name), BODIES[key])
    independence.prepare(event)
    html = client.get(page_url(event)).content.decode()
    assert "No outlet repeats another outlet’s text." in html
    assert 'class="republication"' not in html


def test_an_event_with_one_article_has_nothing_to_compare(client, db) -> None:
    event = make_event()
    make_article(event, make_outlet())
    assert "nothing to compare yet" in client.get(page_url(event)).content.decode()


def test_htmx_gets_only_the_layer(client, wire_event) -> None:
    html = client.get(page_url(wire_event), **HTMX).content.decode()
    assert "<html" not in html and "<h1" not in html
    assert html.lstrip().startswith('<div class="layer-body syndication" id="syndication-layer">')
    assert "republishes" in html


def test_blind_mode_hides_outlet_names_and_titles(client, wire_event) -> None:
    letters = blind_labels(wire_event, [a.outlet for a in wire_event.articles.all()])
    for response in [
        client.get(page_url(wire_event, "?blind=1")),
        client.get(page_url(wire_event, "?blind=1"), **HTMX),
    ]:
        html = response.content.decode()
        for name in ["Agency Wire", "Courier", "Herald", "Agency story", "Courier copy"]:
            assert name not in html
        assert set(letters.values()) - {letters[outlet_ids(wire_event)["Radio Free"]]} <= {
            letter for letter in letters.values() if letter in html
        }


def test_a_draft_is_not_found_for_readers(client, reader_client, editor, wire_event) -> None:
    wire_event.status = Event.Status.DRAFT
    wire_event.save()
    wire_event.editors.add(editor)
    assert client.get(page_url(wire_event)).status_code == 404
    assert reader_client.get(page_url(wire_event), **HTMX).status_code == 404
    client.force_login(editor)
    assert client.get(page_url(wire_event)).status_code == 200


def test_the_page_costs_three_queries_once_cached(
    client, wire_event, settings, django_assert_num_queries
) -> None:
    """Prevents an n+1 over pairs or groups."""
    settings.CACHES = DATABASE_CACHE
    client.get(page_url(wire_event))
    # The event, the articles with their outlets, the cache read.
    with django_assert_num_queries(3):
        assert client.get(page_url(wire_event)).status_code == 200


def test_the_event_page_loads_both_layers_lazily_keeping_blind_mode(client, wire_event) -> None:
    html = client.get(wire_event.get_absolute_url()).content.decode()
    for name in ["event_syndication", "event_charts"]:
        url = reverse(name, args=[wire_event.slug])
        assert f'hx-get="{url}" hx-trigger="intersect once"' in html
        assert f'<a href="{url}">' in html  # without JavaScript, a plain link
    blind = client.get(wire_event.get_absolute_url() + "?blind=1").content.decode()
    assert f'hx-get="{page_url(wire_event, "?blind=1")}"' in blind


def test_the_seed_event_shows_that_troib_news_republishes_rt(client, db) -> None:
    call_command("demo")
    event = Event.objects.get(slug="ukraine-idlib-training-reports")
    independence.prepare(event)
    html = client.get(page_url(event)).content.decode()
    assert "<strong>TROIB News</strong> republishes material from <strong>RT.com</strong>" in html
    assert "“Read Full Article at RT.com”" in html
    assert "RT.com is not among this event’s outlets." in html


def test_outlets_crediting_each_other_or_one_agency_are_not_independent(db) -> None:
    event = make_event()
    agency = make_outlet("Veldmark State News Agency", homepage="https://vsna.example")
    gazette, herald = make_outlet("Gazette"), make_outlet("Herald")
    courier, radio = make_outlet("Courier"), make_outlet("Radio")
    make_article(event, agency, "PORT AVERLY, 14 March (VSNA) – The bridge will reopen.")
    make_article(
        event, gazette, "The bridge will reopen.\n\nThis story was first published by VSNA."
    )
    make_article(event, herald, "LONDON (Reuters) - Engineers found cracks in a pier.")
    make_article(event, courier, "LONDON (Reuters) - The ministry closed the bridge.")
    make_article(event, radio, "Our reporter spoke to residents on the east side.")
    independence.prepare(event)
    groups = independent_outlet_groups(event)
    assert groups[gazette.pk] == groups[agency.pk]
    assert groups[herald.pk] == groups[courier.pk] != groups[agency.pk]
    assert groups[radio.pk] == radio.pk
    report = syndication_report(event)
    assert (report.outlet_count, report.independent_outlet_count) == (5, 3)
    # The agency's own dateline credits itself: it is no republication.
    assert sorted(
        (line.name, line.credited_name or line.credit.source) for line in report.credits
    ) == [
        ("Courier", "Reuters"),
        ("Gazette", "Veldmark State News Agency"),
        ("Herald", "Reuters"),
    ]


def test_blind_mode_does_not_quote_a_credit_that_names_an_outlet(client, db) -> None:
    event = make_event()
    agency = make_outlet("Veldmark State News Agency", homepage="https://vsna.example")
    gazette = make_outlet("Gazette")
    make_article(event, agency, "The bridge will reopen within six weeks, the ministry said.")
    make_article(
        event, gazette, "The bridge will reopen.\n\nThis story was first published by VSNA."
    )
    letters = blind_labels(event, [agency, gazette])
    independence.prepare(event)
    html = client.get(page_url(event, "?blind=1")).content.decode()
    assert (
        f"<strong>{letters[gazette.pk]}</strong> republishes <strong>{letters[agency.pk]}</strong>"
        in html
    )
    assert "VSNA" not in html and "Veldmark" not in html and "Gazette" not in html


def test_a_copy_that_credits_its_source_is_listed_once(client, wire_event) -> None:
    courier = wire_event.articles.get(outlet__name="Courier")
    courier.text += "\n\nThis story was first published by Agency Wire."
    courier.save()
    independence.prepare(wire_event)
    report = syndication_report(wire_event)
    [pair] = [p for p in report.republications if p.republished == courier]
    assert pair.original_name == "Agency Wire"
    assert pair.credit.quote == "This story was first published by Agency Wire"
    # Its other credits (the dateline and sign-off lightly_edited() adds) stay listed.
    assert "Agency Wire" not in [line.credit.source for line in report.credits]
    assert "It says so itself: “This story was first published by Agency Wire”." in (
        client.get(page_url(wire_event)).content.decode()
    )


def test_an_outlet_reusing_its_own_article_is_no_republication(client, db) -> None:
    event = make_event()
    courier = make_outlet("Courier")
    make_article(event, courier, WIRE_STORY, title="First", published_at=NOON)
    make_article(event, courier, lightly_edited(WIRE_STORY, 3), title="Update")
    make_article(event, make_outlet("Radio"), BODIES[SINGLES[1]])
    independence.prepare(event)
    report = syndication_report(event)
    assert report.republications == []
    assert [group.outlet_names for group in report.groups] == [["Courier"]]
    assert (report.outlet_count, report.independent_outlet_count) == (2, 2)


@pytest.fixture
def no_comparing_here(monkeypatch):
    """Fails the test if anything compares texts or loads MiniLM in this process."""

    def refuse(*args, **kwargs):
        raise AssertionError("a page request compared texts")

    monkeypatch.setattr(independence.syndication, "find_overlaps", refuse)
    monkeypatch.setattr(independence, "get_embedder", refuse)
    return monkeypatch


def test_pages_never_compare_texts_and_say_so_until_the_worker_has(
    client, db, editor, no_comparing_here
) -> None:
    event = make_event()
    agency, courier = make_outlet("Agency Wire"), make_outlet("Courier")
    make_article(event, agency, WIRE_STORY, published_at=NOON)
    make_article(event, courier, WIRE_STORY, published_at=NOON + timedelta(hours=1))
    assertion = make_assertion(event, "The agency reported it first.")
    for stance in assertion.stances.all():
        services.set_stance(stance=stance, label="agree", hedged=False, evidence=None)

    matrix_page = client.get(event.get_absolute_url()).content.decode()
    assert "still comparing the articles’ texts to find copies" in matrix_page
    assert "independent)</span>" not in matrix_page.split("<tbody", 1)[-1]
    for headers in ({}, HTMX):
        html = client.get(page_url(event), **headers).content.decode()
        assert "Parallax is still comparing these articles’ texts" in html
        assert 'hx-trigger="load delay:5s"' in html  # it asks again by itself
    # Queued once, whichever page found it missing first.
    assert [task.task_path for task in DBTaskResult.objects.all()] == [
        "coverage.tasks.prepare_layers"
    ]

    no_comparing_here.undo()
    assert run_queued_tasks() == 1

    assert "<strong>Courier</strong> republishes <strong>Agency Wire</strong>" in (
        client.get(page_url(event)).content.decode()
    )
    # The worker's result moved the matrix's version: the cached page counts copies now.
    matrix_page = client.get(event.get_absolute_url()).content.decode()
    assert "(1 independent)</span>" in matrix_page
    assert "still comparing" not in matrix_page


def test_an_agency_credited_by_its_initials_is_that_outlet(db) -> None:
    event = make_event()
    agency = make_outlet("Continental Press Agency")
    gazette = make_outlet("Gazette")
    make_article(event, agency, "The bridge will reopen within six weeks, the ministry said.")
    make_article(
        event, gazette, "Families wait for news.\n\nDRESSEL (CPA) - The bridge will reopen."
    )
    independence.prepare(event)

    groups = independent_outlet_groups(event)
    assert groups[gazette.pk] == groups[agency.pk]
    [line] = syndication_report(event).credits
    assert (line.name, line.credit.source, line.credited_name) == (
        "Gazette",
        "CPA",
        "Continental Press Agency",
    )


def test_the_page_gives_each_pairs_reasons_and_corresponding_sentences(client, db) -> None:
    event = make_event()
    wire = make_outlet("Tesland Press Agency")
    local = make_outlet("Merval Today")
    early = datetime(2025, 3, 3, 9, tzinfo=UTC)
    make_article(event, wire, KARN["wire"], title="Spillway breaks", published_at=early)
    make_article(
        event,
        local,
        KARN["rewrite"],
        title="Villages evacuated",
        published_at=early + timedelta(hours=2),
    )
    independence.prepare(event)

    html = client.get(page_url(event)).content.decode()

    assert "<strong>Merval Today</strong> rewrites <strong>Tesland Press Agency</strong>" in html
    assert "It was published 2 hours later." in html
    assert "Sentences that correspond" in html
    assert "Engineers from the national water board" in html
    assert "A team of national water board" in html


def test_two_reprints_of_one_outside_source_are_siblings_on_the_page(client, db) -> None:
    event = make_event()
    make_article(event, make_outlet("Tribune"), WIRE_STORY + "\n\nSource: The Steppe Observer")
    make_article(
        event,
        make_outlet("Monitor"),
        "This article first appeared in the Steppe Observer.\n\n" + lightly_edited(WIRE_STORY, 2),
    )
    independence.prepare(event)

    html = client.get(page_url(event)).content.decode()

    assert "both reprint <strong>The Steppe Observer</strong>" in html
    assert "Neither takes its text from the other" in html
    assert "Both say they reprint The Steppe Observer" in html
