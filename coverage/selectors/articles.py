"""An article as the reader shows it: its sentences in paragraphs, with the rows each
sentence is the evidence of."""

from __future__ import annotations

from coverage.models import Article, Stance


def article_paragraphs(article: Article) -> list[list[dict]]:
    """Paragraphs of ``{"sentence", "stances"}``, in two queries: the cells whose
    evidence is in the article, and its sentences."""
    evidence_of: dict[int, list[Stance]] = {}
    for stance in (
        article.stances.exclude(evidence=None)
        .select_related("assertion")
        .order_by("assertion__position")
    ):
        evidence_of.setdefault(stance.evidence_id, []).append(stance)
    # Sentences separated by a line break belong to different paragraphs.
    paragraphs: list[list[dict]] = []
    previous_end: int | None = None
    for sentence in article.sentences.order_by("index"):
        if previous_end is None or "\n" in article.text[previous_end : sentence.start]:
            paragraphs.append([])
        paragraphs[-1].append({"sentence": sentence, "stances": evidence_of.get(sentence.pk, [])})
        previous_end = sentence.end
    return paragraphs
