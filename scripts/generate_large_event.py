"""Create a large, realistic event straight in the database, for scale work on the matrix.

    .venv/bin/python manage.py migrate
    .venv/bin/python scripts/generate_large_event.py                  # 40 outlets x 400 rows
    .venv/bin/python scripts/generate_large_event.py --outlets 10 --assertions 50 --slug small
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/parallax \\
        .venv/bin/python scripts/generate_large_event.py --replace

From code (tests, benchmarks), with Django already set up:

    from scripts.generate_large_event import create_large_event
    event = create_large_event(outlets=40, assertions=400, slug="large-event")

The event is published and looks like a real analysed one: every outlet has an
article (every eighth has two, so some cells are "mixed"), rows range from
consensus through contested to single-outlet claims, agreeing cells are often
hedged and attributed, and every cell that speaks quotes an evidence sentence of
its article, with the sentence's offsets into the article text. Everything is
bulk-inserted in a few queries, so 40 x 400 takes seconds. Seeded by the slug: the
same arguments always give the same event. Outlets are shared between events, as in
the real product: an outlet of the same name is reused rather than duplicated.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coverage.models import Event

ROOT = Path(__file__).resolve().parent.parent

PAPER_FIRST = ["Daily", "Evening", "Morning", "Weekly", "National", "Coastal", "Metro", "Valley"]
PAPER_SECOND = [
    "Herald",
    "Ledger",
    "Courier",
    "Observer",
    "Tribune",
    "Gazette",
    "Post",
    "Chronicle",
]
COUNTRIES = [("Averland", "en"), ("Nordmark", "de"), ("Costa Vela", "es"), ("Ostrava Bay", "en")]
AUTHORS = ["Mira Holt", "Jonas Pereira", "Aisha Karimi", "Tom Lindqvist", "Lena Ostrova", ""]
SOURCES = [
    "the port authority",
    "a police spokesperson",
    "local officials",
    "witnesses",
    "the regional governor",
    "union leaders",
    "hospital staff",
    "the transport ministry",
]
HEDGES = ["Reportedly,", "Allegedly,", "According to unconfirmed reports,"]
FILLER = [
    "The harbour city has relied on the crossing since it opened in 1974.",
    "Traffic on the coastal road backed up for several kilometres during the morning.",
    "Residents on both shores described long queues at the ferry terminals.",
    "The city council is due to meet again at the end of the week.",
    "Local businesses said the disruption came at the busiest time of the year.",
]
CLAIMS = [
    "{n} people were injured when protesters clashed with police near the bridge on {day}",
    "The repairs to the Averly bridge are expected to cost {n} million crowns",
    "Ferries were ordered to run every {n} minutes while the bridge is shut",
    "About {n} demonstrators gathered outside the city hall on {day} evening",
    "The operator had warned about corrosion in a report published {n} years ago",
    "Schools on the eastern shore closed for {n} days because buses could not cross",
    "The national government pledged {n} million crowns in emergency funding",
    "Shipping in the harbour was halted for {n} hours during the inspection on {day}",
    "Inspectors found {n} cracked cables in the southern span of the bridge",
    "The mayor met {n} engineers from the national roads agency on {day}",
    "Police arrested {n} people after the gathering at the port gates on {day}",
    "Hospitals on the western shore treated {n} patients who could not reach their clinics",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# How widely a row is reported and how often it is denied: consensus, contested,
# patchy and single-outlet rows, as real events have.
ROW_PROFILES = [(0.85, 0.0), (0.6, 0.2), (0.3, 0.05), (0.12, 0.0), (0.5, 0.45)]


@dataclass
class _Quote:
    label: str
    hedged: bool
    attributed_to: str
    text: str


def create_large_event(
    *, outlets: int = 40, assertions: int = 400, slug: str = "large-event"
) -> Event:
    """Bulk-create a published event of ``outlets`` x ``assertions`` cells; see the module doc.

    Raises ValueError when an event with ``slug`` already exists.
    """
    # Imported here so that running this file can set Django up first.
    from django.db import transaction
    from django.utils.text import slugify

    from coverage.models import Article, Assertion, Event, Origin, Outlet, Sentence, Stance

    if Event.objects.filter(slug=slug).exists():
        raise ValueError(f"An event with the slug {slug!r} already exists.")
    rng = random.Random(slug)
    started = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    with transaction.atomic():
        event = Event.objects.create(
            title=f"Averly bridge closure: {outlets} outlets, {assertions} claims",
            slug=slug,
            summary="A synthetic event made for measuring the matrix at scale.",
            date=started.date(),
            status=Event.Status.PUBLISHED,
        )
        outlet_rows = _outlets(Outlet, slugify, outlets)
        articles: list[Article] = []
        for number, outlet in enumerate(outlet_rows):
            for copy in range(2 if number % 8 == 7 else 1):
                articles.append(
                    Article(
                        event=event,
                        outlet=outlet,
                        title=f"The bridge closure, day {copy + 1}: {rng.choice(DAYS)} update",
                        url=f"https://{outlet.slug}.example/{slug}/{copy + 1}",
                        published_at=started + timedelta(hours=rng.randint(0, 48)),
                        author=rng.choice(AUTHORS),
                        text="",
                    )
                )
        claims = Assertion.objects.bulk_create(
            Assertion(event=event, text=text, position=index, origin=Origin.MACHINE)
            for index, text in enumerate(_claim_texts(rng, assertions))
        )
        quotes = _quotes(rng, claims, articles)
        # Per article, its sentences in order, each with the claim it quotes (or None).
        sentences_by_article: dict[int, list[tuple[str, int | None]]] = {}
        for index, article in enumerate(articles):
            texts: list[tuple[str, int | None]] = [(rng.choice(FILLER), None)]
            for claim_index, quote in quotes[index].items():
                texts.append((quote.text, claim_index))
                if claim_index % 7 == 0:
                    texts.append((rng.choice(FILLER), None))
            sentences_by_article[index] = texts
            article.text = " ".join(text for text, _ in texts)
            article.word_count = len(article.text.split())
        Article.objects.bulk_create(articles, batch_size=500)

        sentences: list[Sentence] = []
        quote_sentence: dict[tuple[int, int], Sentence] = {}
        for index, article in enumerate(articles):
            offset = 0
            for position, (text, claim_index) in enumerate(sentences_by_article[index]):
                sentence = Sentence(
                    article=article,
                    index=position,
                    start=offset,
                    end=offset + len(text),
                    text=text,
                )
                sentences.append(sentence)
                if claim_index is not None:
                    quote_sentence[(index, claim_index)] = sentence
                offset += len(text) + 1
        Sentence.objects.bulk_create(sentences, batch_size=2000)

        stances = []
        for index, article in enumerate(articles):
            for claim_index, claim in enumerate(claims):
                quote = quotes[index].get(claim_index)
                stances.append(
                    Stance(
                        assertion=claim,
                        article=article,
                        label=quote.label if quote else Stance.Label.SILENT,
                        hedged=quote.hedged if quote else False,
                        attributed_to=quote.attributed_to if quote else "",
                        evidence=quote_sentence[(index, claim_index)] if quote else None,
                        confidence=round(rng.uniform(0.55, 0.99), 2),
                        origin=Origin.HUMAN if rng.random() < 0.02 else Origin.MACHINE,
                    )
                )
        Stance.objects.bulk_create(stances, batch_size=2000)
    return event


def _outlets(Outlet, slugify, count: int) -> list:
    """``count`` newspapers, reusing ones that already exist under the same slug."""
    names = [
        f"{first} {second}" for first in PAPER_FIRST for second in PAPER_SECOND
    ]  # 64 distinct mastheads; beyond that, numbered regional editions
    wanted = [
        names[index] if index < len(names) else f"{names[index % len(names)]} {index // 64 + 1}"
        for index in range(count)
    ]
    existing = {o.slug: o for o in Outlet.objects.filter(slug__in=[slugify(n) for n in wanted])}
    missing = []
    for index, name in enumerate(wanted):
        if slugify(name) not in existing:
            country, language = COUNTRIES[index % len(COUNTRIES)]
            missing.append(
                Outlet(
                    name=name,
                    slug=slugify(name),
                    homepage=f"https://{slugify(name)}.example/",
                    country=country,
                    language=language,
                    ownership_kind=["private", "public_broadcaster", "state_controlled"][index % 3],
                )
            )
    for outlet in Outlet.objects.bulk_create(missing):
        existing[outlet.slug] = outlet
    return [existing[slugify(name)] for name in wanted]


def _claim_texts(rng: random.Random, count: int) -> list[str]:
    """``count`` claims, each worded differently, as a real event's rows are.

    Two rows of one template can draw the same number and day; then their quotes are
    the same sentence in every article that speaks of both, and looking a quote up
    by its text finds the wrong row. A repeat draws again until it is new.
    """
    texts: list[str] = []
    seen: set[str] = set()
    for index in range(count):
        template = CLAIMS[index % len(CLAIMS)]
        text = ""
        while not text or text in seen:
            text = template.format(n=rng.randint(2, 90) + index, day=rng.choice(DAYS)) + "."
        seen.add(text)
        texts.append(text)
    return texts


def _quotes(rng: random.Random, claims: list, articles: list) -> list[dict[int, _Quote]]:
    """Per article, the claims it speaks about and the sentence it uses for each."""
    per_article: list[dict[int, _Quote]] = [{} for _ in articles]
    for claim_index, claim in enumerate(claims):
        reach, denial = rng.choice(ROW_PROFILES)
        # A single-outlet row: exactly one outlet speaks.
        sole_outlet = rng.randrange(len(articles)) if reach < 0.15 else None
        previous_outlet, previous_label = None, None
        for index, article in enumerate(articles):
            if sole_outlet is not None:
                speaks = index == sole_outlet
            elif article.outlet_id == previous_outlet and previous_label is not None:
                # An outlet's second article mostly repeats its first.
                speaks = rng.random() < 0.8
            else:
                speaks = rng.random() < reach
            if not speaks:
                previous_outlet, previous_label = article.outlet_id, None
                continue
            claim_words = claim.text.rstrip(".")
            source = rng.choice(SOURCES)
            if rng.random() < denial:
                label, hedged, attributed = "contradict", False, source
                text = f"{source.capitalize()} denied reports that {_lower_first(claim_words)}."
            elif rng.random() < 0.35:
                label, hedged, attributed = "agree", True, source
                text = f"{claim_words}, {source} said."
                if rng.random() < 0.4:
                    attributed = ""
                    text = f"{rng.choice(HEDGES)} {_lower_first(claim_words)}."
            else:
                label, hedged, attributed = "agree", False, ""
                text = f"{claim_words}, the newspaper confirmed on {rng.choice(DAYS)}."
            per_article[index][claim_index] = _Quote(label, hedged, attributed, text)
            previous_outlet, previous_label = article.outlet_id, label
    return per_article


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--outlets", type=int, default=40)
    parser.add_argument("--assertions", type=int, default=400)
    parser.add_argument("--slug", default="large-event")
    parser.add_argument(
        "--replace", action="store_true", help="delete an existing event with this slug first"
    )
    args = parser.parse_args(argv)
    if args.outlets < 1 or args.assertions < 1:
        parser.error("--outlets and --assertions must be at least 1")

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from coverage.models import Event, Stance

    if args.replace:
        Event.objects.filter(slug=args.slug).delete()
    try:
        event = create_large_event(outlets=args.outlets, assertions=args.assertions, slug=args.slug)
    except ValueError as problem:
        sys.exit(f"{problem} Use --replace to recreate it.")
    cells = Stance.objects.filter(assertion__event=event).count()
    print(f"Created {event.get_absolute_url()} with {cells} article cells.")


if __name__ == "__main__":
    main()
