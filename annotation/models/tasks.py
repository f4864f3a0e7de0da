from django.conf import settings
from django.db import models

from annotation.models.projects import Project
from annotation.models.videos import Video


class TaskState(models.TextChoices):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Task(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tasks")
    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="tasks")
    frame_start = models.PositiveIntegerField(default=0)  # annotated-frame index, inclusive
    frame_end = models.PositiveIntegerField(null=True, blank=True)  # inclusive; null = to the end
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_tasks"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="review_tasks"
    )
    state = models.CharField(max_length=16, choices=TaskState.choices, default=TaskState.NEW)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"task {self.pk} ({self.state})"


class TaskTransition(models.Model):
    """The audit trail of a task's state machine."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=16)
    from_state = models.CharField(max_length=16, choices=TaskState.choices)
    to_state = models.CharField(max_length=16, choices=TaskState.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    comment = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} -> {self.to_state}"


class TaskComment(models.Model):
    """A message in a task's conversation (the task's activity feed merges these with transitions)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"comment {self.pk} on task {self.task_id}"
