from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse

from coverage import services
from coverage.models import Article, Event, Stance
from coverage.selectors import exports
from tests.conftest import make_article, make_assertion, make_event, make_outlet


def event_url(slug: str, fmt: str) -> str:
    return reverse("event_export", args=[slug, fmt])


def all_url(fmt: str) -> str:
    return reverse("export_all", args=[fmt])


def read_csv(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith(exports.UTF8_BOM), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(body.removeprefix(exports.UTF8_BOM))))


@pytest.fixture
def draft_event(db, other_editor) -> Event:
    event = make_event(title="Secret summit", slug="secret-summit", status=Event.Status.DRAFT)
    event.editors.add(other_editor)
    make_article(event, make_outlet("Hidden Herald"))
    make_assertion(event)
    return event


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("The bridge = closed", "The bridge = closed"),
        (-2, -2),
        (0.5, 0.5),
    ],
)
def test_it_defuses_text_a_spreadsheet_would_run(value, safe):
    assert exports.csv_safe(value) == safe


def test_it_streams_an_events_cells_as_csv(client, event_with_matrix):
    response = client.get(event_url("bridge-closure", "csv"))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="bridge-closure.csv"'
    rows = read_csv(response)
    assert len(rows) == 2 * 3
    assert list(rows[0]) == exports.CSV_COLUMNS
    bugle = next(row for row in rows if row["outlet"] == "The Bugle" and row["label"] == "agree")
    assert (bugle["hedged"], bugle["evidence"]) == ("yes", "Reportedly the bridge shut on Monday.")


def test_it_protects_the_csv_from_formulas(client, event_with_matrix):
    make_assertion(event_with_matrix, '=HYPERLINK("http://evil.example","click")')
    rows = read_csv(client.get(event_url("bridge-closure", "csv")))
    assert {row["assertion"] for row in rows if row["assertion"].startswith("'")} == {
        '\'=HYPERLINK("http://evil.example","click")'
    }


def test_it_exports_json_that_import_event_reads_back(client, event_with_matrix):
    Event.objects.filter(pk=event_with_matrix.pk).update(
        date=dt.date(2025, 3, 14), summary="The Kestrel bridge shut for repairs."
    )
    Article.objects.filter(url="https://planet.example/1").update(
        author="Lois Lane", published_at=dt.datetime(2025, 3, 14, 9, 30, tzinfo=dt.UTC)
    )
    response = client.get(event_url("bridge-closure", "json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="bridge-closure.json"'
    payload = json.loads(response.content)

    def article_fields(event: Event) -> list[tuple]:
        return [
            (a.outlet.name, a.title, a.url, a.text, a.author, a.published_at)
            for a in event.articles.select_related("outlet").order_by("url", "title")
        ]

    before = article_fields(event_with_matrix)
    Event.objects.filter(pk=event_with_matrix.pk).delete()
    imported = services.import_event(payload, status=Event.Status.PUBLISHED)
    assert (imported.title, imported.slug, imported.summary, imported.date) == (
        "Bridge closure",
        "bridge-closure",
        "The Kestrel bridge shut for repairs.",
        dt.date(2025, 3, 14),
    )
    assert article_fields(imported) == before
    assert len(payload["assertions"]) == 2
    assert payload["assertions"][0]["cells"][0]["label"] in {"agree", "silent", "contradict"}


def test_it_exports_non_ascii_text_as_utf8(client, event_with_matrix):
    make_assertion(event_with_matrix, "Le pont a fermé lundi — «officiellement».")
    csv_rows = read_csv(client.get(event_url("bridge-closure", "csv")))
    assert "Le pont a fermé lundi — «officiellement»." in {row["assertion"] for row in csv_rows}
    body = client.get(event_url("bridge-closure", "json")).content.decode("utf-8")
    assert "fermé lundi — «officiellement»" in body


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_it_hides_drafts_from_outsiders(client, reader, editor, draft_event, fmt):
    assert client.get(event_url("secret-summit", fmt)).status_code == 404
    client.force_login(reader)
    assert client.get(event_url("secret-summit", fmt)).status_code == 404
    client.force_login(editor)
    assert client.get(event_url("secret-summit", fmt)).status_code == 404


def test_it_exports_a_draft_to_its_editor(client, other_editor, draft_event):
    client.force_login(other_editor)
    assert len(read_csv(client.get(event_url("secret-summit", "csv")))) == 1


def test_it_refuses_unknown_formats(client, event_with_matrix):
    assert client.get("/events/bridge-closure/export.xlsx").status_code == 404
    assert client.get("/export/events.xml").status_code == 404


def test_it_exports_every_visible_event_as_rows_by_outlets(client, event_with_matrix, draft_event):
    other = make_event(title="Harbour strike", slug="harbour-strike", date=dt.date(2025, 6, 1))
    make_article(other, make_outlet("Port Gazette"))
    make_assertion(other, "Dockers walked out.")
    response = client.get(all_url("csv"))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Disposition"] == (
        f'attachment; filename="parallax-events-{dt.date.today()}.csv"'
    )
    rows = read_csv(response)
    assert list(rows[0]) == exports.TABLE_COLUMNS
    # Two rows by two outlets in the closure, one by one in the strike; no draft.
    assert sorted((row["event"], row["outlet"], row["label"]) for row in rows) == [
        ("bridge-closure", "daily-planet", "agree"),
        ("bridge-closure", "daily-planet", "silent"),
        ("bridge-closure", "the-bugle", "agree"),
        ("bridge-closure", "the-bugle", "silent"),
        ("harbour-strike", "port-gazette", "silent"),
    ]
    bugle = next(r for r in rows if r["outlet"] == "the-bugle" and r["label"] == "agree")
    assert bugle["hedged"] == "yes"
    assert (bugle["evidence_sentence"], bugle["evidence_through_sentence"]) == ("0", "")
    assert bugle["cell_url"].startswith("http://testserver/events/bridge-closure/cells/")


def test_it_narrows_the_export_to_chosen_events_and_dates(client, event_with_matrix):
    other = make_event(title="Harbour strike", slug="harbour-strike", date=dt.date(2025, 6, 1))
    make_article(other, make_outlet("Port Gazette"))
    make_assertion(other, "Dockers walked out.")

    def events_in(**params) -> set[str]:
        return {row["event"] for row in read_csv(client.get(all_url("csv"), params))}

    assert events_in(event="harbour-strike") == {"harbour-strike"}
    assert events_in(event=["harbour-strike", "bridge-closure"]) == {
        "harbour-strike",
        "bridge-closure",
    }
    assert events_in(start="2025-01-01") == {"harbour-strike"}
    assert events_in(end="2025-01-01") == set()
    response = client.get(all_url("csv"), {"event": "harbour-strike"})
    assert response["Content-Disposition"] == (
        f'attachment; filename="parallax-harbour-strike-{dt.date.today()}.csv"'
    )


def test_it_refuses_bad_export_parameters(client, event_with_matrix, draft_event):
    response = client.get(all_url("csv"), {"start": "soon"})
    assert response.status_code == 400
    assert "Enter the start date as YYYY-MM-DD" in response.content.decode()
    assert client.get(all_url("csv"), {"event": "secret-summit"}).status_code == 404
    assert client.get(all_url("json"), {"event": "nope"}).status_code == 404


def test_it_exports_every_visible_event_as_json(
    client, event_with_matrix, other_editor, draft_event
):
    client.force_login(other_editor)
    response = client.get(all_url("json"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(b"".join(response.streaming_content))
    assert [event["slug"] for event in data["events"]] == ["bridge-closure", "secret-summit"]
    closure = data["events"][0]
    assert [outlet["slug"] for outlet in closure["outlets"]] == ["daily-planet", "the-bugle"]
    first_row = closure["rows"][0]
    assert first_row["text"] == "The bridge closed on Monday."
    assert [(c["outlet"], c["label"], c["hedged"]) for c in first_row["cells"]] == [
        ("daily-planet", "agree", False),
        ("the-bugle", "agree", True),
    ]
    assert first_row["cells"][1]["evidence"] == "Reportedly the bridge shut on Monday."


def test_it_exports_in_four_queries_per_event(client, event_with_matrix, django_assert_num_queries):
    """The events in one query, then each matrix in three and its counts (the worker's
    comparison and origins, one cache read) in one, however many rows it has."""
    for number in range(2):
        event = make_event(title=f"Event {number}", slug=f"event-{number}")
        make_article(event, make_outlet(f"Outlet {number}"))
        for _ in range(3):
            make_assertion(event)
    with django_assert_num_queries(1 + 3 * 4):
        rows = read_csv(client.get(all_url("csv")))
    assert len(rows) == 4 + 3 + 3


def test_the_export_command_still_prints_the_same_cells(event_with_matrix):
    text = exports.event_matrix_csv(event_with_matrix)
    assert not text.startswith(exports.UTF8_BOM)
    assert len(list(csv.DictReader(io.StringIO(text)))) == Stance.objects.count()


@pytest.mark.parametrize("slug", ["bad slug", "bridge\x00", "", "a/b"])
def test_it_refuses_event_parameters_that_are_not_slugs(client, event_with_matrix, slug):
    response = client.get(all_url("csv"), {"event": slug})
    assert response.status_code == 400
    assert "is not an event slug" in response.content.decode()


def test_exports_carry_the_analysis_reason_of_each_cell(client, event_with_matrix):
    why = "Monday agrees with Monday"
    Stance.objects.filter(article__outlet__slug="the-bugle", label="agree").update(reason=why)
    rows = read_csv(client.get(event_url("bridge-closure", "csv")))
    assert {row["reason"] for row in rows if row["outlet"] == "The Bugle"} == {why, ""}
    data = json.loads(client.get(event_url("bridge-closure", "json")).content)
    reasons = [cell["reason"] for row in data["assertions"] for cell in row["cells"]]
    assert why in reasons and None in reasons
    table = read_csv(client.get(all_url("csv")))
    bugle = next(r for r in table if r["outlet"] == "the-bugle" and r["label"] == "agree")
    assert bugle["reason"] == why
