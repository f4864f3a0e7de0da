"""Effort analytics from a scripted interaction log, with exact expected numbers.

The log is made by the real services (prompt_record, prompt_answer_store, frame_mask_put,
propagation_start and the propagation job's frame_masks_store); only the time of each
interaction is scripted, by setting its `at` to the script's second after the action.

Script (make_team: 6 frames, the annotator's task covers all of them; T0 = 10:00 UTC):
  annotator  t=0      prompt  m1 f0
             t=10     prompt  m1 f0   correction          gap 10
             t=20     edit    m1 f1   correction          gap 10
             t=50     propagate m1 from f0 (job writes f1..f5; f1 is an edit: kept)  gap 30
             t=200    prompt  m2 f3                       gap 150: a pause, not counted
             t=230    view    f3                          gap 30
             t=290    prompt  m2 f4   correction          gap 60: counted (only over 60 s is a pause)
             t=86400  prompt  m2 f5   correction (next day; gap not counted)
             t=86445  view    f5                          gap 45
  other      t=100    prompt  m3 f2   (no task)
             t=140    prompt  m3 f2   correction          gap 40 (the annotator's gaps never mix in)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest

import maskcodec
from annotation.models import Interaction, Masklet
from annotation.models.masklets import MaskSource
from annotation.selectors.analytics import effort_report
from annotation.services import interactions as interaction_services
from annotation.services import masklets as masklet_services
from annotation.services import prompts as prompt_services
from annotation.services import videos as video_services
from annotation.services.masklets import NewMask
from tests.factories import Team, make_team

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
H, W = 64, 96


def square(top: int = 10, left: int = 10, size: int = 12) -> Any:
    mask = np.zeros((H, W), dtype=bool)
    mask[top : top + size, left : left + size] = True
    return maskcodec.encode(mask)


def at(second: int) -> None:
    """Stamp the interaction just logged with the script's time."""
    newest = Interaction.objects.order_by("-id").first()
    assert newest is not None
    Interaction.objects.filter(pk=newest.pk).update(at=T0 + dt.timedelta(seconds=second))


def click(masklet: Masklet, frame: int, user: Any, second: int) -> None:
    prompt = prompt_services.prompt_record(masklet=masklet, frame=frame, user=user, points=[[20, 20]], labels=[1])
    at(second)
    prompt_services.prompt_answer_store(prompt=prompt, rle=square(), score=0.9)


def play_script(team: Team) -> dict[str, Masklet]:
    a, b, video = team.annotator, team.other_annotator, team.video
    m1, m2, m3 = (masklet_services.masklet_create(video=video, user=a) for _ in range(3))
    click(m1, 0, a, 0)
    click(m1, 0, a, 10)
    masklet_services.frame_mask_put(masklet=m1, frame=1, rle=dict(square(left=30)), version=None, user=a)
    at(20)
    job = video_services.propagation_start(
        video=video, user=a, masklets=[m1.pk], start_frame=0, direction="forward", max_frames=None
    )
    at(50)
    # What the propagation job stores (inference/bridge/propagation.py), without the worker.
    masklet_services.frame_masks_store(
        masklet=m1, masks=[NewMask(frame=f, rle=square(left=f * 5), source=MaskSource.PROPAGATED) for f in range(1, 6)],
        job_id=job.pk,
    )
    click(m3, 2, b, 100)
    click(m3, 2, b, 140)
    click(m2, 3, a, 200)
    interaction_services.activity_record(user=a, video=video, frame=3)
    at(230)
    click(m2, 4, a, 290)
    click(m2, 5, a, 86400)
    interaction_services.activity_record(user=a, video=video, frame=5)
    at(86445)
    return {"m1": m1, "m2": m2, "m3": m3}


def numbers(rows: list[Any]) -> dict[Any, tuple]:
    return {
        row.key: (
            row.active_seconds, row.annotated_frames, row.hand_frames, row.propagated_frames, row.clicks,
            row.corrections, row.edits, row.propagations, row.masklets, row.clicks_per_masklet,
            row.corrections_per_masklet, row.seconds_per_frame,
        )
        for row in rows
    }


@pytest.fixture
def team() -> Team:
    team = make_team()
    play_script(team)
    return team


def test_the_log_records_each_action_where_it_happens(team: Team) -> None:
    kinds = list(Interaction.objects.filter(user=team.annotator).order_by("at").values_list("kind", "frame", "task_id"))
    task = team.task.pk
    assert kinds == [
        ("prompt", 0, task), ("prompt", 0, task), ("edit", 1, task), ("propagate", 0, task), ("prompt", 3, task),
        ("view", 3, task), ("prompt", 4, task), ("prompt", 5, task), ("view", 5, task),
    ]
    assert list(Interaction.objects.filter(user=team.other_annotator).values_list("task_id", flat=True)) == [None, None]
    assert Interaction.objects.filter(kind="propagate").get().job_id is not None


def test_per_annotator(team: Team) -> None:
    rows = numbers(effort_report(team.manager, team.project, group="annotator"))
    assert rows == {
        # active 10+10+30+30+60+45; hand (m1,0) (m1,1) (m2,3) (m2,4) (m2,5); propagated (m1,2..5)
        team.annotator.pk: (185.0, 9, 5, 4, 5, 4, 1, 1, 2, 2.5, 2.0, 20.556),
        team.other_annotator.pk: (40.0, 1, 1, 0, 2, 1, 0, 0, 1, 2.0, 1.0, 40.0),
    }


def test_per_task(team: Team) -> None:
    rows = numbers(effort_report(team.manager, team.project, group="task"))
    assert rows == {
        team.task.pk: (185.0, 9, 5, 4, 5, 4, 1, 1, 2, 2.5, 2.0, 20.556),
        None: (40.0, 1, 1, 0, 2, 1, 0, 0, 1, 2.0, 1.0, 40.0),
    }


def test_per_day(team: Team) -> None:
    rows = numbers(effort_report(team.manager, team.project, group="day"))
    assert rows == {
        "2026-03-02": (180.0, 9, 5, 4, 6, 4, 1, 1, 3, 2.0, 1.333, 20.0),
        "2026-03-03": (45.0, 1, 1, 0, 1, 1, 0, 0, 1, 1.0, 1.0, 45.0),
    }
    only_first = numbers(effort_report(team.manager, team.project, group="day", until=dt.date(2026, 3, 2)))
    assert list(only_first) == ["2026-03-02"]


def test_per_project(team: Team) -> None:
    rows = numbers(effort_report(team.manager, team.project, group="project"))
    assert rows == {team.project.pk: (225.0, 10, 6, 4, 7, 5, 1, 1, 3, 2.333, 1.667, 22.5)}


def test_an_annotator_sees_only_their_own_work(team: Team) -> None:
    rows = numbers(effort_report(team.other_annotator, team.project, group="project"))
    assert rows == {team.project.pk: (40.0, 1, 1, 0, 2, 1, 0, 0, 1, 2.0, 1.0, 40.0)}


def test_a_propagation_overwritten_by_hand_counts_as_hand(team: Team) -> None:
    m1 = Masklet.objects.order_by("pk").first()
    assert m1 is not None
    current = m1.masks.get(frame=3)
    masklet_services.frame_mask_put(masklet=m1, frame=3, rle=dict(square()), version=current.version, user=team.annotator)
    at(86450)
    row = effort_report(team.manager, team.project, group="annotator")[0]
    assert (row.key, row.hand_frames, row.propagated_frames, row.annotated_frames) == (team.annotator.pk, 6, 3, 9)
