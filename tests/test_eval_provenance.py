"""scripts/eval_provenance.py's label grouping score."""

from types import SimpleNamespace

from scripts.eval_provenance import Tally, score_grouping


def _found(*groups: list[str]):
    return [
        SimpleNamespace(labels={"a": [SimpleNamespace(key=key) for key in keys]}) for keys in groups
    ]


def test_pairs_of_head_words_joined_right_and_wrong() -> None:
    gold = {
        "labels": [
            {"by_outlet": {"X": {"own": ["rioters"], "quoted": ["protesters"]}}},
            {"by_outlet": {"Y": {"own": ["the demonstrators", "police officers"]}}},
            {"by_outlet": {"X": {"own": ["officers"], "quoted": ["riot police"]}}},
        ]
    }
    # Gold pairs: rioter-protester, demonstrator-officer, officer-police; found joins
    # rioter-protester (right), rioter-police and protester-police (wrong); "crowd",
    # not in the gold, is left out.
    found = _found(["rioter", "protester", "police", "crowd"], ["officer"], ["demonstrator"])
    tally = Tally()
    score_grouping(gold, found, tally, verbose=False)
    assert (tally.pairs_joined_gold, tally.pairs_joined_right, tally.pairs_joined_wrong) == (
        3,
        1,
        2,
    )
