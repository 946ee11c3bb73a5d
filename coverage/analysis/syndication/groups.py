"""Groups of articles that are not independent: by derived text, and by outlet."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from coverage.analysis.syndication.model import Document, Groups, Kind, Overlap


def likeliest_sources(overlaps: Sequence[Overlap]) -> list[Overlap]:
    """For each republished article, only the pair with the article it most likely
    took its text from.

    Two copies of one wire story also overlap with each other; listing "B republishes
    C" beside "B republishes A" and "C republishes A" would invent a chain. The
    likeliest source shares the most text; at (nearly) equal overlap, an article that
    is not itself a republication.
    """
    republished = {overlap.republished for overlap in overlaps}
    best: dict[Hashable, Overlap] = {}

    def rank(overlap: Overlap) -> tuple[float, bool]:
        share = max(overlap.containment, overlap.coverage)
        return (round(share, 2), overlap.original not in republished)

    for overlap in overlaps:
        current = best.get(overlap.republished)
        if current is None or rank(overlap) > rank(current):
            best[overlap.republished] = overlap
    return [overlap for overlap in overlaps if best[overlap.republished] is overlap]


@dataclass(frozen=True)
class TextGroup:
    """Articles that derive from one text, with how each got it.

    ``root`` is the article the others derive from, or None when the text comes
    from outside the event (``outside_source``: "The Steppe Observer"), and
    ``parent`` gives each other article the one it took its text from (None for an
    article that reprints the outside source directly). ``overlaps`` are the
    pairs that make the group, with their evidence.
    """

    articles: frozenset[Hashable]
    root: Hashable | None
    parent: dict[Hashable, Hashable | None]
    outside_source: str = ""
    overlaps: tuple[Overlap, ...] = ()


def text_groups(overlaps: Sequence[Overlap]) -> list[TextGroup]:
    """The articles that derive from one text, largest group first.

    Each republished article hangs on its likeliest source (``likeliest_sources``);
    articles that reprint one outside source hang on that source.
    """
    chosen = likeliest_sources([o for o in overlaps if o.kind != Kind.UNRELATED])
    parent: dict[Hashable, Hashable | None] = {}
    outside: dict[Hashable, str] = {}
    joined = _UnionFind()
    for overlap in chosen:
        joined.union(overlap.original, overlap.republished)
        if overlap.siblings:
            outside[overlap.original] = outside[overlap.republished] = overlap.common_source
            parent.setdefault(overlap.original, None)
            parent[overlap.republished] = None
        else:
            parent[overlap.republished] = overlap.original
            parent.setdefault(overlap.original, None)
    groups = []
    for members in joined.groups():
        roots = [article for article in members if parent.get(article) is None]
        sources = sorted({outside[article] for article in members if article in outside})
        groups.append(
            TextGroup(
                articles=members,
                root=roots[0] if len(roots) == 1 and not sources else None,
                parent={article: parent.get(article) for article in members},
                outside_source=sources[0] if sources else "",
                overlaps=tuple(o for o in chosen if o.republished in members),
            )
        )
    return groups


def independent_groups(
    documents: Iterable[Document],
    overlaps: Iterable[Overlap],
    shared_sources: Iterable[tuple[Hashable, Hashable]] = (),
) -> Groups:
    """Union-find over copy and rewrite pairs: articles joined by any chain of copying
    are one group, and so are their outlets.

    ``shared_sources`` adds (outlet, source key) pairs from credits: outlets that
    credit one source, or credit each other, are one group of outlets too.
    """
    sources = {document.key: document.source for document in documents}
    articles = _UnionFind()
    outlets = _UnionFind()
    for overlap in overlaps:
        if overlap.kind == Kind.UNRELATED:
            continue
        articles.union(overlap.original, overlap.republished)
        first, second = sources.get(overlap.original), sources.get(overlap.republished)
        if first is not None and second is not None and first != second:
            outlets.union(first, second)
    credited = set()
    for outlet, source in shared_sources:
        outlets.union(outlet, _Credited(source))
        credited.add(_Credited(source))
    return Groups(articles=articles.groups(), sources=outlets.groups(leave_out=credited))


@dataclass(frozen=True)
class _Credited:
    """A credited source as a node of the outlets' union-find, never listed itself."""

    key: Hashable


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, item: Hashable) -> Hashable:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, first: Hashable, second: Hashable) -> None:
        self.parent[self.find(first)] = self.find(second)

    def groups(self, leave_out: set[Hashable] = frozenset()) -> list[frozenset[Hashable]]:
        members: dict[Hashable, set[Hashable]] = {}
        for item in self.parent:
            if item not in leave_out:
                members.setdefault(self.find(item), set()).add(item)
        return sorted(
            (frozenset(group) for group in members.values() if len(group) > 1),
            key=lambda group: (-len(group), sorted(map(str, group))),
        )
