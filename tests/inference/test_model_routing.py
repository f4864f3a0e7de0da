"""Model roles (annotation/jobs/routing.py): two real workers hold different models (named through
MASKLET_MODEL_NAME, as an operator names two checkpoints of one backend), the web process maps
roles to them, and each job and click lands on the worker holding its role's model; a role
whose model no live worker holds is refused at once with a 503 naming the role and the model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from annotation.models import Job, Project, Prompt
from tests.factories import make_team
from tests.inference.helpers import click, new_masklet, wait_job

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db")]

ROLES = {"rapid": "rapid-cv", "accurate": "accurate-cv"}


@pytest.fixture
def roles(settings: Any) -> dict[str, str]:
    settings.MASKLET = {**settings.MASKLET, "MODEL_ROLES": dict(ROLES)}
    return ROLES


def _ran_on(worker: Any, job_id: int) -> bool:
    return f"job {job_id} runs on model" in worker.log()


def test_jobs_and_clicks_land_on_the_worker_holding_their_roles_model(
    exclusive_workers: Callable[..., Any], roles: dict[str, str]
) -> None:
    rapid = exclusive_workers("interactive,batch,cpu", env={"MASKLET_MODEL_NAME": roles["rapid"]})
    accurate = exclusive_workers("interactive,batch,cpu", env={"MASKLET_MODEL_NAME": roles["accurate"]})
    team = make_team(frames=6)
    client = team.client("annotator")
    masklet = new_masklet(client, team.video.pk)

    # Clicks: each role's model answers, and says so.
    assert click(client, masklet, 0, box=[4, 14, 42, 50], role="rapid")["model"] == "rapid-cv"
    assert click(client, masklet, 0, box=[4, 14, 42, 50], role="accurate")["model"] == "accurate-cv"
    # The project's default role answers a click that names none.
    Project.objects.filter(pk=team.project.pk).update(settings={"models": {"default_role": "rapid"}})
    assert click(client, masklet, 0, box=[4, 14, 40, 50])["model"] == "rapid-cv"

    # Jobs: a propagation of each role runs on the worker holding its model.
    jobs = {}
    for role in ("accurate", "rapid"):
        response = client.post(f"/api/videos/{team.video.pk}/propagations/",
                               {"masklets": [masklet], "start_frame": 0, "direction": "forward", "role": role},
                               format="json")
        assert response.status_code == 202, response.content
        jobs[role] = response.json()["job"]
        state = wait_job(client, jobs[role])
        assert state["status"] == "succeeded", state
        assert state["params"]["model"] == roles[role] and state["params"]["role"] == role
    assert _ran_on(accurate, jobs["accurate"]) and not _ran_on(rapid, jobs["accurate"])
    assert _ran_on(rapid, jobs["rapid"]) and not _ran_on(accurate, jobs["rapid"])

    # Automatic masklets with no role follow the project's default role (rapid).
    response = client.post(f"/api/videos/{team.video.pk}/automasklets/", {"key_frame": 0, "max_frames": 2}, format="json")
    assert response.status_code == 202, response.content
    auto = response.json()["job"]
    assert wait_job(client, auto)["status"] == "succeeded"
    assert _ran_on(rapid, auto) and not _ran_on(accurate, auto)

    # /api/status/ shows each role's model and whether a live worker serves it.
    status = {r["role"]: r for r in client.get("/api/status/").json()["roles"]}
    assert status["rapid"]["model"] == "rapid-cv" and status["rapid"]["served"]
    assert status["rapid"]["models"] == ["rapid-cv"]
    assert status["accurate"]["batch_workers"] and status["accurate"]["models"] == ["accurate-cv"]
    assert status["concept"]["model"] is None  # unmapped: any worker (the shared queues)
    assert sorted(status["concept"]["models"]) == ["accurate-cv", "rapid-cv"]

    # A text prompt on a role whose model takes none: 409 naming the model, no job.
    before = Job.objects.count()
    response = client.post(f"/api/videos/{team.video.pk}/concepts/", {"text": "bed", "role": "rapid"}, format="json")
    assert response.status_code == 409, response.content
    assert "rapid-cv" in response.json()["detail"] and "text prompts" in response.json()["detail"]
    assert Job.objects.count() == before

    # The rapid model's worker stops: its role is refused at once, the other still served.
    rapid.stop()
    response = client.post(f"/api/masklets/{masklet}/prompts/", {"frame": 1, "box": [4, 14, 42, 50], "role": "rapid"},
                           format="json")
    assert response.status_code == 503, response.content
    assert '"rapid-cv"' in response.json()["detail"] and "rapid role" in response.json()["detail"]
    assert click(client, masklet, 1, box=[4, 14, 42, 50], role="accurate")["model"] == "accurate-cv"


def test_a_role_no_live_worker_holds_is_refused_at_once(settings: Any) -> None:
    settings.MASKLET = {**settings.MASKLET, "MODEL_ROLES": {"rapid": "absent-model", "concept": "absent-sam3"}}
    team = make_team(frames=4)
    client = team.client("annotator")
    masklet = new_masklet(client, team.video.pk)
    prompts = Prompt.objects.count()

    response = client.post(f"/api/masklets/{masklet}/prompts/", {"frame": 0, "box": [4, 14, 42, 50], "role": "rapid"},
                           format="json")
    assert response.status_code == 503, response.content
    assert '"absent-model" of the rapid role' in response.json()["detail"]
    assert Prompt.objects.count() == prompts  # the click was withdrawn

    for path, body in ((f"/api/videos/{team.video.pk}/propagations/", {"masklets": [masklet], "start_frame": 0, "role": "rapid"}),
                       (f"/api/videos/{team.video.pk}/automasklets/", {"role": "rapid"}),
                       (f"/api/videos/{team.video.pk}/concepts/", {"text": "a chair"})):
        response = client.post(path, body, format="json")
        if "propagations" in path:  # it has no mask on frame 0 yet: that is said first
            assert response.status_code == 400, response.content
            continue
        assert response.status_code == 503, (path, response.content)
        detail = response.json()["detail"]
        assert ("absent-model" in detail and "rapid" in detail) or ("absent-sam3" in detail and "concept" in detail)
    assert not Job.objects.filter(kind__in=["automask", "concept"]).exists()

    # A role that is not a role at all is bad input.
    response = client.post(f"/api/videos/{team.video.pk}/automasklets/", {"role": "fastest"}, format="json")
    assert response.status_code == 400 and "role" in response.json()["errors"]
