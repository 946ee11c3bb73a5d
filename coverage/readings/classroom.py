"""Lesson material drawn from an event's matrix: discussion prompts and the worksheet.

Everything here works on a built Matrix (coverage.selectors.matrix) and is shared by the
classroom page, the student worksheet and its answer key, so the three always show
the same letters, the same claim numbers and the same prompts. Blind is the default
everywhere: students should judge what outlets say before they know who said it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from coverage.attribution import cell_attribution
from coverage.blind import Redact, redactor, unchanged
from coverage.models import Article, Outlet, Stance
from coverage.selectors.matrix import MIXED, Matrix, OutletCell, Row

PROMPT_LIMIT = 8

HEDGE_EXAMPLES = "(“reportedly”, “according to …”)"


class PromptKind(StrEnum):
    """The kinds of row worth discussing, most instructive first."""

    CONTESTED = "contested"
    SINGLE_OUTLET = "single_outlet"
    HEDGED_ONLY = "hedged_only"
    CONSENSUS = "consensus"


PROMPT_HEADINGS = {
    PromptKind.CONTESTED: "Outlets disagree",
    PromptKind.SINGLE_OUTLET: "Only one outlet reports it",
    PromptKind.HEDGED_ONLY: "Everyone hedges",
    PromptKind.CONSENSUS: "Everyone agrees",
}

# How many prompts of each kind are taken first, in turns, before the rest of the
# limit is filled from what is left in order of kind. A lesson needs variety more
# than ten disagreements; the shares add up to PROMPT_LIMIT.
PROMPT_SHARES = {
    PromptKind.CONTESTED: 3,
    PromptKind.SINGLE_OUTLET: 2,
    PromptKind.HEDGED_ONLY: 2,
    PromptKind.CONSENSUS: 1,
}


@dataclass(frozen=True)
class Quote:
    """One outlet's evidence sentence for a claim, as students would read it."""

    outlet: str
    label: str
    label_display: str
    hedged: bool
    attributed_to: str
    text: str


@dataclass(frozen=True)
class Prompt:
    kind: PromptKind
    claim_number: int
    claim: str
    question: str
    quotes: list[Quote] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return PROMPT_HEADINGS[self.kind]


@dataclass(frozen=True)
class SheetArticle:
    """An article as printed in the worksheet's appendix, its outlet named as on the sheet."""

    article: Article
    title: str
    paragraphs: list[str]


@dataclass(frozen=True)
class SheetColumn:
    outlet: Outlet
    name: str
    articles: list[SheetArticle]


@dataclass(frozen=True)
class SheetRow:
    number: int
    row: Row
    claim: str  # the row's claim, redacted when blind
    cells: list[OutletCell]
    quotes: list[Quote]


@dataclass(frozen=True)
class KeyEntry:
    """One line of the answer key's reveal: which outlet hides behind a letter."""

    letter: str
    outlet: Outlet
    articles: list[Article]


@dataclass(frozen=True)
class Worksheet:
    """The matrix laid out for paper: columns in reading order, claims numbered."""

    blind: bool
    columns: list[SheetColumn]
    rows: list[SheetRow]
    prompts: list[Prompt]
    key: list[KeyEntry]

    @property
    def outlet_count(self) -> int:
        return len(self.columns)


def outlet_names(matrix: Matrix, *, blind: bool) -> dict[int, str]:
    """Outlet id -> the name students see ("Outlet A" when blind), in reading order.

    Blind names follow their letters ("Outlet AA" after "Outlet Z"), real names the
    alphabet; columns, lists of outlets and quotes all keep this order.
    """
    if blind:
        labels = matrix.blind_labels
        return dict(sorted(labels.items(), key=lambda item: (len(item[1]), item[1])))
    outlets = sorted((column.outlet for column in matrix.columns), key=lambda o: o.name.casefold())
    return {outlet.pk: outlet.name for outlet in outlets}


def build_worksheet(matrix: Matrix, *, blind: bool = True, key: bool = True) -> Worksheet:
    """The worksheet; ``key``: with who is behind each letter, for the answer key."""
    names = outlet_names(matrix, blind=blind)
    order = _reading_order(names)
    redact = redactor(matrix) if blind else unchanged
    columns = sorted(matrix.columns, key=lambda column: order(column.outlet.pk))
    rows = [
        SheetRow(
            number=row.number,
            row=row,
            claim=redact(row.assertion.text),
            cells=sorted(row.cells, key=lambda cell: order(cell.outlet.pk)),
            quotes=_quotes(row.speaking_cells, names, redact),
        )
        for row in matrix.rows
    ]
    return Worksheet(
        blind=blind,
        columns=[
            SheetColumn(
                outlet=column.outlet,
                name=names[column.outlet.pk],
                articles=[_sheet_article(article, redact) for article in column.articles],
            )
            for column in columns
        ],
        rows=rows,
        prompts=discussion_prompts(matrix, blind=blind),
        key=_key(matrix) if key else [],
    )


def _key(matrix: Matrix) -> list[KeyEntry]:
    letters = outlet_names(matrix, blind=True)
    order = _reading_order(letters)
    return [
        KeyEntry(letter=letters[column.outlet.pk], outlet=column.outlet, articles=column.articles)
        for column in sorted(matrix.columns, key=lambda column: order(column.outlet.pk))
    ]


def _sheet_article(article: Article, redact: Redact) -> SheetArticle:
    paragraphs = [" ".join(line.split()) for line in article.text.splitlines()]
    return SheetArticle(
        article=article,
        title=redact(article.title),
        paragraphs=[redact(paragraph) for paragraph in paragraphs if paragraph],
    )


def _reading_order(names: dict[int, str]) -> Callable[[int], int]:
    positions = {outlet_id: index for index, outlet_id in enumerate(names)}
    return positions.__getitem__


def discussion_prompts(
    matrix: Matrix, *, blind: bool = True, limit: int = PROMPT_LIMIT
) -> list[Prompt]:
    """Questions for a class discussion, one per chosen row, most instructive first.

    Each row is asked about once, under the first kind it fits: a contested row that
    is also hedged is a disagreement first. Within a kind the rows that give the most
    to talk about come first (see the _rank_* functions); each kind gets its share of
    the limit (PROMPT_SHARES) before leftovers fill it, so a lesson mixes kinds.
    """
    names = outlet_names(matrix, blind=blind)
    redact = redactor(matrix) if blind else unchanged
    by_kind: dict[PromptKind, list[Row]] = {kind: [] for kind in PromptKind}
    for row in matrix.rows:
        kind = prompt_kind(row)
        if kind is not None:
            by_kind[kind].append(row)
    ranked = {
        PromptKind.CONTESTED: _rank_contested(by_kind[PromptKind.CONTESTED]),
        PromptKind.SINGLE_OUTLET: _rank_single(by_kind[PromptKind.SINGLE_OUTLET]),
        PromptKind.HEDGED_ONLY: _rank_by_speakers(by_kind[PromptKind.HEDGED_ONLY]),
        PromptKind.CONSENSUS: _rank_by_speakers(by_kind[PromptKind.CONSENSUS]),
    }
    chosen = _choose(ranked, limit)
    return [
        _prompt(kind, row, row.number, names, redact) for kind in PromptKind for row in chosen[kind]
    ]


def _choose(ranked: dict[PromptKind, list[Row]], limit: int) -> dict[PromptKind, list[Row]]:
    """Kinds take turns up to their shares, so even a short list has one of each."""
    taken = dict.fromkeys(ranked, 0)
    room = max(limit, 0)
    for turn in range(max(PROMPT_SHARES.values())):
        for kind, rows in ranked.items():
            if room and turn < PROMPT_SHARES[kind] and turn < len(rows):
                taken[kind] += 1
                room -= 1
    for kind, rows in ranked.items():
        extra = min(room, len(rows) - taken[kind])
        taken[kind] += extra
        room -= extra
    return {kind: rows[: taken[kind]] for kind, rows in ranked.items()}


def prompt_kind(row: Row) -> PromptKind | None:
    if row.is_contested:
        return PromptKind.CONTESTED
    if row.is_single_outlet:
        return PromptKind.SINGLE_OUTLET
    if row.is_hedged_only:
        return PromptKind.HEDGED_ONLY
    if row.is_consensus:
        return PromptKind.CONSENSUS
    return None


def _labelled(row: Row, label: str) -> list[OutletCell]:
    return [cell for cell in row.cells if cell.label == label]


def _rank_contested(rows: list[Row]) -> list[Row]:
    """Even splits first (two against two beats three against one), then wider coverage."""

    def balance(row: Row) -> int:
        agree = len(_labelled(row, Stance.Label.AGREE))
        contradict = len(_labelled(row, Stance.Label.CONTRADICT))
        return min(agree, contradict) + len(_labelled(row, MIXED))

    return sorted(rows, key=lambda row: (-balance(row), -len(row.speaking_cells)))


def _rank_single(rows: list[Row]) -> list[Row]:
    """Take turns between outlets, so the prompts are not all "Only Outlet B …"."""
    queues: dict[int, list[Row]] = {}
    for row in rows:
        queues.setdefault(row.speaking_cells[0].outlet.pk, []).append(row)
    ranked: list[Row] = []
    while any(queues.values()):
        for queue in queues.values():
            if queue:
                ranked.append(queue.pop(0))
    return ranked


def _rank_by_speakers(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: -len(row.speaking_cells))


def _prompt(
    kind: PromptKind, row: Row, number: int, names: dict[int, str], redact: Redact
) -> Prompt:
    question = {
        PromptKind.CONTESTED: _contested_question,
        PromptKind.SINGLE_OUTLET: _single_question,
        PromptKind.HEDGED_ONLY: _hedged_question,
        PromptKind.CONSENSUS: _consensus_question,
    }[kind](row, names)
    return Prompt(
        kind=kind,
        claim_number=number,
        claim=row.assertion.text,
        question=question,
        quotes=_quotes(row.speaking_cells, names, redact),
    )


def _contested_question(row: Row, names: dict[int, str]) -> str:
    agree = _names(_labelled(row, Stance.Label.AGREE), names)
    contradict = _names(_labelled(row, Stance.Label.CONTRADICT), names)
    mixed = _names(_labelled(row, MIXED), names)
    sentences = []
    if agree and contradict:
        sentences.append(
            f"{join_names(agree)} {_verb(agree, 'reports', 'report')} this; "
            f"{join_names(contradict)} {_verb(contradict, 'says', 'say')} otherwise."
        )
    elif agree:
        sentences.append(f"{join_names(agree)} {_verb(agree, 'reports', 'report')} this.")
    elif contradict:
        sentences.append(f"{join_names(contradict)} {_verb(contradict, 'says', 'say')} otherwise.")
    if len(mixed) == 1:
        sentences.append(f"{mixed[0]}’s own articles disagree with each other.")
    elif mixed:
        sentences.append(
            f"{join_names(mixed)} each publish articles that disagree with each other."
        )
    sentences.append("What evidence does each give? Whom would you believe, and why?")
    return " ".join(sentences)


def _single_question(row: Row, names: dict[int, str]) -> str:
    cell = row.speaking_cells[0]
    name = names[cell.outlet.pk]
    others = len(row.cells) - 1
    if others == 1:
        silent, leave_out = "the other outlet does not", "the other outlet"
    else:
        silent, leave_out = f"the other {others} outlets do not", "the others"
    if cell.label == Stance.Label.CONTRADICT:
        return (
            f"Only {name} mentions this, and only to deny it; {silent} mention it at all. "
            "Why would an outlet bring up a claim in order to deny it?"
        )
    hedge = f" It hedges the claim {HEDGE_EXAMPLES}." if cell.hedged else ""
    return (
        f"Only {name} reports this; {silent} mention it.{hedge} "
        f"Why might {leave_out} leave it out? Does that make it less likely to be true?"
    )


def _hedged_question(row: Row, names: dict[int, str]) -> str:
    agreeing = row.agreeing_cells
    sources = sorted(
        {found for cell in agreeing for stance in cell.stances if (found := _attributed(stance))}
    )
    subject = (
        "Every outlet that reports this"
        if len(agreeing) > 1
        else f"{names[agreeing[0].outlet.pk]}, the one outlet that reports this,"
    )
    pronoun = "They attribute" if len(agreeing) > 1 else "It attributes"
    attributed = f" {pronoun} it to {join_names(sources)}." if sources else ""
    return (
        f"{subject} hedges it {HEDGE_EXAMPLES}.{attributed} "
        "Who is it attributed to? Is that enough to believe it?"
    )


def _consensus_question(row: Row, names: dict[int, str]) -> str:
    if row.is_unanimous:
        opening = "Every outlet reports this."
    else:
        opening = f"{join_names(_names(row.agreeing_cells, names))} report this; none denies it."
    agreeing = len(row.agreeing_cells)
    if row.independent_agreeing is not None and row.independent_agreeing < agreeing:
        # The same count as the matrix's "(2 independent)" (coverage.selectors.counts).
        opening += (
            f" The {agreeing} outlets are {row.independent_agreeing} independent "
            f"source{'s' if row.independent_agreeing != 1 else ''}."
        )
    return (
        f"{opening} Does agreement make it true? Did they find it out separately, "
        "or could they all repeat one source?"
    )


def _names(cells: Iterable[OutletCell], names: dict[int, str]) -> list[str]:
    order = _reading_order(names)
    return [names[cell.outlet.pk] for cell in sorted(cells, key=lambda c: order(c.outlet.pk))]


def _verb(subjects: Sequence[str], singular: str, plural: str) -> str:
    return singular if len(subjects) == 1 else plural


def join_names(names: Sequence[str]) -> str:
    """["A"] -> "A", ["A", "B"] -> "A and B", ["A", "B", "C"] -> "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _quotes(cells: Iterable[OutletCell], names: dict[int, str], redact: Redact) -> list[Quote]:
    order = _reading_order(names)
    return [
        Quote(
            outlet=names[cell.outlet.pk],
            label=cell.label,
            label_display=cell.label_display,
            hedged=cell.hedged,
            attributed_to=redact(
                next((found for stance in cell.stances if (found := _attributed(stance))), "")
            ),
            text=redact(cell.evidence_text),
        )
        for cell in sorted(cells, key=lambda c: order(c.outlet.pk))
    ]


def _attributed(stance: Stance) -> str:
    """Whom the stance attributes the claim to, as every page says (coverage.origins)."""
    return cell_attribution(stance)
