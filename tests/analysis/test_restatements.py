"""Restatements: rows that state one claim in other words merge; different claims do not.

Every test runs the real MiniLM embeddings and the real spaCy parse behind the slots.
"""

from __future__ import annotations

from coverage.analysis.align import AlignedRow, ArticleClaim
from coverage.analysis.embeddings import get_embedder
from coverage.analysis.pipeline import ArticleInput, FixedRow, analyse_articles
from coverage.analysis.restatements import (
    align_to_fixed_rows,
    merge_denials,
    merge_restatements,
    restated_in_cells,
)
from tests.analysis.test_align import make_claim


def one_row_each(*statements: tuple[int, str]) -> tuple[list[AlignedRow], list[ArticleClaim]]:
    """Each (article, sentence) as a row of its own, as alignment left them."""
    claims = [
        ArticleClaim(article, make_claim(text, index=position))
        for position, (article, text) in enumerate(statements)
    ]
    rows = [
        AlignedRow(text=text, members=(i,), canonical=i) for i, (_, text) in enumerate(statements)
    ]
    return rows, claims


def merged(
    *statements: tuple[int, str],
    read_acts: bool = False,
    people_groups: dict[str, int] | None = None,
) -> list[AlignedRow]:
    rows, claims = one_row_each(*statements)
    embeddings = get_embedder().encode([item.claim.core for item in claims])
    encoder = get_embedder() if read_acts else None
    return merge_restatements(
        rows, claims, embeddings, encoder=encoder, people_groups=people_groups
    )


def test_it_merges_a_paraphrase_that_shares_no_key_word_but_its_subject() -> None:
    (row,) = merged((0, "The air was being tested."), (1, "The air quality was being monitored."))
    assert row.members == (0, 1)
    assert row.conflicting == frozenset()


def test_it_merges_restatements_of_one_figure() -> None:
    (row,) = merged(
        (0, "About 1,500 people joined the protest at the gate."),
        (1, "About 1,500 rioters took part in the disturbances."),
    )
    assert row.members == (0, 1)


def test_counts_of_one_group_called_by_two_nouns_merge_as_conflict() -> None:
    """Where the event's wording joins "families" and "encroachers" into one group, their
    counts are one count stated differently; without that, two nouns count two things."""
    statements = (
        (0, "Some 400 landless families occupied fallow land on the Orlec estate."),
        (1, "Fewer than 150 encroachers are on the Orlec estate, the ministry said."),
    )
    assert len(merged(*statements)) == 2
    (row,) = merged(*statements, people_groups={"family": 0, "encroacher": 0})
    assert row.members == (0, 1)
    assert row.conflicting == frozenset({1})
    assert len(merged(*statements, people_groups={"family": 0, "encroacher": 1})) == 2


def test_it_merges_one_claim_stated_with_another_figure_and_marks_the_conflict() -> None:
    rows = merged(
        (0, "Nine people died when the ferry capsized on Sunday."),
        (1, "Fourteen people died."),
        (2, "Nine people were killed when the ferry capsized."),
    )
    rows = [row for row in rows if 1 in row.members]
    (row,) = rows
    assert set(row.members) >= {0, 1}
    assert row.text.startswith("Nine people")
    assert row.conflicting == frozenset({1})


def test_main_verbs_that_report_one_act_in_other_words_merge() -> None:
    (row,) = merged(
        (0, "A ransomware attack has knocked Ostmark Regional Hospital offline."),
        (1, "The attack disabled the computer systems of Ostmark Regional Hospital."),
        read_acts=True,
    )
    assert row.members == (0, 1)
    (row,) = merged(
        (0, "More than 40 people had been rescued."),
        (1, "In all, 47 people were pulled alive from the water."),
        read_acts=True,
    )
    assert row.conflicting == frozenset()


def test_two_acts_of_one_event_in_other_verbs_stay_apart() -> None:
    rows = merged(
        (0, "Dozens of relatives gathered outside the offices of the operator."),
        (1, "The minister met relatives of the victims."),
        read_acts=True,
    )
    assert len(rows) == 2


def test_two_wordings_of_one_sentence_in_the_same_outlets_are_one_row() -> None:
    texts = [
        "Even so, a Haldovian tabloid accused Varkanian military intelligence of organising "
        "the attack.",
        "Even so, the Evening Flash accused Varkanian military intelligence of organising "
        "the attack.",
    ]
    claims = [ArticleClaim(0, make_claim(text, index=4)) for text in texts]
    rows = [AlignedRow(text=text, members=(i,), canonical=i) for i, text in enumerate(texts)]
    embeddings = get_embedder().encode(texts)
    assert len(merge_restatements(rows, claims, embeddings)) == 1
    # From two sentences of the outlet, they are two claims it made.
    claims = [ArticleClaim(0, make_claim(text, index=i)) for i, text in enumerate(texts)]
    assert len(merge_restatements(rows, claims, embeddings)) == 2


def test_figures_two_parties_give_are_not_one_count_stated_differently() -> None:
    rows = merged(
        (0, "The union is demanding a 12 percent pay rise for dockworkers."),
        (1, "The port authority is offering dockworkers a 4 percent pay rise."),
    )
    assert len(rows) == 2


def test_it_keeps_a_detail_only_one_outlet_gives_apart() -> None:
    rows = merged(
        (0, "Rescuers pulled survivors from the lake."),
        (1, "Rescuers pulled 47 survivors from the lake, many of them by fishing boats."),
    )
    assert len(rows) == 2


def test_it_keeps_two_claims_of_one_outlet_apart() -> None:
    rows = merged((0, "The air was being tested."), (0, "The air quality was being monitored."))
    assert len(rows) == 2


def test_it_keeps_different_claims_about_one_event_apart() -> None:
    rows = merged(
        (0, "Around 300 firefighters were working along the ridge."),
        (1, "The fire was sparked by a lightning strike on the ridge."),
        (2, "The rebels received drones in exchange for prisoners."),
        (3, "The rebels received fighters in exchange for training."),
        (4, "Six people died in the earthquake on Thursday."),
        (5, "The last deadly earthquake, in 1987, killed 23 people."),
    )
    assert len(rows) == 6


def test_it_keeps_a_sentence_whose_main_clause_says_something_else_apart() -> None:
    rows = merged(
        (0, "The ferry was licensed for 70 passengers."),
        (1, "The Marta Vell, licensed to carry just 70 passengers, rolled over in seconds."),
    )
    assert len(rows) == 2


def test_the_pipeline_shows_a_paraphrase_as_one_row_that_both_outlets_agree_with() -> None:
    result = analyse_articles(
        [
            ArticleInput("a", "Wire", "Plant fire", "The air was being tested."),
            ArticleInput(
                "b",
                "Local",
                "Plant fire",
                "Environment agency teams were measuring the air around the plant all night.",
            ),
        ]
    )
    (row,) = result.assertions
    assert [cell.label for cell in row.cells] == ["agree", "agree"]


def test_claims_that_restate_a_row_people_made_join_it_and_the_rest_stay_rows() -> None:
    rows, claims = one_row_each(
        (0, "Environment agency teams were measuring the air around the plant all night."),
        (1, "The air was being tested."),
        (1, "Roads around the plant will stay shut on Thursday."),
    )
    embedder = get_embedder()
    fixed, left = align_to_fixed_rows(
        rows,
        claims,
        embedder.encode([item.claim.core for item in claims]),
        ["Officials were checking the air quality."],
        embedder.encode(["Officials were checking the air quality."]),
    )
    (own,) = fixed
    assert (own.text, own.members, own.canonical) == (
        "Officials were checking the air quality.",
        (0, 1),
        -1,
    )
    assert [row.text for row in left] == ["Roads around the plant will stay shut on Thursday."]


def test_the_pipeline_fills_a_row_people_made_after_its_own_rows() -> None:
    result = analyse_articles(
        [
            ArticleInput("a", "Wire", "Plant fire", "The air was being tested near the plant."),
            ArticleInput(
                "b", "Local", "Plant fire", "Roads near the plant will stay shut on Thursday."
            ),
        ],
        fixed_rows=[
            FixedRow("17", "The air near the plant was being tested."),
            FixedRow("18", "A worker died."),
        ],
    )
    *own_rows, air, died = result.assertions
    assert [row.text for row in own_rows] == ["Roads near the plant will stay shut on Thursday."]
    assert (air.fixed_key, [c.label for c in air.cells]) == ("17", ["agree", "silent"])
    assert (died.fixed_key, [c.label for c in died.cells]) == ("18", ["silent", "silent"])


def test_it_merges_one_appointment_stated_with_other_verbs_on_the_same_calendar_date() -> None:
    (row,) = merged(
        (0, "The next rate decision is due on September 18."),
        (1, "Policymakers will next meet on 18 September."),
    )
    assert row.members == (0, 1)


def test_a_shared_weekday_is_no_anchor_for_two_different_verbs() -> None:
    rows = merged(
        (0, "Talks between the union and the port resumed on Friday."),
        (1, "Dockworkers blocked the main gate of the port on Friday."),
    )
    assert len(rows) == 2


def test_it_merges_a_lede_that_its_outlet_repeats_and_keeps_one_claim_per_article() -> None:
    rows = merged(
        (0, "Riot police fired rubber bullets at protesters outside parliament on Friday."),
        (0, "Police fired rubber bullets."),
        (1, "Police fired rubber bullets."),
    )
    (row,) = rows
    assert row.members == (0, 2) or row.members == (1, 2)


def test_an_outlet_that_names_an_agent_once_keeps_the_named_detail_apart() -> None:
    rows = merged(
        (0, "The Kessler Battalion ran the training."),
        (0, "A unit ran the training at a camp near the river."),
        (1, "A unit ran the training at a camp near the river."),
    )
    assert len(rows) == 2


def test_an_outlet_that_says_two_things_of_one_subject_keeps_both_rows() -> None:
    rows = merged(
        (0, "The pilot survived."),
        (0, "The pilot was being questioned by police."),
        (1, "The pilot was being questioned by police."),
    )
    assert len(rows) == 2


def test_a_denial_and_a_report_of_one_act_by_a_differently_named_doer_merge_as_conflict() -> None:
    rows = merged(
        (0, "The council had not paid a ransom."),
        (1, "Council bosses had quietly paid the hackers a ransom."),
    )
    (row,) = rows
    assert row.members == (0, 1)
    assert len(row.conflicting) == 1


def test_two_named_doers_of_one_act_stay_apart_even_with_opposite_polarity() -> None:
    rows = merged(
        (0, "Valmont Holdings did not buy the shipyard."),
        (1, "Kessler Group bought the shipyard."),
    )
    assert len(rows) == 2


def test_one_count_worded_with_another_noun_and_a_looser_figure_merges() -> None:
    (row,) = merged(
        (0, "Officers arrested 52 people."),
        (1, "More than 50 protesters were detained."),
    )
    assert row.members == (0, 1)
    assert row.conflicting == frozenset()


def test_a_figure_of_the_same_thing_with_another_verb_merges_when_it_agrees() -> None:
    (row,) = merged(
        (0, "About 4,100 hectares had burned by Friday."),
        (1, "More than 4,000 hectares have gone up in smoke."),
    )
    assert row.members == (0, 1)
    assert row.conflicting == frozenset()


def test_people_counted_in_one_act_with_another_figure_merge_as_conflict() -> None:
    rows = merged(
        (0, "Police arrested 45 people."),
        (1, "Police arrested 45 people on Friday."),
        (2, "Police detained 12 protesters."),
    )
    (row,) = [row for row in rows if 2 in row.members]
    assert row.members == (0, 1, 2)
    assert row.conflicting == frozenset({2})


def test_a_magnitude_stated_with_another_figure_merges_as_conflict() -> None:
    rows = merged(
        (0, "The institute measured the earthquake at magnitude 6.0."),
        (1, "The quake had a magnitude of 5.2."),
    )
    (row,) = rows
    assert row.members == (0, 1)
    assert len(row.conflicting) == 1


def test_one_individual_and_a_distance_are_no_count_that_another_row_restates() -> None:
    rows = merged(
        (0, "Twenty officers were injured."),
        (1, "One officer needed stitches after being hit in the face."),
        (2, "The village lies about 40 kilometres north of the capital."),
        (3, "The epicentre was about 15 kilometres from the village."),
    )
    assert len(rows) == 4


def test_counts_of_two_kinds_of_thing_stay_apart() -> None:
    rows = merged(
        (0, "Twenty-four police officers were injured."),
        (1, "About 40 strikers were injured."),
    )
    assert len(rows) == 2


def test_a_toll_wrapped_in_a_long_sentence_merges_as_conflict_with_a_short_one() -> None:
    (row,) = merged(
        (0, "At least 15 people have been killed."),
        (1, "Eight people lost their lives in the flood that swept through the valley on Monday."),
    )
    assert row.members == (0, 1)
    assert row.conflicting == frozenset({1})


def test_a_merged_conflict_says_which_figures_differ() -> None:
    rows = merged(
        (0, "Police arrested 45 people."),
        (1, "Police arrested 45 people on Friday."),
        (2, "Police detained 12 protesters."),
    )
    (row,) = [row for row in rows if 2 in row.members]
    ((member, reason),) = row.conflict_reasons
    assert member == 2 and "45" in reason and "12 protesters" in reason


def test_the_pipeline_shows_a_toll_stated_far_apart_as_one_row_in_conflict() -> None:
    result = analyse_articles(
        [
            ArticleInput("a", "Wire", "Flood", "At least 15 people have been killed."),
            ArticleInput("b", "Radio", "Flood", "At least 15 people died in the flood."),
            ArticleInput(
                "c",
                "Tribune",
                "Flood",
                "Eight people lost their lives in the flood that swept through the valley on "
                "Monday.",
            ),
        ]
    )
    (row,) = result.assertions
    assert [cell.label for cell in row.cells] == ["agree", "agree", "contradict"]
    assert "15" in row.cells[2].reason and "8" in row.cells[2].reason


def test_counts_of_two_acts_stay_apart_however_close_the_wording() -> None:
    rows = merged(
        (0, "Police arrested 45 people."),
        (1, "Eighteen police officers were injured."),
        (2, "More than 40 protesters were detained."),
        (3, "About 2,000 protesters took part in the march."),
        (4, "More than 90 firefighters fought the blaze overnight."),
        (5, "The factory employs 350 people."),
    )
    assert sorted(row.members for row in rows) == [(0, 2), (1,), (3,), (4,), (5,)]


def test_a_figure_of_the_same_noun_far_from_another_with_other_verbs_is_another_count() -> None:
    rows = merged(
        (0, "More than 2,000 hectares of forest have gone up in smoke."),
        (1, "The national park covers about 9,000 hectares of forest."),
    )
    assert len(rows) == 2


def rows_with(rows: list[AlignedRow], member: int) -> AlignedRow:
    (row,) = [row for row in rows if member in row.members]
    return row


def denials_merged(*rows: tuple[tuple[int, str], ...]) -> list[AlignedRow]:
    """merge_denials over rows given as their (article, sentence) members, the first the
    row's wording."""
    claims = [
        ArticleClaim(article, make_claim(text, index=0))
        for members in rows
        for article, text in members
    ]
    aligned, start = [], 0
    for members in rows:
        aligned.append(
            AlignedRow(
                text=members[0][1],
                members=tuple(range(start, start + len(members))),
                canonical=start,
            )
        )
        start += len(members)
    return merge_denials(aligned, claims)


def test_a_denial_of_an_act_joins_the_row_that_states_it_as_conflict() -> None:
    rows = denials_merged(
        (
            (0, "Two dock workers were arrested outside the customs office."),
            (1, "Two dock workers have been arrested."),
        ),
        ((2, "Nobody has been arrested over the protest."),),
    )
    (row,) = rows
    assert row.members == (0, 1, 2)
    assert row.text.startswith("Two dock workers")
    assert row.conflicting == frozenset({2})
    assert dict(row.conflict_reasons)[2] == "denies: 'Nobody has been arrested over the protest.'"


def test_the_pipeline_rows_show_a_denial_that_a_thing_acted_in_the_row_it_acts_in() -> None:
    rows = merged(
        (0, "The roof was brought down by a gas explosion in the basement."),
        (1, "The warehouse roof was brought down by an explosion."),
        (2, "There was no explosion at the warehouse, the owner insisted."),
    )
    row = rows_with(rows, 2)
    assert 1 in row.members
    assert 2 in row.conflicting


def test_a_denial_about_another_participant_of_the_same_act_stays_apart() -> None:
    rows = denials_merged(
        ((0, "Every school in the district closed on Monday."),),
        ((1, "The coastal motorway was not closed."),),
        ((2, "Three fishermen were rescued from the bay."),),
        ((3, "No one was rescued from the bay."),),
    )
    assert [row.members for row in rows] == [(0,), (1,), (2, 3)]


def test_a_denial_of_a_manner_does_not_deny_the_act() -> None:
    rows = denials_merged(
        ((0, "The warehouse fire started shortly after midnight."),),
        ((1, "Rumours that the fire was started deliberately are false."),),
        ((2, "Two guards were injured in the blaze."),),
        ((3, "Nobody was injured."),),
    )
    assert [row.members for row in rows] == [(0,), (1,), (2, 3)]


def test_a_no_before_a_thing_with_an_act_of_its_own_stays_apart() -> None:
    rows = denials_merged(
        ((0, "Hundreds of families were moved out of the valley overnight."),),
        ((1, "No family will be left without a roof, the mayor promised."),),
        ((2, "It was not clear who fired the first shot."),),
        ((3, "Soldiers were sent in to clear the road."),),
        ((4, "There has been no rain in the valley since March."),),
        ((5, "The blaze started in a timber yard."),),
        ((6, "The bridge was destroyed by a flood."),),
        ((7, "There was no flood."),),
    )
    assert [row.members for row in rows] == [(0,), (1,), (2,), (3,), (4,), (5,), (6, 7)]


def test_an_outlet_that_states_and_denies_one_act_keeps_both_rows() -> None:
    rows = denials_merged(
        (
            (0, "Two dock workers were arrested outside the customs office."),
            (1, "Two dock workers have been arrested."),
        ),
        ((1, "Nobody has been arrested over the protest."),),
        ((2, "Three fishermen were rescued from the bay."),),
        ((3, "No one was rescued from the bay."),),
    )
    assert [row.members for row in rows] == [(0, 1), (2,), (3, 4)]


def test_a_thing_dismissed_as_an_excuse_or_a_myth_denies_the_row_it_acts_in() -> None:
    rows = denials_merged(
        ((0, "The warehouse roof was brought down by an explosion."),),
        ((1, "Forget the explosion excuse offered by the owners."),),
        ((2, "Firefighters were hampered by strong wind."),),
        ((3, "The sabotage story is a myth."),),
    )
    assert [row.members for row in rows] == [(0, 1), (2,), (3,)]
    assert rows[0].conflicting == frozenset({1})


def test_a_team_sent_and_a_team_dispatched_are_one_claim() -> None:
    (row,) = merged(
        (0, "Vennland's environment agency had sent a team to Brenmoor."),
        (1, "A team from the national environment agency has been dispatched to the town."),
    )
    assert row.members == (0, 1)


def test_a_crowd_counted_with_another_verb_and_another_figure_merges_as_conflict() -> None:
    """No casualty count, so the crowd is one count whatever the verbs ("joined",
    "gathered"), when the wordings are close."""
    (row,) = merged(
        (0, "About 1,500 people joined the protest at the gate."),
        (1, "More than 3,000 strikers and their families had gathered at the gate."),
    )
    assert row.members == (0, 1)
    assert len(row.conflicting) == 1


def test_a_figure_of_a_subordinate_clause_is_no_detail_that_keeps_the_main_claim_apart() -> None:
    (row,) = merged(
        (0, "Masked raiders stormed the Kellby water treatment works before sunrise on Friday."),
        (
            1,
            "Raiders stormed the Kellby water treatment works before sunrise on Friday, "
            "holding 9 engineers for most of the day.",
        ),
    )
    assert row.members == (0, 1)
    assert row.conflicting == frozenset()


def test_a_claim_with_a_figure_moves_from_a_row_it_does_not_restate_to_the_row_of_its_figure() -> (
    None
):
    claims = [
        ArticleClaim(0, make_claim("Grain prices are rising faster than traders feared.", index=0)),
        ArticleClaim(1, make_claim("Grain prices have already climbed 7 percent.", index=1)),
        ArticleClaim(2, make_claim("Grain prices climbed 7 percent in June.", index=2)),
    ]
    rows = [
        AlignedRow(text=claims[0].claim.core, members=(0, 1), canonical=0),
        AlignedRow(text=claims[2].claim.core, members=(2,), canonical=2),
    ]
    embeddings = get_embedder().encode([item.claim.core for item in claims])
    result = merge_restatements(rows, claims, embeddings)
    by_canonical = {row.canonical: row for row in result}
    assert by_canonical[2].members == (1, 2)
    assert by_canonical[0].members == (0,)


def test_a_denial_of_an_act_named_by_its_noun_joins_the_row_of_those_who_did_it() -> None:
    rows = denials_merged(
        (
            (0, "Poachers are roaming the flooded reserve at night."),
            (1, "Poachers are roaming the flooded reserve."),
        ),
        ((2, "There had been no poaching in the reserve, the warden said."),),
    )
    (row,) = rows
    assert row.members == (0, 1, 2)
    assert row.conflicting == frozenset({2})
    # A noun that only looks like a doer's ("no power", "powerful winds") is no such act.
    rows = denials_merged(
        ((0, "Strong winds cut power lines across the valley."),),
        ((1, "There was no snow in the valley."),),
    )
    assert len(rows) == 2


def test_a_tabloid_rewording_of_who_did_it_and_to_whom_is_one_claim() -> None:
    (row,) = merged(
        (0, "Police arrested nine people after a brawl at the depot gate on Monday."),
        (1, "Cops arrested 9 of the squatters after a brawl at the depot gate."),
    )
    assert row.members == (0, 1)
    assert row.conflicting == frozenset()
    (row,) = merged(
        (0, "The trawler's captain was detained by the coastguard."),
        (1, "The coastguard detained the trawler's skipper."),
    )
    assert row.members == (0, 1)


def test_a_figure_written_as_more_than_the_others_merges_without_a_conflict() -> None:
    """Reporters write "more than 250" for a source's "250"; the cells read them as one
    count, so the row merging must not mark them as conflicting either."""
    (row,) = merged(
        (0, "More than 250 drones were delivered to the rebels in May."),
        (1, "250 drones were delivered to the rebels in May."),
    )
    assert row.members == (0, 1)
    assert row.conflicting == frozenset()


def test_one_count_told_with_other_verbs_merges_a_little_further_apart() -> None:
    (row,) = merged(
        (0, "Rescuers freed all 9 workers unharmed around noon."),
        (1, "Every one of the 9 miners walked out of the shaft unhurt."),
    )
    assert row.members == (0, 1)
    assert row.conflicting == frozenset()


def test_one_act_on_the_same_thing_in_another_verb_merges_a_little_further_apart() -> None:
    (row,) = merged(
        (0, "Court bailiffs served the closure order at the yard on Monday morning."),
        (1, "Court officers delivered the order to the occupied farm on Monday."),
    )
    assert row.members == (0, 1)


def test_a_claim_moves_to_a_row_it_restates_about_as_closely_as_its_own() -> None:
    claims = [
        ArticleClaim(
            0, make_claim("The museum employs around 200 people in the old town.", index=0)
        ),
        ArticleClaim(
            1,
            make_claim(
                "Employing around 200 people in the old town, the museum has closed its doors "
                "to visitors.",
                index=1,
            ),
        ),
        ArticleClaim(2, make_claim("The museum has shut its doors to visitors.", index=2)),
    ]
    rows = [
        AlignedRow(text=claims[0].claim.core, members=(0, 1), canonical=0),
        AlignedRow(text=claims[2].claim.core, members=(2,), canonical=2),
    ]
    embeddings = get_embedder().encode([item.claim.core for item in claims])
    by_canonical = {row.canonical: row for row in merge_restatements(rows, claims, embeddings)}
    assert by_canonical[2].members == (1, 2)
    assert by_canonical[0].members == (0,)


def test_a_row_whose_outlet_another_rows_cell_quotes_for_its_claim_restates_that_row() -> None:
    statements = [
        (0, "The company blamed the failure on exceptional rainfall."),
        (1, "The operator blamed the collapse on exceptional rainfall."),
        (2, "The dam's operator put the collapse down to what it called exceptional rain."),
        (2, "Nine homes were flooded and the school was closed."),
        (3, "The school was closed."),
    ]
    claims = [
        ArticleClaim(article, make_claim(text, index=position))
        for position, (article, text) in enumerate(statements)
    ]
    # The last outlet's one sentence holds two claims, the flooding and the school.
    claims.append(ArticleClaim(2, make_claim("The school was closed.", index=3)))
    rows = [
        AlignedRow(text=statements[0][1], members=(0, 1), canonical=0),
        AlignedRow(text=statements[2][1], members=(2,), canonical=2),
        AlignedRow(text=statements[4][1], members=(4, 5), canonical=4),
        AlignedRow(text=statements[3][1], members=(3,), canonical=3),
    ]
    whole = (0, len(statements[2][1]))
    # The cells of the rain row quote the third outlet's rain sentence; those of the
    # school row quote its sentence with two claims.
    quoted = [
        {0: (0, 55), 1: (0, 56), 2: whole},
        {2: whole},
        {2: (0, len(statements[3][1])), 3: (0, 22)},
        {2: (0, len(statements[3][1]))},
    ]
    vectors = get_embedder().encode([row.text for row in rows])
    assert restated_in_cells(rows, claims, quoted, vectors) == {1}
    # A row people made may quote, but is never dropped.
    assert restated_in_cells(rows, claims, quoted, vectors, own_rows=1) == set()
