"""Outlets created as articles come in: metadata from the curated list of agencies."""

from __future__ import annotations

from coverage import services
from coverage.models import Outlet


def test_a_new_outlet_the_curated_list_knows_starts_with_its_metadata(db) -> None:
    outlet = services.get_or_create_outlet(name="Sputnik News")

    assert (outlet.country, outlet.ownership_kind) == ("Russia", "state_controlled")
    assert outlet.homepage == "https://sputnikglobe.com/"
    assert "Rossiya Segodnya" in outlet.notes


def test_an_outlet_is_known_by_its_homepage_too_and_keeps_the_homepage_given(db) -> None:
    outlet = services.get_or_create_outlet(
        name="Reuters UK", homepage="https://www.reuters.com/world/"
    )

    assert (outlet.country, outlet.ownership_kind) == ("United Kingdom", "private")
    assert outlet.homepage == "https://www.reuters.com/world/"


def test_an_unknown_outlet_and_an_existing_one_are_left_as_they_are(db) -> None:
    unknown = services.get_or_create_outlet(name="Harbour Post")
    assert (unknown.country, unknown.ownership_kind, unknown.homepage) == ("", "unknown", "")

    existing = Outlet.objects.create(name="Reuters", slug="reuters", country="Elsewhere")
    assert services.get_or_create_outlet(name="reuters") == existing
    existing.refresh_from_db()
    assert (existing.country, existing.ownership_kind) == ("Elsewhere", "unknown")
