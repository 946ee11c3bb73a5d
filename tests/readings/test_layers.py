"""The Sources and Wording layer pages, their htmx fragments, blind mode, and the worker
that prepares them: pages never parse."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from coverage import services
from coverage.blind import blind_labels
from coverage.models import Event
from coverage.readings import layers
from tests.conftest import cell, make_article, make_event, make_outlet, run_queued_tasks

SEED = "ukraine-idlib-training-reports"
PENDING = "Parallax is still reading these articles"


@pytest.fixture
def seed_event(db) -> Event:
    call_command("demo", stdout=StringIO())
    event = Event.objects.get(slug=SEED)
    layers.prepare(event)  # the worker's job, here for the one event these tests read
    return event


@pytest.fixture
def no_parsing_here(monkeypatch):
    """Fails the test if anything loads the language model in this process."""

    def refuse(*args, **kwargs):
        raise AssertionError("a page request parsed text")

    monkeypatch.setattr(layers, "get_nlp", refuse)


def _text(response) -> str:
    """The response as a sighted reader sees it: tags and screen-reader text stripped."""
    html = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", response.content.decode())
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_it_shows_the_sources_each_outlet_cites_in_the_seed_event(client, seed_event):
    response = client.get(reverse("event_sources", args=[SEED]))

    assert response.status_code == 200
    text = _text(response)
    for source in ("Al-Watan", "RIA Novosti", "Aydinlik", "Kyiv Post"):
        assert source in text
    assert "<caption" in response.content.decode()
    assert 'scope="col"' in response.content.decode()
    # The chains: TROIB passes on RIA's and Al-Watan's anonymous sources.
    assert "TROIB News → RIA Novosti → a source within Syria" in text
    assert "TROIB News → Al-Watan → sources in Idlib" in text
    assert "phnotes.com → Kyiv Post → Islamist social media" in text


def test_it_links_each_cited_sentence_to_the_article_and_its_matrix_row(client, seed_event):
    troib = seed_event.articles.get(outlet__name="TROIB News")
    html = client.get(reverse("event_sources", args=[SEED])).content.decode()

    # "Reports indicate … as noted by the Syrian newspaper Al-Watan" is sentence 3 of the
    # stored article and the evidence of the first row.
    sentence = troib.sentences.get(text__contains="as noted by the Syrian newspaper Al-Watan")
    article_url = reverse("article_detail", args=[SEED, troib.pk])
    assert f"{article_url}?sentence={sentence.index}#s{sentence.index}" in html
    first_row = seed_event.assertions.order_by("position").first()
    assert f"#row-{first_row.pk}" in html


def test_it_shows_the_labels_each_outlet_gives_hayat_tahrir_al_sham(client, seed_event):
    html = client.get(reverse("event_wording", args=[SEED])).content.decode()

    row = re.search(r"<tr>\s*<th scope=\"row\">Hayat Tahrir al-Sham</th>(.*?)</tr>", html, re.S)
    assert row is not None
    cells = re.findall(r"<td>(.*?)</td>", row.group(1), re.S)
    headers = re.findall(r'<th scope="col">([^<]+)</th>', html)
    by_outlet = {
        name: re.findall(r'<span class="label-text">([^<]+)</span>', cell)
        for name, cell in zip(headers[1:], cells, strict=False)
    }
    assert {"terrorists", "militants", "extremist groups", "Islamist groups"} <= set(
        by_outlet["phnotes.com"]
    )
    assert {"terrorist organization", "militants", "jihadists"} <= set(by_outlet["TROIB News"])
    # The names each outlet used: phnotes abbreviates, TROIB spells it two ways.
    assert "HTS" in cells[headers[1:].index("phnotes.com")]
    assert "Hay’at Tahrir al-Sham" in cells[headers[1:].index("TROIB News")]


def test_it_finds_a_label_for_people_that_no_word_list_holds(client, db):
    """The worker reads "freeloaders" as a word for people with MiniLM, as the wording
    layer's evaluation does; no lexicon lists it."""
    event = make_event(slug="estate")
    make_article(
        event,
        make_outlet("Daily Planet"),
        text="Police removed dozens of protesters from the estate on Monday. "
        "The protesters had camped there for a week.",
    )
    make_article(
        event,
        make_outlet("The Bugle"),
        text="Police removed dozens of freeloaders from the estate on Monday.",
    )
    layers.prepare(event)
    text = _text(client.get(reverse("event_wording", args=["estate"])))
    assert "freeloaders" in text and "protesters" in text


def test_it_shows_kyiv_and_kiev_as_one_place_spelled_differently(client, seed_event):
    text = _text(client.get(reverse("event_wording", args=[SEED])))

    assert "Kyiv Named Kyiv Named Kiev ×3" in text


def test_it_compares_the_verbs_of_rows_worded_differently(client, seed_event):
    text = _text(client.get(reverse("event_wording", args=[SEED])))

    assert "Actions" in text
    assert "The training includes teaching the militants to operate drones." in text
    assert "are allegedly in Syria" in text or "instruct" in text


def test_it_returns_only_the_layer_to_htmx(client, seed_event):
    for name in ("event_sources", "event_wording"):
        response = client.get(reverse(name, args=[SEED]), headers={"HX-Request": "true"})

        html = response.content.decode()
        assert response.status_code == 200
        assert html.lstrip().startswith('<div class="layer-body"')
        assert "<html" not in html
        assert "<h1" not in html


def test_it_hides_outlet_names_in_blind_mode(client, seed_event):
    for name in ("event_sources", "event_wording"):
        url = reverse(name, args=[SEED])
        for headers in ({}, {"HX-Request": "true"}):
            html = client.get(f"{url}?blind=1", headers=headers).content.decode()

            assert "Outlet A" in html and "Outlet B" in html
            assert "phnotes" not in html
            assert "TROIB" not in html
            # The article pages name their outlet, so blind layers do not link to them.
            assert f"/events/{SEED}/articles/" not in html


def test_it_hides_an_outlet_that_another_outlet_cites_in_blind_mode(client, db):
    event = make_event(slug="bridge")
    planet = make_outlet("Daily Planet")
    bugle = make_outlet("The Bugle")
    make_article(event, planet, text="The bridge closed on Monday, the Bugle reported.")
    make_article(event, bugle, text="According to the Daily Planet, the bridge closed.")
    letters = blind_labels(event, [planet, bugle])
    layers.prepare(event)

    for name in ("event_sources", "event_wording"):
        html = client.get(reverse(name, args=["bridge"]) + "?blind=1").content.decode()

        assert "Planet" not in html and "Bugle" not in html
    text = _text(client.get(reverse("event_sources", args=["bridge"]) + "?blind=1"))
    assert f"According to {letters[planet.pk]}, the bridge closed." in text


def test_it_lazy_loads_both_layers_from_the_event_page_with_blind_passed_on(client, seed_event):
    html = client.get(f"{seed_event.get_absolute_url()}?blind=1").content.decode()

    for name in ("event_sources", "event_wording"):
        url = reverse(name, args=[SEED])
        assert f'hx-get="{url}?blind=1" hx-trigger="intersect once"' in html
        assert f'<a href="{url}?blind=1">' in html  # the fallback without JavaScript


def test_it_never_analyses_on_the_event_page(client, seed_event):
    cache.clear()
    client.get(seed_event.get_absolute_url())

    loaded = layers.load_event_articles(seed_event)
    assert cache.get(layers.articles_key(seed_event, loaded)) is None


def test_it_404s_for_a_draft_the_user_cannot_see(client, reader_client, db):
    make_event(slug="secret", status=Event.Status.DRAFT)

    for name in ("event_sources", "event_wording"):
        assert client.get(reverse(name, args=["secret"])).status_code == 404
        assert reader_client.get(reverse(name, args=["secret"])).status_code == 404


def test_it_shows_drafts_to_their_editors(editor_client, editor, db):
    event = make_event(slug="secret", status=Event.Status.DRAFT)
    event.editors.add(editor)
    make_article(event, make_outlet(), text="According to Reuters, the bridge closed.")
    layers.prepare(event)

    response = editor_client.get(reverse("event_sources", args=["secret"]))

    assert response.status_code == 200
    assert "Reuters" in _text(response)


def test_it_explains_an_event_without_articles(client, db):
    make_event(slug="empty")

    assert "no articles yet" in _text(client.get(reverse("event_sources", args=["empty"])))
    assert "no articles yet" in _text(client.get(reverse("event_wording", args=["empty"])))


def test_it_explains_when_nobody_is_cited(client, db):
    event = make_event(slug="plain")
    make_article(event, make_outlet(), text="The bridge closed on Monday. It reopened today.")
    layers.prepare(event)

    assert "No attributions found" in _text(client.get(reverse("event_sources", args=["plain"])))


def test_it_rejects_other_methods(client, seed_event):
    assert client.post(reverse("event_sources", args=[SEED])).status_code == 405
    assert client.post(reverse("event_wording", args=[SEED])).status_code == 405


def test_it_recomputes_when_an_article_is_added(client, db):
    event = make_event(slug="bridge")
    planet = make_outlet("Daily Planet")
    make_article(event, planet, text="According to Reuters, the bridge closed on Monday.")
    layers.prepare(event)
    url = reverse("event_sources", args=["bridge"])
    assert "Associated Press" not in _text(client.get(url))

    make_article(
        event,
        make_outlet("The Bugle"),
        text="The bridge closed, the Associated Press reported on Monday.",
    )

    assert PENDING in _text(client.get(url))
    assert run_queued_tasks() == 1
    text = _text(client.get(url))
    assert "Associated Press" in text and "Reuters" in text


def test_it_recomputes_when_an_article_is_removed(client, db):
    event = make_event(slug="bridge")
    make_article(event, make_outlet("Daily Planet"), text="According to Reuters, it closed.")
    gone = make_article(event, make_outlet("The Bugle"), text="The AP reported that it closed.")
    layers.prepare(event)
    url = reverse("event_sources", args=["bridge"])
    assert '<span class="source-name">AP</span>' in client.get(url).content.decode()

    gone.delete()

    assert PENDING in _text(client.get(url))
    run_queued_tasks()
    html = client.get(url).content.decode()
    assert '<span class="source-name">Reuters</span>' in html
    assert '<span class="source-name">AP</span>' not in html


def test_it_compares_the_verbs_again_when_a_rows_evidence_changes(client, event_with_matrix):
    layers.prepare(event_with_matrix)
    url = reverse("event_wording", args=[event_with_matrix.slug])
    assert "shut" in _text(client.get(url))

    closed = event_with_matrix.assertions.get(text="The bridge closed on Monday.")
    bugle_article = event_with_matrix.articles.get(outlet__name="The Bugle")
    services.set_stance(
        stance=cell(closed, bugle_article),
        label="silent",
        hedged=False,
        evidence=None,
    )

    text = _text(client.get(url))
    # The actors stay; only the verbs wait for the worker.
    assert "The verbs each outlet uses are being worked out again" in text
    assert "Actors" in text and PENDING not in text
    run_queued_tasks()
    text = _text(client.get(url))
    assert "shut" not in text
    assert "No matrix row is worded differently" in text


def test_it_reads_a_cached_layer_in_four_queries(client, seed_event, django_assert_num_queries):
    """Prevents the layers from re-reading articles or sentences once they are cached."""
    url = reverse("event_wording", args=[SEED])
    client.get(url, headers={"HX-Request": "true"})

    # 1. the event, 2. its articles with outlets, 3. the rows' evidence sentences,
    # 4. the cached analysis.
    with django_assert_num_queries(4):
        response = client.get(url, headers={"HX-Request": "true"})
    assert "Hayat Tahrir al-Sham" in response.content.decode()

    with django_assert_num_queries(4):
        client.get(reverse("event_sources", args=[SEED]), headers={"HX-Request": "true"})


def test_a_layer_the_worker_has_not_prepared_says_so_and_is_queued_once(
    client, db, no_parsing_here
):
    event = make_event(slug="bridge")
    make_article(event, make_outlet(), text="According to Reuters, the bridge closed.")

    for name in ("event_sources", "event_wording"):
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(reverse(name, args=["bridge"]), headers=headers)
            assert response.status_code == 200
            assert f"{PENDING} to find" in _text(response)
            # The fragment asks again by itself until the layer is there.
            assert 'hx-trigger="load delay:5s"' in response.content.decode()

    queued = DBTaskResult.objects.get()
    assert queued.task_path == "coverage.tasks.prepare_layers"


def test_a_page_never_parses_an_article_even_a_huge_one(client, db, no_parsing_here):
    """A million characters without a sentence break once made both layers 500."""
    event = make_event(slug="huge")
    make_article(event, make_outlet(), text="x" * 1_000_001)

    for name in ("event_sources", "event_wording"):
        response = client.get(reverse(name, args=["huge"]))
        assert response.status_code == 200
        assert PENDING in _text(response)


def test_the_worker_prepares_the_layers_of_a_long_unbroken_article(db):
    event = make_event(slug="long")
    make_article(
        event,
        make_outlet(),
        text="According to Reuters " + "the bridge stayed closed and " * 2_000 + "that was it.",
    )

    layers.prepare(event)

    loaded = layers.load_event_articles(event)
    assert cache.get(layers.articles_key(event, loaded)) is not None
