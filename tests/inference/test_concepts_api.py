"""`POST /api/videos/{id}/concepts/`: bad input answers 4xx naming what is wrong, never 500;
permissions as for automatic masklets (annotators within their task's frames); a deployment whose
workers hold no model that takes text prompts answers 409 naming the model, and queues nothing.
The concept job itself, with a tiny SAM 3: tests/inference/test_concepts_sam3.py."""

from __future__ import annotations

from typing import Any

import pytest

from annotation.models import Job, Label
from annotation.services import tasks as task_services
from tests.factories import make_team

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db", "celery_worker")]


def _post(client: Any, video: int, body: dict[str, Any]) -> Any:
    return client.post(f"/api/videos/{video}/concepts/", body, format="json")


def test_bad_concept_requests_are_refused_with_a_reason() -> None:
    team = make_team(frames=6)
    manager = team.client("manager")
    other_project = make_team("elsewhere-", frames=2)
    foreign = Label.objects.create(project=other_project.project, name="car", color="#ff0000")
    video = team.video.pk
    cases = [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "x" * 201}, "text"),
        ({"text": "car", "first_frame": -1}, "first_frame"),
        ({"text": "car", "first_frame": 4, "last_frame": 2}, "first_frame <= last_frame"),
        ({"text": "car", "last_frame": 6}, "last_frame <= 5"),
        ({"text": "car", "label": foreign.pk}, f"label {foreign.pk}"),
        ({"text": "car", "role": "fastest"}, "role"),
        ({"text": ["car"]}, "text"),
    ]
    for body, needle in cases:
        response = _post(manager, video, body)
        assert response.status_code == 400, (body, response.status_code, response.content)
        assert needle in response.content.decode(), (body, response.content)
    assert _post(manager, 999_999, {"text": "car"}).status_code == 404
    assert not Job.objects.filter(kind="concept").exists()


def test_permissions_follow_automatic_masklets() -> None:
    team = make_team(frames=8)
    task_services.task_update(task=team.task, frame_start=2, frame_end=5)
    video = team.video.pk
    assert _post(team.client("outsider"), video, {"text": "car"}).status_code == 404
    assert _post(team.client("reviewer"), video, {"text": "car"}).status_code == 403
    assert _post(team.client("other_annotator"), video, {"text": "car"}).status_code == 403  # no task on this video
    annotator = team.client("annotator")
    beyond = _post(annotator, video, {"text": "car", "first_frame": 3, "last_frame": 7})
    assert beyond.status_code == 403 and "5" in beyond.json()["detail"], beyond.content
    assert _post(annotator, video, {"text": "car"}).status_code == 403  # the whole video: beyond the task
    # Within the task, the request is allowed and meets the deployment: this session's worker
    # runs OpenCV, which takes no text prompts.
    within = _post(annotator, video, {"text": "car", "first_frame": 2, "last_frame": 5})
    assert within.status_code == 409, within.content
    assert not Job.objects.filter(kind="concept").exists()


def test_a_model_without_text_prompts_is_named_in_a_409() -> None:
    team = make_team(frames=4)
    response = _post(team.client("manager"), team.video.pk, {"text": "a red car"})
    assert response.status_code == 409, response.content
    detail = response.json()["detail"]
    assert "opencv" in detail and "text prompts" in detail and "MASKLET_MODEL_CONCEPT" in detail
    assert not Job.objects.filter(kind="concept").exists()
