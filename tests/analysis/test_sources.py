"""Who outlets cite: citations read from the parse of the seed articles and made-up cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coverage.analysis.names import ParsedSentence
from coverage.analysis.nlp import get_nlp
from coverage.analysis.segment import split_sentences
from coverage.analysis.sources import (
    UNNAMED_REPORTS,
    Citation,
    SourceKind,
    find_citations,
    tabulate_sources,
)

SEED_EVENT = Path(__file__).resolve().parents[2] / "coverage/fixtures/demo/seed_event.json"


def parse(text: str) -> list[ParsedSentence]:
    sentences = split_sentences(text)
    docs = get_nlp().pipe(sentence.text for sentence in sentences)
    return [
        ParsedSentence(sentence.index, sentence.text, doc)
        for sentence, doc in zip(sentences, docs, strict=True)
    ]


@pytest.fixture(scope="module")
def seed_citations() -> dict[str, list[Citation]]:
    fixture = json.loads(SEED_EVENT.read_text(encoding="utf-8"))
    return {
        article["outlet"]: find_citations(parse(article["text"])) for article in fixture["articles"]
    }


def cited(citations: list[Citation]) -> set[tuple[str, SourceKind, tuple[str, ...]]]:
    return {(citation.source, citation.kind, citation.via) for citation in citations}


def test_it_finds_the_outlets_troib_cites(seed_citations) -> None:
    found = cited(seed_citations["TROIB News"])

    assert ("Al-Watan", SourceKind.MEDIA, ()) in found
    assert ("RIA Novosti", SourceKind.MEDIA, ()) in found
    assert ("Aydinlik", SourceKind.MEDIA, ()) in found


def test_it_keeps_how_the_sentence_names_the_source(seed_citations) -> None:
    wordings = {c.wording for c in seed_citations["TROIB News"] if c.source == "Al-Watan"}

    assert "the Syrian newspaper Al-Watan" in wordings


def test_it_follows_the_chain_to_anonymous_sources(seed_citations) -> None:
    troib = seed_citations["TROIB News"]

    assert ("a source within Syria", SourceKind.ANONYMOUS, ("RIA Novosti",)) in cited(troib)
    assert ("sources in Idlib", SourceKind.ANONYMOUS, ("Al-Watan",)) in cited(troib)
    # "According to the source cited by RIA" and "The source also asserted" are the same
    # source, reached through RIA, not new anonymous sources.
    later = [c for c in troib if c.wording.lower() == "the source"]
    assert len(later) == 2
    assert {c.source for c in later} == {"a source within Syria"}


def test_it_resolves_the_diplomat_to_the_official_named_before(seed_citations) -> None:
    diplomat = next(c for c in seed_citations["TROIB News"] if c.wording == "The diplomat")

    assert diplomat.source == "Sergey Ryabkov"
    assert diplomat.kind == SourceKind.OFFICIAL


def test_it_counts_unnamed_reports_as_anonymous(seed_citations) -> None:
    reports = [c for c in seed_citations["TROIB News"] if c.source == UNNAMED_REPORTS]

    assert len(reports) == 3
    assert {c.kind for c in reports} == {SourceKind.ANONYMOUS}


def test_it_finds_who_phnotes_cites(seed_citations) -> None:
    phnotes = seed_citations["phnotes.com"]

    assert sum(1 for c in phnotes if c.source == "Kyiv Post") == 5
    assert ("Islamist social media", SourceKind.SOCIAL_MEDIA, ("Kyiv Post",)) in cited(phnotes)
    assert ("SANA", SourceKind.MEDIA, ()) in cited(phnotes)
    # A capital speaking stands for its government.
    assert ("Damascus", SourceKind.OFFICIAL, ()) in cited(phnotes)


def test_it_does_not_cite_a_source_for_what_it_did_not_report(seed_citations) -> None:
    quotes = {c.quote for c in seed_citations["phnotes.com"]}

    assert not any("has not reported" in quote for quote in quotes)


def test_it_finds_nobody_in_plain_reporting() -> None:
    assert find_citations(parse("The bridge closed on Monday. It reopened a week later.")) == []


def test_it_classifies_articles_with_only_anonymous_sources() -> None:
    citations = find_citations(
        parse(
            "Sources in the ministry said the bridge had closed. According to reports, it "
            "reopened on Friday. It has been claimed that the repairs were rushed."
        )
    )

    assert len(citations) == 3
    assert {c.kind for c in citations} == {SourceKind.ANONYMOUS}
    assert citations[0].source == "Sources in the ministry"


def test_it_borrows_the_speaker_for_a_participle_citing_a_source() -> None:
    citations = find_citations(
        parse("The Daily Planet, citing a source in the ministry, reported that it closed.")
    )

    assert cited(citations) == {
        ("Daily Planet", SourceKind.MEDIA, ()),
        ("a source in the ministry", SourceKind.ANONYMOUS, ("Daily Planet",)),
    }


def test_it_folds_short_names_across_the_event() -> None:
    rows = tabulate_sources(
        {
            1: find_citations(parse("RIA said the bridge closed. The Kyiv Post reported it too.")),
            2: find_citations(parse("According to RIA Novosti and Kyiv Post, it closed.")),
        }
    )

    by_name = {row.source: row for row in rows}
    assert set(by_name) == {"RIA Novosti", "Kyiv Post"}
    assert set(by_name["RIA Novosti"].citations) == {1, 2}
    assert by_name["Kyiv Post"].kind == SourceKind.MEDIA
    assert by_name["RIA Novosti"].total == 2


def test_it_settles_one_kind_per_source() -> None:
    rows = tabulate_sources(
        {
            1: find_citations(
                parse("The reform passed, as noted by the Syrian newspaper Al-Watan.")
            ),
            2: find_citations(parse("Al-Watan mentioned that the reform passed.")),
        }
    )

    assert [(row.source, row.kind, row.total) for row in rows] == [
        ("Al-Watan", SourceKind.MEDIA, 2)
    ]


def test_it_orders_rows_by_how_often_a_source_is_cited() -> None:
    rows = tabulate_sources(
        {
            1: find_citations(
                parse(
                    "Reuters said it closed. Reuters said it reopened. The mayor said it was safe."
                )
            )
        }
    )

    assert [row.source for row in rows][0] == "Reuters"
    assert [row.total for row in rows] == sorted((row.total for row in rows), reverse=True)


def test_it_does_not_cite_what_someone_was_asked_to_publish() -> None:
    citations = find_citations(
        parse("The mayor demanded that the ministry publish the full inspection report.")
    )

    assert citations == []
