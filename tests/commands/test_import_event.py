from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from coverage.models import Article, Event, Outlet, Sentence, Stance

pytestmark = pytest.mark.django_db


def valid_payload() -> dict:
    return {
        "title": "Harbour bridge closure",
        "summary": "A fictional event.",
        "date": "2024-11-30",
        "articles": [
            {
                "outlet": "Averly Courier",
                "title": "Bridge shut",
                "text": "The bridge closed on Monday.\n\nThree people were hurt.",
                "url": "https://courier.example/bridge",
                "published_at": "2024-11-30T10:00:00Z",
                "author": "A. Writer",
                "outlet_homepage": "https://courier.example",
            },
            {"outlet": "Harbour Herald", "title": "Closure", "text": "Reportedly, it shut."},
        ],
    }


def run_import(tmp_path: Path, payload, *args: str) -> str:
    path = tmp_path / "event.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload), encoding="utf-8")
    out = StringIO()
    call_command("import_event", str(path), *args, stdout=out)
    return out.getvalue()


def test_it_creates_the_event_its_outlets_articles_and_sentences(tmp_path):
    output = run_import(tmp_path, valid_payload())
    event = Event.objects.get()
    assert output.strip().splitlines()[-1] == event.slug == "harbour-bridge-closure"
    assert event.status == Event.Status.DRAFT
    assert event.date.isoformat() == "2024-11-30"
    courier = Article.objects.get(outlet__name="Averly Courier")
    assert courier.outlet.homepage == "https://courier.example"
    assert courier.word_count == 9
    assert courier.published_at.isoformat() == "2024-11-30T10:00:00+00:00"
    sentences = list(courier.sentences.values_list("text", "start", "end"))
    assert sentences == [
        ("The bridge closed on Monday.", 0, 28),
        ("Three people were hurt.", 30, 53),
    ]


def test_it_matches_existing_outlets_by_name_ignoring_case(tmp_path):
    Outlet.objects.create(name="AVERLY COURIER", slug="courier")
    run_import(tmp_path, valid_payload(), "--publish")
    assert Outlet.objects.count() == 2
    assert Event.objects.get().status == Event.Status.PUBLISHED


def test_it_gives_a_new_slug_when_the_title_is_taken(tmp_path):
    run_import(tmp_path, valid_payload())
    second = run_import(tmp_path, valid_payload())
    assert second.strip().splitlines()[-1] == "harbour-bridge-closure-2"


def test_it_reads_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", StringIO(json.dumps(valid_payload())))
    out = StringIO()
    call_command("import_event", "-", stdout=out)
    assert out.getvalue().strip().endswith("harbour-bridge-closure")


def with_change(change) -> dict:
    payload = valid_payload()
    change(payload)
    return payload


BAD_INPUTS = [
    ("{not json", "is not valid JSON"),
    ("[]", "one JSON object"),
    (with_change(lambda p: p.pop("title")), 'the field "title" is missing'),
    (with_change(lambda p: p.update(title="  ")), '"title" is empty'),
    (with_change(lambda p: p.pop("articles")), '"articles" is missing'),
    (with_change(lambda p: p.update(articles=[])), '"articles" is empty'),
    (with_change(lambda p: p.update(articles="text")), "must be a list"),
    (with_change(lambda p: p["articles"][1].update(text="   ")), '"text" is missing or empty'),
    (with_change(lambda p: p["articles"][1].pop("text")), '"text" is missing or empty'),
    (with_change(lambda p: p["articles"][1].update(text="a\x00b")), "NUL characters"),
    (with_change(lambda p: p["articles"][1].pop("outlet")), 'the field "outlet" is missing'),
    (with_change(lambda p: p["articles"][0].update(url="not a url")), "is not a web address"),
    (with_change(lambda p: p["articles"][0].update(published_at="yesterday")), "is not a date"),
    (with_change(lambda p: p.update(date="30/11/2024")), "is not a date like"),
    (with_change(lambda p: p.update(slug="Not A Slug")), "may only hold lowercase"),
    (with_change(lambda p: p["articles"][1].update(url=p["articles"][0]["url"])), "appears twice"),
    (with_change(lambda p: p["articles"].append("just a string")), "must be an object"),
    (with_change(lambda p: p["articles"][0].update(title=42)), "must be text"),
]


@pytest.mark.parametrize(("payload", "message"), BAD_INPUTS)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_written(tmp_path, payload, message):
    with pytest.raises(CommandError, match=message) as error:
        run_import(tmp_path, payload)
    assert str(error.value).startswith(("Nothing was imported.", "event.json", str(tmp_path)))
    assert Event.objects.count() == 0
    assert Article.objects.count() == 0
    assert Outlet.objects.count() == 0
    assert Sentence.objects.count() == 0
    assert Stance.objects.count() == 0


def test_an_existing_slug_is_refused(tmp_path):
    run_import(tmp_path, with_change(lambda p: p.update(slug="bridge")))
    with pytest.raises(CommandError, match="already exists"):
        run_import(tmp_path, with_change(lambda p: p.update(slug="bridge")))
    assert Event.objects.count() == 1


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No file at"):
        call_command("import_event", str(tmp_path / "nope.json"))


def test_a_file_that_is_not_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes(
        json.dumps(valid_payload(), ensure_ascii=False)
        .replace("Monday", "Mönday")
        .encode("latin-1")
    )
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_event", str(path))


def test_an_imported_event_has_no_editors_unless_named(tmp_path):
    run_import(tmp_path, valid_payload())
    assert not Event.objects.get().editors.exists()
    alice = User.objects.create_user("alice")
    payload = valid_payload() | {"slug": "second"}
    run_import(tmp_path, payload, "--editor", "alice")
    assert list(Event.objects.get(slug="second").editors.all()) == [alice]


def test_an_unknown_editor_imports_nothing(tmp_path):
    with pytest.raises(CommandError, match="No account is called 'nobody'"):
        run_import(tmp_path, valid_payload(), "--editor", "nobody")
    assert not Event.objects.exists()


def test_the_reserved_slug_new_is_refused(tmp_path):
    with pytest.raises(CommandError, match="reserved"):
        run_import(tmp_path, valid_payload() | {"slug": "new"})
