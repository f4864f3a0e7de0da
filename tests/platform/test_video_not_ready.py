"""Work that needs a processed video answers 409 (the request conflicts with the video's current
state) with one error, `VideoNotReady`, while the video is processing or after its ingest failed;
its frames and thumbnail are simply not there yet (404)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from annotation.models import Job, Masklet, Prompt, Video
from annotation.models.videos import VideoStatus
from tests.platform.conftest import World

pytestmark = pytest.mark.django_db

NOT_READY = "the video is not ready yet"


@pytest.fixture(params=[VideoStatus.PROCESSING, VideoStatus.FAILED])
def unready(request: pytest.FixtureRequest, world: World) -> World:
    # The world's masklet (and its mask) stay: the video went back to a state without frames.
    Video.objects.filter(pk=world.team.video.pk).update(status=request.param)
    world.team.video.refresh_from_db()
    assert not world.team.video.is_ready
    return world


def test_the_ready_video_is_ready(world: World) -> None:
    assert world.team.video.is_ready


def test_new_masklet_is_409(unready: World) -> None:
    video = unready.team.video
    before = Masklet.objects.filter(video=video).count()
    response = unready.team.client("annotator").post(f"/api/videos/{video.pk}/masklets/", {}, format="json")
    assert response.status_code == 409 and response.json()["detail"].startswith(NOT_READY)
    assert Masklet.objects.filter(video=video).count() == before


def test_click_is_409(unready: World) -> None:
    body = {"frame": 0, "points": [[5, 5]], "labels": [1]}
    response = unready.team.client("annotator").post(
        f"/api/masklets/{unready.masklet.pk}/prompts/", body, format="json"
    )
    assert response.status_code == 409 and response.json() == {"detail": NOT_READY}
    assert not Prompt.objects.exists()


@pytest.mark.parametrize(
    "action, body",
    [
        ("propagations", lambda w: {"masklets": [w.masklet.pk], "start_frame": 0}),
        ("automasklets", lambda w: {}),
    ],
)
def test_jobs_on_the_video_are_409(unready: World, action: str, body) -> None:  # type: ignore[no-untyped-def]
    video = unready.team.video
    response = unready.team.client("annotator").post(f"/api/videos/{video.pk}/{action}/", body(unready), format="json")
    assert response.status_code == 409 and response.json() == {"detail": NOT_READY}
    # (the world's masks queued a QA run of the video before it became unready)
    assert not Job.objects.filter(video=video).exclude(kind="qa").exists()


def test_import_is_409(unready: World) -> None:
    video = unready.team.video
    upload = {"file": SimpleUploadedFile("masks.json", b"{}"), "format": "coco"}
    response = unready.team.client("manager").post(f"/api/videos/{video.pk}/imports/", upload, format="multipart")
    assert response.status_code == 409 and response.json() == {"detail": NOT_READY}
    # (the world's masks queued a QA run of the video before it became unready)
    assert not Job.objects.filter(video=video).exclude(kind="qa").exists()


def test_frames_and_thumbnail_are_not_there_yet(unready: World) -> None:
    video = unready.team.video
    client = unready.team.client("annotator")
    assert client.get(f"/api/videos/{video.pk}/frames/0/").status_code == 404
    assert client.get(f"/api/videos/{video.pk}/thumbnail/").status_code == 404
    assert client.get(f"/api/videos/{video.pk}/").json()["thumbnail_url"] is None
