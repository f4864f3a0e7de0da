"""Automatic masklets with the SAM 2.1 tiny architecture (random weights, tiny grid): key frames
and de-duplication hold for the SAM 2 generator too. Random weights give arbitrary masks, so
this checks what the job guarantees (nothing new on a second run, no new masklet overlapping
what was on its key frame), never mask quality."""

from __future__ import annotations

from typing import Any

import pytest

import maskcodec
from annotation.models import FrameMask, Masklet
from inference.engine.synthetic import iou
from tests.factories import make_team
from tests.inference.helpers import wait_job

pytestmark = [pytest.mark.sam2, pytest.mark.worker, pytest.mark.usefixtures("transactional_db", "sam2_worker")]

BODY = {"key_frame": 2, "key_frame_every": 2, "points_per_side": [4, 2, 1], "pred_iou_thresh": 0.0,
        "stability_score_thresh": 0.0, "max_masklets": 100}  # fmt: skip


def _run(client: Any, video_id: int) -> dict[str, Any]:
    response = client.post(f"/api/videos/{video_id}/automasklets/", BODY, format="json")
    assert response.status_code == 202, response.content
    done = wait_job(client, response.json()["job"], timeout=600)
    assert done["status"] == "succeeded", done
    return done


def test_sam2_key_frames_deduplicate_and_a_rerun_adds_nothing() -> None:
    team = make_team(frames=6)
    client = team.client("annotator")
    first = _run(client, team.video.pk)
    assert [r["frame"] for r in first["result"]["key_frames"]] == [2, 4, 0]
    assert first["provenance"]["backend"] == "sam2"
    created = list(Masklet.objects.filter(video=team.video).order_by("pk"))
    assert created and [m.pk for m in created] == first["result"]["masklets"]
    for n, masklet in enumerate(created):
        (key,) = (int(k) for k in masklet.stability_scores)
        mine = maskcodec.decode(FrameMask.objects.get(masklet=masklet, frame=key).rle).astype(bool)
        for earlier in created[:n]:
            row = FrameMask.objects.filter(masklet=earlier, frame=key).first()
            assert row is None or iou(mine, maskcodec.decode(row.rle).astype(bool)) <= 0.5
    stored = FrameMask.objects.filter(masklet__video=team.video).count()

    second = _run(client, team.video.pk)
    assert second["result"]["masklets"] == [] and [r["new"] for r in second["result"]["key_frames"]] == [0, 0, 0]
    assert Masklet.objects.filter(video=team.video).count() == len(created)
    assert FrameMask.objects.filter(masklet__video=team.video).count() == stored
