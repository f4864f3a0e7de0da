"""An annotator's propagation writes only the frames of their task (the job's frame_bounds), with
the default worker (OpenCV backend) on a synthetic clip; a manager's reaches the video's ends."""

from __future__ import annotations

import pytest

from annotation.models.masklets import MaskSource
from annotation.services import tasks as task_services
from tests.factories import make_team
from tests.inference.helpers import click, masks_by_frame, new_masklet, start_propagation, wait_job

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db", "celery_worker")]


def square_box(frame: int) -> list[float]:
    return [10 + 3 * frame - 4, 16, 10 + 3 * frame + 28, 48]


def test_annotator_propagation_stops_at_the_task_edges() -> None:
    team = make_team(frames=8)
    task_services.task_update(task=team.task, frame_start=2, frame_end=5)
    annotator = team.client("annotator")
    masklet = new_masklet(annotator, team.video.pk)
    click(annotator, masklet, 3, box=square_box(3))

    job_id = start_propagation(annotator, team.video.pk, masklets=[masklet], start_frame=3, direction="both")
    done = wait_job(annotator, job_id, timeout=120)
    assert done["status"] == "succeeded", done
    assert done["params"]["frame_bounds"] == [2, 5]
    stored = masks_by_frame(masklet)
    assert sorted(stored) == [2, 3, 4, 5]
    assert {f: m.source for f, m in stored.items() if f != 3} == dict.fromkeys([2, 4, 5], MaskSource.PROPAGATED)

    manager = team.client("manager")
    job_id = start_propagation(manager, team.video.pk, masklets=[masklet], start_frame=3, direction="both")
    assert wait_job(manager, job_id, timeout=120)["status"] == "succeeded"
    assert sorted(masks_by_frame(masklet)) == list(range(8))
