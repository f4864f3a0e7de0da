"""The workspace's "Find all…" box: a text prompt starts a concept job on a real worker running the
tiny random-weights SAM 3, its progress shows, its proposals are listed with their text and are
accepted or discarded; a click says which model answered it. Masks of random weights mean
nothing: the project takes every instance (concepts.score_threshold 0) so that proposals exist."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from annotation.models import Project
from tests.e2e.conftest import canvas_point, off_loop, open_workspace, wait_until
from tests.worker_control import exclusive

pytestmark = [pytest.mark.e2e]


@pytest.fixture
def sam3_only(start_worker: Callable[..., Any], sam3_env: dict[str, str]) -> Iterator[Any]:
    """A SAM 3 worker on every queue, the only one consuming while the test runs."""
    with exclusive(start_worker) as start:
        yield start(env=sam3_env)


def _box(page: Any, x0: float, y0: float, x1: float, y1: float) -> None:
    page.get_by_test_id("tool-box").click()
    page.mouse.move(*canvas_point(page, x0, y0))
    page.mouse.down()
    page.mouse.move(*canvas_point(page, x1, y1), steps=4)
    page.mouse.up()


@pytest.mark.timeout(900)
def test_find_all_proposes_masklets_with_their_text(open_page: Any, team: Any, rest: Any, sam3_only: Any) -> None:
    off_loop(lambda: Project.objects.filter(pk=team.project.pk).update(settings={"concepts": {"score_threshold": 0.0}}))
    api = rest(team.annotator)
    video = team.video.pk
    page = open_page(team.annotator)
    open_workspace(page, f"/videos/{video}")

    page.get_by_test_id("concept-text").fill("square")
    with page.expect_response(lambda r: r.url.endswith(f"/api/videos/{video}/concepts/") and r.request.method == "POST") as sent:
        page.get_by_test_id("concept-start").click()
    assert sent.value.status == 201, sent.value.text()
    job = sent.value.json()
    assert job["kind"] == "concept" and job["params"]["text"] == "square"
    assert (job["params"]["first_frame"], job["params"]["last_frame"]) == (0, 11)  # the annotator's task
    page.get_by_test_id("concept-job").wait_for()
    page.locator("[data-testid=concept-list] li").first.wait_for(timeout=600_000)
    wait_until(lambda: api.get(f"/api/jobs/{job['id']}/")["status"] == "succeeded", timeout=600, what="the concept job")

    proposals = [m for m in api.get(f"/api/videos/{video}/masklets/") if m["origin"] == "concept"]
    assert proposals and all(m["concept"] == "square" and m["status"] == "needs_verification" for m in proposals)
    page.locator("[data-testid=concept-list] li").nth(len(proposals) - 1).wait_for()
    first = proposals[0]["id"]
    assert page.get_by_test_id(f"concept-text-{first}").inner_text() == "square"

    page.get_by_test_id(f"concept-accept-{first}").click()
    wait_until(lambda: api.get(f"/api/masklets/{first}/")["status"] == "draft", what="the accepted proposal")
    page.get_by_test_id(f"masklet-{first}").wait_for()  # now among the objects
    if len(proposals) > 1:
        second = proposals[1]["id"]
        page.get_by_test_id(f"concept-discard-{second}").click()
        wait_until(lambda: api.session.get(api.base + f"/api/masklets/{second}/").status_code == 404,
                   what="the discarded proposal")
        page.get_by_test_id(f"concept-{second}").wait_for(state="detached")

    # A click is answered by the worker's model, and the workspace says which.
    _box(page, 6, 16, 38, 48)
    page.get_by_test_id("answered-by").wait_for(timeout=120_000)
    assert page.get_by_test_id("answered-by").inner_text() == "answered by sam3"
    assert not page.js_errors
