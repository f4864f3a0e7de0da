"""Automated QA through the real worker: flags after edits and jobs, clearing on changed frames,
the review queue by risk, per-project thresholds."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pytest

import maskcodec
from annotation.models import Job, QAFlag
from annotation.models.jobs import JobKind, JobStatus
from annotation.services import jobs as job_services
from annotation.services import masklets as masklet_services
from tests.delivery.delivery_helpers import square, wait_job
from tests.factories import make_team

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

H, W = 64, 96  # the team video: 6 annotated frames


def _masklet(team: Any, masks: dict[int, dict], user: Any = None) -> Any:
    user = user or team.manager
    masklet = masklet_services.masklet_create(video=team.video, user=user)
    for frame, rle in masks.items():
        masklet_services.frame_mask_put(masklet=masklet, frame=frame, rle=rle, version=0, user=user)
    return masklet


def _settle(team: Any, timeout: float = 180) -> None:
    """Wait until no QA job of the video is queued or running."""
    client = team.client("manager")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pending = list(
            Job.objects.filter(video=team.video, kind=JobKind.QA)
            .exclude(status__in=[JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED])
            .values_list("pk", flat=True)
        )
        if not pending:
            failed = Job.objects.filter(video=team.video, kind=JobKind.QA, status=JobStatus.FAILED)
            assert not failed.exists(), list(failed.values("pk", "error"))
            return
        wait_job(client, pending[0], timeout=timeout)
    raise AssertionError("QA jobs did not settle")


def _flags(team: Any, role: str = "annotator") -> list[dict]:
    response = team.client(role).get(f"/api/videos/{team.video.pk}/qa-flags/")
    assert response.status_code == 200, response.content
    return response.json()


def test_flags_from_edits_clear_on_change_and_rank_the_review_queue(celery_worker: Any) -> None:
    team = make_team("qa")
    steady = _masklet(team, {f: square(H, W, 10, 10 + f, 12) for f in range(6)})
    # jumps 30 px right on frame 3 (IoU 0 with frame 2) and comes back on frame 4
    jumpy = {f: square(H, W, 40, 10, 12) for f in range(6)}
    jumpy[3] = square(H, W, 40, 50, 12)
    jumpy_masklet = _masklet(team, jumpy)
    _settle(team)

    flags = _flags(team)
    assert {f["masklet"] for f in flags} == {jumpy_masklet.pk}
    temporal = sorted((f["frame_start"], f["frame_end"]) for f in flags if f["kind"] == "temporal")
    assert temporal == [(2, 4)]  # pairs (2, 3) and (3, 4) merge into one range
    assert all(f["value"] == 0.0 for f in flags if f["kind"] == "temporal")

    queue = team.client("reviewer").get(f"/api/projects/{team.project.pk}/review-queue/").json()
    assert [q["masklet"] for q in queue] == [jumpy_masklet.pk]
    assert queue[0]["risk"] == 3 and queue[0]["kinds"] == ["temporal"]

    # fix frame 3: the flag covering it goes at once, and the QA run finds nothing left
    current = masklet_services.frame_mask_put(
        masklet=jumpy_masklet, frame=3, rle=square(H, W, 40, 10, 12), version=1, user=team.annotator
    )
    assert current.version == 2
    assert not QAFlag.objects.filter(masklet=jumpy_masklet, kind="temporal").exists()
    _settle(team)
    assert _flags(team) == []

    # a fragmented, overlapping masklet: ranked above a merely tiny one
    # (frames 2-5 gain a second piece; the first piece lies on `steady`)
    both = masklet_services.masklet_create(video=team.video, user=team.manager)
    for f in range(6):
        m = maskcodec.decode(square(H, W, 10, 10 + f, 12)) | (
            maskcodec.decode(square(H, W, 50, 80, 6)) if f >= 2 else np.zeros((H, W), bool)
        )
        masklet_services.frame_mask_put(
            masklet=both, frame=f, rle=dict(maskcodec.encode(m)), version=0, user=team.manager
        )
    _settle(team)
    by_kind = {(f["masklet"], f["kind"]) for f in _flags(team)}
    assert (both.pk, "fragmentation") in by_kind
    assert (both.pk, "overlap") in by_kind and (steady.pk, "overlap") in by_kind
    queue = team.client("manager").get(f"/api/projects/{team.project.pk}/review-queue/").json()
    risks = [q["risk"] for q in queue]
    assert risks == sorted(risks, reverse=True) and queue[0]["masklet"] == both.pk

    # per-project thresholds: tolerate any overlap; a bad value is a 400
    client = team.client("manager")
    bad = client.patch(
        f"/api/projects/{team.project.pk}/", {"settings": {"qa": {"overlap_max": "x"}}}, format="json"
    )
    assert bad.status_code == 400 and "overlap_max" in bad.json()["detail"]
    ok = client.patch(
        f"/api/projects/{team.project.pk}/", {"settings": {"qa": {"overlap_max": 1.0}}}, format="json"
    )
    assert ok.status_code == 200, ok.content
    response = client.post(f"/api/videos/{team.video.pk}/qa-flags/")
    assert response.status_code == 202, response.content
    again = client.post(f"/api/videos/{team.video.pk}/qa-flags/").json()["job"]
    assert Job.objects.get(pk=again).kind == JobKind.QA
    _settle(team)
    assert not [f for f in _flags(team) if f["kind"] == "overlap"]

    # outsiders see nothing; a bad filter is a 400
    assert team.client("outsider").get(f"/api/videos/{team.video.pk}/qa-flags/").status_code == 404
    bad_filter = client.get(f"/api/projects/{team.project.pk}/review-queue/?status=nope")
    assert bad_filter.status_code == 400


def test_qa_is_scheduled_after_jobs_that_write_masks(celery_worker: Any) -> None:
    team = make_team("qajobs")
    for kind in (JobKind.IMPORT, JobKind.PROPAGATE, JobKind.EXPORT):
        Job.objects.filter(video=team.video, kind=JobKind.QA).delete()
        job = Job.objects.create(project=team.project, video=team.video, kind=kind, status="running")
        job_services.job_finish(job=job, status=JobStatus.SUCCEEDED, result={})
        queued = Job.objects.filter(video=team.video, kind=JobKind.QA).count()
        assert queued == (0 if kind == JobKind.EXPORT else 1), kind
        _settle(team)
