"""Hedging and attribution on sentences from the seed articles, with and without a parse."""

from __future__ import annotations

import pytest

from coverage.analysis.hedging import cites_only_itself, detect_hedging, hedge_reach
from coverage.analysis.nlp import get_nlp


def parsed(text: str):
    return detect_hedging(text, get_nlp()(text))


@pytest.mark.parametrize("detect", [parsed, detect_hedging], ids=["parse", "regex"])
def test_it_flags_reportedly(detect) -> None:
    hedging = detect(
        "The training, reportedly based on tactics used in the conflict with Russia, "
        "included drone operation."
    )
    assert hedging.hedged
    assert "reportedly" in hedging.cues
    assert hedging.attributed_to is None


@pytest.mark.parametrize("detect", [parsed, detect_hedging], ids=["parse", "regex"])
def test_it_names_the_newspaper_after_according_to(detect) -> None:
    hedging = detect(
        "Ukrainian instructors arrived in Idlib, according to the Syrian newspaper Al-Watan."
    )
    assert hedging.hedged
    assert "according to" in hedging.cues
    assert hedging.attributed_to == "Al-Watan"


@pytest.mark.parametrize("detect", [parsed, detect_hedging], ids=["parse", "regex"])
def test_it_names_the_newspaper_after_as_noted_by(detect) -> None:
    hedging = detect(
        "Reports indicate that a contingent of instructors from Ukraine has arrived in Syria's "
        "Idlib province to provide training to militants from the Hayat Tahrir al-Sham terrorist "
        "organization, as noted by the Syrian newspaper Al-Watan on Wednesday."
    )
    assert hedging.hedged
    assert hedging.attributed_to == "Al-Watan"
    assert "reports indicate" in hedging.cues


def test_it_lists_every_source_in_a_chain() -> None:
    hedging = parsed(
        "This development has also been covered by Russia’s RIA Novosti, which referenced a "
        "source within Syria."
    )
    assert hedging.hedged
    assert hedging.attributed_to == "RIA Novosti"
    assert hedging.sources == ("RIA Novosti", "a source within Syria")


def test_it_names_the_outlet_and_the_source_it_cited() -> None:
    hedging = parsed("The Kyiv Post cited Islamist social media as its source.")
    assert hedging.attributed_to == "the Kyiv Post"
    assert hedging.sources == ("the Kyiv Post", "Islamist social media")


def test_it_strips_titles_and_descriptions_from_speakers() -> None:
    assert (
        parsed(
            "Russian Deputy Foreign Minister Sergey Ryabkov said the US controls Kiev."
        ).attributed_to
        == "Sergey Ryabkov"
    )
    assert (
        parsed("According to a Sunday Kyiv Post article, the unit trained militants.").attributed_to
        == "Kyiv Post"
    )


@pytest.mark.parametrize("detect", [parsed, detect_hedging], ids=["parse", "regex"])
def test_it_flags_an_anonymous_passive_without_naming_anyone(detect) -> None:
    hedging = detect(
        "It has been claimed that the two have been discussing the recruitment of fighters."
    )
    assert hedging.hedged
    assert hedging.cues == ("it has been claimed",)
    assert hedging.attributed_to is None


@pytest.mark.parametrize("detect", [parsed, detect_hedging], ids=["parse", "regex"])
@pytest.mark.parametrize(
    "sentence",
    [
        "Government forces have since repelled the advance, with Russian and Syrian airstrikes "
        "targeting the militants.",
        "The Russian military has not reported major attacks or significant losses in Syria "
        "recently.",
    ],
)
def test_it_leaves_plain_statements_of_fact_unhedged(detect, sentence: str) -> None:
    assert detect(sentence).hedged is False


def test_it_does_not_read_a_possessive_as_a_speaker() -> None:
    hedging = parsed("The Khimik Group’s alleged Syria activity is ongoing.")
    assert hedging.cues == ("alleged",)
    assert hedging.attributed_to is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents living near the plant were told to keep their windows and doors shut.",
        "The government declared a 30-day state of emergency in the valley.",
        "The bank cut its key rate on Thursday, citing a faster-than-expected fall in inflation.",
        "Neither account could be independently verified.",
        "Dark smoke could be seen rising above the houses.",
        "The Flash can reveal that thousands of private medical files have been stolen.",
        "No injuries have been reported.",
        "Furious families besieged the firm's offices, screaming for answers.",
        "Police recorded the arrests on Monday.",
        "Engineers reported cracks in the wall of the dam to its owner in March.",
        "The court rejected the appeal on Monday.",
        "The bodies will be flown home on Thursday, and the President has declared Friday a "
        "day of national mourning.",
        "The bridge collapsed in the storm, and the operator reported the damage to police.",
        # Nobody, or no speaker, says it; an order or a proceeding is an act.
        "No group has claimed responsibility for the bombing.",
        "The company did not deny the leak.",
        "The flood claimed twelve lives.",
        "The mayor called a meeting for Friday.",
        "A militia calling itself Red Hand claimed responsibility for the bombing.",
        "Parliament rejected the new mining law on Wednesday.",
        "Voters narrowly rejected a plan to merge the two towns.",
        "The governor ordered an evacuation of the valley.",
    ],
)
def test_an_act_or_the_outlets_own_statement_is_not_hedged(sentence: str) -> None:
    assert not parsed(sentence).hedged


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker"),
    [
        ("Syrian President Bashar Assad vowed to defeat the terrorists.", "vowed", "Bashar Assad"),
        (
            "Mali’s foreign minister called for UN Security Council action against Ukraine.",
            "called",
            "Mali’s foreign minister",
        ),
        ("Officials have denied similar reports in the past.", "denied", "Officials"),
        (
            "The ministry urged citizens not to share unverified casualty figures on social media.",
            "urged",
            "the ministry",
        ),
        ("The rebels claimed the attack on Tuesday evening.", "claimed", "the rebels"),
        (
            "The group blamed weak demand for parts used in diesel cars.",
            "blamed",
            "the group",
        ),
        ("The militia has owned up to a string of drone strikes.", "owned", "the militia"),
        ("The union is demanding a 9 percent pay rise.", "demanding", "the union"),
        ("Police told residents to keep their windows shut.", "told", "Police"),
        ("Officers asked people to stay away from the site.", "asked", "Officers"),
        ("The governor promised a full inquiry into the sinking.", "promised", "the governor"),
        (
            "The ministry rejected reports that its forces had delivered drones.",
            "rejected",
            "the ministry",
        ),
    ],
)
def test_a_speakers_speech_act_is_hedged(sentence: str, cue: str, speaker: str) -> None:
    """The lead's ruling: a claim that is itself what a speaker said (claimed, denied,
    demanded, urged, promised) is the speaker's, which the outlet passes on."""
    hedging = parsed(sentence)
    assert hedging.hedged
    assert cue in hedging.cues
    assert hedging.attributed_to == speaker


def test_a_speech_act_covers_its_own_clause_only() -> None:
    doc = get_nlp()("The union demanded a raise, and the port closed for a week.")
    covered, frames = hedge_reach(doc, placed_only=True)
    assert " ".join(t.text for t in doc if t.i in covered) == "demanded a raise"
    assert " ".join(t.text for t in doc if t.i in frames) == "The union"


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Fire chiefs fear the flames will reach the town by tonight.", "fear"),
        (
            "Campaigners called for an inquiry, saying the smoke contained toxic compounds.",
            "saying",
        ),
        ("The deliveries took place in summer, the informant was quoted as saying.", "quoted"),
        ("The bank's chief hinted that more cuts are on the way.", "hinted"),
        # Told whom, with what was told in the sentence before.
        ("She told reporters in Kellow.", "told"),
        ("The bank cut its rate, citing an unnamed source at the ministry.", "citing"),
        ("The Seismological Institute measured the quake at magnitude 5.8.", "measured"),
        ("Dravonia puts its own losses at three soldiers.", "puts"),
        ('"The crew kept taking money," sobbed a passenger.', "sobbed"),
        # A closing frame the parser hangs off the last noun, or whose speaker it loses.
        (
            "The unit delivered more than 200 rifles to the rebels in exchange for eight "
            "captured soldiers, a source in the region told Glasník.",
            "told",
        ),
        (
            "The two statues stolen from the gallery are worth about 9 million euros, the "
            "gallery's owner, Marta Lind, told reporters on Monday.",
            "told",
        ),
        # A party's denial is its position, passed on.
        (
            "The ministry on Friday rejected reports in foreign media that its troops had "
            "crossed the border.",
            "rejected",
        ),
        (
            'The minister dismissed higher tolls circulating online as "irresponsible '
            'speculation".',
            "dismissed",
        ),
        ("The company denied any involvement in the leak.", "denied"),
        ("The driver pleaded not guilty and denies any involvement in the crash.", "denies"),
    ],
)
def test_a_belief_or_report_of_someone_else_is_hedged(sentence: str, cue: str) -> None:
    hedging = parsed(sentence)
    assert hedging.hedged
    assert cue in hedging.cues


@pytest.mark.parametrize("detect", [parsed, detect_hedging], ids=["parse", "regex"])
def test_it_flags_a_report_to_be_believed_and_the_official_line(detect) -> None:
    assert detect(
        "Tessaria has been arming a militia, if a new report from state media is to be believed."
    ).hedged
    assert detect("Officially, Dravonia puts its own losses at three soldiers.").hedged


def reach(sentence: str) -> tuple[str, str]:
    doc = get_nlp()(sentence)
    covered, frames = hedge_reach(doc)
    return (
        " ".join(token.text for token in doc if token.i in covered and not token.is_punct),
        " ".join(token.text for token in doc if token.i in frames and not token.is_punct),
    )


def test_an_attribution_reaches_only_the_clause_it_reports() -> None:
    assert reach("The plant closed on Monday, and the workers said they would strike.") == (
        "they would strike",
        "the workers said",
    )
    assert reach("Nine people died when the ferry capsized, police said.")[0] == (
        "Nine people died when the ferry capsized"
    )
    # A relative clause set off by commas describes the subject in the outlet's own voice.
    assert reach("The dockers, who walked out on Monday, want more pay, the union said.") == (
        "The dockers want more pay",
        "the union said",
    )
    # A frame closing the sentence covers all it follows, however the parser hangs it.
    assert reach(
        "The fire destroyed part of the roof, but most of the paintings were saved, the "
        "curator claimed on Saturday."
    ) == (
        "The fire destroyed part of the roof but most of the paintings were saved",
        "the curator claimed on Saturday",
    )
    # A verb that raises its subject hedges the subject too.
    assert reach("The old ferry, built in 1971, appears to have been overloaded.") == (
        "The old ferry to have been overloaded",
        "appears",
    )
    # A hedge the parse cannot place covers the whole sentence.
    assert reach("The ship may have been overloaded.")[0] == "The ship may have been overloaded"


@pytest.mark.parametrize("detect", [parsed, detect_hedging], ids=["parse", "regex"])
def test_a_figure_by_someones_count_is_theirs(detect) -> None:
    hedging = detect("By the harbour office's count, 1,200 people left their homes overnight.")
    assert hedging.hedged
    assert hedging.cues == ("by the harbour office's count",)
    assert detect("Some 90mm of rain fell on Sunday, by the weather service's measurements.").hedged
    assert not detect("The river rose by two metres overnight.").hedged


def test_a_count_names_whose_it_is_and_hedges_the_clause_it_hangs_on() -> None:
    assert (
        parsed(
            "By the harbour office's count, 1,200 people left their homes overnight."
        ).attributed_to
        == "the harbour office"
    )
    assert reach("By the harbour office's count, 1,200 people left their homes overnight.") == (
        "1,200 people left their homes overnight",
        "By the harbour office 's count",
    )


@pytest.mark.parametrize(
    ("sentence", "cue", "source"),
    [
        ("The port board blamed the flooding on a blocked drain.", "blamed", "the port board"),
        ("The airline put the delays down to a shortage of pilots.", "put", "the airline"),
        ("The inspectors attributed the leak to a cracked valve.", "attributed", "the inspectors"),
        (
            "The sheriff described the raiders as cattle thieves who had crossed the river.",
            "described",
            "the sheriff",
        ),
        ("Customs officers have accused the crew of hiding cigarettes.", "accused", None),
        ('The mayor called the protesters "vandals" on local radio.', "called", "the mayor"),
    ],
)
def test_a_partys_account_of_a_cause_or_a_culprit_is_hedged(
    sentence: str, cue: str, source: str | None
) -> None:
    hedging = parsed(sentence)
    assert hedging.hedged and cue in hedging.cues
    if source is not None:
        assert hedging.attributed_to == source


def test_a_partys_account_covers_its_own_clause_only() -> None:
    assert reach("The ranger blamed the fire on campers, and the trail was closed for a week.") == (
        "blamed the fire on campers",
        "The ranger",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Volunteers put the sandbags down along the quay.",
        "The coach blamed himself.",
        "The painter described the view from the hill.",
        "The union called the strike on Monday.",
        "The mayor called the fire brigade.",
        "Rioters stormed the gate, in what the mayor called an outrage.",
    ],
)
def test_a_verb_of_account_without_its_preposition_is_an_act(sentence: str) -> None:
    assert not parsed(sentence).hedged


def test_a_hedge_word_covers_its_own_conjunct_only() -> None:
    # A modal or hedge adverb hedges its verb with the conjuncts sharing its subject.
    assert reach("The tanker ran aground and may have spilled oil.") == (
        "may have spilled oil",
        "",
    )
    assert reach("The tanker may have spilled oil, and the crew were taken off by boat.") == (
        "The tanker may have spilled oil",
        "",
    )
    assert reach("The manager reportedly quit, and his deputy left the firm.") == (
        "The manager reportedly quit",
        "",
    )


def test_a_frame_set_in_the_middle_covers_the_clause_it_sits_in() -> None:
    assert reach("The dyke gave way, the council said, and two farms were flooded.") == (
        "The dyke gave way",
        "the council said",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "It is understood that the mill will shut in June.",
        "The mill will shut in June, it is believed.",
    ],
)
def test_an_impersonal_passive_of_belief_hedges(sentence: str) -> None:
    assert parsed(sentence).hedged
    assert detect_hedging(sentence).hedged
    assert "mill will shut in June" in reach(sentence)[0]


def test_an_outlet_citing_itself_is_no_source_but_a_hedge_word_still_hedges() -> None:
    outlet = "Tarnby Herald"
    assert cites_only_itself(parsed("The Herald counted about 300 tents on Sunday."), outlet)
    assert cites_only_itself(parsed("Tarnby Herald counted about 300 tents on Sunday."), outlet)
    assert not cites_only_itself(
        parsed("The Herald counted about 300 tents on Sunday, police said."), outlet
    )
    assert not cites_only_itself(
        parsed("The Herald counted about 300 tents on Sunday."), "Tarnby Gazette"
    )
    assert not cites_only_itself(
        parsed("The Herald reportedly counted about 300 tents on Sunday."), outlet
    )


def test_a_closing_frame_that_cites_its_own_source_still_closes_the_sentence() -> None:
    hedging = parsed(
        "Aurel Dascu won 50.6 percent of the vote against 47.9 percent for Mira Tenhold, the "
        "Norvane Press Agency (NPA) reported, citing final results."
    )
    assert hedging.hedged
    # The parser hangs the agency on the last name; it is the speaker all the same.
    assert hedging.attributed_to == "the Norvane Press Agency"


def test_what_the_outlet_tells_of_its_speaker_is_its_own() -> None:
    covered, frames = reach(
        "Branik, who was arrested at his home in 2022, told the court that he had never "
        "taken a bribe."
    )
    assert covered == "that he had never taken a bribe"
    assert "arrested" not in frames
    # A name in apposition only says who speaks: it stays in the frame.
    assert (
        "Nordvik"
        in reach("The two largest banks, Skarvik and Nordvik, said they would cut rates.")[1]
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The station that closed early was in Varneck, and not in Tamsel as some media reported.",
        "The station was in Varneck, not in Tamsel, as others wrongly claimed.",
    ],
)
def test_an_as_clause_crediting_the_rejected_version_hedges_nothing(sentence: str) -> None:
    assert not parsed(sentence).hedged


def test_a_document_that_shows_something_is_its_source() -> None:
    hedging = parsed(
        "An internal timetable seen by the Herald shows the foundry going cold in January."
    )
    assert hedging.hedged and hedging.attributed_to == "an internal timetable"
    # Published figures are the outlet's facts, not a source it passes on.
    assert not parsed("Figures published last week showed inflation dropping to 2.4%.").hedged


def test_a_statement_hangs_what_was_said_on_it() -> None:
    covered, frames = reach(
        "Halcrest Chemicals said in a statement that no toxic substances had been released."
    )
    assert covered == "that no toxic substances had been released"


def test_a_description_of_the_speaker_set_off_beside_it_is_the_outlets_own() -> None:
    covered, frames = reach(
        "Residents of Orlo, a farming village below the pass, said the shooting started at 11 p.m."
    )
    assert "village" not in covered and "village" not in frames
