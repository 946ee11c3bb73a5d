"""coverage.attribution: whom a cell attributes its claim to."""

from __future__ import annotations

from coverage.attribution import attribution


def test_a_hedged_cell_is_attributed_to_the_source_its_sentence_names() -> None:
    assert (
        attribution(
            attributed_to="",
            hedged=True,
            evidence="According to the Ministry of Transport, the bridge is closed.",
        )
        == "the Ministry of Transport"
    )
    assert attribution(attributed_to="Police", hedged=True, evidence="x") == "Police"
    assert attribution(attributed_to="", hedged=False, evidence="They said so.") == ""
