"""Copies and rewrites are told apart from independent reports, on real article bodies.

The bodies come from FNC-1 (tests/fixtures/syndication_fnc1.json). Copies and
rewrites are made from them with seeded edits like those republishers make; the
independent pairs are different outlets' reports of one claim that quote the same
people, the hardest case for a text-overlap detector.
"""

from __future__ import annotations

import json
import random
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from coverage.analysis.embeddings import CachingEncoder, get_embedder
from coverage.analysis.segment import split_sentences
from coverage.analysis.syndication import (
    Basis,
    Document,
    Kind,
    compare,
    containment,
    credits,
    estimated_jaccard,
    find_overlaps,
    fingerprint,
    independent_groups,
    jaccard,
    likeliest_sources,
    minhash,
    numbers,
    source_key,
    text_groups,
)
from coverage.analysis.syndication.alignment import facts, mentions, new_share

FIXTURES = Path(__file__).parents[1] / "fixtures"
FNC1 = json.loads((FIXTURES / "syndication_fnc1.json").read_text(encoding="utf-8"))
# An invented agency story, a paraphrase of it and an independent report of the event.
KARN = json.loads((FIXTURES / "karn_dam.json").read_text(encoding="utf-8"))
BODIES: dict[int, str] = {int(key): text for key, text in FNC1["bodies"].items()}
SINGLES: list[int] = FNC1["singles"]
SIGN_OFFS = [
    "Read Full Article at RT.com.",
    "Reporting by staff; editing by the news desk.",
    "This story was first published by our partners.",
]


def lightly_edited(text: str, seed: int) -> str:
    """A republished copy: a dateline and a sign-off added, a word changed here and
    there, sometimes the last sentence cut."""
    rng = random.Random(seed)
    sentences = []
    for sentence in split_sentences(text):
        words = sentence.text.split()
        position = rng.randrange(len(words))
        if rng.random() < 0.3 and len(words) > 6 and words[position].isalpha():
            words[position] = rng.choice(["reportedly", "also", "now", "said", "officials"])
        sentences.append(" ".join(words))
    if len(sentences) > 6 and rng.random() < 0.5:
        sentences.pop()
    return "LONDON (Agency) - " + " ".join(sentences) + "\n\n" + rng.choice(SIGN_OFFS)


def rewritten(text: str, seed: int, other_story: str) -> str:
    """A rewrite: a third of the sentences dropped, some moved, every fifth reworded,
    and two sentences of new material in the middle."""
    rng = random.Random(seed)
    sentences = [sentence.text for sentence in split_sentences(text)]
    kept = [sentence for sentence in sentences if rng.random() > 0.33] or sentences[:1]
    for _ in range(len(kept) // 3):
        first = rng.randrange(len(kept))
        second = min(len(kept) - 1, first + rng.choice([1, 2]))
        kept[first], kept[second] = kept[second], kept[first]
    vocabulary = re.findall(r"\w+", other_story)
    reworded = []
    for sentence in kept:
        words = sentence.split()
        if rng.random() < 0.2:
            words = [rng.choice(vocabulary) if i % 3 == 1 else w for i, w in enumerate(words)]
        reworded.append(" ".join(words))
    new_material = [sentence.text for sentence in split_sentences(other_story)[:2]]
    middle = len(reworded) // 2
    return " ".join(reworded[:middle] + new_material + reworded[middle:])


def kind_of(first: str, second: str) -> Kind:
    return compare(Document("a", first), Document("b", second)).kind


def test_it_gives_the_same_signature_for_the_same_text_in_every_run() -> None:
    shingles = fingerprint(BODIES[SINGLES[0]]).shingles
    assert np.array_equal(minhash(shingles), minhash(shingles.copy()))
    assert not np.array_equal(minhash(shingles), minhash(shingles, seed=1))


def test_it_estimates_jaccard_close_to_the_exact_value() -> None:
    first = fingerprint(BODIES[SINGLES[0]]).shingles
    edited = fingerprint(rewritten(BODIES[SINGLES[0]], 3, BODIES[SINGLES[1]])).shingles
    exact = jaccard(first, edited)
    assert 0.1 < exact < 0.9
    # 128 permutations: the standard error is about 0.04 here.
    assert abs(estimated_jaccard(minhash(first), minhash(edited)) - exact) < 0.12


def test_containment_measures_the_shorter_text_inside_the_longer() -> None:
    story = BODIES[SINGLES[0]]
    first_half = story[: len(story) // 2]
    whole, half = fingerprint(story).shingles, fingerprint(first_half).shingles
    assert containment(whole, half) == containment(half, whole) > 0.95
    assert jaccard(whole, half) < 0.6
    assert containment(whole, np.zeros(0, dtype=np.uint64)) == 0.0


def test_it_ignores_case_curly_quotes_and_spacing() -> None:
    plain = 'He said "the bridge will reopen" on Monday, officials in the port said today.'
    styled = "HE SAID  “the bridge will reopen”\non Monday, officials in the port said today."
    assert np.array_equal(fingerprint(plain).shingles, fingerprint(styled).shingles)


def test_it_takes_every_lightly_edited_copy_for_a_copy() -> None:
    kinds = [kind_of(BODIES[key], lightly_edited(BODIES[key], key)) for key in SINGLES]
    assert kinds.count(Kind.COPY) == len(SINGLES)


def test_it_finds_nearly_every_rewrite() -> None:
    kinds = [
        kind_of(BODIES[key], rewritten(BODIES[key], key, BODIES[SINGLES[i - 1]]))
        for i, key in enumerate(SINGLES)
    ]
    found = sum(kind != Kind.UNRELATED for kind in kinds)
    assert found / len(kinds) >= 0.9
    assert kinds.count(Kind.REWRITE) > kinds.count(Kind.COPY)


@pytest.mark.parametrize(("first", "second"), FNC1["independent"])
def test_it_does_not_take_reports_quoting_the_same_people_for_copies(first, second) -> None:
    assert kind_of(BODIES[first], BODIES[second]) == Kind.UNRELATED


@pytest.mark.parametrize(("first", "second", "expected"), FNC1["republished"])
def test_it_recognises_real_republished_stories(first, second, expected) -> None:
    assert kind_of(BODIES[first], BODIES[second]) == expected


def test_it_finds_no_pairs_among_unrelated_stories() -> None:
    documents = [Document(key, BODIES[key]) for key in SINGLES]
    assert find_overlaps(documents) == []


def test_it_finds_the_copies_hidden_among_other_stories() -> None:
    documents = [Document(key, BODIES[key]) for key in SINGLES[:20]]
    copy_of = SINGLES[3]
    rewrite_of = SINGLES[7]
    documents += [
        Document("copy", lightly_edited(BODIES[copy_of], 1)),
        Document("rewrite", rewritten(BODIES[rewrite_of], 2, BODIES[SINGLES[30]])),
    ]
    found = {(o.original, o.republished, o.kind) for o in find_overlaps(documents)}
    assert found == {(copy_of, "copy", Kind.COPY), (rewrite_of, "rewrite", Kind.REWRITE)}


def test_the_later_article_republishes_the_earlier() -> None:
    story = BODIES[SINGLES[0]]
    early = Document("early", story, published_at=datetime(2025, 3, 14, 9, tzinfo=UTC), order=2)
    late = Document(
        "late", lightly_edited(story, 1), published_at=datetime(2025, 3, 14, 11, tzinfo=UTC)
    )
    overlap = compare(late, early)
    assert (overlap.original, overlap.republished, overlap.basis) == (
        "early",
        "late",
        Basis.PUBLISHED,
    )


def test_without_dates_the_shorter_text_republishes_the_longer() -> None:
    story = BODIES[SINGLES[0]]
    trimmed = " ".join(sentence.text for sentence in split_sentences(story)[:-2])
    overlap = compare(Document("trimmed", trimmed, order=1), Document("full", story, order=2))
    assert (overlap.original, overlap.republished, overlap.basis) == (
        "full",
        "trimmed",
        Basis.LENGTH,
    )
    assert overlap.kind == Kind.COPY and overlap.percent == 100


PIT_STORY = (
    "Rescuers reached eleven miners trapped by a roof fall at the Brandholm pit on Sunday. "
    "All were brought to the surface by midnight, and two were taken to hospital with "
    "broken bones. “We will not reopen the pit until every tunnel has been checked, and "
    "that could take weeks,” the mine's director, Ole Brask, said. The regional labour "
    "inspectorate has opened an inquiry into the collapse."
)
PIT_REWRITE = (
    "Eleven miners trapped by a roof fall at the Brandholm pit were rescued on Sunday. "
    "Rescuers brought all of them to the surface by midnight; two went to hospital with "
    "broken bones. “We will not reopen the pit until every tunnel has been checked,” "
    "director Ole Brask said. The regional labour inspectorate has opened an inquiry. "
    "Brandholm has been mined for coal since 1912 and employs about 400 people. Its last "
    "serious accident, a gas explosion in 1987, killed four men. Unions have long "
    "complained that safety checks were cut when the company changed hands in 2019."
)


def test_without_dates_the_article_that_cuts_a_quotation_republishes_the_other() -> None:
    """A republisher that adds background is the longer text, but it cannot quote more
    than the original did: the quotation that stops short marks the copy."""
    overlap = compare(
        Document("rewrite", PIT_REWRITE, order=1), Document("story", PIT_STORY, order=2)
    )
    assert (overlap.original, overlap.republished, overlap.basis) == (
        "story",
        "rewrite",
        Basis.QUOTES,
    )
    assert "that could take weeks" in overlap.reasons[0]


def test_quotations_cut_by_a_word_or_quoted_alike_say_nothing_of_direction() -> None:
    story = BODIES[SINGLES[0]] + " “We will rebuild the bridge within a year,” she said."
    overlap = compare(
        Document("trimmed", story.replace("within a year", "soon"), order=1),
        Document("full", story + " More follows.", order=2),
    )
    assert overlap.basis == Basis.LENGTH


def test_without_dates_at_equal_length_the_later_added_republishes() -> None:
    story = BODIES[SINGLES[0]]
    overlap = compare(Document("second", story, order=5), Document("first", story, order=4))
    assert (overlap.original, overlap.republished, overlap.basis) == ("first", "second", "added")


def test_it_groups_articles_and_outlets_joined_by_any_chain_of_copies() -> None:
    wire = BODIES[SINGLES[0]]
    documents = [
        Document("wire", wire, source="Agency"),
        Document("copy", lightly_edited(wire, 1), source="Courier"),
        Document("copy of copy", lightly_edited(lightly_edited(wire, 1), 2), source="Herald"),
        Document("own report", BODIES[SINGLES[1]], source="Radio"),
        Document("own follow-up", BODIES[SINGLES[2]], source="Radio"),
    ]
    groups = independent_groups(documents, find_overlaps(documents))
    assert groups.articles == [frozenset({"wire", "copy", "copy of copy"})]
    assert groups.sources == [frozenset({"Agency", "Courier", "Herald"})]


def test_an_outlet_repeating_itself_is_not_a_group_of_outlets() -> None:
    story = BODIES[SINGLES[0]]
    documents = [
        Document(1, story, source="Courier"),
        Document(2, lightly_edited(story, 3), source="Courier"),
    ]
    groups = independent_groups(documents, find_overlaps(documents))
    assert groups.articles == [frozenset({1, 2})]
    assert groups.sources == []


def test_it_copes_with_empty_and_tiny_texts() -> None:
    documents = [Document(1, ""), Document(2, "Short."), Document(3, "Short.")]
    assert [(o.original, o.republished) for o in find_overlaps(documents)] == [(2, 3)]
    assert find_overlaps([Document(1, "Only one article.")]) == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Training reported. Read Full Article at RT.com.\n\nMore text.", "RT.com"),
        ("LONDON (Reuters) - The bridge closed on Monday.", "Reuters"),
        ("The bridge closed.\n\nThis story was first published by VSNA.", "VSNA"),
        ("The bridge closed. Republished with permission from The Kyiv Post.", "The Kyiv Post"),
        (
            "The bridge closed.\n\nSource: The Steppe Observer\n\nRelated Posts",
            "The Steppe Observer",
        ),
        ("The bridge closed. Reprinted from the Helvane Courier.", "Helvane Courier"),
        (
            "The bridge closed.\n\n— Estrava Wire Service\nShare this article",
            "Estrava Wire Service",
        ),
        ("The bridge closed.\n\n— Keldan Observer foreign desk, with AFP", "AFP"),
        ("The bridge closed.\n\n© Sjøposten. All rights reserved.", "Sjøposten"),
        ("The bridge closed. Information from VPA was used in this report.", "VPA"),
        (
            "The bridge closed.\n\nThis dispatch was supplied by the Orsa Wire and is "
            "republished with permission.",
            "Orsa Wire",
        ),
        ("Intro.\n\nDRESSEL (CPA) - The bridge closed.", "CPA"),
        ("STAVRIN, 12 September. /VolkPress/. The bridge closed.", "VolkPress"),
        ("The bridge closed.\n\nMore: Transport | Roads\n\nvia Highland Herald", "Highland Herald"),
        ("The bridge closed (via the Kyiv Post), officials said.", "Kyiv Post"),
        ("The bridge closed, the operator said (AFP).\n\nTraffic was diverted.", "AFP"),
    ],
)
def test_it_finds_where_an_article_says_its_text_comes_from(text, source) -> None:
    assert [credit.source for credit in credits(text)] == [source]


def test_it_does_not_take_reporting_or_vague_credits_for_republication() -> None:
    assert credits("According to a Kyiv Post article, the unit trained militants.") == []
    assert credits("This story was first published by our partners.") == []
    assert credits("He said (AP) style was used.\nOfficials (Reuters) - no.") == []
    assert credits("He travelled via Vienna.\n\nThe Defence Ministry (MoD).") == []


def test_a_credit_line_can_name_two_sources() -> None:
    found = credits("The ferry sank.\n\nSource: Halvia Daily Digest / NNA\nTags: ferry")

    assert [credit.source for credit in found] == ["Halvia Daily Digest", "NNA"]


def test_credits_match_outlet_names_and_homepages() -> None:
    assert source_key("RT.com") == source_key("https://www.rt.com/news/") == source_key("RT")
    assert source_key("The Kyiv Post") == source_key("Kyiv Post")
    assert source_key("VSNA") == source_key("https://vsna.example")
    assert source_key("Sjoposten") == source_key("Sjøposten")


def test_outlets_crediting_one_source_are_one_group() -> None:
    documents = [Document(1, "", source="Courier"), Document(2, "", source="Herald")]
    shared = [("Courier", "reuters"), ("Herald", "reuters"), ("Radio", "afp")]
    groups = independent_groups(documents, [], shared)
    assert groups.articles == []
    assert groups.sources == [frozenset({"Courier", "Herald"})]


def test_minhash_candidates_miss_no_pair_an_exact_comparison_finds() -> None:
    documents = [Document(key, BODIES[key]) for key in SINGLES[:18]]
    documents += [Document(f"copy {k}", lightly_edited(BODIES[k], k)) for k in SINGLES[:6]]
    documents += [
        Document(f"rewrite {k}", rewritten(BODIES[k], k, BODIES[SINGLES[-1]]))
        for k in SINGLES[6:12]
    ]
    exact = {
        (overlap.original, overlap.republished)
        for i, first in enumerate(documents)
        for second in documents[i + 1 :]
        if (overlap := compare(first, second)).kind != Kind.UNRELATED
    }
    assert len(exact) >= 11
    assert {(o.original, o.republished) for o in find_overlaps(documents)} == exact


def test_without_dates_the_article_crediting_a_source_republishes_the_other() -> None:
    story = BODIES[SINGLES[0]]
    credited_copy = story + "\n\nThis story was first published by Agency Wire."
    overlap = compare(Document("copy", credited_copy), Document("wire", story))
    assert (overlap.original, overlap.republished, overlap.basis) == (
        "wire",
        "copy",
        Basis.CREDIT,
    )


def test_a_figure_in_words_is_one_figure() -> None:
    assert numbers("Twenty-three campaigners were held, and forty more fled.") == {"23", "40"}


def test_a_fact_is_new_only_where_the_other_text_never_mentions_it() -> None:
    wire = "Interior Minister Aalto told Nordvik Public Radio that 23 were held."
    rewrite = "Twenty-three were held, the minister, Aalto, told Nordvik's public radio."

    assert new_share(facts(wire), mentions(rewrite)) == 0.0
    assert new_share(facts(rewrite), mentions(wire)) == 0.0


@pytest.fixture(scope="module")
def encoder() -> CachingEncoder:
    return CachingEncoder(get_embedder())


def test_it_finds_a_paraphrased_rewrite_with_sentence_vectors(encoder) -> None:
    wire = Document("wire", KARN["wire"], names=("Tesland Press Agency",))
    rewrite = Document("rewrite", KARN["rewrite"], names=("Merval Today",))
    word_shingles = fingerprint(KARN["rewrite"], shingle_size=4).shingles

    assert jaccard(fingerprint(KARN["wire"], shingle_size=4).shingles, word_shingles) < 0.1
    assert compare(wire, rewrite).kind == Kind.UNRELATED
    overlap = compare(wire, rewrite, encoder=encoder)
    assert overlap.kind == Kind.REWRITE
    assert overlap.percent >= 75


def test_a_rewrite_naming_its_source_may_retell_it_with_less(encoder) -> None:
    """Four of the wire's seven sentences recast, three of the rewriter's own that add
    no fact: a paraphrase only when it names the wire as its source."""
    kept = [s.text for s in split_sentences(KARN["rewrite"])]

    def rewrite(lead_end: str) -> Document:
        text = "\n\n".join(
            [
                kept[0][:-1] + lead_end,
                "It is the kind of failure that engineers have warned about for years.",
                kept[2],
                kept[4],
                kept[6],
                "Whether the rest of the structure is safe remains an open question.",
                "Residents say they were given little warning.",
            ]
        )
        return Document("rewrite", text, names=("Merval Today",))

    wire = Document("wire", KARN["wire"], names=("Tesland Press Agency",))

    assert compare(wire, rewrite("."), encoder=encoder).kind == Kind.UNRELATED
    overlap = compare(wire, rewrite(", the Tesland Press Agency reported."), encoder=encoder)
    assert (overlap.kind, overlap.original, overlap.basis) == (Kind.REWRITE, "wire", Basis.CREDIT)


def test_it_does_not_take_an_independent_report_of_the_event_for_a_rewrite(encoder) -> None:
    documents = [
        Document("wire", KARN["wire"]),
        Document("rewrite", KARN["rewrite"]),
        Document("own report", KARN["independent"]),
    ]

    found = {(o.original, o.republished) for o in find_overlaps(documents, encoder=encoder)}
    assert found == {("wire", "rewrite")}


def test_it_shows_which_sentences_correspond_and_what_they_share(encoder) -> None:
    early = datetime(2025, 3, 3, 9, tzinfo=UTC)
    wire = Document("wire", KARN["wire"], published_at=early)
    rewrite = Document("rewrite", KARN["rewrite"], published_at=early + timedelta(hours=2))

    overlap = compare(rewrite, wire, encoder=encoder)

    assert (overlap.original, overlap.republished) == ("wire", "rewrite")
    wire_sentences = {s.index: s.text for s in split_sentences(KARN["wire"])}
    rewrite_sentences = {s.index: s.text for s in split_sentences(KARN["rewrite"])}
    pairs = {
        (wire_sentences[p.original][:20], rewrite_sentences[p.republished][:20]): p
        for p in overlap.aligned
    }
    # In reading order, each with the facts both sentences give.
    assert [p.original for p in overlap.aligned] == sorted(p.original for p in overlap.aligned)
    assert ("Engineers from the n", "A team of national w") in pairs
    built = pairs[("The Karn dam was bui", "Built in 1964, the d")]
    assert {"1964", "2011"} <= set(built.shared)
    assert overlap.basis == Basis.PUBLISHED
    assert overlap.reasons == ("It was published 2 hours later.",)


def test_an_article_naming_the_other_outlet_takes_from_it_whatever_the_dates() -> None:
    story = BODIES[SINGLES[0]]
    noon = datetime(2025, 3, 14, 12, tzinfo=UTC)
    agency = Document("agency", story, published_at=noon, names=("Sputnik", "sputnikglobe.com"))
    copy = Document(
        "copy",
        lightly_edited(story, 1) + " An informed source told Sputnik.",
        # Wrong dates happen: a copy stamped earlier than its source.
        published_at=noon - timedelta(hours=1),
        names=("Herald",),
    )

    overlap = compare(agency, copy)

    assert (overlap.original, overlap.republished, overlap.basis) == ("agency", "copy", "credit")
    assert overlap.reasons == ("It names Sputnik: “Sputnik”.",)


def test_two_reprints_of_one_outside_source_are_siblings() -> None:
    story = BODIES[SINGLES[0]]
    first = Document("first", story + "\n\nSource: The Steppe Observer", names=("Tribune",))
    second = Document(
        "second",
        "This article first appeared in the Steppe Observer.\n\n" + lightly_edited(story, 2),
        names=("Monitor",),
    )

    overlap = compare(first, second)

    assert overlap.siblings and overlap.basis == Basis.SHARED_SOURCE
    assert overlap.common_source == "The Steppe Observer"
    [group] = text_groups([overlap])
    assert group.root is None and group.outside_source == "The Steppe Observer"
    assert group.parent == {"first": None, "second": None}


def test_two_reprints_crediting_one_source_by_name_and_by_initials_are_siblings() -> None:
    story = BODIES[SINGLES[0]]
    first = Document(
        "first",
        story + "\n\nSource: Norvik Radio Agency",
        names=("Tribune",),
    )
    second = Document(
        "second", "ORSA, March 3 (NRA) - " + lightly_edited(story, 2), names=("Monitor",)
    )

    overlap = compare(first, second)

    assert overlap.siblings and overlap.basis == Basis.SHARED_SOURCE
    assert overlap.common_source == "Norvik Radio Agency"


def test_a_chain_of_copies_hangs_each_copy_on_the_text_it_took() -> None:
    story = BODIES[SINGLES[0]]
    noon = datetime(2025, 3, 14, 12, tzinfo=UTC)
    intro = "Flooding is the talk of the region again, as a new report shows. "
    documents = [
        Document("agency", story, published_at=noon),
        Document("copy", intro + story, published_at=noon + timedelta(hours=1)),
        Document(
            "copy of copy",
            intro + " ".join(s.text for s in split_sentences(story)[:-1]),
            published_at=noon + timedelta(hours=2),
        ),
        Document("other", BODIES[SINGLES[1]], published_at=noon),
    ]

    overlaps = find_overlaps(documents)
    chosen = {(o.republished, o.original) for o in likeliest_sources(overlaps)}
    [group] = text_groups(overlaps)

    assert chosen == {("copy", "agency"), ("copy of copy", "copy")}
    assert group.root == "agency"
    assert group.parent == {"agency": None, "copy": "agency", "copy of copy": "copy"}
