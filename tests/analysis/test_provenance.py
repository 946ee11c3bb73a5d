"""Origins per claim: the chain from each outlet back to where the claim comes from."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coverage.analysis.embeddings import CachingEncoder, get_embedder
from coverage.analysis.nlp import get_nlp
from coverage.analysis.provenance import (
    OWN_REPORTING,
    ArticleSources,
    Cell,
    EventArticle,
    OriginKind,
    Row,
    event_provenance,
    trace_origins,
)
from coverage.analysis.segment import split_sentences
from coverage.analysis.sources import Citation, SourceKind
from coverage.analysis.syndication import AlignedSentences, Overlap, TextGroup, text_groups

KARN = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "karn_dam.json").read_text(encoding="utf-8")
)
NOON = datetime(2025, 3, 3, 12, tzinfo=UTC)


def cite(sentence: int, source: str, kind: SourceKind, via: tuple[str, ...] = ()) -> Citation:
    return Citation(source, kind, sentence, quote="", via=via, wording=source)


def copy_of(original: str, republished: str) -> Overlap:
    return Overlap(original, republished, 0.9, 0.8, 5, "copy", "published")


def steps(result, article: str) -> tuple[str, ...]:
    return next(chain.steps for chain in result.chains if chain.article == article)


def test_copies_of_one_wire_story_quoting_one_source_have_one_origin() -> None:
    articles = [
        ArticleSources(
            "wire", "Agency Wire", citations=[cite(0, "a source in Kavar", SourceKind.ANONYMOUS)]
        ),
        ArticleSources("copy", "Courier"),
        ArticleSources("copy of copy", "Herald"),
        ArticleSources("own", "Gazette"),
    ]
    groups = text_groups([copy_of("wire", "copy"), copy_of("copy", "copy of copy")])
    row = Row(
        "r1",
        "The drones arrived in August.",
        [
            Cell("wire", "agree", sentence_index=0),
            Cell("copy", "agree", sentence_index=0),
            Cell("copy of copy", "agree", sentence_index=0),
            Cell("own", "contradict", sentence_index=3),
            Cell("silent", "silent"),
        ],
    )

    [result] = trace_origins([row], articles, groups)

    assert result.outlet_count == 4
    assert result.independent_origins == 2
    assert steps(result, "copy of copy") == (
        "Herald",
        "Courier",
        "Agency Wire",
        "a source in Kavar",
    )
    assert steps(result, "own") == ("Gazette", OWN_REPORTING)
    assert {origin.kind for origin in result.origins} == {
        OriginKind.ANONYMOUS,
        OriginKind.OWN_REPORTING,
    }
    assert result.summary() == (
        "4 outlets · 2 origins: a source in Kavar (via Agency Wire), Gazette"
    )


def test_anonymous_sources_relayed_by_two_agencies_count_once() -> None:
    articles = [
        ArticleSources(
            "ria", "RIA Novosti", citations=[cite(0, "a source in Syria", SourceKind.ANONYMOUS)]
        ),
        ArticleSources(
            "sputnik",
            "Sputnik",
            citations=[cite(2, "an informed source", SourceKind.ANONYMOUS, via=("Sputnik",))],
        ),
        ArticleSources(
            "outlet",
            "TROIB News",
            citations=[cite(1, "Al-Watan", SourceKind.MEDIA)],
        ),
    ]
    row = Row(
        "r1",
        "Instructors arrived in Idlib.",
        [
            Cell("ria", "agree", sentence_index=0),
            Cell("sputnik", "agree", sentence_index=2),
            Cell("outlet", "agree", sentence_index=1),
        ],
    )

    [result] = trace_origins([row], articles)

    assert result.independent_origins == 2
    assert result.summary() == (
        "3 outlets · 2 origins: a source in Syria (via RIA Novosti / Sputnik), Al-Watan"
    )


def test_a_cited_outlet_of_the_event_is_followed_into_its_own_article() -> None:
    articles = [
        ArticleSources(
            "cpa",
            "Continental Press Agency",
            "https://cpa.example",
            citations=[cite(0, "Interior Ministry", SourceKind.OFFICIAL)],
        ),
        ArticleSources(
            "desk",
            "World Desk Briefing",
            citations=[
                cite(4, "CPA", SourceKind.MEDIA),
                cite(4, "Kasvia's Interior Ministry", SourceKind.OFFICIAL, via=("CPA",)),
            ],
        ),
    ]
    row = Row(
        "r1",
        "At least 11 people were killed.",
        [Cell("cpa", "agree", sentence_index=0), Cell("desk", "agree", sentence_index=4)],
    )

    [result] = trace_origins([row], articles)

    assert steps(result, "desk") == (
        "World Desk Briefing",
        "Continental Press Agency",
        "Interior Ministry",
    )
    assert result.independent_origins == 1


def test_an_outlet_naming_itself_is_its_own_reporting() -> None:
    articles = [
        ArticleSources(
            "glasnik",
            "Glasník",
            citations=[
                cite(0, "Glasník", SourceKind.MEDIA),
                cite(0, "a source in Kavar", SourceKind.ANONYMOUS, via=("Glasník",)),
            ],
        ),
        ArticleSources(
            "courier", "Sarnesk Courier", citations=[cite(2, "the Courier", SourceKind.MEDIA)]
        ),
    ]
    row = Row(
        "r1",
        "Drones were delivered.",
        [Cell("glasnik", "agree", sentence_index=0), Cell("courier", "agree", sentence_index=2)],
    )

    [result] = trace_origins([row], articles)

    assert steps(result, "glasnik") == ("Glasník", "a source in Kavar")
    assert steps(result, "courier") == ("Sarnesk Courier", OWN_REPORTING)


def test_a_bare_attribution_after_the_claim_attributes_it() -> None:
    articles = [
        ArticleSources(
            "glasnik",
            "Glasník",
            citations=[
                Citation(
                    "a source in Kavar",
                    SourceKind.ANONYMOUS,
                    1,
                    "A source in Kavar told Glasník.",
                    ("Glasník",),
                    "A source in Kavar",
                )
            ],
        )
    ]
    row = Row("r1", "Drones were delivered.", [Cell("glasnik", "agree", sentence_index=0)])

    [result] = trace_origins([row], articles)

    assert steps(result, "glasnik") == ("Glasník", "a source in Kavar")


def test_a_spokesperson_speaks_for_the_body_and_a_surname_for_the_person() -> None:
    articles = [
        ArticleSources(
            "a",
            "Agency",
            citations=[
                Citation(
                    "Ilse Marren",
                    SourceKind.OFFICIAL,
                    0,
                    "",
                    (),
                    "Interior Ministry spokeswoman Ilse Marren",
                )
            ],
        ),
        ArticleSources(
            "b", "Daily", citations=[cite(0, "the Interior Ministry", SourceKind.OFFICIAL)]
        ),
        ArticleSources("c", "Radio", citations=[cite(0, "Petar Vukan", SourceKind.OFFICIAL)]),
        ArticleSources("d", "Post", citations=[cite(0, "Vukan", SourceKind.OTHER)]),
    ]
    row = Row("r1", "Eleven died.", [Cell(key, "agree", sentence_index=0) for key in "abcd"])

    [result] = trace_origins([row], articles)

    assert sorted(origin.name for origin in result.origins) == ["Interior Ministry", "Petar Vukan"]


def test_reprints_of_one_outside_text_pass_the_claim_on_from_it() -> None:
    articles = [ArticleSources("first", "Tribune"), ArticleSources("second", "Monitor")]
    groups = [
        TextGroup(
            articles=frozenset({"first", "second"}),
            root=None,
            parent={"first": None, "second": None},
            outside_source="The Steppe Observer",
        )
    ]
    row = Row(
        "r1",
        "The drones were paid for with prisoners.",
        [Cell("first", "agree", sentence_index=0), Cell("second", "agree", sentence_index=1)],
    )

    [result] = trace_origins([row], articles, groups)

    assert steps(result, "second") == ("Monitor", "The Steppe Observer", OWN_REPORTING)
    assert [origin.name for origin in result.origins] == ["Steppe Observer"]
    assert result.origins[0].kind == OriginKind.MEDIA


def test_silent_cells_and_unknown_articles_are_left_out() -> None:
    row = Row("r1", "Claim.", [Cell("a", "silent"), Cell("nobody", "agree", sentence_index=0)])

    [result] = trace_origins([row], [ArticleSources("a", "Agency")])

    assert result.chains == () and result.independent_origins == 0
    assert result.summary() == "No outlet carries this claim."


@pytest.fixture(scope="module")
def karn_provenance():
    """The invented Karn dam story, a paraphrase of it and an independent report."""
    articles = [
        EventArticle("wire", "Tesland Press Agency", KARN["wire"], "https://tpa.example", NOON),
        EventArticle(
            "rewrite", "Merval Today", KARN["rewrite"], published_at=NOON + timedelta(hours=2)
        ),
        EventArticle("local", "Ostby Gazette", KARN["independent"], published_at=NOON),
    ]
    index = {
        key: next(s.index for s in split_sentences(text) if "2,400" in s.text)
        for key, text in (("wire", KARN["wire"]), ("rewrite", KARN["rewrite"]))
    }
    local = next(s.index for s in split_sentences(KARN["independent"]) if "2,400 people" in s.text)
    row = Row(
        "evacuated",
        "About 2,400 people were evacuated from six villages.",
        [
            Cell("wire", "agree", sentence_index=index["wire"]),
            Cell("rewrite", "agree", sentence_index=index["rewrite"]),
            Cell("local", "agree", sentence_index=local),
        ],
    )
    return event_provenance(articles, [row], nlp=get_nlp(), encoder=CachingEncoder(get_embedder()))


def test_the_event_step_finds_the_rewrite_and_follows_it_to_the_source(karn_provenance) -> None:
    [group] = karn_provenance.groups
    [result] = karn_provenance.rows

    assert group.parent == {"wire": None, "rewrite": "wire"}
    assert steps(result, "rewrite") == (
        "Merval Today",
        "Tesland Press Agency",
        "regional emergency office",
    )
    # The local paper quotes the same office: one origin, reached two ways.
    assert steps(result, "local") == ("Ostby Gazette", "regional emergency office")
    assert result.independent_origins == 1


def test_a_description_of_a_named_source_is_that_source() -> None:
    articles = [
        ArticleSources(
            "a", "Agency", citations=[cite(0, "Kaldmark Dockworkers' Union", SourceKind.OTHER)]
        ),
        ArticleSources("b", "Tribune", citations=[cite(0, "union", SourceKind.OTHER)]),
        ArticleSources("c", "Radio", citations=[cite(0, "Police", SourceKind.OFFICIAL)]),
        ArticleSources("d", "Post", citations=[cite(0, "police estimate", SourceKind.OTHER)]),
    ]
    row = Row(
        "r1", "1,500 people took part.", [Cell(key, "agree", sentence_index=0) for key in "abcd"]
    )

    [result] = trace_origins([row], articles)

    assert sorted(origin.name for origin in result.origins) == [
        "Kaldmark Dockworkers' Union",
        "Police",
    ]


def test_a_post_on_a_social_network_is_an_origin_of_its_own_kind() -> None:
    articles = [
        ArticleSources(
            "a", "Gazette", citations=[cite(0, "a post on Telegram", SourceKind.SOCIAL_MEDIA)]
        ),
        ArticleSources("b", "Courier"),
    ]
    row = Row("r1", "The dam was hit.", [Cell("a", "agree", sentence_index=0), Cell("b", "agree")])

    [result] = trace_origins([row], articles)

    assert result.independent_origins == 2
    assert steps(result, "a") == ("Gazette", "a post on Telegram")
    assert {origin.kind for origin in result.origins} == {
        OriginKind.SOCIAL_MEDIA,
        OriginKind.OWN_REPORTING,
    }


def spoke(sentence: int, source: str, wording: str) -> Citation:
    return Citation(source, SourceKind.OFFICIAL, sentence, quote="", wording=wording)


def test_a_spokesperson_named_alone_speaks_for_the_body_named_with_them_elsewhere() -> None:
    articles = [
        ArticleSources(
            "a",
            "Gazette",
            citations=[spoke(0, "Ilse Marren", "Interior Ministry spokeswoman Ilse Marren")],
        ),
        ArticleSources("b", "Courier", citations=[spoke(2, "Ilse Marren", "Ilse Marren")]),
        ArticleSources("c", "Herald", citations=[spoke(1, "Interior Ministry", "the ministry")]),
        ArticleSources(
            "d", "Post", citations=[spoke(0, "Lars Ekdal", "police spokesman Lars Ekdal")]
        ),
    ]
    row = Row(
        "r1",
        "Eleven people died.",
        [
            Cell("a", "agree", sentence_index=0),
            Cell("b", "agree", sentence_index=2),
            Cell("c", "agree", sentence_index=1),
            Cell("d", "agree", sentence_index=0),
        ],
    )

    [result] = trace_origins([row], articles)

    assert {origin.name for origin in result.origins} == {"Interior Ministry", "police"}
    assert steps(result, "b") == ("Courier", "Interior Ministry")


def test_an_unnamed_spokesperson_of_a_service_speaks_for_it() -> None:
    """ "a police spokesperson said" and "Police said" are one origin, the police."""
    articles = [
        ArticleSources(
            "a", "Agency", citations=[spoke(0, "police spokesperson", "a police spokesperson")]
        ),
        ArticleSources("b", "Courier", citations=[spoke(1, "Police", "Police")]),
    ]
    row = Row(
        "r1",
        "23 people were arrested.",
        [Cell("a", "agree", sentence_index=0), Cell("b", "agree", sentence_index=1)],
    )

    [result] = trace_origins([row], articles)

    assert result.independent_origins == 1
    assert steps(result, "a") == ("Agency", "police")


def test_a_rewriters_own_sourced_sentence_is_not_traced_into_the_original() -> None:
    """A rewrite's sentence between two aligned ones that cites a source of its own
    ("Mira Lund told The Greenline that ...") is the rewriter's reporting when the
    original does not carry the claim, not the original's sentence before it."""
    articles = [
        ArticleSources(
            "wire", "Agency", citations=[cite(1, "Interior Ministry", SourceKind.OFFICIAL)]
        ),
        ArticleSources("rewrite", "Greenline", citations=[cite(2, "Mira Lund", SourceKind.OTHER)]),
    ]
    aligned = tuple(AlignedSentences(i, i, 0.7, ()) for i in (0, 1, 3))
    rewrite = Overlap("wire", "rewrite", 0.1, 0.02, 0, "rewrite", "credit", aligned=aligned)
    row = Row(
        "r1",
        "Four protesters were taken to hospital.",
        [Cell("wire", "silent"), Cell("rewrite", "agree", sentence_index=2)],
    )

    [result] = trace_origins([row], articles, text_groups([rewrite]))

    assert steps(result, "rewrite") == ("Greenline", "Mira Lund")


def test_the_company_is_the_one_company_its_article_names() -> None:
    """ "A company spokesman told NNA ..." in an article that names Halberg Timber is
    Halberg Timber, which another outlet cites by name."""
    named = "Halberg Timber, which holds the licence, lost 1.2 million crowns, a paper said."
    articles = [
        ArticleSources(
            "a",
            "Agency",
            citations=[
                Citation("paper", SourceKind.MEDIA, 0, quote=named, wording="a paper"),
                Citation(
                    "company spokesman",
                    SourceKind.OFFICIAL,
                    1,
                    quote="A company spokesman said crews would return on Wednesday.",
                    wording="A company spokesman",
                ),
            ],
        ),
        ArticleSources("b", "Courier", citations=[spoke(2, "Halberg Timber", "Halberg Timber")]),
    ]
    row = Row(
        "r1",
        "Crews will return on Wednesday.",
        [Cell("a", "agree", sentence_index=1), Cell("b", "agree", sentence_index=2)],
    )

    [result] = trace_origins([row], articles)

    assert result.independent_origins == 1


def test_a_chain_ending_at_a_relay_goes_on_where_the_relay_got_it() -> None:
    articles = [
        ArticleSources(
            "a",
            "Vestkyst Nyt",
            citations=[cite(0, "Police", SourceKind.OFFICIAL, via=("Sjøposten",))],
        ),
        ArticleSources(
            "b", "Eastport Observer", citations=[cite(1, "Sjöposten", SourceKind.MEDIA)]
        ),
    ]
    row = Row(
        "r1",
        "Twenty officers were hurt.",
        [Cell("a", "agree", sentence_index=0), Cell("b", "agree", sentence_index=1)],
    )

    [result] = trace_origins([row], articles)

    assert result.independent_origins == 1
    assert steps(result, "b") == ("Eastport Observer", "Sjöposten", "Police")


def test_an_estimate_is_one_origin_with_whoever_made_it() -> None:
    articles = [
        ArticleSources("a", "Agency", citations=[cite(0, "police estimate", SourceKind.OTHER)]),
        ArticleSources("b", "Radio", citations=[cite(0, "police", SourceKind.OFFICIAL)]),
    ]
    row = Row(
        "r1",
        "About 2,000 people marched.",
        [Cell("a", "agree", sentence_index=0), Cell("b", "agree", sentence_index=0)],
    )

    [result] = trace_origins([row], articles)

    assert result.independent_origins == 1


def test_an_outlet_named_by_the_last_word_of_its_name_is_that_outlet() -> None:
    articles = [
        ArticleSources("gazette", "Haldor Valley Gazette"),
        ArticleSources(
            "observer", "The Vessaly Observer", citations=[cite(2, "Gazette", SourceKind.MEDIA)]
        ),
        ArticleSources("post", "Morning Post", citations=[cite(0, "Post", SourceKind.MEDIA)]),
    ]
    row = Row(
        "r1",
        "A firefighter was hurt.",
        [
            Cell("gazette", "agree", sentence_index=4),
            Cell("observer", "agree", sentence_index=2),
            Cell("post", "agree", sentence_index=0),
        ],
    )

    [result] = trace_origins([row], articles)

    assert steps(result, "observer") == (
        "The Vessaly Observer",
        "Haldor Valley Gazette",
        OWN_REPORTING,
    )
    assert result.independent_origins == 2  # the Gazette, and the Post's own reporting


def test_an_outlet_named_by_the_last_words_of_its_name_is_that_outlet() -> None:
    articles = [
        ArticleSources("tv", "Drevania State Television"),
        ArticleSources(
            "digest",
            "Crossborder Digest",
            citations=[cite(1, "State television", SourceKind.MEDIA)],
        ),
    ]
    row = Row(
        "r1",
        "The party hired the buses.",
        [Cell("tv", "agree", sentence_index=3), Cell("digest", "agree", sentence_index=1)],
    )

    [result] = trace_origins([row], articles)

    assert steps(result, "digest") == (
        "Crossborder Digest",
        "Drevania State Television",
        OWN_REPORTING,
    )
    assert result.independent_origins == 1


def test_a_minister_and_the_ministry_are_one_origin() -> None:
    articles = [
        ArticleSources(
            "a", "Agency", citations=[cite(0, "Interior Ministry", SourceKind.OFFICIAL)]
        ),
        ArticleSources(
            "b",
            "Television",
            citations=[
                spoke(0, "Dara Koss", "Interior Minister Dara Koss"),
                spoke(1, "Dara Koss", "the minister"),
            ],
        ),
        ArticleSources("c", "Paper", citations=[spoke(0, "Koss", "Koss")]),
        ArticleSources("d", "Radio", citations=[spoke(0, "Ana Holt", "Prime Minister Ana Holt")]),
    ]
    cells = [
        Cell("a", "agree", sentence_index=0),
        Cell("b", "agree", sentence_index=1),
        Cell("c", "agree", sentence_index=0),
    ]

    [one, two] = trace_origins(
        [
            Row("r1", "Six died.", cells),
            Row("r2", "Six died.", [*cells, Cell("d", "agree", sentence_index=0)]),
        ],
        articles,
    )

    assert [origin.name for origin in one.origins] == ["Interior Ministry"]
    assert {origin.name for origin in two.origins} == {"Interior Ministry", "Ana Holt"}


def test_a_director_of_a_body_named_in_lower_case_speaks_for_it() -> None:
    articles = [
        ArticleSources("a", "Paper", citations=[cite(0, "port authority", SourceKind.OFFICIAL)]),
        ArticleSources(
            "b", "Daily", citations=[spoke(0, "Henrik Aas", "port authority director Henrik Aas")]
        ),
    ]
    cells = [Cell(key, "agree", sentence_index=0) for key in "ab"]

    [result] = trace_origins([Row("r1", "Talks resume on Friday.", cells)], articles)

    assert [origin.name for origin in result.origins] == ["port authority"]


def test_a_cells_own_attribution_speaks_for_the_body_named_with_it_elsewhere() -> None:
    articles = [
        ArticleSources(
            "a", "Agency", citations=[spoke(0, "Stefan Kolb", "Interior Minister Stefan Kolb")]
        ),
        ArticleSources("b", "Radio"),
    ]
    cells = [
        Cell("a", "agree", sentence_index=0),
        Cell("b", "agree", sentence_index=3, attributed_to="Kolb"),
    ]

    [result] = trace_origins([Row("r1", "They will face the law.", cells)], articles)

    assert [origin.name for origin in result.origins] == ["Interior Ministry"]


def test_a_citation_in_a_relative_clause_leaves_the_main_clause_the_outlets() -> None:
    sentence = "Rescuers searched the block on Mill Street, where neighbours said two were missing."
    clause = "where neighbours said two were missing"
    articles = [
        ArticleSources(
            "a",
            "Agency",
            citations=[Citation("neighbours", SourceKind.ANONYMOUS, 0, sentence, clause=clause)],
        )
    ]
    cells = [Cell("a", "agree", sentence, sentence_index=0)]

    main, relative = trace_origins(
        [
            Row("r1", "Rescuers searched the apartment block.", cells),
            Row("r2", "Two people were missing.", cells),
        ],
        articles,
    )

    assert steps(main, "a") == ("Agency", OWN_REPORTING)
    assert steps(relative, "a") == ("Agency", "neighbours")


def test_the_group_named_earlier_in_the_article_is_the_origin_not_a_group() -> None:
    # "The group" and "the rebels" point back to the front each article named before.
    voice = "Fighters of the Kessel Liberation Front took the depot. The rebels said they did it."
    observer = "A little-known group, the Kessel Liberation Front, struck. The group says it did."
    articles = [
        EventArticle("voice", "Hill Voice", voice),
        EventArticle("observer", "Lake Observer", observer),
    ]
    citations = {
        "voice": [Citation("rebels", SourceKind.OTHER, 1, "", wording="The rebels")],
        "observer": [Citation("group", SourceKind.OTHER, 1, "", wording="The group")],
    }
    row = Row(
        "claim",
        "The front took the depot.",
        [Cell("voice", "agree", sentence_index=1), Cell("observer", "agree", sentence_index=1)],
    )

    [result] = event_provenance(articles, [row], citations=citations).rows

    assert [origin.name for origin in result.origins] == ["Kessel Liberation Front"]


def test_unnamed_people_who_went_through_the_event_alike_are_one_origin() -> None:
    articles = [
        ArticleSources("a", "Klaxon", citations=[cite(0, "Survivors", SourceKind.OTHER)]),
        ArticleSources("b", "Courier", citations=[cite(0, "Several passengers", SourceKind.OTHER)]),
        ArticleSources("c", "Digest", citations=[cite(0, "witnesses", SourceKind.ANONYMOUS)]),
    ]
    cells = [Cell(key, "agree", sentence_index=0) for key in ("a", "b", "c")]

    [result] = trace_origins([Row("r1", "The ferry was overloaded.", cells)], articles)

    assert sorted(origin.name for origin in result.origins) == ["Survivors", "witnesses"]


def quoted(sentence: int, source: str, kind: SourceKind, quote: str) -> Citation:
    return Citation(source, kind, sentence, quote=quote, wording=source)


def test_a_quotation_is_attributed_by_the_sentence_that_closes_it() -> None:
    closing = 'The deliveries took place over the summer, near the town of Velsk," the source said.'
    articles = [
        ArticleSources(
            "agency",
            "VolkPress",
            citations=[quoted(4, "a source close to the group", SourceKind.ANONYMOUS, closing)],
        )
    ]
    row = Row(
        "r1",
        "Tessaria paid for prisoners with drones.",
        [Cell("agency", "agree", '"The Tessarians took our prisoners and paid with drones.', 3)],
    )

    [result] = trace_origins([row], articles)

    assert steps(result, "agency") == ("VolkPress", "a source close to the group")


def test_the_end_of_a_quotation_is_attributed_by_the_sentence_that_opened_it() -> None:
    opening = 'Interior Minister Dara Koss said: "These mercenaries were paid from abroad.'
    articles = [
        ArticleSources(
            "tv", "Orsenia One", citations=[quoted(2, "Dara Koss", SourceKind.OFFICIAL, opening)]
        )
    ]
    row = Row(
        "r1",
        "Those who sent the attackers will answer for it.",
        [Cell("tv", "agree", 'Those who sent them will answer for it."', 3)],
    )

    [result] = trace_origins([row], articles)

    assert steps(result, "tv") == ("Orsenia One", "Dara Koss")


def test_a_second_sentence_of_the_evidence_attributes_the_first() -> None:
    second = "None of the injuries was life-threatening, the regional fire service said on Monday."
    articles = [
        ArticleSources(
            "agency",
            "Vennland Press Agency",
            citations=[quoted(2, "regional fire service", SourceKind.OFFICIAL, second)],
        )
    ]
    row = Row(
        "r1",
        "Twelve people were injured.",
        [
            Cell(
                "agency",
                "agree",
                f"Twelve people were injured, including three firefighters. {second}",
                1,
            )
        ],
    )

    [result] = trace_origins([row], articles)

    assert steps(result, "agency") == ("Vennland Press Agency", "regional fire service")


def test_an_unrelated_quotation_nearby_attributes_nothing() -> None:
    elsewhere = '"We will rebuild," the mayor said at a meeting in the town hall on Monday.'
    articles = [
        ArticleSources(
            "paper", "Courier", citations=[quoted(4, "the mayor", SourceKind.OFFICIAL, elsewhere)]
        )
    ]
    row = Row("r1", "The dam burst.", [Cell("paper", "agree", "The dam burst at night.", 2)])

    [result] = trace_origins([row], articles)

    assert steps(result, "paper") == ("Courier", OWN_REPORTING)


@pytest.mark.parametrize(
    ("quote", "body"),
    [
        (
            '"Nine bodies have been recovered," said Ilse Ranta, a spokeswoman for the Orvan '
            "Regional Emergency Service.",
            "Orvan Regional Emergency Service",
        ),
        (
            '"It was illegal," said Ilse Ranta, the Orvan Ferry Company\'s operations manager.',
            "Orvan Ferry Company",
        ),
        ('"It was calm," said Ilse Ranta, who watched from the pier.', None),
    ],
)
def test_a_person_described_as_speaking_for_a_body_speaks_for_it(quote, body) -> None:
    articles = [
        ArticleSources(
            "agency",
            "Northline News Agency",
            citations=[
                quoted(0, "Ilse Ranta", SourceKind.OTHER, quote),
                quoted(3, "Ranta", SourceKind.OTHER, "Ranta said winds were strong."),
            ],
        )
    ]
    row = Row("r1", "Winds were strong.", [Cell("agency", "agree", sentence_index=3)])

    [result] = trace_origins([row], articles)

    assert steps(result, "agency") == ("Northline News Agency", body or "Ranta")


def test_the_company_is_the_body_an_apposition_called_a_company() -> None:
    text = (
        "Imra Hydro, the private company that operates the dam, said it was inspected. "
        "The spillway gave way on Friday, the company said."
    )
    articles = [EventArticle("agency", "Kesteria News Agency", text)]
    citations = {
        "agency": [
            Citation("Imra Hydro", SourceKind.OTHER, 0, "", wording="Imra Hydro"),
            Citation("company", SourceKind.OTHER, 1, "", wording="the company"),
        ]
    }
    row = Row("claim", "The spillway gave way.", [Cell("agency", "agree", sentence_index=1)])

    [result] = event_provenance(articles, [row], citations=citations).rows

    assert [origin.name for origin in result.origins] == ["Imra Hydro"]


def test_a_rewrites_new_lead_takes_a_claim_the_original_carries_from_it() -> None:
    """The first sentences of a tabloid's rewrite are often its own new lead, too unlike
    the original to be aligned; a claim the original carries is still the original's."""
    articles = [ArticleSources("paper", "Chronicle"), ArticleSources("tabloid", "Klaxon")]
    aligned = tuple(AlignedSentences(i, i + 3, 0.7, ()) for i in (1, 2, 3, 4))
    rewrite = Overlap("paper", "tabloid", 0.1, 0.02, 0, "rewrite", "credit", aligned=aligned)
    row = Row(
        "r1",
        "The bridge was closed on Monday night.",
        [Cell("paper", "agree", sentence_index=0), Cell("tabloid", "agree", sentence_index=1)],
    )

    [result] = trace_origins([row], articles, text_groups([rewrite]))

    assert steps(result, "tabloid") == ("Klaxon", "Chronicle", OWN_REPORTING)
    assert result.independent_origins == 1


def test_a_bodys_engineers_speak_for_the_body() -> None:
    articles = [
        ArticleSources(
            "a", "Agency", citations=[cite(0, "Transport Ministry", SourceKind.OFFICIAL)]
        ),
        ArticleSources(
            "b", "Radio", citations=[spoke(0, "Ministry engineers", "Ministry engineers")]
        ),
    ]
    row = Row(
        "r1",
        "Repairs will cost four million thalers.",
        [Cell("a", "agree", sentence_index=0), Cell("b", "contradict", sentence_index=0)],
    )

    [result] = trace_origins([row], articles)

    assert result.independent_origins == 1


def test_a_document_a_body_issued_is_the_bodys() -> None:
    articles = [
        ArticleSources(
            "a",
            "Agency",
            citations=[
                cite(0, "District Electoral Commission", SourceKind.OFFICIAL),
                cite(0, "final results", SourceKind.OTHER, via=("District Electoral Commission",)),
            ],
        ),
        ArticleSources("b", "Radio", citations=[cite(0, "commission", SourceKind.OFFICIAL)]),
    ]
    row = Row(
        "r1",
        "Dascu won 50.6 percent of the vote.",
        [Cell("a", "agree", sentence_index=0), Cell("b", "agree", sentence_index=0)],
    )

    [result] = trace_origins([row], articles)

    assert result.independent_origins == 1
