"""Blind mode's one reading of ?blind=, asked by every page that hides outlet names."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from coverage.blind import blind_labels, blind_requested, names_requested, outlets_redactor
from tests.conftest import make_article, make_event, make_outlet

YES = ["1", "true", "True", "yes", "on", " ON "]
NO = ["", "0", "false", "no", "off", "maybe", "2"]


@pytest.mark.parametrize("value", YES)
def test_it_reads_every_way_of_saying_yes(value):
    assert blind_requested(QueryDict(f"blind={value}"))
    assert names_requested(QueryDict(f"names={value}"))


@pytest.mark.parametrize("value", NO)
def test_anything_else_is_no(value):
    assert not blind_requested(QueryDict(f"blind={value}"))
    assert not blind_requested(QueryDict(""))
    assert not names_requested(QueryDict(f"names={value}"))


@pytest.mark.parametrize("value", ["true", "yes", "on"])
@pytest.mark.parametrize(
    "page",
    [
        "/events/bridge-closure/",
        "/events/bridge-closure/layers/charts/",
        "/events/bridge-closure/layers/sources/",
        "/events/bridge-closure/layers/wording/",
        "/events/bridge-closure/layers/syndication/",
        "/events/bridge-closure/embed/",
    ],
)
def test_every_page_hides_the_names_for_every_yes(client, event_with_matrix, page, value):
    html = client.get(f"{page}?blind={value}").content.decode()

    assert "Daily Planet" not in html and "The Bugle" not in html
    # Links back to the matrix keep it blind.
    assert "/events/bridge-closure/?blind=1" in html


def test_a_quote_loses_the_article_before_a_name_only_where_asked(db):
    event = make_event()
    planet = make_outlet("Daily Planet", homepage="https://planet.example")
    make_article(event, planet)
    letters = blind_labels(event, [planet])
    text = "According to the Daily Planet (planet.example), the bridge closed."

    assert outlets_redactor([planet], letters)(text) == (
        "According to the Outlet A (Outlet A), the bridge closed."
    )
    assert outlets_redactor([planet], letters, article=True)(text) == (
        "According to Outlet A (Outlet A), the bridge closed."
    )


# The redactor on the ways articles and summaries name outlets.


@pytest.fixture
def demo_outlets(db):
    """Outlets named like the demo's: a domain, capitals, "The", a short name, initials."""
    event = make_event()
    outlets = [
        make_outlet("phnotes.com", homepage="https://phnotes.com"),
        make_outlet("TROIB News", homepage="https://troib.com", aliases="RT.com\nRT\n"),
        make_outlet("Averly Courier", homepage="https://www.averlycourier.example"),
        make_outlet("Veldmark State News Agency", homepage="https://vsna.example"),
        make_outlet("The Harbour Line", homepage="https://harbourline.example"),
    ]
    for outlet in outlets:
        make_article(event, outlet)
    labels = {
        outlet.pk: f"Outlet {letter}" for outlet, letter in zip(outlets, "ABCDE", strict=True)
    }
    return outlets_redactor(outlets, labels, article=True)


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        # The event summary of the seed event.
        (
            "phnotes.com summarises a Kyiv Post article; TROIB News, republishing RT "
            "material, cites Al-Watan.",
            "Outlet A summarises a Kyiv Post article; Outlet B, republishing Outlet B "
            "material, cites Al-Watan.",
        ),
        ("Read Full Article at RT.com.", "Read Full Article at Outlet B."),
        ("contributed to this report for TROIB News", "contributed to this report for Outlet B"),
        (
            "TROIB uses 'Kiev'; phnotes writes 'Kyiv'.",
            "Outlet B uses 'Kiev'; Outlet A writes 'Kyiv'.",
        ),
        ("a report seen by the Courier estimates", "a report seen by Outlet C estimates"),
        ("A Courier reporter saw officers", "A Outlet C reporter saw officers"),
        ("the Averly Courier’s editor", "Outlet C’s editor"),
        ("AVERLY COURIER reported", "Outlet C reported"),
        ("see https://www.averlycourier.example/news", "see https://www.Outlet C/news"),
        (
            "PORT AVERLY, 14 March (VSNA) – The Ministry",
            "PORT AVERLY, 14 March (Outlet D) – The Ministry",
        ),
        ("Veldmark State News Agency said", "Outlet D said"),
        ("her son told The Harbour Line.", "her son told Outlet E."),
        ("shared with the Harbour Line by", "shared with Outlet E by"),
        ("harbourline.example and the-harbour-line", "Outlet E and Outlet E"),
    ],
)
def test_it_redacts_every_way_of_naming_an_outlet(demo_outlets, text, redacted):
    assert demo_outlets(text) == redacted


@pytest.mark.parametrize(
    "text",
    [
        "The Kyiv Post reports.",  # a source the outlets cite, not an outlet
        "Couriers delivered the letters; a courier said.",  # the short name in another word
        "Port Averly's mayor",  # a word of a name that is a place
        "the news agency said; the line was long",  # generic words of names
        "introib and rt-2 and art.com",  # inside other words and addresses
        "PORT AVERLY, 14 March",  # "RT" inside a word in capitals
        "The Washington Courier and the Kyiv Courier",  # another outlet's short name
    ],
)
def test_it_leaves_other_words_alone(demo_outlets, text):
    assert demo_outlets(text) == text
