"""The content-hash migrations: existing duplicates are resolved (data, 0002) so that the unique
constraint (schema, 0003) can be added; both go back and forth."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("annotation", "0001_initial")]
AFTER = [("annotation", "0003_video_unique_file_per_project")]


def _migrate(target: list[tuple[str, str]]) -> object:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def test_duplicates_from_before_are_resolved_then_refused() -> None:
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("annotation")
    apps = _migrate(BEFORE)
    try:
        User = apps.get_model("auth", "User")
        Project = apps.get_model("annotation", "Project")
        Video = apps.get_model("annotation", "Video")
        owner = User.objects.create(username="old-timer")
        project = Project.objects.create(name="old", created_by=owner)
        other = Project.objects.create(name="other", created_by=owner)
        made = [
            Video.objects.create(project=project, name=name, status=status, content_hash=digest)
            for name, status, digest in [
                ("first", "ready", "a" * 64), ("again", "ready", "a" * 64), ("third", "processing", "a" * 64),
                ("failed", "failed", "a" * 64), ("different", "ready", "b" * 64),
            ]
        ]
        elsewhere = Video.objects.create(project=other, name="same file", status="ready", content_hash="a" * 64)

        apps = _migrate(AFTER)
        Video = apps.get_model("annotation", "Video")
        hashes = dict(Video.objects.values_list("name", "content_hash"))
        assert hashes == {
            "first": "a" * 64, "again": "", "third": "", "failed": "a" * 64, "different": "b" * 64, "same file": "a" * 64,
        }
        assert Video.objects.get(pk=made[1].pk).status == "ready", "a duplicate keeps its frames and status"
        with pytest.raises(IntegrityError), transaction.atomic():
            Video.objects.create(project_id=project.pk, name="new", status="processing", content_hash="a" * 64)
        Video.objects.create(project_id=project.pk, name="failed too", status="failed", content_hash="a" * 64)

        _migrate(BEFORE)  # both migrations go back
        assert Video.objects.filter(pk=elsewhere.pk).exists()
    finally:
        _migrate(latest)
