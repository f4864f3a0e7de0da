"""Project webhooks: managers register a URL for some events; `webhooks_emit` records one delivery
per subscribed webhook and queues it after commit; `webhook_deliver` (the body of the Celery task
`annotation.tasks.deliver_webhook` on the cpu queue) POSTs it.

What a receiver gets: a POST whose body is JSON `{"event", "project", "delivery", "timestamp",
"data"}` and the headers

    X-Masklet-Event:      the event name (e.g. "task.accepted")
    X-Masklet-Delivery:   the delivery id (the same on every retry: deduplicate on it)
    X-Masklet-Timestamp:  Unix seconds when the body was made (also in the body, so it is signed)
    X-Masklet-Signature:  "sha256=" + hex HMAC-SHA256 of the raw body with the webhook's secret

A 2xx answer is success; anything else, or no answer within WEBHOOK_TIMEOUT, is retried by Celery
with exponential backoff (config/settings/base.py: MASKLET WEBHOOK_*), then logged as failed.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import logging
import secrets
import socket
import time
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from annotation.models import Project, Webhook, WebhookDelivery
from annotation.models.delivery import DeliveryStatus, WebhookEvent
from annotation.services.errors import InvalidInput

log = logging.getLogger(__name__)

EVENTS: tuple[str, ...] = tuple(WebhookEvent.values)
SIGNATURE_HEADER = "X-Masklet-Signature"
TIMESTAMP_HEADER = "X-Masklet-Timestamp"


class DeliveryFailed(Exception):
    """An attempt that did not get a 2xx answer; the Celery task retries on it."""


def sign(secret: str, body: bytes) -> str:
    """The signature header's value: `sha256=<hex HMAC-SHA256 of the raw body>`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _check_events(events: list[str]) -> list[str]:
    unknown = sorted(set(events) - set(EVENTS))
    if unknown:
        raise InvalidInput(f"unknown webhook events {unknown}; choose from {', '.join(EVENTS)}")
    if not events:
        raise InvalidInput("choose at least one event")
    return sorted(set(events), key=EVENTS.index)


def _allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for text in settings.MASKLET.get("WEBHOOK_ALLOWED_NETWORKS", []):
        if text.strip():
            try:
                networks.append(ipaddress.ip_network(text.strip(), strict=False))
            except ValueError:
                log.error("MASKLET_WEBHOOK_ALLOWED_NETWORKS: %r is not a network; ignored", text)
    return networks


def target_refusal(url: str, *, resolve: bool = True) -> str | None:
    """Why the server must not call this URL, or None. Its host (an address, or every address its
    name resolves to) must be a public address or lie in WEBHOOK_ALLOWED_NETWORKS. A name that does
    not resolve is not refused here (the request fails on its own). The check runs when a webhook
    is saved and again before each attempt; a name re-pointed between that check and the connection
    (DNS rebinding within milliseconds) is not caught."""
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        return "the webhook URL has no host"
    try:
        addresses = {ipaddress.ip_address(host)}
    except ValueError:
        if not resolve:
            return None
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            found = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError, ValueError):
            return None
        addresses = {ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found}
    allowed = _allowed_networks()
    for address in sorted(addresses, key=str):
        if any(address in network for network in allowed):
            continue
        if not address.is_global or address.is_multicast:
            shown = host if str(address) == host else f"{host} ({address})"
            return (
                f"webhook target {shown} is not a public address; an operator can allow its "
                "network with MASKLET_WEBHOOK_ALLOWED_NETWORKS"
            )
    return None


def _check_url(url: str) -> str:
    if urlsplit(url).scheme not in ("http", "https"):
        raise InvalidInput("a webhook URL must start with http:// or https://")
    try:
        refusal = target_refusal(url)
    except ValueError as error:  # e.g. a port out of range
        raise InvalidInput(f"not a usable webhook URL: {error}") from error
    if refusal:
        raise InvalidInput(refusal)
    return url


@transaction.atomic
def webhook_create(*, project: Project, user: Any, url: str, events: list[str], active: bool = True) -> Webhook:
    """A new webhook with a fresh secret (the caller shows it once)."""
    return Webhook.objects.create(
        project=project, url=_check_url(url), events=_check_events(events), active=active,
        secret=secrets.token_urlsafe(32), created_by=user,
    )


@transaction.atomic
def webhook_update(*, webhook: Webhook, **fields: Any) -> Webhook:
    if "events" in fields:
        webhook.events = _check_events(fields["events"])
    if "url" in fields:
        webhook.url = _check_url(fields["url"])
    if "active" in fields:
        webhook.active = fields["active"]
    webhook.save()
    return webhook


def webhook_delete(*, webhook: Webhook) -> None:
    webhook.delete()


def webhooks_emit(project: Project | int, event_name: str, payload: dict[str, Any]) -> list[int]:
    """Record a delivery of `event_name` with `payload` (JSON-serialisable) to each active webhook
    of the project subscribed to it, and queue each after the current transaction commits.
    Returns the delivery ids. Other modules call this for their events (e.g. qa.flagged)."""
    if event_name not in EVENTS:
        raise ValueError(f"unknown webhook event {event_name!r}")
    project_id = project if isinstance(project, int) else project.pk
    hooks = [h for h in Webhook.objects.filter(project_id=project_id, active=True) if event_name in h.events]
    ids: list[int] = []
    for hook in hooks:
        delivery = WebhookDelivery.objects.create(webhook=hook, event=event_name, body="")
        body = {
            "event": event_name,
            "project": project_id,
            "delivery": delivery.pk,
            "timestamp": int(time.time()),
            "data": payload,
        }
        delivery.body = json.dumps(body, separators=(",", ":"), sort_keys=True, default=str)
        delivery.save(update_fields=["body"])
        ids.append(delivery.pk)
    if ids:
        transaction.on_commit(lambda: _enqueue(ids))
    return ids


def _enqueue(ids: list[int]) -> None:
    from annotation.tasks import deliver_webhook

    for pk in ids:
        try:
            deliver_webhook.delay(pk)
        except Exception:  # the broker is down: the delivery stays pending in the log
            log.exception("could not queue webhook delivery %s", pk)


def webhook_deliver(*, delivery_id: int, final: bool) -> str:
    """One attempt: POST the stored body, signed; record the answer. Raises DeliveryFailed on a
    non-2xx answer or a network error (the task retries), unless `final` (the last attempt), when
    the delivery is marked failed instead. Returns the delivery's status."""
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.status == DeliveryStatus.SUCCEEDED:
        return "gone" if delivery is None else delivery.status
    hook = delivery.webhook
    raw = delivery.body.encode()
    body = json.loads(delivery.body)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Masklet-Webhook/1",
        "X-Masklet-Event": delivery.event,
        "X-Masklet-Delivery": str(delivery.pk),
        TIMESTAMP_HEADER: str(body.get("timestamp", "")),
        SIGNATURE_HEADER: sign(hook.secret, raw),
    }
    code: int | None = None
    error = ""
    try:
        refusal = target_refusal(hook.url)
    except ValueError as exc:
        refusal = f"not a usable webhook URL: {exc}"
    if refusal:
        # Not retried: the target's address will not become acceptable by waiting.
        delivery.attempts += 1
        delivery.status_code = None
        delivery.last_error = f"refused: {refusal}"[:500]
        delivery.status = DeliveryStatus.FAILED
        delivery.save(update_fields=["attempts", "status_code", "last_error", "status"])
        log.warning("webhook delivery %s refused: %s", delivery.pk, refusal)
        return delivery.status
    try:
        answer = requests.post(
            hook.url, data=raw, headers=headers, timeout=settings.MASKLET["WEBHOOK_TIMEOUT"],
            allow_redirects=False,
        )
        code = answer.status_code
        if not 200 <= code < 300:
            error = f"HTTP {code}: {answer.text[:200]}"
    except requests.RequestException as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
    delivery.attempts += 1
    delivery.status_code = code
    delivery.last_error = error
    if not error:
        delivery.status = DeliveryStatus.SUCCEEDED
        delivery.delivered_at = timezone.now()
    elif final:
        delivery.status = DeliveryStatus.FAILED
    delivery.save(update_fields=["attempts", "status_code", "last_error", "status", "delivered_at"])
    if error and not final:
        raise DeliveryFailed(error)
    return delivery.status
