"""Projects, memberships and labels."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from annotation.evaluation.qa import thresholds_with_defaults
from annotation.models import Job, Label, Membership, Project, Video
from annotation.models.jobs import JobKind
from annotation.models.projects import Role
from annotation.realtime.publish import notify_membership_changed
from annotation.selectors.projects import settings_with_defaults
from annotation.services.errors import Conflict, InvalidInput, NotFound
from annotation.services.videos import export_paths
from annotation.storage import export_prefix, import_prefix, storage_delete_after_commit


def _save(instance: Any) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise InvalidInput(
            "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items()),
            extra={"errors": error.message_dict},
        ) from error
    instance.save()


@transaction.atomic
def project_create(
    *, user: AbstractBaseUser, name: str, description: str = "", annotation_fps: float | None = None,
    settings: dict[str, Any] | None = None,
) -> Project:
    """Create a project; its creator becomes its first manager."""
    project = Project(name=name, description=description, annotation_fps=annotation_fps, created_by=user)
    if settings:
        _check_settings(settings)
        project.settings = settings
    _save(project)
    Membership.objects.create(project=project, user=user, role=Role.MANAGER)
    return project


def _check_settings(settings: dict[str, Any]) -> None:
    """Names checked against the defaults; QA thresholds must also be numbers >= 0."""
    merged = settings_with_defaults(settings)
    try:
        thresholds_with_defaults(merged["qa"])
    except ValueError as exc:
        raise InvalidInput(str(exc)) from exc


@transaction.atomic
def project_update(*, project: Project, **fields: Any) -> Project:
    for key in ("name", "description", "annotation_fps"):
        if key in fields:
            setattr(project, key, fields[key])
    if "settings" in fields and fields["settings"] is not None:
        _check_settings(fields["settings"])
        project.settings = fields["settings"]
    _save(project)
    return project


@transaction.atomic
def project_delete(*, project: Project) -> None:
    """Delete the project with everything in it, and after commit everything it had in storage:
    each video's frames, display copies, thumbnail, upload and pending import files, and the
    project's exports."""
    videos = list(Video.objects.filter(project=project).values_list("pk", "source"))
    names = [source for _, source in videos if source]
    names += export_paths(Job.objects.filter(project=project, kind=JobKind.EXPORT))
    prefixes = [Video(pk=pk).storage_prefix for pk, _ in videos] + [import_prefix(pk) for pk, _ in videos]
    prefixes.append(export_prefix(project.pk))
    project.delete()
    storage_delete_after_commit(names=names, prefixes=prefixes)


def _resolve_user(user: int | str) -> AbstractBaseUser:
    User = get_user_model()
    lookup = {"pk": user} if isinstance(user, int) else {"username": user}
    try:
        return User.objects.get(**lookup)
    except User.DoesNotExist as error:
        raise InvalidInput(f"there is no user {user!r}") from error


@transaction.atomic
def membership_add(*, project: Project, user: int | str, role: str) -> Membership:
    """Add a user to the project, or change the role of one who is already in it."""
    if role not in Role.values:
        raise InvalidInput(f"role must be one of {', '.join(Role.values)}")
    member = _resolve_user(user)
    membership, _ = Membership.objects.update_or_create(project=project, user=member, defaults={"role": role})
    notify_membership_changed(project_id=project.pk, user_id=member.pk)  # open sockets learn the role
    return membership


@transaction.atomic
def membership_remove(*, project: Project, membership_id: int) -> None:
    membership = Membership.objects.select_for_update().filter(project=project, pk=membership_id).first()
    if membership is None:
        raise NotFound("no such member in this project")
    if (
        membership.role == Role.MANAGER
        and not Membership.objects.filter(project=project, role=Role.MANAGER).exclude(pk=membership.pk).exists()
    ):
        raise Conflict("a project needs at least one manager")
    membership.delete()
    notify_membership_changed(project_id=project.pk, user_id=membership.user_id)  # open sockets close


@transaction.atomic
def label_create(*, project: Project, name: str, color: str = "#e6194b") -> Label:
    label = Label(project=project, name=name, color=color)
    if Label.objects.filter(project=project, name=name).exists():
        raise Conflict(f"the project already has a label named {name!r}")
    try:
        with transaction.atomic():  # a concurrent create of the same name loses here, not with a 500
            _save(label)
    except IntegrityError as error:
        raise Conflict(f"the project already has a label named {name!r}") from error
    return label


@transaction.atomic
def label_update(*, label: Label, **fields: Any) -> Label:
    for key in ("name", "color"):
        if key in fields:
            setattr(label, key, fields[key])
    try:
        with transaction.atomic():
            _save(label)
    except IntegrityError as error:
        raise Conflict(f"the project already has a label named {label.name!r}") from error
    return label


def label_delete(*, label: Label) -> None:
    label.delete()
