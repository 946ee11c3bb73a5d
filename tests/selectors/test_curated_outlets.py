"""What the curated list of agencies suggests for an outlet's empty details."""

from __future__ import annotations

from coverage.models import Outlet
from coverage.selectors.curated_outlets import curated_details


def test_the_list_suggests_every_empty_detail_of_an_outlet_it_knows() -> None:
    details = curated_details(Outlet(name="Sputnik"))

    assert details is not None and details.organisation.name == "Sputnik"
    assert details.changes == {
        "country": "Russia",
        "ownership_kind": "state_controlled",
        "homepage": "https://sputnikglobe.com/",
        "notes": "Part of the state media group Rossiya Segodnya.",
    }
    assert details.described == ["Russia", "state-controlled", "sputnikglobe.com"]


def test_only_empty_details_are_suggested() -> None:
    outlet = Outlet(name="Sputnik", country="Elsewhere", notes="Our own note.")

    details = curated_details(outlet)

    assert details is not None
    assert set(details.changes) == {"ownership_kind", "homepage"}


def test_an_outlet_is_known_by_its_aliases_and_homepage_too() -> None:
    by_alias = curated_details(Outlet(name="Our wire", aliases="Harbour\nAFP"))
    by_homepage = curated_details(Outlet(name="Wire service", homepage="https://www.reuters.com/"))

    assert by_alias is not None and by_alias.organisation.name == "Agence France-Presse"
    assert by_homepage is not None and by_homepage.organisation.name == "Reuters"
    assert "homepage" not in by_homepage.changes


def test_nothing_is_suggested_for_unknown_or_complete_outlets() -> None:
    assert curated_details(Outlet(name="Harbour Post")) is None
    complete = Outlet(
        name="Sputnik",
        country="Russia",
        ownership_kind="state_controlled",
        homepage="https://sputnik.example/",
        notes="Checked by hand.",
    )
    assert curated_details(complete) is None
