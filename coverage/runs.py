"""Running the automatic analysis on an event and storing its matrix.

The pipeline itself (coverage.analysis) works on plain data; this module loads an
event's articles, reports progress on an AnalysisRun, and writes the result in one
transaction without touching anything a person created or edited.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from coverage import services
from coverage.models import AnalysisRun, Assertion, Event, Origin, Revision, Sentence, Stance
from coverage.selectors import matrix_cache

if TYPE_CHECKING:
    from coverage.analysis.pipeline import AnalysisResult, PipelineConfig

logger = logging.getLogger(__name__)

# How often the worker writes progress: every step change, or this many percent.
PROGRESS_STEP_PERCENT = 2
# How often a running analysis says it is alive, whatever its progress. Well below
# PARALLAX_ANALYSIS_STALE_SECONDS, so only a dead worker is ever reported as stalled.
HEARTBEAT_SECONDS = 15


class AnalysisRefused(Exception):
    """The analysis cannot start; the message says why and what to do."""


def request_analysis(*, event: Event, user=None) -> AnalysisRun:
    """Create a queued run, refusing a second one while another is queued or running."""
    if not event.articles.exists():
        raise AnalysisRefused("This event has no articles yet: add some, then analyse it.")
    # A run whose worker died would otherwise block the event until someone opened its page.
    for active in event.analysis_runs.filter(status=AnalysisRun.Status.RUNNING):
        fail_if_stalled(active)
    try:
        with transaction.atomic():
            return AnalysisRun.objects.create(
                event=event, requested_by=user if getattr(user, "is_authenticated", False) else None
            )
    except IntegrityError:
        raise AnalysisRefused(
            "An analysis of this event is already queued or running. "
            "Wait for it to finish, then run it again."
        ) from None


def pipeline_config() -> PipelineConfig:
    """The pipeline's configuration from Django settings, so models can be swapped."""
    from coverage.analysis.pipeline import PipelineConfig

    overrides = {
        "spacy_model": settings.PARALLAX_SPACY_MODEL,
        "embedding_model_path": settings.PARALLAX_EMBEDDING_MODEL,
        "embedding_tokenizer_path": settings.PARALLAX_TOKENIZER,
        "max_words_per_article": settings.PARALLAX_MAX_ARTICLE_WORDS,
    }
    return PipelineConfig(**{key: value for key, value in overrides.items() if value})


def _progress_reporter(run: AnalysisRun) -> Callable[[str, float], None]:
    last = {"step": run.step, "percent": run.progress}

    def report(step: str, fraction: float) -> None:
        percent = max(0, min(99, int(fraction * 100)))
        if step == last["step"] and percent - last["percent"] < PROGRESS_STEP_PERCENT:
            return
        last.update(step=step, percent=percent)
        AnalysisRun.objects.filter(pk=run.pk).update(
            step=step, progress=percent, heartbeat_at=timezone.now()
        )

    return report


def execute_run(
    run_id: int, *, progress: Callable[[str, float], None] | None = None
) -> AnalysisRun:
    """Run a queued analysis to the end, recording success or a plain-language failure.

    The run is claimed with a conditional update from queued to running, so a task
    delivered twice (two workers, or a retry after a lost acknowledgement) runs the
    analysis once: the second delivery finds the run no longer queued and returns it.
    """
    from coverage.analysis.errors import AnalysisError
    from coverage.analysis.pipeline import ArticleInput, FixedRow, analyse_articles

    now = timezone.now()
    claimed = AnalysisRun.objects.filter(pk=run_id, status=AnalysisRun.Status.QUEUED).update(
        status=AnalysisRun.Status.RUNNING, started_at=now, heartbeat_at=now, step="Starting"
    )
    run = AnalysisRun.objects.select_related("event").get(pk=run_id)
    if not claimed:
        logger.warning(
            "Analysis run %s is %s, not queued: not running it again", run.pk, run.status
        )
        return run
    logger.info("Analysis run %s started for the event %s", run.pk, run.event.slug)
    report_to_run = _progress_reporter(run)

    def report(step: str, fraction: float) -> None:
        report_to_run(step, fraction)
        if progress is not None:
            progress(step, fraction)

    articles = list(run.event.articles.select_related("outlet").order_by("pk"))
    inputs = [
        ArticleInput(
            key=str(article.pk),
            outlet=article.outlet.name,
            title=article.title,
            text=article.text,
            # The stored time is UTC; the day is the site's (settings.TIME_ZONE).
            published=timezone.localdate(article.published_at) if article.published_at else None,
        )
        for article in articles
    ]
    fixed_rows = [
        FixedRow(key=str(assertion.pk), text=assertion.text)
        for assertion in rows_people_own(run.event)
    ]
    try:
        with _heartbeat(run.pk):
            result = analyse_articles(
                inputs, fixed_rows=fixed_rows, progress=report, config=pipeline_config()
            )
            report("Saving the matrix", 0.99)
            summary = store_result(run.event, result)
    except AnalysisError as error:
        _finish(run, AnalysisRun.Status.FAILED, str(error))
        raise
    except Exception:
        logger.exception("Analysis run %s failed", run.pk)
        _finish(
            run,
            AnalysisRun.Status.FAILED,
            "The analysis stopped because of an internal error; the matrix was not changed. "
            "Try again, and tell the administrator if it fails again.",
        )
        raise
    _finish(run, AnalysisRun.Status.SUCCEEDED, summary, warnings=list(result.warnings))
    run.refresh_from_db()
    return run


@contextmanager
def _heartbeat(run_id: int, every: float = HEARTBEAT_SECONDS) -> Iterator[None]:
    """Refresh the run's heartbeat from a thread while the block runs.

    Progress alone is no sign of life: one step on a large event can take minutes.
    The thread dies with the worker process, so a killed worker stops beating.
    """
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(every):
                try:
                    AnalysisRun.objects.filter(pk=run_id, status=AnalysisRun.Status.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except DatabaseError:
                    # A busy SQLite file or a database restart: the next beat may get through.
                    logger.warning("Could not record the heartbeat of run %s", run_id)
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"analysis-{run_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _finish(run: AnalysisRun, status: str, message: str, warnings: list[str] | None = None) -> None:
    AnalysisRun.objects.filter(pk=run.pk).update(
        status=status,
        message=message,
        warnings=warnings or [],
        progress=100 if status == AnalysisRun.Status.SUCCEEDED else run.progress,
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def _evidence_at(
    sentences: list[Sentence], start: int | None, end: int | None
) -> tuple[Sentence | None, Sentence | None]:
    """The stored sentence that contains ``start``, and the one that ends the evidence
    when the span from ``start`` to ``end`` runs into the next sentence (a claim stated
    across two adjacent sentences), else None."""
    if start is None:
        return None, None
    first = next((s for s in sentences if s.start <= start < s.end), None)
    if first is None or end is None or end <= first.end:
        return first, None
    last = next((s for s in sentences if s.start < end <= s.end), None)
    return first, last if last is not None and last.index > first.index else None


def rows_people_own(event: Event) -> list[Assertion]:
    """Rows people made or reworded, and rows with a cell a person set.

    The analysis aligns its claims to these rows and fills their machine cells, but
    never rewords or drops them, and never changes a cell a person set.
    """
    return list(
        event.assertions.filter(Q(origin=Origin.HUMAN) | Q(stances__origin=Origin.HUMAN))
        .distinct()
        .order_by("position", "pk")
    )


def _wordings_people_replaced(event: Event) -> set[str]:
    """Row wordings that people deleted, merged away, reworded or split.

    Re-analysis finds the same claims again; bringing their old rows back would undo
    the person's curation.
    """
    wordings: set[str] = set()
    for before in Revision.objects.filter(
        event=event,
        target_kind=Revision.TargetKind.ASSERTION,
        action__in=[
            Revision.Action.DELETE,
            Revision.Action.MERGE,
            Revision.Action.EDIT,
            Revision.Action.SPLIT,
        ],
    ).values_list("before", flat=True):
        # Edits and splits store the row itself; deletes and merges nest the rows.
        states = [
            before,
            before.get("assertion"),
            before.get("survivor"),
            *before.get("merged", []),
        ]
        wordings.update(_normalise(state["text"]) for state in states if state and "text" in state)
    return wordings


@transaction.atomic
def store_result(event: Event, result: AnalysisResult) -> str:
    """Write the pipeline's matrix, keeping every row and cell a person made or edited.

    Machine rows are matched to the new result by their wording, so re-running on
    unchanged input keeps the same rows (and their permalinks) and the same cells. A
    result for a row people own (``fixed_key``, see rows_people_own) fills that row's
    machine cells, unless the row was deleted or reworded since the analysis read it.
    The event's matrix lock is held from the first read to the commit: a person's
    correction sent meanwhile waits, then applies on top, so it always wins.
    """
    services.lock_matrix(event.pk)
    # Cells are written one by one; the cached matrix is told once, at the end.
    with matrix_cache.bulk_write(event):
        return _store_result(event, result)


def _store_result(event: Event, result: AnalysisResult) -> str:
    articles = {str(article.pk): article for article in event.articles.all()}
    sentences: dict[int, list[Sentence]] = {}
    for sentence in Sentence.objects.filter(article__event=event).order_by("article_id", "index"):
        sentences.setdefault(sentence.article_id, []).append(sentence)

    existing = list(event.assertions.order_by("position", "pk"))
    # (row, article) -> (cell id, whose it is), read under the lock: nothing changes it
    # until this transaction ends.
    cells = {
        (assertion_id, article_id): (pk, origin)
        for pk, assertion_id, article_id, origin in Stance.objects.filter(
            assertion__event=event
        ).values_list("pk", "assertion_id", "article_id", "origin")
    }
    touched_by_people = {
        assertion_id for (assertion_id, _), (_, origin) in cells.items() if origin == Origin.HUMAN
    }
    by_pk = {a.pk: a for a in existing}
    fixed = {int(row.fixed_key) for row in result.assertions if row.fixed_key is not None}
    machine_rows = {
        _normalise(a.text): a for a in existing if a.origin == Origin.MACHINE and a.pk not in fixed
    }

    removed_by_people = _wordings_people_replaced(event)
    # New rows wait past the end until the rows are renumbered below.
    next_free = 1 + max((a.position for a in existing), default=len(existing))
    now = timezone.now()
    produced: list[Assertion] = []
    new_cells: list[Stance] = []
    for row in result.assertions:
        if row.fixed_key is not None:
            assertion = by_pk.get(int(row.fixed_key))
            # Deleted or reworded meanwhile: these cells were decided for another wording.
            if assertion is None or _normalise(assertion.text) != _normalise(row.text):
                continue
        else:
            assertion = machine_rows.pop(_normalise(row.text), None)
            if assertion is None:
                if _normalise(row.text) in removed_by_people:
                    continue
                assertion = Assertion.objects.create(
                    event=event, text=row.text, origin=Origin.MACHINE, position=next_free
                )
                next_free += 1
            produced.append(assertion)
        for cell in row.cells:
            article = articles.get(cell.article_key)
            if article is None:
                continue
            silent = cell.label == Stance.Label.SILENT
            evidence, evidence_through = (
                (None, None)
                if silent
                else _evidence_at(
                    sentences.get(article.pk, []), cell.evidence_start, cell.evidence_end
                )
            )
            values = {
                "label": cell.label,
                "hedged": cell.hedged and not silent,
                "attributed_to": (cell.attributed_to or "")[:300] if not silent else "",
                "evidence": evidence,
                "evidence_through": evidence_through,
                "confidence": round(min(1.0, max(0.0, cell.confidence)), 4),
                "reason": cell.reason[:300],
                "origin": Origin.MACHINE,
            }
            known = cells.get((assertion.pk, article.pk))
            if known is None:
                new_cells.append(Stance(assertion=assertion, article=article, **values))
            elif known[1] != Origin.HUMAN:
                # Only while it is still the machine's: a person's cell is never written
                # over, even by a writer that did not take the lock.
                Stance.objects.filter(pk=known[0], origin=Origin.MACHINE).update(
                    **values, updated_at=now
                )
    Stance.objects.bulk_create(new_cells)

    dropped = [
        assertion for assertion in machine_rows.values() if assertion.pk not in touched_by_people
    ]
    Assertion.objects.filter(pk__in=[a.pk for a in dropped]).delete()
    dropped_ids = {a.pk for a in dropped}
    produced_ids = {a.pk for a in produced}
    kept = [a for a in existing if a.pk not in produced_ids and a.pk not in dropped_ids]
    services.renumber(event.pk, [a.pk for a in produced + kept])

    kept_note = (
        f" Kept {len(kept)} row{'s' if len(kept) != 1 else ''} added or corrected by people."
        if kept
        else ""
    )
    return (
        f"Found {len(produced)} assertion{'s' if len(produced) != 1 else ''} "
        f"across {len(articles)} article{'s' if len(articles) != 1 else ''}.{kept_note}"
    )


def latest_run(event: Event) -> AnalysisRun | None:
    """The event's most recent analysis, reported failed if its worker has died."""
    run = event.analysis_runs.first()
    return None if run is None else fail_if_stalled(run)


def fail_if_stalled(run: AnalysisRun) -> AnalysisRun:
    """Mark a running analysis failed when its worker stopped sending signs of life.

    A worker killed mid-run never reaches its own error handling; its transaction
    was rolled back, so the matrix is as it was, and the page must say so.
    """
    if run.status != AnalysisRun.Status.RUNNING or run.heartbeat_at is None:
        return run
    silent_for = (timezone.now() - run.heartbeat_at).total_seconds()
    if silent_for < settings.PARALLAX_ANALYSIS_STALE_SECONDS:
        return run
    AnalysisRun.objects.filter(pk=run.pk, status=AnalysisRun.Status.RUNNING).update(
        status=AnalysisRun.Status.FAILED,
        finished_at=timezone.now(),
        message=(
            "The worker running this analysis stopped responding, so it was abandoned. "
            "The matrix is unchanged; run the analysis again."
        ),
    )
    run.refresh_from_db()
    return run
