"""Claim detection: which sentences assert something checkable, split into atomic claims.

A matrix row should hold one assertion, so "X did A, and Y did B" becomes two claims,
while "X did A and then B" keeps its shared subject ("X did B" is written out in full)
so every claim reads on its own. Sentences that assert nothing an outlet could agree
or disagree with are dropped: questions, site furniture, headlines repeated in the
body, fragments, and opinion or exhortation without a factual predicate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coverage.analysis.details import Detail, split_details
from coverage.analysis.hedging import (
    DENIAL_VERBS,
    SPEECH_VERBS,
    Hedging,
    detect_hedging,
    hedging_for_tokens,
    is_attribution_verb,
    misread_content_subject,
)
from coverage.analysis.nlp import get_nlp
from coverage.analysis.nonclaims import (
    QUOTED_SHARE,
    is_colour,
    is_newsroom_talk,
    is_private_speaker,
    quoted_share,
)
from coverage.analysis.quotes import Quoting, read_quoting
from coverage.analysis.segment import (
    Sentence,
    is_boilerplate,
    split_sentences,
    without_footnote_marks,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

MIN_WORDS = 4
# A clause split off a sentence keeps its subject and verb: "twelve were injured".
MIN_CLAUSE_WORDS = 3
# How far into a sentence the comma closing an opening "Citing X," phrase may come.
_ASIDE_REACH = 16
PIPE_BATCH_SIZE = 64

_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_OPINION_VERBS = frozenset({"think", "believe", "feel", "hope", "wish", "guess", "suppose"})
_FIRST_PERSON = frozenset({"i", "we"})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
_HEDGE_ADVERBS = frozenset(
    {
        "reportedly",
        "allegedly",
        "purportedly",
        "supposedly",
        "apparently",
        "ostensibly",
        "seemingly",
    }
)
# Sentence-initial connectives that tie a sentence to its neighbour but assert nothing.
_CONNECTIVES = frozenset(
    {"furthermore", "moreover", "additionally", "also", "meanwhile", "however", "besides"}
)
# Entity kinds whose words keep their capital letter inside a sentence.
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "PRODUCT"})
# Words a split clause may start with that belong to the sentence it came from.
_LEFT_OVER = frozenset({"that", "whether", "and", "but", "or"})
# An elision mark where the outlet cut a quotation: "<...>", "[...]", "(…)".
_ELISION = re.compile(r"\s*[<\[(]\s*(?:\.\.\.|…)\s*[>\])]\s*")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class Claim:
    """One checkable assertion of an article.

    ``text`` is the outlet's wording, made self-contained; ``core`` drops the
    attribution and hedge words ("According to X, ...", "reportedly"), which is what
    is compared across outlets. Offsets locate the source sentence in the article.
    """

    text: str
    core: str
    sentence_index: int
    sentence_start: int
    sentence_end: int
    hedging: Hedging

    @property
    def hedged(self) -> bool:
        return self.hedging.hedged

    @property
    def cues(self) -> tuple[str, ...]:
        return self.hedging.cues

    @property
    def attributed_to(self) -> str | None:
        return self.hedging.attributed_to


def extract_claims(text: str, *, title: str = "", nlp: Language | None = None) -> list[Claim]:
    """Claims of one article; a convenience over find_claims for a single text."""
    context = [s for s in split_sentences(text) if not is_boilerplate(s.text)]
    sentences = [s for s in context if is_candidate(s.text, title=title)]
    nlp = nlp or get_nlp()
    docs = list(nlp.pipe((s.text for s in sentences), batch_size=PIPE_BATCH_SIZE))
    return find_claims(sentences, docs, context=context)


def is_candidate(sentence: str, *, title: str = "") -> bool:
    """Cheap checks before parsing: drops furniture, questions and headlines."""
    stripped = sentence.strip()
    if is_boilerplate(stripped) or len(_WORD.findall(stripped)) < MIN_WORDS:
        return False
    if stripped.rstrip("\"'”’)] ").endswith("?"):
        return False
    if title and _normalise(stripped) == _normalise(title):
        return False
    return not _looks_like_headline(stripped)


def find_claims(
    sentences: Sequence[Sentence],
    docs: Sequence[Doc],
    *,
    context: Sequence[Sentence] | None = None,
) -> list[Claim]:
    """Claims from sentences and their parses (``docs[i]`` is ``sentences[i].text``).

    Callers filter with is_candidate first and parse all articles in one nlp.pipe
    pass, which is what keeps a 50-article event fast. ``context`` is every
    sentence of the article (furniture left out), so attribution can be read across
    sentence boundaries: a quotation attributed where it closes, a claim followed by
    "A source told the agency." Without it, ``sentences`` are the context.
    """
    parsed = {sentence.index: doc for sentence, doc in zip(sentences, docs, strict=True)}
    context = sorted(context if context is not None else sentences, key=lambda s: s.index)
    quoting, bare = read_quoting(context, parsed)
    texts = {sentence.index: sentence.text for sentence in context}
    claims: list[Claim] = []
    seen: set[str] = set()
    for sentence, doc in zip(sentences, docs, strict=True):
        if (
            sentence.index in bare
            or is_newsroom_talk(sentence.text)
            or not _TERMINAL.search(sentence.text.rstrip("*† "))
            or not _asserts_fact(doc)
        ):
            # An unpunctuated sentence is a line of its own: a headline or a listed title.
            continue
        quotes = quoting.get(sentence.index, Quoting())
        carried = None
        if quotes.frame is not None and quotes.frame in texts:
            carried = detect_hedging(texts[quotes.frame], parsed.get(quotes.frame))
        # Who speaks: the words of this sentence outside quotation marks, and its frame's.
        speaker = " ".join([_unquoted(sentence.text, quotes.quoted), texts.get(quotes.frame, "")])
        found: list[tuple[str, str, Hedging]] = []
        aside = _leading_aside(doc)
        for whole in _atomic_clauses(doc):
            broader, details = split_details([t for t in whole.tokens if t.i not in aside])
            # "Residents of Orlo, a farming village ..., said": a detail of the frame.
            frame, frame_details = split_details(whole.frame)
            details += frame_details
            clause = _Clause(broader or whole.tokens, frame)
            content = _strip_attribution(clause.tokens)
            if aside:
                clause = _Clause([*clause.tokens, *(t for t in doc if t.i in aside)], frame)
            if quoted_share(content, quotes.quoted) >= QUOTED_SHARE and is_colour(
                content, private_speaker=is_private_speaker(speaker)
            ):
                continue
            text = _render_clause(clause, sentence.text)
            own = hedging_for_tokens(text, clause.worded)
            found.append((text, _render(content, sentence.text), _with_carried(own, carried)))
            found.extend(_detail_claim(detail, whole, sentence.text, carried) for detail in details)
        for text, worded, hedging in found:
            # Rows are read without the outlet's footnote marks ("Kavar Defence Front*").
            core = without_footnote_marks(worded)
            key = _normalise(core)
            if len(key.split()) < MIN_CLAUSE_WORDS or key in seen:
                continue
            seen.add(key)
            claims.append(
                Claim(
                    text=text,
                    core=core,
                    sentence_index=sentence.index,
                    sentence_start=sentence.start,
                    sentence_end=sentence.end,
                    hedging=hedging,
                )
            )
    return claims


def _detail_claim(
    detail: Detail, clause: _Clause, sentence_text: str, carried: Hedging | None
) -> tuple[str, str, Hedging]:
    """Text, core and hedging of a detail: "Orlo is a farming village ...", "X said Y"."""
    if detail.link is None:
        if detail.keeps_frame:
            named = _Clause(detail.subject, clause.frame)
            text = _render_clause(named, sentence_text)
            core = _render(_strip_attribution(detail.subject), sentence_text)
            own = hedging_for_tokens(text, named.worded)
            return text, core, _with_carried(own, carried)
        tokens = sorted({*detail.subject, *detail.predicate}, key=lambda token: token.i)
        text = _render(tokens, sentence_text)
        core = _render(_strip_attribution(tokens), sentence_text)
        own = hedging_for_tokens(text, tokens)
        return text, core, own
    subject = _render(detail.subject, sentence_text).rstrip(".!?…")

    def worded(predicate_tokens: list[Token]) -> str:
        predicate = _render(predicate_tokens, sentence_text)
        first = predicate_tokens[0] if predicate_tokens else None
        if first is not None and (
            first.pos_ == "DET" or (first.pos_ != "PROPN" and first.ent_type_ not in _NAMED)
        ):
            predicate = predicate[:1].lower() + predicate[1:]
        return f"{subject} {detail.link} {predicate}"

    text = worded(detail.predicate)
    if detail.link in {"is", "are", "was", "were"}:
        # "The training was reportedly based on ...": compared without the hedge word.
        core = worded(_strip_attribution(detail.predicate)) if detail.predicate else text
        return text, core, hedging_for_tokens(text, detail.hedge_tokens)
    own = hedging_for_tokens(text, detail.hedge_tokens)
    if not own.hedged:
        own = Hedging(hedged=True, cues=(detail.subject[-1].lower_,) if detail.subject else ())
    return text, _render(detail.content, sentence_text), _with_carried(own, carried)


def _unquoted(text: str, quoted: Sequence[tuple[int, int]]) -> str:
    kept = list(text)
    for start, end in quoted:
        kept[start:end] = " " * (end - start)
    return "".join(kept)


def _with_carried(own: Hedging, carried: Hedging | None) -> Hedging:
    """A claim's own hedging plus the attribution its neighbouring sentence gives it."""
    if carried is None or not carried.hedged:
        return own
    return Hedging(
        hedged=True,
        cues=tuple(dict.fromkeys((*own.cues, *carried.cues))),
        attributed_to=own.attributed_to or carried.attributed_to,
        sources=tuple(dict.fromkeys((*own.sources, *carried.sources))),
    )


def _normalise(text: str) -> str:
    return " ".join(word.casefold() for word in _WORD.findall(text))


def _looks_like_headline(text: str) -> bool:
    """Unpunctuated Title Case lines are headlines or section heads, not reporting."""
    if _TERMINAL.search(text):
        return False
    words = [word for word in _WORD.findall(text) if len(word) > 3]
    capitalised = sum(word[0].isupper() for word in words)
    return bool(words) and capitalised / len(words) >= 0.6


def _is_finite(token: Token) -> bool:
    if token.tag_ in _FINITE_TAGS:
        return True
    return any(child.dep_ in {"aux", "auxpass"} for child in token.children)


def _asserts_fact(doc: Doc) -> bool:
    """True when the sentence has a finite predicate and is not opinion or exhortation."""
    roots = [token for token in doc if token.dep_ == "ROOT"]
    if not roots:
        return False
    if not any(_is_finite(token) for token in doc if token.pos_ in {"VERB", "AUX"}):
        return _misparsed_predicate(roots[0])
    root = roots[0]
    subjects = [child for child in root.children if child.dep_ in {"nsubj", "nsubjpass"}]
    if doc.text.rstrip("\"'”’ ").endswith("!"):
        return False
    if root.tag_ == "VB" and not subjects and not _is_finite(root):
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


@dataclass(frozen=True)
class _Clause:
    """The tokens of one claim, and the attribution frame it shares with its siblings."""

    tokens: list[Token]
    frame: list[Token]

    @property
    def worded(self) -> list[Token]:
        return sorted({*self.tokens, *self.frame}, key=lambda token: token.i)


def _leading_aside(doc: Doc) -> set[int]:
    """ "Citing sources in Idlib, the head of the centre said ...": the opening phrase up to
    its comma, which names a source and often leads the parser astray (read as the
    subject, the real subject as its appositive). Its words hedge, but say nothing."""
    first = doc[0] if len(doc) else None
    if first is None or first.tag_ != "VBG":
        return set()
    if first.lemma_.lower() not in SPEECH_VERBS | {"refer"}:
        return set()
    comma = next((t.i for t in doc[1:_ASIDE_REACH] if t.text == ","), None)
    return set(range(comma + 1)) if comma is not None else set()


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
        if _own_subject(child) is not None or (before.text == "," and before.head == root):
            return True
    return False


def _atomic_clauses(doc: Doc) -> list[_Clause]:
    """The claims in a sentence, each able to stand alone, with the frame that attributes it.

    Coordinated clauses are split: those hanging off the root, and those of the
    content of an attribution ("A and B, police said"; "A, and B, the minister told
    reporters"). Each split clause gets the root's leading modifiers ("According to
    X, in July, ...") and, when it has no subject of its own, the shared subject;
    the attribution frame goes with every clause, so each keeps its hedge.
    """
    root = next(token for token in doc if token.dep_ == "ROOT")
    pivot, frame = root, _tail_frame(root)
    content = next((child for child in root.children if child.dep_ == "ccomp"), None)
    # "The diplomat emphasized that A, and cautioned that B": B is the root's own clause.
    root_conjuncts: list[Token] = []
    if frame is None and content is not None and is_attribution_verb(root):
        pivot = content
        root_subject = _own_subject(root)
        root_conjuncts = [
            child
            for child in root.children
            if child.dep_ == "conj"
            and child.i > content.i
            and child.pos_ == "VERB"
            and _is_finite(child)
            and (root_subject is not None or _own_subject(child) is not None)
        ]
        outside = {token.i for token in content.subtree}
        for conj in root_conjuncts:
            outside |= {token.i for token in conj.subtree}
            outside |= {
                t.i
                for t in doc[max(conj.left_edge.i - 2, 0) : conj.left_edge.i]
                if t.dep_ in {"cc", "punct"} and t.head.i == root.i
            }
        frame = [token for token in doc if token.i not in outside]
    frame = frame or []
    frame_ids = {token.i for token in frame}
    subject = next((c for c in pivot.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    conjuncts = [
        child
        for child in pivot.children
        if child.dep_ == "conj"
        and child.i not in frame_ids
        and child.pos_ in {"VERB", "AUX"}
        and _is_finite(child)
        and (subject is not None or _own_subject(child) is not None)
    ]
    if content is not None and pivot.i == content.i:
        # "A, and B," he said: the second clause parsed as a second content of "said".
        conjuncts += [
            child
            for child in root.children
            if child.dep_ == "ccomp"
            and child.i != content.i
            and child.i < root.i
            and _own_subject(child) is not None
        ]
    # A frame's own content ("we expect a difficult night," the governor said) is a clause.
    reported = [
        child
        for token in frame
        if token.dep_ == "conj" and token.head == pivot
        for child in token.children
        if child.dep_ == "ccomp" and child.i < token.i
    ]
    if not conjuncts and not reported and not root_conjuncts:
        return [_Clause(list(doc), [])]

    split_off = {token.i for conj in [*conjuncts, *reported] for token in conj.subtree}
    for conj in [*conjuncts, *reported]:
        # The "and"/"but" and the comma before it belong to neither clause.
        for token in doc[max(conj.left_edge.i - 3, 0) : conj.left_edge.i]:
            if token.dep_ in {"cc", "punct"} and token.head in {pivot, conj, root}:
                split_off.add(token.i)
    frame = [token for token in frame if token.i not in split_off]
    frame_ids = {token.i for token in frame}
    pivot_ids = {token.i for token in pivot.subtree} if pivot.i != root.i else None
    first = [
        token
        for token in doc
        if token.i not in split_off
        and token.i not in frame_ids
        and (pivot_ids is None or token.i in pivot_ids)
    ]
    prefix_end = subject.left_edge.i if subject is not None else pivot.i
    prefix = [
        token
        for token in doc[:prefix_end]
        if token.i not in split_off
        and token.i not in frame_ids
        and token.dep_ not in {"cc"}
        and (pivot_ids is None or token.i in pivot_ids)
        and not (token.dep_ == "mark" and token.head == pivot)
    ]
    clauses = [_Clause(first, frame)]
    for conj in conjuncts:
        shared_subject = [] if _own_subject(conj) is not None else list(subject.subtree)
        clause = [*prefix, *shared_subject, *conj.subtree]
        if len(_WORD.findall(" ".join(token.text for token in clause))) < MIN_CLAUSE_WORDS:
            return [_Clause(list(doc), [])]
        clauses.append(_Clause(clause, frame))
    clauses.extend(_Clause(list(clause.subtree), frame) for clause in reported)
    # The root's leading modifiers ("Officially, ...") go with its own other clauses too.
    root_subject = _own_subject(root)
    leading = [
        token
        for token in doc[: root_subject.left_edge.i if root_subject is not None else root.i]
        if token.head.i == root.i and token.dep_ in {"advmod", "prep", "npadvmod"}
        for token in token.subtree
    ]
    leading += [t for t in doc[: leading[-1].i + 2] if t.text == ","][-1:] if leading else []
    for conj in root_conjuncts:
        shared = [] if _own_subject(conj) is not None else list(root_subject.subtree)
        clauses.append(_Clause([*leading, *shared, *conj.subtree], []))
    return clauses


def _tail_frame(root: Token) -> list[Token] | None:
    """ "A and B, the ministry said": the closing attribution parsed as a conjunct of A.

    Its tokens (without the content clause it may carry) attribute every clause.
    """
    frames = [
        child
        for child in root.children
        if child.dep_ == "conj"
        and child.lemma_.lower() in SPEECH_VERBS
        and _own_subject(child) is not None
        and not any(
            grandchild.dep_ == "dobj"
            and grandchild.lower_ not in {"this", "that"}
            and child.lemma_.lower() != "tell"
            for grandchild in child.children
        )
        and child.i
        > max(token.i for token in root.children if token.dep_ != "punct" and token != child)
    ]
    if not frames:
        return None
    frame = frames[-1]
    own = {token.i for token in frame.subtree} - {
        token.i
        for child in frame.children
        if child.dep_ == "ccomp" and child.i < frame.i
        for token in child.subtree
    }
    return [token for token in root.doc if token.i in own]


def _own_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)


def _strip_attribution(tokens: list[Token]) -> list[Token]:
    """The claim without who said it: the outlet-neutral wording compared across articles."""
    in_claim = {token.i for token in tokens}
    # A split clause's own root is a conjunct whose head lies outside the clause.
    tops = [t for t in tokens if t.head == t or t.head.i not in in_claim]
    root = next((t for t in tops if t.pos_ in {"VERB", "AUX"}), tops[0])
    if root.lemma_.lower() in DENIAL_VERBS:
        # "The operator denied that the ferry was overloaded" is not "the ferry was overloaded".
        return list(tokens)
    if is_attribution_verb(root):
        # "The Kyiv Post reports that X" / "It has been claimed that X": keep X.
        content = next((child for child in root.children if child.dep_ == "ccomp"), None)
        if content is not None:
            return [
                token
                for token in content.subtree
                if token.i in in_claim and not (token.dep_ == "mark" and token.head == content)
            ]
        misread = misread_content_subject(root)
        if misread is not None:
            # "The ferry, the Marta Vell, overturned off Sarnesk, NNA said": the ferry part.
            kept = [t for t in misread.subtree if t.i in in_claim]
            while kept and kept[-1].text in {",", "—", "–"}:
                kept.pop()
            return kept
    dropped: set[int] = set()
    for token in tokens:
        if token.lower_ == "according" or _is_attribution_aside(token):
            dropped.update(t.i for t in token.subtree)
            dropped.update(_adjacent_commas(token))
        elif token.dep_ == "mark" and token.lower_ == "that" and token.head == root:
            dropped.add(token.i)  # left behind by "Al-Watan mentioned, ..., that X"
        elif token.lower_ in _HEDGE_ADVERBS and token.dep_ == "advmod":
            dropped.add(token.i)
        elif token.lower_ in _CONNECTIVES and token.dep_ == "advmod" and token.i == tokens[0].i:
            dropped.add(token.i)
            dropped.update(_adjacent_commas(token))
    kept = [token for token in tokens if token.i not in dropped]
    return kept or tokens


def _is_attribution_aside(token: Token) -> bool:
    """ "as noted by X", "referencing its sources": a speech verb carrying no content of its own.

    "..., claiming that Y" is kept: its clause Y is a claim in its own right.
    """
    return (
        token.dep_ in {"advcl", "parataxis"}
        and token.lemma_.lower() in SPEECH_VERBS
        and not any(child.dep_ == "ccomp" for child in token.children)
    )


def _adjacent_commas(token: Token) -> list[int]:
    """The comma right after a dropped phrase (or before it, when it ends the clause)."""
    doc = token.doc
    after = token.right_edge.i + 1
    if after < len(doc) and doc[after].text == ",":
        return [after]
    before = token.left_edge.i - 1
    if before >= 0 and doc[before].text == ",":
        return [before]
    return []


def _render(tokens: Sequence[Token], sentence_text: str) -> str:
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
    if not _TERMINAL.search(text):
        text += "."
    first_letter = next((i for i, character in enumerate(text) if character.isalnum()), 0)
    return text[:first_letter] + text[first_letter].upper() + text[first_letter + 1 :]


def _render_clause(clause: _Clause, sentence_text: str) -> str:
    """A clause with its frame; a frame that closes the sentence follows after a comma."""
    last = max(token.i for token in clause.tokens)
    trailing = [token for token in clause.frame if token.i > last]
    if not trailing or len(trailing) != len(clause.frame):
        return _render(clause.worded, sentence_text)
    words = [token for token in trailing if token.dep_ != "punct" or token.i != trailing[0].i]
    frame = "".join(token.text_with_ws for token in words).strip()
    claim = _render(clause.tokens, sentence_text)
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
