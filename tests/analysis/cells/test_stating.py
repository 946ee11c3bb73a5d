"""Whether a window states the claim: its act must be there, not only its event.

Real models on our own sentences: a sentence about the same event and participants
that reports another act is silent, and one that rewords the act still agrees.
"""

from __future__ import annotations

import pytest

from coverage.analysis.cells import AGREE, SILENT, CellDecision, decide_cell
from coverage.analysis.cells.model import CellConfig
from coverage.analysis.cells.stating import each_sentence_adds
from coverage.analysis.embeddings import CachingEncoder, get_embedder


@pytest.fixture(scope="module")
def encoder() -> CachingEncoder:
    return CachingEncoder(get_embedder())


def decide(encoder: CachingEncoder, claim: str, *sentences: str) -> CellDecision:
    return decide_cell(claim, list(sentences), encoder=encoder)


def test_it_is_silent_when_the_sentence_reports_another_act_on_the_event(encoder) -> None:
    decision = decide(
        encoder,
        "The fire at the Corran Street bus depot was started deliberately.",
        "A fire gutted the bus depot on Corran Street early on Sunday, sending thick "
        "smoke across the harbour.",
        "Firefighters spent six hours bringing the blaze under control.",
    )
    assert decision.label == SILENT
    assert decision.evidence == ()
    assert decision.reason == "does not report 'started'"


def test_it_is_silent_when_the_same_person_is_said_to_do_something_else(encoder) -> None:
    decision = decide(
        encoder,
        "The skipper of the trawler Miranda was arrested.",
        "The skipper of the trawler Miranda was questioned by coastguard officers on "
        "Friday after the trawler ran aground off Kell Point.",
    )
    assert decision.label == SILENT
    assert decision.reason == "does not report 'arrested'"


def test_a_close_verb_without_the_claims_object_is_not_the_claims_act(encoder) -> None:
    decision = decide(
        encoder,
        "Mayor Tove Lind has taken personal charge of the clean-up after Sunday's flood in Arvel.",
        "Mayor Tove Lind said on Sunday that the flood in Arvel had killed two people.",
    )
    assert decision.label == SILENT
    assert decision.reason == "does not report 'taken personal charge of the clean-up'"


def test_a_light_verb_claim_needs_the_words_of_its_complement(encoder) -> None:
    decision = decide(
        encoder,
        "The sailor missing off Kell Point was an experienced seaman.",
        "Coastguard boats resumed the search on Monday for a sailor missing off Kell "
        "Point since his dinghy capsized on Saturday.",
    )
    assert decision.label == SILENT
    assert decision.reason == "does not say 'experienced'"


def test_where_a_thing_lies_is_not_stated_by_what_happened_to_it(encoder) -> None:
    decision = decide(
        encoder,
        "The yacht that sank off Kell Point sits on a sandbank.",
        "The yacht sank off Kell Point on Saturday after striking rocks in a storm.",
    )
    assert decision.label == SILENT
    assert decision.reason == "does not say 'sandbank'"


def test_a_light_verb_is_not_matched_by_any_other_light_verb(encoder) -> None:
    decision = decide(
        encoder,
        "The yacht that sank off Kell Point sits on a sandbank.",
        "The yacht that sank off Kell Point on Saturday is a total loss, its owner said.",
    )
    assert decision.label == SILENT
    assert decision.reason == "does not say 'sandbank'"


def test_a_reworded_act_still_agrees(encoder) -> None:
    decision = decide(
        encoder,
        "The mayor of Ostby resigned on Tuesday.",
        "Ostby's mayor, Ines Holm, quit her post on Tuesday after a long row with the "
        "council over the budget.",
    )
    assert decision.label == AGREE
    assert decision.evidence == (0,)


def test_an_act_reworded_with_its_objects_still_agrees(encoder) -> None:
    decision = decide(
        encoder,
        "Taxi drivers blocked the ring road in Velmar with their cabs.",
        "Hundreds of taxi drivers parked their cabs across the ring road in Velmar on "
        "Monday morning, bringing traffic to a halt for most of the day.",
    )
    assert decision.label == AGREE
    assert decision.evidence == (0,)


def test_a_verb_close_enough_by_itself_needs_no_object(encoder) -> None:
    decision = decide(
        encoder,
        "The flood in Arvel forced hundreds of people to leave their homes.",
        "Some 400 residents fled streets along the river in Arvel on Monday as the flood "
        "waters rose.",
    )
    assert decision.label == AGREE
    assert decision.evidence == (0,)


def test_a_phrasal_verb_of_the_same_act_agrees(encoder) -> None:
    decision = decide(
        encoder,
        "The hearing on the Selby quarry licence was postponed.",
        "The county board has put off its hearing on the Selby quarry licence until "
        "the spring, saying it needs more time to read the objections.",
    )
    assert decision.label == AGREE
    assert decision.evidence == (0,)


def test_a_boat_that_rolled_over_capsized(encoder) -> None:
    decision = decide(
        encoder,
        "A fishing boat capsized near the mouth of the Dunmore estuary.",
        "A fishing boat rolled over in heavy swell near the mouth of the Dunmore estuary "
        "on Friday, throwing its crew of three into the water.",
    )
    assert decision.label == AGREE
    assert decision.evidence == (0,)


def test_a_verb_of_another_act_on_the_same_thing_stays_silent(encoder) -> None:
    decision = decide(
        encoder,
        "The hearing on the Selby quarry licence was postponed.",
        "The county board has called off its hearing on the Selby quarry licence, saying "
        "the objections had been withdrawn.",
    )
    assert decision.label == SILENT
    assert decision.reason == "does not report 'postponed'"


def test_a_vague_count_does_not_give_the_claims_figure(encoder) -> None:
    decision = decide(
        encoder,
        "The port handled 42 million tonnes of cargo last year.",
        "Dozens of ships are stranded off the port with millions of krone of cargo in their holds.",
    )
    assert decision.label == SILENT
    assert decision.reason == "does not give 42 million tonnes"


def test_a_pair_counts_only_when_each_sentence_gives_something_of_the_claim(encoder) -> None:
    claim = "Sarvenia has been massing troops near the border for weeks."
    first = "Sarvenia has been massing troops near the border."
    config = CellConfig()
    assert each_sentence_adds(
        claim, [first, "The build-up has gone on for weeks."], encoder, config
    )
    assert not each_sentence_adds(
        claim, [first, "Wheat prices rose again at the market in Dalny."], encoder, config
    )


# "Claimed" with an object names the act in its object: the words of "a series of drone
# attacks" must be there, not only the group and its enemy.
CLAIMED_ATTACKS = (
    "The Osmani Front has claimed a series of drone attacks on Veltrian army positions "
    "since the spring."
)


def test_a_claimed_attack_is_not_stated_by_the_group_fighting_on(encoder) -> None:
    decision = decide(
        encoder,
        CLAIMED_ATTACKS,
        "The Osmani Front has been fighting Veltrian government forces in Osmania since 2016.",
    )
    assert decision.label == SILENT
    assert decision.reason == "does not say 'series'"


def test_a_claimed_attack_is_not_stated_by_drones_sold_to_the_group(encoder) -> None:
    decision = decide(
        encoder,
        CLAIMED_ATTACKS,
        "Smugglers have sold more than 300 drones to the Osmani Front, a rebel group "
        "fighting the Veltrian government, the Tarn agency reported on Monday.",
    )
    assert decision.label == SILENT


def test_a_claimed_attack_reworded_still_agrees(encoder) -> None:
    decision = decide(
        encoder,
        CLAIMED_ATTACKS,
        "Since the spring, the Osmani Front has said it was behind a series of drone "
        "attacks on Veltrian army positions.",
    )
    assert decision.label == AGREE


def test_a_hedged_claim_is_stated_by_what_is_said_of_them_not_by_the_saying(encoder) -> None:
    decision = decide(
        encoder,
        "Guards are said to be too tired to stop the smugglers.",
        '"These are not smugglers.',
    )
    assert decision.label == SILENT
    assert decision.reason == "does not say 'tired'"


def test_a_hedged_claim_reworded_still_agrees(encoder) -> None:
    decision = decide(
        encoder,
        "Guards are said to be too tired to stop the smugglers.",
        "The guards are too exhausted to stop the smugglers, residents say.",
    )
    assert decision.label == AGREE


def test_a_detail_of_an_act_reported_in_other_words_must_be_given(encoder) -> None:
    decision = decide(
        encoder,
        "The Nordhavn ferry rolled over in seconds in front of stunned tourists on the quay.",
        "The ferry Nordhavn overturned two kilometres off the port of Lisk on Sunday.",
    )
    assert decision.label == SILENT
    assert decision.reason == "does not say 'seconds'"


def test_an_act_reported_in_other_words_with_its_details_still_agrees(encoder) -> None:
    decision = decide(
        encoder,
        "The Nordhavn ferry rolled over in seconds in front of stunned tourists on the quay.",
        "In front of stunned tourists on the quay, the Nordhavn ferry overturned within seconds.",
    )
    assert decision.label == AGREE


# A denial of a neighbouring act: the ministry denies delivering rifles, not the swap.
SWAPPING = (
    "Velmar's army has been swapping rifles for hostages with a rebel group in the Ruva valley."
)


def test_a_denied_act_does_not_state_the_claim(encoder) -> None:
    decision = decide(
        encoder,
        SWAPPING,
        "Velmar's Defence Ministry on Monday rejected reports that Velmarian troops had "
        'delivered more than 300 rifles to rebel groups in the Ruva valley, calling them "pure '
        'invention".',
    )
    assert decision.label == SILENT


def test_the_same_act_reported_not_denied_still_agrees(encoder) -> None:
    decision = decide(
        encoder,
        SWAPPING,
        "Velmarian troops have delivered more than 300 rifles to rebel groups in the Ruva "
        "valley in exchange for hostages, the report said.",
    )
    assert decision.label == AGREE


def test_a_negated_window_still_states_a_claim_that_says_no(encoder) -> None:
    decision = decide(
        encoder,
        "Neither account of the raid could be independently confirmed.",
        "The Dalby Post could not independently verify the account of the raid.",
    )
    assert decision.label == AGREE


MASSING = "Velmar has been massing troops near the border for several weeks."


def test_another_named_doers_act_does_not_state_the_claim(encoder) -> None:
    decision = decide(
        encoder,
        MASSING,
        "Ostrian troops crossed the border at about 10 p.m. on Friday and attacked the "
        "Velmarian border post at Rook Ford, the Defence Ministry said.",
        "Three Velmarian border guards were killed and two were wounded repelling the attackers.",
    )
    assert decision.label == SILENT


def test_the_claims_doer_named_by_its_people_still_agrees(encoder) -> None:
    decision = decide(
        encoder,
        MASSING,
        "Velmarian troops have been gathering near the border for several weeks, the "
        "Defence Ministry said.",
    )
    assert decision.label == AGREE


def test_a_noun_named_without_its_kind_still_states_the_claim(encoder) -> None:
    """'the tram' leaves unsaid what kind of tram the claim's 'night tram' is; it does not
    name another kind, so the window states the claim."""
    decision = decide(
        encoder,
        "A night tram derailed in the centre of Ostby on Friday.",
        "A tram derailed in the centre of Ostby on Friday, injuring four passengers.",
    )
    assert decision.label == AGREE


def test_a_noun_of_another_kind_does_not_state_the_claim(encoder) -> None:
    decision = decide(
        encoder,
        "The cargo terminal at Brell harbour remains closed.",
        "The passenger terminal at Brell harbour remains closed after the storm.",
    )
    assert decision.label == SILENT
    assert decision.reason == "does not say 'cargo'"
