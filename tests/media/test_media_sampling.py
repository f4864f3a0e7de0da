"""The sampling rule on timestamps alone (no decoding)."""

from __future__ import annotations

import math

import pytest

from annotation.media.sampling import FrameSampler, estimate_annotated_count, samples_every_frame


def picked(
    timestamps: list[float], annotation_fps: float | None, source_fps: float | None
) -> list[int]:
    sampler = FrameSampler(annotation_fps, source_fps)
    return [number for number, t in enumerate(timestamps) if sampler.accept(t)]


@pytest.mark.parametrize("frames", [1, 4, 5, 48, 49, 50, 51])
def test_24_to_6_fps_keeps_every_fourth_frame(frames: int) -> None:
    kept = picked([i / 24 for i in range(frames)], 6, 24)
    assert kept == list(range(0, frames, 4))
    assert len(kept) == math.ceil(frames / 4)


def test_30_to_10_fps_on_200_frames_gives_67() -> None:
    kept = picked([i / 30 for i in range(200)], 10, 30)
    assert kept == list(range(0, 200, 3))
    assert len(kept) == 67


@pytest.mark.parametrize("annotation_fps", [None, 0, -1, 30, 60])
def test_every_frame_when_rate_is_unset_or_not_below_source(annotation_fps: float | None) -> None:
    assert picked([i / 30 for i in range(20)], annotation_fps, 30) == list(range(20))
    assert samples_every_frame(annotation_fps, 30)


def test_timestamps_rounded_down_by_the_muxer_still_hit_their_slot() -> None:
    # 24 fps stored with a 1 ms time base, truncated: 4/24 s = 0.16666 becomes 0.166.
    timestamps = [math.floor(i * 1000 / 24) / 1000 for i in range(24)]
    assert picked(timestamps, 6, 24) == [0, 4, 8, 12, 16, 20]


def test_origin_is_the_first_timestamp() -> None:
    assert picked([10 + i / 24 for i in range(9)], 6, 24) == [0, 4, 8]


def test_variable_frame_rate_gaps_skip_slots_instead_of_repeating_frames() -> None:
    # Slots at 5 fps: 0, .2, .4, .6, .8, 1.0; the gap .4 -> .7 covers slot .6.
    timestamps = [0, 0.01, 0.05, 0.2, 0.21, 0.4, 0.7, 0.72, 1.0]
    assert picked(timestamps, 5, None) == [0, 3, 5, 6, 8]


def test_non_integer_ratio_takes_first_frame_at_or_after_each_slot() -> None:
    kept = picked([i / 30 for i in range(30)], 7, 30)
    slots = [k / 7 for k in range(7)]
    expected = [math.ceil(slot * 30 - 1e-9) for slot in slots]
    assert kept == expected


def test_estimate_matches_cfr_rule() -> None:
    assert estimate_annotated_count(200, 30, 10) == 67
    assert estimate_annotated_count(50, 24, 6) == 13
    assert estimate_annotated_count(200, 30, None) == 200
    assert estimate_annotated_count(0, 30, 10) == 0
