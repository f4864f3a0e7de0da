"""Ingest of an uploaded video or zip of frames into annotated frames in storage (cpu queue).

Runs in a Celery worker (`annotation.tasks.ingest_video` → `run_job` → `video_ingest`). Only
`default_storage` APIs are used, so local files and S3-compatible storage behave the same: the
upload is read through `local_copy` (the file itself on local storage, a temporary copy otherwise)
and every frame is written with `default_storage.save` under `videos/<id>/`.

A file already in the project is refused at upload time (services/videos.py: the SHA-256 is
computed while the request body is received, and compared before any job exists), so the worker
does not read the file again to hash it. Videos uploaded before hashes were taken at upload (no
`content_hash`) are still hashed and checked here, under a project-row lock.

A video deleted while its ingest runs stops the ingest at the next progress step; whatever the
worker stored meanwhile is deleted, and the deleted row is never written back.
"""

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

from annotation.jobs.runner import JobCancelled, JobContext, JobFailed
from annotation.media import IngestError, IngestLimits, RenditionOptions, ingest, probe
from annotation.models import Job, Project, Video
from annotation.models.jobs import FINISHED_STATUSES, JobStatus
from annotation.models.videos import VideoStatus
from annotation.services.videos import video_changed
from annotation.storage import storage_delete_tree

# Progress is reported (and cancellation checked) this many times per ingest at most.
PROGRESS_STEPS = 50
CANCELLED_MESSAGE = "The ingest was cancelled before it finished; upload the file again to retry."
INTERNAL_MESSAGE = "The video could not be processed because of an internal error; see the worker log."


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
    """A local file path for a stored file: the file itself with local storage, else a temporary
    copy streamed from storage in 1 MiB chunks (deleted on exit)."""
    try:
        path: str | None = default_storage.path(name)
    except NotImplementedError:  # S3 and other remote storages have no local path
        path = None
    # Some storages name a path without keeping the file there (Django's InMemoryStorage).
    if path is not None and os.path.isfile(path):
        yield path
        return
    with tempfile.NamedTemporaryFile(suffix=os.path.splitext(name)[1], dir=settings.FILE_UPLOAD_TEMP_DIR) as tmp:
        with default_storage.open(name, "rb") as source:
            shutil.copyfileobj(source, tmp, 1024 * 1024)
        tmp.flush()
        yield tmp.name


def video_ingest(*, video: Video, ctx: JobContext) -> dict[str, Any]:
    """Decode, sample at the project's annotation fps, store frames; mark the video ready or failed.

    On any failure nothing is left behind: stored frames and the upload are deleted and the video
    is marked failed with the reason in words (the job fails with the same words).
    """
    prefix = video.storage_prefix
    annotation_fps = video.project.annotation_fps or None
    frames_fps = None if annotation_fps else settings.MASKLET["FRAMES_ZIP_FPS"]
    limits = ingest_limits()
    try:
        if not video.source:
            raise JobFailed("The uploaded file is missing; upload it again.")
        # Frames from an earlier, interrupted attempt (a dead worker's) are rewritten from the start.
        storage_delete_tree(prefix)
        with local_copy(video.source.name) as path:
            info = probe(path, limits, annotation_fps=annotation_fps, frames_fps=frames_fps,
                         sha256=video.content_hash or None)
            if not video.content_hash:
                _claim_content_hash(video, info.sha256)
            total_steps = max(1, info.estimated_annotated_frames(annotation_fps) // PROGRESS_STEPS)

            def store(name: str, data: bytes) -> None:
                full = f"{prefix}/{name}"
                saved = default_storage.save(full, ContentFile(data))
                if saved != full:  # the storage renamed it: something else wrote there meanwhile
                    default_storage.delete(saved)
                    raise RuntimeError(f"storage refused the name {full!r} (got {saved!r})")

            def progress(done: int, total: int) -> None:
                if done % total_steps == 0:
                    ctx.check_cancel()
                    if not Video.objects.filter(pk=video.pk).exists():
                        raise JobCancelled("the video was deleted")
                    ctx.progress(min(done / total, 0.99), frame=done)

            result = ingest(
                path, annotation_fps=annotation_fps, store=store, limits=limits, rendition=rendition(),
                frames_fps=frames_fps, progress=progress, info=info,
            )
    except IngestError as error:
        _fail(video, str(error))
        raise JobFailed(str(error)) from error
    except JobFailed as error:
        _fail(video, str(error))
        raise
    except JobCancelled:
        _fail(video, CANCELLED_MESSAGE)
        raise
    except Exception:
        _fail(video, INTERNAL_MESSAGE)
        raise
    # A worker shutting down (SystemExit, KeyboardInterrupt) leaves the upload in place: the job is
    # delivered again and starts over, deleting the partial frames first.
    fields = {
        "status": VideoStatus.READY, "error": "", "kind": result.kind, "codec": result.codec,
        "width": result.width, "height": result.height,
        "display_width": result.display_width, "display_height": result.display_height,
        "source_fps": result.source_fps, "source_frame_count": result.source_frame_count,
        "duration": result.duration_s, "annotation_fps": result.annotation_fps,
        "frame_count": result.annotated_frame_count, "frame_times": result.frame_times,
        "source_frames": result.source_frame_numbers, "content_hash": result.sha256,
        "size_bytes": result.size_bytes,
    }
    with transaction.atomic():
        # An UPDATE, not save(): save() would insert the row again had the video been deleted.
        if not Video.objects.filter(pk=video.pk).update(**fields):
            _fail(video, CANCELLED_MESSAGE)  # deleted meanwhile: only its files are left to remove
            raise JobCancelled("the video was deleted")
        for name, value in fields.items():
            setattr(video, name, value)
        video_changed(video)
    return {"video": video.pk, "frames": video.frame_count, "width": video.width, "height": video.height}


@transaction.atomic
def _claim_content_hash(video: Video, sha256: str) -> None:
    """Refuse a file the project already holds (ready, or being ingested), else record its hash.

    The project row is locked so two uploads of one file ingested at once cannot both pass.
    """
    Project.objects.select_for_update().filter(pk=video.project_id).first()
    duplicate = (
        Video.objects.filter(
            project_id=video.project_id, content_hash=sha256, status__in=[VideoStatus.READY, VideoStatus.PROCESSING]
        )
        .exclude(pk=video.pk)
        .order_by("pk")
        .first()
    )
    if duplicate is not None:
        state = "already in" if duplicate.status == VideoStatus.READY else "being added to"
        raise JobFailed(
            f"This file is {state} the project as video {duplicate.name!r} (id {duplicate.pk}); "
            "it was not added twice."
        )
    Video.objects.filter(pk=video.pk).update(content_hash=sha256)
    video.content_hash = sha256


def video_ingest_settle(*, job_id: int) -> None:
    """After an ingest job ended: a video its job left `processing` (cancelled before it started,
    or failed outside `video_ingest`) becomes failed with the job's reason, its upload deleted."""
    job = Job.objects.filter(pk=job_id, status__in=FINISHED_STATUSES).select_related("video").first()
    if job is None or job.video is None or job.video.status != VideoStatus.PROCESSING:
        return
    if job.status == JobStatus.SUCCEEDED:
        return
    message = CANCELLED_MESSAGE if job.status == JobStatus.CANCELLED else (job.error or INTERNAL_MESSAGE)
    _fail(job.video, message)


def _fail(video: Video, message: str) -> None:
    """Mark the video failed with `message` and delete everything it had in storage."""
    storage_delete_tree(video.storage_prefix)
    if video.source:
        default_storage.delete(video.source.name)
    Video.objects.filter(pk=video.pk).update(status=VideoStatus.FAILED, error=message, source="", content_hash="")
    video.status, video.error, video.source, video.content_hash = VideoStatus.FAILED, message, "", ""
    with transaction.atomic():
        video_changed(video)
