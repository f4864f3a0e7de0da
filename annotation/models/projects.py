from django.conf import settings as django_settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models


class Project(models.Model):
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    # Frames per second at which videos are annotated; null means every source frame.
    annotation_fps = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0.1), MaxValueValidator(240)]
    )
    # The project's overrides of its propagation, post-processing and automatic-masklet
    # parameters (annotation/project_settings.py: keys, types, ranges and defaults).
    settings = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    MANAGER = "manager"
    ANNOTATOR = "annotator"
    REVIEWER = "reviewer"


class Membership(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(django_settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="unique_membership")]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.project_id}:{self.role}"


class Label(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="labels")
    name = models.CharField(max_length=100)
    color = models.CharField(
        max_length=7,
        default="#e6194b",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Colour must look like #rrggbb.")],
    )
    # the attributes objects of this label carry: [{"name", "type": text|select|checkbox, "options"}]
    # (annotation/services/attributes.py checks it)
    attributes = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="unique_label_name")]
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
