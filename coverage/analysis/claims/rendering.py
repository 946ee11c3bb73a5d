"""Tokens of a clause joined back into a sentence an outlet could have written."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from coverage.analysis.claims.model import Clause

if TYPE_CHECKING:
    from spacy.tokens import Token

# Words a split clause may start with that belong to the sentence it came from.
_LEFT_OVER = frozenset({"that", "whether", "and", "but", "or"})
# An elision mark where the outlet cut a quotation: "<...>", "[...]", "(…)".
_ELISION = re.compile(r"\s*[<\[(]\s*(?:\.\.\.|…)\s*[>\])]\s*")
TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def normalise(text: str) -> str:
    return " ".join(word.casefold() for word in WORD.findall(text))


def render(tokens: Sequence[Token], sentence_text: str) -> str:
    """Join tokens back into a clean sentence: spacing, capital letter, final period."""
    ordered = sorted(tokens, key=lambda token: token.i)
    while ordered and ordered[0].pos_ in {"SCONJ", "CCONJ"} and ordered[0].lower_ in _LEFT_OVER:
        ordered = ordered[1:]  # "... and that B" split off: "B"
    if not ordered:
        return ""
    if len(ordered) == len(ordered[0].doc):
        # A sentence of a longer quotation opens or closes it alone: '"The fire is out.'
        return _balance_quotes(_ELISION.sub(" ", sentence_text).strip())
    pieces: list[str] = []
    for position, token in enumerate(ordered):
        following = ordered[position + 1] if position + 1 < len(ordered) else None
        adjacent = following is not None and following.i == token.i + 1
        pieces.append(token.text_with_ws if adjacent else token.text + " ")
    text = _ELISION.sub(" ", "".join(pieces)).strip()
    text = re.sub(r"\s+([,.;:!?’”)\]])", r"\1", text)
    text = re.sub(r"([(\[“‘])\s+", r"\1", text)
    text = _balance_quotes(text)
    text = re.sub(r"^[,;:\s]+|[,;:\s]+$", "", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)  # "at 6 a.m." closing the clause
    # A conjunction left behind by a clause split off after it: "..., and."
    text = re.sub(r"[,;]?\s+(?:and|but|or|while)\s*([.!?]?)$", r"\1", text)
    text = re.sub(r"[,;:]+(\s*[.!?])", r"\1", text)
    if not text:
        return text
    if not TERMINAL.search(text):
        text += "."
    first_letter = next((i for i, character in enumerate(text) if character.isalnum()), 0)
    return text[:first_letter] + text[first_letter].upper() + text[first_letter + 1 :]


def render_clause(clause: Clause, sentence_text: str) -> str:
    """A clause with its frame; a frame that closes the sentence follows after a comma."""
    last = max(token.i for token in clause.tokens)
    trailing = [token for token in clause.frame if token.i > last]
    if not trailing or len(trailing) != len(clause.frame):
        return render(clause.worded, sentence_text)
    words = [token for token in trailing if token.dep_ != "punct" or token.i != trailing[0].i]
    frame = "".join(token.text_with_ws for token in words).strip()
    claim = render(clause.tokens, sentence_text)
    if not frame:
        return claim
    joined = claim.rstrip(".!?…") + ", " + frame.lstrip('"”,; ')
    return _balance_quotes(re.sub(r",\s*,", ",", joined))


def _balance_quotes(text: str) -> str:
    """Drop a curly quote left open or closed by cutting the sentence apart."""
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    return text.strip()
