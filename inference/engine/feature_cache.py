"""A least-recently-used cache bounded in bytes, for per-frame image features.

Pure Python (no torch import): sizes are measured by duck typing, so the cache holds torch
tensors, numpy arrays, or nested tuples/lists/dicts of them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any


def nbytes_of(value: Any) -> int:
    """Bytes held by the arrays/tensors in `value` (nested tuples, lists and dicts walked)."""
    if value is None:
        return 0
    if hasattr(value, "element_size") and hasattr(value, "nelement"):  # torch.Tensor
        return int(value.element_size() * value.nelement())
    if hasattr(value, "nbytes") and not isinstance(value, bytes | bytearray):  # numpy
        return int(value.nbytes)
    if isinstance(value, dict):
        return sum(nbytes_of(v) for v in value.values())
    if isinstance(value, list | tuple):
        return sum(nbytes_of(v) for v in value)
    if isinstance(value, bytes | bytearray):
        return len(value)
    return 0


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    evictions: int = 0


class ByteLRUCache:
    """Maps keys to values, evicting least-recently-used entries beyond `budget_bytes`.

    An entry larger than the whole budget is not stored. A budget of 0 disables the cache.
    Thread-safe (one lock), so worker threads may share it.
    """

    def __init__(self, budget_bytes: int):
        if budget_bytes < 0:
            raise ValueError("budget_bytes must be >= 0")
        self.budget_bytes = int(budget_bytes)
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.stats = CacheStats()

    @property
    def total_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

    def keys(self) -> list[Hashable]:
        """Keys from least to most recently used."""
        with self._lock:
            return list(self._entries)

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.stats.misses += 1
                return None
            self._entries.move_to_end(key)
            self.stats.hits += 1
            return entry[0]

    def put(self, key: Hashable, value: Any, size: int | None = None) -> bool:
        """Store `value`; return False if it alone exceeds the budget (then nothing is stored)."""
        size = nbytes_of(value) if size is None else int(size)
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            if size > self.budget_bytes:
                return False
            self._entries[key] = (value, size)
            self._bytes += size
            while self._bytes > self.budget_bytes and self._entries:
                _, (_, evicted_size) = self._entries.popitem(last=False)
                self._bytes -= evicted_size
                self.stats.evictions += 1
            return True

    def put_if_room(self, key: Hashable, value: Any, size: int | None = None) -> bool:
        """Store `value` only if it fits beside what is cached now: nothing is evicted for it, and
        it goes in as the least recently used entry (the first to go when a click needs room).

        For bulk producers (a propagation visiting every frame) that must not push out the
        entries people are working on. Returns whether it is cached (stored now or before)."""
        size = nbytes_of(value) if size is None else int(size)
        with self._lock:
            if key in self._entries:
                return True
            if self._bytes + size > self.budget_bytes:
                return False
            self._entries[key] = (value, size)
            self._entries.move_to_end(key, last=False)
            self._bytes += size
            return True

    def discard(self, key: Hashable) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]

    def discard_where(self, predicate: Any) -> int:
        """Drop every entry whose key satisfies `predicate(key)`; return how many were dropped."""
        with self._lock:
            doomed = [k for k in self._entries if predicate(k)]
            for k in doomed:
                self._bytes -= self._entries.pop(k)[1]
            return len(doomed)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
