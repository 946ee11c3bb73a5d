from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from coverage import services, tasks
from coverage.models import Event
from coverage.readings import layers
from coverage.selectors import stats
from coverage.selectors.matrix import MIXED, build_matrix
from tests.conftest import cell, make_article, make_assertion, make_event, make_outlet

URL = reverse("outlet_stats")
CSV_URL = reverse("outlet_stats_csv")


def by_name(events=None) -> dict[str, stats.OutletStats]:
    events = Event.objects.all() if events is None else events
    return {item.outlet.name: item for item in stats.outlet_stats(events)}


@pytest.fixture
def draft_event(db, other_editor) -> Event:
    event = make_event(title="Secret summit", slug="secret-summit", status=Event.Status.DRAFT)
    event.editors.add(other_editor)
    make_article(event, make_outlet("Hidden Herald"))
    make_assertion(event)
    return event


def test_it_counts_cells_as_the_matrix_labels_them(event_with_matrix):
    planet, bugle = by_name()["Daily Planet"], by_name()["The Bugle"]
    assert (planet.events, planet.articles, planet.cells) == (1, 2, 2)
    assert (planet.agree, planet.contradict, planet.mixed, planet.silent) == (1, 0, 0, 1)
    assert (planet.hedged, planet.hedged_rate) == (0, 0.0)
    assert (bugle.agree, bugle.silent, bugle.hedged) == (1, 1, 1)
    assert (bugle.agree_rate, bugle.silent_rate, bugle.hedged_rate) == (0.5, 0.5, 1.0)


def test_it_counts_an_outlet_split_on_a_claim_as_mixed(event_with_matrix):
    closed = event_with_matrix.assertions.get(text="The bridge closed on Monday.")
    second = event_with_matrix.articles.get(url="https://planet.example/2")
    services.set_stance(
        stance=cell(closed, second),
        label="contradict",
        hedged=False,
        evidence=second.sentences.get(index=1),
    )
    planet = by_name()["Daily Planet"]
    assert (planet.agree, planet.contradict, planet.mixed, planet.silent) == (0, 0, 1, 1)
    assert planet.contradict_rate == 0.0


def test_it_agrees_with_the_matrix_on_the_demo_events(db):
    """Every count equals what the event pages show, cell by cell."""
    call_command("demo", stdout=io.StringIO())
    expected: dict[str, dict[str, int]] = {}
    for event in Event.objects.all():
        for row in build_matrix(event).rows:
            for outlet_cell in row.cells:
                counts = expected.setdefault(
                    outlet_cell.outlet.name,
                    {"cells": 0, "agree": 0, "contradict": 0, MIXED: 0, "silent": 0, "hedged": 0},
                )
                counts["cells"] += 1
                counts[outlet_cell.label] += 1
                if outlet_cell.label == "agree" and outlet_cell.hedged:
                    counts["hedged"] += 1
    computed = {
        name: {
            "cells": item.cells,
            "agree": item.agree,
            "contradict": item.contradict,
            MIXED: item.mixed,
            "silent": item.silent,
            "hedged": item.hedged,
        }
        for name, item in by_name().items()
    }
    assert computed == expected
    assert any(counts[MIXED] for counts in expected.values())
    assert any(counts["hedged"] for counts in expected.values())


def test_it_lists_the_sources_the_sources_layer_lists(db):
    """The same names and numbers as each event's Sources layer, summed across events."""
    bugle = make_outlet("The Bugle")
    for number in range(2):
        event = make_event(title=f"Closure {number}", slug=f"closure-{number}")
        make_article(
            event,
            bugle,
            "The bridge closed on Monday, police said. Repairs take a week, according to "
            "the city council. Police said no one was hurt.",
            url=f"https://bugle.example/{number}",
        )
        tasks.warm_layers(event)
    layer = layers.sources_layer(Event.objects.get(slug="closure-0"))
    listed = {row.source: row.total for row in layer.sources}
    assert (
        by_name()["The Bugle"].sources
        == sorted(((name, 2 * count) for name, count in listed.items()), key=lambda item: -item[1])[
            : stats.SOURCES_PER_OUTLET
        ]
    )
    assert by_name()["The Bugle"].sources[0] == ("police", 4)


def test_it_lists_no_sources_before_the_worker_has_read_the_articles(event_with_matrix):
    assert by_name()["The Bugle"].sources == []


def test_it_sorts_by_any_column_with_missing_rates_last(event_with_matrix):
    make_article(make_event(title="Empty", slug="empty"), make_outlet("Aardvark Weekly"))
    table = stats.outlet_stats(Event.objects.all())
    names = [item.outlet.name for item in stats.sort_stats(table, "-hedged_rate")]
    assert names == ["The Bugle", "Daily Planet", "Aardvark Weekly"]
    assert [item.outlet.name for item in stats.sort_stats(table, "name")] == [
        "Aardvark Weekly",
        "Daily Planet",
        "The Bugle",
    ]


def test_it_shows_the_table_sorted_as_asked(client, event_with_matrix):
    response = client.get(URL, {"sort": "-hedged_rate"})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("The Bugle</a>") < page.index("Daily Planet</a>")
    assert 'aria-sort="descending"' in page
    assert "<strong>100%</strong>" in page
    assert f'href="{CSV_URL}?sort=-hedged_rate"' in page
    page = client.get(URL, {"sort": "name"}).content.decode()
    assert page.index("Daily Planet</a>") < page.index("The Bugle</a>")


def test_it_shows_the_default_order_in_the_sort_menu(client, event_with_matrix):
    page = client.get(URL).content.decode()
    assert f'<option value="{stats.DEFAULT_SORT}" selected>' in page
    assert f'href="{reverse("export_all", args=["csv"])}"' in page


def test_it_offers_the_cells_of_the_same_events_for_download(client, event_with_matrix):
    Event.objects.filter(pk=event_with_matrix.pk).update(date=dt.date(2024, 5, 1))
    page = client.get(URL, {"start": "2024-01-01", "sort": "name"}).content.decode()
    assert f'href="{reverse("export_all", args=["json"])}?start=2024-01-01"' in page


def test_it_sends_only_the_table_to_htmx(client, event_with_matrix):
    page = client.get(URL, headers={"HX-Request": "true"}).content.decode()
    assert page.lstrip().startswith('<div id="stats-table"')
    assert "Daily Planet" in page


def test_it_filters_events_by_date(client, event_with_matrix):
    Event.objects.filter(pk=event_with_matrix.pk).update(date=dt.date(2024, 5, 1))
    later = make_event(title="Later", slug="later", date=dt.date(2025, 5, 1))
    make_article(later, make_outlet("Late Edition"))
    page = client.get(URL, {"start": "2025-01-01"}).content.decode()
    assert "Late Edition" in page
    assert "Daily Planet" not in page
    page = client.get(URL, {"end": "2024-12-31"}).content.decode()
    assert "Late Edition" not in page
    assert "Daily Planet" in page
    assert "widen the range" in client.get(URL, {"start": "2030-01-01"}).content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sort": "-votes"}, "Select a valid choice"),
        ({"start": "31/12/2024"}, "Enter the start date as YYYY-MM-DD"),
        ({"start": "2025-01-02", "end": "2025-01-01"}, "The start date is after the end date"),
    ],
)
def test_it_explains_bad_parameters(client, event_with_matrix, params, message):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert message in response.content.decode()
    csv_response = client.get(CSV_URL, params)
    assert csv_response.status_code == 400
    assert message in csv_response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "reader", "editor"])
def test_it_leaves_out_drafts_others_cannot_see(client, who, draft_event, reader, editor):
    if who != "anonymous":
        client.force_login(reader if who == "reader" else editor)
    assert "Hidden Herald" not in client.get(URL).content.decode()
    assert "Hidden Herald" not in b"".join(client.get(CSV_URL).streaming_content).decode()


def test_it_shows_a_draft_to_its_editor(client, draft_event, other_editor):
    client.force_login(other_editor)
    assert "Hidden Herald" in client.get(URL).content.decode()


def test_it_downloads_the_table_as_csv(client, event_with_matrix):
    formula = make_outlet('=HYPERLINK("http://evil.example")', slug="formula")
    make_article(make_event(title="Formula", slug="formula-event"), formula)
    response = client.get(CSV_URL, {"sort": "name"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="outlet-statistics.csv"'
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffoutlet,outlet_name,")
    rows = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))
    assert [row["outlet_name"] for row in rows] == [
        '\'=HYPERLINK("http://evil.example")',
        "Daily Planet",
        "The Bugle",
    ]
    bugle = rows[2]
    assert (bugle["cells"], bugle["agree"], bugle["hedged"], bugle["hedged_rate"]) == (
        "2",
        "1",
        "1",
        "1.0",
    )
    assert rows[0]["agree_rate"] == ""


def test_it_counts_in_a_fixed_number_of_queries(
    client, event_with_matrix, django_assert_num_queries
):
    """Prevents an n+1 over outlets: more outlets and events cost no more queries."""
    for number in range(4):
        event = make_event(title=f"Event {number}", slug=f"event-{number}")
        make_article(event, make_outlet(f"Outlet {number}"))
        make_assertion(event)
    # Outlets with events, articles and rows; their cells by label; for their sources,
    # the events' articles and the worker's Sources layer (one cache read).
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert response.content.decode().count('<th scope="row">') == 6
