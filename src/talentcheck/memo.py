"""Remembering what is costly to compute, one way: answers in a bounded store (`Memo`: least recently used
first out, `SIZE` entries each, safe across threads; cachetools underneath), keyed by what they are computed
from, so that none can go stale:

- `by_content(key)`: keyed by content (a file's bytes, a notebook's JSON, a table's digest); `by_arguments(version)`:
  by the arguments and a digest of what else the answer reads (the data's fingerprint). Never cleared, since the
  same content gives the same answer.
- `until_cleared`: answers about the data as loaded now (a table by name, the claim registry), kept until
  `clear_caches()`, which tests call after pointing TALENTCHECK_DATA at an edited copy of data/.
"""
from __future__ import annotations

import copy
import functools
import json
import threading
from collections.abc import Callable, Hashable

import cachetools

SIZE = 1024
"""Entries each store keeps (the data's 34 tables, a report's claims under each reading, a run's notebook pages)."""


class Memo:
    """A bounded store of answers by key: the `SIZE` most recently used are kept."""

    def __init__(self, size: int = SIZE):
        self._store: cachetools.LRUCache = cachetools.LRUCache(size)
        self._lock = threading.RLock()

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._store

    def get(self, key: Hashable, compute: Callable[[], object], keep: Callable[[object], bool] = lambda answer: True):
        """The answer stored under `key`, else `compute()`'s, stored if `keep(answer)` (an answer computed from a
        file that changed meanwhile is not filed under the old bytes). An exception stores nothing."""
        with self._lock:
            if key in self._store:
                return self._store[key]
        answer = compute()
        if keep(answer):
            with self._lock:
                self._store[key] = answer
        return answer

    def put(self, key: Hashable, answer) -> None:
        with self._lock:
            self._store[key] = answer


def by_content(key: Callable[..., Hashable], copy_answers: bool = False):
    """Remember `function(*args, **kwargs)` under `key(*args, **kwargs)`; with `copy_answers` each caller gets its
    own deep copy (a caller may change what it is given)."""
    def decorate(function):
        store = Memo()

        @functools.wraps(function)
        def remembered(*args, **kwargs):
            answer = store.get(key(*args, **kwargs), lambda: function(*args, **kwargs))
            return copy.deepcopy(answer) if copy_answers else answer
        return remembered
    return decorate


def by_arguments(version: Callable[[], Hashable]):
    """Remember `function(*args)` by its arguments (as JSON) and `version()` (a digest of what else it reads, such
    as the data's fingerprint); each caller gets its own copy of the answer."""
    return by_content(key=lambda *args: (json.dumps(args, sort_keys=True, default=repr), version()), copy_answers=True)


_UNTIL_CLEARED: list = []


def until_cleared(function):
    """Remember `function` by its arguments until `clear_caches()`."""
    remembered = functools.cache(function)
    _UNTIL_CLEARED.append(remembered)
    return remembered


def clear_caches() -> None:
    """Forget every answer about the data as it was loaded (`until_cleared`): the next call loads it again."""
    for remembered in _UNTIL_CLEARED:
        remembered.cache_clear()
