"""Test data built through the services themselves (no side doors into the tables)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from rest_framework.test import APIClient

from annotation.models import Project, Task, Video
from annotation.services import accounts as account_services
from annotation.services import projects as project_services
from annotation.services import tasks as task_services

PASSWORD = "masklet-test-password"


def make_user(username: str) -> Any:
    return get_user_model().objects.create_user(username=username, password=PASSWORD)


def token_for(user: Any) -> str:
    """A new API token's key for the user (annotation.services.accounts.token_create)."""
    return account_services.token_create(user=user, name="test")[1]


def client_for(user: Any | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    return client


def synthetic_frames(count: int, width: int = 96, height: int = 64) -> list[np.ndarray]:
    """RGB frames with a bright square moving right over a textured background."""
    rng = np.random.default_rng(0)
    background = rng.integers(0, 80, size=(height, width, 3), dtype=np.uint8)
    frames = []
    for i in range(count):
        frame = background.copy()
        x = 10 + 3 * i
        frame[20:44, x : x + 24] = (230, 200, 40)
        frames.append(frame)
    return frames


def ready_video(
    project: Project, *, frames: int = 6, width: int = 96, height: int = 64, name: str = "clip",
    rgb_frames: list[np.ndarray] | None = None,
) -> Video:
    """A processed video whose frames sit in storage, as ingest leaves them (no worker needed);
    `rgb_frames` (all of one size) replaces the moving square."""
    video = Video.objects.create(project=project, name=name, status="processing")
    if rgb_frames is not None:
        frames, (height, width) = len(rgb_frames), rgb_frames[0].shape[:2]
    for index, rgb in enumerate(rgb_frames if rgb_frames is not None else synthetic_frames(frames, width, height)):
        ok, jpeg = cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 95])
        assert ok
        for full in (True, False):
            default_storage.save(video.frame_path(index, full=full), ContentFile(jpeg.tobytes()))
    default_storage.save(video.thumbnail_path, ContentFile(jpeg.tobytes()))
    video.status = "ready"
    video.width, video.height = width, height
    video.display_width, video.display_height = width, height
    video.frame_count = frames
    video.source_fps = video.annotation_fps = 24.0
    video.frame_times = [i / 24 for i in range(frames)]
    video.content_hash = f"synthetic-{video.pk}"
    video.save()
    return video


@dataclass
class Team:
    project: Project
    video: Video
    task: Task
    manager: Any
    annotator: Any  # assigned to the task
    other_annotator: Any  # member, not assigned
    reviewer: Any
    outsider: Any

    def client(self, role: str) -> APIClient:
        return client_for(getattr(self, role))


def make_team(prefix: str = "", frames: int = 6) -> Team:
    manager = make_user(f"{prefix}manager")
    annotator = make_user(f"{prefix}annotator")
    other = make_user(f"{prefix}other")
    reviewer = make_user(f"{prefix}reviewer")
    outsider = make_user(f"{prefix}outsider")
    project = project_services.project_create(user=manager, name=f"{prefix}project")
    project_services.membership_add(project=project, user=annotator.pk, role="annotator")
    project_services.membership_add(project=project, user=other.pk, role="annotator")
    project_services.membership_add(project=project, user=reviewer.pk, role="reviewer")
    video = ready_video(project, frames=frames)
    task = task_services.task_create(project=project, video=video, assignee=annotator.pk, reviewer=reviewer.pk)
    return Team(project, video, task, manager, annotator, other, reviewer, outsider)
