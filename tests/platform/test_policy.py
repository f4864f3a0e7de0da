"""Policy holes of issue 11: a review issue's text belongs to its author; annotators write masks only
on the frames of their tasks (managers everywhere), and the refusal names the allowed frames."""

from __future__ import annotations

import pytest

from annotation.models import FrameMask, Job, Prompt, ReviewIssue
from annotation.services import masklets as masklet_services
from annotation.services import tasks as task_services
from tests.platform.conftest import World, square_rle

pytestmark = pytest.mark.django_db


# --- review issues -------------------------------------------------------------------------------


def test_issue_text_is_changed_by_its_author_only(world: World) -> None:
    issue_url = f"/api/issues/{world.issue.pk}/"  # filed by the reviewer
    for role in ("annotator", "manager"):
        refused = world.team.client(role).patch(issue_url, {"text": f"{role} rewrote it"}, format="json")
        assert refused.status_code == 403, (role, refused.json())
        assert refused.json() == {"detail": "Only the issue's author can change its text."}
    world.issue.refresh_from_db()
    assert world.issue.text == "edge is off" and world.issue.author == world.team.reviewer

    own = world.team.client("reviewer").patch(issue_url, {"text": "left edge is off"}, format="json")
    assert own.status_code == 200 and own.json()["text"] == "left edge is off"
    assert own.json()["author"] == world.team.reviewer.username


def test_issue_resolution_by_the_roles_that_comment(world: World) -> None:
    """Resolve or reopen: managers, reviewers and the video's annotators; not an annotator of
    another part of the project. A text change smuggled in with a resolution is refused whole."""
    issue_url = f"/api/issues/{world.issue.pk}/"
    outsider = world.team.client("other_annotator").patch(issue_url, {"resolved": True}, format="json")
    assert outsider.status_code == 403
    mixed = world.team.client("annotator").patch(issue_url, {"resolved": True, "text": "fine"}, format="json")
    assert mixed.status_code == 403
    world.issue.refresh_from_db()
    assert world.issue.resolved is False and world.issue.text == "edge is off"

    for role, resolved in (("annotator", True), ("manager", False), ("reviewer", True)):
        answer = world.team.client(role).patch(issue_url, {"resolved": resolved}, format="json")
        assert answer.status_code == 200 and answer.json()["resolved"] is resolved, (role, answer.json())
        issue = ReviewIssue.objects.get(pk=world.issue.pk)
        assert issue.resolved_by == (getattr(world.team, role) if resolved else None)


# --- frame ranges --------------------------------------------------------------------------------


@pytest.fixture
def narrow(world: World) -> World:
    """The annotator's task covers frames 1 to 2 of the 6-frame video."""
    task_services.task_update(task=world.team.task, frame_start=1, frame_end=2)
    return world


def _put(world: World, role: str, frame: int, version: int = 0) -> object:
    return world.team.client(role).put(
        f"/api/masklets/{world.masklet.pk}/masks/{frame}/", {"rle": square_rle(), "version": version}, format="json"
    )


def test_annotator_edits_masks_only_inside_their_task(narrow: World) -> None:
    outside = _put(narrow, "annotator", 4)
    assert outside.status_code == 403
    assert outside.json()["detail"] == (
        "Frame 4 is outside your tasks on this video: you may edit frames 1 to 2 only."
    )
    assert not FrameMask.objects.filter(masklet=narrow.masklet, frame=4).exists()

    inside = _put(narrow, "annotator", 2)
    assert inside.status_code == 200 and inside.json()["frame"] == 2

    manager = _put(narrow, "manager", 4)
    assert manager.status_code == 200 and manager.json()["frame"] == 4


def test_frame_outside_the_video_stays_a_400(narrow: World) -> None:
    answer = _put(narrow, "annotator", 99)
    assert answer.status_code == 400 and "frame must be between 0 and 5" in answer.json()["detail"]


def test_annotator_clicks_only_inside_their_task(narrow: World) -> None:
    """Refused before the prompt is recorded or a worker is asked."""
    prompts = Prompt.objects.count()
    answer = narrow.team.client("annotator").post(
        f"/api/masklets/{narrow.masklet.pk}/prompts/", {"frame": 5, "points": [[20, 20]], "labels": [1]}, format="json"
    )
    assert answer.status_code == 403 and "you may edit frames 1 to 2 only" in answer.json()["detail"]
    assert Prompt.objects.count() == prompts


def test_ranges_of_several_tasks_are_merged_in_the_message(narrow: World) -> None:
    team = narrow.team
    task_services.task_create(project=team.project, video=team.video, assignee=team.annotator.pk, frame_start=3, frame_end=3)
    task_services.task_create(project=team.project, video=team.video, assignee=team.annotator.pk, frame_start=5)
    assert _put(narrow, "annotator", 3).status_code == 200  # 1..2 and 3..3 join
    refused = _put(narrow, "annotator", 4)
    assert refused.status_code == 403
    assert refused.json()["detail"].endswith("you may edit frames 1 to 3, 5 only.")
    assert _put(narrow, "annotator", 5).status_code == 200  # no end: to the last frame


def test_finished_tasks_grant_no_frames(narrow: World) -> None:
    """A submitted task is no longer open for work: its frames are refused as before."""
    client = narrow.team.client("annotator")
    task_url = f"/api/tasks/{narrow.team.task.pk}/transitions/"
    assert client.post(task_url, {"action": "start"}, format="json").status_code == 200
    assert client.post(task_url, {"action": "submit"}, format="json").status_code == 200
    assert _put(narrow, "annotator", 1).status_code == 403


def test_annotator_deletes_a_masklet_only_when_all_its_masks_are_in_range(narrow: World) -> None:
    masklet = narrow.masklet  # holds a mask on frame 0, outside frames 1 to 2
    refused = narrow.team.client("annotator").delete(f"/api/masklets/{masklet.pk}/")
    assert refused.status_code == 403 and "Frame 0 is outside your tasks" in refused.json()["detail"]
    inside = masklet_services.masklet_create(video=narrow.team.video, user=narrow.team.annotator)
    masklet_services.frame_mask_put(masklet=inside, frame=1, rle=square_rle(), version=0, user=narrow.team.annotator)
    assert narrow.team.client("annotator").delete(f"/api/masklets/{inside.pk}/").status_code == 204
    assert narrow.team.client("manager").delete(f"/api/masklets/{masklet.pk}/").status_code == 204


def test_annotator_propagation_is_clipped_to_their_task(narrow: World) -> None:
    """Started outside the range: 403. Started inside: the job may write the task's frames only
    (params.frame_bounds, which the bridge's plan honours: tests/inference/test_frame_bounds.py)."""
    team = narrow.team
    masklet_services.frame_mask_put(masklet=narrow.masklet, frame=1, rle=square_rle(), version=0, user=team.manager)
    url = f"/api/videos/{team.video.pk}/propagations/"
    body = {"masklets": [narrow.masklet.pk], "direction": "both"}
    jobs = Job.objects.count()
    outside = team.client("annotator").post(url, {**body, "start_frame": 0}, format="json")
    assert outside.status_code == 403 and "you may edit frames 1 to 2 only" in outside.json()["detail"]
    assert Job.objects.count() == jobs

    inside = team.client("annotator").post(url, {**body, "start_frame": 1}, format="json")
    assert inside.status_code == 202, inside.json()
    assert Job.objects.get(pk=inside.json()["job"]).params["frame_bounds"] == [1, 2]
    Job.objects.filter(pk=inside.json()["job"]).update(status="cancelled")

    manager = team.client("manager").post(url, {**body, "start_frame": 1}, format="json")
    assert manager.status_code == 202 and "frame_bounds" not in Job.objects.get(pk=manager.json()["job"]).params


def test_annotator_automasklets_on_a_key_frame_of_their_task(narrow: World) -> None:
    team = narrow.team
    url = f"/api/videos/{team.video.pk}/automasklets/"
    default_key = team.client("annotator").post(url, {}, format="json")  # the project's key frame: 0
    assert default_key.status_code == 403 and "Frame 0 is outside" in default_key.json()["detail"]
    inside = team.client("annotator").post(url, {"key_frame": 2}, format="json")
    assert inside.status_code == 202, inside.json()
    assert Job.objects.get(pk=inside.json()["job"]).params["frame_bounds"] == [1, 2]
