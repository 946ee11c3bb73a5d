"""One identity per source or actor: spellings, accents, articles, agencies and outlets."""

from __future__ import annotations

import json

import pytest

from coverage.analysis.names import (
    NEWS_ORGANISATIONS_FILE,
    NameMatcher,
    display_name,
    domain_key,
    fold_names,
    known_news_organisation,
    name_key,
    news_organisations,
    strip_accents,
)
from coverage.models import Outlet


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Aydınlık", "Aydinlik"),
        ("the Kyiv Post", "Kyiv Post"),
        ("Sputnik's", "Sputnik"),
        ("Sjøposten", "Sjoposten"),
        ("Hay’at Tahrir al-Sham", "Hayat Tahrir al-Sham"),
    ],
)
def test_it_gives_one_key_to_spellings_of_one_name(first: str, second: str) -> None:
    assert name_key(first) == name_key(second)


def test_it_folds_a_name_spelled_with_and_without_accents_into_one() -> None:
    folded = fold_names(["Aydınlık", "Aydinlik", "Aydinlik"])

    assert folded["Aydınlık"] == folded["Aydinlik"]


def test_kiev_and_kyiv_are_one_place_written_two_ways() -> None:
    folded = fold_names(["Kiev", "Kyiv", "Kyiv Post"])

    assert folded["Kiev"] == folded["Kyiv"] == "Kyiv"
    assert folded["Kyiv Post"] == "Kyiv Post"


def test_it_strips_accents_without_touching_other_letters() -> None:
    assert strip_accents("Aydınlık Glasník Nørre") == "Aydinlik Glasnik Norre"
    assert display_name("the Kyiv Post’s") == "Kyiv Post"


@pytest.mark.parametrize(
    ("written", "organisation"),
    [
        ("Sputnik", "Sputnik"),
        ("Sputnik's", "Sputnik"),
        ("the AFP", "Agence France-Presse"),
        ("RIA", "RIA Novosti"),
        ("ITAR-TASS", "TASS"),
        ("rt.com", "RT"),
        ("https://news.sky.com/story/1", "Sky News"),
        ("Anadolu Ajansi", "Anadolu Agency"),
        ("Aydinlik", "Aydınlık"),
        ("dpa", "dpa"),
        ("Xinhua News Agency", "Xinhua"),
    ],
)
def test_it_recognises_well_known_agencies_and_outlets(written: str, organisation: str) -> None:
    found = known_news_organisation(written)

    assert found is not None and found.name == organisation


@pytest.mark.parametrize("written", ["ap", "aa", "Petra", "Kyiv", "the ministry", ""])
def test_it_does_not_take_ordinary_words_for_agencies(written: str) -> None:
    assert known_news_organisation(written) is None


def test_the_curated_list_uses_the_outlet_ownership_values() -> None:
    kinds = {choice for choice, _ in Outlet.OwnershipKind.choices}
    organisations = news_organisations()

    assert len(organisations) >= 60
    assert {organisation.ownership for organisation in organisations} <= kinds
    assert known_news_organisation("TASS").ownership == "state_controlled"
    assert known_news_organisation("BBC").ownership == "public_broadcaster"
    assert known_news_organisation("Reuters").country == "United Kingdom"


def test_the_curated_list_has_no_alias_for_two_organisations() -> None:
    data = json.loads(NEWS_ORGANISATIONS_FILE.read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for entry in data["organisations"]:
        for alias in (entry["name"], *entry["aliases"]):
            key = alias if alias.isupper() else name_key(alias)
            assert seen.setdefault(key, entry["name"]) == entry["name"], alias


def test_domain_keys_come_from_web_addresses_only() -> None:
    assert domain_key("https://www.rt.com/news/") == domain_key("RT.com") == "rt"
    assert domain_key("bbc.co.uk") == "bbc"
    assert domain_key("hpa-news.example") == "hpa news"
    assert domain_key("Reuters") == ""


@pytest.fixture
def outlets() -> NameMatcher:
    return NameMatcher(
        {
            "cpa": ["Continental Press Agency", "https://cpa.example"],
            "kst": ["Kasvia State Television"],
            "glasnik": ["Glasník"],
            "clarion": ["The Daily Clarion"],
        }
    )


@pytest.mark.parametrize(
    ("written", "outlet"),
    [
        ("CPA", "cpa"),
        ("the Continental Press Agency", "cpa"),
        ("cpa.example", "cpa"),
        ("Kasvian state TV", "kst"),
        ("KST", "kst"),
        ("Glasnik", "glasnik"),
        ("the Daily Clarion", "clarion"),
    ],
)
def test_it_matches_the_forms_articles_give_an_outlets_name(
    outlets: NameMatcher, written: str, outlet: str
) -> None:
    assert outlets.match(written) == outlet


@pytest.mark.parametrize("written", ["Kasvia", "Clarion", "cpa", "Press Agency", "Reuters"])
def test_it_matches_no_outlet_for_other_names(outlets: NameMatcher, written: str) -> None:
    assert outlets.match(written) is None


def test_it_finds_where_a_text_names_an_outlet(outlets: NameMatcher) -> None:
    text = "A source in Kavar told Glasnik. DRESSEL (CPA) - Footage from Kasvian state TV."

    assert outlets.find(text, "glasnik") == "Glasnik"
    assert outlets.find(text, "cpa") == "CPA"
    assert outlets.find(text, "kst") == "Kasvian state TV"
    assert outlets.find(text, "clarion") == ""
    assert outlets.mentioned(text) == {"glasnik", "cpa", "kst"}


def test_initials_count_only_in_capitals(outlets: NameMatcher) -> None:
    assert outlets.find("The cpa said nothing.", "cpa") == ""


def test_an_abbreviation_in_brackets_and_a_generic_last_word_are_names_of_their_own() -> None:
    outlets = NameMatcher(
        {
            "radio": ["Kaldmark State Radio (KSR)"],
            "wire": ["Estrava Wire Service", "https://estrava.example"],
            "agency": ["Kaldmark News Agency"],
        }
    )

    assert outlets.find("Cops arrested 31 of them, KSR reported.", "radio") == "KSR"
    assert outlets.find("A fire spread, Kaldmark State Radio said.", "radio")
    assert outlets.find("(Estrava Wire) - Fires spread.", "wire") == "Estrava Wire"
    assert outlets.match("Estrava Wire") == "wire"
    assert outlets.match("KSR") == "radio"
    # The shortened name counts only written as the name is.
    assert outlets.find("It led the Kaldmark news bulletins.", "agency") == ""
    assert outlets.find("The strike ended, Kaldmark News said.", "agency") == "Kaldmark News"
