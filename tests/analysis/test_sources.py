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


def test_a_broadcaster_named_beside_its_description_is_a_medium() -> None:
    citations = find_citations(
        parse("Dravenia's state broadcaster DTV reported that the minister would hold talks.")
    )
    assert ("DTV", SourceKind.MEDIA, ()) in cited(citations)


def test_a_medium_told_is_called_by_the_name_after_its_description() -> None:
    citations = find_citations(
        parse("The union will strike, a union spokesman told the Selmian news site Selmia Today.")
    )
    assert ("Selmia Today", SourceKind.MEDIA, ()) in cited(citations)


def test_a_closing_frame_citing_its_own_source_names_the_agency() -> None:
    citations = find_citations(
        parse(
            "Dascu won 50.6 percent against 47.9 percent for Mira Tenhold, the Norvane Press "
            "Agency (NPA) reported, citing final results."
        )
    )
    assert ("Norvane Press Agency", SourceKind.MEDIA, ()) in cited(citations)
    assert ("final results", SourceKind.OTHER, ("Norvane Press Agency",)) in cited(citations)


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


def test_a_source_telling_an_agency_cites_the_agency() -> None:
    citations = find_citations(
        parse("The drones arrived in August, an informed source told Sputnik on Tuesday.")
    )

    assert cited(citations) == {
        ("Sputnik", SourceKind.MEDIA, ()),
        ("an informed source", SourceKind.ANONYMOUS, ("Sputnik",)),
    }


def test_it_reads_a_trailing_attribution_the_parser_attaches_elsewhere() -> None:
    citations = find_citations(
        parse(
            "A military unit delivered more than 250 drones to the militants in exchange "
            "for 14 captured servicemen, a source in Kavar told Glasník."
        )
    )

    assert ("Glasník", SourceKind.MEDIA, ()) in cited(citations)
    assert ("a source in Kavar", SourceKind.ANONYMOUS, ("Glasník",)) in cited(citations)


def test_a_trailing_attribution_names_its_speaker_before_the_verb() -> None:
    """The parser hangs ", the Nordvik News Agency first reported." on the last noun;
    the speaker is the agency, not the subject of the clause the verb hangs on."""
    citations = find_citations(
        parse(
            "Riot police dragged forest defenders off a logging road in the Tarnholt forest on "
            "Tuesday, ending an 11-day peaceful blockade of Esker Ridge, the Nordvik News "
            "Agency first reported."
        )
    )

    assert {c.source for c in citations} == {"Nordvik News Agency"}


@pytest.mark.parametrize(
    ("sentence", "outlet"),
    [
        ("The union told AFP that 40 members were hurt.", "AFP"),
        ("The minister told state radio KSR that order was restored.", "KSR"),
        ("Residents told the newspaper Dagbladet Nørre they heard gunfire.", "Dagbladet Nørre"),
        # An agency by its initials, unknown to the curated list.
        ("A company spokesman told NNA that crews would return on Wednesday.", "NNA"),
    ],
)
def test_whoever_tells_a_news_outlet_is_reached_through_it(sentence: str, outlet: str) -> None:
    citations = find_citations(parse(sentence))

    assert (outlet, SourceKind.MEDIA) in {(c.source, c.kind) for c in citations}
    assert any(c.via == (outlet,) for c in citations)


def test_whoever_argues_a_claim_is_its_source() -> None:
    citations = find_citations(
        parse("The union argues that the port has lost a third of its trade since May.")
    )

    assert {c.source for c in citations} == {"union"}


def test_reports_from_a_named_newspaper_are_filed_under_it() -> None:
    citations = find_citations(
        parse("Reports from the Syrian newspaper Al Watan claim that the instructors arrived.")
    )

    assert cited(citations) == {("Al Watan", SourceKind.MEDIA, ())}
    assert UNNAMED_REPORTS not in {c.source for c in citations}


def test_the_author_of_a_poll_is_the_source() -> None:
    citations = find_citations(
        parse("Economists expected the move, according to a poll by the Norrland Business Daily.")
    )

    assert cited(citations) == {("Norrland Business Daily", SourceKind.MEDIA, ())}


def test_each_of_two_joined_agencies_is_a_source() -> None:
    citations = find_citations(
        parse(
            "The reports, first carried by the agencies Glasník and VolkPress, relied on one "
            "source. The minister spoke after the agencies Tarn and Velo reported the deal."
        )
    )

    assert {c.source for c in citations if c.kind == SourceKind.MEDIA} == {
        "Glasník",
        "VolkPress",
        "Tarn",
        "Velo",
    }


def test_footage_broadcast_by_a_channel_cites_the_channel() -> None:
    citations = find_citations(
        parse("Footage broadcast by Kasvian state TV showed rescuers digging through rubble.")
    )

    assert cited(citations) == {("Kasvian state TV", SourceKind.MEDIA, ())}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("According to the Russian state-owned newspaper, the talks failed.", "state-owned"),
        ("The talks had failed, said Sergei Lavrovon 12 September.", "Sergei Lavrov"),
        ("The talks had failed, the agency CPA reported.", "CPA"),
        ("The talks had failed, dpa reported.", "dpa"),
        ("Meanwhile, Dravonia 24 reported that the patrol was ambushed.", "Dravonia 24"),
    ],
)
def test_it_keeps_names_whole_and_clean(sentence: str, name: str) -> None:
    [citation] = find_citations(parse(sentence))

    assert name in citation.source
    assert "stateowned" not in citation.source and "Lavrovon" not in citation.source
    assert not citation.source.startswith("agency")


def test_known_agencies_are_media_even_without_a_description() -> None:
    [citation] = find_citations(parse("The bridge closed, Reuters said."))

    assert (citation.source, citation.kind) == ("Reuters", SourceKind.MEDIA)


def test_one_source_spelled_with_and_without_accents_is_one_row() -> None:
    rows = tabulate_sources(
        {
            1: find_citations(parse("Aydınlık reported that the instructors had arrived.")),
            2: find_citations(parse("The instructors were paid, Aydinlik said.")),
        }
    )

    assert [(row.source, row.kind, row.total) for row in rows] == [
        ("Aydınlık", SourceKind.MEDIA, 2)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "In an interview with the Ostby Courier, the mayor said the rescue was over.",
        "Speaking to the Ostby Courier, the mayor said the rescue was over.",
        "The mayor said in comments to the Ostby Courier that the rescue was over.",
    ],
)
def test_a_speaker_interviewed_by_an_outlet_is_reached_through_it(sentence: str) -> None:
    found = cited(find_citations(parse(sentence)))

    assert ("Ostby Courier", SourceKind.MEDIA, ()) in found
    assert ("mayor", SourceKind.OTHER, ("Ostby Courier",)) in found


def test_an_outlet_cited_at_the_start_of_a_sentence_is_passed_on_by_the_speaker() -> None:
    found = cited(
        find_citations(parse("Citing Harbour Radio, the agency said the rescue was called off."))
    )

    assert ("Harbour Radio", SourceKind.MEDIA, ("agency",)) in found


def test_what_an_outlet_has_learned_cites_the_outlet_but_what_a_person_learned_does_not() -> None:
    assert cited(
        find_citations(parse("The Ostby Courier has learned that the rescue was called off."))
    ) == {("Ostby Courier", SourceKind.MEDIA, ())}
    assert not find_citations(parse("The mayor learned that the rescue was called off."))


def test_nobody_and_things_are_not_sources() -> None:
    citations = find_citations(
        parse(
            "No group has claimed responsibility for the attack. Gas flows through the "
            "pipeline, which carries a third of the country's gas, were halted, Orsengas said."
        )
    )

    assert cited(citations) == {("Orsengas", SourceKind.OTHER, ())}


def test_a_newspaper_carrying_a_report_and_a_body_describing_people_are_sources() -> None:
    citations = find_citations(
        parse(
            "The newspaper Dagbladet carried the statement. The Interior Ministry described "
            "the attackers as mercenaries paid from abroad."
        )
    )

    assert {citation.source for citation in citations} == {"Dagbladet", "Interior Ministry"}


def test_a_body_described_by_what_it_runs_is_not_the_last_official() -> None:
    citations = find_citations(
        parse("Twelve were hurt, police said. Talks resume on Friday, the port authority said.")
    )

    assert [citation.source for citation in citations] == ["police", "port authority"]


def test_calling_people_a_name_reports_the_callers_words() -> None:
    citations = find_citations(
        parse('The minister called the protesters "thugs" who would face the law, dpa reported.')
    )

    assert {citation.source for citation in citations} == {"minister", "dpa"}
    assert find_citations(parse("The union called a strike for Monday.")) == []
    assert find_citations(parse('Solberg, dubbed "Red Mira" by port bosses, spoke.')) == []


def test_a_citation_in_a_relative_clause_covers_that_clause_alone() -> None:
    [citation] = find_citations(
        parse("Rescuers searched the block on Mill Street, where neighbours said two were missing.")
    )

    assert citation.source == "neighbours"
    assert citation.clause == "where neighbours said two were missing"


def test_an_attribution_closing_the_first_conjunct_covers_that_conjunct_alone() -> None:
    [citation] = find_citations(
        parse(
            "Twelve officers were injured, police spokesman Lars Ekdal said, and 31 were arrested."
        )
    )

    assert citation.clause == "Twelve officers were injured, police spokesman Lars Ekdal said"


@pytest.mark.parametrize(
    "sentence",
    [
        "The newspaper Dnevnik, which first reported the plan, said the camp was near Velsk.",
        "A group claimed the attack, the regional newspaper The Frontier Voice reported.",
    ],
)
def test_a_source_speaking_for_the_main_clause_covers_the_whole_sentence(sentence) -> None:
    [newspaper] = [
        citation
        for citation in find_citations(parse(sentence))
        if citation.source in {"Dnevnik", "Frontier Voice", "The Frontier Voice"}
    ]

    assert newspaper.clause == ""


def test_a_description_set_off_by_commas_keeps_its_spaces() -> None:
    [citation, _] = find_citations(
        parse("A little-known group, the Tavrel Front, claimed the attack, the Voice reported.")
    )

    assert citation.wording == "A little-known group the Tavrel Front"


def test_a_speaker_after_a_place_and_a_comma_is_named_without_the_place() -> None:
    [citation] = find_citations(
        parse("By Saturday morning the river was already falling at Lessa, Kesteria One said.")
    )
    assert citation.source == "Kesteria One"


def test_the_agency_is_the_cited_outlet_whose_name_says_agency() -> None:
    citations = find_citations(
        parse(
            "The flood killed four people, the Kesteria News Agency reported. "
            "The river was falling, the state broadcaster Kesteria One said. "
            "The army has sent helicopters, the agency said."
        )
    )
    assert citations[-1].source == "Kesteria News Agency"


def test_he_said_is_the_person_named_before() -> None:
    citations = find_citations(
        parse(
            "The blockade was cleared by noon, the mill's manager Tomas Ek said. "
            "He said crews would return to the ridge on Wednesday."
        )
    )

    assert [(c.sentence_index, c.source) for c in citations] == [(0, "Tomas Ek"), (1, "Tomas Ek")]


def test_she_said_keeps_the_outlet_the_person_spoke_to_and_skips_bodies() -> None:
    citations = find_citations(
        parse(
            "Fourteen people died, hospital spokeswoman Ana Lind told the Courier. "
            "The Interior Ministry said the ferry was overloaded. "
            "Three of the dead were children, she said."
        )
    )

    [pronoun] = [c for c in citations if c.sentence_index == 2]
    assert (pronoun.source, pronoun.via) == ("Ana Lind", ("Courier",))


def test_a_pronoun_with_no_person_named_before_cites_nobody() -> None:
    citations = find_citations(parse("The Interior Ministry said it was calm. He said so."))

    assert [c.sentence_index for c in citations] == [0]


def test_it_said_is_the_body_cited_last_not_a_person() -> None:
    citations = find_citations(
        parse(
            "Twelve people were injured, the regional fire service said. "
            "The plant manager Jan Holt said the fire was out. "
            "None of the injuries was life-threatening, it said."
        )
    )

    [pronoun] = [c for c in citations if c.sentence_index == 2]
    assert pronoun.source == "regional fire service"


def test_a_reason_cited_is_no_source() -> None:
    citations = find_citations(
        parse(
            "The Bank of Norrland cut its main rate to 3.5 percent on Thursday, citing a "
            "faster-than-expected fall in inflation. The rate was last cut in March, "
            "the agency reported, citing the Norrland Business Daily."
        )
    )

    assert [(c.sentence_index, c.source) for c in citations] == [
        (1, "agency"),
        (1, "Norrland Business Daily"),
    ]


def test_each_of_two_sides_is_no_one_source() -> None:
    citations = find_citations(
        parse("Each government accused the other's troops of opening fire first.")
    )

    assert citations == []
