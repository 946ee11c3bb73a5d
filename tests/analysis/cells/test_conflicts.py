"""compare_statements on claims aligned in one row: what contradicts the row's claim and
what only looks as if it did."""

from __future__ import annotations

import pytest

from coverage.analysis.cells import AGREE, CONTRADICT, compare_statements
from coverage.analysis.cells.conflicts import find_negation
from coverage.analysis.slots import CONFLICT, compare_slots


@pytest.mark.parametrize(
    ("claim", "statement"),
    [
        # A country and the ministry that acts for it are one doer.
        (
            "The Interior Ministry expelled Chile's consul.",
            "Peru expelled Chile's consul and closed its embassy in Santiago.",
        ),
        # "Makes" says little of who: the plant and the factory are one.
        (
            "The mill, on the river road, makes paper and cardboard for printers.",
            "The factory stands on the river road and makes paper and cardboard for printers.",
        ),
        # "Escaped unhurt": a state, not an act on a target two doers could share.
        (
            "Retired couple Ann and Per Lund escaped unhurt from their cabin in Solby.",
            "The local paper said two pensioners had escaped unhurt from their cabin.",
        ),
    ],
)
def test_another_word_for_the_same_doer_is_no_conflict(claim: str, statement: str) -> None:
    assert compare_statements(claim, statement)[0] == AGREE


def test_what_a_vessel_may_carry_is_not_what_it_carried() -> None:
    assert (
        compare_statements(
            "52 passengers and three crew were on the boat's list.",
            "The boat was licensed for 60 passengers.",
        )[0]
        == AGREE
    )
    assert (
        compare_statements(
            "The boat was licensed to carry 60 passengers.",
            "The owner said the boat carried 52 passengers, within its licensed capacity.",
        )[0]
        == AGREE
    )


def test_a_negation_the_claim_itself_quotes_is_no_conflict() -> None:
    label, _ = compare_statements(
        "It was too soon to name a culprit, but the police 'do not rule out arson'.",
        "The police chief said the police 'do not rule out arson'.",
    )
    assert label == AGREE


def test_not_this_but_that_asserts_that() -> None:
    label, _ = compare_statements(
        "The Trade Ministry rejected claims that Ostrian smugglers were behind the fraud.",
        "Investigators said the fraud was not the work of amateurs but of smugglers from Ostria.",
    )
    assert label == AGREE


def test_a_negation_of_the_report_a_claim_hangs_on_denies_nothing_it_asserts() -> None:
    """The claim's "if a report is to be believed" is its condition, not what it says."""
    claim = (
        "Velmar has been training rebels in the Ruva valley, if a report in the Dalby Post "
        "is to be believed."
    )
    assert (
        find_negation("Velmar's foreign ministry has not commented on the report.", claim) is None
    )
    assert find_negation(
        "Velmar has not trained any rebels, its foreign ministry said.", claim
    ) == ("not trained")


def test_a_negation_about_the_subject_alone_is_no_conflict() -> None:
    """Sharing only the subject, "the dam was not damaged" says nothing of its capacity."""
    label, _ = compare_statements(
        "The dam was built to hold 40 million cubic metres.",
        "The operator said the dam was not damaged and held 38 million cubic metres.",
    )
    assert label == AGREE


def test_another_verb_denied_for_other_participants_is_no_conflict() -> None:
    label, _ = compare_statements(
        "The militia has sent a number of its recruits to train with Ostrian officers.",
        '"Ostria has never supplied them with arms," a ministry spokesman said.',
    )
    assert label == AGREE


def test_there_was_no_such_thing_contradicts() -> None:
    label, reason = compare_statements(
        "The blackout was caused by a storm.",
        "Forecasters said there had been no storm over the region that night.",
    )
    assert label == CONTRADICT
    assert "no storm" in reason


@pytest.mark.parametrize(
    "statement",
    [
        "Peruvian jets bombed a Chilean convoy near the border.",
        "A Chilean convoy was bombed by Peruvian jets.",
        "Officials in Lima said Peruvian aircraft had bombed a Chilean supply convoy.",
    ],
)
def test_the_sides_of_doer_and_target_swapped_contradict(statement: str) -> None:
    label, reason = compare_statements("Chilean jets bombed a Peruvian convoy.", statement)
    assert label == CONTRADICT
    assert reason.startswith("Chilean jets bombed Peruvian convoy vs Peruvian")


@pytest.mark.parametrize(
    "statement",
    [
        "Chilean jets bombed the Peruvian convoy at dawn.",
        "Peruvian officials said Chilean jets bombed a convoy.",
        "Chilean jets bombed a convoy of Peruvian trucks.",
    ],
)
def test_the_same_sides_do_not_contradict(statement: str) -> None:
    assert compare_statements("Chilean jets bombed a Peruvian convoy.", statement)[0] == AGREE


@pytest.mark.parametrize(
    ("claim", "statement", "reason"),
    [
        (
            "The climbers were rescued near Lake Vira.",
            "The climbers were rescued on Friday on a ridge far from Lake Vira.",
            "near Lake Vira vs far from Lake Vira",
        ),
        (
            "The lorry was found in Kessby.",
            "Police said the lorry was found in a lay-by 40 kilometres from Kessby.",
            "in Kessby vs 40 kilometres from Kessby",
        ),
    ],
)
def test_the_same_act_well_away_from_the_claims_place_contradicts(
    claim: str, statement: str, reason: str
) -> None:
    assert compare_statements(claim, statement) == (CONTRADICT, reason)


def test_a_short_distance_from_the_claims_place_is_near_it() -> None:
    label, _ = compare_statements(
        "The lorry was found near Kessby.", "The lorry was found two kilometres from Kessby."
    )
    assert label == AGREE


@pytest.mark.parametrize(
    ("claim", "statement", "reason"),
    [
        (
            "Harlow Foods bought the Dene bakery chain.",
            "Harlow Foods has sold the Dene bakery chain to a rival for 80 million euros.",
            "bought vs sold",
        ),
        (
            "Councillor Ada Moss supported the parking plan.",
            "Councillor Ada Moss voted against the parking plan on Monday.",
            "supported vs voted against",
        ),
        (
            "Ivo Brandt confessed to setting the warehouse fire.",
            "Ivo Brandt, who is accused of setting the warehouse fire, denies any part in it.",
            "confessed vs denies",
        ),
        (
            "The flood at the city archive destroyed most of its records.",
            "The flood at the city archive ruined the basement, but most of the records were "
            "saved, the archivist said.",
            "destroyed vs saved",
        ),
        (
            "The march through Kell was peaceful.",
            "The march through Kell turned violent in the evening, police said.",
            "was peaceful vs turned violent",
        ),
    ],
)
def test_an_opposite_act_by_the_same_doer_contradicts(
    claim: str, statement: str, reason: str
) -> None:
    assert compare_statements(claim, statement) == (CONTRADICT, reason)


def test_a_sale_told_from_the_buyers_side_agrees() -> None:
    label, _ = compare_statements(
        "The Halden Group bought the Dorn brewery from Marlow Holdings.",
        "Marlow Holdings sold the Dorn brewery to the Halden Group for 40 million euros.",
    )
    assert label == AGREE


@pytest.mark.parametrize(
    ("statement", "reason"),
    [
        (
            "The blaze started in the attic, not in the kitchen as neighbours first thought.",
            "in the kitchen vs 'not in the kitchen'",
        ),
        (
            "The fire started in the garage rather than in the kitchen, the fire service said.",
            "in the kitchen vs 'rather than in the kitchen'",
        ),
    ],
)
def test_the_claims_spot_set_aside_in_words_contradicts(statement: str, reason: str) -> None:
    assert compare_statements("The fire started in the kitchen.", statement) == (
        CONTRADICT,
        reason,
    )


def test_another_spot_set_aside_is_no_conflict() -> None:
    label, _ = compare_statements(
        "The fire started in the kitchen.",
        "The fire started in the kitchen, not in the living room.",
    )
    assert label == AGREE


def test_the_same_place_well_away_on_both_sides_agrees() -> None:
    claim = "The fire started near the hamlet of Vell, some way from Orsa."
    statement = "The fire started near the hamlet of Vell, some way from Orsa, officials said."
    assert compare_statements(claim, statement)[0] == AGREE


def test_not_until_a_later_time_contradicts_the_earlier_time() -> None:
    assert compare_statements(
        "The first ambulances reached the crash site at about 3.10pm.",
        "Witnesses said the first ambulances did not arrive until after 5pm.",
    ) == (CONTRADICT, "about 3.10pm vs 5pm")


def test_not_until_the_same_day_agrees() -> None:
    assert (
        compare_statements(
            "The missing boy was found on Friday.", "The missing boy was not found until Friday."
        )[0]
        == AGREE
    )


def test_the_time_of_another_verb_for_the_act_by_someone_else_is_not_compared() -> None:
    comparison = compare_slots(
        "The first rescue boats reached the island at about 4.40pm.",
        '"Nobody could have foreseen this," the minister said in Tolla, where he arrived on '
        "Sunday night.",
    )
    assert comparison.verdict != CONFLICT


def test_a_part_of_a_group_written_in_words_is_not_the_whole() -> None:
    label, _ = compare_statements(
        "One of the nine judges, Justice Ada Lind, wanted to dismiss the case.",
        "Eight of the nine judges voted to hear the case, while Justice Ada Lind wanted "
        "to dismiss it.",
    )
    assert label == AGREE


def test_a_claim_about_an_earlier_event_is_not_contradicted_by_the_present_one() -> None:
    label, _ = compare_statements(
        "The town's last major flood, in 1998, killed 40 people.",
        "Nine people died in the flood that hit the town on Monday, officials said.",
    )
    assert label == AGREE


def test_last_week_dates_the_event_itself() -> None:
    label, _ = compare_statements(
        "Its drones killed three soldiers at a checkpoint near Orsk last week.",
        "Officials say its drones killed seven soldiers at a checkpoint near Orsk.",
    )
    assert label == CONTRADICT


def test_distances_between_places_are_not_counts() -> None:
    comparison = compare_slots(
        "Orsa lies about 60 kilometres north of the capital, Veld.",
        "The epicentre lay near the town of Halm, about 25 kilometres from Orsa.",
    )
    assert comparison.verdict != CONFLICT


def test_a_radius_around_a_place_is_still_a_figure() -> None:
    assert compare_statements(
        "Homes within two kilometres of the depot were evacuated.",
        "Homes within six kilometres of the depot were evacuated.",
    ) == (CONTRADICT, "2 kilometres vs 6 kilometres")


def test_where_the_epicentre_lay_is_where_the_quake_was_centred() -> None:
    comparison = compare_slots(
        "The quake was centred near the village of Orsa.",
        "Seismologists said the epicentre lay near the town of Brill, 30 kilometres from Orsa.",
    )
    assert comparison.verdict == CONFLICT
    assert comparison.reasons[0].startswith("near Orsa vs")


def test_a_denial_of_the_act_does_not_contradict_its_dated_and_counted_details() -> None:
    """Denying the shipment says nothing of when or how many of it: a detail claim is
    left to the outlets that give it."""
    claim = "The rifles, including about 30 sniper rifles, were shipped between May and July."
    denial = "The ministry rejected reports that its agents had shipped rifles to the rebels."
    assert compare_statements(claim, denial)[0] == AGREE
    assert compare_statements("Its agents shipped rifles to the rebels.", denial)[0] == CONTRADICT


def test_a_denial_with_the_claims_figure_contradicts_it() -> None:
    label, _ = compare_statements(
        "Its agents shipped 400 rifles to the rebels.",
        "The ministry denied that its agents had shipped 400 rifles to the rebels.",
    )
    assert label == CONTRADICT


def test_a_count_of_the_armed_group_contradicts_under_another_label() -> None:
    """Outlets name one armed group by their stance ("gunmen", "terrorists", "rebels"):
    a toll of it under another label is still its toll."""
    label, reason = compare_statements(
        "Five of the gunmen were killed in the raid.",
        "Nine terrorists were killed in the raid, the ministry said.",
    )
    assert (label, reason) == (CONTRADICT, "5 gunmen vs 9 terrorists")


@pytest.mark.parametrize(
    "statement",
    [
        "A 5.2-magnitude earthquake struck the island of Vell on Monday night.",
        "An earthquake of magnitude 5.2 struck the island of Vell on Monday night.",
    ],
)
def test_another_magnitude_for_the_quake_contradicts(statement: str) -> None:
    label, reason = compare_statements(
        "The earthquake that struck the island of Vell had a magnitude of 6.4.", statement
    )
    assert (label, reason) == (CONTRADICT, "magnitude 6.4 vs magnitude 5.2")


def test_the_same_magnitude_written_otherwise_agrees() -> None:
    label, _ = compare_statements(
        "The earthquake that struck the island of Vell had a magnitude of 6.4.",
        "A magnitude-6.4 earthquake struck the island of Vell on Monday night.",
    )
    assert label == AGREE


def test_losing_a_bid_for_something_is_losing_it() -> None:
    label, reason = compare_statements(
        "Governor Ana Lusk won re-election in Varna.",
        "Governor Ana Lusk lost her bid for re-election on Sunday, conceding to her rival.",
    )
    assert (label, reason) == (CONTRADICT, "won vs lost")


def test_claiming_responsibility_for_an_attack_claims_it() -> None:
    label, _ = compare_statements(
        "No group has claimed responsibility for the bombing.",
        "A separatist group claimed the bombing in a statement on Friday.",
    )
    assert label == CONTRADICT


def test_another_group_claiming_responsibility_contradicts() -> None:
    label, _ = compare_statements(
        "The Green Valley movement claimed responsibility for the bombing in Tarsk.",
        "A militia calling itself Iron Wolf claimed responsibility on Monday for the bombing in"
        " Tarsk.",
    )
    assert label == CONTRADICT


def test_a_state_in_progress_on_another_day_is_no_conflict() -> None:
    """Queues, waits and fires in progress may hold on several days; acts are dated once."""
    label, _ = compare_statements(
        "Fifty lorries were queuing at the Brask crossing on Monday.",
        "About 50 lorries were queuing to cross at Brask on Tuesday, customs officers said.",
    )
    assert label == AGREE
    label, reason = compare_statements(
        "The lorry overturned at the Brask crossing on Monday.",
        "The lorry overturned at the Brask crossing on Tuesday.",
    )
    assert (label, reason) == (CONTRADICT, "Monday vs Tuesday")


@pytest.mark.parametrize(
    ("claim", "statement"),
    [
        # Opposite acts at times that cannot be told apart as one: both may hold.
        (
            "The bridge opened in 1971.",
            "The Kestrel Bridge in Port Averly was closed to all traffic on Friday morning.",
        ),
        (
            "The bridge opened in 1971.",
            "Residents woke on Friday to find the Kestrel Bridge closed to all traffic.",
        ),
        # Staying shut for six weeks is reopening in six weeks.
        (
            'The bridge would remain shut for "around six weeks" while the pier is reinforced.',
            "The ministry expects to reopen the bridge in about six weeks.",
        ),
        (
            "The bridge would remain shut for around six weeks while the pier is reinforced.",
            "The bridge will reopen in about six weeks.",
        ),
        # A demand that something be done says nothing of whether it was.
        (
            "The ministry has not published the inspection report.",
            "Mayor Tomas Elling demanded that the Ministry of Transport publish the full "
            "inspection report, which it has so far withheld.",
        ),
        # Those still in hospital a day later are a part of those hurt, not another count.
        (
            "Two people, one of them a police officer with a broken wrist, were still being "
            "treated on Saturday morning.",
            "Twelve people, including two police officers, were injured and taken to hospital.",
        ),
        # Doing more from one day is not doing it on another.
        (
            "The city ferry operator doubled its crossings across the Averly Narrows from "
            "Saturday morning.",
            "Port Averly's ferry operator added extra crossings on Friday afternoon.",
        ),
        # A state that goes on after the act that began it.
        (
            "The Kestrel Bridge was closed to all traffic on Friday morning.",
            "The Kestrel Bridge remained closed on Saturday, a day after its sudden shutdown.",
        ),
        (
            'The bridge would remain shut for "around six weeks" while the pier is reinforced.',
            "The bridge will be reopened in about six weeks.",
        ),
        (
            "Two people were still being treated on Saturday morning.",
            "The city ambulance service said it had treated 12 people for injuries.",
        ),
    ],
)
def test_statements_that_can_both_hold_are_no_conflict(claim: str, statement: str) -> None:
    assert compare_statements(claim, statement) == (
        AGREE,
        "states the row's claim in its own words",
    )
    assert compare_statements(statement, claim)[0] == AGREE


@pytest.mark.parametrize(
    ("claim", "statement"),
    [
        ("The port reopened on Thursday.", "The port stayed closed on Thursday."),
        ("The council approved the plan.", "The council did not approve the plan."),
        ("Twelve people were injured.", "At least 30 people were injured."),
        # A state has one start.
        (
            "The Front has been fighting government forces since 2016.",
            "The Front has fought government forces since 2018.",
        ),
        # More still in hospital than were ever hurt.
        ("At least 46 people were being treated in hospital.", "31 people had been injured."),
    ],
)
def test_the_same_act_at_the_same_time_still_conflicts(claim: str, statement: str) -> None:
    assert compare_statements(claim, statement)[0] == CONTRADICT


def test_none_else_negates_nothing() -> None:
    # "No one else": none besides the victims the outlet has just named.
    assert find_negation("No one else had been hurt.") is None
    assert find_negation("Nobody else was injured in the blast.") is None
    assert find_negation("No one was hurt.") is not None


@pytest.mark.parametrize(
    "text",
    [
        '"If this goes on all summer, some of us will not reopen," one trader said.',
        "The ship may not have been overloaded.",
        '"These are not looters. They are families fetching what is left," the mayor said.',
    ],
)
def test_a_conditional_or_possible_negation_denies_nothing(text: str) -> None:
    assert find_negation(text) is None


def test_unaccounted_for_counts_the_missing() -> None:
    assert compare_statements("Seven people are missing.", "Nine people are unaccounted for.") == (
        CONTRADICT,
        "7 missing vs 9 missing",
    )
    assert compare_statements("Nine people are missing.", "Nine are unaccounted for.")[0] == AGREE


def test_a_negated_act_on_another_thing_is_no_conflict() -> None:
    """Not releasing the audit report says nothing against releasing a summary of it."""
    label, reason = compare_statements(
        "The council has released a summary of the audit on its website.",
        "The council has not released the audit report, and residents are angry.",
    )
    assert label == AGREE, reason
    label, _ = compare_statements(
        "A summary of the audit has been released.", "The audit report has not been released."
    )
    assert label == AGREE


def test_a_negated_act_on_the_same_thing_contradicts() -> None:
    label, _ = compare_statements(
        "The council released the audit report on its website.",
        "The council has not released the report on its website, residents say.",
    )
    assert label == CONTRADICT


@pytest.mark.parametrize(
    "statement",
    [
        "The depot did not turn away a single lorry that night, its manager said.",
        "The depot did not turn away drivers that night, its manager said.",
    ],
)
def test_a_negated_act_on_any_at_all_or_on_people_still_contradicts(statement: str) -> None:
    label, _ = compare_statements("The depot turned away people after the fire.", statement)
    assert label == CONTRADICT


def test_the_claims_doer_set_aside_for_another_contradicts() -> None:
    label, reason = compare_statements(
        "The harbour master ordered the quay closed.",
        "It was the mayor, not the harbour master, who ordered the quay closed on Monday.",
    )
    assert (label, reason) == (CONTRADICT, "the mayor, not the harbour master")


def test_another_of_the_claims_thing_numbered_otherwise_is_no_conflict() -> None:
    claim = "Kesto Foods opened its second bakery in Arlen in October."
    other_bakery = "Kesto Foods opened its first bakery in Arlen in March."
    same_bakery = "Kesto Foods opened its second bakery in Arlen in March."
    assert compare_statements(claim, other_bakery)[0] == AGREE
    assert compare_statements(claim, same_bakery)[0] == CONTRADICT


def test_another_town_for_the_act_with_the_claims_town_set_apart_contradicts() -> None:
    claim = "Norra Steel will open its new rolling mill in Vessby."
    set_apart = (
        "Norra Steel will open its new rolling mill in Ardal, after Vessby was turned down "
        "for want of land."
    )
    maybe_inside = "Norra Steel will open its new rolling mill in Ardal."
    assert compare_statements(claim, set_apart)[0] == CONTRADICT
    assert compare_statements(claim, maybe_inside)[0] == AGREE


@pytest.mark.parametrize(
    ("claim", "statement"),
    [
        (
            "The lava flow reached the harbour of Teno.",
            "The lava came to a halt some 300 metres short of the harbour, volcanologists said.",
        ),
        (
            "The ruling party won a majority in the assembly.",
            "The ruling party fell four seats short of a majority in the assembly.",
        ),
    ],
)
def test_what_the_act_reaches_said_to_be_short_of_it_contradicts(
    claim: str, statement: str
) -> None:
    assert compare_statements(claim, statement)[0] == CONTRADICT


def test_short_of_something_else_is_no_conflict() -> None:
    label, _ = compare_statements(
        "The lava flow reached the harbour of Teno.",
        "The lava flow reached the harbour, stopping just short of the fuel depot.",
    )
    assert label == AGREE


def test_a_refusal_of_the_claims_act_in_other_words_contradicts() -> None:
    label, reason = compare_statements(
        "Governor Aldren pardoned the imprisoned poet Mira Sand.",
        "Governor Aldren has refused to grant Sand a pardon, despite a petition signed by "
        "thousands.",
    )
    assert label == CONTRADICT
    assert "refused" in reason


def test_a_refusal_of_something_else_is_no_conflict() -> None:
    label, _ = compare_statements(
        "Governor Aldren pardoned the imprisoned poet Mira Sand.",
        "Governor Aldren pardoned Mira Sand but refused to answer questions about the case.",
    )
    assert label == AGREE


def test_a_figure_of_a_side_clause_does_not_keep_a_denial_from_answering_the_claim() -> None:
    label, reason = compare_statements(
        "The board's decision was not unanimous (five of six voted for the cut).",
        "The decision was unanimous, according to the bank's statement.",
    )
    assert (label, reason) == (CONTRADICT, "was not unanimous vs was unanimous")


# Denials without a "not": a refutation verb or phrase whose object or complement is the
# claim, a judgement of the claim as false, or no sign of it.
@pytest.mark.parametrize(
    ("claim", "statement"),
    [
        (
            "Police arrested two men over the attack.",
            "Police ruled out arresting anyone over the attack.",
        ),
        (
            "The company misled investors about its debts.",
            "The company dismissed as baseless claims that it misled investors.",
        ),
        (
            "The ministry paid the contractor twice.",
            "The ministry described the claim that it paid the contractor twice as a fabrication.",
        ),
        (
            "The fire was started deliberately.",
            "Investigators said there was nothing to suggest the fire was started deliberately.",
        ),
        (
            "The fire was started deliberately.",
            "There is no evidence to suggest that the fire was started deliberately.",
        ),
    ],
)
def test_a_denial_without_a_not_contradicts_the_claim_it_takes(claim: str, statement: str) -> None:
    assert compare_statements(claim, statement)[0] == CONTRADICT


@pytest.mark.parametrize(
    ("claim", "statement"),
    [
        # What is ruled out or dismissed is another act than the claim's.
        (
            "Police arrested two men over the attack.",
            "Police ruled out a link between the attack and the earlier fire.",
        ),
        (
            "The fire was started deliberately.",
            "There was nothing to suggest that anyone had been inside the building.",
        ),
        # A denial of the denial confirms.
        (
            "Police arrested two men over the attack.",
            "Police did not rule out further arrests after two men were arrested.",
        ),
    ],
)
def test_a_denial_of_something_else_is_no_conflict(claim: str, statement: str) -> None:
    assert compare_statements(claim, statement)[0] == AGREE


def test_the_claims_doer_denying_any_wrongdoing_contradicts() -> None:
    label, reason = compare_statements(
        "The mayor took bribes from the developer.", "The mayor denied any wrongdoing."
    )
    assert label == CONTRADICT
    assert "denied" in reason


def test_another_party_denying_wrongdoing_is_no_conflict() -> None:
    label, _ = compare_statements(
        "The mayor took bribes from the developer.", "The developer denied any wrongdoing."
    )
    assert label == AGREE


def test_a_report_dismissed_as_false_contradicts_the_claim_it_made() -> None:
    label, reason = compare_statements(
        "The ministry paid the contractor twice, according to an audit report.",
        "The ministry called the report pure invention.",
    )
    assert label == CONTRADICT
    assert "invention" in reason


def test_a_rejected_figure_contradicts_the_claims_figure() -> None:
    label, reason = compare_statements(
        "About 40,000 people took part in the march, organisers said.",
        "Officials rejected the organisers' figure for the march.",
    )
    assert label == CONTRADICT
    assert "figure" in reason


@pytest.mark.parametrize(
    ("claim", "statement"),
    [
        ("The driver was seriously hurt in the crash.", "The driver walked away unhurt."),
        ("The driver escaped unharmed from the crash.", "The driver was badly injured."),
    ],
)
def test_unhurt_and_hurt_of_one_person_contradict(claim: str, statement: str) -> None:
    assert compare_statements(claim, statement)[0] == CONTRADICT


def test_unhurt_and_hurt_of_different_people_is_no_conflict() -> None:
    label, _ = compare_statements(
        "The driver was seriously hurt in the crash.", "A passenger walked away unhurt."
    )
    assert label == AGREE


def test_flights_resumed_against_flights_suspended_contradicts() -> None:
    label, _ = compare_statements(
        "Flights at the airport resumed on Tuesday.",
        "Flights at the airport were suspended on Tuesday.",
    )
    assert label == CONTRADICT


def test_an_act_ruled_out_in_a_complement_is_denied_not_speculative() -> None:
    label, _ = compare_statements(
        "Police arrested the fuel truck's driver.",
        "Police have ruled out arresting the truck's driver.",
    )
    assert label == CONTRADICT


@pytest.mark.parametrize(
    "statement",
    [
        "The carrier said reports of earlier brake faults were pure invention.",
        "Claims of a brake fault on the aircraft were dismissed as baseless by the carrier.",
    ],
)
def test_reports_of_the_claims_thing_judged_false_contradict(statement: str) -> None:
    label, _ = compare_statements("The aircraft had a brake fault on Monday.", statement)
    assert label == CONTRADICT


def test_reports_of_another_thing_judged_false_are_no_conflict() -> None:
    label, _ = compare_statements(
        "The aircraft had a brake fault on Monday.",
        "The carrier said reports of a strike by its pilots were pure invention.",
    )
    assert label == AGREE


def test_a_thing_said_to_work_against_its_failure_contradicts() -> None:
    label, _ = compare_statements(
        "The runway lights failed shortly before the landing.",
        "The airport insisted that its runway lights had worked throughout the landing.",
    )
    assert label == CONTRADICT


def test_failing_to_do_something_is_no_opposite_of_working() -> None:
    label, _ = compare_statements(
        "The negotiators failed to reach a deal on Friday.",
        "The negotiators worked through the night on Friday.",
    )
    assert label == AGREE


def test_services_resumed_at_a_place_said_to_stay_closed_contradict() -> None:
    label, reason = compare_statements(
        "Halden airport stayed closed on Wednesday.",
        "Normal flights resumed at Halden on Wednesday afternoon, the airport said.",
    )
    assert label == CONTRADICT
    assert "resumed" in reason


@pytest.mark.parametrize(
    "statement",
    [
        # Another day: both may hold.
        "Normal flights resumed at Halden on Friday.",
        # Another place.
        "Normal flights resumed at Torvik on Wednesday afternoon.",
        # Not what runs there.
        "Talks resumed at Halden on Wednesday afternoon.",
    ],
)
def test_resumed_elsewhere_or_later_is_no_conflict(statement: str) -> None:
    label, _ = compare_statements("Halden airport stayed closed on Wednesday.", statement)
    assert label == AGREE


def test_escaped_without_injury_against_hurt_contradicts() -> None:
    label, _ = compare_statements(
        "The driver was seriously injured.", "The driver escaped without injury."
    )
    assert label == CONTRADICT


def test_lighting_said_to_work_against_lights_failing_contradicts() -> None:
    label, _ = compare_statements(
        "The runway lights failed shortly before the landing.",
        "The airport insisted that its runway lighting had worked throughout the landing.",
    )
    assert label == CONTRADICT


def test_nothing_escaped_against_released_contradicts() -> None:
    label, _ = compare_statements(
        "Toxic substances were released by the fire.",
        "The company insisted that no toxic substances had escaped.",
    )
    assert label == CONTRADICT


@pytest.mark.parametrize(
    "statement",
    [
        "Investigators have found no link between the vaccine and the deaths of two infants.",
        "The agency ruled out any link between the vaccine and the infants' deaths.",
    ],
)
def test_no_link_between_a_cause_and_its_effect_contradicts(statement: str) -> None:
    label, _ = compare_statements("The vaccine caused the deaths of two infants.", statement)
    assert label == CONTRADICT


def test_no_link_between_other_things_is_no_conflict() -> None:
    label, _ = compare_statements(
        "The vaccine caused the deaths of two infants.",
        "Investigators have found no link between the vaccine and a rash reported in Corva.",
    )
    assert label == AGREE


def test_a_court_dismissing_a_claim_is_no_denial_that_it_was_made() -> None:
    label, _ = compare_statements(
        "The family filed a claim against the council over the flooding.",
        "The court dismissed the claim.",
    )
    assert label == AGREE
