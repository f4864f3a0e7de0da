"""Past exports of a project, as its members see them, and webhooks with their delivery log."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateTimeField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.http import Http404

from annotation.models import Export, Project, Webhook, WebhookDelivery
from annotation.models.jobs import JobStatus
from annotation.permissions import can_manage, visible_projects
from annotation.selectors.base import get_or_404

if TYPE_CHECKING:
    from annotation.permissions import AnyUser

PAST_EXPORTS_SHOWN = 200
DELIVERIES_SHOWN = 200


def exports_of_project(project: Project) -> QuerySet[Export]:
    """The project's exports, newest first, with their job and author, annotated with
    `expires_at` (when the cleanup deletes the file), `expired` and `download_url` (None unless
    the file is there to download)."""
    ttl = float(settings.MASKLET["EXPORT_TTL_HOURS"])
    expires: Any = (
        ExpressionWrapper(F("job__finished_at") + timedelta(hours=ttl), output_field=DateTimeField())
        if ttl > 0 else Value(None, output_field=DateTimeField())
    )
    downloadable = Q(job__status=JobStatus.SUCCEEDED, expired_at__isnull=True)
    return (
        Export.objects.filter(project=project)
        .select_related("job", "created_by")
        .annotate(
            expires_at=Case(When(expired_at__isnull=False, then=F("expired_at")), default=expires),
            expired=Case(When(expired_at__isnull=False, then=True), default=False, output_field=BooleanField()),
            download_url=Case(
                When(downloadable, then=Concat(Value("/api/jobs/"), Cast("job_id", CharField()), Value("/download/"))),
                default=None, output_field=CharField(),
            ),
        )[:PAST_EXPORTS_SHOWN]
    )


def export_of_job(job_id: int) -> Export | None:
    return Export.objects.filter(job_id=job_id).first()


def webhooks_of_project(project: Project) -> QuerySet[Webhook]:
    return Webhook.objects.filter(project=project)


def webhook_get(user: AnyUser, pk: Any) -> Webhook:
    """A webhook of a project the user manages (404 otherwise: others do not learn it exists)."""
    hook = get_or_404(Webhook.objects.filter(project__in=visible_projects(user)).select_related("project"), pk, "webhook")
    if not can_manage(user, hook.project):
        raise Http404("no such webhook")
    return hook


def deliveries_of_webhook(webhook: Webhook) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(webhook=webhook)[:DELIVERIES_SHOWN]
