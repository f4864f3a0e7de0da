"""Mask PUT (brush and eraser edits): optimistic concurrency, RLE validation, frame range.

The video of make_team() is 96x64 pixels with 6 annotated frames; RLE size is [height, width].
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import maskcodec
from annotation.models import FrameMask
from tests.platform.conftest import World, square_rle

pytestmark = pytest.mark.django_db

H, W = 64, 96


def _url(world: World, frame: int = 0) -> str:
    return f"/api/masklets/{world.masklet.pk}/masks/{frame}/"


def _stored(world: World) -> list[tuple[int, Any, int, int]]:
    return list(
        FrameMask.objects.filter(masklet=world.masklet)
        .order_by("frame")
        .values_list("frame", "rle", "area", "version")
    )


def test_edit_bumps_version_and_answers_the_mask(world: World) -> None:
    client = world.team.client("annotator")
    rle = square_rle(top=5, left=40, size=20)
    response = client.put(_url(world, 0), {"rle": rle, "version": 1}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["frame"], body["version"], body["area"], body["source"]) == (0, 2, 400, "edited")
    assert body["bbox"] == [40.0, 5.0, 20.0, 20.0]
    assert body["rle"] == rle
    new = client.put(
        _url(world, 4), {"rle": rle}, format="json"
    )  # no version: a frame with no mask yet
    assert new.status_code == 200 and new.json()["version"] == 1


def test_stale_version_is_409_with_the_current_mask_and_loses_nothing(world: World) -> None:
    first, second = world.team.client("annotator"), world.team.client("manager")
    # Both editors loaded version 1 of frame 0; the first saves.
    mine = square_rle(top=30, left=50, size=8)
    assert first.put(_url(world), {"rle": mine, "version": 1}, format="json").status_code == 200
    stored = _stored(world)
    theirs = square_rle(top=0, left=0, size=30)
    response = second.put(_url(world), {"rle": theirs, "version": 1}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert "changed" in body["detail"]
    assert body["current"] == {
        "masklet": world.masklet.pk,
        "frame": 0,
        "rle": mine,
        "bbox": [50.0, 30.0, 8.0, 8.0],
        "area": 64,
        "source": "edited",
        "version": 2,
        "provenance": None,  # a person's edit: no model produced it
    }
    assert _stored(world) == stored  # nothing lost, nothing overwritten
    # The second editor merges onto the current version and saves.
    retry = second.put(
        _url(world), {"rle": theirs, "version": body["current"]["version"]}, format="json"
    )
    assert retry.status_code == 200 and retry.json()["version"] == 3


@pytest.mark.parametrize("version", [None, 0, 5])
def test_version_that_is_not_the_current_one_is_409(world: World, version: int | None) -> None:
    stored = _stored(world)
    body = {"rle": square_rle(top=40)} | ({} if version is None else {"version": version})
    response = world.team.client("annotator").put(_url(world), body, format="json")
    assert response.status_code == 409
    assert response.json()["current"]["version"] == 1
    assert _stored(world) == stored


def test_creating_a_mask_that_someone_else_just_created_is_409(world: World) -> None:
    client = world.team.client("annotator")
    assert (
        client.put(_url(world, 3), {"rle": square_rle(), "version": 0}, format="json").status_code
        == 200
    )
    response = client.put(_url(world, 3), {"rle": square_rle(top=40), "version": 0}, format="json")
    assert response.status_code == 409 and response.json()["current"]["rle"] == square_rle()


def test_uncompressed_counts_are_accepted_and_stored_compressed(world: World) -> None:
    counts = [100, 50, H * W - 150]
    response = world.team.client("annotator").put(
        _url(world, 2), {"rle": {"size": [H, W], "counts": counts}}, format="json"
    )
    assert response.status_code == 200, response.json()
    stored = FrameMask.objects.get(masklet=world.masklet, frame=2)
    assert isinstance(stored.rle["counts"], str) and stored.area == 50
    assert maskcodec.decode(stored.rle).sum() == 50


def test_empty_mask_is_a_valid_edit(world: World) -> None:
    response = world.team.client("annotator").put(
        _url(world), {"rle": maskcodec.empty(H, W), "version": 1}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["area"], response.json()["bbox"]) == (0, [0.0, 0.0, 0.0, 0.0])


VALID = square_rle()
BAD_RLES: dict[str, Any] = {
    "wrong size": square_rle(height=32, width=32),
    "transposed size": {
        "size": [W, H],
        "counts": maskcodec.encode(np.zeros((W, H), bool))["counts"],
    },
    "size of strings": {"size": ["64", "96"], "counts": VALID["counts"]},
    "size of floats": {"size": [64.0, 96.0], "counts": VALID["counts"]},
    "size of bools": {"size": [True, True], "counts": "11"},
    "size with three numbers": {"size": [64, 96, 3], "counts": VALID["counts"]},
    "negative size": {"size": [-64, 96], "counts": VALID["counts"]},
    "huge size": {"size": [10**12, 10**12], "counts": VALID["counts"]},
    "size missing": {"counts": VALID["counts"]},
    "size null": {"size": None, "counts": VALID["counts"]},
    "counts missing": {"size": [H, W]},
    "counts null": {"size": [H, W], "counts": None},
    "counts number": {"size": [H, W], "counts": 6144},
    "counts object": {"size": [H, W], "counts": {"a": 1}},
    "garbage counts": {"size": [H, W], "counts": "!!!not rle~~~"},
    "non-ascii counts": {"size": [H, W], "counts": "ÿÿ€€"},
    "counts too short": {"size": [H, W], "counts": VALID["counts"][:3]},
    "counts too long": {"size": [H, W], "counts": VALID["counts"] + "0" * 40},
    "counts of another size": {"size": [H, W], "counts": square_rle(height=32, width=32)["counts"]},
    "empty counts": {"size": [H, W], "counts": ""},
    "run lengths with wrong sum": {"size": [H, W], "counts": [1, 2, 3]},
    "negative run lengths": {"size": [H, W], "counts": [-10, H * W + 10]},
    "float run lengths": {"size": [H, W], "counts": [0.5, H * W - 0.5]},
    "string run lengths": {"size": [H, W], "counts": ["6144"]},
    "huge run lengths": {"size": [H, W], "counts": [2**70, -(2**70) + H * W]},
    "extra key": {"size": [H, W], "counts": VALID["counts"], "iscrowd": 0},
    "rle is a string": VALID["counts"],
    "rle is a list": [VALID],
    "rle is a number": 12,
    "rle is null": None,
    "rle is empty object": {},
    "bitmap instead of rle": {"size": [H, W], "mask": [[0] * W] * H},
}


@pytest.mark.parametrize("rle", BAD_RLES.values(), ids=BAD_RLES.keys())
def test_bad_rle_is_400_and_changes_nothing(world: World, rle: Any) -> None:
    stored = _stored(world)
    response = world.team.client("annotator").put(
        _url(world), {"rle": rle, "version": 1}, format="json"
    )
    assert response.status_code == 400, response.content[:300]
    assert isinstance(response.json()["detail"], str) and response.json()["detail"]
    assert _stored(world) == stored


BAD_BODIES: dict[str, Any] = {
    "no rle": {"version": 1},
    "version a word": {"rle": VALID, "version": "one"},
    "negative version": {"rle": VALID, "version": -1},
    "fractional version": {"rle": VALID, "version": 1.5},
    "huge version": {"rle": VALID, "version": 10**30},
    "version a list": {"rle": VALID, "version": [1]},
    "body a list": [VALID],
    "body a string": "rle",
}


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_bad_body_is_4xx_and_changes_nothing(world: World, body: Any) -> None:
    stored = _stored(world)
    response = world.team.client("annotator").put(_url(world), body, format="json")
    assert response.status_code in (400, 409), response.content[:300]
    assert isinstance(response.json()["detail"], str)
    assert _stored(world) == stored


def test_non_json_body_is_4xx(world: World) -> None:
    client = world.team.client("annotator")
    for content, content_type in [
        ("{not json", "application/json"),
        ("rle=1", "text/plain"),
        ("", "application/json"),
    ]:
        response = client.put(_url(world), content, content_type=content_type)
        assert 400 <= response.status_code < 500, (content, response.status_code)
        assert "detail" in response.json()


@pytest.mark.parametrize("frame", [6, 7, 1000, 2**31, 10**20])
def test_frame_out_of_range_is_400(world: World, frame: int) -> None:
    response = world.team.client("annotator").put(
        _url(world, frame), {"rle": VALID, "version": 0}, format="json"
    )
    assert response.status_code == 400, response.content[:300]
    assert "frame must be between 0 and 5" in response.json()["detail"]
    assert not FrameMask.objects.filter(masklet=world.masklet, frame__gte=6).exists()


def test_negative_frame_is_not_a_route(world: World) -> None:
    response = world.team.client("annotator").put(
        f"/api/masklets/{world.masklet.pk}/masks/-1/", {"rle": VALID}, format="json"
    )
    assert response.status_code == 404 and "detail" in response.json()


@pytest.mark.parametrize(
    "query",
    [
        "start=abc",
        "end=1.5",
        "start=-1&end=2",
        "start=4&end=1",
        f"start={10**20}",
        f"end={10**30}",
        "start=&end=",
    ],
)
def test_mask_range_queries_never_500(world: World, query: str) -> None:
    for path in (
        f"/api/masklets/{world.masklet.pk}/masks/?{query}",
        f"/api/videos/{world.team.video.pk}/masks/?{query}",
    ):
        response = world.team.client("reviewer").get(path)
        assert response.status_code in (200, 400), (path, response.status_code)
        if response.status_code == 400:
            assert "whole number" in response.json()["detail"]
        else:
            assert isinstance(response.json(), list)


def test_mask_range_is_inclusive(world: World) -> None:
    client = world.team.client("annotator")
    for frame in (1, 2, 3):
        assert client.put(_url(world, frame), {"rle": VALID}, format="json").status_code == 200
    frames = [
        m["frame"]
        for m in client.get(f"/api/masklets/{world.masklet.pk}/masks/?start=1&end=2").json()
    ]
    assert frames == [1, 2]
    frames = [
        m["frame"] for m in client.get(f"/api/videos/{world.team.video.pk}/masks/?start=2").json()
    ]
    assert frames == [2, 3]



def test_the_fast_mask_rows_answer_what_the_serializer_would(world: World) -> None:
    """GET /api/videos/{id}/masks/ builds its answer from plain rows (selectors.masklets.
    mask_rows_in_range): every field MaskOut declares, with the serializer's values."""
    from annotation.api.serializers import MaskOut

    client = world.team.client("annotator")
    for frame in (1, 2):
        assert client.put(_url(world, frame), {"rle": VALID}, format="json").status_code == 200
    fast = client.get(f"/api/videos/{world.team.video.pk}/masks/?start=1&end=2").json()
    slow = MaskOut(FrameMask.objects.filter(masklet=world.masklet, frame__in=[1, 2]).order_by("frame"), many=True).data
    assert fast == [dict(row) for row in slow]

@pytest.mark.django_db(transaction=True)
def test_two_editors_creating_the_same_frame_mask_at_once() -> None:
    """Editor A creates frame 3's mask and has not committed when editor B, who also saw no mask,
    saves his: B's insert waits on A's, and then answers 409 with A's mask (no 500, nothing lost)."""
    import threading

    from django.db import connection, transaction

    from annotation.services import masklets as masklet_services
    from annotation.services.errors import Conflict
    from tests.platform.conftest import make_world

    world = make_world("race-")
    a_inserted, a_may_commit = threading.Event(), threading.Event()
    outcome: dict[str, Any] = {}

    def editor_a() -> None:
        try:
            with transaction.atomic():
                masklet_services.frame_mask_put(
                    masklet=world.masklet,
                    frame=3,
                    rle=square_rle(top=1),
                    version=0,
                    user=world.team.annotator,
                )
                a_inserted.set()
                a_may_commit.wait(10)
            outcome["a"] = "saved"
        finally:
            connection.close()

    def editor_b() -> None:
        try:
            a_inserted.wait(10)
            masklet_services.frame_mask_put(
                masklet=world.masklet,
                frame=3,
                rle=square_rle(top=40),
                version=0,
                user=world.team.manager,
            )
            outcome["b"] = "saved"
        except Conflict as conflict:
            outcome["b"] = conflict
        finally:
            connection.close()

    threads = [threading.Thread(target=editor_a), threading.Thread(target=editor_b)]
    for thread in threads:
        thread.start()
    a_inserted.wait(10)
    threading.Timer(0.5, a_may_commit.set).start()  # B is blocked on A's row by then
    for thread in threads:
        thread.join(20)
    assert outcome["a"] == "saved"
    assert isinstance(outcome["b"], Conflict), outcome
    assert outcome["b"].status_code == 409
    assert outcome["b"].extra["current"]["rle"] == square_rle(top=1)
    stored = FrameMask.objects.get(masklet=world.masklet, frame=3)
    assert (stored.rle, stored.version, stored.updated_by_id) == (
        square_rle(top=1),
        1,
        world.team.annotator.pk,
    )
