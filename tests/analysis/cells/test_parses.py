"""One run's parses: every text parsed once with the run's model, all dropped at its end."""

from __future__ import annotations

import datetime as dt
import gc
import weakref

import pytest

from coverage.analysis.cells import CellConfig, decide_cell, parse_run, texts_to_read
from coverage.analysis.cells.parses import open_run, parse
from coverage.analysis.cells.windows import closest_windows, read_windows
from coverage.analysis.embeddings import CachingEncoder, get_embedder

SENTENCES = ["The bridge closed on Monday.", "Engineers found cracks in a pier."]


def test_it_drops_a_runs_parses_when_the_run_ends():
    encoder = CachingEncoder(get_embedder())
    with parse_run() as parses:
        decide_cell("The bridge closed on Monday.", SENTENCES, encoder=encoder)
        assert "The bridge closed on Monday." in parses.parsed_texts()
        assert parse(SENTENCES[0]) is parse(SENTENCES[0])
    assert open_run() is None
    ended = weakref.ref(parses)
    del parses
    gc.collect()
    assert ended() is None


def test_a_decision_outside_a_run_keeps_no_parse():
    encoder = CachingEncoder(get_embedder())
    decide_cell("The bridge closed on Monday.", SENTENCES, encoder=encoder)
    assert open_run() is None
    assert parse(SENTENCES[0]) is not parse(SENTENCES[0])


def test_a_run_inside_a_run_reads_the_outer_runs_parses_with_its_model():
    with parse_run() as outer:
        with parse_run() as inner:
            assert inner is outer
        with pytest.raises(ValueError, match="another_model"), parse_run("another_model"):
            pass


def test_a_pair_of_sentences_too_far_to_state_the_claim_is_not_parsed():
    encoder = CachingEncoder(get_embedder())
    claim = "The central bank cut its main rate by half a point on Tuesday."
    sentences = [
        "The central bank met on Tuesday.",
        "It cut its main rate by half a point.",
        "Markets barely moved after the meeting.",
    ]
    config = CellConfig(agree_above=0.99)
    singles, pairs = closest_windows(read_windows(claim, sentences, encoder), config)
    assert singles and pairs
    to_read = texts_to_read(claim, sentences, encoder=encoder, config=config)
    with parse_run() as parses:
        parses.parse_ahead(to_read)
        decide_cell(claim, sentences, encoder=encoder, config=config)
        assert set(parses.parsed_texts()) <= set(to_read) | set(sentences)
    assert not {window.text for window in pairs} & set(to_read)


def test_a_texts_slots_read_its_relative_days_from_the_day_it_was_published():
    with parse_run() as parses:
        assert parses.slots("The bridge closed yesterday.").times == ()
        parses.date_texts({"The bridge closed yesterday.": dt.date(2026, 3, 4)})
        [when] = parses.slots("The bridge closed yesterday.").times
        assert (when.month, when.day) == (3, 3)


def test_a_text_two_articles_share_on_different_days_names_no_day():
    with parse_run() as parses:
        parses.date_texts({"The bridge closed yesterday.": dt.date(2026, 3, 4)})
        parses.date_texts({"The bridge closed yesterday.": dt.date(2026, 3, 5)})
        assert parses.slots("The bridge closed yesterday.").times == ()
