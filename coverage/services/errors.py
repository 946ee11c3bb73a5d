"""What a write can refuse: each message says what is wrong and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coverage.models import Stance


class ImportProblem(ValueError):
    """Input that cannot be imported; the message says what is wrong and how to fix it."""


class CurationProblem(ValueError):
    """A correction that cannot be made; the message says why and what to do."""


class UndoRefused(CurationProblem):
    """Undoing would overwrite later work, or there is nothing to undo."""


@dataclass(frozen=True)
class CellChange:
    """One field of a cell that changed while someone had its form open."""

    field: str
    was: str
    now: str


class StaleCell(ValueError):
    """The cell changed after the form was opened; saving would silently undo that."""

    def __init__(self, stance: Stance, changes: list[CellChange], by: str) -> None:
        super().__init__(
            f"{by} changed this cell while you had it open, so your correction was not "
            "saved. It now reads as below; your choices are still in the form. Save again "
            "to replace theirs, or close the form to keep theirs."
        )
        self.stance = stance
        self.changes = changes
        self.by = by
