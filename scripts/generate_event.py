"""Generate a synthetic event of any size, in the import_event JSON format.

    python scripts/generate_event.py --articles 50 --words 800 > event.json
    python manage.py import_event event.json

The articles are news-like prose about one invented event: a shared pool of facts
that outlets report, hedge, attribute, contradict (different numbers, denials) or
leave out, padded with background paragraphs to the requested length. Seeded, so
the same arguments always give the same file.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys

ACTORS = ["protesters", "demonstrators", "residents", "activists", "rioters", "campaigners"]
OFFICIALS = ["the port authority", "the interior ministry", "the mayor's office", "city police"]
SOURCES = [
    "the Harbour Herald",
    "a police spokesperson",
    "local officials",
    "witnesses",
    "the regional governor",
    "union leaders",
    "hospital staff",
]
HEDGES = ["reportedly", "allegedly", "apparently"]

# Each fact: a statement with a number slot, the number, and a denial form.
FACTS = [
    (
        "The Averly bridge was closed to traffic on {day} after cracks were found in its span.",
        None,
        "Engineers denied that any cracks had been found in the bridge.",
    ),
    (
        "{n} people were injured when {actors} clashed with police near the bridge.",
        (3, 12),
        "Police said nobody was injured in the clashes near the bridge.",
    ),
    (
        "The repairs are expected to cost {n} million crowns.",
        (4, 40),
        "The city said no estimate of the repair costs exists yet.",
    ),
    (
        "{officials} ordered ferries to run every {n} minutes while the bridge is shut.",
        (10, 30),
        "No extra ferries have been ordered, officials said.",
    ),
    (
        "About {n} {actors} gathered outside the city hall on {day} evening.",
        (200, 2000),
        "No gathering took place outside the city hall, the police said.",
    ),
    (
        "The bridge's operator had warned about corrosion in a report published {n} years ago.",
        (2, 6),
        "The operator said it had never received a warning about corrosion.",
    ),
    (
        "Schools on the eastern shore closed for {n} days because buses could not cross.",
        (2, 5),
        "Schools on the eastern shore stayed open throughout the closure.",
    ),
    (
        "The national government pledged {n} million crowns in emergency funding.",
        (5, 50),
        "The national government has not pledged any emergency funding.",
    ),
    (
        "Shipping traffic in the harbour was halted for {n} hours during the inspection.",
        (6, 48),
        "Shipping traffic was not affected by the inspection.",
    ),
    (
        "A temporary pontoon crossing will open within {n} weeks, engineers said.",
        (2, 8),
        "Engineers ruled out a temporary pontoon crossing.",
    ),
    (
        "{officials} blamed years of underinvestment for the state of the bridge.",
        None,
        "Officials rejected claims that underinvestment had damaged the bridge.",
    ),
    (
        "Local shops reported sales falling by {n} percent since the closure.",
        (20, 70),
        "Shop owners said sales had not fallen since the closure.",
    ),
]

# Background sentences are templates with many fillers, so that, as in real coverage,
# almost no two articles share a sentence verbatim (identical sentences are cached).
BACKGROUND = [
    "The bridge, opened in {year}, carries about {count} thousand vehicles a day between the "
    "{district} and the {district2}.",
    "{person}, who has lived in the {district} for {years} years, said the closure had added "
    "{minutes} minutes to her journey to {place}.",
    "Commuters from the {district} have long complained about congestion on the {road}.",
    "The council inquiry into the {year} maintenance tender is due to report in {month}.",
    "{person}, a {job} at {place}, said business had been {mood} since the bridge shut.",
    "Forecasters expect {weather} later this week, which could disrupt ferries to the {district}.",
    "Businesses near the {road} have organised a meeting at {place} to discuss compensation.",
    "The opposition leader {person} called for a review of how {count} million crowns of "
    "infrastructure money had been spent since {year}.",
    "At {place}, queues for the ferry stretched for {count} metres on {day} morning.",
    "{person} said the {district} felt cut off and that elderly residents were struggling.",
    "A {job} from the {district} told reporters that deliveries were arriving {minutes} "
    "minutes late.",
    "The last major repair of the bridge, in {year}, took {years} months and cost "
    "{count} million crowns.",
    "Traffic on the {road} was backed up for {count} kilometres during the {day} rush hour.",
    "{person}, a {job}, said the city should have acted after the {year} inspection.",
]
FILLERS = {
    "year": [str(year) for year in range(1958, 2024)],
    "count": [str(count) for count in range(3, 95)],
    "years": [str(years) for years in range(2, 40)],
    "minutes": [str(minutes) for minutes in range(10, 90, 5)],
    "district": [
        "eastern shore",
        "old town",
        "harbour district",
        "north quay",
        "Mill Hill",
        "Saltmarsh estate",
        "Kestrel Heights",
        "west docks",
    ],
    "road": [
        "Harbour Road",
        "the ring road",
        "Quay Street",
        "the coastal highway",
        "Station Avenue",
        "Mill Lane",
    ],
    "place": [
        "the central hospital",
        "the old market",
        "Averly University",
        "the ferry pier",
        "the city library",
        "St Brendan's school",
        "the fish market",
        "the town hall",
    ],
    "person": [
        "Mara Holt",
        "Jonas Berg",
        "Ilse Varn",
        "Tomas Reed",
        "Anya Petrov",
        "Leo Marsh",
        "Priya Nair",
        "Karl Osten",
        "Dana Flint",
        "Omar Said",
        "Greta Lind",
        "Ruth Cole",
    ],
    "job": [
        "nurse",
        "shopkeeper",
        "taxi driver",
        "teacher",
        "baker",
        "dock worker",
        "courier",
        "pharmacist",
        "bus driver",
        "student",
    ],
    "mood": ["quiet", "slow", "chaotic", "unpredictable", "difficult", "half as busy"],
    "weather": ["strong winds", "heavy rain", "fog", "a storm", "snow showers"],
    "month": ["April", "May", "June", "September", "October"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
}


def _background_sentence(rng: random.Random) -> str:
    template = rng.choice(BACKGROUND)
    values = {key: rng.choice(options) for key, options in FILLERS.items()}
    values["district2"] = rng.choice(FILLERS["district"])
    return template.format(**values)


def _fact_sentence(rng: random.Random, index: int, outlet_bias: int) -> str:
    template, number_range, denial = FACTS[index]
    roll = rng.random()
    if roll < 0.08:
        return denial
    number = ""
    if number_range:
        low, high = number_range
        # Most outlets agree on the number; some report a different one.
        number = str(low if rng.random() < 0.8 else high + outlet_bias)
    sentence = template.format(
        n=number,
        day=rng.choice(["Monday", "Tuesday"]),
        actors=rng.choice(ACTORS),
        officials=rng.choice(OFFICIALS).capitalize()
        if template.startswith("{officials}")
        else rng.choice(OFFICIALS),
    )
    style = rng.random()
    if style < 0.25:
        return f"According to {rng.choice(SOURCES)}, {sentence[0].lower()}{sentence[1:]}"
    if style < 0.4:
        words = sentence.split(" ", 2)
        if len(words) == 3:
            return f"{words[0]} {words[1]} {rng.choice(HEDGES)} {words[2]}"
    if style < 0.5:
        return f"{sentence[:-1]}, {rng.choice(SOURCES)} said."
    return sentence


def generate_article(rng: random.Random, number: int, words: int) -> dict:
    facts = sorted(rng.sample(range(len(FACTS)), k=rng.randint(5, len(FACTS))))
    paragraphs: list[str] = []
    for fact in facts:
        paragraph = [_fact_sentence(rng, fact, number % 5)]
        paragraph.append(_background_sentence(rng))
        paragraphs.append(" ".join(paragraph))
    while sum(len(p.split()) for p in paragraphs) < words:
        paragraphs.append(" ".join(_background_sentence(rng) for _ in range(3)))
    text = "\n\n".join(paragraphs)
    trimmed = " ".join(text.split(" ")[: words + 20])
    return {
        "outlet": f"Synthetic Outlet {number:03d}",
        "title": f"Harbour bridge closure: report {number}",
        "url": f"https://outlet{number:03d}.example/bridge-closure",
        "text": trimmed,
    }


def generate_event(*, articles: int, words: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    return {
        "title": f"Synthetic bridge closure ({articles} articles)",
        "slug": f"synthetic-bridge-{articles}",
        "summary": "A generated event for benchmarks; every outlet and fact is invented.",
        "date": "2025-03-03",
        "articles": [generate_article(rng, number, words) for number in range(1, articles + 1)],
    }


def fnc_event(bodies_csv: str, *, articles: int, words: int) -> dict:
    """Real news prose for benchmarks: FNC-1 article bodies joined up to ``words`` each."""
    with open(bodies_csv, encoding="utf-8", newline="") as handle:
        bodies = [row["articleBody"] for row in csv.DictReader(handle)]
    made = []
    next_body = 0
    for number in range(1, articles + 1):
        parts: list[str] = []
        while sum(len(part.split()) for part in parts) < words:
            parts.append(bodies[next_body % len(bodies)])
            next_body += 1
        made.append(
            {
                "outlet": f"FNC-1 outlet {number:03d}",
                "title": f"FNC-1 bodies {number}",
                "text": "\n\n".join(parts),
            }
        )
    return {"title": f"FNC-1 prose ({articles} articles)", "articles": made}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    json.dump(
        generate_event(articles=args.articles, words=args.words, seed=args.seed),
        sys.stdout,
        indent=1,
    )


if __name__ == "__main__":
    main()
