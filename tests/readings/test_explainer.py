"""The explainer's sections and its Markdown, from built matrices and the demo events."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command

from coverage import services
from coverage.models import Event, Origin, Stance
from coverage.readings.explainer import (
    AGREED,
    CONTESTED,
    HEDGED_ONLY,
    SINGLE_OUTLET,
    UNCHECKED,
    UNREPORTED,
    build_explainer,
    markdown_escape,
    markdown_url,
    split_on_cues,
    to_markdown,
)
from coverage.selectors.matrix import build_matrix
from tests.conftest import cell, make_article, make_assertion, make_event, make_outlet


def _sections(explainer) -> dict:
    return {section.key: section for section in explainer.sections}


def _claims(section) -> list[str]:
    return [item.assertion.text for item in section.items]


def _markdown(explainer) -> str:
    return to_markdown(
        explainer, event_url="https://parallax.test/e/", absolute=lambda path: f"https://x{path}"
    )


@pytest.fixture
def three_outlets(db):
    """Three outlets, one article each, and one claim for every section."""
    event = make_event()
    planet, bugle, sentinel = (make_outlet(name) for name in ("Planet", "Bugle", "Sentinel"))
    articles = {
        "planet": make_article(
            event,
            planet,
            "The bridge closed on Monday. Repairs take a week. Reportedly a pier cracked.",
            url="https://planet.example/1",
        ),
        "bugle": make_article(
            event,
            bugle,
            "The bridge shut on Monday. Repairs take a month. "
            "According to the mayor, a pier cracked.",
        ),
        "sentinel": make_article(
            event, sentinel, "On Monday the bridge closed. Ferries run every hour."
        ),
    }
    rows = {
        key: make_assertion(event, text)
        for key, text in [
            ("closed", "The bridge closed on Monday."),
            ("week", "Repairs take a week."),
            ("pier", "A pier cracked."),
            ("ferries", "Ferries run every hour."),
            ("nobody", "The minister resigned."),
        ]
    }

    def says(row: str, outlet: str, label: str, index: int, hedged: bool = False):
        article = articles[outlet]
        services.set_stance(
            stance=cell(rows[row], article),
            label=label,
            hedged=hedged,
            evidence=article.sentences.get(index=index),
        )

    for outlet in articles:
        says("closed", outlet, "agree", 0)
    says("week", "planet", "agree", 1)
    says("week", "bugle", "contradict", 1)
    says("pier", "planet", "agree", 2, hedged=True)
    says("pier", "bugle", "agree", 2, hedged=True)
    says("ferries", "sentinel", "agree", 1)
    return event


def test_it_puts_each_claim_in_the_one_section_that_fits(three_outlets):
    explainer = build_explainer(build_matrix(three_outlets))
    sections = _sections(explainer)

    assert [section.key for section in explainer.sections] == [
        CONTESTED,
        HEDGED_ONLY,
        AGREED,
        SINGLE_OUTLET,
        UNREPORTED,
    ]
    assert _claims(sections[AGREED]) == ["The bridge closed on Monday."]
    assert sections[AGREED].title == "What all outlets agree on"
    assert _claims(sections[CONTESTED]) == ["Repairs take a week."]
    assert _claims(sections[HEDGED_ONLY]) == ["A pier cracked."]
    assert _claims(sections[SINGLE_OUTLET]) == ["Ferries run every hour."]
    assert _claims(sections[UNREPORTED]) == ["The minister resigned."]
    assert (explainer.outlet_count, explainer.article_count, explainer.assertion_count) == (
        3,
        3,
        5,
    )


def test_it_gives_each_side_of_a_contested_claim_its_outlets_and_quotes(three_outlets):
    [item] = _sections(build_explainer(build_matrix(three_outlets)))[CONTESTED].items

    agree, contradict = item.sides
    assert [outlet.name for outlet in agree.outlets] == ["Planet"]
    assert [quote.text for quote in agree.quotes] == ["Repairs take a week."]
    assert [outlet.name for outlet in contradict.outlets] == ["Bugle"]
    assert [quote.text for quote in contradict.quotes] == ["Repairs take a month."]
    assert [outlet.name for outlet in item.silent_outlets] == ["Sentinel"]
    assert item.coverage == "1 reports it; 1 contradicts it"


def test_it_marks_a_contradiction_only_the_analysis_found_as_unchecked(three_outlets):
    """A journalist should not cite a contradiction nobody has checked as established."""
    stance = Stance.objects.get(
        assertion__text="Repairs take a week.", article__outlet__name="Bugle"
    )
    [quote] = (
        _sections(build_explainer(build_matrix(three_outlets)))[CONTESTED].items[0].sides[1].quotes
    )
    assert not quote.unchecked, "a person set it"
    stance.origin = Origin.MACHINE
    stance.save()

    explainer = build_explainer(build_matrix(three_outlets))
    agree, contradict = _sections(explainer)[CONTESTED].items[0].sides
    assert [quote.unchecked for quote in contradict.quotes] == [True]
    assert [quote.unchecked for quote in agree.quotes] == [False]
    assert f"> *{UNCHECKED}*" in _markdown(explainer)


def test_it_links_each_quote_to_its_sentence_and_to_the_original(three_outlets):
    [item] = _sections(build_explainer(build_matrix(three_outlets)))[CONTESTED].items
    [planet_quote] = item.sides[0].quotes
    [bugle_quote] = item.sides[1].quotes

    article = planet_quote.article
    assert planet_quote.in_context_url == (
        f"/events/bridge-closure/articles/{article.pk}/?sentence=1#s1"
    )
    assert planet_quote.original_url == "https://planet.example/1"
    assert bugle_quote.original_url == ""


def test_it_names_whom_a_hedged_claim_is_attributed_to(three_outlets):
    [item] = _sections(build_explainer(build_matrix(three_outlets)))[HEDGED_ONLY].items

    quotes = {quote.outlet.name: quote for quote in item.sides[0].quotes}
    assert quotes["Bugle"].attributed_to == "the mayor"
    assert quotes["Bugle"].hedge_cues == ("according to",)
    assert quotes["Planet"].hedge_cues == ("reportedly",)
    assert item.attributions == ["the mayor"]
    assert "attributed to the mayor" in quotes["Bugle"].hedge_summary
    assert quotes["Planet"].segments == [("Reportedly", True), (" a pier cracked.", False)]


def test_it_prefers_the_attribution_recorded_on_the_cell(three_outlets):
    pier = three_outlets.assertions.get(text="A pier cracked.")
    bugle_article = three_outlets.articles.get(outlet__name="Bugle")
    stance = cell(pier, bugle_article)
    stance.attributed_to = "Mayor Ilse Varga"
    stance.save()

    [item] = _sections(build_explainer(build_matrix(three_outlets)))[HEDGED_ONLY].items
    assert item.attributions == ["Mayor Ilse Varga"]


def test_it_falls_back_to_consensus_rows_labelled_as_such(three_outlets):
    make_article(three_outlets, make_outlet("Courier"), "Nothing about the bridge here.")

    sections = _sections(build_explainer(build_matrix(three_outlets)))
    agreed = sections[AGREED]
    assert _claims(agreed) == ["The bridge closed on Monday."]
    assert agreed.title == "What several outlets agree on"
    assert "No claim is reported by every outlet" in agreed.description
    assert agreed.items[0].coverage == "3 of 4 outlets"


def test_it_says_plainly_when_a_section_is_empty(db):
    event = make_event()
    make_article(event, make_outlet("Planet"), "The bridge closed.")
    make_article(event, make_outlet("Bugle"), "The bridge closed.")
    make_assertion(event, "The bridge closed.")

    explainer = build_explainer(build_matrix(event))
    sections = _sections(explainer)
    assert UNREPORTED in sections  # no outlet says anything yet
    for key in (CONTESTED, HEDGED_ONLY, AGREED, SINGLE_OUTLET):
        assert sections[key].items == []
        assert sections[key].empty_message, key
    assert "No claim is contested" in sections[CONTESTED].empty_message


def test_it_leaves_out_the_other_claims_section_when_every_claim_fits_elsewhere(three_outlets):
    three_outlets.assertions.get(text="The minister resigned.").delete()
    keys = [section.key for section in build_explainer(build_matrix(three_outlets)).sections]
    assert UNREPORTED not in keys


def test_it_explains_the_seed_events_hedged_claims_with_their_sources(db):
    call_command("demo", stdout=StringIO())
    event = Event.objects.get(slug="ukraine-idlib-training-reports")
    sections = _sections(build_explainer(build_matrix(event)))

    hedged = sections[HEDGED_ONLY]
    assert len(hedged.items) >= 10
    first = hedged.items[0]
    assert first.assertion.text.startswith("Ukrainian military personnel have been training")
    assert first.coverage == "All 2 outlets"
    assert "Kyiv Post" in first.attributions
    assert "Al-Watan" in first.attributions
    # Every hedged-only claim says whom it is attributed to, or which words hedge it.
    for item in hedged.items:
        quotes = [quote for side in item.sides for quote in side.quotes]
        assert item.attributions or any(quote.hedge_cues or quote.note for quote in quotes), (
            item.assertion.text
        )
    # Both outlets only ever pass the story on, so nothing is agreed as fact.
    assert sections[AGREED].items == []
    assert "only with hedging" in sections[AGREED].empty_message
    assert sections[SINGLE_OUTLET].items


def test_it_finds_the_contested_claims_of_the_fictional_event(db):
    call_command("demo", stdout=StringIO())
    event = Event.objects.get(slug="port-averly-bridge-closure")
    explainer = build_explainer(build_matrix(event))
    sections = _sections(explainer)

    contested = sections[CONTESTED]
    assert len(contested.items) >= 5
    for item in contested.items:
        labels = {side.label for side in item.sides}
        assert labels == {"agree", "contradict"}, item.assertion.text
        assert all(side.quotes for side in item.sides), item.assertion.text
    assert _claims(sections[AGREED])[0].startswith("Port Averly's Kestrel Bridge was closed")
    assert sum(len(section.items) for section in explainer.sections) == explainer.assertion_count


def test_it_shows_an_outlet_split_on_a_claim_on_both_sides(db):
    call_command("demo", stdout=StringIO())
    event = Event.objects.get(slug="port-averly-bridge-closure")
    sections = _sections(build_explainer(build_matrix(event)))

    [injured] = [
        item for item in sections[CONTESTED].items if item.assertion.text.startswith("Twelve")
    ]
    mixed = {outlet.name for side in injured.sides for outlet in side.mixed_outlets}
    assert len(mixed) == 1
    [split_outlet] = mixed
    for side in injured.sides:
        assert split_outlet in {outlet.name for outlet in side.outlets}


def test_it_renders_the_explainer_as_markdown_with_quotes_links_and_citations(three_outlets):
    explainer = build_explainer(
        build_matrix(three_outlets), analysed_at=datetime(2026, 5, 3, 14, 30, tzinfo=UTC)
    )
    markdown = _markdown(explainer)
    article = three_outlets.articles.get(outlet__name="Planet")

    assert markdown.startswith("# Bridge closure: how the outlets covered it\n")
    assert "3 outlets, 3 articles, 5 assertions; last analysed 3 May 2026, 14:30." in markdown
    assert "## What is contested (1)" in markdown
    # The claim's number is its row's number in the matrix, the same on every page.
    assert re.search(r"^### Claim [1-5]: Repairs take a week\.$", markdown, re.MULTILINE)
    assert "> Repairs take a week.\n" in markdown
    assert (
        f"> — Planet, [Planet on Bridge closure](<https://x/events/bridge-closure/articles/"
        f"{article.pk}/?sentence=1#s1>) ([original](<https://planet.example/1>))"
    ) in markdown
    assert "> **Reportedly** a pier cracked." in markdown
    assert "> *Hedged; attributed to the mayor; hedge words: “according to”*" in markdown
    assert "## What only one outlet reports (1)" in markdown
    assert "## About this explainer" in markdown
    assert "Hedged means the outlet does not state the claim as its own fact" in markdown


def test_it_says_an_empty_section_is_empty_in_markdown(db):
    event = make_event()
    make_article(event, make_outlet("Planet"), "The bridge closed.")
    make_article(event, make_outlet("Bugle"), "The bridge closed.")
    make_assertion(event, "The bridge closed.")

    markdown = _markdown(build_explainer(build_matrix(event)))
    assert "## What is contested (0)\n\nNo claim is contested" in markdown
    assert "not analysed automatically" in markdown


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Plain words, 3.5 per cent.", "Plain words, 3.5 per cent."),
        ("[click](https://evil.example)", r"\[click\](https://evil.example)"),
        ("![x](https://evil.example/x.png)", r"!\[x\](https://evil.example/x.png)"),
        ("*bold* and _it_ and `code`", r"\*bold\* and \_it\_ and \`code\`"),
        ("# Not a heading", r"\# Not a heading"),
        ("> not a quote", r"\> not a quote"),
        ("- not a list", r"\- not a list"),
        ("+ not a list", r"\+ not a list"),
        ("2024. A year", r"2024\. A year"),
        ("1) first", r"1\) first"),
        ("---", r"\---"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("a | b", r"a \| b"),
        ("~~struck~~", r"\~\~struck\~\~"),
        ("back\\slash", r"back\\slash"),
        ("AT&T and &amp; and &#169;", r"AT&T and \&amp; and \&#169;"),
        ("two\n\nparagraphs\n# heading", r"two paragraphs # heading"),
        ("We are number #", r"We are number \#"),
    ],
)
def test_it_escapes_outlet_text_in_markdown(text, escaped):
    assert markdown_escape(text) == escaped


def test_it_keeps_a_hostile_quote_inside_its_blockquote(db):
    event = make_event()
    hostile = "# Breaking\n\n[Read more](https://evil.example) *now*."
    planet = make_article(event, make_outlet("Planet [AP]"), hostile, title="A *title* [x]")
    make_article(event, make_outlet("Bugle"), "Nothing.")
    row = make_assertion(event, "- A list item?")
    services.set_stance(
        stance=cell(row, planet),
        label="agree",
        hedged=False,
        evidence=planet.sentences.order_by("index").last(),
    )

    markdown = _markdown(build_explainer(build_matrix(event)))
    assert "### Claim 1: \\- A list item?" in markdown
    assert not re.search(r"(?<!\\)\]\(https://evil", markdown)
    assert "\\[Read more\\](https://evil.example) \\*now\\*." in markdown
    assert "> — Planet \\[AP\\], [A \\*title\\* \\[x\\]](<https://x/" in markdown
    quote_lines = [line for line in markdown.splitlines() if "Read more" in line]
    assert all(line.startswith("> ") for line in quote_lines)


def test_it_makes_urls_safe_inside_markdown_links():
    assert markdown_url("https://a.example/x (1)/<y> z\r\n") == (
        "https://a.example/x%20%281%29/%3Cy%3E%20z"
    )


def test_it_only_links_originals_that_are_web_addresses(three_outlets):
    article = three_outlets.articles.get(outlet__name="Planet")
    article.url = "javascript:alert(1)"
    article.save()
    explainer = build_explainer(build_matrix(three_outlets))
    quotes = [
        quote
        for section in explainer.sections
        for item in section.items
        for side in item.sides
        for quote in side.quotes
        if quote.article.pk == article.pk
    ]
    assert quotes and all(quote.original_url == "" for quote in quotes)
    assert "javascript:" not in _markdown(explainer)


def test_it_marks_hedge_words_wherever_they_occur():
    assert split_on_cues("Allegedly, it was alleged.", ("allegedly", "alleged")) == [
        ("Allegedly", True),
        (", it was ", False),
        ("alleged", True),
        (".", False),
    ]
    assert split_on_cues("Unhedged.", ()) == [("Unhedged.", False)]


def test_it_builds_the_explainer_without_more_queries_than_the_matrix(
    three_outlets, django_assert_num_queries
):
    """Prevents an n+1: quotes reuse the matrix's articles and sentences."""
    matrix = build_matrix(three_outlets)
    with django_assert_num_queries(0):
        explainer = build_explainer(matrix)
        _markdown(explainer)
    assert re.search(r"\(\d\)", _markdown(explainer))


def test_it_keeps_the_whole_name_of_an_institution_it_attributes_to(db):
    event = make_event()
    article = make_article(
        event, make_outlet("Planet"), "Cracks were found, the Ministry of Transport said."
    )
    make_article(event, make_outlet("Bugle"), "Nothing.")
    row = make_assertion(event, "Cracks were found.")
    services.set_stance(
        stance=cell(row, article),
        label="agree",
        hedged=True,
        evidence=article.sentences.get(index=0),
    )

    [item] = _sections(build_explainer(build_matrix(event)))[HEDGED_ONLY].items
    assert item.attributions == ["the Ministry of Transport"]
    assert item.coverage == "Only Planet"
