"""The life of export files after their job: the cleanup Celery beat runs deletes files older
than MASKLET EXPORT_TTL_HOURS and marks their Export rows expired (the past-exports list keeps
them: who, when, what, how big)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from annotation.models import Export
from annotation.models.jobs import FINISHED_STATUSES

log = logging.getLogger(__name__)


def exports_expire(*, now: datetime | None = None) -> list[int]:
    """Delete the files of exports whose job finished more than EXPORT_TTL_HOURS ago; mark them
    expired. Returns the ids of the exports expired. A TTL of 0 keeps files forever."""
    ttl = float(settings.MASKLET["EXPORT_TTL_HOURS"])
    if ttl <= 0:
        return []
    now = now or timezone.now()
    due = Export.objects.filter(
        expired_at__isnull=True, job__status__in=FINISHED_STATUSES, job__finished_at__lt=now - timedelta(hours=ttl)
    ).select_related("job")
    expired: list[int] = []
    for export in due:
        name = export.path or (export.job.result or {}).get("path")
        if name:
            try:
                default_storage.delete(name)
            except OSError:
                log.exception("could not delete expired export file %s; trying again next pass", name)
                continue
        # Conditional: a concurrent pass that already expired it is left as it is.
        if Export.objects.filter(pk=export.pk, expired_at__isnull=True).update(expired_at=now):
            expired.append(export.pk)
    return expired
