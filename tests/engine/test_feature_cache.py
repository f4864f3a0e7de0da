from __future__ import annotations

import numpy as np

from inference.engine.feature_cache import ByteLRUCache, nbytes_of


def test_nbytes_of_walks_nested_values():
    value = (np.zeros(10, np.float32), {"a": [np.zeros((2, 2), np.float64)], "b": None})
    assert nbytes_of(value) == 40 + 32


def test_cache_evicts_least_recently_used_by_bytes():
    cache = ByteLRUCache(budget_bytes=300)
    for key in "abc":
        assert cache.put(key, np.zeros(100, np.uint8))
    assert cache.total_bytes == 300
    assert cache.get("a") is not None  # a becomes most recent
    cache.put("d", np.zeros(100, np.uint8))  # evicts b, the least recently used
    assert "b" not in cache and set(cache.keys()) == {"c", "a", "d"}
    cache.put("e", np.zeros(250, np.uint8))  # needs 250 bytes: evicts c, a and d
    assert cache.keys() == ["e"] and cache.total_bytes == 250
    assert cache.stats.evictions == 4


def test_cache_refuses_an_entry_larger_than_the_budget_and_zero_budget_disables():
    cache = ByteLRUCache(budget_bytes=100)
    assert not cache.put("big", np.zeros(101, np.uint8))
    assert len(cache) == 0 and cache.total_bytes == 0
    off = ByteLRUCache(0)
    assert not off.put("x", np.zeros(1, np.uint8)) and off.get("x") is None


def test_replacing_a_key_and_discarding_keep_the_byte_count():
    cache = ByteLRUCache(budget_bytes=1000)
    cache.put(("v", 1), np.zeros(100, np.uint8))
    cache.put(("v", 1), np.zeros(200, np.uint8))
    cache.put(("w", 1), np.zeros(50, np.uint8))
    assert cache.total_bytes == 250
    assert cache.discard_where(lambda k: k[0] == "v") == 1
    assert cache.total_bytes == 50
    cache.discard(("w", 1))
    assert cache.total_bytes == 0 and len(cache) == 0


def test_put_if_room_never_evicts_and_goes_first():
    cache = ByteLRUCache(budget_bytes=300)
    cache.put("clicked", np.zeros(100, np.uint8))
    assert cache.put_if_room("tracked-1", np.zeros(100, np.uint8))
    assert cache.put_if_room("tracked-2", np.zeros(100, np.uint8))
    assert not cache.put_if_room("tracked-3", np.zeros(100, np.uint8))  # no room: not stored
    assert cache.stats.evictions == 0 and "tracked-3" not in cache
    assert cache.put_if_room("clicked", np.zeros(100, np.uint8))  # already there: left as it is
    assert cache.keys() == ["tracked-2", "tracked-1", "clicked"]  # bulk entries go first
    cache.put("clicked-2", np.zeros(100, np.uint8))
    assert cache.keys() == ["tracked-1", "clicked", "clicked-2"]
