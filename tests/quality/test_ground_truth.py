"""Ground truth and quality reports: Hungarian matching on J&F, missed and extra objects, reports
per annotator, task and project through the API."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import maskcodec
from annotation.evaluation import jf
from annotation.services import ground_truth as gt_services
from annotation.services import masklets as masklet_services
from annotation.services import tasks as task_services
from tests.delivery.delivery_helpers import square
from tests.factories import make_team

H, W = 64, 96  # the team video: 6 annotated frames


def _masklet(team: Any, user: Any, masks: dict[int, dict]) -> Any:
    masklet = masklet_services.masklet_create(video=team.video, user=user)
    for frame, rle in masks.items():
        masklet_services.frame_mask_put(masklet=masklet, frame=frame, rle=rle, version=0, user=user)
    return masklet


def _expected(gt: dict[int, dict], pred: dict[int, dict], frames: range) -> jf.ObjectScore:
    score = jf.score_object(gt, pred, frames)
    assert score is not None
    return score


def _band(c0: int, c1: int) -> np.ndarray:
    m = np.zeros((H, W), bool)
    m[0:20, c0:c1] = True
    return m


def test_score_group_uses_the_hungarian_assignment():
    a, b = _band(0, 20), _band(8, 28)  # two ground-truth objects that overlap
    x, y = _band(3, 23), _band(0, 14)
    jfs = {(g, p): _expected({0: gm}, {0: pm}, range(1)).jf
           for g, gm in (("a", a), ("b", b)) for p, pm in (("x", x), ("y", y))}
    # x is a's best, but taking it leaves b with y: the assignment maximising the sum differs
    assert jfs[("a", "x")] > jfs[("a", "y")]
    assert jfs[("a", "y")] + jfs[("b", "x")] > jfs[("a", "x")] + jfs[("b", "y")]
    objects, extra = gt_services.score_group({1: {0: a}, 2: {0: b}}, {10: {0: x}, 11: {0: y}}, [0])
    assert {o["ground_truth"]: o["matched"] for o in objects} == {1: 11, 2: 10}
    assert extra == []
    assert objects[0]["jf"] == pytest.approx(jfs[("a", "y")])
    assert objects[1]["jf"] == pytest.approx(jfs[("b", "x")])


def test_missed_objects_score_zero_and_extra_ones_are_counted():
    a = maskcodec.decode(square(H, W, 0, 0, 20))
    far = maskcodec.decode(square(H, W, 40, 70, 10))
    objects, extra = gt_services.score_group({1: {0: a, 1: a}}, {5: {1: far}}, [0, 1])
    # no shared pixel: not a match; GT object 1 missed (scored against nothing), masklet 5 extra
    assert objects == [{"ground_truth": 1, "matched": None, "j": 0.0, "f": 0.0, "jf": 0.0}]
    assert extra == [5]


@pytest.mark.django_db
def test_quality_report_per_annotator_task_and_project() -> None:
    team = make_team("gt")
    frames = range(6)
    car = {f: square(H, W, 10, 10 + 2 * f, 12) for f in frames}
    person = {f: square(H, W, 40, 60, 10) for f in range(3, 6)}  # appears late
    gt_car = _masklet(team, team.manager, car)
    gt_person = _masklet(team, team.manager, person)

    client = team.client("manager")
    url = f"/api/videos/{team.video.pk}/ground-truth/"
    assert team.client("annotator").put(url, {}, format="json").status_code == 403
    response = client.put(url, {}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["masklets"] == sorted([gt_car.pk, gt_person.pk])
    assert client.get(url).json()["video"] == team.video.pk

    # the assigned annotator (in the team's task): person first, car shifted 3 px, one extra
    a_person = _masklet(team, team.annotator, person)
    shifted = {f: square(H, W, 10, 13 + 2 * f, 12) for f in frames}
    a_car = _masklet(team, team.annotator, shifted)
    a_extra = _masklet(team, team.annotator, {0: square(H, W, 50, 0, 8)})
    # another annotator, in a task of frames 0-2 only: finds the car only
    other_task = task_services.task_create(
        project=team.project, video=team.video, assignee=team.other_annotator.pk, frame_start=0,
        frame_end=2,
    )
    o_car = _masklet(team, team.other_annotator, {f: car[f] for f in range(3)})

    report_url = f"/api/projects/{team.project.pk}/quality-report/"
    assert team.client("annotator").get(report_url).status_code == 403
    assert client.get(report_url + "?task=abc").status_code == 400
    response = team.client("reviewer").get(report_url)
    assert response.status_code == 200, response.content
    report = response.json()

    groups = {g["annotator"]: g for g in report["groups"]}
    mine = groups[team.annotator.pk]
    assert mine["task"] == team.task.pk and (mine["frame_start"], mine["frame_end"]) == (0, 5)
    matches = {o["ground_truth"]: o["matched"] for o in mine["objects_detail"]}
    assert matches == {gt_car.pk: a_car.pk, gt_person.pk: a_person.pk}
    assert mine["extra_masklets"] == [a_extra.pk]
    assert (mine["matched"], mine["missed"], mine["extra"]) == (2, 0, 1)
    car_score = _expected(car, shifted, frames)
    by_gt = {o["ground_truth"]: o for o in mine["objects_detail"]}
    assert by_gt[gt_car.pk]["jf"] == pytest.approx(car_score.jf, abs=1e-3)
    assert by_gt[gt_person.pk]["jf"] == 100.0
    assert mine["jf"] == pytest.approx((car_score.jf + 100) / 2, abs=1e-3)

    theirs = groups[team.other_annotator.pk]
    assert theirs["task"] == other_task.pk and (theirs["frame_start"], theirs["frame_end"]) == (0, 2)
    # on frames 0-2 the person never appears in the ground truth: not scored, not missed
    assert theirs["objects"] == 1 and theirs["missed"] == 0 and theirs["jf"] == 100.0
    assert [o["matched"] for o in theirs["objects_detail"]] == [o_car.pk]

    annotators = {a["annotator"]: a for a in report["annotators"]}
    assert annotators[team.annotator.pk]["annotator_name"] == team.annotator.username
    assert {t["task"] for t in report["tasks"]} == {team.task.pk, other_task.pk}
    overall = report["overall"]
    assert overall["objects"] == 3 and overall["extra"] == 1
    assert overall["jf"] == pytest.approx((car_score.jf + 100 + 100) / 3, abs=1e-3)

    # filters
    only = client.get(report_url + f"?annotator={team.other_annotator.pk}").json()
    assert [g["annotator"] for g in only["groups"]] == [team.other_annotator.pk]
    only_task = client.get(report_url + f"?task={team.task.pk}").json()
    assert [g["task"] for g in only_task["groups"]] == [team.task.pk]

    # a chosen set; bad ids are a 400; unmarking empties the report
    response = client.put(url, {"masklets": [gt_car.pk]}, format="json")
    assert response.json()["masklets"] == [gt_car.pk]
    assert client.put(url, {"masklets": [999999]}, format="json").status_code == 400
    assert client.delete(url).status_code == 204
    assert client.get(url).json()["masklets"] == []
    assert client.get(report_url).json()["groups"] == []
