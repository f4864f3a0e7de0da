"""Automated QA of masklets: scheduling the video's QA job, running it, clearing flags on edits.

The checks themselves are pure (annotation/evaluation/qa.py); thresholds are the project's
`settings["qa"]` over the defaults. A QA job (kind "qa", cpu queue) recomputes every flag of one
video: flags still found keep their row (and `created`), new findings are added, the rest are
deleted. It is scheduled

- after a propagation, an automatic-masklet run or an import succeeds (`services/jobs.py`
  `job_finish`), and
- after a person's edit or click (`masklet_frames_changed`): the flags of that masklet covering
  the changed frame are deleted at once (their frames changed), and a QA job is scheduled unless
  one is already queued for the video. That coalesces a burst of edits into one run (the
  debounce): the queued job reads the masks when it starts, so it sees every edit made while it
  waited.

QA jobs announce neither progress nor their end on the video's channel (services/jobs.py
SILENT_KINDS); a "qa.updated" event tells browsers when the video's flags changed.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from annotation.evaluation import qa
from annotation.jobs.runner import JobContext
from annotation.models import FrameMask, Job, Masklet, QAFlag, Video
from annotation.models.jobs import JobKind, JobStatus
from annotation.realtime.publish import publish
from annotation.selectors.projects import project_settings
from annotation.services import jobs as job_services
from annotation.services.webhooks import webhooks_emit

# Job kinds whose success reruns the QA of their video.
QA_AFTER = (JobKind.PROPAGATE, JobKind.AUTOMASK, JobKind.CONCEPT, JobKind.IMPORT)


def qa_thresholds(video: Video) -> dict[str, float]:
    return qa.thresholds_with_defaults(project_settings(video.project).qa.model_dump())


def qa_schedule(*, video: Video, user: Any = None) -> Job:
    """Queue a QA job for the video, or return the one already queued (it has not read the masks
    yet, so it covers whatever changed since)."""
    queued = Job.objects.filter(video=video, kind=JobKind.QA, status=JobStatus.QUEUED).first()
    if queued is not None:
        return queued
    return job_services.job_create(project=video.project, video=video, kind=JobKind.QA, user=user)


def masklet_frames_changed(*, masklet_id: int, video_id: int, frames: list[int]) -> None:
    """A person changed these frames of a masklet: its flags on them go, a QA run is queued."""
    if not frames:
        return
    covering = Q()
    for frame in frames:
        covering |= Q(frame_start__lte=frame, frame_end__gte=frame)
    deleted, _ = QAFlag.objects.filter(
        Q(masklet_id=masklet_id) | Q(other_id=masklet_id), covering
    ).delete()
    if deleted:
        _announce(video_id)
    video = Video.objects.select_related("project").get(pk=video_id)
    qa_schedule(video=video)


def _announce(video_id: int) -> None:
    flags = QAFlag.objects.filter(video_id=video_id).count()
    publish({"type": "qa.updated", "video": video_id, "flags": flags})


def _stored_masks(video: Video) -> dict[int, list[qa.StoredMask]]:
    masks: dict[int, list[qa.StoredMask]] = {
        pk: [] for pk in Masklet.objects.filter(video=video).values_list("pk", flat=True)
    }
    rows = (
        FrameMask.objects.filter(masklet__video=video)
        .order_by("masklet_id", "frame")
        .values_list("masklet_id", "frame", "rle", "area", "score", "bbox")
    )
    for masklet_id, frame, rle, area, score, bbox in rows.iterator(chunk_size=500):
        masks.setdefault(masklet_id, []).append(
            qa.StoredMask(frame=frame, rle=rle, area=area, score=score, bbox=bbox or None)
        )
    return masks


def qa_video(*, video: Video) -> dict[str, Any]:
    """Recompute the video's flags; returns counts per kind."""
    findings = qa.check_video(_stored_masks(video), qa_thresholds(video))
    wanted = {(f.masklet, f.kind, f.frame_start, f.frame_end, f.other): f for f in findings}
    with transaction.atomic():
        existing = list(QAFlag.objects.select_for_update().filter(video=video))
        kept: set[tuple] = set()
        stale: list[int] = []
        for flag in existing:
            key = (flag.masklet_id, flag.kind, flag.frame_start, flag.frame_end, flag.other_id)
            finding = wanted.get(key)
            if finding is None or key in kept:
                stale.append(flag.pk)
                continue
            kept.add(key)
            if flag.value != finding.value:
                changed = True
                QAFlag.objects.filter(pk=flag.pk).update(value=finding.value)
        changed = bool(stale)
        QAFlag.objects.filter(pk__in=stale).delete()
        alive = set(Masklet.objects.filter(video=video).values_list("pk", flat=True))
        created = QAFlag.objects.bulk_create(
            QAFlag(
                video=video,
                masklet_id=f.masklet,
                kind=f.kind,
                frame_start=f.frame_start,
                frame_end=f.frame_end,
                value=f.value,
                other_id=f.other,
            )
            for key, f in wanted.items()
            if key not in kept and f.masklet in alive and (f.other is None or f.other in alive)
        )
        if changed or created:
            _announce(video.pk)  # after commit
        if created:  # new findings only: a re-run that finds the same flags again stays quiet
            webhooks_emit(video.project_id, "qa.flagged", {"video": video.pk, "flags": [f.pk for f in created]})
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    return {"flags": len(findings), "by_kind": counts}


def qa_run(*, job: Job, ctx: JobContext | None) -> dict[str, Any]:
    """The body of a QA job."""
    video = job.video
    if video is None:
        return {"flags": 0, "by_kind": {}}
    if ctx is not None:
        ctx.check_cancel()
    return qa_video(video=Video.objects.select_related("project").get(pk=video.pk))
