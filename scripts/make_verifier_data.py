"""Make synthetic (claim, evidence) pairs for the sentence-level claim verifier.

The verifier (coverage/analysis/verifier.py) reads a claim and one or two adjacent
sentences and says whether the evidence states the claim, contradicts it, or does not
state it. Real labelled pairs of that kind are scarce, so most pairs are made from the
shared training text by editing one slot of a real sentence:

- states: the sentence itself or one clause of it (attribution, leading adjuncts,
  appositives or a conjunct dropped), a synonym, a compatible figure ("more than 20"
  against 24, "about 80" against 78, digits against words), a "confirmed that" frame,
  Emergent for/observing headline pairs, FNC-1 headlines with their closest body
  sentence, and near-paraphrases from two bodies about the same headline.
- contradicts: an incompatible figure, negation added or removed, a denial frame,
  an antonym predicate, two named agents swapped or the agent replaced, another
  place or date of the same article, Emergent "against" pairs.
- not_stated: a common noun or a non-agent entity replaced by another one of the same
  article, another sentence of the same article that is close in embedding space, the
  sentence's subject with another sentence's predicate, a denial of something else.

Whatever the label, the evidence is sometimes wrapped in an attribution ("..., officials
said") and sometimes joined with its neighbouring sentence, so neither marks a label.
Classes are balanced by downsampling. Validation pairs come from a held-out set of FNC-1
bodies (and Emergent claims), so no validation sentence is seen in training.
Nothing here reads eval/: that is evaluation data.

Runs in the project's venv (spaCy and the MiniLM embedder); sentence vectors are cached
under .cache/verifier/. Deterministic for a given seed and input.

    .venv/bin/python scripts/make_verifier_data.py --data ../shared/data \
        --out .cache/verifier/pairs.jsonl
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from coverage.analysis.embeddings import get_embedder  # noqa: E402
from coverage.analysis.nlp import get_nlp  # noqa: E402
from coverage.analysis.segment import is_boilerplate, split_sentences  # noqa: E402
from coverage.analysis.verifier import LABELS  # noqa: E402

SEED = 20250301
VALIDATION_FRACTION = 0.15
CACHE_DIR = REPO_ROOT / ".cache" / "verifier"
STATES, CONTRADICTS, NOT_STATED = LABELS

# Evidence variations applied whatever the label, so they cannot mark one.
WINDOW_PROBABILITY = 0.35
ATTRIBUTION_PROBABILITY = 0.2

# fmt: off
SPEECH_LEMMAS = frozenset(
    {"say", "tell", "report", "announce", "claim", "add", "state", "confirm", "write",
     "insist", "allege", "explain", "note", "warn", "believe", "suggest", "reveal"}
)
SYMMETRIC_LEMMAS = frozenset(
    {"meet", "marry", "talk", "speak", "fight", "join", "partner", "negotiate", "sign",
     "date", "play", "face", "divorce", "merge", "clash", "collaborate", "agree", "work"}
)
GENERIC_NOUNS = frozenset(
    {"people", "person", "thing", "things", "time", "times", "way", "ways", "year", "years",
     "day", "days", "lot", "part", "number", "percent", "one", "ones", "kind", "type", "week",
     "weeks", "month", "months", "place", "case", "fact", "point", "story", "report", "reports",
     "news", "source", "sources", "statement", "video", "photo", "image", "images", "post",
     "article", "claim", "claims", "rumor", "rumors", "hoax", "official", "officials"}
)
# fmt: on
AGENT_LABELS = frozenset({"PERSON", "ORG", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Numbers inside these entities are names ("Apollo 11", "Boeing 737"), not amounts.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "LAW", "FAC", "EVENT", "GPE", "LOC", "NORP"}
)

# fmt: off
ANTONYM_PAIRS = [
    ("raised", "lowered"), ("raise", "lower"), ("raises", "lowers"), ("raising", "lowering"),
    ("rose", "fell"), ("rise", "fall"), ("rises", "falls"), ("risen", "fallen"),
    ("rising", "falling"), ("increased", "decreased"), ("increase", "decrease"),
    ("increases", "decreases"), ("opened", "closed"), ("open", "closed"), ("opens", "closes"),
    ("reopened", "closed"), ("won", "lost"), ("win", "lose"), ("wins", "loses"),
    ("winning", "losing"), ("convicted", "acquitted"), ("approved", "rejected"),
    ("approve", "reject"), ("approves", "rejects"), ("accepted", "rejected"),
    ("accept", "reject"), ("allowed", "banned"), ("allow", "ban"), ("lifted", "imposed"),
    ("lift", "impose"), ("confirmed", "denied"), ("confirms", "denies"),
    ("arrested", "released"), ("survived", "died"), ("began", "ended"), ("started", "stopped"),
    ("start", "stop"), ("passed", "failed"), ("gained", "lost"), ("higher", "lower"),
    ("upheld", "overturned"), ("supported", "opposed"), ("support", "oppose"),
    ("supports", "opposes"), ("guilty", "innocent"), ("alive", "dead"), ("true", "false"),
    ("legal", "illegal"), ("strengthened", "weakened"), ("expanded", "reduced"),
    ("included", "excluded"), ("hired", "fired"), ("entered", "left"), ("before", "after"),
    ("success", "failure"), ("successful", "unsuccessful"), ("increasing", "decreasing"),
    ("launched", "cancelled"), ("boosted", "cut"), ("agreed", "refused"), ("found", "lost"),
    ("attacked", "defended"), ("sold", "bought"), ("sell", "buy"), ("buys", "sells"),
    ("more", "fewer"), ("above", "below"), ("inside", "outside"), ("north", "south"),
    ("east", "west"), ("first", "last"), ("victory", "defeat"), ("welcomed", "condemned"),
    ("praised", "criticized"), ("praised", "criticised"), ("cheaper", "more expensive"),
    ("safe", "unsafe"), ("present", "absent"), ("married", "divorced"),
]
SYNONYM_PAIRS = [
    ("injured", "wounded"), ("injured", "hurt"), ("killed", "left dead"), ("began", "started"),
    ("begin", "start"), ("ended", "finished"), ("bought", "purchased"), ("buy", "purchase"),
    ("said", "stated"), ("big", "large"), ("huge", "enormous"), ("rose", "increased"),
    ("fell", "dropped"), ("lowered", "cut"), ("closed", "shut"), ("banned", "prohibited"),
    ("arrested", "detained"), ("sent", "dispatched"), ("help", "assist"), ("car", "vehicle"),
    ("cars", "vehicles"), ("shows", "depicts"), ("showed", "revealed"), ("children", "kids"),
    ("picture", "photo"), ("pictures", "photos"), ("died", "was killed"), ("attack", "assault"),
    ("doctors", "physicians"), ("soldiers", "troops"), ("quickly", "rapidly"),
    ("announced", "declared"), ("fired", "dismissed"), ("plans", "intends"),
    ("planned", "intended"), ("near", "close to"), ("after", "following"),
    ("about", "roughly"), ("many", "numerous"), ("man", "male"), ("woman", "female"),
    ("company", "firm"), ("government", "authorities"), ("received", "got"),
    ("claimed", "asserted"), ("discovered", "found"), ("sued", "took legal action against"),
    ("emergency", "crisis"), ("hospital", "medical centre"), ("police", "officers"),
]
# fmt: on
ANTONYMS: dict[str, str] = {}
for left, right in ANTONYM_PAIRS:
    ANTONYMS.setdefault(left, right)
    ANTONYMS.setdefault(right, left)
SYNONYMS: dict[str, str] = {}
for left, right in SYNONYM_PAIRS:
    SYNONYMS.setdefault(left, right)
    if " " not in left:
        SYNONYMS.setdefault(right, left)

# fmt: off
GENERIC_SOURCES = (
    "officials", "police", "a spokesman", "a spokeswoman", "the ministry", "local media",
    "witnesses", "the company", "authorities", "a government source", "state media",
    "the agency", "sources", "a local official", "investigators", "the report",
)
ATTRIBUTION_FRAMES = (
    "{s}, {source} said.", "According to {source}, {lc}", "{Source} said {lc}",
    "{Source} told reporters that {lc}", "{s}, according to {source}.", "Reports say {lc}",
    "It is believed that {lc}", "{Source} claimed that {lc}", "{s}, {source} reported.",
    "{Source} reportedly said that {lc}",
)
CONFIRMATION_FRAMES = (
    "{Source} confirmed that {lc}", "{Source} said on Tuesday that {lc}",
    "{Source} acknowledged that {lc}", "It has been confirmed that {lc}",
    "{Source} admitted that {lc}", "{Source} insisted that {lc}",
)
DENIAL_FRAMES = (
    "{Source} denied that {lc}", "{Source} denied reports that {lc}",
    "{Source} dismissed claims that {lc}", "{Source} rejected reports that {lc}",
    "{Source} said it was not true that {lc}", "There is no truth to reports that {lc}",
    "{s}, a claim {source} denied.", "{Source} flatly denied that {lc}",
    "{Source} called reports that {lc_np} false.", "It is false that {lc}",
    "Contrary to earlier reports, it is not the case that {lc}",
    "{Source} refuted claims that {lc}",
)
# fmt: on

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip

# fmt: off
_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
          "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
# fmt: on
WORD_VALUES = {word: value for value, word in enumerate(_UNITS)}
WORD_VALUES.update({word: 10 * value for value, word in enumerate(_TENS) if word})
WORD_VALUES["dozen"] = 12
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|"
    r"(?:two|three) dozen)"
)
# fmt: off
BOUNDS = {
    "at least": "min", "more than": "min", "over": "min", "upwards of": "min",
    "nearly": "near", "almost": "near", "about": "approx", "around": "approx",
    "roughly": "approx", "approximately": "approx", "some": "approx", "an estimated": "approx",
    "up to": "max", "fewer than": "max", "less than": "max", "under": "max",
    "as many as": "max",
}
# fmt: on
_NUMBER = re.compile(
    r"(?<![\w.,/-])(?:(?P<bound>" + "|".join(sorted(BOUNDS, key=len, reverse=True)) + r")\s+)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + _WORD_NUMBER + r")"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion))?"
    r"(?P<percent>%|\s+per\s?cent)?(?!\w|-\d|/)",
    re.IGNORECASE,
)


@dataclass
class Sentence:
    """One parsed sentence of an article."""

    text: str
    doc: object  # spacy Doc
    vector: np.ndarray
    index: int


@dataclass
class Article:
    """One FNC-1 body, split and parsed."""

    body_id: str
    split: str
    sentences: list[Sentence]
    entities: dict[str, list[str]] = field(default_factory=dict)
    nouns: dict[str, list[str]] = field(default_factory=dict)  # tag -> noun forms


@dataclass
class Edit:
    """Token-level changes to a parsed sentence: replacements and text inserted after."""

    replace: dict[int, str] = field(default_factory=dict)
    insert_after: dict[int, str] = field(default_factory=dict)


# A made pair: (claim, evidence, label, recipe).
Made = tuple[str, str, str, str]


@dataclass(frozen=True)
class Example:
    claim: str
    evidence: str
    label: str
    kind: str
    group: str
    split: str


# --- rendering ----------------------------------------------------------------------------


def render(doc, keep: Sequence[int], edit: Edit | None = None) -> str:
    """The text of the kept tokens of doc with an edit applied, tidied as a sentence."""
    pieces: list[str] = []
    for position, index in enumerate(keep):
        token = doc[index]
        if position and keep[position - 1] != index - 1:
            pieces.append(" ")  # dropped tokens leave a gap, tidy() removes any extra space
        text = token.text
        if edit is not None and index in edit.replace:
            text = edit.replace[index]
        if edit is not None and index in edit.insert_after:
            text += edit.insert_after[index]
        pieces.append(text + token.whitespace_ if text else token.whitespace_)
    return tidy("".join(pieces))


def tidy(text: str) -> str:
    """Collapse spaces, drop dangling punctuation and conjunctions, capitalise, end with '.'."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"^(?:[,;:\-–—]\s*|(?:and|but|or|so)\s+)+", "", text, flags=re.I)
    text = re.sub(r"[\s,;:\-–—]+$", "", text)
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1].isalnum() or text[-1] in "%)":
        text += "."
    return text


def lower_first(text: str, doc=None) -> str:
    """Lower-case the first letter unless the sentence starts with a name or 'I'."""
    if not text:
        return text
    first = doc[0] if doc is not None and len(doc) else None
    if first is not None and (first.pos_ == "PROPN" or first.text in {"I", "I'm"}):
        return text
    if len(text) > 1 and text[1].isupper():  # an acronym
        return text
    return text[0].lower() + text[1:]


def frame(template: str, sentence: str, source: str, doc=None) -> str:
    body = sentence.rstrip()
    if body.endswith("."):
        body = body[:-1]
    lowered = lower_first(body, doc)
    return tidy(
        template.format(
            s=body,
            lc=lowered + ".",
            lc_np=lowered,
            source=source,
            Source=source[0].upper() + source[1:],
        )
    )


def balanced_quotes(text: str) -> bool:
    return (
        text.count('"') % 2 == 0
        and text.count("“") == text.count("”")
        and text.count("(") == text.count(")")
    )


def match_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# --- clause views ---------------------------------------------------------------------------


def subtree_indices(token) -> set[int]:
    return {t.i for t in token.subtree}


def with_adjacent_commas(doc, indices: set[int]) -> set[int]:
    """A removed span takes one comma on each side with it."""
    if not indices:
        return indices
    low, high = min(indices), max(indices)
    grown = set(indices)
    if low > 0 and doc[low - 1].text == ",":
        grown.add(low - 1)
    if high + 1 < len(doc) and doc[high + 1].text == ",":
        grown.add(high + 1)
    return grown


def clause_views(doc, rng: random.Random) -> list[tuple[str, list[int]]]:
    """Token subsets of a sentence that it states on their own: ('full', all) first."""
    everything = list(range(len(doc)))
    views: list[tuple[str, list[int]]] = [("full", everything)]
    roots = [token for token in doc if token.dep_ == "ROOT"]
    if len(roots) != 1:
        return views
    root = roots[0]
    bases: list[tuple[str, set[int], object]] = [("full", set(everything), root)]
    if root.lemma_ in SPEECH_LEMMAS:
        for child in root.children:
            if child.dep_ == "ccomp" and child.pos_ in {"VERB", "AUX"}:
                inner = subtree_indices(child)
                inner -= {t.i for t in child.children if t.dep_ == "mark"}
                bases.append(("unattributed", inner, child))
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "according":
            trimmed = set(everything) - with_adjacent_commas(doc, subtree_indices(child))
            bases.append(("unattributed", trimmed, root))
    for base_name, base, head in bases:
        if base_name != "full":
            views.append((base_name, sorted(base)))
        removable: list[tuple[str, set[int]]] = []
        subjects = [t for t in head.children if t.dep_ in {"nsubj", "nsubjpass"}]
        for child in head.children:
            span = subtree_indices(child)
            if not span <= base:
                continue
            if (
                subjects
                and child.i < subjects[0].i
                and child.dep_ in {"prep", "advcl", "advmod", "npadvmod"}
                and max(span) + 1 < len(doc)
                and doc[max(span) + 1].text == ","
            ):
                removable.append(("no_adjunct", with_adjacent_commas(doc, span)))
            if (
                child.dep_ == "conj"
                and child.pos_ in {"VERB", "AUX"}
                and any(t.dep_ in {"nsubj", "nsubjpass"} for t in child.children)
            ):
                dropped = span | {t.i for t in head.children if t.dep_ == "cc"}
                removable.append(("main_clause", with_adjacent_commas(doc, dropped)))
                conjunct = span - {t.i for t in child.children if t.dep_ in {"cc"}}
                views.append(("conjunct", sorted(conjunct)))
        for token in doc:
            if token.i in base and token.dep_ in {"appos", "relcl"}:
                span = subtree_indices(token)
                if min(span) > 0 and doc[min(span) - 1].text == ",":
                    removable.append(("no_aside", with_adjacent_commas(doc, span)))
        rng.shuffle(removable)
        for count in range(1, min(3, len(removable)) + 1):
            dropped = set().union(*(span for _, span in removable[:count]))
            name = "+".join(sorted({name for name, _ in removable[:count]}))
            views.append((f"{base_name}:{name}", sorted(base - dropped)))
    return [(name, keep) for name, keep in views if usable_view(doc, keep)]


def usable_view(doc, keep: Sequence[int]) -> bool:
    words = [doc[i] for i in keep if doc[i].is_alpha]
    if not 4 <= len(words) <= 45:
        return False
    has_verb = any(doc[i].pos_ in {"VERB", "AUX"} for i in keep)
    has_subject = any(doc[i].dep_ in {"nsubj", "nsubjpass", "expl"} for i in keep)
    return has_verb and has_subject


def main_verb(doc, keep: Sequence[int]):
    kept = set(keep)
    for index in keep:
        token = doc[index]
        if token.pos_ in {"VERB", "AUX"} and (token.head.i not in kept or token.head is token):
            return token
    return None


# --- numbers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    bound: str  # exact | min | near | approx | max
    value: float
    words: bool
    scale: str
    percent: str


def parse_number(text: str) -> float | None:
    lowered = text.lower()
    if lowered in {"a dozen", "dozen"}:
        return 12.0
    if lowered.endswith(" dozen"):
        head = lowered.split()[0]
        return 12.0 * WORD_VALUES[head] if head in WORD_VALUES else None
    if "-" in lowered:
        tens, units = lowered.split("-", 1)
        if tens in WORD_VALUES and units in WORD_VALUES:
            return float(WORD_VALUES[tens] + WORD_VALUES[units])
        return None
    if lowered in WORD_VALUES:
        return float(WORD_VALUES[lowered])
    try:
        return float(lowered.replace(",", ""))
    except ValueError:
        return None


def find_quantities(doc, *, in_dates: bool = False) -> list[Quantity]:
    """Amounts in a sentence with their bound; numbers in names are left out, and so are
    those in dates and durations ("2 weeks ago") unless in_dates."""
    skipped = NAME_LABELS if in_dates else NAME_LABELS | {"DATE", "TIME"}
    quantities = []
    for match in _NUMBER.finditer(doc.text):
        value = parse_number(match.group("number"))
        if value is None or value <= 0:
            continue
        span = doc.char_span(match.start("number"), match.end("number"), alignment_mode="expand")
        if span is None or any(t.ent_type_ in skipped for t in span):
            continue
        if span.start > 0 and doc[span.start - 1].pos_ == "PROPN" and not match.group("bound"):
            continue  # "iPhone 6", "Flight 370"
        if (
            span.end < len(doc)
            and doc[span.end].pos_ == "PROPN"
            and doc[span.end].text[:1].isupper()
        ):
            continue  # "6 Plus", "3 Series"
        number_text = match.group("number")
        is_digits = number_text[0].isdigit()
        if (
            is_digits
            and not match.group("scale")
            and 1900 <= value <= 2100
            and "," not in number_text
        ):
            continue  # a year
        bound = BOUNDS[match.group("bound").lower()] if match.group("bound") else "exact"
        quantities.append(
            Quantity(
                start=match.start(),
                end=match.end(),
                bound=bound,
                value=value,
                words=not is_digits,
                scale=(match.group("scale") or "").lower(),
                percent=match.group("percent") or "",
            )
        )
    return quantities


def spell(value: int) -> str:
    if value < 20:
        return _UNITS[value]
    tens, units = divmod(value, 10)
    return _TENS[tens] + (f"-{_UNITS[units]}" if units else "")


def render_value(value: float, quantity: Quantity, rng: random.Random) -> str:
    """A number in the style of the original: words for small integers sometimes."""
    if quantity.scale:
        text = f"{value:.1f}".rstrip("0").rstrip(".") if value < 100 else f"{round(value):,}"
        text += f" {quantity.scale}"
    elif value == int(value):
        integer = int(value)
        if integer < 100 and (quantity.words or rng.random() < 0.2):
            text = spell(integer)
        else:
            text = f"{integer:,}" if integer >= 10_000 or "," in str(integer) else str(integer)
            if integer >= 1000 and rng.random() < 0.6:
                text = f"{integer:,}"
    else:
        text = f"{value:.1f}"
    return text + quantity.percent


def round_down_nicely(value: float) -> float:
    for step in (1000, 100, 50, 10, 5):
        if value > step * 2:
            return float(int(value // step) * step)
    return float(int(value))


def compatible_claim(quantity: Quantity, rng: random.Random) -> tuple[str, float] | None:
    """A (bound phrase, value) that the evidence's quantity supports."""
    value = quantity.value
    options: list[tuple[str, float]] = []
    if quantity.bound == "exact":
        options.append(("", value))  # restyled: digits <-> words, scale kept
        lower = round_down_nicely(value * 0.95)
        if 0 < lower < value and lower >= value * 0.6:
            options += [(rng.choice(["more than ", "over "]), lower), ("at least ", lower)]
        if value >= 10:
            approx = round(value, -1) if value < 1000 else round(value, -2)
            if abs(approx - value) <= 0.1 * value:
                options.append((rng.choice(["about ", "around ", "roughly ", "some "]), approx))
            upper = round(value * 1.05 + 4, -1)
            if value < upper <= value * 1.2:
                options.append((rng.choice(["nearly ", "almost ", "fewer than "]), upper))
        options.append(("at least ", value))
    elif quantity.bound == "min":
        options += [("", value + max(1, round(value * rng.uniform(0.05, 0.25))))]
        options.append((rng.choice(["at least ", "more than "]), value))
    elif quantity.bound == "approx":
        offset = max(1, round(value * rng.uniform(0.01, 0.05)))
        options += [("", value + rng.choice([-offset, offset])), ("nearly ", value)]
    elif quantity.bound == "near":
        options += [("", value - max(1, round(value * rng.uniform(0.02, 0.08)))), ("about ", value)]
    elif quantity.bound == "max":
        options += [("", round_down_nicely(value * rng.uniform(0.7, 0.95)))]
    option = rng.choice(options)
    return option if option[1] > 0 else None


def incompatible_claim(quantity: Quantity, rng: random.Random) -> tuple[str, float]:
    """A (bound phrase, value) that the evidence's quantity rules out."""
    value = quantity.value
    if quantity.bound in {"min", "near"}:
        new = max(1.0, round(value * rng.uniform(0.2, 0.6)))
        return rng.choice(["", "", "fewer than ", "only "]), new
    if quantity.bound == "max":
        return rng.choice(["", "more than ", "at least "]), round(value * rng.uniform(1.6, 4) + 2)
    if value <= 5 and value == int(value):
        new = value + rng.randint(2, 9)
    elif rng.random() < 0.5:
        new = value * rng.uniform(1.6, 4.0)
    else:
        new = value * rng.uniform(0.2, 0.6)
    if value == int(value):
        new = float(max(1, round(new)))
        if new == value:
            new = value + 3
    else:
        new = round(new, 1)
    if quantity.bound == "approx":
        return rng.choice(["", "about ", "around "]), new
    if new > value * 1.5:
        return rng.choice(["", "", "", "at least ", "more than "]), new
    return rng.choice(["", "", "", "fewer than ", "only "]), new


# Vague amounts and the exact values they fit: (phrase, low, high).
# fmt: off
VAGUE_COUNTS = (
    ("a handful of", 3, 6), ("dozens of", 24, 99), ("scores of", 40, 99),
    ("hundreds of", 200, 999), ("thousands of", 2000, 99_999),
)
VAGUE_SHARES = (
    ("nearly half", 44, 49.9), ("about half", 46, 54), ("more than half", 50.5, 65),
    ("about a third", 30, 36.5), ("about a quarter", 22, 28), ("nearly two-thirds", 60, 66.6),
    ("a majority", 50.5, 90), ("about one in ten", 8.5, 11.5),
)
# fmt: on


def vague_claim(doc, quantity: Quantity, compatible: bool, rng: random.Random) -> str | None:
    """A vague amount ("dozens of", "nearly half") that fits the quantity, or clearly does not."""
    if quantity.bound not in {"exact", "approx"} or quantity.scale:
        return None
    value = quantity.value
    if quantity.percent:
        table, margin = VAGUE_SHARES, 8.0
    else:
        following = doc.text[quantity.end :].lstrip()
        if not following[:1].isalpha() or following.lower().startswith("of "):
            return None  # "dozens of" needs a noun after it: "40 people", not "40 of them"
        table, margin = VAGUE_COUNTS, 0.0
    if compatible:
        fits = [phrase for phrase, low, high in table if low <= value <= high]
    elif quantity.percent:
        fits = [
            phrase for phrase, low, high in table if value < low - margin or value > high + margin
        ]
    else:
        fits = [phrase for phrase, low, high in table if value < low / 3 or value > high * 3]
    return rng.choice(fits) if fits else None


def quantity_edit(
    doc,
    keep: Sequence[int],
    quantity: Quantity,
    bound: str,
    value: float,
    rng: random.Random,
    text: str | None = None,
) -> Edit | None:
    """Replace the tokens of a quantity (bound phrase included) inside the kept tokens."""
    start = quantity.start
    currency = doc.text[start - 1] if start and doc.text[start - 1] in "$£€" else ""
    if currency and text:
        return None  # "$dozens of" is not a thing
    start -= len(currency)
    tokens = [t for t in doc if t.idx < quantity.end and t.idx + len(t) > start]
    if not tokens or not {t.i for t in tokens} <= set(keep):
        return None
    original = doc.text[start : quantity.end]
    new_text = match_case(original, text or bound + currency + render_value(value, quantity, rng))
    edit = Edit()
    edit.replace[tokens[0].i] = new_text
    for token in tokens[1:]:
        edit.replace[token.i] = ""
    return edit


# --- slot edits -----------------------------------------------------------------------------

# fmt: off
IRREGULAR_PAST = {
    "be": "was", "have": "had", "do": "did", "go": "went", "say": "said", "make": "made",
    "take": "took", "come": "came", "see": "saw", "know": "knew", "get": "got", "give": "gave",
    "find": "found", "think": "thought", "tell": "told", "become": "became", "leave": "left",
    "feel": "felt", "bring": "brought", "begin": "began", "keep": "kept", "hold": "held",
    "write": "wrote", "stand": "stood", "hear": "heard", "let": "let", "mean": "meant",
    "set": "set", "meet": "met", "run": "ran", "pay": "paid", "sit": "sat", "speak": "spoke",
    "lie": "lay", "lead": "led", "grow": "grew", "lose": "lost", "fall": "fell", "send": "sent",
    "build": "built", "understand": "understood", "draw": "drew", "break": "broke",
    "spend": "spent", "cut": "cut", "rise": "rose", "drive": "drove", "buy": "bought",
    "wear": "wore", "choose": "chose", "seek": "sought", "throw": "threw", "catch": "caught",
    "deal": "dealt", "win": "won", "fight": "fought", "shoot": "shot", "sell": "sold",
    "put": "put", "hit": "hit", "show": "showed", "eat": "ate", "steal": "stole",
}
# fmt: on


def past_tense(lemma: str) -> str:
    if lemma in IRREGULAR_PAST:
        return IRREGULAR_PAST[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def third_person(lemma: str) -> str:
    if lemma == "have":
        return "has"
    if lemma.endswith(("s", "sh", "ch", "x", "o")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


NEGATABLE_AUX = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "'s",
        "’s",
        "'re",
        "’re",
        "'ve",
        "’ve",
    }
)


def negation_edit(doc, keep: Sequence[int]) -> tuple[Edit, str] | None:
    """Add a negation to the clause's main verb, or remove the one it has."""
    verb = main_verb(doc, keep)
    if verb is None:
        return None
    kept = set(keep)
    children = [child for child in verb.children if child.i in kept]
    negations = [child for child in children if child.dep_ == "neg"]
    auxiliaries = [
        child for child in children if child.dep_ in {"aux", "auxpass"} and child.i < verb.i
    ]
    edit = Edit()
    if negations:
        for negation in negations:
            edit.replace[negation.i] = ""
        do_aux = [aux for aux in auxiliaries if aux.lemma_ == "do"]
        if do_aux:
            aux = do_aux[0]
            edit.replace[aux.i] = ""
            lemma = verb.lemma_.lower()
            if aux.lower_ == "did":
                edit.replace[verb.i] = past_tense(lemma)
            elif aux.lower_ == "does":
                edit.replace[verb.i] = third_person(lemma)
        for aux in auxiliaries:
            if aux.lower_ in {"wo", "ca"}:
                edit.replace[aux.i] = {"wo": "will", "ca": "can"}[aux.lower_]
        return edit, "negation_removed"
    for aux in auxiliaries:
        if aux.lower_ in NEGATABLE_AUX:
            edit.insert_after[aux.i] = " not"
            return edit, "negation_added"
    if verb.lower_ in {"is", "are", "was", "were", "'s", "’s", "'re", "’re"}:
        edit.insert_after[verb.i] = " not"
        return edit, "negation_added"
    if verb.pos_ != "VERB" or verb.lemma_ in {"be"} or not verb.is_alpha:
        return None
    helper = {"VBD": "did not ", "VBZ": "does not ", "VBP": "do not "}.get(verb.tag_)
    if helper is None:
        return None
    edit.replace[verb.i] = helper + verb.lemma_.lower()
    return edit, "negation_added"


def word_swap_edit(
    doc, keep: Sequence[int], table: dict[str, str], rng: random.Random
) -> Edit | None:
    candidates = [
        doc[i]
        for i in keep
        if doc[i].lower_ in table
        and doc[i].pos_ in {"VERB", "ADJ", "ADV", "NOUN", "ADP", "AUX"}
        and doc[i].ent_type_ == ""
    ]
    if not candidates:
        return None
    token = rng.choice(candidates)
    return Edit(replace={token.i: match_case(token.text, table[token.lower_])})


def entity_role(entity) -> str:
    """'agent' for the doer of an action, 'other' for its object, 'none' otherwise."""
    root = entity.root
    if root.dep_ == "nsubj" and root.head.pos_ == "VERB":
        return "agent"
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        return "agent"
    if root.head.lemma_ in SPEECH_LEMMAS:
        return "none"  # who was told is attribution, not content
    if root.dep_ in {"dobj", "pobj", "nsubjpass", "attr", "nsubj"}:
        return "other"
    return "none"


def entity_replacement(entity, pool: Sequence[str], rng: random.Random) -> str | None:
    text = entity.text.lower()
    choices = [
        name
        for name in pool
        if name.lower() != text and name.lower() not in text and text not in name.lower()
    ]
    return rng.choice(choices) if choices else None


def span_edit(doc, keep: Sequence[int], start: int, end: int, text: str) -> Edit | None:
    if not set(range(start, end)) <= set(keep):
        return None
    edit = Edit(replace={start: text})
    for index in range(start + 1, end):
        edit.replace[index] = ""
    return edit


def date_replacement(entity, article: Article, rng: random.Random) -> str | None:
    text = entity.text
    for names in (WEEKDAYS, MONTHS):
        for name in names:
            if re.search(rf"\b{name}\b", text):
                other = rng.choice([n for n in names if n != name])
                return re.sub(rf"\b{name}\b", other, text, count=1)
    year = re.search(r"\b(19|20)\d\d\b", text)
    if year:
        new_year = int(year.group()) + rng.choice([-6, -4, -3, -2, -1, 1, 2, 3])
        return text[: year.start()] + str(new_year) + text[year.end() :]
    dated = [
        name
        for name in article.entities.get("DATE", [])
        if re.search(r"\b(?:19|20)\d\d\b|" + "|".join(WEEKDAYS + MONTHS), name)
    ]
    return entity_replacement(entity, dated, rng)


# --- pair builders --------------------------------------------------------------------------


class Builder:
    """Turns parsed articles into labelled pairs."""

    def __init__(self, rng: random.Random, word_vectors: dict[str, np.ndarray]) -> None:
        self.rng = rng
        self.word_vectors = word_vectors

    # Evidence: the sentence, sometimes with its neighbour, sometimes attributed.
    def evidence(
        self,
        article: Article,
        sentence: Sentence,
        text: str | None = None,
        avoid: int | None = None,
        attribute: bool = True,
    ) -> str:
        rng = self.rng
        body = text if text is not None else sentence.text
        if (
            attribute
            and rng.random() < ATTRIBUTION_PROBABILITY
            and not has_attribution(sentence.doc)
            and not first_person_or_quote(sentence.doc)
        ):
            body = frame(rng.choice(ATTRIBUTION_FRAMES), body, self.source(article), sentence.doc)
        if rng.random() < WINDOW_PROBABILITY:
            neighbours = [
                other
                for other in (sentence.index - 1, sentence.index + 1)
                if 0 <= other < len(article.sentences) and other != avoid
            ]
            if neighbours:
                other = rng.choice(neighbours)
                neighbour = article.sentences[other].text
                body = f"{neighbour} {body}" if other < sentence.index else f"{body} {neighbour}"
        return body

    def source(self, article: Article) -> str:
        named = [name for name in article.entities.get("PERSON", []) if len(name.split()) >= 2]
        if named and self.rng.random() < 0.35:
            return self.rng.choice(named)
        return self.rng.choice(GENERIC_SOURCES)

    def claim_view(self, sentence: Sentence) -> tuple[str, list[int]]:
        views = clause_views(sentence.doc, self.rng)
        # Mostly a shorter clause: claims in the matrix are shorter than the sentences.
        shorter = [view for view in views if view[0] != "full"]
        if shorter and self.rng.random() < 0.7:
            return self.rng.choice(shorter)
        return (
            views[0]
            if views and views[0][0] == "full"
            else (self.rng.choice(views) if views else ("full", []))
        )

    def edited_pair(
        self,
        article: Article,
        sentence: Sentence,
        keep: list[int],
        edit: Edit,
        label: str,
        kind: str,
    ) -> Made | None:
        """Claim and evidence around one edit; the edit lands on either side."""
        doc = sentence.doc
        everything = list(range(len(doc)))
        if self.rng.random() < 0.7 or label == NOT_STATED:
            claim = render(doc, keep, edit)
            evidence = self.evidence(article, sentence)
        else:
            claim = render(doc, keep)
            evidence = self.evidence(article, sentence, text=render(doc, everything, edit))
        return claim, evidence, label, kind

    # States.
    def states(self, article: Article, sentence: Sentence) -> Made | None:
        rng = self.rng
        doc = sentence.doc
        name, keep = self.claim_view(sentence)
        if not keep:
            return None
        roll = rng.random()
        if roll < 0.25:
            made = self._states_number(article, sentence, keep)
            if made is not None:
                return made
        if roll < 0.4:
            edit = word_swap_edit(doc, keep, SYNONYMS, rng)
            if edit is not None:
                return self.edited_pair(article, sentence, keep, edit, STATES, "synonym")
        if roll < 0.5 and not has_attribution(doc) and not first_person_or_quote(doc):
            claim = render(doc, keep)
            evidence = frame(
                rng.choice(CONFIRMATION_FRAMES), sentence.text, self.source(article), doc
            )
            return (
                claim,
                self.evidence(article, sentence, text=evidence, attribute=False),
                STATES,
                "confirmed",
            )
        return (
            render(doc, keep),
            self.evidence(article, sentence),
            STATES,
            f"clause:{name.split(':')[0]}",
        )

    def _states_number(self, article, sentence, keep):
        doc = sentence.doc
        quantities = find_quantities(doc)
        self.rng.shuffle(quantities)
        for quantity in quantities:
            option = compatible_claim(quantity, self.rng)
            if option is None:
                continue
            vague = vague_claim(doc, quantity, True, self.rng) if self.rng.random() < 0.35 else None
            edit = quantity_edit(doc, keep, quantity, option[0], option[1], self.rng, vague)
            if edit is not None:
                return self.edited_pair(article, sentence, keep, edit, STATES, "compatible_number")
        return None

    def figures(self, article: Article, sentence: Sentence) -> list[Made]:
        """A compatible and an incompatible figure for a sentence with one: figures are
        where outlets differ most and few sentences have them, so each is used twice more."""
        made = []
        for maker in (self._states_number, self._contradict_number):
            name, keep = self.claim_view(sentence)
            pair = maker(article, sentence, keep) if keep else None
            if pair is not None:
                made.append(pair)
        return made

    # Contradicts.
    def contradicts(self, article: Article, sentence: Sentence) -> Made | None:
        rng = self.rng
        name, keep = self.claim_view(sentence)
        if not keep:
            return None
        makers = ["negation", "denial", "antonym", "agent", "place", "date", "number"]
        rng.shuffle(makers)
        if rng.random() < 0.6:
            makers.insert(0, "number")
        for maker in makers:
            made = getattr(self, f"_contradict_{maker}")(article, sentence, keep)
            if made is not None:
                return made
        return None

    def _contradict_number(self, article, sentence, keep):
        quantities = find_quantities(sentence.doc, in_dates=True)
        self.rng.shuffle(quantities)
        for quantity in quantities:
            bound, value = incompatible_claim(quantity, self.rng)
            vague = (
                vague_claim(sentence.doc, quantity, False, self.rng)
                if self.rng.random() < 0.15
                else None
            )
            edit = quantity_edit(sentence.doc, keep, quantity, bound, value, self.rng, vague)
            if edit is not None:
                return self.edited_pair(article, sentence, keep, edit, CONTRADICTS, "number")
        return None

    def _contradict_negation(self, article, sentence, keep):
        made = negation_edit(sentence.doc, keep)
        if made is None:
            return None
        return self.edited_pair(article, sentence, keep, made[0], CONTRADICTS, made[1])

    def _contradict_denial(self, article, sentence, keep):
        doc = sentence.doc
        if has_attribution(doc) or first_person_or_quote(doc) or any(t.dep_ == "neg" for t in doc):
            return None
        claim = render(doc, keep)
        evidence = frame(self.rng.choice(DENIAL_FRAMES), sentence.text, self.source(article), doc)
        return (
            claim,
            self.evidence(article, sentence, text=evidence, attribute=False),
            CONTRADICTS,
            "denial",
        )

    def _contradict_antonym(self, article, sentence, keep):
        edit = word_swap_edit(sentence.doc, keep, ANTONYMS, self.rng)
        if edit is None:
            return None
        return self.edited_pair(article, sentence, keep, edit, CONTRADICTS, "antonym")

    def _contradict_agent(self, article, sentence, keep):
        doc = sentence.doc
        verb = main_verb(doc, keep)
        if verb is None or verb.lemma_ in SPEECH_LEMMAS:
            return None
        entities = [
            e
            for e in doc.ents
            if e.label_ in AGENT_LABELS | PLACE_LABELS and set(range(e.start, e.end)) <= set(keep)
        ]
        agents = [e for e in entities if entity_role(e) == "agent" and e.label_ in AGENT_LABELS]
        others = [
            e
            for e in entities
            if entity_role(e) == "other"
            and e.root.dep_ in {"dobj", "pobj"}
            and agents
            and e.label_ == agents[0].label_
        ]
        if agents and others and verb.lemma_ not in SYMMETRIC_LEMMAS and self.rng.random() < 0.5:
            first, second = agents[0], others[0]
            edit = Edit(replace={first.start: second.text, second.start: first.text})
            for index in list(range(first.start + 1, first.end)) + list(
                range(second.start + 1, second.end)
            ):
                edit.replace[index] = ""
            return self.edited_pair(article, sentence, keep, edit, CONTRADICTS, "agents_swapped")
        for entity in agents:
            replacement = entity_replacement(
                entity, article.entities.get(entity.label_, []), self.rng
            )
            if replacement:
                edit = span_edit(doc, keep, entity.start, entity.end, replacement)
                if edit is not None:
                    return self.edited_pair(article, sentence, keep, edit, CONTRADICTS, "agent")
        return None

    def _contradict_place(self, article, sentence, keep):
        doc = sentence.doc
        places = [e for e in doc.ents if e.label_ in PLACE_LABELS and entity_role(e) != "agent"]
        self.rng.shuffle(places)
        for entity in places:
            pool = [name for label in PLACE_LABELS for name in article.entities.get(label, [])]
            replacement = entity_replacement(entity, pool, self.rng)
            if replacement:
                edit = span_edit(doc, keep, entity.start, entity.end, replacement)
                if edit is not None:
                    return self.edited_pair(article, sentence, keep, edit, CONTRADICTS, "place")
        return None

    def _contradict_date(self, article, sentence, keep):
        doc = sentence.doc
        for entity in [e for e in doc.ents if e.label_ == "DATE"]:
            replacement = date_replacement(entity, article, self.rng)
            if replacement and replacement != entity.text:
                edit = span_edit(doc, keep, entity.start, entity.end, replacement)
                if edit is not None:
                    return self.edited_pair(article, sentence, keep, edit, CONTRADICTS, "date")
        return None

    # Not stated.
    def not_stated(self, article: Article, sentence: Sentence) -> Made | None:
        makers = ["noun", "noun", "similar", "similar", "predicate", "entity", "other_denial"]
        self.rng.shuffle(makers)
        for maker in makers:
            made = getattr(self, f"_silent_{maker}")(article, sentence)
            if made is not None:
                return made
        return None

    def _silent_noun(self, article, sentence):
        doc = sentence.doc
        name, keep = self.claim_view(sentence)
        if not keep:
            return None
        candidates = [
            doc[i]
            for i in keep
            if doc[i].pos_ == "NOUN"
            and doc[i].ent_type_ == ""
            and doc[i].lower_ not in GENERIC_NOUNS
            and doc[i].dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "attr"}
            and len(doc[i]) > 3
            and not any(child.dep_ == "compound" for child in doc[i].children)
        ]
        self.rng.shuffle(candidates)
        present = {t.lower_ for t in doc}
        for token in candidates:
            pool = [
                noun
                for noun in article.nouns.get(token.tag_, [])
                if noun not in present
                and noun != token.lower_
                and self.unrelated_words(noun, token.lower_)
            ]
            if pool:
                edit = Edit(replace={token.i: match_case(token.text, self.rng.choice(pool))})
                return self.edited_pair(article, sentence, keep, edit, NOT_STATED, "noun")
        return None

    def unrelated_words(self, first: str, second: str) -> bool:
        """Different enough not to be synonyms ("troops"/"soldiers" are too close)."""
        one, two = self.word_vectors.get(first), self.word_vectors.get(second)
        return one is not None and two is not None and float(one @ two) < 0.5

    def _silent_entity(self, article, sentence):
        doc = sentence.doc
        name, keep = self.claim_view(sentence)
        if not keep:
            return None
        entities = [
            e for e in doc.ents if e.label_ in {"PERSON", "ORG"} and entity_role(e) == "other"
        ]
        for entity in entities:
            replacement = entity_replacement(
                entity, article.entities.get(entity.label_, []), self.rng
            )
            if replacement:
                edit = span_edit(doc, keep, entity.start, entity.end, replacement)
                if edit is not None:
                    return self.edited_pair(article, sentence, keep, edit, NOT_STATED, "entity")
        return None

    def _silent_similar(self, article, sentence):
        others = [
            other
            for other in article.sentences
            if abs(other.index - sentence.index) >= 1
            and 0.45 <= float(other.vector @ sentence.vector) <= 0.8
            and content_overlap(sentence.text, other.text) < 0.7
        ]
        if not others:
            return None
        other = max(
            others, key=lambda o: float(o.vector @ sentence.vector) + self.rng.random() * 0.1
        )
        name, keep = self.claim_view(sentence)
        if not keep:
            return None
        claim = render(sentence.doc, keep)
        return (
            claim,
            self.evidence(article, other, avoid=sentence.index),
            NOT_STATED,
            "similar_sentence",
        )

    def _silent_predicate(self, article, sentence):
        subject = subject_span(sentence.doc)
        if subject is None:
            return None
        others = sorted(
            (o for o in article.sentences if o.index != sentence.index),
            key=lambda o: -float(o.vector @ sentence.vector),
        )[:6]
        self.rng.shuffle(others)
        for other in others:
            predicate = predicate_text(other.doc)
            if predicate is None or not agrees_in_number(subject, predicate):
                continue
            claim = tidy(f"{subject.text} {predicate}")
            if claim.lower() in sentence.text.lower():
                continue
            return claim, self.evidence(article, sentence), NOT_STATED, "other_predicate"
        return None

    def _silent_other_denial(self, article, sentence):
        others = [
            o
            for o in article.sentences
            if abs(o.index - sentence.index) > 1 and float(o.vector @ sentence.vector) >= 0.35
        ]
        if not others or has_attribution(sentence.doc) or first_person_or_quote(sentence.doc):
            return None
        other = self.rng.choice(others)
        name, keep = self.claim_view(other)
        if not keep:
            return None
        evidence = frame(
            self.rng.choice(DENIAL_FRAMES), sentence.text, self.source(article), sentence.doc
        )
        return render(other.doc, keep), evidence, NOT_STATED, "denial_of_other"


def has_attribution(doc) -> bool:
    return (
        any(t.lemma_ in SPEECH_LEMMAS and t.pos_ == "VERB" for t in doc)
        or "according to" in doc.text.lower()
    )


def first_person_or_quote(doc) -> bool:
    """Quotes and first-person speech read oddly inside a 'X denied that ...' frame."""
    return any(t.lower_ in {"i", "my", "we", "our", "me", "us"} for t in doc) or bool(
        re.search(r"[\"“”‘’']", doc.text.replace("'s", "").replace("’s", ""))
    )


def content_overlap(claim: str, evidence: str) -> float:
    claim_words = {w for w in re.findall(r"[a-z0-9]+", claim.lower()) if len(w) > 3}
    evidence_words = set(re.findall(r"[a-z0-9]+", evidence.lower()))
    return len(claim_words & evidence_words) / max(1, len(claim_words))


def subject_span(doc):
    verb = main_verb(doc, list(range(len(doc))))
    if verb is None:
        return None
    subjects = [t for t in verb.children if t.dep_ in {"nsubj", "nsubjpass"} and t.i < verb.i]
    if not subjects or subjects[0].pos_ == "PRON":
        return None
    span = doc[subjects[0].left_edge.i : subjects[0].right_edge.i + 1]
    return span if 1 <= len(span) <= 8 else None


def predicate_text(doc) -> str | None:
    verb = main_verb(doc, list(range(len(doc))))
    if verb is None or verb.lemma_ in SPEECH_LEMMAS:
        return None
    subjects = [t for t in verb.children if t.dep_ in {"nsubj", "nsubjpass"} and t.i < verb.i]
    if not subjects:
        return None
    start = subjects[0].right_edge.i + 1
    end = verb.right_edge.i + 1
    if start >= end or end - start > 25:
        return None
    text = doc[start:end].text.strip(" ,")
    return text if text and not text.startswith((",", "who", "which")) else None


def agrees_in_number(subject, predicate: str) -> bool:
    plural = subject.root.tag_ in {"NNS", "NNPS"}
    first = predicate.split()[0].lower()
    if first in {"is", "was", "has"} or (
        first.endswith("s") and first not in {"was", "has"} and not first.endswith("ss")
    ):
        return not plural if first in {"is", "was", "has"} else True
    if first in {"are", "were", "have"}:
        return plural
    return True


# --- loading --------------------------------------------------------------------------------


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def embed_with_cache(texts: Sequence[str], cache_file: Path) -> dict[str, np.ndarray]:
    cached: dict[str, np.ndarray] = {}
    if cache_file.exists():
        with np.load(cache_file, allow_pickle=False) as stored:
            cached = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
    unique = list(dict.fromkeys(texts))
    missing = [text for text in unique if text_key(text) not in cached]
    if missing:
        started = time.perf_counter()
        vectors = get_embedder().encode(missing)
        print(f"embedded {len(missing)} texts in {time.perf_counter() - started:.0f}s", flush=True)
        cached.update(zip((text_key(text) for text in missing), vectors, strict=True))
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        np.savez(
            cache_file,
            keys=np.array(list(cached), dtype="<U40"),
            vectors=np.stack(list(cached.values())),
        )
    return {text: cached[text_key(text)] for text in unique}


def usable_sentence(text: str) -> bool:
    words = text.split()
    return (
        6 <= len(words) <= 45
        and not text.rstrip().endswith("?")
        and not is_boilerplate(text)
        and balanced_quotes(text)
        and "http" not in text
        and not re.search(r"[@#]\w|pic\.twitter", text)
        and sum(c.isalpha() for c in text) > 0.7 * len(text.replace(" ", ""))
    )


def split_of(key: str, seed: int) -> str:
    digest = hashlib.sha1(f"{seed}:{key}".encode()).digest()
    return "val" if digest[0] / 256 < VALIDATION_FRACTION else "train"


def load_articles(data_dir: Path, seed: int) -> list[Article]:
    with open(data_dir / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    texts: list[tuple[str, list[str]]] = []
    for row in rows:
        sentences = [s.text for s in split_sentences(row["articleBody"], drop_boilerplate=True)]
        texts.append((row["Body ID"], [s for s in sentences if usable_sentence(s)]))
    flat = [sentence for _, sentences in texts for sentence in sentences]
    print(f"{len(rows)} bodies, {len(flat)} usable sentences", flush=True)
    vectors = embed_with_cache(flat, CACHE_DIR / "sentence_vectors.npz")
    started = time.perf_counter()
    docs = iter(get_nlp().pipe(flat, batch_size=256))
    articles = []
    for body_id, sentences in texts:
        parsed = [
            Sentence(text, next(docs), vectors[text], index) for index, text in enumerate(sentences)
        ]
        article = Article(body_id=body_id, split=split_of(f"fnc-{body_id}", seed), sentences=parsed)
        entities: dict[str, set[str]] = defaultdict(set)
        nouns: dict[str, set[str]] = defaultdict(set)
        for sentence in parsed:
            for entity in sentence.doc.ents:
                if 1 <= len(entity) <= 5 and entity.text[:1].isalnum():
                    entities[entity.label_].add(entity.text)
            for token in sentence.doc:
                if (
                    token.pos_ == "NOUN"
                    and token.is_alpha
                    and token.ent_type_ == ""
                    and len(token) > 3
                    and token.lower_ not in GENERIC_NOUNS
                ):
                    nouns[token.tag_].add(token.lower_)
        article.entities = {label: sorted(names) for label, names in entities.items()}
        article.nouns = {tag: sorted(words) for tag, words in nouns.items()}
        articles.append(article)
    print(f"parsed in {time.perf_counter() - started:.0f}s", flush=True)
    return articles


# --- real pairs -----------------------------------------------------------------------------


def emergent_pairs(data_dir: Path, seed: int) -> list[Example]:
    labels = {"for": STATES, "observing": STATES, "against": CONTRADICTS}
    with open(data_dir / "emergent" / "train.csv", encoding="utf-8", newline="") as handle:
        return [
            Example(
                claim=row["claimHeadline"].strip(),
                evidence=row["articleHeadline"].strip(),
                label=labels[row["articleHeadlineStance"]],
                kind=f"emergent_{row['articleHeadlineStance']}",
                group=f"emergent-{row['claimId']}",
                split=split_of(f"emergent-{row['claimId']}", seed),
            )
            for row in csv.DictReader(handle)
            if row["claimHeadline"].strip() and row["articleHeadline"].strip()
        ]


def numbers_in(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:[.,]\d+)*", text))


def headline_pairs(
    data_dir: Path, articles: dict[str, Article], rng: random.Random
) -> list[Example]:
    """FNC-1 headlines with their closest body sentence: agree/discuss pairs that state it."""
    with open(data_dir / "fnc1" / "train_stances.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    headlines = sorted({row["Headline"] for row in rows})
    vectors = embed_with_cache(headlines, CACHE_DIR / "headline_vectors.npz")
    examples = []
    unrelated = [row for row in rows if row["Stance"] == "unrelated"]
    rng.shuffle(unrelated)
    chosen = [row for row in rows if row["Stance"] in {"agree", "discuss"}] + unrelated[:1500]
    for row in chosen:
        article = articles.get(row["Body ID"])
        if article is None or not article.sentences:
            continue
        headline = row["Headline"].strip()
        scores = [float(s.vector @ vectors[row["Headline"]]) for s in article.sentences]
        best = int(np.argmax(scores))
        sentence = article.sentences[best]
        if row["Stance"] == "unrelated":
            examples.append(
                Example(
                    headline,
                    sentence.text,
                    NOT_STATED,
                    "fnc_unrelated",
                    f"fnc-{article.body_id}",
                    article.split,
                )
            )
            continue
        claim_numbers, evidence_numbers = numbers_in(headline), numbers_in(sentence.text)
        # The body agrees as a whole; its closest sentence states the headline only when it
        # is close, has its figures and does not negate or deny it.
        threshold = 0.65 if row["Stance"] == "agree" else 0.7
        if scores[best] < threshold or (claim_numbers and not claim_numbers <= evidence_numbers):
            continue
        if negated(headline) != negated(sentence.text):
            continue
        examples.append(
            Example(
                headline,
                sentence.text,
                STATES,
                f"fnc_{row['Stance']}",
                f"fnc-{article.body_id}",
                article.split,
            )
        )
    return examples


def paraphrase_pairs(
    data_dir: Path, articles: dict[str, Article], rng: random.Random
) -> list[Example]:
    """Near-paraphrases from two bodies related to the same FNC-1 headline."""
    with open(data_dir / "fnc1" / "train_stances.csv", encoding="utf-8", newline="") as handle:
        related: dict[str, set[str]] = defaultdict(set)
        for row in csv.DictReader(handle):
            if row["Stance"] != "unrelated":
                related[row["Headline"]].add(row["Body ID"])
    seen: set[tuple[str, str]] = set()
    examples = []
    for headline in sorted(related):
        bodies = [articles[b] for b in sorted(related[headline]) if b in articles]
        for i, first in enumerate(bodies):
            for second in bodies[i + 1 :]:
                if first.split != second.split or not first.sentences or not second.sentences:
                    continue
                left = np.stack([s.vector for s in first.sentences])
                right = np.stack([s.vector for s in second.sentences])
                scores = left @ right.T
                for a, b in zip(*np.nonzero(scores >= 0.82), strict=True):
                    one, two = first.sentences[a], second.sentences[b]
                    key = tuple(sorted((one.text, two.text)))
                    if key in seen or numbers_in(one.text) != numbers_in(two.text):
                        continue
                    if jaccard(one.text, two.text) > 0.6 or negated(one.text) != negated(two.text):
                        continue
                    seen.add(key)
                    claim, evidence = (one, two) if rng.random() < 0.5 else (two, one)
                    examples.append(
                        Example(
                            claim.text,
                            evidence.text,
                            STATES,
                            "cross_paraphrase",
                            f"fnc-{first.body_id}",
                            first.split,
                        )
                    )
    return examples


def jaccard(first: str, second: str) -> float:
    one = set(re.findall(r"[a-z0-9]+", first.lower()))
    two = set(re.findall(r"[a-z0-9]+", second.lower()))
    return len(one & two) / max(1, len(one | two))


def negated(text: str) -> bool:
    return bool(re.search(r"\b(?:not|no|never|denied|denies)\b|n't", text.lower()))


# --- main -----------------------------------------------------------------------------------


def synthetic_pairs(
    articles: Sequence[Article], builder: Builder, rng: random.Random
) -> list[Example]:
    examples = []
    makers = {
        STATES: builder.states,
        CONTRADICTS: builder.contradicts,
        NOT_STATED: builder.not_stated,
    }
    for article in articles:
        for sentence in article.sentences:
            # Contradictions are rarer to make, so they get the first try more often.
            first = rng.choices([CONTRADICTS, NOT_STATED, STATES], weights=[0.42, 0.33, 0.25])[0]
            labels = [first] + [
                label for label in (CONTRADICTS, NOT_STATED, STATES) if label != first
            ]
            made = next(filter(None, (makers[label](article, sentence) for label in labels)), None)
            for claim, evidence, made_label, kind in [made] * bool(made) + builder.figures(
                article, sentence
            ):
                # An edit that changed nothing visible would be a copy labelled as a change.
                unchanged = (
                    made_label != STATES
                    and "denial" not in kind
                    and claim.rstrip(".").lower() in evidence.lower()
                )
                if claim and evidence and balanced_quotes(claim) and not unchanged:
                    examples.append(
                        Example(
                            claim,
                            evidence,
                            made_label,
                            kind,
                            f"fnc-{article.body_id}",
                            article.split,
                        )
                    )
    return examples


def balance(
    examples: Sequence[Example], per_label: dict[str, int], rng: random.Random
) -> list[Example]:
    """Downsample each split to equal label counts, capping any one kind at 40% of a label."""
    kept: list[Example] = []
    for split, cap in per_label.items():
        by_label: dict[str, list[Example]] = defaultdict(list)
        for example in examples:
            if example.split == split:
                by_label[example.label].append(example)
        size = min(cap, *(len(items) for items in by_label.values()))
        for label in LABELS:
            items = by_label[label]
            rng.shuffle(items)
            by_kind: Counter[str] = Counter()
            chosen: list[Example] = []
            for item in items:
                if by_kind[item.kind] < 0.4 * size:
                    chosen.append(item)
                    by_kind[item.kind] += 1
                if len(chosen) == size:
                    break
            kept.extend(chosen)
    rng.shuffle(kept)
    return kept


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO_ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=CACHE_DIR / "pairs.jsonl")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--train-per-label", type=int, default=9000)
    parser.add_argument("--val-per-label", type=int, default=1000)
    parser.add_argument("--examples", type=int, default=0, help="print this many pairs per kind")
    args = parser.parse_args(list(argv) if argv is not None else None)

    rng = random.Random(args.seed)
    articles = load_articles(args.data, args.seed)
    by_id = {article.body_id: article for article in articles}
    nouns = sorted(
        {noun for article in articles for words in article.nouns.values() for noun in words}
    )
    word_vectors = embed_with_cache(nouns, CACHE_DIR / "word_vectors.npz")
    builder = Builder(rng, word_vectors)

    examples = synthetic_pairs(articles, builder, rng)
    examples += emergent_pairs(args.data, args.seed)
    examples += headline_pairs(args.data, by_id, rng)
    examples += paraphrase_pairs(args.data, by_id, rng)
    print("made:", Counter((e.split, e.label) for e in examples))
    kept = balance(examples, {"train": args.train_per_label, "val": args.val_per_label}, rng)
    for split in ("train", "val"):
        counts = Counter(e.label for e in kept if e.split == split)
        kinds = Counter(e.kind.split(":")[0] for e in kept if e.split == split)
        print(f"{split}: {dict(counts)}")
        print(f"  kinds: {dict(sorted(kinds.items()))}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        for example in kept:
            handle.write(json.dumps(example.__dict__, ensure_ascii=False) + "\n")
    print(f"wrote {len(kept)} pairs to {args.out}")
    # Validation bodies as whole articles, for choosing article-level decision thresholds.
    articles_file = args.out.with_name("val_articles.jsonl")
    with open(articles_file, "w", encoding="utf-8") as handle:
        for article in articles:
            if article.split == "val":
                record = {
                    "group": f"fnc-{article.body_id}",
                    "sentences": [s.text for s in article.sentences],
                }
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    if args.examples:
        shown: Counter[str] = Counter()
        for example in kept:
            kind = example.kind.split(":")[0]
            if shown[kind] < args.examples:
                shown[kind] += 1
                print(f"[{example.label}/{example.kind}]")
                print(f"  C: {example.claim}\n  E: {example.evidence}")


if __name__ == "__main__":
    main()
