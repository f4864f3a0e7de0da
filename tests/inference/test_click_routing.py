"""Several SAM 2 workers: a video's clicks go to the interactive worker that holds its warm
session, and a correction on a frame another worker tracked is answered from a state rebuilt
from the database (README, "Corrections and warm sessions"). With the OpenCV backend, which
keeps no memory, clicks are not tied to a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import maskcodec
from annotation.jobs.redis_client import redis_client
from annotation.jobs.workers import queue_workers
from annotation.models import Project
from tests.factories import make_team
from tests.inference.helpers import click, masks_by_frame, new_masklet, start_propagation, wait_job
from tests.inference.official import OfficialVideo, official_model, stored_masks
from tests.inference.test_sam2_corrections_flow import NO_CLEAN_UP

pytestmark = [pytest.mark.sam2, pytest.mark.worker, pytest.mark.usefixtures("transactional_db")]


def _clicks_answered(worker: Any, masklet: int, state: str = "") -> int:
    return worker.log().count(f"click on masklet {masklet} frame 2 ({state}")


def test_a_videos_clicks_go_to_the_worker_that_holds_it(
    exclusive_workers: Callable[..., Any], sam2_env: dict[str, str]
) -> None:
    workers = [exclusive_workers("interactive", env=sam2_env) for _ in range(2)]
    team = make_team(frames=6)
    client = team.client("annotator")
    masklet = new_masklet(client, team.video.pk)

    answers = [click(client, masklet, 2, points=[[30 + 5 * i, 30]], labels=[1]) for i in range(4)]
    assert [a["image_features"] for a in answers] == ["computed", "cached", "cached", "cached"]
    counts = [_clicks_answered(w, masklet) for w in workers]
    assert sorted(counts) == [0, 4], counts
    assert max(_clicks_answered(w, masklet, "warm") for w in workers) == 4  # all on its warm state
    holder, other = (workers[0], workers[1]) if counts[0] == 4 else (workers[1], workers[0])
    claimed = redis_client().get(f"masklet:video-worker:{team.video.pk}").decode()
    assert claimed in queue_workers("interactive")

    # The holder stops: the next click goes through the shared queue to the other worker, which
    # rebuilds the masklet from the database and claims the video.
    holder.stop()
    moved = click(client, masklet, 2, points=[[50, 30]], labels=[0])
    assert moved["image_features"] == "computed" and moved["mask"]["version"] == 5
    assert _clicks_answered(other, masklet, "rebuilt") == 1
    assert redis_client().get(f"masklet:video-worker:{team.video.pk}").decode() != claimed
    again = click(client, masklet, 2, points=[[55, 30]], labels=[0])
    assert again["image_features"] == "cached" and _clicks_answered(other, masklet, "warm") == 1


def test_a_correction_on_a_frame_another_worker_tracked_is_rebuilt_with_memory(
    exclusive_workers: Callable[..., Any], sam2_env: dict[str, str], sam2_checkpoint: Path, tmp_path: Path
) -> None:
    """The batch worker propagates from stored masks; the interactive worker rebuilds the
    masklet's state from the database (stored masks of the prompted frames, then the tracked
    frame from that memory) and answers the correction with it. The answer equals sam2's own
    predictor fed those calls, and differs from the clicks on that image alone."""
    exclusive_workers("interactive", env=sam2_env)
    exclusive_workers("batch", env=sam2_env)
    team = make_team(frames=10)
    Project.objects.filter(pk=team.project.pk).update(settings=NO_CLEAN_UP)
    client = team.client("annotator")
    a = new_masklet(client, team.video.pk)
    click(client, a, 0, points=[[22, 30]], labels=[1])
    job_id = start_propagation(client, team.video.pk, masklets=[a], start_frame=0, direction="forward")
    assert wait_job(client, job_id)["status"] == "succeeded"
    before = stored_masks(a)

    correction = click(client, a, 7, points=[[44, 30]], labels=[0])
    assert (correction["mask"]["source"], correction["mask"]["version"]) == ("prompt", 2)
    answered = maskcodec.decode(correction["rle"])

    model = official_model(sam2_checkpoint)
    rebuilt = OfficialVideo(model, team.video, tmp_path / "rebuilt")
    rebuilt.add_mask(a, 0, before[0])
    rebuilt.propagate(7, max_frames=0)  # frame 7 alone, tracked from the memory of frame 0
    assert np.array_equal(answered, rebuilt.click(a, 7, [[44, 30]], [0]))

    alone = OfficialVideo(model, team.video, tmp_path / "alone")
    alone.add_mask(a, 7, before[7])  # what a click on a tracked frame used to be
    assert not np.array_equal(answered, alone.click(a, 7, [[44, 30]], [0]))
    assert masks_by_frame(a)[7].source == "prompt"


def test_opencv_clicks_are_not_tied_to_a_worker(exclusive_workers: Callable[..., Any]) -> None:
    """The OpenCV backend holds nothing a later click needs: no worker claims the video, so a
    team's clicks on one video go through the shared queue to every interactive worker."""
    workers = [exclusive_workers("interactive") for _ in range(2)]
    team = make_team(frames=6)
    client = team.client("annotator")
    masklet = new_masklet(client, team.video.pk)
    for i in range(3):
        answer = click(client, masklet, 2, points=[[30 + 5 * i, 30]], labels=[1])
        assert answer["backend"] == "opencv"
    assert redis_client().get(f"masklet:video-worker:{team.video.pk}") is None
    assert sum(_clicks_answered(w, masklet) for w in workers) == 3
