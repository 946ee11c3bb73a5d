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
