"""The SAM 2 flow through the API with a real worker: the SAM 2.1 tiny architecture with random
weights, saved as an official-layout checkpoint and loaded through the operator's settings
(MASKLET_SAM2_CHECKPOINT, MASKLET_SAM2_CONFIG=tiny, MASKLET_SAM2_IMAGE_SIZE=256).

Random weights give arbitrary masks: the tests check structure, counts, versions, sources,
stored frames, statuses and events, never mask quality.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

import maskcodec
from annotation.models import FrameMask, Masklet, Prompt
from annotation.models.masklets import MaskSource
from tests.factories import make_team
from tests.inference.helpers import (
    EventListener,
    click,
    job,
    masks_by_frame,
    new_masklet,
    start_propagation,
    wait_job,
)

pytestmark = [pytest.mark.sam2, pytest.mark.worker, pytest.mark.usefixtures("transactional_db", "sam2_worker")]


def test_click_then_later_clicks_reuse_the_frame_features() -> None:
    team = make_team(frames=6)
    client = team.client("annotator")
    masklet = new_masklet(client, team.video.pk)

    first = click(client, masklet, 2, points=[[30, 30]], labels=[1])
    assert first["backend"] == "sam2"
    assert first["image_features"] == "computed"
    assert first["frame"] == 2 and first["rle"]["size"] == [64, 96]
    assert 0.0 <= first["score"] <= 1.0
    assert first["mask"] == {**first["mask"], "masklet": masklet, "frame": 2, "source": "prompt", "version": 1}
    assert first["mask"]["area"] == maskcodec.area(first["rle"])

    second = click(client, masklet, 2, points=[[80, 10]], labels=[0])
    third = click(client, masklet, 2, points=[[40, 35]], labels=[1])
    assert second["image_features"] == third["image_features"] == "cached"
    assert [second["mask"]["version"], third["mask"]["version"]] == [2, 3]
    assert Prompt.objects.filter(masklet_id=masklet, frame=2).count() == 3
    stored = FrameMask.objects.get(masklet_id=masklet, frame=2)
    assert (stored.rle, stored.version, stored.source) == (third["rle"], 3, "prompt")

    # A box on another frame, starting over: its own features, its own mask.
    other = new_masklet(client, team.video.pk, "box")
    boxed = click(client, other, 4, box=[20, 15, 60, 50], reset=True)
    assert boxed["image_features"] == "computed" and boxed["mask"]["version"] == 1
    again = click(client, other, 4, box=[22, 15, 60, 50], reset=True)
    assert again["image_features"] == "cached" and again["mask"]["version"] == 2
    assert sorted(masks_by_frame(other)) == [4]


def test_propagation_both_ways_bounded_and_a_correction_that_stays() -> None:
    team = make_team(frames=10)
    client = team.client("annotator")
    video = team.video
    listener = EventListener(video.pk)
    masklet = new_masklet(client, video.pk)
    click(client, masklet, 4, points=[[34, 32]], labels=[1])
    click(client, masklet, 4, box=[20, 18, 50, 46])

    bounded = start_propagation(client, video.pk, masklets=[masklet], start_frame=4, direction="forward", max_frames=3)
    assert wait_job(client, bounded)["status"] == "succeeded"
    assert {f: (m.source, m.version) for f, m in masks_by_frame(masklet).items()} == {
        4: ("prompt", 2), 5: ("propagated", 1), 6: ("propagated", 1)
    }

    both = start_propagation(client, video.pk, masklets=[masklet], start_frame=4, direction="both")
    finished = wait_job(client, both)
    assert finished["status"] == "succeeded", finished
    assert finished["result"] == {"masklets": [masklet], "frames_stored": 9}
    assert finished["progress"] == 1.0 and finished["attempts"] == 1
    stored = masks_by_frame(masklet)
    assert sorted(stored) == list(range(10))
    assert {f: m.version for f, m in stored.items()} == {0: 1, 1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2, 7: 1, 8: 1, 9: 1}
    assert {m.job_id for f, m in stored.items() if f != 4} == {both}
    assert all(m.rle["size"] == [64, 96] and m.area == maskcodec.area(m.rle) for m in stored.values())

    # A negative click on a tracked frame: a correction with the masklet's memory, a prompt mask.
    correction = click(client, masklet, 8, points=[[90, 60]], labels=[0])
    assert correction["image_features"] == "cached"  # propagation left the frame's features in the cache
    assert (correction["mask"]["source"], correction["mask"]["version"]) == ("prompt", 2)

    again = start_propagation(client, video.pk, masklets=[masklet], start_frame=4, direction="forward")
    assert wait_job(client, again)["status"] == "succeeded"
    after = masks_by_frame(masklet)
    assert (after[8].source, after[8].version, after[8].rle) == ("prompt", 2, correction["rle"])
    assert {f: after[f].version for f in (5, 6, 7, 9)} == {5: 3, 6: 3, 7: 2, 9: 2}  # passed over again
    assert {f: after[f].version for f in (0, 1, 2, 3, 4)} == {0: 1, 1: 1, 2: 1, 3: 1, 4: 2}

    events = listener.drain()
    updates = [e for e in events if e["type"] == "mask.updated" and e["source"] == "propagated"]
    frames_announced = sorted(f for e in updates for f in e["frames"])
    assert frames_announced == sorted([5, 6] + [5, 6, 7, 8, 9] + [3, 2, 1, 0] + [5, 6, 7, 9])
    for e in updates:
        assert len(e["frames"]) == len(e["versions"]) <= 8  # stored in batches as they come
    progress = [e for e in events if e["type"] == "job.progress" and e["job"] == both]
    assert [e["progress"] for e in progress] == sorted(e["progress"] for e in progress)
    assert progress[-1]["progress"] == 1.0
    assert [(e["job"], e["status"]) for e in events if e["type"] == "job.finished"] == [
        (bounded, "succeeded"), (both, "succeeded"), (again, "succeeded")
    ]


def test_two_masklets_propagate_in_one_job() -> None:
    team = make_team(frames=6)
    client = team.client("annotator")
    first, second = new_masklet(client, team.video.pk), new_masklet(client, team.video.pk, "second")
    click(client, first, 0, points=[[20, 30]], labels=[1])
    click(client, second, 0, box=[50, 5, 90, 60])
    job_id = start_propagation(client, team.video.pk, masklets=[second, first], start_frame=0, direction="forward")
    done = wait_job(client, job_id)
    assert done["status"] == "succeeded" and done["result"]["frames_stored"] == 5
    for masklet in (first, second):
        assert {f: m.source for f, m in masks_by_frame(masklet).items()} == {
            0: "prompt", 1: "propagated", 2: "propagated", 3: "propagated", 4: "propagated", 5: "propagated"
        }


def test_cancel_stops_within_a_frame() -> None:
    team = make_team(frames=40)
    client = team.client("annotator")
    masklet = new_masklet(client, team.video.pk)
    click(client, masklet, 0, points=[[20, 30]], labels=[1])
    job_id = start_propagation(client, team.video.pk, masklets=[masklet], start_frame=0, direction="forward")
    # Once the first batch is stored, ask it to stop; it may finish the frame it is on.
    running = wait_job(client, job_id, until=lambda j: FrameMask.objects.filter(masklet_id=masklet).count() > 1)
    assert running["status"] == "running"
    seen = max(masks_by_frame(masklet))
    asked = time.monotonic()
    response = client.post(f"/api/jobs/{job_id}/cancel/")
    assert response.status_code == 200 and response.json()["cancel_requested"] is True
    final = wait_job(client, job_id, timeout=60)
    assert final["status"] == "cancelled", final
    stopped_after = time.monotonic() - asked
    stored = sorted(masks_by_frame(masklet))
    assert stored == list(range(len(stored)))  # no gap
    assert seen <= stored[-1] <= seen + 2, (seen, stored[-1], stopped_after)
    assert job(client, job_id)["result"] == {}


def test_automatic_masklets_on_a_tiny_grid() -> None:
    team = make_team(frames=6)
    client = team.client("annotator")
    video = team.video
    body = {"key_frame": 2, "points_per_side": [4, 2, 1], "pred_iou_thresh": 0.0, "stability_score_thresh": 0.0,
            "max_masklets": 3}
    response = client.post(f"/api/videos/{video.pk}/automasklets/", body, format="json")
    assert response.status_code == 202, response.content
    done = wait_job(client, response.json()["job"])
    assert done["status"] == "succeeded", done
    assert done["params"]["points_per_side"] == [4, 2, 1] and done["params"]["crop_n_layers"] == 2
    created = list(Masklet.objects.filter(video=video).order_by("pk"))
    assert 1 <= len(created) <= 3 and done["result"]["proposals"] >= len(created)
    assert [m.pk for m in created] == done["result"]["masklets"]
    for masklet in created:
        assert (masklet.origin, masklet.status, masklet.created_by_id) == ("auto", "needs_verification", team.annotator.pk)
        assert list(masklet.stability_scores) == ["2"]
        stored = masks_by_frame(masklet.pk)
        assert sorted(stored) == list(range(6))
        assert (stored[2].source, stored[2].version) == (MaskSource.AUTO, 1) and stored[2].area > 0
        assert {(stored[f].source, stored[f].version) for f in stored if f != 2} == {(MaskSource.PROPAGATED, 1)}


def test_a_bad_request_changes_nothing(sam2_worker: Any) -> None:
    team = make_team(frames=4)
    client = team.client("annotator")
    masklet = new_masklet(client, team.video.pk)
    before = click(client, masklet, 1, points=[[20, 30]], labels=[1])
    for body in (
        {"frame": 9, "points": [[1, 1]], "labels": [1]},
        {"frame": 1, "points": [[1, 1]], "labels": [2]},
        {"frame": 1, "points": [[1, 1], [2, 2]], "labels": [1]},
        {"frame": 1, "box": [50, 50, 10, 10]},
        {"frame": 1},
    ):
        response = client.post(f"/api/masklets/{masklet}/prompts/", body, format="json")
        assert response.status_code == 400 and response.json()["detail"], body
    bad_job = client.post(
        f"/api/videos/{team.video.pk}/propagations/", {"masklets": [masklet], "start_frame": 0}, format="json"
    )
    assert bad_job.status_code == 400 and "no mask on frame 0" in bad_job.json()["detail"]
    assert Prompt.objects.filter(masklet_id=masklet).count() == 1
    assert masks_by_frame(masklet)[1].rle == before["rle"]
