"""Imports of annotation files into a video: `import_start` stores the upload and queues a job;
`import_run`, its body on the cpu queue, turns SA-V JSON, COCO JSON or a zip of DAVIS PNGs
into masklets.

Everything is validated before anything is written (the parsers of `annotation.formats` read
the whole file and raise FormatError, shown to the user as the job's error); then all masklets
and their frame masks are written in one transaction, so a failure leaves nothing half-imported.
Masklets get origin "imported" and their masks source "imported". The uploaded file is deleted
from storage once the job has finished either way.

Accepted uploads: for "sav", one `*_manual.json` / `*_auto.json` file or a zip of them for one
video (an SA-V export); for "coco", a JSON file or a zip holding one (a COCO export); for
"davis", a zip of PNGs (see `annotation.formats.davis.parse_davis`).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from annotation.formats.coco import UNLABELED, parse_coco
from annotation.formats.davis import parse_davis
from annotation.formats.errors import FormatError
from annotation.formats.model import ImportTarget, ParsedImport
from annotation.formats.naming import sav_masklet_name, video_export_name
from annotation.formats.sav import parse_sav
from annotation.jobs.runner import JobCancelled, JobContext, JobFailed
from annotation.models import FrameMask, Job, Label, Masklet, Video
from annotation.models.masklets import MaskletOrigin, MaskletStatus, MaskSource
from annotation.services.errors import InvalidInput, VideoNotReady
from annotation.services.jobs import job_create
from annotation.services.masklets import NewMask, frame_masks_store, masklet_create
from annotation.services.spool import spool_directory
from annotation.services.videos import human_bytes
from annotation.storage import import_prefix

# Masks buffered before they are written (one bulk insert per masklet per flush).
WRITE_BATCH = 2000
# Largest JSON member extracted from an uploaded zip.
MAX_MEMBER_BYTES = 4 * 1024**3


@transaction.atomic
def import_start(*, video: Video, user: Any, upload: UploadedFile, fmt: str) -> Job:
    """Store an annotation file and queue its import into this video on the cpu queue."""
    if not video.is_ready:
        raise VideoNotReady()
    limit = settings.MASKLET["UPLOAD_MAX_BYTES"]
    if upload.size and upload.size > limit:
        raise InvalidInput(f"the file is {human_bytes(upload.size)}; the limit is {human_bytes(limit)}")
    name = default_storage.save(f"{import_prefix(video.pk)}/{upload.name[-150:]}", upload)
    return job_create(
        project=video.project, kind="import", user=user, video=video, params={"format": fmt, "path": name}
    )


@dataclass
class _Part:
    """One parsed file of an import and where its masklets come from."""

    parsed: ParsedImport
    sav_kind: str | None = None  # SA-V file type when the file is SA-V


def _spool(source: IO[bytes], directory: str) -> str:
    """Copy a storage file to a local seekable file: the parsers read their input twice."""
    path = tempfile.mkstemp(dir=directory, suffix=".upload")[1]
    with open(path, "wb") as out:
        shutil.copyfileobj(source, out, 1 << 20)
    return path


def _zip_members(path: str, directory: str, wanted: Any) -> list[str] | None:
    """Extract the JSON members of a zip that `wanted(name)` accepts; None if not a zip."""
    if not zipfile.is_zipfile(path):
        return None
    out: list[str] = []
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename
                if info.is_dir() or name.startswith("__MACOSX/") or not wanted(name):
                    continue
                if info.file_size > MAX_MEMBER_BYTES:
                    raise FormatError("the file is too large", where=name)
                local = tempfile.mkstemp(dir=directory, suffix=".json")[1]
                with archive.open(info) as src, open(local, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
                out.append(local)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise FormatError("the zip archive cannot be read") from exc
    return out


def _sav_parts(path: str, directory: str, target: ImportTarget) -> list[_Part]:
    def is_sav(name: str) -> bool:
        base = name.rsplit("/", 1)[-1]
        return base.endswith(("_manual.json", "_auto.json"))

    members = _zip_members(path, directory, is_sav)
    if members is None:
        parsed = parse_sav(path, target)
        kinds = {m.type for m in parsed.masklets} - {None}
        return [_Part(parsed, next(iter(kinds)) if len(kinds) == 1 else None)]
    if not members:
        raise FormatError("the zip holds no SA-V files ({video}_manual.json or {video}_auto.json)")
    with zipfile.ZipFile(path) as archive:
        names = [i.filename for i in archive.infolist() if not i.is_dir() and is_sav(i.filename)]
    videos = sorted({n.rsplit("/", 1)[-1].rsplit("_", 1)[0] for n in names})
    if len(videos) > 1:
        raise FormatError(
            f"the zip holds SA-V files of {len(videos)} videos ({', '.join(videos)}); upload one video's files"
        )
    parts = []
    for name, local in zip(names, members, strict=True):
        try:
            parsed = parse_sav(local, target)
        except FormatError as exc:
            raise FormatError(
                exc.message, where=f"{name}: {exc.where}" if exc.where else name
            ) from None
        parts.append(_Part(parsed, "auto" if name.endswith("_auto.json") else "manual"))
    return parts


def _coco_parts(path: str, directory: str, target: ImportTarget, video: Video) -> list[_Part]:
    def is_json(name: str) -> bool:
        base = name.rsplit("/", 1)[-1]
        return base.endswith(".json") and base not in ("manifest.json", "export.json")

    members = _zip_members(path, directory, is_json)
    if members is not None:
        if len(members) != 1:
            raise FormatError(f"the zip must hold one COCO JSON file, it holds {len(members)}")
        path = members[0]
    try:
        return [_Part(parse_coco(path, target))]
    except FormatError as exc:
        if "choose one" not in exc.message:
            raise
    # A file of several videos: take the one named like this video.
    for name in dict.fromkeys([video_export_name(video.name, video.pk), video.name, str(video.pk)]):
        with contextlib.suppress(FormatError):
            return [_Part(parse_coco(path, target, video=name))]
    return [_Part(parse_coco(path, target, video=video_export_name(video.name, video.pk)))]


def _parse(fmt: str, path: str, directory: str, target: ImportTarget, video: Video) -> list[_Part]:
    if fmt == "sav":
        return _sav_parts(path, directory, target)
    if fmt == "coco":
        return _coco_parts(path, directory, target, video)
    if fmt == "davis":
        try:
            return [_Part(parse_davis(path, target))]
        except FormatError as exc:
            if "choose one" not in exc.message:
                raise
            return [_Part(parse_davis(path, target, video=video_export_name(video.name, video.pk)))]
    raise FormatError(f'unknown import format {fmt!r}; use "sav", "coco" or "davis"')


def _masklet_name(part: _Part, imported: Any, fmt: str) -> str:
    if fmt == "sav":
        kind = imported.type or part.sav_kind or "manual"
        return sav_masklet_name(kind, imported.external_id, imported.edited_frame_count or 0)
    if fmt == "coco":
        return f"{imported.label or 'object'} (COCO track {imported.external_id})"[:200]
    return f"DAVIS object {imported.external_id}"


def _flush(
    pending: dict[str, list[NewMask]], by_external: dict[str, Masklet], *, user: Any, job_id: int
) -> None:
    for key, masks in pending.items():
        frame_masks_store(
            masklet=by_external[key], masks=masks, user=user, job_id=job_id, keep_user_edits=False
        )
    pending.clear()


def _write(
    parts: list[_Part], *, job: Job, ctx: JobContext | None, fmt: str, labels: dict[str, Label]
) -> dict[str, Any]:
    """Create the masklets and store their masks; runs inside the import's one transaction."""
    video = job.video
    assert video is not None  # checked by import_run
    user = job.created_by
    done = 0
    created: list[int] = []
    for part in parts:
        by_external: dict[str, Masklet] = {}
        is_auto: dict[str, bool] = {}
        for imported in part.parsed.masklets:
            kind = imported.type or part.sav_kind
            masklet = masklet_create(
                video=video,
                user=user,
                label=labels.get(imported.label) if imported.label else None,
                name=_masklet_name(part, imported, fmt),
                origin=MaskletOrigin.IMPORTED,
                status=MaskletStatus.DRAFT,
            )
            by_external[imported.external_id] = masklet
            is_auto[imported.external_id] = fmt == "sav" and kind == "auto"
            created.append(masklet.pk)
        # SA-V auto masklets keep their stability scores per annotated frame (1.0 where empty).
        scores: dict[str, list[float | None]] = {
            key: [1.0] * video.frame_count for key, auto in is_auto.items() if auto
        }
        pending: dict[str, list[NewMask]] = {}
        buffered = 0
        for mask in part.parsed.iter_masks():
            pending.setdefault(mask.external_id, []).append(
                NewMask(
                    frame=mask.frame, rle=mask.rle, source=MaskSource.IMPORTED, score=mask.score
                )
            )
            if mask.external_id in scores:
                scores[mask.external_id][mask.frame] = mask.score
            buffered += 1
            done += 1
            if buffered >= WRITE_BATCH:
                _flush(pending, by_external, user=user, job_id=job.pk)
                buffered = 0
                if ctx is not None and ctx.cancelled():
                    raise JobCancelled
        _flush(pending, by_external, user=user, job_id=job.pk)
        for key, values in scores.items():
            Masklet.objects.filter(pk=by_external[key].pk).update(stability_scores=values)
    return {"masklets": created, "frame_masks": done}


def import_run(*, job: Job, ctx: JobContext | None) -> dict[str, Any]:
    """Import the file at `job.params["path"]` (format `job.params["format"]`) into `job.video`.

    Returns the job's result: the new masklet ids and counts. Raises FormatError (a ValueError,
    so the runner shows its message as the job's error) for files that do not fit the video.
    """
    params = job.params or {}
    fmt, stored = params.get("format", ""), params.get("path", "")
    video = job.video
    already = list(
        Masklet.objects.filter(video=video, masks__job_id=job.pk)
        .distinct()
        .order_by("number")
        .values_list("pk", flat=True)
    )
    if already:  # a redelivered job whose transaction had committed
        _delete_upload(stored)
        return {
            "format": fmt,
            "masklets": len(already),
            "masklet_ids": already,
            "frame_masks": FrameMask.objects.filter(job_id=job.pk).count(),
        }
    if video is None or not video.is_ready:
        raise JobFailed("the video is not ready for imports")
    if not stored or not default_storage.exists(stored):
        raise JobFailed("the uploaded file is gone; upload it again")
    labels = {label.name: label for label in Label.objects.filter(project_id=video.project_id)}
    target = ImportTarget(
        height=video.height or 0,
        width=video.width or 0,
        annotated_frame_count=video.frame_count,
        known_labels=set(labels) | {UNLABELED},  # our COCO exports' category of unlabelled masklets
    )
    spool_dir = spool_directory()
    try:
        with tempfile.TemporaryDirectory(dir=spool_dir, prefix="masklet-import-") as directory:
            with default_storage.open(stored, "rb") as source:
                path = _spool(source, directory)
            try:
                parts = _parse(fmt, path, directory, target, video)
            except FormatError as exc:  # str() names the place in the file; .message does not
                raise JobFailed(str(exc)) from exc
            masklet_total = sum(len(p.parsed.masklets) for p in parts)
            if masklet_total == 0:
                raise FormatError("the file holds no masklets")
            if ctx is not None:
                ctx.check_cancel()
                ctx.progress(0.2)
            with transaction.atomic():
                written = _write(parts, job=job, ctx=ctx, fmt=fmt, labels=labels)
    finally:  # success, bad file or cancel; a killed worker never gets here and keeps the file for the retry
        _delete_upload(stored)
    return {
        "format": fmt,
        "masklets": len(written["masklets"]),
        "masklet_ids": written["masklets"],
        "frame_masks": written["frame_masks"],
    }


def _delete_upload(name: str) -> None:
    if name:
        with contextlib.suppress(OSError):
            default_storage.delete(name)
