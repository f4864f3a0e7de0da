"""Which source frames become annotated frames: the sampling rule, by timestamps.

The rule (the same for constant and variable frame rate, videos and zips of frames):

* Every source frame is annotated when ``annotation_fps`` is None or <= 0, or when it is at least
  the source's nominal frame rate.
* Otherwise, with ``t`` a frame's timestamp in seconds relative to the first decoded frame, the
  frames are scanned in presentation order and a frame is annotated when ``t >= k / annotation_fps``
  where ``k`` is the next target slot (starting at 0, so the first frame is always annotated).
  After annotating a frame at time ``t`` the next slot is the first ``k`` with
  ``k / annotation_fps > t``: a long gap in a variable-frame-rate video therefore skips the slots it
  covers instead of annotating the same source frame twice, and annotated timestamps strictly grow.
* Comparisons allow ``tolerance_s`` (1 ms, at most a quarter of a source frame interval) because
  muxers round timestamps to their time base (a 24 fps frame 4 stored as 0.166 s instead of 1/6 s).

For a constant-rate source whose rate is a multiple of ``annotation_fps`` this picks source frames
0, r, 2r, ... with ``r = source_fps / annotation_fps`` (24 -> 6 fps: 0, 4, 8, ...; count
``ceil(N / r)``), as SA-V does; for other ratios it picks the first frame at or after each slot.
"""

from __future__ import annotations

import math

MAX_TOLERANCE_S = 1e-3


def samples_every_frame(annotation_fps: float | None, source_fps: float | None) -> bool:
    """True when the rule keeps every source frame (rates in frames per second)."""
    if not annotation_fps or annotation_fps <= 0:
        return True
    return bool(source_fps) and annotation_fps >= source_fps  # type: ignore[operator]


def estimate_annotated_count(
    source_frames: int, source_fps: float | None, annotation_fps: float | None
) -> int:
    """Annotated frames a constant-rate source of ``source_frames`` frames will give (an estimate)."""
    if source_frames <= 0:
        return 0
    if samples_every_frame(annotation_fps, source_fps) or not source_fps:
        return source_frames
    duration = source_frames / source_fps
    return max(1, math.ceil(duration * annotation_fps - 1e-9))  # type: ignore[operator]


class FrameSampler:
    """Applies the sampling rule to a stream of timestamps, one frame at a time.

    ``accept(t)`` takes a source frame's timestamp in seconds (any origin: it is made relative to
    the first frame seen) and answers whether that frame is the next annotated frame.
    """

    def __init__(self, annotation_fps: float | None, source_fps: float | None) -> None:
        self.every_frame = samples_every_frame(annotation_fps, source_fps)
        self.annotation_fps = None if self.every_frame else float(annotation_fps)  # type: ignore[arg-type]
        self.tolerance_s = MAX_TOLERANCE_S
        if source_fps and source_fps > 0:
            self.tolerance_s = min(MAX_TOLERANCE_S, 0.25 / source_fps)
        self._origin: float | None = None
        self._next_slot = 0

    def accept(self, timestamp_s: float) -> bool:
        if self._origin is None:
            self._origin = timestamp_s
        if self.every_frame:
            return True
        fps = self.annotation_fps
        assert fps is not None
        t = timestamp_s - self._origin
        if t < self._next_slot / fps - self.tolerance_s:
            return False
        self._next_slot = max(self._next_slot + 1, math.floor((t + self.tolerance_s) * fps) + 1)
        return True
