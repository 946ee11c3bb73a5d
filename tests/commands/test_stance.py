"""The stance command: researchers' claim/article pairs through the real models."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ARTICLE = (
    "Officials closed the Kestrel Bridge on Friday after engineers found cracks in a pier. "
    "The city said the bridge would stay shut for six weeks while repairs are carried out. "
    "Ferries will run every twenty minutes during the closure, the port authority said."
)
DENIAL = (
    "The transport ministry denied on Friday that the Kestrel Bridge had been closed. "
    "A spokesman said reports of a closure were false and that traffic was flowing normally."
)
UNRELATED = (
    "The national football team won its qualifying match 2-0 on Saturday evening. "
    "The coach praised the defence and said the squad was ready for the tournament."
)


def write_pairs(path: Path, items: list) -> Path:
    path.write_text(
        "\n".join(item if isinstance(item, str) else json.dumps(item) for item in items) + "\n",
        encoding="utf-8",
    )
    return path


def run_stance(source: Path, target: Path) -> list[dict]:
    call_command("stance", str(source), str(target), stdout=StringIO(), stderr=StringIO())
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def test_it_labels_agreement_contradiction_and_silence_with_evidence(tmp_path):
    claim = "The Kestrel Bridge was closed."
    results = run_stance(
        write_pairs(
            tmp_path / "pairs.jsonl",
            [
                {"id": "agree", "claim": claim, "text": ARTICLE},
                {"id": 2, "claim": claim, "text": DENIAL},
                {"id": "silent", "claim": claim, "text": UNRELATED},
            ],
        ),
        tmp_path / "out.jsonl",
    )
    by_id = {result["id"]: result for result in results}
    assert [result["id"] for result in results] == ["agree", 2, "silent"]
    assert by_id["agree"]["label"] == "agree"
    assert "closed the Kestrel Bridge" in by_id["agree"]["evidence"]
    assert by_id[2]["label"] == "contradict"
    assert "denied" in by_id[2]["evidence"]
    assert by_id["silent"] == {
        "id": "silent",
        "label": "silent",
        "hedged": False,
        "evidence": None,
        "confidence": by_id["silent"]["confidence"],
        "reason": by_id["silent"]["reason"],
    }
    assert by_id[2]["reason"].startswith("denies: ")
    for result in results:
        assert 0 <= result["confidence"] <= 1
        assert isinstance(result["hedged"], bool)


def test_a_hedged_report_is_marked_hedged(tmp_path):
    text = "The Kestrel Bridge was reportedly closed on Friday, according to local radio."
    results = run_stance(
        write_pairs(
            tmp_path / "pairs.jsonl",
            [{"id": 1, "claim": "The Kestrel Bridge was closed on Friday.", "text": text}],
        ),
        tmp_path / "out.jsonl",
    )
    assert results[0]["label"] == "agree" and results[0]["hedged"] is True


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["{not json"], "line 1 is not valid JSON"),
        (['{"id": 1, "claim": "x"}'], "line 1 lacks text"),
        (['{"id": 1, "claim": "", "text": "t"}'], '"claim" must be non-empty text'),
        (['{"id": 1, "claim": "c", "text": 5}'], '"text" must be text'),
        (
            ['{"id": 1, "claim": "c", "text": "t"}', '{"id": 1, "claim": "c", "text": "t"}'],
            "line 2: the id 1 was already used",
        ),
        (["[1, 2]"], "must be an object"),
        ([""], "has no pairs"),
    ],
)
def test_bad_input_is_refused_before_any_work_and_nothing_is_written(tmp_path, lines, message):
    target = tmp_path / "out.jsonl"
    with pytest.raises(CommandError, match=message):
        run_stance(write_pairs(tmp_path / "pairs.jsonl", lines), target)
    assert list(tmp_path.iterdir()) == [tmp_path / "pairs.jsonl"]


def test_missing_files_and_folders_are_clear_errors(tmp_path):
    with pytest.raises(CommandError, match="No file at"):
        run_stance(tmp_path / "missing.jsonl", tmp_path / "out.jsonl")
    source = write_pairs(tmp_path / "pairs.jsonl", [{"id": 1, "claim": "c", "text": "t"}])
    with pytest.raises(CommandError, match="does not exist"):
        run_stance(source, tmp_path / "no-such-folder" / "out.jsonl")


def test_it_parses_with_the_configured_spacy_model(tmp_path, settings):
    settings.PARALLAX_SPACY_MODEL = "en_core_web_no_such_model"
    source = write_pairs(
        tmp_path / "pairs.jsonl", [{"id": 1, "claim": "The bridge closed.", "text": ARTICLE}]
    )
    with pytest.raises(CommandError, match="en_core_web_no_such_model"):
        run_stance(source, tmp_path / "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()
