"""What an export may hold: the project's delivery policy (pending proposals and rejected masklets
never; verified masklets and the frames of accepted tasks by default), the export filters, the
past-exports list and the expiry of old files — through the API and the real worker."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from annotation.models import Export
from annotation.services import masklets as masklet_services
from annotation.services import projects as project_services
from annotation.services import tasks as task_services
from annotation.services.exports_log import exports_expire
from tests.delivery.delivery_helpers import export, square, unzip
from tests.factories import make_team

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

H, W = 64, 96  # the team video of tests.factories: 6 annotated frames of 96x64


def _masklet(team: Any, frames: list[int], **kw: Any) -> Any:
    m = masklet_services.masklet_create(video=team.video, user=team.manager, **kw)
    for frame in frames:
        masklet_services.frame_mask_put(
            masklet=m, frame=frame, rle=square(H, W, 4 + 2 * m.number, 4 + 2 * frame, 8), version=0, user=team.manager
        )
    return m


def _setup() -> tuple[Any, dict[str, Any]]:
    """verified (frames 0-1), draft (0-4), proposal (automatic, draft; 0-1), rejected (0-1),
    pending (needs verification, frame 4 only); the team's task covers frames 0-2 and is accepted."""
    team = make_team("pol")
    car = project_services.label_create(project=team.project, name="car")
    m = {
        "verified": _masklet(team, [0, 1], label=car.pk),
        "draft": _masklet(team, [0, 1, 2, 3, 4]),
        "proposal": _masklet(team, [0, 1], origin="auto"),
        "rejected": _masklet(team, [0, 1]),
        "pending": _masklet(team, [4]),
    }
    masklet_services.masklet_set_status(masklet=m["verified"], status="verified", user=team.reviewer)
    masklet_services.masklet_set_status(masklet=m["rejected"], status="rejected", user=team.reviewer, comment="leaks")
    masklet_services.masklet_set_status(masklet=m["pending"], status="needs_verification", user=team.annotator)
    task_services.task_update(task=team.task, frame_start=0, frame_end=2)
    for action, who in (("start", team.annotator), ("submit", team.annotator), ("accept", team.reviewer)):
        task_services.task_transition(task=team.task, action=action, user=who)
    return team, m


def _tracks(client: Any, team: Any, **body: Any) -> tuple[dict[int, list[int]], dict[str, Any]]:
    """Masklet number -> exported frames, of a COCO export with `body`."""
    job, content = export(client, team.project, format="coco", **body)
    coco = json.loads(unzip(content).read("annotations.json"))
    tracks: dict[int, list[int]] = {}
    for ann in coco["annotations"]:
        tracks.setdefault(ann["track_id"], []).append(ann["frame_index"])
    return {k: sorted(v) for k, v in tracks.items()}, job


def test_default_policy_and_the_other_policies(celery_worker: Any) -> None:
    team, m = _setup()
    client = team.client("manager")
    n = {k: v.number for k, v in m.items()}

    # default: verified whole, the draft's frames inside the accepted task; never the proposal,
    # the rejected masklet, nor the pending one outside the accepted range
    tracks, job = _tracks(client, team)
    assert tracks == {n["verified"]: [0, 1], n["draft"]: [0, 1, 2]}
    assert (job["result"]["policy"], job["result"]["masklets"], job["result"]["frame_masks"]) == (
        "verified_or_accepted", 2, 5,
    )

    # a task that is no longer accepted no longer lets anything through
    project_services.project_update(project=team.project, settings={"delivery": {"policy": "verified"}})
    tracks, _ = _tracks(client, team)
    assert tracks == {n["verified"]: [0, 1]}

    project_services.project_update(project=team.project, settings={"delivery": {"policy": "not_rejected"}})
    tracks, _ = _tracks(client, team)
    assert tracks == {n["verified"]: [0, 1], n["draft"]: [0, 1, 2, 3, 4], n["pending"]: [4]}

    # an unknown policy is refused with a 400 naming the setting
    response = client.patch(
        f"/api/projects/{team.project.pk}/", {"settings": {"delivery": {"policy": "all"}}}, format="json"
    )
    assert response.status_code == 400 and "policy" in response.json()["errors"]["settings"]["delivery"]


def test_filters_status_label_task_state_and_frames(celery_worker: Any) -> None:
    team, m = _setup()
    client = team.client("manager")
    n = {k: v.number for k, v in m.items()}

    assert _tracks(client, team, statuses=["draft"])[0] == {n["draft"]: [0, 1, 2]}
    assert _tracks(client, team, statuses=["rejected"])[0] == {}  # the policy still holds
    car = m["verified"].label_id
    assert _tracks(client, team, labels=[car])[0] == {n["verified"]: [0, 1]}
    assert _tracks(client, team, frame_start=1, frame_end=1)[0] == {n["verified"]: [1], n["draft"]: [1]}
    assert _tracks(client, team, frame_start=2)[0] == {n["draft"]: [2]}
    assert _tracks(client, team, task_states=["accepted"])[0] == {n["verified"]: [0, 1], n["draft"]: [0, 1, 2]}
    assert _tracks(client, team, task_states=["new"])[0] == {}

    url = f"/api/projects/{team.project.pk}/exports/"
    for body, word in (
        ({"statuses": ["bogus"]}, "statuses"),
        ({"task_states": ["done"]}, "task_states"),
        ({"frame_start": 3, "frame_end": 1}, "frame_end"),
        ({"frame_start": -1}, "frame_start"),
    ):
        response = client.post(url, {"format": "coco", **body}, format="json")
        assert response.status_code == 400, (body, response.content)
        assert word in json.dumps(response.json()), (body, response.json())


def test_past_exports_list_and_expiry(celery_worker: Any) -> None:
    team, m = _setup()
    client = team.client("manager")
    job, content = export(client, team.project, format="sav", statuses=["verified"], frame_end=3)
    url = f"/api/projects/{team.project.pk}/exports/"

    [row] = client.get(url).json()
    assert row["job"] == job["id"] and row["status"] == "succeeded"
    assert (row["format"], row["policy"], row["created_by"]) == ("sav", "verified_or_accepted", "polmanager")
    assert row["filters"]["statuses"] == ["verified"] and row["filters"]["frame_end"] == 3
    assert (row["masklet_count"], row["size_bytes"]) == (1, len(content))
    assert row["download_url"] == f"/api/jobs/{job['id']}/download/" and row["expired"] is False
    assert row["expires_at"] is not None
    assert team.client("annotator").get(url).status_code == 403
    assert team.client("outsider").get(url).status_code == 404

    # not yet due: nothing happens; due: the file goes, the row stays, marked expired
    path = Export.objects.get(job_id=job["id"]).path
    assert exports_expire() == [] and default_storage.exists(path)
    later = timezone.now() + timedelta(days=365)
    assert exports_expire(now=later) == [row["id"]]
    assert not default_storage.exists(path)
    [row] = client.get(url).json()
    assert row["expired"] is True and row["download_url"] is None
    download = client.get(f"/api/jobs/{job['id']}/download/")
    assert download.status_code == 410 and "expired" in download.json()["detail"]
    assert exports_expire(now=later) == []  # once


def test_expiry_runs_as_a_celery_beat_task(celery_worker: Any, settings: Any) -> None:
    from annotation.tasks import expire_exports
    from config.settings.base import CELERY_BEAT_SCHEDULE

    assert CELERY_BEAT_SCHEDULE["expire-exports"]["task"] == "annotation.tasks.expire_exports"
    team, _ = _setup()
    job, _ = export(team.client("manager"), team.project, format="davis")
    record = Export.objects.get(job_id=job["id"])
    # make it old enough: the worker applies the default TTL (a week)
    type(record.job).objects.filter(pk=job["id"]).update(finished_at=timezone.now() - timedelta(days=8))
    assert expire_exports.delay().get(timeout=120) == [record.pk]
    record.refresh_from_db()
    assert record.expired_at is not None and not default_storage.exists(record.path)
