"""Videos: upload, ingest bookkeeping, deletion; starting propagation, automatic masklets and
concept prompts.

Imports into a video start in services/imports.py."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from annotation.jobs.routing import ModelRoute, model_route, require_capability, route_workers
from annotation.models import FrameMask, InteractionKind, Job, Label, Masklet, Project, Video
from annotation.models.jobs import FINISHED_STATUSES
from annotation.models.videos import VideoStatus
from annotation.realtime.publish import publish
from annotation.selectors.projects import project_settings
from annotation.services.errors import Conflict, InvalidInput, NotFound, VideoNotReady
from annotation.services.interactions import interaction_record
from annotation.services.jobs import job_create
from annotation.storage import import_prefix, storage_delete_after_commit, storage_delete_quietly


def human_bytes(n: int) -> str:
    """A byte count for messages people read: "812 bytes", "3.4 MiB"."""
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def upload_too_large(size: int | None) -> str | None:
    """The words refusing an upload of `size` bytes, or None when it is within the limit."""
    limit = django_settings.MASKLET["UPLOAD_MAX_BYTES"]
    if size is not None and size > limit:
        return f"The file is {human_bytes(size)}; the limit is {human_bytes(limit)}."
    return None


def upload_sha256(upload: UploadedFile) -> str:
    """Hex SHA-256 of an uploaded file's bytes, read chunk by chunk (for callers outside HTTP; an
    HTTP upload is hashed while its body is parsed, by annotation.api.upload_hash)."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def video_upload(
    *, project: Project, user: Any, upload: UploadedFile, name: str, content_hash: str | None = None
) -> tuple[Video, Job]:
    """Store an uploaded video or zip of frames and queue its ingest on the cpu queue.

    `content_hash` is the SHA-256 (hex) of the file, computed while the request body was received;
    without it the file is hashed here. A file the project already holds (ready, or waiting for or
    in its ingest) is refused with Conflict (409) naming that video, before anything is stored or
    queued. Only the size is checked besides (the answer must come at once); what the file holds
    is checked by the ingest job, which marks the video failed with the reason in words.
    """
    too_large = upload_too_large(upload.size)
    if too_large:
        raise InvalidInput(too_large)
    if not upload.size:
        raise InvalidInput("The file is empty.")
    content_hash = content_hash or upload_sha256(upload)
    stored: list[str] = []
    try:  # should anything fail, including the commit, the stored upload must not stay behind
        with transaction.atomic():
            video = _video_create(project=project, user=user, name=name, size=upload.size, content_hash=content_hash)
            target = Video._meta.get_field("source").generate_filename(video, f"{video.pk}-{upload.name[-150:]}")
            stored.append(target)  # named before the save: a save failing half-way leaves part of a file
            # Streams the temporary upload into storage chunk by chunk.
            video.source.name = stored[-1] = default_storage.save(target, upload)
            video.save(update_fields=["source"])
            job = job_create(project=project, kind="ingest", user=user, video=video)
    except BaseException as error:
        storage_delete_quietly(stored)
        # Foreign keys are checked at commit: the project was deleted while the file came in.
        if isinstance(error, IntegrityError) and not Project.objects.filter(pk=project.pk).exists():
            raise NotFound("The project was deleted while the file was being received.") from error
        raise
    return video, job


def _video_create(*, project: Project, user: Any, name: str, size: int, content_hash: str) -> Video:
    """A new `processing` video, unless the project already holds this file (Conflict).

    The database enforces it too (unique_video_file_per_project): of two uploads of one file at
    once, the second waits for the first to commit, then is refused the same way."""
    duplicate = _video_with_hash(project.pk, content_hash)
    if duplicate is None:
        try:
            with transaction.atomic():
                return Video.objects.create(
                    project=project, name=name[:255], status=VideoStatus.PROCESSING, size_bytes=size,
                    content_hash=content_hash, created_by=user,
                )
        except IntegrityError:
            duplicate = _video_with_hash(project.pk, content_hash)
            if duplicate is None:
                raise
    state = "already in" if duplicate.status == VideoStatus.READY else "being added to"
    raise Conflict(
        f"This file is {state} the project as video {duplicate.name!r} (id {duplicate.pk}); it was not added twice.",
        extra={"duplicate_of": duplicate.pk},
    )


def _video_with_hash(project_id: int, content_hash: str) -> Video | None:
    return (
        Video.objects.filter(project_id=project_id, content_hash=content_hash)
        .exclude(status=VideoStatus.FAILED)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def video_delete(*, video: Video) -> None:
    """Delete the video, its annotations and jobs, and after commit everything it had in storage:
    frames, display copies and thumbnail, the upload and pending import files. Exports already
    made stay valid, their files kept (even an export of this video alone): a delivery someone
    downloaded must still be downloadable; they go with the project."""
    names = [video.source.name] if video.source else []
    prefixes = [video.storage_prefix, import_prefix(video.pk)]
    video.delete()
    storage_delete_after_commit(names=names, prefixes=prefixes)


def export_paths(jobs: QuerySet[Job]) -> list[str]:
    """Storage names of the files the given export jobs wrote."""
    return [path for result in jobs.values_list("result", flat=True) if (path := (result or {}).get("path"))]


def _no_running_job_on(video: Video, kind: str, masklet_ids: list[int] | None = None) -> None:
    for job in Job.objects.filter(video=video, kind=kind).exclude(status__in=FINISHED_STATUSES):
        if masklet_ids is None or set(job.params.get("masklets", [])) & set(masklet_ids):
            raise Conflict(f"a {kind} job ({job.pk}) is already running on this video; cancel it or wait")


@transaction.atomic
def job_model_route(*, video: Video, role: str | None, default_role: str | None = None) -> ModelRoute:
    """The model route of a batch job on `video` asking for `role` (None: `default_role`, else
    the project's default role); refused at once (Unavailable) when the role's model has no
    live worker (annotation/jobs/routing.py)."""
    route = model_route(role=role, default_role=default_role or project_settings(video.project).models.default_role)
    route_workers(route, "batch")
    return route


def propagation_start(
    *, video: Video, user: Any, masklets: list[int], start_frame: int, direction: str, max_frames: int | None,
    frame_bounds: tuple[int, int] | None = None, role: str | None = None,
) -> Job:
    """Queue propagation of masklets from `start_frame` (annotated-frame index) on the batch queue
    (the queue of the model `role` names, annotation/jobs/routing.py).

    `frame_bounds` (first, last; inclusive) limits the frames it writes: an annotator's task range.
    """
    if not video.is_ready:
        raise VideoNotReady()
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
    route = job_model_route(video=video, role=role)
    if max_frames is None:
        max_frames = project_settings(video.project).propagation.max_frames
    params = {
        "masklets": sorted(found),
        "start_frame": start_frame,
        "direction": direction,
        "max_frames": max_frames,
        **route.params(),
    }
    if frame_bounds is not None:
        params["frame_bounds"] = list(frame_bounds)
    job = job_create(project=video.project, kind="propagate", user=user, video=video, params=params)
    interaction_record(user=user, video=video, kind=InteractionKind.PROPAGATE, frame=start_frame, job=job)
    return job


@transaction.atomic
def automasklets_start(
    *, video: Video, user: Any, params: dict[str, Any], frame_bounds: tuple[int, int] | None = None
) -> Job:
    """Queue automatic masklets (SA-V grid on a key frame, then propagation) on the batch queue
    (the queue of the model `params["role"]` names); `frame_bounds` (first, last; inclusive)
    limits the frames its propagation writes."""
    if not video.is_ready:
        raise VideoNotReady()
    settings = project_settings(video.project)
    params = dict(params)
    role = params.pop("role", None)
    merged = settings.automask.model_dump(mode="json")
    merged.update({k: v for k, v in params.items() if v is not None})
    if not 0 <= merged["key_frame"] < video.frame_count:
        raise InvalidInput(f"key_frame must be between 0 and {video.frame_count - 1}")
    if merged.get("dedup_iou") is None:
        merged["dedup_iou"] = float(django_settings.MASKLET["AUTOMASK_DEDUP_IOU"])
    merged["postprocess"] = settings.postprocess.model_dump(mode="json")
    if frame_bounds is not None:
        merged["frame_bounds"] = list(frame_bounds)
    _no_running_job_on(video, "automask")
    merged.update(job_model_route(video=video, role=role).params())
    return job_create(project=video.project, kind="automask", user=user, video=video, params=merged)


CONCEPT_TEXT_MAX = 200


def concept_start(
    *, video: Video, user: Any, text: str, label: int | None = None, first_frame: int | None = None,
    last_frame: int | None = None, role: str | None = None,
) -> Job:
    """Queue a concept prompt: every instance of `text` (a noun phrase) from `first_frame` to
    `last_frame` (annotated-frame indices, inclusive; default the whole video) becomes a proposal
    masklet (origin concept, `label` if given) on the concept model's batch queue (`role`,
    default "concept": annotation/jobs/routing.py). Refused at once when no live worker of that
    route takes text prompts: Unavailable (none live) or Conflict naming the model."""
    if not video.is_ready:
        raise VideoNotReady()
    text = " ".join(str(text).split())
    if not 1 <= len(text) <= CONCEPT_TEXT_MAX:
        raise InvalidInput(f"text must hold 1 to {CONCEPT_TEXT_MAX} characters")
    end = video.frame_count - 1
    first = 0 if first_frame is None else first_frame
    last = end if last_frame is None else last_frame
    if not 0 <= first <= last <= end:
        raise InvalidInput(f"the frames must satisfy 0 <= first_frame <= last_frame <= {end}; got {first} and {last}")
    if label is not None and not Label.objects.filter(project_id=video.project_id, pk=label).exists():
        raise InvalidInput(f"label {label} does not belong to this project")
    _no_running_job_on(video, "concept")
    route = require_capability(model_route(role=role, default_role="concept"), "batch", "concepts", "text prompts")
    settings = project_settings(video.project)
    dedup = settings.concepts.dedup_iou
    params = {
        "text": text,
        "label": label,
        "first_frame": first,
        "last_frame": last,
        "dedup_iou": float(django_settings.MASKLET["CONCEPT_DEDUP_IOU"] if dedup is None else dedup),
        "score_threshold": settings.concepts.score_threshold,
        "postprocess": settings.postprocess.model_dump(mode="json"),
        **route.params(),
    }
    return job_create(project=video.project, kind="concept", user=user, video=video, params=params)


def video_changed(video: Video) -> None:
    publish({"type": "video.changed", "video": video.pk, "status": video.status})
