"""Concept prompts (SAM 3's promptable concept segmentation): every instance of a noun phrase
through a frame range, each new one a proposal masklet (origin "concept", the text kept on it,
status needs_verification), reviewed like automatic masklets (accepted as drafts, or deleted).

The backend's `concept_propagate` yields, frame by frame from the first frame, the masks and
scores of the instances it tracks (instance ids stable through one run). An instance becomes a
masklet on the first frame it appears, unless it duplicates what is already there: its mask IoU
with a mask already on that frame (masklets made by hand or by earlier jobs, and this job's own
proposals) exceeds `dedup_iou` (as automatic masklets are de-duplicated on their key frames,
inference/engine/dedupe.py). Its masks are stored on every frame it is found, each with its score
(FrameMask.score); frames are stored one transaction each with the job's checkpoint, so a killed
worker's job resumes from the last stored frame. A resumed run is a new run of the model with new
instance ids: on that frame, stored again, each instance takes over the proposal of this job whose
mask it overlaps most (IoU above `dedup_iou`), so nothing is proposed twice. A proposal someone
discarded while the job runs stays discarded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction

import maskcodec as rle_utils
from annotation.jobs.runner import JobContext, JobFailed
from annotation.models import FrameMask, Job, Label, Masklet, Video
from annotation.models.masklets import MaskletOrigin, MaskletStatus, MaskSource
from annotation.services.masklets import NewMask, frame_masks_store, masklet_create
from inference.bridge.engine import backend, model_name, postprocess_params
from inference.bridge.frames import StorageFrameSource
from inference.engine.base import Backend
from inference.engine.dedupe import NoveltyFilter
from inference.engine.postprocess import PostprocessParams, postprocess_mask

log = logging.getLogger(__name__)


def concept_source(loaded: Backend) -> Callable[..., Any]:
    """The backend's `concept_propagate`, or JobFailed naming the model when it takes no text."""
    run = getattr(loaded, "concept_propagate", None)
    capabilities = getattr(loaded, "capabilities", None)
    if run is None or (capabilities is not None and "concepts" not in capabilities):
        raise JobFailed(
            f'the model "{model_name(loaded.name)}" ({loaded.label}) does not take text prompts: '
            "map the concept role to a model that does (MASKLET_MODEL_CONCEPT, e.g. sam3)"
        )
    return run


def _iou(a: dict[str, Any], b: dict[str, Any]) -> float:
    return float(rle_utils.iou(a, b))


class _Run:
    """One attempt's run: engine instance ids → this job's masklets, and the ones dropped."""

    def __init__(self, job: Job, checkpoint: dict[str, Any], pp: PostprocessParams) -> None:
        self.job = job
        self.video: Video = job.video  # type: ignore[assignment]
        self.pp = pp
        p = job.params
        self.text = str(p["text"])
        self.dedup = float(p["dedup_iou"])
        label = p.get("label")
        self.label = label if label is not None and Label.objects.filter(pk=label).exists() else None
        self.masklets: list[int] = list(checkpoint.get("masklets", []))
        self.dropped = int(checkpoint.get("dropped", 0))
        self.frames_stored = int(checkpoint.get("frames_stored", 0))
        self.mapped: dict[int, int] = {}  # instance id -> masklet id
        self.ignored: set[int] = set()  # duplicates, and proposals discarded meanwhile
        self.rematch = checkpoint.get("last_stored") is not None

    def snapshot(self) -> tuple[Any, ...]:
        return (list(self.masklets), self.dropped, self.frames_stored, dict(self.mapped), set(self.ignored),
                self.rematch)

    def restore(self, state: tuple[Any, ...]) -> None:
        """Back to `snapshot()`'s state: the frame's transaction rolled back."""
        masklets, self.dropped, self.frames_stored, mapped, ignored, self.rematch = state
        self.masklets, self.mapped, self.ignored = list(masklets), dict(mapped), set(ignored)

    def checkpoint(self, frame: int) -> dict[str, Any]:
        return {"last_stored": frame, "masklets": self.masklets, "dropped": self.dropped,
                "frames_stored": self.frames_stored}

    def _on_frame(self, frame: int) -> list[tuple[int, dict[str, Any]]]:
        """(masklet id, RLE) of every non-empty mask already on `frame`."""
        return list(
            FrameMask.objects.filter(masklet__video=self.video, frame=frame, area__gt=0).values_list("masklet_id", "rle")
        )

    def store_frame(self, frame: int, masks: dict[int, dict[str, Any]], scores: dict[int, float]) -> None:
        """One frame: new instances proposed (or dropped), every tracked instance's mask stored."""
        here = self._on_frame(frame)
        alive = set(Masklet.objects.filter(pk__in=set(self.mapped.values())).values_list("pk", flat=True))
        for instance, masklet in list(self.mapped.items()):
            if masklet not in alive:  # discarded while the job runs: it stays discarded
                self.ignored.add(instance)
                del self.mapped[instance]
        order = sorted(masks, key=lambda i: -scores.get(i, 0.0))
        stored_before = self.rematch  # the frame a resumed run starts on was counted already
        if self.rematch:  # a resumed run: its instances take over this job's proposals
            self._rematch(order, masks, here)
        novelty = NoveltyFilter(
            [rle for _, rle in here] + [masks[i] for i in order if i in self.mapped], self.dedup
        )
        first_seen: set[int] = set()
        for instance in order:
            if instance in self.mapped or instance in self.ignored:
                continue
            if not novelty.admit(masks[instance]):
                self.ignored.add(instance)  # already tracked here, or empty once cleaned up
                self.dropped += 1
                continue
            masklet = masklet_create(
                video=self.video, user=self.job.created_by, label=self.label, name=self.text[:200],
                origin=MaskletOrigin.CONCEPT, status=MaskletStatus.NEEDS_VERIFICATION, concept=self.text,
            )
            self.mapped[instance] = masklet.pk
            self.masklets.append(masklet.pk)
            first_seen.add(instance)
        for instance, masklet_id in self.mapped.items():
            if instance not in masks or rle_utils.area(masks[instance]) == 0:
                continue
            source = MaskSource.AUTO if instance in first_seen else MaskSource.PROPAGATED
            frame_masks_store(
                masklet=Masklet(pk=masklet_id, video_id=self.video.pk),
                masks=[NewMask(frame=frame, rle=masks[instance], source=source,
                               score=round(float(scores.get(instance, 0.0)), 6))],
                job_id=self.job.pk, provenance_id=self.job.provenance_id,
            )
        self.frames_stored += 0 if stored_before else 1

    def _rematch(self, order: list[int], masks: dict[int, dict[str, Any]], here: list[tuple[int, Any]]) -> None:
        self.rematch = False
        ours = [(m, rle) for m, rle in here if m in set(self.masklets)]
        taken: set[int] = set()
        for instance in order:
            best = max(((_iou(masks[instance], rle), m) for m, rle in ours if m not in taken), default=(0.0, 0))
            if best[0] > self.dedup:
                self.mapped[instance] = best[1]
                taken.add(best[1])


def concepts_job(job: Job, ctx: JobContext) -> dict[str, Any]:
    """The body of a concept job (see module docstring): frames `first_frame`..`last_frame`
    (annotated-frame indices, inclusive), resumed from the last stored frame."""
    video = job.video
    assert video is not None  # a concept job always names its video
    p = job.params
    run_concepts = concept_source(backend())
    checkpoint = dict(job.checkpoint or {})
    first, last = int(p["first_frame"]), int(p["last_frame"])
    start = int(checkpoint.get("last_stored", first))
    run = _Run(job, checkpoint, postprocess_params(video))
    frames = StorageFrameSource(video)
    total = last - first + 1
    stream = run_concepts(
        frames, run.text, start, max_frames=last - start + 1, should_cancel=ctx.cancelled,
        score_threshold=float(p.get("score_threshold", 0.5)),
    )
    for found in stream:
        if found.frame > last:
            break
        ctx.check_cancel()
        masks = {
            int(i): rle_utils.encode(postprocess_mask(mask, run.pp)) for i, mask in found.masks.items()
        }
        scores = {int(i): float(s) for i, s in found.scores.items()}
        for attempt in range(2):
            state = run.snapshot()
            try:
                with transaction.atomic():
                    run.store_frame(int(found.frame), masks, scores)
                    ctx.progress((found.frame - first + 1) / total, frame=int(found.frame),
                                 checkpoint=run.checkpoint(int(found.frame)))
                break
            except IntegrityError:  # a proposal was discarded between our read and our write
                run.restore(state)
                if attempt:
                    raise
                log.info("concept job %s: a proposal went away on frame %s; storing the frame again", job.pk, found.frame)
    ctx.check_cancel()  # an engine that stopped because cancel was asked
    return {
        "text": run.text,
        "masklets": run.masklets,
        "frames_stored": run.frames_stored,
        "dropped": run.dropped,
        "first_frame": first,
        "last_frame": last,
    }
