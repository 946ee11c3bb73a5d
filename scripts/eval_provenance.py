"""Score provenance and framing on the evaluation events, dev and held-out apart.

    .venv/bin/python scripts/eval_provenance.py                 # every event with a gold.json
    .venv/bin/python scripts/eval_provenance.py --split dev -v  # dev only, with every miss
    .venv/bin/python scripts/eval_provenance.py --pipeline-cache .cache/eval_provenance

Each eval/events/<slug>/ holds event.json (import_event format) and gold.json. Per
split it reports:

- copies: pairs of outlets one of which copies or rewrites the other (gold
  "copies"), or that both reprint one outside text (gold "shared_sources"),
  against the likeliest-source pairs syndication finds: precision, recall, F1,
  and on the pairs found, the direction (for siblings: that they are taken for
  siblings);
- credits: the agencies and outlets each article credits or cites (gold
  "credits"), recognised among its citations and credit lines, names resolved to
  the event's outlets ("CPA" is Continental Press Agency) or the curated agencies;
- labels: the words each outlet uses for a group of people, a place or an act (gold
  "labels"; group_labels and place_act_labels), found
  for that outlet and in the right voice (its own, or quoted/attributed), and the
  quoted ones kept out of its own;
- label grouping: whether the labels for one group are joined in one group
  (issue 12: "rioters" / "protesters" / "demonstrators" for the same crowd). Per
  event, each label is taken by its head word, singular ("Dravonian troops" ->
  "troop"); over the pairs of distinct head words that the gold's labels use,
  "joined right" counts the pairs some gold group holds both of that some group
  found (group_labels or place_act_labels) also holds both of, over the pairs the
  gold joins (recall), and "joined wrong" the pairs a found group joins that no gold
  group does, so precision is right / (right + wrong). Head words outside the gold's
  labels are left out; a word may be in more than one gold group ("soldiers" for
  both sides), and a pair is joined when one group holds both;
- origins: the pipeline (coverage.analysis.pipeline.analyse_articles) builds the
  matrix; each gold assertion is matched to a row with the gold keywords the way
  ../shared/eval/score_event.py does, and the row's independent origins are
  compared with the gold count ("exact"). "oracle" runs provenance on the gold
  cells and sentences instead, to tell provenance's errors from the matrix's.
  Each miss on a pipeline row is put down to a cause (wrong on the gold cells too,
  outlets missing or extra, another evidence sentence than the gold's, or the
  tracing), counted in the report; ``-v`` lists each with every outlet's chain
  beside the gold's.

Also prints the seconds provenance itself took (syndication with sentence vectors,
parsing for citations, tracing), apart from the pipeline. ``--bench 50`` instead
times what provenance adds to an analysis of a synthetic event of 50 articles of
~800 words (scripts/generate_event.py): the pipeline runs first, so the models are
loaded, then event_provenance runs on its rows, three times with fresh caches.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coverage.analysis.embeddings import CachingEncoder, get_embedder  # noqa: E402
from coverage.analysis.names import (  # noqa: E402
    NameMatcher,
    ParsedSentence,
    known_news_organisation,
    name_key,
)
from coverage.analysis.nlp import get_nlp  # noqa: E402
from coverage.analysis.provenance import (  # noqa: E402
    Cell,
    EventArticle,
    Row,
    event_provenance,
)
from coverage.analysis.segment import split_sentences  # noqa: E402
from coverage.analysis.sources import SourceKind  # noqa: E402
from coverage.analysis.syndication import credits, likeliest_sources  # noqa: E402
from coverage.analysis.wording import group_labels, place_act_labels, singular  # noqa: E402


@dataclass
class Tally:
    """Counts for one split."""

    events: list[str] = field(default_factory=list)
    pairs_found: int = 0
    pairs_predicted: int = 0
    pairs_gold: int = 0
    directions_right: int = 0
    credits_found: int = 0
    credits_gold: int = 0
    credits_extra: int = 0
    labels_found: int = 0
    labels_gold: int = 0
    voice_right: int = 0
    own_as_attributed: int = 0
    quoted_kept_apart: int = 0
    quoted_gold: int = 0
    # Pairs of a gold label group's head words (see score_labels).
    pairs_joined_gold: int = 0
    pairs_joined_right: int = 0
    pairs_joined_wrong: int = 0
    rows_exact: int = 0
    rows_matched: int = 0
    rows_same_outlets: int = 0
    rows_same_outlets_exact: int = 0
    rows_gold: int = 0
    oracle_exact: int = 0
    oracle_rows: int = 0
    # Why each pipeline row's origins are wrong (see _miss_cause).
    origin_misses: list[str] = field(default_factory=list)
    seconds: float = 0.0
    articles: int = 0

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            if isinstance(value, list):
                getattr(self, name).extend(value)
            else:
                setattr(self, name, getattr(self, name) + value)


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a"


def f1(tally: Tally) -> float:
    precision = tally.pairs_found / tally.pairs_predicted if tally.pairs_predicted else 0.0
    recall = tally.pairs_found / tally.pairs_gold if tally.pairs_gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# --- One event ---------------------------------------------------------------------


def load(event_dir: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    event = json.loads((event_dir / "event.json").read_text(encoding="utf-8"))
    gold = json.loads((event_dir / "gold.json").read_text(encoding="utf-8"))
    return event, gold


def event_articles(event: dict[str, Any]) -> list[EventArticle]:
    homepages = {outlet["name"]: outlet.get("homepage", "") for outlet in event.get("outlets", [])}
    return [
        EventArticle(
            key=str(article.get("key") or position),
            outlet=article["outlet"],
            text=article["text"],
            homepage=homepages.get(article["outlet"], ""),
            published_at=(
                datetime.fromisoformat(article["published_at"])
                if article.get("published_at")
                else None
            ),
        )
        for position, article in enumerate(event["articles"])
    ]


def has(text: str, keywords: list[str]) -> bool:
    """As score_event.py: every keyword group, 'a|b' meaning either, in the text."""
    lowered = (text or "").lower()
    return all(any(alt in lowered for alt in group.lower().split("|")) for group in keywords)


def matches(row: dict[str, Any], keywords: list[str]) -> bool:
    if has(row["text"], keywords):
        return True
    evidence = [c["evidence"] for c in row["cells"] if c["label"] == "agree" and c["evidence"]]
    return bool(evidence) and sum(has(e, keywords) for e in evidence) * 2 >= len(evidence)


def pipeline_rows(
    articles: list[EventArticle], cache: Path | None, slug: str
) -> list[dict[str, Any]]:
    """The pipeline's matrix as plain rows, cached by the articles' texts if asked."""
    digest = hashlib.sha256(
        "\n".join(f"{a.key}\t{a.outlet}\t{a.text}" for a in articles).encode()
    ).hexdigest()[:16]
    cached = cache / f"{slug}-{digest}.json" if cache else None
    if cached is not None and cached.exists():
        return json.loads(cached.read_text())
    from coverage.analysis.pipeline import ArticleInput, analyse_articles

    result = analyse_articles(
        [ArticleInput(key=a.key, outlet=a.outlet, title="", text=a.text) for a in articles]
    )
    by_key = {a.key: a for a in articles}
    rows = []
    for assertion in result.assertions:
        cells = []
        for cell in assertion.cells:
            index = None
            if cell.evidence_start is not None:
                index = next(
                    (
                        s.index
                        for s in split_sentences(by_key[cell.article_key].text)
                        if s.start <= cell.evidence_start < s.end
                    ),
                    None,
                )
            cells.append(
                {
                    "article": cell.article_key,
                    "outlet": by_key[cell.article_key].outlet,
                    "label": cell.label,
                    "evidence": cell.evidence_text,
                    "sentence_index": index,
                    "attributed_to": cell.attributed_to,
                }
            )
        rows.append({"text": assertion.text, "cells": cells})
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(rows))
    return rows


def resolver(articles: list[EventArticle]):
    """A name -> identity function: the event's outlet, a curated agency, or the name."""
    outlets = NameMatcher({a.outlet: [a.outlet, a.homepage] for a in articles})

    def identity(name: str) -> str:
        if (outlet := outlets.match(name)) is not None:
            return f"outlet:{outlet}"
        if (organisation := known_news_organisation(name)) is not None:
            return f"agency:{organisation.name}"
        return f"name:{name_key(name)}"

    return identity


def score_copies(
    articles: list[EventArticle], gold: dict[str, Any], provenance, tally: Tally, verbose: bool
) -> None:
    outlet_of = {a.key: a.outlet for a in articles}
    gold_pairs: dict[frozenset[str], tuple[str, str] | None] = {}
    for copy in gold.get("copies", []):
        gold_pairs[frozenset((copy["copier"], copy["source"]))] = (copy["copier"], copy["source"])
    for shared in gold.get("shared_sources", []):
        gold_pairs[frozenset(shared["outlets"])] = None
    chosen = likeliest_sources(provenance.overlaps)
    predicted = {}
    for overlap in chosen:
        first, second = outlet_of[overlap.republished], outlet_of[overlap.original]
        if first != second:
            predicted[frozenset((first, second))] = overlap
    tally.pairs_gold += len(gold_pairs)
    tally.pairs_predicted += len(predicted)
    for pair, overlap in predicted.items():
        if pair not in gold_pairs:
            verbose and print(f"    copy FP: {sorted(pair)} {overlap.kind} {overlap.reasons}")
            continue
        tally.pairs_found += 1
        want = gold_pairs[pair]
        right = (
            overlap.siblings
            if want is None
            else not overlap.siblings and outlet_of[overlap.republished] == want[0]
        )
        tally.directions_right += right
        if verbose and not right:
            print(f"    copy direction wrong: {sorted(pair)} {overlap.basis} {overlap.reasons}")
    for pair in gold_pairs.keys() - predicted.keys():
        verbose and print(f"    copy missed: {sorted(pair)}")


def score_credits(
    articles: list[EventArticle], gold: dict[str, Any], provenance, tally: Tally, verbose: bool
) -> None:
    identity = resolver(articles)
    for article in articles:
        wanted = gold.get("credits", {}).get(article.outlet)
        if wanted is None:
            continue
        own = identity(article.outlet)
        found: set[str] = set()
        for citation in provenance.citations[article.key]:
            for name in (citation.source, *citation.via):
                key = identity(name)
                named_medium = name == citation.source and citation.kind == SourceKind.MEDIA
                if (
                    key.startswith(("outlet:", "agency:"))
                    or named_medium
                    or name != citation.source
                ):
                    found.add(key)
        found |= {identity(credit.source) for credit in credits(article.text)}
        found.discard(own)
        wanted_keys = {identity(name) for name in wanted} - {own}
        tally.credits_gold += len(wanted_keys)
        tally.credits_found += len(wanted_keys & found)
        extra = {key for key in found - wanted_keys if not key.startswith("name:")}
        tally.credits_extra += len(extra)
        if verbose and wanted_keys - found:
            print(f"    credits missed in {article.outlet}: {sorted(wanted_keys - found)}")


def score_labels(
    articles: list[EventArticle], gold: dict[str, Any], nlp, encoder, tally: Tally, verbose: bool
) -> None:
    parsed = {}
    for article in articles:
        sentences = split_sentences(article.text)
        docs = nlp.pipe(s.text for s in sentences)
        parsed[article.key] = [
            ParsedSentence(s.index, s.text, doc) for s, doc in zip(sentences, docs, strict=True)
        ]
    outlet_of = {a.key: a.outlet for a in articles}
    voices: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    found_groups = [*group_labels(parsed, encoder=encoder), *place_act_labels(parsed)]
    for group in found_groups:
        for article, uses in group.labels.items():
            for use in uses:
                voices[outlet_of[article]][use.voice.value].add(use.key)
    score_grouping(gold, found_groups, tally, verbose)
    for group in gold.get("labels", []):
        for outlet, wanted in group["by_outlet"].items():
            own = voices[outlet]["own"]
            other = voices[outlet]["quoted"] | voices[outlet]["attributed"]
            for voice in ("own", "quoted"):
                for label in wanted.get(voice, []):
                    tally.labels_gold += 1
                    found = _label_in(label, own | other)
                    right = _label_in(label, own if voice == "own" else other)
                    tally.labels_found += found
                    tally.voice_right += right
                    if voice == "own" and found and not right:
                        tally.own_as_attributed += _label_in(label, voices[outlet]["attributed"])
                    if voice == "quoted":
                        tally.quoted_gold += 1
                        tally.quoted_kept_apart += not _label_in(label, own)
                    if verbose and not (found and right):
                        print(
                            f"    label {voice} {label!r} of {outlet}: found={found} voice "
                            f"right={right}; own {sorted(own)}, other {sorted(other)}"
                        )


def score_grouping(gold: dict[str, Any], found_groups, tally: Tally, verbose: bool) -> None:
    """Pairs of the gold's label head words joined in one group, by the gold and by
    the analysis (see the module's docstring)."""
    gold_heads = [
        {
            head
            for wanted in group["by_outlet"].values()
            for voice in ("own", "quoted")
            for label in wanted.get(voice, [])
            if (head := _head(label))
        }
        for group in gold.get("labels", [])
    ]
    found_heads = [
        {_head(use.key) for uses in group.labels.values() for use in uses} for group in found_groups
    ]
    for pair in combinations(sorted(set().union(*gold_heads)), 2):
        joined_gold = any(set(pair) <= heads for heads in gold_heads)
        joined_found = any(set(pair) <= heads for heads in found_heads)
        tally.pairs_joined_gold += joined_gold
        tally.pairs_joined_right += joined_gold and joined_found
        tally.pairs_joined_wrong += joined_found and not joined_gold
        if verbose and joined_gold != joined_found:
            print(f"    labels {'joined wrong' if joined_found else 'not joined'}: {pair}")


def _head(label: str) -> str:
    """A label's head word, singular: "the grieving relatives" -> "relative"."""
    words = [w for w in name_key(label).split() if w not in {"a", "an", "the"}]
    return singular(words[-1]) if words else ""


def _label_in(label: str, keys: set[str]) -> bool:
    """A gold label ("grieving relatives", "two men") is found when its head word is,
    singular or plural."""
    words = [w for w in name_key(label).split() if w not in {"a", "an", "the"}]
    return bool(words) and any(
        singular(key.split()[-1]) == singular(words[-1]) for key in keys if key
    )


def score_origins(
    articles: list[EventArticle],
    gold: dict[str, Any],
    rows: list[dict[str, Any]],
    nlp,
    encoder,
    tally: Tally,
    verbose: bool,
) -> None:
    pipeline_rows_ = [
        Row(
            key=position,
            text=row["text"],
            cells=[
                Cell(
                    c["article"], c["label"], c["evidence"], c["sentence_index"], c["attributed_to"]
                )
                for c in row["cells"]
            ],
        )
        for position, row in enumerate(rows)
    ]
    provenance = event_provenance(articles, pipeline_rows_, nlp=nlp, encoder=encoder)
    by_outlet = {a.outlet: a for a in articles}
    for assertion in gold["assertions"]:
        if "independent_origins" not in assertion:
            continue
        tally.rows_gold += 1
        wanted_count = assertion["independent_origins"]
        # The oracle: gold cells and sentences, so only provenance can be wrong.
        cells = []
        for outlet, want in assertion["cells"].items():
            article = by_outlet.get(outlet)
            if article is None:
                continue
            index = _sentence_index(article.text, want.get("sentence"))
            cells.append(Cell(article.key, want["label"], want.get("sentence"), index))
        oracle = event_provenance(
            articles, [Row(assertion["id"], assertion["claim"], cells)], nlp=nlp, encoder=encoder
        ).rows[0]
        tally.oracle_rows += 1
        tally.oracle_exact += oracle.independent_origins == wanted_count
        candidates = [i for i, row in enumerate(rows) if matches(row, assertion["keywords"])]
        if candidates:
            best = max(candidates, key=lambda index: _agreement(rows[index], assertion))
            tally.rows_matched += 1
            got = provenance.rows[best].independent_origins
            tally.rows_exact += got == wanted_count
            carrying = {
                c["outlet"] for c in rows[best]["cells"] if c["label"] in {"agree", "contradict"}
            }
            wanted = {o for o, c in assertion["cells"].items() if c["label"] != "silent"}
            if carrying == wanted:
                tally.rows_same_outlets += 1
                tally.rows_same_outlets_exact += got == wanted_count
            if got != wanted_count:
                cause = _miss_cause(
                    rows[best], assertion, by_outlet, oracle.independent_origins == wanted_count
                )
                tally.origin_misses.append(cause)
                if verbose:
                    print(
                        f"    origins {assertion['id']}: {got} vs gold {wanted_count} [{cause}]"
                        f" | {provenance.rows[best].summary()}"
                    )
                    _print_chains(rows[best], provenance.rows[best], assertion, by_outlet)
        if verbose and oracle.independent_origins != wanted_count:
            print(
                f"    oracle {assertion['id']}: {oracle.independent_origins} vs gold "
                f"{wanted_count} | {oracle.summary()}"
            )
            for chain in oracle.chains:
                print(f"        {' → '.join(chain.steps)}")


def _miss_cause(
    row: dict[str, Any],
    assertion: dict[str, Any],
    by_outlet: dict[str, EventArticle],
    oracle_right: bool,
) -> str:
    """Why a pipeline row's origins are wrong: provenance is wrong on the gold cells
    too ("oracle"), the row's carrying outlets are not the gold's ("outlets missing",
    "outlets extra"), an outlet's evidence is another sentence than the gold's
    ("evidence"), or none of these ("tracing")."""
    if not oracle_right:
        return "oracle"
    carrying = {c["outlet"]: c for c in row["cells"] if c["label"] in {"agree", "contradict"}}
    wanted = {o: c for o, c in assertion["cells"].items() if c["label"] != "silent"}
    if set(wanted) - set(carrying):
        return "outlets missing"
    if set(carrying) - set(wanted):
        return "outlets extra"
    for outlet, cell in carrying.items():
        article = by_outlet[outlet]
        if cell["sentence_index"] != _sentence_index(article.text, wanted[outlet].get("sentence")):
            return "evidence"
    return "tracing"


def _print_chains(
    row: dict[str, Any], origins, assertion: dict[str, Any], by_outlet: dict[str, EventArticle]
) -> None:
    """Each outlet's chain on the pipeline row beside the gold's, with the sentence
    the pipeline took as the outlet's evidence where it is not the gold's."""
    chains = {chain.outlet: chain for chain in origins.chains}
    cells = {c["outlet"]: c for c in row["cells"]}
    gold_chains = assertion.get("origins", {})
    for outlet in sorted(set(chains) | set(gold_chains)):
        chain = chains.get(outlet)
        got = " → ".join(chain.steps) if chain else "(not carrying)"
        want = " → ".join(gold_chains.get(outlet, [])) or "(not carrying)"
        print(f"        {got}  | gold: {want}")
        cell, gold_cell = cells.get(outlet), assertion["cells"].get(outlet, {})
        if chain and cell and gold_cell.get("sentence"):
            gold_index = _sentence_index(by_outlet[outlet].text, gold_cell["sentence"])
            if cell["sentence_index"] != gold_index:
                print(f"            evidence #{cell['sentence_index']}: {cell['evidence']!r}")
                print(f"            gold #{gold_index}: {gold_cell['sentence']!r}")


def _agreement(row: dict[str, Any], assertion: dict[str, Any]) -> int:
    """Cells of a row labelled as the gold assertion's, as score_event.py picks the best row."""
    cells = {c["outlet"]: c["label"] for c in row["cells"]}
    return sum(
        cells.get(outlet, "silent") == want["label"] for outlet, want in assertion["cells"].items()
    )


def _sentence_index(text: str, sentence: str | None) -> int | None:
    """The index of the article's sentence that best covers a gold sentence."""
    if not sentence:
        return None
    wanted = " ".join(sentence.split())
    best, score = None, 0
    for found in split_sentences(text):
        words = " ".join(found.text.split())
        overlap = len(words) if words in wanted else (len(wanted) if wanted in words else 0)
        if overlap > score:
            best, score = found.index, overlap
    return best


def evaluate(
    event_dir: Path, nlp, encoder, cache: Path | None, verbose: bool, with_pipeline: bool
) -> Tally:
    event, gold = load(event_dir)
    articles = event_articles(event)
    tally = Tally(events=[event_dir.name])
    verbose and print(f"  {event_dir.name}")
    started = time.perf_counter()
    provenance = event_provenance(articles, [], nlp=nlp, encoder=encoder)
    tally.seconds += time.perf_counter() - started
    tally.articles += len(articles)
    score_copies(articles, gold, provenance, tally, verbose)
    score_credits(articles, gold, provenance, tally, verbose)
    score_labels(articles, gold, nlp, encoder, tally, verbose)
    if with_pipeline:
        rows = pipeline_rows(articles, cache, event_dir.name)
        score_origins(articles, gold, rows, nlp, encoder, tally, verbose)
    return tally


def report(split: str, tally: Tally) -> None:
    print(f"\n## {split}: {len(tally.events)} events ({', '.join(tally.events)})")
    precision = ratio(tally.pairs_found, tally.pairs_predicted)
    print(
        f"copy pairs: F1 {f1(tally):.3f}; precision {precision}"
        f", recall {ratio(tally.pairs_found, tally.pairs_gold)}"
    )
    print(f"direction right on found pairs: {ratio(tally.directions_right, tally.pairs_found)}")
    print(
        f"credits recognised: {ratio(tally.credits_found, tally.credits_gold)}"
        f" ({tally.credits_extra} agencies/outlets found beyond the gold)"
    )
    print(
        f"group labels found: {ratio(tally.labels_found, tally.labels_gold)}; in the gold's voice:"
        f" {ratio(tally.voice_right, tally.labels_gold)} ({tally.own_as_attributed} own in the"
        f" gold, attributed here); quoted labels kept out of the outlet's own:"
        f" {ratio(tally.quoted_kept_apart, tally.quoted_gold)}"
    )
    right, wrong = tally.pairs_joined_right, tally.pairs_joined_wrong
    print(
        f"label pairs joined in one group: right {ratio(right, tally.pairs_joined_gold)}"
        f" of the gold's pairs; wrong {wrong}, precision {ratio(right, right + wrong)}"
    )
    if tally.rows_gold:
        exact = ratio(tally.rows_exact, tally.rows_matched)
        print(
            f"independent origins exact, pipeline rows: {exact} of matched rows"
            f" ({tally.rows_matched}/{tally.rows_gold} gold assertions matched)"
        )
        print(
            "independent origins exact, pipeline rows whose carrying outlets are the gold's: "
            f"{ratio(tally.rows_same_outlets_exact, tally.rows_same_outlets)}"
        )
        print(
            f"independent origins exact, gold cells (oracle): "
            f"{ratio(tally.oracle_exact, tally.oracle_rows)}"
        )
        causes = Counter(tally.origin_misses)
        print(
            "misses on pipeline rows by cause: "
            + ", ".join(f"{cause} {count}" for cause, count in causes.most_common())
        )
    print(
        f"provenance time (copies, sentence vectors, citations): {tally.seconds:.1f} s"
        f" for {tally.articles} articles"
    )


def bench(count: int, nlp) -> int:
    """Seconds event_provenance adds to the pipeline's analysis of ``count`` articles."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from generate_event import generate_event

    event = generate_event(articles=count, words=800)
    articles = [
        EventArticle(key=str(i), outlet=a["outlet"], text=a["text"])
        for i, a in enumerate(event["articles"])
    ]
    started = time.perf_counter()
    rows = pipeline_rows(articles, None, "bench")
    pipeline_seconds = time.perf_counter() - started
    matrix = [
        Row(
            position,
            row["text"],
            [
                Cell(
                    c["article"], c["label"], c["evidence"], c["sentence_index"], c["attributed_to"]
                )
                for c in row["cells"]
            ],
        )
        for position, row in enumerate(rows)
    ]
    runs = []
    for _ in range(3):
        encoder = CachingEncoder(get_embedder())  # no sentence vectors kept from a run before
        started = time.perf_counter()
        found = event_provenance(articles, matrix, nlp=nlp, encoder=encoder)
        runs.append(time.perf_counter() - started)
    words = sum(len(a.text.split()) for a in articles)
    print(
        f"{count} articles, {words} words, {len(rows)} rows: pipeline {pipeline_seconds:.1f} s;"
        f" provenance {', '.join(f'{r:.1f}' for r in runs)} s (median {sorted(runs)[1]:.1f} s);"
        f" {len(found.overlaps)} copy pairs"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=Path, default=ROOT / "eval" / "events")
    parser.add_argument("--split", choices=["dev", "heldout", "heldout2", "all"], default="all")
    parser.add_argument("--only", nargs="*", help="event slugs to score")
    parser.add_argument("--no-pipeline", action="store_true", help="skip the origins (slow)")
    parser.add_argument("--pipeline-cache", type=Path, help="reuse pipeline output from here")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--bench", type=int, metavar="ARTICLES", help="time 50 articles instead")
    args = parser.parse_args()
    nlp = get_nlp()
    encoder = CachingEncoder(get_embedder())
    if args.bench:
        return bench(args.bench, nlp)
    tallies: dict[str, Tally] = defaultdict(Tally)
    for gold_file in sorted(args.events.glob("*/gold.json")):
        event_dir = gold_file.parent
        if args.only and event_dir.name not in args.only:
            continue
        split = json.loads(gold_file.read_text(encoding="utf-8")).get("split", "dev")
        if args.split != "all" and split != args.split:
            continue
        if not (event_dir / "event.json").exists():
            continue
        tallies[split].add(
            evaluate(
                event_dir,
                nlp,
                encoder,
                args.pipeline_cache,
                args.verbose,
                not args.no_pipeline,
            )
        )
    names = {"dev": "dev", "heldout": "held-out", "heldout2": "held-out (second set)"}
    for split, name in names.items():
        if split in tallies:
            report(name, tallies[split])
    return 0


if __name__ == "__main__":
    sys.exit(main())
