"""Corrections through the API and a real SAM 2 worker (random-weight SAM 2.1 tiny, 256 px),
compared bit for bit with sam2's own SAM2VideoPredictor fed the same calls.

One worker process serves every queue here, so it holds the video's warm session for the clicks
and the propagations alike: what it stores is sam2's own history (README, "Corrections and warm
sessions"). The multi-worker cases (a rebuilt state, routing) are in test_click_routing.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotation.models import Project
from tests.factories import make_team
from tests.inference.helpers import click, masks_by_frame, new_masklet, start_propagation, wait_job
from tests.inference.official import OfficialVideo, differing, official_model, stored_masks

pytestmark = [pytest.mark.sam2, pytest.mark.worker, pytest.mark.usefixtures("transactional_db", "sam2_worker")]

NO_CLEAN_UP = {"postprocess": {"fill_holes_px": 0, "min_region_px": 0, "open_px": 0, "close_px": 0}}


def test_the_correction_story_equals_sams_own_predictor(sam2_checkpoint: Path, tmp_path: Path) -> None:
    """A on frame 0, propagate; B on frame 5; correct A on tracked frame 7; propagate both
    masklets both ways from 5. Every answer and every stored mask equals sam2's own."""
    team = make_team(frames=10)
    Project.objects.filter(pk=team.project.pk).update(settings=NO_CLEAN_UP)
    client = team.client("annotator")
    video = team.video.pk
    official = OfficialVideo(official_model(sam2_checkpoint), team.video, tmp_path)
    a, b = new_masklet(client, video, "A"), new_masklet(client, video, "B")

    answer = click(client, a, 0, points=[[22, 30]], labels=[1])
    assert not differing({0: _decode(answer)}, {0: official.click(a, 0, [[22, 30]], [1])})
    first = start_propagation(client, video, masklets=[a], start_frame=0, direction="forward")
    assert wait_job(client, first)["status"] == "succeeded"
    official.propagate(0)
    assert not differing(stored_masks(a), official.masks[a])

    answer = click(client, b, 5, box=[50, 10, 90, 50])
    assert not differing({5: _decode(answer)}, {5: official.click(b, 5, box=[50, 10, 90, 50])})

    # A correction on a frame the first propagation tracked: with A's memory, as sam2 answers it;
    # the propagation left the frame's image features in the cache, so no encoder runs.
    assert masks_by_frame(a)[7].source == "propagated"
    answer = click(client, a, 7, points=[[44, 30]], labels=[0])
    assert answer["image_features"] == "cached"
    assert (answer["mask"]["source"], answer["mask"]["version"]) == ("prompt", 2)
    assert not differing({7: _decode(answer)}, {7: official.click(a, 7, [[44, 30]], [0])})

    again = start_propagation(client, video, masklets=[a, b], start_frame=5, direction="both")
    done = wait_job(client, again)
    assert done["status"] == "succeeded", done
    official.propagate(5)
    official.propagate(5, reverse=True)
    assert not differing(stored_masks(a), official.masks[a]), "masklet A"
    assert not differing(stored_masks(b), official.masks[b]), "masklet B"
    sources = {f: m.source for f, m in masks_by_frame(a).items()}
    assert sources == {**dict.fromkeys(range(10), "propagated"), 0: "prompt", 7: "prompt"}
    # A's start frame was tracked again with the correction in memory, and stored.
    assert masks_by_frame(a)[5].job_id == again and masks_by_frame(b)[5].source == "prompt"


def _decode(answer: dict) -> object:
    import maskcodec

    return maskcodec.decode(answer["rle"])
