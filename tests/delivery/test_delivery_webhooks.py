"""Project webhooks against a local receiver (http.server in a thread): the real worker delivers,
every body is signed with the webhook's secret (HMAC-SHA256 over the raw body), a 500 is retried
with backoff until it succeeds, and the delivery log shows status code and attempts."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import pytest
from django.db import transaction

from annotation.models import Job, WebhookDelivery
from annotation.services import jobs as job_services
from annotation.services.webhooks import DeliveryFailed, webhook_deliver, webhooks_emit
from tests.delivery.delivery_helpers import export
from tests.delivery.webhook_receiver import Receiver
from tests.factories import make_team

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _verify(secret: str, headers: dict[str, str], body: bytes) -> dict[str, Any]:
    """What a receiver does: recompute the signature over the raw body, compare in constant time."""
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Masklet-Signature"], expected)
    payload = json.loads(body)
    assert headers["X-Masklet-Timestamp"] == str(payload["timestamp"])
    assert headers["X-Masklet-Event"] == payload["event"]
    assert headers["X-Masklet-Delivery"] == str(payload["delivery"])
    return payload


def _wait_delivery(pk: int, status: str, timeout: float = 90) -> WebhookDelivery:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        delivery = WebhookDelivery.objects.get(pk=pk)
        if delivery.status == status:
            return delivery
        time.sleep(0.2)
    raise AssertionError(f"delivery {pk} is {delivery.status}, not {status}")


def test_signed_deliveries_retry_after_500_then_succeed(celery_worker: Any, receiver: Receiver) -> None:
    team = make_team("hook")
    manager = team.client("manager")
    url = f"/api/projects/{team.project.pk}/webhooks/"
    created = manager.post(
        url, {"url": receiver.url, "events": ["task.submitted", "task.accepted", "export.finished"]}, format="json"
    )
    assert created.status_code == 201, created.content
    hook = created.json()
    secret = hook["secret"]
    assert len(secret) >= 32
    [listed] = manager.get(url).json()
    assert "secret" not in listed and listed["events"] == ["task.submitted", "task.accepted", "export.finished"]

    # the receiver fails the first attempt: Celery retries with backoff and the second succeeds
    receiver.codes = [500]
    annotator = team.client("annotator")
    transitions = f"/api/tasks/{team.task.pk}/transitions/"
    assert annotator.post(transitions, {"action": "start"}, format="json").status_code == 200
    assert annotator.post(transitions, {"action": "submit"}, format="json").status_code == 200
    (h1, b1), (h2, b2) = receiver.wait_for(2)
    assert b1 == b2 and h1["X-Masklet-Delivery"] == h2["X-Masklet-Delivery"]  # the same delivery, again
    payload = _verify(secret, h2, b2)
    assert payload["event"] == "task.submitted" and payload["project"] == team.project.pk
    assert payload["data"]["task"] == team.task.pk and payload["data"]["by"] == "hookannotator"
    delivery = _wait_delivery(payload["delivery"], "succeeded")
    assert (delivery.attempts, delivery.status_code) == (2, 200)

    log = manager.get(f"/api/webhooks/{hook['id']}/deliveries/").json()
    assert [(d["event"], d["status"], d["attempts"], d["status_code"]) for d in log] == [
        ("task.submitted", "succeeded", 2, 200)
    ]
    # a tampered body fails the check a receiver makes
    with pytest.raises(AssertionError):
        _verify(secret, h2, b2.replace(b"hookannotator", b"mallory"))

    # export.finished when an export's job ends
    job, _ = export(manager, team.project, format="coco")
    headers, body = receiver.wait_for(3)[2]
    payload = _verify(secret, headers, body)
    assert payload["event"] == "export.finished"
    assert payload["data"]["job"] == job["id"] and payload["data"]["status"] == "succeeded"
    assert payload["data"]["download_url"] == f"/api/jobs/{job['id']}/download/"

    # an event nobody subscribed to (task.rejected) sends nothing; a paused webhook neither
    assert manager.patch(f"/api/webhooks/{hook['id']}/", {"active": False}, format="json").json()["active"] is False
    reviewer = team.client("reviewer")
    assert reviewer.post(transitions, {"action": "accept"}, format="json").status_code == 200
    time.sleep(2)
    assert len(receiver.requests) == 3


def test_job_failed_and_a_final_failure_is_logged(celery_worker: Any, receiver: Receiver) -> None:
    team = make_team("hookf")
    manager = team.client("manager")
    hook = manager.post(
        f"/api/projects/{team.project.pk}/webhooks/", {"url": receiver.url, "events": ["job.failed", "qa.flagged"]},
        format="json",
    ).json()
    job = Job.objects.create(project=team.project, video=team.video, kind="ingest", status="running")
    with transaction.atomic():  # as the runner calls it
        job_services.job_finish(job=job, status="failed", error="decoder crashed")
    headers, body = receiver.wait_for(1)[0]
    payload = _verify(hook["secret"], headers, body)
    assert payload["event"] == "job.failed"
    assert payload["data"] == {"job": job.pk, "kind": "ingest", "video": team.video.pk, "error": "decoder crashed"}

    # other modules emit their events through webhooks_emit; an attempt that fails is retried,
    # the last one that fails is logged as failed with its status code and error
    receiver.codes = [503] * 20
    [pk] = webhooks_emit(team.project, "qa.flagged", {"masklet": 1, "kind": "flicker"})
    headers, body = receiver.wait_for(2)[1]  # the worker's first attempt
    assert _verify(hook["secret"], headers, body)["data"] == {"masklet": 1, "kind": "flicker"}
    with pytest.raises(DeliveryFailed):
        webhook_deliver(delivery_id=pk, final=False)  # what the task retries on
    assert webhook_deliver(delivery_id=pk, final=True) == "failed"
    delivery = WebhookDelivery.objects.get(pk=pk)
    assert delivery.status_code == 503 and "HTTP 503" in delivery.last_error and delivery.attempts >= 3


def test_webhook_api_checks_input_and_roles(transactional_db: Any) -> None:
    team = make_team("hooka")
    url = f"/api/projects/{team.project.pk}/webhooks/"
    body = {"url": "https://example.org/hook", "events": ["task.accepted"]}
    assert team.client("annotator").post(url, body, format="json").status_code == 403
    assert team.client("reviewer").get(url).status_code == 403
    assert team.client("outsider").get(url).status_code == 404
    manager = team.client("manager")
    for bad in ({**body, "events": ["task.exploded"]}, {**body, "events": []}, {**body, "url": "not a url"},
                {**body, "url": "ftp://example.org/hook"}):
        response = manager.post(url, bad, format="json")
        assert response.status_code == 400, bad
    hook = manager.post(url, body, format="json").json()
    assert team.client("annotator").get(f"/api/webhooks/{hook['id']}/deliveries/").status_code == 404
    assert team.client("annotator").delete(f"/api/webhooks/{hook['id']}/").status_code == 404
    assert manager.delete(f"/api/webhooks/{hook['id']}/").status_code == 204
    assert manager.get(url).json() == []
