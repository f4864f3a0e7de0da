"""The Export dialog and the past-exports list in the browser: choose a format and filters,
watch the progress bar reach 100 %, download the zip, see the export listed with its author,
masklet count and size; the webhooks page shows a new webhook's secret once."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from annotation.services import masklets as masklet_services
from tests.e2e.conftest import off_loop, square_rle

pytestmark = [pytest.mark.e2e]


def _masklets(team: Any) -> tuple[int, int]:
    """A verified masklet on frames 0-2 and a draft one on frames 0-1 (the draft is not delivered)."""
    verified = masklet_services.masklet_create(video=team.video, user=team.manager)
    draft = masklet_services.masklet_create(video=team.video, user=team.manager)
    for frame in range(3):
        masklet_services.frame_mask_put(
            masklet=verified, frame=frame, rle=square_rle(10, 10 + frame, 12), version=0, user=team.manager
        )
    for frame in range(2):
        masklet_services.frame_mask_put(
            masklet=draft, frame=frame, rle=square_rle(30, 40, 10), version=0, user=team.manager
        )
    masklet_services.masklet_set_status(masklet=verified, status="verified", user=team.reviewer)
    return verified.number, draft.number


def test_export_dialog_progress_download_and_past_exports(
    open_page: Any, team: Any, celery_worker: Any, tmp_path: Path
) -> None:
    verified, _ = off_loop(_masklets, team)
    page = open_page(team.manager, f"/projects/{team.project.pk}")
    page.get_by_test_id("exports-section").wait_for()
    assert "No exports yet" in page.get_by_test_id("exports-section").inner_text()

    page.get_by_test_id("open-export").click()
    dialog = page.get_by_test_id("export-dialog")
    dialog.wait_for()
    dialog.get_by_test_id("export-format-coco").check()
    dialog.get_by_test_id("export-frame-start").fill("1")
    dialog.get_by_test_id("export-start").click()
    dialog.get_by_test_id("export-progress").wait_for()
    link = dialog.get_by_test_id("export-download")
    link.wait_for(timeout=120_000)
    assert dialog.get_by_test_id("export-status").inner_text() == "succeeded"
    assert dialog.get_by_role("progressbar").get_attribute("aria-valuenow") == "100"
    assert "1 masklets" in link.inner_text()

    with page.expect_download() as info:
        link.click()
    target = tmp_path / "export.zip"
    info.value.save_as(str(target))
    coco = json.loads(zipfile.ZipFile(target).read("annotations.json"))
    assert sorted((a["track_id"], a["frame_index"]) for a in coco["annotations"]) == [(verified, 1), (verified, 2)]

    dialog.get_by_test_id("export-close").click()
    rows = page.locator("[data-testid^=export-row-]")
    rows.first.wait_for()
    assert rows.count() == 1
    text = rows.first.inner_text()
    for part in ("e2emanager", "coco", "verified_or_accepted", "frames 1–end", "succeeded", "Download"):
        assert part in text, (part, text)
    assert f"{target.stat().st_size} B" in text or "KiB" in text
    assert page.js_errors == []  # type: ignore[attr-defined]


def test_webhooks_page_shows_the_secret_once(open_page: Any, team: Any) -> None:
    page = open_page(team.manager, f"/projects/{team.project.pk}")
    page.get_by_test_id("webhooks-link").click()
    page.get_by_test_id("webhooks-page").wait_for()
    page.get_by_test_id("webhook-url").fill("https://example.org/masklet-hook")
    page.get_by_test_id("webhook-event-task.accepted").check()
    page.get_by_test_id("add-webhook").click()
    secret = page.get_by_test_id("webhook-secret")
    secret.wait_for()
    assert len(secret.locator("code").inner_text()) >= 32
    page.locator("[data-testid^=webhook-log-]").wait_for()
    page.reload()
    page.get_by_test_id("webhooks-page").wait_for()
    page.locator("[data-testid^=webhook-log-]").wait_for()
    assert page.get_by_test_id("webhook-secret").count() == 0
    assert "task.accepted" in page.get_by_test_id("webhooks-page").inner_text()
