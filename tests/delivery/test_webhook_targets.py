"""Webhook targets must be public addresses (or lie in MASKLET_WEBHOOK_ALLOWED_NETWORKS): a project
manager cannot make the server POST into its own network (loopback services, the cloud metadata
address, private ranges), neither when saving a webhook nor later, when its name points elsewhere."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings

from annotation.models import Webhook, WebhookDelivery
from annotation.services.webhooks import target_refusal, webhook_deliver
from tests.delivery.webhook_receiver import Receiver
from tests.factories import make_team

pytestmark = pytest.mark.django_db(transaction=True)


def _allowing(*networks: str) -> Any:
    return override_settings(MASKLET={**settings.MASKLET, "WEBHOOK_ALLOWED_NETWORKS": list(networks)})


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:6379/",
        "http://localhost:8000/hook",  # a name resolving to loopback
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",  # IPv4-mapped loopback
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://10.0.0.7/hook",
        "http://192.168.1.20/hook",
        "http://100.64.0.1/hook",  # carrier-grade NAT
        "http://0.0.0.0/hook",
        "http://224.0.0.1/hook",
    ],
)
def test_addresses_of_the_servers_own_network_are_refused(url: str) -> None:
    with _allowing():
        refusal = target_refusal(url)
    assert refusal is not None and "not a public address" in refusal and "MASKLET_WEBHOOK_ALLOWED_NETWORKS" in refusal


def test_public_addresses_and_allowed_networks_pass() -> None:
    with _allowing():
        assert target_refusal("https://93.184.215.14/hook") is None
        assert target_refusal("https://[2606:4700:4700::1111]/hook") is None
        assert target_refusal("https://no-such-host.invalid/hook") is None  # fails at delivery on its own
    with _allowing("10.20.0.0/16", "not a network"):  # a bad entry is logged and ignored
        assert target_refusal("http://10.20.3.4:9000/hook") is None
        assert target_refusal("http://10.21.0.1/hook") is not None


def test_the_api_refuses_such_a_target_with_a_400_naming_it() -> None:
    team = make_team("ssrf")
    manager = team.client("manager")
    url = f"/api/projects/{team.project.pk}/webhooks/"
    with _allowing():
        refused = manager.post(url, {"url": "http://169.254.169.254/latest/", "events": ["task.accepted"]}, format="json")
        assert refused.status_code == 400
        assert "169.254.169.254" in str(refused.json()) and "not a public address" in str(refused.json())
        hook = manager.post(url, {"url": "https://93.184.215.14/hook", "events": ["task.accepted"]}, format="json")
        assert hook.status_code == 201, hook.json()
        moved = manager.patch(f"/api/webhooks/{hook.json()['id']}/", {"url": "http://127.0.0.1:5432/"}, format="json")
        assert moved.status_code == 400
    assert Webhook.objects.get().url == "https://93.184.215.14/hook"


def _delivery(hook: Webhook, task: int) -> int:
    body = {"event": "task.accepted", "project": hook.project_id, "delivery": 0, "timestamp": 0, "data": {"task": task}}
    return WebhookDelivery.objects.create(webhook=hook, event="task.accepted", body=json.dumps(body)).pk


def test_a_delivery_checks_the_address_again_and_is_refused_without_a_request(receiver: Receiver) -> None:
    """A webhook saved while its name pointed elsewhere (or before the operator narrowed the allowed
    networks) is checked before each attempt: refused, failed at once (no retry), nothing sent."""
    team = make_team("ssrf2")
    by_name = receiver.url.replace("127.0.0.1", "localhost")  # a name, resolved at delivery
    hook = Webhook.objects.create(project=team.project, url=by_name, events=["task.accepted"], secret="s", created_by=team.manager)
    # rows made here, not by webhooks_emit: that queues them, and a worker another test started
    # would deliver them meanwhile (under the test settings, which allow loopback)
    delivery_id = _delivery(hook, 1)
    with _allowing():
        assert webhook_deliver(delivery_id=delivery_id, final=False) == "failed"
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    assert delivery.last_error.startswith("refused: webhook target localhost (127.0.0.1) is not a public address")
    assert delivery.attempts == 1 and delivery.status_code is None and not receiver.requests
    # allowed (the test settings allow loopback, as development does): delivered
    again = _delivery(hook, 2)
    assert webhook_deliver(delivery_id=again, final=False) == "succeeded" and len(receiver.requests) == 1
