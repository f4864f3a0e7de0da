from django.conf import settings
from django.db import models
from django.utils import timezone

from annotation.models.jobs import Job
from annotation.models.masklets import Masklet
from annotation.models.projects import Project
from annotation.models.tasks import Task
from annotation.models.videos import Video


class InteractionKind(models.TextChoices):
    PROMPT = "prompt"  # a click or a box (one prompt request, however many points)
    EDIT = "edit"  # a brush or eraser stroke stored as a mask
    PROPAGATE = "propagate"  # a propagation request (its job writes the propagated frames)
    VIEW = "view"  # the workspace's activity heartbeat: someone is looking at a frame


class Interaction(models.Model):
    """One thing a person did in the workspace: the log the effort analytics are computed from.

    Written by the services where the action happens (prompts, edits, propagation) and by the
    workspace's heartbeat; never updated.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="+")
    # The user's task covering the frame, when there is one (annotators work in tasks).
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    masklet = models.ForeignKey(Masklet, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=16, choices=InteractionKind.choices)
    frame = models.PositiveIntegerField(null=True, blank=True)  # annotated-frame index
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["project", "at"], name="interaction_project_at"),
            models.Index(fields=["user", "at"], name="interaction_user_at"),
            models.Index(fields=["task", "at"], name="interaction_task_at"),
            models.Index(fields=["masklet", "kind"], name="interaction_masklet_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} by user {self.user_id} at {self.at:%Y-%m-%d %H:%M:%S}"
