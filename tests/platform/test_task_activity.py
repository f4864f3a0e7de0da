"""A task's activity feed (creation, state changes with their comments, messages; who and when) and
the session probe the browser app calls on every page load (never a 401)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories import client_for, make_team

pytestmark = pytest.mark.django_db


def test_feed_holds_state_changes_and_the_reviewers_rejection_comment_in_order() -> None:
    team = make_team("feed")
    task = team.task.pk
    annotator, reviewer = client_for(team.annotator), client_for(team.reviewer)
    assert annotator.post(f"/api/tasks/{task}/transitions/", {"action": "start"}, format="json").status_code == 200
    said = annotator.post(f"/api/tasks/{task}/activity/", {"text": "  frame 3 is blurred, I skipped it  "}, format="json")
    assert said.status_code == 201
    assert annotator.post(f"/api/tasks/{task}/transitions/", {"action": "submit"}, format="json").status_code == 200
    rejected = reviewer.post(f"/api/tasks/{task}/transitions/", {"action": "reject", "comment": "the dog's tail is missing"}, format="json")
    assert rejected.status_code == 200

    feed = client_for(team.manager).get(f"/api/tasks/{task}/activity/").json()
    assert [(e["kind"], e["action"], e["to_state"], e["user"]) for e in feed] == [
        ("created", "", "new", None),
        ("transition", "start", "in_progress", team.annotator.username),
        ("comment", "", "", team.annotator.username),
        ("transition", "submit", "submitted", team.annotator.username),
        ("transition", "reject", "rejected", team.reviewer.username),
    ]
    assert feed[2]["text"] == "frame 3 is blurred, I skipped it"
    assert feed[4]["text"] == "the dog's tail is missing" and feed[4]["from_state"] == "submitted"
    times = [e["created_at"] for e in feed]
    assert times == sorted(times)


def test_feed_refuses_people_outside_the_task_and_empty_messages() -> None:
    team = make_team("feedperm")
    task = team.task.pk
    other = client_for(team.other_annotator).get(f"/api/tasks/{task}/activity/")
    assert other.status_code == 403 and "conversation" in other.json()["detail"]
    assert client_for(team.outsider).get(f"/api/tasks/{task}/activity/").status_code == 404
    empty = client_for(team.annotator).post(f"/api/tasks/{task}/activity/", {"text": "   "}, format="json")
    assert empty.status_code == 400 and empty.json()["detail"]
    too_long = client_for(team.annotator).post(f"/api/tasks/{task}/activity/", {"text": "x" * 5001}, format="json")
    assert too_long.status_code == 400
    assert len(client_for(team.annotator).get(f"/api/tasks/{task}/activity/").json()) == 1  # only "created"


def test_session_answers_200_for_nobody_and_names_the_logged_in_user() -> None:
    team = make_team("session")
    nobody = APIClient().get("/api/auth/session/")
    assert nobody.status_code == 200 and nobody.json() == {"user": None}
    me = client_for(team.annotator).get("/api/auth/session/")
    assert me.status_code == 200
    assert me.json()["user"]["username"] == team.annotator.username
    assert me.json()["user"]["password_change_required"] is False
    # scripts keep their contract: /api/auth/me/ still answers 401 without credentials
    assert APIClient().get("/api/auth/me/").status_code == 401
