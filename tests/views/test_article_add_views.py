"""Adding articles to an event: every path as a full page and as its htmx partial."""

from __future__ import annotations

import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from coverage import services
from coverage.models import Article, Outlet, Sentence, Stance
from tests.conftest import FIXTURES, make_article, make_outlet

HTMX = {"HTTP_HX_REQUEST": "true"}
ADD = "/events/bridge-closure/articles/add/"


@pytest.fixture
def editor_client(client: Client, editor) -> Client:
    client.force_login(editor)
    return client


def upload(name: str, content: bytes, outlet: str = "") -> dict:
    return {"upload-file": SimpleUploadedFile(name, content), "upload-outlet": outlet}


def fixture_upload(name: str, outlet: str = "") -> dict:
    return upload(name, (FIXTURES / name).read_bytes(), outlet)


def csv_rows(*rows: str) -> bytes:
    return "\n".join(["outlet,title,text,url", *rows]).encode()


def written() -> tuple[int, int, int, int]:
    return (
        Article.objects.count(),
        Outlet.objects.count(),
        Sentence.objects.count(),
        Stance.objects.count(),
    )


# Access


def test_visitors_are_sent_to_log_in_and_readers_are_refused(client, reader, event_with_matrix):
    before = written()
    response = client.get(ADD)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(f"{ADD}paste/", {"paste-title": "x"}).status_code == 302
    client.force_login(reader)
    assert client.get(ADD).status_code == 403
    for path in ("paste/", "upload/", "links/", "feed/", "feed/import/"):
        assert client.post(f"{ADD}{path}").status_code == 403
    assert "Only editors can add articles." in client.get(ADD).content.decode()
    assert written() == before


def test_the_event_page_links_editors_to_adding_articles(client, reader, editor, event_with_matrix):
    assert ADD not in client.get("/events/bridge-closure/").content.decode()
    client.force_login(reader)
    assert ADD not in client.get("/events/bridge-closure/").content.decode()
    client.force_login(editor)
    assert f'href="{ADD}"' in client.get("/events/bridge-closure/").content.decode()


def test_the_page_offers_every_way_to_add(editor_client, event_with_matrix):
    response = editor_client.get(ADD)
    assert response.status_code == 200
    content = response.content.decode()
    for heading in ("From web addresses", "Paste text", "Upload a file", "From a news feed"):
        assert heading in content
    for section in ("add-links", "add-paste", "add-upload", "add-feed", "current-articles"):
        assert f'id="{section}"' in content
    assert 'enctype="multipart/form-data"' in content
    assert "Daily Planet" in content  # the articles already in the event


def test_the_page_refreshes_its_article_list_for_htmx(editor_client, event_with_matrix):
    content = editor_client.get(ADD, **HTMX).content.decode()
    assert content.lstrip().startswith('<section id="current-articles"')
    assert "<html" not in content


def test_unknown_events_and_wrong_methods_are_not_errors(editor_client, event_with_matrix):
    assert editor_client.get("/events/nope/articles/add/").status_code == 404
    assert editor_client.get(f"{ADD}paste/").status_code == 405
    assert editor_client.get(f"{ADD}feed/import/").status_code == 405


# Paste


def paste(**fields) -> dict:
    data = {
        "outlet": "Harbour Herald",
        "title": "Bridge closure",
        "text": "The bridge closed on Monday.\n\nNobody was hurt.",
        "url": "",
        "author": "",
        "published_at": "",
    } | fields
    return {f"paste-{key}": value for key, value in data.items()}


def test_editors_paste_an_article_with_htmx(editor_client, event_with_matrix):
    response = editor_client.post(
        f"{ADD}paste/",
        paste(url="https://herald.example/b", author="A. Writer", published_at="2024-11-30"),
        **HTMX,
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="add-paste"')
    assert "<html" not in content
    assert "Added 1 article:" in content and "Bridge closure" in content
    assert json.loads(response["HX-Trigger"]) == {"articles-changed": {}}
    article = event_with_matrix.articles.get(url="https://herald.example/b")
    assert (article.outlet.name, article.author, article.published_at.date().isoformat()) == (
        "Harbour Herald",
        "A. Writer",
        "2024-11-30",
    )
    assert article.sentences.count() == 2
    assert article.stances.count() == 2  # a silent cell for each existing row


def test_pasting_without_htmx_redirects_with_a_message(editor_client, event_with_matrix):
    response = editor_client.post(f"{ADD}paste/", paste(outlet="daily planet"))
    assert response.status_code == 302 and response["Location"] == ADD
    page = editor_client.get(ADD).content.decode()
    assert "Added 1: Bridge closure." in page
    assert Outlet.objects.filter(name__iexact="daily planet").count() == 1


def test_a_paste_missing_text_is_refused_in_place(editor_client, event_with_matrix):
    before = written()
    response = editor_client.post(f"{ADD}paste/", paste(text="  "), **HTMX)
    assert response.status_code == 422
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="add-paste"')
    assert "This field is required." in content
    assert 'value="Bridge closure"' in content  # what was typed is kept
    assert written() == before


def test_a_paste_without_htmx_shows_the_page_with_its_error(editor_client, event_with_matrix):
    response = editor_client.post(f"{ADD}paste/", paste(outlet=""))
    assert response.status_code == 422
    assert "<html" in response.content.decode()


def test_a_pasted_duplicate_url_is_reported(editor_client, event_with_matrix):
    before = written()
    response = editor_client.post(f"{ADD}paste/", paste(url="https://planet.example/1"), **HTMX)
    assert response.status_code == 409
    assert "already in this event" in response.content.decode()
    assert written() == before


def test_a_pasted_ftp_address_is_refused_by_the_shared_rules(editor_client, event_with_matrix):
    response = editor_client.post(f"{ADD}paste/", paste(url="ftp://files.example/a"), **HTMX)
    assert response.status_code == 422
    assert "use a full http:// or https:// URL" in response.content.decode()


def test_pasted_markup_is_stored_and_shown_as_text(editor_client, event_with_matrix):
    hostile = "<script>alert(1)</script> The bridge <img src=x onerror=alert(2)> shut."
    response = editor_client.post(
        f"{ADD}paste/", paste(title="<b onmouseover=alert(3)>Bold</b>", text=hostile), **HTMX
    )
    content = response.content.decode()
    assert "<b onmouseover" not in content and "&lt;b onmouseover" in content
    article = event_with_matrix.articles.get(title__startswith="<b")
    page = editor_client.get(f"/events/bridge-closure/articles/{article.pk}/").content.decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)" in page


# Upload


def test_a_text_file_upload(editor_client, event_with_matrix):
    response = editor_client.post(
        f"{ADD}upload/", fixture_upload("article.txt", outlet="The Bugle"), **HTMX
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section id="add-upload"')
    article = event_with_matrix.articles.get(title="Bridge shut on Monday")
    assert article.outlet.name == "The Bugle"


def test_an_html_file_upload_keeps_only_text(editor_client, event_with_matrix):
    response = editor_client.post(f"{ADD}upload/", fixture_upload("article.html"), **HTMX)
    assert response.status_code == 200
    article = event_with_matrix.articles.get(outlet__name="Averly Courier")
    assert article.title == "Harbour bridge shut after cracks found"
    assert "alert('img')" not in article.text and "javascript:" not in article.text
    page = editor_client.get(f"/events/bridge-closure/articles/{article.pk}/").content.decode()
    assert '<script>alert("escaped")' not in page
    assert "&lt;script&gt;alert(&quot;escaped&quot;)" in page


def test_a_json_upload_adds_to_this_event(editor_client, event_with_matrix):
    response = editor_client.post(f"{ADD}upload/", fixture_upload("articles.json"), **HTMX)
    assert response.status_code == 200
    assert "Added 2 articles:" in response.content.decode()
    assert event_with_matrix.articles.count() == 5
    assert not Article.objects.exclude(event=event_with_matrix).exists()


def test_a_csv_upload_of_forty_rows(editor_client, event_with_matrix):
    rows = [
        f'Outlet {n % 7},Story {n},"The bridge closed, said source {n}.",https://x.example/{n}'
        for n in range(40)
    ]
    response = editor_client.post(f"{ADD}upload/", upload("rows.csv", csv_rows(*rows)), **HTMX)
    assert response.status_code == 200
    assert "Added 40 articles:" in response.content.decode()
    assert event_with_matrix.articles.count() == 43
    assert Outlet.objects.filter(name__startswith="Outlet ").count() == 7


def test_a_csv_cell_without_sentence_breaks_is_stored_as_bounded_sentences(
    editor_client, event_with_matrix, settings
):
    """A million characters with no full stop: no stored sentence may be that long."""
    settings.PARALLAX_MAX_UPLOAD_BYTES = 2_000_000
    text = " ".join(f"word{n}" for n in range(150_000))
    response = editor_client.post(
        f"{ADD}upload/", upload("long.csv", csv_rows(f"Planet,Long,{text}")), **HTMX
    )
    assert response.status_code == 200, response.content.decode()[:500]
    article = Article.objects.get(title="Long")
    assert len(article.text) > 1_000_000
    sentences = list(article.sentences.order_by("index"))
    assert max(s.end - s.start for s in sentences) <= services.MAX_SENTENCE_CHARS
    assert all(article.text[s.start : s.end] == s.text for s in sentences)
    # Cut at spaces, and nothing left out.
    assert " ".join(s.text for s in sentences) == article.text


def test_a_csv_upload_skips_and_lists_articles_already_in_the_event(
    editor_client, event_with_matrix
):
    content = csv_rows(
        "Daily Planet,Again,The bridge closed.,https://planet.example/1",
        "The Bugle,New,The bridge is shut.,https://bugle.example/new",
    )
    response = editor_client.post(f"{ADD}upload/", upload("a.csv", content), **HTMX)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Added 1 article:" in text
    assert "Skipped 1 already in this event:" in text and "https://planet.example/1" in text
    assert event_with_matrix.articles.filter(url="https://planet.example/1").count() == 1


def test_a_csv_with_one_bad_row_imports_nothing(editor_client, event_with_matrix):
    before = written()
    content = csv_rows(
        "The Bugle,Fine,The bridge is shut.,https://bugle.example/1",
        "The Bugle,,No title here.,https://bugle.example/2",
        "Brand New Outlet,Fine,The bridge is shut.,https://new.example/3",
    )
    response = editor_client.post(f"{ADD}upload/", upload("a.csv", content), **HTMX)
    assert response.status_code == 422
    assert 'Nothing was imported. Article 2 (The Bugle): "title" is empty.' in html.unescape(
        response.content.decode()
    )
    assert written() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", (FIXTURES / "missing_columns.csv").read_bytes(), "missing the columns"),
        ("a.csv", "outlet,title,text\nLe Monde,Pont fermé,Fermé.\n".encode("cp1252"), "UTF-8"),
        ("a.json", b"{not json", "not valid JSON"),
        ("a.txt", b"Title\nText", "Say which outlet"),
        ("a.docx", b"PK\x03\x04", "Parallax reads .txt, .html, .json and .csv files"),
        ("a.html", (FIXTURES / "no_article.html").read_bytes(), "No article text was found"),
    ],
)
def test_unreadable_uploads_are_explained(editor_client, event_with_matrix, name, content, message):
    before = written()
    response = editor_client.post(f"{ADD}upload/", upload(name, content), **HTMX)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert written() == before


def test_uploads_over_the_size_limit_are_refused(editor_client, event_with_matrix, settings):
    settings.PARALLAX_MAX_UPLOAD_BYTES = 1000
    response = editor_client.post(f"{ADD}upload/", upload("a.txt", b"T\n" + b"x" * 2000), **HTMX)
    assert response.status_code == 422
    assert "the limit is 1000\xa0bytes" in response.content.decode()


def test_an_upload_without_a_file_is_refused(editor_client, event_with_matrix):
    response = editor_client.post(f"{ADD}upload/", {"upload-outlet": "X"}, **HTMX)
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()


# Links


def test_editors_import_articles_from_links(editor_client, event_with_matrix, local_site):
    first = local_site.add_fixture("/article.html", "article.html")
    second = local_site.add_fixture("/article-two.html", "article_two.html")
    response = editor_client.post(f"{ADD}links/", {"links-urls": f"{first}\n\n{second}\n"}, **HTMX)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="add-links"')
    assert "Added 2 articles:" in content
    courier = event_with_matrix.articles.get(url=first)
    assert (courier.outlet.name, courier.author, courier.published_at.date().isoformat()) == (
        "Averly Courier",
        "Jane Writer",
        "2024-11-30",
    )
    assert "onclick" not in courier.text and "window.stolen" not in courier.text
    assert event_with_matrix.articles.get(url=second).outlet.name == "Harbour Herald"


def test_links_already_in_the_event_are_skipped_without_fetching(
    editor_client, event_with_matrix, local_site
):
    url = local_site.add_fixture("/article.html", "article.html")
    editor_client.post(f"{ADD}links/", {"links-urls": url}, **HTMX)
    fetched = len(local_site.requests)
    response = editor_client.post(f"{ADD}links/", {"links-urls": url}, **HTMX)
    assert response.status_code == 200
    assert "Skipped 1 already in this event:" in response.content.decode()
    assert len(local_site.requests) == fetched
    assert event_with_matrix.articles.filter(url=url).count() == 1


def test_a_redirect_to_an_article_already_in_the_event_is_skipped(
    editor_client, event_with_matrix, local_site
):
    url = local_site.add_fixture("/article.html", "article.html")
    editor_client.post(f"{ADD}links/", {"links-urls": url}, **HTMX)
    short = local_site.add("/short", status=301, headers={"Location": "/article.html"})
    response = editor_client.post(f"{ADD}links/", {"links-urls": short}, **HTMX)
    assert "Skipped 1 already in this event:" in response.content.decode()
    assert event_with_matrix.articles.filter(url=url).count() == 1


def test_each_bad_link_is_explained_and_the_good_ones_are_kept(
    editor_client, event_with_matrix, local_site
):
    good = local_site.add_fixture("/article.html", "article.html")
    missing = local_site.url("/gone")
    pdf = local_site.add("/report.pdf", b"%PDF", content_type="application/pdf")
    empty = local_site.add_fixture("/app", "no_article.html")
    private = "http://10.0.0.1/intranet"
    response = editor_client.post(
        f"{ADD}links/",
        {"links-urls": "\n".join([good, missing, pdf, empty, private])},
        **HTMX,
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Added 1 article:" in content
    assert "4 could not be imported:" in content
    assert "(error 404)" in content
    assert "not a web page (it serves application/pdf)" in content
    assert "No article text was found" in content
    assert "points inside a private network" in content
    assert event_with_matrix.articles.count() == 4
    retry = content.split('name="links-urls"')[1].split("</textarea>")[0]
    assert good not in retry and missing in retry and private in retry


def test_links_that_all_fail_answer_422(editor_client, event_with_matrix, local_site):
    response = editor_client.post(
        f"{ADD}links/", {"links-urls": "http://169.254.169.254/latest/meta-data/"}, **HTMX
    )
    assert response.status_code == 422
    assert "private network" in response.content.decode()


def test_link_import_without_htmx_redirects_with_messages(
    editor_client, event_with_matrix, local_site
):
    good = local_site.add_fixture("/article.html", "article.html")
    response = editor_client.post(
        f"{ADD}links/", {"links-urls": f"{good}\n{local_site.url('/gone')}"}, follow=True
    )
    assert response.redirect_chain == [(ADD, 302)]
    content = response.content.decode()
    assert "Added 1: Harbour bridge shut after cracks found." in content
    assert "Could not import" in content and "(error 404)" in content


@pytest.mark.parametrize(
    ("urls", "message"),
    [
        ("", "This field is required."),
        ("not a link at all", "Line 1, “not a link at all”, is not a web address."),
        ("\n".join(f"https://x.example/{n}" for n in range(11)), "add at most 10 at a time"),
    ],
)
def test_bad_link_lists_are_refused(editor_client, event_with_matrix, urls, message):
    response = editor_client.post(f"{ADD}links/", {"links-urls": urls}, **HTMX)
    assert response.status_code == 422
    assert message in response.content.decode()


# Feeds


def test_a_feed_lists_its_matching_items_to_choose_from(
    editor_client, event_with_matrix, local_site
):
    feed = local_site.add_fixture("/feed.rss", "feed.rss", content_type="application/rss+xml")
    response = editor_client.post(
        f"{ADD}feed/", {"feed-feed_url": feed, "feed-keyword": "bridge"}, **HTMX
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="add-feed"')
    assert "2 of the feed’s 3 items match" in content
    assert f'value="{local_site.url("/article.html")}"' in content
    assert "Council approves new library" not in content
    assert "javascript:" not in content and "<script>alert" not in content
    assert "The harbour bridge closed on Monday." in content


def test_a_feed_filtered_by_date(editor_client, event_with_matrix, local_site):
    feed = local_site.add_fixture("/feed.atom", "feed.atom", content_type="application/atom+xml")
    response = editor_client.post(
        f"{ADD}feed/", {"feed-feed_url": feed, "feed-since": "2024-11-25"}, **HTMX
    )
    content = response.content.decode()
    assert "1 of the feed’s 2 items match" in content
    assert "Weather" not in content


def test_a_feed_with_nothing_matching_says_so(editor_client, event_with_matrix, local_site):
    feed = local_site.add_fixture("/feed.rss", "feed.rss", content_type="text/xml")
    response = editor_client.post(
        f"{ADD}feed/", {"feed-feed_url": feed, "feed-keyword": "zebra"}, **HTMX
    )
    assert response.status_code == 200
    assert "None of the feed’s 3 items match these words and date." in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content_type", "message"),
    [
        ("empty.rss", "application/rss+xml", "The feed has no items at the moment."),
        ("article.html", "text/html", "not an RSS or Atom feed (it serves text/html)"),
        ("article.html", "application/xml", "does not hold an RSS or Atom feed"),
    ],
)
def test_feeds_that_cannot_be_used_are_explained(
    editor_client, event_with_matrix, local_site, name, content_type, message
):
    feed = local_site.add_fixture("/feed", name, content_type=content_type)
    response = editor_client.post(f"{ADD}feed/", {"feed-feed_url": feed}, **HTMX)
    assert response.status_code == 422
    assert message in response.content.decode()


def test_feed_items_already_in_the_event_are_marked(editor_client, event_with_matrix, local_site):
    feed = local_site.add_fixture("/feed.rss", "feed.rss", content_type="application/rss+xml")
    article = local_site.add_fixture("/article.html", "article.html")
    editor_client.post(f"{ADD}links/", {"links-urls": article}, **HTMX)
    content = editor_client.post(f"{ADD}feed/", {"feed-feed_url": feed}).content.decode()
    assert f'value="{article}" disabled' in content
    assert "already in this event" in content


def test_ticked_feed_items_are_imported(editor_client, event_with_matrix, local_site):
    local_site.add_fixture("/article.html", "article.html")
    local_site.add_fixture("/article-two.html", "article_two.html")
    links = [local_site.url("/article.html"), local_site.url("/article-two.html")]
    response = editor_client.post(f"{ADD}feed/import/", {"pick-links": links}, **HTMX)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="feed-results"')
    assert "Added 2 articles:" in content
    assert json.loads(response["HX-Trigger"]) == {"articles-changed": {}}
    assert event_with_matrix.articles.filter(url__in=links).count() == 2


def test_importing_no_feed_items_is_explained(editor_client, event_with_matrix):
    response = editor_client.post(f"{ADD}feed/import/", {}, **HTMX)
    assert response.status_code == 422
    assert "Tick at least one item to import." in response.content.decode()
    response = editor_client.post(f"{ADD}feed/import/", {"pick-links": ["javascript:x"]}, **HTMX)
    assert response.status_code == 422


def test_the_feed_is_fetched_with_the_same_safety_checks(editor_client, event_with_matrix):
    response = editor_client.post(
        f"{ADD}feed/", {"feed-feed_url": "http://127.0.0.1:9/feed.xml"}, **HTMX
    )
    assert response.status_code == 422
    assert "private network" in response.content.decode()


def test_the_page_query_count_does_not_grow_with_articles(editor_client, event_with_matrix):
    """Prevents an n+1 on the list of articles already in the event."""
    counts = []
    for extra in (0, 5):
        for number in range(extra):
            make_article(
                event_with_matrix,
                make_outlet(f"Outlet {number}"),
                url=f"https://x.example/{number}",
            )
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(ADD).status_code == 200
        counts.append(len(queries))
    # 1 session, 1 user, 1 event, 2 permissions (the user's own and its groups'),
    # 1 is the user one of the event's editors, 1 articles with outlets.
    assert counts == [7, 7]
