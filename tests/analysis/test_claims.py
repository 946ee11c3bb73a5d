"""Claim detection: what counts as a checkable assertion, and how compound sentences split."""

from __future__ import annotations

from coverage.analysis.claims import extract_claims


def texts(text: str, **kwargs) -> list[str]:
    return [claim.text for claim in extract_claims(text, **kwargs)]


def test_it_drops_questions_furniture_fragments_and_opinion() -> None:
    text = (
        "Is Ukraine training militants in Syria? Read Full Article at RT.com. Big news. "
        "We believe this is a disgrace. Stop the war now. "
        "Government forces repelled the advance near Aleppo on Friday."
    )
    assert texts(text) == ["Government forces repelled the advance near Aleppo on Friday."]


def test_it_drops_a_headline_repeated_in_the_body() -> None:
    title = "Numerous Ukrainians Allegedly Training Militants in Syria, Reports Media"
    text = f"{title}\nReports indicate that instructors from Ukraine have arrived in Idlib."
    assert texts(text, title=title) == [
        "Reports indicate that instructors from Ukraine have arrived in Idlib."
    ]


def test_it_splits_coordinated_clauses_with_their_own_subjects() -> None:
    claims = extract_claims(
        "According to Al-Watan, the instructors arrived on Wednesday, and the militants "
        "received drone components."
    )
    assert [claim.text for claim in claims] == [
        "According to Al-Watan, the instructors arrived on Wednesday.",
        "According to Al-Watan, the militants received drone components.",
    ]
    assert all(claim.attributed_to == "Al-Watan" for claim in claims)
    assert [claim.core for claim in claims] == [
        "The instructors arrived on Wednesday.",
        "The militants received drone components.",
    ]


def test_it_repeats_a_shared_subject_so_each_claim_stands_alone() -> None:
    assert texts("Police arrested two men on Monday and charged them with arson.") == [
        "Police arrested two men on Monday.",
        "Police charged them with arson.",
    ]


def test_it_keeps_coordinated_verbs_of_one_clause_together() -> None:
    text = "The source said militants assemble and upgrade drones in Idlib workshops."
    assert texts(text) == [text]


def test_claims_point_at_their_sentence_and_carry_its_hedging() -> None:
    text = (
        "The Kyiv Post reports that Ukraine’s military intelligence provided tactical training "
        "to some Islamist groups.\n\nThe training, reportedly based on tactics used in the "
        "conflict with Russia, included drone operation."
    )
    first, second = extract_claims(text)
    assert text[first.sentence_start : first.sentence_end] == first.text
    assert first.attributed_to == "the Kyiv Post"
    assert first.core == (
        "Ukraine’s military intelligence provided tactical training to some Islamist groups."
    )
    assert (second.sentence_index, second.hedged, second.cues) == (1, True, ("reportedly",))
    assert second.core == (
        "The training, based on tactics used in the conflict with Russia, included drone operation."
    )


def test_it_returns_nothing_for_text_without_claims() -> None:
    assert extract_claims("") == []
    assert extract_claims("Advertisement") == []
