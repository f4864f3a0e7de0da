"""Automatic masklets with the default worker (OpenCV backend): de-duplication against what is
already on a key frame, key frames every N frames, and a second run that adds nothing.

The clip (tests/inference/entering_clip.py) has a square from frame 0 and a disc that enters at
frame 20; key frames 0, 10 and 20.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import maskcodec
from annotation.models import FrameMask, Masklet
from annotation.services import tasks as task_services
from inference.engine.synthetic import iou
from tests.factories import make_team, ready_video
from tests.inference.entering_clip import entering_clip
from tests.inference.helpers import click, new_masklet, wait_job

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db", "celery_worker")]

BODY = {"key_frame": 0, "key_frame_every": 10, "max_masklets": 100}


def _clip_team() -> tuple[Any, Any, np.ndarray, np.ndarray]:
    team = make_team(frames=2)
    rgb, squares, discs = entering_clip()
    video = ready_video(team.project, rgb_frames=rgb, name="entering")
    task_services.task_create(project=team.project, video=video, assignee=team.annotator.pk, reviewer=team.reviewer.pk)
    return team, video, squares, discs


def _run(client: Any, video_id: int, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(f"/api/videos/{video_id}/automasklets/", body, format="json")
    assert response.status_code == 202, response.content
    done = wait_job(client, response.json()["job"], timeout=300)
    assert done["status"] == "succeeded", done
    return done


def _mask(masklet_id: int, frame: int) -> np.ndarray | None:
    row = FrameMask.objects.filter(masklet_id=masklet_id, frame=frame).first()
    return None if row is None else maskcodec.decode(row.rle).astype(bool)


def _matching(video: Any, frame: int, truth: np.ndarray) -> list[int]:
    """Masklets whose mask on `frame` overlaps `truth` with IoU above 0.5."""
    found = []
    for masklet in Masklet.objects.filter(video=video):
        mask = _mask(masklet.pk, frame)
        if mask is not None and iou(mask, truth) > 0.5:
            found.append(masklet.pk)
    return found


def _created_at(masklet: Masklet) -> int:
    (key,) = masklet.stability_scores  # an automatic masklet's one key frame
    return int(key)


def test_an_object_entering_later_is_proposed_from_a_later_key_frame_and_a_rerun_adds_nothing() -> None:
    team, video, squares, discs = _clip_team()
    client = team.client("annotator")
    first = _run(client, video.pk, BODY)
    rounds = {r["frame"]: r for r in first["result"]["key_frames"]}
    assert sorted(rounds) == [0, 10, 20] and first["params"]["dedup_iou"] == 0.5
    created = list(Masklet.objects.filter(video=video).order_by("pk"))
    assert [m.pk for m in created] == first["result"]["masklets"]
    assert [len([m for m in created if _created_at(m) == k]) for k in (0, 10, 20)] == [rounds[k]["new"] for k in (0, 10, 20)]
    # The square is proposed on key frame 0; the disc, absent before frame 20, from key frame 20.
    assert any(_created_at(Masklet.objects.get(pk=pk)) == 0 for pk in _matching(video, 0, squares[0]))
    disc = _matching(video, 20, discs[20])
    assert len(disc) == 1 and _created_at(Masklet.objects.get(pk=disc[0])) == 20, disc
    assert FrameMask.objects.get(masklet_id=disc[0], frame=20).source == "auto"
    # Later key frames dropped what earlier ones already tracked there: each masklet's mask on its
    # key frame overlaps no mask (IoU above 0.5) of a masklet made before it.
    assert rounds[10]["dropped"] >= 1 and rounds[20]["dropped"] >= 1
    assert all(r["unexamined"] == 0 for r in rounds.values())
    for n, masklet in enumerate(created):
        key = _created_at(masklet)
        mine = _mask(masklet.pk, key)
        assert mine is not None and mine.any()
        for earlier in created[:n]:
            theirs = _mask(earlier.pk, key)
            assert theirs is None or iou(mine, theirs) <= 0.5, (masklet.pk, earlier.pk, key)
    # Every masklet is propagated both ways from its key frame, by the job's model.
    assert first["provenance"]["backend"] == "opencv"
    for masklet in created:
        assert FrameMask.objects.filter(masklet=masklet).count() == 30
        assert set(FrameMask.objects.filter(masklet=masklet).values_list("provenance_id", flat=True)) == {
            first["provenance"]["id"]
        }

    before = {(m.masklet_id, m.frame): m.version for m in FrameMask.objects.filter(masklet__video=video)}
    second = _run(client, video.pk, BODY)
    assert second["result"]["masklets"] == [] and second["result"]["frames_stored"] == 0
    assert [r["new"] for r in second["result"]["key_frames"]] == [0, 0, 0]
    assert [r["proposals"] for r in second["result"]["key_frames"]] == [rounds[k]["proposals"] for k in (0, 10, 20)]
    assert Masklet.objects.filter(video=video).count() == len(created)
    after = {(m.masklet_id, m.frame): m.version for m in FrameMask.objects.filter(masklet__video=video)}
    assert after == before  # nothing re-propagated either


def test_a_proposal_overlapping_a_manual_masklet_is_dropped() -> None:
    team, video, squares, _ = _clip_team()
    client = team.client("annotator")
    manual = new_masklet(client, video.pk, "square by hand")
    answer = click(client, manual, 0, box=[4, 10, 46, 52])
    assert iou(maskcodec.decode(answer["rle"]).astype(bool), squares[0]) > 0.5
    done = _run(client, video.pk, {"key_frame": 0, "max_masklets": 20})
    assert done["result"]["key_frames"][0]["dropped"] >= 1
    assert _matching(video, 0, squares[0]) == [manual]  # no automatic copy of the square
    assert done["result"]["masklets"]  # the other proposals (background regions) were kept


def test_bad_automask_settings_are_refused() -> None:
    team, video, _, _ = _clip_team()
    client = team.client("annotator")
    for body in ({"key_frame_every": -1}, {"dedup_iou": 1.5}, {"dedup_iou": "x"}):
        response = client.post(f"/api/videos/{video.pk}/automasklets/", body, format="json")
        assert response.status_code == 400 and response.json()["detail"], body
    assert not Masklet.objects.filter(video=video).exists()
