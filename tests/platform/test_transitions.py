"""Task and masklet state machines through the API: every (state, action) pair, legal and illegal.

Tasks: new → in_progress → submitted → accepted | rejected, and rejected → in_progress.
Masklets: annotation.services.masklets.MASKLET_TRANSITIONS.
"""

from __future__ import annotations

import pytest

from annotation.models import Masklet, TaskTransition
from annotation.models.masklets import MaskletStatus
from annotation.models.tasks import TaskState
from annotation.services import masklets as masklet_services
from annotation.services import tasks as task_services
from annotation.services.masklets import MASKLET_TRANSITIONS
from tests.factories import Team, make_team

pytestmark = pytest.mark.django_db

TASK_STATES = [s.value for s in TaskState]
ACTIONS = ["start", "submit", "accept", "reject"]
# The only legal moves; every other (state, action) pair answers 409.
LEGAL = {
    ("new", "start"): "in_progress",
    ("rejected", "start"): "in_progress",
    ("in_progress", "submit"): "submitted",
    ("submitted", "accept"): "accepted",
    ("submitted", "reject"): "rejected",
}
ROUTE_TO = {  # how to reach each state from new
    "new": [],
    "in_progress": ["start"],
    "submitted": ["start", "submit"],
    "accepted": ["start", "submit", "accept"],
    "rejected": ["start", "submit", "reject"],
}
PAST = {"start": "started", "submit": "submitted", "accept": "accepted", "reject": "rejected"}


def _actor(action: str) -> str:
    return "reviewer" if action in ("accept", "reject") else "annotator"


def _task_in(team: Team, state: str) -> None:
    for action in ROUTE_TO[state]:
        task_services.task_transition(
            task=team.task, action=action, user=getattr(team, _actor(action)), comment="why"
        )
    team.task.refresh_from_db()
    assert team.task.state == state


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", TASK_STATES)
def test_task_transition(state: str, action: str) -> None:
    team = make_team()
    _task_in(team, state)
    audit_before = TaskTransition.objects.filter(task=team.task).count()
    response = team.client(_actor(action)).post(
        f"/api/tasks/{team.task.pk}/transitions/",
        {"action": action, "comment": "edges leak"},
        format="json",
    )
    team.task.refresh_from_db()
    if (state, action) in LEGAL:
        target = LEGAL[(state, action)]
        assert response.status_code == 200, response.json()
        assert response.json()["state"] == target == team.task.state
        last = TaskTransition.objects.filter(task=team.task).last()
        assert (last.action, last.from_state, last.to_state, last.user_id) == (
            action,
            state,
            target,
            getattr(team, _actor(action)).pk,
        )
    else:
        assert response.status_code == 409, response.json()
        detail = response.json()["detail"]
        assert detail == f"a task that is {state} cannot be {PAST[action]}", detail
        assert team.task.state == state  # unchanged
        assert TaskTransition.objects.filter(task=team.task).count() == audit_before


@pytest.mark.parametrize("comment", [None, "", "   \n"])
def test_task_reject_needs_a_comment(comment: str | None) -> None:
    team = make_team()
    _task_in(team, "submitted")
    body = {"action": "reject"} | ({} if comment is None else {"comment": comment})
    response = team.client("reviewer").post(
        f"/api/tasks/{team.task.pk}/transitions/", body, format="json"
    )
    assert response.status_code == 400
    assert "comment" in response.json()["detail"]
    team.task.refresh_from_db()
    assert team.task.state == "submitted"


def test_task_full_cycle_with_rework_keeps_the_audit_trail() -> None:
    team = make_team()
    steps = [
        ("annotator", "start"),
        ("annotator", "submit"),
        ("reviewer", "reject"),
        ("annotator", "start"),
        ("annotator", "submit"),
        ("reviewer", "accept"),
    ]
    for role, action in steps:
        response = team.client(role).post(
            f"/api/tasks/{team.task.pk}/transitions/",
            {"action": action, "comment": "holes in the mask"},
            format="json",
        )
        assert response.status_code == 200, (action, response.json())
    trail = list(
        TaskTransition.objects.filter(task=team.task).values_list("from_state", "to_state")
    )
    assert trail == [
        ("new", "in_progress"),
        ("in_progress", "submitted"),
        ("submitted", "rejected"),
        ("rejected", "in_progress"),
        ("in_progress", "submitted"),
        ("submitted", "accepted"),
    ]


@pytest.mark.parametrize(
    "body", [{"action": "finish"}, {"action": ""}, {}, {"action": None}, {"action": 3}]
)
def test_unknown_task_action_is_400(body: dict) -> None:
    team = make_team()
    response = team.client("manager").post(
        f"/api/tasks/{team.task.pk}/transitions/", body, format="json"
    )
    assert response.status_code == 400
    assert "action" in response.json()["errors"]
    team.task.refresh_from_db()
    assert team.task.state == "new"


# --- masklets ----------------------------------------------------------------------------------

MASKLET_STATES = [s.value for s in MaskletStatus]


def _masklet_in(team: Team, status: str) -> Masklet:
    masklet = masklet_services.masklet_create(video=team.video, user=team.annotator)
    if status != "draft":
        masklet = masklet_services.masklet_set_status(
            masklet=masklet, status=status, user=team.manager, comment="reason"
        )
    assert masklet.status == status
    return masklet


@pytest.mark.parametrize("target", MASKLET_STATES)
@pytest.mark.parametrize("current", MASKLET_STATES)
def test_masklet_status_transition(current: str, target: str) -> None:
    team = make_team()
    masklet = _masklet_in(team, current)
    before = (masklet.status, masklet.version, masklet.reviewed_by_id, masklet.review_comment)
    response = team.client("manager").patch(
        f"/api/masklets/{masklet.pk}/", {"status": target, "comment": "looks wrong"}, format="json"
    )
    masklet.refresh_from_db()
    if target in MASKLET_TRANSITIONS[current]:
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == masklet.status == target
        assert masklet.version == before[1] + 1
        if target in ("verified", "rejected"):
            assert (
                masklet.reviewed_by_id == team.manager.pk
                and masklet.review_comment == "looks wrong"
            )
    else:
        assert response.status_code == 409, response.json()
        assert response.json()["detail"] == f"a {current} masklet cannot become {target}"
        assert (
            masklet.status,
            masklet.version,
            masklet.reviewed_by_id,
            masklet.review_comment,
        ) == before


def test_every_status_has_a_transition_table_row() -> None:
    assert set(MASKLET_TRANSITIONS) == set(MASKLET_STATES)
    for current, targets in MASKLET_TRANSITIONS.items():
        assert current not in targets  # a status never "changes" to itself
        assert targets <= set(MASKLET_STATES)


@pytest.mark.parametrize("comment", [None, "", "  "])
def test_masklet_reject_needs_a_comment(comment: str | None) -> None:
    team = make_team()
    masklet = _masklet_in(team, "needs_verification")
    body = {"status": "rejected"} | ({} if comment is None else {"comment": comment})
    response = team.client("reviewer").patch(f"/api/masklets/{masklet.pk}/", body, format="json")
    assert response.status_code == 400
    assert "comment" in response.json()["detail"]
    masklet.refresh_from_db()
    assert masklet.status == "needs_verification"


@pytest.mark.parametrize("status", ["approved", "", None, 1, ["verified"]])
def test_unknown_masklet_status_is_400(status: object) -> None:
    team = make_team()
    masklet = _masklet_in(team, "draft")
    response = team.client("manager").patch(
        f"/api/masklets/{masklet.pk}/", {"status": status}, format="json"
    )
    assert response.status_code == 400, response.json()
    masklet.refresh_from_db()
    assert (masklet.status, masklet.version) == ("draft", 1)


def test_review_round_trip_by_the_right_people() -> None:
    team = make_team()
    masklet = (
        team.client("annotator")
        .post(f"/api/videos/{team.video.pk}/masklets/", {}, format="json")
        .json()
    )
    url = f"/api/masklets/{masklet['id']}/"
    annotator, reviewer = team.client("annotator"), team.client("reviewer")
    assert annotator.patch(url, {"status": "needs_verification"}, format="json").status_code == 200
    assert annotator.patch(url, {"status": "verified"}, format="json").status_code == 403
    assert (
        reviewer.patch(
            url, {"status": "rejected", "comment": "it is the shadow"}, format="json"
        ).status_code
        == 200
    )
    assert annotator.patch(url, {"status": "needs_verification"}, format="json").status_code == 200
    final = reviewer.patch(url, {"status": "verified"}, format="json")
    assert final.status_code == 200
    assert final.json()["status"] == "verified" and final.json()["reviewed_by"] == team.reviewer.pk
