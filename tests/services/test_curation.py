"""Correcting the matrix: every change is recorded, merges undo exactly, re-analysis keeps it."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from django.db import IntegrityError, connection, transaction

from coverage import runs, services
from coverage.analysis.pipeline import AnalysisResult, AssertionResult, CellResult
from coverage.models import Assertion, Origin, Outlet, Revision, Stance
from tests.conftest import cell, make_article, make_assertion, make_event, make_outlet

pytestmark = pytest.mark.django_db


def machine_cell(article, label: str = "agree", sentence: int = 0) -> CellResult:
    speaking = label != "silent"
    found = article.sentences.get(index=sentence) if speaking else None
    return CellResult(
        article_key=str(article.pk),
        label=label,
        hedged=False,
        evidence_start=found.start if found else None,
        evidence_end=found.end if found else None,
        evidence_text=found.text if found else None,
        confidence=0.8,
        attributed_to=None,
        cues=(),
    )


def analyse(event, rows: dict[str, list[CellResult]]) -> None:
    runs.store_result(
        event,
        AnalysisResult(
            assertions=tuple(
                AssertionResult(text=text, position=position, cells=tuple(cells))
                for position, (text, cells) in enumerate(rows.items())
            ),
            warnings=(),
        ),
    )


@pytest.fixture
def machine_matrix(editor):
    """Three machine rows over two articles, as the analysis leaves them."""
    event = make_event()
    event.editors.add(editor)
    planet = make_article(event, make_outlet("Daily Planet"))
    bugle = make_article(
        event, make_outlet("The Bugle"), text="Reportedly the bridge shut on Monday. It rained."
    )
    rows = {
        "The bridge closed on Monday.": [machine_cell(planet), machine_cell(bugle, "silent")],
        "The bridge shut on Monday.": [machine_cell(planet, "silent"), machine_cell(bugle)],
        "It rained.": [machine_cell(planet, "silent"), machine_cell(bugle, "agree", 1)],
    }
    analyse(event, rows)
    return event, planet, bugle, rows


def snapshot(event) -> tuple[list[dict], list[dict]]:
    """Every stored field of the event's rows and cells."""
    return (
        list(Assertion.objects.filter(event=event).order_by("pk").values()),
        list(Stance.objects.filter(assertion__event=event).order_by("pk").values()),
    )


def rows_of(event) -> list[str]:
    return list(event.assertions.order_by("position").values_list("text", flat=True))


# Editing a row


def test_rewording_makes_the_row_a_person_s_and_records_both_wordings(machine_matrix, editor):
    event, *_ = machine_matrix
    row = event.assertions.get(position=0)
    services.edit_assertion(assertion=row, text="  The bridge   closed Monday. ", user=editor)
    row.refresh_from_db()
    assert (row.text, row.origin) == ("The bridge closed Monday.", "human")
    revision = Revision.objects.get(action="edit")
    assert (revision.user, revision.target_kind, revision.target_id) == (
        editor,
        "assertion",
        row.pk,
    )
    assert revision.before == {"text": "The bridge closed on Monday.", "origin": "machine"}
    assert revision.after == {"text": "The bridge closed Monday.", "origin": "human"}
    assert "Reworded" in revision.summary


def test_an_empty_wording_is_refused_and_an_unchanged_one_is_not_recorded(machine_matrix, editor):
    event, *_ = machine_matrix
    row = event.assertions.get(position=0)
    with pytest.raises(services.CurationProblem, match="short sentence"):
        services.edit_assertion(assertion=row, text=" ", user=editor)
    services.edit_assertion(assertion=row, text=row.text, user=editor)
    assert not Revision.objects.filter(action="edit").exists()


# Setting a cell


def test_setting_a_cell_records_its_history(machine_matrix, editor):
    event, planet, _bugle, _rows = machine_matrix
    stance = cell(event.assertions.get(position=0), planet)
    services.set_stance(
        stance=stance, label="contradict", hedged=True, evidence=None, note="Wrong.", user=editor
    )
    revision = Revision.objects.get(action="set_cell")
    assert (revision.target_kind, revision.target_id, revision.user) == (
        "stance",
        stance.pk,
        editor,
    )
    assert (revision.before["label"], revision.before["origin"]) == ("agree", "machine")
    assert revision.after["label"] == "contradict" and revision.after["note"] == "Wrong."
    assert revision.after["evidence_id"] is None and revision.before["evidence_id"] is not None
    assert revision.summary == "Daily Planet: agrees → contradicts, hedged"


# Merging


def test_a_merge_keeps_the_strongest_cell_per_article(machine_matrix, editor):
    event, planet, bugle, _rows = machine_matrix
    closed, shut, rained = event.assertions.order_by("position")
    # A person says the Bugle is silent on "rained": a human cell beats a machine agree.
    services.set_stance(
        stance=cell(rained, bugle), label="silent", hedged=False, evidence=None, user=editor
    )
    services.merge_assertions(survivor=shut, others=[closed, rained], text=closed.text, user=editor)
    assert rows_of(event) == ["The bridge closed on Monday."]
    survivor = event.assertions.get()
    assert (survivor.pk, survivor.origin, survivor.position) == (shut.pk, "human", 0)
    planet_cell, bugle_cell = cell(survivor, planet), cell(survivor, bugle)
    # Planet: shut was silent, closed agreed (machine): the agreement and its evidence win.
    assert (planet_cell.label, planet_cell.origin) == ("agree", "machine")
    assert planet_cell.evidence == planet.sentences.get(index=0)
    # Bugle: the person's silence on "rained" beats both machine agreements.
    assert (bugle_cell.label, bugle_cell.origin, bugle_cell.updated_by) == (
        "silent",
        "human",
        editor,
    )
    revision = Revision.objects.get(action="merge")
    assert revision.target_id == shut.pk and revision.user == editor
    assert [row["id"] for row in revision.before["merged"]] == [closed.pk, rained.pk]
    assert revision.before["survivor"]["text"] == "The bridge shut on Monday."
    assert revision.after["survivor"]["text"] == "The bridge closed on Monday."


def test_a_merge_needs_another_row_of_the_same_event(machine_matrix, editor):
    event, *_ = machine_matrix
    row = event.assertions.first()
    with pytest.raises(services.CurationProblem, match="at least one other row"):
        services.merge_assertions(survivor=row, others=[row], text=row.text, user=editor)
    elsewhere = make_assertion(make_event(title="Other", slug="other"), "Elsewhere.")
    with pytest.raises(services.CurationProblem, match="same event"):
        services.merge_assertions(survivor=row, others=[elsewhere], text=row.text, user=editor)
    assert event.assertions.count() == 3 and not Revision.objects.filter(action="merge").exists()


def test_undoing_a_merge_restores_rows_and_cells_exactly(machine_matrix, editor):
    event, planet, bugle, _rows = machine_matrix
    closed, shut, rained = event.assertions.order_by("position")
    services.set_stance(
        stance=cell(closed, bugle),
        label="agree",
        hedged=True,
        evidence=bugle.sentences.get(index=0),
        note="Hedged: reportedly.",
        user=editor,
    )
    before = snapshot(event)
    merge = services.merge_assertions(
        survivor=rained, others=[closed, shut], text="It rained on Monday.", user=editor
    )
    assert event.assertions.count() == 1
    undo = services.undo_revision(revision=merge, user=editor)
    assert snapshot(event) == before
    assert rows_of(event) == [closed.text, shut.text, rained.text]
    assert (undo.action, undo.undoes, undo.user) == ("undo", merge, editor)
    assert "restored 3 rows" in undo.summary


def test_a_merge_undoes_after_articles_were_added_with_silent_cells_for_them(
    machine_matrix, editor
):
    event, planet, _bugle, _rows = machine_matrix
    closed, shut, _rained = event.assertions.order_by("position")
    merge = services.merge_assertions(survivor=closed, others=[shut], text=closed.text, user=editor)
    herald = make_article(event, make_outlet("The Herald"))
    services.undo_revision(revision=merge, user=editor)
    restored = event.assertions.get(pk=shut.pk)
    assert cell(restored, herald).label == "silent"
    assert restored.stances.count() == 3


@pytest.mark.parametrize("change", ["edit", "set_cell", "delete"])
def test_undoing_a_merge_is_refused_after_the_merged_row_changed(machine_matrix, editor, change):
    event, planet, _bugle, _rows = machine_matrix
    closed, shut, _rained = event.assertions.order_by("position")
    merge = services.merge_assertions(survivor=closed, others=[shut], text=shut.text, user=editor)
    if change == "edit":
        services.edit_assertion(assertion=closed, text="Reworded after the merge.", user=editor)
    elif change == "set_cell":
        services.set_stance(
            stance=cell(closed, planet), label="silent", hedged=False, evidence=None, user=editor
        )
    else:
        services.delete_assertion(assertion=closed, user=editor)
    before = snapshot(event)
    with pytest.raises(services.UndoRefused, match="after the merge"):
        services.undo_revision(revision=merge, user=editor)
    assert snapshot(event) == before
    assert not Revision.objects.filter(action="undo").exists()


def test_a_merge_is_undone_only_once(machine_matrix, editor):
    event, *_ = machine_matrix
    closed, shut, _rained = event.assertions.order_by("position")
    merge = services.merge_assertions(survivor=closed, others=[shut], text=shut.text, user=editor)
    services.undo_revision(revision=merge, user=editor)
    with pytest.raises(services.UndoRefused, match="already been undone"):
        services.undo_revision(revision=merge, user=editor)
    assert event.assertions.count() == 3


def test_only_merges_deletions_and_cell_corrections_can_be_undone(machine_matrix, editor):
    event, *_ = machine_matrix
    row = event.assertions.first()
    services.edit_assertion(assertion=row, text="A new wording.", user=editor)
    with pytest.raises(services.UndoRefused, match="Only merges, deletions and cell corrections"):
        services.undo_revision(revision=Revision.objects.get(action="edit"), user=editor)


# Splitting


def test_a_split_gives_both_parts_copies_of_the_cells_marked_human(machine_matrix, editor):
    event, planet, bugle, _rows = machine_matrix
    closed = event.assertions.get(position=0)
    original = {s.article_id: (s.label, s.evidence_id) for s in closed.stances.all()}
    second = services.split_assertion(
        assertion=closed,
        first_text="The bridge closed.",
        second_text="It happened on Monday.",
        user=editor,
    )
    assert rows_of(event) == [
        "The bridge closed.",
        "It happened on Monday.",
        "The bridge shut on Monday.",
        "It rained.",
    ]
    for row in (closed, second):
        stances = list(Stance.objects.filter(assertion=row))
        assert {s.article_id: (s.label, s.evidence_id) for s in stances} == original
        assert {(s.origin, s.updated_by_id) for s in stances} == {("human", editor.pk)}
    assert Assertion.objects.get(pk=closed.pk).origin == "human" and second.origin == "human"
    split = Revision.objects.filter(action="split")
    assert sorted(split.values_list("target_id", flat=True)) == sorted([closed.pk, second.pk])
    assert split.first().before["text"] == "The bridge closed on Monday."


def test_a_split_into_two_equal_parts_is_refused(machine_matrix, editor):
    event, *_ = machine_matrix
    row = event.assertions.first()
    with pytest.raises(services.CurationProblem, match="the same"):
        services.split_assertion(
            assertion=row, first_text="A b c", second_text="A  b c", user=editor
        )
    assert event.assertions.count() == 3


# Reordering and deleting


def test_moving_a_row_renumbers_the_others_and_is_recorded(machine_matrix, editor):
    event, *_ = machine_matrix
    rained = event.assertions.get(text="It rained.")
    services.move_assertion(assertion=rained, position=0, user=editor)
    assert rows_of(event) == [
        "It rained.",
        "The bridge closed on Monday.",
        "The bridge shut on Monday.",
    ]
    assert list(event.assertions.order_by("position").values_list("position", flat=True)) == [
        0,
        1,
        2,
    ]
    services.move_assertion(assertion=rained, position=99, user=editor)
    assert rows_of(event)[-1] == "It rained."
    moves = Revision.objects.filter(action="reorder").order_by("pk")
    assert [(m.before, m.after) for m in moves] == [
        ({"position": 3}, {"position": 1}),
        ({"position": 1}, {"position": 3}),
    ]
    services.move_assertion(assertion=rained, position=2, user=editor)
    assert moves.count() == 2


def test_a_deleted_row_can_be_restored_with_its_cells(machine_matrix, editor):
    event, *_ = machine_matrix
    before = snapshot(event)
    shut = event.assertions.get(position=1)
    deletion = services.delete_assertion(assertion=shut, user=editor)
    assert rows_of(event) == ["The bridge closed on Monday.", "It rained."]
    assert deletion.before["assertion"]["text"] == "The bridge shut on Monday."
    assert deletion.target_id == shut.pk
    services.undo_revision(revision=deletion, user=editor)
    assert snapshot(event) == before


# Re-analysis keeps people's work


def test_reanalysis_keeps_edited_merged_and_split_rows(machine_matrix, editor):
    event, planet, bugle, rows = machine_matrix
    closed, shut, rained = event.assertions.order_by("position")
    services.edit_assertion(assertion=rained, text="It rained all day.", user=editor)
    services.merge_assertions(survivor=closed, others=[shut], text=closed.text, user=editor)
    second = services.split_assertion(
        assertion=closed, first_text="The bridge closed.", second_text="On Monday.", user=editor
    )
    kept = snapshot(event)
    analyse(event, rows)
    for pk in (closed.pk, second.pk, rained.pk):
        row = Assertion.objects.get(pk=pk)
        assert row.origin == Origin.HUMAN
    after_rows, after_cells = snapshot(event)
    kept_rows = {row["id"]: row for row in kept[0]}
    for row in after_rows:
        if row["id"] in kept_rows:
            assert (row["text"], row["origin"]) == (
                kept_rows[row["id"]]["text"],
                kept_rows[row["id"]]["origin"],
            )
    kept_cells = {c["id"]: c for c in kept[1]}
    for stance in after_cells:
        if stance["id"] in kept_cells:
            assert stance == kept_cells[stance["id"]]


# Stale forms and undoing a cell correction


def test_a_correction_made_on_an_older_cell_is_refused_and_says_what_changed(
    machine_matrix, editor, other_editor
):
    event, planet, *_ = machine_matrix
    stance = event.assertions.get(position=0).stances.get(article=planet)
    opened_on = services.stance_version(stance)
    services.set_stance(
        stance=stance,
        label="contradict",
        hedged=True,
        evidence=planet.sentences.get(index=1),
        note="Per the mayor.",
        user=other_editor,
    )

    with pytest.raises(services.StaleCell) as stale:
        services.set_stance(
            stance=stance,
            label="silent",
            hedged=False,
            evidence=None,
            user=editor,
            version=opened_on,
        )

    assert str(stale.value).startswith("carol changed this cell while you had it open")
    changes = {change.field: (change.was, change.now) for change in stale.value.changes}
    assert changes["Stance"] == ("Agrees", "Contradicts")
    assert changes["Hedged"] == ("no", "yes")
    assert changes["Note"] == ("none", "Per the mayor.")
    assert changes["Set by"] == ("the analysis", "a person")
    stance.refresh_from_db()
    assert (stance.label, stance.updated_by) == ("contradict", other_editor)
    assert Revision.objects.filter(action="set_cell").count() == 1


def test_a_correction_on_the_current_cell_is_saved(machine_matrix, editor):
    event, planet, *_ = machine_matrix
    stance = event.assertions.get(position=0).stances.get(article=planet)
    saved = services.set_stance(
        stance=stance,
        label="silent",
        hedged=False,
        evidence=None,
        user=editor,
        version=services.stance_version(stance),
    )
    assert (saved.label, saved.origin) == ("silent", Origin.HUMAN)


def test_undoing_a_cell_correction_puts_the_machine_s_cell_back(machine_matrix, editor):
    event, planet, *_ = machine_matrix
    stance = event.assertions.get(position=0).stances.get(article=planet)
    before = Stance.objects.filter(pk=stance.pk).values().get()
    services.set_stance(stance=stance, label="silent", hedged=False, evidence=None, user=editor)
    correction = Revision.objects.get(action="set_cell")

    undo = services.undo_revision(revision=correction, user=editor)

    after = Stance.objects.filter(pk=stance.pk).values().get()
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }
    assert after["origin"] == Origin.MACHINE
    assert (undo.target_kind, undo.target_id) == (Revision.TargetKind.STANCE, stance.pk)
    assert (
        undo.summary
        == "Undid the correction of Daily Planet: back to agrees (as the analysis had it)"
    )
    with pytest.raises(services.UndoRefused, match="already been undone"):
        services.undo_revision(revision=correction, user=editor)


def test_a_cell_correction_changed_again_cannot_be_undone(machine_matrix, editor):
    event, planet, *_ = machine_matrix
    stance = event.assertions.get(position=0).stances.get(article=planet)
    services.set_stance(stance=stance, label="silent", hedged=False, evidence=None, user=editor)
    first = Revision.objects.get(action="set_cell")
    services.set_stance(
        stance=stance,
        label="contradict",
        hedged=False,
        evidence=planet.sentences.first(),
        user=editor,
    )

    with pytest.raises(services.UndoRefused, match="changed again after this correction"):
        services.undo_revision(revision=first, user=editor)
    stance.refresh_from_db()
    assert stance.label == "contradict"


# Outlets


def test_changing_an_outlet_is_recorded_in_its_history(machine_matrix, editor):
    _event, planet, *_ = machine_matrix
    services.update_outlet(
        outlet=planet.outlet,
        changes={"country": "United Kingdom", "ownership_kind": "state_controlled"},
        user=editor,
    )

    revision = Revision.objects.get(target_kind=Revision.TargetKind.OUTLET)
    assert (revision.target_id, revision.user, revision.event) == (planet.outlet_id, editor, None)
    assert revision.before == {"country": "", "ownership_kind": "unknown"}
    assert revision.after == {"country": "United Kingdom", "ownership_kind": "state_controlled"}
    assert revision.summary == (
        "Changed Daily Planet: country — → “United Kingdom”; "
        "ownership kind “Unknown” → “State-controlled”"
    )


# Row positions


def test_rows_keep_unique_positions_through_additions_splits_and_undo(machine_matrix, editor):
    event, *_ = machine_matrix
    first = event.assertions.get(position=0)
    services.split_assertion(
        assertion=first, first_text="The bridge closed.", second_text="It was Monday.", user=editor
    )
    deleted = services.delete_assertion(assertion=event.assertions.get(position=1), user=editor)
    make_assertion(event, "A row added after the deletion.")
    services.undo_revision(revision=deleted, user=editor)
    positions = list(event.assertions.order_by("position").values_list("position", flat=True))
    assert positions == list(range(len(positions)))


def test_the_database_refuses_two_rows_in_one_place(machine_matrix):
    event, *_ = machine_matrix
    with pytest.raises(IntegrityError), transaction.atomic():
        Assertion.objects.create(event=event, text="Squatter.", position=0)


@pytest.mark.django_db(transaction=True)
def test_parallel_additions_take_one_place_each():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one write at a time, so additions cannot race there.")
    event = make_event()
    make_article(event, make_outlet())
    ready = threading.Barrier(12)
    failures: list[BaseException] = []

    def add(number: int) -> None:
        try:
            ready.wait()
            services.add_assertion(event=event, text=f"Claim number {number}.")
        except Exception as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(number,)) for number in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not failures
    positions = sorted(event.assertions.values_list("position", flat=True))
    assert positions == list(range(12))


def test_a_correction_replaces_what_the_analysis_wrote_after_the_form_was_opened(
    machine_matrix, editor
):
    event, planet, bugle, rows = machine_matrix
    stance = event.assertions.get(position=0).stances.get(article=planet)
    opened_on = services.stance_version(stance)
    rows["The bridge closed on Monday."][0] = machine_cell(planet, "contradict", 1)
    analyse(event, rows)
    stance.refresh_from_db()
    assert services.stance_version(stance) != opened_on

    saved = services.set_stance(
        stance=stance, label="silent", hedged=False, evidence=None, user=editor, version=opened_on
    )
    assert (saved.label, saved.origin) == ("silent", Origin.HUMAN)


def test_relabelling_a_cell_clears_the_analysis_reason_and_undo_brings_it_back(editor):
    event = make_event()
    event.editors.add(editor)
    planet = make_article(event, make_outlet("Daily Planet"))
    why = "Monday agrees with Monday"
    analyse(event, {"The bridge closed on Monday.": [replace(machine_cell(planet), reason=why)]})
    stance = cell(event.assertions.get(), planet)
    assert stance.reason == why

    services.set_stance(stance=stance, label="silent", hedged=False, evidence=None, user=editor)
    stance.refresh_from_db()
    assert (stance.label, stance.reason) == ("silent", "")

    services.undo_revision(revision=Revision.objects.get(action="set_cell"), user=editor)
    stance.refresh_from_db()
    assert (stance.label, stance.reason) == ("agree", why)


# Filling an outlet's empty details from the curated list of agencies


def test_filling_from_the_list_keeps_a_person_s_values_and_is_recorded(editor) -> None:
    outlet = make_outlet("Sputnik", country="Somewhere", notes="Our own note.")

    filled = services.fill_outlet_from_curated_list(outlet=outlet, user=editor)

    assert filled is not None and list(filled.changes) == ["ownership_kind", "homepage"]
    outlet.refresh_from_db()
    assert (outlet.country, outlet.notes) == ("Somewhere", "Our own note.")
    assert (outlet.ownership_kind, outlet.homepage) == (
        "state_controlled",
        "https://sputnikglobe.com/",
    )
    revision = Revision.objects.get(target_kind=Revision.TargetKind.OUTLET, target_id=outlet.pk)
    assert revision.user == editor and revision.action == Revision.Action.EDIT
    assert revision.before == {"ownership_kind": "unknown", "homepage": ""}
    assert revision.after == {
        "ownership_kind": "state_controlled",
        "homepage": "https://sputnikglobe.com/",
    }


def test_filling_reads_the_outlet_as_stored_not_as_the_caller_saw_it(editor) -> None:
    outlet = make_outlet("Sputnik")
    Outlet.objects.filter(pk=outlet.pk).update(country="Saved meanwhile")

    services.fill_outlet_from_curated_list(outlet=outlet, user=editor)

    outlet.refresh_from_db()
    assert outlet.country == "Saved meanwhile" and outlet.ownership_kind == "state_controlled"


def test_an_unknown_or_complete_outlet_is_left_unchanged_and_unrecorded(editor) -> None:
    unknown = make_outlet("Harbour Post")

    assert services.fill_outlet_from_curated_list(outlet=unknown, user=editor) is None
    assert not Revision.objects.filter(target_kind=Revision.TargetKind.OUTLET).exists()
