"""Storing analysis results without losing human work, and running analyses."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from coverage import runs, services
from coverage.analysis.pipeline import AnalysisResult, AssertionResult, CellResult
from coverage.models import AnalysisRun, Assertion, Origin, Stance
from tests.conftest import cell, make_article, make_assertion, make_event, make_outlet

pytestmark = pytest.mark.django_db


def agree(article, sentence_index: int, *, hedged: bool = False, source: str | None = None):
    sentence = article.sentences.get(index=sentence_index)
    return CellResult(
        article_key=str(article.pk),
        label="agree",
        hedged=hedged,
        evidence_start=sentence.start,
        evidence_end=sentence.end,
        evidence_text=sentence.text,
        confidence=0.9,
        attributed_to=source,
        cues=("reportedly",) if hedged else (),
    )


def silent(article):
    return CellResult(
        article_key=str(article.pk),
        label="silent",
        hedged=False,
        evidence_start=None,
        evidence_end=None,
        evidence_text=None,
        confidence=0.8,
        attributed_to=None,
        cues=(),
    )


@pytest.fixture
def two_articles():
    event = make_event()
    planet = make_article(event, make_outlet("Daily Planet"))
    bugle = make_article(
        event, make_outlet("The Bugle"), text="Reportedly the bridge shut on Monday. It rained."
    )
    return event, planet, bugle


def result_for(planet, bugle) -> AnalysisResult:
    return AnalysisResult(
        assertions=(
            AssertionResult(
                text="The bridge closed on Monday.",
                position=0,
                cells=(agree(planet, 0), agree(bugle, 0, hedged=True, source="police")),
            ),
            AssertionResult(
                text="Repairs take a week.", position=1, cells=(agree(planet, 1), silent(bugle))
            ),
        ),
        warnings=(),
    )


def test_it_stores_machine_rows_and_cells_with_evidence(two_articles):
    event, planet, bugle = two_articles
    message = runs.store_result(event, result_for(planet, bugle))
    assert message == "Found 2 assertions across 2 articles."
    closed, repairs = event.assertions.order_by("position")
    assert (closed.origin, repairs.origin) == ("machine", "machine")
    bugle_cell = cell(closed, bugle)
    assert (bugle_cell.label, bugle_cell.hedged, bugle_cell.attributed_to) == (
        "agree",
        True,
        "police",
    )
    assert bugle_cell.evidence.text == "Reportedly the bridge shut on Monday."
    assert cell(repairs, bugle).label == "silent" and cell(repairs, bugle).evidence is None


def test_rerunning_on_the_same_result_keeps_the_same_rows(two_articles):
    event, planet, bugle = two_articles
    runs.store_result(event, result_for(planet, bugle))
    before = list(event.assertions.values_list("pk", "text", "position"))
    cells_before = list(Stance.objects.values_list("pk", "label", "hedged", "evidence_id"))
    runs.store_result(event, result_for(planet, bugle))
    assert list(event.assertions.values_list("pk", "text", "position")) == before
    assert list(Stance.objects.values_list("pk", "label", "hedged", "evidence_id")) == cells_before


def test_people_s_rows_and_cells_survive_reanalysis(two_articles):
    event, planet, bugle = two_articles
    runs.store_result(event, result_for(planet, bugle))
    human_row = make_assertion(event, "A person's own claim.")
    closed = event.assertions.get(text="The bridge closed on Monday.")
    corrected = services.set_stance(
        stance=cell(closed, bugle),
        label="contradict",
        hedged=False,
        evidence=bugle.sentences.get(index=1),
        note="Checked by hand.",
    )
    repairs = event.assertions.get(text="Repairs take a week.")
    services.set_stance(stance=cell(repairs, bugle), label="silent", hedged=False, evidence=None)

    # The next analysis no longer finds either machine row.
    runs.store_result(event, AnalysisResult(assertions=(), warnings=()))

    assert Assertion.objects.filter(pk=human_row.pk).exists()
    corrected.refresh_from_db()
    assert (corrected.label, corrected.note, corrected.origin) == (
        "contradict",
        "Checked by hand.",
        Origin.HUMAN,
    )
    # A machine row a person corrected a cell of is kept; untouched ones go.
    assert set(event.assertions.values_list("text", flat=True)) == {
        "The bridge closed on Monday.",
        "Repairs take a week.",
        "A person's own claim.",
    }


def test_machine_rows_nobody_touched_are_replaced(two_articles):
    event, planet, bugle = two_articles
    runs.store_result(event, result_for(planet, bugle))
    changed = AnalysisResult(
        assertions=(
            AssertionResult(text="It rained.", position=0, cells=(silent(planet), agree(bugle, 1))),
        ),
        warnings=(),
    )
    runs.store_result(event, changed)
    assert list(event.assertions.values_list("text", flat=True)) == ["It rained."]
    assert Stance.objects.count() == 2


def test_a_second_analysis_is_refused_while_one_is_active(two_articles):
    event, _, _ = two_articles
    first = runs.request_analysis(event=event)
    with pytest.raises(runs.AnalysisRefused, match="already queued or running"):
        runs.request_analysis(event=event)
    AnalysisRun.objects.filter(pk=first.pk).update(status=AnalysisRun.Status.SUCCEEDED)
    assert runs.request_analysis(event=event).status == AnalysisRun.Status.QUEUED


def test_an_event_without_articles_cannot_be_analysed():
    with pytest.raises(runs.AnalysisRefused, match="no articles yet"):
        runs.request_analysis(event=make_event())


def test_a_run_whose_worker_went_silent_is_reported_failed(two_articles, settings):
    event, _, _ = two_articles
    run = runs.request_analysis(event=event)
    settings.PARALLAX_ANALYSIS_STALE_SECONDS = 0
    AnalysisRun.objects.filter(pk=run.pk).update(
        status=AnalysisRun.Status.RUNNING, heartbeat_at="2020-01-01T00:00:00Z"
    )
    run = runs.fail_if_stalled(AnalysisRun.objects.get(pk=run.pk))
    assert run.status == AnalysisRun.Status.FAILED
    assert "stopped responding" in run.message
    assert runs.request_analysis(event=event).is_active


def test_rows_people_deleted_merged_or_reworded_do_not_come_back(two_articles, editor):
    event, planet, bugle = two_articles
    runs.store_result(event, result_for(planet, bugle))
    closed = event.assertions.get(text="The bridge closed on Monday.")
    repairs = event.assertions.get(text="Repairs take a week.")
    services.edit_assertion(assertion=closed, text="The bridge shut on Monday.", user=editor)
    services.delete_assertion(assertion=repairs, user=editor)

    runs.store_result(event, result_for(planet, bugle))

    assert list(event.assertions.values_list("text", flat=True)) == ["The bridge shut on Monday."]


@pytest.fixture
def flood_coverage():
    """Two outlets stating one claim in other words, and a claim each of their own."""
    event = make_event()
    wire = make_article(
        event,
        make_outlet("Wire"),
        text="The old bridge over the Elm river was closed to traffic on Monday after floods. "
        "Repairs will take a week.",
    )
    local = make_article(
        event,
        make_outlet("Local"),
        text="On Monday the Elm river bridge was shut to all traffic, police said. "
        "It rained all day.",
    )
    return event, wire, local


def analyse_now(event) -> AnalysisRun:
    """The worker's job, with the real pipeline and models."""
    return runs.execute_run(runs.request_analysis(event=event).pk)


def test_an_analysis_aligns_its_claims_to_a_row_people_made_and_fills_its_cells(
    flood_coverage,
):
    event, wire, local = flood_coverage
    own = make_assertion(event, "Floods closed the Elm bridge on Monday.")

    assert analyse_now(event).status == AnalysisRun.Status.SUCCEEDED

    # No machine row repeats the person's claim: the outlets' sentences fill its cells.
    texts = set(event.assertions.values_list("text", flat=True))
    assert "Floods closed the Elm bridge on Monday." in texts
    assert not {text for text in texts if "bridge" in text.lower()} - {own.text}
    own.refresh_from_db()
    assert own.origin == Origin.HUMAN
    assert (cell(own, wire).label, cell(own, local).label) == ("agree", "agree")
    assert cell(own, local).hedged
    assert cell(own, local).evidence.text.startswith("On Monday the Elm river bridge")
    assert {cell(own, wire).origin, cell(own, local).origin} == {Origin.MACHINE}


def test_an_analysis_never_changes_a_cell_people_set_on_their_row(flood_coverage, editor):
    event, wire, local = flood_coverage
    own = make_assertion(event, "Floods closed the Elm bridge on Monday.")
    services.set_stance(
        stance=cell(own, wire), label="silent", hedged=False, evidence=None, note="Not floods."
    )

    analyse_now(event)

    mine = cell(own, wire)
    assert (mine.label, mine.note, mine.origin) == ("silent", "Not floods.", Origin.HUMAN)
    assert (cell(own, local).label, cell(own, local).origin) == ("agree", Origin.MACHINE)
    own.refresh_from_db()
    assert own.text == "Floods closed the Elm bridge on Monday."


def test_rows_people_reword_keep_their_wording_and_get_their_cells_decided(flood_coverage, editor):
    event, wire, local = flood_coverage
    analyse_now(event)
    repairs = event.assertions.get(text="Repairs will take a week.")
    services.edit_assertion(
        assertion=repairs, text="Repairs to the bridge take a week.", user=editor
    )

    analyse_now(event)

    repairs.refresh_from_db()
    assert (repairs.text, repairs.origin) == ("Repairs to the bridge take a week.", Origin.HUMAN)
    assert (cell(repairs, wire).label, cell(repairs, local).label) == ("agree", "silent")
    assert not event.assertions.filter(text="Repairs will take a week.").exists()
    assert event.assertions.count() == 3


def test_a_row_deleted_or_reworded_while_the_analysis_ran_is_left_alone(flood_coverage, editor):
    from coverage.analysis.pipeline import ArticleInput, FixedRow, analyse_articles

    event, wire, local = flood_coverage
    gone = make_assertion(event, "Floods closed the Elm bridge on Monday.")
    reworded = make_assertion(event, "It rained all day.")
    result = analyse_articles(
        [ArticleInput(str(a.pk), a.outlet.name, a.title, a.text) for a in (wire, local)],
        fixed_rows=[FixedRow(str(row.pk), row.text) for row in (gone, reworded)],
    )
    services.delete_assertion(assertion=gone, user=editor)
    services.edit_assertion(assertion=reworded, text="Rain fell all Monday.", user=editor)

    runs.store_result(event, result)

    assert not Assertion.objects.filter(pk=gone.pk).exists()
    assert set(reworded.stances.values_list("label", flat=True)) == {"silent"}


def test_the_analysis_reason_is_stored_with_each_cell(two_articles):
    event, planet, bugle = two_articles
    why = "Monday agrees with Monday"
    result = AnalysisResult(
        assertions=(
            AssertionResult(
                text="The bridge closed on Monday.",
                position=0,
                cells=(
                    replace(agree(planet, 0), reason=why),
                    replace(silent(bugle), reason="x" * 400),
                ),
            ),
        ),
        warnings=(),
    )
    runs.store_result(event, result)
    (closed,) = event.assertions.all()
    assert cell(closed, planet).reason == why
    # Cut to the field's length rather than refused.
    assert cell(closed, bugle).reason == "x" * 300


def test_evidence_across_two_adjacent_sentences_is_stored_whole(two_articles):
    """A claim stated across two sentences keeps both: the first and the one it ends in."""
    event, planet, bugle = two_articles
    first, second = bugle.sentences.get(index=0), bugle.sentences.get(index=1)
    spanning = replace(
        agree(bugle, 0),
        evidence_end=second.end,
        evidence_text=bugle.text[first.start : second.end],
    )
    result = AnalysisResult(
        assertions=(
            AssertionResult(
                text="The bridge closed on Monday in the rain.",
                position=0,
                cells=(agree(planet, 0), spanning),
            ),
        ),
        warnings=(),
    )
    runs.store_result(event, result)
    (closed,) = event.assertions.all()
    stored = cell(closed, bugle)
    assert (stored.evidence, stored.evidence_through) == (first, second)
    assert stored.evidence_text == "Reportedly the bridge shut on Monday. It rained."
    # One sentence stays one sentence.
    assert cell(closed, planet).evidence_through is None


def test_the_analysis_reads_each_article_with_its_publication_day(monkeypatch, settings):
    """ "Yesterday" is read from the day the article came out, in the site's time zone."""
    settings.TIME_ZONE = "Europe/Berlin"
    event = make_event()
    planet = make_article(
        event,
        make_outlet("Planet"),
        published_at=dt.datetime(2026, 3, 3, 23, 30, tzinfo=dt.UTC),
    )
    undated = make_article(event, make_outlet("Bugle"))
    seen = {}

    def analyse(articles, **kwargs):
        seen.update({article.key: article.published for article in articles})
        return AnalysisResult(assertions=(), warnings=())

    monkeypatch.setattr("coverage.analysis.pipeline.analyse_articles", analyse)
    analyse_now(event)
    assert seen == {str(planet.pk): dt.date(2026, 3, 4), str(undated.pk): None}
