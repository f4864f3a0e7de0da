"""Shared builders for the format tests (imported by name; tests/formats is on sys.path)."""

from __future__ import annotations

import numpy as np

import maskcodec
from annotation.formats.model import FrameRow, MaskletMeta, VideoExport, VideoMeta
from tests.data_paths import SAV_EXAMPLE

SAV_MANUAL = SAV_EXAMPLE / "sav_000001_manual.json"
SAV_AUTO = SAV_EXAMPLE / "sav_000001_auto.json"


def sav_video_meta() -> VideoMeta:
    """sav_000001: 483 frames at 24 fps, annotated every 4th (121), 480 wide, 848 high."""
    return VideoMeta(
        video_id="sav_000001",
        width=480,
        height=848,
        annotated_frame_count=121,
        source_frame_count=483,
        duration=20.125,
        environment="Indoor",
        split="train",
    )


def square(height: int, width: int, top: int, left: int, size: int) -> np.ndarray:
    mask = np.zeros((height, width), dtype=bool)
    mask[top : top + size, left : left + size] = True
    return mask


def small_video(
    *, video_id: str = "clip", frames: int = 6, height: int = 12, width: int = 16, overlap=False
) -> tuple[VideoExport, dict[int, dict[int, dict]]]:
    """Three masklets moving over a small video; masklet 2 is absent on frames 2-3.

    Returns the export input and the expected {masklet: {frame: RLE}}.
    """
    truth: dict[int, dict[int, dict]] = {1: {}, 2: {}, 5: {}}
    for f in range(frames):
        truth[1][f] = maskcodec.encode(square(height, width, 1, f, 4))
        if f not in (2, 3):
            truth[2][f] = maskcodec.encode(square(height, width, 7, 10 - f, 3))
        if f % 2 == 0:
            top = 2 if overlap else 10  # rows 10-11 touch no other masklet
            truth[5][f] = maskcodec.encode(square(height, width, top, 1 + f, 2))
    masklets = [
        MaskletMeta(1, "manual", "person", edited_frame_count=2),
        MaskletMeta(2, "manual", "dog"),
        MaskletMeta(5, "auto", None),
    ]

    def rows(ids: list[int]):
        for f in range(frames):
            masks = {m: truth[m].get(f) for m in ids}
            if any(v is not None for v in masks.values()):
                yield FrameRow(f, masks, {m: 0.5 for m in ids if truth[m].get(f)})

    video = VideoMeta(video_id, width=width, height=height, annotated_frame_count=frames)
    return VideoExport(video, masklets, rows), truth
