"""Sentence splitting keeps offsets exact and recognises site furniture."""

from __future__ import annotations

from coverage.analysis.segment import is_boilerplate, split_sentences


def test_it_keeps_offsets_into_the_original_text() -> None:
    text = "Dr. Smith arrived at 5 p.m. on Monday.  He left.\n\nA new paragraph “quoted.” Done."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Dr. Smith arrived at 5 p.m. on Monday.",
        "He left.",
        "A new paragraph “quoted.”",
        "Done.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1]


def test_it_splits_a_title_line_from_the_paragraph_below() -> None:
    text = "Numerous Ukrainians Allegedly Training Militants\nReports indicate that it began."
    assert [s.text for s in split_sentences(text)] == [
        "Numerous Ukrainians Allegedly Training Militants",
        "Reports indicate that it began.",
    ]


def test_dropping_boilerplate_keeps_offsets_of_the_rest() -> None:
    text = "Troops moved in. Read Full Article at RT.com.\n\nJane Doe contributed to this report."
    kept = split_sentences(text, drop_boilerplate=True)
    assert [s.text for s in kept] == ["Troops moved in."]
    assert text[kept[0].start : kept[0].end] == kept[0].text


def test_it_recognises_bylines_and_links_out() -> None:
    assert is_boilerplate("Mathilde Moreau contributed to this report for TROIB News")
    assert is_boilerplate("Read Full Article at RT.com.")
    assert not is_boilerplate("The report contributed to a diplomatic crisis.")
