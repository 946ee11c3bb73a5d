"""The whole pipeline on real text with the real models, including the seed event."""

from __future__ import annotations

import datetime as dt
import gc
import json
import subprocess
import sys
import weakref
from dataclasses import replace
from pathlib import Path

import pytest

from coverage.analysis.cells.parses import open_run, parse_run
from coverage.analysis.errors import AnalysisError
from coverage.analysis.pairs import classify_pairs
from coverage.analysis.pipeline import (
    STEPS,
    AnalysisResult,
    ArticleInput,
    AssertionResult,
    PipelineConfig,
    analyse_articles,
)
from coverage.analysis.segment import split_sentences

SEED_EVENT = Path(__file__).resolve().parents[2] / "coverage/fixtures/demo/seed_event.json"

BRIDGE = ArticleInput(
    key="planet",
    outlet="Daily Planet",
    title="Bridge shut",
    text=(
        "The Rhine bridge closed on Monday after engineers found cracks. "
        "Officials said 40 workers will repair it. The mayor resigned on Tuesday."
    ),
)
BUGLE = ArticleInput(
    key="bugle",
    outlet="The Bugle",
    title="Repairs",
    text=(
        "The Rhine bridge reportedly shut on Monday because of cracks. "
        "According to the council, 120 workers will repair the bridge."
    ),
)


@pytest.fixture(scope="module")
def seed_result() -> tuple[list[ArticleInput], AnalysisResult]:
    data = json.loads(SEED_EVENT.read_text(encoding="utf-8"))
    articles = [
        ArticleInput(key=a["key"], outlet=a["outlet"], title=a["title"], text=a["text"])
        for a in data["articles"]
    ]
    return articles, analyse_articles(articles)


def rows_with(result: AnalysisResult, *groups: tuple[str, ...]) -> list[AssertionResult]:
    """Rows whose text contains, for every group, at least one of its keywords."""
    return [
        row
        for row in result.assertions
        if all(any(word.lower() in row.text.lower() for word in group) for group in groups)
    ]


def labels(row: AssertionResult) -> dict[str, tuple[str, bool]]:
    return {cell.article_key: (cell.label, cell.hedged) for cell in row.cells}


def test_seed_both_outlets_report_the_training_in_one_hedged_row(seed_result) -> None:
    _, result = seed_result
    rows = rows_with(result, ("train",), ("military intelligence", "Idlib"))
    assert any(
        labels(row) == {"phnotes": ("agree", True), "troib": ("agree", True)} for row in rows
    ), [row.text for row in rows]


def test_seed_both_outlets_say_the_training_covered_drones(seed_result) -> None:
    _, result = seed_result
    rows = rows_with(result, ("drone", "UAV", "unmanned aerial"), ("train", "instruct"))
    assert any(
        labels(row) == {"phnotes": ("agree", True), "troib": ("agree", True)} for row in rows
    ), [row.text for row in rows]


@pytest.mark.parametrize(
    ("keywords", "reported_by", "silent"),
    [
        ((("250",), ("specialists", "experts")), "troib", "phnotes"),
        ((("Khimik",), ("activity",)), "phnotes", "troib"),
        ((("Budanov",), ("Julani",)), "troib", "phnotes"),
        ((("base",), ("Aleppo",)), "phnotes", "troib"),
    ],
)
def test_seed_single_outlet_claims_leave_the_other_outlet_silent(
    seed_result, keywords, reported_by: str, silent: str
) -> None:
    _, result = seed_result
    rows = rows_with(result, *keywords)
    assert rows
    for row in rows:
        cells = {cell.article_key: cell for cell in row.cells}
        assert cells[reported_by].label == "agree"
        assert cells[silent].label == "silent"
        assert cells[silent].evidence_text is None


def test_seed_cells_point_at_sentences_of_their_article(seed_result) -> None:
    articles, result = seed_result
    # Evidence is one sentence, or two adjacent ones when the claim spans both.
    sentences = {}
    for article in articles:
        spans = [(s.start, s.end) for s in split_sentences(article.text)]
        pairs = [(a[0], b[1]) for a, b in zip(spans, spans[1:], strict=False)]
        sentences[article.key] = set(spans) | set(pairs)
    texts = {article.key: article.text for article in articles}
    for row in result.assertions:
        assert [cell.article_key for cell in row.cells] == ["phnotes", "troib"]
        for cell in row.cells:
            if cell.label == "silent":
                continue
            assert (cell.evidence_start, cell.evidence_end) in sentences[cell.article_key]
            assert texts[cell.article_key][cell.evidence_start : cell.evidence_end] == (
                cell.evidence_text
            )
    assert [row.position for row in result.assertions] == list(range(len(result.assertions)))


def test_seed_attributions_name_the_cited_outlets(seed_result) -> None:
    _, result = seed_result
    attributed = {cell.attributed_to for row in result.assertions for cell in row.cells}
    assert {"Al-Watan", "Aydinlik", "SANA"} <= attributed
    assert "the Kyiv Post" in attributed
    # TROIB names RIA Novosti only in a credit line ("This development has also been
    # covered by Russia's RIA Novosti, which referenced a source within Syria."): no row
    # of its own, and the claim before it keeps the source it names, Al-Watan.
    assert not any("RIA Novosti" in row.text for row in result.assertions)


def test_it_is_deterministic_and_reports_progress(seed_result) -> None:
    articles, result = seed_result
    steps: list[tuple[str, float]] = []
    assert analyse_articles(articles, progress=lambda *step: steps.append(step)) == result
    assert [name for name, _ in steps][:-1] == list(STEPS)
    assert [fraction for _, fraction in steps] == sorted(fraction for _, fraction in steps)
    assert steps[-1][1] == 1.0


def test_it_finds_a_shared_fact_and_a_contradicted_number() -> None:
    result = analyse_articles([BRIDGE, BUGLE])
    closed = rows_with(result, ("bridge",), ("Monday",))[0]
    assert labels(closed) == {"planet": ("agree", False), "bugle": ("agree", True)}
    (workers,) = rows_with(result, ("workers",))
    assert {cell.label for cell in workers.cells} == {"agree", "contradict"}
    (mayor,) = rows_with(result, ("mayor",))
    assert labels(mayor) == {"planet": ("agree", False), "bugle": ("silent", False)}


def test_every_cell_says_why_and_matches_the_stance_command() -> None:
    result = analyse_articles([BRIDGE, BUGLE])
    (workers,) = rows_with(result, ("workers",))
    contradicting = next(cell for cell in workers.cells if cell.label == "contradict")
    assert contradicting.reason == "40 workers vs 120 workers" or (
        contradicting.reason == "120 workers vs 40 workers"
    )
    (mayor,) = rows_with(result, ("mayor",))
    silent = mayor.cells[1]
    assert silent.label == "silent" and silent.reason
    pair = classify_pairs([(mayor.text, BUGLE.text), (workers.text, BUGLE.text)])
    assert pair[0].label == silent.label and pair[0].reason == silent.reason
    bugle_workers = workers.cells[1]
    if bugle_workers.label != "agree" or bugle_workers.reason != "states the row's claim":
        assert (pair[1].label, pair[1].reason) == (bugle_workers.label, bugle_workers.reason)


def test_pairs_decided_inside_a_caller_s_run_leave_its_parses() -> None:
    with parse_run() as parses:
        parses.parse_ahead(["The mayor resigned on Tuesday."])
        classify_pairs([("The mayor resigned.", BRIDGE.text)])
        assert "The mayor resigned on Tuesday." in parses.parsed_texts()
    # Its own run is dropped chunk by chunk; nothing is left open.
    assert open_run() is None


def test_an_empty_article_is_silent_with_a_warning() -> None:
    empty = ArticleInput(key="empty", outlet="Blank", title="Nothing", text="   ")
    result = analyse_articles([BRIDGE, empty])
    assert result.assertions
    assert all(row.cells[1].label == "silent" for row in result.assertions)
    assert any("'Nothing' has no text" in warning for warning in result.warnings)


def test_identical_articles_agree_on_every_row() -> None:
    twin = ArticleInput(key="twin", outlet="Copycat", title="Bridge shut", text=BRIDGE.text)
    result = analyse_articles([BRIDGE, twin])
    assert result.assertions
    for row in result.assertions:
        assert [cell.label for cell in row.cells] == ["agree", "agree"]
        assert row.cells[0].evidence_start == row.cells[1].evidence_start


def test_a_one_line_article_works() -> None:
    line = ArticleInput(key="line", outlet="Wire", title="", text="The Rhine bridge closed.")
    result = analyse_articles([line])
    assert [row.text for row in result.assertions] == ["The Rhine bridge closed."]


def test_it_warns_about_non_english_and_overlong_articles() -> None:
    german = ArticleInput(
        key="de",
        outlet="Zeitung",
        title="Brücke",
        text=(
            "Die Brücke über den Rhein wurde am Montag gesperrt, nachdem Ingenieure Risse "
            "gefunden hatten. Der Bürgermeister ist am Dienstag zurückgetreten, sagte die Stadt."
        ),
    )
    result = analyse_articles([BRIDGE, german], config=PipelineConfig(max_words_per_article=20))
    assert any("'Brücke' looks non-English" in warning for warning in result.warnings)
    word_count = len(BRIDGE.text.split())
    assert any(f"'Bridge shut' has {word_count} words" in w for w in result.warnings)
    assert not rows_with(result, ("mayor",))


def test_it_refuses_no_articles_and_duplicate_keys() -> None:
    with pytest.raises(AnalysisError, match="no articles"):
        analyse_articles([])
    with pytest.raises(AnalysisError, match="same key"):
        analyse_articles([BRIDGE, BRIDGE])


def test_a_second_analysis_keeps_none_of_the_first_ones_parses() -> None:
    """A worker analyses many events in one process: each run's parses go when it ends."""
    runs = []

    def watch(step: str, fraction: float) -> None:
        runs.append(open_run())

    analyse_articles([BRIDGE, BUGLE], progress=watch)
    first = {id(run) for run in runs}
    first_texts = set(runs[-1].parsed_texts())
    assert len(first) == 1 and "The mayor resigned on Tuesday." in first_texts
    ended = weakref.ref(runs[-1])
    runs.clear()
    gc.collect()
    assert ended() is None and open_run() is None

    herald = ArticleInput(
        key="herald",
        outlet="Herald",
        title="Storm",
        text="A storm cut power to 3,000 homes on Sunday. Crews restored most lines by night.",
    )
    analyse_articles([herald, BUGLE], progress=watch)
    assert "The mayor resigned on Tuesday." not in runs[-1].parsed_texts()


def test_every_parse_comes_from_the_configured_model() -> None:
    """The configured spaCy model (here the default one, loaded from its folder) parses
    everything: the default model by name is never loaded."""
    script = f"""
import spacy.util
from coverage.analysis import nlp
from coverage.analysis.pairs import classify_pairs
from coverage.analysis.pipeline import ArticleInput, PipelineConfig, analyse_articles
folder = spacy.util.get_package_path(nlp.DEFAULT_MODEL)
model = str(next(path for path in folder.iterdir() if (path / "config.cfg").exists()))
articles = [ArticleInput(key=str(n), outlet=str(n), title="", text=text)
            for n, text in enumerate({[BRIDGE.text, BUGLE.text]!r})]
result = analyse_articles(articles, config=PipelineConfig(spacy_model=model))
assert result.assertions
classify_pairs([(result.assertions[0].text, articles[1].text)], spacy_model=model)
print(sorted(name == model for name in nlp._pipelines))
"""
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "[True]"


def test_the_stance_command_drops_each_chunks_parses_once_its_pairs_are_decided() -> None:
    held = []
    classify_pairs(
        [("The Rhine bridge closed on Monday.", BRIDGE.text), ("The mayor resigned.", BUGLE.text)],
        progress=lambda done, total: held.append(open_run().parsed_texts()),
    )
    assert held == [[]]


def test_an_outlet_citing_its_own_reporting_states_it_in_its_own_voice() -> None:
    herald = ArticleInput(
        key="herald",
        outlet="Tarnby Herald",
        title="Camp grows",
        text=(
            "Squatters have set up a camp on the common outside Tarnby. "
            "The Herald counted about 300 tents on the common on Sunday."
        ),
    )
    wire = ArticleInput(
        key="wire",
        outlet="North Wire",
        title="Camp",
        text=(
            "Squatters have set up a camp on the common outside Tarnby. "
            "The Herald counted about 300 tents on the common on Sunday, the newspaper said."
        ),
    )
    result = analyse_articles([herald, wire])
    tents = next(row for row in result.assertions if "300 tents" in row.text)
    own, passed_on = tents.cells
    assert own.label == "agree" and not own.hedged and own.attributed_to is None
    assert passed_on.label == "agree" and passed_on.hedged


def test_relative_days_are_compared_on_the_articles_publication_dates() -> None:
    """ "Yesterday" in Wednesday's paper is Tuesday, not the Monday another outlet gives;
    without the dates the two cannot be compared and both agree."""
    wednesday = dt.date(2026, 3, 4)
    planet = ArticleInput(
        key="planet",
        outlet="Daily Planet",
        title="Bridge shut",
        text="The Rhine bridge closed yesterday after engineers found cracks in its deck.",
        published=wednesday,
    )
    bugle = ArticleInput(
        key="bugle",
        outlet="The Bugle",
        title="Bridge shut",
        text="The Rhine bridge closed on Monday after engineers found cracks in its deck.",
        published=wednesday,
    )
    [row] = rows_with(analyse_articles([planet, bugle]), ("closed",))
    assert {cell.label for cell in row.cells} == {"agree", "contradict"}
    contradiction = next(cell for cell in row.cells if cell.label == "contradict")
    assert "(Tuesday 3 March)" in contradiction.reason
    assert "(2 March)" in contradiction.reason

    undated = [replace(article, published=None) for article in (planet, bugle)]
    [row] = rows_with(analyse_articles(undated), ("closed",))
    assert {cell.label for cell in row.cells} == {"agree"}


def test_counts_of_one_group_that_outlets_name_otherwise_share_a_row_as_a_conflict() -> None:
    """Both outlets have the court order the same people off the land, so the event's
    wording joins "families" and "encroachers" into one group; their counts of it are one
    claim in two versions, one row with the state broadcaster contradicting, not two rows
    each showing the other outlet silent."""
    agency = ArticleInput(
        key="agency",
        outlet="Vosmark Press Agency",
        title="Families occupy estate",
        text=(
            "Some 400 landless families occupied fallow land on the Orlec estate outside "
            "the town of Brisa before dawn on Tuesday, cutting through the perimeter fence. "
            "A district court in Brisa on Thursday ordered the families to leave the land "
            "within seven days."
        ),
    )
    broadcaster = ArticleInput(
        key="tv",
        outlet="Vosmark Television",
        title="Ministry on the estate",
        text=(
            "Fewer than 150 encroachers are on the Orlec estate, the Interior Ministry said "
            "on Friday, dismissing higher figures as exaggerated. The Brisa district court "
            "ordered the encroachers to leave the land within 48 hours."
        ),
    )
    result = analyse_articles([agency, broadcaster])
    counted = [a for a in result.assertions if "400" in a.text or "150" in a.text]
    assert len(counted) == 1
    (row,) = counted
    assert [cell.label for cell in row.cells] == ["agree", "contradict"]
    assert "families" in row.cells[1].reason and "encroachers" in row.cells[1].reason
