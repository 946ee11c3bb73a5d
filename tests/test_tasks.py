from __future__ import annotations

from django.core.cache import cache

from coverage import tasks
from coverage.readings import layers


def test_it_precomputes_the_layers_so_the_first_reader_does_not_wait(event_with_matrix):
    key = layers.articles_key(event_with_matrix, layers.load_event_articles(event_with_matrix))
    cache.delete(key)

    tasks.warm_layers(event_with_matrix)

    assert cache.get(key) is not None
