"""Media ingest for Masklet: uploaded videos and zips of frames become annotated-frame JPEGs.

Pure Python (PyAV, numpy, Pillow, OpenCV); no Django. The ingest job calls, in order::

    from annotation.media import IngestError, IngestLimits, ingest, probe

    info = probe(path, limits, annotation_fps=project.annotation_fps)   # validates; stores nothing
    result = ingest(path, annotation_fps=project.annotation_fps, limits=limits, info=info,
                    store=lambda name, data: storage.save(f"videos/{video_id}/{name}", data),
                    progress=report_progress)

Every problem a user can cause raises ``IngestError`` (``str(error)`` is the message to show,
``error.code`` a stable reason, ``error.stored_names`` what to delete if decoding failed part-way).
Sampling by timestamps is documented in ``annotation.media.sampling``; stored names in
``annotation.media.ingest``; zip rules in ``annotation.media.frames_zip``.
"""

from annotation.media.errors import ERROR_CODES, IngestError
from annotation.media.ingest import (
    THUMBNAIL_NAME,
    AnnotatedFrame,
    IngestResult,
    display_name,
    frame_name,
    ingest,
    iter_annotated_frames,
)
from annotation.media.probe import MediaInfo, probe, resolve_frames_fps, sha256_file
from annotation.media.sampling import FrameSampler
from annotation.media.settings import (
    DEFAULT_FRAMES_FPS,
    DEFAULT_LIMITS,
    DEFAULT_RENDITION,
    IngestLimits,
    RenditionOptions,
)

__all__ = [
    "DEFAULT_FRAMES_FPS",
    "DEFAULT_LIMITS",
    "DEFAULT_RENDITION",
    "ERROR_CODES",
    "THUMBNAIL_NAME",
    "AnnotatedFrame",
    "FrameSampler",
    "IngestError",
    "IngestLimits",
    "IngestResult",
    "MediaInfo",
    "RenditionOptions",
    "display_name",
    "frame_name",
    "ingest",
    "iter_annotated_frames",
    "probe",
    "resolve_frames_fps",
    "sha256_file",
]
