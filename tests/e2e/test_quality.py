"""Automated QA and quality reports in the browser: a jumpy object gets a flag drawn on the
timeline and listed in the QA panel (a click shows its frame); fixing the frame clears it; a
manager marks ground truth on the Quality page and sees an annotator's score there."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import open_workspace, square_rle, wait_until

pytestmark = [pytest.mark.e2e]


def test_qa_flags_and_quality_report(open_page: Any, team: Any, rest: Any, celery_worker: Any) -> None:
    video, project = team.video.pk, team.project.pk
    manager_api = rest(team.manager)
    annotator_api = rest(team.annotator)

    # the manager's object, steady on frames 0-5: it becomes the ground truth below
    truth = manager_api.post(f"/api/videos/{video}/masklets/", {"label": None, "name": "car"})["id"]
    for f in range(6):
        manager_api.put(f"/api/masklets/{truth}/masks/{f}/", {"rle": square_rle(10, 10 + f, 16), "version": 0})

    # the annotator's jumpy object: 40 px off on frame 3
    jumpy = annotator_api.post(f"/api/videos/{video}/masklets/", {"label": None, "name": "jumpy"})["id"]
    for f in range(6):
        left = 70 if f == 3 else 10 + f
        annotator_api.put(f"/api/masklets/{jumpy}/masks/{f}/", {"rle": square_rle(40, left, 16), "version": 0})
    wait_until(
        lambda: [x for x in annotator_api.get(f"/api/videos/{video}/qa-flags/") if x["masklet"] == jumpy],
        timeout=120,
        what="QA flags of the jumpy object",
    )

    reviewer = open_page(team.reviewer)
    open_workspace(reviewer, f"/videos/{video}")
    reviewer.locator("[data-testid=timeline]:not([data-flags='0'])").wait_for()
    flag = reviewer.locator("[data-testid=qa-flag][data-kind=temporal]")
    assert "#2" in flag.inner_text() and "frames 2–4" in flag.inner_text()
    flag.click()
    reviewer.locator("[data-testid=current-frame]", has_text="2").wait_for()
    reviewer.locator(f"[data-testid=masklet-{jumpy}].selected").wait_for()

    # fixing frame 3 clears the flags: the QA run's event refreshes the panel and the timeline
    annotator_api.put(f"/api/masklets/{jumpy}/masks/3/", {"rle": square_rle(40, 13, 16), "version": 1})
    reviewer.locator("[data-testid=timeline][data-flags='0']").wait_for(timeout=120_000)
    assert reviewer.locator("[data-testid=qa-flag]").count() == 0

    # the manager marks ground truth on the Quality page (both objects as they are now), then
    # unmarks and marks with only the car via the API; the annotator's object is scored
    manager = open_page(team.manager, f"/projects/{project}")
    manager.get_by_test_id("quality-link").click()
    manager.get_by_test_id("quality-page").wait_for()
    manager.get_by_test_id(f"mark-gt-{video}").click()
    manager.get_by_test_id(f"unmark-gt-{video}").wait_for()
    assert sorted(manager_api.get(f"/api/videos/{video}/ground-truth/")["masklets"]) == sorted([truth, jumpy])
    manager_api.put(f"/api/videos/{video}/ground-truth/", {"masklets": [truth]})
    attempt = annotator_api.post(f"/api/videos/{video}/masklets/", {"label": None, "name": "car again"})["id"]
    for f in range(6):
        annotator_api.put(f"/api/masklets/{attempt}/masks/{f}/", {"rle": square_rle(10, 10 + f, 16), "version": 0})
    manager.reload()
    rows = manager.get_by_test_id("quality-annotator-row")
    rows.first.wait_for()
    text = manager.get_by_test_id("quality-annotators").inner_text()
    assert team.annotator.username in text
    report = manager_api.get(f"/api/projects/{project}/quality-report/")
    mine = next(a for a in report["annotators"] if a["annotator"] == team.annotator.pk)
    # the car is matched by "car again" exactly; "jumpy" is an extra object
    assert mine["jf"] == 100.0 and mine["matched"] == 1 and mine["extra"] == 1
    assert "100.0" in text
    assert reviewer.js_errors == [] and manager.js_errors == []
