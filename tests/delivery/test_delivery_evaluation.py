"""J&F from the API (two sets of masklets of a video) and from `manage.py evaluate_jf`."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from annotation.services import masklets as masklet_services
from tests.delivery.delivery_helpers import square
from tests.factories import make_team

H, W = 64, 96  # the team video: 6 annotated frames


def _masklet(team: Any, masks: dict[int, dict]) -> Any:
    masklet = masklet_services.masklet_create(video=team.video, user=team.manager)
    for frame, rle in masks.items():
        masklet_services.frame_mask_put(
            masklet=masklet, frame=frame, rle=rle, version=0, user=team.manager
        )
    return masklet


def test_evaluation_api(db: Any) -> None:
    team = make_team("jf")
    frames = range(6)
    reference = _masklet(team, {f: square(H, W, 10, 10, 12) for f in frames})
    same = _masklet(team, {f: square(H, W, 10, 10, 12) for f in frames})
    # shifted 6 px right: IoU = (6*12) / (18*12) = 1/3 on every frame
    shifted = _masklet(team, {f: square(H, W, 10, 16, 12) for f in frames})
    # right on frames 0-2, missing on frames 3-5: J = F = 1/2
    half = _masklet(team, {f: square(H, W, 10, 10, 12) for f in range(3)})
    url = f"/api/videos/{team.video.pk}/evaluations/"

    body = {
        "reference": [reference.pk],
        "candidate": [same.pk, shifted.pk, half.pk],
        "pairs": [[reference.pk, same.pk], [reference.pk, shifted.pk], [reference.pk, half.pk]],
    }
    response = team.client("reviewer").post(url, body, format="json")
    assert response.status_code == 200, response.content
    result = response.json()
    by_candidate = {p["candidate"]: p for p in result["pairs"]}
    assert (
        by_candidate[same.pk]["j"]
        == by_candidate[same.pk]["f"]
        == by_candidate[same.pk]["jf"]
        == 100.0
    )
    assert by_candidate[shifted.pk]["j"] == pytest.approx(100 / 3, abs=1e-3)
    assert 0 < by_candidate[shifted.pk]["f"] < 100
    assert by_candidate[half.pk]["j"] == by_candidate[half.pk]["f"] == 50.0
    assert result["frames"] == 6 and by_candidate[half.pk]["frames"] == 6
    assert result["j"] == pytest.approx((100 + 100 / 3 + 50) / 3, abs=1e-3)
    assert result["jf"] == pytest.approx((result["j"] + result["f"]) / 2, abs=1e-3)

    # pairs default to the lists in order
    response = team.client("annotator").post(
        url, {"reference": [reference.pk], "candidate": [half.pk]}, format="json"
    )
    assert response.status_code == 200 and response.json()["jf"] == 50.0

    # bad requests: 400 with words, outsiders 404
    other = make_team("jf2")
    foreign = _masklet(other, {0: square(H, W, 0, 0, 4)})
    cases = [
        ({"reference": [reference.pk], "candidate": [foreign.pk]}, "not in this video"),
        ({"reference": [reference.pk], "candidate": [same.pk, half.pk]}, "paired in order"),
        (
            {
                "reference": [reference.pk],
                "candidate": [same.pk],
                "pairs": [[same.pk, reference.pk]],
            },
            "pair",
        ),
        ({"reference": [], "candidate": [same.pk]}, "reference"),
    ]
    for bad, words in cases:
        response = team.client("manager").post(url, bad, format="json")
        assert response.status_code == 400, (bad, response.content)
        assert words in response.json()["detail"]
    body = {"reference": [reference.pk], "candidate": [same.pk]}
    assert team.client("outsider").post(url, body, format="json").status_code == 404
    assert other.client("manager").post(url, body, format="json").status_code == 404


def _png(path: Path, mask: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(mask.astype(bool)).save(path)


def test_evaluate_jf_command(tmp_path: Path) -> None:
    """Exported DAVIS layout (Annotations_objects/{video}/{object}/{frame}.png): object 1 is
    predicted exactly, object 2 only on the first of its two frames."""
    box = np.zeros((H, W), dtype=bool)
    box[10:30, 20:50] = True
    other = np.zeros((H, W), dtype=bool)
    other[40:60, 60:90] = True
    for root in ("gt", "pred"):
        for frame in (0, 1):
            _png(tmp_path / root / "Annotations_objects" / "clip" / "001" / f"{frame:05d}.png", box)
    _png(tmp_path / "gt" / "Annotations_objects" / "clip" / "002" / "00000.png", other)
    _png(tmp_path / "gt" / "Annotations_objects" / "clip" / "002" / "00001.png", other)
    _png(tmp_path / "pred" / "Annotations_objects" / "clip" / "002" / "00000.png", other)
    _png(
        tmp_path / "pred" / "Annotations_objects" / "clip" / "002" / "00001.png",
        np.zeros((H, W), bool),
    )

    out = StringIO()
    gt_dir, pred_dir = str(tmp_path / "gt"), str(tmp_path / "pred")
    # two frames per object: the default (official) protocol skips both, nothing is left
    with pytest.raises(CommandError, match="no objects to evaluate"):
        call_command("evaluate_jf", gt_dir, pred_dir)
    call_command("evaluate_jf", gt_dir, pred_dir, "--no-skip-first-and-last", "--json", stdout=out)
    result = json.loads(out.getvalue())
    objects = {o["object_id"]: o for o in result["objects"]}
    assert objects["1"]["j"] == objects["1"]["f"] == 100.0
    assert objects["2"]["j"] == objects["2"]["f"] == 50.0
    assert result["jf"] == 75.0

    table = StringIO()
    call_command("evaluate_jf", gt_dir, pred_dir, "--no-skip-first-and-last", stdout=table)
    assert "Global score" in table.getvalue() and "75.0" in table.getvalue()

    with pytest.raises(CommandError, match="not a folder"):
        call_command("evaluate_jf", str(tmp_path / "gt"), str(tmp_path / "empty_pred"))


def test_evaluation_api_protocols(db: Any) -> None:
    """The official protocol scores a pair from the first frame either masklet shows up;
    all-objects scores every frame; a reference that never shows up is not scored."""
    team = make_team("jfp")
    late = _masklet(team, {f: square(H, W, 10, 10, 12) for f in (4, 5)})
    same = _masklet(team, {f: square(H, W, 10, 10, 12) for f in (4, 5)})
    early = _masklet(team, {f: square(H, W, 10, 10, 12) for f in (2, 3, 4, 5)})
    url = f"/api/videos/{team.video.pk}/evaluations/"
    client = team.client("reviewer")
    body = {"reference": [late.pk], "candidate": [same.pk]}
    official = client.post(url, body, format="json").json()
    assert official["protocol"] == "sav" and official["jf"] == 100.0
    assert official["pairs"][0]["frames"] == 2  # frames 4-5; 0-3 are empty on both sides
    strict = client.post(url, {**body, "protocol": "all-objects"}, format="json").json()
    assert strict["jf"] == 100.0 and strict["pairs"][0]["frames"] == 6
    # predicted from frame 2: frames 2 and 3 count (J = 0 there) under the official protocol too
    pair = client.post(url, {"reference": [late.pk], "candidate": [early.pk]}, format="json").json()
    assert pair["pairs"][0]["frames"] == 4 and pair["j"] == 50.0
    # nothing in the reference on any frame: not scored, null numbers
    empty_ref = _masklet(team, {})
    none = client.post(url, {"reference": [empty_ref.pk], "candidate": [same.pk]}, format="json")
    assert none.status_code == 200 and none.json()["pairs"][0]["jf"] is None
    assert none.json()["jf"] is None
    bad = client.post(url, {**body, "protocol": "lenient"}, format="json")
    assert bad.status_code == 400
