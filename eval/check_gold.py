#!/usr/bin/env python3
"""Mechanical checks for the evaluation events' gold files (eval/events/<slug>/).

    python3 eval/check_gold.py                     # every event under eval/events/
    python3 eval/check_gold.py eval/events/<slug>  # one or more events

For each event it reads event.json (import_event format) and gold.json and checks:
- the gold's outlets are exactly the event's outlets, one article each;
- every assertion has a cell for every outlet, valid labels, a bool "hedged" on non-silent cells;
- every non-silent cell's "sentence" occurs verbatim in that outlet's text and contains
  every keyword group ('a|b' = either, lowercase substrings);
- no sentence of a silent outlet's text contains all of the assertion's keywords;
- keywords are specific: a sentence quoted for another assertion does not contain them
  (warning) unless it is also this assertion's sentence for that outlet;
- origins: a chain for every non-silent cell, none for silent ones, each chain starts with the
  outlet; "independent_origins" equals the number of distinct origins (the last element;
  a chain ending in "own reporting" originates with the element before it);
- syndication / copies / shared_sources / credits / labels name outlets of the event, copies
  are in "syndication", copiers publish after their source; credited names and label words
  occur in the outlet's text, own labels at least once outside quotation marks (warnings);
- prints word counts and the word 4-gram Jaccard of every copy pair (compared with the
  figure written in the copy's note, if any).
Exit status 1 when any error was found. Standard library only.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent
LABELS = {"agree", "contradict", "silent"}


def has(text: str, keywords: list[str]) -> bool:
    t = (text or "").lower()
    return all(any(alt in t for alt in k.lower().split("|")) for k in keywords)


# A piece ending in one of these (or in a single capital: an initial) does not end a sentence.
ABBREVIATIONS = re.compile(
    r"(?:\b(?:No|Nos|Dr|Mr|Mrs|Ms|St|Mt|Gen|Col|Lt|Sgt|Capt|Prof|Jr|Sr|Rev|Gov|Sen|Rep|vs|approx|Inc|Ltd|Co)"
    r"|(?<![\w.])[A-Z])\.$"
)


def sentences(text: str) -> list[str]:
    """A plain splitter: paragraphs, then sentence ends, then glued sentences ('cars.Then');
    pieces cut after an abbreviation ('No. 3', 'Dr. Holm', 'J. Smith') are joined again."""
    out = []
    for para in re.split(r"\n+", text):
        pieces = []
        for s in re.split(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])", para):
            pieces.extend(p for p in re.split(r"(?<=[a-z][.!?])(?=[A-Z])", s) if p.strip())
        for p in pieces:
            if out and out[-1][1] == para and ABBREVIATIONS.search(out[-1][0].rstrip()):
                out[-1] = (out[-1][0] + " " + p, para)
            else:
                out.append((p, para))
    return [s.strip() for s, _ in out]


def outside_quotes(text: str) -> str:
    """The text with quoted passages ("...", \u201c...\u201d) blanked out, per paragraph."""
    return "\n".join(
        re.sub(r'"[^"]*"|\u201c[^\u201d]*\u201d', " ", para) for para in text.split("\n")
    )


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def jaccard(a: str, b: str) -> float:
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y) if x | y else 0.0


def origin_key(chain: list[str]) -> str:
    """The origin a chain ends in; "own reporting" names the outlet just before it."""
    if chain[-1] == "own reporting" and len(chain) >= 2:
        return f"{chain[-2]} (own reporting)"
    return chain[-1]


def parse_dt(s: str | None):
    if not s:
        return None
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return None


def check(event_dir: Path) -> tuple[int, int]:
    errors, warnings = [], []
    err, warn = errors.append, warnings.append
    event = json.loads((event_dir / "event.json").read_text(encoding="utf-8"))
    gold = json.loads((event_dir / "gold.json").read_text(encoding="utf-8"))
    if "assertions" in event:
        err('event.json must not carry "assertions"')
    arts = {}
    for a in event.get("articles", []):
        if a["outlet"] in arts:
            err(f"two articles for outlet {a['outlet']!r}")
        arts[a["outlet"]] = a
    texts = {o: a["text"] for o, a in arts.items()}
    outlets = gold.get("outlets", [])
    if set(outlets) != set(arts) or len(outlets) != len(set(outlets)):
        err(f"gold outlets {sorted(outlets)} != event outlets {sorted(arts)}")
    declared = {o["name"] for o in event.get("outlets", [])}
    if declared and declared != set(arts):
        err(f"event 'outlets' {sorted(declared)} != article outlets {sorted(arts)}")
    if gold.get("split") not in ("dev", "heldout", "heldout2"):
        err(f"split is {gold.get('split')!r}, want dev, heldout or heldout2")
    if not gold.get("hedging_rule"):
        warn("no hedging_rule")

    print(
        f"== {event_dir.name} ({gold.get('split')}): {len(arts)} outlets, "
        f"{len(gold.get('assertions', []))} assertions"
    )
    for o, a in arts.items():
        n = len(words(a["text"]))
        print(f"   {n:4d} words  {o}")

    ids = set()
    sent_of = {}  # (assertion id, outlet) -> sentence
    for g in gold.get("assertions", []):
        gid = g.get("id")
        if gid in ids:
            err(f"duplicate id {gid}")
        ids.add(gid)
        kw = g.get("keywords") or []
        if not kw or any(
            not k or k != k.lower() or any(not alt for alt in k.split("|")) for k in kw
        ):
            err(f"{gid}: keywords must be non-empty lowercase groups: {kw}")
        cells = g.get("cells", {})
        if set(cells) != set(outlets):
            err(f"{gid}: cells for {sorted(cells)} but outlets are {sorted(outlets)}")
        origins = g.get("origins", {})
        n_nonsilent = 0
        for o, c in cells.items():
            lab = c.get("label")
            if lab not in LABELS:
                err(f"{gid}/{o}: label {lab!r}")
                continue
            text = texts.get(o, "")
            if lab == "silent":
                if "sentence" in c:
                    err(f"{gid}/{o}: silent cell has a sentence")
                if o in origins:
                    err(f"{gid}/{o}: silent cell has origins")
                hits = [s for s in sentences(text) if has(s, kw)]
                if hits:
                    err(f"{gid}/{o}: silent, but a sentence has all keywords: {hits[0][:120]!r}")
                continue
            n_nonsilent += 1
            if not isinstance(c.get("hedged"), bool):
                err(f"{gid}/{o}: hedged must be true/false")
            s = c.get("sentence", "")
            if not s:
                err(f"{gid}/{o}: {lab} cell without a sentence")
            elif s not in text:
                err(f"{gid}/{o}: sentence not verbatim in text: {s[:100]!r}")
            elif not has(s, kw):
                err(f"{gid}/{o}: sentence lacks keywords {kw}: {s[:100]!r}")
            sent_of[(gid, o)] = s
            chain = origins.get(o)
            if not chain:
                err(f"{gid}/{o}: no origins chain")
            elif chain[0] != o:
                err(f"{gid}/{o}: origins chain must start with the outlet: {chain}")
        extra = set(origins) - set(cells)
        if extra:
            err(f"{gid}: origins for unknown outlets {sorted(extra)}")
        if n_nonsilent == 0:
            err(f"{gid}: every cell is silent")
        last = {
            origin_key(ch)
            for o, ch in origins.items()
            if ch and cells.get(o, {}).get("label") != "silent"
        }
        if "independent_origins" not in g:
            err(f"{gid}: no independent_origins")
        elif g["independent_origins"] != len(last):
            err(
                f"{gid}: independent_origins {g['independent_origins']} "
                f"but chains end in {sorted(last)}"
            )

    # keyword specificity across assertions
    for g in gold.get("assertions", []):
        for (hid, o), s in sent_of.items():
            if hid == g["id"]:
                continue
            own = sent_of.get((g["id"], o))
            if has(s, g["keywords"]) and (own is None or (s not in own and own not in s)):
                warn(f"{g['id']}: keywords {g['keywords']} also match {hid}/{o}: {s[:90]!r}")

    known = set(outlets)
    synd = {tuple(p) for p in gold.get("syndication", [])}
    for p in synd:
        if len(p) != 2 or not set(p) <= known:
            err(f"syndication pair {p} names unknown outlets")
    for c in gold.get("copies", []):
        a, b = c.get("copier"), c.get("source")
        if a not in known or b not in known:
            err(f"copy {a} <- {b}: unknown outlet")
            continue
        if (a, b) not in synd:
            err(f"copy {a} <- {b} missing from syndication")
        if c.get("kind") not in ("verbatim", "light_edit", "rewrite"):
            err(f"copy {a} <- {b}: kind {c.get('kind')!r}")
        ta, tb = parse_dt(arts[a].get("published_at")), parse_dt(arts[b].get("published_at"))
        if ta and tb and ta <= tb:
            err(f"copy {a} <- {b}: copier published before its source")
        j = jaccard(texts[a], texts[b])
        note = c.get("note", "")
        m = re.search(r"jaccard\D*([0-9.]+)", note, re.I)
        flag = ""
        if m and abs(float(m.group(1).rstrip(".")) - j) > 0.02:
            flag = f"  (note says {m.group(1)})"
            warn(f"copy {a} <- {b}: 4-gram Jaccard {j:.2f} but the note says {m.group(1)}")
        if c.get("kind") == "rewrite" and j >= 0.25:
            warn(f"copy {a} <- {b}: a rewrite with 4-gram Jaccard {j:.2f} (>= 0.25)")
        print(f"   copy {a} <- {b} [{c.get('kind')}]: 4-gram Jaccard {j:.3f}{flag}")
    for sh in gold.get("shared_sources", []):
        os_ = sh.get("outlets", [])
        if not set(os_) <= known:
            err(f"shared source {sh}: unknown outlet")
        elif len(os_) == 2:
            if tuple(os_) not in synd and tuple(reversed(os_)) not in synd:
                err(f"shared source {os_} missing from syndication")
            print(
                f"   shared {os_[0]} ~ {os_[1]} ({sh.get('source')}): "
                f"4-gram Jaccard {jaccard(texts[os_[0]], texts[os_[1]]):.3f}"
            )
    for o, names in gold.get("credits", {}).items():
        if o not in known:
            err(f"credits for unknown outlet {o}")
            continue
        for n in names:
            if n.lower() not in texts[o].lower():
                warn(f"credit {n!r} not found verbatim in {o}'s text")
    for lab in gold.get("labels", []):
        for o, d in lab.get("by_outlet", {}).items():
            if o not in known:
                err(f"labels: unknown outlet {o}")
                continue
            own_voice = outside_quotes(texts[o]).lower()
            for w in d.get("own", []) + d.get("quoted", []):
                if w.lower() not in texts[o].lower():
                    warn(f"label {w!r} not found in {o}'s text")
                elif w in d.get("own", []) and w.lower() not in own_voice:
                    warn(f"own label {w!r} occurs only inside quotation marks in {o}'s text")
    for w in warnings:
        print("   WARN ", w)
    for e in errors:
        print("   ERROR", e)
    print(f"   {len(errors)} errors, {len(warnings)} warnings")
    return len(errors), len(warnings)


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv] or sorted(
        p.parent for p in (ROOT / "events").glob("*/gold.json")
    )
    total = 0
    for d in dirs:
        if not (d / "gold.json").exists() or not (d / "event.json").exists():
            print(f"== {d}: needs event.json and gold.json")
            total += 1
            continue
        e, _ = check(d)
        total += e
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
