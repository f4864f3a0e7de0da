"""Concept prompts end to end through the API with a real Celery worker running SAM 3 (the tiny
random-weights folder `python -m inference.engine.random_checkpoint --model sam3-tiny` writes,
loaded as an operator's folder): the job on the concept model's queue, proposal masklets with
their text and per-frame scores, events, review (accept, discard), de-duplication against
existing masklets, cancel, and resume from the last stored frame after a SIGKILL.

Random weights find meaningless instances, scoring about 0.25: the project asks for every
instance (project setting concepts.score_threshold = 0), so that proposals exist. The masks mean nothing;
their shapes, the flow and the bookkeeping are what is checked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import maskcodec
from annotation.models import FrameMask, Job, Masklet, Project
from tests.factories import make_team, ready_video
from tests.inference.helpers import EventListener, new_masklet, wait_job

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db")]


EVERY_INSTANCE = {"concepts": {"score_threshold": 0.0}}


@pytest.fixture
def concept_role(settings: Any) -> None:
    settings.MASKLET = {**settings.MASKLET, "MODEL_ROLES": {"concept": "sam3"}}


def _start(client: Any, video: int, **body: Any) -> dict[str, Any]:
    response = client.post(f"/api/videos/{video}/concepts/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def _proposals(job_id: int) -> list[Masklet]:
    return list(Masklet.objects.filter(masks__job_id=job_id).distinct().order_by("pk"))


@pytest.mark.timeout(900)
def test_a_text_prompt_proposes_masklets_reviewed_like_automatic_ones(
    exclusive_workers: Callable[..., Any], sam3_env: dict[str, str], concept_role: None
) -> None:
    worker = exclusive_workers(env=sam3_env)
    team = make_team(frames=6)
    Project.objects.filter(pk=team.project.pk).update(settings=EVERY_INSTANCE)
    client = team.client("annotator")
    video = team.video.pk
    label = team.client("manager").post(f"/api/projects/{team.project.pk}/labels/", {"name": "square"}, format="json")
    assert label.status_code == 201, label.content
    label_id = label.json()["id"]
    manual = new_masklet(client, video, name="by hand")  # an existing masklet the job leaves alone

    listener = EventListener(video)
    job = _start(client, video, text="  a   square ", label=label_id, first_frame=1, last_frame=4)
    assert (job["kind"], job["params"]["text"], job["params"]["model"], job["params"]["role"]) == (
        "concept", "a square", "sam3", "concept")
    done = wait_job(client, job["id"], timeout=600)
    assert done["status"] == "succeeded", (done, worker.log()[-3000:])
    assert done["provenance"]["backend"] == "sam3"
    assert f"concept job {job['id']} runs on model sam3" in worker.log()
    result = done["result"]
    assert result["frames_stored"] == 4 and result["text"] == "a square"
    proposals = Masklet.objects.filter(pk__in=result["masklets"]).order_by("pk")
    assert proposals.count() == len(result["masklets"]) > 0, result
    for masklet in proposals:
        assert (masklet.origin, masklet.status, masklet.concept) == ("concept", "needs_verification", "a square")
        assert masklet.label_id == label_id
        masks = list(FrameMask.objects.filter(masklet=masklet))
        assert masks and all(1 <= m.frame <= 4 for m in masks)  # the frame range only
        assert all(m.job_id == job["id"] and m.score is not None and 0 <= m.score <= 1 for m in masks)
        assert all(m.rle["size"] == [64, 96] and m.area > 0 for m in masks)
        assert min(masks, key=lambda m: m.frame).source == "auto"
    assert Masklet.objects.get(pk=manual).origin == "manual"

    events = listener.drain()
    mine = [e for e in events if e.get("job") == job["id"]]
    assert {e["type"] for e in mine} == {"job.progress", "job.finished"} and all(e["kind"] == "concept" for e in mine)
    created = {e["masklet"] for e in events if e["type"] == "masklet.changed" and e["action"] == "created"}
    assert created == set(result["masklets"])
    assert {e["masklet"] for e in events if e["type"] == "mask.updated"} == set(result["masklets"])

    # The workspace lists them with their text; review as automatic masklets: accept, discard.
    listed = {m["id"]: m for m in client.get(f"/api/videos/{video}/masklets/").json()}
    assert all(listed[pk]["origin"] == "concept" and listed[pk]["concept"] == "a square" for pk in result["masklets"])
    accepted, discarded = result["masklets"][0], result["masklets"][-1]
    response = client.patch(f"/api/masklets/{accepted}/", {"status": "draft"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "draft", response.content
    if discarded != accepted:
        assert client.delete(f"/api/masklets/{discarded}/").status_code == 204
        assert not Masklet.objects.filter(pk=discarded).exists()

    # The same prompt again finds the same instances (deterministic weights): all of them are
    # already there, but the one discarded, which is proposed again.
    again = _start(client, video, text="a square", label=label_id, first_frame=1, last_frame=4)
    second = wait_job(client, again["id"], timeout=600)
    assert second["status"] == "succeeded", second
    expected_new = 1 if discarded != accepted else 0
    assert len(second["result"]["masklets"]) == expected_new, (result, second["result"])
    assert second["result"]["dropped"] >= len(result["masklets"]) - expected_new


@pytest.mark.timeout(900)
def test_a_concept_job_cancels_and_resumes_from_its_last_stored_frame(
    exclusive_workers: Callable[..., Any], sam3_env: dict[str, str]
) -> None:
    """No role mapped here: the job goes to the queue of the live model that takes text prompts,
    never to the OpenCV worker that shares the batch queue with it."""
    # Random weights never match an instance to the next frame's: every frame adds objects the
    # model tracks from then on, so each frame is slower than the last; a short clip suffices.
    frames = 16
    first_worker = exclusive_workers(env=sam3_env)
    opencv = exclusive_workers("batch")
    team = make_team(frames=2)
    Project.objects.filter(pk=team.project.pk).update(settings=EVERY_INSTANCE)
    client = team.client("manager")
    long_video = ready_video(team.project, frames=frames, name="long").pk

    # Cancel: the job stops within a frame, and keeps what it stored.
    job = _start(client, long_video, text="square")
    assert (job["params"]["role"], job["params"]["model"]) == ("concept", "sam3")
    wait_job(client, job["id"], timeout=300, until=lambda j: j["progress"] > 0)
    assert client.post(f"/api/jobs/{job['id']}/cancel/").status_code == 200
    cancelled = wait_job(client, job["id"], timeout=120)
    assert cancelled["status"] == "cancelled" and cancelled["progress"] < 1, cancelled
    stored = FrameMask.objects.filter(job_id=job["id"]).values_list("frame", flat=True)
    assert stored and max(stored) < frames - 1
    for masklet in _proposals(job["id"]):
        masklet.delete()  # a clean slate for the resume below (deleting is what "discard" does)

    # Resume: SIGKILL mid-job; a worker that starts resumes it from the last stored frame.
    job = _start(client, long_video, text="square")
    wait_job(client, job["id"], timeout=300, until=lambda j: Job.objects.get(pk=j["id"]).checkpoint.get("last_stored", -1) >= 3)
    first_worker.kill()
    dead = Job.objects.get(pk=job["id"])
    assert (dead.status, dead.attempts) == ("running", 1)
    last = dead.checkpoint["last_stored"]
    assert last < frames - 1, "the job finished before the kill; make the clip longer"
    before = {(m.masklet_id, m.frame): m.version for m in FrameMask.objects.filter(job_id=job["id"])}
    on_last = {masklet for masklet, frame in before if frame == last}
    proposals_before = set(dead.checkpoint["masklets"])

    exclusive_workers(env=sam3_env)  # finds the orphan once its lock lapsed, and resumes it
    done = wait_job(client, job["id"], timeout=600)
    assert done["status"] == "succeeded" and done["attempts"] == 2, done
    assert done["result"]["frames_stored"] == frames
    after = {(m.masklet_id, m.frame): m.version for m in FrameMask.objects.filter(job_id=job["id"])}
    # Frames before the last stored one were not written again. The resumed run starts on that
    # frame (a new run of the model, which may see it otherwise): its proposals stay, and nothing
    # there is proposed twice (no two of the job's masks on it overlap beyond the de-dup IoU).
    assert all(after[key] == version for key, version in before.items() if key[1] < last)
    assert on_last <= {masklet for masklet, frame in after if frame == last}
    there = list(FrameMask.objects.filter(job_id=job["id"], frame=last).values_list("masklet_id", "rle"))
    for i, (a, rle_a) in enumerate(there):
        for b, rle_b in there[i + 1:]:
            assert maskcodec.iou(rle_a, rle_b) <= 0.5, (a, b)
    assert proposals_before <= set(done["result"]["masklets"])
    assert max(frame for _, frame in after) == frames - 1
    assert sorted(done["result"]["masklets"]) == sorted(m.pk for m in _proposals(job["id"]))
    assert "concept job" not in opencv.log()
