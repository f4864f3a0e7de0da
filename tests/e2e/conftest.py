"""Browser fixtures for the end-to-end tests: Debian's Chromium driven by Python Playwright
against the real ASGI server (`live_server_url`) and a real Celery worker (`celery_worker`).

Test data is committed (`transactional_db`) so the server and worker processes see it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.factories import PASSWORD, Team, make_team

T = TypeVar("T")
CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "frontend" / "dist" / "index.html"
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser(live_server_url: str) -> Iterator[Any]:
    # Playwright's sync API keeps an asyncio loop running in this thread, which makes Django
    # refuse the test process's own database calls (factories, flushes). Allow them here, only
    # in this process and only after the server subprocess started without the flag, so the
    # server still catches sync database calls made from async code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield from _launch()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _launch() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: `make test` installs it (scripts/browser.sh)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    if not DIST.is_file():
        pytest.fail("the browser app is not built: run `make frontend` (cd frontend && npm ci && npm run build)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def off_loop(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run Django code in a plain thread: no asyncio loop there, so services can publish events."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_closing_connections, fn, *args, **kwargs).result()


def _closing_connections(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    from django.db import connections

    try:
        return fn(*args, **kwargs)
    finally:
        connections.close_all()


@pytest.fixture
def team(transactional_db: Any) -> Team:
    """Manager, annotator (assigned), other annotator, reviewer and outsider on a 12-frame video."""
    return off_loop(make_team, "e2e", frames=12)


@pytest.fixture
def open_page(transactional_db: Any, browser: Any, live_server_url: str, request: pytest.FixtureRequest
              ) -> Iterator[Callable[..., Any]]:
    """`open_page(user)` → a Playwright page logged in as `user` (None: logged out), in its own context.

    It depends on `transactional_db` so that its pages close before pytest-django empties the
    tables: a page still fetching (200 masklets' masks, say) made the server read tables while
    TRUNCATE locked them, and the flush deadlocked."""
    contexts: list[Any] = []

    def open_(user: Any | None = None, path: str = "/") -> Any:
        context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=live_server_url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        if os.environ.get("E2E_DEBUG"):
            page.on("console", lambda m: print(f"[{user and user.username}] console {m.type}: {m.text}"))
            page.on("response", lambda r: print(f"[{user and user.username}] {r.request.method} {r.url} {r.status}"))
        page.js_errors = errors  # type: ignore[attr-defined]
        if user is not None:
            login(page, user.username)
        if path != "/" or user is None:
            page.goto(path)
        return page

    yield open_
    failed = getattr(request.node, "rep_call", None)
    for i, context in enumerate(contexts):
        if failed is not None and failed.failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            for j, page in enumerate(context.pages):
                page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{i}-{j}.png"))
        context.close()
    if contexts:
        time.sleep(0.5)  # the server finishes the requests the closed pages had in flight


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def login(page: Any, username: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(password)
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("current-user").wait_for()


def canvas_point(page: Any, x: float, y: float) -> tuple[float, float]:
    """Page coordinates of video pixel (x, y) on the workspace canvas (its data-view is scale,tx,ty)."""
    canvas = page.get_by_test_id("canvas")
    box = canvas.bounding_box()
    scale, tx, ty = (float(v) for v in canvas.get_attribute("data-view").split(","))
    return box["x"] + tx + x * scale, box["y"] + ty + y * scale


def canvas_rgb(page: Any, x: float, y: float) -> tuple[int, int, int]:
    """The colour on screen of video pixel (x, y) of the workspace canvas, read from its pixels."""
    rgb = page.evaluate(
        """([x, y]) => {
          const c = document.querySelector("[data-testid=canvas]");
          const [s, tx, ty] = c.dataset.view.split(",").map(Number);
          const d = window.devicePixelRatio || 1;
          const px = c.getContext("2d").getImageData(Math.floor((tx + x * s) * d), Math.floor((ty + y * s) * d), 1, 1).data;
          return [px[0], px[1], px[2]];
        }""",
        [x + 0.5, y + 0.5],
    )
    return (int(rgb[0]), int(rgb[1]), int(rgb[2]))


def drawn_masks(*pairs: tuple[int, int]) -> str:
    """The canvas's data-drawn-masks for masks (masklet, version) drawn on the frame shown."""
    return " ".join(sorted(f"{m}:{v}" for m, v in pairs))


def wait_drawn(page: Any, frame: int, masks: str | None = None, timeout: float = 30_000) -> None:
    """Wait until the canvas has drawn `frame` (its image loaded) with exactly `masks` (drawn_masks)."""
    selector = f"[data-testid=canvas][data-drawn-frame='{frame}']"
    if masks is not None:
        selector += f"[data-drawn-masks='{masks}']"
    page.locator(selector).wait_for(timeout=timeout)


def inside(mask: dict[str, Any]) -> tuple[int, int]:
    """A video pixel deep inside a mask as the API answers it (the farthest from its border)."""
    import cv2
    import numpy as np

    import maskcodec

    m = maskcodec.decode(mask["rle"]).astype(np.uint8)
    assert m.any(), "the mask is empty"
    dist = cv2.distanceTransform(np.pad(m, 1), cv2.DIST_L2, 3)[1:-1, 1:-1]
    y, x = np.unravel_index(int(np.argmax(dist)), dist.shape)
    return int(x), int(y)


def assert_mask_shows(page: Any, mask: dict[str, Any]) -> None:
    """`mask` (as the API answers it) is drawn: the canvas shows its frame with this version of
    it, and a pixel inside it changes when masks are hidden (H) and comes back when shown."""
    frame, masklet, version = mask["frame"], mask["masklet"], mask["version"]
    x, y = inside(mask)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")  # keys reach the shortcuts
    page.locator(f"[data-testid=canvas][data-drawn-frame='{frame}'][data-drawn-masks*='{masklet}:{version}']").wait_for()
    shown = canvas_rgb(page, x, y)
    page.keyboard.press("h")
    wait_drawn(page, frame, "")
    hidden = canvas_rgb(page, x, y)
    page.keyboard.press("h")
    page.locator(f"[data-testid=canvas][data-drawn-frame='{frame}'][data-drawn-masks*='{masklet}:{version}']").wait_for()
    assert canvas_rgb(page, x, y) == shown
    assert sum(abs(a - b) for a, b in zip(shown, hidden, strict=True)) > 30, (shown, hidden)


def open_workspace(page: Any, path: str) -> None:
    page.goto(path)
    page.locator("[data-testid=canvas][data-loaded='1']").wait_for()
    page.locator("[data-testid=connection-status]", has_text="live").wait_for()


class Rest:
    """The REST API as `user`, over HTTP against the live server (so its events reach browsers)."""

    def __init__(self, base: str, token: str) -> None:
        import requests

        self.base = base
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Token {token}"

    def call(self, method: str, path: str, expect: int | tuple[int, ...] = (200, 201, 202, 204), **kwargs: Any) -> Any:
        response = self.session.request(method, self.base + path, timeout=60, **kwargs)
        codes = (expect,) if isinstance(expect, int) else expect
        assert response.status_code in codes, f"{method} {path}: {response.status_code} {response.text[:500]}"
        return response.json() if response.content else None

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.call("POST", path, json=body if body is not None else {}, **kwargs)

    def put(self, path: str, body: Any, **kwargs: Any) -> Any:
        return self.call("PUT", path, json=body, **kwargs)

    def patch(self, path: str, body: Any, **kwargs: Any) -> Any:
        return self.call("PATCH", path, json=body, **kwargs)


@pytest.fixture
def rest(live_server_url: str, transactional_db: Any) -> Callable[[Any], Rest]:
    def for_user(user: Any) -> Rest:
        from tests.factories import token_for

        token = off_loop(lambda: token_for(user))
        return Rest(live_server_url, token)

    return for_user


def wait_until(check: Callable[[], Any], timeout: float = 30, interval: float = 0.25, what: str = "condition") -> Any:
    """Poll `check` until it returns something truthy (for state that lives on the server)."""
    import time

    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}; last value: {last!r}")


def square_rle(top: int, left: int, size: int, height: int = 64, width: int = 96) -> dict[str, Any]:
    """COCO compressed RLE of a filled square, as pycocotools writes it."""
    import numpy as np
    from pycocotools import mask as mask_utils

    m = np.zeros((height, width), dtype=np.uint8)
    m[top : top + size, left : left + size] = 1
    rle = mask_utils.encode(np.asfortranarray(m))
    return {"size": [int(v) for v in rle["size"]], "counts": rle["counts"].decode()}
