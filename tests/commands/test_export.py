from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from coverage import services
from coverage.models import Event, Stance


def export(slug: str, fmt: str) -> str:
    out = StringIO()
    call_command("export", slug, "--format", fmt, stdout=out)
    return out.getvalue()


def test_json_has_one_cell_per_assertion_and_article(event_with_matrix):
    data = json.loads(export("bridge-closure", "json"))
    assert data["event"]["slug"] == "bridge-closure"
    assert [outlet["name"] for outlet in data["outlets"]] == ["Daily Planet", "The Bugle"]
    assert len(data["articles"]) == 3
    assert [a["text"] for a in data["assertions"]] == [
        "The bridge closed on Monday.",
        "Nobody was injured.",
    ]
    for assertion in data["assertions"]:
        assert sorted(cell["article"] for cell in assertion["cells"]) == sorted(
            a["id"] for a in data["articles"]
        )
    first_row = data["assertions"][0]["cells"]
    bugle = next(c for c in first_row if c["outlet"] == "The Bugle")
    assert bugle == {
        "outlet": "The Bugle",
        "article": bugle["article"],
        "label": "agree",
        "hedged": True,
        "attributed_to": None,
        # Until the worker has traced where the claim comes from.
        "comes_from": None,
        "evidence": "Reportedly the bridge shut on Monday.",
        "origin": "human",
        "confidence": None,
        "reason": None,
        "note": "",
    }
    assert {c["label"] for c in data["assertions"][1]["cells"]} == {"silent"}


def test_csv_has_one_row_per_cell(event_with_matrix):
    rows = list(csv.DictReader(StringIO(export("bridge-closure", "csv"))))
    assert len(rows) == 2 * 3
    agreeing = [row for row in rows if row["label"] == "agree"]
    assert {(row["outlet"], row["hedged"]) for row in agreeing} == {
        ("Daily Planet", "no"),
        ("The Bugle", "yes"),
    }


@pytest.mark.django_db
def test_unknown_slug_is_a_clear_error(event_with_matrix):
    with pytest.raises(CommandError, match="No event with the slug 'nope'. Known events: bridge"):
        export("nope", "json")


def test_import_then_export_round_trips(tmp_path: Path, event_with_matrix):
    source = json.loads(export("bridge-closure", "json"))
    payload = {
        "title": "Round trip",
        "summary": source["event"]["summary"],
        "articles": [
            {
                "outlet": article["outlet"],
                "title": article["title"],
                "url": article["url"],
                "text": " ".join(
                    [
                        "The",
                        "bridge",
                        "closed",
                        "on",
                        "Monday.",
                        "Officials",
                        "said",
                        "repairs",
                        "take",
                        "a",
                        "week.",
                    ]
                ),
            }
            for article in source["articles"]
        ],
    }
    path = tmp_path / "round.json"
    path.write_text(json.dumps(payload))
    out = StringIO()
    call_command("import_event", str(path), stdout=out)
    slug = out.getvalue().strip().splitlines()[-1]
    services.add_assertion(event=Event.objects.get(slug=slug), text="The bridge closed on Monday.")
    exported = json.loads(export(slug, "json"))
    assert [(a["outlet"], a["title"], a["url"]) for a in exported["articles"]] == [
        (a["outlet"], a["title"], a["url"]) for a in source["articles"]
    ]
    assert len(exported["assertions"][0]["cells"]) == 3
    assert Stance.objects.filter(assertion__event__slug=slug).count() == 3
