"""The write side: workflows that change several models at once, one module each.

Views, commands, the admin and the analysis call these functions instead of touching
the models directly, so every path validates the same way and writes inside one
transaction. This package names each workflow's public functions, so callers write
``services.add_article(...)``:

- articles: articles and whole events coming in (files, links, the demo fixtures)
- events: creating an event and correcting its details
- curation: people correcting rows, cells and outlets
- undo: a merge, deletion or cell correction put back
- changes: what every change shares (the event's lock, row order, its Revision)
- errors: what a write can refuse, in words the reader can act on
"""

from __future__ import annotations

from coverage.services.articles import (
    MAX_ARTICLES_PER_IMPORT,
    MAX_SENTENCE_CHARS,
    MAX_TITLE_LENGTH,
    ImportReport,
    add_article,
    add_articles,
    get_or_create_outlet,
    import_event,
    import_links,
    load_curated_event,
)
from coverage.services.changes import lock_matrix, renumber
from coverage.services.curation import (
    add_assertion,
    delete_assertion,
    edit_assertion,
    fill_outlet_from_curated_list,
    merge_assertions,
    move_assertion,
    set_stance,
    split_assertion,
    stance_version,
    update_outlet,
)
from coverage.services.errors import (
    CellChange,
    CurationProblem,
    ImportProblem,
    StaleCell,
    UndoRefused,
)
from coverage.services.events import RESERVED_EVENT_SLUGS, create_event, update_event
from coverage.services.undo import undo_revision

__all__ = [
    "MAX_ARTICLES_PER_IMPORT",
    "MAX_SENTENCE_CHARS",
    "MAX_TITLE_LENGTH",
    "RESERVED_EVENT_SLUGS",
    "CellChange",
    "CurationProblem",
    "ImportProblem",
    "ImportReport",
    "StaleCell",
    "UndoRefused",
    "add_article",
    "add_articles",
    "add_assertion",
    "create_event",
    "delete_assertion",
    "edit_assertion",
    "fill_outlet_from_curated_list",
    "get_or_create_outlet",
    "import_event",
    "import_links",
    "load_curated_event",
    "lock_matrix",
    "merge_assertions",
    "move_assertion",
    "renumber",
    "set_stance",
    "split_assertion",
    "stance_version",
    "undo_revision",
    "update_event",
    "update_outlet",
]
