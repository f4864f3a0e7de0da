"""Dataset exports: `export_start` queues a job; `export_run`, its body on the cpu queue, streams
a project's masklets to a zip in storage.

Frame masks are read from the database one chunk at a time (`.iterator(chunk_size=...)`),
ordered by frame, and handed to the streaming writers of `annotation.formats`; the zip is built
in a temporary file and then saved to default storage under `exports/`. Memory therefore does
not grow with the number of masks. The zip holds the writer's files, `manifest.json` (what it
contains) with an "export" section (project, job, filters, and `provenance`: the models that
produced the masks, with a count per model); DAVIS zips, whose manifest.json
the DAVIS writer owns, carry that section as the zip comment instead, so the zip stays a plain
PNG archive that re-imports as is. The job's result carries the same counts and the download URL.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from annotation.formats.coco import write_coco
from annotation.formats.davis import write_davis
from annotation.formats.errors import FormatError
from annotation.formats.model import (
    FrameRow,
    Manifest,
    ManifestVideo,
    MaskletMeta,
    VideoExport,
    VideoMeta,
)
from annotation.formats.naming import sav_masklet_name_parse, video_export_name
from annotation.formats.sav import write_sav
from annotation.jobs.runner import JobCancelled, JobContext
from annotation.models import (
    Export,
    FrameMask,
    Job,
    Label,
    Masklet,
    ModelProvenance,
    Project,
    Video,
)
from annotation.models.masklets import PROPOSAL_ORIGINS, USER_SOURCES, MaskletOrigin
from annotation.models.videos import VideoStatus
from annotation.services.delivery_policy import (
    DEFAULT_POLICY,
    filters_check,
    project_policy,
    video_selection,
)
from annotation.services.errors import InvalidInput
from annotation.services.jobs import job_create
from annotation.services.spool import spool_directory
from annotation.storage import export_prefix

# Frame-mask rows fetched per database round trip while streaming.
CHUNK_ROWS = 2000
# How often (rows) a streaming export checks for cancellation and reports progress.
PROGRESS_EVERY = 5000


# ---------------------------------------------------------------------------------------------
# Starting an export


@transaction.atomic
def export_start(
    *, project: Project, user: Any, format: str, only_verified: bool = False,
    videos: list[int] | None = None, labels: list[int] | None = None,
    statuses: list[str] | None = None, task_states: list[str] | None = None,
    frame_start: int | None = None, frame_end: int | None = None,
) -> Job:
    """Queue an export of the project's masklets in `format` ("sav", "coco" or "davis") on the
    cpu queue: what the project's delivery policy accepts (annotation/services/delivery_policy.py),
    narrowed to verified masklets, the given videos, labels, masklet statuses, task states and
    annotated-frame range. The export is recorded (annotation.Export) for the past-exports list."""
    videos = videos or []
    labels = labels or []
    found = set(Video.objects.filter(project=project, pk__in=videos).values_list("pk", flat=True))
    if set(videos) - found:
        raise InvalidInput(f"videos {sorted(set(videos) - found)} are not in this project")
    found_labels = set(Label.objects.filter(project=project, pk__in=labels).values_list("pk", flat=True))
    if set(labels) - found_labels:
        raise InvalidInput(f"labels {sorted(set(labels) - found_labels)} are not in this project")
    filters = filters_check(
        {"statuses": statuses, "task_states": task_states, "frame_start": frame_start, "frame_end": frame_end}
    )
    policy = project_policy(project)
    params = {
        "format": format, "only_verified": only_verified, "videos": sorted(found),
        "labels": sorted(found_labels), "policy": policy, "filters": filters,
    }
    job = job_create(project=project, kind="export", user=user, params=params)
    Export.objects.create(
        project=project, job=job, format=format, policy=policy, created_by=user,
        filters={k: params[k] for k in ("only_verified", "videos", "labels")} | filters,
    )
    return job


# ---------------------------------------------------------------------------------------------
# Reading what to export


@dataclass(frozen=True)
class SavIdentity:
    kind: str  # "manual" or "auto"
    external_id: str | None  # masklet_id in the SA-V file it came from
    edited: int | None  # masklet_edited_frame_count recorded in that file


def sav_identity(masklet: Masklet) -> SavIdentity:
    """The SA-V type of a masklet: auto for automatic and concept ones and for imported SA-V auto masklets
    (named as such, or carrying stability scores), manual otherwise."""
    named = sav_masklet_name_parse(masklet.name)
    if named is not None:
        return SavIdentity(*named)
    if masklet.origin in PROPOSAL_ORIGINS or (
        masklet.origin == MaskletOrigin.IMPORTED and masklet.stability_scores is not None
    ):
        return SavIdentity("auto", None, None)
    return SavIdentity("manual", None, None)


@dataclass
class _Progress:
    ctx: JobContext | None
    total: int
    done: int = 0

    def tick(self, rows: int) -> None:
        before = self.done
        self.done += rows
        if self.ctx is not None and self.done // PROGRESS_EVERY != before // PROGRESS_EVERY:
            self.ctx.check_cancel()
            self.ctx.progress(0.95 * self.done / max(1, self.total))


@dataclass
class _VideoPlan:
    video: Video
    meta: VideoMeta
    masklets: list[Masklet]
    sav: dict[int, SavIdentity] = field(default_factory=dict)  # masklet pk -> identity
    edited: dict[int, int] = field(default_factory=dict)  # masklet pk -> human-edited frames
    masks: Q = field(default_factory=Q)  # which frame masks of the masklets (policy, filters)


def _plans(job: Job) -> list[_VideoPlan]:
    params = job.params or {}
    videos = Video.objects.filter(project_id=job.project_id, status=VideoStatus.READY).order_by(
        "pk"
    )
    if params.get("videos"):
        videos = videos.filter(pk__in=params["videos"])
    plans: list[_VideoPlan] = []
    taken: set[str] = set()
    for video in videos:
        name = video_export_name(video.name, video.pk)
        if name in taken:
            name = f"{name}_{video.pk}"
        taken.add(name)
        meta = VideoMeta(
            video_id=name,
            width=video.width or 0,
            height=video.height or 0,
            annotated_frame_count=video.frame_count,
            source_frame_count=video.source_frame_count or video.frame_count,
            duration=float(video.duration or 0.0),
        )
        selection = video_selection(video, params)
        masklets = selection.masklets
        if not masklets and not params.get("videos") and video.masklets.exists():
            continue  # policy or filters left nothing of a video nobody asked for by name
        edited = dict(
            selection.frame_masks().filter(source__in=USER_SOURCES, area__gt=0)
            .values_list("masklet_id")
            .annotate(n=Count("id"))
            .values_list("masklet_id", "n")
        )
        plans.append(
            _VideoPlan(
                video, meta, masklets, {m.pk: sav_identity(m) for m in masklets}, edited,
                selection.masks,
            )
        )
    return plans


def _frame_rows(pk_to_id: dict[int, int], progress: _Progress, masks: Q) -> Iterator[FrameRow]:
    """FrameRows of the given masklets (DB pk -> id in the file), ordered by frame, streamed;
    only the frame masks `masks` selects."""
    if not pk_to_id:
        return
    rows = (
        FrameMask.objects.filter(masks, masklet_id__in=list(pk_to_id))
        .order_by("frame", "masklet_id")
        .values_list("frame", "masklet_id", "rle", "score")
        .iterator(chunk_size=CHUNK_ROWS)
    )
    current: int | None = None
    masks: dict[int, Any] = {}
    scores: dict[int, float] = {}
    for frame, masklet_id, rle, score in rows:
        if frame != current:
            if current is not None:
                yield FrameRow(current, masks, scores)
                progress.tick(len(masks))
            current, masks, scores = frame, {}, {}
        key = pk_to_id[masklet_id]
        masks[key] = rle
        if score is not None:
            scores[key] = score
    if current is not None:
        yield FrameRow(current, masks, scores)
        progress.tick(len(masks))


def _video_export(plan: _VideoPlan, progress: _Progress) -> VideoExport:
    """Masklet numbers are the object ids of COCO (track_id) and DAVIS (object number)."""
    by_number = {m.number: m.pk for m in plan.masklets}
    metas = [
        MaskletMeta(
            masklet_id=m.number,
            type=plan.sav[m.pk].kind,  # type: ignore[arg-type]
            label=m.label.name if m.label else None,
            edited_frame_count=plan.edited.get(m.pk, 0),
            attributes=m.attributes,
        )
        for m in plan.masklets
    ]

    def frames(ids: list[int]) -> Iterator[FrameRow]:
        return _frame_rows({by_number[i]: i for i in ids}, progress, plan.masks)

    return VideoExport(video=plan.meta, masklets=metas, frames=frames)


# ---------------------------------------------------------------------------------------------
# Writers


def _sav_ids(group: list[Masklet], plan: _VideoPlan) -> dict[int, int]:
    """SA-V masklet_id per masklet pk: the ids of the file they were imported from when every
    masklet of the group has a distinct whole-number one, else the masklet numbers."""
    recorded = [plan.sav[m.pk].external_id for m in group]
    if all(r is not None and re.fullmatch(r"-?\d+", r) for r in recorded):
        ids = [int(r) for r in recorded]  # type: ignore[arg-type]
        if len(set(ids)) == len(ids):
            return {m.pk: i for m, i in zip(group, ids, strict=True)}
    return {m.pk: m.number for m in group}


def _write_sav(
    out: IO[bytes], plans: list[_VideoPlan], progress: _Progress, record: dict[str, Any]
) -> Manifest:
    """A zip of `{video_id}_manual.json` / `{video_id}_auto.json` per video (an empty manual
    file for a video without masklets)."""
    manifest = Manifest(format="sav")
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for plan in plans:
            entry = ManifestVideo(
                video_id=plan.meta.video_id, frames=plan.meta.annotated_frame_count
            )
            groups = [
                (kind, [m for m in plan.masklets if plan.sav[m.pk].kind == kind])
                for kind in ("manual", "auto")
            ]
            groups = [g for g in groups if g[1]] or [("manual", [])]
            for kind, group in groups:
                ids = _sav_ids(group, plan)
                metas = []
                for m in group:
                    identity = plan.sav[m.pk]
                    edited = max(identity.edited or 0, plan.edited.get(m.pk, 0))
                    metas.append(
                        MaskletMeta(
                            masklet_id=ids[m.pk],
                            type=kind,  # type: ignore[arg-type]
                            label=m.label.name if m.label else None,
                            edited_frame_count=edited,
                            attributes=m.attributes,
                        )
                    )
                name = f"{plan.meta.video_id}_{kind}.json"
                with archive.open(name, "w", force_zip64=True) as f:
                    part = write_sav(f, plan.meta, metas, _frame_rows(ids, progress, plan.masks), kind=kind)  # type: ignore[arg-type]
                entry.masklets += part.masklets
                entry.masks += part.masks
                entry.files.append(name)
            manifest.videos.append(entry)
        archive.writestr(
            "manifest.json", json.dumps({**manifest.to_dict(), "export": record}, indent=2)
        )
    return manifest


def _write_coco(
    out: IO[bytes],
    plans: list[_VideoPlan],
    progress: _Progress,
    categories: list[str],
    record: dict[str, Any],
) -> Manifest:
    """A zip holding `annotations.json` (one COCO file for all videos) and manifest.json."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        with archive.open("annotations.json", "w", force_zip64=True) as f:
            manifest = write_coco(
                f, [_video_export(p, progress) for p in plans], categories=categories
            )
        for entry in manifest.videos:
            entry.files = ["annotations.json"]
        archive.writestr(
            "manifest.json", json.dumps({**manifest.to_dict(), "export": record}, indent=2)
        )
    return manifest


def _set_zip_comment(out: IO[bytes], comment: bytes) -> None:
    """Give a just-written zip (no comment yet) a comment, in place: the comment length is the
    last field of the end-of-central-directory record. Reopening the zip in append mode would
    instead load one ZipInfo per entry (~400 bytes each; a DAVIS export has one per mask)."""
    out.seek(-22, os.SEEK_END)
    record = out.read(22)
    if record[:4] != b"PK\x05\x06" or record[20:22] != b"\x00\x00":
        return  # not the plain layout this expects: leave the zip as it is
    comment = comment[:65535]
    out.seek(-2, os.SEEK_END)
    out.write(len(comment).to_bytes(2, "little") + comment)


def _write(
    fmt: str, out: IO[bytes], plans: list[_VideoPlan], progress: _Progress, job: Job, record: dict
) -> Manifest:
    if fmt == "sav":
        return _write_sav(out, plans, progress, record)
    if fmt == "coco":
        categories = list(
            Label.objects.filter(project_id=job.project_id)
            .order_by("pk")
            .values_list("name", flat=True)
        )
        return _write_coco(out, plans, progress, categories, record)
    if fmt == "davis":
        manifest = write_davis(out, [_video_export(p, progress) for p in plans])
        _set_zip_comment(out, json.dumps({"export": record}).encode())
        return manifest
    raise FormatError(f'unknown export format {fmt!r}; use "sav", "coco" or "davis"')


def _provenance(plans: list[_VideoPlan]) -> dict[str, Any]:
    """Which backends and models produced the exported masks: each model (id, backend, model
    config, checkpoint file and SHA-256, device, dtype, input size) and how many masks it made;
    `masks["none"]` counts masks no model made (edits, imports, masks from before provenance)."""
    counts = dict(
        FrameMask.objects.filter(masklet__in=[m.pk for p in plans for m in p.masklets])
        .values_list("provenance_id")
        .annotate(n=Count("id"))
        .values_list("provenance_id", "n")
    )
    fields = ("id", "backend", "model", "checkpoint", "checkpoint_sha256", "device", "dtype", "image_size", "label")
    models = ModelProvenance.objects.filter(pk__in=[k for k in counts if k is not None]).values(*fields)
    return {
        "models": list(models),
        "masks": {("none" if k is None else str(k)): n for k, n in sorted(counts.items(), key=lambda kv: kv[0] or 0)},
    }


# ---------------------------------------------------------------------------------------------
# The job


def export_run(*, job: Job, ctx: JobContext | None) -> dict[str, Any]:
    """Write the export described by `job.params` (format, only_verified, videos, labels) to
    storage and return the job's result: path, download URL and what the export holds.

    `ctx` is None only when called outside a job runner (the benchmark calls the Celery task
    itself, so it passes one as well)."""
    params = job.params or {}
    fmt = params.get("format", "")
    plans = _plans(job)
    if params.get("videos") and len(plans) < len(params["videos"]):
        found = {p.video.pk for p in plans}
        missing = sorted(set(params["videos"]) - found)
        raise FormatError(
            f"videos {missing} are gone or not processed yet; export the others or wait"
        )
    total = sum(
        FrameMask.objects.filter(p.masks, masklet__in=[m.pk for m in p.masklets]).count() for p in plans
    )
    progress = _Progress(ctx, total)
    spool_dir = spool_directory()
    record = {
        "project": job.project_id,
        "job": job.pk,
        "format": fmt,
        "created_at": timezone.now().isoformat(),
        "policy": params.get("policy", DEFAULT_POLICY),
        "filters": {
            "only_verified": bool(params.get("only_verified")),
            "videos": params.get("videos") or [],
            "labels": params.get("labels") or [],
            **(params.get("filters") or {}),
        },
        "provenance": _provenance(plans),
    }
    with tempfile.TemporaryFile(dir=spool_dir, suffix=".zip") as out:
        manifest = _write(fmt, out, plans, progress, job, record)
        out.seek(0, os.SEEK_END)
        size = out.tell()
        out.seek(0)
        path = default_storage.save(f"{export_prefix(job.project_id)}/job_{job.pk}_{fmt}.zip", File(out))
    if not Job.objects.filter(pk=job.pk).exists():
        # The project was deleted while this ran: its deletion may have listed storage before the
        # file was written, so the file goes here (a deletion after this check finds the file).
        default_storage.delete(path)
        raise JobCancelled("the project was deleted")
    Export.objects.filter(job_id=job.pk).update(
        path=path, size_bytes=size, masklet_count=manifest.masklets, frame_mask_count=manifest.masks
    )
    return {
        "path": path,
        "download_url": f"/api/jobs/{job.pk}/download/",
        "format": fmt,
        "policy": record["policy"],
        "size_bytes": size,
        "filters": record["filters"],
        "provenance": record["provenance"],
        "videos": len(manifest.videos),
        "masklets": manifest.masklets,
        "frame_masks": manifest.masks,
        "frames": manifest.frames,
        "per_video": [
            {
                "video": plan.video.pk,
                "video_id": v.video_id,
                "masklets": v.masklets,
                "frame_masks": v.masks,
                "frames": v.frames,
                "notes": v.notes,
            }
            for plan, v in zip(plans, manifest.videos, strict=True)
        ],
    }
