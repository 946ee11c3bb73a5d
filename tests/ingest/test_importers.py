"""Reading articles from text, HTML, JSON, CSV and feeds, without a database or network."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from coverage.ingest import importers
from coverage.services import ImportProblem
from tests.conftest import FIXTURES


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def problem_of(function, *args, **kwargs) -> str:
    with pytest.raises(ImportProblem) as raised:
        function(*args, **kwargs)
    return str(raised.value)


# Text files


def test_a_text_file_has_its_title_on_the_first_line():
    article = importers.parse_text_file(fixture_bytes("article.txt"), outlet=" The Bugle ")
    assert article == {
        "outlet": "The Bugle",
        "title": "Bridge shut on Monday",
        "text": "The bridge closed on Monday.\nOfficials said repairs take a week.",
    }


def test_a_text_file_needs_an_outlet_a_title_and_text():
    assert "which outlet" in problem_of(importers.parse_text_file, b"Title\nText", outlet="")
    assert "empty" in problem_of(importers.parse_text_file, b"  \n ", outlet="X")
    assert "no text below it" in problem_of(importers.parse_text_file, b"Title only", outlet="X")


def test_a_text_file_must_be_utf8():
    latin1 = "Brücke gesperrt\nDie Brücke ist zu.".encode("latin-1")
    assert "not UTF-8" in problem_of(importers.parse_text_file, latin1, outlet="X")
    with_bom = "\ufeffBrücke gesperrt\nDie Brücke ist zu.".encode()
    assert importers.parse_text_file(with_bom, outlet="X")["title"] == "Brücke gesperrt"


# HTML


def test_html_becomes_plain_text_with_its_metadata():
    article = importers.parse_html(fixture_bytes("article.html"), url="https://courier.example/a")
    assert article["outlet"] == "Averly Courier"
    assert article["title"] == "Harbour bridge shut after cracks found"
    assert article["author"] == "Jane Writer"
    assert article["published_at"] == "2024-11-30"
    assert article["url"] == "https://courier.example/a"
    assert article["text"].startswith("The harbour bridge closed on Monday")
    assert "Officials said repairs" in article["text"]
    assert "Home" not in article["text"] and "Copyright" not in article["text"]


def test_hostile_html_leaves_no_markup_behind():
    text = importers.parse_html(fixture_bytes("article.html"))["text"]
    for hostile in (
        "window.stolen",
        'alert("inline")',
        "onerror",
        "onclick",
        "javascript:",
        "<img",
    ):
        assert hostile not in text
    # Text the page showed as text stays text; the template escapes it when shown.
    assert '<script>alert("escaped")</script>' in text


def test_the_given_outlet_wins_over_the_site_name():
    article = importers.parse_html(fixture_bytes("article.html"), outlet="My outlet")
    assert article["outlet"] == "My outlet"


def test_a_page_without_article_text_is_refused():
    message = problem_of(importers.parse_html, fixture_bytes("no_article.html"), outlet="X")
    assert "No article text was found" in message


def test_long_page_metadata_is_clipped_to_fit():
    title = "Very long headline " * 60
    page = (
        f"<html><head><title>{title}</title><meta name='author' content='{'A' * 400}'>"
        f"</head><body><article><p>{'Words of the article. ' * 40}</p></article></body></html>"
    )
    article = importers.parse_html(page.encode(), outlet="X")
    assert len(article["title"]) <= 500 and article["title"].endswith("…")
    assert len(article["author"]) <= 300


# JSON


def test_json_in_the_import_event_format():
    articles = importers.parse_json(fixture_bytes("articles.json"))
    assert [article["title"] for article in articles] == ["Bridge shut", "Closure"]


def test_json_may_be_a_bare_list():
    payload = [{"outlet": "X", "title": "T", "text": "Body."}]
    assert importers.parse_json(json.dumps(payload).encode()) == payload


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{", "not valid JSON: Expecting property name"),
        (b'{"title": "x"}', 'no "articles" list'),
        (b'"articles"', 'an object with "articles"'),
        (b"[]", "lists no articles"),
        ('["\u00e9"]'.encode("latin-1"), "not UTF-8"),
        (b'[{"outlet": "X", "title": "T", "text": "a\\u0000b"}]', "NUL characters"),
    ],
)
def test_bad_json_is_explained(content, message):
    assert message in problem_of(importers.parse_json, content)


# CSV


def test_csv_has_one_article_per_row():
    articles = importers.parse_csv(fixture_bytes("articles.csv"))
    assert [article["outlet"] for article in articles] == [
        "Averly Courier",
        "Harbour Herald",
        "The Bugle",
    ]
    assert articles[1]["text"] == (
        'Reportedly, the bridge shut.\nA second paragraph says "a month", not a week.'
    )
    assert articles[1]["published_at"] == "2024-12-01T08:00:00Z"
    assert articles[2] == {
        "outlet": "The Bugle",
        "title": "No link",
        "text": "The bridge is closed.",
        "url": "",
        "published_at": "",
        "author": "",
    }


def test_csv_with_a_byte_order_mark_semicolons_and_spaced_headers():
    content = "\ufeffOutlet; Title ;TEXT\r\nThe Bugle;Shut;The bridge, it shut.\r\n\r\n".encode()
    assert importers.parse_csv(content) == [
        {"outlet": "The Bugle", "title": "Shut", "text": "The bridge, it shut."}
    ]


def test_csv_missing_columns_are_listed():
    message = problem_of(importers.parse_csv, fixture_bytes("missing_columns.csv"))
    assert message.startswith("The CSV is missing the columns title, text.")
    assert "it names outlet, headline, body" in message


def test_csv_in_another_encoding_is_refused_with_advice():
    content = "outlet,title,text\nLe Monde,Pont fermé,Le pont est fermé.\n".encode("cp1252")
    message = problem_of(importers.parse_csv, content)
    assert "not UTF-8" in message and "CSV UTF-8" in message
    utf16 = "outlet,title,text\nX,T,Body\n".encode("utf-16")
    assert "not UTF-8" in problem_of(importers.parse_csv, utf16)
    utf16_without_bom = "outlet,title,text\nX,T,Body\n".encode("utf-16-le")
    assert "not UTF-8" in problem_of(importers.parse_csv, utf16_without_bom)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"outlet,title,text\n", "no articles below it"),
        (b"outlet,title,text\nX,T,one, two\n", "Line 2 of the CSV has more cells"),
        (b'outlet,title,text\nX,T,"unclosed\n', "could not be read"),
    ],
)
def test_broken_csv_is_explained(content, message):
    assert message in problem_of(importers.parse_csv, content)


def test_csv_cells_may_hold_long_articles():
    long_text = "word " * 60_000
    content = f'outlet,title,text\nX,T,"{long_text}"\n'.encode()
    assert importers.parse_csv(content)[0]["text"] == long_text.strip()


# Uploads


def test_uploads_are_read_by_extension():
    assert importers.parse_upload("a.TXT", b"T\nBody", outlet="X")[0]["title"] == "T"
    assert len(importers.parse_upload("a.csv", fixture_bytes("articles.csv"))) == 3
    assert len(importers.parse_upload("a.json", fixture_bytes("articles.json"))) == 2
    html = importers.parse_upload("page.htm", fixture_bytes("article.html"))
    assert html[0]["outlet"] == "Averly Courier"
    assert "not “.docx”" in problem_of(importers.parse_upload, "essay.docx", b"PK")


# Feeds


def test_rss_items_are_plain_text_with_links_and_dates():
    items = importers.parse_feed(fixture_bytes("feed.rss"))
    assert [item.link for item in items] == [
        "http://SITE/article.html",
        "http://SITE/article-two.html",
        "http://SITE/library.html",
    ]
    assert items[0].published == dt.datetime(2024, 11, 30, 10, tzinfo=dt.UTC)
    assert items[0].summary == "The harbour bridge closed on Monday."


def test_atom_entries_are_read():
    items = importers.parse_feed(fixture_bytes("feed.atom"))
    assert [item.title for item in items] == [
        "Bridge closure: what we know",
        "Weather: a calm week ahead",
    ]


def test_feed_items_are_chosen_by_words_and_date():
    items = importers.parse_feed(fixture_bytes("feed.rss"))
    bridge = importers.filter_feed_items(items, keyword="Bridge monday")
    assert [item.title for item in bridge] == [
        "Harbour bridge shut after cracks found",
        "Bridge closure: what we know",
    ]
    recent = importers.filter_feed_items(items, since=dt.date(2024, 12, 1))
    assert [item.title for item in recent] == ["Bridge closure: what we know"]
    assert importers.filter_feed_items(items) == items


def test_empty_and_non_feeds_are_explained():
    assert "no items" in problem_of(importers.parse_feed, fixture_bytes("empty.rss"))
    assert "not hold an RSS or Atom feed" in problem_of(
        importers.parse_feed, b"<html><body>Hello</body></html>"
    )


def test_feed_content_is_never_opened_as_a_path():
    assert "not hold an RSS or Atom feed" in problem_of(importers.parse_feed, b"/etc/hostname")
