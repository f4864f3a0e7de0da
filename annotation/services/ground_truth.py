"""Ground truth and quality reports: annotators' masklets scored against a ground-truth set.

A manager marks a video as ground truth: its ground-truth objects are the masklets chosen then
(by default every masklet the video has at that moment; marking again replaces the set). Every
masklet made on the video afterwards (or any masklet not in the set) is an attempt by the person
who created it. Within a task on the video, the task's frame range is scored; otherwise the whole
video.

For each (video, annotator, task) group, the ground-truth objects and the annotator's masklets are
paired by the Hungarian assignment (scipy.optimize.linear_sum_assignment) maximising the sum of
J&F. A pair counts as a match only when the two masks share pixels on some frame (J > 0);
ground-truth objects left without a match are "missed" and scored against an empty prediction
(as the official evaluator scores an object the prediction lacks), masklets left over are
"extra". J&F follows the official SA-V protocol (annotation/evaluation/jf.py). Means over
ground-truth objects make the report of an annotator, a task, and the project.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import transaction
from scipy.optimize import linear_sum_assignment

from annotation.evaluation import jf
from annotation.models import FrameMask, GroundTruth, Masklet, Project, Task, Video
from annotation.services.errors import InvalidInput

MAX_OBJECTS = 200  # ground-truth objects or attempts in one group (the J&F matrix is n x m)


@transaction.atomic
def ground_truth_mark(*, video: Video, user: Any, masklets: Sequence[int] | None = None) -> GroundTruth:
    """Mark the video as ground truth with these masklets (default: all the video has now)."""
    chosen = Masklet.objects.filter(video=video)
    if masklets is not None:
        wanted = set(masklets)
        found = set(chosen.filter(pk__in=wanted).values_list("pk", flat=True))
        if wanted - found:
            raise InvalidInput(f"masklets {sorted(wanted - found)} are not in this video")
        chosen = chosen.filter(pk__in=wanted)
    ids = list(chosen.values_list("pk", flat=True))
    if not ids:
        raise InvalidInput("the video has no masklets to use as ground truth")
    truth, _ = GroundTruth.objects.update_or_create(video=video, defaults={"marked_by": user})
    truth.masklets.set(ids)
    return truth


@transaction.atomic
def ground_truth_unmark(*, video: Video) -> None:
    GroundTruth.objects.filter(video=video).delete()


def _masks(masklet_ids: Iterable[int]) -> dict[int, dict[int, Any]]:
    out: dict[int, dict[int, Any]] = {pk: {} for pk in masklet_ids}
    rows = FrameMask.objects.filter(masklet_id__in=list(out), area__gt=0).values_list(
        "masklet_id", "frame", "rle"
    )
    for masklet_id, frame, rle in rows.iterator(chunk_size=500):
        out[masklet_id][frame] = jf.as_array(rle)  # decoded once, scored many times
    return out


@dataclass
class GroupScore:
    video: int
    annotator: int | None
    annotator_name: str
    task: int | None
    frames: tuple[int, int]
    objects: list[dict[str, Any]] = field(default_factory=list)  # one per scored GT object
    extra: list[int] = field(default_factory=list)  # attempts matched to nothing

    def summary(self) -> dict[str, Any]:
        return _summary(self.objects, len(self.extra))


def _number(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 4)


def _summary(objects: Sequence[dict[str, Any]], extra: int) -> dict[str, Any]:
    if objects:
        j = float(np.mean([o["j"] for o in objects]))
        f = float(np.mean([o["f"] for o in objects]))
    else:
        j = f = math.nan
    return {
        "j": _number(j),
        "f": _number(f),
        "jf": _number((j + f) / 2),
        "objects": len(objects),
        "matched": sum(1 for o in objects if o["matched"] is not None),
        "missed": sum(1 for o in objects if o["matched"] is None),
        "extra": extra,
    }


def score_group(
    gt: dict[int, dict[int, Any]], attempts: dict[int, dict[int, Any]], frames: Sequence[int]
) -> tuple[list[dict[str, Any]], list[int]]:
    """Match attempts to ground-truth objects and score them: (per GT object, extra attempts)."""
    gt_ids = [g for g in gt if jf.score_object(gt[g], {}, frames) is not None]
    attempt_ids = list(attempts)
    scores: dict[tuple[int, int], jf.ObjectScore] = {}
    matrix = np.zeros((len(gt_ids), len(attempt_ids)))
    for i, g in enumerate(gt_ids):
        for k, a in enumerate(attempt_ids):
            score = jf.score_object(gt[g], attempts[a], frames)
            assert score is not None  # the GT object is present on some frame
            scores[(g, a)] = score
            matrix[i, k] = score.jf if score.j > 0 else 0.0
    matched: dict[int, int] = {}
    if gt_ids and attempt_ids:
        rows, cols = linear_sum_assignment(matrix, maximize=True)
        for i, k in zip(rows, cols, strict=True):
            if matrix[i, k] > 0:
                matched[gt_ids[i]] = attempt_ids[k]
    objects = []
    for g in gt_ids:
        a = matched.get(g)
        score = scores[(g, a)] if a is not None else jf.score_object(gt[g], {}, frames)
        assert score is not None
        objects.append(
            {"ground_truth": g, "matched": a, "j": score.j, "f": score.f, "jf": score.jf}
        )
    extra = [a for a in attempt_ids if a not in matched.values()]
    return objects, extra


def _task_of(tasks: Sequence[Task], user_id: int | None) -> Task | None:
    mine = [t for t in tasks if user_id is not None and t.assignee_id == user_id]
    return mine[-1] if mine else None


def quality_report(
    *, project: Project, annotator: int | None = None, task: int | None = None, video: int | None = None
) -> dict[str, Any]:
    """Per (video, annotator, task) group, then per annotator, per task and for the project."""
    truths = GroundTruth.objects.filter(video__project=project).select_related("video")
    if video is not None:
        truths = truths.filter(video_id=video)
    groups: list[GroupScore] = []
    for truth in truths:
        v = truth.video
        gt_ids = list(truth.masklets.values_list("pk", flat=True))
        attempts = Masklet.objects.filter(video=v).exclude(pk__in=gt_ids).select_related("created_by")
        if annotator is not None:
            attempts = attempts.filter(created_by_id=annotator)
        tasks = list(Task.objects.filter(video=v).order_by("id"))
        by_group: dict[tuple[int | None, int | None], list[Masklet]] = {}
        names: dict[int | None, str] = {None: ""}
        for m in attempts:
            t = _task_of(tasks, m.created_by_id)
            by_group.setdefault((m.created_by_id, t.pk if t else None), []).append(m)
            names[m.created_by_id] = m.created_by.username if m.created_by else ""
        if task is not None:
            by_group = {k: ms for k, ms in by_group.items() if k[1] == task}
        if not by_group:
            continue
        if len(gt_ids) > MAX_OBJECTS or any(len(ms) > MAX_OBJECTS for ms in by_group.values()):
            raise InvalidInput(f"video {v.pk}: more than {MAX_OBJECTS} objects to match")
        gt = _masks(gt_ids)
        task_ranges = {t.pk: t for t in tasks}
        for (user_id, task_id), ms in by_group.items():
            t = task_ranges.get(task_id) if task_id else None
            last = v.frame_count - 1
            start = t.frame_start if t else 0
            end = min(t.frame_end if t and t.frame_end is not None else last, last)
            frames = list(range(start, end + 1))
            if not frames:
                continue
            objects, extra = score_group(gt, _masks(m.pk for m in ms), frames)
            groups.append(
                GroupScore(v.pk, user_id, names.get(user_id, ""), task_id, (start, end), objects, extra)
            )
    return _report(groups)


def _report(groups: list[GroupScore]) -> dict[str, Any]:
    def rollup(key: Any) -> list[dict[str, Any]]:
        buckets: dict[Any, list[GroupScore]] = {}
        for g in groups:
            buckets.setdefault(key(g), []).append(g)
        return [
            {
                "key": k,
                **_summary(
                    [o for g in gs for o in g.objects], sum(len(g.extra) for g in gs)
                ),
            }
            for k, gs in buckets.items()
        ]

    names = {g.annotator: g.annotator_name for g in groups}
    annotators = [
        {"annotator": r.pop("key"), "annotator_name": "", **r} for r in rollup(lambda g: g.annotator)
    ]
    for row in annotators:
        row["annotator_name"] = names.get(row["annotator"], "")
    tasks = [{"task": r.pop("key"), **r} for r in rollup(lambda g: g.task) if r["key"] is not None]
    rows = [
        {
            "video": g.video,
            "annotator": g.annotator,
            "annotator_name": g.annotator_name,
            "task": g.task,
            "frame_start": g.frames[0],
            "frame_end": g.frames[1],
            **g.summary(),
            "objects_detail": [
                {**o, "j": _number(o["j"]), "f": _number(o["f"]), "jf": _number(o["jf"])}
                for o in g.objects
            ],
            "extra_masklets": g.extra,
        }
        for g in groups
    ]
    overall = _summary([o for g in groups for o in g.objects], sum(len(g.extra) for g in groups))
    return {"overall": overall, "annotators": annotators, "tasks": tasks, "groups": rows}
