"""The explainer page, its Markdown download, and the embeddable matrix."""

from __future__ import annotations

import re
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.csp import CSP

from coverage.models import Event, Stance
from coverage.readings.explainer import UNCHECKED
from coverage.selectors.matrix import build_matrix

FICTIONAL = "port-averly-bridge-closure"
SEED = "ukraine-idlib-training-reports"


@pytest.fixture
def demo(db):
    call_command("demo", stdout=StringIO())


def _explainer(client, slug: str = "bridge-closure"):
    return client.get(reverse("event_explainer", args=[slug]))


def _embed(client, slug: str = "bridge-closure", query: str = ""):
    return client.get(reverse("event_embed", args=[slug]) + query)


# The explainer page


def test_it_shows_the_explainer_sections_with_counts_and_quotes(client, event_with_matrix):
    response = _explainer(client)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Bridge closure</h1>" in html
    assert "2 outlets, 3 articles, 2 assertions; not analysed automatically." in html
    for heading in ("What is contested", "What is only reported with hedging"):
        assert heading in html
    assert re.search(r"What all outlets agree on <span class=\"count\">\(1\)</span>", html)
    assert "No claim is contested: no outlet contradicts what another reports." in html
    assert "<blockquote" in html and "<cite>" in html
    first = event_with_matrix.articles.get(url="https://planet.example/1")
    assert f'href="/events/bridge-closure/articles/{first.pk}/?sentence=0#s0"' in html
    assert 'href="https://planet.example/1" rel="noopener noreferrer nofollow"' in html
    assert '<mark class="hedge-cue">Reportedly</mark>' in html
    assert "Hedged means the outlet does not state the claim as its own fact" in html


def test_it_says_which_contradictions_no_person_has_checked(client, demo):
    """The demo's cells are a person's; one turned into the analysis's is flagged."""
    assert UNCHECKED not in unescape(_explainer(client, FICTIONAL).content.decode())
    stance = Stance.objects.filter(
        assertion__event__slug=FICTIONAL, label=Stance.Label.CONTRADICT
    ).first()
    stance.origin = "machine"
    stance.save()

    page = unescape(_explainer(client, FICTIONAL).content.decode())

    assert page.count(UNCHECKED) == 1


def test_it_links_quotes_to_sentence_anchors_the_article_page_has(client, event_with_matrix):
    html = _explainer(client).content.decode()
    links = re.findall(r'href="(/events/bridge-closure/articles/\d+/)\?sentence=(\d+)#s\2"', html)

    assert links
    for path, index in links:
        article_page = client.get(f"{path}?sentence={index}").content.decode()
        assert f'id="s{index}" class="evidence current"' in article_page


def test_it_offers_the_markdown_as_a_download_that_works_without_javascript(
    client, event_with_matrix
):
    html = _explainer(client).content.decode()
    markdown_url = reverse("event_explainer_markdown", args=["bridge-closure"])

    assert f'<a class="button-link" href="{markdown_url}" download>' in html
    assert re.search(rf'<button type="button" hidden data-copy-url="{markdown_url}"', html)
    assert '<script src="/static/js/copy.js" defer></script>' in html


def test_it_follows_the_content_security_policy(client, event_with_matrix):
    html = _explainer(client).content.decode()

    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\sstyle=|\son\w+=", html)


def test_it_shows_the_embed_code_escaped_for_copying(client, event_with_matrix):
    event_with_matrix.title = 'Bridge "closure" <b>'
    event_with_matrix.save()

    html = _explainer(client).content.decode()
    [snippet] = re.findall(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', html, re.S)
    assert unescape(snippet) == (
        '<iframe src="http://testserver/events/bridge-closure/embed/" '
        'title="Parallax: Bridge &quot;closure&quot; &lt;b&gt;" width="100%" height="600" '
        'loading="lazy"></iframe>'
    )
    assert "http://testserver/events/bridge-closure/embed/?blind=1" in html


def test_it_hides_drafts_from_readers(client, reader_client, event_with_matrix):
    event_with_matrix.status = Event.Status.DRAFT
    event_with_matrix.save()

    assert _explainer(client).status_code == 404
    assert _explainer(reader_client).status_code == 404
    assert (
        client.get(reverse("event_explainer_markdown", args=["bridge-closure"])).status_code == 404
    )


def test_it_shows_a_draft_to_its_editor_without_embed_code(editor_client, event_with_matrix):
    event_with_matrix.status = Event.Status.DRAFT
    event_with_matrix.save()

    response = _explainer(editor_client)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Only published events can be embedded" in html
    assert 'id="embed-code"' not in html


def test_it_answers_404_for_an_unknown_event(client, db):
    assert _explainer(client, "no-such-event").status_code == 404


def test_it_refuses_to_change_anything(client, event_with_matrix):
    for name in ("event_explainer", "event_explainer_markdown", "event_embed"):
        assert client.post(reverse(name, args=["bridge-closure"])).status_code == 405


def test_it_says_so_when_an_event_has_no_articles(client, db):
    Event.objects.create(title="Empty", slug="empty", status=Event.Status.PUBLISHED)

    html = _explainer(client, "empty").content.decode()
    assert "This event has no articles yet, so there is nothing to explain." in html
    assert "This event has no articles yet." in _embed(client, "empty").content.decode()


def test_it_explains_the_fictional_demo_event(client, demo):
    html = _explainer(client, FICTIONAL).content.decode()

    assert re.search(r"What is contested <span class=\"count\">\(\d+\)</span>", html)
    assert "Twelve people were injured in Friday" in html
    assert "(mixed:" in html
    assert "Editor’s note:" in html


def test_it_names_the_sources_of_the_seed_events_hedged_claims(client, demo):
    html = _explainer(client, SEED).content.decode()
    hedged = html.split('id="hedged-only"')[1].split("</section>")[0]

    assert "attributed to Kyiv Post" in hedged
    assert "Al-Watan" in hedged
    assert '<mark class="hedge-cue">According to</mark>' in hedged


def test_it_links_the_explainer_from_the_event_page(client, event_with_matrix):
    html = client.get(event_with_matrix.get_absolute_url()).content.decode()
    assert f'href="{reverse("event_explainer", args=["bridge-closure"])}"' in html


def test_it_loads_the_explainer_in_a_fixed_number_of_queries(
    client, demo, django_assert_num_queries
):
    """Prevents an n+1 over claims, quotes or articles.

    1 the event, 2 the last finished analysis, 3-5 the matrix: articles with outlets,
    assertions, stances with their evidence sentences, 6 its counts (the worker's
    comparison of the texts and traced origins, one cache read).
    """
    for slug in (FICTIONAL, SEED):
        with django_assert_num_queries(6):
            assert _explainer(client, slug).status_code == 200
        with django_assert_num_queries(6):
            client.get(reverse("event_explainer_markdown", args=[slug]))


# The Markdown copy


def test_it_serves_the_explainer_as_downloadable_markdown(client, event_with_matrix):
    response = client.get(reverse("event_explainer_markdown", args=["bridge-closure"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == ('attachment; filename="bridge-closure-explainer.md"')
    markdown = response.content.decode()
    assert markdown.startswith("# Bridge closure: how the outlets covered it\n")
    assert "Full matrix and sources: <http://testserver/events/bridge-closure/>" in markdown
    assert "## What all outlets agree on (1)" in markdown
    assert "> **Reportedly** the bridge shut on Monday." in markdown
    assert "(<http://testserver/events/bridge-closure/articles/" in markdown
    assert "([original](<https://planet.example/1>))" in markdown


def test_it_escapes_outlet_text_in_the_markdown_download(client, event_with_matrix):
    outlet = event_with_matrix.articles.get(url="https://planet.example/1").outlet
    outlet.name = "Planet *[Sponsored](https://ads.example)*"
    outlet.save()

    markdown = client.get(reverse("event_explainer_markdown", args=["bridge-closure"])).content
    assert "Planet \\*\\[Sponsored\\](https://ads.example)\\*" in markdown.decode()


# The embeddable matrix


def test_it_lets_other_sites_frame_the_embed(client, event_with_matrix):
    response = _embed(client)

    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    # Every other page keeps refusing to be framed.
    assert client.get(event_with_matrix.get_absolute_url())["X-Frame-Options"] == "DENY"


def test_it_widens_only_frame_ancestors_of_the_sites_policy(client, event_with_matrix, settings):
    settings.SECURE_CSP = {
        "default-src": [CSP.SELF],
        "script-src": [CSP.SELF],
        "frame-ancestors": [CSP.NONE],
    }
    settings.SECURE_CSP_REPORT_ONLY = {"default-src": [CSP.NONE], "frame-ancestors": [CSP.NONE]}

    embed = _embed(client)
    assert embed["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self'; frame-ancestors *"
    )
    assert embed["Content-Security-Policy-Report-Only"] == "default-src 'none'; frame-ancestors *"
    page = client.get(event_with_matrix.get_absolute_url())
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


def test_it_adds_no_policy_to_the_embed_when_the_site_has_none(client, event_with_matrix, settings):
    settings.SECURE_CSP = {}
    settings.SECURE_CSP_REPORT_ONLY = {}

    response = _embed(client)
    assert "Content-Security-Policy" not in response
    assert "Content-Security-Policy-Report-Only" not in response
    assert "X-Frame-Options" not in response


def test_it_shows_the_matrix_read_only_with_states_hedges_and_totals(
    editor_client, event_with_matrix
):
    response = _embed(editor_client)

    html = response.content.decode()
    assert '<table class="matrix">' in html
    assert "Agrees" in html and "Silent" in html
    assert "<em>hedged</em>" in html
    assert '✔ 2<span class="visually-hidden"> agree,</span>' in html
    assert f'href="{event_with_matrix.get_absolute_url()}"' in html
    assert '<base target="_blank">' in html
    for editing in ("/edit/", "assertions/", "<form", "Log in", "Log out", "csrf"):
        assert editing not in html, editing


def test_it_links_each_cell_to_its_evidence(client, event_with_matrix):
    html = _embed(client).content.decode()
    row = event_with_matrix.assertions.get(text="The bridge closed on Monday.")
    assert f'href="/events/bridge-closure/cells/{row.pk}/the-bugle/"' in html


def test_it_never_embeds_a_draft(client, editor_client, admin, event_with_matrix):
    event_with_matrix.status = Event.Status.DRAFT
    event_with_matrix.save()

    assert _embed(client).status_code == 404
    assert _embed(editor_client).status_code == 404
    client.force_login(admin)
    assert _embed(client).status_code == 404


def test_it_hides_outlet_names_in_blind_mode(client, event_with_matrix):
    html = _embed(client, query="?blind=1").content.decode()
    labels = build_matrix(event_with_matrix).blind_labels

    for name in ("Daily Planet", "The Bugle", "daily-planet", "the-bugle"):
        assert name not in html
    headers = re.findall(r'<th scope="col" class="outlet-col">(Outlet [A-Z]+)', html)
    assert headers == sorted(labels.values())
    assert "/cells/" not in html
    assert 'href="/events/bridge-closure/?blind=1"' in html


def test_it_hides_outlet_names_inside_claims_in_blind_mode(client, event_with_matrix):
    assertion = event_with_matrix.assertions.get(text="Nobody was injured.")
    assertion.text = "The Daily Planet says nobody was injured."
    assertion.save()
    labels = build_matrix(event_with_matrix).blind_labels
    planet = event_with_matrix.articles.get(url="https://planet.example/1").outlet

    html = _embed(client, query="?blind=1").content.decode()

    assert "Daily Planet" not in html
    assert f"{labels[planet.pk]} says nobody was injured." in html
    assert "The Daily Planet says" in _embed(client).content.decode()


def test_it_loads_the_embed_in_a_fixed_number_of_queries(client, demo, django_assert_num_queries):
    """Prevents an n+1: 1 the published event, 2-4 the matrix without evidence, 5 its
    counts (one cache read)."""
    for query in ("", "?blind=1"):
        with django_assert_num_queries(5):
            assert _embed(client, FICTIONAL, query).status_code == 200


def test_it_keeps_names_hidden_in_blind_mode_whatever_else_is_asked(client, event_with_matrix):
    html = _embed(client, query="?blind=1&reveal=all&projector=1").content.decode()

    for name in ("Daily Planet", "The Bugle"):
        assert name not in html
    assert '<body class="embed projector">' in html
    assert 'href="/events/bridge-closure/?blind=1&amp;projector=1"' in html


def test_the_embed_says_what_the_matrix_says_with_links_to_the_full_rows(client, demo):
    slug = "port-averly-bridge-closure"
    content = _embed(client, slug).content.decode()
    summary = re.search(r'<div class="matrix-summary"[^>]*>(.*?)</div>', content, re.S)[1]
    assert "15 claims:" in summary and "Veldmark State News Agency contradicts" in summary
    assert f'href="/events/{slug}/?show=contested"' in summary
    assert "hx-get" not in summary  # links leave the frame for the full matrix
    assert '<span class="row-number">15<span class="visually-hidden">.</span></span>' in content

    blind = _embed(client, slug, "?blind=1").content.decode()
    blind_summary = re.search(r'<div class="matrix-summary"[^>]*>(.*?)</div>', blind, re.S)[1]
    assert "Outlet " in blind_summary and "Veldmark" not in blind_summary
    assert "blind=1" in blind_summary and "veldmark" not in blind_summary
