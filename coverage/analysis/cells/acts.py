"""Verbs of general English that report one act ("postpone", "push back"; "hit", "ram"),
from data/act_synonyms.json.

Read by the cells only, to decide whether a sentence reports a claim's act and who did
it to whom: the slot lexicon's synonyms also attach participants and compare figures
across rows, which these looser pairings must not do.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

_ACT_SYNONYMS_PATH = Path(__file__).resolve().parent.parent / "data" / "act_synonyms.json"
ACT_GROUPS: dict[str, frozenset[int]] = {}
for _index, _group in enumerate(
    json.loads(_ACT_SYNONYMS_PATH.read_text(encoding="utf-8"))["groups"]
):
    for _word in _group:
        ACT_GROUPS[_word] = ACT_GROUPS.get(_word, frozenset()) | {_index}


def act_groups(forms: Iterable[str]) -> frozenset[int]:
    """The groups any of a verb's forms ("roll", "roll over") belongs to."""
    return frozenset().union(*(ACT_GROUPS.get(form, frozenset()) for form in forms))
