"""Discussion prompts and the worksheet layout, built from real matrices."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from coverage import services
from coverage.blind import redactor
from coverage.models import Event, Outlet, Stance
from coverage.readings.classroom import PromptKind, build_worksheet, discussion_prompts
from coverage.selectors.matrix import Matrix, build_matrix
from tests.conftest import cell, make_article, make_assertion, make_event, make_outlet

OUTLETS = ("Daily Planet", "The Bugle", "Morning Star")


def matrix_of(
    rows: dict[str, dict[str, str]], outlets: tuple[str, ...] = OUTLETS, slug: str = "bridge"
) -> Matrix:
    """An event whose cells are given as claim -> {outlet: state}; unnamed cells are silent.

    A state is "agree" or "contradict", with "~" for hedged ("agree~"). Each outlet's
    article says "<Outlet name> writes about <claim>." so quotes can be traced back.
    """
    event = make_event(slug=slug)
    articles = {}
    for name in outlets:
        outlet = Outlet.objects.filter(name=name).first() or make_outlet(name)
        text = " ".join(f"Here {name} writes about claim {n}." for n in range(len(rows)))
        articles[name] = make_article(event, outlet, text=text or "Nothing yet.")
    for number, (claim, states) in enumerate(rows.items()):
        assertion = make_assertion(event, claim)
        for name, state in states.items():
            article = articles[name]
            services.set_stance(
                stance=cell(assertion, article),
                label=state.rstrip("~"),
                hedged=state.endswith("~"),
                evidence=article.sentences.get(index=number),
            )
    return build_matrix(event)


def letters(matrix: Matrix) -> dict[str, str]:
    return {c.outlet.name: matrix.blind_labels[c.outlet.pk] for c in matrix.columns}


def test_it_asks_about_a_contested_row_naming_each_side_by_its_letter(db):
    matrix = matrix_of({"The bridge closed.": {"Daily Planet": "agree", "The Bugle": "contradict"}})
    letter = letters(matrix)

    [prompt] = discussion_prompts(matrix, blind=True)

    assert prompt.kind == PromptKind.CONTESTED
    assert (prompt.claim, prompt.claim_number) == ("The bridge closed.", 1)
    assert prompt.question == (
        f"{letter['Daily Planet']} reports this; {letter['The Bugle']} says otherwise. "
        "What evidence does each give? Whom would you believe, and why?"
    )
    assert [(quote.outlet, quote.label) for quote in prompt.quotes] == sorted(
        [(letter["Daily Planet"], "agree"), (letter["The Bugle"], "contradict")]
    )
    assert all(quote.text.startswith("Here Outlet ") for quote in prompt.quotes)


def test_it_asks_why_the_others_leave_out_a_claim_only_one_outlet_reports(db):
    matrix = matrix_of({"A trader was hurt.": {"The Bugle": "agree~"}})

    [prompt] = discussion_prompts(matrix)

    assert prompt.kind == PromptKind.SINGLE_OUTLET
    assert prompt.question.startswith(
        f"Only {letters(matrix)['The Bugle']} reports this; the other 2 outlets do not mention it."
        " It hedges the claim"
    )
    assert "Why might the others leave it out?" in prompt.question
    assert [quote.hedged for quote in prompt.quotes] == [True]


def test_it_asks_why_the_only_outlet_to_mention_a_claim_denies_it(db):
    matrix = matrix_of({"Tear gas was used.": {"Morning Star": "contradict"}})

    [prompt] = discussion_prompts(matrix)

    assert prompt.kind == PromptKind.SINGLE_OUTLET
    assert f"Only {letters(matrix)['Morning Star']} mentions this, and only to deny it" in (
        prompt.question
    )


def test_it_asks_whom_a_claim_every_outlet_hedges_is_attributed_to(db):
    matrix = matrix_of(
        {"Twelve were injured.": {"Daily Planet": "agree~", "The Bugle": "agree~"}},
        outlets=("Daily Planet", "The Bugle"),
    )
    Stance.objects.filter(hedged=True).update(attributed_to="the ambulance service")
    matrix = build_matrix(matrix.event)

    [prompt] = discussion_prompts(matrix)

    assert prompt.kind == PromptKind.HEDGED_ONLY
    assert prompt.question.startswith("Every outlet that reports this hedges it (“reportedly”")
    assert "They attribute it to the ambulance service." in prompt.question
    assert "Who is it attributed to? Is that enough to believe it?" in prompt.question
    assert {quote.attributed_to for quote in prompt.quotes} == {"the ambulance service"}


def test_it_asks_whether_agreement_makes_a_consensus_true(db):
    matrix = matrix_of(
        {
            "The bridge closed.": dict.fromkeys(OUTLETS, "agree"),
            "Police detained 19.": {"Daily Planet": "agree", "The Bugle": "agree"},
        }
    )
    letter = letters(matrix)

    prompts = discussion_prompts(matrix)

    assert [prompt.kind for prompt in prompts] == [PromptKind.CONSENSUS] * 2
    assert prompts[0].question.startswith("Every outlet reports this. Does agreement make it true?")
    pair = sorted([letter["Daily Planet"], letter["The Bugle"]], key=lambda n: (len(n), n))
    assert prompts[1].question.startswith(f"{pair[0]} and {pair[1]} report this; none denies it.")


def test_it_has_nothing_to_ask_without_rows_outlets_or_anything_reported(db):
    assert discussion_prompts(matrix_of({}, slug="no-rows")) == []
    assert discussion_prompts(build_matrix(make_event(slug="no-articles"))) == []
    assert discussion_prompts(matrix_of({"Nobody mentions this.": {}}, slug="silent")) == []


def test_it_handles_an_event_covered_by_one_outlet(db):
    event = make_event()
    planet = make_outlet("Daily Planet")
    first = make_article(event, planet, text="The bridge closed. Reportedly, no one was hurt.")
    second = make_article(event, planet, text="The bridge never closed.", title="Follow-up")
    closed = make_assertion(event, "The bridge closed.")
    unhurt = make_assertion(event, "No one was hurt.")
    for stance, label, hedged, evidence in [
        (cell(closed, first), "agree", False, first.sentences.get(index=0)),
        (cell(closed, second), "contradict", False, second.sentences.get(index=0)),
        (cell(unhurt, first), "agree", True, first.sentences.get(index=1)),
    ]:
        services.set_stance(stance=stance, label=label, hedged=hedged, evidence=evidence)

    prompts = discussion_prompts(build_matrix(event))

    assert [prompt.kind for prompt in prompts] == [PromptKind.CONTESTED, PromptKind.HEDGED_ONLY]
    assert prompts[0].question.startswith("Outlet A’s own articles disagree with each other.")
    assert prompts[1].question.startswith("Outlet A, the one outlet that reports this, hedges it")


def test_it_asks_about_each_row_once_and_puts_even_splits_first(db):
    four = (*OUTLETS, "Evening Post")
    matrix = matrix_of(
        {
            "Three against one.": {
                "Daily Planet": "agree",
                "The Bugle": "agree",
                "Morning Star": "agree",
                "Evening Post": "contradict",
            },
            "One against one, both hedged.": {"Daily Planet": "agree~", "The Bugle": "contradict~"},
            "Two against two.": {
                "Daily Planet": "agree",
                "The Bugle": "contradict",
                "Morning Star": "agree",
                "Evening Post": "contradict",
            },
        },
        outlets=four,
    )

    prompts = discussion_prompts(matrix)

    assert [prompt.claim for prompt in prompts] == [
        "Two against two.",
        "Three against one.",
        "One against one, both hedged.",
    ]
    assert [prompt.claim_number for prompt in prompts] == [3, 1, 2]
    assert {prompt.kind for prompt in prompts} == {PromptKind.CONTESTED}


def test_it_keeps_to_the_limit_and_gives_every_kind_a_turn(db):
    rows: dict[str, dict[str, str]] = {}
    for n in range(5):
        rows[f"Disputed {n}."] = {"Daily Planet": "agree", "The Bugle": "contradict"}
    for n in range(4):
        rows[f"Lone {n}."] = {OUTLETS[n % 3]: "agree"}
    rows["Hedged by all."] = {"Daily Planet": "agree~", "Morning Star": "agree~"}
    rows["Agreed by all."] = dict.fromkeys(OUTLETS, "agree")
    matrix = matrix_of(rows)

    kinds = [prompt.kind for prompt in discussion_prompts(matrix, limit=4)]
    assert kinds == list(PromptKind)

    prompts = discussion_prompts(matrix)
    assert [prompt.kind for prompt in prompts] == [PromptKind.CONTESTED] * 4 + [
        PromptKind.SINGLE_OUTLET,
        PromptKind.SINGLE_OUTLET,
        PromptKind.HEDGED_ONLY,
        PromptKind.CONSENSUS,
    ]
    lone_outlets = [prompt.quotes[0].outlet for prompt in prompts[4:6]]
    assert len(set(lone_outlets)) == 2, "lone claims should come from different outlets"


def test_it_names_the_outlets_when_not_blind(db):
    matrix = matrix_of({"The bridge closed.": {"Daily Planet": "agree", "The Bugle": "contradict"}})

    [prompt] = discussion_prompts(matrix, blind=False)

    assert prompt.question.startswith("Daily Planet reports this; The Bugle says otherwise.")
    assert [quote.outlet for quote in prompt.quotes] == ["Daily Planet", "The Bugle"]
    assert prompt.quotes[0].text == "Here Daily Planet writes about claim 0."


def test_it_replaces_the_ways_an_article_names_its_own_outlet_when_blind(db):
    event = make_event()
    agency = make_outlet("Veldmark State News Agency", homepage="https://www.vsna.example/")
    line = make_outlet("The Harbour Line")
    rt = make_outlet("RT")
    for outlet in (agency, line, rt):
        make_article(event, outlet, text="Text.")
    matrix = build_matrix(event)
    letter = letters(matrix)
    redact = redactor(matrix)

    assert redact("PORT AVERLY (VSNA) – the veldmark state news agency said.") == (
        f"PORT AVERLY ({letter[agency.name]}) – {letter[agency.name]} said."
    )
    assert redact("Told The Harbour Line, and harbour line readers, see vsna.example.") == (
        f"Told {letter[line.name]}, and {letter[line.name]} readers, see {letter[agency.name]}."
    )
    assert redact("As RT put it, art matters.") == f"As {letter['RT']} put it, art matters."
    # Lower-case initials are a word, and a place in a name stays.
    assert redact("vsna and rt: Veldmark State News") == "vsna and rt: Veldmark State News"


def test_it_lays_the_worksheet_out_in_letter_order_with_articles_and_key(db):
    matrix = matrix_of(
        {"The bridge closed.": {"Daily Planet": "agree", "Morning Star": "agree~"}},
    )
    planet_article = matrix.columns[0].articles[0]
    planet_article.text = "First line by Daily Planet.\n\nSecond  line."
    planet_article.save()
    matrix = build_matrix(matrix.event)

    sheet = build_worksheet(matrix)

    assert [column.name for column in sheet.columns] == ["Outlet A", "Outlet B", "Outlet C"]
    row = sheet.rows[0]
    assert row.number == 1
    assert [c.outlet.pk for c in row.cells] == [column.outlet.pk for column in sheet.columns]
    planet = next(column for column in sheet.columns if column.outlet.name == "Daily Planet")
    assert planet.articles[0].paragraphs == [f"First line by {planet.name}.", "Second line."]
    assert [(entry.letter, entry.outlet.pk) for entry in sheet.key] == [
        (column.name, column.outlet.pk) for column in sheet.columns
    ]
    assert [quote.outlet for quote in row.quotes] == sorted(quote.outlet for quote in row.quotes)

    named = build_worksheet(matrix, blind=False)
    assert [column.name for column in named.columns] == [
        "Daily Planet",
        "Morning Star",
        "The Bugle",
    ]
    assert named.columns[0].articles[0].paragraphs[0] == "First line by Daily Planet."


@pytest.fixture
def demo(db) -> None:
    call_command("demo", verbosity=0)


def test_it_draws_varied_blind_prompts_from_the_fictional_demo_event(demo):
    matrix = build_matrix(Event.objects.get(slug="port-averly-bridge-closure"))

    prompts = discussion_prompts(matrix)

    assert 5 <= len(prompts) <= 8
    assert prompts[0].kind == PromptKind.CONTESTED
    assert {PromptKind.CONTESTED, PromptKind.SINGLE_OUTLET, PromptKind.CONSENSUS} <= {
        prompt.kind for prompt in prompts
    }
    assert len({prompt.claim_number for prompt in prompts}) == len(prompts)
    text = " ".join(
        [prompt.question for prompt in prompts]
        + [quote.text for prompt in prompts for quote in prompt.quotes]
    )
    for column in matrix.columns:
        assert column.outlet.name not in text
    assert "VSNA" not in text, "the state agency's dateline gives it away"
    tear_gas = next(
        prompt for prompt in prompts if prompt.claim == "Police fired tear gas at the crowd."
    )
    assert len(tear_gas.quotes) == 4


def test_it_asks_about_lone_and_hedged_claims_in_the_seed_event(demo):
    matrix = build_matrix(Event.objects.get(slug="ukraine-idlib-training-reports"))

    prompts = discussion_prompts(matrix)

    assert len(prompts) == 8
    kinds = [prompt.kind for prompt in prompts]
    assert PromptKind.SINGLE_OUTLET in kinds and PromptKind.HEDGED_ONLY in kinds
    hedged = [prompt for prompt in prompts if prompt.kind == PromptKind.HEDGED_ONLY]
    assert hedged[0].claim_number == 1
    lone = [prompt for prompt in prompts if prompt.kind == PromptKind.SINGLE_OUTLET]
    assert {prompt.question.split(" reports this")[0] for prompt in lone} == {
        "Only Outlet A",
        "Only Outlet B",
    }
