"""Keeps an event's built matrix, and the pages made of it, between requests.

coverage.selectors.matrix_page asks here first and keeps what it builds; this module
only stores, keyed by the event's data version, and moves that version on writes.

Building the matrix of a large event (40 outlets x 400 rows) is most of the cost of
its page, and most readers of one event see the same data. Each request first reads
the event's *data version* in one query: the counts and newest timestamps or ids of
its assertions, articles and revisions, and its own ``updated_at``. Every
write that can change the matrix changes one of them:

- rows saved one by one move their ``updated_at`` (auto_now); adding or deleting
  rows or articles changes a count, and a new one also a newest value;
- every curation (coverage.services: cell corrections, edit, merge, split, move,
  delete, undo) records a Revision and touches the event's ``updated_at``, even
  where it writes with bulk updates or puts old timestamps back. The touch is
  compared for equality, so two curations committing out of order still leave a
  new value; newest-value columns alone could miss the second;
- a cell saved anywhere else (the admin, the shell) touches its event's
  ``updated_at``, and so does an outlet or article saved (they have no
  ``updated_at`` of their own): the receivers below. Storing an analysis saves
  thousands of cells, so it touches its event once (``bulk_write``);
- editing the event moves its own ``updated_at``;
- the worker's comparison of the event's texts, which the independent counts read,
  touches its event when it is new (coverage.tasks).

Cached entries are keyed by that version, so a write is seen by the very next
request, in every process, without anyone having to delete anything.

The cache lives in each process's memory, not in Django's cache (the database table
by default): a 16,000-cell matrix takes as long to unpickle as to build, so sharing
it through the database would save nothing. Each gunicorn worker builds a version
once. Only what every reader sees is cached; editing rights, forms, CSRF tokens and
messages are worked out per request by the view.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Model, QuerySet
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from coverage.models import Article, Assertion, Event, Outlet, Revision, Stance

if TYPE_CHECKING:
    from coverage.selectors.matrix import Matrix

# A 40 x 400 matrix holds some tens of megabytes of objects; a few events at a time
# is what a class or a newsroom reads at once.
MATRICES_KEPT = 4
# Pages: an event's filters, sorts, pages and modes, across those events.
PAGES_KEPT = 64

Version = tuple[Hashable, ...]


def data_version(event: Event) -> Version:
    """What the event's matrix was built from, in one query; see the module doc.

    Cells are left out: counting or dating 18,000 of them through their rows costs
    25 ms on PostgreSQL, more than the rest of a cached page. Their writes move the
    version through the revision they record or the event they touch instead.
    """
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), [event.pk] * 6)
        row = cursor.fetchone()
    # A deleted event has no version; the caller's 404 comes from elsewhere.
    return (event.pk, *(row or ()))


@functools.cache
def _version_sql() -> str:
    # Plain SQL: the ORM takes longer to compile these subqueries than the database
    # takes to run them (a few index lookups).
    def table(model: type[Model]) -> str:
        return connection.ops.quote_name(model._meta.db_table)

    rows, articles = table(Assertion), table(Article)
    return (
        "SELECT updated_at,"
        f" (SELECT COUNT(*) FROM {rows} WHERE event_id = %s),"
        f" (SELECT MAX(updated_at) FROM {rows} WHERE event_id = %s),"
        f" (SELECT COUNT(*) FROM {articles} WHERE event_id = %s),"
        f" (SELECT MAX(id) FROM {articles} WHERE event_id = %s),"
        f" (SELECT MAX(id) FROM {table(Revision)} WHERE event_id = %s)"
        f" FROM {table(Event)} WHERE id = %s"
    )


class _LRU:
    """A small thread-safe least-recently-used map."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def discard(self, unwanted: Callable[[Hashable], bool]) -> None:
        with self._lock:
            for key in [key for key in self._items if unwanted(key)]:
                del self._items[key]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


# event id -> (version, matrix): only an event's current version is worth keeping.
_matrices = _LRU(MATRICES_KEPT)
# (version, page key) -> the page matrix_page laid out of the matrix. A version
# starts with the event's id.
_pages = _LRU(PAGES_KEPT)


def kept_page(version: Version, key: Hashable) -> Any:
    """The page kept for this data version and ``key``, or None.

    ``key`` holds everything the page depends on besides the data (the reader's
    filters, page and modes); a kept page never depends on the user.
    """
    return _pages.get((version, key))


def keep_page(version: Version, key: Hashable, page: Any) -> None:
    _pages.put((version, key), page)


def kept_matrix(event: Event, version: Version) -> Matrix | None:
    kept = _matrices.get(event.pk)
    return kept[1] if kept is not None and kept[0] == version else None


def keep_matrix(event: Event, version: Version, matrix: Matrix) -> None:
    _matrices.put(event.pk, (version, matrix))
    # Pages of older versions would keep their whole matrix alive until pushed out.
    _pages.discard(lambda page_key: page_key[0][0] == event.pk and page_key[0] != version)


def clear() -> None:
    """Forget everything kept; for tests that pin the cold page's queries."""
    _matrices.clear()
    _pages.clear()


def touch_events(events: QuerySet[Event]) -> None:
    """Move these events' data version, after a write the counts cannot see."""
    events.update(updated_at=timezone.now())


_bulk = threading.local()


@contextmanager
def bulk_write(event: Event) -> Iterator[None]:
    """Save many of the event's cells one by one, then move its version once."""
    _bulk.depth = getattr(_bulk, "depth", 0) + 1
    try:
        yield
    finally:
        _bulk.depth -= 1
    touch_events(Event.objects.filter(pk=event.pk))


@receiver(post_save, sender=Stance, dispatch_uid="matrix_cache_stance_saved")
def _stance_saved(sender: type[Stance], instance: Stance, **kwargs) -> None:
    if not getattr(_bulk, "depth", 0):
        touch_events(Event.objects.filter(assertions=instance.assertion_id))


@receiver(post_save, sender=Outlet, dispatch_uid="matrix_cache_outlet_saved")
def _outlet_saved(sender: type[Outlet], instance: Outlet, created: bool, **kwargs) -> None:
    # Its name and slug head a column; its homepage helps to find republished copies.
    if not created:
        touch_events(Event.objects.filter(pk__in=instance.articles.values("event")))


@receiver(post_save, sender=Article, dispatch_uid="matrix_cache_article_saved")
def _article_saved(sender: type[Article], instance: Article, created: bool, **kwargs) -> None:
    # A new article changes the counts; an edited one (title, date, text) does not.
    if not created:
        touch_events(Event.objects.filter(pk=instance.event_id))
