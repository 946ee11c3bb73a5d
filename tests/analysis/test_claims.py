"""Claim detection: what counts as a checkable assertion, and how compound sentences split."""

from __future__ import annotations

from coverage.analysis.claims import extract_claims
from coverage.analysis.nonclaims import speaks_of_itself


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


def test_a_second_clause_of_telling_or_saying_is_a_claim_not_the_closing_attribution() -> None:
    """ "..., and people have been told to ..." and "..., and many said they ..." state
    something of their own; only a bare closing "..., the ministry said" attributes."""
    schools, indoors = extract_claims(
        "Brenmoor's schools are closed today, and people living near the plant have been "
        "told to keep their windows and doors shut."
    )
    assert schools.core == "Brenmoor's schools are closed today."
    assert indoors.core == (
        "People living near the plant have been told to keep their windows and doors shut."
    )
    told, smelled = extract_claims(
        "Police told residents to keep their windows shut overnight, and many said they "
        "could smell a sharp, chemical odour."
    )
    assert told.core == "Police told residents to keep their windows shut overnight."
    # "they" are the many who said so, not the police.
    assert smelled.core == "They could smell a sharp, chemical odour."
    assert smelled.hedged
    escaped, recaptured = extract_claims(
        "Seven inmates escaped on Sunday, and two were recaptured, police said."
    )
    assert escaped.attributed_to == recaptured.attributed_to == "police"


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


def test_clauses_set_off_by_a_semicolon_are_claims_of_their_own() -> None:
    assert sorted(
        texts(
            "The union is demanding a 12 percent pay rise; the port authority has offered "
            "4 percent."
        )
    ) == [
        "The port authority has offered 4 percent.",
        "The union is demanding a 12 percent pay rise.",
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
    first, second, detail = extract_claims(text)
    assert text[first.sentence_start : first.sentence_end] == first.text
    assert first.attributed_to == "the Kyiv Post"
    assert first.core == (
        "Ukraine’s military intelligence provided tactical training to some Islamist groups."
    )
    # The participle set off by commas is a detail of its own, and "reportedly" hedges it.
    assert (second.core, second.hedged) == ("The training included drone operation.", False)
    assert (detail.sentence_index, detail.hedged, detail.cues) == (1, True, ("reportedly",))
    assert detail.core == "The training was based on tactics used in the conflict with Russia."


def test_it_returns_nothing_for_text_without_claims() -> None:
    assert extract_claims("") == []
    assert extract_claims("Advertisement") == []


def test_a_bare_attribution_sentence_hedges_the_claim_before_it_and_is_no_claim() -> None:
    text = (
        "A military intelligence unit secretly delivered more than 250 drones to the militants. "
        "A source in Kavar told the agency RIA Novosti.\n\n"
        "The militia has been fighting government forces since 2019."
    )
    drones, militia = extract_claims(text)
    assert drones.text.startswith("A military intelligence unit secretly delivered")
    assert drones.hedged and drones.attributed_to == "a source in Kavar"
    assert not militia.hedged


def test_a_sentence_that_only_says_who_gave_the_one_before_hedges_it() -> None:
    text = (
        "The ferry was overloaded. That was confirmed by the coastguard.\n\n"
        "The bridge will reopen in March. That's according to the transport ministry.\n\n"
        "The tolls will rise. This was confirmed to be false."
    )
    overloaded, reopen, tolls = extract_claims(text)
    assert overloaded.hedged and overloaded.attributed_to == "the coastguard"
    assert reopen.hedged and reopen.attributed_to == "the transport ministry"
    # No one is named as giving it: "this" is what was confirmed, not who said it.
    assert not tolls.hedged


def test_a_report_in_a_clause_that_times_the_claim_does_not_hedge_it() -> None:
    (cuts,) = extract_claims(
        "Kelbrand will shed 1,150 jobs at its Merrow works, after the owner confirmed on "
        "Tuesday that the foundry is to close."
    )
    assert not cuts.hedged
    # A condition on a report still hedges the whole claim.
    (arming,) = extract_claims(
        "Tessaria has been arming a militia in Kavar, if a new report from state media is "
        "to be believed."
    )
    assert arming.hedged


def test_a_sentence_saying_whose_account_the_one_before_is_hedges_it() -> None:
    text = (
        "Eleven people were killed in the crush. That is the figure the health ministry gave.\n\n"
        "The gates were opened too late. That was the stewards' account.\n\n"
        "The march was peaceful. That is what the organisers say.\n\n"
        "The stadium holds 40,000 people. That is a big number."
    )
    killed, gates, march, stadium = extract_claims(text)
    assert killed.hedged and killed.attributed_to == "the health ministry"
    assert gates.hedged and gates.attributed_to == "the stewards"
    assert march.hedged and march.attributed_to == "the organisers"
    # "That is a big number." names no one: the claim stands, and the remark is no row.
    assert not stadium.hedged


def test_a_sentence_saying_which_outlet_covered_the_story_is_no_claim() -> None:
    text = (
        "Some 250 specialists from Kiev have travelled to Idlib. "
        "This development has also been covered by the agency Rian Novost, which referenced "
        "a source within Syria."
    )
    [specialists] = extract_claims(text)
    assert specialists.text.startswith("Some 250 specialists")
    assert specialists.hedged and "Rian Novost" in (specialists.attributed_to or "")


def test_a_quote_followed_by_he_said_is_hedged_by_it() -> None:
    text = (
        '"The invaders were thrown back across the line within the hour." '
        "Defence Minister Oskar Veld said this in a televised address.\n\n"
        '"Nine crew members were rescued from the water." He said.'
    )
    invaders, crew = extract_claims(text)
    assert invaders.hedged and invaders.attributed_to == "Oskar Veld"
    assert crew.hedged and "said" in crew.cues


def test_a_quote_followed_by_he_told_reporters_is_hedged_by_it_and_that_is_no_claim() -> None:
    text = (
        "Engineers inspected the Kellow bridge on Tuesday.\n\n"
        '"The bridge will stay shut until April." She told reporters in Kellow.'
    )
    inspected, shut = extract_claims(text)
    assert not inspected.hedged
    assert "stay shut until April" in shut.core and shut.hedged


def test_a_sentence_ending_in_a_colon_attributes_the_quotation_after_it_not_the_one_before() -> (
    None
):
    text = (
        "Divers searched the harbour at Rell on Friday. The harbour master told reporters:\n\n"
        '"The wreck lies in twelve metres of water. Nobody was on board."\n\n'
        "Ferries to Tull were cancelled for the weekend."
    )
    searched, wreck, nobody, ferries = extract_claims(text)
    assert not searched.hedged and not ferries.hedged
    for claim in (wreck, nobody):
        assert claim.hedged and claim.attributed_to == "the harbour master", claim.text


def test_every_sentence_of_a_quotation_is_attributed_where_it_closes() -> None:
    text = (
        '"The fire is not under control. The wind is pushing it east, toward Tellan," '
        "Governor Mirela Vantz told reporters in Lennick."
    )
    claims = extract_claims(text)
    assert [claim.core for claim in claims] == [
        "The fire is not under control.",
        "The wind is pushing it east, toward Tellan.",
    ]
    assert all(claim.attributed_to == "Mirela Vantz" for claim in claims)


def test_a_quotation_running_on_into_the_next_paragraph_is_attributed_where_it_closes() -> None:
    text = (
        "Inspectors walked the length of the Kellow bridge on Tuesday.\n\n"
        '"The bridge will stay shut until April. The piers are cracked.\n\n'
        '"Repairs will take the whole winter," county engineer Ola Brand said.\n\n'
        "The bridge carries 9,000 cars a day."
    )
    inspectors, shut, piers, repairs, cars = extract_claims(text)
    assert not inspectors.hedged and not cars.hedged
    for claim in (shut, piers, repairs):
        assert claim.hedged and claim.attributed_to == "Ola Brand", claim.text


def test_a_paragraph_left_open_is_not_attributed_by_a_quotation_that_does_not_go_on() -> None:
    text = (
        '"The bridge will stay shut until April.\n\n'
        "The bridge carries 9,000 cars a day, the council said."
    )
    shut = extract_claims(text)[0]
    assert not shut.hedged


def test_a_quotation_continuing_the_speaker_of_the_one_before_is_attributed() -> None:
    text = (
        '"Inflation is falling faster than we expected," Governor Aleksander Brede told '
        'reporters. "The bank will cut its policy rate again in September."'
    )
    _, second = extract_claims(text)
    assert second.hedged and second.attributed_to == "Aleksander Brede"


def test_a_closing_according_to_with_a_description_of_its_source_covers_both_conjuncts() -> None:
    text = (
        "About 30 protesters arrived in buses at around 6 a.m. and blocked the main gate, "
        "according to Nordwerk, the company that runs the mine."
    )
    arrived, blocked = extract_claims(text)
    assert arrived.core == "About 30 protesters arrived in buses at around 6 a.m."
    assert blocked.core == "About 30 protesters blocked the main gate."
    assert arrived.hedged and blocked.hedged
    assert arrived.attributed_to == blocked.attributed_to == "Nordwerk"


def test_a_second_conjunct_that_reports_speech_is_attributed_to_the_shared_subject() -> None:
    offered, afford = extract_claims(
        "The authority has offered 4 percent and says it cannot afford more."
    )
    assert not offered.hedged
    assert afford.hedged and afford.attributed_to == "the authority"
    resigned, trust = extract_claims(
        "The mayor resigned on Monday, saying she had lost the council's trust."
    )
    assert not resigned.hedged
    assert trust.hedged and trust.attributed_to == "the mayor"


def test_a_sentence_put_a_tense_back_goes_on_reporting_the_source_before_it() -> None:
    text = (
        "The trucks crossed the border at night in three convoys, the official said. "
        "The deal had been struck at a meeting in Harn in March.\n\n"
        "The convoys had been loaded in Osterby."
    )
    crossed, deal, loaded = extract_claims(text)
    assert crossed.hedged
    assert deal.hedged and deal.attributed_to == "the official"
    # A new paragraph is the outlet's own again.
    assert not loaded.hedged


def test_only_a_source_is_reported_on_into_the_past_perfect() -> None:
    text = (
        "The trucks may have crossed the border at night. "
        "The deal had been struck at a meeting in Harn in March."
    )
    _, deal = extract_claims(text)
    assert not deal.hedged


def test_each_conjunct_keeps_its_own_hedge_and_the_sentence() -> None:
    text = "The plant closed on Monday and the workers reportedly left the town."
    plant, workers = extract_claims(text)
    assert (plant.core, plant.hedged) == ("The plant closed on Monday.", False)
    assert (workers.core, workers.hedged) == ("The workers left the town.", True)
    assert (plant.sentence_start, plant.sentence_end) == (workers.sentence_start, len(text))


def test_a_closing_attribution_covers_every_clause_it_reports() -> None:
    text = (
        "Dravonian troops crossed the demarcation line on Tuesday and attacked the border "
        "post at Tarn Hut, the Ministry of Defence said on Wednesday."
    )
    crossed, attacked = extract_claims(text)
    assert crossed.text == (
        "Dravonian troops crossed the demarcation line on Tuesday, the Ministry of Defence "
        "said on Wednesday."
    )
    assert attacked.core == "Dravonian troops attacked the border post at Tarn Hut."
    assert crossed.attributed_to == attacked.attributed_to == "the Ministry of Defence"
    assert [
        claim.core
        for claim in extract_claims("Nine people died and twelve were injured, police said.")
    ] == [
        "Nine people died.",
        "Twelve were injured.",
    ]


def test_an_according_to_that_closes_the_sentence_covers_both_conjuncts() -> None:
    claimed, copied = extract_claims(
        "A group calling itself Red Kite claimed the attack on Monday and said it had copied "
        "thousands of files, according to the security firm Norvik Labs."
    )
    assert claimed.core.startswith("A group calling itself Red Kite claimed the attack")
    assert claimed.hedged and claimed.attributed_to == "Norvik Labs"
    assert copied.hedged
    cut, blocked = extract_claims(
        "Power was cut to 9,000 homes, according to the grid operator, and a landslide "
        "blocked the main road."
    )
    assert (cut.hedged, blocked.hedged) == (True, False)


def test_a_closing_frame_the_parser_hangs_on_the_last_noun_still_hedges_the_clause() -> None:
    # The parser reads "the regional newspaper The Harbour Voice reported" as an
    # appositive of "attack" with a relative clause, not as the sentence's frame.
    claims = extract_claims(
        "A little-known group, the Orrin Liberation Front, claimed the attack, the regional "
        "newspaper The Harbour Voice reported."
    )
    claimed = next(
        claim for claim in claims if claim.core == "A little-known group claimed the attack."
    )
    assert claimed.hedged
    assert claimed.attributed_to == "the Harbour Voice"


def test_a_detail_inside_a_reported_clause_is_hedged_by_its_attribution() -> None:
    _, talks = extract_claims(
        "The clashes have not changed the timetable for talks, which are due to resume on "
        "Friday, the port director said."
    )
    assert (talks.core, talks.hedged) == ("Talks are due to resume on Friday.", True)
    assert talks.attributed_to == "the port director"
    _, outage = extract_claims(
        "According to a hospital spokesman, staff noticed the attack on Sunday, when the "
        "records would not open."
    )
    assert outage.hedged and outage.attributed_to == "a hospital spokesman"


def test_a_description_of_the_reported_subject_or_of_a_place_stays_the_outlets_own() -> None:
    claims = extract_claims(
        "The dockers, who walked out on Monday, want a 12 percent rise, the union said.\n\n"
        "The strike has halted most cargo handling at Vessa, the country's largest port, "
        "the agency reported.\n\n"
        "Residents of Orlo, a farming village below the pass, said the shooting started at "
        "11 p.m."
    )
    hedged = {claim.core: claim.hedged for claim in claims}
    assert hedged["The dockers walked out on Monday."] is False
    assert hedged["Vessa is the country's largest port."] is False
    assert hedged["Orlo is a farming village below the pass."] is False
    assert hedged["The dockers want a 12 percent rise."] is True


def test_quotes_of_colour_and_rhetoric_are_no_claims() -> None:
    text = (
        '"I held on to the rail. It was terrifying," said Lena Varga, 19, a passenger.\n\n'
        '"We ran out in our pyjamas," said Dan, 36, a teacher from Lakeport.\n\n'
        '"Whoever did this should be locked up for life," said a neighbour.\n\n'
        '"Nine bodies have been recovered," said Ilse Ranta, a spokeswoman for the rescue '
        "service.\n\n"
        '"Our border guards returned fire in self-defence," ministry spokesman Ruslan Adamek '
        "said."
    )
    assert [claim.core for claim in extract_claims(text)] == [
        "Nine bodies have been recovered.",
        "Our border guards returned fire in self-defence.",
    ]


def test_a_leading_phrase_that_only_links_to_the_last_sentence_leaves_the_core() -> None:
    text = (
        "In response to these reports, the deputy minister called on the council to act. "
        "In return, the militia has sent forty of its fighters to the capital. "
        "At the same time, the union called a strike at the port. "
        "On Friday, the council met in Orlo. "
        "In response to the flooding, the council closed the river road."
    )
    assert [claim.core for claim in extract_claims(text)] == [
        "The deputy minister called on the council to act.",
        "The militia has sent forty of its fighters to the capital.",
        "The union called a strike at the port.",
        "On Friday, the council met in Orlo.",
        "In response to the flooding, the council closed the river road.",
    ]


def test_a_quoted_call_with_has_to_or_needs_to_is_no_claim() -> None:
    text = (
        '"Someone has to answer for these deaths," the union leader said.\n\n'
        '"The council needs to act before the next storm," the deputy mayor said.\n\n'
        '"The company has paid 2 million crowns in compensation," the union leader said.'
    )
    assert [claim.core for claim in extract_claims(text)] == [
        "The company has paid 2 million crowns in compensation."
    ]


def test_a_quoted_judgement_of_what_no_one_could_do_is_no_claim_but_its_setting_is() -> None:
    text = (
        '"Nobody could have foreseen a storm of such force," the minister told reporters in '
        "Sarnesk, where he arrived on Sunday night.\n\n"
        '"No one was hurt," the minister said.'
    )
    assert [claim.core for claim in extract_claims(text)] == [
        "The minister arrived on Sunday night.",
        "No one was hurt.",
    ]


def test_newsroom_talk_and_listed_headlines_are_no_claims() -> None:
    text = (
        "The strike has halted most cargo handling at the port.\n\n"
        "Here is what we know so far.\n\n"
        "This report was compiled from wire copy and edited by our staff.\n\n"
        "Information from the agency was used in this report.\n\n"
        "SRT correspondent Lidia Voss reports from the Korlat range.\n\n"
        "We will update this summary as more information becomes available.\n\n"
        "Talvik ferry fares to rise in January\n"
        "City council debates harbour front plan"
    )
    assert texts(text) == ["The strike has halted most cargo handling at the port."]


def test_an_appositive_naming_an_indefinite_subject_is_its_own_claim() -> None:
    claims = extract_claims("A unit, the Khimik Group, provided the training, the newspaper said.")
    assert [claim.core for claim in claims] == [
        "A unit provided the training.",
        "The Khimik Group provided the training.",
    ]
    assert all(claim.attributed_to == "the newspaper" for claim in claims)


def test_a_describing_appositive_or_relative_clause_is_a_claim_in_the_outlets_voice() -> None:
    text = (
        "The Marta Vell, a 34-metre ferry operated by Orvan Lake Lines, overturned off the "
        "port of Sarnesk.\n\n"
        "Halcrest Chemicals, which employs about 400 people in Brenmoor, said in a statement "
        "that no toxic substances had been released."
    )
    ferry, operator, company, staff = extract_claims(text)
    assert ferry.core == "The Marta Vell overturned off the port of Sarnesk."
    assert operator.core == "The Marta Vell is a 34-metre ferry operated by Orvan Lake Lines."
    assert company.hedged and company.attributed_to == "Halcrest Chemicals"
    assert (staff.core, staff.hedged) == (
        "Halcrest Chemicals employs about 400 people in Brenmoor.",
        False,
    )
    assert (operator.sentence_start, staff.sentence_start) == (0, text.index("Halcrest"))


def test_who_a_quoted_person_is_is_no_claim() -> None:
    text = (
        '"Nine bodies have been recovered," said Ilse Ranta, 45, a spokeswoman who arrived '
        "from the capital.\n\n"
        '"The ship sailed within its limits," said the director, Konrad Mell.'
    )
    assert [claim.core for claim in extract_claims(text)] == [
        "Nine bodies have been recovered.",
        "The ship sailed within its limits.",
    ]


def test_what_an_actor_says_while_acting_is_a_separate_hedged_claim() -> None:
    text = (
        "Campaigners have called for an independent inquiry into the fire, saying the smoke "
        "contained toxic chlorine compounds.\n\n"
        "The newspaper repeated reports that the army had delivered drones to the militia."
    )
    inquiry, smoke, repeated, delivered = extract_claims(text)
    assert (inquiry.core, inquiry.hedged) == (
        "Campaigners have called for an independent inquiry into the fire.",
        True,  # the campaigners' appeal, which the outlet passes on (the lead's ruling)
    )
    assert smoke.text == "Campaigners said the smoke contained toxic chlorine compounds."
    assert (smoke.core, smoke.hedged) == ("The smoke contained toxic chlorine compounds.", True)
    assert repeated.core == (
        "The newspaper repeated reports that the army had delivered drones to the militia."
    )
    assert delivered.core == "The army had delivered drones to the militia."
    assert delivered.hedged


def test_a_denied_claim_is_worded_as_the_denial() -> None:
    text = (
        "Orvan Lake Lines denied that the Marta Vell had been overloaded.\n\n"
        "The ministry rejected reports in state media that its forces had delivered drones."
    )
    assert [claim.core for claim in extract_claims(text)] == [
        "Orvan Lake Lines denied that the Marta Vell had been overloaded.",
        "The ministry rejected reports in state media that its forces had delivered drones.",
    ]


def test_a_claims_core_is_the_statement_without_the_outlets_frame() -> None:
    cores = [
        claim.core
        for text in (
            "Citing sources in Idlib, the head of the Syrian reconciliation centre said that "
            "Ukrainian instructors had arrived in the province.",
            "<...> Militants have received components suitable for constructing over 250 drones.",
            "The operations director, Mirela Stoyan, told Channel 6 that all 57 workers on the "
            "night shift had been accounted for.",
            "The diplomat emphasized that Russia holds the US responsible, and cautioned that a "
            "further escalation could have severe consequences.",
            '"The administration inherited a tinderbox, and it acted quickly," the minister said.',
            "Jabhat al-Nusra* fighters attacked the town on Monday.",
        )
        for claim in extract_claims(text)
    ]
    assert cores == [
        "Ukrainian instructors had arrived in the province.",
        "Militants have received components suitable for constructing over 250 drones.",
        "All 57 workers on the night shift had been accounted for.",
        "Russia holds the US responsible.",
        "A further escalation could have severe consequences.",
        "The administration inherited a tinderbox.",
        "Jabhat al-Nusra fighters attacked the town on Monday.",
    ]


def test_an_opening_officially_covers_the_speakers_second_clause() -> None:
    text = (
        "Officially, Sarvenia says two of its guards died, and Dravonia puts its losses at three."
    )
    sarvenia, dravonia = extract_claims(text)
    assert sarvenia.core == "Two of its guards died."
    assert dravonia.text == "Officially, Dravonia puts its losses at three."
    assert sarvenia.hedged and dravonia.hedged


def test_page_furniture_is_no_claim_and_glued_sentences_each_are_one() -> None:
    text = (
        "KYIV, Nov 28 (Wire) — Militants received more than 250 unmanned aerial vehicles."
        "Meanwhile, Syrian newspaper Al-Watan reported that instructors arrived in Idlib.\n\n"
        "Share This Post\n\nRelated Posts\n\nMP/PR\n\nBy Jane Doe, Staff Reporter\n\n"
        "*banned in Russia"
    )
    drones, instructors = extract_claims(text)
    assert text[drones.sentence_start : drones.sentence_end] == (
        "Militants received more than 250 unmanned aerial vehicles."
    )
    assert text[instructors.sentence_start : instructors.sentence_end].startswith("Meanwhile,")
    assert (instructors.core, instructors.attributed_to) == (
        "Instructors arrived in Idlib.",
        "Al-Watan",
    )


def test_a_participle_set_off_by_commas_is_a_detail_and_a_misread_frame_is_repaired() -> None:
    strike, launched, ferry = extract_claims(
        "The illegal strike, launched by the dockworkers' union on Sunday night, has already "
        "cost the national economy millions.\n\n"
        "The ferry, the Marta Vell, overturned about two kilometres off the port, NNA said."
    )[:3]
    assert strike.core == "The illegal strike has already cost the national economy millions."
    assert launched.core == (
        "The illegal strike was launched by the dockworkers' union on Sunday night."
    )
    assert (ferry.core, ferry.attributed_to) == (
        "The ferry overturned about two kilometres off the port.",
        "NNA",
    )


def test_a_subject_pronoun_is_read_as_who_it_stands_for_in_the_core_only() -> None:
    text = (
        "Vennland's environment agency said it had sent a team to Brenmoor. "
        'Brandt called the attackers "terrorists and bandits" and said they had crossed into '
        "Tavrel. "
        "Lukas Brenner was taken to Lennick hospital with burns. He is in a stable condition. "
        "Stones were thrown, but it was not clear who threw the first stones. "
        "So far no organisation has said it was behind the raid."
    )
    claims = extract_claims(text)
    cores = [claim.core for claim in claims]
    assert "Vennland's environment agency had sent a team to Brenmoor." in cores
    assert "The attackers had crossed into Tavrel." in cores
    assert "Lukas Brenner is in a stable condition." in cores
    # An "it" that stands for nothing, or for no one, is left as written.
    assert "It was not clear who threw the first stones." in cores
    assert "So far no organisation has said it was behind the raid." in cores
    stable = next(claim for claim in claims if claim.core.startswith("Lukas Brenner is"))
    assert stable.text == "He is in a stable condition."


def test_a_quoted_vow_is_no_claim_but_a_threat_or_a_plan_with_its_terms_is() -> None:
    text = (
        '"Kesteria will rebuild. Nobody will be left alone with this," the governor said.\n\n'
        '"We will not be beaten off our own docks," she said.\n\n'
        '"These thugs will face the full force of the law. Kaldmark will not be held hostage '
        'by extremists," Minister Kolb said.\n\n'
        '"If it keeps coming down, we will act again," Governor Brede said.\n\n'
        '"The bridge will reopen on Monday," the mayor said.'
    )
    assert [claim.core for claim in extract_claims(text)] == [
        "These thugs will face the full force of the law.",
        "If it keeps coming down, we will act again.",
        "The bridge will reopen on Monday.",
    ]


def test_a_report_announced_to_follow_is_newsroom_talk() -> None:
    text = (
        "The Kesteria News Agency's report from the stricken town follows.\n\n"
        "Floodwater swept through the lower town on Friday night."
    )
    assert texts(text) == ["Floodwater swept through the lower town on Friday night."]


def test_a_private_persons_sobbed_account_is_no_claim_even_without_quotation_marks() -> None:
    text = (
        "The crew just kept taking money, sobbed student Lena Varga, 19, who swam to shore.\n\n"
        "Police fired tear gas, the minister said."
    )
    assert [claim.core for claim in extract_claims(text)] == ["Police fired tear gas."]


def test_an_outlet_speaking_of_itself_by_its_name_is_newsroom_talk() -> None:
    assert speaks_of_itself("MedTech Pulse covers security in healthcare.", "MedTech Pulse")
    assert speaks_of_itself(
        "The Gazette will publish a list of the dead on Saturday.", "Tarrow Valley Gazette"
    )
    # The outlet as the source of a claim, or another outlet, is no talk about itself.
    assert not speaks_of_itself(
        "The Gazette has learned that the mayor resigned.", "Tarrow Valley Gazette"
    )
    assert not speaks_of_itself("The agency said ten people died.", "Kesteria News Agency")
    assert not speaks_of_itself("MedTech Pulse covers security in healthcare.", "Varkania Today")


def test_a_pronoun_is_left_as_written_when_what_it_stands_for_is_itself_a_pronoun_phrase() -> None:
    # The parser takes "many of them traders" for the subject; naming "they" by it would
    # garble the row ("Many of them traders ... had been given no warning").
    text = (
        "By mid-morning several hundred protesters, many of them traders from the Eastside "
        "fish market, had gathered at the eastern approach. They had been given no warning."
    )
    cores = [claim.core for claim in extract_claims(text)]
    assert "They had been given no warning." in cores


def test_the_weather_it_is_left_as_written() -> None:
    text = "On Monday the Elm river bridge was shut to all traffic. It rained all day."
    assert "It rained all day." in [claim.core for claim in extract_claims(text)]


def test_a_report_that_nobody_makes_is_no_attribution_but_the_claim_itself() -> None:
    (claim,) = extract_claims("So far no faction has said it was behind the ambush.")
    assert claim.core == "So far no faction has said it was behind the ambush."
    assert claim.attributed_to is None
    (claim,) = extract_claims("Nobody has claimed that the levee was repaired.")
    assert claim.core == "Nobody has claimed that the levee was repaired."


def test_a_time_or_an_amount_in_the_frame_is_no_age_of_a_private_speaker() -> None:
    # "at 9" and "at least 4" are no "Lena Varga, 19": the operator's quotation is a claim.
    claims = extract_claims(
        '"Ferries to Tull will run again from Monday," the operator said at 9 a.m. on Friday.'
    )
    assert [claim.core for claim in claims] == ["Ferries to Tull will run again from Monday."]
    # An age set off by commas after a noun still marks a private person's colour.
    assert not extract_claims(
        '"Ferries to Tull will run again from Monday," said one fisherman, 58, on the quay.'
    )


def test_a_verb_hung_on_the_main_clause_after_a_bare_comma_does_not_borrow_its_subject() -> None:
    sentence = (
        "About 900 people from Kell and the coastal village of Dunmore were evacuated on Friday "
        "after the governor of Arnland, Maria Velt, ordered the seafront cleared."
    )
    assert extract_claims(sentence)[0].core == (
        "About 900 people from Kell and the coastal village of Dunmore were evacuated on Friday "
        "after the governor of Arnland ordered the seafront cleared."
    )
    assert not any(
        claim.core.startswith(
            "About 900 people from Kell and the coastal village of Dunmore ordered"
        )
        for claim in extract_claims(sentence)
    )
    # Verbs an "and" joins still share the subject, in a list too.
    assert [
        c.core for c in extract_claims("The ferry left port at noon, rolled over and sank.")
    ] == [
        "The ferry left port at noon.",
        "The ferry rolled over and sank.",
    ]


def test_who_an_unnamed_speaker_is_or_whom_a_source_quoted_is_no_claim() -> None:
    text = (
        "A worker at the Brenn sawmill, who asked not to be named, told the Herald that the "
        "fire began in the drying shed.\n\n"
        "A spokesman for the union, who gave his name as Piotr, told the Courier that the "
        "talks had collapsed.\n\n"
        "Three guards were hurt, according to Radio Osk, which quoted nurses in Varde.\n\n"
        # Not a speaker: police who have not said something are the subject of a fact.
        "Police, who are investigating, have not said who the attackers were."
    )
    assert [claim.core for claim in extract_claims(text)] == [
        "The fire began in the drying shed.",
        "The talks had collapsed.",
        "Three guards were hurt.",
        "Police have not said who the attackers were.",
        "Police are investigating.",
    ]


def test_one_of_a_group_named_by_a_pronoun_is_no_description() -> None:
    text = (
        "Three miners were taken to the Osk county hospital with burns, one of them for a "
        "broken leg, the hospital said."
    )
    assert [claim.core for claim in extract_claims(text)] == [
        "Three miners were taken to the Osk county hospital with burns, one of them for a "
        "broken leg."
    ]


def test_a_quoted_feeling_hope_or_aim_of_the_speakers_side_is_no_claim() -> None:
    text = (
        '"We fear the toll will rise as crews reach the hill farms," the spokesman said.\n\n'
        '"We expect a long night," the fire chief said.\n\n'
        '"We are used to being blamed for every storm in Varde," the minister said.\n\n'
        '"Our priority is to keep the residents safe," the mayor said.\n\n'
        '"We expect the bridge to reopen on Monday," the mayor said.\n\n'
        '"We have confirmed at least 11 deaths," the spokesman said.'
    )
    assert [claim.core for claim in extract_claims(text)] == [
        "We expect the bridge to reopen on Monday.",
        "We have confirmed at least 11 deaths.",
    ]


def test_a_conjunct_with_an_elided_predicate_is_no_claim_of_its_own() -> None:
    text = (
        "Mayor Rask said the town had not paid the contractor and would not do so.\n\n"
        "No ransom has been handed over, and none will be, the director stated.\n\n"
        "The bridge was closed on Friday and will reopen on Monday."
    )
    assert [claim.core for claim in extract_claims(text)] == [
        "The town had not paid the contractor.",
        "No ransom has been handed over.",
        "The bridge was closed on Friday.",
        "The bridge will reopen on Monday.",
    ]


def test_a_closing_speaker_read_as_an_appositive_is_no_description() -> None:
    text = (
        "Twelve people were treated at Varde County Hospital, a nurse there said.\n\n"
        "Police cleared the camp on Tuesday, ending a two-week blockade of Osk Ridge, the "
        "Varde News Agency first reported."
    )
    assert [claim.core for claim in extract_claims(text)] == [
        "Twelve people were treated at Varde County Hospital.",
        "Police cleared the camp on Tuesday, ending a two-week blockade of Osk Ridge.",
    ]


def test_what_a_cited_source_is_is_no_claim() -> None:
    text = (
        "The ferry carried about 80 people, according to the Varde Courier, a local "
        "newspaper.\n\n"
        "The mill employed 40 people, the agency said, citing the Osk Herald, a weekly.\n\n"
        # What the source says in a clause of its own is a claim.
        "Two men were hurt, according to the fire brigade, which added that nobody's life "
        "was in danger."
    )
    assert [claim.core for claim in extract_claims(text)] == [
        "The ferry carried about 80 people.",
        "The mill employed 40 people.",
        "Two men were hurt.",
        "The fire brigade added that nobody's life was in danger.",
    ]


def test_the_who_clause_of_a_cleft_sentence_stays_with_it() -> None:
    text = "It was the deputy mayor, not the governor, who ordered the harbour cleared."
    assert [claim.core for claim in extract_claims(text)] == [
        "It was the deputy mayor, not the governor, who ordered the harbour cleared."
    ]


def test_a_with_phrase_giving_its_own_subject_a_state_is_a_claim_of_its_own() -> None:
    text = (
        "The toll stood at three by Sunday morning, with another five people unaccounted "
        "for, police said.\n\n"
        "Nine people died, with 30 others still missing.\n\n"
        "Police arrived with dogs."
    )
    claims = extract_claims(text)
    assert [(claim.core, claim.hedged) for claim in claims] == [
        ("The toll stood at three by Sunday morning.", True),
        ("Another five people were unaccounted for.", True),
        ("Nine people died.", False),
        ("30 others were still missing.", False),
        ("Police arrived with dogs.", False),
    ]


def test_a_noun_read_as_a_verb_after_that_leaves_the_reported_clause_whole() -> None:
    text = (
        "A former inspector told the newspaper that cracks in the tunnel wall had been "
        "reported to the council in 2023."
    )
    assert [claim.core for claim in extract_claims(text)] == [
        "Cracks in the tunnel wall had been reported to the council in 2023."
    ]


def test_a_second_clause_whose_subject_was_read_as_a_noun_keeps_it() -> None:
    text = (
        "Police said the tower had not been hit and water supplies to residents were not "
        "interrupted.\n\n"
        "The company said the plant had not been damaged and power supplies to homes were "
        "not cut."
    )
    assert [claim.core for claim in extract_claims(text)] == [
        "The tower had not been hit.",
        "Water supplies to residents were not interrupted.",
        "The plant had not been damaged.",
        "Power supplies to homes were not cut.",
    ]


def test_a_participle_sharing_a_passive_keeps_its_auxiliary() -> None:
    text = (
        "The reactor was shut down on Monday and found to be safe, the agency said.\n\n"
        "The suspect was arrested on Friday and died in custody."
    )
    assert [claim.core for claim in extract_claims(text)] == [
        "The reactor was shut down on Monday.",
        "The reactor was found to be safe.",
        "The suspect was arrested on Friday.",
        "The suspect died in custody.",
    ]


def test_a_which_clause_after_a_thing_placed_in_a_town_describes_the_thing() -> None:
    text = "The grain is milled at the Ostra plant in Marvik, which employs about 90 people."
    assert [claim.core for claim in extract_claims(text)] == [
        "The grain is milled at the Ostra plant in Marvik.",
        "The Ostra plant in Marvik employs about 90 people.",
    ]


def test_a_part_of_the_subject_counted_off_after_a_comma_is_a_claim_of_its_own() -> None:
    text = (
        "At least 25 passengers were hurt, the railway said, four of them with broken "
        "bones.\n\n"
        "In all, 60 people were rescued from the flats, most of them by firefighters from "
        "Kelby.\n\n"
        "Rescuers pulled 30 people from the rubble, many of them by hand."
    )
    claims = extract_claims(text)
    assert [(claim.text, claim.hedged) for claim in claims] == [
        ("At least 25 passengers were hurt, the railway said.", True),
        ("Four of the passengers were hurt with broken bones.", True),
        ("In all, 60 people were rescued from the flats.", False),
        ("Most of the people were rescued by firefighters from Kelby.", False),
        ("Rescuers pulled 30 people from the rubble, many of them by hand.", False),
    ]
