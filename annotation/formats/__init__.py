"""Dataset formats: SA-V, COCO and DAVIS writers and parsers, and the J&F evaluator.

Pure Python (numpy, pycocotools, Pillow, OpenCV); no Django imports, so the export and import
jobs, management commands and tests all use it directly. Masks are COCO compressed RLE from
`maskcodec`; frame indices are annotated-frame indices. The J&F evaluator lives in
`annotation.formats.jf` (not imported here, so `python -m annotation.formats.jf` runs cleanly).
"""

from .coco import parse_coco, write_coco
from .davis import parse_davis, write_davis
from .errors import FormatError
from .model import (
    FrameRow,
    ImportedMask,
    ImportedMasklet,
    ImportTarget,
    Manifest,
    ManifestVideo,
    MaskletMeta,
    ParsedImport,
    VideoExport,
    VideoMeta,
)
from .sav import masklet_statistics, parse_sav, write_sav, write_sav_export

__all__ = [
    "FormatError",
    "FrameRow",
    "ImportTarget",
    "ImportedMask",
    "ImportedMasklet",
    "Manifest",
    "ManifestVideo",
    "MaskletMeta",
    "ParsedImport",
    "VideoExport",
    "VideoMeta",
    "masklet_statistics",
    "parse_coco",
    "parse_davis",
    "parse_sav",
    "write_coco",
    "write_davis",
    "write_sav",
    "write_sav_export",
]
