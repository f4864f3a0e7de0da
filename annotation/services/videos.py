"""Videos: upload, ingest bookkeeping, deletion; starting propagation, automatic masklets, imports."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from annotation.models import FrameMask, Job, Masklet, Project, Video
from annotation.models.jobs import FINISHED_STATUSES
from annotation.models.videos import VideoStatus
from annotation.realtime.publish import publish
from annotation.selectors.projects import project_settings
from annotation.services.errors import Conflict, InvalidInput, VideoNotReady
from annotation.services.jobs import job_create


def _human_bytes(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def upload_too_large(size: int | None) -> str | None:
    """The words refusing an upload of `size` bytes, or None when it is within the limit."""
    limit = settings.MASKLET["UPLOAD_MAX_BYTES"]
    if size is not None and size > limit:
        return f"The file is {_human_bytes(size)}; the limit is {_human_bytes(limit)}."
    return None


@transaction.atomic
def video_upload(*, project: Project, user: Any, upload: UploadedFile, name: str) -> tuple[Video, Job]:
    """Store an uploaded video or zip of frames and queue its ingest on the cpu queue.

    Only the size is checked here (the answer must come at once); what the file holds is checked
    by the ingest job, which marks the video failed with the reason in words.
    """
    too_large = upload_too_large(upload.size)
    if too_large:
        raise InvalidInput(too_large)
    if not upload.size:
        raise InvalidInput("The file is empty.")
    video = Video.objects.create(
        project=project, name=name[:255], status=VideoStatus.PROCESSING, size_bytes=upload.size or 0, created_by=user
    )
    # Streams the temporary upload into storage chunk by chunk.
    video.source.save(f"{video.pk}-{upload.name}"[-200:], upload, save=True)
    stored = video.source.name
    try:  # should creating the job fail, the stored upload must not stay behind
        job = job_create(project=project, kind="ingest", user=user, video=video)
    except BaseException:
        default_storage.delete(stored)
        raise
    return video, job


def video_delete(*, video: Video) -> None:
    """Delete the video, its annotations and its stored files."""
    prefix = video.storage_prefix
    source = video.source.name if video.source else None
    video.delete()

    def remove_files() -> None:
        delete_storage_tree(prefix)
        if source:
            default_storage.delete(source)

    transaction.on_commit(remove_files)


def delete_storage_tree(prefix: str) -> None:
    """Delete every file stored under `prefix` (a folder of Django storage)."""
    try:
        folders, files = default_storage.listdir(prefix)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        default_storage.delete(f"{prefix}/{name}")
    for folder in folders:
        delete_storage_tree(f"{prefix}/{folder}")
    try:
        default_storage.delete(prefix)
    except OSError:
        pass


def _require_ready(video: Video) -> None:
    if not video.is_ready:
        raise VideoNotReady()


def _no_running_job_on(video: Video, kind: str, masklet_ids: list[int] | None = None) -> None:
    for job in Job.objects.filter(video=video, kind=kind).exclude(status__in=FINISHED_STATUSES):
        if masklet_ids is None or set(job.params.get("masklets", [])) & set(masklet_ids):
            raise Conflict(f"a {kind} job ({job.pk}) is already running on this video; cancel it or wait")


@transaction.atomic
def propagation_start(
    *, video: Video, user: Any, masklets: list[int], start_frame: int, direction: str, max_frames: int | None
) -> Job:
    """Queue propagation of masklets from `start_frame` (annotated-frame index) on the batch queue."""
    _require_ready(video)
    if not 0 <= start_frame < video.frame_count:
        raise InvalidInput(f"start_frame must be between 0 and {video.frame_count - 1}")
    found = set(Masklet.objects.filter(video=video, pk__in=masklets).values_list("pk", flat=True))
    missing = sorted(set(masklets) - found)
    if missing:
        raise InvalidInput(f"masklets {missing} are not in this video")
    with_mask = set(
        FrameMask.objects.filter(masklet_id__in=found, frame=start_frame, area__gt=0).values_list("masklet_id", flat=True)
    )
    without = sorted(found - with_mask)
    if without:
        raise InvalidInput(
            f"masklets {without} have no mask on frame {start_frame}: click on the object there first"
        )
    _no_running_job_on(video, "propagate", sorted(found))
    if max_frames is None:
        max_frames = project_settings(video.project)["propagation"]["max_frames"]
    params = {
        "masklets": sorted(found),
        "start_frame": start_frame,
        "direction": direction,
        "max_frames": max_frames,
    }
    return job_create(project=video.project, kind="propagate", user=user, video=video, params=params)


@transaction.atomic
def automasklets_start(*, video: Video, user: Any, params: dict[str, Any]) -> Job:
    """Queue automatic masklets (SA-V grid on a key frame, then propagation) on the batch queue."""
    _require_ready(video)
    merged = dict(project_settings(video.project)["automask"])
    merged.update({k: v for k, v in params.items() if v is not None})
    if not 0 <= merged["key_frame"] < video.frame_count:
        raise InvalidInput(f"key_frame must be between 0 and {video.frame_count - 1}")
    merged["postprocess"] = project_settings(video.project)["postprocess"]
    _no_running_job_on(video, "automask")
    return job_create(project=video.project, kind="automask", user=user, video=video, params=merged)


@transaction.atomic
def import_start(*, video: Video, user: Any, upload: UploadedFile, fmt: str) -> Job:
    """Store an annotation file and queue its import into this video on the cpu queue."""
    _require_ready(video)
    limit = settings.MASKLET["UPLOAD_MAX_BYTES"]
    if upload.size and upload.size > limit:
        raise InvalidInput(f"the file is {_human_bytes(upload.size)}; the limit is {_human_bytes(limit)}")
    name = default_storage.save(f"imports/{video.pk}/{upload.name}"[-200:], upload)
    return job_create(
        project=video.project, kind="import", user=user, video=video, params={"format": fmt, "path": name}
    )


def video_changed(video: Video) -> None:
    publish({"type": "video.changed", "video": video.pk, "status": video.status})
