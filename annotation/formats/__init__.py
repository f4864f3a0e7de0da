"""Dataset formats: SA-V, COCO and DAVIS writers and parsers, and the J&F evaluator.

Pure Python (numpy, pycocotools, Pillow, OpenCV); no Django imports, so the export and import
jobs, management commands and tests all use it directly. Masks are COCO compressed RLE from
`inference.engine.masks`; frame indices are annotated-frame indices.
"""

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
]
