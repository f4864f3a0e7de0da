"""Platform test data: a team (tests/factories.py) plus one of every object the API exposes.

Everything is built through the services, as the API would build it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

import maskcodec
from annotation.models import Job, Label, Masklet, ReviewIssue, Webhook
from annotation.models.jobs import JobStatus
from annotation.services import jobs as job_services
from annotation.services import masklets as masklet_services
from annotation.services import projects as project_services
from annotation.services import review as review_services
from annotation.services import webhooks as webhook_services
from tests.factories import Team, make_team

ROLES = ("outsider", "other_annotator", "annotator", "reviewer", "manager")


def square_rle(
    height: int = 64, width: int = 96, top: int = 10, left: int = 10, size: int = 12
) -> dict:
    mask = np.zeros((height, width), dtype=bool)
    mask[top : top + size, left : left + size] = True
    return dict(maskcodec.encode(mask))


@dataclass
class World:
    """A team and one object of every kind, with ids to fill URL templates."""

    team: Team
    label: Label
    masklet: Masklet
    issue: ReviewIssue
    job: Job  # queued, started by the manager
    export_job: Job  # finished export with a file in storage
    webhook: Webhook

    def ids(self) -> dict[str, Any]:
        t = self.team
        return {
            "project": t.project.pk,
            "video": t.video.pk,
            "task": t.task.pk,
            "label": self.label.pk,
            "masklet": self.masklet.pk,
            "issue": self.issue.pk,
            "job": self.job.pk,
            "export_job": self.export_job.pk,
            "webhook": self.webhook.pk,
            "membership": t.project.memberships.get(user=t.other_annotator).pk,
            "manager": t.manager.pk,
            "annotator": t.annotator.pk,
            "other_annotator": t.other_annotator.pk,
            "reviewer": t.reviewer.pk,
        }


def make_world(prefix: str = "") -> World:
    team = make_team(prefix)
    label = project_services.label_create(project=team.project, name="car", color="#00ff00")
    masklet = masklet_services.masklet_create(video=team.video, user=team.annotator, label=label.pk)
    masklet_services.frame_mask_put(
        masklet=masklet, frame=0, rle=square_rle(), version=0, user=team.annotator
    )
    issue = review_services.issue_create(
        video=team.video, user=team.reviewer, frame=1, text="edge is off"
    )
    job = job_services.job_create(
        project=team.project, kind="export", user=team.manager, params={"format": "sav"}
    )
    export_job = job_services.job_create(
        project=team.project, kind="export", user=team.manager, params={"format": "coco"}
    )
    name = default_storage.save(
        f"exports/test-{export_job.pk}.json", ContentFile(b'{"images": []}')
    )
    export_job = job_services.job_finish(
        job=export_job, status=JobStatus.SUCCEEDED, result={"path": name}
    )
    webhook = webhook_services.webhook_create(
        project=team.project, user=team.manager, url="https://example.org/hook", events=["task.accepted"]
    )
    return World(team, label, masklet, issue, job, export_job, webhook)


@pytest.fixture
def world(db: Any) -> World:
    return make_world()
