"""Dataset exports: queue a job that streams the chosen masklets to a file in storage."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from annotation.models import Job, Label, Project, Video
from annotation.services.errors import InvalidInput
from annotation.services.jobs import job_create


@transaction.atomic
def export_start(
    *, project: Project, user: Any, format: str, only_verified: bool = False,
    videos: list[int] | None = None, labels: list[int] | None = None,
) -> Job:
    videos = videos or []
    labels = labels or []
    found = set(Video.objects.filter(project=project, pk__in=videos).values_list("pk", flat=True))
    if set(videos) - found:
        raise InvalidInput(f"videos {sorted(set(videos) - found)} are not in this project")
    found_labels = set(Label.objects.filter(project=project, pk__in=labels).values_list("pk", flat=True))
    if set(labels) - found_labels:
        raise InvalidInput(f"labels {sorted(set(labels) - found_labels)} are not in this project")
    params = {"format": format, "only_verified": only_verified, "videos": sorted(found), "labels": sorted(found_labels)}
    return job_create(project=project, kind="export", user=user, params=params)
