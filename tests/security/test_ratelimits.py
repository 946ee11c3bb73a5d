"""Rate limits on starting analyses and fetching web addresses (coverage/ratelimits.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from coverage import ratelimits
from coverage.models import AnalysisRun, Article

HTMX = {"HTTP_HX_REQUEST": "true"}
ANALYSE = "/events/bridge-closure/analyse/"
LINKS = "/events/bridge-closure/articles/add/links/"
FEED = "/events/bridge-closure/articles/add/feed/"
FEED_IMPORT = "/events/bridge-closure/articles/add/feed/import/"


def _finish_runs() -> None:
    """Let the next analysis start: only one may be queued or running at a time."""
    AnalysisRun.objects.update(status=AnalysisRun.Status.SUCCEEDED)


@pytest.mark.parametrize(
    ("text", "limit", "window", "period"),
    [
        ("10/h", 10, 3600, "hour"),
        ("30/10m", 30, 600, "10 minutes"),
        (" 5 / 2d ", 5, 2 * 86400, "2 days"),
        ("1/s", 1, 1, "second"),
    ],
)
def test_it_reads_rates(text, limit, window, period):
    assert ratelimits.parse_rate(text, setting="X") == ratelimits.Rate(limit, window, period)


@pytest.mark.parametrize("text", ["", "10", "10/hour", "0/h", "10/0m", "-1/h", "ten/h"])
def test_it_refuses_rates_it_cannot_read_naming_the_setting(text):
    with pytest.raises(ImproperlyConfigured, match="PARALLAX_ANALYSIS_RATE=.* is not a rate"):
        ratelimits.parse_rate(text, setting="PARALLAX_ANALYSIS_RATE")


def test_it_limits_analyses_per_user_with_a_partial_saying_when_to_retry(
    editor_client, event_with_matrix, settings
):
    settings.PARALLAX_ANALYSIS_RATE = "2/h"
    for _ in range(2):
        assert editor_client.post(ANALYSE, **HTMX).status_code == 202
        _finish_runs()
    response = editor_client.post(ANALYSE, **HTMX)
    assert response.status_code == 429
    assert 3590 <= int(response["Retry-After"]) <= 3600
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="analysis"')
    assert "You have reached the limit of 2 analyses per hour. Try again in 60 minutes." in (
        content
    )
    assert AnalysisRun.objects.count() == 2


def test_it_refuses_analyses_over_the_limit_on_the_full_page(
    editor_client, event_with_matrix, settings
):
    settings.PARALLAX_ANALYSIS_RATE = "1/h"
    editor_client.post(ANALYSE)
    _finish_runs()
    response = editor_client.post(ANALYSE)
    assert response.status_code == 429
    content = response.content.decode()
    assert "<html" in content and "Who reports what" in content  # the whole event page
    assert "the limit of 1 analysis per hour" in content


def test_it_does_not_count_refused_attempts(editor_client, event_with_matrix, settings):
    settings.PARALLAX_ANALYSIS_RATE = "2/h"
    assert editor_client.post(ANALYSE, **HTMX).status_code == 202
    # Refused while the first is still queued: not an analysis, so not counted.
    assert editor_client.post(ANALYSE, **HTMX).status_code == 409
    _finish_runs()
    assert editor_client.post(ANALYSE, **HTMX).status_code == 202
    _finish_runs()
    # Refused by the limit, then again: the refusals do not push the retry time back.
    first = editor_client.post(ANALYSE, **HTMX)
    second = editor_client.post(ANALYSE, **HTMX)
    assert first.status_code == second.status_code == 429
    assert int(second["Retry-After"]) <= int(first["Retry-After"])


def test_it_counts_each_user_apart(client, editor, other_editor, event_with_matrix, settings):
    settings.PARALLAX_ANALYSIS_RATE = "1/h"
    event_with_matrix.editors.add(other_editor)
    client.force_login(editor)
    assert client.post(ANALYSE, **HTMX).status_code == 202
    _finish_runs()
    assert client.post(ANALYSE, **HTMX).status_code == 429
    client.force_login(other_editor)
    assert client.post(ANALYSE, **HTMX).status_code == 202


def test_it_allows_again_once_the_window_has_passed(
    editor_client, event_with_matrix, settings, monkeypatch
):
    settings.PARALLAX_ANALYSIS_RATE = "1/m"
    assert editor_client.post(ANALYSE, **HTMX).status_code == 202
    _finish_runs()
    assert editor_client.post(ANALYSE, **HTMX).status_code == 429
    later = ratelimits.time.time() + 61
    monkeypatch.setattr(ratelimits.time, "time", lambda: later)
    assert editor_client.post(ANALYSE, **HTMX).status_code == 202


def test_it_limits_web_addresses_fetched_per_user(
    editor_client, event_with_matrix, settings, local_site
):
    settings.PARALLAX_URL_IMPORT_RATE = "3/10m"
    first = local_site.add_fixture("/article.html", "article.html")
    second = local_site.add_fixture("/article-two.html", "article_two.html")
    response = editor_client.post(LINKS, {"links-urls": f"{first}\n{second}"}, **HTMX)
    assert response.status_code == 200
    fetched = len(local_site.requests)
    articles = Article.objects.count()

    response = editor_client.post(
        LINKS, {"links-urls": f"{local_site.url('/a')}\n{local_site.url('/b')}"}, **HTMX
    )
    assert response.status_code == 429
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="add-links"')
    assert "That is 2 web addresses fetched, and you have 1 left of 3 web addresses" in content
    assert "Send 1 now, or all of them in 10 minutes." in content
    assert local_site.url("/a") in content  # the addresses stay in the box to send later
    assert len(local_site.requests) == fetched, "nothing may be fetched over the limit"
    assert Article.objects.count() == articles


def test_it_refuses_more_addresses_than_the_limit_allows_at_all(
    editor_client, event_with_matrix, settings, local_site
):
    settings.PARALLAX_URL_IMPORT_RATE = "2/h"
    urls = "\n".join(local_site.url(f"/{number}") for number in range(3))
    response = editor_client.post(LINKS, {"links-urls": urls})
    assert response.status_code == 429
    assert "That is 3 web addresses fetched at once; the limit is 2 web addresses fetched per" in (
        response.content.decode()
    )
    assert local_site.requests == []


def test_it_counts_feeds_and_feed_items_against_the_same_limit(
    editor_client, event_with_matrix, settings, local_site
):
    settings.PARALLAX_URL_IMPORT_RATE = "2/h"
    feed = local_site.add_fixture("/feed.rss", "feed.rss", content_type="application/rss+xml")
    assert editor_client.post(FEED, {"feed-feed_url": feed}, **HTMX).status_code == 200
    assert editor_client.post(FEED, {"feed-feed_url": feed}, **HTMX).status_code == 200
    response = editor_client.post(FEED, {"feed-feed_url": feed}, **HTMX)
    assert response.status_code == 429
    assert response.content.decode().lstrip().startswith('<section id="add-feed"')
    response = editor_client.post(
        FEED_IMPORT, {"pick-links": [local_site.url("/article.html")]}, **HTMX
    )
    assert response.status_code == 429
    assert "Try again in 60 minutes" in response.content.decode()


def test_it_counts_visitors_who_are_not_logged_in_by_address(settings, db):
    settings.PARALLAX_ANALYSIS_RATE = "1/h"
    factory = RequestFactory()

    def visitor(ip: str):
        request = factory.post("/", REMOTE_ADDR=ip)
        request.user = AnonymousUser()
        return request

    ratelimits.record(visitor("203.0.113.5"), ratelimits.ANALYSIS)
    with pytest.raises(ratelimits.RateLimited):
        ratelimits.check(visitor("203.0.113.5"), ratelimits.ANALYSIS)
    ratelimits.check(visitor("203.0.113.6"), ratelimits.ANALYSIS)
