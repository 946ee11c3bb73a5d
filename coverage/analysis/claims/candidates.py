"""Which sentences can hold a claim: cheap checks before parsing, and a factual predicate after."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coverage.analysis.claims.clauses import is_finite, own_subject
from coverage.analysis.claims.rendering import TERMINAL, WORD, normalise
from coverage.analysis.segment import is_boilerplate

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MIN_WORDS = 4
_OPINION_VERBS = frozenset({"think", "believe", "feel", "hope", "wish", "guess", "suppose"})
_FIRST_PERSON = frozenset({"i", "we"})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})


def is_candidate(sentence: str, *, title: str = "") -> bool:
    """Cheap checks before parsing: drops furniture, questions and headlines."""
    stripped = sentence.strip()
    if is_boilerplate(stripped) or len(WORD.findall(stripped)) < MIN_WORDS:
        return False
    if stripped.rstrip("\"'”’)] ").endswith("?"):
        return False
    if title and normalise(stripped) == normalise(title):
        return False
    return not _looks_like_headline(stripped)


def _looks_like_headline(text: str) -> bool:
    """Unpunctuated Title Case lines are headlines or section heads, not reporting."""
    if TERMINAL.search(text):
        return False
    words = [word for word in WORD.findall(text) if len(word) > 3]
    capitalised = sum(word[0].isupper() for word in words)
    return bool(words) and capitalised / len(words) >= 0.6


def asserts_fact(doc: Doc) -> bool:
    """True when the sentence has a finite predicate and is not opinion or exhortation."""
    roots = [token for token in doc if token.dep_ == "ROOT"]
    if not roots:
        return False
    if not any(is_finite(token) for token in doc if token.pos_ in {"VERB", "AUX"}):
        return _misparsed_predicate(roots[0])
    root = roots[0]
    subjects = [child for child in root.children if child.dep_ in {"nsubj", "nsubjpass"}]
    if doc.text.rstrip("\"'”’ ").endswith("!"):
        return False
    if root.tag_ == "VB" and not subjects and not is_finite(root):
        return False  # imperative: "Stop the war."
    if any(
        subject.lower_ in _DEMONSTRATIVES and not list(subject.children) for subject in subjects
    ):
        return False  # "This triggered a crisis." means nothing without the sentence before.
    first_person = any(subject.lower_ in _FIRST_PERSON for subject in subjects)
    if first_person and root.lemma_.lower() in _OPINION_VERBS:
        return False  # "We believe this is wrong."
    modal = {child.lower_ for child in root.children if child.dep_ == "aux"}
    return not (first_person and modal & {"should", "must", "ought"})


def _misparsed_predicate(root: Token) -> bool:
    """ "The Marta Vell, a 34-metre ferry ..., overturned off Sarnesk.": a past tense read as
    a participle modifying the subject; one with its own subject or after the subject's
    commas, and with no "by" agent ("a ferry operated by X"), is the sentence's verb."""
    if root.pos_ not in {"NOUN", "PROPN"}:
        return False
    for child in root.children:
        if child.dep_ != "acl" or child.tag_ not in {"VBN", "VBD"} or child.i < root.i:
            continue
        if any(grandchild.dep_ == "agent" for grandchild in child.children):
            continue
        before = root.doc[child.i - 1]
        if own_subject(child) is not None or (before.text == "," and before.head == root):
            return True
    return False
