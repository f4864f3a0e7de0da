"""Masks of one frame made when they are read: what a propagation yields per frame without
holding every object's full-size mask at once (pure Python: no torch, no Django)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

import numpy as np


class LazyMasks(Mapping[int, np.ndarray]):
    """{object id: bool (height, width) mask}, each mask made by `make(index)` (the object's
    position in `object_ids`) when it is read, and not kept: reading a mask twice makes it twice.

    The SAM 2 backend yields these during propagation: the frame holds the model's low-res logits
    (its own per-object state) and each object's mask is upsampled to the video size only when
    the caller reads it, which the propagation bridge does in its encoding threads, a few objects
    at a time (inference/bridge/pipeline.py). `make` must be safe to call from any thread.
    """

    def __init__(self, object_ids: Sequence[int], make: Callable[[int], np.ndarray]) -> None:
        self._index = {int(object_id): i for i, object_id in enumerate(object_ids)}
        self._make = make

    def __getitem__(self, object_id: int) -> np.ndarray:
        return self._make(self._index[object_id])

    def __iter__(self) -> Iterator[int]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, object_id: object) -> bool:
        return object_id in self._index
