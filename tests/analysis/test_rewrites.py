"""Claims a rewrite renders from its source join one row, whatever their wording.

The real MiniLM encoder aligns the two texts' sentences (coverage.analysis.syndication)
and the real spaCy parse finds their claims.
"""

from __future__ import annotations

from coverage.analysis.pipeline import ArticleInput, analyse_articles

ORIGINAL = (
    "A court in Tessan on Tuesday jailed the former governor Teodor Branik for nine years "
    "for bribery.\n\n"
    "Judge Hedda Morsk read the verdict over nearly five hours.\n\n"
    "Outside the court, about 300 supporters chanted slogans and waved flags.\n\n"
    "When the prison van pulled out, riot police pushed into the crowd.\n\n"
    "At least a dozen people were detained, witnesses said.\n\n"
    "Two protesters and a police officer were taken to hospital.\n\n"
    "Branik's lawyers said they would appeal within 30 days."
)
# The tabloid's rewrite: the same facts in the same order, in other words.
REWRITE = (
    "DISGRACED ex-governor Teodor Branik was caged for nine years yesterday for taking "
    "bribes.\n\n"
    "Judge Hedda Morsk took nearly five hours to plough through the ruling.\n\n"
    "Around 300 fuming fans waved flags and bellowed slogans outside.\n\n"
    "Riot cops steamed into the crowd as the prison van roared off.\n\n"
    "At least 12 people were hauled away, onlookers said.\n\n"
    "Two demonstrators and a policeman ended up in hospital.\n\n"
    "His briefs vowed to fight the ruling within a month."
)
UNRELATED = (
    "Heavy rain closed the ring road north of Tessan on Tuesday.\n\n"
    "At least 12 people were hauled away from flooded cars by firefighters."
)


def rows_with_both(first: str, second: str) -> list[str]:
    result = analyse_articles(
        [
            ArticleInput("a", "Halvard Herald", "", first),
            ArticleInput("b", "Daily Rattle", "", second),
        ]
    )
    return [
        row.text for row in result.assertions if all(cell.label != "silent" for cell in row.cells)
    ]


def test_a_rewritten_claim_joins_the_row_of_the_claim_it_renders() -> None:
    joined = rows_with_both(ORIGINAL, REWRITE)
    assert any("dozen people were detained" in text for text in joined)


def test_an_article_that_rewrites_nothing_joins_nothing() -> None:
    joined = rows_with_both(ORIGINAL, UNRELATED)
    assert not any("detained" in text or "hauled" in text for text in joined)
