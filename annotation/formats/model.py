"""Plain data shapes shared by the writers, the parsers and the Django jobs around them.

Units: pixels for width/height/areas; frame indices are *annotated-frame* indices (0 to N-1,
the platform's frame numbering) unless a name says `source`. Masks are COCO compressed RLE
`{"size": [H, W], "counts": str}` (column-major), as in `maskcodec`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import IO, Any, Literal, NamedTuple, TypeAlias

from maskcodec import RLE

MaskletType = Literal["manual", "auto"]
Source: TypeAlias = "str | os.PathLike[str] | IO[bytes]"


@dataclass(frozen=True)
class VideoMeta:
    """What an export needs to know about one video."""

    video_id: str  # name used in file names (SA-V `video_id`, DAVIS folder name)
    width: int  # pixels
    height: int  # pixels
    annotated_frame_count: int  # N: frames 0..N-1 carry masks
    source_frame_count: int = 0  # frames of the source video (SA-V `video_frame_count`)
    duration: float = 0.0  # seconds
    environment: str | None = None  # SA-V "Indoor" / "Outdoor"
    split: str | None = None  # SA-V "train" / "val" / "test"


@dataclass(frozen=True)
class MaskletMeta:
    """One masklet of a video, as the writers need it (its masks come from the frame rows)."""

    masklet_id: int  # number of the masklet within its video (DAVIS object number, COCO track id)
    type: MaskletType = "manual"
    label: str | None = None
    edited_frame_count: int = 0  # frames a human edited (SA-V `masklet_edited_frame_count`)
    # values of the label's attributes ({name: str or bool}): COCO `attributes` of each
    # annotation (CVAT's convention), SA-V `masklet_attributes` (an extension key)
    attributes: Mapping[str, Any] = field(default_factory=dict)


class FrameRow(NamedTuple):
    """The masks of one annotated frame: `{masklet_id: RLE or None}`; None or a missing key
    means the masklet has no mask on that frame. `scores` holds optional per-masklet stability
    scores (SA-V auto masklets)."""

    frame: int
    masks: Mapping[int, RLE | None]
    scores: Mapping[int, float] | None = None


FrameRows: TypeAlias = Iterable["FrameRow | tuple[int, Mapping[int, RLE | None]]"]


@dataclass
class VideoExport:
    """One video to export: metadata, its masklets and a *lazy* source of its frame rows.

    `frames(masklet_ids)` must return a fresh iterator over FrameRow ordered by frame, holding
    only the given masklets. Writers call it once per output file (SA-V writes manual and auto
    masklets into separate files, so it may be called twice), which lets the caller stream rows
    from the database instead of holding a video in memory.
    """

    video: VideoMeta
    masklets: list[MaskletMeta]
    frames: Callable[[list[int]], FrameRows]


@dataclass
class ManifestVideo:
    video_id: str
    masklets: int = 0
    frames: int = 0  # annotated frames written
    masks: int = 0  # non-empty masks written
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # plain-English caveats (overlaps, limits)
    details: dict[str, Any] = field(default_factory=dict)  # format-specific, e.g. DAVIS palette


@dataclass
class Manifest:
    """What an export contains; writers return it and zip writers also store it as manifest.json."""

    format: str
    videos: list[ManifestVideo] = field(default_factory=list)

    @property
    def masklets(self) -> int:
        return sum(v.masklets for v in self.videos)

    @property
    def frames(self) -> int:
        return sum(v.frames for v in self.videos)

    @property
    def masks(self) -> int:
        return sum(v.masks for v in self.videos)

    def to_dict(self) -> dict:
        return {
            "format": self.format,
            "videos": [asdict(v) for v in self.videos],
            "totals": {
                "videos": len(self.videos),
                "masklets": self.masklets,
                "frames": self.frames,
                "masks": self.masks,
            },
        }


# ---------------------------------------------------------------------------------------------
# Imports


@dataclass(frozen=True)
class ImportTarget:
    """The video an import goes into: files are checked against it before anything is yielded."""

    height: int  # pixels
    width: int  # pixels
    annotated_frame_count: int
    known_labels: Collection[str] | None = None  # None: labels are not checked


@dataclass
class ImportedMasklet:
    """One masklet found in an import file (summary; its masks come from ParsedImport.iter_masks)."""

    external_id: str  # id in the file: SA-V masklet_id, COCO track_id, DAVIS object number
    label: str | None = None
    type: MaskletType | None = None  # SA-V masklet_type when the file says
    edited_frame_count: int | None = None  # SA-V masklet_edited_frame_count when the file says
    mask_count: int = 0  # non-empty masks
    first_frame: int | None = None
    last_frame: int | None = None


class ImportedMask(NamedTuple):
    external_id: str
    frame: int  # annotated-frame index
    rle: RLE
    score: float | None = None  # SA-V stability score when present


@dataclass
class ParsedImport:
    """A fully validated import. Nothing here was handed out before validation finished.

    `iter_masks()` reads the source again and yields every non-empty mask; it is safe to call
    several times and holds one frame (SA-V), one annotation (COCO) or one PNG (DAVIS) at a
    time. Order: frame order for SA-V, file order for COCO and DAVIS zips (frame order for
    the platform's own exports); the importer must not rely on it.
    """

    format: str
    height: int
    width: int
    masklets: list[ImportedMasklet]
    _reader: Callable[[], Iterator[ImportedMask]] = field(repr=False)

    @property
    def mask_count(self) -> int:
        return sum(m.mask_count for m in self.masklets)

    def iter_masks(self) -> Iterator[ImportedMask]:
        return self._reader()

    def to_dict(self) -> dict[str, dict[int, RLE]]:
        """`{external_id: {frame: RLE}}` in memory: for tests and small files only."""
        out: dict[str, dict[int, RLE]] = {m.external_id: {} for m in self.masklets}
        for mask in self.iter_masks():
            out[mask.external_id][mask.frame] = mask.rle
        return out


def frame_row(row: FrameRow | tuple) -> FrameRow:
    """Accept plain (frame, masks) tuples as well as FrameRow."""
    return row if isinstance(row, FrameRow) else FrameRow(*row)
