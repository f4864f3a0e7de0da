"""Smoke test of the effort benchmark (benchmarks/annotator.py): its simulated annotator on a short
generated clip with one object, against the test session's server and OpenCV worker, through the
same setup (API upload of the clip, task) and the same analytics API the benchmark reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotation.models import Interaction
from benchmarks.annotator import annotate, setup_video
from benchmarks.annotator_sim import make_gt_clip
from masklet_client.sdk import Client
from tests.factories import make_user, token_for

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db")]


@pytest.mark.timeout(600)
def test_the_simulated_annotator_reports_its_effort(live_server_url: str, celery_worker: object, tmp_path: Path) -> None:
    manager, annotator = make_user("bench-manager"), make_user("bench-annotator")
    clip = make_gt_clip(num_frames=6, width=160, height=120, objects=1)
    project, video = setup_video(Client(live_server_url, token_for(manager), timeout=120), annotator.username, clip, tmp_path)
    result = annotate(live_server_url, token_for(annotator), project, video, clip, think=0.2, max_clicks=3)
    print(f"\n{result}")
    (only,) = result["objects"]
    assert 1 <= only["clicks"] <= 3 and only["propagations"] == only["clicks"]
    assert result["clicks_per_masklet"] == only["clicks"]
    assert 0 <= result["jf"] <= 100 and len(only["jf_after_each_round"]) == only["clicks"]
    assert only["clicks"] == 3 or result["jf"] >= 90  # it stops at the target or the budget
    assert result["backend"] == "opencv"
    # The effort comes from the server's own log: every click and propagation the annotator made.
    analytics = result["analytics"]
    assert analytics["clicks"] == only["clicks"] == Interaction.objects.filter(user=annotator, kind="prompt").count()
    assert Interaction.objects.filter(user=annotator, kind="propagate").count() == only["propagations"]
    assert 1 <= analytics["annotated_frames"] <= 6
    assert analytics["active_seconds"] > 0 and result["seconds_per_frame"] == pytest.approx(
        analytics["active_seconds"] / analytics["annotated_frames"], abs=0.01
    )
