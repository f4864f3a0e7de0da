"""Delivery round trips through the API and the real worker: the SA-V example imported and
exported again gives the same file contents; COCO and DAVIS exports re-import to identical masks."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from django.conf import settings

from annotation.models import FrameMask, Masklet
from tests.delivery.delivery_helpers import (
    SAV_AUTO,
    SAV_MANUAL,
    everything,
    export,
    sav_video,
    unzip,
    upload,
)
from tests.factories import make_team

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

STAT_FIELDS = (
    "masklet_size_rel",
    "masklet_size_abs",
    "masklet_size_bucket",
    "masklet_visibility_changes",
    "masklet_first_appeared_frame",
    "masklet_frame_count",
    "masklet_edited_frame_count",
    "masklet_type",
    "masklet_num",
    "masklet_id",
)
VIDEO_FIELDS = (
    "video_id",
    "video_duration",
    "video_frame_count",
    "video_height",
    "video_width",
    "video_resolution",
)


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def _import_sav_example(client: Any, video: Any) -> None:
    for path in (SAV_MANUAL, SAV_AUTO):
        job = upload(client, video, path.read_bytes(), path.name, "sav")
        assert job["status"] == "succeeded", job["error"]
        assert job["result"]["masklets"] == (5 if path == SAV_MANUAL else 9)


def _masks_by_number(video: Any) -> dict[tuple[int, int], str]:
    return {
        (number, frame): rle["counts"]
        for number, frame, rle in FrameMask.objects.filter(masklet__video=video).values_list(
            "masklet__number", "frame", "rle"
        )
    }


def test_sav_import_then_export_gives_the_same_files(celery_worker: Any) -> None:
    team = make_team("sav")
    everything(team.project)
    client = team.client("manager")
    video = sav_video(team.project)

    _import_sav_example(client, video)

    masklets = list(Masklet.objects.filter(video=video).order_by("number"))
    assert {m.origin for m in masklets} == {"imported"}
    assert set(FrameMask.objects.filter(masklet__video=video).values_list("source", flat=True)) == {
        "imported"
    }
    assert [m.stability_scores is not None for m in masklets] == [False] * 5 + [True] * 9
    # the uploaded files were deleted once imported
    assert not list((settings.MEDIA_ROOT / "imports" / str(video.pk)).glob("*"))

    job, content = export(client, team.project, format="sav", videos=[video.pk])
    archive = unzip(content)
    names = set(archive.namelist())
    assert names == {"sav_000001_manual.json", "sav_000001_auto.json", "manifest.json"}

    for original_path in (SAV_MANUAL, SAV_AUTO):
        original = json.loads(original_path.read_text())
        exported = json.loads(archive.read(original_path.name))
        # masks: RLE for RLE, string equality, frame by frame and masklet by masklet
        assert len(exported["masklet"]) == len(original["masklet"]) == 121
        for frame, (got, want) in enumerate(
            zip(exported["masklet"], original["masklet"], strict=True)
        ):
            assert [c["counts"] for c in got] == [c["counts"] for c in want], f"frame {frame}"
            assert [c["size"] for c in got] == [c["size"] for c in want]
        for key in STAT_FIELDS + VIDEO_FIELDS:
            assert _close(exported[key], original[key]), (key, exported[key], original[key])
        assert _close(exported["masklet_stability_score"], original["masklet_stability_score"])

    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["totals"]["masklets"] == 14
    masks = FrameMask.objects.filter(masklet__video=video, area__gt=0).count()
    assert manifest["totals"]["masks"] == masks
    result = job["result"]
    assert (result["videos"], result["masklets"], result["frame_masks"]) == (1, 14, masks)
    assert manifest["export"]["filters"]["videos"] == [video.pk]


def test_coco_and_davis_exports_reimport_to_identical_masks(celery_worker: Any) -> None:
    team = make_team("rt")
    everything(team.project)
    client = team.client("manager")
    video = sav_video(team.project)
    _import_sav_example(client, video)
    original = _masks_by_number(video)
    assert len(original) > 1000

    for fmt, name in (("coco", "export_coco.zip"), ("davis", "export_davis.zip")):
        job, content = export(client, team.project, format=fmt, videos=[video.pk])
        assert job["result"]["frame_masks"] == len(original)
        target = sav_video(team.project, name=f"copy_{fmt}")
        imported = upload(client, target, content, name, fmt)
        assert imported["status"] == "succeeded", imported["error"]
        assert imported["result"]["frame_masks"] == len(original)
        # external ids are the exported masklet numbers (COCO track_id, DAVIS object number)
        number_of = {}
        for m in Masklet.objects.filter(video=target):
            external = m.name.rsplit(" ", 1)[-1].rstrip(")")
            number_of[m.number] = int(external)
        copied = {(number_of[n], f): counts for (n, f), counts in _masks_by_number(target).items()}
        assert copied == original, fmt
