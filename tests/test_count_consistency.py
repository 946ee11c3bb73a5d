"""Every page shows the same numbers for each row and outlet of the demo events.

The matrix, the consensus filter, the embed, the explainer, the classroom prompts, the
charts, the API, the exports, the statistics and the outlet pages all read their
counts from coverage.selectors.counts; this test reads each of them as a reader or a
script would (the HTML, the JSON, the CSV) after the worker has prepared the events,
and compares them with one another, the independent counts and origins included.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from coverage.models import Event
from coverage.readings.classroom import PromptKind
from coverage.readings.explainer import AGREED
from coverage.selectors.counts import counted_matrix, origins_in_words, row_counts
from coverage.selectors.matrix import MIXED
from tests.conftest import run_queued_tasks

LABELS = ("agree", "contradict", MIXED, "silent", "hedged")


@pytest.fixture
def demo(db) -> list[Event]:
    call_command("demo", stdout=StringIO())
    run_queued_tasks()  # the worker: layers, the comparison of texts, origins
    return list(Event.objects.order_by("slug"))


def _text(content: bytes) -> str:
    return html.unescape(content.decode())


def _totals(cell_html: str) -> dict[str, int | None]:
    """The numbers of a totals cell: "✔ 2 (1 independent) ✖ 0 ○ 1 ≈ 1 of them hedged"."""
    text = re.sub(r"<[^>]+>", " ", cell_html)

    def number(pattern: str) -> int | None:
        found = re.search(pattern, text)
        return int(found.group(1)) if found else None

    return {
        "agree": number(r"✔ (\d+)"),
        "independent": number(r"\((\d+) independent\)"),
        "contradict": number(r"✖ (\d+)"),
        MIXED: number(r"◐ (\d+)") or 0,
        "silent": number(r"○ (\d+)"),
        "hedged": number(r"≈ (\d+)") or 0,
    }


def _row_totals(page: str) -> dict[int, dict[str, int | None]]:
    return {
        int(pk): _totals(cell)
        for pk, cell in re.findall(
            r'<tr id="row-(\d+)">.*?<td class="totals">(.*?)</td>', page, re.S
        )
    }


def test_every_page_shows_the_same_counts_on_the_demo_events(client, demo):
    outlet_totals: dict[str, Counter[str]] = {}
    traced_somewhere = False
    for event in demo:
        matrix = counted_matrix(event)
        assert matrix.copies_counted
        assert all(row.origins is not None for row in matrix.rows), "the worker traced every row"
        expected = {row.assertion.pk: row_counts(row) for row in matrix.rows}
        shown = {
            row.assertion.pk: {
                "agree": row.totals["agree"],
                "independent": row.independent_agreeing if row.has_copied_agreement else None,
                "contradict": row.totals["contradict"],
                MIXED: row.totals[MIXED],
                "silent": row.totals["silent"],
                "hedged": row.totals["hedged"],
            }
            for row in matrix.rows
        }
        consensus = {row.assertion.pk for row in matrix.rows if row.is_consensus}
        traced_somewhere |= any(row.has_copied_agreement for row in matrix.rows)

        # The matrix, its consensus filter and the embed.
        page = _text(client.get(event.get_absolute_url()).content)
        assert _row_totals(page) == shown
        filtered = _text(client.get(event.get_absolute_url(), {"show": "consensus"}).content)
        assert set(_row_totals(filtered)) == consensus
        embed = _text(client.get(reverse("event_embed", args=[event.slug])).content)
        embed_rows = re.search(r"<tbody>(.*?)</tbody>", embed, re.S).group(1)
        assert [
            _totals(cell) for cell in re.findall(r'<td class="totals">(.*?)</td>', embed_rows)
        ] == [shown[row.assertion.pk] for row in matrix.rows]

        # The API: each row's counts, independent sources and origins; the event's.
        api = client.get(
            reverse("api_event_assertions", args=[event.slug]), {"page_size": 200}
        ).json()
        for result in api["results"]:
            assert result["counts"] == expected[result["id"]]
            assert result["independent_sources"] == expected[result["id"]]["independent_sources"]
        by_pk = {row.assertion.pk: row for row in matrix.rows}
        assert {r["id"]: r["origins"]["summary"] for r in api["results"]} == {
            pk: origins_in_words(row) for pk, row in by_pk.items()
        }
        event_json = client.get(reverse("api_event", args=[event.slug])).json()
        assert event_json["independent_sources"] == matrix.independent_sources is not None

        # The event's export (JSON and CSV) and the export across events.
        exported = client.get(reverse("event_export", args=[event.slug, "json"])).json()
        assert exported["event"]["independent_sources"] == matrix.independent_sources
        assert exported["article_groups"] == matrix.article_groups
        for assertion in exported["assertions"]:
            assert assertion["counts"] == expected[assertion["id"]]
            assert (
                assertion["independent_sources"] == expected[assertion["id"]]["independent_sources"]
            )
            assert assertion["origins"]["summary"] == origins_in_words(by_pk[assertion["id"]])
        response = client.get(reverse("event_export", args=[event.slug, "csv"]))
        event_csv = b"".join(response.streaming_content).decode("utf-8-sig")
        for line in csv.DictReader(io.StringIO(event_csv)):
            assert (
                int(line["row_independent_sources"])
                == expected[int(line["assertion_id"])]["independent_sources"]
            )

        # The explainer: the same agreed claims, independent counts and origins.
        response = client.get(reverse("event_explainer", args=[event.slug]))
        explainer = _text(response.content)
        agreed_rows = {
            item.row.assertion.pk
            for section in response.context["explainer"].sections
            if section.key == AGREED
            for item in section.items
        }
        assert agreed_rows <= consensus
        for pk in agreed_rows:
            row = by_pk[pk]
            if row.has_copied_agreement:
                assert f"({row.independent_agreeing} independent)" in explainer
        for row in matrix.rows:
            assert f"origins: {origins_in_words(row)}" in explainer or not origins_in_words(row)

        # Whom a hedged cell attributes its claim to: the same in the explainer and the API.
        attributed: dict[tuple[int, str], set[str]] = {}
        for section in response.context["explainer"].sections:
            for item in section.items:
                for side in item.sides:
                    for quote in side.quotes:
                        if quote.attributed_to:
                            key = (item.row.assertion.pk, quote.outlet.slug)
                            attributed.setdefault(key, set()).add(quote.attributed_to)
        from_api = {
            (result["id"], cell["outlet"]): set(cell["attributed_to"])
            for result in api["results"]
            for cell in result["cells"]
            if cell["attributed_to"]
        }
        assert from_api == attributed
        assert attributed, "the demo has hedged cells attributed to someone"

        # The classroom: consensus prompts are consensus rows, with their independent count.
        classroom = client.get(reverse("event_classroom", args=[event.slug]))
        for prompt in classroom.context["prompts"]:
            row = next(row for row in matrix.rows if row.number == prompt.claim_number)
            assert (prompt.kind == PromptKind.CONSENSUS) <= (row.assertion.pk in consensus)
            if prompt.kind == PromptKind.CONSENSUS and row.has_copied_agreement:
                assert f"are {row.independent_agreeing} independent source" in prompt.question

        # The charts: the consensus category counts the consensus rows.
        charts = client.get(reverse("event_charts", args=[event.slug])).context["charts"]
        categories = {category.key: category.count for category in charts.categories}
        assert categories["consensus"] == len(consensus)

        # What the outlet pages and statistics must add up to, per outlet.
        for index, column in enumerate(matrix.columns):
            counts = outlet_totals.setdefault(column.outlet.name, Counter())
            counts["cells"] += len(matrix.rows)
            for row in matrix.rows:
                cell = row.cells[index]
                counts[cell.label] += 1
                counts["hedged"] += cell.label == "agree" and cell.hedged
            page_rates = client.get(reverse("outlet_detail", args=[column.outlet.slug])).context[
                "coverage"
            ]
            entry = next(e for e in page_rates.events if e.event.pk == event.pk)
            assert {name: getattr(entry.rates, name) for name in LABELS} == {
                name: column.totals[name] for name in LABELS
            }
    assert traced_somewhere, "the demo shows at least one row whose outlets share an origin"

    # Statistics, their CSV and the API's outlet statistics, summed over both events.
    stats = client.get(reverse("outlet_stats")).context["table"]
    for item in stats:
        wanted = outlet_totals[item.outlet.name]
        assert (item.cells, *(getattr(item, name) for name in LABELS)) == (
            wanted["cells"],
            *(wanted[name] for name in LABELS),
        )
        api = client.get(reverse("api_outlet", args=[item.outlet.slug])).json()["statistics"]
        assert (api["cells"], *(api[name] for name in LABELS)) == (
            wanted["cells"],
            *(wanted[name] for name in LABELS),
        )
        assert item.sources, f"{item.outlet.name} cites sources its Sources layer lists"
