"""The SDK and the `masklet` command against a real server and the session's worker (OpenCV
backend): what the live workers run, per queue, and which model produced each mask."""

from __future__ import annotations

import time
from typing import Any

import pytest

from masklet_client import cli
from masklet_client.sdk import Client
from tests.factories import make_team, token_for
from tests.inference.helpers import click, new_masklet

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db", "celery_worker")]


def _when_announced(client: Client, timeout: float = 20) -> dict[str, list[dict[str, Any]]]:
    deadline = time.monotonic() + timeout
    while not (backends := client.backends())["interactive"]:
        assert time.monotonic() < deadline, backends
        time.sleep(0.3)
    return backends


def test_the_sdk_shows_backends_per_queue_and_mask_provenance(live_server_url: str, capsys: Any) -> None:
    client = Client(live_server_url)
    backends = _when_announced(client)
    assert set(backends) == {"interactive", "batch", "cpu"}
    (clicks,) = [m for m in backends["interactive"] if m["backend"] == "opencv"]
    assert clicks["model"].startswith("opencv-") and clicks["device"] == "cpu"
    assert client.status()["backend_label"] == clicks["label"]

    assert cli.main(["--url", live_server_url, "status"], env={}) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"clicks: {clicks['label']}"
    assert any(line.startswith("interactive\t") and line.endswith(f"\t{clicks['label']}\t-") for line in out.splitlines())

    team = make_team(frames=4)
    masklet = new_masklet(team.client("annotator"), team.video.pk)
    answer = click(team.client("annotator"), masklet, 1, box=[9, 16, 41, 48])
    sdk = Client(live_server_url, token_for(team.annotator))
    (mask,) = sdk.list_masks(masklet)
    assert mask["frame"] == 1 and mask["provenance"] == answer["provenance"]["id"]
