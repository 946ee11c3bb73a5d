"""The journalist's explainer of one event: what outlets agree on, dispute, report alone,
or only pass on with a hedge, each claim backed by the outlets' own sentences.

Built from a counted Matrix (coverage.selectors.counts) without further queries, so
the page, its Markdown copy and the matrix always tell the same story, with the same
independent counts. Each claim appears once, in the first section that fits it, in
the order of SECTION_ORDER.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from coverage.analysis.hedging import detect_hedging
from coverage.attribution import cell_attribution
from coverage.models import Article, Assertion, Outlet, Stance
from coverage.selectors.counts import origins_in_words
from coverage.selectors.matrix import MIXED, Matrix, OutletCell, Row, unchecked_contradiction

CONTESTED = "contested"
HEDGED_ONLY = "hedged-only"
AGREED = "agreed"
SINGLE_OUTLET = "single-outlet"
UNREPORTED = "unreported"
# A claim that is disputed is news whatever else is true of it; one that is only ever
# passed on with a hedge is not established, however many outlets repeat it.
SECTION_ORDER = (CONTESTED, HEDGED_ONLY, AGREED, SINGLE_OUTLET, UNREPORTED)


UNCHECKED = "Found by the automatic analysis as a contradiction; no person has checked it yet."


@dataclass(frozen=True)
class Quote:
    """One article's evidence sentence for one claim, with how the outlet hedges it."""

    outlet: Outlet
    article: Article
    stance: Stance
    in_context_url: str  # the article page, scrolled to and highlighting the sentence
    attributed_to: str
    hedge_cues: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join((self.stance.evidence_text or "").split())

    @property
    def hedged(self) -> bool:
        return self.stance.hedged

    @property
    def note(self) -> str:
        return self.stance.note

    @property
    def unchecked(self) -> bool:
        """A contradiction only the analysis found, which no person has checked: the cell
        it is least often right about, so a journalist checks it before citing it."""
        return unchecked_contradiction(self.stance)

    @property
    def original_url(self) -> str:
        """The outlet's own page, only when it is a web address a reader can follow."""
        url = self.article.url.strip()
        return url if urlsplit(url).scheme in {"http", "https"} else ""

    @property
    def hedge_summary(self) -> str:
        """In words how the quote distances the outlet from the claim."""
        parts = ["Hedged"]
        if self.attributed_to:
            parts.append(f"attributed to {self.attributed_to}")
        if self.hedge_cues:
            parts.append("hedge words: " + ", ".join(f"“{cue}”" for cue in self.hedge_cues))
        if len(parts) == 1:
            parts.append("no hedge word found in this sentence; see the article for context")
        return "; ".join(parts)

    @property
    def segments(self) -> list[tuple[str, bool]]:
        """The quote as (text, is_hedge_cue) pieces, so the hedge words can be shown."""
        return split_on_cues(self.text, self.hedge_cues)


@dataclass
class Side:
    """The outlets that take one position on a claim, with their quotes."""

    label: str  # Stance.Label.AGREE or CONTRADICT
    outlets: list[Outlet] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    mixed_outlets: list[Outlet] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return "Report it" if self.label == Stance.Label.AGREE else "Contradict it"


@dataclass
class Item:
    """One claim in a section."""

    row: Row
    sides: list[Side]
    silent_outlets: list[Outlet]
    outlet_count: int

    @property
    def assertion(self) -> Assertion:
        return self.row.assertion

    @property
    def speaking_count(self) -> int:
        return len(self.row.speaking_cells)

    @property
    def attributions(self) -> list[str]:
        """Every source the outlets name for the claim, once each, in order."""
        sources: dict[str, str] = {}
        for side in self.sides:
            for quote in side.quotes:
                if quote.attributed_to:
                    key = re.sub(r"^the\s+", "", quote.attributed_to, flags=re.IGNORECASE).lower()
                    sources.setdefault(key, quote.attributed_to)
        return list(sources.values())

    @property
    def origins(self) -> str:
        """ "3 outlets · 2 origins: …", once the worker has traced the claim."""
        return origins_in_words(self.row)

    @property
    def independent_note(self) -> str:
        """ "2 independent" when agreeing outlets republish one another or one origin."""
        if self.row.has_copied_agreement:
            return f"{self.row.independent_agreeing} independent"
        return ""

    @property
    def coverage(self) -> str:
        """Who reports it, in words: "All 4 outlets", "3 of 4 outlets", "Only The Bugle"."""
        if self.speaking_count == 1:
            only = self.row.speaking_cells[0]
            denies = ", which contradicts it" if only.label == Stance.Label.CONTRADICT else ""
            return f"Only {only.outlet.name}{denies}"
        if self.row.is_contested:
            return "; ".join(
                f"{len(side.outlets)} {_plural(len(side.outlets), side.heading.lower())}"
                for side in self.sides
            )
        agreeing = len(self.row.agreeing_cells)
        independent = f" ({self.independent_note})" if self.independent_note else ""
        if agreeing == self.outlet_count:
            return f"All {self.outlet_count} outlets{independent}"
        return f"{agreeing} of {self.outlet_count} outlets{independent}"


def _plural(count: int, verb_phrase: str) -> str:
    """ "report it" for several outlets, "reports it" for one."""
    if count != 1:
        return verb_phrase
    verb, _, rest = verb_phrase.partition(" ")
    return f"{verb}s {rest}"


@dataclass
class Section:
    key: str
    title: str
    description: str
    empty_message: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Explainer:
    event_title: str
    outlet_count: int
    article_count: int
    assertion_count: int
    cell_count: int
    human_cell_count: int
    analysed_at: datetime | None
    sections: list[Section]

    @property
    def has_rows(self) -> bool:
        return self.assertion_count > 0 and self.outlet_count > 0


def build_explainer(
    matrix: Matrix, *, analysed_at: datetime | None = None, modes: str = ""
) -> Explainer:
    """Sort the matrix's rows into the explainer's sections; ``analysed_at`` is when the
    automatic analysis last finished, if it ever did; ``modes`` what links to articles
    keep ("blind=1", for a matrix from coverage.blind.blinded_matrix)."""
    articles = {article.pk: article for column in matrix.columns for article in column.articles}
    sections = {key: _empty_section(key) for key in SECTION_ORDER}
    for row in matrix.rows:
        key = section_of(row)
        if key is not None:
            sections[key].items.append(_item(row, matrix, articles, modes))
    _describe_agreed(sections[AGREED], matrix)
    cells = [cell for row in matrix.rows for cell in row.cells]
    return Explainer(
        event_title=matrix.event.title,
        outlet_count=len(matrix.columns),
        article_count=matrix.article_count,
        assertion_count=len(matrix.rows),
        cell_count=len(cells),
        human_cell_count=sum(1 for cell in cells if cell.is_human),
        analysed_at=analysed_at,
        sections=[
            section
            for key, section in sections.items()
            if key != UNREPORTED or section.items  # only shown when some claim lands there
        ],
    )


def section_of(row: Row) -> str | None:
    """The one section a row belongs in, or None when there are no outlets at all."""
    if not row.cells:
        return None
    if row.is_contested:
        return CONTESTED
    if row.is_hedged_only:
        return HEDGED_ONLY
    if row.is_consensus:
        return AGREED
    # Not row.is_single_outlet, which needs two outlets: with one, all it says is its own.
    if len(row.speaking_cells) == 1:
        return SINGLE_OUTLET
    return UNREPORTED


def _empty_section(key: str) -> Section:
    return {
        CONTESTED: Section(
            CONTESTED,
            "What is contested",
            "Claims that one outlet reports and another contradicts, or on which one "
            "outlet’s own articles disagree.",
            "No claim is contested: no outlet contradicts what another reports.",
        ),
        HEDGED_ONLY: Section(
            HEDGED_ONLY,
            "What is only reported with hedging",
            "Claims that every outlet reporting them passes on with a hedge (“reportedly”, "
            "“allegedly”) or attributes to someone else, so no outlet states them as fact.",
            "No claim is only reported with hedging: each reported claim is stated as fact "
            "by at least one outlet.",
        ),
        AGREED: Section(
            AGREED,
            "What all outlets agree on",
            "Claims that every outlet reports, at least one of them as its own fact.",
            "",
        ),
        SINGLE_OUTLET: Section(
            SINGLE_OUTLET,
            "What only one outlet reports",
            "Claims that one outlet reports (or denies) and every other outlet leaves out.",
            "No claim comes from a single outlet: every reported claim appears in at least two.",
        ),
        UNREPORTED: Section(
            UNREPORTED,
            "Other claims",
            "Claims in the matrix that no outlet reports as fact: nobody mentions them, or "
            "outlets only deny them.",
            "",
        ),
    }[key]


def _describe_agreed(section: Section, matrix: Matrix) -> None:
    """Unanimous rows if there are any; else the consensus rows, labelled as such."""
    unanimous = [item for item in section.items if item.row.is_unanimous]
    if unanimous:
        others = len(section.items) - len(unanimous)
        section.items = unanimous + [item for item in section.items if not item.row.is_unanimous]
        if others:
            section.description = (
                "Claims that every outlet reports, at least one of them as its own fact; the "
                f"last {others} are reported by at least two outlets and contradicted by none."
            )
        return
    if section.items:
        section.title = "What several outlets agree on"
        section.description = (
            "No claim is reported by every outlet. These are reported by at least two "
            "outlets, contradicted by none and stated as fact by at least one."
        )
        return
    section.empty_message = (
        "No claim is agreed on: none is reported by two or more outlets, contradicted by "
        "none and stated as fact by at least one."
    )
    hedged_unanimous = sum(1 for row in matrix.rows if row.is_unanimous and row.is_hedged_only)
    if hedged_unanimous:
        section.empty_message += (
            f" {hedged_unanimous} claim{'s are' if hedged_unanimous != 1 else ' is'} reported by "
            "every outlet, but only with hedging: see “What is only reported with hedging”."
        )
    if len(matrix.columns) < 2:
        section.empty_message = "Agreement needs at least two outlets; this event has one."


def _item(row: Row, matrix: Matrix, articles: dict[int, Article], modes: str) -> Item:
    sides = {label: Side(label=label) for label in (Stance.Label.AGREE, Stance.Label.CONTRADICT)}
    silent: list[Outlet] = []
    for cell in row.cells:
        if cell.label == Stance.Label.SILENT:
            silent.append(cell.outlet)
            continue
        for stance in cell.stances:
            if stance.label == Stance.Label.SILENT:
                continue
            side = sides[stance.label]
            if cell.outlet not in side.outlets:
                side.outlets.append(cell.outlet)
                if cell.label == MIXED:
                    side.mixed_outlets.append(cell.outlet)
            if stance.evidence is not None:
                side.quotes.append(
                    _quote(cell, stance, articles[stance.article_id], matrix.event.slug, modes)
                )
    return Item(
        row=row,
        sides=[side for side in sides.values() if side.outlets],
        silent_outlets=silent,
        outlet_count=len(matrix.columns),
    )


def _quote(
    cell: OutletCell, stance: Stance, article: Article, event_slug: str, modes: str
) -> Quote:
    found = detect_hedging(stance.evidence_text) if stance.hedged else None
    index = stance.evidence.index
    return Quote(
        outlet=cell.outlet,
        article=article,
        stance=stance,
        in_context_url=(
            reverse("article_detail", args=[event_slug, article.pk])
            + f"?{modes}{'&' if modes else ''}sentence={index}#s{index}"
        ),
        attributed_to=cell_attribution(stance),
        hedge_cues=found.cues if found else (),
    )


def split_on_cues(text: str, cues: tuple[str, ...]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_cue) around every whole-word occurrence of the cues."""
    if not cues:
        return [(text, False)] if text else []
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(cue) for cue in sorted(cues, key=len, reverse=True)) + r")\b",
        re.IGNORECASE,
    )
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            pieces.append((text[position : match.start()], False))
        pieces.append((match.group(0), True))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


# Markdown

# Characters that start inline formatting anywhere in a line (CommonMark, and GitHub's
# tables and strikethrough). Backslash first, so escapes are not escaped again.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What turns a line into a heading, list, rule or setext underline at its start ("> " is
# already escaped inline).
_BLOCK_MARK = re.compile(r"^([#+=-])")
_LIST_NUMBER = re.compile(r"^(\d+)([.)])")
_TRAILING_HASHES = re.compile(r"(?<=\s)(#+)$")


def markdown_escape(text: str) -> str:
    """Text from outlets and editors as literal Markdown, on a single line.

    An outlet's sentence must not become a link, a heading, a list or bold text, nor
    break the quote it sits in, whatever characters it contains.
    """
    text = _escape_line_start(_escape_inline(" ".join(text.split())))
    # "Number #" would lose its "#" as the closing sequence of a heading.
    return _TRAILING_HASHES.sub(r"\\\1", text)


def _escape_inline(text: str) -> str:
    return _ENTITY.sub(r"\\&", _INLINE_SPECIAL.sub(r"\\\1", text))


def _escape_line_start(line: str) -> str:
    line = _BLOCK_MARK.sub(r"\\\1", line, count=1)
    return _LIST_NUMBER.sub(r"\1\\\2", line, count=1)


def markdown_url(url: str) -> str:
    """A URL safe inside ``[text](<url>)``: no spaces, angle brackets or parentheses."""
    replacements = {
        " ": "%20",
        "\t": "%09",
        "<": "%3C",
        ">": "%3E",
        "(": "%28",
        ")": "%29",
        "\n": "",
        "\r": "",
    }
    return "".join(replacements.get(character, character) for character in url.strip())


def to_markdown(explainer: Explainer, *, event_url: str, absolute: Callable[[str], str]) -> str:
    """The explainer as Markdown; ``absolute`` turns a site path into a full URL."""
    lines = [
        f"# {markdown_escape(explainer.event_title)}: how the outlets covered it",
        "",
        markdown_escape(intro_line(explainer)) + ".",
        "",
        f"Full matrix and sources: <{markdown_url(event_url)}>",
    ]
    for section in explainer.sections:
        lines += ["", f"## {section.title} ({len(section.items)})", ""]
        lines.append(section.description if section.items else section.empty_message)
        for item in section.items:
            lines += _markdown_item(item, absolute)
    lines += ["", "## About this explainer", ""]
    lines += [paragraph for text in method_notes(explainer) for paragraph in (text, "")]
    return "\n".join(lines).rstrip() + "\n"


def _markdown_item(item: Item, absolute: Callable[[str], str]) -> list[str]:
    lines = ["", f"### Claim {item.row.number}: {markdown_escape(item.assertion.text)}", ""]
    summary = f"*{markdown_escape(item.coverage)}*"
    if item.silent_outlets:
        summary += f" · silent: {markdown_escape(_names(item.silent_outlets))}"
    if item.attributions:
        summary += f" · attributed to: {markdown_escape('; '.join(item.attributions))}"
    if item.origins:
        summary += f" · origins: {markdown_escape(item.origins)}"
    lines.append(summary)
    for side in item.sides:
        names = markdown_escape(_names(side.outlets))
        lines += ["", f"**{side.heading}:** {names}"]
        if side.mixed_outlets:
            lines[-1] += f" (mixed: {markdown_escape(_names(side.mixed_outlets))})"
        for quote in side.quotes:
            lines += ["", *_markdown_quote(quote, absolute)]
        if not side.quotes:
            lines += ["", "No quote recorded."]
    return lines


def _markdown_quote(quote: Quote, absolute: Callable[[str], str]) -> list[str]:
    text = _escape_line_start(
        "".join(
            f"**{_escape_inline(piece)}**" if is_cue else _escape_inline(piece)
            for piece, is_cue in quote.segments
        )
    )
    citation = (
        f"— {markdown_escape(quote.outlet.name)}, "
        f"[{markdown_escape(quote.article.title)}](<{markdown_url(absolute(quote.in_context_url))}>)"
    )
    if quote.original_url:
        citation += f" ([original](<{markdown_url(quote.original_url)}>))"
    lines = [f"> {text}", ">", f"> {citation}"]
    if quote.hedged:
        lines += [">", f"> *{markdown_escape(quote.hedge_summary)}*"]
    if quote.unchecked:
        lines += [">", f"> *{UNCHECKED}*"]
    if quote.note:
        lines += [">", f"> Editor’s note: {markdown_escape(quote.note)}"]
    return lines


def _names(outlets: list[Outlet]) -> str:
    return ", ".join(outlet.name for outlet in outlets)


def intro_line(explainer: Explainer) -> str:
    """ "4 outlets, 12 articles, 30 assertions; last analysed 3 May 2026"."""
    counts = ", ".join(
        f"{count} {noun}{'' if count == 1 else 's'}"
        for count, noun in (
            (explainer.outlet_count, "outlet"),
            (explainer.article_count, "article"),
            (explainer.assertion_count, "assertion"),
        )
    )
    if explainer.analysed_at is None:
        return f"{counts}; not analysed automatically"
    when = date_format(localtime(explainer.analysed_at), "j F Y, H:i")
    return f"{counts}; last analysed {when}"


def method_notes(explainer: Explainer) -> list[str]:
    checked = (
        f"{explainer.human_cell_count} of its {explainer.cell_count} cells were set or checked "
        "by a person; the others come from the automatic analysis."
    )
    return [
        "Parallax splits the coverage into claims (the rows of the matrix) and records, for "
        "each outlet, whether its articles report the claim, contradict it or stay silent, "
        "with the sentence that shows it. " + checked,
        "Each claim is listed once, in the first section that fits: contested, only reported "
        "with hedging, agreed, one outlet only.",
        "Hedged means the outlet does not state the claim as its own fact: it qualifies it "
        "(“reportedly”, “allegedly”, “may have”) or attributes it to someone else (“according "
        "to…”, “X said”). The hedge words Parallax found in a quote are highlighted (in bold "
        "in Markdown). Silence is not denial: an outlet may leave a claim out for reasons of "
        "space or focus.",
        "Each quote links to its sentence in the article as Parallax stored it, and to the "
        "outlet’s original page where known.",
    ]
