"""What the wording step finds: names, labels with their tone and voice, actors."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Tone(StrEnum):
    LOADED = "loaded"
    IDEOLOGICAL = "ideological"
    SYMPATHETIC = "sympathetic"
    NEUTRAL = "neutral"

    @property
    def note(self) -> str:
        return _TONE_NOTES[self]


_TONE_NOTES = {
    Tone.LOADED: "condemns: passes a verdict on the group",
    Tone.IDEOLOGICAL: "names a religion or ideology",
    Tone.SYMPATHETIC: "frames the group as an opposition or uprising",
    Tone.NEUTRAL: "describes without a verdict",
}
# The strongest tone of a label's words is the label's tone.
TONE_STRENGTH = [Tone.LOADED, Tone.IDEOLOGICAL, Tone.SYMPATHETIC, Tone.NEUTRAL]


@dataclass(frozen=True)
class Mention:
    """A name as written in one sentence, with its token span in that sentence's parse."""

    name: str
    sentence_index: int
    start: int
    end: int


class Voice(StrEnum):
    OWN = "own"  # the outlet's own words
    QUOTED = "quoted"  # inside quotation marks
    ATTRIBUTED = "attributed"  # reported from a source: "the ministry said the attackers …"


@dataclass(frozen=True)
class LabelUse:
    """One label given to an actor in one sentence, in the outlet's voice or another's
    (``speaker``: whose words they are, when the sentence says)."""

    label: str
    key: str
    tone: Tone
    sentence_index: int
    quote: str
    by_context: bool
    voice: Voice = Voice.OWN
    speaker: str = ""

    @property
    def is_own(self) -> bool:
        return self.voice == Voice.OWN


@dataclass(frozen=True)
class ActorWording:
    """One actor across an event: the names and labels each article uses for it."""

    actor: str
    names: Mapping[Hashable, tuple[tuple[str, int], ...]]
    labels: Mapping[Hashable, tuple[LabelUse, ...]]

    @property
    def label_count(self) -> int:
        return sum(len(uses) for uses in self.labels.values())
