"""The click / propagation / correction / automatic-masklet flow through the API with the default
worker (OpenCV backend, no checkpoint), on a synthetic clip. Mask quality is the engine's test;
here: what is stored, with which source and version, and what is announced."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import maskcodec
from annotation.models import Job, Masklet, Prompt
from annotation.models.masklets import MaskSource
from tests.factories import make_team
from tests.inference.helpers import (
    EventListener,
    click,
    masks_by_frame,
    new_masklet,
    start_propagation,
    wait_job,
)

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db", "celery_worker")]

# The synthetic square: 24x24 pixels at x = 10 + 3 * frame, y = 20..43, on a 96x64 frame.


def square_center(frame: int) -> list[float]:
    return [10 + 3 * frame + 12, 32]


def square_box(frame: int) -> list[float]:
    return [10 + 3 * frame - 4, 16, 10 + 3 * frame + 28, 48]


def test_click_box_propagation_correction_and_events() -> None:
    team = make_team(frames=8)
    client = team.client("annotator")
    video = team.video
    listener = EventListener(video.pk)
    masklet = new_masklet(client, video.pk)

    first = click(client, masklet, 3, box=square_box(3))
    assert first["backend"] == "opencv" and first["image_features"] is None
    assert first["frame"] == 3 and first["rle"]["size"] == [64, 96]
    assert first["mask"]["source"] == "prompt" and first["mask"]["version"] == 1
    assert first["mask"]["area"] == maskcodec.area(first["rle"]) > 0
    assert 0.0 <= first["score"] <= 1.0

    second = click(client, masklet, 3, points=[square_center(3), [2, 2]], labels=[1, 0])
    assert second["mask"]["version"] == 2 and second["mask"]["area"] > 0
    assert Prompt.objects.filter(masklet_id=masklet, frame=3).count() == 2
    assert all(p.score is not None for p in Prompt.objects.filter(masklet_id=masklet))

    # A brush edit between clicks: the next click refines the edit, not the worker's last answer.
    edited = maskcodec.encode(maskcodec.decode(second["rle"]) | (np.arange(96)[None, :] < 8).repeat(64, axis=0))
    put = client.put(f"/api/masklets/{masklet}/masks/3/", {"rle": edited, "version": 2}, format="json")
    assert put.status_code == 200 and put.json()["version"] == 3
    third = click(client, masklet, 3, points=[square_center(3)], labels=[1])
    assert third["mask"]["version"] == 4 and third["mask"]["source"] == "prompt"

    other = new_masklet(client, video.pk, "second")
    boxed = click(client, other, 3, box=square_box(3))
    assert boxed["mask"]["version"] == 1 and boxed["mask"]["masklet"] == other and boxed["mask"]["area"] > 0

    job_id = start_propagation(client, video.pk, masklets=[masklet, other], start_frame=3, direction="both")
    done = wait_job(client, job_id, timeout=120)
    assert done["status"] == "succeeded", done
    assert done["result"] == {"masklets": sorted([masklet, other]), "frames_stored": 7}
    for m in (masklet, other):
        stored = masks_by_frame(m)
        assert sorted(stored) == list(range(8))
        assert stored[3].source == MaskSource.PROMPT
        assert {f: (s.source, s.version) for f, s in stored.items() if f != 3} == {
            f: (MaskSource.PROPAGATED, 1) for f in range(8) if f != 3
        }
        assert {s.job_id for f, s in stored.items() if f != 3} == {job_id}

    # A correction on a tracked frame, then propagation over it again: the correction stays.
    corrected = click(client, masklet, 6, points=[[5, 5]], labels=[0])
    assert corrected["mask"]["version"] == 2 and corrected["mask"]["source"] == "prompt"
    first_pass = masks_by_frame(masklet)
    again = start_propagation(client, video.pk, masklets=[masklet], start_frame=3, direction="forward")
    assert wait_job(client, again, timeout=120)["status"] == "succeeded"
    stored = masks_by_frame(masklet)
    assert all(stored[f].updated_at > first_pass[f].updated_at for f in (4, 5, 7))
    assert all(stored[f].updated_at == first_pass[f].updated_at for f in (0, 1, 2, 6))
    assert (stored[6].source, stored[6].version, stored[6].rle) == ("prompt", 2, corrected["rle"])
    assert (stored[3].source, stored[3].version, stored[3].rle) == ("prompt", 4, third["rle"])
    assert {f: stored[f].version for f in (4, 5, 7)} == {4: 2, 5: 2, 7: 2}  # passed over again
    assert {f: stored[f].version for f in (0, 1, 2)} == {0: 1, 1: 1, 2: 1}  # behind the start: untouched

    events = listener.drain()
    kinds = [e["type"] for e in events]
    assert {"masklet.changed", "mask.updated", "job.progress", "job.finished"} <= set(kinds)
    propagated = [e for e in events if e["type"] == "mask.updated" and e["source"] == "propagated" and e["masklet"] == other]
    assert sorted(f for e in propagated for f in e["frames"]) == [0, 1, 2, 4, 5, 6, 7]
    finished = [e for e in events if e["type"] == "job.finished"]
    assert [(e["job"], e["status"]) for e in finished] == [(job_id, "succeeded"), (again, "succeeded")]
    progress = [e["progress"] for e in events if e["type"] == "job.progress" and e["job"] == job_id]
    assert progress == sorted(progress) and progress[-1] == 1.0


def test_bounded_backward_propagation_and_bad_requests() -> None:
    team = make_team(frames=8)
    client = team.client("annotator")
    video = team.video
    masklet = new_masklet(client, video.pk)
    click(client, masklet, 5, box=square_box(5))

    no_mask = new_masklet(client, video.pk, "empty")
    refused = client.post(
        f"/api/videos/{video.pk}/propagations/", {"masklets": [masklet, no_mask], "start_frame": 5}, format="json"
    )
    assert refused.status_code == 400 and str(no_mask) in refused.json()["detail"]
    outside = client.post(f"/api/masklets/{masklet}/prompts/", {"frame": 5, "points": [[500, 5]], "labels": [1]}, format="json")
    assert outside.status_code == 400

    job_id = start_propagation(client, video.pk, masklets=[masklet], start_frame=5, direction="backward", max_frames=3)
    assert wait_job(client, job_id, timeout=120)["status"] == "succeeded"
    assert sorted(masks_by_frame(masklet)) == [3, 4, 5]
    assert Job.objects.get(pk=job_id).checkpoint["backward"] == 3


def test_automatic_masklets_need_verification() -> None:
    team = make_team(frames=6)
    client = team.client("annotator")
    video = team.video
    response = client.post(f"/api/videos/{video.pk}/automasklets/", {"key_frame": 2, "max_masklets": 3}, format="json")
    assert response.status_code == 202, response.content
    done = wait_job(client, response.json()["job"], timeout=120)
    assert done["status"] == "succeeded", done
    created = list(Masklet.objects.filter(video=video))
    assert 1 <= len(created) <= 3
    assert sorted(m.pk for m in created) == done["result"]["masklets"]
    for masklet in created:
        assert (masklet.origin, masklet.status) == ("auto", "needs_verification")
        assert set(masklet.stability_scores) == {"2"}
        stored = masks_by_frame(masklet.pk)
        assert sorted(stored) == list(range(6))
        assert stored[2].source == MaskSource.AUTO and stored[2].area > 0
        assert {stored[f].source for f in stored if f != 2} == {MaskSource.PROPAGATED}


def test_cancel_a_queued_or_running_job(celery_worker: Any) -> None:
    team = make_team(frames=40)
    client = team.client("annotator")
    masklet = new_masklet(client, team.video.pk)
    click(client, masklet, 0, box=square_box(0))
    job_id = start_propagation(client, team.video.pk, masklets=[masklet], start_frame=0)
    cancelled = client.post(f"/api/jobs/{job_id}/cancel/")
    assert cancelled.status_code == 200
    final = wait_job(client, job_id, timeout=60)
    assert final["status"] == "cancelled"
    again = client.post(f"/api/jobs/{job_id}/cancel/")
    assert again.status_code == 409
    stored = sorted(masks_by_frame(masklet))
    assert stored == list(range(len(stored)))  # whatever was stored before stopping has no gap
