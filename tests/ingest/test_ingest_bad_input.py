"""Bad uploads through the API and the real worker: a clear error on the video and on its job,
never a 500, and nothing half-written left in storage (MEDIA_ROOT is listed after each failure)."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from annotation.models import Project, Video
from annotation.services import projects as project_services
from tests.data_paths import BEDROOM_FRAMES, BEDROOM_MP4
from tests.factories import client_for, make_user
from tests.ingest.conftest import files_of_video, make_project, stored_files, upload, wait_for_job
from tests.media.media_helpers import barcode_frame, image_bytes, write_video, write_zip

BEDROOM_JPEG = (BEDROOM_FRAMES / "00000.jpg").read_bytes()


def text_file(tmp: Path) -> Path:
    path = tmp / "holiday.mp4"
    path.write_text("this is not a video, only a file named like one\n" * 50)
    return path


def random_bytes(tmp: Path) -> Path:
    path = tmp / "clip.mov"
    path.write_bytes(np.random.default_rng(1).integers(0, 256, 200_000, np.uint8).tobytes())
    return path


def truncated_mp4(tmp: Path) -> Path:
    # bedroom.mp4 keeps its index last: the first half has none.
    path = tmp / "bedroom-half.mp4"
    path.write_bytes(BEDROOM_MP4.read_bytes()[: BEDROOM_MP4.stat().st_size // 2])
    return path


def truncated_after_frames_were_stored(tmp: Path) -> Path:
    # Index first (faststart): the header reads fine and decoding stores frames before the cut shows.
    full = write_video(tmp / "fast.mp4", 240, container_options={"movflags": "faststart"})
    path = tmp / "fast-half.mp4"
    path.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    return path


def zero_frames(tmp: Path) -> Path:
    import av

    path = tmp / "empty.mkv"
    output = av.open(str(path), "w", format="matroska")
    stream = output.add_stream("libx264", rate=24)
    stream.width, stream.height = 128, 64
    output.start_encoding()
    output.close()
    return path


def unsupported_codec(tmp: Path) -> Path:
    source = write_video(tmp / "ok.avi", 10, codec="mpeg4", container_format="avi")
    data = source.read_bytes()
    header = data.find(b"strh")
    path = tmp / "unknown-codec.avi"
    path.write_bytes(data.replace(data[header + 12 : header + 16], b"QQQQ"))
    return path


def too_wide(tmp: Path) -> Path:
    width = settings.MASKLET["MAX_VIDEO_WIDTH"] + 16
    return write_video(tmp / "wide.mp4", 2, size=(width, 64))


def too_long(tmp: Path) -> Path:
    # Two frames three hours and five seconds apart (a variable-frame-rate file).
    end_ms = (settings.MASKLET["MAX_VIDEO_SECONDS"] + 5) * 1000
    return write_video(tmp / "long.mkv", 2, container_format="matroska", pts=[0, end_ms], time_base=Fraction(1, 1000))


def frames(count: int, width: int = 128, height: int = 64) -> dict[str, bytes]:
    return {f"seq/{i:05d}.jpg": image_bytes(barcode_frame(i, width, height)) for i in range(count)}


def zip_mixed_sizes(tmp: Path) -> Path:
    members = frames(4)
    members["seq/00002.jpg"] = image_bytes(barcode_frame(2, 64, 32))
    return write_zip(tmp / "mixed.zip", members)


def zip_with_text(tmp: Path) -> Path:
    return write_zip(tmp / "notes.zip", frames(3) | {"seq/notes.txt": b"shot on a phone"})


def zip_traversal(tmp: Path) -> Path:
    return write_zip(tmp / "evil.zip", frames(2) | {"seq/../../../etc/evil.jpg": image_bytes(barcode_frame(9))})


def zip_damaged_image_part_way(tmp: Path) -> Path:
    members = {f"bedroom/{i:05d}.jpg": BEDROOM_JPEG for i in range(5)}
    members["bedroom/00003.jpg"] = BEDROOM_JPEG[: len(BEDROOM_JPEG) // 2]  # header intact, data cut
    return write_zip(tmp / "cut-image.zip", members)


def zip_cut(tmp: Path) -> Path:
    whole = write_zip(tmp / "whole.zip", frames(6))
    path = tmp / "cut.zip"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    return path


CASES: list[tuple[Callable[[Path], Path], str]] = [
    (text_file, "not a video or a zip of images"),
    (random_bytes, "not a video or a zip of images"),
    (truncated_mp4, "seems truncated"),
    (truncated_after_frames_were_stored, "seems truncated"),
    (zero_frames, "empty"),
    (unsupported_codec, "codec we cannot decode"),
    (too_wide, "larger than the limit of 4096x4096"),
    (too_long, "more than the limit of 3:00:00"),
    (zip_mixed_sizes, "do not all have the same size"),
    (zip_with_text, "not a JPEG or PNG image"),
    (zip_traversal, "unsafe name"),
    (zip_damaged_image_part_way, "'bedroom/00003.jpg'"),
    (zip_cut, "damaged or incomplete"),
]


@pytest.mark.worker
@pytest.mark.usefixtures("transactional_db", "celery_worker")
@pytest.mark.parametrize(("make", "words"), CASES, ids=[make.__name__ for make, _ in CASES])
def test_bad_file_fails_the_video_with_words_and_leaves_nothing(
    make: Callable[[Path], Path], words: str, manager_client: Any, tmp_path: Path
) -> None:
    client = manager_client
    project = make_project(client)
    bad = make(tmp_path)
    before = stored_files()
    response = upload(client, project, bad)
    assert response.status_code == 201, response.json()  # what a file holds is judged by the worker
    video, job = response.json()["id"], response.json()["job"]

    state = wait_for_job(client, job)
    assert state["status"] == "failed"
    assert words.lower() in state["error"].lower(), state["error"]
    assert "internal error" not in state["error"] and "Traceback" not in state["error"]
    assert str(tmp_path) not in state["error"] and "/uploads/" not in state["error"]
    if make is truncated_after_frames_were_stored:
        assert state["progress"] > 0, "frames were stored before the cut showed, and then removed"
    info = client.get(f"/api/videos/{video}/").json()
    assert (info["status"], info["error"], info["frame_count"]) == ("failed", state["error"], 0)
    assert files_of_video(video) == []
    assert stored_files() == before
    assert client.get(f"/api/videos/{video}/frames/0/").status_code == 404
    assert client.get(f"/api/videos/{video}/thumbnail/").status_code == 404


@pytest.mark.django_db
def test_upload_over_the_size_limit_answers_400_at_once(manager_client: Any, settings: Any) -> None:
    settings.MASKLET = {**settings.MASKLET, "UPLOAD_MAX_BYTES": 1_000_000}
    project = make_project(manager_client)
    before = stored_files()
    # 2.2 MiB: refused from the request's declared length.
    response = upload(manager_client, project, BEDROOM_MP4)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The file is 2.") and "the limit is 976.6 KiB" in response.json()["detail"]
    # Just over the limit (within the multipart envelope's slack): refused on the file's own size.
    response = upload(manager_client, project, bytes(1_040_000), name="clip.mp4")
    assert response.status_code == 400
    assert response.json()["detail"] == "The file is 1015.6 KiB; the limit is 976.6 KiB."
    assert upload(manager_client, project, bytes(999_000), name="clip.mp4").status_code == 201  # within it
    video = Video.objects.get(project_id=project)
    assert stored_files() == sorted([*before, video.source.name])
    default_storage.delete(video.source.name)  # no worker here: the rolled-back test leaves no job


@pytest.mark.django_db
def test_declared_length_over_the_limit_is_refused_before_the_body_is_read(manager_client: Any, settings: Any) -> None:
    settings.MASKLET = {**settings.MASKLET, "UPLOAD_MAX_BYTES": 1_000_000}
    project = make_project(manager_client)
    # The body is a few bytes, but the request announces 50 MB: the view answers from the header.
    response = manager_client.generic(
        "POST", f"/api/projects/{project}/videos/", b"--x--\r\n",
        content_type="multipart/form-data; boundary=x", CONTENT_LENGTH=str(50_000_000),
    )
    assert response.status_code == 400 and "the limit is 976.6 KiB" in response.json()["detail"]
    assert not Video.objects.filter(project_id=project).exists()


@pytest.mark.django_db
def test_missing_or_empty_file_is_400(manager_client: Any) -> None:
    project = make_project(manager_client)
    before = stored_files()
    missing = manager_client.post(f"/api/projects/{project}/videos/", {"name": "clip"}, format="multipart")
    assert missing.status_code == 400 and "file" in missing.json()["detail"].lower()
    empty = manager_client.post(
        f"/api/projects/{project}/videos/", {"file": SimpleUploadedFile("clip.mp4", b"")}, format="multipart"
    )
    assert empty.status_code == 400 and "empty" in empty.json()["detail"].lower()
    as_json = manager_client.post(f"/api/projects/{project}/videos/", {"file": "clip.mp4"}, format="json")
    assert as_json.status_code in (400, 415)
    assert not Video.objects.filter(project_id=project).exists()
    assert stored_files() == before


@pytest.mark.django_db
def test_only_managers_upload(manager_client: Any, manager: Any) -> None:
    project = make_project(manager_client)
    before = stored_files()
    annotator, outsider = make_user("annotator"), make_user("outsider")
    project_services.membership_add(project=Project.objects.get(pk=project), user=annotator.pk, role="annotator")
    assert upload(client_for(annotator), project, BEDROOM_MP4).status_code == 403
    assert upload(client_for(outsider), project, BEDROOM_MP4).status_code == 404
    assert not Video.objects.filter(project_id=project).exists()
    assert stored_files() == before
