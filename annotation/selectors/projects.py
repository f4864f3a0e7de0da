"""Projects as their members see them, their memberships, labels and settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, OuterRef, QuerySet, Subquery

from annotation.evaluation.qa import DEFAULT_THRESHOLDS as QA_DEFAULT_THRESHOLDS
from annotation.models import Label, Membership, Project
from annotation.permissions import visible_projects
from annotation.selectors.base import get_or_404
from annotation.services.errors import InvalidInput

if TYPE_CHECKING:
    from annotation.permissions import AnyUser

# Per-project parameters and their defaults. Pixel units throughout.
DEFAULT_PROJECT_SETTINGS: dict[str, Any] = {
    "propagation": {"max_frames": None},
    "postprocess": {"fill_holes_px": 64, "min_region_px": 32, "open_px": 0, "close_px": 0},
    "automask": {
        # The SA-V data engine: 32x32 points on the frame, 16x16 on 4 crops, 4x4 on 16 crops.
        "points_per_side": [32, 16, 4],
        "crop_n_layers": 2,
        "pred_iou_thresh": 0.8,
        "stability_score_thresh": 0.9,
        "box_nms_thresh": 0.7,
        "min_mask_region_area": 64,
        "max_masklets": 50,
        "key_frame": 0,
        "max_frames": None,
    },
    # Automated QA thresholds (annotation/evaluation/qa.py explains each).
    "qa": dict(QA_DEFAULT_THRESHOLDS),
}


def settings_with_defaults(
    update: dict[str, Any], base: dict[str, Any] = DEFAULT_PROJECT_SETTINGS, path: str = ""
) -> dict[str, Any]:
    """`base` overlaid with `update`, key by key; an unknown key or a non-object where an object
    belongs raises InvalidInput (the services validate new settings with it)."""
    merged = dict(base)
    for key, value in update.items():
        if key not in base:
            raise InvalidInput(f"unknown project setting {path}{key!r}")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise InvalidInput(f"project setting {path}{key!r} must be an object")
            merged[key] = settings_with_defaults(value, base[key], f"{path}{key}.")
        else:
            merged[key] = value
    return merged


def project_settings(project: Project) -> dict[str, Any]:
    """The project's parameters with defaults filled in."""
    return settings_with_defaults(project.settings or {})


def projects_for(user: AnyUser) -> QuerySet[Project]:
    """The user's projects, each with `my_role` (the user's role in it) and `video_count`."""
    if not user.is_authenticated:
        return Project.objects.none()
    my_role = Membership.objects.filter(project=OuterRef("pk"), user=user).values("role")[:1]
    return (
        visible_projects(user)
        .distinct()
        .annotate(my_role=Subquery(my_role), video_count=Count("videos", distinct=True))
    )


def project_get(user: AnyUser, pk: Any) -> Project:
    return get_or_404(projects_for(user), pk, "project")


def memberships_of(project: Project) -> QuerySet[Membership]:
    return Membership.objects.filter(project=project).select_related("user")


def labels_of(project: Project) -> QuerySet[Label]:
    return Label.objects.filter(project=project)


def label_get(user: AnyUser, pk: Any) -> Label:
    return get_or_404(
        Label.objects.filter(project__in=visible_projects(user)).select_related("project"), pk, "label"
    )
