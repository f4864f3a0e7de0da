"""An upload that fails leaves nothing in storage: refused (duplicate, too large, empty) before
anything is written, or failing after its file was stored (here: its project deleted while the
file came in, which the database reports only at commit)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction

from annotation.models import Project, Video
from annotation.services import projects as project_services
from annotation.services.errors import Conflict, InvalidInput, NotFound
from annotation.services.videos import video_upload
from annotation.storage import storage_files


@pytest.mark.django_db
def test_refused_uploads_store_nothing(manager: Any, settings: Any) -> None:
    project = project_services.project_create(user=manager, name="refusals")
    video_upload(project=project, user=manager, upload=SimpleUploadedFile("a.mp4", b"first file"), name="a")
    before = storage_files()
    with pytest.raises(Conflict):
        video_upload(project=project, user=manager, upload=SimpleUploadedFile("b.mp4", b"first file"), name="b")
    with pytest.raises(InvalidInput, match="empty"):
        video_upload(project=project, user=manager, upload=SimpleUploadedFile("c.mp4", b""), name="c")
    settings.MASKLET = {**settings.MASKLET, "UPLOAD_MAX_BYTES": 4}
    with pytest.raises(InvalidInput, match="the limit is"):
        video_upload(project=project, user=manager, upload=SimpleUploadedFile("d.mp4", b"12345"), name="d")
    assert storage_files() == before
    assert Video.objects.filter(project=project).count() == 1
    Video.objects.get(project=project).source.delete(save=False)


@pytest.mark.django_db(transaction=True)
def test_an_upload_into_a_project_deleted_meanwhile_answers_404_and_leaves_nothing(manager: Any) -> None:
    project = project_services.project_create(user=manager, name="going away")
    before = storage_files()
    deleting, release = threading.Event(), threading.Event()

    def delete_slowly() -> None:
        try:
            with transaction.atomic():
                Project.objects.filter(pk=project.pk).delete()
                deleting.set()
                release.wait(10)  # the upload's commit waits on this transaction's row lock
        finally:
            connection.close()

    deleter = threading.Thread(target=delete_slowly)
    deleter.start()
    assert deleting.wait(10)
    threading.Timer(1.0, release.set).start()
    with pytest.raises(NotFound, match="deleted while the file was being received"):
        video_upload(project=project, user=manager, upload=SimpleUploadedFile("late.mp4", b"late file"), name="late")
    deleter.join(10)
    assert storage_files() == before
    assert not Video.objects.exists()
