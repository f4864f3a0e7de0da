"""Ingest of an uploaded video or zip of frames into annotated frames in storage (cpu queue)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from annotation.job_runner import JobContext, JobFailed
from annotation.media import IngestError, IngestLimits, RenditionOptions, ingest, probe
from annotation.models import Video
from annotation.models.videos import VideoStatus
from annotation.services.videos import delete_storage_tree, video_changed


def ingest_limits() -> IngestLimits:
    conf = settings.MASKLET
    return IngestLimits(
        max_bytes=conf["UPLOAD_MAX_BYTES"],
        max_width=conf["MAX_VIDEO_WIDTH"],
        max_height=conf["MAX_VIDEO_HEIGHT"],
        max_pixels=conf["MAX_VIDEO_WIDTH"] * conf["MAX_VIDEO_HEIGHT"],
        max_duration_s=float(conf["MAX_VIDEO_SECONDS"]),
        max_frames=conf["MAX_ANNOTATED_FRAMES"],
    )


def rendition() -> RenditionOptions:
    conf = settings.MASKLET
    return RenditionOptions(jpeg_quality=conf["JPEG_QUALITY"], display_max_side=conf["DISPLAY_MAX_SIDE"])


@contextlib.contextmanager
def local_copy(name: str) -> Iterator[str]:
    """A local file path for a stored file (the file itself with local storage, else a temp copy)."""
    try:
        yield default_storage.path(name)
        return
    except NotImplementedError:
        pass
    with tempfile.NamedTemporaryFile(suffix=os.path.splitext(name)[1], delete=True) as tmp:
        with default_storage.open(name, "rb") as source:
            shutil.copyfileobj(source, tmp, 1024 * 1024)
        tmp.flush()
        yield tmp.name


def video_ingest(*, video: Video, ctx: JobContext) -> dict[str, Any]:
    """Decode, sample at the project's annotation fps, store frames; mark the video ready or failed.

    On any failure nothing is left behind: stored frames and the upload are deleted and the video
    is marked failed with the reason in words.
    """
    stored: list[str] = []
    prefix = video.storage_prefix
    annotation_fps = video.project.annotation_fps
    try:
        if not video.source:
            raise JobFailed("the upload is missing")
        # Frames from an earlier, interrupted attempt are rewritten from the start.
        delete_storage_tree(prefix)
        with local_copy(video.source.name) as path:
            info = probe(path, ingest_limits(), annotation_fps=annotation_fps,
                         frames_fps=settings.MASKLET["FRAMES_ZIP_FPS"] if not annotation_fps else None)
            duplicate = (
                Video.objects.filter(project=video.project, content_hash=info.sha256, status=VideoStatus.READY)
                .exclude(pk=video.pk)
                .first()
            )
            if duplicate is not None:
                raise JobFailed(
                    f"this file was already uploaded to the project as video {duplicate.name!r} (id {duplicate.pk})"
                )

            def store(name: str, data: bytes) -> None:
                full = f"{prefix}/{name}"
                if default_storage.exists(full):
                    default_storage.delete(full)
                stored.append(default_storage.save(full, ContentFile(data)))

            def progress(done: int, total: int) -> None:
                if done % max(1, total // 50) == 0 or done == total:
                    ctx.check_cancel()
                    ctx.progress(done / total if total else 0.0, frame=done)

            result = ingest(
                path, annotation_fps=annotation_fps, store=store, limits=ingest_limits(), rendition=rendition(),
                frames_fps=settings.MASKLET["FRAMES_ZIP_FPS"] if not annotation_fps else None,
                progress=progress, info=info,
            )
    except IngestError as error:
        _fail(video, str(error), stored)
        raise JobFailed(str(error)) from error
    except JobFailed as error:
        _fail(video, str(error), stored)
        raise
    except BaseException:
        _fail(video, "the video could not be processed (internal error)", stored)
        raise
    with transaction.atomic():
        video.status = VideoStatus.READY
        video.error = ""
        video.kind = result.kind
        video.codec = result.codec
        video.width, video.height = result.width, result.height
        video.display_width, video.display_height = result.display_width, result.display_height
        video.source_fps = result.source_fps
        video.source_frame_count = result.source_frame_count
        video.duration = result.duration_s
        video.annotation_fps = result.annotation_fps
        video.frame_count = result.annotated_frame_count
        video.frame_times = result.frame_times
        video.source_frames = result.source_frame_numbers
        video.content_hash = result.sha256
        video.size_bytes = result.size_bytes
        video.save()
        video_changed(video)
    return {"video": video.pk, "frames": video.frame_count, "width": video.width, "height": video.height}


def _fail(video: Video, message: str, stored: list[str]) -> None:
    for name in stored:
        default_storage.delete(name)
    delete_storage_tree(video.storage_prefix)
    if video.source:
        default_storage.delete(video.source.name)
    Video.objects.filter(pk=video.pk).update(status=VideoStatus.FAILED, error=message, source="")
    video.status = VideoStatus.FAILED
    with transaction.atomic():
        video_changed(video)
